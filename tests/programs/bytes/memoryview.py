# memoryview over bytes and bytearray: views share the buffer
a = bytearray(b'hello world')
m = memoryview(a)
print(len(m), m[0], m[-1], m.tobytes(), m.tolist()[:3], m.readonly, m.nbytes, m.format, m.itemsize, m.ndim, m.shape)
s = m[6:]
print(s.tobytes(), bytes(s), s == b'world', m[::2].tobytes(), m[6:][1:3].tobytes())
s[0] = ord('W'); print(a)
m[0:5] = b'HELLO'; print(a, m.obj is a)
r = memoryview(b'readonly')
print(r.readonly, r[1:4].tobytes(), r.hex(), list(r[:2]))
with memoryview(b'ctx') as c:
    print(c.tobytes())
for bad in [lambda: c.tobytes(), lambda: r.__setitem__(0, 1), lambda: memoryview('str'), lambda: m[100],
            lambda: m.__setitem__(0, 300)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ':', e)
b = bytearray(b'xy')
v = memoryview(b)
try:
    b.append(1)
except BufferError as e:
    print('BufferError:', e)
v.release()
b.append(122); print(b)
print(b'x' + memoryview(b'yz'), bytearray(memoryview(b'q')), b'-'.join([memoryview(b'a'), b'b']))
