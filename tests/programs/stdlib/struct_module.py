# struct: pack/unpack/calcsize/iter_unpack/unpack_from/pack_into and Struct over every
# byte order and the common format characters, with struct.error's messages.
import struct

print(struct.error.__module__, struct.error.__name__, issubclass(struct.error, Exception))
for fmt in ("@bhiq", "bhiq", "=bhiq", "<bhiq", ">bhiq", "!bhiq", "ci", "ic", "P", "n", "N",
            "3s2p", "l", "<l", "e?", "xxi", "0s", "", "4x", "2h 3i", "@iq0l"):
    print(repr(fmt), struct.calcsize(fmt))
print(struct.pack(">hHiIqQ", -2, 65535, -3, 7, -9, 2 ** 64 - 1))
print(struct.pack("<hHiIqQ", -2, 65535, -3, 7, -9, 2 ** 64 - 1))
print(struct.pack("<d", 1.5), struct.pack(">f", 0.1), struct.pack("<e", 0.5), struct.pack("<e", 65504))
print(struct.pack("5s", b"ab"), struct.pack("3p", b"abcdef"), struct.pack("?x?", 1, 0), struct.pack("i", True))
print(struct.pack("2c", b"a", b"b"), struct.pack("<?", "x"), struct.pack("<q", -1), struct.pack("@bi", 1, 2))
print(struct.unpack(">f", struct.pack(">f", 0.1)), struct.unpack("<e", b"\x00\x3c"), struct.unpack("3p", b"\x05ab"))
print(struct.unpack("?", b"\x02"), struct.unpack("2c", b"ab"), struct.unpack("<Q", b"\xff" * 8), struct.unpack(">q", b"\x80" + b"\0" * 7))
print(struct.unpack("<hH", b"\xff\xff\xff\xff"), struct.unpack("5s", b"abcde"), struct.unpack("<e", b"\x01\x00"))
for x in (0.0, -0.0, 1.0, -2.5, 0.1, 1e-5, 6.1e-5, 3.14159, 65000.0, 1e-8, float("inf"), -float("inf")):
    print(x, struct.pack("<e", x), struct.unpack("<e", struct.pack("<e", x))[0], struct.unpack(">d", struct.pack(">d", x))[0])
print(struct.unpack("<e", struct.pack("<e", float("nan")))[0] != 0.0)
data = struct.pack("<3i", 1, 2, 3)
print(list(struct.iter_unpack("<i", data)), list(struct.iter_unpack("<hh", data)))
print(struct.unpack_from("<i", data, 4), struct.unpack_from("<i", data, offset=8), struct.unpack_from("<h", data, -2))
buf = bytearray(10)
struct.pack_into("<hi", buf, 2, 7, -1)
print(buf)
s = struct.Struct("<2hq")
print(s.format, s.size, s.pack(1, 2, 3), s.unpack(s.pack(1, 2, 3)), s.unpack_from(b"\0" * 20, 4))
print(list(s.iter_unpack(s.pack(1, 2, 3) * 2)), struct.Struct(b">H").unpack(b"\x01\x02"))


class I:
    def __index__(self):
        return 7


print(struct.pack("<i", I()), struct.pack(b"<H", 3), struct.pack("f", 1e300), struct.pack("d", 2))
cases = [("h", 40000), ("H", -1), ("b", 200), ("B", 256), ("<i", 2 ** 31), ("<I", -1), ("<q", 2 ** 63),
         ("Q", -1), ("<l", 2 ** 31), ("l", 2 ** 63), ("<h", 40000), ("<H", 70000), ("<b", 200), ("<B", -1),
         ("I", -1), ("I", 2 ** 32), ("L", -1), ("<I", 2 ** 32), ("<L", 2 ** 32), ("<L", -1), ("<Q", 2 ** 64),
         ("i", 2 ** 40), ("n", 2 ** 63), ("N", -1), (">H", 2 ** 16), (">h", -40000), (">b", 128), (">i", 2 ** 31),
         (">I", 2 ** 32), (">q", 2 ** 63), ("i", 1.5), ("i", "x"), ("f", "x"), ("c", b"ab"), ("c", "a"),
         ("s", "x"), ("e", 1e10), ("<e", 65520.0), (">f", 1e300), ("q", None)]
for fmt, v in cases:
    try:
        print(fmt, struct.pack(fmt, v))
    except (struct.error, OverflowError, TypeError) as e:
        print(fmt, type(e).__name__, e)
for f in (lambda: struct.pack("ii", 1), lambda: struct.pack("i", 1, 2), lambda: struct.unpack("ii", b"x"),
          lambda: struct.calcsize("y"), lambda: struct.calcsize("3"), lambda: struct.calcsize("<n"),
          lambda: struct.calcsize("<P"), lambda: list(struct.iter_unpack("i", b"12345")),
          lambda: struct.unpack_from("q", b"1234"), lambda: struct.unpack_from("b", b"1234", 5),
          lambda: struct.Struct(5), lambda: struct.pack(), lambda: struct.unpack("i", "abcd"),
          lambda: struct.pack("x", 1), lambda: struct.iter_unpack("", b""),
          lambda: struct.pack_into("i", bytearray(2), 0, 1), lambda: struct.pack_into("i", bytearray(8), 6, 1),
          lambda: struct.pack_into("i", b"1234", 0, 1)):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
