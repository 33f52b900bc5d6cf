//! `gilvm bench`: runs workloads over a grid of thread counts, switch intervals, GIL
//! policies and switch-point modes, each run in a fresh `gilvm run` subprocess, and
//! reports a table, JSON, CSV and charts.

use super::chrome_trace::format_interval;
use super::json::{self, Json, JsonWriter};
use super::svg::{self, Chart, Series};
use crate::gil::{SwitchPoints, SwitchPolicy};
use std::fmt::Write as _;
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The built-in workloads, embedded so `gilvm bench` works from any directory.
pub const BUILTIN: [(&str, &str); 7] = [
    ("cpu", include_str!("../../programs/bench/workloads/cpu.py")),
    ("io", include_str!("../../programs/bench/workloads/io.py")),
    (
        "mixed",
        include_str!("../../programs/bench/workloads/mixed.py"),
    ),
    (
        "convoy",
        include_str!("../../programs/bench/workloads/convoy.py"),
    ),
    (
        "fair",
        include_str!("../../programs/bench/workloads/fair.py"),
    ),
    // io's sleeps and reads done by N asyncio tasks on one thread, beside io's N threads.
    (
        "tasks",
        include_str!("../../programs/bench/workloads/tasks.py"),
    ),
    // A threaded and an asyncio TCP echo server on loopback, alone and beside N CPU
    // threads: requests/s and round-trip latency (the convoy effect on real I/O).
    (
        "echo",
        include_str!("../../programs/bench/workloads/echo.py"),
    ),
];

/// Everything `gilvm bench` was asked to do.
#[derive(Clone, Debug)]
pub struct BenchOptions {
    /// Built-in names (`cpu`, `io`, `mixed`) or paths of Python files.
    pub workloads: Vec<String>,
    pub threads: Vec<u32>,
    pub intervals: Vec<Duration>,
    pub policies: Vec<SwitchPolicy>,
    pub switch_points: Vec<SwitchPoints>,
    /// `--gil on,off`: false runs with the GIL, true under `--gil off` (where
    /// policies and switch points do not apply: those runs take the first of each,
    /// and repeat every interval, which changes nothing for them, as a control).
    pub gil_off: Vec<bool>,
    pub repeat: u32,
    pub seed: Option<u64>,
    /// Work multiplier passed to built-in workloads as `sys.argv[2]`; None calibrates
    /// each built-in workload (see [`CALIBRATE_TARGET`]).
    pub scale: Option<u32>,
    pub timeout: Duration,
    pub json: Option<PathBuf>,
    pub csv: Option<PathBuf>,
    pub svg: Option<PathBuf>,
}

struct Workload {
    name: String,
    path: PathBuf,
    builtin: bool,
    /// `sys.argv[2]` for a built-in workload (1 = its own default size).
    scale: u32,
    /// How the scale was found, for the table and the JSON.
    calibration: Option<Calibration>,
}

/// How long a built-in workload's one-thread run should last by default: long enough
/// that interpreter start-up, timer slack and other programs' noise are a small part
/// of every cell (at 8-21 ms, noise drew a 2.54x CPU-bound "speedup" under the GIL).
pub const CALIBRATE_TARGET: Duration = Duration::from_millis(300);

/// The calibration of one built-in workload.
#[derive(Clone, Copy, Debug)]
struct Calibration {
    /// The workload's own `seconds=` at one thread and scale 1.
    base_s: f64,
    /// The last calibration run: its scale and time.
    probe_scale: u32,
    probe_s: f64,
}

/// One subprocess: one cell of the grid, one repetition.
#[derive(Clone, Debug)]
struct Run {
    workload: usize,
    threads: u32,
    interval: Duration,
    policy: SwitchPolicy,
    points: SwitchPoints,
    gil_off: bool,
    rep: u32,
    /// Position in the shuffled order (1-based).
    order: usize,
    /// The workload's own `seconds=`/`elapsed=` if it printed one, else `wall_s`.
    time_s: f64,
    wall_s: f64,
    acquisitions: u64,
    forced_switches: u64,
    drop_requests: u64,
    waiting_s: f64,
    held_s: f64,
    blocked_s: f64,
    /// Time a thread held the GIL without running on a CPU (held minus the threads'
    /// own CPU time): other programs had the cores. Holds never overlap under the
    /// GIL, so this is time the program as a whole lost to the machine's load.
    stolen_s: f64,
    values: Vec<(String, String)>,
}

impl Run {
    /// The measured time with the load's share taken out: the stolen share of the
    /// whole run is assumed to fall evenly on the measured section (start-up and exit
    /// outside it are a few milliseconds of a calibrated ~300 ms run).
    fn own_time_s(&self) -> f64 {
        let share = if self.wall_s > 0.0 {
            (self.stolen_s / self.wall_s).clamp(0.0, 0.95)
        } else {
            0.0
        };
        self.time_s * (1.0 - share)
    }

    fn value(&self, k: &str) -> Option<f64> {
        self.values
            .iter()
            .find(|(key, _)| key == k)
            .and_then(|(_, v)| v.trim().parse().ok())
    }
}

