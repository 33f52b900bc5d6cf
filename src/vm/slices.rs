//! Slices in two steps, as CPython's `PySlice_Unpack` and `PySlice_AdjustIndices`:
//! the bounds' `__index__` (user code) runs first, and only then is the slice
//! resolved against the container's length, taken under the container's lock, so a
//! container that `__index__` (or, under `--gil off`, another thread) resized cannot
//! be indexed past its end. Also the bulk edits of mutable sequences, in one pass.

use super::errors::{PyErr, PyResult};
use super::object::SliceObj;
use super::value::Value;
use super::Vm;
use num_traits::Signed;

/// A slice whose bounds are plain integers; `None` bounds stay open until `adjust`.
#[derive(Clone, Copy, Debug)]
pub struct SliceSpec {
    start: Option<i64>,
    stop: Option<i64>,
    step: i64,
}

/// A slice resolved against one length: every index it names is in `0..len`.
#[derive(Clone, Copy, Debug)]
pub struct Span {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    pub count: usize,
}

impl SliceSpec {
    pub fn adjust(&self, len: usize) -> Span {
        let len = len as i64;
        let step = self.step;
        let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let clamp = |v: i64| -> i64 {
            if v < 0 {
                (v + len).max(lower)
            } else {
                v.min(upper)
            }
        };
        let start = match self.start {
            None if step < 0 => upper,
            None => lower,
            Some(v) => clamp(v),
        };
        let stop = match self.stop {
            None if step < 0 => lower,
            None => upper,
            Some(v) => clamp(v),
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
        Span {
            start,
            stop,
            step,
            count: count as usize,
        }
    }
}

impl Span {
    /// The same indices in ascending order, as (first, stride).
    fn ascending(&self) -> (usize, usize) {
        if self.step > 0 {
            (self.start as usize, self.step as usize)
        } else {
            let last = self.start + (self.count as i64 - 1) * self.step;
            (last.max(0) as usize, (-self.step) as usize)
        }
    }

    /// Removes the span's items from `v` (each `unit` elements wide: 1 for a list,
    /// the item size for an array) in one pass, returning them so that the caller can
    /// drop them after releasing the container's lock: dropping runs `__del__`, which
    /// may touch the container.
    pub fn delete_from<T>(&self, v: &mut Vec<T>, unit: usize) -> Vec<T> {
        if self.count == 0 {
            return Vec::new();
        }
        let (first, stride) = self.ascending();
        if stride == 1 || self.count == 1 {
            let lo = first * unit;
            return v.drain(lo..lo + self.count * unit).collect();
        }
        let last = first + (self.count - 1) * stride;
        let mut removed = Vec::with_capacity(self.count * unit);
        let old = std::mem::take(v);
        v.reserve(old.len() - self.count * unit);
        for (k, x) in old.into_iter().enumerate() {
            let i = k / unit;
            if i >= first && i <= last && (i - first) % stride == 0 {
                removed.push(x);
            } else {
                v.push(x);
            }
        }
        removed
    }
}

impl Vm {
    /// The bounds of `s` as integers, calling their `__index__`; nothing is resolved
    /// against a length yet.
    pub fn slice_unpack(&mut self, s: &SliceObj) -> PyResult<SliceSpec> {
        let step = match &s.step {
            Value::None => 1,
            v => self.slice_int(v)?,
        };
        if step == 0 {
            return Err(PyErr::value_error("slice step cannot be zero"));
        }
        let start = match &s.start {
            Value::None => None,
            v => Some(self.slice_int(v)?),
        };
        let stop = match &s.stop {
            Value::None => None,
            v => Some(self.slice_int(v)?),
        };
        Ok(SliceSpec { start, stop, step })
    }

    /// Resolves a slice against a length: (start, stop, step, count), for containers
    /// whose length `__index__` cannot change (immutable ones, or copies).
    pub fn slice_indices(&mut self, s: &SliceObj, len: usize) -> PyResult<(i64, i64, i64, usize)> {
        let sp = self.slice_unpack(s)?.adjust(len);
        Ok((sp.start, sp.stop, sp.step, sp.count))
    }

    fn slice_int(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            // Out of i64's range: clamped by `adjust` to the container's ends.
            Value::BigInt(b) => Ok(if b.is_negative() {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            }),
            Value::Int(_) | Value::Bool(_) => self.to_index(v),
            _ if super::dispatch::type_ref(v).slots.index.get().is_some() => self.to_index(v),
            _ => Err(PyErr::type_error(
                "slice indices must be integers or None or have an __index__ method",
            )),
        }
    }
}
