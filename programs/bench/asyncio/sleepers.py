# N tasks (default 10,000; scripts/asyncio-bench uses 100,000) each sleeping 0.5 s at once: prints how many finished (checked) and,
# with `--report`, the total time from the first task created to the last one done.
import asyncio
import sys
import time

TASKS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10_000


async def sleeper(i):
    await asyncio.sleep(0.5)
    return 1


async def main():
    start = time.perf_counter()
    done = sum(await asyncio.gather(*(sleeper(i) for i in range(TASKS))))
    elapsed = time.perf_counter() - start
    print("finished:", done)
    if "--report" in sys.argv:
        print(f"total s: {elapsed:.3f}")


asyncio.run(main())
