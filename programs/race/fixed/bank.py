# fixed/bank.py -- bank.py with the fix: each transfer (the check and both
# updates) under one Lock, so the total stays 200 under any schedule:
#   gilvm race --check 'accounts["a"] + accounts["b"] == 200' programs/race/fixed/bank.py
import threading
import time

accounts = {"a": 100, "b": 100}
lock = threading.Lock()


def transfer(src, dst, amount, times):
    for _ in range(times):
        with lock:
            if accounts[src] >= amount:
                balance = accounts[src]
                accounts[src] = balance - amount
                accounts[dst] = accounts[dst] + amount
        time.sleep(0.001)


t1 = threading.Thread(target=transfer, args=("a", "b", 10, 20))
t2 = threading.Thread(target=transfer, args=("b", "a", 7, 20))
t1.start()
t2.start()
t1.join()
t2.join()
total = accounts["a"] + accounts["b"]
print(f"total={total} ({'ok' if total == 200 else 'BROKEN'})")
