# A suspended generator that becomes unreachable is closed, as CPython does (its
# `finally` runs, GeneratorExit at the yield).
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("gen cleanup")

g = gen()
print(next(g))
del g
print("after del")
def use():
    h = gen()
    next(h)
use()
print("after return")
