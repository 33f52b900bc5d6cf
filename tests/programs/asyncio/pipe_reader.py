# os.pipe() gives two descriptors; os.write/os.read move bytes through them, and the
# event loop's add_reader watches the read end: the callback runs when data is there,
# in the order the writes arrive, and remove_reader stops it.
import asyncio
import os

r, w = os.pipe()
print(type(r).__name__, type(w).__name__, r != w)
print(os.write(w, b"hello"))
print(os.read(r, 3), os.read(r, 100))
print(os.get_blocking(r))


async def main():
    loop = asyncio.get_running_loop()
    got = []
    done = loop.create_future()

    def on_readable():
        data = os.read(r, 1024)
        got.append(data)
        if data.endswith(b"."):
            loop.remove_reader(r)
            done.set_result(b"".join(got))

    loop.add_reader(r, on_readable)

    async def writer():
        for word in (b"one ", b"two ", b"three."):
            os.write(w, word)
            await asyncio.sleep(0.01)

    await writer()
    print(await done)
    print("reader removed:", loop.remove_reader(r))

    # A reader future-style: wait for one readiness event then read.
    os.set_blocking(r, False)
    try:
        os.read(r, 10)
    except BlockingIOError as e:
        print("empty non-blocking read:", type(e).__name__)
    fut = loop.create_future()
    loop.add_reader(r, lambda: fut.done() or fut.set_result(os.read(r, 10)))
    loop.call_later(0.01, os.write, w, b"late")
    print(await fut)
    loop.remove_reader(r)


asyncio.run(main())
os.close(w)
print("eof:", os.read(r, 10))
os.close(r)
try:
    os.close(r)
except OSError as e:
    print(type(e).__name__, e.errno)
try:
    os.read(r, 1)
except OSError as e:
    print(type(e).__name__, e.strerror)
