# bank.py -- transfers between two accounts from two threads, each a
# check-then-act (`if balance >= amount: ...`) and two read-modify-writes
# without a lock. The total must stay 200; an interleaving inside a transfer
# breaks it. Timed waits and sleeps run in virtual time under --schedule, so
# the sleeps below cost nothing there and the run is repeatable.
#   gilvm run --schedule random:7:8 programs/race/bank.py
# output: varies
import threading
import time

accounts = {"a": 100, "b": 100}


def transfer(src, dst, amount, times):
    for _ in range(times):
        if accounts[src] >= amount:
            balance = accounts[src]
            accounts[src] = balance - amount
            accounts[dst] = accounts[dst] + amount
        time.sleep(0.001)


t1 = threading.Thread(target=transfer, args=("a", "b", 10, 20))
t2 = threading.Thread(target=transfer, args=("b", "a", 7, 20))
start = time.monotonic()
t1.start()
t2.start()
t1.join()
t2.join()
total = accounts["a"] + accounts["b"]
print(f"a={accounts['a']} b={accounts['b']} total={total} ({'ok' if total == 200 else 'BROKEN'})")
print(f"elapsed >= 0.02 s of sleeps: {time.monotonic() - start >= 0.02}")
