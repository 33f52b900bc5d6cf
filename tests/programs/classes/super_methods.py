# super().m(...), super().attr and their fallbacks: the MRO with multiple
# inheritance, classmethods and staticmethods, shadowed names, dunders reached
# through super, properties, and the RuntimeErrors of a super() with no class or
# no first argument.


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


# --- the MRO with multiple inheritance: each super() call goes one step on ---------
class Base:
    def who(self, trail):
        return trail + ["Base"]

    def hello(self):
        return "Base.hello"


class Left(Base):
    def who(self, trail):
        return super().who(trail + ["Left"])


class Right(Base):
    def who(self, trail):
        return super().who(trail + ["Right"])

    def hello(self):
        return "Right.hello>" + super().hello()


class Diamond(Left, Right):
    def who(self, trail):
        return super().who(trail + ["Diamond"])

    def hello(self):
        return "Diamond.hello>" + super().hello()


print([c.__name__ for c in Diamond.__mro__])
print(Diamond().who([]))
print(Left().who([]))
print(Diamond().hello())
# The MRO is the instance's type's: Left's super() goes to Right for a Diamond.
print(Left.who(Diamond(), ["via Left.who"]))


# --- cooperative __init__ with keyword arguments ---------------------------------
class Shape:
    def __init__(self, **kw):
        self.rest = kw
        super().__init__()


class Colored(Shape):
    def __init__(self, color="red", **kw):
        self.color = color
        super().__init__(**kw)


class Sized(Shape):
    def __init__(self, size=1, **kw):
        self.size = size
        super().__init__(**kw)


class Box(Colored, Sized):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)


b = Box(color="blue", size=3, extra=True)
print(b.color, b.size, b.rest)


# --- classmethods, staticmethods and class attributes through super ---------------
class A:
    tag = "A.tag"

    def m(self, x):
        return ("A.m", x)

    @classmethod
    def make(cls, x):
        return ("A.make", cls.__name__, x)

    @staticmethod
    def util(x):
        return ("A.util", x)

    @property
    def prop(self):
        return "A.prop"


class B(A):
    tag = "B.tag"

    def m(self, x):
        return ("B.m",) + super().m(x)

    @classmethod
    def make(cls, x):
        return ("B.make",) + super().make(x)

    @staticmethod
    def util(x):
        # No first argument: zero-argument super() cannot work here.
        return super().util(x)

    @staticmethod
    def util2(obj):
        # A first argument that is an instance: CPython accepts this.
        return super().m(type(obj).__name__)

    @property
    def prop(self):
        return "B.prop>" + super().prop

    def via_static(self):
        return super().util(5)

    def via_class(self):
        return super().make(6)

    def tags(self):
        return self.tag, super().tag

    def bound(self):
        m = super().m
        return m.__func__.__qualname__, m.__self__ is self, m(7)

    def set_prop(self):
        super().prop = 1


print(B().m(1))
print(B.make(2), B().make(3))
show("staticmethod super():", lambda: B.util(4))
show("staticmethod super() with an instance:", lambda: B.util2(B()))
show("staticmethod super() with a non-instance:", lambda: B.util2(8))
print(B().prop)
print(B().via_static(), B().via_class())
print(B().tags())
print(B().bound())
show("assigning through super:", lambda: B().set_prop())


# --- dunders through super: __getattribute__, __setattr__, __repr__, __eq__ ----------
class Tracked:
    def __init__(self):
        object.__setattr__(self, "log", [])

    def __getattribute__(self, name):
        if name.startswith("v_"):
            return "virtual " + name
        return super().__getattribute__(name)

    def __setattr__(self, name, value):
        self.log.append(name)
        super().__setattr__(name, value * 2)

    def __repr__(self):
        return "Tracked(" + super().__repr__().split(" ")[0] + ")"

    def __eq__(self, other):
        return super().__eq__(other)

    def __hash__(self):
        return super().__hash__() * 0 + 7


t = Tracked()
t.x = 21
print(t.x, t.v_thing, t.log)
print(repr(t))
print(t == t, t == 1, t.__eq__(1), hash(t))
show("missing through super:", lambda: super(Tracked, t).nothing)


class Quiet(Tracked):
    def shout(self):
        return super().shout()


show("missing method through super():", lambda: Quiet().shout())


# --- built-in bases ------------------------------------------------------------------
class Doubling(list):
    def append(self, x):
        super().append(x * 2)

    def __getitem__(self, i):
        return ("item", super().__getitem__(i))


d = Doubling()
d.append(1)
d.append(5)
print(list(d), d[1], len(d))


class LowerDict(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.lower(), v)

    def get(self, k, default=None):
        return super().get(k.lower(), default)


