# Known gap: a failed task whose exception nobody read is reported when it is freed
# ("Task exception was never retrieved", from the future's finalizer). gilvm runs
# __del__, but its native Future core (_asyncio._FutureCore) has no finalizer yet, so
# nothing is printed.
# stderr: ValueError: never read
import asyncio


async def fails():
    raise ValueError("never read")


async def main():
    asyncio.create_task(fails())
    await asyncio.sleep(0.01)
    print("main done")


asyncio.run(main())
