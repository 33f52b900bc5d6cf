# chaos.py -- the chaos game: a point jumps a random fraction of the way
# towards randomly chosen corners of affine maps (a Sierpinski triangle and a
# Barnsley fern), and the visited cells of a grid are counted.
# Exercises float objects in classes, seeded `random` (numbers as CPython's
# Mersenne Twister), method calls and a dict of hit counts.
#
# Usage: chaos.py [N]   (default 20000 jumps per figure)
# bench-size: 300000
import random
import sys


class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def towards(self, other, frac):
        return Point(self.x + (other.x - self.x) * frac, self.y + (other.y - self.y) * frac)

    def cell(self, n):
        return (int(self.x * n), int(self.y * n))


class Affine:
    def __init__(self, a, b, c, d, e, f, weight):
        self.a, self.b, self.c, self.d, self.e, self.f = a, b, c, d, e, f
        self.weight = weight

    def apply(self, p):
        return Point(self.a * p.x + self.b * p.y + self.e, self.c * p.x + self.d * p.y + self.f)


def sierpinski(n, rng):
    corners = [Point(0.0, 0.0), Point(1.0, 0.0), Point(0.5, 0.866)]
    p = Point(0.3, 0.3)
    grid = {}
    for _ in range(n):
        p = p.towards(rng.choice(corners), 0.5)
        c = p.cell(64)
        grid[c] = grid.get(c, 0) + 1
    return grid


def fern(n, rng):
    maps = [
        Affine(0.0, 0.0, 0.0, 0.16, 0.0, 0.0, 0.01),
        Affine(0.85, 0.04, -0.04, 0.85, 0.0, 1.6, 0.85),
        Affine(0.2, -0.26, 0.23, 0.22, 0.0, 1.6, 0.07),
        Affine(-0.15, 0.28, 0.26, 0.24, 0.0, 0.44, 0.07),
    ]
    p = Point(0.0, 0.0)
    grid = {}
    for _ in range(n):
        r = rng.random()
        for m in maps:
            r -= m.weight
            if r < 0.0:
                break
        p = m.apply(p)
        c = (int((p.x + 3.0) * 10.0), int(p.y * 10.0))
        grid[c] = grid.get(c, 0) + 1
    return grid


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    rng = random.Random(1234)
    s = sierpinski(n, rng)
    f = fern(n, rng)
    if sum(s.values()) != n or sum(f.values()) != n:
        print("FAIL: lost points")
        sys.exit(1)
    top = max(f.items(), key=lambda kv: (kv[1], kv[0]))
    print("chaos n=%d sierpinski cells=%d fern cells=%d busiest=%r" % (n, len(s), len(f), top))


main()
