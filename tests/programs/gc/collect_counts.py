# gil-off: skip (needs the cycle collector, which --gil off does not run)
# gc.collect() returns the number of unreachable objects it found; these counts are
# the same in CPython 3.11 because instances keep their attributes inline until
# __dict__ is asked for, and nothing else is garbage at these points.
import gc

class N:
    pass

gc.collect()
a = N(); b = N(); a.o = b; b.o = a
del a, b
print("two-node cycle:", gc.collect())

l = []
l.append(l)
del l
print("self-referencing list:", gc.collect())

d = {}
d["me"] = d
del d
print("self-referencing dict:", gc.collect())

x = N()
x.self = x
del x
print("instance pointing at itself:", gc.collect())

ring = [N() for i in range(10)]
for i, n in enumerate(ring):
    n.next = ring[(i + 1) % 10]
del ring, n
print("ring of 10:", gc.collect())

print("nothing left:", gc.collect())

# Reachable cycles are not collected.
keep = N(); keep.me = keep
print("reachable kept:", gc.collect(), keep.me is keep)

# A cycle referenced from a running frame's local survives a collection.
def holder():
    a = []
    a.append(a)
    gc.collect()
    return a[0] is a
print("local survives:", holder())

print(gc.isenabled())
gc.disable(); print(gc.isenabled())
gc.enable(); print(gc.isenabled())
print(gc.get_threshold())
gc.set_threshold(500, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked([]), gc.is_tracked(N()), gc.is_tracked(3.5), gc.is_tracked(None))
print(isinstance(gc.get_count(), tuple), len(gc.get_count()))
print([sorted(s) for s in gc.get_stats()][0])
for bad in (3, -1):
    try:
        gc.collect(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    gc.get_objects(3)
except ValueError as e:
    print("ValueError:", e)
try:
    gc.set_threshold()
except TypeError as e:
    print("TypeError:", e)
marker = N()
print(any(o is marker for o in gc.get_objects()))
print(gc.garbage, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
