# tickets.py -- two buyers get the same seat (check-then-act), and the fix.
#
# Three buyer threads walk the same list of 10 seats. For each seat a buyer
# checks "is it free?" and, if so, takes it. Between the check and the take
# there is a short pause (time.sleep(0.005), standing in for a database
# round trip or a payment call); during it the other buyers check the same
# seat, still see it free, and take it too: a seat is sold more than once.
# The fix: one Lock held across check-and-take, so a seat is checked and
# taken as one step and every seat is sold exactly once.
#
# The buyers start together (a Barrier) and spend most of their time inside
# the pause, so their checks overlap however the OS schedules them; should
# a round show no double sale (one buyer never got to run meanwhile), it is
# repeated, up to a 10 s deadline.
#
# Output: the round count and how many sales and double sales happen without
# the lock vary (their own lines); the verdicts and the locked lines are
# fixed. Which buyer gets which seat varies, so it is not printed.
# output: varies
import sys
import threading
import time

SEATS = 10
BUYERS = ["ann", "bob", "cyd"]
PAUSE = 0.005
DEADLINE = 10


def run(use_lock):
    owner = {}
    for s in range(1, SEATS + 1):
        owner[s] = None
    sales = []            # (seat, buyer) for every sale made
    lock = threading.Lock()
    start = threading.Barrier(len(BUYERS))

    def buy(seat, name):
        if owner[seat] is None:        # check
            time.sleep(PAUSE)          # ... payment in progress ...
            owner[seat] = name         # act
            sales.append((seat, name))

    def buyer(name):
        start.wait()
        for seat in range(1, SEATS + 1):
            if use_lock:
                with lock:
                    buy(seat, name)
            else:
                buy(seat, name)

    threads = [threading.Thread(target=buyer, args=(n,), name=n) for n in BUYERS]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    per_seat = {}
    for (seat, name) in sales:
        per_seat[seat] = per_seat.get(seat, 0) + 1
    twice = len([s for s in per_seat if per_seat[s] > 1])
    unsold = SEATS - len(per_seat)
    return len(sales), twice, unsold


def main():
    print(f"{len(BUYERS)} buyers, {SEATS} seats")
    print("without a lock:")
    deadline = time.perf_counter() + DEADLINE
    rounds = 0
    while True:
        rounds += 1
        n, twice, unsold = run(False)
        if twice > 0 or time.perf_counter() > deadline:
            break
    print(f"  rounds run: {rounds}")
    print(f"  sales made: {n}")
    print(f"  seats sold more than once: {twice}")
    if twice > 0:
        print("  race: yes -- at least one seat was sold twice")
    else:
        print(f"  race: not seen in {rounds} rounds within {DEADLINE} s")
    print("with a lock:")
    n, twice, unsold = run(True)
    print(f"  sales made: {n}, seats sold more than once: {twice}, unsold: {unsold}")
    if n != SEATS or twice != 0 or unsold != 0:
        print("  BUG: the lock did not help")
        sys.exit(1)
    print("  every seat was sold exactly once")


main()
