# sync_threads.py -- workload for scripts/sync-bench: threads per second started
# and joined one at a time (sys.argv[1] threads, default 1000), the pattern of a
# program that hands each small job to a new Thread. Each thread records its own
# index; every index is checked. Also run with a batch (sys.argv[2], default 1):
# that many threads started before any is joined.
# Prints ok=1, items (threads), seconds and rate.
# output: varies
import sys
import threading
import time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
batch = int(sys.argv[2]) if len(sys.argv) > 2 else 1
seen = [0] * n


def job(i):
    seen[i] += 1


t0 = time.perf_counter()
i = 0
while i < n:
    ts = [threading.Thread(target=job, args=(j,)) for j in range(i, min(n, i + batch))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    i += batch
dt = time.perf_counter() - t0
ok = seen == [1] * n and threading.active_count() == 1
print("ok=" + ("1" if ok else "0"))
print("items=" + str(n))
print("seconds=" + format(dt, ".6f"))
print("rate=" + format(n / dt, ".0f"))
if not ok:
    sys.exit(1)
