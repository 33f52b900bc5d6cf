//! The command line, the standard streams and Ctrl-C, driven as a user drives them: the
//! gilvm binary in a child process, with pipes closed early, /dev/full, signals and a
//! pseudo-terminal. Expected texts and statuses are CPython 3.11's (checked with
//! python3 when these tests were written). Every wait has a generous deadline that
//! fails loudly when missed; no outcome depends on timing.

use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const GILVM: &str = env!("CARGO_BIN_EXE_gilvm");
const DEADLINE: Duration = Duration::from_secs(60);

/// A fresh directory for one test's programs.
fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gilvm-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write(dir: &Path, name: &str, src: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, src).unwrap();
    p
}

fn gilvm(dir: &Path) -> Command {
    let mut c = Command::new(GILVM);
    // The tests choose buffering themselves; a developer's PYTHONUNBUFFERED would
    // change where write errors show.
    c.current_dir(dir).env_remove("PYTHONUNBUFFERED");
    c
}

/// Reads `r` on a thread until end of file, passing each chunk on.
fn reader(mut r: impl Read + Send + 'static) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = r.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    rx
}

/// Everything a reader still has to give (its pipe is closed once the child is gone).
fn collect(rx: &mpsc::Receiver<Vec<u8>>) -> String {
    let mut buf = Vec::new();
    while let Ok(b) = rx.recv_timeout(DEADLINE) {
        buf.extend(b);
    }
    String::from_utf8_lossy(&buf).into_owned()
}

