//! The `time` module: wall-clock, monotonic, CPU and performance counters, `sleep`
//! (through `Vm::blocking`, so other threads run meanwhile), and calendar time
//! (struct_time, gmtime/localtime/mktime through the C library's zone rules, strftime).

use super::add_functions;
use crate::vm::builtins::num_methods::to_float;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, DictObj};
use crate::vm::value::Value;
use crate::vm::Vm;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub fn fill(vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    add_functions(
        d,
        &[
            ("time", time),
            ("time_ns", time_ns),
            ("perf_counter", perf_counter),
            ("perf_counter_ns", perf_counter_ns),
            ("monotonic", perf_counter),
            ("monotonic_ns", perf_counter_ns),
            ("process_time", process_time),
            ("process_time_ns", process_time_ns),
            ("sleep", sleep),
            ("thread_time", thread_time),
            ("thread_time_ns", thread_time_ns),
            ("get_clock_info", get_clock_info),
            ("gmtime", gmtime),
            ("localtime", localtime),
            ("mktime", mktime),
            ("asctime", asctime),
            ("ctime", ctime),
            ("strftime", strftime),
            ("tzset", tzset),
        ],
    );
    set_tz_constants(d);
    // The module is in sys.modules while it is filled; its Python part runs in it.
    let module = vm
        .interp
        .modules
        .get_str(&crate::vm::value::PyStr::new("time"));
    let Some(Value::Module(m)) = module else {
        return Err(PyErr::import_error("time: module not registered"));
    };
    vm.exec_source(STRUCT_TIME, "<gilvm stdlib>/time.rs", &m.dict.clone())
}

/// The reference point of the monotonic clocks (first use in this process).
fn origin() -> Instant {
    static O: OnceLock<Instant> = OnceLock::new();
    *O.get_or_init(Instant::now)
}

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// A deterministic run's clock (`--schedule`): virtual nanoseconds since its start.
fn virtual_ns(vm: &Vm) -> Option<u64> {
    vm.interp.gil.virtual_now_ns()
}

fn time(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("time", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::Float((crate::gil::WALL_EPOCH_NS + ns) as f64 / 1e9));
    }
    Ok(Value::Float(since_epoch().as_secs_f64()))
}

fn time_ns(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("time_ns", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::from_bigint((crate::gil::WALL_EPOCH_NS + ns).into()));
    }
    Ok(Value::from_bigint(since_epoch().as_nanos().into()))
}

fn perf_counter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("perf_counter", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::Float(ns as f64 / 1e9 + 1.0));
    }
    // Offset by one second so the first reading is not 0.0 (CPython's never is either).
    Ok(Value::Float(origin().elapsed().as_secs_f64() + 1.0))
}

fn perf_counter_ns(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("perf_counter_ns", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::from_bigint((ns + 1_000_000_000).into()));
    }
    Ok(Value::from_bigint(
        (origin().elapsed().as_nanos() + 1_000_000_000).into(),
    ))
}

/// CPU time of the whole process (all threads, user + system), as CPython's.
fn process_cpu() -> PyResult<Duration> {
    use nix::time::{clock_gettime, ClockId};
    let ts = clock_gettime(ClockId::CLOCK_PROCESS_CPUTIME_ID)
        .map_err(|e| PyErr::os_error(format!("process_time: {e}")))?;
    Ok(Duration::new(ts.tv_sec() as u64, ts.tv_nsec() as u32))
}

fn process_time(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("process_time", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::Float(ns as f64 / 1e9));
    }
    Ok(Value::Float(process_cpu()?.as_secs_f64()))
}

fn process_time_ns(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("process_time_ns", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::from_bigint(ns.into()));
    }
    Ok(Value::from_bigint(process_cpu()?.as_nanos().into()))
}

fn sleep(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("sleep")?;
    a.expect("sleep", 1, 1)?;
    let v = &a.pos[0];
    if !matches!(
        v,
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) | Value::Instance(_)
    ) {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    }
    let secs = to_float(vm, v)?;
    if secs.is_nan() {
        return Err(PyErr::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(PyErr::value_error("sleep length must be non-negative"));
    }
    let d = Duration::try_from_secs_f64(secs)
        .map_err(|_| PyErr::overflow_error("sleep length is too large"))?;
    vm.sleep(d)?;
    Ok(Value::None)
}

