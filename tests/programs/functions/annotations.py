# Function annotations: evaluated at the def, in order after the defaults, kept in
# __annotations__ (names mangled, "return" last); lambdas and plain defs have none.
import typing
def f(a: int, b: "str" = "", *args: float, c: list = None, **kw: dict) -> float:
    pass
print(f.__annotations__)
print(typing.get_type_hints(f))
def g(x, y=1): pass
print(g.__annotations__)
lam = lambda q: q
print(lam.__annotations__)
class K:
    def __m(self, __p: int) -> None: pass
    def m(self, v: "K") -> "K": return v
print(K._K__m.__annotations__)
print(typing.get_type_hints(K.m))
order = []
def note(x):
    order.append(x)
    return x
def h(a: note("a") = note("da"), *, b: note("b") = note("db")) -> note("r"):
    pass
print(order, h.__annotations__)
f.__annotations__ = {"z": 1}
print(f.__annotations__)
def outer():
    T = int
    def inner(v: T) -> T: return v
    return inner
print(outer().__annotations__)
from functools import singledispatch
@singledispatch
def show(x):
    return "obj"
@show.register
def _(x: int):
    return "int"
@show.register
def _(x: list):
    return "list"
print(show(1), show([1]), show("s"), show(True))
