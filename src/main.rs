//! The `gilvm` command line: run a program, disassemble one, or benchmark the GIL.

use clap::{Parser, Subcommand};
use gilvm::driver::{self, Program, RunOptions};
use gilvm::gil::{SwitchPoints, SwitchPolicy};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

/// Runs before Rust's runtime, which reopens a closed fd 0-2 on /dev/null: notes
/// which were closed, so that `sys.stdin`/`stdout`/`stderr` can be None as in CPython.
extern "C" fn note_closed_standard_fds() {
    let mut mask = 0u8;
    for fd in 0..3 {
        // SAFETY: F_GETFD only reads the descriptor's flags; a closed fd gives -1.
        if unsafe { libc::fcntl(fd, libc::F_GETFD) } == -1 {
            mask |= 1 << fd;
        }
    }
    gilvm::vm::stdio::note_closed_at_start(mask);
    #[cfg(feature = "free-threaded")]
    gilvm_free::vm::stdio::note_closed_at_start(mask);
}

#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static NOTE_CLOSED_STANDARD_FDS: extern "C" fn() = note_closed_standard_fds;

#[derive(Parser)]
#[command(
    name = "gilvm",
    version,
    about = "A small Python bytecode interpreter with a real global interpreter lock",
    long_about = "gilvm runs a subset of Python on a bytecode VM whose OS threads share one heap \
and contend for one global interpreter lock (GIL), released every switch interval and around \
blocking calls. Use it to watch races that the GIL does not prevent, and to measure what the \
switch interval trades.\n\n`gilvm FILE [ARGS...]` is short for `gilvm run FILE [ARGS...]`; a bare `gilvm` \
opens the interactive prompt (or runs a program piped on stdin), as python3 does."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a Python program: `gilvm run [OPTIONS] FILE [ARGS...]` (sys.argv is [FILE, ARGS...]).
    ///
    /// As with python3, options come before the program; everything after FILE (or after
    /// `-c CODE`) belongs to the program, even words that look like options. FILE may be
    /// a directory holding `__main__.py`, or `-` to read the program from stdin. With no
    /// FILE, gilvm reads the program from stdin, or opens the interactive prompt when
    /// stdin is a terminal. `gilvm FILE ARGS...` is short for `gilvm run FILE ARGS...`.
    Run(RunArgs),
    /// Measure the GIL: run workloads over a grid of thread counts, switch intervals,
    /// GIL policies and switch-point modes.
    ///
    /// Each run is a fresh `gilvm run` subprocess; runs are done in random order.
    /// Built-in workloads: cpu (fixed arithmetic split across threads), io (sleeps and
    /// file reads), mixed (an I/O thread's wake-up latency while N CPU threads run),
    /// convoy (an I/O loop's slowdown and the CPU threads' loss beside each other),
    /// fair (how evenly N CPU-bound threads share the GIL), tasks (io's work done by
    /// asyncio tasks), echo (threaded and asyncio TCP echo servers beside N CPU threads).
    /// A FILE.py workload gets the thread count as sys.argv[1] and may print key=value
    /// lines: seconds= (or elapsed=) replaces the measured wall time, work= the units of
    /// work done (for speedup when work grows with threads), latency_median_ms= and
    /// latency_p99_ms= fill the latency columns, io_slowdown=, cpu_loss_pct= and
    /// share_max_min= the convoy and fairness columns.
    Bench {
        /// Workloads: cpu, io, mixed, convoy, fair, tasks (asyncio), echo, or Python files.
        #[arg(value_name = "WORKLOAD", default_values_t = ["cpu".to_string(), "io".to_string(), "mixed".to_string()])]
        workloads: Vec<String>,
        /// Thread counts to run.
        #[arg(long, value_name = "N,...", value_delimiter = ',', default_value = "1,2,4,8",
              value_parser = clap::value_parser!(u32).range(1..=256))]
        threads: Vec<u32>,
        /// Switch intervals to run.
        #[arg(long, value_name = "TIME,...", value_delimiter = ',',
              default_value = "100us,1ms,5ms,50ms", value_parser = parse_interval)]
        switch_interval: Vec<Duration>,
        /// Scheduling policies to run (cpython, fifo, io-priority, bfs).
        #[arg(long, value_name = "POLICY,...", value_delimiter = ',', default_value = "cpython",
              value_parser = parse_policy)]
        gil_policy: Vec<SwitchPolicy>,
        /// Switch-point modes to run (every, cpython).
        #[arg(long, value_name = "MODE,...", value_delimiter = ',', default_value = "every",
              value_parser = parse_switch_points)]
        switch_points: Vec<SwitchPoints>,
        /// GIL modes to compare: on (the default), off (free-threaded: no GIL; its
        /// runs ignore the policy and switch-point axes), or on,off for both.
        #[arg(long, value_name = "on|off,...", value_delimiter = ',', default_value = "on",
              value_parser = parse_gil_mode)]
        gil: Vec<bool>,
        /// Runs per cell (the table shows the median and the spread).
        #[arg(long, value_name = "N", default_value_t = 3,
              value_parser = clap::value_parser!(u32).range(1..=1000))]
        repeat: u32,
        /// Seed for the random run order (default: from the clock; printed either way).
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Work multiplier for the built-in workloads (passed as sys.argv[2]). Default:
        /// calibrated per workload, so that its one-thread run lasts about 300 ms.
        #[arg(long, value_name = "N",
              value_parser = clap::value_parser!(u32).range(1..=10000))]
        scale: Option<u32>,
        /// Give up on a run after this many seconds.
        #[arg(long, value_name = "SECS", default_value_t = 300,
              value_parser = clap::value_parser!(u64).range(1..=86400))]
        timeout: u64,
        /// Write every run's raw figures as JSON.
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
        /// Write every run's raw figures as CSV (one row per run).
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
        /// Draw speedup and latency charts as SVG.
        #[arg(long, value_name = "FILE")]
        svg: Option<PathBuf>,
    },
    /// Search for a schedule under which a threaded program fails, and explain it.
    ///
    /// Runs FILE under many deterministic schedules (each a `gilvm run --schedule`
    /// subprocess; the first runs every thread until it waits or ends, with no
    /// preemption) and stops at the first failing run. Failing means: an uncaught
    /// exception in any thread (an assert, for one), a deadlock, a nonzero exit status,
    /// --check EXPR false at exit, or with --expect-output/--expect-same different
    /// output. The failing schedule is shrunk (fewest preemptions, then fewest other
    /// switches), written to a file for `gilvm run --schedule replay:FILE`, and
    /// explained: the accesses to shared data that interleaved, thread by thread, with
    /// file:line, source line, instruction and value. Exit status: 1 when a failing
    /// schedule was found, 0 when none was, 2 when the search could not run.
    Race(RaceArgs),
    /// Print the bytecode of a program, like CPython's dis module.
    Dis {
        /// The program to disassemble.
        #[arg(value_name = "FILE")]
        file: String,
        /// Mark the instructions where a thread may switch in this mode (cpython:
        /// only CPython 3.11's eval-breaker checks; every: all of them).
        #[arg(long, value_name = "MODE", value_parser = parse_switch_points)]
        switch_points: Option<SwitchPoints>,
    },
}

