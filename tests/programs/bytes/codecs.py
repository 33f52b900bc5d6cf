# str.encode / bytes.decode with errors=, and the UnicodeError messages
s = 'héllo €𝄞'
print(s.encode(), s.encode('utf-8'), s.encode('UTF8'), 'abc'.encode('ascii'))
print(s.encode('ascii', 'ignore'), s.encode('ascii', 'replace'), s.encode('ascii', 'backslashreplace'))
print(s.encode('latin-1', errors='replace'), s.encode('ascii', 'xmlcharrefreplace'), 'é'.encode('latin1'))
print(s.encode().decode(), b'\xe9t\xe9'.decode('latin-1'), b'abc'.decode('ascii'))
print(b'a\xffb'.decode('utf-8', 'replace'), b'a\xffb'.decode('utf-8', 'ignore'), b'a\xffb'.decode('utf-8', 'backslashreplace'))
print(b'\xe2\x82'.decode('utf-8', 'replace'), b'a\x80\x80'.decode('ascii', 'replace'), bytearray(b'ok').decode())
print(b'\xf0\x9d\x84\x9e'.decode(), len(b'\xf0\x9d\x84\x9e'.decode()))
KEY = 'x'
cases = [
    lambda: b'\xff'.decode(),
    lambda: b'ab\xc3'.decode(),
    lambda: b'\xe2\x82x'.decode(),
    lambda: b'\xe2\x82'.decode('utf8'),
    lambda: b'\xed\xa0\x80'.decode(),
    lambda: b'\x80abc'.decode('ascii'),
    lambda: 'aé'.encode('ascii'),
    lambda: 'a€€b'.encode('latin-1'),
    lambda: '𝄞'.encode('ascii'),
    lambda: 'x'.encode('nope'),
    lambda: 'é'.encode('ascii', 'bogus'),
    lambda: b'x'.decode('utf-9'),
    lambda: bytes('abc'),
    lambda: bytes(5, 'utf-8'),
    lambda: bytes(-1),
    lambda: bytes([256]),
    lambda: bytes(['a']),
    lambda: bytes(2.5),
    lambda: b'a' + 'b',
    lambda: 'b' + b'a',
    lambda: 'a' in b'abc',
    lambda: 256 in b'abc',
    lambda: b'abc'[3],
    lambda: b'abc'[KEY],
    lambda: b'abc'.find('a'),
    lambda: b'abc'.startswith('a'),
    lambda: b'-'.join([b'a', 'b']),
    lambda: b'abc'.split(b''),
    lambda: b'abc'.strip('a'),
    lambda: bytes.fromhex('zz'),
    lambda: bytes.fromhex('abc'),
    lambda: (256).to_bytes(1, 'big'),
    lambda: (-1).to_bytes(1, 'big'),
    lambda: (1).to_bytes(1, 'middle'),
    lambda: b'abc'.index(b'z'),
    lambda: b'ab'.ljust(4, b'**'),
]
for c in cases:
    try:
        c()
    except Exception as e:
        print(type(e).__name__ + ':', e)
try:
    b'\xff\xfe'.decode()
except UnicodeDecodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason, isinstance(e, ValueError), isinstance(e, UnicodeError))
try:
    'aé'.encode('ascii')
except UnicodeEncodeError as e:
    print(e.encoding, e.object, e.start, e.end, e.reason)
