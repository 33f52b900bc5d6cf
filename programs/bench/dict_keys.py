# dict_keys.py -- dict-heavy code keyed by user objects: a sparse grid of
# cells keyed by a Point class with its own __hash__ and __eq__, updated by
# a Game-of-Life-like rule, plus a memo table keyed by a frozen pair class.
# Exercises dict lookup, insertion and `in` with user-defined __hash__ and
# __eq__ called from inside the dict.
#
# Usage: dict_keys.py [N]   (default 4 generations)
# bench-size: 250
import sys


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __hash__(self):
        return hash((self.x, self.y))

    def __eq__(self, other):
        return self.x == other.x and self.y == other.y


class Pair:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def __hash__(self):
        return self.a * 1000003 ^ self.b

    def __eq__(self, other):
        return isinstance(other, Pair) and self.a == other.a and self.b == other.b


def step(live):
    counts = {}
    for p in live:
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if dx or dy:
                    q = Point(p.x + dx, p.y + dy)
                    counts[q] = counts.get(q, 0) + 1
    new = {}
    for q, c in counts.items():
        if c == 3 or c == 2 and q in live:
            new[q] = True
    return new


def paths(a, b, memo):
    if a == 0 or b == 0:
        return 1
    key = Pair(a, b)
    if key in memo:
        return memo[key]
    v = paths(a - 1, b, memo) + paths(a, b - 1, memo)
    memo[key] = v
    return v


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    # An R-pentomino and a glider, far apart.
    live = {Point(x, y): True for (x, y) in ((1, 0), (2, 0), (0, 1), (1, 1), (1, 2),
                                              (40, 40), (41, 41), (39, 42), (40, 42), (41, 42))}
    for _ in range(n):
        live = step(live)
    memo = {}
    p = paths(30, 30, memo)
    if p != 118264581564861424:  # C(60, 30)
        print("FAIL: paths", p)
        sys.exit(1)
    if len(memo) != 900:
        print("FAIL: memo size", len(memo))
        sys.exit(1)
    xs = sum(q.x for q in live)
    print("dict_keys generations=%d live=%d xsum=%d paths=%d" % (n, len(live), xs, p))


main()
