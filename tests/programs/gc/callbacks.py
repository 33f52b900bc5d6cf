# gil-off: skip (needs the cycle collector, which --gil off does not run)
# gc.callbacks are called with "start" and "stop" and an info dict around each
# collection; gc.garbage collects everything found with DEBUG_SAVEALL.
import gc

seen = []
def cb(phase, info):
    seen.append((phase, info["generation"], info["collected"], info["uncollectable"]))

class N:
    pass

gc.collect()
gc.callbacks.append(cb)
a = N(); a.me = a
del a
gc.collect()
gc.callbacks.remove(cb)
print(seen)
gc.collect(0)
print(len(seen))

def boom(phase, info):
    raise RuntimeError("callback")
gc.callbacks.append(boom)
print(gc.collect())
gc.callbacks.clear()

gc.set_debug(gc.DEBUG_SAVEALL)
print(gc.get_debug() == gc.DEBUG_SAVEALL)
l = []
l.append(l)
del l
print(gc.collect(), len(gc.garbage), gc.garbage[0][0] is gc.garbage[0])
gc.set_debug(0)
gc.garbage.clear()
print(gc.collect())
