//! Failures that must be Python exceptions, never aborts: memory and thread limits
//! set with setrlimit before gilvm starts (which a corpus program cannot do), and
//! the same programs under python3 where the outcome is CPython's.
//!
//! Nothing here depends on timing: each program runs until its outcome, under a
//! 120 s deadline that the failure names.

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const GILVM: &str = env!("CARGO_BIN_EXE_gilvm");
const DEADLINE: Duration = Duration::from_secs(120);

struct Run {
    code: Option<i32>,
    signal: Option<i32>,
    stdout: String,
    stderr: String,
}

fn temp_program(name: &str, src: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gilvm_robustness_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, src).unwrap();
    path
}

/// Runs `cmd` with its address space limited to `limit` bytes (RLIMIT_AS).
fn run_limited(mut cmd: Command, limit: Option<u64>) -> Run {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(limit) = limit {
        // SAFETY: only setrlimit, which is async-signal-safe, between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                let r = libc::rlimit {
                    rlim_cur: limit,
                    rlim_max: limit,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &r) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let mut child = cmd.spawn().expect("spawn");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        out.read_to_string(&mut s).ok();
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        err.read_to_string(&mut s).ok();
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > DEADLINE {
            child.kill().ok();
            child.wait().ok();
            panic!("did not finish within the {DEADLINE:?} deadline");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code(),
        signal: std::os::unix::process::ExitStatusExt::signal(&status),
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

fn gilvm(path: &PathBuf, limit: Option<u64>) -> Run {
    let mut c = Command::new(GILVM);
    c.arg("run").arg(path);
    run_limited(c, limit)
}

fn python3(path: &PathBuf, limit: Option<u64>) -> Option<Run> {
    if std::env::var_os("GILVM_NO_PYTHON3").is_some() {
        return None;
    }
    let mut c = Command::new("python3");
    c.arg(path);
    let r = run_limited(c, limit);
    // No python3 on the PATH: nothing to compare with.
    (r.code != Some(127) || !r.stderr.is_empty()).then_some(r)
}

const GIB: u64 = 1 << 30;

/// Each interpreter thread reserves a 64 MiB stack, so a 3 GiB address space runs
/// out after a few dozen threads: starting one more raises RuntimeError and the
/// program goes on (std's spawn used to abort the process from the new thread).
#[test]
fn starting_more_threads_than_the_os_allows_raises_runtime_error() {
    let src = "import threading\n\
               ev = threading.Event()\n\
               ts = []\n\
               try:\n    \
                   for i in range(100000):\n        \
                       t = threading.Thread(target=ev.wait)\n        \
                       t.start()\n        \
                       ts.append(t)\n\
               except RuntimeError as e:\n    \
                   print('RuntimeError:', e)\n\
               ev.set()\n\
               for t in ts:\n    \
                   t.join()\n\
               print('started some:', len(ts) > 0)\n\
               print('all joined:', not any(t.is_alive() for t in ts))\n\
               print('active after joining:', threading.active_count())\n";
    let path = temp_program("thread_limit.py", src);
    let r = gilvm(&path, Some(3 * GIB));
    assert_eq!(
        (r.code, r.signal),
        (Some(0), None),
        "stdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    assert_eq!(
        r.stdout,
        "RuntimeError: can't start new thread\nstarted some: True\nall joined: True\nactive after joining: 1\n"
    );
    assert_eq!(r.stderr, "");
}
