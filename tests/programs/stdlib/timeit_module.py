# timeit: Timer/timeit/repeat/autorange and the command line (main), driven by a fake
# clock so that every number printed is exact (no real timing is checked).
import sys
import timeit


class FakeClock:
    """Each call advances by `step` seconds: a loop of N passes costs 2 calls."""

    def __init__(self, step=0.5):
        self.now = 0.0
        self.step = step
        self.calls = 0

    def __call__(self):
        self.calls += 1
        self.now += self.step
        return self.now


count = 0


def bump():
    global count
    count += 1


clock = FakeClock()
t = timeit.Timer("bump()", timer=clock, globals=globals())
print(t.timeit(10), count, clock.calls)
print(t.repeat(3, 4), count)
print(timeit.timeit(bump, number=7, timer=FakeClock(0.25)), count)
print(timeit.repeat("x += 1", setup="x = 0", repeat=2, number=5, timer=FakeClock(1.0)))
print(timeit.Timer(lambda: None, setup=bump, timer=FakeClock()).timeit(3), count)
ns = {"data": [3, 1, 2]}
print(timeit.timeit("sorted(data)", globals=ns, number=3, timer=FakeClock(2.0)))
multi = timeit.Timer("for i in range(3):\n    y = i * 2", "import math\nz = 1", timer=FakeClock())
print(multi.timeit(2))


class Growing:
    """A clock whose loops take longer each time, to drive autorange."""

    def __init__(self):
        self.t = 0.0
        self.n = 0

    def __call__(self):
        self.n += 1
        if self.n % 2 == 0:
            self.t += 0.03 * self.n
        return self.t


seen = []
print(timeit.Timer("pass", timer=Growing()).autorange(lambda n, tt: seen.append(n)), seen)
print(timeit.default_timer is __import__("time").perf_counter)
print(type(timeit.timeit(number=10)).__name__, timeit.timeit(number=0) >= 0)

for bad in (dict(stmt=5), dict(setup=5), dict(stmt="x = ("), dict(stmt="return 1")):
    try:
        timeit.Timer(**bad)
    except Exception as e:
        print(type(e).__name__, e.args[0] if e.args else "")


def fake_wrap(step):
    return lambda timer: FakeClock(step)


# The command line: the same output as `python3 -m timeit ...` with these clocks.
print(timeit.main(["-n", "1000", "-r", "3", "x = 1"], _wrap_timer=fake_wrap(0.001)))
timeit.main(["-n", "10", "pass"], _wrap_timer=fake_wrap(1e-6))
timeit.main(["--number=2", "--repeat", "1", "-u", "msec", "pass"], _wrap_timer=fake_wrap(3.0))
timeit.main(["-s", "import math", "-s", "y = 2", "-n", "1", "-v", "math.sqrt(y)"], _wrap_timer=fake_wrap(0.125))
timeit.main(["-vv", "-n", "3", "-r", "2", "pass"], _wrap_timer=fake_wrap(1e-7))
timeit.main(["-p", "-n5", "-r1", "--", "pass"], _wrap_timer=fake_wrap(0.5))
timeit.main(["pass"], _wrap_timer=fake_wrap(0.3))
print(timeit.main(["-x"]), timeit.main(["--bogus"]), timeit.main(["-n"]))
print(timeit.main(["-u", "hours", "pass"]))
sys.stdout.flush()
print(timeit.main(["-n", "1", "1/0"], _wrap_timer=fake_wrap(1.0)))
