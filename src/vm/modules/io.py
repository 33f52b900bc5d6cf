"""The io module: in-memory streams (BytesIO, StringIO), TextIOWrapper over a binary
stream, UnsupportedOperation and the SEEK_* constants; open() is the builtin's."""

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192

open = open


class UnsupportedOperation(OSError, ValueError):
    pass


class IOBase:
    """Shared by the in-memory streams: closing, `with`, line iteration."""

    _closed = False

    @property
    def closed(self):
        return self._closed

    def close(self):
        self._closed = True

    def _check_open(self):
        if self._closed:
            raise ValueError("I/O operation on closed file.")

    def __enter__(self):
        self._check_open()
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        self._check_open()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=-1):
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        self._check_open()

    def readable(self):
        self._check_open()
        return True

    def writable(self):
        self._check_open()
        return True

    def seekable(self):
        self._check_open()
        return True

    def isatty(self):
        self._check_open()
        return False

    def fileno(self):
        raise UnsupportedOperation("fileno")


class RawIOBase(IOBase):
    pass


class BufferedIOBase(IOBase):
    pass


class TextIOBase(IOBase):
    pass


def _size_arg(size):
    if size is None:
        return -1
    if not isinstance(size, int):
        raise TypeError(f"argument should be integer or None, not '{type(size).__name__}'")
    return size


class _Memory(IOBase):
    """A growable buffer with a position; `_empty` is b'' or ''."""

    def _init(self, initial):
        self._buf = initial
        self._pos = 0

    def getvalue(self):
        self._check_open()
        return self._buf[:] if isinstance(self._buf, str) else bytes(self._buf)

    def read(self, size=-1):
        self._check_open()
        size = _size_arg(size)
        end = len(self._buf) if size < 0 else min(len(self._buf), self._pos + size)
        if self._pos >= end:
            return self._empty
        out = self._buf[self._pos:end]
        self._pos = end
        return self._out(out)

    def readline(self, size=-1):
        self._check_open()
        size = _size_arg(size)
        nl = self._buf.find(self._newline, self._pos)
        end = len(self._buf) if nl < 0 else nl + 1
        if size >= 0:
            end = min(end, self._pos + size)
        if self._pos >= end:
            return self._empty
        out = self._buf[self._pos:end]
        self._pos = end
        return self._out(out)

    def seek(self, pos, whence=0):
        self._check_open()
        if not isinstance(pos, int):
            raise TypeError(f"'{type(pos).__name__}' object cannot be interpreted as an integer")
        if whence == 0:
            if pos < 0:
                raise ValueError(f"negative seek value {pos}")
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError(f"invalid whence ({whence}, should be 0, 1 or 2)")
        return self._pos

    def tell(self):
        self._check_open()
        return self._pos

    def truncate(self, size=None):
        self._check_open()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError(f"negative size value {size}")
        self._buf = self._buf[:size]
        return size


class BytesIO(_Memory, BufferedIOBase):
    _empty = b""
    _newline = b"\n"

    def __init__(self, initial_bytes=b""):
        if initial_bytes is None:
            initial_bytes = b""
        self._init(bytearray(initial_bytes))

    def _out(self, b):
        return bytes(b)

    def getbuffer(self):
        self._check_open()
        return memoryview(self._buf)

    def read1(self, size=-1):
        return self.read(size)

    def readinto(self, b):
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)

    def write(self, b):
        self._check_open()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        data = bytes(b)
        n = len(data)
        if self._pos > len(self._buf):
            self._buf.extend(bytes(self._pos - len(self._buf)))
        self._buf[self._pos:self._pos + n] = data
        self._pos += n
        return n


