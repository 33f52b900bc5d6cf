# Assignment expressions: conditions, comprehensions (PEP 572 scoping), calls, slices.
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long", n)
i = 0
while (i := i + 1) < 4:
    print("loop", i)
print([y for x in data if (y := x * 2) > 6], y)
print(sorted({(k := x % 3) for x in data}), k)
def f():
    total = 0
    sums = [total := total + x for x in range(5)]
    return sums, total
print(f())
def g():
    [last := v for v in "abc"]
    return last
print(g())
def outer():
    def inner():
        return [(w := z) for z in range(3)], w
    return inner()
print(outer())
print(print(v := "printed") or v)
print(data[(idx := 2)], idx)
print((a := 1, b := 2), a, b)
m = [[(cell := r * c) for c in range(3)] for r in range(2)]
print(m, cell)
def h():
    global G
    [G := q for q in range(2)]
G = None
h()
print(G)
lam = lambda: (t := 5) + t
print(lam())
print([(yy := j) for j in range(3) if j], yy)
