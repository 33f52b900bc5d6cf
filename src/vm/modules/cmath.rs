//! The `cmath` module's common part: sqrt, exp, log, log10, phase, polar, rect,
//! sin, cos, isfinite, isinf, isnan, isclose and the constants, with CPython's
//! algorithms for finite arguments (its scaling in sqrt and log, so results agree to
//! the last bit where the C library's do) and its errors ("math domain error",
//! "math range error"). Infinite and NaN parts follow the plain formulas, not
//! CPython's special-value tables (docs/language.md).

use super::add_functions;
use crate::vm::complex::{self, Complex};
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, DictObj};
use crate::vm::value::Value;
use crate::vm::Vm;

const LARGE: f64 = f64::MAX / 4.0;
const MANT_DIG: i32 = 53;

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    add_functions(
        d,
        &[
            ("sqrt", |vm, a| unary(vm, a, "sqrt", sqrt)),
            ("exp", |vm, a| unary(vm, a, "exp", exp)),
            ("log10", |vm, a| {
                unary(vm, a, "log10", |z| {
                    let r = log(z)?;
                    Ok(Complex {
                        re: r.re / std::f64::consts::LN_10,
                        im: r.im / std::f64::consts::LN_10,
                    })
                })
            }),
            ("sin", |vm, a| unary(vm, a, "sin", sin)),
            ("cos", |vm, a| unary(vm, a, "cos", cos)),
            ("log", log_fn),
            ("phase", |vm, a| {
                let z = one(vm, &a, "phase")?;
                Ok(Value::Float(z.im.atan2(z.re)))
            }),
            ("polar", |vm, a| {
                let z = one(vm, &a, "polar")?;
                let r = complex::abs(z).map_err(|_| range_error())?;
                Ok(Value::tuple(vec![
                    Value::Float(r),
                    Value::Float(z.im.atan2(z.re)),
                ]))
            }),
            ("rect", rect),
            ("isfinite", |vm, a| {
                let z = one(vm, &a, "isfinite")?;
                Ok(Value::Bool(z.re.is_finite() && z.im.is_finite()))
            }),
            ("isinf", |vm, a| {
                let z = one(vm, &a, "isinf")?;
                Ok(Value::Bool(z.re.is_infinite() || z.im.is_infinite()))
            }),
            ("isnan", |vm, a| {
                let z = one(vm, &a, "isnan")?;
                Ok(Value::Bool(z.re.is_nan() || z.im.is_nan()))
            }),
            ("isclose", isclose),
        ],
    );
    d.set_str("pi", Value::Float(std::f64::consts::PI));
    d.set_str("e", Value::Float(std::f64::consts::E));
    d.set_str("tau", Value::Float(std::f64::consts::TAU));
    d.set_str("inf", Value::Float(f64::INFINITY));
    d.set_str("nan", Value::Float(f64::NAN));
    d.set_str("infj", complex::value(0.0, f64::INFINITY));
    d.set_str("nanj", complex::value(0.0, f64::NAN));
    Ok(())
}

fn domain_error() -> PyErr {
    PyErr::value_error("math domain error")
}

fn range_error() -> PyErr {
    PyErr::overflow_error("math range error")
}

fn one(vm: &mut Vm, a: &Args, name: &str) -> PyResult<Complex> {
    a.no_kw(name)?;
    if a.pos.len() != 1 {
        a.expect(&format!("cmath.{name}"), 1, 1)?;
    }
    complex::arg(vm, &a.pos[0])
}

fn unary(vm: &mut Vm, a: Args, name: &str, f: fn(Complex) -> PyResult<Complex>) -> PyResult<Value> {
    let z = one(vm, &a, name)?;
    let r = f(z)?;
    Ok(complex::value(r.re, r.im))
}

/// CPython's `cmath_sqrt_impl` for finite z: scaled so that neither overflow nor
/// underflow loses bits.
fn sqrt(z: Complex) -> PyResult<Complex> {
    if z.re == 0.0 && z.im == 0.0 {
        return Ok(Complex { re: 0.0, im: z.im });
    }
    let (mut ax, ay) = (z.re.abs(), z.im.abs());
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        ax = ldexp(ax, 53);
        ldexp((ax + ax.hypot(ldexp(ay, 53))).sqrt(), -27)
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    Ok(if z.re >= 0.0 {
        Complex {
            re: s,
            im: d.copysign(z.im),
        }
    } else {
        Complex {
            re: d,
            im: s.copysign(z.im),
        }
    })
}

fn ldexp(x: f64, e: i32) -> f64 {
    x * 2f64.powi(e)
}

