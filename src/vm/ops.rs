//! Operators on values: arithmetic, comparison, truth, hashing, membership,
//! subscripts and slices, and `format()`. Fast paths for inline values come first;
//! user classes are reached through their dunder methods.

use super::alloc;
use super::errors::{PyErr, PyResult};
use super::format::{self, ErrKind, FmtError, FormatSpec};
use super::object::*;
use super::types::types;
use super::value::{PyStr, Value};
use super::Vm;
use crate::bytecode::{BinaryOp, CompareOp};
use crate::vm::refcount::Ref;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::sync::OnceLock;

/// The `NotImplemented` singleton that binary dunders return to decline.
pub fn not_implemented() -> Value {
    static NI: OnceLock<Value> = OnceLock::new();
    NI.get_or_init(|| {
        let cls = super::types::new_class(
            "NotImplementedType",
            Some(&types().object),
            ClassKind::Object,
        );
        let v = Value::Instance(Ref::new(Instance {
            class: cls,
            attrs: Default::default(),
            exc: None,
        }));
        // One per process, so shared by every interpreter (refcount.rs).
        v.make_immortal();
        v
    })
    .clone()
}

/// The `Ellipsis` singleton (`...`), an instance of the built-in `ellipsis` class.
pub fn ellipsis() -> Value {
    static E: OnceLock<Value> = OnceLock::new();
    E.get_or_init(|| {
        let v = Value::Instance(Ref::new(Instance {
            class: types().ellipsis.clone(),
            attrs: Default::default(),
            exc: None,
        }));
        // One per process, so shared by every interpreter (refcount.rs).
        v.make_immortal();
        v
    })
    .clone()
}

fn is_not_implemented(v: &Value) -> bool {
    v.ptr_eq(&not_implemented())
}

pub fn fmt_err(e: FmtError) -> PyErr {
    match e.kind {
        ErrKind::ValueError => PyErr::value_error(e.msg),
        ErrKind::OverflowError => PyErr::overflow_error(e.msg),
        ErrKind::MemoryError => super::builtins::memory_error(),
    }
}

/// A number widened for mixed arithmetic.
enum Num {
    I(i64),
    B(BigInt),
    F(f64),
}

fn num(v: &Value) -> Option<Num> {
    match v {
        Value::Int(i) => Some(Num::I(*i)),
        Value::Bool(b) => Some(Num::I(*b as i64)),
        Value::Float(f) => Some(Num::F(*f)),
        Value::BigInt(b) => Some(Num::B((**b).clone())),
        _ => None,
    }
}

pub fn big(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

pub fn bigint_to_f64(b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(PyErr::overflow_error("int too large to convert to float")),
    }
}

fn to_f(n: &Num) -> PyResult<f64> {
    Ok(match n {
        Num::I(i) => *i as f64,
        Num::B(b) => bigint_to_f64(b)?,
        Num::F(f) => *f,
    })
}

fn dunder_names(op: BinaryOp) -> (&'static str, &'static str, &'static str) {
    use BinaryOp::*;
    match op.base() {
        Add => ("__add__", "__radd__", "__iadd__"),
        Sub => ("__sub__", "__rsub__", "__isub__"),
        Mul => ("__mul__", "__rmul__", "__imul__"),
        TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
        FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        Mod => ("__mod__", "__rmod__", "__imod__"),
        Pow => ("__pow__", "__rpow__", "__ipow__"),
        LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        And => ("__and__", "__rand__", "__iand__"),
        Or => ("__or__", "__ror__", "__ior__"),
        Xor => ("__xor__", "__rxor__", "__ixor__"),
        _ => ("__matmul__", "__rmatmul__", "__imatmul__"),
    }
}

/// Python's floor division and modulo for floats (sign of the result follows the divisor).
fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let m = a % b;
    let mut div = (a - m) / b;
    let mut m = m;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

fn int_result(b: BigInt) -> Value {
    Value::from_bigint(b)
}

