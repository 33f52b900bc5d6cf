//! The `math` module with CPython's errors: "math domain error" (ValueError) where the
//! result is undefined, "math range error" (OverflowError) where it overflows, and
//! exact integer functions (floor/ceil of big floats, isqrt, gcd, factorial, comb).

use super::add_functions;
use crate::vm::builtins::functions::int_of;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::format::float_to_bigint;
use crate::vm::object::{Args, DictObj};
use crate::vm::ops::{big, fmt_err};
use crate::vm::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

pub fn fill(d: &DictObj) {
    add_functions(
        d,
        &[
            ("sqrt", sqrt),
            ("exp", exp),
            ("expm1", expm1),
            ("sin", sin),
            ("cos", cos),
            ("tan", tan),
            ("asin", asin),
            ("acos", acos),
            ("atan", atan),
            ("sinh", sinh),
            ("cosh", cosh),
            ("tanh", tanh),
            ("asinh", asinh),
            ("acosh", acosh),
            ("atanh", atanh),
            ("fabs", fabs),
            ("degrees", degrees),
            ("radians", radians),
            ("log", log),
            ("log2", log2),
            ("log10", log10),
            ("log1p", log1p),
            ("atan2", atan2),
            ("pow", pow),
            ("copysign", copysign),
            ("fmod", fmod),
            ("hypot", hypot),
            ("dist", dist),
            ("exp2", exp2),
            ("nextafter", nextafter),
            ("ulp", ulp),
            ("floor", floor),
            ("ceil", ceil),
            ("trunc", trunc),
            ("isfinite", isfinite),
            ("isinf", isinf),
            ("isnan", isnan),
            ("isclose", isclose),
            ("isqrt", isqrt),
            ("gcd", gcd),
            ("lcm", lcm),
            ("factorial", factorial),
            ("comb", comb),
            ("perm", perm),
            ("prod", prod),
            ("fsum", fsum),
            ("modf", modf),
            ("frexp", frexp),
            ("ldexp", ldexp),
            ("erf", special::erf),
            ("erfc", special::erfc),
            ("cbrt", special::cbrt),
            ("gamma", special::gamma),
            ("lgamma", special::lgamma),
            ("remainder", special::remainder),
        ],
    );
    d.set_str("pi", Value::Float(std::f64::consts::PI));
    d.set_str("e", Value::Float(std::f64::consts::E));
    d.set_str("tau", Value::Float(std::f64::consts::TAU));
    d.set_str("inf", Value::Float(f64::INFINITY));
    d.set_str("nan", Value::Float(f64::NAN));
}

fn domain() -> PyErr {
    PyErr::value_error("math domain error")
}

fn range() -> PyErr {
    PyErr::overflow_error("math range error")
}

/// A real-number argument as f64 (`must be real number, not str`).
pub fn real(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => crate::vm::ops::bigint_to_f64(b),
        _ if {
            let s = &crate::vm::dispatch::type_ref(v).slots;
            s.float.get().is_some() || s.index.get().is_some()
        } =>
        {
            crate::vm::builtins::num_methods::to_float(vm, v)
        }
        _ => Err(PyErr::type_error(format!(
            "must be real number, not {}",
            vm.type_name(v)
        ))),
    }
}

/// Keywords are refused in CPython's words: `math.sqrt() takes no keyword arguments`.
fn no_kw(a: &Args, name: &str) -> PyResult<()> {
    if a.kw.is_empty() {
        return Ok(());
    }
    a.no_kw(&format!("math.{name}"))
}

fn one_arg<'a>(a: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    no_kw(a, name)?;
    if a.pos.len() != 1 {
        // Only build the qualified name when there is an error to report.
        a.expect(&format!("math.{name}"), 1, 1)?;
    }
    Ok(&a.pos[0])
}

fn two_args<'a>(a: &Args<'a>, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    no_kw(a, name)?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "{name} expected 2 arguments, got {}",
            a.pos.len()
        )));
    }
    Ok((&a.pos[0], &a.pos[1]))
}

