# queue.Queue keeps its items in a deque and PriorityQueue in a heapq heap, as
# CPython's do: scripts read q.queue under q.mutex, and equal priorities come out
# in heapq's order.
import queue
q = queue.Queue()
for i in range(5):
    q.put(i)
q.get()
print(type(q.queue).__name__, list(q.queue), q.qsize())
with q.mutex:
    q.queue.clear()
print(q.empty())
pq = queue.PriorityQueue()
class K:
    def __init__(self, p, n): self.p = p; self.n = n
    def __lt__(self, o): return self.p < o.p
for i, p in enumerate([3, 1, 2, 1, 3, 1, 2]):
    pq.put(K(p, i))
print([(k.p, k.n) for k in pq.queue])
print([(lambda k: (k.p, k.n))(pq.get()) for _ in range(7)])
