# binascii: hexlify/unhexlify (with separators), base64 both ways (strict mode too),
# crc32 and crc_hqx, and the Error/Incomplete classes and messages.
import binascii


def show(f, *a, **k):
    try:
        print(repr(f(*a, **k)))
    except Exception as e:
        print(type(e).__name__, e)


data = bytes(range(0, 256, 37)) + b"gilvm"
show(binascii.hexlify, data)
show(binascii.b2a_hex, bytearray(b"\x00\xff"))
show(binascii.hexlify, memoryview(b"xyz"))
show(binascii.hexlify, b"\x01\xab\xff\x00\x11", "-")
show(binascii.hexlify, b"\x01\xab\xff\x00\x11", b":", 2)
show(binascii.hexlify, b"\x01\xab\xff\x00\x11", b":", -2)
show(binascii.hexlify, b"\x01\xab\xff\x00\x11", " ", 4)
show(binascii.hexlify, b"\x01\xab", ":", 0)
show(binascii.hexlify, b"", ":")
show(binascii.hexlify, b"ab", "::")
show(binascii.hexlify, "abc")
show(binascii.hexlify, b"ab", 3)
show(binascii.unhexlify, "0aFF")
show(binascii.a2b_hex, b"DEADbeef")
show(binascii.unhexlify, binascii.hexlify(data))
show(binascii.unhexlify, b"0aF")
show(binascii.unhexlify, b"0aFg")
show(binascii.unhexlify, "\u00e91")
show(binascii.unhexlify, 5)

for text in [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", data]:
    enc = binascii.b2a_base64(text)
    print(enc, binascii.a2b_base64(enc) == text, binascii.b2a_base64(text, newline=False))
show(binascii.a2b_base64, "aGVsbG8")
show(binascii.a2b_base64, "aGVsb")
show(binascii.a2b_base64, "a")
show(binascii.a2b_base64, "ab=")
show(binascii.a2b_base64, "=")
show(binascii.a2b_base64, "aG Vs\nbG8=extra")
show(binascii.a2b_base64, "aG=Vs")
show(binascii.a2b_base64, "aGVsbG8=", strict_mode=True)
show(binascii.a2b_base64, "=aGVsbG8=", strict_mode=True)
show(binascii.a2b_base64, "aGVsbG8=x", strict_mode=True)
show(binascii.a2b_base64, "aGV sbG8=", strict_mode=True)
show(binascii.a2b_base64, "aG=Vs", strict_mode=True)
show(binascii.a2b_base64, "aGVsbG8==", strict_mode=True)
show(binascii.a2b_base64, "\u00e9")
show(binascii.a2b_base64, b"aGk=", bogus=1)
show(binascii.b2a_base64, "x")

for text in [b"", b"hello", data, b"a" * 1000]:
    print(binascii.crc32(text), binascii.crc_hqx(text, 0), binascii.crc_hqx(text, 0xFFFF))
c = binascii.crc32(b"hello ")
print(binascii.crc32(b"world", c) == binascii.crc32(b"hello world"))
print(binascii.crc32(b"hello", 12345), binascii.crc32(b"hello", -1), binascii.crc32(b"hello", 2**40))
print(binascii.crc_hqx(b"hello", -1), binascii.crc_hqx(b"hello", 0x1FFFF))
show(binascii.crc_hqx, b"hello")
show(binascii.crc32, "text")

print(binascii.Error.__mro__)
print(binascii.Incomplete.__mro__)
try:
    binascii.unhexlify("zz")
except ValueError as e:
    print(type(e).__name__, type(e).__module__, e)
