# Eight threads making cyclic structures (rings of instances, self-referencing
# lists and dicts, closures that see themselves) and checking each before dropping
# it. With `--seconds S` it runs for S seconds and prints the RSS (KiB, from
# /proc/self/status) once a second on stderr, for scripts/gc-rss's flatness figure;
# without it, a fixed number of rounds (the corpus run).
import sys
import threading
import time

seconds = None
if len(sys.argv) > 2 and sys.argv[1] == "--seconds":
    seconds = float(sys.argv[2])
ROUNDS = 300


class Node:
    def __init__(self, k):
        self.k = k
        self.next = None


def make(k):
    ring = [Node(k * 10 + i) for i in range(10)]
    for i, n in enumerate(ring):
        n.next = ring[(i + 1) % 10]
    l = [k]
    l.append(l)
    d = {"k": k}
    d["self"] = d

    def f():
        return f, k

    return ring[0], l, d, f


def check(k, head, l, d, f):
    n, seen = head, 0
    while True:
        assert n.k == k * 10 + seen, (n.k, k, seen)
        seen += 1
        n = n.next
        if n is head:
            break
    assert seen == 10
    assert l[1] is l and l[0] == k
    assert d["self"] is d and d["k"] == k
    g, kk = f()
    assert g is f and kk == k


def worker(w, out):
    done = 0
    end = time.monotonic() + seconds if seconds else None
    while (end is None and done < ROUNDS) or (end is not None and time.monotonic() < end):
        k = w * 1000000 + done
        parts = make(k)
        check(k, *parts)
        del parts
        done += 1
    out[w] = done


def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


out = [0] * 8
ts = [threading.Thread(target=worker, args=(w, out)) for w in range(8)]
for t in ts:
    t.start()
if seconds:
    start = time.monotonic()
    while any(t.is_alive() for t in ts):
        time.sleep(1.0)
        print("rss %.0f %d" % (time.monotonic() - start, rss_kib()), file=sys.stderr, flush=True)
for t in ts:
    t.join()
print("threads", len(ts), "all verified:", all(n > 0 for n in out) and (seconds is not None or all(n == ROUNDS for n in out)))
