//! End-to-end checks of the GIL instruments through the `gilvm` binary: `run --trace`
//! JSON (also merged, and with switch-interval changes), `run --timeline` SVG,
//! `gilvm bench` on a tiny grid, and bad input handling. No timing assertions: only
//! structure and invariants that hold on any machine.

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
            "--trace-merge",
            "0",
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

fn run_ok(dir: &Path, args: &[&str]) -> String {
    let out = gilvm(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json_file(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).expect("valid JSON")
}

/// A run whose spans are short however the machine is loaded: two threads hand the
/// GIL back and forth with time.sleep(0), 2000 times each, never blocking.
const YIELDERS: &str = r#"
import threading, time

def yielder():
    for _ in range(2000):
        time.sleep(0)

ts = [threading.Thread(target=yielder, name=f"y{k}") for k in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("done")
"#;

/// Running time and span count per thread, from a trace (merged windows included).
fn running_per_thread(v: &Value) -> std::collections::BTreeMap<u64, (u64, u64)> {
    let mut per = std::collections::BTreeMap::new();
    for e in events(v).iter().filter(|e| e["ph"] == "X") {
        let tid = e["tid"].as_u64().unwrap();
        let slot: &mut (u64, u64) = per.entry(tid).or_default();
        if e["cat"] == "running" {
            slot.0 +=
                e["args"]["end_ns"].as_u64().unwrap() - e["args"]["start_ns"].as_u64().unwrap();
            slot.1 += 1;
        } else if e["cat"] == "merged" {
            slot.0 += e["args"]["running_ns"].as_u64().unwrap();
            slot.1 += e["args"]["running_spans"].as_u64().unwrap();
        }
    }
    per
}

#[test]
fn merged_trace_keeps_the_books_and_says_what_it_merged() {
    let dir = scratch("merge");
    std::fs::write(dir.join("y.py"), YIELDERS).unwrap();
    // A threshold longer than any span on any machine: the yield loops must merge.
    for (merge, file) in [
        ("10s", "big.json"),
        ("1ms", "default.json"),
        ("0", "none.json"),
    ] {
        let mut args = vec!["run", "--trace", file, "--gil-stats-json", "s.json"];
        if merge != "1ms" {
            args.extend(["--trace-merge", merge]);
        }
        args.push("y.py");
        assert_eq!(run_ok(&dir, &args), "done\n");
        let v = json_file(&dir.join(file));
        let m = &v["otherData"]["trace_merge"];
        let windows = m["windows"].as_u64().unwrap();
        let merged_spans = m["running_spans_merged"].as_u64().unwrap();
        assert!(m["what"].as_str().unwrap().len() > 20, "{m}");
        assert_eq!(
            m["below_ns"].as_u64().unwrap(),
            match merge {
                "10s" => 10_000_000_000,
                "1ms" => 1_000_000,
                _ => 0,
            }
        );
        let written = events(&v).iter().filter(|e| e["ph"] != "M").count() as u64;
        assert_eq!(m["events_written"].as_u64().unwrap(), written, "{m}");
        match merge {
            "0" => assert_eq!((windows, merged_spans), (0, 0), "{m}"),
            // Each yielder's 2000 yields are one unbroken stretch of short spans.
            "10s" => assert!(windows >= 2 && merged_spans >= 4000, "{m}"),
            _ => assert!(merged_spans >= 2 * windows, "{m}"),
        }
        for e in events(&v).iter().filter(|e| e["cat"] == "merged") {
            let a = &e["args"];
            let span = a["end_ns"].as_u64().unwrap() - a["start_ns"].as_u64().unwrap();
            assert!(a["running_spans"].as_u64().unwrap() >= 2, "{e}");
            assert!(
                a["running_ns"].as_u64().unwrap()
                    + a["waiting_ns"].as_u64().unwrap()
                    + a["blocked_ns"].as_u64().unwrap()
                    <= span,
                "{e}"
            );
            assert!(span <= m["below_ns"].as_u64().unwrap(), "{e}");
        }
        // Merged or not, the trace accounts for every acquisition and every held
        // nanosecond that the GIL's own counters recorded in the same run (less
        // what the overlap clipping, reported in the metadata, took off).
        let stats = json_file(&dir.join("s.json"));
        let per = running_per_thread(&v);
        let clipped = v["otherData"]["running_starts_clipped"].as_u64().unwrap()
            * v["otherData"]["running_starts_clipped_max_ns"]
                .as_u64()
                .unwrap();
        for t in stats["threads"].as_array().unwrap() {
            let id = t["id"].as_u64().unwrap();
            let (ns, spans) = per.get(&id).copied().unwrap_or_default();
            assert_eq!(
                spans,
                t["acquisitions"].as_u64().unwrap(),
                "thread {id} ({merge})"
            );
            let held = t["held_ns"].as_u64().unwrap();
            assert!(
                ns <= held && held - ns <= clipped,
                "thread {id} ({merge}): trace {ns} ns, held {held} ns"
            );
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// `gilvm bench` takes each thread's own CPU time out of its GIL hold time to see
/// what other programs took: the figure must be the thread's, and absent (zero) in a
/// deterministic run, whose figures must not depend on the machine.
#[test]
fn gil_stats_json_has_each_threads_own_cpu_time() {
    let dir = scratch("cpu");
    std::fs::write(
        dir.join("cpu.py"),
        r#"
import threading, time

def burn():
    acc = 0
    for i in range(1000000):
        acc += i
    print(acc)

def nap():
    time.sleep(0.05)

ts = [threading.Thread(target=burn, name="burner"), threading.Thread(target=nap, name="napper")]
for t in ts:
    t.start()
for t in ts:
    t.join()
"#,
    )
    .unwrap();
    let cpu_of = |stats: &Value, name: &str| -> u64 {
        stats["threads"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .unwrap_or_else(|| panic!("no thread {name}: {stats}"))["cpu_ns"]
            .as_u64()
            .unwrap()
    };
    run_ok(&dir, &["run", "--gil-stats-json", "s.json", "cpu.py"]);
    let stats = json_file(&dir.join("s.json"));
    let (burner, napper) = (cpu_of(&stats, "burner"), cpu_of(&stats, "napper"));
    // A million additions take milliseconds of CPU on any machine; a sleep takes
    // next to none, however long it lasts on the clock.
    assert!(burner > 1_000_000, "burner's CPU time {burner} ns");
    assert!(napper < burner, "napper {napper} ns, burner {burner} ns");
    run_ok(
        &dir,
        &[
            "run",
            "--schedule",
            "rr:100",
            "--gil-stats-json",
            "d.json",
            "cpu.py",
        ],
    );
    let stats = json_file(&dir.join("d.json"));
    assert_eq!(cpu_of(&stats, "burner"), 0, "{stats}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn switch_interval_changes_are_in_the_header_and_on_the_timeline() {
    let dir = scratch("interval");
    std::fs::write(
        dir.join("iv.py"),
        "import sys, threading, time\n\
         sys.setswitchinterval(0.02)\n\
         def spin():\n    end = time.perf_counter() + 0.05\n    while time.perf_counter() < end:\n        pass\n\
         t = threading.Thread(target=spin, name='spinner')\n\
         t.start()\n\
         t.join()\n\
         sys.setswitchinterval(0.001)\n\
         print(sys.getswitchinterval())\n",
    )
    .unwrap();
    let args = [
        "run",
        "--switch-interval",
        "3ms",
        "--trace",
        "t.json",
        "--timeline",
        "t.svg",
        "iv.py",
    ];
    assert_eq!(run_ok(&dir, &args), "0.001\n");
    let v = json_file(&dir.join("t.json"));
    let other = &v["otherData"];
    assert_eq!(other["switch_interval_at_start_ns"], 3_000_000);
    let changes = other["switch_interval_changes"].as_array().unwrap();
    let set: Vec<(u64, &str)> = changes
        .iter()
        .map(|c| {
            (
                c["interval_ns"].as_u64().unwrap(),
                c["thread"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        set,
        [(20_000_000, "MainThread #1"), (1_000_000, "MainThread #1")]
    );
    // "The" interval is the one in effect longest; recompute it from the changes.
    let ts: Vec<f64> = changes.iter().map(|c| c["ts"].as_f64().unwrap()).collect();
    let end = events(&v)
        .iter()
        .filter(|e| e["ph"] == "X")
        .map(|e| e["ts"].as_f64().unwrap() + e["dur"].as_f64().unwrap())
        .fold(0.0, f64::max);
    let spans = [
        (3_000_000u64, ts[0]),
        (20_000_000, ts[1] - ts[0]),
        (1_000_000, end - ts[1]),
    ];
    let longest = spans
        .iter()
        .fold(spans[0], |b, &s| if s.1 > b.1 { s } else { b });
    assert_eq!(
        other["switch_interval_ns"].as_u64(),
        Some(longest.0),
        "{spans:?}"
    );
    let summary = other["switch_interval_summary"].as_str().unwrap();
    assert!(
        summary.contains("3ms at start")
            && summary.contains("set to 20ms at")
            && summary.contains(", 1ms at"),
        "{summary}"
    );
    // Each change is a global instant on the track of the thread that made it.
    let marks: Vec<&Value> = events(&v)
        .iter()
        .filter(|e| e["cat"] == "switch_interval")
        .collect();
    assert_eq!(marks.len(), 2, "{marks:?}");
    assert!(marks
        .iter()
        .all(|e| e["ph"] == "i" && e["s"] == "g" && e["tid"] == 1));
    assert_eq!(marks[1]["args"]["previous_ns"], 20_000_000);
    let svg = std::fs::read_to_string(dir.join("t.svg")).unwrap();
    assert!(
        svg.contains(&format!("switch interval {}", summary.replace('>', "&gt;"))),
        "header"
    );
    assert_eq!(svg.matches("<title>switch interval set to ").count(), 2);
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

/// `--gil on,off` adds a no-GIL variant beside the GIL's: its runs go through
/// `gilvm run --gil off` (the workload sees `sys._is_gil_enabled()` False), the
/// table names it, and the JSON and CSV say which mode each cell and run had.
#[test]
fn bench_compares_the_gil_with_none() {
    let dir = scratch("bench_gil_off");
    std::fs::write(
        dir.join("w.py"),
        "import sys, threading\n\
         n = int(sys.argv[1])\n\
         ts = [threading.Thread(target=sum, args=(range(2000),)) for k in range(n)]\n\
         for t in ts: t.start()\n\
         for t in ts: t.join()\n\
         print('gil_on=' + str(int(sys._is_gil_enabled())))\n",
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
            "--gil",
            "on,off",
            "--repeat",
            "1",
            "--seed",
            "1",
            "--json",
            "b.json",
            "--csv",
            "b.csv",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout.lines().filter(|l| l.starts_with("w.py")).count(),
        4,
        "{stdout}"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.contains("no GIL")).count(),
        2,
        "{stdout}"
    );
    let v: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("b.json")).unwrap())
        .expect("bench JSON parses");
    let cells = v["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 4);
    for c in cells {
        let off = c["gil"].as_str() == Some("off");
        let printed = c["runs"][0]["output"]["gil_on"]
            .as_str()
            .map(str::to_string);
        assert_eq!(printed.as_deref(), Some(if off { "0" } else { "1" }), "{c}");
    }
    assert_eq!(cells.iter().filter(|c| c["gil"] == "off").count(), 2);
    let csv = std::fs::read_to_string(dir.join("b.csv")).unwrap();
    assert!(csv.starts_with("workload,gil,gil_policy,"), "{csv}");
    assert_eq!(
        csv.lines().filter(|l| l.starts_with("w.py,off,")).count(),
        2,
        "{csv}"
    );
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

/// Two tasks ping-ponging with sleep(0), one awaiting an Event, one blocking the loop
/// with time.sleep past a lowered slow_callback_duration (a step that sleeps 50 ms is
/// slower than 20 ms on any machine), then setting the Event.
const TASKS: &str = r#"
import asyncio, time

async def pinger(n):
    for _ in range(n):
        await asyncio.sleep(0)

async def waiter(ev):
    await ev.wait()
    return "woken"

async def blocker(ev):
    await asyncio.sleep(0.01)
    time.sleep(0.05)
    ev.set()

async def main():
    asyncio.get_running_loop().slow_callback_duration = 0.02
    ev = asyncio.Event()
    ts = [asyncio.create_task(pinger(20), name="pinger-a"),
          asyncio.create_task(pinger(20), name="pinger-b"),
          asyncio.create_task(waiter(ev), name="waiter"),
          asyncio.create_task(blocker(ev), name="blocker")]
    print(await asyncio.gather(*ts))

asyncio.run(main())
"#;

#[test]
fn asyncio_tasks_are_lanes_beside_their_thread() {
    let dir = scratch("tasks");
    std::fs::write(dir.join("prog.py"), TASKS).unwrap();
    let out = run_ok(
        &dir,
        &[
            "run",
            "--trace",
            "t.json",
            "--trace-merge",
            "0",
            "--timeline",
            "t.svg",
            "prog.py",
        ],
    );
    assert_eq!(out, "[None, None, 'woken', None]\n");
    let v = json_file(&dir.join("t.json"));
    let loops = v["otherData"]["asyncio_loops"].as_array().unwrap();
    assert_eq!(loops.len(), 1, "{loops:?}");
    assert_eq!(loops[0]["thread"], "MainThread #1");
    // The blocker's step is slow on any machine; on a loaded one another step can be
    // descheduled past 20 ms too (slow is wall time, as in CPython), so at least one.
    assert!(loops[0]["slow_steps"].as_u64().unwrap() >= 1, "{loops:?}");
    let loop_tid = loops[0]["tid"].as_u64().unwrap();
    // Lanes by name; tracks in order: the thread, its loop, then the loop's tasks.
    let mut lanes = std::collections::BTreeMap::new();
    let mut order = Vec::new();
    for e in events(&v).iter().filter(|e| e["ph"] == "M") {
        let tid = e["tid"].as_u64().unwrap_or(0);
        if e["name"] == "thread_name" {
            lanes.insert(e["args"]["name"].as_str().unwrap().to_string(), tid);
        } else if e["name"] == "thread_sort_index" {
            order.push((e["args"]["sort_index"].as_u64().unwrap(), tid));
        }
    }
    order.sort();
    assert_eq!(order[0].1, 1);
    assert_eq!(order[1].1, loop_tid);
    let lane = |name: &str| lanes[&format!("  task {name} (loop {})", loops[0]["loop"])];
    let spans = |tid: u64| -> Vec<(String, String, u64, u64)> {
        let mut s: Vec<_> = events(&v)
            .iter()
            .filter(|e| e["ph"] == "X" && e["tid"] == tid)
            .map(|e| {
                (
                    e["cat"].as_str().unwrap().to_string(),
                    e["name"].as_str().unwrap().to_string(),
                    e["args"]["start_ns"].as_u64().unwrap(),
                    e["args"]["end_ns"].as_u64().unwrap(),
                )
            })
            .collect();
        s.sort_by_key(|x| x.2);
        s
    };
    let is_step = |cat: &str| cat.starts_with("task_step");
    // One step per resumption: 20 sleep(0)s make 21 steps; a task's spans never overlap.
    for name in ["pinger-a", "pinger-b", "waiter", "blocker"] {
        let s = spans(lane(name));
        assert!(s.windows(2).all(|w| w[0].3 <= w[1].2), "{name}: {s:?}");
        let steps = s.iter().filter(|x| is_step(&x.0)).count();
        let want = match name {
            "pinger-a" | "pinger-b" => 21,
            _ => 2,
        };
        assert_eq!(steps, want, "{name}: {s:?}");
    }
    let waiter = spans(lane("waiter"));
    assert!(
        waiter.iter().any(|x| x.1 == "awaits Event.wait"),
        "{waiter:?}"
    );
    let blocker = spans(lane("blocker"));
    assert!(blocker.iter().any(|x| x.1 == "awaits sleep(0.01)"));
    // Its last step is the one that calls time.sleep(0.05).
    let last = blocker.iter().rfind(|x| is_step(&x.0)).unwrap();
    assert_eq!(last.0, "task_step_slow", "{blocker:?}");
    let (a, b) = (last.2, last.3);
    assert!(b - a >= 50_000_000, "{blocker:?}");
    // Only an await switches: the loop's steps never overlap, and while the blocker's
    // step ran no other task ran a step.
    let steps = spans(loop_tid);
    assert_eq!(steps.len() as u64, loops[0]["steps"].as_u64().unwrap());
    assert!(steps.windows(2).all(|w| w[0].3 <= w[1].2), "{steps:?}");
    for name in ["pinger-a", "pinger-b", "waiter"] {
        for x in spans(lane(name)) {
            if is_step(&x.0) {
                assert!(
                    x.3 <= a || x.2 >= b,
                    "{name} ran inside the blocking step: {x:?}"
                );
            }
        }
    }
    let svg = std::fs::read_to_string(dir.join("t.svg")).unwrap();
    for text in [
        "asyncio loop 1 on MainThread #1",
        "task pinger-a",
        "slow step: ",
    ] {
        assert!(svg.contains(text), "no {text:?} in the SVG");
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// The asyncio workload runs in the bench grid beside the threaded one it mirrors.
#[test]
fn bench_runs_the_tasks_workload_beside_io() {
    let dir = scratch("bench-tasks");
    let out = run_ok(
        &dir,
        &[
            "bench",
            "io",
            "tasks",
            "--threads",
            "1,3",
            "--switch-interval",
            "1ms",
            "--repeat",
            "1",
            "--scale",
            "1",
            "--seed",
            "3",
        ],
    );
    for w in ["io ", "tasks "] {
        assert_eq!(
            out.lines().filter(|l| l.starts_with(w)).count(),
            2,
            "{w}: {out}"
        );
    }
    let _ = std::fs::remove_dir_all(dir);
}

/// Cycle collections show as pauses: a `gc` span on the timeline per collection, and
/// the count (with the pause time) in `--gil-stats` and `--gil-stats-json`. Counts
/// only: the durations depend on the machine.
#[test]
fn gc_pauses_are_on_the_timeline_and_in_the_stats() {
    let dir = scratch("gcpause");
    std::fs::write(
        dir.join("g.py"),
        "import gc, threading\n\
         gc.disable()\n\
         class N: pass\n\
         def work():\n    a = N(); b = N(); a.o = b; b.o = a\n    del a, b\n    print(gc.collect())\n\
         for _ in range(3):\n    work()\n\
         t = threading.Thread(target=work, name='collector')\n\
         t.start()\n\
         t.join()\n",
    )
    .unwrap();
    let out = gilvm(
        &dir,
        &[
            "run",
            "--trace",
            "t.json",
            "--trace-merge",
            "0",
            "--gil-stats",
            "--gil-stats-json",
            "s.json",
            "g.py",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Two instances per cycle, as CPython 3.11 counts them (their dicts are not made).
    assert_eq!(String::from_utf8_lossy(&out.stdout), "2\n".repeat(4));
    let v = json_file(&dir.join("t.json"));
    let gc_spans: Vec<&Value> = events(&v)
        .iter()
        .filter(|e| e["ph"] == "X" && e["cat"] == "gc")
        .collect();
    assert_eq!(gc_spans.len(), 4, "{gc_spans:?}");
    let stats = json_file(&dir.join("s.json"));
    let by_name = |name: &str| -> Value {
        stats["threads"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .unwrap_or_else(|| panic!("no thread {name}: {stats}"))
            .clone()
    };
    assert_eq!(by_name("MainThread")["gc_collections"], 3, "{stats}");
    assert_eq!(by_name("collector")["gc_collections"], 1, "{stats}");
    assert!(by_name("MainThread")["gc_ns"].is_u64(), "{stats}");
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("gc: "), "{text}");
    assert!(text.contains("over 3 collection(s)"), "{text}");
    assert!(text.contains("over 4 collection(s)"), "{text}");
    let _ = std::fs::remove_dir_all(dir);
}
