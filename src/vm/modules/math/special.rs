//! math's special functions. `erf`, `erfc` and `cbrt` come from the C library, as
//! CPython's do, so their last digits agree with CPython on the same machine (and
//! `remainder`, which is exact either way); `gamma` and `lgamma` follow CPython
//! 3.11's own Lanczos method (it does not use libm's tgamma/lgamma), step for step,
//! so that they round the same way too.

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
fn libm1(vm: &mut Vm, a: Args, name: &str, f: unsafe extern "C" fn(f64) -> f64) -> PyResult<Value> {
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
