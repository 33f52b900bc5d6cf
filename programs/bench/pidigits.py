# pidigits.py -- digits of pi from Gibbons' unbounded spigot: exact integer
# arithmetic on numbers that grow to thousands of digits.
# Exercises bigint multiply, add, floor division and comparison.
#
# Usage: pidigits.py [N]   (default 200 digits; the first 100 are checked
# against the known expansion, and all N against the digit sum CPython
# prints)
# bench-size: 3000
import sys

PI100 = ("3141592653589793238462643383279502884197169399375105820974944592"
         "307816406286208998628034825342117067")


def digits(n):
    q, r, t, k, m, x = 1, 0, 1, 1, 3, 3
    out = []
    while len(out) < n:
        if 4 * q + r - t < m * t:
            out.append(m)
            q, r, m = 10 * q, 10 * (r - m * t), (10 * (3 * q + r)) // t - 10 * m
        else:
            q, r, t, k, m, x = q * k, (2 * q + r) * x, t * x, k + 1, (q * (7 * k + 2) + r * x) // (t * x), x + 2
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    ds = digits(n)
    text = "".join(map(str, ds))
    if not text.startswith(PI100[: min(n, 100)]):
        print("FAIL: digits", text[:100])
        sys.exit(1)
    print("pidigits n=%d sum=%d last10=%s" % (n, sum(ds), text[-10:]))


main()
