# generators.py -- generator trees and pipelines: in-order walks of a binary
# tree through recursive `yield from`, chained generator expressions, and a
# hand-written generator driven by send().
# Exercises generator creation, resumption and `yield from` delegation.
#
# Usage: generators.py [N]   (default 10 walks of a 1023-node tree)
# bench-size: 300
import sys


class Node:
    def __init__(self, left, value, right):
        self.left = left
        self.value = value
        self.right = right


def build(lo, hi):
    if lo > hi:
        return None
    mid = (lo + hi) // 2
    return Node(build(lo, mid - 1), mid, build(mid + 1, hi))


def walk(node):
    if node is not None:
        yield from walk(node.left)
        yield node.value
        yield from walk(node.right)


def running_total():
    total = 0
    while True:
        x = yield total
        total += x


def pipeline(n):
    evens = (x for x in range(n) if x % 2 == 0)
    squares = (x * x for x in evens)
    return sum(s % 7 for s in squares)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    tree = build(0, 1022)
    acc = running_total()
    next(acc)
    walked = 0
    piped = 0
    for _ in range(n):
        prev = -1
        for v in walk(tree):
            if v != prev + 1:
                print("FAIL: walk out of order at", v)
                sys.exit(1)
            prev = v
            walked = acc.send(v)
        piped += pipeline(2000)
    want = n * (1022 * 1023 // 2)
    if walked != want:
        print("FAIL: walked sum", walked, "expected", want)
        sys.exit(1)
    print("generators walks=%d walk-sum=%d pipeline-sum=%d" % (n, walked, piped))


main()
