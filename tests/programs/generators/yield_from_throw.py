# yield from forwards throw() and close() to the inner generator (PEP 380).
def inner():
    try:
        yield 1
    except ValueError:
        yield "inner caught"

def outer():
    r = yield from inner()
    yield r

it = outer()
print(next(it))
print(it.throw(ValueError))

def inner():
    try:
        yield 1
        yield 2
    finally:
        print("inner finally")
    return 5

def outer():
    try:
        r = yield from inner()
        print("r", r)
    except KeyError as e:
        print("outer caught", repr(e))
    yield "after"

g = outer()
print(next(g))
print(g.throw(KeyError("k")))
g2 = outer()
next(g2)
g2.close()
print("closed")
def inner2():
    try:
        yield 1
    except ValueError:
        return "handled"
def outer2():
    r = yield from inner2()
    yield r
g3 = outer2(); next(g3); print(g3.throw(ValueError))