/// A cell's runs reduced to medians.
struct Cell {
    workload: usize,
    threads: u32,
    interval: Duration,
    policy: SwitchPolicy,
    points: SwitchPoints,
    gil_off: bool,
    runs: Vec<Run>,
    time_s: f64,
    min_s: f64,
    max_s: f64,
    /// Work per second relative to the same workload and interval at one thread,
    /// on time the program had a CPU (`Run::own_time_s`).
    speedup: Option<f64>,
    /// The same on plain wall time: what a stopwatch says on this machine now.
    wall_speedup: Option<f64>,
    /// Median share of the run the GIL holder waited for a CPU (`Run::stolen_s`).
    stolen_pct: f64,
    switches: f64,
    acquisitions: f64,
    waiting_ms: f64,
    /// Process CPU time over wall time of the measured section (`cpu_seconds=` /
    /// `seconds=`): at most about one under a GIL for CPU-bound work, whatever the
    /// wall-time speedup says on a machine busy with other programs.
    cores: Option<f64>,
    latency_median_ms: Option<f64>,
    latency_p99_ms: Option<f64>,
    /// convoy: the I/O loop's time per round beside the CPU threads over alone.
    io_slowdown: Option<f64>,
    /// convoy: CPU throughput lost to the I/O thread, per cent.
    cpu_loss_pct: Option<f64>,
    /// fair: the largest thread's share of the work over the smallest's.
    share_max_min: Option<f64>,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.retain(|x| x.is_finite());
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// SplitMix64: a few lines, good enough to shuffle a run order reproducibly.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Removes the scratch directory however the bench ends.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A failure that ends the bench: message for stderr, exit status.
pub struct BenchError(pub String, pub i32);

fn create_output(path: &Option<PathBuf>, what: &str) -> Result<Option<std::fs::File>, BenchError> {
    match path {
        None => Ok(None),
        Some(p) => std::fs::File::create(p).map(Some).map_err(|e| {
            BenchError(
                format!("gilvm bench: cannot write {what} to '{}': {e}", p.display()),
                1,
            )
        }),
    }
}

fn write_output(
    f: Option<std::fs::File>,
    path: &Option<PathBuf>,
    text: &str,
) -> Result<(), BenchError> {
    if let (Some(mut f), Some(p)) = (f, path) {
        f.write_all(text.as_bytes()).map_err(|e| {
            BenchError(
                format!("gilvm bench: cannot write '{}': {e}", p.display()),
                1,
            )
        })?;
    }
    Ok(())
}

/// Runs the whole bench; returns the exit status (messages already printed).
pub fn run(opts: BenchOptions) -> i32 {
    match run_inner(opts) {
        Ok(()) => 0,
        Err(BenchError(msg, code)) => {
            eprintln!("{msg}");
            code
        }
    }
}

fn run_inner(opts: BenchOptions) -> Result<(), BenchError> {
    let exe = std::env::current_exe()
        .map_err(|e| BenchError(format!("gilvm bench: cannot find own executable: {e}"), 1))?;
    let scratch = Scratch(std::env::temp_dir().join(format!(
        "gilvm-bench-{}-{}",
        std::process::id(),
        seed_from_time()
    )));
    std::fs::create_dir_all(&scratch.0).map_err(|e| {
        BenchError(
            format!("gilvm bench: cannot create '{}': {e}", scratch.0.display()),
            1,
        )
    })?;

    let mut workloads = Vec::new();
    for w in &opts.workloads {
        if let Some((name, src)) = BUILTIN.iter().find(|(n, _)| n == w) {
            let path = scratch.0.join(format!("{name}.py"));
            std::fs::write(&path, src).map_err(|e| {
                BenchError(
                    format!("gilvm bench: cannot write '{}': {e}", path.display()),
                    1,
                )
            })?;
            workloads.push(Workload {
                name: name.to_string(),
                path,
                builtin: true,
                scale: opts.scale.unwrap_or(1),
                calibration: None,
            });
        } else {
            let path = Path::new(w);
            if !path.is_file() {
                return Err(BenchError(
                    format!(
                        "gilvm bench: '{w}' is neither a built-in workload (cpu, io, mixed, convoy, fair, tasks, echo) nor a file"
                    ),
                    2,
                ));
            }
            let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            workloads.push(Workload {
                name: w.clone(),
                path: abs,
                builtin: false,
                scale: 1,
                calibration: None,
            });
        }
    }
    // Open outputs before spending minutes on runs, so a bad path fails at once.
    let json_file = create_output(&opts.json, "JSON")?;
    let csv_file = create_output(&opts.csv, "CSV")?;
    let svg_file = create_output(&opts.svg, "SVG")?;

    let stats_path = scratch.0.join("stats.json");
    if opts.scale.is_none() {
        for w in workloads.iter_mut().filter(|w| w.builtin) {
            let cal = calibrate(&exe, w, &opts, &stats_path).map_err(|msg| {
                BenchError(format!("gilvm bench: calibrating {}: {msg}", w.name), 1)
            })?;
            eprintln!(
                "gilvm bench: calibrated {}: scale {} (one thread took {:.1} ms at scale 1, {:.1} ms at scale {}; target {} ms)",
                w.name,
                w.scale,
                cal.base_s * 1e3,
                cal.probe_s * 1e3,
                cal.probe_scale,
                CALIBRATE_TARGET.as_millis()
            );
            w.calibration = Some(cal);
        }
    }

    let seed = opts.seed.unwrap_or_else(seed_from_time);
    let mut rng = SplitMix(seed);
    // One block per (workload, interval, policy, points, repeat) holds every thread
    // count back to back, in shuffled order; the blocks are shuffled too. A speedup
    // is then a ratio of runs seconds apart, taken per block (see `aggregate`), so
    // load that comes and goes on a shared machine cancels instead of deciding it:
    // with a whole-grid shuffle alone, a 1-thread run at a busy moment drew 2.69x.
    let mut blocks = Vec::new();
    for (wi, _) in workloads.iter().enumerate() {
        for &interval in &opts.intervals {
            for (gil_off, policy, points) in variants(&opts) {
                for rep in 0..opts.repeat {
                    let mut block: Vec<Planned> = opts
                        .threads
                        .iter()
                        .map(|&threads| Planned {
                            wi,
                            threads,
                            interval,
                            policy,
                            points,
                            gil_off,
                            rep,
                        })
                        .collect();
                    fisher_yates(&mut block, &mut rng);
                    blocks.push(block);
                }
            }
        }
    }
    fisher_yates(&mut blocks, &mut rng);
    let plan: Vec<Planned> = blocks.into_iter().flatten().collect();
    eprintln!(
        "gilvm bench: {} runs ({} workload(s) x {} thread count(s) x {} interval(s) x {} policy(ies) x {} switch-point mode(s){} x {} repeat(s)) in random order (every thread count of a cell back to back), seed {seed}",
        plan.len(),
        workloads.len(),
        opts.threads.len(),
        opts.intervals.len(),
        opts.policies.len(),
        opts.switch_points.len(),
        if opts.gil_off.contains(&true) {
            if opts.gil_off.contains(&false) {
                ", and the same without a GIL"
            } else {
                ", all without a GIL"
            }
        } else {
            ""
        },
        opts.repeat
    );

    let mut progress = Progress::new(plan.len());
    let mut runs = Vec::with_capacity(plan.len());
    for (i, p) in plan.iter().enumerate() {
        let w = &workloads[p.wi];
        let what = if p.gil_off {
            format!(
                "{} threads={} interval={} gil=off",
                w.name,
                p.threads,
                format_interval(p.interval)
            )
        } else {
            format!(
                "{} threads={} interval={} policy={} switch-points={}",
                w.name,
                p.threads,
                format_interval(p.interval),
                p.policy.name(),
                p.points.name()
            )
        };
        progress.show(i, &what);
        let mut run = run_one(&exe, w, p, &opts, &stats_path).map_err(|msg| {
            progress.finish();
            BenchError(format!("gilvm bench: {what}: {msg}"), 1)
        })?;
        run.workload = p.wi;
        run.rep = p.rep;
        run.order = i + 1;
        runs.push(run);
    }
    progress.show(plan.len(), "done");
    progress.finish();

    let cells = aggregate(&workloads, &opts, runs);
    print!("{}", table(&workloads, &cells, seed, &opts));
    let _ = std::io::stdout().flush();
    write_output(
        json_file,
        &opts.json,
        &to_json(&workloads, &cells, seed, &opts),
    )?;
    write_output(csv_file, &opts.csv, &to_csv(&workloads, &cells))?;
    write_output(svg_file, &opts.svg, &to_svg(&workloads, &cells))?;
    drop(scratch);
    Ok(())
}

/// One run of the plan, before it runs.
struct Planned {
    wi: usize,
    threads: u32,
    interval: Duration,
    policy: SwitchPolicy,
    points: SwitchPoints,
    gil_off: bool,
    rep: u32,
}

/// The GIL settings the grid compares: every policy and switch-point mode with the
/// GIL, and one variant without it.
fn variants(opts: &BenchOptions) -> Vec<Variant> {
    let mut v = Vec::new();
    for &off in &opts.gil_off {
        if off {
            v.push((
                true,
                opts.policies.first().copied().unwrap_or_default(),
                opts.switch_points.first().copied().unwrap_or_default(),
            ));
            continue;
        }
        for &policy in &opts.policies {
            for &points in &opts.switch_points {
                v.push((false, policy, points));
            }
        }
    }
    v
}

/// Interleaving spreads slow drift (thermal, other load on the machine) over every
/// cell instead of favouring whichever ran first.
fn fisher_yates<T>(v: &mut [T], rng: &mut SplitMix) {
    for i in (1..v.len()).rev() {
        v.swap(i, rng.below(i + 1));
    }
}

fn seed_from_time() -> u64 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    // Keep seeds short enough to retype.
    (t ^ u64::from(std::process::id()).rotate_left(32)) % 1_000_000_000
}

