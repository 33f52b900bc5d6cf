# datetime: date, time, datetime, timedelta, timezone on fixed values (reprs, str,
# arithmetic, comparisons, ISO formats, strftime/strptime, errors); now() only by type.
import os
import time as _t
os.environ["TZ"] = "UTC"
_t.tzset()

import datetime
from datetime import date, time, datetime as dt, timedelta, timezone, tzinfo, UTC

print(datetime.MINYEAR, datetime.MAXYEAR, UTC is timezone.utc)

# timedelta
for td in (timedelta(1, 3600, 5), timedelta(), timedelta(-1), timedelta(-1, 1),
           timedelta(microseconds=500000), timedelta(3, 7200), timedelta(weeks=1, hours=-1),
           timedelta(minutes=1.5), timedelta(milliseconds=1), timedelta(seconds=-0.5),
           timedelta(days=1.1), timedelta(microseconds=1.5), timedelta(microseconds=2.5)):
    print(repr(td), "|", td, "|", td.days, td.seconds, td.microseconds, td.total_seconds())
print(timedelta.max, timedelta.min, repr(timedelta.resolution))
a, b = timedelta(days=1), timedelta(hours=5)
print(a + b, a - b, b - a, -a, +a, abs(-a), a * 2, 2 * a, a * 1.5, b * 0.1)
print(a / 3, a / b, a // b, a % b, divmod(a, b), a // 7, a / 2.5)
print(a > b, a == timedelta(hours=24), a != b, b <= a, a == 1, bool(timedelta()), bool(b))
print(hash(a) == hash(timedelta(hours=24)), sorted([a, b, -b]))
for f in (lambda: timedelta(days=10**9), lambda: a / 0, lambda: a // timedelta(0),
          lambda: timedelta("1"), lambda: a % timedelta(0), lambda: a / 0.0, lambda: timedelta.max + timedelta(1)):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# date
d = date(2024, 3, 5)
print(repr(d), d, d.year, d.month, d.day, d.weekday(), d.isoweekday(), d.toordinal())
print(d.isocalendar(), d.isocalendar().week, tuple(d.isocalendar()), d.ctime())
print(d.timetuple())
print(d + timedelta(days=30), d - timedelta(days=65), d - date(2024, 1, 1), date(2024, 1, 1) - d)
print(d + timedelta(hours=47), timedelta(1) + d)
print(d.replace(day=31), d.replace(year=2023, month=2, day=28), date.fromordinal(738950))
print(date.fromisoformat("2024-03-05"), date.fromisoformat("20240305"),
      date.fromisoformat("2024-W10-2"), date.fromisoformat("2024W102"), date.fromisoformat("2024-W01"))
print(date.fromisocalendar(2020, 53, 7), date(2021, 1, 3).isocalendar(), date(2008, 12, 29).isocalendar())
print(date.min, date.max, date.resolution, date(1, 1, 1).toordinal(), date.max.toordinal())
print(d == date(2024, 3, 5), d < date(2024, 3, 6), d > date(2024, 3, 6), d == "x", d != 5)
print(sorted([date(2024, 1, 2), date(2023, 5, 1), date(2024, 1, 1)]))
print(hash(d) == hash(date(2024, 3, 5)), {d: 1}[date(2024, 3, 5)])
print(d.strftime("%Y/%m/%d %A %j %U %f %z|%Z|"), format(d, "%d %b"), f"{d}", f"{d:%y}")
for y in (2000, 1900, 2024, 2023, 1):
    print(y, date(y, 2, 28) + timedelta(1), date(y, 12, 31).timetuple().tm_yday)
for f in (lambda: date(2024, 13, 1), lambda: date(2024, 2, 30), lambda: date(0, 1, 1),
          lambda: date(2023, 2, 29), lambda: date(2024.0, 1, 1), lambda: date("x", 1, 1),
          lambda: date(2024), lambda: date.fromisoformat("2024-1-1"),
          lambda: date.fromisoformat(20240101), lambda: date.max + timedelta(1),
          lambda: date.min - timedelta(1), lambda: date.fromordinal(0),
          lambda: date.fromisocalendar(2021, 53, 1), lambda: date.fromisocalendar(2021, 1, 8),
          lambda: d < dt(2024, 1, 1), lambda: format(d, 5)):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
print(d == dt(2024, 3, 5), dt(2024, 3, 5) == d)

# time
for t in (time(), time(10, 30), time(10, 30, 5), time(10, 30, 0, 5), time(1, 2, 3, 4, fold=1),
          time(12, 0, tzinfo=timezone.utc), time(23, 59, 59, 999999, timezone(timedelta(hours=-3)))):
    print(repr(t), "|", t, "|", t.isoformat("minutes"), t.utcoffset(), t.tzname(), t.dst())
tt = time(14, 5, 9, 123456)
for spec in ("auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"):
    print(spec, tt.isoformat(timespec=spec))
print(tt.strftime("%H|%I|%M|%S|%f|%p|%Y"), f"{tt:%H.%M}", time.min, time.max, bool(time()))
print(tt.replace(hour=1), tt.replace(microsecond=0, tzinfo=UTC), tt < time(15), tt == time(14, 5, 9, 123456))
print(time(12, tzinfo=timezone(timedelta(hours=1))) == time(11, tzinfo=UTC), time(12) == time(12, tzinfo=UTC))
for s in ("10:20:30.123456+05:30", "102030", "10:20:30Z", "10", "10:20", "T10:20:30.5", "10:20:30,25"):
    print(s, repr(time.fromisoformat(s)))
for f in (lambda: time(24), lambda: time(1, 60), lambda: time(1, 1, 60), lambda: time(1, 1, 1, 10**6),
          lambda: time(fold=2), lambda: time(tzinfo=5), lambda: time(1) < time(1, tzinfo=UTC),
          lambda: time.fromisoformat("10:2"), lambda: tt.isoformat("days")):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# datetime
x = dt(2024, 3, 5, 10, 20, 30, 123456)
print(repr(x), "|", x, "|", x.isoformat(), x.isoformat(" ", "seconds"), x.date(), x.time())
print(repr(dt(2024, 3, 5)), repr(dt(2024, 3, 5, 1, 2, 3)), repr(dt(2024, 1, 1, fold=1)))
aw = dt(2024, 3, 5, 1, 2, 3, 4, timezone(timedelta(hours=2)))
print(repr(aw), aw, aw.utcoffset(), aw.tzname(), aw.dst(), aw.timetz(), aw.timestamp())
print(x.ctime(), x.timetuple(), x.weekday(), x.toordinal())
print(aw.utctimetuple())
print(x + timedelta(days=1, hours=20), x - timedelta(microseconds=123457), x - dt(2024, 1, 1))
print(aw - dt(2024, 3, 4, 23, 2, 3, 4, tzinfo=UTC), aw == dt(2024, 3, 4, 23, 2, 3, 4, tzinfo=UTC))
print(aw.astimezone(UTC), aw.astimezone(timezone(timedelta(hours=-5, minutes=-30), "X")))
print(dt(2024, 1, 1, 12).astimezone(timezone(timedelta(hours=3))), dt(2024, 1, 1, 12).astimezone())
print(dt(2024, 1, 1, tzinfo=UTC).timestamp(), dt(2024, 1, 1).timestamp(), dt(1969, 12, 31, 23, 59, 59, 500000).timestamp())
print(dt.fromtimestamp(1e9), dt.fromtimestamp(1e9, UTC), dt.utcfromtimestamp(1.5), dt.fromtimestamp(-1.25, UTC))
print(dt.fromtimestamp(1700000000.9999996, UTC), dt.fromtimestamp(0, timezone(timedelta(hours=9))))
print(dt.combine(date(2024, 3, 5), time(1, 2, tzinfo=UTC)), dt.combine(d, time(5), tzinfo=None))
print(x.replace(year=2020, tzinfo=UTC), x.replace(microsecond=0))
for s in ("2024-03-05T10:20:30.123+05:30", "20240305T102030Z", "2024-03-05 10:20", "2024-W10-2",
          "2024-03-05T10", "2024-03-05T10:20:30,5", "2024-03-05", "2024-03-05T10:20:30-00:00"):
    print(s, repr(dt.fromisoformat(s)))
print(x.strftime("%Y-%m-%d %H:%M:%S.%f %a %b %j %%"), aw.strftime("%z %Z %f %%f"), f"{aw:%H:%M %z}")
print(dt(2024, 3, 5, tzinfo=timezone(timedelta(hours=5, minutes=30, seconds=15))).strftime("%z"))
print(dt.strptime("2024-03-05 10:20:30", "%Y-%m-%d %H:%M:%S"))
print(repr(dt.strptime("05/Mar/2024:10:20:30 +0100", "%d/%b/%Y:%H:%M:%S %z")))
print(repr(dt.strptime("2024-03-05T10:20:30.5Z", "%Y-%m-%dT%H:%M:%S.%f%z")))
print(repr(dt.strptime("Tuesday 5 March 24 3pm", "%A %d %B %y %I%p")), dt.strptime("12", "%H"))
print(repr(dt.strptime("2024 10 2", "%Y %W %w")), repr(dt.strptime("2024 10 2", "%G %V %u")), dt.strptime("366 2024", "%j %Y"))
print(repr(dt.strptime("UTC 2024", "%Z %Y")), dt.strptime("2024-03-05 +05:30", "%Y-%m-%d %z").tzinfo)
print(dt.min, dt.max, dt.resolution)
print(x > dt(2024, 3, 5), x == dt(2024, 3, 5, 10, 20, 30, 123456), x != aw, x == aw)
print(sorted([dt(2024, 1, 1, tzinfo=UTC), aw, dt(2024, 6, 1, tzinfo=timezone(timedelta(hours=-7)))]))
print(hash(aw) == hash(dt(2024, 3, 4, 23, 2, 3, 4, tzinfo=UTC)), isinstance(x, date), issubclass(dt, date))
for f in (lambda: dt(2024, 1, 1) - dt(2024, 1, 1, tzinfo=UTC), lambda: dt(2024, 1, 1) < aw,
          lambda: dt(2024, 1, 1, fold=2), lambda: dt(2024, 1, 1) < date(2024, 1, 1),
          lambda: dt.fromisoformat("2024-03-05T24:00"), lambda: dt.fromisoformat("x"),
          lambda: dt.strptime("x", "%Y"), lambda: dt.strptime("2024 x", "%Y"),
          lambda: dt.strptime("2024", "%Y %q"), lambda: dt.strptime("2024", "%"),
          lambda: dt.strptime("2023-02-29", "%Y-%m-%d"), lambda: dt.strptime("02-29", "%m-%d"),
          lambda: dt.max + timedelta(1), lambda: dt(2024, 1, 1).isoformat("ab"),
          lambda: dt.combine(1, time()), lambda: dt.strptime(1, "%Y")):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)

