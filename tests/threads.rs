//! Thread and GIL correctness checks that a corpus program cannot express:
//! whole stderr reports (deadlocks, exceptions in threads), `--gil-stats` figures,
//! wake-up latency under a CPU-bound thread, Ctrl-C, and command-line errors.
//!
//! Deterministic behaviour lives in `tests/programs/threads/*.py` (run by
//! `tests/programs.rs`, also under python3); some tests here re-run those files to
//! check what the corpus harness does not (the full stderr).
//!
//! Every run has a 60 s timeout. Bounds are deliberately loose: the machine is a
//! shared 2-core VM, so the tests assert counts and orderings, and use times only
//! with an order of magnitude of slack.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const GILVM: &str = env!("CARGO_BIN_EXE_gilvm");
const TIMEOUT: Duration = Duration::from_secs(60);

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/programs/threads")
        .join(name)
}

/// Writes `src` to a fresh file in a per-process temp dir.
fn temp_program(name: &str, src: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gilvm_threads_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, src).unwrap();
    path
}

fn spawn(flags: &[&str], path: &Path) -> Child {
    Command::new(GILVM)
        .arg("run")
        .args(flags)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn gilvm")
}

/// Waits for `child` (killing it after `TIMEOUT`), collecting both pipes.
fn finish(mut child: Child, stdout_prefix: String) -> Run {
    let out = child.stdout.take();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(mut out) = out {
            out.read_to_string(&mut s).ok();
        }
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
        if start.elapsed() > TIMEOUT {
            child.kill().ok();
            child.wait().ok();
            panic!("gilvm did not finish within {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run {
        code: status.code(),
        stdout: stdout_prefix + &t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

fn run(flags: &[&str], path: &Path) -> Run {
    finish(spawn(flags, path), String::new())
}

fn run_src(name: &str, flags: &[&str], src: &str) -> Run {
    run(flags, &temp_program(name, src))
}

fn last_line(s: &str) -> &str {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

/// One row of the `--gil-stats` table.
#[derive(Debug)]
struct StatRow {
    label: String,
    held_ms: f64,
    waiting_ms: f64,
    blocked_ms: f64,
    acquired: u64,
    forced: u64,
    drop_reqs: u64,
    voluntary: u64,
}

/// Parses the thread rows (label, 7 numbers, optional "(running)") and the total row.
fn gil_stats(stderr: &str) -> Vec<StatRow> {
    let mut rows = Vec::new();
    for line in stderr.lines() {
        if line.starts_with(' ') || !(line.contains(" #") || line.starts_with("total (")) {
            continue;
        }
        let mut toks: Vec<&str> = line.split_whitespace().collect();
        if toks.last() == Some(&"(running)") {
            toks.pop();
        }
        if toks.len() < 8 {
            continue;
        }
        let nums = toks.split_off(toks.len() - 7);
        let f = |i: usize| nums[i].parse::<f64>();
        let n = |i: usize| nums[i].parse::<u64>();
        if let (Ok(h), Ok(w), Ok(b), Ok(a), Ok(fs), Ok(d), Ok(v)) =
            (f(0), f(1), f(2), n(3), n(4), n(5), n(6))
        {
            rows.push(StatRow {
                label: toks.join(" "),
                held_ms: h,
                waiting_ms: w,
                blocked_ms: b,
                acquired: a,
                forced: fs,
                drop_reqs: d,
                voluntary: v,
            });
        }
    }
    assert!(
        !rows.is_empty(),
        "no --gil-stats table in stderr:\n{stderr}"
    );
    rows
}

fn row<'a>(rows: &'a [StatRow], label_prefix: &str) -> &'a StatRow {
    rows.iter()
        .find(|r| r.label.starts_with(label_prefix))
        .unwrap_or_else(|| panic!("no stats row starting with {label_prefix:?} in {rows:#?}"))
}

fn stdout_value(out: &str, key: &str) -> f64 {
    out.lines()
        .find_map(|l| {
            l.strip_prefix(key)
                .map(|v| v.trim().parse::<f64>().unwrap())
        })
        .unwrap_or_else(|| panic!("no {key:?} line in stdout:\n{out}"))
}

// ---------------------------------------------------------------------------
// Deadlock detection: every thread blocked for good -> report + exit 1.

const DEADLOCK_HEAD: &str =
    "gilvm: deadlock: every thread is blocked waiting for another, and none can proceed";

fn assert_deadlock(file: &str, waits: &[&str]) {
    let started = Instant::now();
    let r = run(&[], &corpus(file));
    assert_eq!(
        r.code,
        Some(1),
        "{file}: exit status; stderr:\n{}",
        r.stderr
    );
    let mut want = vec![DEADLOCK_HEAD.to_string()];
    want.extend(waits.iter().map(|w| format!("  {w}")));
    let got: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(got, want, "{file}: stderr");
    // Two 100 ms watchdog ticks without progress; allow a lot for a loaded machine.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{file}: deadlock took {:?} to report",
        started.elapsed()
    );
}

#[test]
fn deadlock_two_locks_in_opposite_order() {
    assert_deadlock(
        "deadlock_lock_order.py",
        &[
            "thread 'MainThread' waits in Thread.join",
            "thread 'Thread-1 (one)' waits in Lock.acquire",
            "thread 'Thread-2 (two)' waits in Lock.acquire",
        ],
    );
}

#[test]
fn deadlock_join_thread_waiting_on_unset_event() {
    assert_deadlock(
        "deadlock_event_join.py",
        &[
            "thread 'MainThread' waits in Thread.join",
            "thread 'waiter' waits in Condition.wait",
        ],
    );
}

#[test]
fn deadlock_lock_acquired_twice() {
    assert_deadlock(
        "deadlock_lock_twice.py",
        &["thread 'MainThread' waits in Lock.acquire"],
    );
}

#[test]
fn deadlock_queue_get_without_producer() {
    assert_deadlock(
        "deadlock_queue_get.py",
        &["thread 'MainThread' waits in Condition.wait"],
    );
}

/// A program blocked for good while other threads still sleep or compute is not
/// a deadlock: nothing is reported until those threads are gone.
#[test]
fn no_deadlock_while_another_thread_can_still_run() {
    let r = run_src(
        "not_deadlock.py",
        &[],
        "import threading, time\n\
         ev = threading.Event()\n\
         def later():\n    time.sleep(0.6)\n    ev.set()\n\
         def spin():\n    n = 0\n    while not ev.is_set():\n        n += 1\n\
         threading.Thread(target=later).start()\n\
         threading.Thread(target=spin).start()\n\
         ev.wait()\n\
         print('woken')\n",
    );
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert_eq!(r.stdout, "woken\n");
    assert_eq!(r.stderr, "");
}

/// stdout written before a deadlock should reach the terminal (print() is buffered
/// by gilvm; the watchdog exits the process).
#[test]
fn deadlock_report_keeps_earlier_stdout() {
    let r = run_src(
        "deadlock_stdout.py",
        &[],
        "import threading\nlock = threading.Lock()\nlock.acquire()\nprint('before')\nlock.acquire()\n",
    );
    assert_eq!(r.code, Some(1));
    assert_eq!(r.stdout, "before\n");
}

// ---------------------------------------------------------------------------
// Exceptions in threads.

#[test]
fn exception_in_thread_is_reported_and_others_go_on() {
    let r = run(&[], &corpus("thread_exception.py"));
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert_eq!(
        r.stdout,
        std::fs::read_to_string(corpus("thread_exception.out")).unwrap()
    );
    let lines: Vec<&str> = r.stderr.lines().collect();
    // CPython 3.11 prints the same first two lines and the same last two frames.
    assert_eq!(
        lines[0], "Exception in thread Thread-1 (bad):",
        "{}",
        r.stderr
    );
    assert_eq!(lines[1], "Traceback (most recent call last):");
    let n = lines.len();
    assert!(
        lines[n - 3].ends_with("thread_exception.py\", line 15, in bad"),
        "{}",
        r.stderr
    );
    assert_eq!(lines[n - 2].trim(), "raise ValueError(\"boom \" + str(n))");
    assert_eq!(lines[n - 1], "ValueError: boom 7");
    assert_eq!(
        r.stderr.matches("Exception in thread").count(),
        1,
        "one report only:\n{}",
        r.stderr
    );
}

// ---------------------------------------------------------------------------
// The GIL is never held by two threads: its own assertions would panic.

#[test]
fn switch_stress_at_50us_exits_cleanly() {
    let r = run(
        &["--switch-interval", "50us", "--gil-stats"],
        &corpus("switch_stress.py"),
    );
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert_eq!(
        r.stdout,
        std::fs::read_to_string(corpus("switch_stress.out")).unwrap()
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let rows = gil_stats(&r.stderr);
    let total = row(&rows, "total (");
    assert_eq!(rows.len(), 18, "main + 16 workers + total: {rows:#?}");
    assert!(total.forced > 0, "no forced switches at 50us: {rows:#?}");
    assert!(total.acquired > 16 * 2, "{rows:#?}");
}

/// Unguarded read-modify-write from many threads at a tiny interval: updates may
/// be lost, but the interpreter must not crash and every thread must finish.
#[test]
fn many_threads_tiny_interval_unguarded_counter() {
    let r = run_src(
        "tiny_interval.py",
        &["--switch-interval", "50us", "--gil-stats"],
        "import threading\n\
         counter = 0\n\
         done = []\n\
         def work():\n    global counter\n    for i in range(20000):\n        counter += 1\n    done.append(1)\n\
         ts = [threading.Thread(target=work) for i in range(32)]\n\
         for t in ts:\n    t.start()\n\
         for t in ts:\n    t.join()\n\
         print('finished', len(done))\n\
         print('counter at most', counter <= 32 * 20000)\n",
    );
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert_eq!(r.stdout, "finished 32\ncounter at most True\n");
    let rows = gil_stats(&r.stderr);
    assert!(row(&rows, "total (").forced > 0, "{rows:#?}");
}

// ---------------------------------------------------------------------------
// Sleeping and blocking threads do not hold the GIL; CPU-bound ones give it up.

#[test]
fn sleeping_thread_does_not_hold_the_gil() {
    let r = run_src(
        "sleeper.py",
        &["--gil-stats"],
        "import threading, time\n\
         def sleeper():\n    time.sleep(1.0)\n\
         t = threading.Thread(target=sleeper, name='sleeper')\n\
         t.start()\n\
         n = 0\n\
         while t.is_alive():\n    n += 1\n\
         print('iterations', n)\n",
    );
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    // The main thread kept counting while the other thread slept.
    assert!(
        stdout_value(&r.stdout, "iterations") > 1000.0,
        "{}",
        r.stdout
    );
    let rows = gil_stats(&r.stderr);
    let sleeper = row(&rows, "sleeper #");
    let main = row(&rows, "MainThread #");
    assert!(sleeper.blocked_ms >= 950.0, "{rows:#?}");
    assert!(sleeper.blocked_ms < 10_000.0, "{rows:#?}");
    assert!(sleeper.held_ms < 200.0, "sleeper held the GIL: {rows:#?}");
    assert!(main.held_ms > 500.0, "{rows:#?}");
    assert!(
        r.stderr.contains("  blocked in time.sleep: "),
        "{}",
        r.stderr
    );
}

#[test]
fn cpu_bound_thread_lets_a_sleeper_wake_up() {
    let r = run_src(
        "latency.py",
        &["--switch-interval", "5ms", "--gil-stats"],
        "import threading, time\n\
         N = 100\n\
         worst = [0.0]\n\
         woke = [0]\n\
         done = [False]\n\
         def sleeper():\n    for i in range(N):\n        t0 = time.perf_counter()\n        time.sleep(0.001)\n        late = time.perf_counter() - t0 - 0.001\n        if late > worst[0]:\n            worst[0] = late\n        woke[0] += 1\n    done[0] = True\n\
         t = threading.Thread(target=sleeper, name='sleeper')\n\
         t.start()\n\
         spins = 0\n\
         while not done[0]:\n    spins += 1\n\
         t.join()\n\
         print('woke', woke[0])\n\
         print('worst_ms', worst[0] * 1000)\n\
         print('spins', spins)\n",
    );
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert_eq!(stdout_value(&r.stdout, "woke"), 100.0);
    assert!(stdout_value(&r.stdout, "spins") > 0.0);
    let worst = stdout_value(&r.stdout, "worst_ms");
    assert!(
        worst < 500.0,
        "worst wake-up latency {worst} ms (interval 5 ms)"
    );
    // The spinning main thread was asked to drop the GIL and did.
    let rows = gil_stats(&r.stderr);
    assert!(row(&rows, "MainThread #").forced > 0, "{rows:#?}");
    assert!(row(&rows, "sleeper #").drop_reqs > 0, "{rows:#?}");
}

#[test]
fn two_cpu_threads_are_switched_by_force() {
    let r = run_src(
        "two_cpu.py",
        &["--gil-stats"],
        "import threading, time\n\
         counts = {}\n\
         def spin(name):\n    end = time.perf_counter() + 0.3\n    n = 0\n    while time.perf_counter() < end:\n        n += 1\n    counts[name] = n\n\
         ts = [threading.Thread(target=spin, args=(x,), name=x) for x in ['A', 'B']]\n\
         for t in ts:\n    t.start()\n\
         for t in ts:\n    t.join()\n\
         print(sorted(counts))\n",
    );
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert_eq!(r.stdout, "['A', 'B']\n");
    let rows = gil_stats(&r.stderr);
    let (a, b) = (row(&rows, "A #"), row(&rows, "B #"));
    assert!(a.forced + b.forced > 0, "{rows:#?}");
    assert!(a.drop_reqs + b.drop_reqs > 0, "{rows:#?}");
    // Both ran while the other was alive: each was acquired more than once.
    assert!(a.acquired > 1 && b.acquired > 1, "{rows:#?}");
    assert!(a.waiting_ms > 0.0 && b.waiting_ms > 0.0, "{rows:#?}");
    let _ = (a.voluntary, b.blocked_ms);
}

// ---------------------------------------------------------------------------
// Ctrl-C: KeyboardInterrupt in the main thread, exit status 130.

fn interrupt(name: &str, src: &str) {
    let path = temp_program(name, src);
    let mut child = spawn(&[], &path);
    // Wait until the program says it is ready (its Ctrl-C handler is installed).
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    reader.read_line(&mut first).unwrap();
    assert_eq!(first, "ready\n", "{name}: program did not start");
    std::thread::sleep(Duration::from_millis(300));
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    // Give the pipe back to `finish` by draining it in a thread.
    let rest = std::thread::spawn(move || {
        let mut s = String::new();
        reader.read_to_string(&mut s).ok();
        s
    });
    let r = finish(child, first);
    let out = r.stdout + &rest.join().unwrap();
    assert_eq!(r.code, Some(130), "{name}: stderr:\n{}", r.stderr);
    assert_eq!(
        last_line(&r.stderr),
        "KeyboardInterrupt",
        "{name}: {}",
        r.stderr
    );
    assert!(
        r.stderr.starts_with("Traceback (most recent call last):"),
        "{name}: {}",
        r.stderr
    );
    assert_eq!(out, "ready\n", "{name}");
}

#[test]
fn ctrl_c_interrupts_a_busy_loop() {
    interrupt(
        "busy.py",
        "print('ready', flush=True)\nwhile True:\n    pass\n",
    );
}

#[test]
fn ctrl_c_interrupts_sleep() {
    interrupt(
        "sleep.py",
        "import time\nprint('ready', flush=True)\ntime.sleep(30)\n",
    );
}

#[test]
fn ctrl_c_interrupts_event_wait_with_another_thread_sleeping() {
    interrupt(
        "event_wait.py",
        "import threading, time\n\
         t = threading.Thread(target=time.sleep, args=(30,), daemon=True)\n\
         t.start()\n\
         print('ready', flush=True)\n\
         threading.Event().wait()\n",
    );
}

#[test]
fn ctrl_c_reaches_main_thread_while_another_thread_spins() {
    interrupt(
        "spin_other.py",
        "import threading\n\
         def spin():\n    while True:\n        pass\n\
         threading.Thread(target=spin, daemon=True).start()\n\
         print('ready', flush=True)\n\
         while True:\n    pass\n",
    );
}

// ---------------------------------------------------------------------------
// Command line.

#[test]
fn bad_switch_interval_is_a_usage_error() {
    let path = temp_program("noop.py", "print('ran')\n");
    for bad in ["0", "abc", "-5ms", "0us"] {
        let out = Command::new(GILVM)
            .arg("run")
            .arg(format!("--switch-interval={bad}"))
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{bad}: {stderr}");
        assert!(out.stdout.is_empty(), "{bad}: the program ran");
        assert!(
            stderr.starts_with("error: ") && stderr.contains("--switch-interval"),
            "{bad}: {stderr}"
        );
    }
    let r = run(&["--switch-interval", "0.5ms"], &path);
    assert_eq!((r.code, r.stdout.as_str()), (Some(0), "ran\n"));
}

// ---------------------------------------------------------------------------
// time.sleep(0) hands the GIL to a waiting thread (docs/gil.md; CPython does too).

#[test]
fn sleep_zero_hands_over_to_a_waiting_thread() {
    // Before each sleep(0) the main thread computes for ~2 ms, well inside the
    // 10 ms switch interval, so the spinner has time to get back into the GIL's
    // waiting loop (a thread that is not yet waiting there is not handed the GIL).
    let r = run_src(
        "sleep_zero.py",
        &["--switch-interval", "10ms"],
        "import threading, time\n\
         stop = [False]\n\
         n = [0]\n\
         def spin():\n    while not stop[0]:\n        n[0] += 1\n\
         t = threading.Thread(target=spin)\n\
         t.start()\n\
         time.sleep(0.05)\n\
         moved = 0\n\
         for i in range(30):\n    end = time.perf_counter() + 0.002\n    while time.perf_counter() < end:\n        pass\n    before = n[0]\n    time.sleep(0)\n    if n[0] != before:\n        moved += 1\n\
         stop[0] = True\n\
         t.join()\n\
         print('moved', moved)\n",
    );
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    let moved = stdout_value(&r.stdout, "moved");
    assert!(
        moved >= 15.0,
        "the other thread ran after only {moved} of 30 sleep(0) calls"
    );
}

#[test]
fn barrier_attributes() {
    let r = run_src(
        "barrier_attrs.py",
        &[],
        "import threading\nb = threading.Barrier(2)\nprint(b.parties, b.n_waiting, b.broken)\n",
    );
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert_eq!(r.stdout, "2 0 False\n");
}
