# C(...) with a Python __init__: the frames __init__ sees (sys._getframe), tracebacks
# through it, its return value, __new__ deciding whether it runs, exceptions and
# recursion in it, and the ways a class gets called (keywords, *args, through an
# attribute, a metaclass __call__).
import sys
import traceback


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


def chain(frame, n):
    names = []
    while frame is not None and len(names) < n:
        names.append(frame.f_code.co_name)
        frame = frame.f_back
    return names


def tb_summary(e):
    return [(fs.name, fs.lineno) for fs in traceback.extract_tb(e.__traceback__)]


# --- what __init__ sees as its callers ------------------------------------------------
class Seen:
    def __init__(self, depth=1):
        self.caller = sys._getframe(depth).f_code.co_name
        self.line = sys._getframe(1).f_lineno
        self.chain = chain(sys._getframe(), 4)


class SubSeen(Seen):
    def __init__(self):
        super().__init__()
        self.sub_caller = sys._getframe(1).f_code.co_name


class SubSeen2(Seen):
    def __init__(self):
        # Seen.__init__'s caller is this __init__; two up is whoever made SubSeen2.
        super().__init__(2)


def maker():
    s = Seen()
    return s.caller, s.line, s.chain


def sub_maker():
    s = SubSeen()
    return s.caller, s.sub_caller, s.chain


def sub_maker2():
    return SubSeen2().caller


print(maker())
print(sub_maker())
print(sub_maker2())
print(Seen().caller)
print([Seen().caller for _ in range(2)])


def gen_maker():
    yield Seen().caller


print(list(gen_maker()))

import asyncio


async def coro_maker():
    return Seen().caller


print(asyncio.run(coro_maker()))


# --- the result is the object __init__ got -------------------------------------------
class Keeps:
    made = []

    def __init__(self, a, b=2, *rest, key=None, **extra):
        Keeps.made.append(self)
        self.args = (a, b, rest, key, extra)


k = Keeps(1)
print(k is Keeps.made[-1], k.args)
print(Keeps(1, 3, 4, 5, key="k", z=0).args)
print(Keeps(*[7, 8], **{"key": 9}).args)
print(Keeps(a=10).args)
show("missing argument:", lambda: Keeps())
show("unexpected keyword:", lambda: Keeps(1, nope=1) and Keeps(1, **{"a": 2}))
show("too many for a plain __init__:", lambda: Seen(1, 2, 3))


class Holder:
    pass


h = Holder()
h.cls = Seen
h.keeps = Keeps
print(h.cls().caller, h.keeps(5, key=6).args)
ns = type("NS", (), {"Seen": Seen})
print(ns.Seen().caller)


class Closure:
    def __init__(self, v):
        self.get = lambda: (self.v, v)
        self.v = v * 2


print(Closure(4).get())


# --- tracebacks through __init__ -------------------------------------------------------
class Fails:
    def __init__(self, x):
        self.x = x
        if x > 1:
            raise ValueError("bad x %d" % x)


class FailsLater(Fails):
    def __init__(self, x):
        super().__init__(x)
        self.y = 1


def make_failing():
    return FailsLater(5)


try:
    make_failing()
except ValueError as e:
    print("caught", e, tb_summary(e))

results = []
for i in range(4):
    try:
        results.append(Fails(i).x)
    except ValueError as e:
        results.append(str(e))
print(results)


class Cleans:
    log = []

    def __init__(self):
        try:
            raise KeyError("inner")
        finally:
            Cleans.log.append("finally ran")


show("finally in __init__:", lambda: Cleans())
print(Cleans.log)


class Handles:
    def __init__(self):
        try:
            {}["missing"]
        except KeyError as e:
            self.handled = repr(e)


print(Handles().handled)


class ChainedInit:
    def __init__(self):
        try:
            1 / 0
        except ZeroDivisionError:
            raise RuntimeError("while initialising")


try:
    ChainedInit()
