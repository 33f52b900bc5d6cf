"""Helpers shared by the memory scripts (gc-rss, soak, idle-threads-rss,
cycle-stress): reading a process's /proc status, sampling its RSS while it runs,
and the least-squares slope of a series."""

import time


def proc_status(pid, keys=("VmRSS", "VmHWM", "Threads")):
    """The `keys` lines of /proc/PID/status, as strings ("1234 kB"); {} once it is gone."""
    out = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, val = line.partition(":")
                if key in keys:
                    out[key] = val.strip()
    except (FileNotFoundError, ProcessLookupError):
        pass
    return out


def kib(s):
    """KiB from a status value such as "1234 kB"."""
    return int(s.split()[0])


def sample_rss(proc, interval=1.0):
    """(seconds since start, VmRSS KiB) of the running `proc` (a Popen) every
    `interval` seconds until it exits. Its output must be read elsewhere (or go
    to a file) so that it cannot block on a full pipe."""
    t0 = time.monotonic()
    points = []
    next_t = t0 + interval
    while proc.poll() is None:
        time.sleep(max(0.0, next_t - time.monotonic()))
        next_t += interval
        st = proc_status(proc.pid, ("VmRSS",))
        # A zombie (exited, not yet waited for) has no VmRSS line.
        if "VmRSS" in st:
            points.append((time.monotonic() - t0, kib(st["VmRSS"])))
    return points


def slope(points):
    """Least-squares slope of (x, y) points; 0 with fewer than two distinct x."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return 0.0
    return sum((x - mx) * (y - my) for x, y in points) / sxx
