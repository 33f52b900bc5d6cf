//! Thread and GIL correctness checks that a corpus program cannot express:
//! whole stderr reports (deadlocks, exceptions in threads), `--gil-stats` figures,
//! wake-up latency under a CPU-bound thread, Ctrl-C, and command-line errors.
//!
//! Deterministic behaviour lives in `tests/programs/threads/*.py` (run by
//! `tests/programs.rs`, also under python3); some tests here re-run those files to
//! check what the corpus harness does not (the full stderr).
//!
//! No test here passes or fails with the scheduler's timing. Where a test checks a
//! timing behaviour (forced switches happen, a sleeper lets others run) the program
//! runs until the event has happened, proved by what the threads saw rather than by
//! how long anything took, with a generous deadline that the failure names. Every
//! run also has a 60 s timeout.

mod common;

use common::{last_line, Run, GILVM};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/programs/threads")
        .join(name)
}

/// Writes `src` to a fresh file in a per-process temp dir.
fn temp_program(name: &str, src: &str) -> PathBuf {
    common::temp_program("threads", name, src)
}

fn spawn(flags: &[&str], path: &Path) -> Child {
    let mut c = Command::new(GILVM);
    c.arg("run").args(flags).arg(path);
    common::spawn_piped(c)
}

/// Waits for `child` (killing it after `TIMEOUT`), collecting both pipes.
fn finish(child: Child, stdout_prefix: String) -> Run {
    common::finish(child, TIMEOUT, stdout_prefix)
}

fn run(flags: &[&str], path: &Path) -> Run {
    finish(spawn(flags, path), String::new())
}

fn run_src(name: &str, flags: &[&str], src: &str) -> Run {
    run(flags, &temp_program(name, src))
}

/// `src` with [`FORCED_PAIR`]'s `forced_pair()` defined first.
fn with_forced_pair(src: &str) -> String {
    format!("{FORCED_PAIR}\n{src}")
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

/// Python for a pair of threads that prove a forced switch: both spin, never
/// blocking or yielding, until each has seen the other make progress. A thread that
/// never gives the GIL up can only see the other run if the GIL was taken from it,
/// so when `forced_pair` returns True each of the two was switched out by force at
/// least once, however the OS scheduled them. False means the deadline passed first.
const FORCED_PAIR: &str = r#"
import threading as _threading, time as _time

def _spin(me, progress, saw, deadline):
    other = 1 - me
    seen = progress[other]
    n = 0
    # Both keep spinning until both have seen the other move: one that stopped at
    # once could leave the other waiting for progress that never comes.
    while not (saw[0] and saw[1]):
        progress[me] += 1
        if progress[other] != seen:
            saw[me] = True
        n += 1
        if n % 4096 == 0 and _time.perf_counter() > deadline:
            return

def forced_pair(names=("spin-a", "spin-b"), seconds=30.0):
    progress = [0, 0]
    saw = [False, False]
    deadline = _time.perf_counter() + seconds
    ts = [_threading.Thread(target=_spin, args=(k, progress, saw, deadline), name=names[k])
          for k in (0, 1)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return saw == [True, True]
"#;

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
    // Two 100 ms watchdog ticks without progress; the deadline allows for a loaded machine.
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{file}: the deadlock was reported after {:?}, past the 30 s deadline",
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
    assert_eq!(
        rows.len(),
        20,
        "main + 16 workers + 2 spinners + total: {rows:#?}"
    );
    // The program's two spinners each saw the other run (its stdout says so), which
    // takes a forced switch of each: the table must have counted them.
    for spinner in ["spin-a #", "spin-b #"] {
        let s = row(&rows, spinner);
        assert!(s.forced >= 1 && s.acquired >= 2, "{spinner}: {rows:#?}");
    }
    assert!(total.forced >= 2 && total.drop_reqs >= 1, "{rows:#?}");
    assert!(total.acquired > 16 * 2, "{rows:#?}");
}

/// Unguarded read-modify-write from many threads at a tiny interval: updates may
/// be lost, but the interpreter must not crash and every thread must finish.
#[test]
fn many_threads_tiny_interval_unguarded_counter() {
    let r = run_src(
        "tiny_interval.py",
        &["--switch-interval", "50us", "--gil-stats"],
        &with_forced_pair(
            "import threading\n\
         counter = 0\n\
         done = []\n\
         def work():\n    global counter\n    for i in range(20000):\n        counter += 1\n    done.append(1)\n\
         ts = [threading.Thread(target=work) for i in range(32)]\n\
         for t in ts:\n    t.start()\n\
         for t in ts:\n    t.join()\n\
         print('finished', len(done))\n\
         print('counter at most', counter <= 32 * 20000)\n\
         print('forced switches seen', forced_pair())\n",
        ),
    );
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert_eq!(
        r.stdout,
        "finished 32\ncounter at most True\nforced switches seen True\n"
    );
    let rows = gil_stats(&r.stderr);
    assert!(row(&rows, "total (").forced >= 2, "{rows:#?}");
}

// ---------------------------------------------------------------------------
// Sleeping and blocking threads do not hold the GIL; CPU-bound ones give it up.

/// While one thread sleeps, the GIL is free: the main thread's counter moves during
/// the sleep. Proved by what the sleeper sees (the counter cannot move while it holds
/// the GIL), not by timings; the sleeper tries short sleeps until it has seen it.
#[test]
fn sleeping_thread_does_not_hold_the_gil() {
    let r = run_src(
        "sleeper.py",
        &["--gil-stats"],
        "import threading, time\n\
         n = [0]\n\
         sleeps = [0]\n\
         seen = [False]\n\
         def sleeper():\n    deadline = time.perf_counter() + 30\n    while not seen[0] and time.perf_counter() < deadline:\n        before = n[0]\n        time.sleep(0.05)\n        sleeps[0] += 1\n        seen[0] = n[0] != before\n\
         t = threading.Thread(target=sleeper, name='sleeper')\n\
         t.start()\n\
         while t.is_alive():\n    n[0] += 1\n\
         print('main ran while the sleeper slept', seen[0])\n\
         print('sleeps', sleeps[0])\n",
    );
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("main ran while the sleeper slept True\n"),
        "the main thread never ran during a sleep within the 30 s deadline:\n{}",
        r.stdout
    );
    let sleeps = stdout_value(&r.stdout, "sleeps");
    let rows = gil_stats(&r.stderr);
    let sleeper = row(&rows, "sleeper #");
    let main = row(&rows, "MainThread #");
    // Each sleep is a blocked span of at least its 50 ms (sleep never returns early).
    assert!(sleeper.blocked_ms >= 49.0 * sleeps, "{rows:#?}");
    assert!(sleeper.voluntary as f64 >= sleeps, "{rows:#?}");
    assert!(main.held_ms > 0.0 && main.acquired >= 1, "{rows:#?}");
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
    // The program finishing at all shows the mechanism: the main thread spins until
    // the sleeper is done and never releases the GIL by itself, so every wake-up had
    // to take the GIL from it by a drop request. The latency bound is only a deadline
    // (2000x the interval) for a wake-up that was never served promptly.
    let worst = stdout_value(&r.stdout, "worst_ms");
    assert!(
        worst < 10_000.0,
        "a wake-up took {worst} ms with a 5 ms interval: past the 10 s deadline"
    );
    // The spinning main thread was asked to drop the GIL and did.
    let rows = gil_stats(&r.stderr);
    assert!(row(&rows, "MainThread #").forced > 0, "{rows:#?}");
    assert!(row(&rows, "sleeper #").drop_reqs > 0, "{rows:#?}");
}

