//! `complex`: a pair of floats, with CPython 3.11's arithmetic (Smith's division,
//! its integer-power shortcut), repr, hash and constructor, for the literals `2j`
//! and for `cmath` (src/vm/modules/cmath.rs), which shares the conversions here.

use super::errors::{PyErr, PyResult};
use super::format::float_repr;
use super::object::{Args, Class, ClassKind, NativeObject};
use super::refcount::Ref;
use super::types::types;
use super::value::Value;
use super::Vm;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Complex {
    pub re: f64,
    pub im: f64,
}

impl NativeObject for Complex {
    fn class(&self) -> Ref<Class> {
        class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self) -> Option<String> {
        Some(repr(self.re, self.im))
    }
}

/// A complex value.
pub fn value(re: f64, im: f64) -> Value {
    super::modules::native(Complex { re, im })
}

/// The complex behind `v`, if it is one.
pub fn of(v: &Value) -> Option<Complex> {
    super::modules::downcast::<Complex>(v.payload()).copied()
}

/// `v` as a complex number where Python's mixed arithmetic converts it (ints,
/// bools, floats and complexes); None for anything else (the operator then returns
/// NotImplemented).
pub fn coerce(v: &Value) -> PyResult<Option<Complex>> {
    Ok(match v.payload() {
        Value::Int(i) => Some(Complex {
            re: *i as f64,
            im: 0.0,
        }),
        Value::Bool(b) => Some(Complex {
            re: *b as u8 as f64,
            im: 0.0,
        }),
        Value::BigInt(b) => Some(Complex {
            re: super::ops::bigint_to_f64(b)?,
            im: 0.0,
        }),
        Value::Float(f) => Some(Complex { re: *f, im: 0.0 }),
        other => of(other),
    })
}

/// `v` as a complex for a function argument (`cmath.sqrt(x)`, `complex(x)`): numbers,
/// and objects with `__complex__`, `__float__` or `__index__`, as CPython's
/// `PyArg_Parse` "D" format.
pub fn arg(vm: &mut Vm, v: &Value) -> PyResult<Complex> {
    if let Some(c) = coerce(v)? {
        return Ok(c);
    }
    let ty = super::dispatch::type_ref(v).clone();
    if let Some(m) = ty.lookup(&super::value::intern("__complex__")) {
        let r = vm.call(&m, &[v.clone()], &[])?;
        return of(&r).ok_or_else(|| {
            PyErr::type_error(format!(
                "__complex__ returned non-complex (type {})",
                vm.type_name(&r)
            ))
        });
    }
    if ty.slots.float.get().is_some() || ty.slots.index.get().is_some() {
        let f = super::builtins::num_methods::to_float(vm, v)?;
        return Ok(Complex { re: f, im: 0.0 });
    }
    Err(PyErr::type_error(format!(
        "must be real number, not {}",
        vm.type_name(v)
    )))
}

/// A float as complex repr writes its parts: repr, without the `.0` of an
/// integral value (`(1+2j)`, `1.5j`).
fn part(x: f64) -> String {
    let s = float_repr(x);
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

/// CPython's `complex.__repr__`: `2j` when the real part is +0.0, else `(re+imj)`.
pub fn repr(re: f64, im: f64) -> String {
    let imag = part(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{imag}j");
    }
    // The imaginary part's own repr carries its minus sign (also of -0.0; a NaN
    // prints without one, as CPython's `(1+nanj)` for a negative NaN).
    let sign = if imag.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{imag}j)", part(re))
}

