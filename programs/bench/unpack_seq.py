# unpack_seq.py -- tuple and list unpacking in tight loops: swaps, pairs
# drawn from lists of tuples and of lists, `for a, b in ...` targets, and
# starred unpacking.
# Exercises UNPACK_SEQUENCE on exact tuples and lists, BUILD_TUPLE and
# UNPACK_EX.
#
# Usage: unpack_seq.py [N]   (default 2000 rounds)
# bench-size: 150000
import sys


def swaps(n):
    a, b, c = 1, 2, 3
    for _ in range(n):
        a, b = b, a
        a, b, c = c, a, b
    return a * 100 + b * 10 + c


def from_tuples(pairs, rounds):
    s = 0
    for _ in range(rounds):
        for p in pairs:
            x, y = p
            s += x - y
    return s


def from_lists(pairs, rounds):
    s = 0
    for _ in range(rounds):
        for p in pairs:
            x, y = p
            s += x * y
    return s


def for_targets(triples, rounds):
    s = 0
    for _ in range(rounds):
        for a, b, c in triples:
            s += a + b - c
    return s


def starred(rows, rounds):
    s = 0
    for _ in range(rounds):
        for row in rows:
            first, *rest = row
            s += first + len(rest)
    return s


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    tuples = [(i, i * 2) for i in range(10)]
    lists = [[i, i + 1] for i in range(10)]
    triples = [(i, i, i + 1) for i in range(10)]
    rows = [list(range(i % 4 + 1)) for i in range(10)]
    r = (swaps(n * 10), from_tuples(tuples, n), from_lists(lists, n),
         for_targets(triples, n), starred(rows, n // 4))
    if r[1] != -45 * n or r[2] != 330 * n or r[3] != 35 * n:
        print("FAIL:", r)
        sys.exit(1)
    print("unpack_seq n=%d results=%r" % (n, r))


main()
