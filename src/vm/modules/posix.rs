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
            ("pipe", pipe),
            ("read", read),
            ("write", write),
            ("close", close),
            ("get_blocking", get_blocking),
            ("set_blocking", set_blocking),
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

// ---------------------------------------------------------------- file descriptors
// os.pipe/read/write/close on raw descriptors, as CPython's posixmodule: a read or
// write that would block waits for readiness with the GIL released (Ctrl-C ends the
// wait on the main thread), a non-blocking descriptor raises BlockingIOError.

fn fd_arg(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let n = vm.to_index(v)?;
    i32::try_from(n).map_err(|_| PyErr::overflow_error("fd is greater than maximum"))
}

fn last_os_error() -> PyErr {
    os_error_from_io(&std::io::Error::last_os_error(), None)
}

fn pipe(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("pipe", 0, 0)?;
    let mut fds = [0 as libc::c_int; 2];
    // O_CLOEXEC: descriptors are non-inheritable, as PEP 446 makes CPython's.
    // SAFETY: `fds` is a live array of the two ints pipe2 writes.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(last_os_error());
    }
    Ok(Value::tuple(vec![
        Value::Int(fds[0] as i64),
        Value::Int(fds[1] as i64),
    ]))
}

/// Polls `fd` for `events` until `deadline` (None: forever); true when ready or
/// when the descriptor went bad (the operation then reports the error).
fn poll_fd(fd: i32, events: libc::c_short, deadline: Option<std::time::Instant>) -> bool {
    loop {
        let ms = match deadline {
            None => -1,
            Some(d) => d
                .saturating_duration_since(std::time::Instant::now())
                .as_millis()
                .min(i32::MAX as u128) as i32,
        };
        let mut p = libc::pollfd {
            fd,
            events,
            revents: 0,
        };
        // SAFETY: `p` is one initialised pollfd that outlives the call.
        match unsafe { libc::poll(&mut p, 1, ms) } {
            0 => return false,
            n if n > 0 => return true,
            _ if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) => continue,
            _ => return true,
        }
    }
}

fn is_nonblocking(fd: i32) -> PyResult<bool> {
    // SAFETY: F_GETFL reads the descriptor's flags; a bad fd gives -1 (EBADF).
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(last_os_error());
    }
    Ok(flags & libc::O_NONBLOCK != 0)
}

/// Waits, the GIL released, until `fd` is ready for `events`, unless the
/// descriptor is non-blocking (the call then runs at once and may raise
/// BlockingIOError, as CPython's).
fn wait_fd(vm: &mut Vm, reason: &'static str, fd: i32, events: libc::c_short) -> PyResult<()> {
    if is_nonblocking(fd)? || poll_fd(fd, events, Some(std::time::Instant::now())) {
        return Ok(());
    }
    if vm.scheduled() {
        // A deterministic run: the writer is usually another thread of the program,
        // so poll while the schedule runs the others; block only if none can run.
        if !vm.scheduled_others_may_run() {
            vm.blocking(reason, (fd, events), |(fd, events)| {
                poll_fd(fd, events, None)
            });
            return Ok(());
        }
        let now = || Some(std::time::Instant::now());
        vm.scheduled_wait(reason, None, true, || poll_fd(fd, events, now()));
        return Ok(());
    }
    vm.interruptible_wait(reason, None, &mut (fd, events), |&mut (fd, events), d| {
        poll_fd(fd, events, d)
    })?;
    Ok(())
}

fn read(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("read", 2, 2)?;
    let fd = fd_arg(vm, &a.pos[0])?;
    let n = vm.to_index(&a.pos[1])?;
    if n < 0 {
        return Err(PyErr::value_error("negative buffersize in read"));
    }
    wait_fd(vm, "os.read", fd, libc::POLLIN)?;
    let mut buf = vec![0u8; n as usize];
    loop {
        // SAFETY: `buf` is an owned buffer of `buf.len()` writable bytes.
        let got = unsafe { libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
        if got >= 0 {
            buf.truncate(got as usize);
            return Ok(Value::bytes(buf));
        }
        if std::io::Error::last_os_error().raw_os_error() != Some(libc::EINTR) {
            return Err(last_os_error());
        }
    }
}

fn write(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("write", 2, 2)?;
    let fd = fd_arg(vm, &a.pos[0])?;
    let data = crate::vm::bytes::need_bytes(vm, &a.pos[1])?;
    wait_fd(vm, "os.write", fd, libc::POLLOUT)?;
    loop {
        // POLLOUT promises room for PIPE_BUF bytes; a longer write to a blocking
        // pipe may still wait for the reader, so it runs with the GIL released.
        let put = if data.len() > 4096 && !is_nonblocking(fd)? {
            vm.blocking("os.write", (fd, &data[..]), |(fd, d)| {
                // SAFETY: `d` borrows `data`, which lives across the call; write only
                // reads `d.len()` bytes from it.
                let r = unsafe { libc::write(fd, d.as_ptr() as *const libc::c_void, d.len()) };
                (r, std::io::Error::last_os_error().raw_os_error())
            })
        } else {
            // SAFETY: as above, `data` holds `data.len()` readable bytes.
            let r = unsafe { libc::write(fd, data.as_ptr() as *const libc::c_void, data.len()) };
            (r, std::io::Error::last_os_error().raw_os_error())
        };
        match put {
            (r, _) if r >= 0 => return Ok(Value::Int(r as i64)),
            (_, Some(libc::EINTR)) => continue,
            (_, Some(e)) => {
                return Err(os_error_from_io(
                    &std::io::Error::from_raw_os_error(e),
                    None,
                ))
            }
            (_, None) => return Err(last_os_error()),
        }
    }
}

fn close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("close", 1, 1)?;
    let fd = fd_arg(vm, &a.pos[0])?;
    // SAFETY: close takes any int; a descriptor gilvm itself holds (stdout, say) is
    // the program's to close, as in CPython.
    if unsafe { libc::close(fd) } != 0 {
        return Err(last_os_error());
    }
    Ok(Value::None)
}

fn get_blocking(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("get_blocking", 1, 1)?;
    let fd = fd_arg(vm, &a.pos[0])?;
    Ok(Value::Bool(!is_nonblocking(fd)?))
}

fn set_blocking(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("set_blocking", 2, 2)?;
    let fd = fd_arg(vm, &a.pos[0])?;
    let blocking = vm.truthy(&a.pos[1])?;
    // SAFETY: F_GETFL reads the descriptor's flags; a bad fd gives -1 (EBADF).
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(last_os_error());
    }
    let new = if blocking {
        flags & !libc::O_NONBLOCK
    } else {
        flags | libc::O_NONBLOCK
    };
    // SAFETY: F_SETFL with flags read from the same descriptor.
    if new != flags && unsafe { libc::fcntl(fd, libc::F_SETFL, new) } != 0 {
        return Err(last_os_error());
    }
    Ok(Value::None)
}