// ---- Calendar time: struct_time, gmtime/localtime/mktime, strftime, asctime ----

/// The fields of a C `struct tm` as Python sees them (tm_wday Monday = 0, tm_yday
/// from 1), plus the zone name and UTC offset that struct_time carries as attributes.
#[derive(Clone, Debug)]
pub struct Tm {
    pub year: i64,
    pub mon: i64,
    pub mday: i64,
    pub hour: i64,
    pub min: i64,
    pub sec: i64,
    pub wday: i64,
    pub yday: i64,
    pub isdst: i64,
    pub zone: Option<String>,
    pub gmtoff: Option<i64>,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's algorithm: exact
/// for every i64 year we accept, no table, no time_t limits).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// UTC broken-down time of `t` seconds since the epoch, as glibc's gmtime (zone "GMT").
pub fn utc_tm(t: i64) -> Tm {
    let days = t.div_euclid(86400);
    let rem = t.rem_euclid(86400);
    let (year, mon, mday) = civil_from_days(days);
    let yday = days - days_from_civil(year, 1, 1) + 1;
    Tm {
        year,
        mon,
        mday,
        hour: rem / 3600,
        min: rem % 3600 / 60,
        sec: rem % 60,
        // 1970-01-01 was a Thursday (3 with Monday = 0).
        wday: (days + 3).rem_euclid(7),
        yday,
        isdst: 0,
        zone: Some("GMT".into()),
        gmtoff: Some(0),
    }
}

/// Local broken-down time through the C library, which knows the TZ rules.
pub(crate) fn local_tm(t: i64) -> PyResult<Tm> {
    let tt: libc::time_t = t as libc::time_t;
    let mut out = std::mem::MaybeUninit::<libc::tm>::zeroed();
    // SAFETY: localtime_r writes only into `out`, which we own and which lives past the
    // call; glibc guards its own time-zone state with a lock.
    let r = unsafe { libc::localtime_r(&tt, out.as_mut_ptr()) };
    if r.is_null() {
        return Err(PyErr::overflow_error(
            "timestamp out of range for platform time_t",
        ));
    }
    // SAFETY: localtime_r succeeded, so it filled every field of `out`.
    let tm = unsafe { out.assume_init() };
    let zone = if tm.tm_zone.is_null() {
        None
    } else {
        // SAFETY: tm_zone points to a NUL-terminated name in the C library's static
        // time-zone tables, valid until the next tzset; we copy it at once.
        Some(
            unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
                .to_string_lossy()
                .into_owned(),
        )
    };
    Ok(Tm {
        year: tm.tm_year as i64 + 1900,
        mon: tm.tm_mon as i64 + 1,
        mday: tm.tm_mday as i64,
        hour: tm.tm_hour as i64,
        min: tm.tm_min as i64,
        sec: tm.tm_sec as i64,
        wday: (tm.tm_wday as i64 + 6) % 7,
        yday: tm.tm_yday as i64 + 1,
        isdst: tm.tm_isdst as i64,
        zone,
        gmtoff: Some(tm.tm_gmtoff as i64),
    })
}

/// Seconds since the epoch of a local broken-down time (C `mktime`, which honours
/// tm_isdst = -1 as "find out"); None where the C library cannot represent it.
fn local_mktime(t: &Tm) -> Option<i64> {
    let mut tm: libc::tm = unsafe_zeroed_tm();
    tm.tm_year = i32::try_from(t.year - 1900).ok()?;
    tm.tm_mon = i32::try_from(t.mon - 1).ok()?;
    tm.tm_mday = i32::try_from(t.mday).ok()?;
    tm.tm_hour = i32::try_from(t.hour).ok()?;
    tm.tm_min = i32::try_from(t.min).ok()?;
    tm.tm_sec = i32::try_from(t.sec).ok()?;
    tm.tm_isdst = t.isdst.clamp(-1, 1) as i32;
    // A sentinel: mktime leaves tm_wday alone only when it fails (-1 is also a valid time).
    tm.tm_wday = -1;
    // SAFETY: mktime reads and normalises the tm we own; no pointer escapes.
    let r = unsafe { libc::mktime(&mut tm) };
    if r == -1 && tm.tm_wday == -1 {
        return None;
    }
    Some(r as i64)
}

fn unsafe_zeroed_tm() -> libc::tm {
    // SAFETY: libc::tm is plain old data (ints and one pointer); all-zero bytes are a
    // valid value for it (a null tm_zone).
    unsafe { std::mem::zeroed() }
}

/// Re-reads TZ (time.tzset) and sets `timezone altzone daylight tzname` as CPython does:
/// from the zones of January and July of the current year.
fn set_tz_constants(d: &DictObj) {
    extern "C" {
        // POSIX; the libc crate leaves it out.
        fn tzset();
    }
    // SAFETY: tzset takes no arguments and only updates the C library's own zone
    // state, under glibc's lock.
    unsafe { tzset() };
    let now = since_epoch().as_secs() as i64;
    let year = utc_tm(now).year;
    let jan = days_from_civil(year, 1, 1) * 86400;
    let jul = days_from_civil(year, 7, 1) * 86400;
    let (Ok(a), Ok(b)) = (local_tm(jan), local_tm(jul)) else {
        return;
    };
    let (ja, jb) = (-a.gmtoff.unwrap_or(0), -b.gmtoff.unwrap_or(0));
    let (za, zb) = (a.zone.unwrap_or_default(), b.zone.unwrap_or_default());
    // The southern hemisphere has daylight time in January.
    let (std_off, dst_off, std_name, dst_name) = if ja < jb {
        (jb, ja, zb, za)
    } else {
        (ja, jb, za, zb)
    };
    d.set_str("timezone", Value::Int(std_off));
    d.set_str("altzone", Value::Int(dst_off));
    d.set_str("daylight", Value::Int((ja != jb) as i64));
    d.set_str(
        "tzname",
        Value::tuple(vec![Value::string(std_name), Value::string(dst_name)]),
    );
}

fn tzset(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("tzset", 0, 0)?;
    let m = vm.import("time")?;
    if let Value::Module(m) = &m {
        set_tz_constants(&m.dict);
    }
    Ok(Value::None)
}

/// The `secs` argument of gmtime/localtime/ctime: None is now; floats are floored.
pub(crate) fn secs_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => {
            if let Some(ns) = virtual_ns(vm) {
                return Ok(((crate::gil::WALL_EPOCH_NS + ns) / 1_000_000_000) as i64);
            }
            Ok(since_epoch().as_secs() as i64)
        }
        Some(Value::Float(f)) => {
            if f.is_nan() {
                return Err(PyErr::value_error("Invalid value NaN (not a number)"));
            }
            let f = f.floor();
            if !(-9.2e18..9.2e18).contains(&f) {
                return Err(PyErr::overflow_error(
                    "timestamp out of range for platform time_t",
                ));
            }
            Ok(f as i64)
        }
        Some(Value::BigInt(_)) => Err(PyErr::overflow_error(
            "timestamp out of range for platform time_t",
        )),
        Some(v) => vm.to_index(v),
    }
}

