# The `selectors` module as CPython's API (written here, not copied): SelectorKey,
# EpollSelector (= DefaultSelector) over the Rust `select.epoll`, whose waits release the GIL.

import select

EVENT_READ = 1
EVENT_WRITE = 2

__all__ = ['EVENT_READ', 'EVENT_WRITE', 'SelectorKey', 'BaseSelector',
           'EpollSelector', 'DefaultSelector']


def _fileobj_to_fd(fileobj):
    if isinstance(fileobj, int):
        fd = fileobj
    else:
        try:
            fd = int(fileobj.fileno())
        except (AttributeError, TypeError, ValueError):
            raise ValueError("Invalid file object: {!r}".format(fileobj)) from None
    if fd < 0:
        raise ValueError("Invalid file descriptor: {}".format(fd))
    return fd


class SelectorKey:
    """The registration of one file object: (fileobj, fd, events, data). A namedtuple
    in CPython; a plain class here (gilvm cannot subclass tuple yet) that unpacks,
    indexes and compares as one."""
    __slots__ = ('fileobj', 'fd', 'events', 'data')

    def __init__(self, fileobj, fd, events, data):
        self.fileobj = fileobj
        self.fd = fd
        self.events = events
        self.data = data

    def _astuple(self):
        return (self.fileobj, self.fd, self.events, self.data)

    def __iter__(self):
        return iter(self._astuple())

    def __getitem__(self, i):
        return self._astuple()[i]

    def __len__(self):
        return 4

    def __eq__(self, other):
        if isinstance(other, SelectorKey):
            return self._astuple() == other._astuple()
        if isinstance(other, tuple):
            return self._astuple() == other
        return NotImplemented

    def __hash__(self):
        return hash(self._astuple())

    def _replace(self, **kw):
        vals = {'fileobj': self.fileobj, 'fd': self.fd, 'events': self.events,
                'data': self.data}
        vals.update(kw)
        return SelectorKey(vals['fileobj'], vals['fd'], vals['events'], vals['data'])

    def __repr__(self):
        return 'SelectorKey(fileobj=%r, fd=%r, events=%r, data=%r)' % self._astuple()


class _SelectorMapping:
    """Read-only mapping of file objects to keys (get_map())."""

    def __init__(self, selector):
        self._selector = selector

    def __len__(self):
        return len(self._selector._fd_to_key)

    def get(self, fileobj, default=None):
        try:
            return self[fileobj]
        except KeyError:
            return default

    def __getitem__(self, fileobj):
        try:
            fd = self._selector._fileobj_lookup(fileobj)
            return self._selector._fd_to_key[fd]
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None

    def __contains__(self, fileobj):
        return self.get(fileobj) is not None

    def __iter__(self):
        return iter(self._selector._fd_to_key)

    def keys(self):
        return list(self._selector._fd_to_key)

    def values(self):
        return list(self._selector._fd_to_key.values())

    def items(self):
        return list(self._selector._fd_to_key.items())


class BaseSelector:
    def register(self, fileobj, events, data=None):
        raise NotImplementedError

    def unregister(self, fileobj):
        raise NotImplementedError

    def modify(self, fileobj, events, data=None):
        self.unregister(fileobj)
        return self.register(fileobj, events, data)

    def select(self, timeout=None):
        raise NotImplementedError

    def close(self):
        pass

    def get_key(self, fileobj):
        mapping = self.get_map()
        if mapping is None:
            raise RuntimeError('Selector is closed')
        try:
            return mapping[fileobj]
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None

    def get_map(self):
        raise NotImplementedError

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


class EpollSelector(BaseSelector):
    """Level-triggered epoll; `_wakeup()` ends a select() blocked in another thread."""

    def __init__(self):
        self._fd_to_key = {}
        self._map = _SelectorMapping(self)
        self._selector = select.epoll()

    def _fileobj_lookup(self, fileobj):
        try:
            return _fileobj_to_fd(fileobj)
        except ValueError:
            # A closed file object: find it among the registered ones.
            for key in self._fd_to_key.values():
                if key.fileobj is fileobj:
                    return key.fd
            raise

    def fileno(self):
        return self._selector.fileno()

    def register(self, fileobj, events, data=None):
        if (not events) or (events & ~(EVENT_READ | EVENT_WRITE)):
            raise ValueError("Invalid events: {!r}".format(events))
        key = SelectorKey(fileobj, self._fileobj_lookup(fileobj), events, data)
        if key.fd in self._fd_to_key:
            raise KeyError("{!r} (FD {}) is already registered".format(fileobj, key.fd))
        mask = 0
        if events & EVENT_READ:
            mask |= select.EPOLLIN
        if events & EVENT_WRITE:
            mask |= select.EPOLLOUT
        self._selector.register(key.fd, mask)
        self._fd_to_key[key.fd] = key
        return key

    def unregister(self, fileobj):
        try:
            key = self._fd_to_key.pop(self._fileobj_lookup(fileobj))
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None
        try:
            self._selector.unregister(key.fd)
        except OSError:
            pass
        return key

    def modify(self, fileobj, events, data=None):
        try:
            key = self._fd_to_key[self._fileobj_lookup(fileobj)]
        except KeyError:
            raise KeyError("{!r} is not registered".format(fileobj)) from None
        if events != key.events:
            mask = 0
            if events & EVENT_READ:
                mask |= select.EPOLLIN
            if events & EVENT_WRITE:
                mask |= select.EPOLLOUT
            self._selector.modify(key.fd, mask)
            key = key._replace(events=events, data=data)
            self._fd_to_key[key.fd] = key
        elif data != key.data:
            key = key._replace(data=data)
            self._fd_to_key[key.fd] = key
        return key

    def select(self, timeout=None):
        if timeout is not None and timeout <= 0:
            timeout = 0
        ready = []
        for fd, event in self._selector.poll(timeout):
            events = 0
            if event & ~select.EPOLLIN:
                events |= EVENT_WRITE
            if event & ~select.EPOLLOUT:
                events |= EVENT_READ
            key = self._fd_to_key.get(fd)
            if key:
                ready.append((key, events & key.events))
        return ready

    def _wakeup(self):
        self._selector._wakeup()

    def close(self):
        self._selector.close()
        self._fd_to_key.clear()
        self._map = None

    def get_map(self):
        return self._map


DefaultSelector = EpollSelector
