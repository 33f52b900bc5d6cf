//! `_datetime`, the Rust half of the datetime module (as CPython's C `_datetime`):
//! `timedelta` and `date`, their arithmetic, comparisons, hashing and formatting.
//! datetime.py builds the rest on them (`datetime` is a Python subclass of `date`).

use super::{bind, downcast, native, native_class};
use crate::bytecode::{BinaryOp, CompareOp};
use crate::vm::bytes::BytesObj;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, DictObj, NativeFn, NativeObject};
use crate::vm::ops::{hash_i64, hash_tuple, not_implemented};
use crate::vm::refcount::Ref;
use crate::vm::typeobj::flags;
use crate::vm::value::{intern, PyStr, Value};
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::sync::OnceLock;

type Kw<'a> = &'a [(Ref<PyStr>, Value)];

const MAX_DELTA_DAYS: i64 = 999_999_999;
const US_PER_DAY: i128 = 86_400_000_000;
const MAX_ORDINAL: i64 = 3_652_059;

// ---- the proleptic Gregorian calendar ----

const DAYS_IN_MONTH: [i64; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH: [i64; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const MONTH_NAMES: [&str; 13] = [
    "", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    if m == 2 && is_leap(y) {
        29
    } else {
        DAYS_IN_MONTH[m as usize]
    }
}

fn days_before_month(y: i64, m: i64) -> i64 {
    DAYS_BEFORE_MONTH[m as usize] + (m > 2 && is_leap(y)) as i64
}

fn days_before_year(y: i64) -> i64 {
    let y = y - 1;
    y * 365 + y / 4 - y / 100 + y / 400
}

/// Day 1 is 0001-01-01.
pub fn ymd_to_ord(y: i64, m: i64, d: i64) -> i64 {
    days_before_year(y) + days_before_month(y, m) + d
}

/// The inverse of `ymd_to_ord`, by 400-, 100-, 4- and 1-year cycles.
pub fn ord_to_ymd(n: i64) -> (i64, i64, i64) {
    const DI400Y: i64 = 146_097;
    const DI100Y: i64 = 36_524;
    const DI4Y: i64 = 1_461;
    let n = n - 1;
    let (n400, n) = (n.div_euclid(DI400Y), n.rem_euclid(DI400Y));
    let mut year = n400 * 400 + 1;
    let (n100, n) = (n / DI100Y, n % DI100Y);
    let (n4, n) = (n / DI4Y, n % DI4Y);
    let (n1, n) = (n / 365, n % 365);
    year += n100 * 100 + n4 * 4 + n1;
    if n1 == 4 || n100 == 4 {
        // The last day of a 4- or 400-year cycle.
        return (year - 1, 12, 31);
    }
    let leap = n1 == 3 && (n4 != 24 || n100 == 3);
    let mut month = (n + 50) >> 5;
    let mut preceding = DAYS_BEFORE_MONTH[month as usize] + (month > 2 && leap) as i64;
    if preceding > n {
        month -= 1;
        preceding -= DAYS_IN_MONTH[month as usize] + (month == 2 && leap) as i64;
    }
    (year, month, n - preceding + 1)
}

/// The ordinal of the Monday of ISO week 1 (the week holding January 4th).
fn iso_week1_monday(year: i64) -> i64 {
    let first = ymd_to_ord(year, 1, 1);
    let wd = (first + 6) % 7;
    let monday = first - wd;
    if wd > 3 {
        monday + 7
    } else {
        monday
    }
}

enum IsoErr {
    Week,
    Day,
}

fn iso_to_ymd(year: i64, week: i64, day: i64) -> Result<(i64, i64, i64), IsoErr> {
    if week <= 0 || week >= 53 {
        // Only years starting on a Thursday (or leap years on a Wednesday) have 53.
        let first_wd = (ymd_to_ord(year, 1, 1) + 6) % 7;
        if !(week == 53 && (first_wd == 3 || (first_wd == 2 && is_leap(year)))) {
            return Err(IsoErr::Week);
        }
    }
    if day <= 0 || day >= 8 {
        return Err(IsoErr::Day);
    }
    Ok(ord_to_ymd(
        iso_week1_monday(year) + (week - 1) * 7 + day - 1,
    ))
}

fn check_date(y: i64, m: i64, d: i64) -> PyResult<()> {
    if !(1..=9999).contains(&y) {
        return Err(PyErr::value_error(format!("year {y} is out of range")));
    }
    if !(1..=12).contains(&m) {
        return Err(PyErr::value_error("month must be in 1..12"));
    }
    if d < 1 || d > days_in_month(y, m) {
        return Err(PyErr::value_error("day is out of range for month"));
    }
    Ok(())
}

// ---- argument conversion, as CPython's "i" format ----

/// A C int argument: `__index__` semantics, OverflowError past 32 bits.
fn c_int(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let n = match v.payload() {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => {
            return Err(PyErr::overflow_error(
                "Python int too large to convert to C long",
            ))
        }
        Value::Float(_) => {
            return Err(PyErr::type_error(
                "'float' object cannot be interpreted as an integer",
            ))
        }
        _ => match vm.to_index(v) {
            Ok(i) => i,
            Err(e) if e.is(&crate::vm::types::types().index_error) => {
                return Err(PyErr::overflow_error(
                    "Python int too large to convert to C long",
                ))
            }
            Err(e) => return Err(e),
        },
    };
    if n > i32::MAX as i64 {
        return Err(PyErr::overflow_error(
            "signed integer is greater than maximum",
        ));
    }
    if n < i32::MIN as i64 {
        return Err(PyErr::overflow_error("signed integer is less than minimum"));
    }
    Ok(n)
}

fn int_value(n: i128) -> Value {
    match i64::try_from(n) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::from_bigint(BigInt::from(n)),
    }
}

fn is_int(v: &Value) -> bool {
    matches!(
        v.payload(),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_)
    )
}

