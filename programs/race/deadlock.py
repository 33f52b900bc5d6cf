# deadlock.py -- two threads take two locks in opposite orders. Whether they
# deadlock depends on the interleaving: under --schedule the same SPEC always
# gives the same answer. The threads are daemons and the main thread joins
# them with a timeout, so the program ends (here and under python3) and says
# what happened; with untimed joins a deterministic run reports the deadlock
# with the schedule that led to it.
#   gilvm run --schedule rr:1 programs/race/deadlock.py
# output: varies
import threading
import time

a = threading.Lock()
b = threading.Lock()
both_started = threading.Barrier(2)


def one():
    both_started.wait()
    with a:
        time.sleep(0.001)  # holding a: the other thread takes b meanwhile
        with b:
            pass


def two():
    both_started.wait()
    with b:
        time.sleep(0.001)
        with a:
            pass


threads = [threading.Thread(target=f, daemon=True) for f in (one, two)]
for t in threads:
    t.start()
for t in threads:
    t.join(timeout=1.0)
stuck = [t for t in threads if t.is_alive()]
print("deadlock: both threads wait for the other's lock" if stuck else "no deadlock this time")
