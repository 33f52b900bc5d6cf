# Weak references to the native objects CPython allows them to (bound methods,
# sets, frozensets, functions, classes), and CPython's TypeError for the others.
import gc
import weakref


class C:
    def m(self):
        return "m"


c = C()
dead = []
r = weakref.ref(c.m, lambda ref: dead.append("method gone"))
# The bound method was a temporary: it is gone at once, and so is the ref's target.
print(r(), dead)
bm = c.m
r = weakref.ref(bm)
print(r() is bm, r()(), weakref.getweakrefcount(bm))
del bm
print(r())

for make in (set, frozenset, lambda: (lambda: 1), lambda: type("T", (), {})):
    obj = make()
    gone = []
    wr = weakref.ref(obj, lambda ref: gone.append(type(ref).__name__))
    print(type(obj).__name__, wr() is obj, end=" ")
    del obj
    gc.collect()  # a class is in reference cycles of its own
    print(wr(), gone)

for obj in ([], {}, (), 1, "s", 2.5, None):
    try:
        weakref.ref(obj)
    except TypeError as e:
        print("TypeError:", e)
