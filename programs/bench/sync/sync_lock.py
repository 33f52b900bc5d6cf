# sync_lock.py -- workload for scripts/sync-bench: increments per second of one
# counter shared by N threads (sys.argv[1], default 4), each doing sys.argv[2]
# (default 5000) `with lock: counter += 1`. The lock is contended whenever the
# GIL switches while a thread holds it. The final count is checked.
# Prints ok=1, items, seconds and rate.
# output: varies
import sys
import threading
import time

nthreads = int(sys.argv[1]) if len(sys.argv) > 1 else 4
per = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
lock = threading.Lock()
counter = [0]


def work():
    c = counter
    for _ in range(per):
        with lock:
            c[0] += 1


threads = [threading.Thread(target=work) for _ in range(nthreads)]
t0 = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
dt = time.perf_counter() - t0
n = nthreads * per
ok = counter[0] == n and not lock.locked()
print("ok=" + ("1" if ok else "0"))
print("items=" + str(n))
print("seconds=" + format(dt, ".6f"))
print("rate=" + format(n / dt, ".0f"))
if not ok:
    sys.exit(1)
