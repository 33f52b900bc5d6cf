//! Runs programs end to end: read the file, compile it, execute it on a big-stack
//! thread, report uncaught exceptions and syntax errors as CPython does, and choose
//! the exit status.

use crate::bytecode::CodeObject;
use crate::gil::{
    format_stats_table, Gil, GilOptions, SwitchPoints, SwitchPolicy, DEFAULT_SWITCH_INTERVAL,
};
use crate::instruments::{self, chrome_trace::TraceMeta};
use crate::parser::SyntaxError;
use crate::vm::errors::PyErr;
use crate::vm::refcount::Ref;
use crate::vm::types::types;
use crate::vm::value::Value;
use crate::vm::{Interp, Vm, THREAD_STACK_SIZE};
use std::path::{Path, PathBuf};

/// Options that shape a run (set from the command line).
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// The switch interval; None keeps the default (5 ms).
    pub switch_interval: Option<std::time::Duration>,
    /// Who gets the GIL next (`--gil-policy`).
    pub gil_policy: SwitchPolicy,
    /// Where a thread may honour a drop request (`--switch-points`).
    pub switch_points: SwitchPoints,
    /// Print per-thread GIL statistics to stderr at exit.
    pub gil_stats: bool,
    /// Write per-thread GIL statistics as JSON to this file at exit (`gilvm bench` reads it).
    pub gil_stats_json: Option<PathBuf>,
    /// Write a Chrome trace event file (Perfetto, chrome://tracing) of the GIL at exit.
    pub trace: Option<PathBuf>,
    /// Draw the GIL timeline as a standalone SVG at exit.
    pub timeline: Option<PathBuf>,
}

/// An output file of the instruments: created before the program runs, so a bad
/// path is reported at once rather than after a long run; written at exit.
struct Output {
    path: PathBuf,
    file: std::fs::File,
}

impl Output {
    fn create(path: &Option<PathBuf>) -> Result<Option<Output>, String> {
        match path {
            None => Ok(None),
            Some(p) => std::fs::File::create(p)
                .map(|file| {
                    Some(Output {
                        path: p.clone(),
                        file,
                    })
                })
                .map_err(|e| format!("gilvm: cannot write '{}': {e}", p.display())),
        }
    }

    fn write(self, text: &str) -> Result<(), String> {
        use std::io::Write as _;
        let Output { path, mut file } = self;
        file.write_all(text.as_bytes())
            .and_then(|()| file.flush())
            .map_err(|e| format!("gilvm: cannot write '{}': {e}", path.display()))
    }
}

/// Source → code object.
pub fn compile_source(source: &str, filename: &str) -> Result<Ref<CodeObject>, SyntaxError> {
    let module = crate::parser::parse(source)?;
    crate::compiler::compile_module(&module, filename)
}

/// CPython's report for a syntax error: location, the line, a caret, the message.
pub fn format_syntax_error(e: &SyntaxError, filename: &str, source: &str) -> String {
    let mut out = format!("  File \"{}\", line {}\n", filename, e.line);
    if let Some(line) = source.lines().nth(e.line.saturating_sub(1) as usize) {
        let trimmed = line.trim_start();
        let indent = line.chars().count() - trimmed.chars().count();
        let text = trimmed.trim_end();
        if !text.is_empty() {
            out.push_str(&format!("    {text}\n"));
            if e.col > 0 {
                let col = (e.col as usize).saturating_sub(1).saturating_sub(indent);
                let col = col.min(text.chars().count());
                out.push_str(&format!("    {}^\n", " ".repeat(col)));
            }
        }
    }
    out.push_str(&format!("{}: {}\n", e.kind, e.msg));
    out
}

/// Runs a whole program; returns the process exit status.
pub fn run_source(source: String, filename: String, argv: Vec<String>, opts: RunOptions) -> i32 {
    let script_dir = Path::new(&filename)
        .parent()
        .map(|p| p.to_path_buf())
        .filter(|p| !p.as_os_str().is_empty())
        .or_else(|| std::env::current_dir().ok());
    let handle = std::thread::Builder::new()
        .name("MainThread".into())
        .stack_size(THREAD_STACK_SIZE)
        .spawn(move || run_on_this_thread(source, filename, argv, opts, script_dir));
    match handle.map(|h| h.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("gilvm: internal error: the interpreter thread panicked");
            70
        }
    }
}

