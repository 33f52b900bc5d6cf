# array: every typecode (itemsize, range limits and their OverflowError messages),
# construction, append/extend/frombytes/tobytes/tolist/fromlist, the buffer (bytes()),
# indexing and slicing, repr, byteswap, comparisons, and the errors.
import array
from array import array as A


def show(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(repr(r))


print(array.typecodes, array.ArrayType is A)
for tc in "bBhHiIlLqQ":
    size = A(tc).itemsize
    bits = size * 8
    signed = tc.islower()
    lo, hi = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if signed else (0, 2 ** bits - 1)
    print(tc, size, A(tc, [lo, hi, 0]))
    for v in (lo - 1, hi + 1, 2 ** 64, -(2 ** 64), 2 ** 100):
        show(A, tc, [v])
for tc in "fd":
    print(tc, A(tc).itemsize, A(tc, [0.1, 1, True, -2.5, 1e300, float("inf")]))
print(A("u").itemsize, A("u", "h\u00e9llo \u20ac"), A("u", ["x", "y"]))

# Construction errors.
show(A, "x")
show(A, b"i")
show(A, "ii")
show(A, 5)
show(A)
show(A, "i", [1], 2)
show(A, typecode="i")
show(A, "i", [1.5])
show(A, "d", ["a"])
show(A, "d", [None])
show(A, "i", "abc")
show(A, "u", [1])
show(A, "u", ["ab"])
show(A, "i", b"abc")
show(A, "i", A("u", "ab"))
print(A("i", b"\x01\x00\x00\x00\x02\x00\x00\x00"), A("i", range(5)), A("d", (x / 4 for x in range(3))))
print(A("d", A("i", [1, 2])), A("b", bytearray(b"AB")))

# Mutation.
a = A("i", [1, 2, 3])
a.append(4)
a.extend([5, 6])
a.extend(A("i", [7]))
a.insert(0, 0)
a.insert(-1, 99)
a.insert(100, 100)
a.insert(-100, -100)
print(a, len(a))
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(5)
print(a, a.index(3), a.index(3, 2), a.count(3), 3 in a, 42 in a)
a.reverse()
print(a)
a.fromlist([8, 9])
print(a.tolist())
show(a.fromlist, [10, "x"])
print(a)
show(a.fromlist, (1,))
show(a.extend, A("d", [1.0]))
show(a.extend, 5)
show(a.append, "s")
show(a.append, 2 ** 40)
show(a.pop, 100)
show(A("i").pop)
show(a.remove, 1000)
show(a.index, 1000)
show(a.index, 1, 5, 1)

# Bytes and the buffer.
h = A("h", [1, 256, -2])
print(h.tobytes(), bytes(h), bytearray(A("B", [1, 2])), len(bytes(A("d", [1.0]))))
h.frombytes(b"\x05\x00")
print(h)
show(h.frombytes, b"abc")
show(h.frombytes, "ab")
h.byteswap()
print(h)
d = A("d", [1.5])
d.byteswap()
d.byteswap()
print(d, A("f", [0.5]).tobytes())
print(A("B", b"hello").tobytes().decode())

# Indexing and slicing.
a = A("i", range(10))
print(a[0], a[-1], a[2:5], a[::3], a[::-1], a[5:2], a[-3:])
show(a.__getitem__, 10)
show(a.__getitem__, "x")
a[0] = 100
a[-1] = -100
print(a)
a[1:3] = A("i", [7, 7, 7])
print(a)
a[::2] = A("i", [0] * 6)
print(a)
del a[0]
del a[::3]
del a[1:3]
print(a)
show(a.__setitem__, 100, 1)
show(a.__setitem__, slice(0, 2), [1])
show(a.__setitem__, slice(0, 2), A("d", [1.0]))
show(a.__setitem__, slice(0, 6, 2), A("i", [1]))
show(a.__setitem__, 0, 2 ** 33)
print(type(a[0]), type(A("d", [1])[0]), A("u", "ab")[1], A("Q", [2 ** 64 - 1])[0])

# Operators and comparisons.
x, y = A("i", [1, 2]), A("i", [1, 3])
print(x + y, x * 2, 3 * A("b", [1]), x * 0, x < y, x == A("i", [1, 2]), x != y)
print(A("i", [1, 2]) == A("d", [1.0, 2.0]), A("i", [1]) < A("i", [1, 0]), A("i") == A("i"))
z = A("i", [1])
z += A("i", [2])
z *= 2
print(z)
show(lambda: x + A("d"))
show(lambda: x + [1])
show(lambda: x < [1])
show(hash, x)
it = iter(A("i", [4, 5]))
print(next(it), list(it), list(reversed(A("i", [1, 2, 3]))), sorted(A("i", [3, 1, 2])))

# Unicode arrays.
u = A("u", "abc")
u.fromunicode("de")
print(u, u.tounicode(), u[1:3])
show(A("i", [1]).tounicode)
show(u.fromunicode, b"x")
show(A("i").fromunicode, "x")
print(A("u"), A("i"), A("d", [1, 2]).buffer_info()[1], A("q", [1]).typecode)


class Sub(A):
    pass


s = Sub("i", [1, 2])
s.append(3)
print(s.tolist(), len(s), isinstance(s, A), type(s).__name__)
