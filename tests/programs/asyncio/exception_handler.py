# set_exception_handler receives CPython's context dicts: a failing callback, a call
# through call_exception_handler, and the default handler called from a custom one;
# debug mode logs a slow step ("Executing <Task ...> took N seconds").
import asyncio
import sys
import time

seen = []


def handler(loop, context):
    seen.append((context["message"].split(" at ")[0], type(context.get("exception")).__name__,
                 sorted(context)))


def bad(x):
    raise ValueError(x)


async def main():
    loop = asyncio.get_running_loop()
    print(loop.get_exception_handler())
    loop.set_exception_handler(handler)
    print(loop.get_exception_handler() is handler)
    loop.call_soon(bad, 1)
    loop.call_later(0.001, bad, 2)
    await asyncio.sleep(0.01)
    loop.call_exception_handler({"message": "custom message", "extra": 1})
    for s in seen:
        print(s)
    try:
        loop.set_exception_handler(42)
    except TypeError as e:
        print("TypeError:", e)
    loop.set_exception_handler(None)


class Collect:
    def __init__(self):
        self.lines = []

    def write(self, s):
        self.lines.append(s)

    def flush(self):
        pass


async def slow():
    time.sleep(0.15)


asyncio.run(main())
collected = Collect()
real = sys.stderr
sys.stderr = collected
try:
    asyncio.run(slow(), debug=True)
finally:
    sys.stderr = real
text = "".join(collected.lines)
line = [l for l in text.splitlines() if l.startswith("Executing ")][0]
print(line.startswith("Executing <Task "), line.endswith(" seconds"))
print(float(line.split(" took ")[1].split()[0]) >= 0.1)
loop = asyncio.new_event_loop()
print(loop.get_debug(), loop.slow_callback_duration)
loop.set_debug(True)
print(loop.get_debug())
loop.close()
