# concurrent.futures.ThreadPoolExecutor: submit, map, results and exceptions, thread
# names, max_workers, the context manager and shutdown; ordering driven by Events.
import concurrent.futures as cf
import os
import threading
from concurrent.futures import ThreadPoolExecutor


def square(x):
    return x * x


def name_of(_):
    return threading.current_thread().name


with ThreadPoolExecutor(max_workers=3) as ex:
    f = ex.submit(square, 7)
    print(f.result(), f.done(), f.running(), f.cancelled(), f.exception())
    print(list(ex.map(square, range(10))))
    print(list(ex.map(pow, [2, 3, 4], [5, 6, 7])))
    print(ex.submit(lambda *a, **k: (a, sorted(k.items())), 1, 2, x=3).result())
    print(ex._max_workers, len(ex._threads) <= 3)
    print(ex.submit(name_of, 0).result().startswith("ThreadPoolExecutor-"))

print(ThreadPoolExecutor()._max_workers == min(32, (os.cpu_count() or 1) + 4))

# Names: ThreadPoolExecutor-N_K, or the prefix given.
with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pool") as ex:
    print(ex.submit(name_of, 0).result())
ex = ThreadPoolExecutor(max_workers=2)
n = int(ex._thread_name_prefix.split("-")[1])
first = ex.submit(name_of, 0).result()
print(first == "ThreadPoolExecutor-%d_0" % n)
ex.shutdown()
print(ThreadPoolExecutor()._thread_name_prefix == "ThreadPoolExecutor-%d" % (n + 1))


def fail(msg):
    raise ValueError(msg)


with ThreadPoolExecutor(max_workers=2) as ex:
    bad = ex.submit(fail, "boom")
    print(repr(bad.exception()), bad.done())
    try:
        bad.result()
    except ValueError as e:
        print("result raised", e)
    try:
        list(ex.map(fail, ["in map"]))
    except ValueError as e:
        print("map raised", e)

# Every worker used once the first ones are kept busy.
release = threading.Event()
started = threading.Barrier(4)


def busy(k):
    started.wait()
    release.wait()
    return k


with ThreadPoolExecutor(max_workers=3) as ex:
    fs = [ex.submit(busy, k) for k in range(3)]
    started.wait()
    print(sorted(f.running() for f in fs), len(ex._threads))
    release.set()
    print([f.result() for f in fs])
    print(sorted(t.name.split("_")[1] for t in ex._threads))

for bad_args in [dict(max_workers=0), dict(max_workers=-1), dict(initializer=5)]:
    try:
        ThreadPoolExecutor(**bad_args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
ex.shutdown()
try:
    ex.submit(square, 1)
except RuntimeError as e:
    print(e)
init_log = []
with ThreadPoolExecutor(max_workers=1, initializer=init_log.append, initargs=("init",)) as ex:
    print(ex.submit(square, 3).result(), init_log)


def bad_init():
    raise OSError("no")


import logging
logging.getLogger("concurrent.futures").addHandler(logging.NullHandler())
logging.getLogger("concurrent.futures").propagate = False
ex = ThreadPoolExecutor(max_workers=1, initializer=bad_init)
try:
    ex.submit(square, 2).result()
except cf.thread.BrokenThreadPool as e:
    print(type(e).__name__, e)
print(issubclass(cf.thread.BrokenThreadPool, cf.BrokenExecutor), cf.TimeoutError is TimeoutError)
print(sorted(cf.__all__))
