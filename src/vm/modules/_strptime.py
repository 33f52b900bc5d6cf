"""strptime for time.strptime and datetime.strptime: a format becomes a regular
expression, the match becomes fields (C locale names, as gilvm has no locales)."""

import re as _re
import time as _time
from datetime import date as _date, timedelta as _timedelta, timezone as _timezone

__all__ = []

_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = ["january", "february", "march", "april", "may", "june", "july",
           "august", "september", "october", "november", "december"]


def _alternatives(words):
    # Longest first, so that "march" is not matched as "mar" + leftovers.
    return "|".join(_re.escape(w) for w in sorted(words, key=len, reverse=True))


def _zone_names():
    names = {"utc", "gmt"}
    for n in _time.tzname:
        names.add(n.lower())
    return names


# The regular expression of each directive (digits only where CPython takes digits).
_DIRECTIVES = {
    "d": r"(?P<d>3[01]|[12]\d|0[1-9]|[1-9]| [1-9])",
    "f": r"(?P<f>[0-9]{1,6})",
    "H": r"(?P<H>2[0-3]|[0-1]\d|\d)",
    "I": r"(?P<I>1[0-2]|0[1-9]|[1-9])",
    "G": r"(?P<G>\d\d\d\d)",
    "j": r"(?P<j>36[0-6]|3[0-5]\d|[12]\d\d|0[1-9]\d|00[1-9]|[1-9]\d|0[1-9]|[1-9])",
    "m": r"(?P<m>1[0-2]|0[1-9]|[1-9])",
    "M": r"(?P<M>[0-5]\d|\d)",
    "S": r"(?P<S>6[0-1]|[0-5]\d|\d)",
    "U": r"(?P<U>5[0-3]|[0-4]\d|\d)",
    "w": r"(?P<w>[0-6])",
    "u": r"(?P<u>[1-7])",
    "V": r"(?P<V>5[0-3]|0[1-9]|[1-4]\d|\d)",
    "y": r"(?P<y>\d\d)",
    "Y": r"(?P<Y>\d\d\d\d)",
    "z": r"(?P<z>[+-]\d\d:?[0-5]\d(:?[0-5]\d(\.\d{1,6})?)?|(?-i:Z))",
    "A": "(?P<A>" + _alternatives(_DAYS) + ")",
    "a": "(?P<a>" + _alternatives(d[:3] for d in _DAYS) + ")",
    "B": "(?P<B>" + _alternatives(_MONTHS) + ")",
    "b": "(?P<b>" + _alternatives(m[:3] for m in _MONTHS) + ")",
    "p": "(?P<p>am|pm)",
    "%": "%",
}
_DIRECTIVES["W"] = _DIRECTIVES["U"].replace("U", "W")
# The C locale's date and time representations.
_COMPOSITE = {"c": "%a %b %d %H:%M:%S %Y", "x": "%m/%d/%y", "X": "%H:%M:%S"}

_cache = {}


def _pattern(format):
    out = []
    i, n = 0, len(format)
    while i < n:
        ch = format[i]
        if ch != "%":
            if ch.isspace():
                while i < n and format[i].isspace():
                    i += 1
                out.append(r"\s+")
                continue
            out.append(_re.escape(ch))
            i += 1
            continue
        if i + 1 >= n:
            raise ValueError(f"stray % in format '{format}'")
        d = format[i + 1]
        i += 2
        if d in _COMPOSITE:
            out.append(_pattern(_COMPOSITE[d]).pattern)
            continue
        if d == "Z":
            rx = "(?P<Z>" + _alternatives(_zone_names()) + ")"
        elif d in _DIRECTIVES:
            rx = _DIRECTIVES[d]
        else:
            raise ValueError(f"'{d}' is a bad directive in format '{format}'")
        out.append(rx)
    return _re.compile("".join(out), _re.IGNORECASE)


def _compiled(format):
    rx = _cache.get(format)
    if rx is None:
        if len(_cache) > 100:
            _cache.clear()
        rx = _cache[format] = _pattern(format)
    return rx


def _first_weekday_julian(year, week_of_year, day_of_week, week_starts_mon):
    # Day of the year (from 1) of a week number (%U: Sunday-first, %W: Monday-first).
    first_weekday = _date(year, 1, 1).weekday()
    if not week_starts_mon:
        first_weekday = (first_weekday + 1) % 7
        day_of_week = (day_of_week + 1) % 7
    week_0_length = (7 - first_weekday) % 7
    if week_of_year == 0:
        return 1 + day_of_week - first_weekday
    days_to_week = week_0_length + (7 * (week_of_year - 1))
    return 1 + days_to_week + day_of_week


