# lru_cache.py -- micro-benchmark: functools.lru_cache's call path. Hits on an
# unbounded cache (a memoised fib called in a loop, one int argument), hits with two
# arguments and a keyword, and a bounded cache whose calls mostly miss and evict.
#
# Usage: lru_cache.py [N]   (default 20000 rounds; counts are checked)
# bench-size: 300000
import sys
from functools import lru_cache

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000


@lru_cache(maxsize=None)
def fib(k):
    return k if k < 2 else fib(k - 1) + fib(k - 2)


@lru_cache(maxsize=None)
def pair(a, b, c=0):
    return a * b + c


@lru_cache(maxsize=64)
def bounded(k):
    return k * k % 1009


s = 0
for i in range(n):
    s += fib(i % 90)
    s += fib(30)
s %= 1000003
t = 0
for i in range(n):
    t += pair(i % 10, 3) + pair(2, i % 7, c=1)
u = 0
for i in range(n):
    # 97 distinct keys through a 64-entry cache, in a cycle: every call misses.
    u += bounded(i % 97)
print("lru_cache", n, s, t, u, fib.cache_info(), bounded.cache_info())
