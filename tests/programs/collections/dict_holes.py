# Deleting from a dict or set leaves a hole that a later compaction closes (as
# CPython's dict does): order, lookups, iteration, popitem and length hints must not
# notice, and deleting every key oldest first stays linear (100,000 keys here).
import operator
from collections import OrderedDict

d = {i: i * i for i in range(20)}
for i in range(0, 20, 2):
    del d[i]
print(list(d), len(d))
d[0] = "back"
d[3] = "replaced"
print(list(d.items())[:3], list(d)[-1])
print(d.popitem(), d.popitem(), len(d))
it = iter(d)
next(it)
print(operator.length_hint(it), len(list(it)))
for k in list(d):
    if k % 3:
        del d[k]
print(d, list(reversed(d)))
print(d == {3: "replaced", 9: 81, 15: 225}, dict(d), {**d}, d | {1: 1})

try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print("RuntimeError:", e)

big = {i: i for i in range(100000)}
for i in range(99990):
    del big[i]
print(list(big), sum(big.values()), big.get(5), 99995 in big)
while big:
    big.pop(next(iter(big)))
print(big, len(big))
big[1] = 2
print(big)

s = set(range(100000))
for i in range(99995):
    s.remove(i)
print(sorted(s), 99999 in s, 3 in s)
s.discard(99999)
s.add(7)
print(sorted(s), s.pop() in {99995, 99996, 99997, 99998, 7}, len(s))
t = {1, 2, 3, 4, 5}
t.remove(1)
t.remove(3)
print(t, sorted(t | {9}), t & {2, 5}, t - {4}, t ^ {5, 6})

od = OrderedDict((i, str(i)) for i in range(10))
print(od.popitem(last=False), od.popitem(), list(od))
od.move_to_end(1)
od.move_to_end(8, last=False)
print(list(od))
fifo = OrderedDict((i, i) for i in range(100000))
while len(fifo) > 3:
    fifo.popitem(last=False)
print(fifo)

g = globals()
g["temp_name"] = 1
def read():
    return temp_name
print(read())
del g["temp_name"]
try:
    read()
except NameError as e:
    print("NameError:", e)
g["temp_name"] = 2
print(read())
