# unpack_list.py -- micro-benchmark: `a, b = some_list` on exact two-item
# lists (UNPACK_SEQUENCE on a list), the issue-14 outlier at 3.5x CPython.
#
# Usage: unpack_list.py [N]   (default 20000 unpackings; the sum is checked)
# bench-size: 3000000
import sys


def run(n):
    pair = [3, 4]
    s = 0
    for _ in range(n):
        a, b = pair
        s += a - b
    return s


n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
got = run(n)
if got != -n:
    print("FAIL: sum", got)
    sys.exit(1)
print("unpack_list n=%d sum=%d" % (n, got))