#[derive(clap::Args)]
struct RaceArgs {
    /// How schedules are chosen: pct (PCT with depth 2, 3, 4 in turn for two thirds of
    /// the runs, then random), random (a switch after each instruction with odds 1/4,
    /// 1/16, 1/64 in turn), dfs (every schedule with at most --max-preemptions
    /// preemptions, each before an unprotected access to data two threads share).
    #[arg(long, value_name = "STRATEGY", default_value = "pct", value_parser = ["pct", "random", "dfs"])]
    strategy: String,
    /// At most this many schedules (the run without preemption included).
    #[arg(long, value_name = "N", default_value_t = 1000,
          value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    runs: u32,
    /// The first seed of pct and random (run i uses SEED+i).
    #[arg(long, value_name = "N", default_value_t = 1)]
    seed: u64,
    /// dfs: the preemption bound K.
    #[arg(long, value_name = "K", default_value_t = 2,
          value_parser = clap::value_parser!(u32).range(0..=10))]
    max_preemptions: u32,
    /// A run fails when its stdout differs from FILE's contents.
    #[arg(long, value_name = "FILE", conflicts_with = "expect_same")]
    expect_output: Option<PathBuf>,
    /// A run fails when its stdout differs from the run without preemption.
    #[arg(long)]
    expect_same: bool,
    /// A run fails when EXPR, evaluated in the main module at exit, is false or raises.
    #[arg(long, value_name = "EXPR", allow_hyphen_values = true)]
    check: Option<String>,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
    /// Write the failing schedule here (default: the first free race-N.sched).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Where threads may switch (every, cpython), as for `gilvm run`.
    #[arg(long, value_name = "MODE", value_parser = parse_switch_points)]
    switch_points: Option<SwitchPoints>,
    /// Give up on one run after this many seconds (not counted as failing).
    #[arg(long, value_name = "SECS", default_value_t = 20,
          value_parser = clap::value_parser!(u64).range(1..=86400))]
    timeout: u64,
    /// Report the failing schedule as found, without shrinking it.
    #[arg(long)]
    no_shrink: bool,
    /// Print each schedule to stderr as it runs.
    #[arg(short = 'v', long)]
    verbose: bool,
    /// Vary the asyncio task order too: every run after the first (which keeps the
    /// loop's FIFO order) gets its own --shuffle-tasks seed (SEED+i), so a race
    /// between tasks of one event loop, even in a program with no thread, is found.
    #[arg(long)]
    shuffle_tasks: bool,
    /// The program.
    #[arg(value_name = "FILE")]
    file: String,
    /// Its arguments (sys.argv[1:]).
    #[arg(
        value_name = "ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    args: Vec<String>,
}