/// Waits for `child`; kills it and panics at the deadline.
fn wait_deadline(child: &mut Child) -> ExitStatus {
    let end = Instant::now() + DEADLINE;
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            return st;
        }
        if Instant::now() > end {
            let _ = child.kill();
            panic!("gilvm did not exit within {DEADLINE:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

struct Done {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Done {
    fn code(&self) -> Option<i32> {
        self.status.code()
    }
}

/// A running child with stdin piped and stdout/stderr collected.
struct Proc {
    child: Child,
    out: mpsc::Receiver<Vec<u8>>,
    err: mpsc::Receiver<Vec<u8>>,
    err_seen: Vec<u8>,
}

impl Proc {
    fn spawn(cmd: &mut Command) -> Proc {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn gilvm");
        let out = reader(child.stdout.take().unwrap());
        let err = reader(child.stderr.take().unwrap());
        Proc {
            child,
            out,
            err,
            err_seen: vec![],
        }
    }

    /// Waits until stderr contains `what`; panics with what was seen at the deadline.
    fn wait_stderr(&mut self, what: &str) {
        let end = Instant::now() + DEADLINE;
        while !String::from_utf8_lossy(&self.err_seen).contains(what) {
            let left = end.saturating_duration_since(Instant::now());
            match self.err.recv_timeout(left) {
                Ok(b) => self.err_seen.extend(b),
                Err(_) => {
                    let _ = self.child.kill();
                    panic!(
                        "no {what:?} on stderr within {DEADLINE:?}; stderr: {}",
                        String::from_utf8_lossy(&self.err_seen)
                    );
                }
            }
        }
    }

    fn interrupt(&self) {
        let pid = nix::unistd::Pid::from_raw(self.child.id() as i32);
        nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGINT).unwrap();
    }

    fn finish(mut self) -> Done {
        drop(self.child.stdin.take());
        let status = wait_deadline(&mut self.child);
        let mut stderr = String::from_utf8_lossy(&self.err_seen).into_owned();
        stderr.push_str(&collect(&self.err));
        Done {
            status,
            stdout: collect(&self.out),
            stderr,
        }
    }
}

/// Runs to the end with `input` on stdin.
fn run(cmd: &mut Command, input: &str) -> Done {
    let mut p = Proc::spawn(cmd);
    let mut stdin = p.child.stdin.take().unwrap();
    let input = input.as_bytes().to_vec();
    std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    p.finish()
}

fn run_ok(cmd: &mut Command) -> String {
    let d = run(cmd, "");
    assert_eq!(d.code(), Some(0), "stderr: {}", d.stderr);
    d.stdout
}

// ---------------------------------------------------------------------------
// Arguments, programs, exit statuses.

#[test]
fn arguments_after_the_program_belong_to_it() {
    let d = dir("argv");
    write(&d, "prog.py", "import sys\nprint(sys.argv)\n");
    let out = run_ok(gilvm(&d).args(["run", "prog.py", "--help", "-c", "x"]));
    assert_eq!(out, "['prog.py', '--help', '-c', 'x']\n");
    // The shorthand, with gilvm's own options before the program.
    let out = run_ok(gilvm(&d).args(["--switch-interval", "1ms", "prog.py", "-i", "--gil-stats"]));
    assert_eq!(out, "['prog.py', '-i', '--gil-stats']\n");
    let code = "import sys; print(sys.argv)";
    let out = run_ok(gilvm(&d).args(["run", "-c", code, "a", "b"]));
    assert_eq!(out, "['-c', 'a', 'b']\n");
    let out = run_ok(gilvm(&d).args(["-c", code, "--help"]));
    assert_eq!(out, "['-c', '--help']\n");
    let out = run_ok(gilvm(&d).args([&format!("-c{code}"), "x"]));
    assert_eq!(out, "['-c', 'x']\n");
    // `--` ends gilvm's options: the next word is the program even if it looks like one.
    write(&d, "-odd.py", "print('odd')\n");
    assert_eq!(run_ok(gilvm(&d).args(["run", "--", "-odd.py"])), "odd\n");
}

#[test]
fn programs_from_stdin() {
    let d = dir("stdin");
    let prog = "import sys\nprint(sys.argv, __file__, __name__)\n";
    for (args, argv) in [
        (&["run", "-", "a", "b"][..], "['-', 'a', 'b']"),
        (&["-", "x"][..], "['-', 'x']"),
        (&["run"][..], "['']"),
        (&[][..], "['']"),
    ] {
        let r = run(gilvm(&d).args(args), prog);
        assert_eq!(r.code(), Some(0), "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, format!("{argv} <stdin> __main__\n"), "{args:?}");
    }
    // Tracebacks name <stdin>, without source lines, as CPython's.
    let r = run(gilvm(&d).arg("-"), "x = 1\n1/0\n");
    assert_eq!(r.code(), Some(1));
    assert_eq!(
        r.stderr,
        "Traceback (most recent call last):\n  File \"<stdin>\", line 2, in <module>\nZeroDivisionError: division by zero\n"
    );
    // So do `-c` programs and code given to exec(): `<string>` is not a file.
    let r = run(
        gilvm(&d).args(["run", "-c", "exec('def f():\\n  1/0\\nf()')"]),
        "",
    );
    assert_eq!(r.code(), Some(1));
    assert_eq!(
        r.stderr,
        "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\n  \
         File \"<string>\", line 3, in <module>\n  File \"<string>\", line 2, in f\n\
         ZeroDivisionError: division by zero\n"
    );
}

#[test]
fn exit_status_is_cpythons() {
    let d = dir("exit");
    for (arg, status, stderr) in [
        ("", 0, ""),
        ("0", 0, ""),
        ("None", 0, ""),
        ("3", 3, ""),
        ("-1", 255, ""),
        ("256", 0, ""),
        ("300", 44, ""),
        ("2**40 + 3", 3, ""),
        ("2**63 - 1", 255, ""),
        ("2**70", 255, ""),
        ("True", 1, ""),
        ("False", 0, ""),
        ("'msg'", 1, "msg\n"),
        ("3.5", 1, "3.5\n"),
        ("(1, 2)", 1, "(1, 2)\n"),
    ] {
        let code = format!("import sys\nsys.exit({arg})\n");
        let r = run(gilvm(&d).args(["-c", &code]), "");
        assert_eq!(r.code(), Some(status), "sys.exit({arg}): {}", r.stderr);
        assert_eq!(r.stderr, stderr, "sys.exit({arg})");
    }
    let r = run(gilvm(&d).args(["-c", "raise SystemExit(1, 2)"]), "");
    assert_eq!((r.code(), r.stderr.as_str()), (Some(1), "(1, 2)\n"));
    // An uncaught exception is 1; a usage error is clap's 2.
    assert_eq!(run(gilvm(&d).args(["-c", "1/0"]), "").code(), Some(1));
    assert_eq!(
        run(gilvm(&d).args(["run", "--no-such-flag"]), "").code(),
        Some(2)
    );
}

#[test]
fn missing_files_and_directories() {
    let d = dir("paths");
    let r = run(gilvm(&d).arg("nope.py"), "");
    assert_eq!(r.code(), Some(2));
    let want = format!(
        ": can't open file '{}': [Errno 2] No such file or directory\n",
        d.join("nope.py").display()
    );
    assert!(r.stderr.ends_with(&want), "{}", r.stderr);
    // A directory without __main__.py: CPython's message, status 1.
    std::fs::create_dir_all(d.join("empty")).unwrap();
    let r = run(gilvm(&d).args(["run", "empty"]), "");
    assert_eq!(r.code(), Some(1));
    assert!(
        r.stderr
            .ends_with(": can't find '__main__' module in 'empty'\n"),
        "{}",
        r.stderr
    );
    // With __main__.py it runs, as python3 runs it.
    std::fs::create_dir_all(d.join("app")).unwrap();
    write(
        &d.join("app"),
        "__main__.py",
        "import sys, helper\nprint(sys.argv, __file__ == sys.path[0] + '/__main__.py', helper.X)\n",
    );
    write(&d.join("app"), "helper.py", "X = 42\n");
    let out = run_ok(gilvm(&d).args(["app", "a"]));
    assert_eq!(out, "['app', 'a'] True 42\n");
}

#[test]
fn file_executable_and_implementation() {
    let d = dir("sysattrs");
    write(&d, "helper.py", "X = 1\n");
    write(
        &d,
        "main.py",
        "import sys\nprint(__file__)\nimport helper\nprint(helper.__file__)\nprint(sys.executable)\n\
         i = sys.implementation\nprint(i.name, i.cache_tag, i.version[:3], hex(i.hexversion))\nprint(i)\n",
    );
    // Run by a relative name: __file__ is absolute all the same, as in CPython 3.9+.
    let out = run_ok(gilvm(&d).arg("main.py"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], d.join("main.py").display().to_string());
    assert_eq!(lines[1], d.join("helper.py").display().to_string());
    assert!(Path::new(lines[2]).is_absolute(), "{}", lines[2]);
    assert_eq!(
        std::fs::canonicalize(lines[2]).unwrap(),
        std::fs::canonicalize(GILVM).unwrap(),
        "sys.executable"
    );
    let p: Vec<u32> = env!("CARGO_PKG_VERSION")
        .split('.')
        .map(|x| x.parse().unwrap())
        .collect();
    let (major, minor, micro) = (p[0], p[1], p[2]);
    let hex = (major << 24) | (minor << 16) | (micro << 8) | 0xf0;
    assert_eq!(
        lines[3],
        format!("gilvm None ({major}, {minor}, {micro}) {hex:#x}")
    );
    assert_eq!(
        lines[4],
        format!(
            "namespace(name='gilvm', cache_tag=None, version=({major}, {minor}, {micro}, 'final', 0), hexversion={hex})"
        )
    );
    // -c has no __file__, as in CPython.
    let code = "try:\n    __file__\nexcept NameError:\n    print('none')";
    assert_eq!(run_ok(gilvm(&d).args(["-c", code])), "none\n");
}

#[test]
fn unclosed_brackets_are_reported_as_cpython() {
    let d = dir("syntax");
    for (src, line, caret) in [
        ("x = [1, 2\n", "    x = [1, 2", "        ^"),
        ("foo(a, {1: 2\n\n\n", "    foo(a, {1: 2", "           ^"),
        ("x = (1,\n  2\ny = 3\n", "    x = (1,", "        ^"),
    ] {
        let p = write(&d, "bad.py", src);
        let r = run(gilvm(&d).arg("bad.py"), "");
        assert_eq!(r.code(), Some(1));
        let c = src.chars().rev().find(|c| "([{".contains(*c)).unwrap();
        let want = format!(
            "  File \"{}\", line 1\n{line}\n{caret}\nSyntaxError: '{c}' was never closed\n",
            p.display()
        );
        assert_eq!(r.stderr, want, "{src:?}");
    }
}

// ---------------------------------------------------------------------------
// stdout and stderr.

#[test]
fn closed_stdout_pipe_ends_like_python3() {
    // `gilvm run prog.py | head -1`: one BrokenPipeError traceback, status 1, no panic.
    let d = dir("head");
    let p = write(&d, "many.py", "for i in range(100000):\n    print(i)\n");
    let (out_r, out_w) = std::io::pipe().unwrap();
    let mut child = gilvm(&d)
        .arg("many.py")
        .stdin(Stdio::null())
        .stdout(out_w)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let err = reader(child.stderr.take().unwrap());
    // Read the first line, then close the pipe, as head does.
    let mut first = [0u8; 2];
    (&out_r).read_exact(&mut first).unwrap();
    assert_eq!(&first, b"0\n");
    drop(out_r);
    let status = wait_deadline(&mut child);
    let stderr = collect(&err);
    assert_eq!(status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        format!(
            "Traceback (most recent call last):\n  File \"{}\", line 2, in <module>\n    print(i)\nBrokenPipeError: [Errno 32] Broken pipe\n",
            p.display()
        )
    );
}

/// Runs `p.py` with stdout a pipe whose reader has already gone; the program reads
/// stdin to its end first, so it writes only after the pipe is broken.
fn run_with_broken_stdout(d: &Path) -> (ExitStatus, String) {
    let (out_r, out_w) = std::io::pipe().unwrap();
    drop(out_r);
    let mut child = gilvm(d)
        .arg("p.py")
        .stdin(Stdio::null())
        .stdout(out_w)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let err = reader(child.stderr.take().unwrap());
    let status = wait_deadline(&mut child);
    (status, collect(&err))
}

#[test]
fn failed_flush_at_exit_is_reported_with_status_120() {
    // The output is still buffered when the program ends: CPython's report, status 120,
    // whatever status the program ended with.
    let d = dir("exitflush");
    for (tail, traceback) in [
        ("", ""),
        ("sys.exit(3)", ""),
        ("1/0", "ZeroDivisionError: division by zero\n"),
    ] {
        write(
            &d,
            "p.py",
            &format!("import sys\nprint('buffered')\n{tail}\n"),
        );
        let (status, stderr) = run_with_broken_stdout(&d);
        assert_eq!(status.code(), Some(120), "{tail}: {stderr}");
        assert!(stderr.contains(traceback), "{stderr}");
        assert!(
            stderr.ends_with(
                "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\nBrokenPipeError: [Errno 32] Broken pipe\n"
            ),
            "{tail}: {stderr}"
        );
    }
    // A write error raised inside the program drops what was being written, so the
    // exit flush has nothing left and the status stays the program's.
    write(
        &d,
        "p.py",
        "import sys\ntry:\n    print('x' * 100000)\nexcept BrokenPipeError as e:\n    sys.stderr.write(f'caught {e.errno}\\n')\n",
    );
    let (status, stderr) = run_with_broken_stdout(&d);
    assert_eq!((status.code(), stderr.as_str()), (Some(0), "caught 32\n"));
}

#[test]
fn write_errors_on_dev_full() {
    let d = dir("devfull");
    let run_full = |code: &str| {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let out = gilvm(&d)
            .args(["-c", code])
            .stdin(Stdio::null())
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // Buffered until exit: CPython's "Exception ignored" report and status 120.
    let (code, stderr) = run_full("print('x')");
    assert_eq!(code, Some(120));
    assert_eq!(
        stderr,
        "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\nOSError: [Errno 28] No space left on device\n"
    );
    // A write larger than the buffer fails where it happens: a traceback, status 1.
    let (code, stderr) = run_full("print('x' * 100000)");
    assert_eq!(code, Some(1));
    assert!(
        stderr.ends_with("OSError: [Errno 28] No space left on device\n"),
        "{stderr}"
    );
    // PYTHONUNBUFFERED (CPython's -u): even a short write fails where it happens.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let out = gilvm(&d)
        .env("PYTHONUNBUFFERED", "1")
        .args(["-c", "print('x')"])
        .stdin(Stdio::null())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("Traceback (most recent call last):\n")
            && stderr.ends_with("OSError: [Errno 28] No space left on device\n"),
        "{stderr}"
    );
}

#[test]
fn buffering_follows_cpython() {
    // Block-buffered on a pipe: 100 short prints reach the OS in one write at exit.
    // Line-buffered on a terminal: one write per line. Counted by the GIL's blocked
    // records, since each write to the OS releases the GIL.
    let d = dir("buffering");
    let stats = d.join("stats.json");
    let src = "for i in range(100):\n    print(i)\n";
    let writes = |stats: &Path| -> u64 {
        let text = std::fs::read_to_string(stats).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut n = 0;
        for t in v["threads"].as_array().unwrap() {
            for r in t["blocked_by_reason"].as_array().unwrap() {
                if r["reason"] == "sys.stdout.write" {
                    n += r["calls"].as_u64().unwrap();
                }
            }
        }
        n
    };
    let out = gilvm(&d)
        .arg("--gil-stats-json")
        .arg(&stats)
        .args(["-c", src])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        out.stdout.len(),
        (0..100)
            .map(|i: i32| i.to_string().len() + 1)
            .sum::<usize>()
    );
    let on_pipe = writes(&stats);
    assert_eq!(on_pipe, 1, "writes to a pipe");
    let mut term = Pty::spawn(
        &d,
        &["--gil-stats-json", stats.to_str().unwrap(), "-c", src],
    );
    term.expect("99\r\n");
    let status = term.wait();
    assert!(status.success());
    assert_eq!(writes(&stats), 100, "writes to a terminal");
}

#[test]
fn blocked_stdout_write_does_not_hold_the_gil() {
    // Nobody reads stdout, so the main thread's print blocks once the pipe is full;
    // a ticker thread must still get the GIL and finish. Under a write that held the
    // GIL it never would (the deadline then fails the test).
    let d = dir("stall");
    write(
        &d,
        "stall.py",
        "import sys, threading, time\n\
         def ticker():\n    for i in range(20):\n        time.sleep(0.001)\n    sys.stderr.write('ticker done\\n')\n\
         threading.Thread(target=ticker, daemon=True).start()\n\
         while True:\n    print('x' * 1000)\n",
    );
    // The read end stays open and unread until the ticker has reported.
    let (out_r, out_w) = std::io::pipe().unwrap();
    let mut child = gilvm(&d)
        .arg("stall.py")
        .stdin(Stdio::null())
        .stdout(out_w)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let err = reader(child.stderr.take().unwrap());
    let mut seen = String::new();
    let end = Instant::now() + DEADLINE;
    while !seen.contains("ticker done") {
        let left = end.saturating_duration_since(Instant::now());
        match err.recv_timeout(left) {
            Ok(b) => seen.push_str(&String::from_utf8_lossy(&b)),
            Err(_) => {
                let _ = child.kill();
                panic!("the ticker never ran while print was blocked; stderr: {seen}");
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    drop(out_r);
}

#[test]
fn threads_reporting_to_a_closed_stderr_neither_panic_nor_hang() {
    // `gilvm run t.py 2>&1 | head -1` once head has gone: the threads' reports fail
    // quietly, their join locks are released, and the program ends normally.
    let d = dir("closedstderr");
    write(
        &d,
        "t.py",
        "import threading\n\
         def boom():\n    raise ValueError('boom')\n\
         for i in range(3):\n    t = threading.Thread(target=boom)\n    t.start()\n    t.join()\n\
         print('done')\n",
    );
    let (err_r, err_w) = std::io::pipe().unwrap();
    drop(err_r);
    let mut child = gilvm(&d)
        .arg("t.py")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(err_w)
        .spawn()
        .unwrap();
    let out = reader(child.stdout.take().unwrap());
    let status = wait_deadline(&mut child);
    assert_eq!(collect(&out), "done\n");
    assert_eq!(status.code(), Some(0));
}

#[test]
fn deadlock_is_reported_even_with_stderr_closed() {
    let d = dir("deadlock");
    write(
        &d,
        "dl.py",
        "import threading\nprint('before')\nl = threading.Lock()\nl.acquire()\nl.acquire()\n",
    );
    let (err_r, err_w) = std::io::pipe().unwrap();
    drop(err_r);
    let mut child = gilvm(&d)
        .arg("dl.py")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(err_w)
        .spawn()
        .unwrap();
    let out = reader(child.stdout.take().unwrap());
    let status = wait_deadline(&mut child);
    assert_eq!(status.code(), Some(1));
    assert_eq!(collect(&out), "before\n");
}

// ---------------------------------------------------------------------------
// Ctrl-C.

/// Waits until every thread of process `pid` sleeps (Linux /proc), twice in a row: the
/// program has then reached the blocking call after its `ready` (nothing else of it
/// sleeps), so a signal sent now lands in that call and not on the way to it.
fn wait_all_asleep(pid: u32) {
    let states = || -> Vec<char> {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
            return vec![];
        };
        tasks
            .flatten()
            .filter_map(|t| std::fs::read_to_string(t.path().join("stat")).ok())
            .filter_map(|st| {
                st.rsplit_once(')')
                    .and_then(|(_, rest)| rest.trim().chars().next())
            })
            .collect()
    };
    let end = Instant::now() + DEADLINE;
    let mut calm = 0;
    while calm < 2 {
        let s = states();
        calm = if !s.is_empty() && s.iter().all(|&c| c == 'S') {
            calm + 1
        } else {
            0
        };
        assert!(Instant::now() < end, "the program never blocked: {s:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Starts `src`, waits for it to print `ready` on stderr, sends SIGINT and waits for
/// the end; returns the outcome and how long the exit took after the signal.
fn interrupt_when_ready(name: &str, src: &str) -> (Done, Duration) {
    let d = dir(name);
    write(&d, "p.py", src);
    let mut proc = Proc::spawn(gilvm(&d).arg("p.py"));
    // stdin stays open (and empty) until the end, so reads block.
    let stdin = proc.child.stdin.take();
    proc.wait_stderr("ready");
    wait_all_asleep(proc.child.id());
    let sent = Instant::now();
    proc.interrupt();
    let status = wait_deadline(&mut proc.child);
    let took = sent.elapsed();
    drop(stdin);
    let mut stderr = String::from_utf8_lossy(&proc.err_seen).into_owned();
    stderr.push_str(&collect(&proc.err));
    let r = Done {
        status,
        stdout: collect(&proc.out),
        stderr,
    };
    (r, took)
}

/// Died of SIGINT after a KeyboardInterrupt traceback, as CPython does.
fn assert_interrupted(name: &str, r: &Done, took: Duration) {
    assert_eq!(
        r.status.signal(),
        Some(2),
        "{name}: {:?} {}",
        r.status,
        r.stderr
    );
    assert!(
        r.stderr.trim_end().ends_with("KeyboardInterrupt"),
        "{name}: {}",
        r.stderr
    );
    // Informational (the deadline is what fails a hang): CPython takes ~10 ms.
    eprintln!("{name}: exited {took:?} after SIGINT");
}

#[test]
fn ctrl_c_interrupts_blocking_reads() {
    for (name, call) in [
        ("input", "input()"),
        ("readline", "sys.stdin.readline()"),
        ("read", "sys.stdin.read()"),
        ("iterate", "for line in sys.stdin: pass"),
    ] {
        let src = format!("import sys\nsys.stderr.write('ready\\n')\n{call}\n");
        let (r, took) = interrupt_when_ready(name, &src);
        assert_interrupted(name, &r, took);
    }
}

#[test]
fn ctrl_c_interrupts_a_blocked_stdout_write() {
    let d = dir("ctrlc-write");
    write(
        &d,
        "p.py",
        "import sys\nsys.stderr.write('ready\\n')\nwhile True:\n    print('x' * 1000)\n",
    );
    let (out_r, out_w) = std::io::pipe().unwrap();
    let mut child = gilvm(&d)
        .arg("p.py")
        .stdin(Stdio::null())
        .stdout(out_w)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let err = reader(child.stderr.take().unwrap());
    let first = err.recv_timeout(DEADLINE).expect("ready");
    assert!(String::from_utf8_lossy(&first).contains("ready"));
    // Let the pipe fill: 64 KiB plus gilvm's buffer have been taken once the reader
    // sees that much (the writer is then blocked or about to be).
    let mut taken = 0;
    let mut buf = vec![0u8; 1 << 16];
    while taken < 1 << 16 {
        taken += (&out_r).read(&mut buf).unwrap();
    }
    // Now stop reading: the next writes block until Ctrl-C.
    let sent = Instant::now();
    nix::sys::signal::kill(
        nix::unistd::Pid::from_raw(child.id() as i32),
        nix::sys::signal::Signal::SIGINT,
    )
    .unwrap();
    let status = wait_deadline(&mut child);
    let took = sent.elapsed();
    drop(out_r);
    let r = Done {
        status,
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&first).into_owned() + &collect(&err),
    };
    assert_interrupted("blocked write", &r, took);
}

#[test]
fn ctrl_c_while_joining_a_thread_exits_at_once() {
    let src = "import sys, threading, time\n\
               t = threading.Thread(target=time.sleep, args=(600,))\n\
               t.start()\nsys.stderr.write('ready\\n')\nt.join()\n";
    let (r, took) = interrupt_when_ready("join", src);
    assert_interrupted("join", &r, took);
    // Ctrl-C while the program waits for its threads at exit: CPython's report, and
    // the program's own status.
    let src = "import sys, threading, time\n\
               t = threading.Thread(target=time.sleep, args=(600,))\n\
               t.start()\nsys.stderr.write('ready\\n')\n";
    let (r, _) = interrupt_when_ready("shutdown", src);
    assert_eq!(r.code(), Some(0), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("Exception ignored in: <module 'threading'"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.ends_with("KeyboardInterrupt: \n"),
        "{:?}",
        r.stderr
    );
}

#[test]
fn ignored_sigint_stays_ignored() {
    // A background job starts with SIGINT ignored (`trap '' INT`); exec keeps that.
    let d = dir("ignored");
    write(
        &d,
        "p.py",
        "import sys\nsys.stderr.write('ready\\n')\nprint('got', input())\n",
    );
    let mut cmd = Command::new("sh");
    cmd.current_dir(&d)
        .args(["-c", &format!("trap '' INT; exec {GILVM} p.py")]);
    let mut proc = Proc::spawn(&mut cmd);
    proc.wait_stderr("ready");
    wait_all_asleep(proc.child.id());
    proc.interrupt();
    let mut stdin = proc.child.stdin.take().unwrap();
    stdin.write_all(b"line\n").unwrap();
    drop(stdin);
    let r = proc.finish();
    assert_eq!(
        (r.code(), r.stdout.as_str()),
        (Some(0), "got line\n"),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------
// The interactive prompt.

#[test]
fn prompt_with_stdin_not_a_terminal() {
    // `-i` forces the prompt as python3 -i does; prompts and tracebacks go to stderr,
    // values to stdout.
    let d = dir("repl-pipe");
    let input = "1+1\nx = [1,\n 2]\nx\nfor i in range(2): i\n\nif 1:\n  'a'\n\n1/0\n\
                 def f(): 1/0\n\nf()\nimport sys\nsys.ps1\n_ = None\n5; 6\nprint('p'); None\n\
                 \"\"\"abc\ndef\"\"\"\nwhile\nprint('still here')\n";
    let r = run(gilvm(&d).arg("-i"), input);
    assert_eq!(r.code(), Some(0), "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "2\n[1, 2]\n0\n1\n'a'\n'>>> '\n5\n6\np\n'abc\\ndef'\nstill here\n"
    );
    for want in [
        "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nZeroDivisionError: division by zero\n",
        "  File \"<stdin>\", line 1, in <module>\n  File \"<stdin>\", line 1, in f\nZeroDivisionError",
        "SyntaxError: invalid syntax\n",
        ">>> ... >>> ",
    ] {
        assert!(r.stderr.contains(want), "{want:?} not in {}", r.stderr);
    }
    // sys.exit() at the prompt ends the session with its status.
    let r = run(
        gilvm(&d).arg("-i"),
        "import sys\nsys.exit(7)\nprint('not reached')\n",
    );
    assert_eq!((r.code(), r.stdout.as_str()), (Some(7), ""));
    // -i after a program: its names are there.
    write(&d, "p.py", "y = 41\n");
    let r = run(gilvm(&d).args(["-i", "p.py"]), "y + 1\n");
    assert_eq!(r.stdout, "42\n");
}

/// gilvm on a pseudo-terminal that is its controlling terminal (via `setsid -c`), so
/// Ctrl-C typed at it becomes SIGINT as in a real terminal.
struct Pty {
    child: Child,
    master: std::fs::File,
    seen: String,
}

impl Pty {
    fn spawn(dir: &Path, args: &[&str]) -> Pty {
        let pty = nix::pty::openpty(None, None).expect("openpty");
        let slave = std::fs::File::from(pty.slave);
        let mut cmd = Command::new("setsid");
        cmd.current_dir(dir)
            .arg("-c")
            .arg(GILVM)
            .args(args)
            .stdin(slave.try_clone().unwrap())
            .stdout(slave.try_clone().unwrap())
            .stderr(slave);
        let child = cmd.spawn().expect("setsid");
        Pty {
            child,
            master: std::fs::File::from(pty.master),
            seen: String::new(),
        }
    }

    fn send(&mut self, s: &str) {
        self.master.write_all(s.as_bytes()).unwrap();
    }

    /// Reads the terminal until `what` has appeared after everything expected so far.
    fn expect(&mut self, what: &str) {
        use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
        use std::os::fd::AsFd;
        let end = Instant::now() + DEADLINE;
        loop {
            if let Some(i) = self.seen.find(what) {
                self.seen.drain(..i + what.len());
                return;
            }
            let left = end.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "no {what:?} on the terminal within {DEADLINE:?}; seen: {:?}",
                self.seen
            );
            let mut fds = [PollFd::new(self.master.as_fd(), PollFlags::POLLIN)];
            let ms = left.as_millis().min(1000) as u16;
            if poll(&mut fds, PollTimeout::from(ms)).unwrap_or(0) == 0 {
                continue;
            }
            let mut buf = [0u8; 4096];
            match self.master.read(&mut buf) {
                Ok(0) | Err(_) => panic!("terminal closed before {what:?}; seen: {:?}", self.seen),
                Ok(n) => self.seen.push_str(&String::from_utf8_lossy(&buf[..n])),
            }
        }
    }

    fn wait(&mut self) -> ExitStatus {
        // Keep draining the terminal so the child never blocks on a full one.
        let end = Instant::now() + DEADLINE;
        loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                return st;
            }
            assert!(
                Instant::now() < end,
                "gilvm did not exit; seen: {:?}",
                self.seen
            );
            use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
            use std::os::fd::AsFd;
            let mut fds = [PollFd::new(self.master.as_fd(), PollFlags::POLLIN)];
            if poll(&mut fds, PollTimeout::from(20u8)).unwrap_or(0) > 0 {
                let mut buf = [0u8; 4096];
                if let Ok(n) = self.master.read(&mut buf) {
                    self.seen.push_str(&String::from_utf8_lossy(&buf[..n]));
                }
            }
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn prompt_on_a_terminal() {
    let d = dir("repl-tty");
    let mut t = Pty::spawn(&d, &[]);
    t.expect("Type exit() or Ctrl-D");
    t.expect(">>> ");
    t.send("6 * 7\n");
    t.expect("42\r\n>>> ");
    // A traceback does not end the session.
    t.send("{}['k']\n");
    t.expect("KeyError: 'k'\r\n>>> ");
    // A thread started at the prompt runs while the prompt waits for a line: reading
    // the line releases the GIL.
    t.send("import threading, time\n");
    t.expect(">>> ");
    t.send("def work():\n");
    t.expect("... ");
    t.send("    for i in range(3): time.sleep(0.01)\n");
    t.expect("... ");
    t.send("    print('background done')\n");
    t.expect("... ");
    t.send("\n");
    t.expect(">>> ");
    t.send("threading.Thread(target=work).start()\n");
    t.expect("background done");
    // Ctrl-C cancels the line being typed, and interrupts running code.
    t.send("unfinished = (1,");
    t.expect("unfinished = (1,");
    t.send("\x03");
    t.expect("KeyboardInterrupt\r\n>>> ");
    for line in [
        "if True:\n",
        "    print('spinning')\n",
        "    while True: pass\n",
    ] {
        t.send(line);
        t.expect("... ");
    }
    t.send("\n");
    t.expect("spinning\r\n");
    t.send("\x03");
    t.expect("KeyboardInterrupt\r\n>>> ");
    t.send("'still alive'\n");
    t.expect("'still alive'\r\n>>> ");
    // Ctrl-D at an empty prompt leaves, with status 0.
    t.send("\x04");
    let st = t.wait();
    assert_eq!(st.code(), Some(0), "{:?}", t.seen);
}

#[test]
fn exit_leaves_the_prompt() {
    let d = dir("repl-exit");
    let mut t = Pty::spawn(&d, &["run"]);
    t.expect(">>> ");
    t.send("exit(5)\n");
    assert_eq!(t.wait().code(), Some(5));
}
