"""The datetime module: dates, times, durations and fixed-offset time zones with
CPython 3.11's behaviour, reprs and messages; local time comes from the time module."""

import time as _time
import operator as _operator

__all__ = ("date", "datetime", "time", "timedelta", "timezone", "tzinfo",
           "MINYEAR", "MAXYEAR", "UTC")

MINYEAR = 1
MAXYEAR = 9999
_MAXORDINAL = 3652059  # date.max.toordinal()

# Days before each month in a non-leap year (index 1..12).
_DAYS_IN_MONTH = [-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DAYS_BEFORE_MONTH = [-1]
_n = 0
for _dim in _DAYS_IN_MONTH[1:]:
    _DAYS_BEFORE_MONTH.append(_n)
    _n += _dim
del _n, _dim

_MONTHNAMES = [None, "Jan", "Feb", "Mar", "Apr", "May", "Jun",
               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_DAYNAMES = [None, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _cmp(x, y):
    return 0 if x == y else 1 if x > y else -1


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _index(x):
    # As CPython's C datetime: ints and __index__ only ("'float' object cannot be ...").
    if type(x) is int:
        return x
    return _operator.index(x)


def _check_date_fields(year, month, day):
    if type(year) is not int or type(month) is not int or type(day) is not int:
        year, month, day = _index(year), _index(month), _index(day)
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(f"year {year} is out of range")
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    if day < 1 or day > _DAYS_IN_MONTH[month] and not (
            day == 29 and month == 2 and _is_leap(year)):
        raise ValueError("day is out of range for month")
    return year, month, day


def _check_time_fields(hour, minute, second, microsecond, fold):
    if (type(hour) is not int or type(minute) is not int or type(second) is not int
            or type(microsecond) is not int):
        hour, minute = _index(hour), _index(minute)
        second, microsecond = _index(second), _index(microsecond)
    if not 0 <= hour <= 23:
        raise ValueError("hour must be in 0..23")
    if not 0 <= minute <= 59:
        raise ValueError("minute must be in 0..59")
    if not 0 <= second <= 59:
        raise ValueError("second must be in 0..59")
    if not 0 <= microsecond <= 999999:
        raise ValueError("microsecond must be in 0..999999")
    if fold not in (0, 1):
        raise ValueError("fold must be either 0 or 1")
    return hour, minute, second, microsecond, fold


def _check_tzinfo_arg(tz):
    if tz is not None and not isinstance(tz, tzinfo):
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, "
                        f"not type '{type(tz).__name__}'")


def _check_utc_offset(name, offset):
    if offset is None:
        return
    if not isinstance(offset, timedelta):
        raise TypeError(f"tzinfo.{name}() must return None or timedelta, "
                        f"not '{type(offset).__name__}'")
    if not -86400000000 < _us(offset) < 86400000000:
        raise ValueError(f"offset must be a timedelta strictly between "
                         f"-timedelta(hours=24) and timedelta(hours=24), not {offset!r}.")


def _format_offset(off, sep=":"):
    if off is None:
        return ""
    if off.days < 0:
        sign = "-"
        off = -off
    else:
        sign = "+"
    hh, mm = divmod(off, timedelta(hours=1))
    mm, ss = divmod(mm, timedelta(minutes=1))
    s = f"{sign}{hh:02d}{sep}{mm:02d}"
    if ss or ss.microseconds:
        s += f"{sep}{ss.seconds:02d}"
        if ss.microseconds:
            s += f".{ss.microseconds:06d}"
    return s


_TIMESPECS = {
    "hours": "{:02d}",
    "minutes": "{:02d}:{:02d}",
    "seconds": "{:02d}:{:02d}:{:02d}",
    "milliseconds": "{:02d}:{:02d}:{:02d}.{:03d}",
    "microseconds": "{:02d}:{:02d}:{:02d}.{:06d}",
}


def _format_time(hh, mm, ss, us, timespec="auto"):
    if timespec == "auto":
        if us:
            return f"{hh:02d}:{mm:02d}:{ss:02d}.{us:06d}"
        return f"{hh:02d}:{mm:02d}:{ss:02d}"
    if timespec == "milliseconds":
        us //= 1000
    try:
        fmt = _TIMESPECS[timespec]
    except KeyError:
        raise ValueError("Unknown timespec value") from None
    return fmt.format(hh, mm, ss, us)


def _wrap_strftime(obj, fmt, timetuple):
    # %f, %z and %Z come from the object itself; the rest from time.strftime.
    if "%f" not in fmt and "%z" not in fmt and "%Z" not in fmt:
        # Nothing to substitute: the loop below would hand over fmt unchanged.
        return _time.strftime(fmt, timetuple)
    out = []
    i, n = 0, len(fmt)
    while i < n:
        ch = fmt[i]
        i += 1
        if ch != "%":
            out.append(ch)
            continue
        if i >= n:
            out.append("%")
            break
        ch = fmt[i]
        i += 1
        if ch == "f":
            out.append(f"{getattr(obj, 'microsecond', 0):06d}")
        elif ch == "z":
            off = obj.utcoffset() if hasattr(obj, "utcoffset") else None
            out.append(_format_offset(off, "") if off is not None else "")
        elif ch == "Z":
            name = obj.tzname() if hasattr(obj, "tzname") else None
            out.append("" if name is None else name.replace("%", "%%"))
        else:
            out.append("%" + ch)
    return _time.strftime("".join(out), timetuple)


def _build_struct_time(y, m, d, hh, mm, ss, dstflag):
    wday = (_ymd2ord(y, m, d) + 6) % 7
    dnum = _DAYS_BEFORE_MONTH[m] + (m > 2 and _is_leap(y)) + d
    return _time.struct_time((y, m, d, hh, mm, ss, wday, dnum, dstflag))


def _qual(obj):
    # The C type's tp_name: "datetime.date" for the module's own classes, the bare
    # class name for a subclass defined in Python.
    t = type(obj)
    if t.__module__ == "datetime" and t in _OWN_CLASSES:
        return f"datetime.{t.__qualname__}"
    return t.__name__


# timedelta and date are native (src/vm/modules/_datetime.rs), as CPython's C types.
from _datetime import timedelta, date, _date_of_datetime, _ymd2ord, _ord2ymd


def _td(us):
    # A timedelta of `us` microseconds (what arithmetic below computes).
    return timedelta(0, 0, us)


def _us(td):
    # The whole duration in microseconds.
    return (td.days * 86400 + td.seconds) * 1000000 + td.microseconds


def _date(year, month, day):
    return date(year, month, day)


def _isdigits(s):
    return s.isdigit() and s.isascii()


def _isoweek1monday(year):
    # The Monday of ISO week 1: the week that holds January 4th.
    THURSDAY = 3
    firstday = _ymd2ord(year, 1, 1)
    firstweekday = (firstday + 6) % 7
    week1monday = firstday - firstweekday
    if firstweekday > THURSDAY:
        week1monday += 7
    return week1monday


def _isoweek_to_gregorian(year, week, day):
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(f"Year is out of range: {year}")
    if not 0 < week < 53:
        out_of_range = True
        if week == 53:
            first_weekday = _ymd2ord(year, 1, 1) % 7
            if first_weekday == 4 or (first_weekday == 3 and _is_leap(year)):
                out_of_range = False
        if out_of_range:
            raise ValueError(f"Invalid week: {week}")
    if not 0 < day < 8:
        raise ValueError(f"Invalid day: {day} (range is [1, 7])")
    day_offset = (week - 1) * 7 + (day - 1)
    day_1 = _isoweek1monday(year)
    return _ord2ymd(day_1 + day_offset)


class _IsoCalendarDate(tuple):
    def __new__(cls, year, week, weekday):
        return super().__new__(cls, (year, week, weekday))

    @property
    def year(self):
        return self[0]

    @property
    def week(self):
        return self[1]

    @property
    def weekday(self):
        return self[2]

    def __reduce__(self):
        return (tuple, (tuple(self),))

    def __repr__(self):
        return (f"{_qual(self)}"
                f"(year={self[0]}, week={self[1]}, weekday={self[2]})")


_IsoCalendarDate.__name__ = "IsoCalendarDate"
_IsoCalendarDate.__qualname__ = "IsoCalendarDate"
_IsoCalendarDate.__module__ = "datetime"
IsoCalendarDate = _IsoCalendarDate


class tzinfo:
    """Abstract base class for time zone info objects."""

    __slots__ = ()

    def tzname(self, dt):
        "datetime -> string name of time zone."
        raise NotImplementedError("a tzinfo subclass must implement tzname()")

    def utcoffset(self, dt):
        "datetime -> timedelta, positive for east of UTC, negative for west of UTC"
        raise NotImplementedError("a tzinfo subclass must implement utcoffset()")

    def dst(self, dt):
        "datetime -> DST offset as timedelta, positive for east of UTC."
        raise NotImplementedError("a tzinfo subclass must implement dst()")

    def fromutc(self, dt):
        "datetime in UTC -> datetime in local time."
        if not isinstance(dt, datetime):
            raise TypeError("fromutc() requires a datetime argument")
        if dt.tzinfo is not self:
            raise ValueError("dt.tzinfo is not self")
        dtoff = dt.utcoffset()
        if dtoff is None:
            raise ValueError("fromutc() requires a non-None utcoffset() result")
        dtdst = dt.dst()
        if dtdst is None:
            raise ValueError("fromutc() requires a non-None dst() result")
        delta = dtoff - dtdst
        if delta:
            dt += delta
            dtdst = dt.dst()
            if dtdst is None:
                raise ValueError("fromutc(): dt.dst gave inconsistent results; cannot convert")
        return dt + dtdst

    def __reduce__(self):
        getinitargs = getattr(self, "__getinitargs__", None)
        args = getinitargs() if getinitargs else ()
        return (type(self), args, getattr(self, "__dict__", None) or None)


class time:
    """time([hour[, minute[, second[, microsecond[, tzinfo]]]]]) --> a time object

    All arguments are optional. tzinfo may be None, or an instance of
    a tzinfo subclass. The remaining arguments may be ints."""

    __slots__ = ("_hour", "_minute", "_second", "_microsecond", "_tzinfo",
                 "_hashcode", "_fold")

    def __new__(cls, hour=0, minute=0, second=0, microsecond=0, tzinfo=None, *, fold=0):
        hour, minute, second, microsecond, fold = _check_time_fields(
            hour, minute, second, microsecond, fold)
        if tzinfo is not None:
            _check_tzinfo_arg(tzinfo)
        self = object.__new__(cls)
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo
        self._hashcode = -1
        self._fold = fold
        return self

    @property
    def hour(self):
        """hour (0-23)"""
        return self._hour

    @property
    def minute(self):
        """minute (0-59)"""
        return self._minute

    @property
    def second(self):
        """second (0-59)"""
        return self._second

    @property
    def microsecond(self):
        """microsecond (0-999999)"""
        return self._microsecond

    @property
    def tzinfo(self):
        """timezone info object"""
        return self._tzinfo

    @property
    def fold(self):
        return self._fold

    def _cmp(self, other, allow_mixed=False):
        mytz, ottz = self._tzinfo, other._tzinfo
        myoff = otoff = None
        if mytz is ottz:
            base_compare = True
        else:
            myoff = self.utcoffset()
            otoff = other.utcoffset()
            base_compare = myoff == otoff
        if base_compare:
            return _cmp((self._hour, self._minute, self._second, self._microsecond),
                        (other._hour, other._minute, other._second, other._microsecond))
        if myoff is None or otoff is None:
            if allow_mixed:
                return 2
            raise TypeError("can't compare offset-naive and offset-aware times")
        myhhmm = self._hour * 60 + self._minute - myoff // timedelta(minutes=1)
        othhmm = other._hour * 60 + other._minute - otoff // timedelta(minutes=1)
        return _cmp((myhhmm, self._second, self._microsecond),
                    (othhmm, other._second, other._microsecond))

    def __eq__(self, other):
        if isinstance(other, time):
            if self._tzinfo is other._tzinfo:
                return ((self._hour, self._minute, self._second, self._microsecond)
                        == (other._hour, other._minute, other._second, other._microsecond))
            return self._cmp(other, allow_mixed=True) == 0
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, time):
            if self._tzinfo is other._tzinfo:
                return ((self._hour, self._minute, self._second, self._microsecond)
                        <= (other._hour, other._minute, other._second, other._microsecond))
            return self._cmp(other) <= 0
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, time):
            if self._tzinfo is other._tzinfo:
                return ((self._hour, self._minute, self._second, self._microsecond)
                        < (other._hour, other._minute, other._second, other._microsecond))
            return self._cmp(other) < 0
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, time):
            if self._tzinfo is other._tzinfo:
                return ((self._hour, self._minute, self._second, self._microsecond)
                        >= (other._hour, other._minute, other._second, other._microsecond))
            return self._cmp(other) >= 0
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, time):
            if self._tzinfo is other._tzinfo:
                return ((self._hour, self._minute, self._second, self._microsecond)
                        > (other._hour, other._minute, other._second, other._microsecond))
            return self._cmp(other) > 0
        return NotImplemented

    def __hash__(self):
        if self._hashcode == -1:
            t = self.replace(fold=0) if self._fold else self
            tzoff = t.utcoffset()
            if not tzoff:
                self._hashcode = hash((t._hour, t._minute, t._second, t._microsecond))
            else:
                h, m = divmod(timedelta(hours=self._hour, minutes=self._minute) - tzoff,
                              timedelta(hours=1))
                m //= timedelta(minutes=1)
                if 0 <= h < 24:
                    self._hashcode = hash(time(h, m, self._second, self._microsecond))
                else:
                    self._hashcode = hash((h, m, self._second, self._microsecond))
        return self._hashcode

    def _tzstr(self):
        return _format_offset(self.utcoffset())

    def __repr__(self):
        if self._microsecond != 0:
            s = f", {self._second}, {self._microsecond}"
        elif self._second != 0:
            s = f", {self._second}"
        else:
            s = ""
        s = f"{_qual(self)}({self._hour}, {self._minute}{s})"
        if self._tzinfo is not None:
            s = s[:-1] + f", tzinfo={self._tzinfo!r})"
        if self._fold:
            s = s[:-1] + ", fold=1)"
        return s

    def isoformat(self, timespec="auto"):
        """Return the time formatted according to ISO."""
        s = _format_time(self._hour, self._minute, self._second,
                         self._microsecond, timespec)
        return s + self._tzstr()

    __str__ = isoformat

    @classmethod
    def fromisoformat(cls, time_string):
        """Construct a time from a string in one of the ISO 8601 formats."""
        if not isinstance(time_string, str):
            raise TypeError("fromisoformat: argument must be str")
        s = time_string[1:] if time_string[:1] in ("T", "t") else time_string
        try:
            return cls(*_parse_isoformat_time(s))
        except Exception:
            raise ValueError(f"Invalid isoformat string: {time_string!r}") from None

    def strftime(self, format):
        """Format using strftime(). The date part of the timestamp passed
        to underlying strftime should not be used."""
        if not isinstance(format, str):
            raise TypeError(f"strftime() argument 1 must be str, not {type(format).__name__}")
        timetuple = (1900, 1, 1, self._hour, self._minute, self._second, 0, 1, -1)
        return _wrap_strftime(self, format, timetuple)

    def __format__(self, fmt):
        if not isinstance(fmt, str):
            raise TypeError(f"must be str, not {type(fmt).__name__}")
        if len(fmt) != 0:
            return self.strftime(fmt)
        return str(self)

    def utcoffset(self):
        """Return the timezone offset as timedelta, positive east of UTC (negative west of UTC)."""
        if self._tzinfo is None:
            return None
        offset = self._tzinfo.utcoffset(None)
        _check_utc_offset("utcoffset", offset)
        return offset

    def tzname(self):
        """Return the timezone name."""
        if self._tzinfo is None:
            return None
        name = self._tzinfo.tzname(None)
        _check_tzname(name)
        return name

    def dst(self):
        """Return 0 if DST is not in effect, or the DST offset (as timedelta
        positive eastward) if DST is in effect."""
        if self._tzinfo is None:
            return None
        offset = self._tzinfo.dst(None)
        _check_utc_offset("dst", offset)
        return offset

    def replace(self, hour=None, minute=None, second=None, microsecond=None,
                tzinfo=True, *, fold=None):
        """Return a new time with new values for the specified fields."""
        if hour is None:
            hour = self._hour
        if minute is None:
            minute = self._minute
        if second is None:
            second = self._second
        if microsecond is None:
            microsecond = self._microsecond
        if tzinfo is True:
            tzinfo = self._tzinfo
        if fold is None:
            fold = self._fold
        return type(self)(hour, minute, second, microsecond, tzinfo, fold=fold)

    def __reduce__(self):
        return (type(self), (self._hour, self._minute, self._second,
                             self._microsecond, self._tzinfo))


