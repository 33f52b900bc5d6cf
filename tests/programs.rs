//! Program-test harness: one generated test per `*.py` script.
//!
//! Collects every `programs/**/*.py` and `tests/programs/**/*.py` under the
//! crate root, runs each with the gilvm binary (`gilvm run FILE.py [ARGS]`),
//! and compares stdout, exit status and (optionally) the last line of stderr
//! with the expectations checked in beside the script. When `python3` is on
//! the PATH, CPython is run on the same file and must meet the same
//! expectations, so the corpus cannot drift from CPython.
//!
//! See `tests/README.md` for the conventions. Summary:
//!
//! * `NAME.out`  — expected stdout (exact), or, with `# output: varies`, one
//!   anchored regex per line.
//! * `NAME.in`   — fed as stdin if present (otherwise stdin is null).
//! * header comments (leading `#` lines): `# exit: N`, `# stderr: TEXT`,
//!   `# args: a b c`, `# python3: skip (reason)`, `# output: varies`,
//!   `# gil-off: skip (reason)`.
//! * every script runs a second time as `gil-off/NAME`, under `gilvm run --gil off`
//!   (the free-threaded build), against the same expectations, unless its header
//!   says `# gil-off: skip (reason)`.
//! * every process runs with cwd = the script's directory and is given the
//!   script's bare file name, so `sys.argv[0]` is the same for both runs.
//!
//! Environment:
//! * `GILVM_CMD="python3"` — command prefix used instead of `gilvm run`
//!   (whitespace separated). `GILVM_CMD=python3` makes the whole corpus run
//!   on CPython, which proves the harness and the expected files.
//! * `GILVM_BLESS=1` — rewrite `NAME.out` from **python3's** stdout (never
//!   gilvm's). Files with `# output: varies` or `# python3: skip` are left alone.
//! * `GILVM_NO_PYTHON3=1` — skip the CPython cross-check.
//! * `GILVM_TIMEOUT=SECS` — per-process timeout (default 60).

use libtest_mimic::{Arguments, Failed, Trial};
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Expectations declared by a script's header comments.
#[derive(Debug, Clone)]
struct Spec {
    exit: i32,
    stderr_last: Option<String>,
    args: Vec<String>,
    python3_skip: Option<String>,
    /// `# gil-off: skip (reason)`: not run a second time under `--gil off`.
    gil_off_skip: Option<String>,
    output_varies: bool,
}

fn parse_spec(src: &str) -> Result<Spec, String> {
    let mut spec = Spec {
        exit: 0,
        stderr_last: None,
        args: Vec::new(),
        python3_skip: None,
        gil_off_skip: None,
        output_varies: false,
    };
    // Only the leading block of comment / blank lines is a header.
    for line in src.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let Some(rest) = t.strip_prefix('#') else {
            break;
        };
        let rest = rest.trim_start();
        let Some((key, value)) = rest.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match key.trim() {
            "exit" => {
                spec.exit = value
                    .parse()
                    .map_err(|_| format!("bad `# exit:` header value {value:?}"))?
            }
            // `"..."` keeps leading spaces (the indented last line of a group report).
            "stderr" => {
                let v = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
                    Some(inner) => inner,
                    None => value,
                };
                spec.stderr_last = Some(v.to_string())
            }
            "args" => spec.args = value.split_whitespace().map(String::from).collect(),
            "python3" => {
                if !value.starts_with("skip") {
                    return Err(format!(
                        "bad `# python3:` header {value:?} (want `skip (reason)`)"
                    ));
                }
                spec.python3_skip = Some(value.to_string());
            }
            "gil-off" => {
                if !value.starts_with("skip") {
                    return Err(format!(
                        "bad `# gil-off:` header {value:?} (want `skip (reason)`)"
                    ));
                }
                spec.gil_off_skip = Some(value.to_string());
            }
            "output" => {
                if value != "varies" {
                    return Err(format!("bad `# output:` header {value:?} (want `varies`)"));
                }
                spec.output_varies = true;
            }
            _ => {}
        }
    }
    Ok(spec)
}

