"""weakref: weak references.

The reference type itself (`ref`, `getweakrefcount`, `getweakrefs`) is native
(src/vm/modules/_weakref.rs, on the per-object weakref lists of src/vm/gc.rs). Built
here on top of `ref` and its callbacks: proxies, WeakMethod, WeakValueDictionary,
WeakKeyDictionary, WeakSet and finalize.
"""

import operator as _op
from _weakref import ref, ReferenceType, getweakrefcount, getweakrefs

__all__ = [
    "ref", "proxy", "getweakrefcount", "getweakrefs", "WeakKeyDictionary",
    "ReferenceType", "ProxyType", "CallableProxyType", "ProxyTypes",
    "WeakValueDictionary", "WeakSet", "WeakMethod", "finalize",
]

_DEAD = "weakly-referenced object no longer exists"


def _target(p):
    o = object.__getattribute__(p, "_ref")()
    if o is None:
        raise ReferenceError(_DEAD)
    return o


def _unwrap(o):
    return _target(o) if isinstance(o, ProxyType) else o


class ProxyType:
    """A proxy: attribute access and operators go to the referent while it lives."""

    __slots__ = ("_ref", "__weakref__")

    def __getattribute__(self, name):
        return getattr(_target(self), name)

    def __setattr__(self, name, value):
        setattr(_target(self), name, value)

    def __delattr__(self, name):
        delattr(_target(self), name)

    def __repr__(self):
        o = object.__getattribute__(self, "_ref")()
        kind = "weakcallableproxy" if isinstance(self, CallableProxyType) else "weakproxy"
        if o is None:
            return "<%s at %#x; dead>" % (kind, id(self))
        return "<%s at %#x; to '%s' at %#x>" % (kind, id(self), type(o).__name__, id(o))

    def __str__(self):
        return str(_target(self))

    def __bool__(self):
        return bool(_target(self))

    def __hash__(self):
        raise TypeError("unhashable type: 'weakref.ProxyType'")

    def __len__(self):
        return len(_target(self))

    def __iter__(self):
        return iter(_target(self))

    def __next__(self):
        return next(_target(self))

    def __contains__(self, x):
        return x in _target(self)

    def __getitem__(self, k):
        return _target(self)[k]

    def __setitem__(self, k, v):
        _target(self)[k] = v

    def __delitem__(self, k):
        del _target(self)[k]

    def __index__(self):
        return _op.index(_target(self))

    def __int__(self):
        return int(_target(self))

    def __float__(self):
        return float(_target(self))

    def __neg__(self):
        return -_target(self)

    def __pos__(self):
        return +_target(self)

    def __abs__(self):
        return abs(_target(self))

    def __invert__(self):
        return ~_target(self)


def _binary(fn):
    return lambda self, other: fn(_target(self), _unwrap(other))


def _reflected(fn):
    return lambda self, other: fn(_unwrap(other), _target(self))


for _name, _fn in [
    ("add", _op.add), ("sub", _op.sub), ("mul", _op.mul), ("truediv", _op.truediv),
    ("floordiv", _op.floordiv), ("mod", _op.mod), ("pow", _op.pow),
    ("lshift", _op.lshift), ("rshift", _op.rshift), ("and", _op.and_),
    ("or", _op.or_), ("xor", _op.xor), ("matmul", _op.matmul),
]:
    setattr(ProxyType, "__%s__" % _name, _binary(_fn))
    setattr(ProxyType, "__r%s__" % _name, _reflected(_fn))
for _name, _fn in [("eq", _op.eq), ("ne", _op.ne), ("lt", _op.lt), ("le", _op.le),
                   ("gt", _op.gt), ("ge", _op.ge)]:
    setattr(ProxyType, "__%s__" % _name, _binary(_fn))
del _name, _fn


class CallableProxyType(ProxyType):
    __slots__ = ()

    def __call__(self, *args, **kwargs):
        return _target(self)(*args, **kwargs)


ProxyTypes = (ProxyType, CallableProxyType)


def proxy(obj, callback=None):
    """A proxy for obj; callback(proxy) is called when obj dies (if the proxy lives)."""
    cls = CallableProxyType if callable(obj) else ProxyType
    p = object.__new__(cls)
    if callback is None:
        r = ref(obj)
    else:
        pref = ref(p)

        def cb(_, pref=pref, callback=callback):
            q = pref()
            if q is not None:
                callback(q)

        r = ref(obj, cb)
    object.__setattr__(p, "_ref", r)
    return p