/// Applies `f` with C libm's error conventions: NaN out of non-NaN in is a domain
/// error, infinity out of finite in is a range error.
fn unary(vm: &mut Vm, a: Args, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let x = real(vm, one_arg(&a, name)?)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(range());
    }
    Ok(Value::Float(r))
}

macro_rules! unary_fns {
    ($($name:ident => $f:expr),* $(,)?) => {
        $(
            fn $name(vm: &mut Vm, a: Args) -> PyResult<Value> {
                unary(vm, a, stringify!($name), $f)
            }
        )*
    };
}

unary_fns!(
    exp => f64::exp,
    expm1 => f64::exp_m1,
    sin => f64::sin,
    cos => f64::cos,
    tan => f64::tan,
    asin => f64::asin,
    acos => f64::acos,
    atan => f64::atan,
    sinh => f64::sinh,
    cosh => f64::cosh,
    tanh => f64::tanh,
    asinh => f64::asinh,
    acosh => f64::acosh,
    fabs => f64::abs,
    degrees => f64::to_degrees,
    radians => f64::to_radians,
    exp2 => f64::exp2,
);

/// `nextafter(x, y)`: the next float after `x` towards `y` (3.11 has no `steps`).
fn nextafter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (x, y) = two_args(&a, "nextafter")?;
    let (x, y) = (real(vm, x)?, real(vm, y)?);
    Ok(Value::Float(if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == y {
        y
    } else if x < y {
        x.next_up()
    } else {
        x.next_down()
    }))
}

/// `ulp(x)`: the gap between `|x|` and the next float away from zero (for the
/// largest finite float, the gap below it).
fn ulp(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let x = real(vm, one_arg(&a, "ulp")?)?.abs();
    if !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let up = x.next_up();
    Ok(Value::Float(if up.is_infinite() {
        x - x.next_down()
    } else {
        up - x
    }))
}

fn sqrt(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let x = real(vm, one_arg(&a, "sqrt")?)?;
    if x < 0.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.sqrt()))
}

fn atanh(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let x = real(vm, one_arg(&a, "atanh")?)?;
    if x.abs() >= 1.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.atanh()))
}

fn log1p(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let x = real(vm, one_arg(&a, "log1p")?)?;
    if x <= -1.0 {
        return Err(domain());
    }
    Ok(Value::Float(x.ln_1p()))
}

/// Natural log of any positive number, including ints too large for a float.
fn ln(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    if let Value::BigInt(b) = v {
        if !b.is_positive() {
            return Err(domain());
        }
        let bits = b.bits();
        if bits > 1000 {
            let shift = bits - 64;
            let top = (&**b >> shift).to_f64().unwrap_or(f64::MAX);
            return Ok(top.ln() + shift as f64 * std::f64::consts::LN_2);
        }
    }
    let x = real(vm, v)?;
    if x.is_nan() {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain());
    }
    Ok(x.ln())
}

fn log(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("log")?;
    match a.pos {
        [x] => Ok(Value::Float(ln(vm, x)?)),
        [x, base] => {
            let num = ln(vm, x)?;
            let den = ln(vm, base)?;
            if den == 0.0 {
                return Err(PyErr::zero_division("float division by zero"));
            }
            Ok(Value::Float(num / den))
        }
        _ => Err(PyErr::type_error(format!(
            "log expected {}, got {}",
            if a.pos.is_empty() {
                "at least 1 argument"
            } else {
                "at most 2 arguments"
            },
            a.pos.len()
        ))),
    }
}

fn log2(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let x = one_arg(&a, "log2")?;
    if let Some(b) = big(x) {
        // Exact for powers of two, which `ln / LN_2` is not.
        if b.is_positive() && (&b & (&b - 1u32)).is_zero() {
            return Ok(Value::Float((b.bits() - 1) as f64));
        }
    }
    let l = ln(vm, x)?;
    Ok(Value::Float(match x {
        Value::Float(f) => f.log2(),
        _ if l.is_finite() && big(x).is_some_and(|b| b.bits() < 1000) => real(vm, x)?.log2(),
        _ => l / std::f64::consts::LN_2,
    }))
}

