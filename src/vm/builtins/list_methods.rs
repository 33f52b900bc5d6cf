//! The `list` and `tuple` constructors and methods.

use super::args::{ctor_args, flag, opt_bound, self_list, self_tuple};
use super::sort::sort_values;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::strops::adjust_indices;
use crate::vm::types::{self, Types};
use crate::vm::value::Value;
use crate::vm::Vm;

pub fn install(t: &Types) {
    types::install(
        &t.list,
        &[
            ("append", append),
            ("extend", extend),
            ("insert", insert),
            ("pop", pop),
            ("remove", remove),
            ("index", list_index),
            ("count", list_count),
            ("sort", sort),
            ("reverse", reverse),
            ("copy", copy),
            ("clear", clear),
        ],
    );
    types::install(&t.tuple, &[("index", tuple_index), ("count", tuple_count)]);
}

pub(crate) fn tuple_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("tuple")?;
    match ctor_args(&a) {
        [] => Ok(Value::tuple(vec![])),
        [x @ Value::Tuple(_)] => Ok(x.clone()),
        [x] => Ok(Value::tuple(vm.collect(x)?)),
        more => Err(PyErr::type_error(format!(
            "tuple expected at most 1 argument, got {}",
            more.len()
        ))),
    }
}

fn append(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("append")?;
    let l = self_list(vm, &a, "append")?;
    a.expect_method("list.append", 1, 1)?;
    l.items.lock().push(a.pos[1].clone());
    Ok(Value::None)
}

fn extend(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("extend")?;
    let l = self_list(vm, &a, "extend")?;
    a.expect_method("list.extend", 1, 1)?;
    let items = vm.collect(&a.pos[1])?;
    l.items.lock().extend(items);
    Ok(Value::None)
}

fn insert(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("insert")?;
    let l = self_list(vm, &a, "insert")?;
    if a.pos.len() != 3 {
        return Err(PyErr::type_error(format!(
            "insert expected 2 arguments, got {}",
            a.pos.len() - 1
        )));
    }
    let i = opt_bound(vm, Some(&a.pos[1]))?.unwrap_or(0);
    let mut items = l.items.lock();
    let n = items.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    items.insert(at as usize, a.pos[2].clone());
    Ok(Value::None)
}

fn pop(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("pop")?;
    let l = self_list(vm, &a, "pop")?;
    if a.pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "pop expected at most 1 argument, got {}",
            a.pos.len() - 1
        )));
    }
    let i = match a.pos.get(1) {
        None => -1,
        Some(v) => vm.to_index(v)?,
    };
    let mut items = l.items.lock();
    if items.is_empty() {
        return Err(PyErr::index_error("pop from empty list"));
    }
    let n = items.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyErr::index_error("pop index out of range"));
    }
    Ok(items.remove(j as usize))
}

/// Position of the first item equal to `x` in `[start, stop)`; equality may run Python
/// code, so items are read one at a time without holding the list's lock.
fn position(
    vm: &mut Vm,
    l: &ListObj,
    x: &Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let mut i = start;
    loop {
        let item = {
            let items = l.items.lock();
            if i >= stop.min(items.len()) {
                return Ok(None);
            }
            items[i].clone()
        };
        if item.ptr_eq(x) || vm.eq(&item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
}

fn remove(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("remove")?;
    let l = self_list(vm, &a, "remove")?;
    a.expect_method("list.remove", 1, 1)?;
    match position(vm, &l, &a.pos[1], 0, usize::MAX)? {
        Some(i) => {
            let mut items = l.items.lock();
            if i < items.len() {
                items.remove(i);
            }
            Ok(Value::None)
        }
        None => Err(PyErr::value_error("list.remove(x): x not in list")),
    }
}

fn range_args(vm: &mut Vm, a: &Args, len: usize, name: &str) -> PyResult<(usize, usize)> {
    if a.pos.len() < 2 || a.pos.len() > 4 {
        return Err(PyErr::type_error(format!(
            "{name} expected {} arguments, got {}",
            if a.pos.len() < 2 {
                "at least 1"
            } else {
                "at most 3"
            },
            a.pos.len().saturating_sub(1)
        )));
    }
    let start = opt_bound(vm, a.pos.get(2))?;
    let stop = opt_bound(vm, a.pos.get(3))?;
    let (s, e) = adjust_indices(start, stop, len);
    Ok((s.max(0) as usize, e.max(0) as usize))
}

fn list_index(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("index")?;
    let l = self_list(vm, &a, "index")?;
    let len = l.items.lock().len();
    let (s, e) = range_args(vm, &a, len, "index")?;
    match position(vm, &l, &a.pos[1], s, e)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => {
            let r = vm.repr(&a.pos[1])?;
            Err(PyErr::value_error(format!("{r} is not in list")))
        }
    }
}

fn count_in(vm: &mut Vm, items: &[Value], x: &Value) -> PyResult<Value> {
    let mut n = 0;
    for item in items {
        if item.ptr_eq(x) || vm.eq(item, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn list_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("count")?;
    let l = self_list(vm, &a, "count")?;
    a.expect_method("list.count", 1, 1)?;
    let items = l.items.lock().clone();
    count_in(vm, &items, &a.pos[1])
}

fn sort(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("sort", &["key", "reverse"])?;
    let l = self_list(vm, &a, "sort")?;
    if a.pos.len() > 1 {
        return Err(PyErr::type_error("sort() takes no positional arguments"));
    }
    let reverse = flag(vm, a.kw("reverse"))?;
    // As in CPython the list looks empty while it is being sorted, which lets us detect
    // mutation by key functions or comparisons.
    let items = std::mem::take(&mut *l.items.lock());
    let result = sort_values(vm, items.clone(), a.kw("key"), reverse);
    let mut guard = l.items.lock();
    // An append followed by a pop leaves it empty but allocated (CPython's check is
    // the same: `allocated != -1`).
    let modified = !guard.is_empty() || guard.capacity() != 0;
    match result {
        Ok(sorted) => {
            *guard = sorted;
            if modified {
                return Err(PyErr::value_error("list modified during sort"));
            }
            Ok(Value::None)
        }
        Err(e) => {
            *guard = items;
            Err(e)
        }
    }
}

fn reverse(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("reverse")?;
    let l = self_list(vm, &a, "reverse")?;
    a.expect_method("list.reverse", 0, 0)?;
    l.items.lock().reverse();
    Ok(Value::None)
}

fn copy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("copy")?;
    let l = self_list(vm, &a, "copy")?;
    a.expect_method("list.copy", 0, 0)?;
    let items = l.items.lock().clone();
    Ok(Value::list(items))
}

fn clear(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("clear")?;
    let l = self_list(vm, &a, "clear")?;
    a.expect_method("list.clear", 0, 0)?;
    let mut old = std::mem::take(&mut *l.items.lock());
    // Last to first, as CPython's list_clear (the order finalizers then run in).
    while let Some(v) = old.pop() {
        drop(v);
    }
    Ok(Value::None)
}

fn tuple_index(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("index")?;
    let t = self_tuple(vm, &a, "index")?;
    let (s, e) = range_args(vm, &a, t.len(), "index")?;
    for i in s..e.min(t.len()) {
        if t[i].ptr_eq(&a.pos[1]) || vm.eq(&t[i], &a.pos[1])? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(PyErr::value_error("tuple.index(x): x not in tuple"))
}

fn tuple_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("count")?;
    let t = self_tuple(vm, &a, "count")?;
    a.expect_method("tuple.count", 1, 1)?;
    count_in(vm, &t, &a.pos[1])
}