fn run_on_this_thread(
    source: String,
    filename: String,
    argv: Vec<String>,
    opts: RunOptions,
    script_dir: Option<std::path::PathBuf>,
) -> i32 {
    let code = match compile_source(&source, &filename) {
        Ok(c) => c,
        Err(e) => {
            eprint!("{}", format_syntax_error(&e, &filename, &source));
            return 1;
        }
    };
    let outputs = [&opts.gil_stats_json, &opts.trace, &opts.timeline].map(Output::create);
    let [stats_out, trace_out, timeline_out] = match outputs {
        [Ok(a), Ok(b), Ok(c)] => [a, b, c],
        [a, b, c] => {
            for e in [a.err(), b.err(), c.err()].into_iter().flatten() {
                eprintln!("{e}");
            }
            return 1;
        }
    };
    let interval = opts.switch_interval.unwrap_or(DEFAULT_SWITCH_INTERVAL);
    let gil = Gil::with_options(GilOptions {
        switch_interval: interval,
        policy: opts.gil_policy,
        switch_points: opts.switch_points,
        trace: trace_out.is_some() || timeline_out.is_some(),
        ..GilOptions::default()
    });
    // Ctrl-C: the handler only sets a bit in the eval breaker; the main thread raises
    // KeyboardInterrupt at its next instruction (or wakes from a sleep or lock wait).
    let on_sigint = gil.clone();
    let _ = ctrlc::set_handler(move || on_sigint.request_interrupt());
    let interp = Interp::with_gil(argv, script_dir, gil.clone());
    interp.add_source(&filename, &source);
    let mut vm = Vm::new(interp.clone());
    // Matched directly so the module's result is dropped here, with the GIL held.
    let mut status = match vm.run_module_code(code, "__main__") {
        Ok(_) => 0,
        Err(e) => report_uncaught(&mut vm, &e),
    };
    // As CPython: the program ends once every non-daemon thread has finished.
    if let Err(e) = join_threads(&mut vm) {
        status = report_uncaught(&mut vm, &e);
    }
    interp.flush_stdout();
    vm.finish_thread();
    let tracing = trace_out.is_some() || timeline_out.is_some();
    if opts.gil_stats || stats_out.is_some() || tracing {
        settle(&gil, tracing);
    }
    if opts.gil_stats {
        eprint!("{}", format_stats_table(&gil.stats_snapshot()));
    }
    // The interval the run started with (a program may change it with sys.setswitchinterval).
    let meta = TraceMeta {
        program: filename,
        switch_interval: interval,
        policy: opts.gil_policy,
        switch_points: opts.switch_points,
    };
    let mut written = Vec::new();
    if let Some(out) = stats_out {
        written.push(out.write(&instruments::stats_json(&gil.stats_snapshot(), &meta)));
    }
    if tracing {
        let traces = gil.traces();
        if let Some(out) = trace_out {
            written.push(out.write(&instruments::chrome_trace::render(&traces, &meta)));
        }
        if let Some(out) = timeline_out {
            written.push(out.write(&instruments::svg::timeline(&traces, &meta)));
        }
    }
    for e in written.into_iter().filter_map(Result::err) {
        eprintln!("{e}");
        if status == 0 {
            status = 1;
        }
    }
    status
}

/// Waits briefly for finished threads to publish their stats and traces. `join`
/// returns once a thread signals completion, which is just before its `ThreadGil`
/// publishes, so without this the last thread's figures could be missing. Bounded,
/// because daemon threads may still be running and never publish.
fn settle(gil: &Gil, traces: bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_millis(500);
    while std::time::Instant::now() < deadline {
        let stats = gil.stats_snapshot();
        let unfinished = stats.iter().filter(|s| !s.finished).count();
        let published = if traces {
            gil.traces().len() == stats.len()
        } else {
            true
        };
        if unfinished == 0 && published {
            return;
        }
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
}

/// Calls `threading._shutdown()` if the program imported threading.
fn join_threads(vm: &mut Vm) -> Result<(), PyErr> {
    let threading = vm.interp.modules.lock().get("threading").cloned();
    if let Some(m) = threading {
        let shutdown = vm.getattr_str(&m, "_shutdown")?;
        vm.call(&shutdown, &[], &[])?;
    }
    Ok(())
}

/// Prints an uncaught exception (or honours SystemExit) and gives the exit status.
pub fn report_uncaught(vm: &mut Vm, e: &PyErr) -> i32 {
    vm.interp.flush_stdout();
    if e.is(&types().system_exit) {
        let code = e.args().first().cloned().unwrap_or(Value::None);
        return match code {
            Value::None => 0,
            Value::Int(i) => i as i32,
            Value::Bool(b) => b as i32,
            other => {
                let msg = vm.str(&other).unwrap_or_default();
                eprintln!("{msg}");
                1
            }
        };
    }
    eprint!("{}", vm.format_exception(e));
    // CPython dies of the SIGINT it re-raises; shells report that as 128 + 2.
    if e.is(&types().keyboard_interrupt) {
        return 130;
    }
    1
}
