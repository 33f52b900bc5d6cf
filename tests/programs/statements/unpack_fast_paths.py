# The fast paths of UNPACK_SEQUENCE (exact tuples and lists of the right length)
# and of `a, b = b, a` must behave as the general path: subclasses that override
# iteration, lists mutated by the unpacking's own targets, wrong lengths and their
# messages, evaluation order of both sides.


class RevList(list):
    def __iter__(self):
        return iter(list(reversed(self)))


class CountTuple(tuple):
    def __iter__(self):
        print("CountTuple.__iter__")
        return tuple.__iter__(self)


a, b = RevList([1, 2])
print("list subclass:", a, b)
a, b = CountTuple((3, 4))
print("tuple subclass:", a, b)

# The list is read once, before any target is stored.
xs = [1, 2]
xs[0], xs[1] = xs
print("self-unpack:", xs)
ys = [5, 6]
ys[1], ys[0] = ys
print("self-unpack reversed:", ys)

# A target that mutates the list being unpacked from sees the copy already made.
class Sink:
    def __init__(self, lst):
        self.lst = lst

    def __setattr__(self, name, v):
        if name == "x":
            self.__dict__["lst"].append(99)
        object.__setattr__(self, name, v)


lst = [7, 8]
s = Sink(lst)
s.x, y = lst
print("mutating target:", s.x, y, lst)

for seq in ([1], [1, 2, 3], (1,), (1, 2, 3), [], ()):
    try:
        a, b = seq
    except ValueError as e:
        print(type(seq).__name__, len(seq), "->", e)

try:
    a, b = 5
except TypeError as e:
    print("int ->", e)


def trace(tag, v):
    print("eval", tag)
    return v


class Target:
    def __setattr__(self, name, v):
        print("store", name, v)


t = Target()
t.a, t.b = trace("x", 1), trace("y", 2)
t.a, t.b, t.c = trace("x", 1), trace("y", 2), trace("z", 3)
p, q = 1, 2
p, q = q, p
print("swap:", p, q)
p, q, r = 1, 2, 3
p, q, r = r, p, q
print("rotate:", p, q, r)
[p, q] = q, p
print("list target:", p, q)
(p, q), r = (r, q), p
print("nested:", p, q, r)
i = 0
arr = [10, 20, 30]
i, arr[i] = 1, 5
print("order:", i, arr)


def gen():
    yield 1
    yield 2


a, b = gen()
print("generator:", a, b)
a, b = {"k": 1, "j": 2}
print("dict:", a, b)
