# io.py -- workload for `gilvm bench`: N threads (sys.argv[1], default 4)
# each do ROUNDS rounds (times the optional sys.argv[2], which `gilvm bench`
# calibrates so a one-thread run lasts about 300 ms) of a blocking sleep
# and a small file read. Blocking
# calls release the GIL, so the threads overlap. Counts are verified; a wrong
# count exits with 1. The file read is this program's own source: nothing is
# written, so benches running side by side cannot disturb each other (a shared
# /tmp file rewritten by each run made a neighbour's reads come up short).
# Prints key=value lines; seconds and cpu_seconds (the process CPU time
# over the same section: `gilvm bench` shows cores busy) vary. work= is the rounds done in all
# (N * ROUNDS), which `gilvm bench` uses for speedup.
# output: varies
import sys
import threading
import time

ROUNDS = 5
SLEEP = 0.01
PATH = __file__


def main():
    global ROUNDS
    n = 4
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    if len(sys.argv) > 2:
        ROUNDS *= int(sys.argv[2])
    with open(PATH) as f:
        words = len(f.read().split())
    reads = [0] * n
    lines = [0] * n

    def worker(k):
        for _ in range(ROUNDS):
            time.sleep(SLEEP)
            with open(PATH) as f:
                text = f.read()
            reads[k] += 1
            lines[k] += len(text.split())

    threads = [threading.Thread(target=worker, args=(k,), name=f"io-{k}")
               for k in range(n)]
    t0 = time.perf_counter()
    c0 = time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    secs = time.perf_counter() - t0
    cpu_secs = time.process_time() - c0
    print(f"threads={n}")
    print(f"reads={sum(reads)}")
    print(f"lines={sum(lines)}")
    print(f"work={sum(reads)}")
    print(f"seconds={secs:.4f}")
    print(f"cpu_seconds={cpu_secs:.4f}")
    if sum(reads) != n * ROUNDS or sum(lines) != n * ROUNDS * words:
        print("error=wrong number of reads or lines")
        sys.exit(1)
    print("ok=1")


main()