impl Vm {
    pub fn binary_op(&mut self, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
            // bool & | ^ bool stays a bool, as in CPython.
            match op.base() {
                BinaryOp::And => return Ok(Value::Bool(*x & *y)),
                BinaryOp::Or => return Ok(Value::Bool(*x | *y)),
                BinaryOp::Xor => return Ok(Value::Bool(*x ^ *y)),
                _ => {}
            }
        }
        if let (Some(x), Some(y)) = (num(a), num(b)) {
            if let Some(v) = self.num_op(op.base(), x, y)? {
                return Ok(v);
            }
        }
        if let Some(v) = self.seq_op(op, a, b)? {
            return Ok(v);
        }
        if let (BinaryOp::Mod, Value::Str(s)) = (op.base(), a) {
            return Ok(Value::string(self.printf(s.as_str(), b)?));
        }
        let (l, r, i) = dunder_names(op);
        if op.is_inplace() {
            if let Value::Instance(inst) = a {
                if let Some(m) = inst.class.lookup_str(i) {
                    let v = self.call(&m, &[a.clone(), b.clone()], &[])?;
                    if !is_not_implemented(&v) {
                        return Ok(v);
                    }
                }
            }
        }
        if let Value::Instance(inst) = a {
            if let Some(m) = inst.class.lookup_str(l) {
                let v = self.call(&m, &[a.clone(), b.clone()], &[])?;
                if !is_not_implemented(&v) {
                    return Ok(v);
                }
            }
        }
        if let Value::Instance(inst) = b {
            if let Some(m) = inst.class.lookup_str(r) {
                let v = self.call(&m, &[b.clone(), a.clone()], &[])?;
                if !is_not_implemented(&v) {
                    return Ok(v);
                }
            }
        }
        if op.base() == BinaryOp::Mul {
            if let (Value::Str(_) | Value::List(_) | Value::Tuple(_), _)
            | (_, Value::Str(_) | Value::List(_) | Value::Tuple(_)) = (a, b)
            {
                let other = if matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) {
                    b
                } else {
                    a
                };
                if !matches!(other, Value::Instance(_)) {
                    return Err(PyErr::type_error(format!(
                        "can't multiply sequence by non-int of type '{}'",
                        self.type_name(other)
                    )));
                }
            }
        }
        if op.base() == BinaryOp::Add {
            if let Value::Str(_) | Value::List(_) | Value::Tuple(_) = a {
                let t = self.type_name(a);
                return Err(PyErr::type_error(format!(
                    "can only concatenate {t} (not \"{}\") to {t}",
                    self.type_name(b)
                )));
            }
        }
        Err(PyErr::type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            self.type_name(a),
            self.type_name(b)
        )))
    }

    fn num_op(&mut self, op: BinaryOp, x: Num, y: Num) -> PyResult<Option<Value>> {
        use BinaryOp::*;
        use Num::*;
        // Float arithmetic when either side is a float.
        if matches!(x, F(_)) || matches!(y, F(_)) {
            if matches!(op, LShift | RShift | And | Or | Xor | MatMul) {
                return Ok(None);
            }
            let (a, b) = (to_f(&x)?, to_f(&y)?);
            let r = match op {
                Add => a + b,
                Sub => a - b,
                Mul => a * b,
                TrueDiv => {
                    if b == 0.0 {
                        return Err(PyErr::zero_division("float division by zero"));
                    }
                    a / b
                }
                FloorDiv => {
                    if b == 0.0 {
                        return Err(PyErr::zero_division("float floor division by zero"));
                    }
                    float_divmod(a, b).0
                }
                Mod => {
                    if b == 0.0 {
                        return Err(PyErr::zero_division("float modulo"));
                    }
                    float_divmod(a, b).1
                }
                Pow => return self.float_pow(a, b).map(Some),
                _ => return Ok(None),
            };
            return Ok(Some(Value::Float(r)));
        }
        // Both ints: i64 fast paths, BigInt on overflow.
        if let (I(a), I(b)) = (&x, &y) {
            let (a, b) = (*a, *b);
            let r = match op {
                Add => a.checked_add(b),
                Sub => a.checked_sub(b),
                Mul => a.checked_mul(b),
                FloorDiv if b == 0 => {
                    return Err(PyErr::zero_division("integer division or modulo by zero"))
                }
                Mod if b == 0 => return Err(PyErr::zero_division("integer modulo by zero")),
                FloorDiv if !(a == i64::MIN && b == -1) => Some(Integer::div_floor(&a, &b)),
                Mod if !(a == i64::MIN && b == -1) => Some(Integer::mod_floor(&a, &b)),
                And => Some(a & b),
                Or => Some(a | b),
                Xor => Some(a ^ b),
                RShift if b < 0 => return Err(PyErr::value_error("negative shift count")),
                RShift => Some(if b >= 64 {
                    if a < 0 {
                        -1
                    } else {
                        0
                    }
                } else {
                    a >> b
                }),
                LShift if b < 0 => return Err(PyErr::value_error("negative shift count")),
                LShift if b < 63 && (a << b) >> b == a => Some(a << b),
                TrueDiv => {
                    if b == 0 {
                        return Err(PyErr::zero_division("division by zero"));
                    }
                    if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
                        return Ok(Some(Value::Float(a as f64 / b as f64)));
                    }
                    None
                }
                Pow if b >= 0 => {
                    if b <= u32::MAX as i64 {
                        a.checked_pow(b as u32)
                    } else {
                        None
                    }
                }
                Pow => {
                    if a == 0 {
                        return Err(PyErr::zero_division(
                            "0.0 cannot be raised to a negative power",
                        ));
                    }
                    return self.float_pow(a as f64, b as f64).map(Some);
                }
                MatMul => return Ok(None),
                _ => None,
            };
            if let Some(r) = r {
                return Ok(Some(Value::Int(r)));
            }
        }
        let to_big = |n: Num| match n {
            I(i) => BigInt::from(i),
            B(b) => b,
            F(_) => unreachable!(),
        };
        let (a, b) = (to_big(x), to_big(y));
        let r = match op {
            Add => a + b,
            Sub => a - b,
            Mul => a * b,
            FloorDiv if b.is_zero() => {
                return Err(PyErr::zero_division("integer division or modulo by zero"))
            }
            Mod if b.is_zero() => return Err(PyErr::zero_division("integer modulo by zero")),
            FloorDiv => a.div_floor(&b),
            Mod => a.mod_floor(&b),
            And => a & b,
            Or => a | b,
            Xor => a ^ b,
            LShift | RShift => {
                if b.is_negative() {
                    return Err(PyErr::value_error("negative shift count"));
                }
                let n = match b.to_usize() {
                    Some(n) => n,
                    None if matches!(op, RShift) => {
                        return Ok(Some(Value::Int(if a.is_negative() { -1 } else { 0 })))
                    }
                    None => return Err(PyErr::overflow_error("too many digits in integer")),
                };
                if matches!(op, LShift) {
                    if n > 1 << 26 && !a.is_zero() {
                        return Err(PyErr::overflow_error("too many digits in integer"));
                    }
                    a << n
                } else {
                    a >> n
                }
            }
            TrueDiv => {
                if b.is_zero() {
                    return Err(PyErr::zero_division("division by zero"));
                }
                return Ok(Some(Value::Float(big_truediv(&a, &b)?)));
            }
            Pow => {
                if b.is_negative() {
                    if a.is_zero() {
                        return Err(PyErr::zero_division(
                            "0.0 cannot be raised to a negative power",
                        ));
                    }
                    return self
                        .float_pow(bigint_to_f64(&a)?, bigint_to_f64(&b)?)
                        .map(Some);
                }
                let e = match b.to_u32() {
                    Some(e) if a.bits().saturating_mul(e as u64) < (1 << 28) => e,
                    _ if a.is_zero() || a == BigInt::from(1) => {
                        return Ok(Some(Value::from_bigint(if b.is_zero() {
                            BigInt::from(1)
                        } else {
                            a
                        })))
                    }
                    _ => return Err(PyErr::overflow_error("exponent too large")),
                };
                num_traits::Pow::pow(&a, e)
            }
            _ => return Ok(None),
        };
        Ok(Some(int_result(r)))
    }

    fn float_pow(&self, a: f64, b: f64) -> PyResult<Value> {
        if a == 0.0 && b < 0.0 {
            return Err(PyErr::zero_division(
                "0.0 cannot be raised to a negative power",
            ));
        }
        if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
            return Err(PyErr::value_error(
                "gilvm has no complex numbers: negative number to a fractional power",
            ));
        }
        let r = a.powf(b);
        if r.is_infinite() && a.is_finite() && b.is_finite() {
            return Err(PyErr::overflow_error(
                "(34, 'Numerical result out of range')",
            ));
        }
        Ok(Value::Float(r))
    }

    /// Sequence and container operators: concatenation, repetition, set algebra.
    fn seq_op(&mut self, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        use BinaryOp::*;
        let base = op.base();
        Ok(Some(match (base, a, b) {
            (Add, Value::Str(x), Value::Str(y)) => {
                let mut s = String::with_capacity(x.as_str().len() + y.as_str().len());
                s.push_str(x.as_str());
                s.push_str(y.as_str());
                Value::string(s)
            }
            (Add, Value::List(x), Value::List(y)) => {
                if op.is_inplace() {
                    let items = y.items.lock().clone();
                    x.items.lock().extend(items);
                    return Ok(Some(a.clone()));
                }
                let mut v = x.items.lock().clone();
                v.extend(y.items.lock().iter().cloned());
                Value::list(v)
            }
            (Add, Value::List(x), _) if op.is_inplace() => {
                let items = match self.collect(b) {
                    Ok(items) => items,
                    Err(_) => return Ok(None),
                };
                x.items.lock().extend(items);
                return Ok(Some(a.clone()));
            }
            (Add, Value::Tuple(x), Value::Tuple(y)) => {
                let mut v = (**x).clone();
                v.extend(y.iter().cloned());
                Value::tuple(v)
            }
            (
                Mul,
                Value::Str(_) | Value::List(_) | Value::Tuple(_),
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_),
            ) => {
                return self.repeat(a, b, op.is_inplace());
            }
            (
                Mul,
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_),
                Value::Str(_) | Value::List(_) | Value::Tuple(_),
            ) => {
                return self.repeat(b, a, false);
            }
            (Or | And | Sub | Xor, Value::Set(x), Value::Set(y)) => {
                let xs = x.items.lock().clone();
                let ys = y.items.lock().clone();
                let r: KeySet = match base {
                    Or => xs.union(&ys).cloned().collect(),
                    And => xs.intersection(&ys).cloned().collect(),
                    Sub => xs.difference(&ys).cloned().collect(),
                    _ => xs.symmetric_difference(&ys).cloned().collect(),
                };
                if op.is_inplace() && !x.frozen {
                    *x.items.lock() = r;
                    return Ok(Some(a.clone()));
                }
                Value::Set(Ref::new(SetObj::new(r, x.frozen)))
            }
            (Or, Value::Dict(x), Value::Dict(y)) => {
                let ys = y.map.lock().clone();
                if op.is_inplace() {
                    x.map.lock().extend(ys);
                    return Ok(Some(a.clone()));
                }
                let mut m = x.map.lock().clone();
                m.extend(ys);
                Value::dict(m)
            }
            _ => return Ok(None),
        }))
    }

    fn repeat(&mut self, seq: &Value, n: &Value, inplace: bool) -> PyResult<Option<Value>> {
        let n = match n {
            Value::Int(i) => (*i).max(0) as usize,
            Value::Bool(b) => *b as usize,
            Value::BigInt(b) if b.sign() == num_bigint::Sign::Minus => 0,
            Value::BigInt(_) => {
                return Err(PyErr::overflow_error(
                    "cannot fit 'int' into an index-sized integer",
                ))
            }
            _ => 0,
        };
        // CPython's size checks: a str longer than the address space is an
        // OverflowError, a list or tuple MemoryError; then the allocation may fail.
        let total = |len: usize| len.checked_mul(n).filter(|t| *t <= isize::MAX as usize);
        Ok(Some(match seq {
            Value::Str(s) => {
                let len = total(s.as_str().len())
                    .ok_or_else(|| PyErr::overflow_error("repeated string is too long"))?;
                let mut out: Vec<u8> = alloc::vec(len)?;
                if len > 0 {
                    out.extend_from_slice(s.as_str().as_bytes());
                    // Doubling: every copy is of whole repetitions.
                    while out.len() < len {
                        let k = (len - out.len()).min(out.len());
                        out.extend_from_within(..k);
                    }
                }
                // SAFETY: `out` is a whole number of copies of a valid UTF-8 string
                // (each copied prefix is a multiple of its length, see above).
                Value::string(unsafe { String::from_utf8_unchecked(out) })
            }
            Value::List(l) => {
                let items = l.items.lock().clone();
                let len = total(items.len()).ok_or(alloc::NoMemory)?;
                let mut out = alloc::vec(len)?;
                for _ in 0..n.min(len) {
                    out.extend(items.iter().cloned());
                }
                if inplace {
                    *l.items.lock() = out;
                    return Ok(Some(seq.clone()));
                }
                Value::list(out)
            }
            Value::Tuple(t) => {
                let len = total(t.len()).ok_or(alloc::NoMemory)?;
                let mut out = alloc::vec(len)?;
                for _ in 0..n.min(len) {
                    out.extend(t.iter().cloned());
                }
                Value::tuple(out)
            }
            _ => return Ok(None),
        }))
    }

    pub fn unary_neg(&mut self, a: &Value) -> PyResult<Value> {
        match a {
            Value::Int(i) => Ok(match i.checked_neg() {
                Some(r) => Value::Int(r),
                None => Value::from_bigint(-BigInt::from(*i)),
            }),
            Value::Bool(b) => Ok(Value::Int(-(*b as i64))),
            Value::Float(f) => Ok(Value::Float(-f)),
            Value::BigInt(b) => Ok(Value::from_bigint(-(**b).clone())),
            _ => self.unary_dunder(a, "__neg__", "-"),
        }
    }

    pub fn unary_pos(&mut self, a: &Value) -> PyResult<Value> {
        match a {
            Value::Int(_) | Value::Float(_) | Value::BigInt(_) => Ok(a.clone()),
            Value::Bool(b) => Ok(Value::Int(*b as i64)),
            _ => self.unary_dunder(a, "__pos__", "+"),
        }
    }

    pub fn unary_invert(&mut self, a: &Value) -> PyResult<Value> {
        match a {
            Value::Int(i) => Ok(Value::Int(!i)),
            Value::Bool(b) => Ok(Value::Int(!(*b as i64))),
            Value::BigInt(b) => Ok(Value::from_bigint(-(**b).clone() - 1)),
            _ => self.unary_dunder(a, "__invert__", "~"),
        }
    }

    fn unary_dunder(&mut self, a: &Value, name: &str, sym: &str) -> PyResult<Value> {
        if let Value::Instance(inst) = a {
            if let Some(m) = inst.class.lookup_str(name) {
                return self.call(&m, std::slice::from_ref(a), &[]);
            }
        }
        Err(PyErr::type_error(format!(
            "bad operand type for unary {sym}: '{}'",
            self.type_name(a)
        )))
    }

    /// Truth value (`bool(v)`).
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Bool(b) => *b,
            Value::None | Value::Null => false,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::BigInt(_) => true,
            Value::Str(s) => !s.as_str().is_empty(),
            Value::List(l) => !l.items.lock().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.map.lock().is_empty(),
            Value::Set(s) => !s.items.lock().is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Native(n) => {
                let cls = n.obj.class();
                if let Some(m) = cls
                    .lookup_str("__bool__")
                    .or_else(|| cls.lookup_str("__len__"))
                {
                    let r = self.call(&m, std::slice::from_ref(v), &[])?;
                    return match r {
                        Value::Bool(b) => Ok(b),
                        r => Ok(self.to_index(&r)? != 0),
                    };
                }
                true
            }
            Value::Instance(inst) => {
                if let Some(m) = inst.class.lookup_str("__bool__") {
                    return match self.call(&m, std::slice::from_ref(v), &[])? {
                        Value::Bool(b) => Ok(b),
                        r => Err(PyErr::type_error(format!(
                            "__bool__ should return bool, returned {}",
                            self.type_name(&r)
                        ))),
                    };
                }
                if let Some(m) = inst.class.lookup_str("__len__") {
                    let r = self.call(&m, std::slice::from_ref(v), &[])?;
                    return Ok(self.to_index(&r)? != 0);
                }
                true
            }
            _ => true,
        })
    }

    /// `a == b` as a Rust bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x == y),
            (Value::Str(x), Value::Str(y)) => Ok(x.as_str() == y.as_str()),
            _ if a.ptr_eq(b) && !matches!(a, Value::Float(_)) => Ok(true),
            _ => {
                let r = self.compare(CompareOp::Eq, a, b)?;
                self.truthy(&r)
            }
        }
    }

    /// Rich comparison, with CPython's fallbacks: reflected dunders, identity for `==`.
    pub fn compare(&mut self, op: CompareOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let Some(ord) = self.builtin_cmp(op, a, b)? {
            return Ok(Value::Bool(ord));
        }
        if let Value::Instance(inst) = a {
            if let Some(m) = inst.class.lookup_str(op.dunder()) {
                let r = self.call(&m, &[a.clone(), b.clone()], &[])?;
                if !is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        if let Value::Instance(inst) = b {
            if let Some(m) = inst.class.lookup_str(op.swapped().dunder()) {
                let r = self.call(&m, &[b.clone(), a.clone()], &[])?;
                if !is_not_implemented(&r) {
                    return Ok(r);
                }
            }
        }
        match op {
            CompareOp::Eq => Ok(Value::Bool(a.ptr_eq(b))),
            CompareOp::Ne => {
                if let Value::Instance(inst) = a {
                    if let Some(m) = inst.class.lookup_str("__eq__") {
                        let r = self.call(&m, &[a.clone(), b.clone()], &[])?;
                        if !is_not_implemented(&r) {
                            return Ok(Value::Bool(!self.truthy(&r)?));
                        }
                    }
                }
                Ok(Value::Bool(!a.ptr_eq(b)))
            }
            _ => Err(PyErr::type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                self.type_name(a),
                self.type_name(b)
            ))),
        }
    }

    /// Comparisons between built-in values; `None` when the types don't compare natively.
    fn builtin_cmp(&mut self, op: CompareOp, a: &Value, b: &Value) -> PyResult<Option<bool>> {
        let ord: Option<Ordering> = match (a, b) {
            (Value::Str(x), Value::Str(y)) => Some(x.as_str().cmp(y.as_str())),
            (Value::List(x), Value::List(y)) => {
                let xs = x.items.lock().clone();
                let ys = y.items.lock().clone();
                return self.seq_cmp(op, &xs, &ys).map(Some);
            }
            (Value::Tuple(x), Value::Tuple(y)) => {
                return self.seq_cmp(op, &x.clone(), &y.clone()).map(Some);
            }
            (Value::None, Value::None) => match op {
                CompareOp::Eq => return Ok(Some(true)),
                CompareOp::Ne => return Ok(Some(false)),
                _ => None,
            },
            (Value::Set(x), Value::Set(y)) => {
                let xs = x.items.lock().clone();
                let ys = y.items.lock().clone();
                let sub = xs.len() <= ys.len() && xs.iter().all(|k| ys.contains(k));
                let sup = ys.len() <= xs.len() && ys.iter().all(|k| xs.contains(k));
                return Ok(Some(match op {
                    CompareOp::Eq => sub && sup,
                    CompareOp::Ne => !(sub && sup),
                    CompareOp::Le => sub,
                    CompareOp::Lt => sub && !sup,
                    CompareOp::Ge => sup,
                    CompareOp::Gt => sup && !sub,
                }));
            }
            (Value::Dict(x), Value::Dict(y)) if matches!(op, CompareOp::Eq | CompareOp::Ne) => {
                let eq = self.dict_eq(x, y)?;
                return Ok(Some(eq == (op == CompareOp::Eq)));
            }
            (Value::Range(x), Value::Range(y)) if matches!(op, CompareOp::Eq | CompareOp::Ne) => {
                let (lx, ly) = (x.len(), y.len());
                let eq =
                    lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step)));
                return Ok(Some(eq == (op == CompareOp::Eq)));
            }
            _ => match (num(a), num(b)) {
                (Some(x), Some(y)) => num_cmp(&x, &y),
                _ => {
                    // Different built-in types are never equal (instances may still say so).
                    if matches!(op, CompareOp::Eq | CompareOp::Ne)
                        && !matches!(a, Value::Instance(_))
                        && !matches!(b, Value::Instance(_))
                    {
                        let same = a.ptr_eq(b);
                        return Ok(Some(same == (op == CompareOp::Eq)));
                    }
                    return Ok(None);
                }
            },
        };
        Ok(Some(match ord {
            None => op == CompareOp::Ne, // NaN compares unequal to everything
            Some(o) => match op {
                CompareOp::Lt => o == Ordering::Less,
                CompareOp::Le => o != Ordering::Greater,
                CompareOp::Eq => o == Ordering::Equal,
                CompareOp::Ne => o != Ordering::Equal,
                CompareOp::Gt => o == Ordering::Greater,
                CompareOp::Ge => o != Ordering::Less,
            },
        }))
    }

    fn seq_cmp(&mut self, op: CompareOp, xs: &[Value], ys: &[Value]) -> PyResult<bool> {
        if self.stack_nearly_full() {
            return Err(PyErr::recursion_error(
                "maximum recursion depth exceeded in comparison",
            ));
        }
        if matches!(op, CompareOp::Eq | CompareOp::Ne) && xs.len() != ys.len() {
            return Ok(op == CompareOp::Ne);
        }
        for (x, y) in xs.iter().zip(ys.iter()) {
            if !self.eq(x, y)? {
                return match op {
                    CompareOp::Eq => Ok(false),
                    CompareOp::Ne => Ok(true),
                    _ => {
                        let r = self.compare(op, x, y)?;
                        self.truthy(&r)
                    }
                };
            }
        }
        let o = xs.len().cmp(&ys.len());
        Ok(match op {
            CompareOp::Lt => o == Ordering::Less,
            CompareOp::Le => o != Ordering::Greater,
            CompareOp::Eq => o == Ordering::Equal,
            CompareOp::Ne => o != Ordering::Equal,
            CompareOp::Gt => o == Ordering::Greater,
            CompareOp::Ge => o != Ordering::Less,
        })
    }

    fn dict_eq(&mut self, x: &Ref<DictObj>, y: &Ref<DictObj>) -> PyResult<bool> {
        if self.stack_nearly_full() {
            return Err(PyErr::recursion_error(
                "maximum recursion depth exceeded in comparison",
            ));
        }
        if Ref::ptr_eq(x, y) {
            return Ok(true);
        }
        let xs: Vec<(HKey, Value)> = x
            .map
            .lock()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if xs.len() != y.map.lock().len() {
            return Ok(false);
        }
        for (k, v) in xs {
            let other = y.map.lock().get(&k).cloned();
            match other {
                Some(o) => {
                    if !self.eq(&v, &o)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// Python's `hash()`, matching CPython for numbers (so `hash(1) == hash(1.0)`).
    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        Ok(match v {
            Value::Int(i) => hash_i64(*i),
            Value::Bool(b) => *b as i64,
            Value::BigInt(b) => hash_bigint(b),
            Value::Float(f) => hash_f64(*f),
            Value::Str(s) => s.py_hash() as i64,
            Value::None => 0xFCA86420,
            Value::Tuple(t) => {
                let mut hs = Vec::with_capacity(t.len());
                for x in t.iter() {
                    hs.push(self.hash(x)?);
                }
                hash_tuple(&hs)
            }
            Value::Set(s) if s.frozen => {
                let mut h: u64 = 0;
                for k in s.items.lock().iter() {
                    h ^= (k.hash ^ (k.hash << 16) ^ 89869747).wrapping_mul(3644798167);
                }
                h as i64
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) => {
                return Err(PyErr::type_error(format!(
                    "unhashable type: '{}'",
                    self.type_name(v)
                )))
            }
            Value::Instance(inst) => match inst.class.lookup_str("__hash__") {
                Some(Value::None) => {
                    return Err(PyErr::type_error(format!(
                        "unhashable type: '{}'",
                        inst.class.name
                    )))
                }
                Some(m) => {
                    let r = self.call(&m, std::slice::from_ref(v), &[])?;
                    return match r {
                        Value::Int(i) => Ok(hash_i64(i)),
                        Value::Bool(b) => Ok(b as i64),
                        Value::BigInt(b) => Ok(hash_bigint(&b)),
                        _ => Err(PyErr::type_error(
                            "__hash__ method should return an integer",
                        )),
                    };
                }
                None => {
                    if inst.class.lookup_str("__eq__").is_some() {
                        return Err(PyErr::type_error(format!(
                            "unhashable type: '{}'",
                            inst.class.name
                        )));
                    }
                    (v.id() >> 4) as i64
                }
            },
            _ => (v.id() >> 4) as i64,
        })
    }

    /// A dict/set key for `v`. Instances whose class defines `__eq__` are looked up by
    /// calling it (see `canon_key`); everything else compares natively.
    pub fn hkey(&mut self, v: Value) -> PyResult<HKey> {
        let hash = match &v {
            Value::Int(i) => hash_i64(*i) as u64,
            Value::Str(s) => s.py_hash(),
            _ => self.hash(&v)? as u64,
        };
        Ok(HKey { hash, key: v })
    }

    /// Finds an existing key equal to `k` by its class's `__eq__`, so that the native
    /// identity comparison in `HKey` then matches it.
    pub fn canon_key(&mut self, k: HKey, keys: Vec<HKey>) -> PyResult<HKey> {
        if !needs_canon(&k.key) {
            return Ok(k);
        }
        // CPython asks the stored key (`stored == probe`), after an identity check.
        for other in keys {
            if other.hash == k.hash && (other.key.ptr_eq(&k.key) || self.eq(&other.key, &k.key)?) {
                return Ok(other);
            }
        }
        Ok(k)
    }

    /// Like `dict_key`, for a map being built (BUILD_MAP, BUILD_SET).
    pub fn canon_in<'a>(
        &mut self,
        k: HKey,
        keys: impl Iterator<Item = &'a HKey>,
    ) -> PyResult<HKey> {
        if !needs_canon(&k.key) {
            return Ok(k);
        }
        let same = same_hash(&k, keys);
        self.canon_key(k, same)
    }

    pub fn dict_key(&mut self, d: &DictObj, key: Value) -> PyResult<HKey> {
        let k = self.hkey(key)?;
        if !needs_canon(&k.key) {
            return Ok(k);
        }
        // The candidates are copied out so no guard is held while `__eq__` runs.
        let same = same_hash(&k, d.map.lock().keys());
        self.canon_key(k, same)
    }

    pub fn set_key(&mut self, s: &SetObj, key: Value) -> PyResult<HKey> {
        let k = self.hkey(key)?;
        if !needs_canon(&k.key) {
            return Ok(k);
        }
        let same = same_hash(&k, s.items.lock().iter());
        self.canon_key(k, same)
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
                _ => Err(PyErr::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    self.type_name(item)
                ))),
            },
            Value::List(l) => {
                let items = l.items.lock().clone();
                for x in &items {
                    if x.ptr_eq(item) || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Tuple(t) => {
                for x in t.iter() {
                    if x.ptr_eq(item) || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Dict(d) => {
                let k = self.dict_key(d, item.clone())?;
                Ok(d.map.lock().contains_key(&k))
            }
            Value::Set(s) => {
                let k = self.set_key(s, item.clone())?;
                Ok(s.items.lock().contains(&k))
            }
            Value::Range(r) => {
                let i = match item {
                    Value::Int(i) => *i,
                    Value::Bool(b) => *b as i64,
                    Value::Float(f) if f.fract() == 0.0 => *f as i64,
                    _ => return Ok(false),
                };
                let in_bounds = if r.step > 0 {
                    i >= r.start && i < r.stop
                } else {
                    i <= r.start && i > r.stop
                };
                Ok(in_bounds && (i as i128 - r.start as i128) % r.step as i128 == 0)
            }
            Value::Instance(inst) => {
                if let Some(m) = inst.class.lookup_str("__contains__") {
                    let r = self.call(&m, &[container.clone(), item.clone()], &[])?;
                    return self.truthy(&r);
                }
                self.contains_by_iter(container, item)
            }
            Value::Native(n) => match n.obj.class().lookup_str("__contains__") {
                Some(m) => {
                    let r = self.call(&m, &[container.clone(), item.clone()], &[])?;
                    self.truthy(&r)
                }
                None => self.contains_by_iter(container, item),
            },
            _ => self.contains_by_iter(container, item),
        }
    }

    fn contains_by_iter(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        let it = self.iter(container).map_err(|_| {
            PyErr::type_error(format!(
                "argument of type '{}' is not iterable",
                self.type_name(container)
            ))
        })?;
        while let Some(x) = self.next(&it)? {
            if x.ptr_eq(item) || self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// An int usable as an index (`__index__` semantics: ints and bools only).
    pub fn to_index(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(_) => Err(PyErr::new(
                &types().index_error,
                "cannot fit 'int' into an index-sized integer",
            )),
            Value::Instance(inst) => match inst.class.lookup_str("__index__") {
                Some(m) => {
                    let r = self.call(&m, std::slice::from_ref(v), &[])?;
                    self.to_index(&r)
                }
                None => Err(PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    inst.class.name
                ))),
            },
            _ => Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                self.type_name(v)
            ))),
        }
    }

    /// Resolves a slice against a length: (start, stop, step, count), as CPython's
    /// `PySlice_AdjustIndices`.
    pub fn slice_indices(&mut self, s: &SliceObj, len: usize) -> PyResult<(i64, i64, i64, usize)> {
        let len = len as i64;
        let step = match &s.step {
            Value::None => 1,
            v => self.slice_int(v)?,
        };
        if step == 0 {
            return Err(PyErr::value_error("slice step cannot be zero"));
        }
        let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let clamp = |v: i64| -> i64 {
            if v < 0 {
                (v + len).max(lower)
            } else {
                v.min(upper)
            }
        };
        let start = match &s.start {
            Value::None => {
                if step < 0 {
                    upper
                } else {
                    lower
                }
            }
            v => clamp(self.slice_int(v)?),
        };
        let stop = match &s.stop {
            Value::None => {
                if step < 0 {
                    lower
                } else {
                    upper
                }
            }
            v => clamp(self.slice_int(v)?),
        };
        let count = if step > 0 {
            if stop > start {
                (stop - start - 1) / step + 1
            } else {
                0
            }
        } else if start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        Ok((start, stop, step, count as usize))
    }

    fn slice_int(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::BigInt(b) => Ok(if b.is_negative() {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            }),
            Value::Int(_) | Value::Bool(_) | Value::Instance(_) => self.to_index(v),
            _ => Err(PyErr::type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    }

    fn seq_index(&mut self, key: &Value, len: usize, what: &str) -> PyResult<usize> {
        let i = match key {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            Value::BigInt(_) => {
                return Err(PyErr::index_error(format!("{what} index out of range")))
            }
            Value::Instance(_) => self.to_index(key)?,
            _ if what == "string" => {
                return Err(PyErr::type_error(format!(
                    "string indices must be integers, not '{}'",
                    self.type_name(key)
                )))
            }
            _ => {
                return Err(PyErr::type_error(format!(
                    "{what} indices must be integers or slices, not {}",
                    self.type_name(key)
                )))
            }
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(PyErr::index_error(format!("{what} index out of range")));
        }
        Ok(j as usize)
    }

    pub fn getitem(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        match (obj, key) {
            (Value::List(l), Value::Int(i)) => {
                let items = l.items.lock();
                let n = items.len() as i64;
                let j = if *i < 0 { i + n } else { *i };
                if j < 0 || j >= n {
                    return Err(PyErr::index_error("list index out of range"));
                }
                Ok(items[j as usize].clone())
            }
            (Value::List(l), Value::Slice(s)) => {
                let items = l.items.lock().clone();
                let (start, _, step, count) = self.slice_indices(s, items.len())?;
                Ok(Value::list(take_slice(&items, start, step, count)))
            }
            (Value::List(l), _) => {
                let len = l.items.lock().len();
                let i = self.seq_index(key, len, "list")?;
                Ok(l.items.lock()[i].clone())
            }
            (Value::Tuple(t), Value::Slice(s)) => {
                let (start, _, step, count) = self.slice_indices(s, t.len())?;
                Ok(Value::tuple(take_slice(t, start, step, count)))
            }
            (Value::Tuple(t), _) => {
                let i = self.seq_index(key, t.len(), "tuple")?;
                Ok(t[i].clone())
            }
            (Value::Str(s), Value::Slice(sl)) => {
                let len = s.char_len();
                let (start, _, step, count) = self.slice_indices(sl, len)?;
                Ok(Value::string(slice_str(s, start, step, count)))
            }
            (Value::Str(s), _) => {
                let len = s.char_len();
                let i = self.seq_index(key, len, "string")?;
                let c = if s.is_ascii() {
                    s.as_str().as_bytes()[i] as char
                } else {
                    s.as_str().chars().nth(i).unwrap()
                };
                Ok(super::value::char_value(c))
            }
            (Value::Dict(d), _) => {
                let k = self.dict_key(d, key.clone())?;
                let found = d.map.lock().get(&k).cloned();
                match found {
                    Some(v) => Ok(v),
                    None => Err(PyErr::key_error(key.clone())),
                }
            }
            (Value::Range(r), Value::Slice(s)) => {
                let (start, _, step, count) = self.slice_indices(s, r.len() as usize)?;
                let nstart = r.start + start * r.step;
                let nstep = r.step * step;
                let nstop = nstart + count as i64 * nstep;
                Ok(Value::Range(Ref::new(RangeObj {
                    start: nstart,
                    stop: nstop,
                    step: nstep,
                })))
            }
            (Value::Range(r), _) => {
                let i = self.seq_index(key, r.len() as usize, "range object")?;
                Ok(Value::Int(r.start + i as i64 * r.step))
            }
            (Value::Instance(inst), _) => match inst.class.lookup_str("__getitem__") {
                Some(m) => self.call(&m, &[obj.clone(), key.clone()], &[]),
                None => Err(not_subscriptable(self, obj)),
            },
            (Value::Class(c), _) if c.lookup_str("__class_getitem__").is_none() => {
                // `list[int]` in annotations: give back the class itself.
                Ok(obj.clone())
            }
            _ => Err(not_subscriptable(self, obj)),
        }
    }

    pub fn setitem(&mut self, obj: &Value, key: Value, v: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = &key {
                    let new = self.collect(&v)?;
                    let len = l.items.lock().len();
                    let (start, stop, step, count) = self.slice_indices(s, len)?;
                    let mut items = l.items.lock();
                    if step == 1 {
                        let stop = stop.max(start) as usize;
                        items.splice(start as usize..stop, new);
                    } else {
                        if new.len() != count {
                            return Err(PyErr::value_error(format!(
                                "attempt to assign sequence of size {} to extended slice of size {count}",
                                new.len()
                            )));
                        }
                        for (k, x) in new.into_iter().enumerate() {
                            items[(start + k as i64 * step) as usize] = x;
                        }
                    }
                    return Ok(());
                }
                let len = l.items.lock().len();
                let i = self.seq_index(&key, len, "list").map_err(|e| {
                    if e.is(&types().index_error) {
                        PyErr::index_error("list assignment index out of range")
                    } else {
                        e
                    }
                })?;
                let mut items = l.items.lock();
                if i < items.len() {
                    items[i] = v;
                }
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.dict_key(d, key)?;
                d.map.lock().insert(k, v);
                Ok(())
            }
            Value::Instance(inst) => match inst.class.lookup_str("__setitem__") {
                Some(m) => {
                    self.call(&m, &[obj.clone(), key, v], &[])?;
                    Ok(())
                }
                None => Err(PyErr::type_error(format!(
                    "'{}' object does not support item assignment",
                    inst.class.name
                ))),
            },
            _ => Err(PyErr::type_error(format!(
                "'{}' object does not support item assignment",
                self.type_name(obj)
            ))),
        }
    }

    pub fn delitem(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = key {
                    let len = l.items.lock().len();
                    let (start, _, step, count) = self.slice_indices(s, len)?;
                    let mut idx: Vec<usize> = (0..count)
                        .map(|k| (start + k as i64 * step) as usize)
                        .collect();
                    idx.sort_unstable();
                    let mut items = l.items.lock();
                    for i in idx.into_iter().rev() {
                        items.remove(i);
                    }
                    return Ok(());
                }
                let len = l.items.lock().len();
                let i = self.seq_index(key, len, "list").map_err(|e| {
                    if e.is(&types().index_error) {
                        PyErr::index_error("list assignment index out of range")
                    } else {
                        e
                    }
                })?;
                let mut items = l.items.lock();
                if i < items.len() {
                    items.remove(i);
                }
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.dict_key(d, key.clone())?;
                match d.map.lock().shift_remove(&k) {
                    Some(_) => Ok(()),
                    None => Err(PyErr::key_error(key.clone())),
                }
            }
            Value::Instance(inst) => match inst.class.lookup_str("__delitem__") {
                Some(m) => {
                    self.call(&m, &[obj.clone(), key.clone()], &[])?;
                    Ok(())
                }
                None => Err(PyErr::type_error(format!(
                    "'{}' object does not support item deletion",
                    inst.class.name
                ))),
            },
            _ => Err(PyErr::type_error(format!(
                "'{}' object does not support item deletion",
                self.type_name(obj)
            ))),
        }
    }

    /// `format(v, spec)`: the format-spec mini-language for numbers and strings,
    /// `__format__` for user classes.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        match v {
            Value::Str(s) if spec.is_empty() => Ok(s.as_str().to_string()),
            Value::Int(i) => {
                if spec.is_empty() {
                    return Ok(i.to_string());
                }
                let fs = FormatSpec::parse(spec, "int").map_err(fmt_err)?;
                format::format_i64(*i, &fs).map_err(fmt_err)
            }
            Value::BigInt(b) => {
                let fs = FormatSpec::parse(spec, "int").map_err(fmt_err)?;
                format::format_int(b, &fs).map_err(fmt_err)
            }
            Value::Bool(b) => {
                if spec.is_empty() {
                    return Ok(if *b { "True" } else { "False" }.to_string());
                }
                let fs = FormatSpec::parse(spec, "int").map_err(fmt_err)?;
                format::format_i64(*b as i64, &fs).map_err(fmt_err)
            }
            Value::Float(f) => {
                let fs = FormatSpec::parse(spec, "float").map_err(fmt_err)?;
                format::format_float(*f, &fs).map_err(fmt_err)
            }
            Value::Str(s) => {
                let fs = FormatSpec::parse(spec, "str").map_err(fmt_err)?;
                format::format_str(s.as_str(), &fs).map_err(fmt_err)
            }
            Value::Instance(inst) if inst.class.lookup_str("__format__").is_some() => {
                let m = inst.class.lookup_str("__format__").unwrap();
                match self.call(&m, &[v.clone(), Value::str(spec)], &[])? {
                    Value::Str(s) => Ok(s.as_str().to_string()),
                    _ => Err(PyErr::type_error("__format__ must return a str")),
                }
            }
            _ => {
                let s = self.str(v)?;
                if spec.is_empty() {
                    return Ok(s);
                }
                Err(PyErr::type_error(format!(
                    "unsupported format string passed to {}.__format__",
                    self.type_name(v)
                )))
            }
        }
    }
}

