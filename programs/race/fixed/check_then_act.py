# fixed/check_then_act.py -- check_then_act.py with the fix: one Lock held
# across the check and the pop, so a consumer never pops an empty stack.
import threading

stack = list(range(5))
popped = []
lock = threading.Lock()


def consumer():
    while True:
        with lock:
            if stack:
                popped.append(stack.pop())
            else:
                return


threads = [threading.Thread(target=consumer) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"popped {len(popped)} of 5 items")
