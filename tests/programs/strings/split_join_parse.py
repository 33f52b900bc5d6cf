# Parsing text with split/strip/join: CSV-like rows, key=value config, columns.
csv = """name,age,city
Alice,30,Paris
Bob,25,Berlin
Carol,35,Rome"""
rows = [line.split(",") for line in csv.splitlines()]
header, data = rows[0], rows[1:]
print(header)
for r in data:
    rec = dict(zip(header, r))
    print(rec["name"].ljust(6), rec["age"].rjust(3), rec["city"].center(8, "."))
print(sum(int(r[1]) for r in data) / len(data))
config = """
# comment
host = example.org
port=8080
  debug = true
empty =
"""
settings = {}
for line in config.splitlines():
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    key, value = line.split("=", 1)
    settings[key.strip()] = value.strip()
print(settings)
print(int(settings["port"]) + 1, settings["debug"] == "true", repr(settings["empty"]))
table = [["id", "score"], ["1", "9.5"], ["22", "10.25"]]
widths = [max(len(r[i]) for r in table) for i in range(2)]
for r in table:
    print(" | ".join(cell.rjust(w) for cell, w in zip(r, widths)))
path = "/usr/local/lib/python3/site.py"
parts = path.split("/")
print(parts, parts[-1].rsplit(".", 1), "/".join(parts[:-1]))
sentence = "  multiple   spaces   here  "
print(sentence.split(), "_".join(sentence.split()), sentence.split(" ")[:4])
print("a=1;b=2;c=3".split(";"), dict(kv.split("=") for kv in "a=1;b=2".split(";")))
nums = "3 1 4 1 5 9 2 6"
print(sorted(map(int, nums.split())), max(nums.split(), key=int), " ".join(sorted(nums.split(), reverse=True)))