fn big_of(v: &Value) -> Option<BigInt> {
    crate::vm::ops::big(v.payload())
}

fn float_of(v: &Value) -> Option<f64> {
    match v.payload() {
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// `a / b` rounded half to even (CPython's `divide_and_round`); b is not zero.
fn divide_and_round(a: &BigInt, b: &BigInt) -> BigInt {
    let (mut q, r) = a.div_mod_floor(b);
    let r2: BigInt = r * 2;
    let greater = if b.is_positive_big() {
        &r2 > b
    } else {
        &r2 < b
    };
    if greater || (&r2 == b && q.is_odd()) {
        q += 1;
    }
    q
}

trait Sign {
    fn is_positive_big(&self) -> bool;
}
impl Sign for BigInt {
    fn is_positive_big(&self) -> bool {
        self.sign() == num_bigint::Sign::Plus
    }
}

/// A finite float as an exact ratio (numerator, denominator > 0), CPython's messages
/// for the others.
fn float_ratio(f: f64) -> PyResult<(BigInt, BigInt)> {
    if f.is_nan() {
        return Err(PyErr::value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(PyErr::overflow_error(
            "cannot convert Infinity to integer ratio",
        ));
    }
    let bits = f.abs().to_bits();
    let e = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut mant, mut exp) = if e == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), e - 1075)
    };
    if mant == 0 {
        return Ok((BigInt::zero(), BigInt::from(1)));
    }
    while mant & 1 == 0 && exp < 0 {
        mant >>= 1;
        exp += 1;
    }
    let mut num = BigInt::from(mant);
    let mut den = BigInt::from(1);
    if exp >= 0 {
        num <<= exp as usize;
    } else {
        den <<= (-exp) as usize;
    }
    if f < 0.0 {
        num = -num;
    }
    Ok((num, den))
}

fn zero_div() -> PyErr {
    PyErr::zero_division("integer division or modulo by zero")
}

fn cmp_value(op: CompareOp, o: Ordering) -> Value {
    Value::Bool(match op {
        CompareOp::Lt => o == Ordering::Less,
        CompareOp::Le => o != Ordering::Greater,
        CompareOp::Eq => o == Ordering::Equal,
        CompareOp::Ne => o != Ordering::Equal,
        CompareOp::Gt => o == Ordering::Greater,
        CompareOp::Ge => o != Ordering::Less,
    })
}

fn is_exact(cls: &Ref<Class>, native: &Ref<Class>) -> bool {
    Ref::ptr_eq(cls, native)
}

/// The class argument of a classmethod or `__new__`.
fn class_arg(a: &Args) -> Ref<Class> {
    match a.pos.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => date_class(),
    }
}

// ---- timedelta ----

/// A duration, normalised as CPython's: 0 <= secs < 86400, 0 <= us < 10**6, and
/// |days| <= 999999999.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delta {
    pub days: i32,
    pub secs: i32,
    pub us: i32,
}

impl Delta {
    pub fn total_us(&self) -> i128 {
        (self.days as i128 * 86_400 + self.secs as i128) * 1_000_000 + self.us as i128
    }

    /// The normalised duration of `us` microseconds (CPython's messages past the range).
    pub fn from_us(us: i128) -> PyResult<Delta> {
        let days = us.div_euclid(US_PER_DAY);
        let rest = us.rem_euclid(US_PER_DAY);
        if days > i32::MAX as i128 || days < i32::MIN as i128 {
            return Err(PyErr::overflow_error(
                "Python int too large to convert to C int",
            ));
        }
        if days.abs() > MAX_DELTA_DAYS as i128 {
            return Err(PyErr::overflow_error(format!(
                "days={days}; must have magnitude <= {MAX_DELTA_DAYS}"
            )));
        }
        Ok(Delta {
            days: days as i32,
            secs: (rest / 1_000_000) as i32,
            us: (rest % 1_000_000) as i32,
        })
    }

    fn from_big(us: &BigInt) -> PyResult<Delta> {
        match us.to_i128() {
            // Anything near i128's range is far outside a timedelta's anyway.
            Some(n) if n.unsigned_abs() < (1u128 << 100) => Delta::from_us(n),
            _ => Err(PyErr::overflow_error(
                "Python int too large to convert to C int",
            )),
        }
    }
}

