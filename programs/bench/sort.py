# sort.py -- list sorting: ints, tuples, key functions, reverse, stability,
# list.sort and sorted, on data from a linear congruential generator (LCG).
#
# Usage: sort.py [N]   (default N=5000 items)
# The built-in sort is checked against a merge sort written here, and
# stability and reverse order are checked directly.
# bench-size: 50000
import sys


def lcg_values(seed, n, modulus):
    out = []
    state = seed
    for _ in range(n):
        state = (state * 6364136223846793005 + 1442695040888963407) % 18446744073709551616
        out.append((state >> 33) % modulus)
    return out


def merge_sort(items, key):
    # bottom-up merge sort, stable, independent of the built-in sort
    src = list(items)
    n = len(src)
    width = 1
    while width < n:
        dst = []
        lo = 0
        while lo < n:
            mid = min(lo + width, n)
            hi = min(lo + 2 * width, n)
            i = lo
            j = mid
            while i < mid and j < hi:
                if key(src[j]) < key(src[i]):
                    dst.append(src[j])
                    j += 1
                else:
                    dst.append(src[i])
                    i += 1
            while i < mid:
                dst.append(src[i])
                i += 1
            while j < hi:
                dst.append(src[j])
                j += 1
            lo = hi
        src = dst
        width *= 2
    return src


def identity(x):
    return x


def main():
    n = 5000
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    ok = True

    ints = lcg_values(7, n, 1000000)
    a = sorted(ints)
    if a != merge_sort(ints, identity):
        print("FAIL: sorted(ints) differs from merge sort")
        ok = False
    b = list(ints)
    b.sort(reverse=True)
    if b != a[::-1]:
        print("FAIL: sort(reverse=True) is not the reverse")
        ok = False

    # tuples (bucket, original position): sort by bucket only, via a key;
    # a stable sort keeps positions increasing inside each bucket
    buckets = lcg_values(11, n, 97)
    pairs = [(buckets[i], i) for i in range(n)]
    by_bucket = sorted(pairs, key=lambda p: p[0])
    for k in range(1, n):
        prev = by_bucket[k - 1]
        cur = by_bucket[k]
        if prev[0] > cur[0] or (prev[0] == cur[0] and prev[1] > cur[1]):
            print(f"FAIL: not sorted or not stable at {k}")
            ok = False
            break
    if by_bucket != merge_sort(pairs, lambda p: p[0]):
        print("FAIL: key sort differs from merge sort")
        ok = False

    # whole-tuple comparison, negative keys and string keys
    words = [f"w{v % 1000:03d}" for v in ints[: n // 4]]
    by_word = sorted(words, key=lambda w: (w[-1], w))
    if by_word != merge_sort(words, lambda w: (w[-1], w)):
        print("FAIL: string-key sort differs from merge sort")
        ok = False
    desc = sorted(ints, key=lambda v: -v)
    if desc != b:
        print("FAIL: key=-v differs from reverse sort")
        ok = False

    total = 0
    for k in range(0, n, max(1, n // 100)):
        total = (total * 31 + a[k]) % 1000000007
    print(f"sort({n}): min={a[0]} max={a[-1]} median={a[n // 2]} "
          f"first_word={by_word[0]} sample_checksum={total}")
    if not ok:
        sys.exit(1)


main()
