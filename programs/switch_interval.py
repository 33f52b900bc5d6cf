# switch_interval.py -- the same race and the same CPU-bound threads at
# several switch intervals (sys.setswitchinterval).
#
# The switch interval is how long a thread may keep the GIL while another
# thread is waiting for it (default 0.005 s). For each interval this program
#   - runs the read-modify-write race of race_counter.py (2 threads, 50000
#     increments each, a function call inside the window) and counts lost
#     updates;
#   - times 2 CPU-bound threads doing a fixed amount of work.
# What to expect:
#   - shorter interval -> more switches -> more chances for a switch to land
#     inside the window, and more time spent handing the GIL over (a little
#     slower). Note that the number of lost updates is not the number of
#     bad switches: one switch inside the window throws away everything the
#     other thread added during its whole turn, so a longer turn loses more
#     per hit. Lost counts are therefore large at every interval that is
#     shorter than the run itself, and do not simply grow as it shrinks;
#   - an interval longer than the whole run (50 ms here): each thread
#     finishes its loop within one turn, so typically nothing is lost -- and
#     a waiting thread waits up to 50 ms for its turn (bad latency; see
#     programs/bench/workloads/mixed.py).
# A longer interval never makes the race safe: it only makes it rarer.
#
# Output: lost updates and times vary (their own lines); the interval lines
# and the checksum line are fixed.
# output: varies
import sys
import threading
import time

INTERVALS = [0.0001, 0.001, 0.005, 0.05]
PER_THREAD = 50000
CPU_WORK = 100000

counter = 0


def bump(x):
    return x + 1


def racer():
    global counter
    for _ in range(PER_THREAD):
        tmp = counter
        tmp = bump(tmp)
        counter = tmp


def cpu(results, k):
    acc = 0
    for i in range(CPU_WORK):
        acc = (acc + i * i) % 1000003
    results[k] = acc


def run_race():
    global counter
    counter = 0
    threads = [threading.Thread(target=racer) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return 2 * PER_THREAD - counter


def run_cpu():
    results = [0, 0]
    threads = [threading.Thread(target=cpu, args=(results, k)) for k in range(2)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, results


def main():
    old = sys.getswitchinterval()
    print(f"race: 2 threads x {PER_THREAD} increments; cpu: 2 threads x {CPU_WORK} iterations")
    checksums = []
    for iv in INTERVALS:
        sys.setswitchinterval(iv)
        lost = run_race()
        secs, results = run_cpu()
        checksums.append(results[0] + results[1])
        print(f"switch interval {iv * 1000:.1f} ms:")
        print(f"  lost updates: {lost}")
        print(f"  cpu threads took: {secs:.3f} s")
    sys.setswitchinterval(old)
    print(f"cpu checksum (same at every interval): {checksums[0]}")
    if len(set(checksums)) != 1:
        print("FAIL: the CPU work gave different results")
        sys.exit(1)


main()
