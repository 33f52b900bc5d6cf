# Starred assignment targets: every position, nesting, for loops, comprehensions, errors.
a, *b = 1, 2, 3
print(a, b)
*c, d = "xyz"
print(c, d)
e, *f, g = range(6)
print(e, f, g)
*h, = []
print(h)
[i, *j] = (x * x for x in range(4))
print(i, j)
(k, *l), m = [1, 2, 3], 4
print(k, l, m)
n, *o, p = [1, 2]
print(n, o, p)
for x, *rest in [(1, 2, 3), (4,), "ab"]:
    print(x, rest)
print([tail for _, *tail in [(1, 2), (3, 4, 5)]])
first, *_, last = range(10)
print(first, last)
d = {}
d["a"], *d["b"] = 1, 2, 3
print(d)
class O:
    pass
obj = O()
obj.x, *obj.y = "hey"
print(obj.x, obj.y)
def gen():
    yield 1
    yield 2
q, *r = gen()
print(q, r)
for bad in ([], [1], 5, None):
    try:
        u, *v, w = bad
        print("unpacked", u, v, w)
    except (ValueError, TypeError) as exc:
        print(type(exc).__name__, exc)
print((*[1, 2], 3), (*"ab",), {*[1, 2], 3}, [*"ab", *"cd"], [*range(3), *()])
print(*[1, 2], *"xy", sep="-")
