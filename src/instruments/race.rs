//! `gilvm race FILE.py`: runs a program under many deterministic schedules (each a
//! `gilvm run --schedule ...` subprocess), stops at the first that fails, shrinks it,
//! writes it as a replayable schedule file and explains it from the run's race log.
//! How the search works and what it promises: docs/race.md.

use crate::gil::race_log::unesc;
use crate::gil::{describe_points, Point, SwitchPoints};
use crate::instruments::json::JsonWriter;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How schedules are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    /// PCT with depth 2, 3, 4 in turn for two thirds of the budget, then random.
    Pct,
    /// Random switches with per-instruction odds 1/4, 1/16, 1/64 in turn.
    Random,
    /// Every schedule with at most K preemptions (CHESS's iterative context
    /// bounding), preempting only before unprotected shared accesses.
    Dfs,
}

impl Strategy {
    pub fn from_name(s: &str) -> Option<Strategy> {
        match s {
            "pct" => Some(Strategy::Pct),
            "random" => Some(Strategy::Random),
            "dfs" => Some(Strategy::Dfs),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Strategy::Pct => "pct",
            Strategy::Random => "random",
            Strategy::Dfs => "dfs",
        }
    }
}

#[derive(Clone, Debug)]
pub struct RaceOptions {
    pub file: String,
    pub args: Vec<String>,
    pub strategy: Strategy,
    pub runs: u32,
    pub seed: u64,
    pub max_preemptions: u32,
    pub expect_output: Option<PathBuf>,
    pub expect_same: bool,
    pub check: Option<String>,
    pub json: bool,
    /// Where to write the failing schedule (default: the first free race-N.sched).
    pub output: Option<PathBuf>,
    pub switch_points: SwitchPoints,
    pub timeout: Duration,
    pub shrink: bool,
    /// Print each schedule's SPEC to stderr as it runs.
    pub verbose: bool,
    /// `--shuffle-tasks`: vary the asyncio task order too, run i (after the first,
    /// which keeps FIFO order) with `gilvm run --shuffle-tasks SEED+i-2`.
    pub shuffle_tasks: bool,
}

/// One access of the race log.
#[derive(Clone, Debug)]
struct Acc {
    thread: u64,
    own: u64,
    file: String,
    line: u32,
    op: String,
    write: bool,
    obj: u64,
    key: String,
    type_name: String,
    value: Option<String>,
    alone: bool,
    others: Vec<u64>,
    locks: Vec<u64>,
}

#[derive(Clone, Debug)]
enum Ev {
    Acc(Acc),
    Switch {
        from: u64,
        from_own: u64,
        to: u64,
        at_wait: bool,
    },
}

#[derive(Clone, Debug, Default)]
struct Log {
    steps: u64,
    names: BTreeMap<u64, String>,
    events: Vec<Ev>,
    /// (thread, step, file, line, op): each thread's last instructions.
    recent: Vec<(u64, u64, String, u32, String)>,
    check: Option<Result<(), String>>,
}

fn parse_log(text: &str) -> Option<Log> {
    let mut lines = text.lines();
    if lines.next()? != "gilvm-race-log 1" {
        return None;
    }
    let mut log = Log::default();
    for l in lines {
        if let Some(r) = l.strip_prefix("N ") {
            log.steps = r.split(' ').next()?.parse().ok()?;
        } else if let Some(r) = l.strip_prefix("T ") {
            let (id, name) = r.split_once('\t')?;
            log.names.insert(id.parse().ok()?, unesc(name));
        } else if let Some(r) = l.strip_prefix("S ") {
            let f: Vec<u64> = r.split(' ').filter_map(|x| x.parse().ok()).collect();
            if f.len() >= 5 {
                log.events.push(Ev::Switch {
                    // The rule's own switches are no schedule point.
                    from: if f.get(5) == Some(&1) { 0 } else { f[1] },
                    from_own: f[2],
                    to: f[3],
                    at_wait: f[4] == 1,
                });
            }
        } else if let Some(r) = l.strip_prefix("A\t") {
            let f: Vec<&str> = r.split('\t').collect();
            if f.len() < 14 {
                continue;
            }
            let ids =
                |s: &str| -> Vec<u64> { s.split(',').filter_map(|x| x.parse().ok()).collect() };
            log.events.push(Ev::Acc(Acc {
                thread: f[0].parse().ok()?,
                own: f[1].parse().ok()?,
                file: unesc(f[3]),
                line: f[4].parse().ok()?,
                op: f[5].to_string(),
                write: f[6] == "W",
                obj: f[7].parse().ok()?,
                key: unesc(f[8]),
                type_name: unesc(f[9]),
                value: (f[10] != "\u{1}").then(|| unesc(f[10])),
                alone: f[11] == "1",
                others: ids(f[12]),
                locks: ids(f[13]),
            }));
        } else if let Some(r) = l.strip_prefix("I\t") {
            let f: Vec<&str> = r.split('\t').collect();
            if f.len() == 6 {
                log.recent.push((
                    f[0].parse().ok()?,
                    f[1].parse().ok()?,
                    unesc(f[3]),
                    f[4].parse().ok()?,
                    f[5].to_string(),
                ));
            }
        } else if l == "C ok" {
            log.check = Some(Ok(()));
        } else if let Some(r) = l.strip_prefix("C fail\t") {
            log.check = Some(Err(unesc(r)));
        }
    }
    Some(log)
}

