# deque.append and popleft are atomic between threads (no switch point inside):
# producers and consumers lose or duplicate nothing, under a tiny switch interval.
import sys
import threading
from collections import deque

sys.setswitchinterval(1e-6)
d = deque()
N, P = 20000, 4
got = []
lock = threading.Lock()


def produce(k):
    for i in range(N):
        d.append((k, i))


def consume(out):
    taken = 0
    while taken < N:
        try:
            out.append(d.popleft())
            taken += 1
        except IndexError:
            pass


threads = [threading.Thread(target=produce, args=(k,)) for k in range(P)]
outs = [[] for _ in range(P)]
threads += [threading.Thread(target=consume, args=(outs[k],)) for k in range(P)]
for t in threads:
    t.start()
for t in threads:
    t.join()
items = [x for o in outs for x in o]
print(len(items), len(set(items)), len(d))
# Each producer's items come out in the order it appended them.
for k in range(P):
    mine = [i for o in outs for (kk, i) in o if kk == k]
    print(k, len(mine), sorted(mine) == list(range(N)))

b = deque(maxlen=100)


def fill():
    for i in range(N):
        b.append(i)


ts = [threading.Thread(target=fill) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(b), b.maxlen)
