//! The `int`, `float` and `bool` constructors and their methods.

use super::args::{ctor_args, self_arg};
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::format;
use crate::vm::numparse::{float_from_str, int_from_str};
use crate::vm::object::*;
use crate::vm::ops::{big, bigint_to_f64, fmt_err};
use crate::vm::types::{self, Types};
use crate::vm::value::Value;
use crate::vm::Vm;
use num_bigint::BigInt;
use num_traits::Zero;

pub fn install(t: &Types) {
    types::install(
        &t.int,
        &[
            ("bit_length", bit_length),
            ("bit_count", bit_count),
            ("conjugate", int_conjugate),
            ("as_integer_ratio", int_ratio),
        ],
    );
    types::install(
        &t.float,
        &[
            ("is_integer", is_integer),
            ("conjugate", float_conjugate),
            ("__trunc__", float_int),
            ("as_integer_ratio", float_ratio),
            ("hex", super::float_hex::hex),
        ],
    );
    types::install_classmethods(&t.float, &[("fromhex", super::float_hex::fromhex)]);
}

/// `int(x)` for a non-str value.
pub fn to_int(vm: &mut Vm, x: &Value) -> PyResult<Value> {
    let ty = crate::vm::dispatch::type_ref(x).clone();
    if !ty.is_heap() || x.payload().ptr_eq(x) {
        match x.payload() {
            Value::Int(_) | Value::BigInt(_) => return Ok(x.payload().clone()),
            Value::Bool(b) => return Ok(Value::Int(*b as i64)),
            Value::Float(f) => {
                return format::float_to_bigint(*f)
                    .map(Value::from_bigint)
                    .map_err(|e| fmt_err(e.into()))
            }
            Value::Str(s) => {
                return int_from_str(s.as_str(), 10)
                    .map(Value::from_bigint)
                    .map_err(PyErr::value_error)
            }
            _ => {}
        }
    }
    let conv = [
        ("__int__", ty.slots.int.get()),
        ("__index__", ty.slots.index.get()),
    ];
    for (name, slot) in conv {
        if let Some(f) = slot {
            let r = f(vm, x)?;
            return match r.payload() {
                Value::Int(_) | Value::BigInt(_) => Ok(r.payload().clone()),
                Value::Bool(b) => Ok(Value::Int(*b as i64)),
                _ => Err(PyErr::type_error(format!(
                    "{name} returned non-int (type {})",
                    vm.type_name(&r)
                ))),
            };
        }
    }
    if let Some(r) = crate::vm::slots::call_dunder(vm, x, "__trunc__", &[])? {
        return match r.payload() {
            Value::Int(_) | Value::BigInt(_) => Ok(r.payload().clone()),
            Value::Bool(b) => Ok(Value::Int(*b as i64)),
            _ => to_int(vm, &r),
        };
    }
    if let Value::Str(s) = x.payload() {
        return int_from_str(s.as_str(), 10)
            .map(Value::from_bigint)
            .map_err(PyErr::value_error);
    }
    Err(int_type_error(vm, x))
}

fn int_type_error(vm: &Vm, x: &Value) -> PyErr {
    PyErr::type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
        vm.type_name(x)
    ))
}

pub(crate) fn int_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("int", &["base"])?;
    let args = ctor_args(&a);
    let base = match (args.get(1), a.kw("base")) {
        (Some(_), Some(_)) => {
            return Err(PyErr::type_error(
                "argument for int() given by name ('base') and position (2)",
            ))
        }
        (Some(b), None) | (None, Some(b)) => Some(b),
        _ => None,
    };
    if args.len() > 2 {
        return Err(PyErr::type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let Some(x) = args.first() else {
        if base.is_some() {
            return Err(PyErr::type_error("int() missing string argument"));
        }
        return Ok(Value::Int(0));
    };
    match base {
        None => to_int(vm, x),
        Some(b) => {
            let b = match b {
                Value::BigInt(_) => i64::MAX,
                _ => vm.to_index(b)?,
            };
            if b != 0 && !(2..=36).contains(&b) {
                return Err(PyErr::value_error(
                    "int() base must be >= 2 and <= 36, or 0",
                ));
            }
            match x {
                Value::Str(s) => int_from_str(s.as_str(), b as u32)
                    .map(Value::from_bigint)
                    .map_err(PyErr::value_error),
                _ => Err(PyErr::type_error(
                    "int() can't convert non-string with explicit base",
                )),
            }
        }
    }
}

pub(crate) fn bool_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("bool")?;
    let args = ctor_args(&a);
    match args {
        [] => Ok(Value::Bool(false)),
        [x] => Ok(Value::Bool(vm.truthy(x)?)),
        _ => Err(PyErr::type_error(format!(
            "bool expected at most 1 argument, got {}",
            args.len()
        ))),
    }
}

