# enumerate refills its last (index, item) tuple only when nobody else holds it:
# every tuple a program keeps stays as it was.
import gc

pairs = list(enumerate("abc"))
print(pairs, len({id(p) for p in pairs}))

kept = []
for t in enumerate([10, 20, 30], start=5):
    kept.append(t)
print(kept)

e = enumerate("xyz")
first = next(e)
second = next(e)
print(first, second, first is second)

# Unpacked at once: the values are right every time, whatever the reuse.
total = 0
for i, x in enumerate(range(100, 110)):
    total += i * x
print(total)


class Noisy:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        print("freed", self.n)


# The old item is released when the tuple is refilled.
for i, obj in enumerate([Noisy(1), Noisy(2)] and map(Noisy, [3, 4])):
    print("got", i, obj.n)
del obj
print("loop done")

# A tuple reachable through gc is not changed under it.
seen = []
for t in enumerate("pq"):
    seen.extend(o for o in gc.get_referrers(t) if o is seen)
    print(t)
big = 2**70
print(list(enumerate([1, 2], start=big)))