class StringIO(_Memory, TextIOBase):
    """Writes at the end go to `_chunks` and are joined only when something reads,
    seeks or splices: rebuilding the string on every write made building a large
    StringIO quadratic. `_len` is the length of `_buf` plus the chunks."""

    _empty = ""
    _newline = "\n"

    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError(
                f"initial_value must be str or None, not {type(initial_value).__name__}"
            )
        if newline is not None and not isinstance(newline, str):
            raise TypeError(f"newline must be str or None, not {type(newline).__name__}")
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError(f"illegal newline value: {newline!r}")
        self._translate = newline
        self._seen = set()
        self._chunks = []
        self._init(self._in(initial_value))
        self._len = len(self._buf)

    def _in(self, s):
        # Written text as CPython stores it: newline=None turns \r\n and \r into
        # \n; "\r" or "\r\n" turns \n into that sequence.
        nl = self._translate
        if nl is None or nl == "":
            if "\n" in s:
                self._seen.add("\r\n" if "\r\n" in s else "\n")
                if "\n" in s.replace("\r\n", ""):
                    self._seen.add("\n")
            if "\r" in s.replace("\r\n", ""):
                self._seen.add("\r")
            if nl is None and "\r" in s:
                s = s.replace("\r\n", "\n").replace("\r", "\n")
        elif nl == "\r" or nl == "\r\n":
            if "\n" in s:
                s = s.replace("\n", nl)
        return s

    @property
    def newlines(self):
        self._check_open()
        if self._translate not in (None, ""):
            return None
        kinds = tuple(k for k in ("\r", "\n", "\r\n") if k in self._seen)
        if not kinds:
            return None
        return kinds[0] if len(kinds) == 1 else kinds

    def _check_open(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")

    def _join(self):
        if self._chunks:
            self._chunks.insert(0, self._buf)
            self._buf = "".join(self._chunks)
            self._chunks = []

    def getvalue(self):
        self._check_open()
        self._join()
        return self._buf

    def read(self, size=-1):
        self._check_open()
        size = _size_arg(size)
        self._join()
        buf, pos = self._buf, self._pos
        end = len(buf) if size < 0 else min(len(buf), pos + size)
        if pos >= end:
            return ""
        self._pos = end
        return buf[pos:end]

    def readline(self, size=-1):
        self._check_open()
        size = _size_arg(size)
        self._join()
        buf, pos = self._buf, self._pos
        if self._translate == "":
            # Universal: a line ends at \n, \r or \r\n.
            n = buf.find("\n", pos)
            r = buf.find("\r", pos, n if n >= 0 else len(buf))
            if r >= 0:
                end = r + 2 if buf.startswith("\n", r + 1) else r + 1
            else:
                end = len(buf) if n < 0 else n + 1
        else:
            nl = "\r" if self._translate == "\r" else "\n"
            i = buf.find(nl, pos)
            end = len(buf) if i < 0 else i + 1
        if size >= 0:
            end = min(end, pos + size)
        if pos >= end:
            return ""
        self._pos = end
        return buf[pos:end]

    def seek(self, pos, whence=0):
        self._check_open()
        if not isinstance(pos, int):
            raise TypeError(f"'{type(pos).__name__}' object cannot be interpreted as an integer")
        if whence not in (0, 1, 2):
            raise ValueError(f"Invalid whence ({whence}, should be 0, 1 or 2)")
        if whence == 0 and pos < 0:
            raise ValueError(f"Negative seek position {pos}")
        if whence != 0 and pos != 0:
            raise OSError("Can't do nonzero cur-relative seeks")
        if whence == 2:
            pos = self._len
        elif whence == 1:
            pos = self._pos
        self._pos = pos
        return pos

    def tell(self):
        self._check_open()
        return self._pos

    def truncate(self, size=None):
        self._check_open()
        size = _size_arg(size)
        if size < 0:
            if size == -1:
                size = self._pos
            else:
                raise ValueError(f"Negative size value {size}")
        if size < self._len:
            self._join()
            self._buf = self._buf[:size]
            self._len = size
        return size

    def write(self, s):
        # The common case (open, default newline, writing at the end) first: this
        # is the hot path of building text in memory.
        if self._closed:
            raise ValueError("I/O operation on closed file")
        if not isinstance(s, str):
            raise TypeError(f"string argument expected, got '{type(s).__name__}'")
        n = len(s)
        pos = self._pos
        if self._translate == "\n":
            if pos == self._len:
                self._chunks.append(s)
                self._len = self._pos = pos + n
                return n
            m = n
        else:
            s = self._in(s)
            m = len(s)
            if pos == self._len:
                if m:
                    self._chunks.append(s)
                    self._len = self._pos = pos + m
                return n
        if not m:
            return n
        self._join()
        buf = self._buf
        if pos > len(buf):
            buf += "\0" * (pos - len(buf))
        self._buf = buf[:pos] + s + buf[pos + m:]
        self._len = len(self._buf)
        self._pos = pos + m
        return n

    def __repr__(self):
        return f"<_io.StringIO object at {hex(id(self))}>"

    def __getstate__(self):
        raise TypeError("cannot pickle 'StringIO' object")


class TextIOWrapper(TextIOBase):
    """Text over a binary stream (anything with read/write/readline of bytes)."""

    def __init__(self, buffer, encoding=None, errors=None, newline=None,
                 line_buffering=False, write_through=False):
        self.buffer = buffer
        self.encoding = encoding or "utf-8"
        self.errors = errors or "strict"
        self.line_buffering = line_buffering
        "x".encode(self.encoding)
        self._pending = b""

    @property
    def closed(self):
        return self.buffer.closed

    def close(self):
        if not self.buffer.closed:
            self.flush()
            self.buffer.close()

    def _check_open(self):
        if self.buffer.closed:
            raise ValueError("I/O operation on closed file.")

    def _decode(self, data, final):
        data = self._pending + data
        if not final:
            # Keep an incomplete UTF-8 sequence at the end for the next read.
            cut = len(data)
            for back in range(1, min(4, len(data)) + 1):
                b = data[-back]
                if b & 0xC0 == 0x80:
                    continue
                need = 2 if b >= 0xC0 else 1
                if b >= 0xE0:
                    need = 3
                if b >= 0xF0:
                    need = 4
                if need > back:
                    cut = len(data) - back
                break
            data, self._pending = data[:cut], data[cut:]
        else:
            self._pending = b""
        return data.decode(self.encoding, self.errors)

    def read(self, size=-1):
        self._check_open()
        size = _size_arg(size)
        if size < 0:
            return self._decode(self.buffer.read(), True)
        out = ""
        while len(out) < size:
            chunk = self.buffer.read(size - len(out))
            if not chunk:
                out += self._decode(b"", True)
                break
            out += self._decode(chunk, False)
        return out

    def readline(self, size=-1):
        self._check_open()
        line = self.buffer.readline()
        return self._decode(line, True)

    def write(self, s):
        self._check_open()
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        self.buffer.write(s.encode(self.encoding, self.errors))
        if self.line_buffering and "\n" in s:
            self.flush()
        return len(s)

    def flush(self):
        self._check_open()
        flush = getattr(self.buffer, "flush", None)
        if flush is not None:
            flush()

    def detach(self):
        buffer = self.buffer
        self.buffer = None
        return buffer

    def seek(self, pos, whence=0):
        self._check_open()
        self._pending = b""
        return self.buffer.seek(pos, whence)

    def tell(self):
        self._check_open()
        return self.buffer.tell()

    def fileno(self):
        return self.buffer.fileno()
