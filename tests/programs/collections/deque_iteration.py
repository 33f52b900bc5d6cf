# deque iteration: mutation during iteration, comparisons that run Python code,
# copy and the reduce protocol.
import copy
from collections import deque


def e(f):
    try:
        print(repr(f()))
    except Exception as x:
        print(type(x).__name__ + ":", x)


def grow():
    d = deque([1, 2, 3])
    for x in d:
        d.append(x)


def shrink():
    d = deque([1, 2, 3])
    for x in d:
        d.popleft()


def assign():
    d = deque([1, 2, 3])
    for x in d:
        d[0] = 5
    return d


e(grow)
e(shrink)
e(assign)
it = iter(deque([1, 2, 3]))
print(it.__length_hint__(), next(it), it.__length_hint__(), list(it), list(it))
rit = reversed(deque([1, 2, 3]))
print(next(rit), list(rit))


class Eq:
    """Equal to everything; mutates the deque it is compared within."""
    def __init__(self, d):
        self.d = d

    def __eq__(self, other):
        self.d.append(0)
        return False


d = deque([1, 2, 3]); e(lambda: d.index(Eq(d)))
d = deque([1, 2, 3]); e(lambda: d.count(Eq(d)))
d = deque([1, 2, 3]); e(lambda: Eq(d) in d)
d = deque([1, 2, 3]); e(lambda: d.remove(Eq(d)))

nan = float('nan')
d = deque([nan]); print(nan in d, d.count(nan), d.index(nan))

d = deque([[1], [2]], maxlen=4)
c = copy.copy(d); dc = copy.deepcopy(d)
print(c, dc, c[0] is d[0], dc[0] is d[0], c.maxlen, dc.maxlen)
print(d.__reduce__()[:3])
print(deque(x * x for x in range(5)), deque(iter([1, 2])), deque({'a': 1}), deque('hello', 3))
