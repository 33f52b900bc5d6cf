# Task-switch throughput: two tasks hand control back and forth with asyncio.sleep(0).
# Prints the switch count (checked) and, with `--report`, switches per second.
import asyncio
import sys
import time

SWITCHES = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 200_000


async def player(state, n):
    for _ in range(n):
        state[0] += 1
        await asyncio.sleep(0)


async def main():
    state = [0]
    start = time.perf_counter()
    await asyncio.gather(player(state, SWITCHES // 2), player(state, SWITCHES // 2))
    elapsed = time.perf_counter() - start
    print("switches:", state[0])
    if "--report" in sys.argv:
        print(f"switches/s: {state[0] / elapsed:.0f}")


asyncio.run(main())
