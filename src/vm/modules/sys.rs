//! The `sys` module: argv, exit, the recursion limit, stdin/stdout/stderr objects and
//! interpreter facts. `version` reads "3.11.0 (gilvm)": the Python version whose
//! semantics gilvm follows, then the implementation. The GIL knobs
//! (`setswitchinterval`, ...) are added by the GIL code.

use super::add_functions;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::stdio::{Fd, Flush, Want};
use crate::vm::types::{self, types};
use crate::vm::value::Value;
use crate::vm::Vm;
use std::sync::atomic::Ordering;
use std::sync::OnceLock;

pub fn fill(vm: &mut Vm, d: &DictObj) {
    add_functions(
        d,
        &[
            ("exit", exit),
            ("getrecursionlimit", getrecursionlimit),
            ("setrecursionlimit", setrecursionlimit),
            ("get_int_max_str_digits", get_int_max_str_digits),
            ("set_int_max_str_digits", set_int_max_str_digits),
            ("exc_info", exc_info),
            ("exception", exception),
            ("intern", intern),
            ("displayhook", displayhook),
            ("_getframe", getframe),
            ("getsizeof", getsizeof),
            // The GIL's switch interval lives with the threads code.
            ("setswitchinterval", crate::vm::threads::setswitchinterval),
            ("getswitchinterval", crate::vm::threads::getswitchinterval),
            // gilvm's own GIL settings (`--switch-points`, `--gil-policy`); CPython has
            // no such functions, so programs look them up with getattr(sys, ..., None).
            ("_gilvm_switch_points", gilvm_switch_points),
            ("_is_gil_enabled", is_gil_enabled),
            ("_gilvm_gil_policy", gilvm_gil_policy),
        ],
    );
    let argv = vm.interp.argv.iter().map(|s| Value::str(s)).collect();
    d.set_str("argv", Value::list(argv));
    // `sys.__stdout__` and friends: the start-up streams, the same objects, which
    // programs restore after redirecting `sys.stdout`.
    for (fd, name, dunder) in [
        (0, "stdin", "__stdin__"),
        (1, "stdout", "__stdout__"),
        (2, "stderr", "__stderr__"),
    ] {
        let s = if crate::vm::stdio::closed_at_start(fd) {
            Value::None
        } else {
            stream(fd)
        };
        d.set_str(name, s.clone());
        d.set_str(dunder, s);
    }
    d.set_str("maxsize", Value::Int(i64::MAX));
    d.set_str("version", Value::str("3.11.0 (gilvm)"));
    d.set_str(
        "version_info",
        Value::tuple(vec![
            Value::Int(3),
            Value::Int(11),
            Value::Int(0),
            Value::str("final"),
            Value::Int(0),
        ]),
    );
    d.set_str("platform", Value::str(std::env::consts::OS));
    d.set_str(
        "byteorder",
        Value::str(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
    );
    d.set_str("implementation", implementation());
    d.set_str("executable", Value::string(executable()));
    // The script's directory, then the embedded standard library (see modules/mod.rs).
    let mut path = match &vm.interp.script_dir {
        Some(p) => vec![Value::string(p.display().to_string())],
        None => vec![],
    };
    path.push(Value::str(super::STDLIB_DIR));
    d.set_str("path", Value::list(path));
    d.set_str("modules", Value::Dict(vm.interp.modules.clone()));
}

/// `sys._gilvm_switch_points()`: `'every'` or `'cpython'`.
/// `sys.getsizeof(object[, default])`: the object's `__sizeof__()` plus the
/// collector's head for tracked objects, as CPython's; the numbers are gilvm's own
/// object sizes (see `object_sizeof`), not CPython's.
fn getsizeof(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = super::bind(&a, "getsizeof", &["object", "default"], 0, 1)?;
    let obj = p[0].expect("required").clone();
    let default = p[1].cloned();
    match sizeof_with_gc_head(vm, &obj) {
        Ok(n) => Ok(Value::Int(n)),
        Err(e) if default.is_some() && e.is(&types().type_error) => Ok(default.expect("checked")),
        Err(e) => Err(e),
    }
}

fn sizeof_with_gc_head(vm: &mut Vm, obj: &Value) -> PyResult<i64> {
    let ty = crate::vm::dispatch::type_ref(obj).clone();
    let Some(m) = ty.lookup_str("__sizeof__") else {
        return Err(PyErr::type_error(format!(
            "Type {} doesn't define __sizeof__",
            ty.name()
        )));
    };
    let r = vm.call_unbound(&m, obj, &ty, &[])?;
    let n = match r.payload() {
        Value::Int(n) => *n,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => {
            return Err(PyErr::overflow_error(
                "Python int too large to convert to C ssize_t",
            ))
        }
        // CPython's PyLong_AsSsize_t message: no `__index__` is tried.
        _ => return Err(PyErr::type_error("an integer is required")),
    };
    if n < 0 {
        return Err(PyErr::value_error("__sizeof__() should return >= 0"));
    }
    let gc = obj.header().is_some_and(|h| h.ty().layout_fns().gc);
    Ok(n + if gc {
        crate::vm::gc::GC_HEAD_SIZE as i64
    } else {
        0
    })
}

/// `object.__sizeof__()` (every built-in type's): the bytes of the object's own
/// allocation (header and payload) plus the buffers only it owns: a list's or
/// tuple's item slots, a str's or bytes' bytes, a big int's digits, a dict's or
/// set's hash table, an instance's attribute table and slots (and, for a subclass
/// of a built-in type, its built-in part). Objects it refers to are not counted,
/// as in CPython. An int, float, bool or None lives inline in a 16-byte `Value`.
pub fn object_sizeof(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if a.pos.len() != 1 || !a.kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "object.__sizeof__() takes no arguments ({} given)",
            (a.pos.len() + a.kw.len()).saturating_sub(1)
        )));
    }
    let _ = vm;
    Ok(Value::Int(own_size(&a.pos[0]) as i64))
}

