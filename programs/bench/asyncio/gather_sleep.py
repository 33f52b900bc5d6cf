# asyncio.gather over N bare asyncio.sleep(DELAY) coroutines (default 1,000 and 1 s;
# scripts/asyncio-bench uses 100,000): prints how many results came back (checked)
# and, with `--report`, the wall time from the gather call to its end.
import asyncio
import sys
import time

ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
TASKS = int(ARGS[0]) if ARGS else 1_000
DELAY = float(ARGS[1]) if len(ARGS) > 1 else 1.0


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(*(asyncio.sleep(DELAY) for _ in range(TASKS)))
    elapsed = time.perf_counter() - start
    print("results:", len(results), "all None:", all(r is None for r in results))
    if "--report" in sys.argv:
        print(f"total s: {elapsed:.3f}")


asyncio.run(main())