time.min = time(0, 0, 0)
time.max = time(23, 59, 59, 999999)
time.resolution = timedelta(microseconds=1)


def _check_tzname(name):
    if name is not None and not isinstance(name, str):
        raise TypeError("tzinfo.tzname() must return None or a string, "
                        f"not '{type(name).__name__}'")


class datetime(date):
    """datetime(year, month, day[, hour[, minute[, second[, microsecond[,tzinfo]]]]])

    The year, month and day arguments are required. tzinfo may be None, or an
    instance of a tzinfo subclass. The remaining arguments may be ints."""

    # The date fields live in the native date too (what date's methods read); the
    # copies here are what this class's Python arithmetic reads.
    __slots__ = ("_year", "_month", "_day", "_hashcode", "_hour", "_minute", "_second",
                 "_microsecond", "_tzinfo", "_fold")

    def __new__(cls, year, month=None, day=None, hour=0, minute=0, second=0,
                microsecond=0, tzinfo=None, *, fold=0):
        if month is None or day is None:
            missing = "month" if month is None else "day"
            pos = 2 if month is None else 3
            raise TypeError(f"function missing required argument '{missing}' (pos {pos})")
        year, month, day = _check_date_fields(year, month, day)
        hour, minute, second, microsecond, fold = _check_time_fields(
            hour, minute, second, microsecond, fold)
        if tzinfo is not None:
            _check_tzinfo_arg(tzinfo)
        self = _date_of_datetime(cls, year, month, day)
        self._year = year
        self._month = month
        self._day = day
        self._hour = hour
        self._minute = minute
        self._second = second
        self._microsecond = microsecond
        self._tzinfo = tzinfo
        self._hashcode = -1
        self._fold = fold
        return self

    hour = time.hour
    minute = time.minute
    second = time.second
    microsecond = time.microsecond
    tzinfo = time.tzinfo
    fold = time.fold

    @classmethod
    def _fromtimestamp(cls, t, utc, tz):
        frac, t = _modf(t)
        us = round(frac * 1e6)
        if us >= 1000000:
            t += 1
            us -= 1000000
        elif us < 0:
            t -= 1
            us += 1000000
        converter = _time.gmtime if utc else _time.localtime
        y, m, d, hh, mm, ss, weekday, jday, dst = converter(t)
        ss = min(ss, 59)  # a leap second becomes :59, as CPython
        return cls(y, m, d, hh, mm, ss, us, tz)

    @classmethod
    def fromtimestamp(cls, t, tz=None):
        """Construct a datetime from a POSIX timestamp (like time.time()).

        A timezone info object may be passed in as well."""
        _check_tzinfo_arg(tz)
        result = cls._fromtimestamp(t, tz is not None, tz)
        if tz is not None:
            result = tz.fromutc(result)
        return result

    @classmethod
    def utcfromtimestamp(cls, t):
        """Construct a naive UTC datetime from a POSIX timestamp."""
        return cls._fromtimestamp(t, True, None)

    @classmethod
    def now(cls, tz=None):
        "Construct a datetime from time.time() and optional time zone info."
        return cls.fromtimestamp(_time.time(), tz)

    @classmethod
    def utcnow(cls):
        "Construct a UTC datetime from time.time()."
        return cls.utcfromtimestamp(_time.time())

    @classmethod
    def combine(cls, date, time, tzinfo=True):
        "Construct a datetime from a given date and a given time."
        if not isinstance(date, _date_class):
            raise TypeError(f"combine() argument 1 must be datetime.date, not "
                            f"{type(date).__name__}")
        if not isinstance(time, _time_class):
            raise TypeError(f"combine() argument 2 must be datetime.time, not "
                            f"{type(time).__name__}")
        if tzinfo is True:
            tzinfo = time.tzinfo
        return cls(date.year, date.month, date.day, time.hour, time.minute,
                   time.second, time.microsecond, tzinfo, fold=time.fold)

    @classmethod
    def fromisoformat(cls, date_string):
        """Construct a datetime from a string in one of the ISO 8601 formats."""
        if not isinstance(date_string, str):
            raise TypeError("fromisoformat: argument must be str")
        if len(date_string) < 7:
            raise ValueError(f"Invalid isoformat string: {date_string!r}")
        n = len(date_string)
        if ((n == 19 or n == 26 and date_string[19] == ".") and date_string[4] == "-"
                and date_string[7] == "-" and date_string[13] == ":"
                and date_string[16] == ":"
                and _isdigits(date_string[:4] + date_string[5:7] + date_string[8:10]
                              + date_string[11:13] + date_string[14:16]
                              + date_string[17:19] + date_string[20:])):
            # YYYY-MM-DD?HH:MM:SS[.ffffff], the forms isoformat() writes (the
            # separator may be any character, as below).
            return cls(int(date_string[:4]), int(date_string[5:7]),
                       int(date_string[8:10]), int(date_string[11:13]),
                       int(date_string[14:16]), int(date_string[17:19]),
                       int(date_string[20:]) if n == 26 else 0)
        try:
            sep = _find_isoformat_datetime_separator(date_string)
            date_components = _parse_isoformat_date(date_string[:sep])
            tstr = date_string[sep + 1:]
            if tstr:
                time_components = _parse_isoformat_time(tstr)
            else:
                time_components = [0, 0, 0, 0, None]
        except Exception:
            raise ValueError(f"Invalid isoformat string: {date_string!r}") from None
        return cls(*(list(date_components) + list(time_components)))

    @classmethod
    def strptime(cls, date_string, format):
        "string, format -> new datetime parsed from a string (like time.strptime())."
        for i, arg in enumerate((date_string, format)):
            if not isinstance(arg, str):
                raise TypeError(f"strptime() argument {i + 1} must be str, not "
                                f"{type(arg).__name__}")
        import _strptime
        return _strptime._strptime_datetime(cls, date_string, format)

    def timetuple(self):
        "Return local time tuple compatible with time.localtime()."
        dst = None if self._tzinfo is None else self.dst()
        if dst is None:
            dst = -1
        elif dst:
            dst = 1
        else:
            dst = 0
        return _build_struct_time(self._year, self._month, self._day,
                                  self._hour, self._minute, self._second, dst)

    def strftime(self, format):
        "Format using strftime()."
        if not isinstance(format, str):
            raise TypeError(f"strftime() argument 1 must be str, not {type(format).__name__}")
        return _wrap_strftime(self, format, self.timetuple())

    def _mktime(self):
        # Seconds since the epoch of this naive local time, through C's mktime
        # (which resolves DST when tm_isdst is -1).
        t = _time.mktime((self.year, self.month, self.day, self.hour, self.minute,
                          self.second, 0, 1, -1))
        return int(t)

    def timestamp(self):
        "Return POSIX timestamp as float"
        if self._tzinfo is None:
            s = self._mktime()
            return s + self.microsecond / 1e6
        return (self - _EPOCH).total_seconds()

    def utctimetuple(self):
        "Return UTC time tuple compatible with time.gmtime()."
        offset = self.utcoffset()
        if offset:
            self -= offset
        y, m, d = self.year, self.month, self.day
        hh, mm, ss = self.hour, self.minute, self.second
        return _build_struct_time(y, m, d, hh, mm, ss, 0)

    def date(self):
        "Return the date part."
        return _date(self._year, self._month, self._day)

    def time(self):
        "Return the time part, with tzinfo None."
        return time(self._hour, self._minute, self._second, self._microsecond,
                    fold=self._fold)

    def timetz(self):
        "Return the time part, with same tzinfo."
        return time(self.hour, self.minute, self.second, self.microsecond,
                    self._tzinfo, fold=self.fold)

    def replace(self, year=None, month=None, day=None, hour=None, minute=None,
                second=None, microsecond=None, tzinfo=True, *, fold=None):
        """Return a new datetime with new values for the specified fields."""
        if year is None:
            year = self._year
        if month is None:
            month = self._month
        if day is None:
            day = self._day
        if hour is None:
            hour = self._hour
        if minute is None:
            minute = self._minute
        if second is None:
            second = self._second
        if microsecond is None:
            microsecond = self._microsecond
        if tzinfo is True:
            tzinfo = self._tzinfo
        if fold is None:
            fold = self._fold
        return type(self)(year, month, day, hour, minute, second,
                          microsecond, tzinfo, fold=fold)

    def _local_timezone(self):
        if self.tzinfo is None:
            ts = self._mktime()
        else:
            ts = (self - _EPOCH) // timedelta(seconds=1)
        localtm = _time.localtime(ts)
        local = datetime(*localtm[:6])
        gmtoff = localtm.tm_gmtoff
        zone = localtm.tm_zone
        return timezone(timedelta(seconds=gmtoff), zone)

    def astimezone(self, tz=None):
        "tz -> convert to local time in new timezone tz"
        if tz is None:
            tz = self._local_timezone()
        elif not isinstance(tz, tzinfo):
            raise TypeError("tzinfo argument must be None or of a tzinfo subclass, "
                            f"not type '{type(tz).__name__}'")
        mytz = self._tzinfo
        if type(mytz) is timezone and type(tz) is timezone and type(self) is datetime:
            # Fixed offsets: to UTC and on to tz as two additions (each one checks
            # the range, as the general path below does).
            if tz is mytz:
                return self
            r = self + _td(-mytz._off_us)
            r = r + tz._offset
            r._tzinfo = tz
            return r
        if mytz is None:
            mytz = self._local_timezone()
            myoffset = mytz.utcoffset(self)
        else:
            myoffset = mytz.utcoffset(self)
            if myoffset is None:
                mytz = self.replace(tzinfo=None)._local_timezone()
                myoffset = mytz.utcoffset(self)
        if tz is mytz:
            return self
        utc = (self - myoffset).replace(tzinfo=tz)
        return tz.fromutc(utc)

    def ctime(self):
        "Return ctime() style string."
        weekday = self.toordinal() % 7 or 7
        return (f"{_DAYNAMES[weekday]} {_MONTHNAMES[self._month]} {self._day:2d} "
                f"{self._hour:02d}:{self._minute:02d}:{self._second:02d} {self._year:04d}")

    def isoformat(self, sep="T", timespec="auto"):
        """[sep] -> string in ISO 8601 format, YYYY-MM-DDT[HH[:MM[:SS[.mmm[uuu]]]]][+HH:MM]."""
        if not isinstance(sep, str) or len(sep) != 1:
            raise TypeError("isoformat() argument 1 must be a unicode character, not "
                            + type(sep).__name__)
        s = (f"{self._year:04d}-{self._month:02d}-{self._day:02d}{sep}"
             + _format_time(self._hour, self._minute, self._second,
                            self._microsecond, timespec))
        if self._tzinfo is None:
            return s
        return s + _format_offset(self.utcoffset())

    def __repr__(self):
        L = [self._year, self._month, self._day,
             self._hour, self._minute, self._second, self._microsecond]
        if L[-1] == 0:
            del L[-1]
        if L[-1] == 0:
            del L[-1]
        s = f"{_qual(self)}({', '.join(map(str, L))})"
        if self._tzinfo is not None:
            s = s[:-1] + f", tzinfo={self._tzinfo!r})"
        if self._fold:
            s = s[:-1] + ", fold=1)"
        return s

    def __str__(self):
        "Convert to string, for str()."
        return self.isoformat(sep=" ")

    def utcoffset(self):
        """Return the timezone offset as timedelta positive east of UTC (negative west of UTC)."""
        if self._tzinfo is None:
            return None
        offset = self._tzinfo.utcoffset(self)
        _check_utc_offset("utcoffset", offset)
        return offset

    def tzname(self):
        """Return the timezone name."""
        if self._tzinfo is None:
            return None
        name = self._tzinfo.tzname(self)
        _check_tzname(name)
        return name

    def dst(self):
        """Return 0 if DST is not in effect, or the DST offset (as timedelta
        positive eastward) if DST is in effect."""
        if self._tzinfo is None:
            return None
        offset = self._tzinfo.dst(self)
        _check_utc_offset("dst", offset)
        return offset

    def __eq__(self, other):
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                return ((self._year, self._month, self._day, self._hour, self._minute,
                         self._second, self._microsecond)
                        == (other._year, other._month, other._day, other._hour,
                            other._minute, other._second, other._microsecond))
            return self._cmp(other, allow_mixed=True) == 0
        if isinstance(other, date):
            # Never equal to a plain date (and date's own comparison is not asked).
            return False
        return NotImplemented

    def __ne__(self, other):
        # Its own: the one inherited would be date's, which compares the dates alone.
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __le__(self, other):
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                return ((self._year, self._month, self._day, self._hour, self._minute,
                         self._second, self._microsecond)
                        <= (other._year, other._month, other._day, other._hour,
                              other._minute, other._second, other._microsecond))
            return self._cmp(other) <= 0
        if isinstance(other, date):
            _cmperror(self, other)
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                return ((self._year, self._month, self._day, self._hour, self._minute,
                         self._second, self._microsecond)
                        < (other._year, other._month, other._day, other._hour,
                              other._minute, other._second, other._microsecond))
            return self._cmp(other) < 0
        if isinstance(other, date):
            _cmperror(self, other)
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                return ((self._year, self._month, self._day, self._hour, self._minute,
                         self._second, self._microsecond)
                        >= (other._year, other._month, other._day, other._hour,
                              other._minute, other._second, other._microsecond))
            return self._cmp(other) >= 0
        if isinstance(other, date):
            _cmperror(self, other)
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, datetime):
            if self._tzinfo is other._tzinfo:
                return ((self._year, self._month, self._day, self._hour, self._minute,
                         self._second, self._microsecond)
                        > (other._year, other._month, other._day, other._hour,
                              other._minute, other._second, other._microsecond))
            return self._cmp(other) > 0
        if isinstance(other, date):
            _cmperror(self, other)
        return NotImplemented

    def _cmp(self, other, allow_mixed=False):
        mytz, ottz = self._tzinfo, other._tzinfo
        myoff = otoff = None
        if (type(mytz) is timezone and type(ottz) is timezone
                and type(self) is datetime and type(other) is datetime):
            # Two fixed offsets: compare the UTC instants as microsecond counts.
            a = _naive_us(self) - mytz._off_us
            b = _naive_us(other) - ottz._off_us
            return 0 if a == b else 1 if a > b else -1
        if mytz is ottz:
            base_compare = True
        else:
            myoff = self.utcoffset()
            otoff = other.utcoffset()
            base_compare = myoff == otoff
        if base_compare:
            return _cmp((self._year, self._month, self._day, self._hour, self._minute,
                         self._second, self._microsecond),
                        (other._year, other._month, other._day, other._hour,
                         other._minute, other._second, other._microsecond))
        if myoff is None or otoff is None:
            if allow_mixed:
                return 2
            raise TypeError("can't compare offset-naive and offset-aware datetimes")
        diff = self - other
        if diff.days < 0:
            return -1
        return diff and 1 or 0

    def __add__(self, other):
        "Add a datetime and a timedelta."
        if not isinstance(other, timedelta):
            return NotImplemented
        # The time of day plus the delta's seconds and microseconds, carried into days;
        # the date moves only when the day count does.
        days, us = divmod((((self._hour * 60 + self._minute) * 60 + self._second
                            + other.seconds) * 1000000
                           + self._microsecond + other.microseconds), 86400000000)
        days += other.days
        if days:
            o = _ymd2ord(self._year, self._month, self._day) + days
            if not 0 < o <= _MAXORDINAL:
                raise OverflowError("date value out of range")
            y, m, d = _ord2ymd(o)
        else:
            y, m, d = self._year, self._month, self._day
        second, us = divmod(us, 1000000)
        minute, second = divmod(second, 60)
        hour, minute = divmod(minute, 60)
        if type(self) is datetime:
            return _datetime(y, m, d, hour, minute, second, us, self._tzinfo)
        return type(self).combine(_date(y, m, d),
                                  time(hour, minute, second, us, tzinfo=self._tzinfo))

    __radd__ = __add__

    def __sub__(self, other):
        "Subtract two datetimes, or a datetime and a timedelta."
        if not isinstance(other, datetime):
            if isinstance(other, timedelta):
                return self + -other
            return NotImplemented
        days1 = _ymd2ord(self._year, self._month, self._day)
        days2 = _ymd2ord(other._year, other._month, other._day)
        secs1 = self._second + self._minute * 60 + self._hour * 3600
        secs2 = other._second + other._minute * 60 + other._hour * 3600
        base = _td(((days1 - days2) * 86400 + secs1 - secs2) * 1000000
                   + self._microsecond - other._microsecond)
        if self._tzinfo is other._tzinfo:
            return base
        myoff = self.utcoffset()
        otoff = other.utcoffset()
        if myoff == otoff:
            return base
        if myoff is None or otoff is None:
            raise TypeError("can't subtract offset-naive and offset-aware datetimes")
        return base + otoff - myoff

    def __hash__(self):
        if self._hashcode == -1 and self._tzinfo is None:
            # Naive: the fields alone (fold plays no part).
            self._hashcode = hash((self._year, self._month, self._day, self._hour,
                                   self._minute, self._second, self._microsecond))
        elif self._hashcode == -1:
            t = self.replace(fold=0) if self.fold else self
            tzoff = t.utcoffset()
            if tzoff is None:
                self._hashcode = hash((t._year, t._month, t._day, t._hour, t._minute,
                                       t._second, t._microsecond))
            else:
                days = _ymd2ord(self.year, self.month, self.day)
                seconds = self.hour * 3600 + self.minute * 60 + self.second
                self._hashcode = hash(timedelta(days, seconds, self.microsecond) - tzoff)
        return self._hashcode

    def __reduce__(self):
        return (type(self), (self._year, self._month, self._day, self._hour,
                             self._minute, self._second, self._microsecond,
                             self._tzinfo))


