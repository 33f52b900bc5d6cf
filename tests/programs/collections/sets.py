# set and frozenset: methods and operators. Sets are printed sorted.
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(a.symmetric_difference(b)))
print(sorted(a.union([9], (8,))), a.issubset({1, 2, 3, 4, 5}), {1, 2} <= a, a >= {1}, a <= a, {1, 2} < {1, 2})
s = set()
s.add(3); s.add(1); s.add(3)
print(sorted(s), len(s))
s.remove(3)
s.discard(100)
print(sorted(s))
try:
    s.remove(100)
except KeyError as e:
    print("KeyError:", e)
s.update([5, 6], {7})
print(sorted(s), 6 in s, 60 in s)
p = {42}
print(p.pop(), p)
words = {"pear", "apple", "fig", "apple"}
print(sorted(words), len(words))
print(set("hello") == {"h", "e", "l", "o"}, sorted(set("hello")))
f = frozenset([1, 2, 2, 3])
print(sorted(f), 2 in f, sorted(f | {9}), type(f | {9}).__name__, type({9} | f).__name__)
print({frozenset([1]): "ok"}[frozenset([1])], {(1, 2), (1, 2), (2, 1)} == {(1, 2), (2, 1)})
print(set() == set(), {1} == {1.0}, {1, 2} == frozenset([1, 2]), bool(set()))
c = {1, 2}
d = c
c |= {3}
print(sorted(d), c is d)
c &= {2, 3, 4}
c -= {3}
c ^= {9, 2}
print(sorted(c), sorted(d))
evens = {x for x in range(10) if x % 2 == 0}
print(sorted(evens), sum(evens), min(evens), max(evens))
print(sorted({-1, -5, 3}), sorted({0.5, 1, -2}))
print(sorted(set([3, 1, 2]) - set([2])), len({i % 3 for i in range(100)}))
e = {1, 2, 3}
e.discard(2)
print(sorted(e), e.issubset({1, 3}), sorted(e.difference({1})))
