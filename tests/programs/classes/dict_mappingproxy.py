# A class's __dict__ is a read-only live mappingproxy, as CPython's.
import types


class C:
    a = 1

    def m(self):
        return 2


d = C.__dict__
print(type(d).__name__, type(d) is types.MappingProxyType)
print(d["a"], "a" in d, "zz" in d, d.get("zz", 7), d.get("a"))
print(sorted(k for k in d if not k.startswith("__")))
print(sorted(k for k in d.keys() if not k.startswith("__")))
print(len(d) == len(list(d)), len(d) == len(d.items()))
print(d["m"](C()))
try:
    d["a"] = 5
except TypeError as e:
    print("TypeError:", e)
try:
    del d["a"]
except TypeError as e:
    print("TypeError:", e)
try:
    d["nope"]
except KeyError as e:
    print("KeyError:", e)

# Live: later writes to the class show through the same proxy.
n = len(d)
C.b = 10
print(d["b"], "b" in d, len(d) == n + 1)
del C.a
print("a" in d)

c = d.copy()
print(type(c).__name__, c["b"])
c["x"] = 1
print("x" in d)


class E:
    x = 1


print(repr(E.__dict__).startswith("mappingproxy({"), "'x': 1" in repr(E.__dict__))
print(sorted(v for k, v in E.__dict__.items() if k == "x"))
print(1 in list(E.__dict__.values()))
print(type(int.__dict__).__name__, "bit_length" in int.__dict__)

# types.MappingProxyType over a dict: read-only, live.
src = {"k": 1}
p = types.MappingProxyType(src)
print(p, len(p), p["k"])
src["j"] = 2
print(p, list(p), list(p.items()))
print(p | {"z": 3}, {"z": 3} | p)
print(p == {"k": 1, "j": 2}, p != src)
try:
    p["k"] = 0
except TypeError as e:
    print("TypeError:", e)
try:
    types.MappingProxyType([1, 2])
except TypeError as e:
    print("TypeError:", e)
