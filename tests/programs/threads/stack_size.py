# threading.stack_size / _thread.stack_size: the previous setting comes back, sizes
# below 32768 and negative or non-int sizes are refused with CPython's messages, a call
# without a size sets 0 (as in CPython), and threads started under a small or a large
# setting run (no deep native recursion here: CPython's threads crash on it with a
# 32 KiB stack).
import threading
import _thread

print(threading.stack_size is _thread.stack_size, threading.stack_size())
for args in [(32768,), (0,), (1000,), (-1,), (32767,), (2 ** 63,), (1.5,), ("x",), (None,), (1, 2), (True,)]:
    try:
        print(args, threading.stack_size(*args))
    except Exception as e:
        print(args, type(e).__name__, e)
try:
    threading.stack_size(size=65536)
except TypeError as e:
    print(type(e).__name__, e)
print("unchanged by the errors:", threading.stack_size())
threading.stack_size(65536)
print("a call without a size reads and resets:", threading.stack_size(), threading.stack_size())


class Size:
    def __index__(self):
        return 1 << 20


out = []


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def work(k):
    out.append((k, fib(15), repr([[k], {k: (k,)}]), sorted(range(5), key=lambda x: -x)))


for size in [32768, 65536, Size(), 4 << 20, 0, 0]:
    previous = threading.stack_size(size)
    threads = [threading.Thread(target=work, args=(k,)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lock = _thread.allocate_lock()
    lock.acquire()
    _thread.start_new_thread(lambda: (out.append("low-level"), lock.release()), ())
    lock.acquire()
    print(previous, sorted(map(str, out)))
    out.clear()
