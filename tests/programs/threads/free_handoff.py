# Objects made on one thread and let go on another: each is freed once, when its
# last reference goes, whichever thread held it. Under `gilvm run --gil off` this
# drives the biased reference counts (src/vm/brc.rs): a count raised by the owner
# and dropped elsewhere is merged by the owner, or at once once the owner has ended.
import queue
import threading
import weakref

lock = threading.Lock()
freed = []


class Item:
    def __init__(self, n):
        self.n = n
        self.payload = [n, str(n), (n, n)]

    def __del__(self):
        with lock:
            freed.append(self.n)


# 1. Producer and consumer: every item made by one thread is dropped by the other.
N = 2000
q = queue.Queue(maxsize=50)
total = []


def producer():
    for i in range(N):
        q.put(Item(i))
    q.put(None)


def consumer():
    s = 0
    while True:
        x = q.get()
        if x is None:
            break
        s += x.n
        x = None
    total.append(s)


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("sum", total[0], "expected", N * (N - 1) // 2)
print("freed", len(freed), "of", N, "distinct", len(set(freed)))

# 2. Made by a thread that has ended, dropped by the main thread: freed at once.
kept = []
t = threading.Thread(target=lambda: kept.append(Item(-1)))
t.start()
t.join()
freed.clear()
print("dropping the ended thread's item")
kept.clear()
print("freed after drop:", freed)

# 3. A weak reference made here to an object a worker made and dropped: the
# callback runs once and the reference is dead afterwards.
calls = []
box = []
ready = threading.Event()
go = threading.Event()


def maker():
    box.append(Item(7))
    ready.set()
    go.wait()
    box.clear()


t = threading.Thread(target=maker)
t.start()
ready.wait()
w = weakref.ref(box[0], lambda r: calls.append("callback"))
go.set()
t.join()
print("weakref dead:", w() is None, "callbacks:", calls)

# 4. Counts raised on many threads at once and given back: the object outlives
# them all and is freed only when the last reference here goes.
shared = Item(99)
freed.clear()


def borrow():
    for _ in range(5000):
        refs = [shared, shared, shared]
        del refs


workers = [threading.Thread(target=borrow) for _ in range(4)]
for t in workers:
    t.start()
for t in workers:
    t.join()
print("still alive:", freed == [], shared.n)
del shared
print("freed at last:", freed)
