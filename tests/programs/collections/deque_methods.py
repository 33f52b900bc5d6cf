# collections.deque: every method, maxlen, indexing, operators, reprs and the
# errors CPython raises (messages compared with python3).
from collections import deque


def e(f):
    try:
        print(repr(f()))
    except Exception as x:
        print(type(x).__name__ + ":", x)


d = deque([1, 2, 3])
print(d, len(d), bool(d), bool(deque()), 2 in d, 9 in d, d[0], d[-1])
d.append(4); d.appendleft(0); print(d)
print(d.pop(), d.popleft(), d)
d.extend([4, 5]); d.extendleft('ab'); print(d)
d.rotate(2); print(d); d.rotate(-3); print(d); d.rotate(); print(d); d.rotate(100); print(d)
print(d.index(3), d.index(d[3], 2), d.count(1), d.count('zz'))
d.remove('a'); d.insert(1, 'x'); d.insert(-1, 'y'); d.insert(100, 'end'); d.insert(-100, 'start'); print(d)
d.reverse(); print(d); c = d.copy(); d.clear(); print(d, c, c is d)
d = deque(range(5)); d[0] = 9; del d[1]; print(d, d[-2])
print(list(reversed(deque('abc'))), list(deque('abc')), sorted(deque([3, 1, 2])))

# maxlen: the far end is dropped.
b = deque(maxlen=3); print(b, b.maxlen)
for i in range(5):
    b.append(i)
print(b); b.appendleft(9); print(b); b.extend('xy'); print(b); b.extendleft([7, 8]); print(b)
print(deque(range(10), 2), deque([1, 2], maxlen=0), deque().maxlen)
print(deque([1, 2], maxlen=3) * 2, deque([1, 2]) * 0, 3 * deque('ab'), deque('ab') + deque('cd'))
x = deque([1]); x += [2, 3]; x *= 2; print(x); x += x; print(x); x.extend(x); print(len(x))
x = deque([1, 2]); x *= -1; print(x)

# Comparisons are sequence comparisons between deques only.
print(deque([1, 2]) == deque([1, 2]), deque([1, 2]) != deque([1, 3]), deque([1, 2]) < deque([1, 3]),
      deque([1, 2]) <= deque([1]), deque([2]) > deque([1, 9]), deque() >= deque(), deque([1]) == [1])

# Recursive repr and subclasses.
r = deque(); r.append(r); print(r)


class Q(deque):
    def total(self):
        return sum(self)


q = Q([1, 2, 3], 5)
print(q, q.total(), type(q.copy()).__name__, q.copy(), isinstance(q, deque), q.maxlen, q + deque([4]))

e(lambda: deque().pop())
e(lambda: deque().popleft())
e(lambda: deque([1]).index(9))
e(lambda: deque([1]).remove(9))
e(lambda: deque([1], maxlen=1).insert(0, 2))
e(lambda: deque([1])[5])
e(lambda: deque([1])['a'])
e(lambda: deque([1])[1:2])
e(lambda: deque(maxlen=-1))
e(lambda: deque(maxlen='a'))
e(lambda: deque(1))
e(lambda: deque([1], 2, 3))
e(lambda: deque(x=1))
e(lambda: deque([1]) < [1])
e(lambda: deque([1]) + [1])
e(lambda: deque([1]) * 'a')
e(lambda: hash(deque()))
e(lambda: deque([1]).rotate('a'))
e(lambda: deque([1]).rotate(1, 2))
e(lambda: deque([1]).rotate(10 ** 30))
e(lambda: deque([1]).index(1, 'a'))
e(lambda: deque([1]).index())
e(lambda: deque([1]).pop(1))
e(lambda: deque([1]).append())
e(lambda: deque([1]).insert(1))
e(lambda: deque([1]).count())
e(lambda: deque([1]).maxlen.real)
e(lambda: setattr(deque(), 'maxlen', 3))
e(lambda: deque([1, 2, 3]).index(3, -1))
e(lambda: deque([1, 2, 3]).index(1, -100, 100))
e(lambda: deque([1, 2, 3]).index(2, 0, 1))
e(lambda: type(deque()).__name__ + " " + deque.__module__)
