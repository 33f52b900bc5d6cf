//! Methods of the exception classes: `BaseException.__init__`/`with_traceback`, and
//! OSError's `errno`/`strerror`/`filename` with its `[Errno N] msg: 'file'` str.

use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{self, types, Types};
use crate::vm::value::Value;
use crate::vm::Vm;

pub fn install(t: &Types) {
    types::install(&t.base_exception, &[("with_traceback", with_traceback)]);
    types::install(&t.os_error, &[("__init__", os_init), ("__str__", os_str)]);
    t.os_error.slots.new.set(Some(os_new));
}

/// `OSError.__new__`: `OSError(errno, strerror, ...)` is an instance of the subclass
/// for that errno (PEP 3151), as CPython's; subclasses keep their own class.
fn os_new(
    vm: &mut Vm,
    cls: &Ref<Class>,
    args: &[Value],
    kw: &[(Ref<crate::vm::value::PyStr>, Value)],
) -> PyResult<Value> {
    if Ref::ptr_eq(cls, &types().os_error) && args.len() >= 2 {
        if let Value::Int(errno) = args[0].payload() {
            if let Ok(errno) = i32::try_from(*errno) {
                let sub = os_error_class(errno);
                return crate::vm::natives::exc_new(vm, &sub, args, kw);
            }
        }
    }
    crate::vm::natives::exc_new(vm, cls, args, kw)
}

fn with_traceback(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("with_traceback", 2, 2)?;
    Ok(a.pos[0].clone())
}

fn set(inst: &Instance, name: &str, v: Value) {
    inst.set_attr(name, v);
}

/// `OSError(errno, strerror[, filename])`: as CPython, `args` keeps only the first two
/// when a filename is given.
fn os_init(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(Value::Instance(inst)) = a.pos.first() else {
        return Ok(Value::None);
    };
    let args = &a.pos[1..];
    let mut stored = args.to_vec();
    if (2..=5).contains(&args.len()) {
        set(inst, "errno", args[0].clone());
        set(inst, "strerror", args[1].clone());
        if let Some(f) = args.get(2) {
            set(inst, "filename", f.clone());
            stored.truncate(2);
        }
    }
    if let Some(d) = &inst.exc {
        d.lock().args = stored;
    }
    Ok(Value::None)
}

fn os_str(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(v @ Value::Instance(inst)) = a.pos.first() else {
        return Ok(Value::str(""));
    };
    let attr = |n: &str| inst.get_attr(n);
    let args = match &inst.exc {
        Some(d) => d.lock().args.clone(),
        None => vec![],
    };
    if let (Some(errno), Some(strerror)) = (attr("errno"), attr("strerror")) {
        let (e, s) = (vm.str(&errno)?, vm.str(&strerror)?);
        return Ok(Value::string(match attr("filename") {
            Some(f) if !matches!(f, Value::None) => {
                format!("[Errno {e}] {s}: {}", vm.repr(&f)?)
            }
            _ => format!("[Errno {e}] {s}"),
        }));
    }
    let _ = v;
    Ok(Value::string(match args.as_slice() {
        [] => String::new(),
        [x] => vm.str(x)?,
        _ => vm.repr(&Value::tuple(args))?,
    }))
}

/// CPython's OSError subclasses that are chosen by errno (PEP 3151), in class order:
/// (name, base name, errnos). FileNotFoundError is a core type (types.rs).
const OS_ERROR_SUBCLASSES: &[(&str, &str, &[i32])] = &[
    (
        "BlockingIOError",
        "OSError",
        &[
            libc::EAGAIN,
            libc::EALREADY,
            libc::EWOULDBLOCK,
            libc::EINPROGRESS,
        ],
    ),
    ("ChildProcessError", "OSError", &[libc::ECHILD]),
    ("ConnectionError", "OSError", &[]),
    (
        "BrokenPipeError",
        "ConnectionError",
        &[libc::EPIPE, libc::ESHUTDOWN],
    ),
    (
        "ConnectionAbortedError",
        "ConnectionError",
        &[libc::ECONNABORTED],
    ),
    (
        "ConnectionRefusedError",
        "ConnectionError",
        &[libc::ECONNREFUSED],
    ),
    (
        "ConnectionResetError",
        "ConnectionError",
        &[libc::ECONNRESET],
    ),
    ("FileExistsError", "OSError", &[libc::EEXIST]),
    ("InterruptedError", "OSError", &[libc::EINTR]),
    ("IsADirectoryError", "OSError", &[libc::EISDIR]),
    ("NotADirectoryError", "OSError", &[libc::ENOTDIR]),
    ("PermissionError", "OSError", &[libc::EACCES, libc::EPERM]),
    ("ProcessLookupError", "OSError", &[libc::ESRCH]),
    ("TimeoutError", "OSError", &[libc::ETIMEDOUT]),
];