/// Finds the scale at which `w`'s one-thread run lasts about [`CALIBRATE_TARGET`]:
/// runs it at 1 thread and the first grid interval, growing the scale by what the
/// last run's own `seconds=` predicts, until a run lasts at least half the target
/// (so the prediction rests on a measurement well above timer and start-up noise).
fn calibrate(
    exe: &Path,
    w: &mut Workload,
    opts: &BenchOptions,
    stats_path: &Path,
) -> Result<Calibration, String> {
    let interval = opts
        .intervals
        .first()
        .copied()
        .unwrap_or(crate::gil::DEFAULT_SWITCH_INTERVAL);
    let target = CALIBRATE_TARGET.as_secs_f64();
    const MAX_SCALE: u32 = 10_000;
    let mut scale = 1u32;
    let mut base_s = None;
    loop {
        w.scale = scale;
        let one = Planned {
            wi: 0,
            threads: 1,
            interval,
            policy: opts.policies.first().copied().unwrap_or_default(),
            points: opts.switch_points.first().copied().unwrap_or_default(),
            gil_off: opts.gil_off.first().copied().unwrap_or(false),
            rep: 0,
        };
        let t = run_one(exe, w, &one, opts, stats_path)?.time_s;
        let base = *base_s.get_or_insert(t);
        // A run too short to time (or one that reports nothing) still grows the scale.
        let predicted = (f64::from(scale) * target / t.max(1e-4)).ceil();
        let next = predicted.clamp(1.0, f64::from(MAX_SCALE)) as u32;
        if t >= target / 2.0 || scale >= MAX_SCALE {
            w.scale = next.max(1);
            return Ok(Calibration {
                base_s: base,
                probe_scale: scale,
                probe_s: t,
            });
        }
        // Grow at most 64x per step: a first run dominated by noise must not overshoot.
        scale = next.min(scale.saturating_mul(64)).max(scale + 1);
    }
}