/// Bytes of an IndexMap/IndexSet with room for `cap` entries of `entry` bytes: the
/// entry vector (each entry also keeps its hash) and the index table (a word and a
/// control byte per bucket, buckets a power of two at most 7/8 full).
fn table_bytes(cap: usize, entry: usize) -> usize {
    if cap == 0 {
        return 0;
    }
    let buckets = (cap * 8 / 7).next_power_of_two().max(4);
    cap * (entry + 8) + buckets * 9 + 16
}

fn own_size(v: &Value) -> usize {
    use std::mem::size_of;
    let word = size_of::<Value>();
    let Some(h) = v.header() else {
        return word;
    };
    let base = h.ty().layout_fns().size;
    let extra = match v {
        Value::Str(s) => s.as_str().len(),
        Value::BigInt(b) => b.iter_u64_digits().len() * 8,
        Value::List(l) => l.items.try_lock().map_or(0, |i| i.capacity() * word),
        Value::Tuple(t) => t.capacity() * word,
        Value::Dict(d) => d
            .map
            .try_lock()
            .map_or(0, |m| table_bytes(m.capacity(), size_of::<HKey>() + word)),
        Value::Set(s) => s
            .items
            .try_lock()
            .map_or(0, |m| table_bytes(m.capacity(), size_of::<HKey>())),
        Value::Bytes(b) => b.data.try_lock().map_or(0, |d| d.capacity()),
        Value::Instance(i) => {
            let (attrs, slots) = i.capacities();
            let payload = if i.base.is_null() {
                0
            } else {
                own_size(&i.base)
            };
            table_bytes(attrs, 8 + word) + slots * word + payload
        }
        _ => 0,
    };
    base + extra
}

