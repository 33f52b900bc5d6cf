# run_in_executor, wrap_future and run_coroutine_threadsafe use the real
# concurrent.futures.Future, as CPython's asyncio does.
import asyncio
import concurrent.futures
import threading


def blocking(x):
    return x * 2, threading.current_thread().name.startswith("asyncio_")


async def coro(x):
    await asyncio.sleep(0)
    return x + 1


def in_thread(loop, out):
    fut = asyncio.run_coroutine_threadsafe(coro(41), loop)
    out.append(type(fut) is concurrent.futures.Future)
    out.append(fut.result(timeout=30))


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(None, blocking, 21)
    print(type(fut).__name__, isinstance(fut, asyncio.Future))
    print(await fut)

    cf = concurrent.futures.Future()
    wrapped = asyncio.wrap_future(cf)
    print(type(wrapped).__name__, asyncio.wrap_future(wrapped) is wrapped)
    cf.set_result("from cf")
    print(await wrapped)

    cf2 = concurrent.futures.Future()
    w2 = asyncio.wrap_future(cf2)
    w2.cancel()
    await asyncio.sleep(0)
    print("cf cancelled:", cf2.cancelled())

    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as ex:
        print(await loop.run_in_executor(ex, blocking, 5))

    out = []
    t = threading.Thread(target=in_thread, args=(loop, out))
    t.start()
    while t.is_alive():
        await asyncio.sleep(0.01)
    t.join()
    print(out)

    try:
        asyncio.wrap_future(42)
    except AssertionError as e:
        print("AssertionError:", e)

    cf3 = concurrent.futures.Future()
    try:
        cf3.result(timeout=0)
    except TimeoutError as e:
        print("TimeoutError", type(e) is TimeoutError)
    cf3.cancel()
    try:
        cf3.result()
    except concurrent.futures.CancelledError as e:
        print("concurrent CancelledError", isinstance(e, asyncio.CancelledError))


asyncio.run(main())
