# Generator expressions: laziness, single use, scoping of the first iterable.
data = [1, 2, 3]
g = (x * 10 for x in data)
data.append(4)
print(list(g))
data = [1, 2]
g = (x for x in data)
data = [9, 9, 9]
print(list(g))
g = (x for x in range(3))
print(sum(g), sum(g))
print(sorted((c for c in "banana"), reverse=True))
print(max((len(w), w) for w in ["aa", "bbb", "c"]), min(abs(v) for v in [-3, 2, -1]))
print("".join(str(i) for i in range(5)), tuple(x % 3 for x in range(7)))
print(any(x > 2 for x in [1, 2, 3]), all(x for x in [1, 0, 2]))
evaluated = []
def check(v):
    evaluated.append(v)
    return v > 1
print(any(check(v) for v in [0, 1, 2, 3, 4]), evaluated)
n = 3
print(list(i * n for i in range(n)))
gens = [(i * j for j in range(3)) for i in range(3)]
print([list(gg) for gg in gens])
nested = ((i, j) for i in range(2) for j in "ab")
print(next(nested), list(nested))
print(dict((k, len(k)) for k in ["one", "three"]), set(x % 2 for x in range(5)) == {0, 1})
lines = ["3", "x", "4", "", "5"]
nums = (int(s) for s in lines if s.isdigit())
print(sum(nums))
squares = (i * i for i in range(1, 1000000000))
print([next(squares) for _ in range(5)])
