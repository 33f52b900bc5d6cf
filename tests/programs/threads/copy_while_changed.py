# Copying a dict with list(), tuple() or sorted() is one step: another thread that
# changes the dict meanwhile never makes the copy fail with "dictionary changed size
# during iteration". Under the GIL the copy is native code the GIL is never given up
# in; under `gilvm run --gil off` it is made under one hold of the dict's lock.
import threading

d = {i: i for i in range(200)}
stop = threading.Event()


def writer():
    i = 0
    while not stop.is_set():
        d[1000 + i % 50] = i
        if i % 2:
            d.pop(1000 + (i // 2) % 50, None)
        i += 1


t = threading.Thread(target=writer)
t.start()
errors = 0
sizes_ok = True
for _ in range(3000):
    try:
        items = list(d.items())
        keys = tuple(d.keys())
        values = list(d.values())
        order = sorted(d)
        sizes_ok = sizes_ok and len(items) >= 200 and len(keys) >= 200
        sizes_ok = sizes_ok and len(values) >= 200 and len(order) >= 200
    except RuntimeError as e:
        errors += 1
stop.set()
t.join()
print("copies that failed:", errors)
print("every copy had the 200 fixed keys:", sizes_ok)
