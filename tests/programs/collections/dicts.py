# dict methods and ordering: get, keys, values, items, pop, popitem, setdefault, update, fromkeys.
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "b" in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("b"), d, d.pop("zz", "default"))
d["b"] = 20
print(d)
del d["a"]
d["a"] = 100
print(d, list(d))
print(d.setdefault("c", 999), d.setdefault("new", []), d)
d.setdefault("lst", []).append(1)
d.setdefault("lst", []).append(2)
print(d["lst"])
d.update({"c": -3, "z": 26})
d.update(y=25)
d.update([("x", 24)])
print(d)
print(d.popitem(), d.popitem(), len(d))
c = d.copy()
c["c"] = "changed"
print(d["c"], c["c"])
c.clear()
print(c, d == d.copy())
print(dict.fromkeys(["a", "b"]), dict.fromkeys("xy", 0), dict(a=1, b=2), dict(zip("abc", range(3))))
print({1: "a", 1.0: "b"}, {True: 1, 1: 2}, {(1, 2): "tuple key"}[(1, 2)])
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
for k, v in {"x": 1, "y": 2}.items():
    print(k, v)
inv = {v: k for k, v in counts.items()}
print(inv)
ks = d.keys()
d["late"] = 1
print("late" in ks, len(ks))
print({"a": 1} == {"a": 1.0}, {"a": 1, "b": 2} == {"b": 2, "a": 1}, list({"b": 1, "a": 2}))
nested = {"outer": {"inner": [1, {"deep": "value"}]}}
print(nested["outer"]["inner"][1]["deep"], nested)
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e, repr(e), e.args)
e = {}
e[0] = "zero"; e[-1] = "neg"; e[10] = "ten"
print(e, sorted(e), max(e), list(reversed(list(e))))
try:
    for k in d:
        d["added " + k] = 1
except RuntimeError as err:
    print("RuntimeError:", err)