/// Runs one workload in a fresh `gilvm run` and collects its figures.
fn run_one(
    exe: &Path,
    w: &Workload,
    p: &Planned,
    opts: &BenchOptions,
    stats_path: &Path,
) -> Result<Run, String> {
    let (threads, interval) = (p.threads, p.interval);
    let _ = std::fs::remove_file(stats_path);
    let mut cmd = Command::new(exe);
    cmd.arg("run");
    if p.gil_off {
        cmd.arg("--gil").arg("off");
    } else {
        cmd.arg("--switch-interval")
            .arg(format!("{:.9}", interval.as_secs_f64()))
            .arg("--gil-policy")
            .arg(p.policy.name())
            .arg("--switch-points")
            .arg(p.points.name());
    }
    cmd.arg("--gil-stats-json")
        .arg(stats_path)
        .arg(&w.path)
        .arg(threads.to_string());
    if w.builtin && w.scale != 1 {
        cmd.arg(w.scale.to_string());
    }
    if let Some(dir) = w.path.parent() {
        cmd.current_dir(dir);
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start gilvm: {e}"))?;
    // Readers on their own threads, so a chatty workload cannot fill a pipe and stall.
    let read_all = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut buf);
            }
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = read_all(
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let err = read_all(
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    );
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st,
            Ok(None) if start.elapsed() > opts.timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "timed out after {} s (--timeout)",
                    opts.timeout.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_micros(500)),
            Err(e) => return Err(format!("waiting for gilvm: {e}")),
        }
    };
    let wall_s = start.elapsed().as_secs_f64();
    let stdout = out.join().unwrap_or_default();
    let stderr = err.join().unwrap_or_default();
    if !status.success() {
        let tail: Vec<&str> = stderr.lines().rev().take(8).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        let said: Vec<&str> = stdout.lines().filter(|l| l.starts_with("error=")).collect();
        return Err(format!(
            "the workload failed ({status})\n{}{}",
            said.join("\n"),
            if tail.is_empty() {
                String::new()
            } else {
                format!("\n{}", tail.join("\n"))
            }
        ));
    }
    let values: Vec<(String, String)> = stdout
        .lines()
        .filter_map(|l| l.split_once('='))
        .filter(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .map(|(k, v)| (k.to_string(), v.trim().to_string()))
        .collect();
    let stats_text = std::fs::read_to_string(stats_path)
        .map_err(|e| format!("no GIL stats from the run: {e}"))?;
    let stats = json::parse(&stats_text).map_err(|e| format!("GIL stats: {e}"))?;
    let threads_stats = stats
        .get("threads")
        .and_then(Json::as_array)
        .ok_or("GIL stats: no threads")?;
    let sum = |k: &str| -> f64 {
        threads_stats
            .iter()
            .filter_map(|t| t.get(k).and_then(Json::as_f64))
            .sum()
    };
    let mut run = Run {
        workload: 0,
        threads,
        interval,
        policy: p.policy,
        points: p.points,
        gil_off: p.gil_off,
        rep: 0,
        order: 0,
        time_s: wall_s,
        wall_s,
        acquisitions: sum("acquisitions") as u64,
        forced_switches: sum("forced_switches") as u64,
        drop_requests: sum("drop_requests") as u64,
        waiting_s: sum("waiting_ns") / 1e9,
        held_s: sum("held_ns") / 1e9,
        blocked_s: sum("blocked_ns") / 1e9,
        // Holds never overlap under a GIL, so held time not spent on a CPU is time
        // the machine's other programs took. Without a GIL every thread "holds"
        // all along and overlaps the others: there is no such reading.
        stolen_s: if p.gil_off {
            0.0
        } else {
            ((sum("held_ns") - sum("cpu_ns")) / 1e9).max(0.0)
        },
        values,
    };
    if let Some(t) = run.value("elapsed").or_else(|| run.value("seconds")) {
        run.time_s = t;
    }
    Ok(run)
}

fn aggregate(workloads: &[Workload], opts: &BenchOptions, runs: Vec<Run>) -> Vec<Cell> {
    let mut cells = Vec::new();
    let mut keys = Vec::new();
    for wi in 0..workloads.len() {
        for (gil_off, policy, points) in variants(opts) {
            for &interval in &opts.intervals {
                for &threads in &opts.threads {
                    keys.push((wi, gil_off, policy, points, interval, threads));
                }
            }
        }
    }
    for (wi, gil_off, policy, points, interval, threads) in keys {
        let rs: Vec<Run> = runs
            .iter()
            .filter(|r| {
                r.workload == wi
                    && r.threads == threads
                    && r.interval == interval
                    && r.policy == policy
                    && r.points == points
                    && r.gil_off == gil_off
            })
            .cloned()
            .collect();
        if rs.is_empty() {
            continue;
        }
        let times: Vec<f64> = rs.iter().map(|r| r.time_s).collect();
        let opt_median = |k: &str| {
            let v: Vec<f64> = rs.iter().filter_map(|r| r.value(k)).collect();
            (!v.is_empty()).then(|| median(v))
        };
        cells.push(Cell {
            workload: wi,
            threads,
            interval,
            policy,
            points,
            gil_off,
            time_s: median(times.clone()),
            min_s: times.iter().cloned().fold(f64::INFINITY, f64::min),
            max_s: times.iter().cloned().fold(f64::NEG_INFINITY, f64::max),
            speedup: None,
            wall_speedup: None,
            stolen_pct: median(
                rs.iter()
                    .map(|r| 100.0 * r.stolen_s / r.wall_s.max(1e-9))
                    .collect(),
            ),
            switches: median(rs.iter().map(|r| r.forced_switches as f64).collect()),
            acquisitions: median(rs.iter().map(|r| r.acquisitions as f64).collect()),
            waiting_ms: median(rs.iter().map(|r| r.waiting_s * 1e3).collect()),
            cores: {
                let v: Vec<f64> = rs
                    .iter()
                    .filter_map(|r| Some(r.value("cpu_seconds")? / r.time_s))
                    .filter(|c| c.is_finite())
                    .collect();
                (!v.is_empty()).then(|| median(v))
            },
            latency_median_ms: opt_median("latency_median_ms"),
            latency_p99_ms: opt_median("latency_p99_ms"),
            io_slowdown: opt_median("io_slowdown"),
            cpu_loss_pct: opt_median("cpu_loss_pct"),
            share_max_min: opt_median("share_max_min"),
            runs: rs,
        });
    }
    // Speedup = throughput ratio against the 1-thread run of the same block (same
    // workload, interval, policy, points and repeat), which ran right beside this one.
    // Workloads that print `work=` (units done) may scale their work with the thread
    // count; without it the work is taken as fixed.
    let run_work = |r: &Run| r.value("work").unwrap_or(1.0);
    let speedup_by = |c: &Cell, time: &dyn Fn(&Run) -> f64| -> Option<f64> {
        let base = cells.iter().find(|b| {
            b.workload == c.workload
                && b.interval == c.interval
                && b.policy == c.policy
                && b.points == c.points
                && b.gil_off == c.gil_off
                && b.threads == 1
        })?;
        let ratios: Vec<f64> = c
            .runs
            .iter()
            .filter_map(|r| {
                let b = base.runs.iter().find(|b| b.rep == r.rep)?;
                let s = (run_work(r) / time(r)) / (run_work(b) / time(b));
                s.is_finite().then_some(s)
            })
            .collect();
        (!ratios.is_empty()).then(|| median(ratios))
    };
    let speedups: Vec<(Option<f64>, Option<f64>)> = cells
        .iter()
        .map(|c| {
            (
                speedup_by(c, &Run::own_time_s),
                speedup_by(c, &|r| r.time_s),
            )
        })
        .collect();
    for (c, (own, wall)) in cells.iter_mut().zip(speedups) {
        c.speedup = own;
        c.wall_speedup = wall;
    }
    cells
}

