# cpu.py -- workload for `gilvm bench`: a fixed total of pure-Python
# arithmetic split across N threads (sys.argv[1], default 2); an optional
# sys.argv[2] multiplies the total work. `gilvm bench` sizes it by time: it
# calibrates that multiplier so a one-thread run lasts about 300 ms on the
# machine at hand (`--scale N` sets it instead); run alone, the default size
# is small, for the test suite.
# The total is verified against a closed form; wrong work exits with 1.
# Prints key=value lines; seconds and cpu_seconds (the process CPU time
# over the same section: `gilvm bench` shows cores busy) vary. work= is the units of work done
# (the same for every N), which `gilvm bench` uses for speedup.
# output: varies
import sys
import threading
import time

TOTAL = 200000
if len(sys.argv) > 2:
    TOTAL *= int(sys.argv[2])


def work(start, stop):
    acc = 0
    for i in range(start, stop):
        acc += i * 3 + 1
    return acc


def main():
    n = 2
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    results = [0] * n
    chunk = TOTAL // n

    def worker(k):
        hi = TOTAL if k == n - 1 else (k + 1) * chunk
        results[k] = work(k * chunk, hi)

    threads = [threading.Thread(target=worker, args=(k,), name=f"cpu-{k}")
               for k in range(n)]
    t0 = time.perf_counter()
    c0 = time.process_time()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    secs = time.perf_counter() - t0
    cpu_secs = time.process_time() - c0
    total = sum(results)
    want = 3 * (TOTAL * (TOTAL - 1) // 2) + TOTAL
    print(f"threads={n}")
    print(f"iterations={TOTAL}")
    print(f"checksum={total}")
    print(f"work={TOTAL}")
    print(f"seconds={secs:.4f}")
    print(f"cpu_seconds={cpu_secs:.4f}")
    if total != want:
        print(f"error=checksum should be {want}")
        sys.exit(1)
    print("ok=1")


main()
