# functools: reduce, partial (flattening, keywords, repr facts), wraps/update_wrapper,
# lru_cache (maxsize, typed, cache_info, cache_clear, eviction order), cache,
# total_ordering, cmp_to_key, singledispatch; errors.
import functools
from functools import reduce, partial, wraps, lru_cache, cache, total_ordering, cmp_to_key

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10), reduce(max, [3], 0))
print(reduce(lambda acc, c: c + acc, "abc"), reduce(lambda a, b: a + b, [], 7), reduce(lambda a, b: [a, b], [1, 2, 3]))


def power(base, exp=2, *, mod=None):
    r = base ** exp
    return r if mod is None else r % mod


square = partial(power, exp=2)
cube = partial(power, exp=3)
print(square(5), cube(3), cube(3, exp=4), partial(power, 2)(10), partial(power, 2, mod=1000)(20))
p = partial(partial(power, 3), mod=7)
print(p.func is power, p.args, p.keywords, p(4), type(p).__name__, callable(p))
basetwo = partial(int, base=2)
print(basetwo("10010"), partial(max, 1, 9)(5), partial(sorted, key=len)(["ccc", "a", "bb"]))
print(repr(partial(max, 1, key=abs)).startswith("functools.partial(<built-in function max>, 1, key="))


def my_decorator(f):
    @wraps(f)
    def wrapper(*args, **kwds):
        """wrapper doc"""
        return f(*args, **kwds) + 1
    return wrapper


@my_decorator
def example(x):
    """Docstring of example."""
    return x * 2


print(example(20), example.__name__, example.__wrapped__(20))


def other(x):
    return x


def shell(*a):
    return other(*a)


functools.update_wrapper(shell, other)
print(shell.__name__, shell.__wrapped__ is other, shell(5))
print(functools.WRAPPER_ASSIGNMENTS, functools.WRAPPER_UPDATES)

calls = []


@lru_cache(maxsize=None)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(80), len(calls), fib.cache_info(), fib(80), fib.cache_info().hits)
info = fib.cache_info()
print(info.hits, info.misses, info.maxsize, info.currsize, info == (info.hits, info.misses, None, 81), tuple(info), info[1])
fib.cache_clear()
print(fib.cache_info(), fib.cache_parameters())


@lru_cache(maxsize=3)
def sq(x):
    calls.append(x)
    return x * x


calls.clear()
for x in [1, 2, 3, 1, 4, 2, 5, 1, 3]:
    sq(x)
print(calls, sq.cache_info())


@lru_cache
def ident(x):
    calls.append(("ident", x))
    return x


calls.clear()
print(ident(1), ident(1.0), ident(True), calls, ident.cache_info(), ident.cache_parameters())


@lru_cache(typed=True)
def typed_ident(x):
    calls.append(("typed", type(x).__name__))
    return x


calls.clear()
print(typed_ident(1), typed_ident(1.0), typed_ident(1), calls, typed_ident.cache_info().currsize)


@lru_cache(maxsize=0)
def nocache(x):
    return x + 1


print(nocache(1), nocache(1), nocache.cache_info())


@lru_cache(maxsize=-5)
def neg(x):
    return x


print(neg(1), neg.cache_info())


@lru_cache(maxsize=2)
def kw(a, b=0, *, c=0):
    calls.append((a, b, c))
    return a + b + c


calls.clear()
print(kw(1, 2), kw(1, b=2), kw(1, 2), kw(a=1, b=2), kw(1, c=5), kw(1, c=5), calls, kw.cache_info())


class Adder:
    def __init__(self, base):
        self.base = base

    @lru_cache(maxsize=None)
    def add(self, x):
        calls.append(("add", x))
        return self.base + x


calls.clear()
a = Adder(10)
print(a.add(1), a.add(1), Adder(20).add(1), calls)


@cache
def factorial(n):
    return n * factorial(n - 1) if n else 1


print(factorial(20), factorial.cache_info(), factorial(25), factorial.cache_info().hits)


@total_ordering
class Student:
    def __init__(self, name, grade):
        self.name, self.grade = name, grade

    def __eq__(self, other):
        return self.grade == other.grade

    def __lt__(self, other):
        return self.grade < other.grade


s1, s2, s3 = Student("a", 80), Student("b", 90), Student("c", 80)
print(s1 < s2, s1 > s2, s1 <= s3, s1 >= s3, s2 >= s1, s2 <= s1, s1 == s3, s1 != s2)
print([s.name for s in sorted([s2, s1, s3])], max([s1, s2, s3]).name)


@total_ordering
class Version:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __ge__(self, other):
        return self.n >= other.n


print(Version(1) < Version(2), Version(3) <= Version(3), Version(2) > Version(1), Version.__lt__.__name__)


def compare(a, b):
    return (a > b) - (a < b)


print(sorted([5, 2, 4, 1, 3], key=cmp_to_key(compare)), sorted("banana", key=cmp_to_key(lambda a, b: compare(b, a))))
K = cmp_to_key(compare)
print(K(1) < K(2), K(2) == K(2), K(3) >= K(4), max([3, 9, 2], key=K))


@functools.singledispatch
def describe(arg):
    return "object: " + repr(arg)


@describe.register(int)
def _(arg):
    return "int: " + str(arg)


@describe.register(list)
def _(arg):
    return "list of " + str(len(arg))


describe.register(str, lambda s: "str: " + s.upper())


class Base:
    pass


class Derived(Base):
    pass


describe.register(Base, lambda b: "a Base")
print(describe(5), describe(True), describe([1, 2]), describe("hi"), describe(2.5), describe(Derived()), describe(None))
print(describe.dispatch(bool) is describe.dispatch(int), describe.dispatch(float) is describe.registry[object], len(describe.registry))

errors = [
    lambda: reduce(lambda a, b: a, []), lambda: reduce(), lambda: reduce(len), lambda: reduce(len, 5),
    lambda: reduce(len, [1], x=1), lambda: reduce(len, [1], 2, 3), lambda: partial(), lambda: partial(1),
    lambda: lru_cache("x"), lambda: total_ordering(Base), lambda: describe(),
    lambda: describe.register(5, len), lambda: describe.register(lambda x: x),
    lambda: fib(), lambda: square(), lambda: fib([1]),
]
for f in errors:
    try:
        print("no error:", f())
    except Exception as e:
        print(type(e).__name__ + ":", str(e).split(" at 0x")[0])
try:
    hash(K(1))
except TypeError as e:
    # CPython's key class is the C type functools.KeyWrapper; gilvm's is Python.
    print("TypeError:", str(e).startswith("unhashable type:"))


@lru_cache(maxsize=None)
def depth(n):
    return 0 if n == 0 else depth(n - 1) + 1


# The cached wrapper costs one level of the recursion limit per call, as in CPython.
print(depth(450))
try:
    depth.cache_clear()
    depth(700)
except RecursionError as e:
    print("RecursionError:", e)
