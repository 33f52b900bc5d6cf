# race_counter.py -- two threads add 1 to a global counter; `counter += 1` is a
# load, an add and a store, so a switch between the load and the store loses
# an update. Under python3 (and a plain gilvm run) the loss shows only by
# chance; `gilvm run --schedule SPEC` makes it repeatable: the same SPEC gives
# the same interleaving, the same lost updates and the same output every time.
#   gilvm run --schedule rr:3 programs/race/race_counter.py
# output: varies
import threading

N = 200
counter = 0


def work():
    global counter
    for _ in range(N):
        counter += 1


threads = [threading.Thread(target=work) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"counter = {counter}, expected {2 * N}, lost {2 * N - counter}")
