# lambda expressions in many positions.
sq = lambda x: x * x
print(sq(4), (lambda: 7)(), (lambda a, b: a - b)(10, 3))
print((lambda a, b=5: a + b)(1), (lambda *a: len(a))(1, 2, 3), (lambda **k: sorted(k))(b=1, a=2))
pairs = [(2, "b"), (1, "z"), (3, "a")]
print(sorted(pairs, key=lambda p: p[1]), sorted(pairs, key=lambda p: -p[0]))
print(list(map(lambda x: x + 1, [1, 2])), list(filter(lambda x: x % 2, range(7))))
adders = [lambda x, n=n: x + n for n in range(3)]
print([f(10) for f in adders])
late = [lambda x: x + n for n in range(3)]
print([f(10) for f in late])
def make(k):
    return lambda x: x * k
print(make(3)(4), make("ab")(2))
cond = lambda x: "even" if x % 2 == 0 else "odd"
print([cond(i) for i in range(4)])
nested = lambda x: lambda y: x + y
print(nested(1)(2), nested("a")("b"))
print((lambda x: [x, x * 2])(3), (lambda: None)() is None)
compose = lambda f, g: lambda x: f(g(x))
print(compose(str, sq)(9), compose(len, str)(12345))
print(max(["aa", "b", "cccc"], key=lambda s: len(s)), min([3, -5, 2], key=lambda v: abs(v)))
table = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b}
print(table["add"](2, 3), table["mul"](2, 3))
print(type(sq).__name__, sq.__name__)
fact = lambda n: 1 if n <= 1 else n * fact(n - 1)
print(fact(10), fact(20))
