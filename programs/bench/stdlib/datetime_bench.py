# datetime_bench.py -- date/datetime/timedelta in hot loops: timedelta arithmetic,
# comparisons and sorting, isoformat/strftime, fromisoformat, toordinal/fromordinal,
# hashing into dicts, timezone-aware conversions; prints checksums.
#
# Usage: datetime_bench.py [N]   (default N=2000)
# bench-size: 20000
import sys
from datetime import date, datetime, time, timedelta, timezone

n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000

# timedelta arithmetic: sums, scaling, division, comparisons.
step = timedelta(hours=7, minutes=13, seconds=5, microseconds=250)
acc = timedelta()
big = 0
for i in range(n):
    acc += step
    d = acc - timedelta(seconds=i)
    if d > step * 3:
        big += 1
    acc = acc + (step // 7) - timedelta(microseconds=i % 1000)
print("timedelta", acc, big, acc.total_seconds(), acc // step, acc % step)

# datetime + timedelta, weekday, comparisons, date differences.
start = datetime(2020, 1, 31, 22, 15, 30)
t = start
weekdays = [0] * 7
later = 0
for i in range(n):
    t = t + timedelta(hours=13, minutes=i % 60)
    weekdays[t.weekday()] += 1
    if t > start + timedelta(days=i // 2):
        later += 1
print("datetime", t, weekdays, later, (t - start).days, t.date() - start.date())

# Formatting and parsing round trips.
chars = 0
same = 0
for i in range(n // 4):
    dt = start + timedelta(days=i * 3, seconds=i * 37, microseconds=i * 11)
    s = dt.isoformat()
    chars += len(s) + len(dt.strftime("%Y-%m-%d %H:%M:%S %a %b %j"))
    if datetime.fromisoformat(s) == dt:
        same += 1
    ds = dt.date().isoformat()
    if date.fromisoformat(ds) == dt.date():
        same += 1
    chars += len(str(dt.time())) + len(repr(dt))
print("format", chars, same)

# Ordinals: date <-> proleptic Gregorian day numbers.
total = 0
for i in range(n):
    o = 700000 + i * 37
    d = date.fromordinal(o)
    total += d.toordinal() - o + d.year + d.month + d.day + d.isoweekday()
print("ordinal", total)

# Hashing into dicts and sets: bucket datetimes by day, count distinct dates.
buckets = {}
seen = set()
for i in range(n):
    dt = start + timedelta(minutes=i * 47)
    day = dt.date()
    buckets[day] = buckets.get(day, 0) + 1
    seen.add(dt.replace(minute=0, second=0))
busiest = max(buckets.items(), key=lambda kv: (kv[1], kv[0]))
print("hash", len(buckets), len(seen), busiest[0], busiest[1], sorted(buckets)[-1])

# Aware datetimes: conversion between fixed offsets, comparison across zones.
east = timezone(timedelta(hours=5, minutes=30))
west = timezone(timedelta(hours=-8), "PST")
aware = datetime(2023, 3, 12, 1, 30, tzinfo=west)
agree = 0
for i in range(n // 4):
    a = aware + timedelta(minutes=i * 17)
    b = a.astimezone(east)
    if a == b and b.utcoffset() == timedelta(hours=5, minutes=30):
        agree += 1
print("aware", agree, b.isoformat(), a.astimezone(timezone.utc), b.tzname(), a.tzname())

# Sorting a list of dates and times.
ds = sorted(date(2000 + i % 25, 1 + i % 12, 1 + i % 28) for i in range(n // 2))
ts = sorted(time(i % 24, (i * 7) % 60, (i * 13) % 60) for i in range(n // 2))
print("sort", ds[0], ds[-1], ds[len(ds) // 2], ts[0], ts[-1], ts[len(ts) // 3])
