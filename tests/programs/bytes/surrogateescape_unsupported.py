# gilvm's str cannot hold lone surrogates, so decoding with surrogateescape an input
# it would have to escape is a clear error rather than a wrong string.
# python3: skip (CPython returns 'a\udcffb')
# exit: 1
# stderr: NotImplementedError: the 'surrogateescape' error handler would produce a lone surrogate, which a gilvm str cannot hold
print(repr(b"plain".decode("utf-8", "surrogateescape")))
print(repr(b"a\xffb".decode("utf-8", "surrogateescape")))
