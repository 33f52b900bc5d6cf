# posixpath for gilvm (os.path): CPython 3.11's POSIX path operations on str paths,
# the pure ones in Python and the file tests through posix.stat.

import posix

__all__ = ["normcase", "isabs", "join", "splitdrive", "split", "splitext",
           "basename", "dirname", "commonprefix", "getsize", "getmtime",
           "getatime", "getctime", "islink", "exists", "lexists", "isdir", "isfile",
           "ismount", "expanduser", "expandvars", "normpath", "abspath",
           "samefile", "sameopenfile", "samestat", "curdir", "pardir", "sep",
           "pathsep", "defpath", "altsep", "extsep", "devnull", "realpath",
           "supports_unicode_filenames", "relpath", "commonpath"]

curdir = '.'
pardir = '..'
extsep = '.'
sep = '/'
pathsep = ':'
defpath = '/bin:/usr/bin'
altsep = None
devnull = '/dev/null'
supports_unicode_filenames = False


def _fspath(p):
    if isinstance(p, str):
        return p
    t = type(p)
    try:
        f = t.__fspath__
    except AttributeError:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + t.__name__) from None
    return f(p)


def normcase(s):
    """Normalize case of pathname.  Has no effect under Posix"""
    return _fspath(s)


def isabs(s):
    """Test whether a path is absolute"""
    return _fspath(s).startswith('/')


def join(a, *p):
    """Join two or more pathname components, inserting '/' as needed."""
    a = _fspath(a)
    path = a
    for b in map(_fspath, p):
        if not isinstance(b, str):
            raise TypeError("join() argument must be str, bytes, or os.PathLike "
                            "object, not '%s'" % type(b).__name__)
        if b.startswith(sep):
            path = b
        elif not path or path.endswith(sep):
            path += b
        else:
            path += sep + b
    return path


def split(p):
    """Split a pathname into (head, tail); tail is everything after the final slash."""
    p = _fspath(p)
    i = p.rfind(sep) + 1
    head, tail = p[:i], p[i:]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head, tail


def splitext(p):
    """Split the extension from a pathname: (root, ext), ext may be empty."""
    p = _fspath(p)
    sep_index = p.rfind(sep)
    dot_index = p.rfind(extsep)
    if dot_index > sep_index:
        # Skip all leading dots: '.profile' has no extension.
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != extsep:
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, p[:0]


def splitdrive(p):
    """Split a pathname into drive and path. On Posix, drive is always empty."""
    p = _fspath(p)
    return p[:0], p


def basename(p):
    """Returns the final component of a pathname"""
    p = _fspath(p)
    i = p.rfind(sep) + 1
    return p[i:]


def dirname(p):
    """Returns the directory component of a pathname"""
    p = _fspath(p)
    i = p.rfind(sep) + 1
    head = p[:i]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head


def _stat(p):
    try:
        return posix.stat(_fspath(p))
    except (OSError, ValueError):
        return None


def exists(path):
    """Test whether a path exists.  Returns False for broken symbolic links"""
    return _stat(path) is not None


def lexists(path):
    """Test whether a path exists.  Returns True for broken symbolic links"""
    try:
        posix.lstat(_fspath(path))
    except (OSError, ValueError):
        return False
    return True


def isdir(s):
    """Return true if the pathname refers to an existing directory."""
    st = _stat(s)
    return st is not None and st[0] & 0o170000 == 0o040000


def isfile(path):
    """Test whether a path is a regular file"""
    st = _stat(path)
    return st is not None and st[0] & 0o170000 == 0o100000


def islink(path):
    """Test whether a path is a symbolic link"""
    try:
        st = posix.lstat(_fspath(path))
    except (OSError, ValueError, AttributeError):
        return False
    return st[0] & 0o170000 == 0o120000


def ismount(path):
    """Test whether a path is a mount point"""
    try:
        s1 = posix.lstat(_fspath(path))
    except (OSError, ValueError):
        return False
    if s1[0] & 0o170000 == 0o120000:
        return False
    try:
        s2 = posix.lstat(join(_fspath(path), pardir))
    except (OSError, ValueError):
        return False
    if s1[2] != s2[2]:
        return True
    return s1[1] == s2[1]


def getsize(filename):
    """Return the size of a file, reported by os.stat()."""
    return posix.stat(_fspath(filename))[6]


def getatime(filename):
    """Return the last access time of a file, reported by os.stat()."""
    return posix.stat(_fspath(filename))[7]


def getmtime(filename):
    """Return the last modification time of a file, reported by os.stat()."""
    return posix.stat(_fspath(filename))[8]


def getctime(filename):
    """Return the metadata change time of a file, reported by os.stat()."""
    return posix.stat(_fspath(filename))[9]


def samestat(s1, s2):
    """Test whether two stat buffers reference the same file"""
    return s1.st_ino == s2.st_ino and s1.st_dev == s2.st_dev


def samefile(f1, f2):
    """Test whether two pathnames reference the same actual file or directory"""
    s1 = posix.stat(_fspath(f1))
    s2 = posix.stat(_fspath(f2))
    return s1[1] == s2[1] and s1[2] == s2[2]


def sameopenfile(fp1, fp2):
    raise NotImplementedError("gilvm has no file descriptors in os yet")


