# bytes % args and bytearray % args: %s/%b of bytes-like objects and __bytes__,
# %r/%a as ascii(), %c, numbers, mappings with bytes keys, and CPython's errors.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


class B:
    def __bytes__(self):
        return b"BB"


class Bad:
    def __bytes__(self):
        return "str"


t(lambda: b"%s %b" % (b"x", bytearray(b"y")))
t(lambda: b"%b" % (memoryview(b"mv"),))
t(lambda: b"%s" % B())
t(lambda: b"%r %a" % ("\xe9", b"x"))
t(lambda: b"%r" % "\u20ac")
t(lambda: b"%5a|" % 1)
t(lambda: b"%c%c%c" % (65, b"B", bytearray(b"C")))
t(lambda: b"%d %5.2f %x %o %e %i %u %X %#x %+d %05d" % (3, 2.5, 255, 8, 1e10, 7, 9, 255, 255, 4, -42))
t(lambda: b"%(a)s-%(b)d" % {b"a": b"A", b"b": 2})
t(lambda: b"%5s|%-5s|%.2s|%*s" % (b"ab", b"cd", b"xyz", 4, b"w"))
t(lambda: bytearray(b"%s!") % b"z")
t(lambda: b"%%" % ())
t(lambda: b"\xff%s" % b"\xfe")
t(lambda: b"%s" % b"a")
t(lambda: b"%s" % (b"a",))
t(lambda: b"abc" % ())
t(lambda: b"%s" % b"\x00\x80\xff")
t(lambda: b"%d%%" % True)
# errors
t(lambda: b"%s" % "x")
t(lambda: b"%b" % "x")
t(lambda: b"%s" % 1)
t(lambda: b"%s" % [1])
t(lambda: b"%s" % {b"k": 1})
t(lambda: b"%(k)s" % {b"k": 1})
t(lambda: b"%(a)s" % {"a": b"A"})
t(lambda: b"%s" % Bad())
t(lambda: b"%c" % 256)
t(lambda: b"%c" % -1)
t(lambda: b"%c" % "A")
t(lambda: b"%c" % b"AB")
t(lambda: b"%c" % memoryview(b"a"))
t(lambda: b"%q" % 1)
t(lambda: b"%s %s" % (b"x",))
t(lambda: b"%s" % (b"x", b"y"))
t(lambda: b"abc" % 5)
t(lambda: b"%i" % "x")
t(lambda: b"%u" % "x")
t(lambda: b"%x" % "x")
t(lambda: b"%f" % "x")
t(lambda: "%b" % b"x")
t(lambda: b"%" % ())
