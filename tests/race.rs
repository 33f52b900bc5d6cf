//! `gilvm race`: finds the failing interleaving of each demo in programs/race/ with
//! every strategy (fixed seeds), explains it with the accesses that conflicted,
//! writes a schedule that replays the failure, and reports no failure for the fixed
//! programs. Runs are deterministic (virtual time, the VM's own schedule): nothing
//! here depends on timing.

use std::path::{Path, PathBuf};
use std::process::Command;

const GILVM: &str = env!("CARGO_BIN_EXE_gilvm");

fn demo(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("programs/race")
        .join(name)
        .display()
        .to_string()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("gilvm-race-test-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn gilvm(args: &[&str]) -> Out {
    let o = Command::new(GILVM)
        .args(args)
        .env_remove("PYTHONUNBUFFERED")
        .output()
        .expect("gilvm runs");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// The report without its timing (the one line that may differ between runs).
fn untimed(s: &str) -> String {
    s.lines()
        .filter(|l| !l.starts_with("summary:"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_has(out: &Out, what: &[&str]) {
    for w in what {
        assert!(
            out.stdout.contains(w),
            "expected {w:?} in the report:\n{}\nstderr:\n{}",
            out.stdout,
            out.stderr
        );
    }
}

#[test]
fn counter_race_found_explained_and_replayed() {
    let sched = tmp("counter.sched");
    let s = sched.to_str().unwrap();
    let file = demo("race_counter.py");
    let args = [
        "race",
        "--strategy",
        "dfs",
        "--check",
        "counter == 2 * N",
        "-o",
        s,
        file.as_str(),
    ];
    let out = gilvm(&args);
    assert_eq!(
        out.code, 1,
        "a failing schedule is status 1:\n{}",
        out.stdout
    );
    // The run without preemption passes; the first preemption dfs tries (before
    // the first store of the counter) loses T3's updates.
    assert_has(
        &out,
        &[
            "FAILED (strategy dfs, seed 1): schedule 2 of the search fails",
            "failure: --check failed: counter == 2 * N is false",
            "schedule: 1 preemption(s)",
            &format!("replay: gilvm run --schedule replay:{s} {file}"),
            "causal trace: T2 and T3 interleave on counter (read-write-write",
            "T2 race_counter.py:17  counter += 1  LOAD_GLOBAL counter -> 0",
            "switch to T3",
            "T3 race_counter.py:17  counter += 1  LOAD_GLOBAL counter -> 0",
            "T3 race_counter.py:17  counter += 1  STORE_GLOBAL counter <- 1",
            "T3 race_counter.py:17  counter += 1  STORE_GLOBAL counter <- 200",
            "T2 race_counter.py:17  counter += 1  STORE_GLOBAL counter <- 1   (overwrites T3's write: T3's update is lost)",
            "threads: T1 = MainThread, T2 = Thread-1 (work), T3 = Thread-2 (work)",
        ],
    );
    // The same search gives the same report, every time.
    let again = gilvm(&args);
    assert_eq!(untimed(&out.stdout), untimed(&again.stdout));
    // The schedule file replays the failure: T2's 199 later updates on top of 200.
    let replay = gilvm(&["run", "--schedule", &format!("replay:{s}"), &file]);
    assert_eq!(replay.code, 0, "{}", replay.stderr);
    assert_eq!(replay.stdout, "counter = 200, expected 400, lost 200\n");
}

#[test]
fn every_strategy_finds_every_demo_race_within_100_schedules() {
    let cases: [(&str, Option<&str>, &str); 4] = [
        (
            "race_counter.py",
            Some("counter == 2 * N"),
            "--check failed",
        ),
        (
            "check_then_act.py",
            None,
            "uncaught IndexError: pop from empty list in thread",
        ),
        ("tickets.py", None, "uncaught AssertionError: oversold: "),
        (
            "bank.py",
            Some("accounts['a'] + accounts['b'] == 200"),
            "--check failed",
        ),
    ];
    for (name, check, failure) in cases {
        for strategy in ["dfs", "pct", "random"] {
            let sched = tmp(&format!("{name}-{strategy}.sched"));
            let file = demo(name);
            let mut args = vec![
                "race",
                "--strategy",
                strategy,
                "--runs",
                "100",
                "--json",
                "-o",
                sched.to_str().unwrap(),
            ];
            if let Some(c) = check {
                args.extend(["--check", c]);
            }
            args.push(&file);
            let out = gilvm(&args);
            assert_eq!(
                out.code, 1,
                "{name} {strategy}: {}{}",
                out.stdout, out.stderr
            );
            let j: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON report");
            assert_eq!(j["failed"], true);
            assert_eq!(j["strategy"], strategy);
            assert!(
                j["first_failing_schedule"].as_u64().unwrap() <= 100,
                "{name} {strategy}: {j}"
            );
            assert!(
                j["failure"]["message"].as_str().unwrap().contains(failure),
                "{name} {strategy}: {j}"
            );
            // Shrunk to the one preemption each of these races needs.
            assert_eq!(
                j["preemptions"].as_u64().unwrap(),
                1,
                "{name} {strategy}: {j}"
            );
            let trace: Vec<&str> = j["trace"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l.as_str().unwrap())
                .collect();
            assert!(
                trace.iter().any(|l| l.contains("switch to")),
                "{name} {strategy}: {trace:#?}"
            );
            // The replay fails the same way as the search said.
            let replay = gilvm(&[
                "run",
                "--schedule",
                &format!("replay:{}", sched.display()),
                &file,
            ]);
            if failure.starts_with("uncaught") {
                let last = failure.trim_start_matches("uncaught ");
                assert!(
                    replay
                        .stderr
                        .contains(last.split(" in thread").next().unwrap()),
                    "{name} {strategy}: {}",
                    replay.stderr
                );
            } else {
                assert!(
                    !replay.stdout.contains("lost 0") && !replay.stdout.contains("(ok)"),
                    "{name} {strategy}: {}",
                    replay.stdout
                );
            }
        }
    }
}

#[test]
fn causal_traces_name_the_conflicting_accesses() {
    let file = demo("check_then_act.py");
    let out = gilvm(&[
        "race",
        "--strategy",
        "dfs",
        "-o",
        tmp("cta.sched").to_str().unwrap(),
        &file,
    ]);
    assert_eq!(out.code, 1);
    assert_has(
        &out,
        &[
            "causal trace: T2 and T3 interleave on list#1 (read-write-write",
            "T2 check_then_act.py:17  if stack:  POP_JUMP_IF_FALSE list#1 -> True",
            "T3 check_then_act.py:18  popped.append(stack.pop())  LOAD_METHOD list#1 pop()",
            "T2 check_then_act.py:18  popped.append(stack.pop())  LOAD_METHOD list#1 pop()   (acts on what T3 changed after T2 looked at it)",
        ],
    );
    let file = demo("tickets.py");
    let out = gilvm(&[
        "race",
        "--strategy",
        "dfs",
        "-o",
        tmp("t.sched").to_str().unwrap(),
        &file,
    ]);
    assert_eq!(out.code, 1);
    assert_has(
        &out,
        &[
            "T2 tickets.py:19  left = seats  LOAD_GLOBAL seats -> 3",
            "T3 tickets.py:20  seats = left - 1  STORE_GLOBAL seats <- 0",
            "T2 tickets.py:20  seats = left - 1  STORE_GLOBAL seats <- 2   (overwrites T3's write: T3's update is lost)",
        ],
    );
    let file = demo("bank.py");
    let out = gilvm(&[
        "race",
        "--strategy",
        "dfs",
        "--check",
        "accounts['a'] + accounts['b'] == 200",
        "-o",
        tmp("b.sched").to_str().unwrap(),
        &file,
    ]);
    assert_eq!(out.code, 1);
    assert_has(
        &out,
        &["bank.py:19  accounts[dst] = accounts[dst] + amount  BINARY_SUBSCR dict#1["],
    );
}

#[test]
fn fixed_programs_have_no_failing_schedule_within_two_preemptions() {
    let cases: [(&str, Option<&str>); 4] = [
        ("fixed/race_counter.py", Some("counter == 2 * N")),
        ("fixed/check_then_act.py", None),
        ("fixed/tickets.py", None),
        (
            "fixed/bank.py",
            Some("accounts['a'] + accounts['b'] == 200"),
        ),
    ];
    for (name, check) in cases {
        let file = demo(name);
        let mut args = vec!["race", "--strategy", "dfs", "--max-preemptions", "2"];
        if let Some(c) = check {
            args.extend(["--check", c]);
        }
        args.push(&file);
        let out = gilvm(&args);
        assert_eq!(out.code, 0, "{name}: {}{}", out.stdout, out.stderr);
        assert_has(
            &out,
            &["no failing schedule with at most 2 preemption(s) ("],
        );
        for strategy in ["pct", "random"] {
            let mut a = args.clone();
            a[2] = strategy;
            a.splice(1..1, ["--runs", "30"]);
            let out = gilvm(&a);
            assert_eq!(
                out.code, 0,
                "{name} {strategy}: {}{}",
                out.stdout, out.stderr
            );
            assert_has(&out, &["no failing schedule in 30 schedules"]);
        }
    }
}

#[test]
fn expect_same_compares_with_the_run_without_preemption() {
    let file = demo("race_counter.py");
    let out = gilvm(&[
        "race",
        "--strategy",
        "dfs",
        "--expect-same",
        "-o",
        tmp("same.sched").to_str().unwrap(),
        &file,
    ]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_has(
        &out,
        &["failure: output differs from the run without preemption: got \"counter = 200, expected 400, lost 200\", expected \"counter = 400, expected 400, lost 0\""],
    );
    let exp = tmp("expected.txt");
    std::fs::write(&exp, "counter = 400, expected 400, lost 0\n").unwrap();
    let out = gilvm(&[
        "race",
        "--expect-output",
        exp.to_str().unwrap(),
        "-o",
        tmp("exp.sched").to_str().unwrap(),
        &file,
    ]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert_has(&out, &["failure: output differs from --expect-output"]);
}

#[test]
fn usage_errors_and_help() {
    let out = gilvm(&["race", "/nonexistent/prog.py"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("can't open file '/nonexistent/prog.py'"),
        "{}",
        out.stderr
    );
    let out = gilvm(&["race", "--strategy", "bogus", "x.py"]);
    assert_eq!(out.code, 2);
    let out = gilvm(&["race", "--help"]);
    assert_eq!(out.code, 0);
    for opt in [
        "--strategy",
        "--runs",
        "--seed",
        "--max-preemptions",
        "--expect-output",
        "--expect-same",
        "--check",
        "--json",
    ] {
        assert!(
            out.stdout.contains(opt),
            "--help lacks {opt}:\n{}",
            out.stdout
        );
    }
    // A bad --check expression is reported, not a crash.
    let out = gilvm(&["race", "--check", "counter ==", &demo("race_counter.py")]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("--check counter ==: syntax error"),
        "{}",
        out.stderr
    );
    let out = gilvm(&["race", "--check", "nosuch > 0", &demo("race_counter.py")]);
    assert_eq!(out.code, 2, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("raised NameError: name 'nosuch' is not defined"),
        "{}",
        out.stderr
    );
}

#[test]
fn task_order_race_found_by_shuffling_tasks_and_replayed() {
    let file = demo("task_order.py");
    // Without --shuffle-tasks one thread means one schedule: nothing to find.
    let plain = gilvm(&["race", &file]);
    assert_eq!(plain.code, 0, "{}{}", plain.stdout, plain.stderr);
    assert_has(&plain, &["the program starts no thread"]);
    let sched = tmp("task_order.sched");
    let s = sched.to_str().unwrap();
    let args = ["race", "--shuffle-tasks", "-o", s, file.as_str()];
    let out = gilvm(&args);
    assert_eq!(
        out.code, 1,
        "a failing task order is status 1:\n{}",
        out.stdout
    );
    // Run 1 keeps FIFO order and passes; runs 2.. take seeds 1, 2, ...: seed 6 is
    // the first whose order puts fetch()'s read before load_config()'s write.
    assert_has(
        &out,
        &[
            "schedule 7 of the search fails",
            "failure: uncaught KeyError: 'url'",
            "task order: --shuffle-tasks 6",
            &format!("replay: gilvm run --schedule replay:{s} --shuffle-tasks 6 {file}"),
            "the failure depends on the asyncio task order alone",
        ],
    );
    let again = gilvm(&args);
    assert_eq!(untimed(&out.stdout), untimed(&again.stdout));
    let replay = gilvm(&[
        "run",
        "--schedule",
        &format!("replay:{s}"),
        "--shuffle-tasks",
        "6",
        &file,
    ]);
    assert_eq!(replay.code, 1, "{}", replay.stderr);
    assert!(
        replay.stderr.ends_with("KeyError: 'url'\n"),
        "{}",
        replay.stderr
    );
    // The seed alone (no --schedule) decides the order too, the same every run;
    // without the flag the loop's FIFO order passes, as under python3.
    let a = gilvm(&["run", "--shuffle-tasks", "6", &file]);
    let b = gilvm(&["run", "--shuffle-tasks", "6", &file]);
    assert_eq!((a.code, &a.stderr), (b.code, &b.stderr));
    assert_eq!(a.code, 1);
    let fifo = gilvm(&["run", &file]);
    assert_eq!(
        fifo.stdout, "GET http://localhost:8080\n",
        "{}",
        fifo.stderr
    );
    // The fix (an asyncio.Event) holds under every order tried.
    let fixed = gilvm(&[
        "race",
        "--shuffle-tasks",
        "--runs",
        "30",
        &demo("fixed/task_order.py"),
    ]);
    assert_eq!(fixed.code, 0, "{}{}", fixed.stdout, fixed.stderr);
    assert_has(
        &fixed,
        &["no failing schedule in 30 schedules, each after the first with its own asyncio task order"],
    );
    let bad = gilvm(&["run", "--shuffle-tasks", "x", &file]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr
            .contains("invalid value 'x' for '--shuffle-tasks <SEED>'"),
        "{}",
        bad.stderr
    );
}
