# check_then_act.py -- check-then-act on a shared list does the wrong thing.
#
# Two sorter threads share one list of 40 numbers (a fixed pseudo-random
# sequence) and follow one rule: look at the first item (items[0]); if it is
# odd, move it to the "kept" list, if it is even, throw it away -- then
# delete it from items.
# Looking and acting are separate steps, with a little work in between
# (time.sleep, standing in for a lookup that gives up the GIL). While one
# sorter is between its look and its act, the other acts on the same list:
# the first then applies the verdict it formed about one item to another
# item it never looked at. Odd numbers get thrown away, even numbers kept,
# and a sorter may even find the list empty when it acts (IndexError).
# Every single list operation is safe under the GIL -- the list is never
# corrupted -- but the GIL does not make the look and the act one step.
#
# The fix: hold one Lock across look-and-act, so each item is looked at
# and acted on as one step: every odd number is kept, every even thrown away.
#
# Both sorters start together (a Barrier) and spend most of their time
# between look and act, so their windows overlap however the OS schedules
# them; should a round show no race (one sorter never got to run), the
# unlocked run is repeated, up to a 10 s deadline. The verdict counts what
# went wrong and is computed from those counts.
#
# Output: the round count and the mistake counts without the lock vary
# (their own lines); the verdicts and the locked lines are fixed.
# output: varies
import sys
import threading
import time

ITEMS = 40
WORK = 0.002
DEADLINE = 10


def numbers():
    # a fixed, irregular mix of odd and even numbers (a small LCG)
    out = []
    x = 12345
    for _ in range(ITEMS):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x % 90 + 10)
    return out


NUMBERS = numbers()


def run(use_lock):
    items = list(NUMBERS)
    wrong = []
    kept = []
    thrown = []
    crashes = []
    lock = threading.Lock()
    start = threading.Barrier(2)

    def step():
        if not items:
            return False
        first = items[0]                  # look
        time.sleep(WORK)                  # ... the world moves on ...
        try:
            acted = items[0]
            if first % 2 == 1:            # act on what was seen
                kept.append(acted)
            else:
                thrown.append(acted)
            del items[0]
            if acted != first:
                wrong.append((first, acted))
        except IndexError:
            crashes.append(first)         # the list emptied meanwhile
            return False
        return True

    def sorter():
        start.wait()
        while True:
            if use_lock:
                with lock:
                    more = step()
            else:
                more = step()
            if not more:
                break

    threads = [threading.Thread(target=sorter, name=f"sorter-{k}") for k in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    odd_thrown = len([x for x in thrown if x % 2 == 1])
    even_kept = len([x for x in kept if x % 2 == 0])
    return kept, thrown, wrong, odd_thrown, even_kept, len(crashes)


def main():
    odd = len([x for x in NUMBERS if x % 2 == 1])
    print(f"rule: keep odd numbers, throw even ones away; 2 sorter threads, "
          f"{ITEMS} numbers ({odd} odd)")
    print("without a lock:")
    # Run until the race shows (nearly always the first round), with a
    # deadline for a machine so loaded that one sorter never ran meanwhile.
    deadline = time.perf_counter() + DEADLINE
    rounds = 0
    while True:
        rounds += 1
        kept, thrown, wrong, odd_thrown, even_kept, crashes = run(False)
        if wrong or crashes or time.perf_counter() > deadline:
            break
    print(f"  rounds run: {rounds}")
    print(f"  acted on another item than the one looked at: {len(wrong)} times")
    if wrong:
        print(f"  for example: looked at {wrong[0][0]}, acted on {wrong[0][1]}")
    print(f"  kept {len(kept)}, thrown away {len(thrown)}")
    print(f"  odd numbers thrown away: {odd_thrown}, even numbers kept: {even_kept}, "
          f"list found empty when acting: {crashes}")
    mistakes = len(wrong) + crashes
    if mistakes > 0:
        print("  race: yes -- a sorter acted between the other's look and act")
    else:
        print(f"  race: not seen in {rounds} rounds within {DEADLINE} s -- no sorter acted "
              "between the other's look and act")

    print("with a lock around look-and-act:")
    kept, thrown, wrong, odd_thrown, even_kept, crashes = run(True)
    print(f"  acted on another item than the one looked at: {len(wrong)} times")
    print(f"  kept {len(kept)}, thrown away {len(thrown)}")
    print(f"  odd numbers thrown away: {odd_thrown}, even numbers kept: {even_kept}, "
          f"list found empty when acting: {crashes}")
    if (kept != [x for x in NUMBERS if x % 2 == 1] or wrong or odd_thrown
            or even_kept or crashes):
        print("  BUG: the lock did not help")
        sys.exit(1)
    print("  every odd number was kept and every even one thrown away")


main()
