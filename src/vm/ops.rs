//! The built-in implementations behind the native slots (natives.rs): arithmetic on
//! numbers, sequence concat/repeat, set algebra, comparison, hashing, membership,
//! subscripts and slices, and `format()`. Dispatch (which slot runs) is dispatch.rs.

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
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::sync::OnceLock;

/// The address of the `NotImplemented` object, for identity tests without a clone.
pub fn not_implemented_addr() -> usize {
    static ADDR: OnceLock<usize> = OnceLock::new();
    *ADDR.get_or_init(|| not_implemented().header().map_or(0, |h| h.addr()))
}

/// The `NotImplemented` singleton that binary dunders return to decline.
pub fn not_implemented() -> Value {
    static NI: OnceLock<Value> = OnceLock::new();
    NI.get_or_init(|| {
        let cls = &types().not_implemented_type;
        let v = Value::Instance(Ref::with_type(
            Instance::new(cls, Value::Null, None),
            cls.clone(),
        ));
        // One per process, so shared by every interpreter (refcount.rs).
        v.make_immortal();
        v
    })
    .clone()
}

/// The `Ellipsis` singleton (`...`), the one instance of the built-in `ellipsis` type.
pub fn ellipsis() -> Value {
    static E: OnceLock<Value> = OnceLock::new();
    E.get_or_init(|| {
        let cls = &types().ellipsis;
        let v = Value::Instance(Ref::with_type(
            Instance::new(cls, Value::Null, None),
            cls.clone(),
        ));
        // One per process, so shared by every interpreter (refcount.rs).
        v.make_immortal();
        v
    })
    .clone()
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
    /// Arithmetic on two built-in numbers (int, bool, float; payloads already taken);
    /// `None` when either is not a number or the operator does not apply.
    pub fn num_binop(&mut self, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
            // bool & | ^ bool stays a bool, as in CPython.
            match op.base() {
                BinaryOp::And => return Ok(Some(Value::Bool(*x & *y))),
                BinaryOp::Or => return Ok(Some(Value::Bool(*x | *y))),
                BinaryOp::Xor => return Ok(Some(Value::Bool(*x ^ *y))),
                _ => {}
            }
        }
        match (num(a), num(b)) {
            (Some(x), Some(y)) => self.num_op(op.base(), x, y),
            _ => Ok(None),
        }
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
                if a.is_zero() {
                    return Ok(Some(Value::Int(0)));
                }
                if matches!(op, RShift) {
                    match b.to_usize() {
                        Some(n) => a >> n,
                        None => return Ok(Some(Value::Int(if a.is_negative() { -1 } else { 0 }))),
                    }
                } else {
                    // As CPython: a shift computes unless its count in 30-bit digits
                    // is past ssize_t; a result past memory is a MemoryError (never
                    // an abort).
                    if &b / 30u8 > BigInt::from(i64::MAX) {
                        return Err(PyErr::overflow_error("too many digits in integer"));
                    }
                    let n = b.to_u64().ok_or_else(super::builtins::memory_error)?;
                    int_room(a.bits().checked_add(n))?;
                    a << n as usize
                }
            }
            TrueDiv => {
                if b.is_zero() {
                    return Err(PyErr::zero_division("division by zero"));
                }
                return Ok(Some(Value::Float(big_truediv(&a, &b)?)));
            }
            Mul => {
                if a.bits() + b.bits() > BIG_RESULT_BITS {
                    int_room(Some(a.bits() + b.bits()))?;
                }
                a * b
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
                return int_pow(a, &b).map(Some);
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

    /// `a + b` for str, list and tuple (the concat slot; payloads already taken).
    pub fn seq_concat(&mut self, a: &Value, b: &Value) -> PyResult<Value> {
        Ok(match (a, b) {
            (Value::Str(x), Value::Str(y)) => {
                let mut s = String::with_capacity(x.as_str().len() + y.as_str().len());
                s.push_str(x.as_str());
                s.push_str(y.as_str());
                Value::string(s)
            }
            (Value::List(x), Value::List(y)) => {
                let mut v = x.items.lock().clone();
                v.extend(y.items.lock().iter().cloned());
                Value::list(v)
            }
            (Value::Tuple(x), Value::Tuple(y)) => {
                let mut v = (**x).clone();
                v.extend(y.iter().cloned());
                Value::tuple(v)
            }
            _ => {
                let t = self.type_name(a);
                let t = match a {
                    Value::Str(_) => "str".to_string(),
                    Value::List(_) => "list".to_string(),
                    Value::Tuple(_) => "tuple".to_string(),
                    _ => t,
                };
                return Err(PyErr::type_error(format!(
                    "can only concatenate {t} (not \"{}\") to {t}",
                    self.type_name(b)
                )));
            }
        })
    }

    /// Set algebra (`| & - ^`) between two sets or frozensets, in place into `a` when
    /// `inplace`; `None` when either is not a set.
    pub fn set_op(
        &mut self,
        op: BinaryOp,
        a: &Value,
        b: &Value,
        inplace: bool,
    ) -> PyResult<Option<Value>> {
        use BinaryOp::*;
        let (Value::Set(x), Value::Set(y)) = (a, b) else {
            return Ok(None);
        };
        let xs = x.items.lock().clone();
        let ys = y.items.lock().clone();
        let r: KeySet = match op.base() {
            Or => xs.iter().chain(ys.iter()).cloned().collect(),
            And => xs.iter().filter(|k| ys.contains(*k)).cloned().collect(),
            Sub => xs.iter().filter(|k| !ys.contains(*k)).cloned().collect(),
            Xor => (xs.iter().filter(|k| !ys.contains(*k)))
                .chain(ys.iter().filter(|k| !xs.contains(*k)))
                .cloned()
                .collect(),
            _ => return Ok(None),
        };
        if inplace && !x.frozen {
            let old = std::mem::replace(&mut *x.items.lock(), r);
            drop(old);
            return Ok(Some(a.clone()));
        }
        Ok(Some(Value::Set(Ref::new(SetObj::new(r, x.frozen)))))
    }

    /// `seq * n` for str, list and tuple (the repeat slot; payload already taken).
    pub fn seq_repeat(&mut self, seq: &Value, n: i64) -> PyResult<Value> {
        let n = n.max(0) as usize;
        // CPython's size checks: a str longer than the address space is an
        // OverflowError, a list or tuple MemoryError; then the allocation may fail.
        let total = |len: usize| len.checked_mul(n).filter(|t| *t <= isize::MAX as usize);
        Ok(match seq {
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
            _ => return Err(PyErr::type_error("can't multiply this sequence")),
        })
    }

    /// `-x` for a built-in number.
    pub fn num_neg(&mut self, a: &Value) -> PyResult<Value> {
        Ok(match a {
            Value::Int(i) => match i.checked_neg() {
                Some(r) => Value::Int(r),
                None => Value::from_bigint(-BigInt::from(*i)),
            },
            Value::Bool(b) => Value::Int(-(*b as i64)),
            Value::Float(f) => Value::Float(-f),
            Value::BigInt(b) => Value::from_bigint(-(**b).clone()),
            _ => not_implemented(),
        })
    }

    /// Comparisons between built-in values; `None` when the types don't compare natively.
    pub fn builtin_cmp(&mut self, op: CompareOp, a: &Value, b: &Value) -> PyResult<Option<bool>> {
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
                let eq = x.same_as(y);
                return Ok(Some(eq == (op == CompareOp::Eq)));
            }
            _ => match (num(a), num(b)) {
                (Some(x), Some(y)) => num_cmp(&x, &y),
                _ => return Ok(None),
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

    pub(crate) fn seq_cmp(&mut self, op: CompareOp, xs: &[Value], ys: &[Value]) -> PyResult<bool> {
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

    /// The hash a tuple of `items` has, without the tuple (lru_cache probes with it).
    pub fn hash_items(&mut self, items: &[Value]) -> PyResult<i64> {
        let mut h = TupleHasher::new();
        for x in items {
            h.add(self.hash(x)?);
        }
        Ok(h.finish(items.len()))
    }

    /// The hash of a built-in value (numbers as CPython, so `hash(1) == hash(1.0)`).
    pub fn hash_builtin(&mut self, v: &Value) -> PyResult<i64> {
        Ok(match v {
            Value::Int(i) => hash_i64(*i),
            Value::Bool(b) => *b as i64,
            Value::BigInt(b) => hash_bigint(b),
            Value::Float(f) => hash_f64(*f),
            Value::Str(s) => s.py_hash() as i64,
            Value::None => 0xFCA86420,
            Value::Range(r) => r.hash(self)?,
            Value::Tuple(t) => self.hash_items(t)?,
            Value::Set(s) if s.frozen => {
                let mut h: u64 = 0;
                for k in s.items.lock().iter() {
                    h ^= (k.hash ^ (k.hash << 16) ^ 89869747).wrapping_mul(3644798167);
                }
                h as i64
            }
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
        let same = same_hash_in_map(&k, &d.map.lock());
        self.canon_key(k, same)
    }

    pub fn set_key(&mut self, s: &SetObj, key: Value) -> PyResult<HKey> {
        let k = self.hkey(key)?;
        if !needs_canon(&k.key) {
            return Ok(k);
        }
        let same = same_hash_in_set(&k, &s.items.lock());
        self.canon_key(k, same)
    }

    /// `item in container` for the built-in containers (payload already taken).
    pub fn contains_builtin(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
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
            Value::Range(r) => match r.contains(item) {
                Some(found) => Ok(found),
                None => self.contains_by_iter(container, item),
            },
            _ => self.contains_by_iter(container, item),
        }
    }

    fn seq_index(&mut self, key: &Value, len: usize, what: &str) -> PyResult<usize> {
        let i = match key {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            Value::BigInt(_) => {
                return Err(PyErr::index_error(format!("{what} index out of range")))
            }
            _ if super::dispatch::type_ref(key).slots.index.get().is_some() => {
                self.to_index(key)?
            }
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

    /// `obj[key]` for the built-in containers; a dict subclass's `__missing__` is
    /// called for a missing key, as CPython's `dict.__getitem__` does.
    pub fn getitem_builtin(&mut self, whole: &Value, key: &Value) -> PyResult<Value> {
        let obj = whole.payload();
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
                let spec = self.slice_unpack(s)?;
                let items = l.items.lock();
                let sp = spec.adjust(items.len());
                let part = take_slice(&items, sp.start, sp.step, sp.count);
                drop(items);
                Ok(Value::list(part))
            }
            (Value::List(l), _) => {
                let len = l.items.lock().len();
                let i = self.seq_index(key, len, "list")?;
                // `__index__` may have shrunk the list since `len` was read.
                let item = l.items.lock().get(i).cloned();
                item.ok_or_else(|| PyErr::index_error("list index out of range"))
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
                Ok(super::value::char_value(s.char_at(i)))
            }
            (Value::Dict(d), _) => {
                let k = self.dict_key(d, key.clone())?;
                let found = d.map.lock().get(&k).cloned();
                match found {
                    Some(v) => Ok(v),
                    None => {
                        if !whole.ptr_eq(obj) {
                            if let Some(m) = super::slots::call_dunder(
                                self,
                                whole,
                                "__missing__",
                                std::slice::from_ref(key),
                            )? {
                                return Ok(m);
                            }
                        }
                        Err(PyErr::key_error(key.clone()))
                    }
                }
            }
            (Value::Range(r), _) => r.getitem(self, key),
            _ => Err(not_subscriptable(self, obj)),
        }
    }

    /// `obj[key] = v` for list and dict (payload already taken).
    pub fn setitem_builtin(&mut self, obj: &Value, key: Value, v: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = &key {
                    let new = self.collect(&v)?;
                    let spec = self.slice_unpack(s)?;
                    let mut items = l.items.lock();
                    let sp = spec.adjust(items.len());
                    // The replaced items are dropped after the lock is released.
                    let old: Vec<Value> = if sp.step == 1 {
                        let stop = sp.stop.max(sp.start) as usize;
                        let mut old: Vec<Value> =
                            items.splice(sp.start as usize..stop, new).collect();
                        // CPython releases a contiguous slice's items last first.
                        old.reverse();
                        old
                    } else {
                        if new.len() != sp.count {
                            return Err(PyErr::value_error(format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                new.len(),
                                sp.count
                            )));
                        }
                        new.into_iter()
                            .enumerate()
                            .map(|(k, x)| {
                                let i = (sp.start + k as i64 * sp.step) as usize;
                                std::mem::replace(&mut items[i], x)
                            })
                            .collect()
                    };
                    drop(items);
                    drop(old);
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
                // `__index__` may have shrunk the list since `len` was read.
                if i >= items.len() {
                    return Err(PyErr::index_error("list assignment index out of range"));
                }
                let old = std::mem::replace(&mut items[i], v);
                drop(items);
                drop(old);
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.dict_key(d, key)?;
                d.map.lock().insert(k, v);
                Ok(())
            }
            _ => Err(PyErr::type_error(format!(
                "'{}' object does not support item assignment",
                self.type_name(obj)
            ))),
        }
    }

    /// `del obj[key]` for list and dict (payload already taken).
    pub fn delitem_builtin(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = key {
                    let spec = self.slice_unpack(s)?;
                    let mut items = l.items.lock();
                    let sp = spec.adjust(items.len());
                    let mut removed = sp.delete_from(&mut items, 1);
                    drop(items);
                    if sp.step == 1 {
                        // CPython releases a contiguous slice's items last first.
                        removed.reverse();
                    }
                    drop(removed);
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
                if i >= items.len() {
                    return Err(PyErr::index_error("list assignment index out of range"));
                }
                let old = items.remove(i);
                drop(items);
                drop(old);
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.dict_key(d, key.clone())?;
                match d.map.lock().remove(&k) {
                    Some(_) => Ok(()),
                    None => Err(PyErr::key_error(key.clone())),
                }
            }
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
            _ if super::dispatch::type_ref(v).is_heap() || native_format(v) => {
                match super::slots::call_dunder(self, v, "__format__", &[Value::str(spec)])? {
                    Some(r) => match r.payload() {
                        Value::Str(s) => Ok(s.as_str().to_string()),
                        _ => Err(PyErr::type_error(format!(
                            "__format__ must return a str, not {}",
                            self.type_name(&r)
                        ))),
                    },
                    None => self.format_default(v, spec),
                }
            }
            _ => self.format_default(v, spec),
        }
    }

    /// `object.__format__`: `str(v)` for an empty spec, else an error.
    pub fn format_default(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        match v.payload() {
            p if !p.ptr_eq(v) => {
                let p = p.clone();
                self.format(&p, spec)
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

/// Whether `v` is an object of a native module's class with its own `__format__`
/// (datetime.date), which `format()` must call as it calls a Python class's.
fn native_format(v: &Value) -> bool {
    matches!(v, Value::Native(_))
        && super::dispatch::type_ref(v)
            .raw_attrs()
            .lock()
            .contains_key(&super::value::intern("__format__"))
}

/// The keys that share `k`'s hash: the only ones its `__eq__` needs to be asked about.
fn same_hash<'a>(k: &HKey, keys: impl Iterator<Item = &'a HKey>) -> Vec<HKey> {
    keys.filter(|o| o.hash == k.hash).cloned().collect()
}

/// The keys of `map` stored under `k`'s hash (cloned: no guard may be held while
/// `__eq__` runs, since it may mutate the dict).
fn same_hash_in_map(k: &HKey, map: &DictMap) -> Vec<HKey> {
    map.keys_with_hash(k).cloned().collect()
}

/// `same_hash_in_map` for a set's keys.
fn same_hash_in_set(k: &HKey, set: &KeySet) -> Vec<HKey> {
    set.keys_with_hash(k).cloned().collect()
}

/// Whether a key's equality is more than `key_eq` knows: its type's comparison is
/// not a native one (a class defining `__eq__`), or it is a subclass instance.
pub(crate) fn needs_canon(v: &Value) -> bool {
    match v {
        Value::Instance(_) | Value::Native(_) => {
            let ty = super::dispatch::type_ref(v);
            let native = ty.slots.compare.get().map(|f| f as usize);
            let object = super::natives::object_compare as super::slots::CompareFn as usize;
            !v.payload().ptr_eq(v) || native != Some(object)
        }
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
    if count == 0 {
        return String::new();
    }
    // Only the chars the slice spans are decoded, from the string's char index.
    let last = start + (count as i64 - 1) * step;
    let (lo, hi) = (start.min(last) as usize, start.max(last) as usize);
    let (b0, b1) = (s.byte_offset(lo), s.byte_offset(hi + 1));
    let span = &s.as_str()[b0..b1];
    if step == 1 {
        return span.to_string();
    }
    let chars: Vec<char> = span.chars().collect();
    (0..count)
        .map(|k| chars[((start + k as i64 * step) as usize) - lo])
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
    let mut h = TupleHasher::new();
    hs.iter().for_each(|&x| h.add(x));
    h.finish(hs.len())
}

/// `hash_tuple` fed one item's hash at a time, so hashing a tuple needs no buffer.
struct TupleHasher(u64);

impl TupleHasher {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;

    fn new() -> TupleHasher {
        TupleHasher(Self::P5)
    }

    #[inline]
    fn add(&mut self, h: i64) {
        let acc = self.0.wrapping_add((h as u64).wrapping_mul(Self::P2));
        self.0 = acc.rotate_left(31).wrapping_mul(Self::P1);
    }

    fn finish(self, len: usize) -> i64 {
        let acc = self.0.wrapping_add((len as u64) ^ (Self::P5 ^ 3527539));
        if acc == u64::MAX {
            return 1546275796;
        }
        acc as i64
    }
}

/// Results up to this size are computed without asking the allocator first.
const BIG_RESULT_BITS: u64 = 1 << 23;

/// MemoryError, before computing an int of `bits` bits (None: past u64), when the
/// allocator would refuse it: num-bigint's allocations are infallible and abort.
/// Twice the size is asked for, as the operations' temporaries take as much again.
fn int_room(bits: Option<u64>) -> PyResult<()> {
    let bits = bits.ok_or_else(super::builtins::memory_error)?;
    if bits <= BIG_RESULT_BITS {
        return Ok(());
    }
    let bytes = usize::try_from(bits / 8 + 16)
        .ok()
        .and_then(|n| n.checked_mul(2))
        .ok_or_else(super::builtins::memory_error)?;
    drop(super::alloc::vec::<u8>(bytes)?);
    Ok(())
}

/// `a ** e` for ints, `e >= 0`: computed for every size CPython computes.
/// A power of two times `±1` is a shift (`2**10**9` in linear time).
fn int_pow(a: BigInt, e: &BigInt) -> PyResult<Value> {
    if e.is_zero() || a.is_one() {
        return Ok(Value::Int(1));
    }
    if a.is_zero() {
        return Ok(Value::Int(0));
    }
    let odd_e = e.is_odd();
    if a == BigInt::from(-1) {
        return Ok(Value::Int(if odd_e { -1 } else { 1 }));
    }
    // |a| >= 2: an exponent past u64 is a result past any memory.
    let e = e.to_u64().ok_or_else(super::builtins::memory_error)?;
    let tz = a.trailing_zeros().unwrap_or(0);
    let odd = &a >> tz as usize;
    let shift = tz.checked_mul(e);
    if odd.magnitude().is_one() {
        let shift = shift.ok_or_else(super::builtins::memory_error)?;
        int_room(shift.checked_add(1))?;
        let r = BigInt::one() << shift as usize;
        return Ok(int_result(if odd.is_negative() && odd_e { -r } else { r }));
    }
    int_room(a.bits().checked_mul(e))?;
    let r = num_traits::Pow::pow(&odd, e);
    let shift = shift.ok_or_else(super::builtins::memory_error)?;
    Ok(int_result(if shift == 0 { r } else { r << shift as usize }))
}
