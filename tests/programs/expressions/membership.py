# in / not in on lists, tuples, strings, dicts, sets, ranges; is / is not.
lst = [1, 2, [3, 4], "five"]
print(1 in lst, 3 in lst, [3, 4] in lst, "five" in lst, "fiv" in lst, 6 not in lst)
print(2 in (1, 2, 3), 4 in (), (1, 2) in [(1, 2)], 1.0 in [1], True in [1])
s = "hello world"
print("lo w" in s, "" in s, "xyz" in s, "H" in s, "o" not in s, "hello" in s)
d = {"a": 1, "b": 2}
print("a" in d, 1 in d, "c" not in d, 1 in d.values(), "b" in d.keys())
print(("a", 1) in d.items())
st = {1, 2, 3}
print(2 in st, 5 in st, 5 not in st, frozenset([1]) in {frozenset([1])})
print(5 in range(10), 10 in range(10), 4 in range(0, 10, 2), 3 in range(0, 10, 2))
print(-3 in range(-5, 0), 0 in range(-5, 0))
x = None
print(x is None, x is not None, None is None)
a = [1]
b = a
c = [1]
print(a is b, a is c, a == c, a is not c)
print(True is True, False is not True)
class Box:
    def __init__(self, items):
        self.items = items
    def __contains__(self, item):
        print("contains called with", item)
        return item in self.items
box = Box([1, 2])
print(1 in box, 3 in box, 3 not in box)
class Seq:
    def __iter__(self):
        return iter([10, 20, 30])
print(20 in Seq(), 25 in Seq())
print([] in [[]], {} in [{}], "a" in ["a", "b"], "ab" in ["a", "b"])
print(any(c in "aeiou" for c in "rhythm"), all(c in "aeiou" for c in "aei"))
