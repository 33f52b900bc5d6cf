//! The standard library's one table (every module gilvm provides, in Rust or embedded
//! Python) and the import machinery: sys.modules, built-in modules, then sys.path
//! (packages, namespace packages, relative imports, `__spec__`), and `-m`.

pub mod _asyncio;
pub mod _collections;
pub mod _contextvars;
pub mod _datetime;
pub mod _functools;
pub mod _json;
pub mod _random;
pub mod _re;
pub mod _socket;
pub mod _struct;
pub mod _weakref;
pub mod array;
pub mod binascii;
pub mod bisect;
pub mod cmath;
pub mod dis;
pub mod gc;
pub mod hashlib;
pub mod heapq;
pub mod importlib;
pub mod itertools;
pub mod math;
pub mod operator;
pub mod posix;
pub mod select;
pub mod sys;
pub mod time;

use super::errors::{PyErr, PyResult};
use super::object::{
    Args, Builtin, Class, ClassKind, DictObj, Module, Native, NativeFn, NativeObject,
};
use super::value::{PyStr, Value};
use super::Vm;
use crate::vm::refcount::Ref;
use importlib::{spec_of, ModuleSpec};
use std::sync::OnceLock;

/// Fills the namespace of a module written in Rust.
pub type Fill = fn(&mut Vm, &DictObj) -> PyResult<()>;

/// Modules written in Rust, one `NAME.rs` each. As CPython's built-in modules they are
/// found before sys.path is searched, so a file beside the script cannot shadow them.
pub const NATIVE: &[(&str, Fill)] = &[
    ("sys", |vm, d| {
        sys::fill(vm, d);
        Ok(())
    }),
    ("time", time::fill),
    ("cmath", cmath::fill),
    ("math", |_, d| {
        math::fill(d);
        Ok(())
    }),
    ("_asyncio", _asyncio::fill),
    ("_collections", _collections::fill),
    ("_contextvars", _contextvars::fill),
    ("_datetime", _datetime::fill),
    ("_functools", _functools::fill),
    ("_json", _json::fill),
    ("_random", _random::fill),
    ("_weakref", _weakref::fill),
    ("_socket", |_, d| {
        _socket::fill(d);
        Ok(())
    }),
    ("_re", _re::fill),
    ("_struct", _struct::fill),
    ("array", array::fill),
    ("binascii", binascii::fill),
    ("bisect", bisect::fill),
    ("dis", dis::fill),
    ("gc", gc::fill),
    ("hashlib", hashlib::fill),
    ("heapq", heapq::fill),
    ("importlib", importlib::fill),
    ("itertools", itertools::fill),
    ("operator", operator::fill),
    ("posix", posix::fill),
    ("select", |_, d| {
        select::fill(d);
        Ok(())
    }),
    // The thread machinery is part of the VM (src/vm/threads/); this is its module face.
    ("_thread", |_, d| {
        super::threads::thread_module(d);
        Ok(())
    }),
];

/// Modules CPython 3.11 has imported before the program starts (`python3 -I -S` plus
/// what `site` loads): they are in sys.modules already there, so a file of the same
/// name beside the script (a workload called `io.py`) never shadows them. gilvm
/// imports them lazily, from its embedded copies first for the same effect.
const STARTUP: &[&str] = &[
    "abc",
    "codecs",
    "encodings",
    "genericpath",
    "io",
    "os",
    "posixpath",
    "site",
    "stat",
    "_collections_abc",
];

/// The directory on sys.path that holds the embedded Python modules. It exists only
/// inside gilvm: `<gilvm stdlib>/collections/abc.py` is `PYTHON`'s "collections/abc.py".
pub const STDLIB_DIR: &str = "<gilvm stdlib>";

macro_rules! py {
    ($path:literal) => {
        ($path, include_str!($path))
    };
}

