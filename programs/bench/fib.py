# fib.py -- recursive Fibonacci: function calls, integer adds, comparisons.
#
# Usage: fib.py [N]   (default N=26; the result is checked against an
# iterative computation, so a wrong answer exits with status 1)
# bench-size: 32
import sys


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def fib_iter(n):
    a = 0
    b = 1
    for _ in range(n):
        t = a + b
        a = b
        b = t
    return a


def main():
    n = 26
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    got = fib(n)
    want = fib_iter(n)
    if got != want:
        print(f"FAIL: fib({n}) = {got}, expected {want}")
        sys.exit(1)
    if n == 26 and got != 121393:
        print(f"FAIL: fib(26) = {got}, expected 121393")
        sys.exit(1)
    print(f"fib({n}) = {got}")


main()
