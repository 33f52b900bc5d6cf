# stderr: RuntimeWarning: Enable tracemalloc to get the object allocation traceback
# A coroutine dropped without being awaited is reported on stderr, as CPython does.
async def job():
    print("never runs")
job()
print("program continues")