/// What one run did.
#[derive(Clone, Debug)]
struct Outcome {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// None: killed after the timeout (or by a signal).
    status: Option<i32>,
    log: Option<Log>,
}

/// Why a run counts as failing.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Failure {
    /// deadlock, exception, exit, check, output
    kind: &'static str,
    message: String,
}

struct Runner<'a> {
    opts: &'a RaceOptions,
    exe: PathBuf,
    dir: PathBuf,
    runs: u32,
    timeouts: u32,
    /// The task-order seed of the last run (None: FIFO order).
    last_task_seed: Option<u64>,
    /// Once a run failed: its task-order seed, kept for shrinking and the record.
    pinned_task_seed: Option<Option<u64>>,
}

impl Runner<'_> {
    fn run(&mut self, spec: &str, record: Option<&Path>) -> Result<Outcome, String> {
        self.runs += 1;
        let task_seed = match self.pinned_task_seed {
            Some(pinned) => pinned,
            None if self.opts.shuffle_tasks && self.runs > 1 => {
                Some(self.opts.seed.wrapping_add(self.runs as u64 - 2))
            }
            None => None,
        };
        self.last_task_seed = task_seed;
        if self.opts.verbose {
            match task_seed {
                Some(t) => eprintln!(
                    "gilvm race: schedule {}: --schedule {spec} --shuffle-tasks {t}",
                    self.runs
                ),
                None => eprintln!("gilvm race: schedule {}: --schedule {spec}", self.runs),
            }
        }
        let log_path = self.dir.join(format!("run-{}.log", self.runs));
        let mut cmd = Command::new(&self.exe);
        cmd.arg("run")
            .arg("--schedule")
            .arg(spec)
            .arg("--switch-points")
            .arg(self.opts.switch_points.name())
            .arg("--race-log")
            .arg(&log_path);
        if let Some(c) = &self.opts.check {
            cmd.arg("--race-check").arg(c);
        }
        if let Some(r) = record {
            cmd.arg("--record-schedule").arg(r);
        }
        if let Some(t) = task_seed {
            cmd.arg("--shuffle-tasks").arg(t.to_string());
        }
        cmd.arg("--").arg(&self.opts.file).args(&self.opts.args);
        cmd.stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot run {}: {e}", self.exe.display()))?;
        let mut out = child.stdout.take().expect("piped");
        let mut err = child.stderr.take().expect("piped");
        let t_out = std::thread::spawn(move || {
            let mut b = Vec::new();
            let _ = out.read_to_end(&mut b);
            b
        });
        let t_err = std::thread::spawn(move || {
            let mut b = Vec::new();
            let _ = err.read_to_end(&mut b);
            b
        });
        let start = Instant::now();
        let mut nap = Duration::from_micros(100);
        let status = loop {
            match child.try_wait() {
                Ok(Some(s)) => break s.code(),
                Ok(None) if start.elapsed() > self.opts.timeout => {
                    let _ = child.kill();
                    let _ = child.wait();
                    self.timeouts += 1;
                    break None;
                }
                Ok(None) => {
                    std::thread::sleep(nap);
                    nap = (nap * 2).min(Duration::from_millis(5));
                }
                Err(e) => return Err(format!("waiting for the run: {e}")),
            }
        };
        let stdout = t_out.join().unwrap_or_default();
        let stderr = t_err.join().unwrap_or_default();
        let log = std::fs::read_to_string(&log_path)
            .ok()
            .and_then(|t| parse_log(&t));
        let _ = std::fs::remove_file(&log_path);
        Ok(Outcome {
            stdout,
            stderr,
            status,
            log,
        })
    }
}

/// The last line of the last traceback in `stderr`, and the thread it came from.
fn uncaught(stderr: &str) -> Option<String> {
    let at = stderr.rfind("Traceback (most recent call last):")?;
    let before = &stderr[..at];
    let thread = before
        .lines()
        .last()
        .and_then(|l| l.strip_prefix("Exception in thread "))
        .map(|t| t.trim_end_matches(':').to_string());
    let last = stderr[at..]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty() && !l.starts_with(' '))
        .unwrap_or("")
        .to_string();
    Some(match thread {
        Some(t) => format!("uncaught {last} in thread {t}"),
        None => format!("uncaught {last}"),
    })
}

