# Dict and set keys of classes with their own __hash__ and __eq__: lookups call
# them as CPython does (hash once per operation, __eq__ only against stored keys
# with the same hash, identity first), including keys that share a hash, keys
# whose __eq__ mutates the dict, __eq__ returning NotImplemented or raising, and
# dunders with defaults or *args.

calls = []


class K:
    def __init__(self, v, h=None):
        self.v = v
        self.h = v if h is None else h

    def __hash__(self):
        calls.append(("hash", self.v))
        return self.h

    def __eq__(self, other):
        calls.append(("eq", self.v, getattr(other, "v", other)))
        return isinstance(other, K) and self.v == other.v

    def __repr__(self):
        return "K(%r)" % self.v


d = {K(i): i for i in range(5)}
calls.clear()
print(d[K(3)], calls)
calls.clear()
k0 = next(iter(d))
print(d[k0], calls)  # identity: no __eq__
calls.clear()
print(K(7) in d, calls)  # no key with hash 7: no __eq__
calls.clear()

# Many keys under one hash: every one is a candidate.
same = {K(i, h=42): i for i in range(6)}
calls.clear()
print(same[K(4, h=42)], len(same), ("eq", 4, 4) in calls)
calls.clear()
# A missing key is compared with every key under its hash (the order, and how
# often CPython's probe revisits one, are its table's own).
print(K(9, h=42) in same, sorted(set(c for c in calls if c[0] == "eq")))
calls.clear()
same[K(2, h=42)] = "two"
print(len(same), same[K(2, h=42)])
del same[K(0, h=42)]
print(len(same), K(0, h=42) in same)

# Sets too.
s = {K(1, h=5), K(2, h=5), K(3)}
print(K(2, h=5) in s, K(4, h=5) in s, len(s))
s.add(K(1, h=5))
print(len(s))
s.discard(K(2, h=5))
print(len(s), sorted(k.v for k in s))


# __eq__ that mutates the dict it is looked up in.
class Mutator:
    def __init__(self, v, target):
        self.v = v
        self.target = target

    def __hash__(self):
        return 1

    def __eq__(self, other):
        self.target[object()] = "added"
        return isinstance(other, Mutator) and self.v == other.v


box = {}
m1 = Mutator(1, box)
box[m1] = "one"
print(box[Mutator(1, box)], len(box))


class NI:
    def __hash__(self):
        return 3

    def __eq__(self, other):
        return NotImplemented


a, b = NI(), NI()
dd = {a: 1}
print(b in dd, a in dd)


class Boom:
    def __hash__(self):
        return 0

    def __eq__(self, other):
        raise RuntimeError("no comparing")


bd = {Boom(): 1}
try:
    bd[Boom()]
except RuntimeError as e:
    print("raised:", e)


class Defaults:
    def __init__(self, v):
        self.v = v

    def __hash__(self, salt=0):
        return self.v + salt

    def __eq__(self, *others):
        return self.v == others[0].v


dm = {Defaults(1): "a"}
print(dm[Defaults(1)])


class BadHash:
    def __hash__(self):
        return "nope"


try:
    {BadHash(): 1}
except TypeError as e:
    print("TypeError:", e)


class BigHash:
    def __hash__(self):
        return 2 ** 70


print(hash(BigHash()) == hash(2 ** 70), {BigHash(): 1} is not None)
