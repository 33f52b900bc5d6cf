//! Built-in modules (`sys`, `time`, `math`, `dis`) and the import machinery: modules
//! already loaded, built-in ones, the threading modules, then `NAME.py` beside the
//! main script.

pub mod importlib;
pub mod math;
pub mod sys;
pub mod time;

use super::errors::{PyErr, PyResult};
use super::object::{Args, Builtin, DictObj, Module, NativeFn};
use super::value::Value;
use super::Vm;
use crate::vm::refcount::Ref;

impl Vm {
    /// IMPORT_NAME: a module already imported, a built-in one, or a file.
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.interp.modules.lock().get(name) {
            return Ok(m.clone());
        }
        let module = match self.load_module(name) {
            Ok(m) => m,
            Err(e) => {
                // As CPython: a module whose code failed is not left half-imported.
                self.interp.modules.lock().remove(name);
                return Err(e);
            }
        };
        self.interp
            .modules
            .lock()
            .insert(name.to_string(), module.clone());
        Ok(module)
    }

    fn load_module(&mut self, name: &str) -> PyResult<Value> {
        Ok(match name {
            "_thread" => {
                let ns = Ref::new(DictObj::default());
                super::threads::thread_module(&ns);
                native_module(name, ns)
            }
            "threading" => self.load_source_module(name, super::threads::THREADING_PY)?,
            "queue" => self.load_source_module(name, super::threads::QUEUE_PY)?,
            "dis" => {
                let ns = Ref::new(DictObj::default());
                ns.set_str("dis", super::builtins::builtin("dis", dis_dis));
                native_module(name, ns)
            }
            _ => match builtin_module(self, name)? {
                Some(m) => m,
                None => self.import_file(name)?,
            },
        })
    }

    /// Compiles and runs Python source as module `name` (registered before it runs,
    /// so circular imports see the partly initialised module).
    fn load_source_module(&mut self, name: &str, source: &str) -> PyResult<Value> {
        let filename = format!("<gilvm {name}>");
        self.interp.add_source(&filename, source);
        let code = crate::driver::compile_source(source, &filename).map_err(|e| {
            PyErr::new(
                &super::types::types().syntax_error,
                format!("{} ({filename}, line {})", e.msg, e.line),
            )
        })?;
        let m = self.run_module_code(code, name)?;
        Ok(Value::Module(m))
    }

    /// `import NAME` for `NAME.py` in the main script's directory.
    fn import_file(&mut self, name: &str) -> PyResult<Value> {
        let not_found = || PyErr::module_not_found(format!("No module named '{name}'"));
        if name.contains('.') || name.is_empty() {
            return Err(not_found());
        }
        let dir = self.interp.script_dir.clone().ok_or_else(not_found)?;
        let path = dir.join(format!("{name}.py"));
        let source = match std::fs::read_to_string(&path) {
            Ok(s) => s,
            Err(_) => return Err(not_found()),
        };
        let filename = path.to_string_lossy().to_string();
        self.interp.add_source(&filename, &source);
        let code = crate::driver::compile_source(&source, &filename).map_err(|e| {
            PyErr::new(
                &super::types::types().syntax_error,
                format!("{} ({filename}, line {})", e.msg, e.line),
            )
        })?;
        let m = self.run_module_file(code, name, Some(&filename))?;
        Ok(Value::Module(m))
    }
}

pub fn native_module(name: &str, ns: Ref<DictObj>) -> Value {
    ns.set_str("__name__", Value::str(name));
    Value::Module(Ref::new(Module {
        name: name.to_string(),
        dict: ns,
    }))
}

/// Built-in modules implemented in Rust; `None` if `name` is not one of them.
/// Builds the built-in module `name` (sys, time, math); `Ok(None)` when there is no
/// such built-in module. The caller records it in `sys.modules`.
pub fn builtin_module(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    let dict = Ref::new(DictObj::default());
    match name {
        "sys" => sys::fill(vm, &dict),
        "time" => time::fill(&dict),
        "math" => math::fill(&dict),
        "importlib" => importlib::fill(&dict),
        _ => return Ok(None),
    }
    Ok(Some(native_module(name, dict)))
}

/// Adds native functions to a module namespace.
pub fn add_functions(dict: &DictObj, fns: &[(&'static str, NativeFn)]) {
    for &(name, func) in fns {
        dict.set_str(
            name,
            Value::Builtin(Ref::new(Builtin {
                name,
                func,
                class_method: false,
            })),
        );
    }
}

fn dis_dis(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("dis", 1, 1)?;
    let code = match &a.pos[0] {
        Value::Function(f) => f.code.clone(),
        Value::Code(c) => c.clone(),
        Value::BoundMethod(bm) => match &bm.func {
            Value::Function(f) => f.code.clone(),
            _ => {
                return Err(PyErr::type_error(
                    "don't know how to disassemble a built-in",
                ))
            }
        },
        v => {
            return Err(PyErr::type_error(format!(
                "don't know how to disassemble {} objects",
                vm.type_name(v)
            )))
        }
    };
    let text = crate::bytecode::dis::dis(&code);
    vm.write_stdout(&text)?;
    Ok(Value::None)
}

/// The getattr slot of native types with attributes outside their class (files,
/// streams, namespaces): the generic lookup, then `native_getattr`.
pub fn native_getattr_slot(
    vm: &mut Vm,
    obj: &Value,
    name: &crate::vm::refcount::Ref<crate::vm::value::PyStr>,
) -> PyResult<Option<Value>> {
    if let Some(v) = crate::vm::descr::generic_getattr(vm, obj, name)? {
        return Ok(Some(v));
    }
    native_getattr(vm, obj, name.as_str())
}

/// Extra attributes of native objects that are not in their class.
pub fn native_getattr(_vm: &mut Vm, obj: &Value, name: &str) -> PyResult<Option<Value>> {
    if let Some(v) = super::builtins::file::getattr(obj, name) {
        return Ok(Some(v));
    }
    Ok(sys::stream_getattr(obj, name))
}

pub fn native_setattr(vm: &mut Vm, obj: &Value, name: &str, _v: Value) -> PyResult<()> {
    Err(vm.no_attribute(obj, name))
}
