# collections_bench.py -- deque as a FIFO queue (append/popleft), a bounded window
# (maxlen), a BFS over a grid, rotate/appendleft/pop; Counter over words,
# defaultdict grouping, namedtuple field access; prints checksums.
#
# Usage: collections_bench.py [N]   (default N=2000)
# bench-size: 200000
import sys
from collections import deque, Counter, defaultdict, namedtuple

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000

q = deque()
acc = 0
for i in range(n):
    q.append(i)
    if len(q) > 100:
        acc += q.popleft()
while q:
    acc += q.popleft()
print("fifo", acc)

w = deque(maxlen=50)
s = 0
for i in range(n):
    w.append(i * 3 % 101)
    s += w[0] + w[-1]
print("window", s, len(w), sum(w))

side = int(n ** 0.5) // 2 + 2
seen = {(0, 0)}
frontier = deque([(0, 0, 0)])
far = 0
while frontier:
    x, y, dist = frontier.popleft()
    far = dist if dist > far else far
    for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
        if 0 <= nx < side and 0 <= ny < side and (nx * ny) % 7 != 3 and (nx, ny) not in seen:
            seen.add((nx, ny))
            frontier.append((nx, ny, dist + 1))
print("bfs", len(seen), far)

r = deque(range(1000))
t = 0
for i in range(n // 10):
    r.rotate(7)
    r.appendleft(r.pop())
    t += r[0]
print("rotate", t, r[0], r[-1])

words = [("w%d" % ((i * 7919) % 997)) for i in range(n)]
c = Counter(words)
print("counter", len(c), c.most_common(3), c.total())

groups = defaultdict(list)
for i, wd in enumerate(words):
    groups[len(wd)].append(i)
print("defaultdict", sorted((k, len(v)) for k, v in groups.items()))

P = namedtuple("P", "x y")
pts = [P(i, i % 13) for i in range(n // 4)]
print("namedtuple", sum(p.x * p.y for p in pts), pts[-1])
