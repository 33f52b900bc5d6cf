# gil-off: skip (needs the cycle collector, which --gil off does not run)
# contextvars (the native _contextvars): the API of Context, ContextVar and Token,
# their reprs and errors, Context.run re-entry, copies that share until written,
# a fresh context per thread, and asyncio tasks each running in their own copy.
import asyncio
import contextvars
import gc
import re
import threading
import weakref
from contextvars import Context, ContextVar, Token, copy_context


def masked(s):
    return re.sub(r"0x[0-9a-f]+", "0x...", s)


def attempt(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__ + ":", masked(str(e)))
    else:
        print("   ok", masked(repr(r)))


print("classes:", Context, ContextVar, Token, copy_context)
print("module:", Context.__module__, contextvars.__all__)
print("MISSING:", Token.MISSING, type(Token.MISSING), Token.MISSING is Token.MISSING)

print("-- ContextVar")
v = ContextVar("v")
d = ContextVar("d", default=42)
print(masked(repr(v)), masked(repr(d)), masked(repr(ContextVar("n", default=None))))
print(v.name, d.get(), d.get(7), v.get("fallback"), hash(v) == hash(v), v == v, v != d)
attempt(lambda: v.get())
attempt(lambda: v.get(1, 2))
attempt(lambda: v.get(default=3))
attempt(lambda: ContextVar(1))
attempt(lambda: ContextVar())
attempt(lambda: ContextVar("a", "b"))
attempt(lambda: ContextVar("a", dflt=1))
attempt(lambda: ContextVar(name="a"))
attempt(lambda: setattr(v, "name", "w"))
attempt(lambda: setattr(v, "other", 1))
attempt(lambda: v < d)
attempt(lambda: v.set())
attempt(lambda: v.set(value=1))
attempt(lambda: copy_context(1))
attempt(lambda: copy_context(a=1))
attempt(lambda: v.reset(1))
attempt(lambda: ContextVar.get(1))


def subclass(base):
    class Sub(base):
        pass


for base in (Context, ContextVar, Token):
    attempt(lambda: subclass(base))

print("-- Token")
t1 = v.set(1)
print(masked(repr(t1)), t1.var is v, t1.old_value is Token.MISSING, v.get())
t2 = v.set(2)
print(t2.old_value, v.get())
attempt(lambda: d.reset(t2))
attempt(lambda: setattr(t2, "var", d))
attempt(lambda: Token())
attempt(lambda: type(Token.MISSING)())
v.reset(t2)
print(masked(repr(t2)), v.get())
attempt(lambda: v.reset(t2))
v.reset(t1)
attempt(lambda: v.get())
t3 = v.set(3)
attempt(lambda: copy_context().run(v.reset, t3))

print("-- Context")
ctx = copy_context()
print(masked(repr(ctx)), type(ctx), len(ctx), v in ctx, d in ctx)
print(ctx[v], ctx.get(v), ctx.get(d), ctx.get(d, "dflt"))
print(masked(repr(list(ctx))), masked(repr(list(ctx.items()))), list(ctx.values()))
print(type(iter(ctx)).__name__, type(ctx.keys()).__name__, type(ctx.values()).__name__,
      type(ctx.items()).__name__, len(ctx.keys()), masked(repr(ctx.values())))
attempt(lambda: ctx[d])
attempt(lambda: ctx[1])
attempt(lambda: ctx.get("v"))
attempt(lambda: 1 in ctx)
attempt(lambda: ctx.get())
attempt(lambda: ctx.get(v, default=1))
attempt(lambda: ctx.copy(1))
attempt(lambda: hash(ctx))
attempt(lambda: Context(1))
attempt(lambda: Context(a=1))
attempt(lambda: type(ctx.keys())())
attempt(lambda: ctx.run())
attempt(lambda: Context.run(1, print))
print(len(Context()), Context() == Context(), ctx == ctx.copy(), ctx == Context(),
      ctx != Context(), ctx == {}, ctx.copy() is ctx)

print("-- run")
v.set("outer")


def inside(tag, *, k=None):
    print("  ", tag, v.get(), k)
    v.set("set in run")
    return v.get()


print(ctx.run(inside, "in copy:", k="kw"), "| outside:", v.get(), "| ctx[v]:", ctx[v])


def boom():
    v.set("before raise")
    raise KeyError("boom")


attempt(lambda: ctx.run(boom))
print(ctx[v], v.get())
attempt(lambda: ctx.run(lambda: ctx.run(print)))
print(ctx.run(lambda: copy_context().run(lambda: v.get())))

print("-- copies share until written")
w = ContextVar("w")
base = copy_context()
kid = base.copy()
kid.run(w.set, "kid")
print(w in base, kid[w], len(base) + 1 == len(kid))
snap = iter(kid)
keys_before = kid.keys()
kid.run(ContextVar("x").set, 1)
print(len(list(snap)) + 1 == len(kid), len(keys_before) + 1 == len(kid))

print("-- threads")
v.set("main thread")
seen = []


def in_thread():
    seen.append((v.get("unset"), len(copy_context())))
    v.set("thread's own")
    seen.append(v.get())


th = threading.Thread(target=in_thread)
th.start()
th.join()
print(seen, v.get())

print("-- cycle through a context")
holder = ContextVar("holder")
c = Context()
c.run(holder.set, [c])
r = weakref.ref(c)
kept = c.copy()
del c
gc.collect()
# The copy shares the mapping, which holds the list, which holds c.
print("kept alive by a copy:", r() is not None, kept[holder][0] is r(), len(kept[holder][0]))
del kept
gc.collect()
print("collected:", r() is None)

print("-- asyncio")
var = ContextVar("var", default="default")


async def child(n):
    print("  child", n, "starts with", var.get())
    var.set(f"child{n}")
    await asyncio.sleep(0)
    print("  child", n, "still has", var.get())
    return var.get()


async def main():
    var.set("main")
    t1 = asyncio.create_task(child(1))
    var.set("main2")
    t2 = asyncio.create_task(child(2))
    print("  results", await asyncio.gather(t1, t2), "main has", var.get())
    c = copy_context()
    c.run(var.set, "given")
    await asyncio.create_task(child(3), context=c)
    print("  given context now has", c[var])
    print("  to_thread sees", await asyncio.to_thread(var.get))
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_soon(lambda: done.set_result(var.get()), context=c)
    print("  call_soon in given context sees", await done)
    c2 = copy_context()

    async def reenter():
        try:
            c2.run(print, "not reached")
        except RuntimeError as e:
            print("  ", masked(str(e)))

    await asyncio.create_task(reenter(), context=c2)


asyncio.run(main())
print("after run", var.get())
