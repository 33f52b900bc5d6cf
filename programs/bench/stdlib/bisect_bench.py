# bisect_bench.py -- insort into a growing list, bisect_left/right lookups on ints
# and strings, and key= searches; prints checksums.
#
# Usage: bisect_bench.py [N]   (default N=2000)
# bench-size: 60000
import sys
from bisect import bisect_left, bisect_right, insort

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
xs = []
for i in range(n):
    insort(xs, (i * 7919) % 100003)
print("insort", xs[:3], xs[-3:], len(xs))
hits = 0
for i in range(4 * n):
    q = (i * 31) % 100003
    j = bisect_left(xs, q)
    if j < len(xs) and xs[j] == q:
        hits += 1
    hits += bisect_right(xs, q) - j
print("search ints", hits)
words = sorted(str((i * 37) % (n * 3)) for i in range(n))
pos = 0
for i in range(2 * n):
    pos += bisect_left(words, str(i))
print("search strs", pos)
recs = [(v, str(v)) for v in xs[: n // 2]]
k = lambda r: r[0]
s = 0
for i in range(n):
    s += bisect_right(recs, (i * 13) % 100003, key=k)
print("search key", s)
