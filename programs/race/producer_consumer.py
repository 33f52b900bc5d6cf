# producer_consumer.py -- a queue with timed gets, an Event and a Condition
# under a deterministic schedule: every wait, timeout and sleep happens in
# virtual time, so the output (including the timestamps) is the same on
# every run of the same SPEC.
#   gilvm run --schedule pct:3 programs/race/producer_consumer.py
# output: varies
import queue
import threading
import time

q = queue.Queue(maxsize=2)
done = threading.Event()
log = []


def producer():
    for i in range(5):
        q.put(i)
        time.sleep(0.01)
    done.set()


def consumer():
    while not (done.is_set() and q.empty()):
        try:
            item = q.get(timeout=0.005)
        except queue.Empty:
            log.append("timeout")
            continue
        log.append(f"got {item}")


t0 = time.monotonic()
threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(" ".join(log))
print(f"virtual seconds: {time.monotonic() - t0:.6f}")
