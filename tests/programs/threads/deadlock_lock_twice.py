# deadlock_lock_twice.py -- a (non-reentrant) Lock acquired twice by the
# only thread. gilvm reports the deadlock and exits 1.
# exit: 1
# (print uses flush=True: the watchdog exits without flushing stdout, see tests/threads.rs)
# python3: skip (CPython hangs forever)
import threading

lock = threading.Lock()
lock.acquire()
print("acquired once", flush=True)
lock.acquire()
print("not reached")
