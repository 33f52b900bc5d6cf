# fixed/race_counter.py -- race_counter.py with the fix: a Lock around the
# read-modify-write, so no update is lost under any schedule:
#   gilvm race --strategy dfs --check 'counter == 2 * N' programs/race/fixed/race_counter.py
import threading

N = 200
counter = 0
lock = threading.Lock()


def work():
    global counter
    for _ in range(N):
        with lock:
            counter += 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"counter = {counter}, expected {2 * N}, lost {2 * N - counter}")
