# bytes.maketrans / bytes.translate and the bytearray versions, with CPython's errors.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


table = bytes.maketrans(b"abc", b"xyz")
t(lambda: len(table))
t(lambda: table[95:100])
t(lambda: bytes.maketrans(b"", b"") == bytes(range(256)))
t(lambda: bytearray.maketrans(b"a", bytearray(b"b"))[97])
t(lambda: type(bytearray.maketrans(b"a", b"b")).__name__)
t(lambda: b"".maketrans(memoryview(b"q"), b"r")[113])
t(lambda: b"hello".translate(bytes.maketrans(b"el", b"ip")))
t(lambda: b"hello".translate(None, b"l"))
t(lambda: b"hello".translate(None, delete=b"lo"))
t(lambda: b"hello".translate(table, b"h"))
t(lambda: bytearray(b"hello").translate(None, b"h"))
t(lambda: bytearray(b"abc").translate(table))
t(lambda: b"".translate(None))
t(lambda: b"\x00\xff".translate(bytes(reversed(range(256)))))
t(lambda: b"abc".translate(bytearray(table)))
# errors
t(lambda: bytes.maketrans(b"abc", b"xy"))
t(lambda: bytes.maketrans("abc", "xyz"))
t(lambda: bytes.maketrans(b"abc"))
t(lambda: bytes.maketrans(b"a", b"b", b"c"))
t(lambda: b"hello".translate(b"abc"))
t(lambda: b"hello".translate("a" * 256))
t(lambda: b"hello".translate(None, "l"))
t(lambda: b"hello".translate())
t(lambda: b"hello".translate(None, b"a", b"b"))
t(lambda: b"hello".translate(None, b"a", delete=b"b"))
t(lambda: b"hello".translate(None, other=b"b"))
