//! Runs programs end to end: find and read the program (a file, a directory's
//! `__main__.py`, `-c` text, stdin), compile it, execute it on a big-stack thread,
//! report uncaught exceptions and syntax errors as CPython does, open the prompt
//! when asked, flush the streams at exit and choose the exit status.

use crate::bytecode::CodeObject;
use crate::gil::{
    format_stats_table, Gil, GilOptions, SwitchPoints, SwitchPolicy, DEFAULT_SWITCH_INTERVAL,
};
use crate::instruments::{self, chrome_trace::TraceMeta};
use crate::parser::SyntaxError;
use crate::vm::errors::PyErr;
use crate::vm::object::{DictObj, Module};
use crate::vm::refcount::Ref;
use crate::vm::stdio::{self, Fd, Flush};
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
    /// Free-threaded: no GIL (`--gil off`).
    pub gil_off: bool,
    /// A deterministic run (`--schedule`).
    pub schedule: Option<crate::gil::ScheduleSpec>,
    /// Where to write the schedule of a deterministic run (`--record-schedule`).
    pub record_schedule: Option<PathBuf>,
    /// Print per-thread GIL statistics to stderr at exit.
    pub gil_stats: bool,
    /// Write per-thread GIL statistics as JSON to this file at exit (`gilvm bench` reads it).
    pub gil_stats_json: Option<PathBuf>,
    /// Write a Chrome trace event file (Perfetto, chrome://tracing) of the GIL at exit.
    pub trace: Option<PathBuf>,
    /// Draw the GIL timeline as a standalone SVG at exit.
    pub timeline: Option<PathBuf>,
    /// `-i`: open the prompt after the program (and even when stdin is not a terminal).
    pub inspect: bool,
    /// Merge running spans shorter than this in the trace; None keeps the default
    /// (`chrome_trace::DEFAULT_MERGE_BELOW`), zero merges nothing.
    pub trace_merge: Option<std::time::Duration>,
    /// `gilvm race`'s record of a deterministic run (accesses, switches, locksets).
    pub race_log: Option<PathBuf>,
    /// `gilvm race --check EXPR`: evaluated in `__main__` at exit; its outcome goes
    /// into the race log.
    pub race_check: Option<String>,
    /// `--shuffle-tasks SEED`: vary the order of ready asyncio task steps by SEED.
    pub shuffle_tasks: Option<u64>,
}

/// What to run, as the command line named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Program {
    /// A file, or a directory holding `__main__.py`.
    File(String),
    /// `-c CODE`.
    Code(String),
    /// `-m MODULE`: found on sys.path as `import` finds it, run as `__main__`.
    Module(String),
    /// `-` (`dash`), or a program piped on stdin: read to end of input, then run.
    Stdin { dash: bool },
    /// No program: the interactive prompt.
    Interactive,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exit {
    /// The status for `exit(2)`, already reduced to 0..=255.
    pub code: u8,
    /// An uncaught KeyboardInterrupt: the process should die of SIGINT, as CPython does.
    pub sigint: bool,
}

