# Closures: shared cells, counters, factories, closures over parameters.
def make_pair():
    value = 0
    def get():
        return value
    def set_(v):
        nonlocal value
        value = v
    return get, set_
get, set_ = make_pair()
print(get())
set_(42)
print(get())
get2, set2 = make_pair()
print(get2(), get())
def multiplier_table(n):
    return [lambda x, k=k: x * k for k in range(1, n + 1)]
print([f(10) for f in multiplier_table(4)])
def memoize(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapper, cache
calls = []
def slow_square(n):
    calls.append(n)
    return n * n
fast, fast_cache = memoize(slow_square)
print(fast(3), fast(3), fast(4), calls, sorted(fast_cache))
def outer(a):
    def middle(b):
        def inner(c):
            return a + b + c
        return inner
    return middle
print(outer(1)(2)(3), outer("x")("y")("z"))
def running_avg():
    total = 0
    n = 0
    def add(x):
        nonlocal total, n
        total += x
        n += 1
        return total / n
    return add
avg = running_avg()
print(avg(10), avg(20), avg(60))
def counter_gen():
    counts = {}
    def hit(key):
        counts[key] = counts.get(key, 0) + 1
        return counts
    return hit
hit = counter_gen()
hit("a"); hit("b"); print(hit("a"))
def loop_closures():
    fs = []
    i = 0
    while i < 3:
        fs.append(lambda: i)
        i += 1
    return [f() for f in fs]
print(loop_closures())
def param_closure(x):
    def show():
        return x
    x = x * 2
    return show
print(param_closure(5)())
adders = {}
for name, n in [("one", 1), ("two", 2)]:
    def mk(n):
        return lambda v: v + n
    adders[name] = mk(n)
print(adders["one"](10), adders["two"](10))
