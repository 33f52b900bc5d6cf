# EnvironmentError and IOError are OSError; the errno module has Linux's names and
# values and errorcode; OSError(errno, msg) picks the subclass by errno (PEP 3151).
import errno
print(EnvironmentError is OSError, IOError is OSError, EnvironmentError.__name__, IOError.__name__)
try:
    open('/nonexistent/dir/file')
except IOError as e:
    print(type(e).__name__, e.errno == errno.ENOENT, errno.errorcode[e.errno])
try:
    raise EnvironmentError(errno.EACCES, 'denied')
except PermissionError as e:
    print('PermissionError', e)
for name in ['EPERM', 'ENOENT', 'EINTR', 'EAGAIN', 'EWOULDBLOCK', 'EPIPE', 'EEXIST', 'EISDIR',
             'ENOTDIR', 'EINVAL', 'ENOSPC', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT',
             'EINPROGRESS', 'EALREADY', 'EDEADLK', 'EDEADLOCK', 'ENOTSUP', 'EOPNOTSUPP']:
    v = getattr(errno, name)
    print(name, v, errno.errorcode[v], type(OSError(v, 'x')).__name__)
print(len(errno.errorcode) > 100, all(getattr(errno, n) == v for v, n in errno.errorcode.items()))
print(sorted(n for n in dir(errno) if n.startswith('E'))[:5])