fn exp(z: Complex) -> PyResult<Complex> {
    let r = if z.re > LARGE.ln() {
        let l = (z.re - 1.0).exp();
        Complex {
            re: l * z.im.cos() * std::f64::consts::E,
            im: l * z.im.sin() * std::f64::consts::E,
        }
    } else {
        let l = z.re.exp();
        Complex {
            re: l * z.im.cos(),
            im: l * z.im.sin(),
        }
    };
    if z.re.is_finite() && z.im.is_finite() && (r.re.is_infinite() || r.im.is_infinite()) {
        return Err(range_error());
    }
    Ok(r)
}

/// CPython's `c_log`: log1p near |z| = 1, scaled at the extremes.
fn log(z: Complex) -> PyResult<Complex> {
    let (ax, ay) = (z.re.abs(), z.im.abs());
    let re = if ax > LARGE || ay > LARGE {
        (ax / 2.0).hypot(ay / 2.0).ln() + std::f64::consts::LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            ldexp(ax, MANT_DIG).hypot(ldexp(ay, MANT_DIG)).ln()
                - MANT_DIG as f64 * std::f64::consts::LN_2
        } else {
            return Err(domain_error());
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            ((am - 1.0) * (am + 1.0) + an * an).ln_1p() / 2.0
        } else {
            h.ln()
        }
    };
    Ok(Complex {
        re,
        im: z.im.atan2(z.re),
    })
}

fn log_fn(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("log")?;
    if a.pos.is_empty() || a.pos.len() > 2 {
        return Err(PyErr::type_error(match a.pos.len() {
            0 => "log expected at least 1 argument, got 0".to_string(),
            n => format!("log expected at most 2 arguments, got {n}"),
        }));
    }
    let x = log(complex::arg(vm, &a.pos[0])?)?;
    let r = match a.pos.get(1) {
        Some(b) => {
            let y = log(complex::arg(vm, b)?)?;
            complex::div(x, y).map_err(|_| domain_error())?
        }
        None => x,
    };
    Ok(complex::value(r.re, r.im))
}

/// sinh and cosh of a complex with finite parts (CPython's formulas for |re| below
/// the overflow threshold).
fn sinh(z: Complex) -> Complex {
    Complex {
        re: z.im.cos() * z.re.sinh(),
        im: z.im.sin() * z.re.cosh(),
    }
}

fn cosh(z: Complex) -> Complex {
    Complex {
        re: z.im.cos() * z.re.cosh(),
        im: z.im.sin() * z.re.sinh(),
    }
}

/// sin(z) = -i sinh(iz).
fn sin(z: Complex) -> PyResult<Complex> {
    let s = sinh(Complex {
        re: -z.im,
        im: z.re,
    });
    finite_or_range(
        z,
        Complex {
            re: s.im,
            im: -s.re,
        },
    )
}

/// cos(z) = cosh(iz).
fn cos(z: Complex) -> PyResult<Complex> {
    finite_or_range(
        z,
        cosh(Complex {
            re: -z.im,
            im: z.re,
        }),
    )
}

fn finite_or_range(z: Complex, r: Complex) -> PyResult<Complex> {
    if z.re.is_finite() && z.im.is_finite() && (r.re.is_infinite() || r.im.is_infinite()) {
        return Err(range_error());
    }
    Ok(r)
}

fn rect(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("rect")?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "rect expected 2 arguments, got {}",
            a.pos.len()
        )));
    }
    let r = crate::vm::builtins::num_methods::to_float(vm, &a.pos[0])?;
    let phi = crate::vm::builtins::num_methods::to_float(vm, &a.pos[1])?;
    if r.is_finite() && phi.is_infinite() {
        return Err(domain_error());
    }
    let z = if phi == 0.0 {
        Complex { re: r, im: r * phi }
    } else {
        Complex {
            re: r * phi.cos(),
            im: r * phi.sin(),
        }
    };
    Ok(complex::value(z.re, z.im))
}

fn isclose(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (x, y, rel, abs) = super::math::isclose_args(vm, &a)?;
    let (x, y) = (complex::arg(vm, x)?, complex::arg(vm, y)?);
    if x == y {
        return Ok(Value::Bool(true));
    }
    if [x.re, x.im, y.re, y.im].iter().any(|v| v.is_infinite()) {
        return Ok(Value::Bool(false));
    }
    let diff = complex::abs(complex::sub(x, y)).unwrap_or(f64::INFINITY);
    let (ax, ay) = (
        complex::abs(x).unwrap_or(f64::INFINITY),
        complex::abs(y).unwrap_or(f64::INFINITY),
    );
    Ok(Value::Bool(
        diff <= rel * ay || diff <= rel * ax || diff <= abs,
    ))
}
