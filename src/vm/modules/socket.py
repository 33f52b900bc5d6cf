"""The socket module: the native _socket (sockets, constants, errors) and, in
Python as CPython has them, create_connection, create_server, has_dualstack_ipv6."""

from _socket import *
import _socket

_GLOBAL_DEFAULT_TIMEOUT = object()

AddressFamily = int
SocketKind = int


def create_connection(address, timeout=_GLOBAL_DEFAULT_TIMEOUT, source_address=None, *,
                      all_errors=False):
    """Connects to (host, port), trying each address getaddrinfo gives."""
    host, port = address
    exceptions = []
    for family, kind, proto, _canon, sa in getaddrinfo(host, port, 0, SOCK_STREAM):
        sock = None
        try:
            sock = socket(family, kind, proto)
            if timeout is not _GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sa)
            exceptions.clear()
            return sock
        except OSError as exc:
            exceptions.append(exc)
            if sock is not None:
                sock.close()
    if exceptions:
        try:
            if not all_errors:
                raise exceptions[0]
            raise ExceptionGroup("create_connection failed", exceptions)
        finally:
            exceptions.clear()
    raise OSError("getaddrinfo returns an empty list")


def has_dualstack_ipv6():
    try:
        with socket(AF_INET6, SOCK_STREAM) as sock:
            sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0)
            return True
    except OSError:
        return False


def create_server(address, *, family=AF_INET, backlog=None, reuse_port=False,
                  dualstack_ipv6=False):
    """A listening TCP socket bound to `address` (SO_REUSEADDR set, as CPython)."""
    if reuse_port and not hasattr(_socket, "SO_REUSEPORT"):
        raise ValueError("SO_REUSEPORT not supported on this platform")
    if dualstack_ipv6:
        if not has_dualstack_ipv6():
            raise ValueError("dualstack_ipv6 not supported on this platform")
        if family != AF_INET6:
            raise ValueError("dualstack_ipv6 requires AF_INET6 family")
    sock = socket(family, SOCK_STREAM)
    try:
        sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        if reuse_port:
            sock.setsockopt(SOL_SOCKET, SO_REUSEPORT, 1)
        if family == AF_INET6:
            sock.setsockopt(IPPROTO_IPV6, IPV6_V6ONLY, 0 if dualstack_ipv6 else 1)
        try:
            sock.bind(address)
        except OSError as err:
            msg = '%s (while attempting to bind on address %r)' % (err.strerror, address)
            raise OSError(err.errno, msg) from None
        if backlog is None:
            sock.listen()
        else:
            sock.listen(backlog)
        return sock
    except:
        sock.close()
        raise


def getfqdn(name=''):
    name = name.strip()
    if not name or name in ('0.0.0.0', '::'):
        name = gethostname()
    return name


# ---------------------------------------------------------------- makefile
# socket.makefile() as CPython's: a SocketIO raw stream over the socket, a buffered
# reader, writer or read-write pair of it, and a TextIOWrapper for text modes. The
# socket stays open while a file made from it is (its _io_refs count, kept natively):
# closing the socket first closes the descriptor only when the last file closes.

import io as _io

try:
    import errno as _errno
    _EAGAIN = _errno.EAGAIN
    _blocking_errnos = {_errno.EAGAIN, _errno.EWOULDBLOCK}
except ImportError:
    # No errno module in this build: Linux's EAGAIN (EWOULDBLOCK is the same).
    _EAGAIN = 11
    _blocking_errnos = {11}


class SocketIO(_io.RawIOBase):
    """Raw I/O implementation for stream sockets (CPython's socket.SocketIO)."""

    def __init__(self, sock, mode):
        if mode not in ("r", "w", "rw", "rb", "wb", "rwb"):
            raise ValueError("invalid mode: %r" % mode)
        self._sock = sock
        if "b" not in mode:
            mode += "b"
        self._mode = mode
        self._reading = "r" in mode
        self._writing = "w" in mode
        self._timeout_occurred = False

    def _checkClosed(self):
        if self.closed:
            raise ValueError("I/O operation on closed file.")

    def readinto(self, b):
        self._checkClosed()
        if not self._reading:
            raise _io.UnsupportedOperation("File or stream is not readable.")
        if self._timeout_occurred:
            raise OSError("cannot read from timed out object")
        try:
            return self._sock.recv_into(b)
        except timeout:
            self._timeout_occurred = True
            raise
        except OSError as e:
            if e.errno in _blocking_errnos:
                return None
            raise

    def read(self, size=-1):
        if size is None or size < 0:
            return self.readall()
        b = bytearray(size)
        n = self.readinto(b)
        if n is None:
            return None
        return bytes(b[:n])

    def readall(self):
        chunks = []
        while True:
            data = self.read(_io.DEFAULT_BUFFER_SIZE)
            if data is None:
                if chunks:
                    break
                return None
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)

    def write(self, b):
        self._checkClosed()
        if not self._writing:
            raise _io.UnsupportedOperation("File or stream is not writable.")
        try:
            return self._sock.send(b)
        except OSError as e:
            if e.errno in _blocking_errnos:
                return None
            raise

    def readable(self):
        if self.closed:
            raise ValueError("I/O operation on closed socket.")
        return self._reading

    def writable(self):
        if self.closed:
            raise ValueError("I/O operation on closed socket.")
        return self._writing

    def seekable(self):
        if self.closed:
            raise ValueError("I/O operation on closed socket.")
        return False

    def fileno(self):
        self._checkClosed()
        return self._sock.fileno()

    @property
    def name(self):
        if not self.closed:
            return self.fileno()
        return -1

    @property
    def mode(self):
        return self._mode

    def close(self):
        if self.closed:
            return
        _io.RawIOBase.close(self)
        self._sock._decref_socketios()
        self._sock = None


