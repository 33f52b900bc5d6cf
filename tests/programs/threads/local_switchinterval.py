# local_switchinterval.py -- threading.local and sys.setswitchinterval.
#
# Each thread sees its own attributes of a threading.local; the main
# thread's value is untouched. The switch interval round-trips and bad
# values raise CPython's errors.
import sys
import threading

data = threading.local()
data.x = "main"
seen = []
lock = threading.Lock()


def worker(i):
    try:
        data.x
        has = True
    except AttributeError:
        has = False
    data.x = i
    data.y = i * i
    with lock:
        seen.append((i, has, data.x, data.y))


ts = [threading.Thread(target=worker, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(seen))
print("main still sees:", data.x, "has y:", hasattr(data, "y"))

print("default switch interval:", sys.getswitchinterval())
sys.setswitchinterval(0.001)
print("after setswitchinterval(0.001):", sys.getswitchinterval())
sys.setswitchinterval(1)
print("after setswitchinterval(1):", sys.getswitchinterval())
for bad in [0, -1, 0.0, -0.5]:
    try:
        sys.setswitchinterval(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    sys.setswitchinterval("fast")
except TypeError as e:
    print("TypeError:", e)
print("unchanged after errors:", sys.getswitchinterval())
sys.setswitchinterval(0.005)
print("back to default:", sys.getswitchinterval())
