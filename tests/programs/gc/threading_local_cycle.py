# gil-off: skip (needs the cycle collector, which --gil off does not run)
# A reference cycle through a threading.local's attribute is found by the cycle
# collector (the local's per-thread values are visible to it), also for values
# stored by another thread.
import gc
import threading
import weakref


class Obj:
    pass


loc = threading.local()
o = Obj()
o.loc = loc
loc.o = o
r = weakref.ref(o)
del o, loc
gc.collect()
print("main-thread value collected:", r() is None)


class Holder:
    pass


h = Holder()
h.loc = threading.local()
refs = []


def worker():
    v = Obj()
    v.holder = h
    h.loc.value = v
    refs.append(weakref.ref(v))


t = threading.Thread(target=worker)
t.start()
t.join()
print("worker value gone with its thread:", refs[0]() is None)

h2 = Holder()
h2.loc = threading.local()
v = Obj()
v.holder = h2
h2.loc.value = v
r2 = weakref.ref(v)
h2.self = h2
del h2, v
gc.collect()
print("cycle holder -> local -> value -> holder collected:", r2() is None)