impl NativeObject for Delta {
    fn class(&self) -> Ref<Class> {
        delta_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

pub fn delta_of(v: &Value) -> Option<&Delta> {
    downcast::<Delta>(v.payload())
}

fn new_delta(us: i128) -> PyResult<Value> {
    Ok(native(Delta::from_us(us)?))
}

fn delta_value(d: Delta) -> Value {
    native(d)
}

pub fn delta_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("total_seconds", delta_total_seconds),
        ("__reduce__", delta_reduce),
        ("__divmod__", |vm, a| delta_divmod(vm, a, false)),
        ("__rdivmod__", |vm, a| delta_divmod(vm, a, true)),
    ];
    let c = native_class(&C, "datetime", "timedelta", methods, &[]);
    c.set_flags(flags::BASETYPE | flags::NATIVE_SLOTS);
    crate::vm::descr::add_getsets(
        &c,
        "datetime.timedelta",
        &[
            (
                "days",
                |vm, o| Ok(Value::Int(this_delta(vm, o, "days")?.days as i64)),
                None,
            ),
            (
                "seconds",
                |vm, o| Ok(Value::Int(this_delta(vm, o, "seconds")?.secs as i64)),
                None,
            ),
            (
                "microseconds",
                |vm, o| Ok(Value::Int(this_delta(vm, o, "microseconds")?.us as i64)),
                None,
            ),
        ],
    );
    let s = &c.slots;
    s.getattr.set(Some(crate::vm::descr::generic_getattr));
    s.new.set(Some(delta_new));
    for op in [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::TrueDiv,
        BinaryOp::FloorDiv,
        BinaryOp::Mod,
    ] {
        s.binop[op as usize].set(Some(delta_binop));
    }
    s.neg.set(Some(|vm, v| {
        let d = this_delta(vm, v, "__neg__")?;
        new_delta(-d.total_us())
    }));
    s.pos.set(Some(|vm, v| {
        let d = this_delta(vm, v, "__pos__")?;
        Ok(delta_value(*d))
    }));
    s.abs.set(Some(|vm, v| {
        let d = this_delta(vm, v, "__abs__")?;
        if d.days < 0 {
            new_delta(-d.total_us())
        } else {
            Ok(delta_value(*d))
        }
    }));
    s.bool.set(Some(|vm, v| {
        let d = this_delta(vm, v, "__bool__")?;
        Ok(d.days != 0 || d.secs != 0 || d.us != 0)
    }));
    s.compare.set(Some(delta_compare));
    s.hash.set(Some(|vm, v| {
        let d = this_delta(vm, v, "__hash__")?;
        Ok(hash_tuple(&[
            hash_i64(d.days as i64),
            hash_i64(d.secs as i64),
            hash_i64(d.us as i64),
        ]))
    }));
    s.repr.set(Some(delta_repr));
    s.str.set(Some(delta_str));
    crate::vm::descr::add_operators(&c);
    let set = |name: &str, d: Delta| {
        let v = delta_value(d);
        v.make_immortal();
        Class::set_attr(&c, intern(name), v);
    };
    set(
        "min",
        Delta {
            days: -MAX_DELTA_DAYS as i32,
            secs: 0,
            us: 0,
        },
    );
    set(
        "max",
        Delta {
            days: MAX_DELTA_DAYS as i32,
            secs: 86_399,
            us: 999_999,
        },
    );
    set(
        "resolution",
        Delta {
            days: 0,
            secs: 0,
            us: 1,
        },
    );
    set_doc(
        &c,
        "Difference between two datetime values.\n\n\
         timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)\n\n\
         All arguments are optional and default to 0.\n\
         Arguments may be integers or floats, and may be positive or negative.",
    );
    c
}

fn set_doc(c: &Ref<Class>, doc: &str) {
    Class::set_attr(c, intern("__doc__"), Value::str(doc));
}

