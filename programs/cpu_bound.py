# cpu_bound.py -- CPU-bound work does not get faster with threads under a GIL.
#
# The same fixed amount of pure-Python arithmetic is done three ways: in one
# thread, split across 2 threads, and split across 4 threads. With a GIL
# only the thread holding the lock runs bytecode, so the threads take turns
# on one core: the threaded runs take about as long as the sequential one
# (often a little longer, because of the hand-overs), even on a machine with
# several cores. Without a GIL the 2-thread run could take about half.
#
# Output: the times and ratios vary (their own lines); the checksum line is
# fixed (the work is the same however it is split) and the verdict is robust:
# each variant runs five times (interleaved, after a warm-up) and the mean
# times are compared; "no faster" is printed whenever the mean threaded time is
# >= 0.6 x sequential (a wide margin: the test suite runs this on a busy
# machine, where one variant can be slowed by other work; real parallelism
# would show as about 0.5 x with 2 threads and 0.25 x with 4).
# output: varies
import sys
import threading
import time

TOTAL = 300000


def work(start, stop):
    acc = 0
    for i in range(start, stop):
        acc = (acc + i * i) % 1000003
    return acc


def combine(parts):
    # the partial results are combined in a fixed order
    total = 0
    for p in parts:
        total = (total * 31 + p) % 1000003
    return total


def split(n_threads):
    chunk = TOTAL // n_threads
    return [(k * chunk, TOTAL if k == n_threads - 1 else (k + 1) * chunk)
            for k in range(n_threads)]


def run_threads(n_threads):
    ranges = split(n_threads)
    results = [0] * n_threads

    def worker(k):
        results[k] = work(ranges[k][0], ranges[k][1])

    threads = [threading.Thread(target=worker, args=(k,), name=f"cpu-{k}")
               for k in range(n_threads)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - t0, results


def run_sequential(n_parts):
    ranges = split(n_parts)
    t0 = time.perf_counter()
    results = [work(a, b) for (a, b) in ranges]
    return time.perf_counter() - t0, results


def main():
    print(f"total work: {TOTAL} loop iterations")
    # one warm-up round, then five interleaved rounds whose times are added
    # up: on a machine busy with other work single runs are noisy, and
    # interleaving spreads that noise evenly over the three variants
    run_sequential(4)
    seq = t2 = t4 = 0.0
    for _ in range(5):
        s, seq_results = run_sequential(4)
        seq += s
        s, r2 = run_threads(2)
        t2 += s
        s, r4 = run_threads(4)
        t4 += s
    seq /= 5
    t2 /= 5
    t4 /= 5
    ok = True
    if r4 != seq_results:
        print("FAIL: 4 threads computed different partial results")
        ok = False
    two = run_sequential(2)[1]
    if r2 != two:
        print("FAIL: 2 threads computed different partial results")
        ok = False
    print(f"checksum: {combine(seq_results)}")
    print(f"sequential: {seq:.3f} s (mean of 5 runs)")
    print(f"2 threads:  {t2:.3f} s ({t2 / seq:.2f} x sequential)")
    print(f"4 threads:  {t4:.3f} s ({t4 / seq:.2f} x sequential)")
    if (t2 + t4) / 2 >= 0.6 * seq:
        print("verdict: no faster with threads under the GIL")
    else:
        print("verdict: threads were faster -- these threads ran in parallel")
    if not ok:
        sys.exit(1)


main()
