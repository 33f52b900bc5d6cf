# gil-off: skip (needs the cycle collector, which --gil off does not run)
# __del__ in cycles (PEP 442): every finalizer runs once, the cycle is then freed;
# a finalizer that resurrects its object keeps it (and what it reaches) alive, and is
# not called again when the object dies for good.
import gc

log = []

class D:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        log.append(self.name)

gc.collect()
a = D("a"); b = D("b"); a.o = b; b.o = a
del a, b
n = gc.collect()
print(n, sorted(log))
log.clear()

saved = []
class R:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        log.append("del " + self.name)
        saved.append(self)

r = R("r"); r.me = r
del r
gc.collect()
print(log, len(saved), saved[0].me is saved[0])
log.clear()
print("second collect:", gc.collect(), log)
r = saved.pop()
print(gc.is_finalized(r))
del r
print("freed for good:", gc.collect(), log)

# An exception in __del__ is reported and does not stop the collection.
class Bad:
    def __del__(self):
        raise ValueError("in del")
x = Bad(); x.me = x
del x
print("collected:", gc.collect())

# Refcount drop (no cycle): __del__ runs at once.
class Now:
    def __del__(self):
        print("del now")
Now()
print("after")

# A generator suspended inside try/finally that sits in a cycle gets closed.
def gen(box):
    try:
        yield 1
    finally:
        print("generator finally")
box = []
g = gen(box)
next(g)
box.append(g)
del g, box
gc.collect()
print("end")
