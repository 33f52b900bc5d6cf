# nqueens.py -- n-queens by brute force over permutations: a permutation of
# the columns is a solution when its rising and falling diagonals are all
# distinct, which sets of i+col and i-col decide.
# Exercises itertools.permutations, generator expressions and set building.
#
# Usage: nqueens.py [N]   (default N=6; the count of solutions is checked
# against the known sequence 1, 0, 0, 2, 10, 4, 40, 92, 352)
# bench-size: 9
import sys
from itertools import permutations

KNOWN = {1: 1, 2: 0, 3: 0, 4: 2, 5: 10, 6: 4, 7: 40, 8: 92, 9: 352}


def solutions(n):
    cols = range(n)
    for vec in permutations(cols):
        if n == len({vec[i] + i for i in cols}) == len({vec[i] - i for i in cols}):
            yield vec


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    found = list(solutions(n))
    if n in KNOWN and len(found) != KNOWN[n]:
        print("FAIL: %d-queens has %d solutions, found %d" % (n, KNOWN[n], len(found)))
        sys.exit(1)
    print("nqueens n=%d solutions=%d first=%r" % (n, len(found), found[0] if found else None))


main()
