# gil_at_work.py -- the "talking stick": only the thread holding the GIL runs.
#
# In the talking-stick game only the player holding the stick may speak, and
# after a while the stick must be passed on. The GIL is that stick: two
# CPU-bound threads A and B both want to run, but only the one holding the
# GIL executes bytecode; the other waits, and after the switch interval
# (set to 20 ms here) the holder is asked to pass the GIL on.
#
# Each thread busily loops for about 0.4 s and, as it goes, marks which 2 ms
# time slices it was running in. Afterwards the program prints a timeline
# with one character per slice: A or B if only that thread ran in the slice,
# * if both did (a hand-over happened inside the slice), . if neither did
# (the process was not scheduled at all). Under a GIL you see long runs of
# A then long runs of B: they take turns. Threads running truly in parallel
# would both run in nearly every slice: a line of stars.
#
# Output: the timeline and the counts vary (their own lines); the verdict is
# robust: "took turns" is printed when fewer than half of the slices where
# anything ran had both threads running.
# output: varies
import sys
import threading
import time

SLICE = 0.002
DURATION = 0.4


def main():
    sys.setswitchinterval(0.02)
    nslices = int(DURATION / SLICE)
    ran = {"A": [False] * (nslices + 1), "B": [False] * (nslices + 1)}
    spins = {"A": 0, "B": 0}
    start_line = threading.Barrier(2)
    t0 = [0.0]

    def player(name):
        marks = ran[name]
        start_line.wait()
        n = 0
        while True:
            k = int((time.perf_counter() - t0[0]) / SLICE)
            if k >= nslices:
                break
            marks[k] = True
            # a little pure-Python work between looks at the clock
            x = 0
            for i in range(50):
                x += i * i
            n += 1
        spins[name] = n

    threads = [threading.Thread(target=player, args=(name,), name=name)
               for name in ("A", "B")]
    t0[0] = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    line = []
    both = 0
    active = 0
    for k in range(nslices):
        a = ran["A"][k]
        b = ran["B"][k]
        if a and b:
            line.append("*")
            both += 1
        elif a:
            line.append("A")
        elif b:
            line.append("B")
        else:
            line.append(".")
        if a or b:
            active += 1
    timeline = "".join(line)
    turns = 0
    last = ""
    for ch in timeline:
        if ch in "AB" and ch != last:
            if last != "":
                turns += 1
            last = ch
    print(f"two CPU-bound threads, switch interval 20 ms, {nslices} slices of 2 ms")
    print("timeline (A, B = only that thread ran, * = both, . = neither):")
    print(timeline)
    print(f"slices where both ran: {both} of {active}")
    print(f"times the GIL changed hands between A and B: {turns}")
    if both * 2 < active:
        print("verdict: the threads took turns, one at a time (the talking stick)")
    else:
        print("verdict: the threads ran at the same time (no GIL?)")
    if spins["A"] == 0 or spins["B"] == 0:
        print("FAIL: a thread never ran")
        sys.exit(1)
    print("both threads got to run: yes")


main()
