# collections.defaultdict and Counter: __missing__, reprs, arithmetic, comparisons,
# most_common/elements/total, update/subtract, keyword arguments and errors.
from collections import defaultdict, Counter


def e(f):
    try:
        print(repr(f()))
    except Exception as x:
        print(type(x).__name__ + ":", x)


dd = defaultdict(list)
dd['a'].append(1); dd['b']; dd['a'].append(2)
print(dd, dict(dd), len(dd), isinstance(dd, dict), dd.default_factory)
print(defaultdict(), defaultdict(None, {1: 2}), defaultdict(int, a=1), defaultdict(int, [('k', 5)]))
counts = defaultdict(int)
for w in "the cat and the hat and the bat".split():
    counts[w] += 1
print(sorted(counts.items()), counts.get('dog'), 'dog' in counts)
e(lambda: defaultdict(None)['x'])
e(lambda: defaultdict(5))
e(lambda: dd.copy())
e(lambda: dd | {'z': 1})
e(lambda: {'z': 1} | dd)
nested = defaultdict(lambda: defaultdict(int))
nested['x']['y'] += 3
print(nested['x']['y'], len(nested))


class DD(defaultdict):
    pass


e(lambda: DD(int, q=1))
e(lambda: type(DD(int).copy()).__name__)
dd2 = defaultdict(set); dd2.default_factory = list; dd2[1].append(1); print(dd2)

c = Counter('abracadabra')
print(c, c.most_common(2), c.most_common(0), sorted(c.elements()), c.total(), c['zz'])
print(Counter(), Counter(a=3, b=1), Counter({'x': 2, 'y': 5}), Counter(['p', 'q', 'p']))
c.update('aaz'); print(c)
c.update({'b': 10}); print(c)
c.subtract({'a': 10}); print(c)
c.subtract('bb'); print(c)
c.update(q=2); c.subtract(q=1); print(c['q'])
del c['nothere']; del c['q']; print('q' in c)
a, b = Counter(a=3, b=1, c=0), Counter(a=1, b=2, d=-1)
print(a + b, a - b, a | b, a & b, +Counter(a=-1, b=2), -Counter(a=-1, b=2))
print(Counter(a=1) == Counter(a=1, b=0), Counter(a=1) != Counter(a=2), Counter(a=1) <= Counter(a=2),
      Counter(a=1) < Counter(a=1), Counter(a=2) >= Counter(a=1), Counter(a=2, b=1) > Counter(a=1))
print(Counter(a=1) == {'a': 1}, Counter('ab') == Counter('ba'))
x = Counter(a=2); x += Counter(a=-5, b=1); print(x)
x = Counter(a=2, b=3); x -= Counter(a=1); print(x)
x = Counter(a=2); x |= Counter(a=5, c=1); print(x)
x = Counter(a=2, b=1); x &= Counter(a=1); print(x)
e(lambda: Counter.fromkeys('ab'))
e(lambda: Counter(a=1) + 1)
e(lambda: Counter(a=1) < {'a': 2})
e(lambda: hash(Counter()))
words = "one two three two three three".split()
print(Counter(words).most_common(), Counter(words).most_common(1), list(Counter(words)))
print(sum(Counter(a=2, b=3).values()), Counter(a=2, b=3).total(), isinstance(Counter(), dict))
c2 = Counter(a=1); c3 = c2.copy(); c3['a'] += 1; print(c2, c3)
