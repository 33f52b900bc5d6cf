# property, classmethod and staticmethod as base classes (CPython allows all three):
# extra attributes, overridden __get__/__set__, __set_name__, getter/setter copies
# made through the subclass, and cached_property-like patterns. Docstrings are set
# with `doc` (gilvm keeps no function docstrings yet, docs/language.md).


def doc(text):
    def deco(f):
        f.__doc__ = text
        return f

    return deco


class TypedProperty(property):
    """A property that checks the type of what is assigned."""

    def __init__(self, fget=None, fset=None, fdel=None, doc=None, *, kind=object):
        super().__init__(fget, fset, fdel, doc)
        self.kind = kind

    def __set_name__(self, owner, name):
        super().__set_name__(owner, name)
        self.public_name = name
        self.owner_name = owner.__name__

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.public_name} must be {self.kind.__name__}")
        super().__set__(obj, value)


@doc("the x coordinate")
def _get_x(self):
    return self._x


def _set_x(self, v):
    self._x = v


class Point:
    x = TypedProperty(_get_x, _set_x, kind=int)

    def __init__(self, x):
        self.x = x


p = Point(3)
print(p.x, type(Point.__dict__["x"]).__name__, Point.x.kind, Point.x.public_name, Point.x.owner_name)
p.x = 5
print(p.x)
try:
    p.x = "five"
except TypeError as e:
    print("TypeError:", e)
print(Point.x.__doc__, Point.x.fget is _get_x, Point.x.fset is _set_x, Point.x.fdel)
print(isinstance(Point.x, property), issubclass(TypedProperty, property))
print(sorted(vars(Point.x)))
print(TypedProperty.__mro__)


# @x.setter on a subclass makes a new instance of the subclass (through its
# constructor, so extra constructor state is not copied, as in CPython).
class Logged(property):
    log = []

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        Logged.log.append(("get", self.fget.__name__))
        return super().__get__(obj, objtype)


class Temp:
    def __init__(self):
        self._c = 0

    @Logged
    @doc("degrees")
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        self._c = v

    @celsius.deleter
    def celsius(self):
        self._c = None


t = Temp()
t.celsius = 21
print(t.celsius, type(Temp.__dict__["celsius"]).__name__, Temp.celsius.__doc__)
del t.celsius
print(t.celsius, Logged.log)
try:
    Temp.celsius.fget = None
except AttributeError as e:
    print("AttributeError:", e)


class NoSetter(property):
    pass


class Holder:
    @NoSetter
    def value(self):
        return 42


h = Holder()
print(h.value, NoSetter(doc="explicit").__doc__, NoSetter().__doc__)
try:
    h.value = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    NoSetter(1, 2, 3, 4, 5)
except TypeError as e:
    print("TypeError:", e)


# A cached_property-like non-data descriptor: the first access stores the value in
# the instance's __dict__, which then wins over the descriptor.
class cached:
    def __init__(self, func):
        self.func = func
        self.calls = 0

    def __set_name__(self, owner, name):
        self.attrname = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        self.calls += 1
        value = obj.__dict__[self.attrname] = self.func(obj)
        return value


# The same built on property: a data descriptor, so the instance dict never wins
# and the getter caches by hand.
class cached_prop(property):
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        key = "_cache_" + self.fget.__name__
        if key not in obj.__dict__:
            obj.__dict__[key] = super().__get__(obj, objtype)
        return obj.__dict__[key]


class Data:
    def __init__(self, n):
        self.n = n

    @cached
    def total(self):
        return sum(range(self.n))

    @cached_prop
    def squares(self):
        print("computing squares")
        return [i * i for i in range(self.n)]


d = Data(5)
print(d.total, d.total, Data.total.calls, "total" in vars(d))
print(d.squares, d.squares, sorted(vars(d)))


# classmethod and staticmethod subclasses.
class logged_classmethod(classmethod):
    calls = []

    def __get__(self, obj, cls=None):
        logged_classmethod.calls.append(self.__func__.__name__)
        return super().__get__(obj, cls)


class tagged_staticmethod(staticmethod):
    def __init__(self, f, tag="none"):
        super().__init__(f)
        self.tag = tag


class Factory:
    @logged_classmethod
    @doc("make one")
    def make(cls, x):
        return (cls.__name__, x)

    @tagged_staticmethod
    def helper(a, b):
        return a + b

    plain = tagged_staticmethod(lambda: "plain", tag="lam")


class Sub(Factory):
    pass


print(Factory.make(1), Sub.make(2), Sub().make(3), logged_classmethod.calls)
print(Factory.helper(2, 3), Factory().helper(4, 5), Factory.plain(), Factory.__dict__["plain"].tag)
cm = Factory.__dict__["make"]
print(type(cm).__name__, isinstance(cm, classmethod), cm.__func__.__name__, cm.__wrapped__ is cm.__func__)
print(cm.__name__, cm.__doc__, cm.__qualname__)
sm = Factory.__dict__["helper"]
print(sm.tag, sm.__name__, isinstance(sm, staticmethod), sm(10, 20))
print(repr(sm).split(" at ")[0], repr(cm).split(" at ")[0])
print(NoSetter(doc="explicit").__dict__, NoSetter(lambda s: 1).__dict__, property(doc="d").__doc__)