struct RunResult {
    stdout: String,
    stderr: String,
    /// `Some(code)` on normal exit; `None` when killed by a signal.
    code: Option<i32>,
    /// The signal that killed the process, if any (unix only).
    signal: Option<i32>,
    timed_out: bool,
    elapsed: Duration,
}

fn timeout() -> Duration {
    let secs = std::env::var("GILVM_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(60.0);
    Duration::from_secs_f64(secs)
}

/// Runs `prefix... FILE args...` with cwd = the script's directory.
fn run(prefix: &[String], script: &Path, spec: &Spec) -> Result<RunResult, String> {
    let dir = script.parent().unwrap();
    let file_name = script.file_name().unwrap();
    let stdin_file = script.with_extension("in");
    let mut cmd = Command::new(&prefix[0]);
    cmd.args(&prefix[1..])
        .arg(file_name)
        .args(&spec.args)
        .current_dir(dir)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONIOENCODING", "utf-8")
        .env_remove("PYTHONSTARTUP")
        .env_remove("PYTHONPATH")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let stdin_data = if stdin_file.exists() {
        cmd.stdin(Stdio::piped());
        Some(
            std::fs::read(&stdin_file)
                .map_err(|e| format!("reading {}: {e}", stdin_file.display()))?,
        )
    } else {
        cmd.stdin(Stdio::null());
        None
    };
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("could not start {:?}: {e}", prefix.join(" ")))?;
    let stdin_thread = stdin_data.map(|data| {
        let mut pipe = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            // The program may exit without reading everything; ignore EPIPE.
            let _ = pipe.write_all(&data);
        })
    });
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out_pipe.read_to_end(&mut v);
        v
    });
    let err_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let limit = timeout();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => {
                if start.elapsed() > limit {
                    timed_out = true;
                    let _ = child.kill();
                    break child.wait().map_err(|e| e.to_string())?;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(format!("waiting for child: {e}")),
        }
    };
    let elapsed = start.elapsed();
    if let Some(t) = stdin_thread {
        let _ = t.join();
    }
    // A grandchild could keep the pipes open; the reader threads end when all
    // writers are gone, which for a killed interpreter is now.
    let stdout = String::from_utf8_lossy(&out_thread.join().unwrap()).into_owned();
    let stderr = String::from_utf8_lossy(&err_thread.join().unwrap()).into_owned();
    Ok(RunResult {
        stdout,
        stderr,
        code: status.code(),
        signal: exit_signal(&status),
        timed_out,
        elapsed,
    })
}

#[cfg(unix)]
fn exit_signal(status: &std::process::ExitStatus) -> Option<i32> {
    use std::os::unix::process::ExitStatusExt as _;
    status.signal()
}

#[cfg(not(unix))]
fn exit_signal(_status: &std::process::ExitStatus) -> Option<i32> {
    None
}

fn describe_status(r: &RunResult) -> String {
    match (r.code, r.signal) {
        (Some(c), _) => format!("exit status {c}"),
        (None, Some(sig)) => format!("killed by signal {sig} (a crash? 6 = abort, 11 = segfault)"),
        (None, None) => "killed by a signal".to_string(),
    }
}

fn trimmed_stderr(stderr: &str) -> String {
    const MAX_LINES: usize = 25;
    let lines: Vec<&str> = stderr.lines().collect();
    if lines.is_empty() {
        return "    (empty)\n".to_string();
    }
    let mut s = String::new();
    if lines.len() > MAX_LINES {
        let _ = writeln!(s, "    ... ({} earlier lines)", lines.len() - MAX_LINES);
    }
    for l in &lines[lines.len().saturating_sub(MAX_LINES)..] {
        let l: String = l.chars().take(300).collect();
        let _ = writeln!(s, "    {l}");
    }
    s
}

