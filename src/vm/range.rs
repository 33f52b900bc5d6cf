//! `range` objects. Most ranges have i64 bounds and a length that fits in i64; they
//! keep the inline fields, which the iterator and indexing fast paths read. A range
//! whose start, stop or step does not fit, or whose length is past i64 (CPython's
//! ranges hold arbitrary ints: `range(2**64)[2**63]` works, only `len()` of it raises
//! OverflowError), keeps its bounds as bigints in `big` instead; every operation that
//! reads the inline fields checks `big` first.

use super::dispatch::type_ref;
use super::errors::{PyErr, PyResult};
use super::object::SliceObj;
use super::value::Value;
use super::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

#[derive(Debug, Clone)]
pub struct RangeObj {
    /// Meaningful only when `big` is None (then the length fits in i64 and the step
    /// is not i64::MIN, so `-step` and every element fit too).
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub big: Option<Box<BigRange>>,
}

#[derive(Debug, Clone)]
pub struct BigRange {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
    pub len: BigInt,
}

fn small_len(start: i64, stop: i64, step: i64) -> i128 {
    let (lo, hi, step) = (start as i128, stop as i128, step as i128);
    if step > 0 && lo < hi {
        (hi - lo - 1) / step + 1
    } else if step < 0 && lo > hi {
        (lo - hi - 1) / (-step) + 1
    } else {
        0
    }
}

fn big_len(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    if step.is_positive() && start < stop {
        (stop - start - 1u8) / step + 1u8
    } else if step.is_negative() && start > stop {
        (start - stop - 1u8) / (-step) + 1u8
    } else {
        BigInt::zero()
    }
}

fn too_large() -> PyErr {
    PyErr::overflow_error("Python int too large to convert to C ssize_t")
}

/// The int behind an int value (ints, bools, bigints); None for anything else.
pub fn int_of(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as u8)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

