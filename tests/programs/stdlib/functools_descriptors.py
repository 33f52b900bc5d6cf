# functools.cached_property, partialmethod and singledispatchmethod, with their errors.
import functools
import threading
from functools import cached_property, partialmethod, singledispatchmethod


class Circle:
    def __init__(self, r):
        self.r = r
        self.computed = 0

    @cached_property
    def area(self):
        """The area, computed once."""
        self.computed += 1
        return 3 * self.r * self.r


c = Circle(2)
print(c.area, c.area, c.computed, "area" in c.__dict__)
del c.area
print(c.area, c.computed)
c.area = 99
print(c.area)
print(Circle.area.__doc__, type(Circle.area).__name__, Circle.area.attrname)


class Slotted:
    __slots__ = ("x",)

    @cached_property
    def prop(self):
        return 1


try:
    Slotted().prop
except TypeError as e:
    print("TypeError:", e)

bare = cached_property(lambda self: 1)
try:
    bare.__get__(c, Circle)
except TypeError as e:
    print("TypeError:", e)

try:
    class Twice:
        a = b = cached_property(lambda self: 1)
except (TypeError, RuntimeError) as e:
    # CPython 3.11 wraps __set_name__ errors in RuntimeError; the cause is the TypeError.
    print(type(e).__name__, "->", e.__cause__ or e)


class Slow:
    def __init__(self):
        self.calls = 0

    @cached_property
    def value(self):
        self.calls += 1
        return self.calls


s = Slow()
threads = [threading.Thread(target=lambda: s.value) for _ in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("calls from 8 threads:", s.calls, s.value)


class Cell:
    def __init__(self):
        self._alive = False

    @property
    def alive(self):
        return self._alive

    def set_state(self, state, *, note=""):
        self._alive = bool(state)
        return note

    set_alive = partialmethod(set_state, True)
    set_dead = partialmethod(set_state, False, note="dead")

    @classmethod
    def make(cls, a, b):
        return (cls.__name__, a, b)

    make_one = partialmethod(make, 1)
    nested = partialmethod(set_dead, note="nested")


cell = Cell()
print(cell.alive, cell.set_alive(note="up"), cell.alive)
print(cell.set_dead(), cell.alive)
print(Cell.make_one(2), cell.make_one(3))
print(cell.nested())
print(repr(Cell.__dict__["set_dead"]).startswith("functools.partialmethod(<function Cell.set_state"))
print(Cell.__dict__["set_dead"].args, Cell.__dict__["set_dead"].keywords)
print(Cell.__dict__["nested"].args, Cell.__dict__["nested"].keywords)


class WithCallable:
    # A callable that is not a descriptor (a partial) becomes a method that binds.
    m = partialmethod(functools.partial(lambda self, a, b: (type(self).__name__, a, b), b=2), 1)


print(WithCallable().m())
try:
    partialmethod(5)
except TypeError as e:
    print("TypeError:", e)


class Formatter:
    @singledispatchmethod
    def fmt(self, arg):
        return f"object {arg!r}"

    @fmt.register
    def _(self, arg: int):
        return f"int {arg}"

    @fmt.register(list)
    def _(self, arg):
        return "list of " + ", ".join(self.fmt(x) for x in arg)

    @singledispatchmethod
    @classmethod
    def kind(cls, arg):
        return (cls.__name__, "object")

    @kind.register
    @classmethod
    def _(cls, arg: str):
        return (cls.__name__, "str")


f = Formatter()
print(f.fmt(3), "|", f.fmt("s"), "|", f.fmt([1, "a", True]))
print(Formatter.kind(1), Formatter.kind("x"))
print(Formatter.fmt.__name__, f.fmt.__name__)
try:
    singledispatchmethod(5)
except TypeError as e:
    print("TypeError:", e)
print(sorted(n for n in ("cached_property", "partialmethod", "singledispatchmethod")
             if n in functools.__all__))
