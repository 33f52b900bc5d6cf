# In asyncio only `await` can switch tasks: a read-modify-write with no await inside is
# atomic without a lock, and one with an await between the read and the write loses
# updates, every time, in the same way.
import asyncio

TASKS = 10
ROUNDS = 1000
counter = 0


async def safe_increment():
    global counter
    for _ in range(ROUNDS):
        counter += 1             # no await between read and write: atomic
        await asyncio.sleep(0)   # switch points are only here


async def unsafe_increment():
    global counter
    for _ in range(ROUNDS):
        value = counter          # read
        await asyncio.sleep(0)   # every other task runs here and reads the same value
        counter = value + 1      # write: the others' increments are overwritten


async def locked_increment(lock):
    global counter
    for _ in range(ROUNDS):
        async with lock:         # the fix when an await must sit inside
            value = counter
            await asyncio.sleep(0)
            counter = value + 1


async def run(label, make):
    global counter
    counter = 0
    await asyncio.gather(*(make() for _ in range(TASKS)))
    expected = TASKS * ROUNDS
    lost = expected - counter
    print(f"{label:<34} counter = {counter:>5} of {expected} ({lost} lost)")


async def main():
    await run("no await between read and write:", safe_increment)
    await run("await between read and write:", unsafe_increment)
    lock = asyncio.Lock()
    await run("await inside an asyncio.Lock:", lambda: locked_increment(lock))


asyncio.run(main())
