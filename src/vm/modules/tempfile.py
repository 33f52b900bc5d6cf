"""tempfile: temporary files and directories with unpredictable names (gettempdir,
mkdtemp, NamedTemporaryFile, TemporaryFile, TemporaryDirectory), created exclusively
so that two callers never get the same one."""

import os as _os
import shutil as _shutil
import random as _random

__all__ = ["NamedTemporaryFile", "TemporaryFile", "TemporaryDirectory", "mkdtemp",
           "mktemp", "gettempdir", "gettempprefix", "TMP_MAX", "tempdir", "template"]

TMP_MAX = 10000
template = "tmp"
tempdir = None

_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
# Its own generator, seeded from the OS, so a program's random.seed() does not make
# temporary names predictable (as CPython's _RandomNameSequence).
_rng = _random.Random()


def _names():
    while True:
        yield "".join(_rng.choice(_CHARS) for _ in range(8))


def _candidate_tempdir_list():
    dirlist = []
    for envname in ("TMPDIR", "TEMP", "TMP"):
        dirname = _os.getenv(envname)
        if dirname:
            dirlist.append(dirname)
    dirlist.extend(["/tmp", "/var/tmp", "/usr/tmp"])
    try:
        dirlist.append(_os.getcwd())
    except OSError:
        dirlist.append(_os.curdir)
    return dirlist


def _get_default_tempdir():
    # The first candidate where a file can really be created and written.
    names = _names()
    for dir in _candidate_tempdir_list():
        if dir != _os.curdir:
            dir = _os.path.abspath(dir)
        for _ in range(100):
            filename = _os.path.join(dir, next(names))
            try:
                with open(filename, "xb") as fp:
                    fp.write(b"blat")
                _os.unlink(filename)
                return dir
            except FileExistsError:
                pass
            except OSError:
                break
    raise FileNotFoundError(2, f"No usable temporary directory found in "
                               f"{_candidate_tempdir_list()}")


def gettempdir():
    """Returns tempfile.tempdir as str."""
    global tempdir
    if tempdir is None:
        tempdir = _get_default_tempdir()
    return _os.fspath(tempdir)


def gettempdirb():
    return gettempdir().encode()


def gettempprefix():
    """The default prefix for temporary directories as string."""
    return template


def _sanitize_params(prefix, suffix, dir):
    if suffix is None:
        suffix = ""
    if prefix is None:
        prefix = template
    if dir is None:
        dir = gettempdir()
    return prefix, suffix, dir


def mkdtemp(suffix=None, prefix=None, dir=None):
    """Create and return a unique temporary directory (mode 0o700)."""
    prefix, suffix, dir = _sanitize_params(prefix, suffix, dir)
    names = _names()
    for _ in range(TMP_MAX):
        file = _os.path.join(dir, prefix + next(names) + suffix)
        try:
            _os.mkdir(file, 0o700)
        except FileExistsError:
            continue
        return _os.path.abspath(file)
    raise FileExistsError(17, "No usable temporary directory name found")


def mktemp(suffix="", prefix=template, dir=None):
    """User-callable function to return a unique temporary file name (not created:
    deprecated, as racy)."""
    if dir is None:
        dir = gettempdir()
    names = _names()
    for _ in range(TMP_MAX):
        file = _os.path.join(dir, prefix + next(names) + suffix)
        if not _os.path.exists(file):
            return file
    raise FileExistsError(17, "No usable temporary filename found")


def _create_file(prefix, suffix, dir, mode, encoding, newline):
    names = _names()
    binary = "b" in mode
    # Exclusive creation: "x" never opens a file someone else made.
    xmode = "x" + ("+" if "+" in mode else "") + ("b" if binary else "")
    if "r" in mode and "+" not in mode:
        xmode = "x+" + ("b" if binary else "")
    for _ in range(TMP_MAX):
        name = _os.path.join(dir, prefix + next(names) + suffix)
        try:
            if binary:
                f = open(name, xmode)
            else:
                f = open(name, xmode, encoding=encoding, newline=newline)
        except FileExistsError:
            continue
        return f, _os.path.abspath(name)
    raise FileExistsError(17, "No usable temporary file name found")


class _TemporaryFileWrapper:
    """A file with a name, removed when closed (delete=True) or at `with` exit."""

    def __init__(self, file, name, delete=True):
        self.file = file
        self.name = name
        self.delete = delete
        self._closed = False

    def __getattr__(self, name):
        return getattr(self.__dict__["file"], name)

    def __enter__(self):
        self.file.__enter__()
        return self

    def __exit__(self, exc, value, tb):
        result = self.file.__exit__(exc, value, tb)
        self._cleanup()
        return result

    def close(self):
        self.file.close()
        self._cleanup()

    def _cleanup(self):
        if not self._closed:
            self._closed = True
            if self.delete:
                try:
                    _os.unlink(self.name)
                except FileNotFoundError:
                    pass

    def __iter__(self):
        for line in self.file:
            yield line

    def __repr__(self):
        return f"<tempfile._TemporaryFileWrapper file={self.file!r} name={self.name!r}>"


def NamedTemporaryFile(mode="w+b", buffering=-1, encoding=None, newline=None,
                       suffix=None, prefix=None, dir=None, delete=True, *, errors=None):
    """Create and return a temporary file with a visible name (`.name`); with delete
    (the default) it is removed when closed."""
    prefix, suffix, dir = _sanitize_params(prefix, suffix, dir)
    f, name = _create_file(prefix, suffix, dir, mode, encoding, newline)
    return _TemporaryFileWrapper(f, name, delete)


def TemporaryFile(mode="w+b", buffering=-1, encoding=None, newline=None,
                  suffix=None, prefix=None, dir=None, *, errors=None):
    """A temporary file, removed when closed (its name is not meant to be used)."""
    return NamedTemporaryFile(mode, buffering, encoding, newline, suffix, prefix, dir,
                              delete=True, errors=errors)


class TemporaryDirectory:
    """Create and return a temporary directory, removed with its contents on
    cleanup() or at the end of a `with` block (whose target is its name)."""

    def __init__(self, suffix=None, prefix=None, dir=None, ignore_cleanup_errors=False):
        self.name = mkdtemp(suffix, prefix, dir)
        self._ignore_cleanup_errors = ignore_cleanup_errors
        self._done = False

    def __repr__(self):
        return f"<{self.__class__.__name__} {self.name!r}>"

    def __enter__(self):
        return self.name

    def __exit__(self, exc, value, tb):
        self.cleanup()

    def cleanup(self):
        if not self._done and _os.path.exists(self.name):
            self._done = True
            _shutil.rmtree(self.name, ignore_errors=self._ignore_cleanup_errors)

    def __del__(self):
        try:
            self.cleanup()
        except Exception:
            pass
