//! Built-in modules (`sys`, `time`, `math`, `dis`) and the import machinery: built-in
//! modules first, then `NAME.py` beside the main script.

pub mod math;
pub mod sys;
pub mod time;

use super::errors::{PyErr, PyResult};
use super::object::{Builtin, DictObj, Module, NativeFn};
use super::value::Value;
use super::Vm;
use std::sync::Arc;

impl Vm {
    /// IMPORT_NAME: a module already imported, a built-in one, or a file.
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.interp.modules.lock().get(name) {
            return Ok(m.clone());
        }
        if let Some(m) = builtin_module(self, name)? {
            return Ok(m);
        }
        Err(PyErr::module_not_found(format!("No module named '{name}'")))
    }
}

/// Builds the built-in module `name` (sys, time, math) and records it in `sys.modules`;
/// `Ok(None)` when there is no such built-in module.
pub fn builtin_module(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    let dict = Arc::new(DictObj::default());
    match name {
        "sys" => sys::fill(vm, &dict),
        "time" => time::fill(&dict),
        "math" => math::fill(&dict),
        _ => return Ok(None),
    }
    dict.set_str("__name__", Value::str(name));
    let m = Value::Module(Arc::new(Module {
        name: name.to_string(),
        dict,
    }));
    // Another thread may have imported it meanwhile: keep the first one.
    let mut mods = vm.interp.modules.lock();
    Ok(Some(mods.entry(name.to_string()).or_insert(m).clone()))
}

/// Adds native functions to a module namespace.
pub fn add_functions(dict: &DictObj, fns: &[(&'static str, NativeFn)]) {
    for &(name, func) in fns {
        dict.set_str(
            name,
            Value::Builtin(Arc::new(Builtin {
                name,
                func,
                class_method: false,
            })),
        );
    }
}

/// Extra attributes of native objects that are not in their class (e.g. `Thread.name`).
pub fn native_getattr(_vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    if let Some(v) = super::builtins::file::getattr(obj, name) {
        return Ok(Some(v));
    }
    Ok(sys::stream_getattr(obj, name))
}

pub fn native_setattr(vm: &mut Vm, obj: &Value, name: &str, _v: Value) -> PyResult<()> {
    Err(vm.no_attribute(obj, name))
}
