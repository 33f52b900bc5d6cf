# concurrent.futures: Future states and callbacks, cancel, wait with each return_when,
# as_completed, map and result timeouts, shutdown(cancel_futures=True). Every order is
# forced with Events, so nothing depends on timing.
import threading
from concurrent.futures import (ThreadPoolExecutor, Future, wait, as_completed,
                                FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED,
                                CancelledError, TimeoutError, InvalidStateError)

f = Future()
print(f.done(), f.running(), f.cancelled(), repr(f).split(" state=")[1])
log = []
f.add_done_callback(lambda fut: log.append(("cb1", fut.result())))
print(f.set_running_or_notify_cancel(), f.running(), f.cancel())
f.set_result(42)
print(log, f.result(), repr(f).split(" state=")[1])
f.add_done_callback(lambda fut: log.append("late callback runs at once"))
print(log[-1])
try:
    f.set_result(1)
except InvalidStateError as e:
    print("InvalidStateError", str(e).split(":")[0])
g = Future()
print(g.cancel(), g.cancelled(), g.done(), g.cancel())
for meth in (g.result, g.exception):
    try:
        meth()
    except CancelledError as e:
        print(type(e).__module__, type(e).__name__, repr(e))
print(g.set_running_or_notify_cancel())
h = Future()
h.set_exception(KeyError("k"))
print(repr(h.exception()), repr(h).split(" state=")[1])
try:
    Future().result(timeout=0)
except TimeoutError as e:
    print("TimeoutError", repr(e))

gate = threading.Event()
started = threading.Event()


def blocker():
    started.set()
    gate.wait()
    return "blocker"


def quick(x):
    return x


def fail():
    raise RuntimeError("failed")


with ThreadPoolExecutor(max_workers=1) as ex:
    b = ex.submit(blocker)
    queued = ex.submit(quick, 1)
    started.wait()
    print(b.running(), b.cancel(), queued.cancel(), queued.cancelled())
    done, not_done = wait([b, queued], timeout=0.01)
    print(sorted(map(id, done)) == [id(queued)], not_done == {b})
    gate.set()
    print(b.result(), wait([b, queued]).not_done)

gate.clear()
started.clear()
with ThreadPoolExecutor(max_workers=2) as ex:
    slow = ex.submit(blocker)
    fast = ex.submit(quick, 2)
    done, not_done = wait([slow, fast], return_when=FIRST_COMPLETED)
    print(done == {fast}, not_done == {slow})
    boom = ex.submit(fail)
    done, not_done = wait([slow, boom], return_when=FIRST_EXCEPTION)
    print(done == {boom}, not_done == {slow})
    print(list(as_completed([fast])) == [fast])
    it = as_completed([slow, fast], timeout=0.05)
    print(next(it) is fast)
    try:
        next(it)
    except TimeoutError as e:
        print("as_completed:", e)
    results = ex.map(lambda x: blocker() if x else x, [0, 1], timeout=0.05)
    print(next(results))
    try:
        next(results)
    except TimeoutError as e:
        print("map:", type(e).__name__)
    gate.set()
    done, not_done = wait([slow, fast, boom], return_when=ALL_COMPLETED)
    print(len(done), not_done, sorted(str(f.result()) for f in as_completed([slow, fast])))
    try:
        wait([slow], return_when="SOMETIMES")
    except ValueError as e:
        print(e)

gate.clear()
started.clear()
ex = ThreadPoolExecutor(max_workers=1)
b = ex.submit(blocker)
rest = [ex.submit(quick, k) for k in range(3)]
started.wait()
ex.shutdown(wait=False, cancel_futures=True)
print([r.cancelled() for r in rest], b.cancelled())
gate.set()
ex.shutdown(wait=True)
print(b.result(), b.done())


class Custom(Future):
    pass


print(repr(Custom()).startswith("<Custom at 0x"), repr(Custom()).endswith(" state=pending>"))
