# Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier; Queue, PriorityQueue and
# LifoQueue with maxsize, join and task_done. Tasks wake in FIFO order, so the output
# is fixed.
import asyncio


async def main():
    lock = asyncio.Lock()
    log = []

    async def locked_worker(i):
        async with lock:
            log.append(f"in{i}")
            await asyncio.sleep(0)
            log.append(f"out{i}")

    await asyncio.gather(*(locked_worker(i) for i in range(3)))
    print(log, lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)

    ev = asyncio.Event()
    got = []

    async def waiter(i):
        await ev.wait()
        got.append(i)

    ts = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print("before set", got, ev.is_set())
    ev.set()
    await asyncio.gather(*ts)
    print("after set", got)
    ev.clear()
    print(ev.is_set())

    cond = asyncio.Condition()
    items = []

    async def consumer(i):
        async with cond:
            await cond.wait_for(lambda: items)
            return (i, items.pop(0))

    cs = [asyncio.create_task(consumer(i)) for i in range(2)]
    await asyncio.sleep(0)
    async with cond:
        items.extend(["x", "y"])
        cond.notify_all()
    print(await asyncio.gather(*cs))
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError:", e)

    sem = asyncio.Semaphore(2)
    active = 0
    peak = 0

    async def limited():
        nonlocal active, peak
        async with sem:
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(0.001)
            active -= 1

    await asyncio.gather(*(limited() for _ in range(6)))
    print("peak", peak, sem.locked())
    bs = asyncio.BoundedSemaphore(1)
    await bs.acquire()
    bs.release()
    try:
        bs.release()
    except ValueError as e:
        print("ValueError:", e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError:", e)

    barrier = asyncio.Barrier(3)
    arrived = []

    async def party(i):
        arrived.append(i)
        idx = await barrier.wait()
        return idx, len(arrived)

    print(sorted(await asyncio.gather(*(party(i) for i in range(3)))))
    print(barrier.parties, barrier.n_waiting, barrier.broken)

    q = asyncio.Queue(maxsize=2)
    print(q.maxsize, q.empty(), q.full())
    await q.put(1)
    q.put_nowait(2)
    print(q.full(), q.qsize())
    try:
        q.put_nowait(3)
    except asyncio.QueueFull:
        print("QueueFull")
    print(await q.get(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")

    results = []

    async def producer():
        for i in range(5):
            await q.put(i)
            results.append(f"put{i}")

    async def worker():
        while True:
            item = await q.get()
            results.append(f"got{item}")
            q.task_done()

    for _ in range(2):
        q.task_done()
    w = asyncio.create_task(worker())
    await producer()
    await q.join()
    w.cancel()
    print(results)
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)

    pq = asyncio.PriorityQueue()
    for item in [(3, "c"), (1, "a"), (2, "b")]:
        pq.put_nowait(item)
    print([pq.get_nowait() for _ in range(3)])
    lq = asyncio.LifoQueue()
    for i in range(3):
        lq.put_nowait(i)
    print([lq.get_nowait() for _ in range(3)])

    # A getter cancelled while waiting leaves the queue usable.
    q2 = asyncio.Queue()
    g = asyncio.create_task(q2.get())
    await asyncio.sleep(0)
    g.cancel()
    await asyncio.sleep(0)
    q2.put_nowait("later")
    print(g.cancelled(), await q2.get())


asyncio.run(main())
