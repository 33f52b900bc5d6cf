# Default arguments, mutable default gotcha, *args, **kwargs, keyword-only.
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct
print(greet("Ann"), greet("Bob", "Hi"), greet("Cy", punct="?"), greet(punct=".", name="Di"))
def append_to(item, target=[]):
    target.append(item)
    return target
print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))
def append_safe(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target
print(append_safe(1), append_safe(2))
counter = 10
def default_evaluated_once(v=counter):
    return v
counter = 20
print(default_evaluated_once())
def star(first, *rest):
    return first, rest
print(star(1), star(1, 2, 3), star(*"abc"))
def kw(**opts):
    return sorted(opts.items())
print(kw(), kw(b=2, a=1))
def mixed(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(mixed(1, c=3))
print(mixed(1, 5, 6, 7, c=3, d=8, e=9))
def only_kw(*, x, y=0):
    return x - y
print(only_kw(x=5), only_kw(y=1, x=5))
try:
    only_kw(5)
except TypeError as e:
    print("TypeError:", e)
try:
    greet()
except TypeError as e:
    print("TypeError:", e)
try:
    greet("a", "b", "c", "d")
except TypeError as e:
    print("TypeError:", e)
try:
    greet("a", nme="b")
except TypeError as e:
    print("TypeError:", e)
try:
    greet("a", name="b")
except TypeError as e:
    print("TypeError:", e)
def returns_many():
    return 1, "two", [3]
a, b, c = returns_many()
print(a, b, c, returns_many())
def no_return():
    x = 1
print(no_return())
def early(n):
    if n > 0:
        return "positive"
    return
print(early(1), early(-1))
