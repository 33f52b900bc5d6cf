//! `--switch-points` and `--gil-policy` end to end, through the `gilvm` binary:
//! what `--switch-points cpython` guarantees (a read-modify-write with no call and
//! no backward jump inside is never split, however often threads switch), the
//! thread corpus under every policy and mode, the `sys` API, `dis --switch-points`
//! and the command-line errors. Nothing here depends on timing: where threads
//! race, only outcomes that no schedule can change are asserted.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const GILVM: &str = env!("CARGO_BIN_EXE_gilvm");
const POLICIES: [&str; 4] = ["cpython", "fifo", "io-priority", "bfs"];
const MODES: [&str; 2] = ["every", "cpython"];

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn gilvm(args: &[&str]) -> Run {
    // `timeout` so that a hang fails the test instead of stalling the suite.
    let out = Command::new("timeout")
        .arg("120")
        .arg(GILVM)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run gilvm");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn temp_program(name: &str, src: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gilvm_switch_points_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, src).unwrap();
    path
}

/// Four threads, five read-modify-writes without a call or a backward jump inside,
/// each a 100 000 times per thread, with a switch interval short enough that every
/// thread is asked to drop the GIL thousands of times.
const NO_SWITCH_POINT_INSIDE: &str = r#"
import threading

N = 100000
counter = 0
d = {"k": 0}
lst = [0]


class Box:
    def __init__(self):
        self.n = 0


box = Box()


def work():
    global counter
    for _ in range(N):
        counter += 1
        d["k"] += 1
        lst[0] += 1
        box.n += 1
    i = 0
    while i < N:
        counter -= 1
        i += 1


threads = [threading.Thread(target=work) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter, d["k"], lst[0], box.n)
"#;

#[test]
fn cpython_switch_points_never_split_a_read_modify_write() {
    let path = temp_program("no_switch_point_inside.py", NO_SWITCH_POINT_INSIDE);
    let path = path.to_str().unwrap();
    for policy in POLICIES {
        let r = gilvm(&[
            "run",
            "--switch-points",
            "cpython",
            "--switch-interval",
            "20us",
            "--gil-policy",
            policy,
            "--gil-stats",
            path,
        ]);
        assert_eq!(r.code, Some(0), "{policy}: {}", r.stderr);
        assert_eq!(r.stdout, "0 400000 400000 400000\n", "{policy}");
        // The threads did switch (so the result is not an accident of no switching).
        let forced: u64 = r
            .stderr
            .lines()
            .find(|l| l.starts_with("total ("))
            .and_then(|l| l.split_whitespace().rev().nth(2)?.parse().ok())
            .expect("a --gil-stats total row");
        assert!(forced > 10, "{policy}: only {forced} forced switches");
    }
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/programs/threads")
        .join(name)
}

/// Compares like tests/programs.rs: exact, or line-by-line anchored regexes for
/// files marked `# output: varies`.
fn matches_expected(py: &Path, stdout: &str) -> bool {
    let src = std::fs::read_to_string(py).unwrap();
    let want = std::fs::read_to_string(py.with_extension("out")).unwrap();
    if !src.lines().any(|l| l.trim() == "# output: varies") {
        return stdout == want;
    }
    let (got, want): (Vec<&str>, Vec<&str>) = (stdout.lines().collect(), want.lines().collect());
    got.len() == want.len()
        && got.iter().zip(&want).all(|(g, w)| {
            regex::Regex::new(&format!("^(?:{w})$"))
                .map(|re| re.is_match(g))
                .unwrap_or(false)
        })
}

