# json.loads over bytes and bytearray (UTF-8, with and without a BOM), errors on
# bytes documents, detect_encoding's answers, and the types loads refuses.
import json

print(json.loads(b'{"a": [1, 2.5, "\xc3\xa9", "\\u00e9"]}'))
print(json.loads(bytearray(b'[true, null, {"k": "v"}]')))
print(json.loads(b'\xef\xbb\xbf[1, 2]'))
print(json.loads(b'  "caf\xc3\xa9"  '), json.loads(b"123"), json.loads(b"[]", object_hook=dict))
for bad in [b"[1,", b"", b'{"a" 1}', b"[1] x"]:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), "->", e)
for b in [b'{"a"', b"\x00{\x00\x00", b"{\x00\x00\x00", b"\x00\x00\x00{", b"{\x00a\x00",
          b"\x00{", b"{\x00", b"\xfe\xff", b"\xff\xfe", b"\xef\xbb\xbf{", b"\xff\xfe\x00\x00",
          b"1"]:
    print(repr(b), json.detect_encoding(b))
for v in [memoryview(b"1"), 1.5, None]:
    try:
        json.loads(v)
    except TypeError as e:
        print("TypeError:", e)
try:
    json.loads("\ufeff[1]")
except json.JSONDecodeError as e:
    print(e)