/// Years beyond these make the C library's int tm_year overflow (CPython: OverflowError).
fn check_year(tm: &Tm) -> PyResult<()> {
    if tm.year - 1900 > i32::MAX as i64 || tm.year - 1900 < i32::MIN as i64 {
        return Err(PyErr::overflow_error(
            "timestamp out of range for platform time_t",
        ));
    }
    Ok(())
}

/// Builds a `time.struct_time` (the class defined by STRUCT_TIME below).
pub(crate) fn struct_time(vm: &mut Vm, tm: Tm) -> PyResult<Value> {
    let m = vm.import("time")?;
    let cls = vm.getattr_str(&m, "struct_time")?;
    let mut items: Vec<Value> = [
        tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec, tm.wday, tm.yday, tm.isdst,
    ]
    .iter()
    .map(|&n| Value::Int(n))
    .collect();
    items.push(tm.zone.map_or(Value::None, Value::string));
    items.push(tm.gmtoff.map_or(Value::None, Value::Int));
    vm.call(&cls, &[Value::tuple(items)], &[])
}

fn gmtime(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("gmtime")?;
    a.expect("gmtime", 0, 1)?;
    let t = secs_arg(vm, a.get(0))?;
    let tm = utc_tm(t);
    check_year(&tm)?;
    struct_time(vm, tm)
}