def _naive_us(dt):
    # The datetime's fields as microseconds since 0001-01-01 (its tzinfo ignored).
    return (((_ymd2ord(dt._year, dt._month, dt._day) * 24 + dt._hour) * 60 + dt._minute)
            * 60 + dt._second) * 1000000 + dt._microsecond


def _datetime(year, month, day, hour, minute, second, microsecond, tzinfo):
    # A datetime of fields known to be valid (computed ones), fold 0, without checks.
    self = _date_of_datetime(datetime, year, month, day)
    self._year = year
    self._month = month
    self._day = day
    self._hour = hour
    self._minute = minute
    self._second = second
    self._microsecond = microsecond
    self._tzinfo = tzinfo
    self._hashcode = -1
    self._fold = 0
    return self


datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)
datetime.resolution = timedelta(microseconds=1)

_date_class = date
_time_class = time


def _cmperror(x, y):
    raise TypeError(f"can't compare {_qual(x)} to {_qual(y)}")


def _modf(t):
    # Split a timestamp into (fraction, whole seconds), both with the sign of t.
    if isinstance(t, float):
        if t != t:
            raise ValueError("Invalid value NaN (not a number)")
        whole = int(t)
        return t - whole, whole
    return 0.0, _index(t)


class timezone(tzinfo):
    """Fixed offset from UTC implementation of tzinfo."""

    # _off_us: the offset in microseconds, what the fixed-offset fast paths use.
    __slots__ = ("_offset", "_name", "_off_us")

    _Omitted = object()

    def __new__(cls, offset, name=_Omitted):
        if not isinstance(offset, timedelta):
            raise TypeError(f"timezone() argument 1 must be datetime.timedelta, "
                            f"not {type(offset).__name__}")
        if name is cls._Omitted:
            if not offset:
                return cls.utc
            name = None
        elif not isinstance(name, str):
            raise TypeError(f"timezone() argument 2 must be str, not {type(name).__name__}")
        if not cls._minoffset <= offset <= cls._maxoffset:
            raise ValueError("offset must be a timedelta strictly between "
                             "-timedelta(hours=24) and timedelta(hours=24), "
                             f"not {offset!r}.")
        return cls._create(offset, name)

    @classmethod
    def _create(cls, offset, name=None):
        self = tzinfo.__new__(cls)
        self._offset = offset
        self._name = name
        self._off_us = _us(offset)
        return self

    def __getinitargs__(self):
        if self._name is None:
            return (self._offset,)
        return (self._offset, self._name)

    def __eq__(self, other):
        if isinstance(other, timezone):
            return self._offset == other._offset
        return NotImplemented

    def __hash__(self):
        return hash(self._offset)

    def __repr__(self):
        if self is self.utc:
            return "datetime.timezone.utc"
        if self._name is None:
            return f"{_qual(self)}({self._offset!r})"
        return f"{_qual(self)}({self._offset!r}, {self._name!r})"

    def __str__(self):
        return self.tzname(None)

    def utcoffset(self, dt):
        if isinstance(dt, datetime) or dt is None:
            return self._offset
        raise TypeError("utcoffset(dt) argument must be a datetime instance or None, "
                        f"not {type(dt).__name__}")

    def tzname(self, dt):
        if isinstance(dt, datetime) or dt is None:
            if self._name is None:
                return self._name_from_offset(self._offset)
            return self._name
        raise TypeError("tzname(dt) argument must be a datetime instance or None, "
                        f"not {type(dt).__name__}")

    def dst(self, dt):
        if isinstance(dt, datetime) or dt is None:
            return None
        raise TypeError("dst(dt) argument must be a datetime instance or None, "
                        f"not {type(dt).__name__}")

    def fromutc(self, dt):
        if isinstance(dt, datetime):
            if dt._tzinfo is not self:
                raise ValueError("fromutc: dt.tzinfo is not self")
            return dt + self._offset
        raise TypeError("fromutc: argument must be a datetime")

    _maxoffset = timedelta(hours=24, microseconds=-1)
    _minoffset = -_maxoffset

    @staticmethod
    def _name_from_offset(delta):
        if not delta:
            return "UTC"
        return "UTC" + _format_offset(delta)