/// Modules written in Python, embedded in the binary: path under src/vm/modules/
/// (a package is `NAME/__init__.py`) and source.
pub const PYTHON: &[(&str, &str)] = &[
    py!("abc.py"),
    py!("_collections_abc.py"),
    py!("collections/__init__.py"),
    py!("collections/abc.py"),
    py!("keyword.py"),
    py!("enum.py"),
    py!("dataclasses.py"),
    py!("datetime.py"),
    py!("_strptime.py"),
    py!("timeit.py"),
    py!("sched.py"),
    py!("argparse.py"),
    py!("pprint.py"),
    py!("struct.py"),
    py!("base64.py"),
    py!("fractions.py"),
    py!("statistics.py"),
    py!("fnmatch.py"),
    py!("glob.py"),
    py!("shutil.py"),
    py!("tempfile.py"),
    py!("contextlib.py"),
    py!("copy.py"),
    py!("asyncio.py"),
    py!("contextvars.py"),
    py!("functools.py"),
    py!("io.py"),
    py!("json/__init__.py"),
    py!("json/decoder.py"),
    py!("json/encoder.py"),
    py!("errno.py"),
    py!("os.py"),
    py!("posixpath.py"),
    py!("queue.py"),
    py!("random.py"),
    py!("re.py"),
    py!("string.py"),
    py!("textwrap.py"),
    py!("selectors.py"),
    py!("socket.py"),
    py!("threading.py"),
    py!("weakref.py"),
    py!("typing.py"),
    py!("linecache.py"),
    py!("logging/__init__.py"),
    py!("logging/handlers.py"),
    py!("logging/config.py"),
    py!("traceback.py"),
    py!("atexit.py"),
    py!("concurrent/__init__.py"),
    py!("concurrent/futures/__init__.py"),
    py!("concurrent/futures/_base.py"),
    py!("concurrent/futures/thread.py"),
    py!("concurrent/futures/process.py"),
    py!("multiprocessing/__init__.py"),
    py!("warnings.py"),
    py!("types.py"),
    py!("inspect.py"),
];

/// Where a module's code comes from, once found.
enum Found {
    Native(Fill),
    Source {
        source: String,
        /// The file name (`__file__`, tracebacks).
        origin: String,
        /// For a package: its directory, the one entry of `__path__`.
        package_dir: Option<String>,
    },
    /// A directory without `__init__.py` (PEP 420): a package with no code.
    Namespace(Vec<String>),
}

impl Vm {
    /// IMPORT_NAME and `__import__`: `import a.b` gives `a`; `from a.b import x` (a
    /// non-empty `fromlist`) gives `a.b`, with the submodules named in `fromlist` imported.
    /// `level` counts the leading dots of a relative import, resolved against the
    /// package of `globals`.
    pub fn import_name(
        &mut self,
        name: &str,
        globals: Option<&Ref<DictObj>>,
        fromlist: &Value,
        level: usize,
    ) -> PyResult<Value> {
        let absolute = if level > 0 {
            let package = calc_package(globals)?;
            resolve_name(name, &package, level)?
        } else {
            if name.is_empty() {
                return Err(PyErr::value_error("Empty module name"));
            }
            name.to_string()
        };
        let module = self.import(&absolute)?;
        let names = match fromlist {
            Value::None => vec![],
            v => self.collect(v)?,
        };
        if names.is_empty() {
            if level == 0 || name.is_empty() {
                let top = absolute.split('.').next().unwrap_or(&absolute);
                return self.import(top);
            }
            // `__import__('b.c', level=1)` inside package a: gives a.b.
            let cut = absolute.len() - (name.len() - name.split('.').next().unwrap_or("").len());
            return self.import(&absolute[..cut]);
        }
        if module_dict(&module).is_some_and(|d| d.get_str(&PyStr::new("__path__")).is_some()) {
            self.handle_fromlist(&module, &absolute, &names, false)?;
        }
        Ok(module)
    }

