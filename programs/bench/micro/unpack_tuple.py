# unpack_tuple.py -- micro-benchmark: `a, b = some_tuple` and `a, b = b, a`
# in a tight loop (UNPACK_SEQUENCE on an exact tuple), the issue-14 outlier
# at 2.3x CPython.
#
# Usage: unpack_tuple.py [N]   (default 20000 rounds; the results are checked)
# bench-size: 3000000
import sys


def run(n):
    pair = (3, 4)
    a, b = 1, 2
    s = 0
    for _ in range(n):
        x, y = pair
        a, b = b, a
        s += x - y
    return s, a, b


n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
got = run(n)
if got != (-n, 1, 2) if n % 2 == 0 else got != (-n, 2, 1):
    print("FAIL:", got)
    sys.exit(1)
print("unpack_tuple n=%d result=%r" % (n, got))
