# A slice's bounds are user code (__index__) that may resize the very container
# being sliced; the slice is resolved against the length after they ran, as
# CPython's PySlice_Unpack then PySlice_AdjustIndices. Replaced and deleted items
# are dropped after the edit, so their __del__ sees the container already changed.
import array


class Clears:
    def __init__(self, seq, n):
        self.seq = seq
        self.n = n

    def __index__(self):
        del self.seq[:]
        return self.n


for make in (list, bytearray, lambda r: array.array('i', r)):
    name = type(make(range(1))).__name__
    s = make(range(10))
    s[0:Clears(s, 5)] = make(range(2))
    print(name, "set", list(s))
    s = make(range(10))
    del s[0:Clears(s, 5)]
    print(name, "del", list(s))
    s = make(range(10))
    print(name, "get", list(s[0:Clears(s, 5)]), list(s))
    s = make(range(10))
    try:
        s[Clears(s, 3)]
    except IndexError as e:
        print(name, "index:", e)
    s = make(range(10))
    try:
        s[Clears(s, 3)] = 1
    except IndexError as e:
        print(name, "assign:", e)
    s = make(range(10))
    try:
        s[0:Clears(s, 4):2] = make(range(2))
    except ValueError as e:
        print(name, "extended:", e)

# Bulk deletes in every shape, against a model built item by item.
data = list(range(40))
for start in (None, 0, 3, -5, 39, 60):
    for stop in (None, 0, 7, -2, 50):
        for step in (None, 1, 2, 3, -1, -2, -7):
            got = list(data)
            del got[start:stop:step]
            gone = set(range(40)[start:stop:step])
            assert got == [x for x in data if x not in gone], (start, stop, step)
            b = bytearray(data)
            del b[start:stop:step]
            assert list(b) == got
            a = array.array('h', data)
            del a[start:stop:step]
            assert a.tolist() == got
print("bulk deletes agree")

# Half a large list deleted from the front in one step (this was quadratic).
big = list(range(300000))
del big[:150001]
print(len(big), big[0], big[-1])


class Noisy:
    def __init__(self, seq, tag):
        self.seq = seq
        self.tag = tag

    def __del__(self):
        print("del", self.tag, "sees", len(self.seq))


box = []
box.extend([Noisy(box, "a"), Noisy(box, "b"), 1])
del box[0:2]
box[:] = [Noisy(box, "c"), 2]
box[0] = 3
box.insert(0, Noisy(box, "d"))
del box[0]
box[0:1] = []
print(box)

# The order CPython releases them in: a contiguous slice last first, an extended
# slice in the slice's order.
box = [Noisy(box, i) for i in range(4)]
del box[0:3]
box = [Noisy(box, i) for i in range(6)]
del box[::2]
box = [Noisy(box, i) for i in range(6)]
del box[::-2]
box = [Noisy(box, i) for i in range(4)]
box[1:3] = [0]
box = [Noisy(box, i) for i in range(4)]
box[::-2] = [7, 8]
box = None
