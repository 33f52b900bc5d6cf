# re_bench.py -- the re module on a generated log: search/match per line with
# groups, findall, finditer with named groups, sub with a template and a callable,
# split, fullmatch validation, and module-level calls through the pattern cache;
# prints counts and checksums.
#
# Usage: re_bench.py [N]   (default N=2000 lines)
# bench-size: 20000
import sys
import re

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
levels = ["INFO", "WARN", "ERROR", "DEBUG"]
lines = []
for i in range(n):
    lines.append(f"2024-05-{i % 28 + 1:02d} 12:{i % 60:02d}:{(i * 7) % 60:02d} "
                 f"{levels[i % 4]} user{i % 97}@host{i % 13}.example.com "
                 f"took {i * 37 % 1000}ms path=/api/v{i % 3}/items/{i} ok")
text = "\n".join(lines)

line_re = re.compile(r"^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) (\w+) (\S+)")
total = 0
for line in lines:
    m = line_re.match(line)
    total += int(m.group(3)) + len(m.group(8))
print("match", total)

errors = sum(1 for line in lines if re.search(r"\bERROR\b", line))
print("search", errors)

ms = re.findall(r"took (\d+)ms", text)
print("findall", len(ms), sum(map(int, ms)))

emails = re.compile(r"(?P<user>\w+)@(?P<host>[\w.]+)")
hosts = {}
for m in emails.finditer(text):
    hosts[m.group("host")] = hosts.get(m.group("host"), 0) + 1
print("finditer", len(hosts), sum(hosts.values()))

masked = re.sub(r"user(\d+)@", r"u\1#", text)
print("sub template", len(masked), masked.count("#"))
doubled = re.sub(r"\d+ms", lambda m: str(int(m.group()[:-2]) * 2) + "ms", text)
print("sub callable", len(doubled))

words = 0
for line in lines[: n // 4]:
    words += len(re.split(r"[\s=/]+", line))
print("split", words)

valid = sum(1 for i in range(n) if re.fullmatch(r"[a-z]+\d*", f"item{i}" if i % 5 else f"Item{i}"))
print("fullmatch", valid)
