# operator_bench.py -- sorting with itemgetter/attrgetter keys, map over operator
# functions, methodcaller; prints checksums.
#
# Usage: operator_bench.py [N]   (default N=2000)
# bench-size: 100000
import sys
import operator
from operator import itemgetter, attrgetter, methodcaller

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
rows = [((i * 7919) % 1009, (i * 31) % 97, "r" + str(i)) for i in range(n)]
by1 = sorted(rows, key=itemgetter(1))
by21 = sorted(rows, key=itemgetter(1, 0))
print("itemgetter", by1[0], by21[-1], sum(map(itemgetter(0), rows)))


class P:
    def __init__(self, a, b):
        self.a = a
        self.b = b


ps = [P(r[0], r[1]) for r in rows]
s = sorted(ps, key=attrgetter("b", "a"))
print("attrgetter", s[0].a, s[-1].b, sum(map(attrgetter("a"), ps)))
xs = [r[0] for r in rows]
ys = [r[1] for r in rows]
print("ops", sum(map(operator.add, xs, ys)), sum(map(operator.mul, xs, ys)) % 1000003,
      sum(map(operator.neg, xs)), sum(map(operator.truth, ys)), list(map(operator.lt, xs, ys)).count(True))
up = list(map(methodcaller("upper"), (r[2] for r in rows)))
print("methodcaller", up[:2], len(up))
