# strings.py -- string building and scanning: f-strings with format specs,
# "".join, split, replace, find, startswith, upper/lower, slicing, len,
# str concatenation, ord.
#
# Usage: strings.py [N]   (default N=10000 records)
# Every count is checked against a closed form computed without strings.
# bench-size: 100000
import sys


def build(n):
    parts = []
    for i in range(n):
        # e.g. "rec00042:  3:00ab|"
        parts.append(f"rec{i:05d}:{i * 7 % 13:>3}:{i % 256:04x}|")
    return "".join(parts)


def count_occurrences(text, needle):
    count = 0
    pos = text.find(needle)
    while pos >= 0:
        count += 1
        pos = text.find(needle, pos + 1)
    return count


def checksum(s):
    total = 0
    for ch in s[::97]:
        total = (total * 131 + ord(ch)) % 1000003
    return total


def main():
    n = 10000
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    text = build(n)
    record_len = len("rec00000:  0:0000|")
    ok = True
    # the index field is zero-padded to 5 digits and grows beyond 99999
    expect_len = n * (record_len - 5)
    for i in range(n):
        expect_len += max(5, len(str(i)))
    if len(text) != expect_len:
        print(f"FAIL: length {len(text)} != {expect_len}")
        ok = False

    fields = text.split("|")
    if len(fields) != n + 1 or fields[-1] != "":
        print(f"FAIL: split gave {len(fields)} fields")
        ok = False

    # i * 7 % 13 == 0 exactly when i % 13 == 0
    zeros = count_occurrences(text, ":  0:")
    if zeros != (n + 12) // 13:
        print(f"FAIL: found {zeros} zero fields, expected {(n + 12) // 13}")
        ok = False

    shorter = text.replace("rec", "r")
    if len(shorter) != len(text) - 2 * n:
        print("FAIL: replace changed the length wrongly")
        ok = False

    upper = text.upper()
    # the hex digits a-f become A-F; count records whose low byte has a letter
    letters = 0
    for i in range(n):
        h = f"{i % 256:04x}"
        for ch in h:
            if ch >= "a":
                letters += 1
    diff = 0
    for k in range(len(text)):
        if text[k] != upper[k]:
            diff += 1
    if diff != letters + 3 * n:   # plus "rec" -> "REC" in every record
        print(f"FAIL: upper changed {diff} chars, expected {letters + 3 * n}")
        ok = False

    keys = []
    for f in fields:
        if f.startswith("rec"):
            keys.append(int(f[3:f.find(":")]))
    if keys != list(range(n)):
        print("FAIL: parsed keys differ")
        ok = False

    summary = " ".join([f.split(":")[1].strip() for f in fields[:5]])
    print(f"strings({n}): length={len(text)} zeros={zeros} "
          f"checksum={checksum(text)} head=[{summary}]")
    if not ok:
        sys.exit(1)


main()
