# datetime's native timedelta and date (src/vm/modules/_datetime.rs): constructor
# normalisation and rounding, overflow and type errors, arithmetic with foreign
# operands, date/datetime comparisons, hashing, subclasses, __reduce__ and copying.
import copy
import os
import time
import datetime
from datetime import date, timedelta

os.environ["TZ"] = "UTC"
time.tzset()


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


print(date is datetime.date, timedelta.__module__, date.__module__, date.__qualname__)
print(type(date(2020, 1, 1)).__module__, type(timedelta(1)).__name__)

# Normalisation: negative parts, floats, rounding half to even at the microsecond.
for args, kw in [((), {}), ((-1,), {}), ((0, -1), {}), ((0, 0, -1), {}),
                 ((), {"hours": -1}), ((), {"days": -1, "seconds": -1}),
                 ((), {"seconds": 0.5e-6}), ((), {"seconds": 1.5e-6}),
                 ((), {"microseconds": 2.5}), ((), {"microseconds": 3.5}),
                 ((), {"microseconds": -0.5}), ((), {"microseconds": -1.5}),
                 ((0.1,), {}), ((), {"seconds": 1 / 3}), ((), {"weeks": 1.5, "days": -0.3}),
                 ((), {"milliseconds": -0.0005}), ((), {"minutes": 1e-9 * 60}),
                 ((1, 2, 3, 4, 5, 6, 7), {}), ((True,), {}), ((), {"days": 10 ** 5 * 3})]:
    td = timedelta(*args, **kw)
    print(repr(td), str(td), td.days, td.seconds, td.microseconds, bool(td))

show(lambda: timedelta(days=999999999, seconds=86400))
show(lambda: timedelta(days=-999999999, microseconds=-1))
show(lambda: timedelta(days=10 ** 10))
show(lambda: timedelta(days=1e10))
show(lambda: timedelta(days=float("inf")))
show(lambda: timedelta(days=float("nan")))
show(lambda: timedelta("1"))
show(lambda: timedelta(seconds=None))
show(lambda: timedelta(1, 2, 3, 4, 5, 6, 7, 8))
show(lambda: timedelta(x=1))
show(lambda: timedelta(1, days=2))
print(timedelta.min, timedelta.max, repr(timedelta.resolution))
show(lambda: -timedelta.max)
show(lambda: timedelta.min - timedelta(microseconds=1))
show(lambda: abs(timedelta.min))
show(lambda: timedelta.max + timedelta.resolution)