def _strptime(data_string, format="%a %b %d %H:%M:%S %Y"):
    for index, arg in enumerate([data_string, format]):
        if not isinstance(arg, str):
            raise TypeError(f"strptime() argument {index} must be str, not {type(arg)}")
    found = _compiled(format).match(data_string)
    if not found:
        raise ValueError(f"time data {data_string!r} does not match format {format!r}")
    if len(data_string) != found.end():
        raise ValueError(f"unconverted data remains: {data_string[found.end():]}")

    iso_year = year = None
    month = day = 1
    hour = minute = second = fraction = 0
    tz = -1
    gmtoff = None
    gmtoff_fraction = 0
    iso_week = week_of_year = None
    week_of_year_start = None
    weekday = julian = None
    found_dict = found.groupdict()
    for group_key in found_dict:
        value = found_dict[group_key]
        if value is None:
            continue
        if group_key == "y":
            year = int(value)
            # POSIX: 69-99 are the 1900s, 00-68 the 2000s.
            year += 1900 if year >= 69 else 2000
        elif group_key == "Y":
            year = int(value)
        elif group_key == "G":
            iso_year = int(value)
        elif group_key == "m":
            month = int(value)
        elif group_key == "B":
            month = _MONTHS.index(value.lower()) + 1
        elif group_key == "b":
            month = [m[:3] for m in _MONTHS].index(value.lower()) + 1
        elif group_key == "d":
            day = int(value)
        elif group_key == "H":
            hour = int(value)
        elif group_key == "I":
            hour = int(value)
            ampm = found_dict.get("p", "").lower()
            if ampm in ("", "am"):
                if hour == 12:
                    hour = 0
            elif ampm == "pm":
                if hour != 12:
                    hour += 12
        elif group_key == "M":
            minute = int(value)
        elif group_key == "S":
            second = int(value)
        elif group_key == "f":
            fraction = int(value + "0" * (6 - len(value)))
        elif group_key == "A":
            weekday = _DAYS.index(value.lower())
        elif group_key == "a":
            weekday = [d[:3] for d in _DAYS].index(value.lower())
        elif group_key == "w":
            weekday = int(value)
            weekday = 6 if weekday == 0 else weekday - 1
        elif group_key == "u":
            weekday = int(value) - 1
        elif group_key == "j":
            julian = int(value)
        elif group_key in ("U", "W"):
            week_of_year = int(value)
            week_of_year_start = 6 if group_key == "U" else 0
        elif group_key == "V":
            iso_week = int(value)
        elif group_key == "z":
            z = value
            if z == "Z":
                gmtoff = 0
            else:
                if z[3] == ":":
                    z = z[:3] + z[4:]
                    if len(z) > 5:
                        if z[5] != ":":
                            raise ValueError(f"Inconsistent use of : in {found_dict['z']}")
                        z = z[:5] + z[6:]
                hours = int(z[1:3])
                minutes = int(z[3:5])
                seconds = int(z[5:7] or 0)
                gmtoff = (hours * 60 * 60) + (minutes * 60) + seconds
                gmtoff_remainder = z[8:]
                gmtoff_remainder_padding = "0" * (6 - len(gmtoff_remainder))
                gmtoff_fraction = int(gmtoff_remainder + gmtoff_remainder_padding)
                if z.startswith("-"):
                    gmtoff = -gmtoff
                    gmtoff_fraction = -gmtoff_fraction
        elif group_key == "Z":
            found_zone = value.lower()
            if found_zone in ("utc", "gmt"):
                tz = 0
            elif _time.daylight and found_zone == _time.tzname[1].lower():
                tz = 1
            elif found_zone == _time.tzname[0].lower():
                tz = 0
    # ISO week directives only make sense together.
    if year is None and iso_year is not None:
        if iso_week is None or weekday is None:
            raise ValueError("ISO year directive '%G' must be used with the ISO week "
                             "directive '%V' and a weekday directive "
                             "('%A', '%a', '%w', or '%u').")
        if julian is not None:
            raise ValueError("Day of the year directive '%j' is not compatible with "
                             "ISO year directive '%G'. Use '%Y' instead.")
    elif iso_week is not None:
        if year is None or weekday is None:
            raise ValueError("ISO week directive '%V' must be used with the ISO year "
                             "directive '%G' and a weekday directive "
                             "('%A', '%a', '%w', or '%u').")
        raise ValueError("ISO week directive '%V' is incompatible with the year "
                         "directive '%Y'. Use the ISO year '%G' instead.")

    leap_year_fix = False
    if year is None and month == 2 and day == 29:
        year = 1904  # a leap year, so Feb 29th parses; put back to 1900 below
        leap_year_fix = True
    elif year is None:
        year = 1900

    if julian is None and weekday is not None:
        if week_of_year is not None:
            week_starts_mon = week_of_year_start == 0
            julian = _first_weekday_julian(year, week_of_year, weekday, week_starts_mon)
        elif iso_year is not None and iso_week is not None:
            d = _date.fromisocalendar(iso_year, iso_week, weekday + 1)
            year, month, day = d.year, d.month, d.day
            julian = d.toordinal() - _date(year, 1, 1).toordinal() + 1
        if julian is not None and julian <= 0:
            year -= 1
            yday = 366 if (year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)) else 365
            julian += yday

    if julian is None:
        julian = _date(year, month, day).toordinal() - _date(year, 1, 1).toordinal() + 1
    else:
        d = _date.fromordinal((julian - 1) + _date(year, 1, 1).toordinal())
        year, month, day = d.year, d.month, d.day
    if weekday is None:
        weekday = _date(year, month, day).weekday()
    tzname = found_dict.get("Z")
    if leap_year_fix:
        year = 1900
    return ((year, month, day, hour, minute, second, weekday, julian, tz, tzname, gmtoff),
            fraction, gmtoff_fraction)


def _strptime_time(data_string, format="%a %b %d %H:%M:%S %Y"):
    """time.strptime: a struct_time from the string."""
    tt = _strptime(data_string, format)[0]
    return _time.struct_time(tt[:_time.struct_time.n_fields])


def _strptime_datetime(cls, data_string, format="%a %b %d %H:%M:%S %Y"):
    """datetime.strptime: an instance of cls from the string."""
    tt, fraction, gmtoff_fraction = _strptime(data_string, format)
    tzname, gmtoff = tt[-2:]
    args = tt[:6] + (fraction,)
    if gmtoff is not None:
        tzdelta = _timedelta(seconds=gmtoff, microseconds=gmtoff_fraction)
        if tzname:
            tz = _timezone(tzdelta, tzname)
        else:
            tz = _timezone(tzdelta)
        args += (tz,)
    return cls(*args)
