# switch_stress.py -- many threads, a tiny switch interval, lots of switching.
#
# The GIL asserts internally that it is never taken while held and never
# released by a thread that does not hold it; a broken hand-over would panic
# (exit 70 or 101). Sixteen threads mix CPU loops, allocation, list and dict
# mutation, lock-guarded counters and time.sleep(0) yields at a 50 us switch
# interval. tests/threads.rs also runs this file with --switch-interval 50us
# and --gil-stats.
import sys
import threading
import time

sys.setswitchinterval(0.00005)

THREADS = 16
# Long enough that threads overlap and the GIL is forced off a holder even when the
# machine is busy (tests/threads.rs asserts forced switches happened).
ITERS = 12000

lock = threading.Lock()
total = [0]
shared = []
table = {}


def work(k):
    acc = 0
    for i in range(ITERS):
        acc = (acc + i * k) % 1000003
        shared.append(i)
        table[i % 97] = k
        if i % 10 == 0:
            with lock:
                total[0] += 1
        # Rare enough that a holder runs for many 50 us intervals between yields,
        # so waiters time out and force switches even when yields are frequent.
        if i % 3000 == 0:
            time.sleep(0)
    with lock:
        total[0] += acc * 0


threads = [threading.Thread(target=work, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("guarded increments:", total[0], "expected", THREADS * ITERS // 10)
print("list appends:", len(shared), "expected", THREADS * ITERS)
print("dict keys:", len(table))
print("switch interval below 1 ms:", sys.getswitchinterval() < 0.001)