class _Buffered(_io.BufferedIOBase):
    """What makefile's BufferedReader/BufferedWriter/BufferedRWPair share: the raw
    stream and a read buffer and a write buffer over it."""

    def __init__(self, raw, buffer_size=_io.DEFAULT_BUFFER_SIZE):
        if buffer_size <= 0:
            raise ValueError("buffer size must be strictly positive")
        self.raw = raw
        self.buffer_size = buffer_size
        self._rbuf = b""
        self._wbuf = bytearray()

    @property
    def closed(self):
        return self.raw.closed

    @property
    def name(self):
        return self.raw.name

    @property
    def mode(self):
        return self.raw.mode

    def _check_open(self):
        if self.raw.closed:
            raise ValueError("I/O operation on closed file.")

    def fileno(self):
        return self.raw.fileno()

    def seekable(self):
        return False

    def close(self):
        if self.raw.closed:
            return
        try:
            self.flush()
        finally:
            self.raw.close()

    def detach(self):
        self.flush()
        raw = self.raw
        self.raw = None
        return raw

    def __repr__(self):
        try:
            name = self.name
        except Exception:
            return f"<_io.{type(self).__name__}>"
        return f"<_io.{type(self).__name__} name={name!r}>"

    # -- reading

    def _fill(self):
        data = self.raw.read(self.buffer_size)
        if data is None:
            return None
        self._rbuf += data
        return len(data)

    def read(self, size=-1):
        self._check_open()
        self._check_readable()
        if size is None or size < 0:
            chunks = [self._rbuf]
            self._rbuf = b""
            while True:
                data = self.raw.read(self.buffer_size)
                if not data:
                    break
                chunks.append(data)
            return b"".join(chunks)
        while len(self._rbuf) < size:
            n = self._fill()
            if not n:
                break
        out, self._rbuf = self._rbuf[:size], self._rbuf[size:]
        return out

    def read1(self, size=-1):
        self._check_open()
        self._check_readable()
        if not self._rbuf:
            self._fill()
        if size is None or size < 0:
            size = len(self._rbuf)
        out, self._rbuf = self._rbuf[:size], self._rbuf[size:]
        return out

    def peek(self, size=0):
        self._check_open()
        self._check_readable()
        if not self._rbuf:
            self._fill()
        return self._rbuf

    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def readline(self, size=-1):
        self._check_open()
        self._check_readable()
        if size is None:
            size = -1
        while True:
            i = self._rbuf.find(b"\n")
            if i >= 0:
                end = i + 1
                break
            if 0 <= size <= len(self._rbuf):
                end = size
                break
            if not self._fill():
                end = len(self._rbuf)
                break
        if 0 <= size < end:
            end = size
        out, self._rbuf = self._rbuf[:end], self._rbuf[end:]
        return out

    # -- writing

    def write(self, b):
        self._check_open()
        self._check_writable()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        data = bytes(b)
        self._wbuf += data
        if len(self._wbuf) >= self.buffer_size:
            self._flush_unlocked()
        return len(data)

    def _flush_unlocked(self):
        while self._wbuf:
            n = self.raw.write(self._wbuf)
            if n is None:
                raise BlockingIOError(_EAGAIN,
                                      "write could not complete without blocking", 0)
            del self._wbuf[:n]

    def flush(self):
        self._check_open()
        if self._writing:
            self._flush_unlocked()


class BufferedReader(_Buffered):
    _writing = False

    def _check_readable(self):
        pass

    def _check_writable(self):
        raise _io.UnsupportedOperation("write")

    def readable(self):
        return self.raw.readable()

    def writable(self):
        return False


class BufferedWriter(_Buffered):
    _writing = True

    def _check_readable(self):
        raise _io.UnsupportedOperation("read")

    def _check_writable(self):
        pass

    def readable(self):
        return False

    def writable(self):
        return self.raw.writable()


class BufferedRWPair(_Buffered):
    _writing = True

    def __init__(self, reader, writer, buffer_size=_io.DEFAULT_BUFFER_SIZE):
        # makefile('rw') passes the same SocketIO twice.
        super().__init__(reader, buffer_size)

    def _check_readable(self):
        pass

    def _check_writable(self):
        pass

    def readable(self):
        return self.raw.readable()

    def writable(self):
        return self.raw.writable()

    def __repr__(self):
        return f"<_io.BufferedRWPair object at {hex(id(self))}>"


def _makefile(self, mode="r", buffering=None, *,
              encoding=None, errors=None, newline=None):
    """makefile(...) -> an I/O stream connected to the socket (CPython's)."""
    if not set(mode) <= {"r", "w", "b"}:
        raise ValueError("invalid mode %r (only r, w, b allowed)" % (mode,))
    writing = "w" in mode
    reading = "r" in mode or not writing
    binary = "b" in mode
    rawmode = ""
    if reading:
        rawmode += "r"
    if writing:
        rawmode += "w"
    raw = SocketIO(self, rawmode)
    self._io_ref()
    if buffering is None:
        buffering = -1
    if buffering < 0:
        buffering = _io.DEFAULT_BUFFER_SIZE
    if buffering == 0:
        if not binary:
            raise ValueError("unbuffered streams must be binary")
        return raw
    if reading and writing:
        buffer = BufferedRWPair(raw, raw, buffering)
    elif reading:
        buffer = BufferedReader(raw, buffering)
    else:
        buffer = BufferedWriter(raw, buffering)
    if binary:
        return buffer
    text = _io.TextIOWrapper(buffer, encoding, errors, newline)
    text.mode = mode
    return text
