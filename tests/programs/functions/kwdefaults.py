# __kwdefaults__: None without keyword-only defaults, a live dict otherwise,
# assignable (a dict or None) and deletable, and used by later calls.


def f(a, *, b=1, c=2):
    return a, b, c


def g(a, *, b):
    return a, b


def h(a, b=3):
    return a, b


print(f.__kwdefaults__, g.__kwdefaults__, h.__kwdefaults__, (lambda *, x=1: x).__kwdefaults__)
print(f(0))
f.__kwdefaults__ = {"b": 10, "c": 20}
print(f(0), f.__kwdefaults__)
f.__kwdefaults__["c"] = 30
print(f(0))
g.__kwdefaults__ = {"b": "given"}
print(g(1))
f.__kwdefaults__ = None
print(f.__kwdefaults__)
try:
    f(0)
except TypeError as e:
    print("TypeError:", e)
f.__kwdefaults__ = {"b": 1}
try:
    f(0)
except TypeError as e:
    print("TypeError:", e)
del f.__kwdefaults__
print(f.__kwdefaults__)
try:
    f.__kwdefaults__ = [("b", 1)]
except TypeError as e:
    print("TypeError:", e)
f.__kwdefaults__ = {}
print(f.__kwdefaults__)
try:
    f(0)
except TypeError as e:
    print("TypeError:", e)
print(h.__defaults__)
