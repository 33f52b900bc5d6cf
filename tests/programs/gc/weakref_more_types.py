# weakref.ref to the object kinds CPython lets it refer to (modules, code objects,
# functools.partial, re patterns, deques, locks, memoryviews, ...), and CPython's
# TypeError for those it refuses.
import weakref, sys, functools, re, threading, collections, gc


def f():
    pass


class C:
    pass


class S:
    __slots__ = ()


async def co():
    pass


cands = [
    ("int", 1), ("str", "s"), ("bytes", b"x"), ("tuple", (1,)), ("list", [1]),
    ("dict", {}), ("set", {1}), ("frozenset", frozenset()), ("function", f),
    ("code", f.__code__), ("module", sys), ("partial", functools.partial(f)),
    ("class", C), ("instance", C()), ("slots", S()), ("builtin", len),
    ("generator", (x for x in [])), ("None", None), ("float", 1.5), ("range", range(3)),
    ("pattern", re.compile("a+")), ("bytearray", bytearray()),
    ("memoryview", memoryview(b"a")), ("lock", threading.Lock()),
    ("rlock", threading.RLock()), ("deque", collections.deque()), ("type", int),
    ("object", object()), ("slice", slice(1)), ("bool", True),
    ("coroutine", co()),
]
for name, obj in cands:
    try:
        r = weakref.ref(obj)
        print(name, "ok", r() is obj)
    except TypeError as e:
        print(name, "TypeError:", e)
cands[-1][1].close()

# The referent's death clears the reference and runs the callback.
gone = []
for name, make in [
    ("module", lambda: type(sys)("tmpmod")),
    ("code", lambda: compile("x = 1", "<s>", "exec")),
    ("partial", lambda: functools.partial(print, 1)),
    ("deque", lambda: collections.deque([1, 2])),
    ("lock", threading.Lock),
    ("memoryview", lambda: memoryview(bytearray(b"xy"))),
]:
    obj = make()
    r = weakref.ref(obj, lambda ref, name=name: gone.append(name))
    print(name, r() is obj, weakref.getweakrefcount(obj), weakref.ref(obj) is weakref.ref(obj))
    del obj
    gc.collect()
    print(name, r())
print(gone)

# A module in a cycle with a function of its own (its globals) is collected.
m = type(sys)("cyclic")
exec("def g(): pass", vars(m))
r = weakref.ref(m)
del m
gc.collect()
print(r())
d = weakref.WeakValueDictionary()
keep = re.compile("c")
d["kept"] = keep
d["dropped"] = collections.deque()
print(sorted(d.keys()))
p = functools.partial(f)
ws = weakref.WeakSet([p])
print(len(ws))
del p
gc.collect()
print(len(ws))
