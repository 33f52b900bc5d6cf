# pprint: pformat/pprint/pp with width, indent, depth, compact, sort_dicts,
# underscore_numbers; nested containers, long strings, recursion, collections types.
import pprint
from collections import OrderedDict, defaultdict, Counter, deque
from dataclasses import dataclass, field

data = {"name": "gilvm", "versions": [3, 11, 7], "nested": {"z": 1, "a": [1, 2, {"k": "v"}]},
        "tags": ("interp", "gil", "rust"), "empty": {}, "none": None, 10: "int key"}
pprint.pprint({"b": 1, "a": 2})
try:
    pprint.pprint(data)
except TypeError as e:
    print("TypeError", e)
data.pop(10)
pprint.pprint(data)
pprint.pprint(data, width=40)
pprint.pprint(data, width=30, indent=4)
pprint.pprint(data, depth=1)
pprint.pprint(data, depth=2, width=20)
pprint.pprint(data, sort_dicts=False, width=50)
pprint.pp(data, width=50)
print(pprint.pformat(list(range(40))))
print(pprint.pformat(list(range(40)), compact=True))
print(pprint.pformat(list(range(40)), compact=True, width=30, indent=2))
print(pprint.pformat([[1, 2, 3]] * 6, width=25))
print(pprint.pformat((1,), width=1), pprint.pformat(()), pprint.pformat([]), pprint.pformat(set()))
print(pprint.pformat({1, 2, 3}), pprint.pformat(frozenset(range(30)), width=40))
print(pprint.pformat(set(range(30)), width=40))
text = "The quick brown fox jumps over the lazy dog. " * 4
pprint.pprint(text)
pprint.pprint([text, "short"], width=60)
pprint.pprint({"key": "line one\nline two\n" * 5}, width=40)
pprint.pprint(10 ** 12, underscore_numbers=True)
pprint.pprint([10 ** 12, 1234], underscore_numbers=True)
pprint.pprint(123456789, underscore_numbers=False)
rec = [1, 2]
rec.append(rec)
print(pprint.saferepr(rec).startswith("[1, 2, <Recursion on list with id="), pprint.isrecursive(rec))
print(pprint.isreadable([1, "a", None]), pprint.isreadable(object()), pprint.saferepr({"b": 1, "a": [2]}))
d = {"x": 1}
d["self"] = d
print(pprint.pformat(d).startswith("{'self': <Recursion on dict with id="))
mixed = {1: "a", "b": 2, (1, 2): 3, None: 4}
print(pprint.pformat(mixed, width=10).count("\n"))
od = OrderedDict((str(i) * 5, i) for i in range(12))
pprint.pprint(od)
pprint.pprint(OrderedDict())
dd = defaultdict(list, {k: list(range(k)) for k in range(8)})
pprint.pprint(dd)
pprint.pprint(Counter("abracadabra" * 5 + "xyzzy" * 7 + "the quick brown fox"), width=40)
pprint.pprint(deque(range(30)), width=40)
pprint.pprint(deque(range(30), maxlen=40), width=40)


@dataclass
class Point:
    x: int
    y: int
    label: str = "origin"
    history: list = field(default_factory=list)


pprint.pprint(Point(1, 2))
pprint.pprint(Point(1, 2, "a much longer label", list(range(25))), width=40)


class Custom(list):
    def __repr__(self):
        return "Custom(...)"


pprint.pprint([Custom(range(100))] * 3, width=20)


class MyDict(dict):
    pass


pprint.pprint(MyDict({str(i) * 10: i for i in range(6)}))
pp = pprint.PrettyPrinter(width=20, indent=2)
print(pp.pformat({"alpha": [1, 2, 3], "beta": "x" * 10}))
for bad in (dict(indent=-1), dict(depth=0), dict(width=0)):
    try:
        pprint.PrettyPrinter(**bad)
    except ValueError as e:
        print("ValueError", e)