# Arithmetic: ints, floats, other timedeltas; NotImplemented for anything else.
a, b = timedelta(days=1, hours=3), timedelta(hours=5, microseconds=7)
print(a + b, a - b, b - a, -a, +a, abs(b - a), a * 3, 3 * a, a * -1, a * True)
print(a * 0.5, 0.25 * a, a / 4, a / 2.5, a / b, a // b, a // 3, a % b, divmod(a, b))
print(divmod(-a, b), (-a) // b, (-a) % b, a // -7, timedelta(microseconds=5) / 2,
      timedelta(microseconds=7) / 2, timedelta(microseconds=-7) / 2, timedelta(1) * (1 / 3))
print(a.total_seconds(), (-b).total_seconds(), timedelta.max.total_seconds(),
      timedelta(microseconds=1).total_seconds())
print(timedelta(0) * 10 ** 30, timedelta(seconds=3) * 10 ** 6)
show(lambda: timedelta(1) * 10 ** 30)
show(lambda: timedelta(1) * float("nan"))
show(lambda: timedelta(1) / float("inf"))
show(lambda: timedelta(1) / 0)
show(lambda: timedelta(1) / 0.0)
show(lambda: timedelta(1) // 0)
show(lambda: timedelta(1) / timedelta(0))
show(lambda: timedelta(1) // timedelta(0))
show(lambda: timedelta(1) % timedelta(0))
show(lambda: divmod(timedelta(1), timedelta(0)))
show(lambda: timedelta(1) + 1)
show(lambda: 1 - timedelta(1))
show(lambda: timedelta(1) // 2.0)
show(lambda: timedelta(1) % 5)
show(lambda: timedelta(1) * "x")
show(lambda: timedelta(1) < 1)
show(lambda: divmod(timedelta(1), 2))
print(timedelta(1) == 1, timedelta(1) != "x", timedelta(0) == timedelta(), a > b, a <= b,
      sorted([a, b, -a, -b, timedelta(0)]))
print(hash(timedelta(1, 2, 3)) == hash((1, 2, 3)), hash(timedelta(hours=24)) == hash(timedelta(1)),
      len({timedelta(seconds=60), timedelta(minutes=1), timedelta(0, 60)}))

# date: construction and its errors.
d = date(2024, 3, 5)
print(repr(d), d, d.year, d.month, d.day, d.toordinal(), d.weekday(), d.isoweekday())
print(date(year=2020, month=1, day=2), date(True, 1, 1), date.min, date.max, repr(date.resolution))
for f in (lambda: date(2020, 2, 30), lambda: date(2021, 2, 29), lambda: date(0, 1, 1),
          lambda: date(10000, 1, 1), lambda: date(2020, 13, 1), lambda: date(2020, 0, 1),
          lambda: date(2020), lambda: date(2020, 1), lambda: date(2020.0, 1, 1),
          lambda: date("2020", 1, 1), lambda: date(10 ** 20, 1, 1), lambda: date(2 ** 40, 1, 1),
          lambda: date(2020, 1, 1, 1), lambda: date(2020, 1, day=1, month=2),
          lambda: date(2020, 1, 1, x=1)):
    show(f)

# date arithmetic, ranges and foreign operands.
print(d + timedelta(30), timedelta(30) + d, d - timedelta(days=65), d - date(2023, 3, 5),
      date(2023, 3, 5) - d, d + timedelta(hours=23), d - timedelta(hours=1), d + timedelta(-1, 1))
show(lambda: date.max + timedelta(1))
show(lambda: date.min - timedelta(1))
show(lambda: date.min + timedelta(-1))
show(lambda: d + d)
show(lambda: d + 1)
show(lambda: timedelta(1) - d)
show(lambda: d - 1)

# Comparisons, with each other and with datetime.
dt = datetime.datetime(2024, 3, 5)
print(d == date(2024, 3, 5), d != date(2024, 3, 5), d < date(2024, 3, 6), d >= date(2025, 1, 1),
      d == "2024-03-05", d != 5, d == dt, dt == d, d != dt, dt != d)
for f in (lambda: d < dt, lambda: dt < d, lambda: d >= dt, lambda: dt > d, lambda: d < 5,
          lambda: d > "x"):
    show(f)
print(sorted([date(2024, 1, 2), date(2023, 12, 31), date(2024, 1, 1)]))
print(hash(d) == hash(date(2024, 3, 5)), {d: 1}[date(2024, 3, 5)],
      len({date(2024, 1, 1), date(2024, 1, 1), date(2024, 1, 2)}))

# Alternative constructors and formatting.
print(date.fromordinal(1), date.fromordinal(738950), date.fromordinal(3652059),
      date.fromisoformat("2024-03-05"), date.fromisoformat("20240305"),
      date.fromisoformat("2020W011"), date.fromisoformat("2020-W53-7"),
      date.fromisocalendar(2020, 53, 1), date.fromisocalendar(2024, 1, 1))
for f in (lambda: date.fromordinal(0), lambda: date.fromordinal(3652060),
          lambda: date.fromordinal(1.0), lambda: date.fromisoformat("2024-1-01"),
          lambda: date.fromisoformat("2024-01-01T00"), lambda: date.fromisoformat(20240101),
          lambda: date.fromisoformat("0000-01-01"), lambda: date.fromisoformat("2024-02-30"),
          lambda: date.fromisocalendar(2021, 53, 1), lambda: date.fromisocalendar(2021, 1, 0),
          lambda: date.fromisocalendar(0, 1, 1), lambda: date.fromisocalendar(2021, 2 ** 40, 1),
          lambda: date.fromtimestamp(float("nan")), lambda: date.fromtimestamp("x")):
    show(f)
print(d.isoformat(), str(d), d.ctime(), date(2024, 3, 15).ctime(), d.isocalendar(),
      date(2021, 1, 1).isocalendar(), date(2020, 12, 31).isocalendar(), d.timetuple())
print(d.strftime("%Y-%m-%d %a %A %b %j %U %W %f|%z|%Z|%%|%"), format(d, "%d/%m"), f"{d}", f"{d:%y}")
show(lambda: d.strftime(1))
show(lambda: format(d, 5))
print(d.replace(year=2020), d.replace(month=2, day=29), d.replace(2023), d.replace())
show(lambda: date(2021, 1, 31).replace(month=2))
show(lambda: d.replace(yr=1))
print(type(date.today()) is date, type(date.fromtimestamp(0)) is date, date.fromtimestamp(86400 * 365.5))


# Subclasses: their own class from constructors and arithmetic, an instance dict.
class MyDate(date):
    def __new__(cls, y, m, d, tag="t"):
        self = super().__new__(cls, y, m, d)
        self.tag = tag
        return self

    def isoformat(self):
        return "my:" + super().isoformat()


class Span(timedelta):
    def hours(self):
        return self.days * 24 + self.seconds // 3600


m = MyDate(2024, 2, 28)
m.extra = 5
print(repr(m), str(m), f"{m}", m.tag, m.extra, type(m + timedelta(1)).__name__, m + timedelta(1),
      type(m - timedelta(1)).__name__, type(m - date(2024, 1, 1)).__name__, m == date(2024, 2, 28))
print(type(MyDate.fromordinal(5)).__name__, type(MyDate.fromisoformat("2024-01-02")).__name__,
      type(MyDate.today()).__name__, type(m.replace(day=1)).__name__, m.replace(day=1).__dict__)
s = Span(hours=50)
print(repr(s), s.hours(), type(s + s).__name__, type(-s).__name__, type(s * 2).__name__, s == timedelta(hours=50))
print(isinstance(dt, date), issubclass(datetime.datetime, date), dt.year, dt.toordinal(),
      dt.weekday(), dt.isocalendar(), type(dt.date()).__name__)

# Pickling (the __reduce__ round trip) and copying.
for v in (d, timedelta(-1, 5, 7), s, date.max, timedelta.min):
    f, args = v.__reduce__()
    p = f(*args)
    c = copy.deepcopy(v)
    print(repr(p), p == v, type(p).__name__, repr(c), type(c).__name__)
print(d.__reduce__(), timedelta(1, 2, 3).__reduce__(), date(b"\x07\xe8\x03\x05"))
