# Tuples: packing, unpacking, immutability, comparison, as dict keys, methods.
t = (1, "two", 3.0, None, [5])
print(t, len(t), t[1], t[-1], t[1:3], t[::-1])
print((), (1,), (1), ((1, 2),), tuple(), type((1)).__name__, type((1,)).__name__)
t[4].append(6)
print(t)
try:
    t[0] = 0
except TypeError as e:
    print("TypeError:", e)
print((1, 2, 2, 3).count(2), (1, 2, 3).index(3), (1, 2) + (3,), (0,) * 3)
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 100), (1, "a") == (1, "a"))
coords = {(0, 0): "origin", (1, 2): "point"}
print(coords[(1, 2)], coords[0, 0], (1, 2) in coords)
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([4, 2, 8])
print(lo, hi, minmax("hello"))
a, b, c = (x * 2 for x in range(3))
print(a, b, c)
nested = ((1, 2), (3, (4, 5)))
(p, q), (r, (s, u)) = nested
print(p, q, r, s, u)
print(sorted([(2, "b"), (1, "c"), (2, "a")]), max([(1, 2), (1, 3)]))
print(tuple(sorted((3, 1, 2))), tuple(reversed((1, 2, 3))), sum((1, 2, 3)))
points = [(1, 2), (3, 4), (5, 6)]
xs, ys = zip(*points)
print(xs, ys)
for i, (x, y) in enumerate(points):
    print(i, x + y, end=" ")
print()
print(repr((1,)), str(("a", "b")), repr(("it's",)))
print((1, 2) == [1, 2], tuple([1, 2]) == (1, 2), hash((1, 2)) == hash((1, 2)))