fn this_delta<'a>(vm: &Vm, v: &'a Value, meth: &str) -> PyResult<&'a Delta> {
    delta_of(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{meth}' for 'datetime.timedelta' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

const DELTA_ARGS: [&str; 7] = [
    "days",
    "seconds",
    "microseconds",
    "milliseconds",
    "minutes",
    "hours",
    "weeks",
];
const DELTA_FACTORS: [i64; 7] = [
    86_400_000_000,
    1_000_000,
    1,
    1_000,
    60_000_000,
    3_600_000_000,
    604_800_000_000,
];

fn delta_new(vm: &mut Vm, cls: &Ref<Class>, args: &[Value], kw: Kw) -> PyResult<Value> {
    let a = Args { pos: args, kw };
    let got = bind(&a, "__new__", &DELTA_ARGS, 0, 0)?;
    let d = if got
        .iter()
        .all(|v| v.is_none_or(|v| matches!(v, Value::Int(_))))
    {
        // All exact ints (the usual call): i128 holds any sum of seven i64 products.
        let mut us: i128 = 0;
        for (v, f) in got.iter().zip(DELTA_FACTORS) {
            if let Some(Value::Int(n)) = v {
                us += *n as i128 * f as i128;
            }
        }
        Delta::from_us(us)?
    } else {
        delta_from_parts(vm, &got)?
    };
    let v = delta_value(d);
    Ok(if is_exact(cls, &delta_class()) {
        v
    } else {
        crate::vm::natives::wrap_for(cls, v)
    })
}

/// CPython's `delta_new` for floats and big ints: each whole part exactly, the
/// fractions of microseconds summed as a float and rounded half to even at the end,
/// in CPython's order (microseconds first, weeks last) so the float sum rounds alike.
fn delta_from_parts(vm: &mut Vm, got: &[Option<&Value>]) -> PyResult<Delta> {
    const ORDER: [usize; 7] = [2, 3, 1, 4, 5, 0, 6];
    let mut sum = BigInt::zero();
    let mut leftover = 0.0f64;
    for i in ORDER {
        let Some(v) = got[i] else { continue };
        let factor = DELTA_FACTORS[i];
        if let Some(n) = big_of(v) {
            sum += n * factor;
        } else if let Some(f) = float_of(v) {
            let ip = f.trunc();
            let fp = f - ip;
            let whole = float_to_big(ip)?;
            sum += whole * factor;
            if fp == 0.0 {
                continue;
            }
            let dnum = factor as f64 * fp;
            let ip2 = dnum.trunc();
            sum += float_to_big(ip2)?;
            leftover += dnum - ip2;
        } else {
            return Err(PyErr::type_error(format!(
                "unsupported type for timedelta {} component: {}",
                DELTA_ARGS[i],
                vm.type_name(v)
            )));
        }
    }
    if leftover != 0.0 {
        let mut whole = leftover.round();
        if (whole - leftover).abs() == 0.5 {
            // Exactly halfway: to even, by the parity of the exact sum.
            let odd = if sum.is_odd() { 1.0 } else { 0.0 };
            whole = 2.0 * ((leftover + odd) * 0.5).round() - odd;
        }
        sum += whole as i64;
    }
    Delta::from_big(&sum)
}

fn float_to_big(f: f64) -> PyResult<BigInt> {
    if f.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyErr::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    Ok(BigInt::from_f64(f).unwrap_or_default())
}

fn delta_binop(vm: &mut Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (da, db) = (delta_of(a), delta_of(b));
    match op.base() {
        BinaryOp::Add => match (da, db) {
            (Some(x), Some(y)) => new_delta(x.total_us() + y.total_us()),
            _ => Ok(not_implemented()),
        },
        BinaryOp::Sub => match (da, db) {
            (Some(x), Some(y)) => new_delta(x.total_us() - y.total_us()),
            _ => Ok(not_implemented()),
        },
        BinaryOp::Mul => match (da, db) {
            (Some(x), None) => delta_mul(x, b),
            (None, Some(y)) => delta_mul(y, a),
            _ => Ok(not_implemented()),
        },
        BinaryOp::FloorDiv => {
            let Some(x) = da else {
                return Ok(not_implemented());
            };
            if let Some(y) = db {
                let d = y.total_us();
                if d == 0 {
                    return Err(zero_div());
                }
                return Ok(int_value(x.total_us().div_euclid(d)));
            }
            if !is_int(b) {
                return Ok(not_implemented());
            }
            let n = big_of(b).unwrap_or_default();
            if n.is_zero() {
                return Err(zero_div());
            }
            Delta::from_big(&BigInt::from(x.total_us()).div_floor(&n)).map(delta_value)
        }
        BinaryOp::TrueDiv => {
            let Some(x) = da else {
                return Ok(not_implemented());
            };
            if let Some(y) = db {
                if y.total_us() == 0 {
                    return Err(PyErr::zero_division("division by zero"));
                }
                return vm.binary_op(
                    BinaryOp::TrueDiv,
                    &int_value(x.total_us()),
                    &int_value(y.total_us()),
                );
            }
            let us = BigInt::from(x.total_us());
            if let Some(n) = big_of(b) {
                if n.is_zero() {
                    return Err(zero_div());
                }
                return Delta::from_big(&divide_and_round(&us, &n)).map(delta_value);
            }
            if let Some(f) = float_of(b) {
                let (num, den) = float_ratio(f)?;
                if num.is_zero() {
                    return Err(zero_div());
                }
                return Delta::from_big(&divide_and_round(&(us * den), &num)).map(delta_value);
            }
            Ok(not_implemented())
        }
        BinaryOp::Mod => match (da, db) {
            (Some(x), Some(y)) => {
                let d = y.total_us();
                if d == 0 {
                    return Err(PyErr::zero_division("integer modulo by zero"));
                }
                new_delta(x.total_us().rem_euclid(d))
            }
            _ => Ok(not_implemented()),
        },
        _ => Ok(not_implemented()),
    }
}

fn delta_mul(x: &Delta, n: &Value) -> PyResult<Value> {
    match n.payload() {
        Value::Int(i) => match x.total_us().checked_mul(*i as i128) {
            Some(p) => new_delta(p),
            None => Err(PyErr::overflow_error(
                "Python int too large to convert to C int",
            )),
        },
        Value::Bool(b) => new_delta(x.total_us() * *b as i128),
        Value::BigInt(b) => Delta::from_big(&(BigInt::from(x.total_us()) * &**b)).map(delta_value),
        Value::Float(f) => {
            let (num, den) = float_ratio(*f)?;
            Delta::from_big(&divide_and_round(&(BigInt::from(x.total_us()) * num), &den))
                .map(delta_value)
        }
        _ => Ok(not_implemented()),
    }
}

fn delta_divmod(vm: &mut Vm, a: Args, reflected: bool) -> PyResult<Value> {
    let name = if reflected {
        "__rdivmod__"
    } else {
        "__divmod__"
    };
    a.expect_method(&format!("timedelta.{name}"), 1, 1)?;
    let me = this_delta(vm, &a.pos[0], name)?;
    let Some(other) = delta_of(&a.pos[1]) else {
        return Ok(not_implemented());
    };
    let (x, y) = if reflected {
        (other.total_us(), me.total_us())
    } else {
        (me.total_us(), other.total_us())
    };
    if y == 0 {
        return Err(zero_div());
    }
    Ok(Value::tuple(vec![
        int_value(x.div_euclid(y)),
        new_delta(x.rem_euclid(y))?,
    ]))
}

fn delta_compare(_vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    match (delta_of(a), delta_of(b)) {
        (Some(x), Some(y)) => Ok(cmp_value(op, x.total_us().cmp(&y.total_us()))),
        _ => Ok(not_implemented()),
    }
}

fn delta_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let d = this_delta(vm, v, "__repr__")?;
    let mut parts = Vec::new();
    if d.days != 0 {
        parts.push(format!("days={}", d.days));
    }
    if d.secs != 0 {
        parts.push(format!("seconds={}", d.secs));
    }
    if d.us != 0 {
        parts.push(format!("microseconds={}", d.us));
    }
    if parts.is_empty() {
        parts.push("0".into());
    }
    Ok(Value::string(format!(
        "{}({})",
        vm.type_name(v),
        parts.join(", ")
    )))
}

fn delta_str(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let d = this_delta(vm, v, "__str__")?;
    let mut s = String::new();
    if d.days != 0 {
        let plural = if d.days.abs() == 1 { "" } else { "s" };
        s += &format!("{} day{plural}, ", d.days);
    }
    s += &format!(
        "{}:{:02}:{:02}",
        d.secs / 3600,
        d.secs % 3600 / 60,
        d.secs % 60
    );
    if d.us != 0 {
        s += &format!(".{:06}", d.us);
    }
    Ok(Value::string(s))
}

