# contextvars: ContextVar get/set/reset, copy_context and Context.run, and each task
# running in a copy of the context it was created in.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="default")
other = contextvars.ContextVar("other")

print(var.name, var.get())
try:
    other.get()
except LookupError:
    print("LookupError for a var without default")
print(other.get("fallback"))
tok = var.set("one")
print(var.get(), tok.var is var, tok.old_value is contextvars.Token.MISSING)
var.reset(tok)
print(var.get())
try:
    var.reset(tok)
except RuntimeError:
    print("RuntimeError: token used twice")

ctx = contextvars.copy_context()
var.set("outer")


def show(tag):
    print(tag, var.get())
    var.set("changed in run")
    return var.get()


print(ctx.run(show, "in copy:"), "| outside:", var.get())
print(ctx[var], var in ctx, len(ctx) >= 1)
try:
    ctx.run(lambda: ctx.run(print))
except RuntimeError:
    print("RuntimeError: context already entered")


async def child(n):
    print("child", n, "sees", var.get())
    var.set(f"child{n}")
    await asyncio.sleep(0)
    print("child", n, "still", var.get())


async def main():
    var.set("main")
    t1 = asyncio.create_task(child(1))
    var.set("main2")
    t2 = asyncio.create_task(child(2))
    await asyncio.gather(t1, t2)
    print("main sees", var.get())
    c = contextvars.copy_context()
    c.run(var.set, "custom")
    await asyncio.create_task(child(3), context=c)
    print("to_thread sees", await asyncio.to_thread(var.get))


asyncio.run(main())
print("after run", var.get())
