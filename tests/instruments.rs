//! End-to-end checks of the GIL instruments through the `gilvm` binary: `run --trace`
//! JSON, `run --timeline` SVG, `gilvm bench` on a tiny grid, and bad input handling.
//! No timing assertions: only structure and invariants that hold on any machine.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PROGRAM: &str = r#"
import threading, time

def cpu():
    x = 0
    for i in range(60000):
        x += i

def sleeper():
    for _ in range(3):
        time.sleep(0.004)

ts = [threading.Thread(target=cpu, name="cpu-a"),
      threading.Thread(target=cpu, name="cpu-b"),
      threading.Thread(target=sleeper, name="sleeper")]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("done")
"#;

/// A fresh directory per test, so tests can run in parallel.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gilvm-instr-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gilvm(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gilvm"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run gilvm")
}

fn traced_run(name: &str) -> (PathBuf, Value) {
    let dir = scratch(name);
    std::fs::write(dir.join("prog.py"), PROGRAM).unwrap();
    let out = gilvm(
        &dir,
        &[
            "run",
            "--switch-interval",
            "1ms",
            "--trace",
            "t.json",
            "--timeline",
            "t.svg",
            "prog.py",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "done\n");
    let text = std::fs::read_to_string(dir.join("t.json")).unwrap();
    let v: Value = serde_json::from_str(&text).expect("trace is valid JSON");
    (dir, v)
}

fn events(v: &Value) -> &Vec<Value> {
    v["traceEvents"].as_array().expect("traceEvents array")
}

#[test]
fn trace_has_tracks_disjoint_running_spans_and_blocked_sleeps() {
    let (dir, v) = traced_run("trace");
    assert_eq!(v["otherData"]["switch_interval_ns"], 1_000_000);
    assert_eq!(v["otherData"]["switch_interval"], "1ms");

    // Every thread that did anything has a named track.
    let evs = events(&v);
    let named: Vec<(u64, String)> = evs
        .iter()
        .filter(|e| e["ph"] == "M" && e["name"] == "thread_name")
        .map(|e| {
            (
                e["tid"].as_u64().unwrap(),
                e["args"]["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for want in ["MainThread", "cpu-a", "cpu-b", "sleeper"] {
        assert!(
            named.iter().any(|(_, n)| n.starts_with(want)),
            "no track for {want}: {named:?}"
        );
    }
    for e in evs.iter().filter(|e| e["ph"] == "X" || e["ph"] == "i") {
        let tid = e["tid"].as_u64().unwrap();
        assert!(
            named.iter().any(|(t, _)| *t == tid),
            "event on unnamed track {tid}"
        );
    }

    // The GIL admits one holder: running spans never overlap (touching is fine).
    let mut running: Vec<(u64, u64, u64)> = evs
        .iter()
        .filter(|e| e["ph"] == "X" && e["cat"] == "running")
        .map(|e| {
            (
                e["args"]["start_ns"].as_u64().unwrap(),
                e["args"]["end_ns"].as_u64().unwrap(),
                e["tid"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        running.len() >= 4,
        "too few running spans: {}",
        running.len()
    );
    running.sort_unstable();
    for w in running.windows(2) {
        assert!(
            w[1].0 >= w[0].1,
            "thread {} runs from {} ns while thread {} runs until {} ns",
            w[1].2,
            w[1].0,
            w[0].2,
            w[0].1
        );
    }

    // The sleeper's sleeps are blocked spans (GIL released) named by the call.
    let sleeper = named
        .iter()
        .find(|(_, n)| n.starts_with("sleeper"))
        .unwrap()
        .0;
    let sleeps: Vec<&Value> = evs
        .iter()
        .filter(|e| e["tid"] == sleeper && e["cat"] == "blocked" && e["name"] == "time.sleep")
        .collect();
    assert_eq!(sleeps.len(), 3, "sleeps shown as blocked: {sleeps:?}");
    for s in sleeps {
        // Slept 4 ms: the span can only be longer (timer slack), never shorter.
        assert!(s["dur"].as_f64().unwrap() >= 3_900.0, "{s}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn timeline_svg_has_a_lane_per_thread() {
    let (dir, _) = traced_run("timeline");
    let svg = std::fs::read_to_string(dir.join("t.svg")).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(svg.matches("<svg").count(), 1);
    for lane in ["MainThread #1", "cpu-a #", "cpu-b #", "sleeper #"] {
        assert!(svg.contains(lane), "no lane for {lane}");
    }
    assert!(svg.contains("switch interval 1ms"));
    // Named in the sleeper lane's summary whatever the pixels show (on a loaded
    // machine its waits for the GIL may cover more of each column than its sleeps).
    assert!(
        svg.contains("blocked in time.sleep: 3 call(s)"),
        "no sleeps in the SVG"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bench_runs_a_tiny_grid_on_a_user_file() {
    let dir = scratch("bench");
    std::fs::write(
        dir.join("w.py"),
        "import sys, threading\n\
         n = int(sys.argv[1])\n\
         out = [0] * n\n\
         def work(k):\n    out[k] = sum(range(2000))\n\
         ts = [threading.Thread(target=work, args=(k,)) for k in range(n)]\n\
         for t in ts: t.start()\n\
         for t in ts: t.join()\n\
         print(f'work={n}')\n\
         assert out == [sum(range(2000))] * n\n",
    )
    .unwrap();
    let out = gilvm(
        &dir,
        &[
            "bench",
            "w.py",
            "--threads",
            "1,2",
            "--switch-interval",
            "1ms",
            "--repeat",
            "1",
            "--seed",
            "1",
            "--json",
            "b.json",
            "--csv",
            "b.csv",
            "--svg",
            "b.svg",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("speedup"), "{stdout}");
    assert_eq!(stdout.lines().filter(|l| l.starts_with("w.py")).count(), 2);
    assert!(String::from_utf8_lossy(&out.stderr).contains("seed 1"));

    let v: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("b.json")).unwrap())
        .expect("bench JSON parses");
    let cells = v["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 2);
    assert!(cells
        .iter()
        .all(|c| c["runs"].as_array().unwrap().len() == 1));
    assert_eq!(cells[0]["speedup"].as_f64(), Some(1.0));
    let csv = std::fs::read_to_string(dir.join("b.csv")).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(std::fs::read_to_string(dir.join("b.svg"))
        .unwrap()
        .starts_with("<svg"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn failing_workload_fails_the_bench() {
    let dir = scratch("benchfail");
    std::fs::write(
        dir.join("bad.py"),
        "import sys\nprint('error=nothing computed')\nsys.exit(1)\n",
    )
    .unwrap();
    let out = gilvm(
        &dir,
        &[
            "bench",
            "bad.py",
            "--threads",
            "1",
            "--repeat",
            "1",
            "--switch-interval",
            "1ms",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing computed"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn bad_flags_and_unwritable_outputs_are_clean_errors() {
    let dir = scratch("bad");
    std::fs::write(dir.join("p.py"), "print(1)\n").unwrap();
    for args in [
        &["bench", "--threads", "0"][..],
        &["bench", "--threads", "two"],
        &["bench", "--switch-interval", "1ms,fast"],
        &["bench", "--repeat", "0"],
        &["bench", "no-such-workload"],
    ] {
        let out = gilvm(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    let out = gilvm(&dir, &["run", "--trace", "/nonexistent/dir/t.json", "p.py"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("/nonexistent/dir/t.json"));
    // Fails before running the program, not after.
    assert!(out.stdout.is_empty());
    let out = gilvm(&dir, &["bench", "--json", "/nonexistent/dir/b.json"]);
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(dir);
}