/// Two CPU-bound threads at the default interval: each is switched out by force.
/// `forced_pair` returns only once each spinner has seen the other run, which the
/// GIL allows only by taking it from a spinner that never gives it up.
#[test]
fn two_cpu_threads_are_switched_by_force() {
    let r = run_src(
        "two_cpu.py",
        &["--gil-stats"],
        &with_forced_pair("print('each saw the other run', forced_pair(('A', 'B')))\n"),
    );
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert_eq!(
        r.stdout, "each saw the other run True\n",
        "False: a spinner did not see the other run within the 30 s deadline"
    );
    let rows = gil_stats(&r.stderr);
    let (a, b) = (row(&rows, "A #"), row(&rows, "B #"));
    assert!(a.forced >= 1 && b.forced >= 1, "{rows:#?}");
    assert!(row(&rows, "total (").drop_reqs >= 2, "{rows:#?}");
    // Each was switched out and came back: acquired twice at least, and waited
    // (at least while the other ran its turn).
    assert!(a.acquired >= 2 && b.acquired >= 2, "{rows:#?}");
    assert!(a.waiting_ms > 0.0 && b.waiting_ms > 0.0, "{rows:#?}");
    let _ = (a.held_ms, b.blocked_ms, a.voluntary);
}

// ---------------------------------------------------------------------------
// Ctrl-C: KeyboardInterrupt in the main thread; as CPython (3.8+), the process then
// ends by SIGINT itself, so the shell sees "killed by SIGINT" (status 130 in sh).

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
    assert_eq!(
        (r.code, r.signal),
        (None, Some(2)),
        "{name}: not ended by SIGINT; stderr:\n{}",
        r.stderr
    );
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
// time.sleep(0) releases the GIL to a waiting thread (docs/gil.md; CPython does too).
// That the waiter gets it before the yielder goes on is checked, driven, in
// src/gil/tests.rs (`yield_hands_over_to_a_waiting_thread`).

#[test]
fn sleep_zero_lets_a_waiting_thread_run() {
    // An interval of 1000 s: no drop request can move the GIL during the test, so
    // each thread runs only when the other calls time.sleep(0). The main thread
    // counts its sleep(0) calls after which the other thread had moved on.
    let r = run_src(
        "sleep_zero.py",
        &[],
        "import sys, threading, time\n\
         sys.setswitchinterval(1000)\n\
         stop = [False]\n\
         n = [0]\n\
         def spin():\n    while not stop[0]:\n        n[0] += 1\n        time.sleep(0)\n\
         t = threading.Thread(target=spin)\n\
         t.start()\n\
         moved = 0\n\
         deadline = time.perf_counter() + 30\n\
         while moved < 20 and time.perf_counter() < deadline:\n    before = n[0]\n    time.sleep(0)\n    if n[0] != before:\n        moved += 1\n\
         stop[0] = True\n\
         t.join()\n\
         print('moved', moved)\n",
    );
    assert_eq!(r.code, Some(0), "stderr:\n{}", r.stderr);
    assert_eq!(
        r.stdout, "moved 20\n",
        "fewer than 20 sleep(0) calls let the other thread run within the 30 s deadline"
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
