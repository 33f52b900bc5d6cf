# Async generators: asend values in, athrow exceptions in, aclose runs finally, yields
# interleaved with awaits, StopAsyncIteration, and the generator's running state.
class Tick:
    def __await__(self):
        yield "tick"
def drive(coro):
    ticks = 0
    while True:
        try:
            coro.send(None)
            ticks += 1
        except StopIteration as e:
            return e.value, ticks
async def echo():
    received = []
    try:
        while True:
            v = yield len(received)
            await Tick()
            received.append(v)
    except KeyError as e:
        yield "caught " + repr(e)
    finally:
        print("echo finally, received", received)
async def main():
    g = echo()
    print(type(g).__name__, g.__name__, g.ag_running)
    print(await g.asend(None))
    print(await g.asend("a"))
    print(await g.asend("b"))
    print(await g.athrow(KeyError("boom")))
    try:
        await g.asend("c")
    except StopAsyncIteration:
        print("exhausted")
    h = echo()
    await h.asend(None)
    await h.aclose()
    print("closed")
    await h.aclose()
    async def count(n):
        for i in range(n):
            yield i
            await Tick()
    print([x async for x in count(4)], {x % 2 async for x in count(5)}, {x: -x async for x in count(3)})
    total = 0
    async for v in count(5):
        if v == 3:
            break
        total += v
    print("total", total)
    gen = (x * 10 async for x in count(3))
    print(type(gen).__name__, [y async for y in gen])
    print(await anext(count(0), "default"))
    try:
        await anext(count(0))
    except StopAsyncIteration:
        print("anext stops")
    it = aiter(count(2))
    print(await anext(it), await anext(it))
    return "ok"
print(drive(main()))
