# Assignment forms: chained, tuple unpacking (nested), swaps, subscripts, attributes.
a = b = c = 1
print(a, b, c)
x = y = []
x.append(1)
print(y, x is y)
p, q = 1, 2
print(p, q)
p, q = q, p
print(p, q)
(m, (n, o)) = (1, (2, 3))
print(m, n, o)
[r, s] = "ab"
print(r, s)
i, (j, k), l = 1, [2, 3], (4)
print(i, j, k, l)
for idx, (ch, num) in enumerate([("a", 1), ("b", 2)]):
    print(idx, ch, num)
t = 1, 2, 3
print(t, type(t).__name__)
one, = [5]
print(one)
lst = [0, 0, 0]
lst[0], lst[2] = "first", "last"
print(lst)
d = {}
d["k"] = d["j"] = 7
print(d)
class O:
    pass
obj = O()
obj.x, obj.y = 10, 20
obj.z = obj.x + obj.y
print(obj.x, obj.y, obj.z)
k1 = [1, 2, 3]
i2 = 0
i2, k1[i2] = 1, 99
print(i2, k1)
a1 = [1, 2]
b1 = a1
a1 = a1 + [3]
print(a1, b1)
u, v, w = range(3)
print(u, v, w)
(e1, e2), e3 = "xy", "z"
print(e1, e2, e3)
n1 = n2 = n3 = "same"
print(n1 is n2 is n3)
grid = [[0] * 2 for _ in range(2)]
grid[1][0] = 5
print(grid)
key, val = list({"only": 1}.items())[0]
print(key, val)
x1, y1 = y1, x1 = 3, 4
print(x1, y1)
