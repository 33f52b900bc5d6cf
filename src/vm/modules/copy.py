# copy for gilvm: shallow and deep copies as CPython 3.11's copy module makes them
# (immutable atoms returned as they are, containers rebuilt, __copy__/__deepcopy__
# honoured, the memo dict keyed by id, recursive structures kept recursive). A class
# without those hooks is copied through __reduce_ex__ if it defines one, else by a
# new instance (cls.__new__) that gets the instance's attributes.

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error   # backward compatibility


def _names(*names):
    # The types among these that this gilvm has (bytes, complex may not exist yet).
    out = []
    for n in names:
        try:
            out.append(eval(n))
        except Exception:
            pass
    return tuple(out)


_IMMUTABLE = _names("type(None)", "int", "float", "bool", "complex", "str", "bytes",
                    "frozenset", "type", "range", "slice", "property",
                    "type(Ellipsis)", "type(NotImplemented)", "type(len)",
                    "type(lambda: 0)")


def copy(x):
    """Shallow copy operation on arbitrary Python objects."""
    cls = type(x)
    if cls in _IMMUTABLE or cls is tuple:
        return x
    if cls is list:
        return x[:]
    if cls is dict:
        return x.copy()
    if cls is set:
        return x.copy()
    if issubclass(cls, type):
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    return _reconstruct_copy(x, cls, None)


def _reconstruct_copy(x, cls, memo):
    rv = _reduce(x, cls)
    if rv is not None:
        if isinstance(rv, str):
            return x
        return _reconstruct(x, memo, *rv)
    if isinstance(x, BaseException):
        y = cls(*x.args)
        _set_state(y, _instance_state(x), memo)
        return y
    try:
        state = x.__dict__
    except AttributeError:
        raise Error("un(shallow)copyable object of type %s" % cls) from None
    y = cls.__new__(cls)
    _set_state(y, state, memo)
    return y


def _reduce(x, cls):
    # What the class's __reduce_ex__(4) or __reduce__ says (deque, defaultdict,
    # OrderedDict rebuild themselves through __reduce__); None without either.
    reductor = _class_attr(cls, "__reduce_ex__")
    if reductor is not None:
        return reductor(x, 4)
    reductor = _class_attr(cls, "__reduce__")
    if reductor is not None:
        return reductor(x)
    return None


def _class_attr(cls, name):
    # A hook the class (not object) defines.
    for c in cls.__mro__:
        if c is object:
            return None
        if name in c.__dict__:
            return c.__dict__[name]
    return None


def _instance_state(x):
    try:
        return x.__dict__
    except AttributeError:
        return {}


def _set_state(y, state, memo):
    if memo is not None:
        state = deepcopy(state, memo)
    setstate = getattr(y, "__setstate__", None)
    if setstate is not None and _class_attr(type(y), "__setstate__") is not None:
        setstate(state)
        return
    if state:
        for k, v in state.items():
            object.__setattr__(y, k, v)


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects."""
    if memo is None:
        memo = {}

    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y

    cls = type(x)
    if cls in _IMMUTABLE and cls is not frozenset:
        y = x
    elif cls is frozenset:
        # CPython rebuilds frozensets (through __reduce_ex__): a new object.
        y = frozenset([deepcopy(a, memo) for a in x])
    elif cls is list:
        y = []
        memo[d] = y
        append = y.append
        for a in x:
            append(deepcopy(a, memo))
    elif cls is tuple:
        y = [deepcopy(a, memo) for a in x]
        # The tuple may already be in the memo through a recursive reference.
        try:
            return memo[d]
        except KeyError:
            pass
        for k, j in zip(x, y):
            if k is not j:
                y = tuple(y)
                break
        else:
            y = x
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is set:
        y = {deepcopy(a, memo) for a in x}
    elif issubclass(cls, type):
        y = x
    else:
        copier = getattr(x, "__deepcopy__", None)
        if copier is not None and _class_attr(cls, "__deepcopy__") is not None:
            y = copier(memo)
        else:
            y = _reconstruct_deep(x, cls, memo, d)

    # Atoms are not memoised.
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)  # Make sure x lives at least as long as d
    return y


def _reconstruct_deep(x, cls, memo, d):
    rv = _reduce(x, cls)
    if rv is not None:
        if isinstance(rv, str):
            return x
        return _reconstruct(x, memo, *rv)
    if isinstance(x, BaseException):
        y = cls(*deepcopy(x.args, memo))
        memo[d] = y
        _set_state(y, _instance_state(x), memo)
        return y
    try:
        state = x.__dict__
    except AttributeError:
        raise Error("un(deep)copyable object of type %s" % cls) from None
    y = cls.__new__(cls)
    memo[d] = y
    _set_state(y, state, memo)
    return y


def _keep_alive(x, memo):
    """Keeps a reference to the object x in the memo, so that its id is not reused
    while the copy runs."""
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None,
                 *, deepcopy=deepcopy):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y

    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        if hasattr(y, '__setstate__'):
            y.__setstate__(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                for k, v in state.items():
                    object.__setattr__(y, k, v)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)

    if listiter is not None:
        if deep:
            for item in listiter:
                item = deepcopy(item, memo)
                y.append(item)
        else:
            for item in listiter:
                y.append(item)
    if dictiter is not None:
        if deep:
            for key, value in dictiter:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
                y[key] = value
        else:
            for key, value in dictiter:
                y[key] = value
    return y
