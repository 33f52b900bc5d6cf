# gil-off: skip (needs the cycle collector, which --gil off does not run)
# weakref.ref as a base class: extra attributes, __slots__, a callback that receives
# the subclass instance, keyword arguments for the subclass, and WeakMethod (a ref
# subclass, as CPython's).
import gc
import weakref


class Node:
    def __init__(self, name):
        self.name = name

    def hello(self):
        return "hello from " + self.name


class TaggedRef(weakref.ref):
    def __init__(self, ob, callback=None, **tags):
        super().__init__(ob, callback)
        self.__dict__.update(tags)


died = []


def on_death(r):
    died.append((type(r).__name__, r.tag, r() is None))


n = Node("a")
r = TaggedRef(n, on_death, tag="first")
print(r() is n, r.tag, r.__callback__ is on_death, isinstance(r, weakref.ref))
print(type(r).__mro__)
print(weakref.getweakrefcount(n), weakref.getweakrefs(n)[0] is r)
plain = weakref.ref(n)
print(plain is weakref.ref(n), plain is r, TaggedRef(n) is TaggedRef(n))
print(weakref.getweakrefcount(n))
print(r == plain, hash(r) == hash(n), repr(r).startswith("<weakref at "))
del n
print(died, r(), r.tag, plain())


class Slotted(weakref.ref):
    __slots__ = ("label",)


s_target = Node("b")
s = Slotted(s_target)
s.label = "L"
print(s.label, s() is s_target)
try:
    s.other = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    Slotted()
except TypeError as e:
    print("TypeError:", e)
try:
    weakref.ref(s_target, callback=None)
except TypeError as e:
    print("TypeError:", e)


# A subclass ref dropped before its referent: its callback never runs.
quiet = []
t = Node("c")
q = TaggedRef(t, lambda r: quiet.append(r), tag="q")
del q
del t
print(quiet)


# Referents in a garbage cycle: the callback runs when the collector frees them.
class Cyc:
    pass


a = Cyc()
b = Cyc()
a.other = b
b.other = a
seen = []
ra = TaggedRef(a, lambda r: seen.append(r.tag), tag="cycle-a")
del a, b
gc.collect()
print(seen, ra())


# WeakMethod: a ref subclass to a bound method.
obj = Node("m")
calls = []
wm = weakref.WeakMethod(obj.hello, lambda r: calls.append(type(r).__name__))
print(isinstance(wm, weakref.ref), wm()(), wm() == obj.hello, wm == weakref.WeakMethod(obj.hello))
print(type(wm).__mro__[1:], hash(wm) == hash(weakref.ref(obj)))
try:
    weakref.WeakMethod(len)
except TypeError as e:
    print("TypeError:", e)
del obj
print(wm(), calls)
