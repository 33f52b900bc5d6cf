# utf-16/utf-32 (BOM, -le, -be), utf-8-sig: encoding, decoding with each error
# handler, CPython's UnicodeDecodeError reasons and positions, and codec name aliases.
text = "aé€😀"
for enc in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-8-sig"):
    data = text.encode(enc)
    print(enc, data, data.decode(enc) == text, "".encode(enc))

cases = [
    ("utf-16", b"\xff\xfea\x00b"), ("utf-16", b"\xfe\xff\x00a"), ("utf-16", b"a\x00"),
    ("utf-16", b"\xff\xfe"), ("utf-16", b""), ("utf-16", b"\xfe\xff\x00"),
    ("utf-16", b"\xfe\xff\xd8\x00"), ("utf-16", b"a\x00\xff\xfeb\x00"),
    ("utf-16", b"\xff\xfe\x00\x00"),
    ("utf-16-le", b"a\x00\x00\xd8b\x00"), ("utf-16-le", b"\x00\xd8"),
    ("utf-16-le", b"\x00\xdc\x00\x00"), ("utf-16-le", b"a\x00b"),
    ("utf-16-be", b"\xd8\x00\xdc\x00"), ("utf-16-be", b"\xd8\x00"), ("utf-16-be", b"\xd8\x00\x00"),
    ("utf-32", b"\xff\xfe\x00\x00a\x00\x00\x00"), ("utf-32", b"a\x00\x00"), ("utf-32", b""),
    ("utf-32", b"\x00\x00\xfe\xff\x00"), ("utf-32", b"\x00\x00\xfe\xff\x00\x00\x00a"),
    ("utf-32-le", b"\x00\x00\x11\x00"), ("utf-32-le", b"a\x00\x00\x00b\x00"),
    ("utf-32-be", b"\x00\x00\xd8\x00"),
    ("utf-8-sig", b"\xef\xbb\xbfabc"), ("utf-8-sig", b"abc"), ("utf-8-sig", b"\xef\xbb"),
    ("utf-8-sig", b"\xef\xbb\xbf\xef\xbb\xbfx"),
    ("utf-8", b"\xed\xa0\x80"), ("utf-8", b"a\xe2\x82"), ("utf-8", b"\xf0\x90\x80zz"),
    ("ascii", b"a\xffb"),
]
for enc, data in cases:
    for errors in ("strict", "ignore", "replace", "backslashreplace"):
        try:
            print(enc, data, errors, repr(data.decode(enc, errors)))
        except UnicodeDecodeError as e:
            print(enc, data, errors, "UnicodeDecodeError:", e)
            print("   ", e.encoding, e.start, e.end, e.reason, e.object == data)

# Handlers CPython re-raises with (surrogateescape on ASCII bytes, surrogatepass on
# non-surrogates), refuses in a decoder, or does not know; checked lazily.
checks = [
    lambda: b"a\x00b".decode("utf-16-le", "surrogateescape"),
    lambda: b"\x80".decode("utf-16-le", "surrogatepass"),
    lambda: "é".encode("ascii", "surrogateescape"),
    lambda: "é€".encode("latin-1", "surrogatepass"),
    lambda: b"\xff".decode("utf-8", "xmlcharrefreplace"),
    lambda: b"\xff".decode("utf-16", "bogus"),
    lambda: "é".encode("ascii", "bogus"),
    lambda: "abc".encode("ascii", "bogus"),
    lambda: b"abc".decode("utf-16-le", "bogus"),
    lambda: "a€€b€".encode("ascii", "replace"),
    lambda: "a€€b€".encode("latin-1", "xmlcharrefreplace"),
    lambda: "a€😀".encode("ascii", "backslashreplace"),
    # Codecs CPython reaches through its registry wrap the handler's error.
    lambda: b"abc".decode("UTF-16LE", "bogus"),
    lambda: b"abc".decode("U16", "bogus"),
    lambda: b"\xff\xff\xff".decode("utf-16-le", "xmlcharrefreplace"),
    lambda: "é".encode("646", "bogus"),
    lambda: "é".encode("US-ASCII", "bogus"),
    lambda: b"\xff".decode("utf-8-sig", "bogus"),
    lambda: b"\xff".decode("utf-8-sig", "strict"),
]
for c in checks:
    try:
        print(repr(c()))
    except Exception as e:
        cause = e.__cause__
        print(type(e).__name__ + ":", e, "| cause:", type(cause).__name__, cause)

names = ["UTF-8", "utf8", "Utf_8", "U8", "utf", "utf 8", "utf--8", " utf-8 ", "latin1",
         "LATIN-1", "iso-8859-1", "L1", "ascii", "US-ASCII", "646", "utf_16", "UTF16", "U16",
         "utf-16le", "utf_16_le", "UTF-16BE", "utf32", "utf-32LE", "utf_32_be", "utf_8_sig",
         "UTF-8-SIG", "utf.8", "utf8-sig", "utf-7x", ""]
for name in names:
    try:
        print(repr(name), "hé".encode(name, "replace"), "hé".encode(name, "replace").decode(name))
    except LookupError as e:
        print(repr(name), "LookupError:", e)

# bytearray and memoryview decode the same way; bytes(str, enc) and str(bytes, enc).
print(bytearray("hé".encode("utf-16")).decode("utf-16"), memoryview(b"h\x00i\x00").tobytes().decode("utf-16-le"))
print(bytes("hé", "utf-16-be"), str(b"\x00h\x00\xe9", "utf-16-be"), str(b"h\x00", encoding="utf-16"))
