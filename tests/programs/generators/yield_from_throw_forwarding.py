# yield from forwards throw() to any sub-iterator with a throw method (PEP 380), and
# takes the sub-iterator's StopIteration value as its result.
class Sub:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration("sub done")
        return self.n
    def throw(self, exc):
        print("Sub.throw got", repr(exc))
        return "recovered"
def outer():
    r = yield from Sub()
    print("result", r)
    yield "after"
g = outer()
print(next(g))
print(g.throw(ValueError("x")))
print(next(g), next(g), next(g))
class NoThrow:
    def __iter__(self):
        return self
    def __next__(self):
        return 1
def outer2():
    try:
        yield from NoThrow()
    except KeyError as e:
        yield "caught in outer " + repr(e)
h = outer2()
next(h)
print(h.throw(KeyError("k")))
