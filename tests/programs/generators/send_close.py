# Generator send/close, GeneratorExit handling, exhausted generators.
def echo():
    print("started")
    received = None
    while True:
        received = yield "echo: " + str(received)
        if received == "stop":
            break
    print("echo finished")
g = echo()
print(next(g))
print(g.send("hello"))
print(g.send(42))
try:
    g.send("stop")
except StopIteration:
    print("StopIteration after stop")
def averager():
    total = 0.0
    count = 0
    avg = None
    while True:
        value = yield avg
        total += value
        count += 1
        avg = total / count
a = averager()
next(a)
print(a.send(10), a.send(20), a.send(60))
def fresh():
    yield 1
try:
    fresh().send("x")
except TypeError as e:
    print("TypeError:", e)
print(fresh().send(None))
def closable():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup on close")
c = closable()
print(next(c))
c.close()
print(next(c, "closed"))
c2 = closable()
c2.close()
print("closing an unstarted generator runs nothing")
def catches_exit():
    try:
        yield 1
    except BaseException as e:
        print("caught", type(e).__name__)
        raise
ce = catches_exit()
next(ce)
ce.close()
def running_max():
    best = None
    while True:
        v = yield best
        if best is None or v > best:
            best = v
rm = running_max()
next(rm)
print([rm.send(v) for v in [3, 1, 4, 1, 5, 9, 2, 6]])
def state():
    x = yield "first"
    y = yield "got " + str(x)
    yield "then " + str(y)
s = state()
print(next(s), s.send(1), s.send(2))
print(next(s, "exhausted"))
