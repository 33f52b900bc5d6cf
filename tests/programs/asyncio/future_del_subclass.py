# A Future subclass with its own __del__ still reaches Future.__del__ through super(), and
# futures with nothing to report are freed silently (native finalizer, issue 10 §6).
import asyncio, gc
async def boom(): raise ValueError("x")
async def forever(): await asyncio.sleep(100)
class MyFut(asyncio.Future):
    def __del__(self):
        print("MyFut del")
        super().__del__()
async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda l, c: print("handler:", c['message'], type(c.get('exception')).__name__))
    f = loop.create_future(); f.set_exception(KeyError(1)); del f
    t = asyncio.ensure_future(boom()); await asyncio.sleep(0); await asyncio.sleep(0); del t
    m = MyFut(); m.set_exception(OSError()); del m
    t2 = loop.create_task(forever()); await asyncio.sleep(0)
    print('ok')
asyncio.run(main())
print("after")
