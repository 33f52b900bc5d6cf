# A finished future whose exception nobody retrieved is reported through the loop's
# exception handler when it is dropped (CPython's Future.__del__); retrieving it or
# clearing _log_traceback silences the report. A custom handler sees the context,
# the default one prints it on stderr (its last line is checked here).
# stderr: LookupError: plain
import asyncio


def handler(loop, context):
    print("handler:", context["message"])
    for key in sorted(context):
        if key != "message":
            print("   ", key, "=", repr(context[key]))


async def custom():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)

    f = loop.create_future()
    f.set_exception(RuntimeError("y"))
    del f
    print("after del future")

    f = loop.create_future()
    f.set_exception(KeyError("k"))
    print("retrieved:", repr(f.exception()))
    del f

    f = loop.create_future()
    f.set_exception(OSError("quiet"))
    f._log_traceback = False
    del f

    f = loop.create_future()
    f.set_result(1)
    del f
    print("after del quiet ones")
    loop.set_exception_handler(None)


async def default():
    f = asyncio.get_running_loop().create_future()
    f.set_exception(LookupError("plain"))
    del f
    print("after default")


asyncio.run(custom())
asyncio.run(default())
print("end")
