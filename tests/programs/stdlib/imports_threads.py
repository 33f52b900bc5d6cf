# A second thread importing a module whose code is still running in the first waits
# for it to finish (CPython's per-module import lock), so it never sees it half-built.
import threading

results = []


def worker():
    import _slow_init
    results.append(_slow_init.READY)


threads = [threading.Thread(target=worker) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(results)
