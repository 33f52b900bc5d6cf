# closures.py -- closures and decorators: counters over `nonlocal` cells,
# a memoising decorator, a call-counting decorator built with functools.wraps,
# function composition and partial application with lambdas.
# Exercises MAKE_FUNCTION with closures, LOAD_DEREF/STORE_DEREF, calls
# through *args/**kwargs wrappers, and decorated recursion.
#
# Usage: closures.py [N]   (default 2000 rounds)
# bench-size: 150000
import functools
import sys


def counter(start):
    count = start

    def bump(by=1):
        nonlocal count
        count += by
        return count

    return bump


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


def memo(fn):
    cache = {}

    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]

    wrapper.cache = cache
    return wrapper


@memo
def tribonacci(n):
    return n if n < 3 else tribonacci(n - 1) + tribonacci(n - 2) + tribonacci(n - 3)


@counted
def scale(x, factor=2):
    return x * factor


def compose(*fns):
    def run(x):
        for f in reversed(fns):
            x = f(x)
        return x

    return run


def adder(k):
    return lambda x: x + k


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    c = counter(10)
    pipeline = compose(adder(1), adder(2), lambda x: x * 3)
    total = 0
    for i in range(n):
        c()
        c(2)
        total += pipeline(i) + scale(i) + scale(i, factor=3)
    if c(0) != 10 + 3 * n:
        print("FAIL: counter", c(0))
        sys.exit(1)
    if scale.calls != 2 * n or scale.__name__ != "scale":
        print("FAIL: counted", scale.calls, scale.__name__)
        sys.exit(1)
    t = tribonacci(200)
    if len(tribonacci.cache) != 201:
        print("FAIL: memo cache", len(tribonacci.cache))
        sys.exit(1)
    # sum of 3i+3 + 2i + 3i over i < n
    if total != 8 * (n * (n - 1) // 2) + 3 * n:
        print("FAIL: total", total)
        sys.exit(1)
    print("closures n=%d total=%d tribonacci(200) mod 1e9+7=%d" % (n, total, t % 1000000007))


main()
