"""base64: Base16, Base32 (and base32hex) and Base64 (standard and URL-safe) codecs
over bytes, with CPython's binascii.Error messages; written in Python."""

__all__ = ["encode", "decode", "encodebytes", "decodebytes", "b64encode", "b64decode",
           "b32encode", "b32decode", "b32hexencode", "b32hexdecode", "b16encode",
           "b16decode", "standard_b64encode", "standard_b64decode",
           "urlsafe_b64encode", "urlsafe_b64decode"]


# The decoders raise binascii.Error, as CPython's.
from binascii import Error

_B64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_REV = {c: i for i, c in enumerate(_B64)}


def _bytes_from_decode_data(s):
    if isinstance(s, str):
        try:
            return s.encode("ascii")
        except UnicodeEncodeError:
            raise ValueError("string argument should contain only ASCII characters")
    if isinstance(s, (bytes, bytearray)):
        return bytes(s)
    try:
        return memoryview(s).tobytes()
    except TypeError:
        raise TypeError("argument should be a bytes-like object or ASCII "
                        f"string, not {s.__class__.__name__!r}") from None


def _need_bytes(s, name="a bytes-like object"):
    if isinstance(s, (bytes, bytearray)):
        return bytes(s)
    try:
        return memoryview(s).tobytes()
    except TypeError:
        raise TypeError(f"a bytes-like object is required, not '{type(s).__name__}'") from None


def _b64_encode(data, newline=False):
    out = bytearray()
    n = len(data)
    i = 0
    while i + 3 <= n:
        v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2]
        out += bytes((_B64[v >> 18], _B64[(v >> 12) & 63], _B64[(v >> 6) & 63], _B64[v & 63]))
        i += 3
    rest = n - i
    if rest == 1:
        v = data[i] << 16
        out += bytes((_B64[v >> 18], _B64[(v >> 12) & 63])) + b"=="
    elif rest == 2:
        v = (data[i] << 16) | (data[i + 1] << 8)
        out += bytes((_B64[v >> 18], _B64[(v >> 12) & 63], _B64[(v >> 6) & 63])) + b"="
    if newline:
        out += b"\n"
    return bytes(out)


def _b64_decode(data, strict):
    # binascii.a2b_base64: non-alphabet bytes are skipped unless strict; decoding
    # stops at the padding that completes a quad.
    out = bytearray()
    acc = 0
    nbits = 0
    count = 0  # data characters seen
    pads = 0
    for pos, c in enumerate(data):
        if c == 61:  # '='
            if strict and count == 0 and not out:
                raise Error("Leading padding not allowed")
            pads += 1
            if count % 4 >= 2 and (count % 4) + pads >= 4:
                if strict and pos + 1 != len(data):
                    raise Error("Excess data after padding")
                return bytes(out)
            continue
        v = _B64_REV.get(c)
        if v is None:
            if strict:
                raise Error("Only base64 data is allowed")
            continue
        if strict and pads:
            raise Error("Discontinuous padding not allowed")
        pads = 0
        acc = (acc << 6) | v
        nbits += 6
        count += 1
        if nbits >= 8:
            nbits -= 8
            out.append((acc >> nbits) & 0xFF)
    if count % 4 != 0:
        if count % 4 == 1:
            raise Error("Invalid base64-encoded string: number of data characters "
                        f"({count}) cannot be 1 more than a multiple of 4")
        raise Error("Incorrect padding")
    return bytes(out)


def b64encode(s, altchars=None):
    """Encode the bytes-like object s using Base64 and return a bytes object."""
    encoded = _b64_encode(_need_bytes(s))
    if altchars is not None:
        altchars = _need_bytes(altchars)
        assert len(altchars) == 2, repr(altchars)
        return _swap(encoded, b"+/", altchars)
    return encoded


def _swap(data, frm, to):
    table = {frm[0]: to[0], frm[1]: to[1]}
    return bytes(table.get(c, c) for c in data)


def b64decode(s, altchars=None, validate=False):
    """Decode the Base64 encoded bytes-like object or ASCII string s."""
    s = _bytes_from_decode_data(s)
    if altchars is not None:
        altchars = _bytes_from_decode_data(altchars)
        assert len(altchars) == 2, repr(altchars)
        s = _swap(s, altchars, b"+/")
    return _b64_decode(s, validate)


def standard_b64encode(s):
    """Encode bytes-like object s using the standard Base64 alphabet."""
    return b64encode(s)


def standard_b64decode(s):
    """Decode bytes encoded with the standard Base64 alphabet."""
    return b64decode(s)


