# await on __await__ objects, async generators, async with/for, async comprehensions,
# anext/asend, coroutine attributes, driven by hand with send().
class Sleep:
    def __init__(self, n): self.n = n
    def __await__(self):
        r = yield ("sleep", self.n)
        return r
async def inner(x):
    got = await Sleep(x)
    return x * 10 + (got or 0)
async def agen(n):
    for i in range(n):
        await Sleep(i)
        yield i
    print("agen done")
class ACM:
    async def __aenter__(self):
        print("enter"); await Sleep(0); return "res"
    async def __aexit__(self, t, e, tb):
        print("exit", t.__name__ if t else None); return True
class AIt:
    def __init__(self): self.i = 0
    def __aiter__(self): return self
    async def __anext__(self):
        self.i += 1
        if self.i > 3: raise StopAsyncIteration
        return self.i
async def main():
    a = await inner(1)
    b = await inner(2)
    print("a b", a, b)
    async for v in agen(3):
        print("agen", v)
    print([x async for x in agen(2)])
    async with ACM() as r:
        print("in with", r)
        raise ValueError("x")
    async for i in AIt():
        print("ait", i)
    print(await anext(agen(5)), await anext(AIt(), "d"))
    g = agen(2)
    print(await g.asend(None), await g.__anext__())
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("stop")
    return "main result"
def run(coro):
    steps = 0
    val = None
    while True:
        try:
            req = coro.send(val)
        except StopIteration as e:
            print("steps", steps)
            return e.value
        steps += 1
        val = 100 if req[0] == "sleep" else None
print(run(main()))
c = inner(3)
print(type(c).__name__, c.cr_running, c.cr_await)
print(c.send(None))
print(c.cr_await is not None)
try:
    c.send(5)
except StopIteration as e:
    print("result", e.value)
async def bad():
    await 5
try:
    run(bad())
except TypeError as e:
    print(e)