fn parse_policy(s: &str) -> Result<SwitchPolicy, String> {
    SwitchPolicy::from_name(s.trim()).ok_or_else(|| {
        let names: Vec<&str> = SwitchPolicy::ALL.iter().map(|p| p.name()).collect();
        format!("unknown GIL policy '{s}' (one of: {})", names.join(", "))
    })
}

fn parse_schedule(s: &str) -> Result<gilvm::gil::ScheduleSpec, String> {
    gilvm::gil::ScheduleSpec::parse(s, |f| {
        std::fs::read_to_string(f).map_err(|e| format!("cannot read schedule file {f}: {e}"))
    })
}

/// `--gil on|off`: true means the GIL is on.
fn parse_gil_mode(s: &str) -> Result<bool, String> {
    match s.trim() {
        "on" => Ok(true),
        "off" => Ok(false),
        _ => Err(format!("unknown GIL mode '{s}' (one of: on, off)")),
    }
}

fn parse_switch_points(s: &str) -> Result<SwitchPoints, String> {
    SwitchPoints::from_name(s.trim()).ok_or_else(|| {
        let names: Vec<&str> = SwitchPoints::ALL.iter().map(|p| p.name()).collect();
        format!(
            "unknown switch-point mode '{s}' (one of: {})",
            names.join(", ")
        )
    })
}

/// Keeps the first of each repeated grid value (`--gil-policy fifo,fifo`).
fn dedup<T: PartialEq>(v: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(v.len());
    for x in v {
        if !out.contains(&x) {
            out.push(x);
        }
    }
    out
}