fn classify(o: &Outcome, expected: Option<&[u8]>, expected_what: &str) -> Option<Failure> {
    let err = String::from_utf8_lossy(&o.stderr);
    if let Some(at) = err.find("gilvm: deadlock") {
        let first = err[at..].lines().next().unwrap_or("").to_string();
        return Some(Failure {
            kind: "deadlock",
            message: first.trim_start_matches("gilvm: ").to_string(),
        });
    }
    if let Some(m) = uncaught(&err) {
        return Some(Failure {
            kind: "exception",
            message: m,
        });
    }
    match o.status {
        Some(0) => {}
        Some(c) => {
            return Some(Failure {
                kind: "exit",
                message: format!("exit status {c}"),
            })
        }
        // A run that did not end is not counted as a failure: under an unfair
        // schedule a spin-wait can run forever (see docs/race.md).
        None => return None,
    }
    if let Some(Some(Err(why))) = o.log.as_ref().map(|l| l.check.clone()) {
        return Some(Failure {
            kind: "check",
            message: format!("--check failed: {why}"),
        });
    }
    if let Some(exp) = expected {
        if o.stdout != exp {
            let got = String::from_utf8_lossy(&o.stdout);
            let want = String::from_utf8_lossy(exp);
            let line = got
                .lines()
                .zip(want.lines().chain(std::iter::repeat("")))
                .find(|(g, w)| g != w)
                .map(|(g, w)| format!(": got {g:?}, expected {w:?}"))
                .unwrap_or_default();
            return Some(Failure {
                kind: "output",
                message: format!("output differs from {expected_what}{line}"),
            });
        }
    }
    None
}

/// A location: the object and the place in it; containers whose whole is touched
/// (mutator calls, truth tests) count as one location.
type Loc = (u64, String);

fn loc_of(a: &Acc, whole: &HashSet<u64>) -> Loc {
    if whole.contains(&a.obj) {
        (a.obj, "*".into())
    } else {
        (a.obj, a.key.clone())
    }
}

/// Standard-library code is not where the user's race is; its accesses are not
/// preemption points and not reported.
fn user_code(a: &Acc) -> bool {
    crate::instruments::race_probe::program_file(&a.file)
}

/// PCT's k for the search: the steps `pct:` counts (shared accesses of the
/// program's own code where another thread could run) in the run without
/// preemption.
fn pct_steps(log: &Log) -> u64 {
    let n = log
        .events
        .iter()
        .filter(|e| matches!(e, Ev::Acc(a) if !a.others.is_empty() && user_code(a)))
        .count();
    n as u64
}

/// Locations that two threads touch while both are alive, at least one writing,
/// with no lock held at every access (Eraser's lockset rule).
fn racy_locations(log: &Log) -> (HashSet<Loc>, HashSet<u64>) {
    let whole: HashSet<u64> = log
        .events
        .iter()
        .filter_map(|e| match e {
            Ev::Acc(a) if a.key == "*" => Some(a.obj),
            _ => None,
        })
        .collect();
    #[derive(Default)]
    struct Info {
        threads: BTreeSet<u64>,
        write: bool,
        lockset: Option<BTreeSet<u64>>,
    }
    let mut info: HashMap<Loc, Info> = HashMap::new();
    for e in &log.events {
        let Ev::Acc(a) = e else { continue };
        if a.alone {
            continue;
        }
        let i = info.entry(loc_of(a, &whole)).or_default();
        i.threads.insert(a.thread);
        i.write |= a.write;
        let held: BTreeSet<u64> = a.locks.iter().copied().collect();
        i.lockset = Some(match i.lockset.take() {
            None => held,
            Some(s) => s.intersection(&held).copied().collect(),
        });
    }
    let racy = info
        .into_iter()
        .filter(|(_, i)| {
            i.threads.len() >= 2 && i.write && i.lockset.as_ref().is_none_or(|s| s.is_empty())
        })
        .map(|(l, _)| l)
        .collect();
    (racy, whole)
}

/// The `preempt:` points that reproduce a run from its log.
fn points_of(log: &Log) -> Vec<Point> {
    log.events
        .iter()
        .filter_map(|e| match *e {
            Ev::Switch {
                from,
                from_own,
                to,
                at_wait,
            } if from != 0 => Some(Point {
                thread: from,
                own: from_own,
                to,
                at_wait,
            }),
            _ => None,
        })
        .collect()
}

fn preemptions(points: &[Point]) -> usize {
    points.iter().filter(|p| !p.at_wait).count()
}

/// The result of a search.
struct Found {
    spec: String,
    /// The points reproduce a recorded run exactly (`switches:`), not `preempt:`.
    strict: bool,
    points: Vec<Point>,
    failure: Failure,
    /// The schedule number (1 = the run without preemption) that failed first.
    at_schedule: u32,
    first_spec: String,
    first_preemptions: usize,
}

pub fn run(opts: RaceOptions) -> i32 {
    let t0 = Instant::now();
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("gilvm race: cannot find the gilvm executable: {e}");
            return 2;
        }
    };
    if !Path::new(&opts.file).exists() {
        eprintln!(
            "gilvm race: can't open file '{}': No such file or directory",
            opts.file
        );
        return 2;
    }
    let expected_file = match &opts.expect_output {
        Some(p) => match std::fs::read(p) {
            Ok(b) => Some(b),
            Err(e) => {
                eprintln!("gilvm race: cannot read {}: {e}", p.display());
                return 2;
            }
        },
        None => None,
    };
    let dir = std::env::temp_dir().join(format!("gilvm-race-{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("gilvm race: cannot create {}: {e}", dir.display());
        return 2;
    }
    let mut r = Runner {
        opts: &opts,
        exe,
        dir: dir.clone(),
        runs: 0,
        timeouts: 0,
        last_task_seed: None,
        pinned_task_seed: None,
    };
    let status = search(&mut r, &opts, expected_file, t0);
    let _ = std::fs::remove_dir_all(&dir);
    status
}

