# class_writes.py -- micro-benchmark: method calls on one class while another,
# unrelated class has an attribute written every iteration (issue 9: per-type
# version tags; a class write must not invalidate the caches of other classes).
#
# Usage: class_writes.py [N] [write|plain]   (default N=20000, both loops run)
#   write: `C.n = i` then `p.m()`, N times; plain: `x.n = i` (an instance) then
#   `p.m()`. The figure is the CPU time of `write` over `plain`, in separate runs.
import sys


class C:
    n = 0


class P:
    def m(self):
        return 1


class X:
    pass


def write(n):
    p = P()
    t = 0
    for i in range(n):
        C.n = i
        t += p.m()
    return t


def plain(n):
    p = P()
    x = X()
    t = 0
    for i in range(n):
        x.n = i
        t += p.m()
    return t


n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
which = sys.argv[2] if len(sys.argv) > 2 else "both"
if which in ("write", "both"):
    print("write", write(n), C.n)
if which in ("plain", "both"):
    print("plain", plain(n))
