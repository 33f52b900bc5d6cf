# One LOAD_ATTR/STORE_ATTR line used on __slots__ instances while the classes change
# under it: every result must be what a fresh lookup gives.


class P:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Q(P):
    __slots__ = ("z",)

    def __init__(self, x, y, z):
        super().__init__(x, y)
        self.z = z


class D(P):
    # A subclass with a __dict__: the slot still wins over the dict.
    pass


def read(o):
    return o.x


def write(o, v):
    o.x = v


objs = [P(1, 2), Q(3, 4, 5), D(6, 7)]
for o in objs * 2:
    print(type(o).__name__, read(o))
for i, o in enumerate(objs):
    write(o, i * 10)
print([read(o) for o in objs])

d = D(1, 2)
d.__dict__["x"] = "from dict"
print(read(d), d.__dict__)

# An empty slot: AttributeError from the same line that read it before.
e = P(1, 2)
del e.x
try:
    read(e)
except AttributeError as exc:
    print("AttributeError:", exc)
write(e, 99)
print(read(e))

# A class change after the line has run: __getattribute__ / __setattr__ added.
for i in range(3):
    o = P(i, i)
    print("read", read(o))
    write(o, i + 100)
    print("after write", o.x)
    if i == 1:
        P.__getattribute__ = lambda self, name: ("hooked", name)
        P.__setattr__ = lambda self, name, v: print("setattr", name, v)
del P.__getattribute__
del P.__setattr__

# The member replaced by a property on the class.
o = P(5, 6)
print(read(o))
P.x = property(lambda self: "property")
print(read(o))


# __getattr__ runs only when the slot is empty.
class G:
    __slots__ = ("a",)

    def __getattr__(self, name):
        return "fallback " + name


g = G()


def read_a(o):
    return o.a


print(read_a(g))
g.a = 1
print(read_a(g))
del g.a
print(read_a(g))

# Old values are released when a slot is overwritten.
class Noisy:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("freed", self.n)


class R:
    __slots__ = ("x",)


h = R()
for k in range(1, 4):
    write(h, Noisy(k))
del h
print("done")