fn search(
    r: &mut Runner<'_>,
    opts: &RaceOptions,
    expected_file: Option<Vec<u8>>,
    t0: Instant,
) -> i32 {
    // Schedule 1: no preemption at all (each thread runs until it waits or ends).
    let base = match r.run("preempt:", None) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("gilvm race: {e}");
            return 2;
        }
    };
    let Some(base_log) = base.log.clone() else {
        eprintln!(
            "gilvm race: the program did not run under a schedule:\n{}",
            String::from_utf8_lossy(&base.stderr)
        );
        return 2;
    };
    if let Some(Err(why)) = &base_log.check {
        if why.starts_with("syntax error") || why.contains(" raised ") {
            eprintln!(
                "gilvm race: --check {}: {why} (in the run without preemption)",
                opts.check.as_deref().unwrap_or("")
            );
            return 2;
        }
    }
    let (expected, what): (Option<Vec<u8>>, &str) = match (&expected_file, opts.expect_same) {
        (Some(b), _) => (Some(b.clone()), "--expect-output"),
        (None, true) => (Some(base.stdout.clone()), "the run without preemption"),
        (None, false) => (None, ""),
    };
    let fails = |o: &Outcome| classify(o, expected.as_deref(), what);
    // (Unless the task order varies: one thread's asyncio tasks can still race.)
    if base_log.names.len() <= 1 && !opts.shuffle_tasks && fails(&base).is_none() {
        // One thread only: every schedule is this one.
        let secs = t0.elapsed().as_secs_f64();
        if opts.json {
            println!(
                "{{\"program\":{:?},\"failed\":false,\"schedules_run\":1,\"complete\":true,\"seconds\":{secs:.3},\"claim\":\"the program runs one thread\"}}",
                opts.file
            );
        } else {
            println!(
                "gilvm race: {}: the program starts no thread, so every schedule is the same: no failing schedule (1 schedule run, {secs:.2} s)",
                opts.file
            );
        }
        return 0;
    }
    let mut found: Option<Found> = None;
    if let Some(f) = fails(&base) {
        found = Some(Found {
            strict: false,
            spec: "preempt:".into(),
            points: vec![],
            failure: f,
            at_schedule: 1,
            first_spec: "preempt:".into(),
            first_preemptions: 0,
        });
    }
    let mut dfs_complete = None;
    if found.is_none() {
        match opts.strategy {
            Strategy::Dfs => {
                let (f, complete) = dfs(r, opts.max_preemptions, opts.runs, &base_log, &fails);
                found = f;
                dfs_complete = Some(complete);
            }
            Strategy::Pct | Strategy::Random => {
                found = sample(r, opts, pct_steps(&base_log).max(1), &fails);
            }
        }
    }
    let explored = r.runs;
    let Some(mut found) = found else {
        return report_none(r, opts, explored, dfs_complete, t0);
    };
    // The failing run's task order stays fixed while its thread schedule shrinks.
    let task_seed = r.last_task_seed;
    r.pinned_task_seed = Some(task_seed);
    // Shrink: fewest preemptions, then drop wait choices (fewer switches).
    let mut shrink_runs = 0;
    // A dfs result has the fewest preemptions already (breadth first).
    if opts.shrink && found.strict && !found.points.is_empty() {
        let before = r.runs;
        found.points = shrink(r, &found.points, found.strict, &found.failure, &fails);
        found.spec = describe_points(&found.points, found.strict);
        // Still more than one preemption: a short bounded search from the run
        // without preemption may need fewer (the same kind of failure).
        let n = preemptions(&found.points) as u32;
        if n > 1 {
            let kind = found.failure.kind;
            let same = |o: &Outcome| fails(o).filter(|f| f.kind == kind);
            if let (Some(f), _) = dfs(r, n - 1, r.runs + 100, &base_log, &same) {
                found.points = f.points;
                found.spec = f.spec;
                found.strict = false;
            }
        }
        shrink_runs = r.runs - before;
    }
    // The final run writes the replayable schedule and the log the trace comes from.
    let out = opts.output.clone().unwrap_or_else(free_schedule_name);
    let last = match r.run(&found.spec, Some(&out)) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("gilvm race: {e}");
            return 2;
        }
    };
    let failure = fails(&last).unwrap_or(found.failure.clone());
    let log = last.log.clone().unwrap_or_default();
    let trace = causal_trace(&log, &opts.file);
    let secs = t0.elapsed().as_secs_f64();
    let replay = format!(
        "gilvm run --schedule replay:{}{}{} {}{}",
        out.display(),
        if opts.switch_points == SwitchPoints::Every {
            String::new()
        } else {
            format!(" --switch-points {}", opts.switch_points.name())
        },
        match task_seed {
            Some(t) => format!(" --shuffle-tasks {t}"),
            None => String::new(),
        },
        opts.file,
        opts.args
            .iter()
            .map(|a| format!(" {a}"))
            .collect::<String>()
    );
    let npre = preemptions(&found.points);
    if opts.json {
        let mut w = JsonWriter::new();
        w.open_obj();
        w.key("program");
        w.string(&opts.file);
        w.key("strategy");
        w.string(opts.strategy.name());
        w.key("seed");
        w.uint(opts.seed);
        w.key("failed");
        w.bool(true);
        w.key("schedules_run");
        w.uint(explored as u64);
        w.key("first_failing_schedule");
        w.uint(found.at_schedule as u64);
        w.key("first_failing_spec");
        w.string(&found.first_spec);
        w.key("shrink_runs");
        w.uint(shrink_runs as u64);
        w.key("seconds");
        w.fixed(secs, 3);
        w.key("failure");
        w.open_obj();
        w.key("kind");
        w.string(failure.kind);
        w.key("message");
        w.string(&failure.message);
        w.close_obj();
        w.key("schedule_file");
        w.string(&out.display().to_string());
        w.key("replay");
        w.string(&replay);
        w.key("spec");
        w.string(&found.spec);
        w.key("shuffle_tasks");
        match task_seed {
            Some(t) => w.uint(t),
            None => w.null(),
        }
        w.key("preemptions");
        w.uint(npre as u64);
        w.key("instructions");
        w.uint(log.steps);
        w.key("trace");
        w.open_arr();
        for t in &trace.lines {
            w.string(t);
        }
        w.close_arr();
        w.close_obj();
        println!("{}", w.finish());
        return 1;
    }
    let mut o = String::new();
    let _ = writeln!(
        o,
        "gilvm race: {}: FAILED (strategy {}, seed {}): schedule {} of the search fails",
        opts.file,
        opts.strategy.name(),
        opts.seed,
        found.at_schedule
    );
    let _ = writeln!(o, "  failure: {}", failure.message);
    let _ = writeln!(
        o,
        "  schedule: {npre} preemption(s), {} instructions{}",
        log.steps,
        if shrink_runs > 0 {
            format!(
                " (shrunk from {} preemption(s) of {} in {shrink_runs} runs)",
                found.first_preemptions, found.first_spec
            )
        } else {
            String::new()
        }
    );
    if let Some(t) = task_seed {
        let _ = writeln!(
            o,
            "  task order: --shuffle-tasks {t} (asyncio tasks that were ready together ran in the order seed {t} draws)"
        );
    }
    let _ = writeln!(o, "  written to {}", out.display());
    let _ = writeln!(o, "  replay: {replay}");
    o.push('\n');
    match task_seed {
        // One thread ran everything: its last instructions explain nothing; the
        // order of the tasks does, and the timeline shows it.
        Some(t) if log.names.len() <= 1 => {
            let _ = writeln!(
                o,
                "one thread ran every instruction: the failure depends on the asyncio task order alone.\n\
                 To see the order of the task steps: gilvm run --shuffle-tasks {t} --timeline tasks.svg {}",
                opts.file
            );
        }
        _ => o.push_str(&trace.text),
    }
    let _ = writeln!(
        o,
        "\nsummary: {explored} schedules searched, 1 failing (the last); {} more run(s) to shrink and record it; {:.2} s",
        shrink_runs + 1,
        secs
    );
    print!("{o}");
    1
}

