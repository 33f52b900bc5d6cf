# __len__, __getitem__, __setitem__, __contains__, __iter__/__next__, __bool__, __call__.
class Grid:
    def __init__(self, w, h):
        self.w = w
        self.h = h
        self.cells = {}
    def __len__(self):
        return self.w * self.h
    def __getitem__(self, key):
        return self.cells.get(key, ".")
    def __setitem__(self, key, value):
        print("set", key, value)
        self.cells[key] = value
    def __contains__(self, key):
        return key in self.cells
g = Grid(3, 2)
g[0, 1] = "#"
g[(2, 1)] = "@"
print(len(g), g[0, 1], g[1, 1], (2, 1) in g, (0, 0) in g)
class Squares:
    def __getitem__(self, i):
        if i >= 5:
            raise IndexError("done")
        return i * i
print(list(Squares()), 9 in Squares(), Squares()[3])
class Countdown:
    def __init__(self, start):
        self.n = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)), [x * 2 for x in Countdown(3)], sum(Countdown(10)))
it = iter(Countdown(2))
print(next(it), next(it), next(it, "end"))
class Bag:
    def __init__(self, items):
        self.items = items
    def __iter__(self):
        return iter(self.items)
    def __len__(self):
        return len(self.items)
print(sorted(Bag([3, 1, 2])), len(Bag([])), bool(Bag([])), bool(Bag([0])))
for item in Bag("ab"):
    print("item", item)
class Flag:
    def __init__(self, on):
        self.on = on
    def __bool__(self):
        return self.on
print(bool(Flag(True)), bool(Flag(False)), "yes" if Flag(False) else "no", not Flag(True))
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, y=0):
        return self.n + x + y
add = Adder(10)
print(add(1), add(1, y=2), callable(add), list(map(add, [1, 2])))
class Seq:
    def __init__(self, data):
        self.data = data
    def __getitem__(self, idx):
        return self.data[idx]
    def __len__(self):
        return len(self.data)
s = Seq([10, 20, 30, 40])
print(s[1], s[-1], s[1:3], len(s))
class Default:
    pass
print(bool(Default()))
a, b = Countdown(2)
print(a, b)
