# Known gap: "Task was destroyed but it is pending!" is printed by CPython when a
# pending task is freed (here: the loop is closed with the task still waiting).
# gilvm's native Task core has no finalizer yet and the loop keeps pending tasks in a
# strong registry (CPython's is a WeakSet), so nothing is printed.
# (CPython prints "Task was destroyed but it is pending!" and the task on stderr.)
import asyncio


async def forever():
    await asyncio.get_running_loop().create_future()


loop = asyncio.new_event_loop()
loop.create_task(forever())
loop.run_until_complete(asyncio.sleep(0))
loop.close()
del loop
print("closed")
