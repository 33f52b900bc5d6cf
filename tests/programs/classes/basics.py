# Classes: __init__, class vs instance attributes, methods, str/repr.
class Dog:
    species = "canis"
    count = 0
    def __init__(self, name, tricks=None):
        self.name = name
        self.tricks = tricks if tricks is not None else []
        Dog.count += 1
    def add_trick(self, t):
        self.tricks.append(t)
        return self
    def describe(self):
        return self.name + " knows " + ", ".join(self.tricks)
a = Dog("Rex")
b = Dog("Fido", ["sit"])
a.add_trick("roll").add_trick("beg")
print(a.describe(), "|", b.describe())
print(Dog.count, a.count, b.species, Dog.species)
a.species = "wolf"
print(a.species, b.species, Dog.species)
Dog.species = "dog"
print(a.species, b.species)
del a.species
print(a.species)
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return "Point(" + repr(self.x) + ", " + repr(self.y) + ")"
    def __str__(self):
        return "(" + str(self.x) + ", " + str(self.y) + ")"
p = Point(1, "two")
print(p, repr(p), str(p), [p], (p,), {"k": p})
print(f"{p} {p!r}")
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr()"
print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()])
class OnlyStr:
    def __str__(self):
        return "just str"
print(OnlyStr(), str(OnlyStr()))
print(isinstance(p, Point), isinstance(p, Dog), type(p) is Point, type(p).__name__)
print(hasattr(p, "x"), hasattr(p, "z"), getattr(p, "y"), getattr(p, "z", "default"))
setattr(p, "z", 99)
print(p.z, getattr(p, "z"))
class Empty:
    pass
e = Empty()
e.anything = [1]
e.anything.append(2)
print(e.anything)
class Shared:
    items = []
    def add(self, v):
        self.items.append(v)
s1 = Shared()
s2 = Shared()
s1.add(1); s2.add(2)
print(Shared.items, s1.items is s2.items)
class WithMethodCallingMethod:
    def a(self):
        return "a" + self.b()
    def b(self):
        return "b"
print(WithMethodCallingMethod().a())
print(Point.__name__, type(Point).__name__, callable(Point))
