# Exceptions crossing generator boundaries; try/finally inside generators.
def gen():
    try:
        yield 1
        raise ValueError("inside generator")
    finally:
        print("gen finally")
g = gen()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("caught:", e)
print(next(g, "exhausted"))
def safe_div(pairs):
    for a, b in pairs:
        try:
            yield a / b
        except ZeroDivisionError:
            yield "inf"
print(list(safe_div([(1, 2), (1, 0), (9, 3)])))
def consumer():
    total = 0
    while True:
        try:
            v = yield total
            total += v
        except TypeError as e:
            print("bad value ignored:", e)
c = consumer()
next(c)
print(c.send(5), c.send("x"), c.send(10))
def stops_early():
    yield 1
    return
    yield 2
print(list(stops_early()))
def raising_iter():
    yield "a"
    raise KeyError("k")
out = []
try:
    for item in raising_iter():
        out.append(item)
except KeyError as e:
    print("loop aborted by", repr(e), "after", out)
def outer():
    try:
        yield from gen()
    except ValueError:
        yield "outer recovered"
print(list(outer()))
def count():
    n = 0
    while True:
        n += 1
        yield n
total = 0
for n in count():
    if n > 100:
        break
    total += n
print(total)
