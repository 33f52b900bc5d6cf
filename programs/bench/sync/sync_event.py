# sync_event.py -- workload for scripts/sync-bench: wake-ups per second when one
# thread sets a threading.Event that N threads (sys.argv[1], default 8) wait on,
# for R rounds (sys.argv[2], default 200). Each round has its own Event; the last
# waiter to wake sets the round's `done` Event, which the setter waits for before
# the next round. Every wake-up is counted and checked.
# Prints ok=1, items (wake-ups), seconds and rate.
# output: varies
import sys
import threading
import time

waiters = int(sys.argv[1]) if len(sys.argv) > 1 else 8
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 200
go = [threading.Event() for _ in range(rounds)]
done = [threading.Event() for _ in range(rounds)]
woken = [0] * rounds
lock = threading.Lock()


def waiter():
    for r in range(rounds):
        go[r].wait()
        with lock:
            woken[r] += 1
            last = woken[r] == waiters
        if last:
            done[r].set()


threads = [threading.Thread(target=waiter) for _ in range(waiters)]
for t in threads:
    t.start()
t0 = time.perf_counter()
for r in range(rounds):
    go[r].set()
    done[r].wait()
dt = time.perf_counter() - t0
for t in threads:
    t.join()
n = waiters * rounds
ok = woken == [waiters] * rounds
print("ok=" + ("1" if ok else "0"))
print("items=" + str(n))
print("seconds=" + format(dt, ".6f"))
print("rate=" + format(n / dt, ".0f"))
if not ok:
    sys.exit(1)
