# Unpacking in for loops and assignments from various iterables; errors on mismatch.
pairs = [(1, "one"), (2, "two")]
for num, name in pairs:
    print(num, name)
for i, (a, b) in enumerate([[1, 2], [3, 4]]):
    print(i, a + b)
for (x, y), z in [((1, 2), 3)]:
    print(x, y, z)
for k, v in {"a": 1, "b": 2}.items():
    print(k * v)
a, b = "xy"
c, d = {"k1": 0, "k2": 0}
e, f = range(2)
g, h = (n for n in [7, 8])
print(a, b, c, d, e, f, g, h)
try:
    p, q = [1, 2, 3]
except ValueError as err:
    print("ValueError:", err)
try:
    p, q, r = [1, 2]
except ValueError as err:
    print("ValueError:", err)
try:
    p, q = 5
except TypeError as err:
    print("TypeError:", err)
matrix = [[1, 2, 3], [4, 5, 6]]
for r0, r1, r2 in matrix:
    print(r0 * r1 * r2)
for row in zip(*matrix):
    first, second = row
    print(first, second)
coords = {}
for name, (lat, lon) in [("a", (1.5, 2.5)), ("b", (-3.0, 4.0))]:
    coords[name] = lat + lon
print(coords)
x, y = y_val, x_val = 10, 20
print(x, y, x_val, y_val)
s = [0, 0]
i = 0
i, s[i] = 1, 5
print(i, s)
