# A failed task whose exception nobody read is reported when it is freed (here as
# soon as it finishes: nothing else holds it) by the default exception handler, on
# stderr through the 'asyncio' logger: "Task exception was never retrieved", the
# task's repr and the traceback.
# stderr: ValueError: never read
import asyncio


async def fails():
    raise ValueError("never read")


async def main():
    asyncio.create_task(fails())
    await asyncio.sleep(0.01)
    print("main done")


asyncio.run(main())
