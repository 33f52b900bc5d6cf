# An exception in a callback goes to the loop's exception handler (the default one
# prints it on stderr) and the loop keeps running.
# stderr: ZeroDivisionError: division by zero
import asyncio


def bad():
    1 / 0


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(bad)
    await asyncio.sleep(0.01)
    print("loop still running")


asyncio.run(main())
print("done")
