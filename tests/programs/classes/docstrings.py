"""The module's docstring."""
# Docstrings as CPython 3.11 keeps them: a plain string literal as the first
# statement of a function, class or module body; not lambdas, f-strings or a string
# after another statement.
import sys

print(__doc__)
print(sys.modules[__name__].__doc__)


def f():
    "f's doc"
    return 1


def g():
    x = 1
    "not a doc"
    return x


def h():
    f"not {'a'} doc"


def k():
    "joined " "literal"


def empty():
    pass


async def a():
    """async doc"""


def gen():
    "gen doc"
    yield 1


lam = lambda: "not a doc"
print(f.__doc__, g.__doc__, h.__doc__, k.__doc__, empty.__doc__)
print(a.__doc__, gen.__doc__, lam.__doc__)
co = a()
co.close()


class C:
    "C's doc"

    def m(self):
        """m's doc"""

    @staticmethod
    def s():
        "s doc"

    @classmethod
    def c(cls):
        "c doc"

    @property
    def p(self):
        "p doc"
        return 1


class D:
    x = 1


class E(C):
    pass


print(C.__doc__, C.m.__doc__, C().m.__doc__, C.s.__doc__, C.c.__doc__, C.p.__doc__)
print(D.__doc__, E.__doc__, C.__dict__["__doc__"])
print(list(C.__dict__)[:2])


def nested():
    def inner():
        "inner doc"

    class Local:
        "local doc"

    return inner.__doc__, Local.__doc__


print(nested())
f.__doc__ = "changed"
print(f.__doc__)
f.__doc__ = None
print(f.__doc__)
C.__doc__ = "class doc changed"
try:
    del C.__doc__
except TypeError as e:
    print("TypeError:", e)
try:
    int.__doc__ = "x"
except TypeError as e:
    print("TypeError:", e)
print(C.__doc__)
ns = {}
exec('"exec doc"\nx = 1', ns)
print(ns["__doc__"], ns["x"])
exec('def q():\n    "q doc"\n', ns)
print(ns["q"].__doc__)
print(type(f).__doc__ is not None, (lambda: 0).__doc__)
