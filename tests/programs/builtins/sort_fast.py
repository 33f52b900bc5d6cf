# sorted() and list.sort() on keys all ints, all floats without NaN or all strings take
# the standard library's stable sort: the order, stability and reverse must be
# CPython's; mixed keys and NaN take the general path.
import random
random.seed(5)
for n in (0, 1, 2, 17, 100, 1000):
    xs = [random.randint(-50, 50) for _ in range(n)]
    fs = [x / 3 for x in xs] + [-0.0, 0.0]
    ss = [str(x) + "é" * (x % 3) for x in xs]
    assert sorted(xs) == sorted(xs, key=lambda v: v), n
    pairs = [(x % 7, i) for i, x in enumerate(xs)]
    by = sorted(pairs, key=lambda p: p[0])
    assert all(by[i][0] < by[i + 1][0] or (by[i][0] == by[i + 1][0] and by[i][1] < by[i + 1][1]) for i in range(len(by) - 1))
    rv = sorted(pairs, key=lambda p: p[0], reverse=True)
    assert all(rv[i][0] > rv[i + 1][0] or (rv[i][0] == rv[i + 1][0] and rv[i][1] < rv[i + 1][1]) for i in range(len(rv) - 1))
    print(n, sorted(xs)[:5], sorted(fs)[:3], sorted(ss)[:3], sorted(ss, reverse=True)[:2])
print(sorted([3, 1.5, 2]), sorted([float("nan"), 1.0, 0.5]), sorted(["b", "A", "a", "é", "e"]))
print(sorted([0.0, -0.0, 0.0], key=lambda x: x), sorted([True, 2, 0]))
w = "b a c a".split()
w.sort(key=len, reverse=True)
print(w)
nan = float("nan")
print(sorted([(2, "b"), (1, "z"), (2, "a"), (1,), (), (1, "a", 0)]))
print(sorted([(1.5, 2), (1.5, 1), (0.5, 9)]), sorted([(nan, 2), (nan, 1)])[0][1] in (1, 2))
try:
    sorted([(1, "a"), (1, 2)])
except TypeError as e:
    print("TypeError:", e)
