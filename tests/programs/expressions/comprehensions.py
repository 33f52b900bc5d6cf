# List/dict/set comprehensions (nested, conditions) and generator expressions.
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in range(x)])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
print([c.upper() for c in "hello" if c != "l"])
print({x: x * x for x in range(5)})
print({k: v for k, v in [("a", 1), ("b", 2)] if v > 1})
print(sorted({x % 4 for x in range(20)}), {c for c in "aaa"})
print(sum(x * x for x in range(10)), max(len(w) for w in ["a", "abc", "ab"]))
print(list(x for x in "abc"), tuple(i for i in range(3)))
g = (n * 2 for n in range(3))
print(next(g), next(g), next(g), next(g, "done"))
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for row in matrix for i in range(len(row))])
print([[row[i] for row in matrix] for i in range(3)])
print([x if x % 2 else -x for x in range(6)])
print({w: len(w) for w in "the quick brown fox".split()})
print(dict((i, str(i)) for i in range(3)))
x = "outer"
r = [x for x in range(3)]
print(x, r)
n = 10
print([n + i for i in range(3)], [[n for n in range(2)] for _ in range(2)], n)
print(any(v > 4 for v in [1, 5]), all(v > 0 for v in []), any([]))
words = ["apple", "bob", "kayak", "tree"]
print([w for w in words if w == w[::-1]])
print(sorted({(a, b) for a in range(2) for b in range(2)}))
print([i for i in range(3)] + [j for j in range(3, 0, -1)])
pairs = [(k, v) for k, v in enumerate("xyz", start=1)]
print(pairs, dict(pairs))
print(sum(1 for _ in range(1000)), len([0 for _ in "abc"]))
flat = [item for sub in [[1, 2], [], [3]] for item in sub]
print(flat)
funcs = [lambda: i for i in range(3)]
print([fn() for fn in funcs])
print(sorted(set(c for c in "mississippi")))
