# A metaclass's __prepare__ may return any mapping: the class body stores, loads and
# deletes names through its __setitem__/__getitem__/__delitem__ (a KeyError from
# __getitem__ falls back to the globals and builtins), as CPython 3.11's does.
log = []
glob = "a global"


class Recorder:
    def __init__(self):
        self.data = {}

    def __setitem__(self, k, v):
        if k in self.data and not k.startswith("__"):
            raise TypeError(f"{k!r} defined twice")
        log.append(("set", k))
        self.data[k] = v

    def __getitem__(self, k):
        log.append(("get", k))
        return self.data[k]

    def __delitem__(self, k):
        log.append(("del", k))
        del self.data[k]


class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        log.append(("prepare", name, kw))
        return Recorder()

    def __new__(mcls, name, bases, ns, **kw):
        log.append(("new", type(ns).__name__))
        return super().__new__(mcls, name, bases, dict(ns.data))


def outer():
    free = "a free variable"

    class C(metaclass=Meta, flag=1):
        "the doc"
        x = 1
        y = x + 1
        z = glob
        w = len
        tmp = 0
        del tmp
        f = free

        def method(self):
            return self.x

        @classmethod
        def __init_subclass__(cls, **kw):
            pass

    return C


C = outer()
for entry in log:
    print(entry)
print(C.__doc__, C.x, C.y, C.z, C.w is len, C.f, C().method(), hasattr(C, "tmp"))
print(C.__qualname__, C.__module__)
log.clear()
try:
    class Twice(metaclass=Meta):
        a = 1
        a = 2
except TypeError as e:
    print("TypeError:", e)


class D(dict):
    def __setitem__(self, k, v):
        log.append(("D.set", k))
        super().__setitem__(k, v)


class MetaD(type):
    def __prepare__(name, bases):
        return D()


log.clear()


class E(metaclass=MetaD):
    q = 5


print(log, E.q)


class Bad(type):
    def __prepare__(name, bases):
        return 42


try:
    class F(metaclass=Bad):
        pass
except TypeError as e:
    print("TypeError:", e)
try:
    class G(metaclass=Meta):
        print(undefined_name)
except NameError as e:
    print("NameError:", e)
