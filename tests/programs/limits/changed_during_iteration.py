# Sets, dicts and lists changed while they are iterated or sorted raise CPython's
# errors instead of going on with a stale snapshot.
import threading

def attempt(label, f):
    try:
        f()
        print(label, "no error")
    except (RuntimeError, ValueError) as e:
        print(label, type(e).__name__, e)

def add_during():
    s = {1, 2, 3}
    for x in s:
        s.add(x + 10)

def discard_during():
    s = {1, 2, 3}
    for x in s:
        s.discard(x)

def update_in_comprehension():
    s = set(range(5))
    [s.update({100 + x}) for x in s]

def pop_during():
    s = {1, 2, 3}
    for x in s:
        s.pop()

def same_size_is_fine():
    s = {1, 2, 3}
    seen = []
    for x in s:
        s.remove(x)
        s.add(x)
        seen.append(x)
    print("  same size:", sorted(seen), sorted(s))

def sticky():
    s = {1, 2}
    it = iter(s)
    next(it)
    s.add(5)
    for _ in range(2):
        try:
            next(it)
        except RuntimeError as e:
            print("  sticky:", e)

def reversed_dict():
    d = {1: 1, 2: 2}
    for k in reversed(d):
        d[k + 10] = 1

def reversed_keys_view():
    d = {1: 1, 2: 2}
    for k in reversed(d.keys()):
        del d[k]

def reversed_items_view():
    d = {1: 1, 2: 2}
    for k, v in reversed(d.items()):
        d.pop(k)

def max_key_changes_dict():
    d = {1: 1, 2: 2, 3: 3}
    max(d, key=lambda k: d.setdefault(k + 10, 0))

def min_key_changes_set():
    s = {1, 2, 3}
    min(s, key=lambda k: s.add(k + 10) or k)

def sort_append_pop():
    l = [3, 1, 2]
    def key(x):
        l.append(1)
        l.pop()
        return x
    l.sort(key=key)

def sort_append():
    l = [3, 1, 2]
    l.sort(key=lambda x: l.append(x) or x)

def sort_changed_by_thread():
    l = [3, 1, 2]
    def other():
        l.append(99)
    def key(x):
        if x == 3:
            t = threading.Thread(target=other)
            t.start()
            t.join()
        return x
    l.sort(key=key)

for name, f in list(globals().items()):
    if callable(f) and getattr(f, "__module__", None) == "__main__" and name != "attempt":
        if name in ("same_size_is_fine", "sticky"):
            print(name)
            f()
        else:
            attempt(name, f)