fn delta_total_seconds(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("timedelta.total_seconds", 0, 0)?;
    let d = this_delta(vm, &a.pos[0], "total_seconds")?;
    let us = d.total_us();
    // An int true division: correctly rounded, as CPython's, past 2**53 too.
    vm.binary_op(BinaryOp::TrueDiv, &int_value(us), &Value::Int(1_000_000))
}

fn delta_reduce(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("timedelta.__reduce__", 0, 0)?;
    let d = this_delta(vm, &a.pos[0], "__reduce__")?;
    Ok(Value::tuple(vec![
        Value::Class(vm.type_of(&a.pos[0])),
        Value::tuple(vec![
            Value::Int(d.days as i64),
            Value::Int(d.secs as i64),
            Value::Int(d.us as i64),
        ]),
    ]))
}

// ---- date ----

/// A calendar date. `of_datetime` marks the date part of a datetime.py `datetime`
/// (CPython's `PyDateTime_Check`): date arithmetic declines those operands.
#[derive(Debug, Clone, Copy)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub of_datetime: bool,
}

impl Date {
    fn ord(&self) -> i64 {
        ymd_to_ord(self.year as i64, self.month as i64, self.day as i64)
    }
    fn key(&self) -> (u16, u8, u8) {
        (self.year, self.month, self.day)
    }
    fn new(y: i64, m: i64, d: i64) -> Date {
        Date {
            year: y as u16,
            month: m as u8,
            day: d as u8,
            of_datetime: false,
        }
    }
}

impl NativeObject for Date {
    fn class(&self) -> Ref<Class> {
        date_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

pub fn date_of(v: &Value) -> Option<&Date> {
    downcast::<Date>(v.payload())
}

/// A date operand of the arithmetic: a date that is not a datetime.
fn plain_date(v: &Value) -> Option<&Date> {
    date_of(v).filter(|d| !d.of_datetime)
}

fn this_date<'a>(vm: &Vm, v: &'a Value, meth: &str) -> PyResult<&'a Date> {
    date_of(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{meth}' for 'datetime.date' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

fn self_date<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a Date> {
    match a.pos.first() {
        Some(v) => this_date(vm, v, meth),
        None => Err(PyErr::type_error(format!(
            "descriptor '{meth}' of 'datetime.date' object needs an argument"
        ))),
    }
}

pub fn date_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("toordinal", date_toordinal),
        ("weekday", date_weekday),
        ("isoweekday", date_isoweekday),
        ("isocalendar", date_isocalendar),
        ("isoformat", date_isoformat),
        ("ctime", date_ctime),
        ("timetuple", date_timetuple),
        ("strftime", date_strftime),
        ("__format__", date_format),
        ("replace", date_replace),
        ("__reduce__", date_reduce),
    ];
    let classmethods: &[(&'static str, NativeFn)] = &[
        ("today", date_today),
        ("fromtimestamp", date_fromtimestamp),
        ("fromordinal", date_fromordinal),
        ("fromisoformat", date_fromisoformat),
        ("fromisocalendar", date_fromisocalendar),
    ];
    let c = native_class(&C, "datetime", "date", methods, classmethods);
    c.set_flags(flags::BASETYPE | flags::NATIVE_SLOTS);
    crate::vm::descr::add_getsets(
        &c,
        "datetime.date",
        &[
            (
                "year",
                |vm, o| Ok(Value::Int(this_date(vm, o, "year")?.year as i64)),
                None,
            ),
            (
                "month",
                |vm, o| Ok(Value::Int(this_date(vm, o, "month")?.month as i64)),
                None,
            ),
            (
                "day",
                |vm, o| Ok(Value::Int(this_date(vm, o, "day")?.day as i64)),
                None,
            ),
        ],
    );
    let s = &c.slots;
    s.getattr.set(Some(crate::vm::descr::generic_getattr));
    s.new.set(Some(date_new));
    s.binop[BinaryOp::Add as usize].set(Some(date_binop));
    s.binop[BinaryOp::Sub as usize].set(Some(date_binop));
    s.compare.set(Some(date_compare));
    s.hash.set(Some(|vm, v| {
        let d = this_date(vm, v, "__hash__")?;
        Ok(hash_tuple(&[d.year as i64, d.month as i64, d.day as i64]))
    }));
    s.repr.set(Some(date_repr));
    s.str.set(Some(date_str));
    crate::vm::descr::add_operators(&c);
    let set = |name: &str, v: Value| {
        v.make_immortal();
        Class::set_attr(&c, intern(name), v);
    };
    set("min", native(Date::new(1, 1, 1)));
    set("max", native(Date::new(9999, 12, 31)));
    set(
        "resolution",
        delta_value(Delta {
            days: 1,
            secs: 0,
            us: 0,
        }),
    );
    set_doc(&c, "date(year, month, day) --> date object");
    c
}

/// A date of class `cls` (CPython's `new_date_subclass_ex`): the native object for
/// `date` itself, else whatever calling the subclass with the fields makes.
fn date_for(vm: &mut Vm, cls: &Ref<Class>, y: i64, m: i64, d: i64) -> PyResult<Value> {
    if is_exact(cls, &date_class()) {
        check_date(y, m, d)?;
        return Ok(native(Date::new(y, m, d)));
    }
    vm.call(
        &Value::Class(cls.clone()),
        &[Value::Int(y), Value::Int(m), Value::Int(d)],
        &[],
    )
}

fn wrap_date(cls: &Ref<Class>, d: Date) -> Value {
    let v = native(d);
    if is_exact(cls, &date_class()) {
        v
    } else {
        crate::vm::natives::wrap_for(cls, v)
    }
}

fn date_new(vm: &mut Vm, cls: &Ref<Class>, args: &[Value], kw: Kw) -> PyResult<Value> {
    // The pickle form: one bytes object of the state (year high, year low, month, day).
    if let ([Value::Bytes(b)], true) = (args, kw.is_empty()) {
        let data = b.data.lock().clone();
        if data.len() == 4 && (1..=12).contains(&data[2]) {
            let y = data[0] as i64 * 256 + data[1] as i64;
            check_date(y, data[2] as i64, data[3] as i64)?;
            return Ok(wrap_date(cls, Date::new(y, data[2] as i64, data[3] as i64)));
        }
    }
    let (y, m, d) = ymd_args(vm, args, kw, "function")?;
    check_date(y, m, d)?;
    Ok(wrap_date(cls, Date::new(y, m, d)))
}

/// `(year, month, day)` by position or keyword, CPython's messages for `fname`.
fn ymd_args(vm: &mut Vm, args: &[Value], kw: Kw, fname: &str) -> PyResult<(i64, i64, i64)> {
    const NAMES: [&str; 3] = ["year", "month", "day"];
    if args.len() + kw.len() > 3 {
        return Err(PyErr::type_error(format!(
            "{fname} takes at most 3 arguments ({} given)",
            args.len() + kw.len()
        )));
    }
    let mut slots: [Option<&Value>; 3] = [None, None, None];
    for (i, v) in args.iter().enumerate() {
        slots[i] = Some(v);
    }
    for (k, v) in kw {
        match NAMES.iter().position(|n| *n == k.as_str()) {
            Some(i) if slots[i].is_none() => slots[i] = Some(v),
            Some(i) => {
                return Err(PyErr::type_error(format!(
                    "argument for {fname} given by name ('{}') and position ({})",
                    k.as_str(),
                    i + 1
                )))
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "'{}' is an invalid keyword argument for {fname}",
                    k.as_str()
                )))
            }
        }
    }
    let mut out = [0i64; 3];
    for i in 0..3 {
        let Some(v) = slots[i] else {
            return Err(PyErr::type_error(format!(
                "{fname} missing required argument '{}' (pos {})",
                NAMES[i],
                i + 1
            )));
        };
        out[i] = c_int(vm, v)?;
    }
    Ok((out[0], out[1], out[2]))
}

