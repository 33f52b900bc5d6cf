//! The `bisect` module in Rust, as CPython's `_bisect`: binary search and insertion on
//! any sequence, with `lo`/`hi`/`key=` and CPython's argument errors. Lists are read
//! without running Python code when their items' order is built in.

use super::{bind, lt, simple_lt};
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, DictObj};
use crate::vm::value::Value;
use crate::vm::Vm;

struct Search {
    a: Value,
    x: Value,
    lo: i64,
    hi: i64,
    key: Value,
}

fn parse(vm: &mut Vm, a: &Args, fname: &str) -> PyResult<Search> {
    let p = bind(a, fname, &["a", "x", "lo", "hi", "key"], 0, 2)?;
    let seq = p[0].expect("required").clone();
    let x = p[1].expect("required").clone();
    let lo = match p[2] {
        Some(v) => vm.to_index(v)?,
        None => 0,
    };
    if lo < 0 {
        return Err(PyErr::value_error("lo must be non-negative"));
    }
    let hi = match p[3] {
        Some(Value::None) | None => -1,
        Some(v) => vm.to_index(v)?,
    };
    // As CPython's: -1 (the C default) means len(a), whoever passes it.
    let hi = if hi == -1 {
        let len = vm
            .interp
            .builtins
            .get_str(&crate::vm::value::PyStr::new("len"));
        let r = vm.call(&len.expect("builtin len"), std::slice::from_ref(&seq), &[])?;
        vm.to_index(&r)?
    } else {
        hi
    };
    let key = p[4].cloned().unwrap_or(Value::None);
    Ok(Search {
        a: seq,
        x,
        lo,
        hi,
        key,
    })
}

/// `a[i]`, with the key applied.
fn probe(vm: &mut Vm, s: &Search, i: i64) -> PyResult<Value> {
    let item = match &s.a {
        Value::List(l) => match l.items.lock().get(i as usize) {
            Some(v) => v.clone(),
            None => return Err(PyErr::index_error("list index out of range")),
        },
        seq => vm.getitem(seq, &Value::Int(i))?,
    };
    match &s.key {
        Value::None => Ok(item),
        f => vm.call(&f.clone(), &[item], &[]),
    }
}

/// The insertion point: after equal items (`right`) or before them.
fn search(vm: &mut Vm, s: &Search, right: bool) -> PyResult<i64> {
    let (mut lo, mut hi) = (s.lo, s.hi);
    // Fast path: a list whose items order without Python code, no key.
    if let (Value::List(l), Value::None) = (&s.a, &s.key) {
        let items = l.items.lock();
        let mut ok = true;
        let (mut flo, mut fhi) = (lo, hi);
        while flo < fhi {
            let mid = flo + (fhi - flo) / 2;
            let Some(item) = items.get(mid as usize) else {
                ok = false;
                break;
            };
            let r = if right {
                simple_lt(&s.x, item)
            } else {
                simple_lt(item, &s.x)
            };
            match r {
                Some(b) => {
                    if b == right {
                        fhi = mid;
                    } else {
                        flo = mid + 1;
                    }
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Ok(flo);
        }
    }
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let item = probe(vm, s, mid)?;
        if right {
            if lt(vm, &s.x, &item)? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        } else if lt(vm, &item, &s.x)? {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

fn bisect_right(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = parse(vm, &a, "bisect_right")?;
    Ok(Value::Int(search(vm, &s, true)?))
}

fn bisect_left(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = parse(vm, &a, "bisect_left")?;
    Ok(Value::Int(search(vm, &s, false)?))
}

fn insort(vm: &mut Vm, a: Args, right: bool, fname: &str) -> PyResult<Value> {
    let mut s = parse(vm, &a, fname)?;
    let item = s.x.clone();
    // With a key, the search is for key(x) among key(a[i]).
    if !matches!(s.key, Value::None) {
        let k = s.key.clone();
        s.x = vm.call(&k, std::slice::from_ref(&item), &[])?;
    }
    let i = search(vm, &s, right)?;
    match &s.a {
        Value::List(l) => {
            let mut items = l.items.lock();
            let at = (i as usize).min(items.len());
            items.insert(at, item);
        }
        seq => {
            let insert = vm.getattr_str(seq, "insert")?;
            vm.call(&insert, &[Value::Int(i), item], &[])?;
        }
    }
    Ok(Value::None)
}

fn insort_right(vm: &mut Vm, a: Args) -> PyResult<Value> {
    insort(vm, a, true, "insort_right")
}

fn insort_left(vm: &mut Vm, a: Args) -> PyResult<Value> {
    insort(vm, a, false, "insort_left")
}

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    let f = crate::vm::builtins::builtin;
    let right = f("bisect_right", bisect_right);
    let ins = f("insort_right", insort_right);
    d.set_str("bisect_right", right.clone());
    d.set_str("bisect", right);
    d.set_str("bisect_left", f("bisect_left", bisect_left));
    d.set_str("insort_right", ins.clone());
    d.set_str("insort", ins);
    d.set_str("insort_left", f("insort_left", insort_left));
    Ok(())
}
