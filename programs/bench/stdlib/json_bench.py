# json_bench.py -- json.dumps/json.loads of a list of records (nested dicts and lists
# of str, int, float, bool, None; ASCII and non-ASCII text), compact, sorted and
# indented; and many small documents; prints sizes and checksums.
#
# Usage: json_bench.py [N]   (default N=2000 records)
# bench-size: 20000
import sys
import json

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
records = []
for i in range(n):
    records.append({
        "id": i,
        "name": f"user{i}",
        "email": f"user{i}@example.com",
        "score": (i * 7919 % 1000) / 7,
        "active": i % 3 == 0,
        "tags": ["a", "bb", "ccc"][: i % 4],
        "city": ["Zürich", "東京", "Paris", None][i % 4],
        "history": [{"t": i + k, "v": k * 1.5} for k in range(i % 5)],
        "big": 10 ** 20 + i,
    })

text = json.dumps(records)
back = json.loads(text)
print("compact", len(text), back == records)
s = json.dumps(records, sort_keys=True, indent=2, ensure_ascii=False)
print("indented", len(s), json.loads(s) == records)
t = json.dumps(records, separators=(",", ":"))
print("separators", len(t), sum(r["id"] for r in json.loads(t)))

total = 0
for r in records:
    doc = json.dumps(r)
    total += len(doc) + json.loads(doc)["id"]
print("small docs", total)
pairs = json.loads(text, object_pairs_hook=lambda p: len(p))
print("pairs hook", sum(pairs))
