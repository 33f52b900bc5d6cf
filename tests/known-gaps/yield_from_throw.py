# Known gap: `yield from` does not forward throw() to the inner generator.
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