fn report_none(
    r: &Runner<'_>,
    opts: &RaceOptions,
    explored: u32,
    dfs_complete: Option<bool>,
    t0: Instant,
) -> i32 {
    let secs = t0.elapsed().as_secs_f64();
    let claim = match dfs_complete {
        Some(true) => format!(
            "no failing schedule with at most {} preemption(s) ({explored} schedule(s) explored; preemptions only before accesses to data two threads share without a common lock, in the program's own code: docs/race.md)",
            opts.max_preemptions
        ),
        Some(false) => format!(
            "no failing schedule found in {explored} schedules; the search with at most {} preemption(s) was cut off by --runs {}, so it proves nothing",
            opts.max_preemptions, opts.runs
        ),
        None if opts.shuffle_tasks => format!(
            "no failing schedule in {explored} schedules, each after the first with its own asyncio task order"
        ),
        None => format!("no failing schedule in {explored} schedules"),
    };
    if opts.json {
        let mut w = JsonWriter::new();
        w.open_obj();
        w.key("program");
        w.string(&opts.file);
        w.key("strategy");
        w.string(opts.strategy.name());
        w.key("seed");
        w.uint(opts.seed);
        w.key("failed");
        w.bool(false);
        w.key("schedules_run");
        w.uint(explored as u64);
        w.key("complete");
        w.bool(dfs_complete == Some(true));
        w.key("timeouts");
        w.uint(r.timeouts as u64);
        w.key("seconds");
        w.fixed(secs, 3);
        w.key("claim");
        w.string(&claim);
        w.close_obj();
        println!("{}", w.finish());
        return 0;
    }
    println!("gilvm race: {}: {claim}", opts.file);
    if opts.check.is_none() && opts.expect_output.is_none() && !opts.expect_same {
        println!("  (only exceptions, deadlocks and exit statuses were checked; compare output with --expect-same or --expect-output FILE, or state an invariant with --check EXPR)");
    }
    if r.timeouts > 0 {
        println!(
            "  {} run(s) did not end within {} s and were not counted as failing",
            r.timeouts,
            opts.timeout.as_secs_f64()
        );
    }
    println!("\nsummary: {explored} schedule(s) run, 0 failing, {secs:.2} s");
    0
}

