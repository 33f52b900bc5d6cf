# check_then_act.py -- two threads pop from one shared stack, each after checking
# that it is not empty: `if stack: stack.pop()`. The check and the pop are two
# steps; when the other thread pops the last item in between, the pop raises
# IndexError in that thread. Under python3 this shows only by chance;
#   gilvm race programs/race/check_then_act.py
# finds the interleaving and shows it (the fix, a Lock around check-and-pop:
# programs/race/fixed/check_then_act.py).
# output: varies
import threading

stack = list(range(5))
popped = []


def consumer():
    while True:
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
