# gil-off: skip (needs the cycle collector, which --gil off does not run)
# Sixteen threads at a 50 us switch interval making reference cycles of each kind
# the collector meets: rings of instances with __del__, two-node cycles and
# self-cycles of plain instances, a self-referencing list and dict, a closure that
# reaches itself through its cell. Every structure is verified when made, while
# kept, and after it has been handed to another thread through a queue, so an
# object freed while still reachable shows as a wrong value, a crash or a panic.
#
#   cycle_stress.py [--rounds N]   N rounds per thread (default 1000): the output
#                                  is exact (tests/gc.rs, python3 alike)
#   cycle_stress.py --seconds S    for S seconds (scripts/cycle-stress, which
#                                  samples the RSS from outside)
import gc
import itertools
import queue
import sys
import threading
import time

sys.setswitchinterval(50e-6)
rounds, seconds = 1000, None
if len(sys.argv) == 3 and sys.argv[1] in ("--rounds", "--seconds"):
    if sys.argv[1] == "--rounds":
        rounds = int(sys.argv[2])
    else:
        rounds, seconds = None, float(sys.argv[2])
N = 16
# Finalizer runs are counted by next() on one itertools.count, a single step under
# the GIL (a shared counter's += is not); a list with an entry per run would grow
# with the run and hide the collector's own RSS slope in --seconds mode.
finalized = itertools.count()
broken = []


class Node:
    def __init__(self, tag, i):
        self.tag = tag
        self.i = i
        self.next = None

    def __del__(self):
        # Runs once per node (PEP 442), with the node's attributes intact.
        next(finalized)
        if self.tag is None or self.next is None:
            broken.append(self.i)


class Plain:
    def __init__(self, tag):
        self.tag = tag
        self.other = None


def make(tag, n):
    ring = [Node(tag, i) for i in range(n)]
    for i, x in enumerate(ring):
        x.next = ring[(i + 1) % n]
    a, b = Plain(tag), Plain(tag)
    a.other, b.other = b, a
    me = Plain(tag)
    me.other = me
    lst = [tag]
    lst.append(lst)
    box = {"tag": tag, "ring": ring[0], "pair": a, "me": me, "list": lst}
    box["self"] = box

    def closure():
        return closure, box

    box["f"] = closure
    return box


def verify(box, tag, n):
    assert box["self"] is box and box["tag"] == tag, tag
    f, b = box["f"]()
    assert f is box["f"] and b is box
    a = box["pair"]
    assert a.other.other is a and a.tag == a.other.tag == tag
    assert box["me"].other is box["me"] and box["me"].tag == tag
    assert box["list"][1] is box["list"] and box["list"][0] == tag
    x, seen = box["ring"], 0
    while True:
        assert x.tag == tag and x.i == seen, (x.tag, tag, x.i, seen)
        seen += 1
        x = x.next
        if x is box["ring"]:
            break
    assert seen == n, (seen, n)


q = queue.Queue(maxsize=64)
errors = []
made = [0] * N
nodes = [0] * N


def worker(w):
    try:
        kept = []
        end = time.monotonic() + seconds if seconds is not None else None
        r = 0
        while (rounds is not None and r < rounds) or (end is not None and time.monotonic() < end):
            tag = "%d-%d" % (w, r)
            n = 3 + r % 7
            box = make(tag, n)
            nodes[w] += n
            verify(box, tag, n)
            if r % 5 == 0:
                q.put((tag, n, box))
            if r % 7 == 0:
                kept.append((tag, n, box))
            if len(kept) > 8:
                kept.pop(0)
            for t, k, b in kept:
                verify(b, t, k)
            if r % 3 == 0:
                try:
                    t, k, b = q.get_nowait()
                    verify(b, t, k)
                except queue.Empty:
                    pass
            if r % 50 == 0:
                gc.collect(r % 3)
            del box
            r += 1
        made[w] = r
    except BaseException as e:
        errors.append(repr(e))


ts = [threading.Thread(target=worker, args=(w,)) for w in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
b = None
while True:
    try:
        t, n, b = q.get_nowait()
    except queue.Empty:
        break
    verify(b, t, n)
del b
print("errors:", errors)
gc.collect()
total = sum(nodes)
if seconds is not None:
    print("rounds:", sum(made), "nodes:", total)
else:
    print("rounds:", sum(made), "nodes:", total, "expected:", N * sum(3 + r % 7 for r in range(rounds)))
print("every node finalized once, intact:", next(finalized) == total and not broken)
print("collector found garbage:", sum(s["collected"] for s in gc.get_stats()) > 0)
left = len(gc.get_objects())
print("tracked after collect below 20000:", left < 20000)
if left >= 20000:
    print("tracked:", left)