impl Exit {
    fn code(code: u8) -> Exit {
        Exit {
            code,
            sigint: false,
        }
    }
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

/// The name CPython puts before its own command-line errors: how it was invoked.
fn program_name() -> String {
    std::env::args_os()
        .next()
        .map(|a| a.to_string_lossy().into_owned())
        .unwrap_or_else(|| "gilvm".into())
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// A program ready to compile: its text, the file name its code and tracebacks carry,
/// `__file__`, and the directory imports search (`sys.path[0]`).
struct Loaded {
    source: String,
    filename: String,
    file: Option<String>,
    dir: Option<PathBuf>,
    /// `-m`: the module to find once the interpreter exists (`source` is then empty).
    module: Option<String>,
}

/// Reads the program, or prints CPython's message and gives its exit status.
fn load(program: &Program) -> Result<Option<Loaded>, u8> {
    let cwd = std::env::current_dir().ok();
    match program {
        Program::Interactive => Ok(None),
        Program::Code(c) => Ok(Some(Loaded {
            source: c.clone(),
            filename: "<string>".into(),
            file: None,
            dir: cwd,
            module: None,
        })),
        Program::Module(name) => Ok(Some(Loaded {
            source: String::new(),
            filename: name.clone(),
            file: None,
            dir: cwd,
            module: Some(name.clone()),
        })),
        Program::Stdin { .. } => {
            let mut bytes = Vec::new();
            use std::io::Read as _;
            if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
                stdio::eprint(&format!("{}: can't read <stdin>: {e}\n", program_name()));
                return Err(2);
            }
            let source = decode_source(bytes, "<stdin>")?;
            Ok(Some(Loaded {
                source,
                filename: "<stdin>".into(),
                file: Some("<stdin>".into()),
                dir: cwd,
                module: None,
            }))
        }
        Program::File(path) => {
            let given = Path::new(path);
            let abs = absolute(given);
            let (file, dir) = if abs.is_dir() {
                let main = abs.join("__main__.py");
                if !main.is_file() {
                    stdio::eprint(&format!(
                        "{}: can't find '__main__' module in {}\n",
                        program_name(),
                        crate::vm::strops::str_repr(path)
                    ));
                    return Err(1);
                }
                (main, abs.clone())
            } else {
                let dir = abs.parent().map(Path::to_path_buf);
                (abs.clone(), dir.unwrap_or_default())
            };
            let bytes = match std::fs::read(&file) {
                Ok(b) => b,
                Err(e) => {
                    let errno = e.raw_os_error().unwrap_or(0);
                    let msg = match e.kind() {
                        std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
                        _ => strip_os_error(&e.to_string()),
                    };
                    stdio::eprint(&format!(
                        "{}: can't open file {}: [Errno {errno}] {msg}\n",
                        program_name(),
                        crate::vm::strops::str_repr(&file.to_string_lossy())
                    ));
                    return Err(2);
                }
            };
            let filename = file.to_string_lossy().into_owned();
            let source = decode_source(bytes, &filename)?;
            Ok(Some(Loaded {
                source,
                file: Some(filename.clone()),
                filename,
                dir: Some(dir),
                module: None,
            }))
        }
    }
}

fn strip_os_error(s: &str) -> String {
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

fn decode_source(bytes: Vec<u8>, filename: &str) -> Result<String, u8> {
    String::from_utf8(bytes).map_err(|e| {
        let bad = e.as_bytes()[e.utf8_error().valid_up_to()];
        let line = e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        stdio::eprint(&format!(
            "SyntaxError: Non-UTF-8 code starting with '\\x{bad:02x}' in file {filename} on line {line}, but no encoding declared\n"
        ));
        1
    })
}

/// Reads a program file for `gilvm dis` (the messages of `load`).
pub fn read_program(path: &str) -> Result<String, u8> {
    match load(&Program::File(path.to_string()))? {
        Some(l) => Ok(l.source),
        None => Err(1),
    }
}

/// Runs a program with `args` as `sys.argv[1:]`; returns how the process should end.
pub fn run(program: Program, args: Vec<String>, opts: RunOptions) -> Exit {
    let loaded = match load(&program) {
        Ok(l) => l,
        Err(code) => return Exit::code(code),
    };
    let mut argv = vec![match &program {
        Program::File(p) => p.clone(),
        Program::Code(_) => "-c".into(),
        // Replaced by the module's file once it is found, as CPython's runpy does.
        Program::Module(_) => "-m".into(),
        Program::Stdin { dash: true } => "-".into(),
        Program::Stdin { dash: false } | Program::Interactive => String::new(),
    }];
    argv.extend(args);
    let interactive = opts.inspect || program == Program::Interactive;
    let handle = std::thread::Builder::new()
        .name("MainThread".into())
        .stack_size(THREAD_STACK_SIZE)
        .spawn(move || run_on_this_thread(loaded, argv, opts, interactive));
    match handle.map(|h| h.join()) {
        Ok(Ok(exit)) => exit,
        _ => {
            stdio::eprint("gilvm: internal error: the interpreter thread panicked\n");
            Exit::code(70)
        }
    }
}

fn run_on_this_thread(
    loaded: Option<Loaded>,
    argv: Vec<String>,
    opts: RunOptions,
    interactive: bool,
) -> Exit {
    let code = match &loaded {
        None => None,
        Some(l) if l.module.is_some() => None,
        Some(l) => match compile_source(&l.source, &l.filename) {
            Ok(c) => Some(c),
            Err(e) => {
                stdio::eprint(&format_syntax_error(&e, &l.filename, &l.source));
                return Exit::code(1);
            }
        },
    };
    let outputs = [&opts.gil_stats_json, &opts.trace, &opts.timeline].map(Output::create);
    let [stats_out, trace_out, timeline_out] = match outputs {
        [Ok(a), Ok(b), Ok(c)] => [a, b, c],
        [a, b, c] => {
            for e in [a.err(), b.err(), c.err()].into_iter().flatten() {
                stdio::eprint(&format!("{e}\n"));
            }
            return Exit::code(1);
        }
    };
    let interval = opts.switch_interval.unwrap_or(DEFAULT_SWITCH_INTERVAL);
    let gil = Gil::with_options(GilOptions {
        switch_interval: interval,
        policy: opts.gil_policy,
        switch_points: opts.switch_points,
        trace: trace_out.is_some() || timeline_out.is_some(),
        schedule: opts.schedule.clone(),
        enabled: !opts.gil_off,
    });
    if let (Some(s), Some(path)) = (gil.scheduler(), &opts.record_schedule) {
        let program = loaded
            .as_ref()
            .map(|l| l.filename.clone())
            .unwrap_or_else(|| "<stdin>".into());
        s.set_record_file(path.clone(), program);
    }
    if let (Some(s), Some(path)) = (gil.scheduler(), &opts.race_log) {
        s.set_race_log(path.clone());
    }
    // Ctrl-C: the handler only sets a bit in the eval breaker (and wakes a blocked
    // read or write); the main thread raises KeyboardInterrupt at its next instruction.
    stdio::install_sigint_handler(gil.clone());
    let dir = match &loaded {
        Some(l) => l.dir.clone(),
        None => std::env::current_dir().ok(),
    };
    let interp = Interp::with_gil(argv, dir, gil.clone());
    if let Some(seed) = opts.shuffle_tasks {
        *interp.task_shuffle.lock() = Some(crate::gil::SeededRng::new(seed));
    }
    let mut vm = Vm::new(interp.clone());
    let main = new_main_module(&mut vm, loaded.as_ref().and_then(|l| l.file.as_deref()));
    let mut status = Status::Code(0);
    if let Some(name) = loaded.as_ref().and_then(|l| l.module.clone()) {
        status = match vm.run_main_module(&main, &name) {
            Ok(Ok(())) => Status::Code(0),
            Ok(Err(e)) => report_uncaught(&mut vm, &e),
            // As CPython: "python3: No module named x", status 1, before any code runs.
            Err(msg) => {
                stdio::eprint(&format!("{}: {msg}\n", program_name()));
                Status::Code(1)
            }
        };
    }
    if let (Some(l), Some(code)) = (&loaded, code) {
        if l.filename != "<stdin>" {
            interp.add_source(&l.filename, &l.source);
        }
        status = match run_code_in(&mut vm, code, &main) {
            Ok(()) => Status::Code(0),
            // With -i even sys.exit() is reported and the prompt opens, as CPython's.
            Err(e) if interactive && e.is(&types().system_exit) => {
                let report = vm.format_exception(&e);
                vm.report(&report);
                Status::Code(1)
            }
            Err(e) => report_uncaught(&mut vm, &e),
        };
    }
    if interactive {
        status = crate::repl::run(&mut vm, &main, loaded.is_none());
    }
    if let (Some(expr), Some(s)) = (&opts.race_check, gil.scheduler()) {
        s.race_check(race_check(&mut vm, &main, expr));
    }
    let status = finish(&mut vm, status);
    let mut exit = match status {
        Status::Code(c) | Status::Exit(c) => Exit::code(c),
        Status::Interrupted => Exit {
            code: 130,
            sigint: true,
        },
    };
    vm.finish_thread();
    if let Some(Err(e)) = gil.scheduler().and_then(|s| s.write_record()) {
        stdio::eprint(&format!("{e}\n"));
        if exit.code == 0 {
            exit.code = 1;
        }
    }
    let tracing = trace_out.is_some() || timeline_out.is_some();
    if opts.gil_stats || stats_out.is_some() || tracing {
        settle(&gil, tracing);
    }
    if opts.gil_stats {
        stdio::eprint(&format_stats_table(&gil.stats_snapshot()));
    }
    // The interval the run started with; the traces hold the program's changes to it.
    let meta = TraceMeta {
        program: loaded
            .map(|l| l.filename)
            .unwrap_or_else(|| "<stdin>".into()),
        switch_interval: interval,
        policy: opts.gil_policy,
        switch_points: opts.switch_points,
        gil_off: opts.gil_off,
        merge_below: opts
            .trace_merge
            .unwrap_or(instruments::chrome_trace::DEFAULT_MERGE_BELOW),
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
        stdio::eprint(&format!("{e}\n"));
        if exit.code == 0 {
            exit.code = 1;
        }
    }
    exit
}

/// `--check EXPR` of `gilvm race`, after the program (and its threads) ended:
/// Ok when EXPR is true in `__main__`, else why not.
fn race_check(vm: &mut Vm, main: &Ref<Module>, expr: &str) -> Result<(), String> {
    let _ = join_threads(vm);
    let src = format!("__gilvm_race_check__ = bool(({expr}\n))\n");
    let code = compile_source(&src, "<check>").map_err(|e| format!("syntax error: {}", e.msg))?;
    match run_code_in(vm, code, main) {
        Ok(()) => match main
            .dict
            .get_str(&crate::vm::value::PyStr::new("__gilvm_race_check__"))
        {
            Some(Value::Bool(true)) => Ok(()),
            _ => Err(format!("{expr} is false")),
        },
        Err(e) => Err(format!(
            "{expr} raised {}",
            vm.exception_line(&e.exc).trim_end()
        )),
    }
}

/// Runs module-level code in `module`'s namespace (the program, or one prompt entry).
pub(crate) fn run_code_in(
    vm: &mut Vm,
    code: Ref<CodeObject>,
    module: &Ref<Module>,
) -> Result<(), PyErr> {
    let frame = vm.frame_pool.alloc(&code, &module.dict, None);
    // The module's result is dropped here, with the GIL held.
    vm.run_frame_to_value(frame).map(drop)
}

/// `__main__`, registered in `sys.modules`, with `__file__` when there is a file.
fn new_main_module(vm: &mut Vm, file: Option<&str>) -> Ref<Module> {
    let globals = Ref::new(DictObj::default());
    for (k, v) in [
        ("__name__", Value::str("__main__")),
        ("__doc__", Value::None),
        ("__package__", Value::None),
        ("__loader__", Value::None),
        ("__spec__", Value::None),
    ] {
        globals.set_str(k, v);
    }
    if let Some(f) = file {
        globals.set_str("__file__", Value::str(f));
    }
    let module = Ref::new(Module {
        name: "__main__".into(),
        dict: globals,
        weaklist: Default::default(),
    });
    vm.interp
        .modules
        .set_str("__main__", Value::Module(module.clone()));
    module
}

/// The status of a run so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// The program ran to its end (0) or an exception ended it (1).
    Code(u8),
    /// `sys.exit(code)`.
    Exit(u8),
    /// An uncaught KeyboardInterrupt.
    Interrupted,
}

/// The end of every run, as CPython's finalisation: wait for non-daemon threads, then
/// flush stdout and stderr; a flush that fails is reported and makes the status 120.
fn finish(vm: &mut Vm, mut status: Status) -> Status {
    if let Err(e) = join_threads(vm) {
        // Ctrl-C (or an error) while waiting for the threads: reported as CPython's
        // "Exception ignored", and the program ends at once with its own status.
        let report = vm.format_exception(&e);
        let module = "<module 'threading' from '<gilvm stdlib>/threading.py'>";
        let sep = if e.is(&types().keyboard_interrupt) && !report.contains(": ") {
            ": "
        } else {
            ""
        };
        vm.report(&format!(
            "Exception ignored in: {module}\n{}{sep}\n",
            report.trim_end()
        ));
    }
    run_atexit(vm);
    run_weakref_exit(vm);
    vm.gc_collect_at_exit();
    if let Err(e) = vm.flush_stream(Fd::Stdout, Flush::Explicit) {
        vm.interp.streams.stdout.discard();
        let line = vm.exception_line(&e.exc);
        vm.report(&format!(
            "Exception ignored in: <_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>\n{line}\n"
        ));
        status = Status::Code(120);
    }
    if vm.flush_stream(Fd::Stderr, Flush::Explicit).is_err() {
        vm.interp.streams.stderr.discard();
        status = Status::Code(120);
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
        let (registered, finished) = gil.thread_counts();
        let unfinished = registered - finished;
        let published = !traces || gil.traces().len() as u64 == finished;
        if unfinished == 0 && published {
            return;
        }
        std::thread::sleep(std::time::Duration::from_micros(200));
    }
}

/// Calls the `weakref.finalize` objects still alive (`weakref._exitfunc`), if the
/// program imported weakref: CPython runs them from an atexit hook, after the
/// threads are joined.
fn run_weakref_exit(vm: &mut Vm) {
    let m = vm
        .interp
        .modules
        .get_str(&crate::vm::value::PyStr::new("weakref"));
    if let Some(m) = m {
        if let Ok(f) = vm.getattr_str(&m, "_exitfunc") {
            if let Err(e) = vm.call(&f, &[], &[]) {
                let report = vm.format_exception(&e);
                vm.report(&format!("Exception ignored in atexit callback\n{report}"));
            }
        }
    }
}

/// Runs the `atexit` callbacks (`atexit._run_exitfuncs`, which reports their errors),
/// if the program imported atexit: after the threads are joined, as CPython.
fn run_atexit(vm: &mut Vm) {
    let m = vm
        .interp
        .modules
        .get_str(&crate::vm::value::PyStr::new("atexit"));
    if let Some(m) = m {
        if let Ok(f) = vm.getattr_str(&m, "_run_exitfuncs") {
            if let Err(e) = vm.call(&f, &[], &[]) {
                let report = vm.format_exception(&e);
                vm.report(&format!("Exception ignored in atexit callback\n{report}"));
            }
        }
    }
}

/// Calls `threading._shutdown()` if the program imported threading.
fn join_threads(vm: &mut Vm) -> Result<(), PyErr> {
    let threading = vm
        .interp
        .modules
        .get_str(&crate::vm::value::PyStr::new("threading"));
    if let Some(m) = threading {
        let shutdown = vm.getattr_str(&m, "_shutdown")?;
        vm.call(&shutdown, &[], &[])?;
    }
    Ok(())
}

/// The exit status CPython gives `sys.exit(code)`, printing the code if it is not an
/// int (`sys.exit("message")`). An int goes through C's `long` and `int`, so only its
/// low byte counts (256 → 0, -1 → 255); one too large for a `long` becomes -1 (255).
pub fn system_exit_status(vm: &mut Vm, e: &PyErr) -> u8 {
    let args = e.args();
    let code = match args.len() {
        0 => Value::None,
        1 => args[0].clone(),
        _ => Value::tuple(args),
    };
    match code {
        Value::None => 0,
        Value::Int(i) => i as i32 as u8,
        Value::Bool(b) => b as u8,
        Value::BigInt(_) => 255,
        other => {
            let msg = vm.str(&other).unwrap_or_default();
            vm.report(&format!("{msg}\n"));
            1
        }
    }
}

/// Prints an uncaught exception (or honours SystemExit) and gives the status.
pub fn report_uncaught(vm: &mut Vm, e: &PyErr) -> Status {
    if e.is(&types().system_exit) {
        return Status::Exit(system_exit_status(vm, e));
    }
    let report = vm.format_exception(e);
    vm.report(&report);
    if e.is(&types().keyboard_interrupt) {
        return Status::Interrupted;
    }
    Status::Code(1)
}
