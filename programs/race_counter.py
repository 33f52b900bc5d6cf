# race_counter.py -- lost updates on a shared counter, and the fix.
#
# Four threads each add 1 to a global counter 100000 times, so the counter
# should end at 400000.
#   1. plain `counter += 1`: one statement, but three bytecode steps --
#      LOAD the global, ADD 1, STORE it back. If the interpreter switches
#      threads between the LOAD and the STORE, the other threads' increments
#      made in between are overwritten: updates are lost.
#   2. the same read-modify-write spelled out with a function call inside the
#      window (tmp = counter; tmp = bump(tmp); counter = tmp). The call makes
#      the window wide enough that CPython shows the race too.
#   3. the increment inside `with lock:` -- never loses an update.
#
# The GIL makes each single bytecode step safe (the counter object is never
# corrupted), but not a sequence of steps.
#
# Why CPython may show case 1 less often than gilvm: CPython 3.10+ only
# checks for a thread switch at certain instructions (backward jumps, function
# entry), so in a tight `for` loop it almost never switches between the LOAD
# and the STORE of `counter += 1` -- it may report 0 lost there. gilvm may
# switch between any two bytecodes, so it loses updates in case 1 as well.
#
# Output: the "got" and "lost" numbers of cases 1 and 2 vary from run to run
# (they depend on exactly where the switches land); they are printed on their
# own lines. The locked line is always exact.
# output: varies
import sys
import threading

THREADS = 4
PER_THREAD = 100000
EXPECTED = THREADS * PER_THREAD

counter = 0
lock = threading.Lock()


def plain_worker():
    global counter
    for _ in range(PER_THREAD):
        counter += 1


def bump(x):
    return x + 1


def window_worker():
    global counter
    for _ in range(PER_THREAD):
        tmp = counter
        tmp = bump(tmp)      # a thread switch here overwrites others' work
        counter = tmp


def locked_worker():
    global counter
    for _ in range(PER_THREAD):
        with lock:
            counter += 1


def run(worker):
    global counter
    counter = 0
    threads = [threading.Thread(target=worker, name=f"adder-{i}")
               for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter


def main():
    # switch threads often (every 10 microseconds) so the race shows quickly
    sys.setswitchinterval(0.00001)
    print(f"{THREADS} threads x {PER_THREAD} increments, expected {EXPECTED}")

    got = run(plain_worker)
    print("counter += 1 without a lock:")
    print(f"  got {got}")
    print(f"  lost {EXPECTED - got}")

    got = run(window_worker)
    print("tmp = counter; tmp = bump(tmp); counter = tmp without a lock:")
    print(f"  got {got}")
    print(f"  lost {EXPECTED - got}")
    if got < EXPECTED:
        print("  updates were lost: yes")
    else:
        print("  updates were lost: no (the switches happened to miss the window)")

    got = run(locked_worker)
    print(f"with lock: expected {EXPECTED}, got {got}, lost {EXPECTED - got}")
    if got != EXPECTED:
        sys.exit(1)


main()
