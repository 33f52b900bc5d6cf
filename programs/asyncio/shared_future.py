# One future awaited by several tasks: when its result is set, every waiter gets the
# same value, in the order they started waiting, and so does every done-callback.
import asyncio


async def waiter(name, fut, log):
    log.append(f"{name} waits")
    value = await fut
    log.append(f"{name} got {value!r}")
    return value


async def fetch(log):
    log.append("fetch starts")
    await asyncio.sleep(0.01)
    log.append("fetch done")
    return {"rows": 3}


async def main():
    loop = asyncio.get_running_loop()
    log = []

    # A plain future, set by hand.
    fut = loop.create_future()
    fut.add_done_callback(lambda f: log.append(f"callback 1 got {f.result()!r}"))
    tasks = [asyncio.create_task(waiter(f"task {i}", fut, log)) for i in range(3)]
    fut.add_done_callback(lambda f: log.append(f"callback 2 got {f.result()!r}"))
    await asyncio.sleep(0)
    loop.call_later(0.01, fut.set_result, 42)
    results = await asyncio.gather(*tasks)
    print("\n".join(log))
    print("results:", results)

    # One coroutine turned into a task, shared: it runs once, all awaiters see its value.
    log.clear()
    shared = asyncio.ensure_future(fetch(log))
    results = await asyncio.gather(*(waiter(f"reader {i}", shared, log) for i in range(3)))
    print("\n".join(log))
    print("fetch ran once:", log.count("fetch starts") == 1, "| all equal:", results[0] is results[1] is results[2])

    # A callback added after the future is done still runs (soon, not at once).
    late = []
    fut.add_done_callback(lambda f: late.append(f.result()))
    print("late callback before yielding:", late)
    await asyncio.sleep(0)
    print("late callback after yielding:", late)


asyncio.run(main())
