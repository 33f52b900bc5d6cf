# Threads and loops together: call_soon_threadsafe waking a loop blocked in its
# selector, run_coroutine_threadsafe, to_thread and run_in_executor, one loop per thread,
# and the debug-mode check for non-thread-safe calls. Waits have generous deadlines.
import asyncio
import threading
import time


async def wake_from_thread():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def other():
        time.sleep(0.05)
        loop.call_soon_threadsafe(fut.set_result, "woken by thread")

    t = threading.Thread(target=other)
    t.start()
    # The loop has nothing else to do: it blocks in select() until the thread wakes it.
    print(await asyncio.wait_for(fut, 10))
    t.join()


async def executor_work():
    def blocking(n):
        time.sleep(0.02)
        return n * n

    print(await asyncio.to_thread(blocking, 7))
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, blocking, 3))
    print(sorted(await asyncio.gather(*(asyncio.to_thread(blocking, i) for i in range(5)))))

    def raises():
        raise ValueError("in thread")

    try:
        await asyncio.to_thread(raises)
    except ValueError as e:
        print("to_thread raised", repr(e))


def loop_in_thread(results, i):
    async def job():
        await asyncio.sleep(0.01)
        return (i, threading.current_thread().name, asyncio.get_running_loop() is not None)

    results.append(asyncio.run(job()))


def run_coroutine_from_thread():
    loop = asyncio.new_event_loop()
    t = threading.Thread(target=loop.run_forever)
    t.start()

    async def add(a, b):
        await asyncio.sleep(0.01)
        return a + b

    cf = asyncio.run_coroutine_threadsafe(add(2, 3), loop)
    print("run_coroutine_threadsafe:", cf.result(timeout=10))

    async def bad():
        raise KeyError("remote")

    cf = asyncio.run_coroutine_threadsafe(bad(), loop)
    try:
        cf.result(timeout=10)
    except KeyError as e:
        print("remote error:", repr(e))
    loop.call_soon_threadsafe(loop.stop)
    t.join()
    loop.close()
    print("loop closed:", loop.is_closed())


async def non_thread_safe_check():
    loop = asyncio.get_running_loop()
    errors = []

    def other():
        try:
            loop.call_soon(print, "should not run")
        except RuntimeError as e:
            errors.append(str(e))

    t = threading.Thread(target=other)
    t.start()
    t.join()
    print(errors)


asyncio.run(wake_from_thread())
asyncio.run(executor_work())
results = []
threads = [threading.Thread(target=loop_in_thread, args=(results, i), name=f"loop{i}") for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results))
run_coroutine_from_thread()
asyncio.run(non_thread_safe_check(), debug=True)
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)


async def nested():
    c = asyncio.sleep(0)
    try:
        asyncio.run(c)
    except RuntimeError as e:
        print("RuntimeError:", e)
    c.close()

asyncio.run(nested())