/// `float(x)`.
pub fn to_float(vm: &mut Vm, x: &Value) -> PyResult<f64> {
    let ty = crate::vm::dispatch::type_ref(x).clone();
    if !ty.is_heap() || x.payload().ptr_eq(x) {
        match x.payload() {
            Value::Float(f) => return Ok(*f),
            Value::Int(i) => return Ok(*i as f64),
            Value::Bool(b) => return Ok(*b as i64 as f64),
            Value::BigInt(b) => return bigint_to_f64(b),
            Value::Str(s) => return float_from_str(s.as_str()).map_err(PyErr::value_error),
            _ => {}
        }
    }
    if let Some(f) = ty.slots.float.get() {
        return match f(vm, x)? {
            Value::Float(f) => Ok(f),
            r => Err(PyErr::type_error(format!(
                "{}.__float__ returned non-float (type {})",
                ty.name(),
                vm.type_name(&r)
            ))),
        };
    }
    if let Some(f) = ty.slots.index.get() {
        let r = f(vm, x)?;
        return to_float(vm, &r);
    }
    if let Value::Str(s) = x.payload() {
        return float_from_str(s.as_str()).map_err(PyErr::value_error);
    }
    Err(float_type_error(vm, x))
}

fn float_type_error(vm: &Vm, x: &Value) -> PyErr {
    PyErr::type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        vm.type_name(x)
    ))
}

pub(crate) fn float_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("float")?;
    let args = ctor_args(&a);
    match args {
        [] => Ok(Value::Float(0.0)),
        [x] => Ok(Value::Float(to_float(vm, x)?)),
        _ => Err(PyErr::type_error(format!(
            "float expected at most 1 argument, got {}",
            args.len()
        ))),
    }
}

fn self_int(vm: &Vm, a: &Args, meth: &str) -> PyResult<BigInt> {
    let v = self_arg(a, "int", meth)?;
    big(v.payload()).ok_or_else(|| super::args::wrong_self(vm, "int", meth, v))
}

fn self_float(vm: &Vm, a: &Args, meth: &str) -> PyResult<f64> {
    match self_arg(a, "float", meth)?.payload() {
        Value::Float(f) => Ok(*f),
        v => Err(super::args::wrong_self(vm, "float", meth, v)),
    }
}

fn bit_length(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("int.bit_length", 0, 0)?;
    Ok(Value::Int(self_int(vm, &a, "bit_length")?.bits() as i64))
}

fn bit_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("int.bit_count", 0, 0)?;
    let v = self_int(vm, &a, "bit_count")?;
    let ones: u64 = v
        .magnitude()
        .to_u64_digits()
        .iter()
        .map(|d| d.count_ones() as u64)
        .sum();
    Ok(Value::Int(ones as i64))
}

fn int_conjugate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("int.conjugate", 0, 0)?;
    Ok(Value::from_bigint(self_int(vm, &a, "conjugate")?))
}

fn int_ratio(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("int.as_integer_ratio", 0, 0)?;
    let v = self_int(vm, &a, "as_integer_ratio")?;
    Ok(Value::tuple(vec![Value::from_bigint(v), Value::Int(1)]))
}

fn is_integer(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("float.is_integer", 0, 0)?;
    let f = self_float(vm, &a, "is_integer")?;
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}

fn float_conjugate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("float.conjugate", 0, 0)?;
    Ok(Value::Float(self_float(vm, &a, "conjugate")?))
}

fn float_int(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("float.__int__", 1, 1)?;
    let f = self_float(vm, &a, "__int__")?;
    format::float_to_bigint(f)
        .map(Value::from_bigint)
        .map_err(|e| fmt_err(e.into()))
}

fn float_ratio(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect_method("float.as_integer_ratio", 0, 0)?;
    let f = self_float(vm, &a, "as_integer_ratio")?;
    if f.is_nan() {
        return Err(PyErr::value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(PyErr::overflow_error(
            "cannot convert Infinity to integer ratio",
        ));
    }
    // f = mant * 2**exp exactly; reduce the power of two.
    let bits = f.abs().to_bits();
    let e = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut mant, mut exp) = if e == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), e - 1075)
    };
    if mant == 0 {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
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
    debug_assert!(!den.is_zero());
    Ok(Value::tuple(vec![
        Value::from_bigint(num),
        Value::from_bigint(den),
    ]))
}
