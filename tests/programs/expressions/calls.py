# Calls with positional, keyword, *args, **kwargs, and combinations.
def f(a, b, c=3, d=4):
    return [a, b, c, d]
print(f(1, 2), f(1, 2, 5), f(1, b=7), f(c=9, b=8, a=7), f(1, 2, d=0))
args = [10, 20]
kwargs = {"d": 40, "c": 30}
print(f(*args), f(*args, **kwargs), f(1, *[2, 3]), f(**{"a": "x", "b": "y"}))
print(f(*(1, 2), d="D"), f(*"ab"), f(*range(4)))
def g(*args, **kwargs):
    return args, sorted(kwargs.items())
print(g(), g(1), g(1, 2, x=3), g(*[1, 2], *[3], y=1, **{"z": 2}))
def h(a, *rest, key="default", **extra):
    return a, rest, key, extra
print(h(1), h(1, 2, 3), h(1, key="k"), h(1, 2, key="k", other=5))
def kwonly(a, *, b, c=0):
    return a + b + c
print(kwonly(1, b=2), kwonly(1, b=2, c=3), kwonly(a=5, b=5))
def varargs_sum(*nums):
    total = 0
    for n in nums:
        total += n
    return total
print(varargs_sum(), varargs_sum(1), varargs_sum(1, 2, 3, 4), varargs_sum(*range(101)))
print(max(*[3, 9, 2]), print(*[1, 2, 3], sep="-"))
def show(**kw):
    for k in kw:
        print(" ", k, "=", kw[k])
show(z=1, a=2, m=3)
show(**dict(x=1), y=2)
def outer(*args, **kwargs):
    return f(*args, **kwargs)
print(outer(1, 2, d=9))
def defaults(x, y=[]):
    y.append(x)
    return y
print(defaults(1), defaults(2), defaults(3, []), defaults(4))
print((lambda *a, **k: (a, k))(1, 2, q=3))
print(dict(a=1, b=2), list(zip(*[[1, 2], [3, 4]])))
print(sorted([3, 1, 2], reverse=True), "-".join(map(str, [1, 2])))
def trailing(a, b,):
    return a - b
print(trailing(5, 3,), trailing(b=1, a=10,))
