# types.MethodType(func, obj) makes a bound method; types.ModuleType(name, doc) a
# module, with CPython's checks.
import types
import functools


class A:
    def m(self, x=1):
        return (type(self).__name__, x)


def f(self, y):
    return ("f", type(self).__name__, y)


a = A()
b = types.MethodType(f, a)
print(b(3), b.__func__ is f, b.__self__ is a)
print(repr(b).split(" of ")[0])
print(type(b) is types.MethodType, type(a.m) is types.MethodType)
print(b == types.MethodType(f, a), b != a.m)
print(hash(b) == hash(types.MethodType(f, a)))
print(b.__name__, b.__qualname__, b.__doc__)
print(types.MethodType(lambda s: s * 2, 21)())
print(types.MethodType(len, [1, 2])())
print(types.MethodType(A.m, a)(), types.MethodType(a.m, 5)())
p = functools.partial(f, y=9)
print(types.MethodType(p, a)())
# Attaching a method to one instance only.
a.hello = types.MethodType(lambda self, n: "hello %s from %s" % (n, type(self).__name__), a)
print(a.hello("you"), hasattr(A(), "hello"))
for args in [(f,), (3, a), (f, None), (f, a, 1), ()]:
    try:
        types.MethodType(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    types.MethodType(func=f, obj=a)
except TypeError as e:
    print("TypeError:", e)

m = types.ModuleType("made", "its doc")
print(m.__name__, m.__doc__, m.__package__, m.__spec__, m.__loader__)
print(types.ModuleType("bare").__doc__, repr(types.ModuleType("bare"))[:15])
m.x = 5
print(m.x, sorted(k for k in vars(m) if not k.startswith("__")))
for args, kw in [((), {}), ((3,), {}), (("a", "b", "c"), {}), (("a",), {"doc": "d"})]:
    try:
        print(types.ModuleType(*args, **kw).__doc__)
    except TypeError as e:
        print("TypeError:", e)
