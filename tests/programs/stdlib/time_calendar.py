# time: struct_time, gmtime/localtime/mktime, strftime, asctime, ctime, strptime and
# the clocks' descriptions, on fixed timestamps (TZ set explicitly, never the date).
import os
import time

os.environ["TZ"] = "UTC"
time.tzset()
print(time.timezone, time.altzone, time.daylight, time.tzname)

t = time.gmtime(0)
print(t)
print(len(t), t[0], t[-1], t[:3], t.tm_year, t.tm_wday, t.tm_yday, t.tm_zone, t.tm_gmtoff)
print(t == (1970, 1, 1, 0, 0, 0, 3, 1, 0), type(t).__name__, type(t).__module__)
print(t.n_fields, t.n_sequence_fields, t.n_unnamed_fields)
y, m, d, *rest = time.gmtime(1700000000)
print(y, m, d, rest)
print(time.gmtime(-1))
print(time.gmtime(951782400.75))          # 2000-02-29, floats are floored
print(time.gmtime(-62135596800))          # 0001-01-01
print(time.gmtime(253402300799))          # 9999-12-31 23:59:59
print(isinstance(time.gmtime(), tuple), isinstance(time.localtime(), time.struct_time))

s = time.struct_time((2024, 3, 5, 10, 20, 30, 1, 65, 0))
print(s, s.tm_zone, s.tm_gmtoff)
s2 = time.struct_time((2024, 3, 5, 10, 20, 30, 1, 65, 0, "CET", 3600))
print(s2.tm_zone, s2.tm_gmtoff, len(s2), tuple(s2))
for bad in [(1, 2, 3), tuple(range(12))]:
    try:
        time.struct_time(bad)
    except TypeError as e:
        print("TypeError:", e)

print(time.asctime(t), "|", time.ctime(0), "|", time.ctime(1e9))
print(time.mktime(time.gmtime(1234567890)), time.mktime((2000, 1, 1, 0, 0, 0, 0, 1, -1)))
print(time.localtime(86400 * 365))

fmt = "%Y-%m-%d %H:%M:%S %a %A %b %B %p %I %y %j %U %W %w %u %C %e %D %F %T %R %G %V %g %%"
for ts in (0, 951782400, 1700000000, 1704067199, 1735689600):
    print(time.strftime(fmt, time.gmtime(ts)))
print(time.strftime("%c | %x | %X | %Z | %z", time.gmtime(1e9)))
print(time.strftime("%-d|%_d|%5Y|%^a|%#a|%Ey|%Od|%0e|%10A|%-j|%Q|%", time.gmtime(86400 * 40)))
print(time.strftime("%Y %y %C", (5, 1, 1, 0, 0, 0, 0, 1, 0)))
print(time.strftime("%m %d %j", (2000, 0, 0, 0, 0, 0, 0, 0, 0)))
print(time.strftime("%H:%M", (2000, 1, 1, 12, 5, 0, 0, 1, 0)), time.strftime("plain"))
print(type(time.strftime("%Y")).__name__)
for f in (lambda: time.strftime("%Y", (2000, 13, 1, 0, 0, 0, 0, 1, 0)),
          lambda: time.strftime("%Y", (2000, 1, 1, 24, 0, 0, 0, 1, 0)),
          lambda: time.strftime(5),
          lambda: time.mktime((1, 2, 3)),
          lambda: time.mktime([1] * 9),
          lambda: time.gmtime("x"),
          lambda: time.gmtime(float("nan")),
          lambda: time.gmtime(1e300),
          lambda: time.get_clock_info("nope")):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

print(time.strptime("2024-03-05", "%Y-%m-%d"))
print(time.strptime("Tue Mar  5 10:20:30 2024"))
print(time.strptime("05/03/24 11PM", "%d/%m/%y %I%p")[:6])
for info in ("time", "monotonic", "perf_counter", "process_time", "thread_time"):
    print(info, time.get_clock_info(info))
c = time.get_clock_info("monotonic")
print(c.implementation, c.monotonic, c.adjustable, c.resolution)
print(type(time.thread_time()).__name__, time.thread_time() >= 0, type(time.thread_time_ns()).__name__)

os.environ["TZ"] = "EST+05EDT,M3.2.0,M11.1.0"
time.tzset()
print(time.timezone, time.altzone, time.daylight, time.tzname)
print(time.localtime(1700000000))
print(time.localtime(1690000000).tm_zone, time.localtime(1690000000).tm_gmtoff)
print(time.mktime((2023, 7, 1, 12, 0, 0, 0, 1, -1)), time.mktime((2023, 1, 1, 12, 0, 0, 0, 1, -1)))
print(time.strftime("%Z %z", time.localtime(1690000000)), time.ctime(1690000000))
os.environ["TZ"] = "UTC"
time.tzset()
print(time.tzname)