#[derive(clap::Args)]
struct RunArgs {
    /// Program text to run instead of a file (like python -c); sys.argv is ['-c', ARGS...].
    #[arg(
        short = 'c',
        value_name = "CODE",
        allow_hyphen_values = true,
        conflicts_with = "file"
    )]
    code: Option<String>,
    /// Run library module MODULE as a script (like python -m): found on sys.path, the
    /// current directory first; a package runs its __main__; sys.argv is [FILE, ARGS...].
    #[arg(
        short = 'm',
        value_name = "MODULE",
        allow_hyphen_values = true,
        conflicts_with_all = ["file", "code"]
    )]
    module: Option<String>,
    /// Open the interactive prompt after running the program (also when stdin is not a
    /// terminal), like python -i.
    #[arg(short = 'i')]
    inspect: bool,
    /// The program to run: a file, a directory with __main__.py, or - for stdin.
    #[arg(value_name = "FILE")]
    file: Option<String>,
    /// Arguments passed to the program as sys.argv[1:].
    #[arg(
        value_name = "ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    args: Vec<String>,
    /// How long a thread may hold the GIL while others wait (units s, ms, us; a bare
    /// number is seconds). Default 5ms, as CPython.
    #[arg(long, value_name = "TIME", value_parser = parse_interval)]
    switch_interval: Option<Duration>,
    /// Who gets the GIL next: cpython (CPython's new GIL, the default), fifo (in
    /// arrival order), io-priority (a thread back from a blocking call preempts a
    /// CPU-bound holder), bfs (earliest deadline; deadlines move later with CPU use).
    #[arg(long, value_name = "POLICY", value_parser = parse_policy)]
    gil_policy: Option<SwitchPolicy>,
    /// Where a thread may give up the GIL on request: every (between any two
    /// instructions, the default) or cpython (only where CPython 3.11 checks its eval
    /// breaker: function entry, backward jumps, after calls).
    #[arg(long, value_name = "MODE", value_parser = parse_switch_points)]
    switch_points: Option<SwitchPoints>,
    /// on (the default): threads take turns holding the GIL. off: free-threaded, with
    /// no GIL; threads run truly in parallel on one heap, reference counts are atomic
    /// and every object's internals have their own lock (docs/gil.md, "Free-threaded
    /// mode"). Python-level races lose more updates than under the GIL.
    #[arg(long, value_name = "on|off", value_parser = parse_gil_mode)]
    gil: Option<bool>,
    /// A deterministic run: the VM decides which thread runs after each instruction
    /// and time is virtual. SPEC: random:SEED[:ONE_IN] (switch with probability
    /// 1/ONE_IN, default 64), pct:SEED[:DEPTH[:STEPS]] (PCT, default depth 3),
    /// rr:N (round robin every N instructions), replay:FILE (a recorded schedule).
    #[arg(long, value_name = "SPEC", value_parser = parse_schedule)]
    schedule: Option<gilvm::gil::ScheduleSpec>,
    /// With --schedule: write the schedule (each switch) to FILE, for replay:FILE.
    #[arg(long, value_name = "FILE")]
    record_schedule: Option<PathBuf>,
    /// Print per-thread GIL statistics (holding, waiting, blocked, switches) to stderr at exit.
    #[arg(long)]
    gil_stats: bool,
    /// Write per-thread GIL statistics as JSON to FILE at exit.
    #[arg(long, value_name = "FILE")]
    gil_stats_json: Option<PathBuf>,
    /// Record the GIL timeline and write it as a Chrome trace (open in ui.perfetto.dev
    /// or chrome://tracing).
    #[arg(long, value_name = "FILE.json")]
    trace: Option<PathBuf>,
    /// Record the GIL timeline and draw it as a standalone SVG.
    #[arg(long, value_name = "FILE.svg")]
    timeline: Option<PathBuf>,
    /// In the --trace file, merge each thread's consecutive running spans shorter
    /// than TIME (with the waits and switch marks between them) into windows of at
    /// most TIME that give their span count and running/waiting time; the file's
    /// metadata says what was merged. 0 keeps every span. Default 1ms.
    #[arg(long, value_name = "TIME", value_parser = parse_merge)]
    trace_merge: Option<Duration>,
    /// Vary the order in which the asyncio event loop runs the task steps that are
    /// ready together (each batch of one loop iteration), drawn from SEED; other
    /// callbacks keep their FIFO places. The same SEED gives the same order; without
    /// the flag tasks run in CPython's FIFO order. With --schedule too, a run is
    /// repeatable in both its thread switches and its task order.
    #[arg(long, value_name = "SEED")]
    shuffle_tasks: Option<u64>,
    /// (for `gilvm race`) With --schedule: write the shared accesses and switches to FILE.
    #[arg(long, value_name = "FILE", hide = true)]
    race_log: Option<PathBuf>,
    /// (for `gilvm race`) With --race-log: evaluate EXPR in __main__ at exit.
    #[arg(long, value_name = "EXPR", hide = true, allow_hyphen_values = true)]
    race_check: Option<String>,
}

