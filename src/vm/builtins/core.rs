//! The core built-in functions and constructors needed to run any program.

use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::types::{self, Types};
use crate::vm::value::Value;
use crate::vm::Vm;
use std::sync::Arc;

pub const FUNCTIONS: &[(&str, NativeFn)] = &[("print", print), ("len", len), ("repr", repr)];

pub fn install(t: &Types) {
    types::install(&t.range, &[("__new__", range_new)]);
    types::install(&t.base_exception, &[("__init__", exc_init)]);
}

fn print(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("print", &["sep", "end", "flush", "file"])?;
    let sep = match a.kw("sep") {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => " ".into(),
    };
    let end = match a.kw("end") {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => "\n".into(),
    };
    let mut out = String::new();
    for (i, v) in a.pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&vm.str(v)?);
    }
    out.push_str(&end);
    vm.interp
        .write_stdout(&out)
        .map_err(|e| PyErr::os_error(e.to_string()))?;
    if let Some(f) = a.kw("flush") {
        if vm.truthy(f)? {
            vm.interp.flush_stdout();
        }
    }
    Ok(Value::None)
}

fn len(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("len", 1, 1)?;
    let v = &a.pos[0];
    let n = match v {
        Value::Str(s) => s.char_len(),
        Value::List(l) => l.items.lock().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) => d.map.lock().len(),
        Value::Set(s) => s.items.lock().len(),
        Value::Range(r) => r.len() as usize,
        Value::Instance(inst) => match inst.class.lookup_str("__len__") {
            Some(m) => {
                let r = vm.call(&m, &[v.clone()], &[])?;
                let n = vm.to_index(&r)?;
                if n < 0 {
                    return Err(PyErr::value_error("__len__() should return >= 0"));
                }
                return Ok(Value::Int(n));
            }
            None => return Err(no_len(vm, v)),
        },
        _ => return Err(no_len(vm, v)),
    };
    Ok(Value::Int(n as i64))
}

fn no_len(vm: &Vm, v: &Value) -> PyErr {
    PyErr::type_error(format!("object of type '{}' has no len()", vm.type_name(v)))
}

fn repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("repr", 1, 1)?;
    Ok(Value::string(vm.repr(&a.pos[0])?))
}

fn range_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = &a.pos[1..];
    let mut ints = Vec::with_capacity(3);
    for v in args {
        ints.push(vm.to_index(v)?);
    }
    let (start, stop, step) = match ints.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        [] => {
            return Err(PyErr::type_error(
                "range expected at least 1 argument, got 0",
            ))
        }
        _ => {
            return Err(PyErr::type_error(format!(
                "range expected at most 3 arguments, got {}",
                args.len()
            )))
        }
    };
    if step == 0 {
        return Err(PyErr::value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Arc::new(RangeObj { start, stop, step })))
}

fn exc_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let _ = vm;
    if let Some(Value::Instance(inst)) = a.pos.first() {
        if let Some(d) = &inst.exc {
            d.lock().args = a.pos[1..].to_vec();
        }
    }
    Ok(Value::None)
}
