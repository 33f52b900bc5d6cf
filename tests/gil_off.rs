//! `gilvm run --gil off`: the free-threaded build behind the one binary. The corpus
//! runs every program under it too (tests/programs.rs, `gil-off/...`); these check
//! what only this mode has: how a program asks, the options it refuses, and what the
//! instruments say. None depends on timing: a deadline only bounds a hang.

mod common;

use common::{finish, spawn_piped, temp_program, GILVM};
use std::process::Command;
use std::time::Duration;

const DEADLINE: Duration = Duration::from_secs(120);

fn gilvm(args: &[&str]) -> common::Run {
    let mut cmd = Command::new(GILVM);
    cmd.args(args);
    finish(spawn_piped(cmd), DEADLINE, String::new())
}

#[test]
fn a_program_can_ask_whether_the_gil_is_on() {
    let p = temp_program(
        "gil_off",
        "ask.py",
        "import sys\nprint(sys._is_gil_enabled())\n",
    );
    let p = p.to_str().unwrap();
    let on = gilvm(&["run", p]);
    assert_eq!(
        (on.code, on.stdout.as_str()),
        (Some(0), "True\n"),
        "{}",
        on.stderr
    );
    let off = gilvm(&["run", "--gil", "off", p]);
    assert_eq!(
        (off.code, off.stdout.as_str()),
        (Some(0), "False\n"),
        "{}",
        off.stderr
    );
    let explicit = gilvm(&["run", "--gil", "on", p]);
    assert_eq!(explicit.stdout, "True\n");
}

#[test]
fn options_that_steer_a_gil_are_refused_without_one() {
    let p = temp_program("gil_off", "noop.py", "print('ran')\n");
    let p = p.to_str().unwrap();
    for (opt, value) in [
        ("--schedule", "rr:1"),
        ("--gil-policy", "fifo"),
        ("--switch-interval", "1ms"),
        ("--switch-points", "cpython"),
    ] {
        let r = gilvm(&["run", "--gil", "off", opt, value, p]);
        assert_eq!(r.code, Some(2), "{opt}: {}", r.stderr);
        assert_eq!(r.stdout, "", "{opt} ran the program");
        assert!(
            r.stderr.contains(&format!("{opt} needs the GIL")),
            "{opt}: {}",
            r.stderr
        );
    }
    let bad = gilvm(&["run", "--gil", "maybe", p]);
    assert_eq!(bad.code, Some(2));
    assert!(
        bad.stderr
            .contains("unknown GIL mode 'maybe' (one of: on, off)"),
        "{}",
        bad.stderr
    );
}

/// Eight threads append to one list and bump one global with no Python lock:
/// whatever the interleaving, the list keeps every item (appends are atomic), only
/// the `counter += 1` updates may be lost, and `--gil-stats` and `--timeline` report
/// every thread.
#[test]
fn threads_share_containers_and_the_stats_still_add_up() {
    let src = "import threading\n\
               items = []\n\
               counter = 0\n\
               def work(k):\n\
               \x20   global counter\n\
               \x20   for i in range(20000):\n\
               \x20       items.append(i)\n\
               \x20       counter += 1\n\
               ts = [threading.Thread(target=work, args=(k,)) for k in range(8)]\n\
               for t in ts: t.start()\n\
               for t in ts: t.join()\n\
               assert len(items) == 160000, len(items)\n\
               assert sorted(items) == sorted(list(range(20000)) * 8)\n\
               assert 0 < counter <= 160000\n\
               print('ok')\n";
    let p = temp_program("gil_off", "share.py", src);
    let svg = p.with_extension("svg");
    let r = gilvm(&[
        "run",
        "--gil",
        "off",
        "--gil-stats",
        "--timeline",
        svg.to_str().unwrap(),
        p.to_str().unwrap(),
    ]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (Some(0), "ok\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.matches("Thread-").count() >= 8,
        "a row per thread: {}",
        r.stderr
    );
    assert!(r.stderr.contains("total (9 threads)"), "{}", r.stderr);
    let drawn = std::fs::read_to_string(&svg).unwrap();
    assert!(drawn.contains("no GIL (--gil off)"), "timeline header");
}
