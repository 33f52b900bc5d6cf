# fixed/tickets.py -- tickets.py with the fix: the check and the take under one
# Lock, so no seat is sold twice.
import threading

SEATS = 3
seats = SEATS
sold = []
lock = threading.Lock()


def seller(name):
    global seats
    while True:
        with lock:
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