/// The keys that share `k`'s hash: the only ones its `__eq__` needs to be asked about.
fn same_hash<'a>(k: &HKey, keys: impl Iterator<Item = &'a HKey>) -> Vec<HKey> {
    keys.filter(|o| o.hash == k.hash).cloned().collect()
}

fn needs_canon(v: &Value) -> bool {
    match v {
        Value::Instance(i) => i.exc.is_none() && i.class.lookup_str("__eq__").is_some(),
        Value::Tuple(t) => t.iter().any(needs_canon),
        _ => false,
    }
}

fn not_subscriptable(vm: &Vm, obj: &Value) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object is not subscriptable",
        vm.type_name(obj)
    ))
}

pub fn take_slice(items: &[Value], start: i64, step: i64, count: usize) -> Vec<Value> {
    if step == 1 {
        let s = start as usize;
        return items[s..s + count].to_vec();
    }
    (0..count)
        .map(|k| items[(start + k as i64 * step) as usize].clone())
        .collect()
}

pub fn slice_str(s: &PyStr, start: i64, step: i64, count: usize) -> String {
    if s.is_ascii() {
        let b = s.as_str().as_bytes();
        if step == 1 {
            return s.as_str()[start as usize..start as usize + count].to_string();
        }
        return (0..count)
            .map(|k| b[(start + k as i64 * step) as usize] as char)
            .collect();
    }
    let chars: Vec<char> = s.as_str().chars().collect();
    (0..count)
        .map(|k| chars[(start + k as i64 * step) as usize])
        .collect()
}

