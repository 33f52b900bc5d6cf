# convoy.py -- workload for `gilvm bench`: the convoy effect, measured as
# throughput on both sides. An I/O thread sleeps 0.1 ms in a loop (a stand-in
# for short blocking calls such as socket round trips) beside N CPU-bound
# threads (sys.argv[1], default 1) that count as fast as they can.
# Each of ROUNDS rounds runs three phases of PHASE seconds (times the
# optional sys.argv[2]): the I/O loop alone, the CPU threads alone, both.
# After each sleep the I/O thread needs the GIL back from a CPU thread; under
# CPython's GIL that takes up to a switch interval, so its rounds get much
# longer (io_slowdown: time per round beside the CPU threads over alone),
# while the CPU threads lose little (cpu_loss_pct: counting rate beside the
# I/O thread against alone). On Linux a CPU thread's time excludes what the
# OS kept it waiting for a core (run delay in /proc/thread-self/schedstat),
# so that other load on the machine does not pass for a GIL effect. All
# figures vary; the run fails (exit 1) if a phase did no work.
# output: varies
import sys
import threading
import time

SLEEP = 0.0001
PHASE = 0.2
ROUNDS = 3


def run_delay():
    """Seconds this OS thread has been runnable but not running (0 if unknown)."""
    try:
        with open("/proc/thread-self/schedstat") as f:
            return int(f.read().split()[1]) / 1e9
    except OSError:
        return 0.0


def spin(stop, out, k):
    d0 = run_delay()
    t0 = time.perf_counter()
    c = 0
    while not stop[0]:
        c += 1
    t1 = time.perf_counter()
    out[k] = (c, t1 - t0 - (run_delay() - d0))


def io_loop(stop, out):
    n = 0
    secs = 0.0
    while not stop[0]:
        t0 = time.perf_counter()
        time.sleep(SLEEP)
        secs += time.perf_counter() - t0
        n += 1
    out[0] = n
    out[1] = secs


def phase(ncpu, with_io):
    """Returns (CPU count, CPU threads' mean running-or-waiting-for-GIL time,
    I/O rounds, seconds they took)."""
    stop = [False]
    cpu_out = [(0, 0.0)] * ncpu
    io_out = [0, 0.0]
    # Daemons, so that an error exit does not wait for them.
    threads = [threading.Thread(target=spin, args=(stop, cpu_out, k), name=f"cpu-{k}",
                                daemon=True) for k in range(ncpu)]
    if with_io:
        threads.append(threading.Thread(target=io_loop, args=(stop, io_out), name="io",
                                        daemon=True))
    for t in threads:
        t.start()
    time.sleep(PHASE)
    stop[0] = True
    for t in threads:
        t.join()
    if ncpu and min(c for c, _ in cpu_out) == 0:
        print("error=a CPU thread did no work")
        sys.exit(1)
    if with_io and io_out[0] == 0:
        print("error=the I/O thread did no work")
        sys.exit(1)
    count = sum(c for c, _ in cpu_out)
    secs = sum(s for _, s in cpu_out) / ncpu if ncpu else 0.0
    return count, secs, io_out[0], io_out[1]


def main():
    global PHASE
    ncpu = 1
    if len(sys.argv) > 1:
        ncpu = int(sys.argv[1])
    if len(sys.argv) > 2:
        PHASE *= int(sys.argv[2])
    io_alone = [0, 0.0]
    io_busy = [0, 0.0]
    cpu_alone = [0, 0.0]
    cpu_busy = [0, 0.0]
    wall = 0.0
    for _ in range(ROUNDS):
        _, _, n, s = phase(0, True)
        io_alone[0] += n
        io_alone[1] += s
        if ncpu:
            c, s, _, _ = phase(ncpu, False)
            cpu_alone[0] += c
            cpu_alone[1] += s
        t0 = time.perf_counter()
        c, s, n, io_s = phase(ncpu, True)
        wall += time.perf_counter() - t0
        cpu_busy[0] += c
        cpu_busy[1] += s
        io_busy[0] += n
        io_busy[1] += io_s
    alone_ms = io_alone[1] / io_alone[0] * 1000
    busy_ms = io_busy[1] / io_busy[0] * 1000
    print(f"cpu_threads={ncpu}")
    print(f"io_alone_ms={alone_ms:.4f}")
    print(f"io_busy_ms={busy_ms:.4f}")
    print(f"io_slowdown={busy_ms / alone_ms:.3f}")
    if ncpu:
        rate_alone = cpu_alone[0] / cpu_alone[1]
        rate_busy = cpu_busy[0] / cpu_busy[1]
        print(f"cpu_loss_pct={100 * (1 - rate_busy / rate_alone):.2f}")
    print(f"io_rounds_busy={io_busy[0]}")
    print(f"work={cpu_busy[0] + io_busy[0]}")
    print(f"seconds={wall:.4f}")
    print("ok=1")


main()