fn localtime(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("localtime")?;
    a.expect("localtime", 0, 1)?;
    let t = secs_arg(vm, a.get(0))?;
    check_year(&utc_tm(t))?;
    let tm = local_tm(t)?;
    struct_time(vm, tm)
}

/// A time tuple argument (a 9-tuple or a struct_time), as CPython's gettmarg.
pub(crate) fn tm_arg(vm: &mut Vm, fname: &str, v: &Value) -> PyResult<Tm> {
    let is_struct = vm.type_name(v) == "struct_time";
    let items = match v {
        Value::Tuple(_) => vm.collect(v)?,
        Value::Instance(_) if is_struct => vm.collect(v)?,
        _ => return Err(PyErr::type_error("Tuple or struct_time argument required")),
    };
    if items.len() != 9 {
        return Err(PyErr::type_error(format!(
            "{fname}(): illegal time tuple argument"
        )));
    }
    let mut n = [0i64; 9];
    for (slot, item) in n.iter_mut().zip(&items) {
        if matches!(item, Value::Float(_)) {
            return Err(PyErr::type_error(
                "'float' object cannot be interpreted as an integer",
            ));
        }
        *slot = vm.to_index(item)?;
    }
    let (mut zone, mut gmtoff) = (None, None);
    if is_struct {
        if let Value::Str(s) = vm.getattr_str(v, "tm_zone")? {
            zone = Some(s.as_str().to_string());
        }
        if let Value::Int(i) = vm.getattr_str(v, "tm_gmtoff")? {
            gmtoff = Some(i);
        }
    }
    Ok(Tm {
        year: n[0],
        mon: n[1],
        mday: n[2],
        hour: n[3],
        min: n[4],
        sec: n[5],
        wday: n[6],
        yday: n[7],
        isdst: n[8],
        zone,
        gmtoff,
    })
}

/// The tuple of strftime/asctime, or now in local time.
fn tm_or_now(vm: &mut Vm, fname: &str, v: Option<&Value>) -> PyResult<Tm> {
    match v {
        Some(v) => tm_arg(vm, fname, v),
        None => {
            let t = secs_arg(vm, None)?;
            local_tm(t)
        }
    }
}

