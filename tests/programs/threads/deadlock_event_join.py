# deadlock_event_join.py -- the main thread joins a thread that waits on an
# Event nobody sets. gilvm reports the deadlock and exits 1.
# exit: 1
# (print uses flush=True: the watchdog exits without flushing stdout, see tests/threads.rs)
# python3: skip (CPython hangs forever)
import threading

never = threading.Event()


def waiter():
    print("waiter: waiting for the event", flush=True)
    never.wait()
    print("not reached")


t = threading.Thread(target=waiter, name="waiter")
t.start()
t.join()
print("not reached")