def urlsafe_b64encode(s):
    """Encode bytes using the URL- and filesystem-safe Base64 alphabet."""
    return _swap(b64encode(s), b"+/", b"-_")


def urlsafe_b64decode(s):
    """Decode bytes using the URL- and filesystem-safe Base64 alphabet."""
    s = _bytes_from_decode_data(s)
    s = _swap(s, b"-_", b"+/")
    return b64decode(s)


_B32 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_B32HEX = b"0123456789ABCDEFGHIJKLMNOPQRSTUV"


def _b32encode(alphabet, s):
    s = _need_bytes(s)
    out = bytearray()
    for i in range(0, len(s), 5):
        chunk = s[i:i + 5]
        n = len(chunk)
        v = int.from_bytes(chunk + b"\0" * (5 - n), "big")
        chars = bytes(alphabet[(v >> (35 - 5 * k)) & 31] for k in range(8))
        used = {1: 2, 2: 4, 3: 5, 4: 7, 5: 8}[n]
        out += chars[:used] + b"=" * (8 - used)
    return bytes(out)


def _b32decode(alphabet, s, casefold=False, map01=None):
    s = _bytes_from_decode_data(s)
    if len(s) % 8:
        raise Error("Incorrect padding")
    if map01 is not None:
        map01 = _bytes_from_decode_data(map01)
        assert len(map01) == 1, repr(map01)
        s = bytes(79 if c == 48 else (map01[0] if c == 49 else c) for c in s)
    if casefold:
        s = s.upper()
    stripped = s.rstrip(b"=")
    padchars = len(s) - len(stripped)
    rev = {c: i for i, c in enumerate(alphabet)}
    out = bytearray()
    for i in range(0, len(stripped), 8):
        quanta = stripped[i:i + 8]
        acc = 0
        for c in quanta:
            if c not in rev:
                raise Error("Non-base32 digit found")
            acc = (acc << 5) | rev[c]
        acc <<= 5 * (8 - len(quanta))
        out += acc.to_bytes(5, "big")
    if padchars and out:
        if padchars not in (1, 3, 4, 6):
            raise Error("Incorrect padding")
        keep = {1: 4, 3: 3, 4: 2, 6: 1}[padchars]
        out = out[:-5] + out[-5:][:keep]
    elif padchars:
        raise Error("Incorrect padding")
    return bytes(out)


def b32encode(s):
    """Encode the bytes-like objects using base32 and return a bytes object."""
    return _b32encode(_B32, s)


def b32decode(s, casefold=False, map01=None):
    """Decode the base32 encoded bytes-like object or ASCII string s."""
    return _b32decode(_B32, s, casefold, map01)


def b32hexencode(s):
    """Encode the bytes-like objects using base32hex and return a bytes object."""
    return _b32encode(_B32HEX, s)


def b32hexdecode(s, casefold=False):
    """Decode the base32hex encoded bytes-like object or ASCII string s."""
    return _b32decode(_B32HEX, s, casefold)


def b16encode(s):
    """Encode the bytes-like object s using Base16 and return a bytes object."""
    return _need_bytes(s).hex().upper().encode("ascii")


def b16decode(s, casefold=False):
    """Decode the Base16 encoded bytes-like object or ASCII string s."""
    s = _bytes_from_decode_data(s)
    if casefold:
        s = s.upper()
    for c in s:
        if c not in b"0123456789ABCDEF":
            raise Error("Non-base16 digit found")
    if len(s) % 2:
        raise Error("Odd-length string")
    return bytes.fromhex(s.decode("ascii"))


MAXLINESIZE = 76
MAXBINSIZE = (MAXLINESIZE // 4) * 3


def encodebytes(s):
    """Encode a bytestring into a bytes object containing multiple lines
    of base-64 data."""
    s = _need_bytes(s)
    pieces = []
    for i in range(0, len(s), MAXBINSIZE):
        pieces.append(_b64_encode(s[i:i + MAXBINSIZE], newline=True))
    return b"".join(pieces)


def decodebytes(s):
    """Decode a bytestring of base-64 data into a bytes object."""
    return _b64_decode(_need_bytes(s), False)


def encode(input, output):
    """Encode a file; input and output are binary files."""
    while True:
        s = input.read(MAXBINSIZE)
        if not s:
            break
        while len(s) < MAXBINSIZE:
            ns = input.read(MAXBINSIZE - len(s))
            if not ns:
                break
            s += ns
        output.write(_b64_encode(s, newline=True))


def decode(input, output):
    """Decode a file; input and output are binary files."""
    while True:
        line = input.readline()
        if not line:
            break
        output.write(_b64_decode(line, False))
