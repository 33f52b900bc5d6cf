# bytes literals, indexing, slicing, operators, comparison, hashing, repr
b = b'hello'
print(b, type(b), len(b), b[0], b[-1], b[1:3], b[::-1], b[::2])
print(rb'a\nb', br'\x00', b'\x00\x7f\x80\xff', b'\101\x41\n\t\r\\', b'\u1234')
print(b"it's", b'say "hi"', b'both \' and "', bytes(3), bytes([65, 66, 67]))
print(b'ab' + b'cd', b'ab' * 3, 3 * b'x', b'' * 5, b'ab' * -1)
print(b'b' in b'abc', 98 in b'abc', b'ac' in b'abc', b'' in b'abc', 300 - 200 in b'abcd')
print(b'abc' == b'abc', b'abc' != b'abd', b'abc' < b'abd', b'ab' < b'abc', b'b' > b'abc')
print(b'abc' == 'abc', b'a' == bytearray(b'a'), bytearray(b'a') == b'a', b'' == bytes())
print(hash(b'abc') == hash(b'ab' + b'c'), {b'a': 1, b'b': 2}[b'a'], b'x' in {b'x'})
print(list(b'abc'), [c for c in b'\x00\xff'], sorted(b'cab'), max(b'az'), sum(b'\x01\x02'))
print(b'abc'[5:], b'abc'[-10:2], bool(b''), bool(b'\x00'))
print(repr(b'\x00'), str(b'a'), f'{b"q"}', '%s %r' % (b'x', b'y'))
print(b'adjacent' b' literals', b"""triple
quoted""")
x, y, z = b'xyz'
print(x, y, z)
print(isinstance(b'', bytes), issubclass(bytes, object), bytes.__name__)
class B(bytes):
    pass
v = B(b'sub')
print(v, type(v).__name__, v.upper(), len(v), v == b'sub', v[0])
print(bytes(B(b'q')), bytes(range(5)), bytes(b'copy'), bytes(bytearray(b'ba')))
class HasBytes:
    def __bytes__(self):
        return b'from dunder'
print(bytes(HasBytes()))
print(bytes('héllo', 'utf-8'), bytes('abc', encoding='ascii'), bytes('é', 'latin-1'))
match b'key':
    case b'key':
        print('matched bytes pattern')