/// `operator.index(v)` as a bigint (no size limit, unlike `Vm::to_index`).
pub fn index_big(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    if let Some(b) = int_of(v) {
        return Ok(b);
    }
    match type_ref(v).slots.index.get() {
        Some(f) => {
            let r = f(vm, v)?;
            int_of(r.payload()).ok_or_else(|| {
                PyErr::type_error(format!(
                    "__index__ returned non-int (type {})",
                    vm.type_name(&r)
                ))
            })
        }
        None => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

impl RangeObj {
    pub fn new(start: i64, stop: i64, step: i64) -> RangeObj {
        if step != i64::MIN && small_len(start, stop, step) <= i64::MAX as i128 {
            RangeObj {
                start,
                stop,
                step,
                big: None,
            }
        } else {
            RangeObj::from_big(start.into(), stop.into(), step.into())
        }
    }

    /// A range from arbitrary ints (`step` not zero), inline when it fits.
    pub fn from_big(start: BigInt, stop: BigInt, step: BigInt) -> RangeObj {
        if let (Some(a), Some(b), Some(c)) = (start.to_i64(), stop.to_i64(), step.to_i64()) {
            if c != i64::MIN && small_len(a, b, c) <= i64::MAX as i128 {
                return RangeObj::new(a, b, c);
            }
        }
        let len = big_len(&start, &stop, &step);
        RangeObj {
            start: 0,
            stop: 0,
            step: 1,
            big: Some(Box::new(BigRange {
                start,
                stop,
                step,
                len,
            })),
        }
    }

    pub fn start_big(&self) -> BigInt {
        match &self.big {
            Some(b) => b.start.clone(),
            None => self.start.into(),
        }
    }

    pub fn stop_big(&self) -> BigInt {
        match &self.big {
            Some(b) => b.stop.clone(),
            None => self.stop.into(),
        }
    }

    pub fn step_big(&self) -> BigInt {
        match &self.big {
            Some(b) => b.step.clone(),
            None => self.step.into(),
        }
    }

    pub fn len_big(&self) -> BigInt {
        match &self.big {
            Some(b) => b.len.clone(),
            None => BigInt::from(small_len(self.start, self.stop, self.step)),
        }
    }

    pub fn start_value(&self) -> Value {
        match &self.big {
            Some(b) => Value::from_bigint(b.start.clone()),
            None => Value::Int(self.start),
        }
    }

    pub fn stop_value(&self) -> Value {
        match &self.big {
            Some(b) => Value::from_bigint(b.stop.clone()),
            None => Value::Int(self.stop),
        }
    }

    pub fn step_value(&self) -> Value {
        match &self.big {
            Some(b) => Value::from_bigint(b.step.clone()),
            None => Value::Int(self.step),
        }
    }

    pub fn len_value(&self) -> Value {
        match &self.big {
            Some(b) => Value::from_bigint(b.len.clone()),
            None => Value::Int(small_len(self.start, self.stop, self.step) as i64),
        }
    }

    /// The length when it fits in i64.
    pub fn len_i64(&self) -> Option<i64> {
        match &self.big {
            Some(b) => b.len.to_i64(),
            None => Some(small_len(self.start, self.stop, self.step) as i64),
        }
    }

    /// `len(r)`: CPython's OverflowError past ssize_t.
    pub fn len_checked(&self) -> PyResult<usize> {
        self.len_i64().map(|n| n as usize).ok_or_else(too_large)
    }

    pub fn is_empty(&self) -> bool {
        match &self.big {
            Some(b) => b.len.is_zero(),
            None => small_len(self.start, self.stop, self.step) == 0,
        }
    }

    /// The element at position `k` (not bounds-checked).
    fn item_big(&self, k: &BigInt) -> Value {
        Value::from_bigint(self.start_big() + k * self.step_big())
    }

    /// The element at position `k`, if `k` is below the length.
    pub fn item_at(&self, k: usize) -> Option<Value> {
        match &self.big {
            Some(b) => {
                let k = BigInt::from(k);
                (k < b.len).then(|| self.item_big(&k))
            }
            None => ((k as i128) < small_len(self.start, self.stop, self.step))
                .then(|| Value::Int(self.start + k as i64 * self.step)),
        }
    }

    /// The position of the int `x`, if it is an element.
    pub fn position(&self, x: &BigInt) -> Option<BigInt> {
        let (q, r) = (x - self.start_big()).div_rem(&self.step_big());
        (r.is_zero() && !q.is_negative() && q < self.len_big()).then_some(q)
    }

    /// The position of `x` for a small range and an i64 `x` (the common case).
    pub fn position_small(&self, x: i64) -> Option<i64> {
        if self.big.is_some() {
            return self.position(&x.into()).and_then(|q| q.to_i64());
        }
        let off = x as i128 - self.start as i128;
        let step = self.step as i128;
        if off % step != 0 {
            return None;
        }
        let k = off / step;
        (k >= 0 && k < small_len(self.start, self.stop, self.step)).then_some(k as i64)
    }

    /// `r == other`: ranges compare as the sequences they stand for.
    pub fn same_as(&self, o: &RangeObj) -> bool {
        if self.big.is_none() && o.big.is_none() {
            let (lx, ly) = (
                small_len(self.start, self.stop, self.step),
                small_len(o.start, o.stop, o.step),
            );
            return lx == ly
                && (lx == 0 || (self.start == o.start && (lx == 1 || self.step == o.step)));
        }
        let (lx, ly) = (self.len_big(), o.len_big());
        lx == ly
            && (lx.is_zero()
                || (self.start_big() == o.start_big()
                    && (lx.is_one() || self.step_big() == o.step_big())))
    }

    /// CPython's range_hash: the hash of `(len, start, step)`, with None for what the
    /// length makes irrelevant, so equal ranges hash equal.
    pub fn hash(&self, vm: &mut Vm) -> PyResult<i64> {
        let len = self.len_big();
        let (start, step) = if len.is_zero() {
            (Value::None, Value::None)
        } else if len.is_one() {
            (self.start_value(), Value::None)
        } else {
            (self.start_value(), self.step_value())
        };
        vm.hash(&Value::tuple(vec![Value::from_bigint(len), start, step]))
    }

    pub fn repr(&self) -> String {
        let (a, b, c) = (self.start_big(), self.stop_big(), self.step_big());
        if c.is_one() {
            format!("range({a}, {b})")
        } else {
            format!("range({a}, {b}, {c})")
        }
    }

    /// The same elements in the opposite order.
    pub fn reversed(&self) -> RangeObj {
        let (start, step) = (self.start_big(), self.step_big());
        let len = self.len_big();
        if len.is_zero() {
            return RangeObj::new(0, 0, 1);
        }
        let last = &start + (len - 1u8) * &step;
        RangeObj::from_big(last, start - &step, -step)
    }

    /// `r[key]` for an int or a slice key.
    pub fn getitem(&self, vm: &mut Vm, key: &Value) -> PyResult<Value> {
        if let Value::Slice(s) = key {
            return Ok(Value::Range(super::refcount::Ref::new(self.slice(vm, s)?)));
        }
        if let (Value::Int(i), None) = (key, &self.big) {
            let n = small_len(self.start, self.stop, self.step) as i64;
            let j = if *i < 0 { i.wrapping_add(n) } else { *i };
            if *i >= -n && j < n {
                return Ok(Value::Int(self.start + j * self.step));
            }
            return Err(PyErr::index_error("range object index out of range"));
        }
        let i = match key {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => int_of(key).unwrap(),
            _ if type_ref(key).slots.index.get().is_some() => index_big(vm, key)?,
            _ => {
                return Err(PyErr::type_error(format!(
                    "range indices must be integers or slices, not {}",
                    vm.type_name(key)
                )))
            }
        };
        let len = self.len_big();
        let j = if i.is_negative() { i + &len } else { i };
        if j.is_negative() || j >= len {
            return Err(PyErr::index_error("range object index out of range"));
        }
        Ok(self.item_big(&j))
    }

    /// `r[a:b:c]`, as CPython's compute_slice: the slice's indices are resolved
    /// against the length with unbounded ints, then mapped through the range.
    fn slice(&self, vm: &mut Vm, s: &SliceObj) -> PyResult<RangeObj> {
        let idx = |vm: &mut Vm, v: &Value| -> PyResult<BigInt> {
            if int_of(v).is_none() && type_ref(v).slots.index.get().is_none() {
                return Err(PyErr::type_error(
                    "slice indices must be integers or None or have an __index__ method",
                ));
            }
            index_big(vm, v)
        };
        let step = match &s.step {
            Value::None => BigInt::one(),
            v => idx(vm, v)?,
        };
        if step.is_zero() {
            return Err(PyErr::value_error("slice step cannot be zero"));
        }
        let len = self.len_big();
        let neg = step.is_negative();
        let (lower, upper) = if neg {
            (BigInt::from(-1), &len - 1u8)
        } else {
            (BigInt::zero(), len.clone())
        };
        let clamp = |v: BigInt| -> BigInt {
            if v.is_negative() {
                let v = v + &len;
                if v < lower {
                    lower.clone()
                } else {
                    v
                }
            } else if v > upper {
                upper.clone()
            } else {
                v
            }
        };
        let start = match &s.start {
            Value::None => (if neg { &upper } else { &lower }).clone(),
            v => clamp(idx(vm, v)?),
        };
        let stop = match &s.stop {
            Value::None => (if neg { &lower } else { &upper }).clone(),
            v => clamp(idx(vm, v)?),
        };
        let (rstart, rstep) = (self.start_big(), self.step_big());
        Ok(RangeObj::from_big(
            &rstart + start * &rstep,
            &rstart + stop * &rstep,
            rstep * step,
        ))
    }

    /// `x in r`: ints by arithmetic; integral floats too (CPython compares them
    /// element by element, with the same answer); anything else is None, for the
    /// caller's search by equality.
    pub fn contains(&self, x: &Value) -> Option<bool> {
        match x {
            Value::Int(i) => Some(self.position_small(*i).is_some()),
            Value::Bool(b) => Some(self.position_small(*b as i64).is_some()),
            Value::BigInt(b) => Some(self.position(b).is_some()),
            Value::Float(f) if f.is_finite() => Some(
                f.fract() == 0.0
                    && num_traits::FromPrimitive::from_f64(*f)
                        .is_some_and(|b: BigInt| self.position(&b).is_some()),
            ),
            Value::Float(_) => Some(false),
            _ => None,
        }
    }
}

/// `range(...)`.
pub fn range_new(vm: &mut Vm, args: &[Value]) -> PyResult<Value> {
    if args.len() > 3 {
        return Err(PyErr::type_error(format!(
            "range expected at most 3 arguments, got {}",
            args.len()
        )));
    }
    if args.is_empty() {
        return Err(PyErr::type_error(
            "range expected at least 1 argument, got 0",
        ));
    }
    let small: Option<Vec<i64>> = args
        .iter()
        .map(|v| match v {
            Value::Int(i) => Some(*i),
            _ => None,
        })
        .collect();
    let r = match small.as_deref() {
        Some([stop]) => RangeObj::new(0, *stop, 1),
        Some([start, stop]) => RangeObj::new(*start, *stop, 1),
        Some(&[_, _, 0]) => return Err(PyErr::value_error("range() arg 3 must not be zero")),
        Some([start, stop, step]) => RangeObj::new(*start, *stop, *step),
        _ => {
            let mut ints = Vec::with_capacity(3);
            for v in args {
                ints.push(index_big(vm, v)?);
            }
            let mut it = ints.into_iter();
            let (start, stop, step) = match (it.next(), it.next(), it.next()) {
                (Some(stop), None, _) => (BigInt::zero(), stop, BigInt::one()),
                (Some(start), Some(stop), None) => (start, stop, BigInt::one()),
                (Some(start), Some(stop), Some(step)) => (start, stop, step),
                _ => unreachable!("1 to 3 arguments"),
            };
            if step.is_zero() {
                return Err(PyErr::value_error("range() arg 3 must not be zero"));
            }
            RangeObj::from_big(start, stop, step)
        }
    };
    Ok(Value::Range(super::refcount::Ref::new(r)))
}

/// `range.count(x)` for an int `x` (others are counted by equality by the caller).
pub fn count_int(r: &RangeObj, x: &Value) -> Option<bool> {
    match x {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => r.contains(x),
        _ => None,
    }
}

/// `range.index(x)` for an int `x`.
pub fn index_int(r: &RangeObj, x: &Value) -> Option<Option<Value>> {
    let b = match x {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => int_of(x)?,
        _ => return None,
    };
    Some(r.position(&b).map(Value::from_bigint))
}
