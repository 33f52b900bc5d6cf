# yield from: delegation, return value, nested delegation, send through.
def inner():
    yield 1
    yield 2
    return "inner done"
def outer():
    result = yield from inner()
    print("inner returned:", result)
    yield 3
    return "outer done"
print(list(outer()))
def chain(*iterables):
    for it in iterables:
        yield from it
print(list(chain([1, 2], "ab", range(3), (x for x in [9]))))
def flatten(x):
    if isinstance(x, list):
        for item in x:
            yield from flatten(item)
    else:
        yield x
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
def accumulate():
    total = 0
    while True:
        v = yield total
        if v is None:
            return total
        total += v
def delegator():
    final = yield from accumulate()
    yield "final " + str(final)
d = delegator()
print(next(d), d.send(5), d.send(10), d.send(None))
def tree(n):
    if n == 0:
        return
    yield from tree(n - 1)
    yield n
    yield from tree(n - 1)
print(list(tree(3)))
def gen_returns_value():
    yield "a"
    return 42
def collect():
    v1 = yield from gen_returns_value()
    v2 = yield from gen_returns_value()
    return v1 + v2
g = collect()
out = []
try:
    while True:
        out.append(next(g))
except StopIteration as e:
    print(out, "returned", e.value)
def counter(n):
    yield from range(n)
print(list(counter(4)), sum(counter(101)))
