# A threading.local subclass: its __init__ runs in the creating thread at creation,
# then again, with the original arguments, in each other thread on its first use of
# the object (CPython's _thread._local); each thread sees its own attributes.
import threading

calls = []


class Loc(threading.local):
    kind = "class attribute"

    def __init__(self, v, *, tag="t"):
        calls.append((threading.current_thread().name, v, tag))
        self.v = v
        self.tag = tag
        self.items = []

    def add(self, x):
        self.items.append(x)
        return len(self.items)


loc = Loc(7, tag="seven")
loc.add("main")
loc.v = 8
seen = {}


def worker(n):
    seen[n] = (loc.v, loc.tag, loc.add(n), loc.add(n), loc.kind)
    loc.v = n


ts = [threading.Thread(target=worker, args=(i,), name="w%d" % i) for i in range(3)]
for t in ts:
    t.start()
    t.join()
print(sorted(seen.items()))
print(loc.v, loc.items, sorted(calls))
t = threading.Thread(target=lambda: print("sets first:", setattr(loc, "z", 1), loc.v, sorted(vars(loc))), name="w9")
t.start()
t.join()
print(hasattr(loc, "z"), sorted(vars(loc)))
try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)
plain = threading.local()
plain.a = 1
t = threading.Thread(target=lambda: print("plain in thread:", hasattr(plain, "a")))
t.start()
t.join()
print(plain.a)


class NoInit(threading.local):
    pass


try:
    NoInit(5)
except TypeError as e:
    print("TypeError:", e)