# timezone
for tz in (timezone.utc, timezone(timedelta(hours=2), "X"), timezone(timedelta(hours=-2, minutes=-30)),
           timezone(timedelta(0)), timezone(timedelta(0), "Z"), timezone.min, timezone.max,
           timezone(timedelta(seconds=3661, microseconds=5))):
    print(repr(tz), "|", tz, "|", tz.utcoffset(None), tz.tzname(None), tz.dst(None))
print(timezone(timedelta(hours=1)) == timezone(timedelta(hours=1), "A"), timezone(timedelta(0)) is UTC)
print(hash(timezone(timedelta(hours=1))) == hash(timedelta(hours=1)))
for f in (lambda: timezone(timedelta(hours=24)), lambda: timezone(5), lambda: timezone(timedelta(1), 5),
          lambda: UTC.utcoffset(5), lambda: UTC.tzname(5), lambda: UTC.fromutc(5),
          lambda: UTC.fromutc(dt(2000, 1, 1)), lambda: tzinfo().utcoffset(None)):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


class Fixed(tzinfo):
    def __init__(self, minutes, name):
        self.off = timedelta(minutes=minutes)
        self.name = name

    def utcoffset(self, d):
        return self.off

    def tzname(self, d):
        return self.name

    def dst(self, d):
        return timedelta(0)


f = Fixed(90, "F90")
z = dt(2024, 3, 5, 12, tzinfo=f)
print(z, z.utcoffset(), z.tzname(), z.astimezone(UTC), UTC.fromutc(dt(2024, 1, 1, tzinfo=UTC)))
print(dt(2024, 3, 5, 10, 30, tzinfo=UTC).astimezone(f), z.timetuple().tm_isdst, z.strftime("%Z %z"))

# now() and today(): only types and ranges (the test never depends on the clock)
n = dt.now()
print(type(n).__name__, n.tzinfo, 2000 < n.year < 3000, type(dt.now(UTC).tzinfo).__name__)
print(type(date.today()).__name__, type(dt.utcnow()).__name__, dt.today().tzinfo, abs(dt.now(UTC) - dt.now(UTC)) < timedelta(1))


class MyDate(date):
    pass


md = MyDate(2024, 1, 31)
print(type(md + timedelta(1)).__name__, type(md.replace(day=1)).__name__, type(MyDate.fromordinal(5)).__name__)
