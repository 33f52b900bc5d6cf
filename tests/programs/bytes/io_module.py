# io.BytesIO, io.StringIO, io.TextIOWrapper, UnsupportedOperation, SEEK_*
import io
b = io.BytesIO(b'first\nsecond\nthird')
print(b.read(5), b.tell(), b.readline(), b.readline(), b.read(), b.read(), b.getvalue())
print(b.seek(0), list(b), b.seek(-5, io.SEEK_END), b.read(2), b.seek(1, io.SEEK_CUR), b.read())
w = io.BytesIO()
print(w.write(b'abc'), w.write(bytearray(b'def')), w.getvalue(), w.tell())
w.seek(1); w.write(b'XY'); print(w.getvalue())
w.seek(10); w.write(b'!'); print(w.getvalue())
with io.BytesIO(b'ctx') as c:
    print(c.read())
print(c.closed)
try:
    c.read()
except ValueError as e:
    print('ValueError:', e)
s = io.StringIO('one\ntwo\nthree')
print(repr(s.readline()), s.read(3), s.tell(), s.read(), repr(s.read()))
s.seek(0)
print([line for line in s], s.getvalue())
t = io.StringIO()
print(t.write('héllo'), t.write(' world'), t.getvalue(), t.tell())
t.seek(0); t.write('HE'); print(t.getvalue())
print(t.readlines(), io.StringIO('a\nb\n').readlines())
print(io.SEEK_SET, io.SEEK_CUR, io.SEEK_END, issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
raw = io.BytesIO('ünï\ncode\n'.encode())
tw = io.TextIOWrapper(raw, encoding='utf-8')
print(tw.readline(), tw.read(2), tw.read())
out = io.BytesIO()
tw2 = io.TextIOWrapper(out, encoding='utf-8')
print(tw2.write('é€'), end=' ')
tw2.flush()
print(out.getvalue())
for bad in [lambda: io.BytesIO().write('s'), lambda: io.StringIO().write(b'b'), lambda: io.StringIO(5),
            lambda: io.BytesIO().fileno(), lambda: io.BytesIO().seek(-1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__ + ':', e)
import sys
print(sys.stdout.buffer.write(b'raw bytes to stdout\n'))
sys.stdout.flush()
sys.stdout.buffer.flush()
print(sys.stdin.buffer.readline(), sys.stdin.buffer.read(3), sys.stdin.buffer.read())
