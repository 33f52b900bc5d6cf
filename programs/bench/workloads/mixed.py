# mixed.py -- workload for `gilvm bench`: latency of an I/O-bound thread
# while N CPU-bound threads (sys.argv[1], default 2) run.
#
# The I/O thread repeatedly calls time.sleep(0.001) and measures how late it
# wakes up (actual sleep minus 1 ms). After waking it must get the GIL back
# from a CPU-bound thread, which may hold it for up to one switch interval,
# so with CPU threads running the overshoot is roughly the switch interval
# (5 ms by default); with no CPU threads (argument 0) it is the OS timer
# slack. Each CPU thread does the same fixed work (times the optional
# sys.argv[2], which `gilvm bench` calibrates so that one CPU thread runs
# about 300 ms), so more threads run longer; work= is the total CPU work and
# seconds= the time until the CPU threads are done (for `gilvm bench`),
# cpu_seconds= the process CPU time over the same section (cores busy).
# Prints latency_median_ms and latency_p99_ms (vary), and a checksum of the
# CPU work (verified; wrong work exits with 1).
# output: varies
import sys
import threading
import time

CPU_WORK = 300000
SLEEP = 0.001


def crunch(start, stop):
    acc = 0
    for i in range(start, stop):
        acc = (acc + i * i) % 1000003
    return acc


def main():
    global CPU_WORK
    n = 2
    if len(sys.argv) > 1:
        n = int(sys.argv[1])
    if len(sys.argv) > 2:
        CPU_WORK *= int(sys.argv[2])
    results = [0] * n
    done = threading.Event()
    overshoots = []
    # Wake-ups that began and ended while the CPU threads ran: the ones that show
    # the convoy. The extra samples taken after the CPU threads finished would
    # otherwise dilute the median when the CPU phase holds only a few wake-ups.
    busy_overshoots = []

    def cpu(k):
        results[k] = crunch(0, CPU_WORK)

    def sleeper():
        # sample while the CPU threads run (at least 10 samples in all)
        while len(overshoots) < 10 or not done.is_set():
            busy = not done.is_set()
            t0 = time.perf_counter()
            time.sleep(SLEEP)
            overshoots.append(time.perf_counter() - t0 - SLEEP)
            if busy and not done.is_set():
                busy_overshoots.append(overshoots[-1])
            if len(overshoots) >= 2000:
                break

    io = threading.Thread(target=sleeper, name="io")
    cpus = [threading.Thread(target=cpu, args=(k,), name=f"cpu-{k}") for k in range(n)]
    io.start()
    t0 = time.perf_counter()
    c0 = time.process_time()
    for t in cpus:
        t.start()
    for t in cpus:
        t.join()
    secs = time.perf_counter() - t0
    cpu_secs = time.process_time() - c0
    done.set()
    io.join()

    samples = sorted(busy_overshoots if busy_overshoots else overshoots)
    median = samples[len(samples) // 2] * 1000
    p99 = samples[min(len(samples) - 1, (len(samples) * 99) // 100)] * 1000
    want = crunch(0, CPU_WORK)
    print(f"cpu_threads={n}")
    print(f"samples={len(samples)}")
    print(f"latency_median_ms={median:.3f}")
    print(f"latency_p99_ms={p99:.3f}")
    print(f"checksum={sum(results)}")
    print(f"work={n * CPU_WORK}")
    print(f"seconds={secs:.4f}")
    print(f"cpu_seconds={cpu_secs:.4f}")
    if results != [want] * n:
        print("error=cpu results differ")
        sys.exit(1)
    print("ok=1")


main()
