# cpu_bound.py -- CPU-bound work does not get faster with threads under a GIL.
# gil-off: skip (shows the GIL itself: without one the verdict is the opposite)
#
# The same amount of pure-Python arithmetic is done three ways: in one
# thread, split across 2 threads, and split across 4 threads. With a GIL
# only the thread holding the lock runs bytecode, so the threads take turns
# on one core: the threaded runs take about as long as the sequential one
# (often a little longer, because of the hand-overs), even on a machine with
# many cores. Without a GIL, on 4 or more free cores, 2 threads would take
# about 0.5 x and 4 threads about 0.25 x the sequential time.
#
# The amount of work is sized by time, not fixed: a calibration run picks it
# so that the sequential run lasts about 0.3 s on this machine. The three
# variants then run in interleaved rounds (so a change in the machine's load
# hits all three), and medians are compared. Each run also measures how many
# cores it kept busy: the process's CPU time divided by the wall time. On a
# machine busy with other programs the wall times move -- threads may even
# finish sooner, because the OS favours the thread that each hand-over
# wakes -- but the cores-busy figure does not: under a GIL it stays at or
# below one, since only one thread runs at a time. Threads running in
# parallel keep more than one core busy (about 2 and 4 on a free machine).
# The verdict follows from that figure: the threads "did not run in
# parallel" when they kept at most 1.2 cores busy, "ran in parallel" when
# they kept 1.5 or more busy and took at most 0.75 x the sequential time;
# anything else is "unclear" and more rounds are run (up to 12, while the
# 4 s budget lasts). Times are compared within each round, and the work is
# resized between rounds if the machine's load changed a lot.
#
# Output: the times, ratios and cores busy vary (their own lines), and so
# does the note under the verdict (whether the busy machine let the threads
# finish sooner); the agreement line and the verdict are fixed.
# output: varies
import sys
import threading
import time

TARGET = 0.3
MIN_ROUNDS = 3
MAX_ROUNDS = 12
# no round starts after this many seconds (once MIN_ROUNDS are done)
BUDGET = 4.0


def work(start, stop):
    acc = 0
    for i in range(start, stop):
        acc = (acc + i * i) % 1000003
    return acc


def timed(n):
    t0 = time.perf_counter()
    work(0, n)
    return time.perf_counter() - t0


def calibrate():
    # grow the work until one run takes 50 ms, then scale it to TARGET by the
    # median of three timings (one slowed by a burst of other load is ignored)
    n = 10000
    while timed(n) < 0.05:
        n *= 2
    took = median([timed(n), timed(n), timed(n)])
    return int(n * TARGET / took)


def split(total, n_parts):
    chunk = total // n_parts
    return [(k * chunk, total if k == n_parts - 1 else (k + 1) * chunk)
            for k in range(n_parts)]


def run_threads(total, n_threads):
    ranges = split(total, n_threads)
    results = [0] * n_threads

    def worker(k):
        results[k] = work(ranges[k][0], ranges[k][1])

    threads = [threading.Thread(target=worker, args=(k,), name=f"cpu-{k}")
               for k in range(n_threads)]
    t0 = time.perf_counter()
    c0 = time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return wall, (time.process_time() - c0) / wall, results


def run_sequential(total, n_parts):
    ranges = split(total, n_parts)
    t0 = time.perf_counter()
    c0 = time.process_time()
    results = [work(a, b) for (a, b) in ranges]
    wall = time.perf_counter() - t0
    return wall, (time.process_time() - c0) / wall, results


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 == 1 else (s[n // 2 - 1] + s[n // 2]) / 2


def verdict(busy, ratio):
    # busy: cores kept busy by the threaded runs; ratio: their time / sequential
    if busy <= 1.2:
        return "serial"
    if busy >= 1.5 and ratio <= 0.75:
        return "parallel"
    return "unclear"


def main():
    total = calibrate()
    print(f"work: sized to take about {TARGET} s in one thread")
    ratios = {"2": [], "4": []}
    busy = {"seq": [], "2": [], "4": []}
    seq_times = []
    ok = True
    rounds = 0
    deadline = time.perf_counter() + BUDGET
    while True:
        # rotate the order each round, so no variant always runs first
        order = ["seq", "2", "4"][rounds % 3:] + ["seq", "2", "4"][:rounds % 3]
        took = {}
        results = {}
        for v in order:
            if v == "seq":
                s, b, results[v] = run_sequential(total, 4)
            else:
                s, b, results[v] = run_threads(total, int(v))
            took[v] = s
            busy[v].append(b)
        # the sequential run is split the same way as the 4 threads' work
        ok = ok and results["4"] == results["seq"]
        # times are compared within a round, so a round may resize the work
        ratios["2"].append(took["2"] / took["seq"])
        ratios["4"].append(took["4"] / took["seq"])
        seq_times.append(took["seq"])
        rounds += 1
        r2 = median(ratios["2"])
        r4 = median(ratios["4"])
        most_busy = max(median(busy["2"]), median(busy["4"]))
        v = verdict(most_busy, min(r2, r4))
        if rounds >= MIN_ROUNDS and (v != "unclear" or rounds >= MAX_ROUNDS
                                     or time.perf_counter() > deadline):
            break
        # if the machine's load changed a lot since calibrating, resize the work
        if not 0.5 * TARGET <= took["seq"] <= 2 * TARGET:
            total = max(1000, int(total * TARGET / took["seq"]))
    print(f"4 threads computed the same partial results as one thread: {'yes' if ok else 'no'}")
    print(f"medians of {rounds} interleaved rounds (cores busy = CPU time / wall time):")
    print(f"  sequential: {median(seq_times):.3f} s, {median(busy['seq']):.2f} cores busy")
    print(f"  2 threads:  {r2:.2f} x the sequential time, {median(busy['2']):.2f} cores busy")
    print(f"  4 threads:  {r4:.2f} x the sequential time, {median(busy['4']):.2f} cores busy")
    if v == "serial":
        print("verdict: the threads did not run in parallel under the GIL "
              "(at most 1.2 cores busy: one thread ran at a time)")
        if min(r2, r4) < 0.8:
            print("  (they finished sooner only because the OS gave this busy machine's "
                  "process more CPU time: compare cores busy)")
        else:
            print("  so the threaded runs were no faster than one thread")
    elif v == "parallel":
        print("verdict: the threads ran in parallel "
              "(1.5 or more cores busy, at most 0.75 x the sequential time)")
    else:
        print(f"verdict: unclear after {rounds} rounds -- the machine's load "
              "changed too much while measuring; run it again")
    if not ok:
        sys.exit(1)


main()