fn date_binop(vm: &mut Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let shift = |vm: &mut Vm, base: &Value, d: &Date, days: i64| -> PyResult<Value> {
        let o = d.ord() + days;
        if !(1..=MAX_ORDINAL).contains(&o) {
            return Err(PyErr::overflow_error("date value out of range"));
        }
        let (y, m, dd) = ord_to_ymd(o);
        let cls = vm.type_of(base);
        date_for(vm, &cls, y, m, dd)
    };
    match op.base() {
        BinaryOp::Add => {
            if let (Some(d), Some(t)) = (plain_date(a), delta_of(b)) {
                return shift(vm, a, d, t.days as i64);
            }
            if let (Some(t), Some(d)) = (delta_of(a), plain_date(b)) {
                return shift(vm, b, d, t.days as i64);
            }
            Ok(not_implemented())
        }
        BinaryOp::Sub => {
            let Some(d) = plain_date(a) else {
                return Ok(not_implemented());
            };
            if let Some(t) = delta_of(b) {
                return shift(vm, a, d, -(t.days as i64));
            }
            if let Some(e) = plain_date(b) {
                return new_delta((d.ord() - e.ord()) as i128 * US_PER_DAY);
            }
            Ok(not_implemented())
        }
        _ => Ok(not_implemented()),
    }
}

fn date_compare(_vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    match (date_of(a), date_of(b)) {
        (Some(x), Some(y)) => Ok(cmp_value(op, x.key().cmp(&y.key()))),
        _ => Ok(not_implemented()),
    }
}

fn date_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let d = this_date(vm, v, "__repr__")?;
    Ok(Value::string(format!(
        "{}({}, {}, {})",
        vm.type_name(v),
        d.year,
        d.month,
        d.day
    )))
}

fn iso(d: &Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
}

/// `str(d)` is `d.isoformat()`, looked up, as CPython's (a subclass may override it).
fn date_str(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let d = this_date(vm, v, "__str__")?;
    if matches!(v, Value::Native(_)) {
        return Ok(Value::string(iso(d)));
    }
    let f = vm.getattr_str(v, "isoformat")?;
    vm.call(&f, &[], &[])
}

fn date_isoformat(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("date.isoformat", 0, 0)?;
    let d = self_date(vm, &a, "isoformat")?;
    Ok(Value::string(iso(d)))
}

fn date_toordinal(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("date.toordinal", 0, 0)?;
    Ok(Value::Int(self_date(vm, &a, "toordinal")?.ord()))
}

fn date_weekday(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("date.weekday", 0, 0)?;
    Ok(Value::Int((self_date(vm, &a, "weekday")?.ord() + 6) % 7))
}

fn date_isoweekday(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("date.isoweekday", 0, 0)?;
    Ok(Value::Int(
        (self_date(vm, &a, "isoweekday")?.ord() + 6) % 7 + 1,
    ))
}