/// The classes of `OS_ERROR_SUBCLASSES`, made once (the builtins namespace lists them).
pub fn os_error_subclasses() -> &'static [Ref<Class>] {
    static C: std::sync::OnceLock<Vec<Ref<Class>>> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut made: Vec<Ref<Class>> = Vec::new();
        for (name, base, _) in OS_ERROR_SUBCLASSES {
            let base = made
                .iter()
                .find(|c| &*c.name() == *base)
                .cloned()
                .unwrap_or_else(|| types().os_error.clone());
            let c = types::new_class(name, Some(&base), ClassKind::Exception);
            made.push(crate::vm::value::shared_class(c));
        }
        made
    })
}

/// The subclasses of `Warning`, in CPython's order.
const WARNINGS: &[&str] = &[
    "UserWarning",
    "DeprecationWarning",
    "PendingDeprecationWarning",
    "SyntaxWarning",
    "RuntimeWarning",
    "FutureWarning",
    "ImportWarning",
    "UnicodeWarning",
    "BytesWarning",
    "ResourceWarning",
    "EncodingWarning",
];

/// Classes outside the core types that the builtins namespace lists.
pub fn extra_classes() -> &'static [Ref<Class>] {
    static C: std::sync::OnceLock<Vec<Ref<Class>>> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        let mut v = os_error_subclasses().to_vec();
        // The warning categories (the `warnings` module is Python, in modules/).
        let warning = crate::vm::value::shared_class(types::new_class(
            "Warning",
            Some(&types().exception),
            ClassKind::Exception,
        ));
        v.push(warning.clone());
        for name in WARNINGS {
            let c = types::new_class(name, Some(&warning), ClassKind::Exception);
            v.push(crate::vm::value::shared_class(c));
        }
        let m = types::new_class(
            "MemoryError",
            Some(&types().exception),
            ClassKind::Exception,
        );
        v.push(crate::vm::value::shared_class(m));
        // They print as `<class 'BrokenPipeError'>`, not as classes of `__main__`.
        for c in &v {
            c.attrs().lock().insert(
                crate::vm::value::intern("__module__"),
                Value::str("builtins"),
            );
        }
        v
    })
}

/// `MemoryError()`, as CPython raises it when an allocation is refused (no message).
pub fn memory_error() -> PyErr {
    let cls = extra_classes()
        .last()
        .expect("MemoryError is made with the others");
    PyErr::with_args(cls, vec![])
}

/// The OSError class CPython raises for `errno`.
fn os_error_class(errno: i32) -> Ref<Class> {
    if errno == libc::ENOENT {
        return types().file_not_found_error.clone();
    }
    OS_ERROR_SUBCLASSES
        .iter()
        .zip(os_error_subclasses())
        .find(|((_, _, errnos), _)| errnos.contains(&errno))
        .map(|(_, c)| c.clone())
        .unwrap_or_else(|| types().os_error.clone())
}

/// An OSError subclass instance as the OS reports it (`FileNotFoundError` for ENOENT,
/// `BrokenPipeError` for EPIPE, ...).
pub fn os_error_from_io(e: &std::io::Error, filename: Option<&str>) -> PyErr {
    let cls = &match e.raw_os_error() {
        Some(n) => os_error_class(n),
        None if e.kind() == std::io::ErrorKind::NotFound => types().file_not_found_error.clone(),
        None => types().os_error.clone(),
    };
    let errno = e.raw_os_error().unwrap_or(0);
    let msg = strerror(e);
    let exc = crate::vm::errors::new_exception(
        cls,
        vec![Value::Int(errno as i64), Value::string(msg.clone())],
    );
    if let Value::Instance(inst) = &exc {
        set(inst, "errno", Value::Int(errno as i64));
        set(inst, "strerror", Value::string(msg));
        set(
            inst,
            "filename",
            filename.map(Value::str).unwrap_or(Value::None),
        );
    }
    PyErr { exc }
}

/// The C library's message without Rust's " (os error N)" suffix.
fn strerror(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}
