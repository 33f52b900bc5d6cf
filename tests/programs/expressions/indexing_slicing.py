# Indexing and slicing: negative indices, steps, out-of-range, assignment, del.
a = list(range(10))
print(a[0], a[-1], a[-10], a[3:7], a[:3], a[7:], a[:], a[::2], a[1::3])
print(a[::-1], a[-3:], a[:-3], a[-3:-1], a[8:2:-2], a[::-3], a[5:1], a[-1:-4:-1])
print(a[100:], a[-100:2], a[3:100], a[100:200], a[-100:-99], a[2:2])
s = "abcdefgh"
print(s[0], s[-1], s[2:5], s[::-1], s[::2], s[-3:], s[10:], s[1:-1], s[5:2:-1])
t = (1, 2, 3, 4, 5)
print(t[1:3], t[::-1], t[-2], t[4:], t[:0])
b = [0, 1, 2, 3, 4, 5]
b[1:3] = ["x", "y", "z"]
print(b)
b[0:0] = [-2, -1]
print(b)
b[-2:] = []
print(b)
b[:] = [9, 8]
print(b)
c = list(range(10))
del c[::2]
print(c)
del c[0]
print(c)
del c[-2:]
print(c)
c[1] = 100
c[-1] += 1
print(c)
d = list(range(8))
d[::2] = "abcd"
print(d)
d[1:7:3] = [None, None]
print(d)
m = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print(m[1][2], m[-1][-1], [row[1] for row in m], m[0][::-1], m[::2])
m[2][0] = 70
print(m)
word = "python"
print(word[len(word) - 1], word[-len(word)], word[1:4][::-1])
e = [1, 2, 3]
e[len(e):] = [4, 5]
print(e, e[-5], len(e[1:4]))
dd = {"k": [1, 2, {"n": "deep"}]}
print(dd["k"][2]["n"][1:], dd["k"][-1])
f = list(range(6))
f[1:5] = f[4:0:-1]
print(f)
print("hello"[1:3] + "world"[::4], (1, 2, 3)[::-1][0])
