# A collection while built-in iterators of every kind are alive walks each with its
# own layout (a big range's longrange_iterator once crashed the collector).
import gc
import itertools

r = range(2**63 - 2, 2**63 + 2)
its = [iter(r), reversed(r), iter(range(5)), reversed([1, 2]), iter({1: 2}.items()),
       reversed({1: 2}), reversed({1: 2}.values()), reversed({1: 2}.items()), iter("abc"), iter(()), zip([1], [2]),
       map(str, [1]), filter(None, [0, 1]), enumerate("x"), iter(lambda: 1, 1),
       itertools.count(), itertools.chain([1], [2]), itertools.islice(r, 2)]
gc.collect()
print(sorted(type(i).__name__ for i in its))
print(next(its[0]), next(its[1]), list(its[-1]))
