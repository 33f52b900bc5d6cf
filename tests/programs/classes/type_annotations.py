# A class's __annotations__ can be assigned and deleted (a built-in type's cannot);
# dict keys and items views are set-like and unhashable, values views hash by identity.
class C:
    x: int
print(C.__annotations__)
C.__annotations__ = {"y": str}
print(C.__annotations__, C.__dict__["__annotations__"])
del C.__annotations__
print("__annotations__" in C.__dict__, C.__annotations__)
class D:
    pass
D.__annotations__ = {"z": float}
print(D.__annotations__)
try:
    int.__annotations__ = {}
except TypeError as e:
    print("TypeError", e)
d = {1: 2}
for v in [d.keys(), d.items(), d.values()]:
    try:
        print(type(v).__name__, isinstance(hash(v), int))
    except TypeError as e:
        print(type(v).__name__, "TypeError", e)
try:
    {d.keys(): 1}
except TypeError as e:
    print("TypeError", e)