/// Compares stdout with the expected file; returns a description of the first
/// difference.
fn compare_stdout(expected: &str, got: &str, varies: bool) -> Result<(), String> {
    if !varies && expected == got {
        return Ok(());
    }
    let exp_lines: Vec<&str> = expected.split_inclusive('\n').collect();
    let got_lines: Vec<&str> = got.split_inclusive('\n').collect();
    for i in 0..exp_lines.len().max(got_lines.len()) {
        let e = exp_lines.get(i).copied();
        let g = got_lines.get(i).copied();
        let same = match (e, g) {
            (Some(e), Some(g)) if varies => {
                let pat = e.strip_suffix('\n').unwrap_or(e);
                let re = regex::Regex::new(&format!("^(?:{pat})$")).map_err(|err| {
                    format!(
                        "line {}: expected-file regex {pat:?} is invalid: {err}",
                        i + 1
                    )
                })?;
                let text = g.strip_suffix('\n').unwrap_or(g);
                re.is_match(text) && (g.ends_with('\n') == e.ends_with('\n'))
            }
            (Some(e), Some(g)) => e == g,
            _ => false,
        };
        if !same {
            let show = |x: Option<&str>| match x {
                Some(s) => format!("{s:?}"),
                None => "<end of output>".to_string(),
            };
            return Err(format!(
                "stdout differs at line {}{}:\n    expected: {}\n    got:      {}\n  ({} expected lines, {} lines printed)",
                i + 1,
                if varies { " (regex match)" } else { "" },
                show(e),
                show(g),
                exp_lines.len(),
                got_lines.len()
            ));
        }
    }
    Ok(())
}

/// Checks one run against the expectations; `who` names the interpreter.
fn check(who: &str, r: &RunResult, spec: &Spec, expected: &str) -> Result<(), String> {
    let mut problems = Vec::new();
    if r.timed_out {
        problems.push(format!(
            "{who} timed out after {:.1}s and was killed",
            r.elapsed.as_secs_f64()
        ));
    }
    if !r.timed_out && r.code != Some(spec.exit) {
        problems.push(format!(
            "{who}: expected exit status {}, got {}",
            spec.exit,
            describe_status(r)
        ));
    }
    if let Some(want) = &spec.stderr_last {
        let last = r
            .stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        if last.trim_end() != want {
            problems.push(format!(
                "{who}: last line of stderr differs:\n    expected: {want:?}\n    got:      {:?}",
                last.trim_end()
            ));
        }
    }
    if let Err(e) = compare_stdout(expected, &r.stdout, spec.output_varies) {
        problems.push(format!("{who}: {e}"));
    }
    if problems.is_empty() {
        return Ok(());
    }
    let mut msg = problems.join("\n");
    let _ = write!(
        msg,
        "\n  {who} stderr (trimmed):\n{}",
        trimmed_stderr(&r.stderr)
    );
    Err(msg)
}

fn python3_available() -> bool {
    static AVAIL: OnceLock<bool> = OnceLock::new();
    *AVAIL.get_or_init(|| {
        if std::env::var_os("GILVM_NO_PYTHON3").is_some_and(|v| v != "0" && !v.is_empty()) {
            return false;
        }
        Command::new("python3")
            .arg("-c")
            .arg("pass")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false)
    })
}

fn interpreter_prefix() -> Vec<String> {
    match std::env::var("GILVM_CMD") {
        Ok(s) if !s.trim().is_empty() => s.split_whitespace().map(String::from).collect(),
        _ => vec![env!("CARGO_BIN_EXE_gilvm").to_string(), "run".to_string()],
    }
}

fn is_python3_prefix(prefix: &[String]) -> bool {
    prefix.len() == 1 && prefix[0] == "python3"
}

fn bless_enabled() -> bool {
    std::env::var_os("GILVM_BLESS").is_some_and(|v| v != "0" && !v.is_empty())
}

