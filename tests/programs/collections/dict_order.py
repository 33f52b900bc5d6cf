# Dict iteration order: insertion order, after delete and re-insert, update of existing keys.
d = {}
for k in ["z", "a", "m", "b"]:
    d[k] = len(d)
print(d, list(d), list(d.values()))
d["a"] = "updated"
print(list(d))
del d["z"]
d["z"] = "back"
print(d)
d.pop("m")
d["m"] = "again"
print(list(d.items()))
d.update({"b": "b2", "new": 0})
print(list(d))
print(list(reversed(list(d))), sorted(d), sorted(d, key=lambda k: str(d[k])))
e = dict.fromkeys("hello")
print(list(e), len(e))
f = {3: "c", 1: "a", 2: "b"}
print(f, list(f), sorted(f.items()), {k: f[k] for k in sorted(f)})
g = {}
g[10] = 1; g[5] = 2; g[7] = 3
del g[10]; g[10] = 4
print(g, next(iter(g)), g.popitem(), g)
h = {"x": 1, "y": 2}
h2 = {"y": 2, "x": 1}
print(h == h2, list(h) == list(h2))
merged = dict(h)
merged.update(h2)
print(merged)
nested = {"b": {"y": 1, "x": 2}, "a": {}}
print(nested, [list(v) for v in nested.values()])
counts = {}
for w in "b a c a b a".split():
    counts[w] = counts.get(w, 0) + 1
print(counts, max(counts, key=counts.get), [k for k in counts if counts[k] > 1])
