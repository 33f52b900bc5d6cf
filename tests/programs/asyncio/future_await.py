# Awaiting a future goes through its __await__ iterator (CPython's FutureIter): it
# yields the pending future once, then ends with the result or raises the exception.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    it = fut.__await__()
    print(type(it).__name__, iter(it) is it)
    print(next(it) is fut, fut._asyncio_future_blocking)
    try:
        next(it)
    except RuntimeError as e:
        print("RuntimeError:", e)
    fut._asyncio_future_blocking = False
    print(next(it) is fut)
    fut.set_result(7)
    try:
        it.send(None)
    except StopIteration as e:
        print("StopIteration", e.value)

    done = loop.create_future()
    done.set_exception(ValueError("boom"))
    try:
        next(done.__await__())
    except ValueError as e:
        print("ValueError:", e)

    cancelled = loop.create_future()
    cancelled.cancel("why")
    try:
        await cancelled
    except asyncio.CancelledError as e:
        print("CancelledError:", e)

    it2 = loop.create_future().__await__()
    try:
        it2.throw(KeyError("k"))
    except KeyError as e:
        print("thrown:", repr(e))
    it3 = loop.create_future().__await__()
    print(it3.send(None) is not None, it3.close())

    f = loop.create_future()
    loop.call_soon(f.set_result, "soon")
    print(await f, await f)

    # yield from a future inside a generator-based iterator (Future.__iter__)
    g = loop.create_future()

    def gen():
        return (yield from g)

    x = gen()
    print(x.send(None) is g)
    g.set_result("via __iter__")
    try:
        x.send(None)
    except StopIteration as e:
        print(e.value)

    # the task is cancelled while awaiting: the CancelledError comes out of the await
    async def waiter(fut):
        try:
            await fut
        except asyncio.CancelledError:
            return "cancelled at the await"

    w = loop.create_future()
    t = asyncio.ensure_future(waiter(w))
    await asyncio.sleep(0)
    t.cancel()
    print(await t, w.cancelled())

    for _ in range(3):
        await asyncio.sleep(0)
    print("sleep(0) result:", await asyncio.sleep(0, "r"), await asyncio.sleep(-1, 5))


asyncio.run(main())
