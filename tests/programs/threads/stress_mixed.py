# stress_mixed.py -- 200 threads doing mixed work over one shared heap.
#
# Every thread allocates nested objects, appends to a shared list, stores into
# and deletes from a shared dict, pops from a shared pool, bumps lock-guarded
# counters, sleeps briefly and puts items on a bounded queue.Queue that four
# consumer threads drain. Single list/dict operations are atomic under the GIL
# and the counters are guarded by a Lock, so every total is exact and the
# shared containers are consistent afterwards, however the threads interleave.
import sys
import threading
import queue
import time

N = 200
ROUNDS = 20
CONSUMERS = 4
POOL_EACH = 50

lock = threading.Lock()
counts = {"rounds": 0, "sleeps": 0}
ok_flags = []
shared_list = []
shared_dict = {}
pool = list(range(N * POOL_EACH))
popped = []
q = queue.Queue(maxsize=50)
consumed = []
start = threading.Barrier(N + 1)


def worker(k):
    start.wait()
    mine = []
    for r in range(ROUNDS):
        obj = {"k": k, "r": r, "data": [k * r, str(k), (k, r)], "s": "x" * (r + 1)}
        mine.append(obj)
        shared_list.append(k * ROUNDS + r)
        shared_dict[(k, r)] = len(obj["s"])
        with lock:
            counts["rounds"] += 1
        if r % 5 == 0:
            time.sleep(0.001)
            with lock:
                counts["sleeps"] += 1
        if r % 4 == 0:
            q.put(k * 1000 + r)
    for r in range(0, ROUNDS, 2):
        del shared_dict[(k, r)]
    got = []
    for i in range(POOL_EACH):
        got.append(pool.pop())
    ok = True
    for o in mine:
        if o["k"] != k or o["data"][1] != str(k) or o["data"][2] != (k, o["r"]):
            ok = False
        if len(o["s"]) != o["r"] + 1:
            ok = False
    with lock:
        ok_flags.append(ok)
        popped.extend(got)


def consumer():
    n = 0
    total = 0
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        n += 1
        total += item
        q.task_done()
    with lock:
        consumed.append((n, total))


def main():
    consumers = [threading.Thread(target=consumer) for i in range(CONSUMERS)]
    for c in consumers:
        c.start()
    workers = [threading.Thread(target=worker, args=(k,)) for k in range(N)]
    for t in workers:
        t.start()
    print("workers started:", len(workers))
    start.wait()
    for t in workers:
        t.join()
    q.join()
    for c in consumers:
        q.put(None)
    for c in consumers:
        c.join()
    print("all threads finished:", not any(t.is_alive() for t in workers + consumers))
    print("lock-guarded rounds:", counts["rounds"], "expected", N * ROUNDS)
    print("lock-guarded sleeps:", counts["sleeps"], "expected", N * 4)
    print("every thread's own objects intact:", len(ok_flags) == N and all(ok_flags))
    print("shared list length:", len(shared_list))
    print("shared list holds each value once:", sorted(shared_list) == list(range(N * ROUNDS)))
    print("shared dict length:", len(shared_dict), "expected", N * ROUNDS // 2)
    print("dict keys are the odd rounds:", all(r % 2 == 1 for (k, r) in shared_dict))
    print("dict values consistent:", all(v == r + 1 for (k, r), v in shared_dict.items()))
    print("pool empty:", pool == [])
    print("each pool item popped once:", sorted(popped) == list(range(N * POOL_EACH)))
    n = sum(c[0] for c in consumed)
    total = sum(c[1] for c in consumed)
    print("queue items consumed:", n, "expected", N * 5)
    print("sum of queue items:", total, "expected", 5000 * sum(range(N)) + N * 40)
    print("consumers that reported:", len(consumed))
    print("queue empty:", q.empty(), "unfinished:", q.unfinished_tasks)


main()
