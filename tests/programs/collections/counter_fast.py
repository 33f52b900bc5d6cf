# Counter counts straight into its dict when its class keeps dict's get and
# __setitem__ (CPython's _count_elements does the same); a subclass overriding
# either is called for every element.
from collections import Counter
W = ("the quick brown fox jumps over the lazy dog " * (200000 // 9)).split()
c = Counter(W)
print(c.most_common(3), c["the"], c["nope"])
class Logged(Counter):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)
print(Logged("aab"))
class G(Counter):
    def get(self, k, default=None):
        return 10
print(G("ab"))
c = Counter({"a": 1.5, "b": 2**63 - 1})
c.update("aab")
print(c)
print(Counter([1, 1.0, True, 2]))
c = Counter("abc"); c.update(["a"]); c.update({"a": 5}); print(c)
