# Eight threads append to, pop from, set and delete in one shared list, dict and set
# and one object's attributes, then every container's invariants are checked. Under
# the GIL that is ordinary; under `gilvm run --gil off` (the corpus runs every script
# that way too) the threads really run at once, and the interpreter must stay sound:
# no crash, no torn container, counts that add up. `scripts/gil-off-stress` runs it
# for 30 s (`--seconds 30`); here each thread does a fixed number of steps.
import random
import sys
import threading
import time

THREADS = 8
STEPS = 6000
SECONDS = float(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[1] == "--seconds" else None

shared_list = []
shared_dict = {}
shared_set = set()


class Obj:
    pass


obj = Obj()
appended = [0] * THREADS
popped = [0] * THREADS
steps = [0] * THREADS
deadline = None if SECONDS is None else time.monotonic() + SECONDS


def worker(k):
    rng = random.Random(k)
    n = 0
    while (n < STEPS) if deadline is None else (n % 256 or time.monotonic() < deadline):
        r = rng.random()
        key = rng.randrange(500)
        if r < 0.25:
            shared_list.append((k, n))
            appended[k] += 1
        elif r < 0.40:
            try:
                shared_list.pop()
                popped[k] += 1
            except IndexError:
                pass
        elif r < 0.55:
            shared_dict[key] = [k, n]
        elif r < 0.65:
            shared_dict.pop(key, None)
        elif r < 0.75:
            shared_set.add(key)
        elif r < 0.80:
            shared_set.discard(key)
        elif r < 0.88:
            setattr(obj, "a%d" % (key % 40), n)
        elif r < 0.91:
            try:
                delattr(obj, "a%d" % (key % 40))
            except AttributeError:
                pass
        elif r < 0.96:
            snapshot = shared_dict.copy()
            assert all(isinstance(v, list) and len(v) == 2 for v in snapshot.values())
            sorted(shared_set.copy())
        else:
            tail = shared_list[-5:]
            assert all(isinstance(t, tuple) and len(t) == 2 for t in tail)
            len(obj.__dict__)
        n += 1
    steps[k] = n


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()

# Every append and pop that returned normally took effect exactly once.
assert len(shared_list) == sum(appended) - sum(popped), (len(shared_list), sum(appended), sum(popped))
assert all(isinstance(t, tuple) and len(t) == 2 for t in shared_list)
for key, v in shared_dict.items():
    assert 0 <= key < 500 and shared_dict[key] is v and len(v) == 2
assert len(shared_dict) == len(list(shared_dict)) == len(shared_dict.copy())
assert all(x in shared_set and 0 <= x < 500 for x in shared_set)
assert len(shared_set) == len(list(shared_set))
for name, v in vars(obj).items():
    assert getattr(obj, name) == v
assert all(s >= STEPS for s in steps) or SECONDS is not None
print("threads:", THREADS, "steps each:", STEPS if SECONDS is None else "timed")
print("list, dict, set and attributes consistent")