/// CPython's `complex_hash`: hash(re) + 1000003 * hash(im), wrapping, -1 made -2.
pub fn hash(c: Complex) -> i64 {
    let h = (super::ops::hash_f64(c.re) as u64)
        .wrapping_add(1_000_003u64.wrapping_mul(super::ops::hash_f64(c.im) as u64))
        as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn add(a: Complex, b: Complex) -> Complex {
    Complex {
        re: a.re + b.re,
        im: a.im + b.im,
    }
}

pub fn sub(a: Complex, b: Complex) -> Complex {
    Complex {
        re: a.re - b.re,
        im: a.im - b.im,
    }
}

pub fn mul(a: Complex, b: Complex) -> Complex {
    Complex {
        re: a.re * b.re - a.im * b.im,
        im: a.re * b.im + a.im * b.re,
    }
}

fn zero_division() -> PyErr {
    PyErr::zero_division("complex division by zero")
}

/// Smith's algorithm, as CPython's `_Py_c_quot` (scaled to avoid overflow).
pub fn div(a: Complex, b: Complex) -> PyResult<Complex> {
    let (abs_br, abs_bi) = (b.re.abs(), b.im.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return Err(zero_division());
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Ok(Complex {
            re: (a.re + a.im * ratio) / denom,
            im: (a.im - a.re * ratio) / denom,
        })
    } else if abs_bi >= abs_br {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Ok(Complex {
            re: (a.re * ratio + a.im) / denom,
            im: (a.im * ratio - a.re) / denom,
        })
    } else {
        // A NaN in b.
        Ok(Complex {
            re: f64::NAN,
            im: f64::NAN,
        })
    }
}

/// CPython's `_Py_c_pow` (polar form).
fn pow_polar(a: Complex, b: Complex) -> PyResult<Complex> {
    if b.re == 0.0 && b.im == 0.0 {
        return Ok(Complex { re: 1.0, im: 0.0 });
    }
    if a.re == 0.0 && a.im == 0.0 {
        if b.im != 0.0 || b.re < 0.0 {
            return Err(PyErr::zero_division("0.0 to a negative or complex power"));
        }
        return Ok(Complex { re: 0.0, im: 0.0 });
    }
    let vabs = a.re.hypot(a.im);
    let mut len = vabs.powf(b.re);
    let at = a.im.atan2(a.re);
    let mut phase = at * b.re;
    if b.im != 0.0 {
        len /= (at * b.im).exp();
        phase += b.im * vabs.ln();
    }
    Ok(Complex {
        re: len * phase.cos(),
        im: len * phase.sin(),
    })
}

/// Binary powering, as CPython's `c_powu`.
fn pow_uint(x: Complex, n: u64) -> Complex {
    let mut r = Complex { re: 1.0, im: 0.0 };
    let mut p = x;
    let mut mask: u64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = mul(r, p);
        }
        mask <<= 1;
        p = mul(p, p);
    }
    r
}

/// `a ** b`: integral exponents up to 100 by repeated multiplication (CPython
/// 3.11's `complex_pow`), others in polar form.
pub fn pow(a: Complex, b: Complex) -> PyResult<Complex> {
    let r = if b.im == 0.0 && b.re == b.re.floor() && b.re.abs() <= 100.0 {
        let n = b.re as i64;
        if n >= 0 {
            pow_uint(a, n as u64)
        } else {
            div(Complex { re: 1.0, im: 0.0 }, pow_uint(a, n.unsigned_abs()))
                .map_err(|_| PyErr::zero_division("0.0 to a negative or complex power"))?
        }
    } else {
        pow_polar(a, b)?
    };
    let finite = |c: Complex| c.re.is_finite() && c.im.is_finite();
    if !finite(r) && finite(a) && finite(b) {
        return Err(PyErr::overflow_error("complex exponentiation"));
    }
    Ok(r)
}

pub fn abs(c: Complex) -> PyResult<f64> {
    if c.re.is_infinite() || c.im.is_infinite() {
        return Ok(f64::INFINITY);
    }
    if c.re.is_nan() || c.im.is_nan() {
        return Ok(f64::NAN);
    }
    let r = c.re.hypot(c.im);
    if r.is_infinite() {
        return Err(PyErr::overflow_error("absolute value too large"));
    }
    Ok(r)
}

