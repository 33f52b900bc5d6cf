# Known gap: a failed task whose exception nobody read is reported when it is freed
# ("Task exception was never retrieved", from Future.__del__ in asyncio.py). gilvm runs
# no __del__ yet (the object-model branch adds it), so nothing is printed.
# stderr: ValueError: never read
import asyncio


async def fails():
    raise ValueError("never read")


async def main():
    asyncio.create_task(fails())
    await asyncio.sleep(0.01)
    print("main done")


asyncio.run(main())
