# Handle and TimerHandle as CPython's: call_soon/call_later/call_at return them,
# cancel/cancelled/when, reprs, ordering, the exception handler on a
# callback's failure, and each handle's contextvars context.
import asyncio
import contextvars
import os

HERE = os.path.basename(__file__)
var = contextvars.ContextVar('var', default='unset')


def clean(r):
    # The callback's source file, without the directory.
    return r.replace(__file__, HERE)


def cb(*args):
    print('cb ran with', args, 'var =', var.get())


def boom(x):
    raise ValueError(f'boom {x}')


async def main():
    loop = asyncio.get_running_loop()
    h = loop.call_soon(cb, 1, 2)
    print(type(h).__name__, isinstance(h, asyncio.Handle), isinstance(h, asyncio.TimerHandle))
    print(clean(repr(h)))
    print(h.cancelled(), isinstance(h._context, contextvars.Context))
    await asyncio.sleep(0)

    h = loop.call_soon(cb, 'never')
    h.cancel()
    h.cancel()
    print('cancelled:', h.cancelled(), repr(h))
    await asyncio.sleep(0)

    t = loop.call_later(10, cb, 'late')
    print(type(t).__name__, isinstance(t, asyncio.Handle), isinstance(t, asyncio.TimerHandle))
    print('when in the future:', t.when() > loop.time())
    r = clean(repr(t))
    print(r.replace(f'when={t.when()}', 'when=W'))
    t.cancel()
    print(repr(t).replace(f'when={t.when()}', 'when=W'), t.cancelled())

    # call_at ordering: the heap runs them by `when`, whatever the order of calls.
    now = loop.time()
    order = []
    for d in (0.03, 0.01, 0.02):
        loop.call_at(now + d, order.append, d)
    await asyncio.sleep(0.1)
    print('call_at order:', order)

    # comparisons and equality of timer handles
    a = asyncio.TimerHandle(1.0, cb, (), loop)
    b = asyncio.TimerHandle(2.0, cb, (), loop)
    c = asyncio.TimerHandle(1.0, cb, (), loop)
    print(a < b, a <= b, a > b, a >= b, b > a, a == c, a == b, a != c, a == 'x')
    print('hash is hash(when):', hash(a) == hash(1.0), {a: 1}[c])
    print(a.when(), b.when())

    # context: copied at call_soon time by default, or the one given
    var.set('main')
    loop.call_soon(cb, 'copied')
    var.set('changed after call_soon')
    ctx = contextvars.copy_context()
    ctx.run(var.set, 'in ctx')
    loop.call_soon(cb, 'given', context=ctx)
    h = loop.call_later(0.001, cb, 'timer given', context=ctx)
    print('get_context is ctx:', h._context is ctx)
    await asyncio.sleep(0.05)

    # a callback's exception goes to the exception handler; the loop goes on
    seen = []

    def handler(loop, context):
        seen.append((context['message'].replace(__file__, HERE),
                     type(context['exception']).__name__, str(context['exception']),
                     type(context['handle']).__name__))

    loop.set_exception_handler(handler)
    loop.call_soon(boom, 1)
    loop.call_later(0.001, boom, 2)
    await asyncio.sleep(0.05)
    loop.set_exception_handler(None)
    for s in seen:
        print(s)

    # a handle's context can be entered only once at a time
    ctx2 = contextvars.copy_context()

    def uses_ctx2():
        try:
            ctx2.run(print, 'nested run')
        except RuntimeError as e:
            print('RuntimeError:', str(e).split(':')[0])

    loop.call_soon(uses_ctx2, context=ctx2)
    await asyncio.sleep(0)

    # sleep cancelled mid-way leaves no timer behind
    task = asyncio.ensure_future(asyncio.sleep(10))
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        # (gilvm's heap holds (when, seq, handle) entries, CPython's the handles)
        timers = [e[-1] if isinstance(e, tuple) else e for e in loop._scheduled]
        print('sleep cancelled; live long timers left:',
              sum(1 for t in timers if not t.cancelled() and t.when() > loop.time() + 5))
    print(await asyncio.sleep(0.001, result='slept'))


asyncio.run(main())

# debug mode: cancel() keeps the handle's repr (with its callback)
async def debug_main():
    loop = asyncio.get_running_loop()
    h = loop.call_soon(cb, 'dbg')
    h.cancel()
    # (CPython adds "created at FILE:LINE" from the handle's source traceback,
    # which gilvm does not record)
    r = clean(repr(h))
    i = r.find(' created at ')
    print(r[:i] + '>' if i >= 0 else r)


asyncio.run(debug_main(), debug=True)
