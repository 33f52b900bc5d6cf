# gather (return_exceptions), wait (return_when), wait_for, timeout/timeout_at, shield,
# as_completed and TaskGroup; every wait is driven by events or short sleeps whose
# order is fixed by their lengths, never by the machine's speed.
import asyncio


async def value(v, delay=0):
    await asyncio.sleep(delay)
    return v


async def fail(exc, delay=0):
    await asyncio.sleep(delay)
    raise exc


async def forever(log=None, name=""):
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        if log is not None:
            log.append(name)
        raise


async def main():
    print(await asyncio.gather(value(1, 0.02), value(2), value(3, 0.01)))
    print(await asyncio.gather())
    r = await asyncio.gather(value(1), fail(ValueError("x")), return_exceptions=True)
    print(r)
    try:
        await asyncio.gather(value(1), fail(KeyError("first")))
    except KeyError as e:
        print("gather raised", repr(e))
    g = asyncio.gather(forever(), forever())
    await asyncio.sleep(0)
    g.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather cancelled", g.cancelled())

    # wait
    loop = asyncio.get_running_loop()
    gates = [loop.create_future() for _ in range(3)]

    async def gated(i):
        await gates[i - 1]
        return i

    ts = [asyncio.create_task(gated(i)) for i in range(1, 4)]
    loop.call_soon(gates[0].set_result, None)
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print(sorted(t.result() for t in done), len(pending))
    for g in gates[1:]:
        g.set_result(None)
    done, pending = await asyncio.wait(ts)
    print(sorted(t.result() for t in done), len(pending))
    t1 = asyncio.create_task(fail(ValueError("e"), 0.01))
    t2 = asyncio.create_task(forever())
    done, pending = await asyncio.wait([t1, t2], return_when=asyncio.FIRST_EXCEPTION)
    print(done == {t1}, pending == {t2})
    done, pending = await asyncio.wait([t2], timeout=0.01)
    print(len(done), len(pending))
    t2.cancel()
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError:", e)
    c = value(1)
    try:
        await asyncio.wait([c])
    except TypeError as e:
        print("TypeError:", e)
    c.close()

    # wait_for
    print(await asyncio.wait_for(value("in time"), 5))
    log = []
    try:
        await asyncio.wait_for(forever(log, "wf"), 0.01)
    except asyncio.TimeoutError as e:
        print("wait_for timed out:", type(e).__name__, log, type(e.__cause__).__name__)
    print(await asyncio.wait_for(value("no timeout"), None))

    # timeout / timeout_at
    async with asyncio.timeout(5) as cm:
        await asyncio.sleep(0)
    print("timeout not expired:", cm.expired())
    try:
        async with asyncio.timeout(0.01) as cm:
            await forever(log, "to")
    except TimeoutError:
        print("timeout expired:", cm.expired(), log)
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout_at(loop.time() + 0.01):
            await forever()
    except TimeoutError:
        print("timeout_at expired")
    async with asyncio.timeout(None) as cm:
        print("when:", cm.when())
        cm.reschedule(loop.time() + 3600)
        print("rescheduled:", cm.when() is not None)

    # shield: the outer await is cancelled, the inner task goes on.
    inner = asyncio.create_task(value("shielded", 0.02))
    outer = asyncio.shield(inner)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled, inner done:", inner.done())
    print(await inner)

    # as_completed yields in completion order.
    order = []
    for coro in asyncio.as_completed([value("slow", 0.03), value("fast", 0.01), value("mid", 0.02)]):
        order.append(await coro)
    print(order)
    try:
        for coro in asyncio.as_completed([forever()], timeout=0.01):
            await coro
    except TimeoutError:
        print("as_completed timed out")

    # TaskGroup
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(value("a", 0.01))
        b = tg.create_task(value("b"))
    print(a.result(), b.result())
    log = []
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(forever(log, "sibling"))
            tg.create_task(fail(ValueError("one")))
            tg.create_task(fail(TypeError("two")))
    except* ValueError as eg:
        print("except* ValueError", [repr(e) for e in eg.exceptions])
    except* TypeError as eg:
        print("except* TypeError", [repr(e) for e in eg.exceptions])
    print("siblings cancelled:", log)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail(RuntimeError("r")))
    except ExceptionGroup as eg:
        print(eg, eg.exceptions)
    tg = asyncio.TaskGroup()
    c = value(1)
    try:
        tg.create_task(c)
    except RuntimeError as e:
        print("RuntimeError:", str(e).replace(repr(tg), "<tg>"))
    c.close()


asyncio.run(main())