except RuntimeError as e:
    print(e, "from", type(e.__context__).__name__, tb_summary(e))


# --- __init__ returning something -------------------------------------------------------
class ReturnsInt:
    def __init__(self):
        return 1


class ReturnsSelf:
    def __init__(self):
        return self


class ReturnsNone:
    def __init__(self):
        return None


class InitGenerator:
    def __init__(self):
        yield 1


def make_returning():
    return ReturnsInt()


try:
    make_returning()
except TypeError as e:
    print(e, tb_summary(e))
show("returns self:", lambda: ReturnsSelf())
print(type(ReturnsNone()).__name__)
show("generator __init__:", lambda: InitGenerator())
show("in a comprehension:", lambda: [ReturnsInt() for _ in range(3)])
count = 0
for i in range(3):
    try:
        ReturnsInt()
    except TypeError:
        count += 1
print("errors counted", count)


# --- __new__ decides ---------------------------------------------------------------------
class Other:
    def __init__(self):
        print("Other.__init__ must not run")


class NewOther:
    def __new__(cls, *args):
        return Other.__new__(Other)

    def __init__(self, *args):
        print("NewOther.__init__ must not run")


print(type(NewOther(1, 2)).__name__)


class NewInt:
    def __new__(cls):
        return 42

    def __init__(self):
        print("never")


print(NewInt())


class Parent:
    def __new__(cls, kind=None):
        if kind == "child":
            return object.__new__(Child)
        return object.__new__(cls)

    def __init__(self, kind=None):
        self.who = "Parent.__init__"


class Child(Parent):
    def __init__(self, kind=None):
        self.who = "Child.__init__"


# An instance of a subclass from __new__: its own type's __init__ runs.
print(Parent().who, Parent("child").who, type(Parent("child")).__name__)


class Counted:
    n = 0

    def __new__(cls, *a, **k):
        Counted.n += 1
        return super().__new__(cls)

    def __init__(self, v, w=0):
        self.v = v + w


print(Counted(1).v, Counted(1, w=2).v, Counted.n)


# --- other callers of a class -------------------------------------------------------------
# (A metaclass's Python __call__ is run from native code: the frames it and the
# __init__ it reaches see are not compared here.)
class Meta(type):
    def __call__(cls, *args, **kw):
        obj = super().__call__(*args, **kw)
        obj.meta_saw = True
        return obj


class WithMeta(metaclass=Meta):
    def __init__(self, v):
        self.v = v


def meta_maker():
    w = WithMeta(1)
    return w.v, w.meta_saw


print(meta_maker())


class PlainMeta(type):
    pass


class ViaPlainMeta(metaclass=PlainMeta):
    def __init__(self):
        self.caller = sys._getframe(1).f_code.co_name


def plain_meta_maker():
    return ViaPlainMeta().caller


print(plain_meta_maker())


class StaticInit:
    __init__ = staticmethod(lambda *a: None)


show("staticmethod __init__:", lambda: type(StaticInit(1)).__name__)


class MyError(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code


try:
    raise MyError(7)
except MyError as e:
    print(e, e.code, e.args)

print(list(map(Keeps, [1, 2]))[1].args)
print(sorted([3, 1, 2], key=lambda v: Keeps(v).args[0]))


# --- recursion -------------------------------------------------------------------------------
class Tree:
    def __init__(self, depth):
        self.kids = [Tree(depth - 1) for _ in range(2)] if depth else []

    def size(self):
        return 1 + sum(k.size() for k in self.kids)


print(Tree(6).size())


class Deep:
    def __init__(self, n):
        self.next = Deep(n + 1) if n < 200 else None
        self.n = n


d = Deep(0)
length = 0
while d is not None:
    length += 1
    d = d.next
print("deep", length)


class Endless:
    def __init__(self):
        Endless()


try:
    Endless()
except RecursionError as e:
    print("RecursionError", e)
# The stack unwound: calls work again.
print(maker()[0])
