# os for gilvm: CPython 3.11's portable operating-system interface for POSIX, over
# the Rust `posix` module (paths are str; bytes paths, most file-descriptor calls
# (pipe/read/write/close are here), processes and urandom are left out: see
# docs/language.md).

import sys
import posix
from posix import (getcwd, chdir, listdir, mkdir, rmdir, remove, unlink, rename,
                   replace, readlink, getpid, getppid, cpu_count, strerror, access,
                   F_OK, R_OK, W_OK, X_OK, pipe, read, write, close,
                   get_blocking, set_blocking)
import posixpath as path

name = "posix"
linesep = "\n"
sep = path.sep
altsep = path.altsep
extsep = path.extsep
pathsep = path.pathsep
curdir = path.curdir
pardir = path.pardir
defpath = path.defpath
devnull = path.devnull
sys.modules["os.path"] = path

error = OSError


class stat_result:
    """stat_result: Result from stat, fstat, or lstat."""

    n_sequence_fields = 10
    _names = ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid",
              "st_size", "st_atime", "st_mtime", "st_ctime")

    def __init__(self, t):
        (self.st_mode, self.st_ino, self.st_dev, self.st_nlink, self.st_uid,
         self.st_gid, self.st_size, self.st_atime, self.st_mtime, self.st_ctime,
         self.st_atime_ns, self.st_mtime_ns, self.st_ctime_ns, self.st_blksize,
         self.st_blocks) = t
        # The tuple view has integer times, as CPython's.
        self._seq = (self.st_mode, self.st_ino, self.st_dev, self.st_nlink,
                     self.st_uid, self.st_gid, self.st_size, int(self.st_atime),
                     int(self.st_mtime), int(self.st_ctime))

    def __getitem__(self, i):
        return self._seq[i]

    def __len__(self):
        return 10

    def __iter__(self):
        return iter(self._seq)

    def __eq__(self, other):
        if isinstance(other, stat_result):
            return self._seq == other._seq
        return NotImplemented

    def __repr__(self):
        return "os.stat_result(" + ", ".join(
            f"{n}={v}" for n, v in zip(self._names, self._seq)) + ")"


def stat(path, *, dir_fd=None, follow_symlinks=True):
    """Perform a stat system call on the given path."""
    return stat_result(posix.stat(path, follow_symlinks=follow_symlinks))


def lstat(path, *, dir_fd=None):
    """Perform a stat system call on the given path, without following symlinks."""
    return stat_result(posix.lstat(path))


class _Environ:
    # os.environ: a mapping whose writes reach the process environment (putenv).
    def __init__(self, data):
        self._data = data

    def __getitem__(self, key):
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(key) from None

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError("str expected, not %s" % type(key).__name__)
        if not isinstance(value, str):
            raise TypeError("str expected, not %s" % type(value).__name__)
        posix.putenv(key, value)
        self._data[key] = value

    def __delitem__(self, key):
        if key not in self._data:
            raise KeyError(key)
        posix.unsetenv(key)
        del self._data[key]

    def __iter__(self):
        return iter(list(self._data))

    def __len__(self):
        return len(self._data)

    def __contains__(self, key):
        return key in self._data

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def get(self, key, default=None):
        return self._data.get(key, default)

    def setdefault(self, key, value):
        if key not in self._data:
            self[key] = value
        return self[key]

    def pop(self, key, *default):
        if key in self._data:
            v = self._data[key]
            del self[key]
            return v
        if default:
            return default[0]
        raise KeyError(key)

    def update(self, other=(), **kw):
        if hasattr(other, "keys"):
            for k in other.keys():
                self[k] = other[k]
        else:
            for k, v in other:
                self[k] = v
        for k, v in kw.items():
            self[k] = v

    def copy(self):
        return dict(self._data)

    def __repr__(self):
        return "environ({" + ", ".join(
            f"{k!r}: {v!r}" for k, v in self._data.items()) + "})"


environ = _Environ(posix.environ)


def getenv(key, default=None):
    """Get an environment variable, return None if it doesn't exist."""
    return environ.get(key, default)


def putenv(key, value):
    posix.putenv(key, value)


def unsetenv(key):
    posix.unsetenv(key)


