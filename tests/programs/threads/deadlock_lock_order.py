# deadlock_lock_order.py -- two threads take two locks in opposite order.
#
# A Barrier makes sure each thread holds its first lock before either asks
# for its second, so the deadlock happens every run. The main thread joins.
# Every thread is then in an untimed wait that nothing can end: gilvm's
# watchdog reports the waits on stderr ("gilvm: deadlock" and one line per
# thread, checked by tests/threads.rs) and exits 1.
# exit: 1
# (print uses flush=True: the watchdog exits without flushing stdout, see tests/threads.rs)
# python3: skip (CPython hangs forever)
import threading

a = threading.Lock()
b = threading.Lock()
both = threading.Barrier(2)


def one():
    with a:
        both.wait()
        with b:
            print("one got both")


def two():
    with b:
        both.wait()
        with a:
            print("two got both")


t1 = threading.Thread(target=one)
t2 = threading.Thread(target=two)
t1.start()
t2.start()
print("started two threads that take a, b and b, a", flush=True)
t1.join()
t2.join()
print("not reached")