fn date_isocalendar(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("date.isocalendar", 0, 0)?;
    let d = self_date(vm, &a, "isocalendar")?;
    let mut year = d.year as i64;
    let today = d.ord();
    let mut monday = iso_week1_monday(year);
    let mut week = (today - monday).div_euclid(7);
    let mut day = (today - monday).rem_euclid(7);
    if week < 0 {
        year -= 1;
        monday = iso_week1_monday(year);
        week = (today - monday).div_euclid(7);
        day = (today - monday).rem_euclid(7);
    } else if week >= 52 && today >= iso_week1_monday(year + 1) {
        year += 1;
        week = 0;
    }
    // The named tuple class is datetime.py's.
    let m = vm.import("datetime")?;
    let cls = vm.getattr_str(&m, "IsoCalendarDate")?;
    vm.call(
        &cls,
        &[Value::Int(year), Value::Int(week + 1), Value::Int(day + 1)],
        &[],
    )
}

fn date_ctime(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("date.ctime", 0, 0)?;
    let d = self_date(vm, &a, "ctime")?;
    Ok(Value::string(format!(
        "{} {} {:2} 00:00:00 {:04}",
        DAY_NAMES[((d.ord() + 6) % 7) as usize],
        MONTH_NAMES[d.month as usize],
        d.day,
        d.year
    )))
}

fn date_tm(d: &Date) -> super::time::Tm {
    let (y, m) = (d.year as i64, d.month as i64);
    super::time::Tm {
        year: y,
        mon: m,
        mday: d.day as i64,
        hour: 0,
        min: 0,
        sec: 0,
        wday: (d.ord() + 6) % 7,
        yday: days_before_month(y, m) + d.day as i64,
        isdst: -1,
        zone: None,
        gmtoff: None,
    }
}

fn date_timetuple(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("date.timetuple", 0, 0)?;
    let d = self_date(vm, &a, "timetuple")?;
    let tm = date_tm(d);
    let t = super::time::struct_time(vm, tm)?;
    // struct_time carries the zone fields as attributes; date's has none, as CPython's.
    Ok(t)
}