/// race-1.sched, or the first race-N.sched that does not exist yet.
fn free_schedule_name() -> PathBuf {
    (1..)
        .map(|n| PathBuf::from(format!("race-{n}.sched")))
        .find(|p| !p.exists())
        .expect("some name is free")
}

/// PCT and random sampling.
fn sample(
    r: &mut Runner<'_>,
    opts: &RaceOptions,
    steps: u64,
    fails: &dyn Fn(&Outcome) -> Option<Failure>,
) -> Option<Found> {
    let budget = opts.runs.max(2) - 1;
    for i in 0..budget {
        let seed = opts.seed.wrapping_add(i as u64);
        let spec = match opts.strategy {
            Strategy::Pct if i < budget * 2 / 3 || budget < 3 => {
                format!("pct:{seed}:{}:{steps}", 2 + i % 3)
            }
            _ => format!("random:{seed}:{}", [4, 16, 64][(i % 3) as usize]),
        };
        let o = r.run(&spec, None).ok()?;
        if let Some(f) = fails(&o) {
            let points = o.log.as_ref().map(points_of).unwrap_or_default();
            return Some(Found {
                first_preemptions: preemptions(&points),
                spec: describe_points(&points, true),
                strict: true,
                points,
                failure: f,
                at_schedule: r.runs,
                first_spec: spec,
            });
        }
    }
    None
}

/// Bounded exhaustive search: breadth first by number of preemptions. A child adds
/// one preemption after the parent's last one, before a user-code access to a racy
/// location, to a thread that could run there. Returns whether the bounded space
/// was exhausted.
fn dfs(
    r: &mut Runner<'_>,
    max_preemptions: u32,
    run_limit: u32,
    base: &Log,
    fails: &dyn Fn(&Outcome) -> Option<Failure>,
) -> (Option<Found>, bool) {
    // (points, the log of the run they produced)
    let mut level: Vec<(Vec<Point>, Log)> = vec![(vec![], base.clone())];
    let mut seen: HashSet<Vec<Point>> = HashSet::new();
    for _depth in 0..max_preemptions {
        let mut next = Vec::new();
        for (points, log) in &level {
            for child in children(points, log) {
                if !seen.insert(child.clone()) {
                    continue;
                }
                if r.runs >= run_limit {
                    return (None, false);
                }
                let spec = describe_points(&child, false);
                let Ok(o) = r.run(&spec, None) else {
                    return (None, false);
                };
                if let Some(f) = fails(&o) {
                    return (
                        Some(Found {
                            strict: false,
                            first_preemptions: preemptions(&child),
                            spec: spec.clone(),
                            points: child,
                            failure: f,
                            at_schedule: r.runs,
                            first_spec: spec,
                        }),
                        false,
                    );
                }
                if let Some(l) = o.log {
                    next.push((child, l));
                }
            }
        }
        level = next;
    }
    (None, true)
}

fn children(points: &[Point], log: &Log) -> Vec<Vec<Point>> {
    let (racy, whole) = racy_locations(log);
    // Events before the parent's last preemption are fixed.
    let last = points.iter().rfind(|p| !p.at_wait);
    let mut start = 0;
    if let Some(p) = last {
        for (i, e) in log.events.iter().enumerate() {
            if let Ev::Switch {
                from,
                from_own,
                at_wait: false,
                ..
            } = e
            {
                if *from == p.thread && *from_own == p.own {
                    start = i + 1;
                }
            }
        }
    }
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    for e in &log.events[start.min(log.events.len())..] {
        let Ev::Acc(a) = e else { continue };
        if a.alone || !user_code(a) || !racy.contains(&loc_of(a, &whole)) {
            continue;
        }
        for &to in &a.others {
            let mut c = points.to_vec();
            c.push(Point {
                thread: a.thread,
                own: a.own,
                to,
                at_wait: false,
            });
            // Writes first: a switch just before a store is where updates get lost.
            if a.write {
                writes.push(c);
            } else {
                reads.push(c);
            }
        }
    }
    writes.extend(reads);
    writes
}

