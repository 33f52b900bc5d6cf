//! The `gilvm` command line: run a program, disassemble one, or benchmark the GIL.

use clap::{Parser, Subcommand};
use gilvm::driver::{self, RunOptions};
use gilvm::gil::{SwitchPoints, SwitchPolicy};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "gilvm",
    version,
    about = "A small Python bytecode interpreter with a real global interpreter lock",
    long_about = "gilvm runs a subset of Python on a bytecode VM whose OS threads share one heap \
and contend for one global interpreter lock (GIL), released every switch interval and around \
blocking calls. Use it to watch races that the GIL does not prevent, and to measure what the \
switch interval trades."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a Python program (sys.argv is [FILE, ARGS...]).
    Run {
        /// Program text to run instead of a file (like python -c).
        #[arg(short = 'c', value_name = "CODE", conflicts_with = "file")]
        code: Option<String>,
        /// The program to run.
        #[arg(value_name = "FILE", required_unless_present = "code")]
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
    },
    /// Measure the GIL: run workloads over a grid of thread counts and switch intervals.
    ///
    /// Each run is a fresh `gilvm run` subprocess; runs are done in random order.
    /// Built-in workloads: cpu (fixed arithmetic split across threads), io (sleeps and
    /// file reads), mixed (an I/O thread's wake-up latency while N CPU threads run).
    /// A FILE.py workload gets the thread count as sys.argv[1] and may print key=value
    /// lines: seconds= (or elapsed=) replaces the measured wall time, work= the units of
    /// work done (for speedup when work grows with threads), latency_median_ms= and
    /// latency_p99_ms= fill the latency columns.
    Bench {
        /// Workloads: cpu, io, mixed, or Python files.
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
        /// Runs per cell (the table shows the median and the spread).
        #[arg(long, value_name = "N", default_value_t = 3,
              value_parser = clap::value_parser!(u32).range(1..=1000))]
        repeat: u32,
        /// Seed for the random run order (default: from the clock; printed either way).
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Work multiplier for the built-in workloads (passed as sys.argv[2]).
        #[arg(long, value_name = "N", default_value_t = 1,
              value_parser = clap::value_parser!(u32).range(1..=10000))]
        scale: u32,
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

fn parse_policy(s: &str) -> Result<SwitchPolicy, String> {
    SwitchPolicy::from_name(s.trim()).ok_or_else(|| {
        let names: Vec<&str> = SwitchPolicy::ALL.iter().map(|p| p.name()).collect();
        format!("unknown GIL policy '{s}' (one of: {})", names.join(", "))
    })
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

fn read_program(path: &str) -> Result<String, ExitCode> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Ok(s),
            Err(e) => {
                let bad = e.as_bytes()[e.utf8_error().valid_up_to()];
                let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
                    + 1;
                eprintln!(
                    "SyntaxError: Non-UTF-8 code starting with '\\x{bad:02x}' in file {path} on line {line}, but no encoding declared"
                );
                Err(ExitCode::from(1))
            }
        },
        Err(e) => {
            let errno = e.raw_os_error().unwrap_or(0);
            let msg = match e.kind() {
                std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
                _ => e.to_string(),
            };
            eprintln!("gilvm: can't open file '{path}': [Errno {errno}] {msg}");
            Err(ExitCode::from(2))
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Run {
            code,
            file,
            args,
            switch_interval,
            gil_policy,
            switch_points,
            gil_stats,
            gil_stats_json,
            trace,
            timeline,
        } => {
            let (source, filename) = match (code, file) {
                (Some(c), _) => (c, "<string>".to_string()),
                (None, Some(f)) => match read_program(&f) {
                    Ok(s) => (s, f),
                    Err(code) => return code,
                },
                (None, None) => unreachable!("clap requires FILE or -c"),
            };
            let mut argv = vec![if filename == "<string>" {
                "-c".to_string()
            } else {
                filename.clone()
            }];
            argv.extend(args);
            let opts = RunOptions {
                switch_interval,
                gil_policy: gil_policy.unwrap_or_default(),
                switch_points: switch_points.unwrap_or_default(),
                gil_stats,
                gil_stats_json,
                trace,
                timeline,
            };
            let status = driver::run_source(source, filename, argv, opts);
            ExitCode::from(status.clamp(0, 255) as u8)
        }
        Command::Bench {
            workloads,
            threads,
            switch_interval,
            gil_policy,
            switch_points,
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
        Command::Dis {
            file,
            switch_points,
        } => {
            let source = match read_program(&file) {
                Ok(s) => s,
                Err(code) => return code,
            };
            match driver::compile_source(&source, &file) {
                Ok(code) => {
                    match switch_points {
                        None => print!("{}", gilvm::bytecode::dis::dis(&code)),
                        Some(mode) => {
                            let cpython = mode == SwitchPoints::Cpython;
                            print!(
                                "{}",
                                gilvm::bytecode::dis::dis_switch_points(&code, cpython)
                            )
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprint!("{}", driver::format_syntax_error(&e, &file, &source));
                    ExitCode::from(1)
                }
            }
        }
    }
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