timezone.utc = timezone._create(timedelta(0))
# The extremes, as CPython's: 23:59 either side (seconds are not allowed in them).
timezone.min = timezone._create(-timedelta(hours=23, minutes=59))
timezone.max = timezone._create(timedelta(hours=23, minutes=59))
UTC = timezone.utc
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_OWN_CLASSES = frozenset((date, datetime, time, timedelta, timezone, tzinfo,
                          _IsoCalendarDate))


# ---- ISO 8601 parsing (fromisoformat), the forms CPython 3.11 accepts ----

def _parse_isoformat_date(dtstr):
    # YYYY-MM-DD, YYYYMMDD, YYYY-Www, YYYYWww, YYYY-Www-D, YYYYWwwD
    if not dtstr[:4].isdigit() or not dtstr[:4].isascii():
        raise ValueError("bad year")
    year = int(dtstr[0:4])
    has_sep = dtstr[4:5] == "-"
    pos = 4 + has_sep
    if dtstr[pos:pos + 1] == "W":
        pos += 1
        weekno = _digits(dtstr, pos, 2)
        pos += 2
        dayno = 1
        if len(dtstr) > pos:
            if (dtstr[pos:pos + 1] == "-") != has_sep:
                raise ValueError("Inconsistent use of dash separator")
            pos += has_sep
            dayno = _digits(dtstr, pos, 1)
            pos += 1
        if pos != len(dtstr):
            raise ValueError("trailing characters")
        return list(_isoweek_to_gregorian(year, weekno, dayno))
    month = _digits(dtstr, pos, 2)
    pos += 2
    if (dtstr[pos:pos + 1] == "-") != has_sep:
        raise ValueError("Inconsistent use of dash separator")
    pos += has_sep
    day = _digits(dtstr, pos, 2)
    if pos + 2 != len(dtstr):
        raise ValueError("trailing characters")
    return [year, month, day]


