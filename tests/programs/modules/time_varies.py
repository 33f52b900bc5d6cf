# output: varies
# Timing values are printed, so time_varies.out holds one anchored regex per line.
import time
start = time.perf_counter()
time.sleep(0.02)
elapsed = time.perf_counter() - start
print("elapsed", round(elapsed, 3))
print(f"wall clock {time.time():.0f}")
print("monotonic", time.monotonic() > 0)
t = time.time()
print(f"{t - int(t):.6f}")
print("done")
