//! The cycle collector seen from outside the process.
//!
//! Under threads: 16 threads at a 50 us switch interval make and drop cyclic
//! structures (programs/bench/gc/cycle_stress.py) and hand some of them to each
//! other through a queue, verifying every structure they touch, so an object freed
//! while still reachable shows as a wrong value, a crash or a panic. Bounded by
//! iterations, not time; the pass criteria are the program's exact output (its own
//! checks, every finalizer run once, garbage counted by the collector, a small heap
//! after a final `gc.collect()`) and its exit status.
//!
//! `gc.set_debug`'s printing flags: the lines on stderr, whose addresses and
//! timings a corpus .out file cannot hold.

mod common;

use common::{finish, spawn_piped, temp_program, GILVM};
use std::process::Command;
use std::time::Duration;

/// The workload scripts/cycle-stress runs for a time; here its bounded form (1000
/// rounds per thread), whose output is exact.
const STRESS: &str = include_str!("../programs/bench/gc/cycle_stress.py");
const STRESS_OUT: &str = include_str!("../programs/bench/gc/cycle_stress.out");

#[test]
fn sixteen_threads_make_and_share_cycles() {
    let path = temp_program("gc", "stress.py", STRESS);
    let mut c = Command::new(GILVM);
    c.arg("run").arg(&path).args(["--rounds", "1000"]);
    let r = finish(spawn_piped(c), Duration::from_secs(300), String::new());
    assert_eq!(
        r.code,
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    // Exact: every node's finalizer ran once with the node intact, the collector
    // counted garbage in gc.get_stats(), a final collect left the heap small.
    assert_eq!(r.stdout, STRESS_OUT, "stderr:\n{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

/// `gc.set_debug`'s printing flags, as CPython 3.11 prints them: the program checks
/// what it captured through a replaced `sys.stderr`; this checks the shapes of the
/// lines on the real stderr, with the addresses the program printed (`id()`).
const DEBUG: &str = r#"
import gc, io, sys

class A:
    pass

gc.collect()
gc.set_debug(gc.DEBUG_STATS | gc.DEBUG_COLLECTABLE | gc.DEBUG_UNCOLLECTABLE)
print(gc.get_debug())
a = A()
a.me = a
l = []
l.append(l)
print(hex(id(a)), hex(id(l)))
del a, l
gc.collect()
gc.set_debug(0)
print(gc.get_debug())

# The lines go to whatever sys.stderr is at the time.
buf = io.StringIO()
old, sys.stderr = sys.stderr, buf
gc.set_debug(gc.DEBUG_STATS)
gc.collect(1)
gc.set_debug(gc.DEBUG_LEAK)
print(gc.get_debug() == gc.DEBUG_LEAK, gc.get_debug())
x = []
x.append(x)
xid = hex(id(x))
del x
gc.collect()
gc.set_debug(0)
sys.stderr = old
lines = buf.getvalue().splitlines()
print(lines[0])
print(lines[1].startswith("gc: objects in each generation: "), len(lines[1].split()))
print(lines[2].startswith("gc: objects in permanent generation: "))
print(lines[3].startswith("gc: done, "), " unreachable, 0 uncollectable, " in lines[3], lines[3].endswith("s elapsed"))
print("gc: collectable <list %s>" % xid in lines[4:], len(lines) >= 5)
print(any(hex(id(g)) == xid for g in gc.garbage))
gc.garbage.clear()

# Flags are a C int, kept with their sign.
gc.set_debug(-1)
print(gc.get_debug())
gc.set_debug(0)
for v in (2**31, -2**31 - 1, 2**64):
    try:
        gc.set_debug(v)
    except OverflowError as e:
        print("OverflowError", e)
print("end")
"#;

/// `line` is `prefix`, then decimal digits (and the separators in `seps`), then `suffix`.
fn shaped(line: &str, prefix: &str, suffix: &str, seps: &str) -> bool {
    line.strip_prefix(prefix)
        .and_then(|r| r.strip_suffix(suffix))
        .is_some_and(|mid| {
            !mid.is_empty() && mid.chars().all(|c| c.is_ascii_digit() || seps.contains(c))
        })
}

#[test]
fn set_debug_prints_stats_and_collectable_objects_to_stderr() {
    let path = temp_program("gc", "debug.py", DEBUG);
    let mut c = Command::new(GILVM);
    c.arg("run").arg(&path);
    let r = finish(spawn_piped(c), Duration::from_secs(60), String::new());
    let ctx = format!("stdout:\n{}\nstderr:\n{}", r.stdout, r.stderr);
    assert_eq!(r.code, Some(0), "{ctx}");
    let out: Vec<&str> = r.stdout.lines().collect();
    let expected = [
        "7",
        "<addresses>",
        "0",
        "True 38",
        "gc: collecting generation 1...",
        "True 8",
        "True",
        "True True True",
        "True True",
        "True",
        "-1",
        "OverflowError Python int too large to convert to C int",
        "OverflowError Python int too large to convert to C int",
        "OverflowError Python int too large to convert to C int",
        "end",
    ];
    assert_eq!(out.len(), expected.len(), "{ctx}");
    for (i, (got, want)) in out.iter().zip(expected).enumerate() {
        if i != 1 {
            assert_eq!(*got, want, "stdout line {i}\n{ctx}");
        }
    }
    let ids: Vec<&str> = out[1].split(' ').collect();
    assert!(
        ids.len() == 2 && ids.iter().all(|a| a.starts_with("0x")),
        "{ctx}"
    );

    // One collection of generation 2 printed on the real stderr: the header, one
    // line per unreachable object, the summary; nothing after set_debug(0).
    let err: Vec<&str> = r.stderr.lines().collect();
    assert!(err.len() >= 6, "{ctx}");
    assert_eq!(err[0], "gc: collecting generation 2...", "{ctx}");
    assert!(
        shaped(err[1], "gc: objects in each generation: ", "", " ")
            && err[1].split(' ').count() == 8,
        "{ctx}"
    );
    assert!(
        shaped(err[2], "gc: objects in permanent generation: ", "", ""),
        "{ctx}"
    );
    let last = err[err.len() - 1];
    assert!(
        shaped(
            last,
            "gc: done, ",
            "s elapsed",
            " .,unreachableuncollectable"
        ),
        "{ctx}"
    );
    let found: usize = last["gc: done, ".len()..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("unreachable count");
    assert!(found >= 2, "{ctx}");
    assert!(last.contains(" unreachable, 0 uncollectable, "), "{ctx}");
    let secs = last.rsplit(' ').nth(1).expect("elapsed");
    assert!(
        secs.split_once('.')
            .is_some_and(|(_, f)| f.len() == 5 && f.ends_with('s')),
        "{ctx}"
    );
    let objs = &err[3..err.len() - 1];
    assert_eq!(objs.len(), found, "{ctx}");
    for l in objs {
        let inner = l
            .strip_prefix("gc: collectable <")
            .and_then(|r| r.strip_suffix('>'))
            .and_then(|r| r.split_once(" 0x"));
        assert!(
            inner.is_some_and(|(ty, hex)| !ty.is_empty()
                && !hex.is_empty()
                && hex
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())),
            "{l}\n{ctx}"
        );
    }
    for (ty, id) in [("A", ids[0]), ("list", ids[1])] {
        let want = format!("gc: collectable <{ty} {id}>");
        assert!(objs.contains(&want.as_str()), "{want}\n{ctx}");
    }
}
