# dict_user_hash.py -- micro-benchmark: dict lookups whose keys are instances
# of a class with its own __hash__ and __eq__ (the issue-14 outlier at 5.1x
# CPython), and the same two methods called directly (3.1x).
#
# Usage: dict_user_hash.py [N]   (default 20000 rounds; counts are checked)
# bench-size: 400000
import sys


class Key:
    def __init__(self, v):
        self.v = v

    def __hash__(self):
        return self.v

    def __eq__(self, other):
        return self.v == other.v


def lookups(n):
    keys = [Key(i) for i in range(8)]
    d = {k: k.v for k in keys}
    probes = [Key(i) for i in range(8)]
    s = 0
    for i in range(n):
        s += d[probes[i & 7]]
    return s


def direct(n):
    a = Key(5)
    b = Key(5)
    same = 0
    for _ in range(n):
        if a.__eq__(b) and a.__hash__() == b.__hash__():
            same += 1
    return same


n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
s = lookups(n)
same = direct(n // 4)
if s != (n // 8) * 28 + sum(range(n % 8)) or same != n // 4:
    print("FAIL:", s, same)
    sys.exit(1)
print("dict_user_hash n=%d sum=%d same=%d" % (n, s, same))