fn num_cmp(a: &Num, b: &Num) -> Option<Ordering> {
    use Num::*;
    match (a, b) {
        (I(x), I(y)) => Some(x.cmp(y)),
        (F(x), F(y)) => x.partial_cmp(y),
        (B(x), B(y)) => Some(x.cmp(y)),
        (I(x), B(y)) => Some(BigInt::from(*x).cmp(y)),
        (B(x), I(y)) => Some(x.cmp(&BigInt::from(*y))),
        (I(x), F(y)) => int_float_cmp(&BigInt::from(*x), *y),
        (B(x), F(y)) => int_float_cmp(x, *y),
        (F(x), I(y)) => int_float_cmp(&BigInt::from(*y), *x).map(Ordering::reverse),
        (F(x), B(y)) => int_float_cmp(y, *x).map(Ordering::reverse),
    }
}

/// Exact comparison of an int with a float (no rounding through f64).
fn int_float_cmp(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f.floor();
    let fi = num_bigint::BigInt::from(fl as i128);
    let fi = if fl.abs() < 1e38 {
        fi
    } else {
        match format::float_to_bigint(fl) {
            Ok(b) => b,
            Err(_) => return None,
        }
    };
    match i.cmp(&fi) {
        Ordering::Equal => {
            if f > fl {
                Some(Ordering::Less)
            } else {
                Some(Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

fn big_truediv(a: &BigInt, b: &BigInt) -> PyResult<f64> {
    match (a.to_f64(), b.to_f64()) {
        (Some(x), Some(y))
            if x.is_finite() && y.is_finite() && x.abs() < 9e15 && y.abs() < 9e15 =>
        {
            Ok(x / y)
        }
        _ => {
            // Scale so the quotient keeps 64+ significant bits, then convert once.
            let shift = (b.bits() as i64 - a.bits() as i64 + 70).max(0) as usize;
            let q = (a << shift) / b;
            let r = q.to_f64().unwrap_or(f64::INFINITY) / 2f64.powi(shift as i32);
            if r.is_infinite() {
                return Err(PyErr::overflow_error(
                    "integer division result too large for a float",
                ));
            }
            Ok(r)
        }
    }
}

const HASH_MODULUS: u64 = (1 << 61) - 1;

pub fn hash_i64(i: i64) -> i64 {
    let m = (i.unsigned_abs() % HASH_MODULUS) as i64;
    let h = if i < 0 { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

pub fn hash_bigint(b: &BigInt) -> i64 {
    let m = (b.abs() % BigInt::from(HASH_MODULUS)).to_i64().unwrap_or(0);
    let h = if b.is_negative() { -m } else { m };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython's `_Py_HashDouble`: equal to the int hash for integral floats.
pub fn hash_f64(v: f64) -> i64 {
    if !v.is_finite() {
        return if v.is_nan() {
            0
        } else if v > 0.0 {
            314159
        } else {
            -314159
        };
    }
    let (mut m, mut e) = frexp(v.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & HASH_MODULUS) | (x >> (61 - e));
    let mut h = x as i64;
    if v < 0.0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, e)
}

/// CPython's tuple hash (xxHash-based), so `hash((1, 2))` matches.
pub fn hash_tuple(hs: &[i64]) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for &h in hs {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((hs.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}
