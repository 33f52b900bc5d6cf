//! Constructors of the core types that have no other methods file (`range`, `slice`),
//! and `object`'s methods that are not slots.

use super::args::ctor_args;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{self, Types};
use crate::vm::value::Value;
use crate::vm::Vm;

pub fn install(t: &Types) {
    types::install(&t.range, &[("count", range_count), ("index", range_index)]);
    // The slots (`__new__`, `__init__`, `__setattr__`, `__eq__`, ...) get their
    // wrappers from `descr::add_operators`; these are the other methods of object.
    types::install_classmethods(
        &t.object,
        &[(
            "__init_subclass__",
            crate::vm::classes::object_init_subclass,
        )],
    );
    types::install(
        &t.object,
        &[
            ("__format__", object_format),
            ("__reduce_ex__", object_reduce_ex),
        ],
    );
}

/// `object.__format__(self, spec)`: `str(self)` for an empty spec.
fn object_format(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("__format__", 2, 2)?;
    let spec = match &a.pos[1] {
        Value::Str(s) => s.as_str().to_string(),
        v => {
            return Err(PyErr::type_error(format!(
                "__format__() argument must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    Ok(Value::string(vm.format_default(&a.pos[0], &spec)?))
}

fn object_reduce_ex(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Err(PyErr::type_error("gilvm does not support pickling"))
}

pub(crate) fn range_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("range")?;
    crate::vm::range::range_new(vm, ctor_args(&a))
}

fn self_range(vm: &Vm, a: &Args, meth: &str) -> PyResult<RangeObj> {
    match super::args::self_arg(a, "range", meth)? {
        Value::Range(r) => Ok((**r).clone()),
        v => Err(super::args::wrong_self(vm, "range", meth, v)),
    }
}

fn range_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let r = self_range(vm, &a, "count")?;
    a.expect_method("range.count", 1, 1)?;
    if let Some(found) = crate::vm::range::count_int(&r, &a.pos[1]) {
        return Ok(Value::Int(found as i64));
    }
    // Other values are counted by equality, element by element, as CPython does.
    let mut n = 0;
    let mut k = 0;
    while let Some(v) = r.item_at(k) {
        if vm.eq(&v, &a.pos[1])? {
            n += 1;
        }
        k += 1;
    }
    Ok(Value::Int(n))
}

fn range_index(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let r = self_range(vm, &a, "index")?;
    a.expect_method("range.index", 1, 1)?;
    match crate::vm::range::index_int(&r, &a.pos[1]) {
        Some(Some(k)) => Ok(k),
        Some(None) => {
            let s = vm.repr(&a.pos[1])?;
            Err(PyErr::value_error(format!("{s} is not in range")))
        }
        None => {
            let mut k = 0;
            while let Some(v) = r.item_at(k) {
                if vm.eq(&v, &a.pos[1])? {
                    return Ok(Value::Int(k as i64));
                }
                k += 1;
            }
            Err(PyErr::value_error("sequence.index(x): x not in sequence"))
        }
    }
}

pub(crate) fn slice_new(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("slice")?;
    let args = ctor_args(&a);
    let (start, stop, step) = match args {
        [stop] => (Value::None, stop.clone(), Value::None),
        [start, stop] => (start.clone(), stop.clone(), Value::None),
        [start, stop, step] => (start.clone(), stop.clone(), step.clone()),
        [] => {
            return Err(PyErr::type_error(
                "slice expected at least 1 argument, got 0",
            ))
        }
        _ => {
            return Err(PyErr::type_error(format!(
                "slice expected at most 3 arguments, got {}",
                args.len()
            )))
        }
    };
    Ok(Value::Slice(Ref::new(SliceObj { start, stop, step })))
}
