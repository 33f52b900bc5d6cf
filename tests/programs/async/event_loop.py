# A minimal pure-Python event loop (ready queue + timers on a virtual clock) driving
# coroutines with send(): tasks interleave only at awaits, results and exceptions
# propagate, and a task can await another task.
class Loop:
    def __init__(self):
        self.ready = []
        self.timers = []
        self.now = 0
        self.seq = 0
    def spawn(self, coro, name):
        t = Task(coro, name, self)
        self.ready.append((t, None))
        return t
    def run(self):
        while self.ready or self.timers:
            if not self.ready:
                self.now, _, t = self.timers.pop(0)
                self.ready.append((t, None))
            t, val = self.ready.pop(0)
            t.step(val)
class Task:
    def __init__(self, coro, name, loop):
        self.coro, self.name, self.loop = coro, name, loop
        self.done = False
        self.result = None
        self.exc = None
        self.waiters = []
    def step(self, val):
        try:
            req = self.coro.send(val)
        except StopIteration as e:
            self.finish(e.value, None)
            return
        except Exception as e:
            self.finish(None, e)
            return
        kind, arg = req
        if kind == "sleep":
            self.loop.seq += 1
            self.loop.timers.append((self.loop.now + arg, self.loop.seq, self))
            self.loop.timers.sort(key=lambda entry: entry[:2])
        elif kind == "join":
            if arg.done:
                self.loop.ready.append((self, None))
            else:
                arg.waiters.append(self)
    def finish(self, result, exc):
        self.done, self.result, self.exc = True, result, exc
        for w in self.waiters:
            self.loop.ready.append((w, None))
    def __await__(self):
        yield ("join", self)
        if self.exc is not None:
            raise self.exc
        return self.result
class Sleep:
    def __init__(self, t):
        self.t = t
    def __await__(self):
        yield ("sleep", self.t)
trace = []
async def worker(name, delays, loop):
    total = 0
    for d in delays:
        trace.append((loop.now, name, "sleep", d))
        await Sleep(d)
        total += d
    trace.append((loop.now, name, "done"))
    return total
async def failing(loop):
    await Sleep(1)
    raise ValueError("task failed")
async def supervisor(loop):
    a = loop.spawn(worker("a", [2, 2], loop), "a")
    b = loop.spawn(worker("b", [1, 1, 1], loop), "b")
    c = loop.spawn(failing(loop), "c")
    ra = await a
    rb = await b
    try:
        await c
    except ValueError as e:
        trace.append((loop.now, "supervisor", "caught", str(e)))
    return ra + rb
loop = Loop()
top = loop.spawn(supervisor(loop), "top")
loop.run()
for entry in trace:
    print(entry)
print("result", top.result, "at", loop.now)
