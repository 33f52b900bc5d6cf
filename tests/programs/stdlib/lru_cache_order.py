# functools.lru_cache recency order: hits move an entry to the newest end, a miss on a
# full cache evicts the least recently used one (checked against a model over long
# mixed sequences); __wrapped__, cache_clear() mid-use, maxsize=1/0/None, typed=True
# with keywords, recursion storing the key during the call, unhashable arguments.
import functools
from functools import lru_cache


def model_run(maxsize, seq):
    """The LRU order a cache of `maxsize` must keep, and which calls miss."""
    order, misses = [], []
    for k in seq:
        if k in order:
            order.remove(k)
        else:
            misses.append(k)
            if len(order) >= maxsize:
                order.pop(0)
        order.append(k)
    return misses


for maxsize in (1, 2, 3, 7, 16):
    seen = []

    @lru_cache(maxsize=maxsize)
    def f(k):
        seen.append(k)
        return k * 3

    seq = [(i * 7 + i // 5 * 3) % 11 for i in range(300)] + [(i * i) % 23 for i in range(200)]
    assert all(f(k) == k * 3 for k in seq)
    info = f.cache_info()
    print(maxsize, seen == model_run(maxsize, seq), info.misses == len(seen),
          info.hits + info.misses == len(seq), info.currsize, info.maxsize)

# Strings, tuples and floats as keys, with evictions in between.
@lru_cache(maxsize=4)
def g(*a, **k):
    return (a, tuple(sorted(k.items())))


for args in [("a",), ("b", 1), (1.5,), ("a",), (2,), ((1, 2),), ("b", 1), ("a",)]:
    g(*args)
print(g.cache_info(), g(x=1), g(x=1, y=2), g(y=2, x=1), g.cache_info())


def plain(x, y=1):
    "plain's doc"
    return x + y


w = lru_cache(maxsize=10)(plain)
print(w.__wrapped__ is plain, w.__name__, w.__doc__, w.__qualname__, w.__module__)
print(w(1), w(1, 2), w(1, y=2), w(x=1, y=2), w.cache_info())
w.cache_clear()
print(w.cache_info(), w(3), w(3), w.cache_info(), w.cache_parameters())
print(lru_cache(plain).__wrapped__ is plain, functools.cache(plain).__wrapped__ is plain)

calls = []


@lru_cache(maxsize=1)
def one(x):
    calls.append(x)
    return -x


for x in (1, 1, 2, 1, 1, 3, 3):
    one(x)
print(calls, one.cache_info())


@lru_cache(maxsize=0)
def zero(x):
    calls.append(("zero", x))
    return x


calls.clear()
print(zero(1), zero(1), calls, zero.cache_info())


@lru_cache(maxsize=3, typed=True)
def typed(a, *, b=0):
    calls.append((type(a).__name__, type(b).__name__))
    return a + b


calls.clear()
print(typed(1), typed(1.0), typed(1, b=1), typed(1, b=1.0), typed(True), typed(1))
print(calls, typed.cache_info())


# The function stores its own key while it runs (recursion): the stored entry stays.
@lru_cache(maxsize=2)
def rec(n, top=True):
    if top:
        rec(n, False)
        return ("outer", n)
    return ("inner", n)


print(rec(5, False), rec(5), rec(5), rec.cache_info())


@lru_cache(maxsize=None)
def unbounded(x):
    return x


for i in range(1000):
    unbounded(i % 600)
print(unbounded.cache_info())
try:
    unbounded([1])
except TypeError as e:
    print("TypeError:", e)


# cache_clear from inside the cached function.
@lru_cache(maxsize=2)
def clearing(x):
    if x == 3:
        clearing.cache_clear()
    return x


print([clearing(x) for x in (1, 2, 3, 1, 4, 3)], clearing.cache_info())
