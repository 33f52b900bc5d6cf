# Assorted corners: scopes, classes, exceptions, slicing, numbers, sorting, printing.
import sys

x = "global"
def outer():
    x = "enclosing"
    def inner():
        nonlocal x
        x = "changed"
    def glob():
        global x
        x = "g2"
    inner(); glob()
    return x
print(outer(), x)

class Base:
    kind = "base"
    def __str__(self):
        return "Base(" + type(self).kind + ")"
class Child(Base):
    kind = "child"
    def __str__(self):
        return "Child/" + super().__str__()
c = Child()
print(str(c), c.kind, c.__class__.__name__, type(c).__mro__[1].__name__)
print(isinstance(c, (int, Base)), isinstance(3, (str, (float, int))), issubclass(Child, (Base,)))

class Fails:
    def __init__(self, v):
        if v < 0:
            raise ValueError("negative: " + str(v))
        self.v = v
try:
    Fails(-1)
except ValueError as e:
    print("init failed:", e)

def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen cleanup")
class CM:
    def __enter__(self): return gen()
    def __exit__(self, *a):
        print("exit", a[0])
        return False
with CM() as g:
    print(next(g))
g.close()

tree = {}
tree.setdefault("a", {}).setdefault("b", []).append(1)
tree.setdefault("a", {}).setdefault("b", []).append(2)
print(tree)

l = list(range(10))
l[::2] = "abcde"
print(l)
del l[1::3]
print(l)
l[1:3] = []
print(l)
try:
    l[::2] = [1]
except ValueError as e:
    print(e)

print(-0.0, 0.0 * -1, abs(-0.0), -0.0 == 0.0, str(-0.0), round(-0.4), f"{-0.0:+.1f}")
print(f"{2**100:,}", f"{2**64:_x}", f"{-12345678:,}", format(10**20, ".3e"))
print(int("1" * 200) % 97, int("-" + "9" * 50) // 10**45)
print(round(0.5), round(1.5), round(2.675, 2), round(-2.5), round(123456, -2), round(1e20))

words = ["bb", "a", "cc", "d", "ee", "f"]
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
print(sorted([(1, "b"), (0, "z"), (1, "a")], key=lambda t: t[0], reverse=True))

print(*[1, 2, 3], sep="")
print("a", "b", sep=", ", end="!\n")
print("to stderr", file=sys.stderr)

calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(2) < v(0) < v(5), calls)

fs = [lambda i=i: i * 10 for i in range(3)]
gs = [lambda: i for i in range(3)]
print([f() for f in fs], [g() for g in gs])

memo = {}
def fib(n):
    if n in memo:
        return memo[n]
    r = n if n < 2 else fib(n - 1) + fib(n - 2)
    memo[n] = r
    return r
print(fib(90), len(memo))

seen = []
def check(n):
    seen.append(n)
    return n > 2
print(any(check(n) for n in range(10)), seen)
seen.clear()
print(all(check(n) for n in [5, 6, 1, 7]), seen)