fn log10(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let x = one_arg(&a, "log10")?;
    let l = ln(vm, x)?;
    Ok(Value::Float(match x {
        Value::Float(f) => f.log10(),
        _ if big(x).is_some_and(|b| b.bits() < 1000) => real(vm, x)?.log10(),
        _ => l / std::f64::consts::LN_10,
    }))
}

fn atan2(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (y, x) = two_args(&a, "atan2")?;
    let (y, x) = (real(vm, y)?, real(vm, x)?);
    Ok(Value::Float(y.atan2(x)))
}

fn pow(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (x, y) = two_args(&a, "pow")?;
    let (x, y) = (real(vm, x)?, real(vm, y)?);
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(domain());
    }
    let r = x.powf(y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain());
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range());
    }
    Ok(Value::Float(r))
}

fn copysign(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (x, y) = two_args(&a, "copysign")?;
    let (x, y) = (real(vm, x)?, real(vm, y)?);
    Ok(Value::Float(x.copysign(y)))
}

fn fmod(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (x, y) = two_args(&a, "fmod")?;
    let (x, y) = (real(vm, x)?, real(vm, y)?);
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    if y == 0.0 || x.is_infinite() {
        if x.is_nan() || y.is_nan() {
            return Ok(Value::Float(f64::NAN));
        }
        return Err(domain());
    }
    Ok(Value::Float(x % y))
}

fn hypot(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_kw(&a, "hypot")?;
    let xs = a
        .pos
        .iter()
        .map(|v| real(vm, v))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(Value::Float(euclid(&xs)))
}

/// The length of the vector `xs`: infinite if any part is, even beside a NaN.
fn euclid(xs: &[f64]) -> f64 {
    if xs.iter().any(|x| x.is_infinite()) {
        return f64::INFINITY;
    }
    xs.iter().fold(0.0f64, |acc, &x| acc.hypot(x))
}

