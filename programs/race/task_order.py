# task_order.py -- two asyncio tasks: one loads a setting, the other uses it,
# and the user assumes the loader, created first, always gets there first.
# asyncio runs the tasks that are ready together in FIFO order, so under python3
# (and plain gilvm) this passes every time; but which of two tasks becomes ready
# first is decided by timing in a real program (which file read or connection
# finishes first), not by the order they were created in. No thread, no lock:
#   gilvm race --shuffle-tasks programs/race/task_order.py
# varies the order of ready tasks by seed and finds the one where fetch() reads
# the setting before load_config() has written it (KeyError). The fix, an
# asyncio.Event that fetch() awaits: programs/race/fixed/task_order.py.
import asyncio

config = {}


async def load_config():
    await asyncio.sleep(0)  # reading a file, say
    config["url"] = "http://localhost:8080"


async def fetch():
    await asyncio.sleep(0)  # opening a connection, say
    return "GET " + config["url"]


async def main():
    loader = asyncio.create_task(load_config())
    request = await asyncio.create_task(fetch())
    await loader
    print(request)


asyncio.run(main())
