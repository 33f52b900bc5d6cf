# fixed/task_order.py -- task_order.py with the fix: fetch() awaits an
# asyncio.Event that load_config() sets, so whichever task the loop runs first,
# the setting is there before it is read.
#   gilvm race --shuffle-tasks programs/race/fixed/task_order.py   (finds nothing)
import asyncio

config = {}


async def load_config(loaded):
    await asyncio.sleep(0)  # reading a file, say
    config["url"] = "http://localhost:8080"
    loaded.set()


async def fetch(loaded):
    await asyncio.sleep(0)  # opening a connection, say
    await loaded.wait()
    return "GET " + config["url"]


async def main():
    loaded = asyncio.Event()
    loader = asyncio.create_task(load_config(loaded))
    request = await asyncio.create_task(fetch(loaded))
    await loader
    print(request)


asyncio.run(main())
