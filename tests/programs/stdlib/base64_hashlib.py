# base64 (b64 standard/urlsafe/altchars/validate, b32, b32hex, b16, encodebytes) and
# hashlib (md5, sha1, sha2: digest, hexdigest, update, copy, new, attributes, errors).
import base64
b = base64
import hashlib

samples = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", bytes(range(256)), b"\xfb\xff\xfe"]
for s in samples[:7] + samples[8:]:
    print(s, b.b64encode(s), b.urlsafe_b64encode(s), b.b32encode(s), b.b32hexencode(s), b.b16encode(s))
    assert b.b64decode(b.b64encode(s)) == s and b.urlsafe_b64decode(b.urlsafe_b64encode(s)) == s
    assert b.b32decode(b.b32encode(s)) == s and b.b32hexdecode(b.b32hexencode(s)) == s
    assert b.b16decode(b.b16encode(s)) == s
print(b.b64encode(samples[7])[:40], b.b64decode(b.b64encode(samples[7])) == samples[7])
print(b.b64decode("Zm9vYmFy"), b.b64decode(b"Zm9v\nYmFy"), b.b64decode("Zm9vYg=="), b.b64decode(bytearray(b"Zg==")))
print(b.b64encode(b"\xfb\xff", altchars=b"-_"), b.b64decode(b"-_8=", altchars=b"-_"), b.standard_b64encode(b"x"))
print(b.standard_b64decode(b"eA=="), b.b16decode("666f6f", casefold=True), b.b32decode("mzxw6===", casefold=True))
print(b.b32decode("MZXW6YQ="), b.encodebytes(b"x" * 60), b.decodebytes(b"eHh4\neHh4\n"))
print(b.b64decode(b"Zm9v YmFy!"), b.b64decode(b"Zm9vYg==extra"))
for f in (lambda: b.b64decode("Zm9vY"), lambda: b.b64decode("Zm9vYmE"), lambda: b.b64decode(b"Zm9v!", validate=True),
          lambda: b.b64decode("é"), lambda: b.b64encode("text"), lambda: b.b16decode("ABC"),
          lambda: b.b16decode("zz"), lambda: b.b32decode("ABC"), lambda: b.b32decode("A1======"),
          lambda: b.b64decode(5)):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, type(e).__module__, e)

for s in (b"Zm9vYg==", b"=Zm9v", b"Zm9vYg==Zm9v", b"Zm=9v", b"Zm9vYg=", b"Zm9v\n"):
    try:
        print(b.b64decode(s, validate=True))
    except ValueError as e:
        print(type(e).__name__, e)

for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512"):
    h = getattr(hashlib, name)(b"hello world")
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest())
    print(" ", hashlib.new(name, b"hello world").digest() == h.digest(), hashlib.new(name.upper()).hexdigest()[:16])
h = hashlib.sha256()
h.update(b"hello ")
c = h.copy()
h.update(b"world")
print(h.hexdigest() == hashlib.sha256(b"hello world").hexdigest(), c.hexdigest() == hashlib.sha256(b"hello ").hexdigest())
print(hashlib.md5(bytearray(b"abc")).hexdigest(), hashlib.sha1(memoryview(b"abc")).hexdigest())
print(hashlib.md5(string=b"abc").hexdigest(), hashlib.sha256(b"abc", usedforsecurity=False).hexdigest()[:8])
print(hashlib.sha256(b"a" * 1000).hexdigest(), hashlib.md5(b"x" * 10000).digest())
print(sorted(hashlib.algorithms_guaranteed & {"md5", "sha1", "sha256", "sha512"}), repr(h).startswith("<sha256 _hashlib.HASH object @ 0x"))
for f in (lambda: hashlib.md5("text"), lambda: hashlib.sha1(5), lambda: hashlib.new("nope"),
          lambda: hashlib.sha256().update("x"), lambda: hashlib.new()):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
