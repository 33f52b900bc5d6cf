# itertools: count, cycle, repeat, accumulate, chain, compress, dropwhile, takewhile,
# filterfalse, islice, pairwise, starmap, zip_longest (from the itertools docs).
import itertools
from itertools import (count, cycle, repeat, accumulate, chain, compress, dropwhile,
                       takewhile, filterfalse, islice, pairwise, starmap, zip_longest)

print(list(islice(count(), 5)), list(islice(count(10), 3)), list(islice(count(1, 3), 4)))
print(list(islice(count(2.5, 0.5), 4)), list(islice(count(step=-1), 3)), list(islice(count(start=5), 2)))
c = count(7)
print(next(c), next(c), repr(c), repr(count()), repr(count(1, 2)), repr(count(0.5, 0.25)), repr(count(1, 1.0)))
big = count(2 ** 63 - 2)
print(next(big), next(big), next(big), repr(big))
print(list(islice(cycle("ABC"), 8)), list(cycle([])), list(islice(cycle(range(2)), 5)))
r = repeat("x", 3)
print(list(r), list(r), list(repeat(1, 0)), list(repeat(1, -5)), repr(repeat("a")), repr(repeat("a", 2)))
print(list(islice(repeat(None), 3)), repr(repeat(1, times=-2)), repeat(5, 4).__length_hint__())
print(list(map(pow, range(5), repeat(2))))
print(list(accumulate([1, 2, 3, 4, 5])), list(accumulate([1, 2, 3], initial=100)), list(accumulate([])))
print(list(accumulate([], initial=7)), list(accumulate([3, 4, 6, 2, 1, 9, 0, 7, 5, 8], max)))
print(list(accumulate([1, 2, 3, 4], lambda a, b: a * b)), list(accumulate(["a", "b", "c"])))
print(list(accumulate([1, 2, 3], func=None, initial=None)))
print(list(chain("ABC", "DEF")), list(chain()), list(chain([], [1], (), [2, 3])))
print(list(chain.from_iterable(["ABC", "DEF"])), list(chain.from_iterable([])))
print(list(chain.from_iterable(range(i) for i in range(4))))
print(list(compress("ABCDEF", [1, 0, 1, 0, 1, 1])), list(compress("ABC", [1])), list(compress(data=[1, 2], selectors=[0, 1])))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(bool, [])), list(dropwhile(bool, [1, 1])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(bool, [0, 1])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, 1, "", "a", None, [], [0]])))
print(list(islice("ABCDEFG", 2)), list(islice("ABCDEFG", 2, 4)), list(islice("ABCDEFG", 2, None)))
print(list(islice("ABCDEFG", 0, None, 2)), list(islice("ABCDEFG", None)), list(islice("ABC", 10)))
print(list(islice("ABCDEFG", 1, 6, 2)), list(islice("ABCDEFG", None, None, 3)), list(islice([], 0)))
it = iter(range(10))
print(list(islice(it, 2, 4)), next(it), list(islice(it, 0)), next(it))
print(list(pairwise("ABCDEFG")), list(pairwise("A")), list(pairwise([])))
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(max, [[1, 2], "ab"])), list(starmap(len, [])))
print(list(zip_longest("ABCD", "xy", fillvalue="-")), list(zip_longest()), list(zip_longest("ab")))
print(list(zip_longest([1, 2], [3], [4, 5, 6])), list(zip_longest([], [], fillvalue=0)))
print(type(count()).__name__, type(chain()).__name__, type(islice([], 1)).__name__, itertools.count)
print(iter(c) is c, isinstance(c, count), type(c) is itertools.count)
gen = (i * i for i in range(6))
print(list(zip(count(), gen)), sum(islice(count(1), 100)))
total = 0
for i in count():
    if i > 1000:
        break
    total += i
print(total)
