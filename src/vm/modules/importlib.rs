//! The `importlib` module: `import_module`, a thin layer over the VM's import
//! machinery (`Vm::import`, the entry point IMPORT_NAME uses).

use super::add_functions;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, DictObj};
use crate::vm::value::Value;
use crate::vm::Vm;

pub fn fill(d: &DictObj) {
    add_functions(d, &[("import_module", import_module)]);
}

/// `importlib.import_module(name, package=None)`: the module itself (not the top-level
/// package), relative names resolved against `package`.
fn import_module(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("import_module", &["name", "package"])?;
    let name = match a.pos.first().or_else(|| a.kw("name")) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "module name must be str, not {}",
                vm.type_name(v)
            )))
        }
        None => {
            return Err(PyErr::type_error(
                "import_module() missing 1 required positional argument: 'name'",
            ))
        }
    };
    let package = match a.pos.get(1).or_else(|| a.kw("package")) {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => Some(s.as_str().to_string()),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "package must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    let full = if name.starts_with('.') {
        let Some(pkg) = package else {
            return Err(PyErr::type_error(format!(
                "the 'package' argument is required to perform a relative import for '{name}'"
            )));
        };
        let dots = name.chars().take_while(|&c| c == '.').count();
        let mut base: Vec<&str> = pkg.split('.').collect();
        if dots - 1 >= base.len() {
            return Err(PyErr::import_error(
                "attempted relative import beyond top-level package",
            ));
        }
        base.truncate(base.len() - (dots - 1));
        let rest = &name[dots..];
        if rest.is_empty() {
            base.join(".")
        } else {
            format!("{}.{rest}", base.join("."))
        }
    } else {
        name
    };
    if full.is_empty() {
        return Err(PyErr::value_error("Empty module name"));
    }
    vm.import(&full)
}