def _digits(s, pos, n):
    part = s[pos:pos + n]
    if len(part) != n or not part.isdigit() or not part.isascii():
        raise ValueError("expected digits")
    return int(part)


def _find_isoformat_datetime_separator(dtstr):
    # The date part is 7, 8 or 10 characters; which one depends on its form.
    len_dtstr = len(dtstr)
    if len_dtstr == 7:
        return 7
    date_separator = "-"
    week_indicator = "W"
    if dtstr[4] == date_separator:
        if dtstr[5] == week_indicator:
            if len_dtstr < 8:
                raise ValueError("Invalid ISO string")
            if len_dtstr > 8 and dtstr[8] == date_separator:
                if len_dtstr == 9:
                    raise ValueError("Invalid ISO string")
                if len_dtstr > 10 and dtstr[10].isdigit():
                    return 8
                return 10
            return 8
        return 10
    if dtstr[4] == week_indicator:
        idx = 7
        while idx < len_dtstr:
            if not dtstr[idx].isdigit():
                break
            idx += 1
        if idx < 9:
            return idx
        if idx % 2 == 0:
            return 7
        return 8
    return 8


def _parse_hh_mm_ss_ff(tstr):
    # HH[:MM[:SS[.fff[fff]]]] or HH[MM[SS[.ffffff]]], ',' also as the decimal mark.
    len_str = len(tstr)
    time_comps = [0, 0, 0, 0]
    pos = 0
    has_sep = None
    for comp in range(0, 3):
        if (len_str - pos) < 2:
            raise ValueError("Incomplete time component")
        time_comps[comp] = _digits(tstr, pos, 2)
        pos += 2
        next_char = tstr[pos:pos + 1]
        if comp == 0:
            has_sep = next_char == ":"
        if not next_char or comp >= 2:
            break
        if has_sep and next_char != ":":
            raise ValueError(f"Invalid time separator: {next_char}")
        pos += has_sep
    if pos < len_str:
        if tstr[pos] not in ".,":
            raise ValueError("Invalid microsecond component")
        pos += 1
        len_remainder = len_str - pos
        to_parse = 6 if len_remainder >= 6 else len_remainder
        frac = tstr[pos:pos + to_parse]
        if not frac.isdigit() or not frac.isascii():
            raise ValueError("Invalid microsecond component")
        time_comps[3] = int(frac) * 10 ** (6 - to_parse)
        rest = tstr[pos + to_parse:]
        if rest and not (rest.isdigit() and rest.isascii()):
            raise ValueError("Non-digit values in unparsed fraction")
    return time_comps


def _parse_isoformat_time(tstr):
    len_str = len(tstr)
    if len_str < 2:
        raise ValueError("Isoformat time too short")
    tz_pos = (tstr.find("-") + 1 or tstr.find("+") + 1 or tstr.find("Z") + 1)
    timestr = tstr[:tz_pos - 1] if tz_pos > 0 else tstr
    time_comps = _parse_hh_mm_ss_ff(timestr)
    tzi = None
    if tz_pos == len_str and tstr[-1] == "Z":
        tzi = timezone.utc
    elif tz_pos > 0:
        tzstr = tstr[tz_pos:]
        if len(tzstr) in (0, 1, 3):
            raise ValueError("Malformed time zone string")
        tz_comps = _parse_hh_mm_ss_ff(tzstr)
        if all(x == 0 for x in tz_comps):
            tzi = timezone.utc
        else:
            tzsign = -1 if tstr[tz_pos - 1] == "-" else 1
            td = timedelta(hours=tz_comps[0], minutes=tz_comps[1],
                           seconds=tz_comps[2], microseconds=tz_comps[3])
            tzi = timezone(tzsign * td)
    time_comps.append(tzi)
    return time_comps