#[test]
fn thread_corpus_passes_under_every_policy_and_mode() {
    let files = [
        "api_locks.py",
        "api_queue.py",
        "api_sync.py",
        "api_thread.py",
        "stress_mixed.py",
        "switch_stress.py",
    ];
    let mut jobs = Vec::new();
    for policy in POLICIES {
        for mode in MODES {
            for f in files {
                jobs.push((policy, mode, f));
            }
        }
    }
    // Two at a time: the machine has two cores, and each run is mostly waiting.
    let failures: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = jobs
            .chunks(jobs.len().div_ceil(2))
            .map(|chunk| {
                s.spawn(move || {
                    let mut bad = Vec::new();
                    for &(policy, mode, f) in chunk {
                        let py = corpus(f);
                        let r = gilvm(&[
                            "run",
                            "--gil-policy",
                            policy,
                            "--switch-points",
                            mode,
                            py.to_str().unwrap(),
                        ]);
                        if r.code != Some(0) || !matches_expected(&py, &r.stdout) {
                            bad.push(format!(
                                "{f} --gil-policy {policy} --switch-points {mode}: exit {:?}\n{}{}",
                                r.code, r.stdout, r.stderr
                            ));
                        }
                    }
                    bad
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

#[test]
fn deadlocks_are_still_reported_under_hand_off_policies() {
    let py = corpus("deadlock_lock_order.py");
    for policy in ["fifo", "io-priority", "bfs"] {
        let r = gilvm(&["run", "--gil-policy", policy, py.to_str().unwrap()]);
        assert_eq!(r.code, Some(1), "{policy}: {}", r.stderr);
        assert!(
            r.stderr.contains("gilvm: deadlock"),
            "{policy}: {}",
            r.stderr
        );
    }
}

#[test]
fn sys_reports_the_switch_points_and_the_policy() {
    let prog = "import sys; print(sys._gilvm_switch_points(), sys._gilvm_gil_policy())";
    let r = gilvm(&["run", "-c", prog]);
    assert_eq!(r.stdout, "every cpython\n", "{}", r.stderr);
    for policy in POLICIES {
        for mode in MODES {
            let r = gilvm(&[
                "run",
                "--switch-points",
                mode,
                "--gil-policy",
                policy,
                "-c",
                prog,
            ]);
            assert_eq!(r.stdout, format!("{mode} {policy}\n"), "{}", r.stderr);
        }
    }
    let r = gilvm(&["run", "-c", "import sys; sys._gilvm_gil_policy(1)"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .trim_end()
            .ends_with("TypeError: _gilvm_gil_policy() takes no arguments (1 given)"),
        "{}",
        r.stderr
    );
}

#[test]
fn unknown_policy_or_mode_is_a_usage_error() {
    let r = gilvm(&["run", "--gil-policy", "lifo", "-c", "pass"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr
            .contains("unknown GIL policy 'lifo' (one of: cpython, fifo, io-priority, bfs)"),
        "{}",
        r.stderr
    );
    let r = gilvm(&["run", "--switch-points", "some", "-c", "pass"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr
            .contains("unknown switch-point mode 'some' (one of: every, cpython)"),
        "{}",
        r.stderr
    );
    let r = gilvm(&["bench", "--gil-policy", "cpython,nope", "cpu"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
}

#[test]
fn dis_marks_the_cpython_switch_points() {
    let path = temp_program(
        "dis_marks.py",
        "def one():\n    return 1\n\ndef work(n):\n    global c\n    for _ in range(n):\n        c = c + one()\n",
    );
    let r = gilvm(&["dis", "--switch-points", "cpython", path.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let marked: Vec<String> = r
        .stdout
        .lines()
        .filter(|l| l.contains("<- switch point"))
        .map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            let op = words
                .iter()
                .find(|w| w.replace('_', "").chars().all(|c| c.is_ascii_uppercase()))
                .unwrap();
            op.to_string()
        })
        .collect();
    // Module: its entry. one(): its entry. work(): its entry, range(n) and one()
    // calls, the loop's backward jump.
    assert_eq!(
        marked,
        [
            "LOAD_CONST",
            "LOAD_CONST",
            "LOAD_GLOBAL",
            "CALL",
            "CALL",
            "JUMP"
        ],
        "{}",
        r.stdout
    );
    let plain = gilvm(&["dis", path.to_str().unwrap()]);
    assert!(!plain.stdout.contains("switch point"));
}

#[test]
fn bench_runs_a_policy_and_switch_point_grid() {
    let dir = std::env::temp_dir().join(format!("gilvm_bench_policies_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("b.json");
    let svg = dir.join("b.svg");
    let r = gilvm(&[
        "bench",
        "fair",
        "convoy",
        "--threads",
        "2",
        "--switch-interval",
        "1ms",
        "--gil-policy",
        "cpython,fifo,fifo",
        "--switch-points",
        "every,cpython",
        "--repeat",
        "1",
        "--seed",
        "7",
        "--json",
        json.to_str().unwrap(),
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // 2 workloads x 2 policies (the repeated one dropped) x 2 modes.
    assert!(
        r.stderr.contains("gilvm bench: 8 runs (2 workload(s) x 1 thread count(s) x 1 interval(s) x 2 policy(ies) x 2 switch-point mode(s) x 1 repeat(s))"),
        "{}",
        r.stderr
    );
    let head = r
        .stdout
        .lines()
        .find(|l| l.starts_with("workload"))
        .unwrap();
    for col in [
        "policy",
        "points",
        "io slowdown",
        "cpu loss %",
        "max/min share",
    ] {
        assert!(head.contains(col), "no {col} column: {head}");
    }
    assert!(
        !head.contains("io lat"),
        "empty columns are left out: {head}"
    );
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let cells = v["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 8);
    let mut seen: Vec<(String, String, String)> = cells
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_string();
            (s("workload"), s("gil_policy"), s("switch_points"))
        })
        .collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 8);
    for c in cells {
        let w = c["workload"].as_str().unwrap();
        let key = if w == "fair" {
            "share_max_min"
        } else {
            "io_slowdown"
        };
        assert!(c[key].as_f64().unwrap() > 0.0, "{w}: no {key}");
    }
    assert_eq!(v["gil_policies"], serde_json::json!(["cpython", "fifo"]));
    let svg = std::fs::read_to_string(&svg).unwrap();
    for title in [
        "fair: fairness at 1ms",
        "convoy: I/O loop slowdown at 1ms",
        "convoy: CPU throughput lost at 1ms",
    ] {
        assert!(svg.contains(title), "no chart {title}");
    }
    assert!(
        svg.contains("fifo / points cpython"),
        "variants label the lines"
    );
}
