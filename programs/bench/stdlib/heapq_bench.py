# heapq_bench.py -- heappush/heappop on ints and (priority, name) tuples, heapify,
# heapreplace, nlargest/nsmallest with and without key, merge; prints checksums.
#
# Usage: heapq_bench.py [N]   (default N=2000 items)
# bench-size: 100000
import sys
import heapq

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
vals = [(i * 7919) % 100003 for i in range(n)]

h = []
for v in vals:
    heapq.heappush(h, v)
out = [heapq.heappop(h) for _ in range(n)]
print("push/pop ints", out[:3], out[-3:], out == sorted(vals))

h = []
for i, v in enumerate(vals):
    heapq.heappush(h, (v % 100, i))
total = 0
while h:
    p, i = heapq.heappop(h)
    total += p * (i % 7)
print("push/pop tuples", total)

h = list(vals)
heapq.heapify(h)
acc = 0
for v in vals[: n // 2]:
    acc += heapq.heapreplace(h, v)
    acc += heapq.heappushpop(h, v // 2)
print("heapify/replace", acc, len(h))

print("nlargest", heapq.nlargest(5, vals), heapq.nsmallest(5, vals))
print("keyed", heapq.nlargest(3, vals, key=lambda v: v % 1000), heapq.nsmallest(3, vals, key=lambda v: -v))
runs = [sorted(vals[i::4]) for i in range(4)]
merged = list(heapq.merge(*runs))
print("merge", merged[:3], merged == sorted(vals))
