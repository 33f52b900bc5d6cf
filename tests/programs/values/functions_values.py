# Functions, closures and bound methods are values.
def square(x):
    return x * x
f = square
print(f(5), f is square, square.__name__, callable(f))
funcs = [square, abs, len]
print([g(-3) if g is not len else g("abc") for g in funcs])
def make_adder(n):
    def add(x):
        return x + n
    return add
add5 = make_adder(5)
add10 = make_adder(10)
print(add5(1), add10(1), make_adder(-1)(1))
class Counter:
    def __init__(self):
        self.n = 0
    def inc(self, by=1):
        self.n += by
        return self.n
c = Counter()
m = c.inc
print(m(), m(), m(10), c.n)
print(Counter.inc(c, 100), c.n)
ops = {"sq": square, "neg": lambda x: -x, "add5": add5}
for k in sorted(ops):
    print(k, ops[k](7))
def apply_twice(fn, x):
    return fn(fn(x))
print(apply_twice(square, 3), apply_twice(add5, 0), apply_twice(lambda s: s + "!", "hi"))
def compose(f, g):
    return lambda x: f(g(x))
h = compose(square, add5)
print(h(1), compose(str, square)(12) + "x")
print((lambda: "no args")(), (lambda a, b=2: a * b)(4))
bm = "a-b-c".split
print(bm("-"), type(m).__name__, type(square).__name__)
print(callable(square), callable(5), callable(Counter), callable(c), callable(m))
print(sorted(["bb", "a", "ccc"], key=len), list(map(square, [1, 2, 3])))