def commonprefix(m):
    "Given a list of pathnames, returns the longest common leading component"
    if not m:
        return ''
    if not isinstance(m[0], (list, tuple)):
        m = tuple(map(_fspath, m))
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def expanduser(path):
    """Expand ~ and ~user constructions.  If user or $HOME is unknown, do nothing."""
    path = _fspath(path)
    if not path.startswith('~'):
        return path
    i = path.find(sep, 1)
    if i < 0:
        i = len(path)
    if i == 1:
        userhome = posix.environ.get('HOME')
        if userhome is None:
            return path
    else:
        name = path[1:i]
        userhome = None
        try:
            with open('/etc/passwd') as f:
                for line in f:
                    fields = line.rstrip('\n').split(':')
                    if len(fields) >= 6 and fields[0] == name:
                        userhome = fields[5]
                        break
        except OSError:
            pass
        if userhome is None:
            return path
    userhome = userhome.rstrip(sep)
    return (userhome + path[i:]) or sep


def expandvars(path):
    """Expand shell variables of form $var and ${var}.  Unknown variables
    are left unchanged."""
    path = _fspath(path)
    if '$' not in path:
        return path
    env = posix.environ
    out = []
    i = 0
    n = len(path)
    while i < n:
        c = path[i]
        if c != '$':
            out.append(c)
            i += 1
            continue
        j = i + 1
        if j < n and path[j] == '{':
            k = path.find('}', j + 1)
            name = path[j + 1:k] if k > 0 else ''
            if k > 0 and name and all(ch.isalnum() or ch == '_' for ch in name) \
                    and name.isascii() and name in env:
                out.append(env[name])
                i = k + 1
                continue
            if k > 0 and name and all(ch.isalnum() or ch == '_' for ch in name):
                out.append(path[i:k + 1])
                i = k + 1
                continue
            out.append(c)
            i += 1
            continue
        k = j
        while k < n and (path[k].isalnum() or path[k] == '_') and path[k].isascii():
            k += 1
        name = path[j:k]
        if name and name in env:
            out.append(env[name])
        else:
            out.append(path[i:k])
        i = k if name else i + 1
    return ''.join(out)


def normpath(path):
    """Normalize path, eliminating double slashes, etc."""
    path = _fspath(path)
    if not path:
        return curdir
    initial_slashes = 1 if path.startswith(sep) else 0
    # POSIX allows one or two initial slashes, but treats three or more as single.
    if initial_slashes and path.startswith(sep * 2) and not path.startswith(sep * 3):
        initial_slashes = 2
    new_comps = []
    for comp in path.split(sep):
        if comp in ('', curdir):
            continue
        if (comp != pardir or (not initial_slashes and not new_comps) or
                (new_comps and new_comps[-1] == pardir)):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = sep.join(new_comps)
    if initial_slashes:
        path = sep * initial_slashes + path
    return path or curdir


def abspath(path):
    """Return an absolute path."""
    path = _fspath(path)
    if not isabs(path):
        path = join(posix.getcwd(), path)
    return normpath(path)


def realpath(filename, *, strict=False):
    """Return the canonical path of the specified filename, eliminating any
    symbolic links encountered in the path."""
    filename = _fspath(filename)
    path, ok = _joinrealpath(filename[:0], filename, strict, {})
    return abspath(path)


def _joinrealpath(path, rest, strict, seen):
    if isabs(rest):
        rest = rest[1:]
        path = sep
    while rest:
        name, _, rest = rest.partition(sep)
        if not name or name == curdir:
            continue
        if name == pardir:
            if path:
                path, name = split(path)
                if name == pardir:
                    path = join(path, pardir, pardir)
            else:
                path = pardir
            continue
        newpath = join(path, name)
        try:
            st = posix.lstat(newpath)
        except OSError:
            if strict:
                raise
            is_link = False
        else:
            is_link = st[0] & 0o170000 == 0o120000
        if not is_link:
            path = newpath
            continue
        if newpath in seen:
            path = seen[newpath]
            if path is not None:
                continue
            if strict:
                posix.stat(newpath)
            else:
                return join(newpath, rest), False
        seen[newpath] = None
        path, ok = _joinrealpath(path, posix.readlink(newpath), strict, seen)
        if not ok:
            return join(path, rest), False
        seen[newpath] = path
    return path, True


def relpath(path, start=None):
    """Return a relative version of a path"""
    if not path:
        raise ValueError("no path specified")
    path = _fspath(path)
    if start is None:
        start = curdir
    else:
        start = _fspath(start)
    start_list = [x for x in abspath(start).split(sep) if x]
    path_list = [x for x in abspath(path).split(sep) if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [pardir] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return curdir
    return join(*rel_list)


def commonpath(paths):
    """Given a sequence of path names, returns the longest common sub-path."""
    if not paths:
        raise ValueError('commonpath() arg is an empty sequence')
    paths = tuple(map(_fspath, paths))
    split_paths = [path.split(sep) for path in paths]
    try:
        isabs_, = set(p[:1] == sep for p in paths)
    except ValueError:
        raise ValueError("Can't mix absolute and relative paths") from None
    split_paths = [[c for c in s if c and c != curdir] for s in split_paths]
    s1 = min(split_paths)
    s2 = max(split_paths)
    common = s1
    for i, c in enumerate(s1):
        if c != s2[i]:
            common = s1[:i]
            break
    prefix = sep if isabs_ else sep[:0]
    return prefix + sep.join(common)
