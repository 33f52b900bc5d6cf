# Dict unpacking in displays, Ellipsis, starred displays.
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print({**a, **b})
print({**b, **a})
print({"w": 0, **a, "y": 99, **b, "q": -1})
print({**{}}, {**a}, {**a} is a)
class Mapping:
    def keys(self):
        return ["k1", "k2"]
    def __getitem__(self, key):
        return key.upper()
print({**Mapping(), "k3": 3})
for bad in (1, [("a", 1)], "ab"):
    try:
        print({**bad})
    except TypeError as e:
        print("TypeError:", e)
def kw(**k):
    return k
print(kw(**{**a, "z": 3}))
print(..., Ellipsis, type(...).__name__, ... is Ellipsis, ... == ..., repr(...), str(...))
print([..., 1][0], {...: "e"}[Ellipsis], bool(...))
def stub():
    ...
print(stub())
t = (*a, *b)
print(t, [*a.values()], sorted({*a, *b}))
