# Each thread can run its own event loop: asyncio.run in a thread makes a new loop
# there. Loops never share tasks; each thread's tasks switch only at its awaits,
# while the threads themselves switch under the GIL.
import asyncio
import threading

results = {}


async def job(thread_no, i):
    await asyncio.sleep(0.01 * (3 - i))
    return f"job {i}"


async def thread_main(thread_no):
    loop = asyncio.get_running_loop()
    done = []
    for coro in asyncio.as_completed([job(thread_no, i) for i in range(3)]):
        done.append(await coro)
    return loop, done


def run_loop(thread_no):
    results[thread_no] = asyncio.run(thread_main(thread_no))


threads = [threading.Thread(target=run_loop, args=(n,), name=f"loop-thread-{n}") for n in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()

for n in sorted(results):
    loop, done = results[n]
    print(f"thread {n}: completion order {done}, loop closed: {loop.is_closed()}")
loops = [results[n][0] for n in results]
print("distinct loops:", len({id(l) for l in loops}))
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("main thread, outside any loop:", e)
