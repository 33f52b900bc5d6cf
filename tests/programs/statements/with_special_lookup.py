# `with` looks __enter__/__exit__ up on the type (CPython's special lookup), binds
# them as descriptors, and honours class changes between runs of one `with` line.
import threading


class Plain:
    pass


p = Plain()
p.__enter__ = lambda: 1
p.__exit__ = lambda *a: None
try:
    with p:
        print("entered")
except TypeError as e:
    print("TypeError:", e)


class OnlyEnter:
    def __enter__(self):
        return self


try:
    with OnlyEnter():
        pass
except TypeError as e:
    print("TypeError:", e)


class Descr:
    @staticmethod
    def __enter__():
        return "static enter"

    @classmethod
    def __exit__(cls, t, v, tb):
        print("classmethod exit", cls.__name__, t.__name__ if t else None)
        return True


with Descr() as v:
    print(v)
    raise ValueError("suppressed")
print("after suppressed")


class NoneExit:
    def __enter__(self):
        return self

    __exit__ = None


try:
    with NoneExit():
        print("body runs")
except TypeError as e:
    print("TypeError:", e)


class Counting:
    def __init__(self):
        self.log = []

    def __enter__(self):
        self.log.append("enter")
        return self

    def __exit__(self, *exc):
        self.log.append("exit")


def use(cm):
    with cm as c:
        return c


c = Counting()
for i in range(3):
    use(c)
    if i == 1:
        # A class change after the line has run: the next run must see it.
        Counting.__exit__ = lambda self, *exc: self.log.append("new exit")
print(c.log)


class Meta(type):
    def __enter__(cls):
        return "class as manager: " + cls.__name__

    def __exit__(cls, *exc):
        return False


class Managed(metaclass=Meta):
    pass


with Managed as m:
    print(m)


def returns_inside(lock):
    for i in range(5):
        with lock:
            if i == 3:
                return i, lock.locked()


lock = threading.Lock()
print(returns_inside(lock), lock.locked())


def nested_break():
    out = []
    for i in range(4):
        with Counting() as a, Counting() as b:
            if i == 2:
                break
            out.append(i)
        out.append((a.log, b.log))
    return out


print(nested_break())
