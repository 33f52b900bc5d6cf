# api_locks.py -- threading.Lock and threading.RLock.
#
# acquire(blocking=False), acquire(timeout=...), locked(), with, release of
# an unlocked lock, release by another thread (allowed for Lock), argument
# errors, and RLock re-entry and ownership.
import threading

lock = threading.Lock()
print("locked initially:", lock.locked())
print("acquire:", lock.acquire())
print("locked:", lock.locked())
print("acquire(blocking=False) while held:", lock.acquire(blocking=False))
print("acquire(False) while held:", lock.acquire(False))
print("acquire(timeout=0.05) while held:", lock.acquire(timeout=0.05))
lock.release()
print("locked after release:", lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
with lock:
    print("inside with, locked:", lock.locked())
print("after with, locked:", lock.locked())
try:
    with lock:
        raise KeyError("x")
except KeyError:
    print("with released on exception:", not lock.locked())
for bad in [(False, 1), (True, -2)]:
    try:
        lock.acquire(bad[0], bad[1])
    except ValueError as e:
        print("ValueError:", e)

# A Lock may be released by a thread other than the one that acquired it.
lock.acquire()
t = threading.Thread(target=lock.release)
t.start()
t.join()
print("released by another thread:", not lock.locked())

# A waiter blocked in acquire() gets the lock once it is released.
order = []
lock.acquire()


def waiter():
    with lock:
        order.append("waiter got it")


w = threading.Thread(target=waiter)
w.start()
order.append("main releases")
lock.release()
w.join()
print(order)

r = threading.RLock()
print("rlock acquire x3:", r.acquire(), r.acquire(), r.acquire(blocking=False))
res = []
other = threading.Thread(target=lambda: res.append(r.acquire(blocking=False)))
other.start()
other.join()
print("other thread acquire(blocking=False):", res)
r.release()
r.release()
res2 = []
other = threading.Thread(target=lambda: res2.append(r.acquire(timeout=0.02)))
other.start()
other.join()
print("still held after 2 of 3 releases:", res2)
r.release()
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
with r:
    with r:
        print("nested with on RLock works")
res3 = []


def take_release():
    res3.append(r.acquire(blocking=False))
    r.release()


other = threading.Thread(target=take_release)
other.start()
other.join()
print("free after nested with:", res3)