/// `dist(p, q)`: the Euclidean distance of two points, each any iterable of reals
/// (CPython turns a non-tuple into a tuple first).
fn dist(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (p, q) = two_args(&a, "dist")?;
    let (p, q) = (vm.collect(p)?, vm.collect(q)?);
    if p.len() != q.len() {
        return Err(PyErr::value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let mut ds = Vec::with_capacity(p.len());
    for (x, y) in p.iter().zip(&q) {
        ds.push(real(vm, x)? - real(vm, y)?);
    }
    Ok(Value::Float(euclid(&ds)))
}

/// floor/ceil/trunc: ints unchanged, floats to exact ints, others via their dunder.
fn rounding(vm: &mut Vm, a: Args, name: &str, dunder: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let x = one_arg(&a, name)?;
    match x {
        Value::Int(_) | Value::BigInt(_) => return Ok(x.clone()),
        Value::Bool(b) => return Ok(Value::Int(*b as i64)),
        _ if crate::vm::dispatch::type_ref(x).is_heap() => {
            if let Some(r) = crate::vm::slots::call_dunder(vm, x, dunder, &[])? {
                return Ok(r);
            }
            if name == "trunc" {
                return Err(PyErr::type_error(format!(
                    "type {} doesn't define __trunc__ method",
                    vm.type_name(x)
                )));
            }
        }
        _ => {}
    }
    let v = real(vm, x)?;
    float_to_bigint(f(v))
        .map(Value::from_bigint)
        .map_err(|e| fmt_err(e.into()))
}

fn floor(vm: &mut Vm, a: Args) -> PyResult<Value> {
    rounding(vm, a, "floor", "__floor__", f64::floor)
}

fn ceil(vm: &mut Vm, a: Args) -> PyResult<Value> {
    rounding(vm, a, "ceil", "__ceil__", f64::ceil)
}

fn trunc(vm: &mut Vm, a: Args) -> PyResult<Value> {
    rounding(vm, a, "trunc", "__trunc__", f64::trunc)
}

fn isfinite(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let x = real(vm, one_arg(&a, "isfinite")?)?;
    Ok(Value::Bool(x.is_finite()))
}

fn isinf(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let x = real(vm, one_arg(&a, "isinf")?)?;
    Ok(Value::Bool(x.is_infinite()))
}

fn isnan(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let x = real(vm, one_arg(&a, "isnan")?)?;
    Ok(Value::Bool(x.is_nan()))
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`'s checks, shared with
/// `cmath.isclose`: the two positional arguments and the tolerances.
pub fn isclose_args<'a>(vm: &mut Vm, a: &Args<'a>) -> PyResult<(&'a Value, &'a Value, f64, f64)> {
    a.only_kw("isclose", &["rel_tol", "abs_tol"])?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            a.pos.len()
        )));
    }
    let rel = match a.kw("rel_tol") {
        Some(v) => real(vm, v)?,
        None => 1e-9,
    };
    let abs = match a.kw("abs_tol") {
        Some(v) => real(vm, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(PyErr::value_error("tolerances must be non-negative"));
    }
    Ok((&a.pos[0], &a.pos[1], rel, abs))
}

fn isclose(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (x, y, rel, abs) = isclose_args(vm, &a)?;
    let (x, y) = (real(vm, x)?, real(vm, y)?);
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (y - x).abs();
    Ok(Value::Bool(
        diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs,
    ))
}

/// An exact integer argument: floats are rejected as in CPython 3.10+.
fn integer(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    int_of(vm, v)
}

fn isqrt(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let n = integer(vm, one_arg(&a, "isqrt")?)?;
    if n.is_negative() {
        return Err(PyErr::value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

fn gcd(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_kw(&a, "gcd")?;
    let mut acc = BigInt::zero();
    for v in a.pos {
        let n = integer(vm, v)?;
        acc = acc.gcd(&n);
    }
    Ok(Value::from_bigint(acc))
}

fn lcm(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_kw(&a, "lcm")?;
    let mut acc = BigInt::one();
    for v in a.pos {
        let n = integer(vm, v)?;
        acc = if acc.is_zero() || n.is_zero() {
            BigInt::zero()
        } else {
            acc.lcm(&n)
        };
    }
    Ok(Value::from_bigint(acc.abs()))
}

fn factorial(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = one_arg(&a, "factorial")?;
    if matches!(v, Value::Float(_)) {
        return Err(PyErr::type_error(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let n = integer(vm, v)?;
    if n.is_negative() {
        return Err(PyErr::value_error(
            "factorial() not defined for negative values",
        ));
    }
    let Some(n) = n.to_u64() else {
        return Err(PyErr::overflow_error(
            "factorial() argument should not exceed 9223372036854775807",
        ));
    };
    Ok(Value::from_bigint(product_range(1, n)))
}

/// lo * (lo+1) * ... * hi by splitting in halves, so the multiplications stay balanced.
fn product_range(lo: u64, hi: u64) -> BigInt {
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 16 {
        let mut acc = BigInt::one();
        for k in lo..=hi {
            acc *= k;
        }
        return acc;
    }
    let mid = lo + (hi - lo) / 2;
    product_range(lo, mid) * product_range(mid + 1, hi)
}

fn nonneg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<BigInt> {
    let n = integer(vm, v)?;
    if n.is_negative() {
        return Err(PyErr::value_error(format!(
            "{what} must be a non-negative integer"
        )));
    }
    Ok(n)
}

fn comb(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (n, k) = two_args(&a, "comb")?;
    let n = nonneg(vm, n, "n")?;
    let k = nonneg(vm, k, "k")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let Some(k) = k.to_u64() else {
        return Err(PyErr::overflow_error(
            "min(n - k, k) must not exceed 9223372036854775807",
        ));
    };
    let mut acc = BigInt::one();
    for i in 0..k {
        acc = acc * (&n - i) / (i + 1);
    }
    Ok(Value::from_bigint(acc))
}

fn perm(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_kw(&a, "perm")?;
    let (n, k) = match a.pos {
        [n] => (n, None),
        [n, k] => (n, Some(k).filter(|k| !matches!(k, Value::None))),
        _ => {
            return Err(PyErr::type_error(format!(
                "perm expected at most 2 arguments, got {}",
                a.pos.len()
            )))
        }
    };
    let n = nonneg(vm, n, "n")?;
    let k = match k {
        Some(k) => nonneg(vm, k, "k")?,
        None => n.clone(),
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    let Some(k) = k.to_u64() else {
        return Err(PyErr::overflow_error(
            "k must not exceed 9223372036854775807",
        ));
    };
    let mut acc = BigInt::one();
    for i in 0..k {
        acc *= &n - i;
    }
    Ok(Value::from_bigint(acc))
}

fn prod(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("prod", &["start"])?;
    a.expect("prod", 1, 1)?;
    let mut acc = a.kw("start").cloned().unwrap_or(Value::Int(1));
    let it = vm.iter(&a.pos[0])?;
    while let Some(x) = vm.next(&it)? {
        acc = vm.binary_op(crate::bytecode::BinaryOp::Mul, &acc, &x)?;
    }
    Ok(acc)
}

/// Exactly rounded sum (Shewchuk's algorithm, as CPython's fsum).
fn fsum(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_kw(&a, "fsum")?;
    a.expect("fsum", 1, 1)?;
    let it = vm.iter(&a.pos[0])?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut has_special = false;
    while let Some(v) = vm.next(&it)? {
        let mut x = real(vm, &v)?;
        if !x.is_finite() {
            has_special = true;
            special += x;
            continue;
        }
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        if !x.is_finite() {
            return Err(PyErr::overflow_error("intermediate overflow in fsum"));
        }
        partials.truncate(i);
        partials.push(x);
    }
    if has_special {
        if special.is_nan() {
            return Err(PyErr::value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special));
    }
    let mut hi = 0.0;
    while let Some(x) = partials.pop() {
        let prev = hi;
        hi = prev + x;
        let lo = x - (hi - prev);
        if lo != 0.0 {
            // Round half-even correctly when the remaining partials tip the balance.
            if let Some(&next) = partials.last() {
                if (lo < 0.0 && next < 0.0) || (lo > 0.0 && next > 0.0) {
                    let y = lo * 2.0;
                    let x2 = hi + y;
                    if y == x2 - hi {
                        hi = x2;
                    }
                }
            }
            break;
        }
    }
    Ok(Value::Float(hi))
}

fn modf(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let x = real(vm, one_arg(&a, "modf")?)?;
    if x.is_infinite() {
        return Ok(Value::tuple(vec![
            Value::Float(0.0f64.copysign(x)),
            Value::Float(x),
        ]));
    }
    let t = x.trunc();
    Ok(Value::tuple(vec![
        Value::Float((x - t).copysign(x)),
        Value::Float(t),
    ]))
}

fn frexp(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let x = real(vm, one_arg(&a, "frexp")?)?;
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::tuple(vec![Value::Float(x), Value::Int(0)]));
    }
    let bits = x.abs().to_bits();
    let mut e = ((bits >> 52) & 0x7ff) as i64;
    let mut m = x;
    if e == 0 {
        // Subnormal: scale into the normal range first.
        m *= 2f64.powi(64);
        e = (((m.abs().to_bits()) >> 52) & 0x7ff) as i64 - 64;
    }
    let exp = e - 1022;
    let mant = f64::from_bits((m.to_bits() & !(0x7ffu64 << 52)) | (1022u64 << 52));
    Ok(Value::tuple(vec![Value::Float(mant), Value::Int(exp)]))
}

fn ldexp(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (x, i) = two_args(&a, "ldexp")?;
    let x = real(vm, x)?;
    if matches!(i, Value::Float(_)) {
        return Err(PyErr::type_error(
            "Expected an int as second argument to ldexp.",
        ));
    }
    let e = integer(vm, i)?;
    let e = e
        .to_i64()
        .unwrap_or(if e.is_negative() { i64::MIN } else { i64::MAX });
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let e = e.clamp(-2200, 2200) as i32;
    // Two steps so that huge and tiny scales don't overflow the power itself.
    let r = x * 2f64.powi(e / 2) * 2f64.powi(e - e / 2);
    if r.is_infinite() {
        return Err(range());
    }
    Ok(Value::Float(r))
}

/// math's special functions. `erf`, `erfc` and `cbrt` come from the C library, as
/// CPython's do, so their last digits agree with CPython on the same machine (and
/// `remainder`, which is exact either way); `gamma` and `lgamma` follow CPython
/// 3.11's own Lanczos method (it does not use libm's tgamma/lgamma), step for step,
/// so that they round the same way too.
mod special {
    use super::{domain, one_arg, range, real, two_args};
    use crate::vm::errors::PyResult;
    use crate::vm::object::Args;
    use crate::vm::value::Value;
    use crate::vm::Vm;
    use std::f64::consts::PI;

    // glibc's own functions, named by symbol version: std's compiler_builtins links a
    // local `cbrt` of its own (Rust's `f64::cbrt` is that one, not glibc's: `cbrt(27.0)`
    // is 3.0 there, 3.0000000000000004 in glibc and so in CPython), which a plain `cbrt`
    // reference would bind to.
    #[cfg(all(target_env = "gnu", target_arch = "x86_64"))]
    macro_rules! libm_symbol {
        ($name:literal) => {
            concat!($name, "@GLIBC_2.2.5")
        };
    }
    #[cfg(all(target_env = "gnu", target_arch = "aarch64"))]
    macro_rules! libm_symbol {
        ($name:literal) => {
            concat!($name, "@GLIBC_2.17")
        };
    }
    #[cfg(not(all(
        target_env = "gnu",
        any(target_arch = "x86_64", target_arch = "aarch64")
    )))]
    macro_rules! libm_symbol {
        ($name:literal) => {
            $name
        };
    }

    extern "C" {
        #[link_name = libm_symbol!("erf")]
        fn libm_erf(x: f64) -> f64;
        #[link_name = libm_symbol!("erfc")]
        fn libm_erfc(x: f64) -> f64;
        #[link_name = libm_symbol!("cbrt")]
        fn libm_cbrt(x: f64) -> f64;
        #[link_name = libm_symbol!("remainder")]
        fn libm_remainder(x: f64, y: f64) -> f64;
    }

    /// erf, erfc and cbrt are defined (and finite) for every finite argument, so
    /// CPython raises nothing for them past the argument's conversion.
    fn libm1(
        vm: &mut Vm,
        a: Args,
        name: &str,
        f: unsafe extern "C" fn(f64) -> f64,
    ) -> PyResult<Value> {
        let x = real(vm, one_arg(&a, name)?)?;
        // SAFETY: these libm functions take any double, NaN and infinities included, and
        // touch nothing but errno.
        Ok(Value::Float(unsafe { f(x) }))
    }

    pub fn erf(vm: &mut Vm, a: Args) -> PyResult<Value> {
        libm1(vm, a, "erf", libm_erf)
    }

    pub fn erfc(vm: &mut Vm, a: Args) -> PyResult<Value> {
        libm1(vm, a, "erfc", libm_erfc)
    }

    pub fn cbrt(vm: &mut Vm, a: Args) -> PyResult<Value> {
        libm1(vm, a, "cbrt", libm_cbrt)
    }

    /// `remainder(x, y)`: IEEE 754's x - n*y for the integer n nearest x/y (ties to even).
    /// The result is exact, so libm's equals CPython's own implementation to the bit;
    /// NaN out of non-NaN arguments (y zero, x infinite) is a domain error.
    pub fn remainder(vm: &mut Vm, a: Args) -> PyResult<Value> {
        let (x, y) = two_args(&a, "remainder")?;
        let (x, y) = (real(vm, x)?, real(vm, y)?);
        // SAFETY: remainder takes any pair of doubles and touches nothing but errno.
        let r = unsafe { libm_remainder(x, y) };
        if r.is_nan() && !x.is_nan() && !y.is_nan() {
            return Err(domain());
        }
        Ok(Value::Float(r))
    }

    /// The Lanczos parameter g of the N = 13 approximation that CPython takes from
    /// Boost: this double is g exactly, 6.024680040776729583740234375.
    const G: f64 = 6.02468004077673;
    const G_MINUS_HALF: f64 = G - 0.5;
    const LN_PI: f64 = 1.1447298858494002;
    const N: usize = 13;

    /// Numerator coefficients of the Lanczos sum written as a rational function, lowest
    /// power first (the shortest decimals of the doubles CPython's table rounds to).
    const NUM: [f64; N] = [
        23531376880.41076,
        42919803642.6491,
        35711959237.35567,
        17921034426.03721,
        6039542586.352028,
        1439720407.3117216,
        248874557.86205417,
        31426415.585400194,
        2876370.6289353725,
        186056.26539522348,
        8071.672002365816,
        210.82427775157936,
        2.5066282746310002,
    ];

    /// Denominator coefficients, lowest power first: those of x(x+1)...(x+11).
    const DEN: [f64; N] = rising_product_coefficients();

    const fn rising_product_coefficients() -> [f64; N] {
        // Multiply the polynomial 1 by (x + k) for k = 0..11, in exact integers.
        let mut c = [0u64; N];
        c[0] = 1;
        let mut k = 0;
        while k < N - 1 {
            let mut i = N - 1;
            while i > 0 {
                c[i] = c[i - 1] + (k as u64) * c[i];
                i -= 1;
            }
            c[0] *= k as u64;
            k += 1;
        }
        let mut out = [0.0; N];
        let mut i = 0;
        while i < N {
            out[i] = c[i] as f64;
            i += 1;
        }
        out
    }

    /// gamma(n) = (n-1)! is returned exactly for 1 <= n <= 23 (every such factorial is a
    /// double).
    const EXACT_FACTORIALS: usize = 23;

    fn factorial_below(n: usize) -> f64 {
        (1..n as u128).product::<u128>() as f64
    }

    /// The Lanczos sum L_g(x) for x > 0. Past 5 the rational function is evaluated in
    /// 1/x, which cannot overflow and loses less.
    fn lanczos_sum(x: f64) -> f64 {
        let (mut num, mut den) = (0.0, 0.0);
        if x < 5.0 {
            for i in (0..N).rev() {
                num = num * x + NUM[i];
                den = den * x + DEN[i];
            }
        } else {
            for i in 0..N {
                num = num / x + NUM[i];
                den = den / x + DEN[i];
            }
        }
        num / den
    }

    /// sin(pi * x) for finite x, the reflection formula's factor, accurate near the
    /// integers where sin(PI * x) is not: x is reduced exactly into [0, 2) and the
    /// nearest half-integer picks a sin or cos of an argument within pi/4.
    fn sinpi(x: f64) -> f64 {
        let y = x.abs() % 2.0;
        let r = match (2.0 * y).round() as i32 {
            0 => (PI * y).sin(),
            1 => (PI * (y - 0.5)).cos(),
            // sin(pi * (1 - y)), not -sin(pi * (y - 1)), which is -0.0 at y == 1.
            2 => (PI * (1.0 - y)).sin(),
            3 => -(PI * (y - 1.5)).cos(),
            _ => (PI * (y - 2.0)).sin(),
        };
        1.0f64.copysign(x) * r
    }

    /// Why gamma or lgamma has no float result; CPython sets errno and raises from it.
    enum Fail {
        /// A pole or an argument outside the domain: ValueError.
        Domain,
        /// The result overflows: OverflowError.
        Range,
    }

    fn tgamma(x: f64) -> Result<f64, Fail> {
        if !x.is_finite() {
            // gamma(nan) = nan, gamma(inf) = inf, gamma(-inf) is invalid.
            return if x.is_nan() || x > 0.0 {
                Ok(x)
            } else {
                Err(Fail::Domain)
            };
        }
        if x == 0.0 {
            return Err(Fail::Domain);
        }
        if x == x.floor() {
            if x < 0.0 {
                return Err(Fail::Domain);
            }
            if x <= EXACT_FACTORIALS as f64 {
                return Ok(factorial_below(x as usize));
            }
        }
        let absx = x.abs();
        if absx < 1e-20 {
            // gamma(x) ~ 1/x; only a subnormal x makes that overflow.
            let r = 1.0 / x;
            return if r.is_infinite() {
                Err(Fail::Range)
            } else {
                Ok(r)
            };
        }
        if absx > 200.0 {
            // Overflows above 200; below -200 it is smaller than any subnormal, with
            // the sign of the sine factor of the reflection formula.
            return if x < 0.0 {
                Ok(0.0 / sinpi(x))
            } else {
                Err(Fail::Range)
            };
        }
        let y = absx + G_MINUS_HALF;
        // The rounding error of y, exact (the larger operand goes first): the result is
        // corrected by that error's first-order effect on pow(y, .)/exp(y), which large
        // arguments magnify.
        let err = if absx > G_MINUS_HALF {
            (y - absx) - G_MINUS_HALF
        } else {
            (y - G_MINUS_HALF) - absx
        };
        let z = err * G / y;
        let mut r;
        if x < 0.0 {
            r = -PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
            r -= z * r;
            if absx < 140.0 {
                r /= y.powf(absx - 0.5);
            } else {
                // pow(y, absx - 0.5) itself would overflow: divide by its square root twice.
                let half = y.powf(absx / 2.0 - 0.25);
                r /= half;
                r /= half;
            }
        } else {
            r = lanczos_sum(absx) / y.exp();
            r += z * r;
            if absx < 140.0 {
                r *= y.powf(absx - 0.5);
            } else {
                let half = y.powf(absx / 2.0 - 0.25);
                r *= half;
                r *= half;
            }
        }
        if r.is_infinite() {
            return Err(Fail::Range);
        }
        Ok(r)
    }

    fn lgamma_of(x: f64) -> Result<f64, Fail> {
        if !x.is_finite() {
            // lgamma(nan) = nan, lgamma(+-inf) = inf.
            return Ok(if x.is_nan() { x } else { f64::INFINITY });
        }
        if x == x.floor() && x <= 2.0 {
            // Poles at the non-positive integers; gamma(1) = gamma(2) = 1.
            return if x <= 0.0 { Err(Fail::Domain) } else { Ok(0.0) };
        }
        let absx = x.abs();
        if absx < 1e-20 {
            return Ok(-absx.ln());
        }
        let mut r = lanczos_sum(absx).ln() - G;
        // (absx + G) - 0.5 in that order, not absx + G_MINUS_HALF: the roundings differ.
        r += (absx - 0.5) * ((absx + G - 0.5).ln() - 1.0);
        if x < 0.0 {
            // Reflection: |gamma(x)| = pi / |sin(pi x)| / (|x| gamma(|x|)).
            r = LN_PI - sinpi(absx).abs().ln() - absx.ln() - r;
        }
        if r.is_infinite() {
            return Err(Fail::Range);
        }
        Ok(r)
    }

    fn raise(r: Result<f64, Fail>) -> PyResult<Value> {
        match r {
            Ok(v) => Ok(Value::Float(v)),
            Err(Fail::Domain) => Err(domain()),
            Err(Fail::Range) => Err(range()),
        }
    }

    pub fn gamma(vm: &mut Vm, a: Args) -> PyResult<Value> {
        let x = real(vm, one_arg(&a, "gamma")?)?;
        raise(tgamma(x))
    }

    pub fn lgamma(vm: &mut Vm, a: Args) -> PyResult<Value> {
        let x = real(vm, one_arg(&a, "lgamma")?)?;
        raise(lgamma_of(x))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn denominator_is_the_rising_product() {
            // x(x+1)...(x+11): constant term 0, leading 1, x^11 coefficient 0+1+...+11.
            assert_eq!(DEN[0], 0.0);
            assert_eq!(DEN[1], 39916800.0); // 11!
            assert_eq!(DEN[11], 66.0);
            assert_eq!(DEN[12], 1.0);
        }

        #[test]
        fn g_is_exact() {
            // 6.024680040776729583740234375 = 808618867 / 2**27.
            assert_eq!(G * 134217728.0, 808618867.0);
        }

        #[test]
        fn factorials_are_exact() {
            assert_eq!(factorial_below(1), 1.0);
            assert_eq!(factorial_below(23), 1124000727777607680000.0);
        }
    }
}
