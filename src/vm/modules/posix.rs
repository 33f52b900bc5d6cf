//! `posix`, the system calls under os.py and posixpath.py (as CPython's C module of
//! that name): paths are str, errors are OSError subclasses with errno and filename.

use super::add_functions;
use crate::vm::builtins::os_error_from_io;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, DictObj};
use crate::vm::value::Value;
use crate::vm::Vm;
use std::os::unix::fs::{DirBuilderExt, MetadataExt};

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    add_functions(
        d,
        &[
            ("getcwd", getcwd),
            ("chdir", chdir),
            ("listdir", listdir),
            ("mkdir", mkdir),
            ("rmdir", rmdir),
            ("remove", remove),
            ("unlink", remove),
            ("rename", rename),
            ("replace", rename),
            ("stat", stat),
            ("lstat", lstat),
            ("readlink", readlink),
            ("getpid", getpid),
            ("getppid", getppid),
            ("cpu_count", cpu_count),
            ("putenv", putenv),
            ("unsetenv", unsetenv),
            ("strerror", strerror),
            ("access", access),
        ],
    );
    let env: Vec<(Value, Value)> = std::env::vars_os()
        .map(|(k, v)| {
            (
                Value::string(k.to_string_lossy().into_owned()),
                Value::string(v.to_string_lossy().into_owned()),
            )
        })
        .collect();
    let environ = DictObj::default();
    for (k, v) in env {
        if let Value::Str(s) = &k {
            environ.set_pystr(s, v);
        }
    }
    d.set_str(
        "environ",
        Value::Dict(crate::vm::refcount::Ref::new(environ)),
    );
    for (name, v) in [("F_OK", 0), ("R_OK", 4), ("W_OK", 2), ("X_OK", 1)] {
        d.set_str(name, Value::Int(v));
    }
    Ok(())
}

/// A path argument: a str, or an object whose `__fspath__` gives one.
fn path_arg(vm: &mut Vm, a: &Args, i: usize, fname: &str, pname: &str) -> PyResult<String> {
    let Some(v) = a.arg(i, pname) else {
        return Err(PyErr::type_error(format!(
            "{fname}() missing required argument '{pname}' (pos {})",
            i + 1
        )));
    };
    match v {
        Value::Str(s) => Ok(s.as_str().to_string()),
        other => {
            if let Some(f) = vm.type_of(other).lookup_str("__fspath__") {
                if let Value::Str(s) = vm.call(&f, std::slice::from_ref(other), &[])? {
                    return Ok(s.as_str().to_string());
                }
            }
            // The kinds CPython names are those the call accepts (some take an fd).
            let kinds = match fname {
                "stat" | "chdir" => "string, bytes, os.PathLike or integer",
                "listdir" => "string, bytes, os.PathLike, integer or None",
                _ => "string, bytes or os.PathLike",
            };
            Err(PyErr::type_error(format!(
                "{fname}: {pname} should be {kinds}, not {}",
                vm.type_name(other)
            )))
        }
    }
}

fn getcwd(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("getcwd", 0, 0)?;
    let d = std::env::current_dir().map_err(|e| os_error_from_io(&e, None))?;
    Ok(Value::string(d.to_string_lossy().into_owned()))
}

fn chdir(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, &a, 0, "chdir", "path")?;
    std::env::set_current_dir(&p).map_err(|e| os_error_from_io(&e, Some(&p)))?;
    Ok(Value::None)
}

fn listdir(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = if a.arg(0, "path").is_none_or(|v| matches!(v, Value::None)) {
        ".".to_string()
    } else {
        path_arg(vm, &a, 0, "listdir", "path")?
    };
    let rd = std::fs::read_dir(&p).map_err(|e| os_error_from_io(&e, Some(&p)))?;
    let mut names = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| os_error_from_io(&e, Some(&p)))?;
        names.push(Value::string(
            entry.file_name().to_string_lossy().into_owned(),
        ));
    }
    Ok(Value::list(names))
}

fn mkdir(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("mkdir", &["path", "mode", "dir_fd"])?;
    let p = path_arg(vm, &a, 0, "mkdir", "path")?;
    let mode = match a.arg(1, "mode") {
        None => 0o777,
        Some(v) => vm.to_index(v)? as u32,
    };
    std::fs::DirBuilder::new()
        .mode(mode)
        .create(&p)
        .map_err(|e| os_error_from_io(&e, Some(&p)))?;
    Ok(Value::None)
}

fn rmdir(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, &a, 0, "rmdir", "path")?;
    std::fs::remove_dir(&p).map_err(|e| os_error_from_io(&e, Some(&p)))?;
    Ok(Value::None)
}

fn remove(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, &a, 0, "remove", "path")?;
    // unlink(2) semantics: a directory is refused (IsADirectoryError on Linux).
    let c = std::ffi::CString::new(p.clone())
        .map_err(|_| PyErr::value_error("remove: embedded null character in path"))?;
    // SAFETY: `c` is a valid NUL-terminated string that outlives the call.
    if unsafe { libc::unlink(c.as_ptr()) } != 0 {
        return Err(os_error_from_io(&std::io::Error::last_os_error(), Some(&p)));
    }
    Ok(Value::None)
}

