# check_then_act.py -- check-then-act on a shared list removes the wrong item.
#
# A "cleaner" thread follows a simple rule: look at the top of the stack
# (stack[0]); if it is even, delete it. Meanwhile a "pusher" thread puts odd
# numbers on top of the same stack. Looking and deleting are two separate
# steps, and the pusher's insert can land between them: the cleaner then
# deletes an odd number it never looked at, and the even number it did look
# at stays. Every single list operation is safe under the GIL -- the list is
# never corrupted -- but the GIL does not make the two steps one.
#
# time.sleep between the check and the act widens the window (and gives up
# the GIL), so the wrong deletion happens reliably under any interpreter.
# The fix: hold one Lock around check-and-act (the pusher takes it too), or
# use a single operation such as stack.pop(0) and decide afterwards.
#
# Output: how many rounds went wrong varies with timing (its own line); the
# verdict line and all lines of the locked run are fixed.
# output: varies
import sys
import threading
import time

ROUNDS = 5


def run(use_lock):
    stack = [2, 4, 6, 8, 10, 12, 14, 16]
    lock = threading.Lock()
    wrong = []     # (checked, deleted) pairs where the deleted item differs
    deleted_odd = []

    def cleaner():
        for _ in range(ROUNDS):
            if use_lock:
                lock.acquire()
            try:
                checked = stack[0]              # check
                time.sleep(0.02)                # ... the world moves on ...
                if checked % 2 == 0:
                    deleted = stack[0]          # act: delete the top item
                    del stack[0]
                    if deleted != checked:
                        wrong.append((checked, deleted))
                    if deleted % 2 == 1:
                        deleted_odd.append(deleted)
            finally:
                if use_lock:
                    lock.release()
            time.sleep(0.01)

    def pusher():
        value = 101
        for _ in range(ROUNDS):
            time.sleep(0.005)
            if use_lock:
                with lock:
                    stack.insert(0, value)
            else:
                stack.insert(0, value)
            value += 2
            time.sleep(0.025)

    threads = [threading.Thread(target=cleaner, name="cleaner"),
               threading.Thread(target=pusher, name="pusher")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return wrong, deleted_odd


def main():
    print(f"rule: delete the top of the stack if it is even ({ROUNDS} rounds)")
    print("without a lock:")
    wrong, odd = run(False)
    print(f"  rounds where another item than the checked one was deleted: {len(wrong)}")
    if wrong:
        checked, deleted = wrong[0]
        print(f"  for example: checked {checked}, but deleted {deleted}")
        print("  race: the wrong item was removed at least once")
    else:
        print("  for example: none")
        print("  no race this time (the insert missed the window)")
    print(f"  odd numbers deleted against the rule: {len(odd)}")

    print("with a lock around check-and-delete:")
    wrong, odd = run(True)
    print(f"  rounds where another item than the checked one was deleted: {len(wrong)}")
    print(f"  odd numbers deleted against the rule: {len(odd)}")
    if wrong or odd:
        print("  BUG: the lock did not help")
        sys.exit(1)
    print("  every deleted item was the one that was checked")


main()
