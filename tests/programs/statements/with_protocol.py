# The context manager protocol: __enter__/__exit__ are looked up on the type, and
# objects without them raise TypeError with CPython's messages.
class OnlyEnter:
    def __enter__(self):
        return "entered"


class Manager:
    def __init__(self, log):
        self.log = log

    def __enter__(self):
        self.log.append("enter")
        return self

    def __exit__(self, t, v, tb):
        self.log.append("exit " + (t.__name__ if t else "None"))
        return t is KeyError


for obj in (1, "s", None, OnlyEnter()):
    try:
        with obj:
            print("body ran")
    except TypeError as e:
        print("TypeError:", e)

log = []
with Manager(log) as m:
    log.append("body")
with Manager(log):
    raise KeyError("swallowed")
try:
    with Manager(log):
        raise ValueError("passes")
except ValueError as e:
    log.append("caught " + str(e))
print(log)
print(isinstance(m, Manager))