fn run_test(script: &Path) -> Result<(), Failed> {
    let src = std::fs::read_to_string(script).map_err(|e| format!("reading script: {e}"))?;
    let spec = parse_spec(&src)?;
    let out_path = script.with_extension("out");
    let rel = script
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(script)
        .display()
        .to_string();
    let python3 = vec!["python3".to_string()];

    if bless_enabled() {
        if spec.output_varies || spec.python3_skip.is_some() {
            // Hand-written expectations: leave them alone, but still check.
        } else {
            if !python3_available() {
                return Err("GILVM_BLESS needs python3 on the PATH".into());
            }
            let r = run(&python3, script, &spec)?;
            // Refuse to bless output from a run that does not meet the declared
            // exit status / stderr: that means the header is wrong.
            check("python3", &r, &spec, &r.stdout).map_err(|e| {
                format!("{rel}: not blessed, python3 disagrees with the headers:\n{e}")
            })?;
            std::fs::write(&out_path, &r.stdout).map_err(|e| format!("writing .out: {e}"))?;
        }
    }

    let expected = match std::fs::read_to_string(&out_path) {
        Ok(s) => s,
        Err(_) => {
            return Err(format!(
                "{rel}: missing expected-output file {}\n  hint: create it from CPython with\n    GILVM_BLESS=1 cargo test --test programs -- {rel}\n  (and read it before committing)",
                out_path.display()
            )
            .into())
        }
    };

    let prefix = interpreter_prefix();
    let mut failures = Vec::new();
    let who = if prefix[0].ends_with("gilvm") {
        "gilvm".to_string()
    } else {
        prefix.join(" ")
    };
    match run(&prefix, script, &spec) {
        Ok(r) => {
            if let Err(e) = check(&who, &r, &spec, &expected) {
                failures.push(e);
            }
        }
        Err(e) => failures.push(format!("{who}: {e}")),
    }
    if spec.python3_skip.is_none() && !is_python3_prefix(&prefix) && python3_available() {
        match run(&python3, script, &spec) {
            Ok(r) => {
                if let Err(e) = check("python3 (cross-check)", &r, &spec, &expected) {
                    failures.push(e);
                }
            }
            Err(e) => failures.push(format!("python3 (cross-check): {e}")),
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("{rel}\n{}", failures.join("\n")).into())
    }
}

/// The same script under `gilvm run --gil off` (the free-threaded build), against
/// the same expectations: every program that does not depend on the GIL itself (or
/// on the cycle collector, which `--gil off` does not run) must behave the same,
/// and none may crash.
fn run_gil_off_test(script: &Path) -> Result<(), Failed> {
    let src = std::fs::read_to_string(script).map_err(|e| format!("reading script: {e}"))?;
    let spec = parse_spec(&src)?;
    let rel = script
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(script)
        .display()
        .to_string();
    let expected = std::fs::read_to_string(script.with_extension("out"))
        .map_err(|e| format!("{rel}: reading the expected output: {e}"))?;
    let prefix = [env!("CARGO_BIN_EXE_gilvm"), "run", "--gil", "off"].map(String::from);
    let r = run(&prefix, script, &spec).map_err(|e| format!("{rel}: gilvm --gil off: {e}"))?;
    check("gilvm --gil off", &r, &spec, &expected).map_err(|e| {
        format!("{rel}\n{e}\n  (a script that needs the GIL or the collector says so: `# gil-off: skip (reason)`)").into()
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "__pycache__") {
                continue;
            }
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "py")
            && !path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('_'))
        {
            out.push(path);
        }
    }
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut scripts = Vec::new();
    collect(&root.join("programs"), &mut scripts);
    collect(&root.join("tests").join("programs"), &mut scripts);
    scripts.sort();
    // Under GILVM_CMD the corpus checks another interpreter: no second run then.
    let gil_off = std::env::var("GILVM_CMD").map_or(true, |s| s.trim().is_empty());
    let mut trials = Vec::new();
    for path in scripts {
        let name = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        if gil_off {
            let skip = std::fs::read_to_string(&path)
                .ok()
                .and_then(|src| parse_spec(&src).ok())
                .is_some_and(|spec| spec.gil_off_skip.is_some());
            let p = path.clone();
            trials.push(
                Trial::test(format!("gil-off/{name}"), move || run_gil_off_test(&p))
                    .with_ignored_flag(skip),
            );
        }
        trials.push(Trial::test(name, move || run_test(&path)));
    }
    libtest_mimic::run(&args, trials).exit();
}
