# gil_at_work.py -- the "talking stick": only the thread holding the GIL runs.
# gil-off: skip (shows the GIL itself: without one the verdict is the opposite)
#
# In the talking-stick game only the player holding the stick may speak, and
# after a while the stick must be passed on. The GIL is that stick: two
# CPU-bound threads A and B both want to run, but only the one holding the
# GIL executes bytecode; the other waits, and after the switch interval
# (set to 20 ms here) the holder is asked to pass the GIL on.
#
# Each thread busily loops and, as it goes, marks which 2 ms time slices it
# was running in. Afterwards the program prints a timeline with one
# character per slice: A or B if only that thread ran in the slice, * if
# both did (a hand-over happened inside the slice), . if neither did (the
# process was not scheduled at all). Under a GIL you see long runs of A then
# long runs of B: they take turns. Threads running truly in parallel would
# both run in nearly every slice: a line of stars.
#
# The run lasts 0.4 s, and longer (up to 10 s) until both threads have run
# and at least 100 slices saw one of them: on a loaded machine the OS may
# leave the process unscheduled for many slices ("."), and the verdict needs
# enough slices to be a verdict. It says "took turns" when fewer than half of
# the slices where anything ran had both threads running; the timeline shows
# the first 200 slices.
#
# Output: the timeline and the counts vary (their own lines); the verdict is
# fixed.
# output: varies
import sys
import threading
import time

SLICE = 0.002
DURATION = 0.4
MIN_ACTIVE = 100
DEADLINE = 10.0
SHOWN = 200


def main():
    sys.setswitchinterval(0.02)
    nslices = int(DEADLINE / SLICE)
    ran = {"A": [False] * (nslices + 1), "B": [False] * (nslices + 1)}
    spins = {"A": 0, "B": 0}
    stop = [False]
    start_line = threading.Barrier(3)
    t0 = [0.0]

    def player(name):
        marks = ran[name]
        start_line.wait()
        n = 0
        while not stop[0]:
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

    def active_slices():
        return len([k for k in range(nslices) if ran["A"][k] or ran["B"][k]])

    threads = [threading.Thread(target=player, args=(name,), name=name)
               for name in ("A", "B")]
    for t in threads:
        t.start()
    t0[0] = time.perf_counter()
    start_line.wait()
    # The main thread only sleeps (no GIL) and looks now and then.
    time.sleep(DURATION)
    while time.perf_counter() - t0[0] < DEADLINE - 0.2:
        if active_slices() >= MIN_ACTIVE and ran["A"].count(True) and ran["B"].count(True):
            break
        time.sleep(0.1)
    stop[0] = True
    for t in threads:
        t.join()
    used = min(nslices, int((time.perf_counter() - t0[0]) / SLICE))

    line = []
    both = 0
    active = 0
    for k in range(used):
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
    print(f"two CPU-bound threads, switch interval 20 ms, slices of 2 ms")
    print(f"timeline of the first {min(SHOWN, used)} slices "
          "(A, B = only that thread ran, * = both, . = neither):")
    print(timeline[:SHOWN])
    print(f"slices in all: {used}; slices where both ran: {both} of {active} "
          "where any ran")
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