pub fn class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    C.get_or_init(|| {
        let c = super::types::new_class("complex", Some(&types().object), ClassKind::Builtin);
        super::types::install(
            &c,
            &[
                ("__new__", new),
                ("__repr__", repr_method),
                ("__hash__", hash_method),
                ("__eq__", |vm, a| eq_method(vm, a, false)),
                ("__ne__", |vm, a| eq_method(vm, a, true)),
                ("__bool__", bool_method),
                ("__add__", |vm, a| {
                    binary(vm, a, "__add__", false, |x, y| Ok(add(x, y)))
                }),
                ("__radd__", |vm, a| {
                    binary(vm, a, "__radd__", true, |x, y| Ok(add(x, y)))
                }),
                ("__sub__", |vm, a| {
                    binary(vm, a, "__sub__", false, |x, y| Ok(sub(x, y)))
                }),
                ("__rsub__", |vm, a| {
                    binary(vm, a, "__rsub__", true, |x, y| Ok(sub(x, y)))
                }),
                ("__mul__", |vm, a| {
                    binary(vm, a, "__mul__", false, |x, y| Ok(mul(x, y)))
                }),
                ("__rmul__", |vm, a| {
                    binary(vm, a, "__rmul__", true, |x, y| Ok(mul(x, y)))
                }),
                ("__truediv__", |vm, a| {
                    binary(vm, a, "__truediv__", false, div)
                }),
                ("__rtruediv__", |vm, a| {
                    binary(vm, a, "__rtruediv__", true, div)
                }),
                ("__pow__", |vm, a| pow_method(vm, a, false)),
                ("__rpow__", |vm, a| pow_method(vm, a, true)),
                ("__neg__", |vm, a| {
                    let c = this(vm, &a, "__neg__")?;
                    Ok(value(-c.re, -c.im))
                }),
                ("__pos__", |vm, a| {
                    let c = this(vm, &a, "__pos__")?;
                    Ok(value(c.re, c.im))
                }),
                ("__abs__", |vm, a| {
                    let c = this(vm, &a, "__abs__")?;
                    Ok(Value::Float(abs(c)?))
                }),
                ("conjugate", |vm, a| {
                    let c = this(vm, &a, "conjugate")?;
                    Ok(value(c.re, -c.im))
                }),
                ("__getnewargs__", |vm, a| {
                    let c = this(vm, &a, "__getnewargs__")?;
                    Ok(Value::tuple(vec![Value::Float(c.re), Value::Float(c.im)]))
                }),
                ("__format__", format_method),
            ],
        );
        super::descr::add_getsets(
            &c,
            "complex",
            &[
                ("real", |vm, v| Ok(Value::Float(getter(vm, v)?.re)), None),
                ("imag", |vm, v| Ok(Value::Float(getter(vm, v)?.im)), None),
            ],
        );
        Class::set_attr(
            &c,
            super::value::intern("__module__"),
            Value::str("builtins"),
        );
        super::slots::fill_slots_from_dict(&c);
        super::value::shared_class(c)
    })
    .clone()
}

