# functools._lru_cache_wrapper, the native type lru_cache returns: its attributes
# (__wrapped__, __dict__ from update_wrapper, repr, copy, __reduce__), binding as a
# method, hit/miss counts and eviction order, typed and keyword keys, re-entry into the
# same cache, exceptions, and the type's own constructor and errors.
import copy
import functools
import weakref
from functools import lru_cache


@lru_cache(maxsize=3)
def sq(x):
    "Square x."
    calls.append(x)
    return x * x


calls = []
W = functools._lru_cache_wrapper
print(type(sq) is W, isinstance(sq, W), type(sq).__name__, type(sq).__module__,
      type(sq).__qualname__)
print(repr(sq).startswith("<functools._lru_cache_wrapper object at 0x"), repr(sq)[-1])
print(sq.__name__, sq.__qualname__, sq.__doc__, sq.__module__, sq.__wrapped__.__name__)
print(sorted(sq.__dict__), sq.cache_parameters())
print(callable(sq), "__call__" in vars(W), "__get__" in vars(W), "cache_info" in vars(W))

# Hits, misses and the order entries are evicted in (least recently used first).
for x in (1, 2, 3, 1, 4, 2, 1, 3, 3, 5):
    sq(x)
print(calls, sq.cache_info())
calls.clear()
sq.cache_clear()
print(sq.cache_info(), sq(2), sq(2), calls, sq.cache_info())
info = sq.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize, tuple(info))

# typed=True caches 1, 1.0 and True apart; keyword arguments are part of the key, in
# their order.
log = []


@lru_cache(maxsize=None, typed=True)
def t(a, b=0, c=0):
    log.append((a, b, c))
    return (type(a).__name__, a + b + c)


print(t(1), t(1.0), t(True), t(1), t(1, b=2), t(1, c=2), t(1, b=2, c=3), t(1, c=3, b=2))
print(t(a=1), t(1), len(log), t.cache_info())


@lru_cache(maxsize=None)
def u(a, b=0):
    log.append(("u", a, b))
    return a + b


log.clear()
print(u(1), u(1.0), u(True), u(1, 0), u(1, b=0), u(b=0, a=1), u(a=1, b=0), len(log), u.cache_info())


# Methods: bound through __get__ like a function; one cache for every instance, keyed
# by the instance too.
class Point:
    made = 0

    def __init__(self, x):
        self.x = x

    @lru_cache(maxsize=None)
    def scaled(self, k):
        "Point times k."
        Point.made += 1
        return self.x * k

    def __hash__(self):
        return hash(self.x)

    def __eq__(self, other):
        return isinstance(other, Point) and self.x == other.x


p, q, r = Point(2), Point(3), Point(2)
m = p.scaled
print(type(m).__name__, m.__self__ is p, m.__func__ is Point.__dict__["scaled"])
print(Point.scaled is Point.__dict__["scaled"], Point.scaled.__get__(None, Point) is Point.scaled)
print(p.scaled(10), q.scaled(10), p.scaled(10), r.scaled(10), Point.scaled(q, 10), Point.made)
print(Point.scaled.cache_info(), p.scaled.cache_info() == Point.scaled.cache_info())
print(Point.scaled.__name__, Point.scaled.__qualname__, Point.scaled.__doc__)
# Bound to an int by hand: the int is the argument.
print(sq.__get__(5).__self__, sq.__get__(5)(), sq.cache_info().hits)


# Re-entry: the function calls its own cache (recursion), and a nested call of the same
# key stores it first (bounded: that entry stays; unbounded: this call's result wins,
# as CPython's plain dict store).
@lru_cache(maxsize=None)
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(90), fib.cache_info())
fib.cache_clear()
print(fib(30), fib.cache_info())

for maxsize in (4, None):
    depth = []

    @lru_cache(maxsize=maxsize)
    def twice(k):
        depth.append(k)
        if len(depth) == 1:
            inner = twice(k)
            return ("outer", k, inner)
        return ("inner", k)

    first = twice(7)
    print(maxsize, first, twice(7), twice.cache_info())


# cache_clear from inside the function, while a bounded cache is full.
@lru_cache(maxsize=2)
def clearing(x):
    if x == 3:
        clearing.cache_clear()
    return x


print([clearing(x) for x in (1, 2, 3, 1, 4, 3, 5, 1)], clearing.cache_info())


# An exception from the function is not cached; the miss is counted.
tries = []


@lru_cache(maxsize=8)
def flaky(x):
    tries.append(x)
    if len(tries) < 3:
        raise ValueError(f"try {len(tries)}")
    return x


for _ in range(4):
    try:
        print(flaky(1))
    except ValueError as e:
        print("ValueError:", e)
print(tries, flaky.cache_info())

# Unhashable arguments: TypeError before the call, no miss counted.
try:
    flaky([1])
except TypeError as e:
    print("TypeError:", e)
print(flaky.cache_info())

# maxsize=0 never stores; the calls are all misses.
zero = lru_cache(maxsize=0)(lambda x: [x])
a, b = zero(1), zero(1)
print(a == b, a is b, zero.cache_info())

# __dict__: writable, holds what update_wrapper set; attributes can be added.
sq.extra = 5
print(sq.extra, sq.__dict__["extra"], "extra" in vars(sq))
del sq.extra
print(hasattr(sq, "extra"))
try:
    del sq.__dict__
except TypeError as e:
    print("TypeError:", e)
try:
    sq.__dict__ = 5
except TypeError as e:
    print("TypeError:", e)

# Copies are the wrapper itself; pickling would refer to it by name.
print(copy.copy(sq) is sq, copy.deepcopy(sq) is sq, sq.__reduce__())
print(weakref.ref(sq)() is sq)

# The type itself: lru_cache's arguments, and its errors.
raw = W(len, 2, False, functools._CacheInfo)
print(raw("abc"), raw("abc"), raw.cache_info(), raw.__dict__, hasattr(raw, "__wrapped__"))
print(W(len, -4, False, lambda *a: a).cache_info())
print(W(len, True, 1, lambda *a: a).cache_info())
for bad in [(1, 3, False, tuple), (len, "x", False, tuple), (len, 3.0, False, tuple), (len,),
            (len, 1, False, tuple, 5)]:
    try:
        W(*bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    class Sub(W):
        pass
except TypeError as e:
    print("TypeError:", e)
for call in (lambda: sq.cache_info(1), lambda: sq.cache_clear(x=1),
             lambda: W.cache_info(1)):
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)
try:
    sq.nothing
except AttributeError as e:
    print("AttributeError:", e)

# lru_cache's own argument forms.
print(lru_cache(len).cache_parameters(), functools.cache(len).cache_parameters())
try:
    lru_cache("x")
except TypeError as e:
    print("TypeError:", e)
print(lru_cache(maxsize=-1)(len).cache_info())

# Threads sharing one bounded cache (the function switches threads mid-call): every
# call is counted once, the results are right and the cache stays within its bound.
import threading
import time


@lru_cache(maxsize=16)
def shared(k):
    if k % 5 == 0:
        time.sleep(0)
    return k * 7


def worker(seed, out):
    ok = True
    for i in range(400):
        k = (i * seed + i // 3) % 40
        ok = ok and shared(k) == k * 7
    out.append(ok)


out = []
threads = [threading.Thread(target=worker, args=(s, out)) for s in (1, 3, 7, 11)]
for th in threads:
    th.start()
for th in threads:
    th.join()
info = shared.cache_info()
print(out, info.hits + info.misses, info.currsize <= 16, info.maxsize)
