# fair.py -- workload for `gilvm bench`: how evenly the GIL is shared. N
# CPU-bound threads (sys.argv[1], default 4) start together and count as fast
# as they can for PHASE seconds (times the optional sys.argv[2]). Each
# thread's share of all the counting is its share of the GIL's time; the
# policy decides how even the shares are. Prints share_max_min (the largest
# share over the smallest; 1.0 = perfectly even) and the shares in percent,
# largest first. All figures vary; the run fails (exit 1) if a thread never ran.
# output: varies
import sys
import threading
import time

PHASE = 1.0


def main():
    global PHASE
    n = 4
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    if len(sys.argv) > 2:
        PHASE *= int(sys.argv[2])
    go = threading.Event()
    stop = [False]
    counts = [0] * n

    def spin(k):
        go.wait()
        c = 0
        while not stop[0]:
            c += 1
        counts[k] = c

    threads = [threading.Thread(target=spin, args=(k,), name=f"cpu-{k}") for k in range(n)]
    for t in threads:
        t.start()
    t0 = time.perf_counter()
    go.set()
    time.sleep(PHASE)
    stop[0] = True
    for t in threads:
        t.join()
    secs = time.perf_counter() - t0
    total = sum(counts)
    if min(counts) == 0:
        print("error=a thread never ran")
        sys.exit(1)
    shares = sorted((100 * c / total for c in counts), reverse=True)
    print(f"threads={n}")
    print(f"share_max_min={max(counts) / min(counts):.3f}")
    print("shares_pct=" + ",".join(f"{s:.1f}" for s in shares))
    print(f"work={total}")
    print(f"seconds={secs:.4f}")
    print("ok=1")


main()
