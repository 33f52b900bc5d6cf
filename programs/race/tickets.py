# tickets.py -- two sellers share a counter of seats left: each checks that a
# seat is left, then takes it (`if seats > 0: seats -= 1`). Between the check and
# the take the other seller may take the last seat: more tickets are sold than
# there were seats, and the assert at the end fails. Under python3 only by
# chance;   gilvm race programs/race/tickets.py   finds the interleaving (the
# fix: programs/race/fixed/tickets.py).
# output: varies
import threading

SEATS = 3
seats = SEATS
sold = []


def seller(name):
    global seats
    while True:
        if seats > 0:
            left = seats
            seats = left - 1
            sold.append(name)
        else:
            return


threads = [threading.Thread(target=seller, args=(n,)) for n in ("A", "B")]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"sold {len(sold)} tickets for {SEATS} seats")
assert len(sold) <= SEATS, f"oversold: {len(sold)} tickets for {SEATS} seats"
