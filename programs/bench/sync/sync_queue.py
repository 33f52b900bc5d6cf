# sync_queue.py -- workload for scripts/sync-bench: items per second through one
# queue.Queue(maxsize=100) with P producer and P consumer threads
# (sys.argv[1] = P, default 2; sys.argv[2] = items per producer, default 2000).
# Every item is checked: each consumer sums what it got, and the sums must add
# up to what the producers put. Prints ok=1, items, seconds and rate.
# output: varies
import queue
import sys
import threading
import time

pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 2
per = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
q = queue.Queue(maxsize=100)
sums = [0] * pairs


def produce(k):
    base = k * per
    for i in range(per):
        q.put(base + i)


def consume(k):
    s = 0
    for _ in range(per):
        s += q.get()
    sums[k] = s


threads = [threading.Thread(target=produce, args=(k,)) for k in range(pairs)]
threads += [threading.Thread(target=consume, args=(k,)) for k in range(pairs)]
t0 = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
dt = time.perf_counter() - t0
n = pairs * per
ok = sum(sums) == n * (n - 1) // 2 and q.empty()
print("ok=" + ("1" if ok else "0"))
print("items=" + str(n))
print("seconds=" + format(dt, ".6f"))
print("rate=" + format(n / dt, ".0f"))
if not ok:
    sys.exit(1)