/// `run`'s long options that take a value (the value may start with `-`).
const RUN_VALUE_OPTIONS: &[&str] = &[
    "--switch-interval",
    "--gil-policy",
    "--switch-points",
    "--gil",
    "--schedule",
    "--record-schedule",
    "--gil-stats-json",
    "--trace",
    "--timeline",
    "--trace-merge",
    "--race-log",
    "--race-check",
    "--shuffle-tasks",
];

/// Splits `run`'s arguments as python3 does: gilvm's options, then the program (a
/// file, `-`, or `-c CODE`), then the program's own arguments, untouched.
fn split_run_args(rest: &[String]) -> (Vec<String>, Option<Program>, Vec<String>) {
    let mut opts = Vec::new();
    let mut i = 0;
    let mut program = None;
    while i < rest.len() {
        let a = rest[i].as_str();
        i += 1;
        if a == "--" {
            if let Some(f) = rest.get(i) {
                program = Some(Program::File(f.clone()));
                i += 1;
            }
            break;
        }
        if a == "-" {
            program = Some(Program::Stdin { dash: true });
            break;
        }
        if let Some(m) = a.strip_prefix("-m").filter(|_| !a.starts_with("--")) {
            let m = if m.is_empty() {
                let m = rest.get(i).cloned();
                i += 1;
                m
            } else {
                Some(m.to_string())
            };
            // Handed to clap so that a missing MODULE is its usage error.
            opts.push("-m".to_string());
            opts.extend(m.clone());
            program = m.map(Program::Module);
            break;
        }
        if let Some(code) = a.strip_prefix("-c").filter(|_| !a.starts_with("--")) {
            let code = if code.is_empty() {
                let c = rest.get(i).cloned();
                i += 1;
                c
            } else {
                Some(code.to_string())
            };
            // Handed to clap so that a missing CODE is its usage error.
            opts.push("-c".to_string());
            opts.extend(code.clone());
            program = code.map(Program::Code);
            break;
        }
        if a.starts_with('-') {
            opts.push(a.to_string());
            if RUN_VALUE_OPTIONS.contains(&a) {
                if let Some(v) = rest.get(i) {
                    opts.push(v.clone());
                    i += 1;
                }
            }
            continue;
        }
        program = Some(Program::File(a.to_string()));
        break;
    }
    let args = rest.get(i..).unwrap_or_default().to_vec();
    (opts, program, args)
}

/// `gilvm run ...` (or its shorthand): returns the process's exit.
fn run_command(rest: &[String]) -> ExitCode {
    let (opts, program, args) = split_run_args(rest);
    let mut clap_args = vec!["gilvm".to_string(), "run".to_string()];
    clap_args.extend(opts);
    let cli = Cli::try_parse_from(&clap_args).unwrap_or_else(|e| e.exit());
    let Command::Run(r) = cli.command else {
        unreachable!("the arguments start with `run`")
    };
    use std::io::IsTerminal;
    let program = match program {
        Some(p) => p,
        None if r.inspect || std::io::stdin().is_terminal() => Program::Interactive,
        None => Program::Stdin { dash: false },
    };
    if r.record_schedule.is_some() && r.schedule.is_none() {
        eprintln!("gilvm run: --record-schedule needs --schedule SPEC");
        return ExitCode::from(2);
    }
    if r.gil == Some(false) {
        let gil_only = [
            ("--schedule", r.schedule.is_some()),
            ("--gil-policy", r.gil_policy.is_some()),
            ("--switch-interval", r.switch_interval.is_some()),
            ("--switch-points", r.switch_points.is_some()),
            ("--race-log", r.race_log.is_some()),
        ];
        if let Some((name, _)) = gil_only.iter().find(|(_, given)| *given) {
            eprintln!("gilvm run: {name} needs the GIL; it has no meaning with --gil off");
            return ExitCode::from(2);
        }
        return run_free(program, args, &r);
    }
    let opts = RunOptions {
        switch_interval: r.switch_interval,
        gil_policy: r.gil_policy.unwrap_or_default(),
        switch_points: r.switch_points.unwrap_or_default(),
        gil_off: r.gil == Some(false),
        schedule: r.schedule,
        record_schedule: r.record_schedule,
        gil_stats: r.gil_stats,
        gil_stats_json: r.gil_stats_json,
        trace: r.trace,
        timeline: r.timeline,
        inspect: r.inspect,
        trace_merge: r.trace_merge,
        race_log: r.race_log,
        race_check: r.race_check,
        shuffle_tasks: r.shuffle_tasks,
    };
    let exit = driver::run(program, args, opts);
    if exit.sigint {
        gilvm::vm::stdio::exit_by_sigint();
    }
    ExitCode::from(exit.code)
}