fn getter(vm: &Vm, v: &Value) -> PyResult<Complex> {
    of(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor for 'complex' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

fn this(vm: &Vm, a: &Args, meth: &str) -> PyResult<Complex> {
    let v = a
        .pos
        .first()
        .ok_or_else(|| PyErr::type_error(format!("complex.{meth}() needs an argument")))?;
    of(v).ok_or_else(|| super::builtins::wrong_self(vm, "complex", meth, v))
}

fn binary(
    vm: &mut Vm,
    a: Args,
    meth: &str,
    reflected: bool,
    op: fn(Complex, Complex) -> PyResult<Complex>,
) -> PyResult<Value> {
    let x = this(vm, &a, meth)?;
    a.expect(meth, 2, 2)?;
    let Some(y) = coerce(&a.pos[1])? else {
        return Ok(super::ops::not_implemented());
    };
    let r = if reflected { op(y, x)? } else { op(x, y)? };
    Ok(value(r.re, r.im))
}

fn pow_method(vm: &mut Vm, a: Args, reflected: bool) -> PyResult<Value> {
    let meth = if reflected { "__rpow__" } else { "__pow__" };
    let x = this(vm, &a, meth)?;
    a.expect(meth, 2, 3)?;
    if a.pos.get(2).is_some_and(|m| !matches!(m, Value::None)) {
        return Err(PyErr::value_error("complex modulo"));
    }
    let Some(y) = coerce(&a.pos[1])? else {
        return Ok(super::ops::not_implemented());
    };
    let r = if reflected { pow(y, x)? } else { pow(x, y)? };
    Ok(value(r.re, r.im))
}

fn repr_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = this(vm, &a, "__repr__")?;
    Ok(Value::str(&repr(c.re, c.im)))
}

fn hash_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(hash(this(vm, &a, "__hash__")?)))
}

fn bool_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = this(vm, &a, "__bool__")?;
    Ok(Value::Bool(c.re != 0.0 || c.im != 0.0))
}

fn eq_method(vm: &mut Vm, a: Args, negate: bool) -> PyResult<Value> {
    let x = this(vm, &a, if negate { "__ne__" } else { "__eq__" })?;
    a.expect("complex.__eq__", 2, 2)?;
    let other = &a.pos[1];
    let eq = match other.payload() {
        // An int compares exactly with the real part, as CPython's float == int.
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            if x.im != 0.0 {
                false
            } else {
                let r = vm.compare(crate::bytecode::CompareOp::Eq, &Value::Float(x.re), other)?;
                vm.truthy(&r)?
            }
        }
        _ => match coerce(other)? {
            Some(y) => x.re == y.re && x.im == y.im,
            None => return Ok(super::ops::not_implemented()),
        },
    };
    Ok(Value::Bool(eq != negate))
}

/// `format(z, spec)`: an empty spec is `str(z)`; otherwise each part is formatted
/// as a float with the spec (without fill and width), as CPython does, then the
/// whole padded.
fn format_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = this(vm, &a, "__format__")?;
    a.expect("complex.__format__", 2, 2)?;
    let spec = match &a.pos[1] {
        Value::Str(s) => s.as_str().to_string(),
        other => {
            return Err(PyErr::type_error(format!(
                "__format__() argument must be str, not {}",
                vm.type_name(other)
            )))
        }
    };
    if spec.is_empty() {
        return Ok(Value::str(&repr(c.re, c.im)));
    }
    Err(PyErr::value_error(format!(
        "gilvm does not support format specifiers for complex numbers yet ('{spec}'); format z.real and z.imag instead"
    )))
}

/// `complex(real=0, imag=0)` and `complex(string)`.
fn new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let real = a.pos.get(1).or_else(|| a.kw("real"));
    let imag = a.pos.get(2).or_else(|| a.kw("imag"));
    if a.pos.len() > 3 {
        return Err(PyErr::type_error(format!(
            "complex() takes at most 2 arguments ({} given)",
            a.pos.len() - 1
        )));
    }
    if let Some(Value::Str(s)) = real.map(|v| v.payload()) {
        if imag.is_some() {
            return Err(PyErr::type_error(
                "complex() can't take second arg if first is a string",
            ));
        }
        let c = parse(s.as_str())
            .ok_or_else(|| PyErr::value_error("complex() arg is a malformed string"))?;
        return Ok(value(c.re, c.im));
    }
    if let Some(Value::Str(_)) = imag.map(|v| v.payload()) {
        return Err(PyErr::type_error("complex() second arg can't be a string"));
    }
    let number = |vm: &mut Vm, v: &Value, which: &str| -> PyResult<Complex> {
        arg(vm, v).map_err(|e| {
            if e.is(&types().type_error) && coerce(v).ok().flatten().is_none() {
                PyErr::type_error(format!(
                    "complex() {which} must be a string or a number, not '{}'",
                    vm.type_name(v)
                ))
            } else {
                e
            }
        })
    };
    let r = match real {
        Some(v) => number(vm, v, "first argument")?,
        None => Complex { re: 0.0, im: 0.0 },
    };
    let i = match imag {
        Some(v) => number(vm, v, "second argument")?,
        None => Complex { re: 0.0, im: 0.0 },
    };
    // real + imag*1j, as CPython: (a+bj) + (c+dj)*1j = (a-d) + (b+c)j, where a part
    // is only added in when its argument was a complex (so complex(1, -0.0) keeps
    // its -0.0).
    let is_complex = |v: Option<&Value>| v.is_some_and(|v| of(v).is_some());
    let re = if is_complex(imag) { r.re - i.im } else { r.re };
    let im = if is_complex(real) { r.im + i.re } else { i.re };
    Ok(value(re, im))
}