fn date_strftime(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let got = bind(&a, "strftime", &["self", "format"], 1, 2)?;
    let me = got[0].unwrap();
    self_date(vm, &a, "strftime")?;
    let fmt = match got[1].unwrap() {
        Value::Str(s) => s.clone(),
        v => {
            return Err(PyErr::type_error(format!(
                "strftime() argument 1 must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    // The tuple comes from `timetuple()`, looked up (a subclass may override it).
    let mut tm = match me {
        Value::Native(_) => date_tm(date_of(me).unwrap()),
        _ => {
            let f = vm.getattr_str(me, "timetuple")?;
            let t = vm.call(&f, &[], &[])?;
            super::time::tm_arg(vm, "strftime", &t)?
        }
    };
    let fmt = wrap_strftime(fmt.as_str());
    super::time::check_tm(&mut tm, true)?;
    Ok(Value::string(super::time::format_tm(&fmt, &tm)))
}

/// The format with a date's `%f` (zero microseconds), `%z` and `%Z` (empty: a date
/// has no time zone) substituted before the C library's strftime sees it.
fn wrap_strftime(fmt: &str) -> String {
    if !fmt.contains('%') {
        return fmt.to_string();
    }
    let mut out = String::with_capacity(fmt.len());
    let mut it = fmt.chars();
    while let Some(c) = it.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match it.next() {
            None => {
                out.push('%');
                break;
            }
            Some('f') => out.push_str("000000"),
            Some('z') | Some('Z') => {}
            Some(c) => {
                out.push('%');
                out.push(c);
            }
        }
    }
    out
}

fn date_format(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("date.__format__", 1, 1)?;
    let me = &a.pos[0];
    self_date(vm, &a, "__format__")?;
    match &a.pos[1] {
        Value::Str(s) if s.as_str().is_empty() => Ok(Value::string(vm.str(me)?)),
        Value::Str(_) => {
            let f = vm.getattr_str(me, "strftime")?;
            vm.call(&f, &[a.pos[1].clone()], &[])
        }
        v => Err(PyErr::type_error(format!(
            "__format__() argument 1 must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn date_replace(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = *self_date(vm, &a, "replace")?;
    let got = bind(
        &Args {
            pos: &a.pos[1..],
            kw: a.kw,
        },
        "replace",
        &["year", "month", "day"],
        0,
        0,
    )?;
    let y = match got[0] {
        Some(v) => c_int(vm, v)?,
        None => d.year as i64,
    };
    let m = match got[1] {
        Some(v) => c_int(vm, v)?,
        None => d.month as i64,
    };
    let dd = match got[2] {
        Some(v) => c_int(vm, v)?,
        None => d.day as i64,
    };
    check_date(y, m, dd)?;
    let cls = vm.type_of(&a.pos[0]);
    Ok(wrap_date(&cls, Date::new(y, m, dd)))
}

fn date_reduce(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("date.__reduce__", 0, 0)?;
    let d = self_date(vm, &a, "__reduce__")?;
    let state = vec![(d.year >> 8) as u8, (d.year & 0xff) as u8, d.month, d.day];
    Ok(Value::tuple(vec![
        Value::Class(vm.type_of(&a.pos[0])),
        Value::tuple(vec![Value::Bytes(Ref::new(BytesObj::new(state, false)))]),
    ]))
}

fn date_fromordinal(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("fromordinal")?;
    a.expect_method("fromordinal", 1, 1)?;
    let cls = class_arg(&a);
    let n = c_int(vm, &a.pos[1])?;
    if n < 1 {
        return Err(PyErr::value_error("ordinal must be >= 1"));
    }
    let (y, m, d) = ord_to_ymd(n);
    date_for(vm, &cls, y, m, d)
}

fn date_fromtimestamp(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("fromtimestamp")?;
    a.expect_method("fromtimestamp", 1, 1)?;
    let cls = class_arg(&a);
    let t = super::time::secs_arg(vm, Some(&a.pos[1]))?;
    let tm = super::time::local_tm(t)?;
    date_for(vm, &cls, tm.year, tm.mon, tm.mday)
}

/// `cls.fromtimestamp(time.time())`, as CPython's (looked up: datetime's gives the time too).
fn date_today(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("today")?;
    a.expect_method("today", 0, 0)?;
    let cls = Value::Class(class_arg(&a));
    let m = vm.import("time")?;
    let now = vm.getattr_str(&m, "time")?;
    let now = vm.call(&now, &[], &[])?;
    let f = vm.getattr_str(&cls, "fromtimestamp")?;
    vm.call(&f, &[now], &[])
}

fn date_fromisoformat(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("fromisoformat")?;
    a.expect_method("fromisoformat", 1, 1)?;
    let cls = class_arg(&a);
    let Value::Str(s) = a.pos[1].payload() else {
        return Err(PyErr::type_error("fromisoformat: argument must be str"));
    };
    let b = s.as_str().as_bytes();
    let parsed = if matches!(b.len(), 7 | 8 | 10) {
        parse_iso_date(b)
    } else {
        None
    };
    let Some((y, m, d)) = parsed else {
        return Err(PyErr::value_error(format!(
            "Invalid isoformat string: {}",
            vm.repr(&a.pos[1])?
        )));
    };
    date_for(vm, &cls, y, m, d)
}

/// CPython's `parse_isoformat_date`: YYYY-MM-DD, YYYYMMDD, YYYY-Www[-D], YYYYWww[D]
/// (the length was checked by the caller; what is left after the fields is ignored).
fn parse_iso_date(b: &[u8]) -> Option<(i64, i64, i64)> {
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let digits = |p: usize, n: usize| -> Option<i64> {
        let mut v = 0;
        for i in p..p + n {
            let c = at(i);
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + (c - b'0') as i64;
        }
        Some(v)
    };
    let year = digits(0, 4)?;
    let sep = at(4) == b'-';
    let mut p = 4 + sep as usize;
    if at(p) == b'W' {
        p += 1;
        let week = digits(p, 2)?;
        p += 2;
        let mut day = 1;
        if p < b.len() {
            if sep {
                if at(p) != b'-' {
                    return None;
                }
                p += 1;
            }
            day = digits(p, 1)?;
        }
        return iso_to_ymd(year, week, day).ok();
    }
    let month = digits(p, 2)?;
    p += 2;
    if sep {
        if at(p) != b'-' {
            return None;
        }
        p += 1;
    }
    let day = digits(p, 2)?;
    Some((year, month, day))
}

fn date_fromisocalendar(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cls = class_arg(&a);
    let got = bind(
        &Args {
            pos: &a.pos[1..],
            kw: a.kw,
        },
        "fromisocalendar",
        &["year", "week", "day"],
        0,
        3,
    )?;
    let mut n = [0i64; 3];
    for i in 0..3 {
        n[i] = match c_int(vm, got[i].unwrap()) {
            Err(e) if e.is(&crate::vm::types::types().overflow_error) => {
                return Err(PyErr::value_error("ISO calendar component out of range"))
            }
            r => r?,
        };
    }
    let [year, week, day] = n;
    if !(1..=9999).contains(&year) {
        return Err(PyErr::value_error(format!("Year is out of range: {year}")));
    }
    match iso_to_ymd(year, week, day) {
        Ok((y, m, d)) => date_for(vm, &cls, y, m, d),
        Err(IsoErr::Week) => Err(PyErr::value_error(format!("Invalid week: {week}"))),
        Err(IsoErr::Day) => Err(PyErr::value_error(format!(
            "Invalid day: {day} (range is [1, 7])"
        ))),
    }
}

/// `_date_of_datetime(cls, year, month, day)`: the date part of a new datetime.py
/// `datetime` (an instance of `cls` whose payload is marked as a datetime's).
fn date_of_datetime(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("_date_of_datetime", 4, 4)?;
    let Value::Class(cls) = &a.pos[0] else {
        return Err(PyErr::type_error("_date_of_datetime: a class is needed"));
    };
    if !cls.is_subclass(&date_class()) || is_exact(cls, &date_class()) {
        return Err(PyErr::type_error(format!(
            "{} is not a subtype of datetime.date",
            cls.name()
        )));
    }
    let (y, m, d) = (
        c_int(vm, &a.pos[1])?,
        c_int(vm, &a.pos[2])?,
        c_int(vm, &a.pos[3])?,
    );
    check_date(y, m, d)?;
    let mut date = Date::new(y, m, d);
    date.of_datetime = true;
    Ok(wrap_date(cls, date))
}

/// `_ymd2ord(y, m, d)` and `_ord2ymd(n)` for datetime.py's arithmetic.
fn py_ymd2ord(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("_ymd2ord", 3, 3)?;
    let (y, m, d) = (
        vm.to_index(&a.pos[0])?,
        vm.to_index(&a.pos[1])?,
        vm.to_index(&a.pos[2])?,
    );
    if !(1..=12).contains(&m) {
        return Err(PyErr::value_error("month must be in 1..12"));
    }
    Ok(Value::Int(ymd_to_ord(y, m, d)))
}

fn py_ord2ymd(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("_ord2ymd", 1, 1)?;
    let (y, m, d) = ord_to_ymd(vm.to_index(&a.pos[0])?);
    Ok(Value::tuple(vec![
        Value::Int(y),
        Value::Int(m),
        Value::Int(d),
    ]))
}

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    d.set_str("timedelta", Value::Class(delta_class()));
    d.set_str("date", Value::Class(date_class()));
    super::add_functions(
        d,
        &[
            ("_date_of_datetime", date_of_datetime),
            ("_ymd2ord", py_ymd2ord),
            ("_ord2ymd", py_ord2ymd),
        ],
    );
    Ok(())
}
