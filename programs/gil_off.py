# gil_off.py -- the same threads with a GIL and without one.
#
# Run it both ways:
#   gilvm run programs/gil_off.py             (the GIL, as CPython 3.11)
#   gilvm run --gil off programs/gil_off.py   (free-threaded: no GIL at all)
#
# 1. Four threads each add 1 to a shared counter 200000 times (`counter += 1`: a
#    load, an add and a store). With a GIL, gilvm may switch threads between any
#    two instructions (--switch-points every), so updates may be lost; without
#    one, the threads run at the same time and many more are lost. The GIL never
#    made `counter += 1` safe: only a Lock does (the second count stays exact).
# 2. CPU-bound work split over two threads: with a GIL the two take turns and the
#    pair is no faster than one thread; without one they run on two cores at once
#    (given two idle cores) and take about half the time.
#
# sys._is_gil_enabled() is CPython 3.13's way to ask; 3.11 has no such function
# (and always a GIL). Output: the counts and times vary from run to run.
# output: varies
import sys
import threading
import time

gil = getattr(sys, "_is_gil_enabled", lambda: True)()
print("GIL enabled:", gil)

THREADS = 4
PER_THREAD = 200000
counter = 0
locked_counter = 0
lock = threading.Lock()


def add():
    global counter
    for _ in range(PER_THREAD):
        counter += 1


def add_locked():
    global locked_counter
    for _ in range(PER_THREAD):
        with lock:
            locked_counter += 1


for target in (add, add_locked):
    threads = [threading.Thread(target=target) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
total = THREADS * PER_THREAD
print(f"counter += 1:           {total - counter} of {total} updates lost")
print(f"with a Lock around it:  {total - locked_counter} of {total} updates lost")


def spin(n):
    s = 0
    for i in range(n):
        s += i % 7
    return s


def timed(nthreads, n):
    threads = [threading.Thread(target=spin, args=(n,)) for _ in range(nthreads)]
    w0, c0 = time.perf_counter(), time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - w0, time.process_time() - c0


N = 1000000
one, _ = timed(1, 2 * N)
two, cpu = timed(2, N)
print(f"the same work in 2 threads took {two / one:.2f} x the time of 1 thread, "
      f"{cpu / two:.1f} cores busy")
