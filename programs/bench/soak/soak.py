# soak.py -- workload for scripts/soak and tests/robustness.rs: rounds of the
# things a long-running threaded program does (threads started and joined,
# queues, threading.local values, exceptions with tracebacks, files written and
# read back, locks, conditions, events, semaphores), each round checked, until
# sys.argv[1] seconds have passed or sys.argv[2] rounds are done (when given, the
# time is ignored: a fixed amount of work). After each round it prints
# `round=N rss_kb=R threads=T` (VmRSS and the OS thread count from
# /proc/self/status), so a leak shows as a slope; at the end `rounds=N ok=1`.
# output: varies
# args: 0 3
import os
import queue
import sys
import threading
import time

seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
max_rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 0
WORKERS = 8
ITEMS = 200
tmpdir = os.environ.get("TMPDIR", "/tmp")
local = threading.local()


def status():
    rss = threads = -1
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("Threads:"):
                threads = int(line.split()[1])
    return rss, threads


class Failure(Exception):
    pass


def nested(n):
    if n == 0:
        raise Failure("deep")
    return nested(n - 1)


def worker(w, q, results, sem, cond, box):
    # A threading.local value of ~100 KB per thread: it must go when the thread ends.
    local.buf = "x" * 100000
    local.w = w
    got = 0
    for i in range(ITEMS):
        q.put((w, i))
    try:
        nested(20)
    except Failure as e:
        tb = e.__traceback__
        depth = 0
        while tb is not None:
            depth += 1
            tb = tb.tb_next
        got += depth
    path = os.path.join(tmpdir, "gilvm_soak_%d_%d.txt" % (os.getpid(), w))
    with open(path, "w") as f:
        for i in range(50):
            f.write("line %d of worker %d\n" % (i, w))
    with open(path) as f:
        lines = f.read().splitlines()
    os.remove(path)
    with sem:
        with cond:
            box.append(len(lines) + got + len(local.buf) // 100000 + (local.w == w))
            cond.notify_all()
    results[w] = True


def consumer(q, total, out):
    seen = 0
    while seen < total:
        w, i = q.get()
        seen += 1
        q.task_done()
    out.append(seen)


def one_round():
    q = queue.Queue(maxsize=64)
    results = [False] * WORKERS
    sem = threading.Semaphore(3)
    cond = threading.Condition()
    box = []
    done = threading.Event()
    out = []
    c = threading.Thread(target=consumer, args=(q, WORKERS * ITEMS, out))
    c.start()
    ts = [threading.Thread(target=worker, args=(w, q, results, sem, cond, box)) for w in range(WORKERS)]
    for t in ts:
        t.start()
    with cond:
        while len(box) < WORKERS:
            cond.wait()
    for t in ts:
        t.join()
    q.join()
    c.join()
    done.set()
    # 50 lines + 22 traceback entries + 1 (the local's size) + 1 (its w)
    return all(results) and box == [74] * WORKERS and out == [WORKERS * ITEMS] and done.is_set()


t0 = time.monotonic()
rounds = 0
ok = True
while True:
    if max_rounds:
        if rounds >= max_rounds:
            break
    elif time.monotonic() - t0 >= seconds:
        break
    if not one_round():
        ok = False
        print("round %d failed" % rounds, flush=True)
        break
    rounds += 1
    rss, threads = status()
    print("round=%d rss_kb=%d threads=%d active=%d" % (rounds, rss, threads, threading.active_count()), flush=True)
print("rounds=%d ok=%d" % (rounds, 1 if ok else 0))
if not ok:
    sys.exit(1)
