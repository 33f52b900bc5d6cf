# Coroutine objects: send/throw/close, cr_await/cr_running/cr_frame, __await__,
# await chains, exception state kept per coroutine, and CPython's errors.
import sys
class Suspend:
    def __await__(self):
        got = yield "suspended"
        return got
async def leaf():
    return await Suspend()
async def middle():
    v = await leaf()
    return "middle got " + str(v)
c = middle()
print(type(c).__name__, c.__name__, c.__qualname__, c.cr_running, c.cr_await, c.cr_frame is not None)
print(c.send(None))
print(type(c.cr_await).__name__, c.cr_frame.f_code.co_name)
try:
    c.send(42)
except StopIteration as e:
    print("StopIteration", e.value)
print(c.cr_frame, c.cr_await)
for action in ("send", "throw", "close"):
    d = middle()
    try:
        if action == "send":
            d.send(None)
            d.send(None)
            d.send(None)
        elif action == "throw":
            d.send(None)
            d.throw(ValueError("thrown in"))
        else:
            d.send(None)
            print("close ->", d.close())
            d.send(None)
    except Exception as e:
        print(action, type(e).__name__, e)
async def catcher():
    try:
        await Suspend()
    except ValueError as e:
        return "caught " + str(e)
k = catcher()
k.send(None)
try:
    k.throw(ValueError("inner"))
except StopIteration as e:
    print(e.value)
async def stubborn():
    try:
        await Suspend()
    finally:
        await Suspend()
s = stubborn()
s.send(None)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError:", e)
async def handler_across_await():
    try:
        raise KeyError("in coroutine")
    except KeyError:
        await Suspend()
        return repr(sys.exc_info()[1])
h = handler_across_await()
h.send(None)
print("caller sees:", sys.exc_info())
try:
    h.send(None)
except StopIteration as e:
    print("coroutine sees:", e.value)
w = leaf().__await__()
print(type(w).__name__, next(w))
try:
    w.send("via wrapper")
except StopIteration as e:
    print("wrapper result", e.value)
errors = []
async def await_int():
    await 5
async def await_coro_twice():
    inner = leaf()
    inner.send(None)
    await inner
async def bad_await():
    class A:
        def __await__(self):
            return 5
    await A()
async def no_aiter():
    async for x in 5:
        pass
async def no_acm():
    async with 5:
        pass
async def raise_stop():
    raise StopIteration
for f in (await_int, await_coro_twice, bad_await, no_aiter, no_acm, raise_stop):
    co = f()
    try:
        co.send(None)
    except Exception as e:
        print(f.__name__, type(e).__name__, e)
done = leaf()
done.close()
for op in (lambda: iter(done), lambda: next(done), lambda: done.send(None), lambda: middle().send(1)):
    try:
        op()
    except Exception as e:
        print(type(e).__name__, e)
def plain_gen():
    yield from leaf()
try:
    next(plain_gen())
except TypeError as e:
    print("TypeError:", e)