fn fmt_opt(v: Option<f64>, decimals: usize) -> String {
    match v {
        Some(x) if x.is_finite() => format!("{x:.decimals$}"),
        _ => "-".into(),
    }
}

fn table(workloads: &[Workload], cells: &[Cell], seed: u64, opts: &BenchOptions) -> String {
    const HEAD: [&str; 19] = [
        "workload",
        "policy",
        "points",
        "threads",
        "interval",
        "time ms",
        "spread",
        "speedup",
        "wall speedup",
        "stolen %",
        "cores",
        "switches",
        "acquired",
        "GIL wait ms",
        "io lat med ms",
        "io lat p99 ms",
        "io slowdown",
        "cpu loss %",
        "max/min share",
    ];
    let rows: Vec<[String; 19]> = cells
        .iter()
        .map(|c| {
            let spread = if c.time_s > 0.0 && c.runs.len() > 1 {
                format!("{:.0}%", 100.0 * (c.max_s - c.min_s) / c.time_s)
            } else {
                "-".into()
            };
            [
                workloads[c.workload].name.clone(),
                if c.gil_off {
                    "no GIL".to_string()
                } else {
                    c.policy.name().to_string()
                },
                if c.gil_off {
                    "-".to_string()
                } else {
                    c.points.name().to_string()
                },
                c.threads.to_string(),
                format_interval(c.interval),
                format!("{:.1}", c.time_s * 1e3),
                spread,
                fmt_opt(c.speedup, 2),
                fmt_opt(c.wall_speedup, 2),
                format!("{:.0}", c.stolen_pct),
                fmt_opt(c.cores, 2),
                format!("{:.0}", c.switches),
                format!("{:.0}", c.acquisitions),
                format!("{:.1}", c.waiting_ms),
                fmt_opt(c.latency_median_ms, 3),
                fmt_opt(c.latency_p99_ms, 3),
                fmt_opt(c.io_slowdown, 2),
                fmt_opt(c.cpu_loss_pct, 1),
                fmt_opt(c.share_max_min, 3),
            ]
        })
        .collect();
    // Columns no run filled (a workload's own figures), and a switch-point column that
    // would only say "every", are left out.
    let keep: Vec<usize> = (0..HEAD.len())
        .filter(|&i| match i {
            2 => opts.switch_points != [SwitchPoints::Every],
            14.. => rows.iter().any(|r| r[i] != "-"),
            _ => true,
        })
        .collect();
    let pick = |r: &[String]| -> Vec<String> { keep.iter().map(|&i| r[i].clone()).collect() };
    let head = pick(&HEAD.map(String::from));
    let rows: Vec<Vec<String>> = rows.iter().map(|r| pick(r)).collect();
    let mut width: Vec<usize> = head.iter().map(String::len).collect();
    for r in &rows {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.len());
        }
    }
    let mut out = String::new();
    let scales: Vec<String> = workloads
        .iter()
        .filter(|w| w.builtin)
        .map(|w| format!("{} {}", w.name, w.scale))
        .collect();
    let scale = match opts.scale {
        _ if scales.is_empty() => "no built-in workloads".to_string(),
        Some(n) => format!("scale {n} (--scale)"),
        None => format!(
            "scale {} (calibrated: one thread ~{} ms)",
            scales.join(", "),
            CALIBRATE_TARGET.as_millis()
        ),
    };
    let _ = writeln!(
        out,
        "# gilvm bench: seed {seed}, {} repeat(s) per cell, {scale}; medians; spread = (max-min)/median of time;",
        opts.repeat
    );
    let _ = writeln!(
        out,
        "# speedup = work per second vs the 1-thread run beside it (same interval, policy, points), median over repeats, on time the program had a CPU; wall speedup = the same on wall time;"
    );
    let _ = writeln!(
        out,
        "# stolen = share of the run the GIL holder waited for a CPU other programs had; cores = CPU time / wall time; switches = forced switches; GIL wait = all threads"
    );
    // A one-thread CPU-bound run that did not get a whole core means other programs
    // took the CPU: wall-time speedups then measure the OS scheduler (which favours a
    // thread woken by each GIL hand-over), not parallelism.
    let starved: Vec<String> = cells
        .iter()
        .filter(|c| c.threads == 1 && c.cores.is_some_and(|k| k < 0.8))
        // The built-in CPU-bound workloads, whose one thread computes all the time.
        .filter(|c| {
            let w = &workloads[c.workload];
            w.builtin && !matches!(w.name.as_str(), "io" | "tasks" | "echo")
        })
        .map(|c| {
            format!(
                "{} at {}: {:.2}",
                workloads[c.workload].name,
                format_interval(c.interval),
                c.cores.unwrap_or(0.0)
            )
        })
        .collect();
    if !starved.is_empty() {
        let _ = writeln!(
            out,
            "# note: the machine is busy: one thread kept less than 0.8 cores busy ({}); wall speedups then reflect how the OS shares the CPU, not parallelism; speedup leaves the stolen time out",
            starved.join(", ")
        );
    }
    let left = [0, 1, 2];
    let line =
        |out: &mut String, cells: &[String]| crate::gil::table_row(out, cells, &width, &left);
    line(&mut out, &head);
    crate::gil::table_rule(&mut out, &width);
    let mut prev: Option<(usize, Variant)> = None;
    for (c, r) in cells.iter().zip(&rows) {
        if prev.is_some_and(|p| p != (c.workload, c.variant())) {
            out.push('\n');
        }
        prev = Some((c.workload, c.variant()));
        line(&mut out, r);
    }
    out
}

