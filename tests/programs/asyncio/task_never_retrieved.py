# A failed task whose exception nobody read is reported when it is freed: here when
# the only reference, `t`, is deleted, and for a task nobody kept at all as soon as
# it finishes. A task whose exception was read, or that is still referenced, is not.
import asyncio


def handler(loop, context):
    print("handler:", context["message"], repr(context["exception"]))


async def fails(msg):
    raise ValueError(msg)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)

    t = asyncio.create_task(fails("kept, then deleted"))
    await asyncio.sleep(0)
    print("finished:", t.done())
    del t
    print("after del")

    asyncio.create_task(fails("never kept"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("after sleeps")

    t = asyncio.create_task(fails("read"))
    await asyncio.sleep(0)
    print("exception:", repr(t.exception()))
    del t
    print("after del of a read task")

    kept = [asyncio.create_task(fails(f"in a list {i}")) for i in range(3)]
    await asyncio.sleep(0)
    print("pending tasks:", len(asyncio.all_tasks()))
    print("done in list:", [t.done() for t in kept])
    kept.clear()
    print("after clear")

    # many short tasks: the registry stays small (it is compacted) and all finish
    for i in range(200):
        await asyncio.create_task(asyncio.sleep(0))
    print("tasks after 200:", len(asyncio.all_tasks()))


asyncio.run(main())
