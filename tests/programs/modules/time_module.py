# time: only types and monotonicity are checked, never values.
import time
t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
print(type(t0).__name__, type(p0).__name__, type(m0).__name__)
print(t0 > 1500000000)
time.sleep(0.01)
time.sleep(0)
t1 = time.time()
p1 = time.perf_counter()
m1 = time.monotonic()
print(p1 > p0, m1 >= m0, t1 >= t0)
print(p1 - p0 >= 0.005, p1 - p0 < 30)
total = 0
start = time.perf_counter()
for i in range(1000):
    total += i
elapsed = time.perf_counter() - start
print(total, elapsed >= 0)
from time import sleep, monotonic
a = monotonic()
sleep(0.001)
print(monotonic() >= a)
print(time.sleep(0) is None)