/// `complex('1+2j')`: CPython's grammar (surrounding spaces and parentheses
/// allowed; `j` or `J`; a bare `j` is 1j).
pub fn parse(s: &str) -> Option<Complex> {
    let mut t = s.trim();
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        t = inner.trim();
    }
    if t.is_empty() || t.contains(char::is_whitespace) {
        return None;
    }
    let float = |p: &str| -> Option<f64> {
        let digits = p.trim_start_matches(['+', '-']);
        if digits.is_empty()
            || digits.contains('_')
                && (digits.starts_with('_') || digits.ends_with('_') || digits.contains("__"))
        {
            return None;
        }
        let lower = digits.to_ascii_lowercase();
        if !(lower == "inf" || lower == "infinity" || lower == "nan")
            && !digits
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-' | '_'))
        {
            return None;
        }
        p.replace('_', "").parse::<f64>().ok()
    };
    let unit = |p: &str| -> Option<f64> {
        match p {
            "" | "+" => Some(1.0),
            "-" => Some(-1.0),
            _ => float(p),
        }
    };
    let Some(body) = t.strip_suffix(['j', 'J']) else {
        return Some(Complex {
            re: float(t)?,
            im: 0.0,
        });
    };
    // The imaginary part starts at the last sign that is not an exponent's.
    let bytes = body.as_bytes();
    let split = (1..bytes.len())
        .rev()
        .find(|&i| matches!(bytes[i], b'+' | b'-') && !matches!(bytes[i - 1], b'e' | b'E'));
    match split {
        Some(i) => Some(Complex {
            re: float(&body[..i])?,
            im: unit(&body[i..])?,
        }),
        None => Some(Complex {
            re: 0.0,
            im: unit(body)?,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_as_cpython() {
        assert_eq!(repr(0.0, 1.0), "1j");
        assert_eq!(repr(1.0, 2.0), "(1+2j)");
        assert_eq!(repr(-0.0, -1.0), "(-0-1j)");
        assert_eq!(repr(1.5, -0.0), "(1.5-0j)");
        assert_eq!(repr(0.0, 2.5e-20), "2.5e-20j");
        assert_eq!(repr(f64::INFINITY, f64::NAN), "(inf+nanj)");
    }

    #[test]
    fn parse_as_cpython() {
        let c = |re, im| Some(Complex { re, im });
        assert_eq!(parse("1+2j"), c(1.0, 2.0));
        assert_eq!(parse(" (3-j) "), c(3.0, -1.0));
        assert_eq!(parse("j"), c(0.0, 1.0));
        assert_eq!(parse("1e3-2.5e-2J"), c(1000.0, -0.025));
        assert_eq!(parse("-4"), c(-4.0, 0.0));
        assert_eq!(parse("1 + 2j"), None);
        assert_eq!(parse("1+2"), None);
        assert_eq!(parse(""), None);
    }
}
