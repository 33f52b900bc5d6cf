# fib35.py -- micro-benchmark: recursive calls, fib(35) at the bench size
# (the issue-14 outlier at 1.4x CPython).
#
# Usage: fib35.py [N]   (default N=20; checked against an iterative fib)
# bench-size: 35
import sys


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
a, b = 0, 1
for _ in range(n):
    a, b = b, a + b
got = fib(n)
if got != a:
    print("FAIL: fib(%d) = %d, expected %d" % (n, got, a))
    sys.exit(1)
print("fib(%d) = %d" % (n, got))