/// Removes points while the run still fails the same way (ddmin-like: halves, then
/// quarters, ... then single points), preemptions first, then wait choices.
fn shrink(
    r: &mut Runner<'_>,
    points: &[Point],
    strict: bool,
    failure: &Failure,
    fails: &dyn Fn(&Outcome) -> Option<Failure>,
) -> Vec<Point> {
    const BUDGET: u32 = 300;
    let start = r.runs;
    let mut cur = points.to_vec();
    let still = |r: &mut Runner<'_>, c: &[Point]| -> bool {
        r.run(&describe_points(c, strict), None)
            .ok()
            .and_then(|o| fails(&o))
            .is_some_and(|f| f.kind == failure.kind)
    };
    // The conversion to `preempt:` points must reproduce the failure first.
    if !still(r, &cur) {
        return cur;
    }
    for waits in [false, true] {
        let mut chunk = cur.iter().filter(|p| p.at_wait == waits).count().max(1);
        while chunk >= 1 {
            let mut i = 0;
            let mut changed = false;
            loop {
                let idx: Vec<usize> = cur
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.at_wait == waits)
                    .map(|(i, _)| i)
                    .collect();
                if i >= idx.len() || r.runs - start >= BUDGET {
                    break;
                }
                let drop: HashSet<usize> =
                    idx[i..(i + chunk).min(idx.len())].iter().copied().collect();
                let cand: Vec<Point> = cur
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| !drop.contains(j))
                    .map(|(_, p)| *p)
                    .collect();
                if still(r, &cand) {
                    cur = cand;
                    changed = true;
                } else {
                    i += chunk;
                }
            }
            if r.runs - start >= BUDGET {
                break;
            }
            if chunk == 1 && !changed {
                break;
            }
            if chunk > 1 {
                chunk /= 2;
            } else if !changed {
                break;
            }
        }
    }
    cur
}

struct Trace {
    text: String,
    lines: Vec<String>,
}

/// Source lines by file (read once).
struct Sources(HashMap<String, Vec<String>>);

impl Sources {
    fn line(&mut self, file: &str, line: u32) -> String {
        let lines = self.0.entry(file.to_string()).or_insert_with(|| {
            if file.starts_with('<') {
                return vec![];
            }
            std::fs::read_to_string(file)
                .map(|t| t.lines().map(str::to_string).collect())
                .unwrap_or_default()
        });
        lines
            .get(line.wrapping_sub(1) as usize)
            .map(|l| l.trim().to_string())
            .unwrap_or_default()
    }
}

/// `T2`: thread numbers as the log has them (1 is the main thread).
fn tname(t: u64) -> String {
    format!("T{t}")
}

fn short_file(f: &str) -> &str {
    f.rsplit('/').next().unwrap_or(f)
}

