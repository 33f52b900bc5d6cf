# Higher-order functions: map/filter/sorted with functions, function factories, reduce by hand.
def reduce(fn, seq, initial):
    acc = initial
    for x in seq:
        acc = fn(acc, x)
    return acc
print(reduce(lambda a, b: a + b, range(1, 11), 0), reduce(lambda a, b: a * b, range(1, 6), 1))
print(reduce(lambda acc, w: acc + [len(w)], ["a", "bb", "ccc"], []))
def curry(f):
    return lambda a: lambda b: f(a, b)
add = curry(lambda a, b: a + b)
print(add(2)(3), list(map(add(10), [1, 2, 3])))
def count_calls(fn):
    count = [0]
    def wrapper(*args, **kwargs):
        count[0] += 1
        return fn(*args, **kwargs)
    def calls():
        return count[0]
    return wrapper, calls
wrapped_max, max_calls = count_calls(max)
wrapped_max(1, 2); wrapped_max([3, 4]); wrapped_max(5, 6, key=lambda v: -v)
print(max_calls(), wrapped_max(5, 6, key=lambda v: -v))
funcs = {"double": lambda x: x * 2, "square": lambda x: x ** 2, "neg": lambda x: -x}
for name in sorted(funcs):
    print(name, [funcs[name](v) for v in range(4)])
def apply_all(fs, v):
    return [f(v) for f in fs]
print(apply_all([str, float, lambda v: v + 1, abs], -3))
print(sorted(["b10", "a2", "a10", "b1"], key=lambda s: (s[0], int(s[1:]))))
print(list(map(lambda p: p[0] * p[1], zip([1, 2, 3], [4, 5, 6]))))
print(list(filter(lambda s: s.startswith("a"), ["apple", "banana", "avocado"])))
def fixed_point(f, x, limit=100):
    for _ in range(limit):
        nx = f(x)
        if nx == x:
            return x
        x = nx
    return x
print(fixed_point(lambda v: (v + 2 / v) / 2, 1.0))
print(fixed_point(lambda n: n // 2 if n > 1 else n, 1000))
