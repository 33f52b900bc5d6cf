# copy: copy and deepcopy of atoms, containers, nested and recursive structures,
# user classes (plain, __copy__, __deepcopy__ with memo, __setstate__, __reduce_ex__),
# exceptions; copy.Error.
import copy

atoms = [None, 1, 2 ** 100, 1.5, True, "s", (1, 2), frozenset({1}), range(3), len, int]
print(all(copy.copy(a) is a and copy.deepcopy(a) is a for a in atoms))
l = [1, [2, 3], {"k": [4]}]
s = copy.copy(l)
d = copy.deepcopy(l)
print(s == l, s is l, s[1] is l[1], d == l, d[1] is l[1], d[2]["k"] is l[2]["k"])
t = (1, [2])
dt = copy.deepcopy(t)
print(dt == t, dt is t, dt[1] is t[1], copy.deepcopy((1, 2)) is not None)
dd = {"a": {1, 2}, "b": ({"x": 1},)}
cd = copy.deepcopy(dd)
print(cd == dd, cd["a"] is dd["a"], cd["b"][0] is dd["b"][0], copy.copy(dd)["a"] is dd["a"])
st = {1, 2, 3}
print(copy.copy(st) == st, copy.copy(st) is st)

r = [1]
r.append(r)
rc = copy.deepcopy(r)
print(rc[1] is rc, rc is not r, rc[0])
shared = [0]
both = [shared, shared]
bc = copy.deepcopy(both)
print(bc[0] is bc[1], bc[0] is not shared)
rd = {}
rd["self"] = rd
print(copy.deepcopy(rd)["self"] is not rd)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
        self.tags = ["p"]

    def __repr__(self):
        return f"Point({self.x}, {self.y}, {self.tags})"


p = Point(1, 2)
pc = copy.copy(p)
pd = copy.deepcopy(p)
print(pc, pd, pc is p, pc.tags is p.tags, pd.tags is p.tags, type(pd).__name__)
print(copy.deepcopy([p, p])[0] is copy.deepcopy([p, p])[1])
m = [p, p]
mc = copy.deepcopy(m)
print(mc[0] is mc[1], mc[0] is not p)


class WithHooks:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        print("__copy__ called")
        return WithHooks(self.v + [1])

    def __deepcopy__(self, memo):
        print("__deepcopy__ called", type(memo).__name__)
        return WithHooks(copy.deepcopy(self.v, memo))


w = WithHooks([1])
print(copy.copy(w).v, copy.deepcopy(w).v)


class Stateful:
    def __init__(self):
        self.a = 1

    def __setstate__(self, state):
        print("setstate", sorted(state))
        for k, v in state.items():
            setattr(self, k, v)
        self.restored = True


sc = copy.copy(Stateful())
print(sc.a if hasattr(sc, "a") else "no a")


class Reduced:
    def __init__(self, n):
        self.n = n

    def __reduce_ex__(self, proto):
        return (Reduced, (self.n * 10,))


print(copy.copy(Reduced(2)).n, copy.deepcopy(Reduced(3)).n)

e = ValueError("bad", 2)
ec = copy.copy(e)
print(type(ec).__name__, ec.args, ec is e)
print(issubclass(copy.Error, Exception), copy.error is copy.Error)
