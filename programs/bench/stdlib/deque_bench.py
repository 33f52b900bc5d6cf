# deque_bench.py -- deque operations alone: append/popleft (FIFO), appendleft/pop,
# bounded append (maxlen), rotate, indexing at both ends, `in`, extend and iteration;
# prints checksums.
#
# Usage: deque_bench.py [N]   (default N=2000)
# bench-size: 300000
import sys
from collections import deque

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000

d = deque()
append, popleft = d.append, d.popleft
for i in range(n):
    append(i)
t = 0
for i in range(n):
    t += popleft()
print("append/popleft", t, len(d))

for i in range(n):
    d.appendleft(i)
    d.append(i)
while d:
    t -= d.pop()
print("appendleft/pop", t)

w = deque(maxlen=64)
for i in range(n):
    w.append(i)
print("maxlen", len(w), w[0], w[-1])

r = deque(range(512))
s = 0
for i in range(n // 4):
    r.rotate(3)
    r.rotate(-1)
    s += r[0] - r[-1]
print("rotate/index", s)

hits = 0
small = deque(range(16))
for i in range(n // 4):
    if (i & 31) in small:
        hits += 1
print("in", hits)

e = deque()
for i in range(n // 100):
    e.extend(range(100))
total = 0
for x in e:
    total += x
print("extend/iter", len(e), total, sum(e))