class WeakMethod(ref):
    """A weak reference to a bound method: dies with its object or its function.

    A `ref` subclass referring to the method's object, as CPython's."""

    __slots__ = ("_func_ref", "_meth_type", "_alive", "__weakref__")

    def __new__(cls, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}".format(type(meth))) from None

        def _cb(arg):
            # The callback fires once, for whichever of object and function dies first.
            self = self_wr()
            if self._alive:
                self._alive = False
                if callback is not None:
                    callback(self)

        self = ref.__new__(cls, obj, _cb)
        self._func_ref = ref(func, _cb)
        self._meth_type = type(meth)
        self._alive = True
        self_wr = ref(self)
        return self

    def __call__(self):
        obj = super().__call__()
        func = self._func_ref()
        if obj is None or func is None:
            return None
        # CPython calls self._meth_type(func, obj); gilvm's method type has no
        # constructor, and binding the function gives the same method.
        return func.__get__(obj, type(obj))

    def __eq__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is other
            return ref.__eq__(self, other) and self._func_ref == other._func_ref
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is not other
            return ref.__ne__(self, other) or self._func_ref != other._func_ref
        return NotImplemented

    __hash__ = ref.__hash__


class WeakValueDictionary:
    """A mapping whose entries go when their values die."""

    def __init__(self, other=(), /, **kw):
        self._data = {}
        self._me = ref(self)
        self.update(other, **kw)

    def _ref(self, key, value):
        me = self._me

        def remove(wr, key=key, me=me):
            d = me()
            if d is not None and d._data.get(key) is wr:
                del d._data[key]

        return ref(value, remove)

    def __getitem__(self, key):
        o = self._data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __setitem__(self, key, value):
        self._data[key] = self._ref(key, value)

    def __delitem__(self, key):
        del self._data[key]

    def __contains__(self, key):
        try:
            o = self._data[key]()
        except KeyError:
            return False
        return o is not None

    def __len__(self):
        return sum(1 for r in list(self._data.values()) if r() is not None)

    def __iter__(self):
        for k, r in list(self._data.items()):
            if r() is not None:
                yield k

    def __repr__(self):
        return "<%s at %#x>" % (type(self).__name__, id(self))

    def get(self, key, default=None):
        try:
            o = self._data[key]()
        except KeyError:
            return default
        return default if o is None else o

    def keys(self):
        return iter(self)

    def values(self):
        for r in list(self._data.values()):
            o = r()
            if o is not None:
                yield o

    def items(self):
        for k, r in list(self._data.items()):
            o = r()
            if o is not None:
                yield k, o

    def itervaluerefs(self):
        return iter(list(self._data.values()))

    def valuerefs(self):
        return list(self._data.values())

    def pop(self, key, *default):
        try:
            o = self._data.pop(key)()
        except KeyError:
            o = None
        if o is None:
            if default:
                return default[0]
            raise KeyError(key)
        return o

    def popitem(self):
        while True:
            k, r = self._data.popitem()
            o = r()
            if o is not None:
                return k, o

    def setdefault(self, key, default=None):
        o = self.get(key)
        if o is None:
            self[key] = default
            return default
        return o

    def update(self, other=(), /, **kw):
        if hasattr(other, "items"):
            other = other.items()
        for k, v in other:
            self[k] = v
        for k, v in kw.items():
            self[k] = v

    def clear(self):
        self._data.clear()

    def copy(self):
        return type(self)(self.items())

    __copy__ = copy


class WeakKeyDictionary:
    """A mapping whose entries go when their keys die."""

    def __init__(self, dict=None):
        self._data = {}
        me = ref(self)

        def remove(wr, me=me):
            d = me()
            if d is not None:
                d._data.pop(wr, None)

        self._remove = remove
        if dict is not None:
            self.update(dict)

    def __getitem__(self, key):
        return self._data[ref(key)]

    def __setitem__(self, key, value):
        self._data[ref(key, self._remove)] = value

    def __delitem__(self, key):
        del self._data[ref(key)]

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self._data

    def __len__(self):
        return sum(1 for r in list(self._data) if r() is not None)

    def __iter__(self):
        for r in list(self._data):
            o = r()
            if o is not None:
                yield o

    def __repr__(self):
        return "<%s at %#x>" % (type(self).__name__, id(self))

    def get(self, key, default=None):
        return self._data.get(ref(key), default)

    def keys(self):
        return iter(self)

    def values(self):
        for r, v in list(self._data.items()):
            if r() is not None:
                yield v

    def items(self):
        for r, v in list(self._data.items()):
            o = r()
            if o is not None:
                yield o, v

    def keyrefs(self):
        return list(self._data)

    def pop(self, key, *default):
        return self._data.pop(ref(key), *default)

    def popitem(self):
        while True:
            r, v = self._data.popitem()
            o = r()
            if o is not None:
                return o, v

    def setdefault(self, key, default=None):
        return self._data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, /, **kw):
        if dict is not None:
            if hasattr(dict, "items"):
                dict = dict.items()
            for k, v in dict:
                self[k] = v
        for k, v in kw.items():
            self[k] = v

    def clear(self):
        self._data.clear()

    def copy(self):
        return type(self)(self.items())

    __copy__ = copy


