# An asyncio.Queue belongs to its loop. A thread calling q.put_nowait directly changes
# the queue, but the loop sleeping in its selector is not told: the waiting consumer
# gets the item only when something else wakes the loop (here a 1 s timer).
# loop.call_soon_threadsafe runs the put on the loop's thread and wakes the loop at once.
# In debug mode the loop's non-thread-safe methods (call_soon here) raise when called
# from another thread.
import asyncio
import threading
import time


async def consume(q, started):
    item = await q.get()
    return item, time.monotonic() - started


async def trial(how):
    loop = asyncio.get_running_loop()
    q = asyncio.Queue()
    timer = asyncio.create_task(asyncio.sleep(1.0))   # the only other wake-up
    started = time.monotonic()
    consumer = asyncio.create_task(consume(q, started))
    await asyncio.sleep(0)
    errors = []

    def producer():
        time.sleep(0.05)
        try:
            if how == "direct":
                q.put_nowait("item")
            elif how == "call_soon":
                loop.call_soon(q.put_nowait, "item")
            else:
                loop.call_soon_threadsafe(q.put_nowait, "item")
        except RuntimeError as e:
            errors.append(str(e))
            loop.call_soon_threadsafe(q.put_nowait, "item")

    t = threading.Thread(target=producer)
    t.start()
    item, latency = await consumer
    t.join()
    timer.cancel()
    when = "only when the timer woke the loop" if latency > 0.5 else "at once"
    return f"got {item!r} {when}", errors


async def main():
    print("put_nowait from a thread:          ", (await trial("direct"))[0])
    print("call_soon_threadsafe from a thread:", (await trial("threadsafe"))[0])


asyncio.run(main())


async def debug_main():
    outcome, errors = await trial("call_soon")
    print("debug mode, loop.call_soon from a thread raises:", errors)
    print("  then call_soon_threadsafe:", outcome)


asyncio.run(debug_main(), debug=True)
