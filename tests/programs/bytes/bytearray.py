# bytearray: mutation, slice assignment, +=, repr
a = bytearray(b'abc')
print(a, len(a), a[0], a[1:], type(a[1:]).__name__)
a.append(100); a.extend(b'ef'); a.extend([103, 104]); print(a)
print(a.pop(), a.pop(0), a)
a.insert(0, 65); a.insert(100, 90); a.remove(99); print(a)
a[0] = 97; a[1:3] = b'XYZ'; print(a)
a[::2] = b'1234'[:len(a[::2])]; print(a)
del a[0]; del a[::2]; print(a)
a += b'++'; print(a)
a *= 2; print(a)
b = a; b += bytearray(b'!'); print(a is b, a)
print(bytearray(), bytearray(3), bytearray([1, 2]), bytearray('hé', 'utf-8'), bytearray(b"it's"))
c = bytearray(b'hello'); c.reverse(); print(c, c.copy(), c.upper(), type(c.upper()).__name__)
c.clear(); print(c, bool(c))
print(bytearray(b'a,b').split(b','), bytearray(b'x') + b'y', b'y' + bytearray(b'x'))
d = bytearray(b'abc')
d[1:2] = [120, 121]; print(d)
d[:] = b''; print(d)
print(bytearray(b'\x00\xff').hex(), bytearray(b'ab') == b'ab', bytearray(b'ab') < b'b')
e = bytearray(b'xyz')
for i, ch in enumerate(e):
    print(i, ch, end='; ')
print()
try:
    hash(bytearray(b'x'))
except TypeError as ex:
    print('TypeError:', ex)
for bad in [lambda: e.__setitem__(0, 256), lambda: e.__setitem__(0, 'a'), lambda: e.pop(10),
            lambda: bytearray().pop(), lambda: e.remove(1), lambda: e.append(-1),
            lambda: e.__setitem__(slice(0, 1), 5), lambda: e.__setitem__(slice(None, None, 2), b'abc'),
            lambda: e.extend('str'), lambda: e.extend(5), lambda: e[10], lambda: e['x']]:
    try:
        bad()
    except (TypeError, ValueError, IndexError) as ex:
        print(type(ex).__name__ + ':', ex)
