# The default exception handler logs on the 'asyncio' logger, as CPython's does: a
# program that configures logging sees asyncio's errors in its own format and
# handlers (and can silence them by level), and the exception rides on the record.
import asyncio
import logging
import sys


class Show(logging.Handler):
    def emit(self, record):
        exc = record.exc_info[1] if record.exc_info else None
        # The first line, without the source path (absolute under python3).
        first = record.getMessage().splitlines()[0].split(" at /")[0]
        lines = len(record.getMessage().splitlines())
        print(f"[{record.levelname} {record.name}] {first!r} +{lines - 1} exc={exc!r}")


log = logging.getLogger("asyncio")
log.addHandler(Show())
log.propagate = False


async def fails():
    raise KeyError("lost")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(lambda: 1 / 0)
    await asyncio.sleep(0)
    loop.call_exception_handler({"message": "custom report", "detail": 42})
    asyncio.create_task(fails())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    log.setLevel(logging.CRITICAL)
    loop.call_soon(lambda: [][1])
    await asyncio.sleep(0)
    print("silenced by level")


asyncio.run(main())