/// The explanation: the last unserializable interleaving of accesses to one
/// location (T, then another thread, then T again: read-write-read, read-write-write,
/// write-write-read or write-read-write), with the switches between; else each
/// thread's last instructions around the last switches.
fn causal_trace(log: &Log, _program: &str) -> Trace {
    let mut src = Sources(HashMap::new());
    let (_, whole) = racy_locations(log);
    let mut objs: HashMap<u64, usize> = HashMap::new();
    let mut lines = Vec::new();
    // Per location: positions of user-code accesses by threads that ran beside others.
    let mut per_loc: HashMap<Loc, Vec<usize>> = HashMap::new();
    for (i, e) in log.events.iter().enumerate() {
        if let Ev::Acc(a) = e {
            if !a.alone && user_code(a) {
                per_loc.entry(loc_of(a, &whole)).or_default().push(i);
            }
        }
    }
    let acc = |i: usize| match &log.events[i] {
        Ev::Acc(a) => a,
        Ev::Switch { .. } => unreachable!("positions of accesses"),
    };
    // The latest (a1, a2, a3) over all locations.
    let mut best: Option<(usize, usize, usize, Loc, (u8, u64, usize))> = None;
    for (loc, pos) in &per_loc {
        let mut last_of: HashMap<u64, usize> = HashMap::new();
        for (k, &i) in pos.iter().enumerate() {
            let a3 = acc(i);
            if let Some(&k1) = last_of.get(&a3.thread) {
                let a1 = acc(pos[k1]);
                for &j in pos[k1 + 1..k].iter().rev() {
                    let a2 = acc(j);
                    if a2.thread == a3.thread {
                        continue;
                    }
                    let bad = matches!(
                        (a1.write, a2.write, a3.write),
                        (false, true, false)
                            | (false, true, true)
                            | (true, true, false)
                            | (true, false, true)
                    );
                    // The likeliest cause: a stale read used (read-write-write, then
                    // read-write-read) over the other patterns, then the tightest
                    // (fewest instructions of T between its two accesses), then the latest.
                    let class = match (a1.write, a3.write) {
                        (false, true) => 0,
                        (false, false) => 1,
                        (true, true) => 2,
                        (true, false) => 3,
                    };
                    let score = (class, a3.own.saturating_sub(a1.own), usize::MAX - i);
                    if bad && best.as_ref().is_none_or(|b| score < b.4) {
                        best = Some((pos[k1], j, i, loc.clone(), score));
                    }
                    if bad {
                        break;
                    }
                }
            }
            last_of.insert(a3.thread, k);
        }
    }
    let mut text = String::new();
    let obj_name = |a: &Acc, objs: &mut HashMap<u64, usize>| -> String {
        if a.type_name == "dict" && !a.key.starts_with('[') && a.key != "*" {
            return a.key.clone(); // a global
        }
        let n = objs.len() + 1;
        let n = *objs.entry(a.obj).or_insert(n);
        match a.key.as_str() {
            "*" => format!("{}#{n}", a.type_name),
            k => format!("{}#{n}{k}", a.type_name),
        }
    };
    let mut show = |a: &Acc, note: &str, objs: &mut HashMap<u64, usize>| -> String {
        let what = obj_name(a, objs);
        let v = match (&a.value, a.write) {
            (Some(v), true) if a.key == "*" => format!(" {v}"),
            (Some(v), true) => format!(" <- {v}"),
            (Some(v), false) if a.op == "LOAD_METHOD" => format!(" {v}"),
            (Some(v), false) => format!(" -> {v}"),
            (None, _) => String::new(),
        };
        let s = format!(
            "{} {}:{}  {}  {} {what}{v}{note}",
            tname(a.thread),
            short_file(&a.file),
            a.line,
            src.line(&a.file, a.line),
            a.op
        );
        s
    };
    if let Some((i1, i2, i3, loc, _)) = best {
        let (a1, a2, a3) = (acc(i1), acc(i2), acc(i3));
        let _ = writeln!(
            text,
            "causal trace: {} and {} interleave on {} ({}-{}-{}, not what any serial order gives):",
            tname(a3.thread),
            tname(a2.thread),
            obj_name(a1, &mut objs),
            if a1.write { "write" } else { "read" },
            if a2.write { "write" } else { "read" },
            if a3.write { "write" } else { "read" }
        );
        // Accesses to the location from a1 to a3, with the switches between; long
        // runs of one thread's accesses are elided.
        let pos = &per_loc[&loc];
        let window: Vec<usize> = pos
            .iter()
            .copied()
            .filter(|&p| p >= i1 && p <= i3)
            .collect();
        let mut k = 0;
        let mut prev = i1;
        while k < window.len() {
            let i = window[k];
            // Switches between two accesses in one line: "switch to T1 -> T3".
            let hops: Vec<String> = log.events[prev..i]
                .iter()
                .filter_map(|e| match e {
                    Ev::Switch { to, .. } => Some(tname(*to)),
                    Ev::Acc(_) => None,
                })
                .collect();
            if !hops.is_empty() {
                lines.push(format!("  switch to {}", hops.join(" -> ")));
            }
            // A run of the same thread's accesses: first two, "...", last two.
            let t = acc(i).thread;
            let mut end = k;
            while end + 1 < window.len()
                && acc(window[end + 1]).thread == t
                && !log.events[window[end]..window[end + 1]]
                    .iter()
                    .any(|e| matches!(e, Ev::Switch { .. }))
            {
                end += 1;
            }
            let run: Vec<usize> = window[k..=end].to_vec();
            let keep = |j: usize| j < 2 || j + 2 >= run.len() || run[j] == i2;
            let mut elided = 0;
            for (j, &p) in run.iter().enumerate() {
                if !keep(j) {
                    elided += 1;
                    continue;
                }
                if elided > 0 {
                    lines.push(format!("    ... {elided} more accesses by {}", tname(t)));
                    elided = 0;
                }
                let note = if p == i3 {
                    match (a1.write, a3.write, a1.key == "*" || loc.1 == "*") {
                        (false, true, false) => format!(
                            "   (overwrites {}'s write: {}'s update is lost)",
                            tname(a2.thread),
                            tname(a2.thread)
                        ),
                        (false, true, true) => format!(
                            "   (acts on what {} changed after {} looked at it)",
                            tname(a2.thread),
                            tname(a3.thread)
                        ),
                        (false, false, _) => format!(
                            "   (changed by {} since {} read it at line {}: check-then-act)",
                            tname(a2.thread),
                            tname(a3.thread),
                            a1.line
                        ),
                        (true, false, _) => {
                            format!("   (reads {}'s value, not its own)", tname(a2.thread))
                        }
                        (true, true, _) => format!(
                            "   ({} saw the value between {}'s two writes)",
                            tname(a2.thread),
                            tname(a3.thread)
                        ),
                    }
                } else {
                    String::new()
                };
                lines.push(format!("  {}", show(acc(p), &note, &mut objs)));
            }
            prev = run[run.len() - 1];
            k = end + 1;
        }
    } else {
        let _ = writeln!(
            text,
            "no conflicting accesses to shared data in the program's own code; each thread's last instructions and the switches between them:"
        );
        // Merge the recent instructions by step, with switch marks where the thread changes.
        let mut rec = log.recent.clone();
        rec.sort_by_key(|r| r.1);
        let tail = rec.len().saturating_sub(24);
        let mut cur = 0;
        for (t, _step, file, line, op) in &rec[tail..] {
            if *t != cur && cur != 0 {
                lines.push(format!("  switch to {}", tname(*t)));
            }
            cur = *t;
            lines.push(format!(
                "  {} {}:{}  {}  {op}",
                tname(*t),
                short_file(file),
                line,
                src.line(file, *line)
            ));
        }
    }
    for l in &lines {
        text.push_str(l);
        text.push('\n');
    }
    let names: Vec<String> = log
        .names
        .iter()
        .map(|(id, n)| format!("{} = {n}", tname(*id)))
        .collect();
    let _ = writeln!(text, "threads: {}", names.join(", "));
    Trace { text, lines }
}
