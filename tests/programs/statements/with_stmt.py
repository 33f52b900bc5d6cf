# with statement: enter/exit order, exceptions, suppression, nesting.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            print("exit", self.name, "cleanly")
        else:
            print("exit", self.name, "with", exc_type.__name__, exc)
        return self.suppress
with CM("a") as v:
    print("body got", v)
with CM("outer") as o, CM("inner") as i:
    print("both", o, i)
with CM("s", suppress=True):
    print("before raise")
    raise ValueError("swallowed")
    print("not reached")
print("after suppressed")
try:
    with CM("n"):
        raise KeyError("k")
except KeyError as e:
    print("caught outside", repr(e))
def early():
    with CM("ret"):
        return "returned"
print(early())
for i in range(3):
    with CM("loop" + str(i)):
        if i == 0:
            continue
        if i == 1:
            break
print("loop done, i =", i)
with CM("x") as val:
    pass
print(val)
class Falsy:
    def __enter__(self):
        return self
    def __exit__(self, *args):
        print("exit args count", len(args), args[0] is None)
        return None
with Falsy() as f:
    print(type(f).__name__)
try:
    with CM("outer2", suppress=False):
        with CM("inner2", suppress=True):
            raise RuntimeError("inner problem")
        print("after inner with")
        raise OSError("outer problem")
except OSError as e:
    print("caught", type(e).__name__, e)
