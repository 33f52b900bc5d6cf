# bisect: left/right search, insort, lo/hi, key= (3.10+), non-list sequences, errors.
import bisect
from bisect import bisect_left, bisect_right, insort, insort_left, insort_right

a = [1, 2, 4, 4, 4, 7, 9]
print([bisect_left(a, x) for x in range(11)])
print([bisect_right(a, x) for x in range(11)], [bisect.bisect(a, x) for x in (0, 4, 10)])
print(bisect_left(a, 4, 3), bisect_left(a, 4, 0, 3), bisect_right(a, 4, hi=4), bisect_right(a, 4, lo=5), bisect_left(a, 4, hi=-1))
print(bisect_left([], 1), bisect_right([], 1), bisect_left(a, 4, 2, 2), bisect_right(a, 0.5), bisect_left(a, 4.0), bisect_right(a, 4.5))


def grade(score, breakpoints=[60, 70, 80, 90], grades="FDCBA"):
    return grades[bisect.bisect(breakpoints, score)]


print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
words = ["apple", "banana", "cherry", "date"]
print(bisect_left(words, "c"), bisect_right(words, "banana"), bisect_left(("a", "c", "e"), "d"), bisect_right("aceg", "f"))
print(bisect_left(range(0, 100, 5), 42), bisect_right(range(10), 5))
b = []
for x in [5, 1, 4, 1, 5, 9, 2, 6, 5, 3]:
    insort(b, x)
print(b)
insort_left(b, 5)
insort_right(b, 5.0)
insort(b, 100, 0, 3)
print(b)
recs = [("b", 2), ("d", 4), ("a", 1), ("c", 3)]
recs.sort(key=lambda r: r[1])
keys = lambda r: r[1]
print(bisect_left(recs, 3, key=keys), bisect_right(recs, 3, key=keys), bisect.bisect(recs, 0, key=keys))
insort(recs, ("e", 2), key=keys)
insort_left(recs, ("f", 2), key=keys)
print(recs)
tup = [(1, "a"), (1, "c"), (2, "b")]
print(bisect_left(tup, (1, "b")), bisect_right(tup, (1,)), bisect_left(tup, (2,)))


class Rev:
    def __init__(self, v):
        self.v = v
    def __lt__(self, other):
        return self.v > other.v
    def __repr__(self):
        return "R" + str(self.v)


r = [Rev(9), Rev(7), Rev(3)]
insort(r, Rev(5))
print(r, bisect_left(r, Rev(7)), bisect_right(r, Rev(7)))


class Seq:
    def __init__(self):
        self.items = [10, 20, 30]
    def __len__(self):
        return len(self.items)
    def __getitem__(self, i):
        return self.items[i]
    def insert(self, i, v):
        self.items.insert(i, v)


s = Seq()
insort(s, 25)
print(s.items, bisect_left(s, 20))

errors = [
    lambda: bisect.bisect([], 1, -1), lambda: bisect.bisect(), lambda: bisect.bisect(1, 2),
    lambda: bisect.bisect([1, 2], 2, 0, 5), lambda: insort((1, 2), 3), lambda: bisect.bisect([1], "a"),
    lambda: bisect_left([1, 2], 1, lo=None), lambda: bisect.bisect([1, 2, 3], 2, 1.0),
    lambda: bisect.bisect([1, 2], 1, x=2), lambda: bisect.bisect([1], 1, foo=3),
    lambda: bisect.bisect([1], 1, 0, 1, None, 5), lambda: insort([1, 2], "x", key=len),
]
for f in errors:
    try:
        print("no error:", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
