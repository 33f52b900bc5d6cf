# sync_condition.py -- workload for scripts/sync-bench: round trips per second of
# two threads that take turns through one threading.Condition (ping-pong):
# each waits until it is its turn, passes the turn and notifies.
# sys.argv[1] = round trips (default 2000). The turn count is checked.
# Prints ok=1, items, seconds and rate.
# output: varies
import sys
import threading
import time

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
cond = threading.Condition()
state = {"turn": 0, "passes": 0}


def player(me):
    for _ in range(rounds):
        with cond:
            while state["turn"] != me:
                cond.wait()
            state["turn"] = 1 - me
            state["passes"] += 1
            cond.notify()


threads = [threading.Thread(target=player, args=(k,)) for k in (0, 1)]
t0 = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
dt = time.perf_counter() - t0
ok = state["passes"] == 2 * rounds and state["turn"] == 0
print("ok=" + ("1" if ok else "0"))
print("items=" + str(rounds))
print("seconds=" + format(dt, ".6f"))
print("rate=" + format(rounds / dt, ".0f"))
if not ok:
    sys.exit(1)
