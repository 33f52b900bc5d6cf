# Generator functions: lazy evaluation, StopIteration, state between yields.
def count_up(n):
    print("start")
    i = 0
    while i < n:
        print("yielding", i)
        yield i
        i += 1
    print("end")
g = count_up(2)
print("created", type(g).__name__)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration:
    print("StopIteration")
print(next(g, "default after exhaustion"))
print(list(count_up(3)))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(12)])
def take(n, it):
    out = []
    for x in it:
        if len(out) == n:
            break
        out.append(x)
    return out
print(take(5, fib()))
def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x
print(take(5, evens(fib())), sum(evens(range(11))))
def gen_return():
    yield 1
    return "ret value"
gr = gen_return()
print(next(gr))
try:
    next(gr)
except StopIteration as e:
    print("StopIteration value:", e.value)
def empty():
    return
    yield
print(list(empty()), list(x for x in []))
g2 = (i * i for i in range(4))
print(iter(g2) is g2, list(g2), list(g2))
def with_finally():
    try:
        yield 1
        yield 2
    finally:
        print("generator finally")
for v in with_finally():
    print("got", v)
print(dict(enumerate(count_up(0))), max(count_up(3)))
def chars(s):
    for c in s:
        yield c.upper()
print("".join(chars("abc")), sorted(chars("cab")), tuple(chars("xy")))
