# datetime's fast paths (exact-class constructors, integer-only timedelta arguments,
# same-tzinfo comparisons, the isoformat-shaped fromisoformat inputs, strftime with
# nothing to substitute) against the general behaviour they shortcut: subclasses,
# carries across days and months, overflow, invalid fields, aware values.
from datetime import date, datetime, time, timedelta, timezone


class MyDate(date):
    pass


class MyDT(datetime):
    pass


class MyTD(timedelta):
    pass


def show(f):
    try:
        r = f()
        print(type(r).__name__, repr(r))
    except Exception as e:
        print(type(e).__name__, e)


show(lambda: MyDate(2024, 2, 28) + timedelta(1))
show(lambda: MyDate.fromordinal(738000))
show(lambda: MyDT(2024, 2, 28, 23, 59, 59, 999999) + timedelta(microseconds=1))
show(lambda: datetime(2024, 12, 31, 23, 0) + timedelta(hours=1, microseconds=5))
show(lambda: datetime(2024, 3, 1, 0, 0) - timedelta(microseconds=1))
show(lambda: datetime(2024, 3, 1, 0, 0) + timedelta(days=-366, seconds=-1))
show(lambda: datetime(9999, 12, 31, 23, 59) + timedelta(minutes=1))
show(lambda: datetime(1, 1, 1) - timedelta(microseconds=1))
show(lambda: date(1, 1, 1) - timedelta(1))
show(lambda: datetime(2024, 5, 5, 10, fold=1) + timedelta(0))
show(lambda: datetime(2024, 5, 5, 10, tzinfo=timezone.utc) + timedelta(hours=20))
show(lambda: datetime(2024, 5, 5) - datetime(2023, 5, 5, 12, 30, 1, 7))
show(lambda: date(2024, 5, 5) - date(2020, 2, 29))
show(lambda: MyTD(1, 2, 3))
show(lambda: MyTD(1) + MyTD(2))
show(lambda: timedelta(True, False))
show(lambda: timedelta(weeks=2, days=-3, hours=25, minutes=61, seconds=61,
                       milliseconds=1001, microseconds=-1))
show(lambda: timedelta(days=999999999, hours=24))
show(lambda: timedelta(days=-1000000000))
show(lambda: timedelta(1) * 10**9)
show(lambda: timedelta(hours=1.5, minutes=1))
for y, m, d in ((2024, 2, 29), (2023, 2, 29), (2000, 2, 29), (1900, 2, 29), (2024, 4, 31),
                (2024, 1, 0), (2024, 1, 32), (2024, 12, 31), (True, 1, 1)):
    show(lambda: date(y, m, d))
show(lambda: datetime(2024, 1, 1, 24))
show(lambda: datetime(2024, 1, 1, 1, 2, 3, 1000000))
show(lambda: time(1, 2, 3, 4, fold=2))
show(lambda: date(2024, 1, 1.0))
for s in ("2024-01-02T03:04:05", "2024-01-02 03:04:05.000006", "2024-01-02x03:04:05",
          "2024-13-02T03:04:05", "2024-02-30T03:04:05", "2024-01-02T25:04:05",
          "2024-01-02T03:04:05.123", "2024-01-02T03:04:05+01:00", "2024-01-02T03:04:0a",
          "2024-01-02T03:04:05.12345x", "２024-01-02T03:04:05", "2024-01-02T03:04:05Z"):
    show(lambda: datetime.fromisoformat(s))
for s in ("2024-01-02", "2024-02-30", "2024-1-02", "20240102", "2024-W01-1", "2024-0a-02",
          "２024-01-02"):
    show(lambda: date.fromisoformat(s))
show(lambda: MyDT.fromisoformat("2024-01-02T03:04:05"))
show(lambda: MyDate.fromisoformat("2024-01-02"))