ld = LowerDict()
ld["AbC"] = 1
print(ld, ld.get("ABC"), ld.get("zz", "none"))


class Strict(object):
    def __init__(self, x):
        super().__init__(x)


show("object.__init__ with an argument:", lambda: Strict(1))


# --- metaclasses and __init_subclass__ -------------------------------------------------
class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["made_by"] = "Meta"
        return super().__new__(mcls, name, bases, ns)

    def __call__(cls, *args):
        inst = super().__call__(*args)
        inst.called = True
        return inst


class WithMeta(metaclass=Meta):
    def __init__(self, v):
        self.v = v


w = WithMeta(3)
print(WithMeta.made_by, w.v, w.called)


class Plugin:
    registry = []

    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry.append(cls.__name__)


class P1(Plugin):
    pass


class P2(P1):
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry.append("via P2")


class P3(P2):
    pass


print(Plugin.registry)


class Alloc:
    count = 0

    def __new__(cls, *args):
        Alloc.count += 1
        return super().__new__(cls)


class Alloc2(Alloc):
    def __new__(cls, *args):
        inst = super().__new__(cls, *args)
        inst.args = args
        return inst


a2 = Alloc2(1, 2)
print(type(a2).__name__, a2.args, Alloc.count)


# --- a name `super` that is not the built-in ---------------------------------------------
class Local(A):
    def m(self, x):
        super = lambda: A()
        return ("local super",) + super().m(x)


print(Local().m(9))


class Param(A):
    def m(self, x, super=None):
        return ("param super", super)


print(Param().m(1, super="given"))

fake_src = """
class Fake:
    def __init__(self, *args):
        self.args = args
    def m(self, x):
        return ("Fake.m", len(self.args), x)
    def __getattr__(self, name):
        return "fake " + name
def super(*args):
    return Fake(*args)
class G(A):
    def m(self, x):
        return super().m(x)
    def other(self):
        return super().other
    def kw(self):
        return super().m(x=1)
result = (G().m(10), G().other(), )
"""
ns = {"A": A}
exec(fake_src, ns)
print(ns["result"])
show("fake super() with a keyword:", lambda: ns["G"]().kw())

# exec'd code without a global `super`: the built-in one.
ns2 = {}
exec(
    """
class H:
    def m(self):
        return "H.m"
class I(H):
    def m(self):
        return "I.m>" + super().m()
r = I().m()
""",
    ns2,
)
print(ns2["r"])


# --- the first argument in a cell, deleted, or missing; nested functions ---------------------
class Cells(A):
    def m(self, x):
        get = lambda: self
        return ("cell",) + super().m(x) + (get() is self,)

    def deleted(self):
        del self
        return super().m(1)

    def nested(self):
        def inner():
            return super().m(2)

        return inner()

    def nested_arg(self):
        def inner(obj):
            return super().m(3)

        return inner(self)

    def nested_other(self):
        def inner(obj):
            return super().m(3)

        return inner(42)

    def in_lambda(self):
        return (lambda me: super().m(4))(self)

    def in_comprehension(self):
        return [super().m(i) for i in range(2)]

    def in_generator(self):
        yield super().m(5)
        yield super().tag


print(Cells().m(0))
show("deleted self:", lambda: Cells().deleted())
show("nested, no arguments:", lambda: Cells().nested())
show("nested, an instance argument:", lambda: Cells().nested_arg())
show("nested, another argument:", lambda: Cells().nested_other())
show("lambda:", lambda: Cells().in_lambda())
show("comprehension:", lambda: Cells().in_comprehension())
print(list(Cells().in_generator()))


def outside(self):
    return super().m(1)


show("no enclosing class:", lambda: outside(B()))


class Early:
    def m(self):
        return super().__repr__()

    try:
        m(1)
    except RuntimeError as e:
        print("class body:", e)


show("not an instance:", lambda: B.m(1, 2))


class Unrelated:
    pass


show("an unrelated instance:", lambda: B.m(Unrelated(), 2))


# --- async methods ---------------------------------------------------------------------
import asyncio


class AsyncBase:
    async def run(self, x):
        await asyncio.sleep(0)
        return ["AsyncBase", x]


class AsyncChild(AsyncBase):
    async def run(self, x):
        return ["AsyncChild"] + await super().run(x)


print(asyncio.run(AsyncChild().run(1)))


# --- explicit two-argument super still works beside the zero-argument form -------------
class Two(B):
    def m(self, x):
        return ("Two.m",) + super(B, self).m(x)


print(Two().m(1))
print(super(Two, Two()).m(2))
print(repr(super(B, B())).startswith("<super: <class 'B'>, <B object>>"))
