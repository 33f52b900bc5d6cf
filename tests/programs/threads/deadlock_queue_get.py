# deadlock_queue_get.py -- queue.get() on an empty queue with no producer,
# after a consumer thread has finished. gilvm reports the deadlock, exits 1.
# exit: 1
# (print uses flush=True: the watchdog exits without flushing stdout, see tests/threads.rs)
# python3: skip (CPython hangs forever)
import queue
import threading

q = queue.Queue()


def producer():
    q.put(1)


t = threading.Thread(target=producer)
t.start()
t.join()
print("got", q.get())
print("waiting for a second item nobody will put", flush=True)
q.get()
print("not reached")
