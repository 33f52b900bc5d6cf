# A blocking call inside a coroutine stalls every task on the loop: time.sleep holds
# the only thread. asyncio.sleep gives the loop back; asyncio.to_thread moves the
# blocking call to a worker thread (which, under the GIL, can wait in parallel).
# Verdicts come from the measured times with wide margins, so the output is fixed.
import asyncio
import time

N = 3
NAP = 0.2


async def ticker(ticks):
    while True:
        await asyncio.sleep(0.02)
        ticks.append(1)


async def with_time_sleep():
    time.sleep(NAP)


async def with_asyncio_sleep():
    await asyncio.sleep(NAP)


async def with_to_thread():
    await asyncio.to_thread(time.sleep, NAP)


async def measure(label, job):
    ticks = []
    t = asyncio.create_task(ticker(ticks))
    await asyncio.sleep(0)
    start = time.monotonic()
    await asyncio.gather(*(job() for _ in range(N)))
    elapsed = time.monotonic() - start
    t.cancel()
    serial = elapsed >= N * NAP * 0.9
    overlapped = elapsed < N * NAP * 0.7
    verdict = "one after another" if serial else ("overlapped" if overlapped else "unclear")
    ticked = "the ticker was frozen" if len(ticks) == 0 else "the ticker kept ticking"
    print(f"{label:<22} {N} naps of {NAP} s ran {verdict}; {ticked}")


async def main():
    await measure("time.sleep:", with_time_sleep)
    await measure("asyncio.sleep:", with_asyncio_sleep)
    await measure("asyncio.to_thread:", with_to_thread)


asyncio.run(main())
