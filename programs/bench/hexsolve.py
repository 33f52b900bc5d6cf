# hexsolve.py -- a hexagonal-board puzzle solver: count the ways to colour
# the cells of a hexagon of hexagons with K colours so that no two touching
# cells share a colour, by backtracking with candidate sets and forward
# checking (most-constrained cell first).
# Exercises set copying, difference and membership, dicts of neighbour
# lists, recursion and tuple coordinates.
#
# Usage: hexsolve.py [ROUNDS]   (default 1 round; a round solves the 7-cell
# board, checked against a brute-force count, and the 19-cell board, where
# 3 colours admit exactly 6 colourings and 4 colours 127632)
# bench-size: 2
import sys
from itertools import product

DIRS = ((1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1))


def board(radius):
    cells = set()
    for q in range(-radius, radius + 1):
        for r in range(-radius, radius + 1):
            if abs(q + r) <= radius:
                cells.add((q, r))
    neighbours = {}
    for (q, r) in cells:
        neighbours[(q, r)] = [(q + dq, r + dr) for dq, dr in DIRS if (q + dq, r + dr) in cells]
    return sorted(cells), neighbours


def count(cells, neighbours, colours):
    domains = {c: set(range(colours)) for c in cells}
    # Fix the centre's colour: every count is then multiplied by `colours`.
    return colours * search(domains, neighbours, {(0, 0): 0})


def search(domains, neighbours, assigned):
    # Forward-check the latest assignments.
    doms = {}
    for cell, dom in domains.items():
        if cell in assigned:
            continue
        d = set(dom)
        for n in neighbours[cell]:
            if n in assigned:
                d.discard(assigned[n])
        if not d:
            return 0
        doms[cell] = d
    if not doms:
        return 1
    cell = min(doms, key=lambda c: (len(doms[c]), c))
    total = 0
    for colour in sorted(doms[cell]):
        assigned[cell] = colour
        total += search(doms, neighbours, assigned)
        del assigned[cell]
    return total


def brute(cells, neighbours, colours):
    n = 0
    index = {c: i for i, c in enumerate(cells)}
    for colouring in product(range(colours), repeat=len(cells)):
        if all(colouring[index[c]] != colouring[index[m]] for c in cells for m in neighbours[c]):
            n += 1
    return n


KNOWN = {(1, 3): 6, (1, 4): 264, (2, 3): 6, (2, 4): 127632}


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    for rnd in range(rounds):
        for radius in (1, 2):
            for colours in (3, 4):
                cells, neighbours = board(radius)
                got = count(cells, neighbours, colours)
                if rnd == 0 and radius == 1 and got != brute(cells, neighbours, colours):
                    print("FAIL: radius 1, %d colours: %d" % (colours, got))
                    sys.exit(1)
                if got != KNOWN[radius, colours]:
                    print("FAIL: radius %d, %d colours: %d" % (radius, colours, got))
                    sys.exit(1)
                if rnd == 0:
                    print("hexsolve radius=%d cells=%d colours=%d colourings=%d"
                          % (radius, len(cells), colours, got))
    print("hexsolve rounds=%d ok" % rounds)


main()