a = datetime(2024, 1, 1, 12, tzinfo=timezone.utc)
b = datetime(2024, 1, 1, 13, tzinfo=timezone(timedelta(hours=1)))
c = datetime(2024, 1, 1, 12)
print(a == b, a < b, a <= b, hash(a) == hash(b), a == c, a != c)
show(lambda: a < c)
print(c < datetime(2024, 1, 1, 12, 0, 0, 1), c >= c.replace(fold=1), hash(c) == hash(c.replace(fold=1)))
print(sorted([datetime(2024, 1, 1, 0, 0, 1), datetime(2023, 12, 31, 23), datetime(2024, 1, 1)]))
print(time(1, 2) < time(1, 2, 0, 1), time(3) == time(3, tzinfo=None), time(1) > time(0, 59))
t1, t2 = time(12, tzinfo=timezone.utc), time(13, tzinfo=timezone(timedelta(hours=1)))
print(t1 == t2, t1 <= t2, time(12) == t1)
show(lambda: time(12) < t1)
print(date(2024, 1, 1) == datetime(2024, 1, 1), date(2024, 1, 1) != datetime(2024, 1, 1))
show(lambda: date(2024, 1, 1) < datetime(2024, 1, 1))
d = datetime(2024, 7, 8, 9, 10, 11, 12)
print(d.strftime("%Y %m %d %H %M %S %%f %%"), d.strftime("%f|%z|%Z"), d.strftime("100%"))
print(d.isoformat(), d.isoformat(" ", "milliseconds"), d.replace(microsecond=0).isoformat(),
      d.isoformat(timespec="hours"), str(d.time()), d.time().isoformat("minutes"))
show(lambda: d.isoformat(timespec="nanos"))
print(d.date(), type(d.date()).__name__, d.weekday(), d.isoweekday(), d.toordinal(),
      MyDT(2024, 7, 8).date().__class__.__name__)
print({date(2024, 1, 1): 1, date(2024, 1, 1) + timedelta(0): 2}, timedelta(0) == MyTD(0))
off = timezone(timedelta(hours=-3, minutes=-30))
e = datetime(2024, 1, 1, 1, tzinfo=off)
print(e.astimezone(timezone.utc), e.utcoffset(), e.isoformat(), e.timetuple()[:6])
show(lambda: datetime(2024, 1, 1) < MyDate(2024, 1, 1))
print(repr(MyTD(0)), repr(timezone.utc), repr(timezone(timedelta(hours=1))), repr(date(2024, 1, 1).isocalendar()))

# Fixed-offset conversions and comparisons across zones (and a subclass whose
# utcoffset() is its own, which the fixed-offset shortcut must not bypass).
plus2 = timezone(timedelta(hours=2), "P2")
f = datetime(2024, 3, 31, 23, 30, 0, 5, tzinfo=timezone(timedelta(hours=-9, minutes=-15)))
g = f.astimezone(plus2)
print(g, g.tzname(), g.astimezone(plus2) is g, f == g, f < g, f >= g, hash(f) == hash(g))
print(g.astimezone(timezone.utc) == f, f.astimezone(timezone(timedelta(0))), g - f, f - g)
show(lambda: datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))).astimezone(plus2))
show(lambda: datetime(9999, 12, 31, 23, tzinfo=timezone.utc).astimezone(plus2))
show(lambda: datetime(1, 1, 1, 5, tzinfo=plus2).astimezone(timezone.utc))
print(sorted([g, f.replace(minute=29), datetime(2024, 4, 1, 8, 45, tzinfo=timezone.utc)]))


class Shifted(datetime):
    def utcoffset(self):
        return timedelta(hours=1)


s1 = Shifted(2024, 1, 1, 12, tzinfo=timezone.utc)
print(s1 == datetime(2024, 1, 1, 12, tzinfo=plus2), s1 < datetime(2024, 1, 1, 12, tzinfo=plus2))
print(datetime(2024, 1, 1, 12, tzinfo=timezone.utc) == s1.replace(tzinfo=plus2))
