# contextlib: contextmanager (enter/exit, exceptions into the generator, suppression,
# decorator use, errors), suppress, closing, nullcontext, ExitStack, redirect_stdout,
# asynccontextmanager and AsyncExitStack driven by hand (no event loop).
import contextlib
from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack


@contextmanager
def tag(name):
    print("<" + name + ">")
    try:
        yield name.upper()
    finally:
        print("</" + name + ">")


with tag("a") as t:
    print("inside", t)


@contextmanager
def catching():
    try:
        yield
    except ValueError as e:
        print("caught", repr(e))


with catching():
    raise ValueError("boom")
print("after suppressed")

try:
    with tag("b"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))


@contextmanager
def no_yield():
    if False:
        yield


@contextmanager
def two_yields():
    yield 1
    yield 2


for cm in (no_yield, two_yields):
    try:
        with cm():
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)


@contextmanager
def ignores():
    try:
        yield
    except Exception:
        pass
    yield


try:
    with ignores():
        1 / 0
except RuntimeError as e:
    print("RuntimeError:", e)


@tag("deco")
def decorated(x):
    print("body", x)
    return x * 2


print(decorated(21), decorated(1), decorated.__name__)


@contextmanager
def stop_inside():
    yield


try:
    with stop_inside():
        raise StopIteration("body")
except StopIteration as e:
    print("StopIteration kept:", e)

with suppress(ZeroDivisionError, KeyError):
    1 / 0
with suppress(KeyError):
    {}["x"]
try:
    with suppress(KeyError):
        [][1]
except IndexError as e:
    print("IndexError:", e)
with suppress():
    pass
print("suppress ok")


class Thing:
    def close(self):
        print("closed")


with closing(Thing()) as th:
    print(type(th).__name__)

with nullcontext() as n:
    print("null", n)
with nullcontext(42) as n:
    print("null", n)

with ExitStack() as stack:
    for i in range(3):
        stack.callback(print, "callback", i)
    v = stack.enter_context(tag("es"))
    print("entered", v)
    stack.push(lambda *exc: print("push exit", exc[0]))

with ExitStack() as stack:
    stack.push(lambda t, v, tb: True)
    raise ValueError("suppressed by stack")
print("stack suppressed")

try:
    with ExitStack() as stack:
        stack.callback(lambda: 1 / 0)
        raise KeyError("first")
except ZeroDivisionError as e:
    print("chained:", repr(e), repr(e.__context__))

stack = ExitStack()
stack.callback(print, "moved")
moved = stack.pop_all()
stack.close()
print("closed old")
moved.close()

try:
    ExitStack().enter_context(42)
except TypeError as e:
    print("TypeError:", e)


class Out:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)


buf = Out()
with contextlib.redirect_stdout(buf) as target:
    print("hidden", 1, 2)
    print(target is buf)
print("captured:", "".join(buf.parts).split("\n"))


@contextlib.asynccontextmanager
async def actx(x):
    print("aenter", x)
    yield x + 1
    print("aexit", x)


async def main():
    async with actx(1) as v:
        print("async body", v)
    async with contextlib.AsyncExitStack() as st:
        st.push_async_callback(acb, "cb")
        v = await st.enter_async_context(actx(10))
        print("stack value", v)
    return "done"


async def acb(x):
    print("async callback", x)


coro = main()
try:
    coro.send(None)
except StopIteration as e:
    print("result", e.value)

print(isinstance(nullcontext(), contextlib.AbstractContextManager))
print(sorted(contextlib.__all__)[:5])