class WeakSet:
    """A set whose members go when they die."""

    def __init__(self, data=None):
        self.data = set()
        me = ref(self)

        def remove(wr, me=me):
            s = me()
            if s is not None:
                s.data.discard(wr)

        self._remove = remove
        if data is not None:
            self.update(data)

    def __iter__(self):
        for r in list(self.data):
            o = r()
            if o is not None:
                yield o

    def __len__(self):
        return sum(1 for r in list(self.data) if r() is not None)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __repr__(self):
        return repr(self.data)

    def add(self, item):
        self.data.add(ref(item, self._remove))

    def discard(self, item):
        self.data.discard(ref(item))

    def remove(self, item):
        self.data.remove(ref(item))

    def pop(self):
        while True:
            try:
                r = self.data.pop()
            except KeyError:
                raise KeyError("pop from empty WeakSet") from None
            o = r()
            if o is not None:
                return o

    def clear(self):
        self.data.clear()

    def copy(self):
        return type(self)(self)

    __copy__ = copy

    def update(self, other):
        for x in other:
            self.add(x)

    def __ior__(self, other):
        self.update(other)
        return self

    def _alive(self):
        return set(self)

    def union(self, other):
        return type(self)(self._alive() | set(other))

    __or__ = union

    def intersection(self, other):
        return type(self)(self._alive() & set(other))

    __and__ = intersection

    def difference(self, other):
        return type(self)(self._alive() - set(other))

    __sub__ = difference

    def symmetric_difference(self, other):
        return type(self)(self._alive() ^ set(other))

    __xor__ = symmetric_difference

    def issubset(self, other):
        return self._alive() <= set(other)

    __le__ = issubset

    def issuperset(self, other):
        return self._alive() >= set(other)

    __ge__ = issuperset

    def isdisjoint(self, other):
        return self._alive().isdisjoint(other)

    def __eq__(self, other):
        if not isinstance(other, WeakSet):
            return NotImplemented
        return self._alive() == other._alive()


class finalize:
    """finalize(obj, func, *args, **kwargs): func(*args, **kwargs) is called once,
    when obj dies, when the finalize object is called, or at exit (if `atexit` is
    true, the default), whichever comes first."""

    # The live finalize objects: they must outlive their callers' references.
    _registry = {}
    _index = 0

    __slots__ = ("_key", "atexit", "__weakref__")

    def __init__(self, obj, func, /, *args, **kwargs):
        finalize._index += 1
        key = finalize._index
        self._key = key
        self.atexit = True
        me = ref(self)

        def died(_, me=me):
            f = me()
            if f is not None:
                f()

        finalize._registry[key] = (ref(obj, died), func, args, kwargs or None, self)

    def __call__(self, _=None):
        info = finalize._registry.pop(self._key, None)
        if info is not None:
            _, func, args, kwargs, _ = info
            return func(*args, **(kwargs or {}))

    def detach(self):
        info = finalize._registry.get(self._key)
        obj = info and info[0]()
        if obj is not None and finalize._registry.pop(self._key, None):
            return (obj, info[1], info[2], info[3] or {})

    def peek(self):
        info = finalize._registry.get(self._key)
        obj = info and info[0]()
        if obj is not None:
            return (obj, info[1], info[2], info[3] or {})

    @property
    def alive(self):
        return self._key in finalize._registry

    def __repr__(self):
        info = finalize._registry.get(self._key)
        obj = info and info[0]()
        if obj is None:
            return "<finalize object at %#x; dead>" % id(self)
        return "<finalize object at %#x; for %r at %#x>" % (id(self), type(obj).__name__, id(obj))


def _exitfunc():
    """Called by the interpreter at exit (src/driver.rs, as CPython's atexit hook):
    the finalizers still alive with `atexit` set, newest first."""
    for key in sorted(finalize._registry, reverse=True):
        info = finalize._registry.get(key)
        if info is not None and info[4].atexit:
            try:
                info[4]()
            except BaseException as e:
                import sys
                print("Exception ignored in atexit callback:", repr(e), file=sys.stderr)
