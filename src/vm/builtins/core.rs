//! Constructors of the core types that have no other methods file (`range`, `slice`,
//! `type`, `object`), plus `object`'s methods that `super()` calls reach.

use super::args::ctor_args;
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{self, types, Types};
use crate::vm::value::Value;
use crate::vm::Vm;

pub fn install(t: &Types) {
    types::install(
        &t.range,
        &[
            ("__new__", range_new),
            ("count", range_count),
            ("index", range_index),
        ],
    );
    types::install(&t.slice, &[("__new__", slice_new)]);
    types::install(&t.type_, &[("__new__", type_new)]);
    // Only methods the VM never looks up implicitly: an `object.__repr__` or `__eq__`
    // here would shadow the VM's own defaults for every instance.
    types::install(
        &t.object,
        &[
            ("__init__", object_init),
            ("__new__", object_new),
            ("__setattr__", object_setattr),
            ("__delattr__", object_delattr),
        ],
    );
}

fn range_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("range")?;
    let args = ctor_args(&a);
    let mut ints = Vec::with_capacity(3);
    for v in args.iter().take(3) {
        ints.push(vm.to_index(v)?);
    }
    let (start, stop, step) = match ints.as_slice() {
        _ if args.len() > 3 => {
            return Err(PyErr::type_error(format!(
                "range expected at most 3 arguments, got {}",
                args.len()
            )))
        }
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => {
            return Err(PyErr::type_error(
                "range expected at least 1 argument, got 0",
            ))
        }
    };
    if step == 0 {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Ref::new(RangeObj { start, stop, step })))
}

fn self_range(vm: &Vm, a: &Args, meth: &str) -> PyResult<RangeObj> {
    match super::args::self_arg(a, "range", meth)? {
        Value::Range(r) => Ok(**r),
        v => Err(super::args::wrong_self(vm, "range", meth, v)),
    }
}

/// Index of `x` in the range, if it is an int member.
fn range_pos(r: &RangeObj, x: &Value) -> Option<i64> {
    let i = match x {
        Value::Int(i) => *i as i128,
        Value::Bool(b) => *b as i128,
        _ => return None,
    };
    let (start, step) = (r.start as i128, r.step as i128);
    let off = i - start;
    if off % step != 0 {
        return None;
    }
    let k = off / step;
    (k >= 0 && k < r.len() as i128).then_some(k as i64)
}

fn range_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let r = self_range(vm, &a, "count")?;
    a.expect("range.count", 2, 2)?;
    if matches!(a.pos[1], Value::Int(_) | Value::Bool(_)) {
        return Ok(Value::Int(range_pos(&r, &a.pos[1]).is_some() as i64));
    }
    let mut n = 0;
    let mut v = r.start;
    for _ in 0..r.len() {
        if vm.eq(&Value::Int(v), &a.pos[1])? {
            n += 1;
        }
        v = v.wrapping_add(r.step);
    }
    Ok(Value::Int(n))
}

fn range_index(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let r = self_range(vm, &a, "index")?;
    a.expect("range.index", 2, 2)?;
    match range_pos(&r, &a.pos[1]) {
        Some(k) => Ok(Value::Int(k)),
        None => {
            let s = vm.repr(&a.pos[1])?;
            Err(PyErr::value_error(format!("{s} is not in range")))
        }
    }
}

fn slice_new(_vm: &mut Vm, a: Args) -> PyResult<Value> {
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

/// `type(x)` gives the class; `type(name, bases, ns)` makes a class like a class statement.
fn type_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = ctor_args(&a);
    match args {
        [x] if a.kw.is_empty() => Ok(Value::Class(vm.type_of(x))),
        [Value::Str(name), Value::Tuple(bases), Value::Dict(ns)] => {
            let base = types::user_class_base(bases)?;
            let mut attrs = AttrMap::default();
            for (k, v) in ns.map.lock().iter() {
                match &k.key {
                    Value::Str(s) => {
                        attrs.insert(s.clone(), v.clone());
                    }
                    _ => return Err(PyErr::type_error("type() namespace keys must be strings")),
                }
            }
            Ok(Value::Class(types::new_user_class(
                name.as_str().to_string(),
                name.as_str().to_string(),
                base,
                attrs,
            )))
        }
        [_, _, _] => Err(PyErr::type_error(
            "type.__new__() argument 1 must be str, not tuple",
        )),
        _ => Err(PyErr::type_error("type() takes 1 or 3 arguments")),
    }
}

fn object_init(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// `object.__new__(cls)`: a bare instance of a user class.
fn object_new(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    match a.pos.first() {
        Some(Value::Class(c))
            if c.kind != ClassKind::Builtin || Ref::ptr_eq(c, &types().object) =>
        {
            Ok(Value::Instance(Ref::new(Instance {
                class: c.clone(),
                attrs: ObjCell::new(AttrMap::default()),
                exc: (c.kind == ClassKind::Exception).then(|| ObjCell::new(ExcData::default())),
            })))
        }
        Some(Value::Class(c)) => Err(PyErr::type_error(format!(
            "object.__new__({}) is not safe, use {}.__new__()",
            c.name, c.name
        ))),
        Some(v) => Err(PyErr::type_error(format!(
            "object.__new__(X): X is not a type object ({})",
            _vm.type_name(v)
        ))),
        None => Err(PyErr::type_error("object.__new__(): not enough arguments")),
    }
}

/// `object.__setattr__(self, name, value)`: the plain store that a user `__setattr__`
/// delegates to.
fn object_setattr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("__setattr__", 3, 3)?;
    let name = match &a.pos[1] {
        Value::Str(s) => s.clone(),
        v => {
            return Err(PyErr::type_error(format!(
                "attribute name must be string, not '{}'",
                vm.type_name(v)
            )))
        }
    };
    match &a.pos[0] {
        Value::Instance(inst) => {
            inst.attrs.lock().insert(name, a.pos[2].clone());
            Ok(Value::None)
        }
        obj => {
            vm.setattr(obj, &name, a.pos[2].clone())?;
            Ok(Value::None)
        }
    }
}

fn object_delattr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("__delattr__", 2, 2)?;
    let name = match &a.pos[1] {
        Value::Str(s) => s.clone(),
        v => {
            return Err(PyErr::type_error(format!(
                "attribute name must be string, not '{}'",
                vm.type_name(v)
            )))
        }
    };
    vm.delattr(&a.pos[0], &name)?;
    Ok(Value::None)
}
