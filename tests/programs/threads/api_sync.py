# api_sync.py -- Condition, Event, Semaphore, BoundedSemaphore, Barrier.
#
# Each primitive is driven so that the printed facts do not depend on how
# the threads interleave (counts and final states, not arrival order).
import threading
import time

# Condition: wait(timeout) times out with False, wait_for, notify, notify_all.
cond = threading.Condition()
with cond:
    print("wait(0.02) with nobody notifying:", cond.wait(0.02))
    print("wait_for(true predicate):", cond.wait_for(lambda: True))
    print("wait_for(false predicate, 0.02):", cond.wait_for(lambda: False, 0.02))
try:
    cond.wait(0.01)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    cond.notify()
except RuntimeError as e:
    print("RuntimeError:", e)

items = []
woken = []
ready = [0]


def consumer(name):
    with cond:
        ready[0] += 1
        cond.notify_all()
        cond.wait_for(lambda: len(items) > 0)
        woken.append((name, items.pop()))


consumers = [threading.Thread(target=consumer, args=("c" + str(i),)) for i in range(4)]
for t in consumers:
    t.start()
with cond:
    cond.wait_for(lambda: ready[0] == 4)
    items.append(1)
    cond.notify()
while True:
    with cond:
        if len(woken) == 1:
            break
    time.sleep(0.001)
with cond:
    print("after notify(): consumers done:", len(woken), "items left:", len(items))
    items.extend([2, 3, 4])
    cond.notify_all()
for t in consumers:
    t.join()
print("after notify_all(): consumers done:", len(woken), "values:", sorted(v for n, v in woken))

# Condition over a plain Lock.
plain = threading.Condition(threading.Lock())
flag = []


def setter():
    with plain:
        flag.append(True)
        plain.notify()


with plain:
    threading.Thread(target=setter).start()
    print("Condition(Lock()).wait_for:", plain.wait_for(lambda: flag == [True], 5))

# Event
ev = threading.Event()
print("event is_set:", ev.is_set(), "wait(0.01):", ev.wait(0.01))
hits = []


def on_event(i):
    if ev.wait():
        hits.append(i)


ts = [threading.Thread(target=on_event, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
ev.set()
for t in ts:
    t.join()
print("event set, waiters released:", sorted(hits), "wait():", ev.wait(), "is_set:", ev.is_set())
ev.clear()
print("after clear:", ev.is_set(), ev.wait(0.01))

# Semaphore: at most 2 holders at once among 6 threads.
sem = threading.Semaphore(2)
guard = threading.Lock()
inside = [0]
most = [0]


def limited():
    with sem:
        with guard:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.005)
        with guard:
            inside[0] -= 1


ts = [threading.Thread(target=limited) for i in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("semaphore(2): most holders at once <= 2:", 1 <= most[0] <= 2)
s = threading.Semaphore(2)
print("acquire, acquire, acquire(blocking=False):", s.acquire(), s.acquire(), s.acquire(blocking=False))
print("acquire(timeout=0.02):", s.acquire(timeout=0.02))
s.release(2)
print("after release(2):", s.acquire(False), s.acquire(False), s.acquire(False))
try:
    threading.Semaphore(-1)
except ValueError as e:
    print("ValueError:", e)

b = threading.BoundedSemaphore(2)
b.acquire()
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)

# Barrier: every party passes once all have arrived; the action runs once.
actions = []
barrier = threading.Barrier(3, action=lambda: actions.append("action"))
indices = []
passed = []


def party(i):
    idx = barrier.wait()
    with guard:
        indices.append(idx)
        passed.append(i)


ts = [threading.Thread(target=party, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("barrier indices:", sorted(indices), "passed:", sorted(passed), "actions:", actions)
b2 = threading.Barrier(2, timeout=0.02)
try:
    b2.wait()
except threading.BrokenBarrierError:
    print("BrokenBarrierError after timeout")
