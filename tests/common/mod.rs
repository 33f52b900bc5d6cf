//! Child-process running shared by the integration tests that start the gilvm binary
//! (robustness.rs, threads.rs, fuzz.rs): temp programs, and a waiter that collects
//! both pipes and kills a child that misses its deadline.
// Each test crate uses its own subset of these.
#![allow(dead_code)]

use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const GILVM: &str = env!("CARGO_BIN_EXE_gilvm");

/// How a child process ended and what it printed.
pub struct Run {
    pub code: Option<i32>,
    /// The signal that ended the process, if one did.
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Writes `src` to `name` in a per-process temp dir named after `suite`.
pub fn temp_program(suite: &str, name: &str, src: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gilvm_{suite}_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, src).unwrap();
    path
}

/// `cmd` with stdin null and both outputs piped, started.
pub fn spawn_piped(mut cmd: Command) -> Child {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.spawn().expect("spawn")
}

/// Waits for `child`, reading whichever of its stdout/stderr are still piped. A
/// child still running after `deadline` is killed and the test fails, naming it.
/// `stdout_prefix` is what the caller has already read from stdout.
pub fn finish(mut child: Child, deadline: Duration, stdout_prefix: String) -> Run {
    let reader = |p: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut p) = p {
                let mut buf = Vec::new();
                p.read_to_end(&mut buf).ok();
                s = String::from_utf8_lossy(&buf).into_owned();
            }
            s
        })
    };
    let t_out = reader(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let t_err = reader(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > deadline {
            child.kill().ok();
            child.wait().ok();
            panic!("the child did not finish within the {deadline:?} deadline");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code(),
        signal: std::os::unix::process::ExitStatusExt::signal(&status),
        stdout: stdout_prefix + &t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

/// The last non-blank line of `s`.
pub fn last_line(s: &str) -> &str {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

/// Whether the python3 cross-checks run: python3 is wanted unless
/// GILVM_NO_PYTHON3 is set.
pub fn python3_wanted() -> bool {
    std::env::var_os("GILVM_NO_PYTHON3").is_none()
}
