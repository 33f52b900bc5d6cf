# The `contextvars` module (PEP 567) as CPython's API, written here: a Context is a
# mapping of ContextVar -> value; each thread has its own current Context.

import _thread

__all__ = ('Context', 'ContextVar', 'Token', 'copy_context')

_MISSING = object()
# The current Context of each thread, by thread ident (the GIL orders the accesses).
_current = {}
_get_ident = _thread.get_ident


def _get_context():
    ident = _get_ident()
    ctx = _current.get(ident)
    if ctx is None:
        ctx = Context()
        _current[ident] = ctx
    return ctx


def copy_context():
    return _get_context().copy()


class Context:
    # `_data` is shared between a context and its copies until one of them sets a
    # variable (`_shared`): every task gets a copy, and most never set anything.
    __slots__ = ('_data', '_entered', '_shared')

    def __init__(self):
        self._data = {}
        self._entered = False
        self._shared = False

    def run(self, callable, /, *args, **kwargs):
        if self._entered:
            raise RuntimeError(
                'cannot enter context: %r is already entered' % (self,))
        ident = _get_ident()
        prev = _current.get(ident)
        self._entered = True
        _current[ident] = self
        try:
            return callable(*args, **kwargs)
        finally:
            _current[ident] = prev
            self._entered = False

    def copy(self):
        new = Context()
        new._data = self._data
        new._shared = self._shared = True
        return new

    def __getitem__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(
                "a ContextVar key was expected, got %r" % (var,))
        return self._data[var]

    def get(self, var, default=None):
        if not isinstance(var, ContextVar):
            raise TypeError(
                "a ContextVar key was expected, got %r" % (var,))
        return self._data.get(var, default)

    def __contains__(self, var):
        if not isinstance(var, ContextVar):
            raise TypeError(
                "a ContextVar key was expected, got %r" % (var,))
        return var in self._data

    def __len__(self):
        return len(self._data)

    def __iter__(self):
        return iter(self._data)

    def keys(self):
        return self._data.keys()

    def values(self):
        return self._data.values()

    def items(self):
        return self._data.items()

    def __eq__(self, other):
        if not isinstance(other, Context):
            return NotImplemented
        return self._data == other._data

    __hash__ = None

    def __repr__(self):
        return '<Context object at 0x%x>' % id(self)


class ContextVar:
    # `name`, `var` and `old_value` are plain attributes, read-only properties in
    # CPython (gilvm has no property yet).
    __slots__ = ('_name', '_default', 'name')

    def __init__(self, name, *, default=_MISSING):
        if not isinstance(name, str):
            raise TypeError("context variable name must be a str")
        self._name = name
        self.name = name
        self._default = default

    def __init_subclass__(cls, **kwargs):
        raise TypeError("type 'ContextVar' is not an acceptable base type")

    def get(self, *args):
        if len(args) > 1:
            raise TypeError('get expected at most 1 argument, got %d' % len(args))
        ctx = _get_context()
        try:
            return ctx._data[self]
        except KeyError:
            pass
        if args:
            return args[0]
        if self._default is not _MISSING:
            return self._default
        raise LookupError(self)

    def set(self, value):
        ctx = _get_context()
        if ctx._shared:
            ctx._data = dict(ctx._data)
            ctx._shared = False
        data = ctx._data
        old = data.get(self, Token.MISSING)
        data[self] = value
        return Token(ctx, self, old)

    def reset(self, token):
        if not isinstance(token, Token):
            raise TypeError("expected an instance of Token, got %r" % (token,))
        if token._used:
            raise RuntimeError("%r has already been used once" % (token,))
        if token._var is not self:
            raise ValueError("%r was created by a different ContextVar" % (token,))
        ctx = _get_context()
        if token._ctx is not ctx:
            raise ValueError("%r was created in a different Context" % (token,))
        if ctx._shared:
            ctx._data = dict(ctx._data)
            ctx._shared = False
        if token._old_value is Token.MISSING:
            ctx._data.pop(self, None)
        else:
            ctx._data[self] = token._old_value
        token._used = True

    def __hash__(self):
        return id(self) >> 4

    def __repr__(self):
        r = '<ContextVar name=%r' % (self._name,)
        if self._default is not _MISSING:
            r += ' default=%r' % (self._default,)
        return r + ' at 0x%x>' % id(self)


class _TokenMissing:
    def __repr__(self):
        return '<Token.MISSING>'


class Token:
    __slots__ = ('_ctx', '_var', '_old_value', '_used', 'var', 'old_value')
    MISSING = _TokenMissing()

    def __init__(self, ctx, var, old_value):
        self._ctx = ctx
        self._var = var
        self._old_value = old_value
        self._used = False
        self.var = var
        self.old_value = old_value

    def __repr__(self):
        return '<Token%s var=%r at 0x%x>' % (
            ' used' if self._used else '', self._var, id(self))