/// `gilvm run --gil off`: the run goes to the free-threaded copy of the interpreter
/// (free/Cargo.toml: the same sources built with atomic counts and locked cells),
/// whose types are its own, so the options are restated in them.
#[cfg(feature = "free-threaded")]
fn run_free(program: Program, args: Vec<String>, r: &RunArgs) -> ExitCode {
    use gilvm_free::driver as free;
    let program = match program {
        Program::File(f) => free::Program::File(f),
        Program::Code(c) => free::Program::Code(c),
        Program::Module(m) => free::Program::Module(m),
        Program::Stdin { dash } => free::Program::Stdin { dash },
        Program::Interactive => free::Program::Interactive,
    };
    let opts = free::RunOptions {
        gil_off: true,
        gil_stats: r.gil_stats,
        gil_stats_json: r.gil_stats_json.clone(),
        trace: r.trace.clone(),
        timeline: r.timeline.clone(),
        inspect: r.inspect,
        trace_merge: r.trace_merge,
        shuffle_tasks: r.shuffle_tasks,
        ..free::RunOptions::default()
    };
    let exit = free::run(program, args, opts);
    if exit.sigint {
        gilvm_free::vm::stdio::exit_by_sigint();
    }
    ExitCode::from(exit.code)
}

#[cfg(not(feature = "free-threaded"))]
fn run_free(_: Program, _: Vec<String>, _: &RunArgs) -> ExitCode {
    eprintln!(
        "gilvm run: --gil off needs the free-threaded build, which this binary was built \
         without (cargo feature free-threaded, on by default)"
    );
    ExitCode::from(2)
}

/// Parses `500us`, `5ms`, `0.01s`, `0.005` (seconds).
fn parse_interval(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let (num, scale) = if let Some(n) = t.strip_suffix("us") {
        (n, 1e-6)
    } else if let Some(n) = t.strip_suffix("µs") {
        (n, 1e-6)
    } else if let Some(n) = t.strip_suffix("ms") {
        (n, 1e-3)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1.0)
    } else {
        (t, 1.0)
    };
    let v: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a duration (try 500us, 5ms or 0.01s)"))?;
    if !v.is_finite() || v <= 0.0 {
        return Err(format!("switch interval must be positive, got '{s}'"));
    }
    let secs = v * scale;
    if secs > 3600.0 {
        return Err(format!(
            "switch interval '{s}' is too large (at most 1 hour)"
        ));
    }
    let d = Duration::from_secs_f64(secs);
    if d.is_zero() {
        return Err(format!("switch interval '{s}' is below 1 nanosecond"));
    }
    Ok(d)
}

