# heapq: the heap invariant and CPython's exact list layout after each operation,
# merge / nlargest / nsmallest with key and reverse, ties, and the errors.
import heapq

h = []
for x in [5, 3, 8, 1, 9, 2, 7, 3, 0, 6]:
    heapq.heappush(h, x)
print(h)
print([heapq.heappop(h) for _ in range(4)], h)
print(heapq.heapreplace(h, 4), h, heapq.heappushpop(h, 1), h, heapq.heappushpop(h, 10), h)
data = [(i * 37) % 101 for i in range(60)]
heapq.heapify(data)
print(data)
print(all(data[(i - 1) // 2] <= data[i] for i in range(1, len(data))))
print([heapq.heappop(data) for _ in range(len(data))] == sorted((i * 37) % 101 for i in range(60)))
big = [(i * 7919) % 10007 for i in range(3000)]
heapq.heapify(big)
print(big[:20], big[-5:])
tasks = []
heapq.heappush(tasks, (2, "write"))
heapq.heappush(tasks, (1, "read"))
heapq.heappush(tasks, (2, "append"))
heapq.heappush(tasks, (1, "open"))
print(tasks, [heapq.heappop(tasks) for _ in range(4)])
print(heapq.heappushpop([], 1), heapq.heappop([7]))
mh = [1, 5, 3, 9, 7]
heapq._heapify_max(mh)
print(mh, heapq._heappop_max(mh), mh, heapq._heapreplace_max(mh, 4), mh)

class Task:
    def __init__(self, p, name):
        self.p, self.name = p, name
    def __lt__(self, other):
        return self.p < other.p
    def __repr__(self):
        return "Task(" + str(self.p) + ", " + self.name + ")"
q = []
for i, n in enumerate("abcdefg"):
    heapq.heappush(q, Task((i * 5) % 4, n))
print(q, heapq.heappop(q), heapq.heappop(q))

print(list(heapq.merge([1, 3, 5, 7], [0, 2, 4, 8], [5, 10, 15, 20], [], [25])))
print(list(heapq.merge()), list(heapq.merge([])), list(heapq.merge([1, 2])), list(heapq.merge("ace", "bdf")))
print(list(heapq.merge([5, 3, 1], [4, 2], reverse=True)), list(heapq.merge(["dog", "horse"], ["cat", "fish", "kangaroo"], key=len)))
print(list(heapq.merge([(1, "a"), (2, "b")], [(1, "c"), (2, "d")], key=lambda t: t[0])))
print(list(heapq.merge([3, 2, 1], [3, 1], key=lambda v: -v)), list(heapq.merge([1, 1], [1, 1], key=lambda v: 0)))
m = heapq.merge(iter([1, 4]), iter([2, 3]))
print(next(m), next(m), list(m))

words = "the quick brown fox jumps over the lazy dog and keeps on running far away".split()
print(heapq.nlargest(3, [1, 8, 2, 23, 7, -4, 18, 23, 42, 37, 2]), heapq.nsmallest(3, [1, 8, 2, 23, 7, -4, 18, 23, 42, 37, 2]))
print(heapq.nlargest(4, words, key=len), heapq.nsmallest(4, words, key=len))
print(heapq.nlargest(1, words, key=len), heapq.nsmallest(1, words, key=len), heapq.nlargest(1, []), heapq.nsmallest(1, iter([])))
print(heapq.nlargest(0, words), heapq.nsmallest(-1, words), heapq.nlargest(100, [3, 1, 2]), heapq.nsmallest(5, iter([3, 1, 2])))
print(heapq.nsmallest(3, iter(words), key=len), heapq.nlargest(3, iter(words)), heapq.nsmallest(2, "zyxwv"))
pairs = [(i % 3, i) for i in range(12)]
print(heapq.nsmallest(5, iter(pairs), key=lambda p: p[0]), heapq.nlargest(5, iter(pairs), key=lambda p: p[0]))
print(heapq.nlargest(3, [2.5, 1, 3, 2]), heapq.nsmallest(2, [{"a": 2}, {"a": 1}], key=lambda d: d["a"]))

errors = [
    lambda: heapq.heappush(), lambda: heapq.heappush(1, 2), lambda: heapq.heappop([]),
    lambda: heapq.heappop(1), lambda: heapq.heapify(1), lambda: heapq.heapify(),
    lambda: heapq.heapify([1], [2]), lambda: heapq.heapreplace([], 1), lambda: heapq.heappush([], x=1),
    lambda: heapq.heappush([1], "a"), lambda: heapq.heapify([1, "a", 2]), lambda: heapq.nlargest(2),
    lambda: heapq.nlargest("a", [1]), lambda: heapq.nlargest(2, [1, 2], 3),
    lambda: heapq.nlargest(2, [1, 2], key=None, foo=1), lambda: list(heapq.merge([1], 2)),
    lambda: heapq.nsmallest(2, iter([1, None, 3])), lambda: list(heapq.merge([1, 2], ["a"])),
]
for f in errors:
    try:
        print("no error:", f())
    except Exception as e:
        print(type(e).__name__ + ":", e)