/// CPython's checks before calling strftime (checktm plus the zero fix-ups).
pub(crate) fn check_tm(tm: &mut Tm, strftime: bool) -> PyResult<()> {
    if strftime {
        // As CPython: a zero month, day or yday means "the first" (old tuples had them).
        if tm.mon == 0 {
            tm.mon = 1;
        }
        if tm.mday == 0 {
            tm.mday = 1;
        }
        if tm.yday == 0 {
            tm.yday = 1;
        }
        tm.isdst = tm.isdst.clamp(-1, 1);
    }
    let checks: [(bool, &str); 6] = [
        (!(1..=12).contains(&tm.mon), "month out of range"),
        (!(1..=31).contains(&tm.mday), "day of month out of range"),
        (!(0..=23).contains(&tm.hour), "hour out of range"),
        (!(0..=59).contains(&tm.min), "minute out of range"),
        (!(0..=61).contains(&tm.sec), "seconds out of range"),
        (!(1..=366).contains(&tm.yday), "day of year out of range"),
    ];
    for (bad, msg) in checks {
        if bad {
            return Err(PyErr::value_error(msg));
        }
    }
    // C's tm_wday is taken modulo 7 after the Monday/Sunday shift; negative is an error.
    if tm.wday < -1 {
        return Err(PyErr::value_error("day of week out of range"));
    }
    tm.wday = tm.wday.rem_euclid(7);
    Ok(())
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn asctime_of(tm: &Tm) -> String {
    format!(
        "{} {}{:3} {:02}:{:02}:{:02} {}",
        &DAYS[tm.wday as usize][..3],
        &MONTHS[(tm.mon - 1) as usize][..3],
        tm.mday,
        tm.hour,
        tm.min,
        tm.sec,
        tm.year
    )
}

fn asctime(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("asctime")?;
    a.expect("asctime", 0, 1)?;
    let mut tm = tm_or_now(vm, "asctime", a.get(0))?;
    check_tm(&mut tm, false)?;
    Ok(Value::string(asctime_of(&tm)))
}

fn ctime(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("ctime")?;
    a.expect("ctime", 0, 1)?;
    let t = secs_arg(vm, a.get(0))?;
    check_year(&utc_tm(t))?;
    Ok(Value::string(asctime_of(&local_tm(t)?)))
}

fn mktime(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("mktime")?;
    a.expect("mktime", 1, 1)?;
    let tm = tm_arg(vm, "mktime", &a.pos[0])?;
    match local_mktime(&tm) {
        Some(t) => Ok(Value::Float(t as f64)),
        None => Err(PyErr::overflow_error("mktime argument out of range")),
    }
}

fn strftime(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("strftime")?;
    a.expect("strftime", 1, 2)?;
    let fmt = match &a.pos[0] {
        Value::Str(s) => s.as_str().to_string(),
        v => {
            return Err(PyErr::type_error(format!(
                "strftime() argument 1 must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    let mut tm = tm_or_now(vm, "strftime", a.get(1))?;
    check_tm(&mut tm, true)?;
    Ok(Value::string(format_tm(&fmt, &tm)))
}

/// ISO 8601 year and week of a date (weeks start on Monday; week 1 holds Jan 4th).
fn iso_week(tm: &Tm) -> (i64, i64) {
    fn weeks(y: i64) -> i64 {
        let p =
            |y: i64| (y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)).rem_euclid(7);
        if p(y) == 4 || p(y - 1) == 3 {
            53
        } else {
            52
        }
    }
    let wd = tm.wday + 1; // Monday = 1
    let w = (tm.yday - wd + 10).div_euclid(7);
    if w < 1 {
        (tm.year - 1, weeks(tm.year - 1))
    } else if w > weeks(tm.year) {
        (tm.year + 1, 1)
    } else {
        (tm.year, w)
    }
}

/// strftime as glibc's in the C locale, written out so that it needs no buffer games
/// and handles any year: the conversions, glibc's flags `- _ 0 ^ #`, a field width,
/// and the `E`/`O` modifiers (ignored, as in the C locale). Unknown ones are copied.
pub fn format_tm(fmt: &str, tm: &Tm) -> String {
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '%' {
            out.push(c);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let mut flag = None;
        while i < chars.len() && matches!(chars[i], '-' | '_' | '0' | '^' | '#') {
            flag = Some(chars[i]);
            i += 1;
        }
        let mut width: Option<usize> = None;
        while i < chars.len() && chars[i].is_ascii_digit() {
            width = Some(width.unwrap_or(0) * 10 + chars[i].to_digit(10).unwrap_or(0) as usize);
            i += 1;
        }
        while i < chars.len() && matches!(chars[i], 'E' | 'O') {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            out.extend(&chars[start..]);
            break;
        };
        i += 1;
        // (text, is numeric, natural width, natural pad)
        let num = |v: i64, w: usize| (v.to_string(), true, w, '0');
        let sp = |v: i64, w: usize| (v.to_string(), true, w, ' ');
        let txt = |s: &str| (s.to_string(), false, 0, ' ');
        let hour12 = if tm.hour % 12 == 0 { 12 } else { tm.hour % 12 };
        let sunday_wday = (tm.wday + 1) % 7;
        let piece = match conv {
            'a' => txt(&DAYS[tm.wday as usize][..3]),
            'A' => txt(DAYS[tm.wday as usize]),
            'b' | 'h' => txt(&MONTHS[(tm.mon - 1) as usize][..3]),
            'B' => txt(MONTHS[(tm.mon - 1) as usize]),
            'c' => txt(&format_tm("%a %b %e %H:%M:%S %Y", tm)),
            // glibc pads neither %C nor %Y (year 950 gives "9" and "950").
            'C' => num(tm.year.div_euclid(100), 1),
            'd' => num(tm.mday, 2),
            'D' | 'x' => txt(&format_tm("%m/%d/%y", tm)),
            'e' => sp(tm.mday, 2),
            'F' => txt(&format_tm("%Y-%m-%d", tm)),
            'g' => num(iso_week(tm).0.rem_euclid(100), 2),
            'G' => num(iso_week(tm).0, 1),
            'H' => num(tm.hour, 2),
            'I' => num(hour12, 2),
            'j' => num(tm.yday, 3),
            'k' => sp(tm.hour, 2),
            'l' => sp(hour12, 2),
            'm' => num(tm.mon, 2),
            'M' => num(tm.min, 2),
            'n' => txt("\n"),
            'p' => txt(if tm.hour < 12 { "AM" } else { "PM" }),
            'P' => txt(if tm.hour < 12 { "am" } else { "pm" }),
            'r' => txt(&format_tm("%I:%M:%S %p", tm)),
            'R' => txt(&format_tm("%H:%M", tm)),
            's' => num(local_mktime(tm).unwrap_or(-1), 1),
            'S' => num(tm.sec, 2),
            't' => txt("\t"),
            'T' | 'X' => txt(&format_tm("%H:%M:%S", tm)),
            'u' => num(tm.wday + 1, 1),
            'U' => num((tm.yday - 1 + 7 - sunday_wday) / 7, 2),
            'V' => num(iso_week(tm).1, 2),
            'w' => num(sunday_wday, 1),
            'W' => num((tm.yday - 1 + 7 - tm.wday) / 7, 2),
            'y' => num(tm.year.rem_euclid(100), 2),
            'Y' => num(tm.year, 1),
            'z' => match tm.gmtoff {
                Some(off) => {
                    let sign = if off < 0 { '-' } else { '+' };
                    let off = off.abs() / 60;
                    (
                        format!("{sign}{:02}{:02}", off / 60, off % 60),
                        false,
                        0,
                        ' ',
                    )
                }
                None => txt(""),
            },
            'Z' => txt(tm.zone.as_deref().unwrap_or("")),
            '%' => txt("%"),
            _ => {
                out.extend(&chars[start..i]);
                continue;
            }
        };
        let (mut text, numeric, natural, natural_pad) = piece;
        match flag {
            Some('^') => text = text.to_uppercase(),
            Some('#') if conv == 'p' || conv == 'Z' => text = text.to_lowercase(),
            Some('#') => text = text.to_uppercase(),
            _ => {}
        }
        let (neg, digits) = match text.strip_prefix('-') {
            Some(d) if numeric => (true, d.to_string()),
            _ => (false, text.clone()),
        };
        let want = width.unwrap_or(if numeric { natural } else { 0 });
        let pad = match flag {
            Some('-') if width.is_none() => None,
            Some('_') => Some(' '),
            Some('0') => Some('0'),
            _ if numeric => Some(natural_pad),
            _ => Some(' '),
        };
        let body_len = digits.chars().count() + neg as usize;
        if let (Some(p), true) = (pad, body_len < want) {
            let fill: String = std::iter::repeat(p).take(want - body_len).collect();
            if p == '0' && numeric {
                out.push_str(if neg { "-" } else { "" });
                out.push_str(&fill);
                out.push_str(&digits);
            } else {
                out.push_str(&fill);
                out.push_str(if neg { "-" } else { "" });
                out.push_str(&digits);
            }
        } else {
            out.push_str(if neg { "-" } else { "" });
            out.push_str(&digits);
        }
    }
    out
}

fn thread_cpu() -> PyResult<Duration> {
    use nix::time::{clock_gettime, ClockId};
    let ts = clock_gettime(ClockId::CLOCK_THREAD_CPUTIME_ID)
        .map_err(|e| PyErr::os_error(format!("thread_time: {e}")))?;
    Ok(Duration::new(ts.tv_sec() as u64, ts.tv_nsec() as u32))
}

fn thread_time(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("thread_time", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::Float(ns as f64 / 1e9));
    }
    Ok(Value::Float(thread_cpu()?.as_secs_f64()))
}

fn thread_time_ns(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("thread_time_ns", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::from_bigint(ns.into()));
    }
    Ok(Value::from_bigint(thread_cpu()?.as_nanos().into()))
}

/// time.get_clock_info: what each clock is made of, as CPython reports it on Linux.
fn get_clock_info(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("get_clock_info")?;
    a.expect("get_clock_info", 1, 1)?;
    let name = match &a.pos[0] {
        Value::Str(s) => s.as_str().to_string(),
        v => {
            return Err(PyErr::type_error(format!(
                "get_clock_info() argument must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    let (clock, monotonic, adjustable) = match name.as_str() {
        "time" => ("CLOCK_REALTIME", false, true),
        "monotonic" | "perf_counter" => ("CLOCK_MONOTONIC", true, false),
        "process_time" => ("CLOCK_PROCESS_CPUTIME_ID", true, false),
        "thread_time" => ("CLOCK_THREAD_CPUTIME_ID", true, false),
        _ => return Err(PyErr::value_error("unknown clock")),
    };
    let b = |v: bool| (Value::Bool(v), if v { "True" } else { "False" }.to_string());
    let imp = format!("clock_gettime({clock})");
    let (mv, mr) = b(monotonic);
    let (av, ar) = b(adjustable);
    Ok(super::sys::Namespace::new(vec![
        (
            "implementation",
            Value::string(imp.clone()),
            format!("'{imp}'"),
        ),
        ("monotonic", mv, mr),
        ("adjustable", av, ar),
        ("resolution", Value::Float(1e-09), "1e-09".to_string()),
    ]))
}

/// struct_time is a tuple of the nine classic fields with tm_zone and tm_gmtoff as
/// extra attributes, as CPython's structseq; written in Python because it is a tuple
/// subclass. gmtime/localtime above call it with an 11-tuple.
const STRUCT_TIME: &str = r#"
class struct_time(tuple):
    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0
    __match_args__ = ('tm_year', 'tm_mon', 'tm_mday', 'tm_hour', 'tm_min',
                      'tm_sec', 'tm_wday', 'tm_yday', 'tm_isdst')

    def __new__(cls, seq, dict=None):
        try:
            seq = tuple(seq)
        except TypeError:
            raise TypeError('constructor requires a sequence') from None
        n = len(seq)
        if n < 9:
            raise TypeError(f'time.struct_time() takes an at least 9-sequence ({n}-sequence given)')
        if n > 11:
            raise TypeError(f'time.struct_time() takes an at most 11-sequence ({n}-sequence given)')
        self = tuple.__new__(cls, seq[:9])
        extra = seq[9:] + (None,) * (11 - n)
        object.__setattr__(self, '_struct_time__extra', extra)
        return self

    def __repr__(self):
        body = ', '.join(f'{n}={v!r}' for n, v in zip(self.__match_args__, self))
        return f'time.struct_time({body})'

    def __reduce__(self):
        return (struct_time, (tuple(self), {'tm_zone': self.tm_zone, 'tm_gmtoff': self.tm_gmtoff}))

    tm_zone = property(lambda self: self.__extra[0])
    tm_gmtoff = property(lambda self: self.__extra[1])

def _field(i):
    return property(lambda self: tuple.__getitem__(self, i))

for _i, _n in enumerate(struct_time.__match_args__):
    setattr(struct_time, _n, _field(_i))
del _i, _n, _field

def strptime(data_string, format='%a %b %d %H:%M:%S %Y'):
    import _strptime
    return _strptime._strptime_time(data_string, format)
"#;