/// `sys._is_gil_enabled()`, as CPython 3.13 has it: False under `--gil off`.
fn is_gil_enabled(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_is_gil_enabled")?;
    a.expect("_is_gil_enabled", 0, 0)?;
    Ok(Value::Bool(vm.interp.gil.is_enabled()))
}

fn gilvm_switch_points(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_gilvm_switch_points")?;
    a.expect("_gilvm_switch_points", 0, 0)?;
    Ok(Value::str(vm.interp.gil.switch_points().name()))
}

/// `sys._gilvm_gil_policy()`: `'cpython'`, `'fifo'`, `'io-priority'` or `'bfs'`.
fn gilvm_gil_policy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_gilvm_gil_policy")?;
    a.expect("_gilvm_gil_policy", 0, 0)?;
    Ok(Value::str(vm.interp.gil.policy().name()))
}

/// The absolute path of the running gilvm binary, as CPython gives its own ('' if
/// it cannot be found, as CPython).
fn executable() -> String {
    std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `sys.implementation`: CPython's required attributes (name, version, hexversion,
/// cache_tag) describing gilvm itself; `cache_tag` None means no bytecode cache.
fn implementation() -> Value {
    let version: Vec<i64> = env!("CARGO_PKG_VERSION")
        .split('.')
        .map(|p| p.parse().unwrap_or(0))
        .chain(std::iter::repeat(0))
        .take(3)
        .collect();
    let (major, minor, micro) = (version[0], version[1], version[2]);
    let hexversion = (major << 24) | (minor << 16) | (micro << 8) | (0xf << 4);
    let fields = vec![
        ("name", Value::str("gilvm"), "'gilvm'".to_string()),
        ("cache_tag", Value::None, "None".to_string()),
        (
            "version",
            Value::tuple(vec![
                Value::Int(major),
                Value::Int(minor),
                Value::Int(micro),
                Value::str("final"),
                Value::Int(0),
            ]),
            format!("({major}, {minor}, {micro}, 'final', 0)"),
        ),
        ("hexversion", Value::Int(hexversion), hexversion.to_string()),
    ];
    Value::Native(Ref::new(Native {
        obj: Box::new(Namespace { fields }),
    }))
}

/// A read-only `types.SimpleNamespace` of constants (`sys.implementation`); the repr of
/// each value is fixed when it is made.
#[derive(Debug)]
pub struct Namespace {
    fields: Vec<(&'static str, Value, String)>,
}

impl Namespace {
    /// A namespace of (name, value, repr of value) fields (time.get_clock_info too).
    pub fn new(fields: Vec<(&'static str, Value, String)>) -> Value {
        Value::Native(Ref::new(Native {
            obj: Box::new(Namespace { fields }),
        }))
    }
}

impl NativeObject for Namespace {
    fn class(&self) -> Ref<Class> {
        static C: OnceLock<Ref<Class>> = OnceLock::new();
        C.get_or_init(|| {
            let c = types::new_class("SimpleNamespace", Some(&types().object), ClassKind::Builtin);
            c.slots
                .getattr
                .set(Some(crate::vm::modules::native_getattr_slot));
            crate::vm::value::shared_class(c)
        })
        .clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        self.fields.iter().for_each(|(_, v, _)| v.visit(visit));
    }
    fn repr(&self) -> Option<String> {
        let items: Vec<String> = self
            .fields
            .iter()
            .map(|(k, _, r)| format!("{k}={r}"))
            .collect();
        Some(format!("namespace({})", items.join(", ")))
    }
}

/// `sys._getframe` called other than from bytecode (through `map`, `partial`): no
/// calling frame is at hand, so depth 0 is the innermost frame on the thread's stack.
/// From bytecode the eval loop passes the caller (builtins/introspect.rs).
pub fn getframe(vm: &mut Vm, a: Args) -> PyResult<Value> {
    crate::vm::frameobj::getframe(vm, None, a)
}

/// Shows an expression statement's value at the prompt (or in `compile(..., 'single')`
/// code): calls `sys.displayhook`, which a program may replace.
pub fn display(vm: &mut Vm, v: Value) -> PyResult<()> {
    let sys = vm.import("sys")?;
    let hook = vm.getattr_str(&sys, "displayhook")?;
    vm.call(&hook, &[v], &[])?;
    Ok(())
}

/// `sys.displayhook(value)`: what the prompt calls with each expression's value. Prints
/// its repr and keeps it as `builtins._`, unless it is None.
fn displayhook(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("displayhook")?;
    a.expect("displayhook", 1, 1)?;
    let v = a.pos[0].clone();
    if matches!(v, Value::None) {
        return Ok(Value::None);
    }
    let builtins = vm.interp.builtins.clone();
    builtins.set_str("_", Value::None);
    let text = vm.repr(&v)?;
    vm.write_stdout(&format!("{text}\n"))?;
    builtins.set_str("_", v);
    Ok(Value::None)
}

fn exit(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("exit")?;
    a.expect("exit", 0, 1)?;
    let args = match a.pos.first() {
        None => vec![],
        Some(v) => vec![v.clone()],
    };
    Err(PyErr::with_args(&types().system_exit, args))
}

fn get_int_max_str_digits(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("get_int_max_str_digits", 0, 0)?;
    let n = crate::vm::repr::INT_MAX_STR_DIGITS.load(std::sync::atomic::Ordering::Relaxed);
    Ok(Value::Int(n as i64))
}

/// `sys.set_int_max_str_digits(maxdigits)`: 0, or at least CPython's threshold 640.
fn set_int_max_str_digits(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = match (
        a.pos.first(),
        a.kw.iter().find(|(k, _)| k.as_str() == "maxdigits"),
    ) {
        (Some(v), None) if a.pos.len() == 1 && a.kw.is_empty() => v.clone(),
        (None, Some((_, v))) if a.kw.len() == 1 => v.clone(),
        _ => {
            return Err(PyErr::type_error(
                "set_int_max_str_digits() takes exactly one argument (maxdigits)",
            ))
        }
    };
    let n = match &v {
        Value::Float(_) => {
            return Err(PyErr::type_error(
                "'float' object cannot be interpreted as an integer",
            ))
        }
        Value::BigInt(_) => {
            return Err(PyErr::overflow_error(
                "Python int too large to convert to C int",
            ))
        }
        v => vm.to_index(v)?,
    };
    if i32::try_from(n).is_err() {
        return Err(PyErr::overflow_error(
            "Python int too large to convert to C int",
        ));
    }
    if n != 0 && n < 640 {
        return Err(PyErr::value_error("maxdigits must be 0 or larger than 640"));
    }
    crate::vm::repr::INT_MAX_STR_DIGITS.store(n as usize, std::sync::atomic::Ordering::Relaxed);
    Ok(Value::None)
}

fn getrecursionlimit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("getrecursionlimit", 0, 0)?;
    Ok(Value::Int(vm.recursion_limit() as i64))
}

fn setrecursionlimit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("setrecursionlimit")?;
    a.expect("setrecursionlimit", 1, 1)?;
    let n = match &a.pos[0] {
        Value::Float(_) => {
            return Err(PyErr::type_error(
                "'float' object cannot be interpreted as an integer",
            ))
        }
        Value::BigInt(_) => {
            return Err(PyErr::overflow_error(
                "Python int too large to convert to C int",
            ))
        }
        v => vm.to_index(v)?,
    };
    if n < 1 {
        return Err(PyErr::value_error(
            "recursion limit must be greater or equal than 1",
        ));
    }
    if n > i32::MAX as i64 {
        return Err(PyErr::overflow_error(
            "Python int too large to convert to C int",
        ));
    }
    vm.interp
        .recursion_limit
        .store(n as usize, Ordering::Relaxed);
    Ok(Value::None)
}

/// `(type, value, None)` of the exception being handled, or three Nones.
fn exc_info(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("exc_info", 0, 0)?;
    let h = vm.handling.clone();
    Ok(match h {
        Value::None | Value::Null => Value::tuple(vec![Value::None, Value::None, Value::None]),
        e => {
            let tb = crate::vm::traceback::traceback_object(&e);
            Value::tuple(vec![Value::Class(vm.type_of(&e)), e, tb])
        }
    })
}

/// `sys.exception()` (new in 3.11): the exception being handled, or None.
fn exception(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("exception", 0, 0)?;
    Ok(match vm.handling.clone() {
        Value::Null => Value::None,
        e => e,
    })
}

fn intern(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("intern", 1, 1)?;
    match &a.pos[0] {
        v @ Value::Str(_) => Ok(v.clone()),
        v => Err(PyErr::type_error(format!(
            "intern() argument must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

// ---------------------------------------------------------------------------
// Standard streams.

/// `sys.stdin` (0), `sys.stdout` (1) or `sys.stderr` (2).
#[derive(Debug)]
pub struct StdStream {
    pub fd: u8,
}

impl NativeObject for StdStream {
    fn class(&self) -> Ref<Class> {
        stream_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self) -> Option<String> {
        let (name, mode) = match self.fd {
            0 => ("<stdin>", "r"),
            1 => ("<stdout>", "w"),
            _ => ("<stderr>", "w"),
        };
        Some(format!(
            "<_io.TextIOWrapper name='{name}' mode='{mode}' encoding='utf-8'>"
        ))
    }
}

/// `sys.stdin.buffer`, `sys.stdout.buffer`, `sys.stderr.buffer`: the same streams as
/// the text objects (one buffer each), in bytes.
#[derive(Debug)]
pub struct StdBuffer {
    pub fd: u8,
}

impl NativeObject for StdBuffer {
    fn class(&self) -> Ref<Class> {
        static R: OnceLock<Ref<Class>> = OnceLock::new();
        static W: OnceLock<Ref<Class>> = OnceLock::new();
        let (cell, name) = if self.fd == 0 {
            (&R, "BufferedReader")
        } else {
            (&W, "BufferedWriter")
        };
        cell.get_or_init(|| {
            let c = types::new_class(name, Some(&types().object), ClassKind::Builtin);
            types::install(
                &c,
                &[
                    ("write", buf_write),
                    ("flush", buf_flush),
                    ("read", buf_read),
                    ("readline", buf_readline),
                    ("__iter__", iter_self),
                    ("__next__", buf_next),
                    ("fileno", buf_fileno),
                ],
            );
            crate::vm::value::shared_class(c)
        })
        .clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self) -> Option<String> {
        let name = ["<stdin>", "<stdout>", "<stderr>"][self.fd as usize];
        let cls = if self.fd == 0 {
            "BufferedReader"
        } else {
            "BufferedWriter"
        };
        Some(format!("<_io.{cls} name='{name}'>"))
    }
}

fn buf_fd(vm: &Vm, a: &Args, meth: &str) -> PyResult<u8> {
    let v = a
        .pos
        .first()
        .ok_or_else(|| PyErr::type_error(format!("unbound method {meth}() needs an argument")))?;
    match v {
        Value::Native(n) => n.obj.as_any().downcast_ref::<StdBuffer>().map(|s| s.fd),
        _ => None,
    }
    .ok_or_else(|| {
        PyErr::type_error(format!(
            "{meth}() needs a standard stream buffer, not {}",
            vm.type_name(v)
        ))
    })
}

fn buf_write(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = buf_fd(vm, &a, "write")?;
    a.expect("write", 2, 2)?;
    let b = crate::vm::bytes::need_bytes(vm, &a.pos[1])?;
    let fd = out_fd(fd).ok_or_else(|| unsupported("write"))?;
    vm.write_stream_bytes(fd, &b)?;
    Ok(Value::Int(b.len() as i64))
}

fn buf_flush(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if let Some(fd) = out_fd(buf_fd(vm, &a, "flush")?) {
        vm.flush_stream(fd, Flush::Explicit)?;
    }
    Ok(Value::None)
}

fn buf_fileno(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(buf_fd(vm, &a, "fileno")? as i64))
}

fn buf_stdin(vm: &Vm, a: &Args, meth: &str) -> PyResult<()> {
    if buf_fd(vm, a, meth)? != 0 {
        return Err(unsupported("read"));
    }
    Ok(())
}

fn buf_read(vm: &mut Vm, a: Args) -> PyResult<Value> {
    buf_stdin(vm, &a, "read")?;
    let n = match a.pos.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(vm.to_index(v)?)
            .filter(|n| *n >= 0)
            .map(|n| n as usize),
    };
    Ok(Value::bytes(vm.read_stdin_bytes(Want::Bytes(n))?))
}

fn buf_readline(vm: &mut Vm, a: Args) -> PyResult<Value> {
    buf_stdin(vm, &a, "readline")?;
    Ok(Value::bytes(vm.read_stdin_bytes(Want::Line(None))?))
}

fn buf_next(vm: &mut Vm, a: Args) -> PyResult<Value> {
    buf_stdin(vm, &a, "__next__")?;
    let line = vm.read_stdin_bytes(Want::Line(None))?;
    if line.is_empty() {
        return Err(PyErr::stop_iteration(Value::None));
    }
    Ok(Value::bytes(line))
}

fn stream(fd: u8) -> Value {
    Value::Native(Ref::new(Native {
        obj: Box::new(StdStream { fd }),
    }))
}

fn stream_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    C.get_or_init(|| {
        let c = types::new_class("TextIOWrapper", Some(&types().object), ClassKind::Builtin);
        c.slots
            .getattr
            .set(Some(crate::vm::modules::native_getattr_slot));
        types::install(
            &c,
            &[
                ("write", write),
                ("flush", flush),
                ("read", read),
                ("readline", readline),
                ("readlines", readlines),
                ("__iter__", iter_self),
                ("__next__", next_line),
                ("readable", readable),
                ("writable", writable),
                ("isatty", isatty),
                ("fileno", fileno),
            ],
        );
        crate::vm::value::shared_class(c)
    })
    .clone()
}

fn fd_of(v: &Value) -> Option<u8> {
    match v {
        Value::Native(n) => n.obj.as_any().downcast_ref::<StdStream>().map(|s| s.fd),
        _ => None,
    }
}

/// Whether `v` is `sys.stdout` (so `print(file=sys.stdout)` takes the fast path).
pub fn is_stdout(v: &Value) -> bool {
    fd_of(v) == Some(1)
}

pub fn stream_getattr(obj: &Value, name: &str) -> Option<Value> {
    if let Value::Native(n) = obj {
        if let Some(ns) = n.obj.as_any().downcast_ref::<Namespace>() {
            return ns
                .fields
                .iter()
                .find(|(k, _, _)| *k == name)
                .map(|(_, v, _)| v.clone());
        }
    }
    let fd = fd_of(obj)?;
    match name {
        "name" => Some(Value::str(["<stdin>", "<stdout>", "<stderr>"][fd as usize])),
        "encoding" => Some(Value::str("utf-8")),
        "closed" => Some(Value::Bool(false)),
        "mode" => Some(Value::str(if fd == 0 { "r" } else { "w" })),
        "buffer" => Some(Value::Native(Ref::new(Native {
            obj: Box::new(StdBuffer { fd }),
        }))),
        _ => None,
    }
}

fn self_fd(vm: &Vm, a: &Args, meth: &str) -> PyResult<u8> {
    let v = a
        .pos
        .first()
        .ok_or_else(|| PyErr::type_error(format!("unbound method {meth}() needs an argument")))?;
    fd_of(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{meth}' for '_io.TextIOWrapper' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

fn out_fd(fd: u8) -> Option<Fd> {
    match fd {
        1 => Some(Fd::Stdout),
        2 => Some(Fd::Stderr),
        _ => None,
    }
}

fn unsupported(what: &str) -> PyErr {
    PyErr::new(&types().os_error, what)
}

fn write(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = self_fd(vm, &a, "write")?;
    a.expect("write", 2, 2)?;
    let s = match &a.pos[1] {
        Value::Str(s) => s.clone(),
        v => {
            return Err(PyErr::type_error(format!(
                "write() argument must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    let fd = out_fd(fd).ok_or_else(|| unsupported("not writable"))?;
    vm.write_stream(fd, s.as_str())?;
    Ok(Value::Int(s.char_len() as i64))
}

fn flush(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = self_fd(vm, &a, "flush")?;
    if let Some(fd) = out_fd(fd) {
        vm.flush_stream(fd, Flush::Explicit)?;
    }
    Ok(Value::None)
}

/// `self` must be sys.stdin.
fn stdin_self(vm: &Vm, a: &Args, meth: &str) -> PyResult<()> {
    match self_fd(vm, a, meth)? {
        0 => Ok(()),
        _ => Err(unsupported("not readable")),
    }
}

/// A size argument: None or negative means no limit.
fn size_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<usize>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => {
            let n = vm.to_index(v)?;
            Ok((n >= 0).then_some(n as usize))
        }
        Some(v) => Err(PyErr::type_error(format!(
            "argument should be integer or None, not '{}'",
            vm.type_name(v)
        ))),
    }
}

fn read(vm: &mut Vm, a: Args) -> PyResult<Value> {
    stdin_self(vm, &a, "read")?;
    a.expect("read", 1, 2)?;
    let n = size_arg(vm, a.pos.get(1))?;
    Ok(Value::string(vm.read_stdin(Want::Chars(n))?))
}

fn readline(vm: &mut Vm, a: Args) -> PyResult<Value> {
    stdin_self(vm, &a, "readline")?;
    a.expect("readline", 1, 2)?;
    let n = size_arg(vm, a.pos.get(1))?;
    Ok(Value::string(vm.read_stdin(Want::Line(n))?))
}

fn readlines(vm: &mut Vm, a: Args) -> PyResult<Value> {
    stdin_self(vm, &a, "readlines")?;
    a.expect("readlines", 1, 2)?;
    // As io: stop once the lines read add up to `hint` characters.
    let hint = size_arg(vm, a.pos.get(1))?.filter(|&h| h > 0);
    let mut lines = vec![];
    let mut total = 0;
    loop {
        let line = vm.read_stdin(Want::Line(None))?;
        if line.is_empty() {
            break;
        }
        total += line.chars().count();
        lines.push(Value::string(line));
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(Value::list(lines))
}

fn iter_self(vm: &mut Vm, a: Args) -> PyResult<Value> {
    stdin_self(vm, &a, "__iter__")?;
    Ok(a.pos[0].clone())
}

fn next_line(vm: &mut Vm, a: Args) -> PyResult<Value> {
    stdin_self(vm, &a, "__next__")?;
    let line = vm.read_stdin(Want::Line(None))?;
    if line.is_empty() {
        return Err(PyErr::stop_iteration(Value::None));
    }
    Ok(Value::string(line))
}

fn readable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Bool(self_fd(vm, &a, "readable")? == 0))
}

fn writable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Bool(self_fd(vm, &a, "writable")? != 0))
}

fn isatty(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = self_fd(vm, &a, "isatty")?;
    use std::io::IsTerminal;
    Ok(Value::Bool(match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        _ => std::io::stderr().is_terminal(),
    }))
}

fn fileno(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(self_fd(vm, &a, "fileno")? as i64))
}
