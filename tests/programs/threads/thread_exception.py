# thread_exception.py -- an exception in one thread does not stop the others.
#
# The worker's target raises ValueError. As in CPython, threading prints
# "Exception in thread Thread-1 (bad):" and the traceback to stderr, the
# thread ends, the other thread and the main thread carry on, and the
# program exits 0. tests/threads.rs checks the whole stderr.
# stderr: ValueError: boom 7
import threading

results = []


def bad(n):
    results.append("bad started")
    raise ValueError("boom " + str(n))


def good():
    for i in range(3):
        results.append("good " + str(i))


t1 = threading.Thread(target=bad, args=(7,))
t1.start()
t1.join()
t2 = threading.Thread(target=good)
t2.start()
t2.join()
print(results)
print("bad alive after join:", t1.is_alive())
print("main thread carries on")