    /// `from package import x` where `x` is a submodule not imported yet: import it.
    fn handle_fromlist(
        &mut self,
        module: &Value,
        modname: &str,
        names: &[Value],
        recursive: bool,
    ) -> PyResult<()> {
        for n in names {
            let Value::Str(s) = n else {
                let what = if recursive {
                    format!("{modname}.__all__")
                } else {
                    "``from list''".to_string()
                };
                return Err(PyErr::type_error(format!(
                    "Item in {what} must be str, not {}",
                    self.type_name(n)
                )));
            };
            if s.as_str() == "*" {
                if !recursive {
                    if let Some(all) =
                        module_dict(module).and_then(|d| d.get_str(&PyStr::new("__all__")))
                    {
                        let all = self.collect(&all)?;
                        self.handle_fromlist(module, modname, &all, true)?;
                    }
                }
                continue;
            }
            if self.getattr_opt(module, s)?.is_none() {
                let sub = format!("{modname}.{}", s.as_str());
                match self.import(&sub) {
                    Ok(_) => {}
                    // As CPython: a missing submodule is left for IMPORT_FROM to report.
                    Err(e) if is_not_found(self, &e, &sub) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(())
    }

    /// The module named by the absolute dotted `name`, importing it (and its parent
    /// packages first) if it is not in sys.modules yet.
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.interp.modules.get_str(&PyStr::new(name)) {
            return self.wait_initialized(name, m);
        }
        let (parent, child) = match name.rfind('.') {
            Some(i) => (Some(&name[..i]), &name[i + 1..]),
            None => (None, name),
        };
        let mut parent_module = None;
        let found = match parent {
            None => match NATIVE.iter().find(|(n, _)| *n == name) {
                Some((_, fill)) => Some(Found::Native(*fill)),
                None => {
                    let embedded = STARTUP
                        .contains(&name)
                        .then(|| find_in_dirs(child, &[STDLIB_DIR.into()]))
                        .flatten();
                    match embedded {
                        Some(found) => Some(found),
                        None => {
                            let dirs = self.sys_path()?;
                            find_in_dirs(child, &dirs)
                        }
                    }
                }
            },
            Some(p) => {
                let pm = self.import(p)?;
                // Importing the parent may have imported this module as a side effect.
                if let Some(m) = self.interp.modules.get_str(&PyStr::new(name)) {
                    return self.wait_initialized(name, m);
                }
                let dirs = match self.package_path(&pm)? {
                    Some(d) => d,
                    None => {
                        return Err(not_found(
                            self,
                            format!("No module named '{name}'; '{p}' is not a package"),
                            name,
                        ))
                    }
                };
                parent_module = Some(pm);
                find_in_dirs(child, &dirs)
            }
        };
        let Some(found) = found else {
            return Err(not_found(self, format!("No module named '{name}'"), name));
        };
        let module = self.load(name, found)?;
        if let Some(pm) = parent_module {
            // As CPython: the submodule becomes an attribute of its package.
            if let Some(d) = module_dict(&pm) {
                d.set_str(child, module.clone());
            }
        }
        Ok(module)
    }

    /// Creates module `name` from what was found, registers it in sys.modules before
    /// its code runs (so circular imports see it partly initialised), and runs it.
    fn load(&mut self, name: &str, found: Found) -> PyResult<Value> {
        let dict = Ref::new(DictObj::default());
        dict.set_str("__name__", Value::str(name));
        dict.set_str("__doc__", Value::None);
        let package = match &found {
            Found::Source {
                package_dir: Some(_),
                ..
            }
            | Found::Namespace(_) => name.to_string(),
            _ => name
                .rsplit_once('.')
                .map(|(p, _)| p)
                .unwrap_or("")
                .to_string(),
        };
        dict.set_str("__package__", Value::string(package));
        dict.set_str("__loader__", Value::None);
        let (origin, search) = match &found {
            Found::Native(_) => (None, None),
            Found::Source {
                origin,
                package_dir,
                ..
            } => (Some(origin.clone()), package_dir.clone().map(|d| vec![d])),
            Found::Namespace(dirs) => (None, Some(dirs.clone())),
        };
        if let Some(o) = &origin {
            dict.set_str("__file__", Value::str(o));
        }
        if let Some(dirs) = &search {
            let list = dirs.iter().map(|d| Value::str(d)).collect();
            dict.set_str("__path__", Value::list(list));
        }
        let spec = ModuleSpec::new(name, origin, search, self.ident());
        dict.set_str("__spec__", spec.clone());
        let module = Value::Module(Ref::new(Module {
            name: name.to_string(),
            dict: dict.clone(),
            weaklist: Default::default(),
        }));
        self.interp.modules.set_str(name, module.clone());
        let r = match found {
            Found::Native(fill) => fill(self, &dict),
            Found::Source { source, origin, .. } => self.exec_source(&source, &origin, &dict),
            Found::Namespace(_) => Ok(()),
        };
        if let Some(s) = spec_of(&spec) {
            s.finish_initializing();
        }
        if let Err(e) = r {
            // As CPython: a module whose code failed is not left half-imported.
            self.interp.modules.del_str(&PyStr::new(name));
            return Err(e);
        }
        // The module may have replaced itself in sys.modules (as some modules do).
        Ok(self
            .interp
            .modules
            .get_str(&PyStr::new(name))
            .unwrap_or(module))
    }

    /// Compiles `source` and runs it in the namespace `globals`.
    pub fn exec_source(
        &mut self,
        source: &str,
        filename: &str,
        globals: &Ref<DictObj>,
    ) -> PyResult<()> {
        self.interp.add_source(filename, source);
        let code = crate::driver::compile_source(source, filename).map_err(|e| {
            let msg = format!("{} ({filename}, line {})", e.msg, e.line);
            PyErr::new(&syntax_error_class(&e.kind), msg)
        })?;
        let frame = self.frame_pool.alloc(&code, globals, None);
        self.run_frame_to_value(frame)?;
        Ok(())
    }

    /// A module found in sys.modules: if another thread is still running its code,
    /// wait for it to finish (as CPython's per-module import locks do).
    fn wait_initialized(&mut self, name: &str, m: Value) -> PyResult<Value> {
        let Some(spec) = module_dict(&m).and_then(|d| d.get_str(&PyStr::new("__spec__"))) else {
            return Ok(m);
        };
        if let Some(s) = spec_of(&spec) {
            let lock = s.init_lock();
            if lock.is_busy_elsewhere(self.ident()) {
                self.blocking("import", &*lock, |l| l.wait_done());
                // It may have failed and been removed meanwhile.
                return match self.interp.modules.get_str(&PyStr::new(name)) {
                    Some(m) => Ok(m),
                    None => self.import(name),
                };
            }
        }
        Ok(m)
    }

    /// The live `sys.path`: its str entries, in order.
    fn sys_path(&mut self) -> PyResult<Vec<String>> {
        let sys = self.import("sys")?;
        let path = self.getattr_str(&sys, "path")?;
        let items = match &path {
            Value::List(l) => l.items.lock().clone(),
            _ => {
                return Err(PyErr::import_error(
                    "sys.path must be a list of directory names",
                ))
            }
        };
        Ok(items
            .iter()
            .filter_map(|v| match v {
                Value::Str(s) => Some(s.as_str().to_string()),
                _ => None,
            })
            .collect())
    }

    /// A package's `__path__` as directory names; None for a plain module.
    fn package_path(&mut self, m: &Value) -> PyResult<Option<Vec<String>>> {
        let Some(p) = module_dict(m).and_then(|d| d.get_str(&PyStr::new("__path__"))) else {
            return Ok(None);
        };
        let items = self.collect(&p)?;
        Ok(Some(
            items
                .iter()
                .filter_map(|v| match v {
                    Value::Str(s) => Some(s.as_str().to_string()),
                    _ => None,
                })
                .collect(),
        ))
    }

    /// IMPORT_FROM: `module.name`, else the submodule `module.name` from sys.modules,
    /// else CPython's ImportError.
    pub fn import_from(&mut self, module: &Value, name: &Ref<PyStr>) -> PyResult<Value> {
        match self.getattr_opt(module, name) {
            Ok(Some(v)) => return Ok(v),
            Ok(None) => {}
            Err(e) if e.is(&super::types::types().attribute_error) => {}
            Err(e) => return Err(e),
        }
        let dict = module_dict(module);
        let modname = dict
            .as_ref()
            .and_then(|d| d.get_str(&PyStr::new("__name__")))
            .and_then(|v| match v {
                Value::Str(s) => Some(s.as_str().to_string()),
                _ => None,
            });
        if let Some(mn) = &modname {
            let full = format!("{mn}.{}", name.as_str());
            if let Some(m) = self.interp.modules.get_str(&PyStr::new(&full)) {
                return Ok(m);
            }
        }
        let mn = modname.unwrap_or_else(|| "<unknown module name>".into());
        let location = dict
            .as_ref()
            .and_then(|d| d.get_str(&PyStr::new("__file__")))
            .and_then(|v| match v {
                Value::Str(s) => Some(s.as_str().to_string()),
                _ => None,
            })
            .unwrap_or_else(|| "unknown location".into());
        let initializing = dict
            .as_ref()
            .and_then(|d| d.get_str(&PyStr::new("__spec__")))
            .and_then(|s| spec_of(&s).map(|s| s.init_lock().is_busy()))
            .unwrap_or(false);
        let msg = if initializing {
            format!(
                "cannot import name '{}' from partially initialized module '{mn}' (most likely due to a circular import) ({location})",
                name.as_str()
            )
        } else {
            format!(
                "cannot import name '{}' from '{mn}' ({location})",
                name.as_str()
            )
        };
        let e = PyErr::import_error(msg);
        if let Some(inst) = e.instance() {
            inst.set_attr("name", Value::string(mn));
        }
        Err(e)
    }

    /// IMPORT_STAR: the names in `__all__`, or every name not starting with `_`.
    pub fn import_star(&mut self, module: &Value, ns: &Ref<DictObj>) -> PyResult<()> {
        let Some(dict) = module_dict(module) else {
            return Ok(());
        };
        if let Some(all) = dict.get_str(&PyStr::new("__all__")) {
            let names = self.collect(&all)?;
            if let Some(modname) = dict.get_str(&PyStr::new("__name__")).and_then(|v| match v {
                Value::Str(s) => Some(s.as_str().to_string()),
                _ => None,
            }) {
                if dict.get_str(&PyStr::new("__path__")).is_some() {
                    self.handle_fromlist(module, &modname, &names, true)?;
                }
            }
            for n in names {
                let Value::Str(s) = &n else {
                    return Err(PyErr::type_error(format!(
                        "Item in {}.__all__ must be str, not {}",
                        module_name(module),
                        self.type_name(&n)
                    )));
                };
                let v = self.getattr(module, s)?;
                ns.set_pystr(s, v);
            }
            return Ok(());
        }
        let items: Vec<(Value, Value)> = dict
            .map
            .lock()
            .iter()
            .map(|(k, v)| (k.key.clone(), v.clone()))
            .collect();
        for (k, v) in items {
            if let Value::Str(s) = &k {
                if !s.as_str().starts_with('_') {
                    ns.set_pystr(s, v);
                }
            }
        }
        Ok(())
    }

    /// `gilvm run -m NAME`: finds module NAME as `import` would (a package runs its
    /// `__main__`), sets sys.argv[0] to its file, and runs it as `__main__`. Errors
    /// before the code runs are reported as CPython's `-m` reports them (message, exit 1).
    pub fn run_main_module(
        &mut self,
        main: &Ref<Module>,
        name: &str,
    ) -> Result<PyResult<()>, String> {
        let mut target = name.to_string();
        let mut found = self.find_main(&target)?;
        if let Found::Source {
            package_dir: Some(_),
            ..
        }
        | Found::Namespace(_) = found
        {
            // The package itself is imported, then its __main__ submodule runs.
            if let Err(e) = self.import(&target) {
                return Ok(Err(e));
            }
            target = format!("{name}.__main__");
            found = match self.find_main(&target) {
                Ok(f) => f,
                Err(_) => {
                    return Err(format!(
                        "No module named {target}; '{name}' is a package and cannot be directly executed"
                    ))
                }
            };
        }
        let (source, origin) = match found {
            Found::Source { source, origin, .. } => (source, origin),
            _ => return Err(format!("No code object available for {target}")),
        };
        let globals = main.dict.clone();
        let package = target.rsplit_once('.').map(|(p, _)| p).unwrap_or("");
        globals.set_str("__package__", Value::str(package));
        globals.set_str("__file__", Value::str(&origin));
        globals.set_str(
            "__spec__",
            ModuleSpec::new(&target, Some(origin.clone()), None, 0),
        );
        // sys.argv[0] is the module's file, as CPython's runpy sets it.
        let r = (|| {
            let sys = self.import("sys")?;
            if let Value::List(l) = self.getattr_str(&sys, "argv")? {
                if let Some(first) = l.items.lock().first_mut() {
                    *first = Value::str(&origin);
                }
            }
            self.exec_source(&source, &origin, &globals)
        })();
        Ok(r)
    }

    /// Finds (without running) the module `-m` names, importing its parent packages.
    fn find_main(&mut self, name: &str) -> Result<Found, String> {
        let fail = |vm: &mut Vm, e: PyErr| -> String {
            let t = vm.type_name(&e.exc);
            let msg = vm.str(&e.exc).unwrap_or_default();
            format!("Error while finding module specification for '{name}' ({t}: {msg})")
        };
        let found = match name.rsplit_once('.') {
            None => {
                if NATIVE.iter().any(|(n, _)| *n == name) {
                    return Err(format!("No code object available for {name}"));
                }
                let dirs = self.sys_path().map_err(|e| fail(self, e))?;
                find_in_dirs(name, &dirs)
            }
            Some((parent, child)) => {
                let pm = self.import(parent).map_err(|e| fail(self, e))?;
                match self.package_path(&pm).map_err(|e| fail(self, e))? {
                    Some(dirs) => find_in_dirs(child, &dirs),
                    None => {
                        return Err(format!(
                            "Error while finding module specification for '{name}' (ModuleNotFoundError: __path__ attribute not found on '{parent}' while trying to find '{name}')"
                        ))
                    }
                }
            }
        };
        found.ok_or_else(|| format!("No module named {name}"))
    }
}

/// Looks for module `name` (one component) in each directory in order: a package
/// (`name/__init__.py`), then `name.py`; a bare directory `name/` is a namespace package
/// only if no directory has either. The embedded modules live under `STDLIB_DIR`.
fn find_in_dirs(name: &str, dirs: &[String]) -> Option<Found> {
    let mut namespace = vec![];
    for dir in dirs {
        if let Some(rel) = dir.strip_prefix(STDLIB_DIR) {
            if !(rel.is_empty() || rel.starts_with('/')) {
                continue;
            }
            let rel = rel.trim_start_matches('/');
            let base = if rel.is_empty() {
                name.to_string()
            } else {
                format!("{rel}/{name}")
            };
            let init = format!("{base}/__init__.py");
            if let Some((_, src)) = PYTHON.iter().find(|(p, _)| *p == init) {
                return Some(Found::Source {
                    source: src.to_string(),
                    origin: format!("{STDLIB_DIR}/{init}"),
                    package_dir: Some(format!("{STDLIB_DIR}/{base}")),
                });
            }
            let file = format!("{base}.py");
            if let Some((_, src)) = PYTHON.iter().find(|(p, _)| *p == file) {
                return Some(Found::Source {
                    source: src.to_string(),
                    origin: format!("{STDLIB_DIR}/{file}"),
                    package_dir: None,
                });
            }
            continue;
        }
        let d = std::path::Path::new(if dir.is_empty() { "." } else { dir.as_str() });
        let pkg = d.join(name);
        let init = pkg.join("__init__.py");
        if init.is_file() {
            if let Ok(source) = std::fs::read_to_string(&init) {
                return Some(Found::Source {
                    source,
                    origin: shown(dir, &init),
                    package_dir: Some(shown(dir, &pkg)),
                });
            }
        }
        let file = d.join(format!("{name}.py"));
        if file.is_file() {
            if let Ok(source) = std::fs::read_to_string(&file) {
                return Some(Found::Source {
                    source,
                    origin: shown(dir, &file),
                    package_dir: None,
                });
            }
        }
        if pkg.is_dir() {
            namespace.push(shown(dir, &pkg));
        }
    }
    (!namespace.is_empty()).then_some(Found::Namespace(namespace))
}

/// A path as CPython shows it: relative to '' stays relative (`-c`), else absolute.
fn shown(dir: &str, p: &std::path::Path) -> String {
    if dir.is_empty() {
        return p.strip_prefix(".").unwrap_or(p).display().to_string();
    }
    std::path::absolute(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
}

/// The package a relative import in `globals` is relative to (CPython's
/// `_calc___package__`): `__package__`, else `__spec__.parent`, else from `__name__`.
fn calc_package(globals: Option<&Ref<DictObj>>) -> PyResult<String> {
    let no_parent =
        || PyErr::import_error("attempted relative import with no known parent package");
    let Some(g) = globals else {
        return Err(no_parent());
    };
    let package = match g.get_str(&PyStr::new("__package__")) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(Value::None) | None => match g
            .get_str(&PyStr::new("__spec__"))
            .as_ref()
            .and_then(spec_of)
        {
            Some(s) => s.parent(),
            None => match g.get_str(&PyStr::new("__name__")) {
                Some(Value::Str(n)) => {
                    if g.get_str(&PyStr::new("__path__")).is_some() {
                        n.as_str().to_string()
                    } else {
                        n.as_str()
                            .rsplit_once('.')
                            .map(|(p, _)| p)
                            .unwrap_or("")
                            .to_string()
                    }
                }
                _ => return Err(PyErr::key_error(Value::str("'__name__' not in globals"))),
            },
        },
        Some(_) => return Err(PyErr::type_error("package must be a string")),
    };
    if package.is_empty() {
        return Err(no_parent());
    }
    Ok(package)
}

/// `..mod` in package `a.b.c` with level 2 is `a.b.mod`.
fn resolve_name(name: &str, package: &str, level: usize) -> PyResult<String> {
    let parts: Vec<&str> = package.split('.').collect();
    if level > parts.len() {
        return Err(PyErr::import_error(
            "attempted relative import beyond top-level package",
        ));
    }
    let base = parts[..parts.len() + 1 - level].join(".");
    Ok(if name.is_empty() {
        base
    } else {
        format!("{base}.{name}")
    })
}

fn module_dict(m: &Value) -> Option<Ref<DictObj>> {
    match m {
        Value::Module(m) => Some(m.dict.clone()),
        _ => None,
    }
}

fn module_name(m: &Value) -> String {
    match m {
        Value::Module(m) => m.name.clone(),
        _ => "?".into(),
    }
}

/// ModuleNotFoundError with `.name` set, as CPython's.
fn not_found(_vm: &mut Vm, msg: String, name: &str) -> PyErr {
    let e = PyErr::module_not_found(msg);
    if let Some(inst) = e.instance() {
        inst.set_attr("name", Value::str(name));
    }
    e
}

/// Whether `e` is the ModuleNotFoundError for exactly `name`.
fn is_not_found(_vm: &mut Vm, e: &PyErr, name: &str) -> bool {
    if !e.is(&super::types::types().module_not_found_error) {
        return false;
    }
    e.instance()
        .and_then(|i| i.get_attr("name"))
        .is_some_and(|v| matches!(v, Value::Str(s) if s.as_str() == name))
}

fn syntax_error_class(kind: &str) -> Ref<super::object::Class> {
    let t = super::types::types();
    match kind {
        "IndentationError" => t.indentation_error.clone(),
        _ => t.syntax_error.clone(),
    }
}

/// `repr()` of a module, as CPython's: where it came from.
pub fn module_repr(m: &Module) -> String {
    match m.dict.get_str(&PyStr::new("__file__")) {
        Some(Value::Str(f)) => format!("<module '{}' from '{}'>", m.name, f.as_str()),
        _ => {
            if NATIVE.iter().any(|(n, _)| *n == m.name) {
                format!("<module '{}' (built-in)>", m.name)
            } else {
                format!("<module '{}'>", m.name)
            }
        }
    }
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
pub fn builtin_import(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw(
        "__import__",
        &["name", "globals", "locals", "fromlist", "level"],
    )?;
    a.expect("__import__", 0, 5)?;
    let name = match a.arg(0, "name") {
        Some(Value::Str(s)) => s.clone(),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "module name must be str, not {}",
                vm.type_name(v)
            )))
        }
        None => {
            return Err(PyErr::type_error(
                "__import__() missing required argument 'name' (pos 1)",
            ))
        }
    };
    let globals = match a.arg(1, "globals") {
        Some(Value::Dict(d)) => Some(d.clone()),
        _ => None,
    };
    let fromlist = a.arg(3, "fromlist").cloned().unwrap_or(Value::None);
    let level = match a.arg(4, "level") {
        Some(v) => vm.to_index(v)?,
        None => 0,
    };
    if level < 0 {
        return Err(PyErr::value_error("level must be >= 0"));
    }
    vm.import_name(name.as_str(), globals.as_ref(), &fromlist, level as usize)
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
                weaklist: Default::default(),
            })),
        );
    }
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
    if let Value::Native(n) = obj {
        if let Some(v) = n.obj.attr(name) {
            return Ok(Some(v));
        }
    }
    if let Some(v) = super::builtins::file::getattr(obj, name) {
        return Ok(Some(v));
    }
    if let Some(v) = importlib::spec_getattr(obj, name) {
        return Ok(Some(v));
    }
    Ok(sys::stream_getattr(obj, name))
}

