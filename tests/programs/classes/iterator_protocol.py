# Iterator protocol on user classes: iter() returning separate iterators, exhaustion, for/else.
class Range2:
    def __init__(self, start, stop):
        self.start = start
        self.stop = stop
    def __iter__(self):
        return Range2Iter(self.start, self.stop)
class Range2Iter:
    def __init__(self, cur, stop):
        self.cur = cur
        self.stop = stop
    def __iter__(self):
        return self
    def __next__(self):
        if self.cur >= self.stop:
            raise StopIteration
        self.cur += 1
        return self.cur - 1
r = Range2(1, 4)
print(list(r), list(r), sum(r), [x * y for x in r for y in r][:4])
it = iter(r)
print(next(it), list(it), list(it))
class Fib:
    def __init__(self, limit):
        self.limit = limit
    def __iter__(self):
        a, b = 0, 1
        while a < self.limit:
            yield a
            a, b = b, a + b
print(list(Fib(50)), 21 in Fib(50), max(Fib(100)))
for v in Fib(3):
    print("fib", v)
else:
    print("for-else after user iterator")
class Cycle:
    def __init__(self, items):
        self.items = items
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        v = self.items[self.i % len(self.items)]
        self.i += 1
        return v
c = Cycle("ab")
print([next(c) for _ in range(5)], list(zip(range(3), Cycle([True, False]))))
print(dict(zip("xyz", Range2(10, 20))), list(enumerate(Range2(5, 7), 1)))
print(sorted(Range2(0, 5), reverse=True), tuple(map(str, Range2(0, 3))))
a, b, c2 = Range2(7, 10)
print(a, b, c2)
