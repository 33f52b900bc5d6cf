# Futures and tasks: results, exceptions, callbacks in order, cancellation thrown at the
# await point, uncancel, names, current_task/all_tasks, awaiting a finished task.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(fut.done(), fut.cancelled(), repr(fut))
    try:
        fut.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    order = []
    fut.add_done_callback(lambda f: order.append(("cb1", f.result())))
    fut.add_done_callback(lambda f: order.append(("cb2", f.result())))
    loop.call_soon(fut.set_result, 7)
    print("awaited", await fut, repr(fut))
    await asyncio.sleep(0)
    print(order)
    try:
        fut.set_result(8)
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)

    f2 = loop.create_future()
    f2.set_exception(ValueError("bad"))
    try:
        await f2
    except ValueError as e:
        print("raised", repr(e), repr(f2.exception()))

    # Cancellation arrives at the await point, as CancelledError.
    log = []

    async def victim():
        try:
            log.append("start")
            await asyncio.sleep(10)
            log.append("never")
        except asyncio.CancelledError as e:
            log.append(("cancelled", e.args))
            raise
        finally:
            log.append("finally")

    t = asyncio.create_task(victim(), name="victim")
    await asyncio.sleep(0)
    print(t.get_name(), t.done(), t.cancelling())
    print(t.cancel("stop it"), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("outer got CancelledError", e.args)
    print(log, t.cancelled(), t.done())
    print(t.cancel())

    # A task that catches cancellation and carries on, then uncancels.
    async def stubborn():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            me = asyncio.current_task()
            print("stubborn caught, cancelling =", me.cancelling())
            print("uncancel ->", me.uncancel())
        return "survived"

    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t.cancel()
    print(await t, t.cancelled())

    # current_task and all_tasks
    me = asyncio.current_task()
    print(me.get_name(), type(me).__name__, me in asyncio.all_tasks())
    me.set_name("renamed")
    print(me.get_name())
    waiters = [asyncio.create_task(asyncio.sleep(0.01, result=i), name=f"w{i}") for i in range(3)]
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    print([await w for w in waiters])
    print(len(asyncio.all_tasks()))

    # Exceptions of tasks propagate to the awaiter.
    async def boom():
        await asyncio.sleep(0)
        raise KeyError("k")

    t = asyncio.create_task(boom())
    try:
        await t
    except KeyError as e:
        print("task raised", repr(e), repr(t.exception()))

    # Futures are awaitable many times and by many tasks.
    shared = loop.create_future()

    async def reader(i):
        return (i, await shared)

    readers = [asyncio.create_task(reader(i)) for i in range(3)]
    await asyncio.sleep(0)
    shared.set_result("data")
    print(await asyncio.gather(*readers))
    print(await shared, await shared)

    print(asyncio.isfuture(shared), asyncio.isfuture(1))
    c = boom()
    print(asyncio.iscoroutine(c), asyncio.iscoroutinefunction(boom), asyncio.iscoroutinefunction(print))
    c.close()
    t = asyncio.ensure_future(asyncio.sleep(0, "ensured"))
    print(type(t).__name__, await t)
    return "done"


print(asyncio.run(main()))