def fspath(path):
    """Return the file system path representation of the object."""
    if isinstance(path, str):
        return path
    t = type(path)
    try:
        f = t.__fspath__
    except AttributeError:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + t.__name__) from None
    r = f(path)
    if isinstance(r, str):
        return r
    raise TypeError("expected {}.__fspath__() to return str or bytes, not {}"
                    .format(t.__name__, type(r).__name__))


class PathLike:
    """Abstract base class for implementing the file system path protocol."""

    def __fspath__(self):
        raise NotImplementedError


def makedirs(name, mode=0o777, exist_ok=False):
    """makedirs(name [, mode=0o777][, exist_ok=False])

    Super-mkdir; create a leaf directory and all intermediate ones.
    """
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            # A parent made meanwhile (another thread) is fine.
            pass
        if tail == curdir:
            return
    try:
        mkdir(name, mode)
    except OSError:
        # Only a directory that exists already is accepted with exist_ok.
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    """Remove a leaf directory and all empty intermediate ones."""
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def renames(old, new):
    """Super-rename; create directories as necessary and delete any left empty."""
    head, tail = path.split(new)
    if head and tail and not path.exists(head):
        makedirs(head)
    rename(old, new)
    head, tail = path.split(old)
    if head and tail:
        try:
            removedirs(head)
        except OSError:
            pass


class DirEntry:
    """A directory entry, as os.scandir yields it."""

    def __init__(self, dirpath, name):
        self.name = name
        self.path = path.join(dirpath, name)
        self._stat = None
        self._lstat = None

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return f"<DirEntry {self.name!r}>"

    def stat(self, *, follow_symlinks=True):
        if not follow_symlinks:
            if self._lstat is None:
                self._lstat = lstat(self.path)
            return self._lstat
        if self._stat is None:
            self._stat = stat(self.path)
        return self._stat

    def inode(self):
        return self.stat(follow_symlinks=False).st_ino

    def _mode(self, follow_symlinks):
        try:
            return self.stat(follow_symlinks=follow_symlinks).st_mode
        except FileNotFoundError:
            return 0

    def is_dir(self, *, follow_symlinks=True):
        return self._mode(follow_symlinks) & 0o170000 == 0o040000

    def is_file(self, *, follow_symlinks=True):
        return self._mode(follow_symlinks) & 0o170000 == 0o100000

    def is_symlink(self):
        return self._mode(False) & 0o170000 == 0o120000


class _ScandirIterator:
    def __init__(self, p):
        self._entries = [DirEntry(p, n) for n in listdir(p)]
        self._i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._i >= len(self._entries):
            raise StopIteration
        e = self._entries[self._i]
        self._i += 1
        return e

    def close(self):
        self._i = len(self._entries)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


def scandir(path="."):
    """Return an iterator of DirEntry objects for given path."""
    return _ScandirIterator(fspath(path))


def walk(top, topdown=True, onerror=None, followlinks=False):
    """Directory tree generator: (dirpath, dirnames, filenames) for each directory."""
    stack = [fspath(top)]
    while stack:
        top = stack.pop()
        if isinstance(top, tuple):
            yield top
            continue
        dirs = []
        nondirs = []
        walk_dirs = []
        try:
            entries = list(scandir(top))
        except OSError as error:
            if onerror is not None:
                onerror(error)
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                dirs.append(entry.name)
            else:
                nondirs.append(entry.name)
            if not topdown and is_dir:
                if followlinks:
                    walk_into = True
                else:
                    try:
                        is_symlink = entry.is_symlink()
                    except OSError:
                        is_symlink = False
                    walk_into = not is_symlink
                if walk_into:
                    walk_dirs.append(entry.path)
        if topdown:
            yield top, dirs, nondirs
            # The caller may have pruned dirs in place.
            for dirname in reversed(dirs):
                new_path = path.join(top, dirname)
                if followlinks or not path.islink(new_path):
                    stack.append(new_path)
        else:
            stack.append((top, dirs, nondirs))
            for new_path in reversed(walk_dirs):
                stack.append(new_path)


def get_exec_path(env=None):
    if env is None:
        env = environ
    p = env.get("PATH")
    if p is None:
        p = defpath
    return p.split(pathsep)

