# switch_points.py -- where a thread may give up the GIL decides which races
# happen.
#
# Four threads each update a global counter 1000000 times, two ways:
#   1. counter += 1              read, add, write: no call in between
#   2. counter = counter + one() the same, with a call of a Python function
#                                between the read and the write
# The GIL is handed over only at a *switch point*. CPython 3.11 has them only
# where its eval loop checks its "eval breaker": at function entry (RESUME),
# at backward jumps (the end of a loop body) and after some calls. So in
# case 1 no thread ever loses the GIL between the read and the write, and no
# update is lost; in case 2 the entry of one() is a switch point inside the
# read-modify-write, and updates are lost.
#
# gilvm lets you choose: `gilvm run --switch-points cpython` switches only
# where CPython would (the same two facts), `--switch-points every` (the
# default) between any two instructions, so case 1 loses updates as well.
# The program prints, for each case, the bytecode between the read and the
# write of `counter` (from dis: CPython's and gilvm's instructions differ a
# little) and which of those boundaries are switch points. With --dis it
# prints the whole dis listing of both workers first.
#
# Output: the interpreter line, the bytecode lines, and the lost counts vary
# (the counts depend on where the switches land); the line saying whether
# updates *can* be lost is decided by the switch-point mode alone.
# output: varies
import dis
import sys
import threading

THREADS = 4
PER_THREAD = 1000000
EXPECTED = THREADS * PER_THREAD

# CPython has no such function: it is CPython 3.11 itself.
MODE = getattr(sys, "_gilvm_switch_points", lambda: "cpython")()
GILVM = hasattr(sys, "_gilvm_switch_points")

counter = 0


def one():
    return 1


def plain_worker():
    global counter
    for _ in range(PER_THREAD):
        counter += 1


def call_worker():
    global counter
    for _ in range(PER_THREAD):
        counter = counter + one()


class Collect:
    """A file for dis.dis(..., file=...)."""

    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)


def instructions(func):
    """(opname, shown argument) for each instruction in func's dis listing."""
    out = Collect()
    dis.dis(func, file=out)
    result = []
    for line in "".join(out.parts).split("\n"):
        words = line.split()
        for i, w in enumerate(words):
            if w.replace("_", "").isalpha() and w.isupper():
                rest = " ".join(words[i + 1:])
                if "(" in rest:
                    rest = rest[rest.index("(") + 1:rest.rindex(")")]
                result.append((w, rest))
                break
    return result


def window(func):
    """The instructions from the read of `counter` to its write."""
    ins = instructions(func)
    start = [i for i, (op, arg) in enumerate(ins) if op == "LOAD_GLOBAL" and arg == "counter"][0]
    end = [i for i, (op, arg) in enumerate(ins) if op == "STORE_GLOBAL" and arg == "counter"][0]
    return ins[start:end + 1]


def run(worker):
    global counter
    counter = 0
    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return counter


def report(title, worker):
    ins = window(worker)
    print(title)
    print("  from the read to the write of counter: " +
          ", ".join(f"{op} {arg}".strip() for op, arg in ins))
    calls = [op for op, _ in ins if op.startswith("CALL")]
    if MODE == "every":
        print(f"  switch points there: all {len(ins) - 1} boundaries between them")
        print("  so updates can be lost: yes (a switch between any two instructions)")
    elif calls:
        print(f"  switch points there: the entry of one(), which {calls[-1]} calls")
        print("  so updates can be lost: yes (the callee's entry is a switch point)")
    else:
        print("  switch points there: none (no call, no backward jump)")
        print("  so updates can be lost: no")
    lost = EXPECTED - run(worker)
    print(f"  lost {lost} of {EXPECTED} ({100 * lost / EXPECTED:.1f}%)")
    return lost


def main():
    if "--dis" in sys.argv:
        dis.dis(plain_worker)
        print()
        dis.dis(call_worker)
        print()
    who = "gilvm" if GILVM else "CPython " + ".".join(map(str, sys.version_info[:2]))
    print(f"{who}, switch points: {MODE}")
    print(f"{THREADS} threads x {PER_THREAD} updates, expected {EXPECTED}")
    lost = report("counter += 1", plain_worker)
    if MODE == "cpython" and lost != 0:
        # Impossible by construction: no switch point lies inside the window.
        sys.exit(1)
    report("counter = counter + one()", call_worker)


main()
