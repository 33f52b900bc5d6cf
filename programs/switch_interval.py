# switch_interval.py -- the same race at several switch intervals
# (sys.setswitchinterval).
#
# The switch interval is how long a thread may keep the GIL while another
# thread is waiting for it (default 0.005 s). For each interval this program
# runs the read-modify-write race of race_counter.py (2 threads, a function
# call inside the window) and counts
#   - hand-overs: how often the running thread changed (each thread notes
#     when it runs an iteration right after the other one did), and
#   - lost updates: increments overwritten by a stale write.
# What to expect:
#   - shorter interval -> more hand-overs -> more chances for a switch to
#     land inside the window (and more time spent handing the GIL over);
#   - a long interval (50 ms here) -> few hand-overs, so fewer chances: often
#     fewer updates are lost, sometimes none -- and a waiting thread waits up
#     to 50 ms for its turn (bad latency; see programs/bench/workloads/mixed.py).
#     A longer interval never makes the race safe: it only makes it rarer.
# The number of lost updates is not the number of bad switches: one switch
# inside the window throws away everything the other thread added during its
# whole turn, so a long turn loses a lot per hit.
#
# The race is sized by time: a calibration run picks the loop count so that
# each thread alone would run about 0.25 s, i.e. thousands of intervals at
# 0.1 ms and a handful at 50 ms, on any machine. The verdicts compare the
# shortest and the longest interval; on a machine so loaded that the OS,
# not the interval, decides when threads run, the table is measured again
# (up to a 10 s deadline) until the shortest interval shows more hand-overs.
#
# Output: hand-overs, lost updates and the loop count vary (their own lines);
# the interval lines and the verdicts are fixed.
# output: varies
import sys
import threading
import time

INTERVALS = [0.0001, 0.001, 0.005, 0.05]
TARGET = 0.25
DEADLINE = 10

counter = 0
last = [-1]


def bump(x):
    return x + 1


def racer(me, n, turns):
    global counter
    for _ in range(n):
        if last[0] != me:           # the other thread ran since my last step
            last[0] = me
            turns[me] += 1
        tmp = counter
        tmp = bump(tmp)             # a switch here overwrites the other's work
        counter = tmp


def timed(n):
    t0 = time.perf_counter()
    racer(0, n, [0, 0])
    return time.perf_counter() - t0


def calibrate():
    # grow the count until one run takes 50 ms; scale by the median of three
    n = 1000
    while timed(n) < 0.05:
        n *= 2
    took = sorted([timed(n), timed(n), timed(n)])[1]
    return max(1000, int(n * TARGET / took))


def run_race(n):
    global counter
    counter = 0
    last[0] = -1
    turns = [0, 0]
    threads = [threading.Thread(target=racer, args=(k, n, turns)) for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # the first turn of each thread is not a hand-over
    return max(0, turns[0] + turns[1] - 1), 2 * n - counter


def main():
    old = sys.getswitchinterval()
    n = calibrate()
    print(f"race: 2 threads x {n} increments at each interval")
    deadline = time.perf_counter() + DEADLINE
    rounds = 0
    while True:
        rounds += 1
        rows = []
        for iv in INTERVALS:
            sys.setswitchinterval(iv)
            rows.append(run_race(n))
        sys.setswitchinterval(old)
        short, long = rows[0], rows[-1]
        if (short[0] > long[0] and short[1] > 0) or time.perf_counter() > deadline:
            break
    print(f"measured {rounds} time(s)")
    for iv, (handovers, lost) in zip(INTERVALS, rows):
        print(f"switch interval {iv * 1000:.1f} ms:")
        print(f"  hand-overs: {handovers}")
        print(f"  lost updates: {lost}")
    s, l = f"{INTERVALS[0] * 1000:.1f} ms", f"{INTERVALS[-1] * 1000:.0f} ms"
    if short[0] > long[0]:
        print(f"shorter interval, more hand-overs: yes ({s} vs {l})")
    else:
        print(f"shorter interval, more hand-overs: no ({s} vs {l}) -- the OS, not "
              "the interval, decided when threads ran")
    if short[1] > 0:
        print(f"updates lost at {s}: yes")
    else:
        print(f"updates lost at {s}: no -- no switch landed inside the window")
    if long[1] > 0:
        print(f"at {l} updates were still lost: a longer interval is no fix")
    else:
        print(f"at {l} none were lost this time: fewer switches, fewer chances "
              "-- but the code is just as unsafe")


main()
