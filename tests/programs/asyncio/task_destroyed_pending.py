# gil-off: skip (needs the cycle collector, which --gil off does not run)
# "Task was destroyed but it is pending!": the loop is closed with a task still
# waiting; the task and the future it waits on form a cycle, freed by the cycle
# collector (here gc.collect(), and at interpreter exit for the second loop), and the
# task's finalizer reports it through the loop's exception handler.
import asyncio
import gc


def handler(loop, context):
    print("handler:", context["message"])
    print("    task:", context["task"].get_name(), context["task"]._state)


async def forever():
    await asyncio.get_running_loop().create_future()


loop = asyncio.new_event_loop()
loop.set_exception_handler(handler)
loop.create_task(forever(), name="first")
loop.run_until_complete(asyncio.sleep(0))
loop.close()
del loop
print("closed")
gc.collect()
print("collected")

loop = asyncio.new_event_loop()
loop.set_exception_handler(handler)
loop.create_task(forever(), name="at exit")
loop.run_until_complete(asyncio.sleep(0))
loop.close()
del loop
print("end of program")
