# fannkuch.py -- fannkuch-redux: for every permutation of 1..n, count the
# prefix reversals ("pancake flips") until 1 comes first; report the
# maximum and the alternating checksum.
# Exercises list slicing and slice assignment, indexing and swaps in loops.
#
# Usage: fannkuch.py [N]   (default N=7; the results for 7 to 10 are checked
# against the published values)
# bench-size: 9
import sys

KNOWN = {7: (228, 16), 8: (1616, 22), 9: (8629, 30), 10: (73196, 38)}


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm = perm1[:]
        flips = 0
        k = perm[0]
        while k:
            perm[: k + 1] = perm[k::-1]
            flips += 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        checksum += sign * flips
        sign = -sign
        while True:
            if r == n:
                return checksum, max_flips
            p0 = perm1[0]
            i = 0
            while i < r:
                j = i + 1
                perm1[i] = perm1[j]
                i = j
            perm1[r] = p0
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    result = fannkuch(n)
    if n in KNOWN and result != KNOWN[n]:
        print("FAIL: fannkuch(%d) = %r, expected %r" % (n, result, KNOWN[n]))
        sys.exit(1)
    print("%d\nPfannkuchen(%d) = %d" % (result[0], n, result[1]))


main()
