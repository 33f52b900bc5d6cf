# io.StringIO: writes at the end, splicing writes, seek/tell, read/readline after
# writes, truncate, newline translation and the error messages.
import io


def err(f, *a):
    try:
        r = f(*a)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print("ok", repr(r))


s = io.StringIO()
print(s.write("hello "), s.write("world\n"), s.write(""), s.tell())
print(repr(s.getvalue()))
print(s.seek(0), repr(s.read(5)), s.tell())
print(repr(s.read()), s.tell(), repr(s.read()))
s.write("second line\nthird")
print(repr(s.getvalue()))
s.seek(0)
print(repr(s.readline()), repr(s.readline(3)), repr(s.readline()), repr(s.readline()),
      repr(s.readline()))

# Writes in the middle overwrite; past the end pad with NULs.
s = io.StringIO("abcdef")
print(s.tell(), s.seek(2), s.write("XY"), s.tell(), repr(s.getvalue()))
print(repr(s.read()))
s.write("tail")
print(repr(s.getvalue()))
s.seek(12)
s.write("!")
print(repr(s.getvalue()), s.tell())
print(s.seek(0, 2), s.seek(0, 1))

# Many small writes, then everything read back.
s = io.StringIO()
for i in range(2000):
    s.write(f"{i},")
    if i % 100 == 99:
        s.write("\n")
print(s.tell(), len(s.getvalue()), s.getvalue()[:20])
s.seek(0)
lines = s.readlines()
print(len(lines), lines[1][:15], repr(lines[-1][-8:]))
s.seek(0)
print(sum(1 for _ in s), s.tell())

# truncate
s = io.StringIO()
s.write("0123456789")
print(s.truncate(4), s.tell(), repr(s.getvalue()))
s.write("ab")
print(repr(s.getvalue()))
s.seek(2)
print(s.truncate(), repr(s.getvalue()), s.truncate(100), repr(s.getvalue()))
s.write("Z")
print(repr(s.getvalue()))

# Non-ASCII text: positions count code points.
s = io.StringIO("héllo\nwörld\n")
s.seek(3)
print(repr(s.read()), s.tell())
s.write("ünïcode")
s.seek(6)
print(repr(s.readline()), repr(s.readline()))

# newline=
for nl in (None, "", "\n", "\r", "\r\n"):
    s = io.StringIO(newline=nl)
    s.write("a\nb\r\nc\rd")
    s.seek(0)
    print(repr(nl), repr(s.getvalue()), s.readlines(), repr(s.newlines))
print(repr(io.StringIO("x\ny", newline="\r\n").getvalue()))
with io.StringIO("one\ntwo") as f:
    print(list(f), f.closed)
print(f.closed)

# Errors.
s = io.StringIO("abc")
err(s.write, b"x")
err(s.write, 5)
err(s.seek, -1)
err(s.seek, 1, 1)
err(s.seek, -2, 2)
err(s.seek, 0, 3)
err(s.seek, 1.5)
err(s.truncate, -2)
err(s.read, 1.5)
err(s.readline, "x")
err(io.StringIO, b"x")
err(io.StringIO, "", "x")
err(io.StringIO, "", 4)
s.close()
err(s.getvalue)
err(s.write, "x")
err(s.read)
err(s.tell)
err(lambda: s.newlines)
print(repr(io.StringIO())[:22])
