# functools_bench.py -- lru_cache hits and misses (unbounded and bounded), a memoised
# recursive DP, partial calls and reduce; prints checksums.
#
# Usage: functools_bench.py [N]   (default N=2000)
# bench-size: 60000
import sys
from functools import lru_cache, partial, reduce, cache

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000


@lru_cache(maxsize=None)
def collatz(k):
    if k == 1:
        return 0
    return 1 + collatz(k // 2 if k % 2 == 0 else 3 * k + 1)


best = max(range(1, n), key=collatz)
print("collatz", best, collatz(best), collatz.cache_info().currsize)


@lru_cache(maxsize=256)
def bounded(k):
    return k * k % 1009


s = 0
for i in range(4 * n):
    s += bounded((i * 7) % 300)
print("bounded", s, bounded.cache_info().hits > 0)


@cache
def grid(i, j):
    if i == 0 or j == 0:
        return 1
    return (grid(i - 1, j) + grid(i, j - 1)) % 1000003


side = int(n ** 0.5)
print("grid", grid(side, side))


def f(a, b, c=0):
    return a * b + c


g = partial(f, 3, c=1)
print("partial", sum(g(i) for i in range(n)), sum(map(partial(f, 2), range(n), range(n))))
print("reduce", reduce(lambda a, b: (a * 31 + b) % 1000003, range(4 * n)))
