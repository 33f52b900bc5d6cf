//! Stable sorting driven by Python's `<`, shared by `sorted()` and `list.sort()`.
//! Hand-written merge sort: Rust's `sort_by` may panic on inconsistent orders (NaN,
//! odd `__lt__`), and Python comparisons can fail, which must stop the sort.

use crate::bytecode::CompareOp;
use crate::vm::errors::PyResult;
use crate::vm::value::Value;
use crate::vm::Vm;

/// `a < b` with fast paths for the common homogeneous cases.
pub fn py_lt(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        (Value::Str(x), Value::Str(y)) => Ok(x.as_str() < y.as_str()),
        // Exact tuples (subclasses are instances): straight to the item-by-item
        // comparison, skipping the dispatch through the type's compare slot.
        (Value::Tuple(x), Value::Tuple(y)) => vm.seq_cmp(CompareOp::Lt, x, y),
        _ => {
            let r = vm.compare(CompareOp::Lt, a, b)?;
            vm.truthy(&r)
        }
    }
}

/// Sorts stably with a fallible `lt`; on error the vector holds some permutation.
pub fn merge_sort<T: Clone>(
    v: &mut [T],
    lt: &mut dyn FnMut(&T, &T) -> PyResult<bool>,
) -> PyResult<()> {
    const RUN: usize = 16;
    let n = v.len();
    // Insertion-sort short runs: an element moves left only past strictly greater ones.
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && lt(&v[j], &v[j - 1])? {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        start = end;
    }
    let mut width = RUN;
    let mut buf: Vec<T> = Vec::with_capacity(n);
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = (lo + 2 * width).min(n);
            buf.clear();
            let (mut i, mut j) = (lo, mid);
            while i < mid && j < hi {
                // Take from the right only when strictly smaller: keeps equal items in order.
                if lt(&v[j], &v[i])? {
                    buf.push(v[j].clone());
                    j += 1;
                } else {
                    buf.push(v[i].clone());
                    i += 1;
                }
            }
            buf.extend_from_slice(&v[i..mid]);
            buf.extend_from_slice(&v[j..hi]);
            v[lo..hi].clone_from_slice(&buf);
            lo = hi;
        }
        width *= 2;
    }
    Ok(())
}

/// `sorted(items, key=key, reverse=reverse)`. Reverse sorting keeps equal items in
/// their original order, as CPython does (reverse, stable sort, reverse).
pub fn sort_values(
    vm: &mut Vm,
    mut items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    match key {
        None | Some(Value::None) => {
            if reverse {
                items.reverse();
            }
            match Kind::of(items.iter()) {
                Some(kind) => items.sort_by(|a, b| kind.cmp(a, b)),
                None => merge_sort(&mut items, &mut |a, b| py_lt(vm, a, b))?,
            }
            if reverse {
                items.reverse();
            }
            Ok(items)
        }
        Some(f) => {
            let mut pairs = Vec::with_capacity(items.len());
            for x in items {
                let k = vm.call(f, std::slice::from_ref(&x), &[])?;
                pairs.push((k, x));
            }
            if reverse {
                pairs.reverse();
            }
            match Kind::of(pairs.iter().map(|p| &p.0)) {
                Some(kind) => pairs.sort_by(|a, b| kind.cmp(&a.0, &b.0)),
                None => merge_sort(&mut pairs, &mut |a, b| py_lt(vm, &a.0, &b.0))?,
            }
            if reverse {
                pairs.reverse();
            }
            Ok(pairs.into_iter().map(|(_, x)| x).collect())
        }
    }
}

/// Keys of one built-in type whose `<` is a total order known without Python code:
/// those sort with the standard library's stable sort, which moves values without
/// touching their counts and finds runs already in order (CPython's timsort does
/// too); anything else goes through `merge_sort` and `py_lt`.
#[derive(Clone, Copy)]
enum Kind {
    Int,
    Float,
    Str,
}

impl Kind {
    fn of<'a>(mut keys: impl Iterator<Item = &'a Value>) -> Option<Kind> {
        let kind = match keys.next()? {
            Value::Int(_) => Kind::Int,
            // NaN compares false both ways, which is no total order.
            Value::Float(x) if !x.is_nan() => Kind::Float,
            Value::Str(_) => Kind::Str,
            _ => return None,
        };
        let same = keys.all(|k| match (kind, k) {
            (Kind::Int, Value::Int(_)) | (Kind::Str, Value::Str(_)) => true,
            (Kind::Float, Value::Float(x)) => !x.is_nan(),
            _ => false,
        });
        same.then_some(kind)
    }

    fn cmp(self, a: &Value, b: &Value) -> std::cmp::Ordering {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => x.cmp(y),
            (Value::Float(x), Value::Float(y)) => {
                x.partial_cmp(y).unwrap_or(std::cmp::Ordering::Equal)
            }
            // UTF-8 byte order is code-point order, which is Python's.
            (Value::Str(x), Value::Str(y)) => x.as_str().cmp(y.as_str()),
            _ => unreachable!("Kind::of checked every key"),
        }
    }
}
