//! The `sys` module: argv, exit, the recursion limit, stdin/stdout/stderr objects and
//! interpreter facts. `version` reads "3.11.0 (gilvm)": the Python version whose
//! semantics gilvm follows, then the implementation. The GIL knobs
//! (`setswitchinterval`, ...) are added by the GIL code.

use super::add_functions;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{self, types};
use crate::vm::value::Value;
use crate::vm::Vm;
use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::OnceLock;

pub fn fill(vm: &mut Vm, d: &DictObj) {
    add_functions(
        d,
        &[
            ("exit", exit),
            ("getrecursionlimit", getrecursionlimit),
            ("setrecursionlimit", setrecursionlimit),
            ("exc_info", exc_info),
            ("intern", intern),
            // The GIL's switch interval lives with the threads code.
            ("setswitchinterval", crate::vm::threads::setswitchinterval),
            ("getswitchinterval", crate::vm::threads::getswitchinterval),
            // gilvm's own GIL settings (`--switch-points`, `--gil-policy`); CPython has
            // no such functions, so programs look them up with getattr(sys, ..., None).
            ("_gilvm_switch_points", gilvm_switch_points),
            ("_gilvm_gil_policy", gilvm_gil_policy),
        ],
    );
    let argv = vm.interp.argv.iter().map(|s| Value::str(s)).collect();
    d.set_str("argv", Value::list(argv));
    d.set_str("stdin", stream(0));
    d.set_str("stdout", stream(1));
    d.set_str("stderr", stream(2));
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
    d.set_str("implementation_name", Value::str("gilvm"));
    d.set_str("executable", Value::str("gilvm"));
    let path = match &vm.interp.script_dir {
        Some(p) => vec![Value::string(p.display().to_string())],
        None => vec![],
    };
    d.set_str("path", Value::list(path));
}

/// `sys._gilvm_switch_points()`: `'every'` or `'cpython'`.
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

fn exit(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("exit")?;
    a.expect("exit", 0, 1)?;
    let args = match a.pos.first() {
        None => vec![],
        Some(v) => vec![v.clone()],
    };
    Err(PyErr::with_args(&types().system_exit, args))
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
        e => Value::tuple(vec![Value::Class(vm.type_of(&e)), e, Value::None]),
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

fn stream(fd: u8) -> Value {
    Value::Native(Ref::new(Native {
        obj: Box::new(StdStream { fd }),
    }))
}

fn stream_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    C.get_or_init(|| {
        let c = types::new_class("TextIOWrapper", Some(&types().object), ClassKind::Builtin);
        types::install(
            &c,
            &[
                ("write", write),
                ("flush", flush),
                ("readline", readline),
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
    let fd = fd_of(obj)?;
    match name {
        "name" => Some(Value::str(["<stdin>", "<stdout>", "<stderr>"][fd as usize])),
        "encoding" => Some(Value::str("utf-8")),
        "closed" => Some(Value::Bool(false)),
        "mode" => Some(Value::str(if fd == 0 { "r" } else { "w" })),
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
    match fd {
        1 => vm
            .interp
            .write_stdout(s.as_str())
            .map_err(|e| PyErr::os_error(e.to_string()))?,
        2 => {
            // Keep the two streams in order when both go to the same terminal or file.
            vm.interp.flush_stdout();
            vm.blocking("sys.stderr.write", || {
                std::io::stderr().write_all(s.as_str().as_bytes())
            })
            .map_err(|e| PyErr::os_error(e.to_string()))?;
        }
        _ => return Err(PyErr::new(&types().os_error, "not writable")),
    }
    Ok(Value::Int(s.char_len() as i64))
}

fn flush(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = self_fd(vm, &a, "flush")?;
    match fd {
        1 => vm.interp.flush_stdout(),
        2 => {
            let _ = vm.blocking("sys.stderr.flush", || std::io::stderr().flush());
        }
        _ => {}
    }
    Ok(Value::None)
}

fn readline(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let fd = self_fd(vm, &a, "readline")?;
    if fd != 0 {
        return Err(PyErr::new(&types().os_error, "not readable"));
    }
    vm.interp.flush_stdout();
    let mut line = String::new();
    vm.blocking("sys.stdin.readline", || {
        std::io::stdin().read_line(&mut line)
    })
    .map_err(|e| PyErr::os_error(e.to_string()))?;
    Ok(Value::string(line))
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