/// `--trace-merge`: a duration as for --switch-interval, or 0 for "merge nothing".
fn parse_merge(s: &str) -> Result<Duration, String> {
    if s.trim()
        .trim_end_matches(['u', 'm', 's'])
        .trim()
        .parse::<f64>()
        == Ok(0.0)
    {
        return Ok(Duration::ZERO);
    }
    parse_interval(s).map_err(|e| e.replace("switch interval", "--trace-merge"))
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    // `gilvm FILE ARGS...`, `gilvm -c CODE` and a bare `gilvm` are `gilvm run ...`, as
    // `python3 ...` is; only the subcommands and the top-level help go to clap.
    match argv.get(1).map(String::as_str) {
        Some("run") => return run_command(&argv[2..]),
        Some("bench" | "dis" | "race" | "help" | "-h" | "--help" | "-V" | "--version") => {}
        _ => return run_command(&argv[1..]),
    }
    let cli = Cli::parse();
    match cli.command {
        Command::Run(_) => unreachable!("handled by run_command"),
        Command::Bench {
            workloads,
            threads,
            switch_interval,
            gil_policy,
            switch_points,
            gil,
            repeat,
            seed,
            scale,
            timeout,
            json,
            csv,
            svg,
        } => {
            let status = gilvm::instruments::bench::run(gilvm::instruments::bench::BenchOptions {
                workloads,
                threads,
                intervals: switch_interval,
                policies: dedup(gil_policy),
                switch_points: dedup(switch_points),
                gil_off: dedup(gil.into_iter().map(|on| !on).collect()),
                repeat,
                seed,
                scale,
                timeout: Duration::from_secs(timeout),
                json,
                csv,
                svg,
            });
            ExitCode::from(status.clamp(0, 255) as u8)
        }
        Command::Race(r) => {
            let status = gilvm::instruments::race::run(gilvm::instruments::race::RaceOptions {
                file: r.file,
                args: r.args,
                strategy: gilvm::instruments::race::Strategy::from_name(&r.strategy)
                    .expect("clap checked the name"),
                runs: r.runs,
                seed: r.seed,
                max_preemptions: r.max_preemptions,
                expect_output: r.expect_output,
                expect_same: r.expect_same,
                check: r.check,
                json: r.json,
                output: r.output,
                switch_points: r.switch_points.unwrap_or_default(),
                timeout: Duration::from_secs(r.timeout),
                shrink: !r.no_shrink,
                verbose: r.verbose,
                shuffle_tasks: r.shuffle_tasks,
            });
            ExitCode::from(status.clamp(0, 255) as u8)
        }
        Command::Dis {
            file,
            switch_points,
        } => {
            let source = match driver::read_program(&file) {
                Ok(s) => s,
                Err(code) => return ExitCode::from(code),
            };
            match driver::compile_source(&source, &file) {
                Ok(code) => {
                    use std::io::Write;
                    let text = match switch_points {
                        None => gilvm::bytecode::dis::dis(&code),
                        Some(mode) => gilvm::bytecode::dis::dis_switch_points(
                            &code,
                            mode == SwitchPoints::Cpython,
                        ),
                    };
                    match std::io::stdout().lock().write_all(text.as_bytes()) {
                        Ok(()) => ExitCode::SUCCESS,
                        // `gilvm dis prog.py | head` ends quietly.
                        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(1),
                        Err(e) => {
                            gilvm::vm::stdio::eprint(&format!("gilvm dis: cannot write: {e}\n"));
                            ExitCode::from(1)
                        }
                    }
                }
                Err(e) => {
                    gilvm::vm::stdio::eprint(&driver::format_syntax_error(&e, &file, &source));
                    ExitCode::from(1)
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_interval;
    use std::time::Duration;

    #[test]
    fn intervals_parse_with_units() {
        assert_eq!(parse_interval("500us").unwrap(), Duration::from_micros(500));
        assert_eq!(parse_interval("5ms").unwrap(), Duration::from_millis(5));
        assert_eq!(parse_interval("0.01s").unwrap(), Duration::from_millis(10));
        assert_eq!(parse_interval("0.005").unwrap(), Duration::from_millis(5));
    }

    #[test]
    fn bad_intervals_are_rejected() {
        for bad in ["0", "-1ms", "nan", "fast", "", "1e400"] {
            assert!(parse_interval(bad).is_err(), "{bad} should be rejected");
        }
    }
}