fn to_json(workloads: &[Workload], cells: &[Cell], seed: u64, opts: &BenchOptions) -> String {
    let mut w = JsonWriter::new();
    let opt = |w: &mut JsonWriter, v: Option<f64>| match v {
        Some(x) => w.num(x),
        None => w.null(),
    };
    w.open_obj();
    w.key("generator");
    w.string(concat!("gilvm ", env!("CARGO_PKG_VERSION")));
    w.key("seed");
    w.uint(seed);
    w.key("repeat");
    w.uint(opts.repeat.into());
    // The work multiplier per built-in workload, and how each was found.
    w.key("scale");
    w.open_obj();
    for wl in workloads.iter().filter(|w| w.builtin) {
        w.key(&wl.name);
        w.open_obj();
        w.key("scale");
        w.uint(wl.scale.into());
        w.key("calibrated");
        w.bool(wl.calibration.is_some());
        if let Some(c) = wl.calibration {
            w.key("target_s");
            w.num(CALIBRATE_TARGET.as_secs_f64());
            w.key("one_thread_s_at_scale_1");
            w.num(c.base_s);
            w.key("probe_scale");
            w.uint(c.probe_scale.into());
            w.key("probe_s");
            w.num(c.probe_s);
        }
        w.close_obj();
    }
    w.close_obj();
    w.key("gil_policies");
    w.open_arr();
    for p in &opts.policies {
        w.string(p.name());
    }
    w.close_arr();
    w.key("switch_points");
    w.open_arr();
    for p in &opts.switch_points {
        w.string(p.name());
    }
    w.close_arr();
    w.key("cells");
    w.open_arr();
    for c in cells {
        w.newline();
        w.open_obj();
        w.key("workload");
        w.string(&workloads[c.workload].name);
        w.key("threads");
        w.uint(c.threads.into());
        w.key("gil");
        w.string(if c.gil_off { "off" } else { "on" });
        w.key("gil_policy");
        w.string(c.policy.name());
        w.key("switch_points");
        w.string(c.points.name());
        w.key("switch_interval_ns");
        w.uint(c.interval.as_nanos() as u64);
        w.key("switch_interval");
        w.string(&format_interval(c.interval));
        w.key("time_s_median");
        w.num(c.time_s);
        w.key("time_s_min");
        w.num(c.min_s);
        w.key("time_s_max");
        w.num(c.max_s);
        w.key("speedup");
        opt(&mut w, c.speedup);
        w.key("wall_speedup");
        opt(&mut w, c.wall_speedup);
        w.key("stolen_pct_median");
        w.num(c.stolen_pct);
        w.key("forced_switches_median");
        w.num(c.switches);
        w.key("acquisitions_median");
        w.num(c.acquisitions);
        w.key("gil_waiting_ms_median");
        w.num(c.waiting_ms);
        w.key("cores_busy_median");
        opt(&mut w, c.cores);
        w.key("latency_median_ms");
        opt(&mut w, c.latency_median_ms);
        w.key("latency_p99_ms");
        opt(&mut w, c.latency_p99_ms);
        w.key("io_slowdown");
        opt(&mut w, c.io_slowdown);
        w.key("cpu_loss_pct");
        opt(&mut w, c.cpu_loss_pct);
        w.key("share_max_min");
        opt(&mut w, c.share_max_min);
        w.key("runs");
        w.open_arr();
        for r in &c.runs {
            w.open_obj();
            w.key("order");
            w.uint(r.order as u64);
            w.key("time_s");
            w.num(r.time_s);
            w.key("wall_s");
            w.num(r.wall_s);
            w.key("acquisitions");
            w.uint(r.acquisitions);
            w.key("forced_switches");
            w.uint(r.forced_switches);
            w.key("drop_requests");
            w.uint(r.drop_requests);
            w.key("gil_waiting_s");
            w.num(r.waiting_s);
            w.key("gil_held_s");
            w.num(r.held_s);
            w.key("blocked_s");
            w.num(r.blocked_s);
            w.key("output");
            w.open_obj();
            for (k, v) in &r.values {
                w.key(k);
                w.string(v);
            }
            w.close_obj();
            w.close_obj();
        }
        w.close_arr();
        w.close_obj();
    }
    w.newline();
    w.close_arr();
    w.close_obj();
    let mut s = w.finish();
    s.push('\n');
    s
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn opt_field(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// One row per run: the raw figures, for spreadsheets and plotting scripts.
fn to_csv(workloads: &[Workload], cells: &[Cell]) -> String {
    let mut s = String::from(
        "workload,gil,gil_policy,switch_points,threads,switch_interval_us,rep,order,time_s,wall_s,acquisitions,forced_switches,drop_requests,gil_waiting_ms,gil_held_ms,stolen_ms,blocked_ms,latency_median_ms,latency_p99_ms,io_slowdown,cpu_loss_pct,share_max_min\n",
    );
    for c in cells {
        for r in &c.runs {
            let _ = writeln!(
                s,
                "{},{},{},{},{},{},{},{},{:.6},{:.6},{},{},{},{:.3},{:.3},{:.3},{:.3},{},{},{},{},{}",
                csv_field(&workloads[c.workload].name),
                if r.gil_off { "off" } else { "on" },
                r.policy.name(),
                r.points.name(),
                r.threads,
                r.interval.as_secs_f64() * 1e6,
                r.rep + 1,
                r.order,
                r.time_s,
                r.wall_s,
                r.acquisitions,
                r.forced_switches,
                r.drop_requests,
                r.waiting_s * 1e3,
                r.held_s * 1e3,
                r.stolen_s * 1e3,
                r.blocked_s * 1e3,
                r.value("latency_median_ms")
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                r.value("latency_p99_ms")
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                opt_field(r.value("io_slowdown")),
                opt_field(r.value("cpu_loss_pct")),
                opt_field(r.value("share_max_min")),
            );
        }
    }
    s
}

fn to_svg(workloads: &[Workload], cells: &[Cell]) -> String {
    let mut charts = Vec::new();
    for (wi, w) in workloads.iter().enumerate() {
        let mine: Vec<&Cell> = cells.iter().filter(|c| c.workload == wi).collect();
        charts.extend(workload_charts(&w.name, &mine));
    }
    svg::charts("gilvm bench", &charts)
}

/// (no GIL, policy, switch points) of the grid: one line per variant when the grid
/// compares policies or modes.
type Variant = (bool, SwitchPolicy, SwitchPoints);

impl Cell {
    fn variant(&self) -> Variant {
        (self.gil_off, self.policy, self.points)
    }
}

fn sorted_dedup<T: Copy + PartialOrd>(mut v: Vec<T>) -> Vec<T> {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v.dedup_by(|a, b| a == b);
    v
}

fn workload_charts(name: &str, mine: &[&Cell]) -> Vec<Chart> {
    let threads: Vec<u32> = sorted_dedup(mine.iter().map(|c| c.threads).collect());
    let intervals: Vec<Duration> = sorted_dedup(mine.iter().map(|c| c.interval).collect());
    let mut variants: Vec<Variant> = Vec::new();
    for c in mine {
        if !variants.contains(&c.variant()) {
            variants.push(c.variant());
        }
    }
    let several_points = variants.iter().any(|v| !v.0 && v.2 != variants[0].2);
    let label = |v: &Variant| {
        if v.0 {
            "no GIL".to_string()
        } else if several_points {
            format!("{} / points {}", v.1.name(), v.2.name())
        } else {
            v.1.name().to_string()
        }
    };
    // With several variants each chart holds one interval: 5 ms (CPython's
    // default) if the grid has it.
    let ref_iv = intervals
        .iter()
        .copied()
        .find(|d| *d == Duration::from_millis(5))
        .or_else(|| intervals.last().copied())
        .unwrap_or_default();
    let max_threads = threads.last().copied().unwrap_or(1);
    let thread_ticks: Vec<f64> = threads.iter().map(|&t| t as f64).collect();
    let per_variant = |f: &dyn Fn(&Cell) -> Option<f64>, iv: Duration| -> Vec<Series> {
        variants
            .iter()
            .enumerate()
            .map(|(ci, v)| Series {
                name: label(v),
                points: mine
                    .iter()
                    .filter(|c| c.variant() == *v && c.interval == iv)
                    .filter_map(|c| f(c).map(|y| (c.threads as f64, y)))
                    .collect(),
                dashed: false,
                color: ci,
            })
            .collect()
    };
    let threads_chart = |title: String, y_label: &str, series: Vec<Series>| Chart {
        title,
        x_label: "threads".into(),
        y_label: y_label.into(),
        x_log: false,
        x_ticks: thread_ticks.clone(),
        x_format: |x| format!("{x}"),
        series,
    };
    let mut charts = Vec::new();

    // Speedup against threads.
    let mut series = if variants.len() == 1 {
        intervals
            .iter()
            .enumerate()
            .map(|(ci, &iv)| Series {
                name: format!("interval {}", format_interval(iv)),
                points: mine
                    .iter()
                    .filter(|c| c.interval == iv)
                    .filter_map(|c| c.speedup.map(|s| (c.threads as f64, s)))
                    .collect(),
                dashed: false,
                color: ci,
            })
            .collect()
    } else {
        per_variant(&|c| c.speedup, ref_iv)
    };
    series.push(Series {
        name: "ideal (no GIL)".into(),
        points: threads.iter().map(|&t| (t as f64, t as f64)).collect(),
        dashed: true,
        color: 0,
    });
    let title = if variants.len() == 1 {
        format!("{name}: speedup vs threads ({})", label(&variants[0]))
    } else {
        format!("{name}: speedup vs threads at {}", format_interval(ref_iv))
    };
    charts.push(threads_chart(title, "speedup (work/s vs 1 thread)", series));

    // I/O wake-up latency against the switch interval.
    if mine.iter().any(|c| c.latency_median_ms.is_some()) {
        let mut series = Vec::new();
        if variants.len() == 1 {
            for (ci, &t) in threads.iter().enumerate() {
                for (p99, tag) in [(false, "median"), (true, "p99")] {
                    series.push(Series {
                        name: format!("{t} CPU thr, {tag}"),
                        points: mine
                            .iter()
                            .filter(|c| c.threads == t)
                            .filter_map(|c| {
                                let v = if p99 {
                                    c.latency_p99_ms
                                } else {
                                    c.latency_median_ms
                                };
                                v.map(|v| (c.interval.as_secs_f64(), v))
                            })
                            .collect(),
                        dashed: p99,
                        color: ci,
                    });
                }
            }
        } else {
            for (ci, v) in variants.iter().enumerate() {
                series.push(Series {
                    name: label(v),
                    points: mine
                        .iter()
                        .filter(|c| c.variant() == *v && c.threads == max_threads)
                        .filter_map(|c| c.latency_median_ms.map(|y| (c.interval.as_secs_f64(), y)))
                        .collect(),
                    dashed: false,
                    color: ci,
                });
            }
        }
        let title = if variants.len() == 1 {
            format!("{name}: I/O thread wake-up latency")
        } else {
            format!("{name}: I/O wake-up latency (median), {max_threads} CPU thr")
        };
        charts.push(Chart {
            title,
            x_label: "switch interval (log scale)".into(),
            y_label: "latency past the 1 ms sleep (ms)".into(),
            x_log: true,
            x_ticks: intervals.iter().map(|d| d.as_secs_f64()).collect(),
            x_format: svg::interval_label,
            series,
        });
    }

    // The convoy: the I/O loop's slowdown and the CPU threads' loss.
    if mine.iter().any(|c| c.io_slowdown.is_some()) {
        charts.push(threads_chart(
            format!("{name}: I/O loop slowdown at {}", format_interval(ref_iv)),
            "time per I/O round, beside CPU threads / alone",
            per_variant(&|c| c.io_slowdown, ref_iv),
        ));
        charts.push(threads_chart(
            format!("{name}: CPU throughput lost at {}", format_interval(ref_iv)),
            "CPU work lost to the I/O thread (%)",
            per_variant(&|c| c.cpu_loss_pct, ref_iv),
        ));
        if intervals.len() > 1 {
            let series = variants
                .iter()
                .enumerate()
                .map(|(ci, v)| Series {
                    name: label(v),
                    points: mine
                        .iter()
                        .filter(|c| c.variant() == *v && c.threads == max_threads)
                        .filter_map(|c| c.io_slowdown.map(|y| (c.interval.as_secs_f64(), y)))
                        .collect(),
                    dashed: false,
                    color: ci,
                })
                .collect();
            charts.push(Chart {
                title: format!("{name}: I/O loop slowdown, {max_threads} CPU thr"),
                x_label: "switch interval (log scale)".into(),
                y_label: "time per I/O round, beside CPU threads / alone".into(),
                x_log: true,
                x_ticks: intervals.iter().map(|d| d.as_secs_f64()).collect(),
                x_format: svg::interval_label,
                series,
            });
        }
    }

    // Fairness.
    if mine.iter().any(|c| c.share_max_min.is_some()) {
        charts.push(threads_chart(
            format!("{name}: fairness at {}", format_interval(ref_iv)),
            "largest share / smallest share (1 = even)",
            per_variant(&|c| c.share_max_min, ref_iv),
        ));
    }
    charts
}

/// A one-line progress bar on stderr: redrawn in place on a terminal, one line per
/// step otherwise (so logs stay readable).
struct Progress {
    total: usize,
    start: Instant,
    tty: bool,
}

impl Progress {
    fn new(total: usize) -> Self {
        Progress {
            total,
            start: Instant::now(),
            tty: std::io::stderr().is_terminal(),
        }
    }

    fn show(&mut self, done: usize, what: &str) {
        let elapsed = self.start.elapsed().as_secs_f64();
        let left = if done > 0 {
            format!(
                "~{}",
                clock(elapsed / done as f64 * (self.total - done) as f64)
            )
        } else {
            "?".into()
        };
        const W: usize = 24;
        let filled = (done * W).checked_div(self.total).unwrap_or(W).min(W);
        let bar: String = "#".repeat(filled) + &"-".repeat(W - filled);
        let msg = format!(
            "[{bar}] run {}/{}  elapsed {}  left {left}  {what}",
            (done + 1).min(self.total),
            self.total,
            clock(elapsed)
        );
        let mut e = std::io::stderr().lock();
        if self.tty {
            let _ = write!(e, "\r\x1b[K{msg}");
        } else {
            let _ = writeln!(e, "{msg}");
        }
        let _ = e.flush();
    }

    fn finish(&mut self) {
        if self.tty {
            eprintln!();
            self.tty = false;
        }
    }
}

fn clock(secs: f64) -> String {
    let s = secs.max(0.0).round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shuffle_is_reproducible_from_the_seed() {
        let (mut a, mut b) = (SplitMix(42), SplitMix(42));
        let xs: Vec<u64> = (0..5).map(|_| a.next()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next()).collect();
        assert_eq!(xs, ys);
        assert!(SplitMix(1).below(7) < 7);
    }

    fn run(threads: u32, rep: u32, time_s: f64) -> Run {
        Run {
            workload: 0,
            threads,
            interval: crate::gil::DEFAULT_SWITCH_INTERVAL,
            policy: SwitchPolicy::default(),
            points: SwitchPoints::default(),
            gil_off: false,
            rep,
            order: 0,
            time_s,
            wall_s: time_s,
            acquisitions: 0,
            forced_switches: 0,
            drop_requests: 0,
            waiting_s: 0.0,
            held_s: 0.0,
            blocked_s: 0.0,
            stolen_s: 0.0,
            values: Vec::new(),
        }
    }

    /// The cpu workload over 1 and 2 threads at the default interval, `repeat` times.
    fn cpu_grid(repeat: u32) -> (Workload, BenchOptions) {
        let w = Workload {
            name: "cpu".into(),
            path: PathBuf::new(),
            builtin: true,
            scale: 1,
            calibration: None,
        };
        let opts = BenchOptions {
            workloads: vec!["cpu".into()],
            threads: vec![1, 2],
            intervals: vec![crate::gil::DEFAULT_SWITCH_INTERVAL],
            policies: vec![SwitchPolicy::default()],
            switch_points: vec![SwitchPoints::default()],
            gil_off: vec![false],
            repeat,
            seed: Some(1),
            scale: Some(1),
            timeout: Duration::from_secs(1),
            json: None,
            csv: None,
            svg: None,
        };
        (w, opts)
    }

    #[test]
    fn speedup_pairs_each_run_with_the_one_thread_run_of_its_block() {
        // Load came and went between blocks (repeat 1 ran on a busy machine), and
        // one block had a hiccup in its 2-thread run (repeat 2). Cell medians would
        // read 2.0 s against 3.0 s, a 0.67x "slowdown"; the per-block ratios are
        // 1, 1 and 0.5, so the median says 1.
        let (w, opts) = cpu_grid(3);
        let runs = vec![
            run(1, 0, 1.0),
            run(2, 0, 1.0),
            run(1, 1, 3.0),
            run(2, 1, 3.0),
            run(1, 2, 2.0),
            run(2, 2, 4.0),
        ];
        let cells = aggregate(&[w], &opts, runs);
        let two = cells.iter().find(|c| c.threads == 2).unwrap();
        assert_eq!(two.speedup, Some(1.0));
        let one = cells.iter().find(|c| c.threads == 1).unwrap();
        assert_eq!(one.speedup, Some(1.0));
    }

    #[test]
    fn speedup_leaves_out_the_time_other_programs_took() {
        // The 1-thread run held the GIL for 2 s but ran on a CPU for only 1 s; the
        // 2-thread run beside it took 1.2 s with no time stolen. On a stopwatch two
        // threads look 1.67x faster under a GIL; on the time each had a CPU, the two
        // threads did the same work in 1.2 s against 1 s.
        let (w, opts) = cpu_grid(1);
        let mut one = run(1, 0, 2.0);
        one.stolen_s = 1.0;
        let runs = vec![one, run(2, 0, 1.2)];
        let cells = aggregate(&[w], &opts, runs);
        let two = cells.iter().find(|c| c.threads == 2).unwrap();
        let wall = two.wall_speedup.unwrap();
        assert!((wall - 2.0 / 1.2).abs() < 1e-9, "{wall}");
        let own = two.speedup.unwrap();
        assert!((own - 1.0 / 1.2).abs() < 1e-9, "{own}");
        let one = cells.iter().find(|c| c.threads == 1).unwrap();
        assert_eq!(one.stolen_pct, 50.0);
    }

    #[test]
    fn fisher_yates_permutes() {
        let mut rng = SplitMix(7);
        let mut v: Vec<u32> = (0..10).collect();
        fisher_yates(&mut v, &mut rng);
        let mut sorted = v.clone();
        sorted.sort();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        assert_ne!(v, sorted);
    }

    #[test]
    fn medians() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(vec![]).is_nan());
    }
}
