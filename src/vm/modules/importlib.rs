//! The `importlib` module (`import_module`, `reload`, `invalidate_caches`) and the
//! `ModuleSpec` objects every imported module carries as `__spec__`; a spec also
//! holds the lock that makes a second thread wait while a module's code still runs.

use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, ClassKind, DictObj, Native, NativeObject};
use crate::vm::refcount::Ref;
use crate::vm::strops::str_repr;
use crate::vm::types::{new_class, types};
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;
use parking_lot::{Condvar, Mutex};
use std::sync::{Arc, OnceLock};

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    super::add_functions(
        d,
        &[
            ("import_module", import_module),
            ("reload", reload),
            ("invalidate_caches", invalidate_caches),
        ],
    );
    Ok(())
}

/// Which thread is running a module's code, if any; others wait on `done`.
#[derive(Debug, Default)]
pub struct InitLock {
    owner: Mutex<Option<u64>>,
    done: Condvar,
}
crate::gil::impl_ungil!(struct InitLock { owner, done });

impl InitLock {
    pub fn is_busy(&self) -> bool {
        self.owner.lock().is_some()
    }

    /// Being initialised by a thread other than `me` (the same thread re-importing a
    /// module it is running, a circular import, gets the partial module as CPython).
    pub fn is_busy_elsewhere(&self, me: u64) -> bool {
        matches!(*self.owner.lock(), Some(o) if o != me)
    }

    /// Blocks (called without the GIL) until the module's code has finished.
    pub fn wait_done(&self) {
        let mut o = self.owner.lock();
        while o.is_some() {
            self.done.wait(&mut o);
        }
    }
}

/// `importlib.machinery.ModuleSpec`: name, origin, search locations.
#[derive(Debug)]
pub struct ModuleSpec {
    name: String,
    origin: Option<String>,
    search: Option<Vec<String>>,
    init: Arc<InitLock>,
}

fn spec_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("ModuleSpec", Some(&types().object), ClassKind::Builtin);
        c.slots
            .getattr
            .set(Some(crate::vm::modules::native_getattr_slot));
        crate::vm::value::shared_class(c)
    })
    .clone()
}

impl NativeObject for ModuleSpec {
    fn class(&self) -> Ref<Class> {
        spec_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self) -> Option<String> {
        let mut s = format!("ModuleSpec(name={}, loader=None", str_repr(&self.name));
        if let Some(o) = &self.origin {
            s.push_str(&format!(", origin={}", str_repr(o)));
        }
        if let Some(dirs) = &self.search {
            let items: Vec<String> = dirs.iter().map(|d| str_repr(d)).collect();
            s.push_str(&format!(
                ", submodule_search_locations=[{}]",
                items.join(", ")
            ));
        }
        s.push(')');
        Some(s)
    }
}

impl ModuleSpec {
    /// A spec for a module about to be initialised by thread `owner` (0: none).
    pub fn new(
        name: &str,
        origin: Option<String>,
        search: Option<Vec<String>>,
        owner: u64,
    ) -> Value {
        let init = InitLock::default();
        if owner != 0 {
            *init.owner.lock() = Some(owner);
        }
        Value::Native(Ref::new(Native {
            obj: Box::new(ModuleSpec {
                name: name.to_string(),
                origin,
                search,
                init: Arc::new(init),
            }),
        }))
    }

    /// The package a relative import inside this module is relative to.
    pub fn parent(&self) -> String {
        if self.search.is_some() {
            self.name.clone()
        } else {
            self.name
                .rsplit_once('.')
                .map(|(p, _)| p)
                .unwrap_or("")
                .to_string()
        }
    }

    pub fn init_lock(&self) -> Arc<InitLock> {
        self.init.clone()
    }

    pub fn finish_initializing(&self) {
        *self.init.owner.lock() = None;
        self.init.done.notify_all();
    }
}

pub fn spec_of(v: &Value) -> Option<&ModuleSpec> {
    match v {
        Value::Native(n) => n.obj.as_any().downcast_ref::<ModuleSpec>(),
        _ => None,
    }
}

/// The attributes of a ModuleSpec.
pub fn spec_getattr(obj: &Value, name: &str) -> Option<Value> {
    let s = spec_of(obj)?;
    let opt = |o: &Option<String>| o.as_ref().map(|x| Value::str(x)).unwrap_or(Value::None);
    Some(match name {
        "name" => Value::str(&s.name),
        "origin" => opt(&s.origin),
        "parent" => Value::string(s.parent()),
        "has_location" => Value::Bool(s.origin.is_some()),
        "submodule_search_locations" => match &s.search {
            Some(d) => Value::list(d.iter().map(|x| Value::str(x)).collect()),
            None => Value::None,
        },
        "loader" | "cached" | "loader_state" => Value::None,
        _ => return None,
    })
}

/// `import_module(name, package=None)`: the module itself (not its top package);
/// a relative name needs `package`.
fn import_module(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("import_module", &["name", "package"])?;
    let name = match a.arg(0, "name") {
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
    let level = name.len() - name.trim_start_matches('.').len();
    if level == 0 {
        if name.is_empty() {
            return Err(PyErr::value_error("Empty module name"));
        }
        return vm.import(&name);
    }
    let package = match a.arg(1, "package") {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => {
            return Err(PyErr::type_error(format!(
                "the 'package' argument is required to perform a relative import for {}",
                str_repr(&name)
            )))
        }
    };
    let globals = Ref::new(DictObj::default());
    globals.set_str("__package__", Value::string(package));
    let fromlist = Value::tuple(vec![Value::str("*")]);
    vm.import_name(&name[level..], Some(&globals), &fromlist, level)
}

/// `reload(module)`: runs the module's source again in its own namespace.
fn reload(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("reload", 1, 1)?;
    let m = a.pos[0].clone();
    let Value::Module(module) = &m else {
        return Err(PyErr::type_error("reload() argument must be a module"));
    };
    let name = module.name.clone();
    if vm.interp.modules.get_str(&PyStr::new(&name)).is_none() {
        return Err(PyErr::import_error(format!(
            "module {name} not in sys.modules"
        )));
    }
    let file = match module.dict.get_str(&PyStr::new("__file__")) {
        Some(Value::Str(f)) => f.as_str().to_string(),
        // Built-in modules are not re-initialised (as CPython).
        _ => return Ok(m),
    };
    let source = match file.strip_prefix(super::STDLIB_DIR) {
        Some(rel) => super::PYTHON
            .iter()
            .find(|(p, _)| *p == rel.trim_start_matches('/'))
            .map(|(_, s)| s.to_string()),
        None => std::fs::read_to_string(&file).ok(),
    };
    let Some(source) = source else {
        return Err(PyErr::module_not_found(format!(
            "spec not found for the module '{name}'"
        )));
    };
    let dict = module.dict.clone();
    vm.exec_source(&source, &file, &dict)?;
    Ok(m)
}

fn invalidate_caches(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    // Nothing to invalidate: every import looks at the directories afresh.
    Ok(Value::None)
}
