# loops.py -- nested integer loops with arithmetic (for and while loops,
# +, -, *, //, %, ^, &, comparisons).
#
# Usage: loops.py [N]   (an N x N nested loop; default N=500)
# The sums are checked against closed forms computed without loops.
# bench-size: 1500
import sys


def run(n):
    total = 0       # sum of i*j over all pairs
    diag = 0        # number of pairs with i == j
    mix = 0         # sum of (i + j) % 7 over all pairs
    bits = 0        # running xor-and-mask checksum
    for i in range(n):
        j = 0
        while j < n:
            total += i * j
            if i == j:
                diag += 1
            mix += (i + j) % 7
            bits = ((bits * 31) ^ (i - j)) & 0xFFFFFF
            j += 1
    return total, diag, mix, bits


def mix_closed_form(n):
    # count how many i (and j) fall in each residue class mod 7, then combine
    counts = [0] * 7
    q, r = divmod(n, 7)
    for k in range(7):
        counts[k] = q + (1 if k < r else 0)
    s = 0
    for a in range(7):
        for b in range(7):
            s += counts[a] * counts[b] * ((a + b) % 7)
    return s


def main():
    n = 500
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    total, diag, mix, bits = run(n)
    tri = n * (n - 1) // 2
    ok = True
    if total != tri * tri:
        print(f"FAIL: total {total} != {tri * tri}")
        ok = False
    if diag != n:
        print(f"FAIL: diag {diag} != {n}")
        ok = False
    if mix != mix_closed_form(n):
        print(f"FAIL: mix {mix} != {mix_closed_form(n)}")
        ok = False
    if n == 500 and bits != EXPECTED_BITS_500:
        print(f"FAIL: bits {bits} != {EXPECTED_BITS_500}")
        ok = False
    if not ok:
        sys.exit(1)
    print(f"loops({n}): total={total} diag={diag} mix={mix} bits={bits}")


EXPECTED_BITS_500 = 2944792
main()