pub fn native_setattr(vm: &mut Vm, obj: &Value, name: &str, _v: Value) -> PyResult<()> {
    Err(vm.no_attribute(obj, name))
}

/// The class of objects a Rust module implements (`<class 'itertools.count'>`):
/// built once per process, immortal (it sits in a static), with its methods.
pub fn native_class(
    cell: &'static OnceLock<Ref<Class>>,
    module: &str,
    name: &str,
    methods: &[(&'static str, NativeFn)],
    classmethods: &[(&'static str, NativeFn)],
) -> Ref<Class> {
    native_subclass(cell, module, name, None, methods, classmethods)
}

/// `native_class` deriving from the native class `base` (object when None).
pub fn native_subclass(
    cell: &'static OnceLock<Ref<Class>>,
    module: &str,
    name: &str,
    base: Option<&Ref<Class>>,
    methods: &[(&'static str, NativeFn)],
    classmethods: &[(&'static str, NativeFn)],
) -> Ref<Class> {
    cell.get_or_init(|| {
        // Named `module.name` (the error messages' type name), qualname `name`, as
        // CPython's C types.
        let full = format!("{module}.{name}");
        let c = super::types::new_class(
            &full,
            Some(base.unwrap_or(&super::types::types().object)),
            ClassKind::Builtin,
        );
        c.set_qualname(name);
        // Attributes computed by the object (`NativeObject::attr`) come after the type's.
        c.slots.getattr.set(Some(native_getattr_slot));
        super::types::install(&c, methods);
        super::types::install_classmethods(&c, classmethods);
        if methods
            .iter()
            .any(|&(n, f)| n == "__next__" && f as usize == next_method as NativeFn as usize)
        {
            // Native iterators step through `iter_next` directly: no `__next__` lookup
            // and no StopIteration per item.
            c.slots.next.set(Some(native_next_slot));
        }
        Class::set_attr(&c, super::value::intern("__module__"), Value::str(module));
        super::value::shared_class(c)
    })
    .clone()
}

/// Wraps a Rust object as a Python value.
pub fn native<T: NativeObject>(obj: T) -> Value {
    Value::Native(Ref::new(Native { obj: Box::new(obj) }))
}

/// The Rust object behind `v`, if it is a `T`.
pub fn downcast<T: 'static>(v: &Value) -> Option<&T> {
    match v {
        Value::Native(n) => n.obj.as_any().downcast_ref::<T>(),
        _ => None,
    }
}

/// The receiver of a native method (`descriptor 'x' for 'T' objects doesn't apply to ...`).
pub fn this<'a, T: 'static>(vm: &Vm, a: &Args<'a>, ty: &str, meth: &str) -> PyResult<&'a T> {
    match a.pos.first() {
        Some(v) => downcast::<T>(v).ok_or_else(|| {
            PyErr::type_error(format!(
                "descriptor '{meth}' for '{ty}' objects doesn't apply to a '{}' object",
                vm.type_name(v)
            ))
        }),
        None => Err(PyErr::type_error(format!(
            "descriptor '{meth}' of '{ty}' object needs an argument"
        ))),
    }
}

/// Binds arguments to parameter `names` as CPython's argument clinic does: the first
/// `posonly` only by position, the first `required` required; CPython's messages.
pub fn bind<'a>(
    a: &Args<'a>,
    fname: &str,
    names: &[&str],
    posonly: usize,
    required: usize,
) -> PyResult<Vec<Option<&'a Value>>> {
    let n = a.pos.len();
    if n > names.len() {
        let msg = if required == names.len() {
            match names.len() {
                0 => format!("{fname}() takes no arguments ({n} given)"),
                1 => format!("{fname}() takes exactly one argument ({n} given)"),
                k => format!("{fname}() takes exactly {k} arguments ({n} given)"),
            }
        } else {
            format!(
                "{fname}() takes at most {} argument{} ({n} given)",
                names.len(),
                if names.len() == 1 { "" } else { "s" }
            )
        };
        return Err(PyErr::type_error(msg));
    }
    let mut out: Vec<Option<&Value>> = a.pos.iter().map(Some).collect();
    out.resize(names.len(), None);
    for (k, v) in a.kw {
        match names.iter().position(|p| *p == k.as_str()) {
            Some(i) if i >= posonly => {
                if out[i].is_some() {
                    return Err(PyErr::type_error(format!(
                        "argument for {fname}() given by name ('{}') and position ({})",
                        k.as_str(),
                        i + 1
                    )));
                }
                out[i] = Some(v);
            }
            _ => {
                return Err(PyErr::type_error(format!(
                    "'{}' is an invalid keyword argument for {fname}()",
                    k.as_str()
                )))
            }
        }
    }
    for (i, v) in out.iter().enumerate().take(required) {
        if v.is_none() {
            return Err(PyErr::type_error(if i < posonly {
                format!(
                    "{fname}() missing required argument '{}' (pos {})",
                    names[i],
                    i + 1
                )
            } else {
                format!(
                    "{fname}() missing required argument '{}' (pos {})",
                    names[i],
                    i + 1
                )
            }));
        }
    }
    Ok(out)
}

/// The next slot of native iterators (see `native_class`).
pub(crate) fn native_next_slot(vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
    match it {
        Value::Native(n) if n.obj.is_iterator() => n.obj.iter_next(vm),
        _ => Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            vm.type_name(it)
        ))),
    }
}

/// Calls `f` as the `__next__` method of a native iterator: its `iter_next` result,
/// with exhaustion raised as StopIteration.
pub fn next_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(Value::Native(n)) = a.pos.first() else {
        return Err(PyErr::type_error("__next__ needs an iterator"));
    };
    let n = n.clone();
    if !n.obj.is_iterator() {
        return Err(PyErr::type_error("not an iterator"));
    }
    match n.obj.iter_next(vm)? {
        Some(v) => Ok(v),
        None => Err(PyErr::stop_iteration(Value::None)),
    }
}

/// `__iter__` of an iterator: itself.
pub fn iter_self(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(a.pos.first().cloned().unwrap_or(Value::None))
}

/// `a < b` decided without running Python code, for the values whose order is
/// built in (numbers, strings, tuples of them); None when Python code must decide.
pub fn simple_lt(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x < y),
        (Value::Float(x), Value::Float(y)) => Some(x < y),
        (Value::Int(x), Value::Float(y)) if x.unsigned_abs() <= 1 << 53 => Some((*x as f64) < *y),
        (Value::Float(x), Value::Int(y)) if y.unsigned_abs() <= 1 << 53 => Some(*x < (*y as f64)),
        (Value::Str(x), Value::Str(y)) => Some(x.as_str() < y.as_str()),
        (Value::Tuple(x), Value::Tuple(y)) => {
            // As tuple comparison: the first items that differ decide.
            for (p, q) in x.iter().zip(y.iter()) {
                if !simple_eq(p, q)? {
                    return simple_lt(p, q);
                }
            }
            Some(x.len() < y.len())
        }
        _ => None,
    }
}

/// `a == b` for the values `simple_lt` knows; None when Python code must decide.
pub fn simple_eq(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Float(x), Value::Float(y)) => Some(x == y),
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x))
            if x.unsigned_abs() <= 1 << 53 =>
        {
            Some((*x as f64) == *y)
        }
        (Value::Str(x), Value::Str(y)) => Some(x.as_str() == y.as_str()),
        (Value::None, Value::None) => Some(true),
        (Value::Tuple(x), Value::Tuple(y)) => {
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, q) in x.iter().zip(y.iter()) {
                if !simple_eq(p, q)? {
                    return Some(false);
                }
            }
            Some(true)
        }
        _ => None,
    }
}

/// `a < b` as Python decides it (`PyObject_RichCompareBool(a, b, Py_LT)`).
#[inline]
pub fn lt(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = simple_lt(a, b) {
        return Ok(r);
    }
    let r = vm.compare(crate::bytecode::CompareOp::Lt, a, b)?;
    vm.truthy(&r)
}
