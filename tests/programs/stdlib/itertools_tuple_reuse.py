# Combinatoric iterators and zip refill their last tuple when the consumer dropped it
# (as CPython does): tuples the consumer kept must never change, whether it keeps
# all, some or none of them.
from itertools import combinations, combinations_with_replacement, permutations, product


def check(name, make):
    expected = [tuple(t) for t in make()]
    kept = []
    for i, t in enumerate(make()):
        if i % 3 == 0:
            kept.append((i, t))
        elif i % 3 == 1:
            a = t  # held across the next step, then dropped
    unpacked = [list(t) for t in make()]
    print(name, len(expected), all(expected[i] == t for i, t in kept),
          unpacked == [list(t) for t in expected], list(make()) == expected,
          len({id(t) for t in list(make())}) == len(expected))


check("product", lambda: product("ab", range(3), repeat=2))
check("product1", lambda: product(range(4)))
check("product0", lambda: product())
check("permutations", lambda: permutations(range(5), 3))
check("combinations", lambda: combinations("abcdef", 3))
check("cwr", lambda: combinations_with_replacement(range(4), 3))
check("zip", lambda: zip(range(20), "abcdefghijklmnopqrstuvwxyz", range(100, 200)))
check("zip1", lambda: zip(range(7)))

s = 0
for a, b in combinations(range(50), 2):
    s += a * b
for x, y, z in product(range(5), repeat=3):
    s += x - y + z
for a, b in zip(range(1000), range(1000, 2000)):
    s += b - a
print(s)

held = []
for t in zip("xyz", range(3)):
    held.append(t)
    held.append(t)
print(held, held[0] is held[1])
