# api_queue.py -- queue.Queue with a bounded size, and its exceptions.
#
# put/get/put_nowait/get_nowait (FIFO order), qsize/empty/full, Full and
# Empty (also with timeouts), task_done/join with a worker thread, and
# task_done called too often.
import queue
import threading

q = queue.Queue(maxsize=2)
print("empty:", q.empty(), "full:", q.full(), "qsize:", q.qsize())
q.put("a")
q.put_nowait("b")
print("empty:", q.empty(), "full:", q.full(), "qsize:", q.qsize())
try:
    q.put_nowait("c")
except queue.Full:
    print("put_nowait on a full queue: Full")
try:
    q.put("c", timeout=0.02)
except queue.Full:
    print("put(timeout=0.02) on a full queue: Full")
try:
    q.put("c", block=False)
except queue.Full:
    print("put(block=False) on a full queue: Full")
print("get:", q.get(), q.get_nowait())
try:
    q.get_nowait()
except queue.Empty:
    print("get_nowait on an empty queue: Empty")
try:
    q.get(timeout=0.02)
except queue.Empty:
    print("get(timeout=0.02) on an empty queue: Empty")
try:
    q.get(False)
except queue.Empty:
    print("get(False) on an empty queue: Empty")
try:
    q.get(timeout=-1)
except ValueError as e:
    print("ValueError:", e)

# A blocked put() proceeds when a consumer makes room; FIFO order is kept.
out = []
q2 = queue.Queue(maxsize=3)


def drain():
    while True:
        item = q2.get()
        if item is None:
            q2.task_done()
            break
        out.append(item * 10)
        q2.task_done()


w = threading.Thread(target=drain)
w.start()
for i in range(20):
    q2.put(i)
q2.join()
print("join() returned after all tasks done:", out == [i * 10 for i in range(20)])
q2.put(None)
w.join()
print("unfinished tasks:", q2.unfinished_tasks, "qsize:", q2.qsize())
try:
    q2.task_done()
except ValueError as e:
    print("ValueError:", e)

u = queue.Queue()
for i in range(1000):
    u.put(i)
print("unbounded full():", u.full(), "qsize:", u.qsize())
print("fifo:", [u.get() for i in range(1000)] == list(range(1000)))

lq = queue.LifoQueue()
pq = queue.PriorityQueue()
for x in [3, 1, 2]:
    lq.put(x)
    pq.put(x)
print("lifo:", [lq.get() for i in range(3)], "priority:", [pq.get() for i in range(3)])
