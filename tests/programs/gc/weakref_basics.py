# gil-off: skip (needs the cycle collector, which --gil off does not run)
# weakref.ref: callbacks when the referent dies (by count, or collected in a cycle),
# which objects can be weakly referenced, and the ref's hash, equality and
# identity rules, as CPython 3.11.
import gc
import weakref

class A:
    pass

a = A()
r = weakref.ref(a)
print(r() is a, weakref.ref(a) is r, weakref.getweakrefcount(a))
log = []
r1 = weakref.ref(a, lambda w: log.append(("r1", w() is None)))
r2 = weakref.ref(a, lambda w: log.append(("r2", w is r2)))
print(r1 is not r2, weakref.getweakrefcount(a), len(weakref.getweakrefs(a)))
print(r == r1, hash(r) == hash(a), r.__callback__ is None, r1.__callback__ is not None)
del a
print(log, r(), r1())
print(type(r).__name__, type(r) is weakref.ReferenceType, weakref.ref is weakref.ReferenceType)

# Dead refs compare by identity and keep their hash once taken.
b = A()
rb = weakref.ref(b)
h = hash(rb)
del b
print(hash(rb) == h, rb == rb, rb != weakref.ref(A()))
try:
    hash(weakref.ref(A()))
except TypeError as e:
    print("TypeError:", e)

# A referent in an unreachable cycle: its refs die when the collector frees it, and
# the callbacks of refs that are not themselves garbage are called.
c = A()
c.me = c
rc = weakref.ref(c, lambda w: print("cycle member died"))
del c
print("before collect", rc() is not None)
gc.collect()
print("after collect", rc())

# __del__ still sees live weakrefs to itself when it runs after a count drop.
class D:
    def __del__(self):
        print("in __del__, ref alive:", wd() is self)
d = D()
wd = weakref.ref(d)
del d
print("after del", wd())

for x in [1, "s", (1,), [1], {}, 1.5, None, object(), Exception(), iter([])]:
    try:
        weakref.ref(x)
    except TypeError as e:
        print(e)

class S:
    __slots__ = ("a",)
class SW:
    __slots__ = ("a", "__weakref__")
class E(Exception):
    pass
try:
    weakref.ref(S())
except TypeError as e:
    print(e)
print(weakref.ref(SW())(), weakref.ref(E())())
def f():
    pass
print(weakref.ref(f)() is f, weakref.ref(A)() is A, weakref.ref(int)() is int, weakref.ref(len)() is len)
s = {1}
fs = frozenset([2])
print(weakref.ref(s)() is s, weakref.ref(fs)() is fs)
def g():
    yield 1
gen = g()
print(weakref.ref(gen)() is gen)
try:
    class Bad:
        __slots__ = ("__weakref__", "__weakref__")
except TypeError as e:
    print(e)

# An exception in a callback is reported and does not propagate.
z = A()
rz = weakref.ref(z, lambda w: 1 / 0)
del z
print("callback error ignored")
