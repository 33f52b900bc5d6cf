"""struct: the documented API (functions and the Struct class) over `_struct`, the
packer written in Rust; Struct parses its format once, at construction."""

from _struct import (error, pack, unpack, calcsize, iter_unpack, unpack_from,
                     pack_into, _clearcache)

__all__ = ["calcsize", "pack", "pack_into", "unpack", "unpack_from", "iter_unpack",
           "Struct", "error"]


class Struct:
    """Struct(format)

    Create a compiled struct object."""

    __slots__ = ("format", "size")

    def __init__(self, format):
        if isinstance(format, (bytes, bytearray)):
            format = bytes(format).decode("ascii")
        elif not isinstance(format, str):
            raise TypeError("Struct() argument 1 must be a str or bytes object, "
                            f"not {type(format).__name__}")
        self.size = calcsize(format)
        self.format = format

    def pack(self, *v):
        return pack(self.format, *v)

    def pack_into(self, buffer, offset, *v):
        return pack_into(self.format, buffer, offset, *v)

    def unpack(self, buffer):
        return unpack(self.format, buffer)

    def unpack_from(self, buffer, offset=0):
        return unpack_from(self.format, buffer, offset)

    def iter_unpack(self, buffer):
        return iter_unpack(self.format, buffer)



Struct.__module__ = "_struct"
