# gil-off: skip (the order of the first lines is what the GIL hand-over after start() gives)
# threading features beyond the basics: Timer, excepthook, Condition.notifyAll,
# get_native_id/native_id, settrace/setprofile (kept, never called), start()
# returning only once the new thread runs, RLock ownership, a Condition over a
# lock written in Python, and threading.local per thread.
import threading

# start() returns after the new thread has run up to its first blocking point.
log = []
for i in range(5):
    t = threading.Thread(target=log.append, args=("thread " + str(i),))
    t.start()
    log.append("main " + str(i))
    t.join()
print(log)

# native ids: ints, the main thread's is the main thread object's, others differ.
ids = []
t = threading.Thread(target=lambda: ids.append(threading.get_native_id()))
print("before start:", t.native_id)
t.start()
t.join()
print(type(threading.get_native_id()).__name__, threading.main_thread().native_id == threading.get_native_id())
print(ids == [t.native_id], t.native_id != threading.get_native_id())

# excepthook: replaced, receives the exception and the thread; restored.
seen = []
def hook(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.thread.name,
                 args.exc_traceback is not None))
threading.excepthook = hook
def fail():
    raise KeyError("k")
t = threading.Thread(target=fail, name="failing")
t.start()
t.join()
threading.excepthook = threading.__excepthook__
print(seen)

# Timer fires once; a cancelled Timer never does.
fired = []
tm = threading.Timer(0.01, fired.append, args=["fired"])
tm.start()
tm.join()
tm2 = threading.Timer(30, fired.append, args=["never"])
tm2.start()
tm2.cancel()
tm2.join()
print(fired, tm2.finished.is_set())

# notifyAll is notify_all.
cond = threading.Condition()
with cond:
    cond.notifyAll()
    cond.notify_all()
    cond.notify(5)
try:
    cond.notify()
except RuntimeError as e:
    print("RuntimeError:", e)

# settrace/setprofile hooks are stored and returned.
threading.settrace(print)
threading.setprofile(len)
print(threading.gettrace() is print, threading.getprofile() is len)
threading.settrace(None)
threading.setprofile(None)

# RLock: reentrant for its owner only.
r = threading.RLock()
with r:
    with r:
        print("owned twice:", r._is_owned())
print("owned after:", r._is_owned())
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)

# A Condition over a lock implemented in Python.
class PyLock:
    def __init__(self):
        self._l = threading.Lock()
        self.calls = 0
    def acquire(self, blocking=True, timeout=-1):
        self.calls += 1
        return self._l.acquire(blocking, timeout)
    def release(self):
        self._l.release()
    def __enter__(self):
        return self.acquire()
    def __exit__(self, *a):
        self.release()

pl = PyLock()
pc = threading.Condition(pl)
box = []
def producer():
    with pc:
        box.append("item")
        pc.notify()
with pc:
    t = threading.Thread(target=producer)
    t.start()
    got = pc.wait_for(lambda: box, timeout=30)
t.join()
print("custom lock:", got, pl.calls >= 2)
with pc:
    print("timed out:", pc.wait(0.01))

# threading.local: each thread its own values.
loc = threading.local()
loc.x = "main"
out = []
def worker(n):
    out.append(hasattr(loc, "x"))
    loc.x = n
    out.append(loc.x)
ts = [threading.Thread(target=worker, args=(n,)) for n in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(out, loc.x)
try:
    loc.missing
except AttributeError as e:
    print("AttributeError:", e)
