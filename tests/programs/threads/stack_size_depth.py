# python3: skip (CPython bounds a nested repr by its recursion limit, not by the stack, and crashes on one with a 32 KiB thread stack)
# A thread's native-recursion guard measures its own stack: the deeper the list a
# nested repr can print, the bigger the stack threading.stack_size() gave the thread,
# and even 32 KiB ends in RecursionError, not a crash.
import threading


def depth():
    # The deepest nested list (up to 32768 levels) whose repr succeeds.
    lo, hi = 1, 1 << 15
    while lo < hi:
        mid = (lo + hi + 1) // 2
        x = []
        for _ in range(mid):
            x = [x]
        try:
            repr(x)
            lo = mid
        except RecursionError:
            hi = mid - 1
    return lo


found = {}
for size in [32768, 1 << 20, 16 << 20, 0]:
    threading.stack_size(size)
    t = threading.Thread(target=lambda: found.__setitem__(size, depth()))
    t.start()
    t.join()
print(found[32768] < found[1 << 20] < found[16 << 20] < found[0])
