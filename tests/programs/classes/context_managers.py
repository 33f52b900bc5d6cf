# Class-based context managers, used for resource tracking and error handling.
log = []
class Resource:
    open_count = 0
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        Resource.open_count += 1
        log.append("open " + self.name)
        return self
    def __exit__(self, et, ev, tb):
        Resource.open_count -= 1
        log.append("close " + self.name + (" after " + et.__name__ if et else ""))
        return False
def use(names, fail_at=None):
    with Resource(names[0]) as r1:
        with Resource(names[1]) as r2:
            if fail_at == r2.name:
                raise ValueError("bad " + r2.name)
            return r1.name + r2.name
print(use(["a", "b"]))
try:
    use(["c", "d"], fail_at="d")
except ValueError as e:
    print("caught:", e)
print(log)
print("open now:", Resource.open_count)
class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return None
    def __exit__(self, et, ev, tb):
        return et is not None and issubclass(et, self.types)
with Suppress(KeyError, IndexError):
    [][1]
print("IndexError suppressed")
with Suppress(KeyError):
    {}["x"]
print("KeyError suppressed")
try:
    with Suppress(KeyError):
        1 / 0
except ZeroDivisionError as e:
    print("not suppressed:", e)
class Timer:
    def __enter__(self):
        self.entered = True
        return self
    def __exit__(self, *exc):
        self.exited = True
with Timer() as t:
    pass
print(t.entered, t.exited)
class ExitSeesException:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print("exit saw:", et.__name__, ev.args, isinstance(ev, et), tb is not None)
        return True
with ExitSeesException():
    raise NotImplementedError("todo", 42)
def gen_in_with():
    with Resource("g"):
        for i in range(3):
            if i == 1:
                break
    return i
print(gen_in_with(), log[-2:])