fn rename(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let src = path_arg(vm, &a, 0, "rename", "src")?;
    let dst = path_arg(vm, &a, 1, "rename", "dst")?;
    std::fs::rename(&src, &dst).map_err(|e| {
        // CPython reports both names: [Errno 2] No such file or directory: 'a' -> 'b'.
        let err = os_error_from_io(&e, Some(&src));
        if let Value::Instance(inst) = &err.exc {
            inst.set_attr("filename2", Value::string(dst.clone()));
        }
        err
    })?;
    Ok(Value::None)
}

fn stat_tuple(m: &std::fs::Metadata) -> Value {
    let t = |s: i64, ns: i64| s as f64 + ns as f64 * 1e-9;
    let ns = |s: i64, n: i64| Value::from_bigint((s as i128 * 1_000_000_000 + n as i128).into());
    Value::tuple(vec![
        Value::Int(m.mode() as i64),
        Value::Int(m.ino() as i64),
        Value::Int(m.dev() as i64),
        Value::Int(m.nlink() as i64),
        Value::Int(m.uid() as i64),
        Value::Int(m.gid() as i64),
        Value::Int(m.size() as i64),
        Value::Float(t(m.atime(), m.atime_nsec())),
        Value::Float(t(m.mtime(), m.mtime_nsec())),
        Value::Float(t(m.ctime(), m.ctime_nsec())),
        ns(m.atime(), m.atime_nsec()),
        ns(m.mtime(), m.mtime_nsec()),
        ns(m.ctime(), m.ctime_nsec()),
        Value::Int(m.blksize() as i64),
        Value::Int(m.blocks() as i64),
    ])
}

/// `stat(path)`: the fields of os.stat_result as a tuple (os.py wraps it).
fn stat(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("stat", &["path", "dir_fd", "follow_symlinks"])?;
    let p = path_arg(vm, &a, 0, "stat", "path")?;
    let follow = match a.kw("follow_symlinks") {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let m = if follow {
        std::fs::metadata(&p)
    } else {
        std::fs::symlink_metadata(&p)
    }
    .map_err(|e| os_error_from_io(&e, Some(&p)))?;
    Ok(stat_tuple(&m))
}

fn lstat(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, &a, 0, "lstat", "path")?;
    let m = std::fs::symlink_metadata(&p).map_err(|e| os_error_from_io(&e, Some(&p)))?;
    Ok(stat_tuple(&m))
}

fn readlink(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, &a, 0, "readlink", "path")?;
    let t = std::fs::read_link(&p).map_err(|e| os_error_from_io(&e, Some(&p)))?;
    Ok(Value::string(t.to_string_lossy().into_owned()))
}

fn access(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = path_arg(vm, &a, 0, "access", "path")?;
    let mode = match a.arg(1, "mode") {
        Some(v) => vm.to_index(v)? as i32,
        None => {
            return Err(PyErr::type_error(
                "access() missing required argument 'mode' (pos 2)",
            ))
        }
    };
    let Ok(c) = std::ffi::CString::new(p) else {
        return Ok(Value::Bool(false));
    };
    // SAFETY: `c` is a valid NUL-terminated string that outlives the call.
    Ok(Value::Bool(unsafe { libc::access(c.as_ptr(), mode) } == 0))
}

fn getpid(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("getpid", 0, 0)?;
    Ok(Value::Int(std::process::id() as i64))
}

fn getppid(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("getppid", 0, 0)?;
    // SAFETY: getppid has no preconditions and cannot fail.
    Ok(Value::Int(unsafe { libc::getppid() } as i64))
}

fn cpu_count(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("cpu_count", 0, 0)?;
    Ok(match std::thread::available_parallelism() {
        Ok(n) => Value::Int(n.get() as i64),
        Err(_) => Value::None,
    })
}

fn str_arg(vm: &Vm, v: Option<&Value>, fname: &str) -> PyResult<String> {
    match v {
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        Some(v) => Err(PyErr::type_error(format!(
            "{fname}: expected str, got {}",
            vm.type_name(v)
        ))),
        None => Err(PyErr::type_error(format!("{fname}() missing argument"))),
    }
}

fn putenv(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("putenv", 2, 2)?;
    let k = str_arg(vm, a.pos.first(), "putenv")?;
    let v = str_arg(vm, a.pos.get(1), "putenv")?;
    if k.is_empty() || k.contains('=') || k.contains('\0') || v.contains('\0') {
        return Err(PyErr::value_error("illegal environment variable name"));
    }
    // set_var is sound here: every thread that reads the environment runs Python
    // code, which holds the GIL, as this call does.
    std::env::set_var(k, v);
    Ok(Value::None)
}

fn unsetenv(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("unsetenv", 1, 1)?;
    let k = str_arg(vm, a.pos.first(), "unsetenv")?;
    if k.is_empty() || k.contains('=') || k.contains('\0') {
        return Err(PyErr::value_error("illegal environment variable name"));
    }
    std::env::remove_var(k);
    Ok(Value::None)
}

fn strerror(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("strerror", 1, 1)?;
    let n = vm.to_index(&a.pos[0])?;
    let e = std::io::Error::from_raw_os_error(n as i32);
    let s = e.to_string();
    let s = match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    };
    Ok(Value::string(s))
}
