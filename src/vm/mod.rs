//! The virtual machine: values and objects, frames, the eval loop, builtins, modules.
//! `Interp` is shared by all threads of one program; each OS thread runs its own `Vm`.

pub mod alloc;
pub mod attr;
#[cfg(feature = "atomic-objects")]
pub(crate) mod brc;
pub mod builtins;
pub mod bytes;
pub mod call;
pub mod cell;
pub mod classes;
pub mod codecs;
pub mod complex;
pub mod coro;
pub mod descr;
pub mod dictmap;
pub mod dispatch;
pub mod errors;
pub mod eval;
mod eval_ext;
pub mod format;
pub mod frame;
pub mod frameobj;
pub mod gc;
pub mod getsets;
pub mod inline;
pub mod iter;
pub mod mappingproxy;
pub mod memoryview;
pub mod modules;
pub mod natives;
pub mod numparse;
pub mod object;
pub mod ops;
pub mod printf;
pub mod range;
pub mod refcount;
pub mod repr;
pub mod slices;
pub mod slots;
pub mod stdio;
pub mod strops;
mod switch_points;
pub mod threads;
pub mod traceback;
pub mod typeobj;
pub mod types;
pub mod value;

pub use errors::{PyErr, PyResult};
pub use object::Args;
pub use value::Value;

use crate::gil::{Gil, ThreadGil, Ungil};
use crate::vm::refcount::Ref;
use cell::ObjCell;
use object::{DictObj, Module};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The step of a [`Vm::interruptible_wait`]: waits on its state until the deadline
/// (None: as long as it takes) and says whether the wait is over. A fn pointer, so
/// it captures nothing.
pub type WaitFn<D> = fn(&mut D, Option<std::time::Instant>) -> bool;

/// Process-wide interpreter state shared by every thread of one program.
pub struct Interp {
    /// The `builtins` namespace: LOAD_GLOBAL falls back to it.
    pub builtins: Ref<DictObj>,
    /// `sys.modules`: imported modules by name (the dict Python code sees).
    pub modules: Ref<DictObj>,
    pub recursion_limit: AtomicUsize,
    /// Source text by file name, for the source lines in tracebacks.
    pub sources: ObjCell<HashMap<String, Arc<str>>>,
    pub argv: Vec<String>,
    /// Where `import NAME` looks for `NAME.py` (the main script's directory).
    pub script_dir: Option<PathBuf>,
    /// The global interpreter lock every thread of this program contends for.
    pub gil: Arc<Gil>,
    /// Who waits on what, to report deadlocks instead of hanging.
    pub deadlock: Arc<threads::Deadlock>,
    /// `threading.local` values, per thread.
    pub thread_locals: Arc<threads::LocalStorage>,
    /// stdin, stdout and stderr (stdio.rs): buffers whose OS I/O runs without the GIL.
    pub streams: stdio::Streams,
    /// The cycle collector's generations and counts (gc.rs).
    pub gc: &'static gc::GcState,
    /// `--shuffle-tasks SEED`: the generator (seeded by SEED) that orders
    /// each batch of ready asyncio task steps (`_asyncio._shuffle_ready`); None keeps
    /// the event loop's FIFO order.
    pub task_shuffle: parking_lot::Mutex<Option<crate::gil::SeededRng>>,
    /// `threading.stack_size()`: the Rust stack of threads started from now on, in
    /// bytes; 0 for `THREAD_STACK_SIZE`.
    pub thread_stack_size: AtomicUsize,
    /// Whether a thread was ever started: until then no other thread can see a
    /// global between two instructions (`append_in_place` relies on it).
    pub threads_started: std::sync::atomic::AtomicBool,
}

impl Interp {
    pub fn new(argv: Vec<String>, script_dir: Option<PathBuf>) -> Arc<Interp> {
        Self::with_gil(
            argv,
            script_dir,
            Gil::new(crate::gil::DEFAULT_SWITCH_INTERVAL),
        )
    }

    pub fn with_gil(argv: Vec<String>, script_dir: Option<PathBuf>, gil: Arc<Gil>) -> Arc<Interp> {
        types::install_all_methods();
        let interp = Arc::new(Interp {
            builtins: Ref::new(DictObj::default()),
            modules: Ref::new(DictObj::default()),
            recursion_limit: AtomicUsize::new(1000),
            sources: ObjCell::new(HashMap::new()),
            argv,
            script_dir,
            gil: gil.clone(),
            deadlock: Arc::new(threads::Deadlock::default()),
            thread_locals: Arc::default(),
            streams: stdio::Streams::default(),
            gc: gc::GcState::new_leaked(gil.eval_breaker() as *const _),
            task_shuffle: parking_lot::Mutex::new(None),
            thread_stack_size: AtomicUsize::new(0),
            threads_started: std::sync::atomic::AtomicBool::new(false),
        });
        builtins::populate(&interp.builtins);
        interp
    }

    /// Flushes stdout from a thread that runs no Python (the deadlock watchdog, exit);
    /// errors are left to the flush at exit. Python code uses `Vm::flush_stdout`.
    pub fn flush_stdout(&self) {
        let _ = self
            .streams
            .stdout
            .flush(stdio::Wait::Block, stdio::Flush::Explicit);
    }

    pub fn add_source(&self, filename: &str, source: &str) {
        self.sources
            .lock()
            .insert(filename.to_string(), Arc::from(source));
    }

    pub fn source_line(&self, filename: &str, line: u32) -> Option<String> {
        // `<string>`, `<stdin>` and other `<...>` names are not files: CPython's
        // linecache finds no lines for them, so its tracebacks show none.
        if filename.starts_with('<') && filename.ends_with('>') {
            return None;
        }
        let src = self.sources.lock().get(filename).cloned()?;
        src.lines()
            .nth(line.checked_sub(1)? as usize)
            .map(|l| l.trim().to_string())
    }
}

/// One OS thread's interpreter: its frames and the exception it is handling.
pub struct Vm {
    pub interp: Arc<Interp>,
    /// Callers of the frame being executed, innermost last (boxed: see FramePool).
    #[allow(clippy::vec_box)]
    pub(crate) frames: Vec<Box<frame::Frame>>,
    /// The exception being handled (`except` block), for bare `raise` and `__context__`.
    pub(crate) handling: Value,
    /// Python-level call depth, checked against the recursion limit.
    pub(crate) depth: usize,
    /// A finalizer runs on this thread now (free-threaded build): the queue is not
    /// run again inside it (see `run_finalizers`).
    #[cfg(feature = "atomic-objects")]
    finalizing: bool,
    /// Containers whose repr is being built, to print `[...]` for self-references.
    pub(crate) repr_stack: Vec<u64>,
    /// Address near the base of this thread's Rust stack, to stop deep native recursion.
    stack_base: usize,
    stack_size: usize,
    /// This thread's handle on the GIL: held while bytecode runs.
    pub(crate) gil: ThreadGil,
    pub(crate) frame_pool: frame::FramePool,
    /// Set by RERAISE and bare `raise`: the exception keeps its traceback as it is.
    pub(crate) reraising: bool,
    /// The globals of the Python frame that is calling a class (`type(name, bases,
    /// ns)` takes `__module__` from them, as CPython takes it from the caller).
    pub(crate) caller_globals: Option<Ref<DictObj>>,
    /// This thread's current `contextvars.Context` (None until first needed).
    pub(crate) context: Value,
}

/// Size of the Rust stack that interpreter threads get (virtual; untouched pages cost no RSS).
pub const THREAD_STACK_SIZE: usize = 64 << 20;

impl Vm {
    /// The main thread's VM: registers with the GIL and takes it. Must be called on a
    /// thread whose stack is `THREAD_STACK_SIZE`.
    pub fn new(interp: Arc<Interp>) -> Vm {
        let tgil = interp.gil.register_thread("MainThread".into());
        interp.deadlock.thread_started();
        Self::with_thread_gil(interp, tgil)
    }

    /// A VM for a thread already registered with the GIL; takes the GIL.
    pub fn with_thread_gil(interp: Arc<Interp>, mut gil: ThreadGil) -> Vm {
        let marker = 0u8;
        gil.acquire();
        refcount::set_thread_breaker(interp.gil.eval_breaker() as *const _);
        // Without a GIL nothing stops the other threads while the collector walks
        // the lists, so nothing is tracked: cycles leak under `--gil off`
        // (docs/gil.md, "Free-threaded mode").
        gc::GcState::enter_thread(interp.gil.is_enabled().then_some(interp.gc));
        Vm {
            gil,
            interp,
            frames: Vec::new(),
            handling: Value::None,
            #[cfg(feature = "atomic-objects")]
            finalizing: false,
            depth: 0,
            repr_stack: Vec::new(),
            frame_pool: Default::default(),
            reraising: false,
            caller_globals: None,
            context: Value::None,
            stack_base: &marker as *const u8 as usize,
            stack_size: THREAD_STACK_SIZE,
        }
    }

    /// The thread's identifier (`threading.get_ident()`): its GIL registration number.
    pub fn ident(&self) -> u64 {
        self.gil.id()
    }

    pub fn thread_name(&self) -> String {
        self.gil.name().to_string()
    }

    /// Runs `f(data)` with the GIL released: the one way native code blocks (sleep,
    /// I/O, lock waits). `f` must not touch interpreter objects, not even clone or
    /// drop a value, since reference counts are plain (refcount.rs) and another thread
    /// runs: it is a fn pointer, so it captures nothing, and `data` and the result
    /// must be [`Ungil`]. Copy what it needs out of objects first (an fd, the bytes,
    /// an `Arc` of the native lock).
    pub fn blocking<D: Ungil, R: Ungil>(
        &mut self,
        reason: &'static str,
        data: D,
        f: fn(D) -> R,
    ) -> R {
        self.run_finalizers();
        self.gil.blocking(reason, data, f)
    }

    /// Waits with the GIL released until `wait(data, deadline)` says it is done
    /// (true) or the deadline passes (false); `data` is the wait's state, lent to it
    /// (and so [`Ungil`], as for [`Vm::blocking`]). On the main thread the wait is cut
    /// into short slices (`wait` is given each slice's end as its deadline) so that
    /// Ctrl-C is noticed: it then raises KeyboardInterrupt, as CPython does.
    pub fn interruptible_wait<D: Ungil>(
        &mut self,
        reason: &'static str,
        deadline: Option<std::time::Instant>,
        data: &mut D,
        wait: WaitFn<D>,
    ) -> PyResult<bool> {
        if !self.gil.is_main() {
            return Ok(
                self.blocking(reason, (data, wait, deadline), |(d, wait, deadline)| {
                    wait(d, deadline)
                }),
            );
        }
        let gil = self.interp.gil.clone();
        let done = self.blocking(
            reason,
            (data, wait, deadline, &*gil),
            |(d, wait, deadline, gil)| {
                const SLICE: std::time::Duration = std::time::Duration::from_millis(50);
                loop {
                    let now = std::time::Instant::now();
                    let slice_end = match deadline {
                        Some(dl) if dl <= now + SLICE => dl,
                        _ => now + SLICE,
                    };
                    if wait(d, Some(slice_end)) {
                        return true;
                    }
                    if deadline.is_some_and(|dl| std::time::Instant::now() >= dl)
                        || gil.interrupt_requested()
                    {
                        return false;
                    }
                }
            },
        );
        if !done && gil.interrupt_requested() {
            let pending = self.gil.handle_breaker();
            if pending.interrupt {
                return Err(PyErr::with_args(&types::types().keyboard_interrupt, vec![]));
            }
        }
        Ok(done)
    }

    /// Whether this is a deterministic run (`--schedule`).
    pub fn scheduled(&self) -> bool {
        self.interp.gil.scheduler().is_some()
    }

    /// The deadline `d` from now: on the real clock, or in a deterministic run on the
    /// virtual one (as an `Instant` that many virtual nanoseconds past the GIL's
    /// epoch, so [`Vm::scheduled_wait`] turns it back exactly).
    pub fn deadline_after(&self, d: std::time::Duration) -> std::time::Instant {
        match self.interp.gil.virtual_now_ns() {
            Some(ns) => self.interp.gil.epoch() + std::time::Duration::from_nanos(ns) + d,
            None => std::time::Instant::now() + d,
        }
    }

    /// A deterministic run's wait for another thread (lock, condition, start) or for
    /// time: `try_now` is the wait's non-blocking form. While it fails the schedule
    /// runs other threads (`retry`: ask again after any of them ran); `deadline` comes
    /// from [`Vm::deadline_after`]. Returns whether the wait succeeded.
    pub fn scheduled_wait(
        &mut self,
        reason: &'static str,
        deadline: Option<std::time::Instant>,
        retry: bool,
        mut try_now: impl FnMut() -> bool,
    ) -> bool {
        let epoch = self.interp.gil.epoch();
        let deadline_ns = deadline.map(|d| {
            u64::try_from(d.saturating_duration_since(epoch).as_nanos()).unwrap_or(u64::MAX)
        });
        loop {
            if try_now() {
                return true;
            }
            match self.gil.schedule_block(reason, retry, deadline_ns) {
                Ok(crate::gil::Wake::Retry) => {}
                Ok(crate::gil::Wake::TimedOut) => return try_now(),
                Err(stop) => self.schedule_stop(stop),
            }
        }
    }

    /// A deterministic run: could another thread of the program end a wait of this
    /// one (see [`crate::gil::Scheduler::others_may_run`])? False outside such runs.
    pub fn scheduled_others_may_run(&self) -> bool {
        self.interp
            .gil
            .scheduler()
            .is_some_and(|s| s.others_may_run(self.gil.id()))
    }

    /// A deterministic run cannot go on (deadlock, diverged replay): report it with
    /// the schedule that led there and end the process, as the deadlock watchdog does.
    pub fn schedule_stop(&mut self, stop: crate::gil::Stop) -> ! {
        let sched = self.interp.gil.scheduler();
        let (mut msg, code) = match stop {
            crate::gil::Stop::Deadlock(m) => (m, 1),
            crate::gil::Stop::Diverged(m) => (m + "\n", 2),
        };
        if let Some(s) = sched {
            msg.push_str(&s.report_line());
        }
        self.interp
            .streams
            .report(&msg, crate::vm::stdio::Wait::Block);
        self.interp.flush_stdout();
        std::process::exit(code);
    }

    /// `time.sleep`: interruptible by Ctrl-C on the main thread.
    pub fn sleep(&mut self, d: std::time::Duration) -> PyResult<()> {
        if self.scheduled() && !d.is_zero() {
            let deadline = self.deadline_after(d);
            self.scheduled_wait("time.sleep", Some(deadline), false, || false);
            return Ok(());
        }
        if d.is_zero() {
            // time.sleep(0): hand the GIL to a waiting thread, as docs/gil.md describes.
            self.run_finalizers();
            self.gil.yield_now();
            return Ok(());
        }
        let mut deadline = std::time::Instant::now() + d;
        self.interruptible_wait(
            "time.sleep",
            Some(deadline),
            &mut deadline,
            |deadline, until| {
                let now = std::time::Instant::now();
                let until = until.unwrap_or(*deadline).min(*deadline);
                if until > now {
                    std::thread::sleep(until - now);
                }
                std::time::Instant::now() >= *deadline
            },
        )?;
        Ok(())
    }

    /// The thread is done running Python: give up the GIL for good.
    pub fn finish_thread(&mut self) {
        // Every value this thread still holds is dropped while the GIL is held: after
        // the release another thread runs, and reference counts are not atomic
        // (refcount.rs). What is left of the Vm afterwards holds no values.
        self.frames.clear();
        self.frame_pool = Default::default();
        self.handling = Value::None;
        self.caller_globals = None;
        self.context = Value::None;
        self.interp.thread_locals.thread_finished(self.ident());
        #[cfg(feature = "atomic-objects")]
        brc::thread_exit();
        self.run_finalizers();
        refcount::set_thread_breaker(std::ptr::null());
        gc::GcState::enter_thread(None);
        let (waits, waited) = cell::take_cell_waits();
        self.gil.record_cell_waits(waits, waited);
        self.gil.release_for_exit();
        if let Some(stop) = self.gil.take_schedule_stop() {
            // No other thread can run: the run stopped with this thread's exit.
            self.schedule_stop(stop);
        }
    }

    /// Runs the finalizers queued on this thread (`__del__`, closing generators),
    /// in the order the objects became unreachable, until none is left: a finalizer
    /// may free more objects with finalizers. Exceptions are reported as CPython's
    /// "Exception ignored in: ..." and do not propagate.
    pub fn run_finalizers(&mut self) {
        // Without a GIL the queue fills from other threads' frees and merges
        // (brc.rs), so a finalizer would run inside another one at an unrelated
        // instruction, inside its `with lock:` say: the outer loop runs it next instead.
        #[cfg(feature = "atomic-objects")]
        if self.finalizing {
            return;
        }
        let gc_due = self.interp.gc.pending.get();
        if !gc_due && !refcount::finalizers_pending() {
            return;
        }
        self.interp
            .gil
            .eval_breaker()
            .fetch_and(!crate::gil::PENDING_CALLS, Ordering::Relaxed);
        // Objects other threads handed back to this one, and merged ones at zero.
        #[cfg(feature = "atomic-objects")]
        brc::collect();
        if gc_due {
            // A collection the allocation counts asked for: here, at an instruction
            // boundary (or before the GIL is released), no native code holds a borrow.
            self.collect_if_due();
        }
        // The exception being handled is not the finalizer's business.
        let handling = std::mem::replace(&mut self.handling, Value::None);
        #[cfg(feature = "atomic-objects")]
        {
            self.finalizing = true;
        }
        loop {
            let queued = refcount::take_finalizers();
            if queued.is_empty() {
                break;
            }
            for obj in queued {
                self.finalize(&obj);
                drop(obj);
            }
        }
        #[cfg(feature = "atomic-objects")]
        {
            self.finalizing = false;
        }
        self.handling = handling;
    }

    fn finalize(&mut self, obj: &Value) {
        if let Some(wr) = gc::queued_callback(obj) {
            // A weakref whose referent died: its callback (gc.rs, `clear_weakrefs`).
            self.call_weakref_callback(&wr);
            return;
        }
        let r = match obj {
            Value::Generator(g) => builtins::iter_methods::close_generator(self, g),
            _ => match dispatch::type_ref(obj).slots.del.get() {
                Some(f) => f(self, obj),
                None => Ok(()),
            },
        };
        if let Err(e) = r {
            let what = match obj {
                Value::Generator(_) => self.repr(obj).unwrap_or_default(),
                _ => {
                    let f = dispatch::type_ref(obj).lookup_str("__del__");
                    match f {
                        Some(f) => self.repr(&f).unwrap_or_default(),
                        None => self.repr(obj).unwrap_or_default(),
                    }
                }
            };
            let report = self.format_exception(&e);
            self.interp.flush_stdout();
            eprint!("Exception ignored in: {what}\n{report}");
        }
    }

    /// `__name__` of the globals of the Python code calling a class, for the
    /// `__module__` of a class made by `type(name, bases, ns)`.
    pub fn caller_module_name(&self) -> Option<Value> {
        self.caller_globals
            .as_ref()
            .and_then(|g| g.get_str(&value::PyStr::new("__name__")))
    }

    #[inline(always)]
    pub fn recursion_limit(&self) -> usize {
        self.interp.recursion_limit.load(Ordering::Relaxed)
    }

    /// Raises RecursionError when Python calls nest too deep (the module frame counts
    /// as one, as in CPython), or when native code
    /// (repr of a deeply nested list, `__eq__` calling `==`) has used most of the Rust stack.
    #[inline]
    pub(crate) fn enter_call(&mut self) -> PyResult<()> {
        self.depth += 1;
        if self.depth >= self.recursion_limit() || self.stack_nearly_full() {
            self.depth -= 1;
            return Err(PyErr::recursion_error("maximum recursion depth exceeded"));
        }
        Ok(())
    }

    /// The recursion check for a call that pushes a frame in the same eval loop: no
    /// Rust stack is used, so only the Python depth is checked.
    #[inline(always)]
    pub(crate) fn enter_frame(&mut self) -> PyResult<()> {
        self.depth += 1;
        if self.depth >= self.recursion_limit() {
            self.depth -= 1;
            return Err(PyErr::recursion_error("maximum recursion depth exceeded"));
        }
        Ok(())
    }

    #[inline(always)]
    pub(crate) fn leave_call(&mut self) {
        self.depth -= 1;
    }

    pub(crate) fn stack_nearly_full(&self) -> bool {
        let marker = 0u8;
        let here = &marker as *const u8 as usize;
        let used = self.stack_base.abs_diff(here);
        // Room for the native code between two checks: 1 MiB, or half of a smaller
        // stack chosen by threading.stack_size() (a quarter of 32 KiB was not
        // enough for raising the RecursionError itself once inlining changed).
        used + (self.stack_size / 2).min(1 << 20) > self.stack_size
    }

    /// Runs module-level code in a fresh `__main__`-style namespace.
    pub fn run_module_code(
        &mut self,
        code: Ref<crate::bytecode::CodeObject>,
        name: &str,
    ) -> PyResult<Ref<Module>> {
        self.run_module_file(code, name, None)
    }

    /// `run_module_code` for a module read from `file`, which becomes its `__file__`.
    pub fn run_module_file(
        &mut self,
        code: Ref<crate::bytecode::CodeObject>,
        name: &str,
        file: Option<&str>,
    ) -> PyResult<Ref<Module>> {
        let globals = Ref::new(DictObj::default());
        globals.set_str("__name__", Value::str(name));
        if let Some(f) = file {
            globals.set_str("__file__", Value::str(f));
        }
        let module = Ref::new(Module {
            name: name.to_string(),
            dict: globals.clone(),
            weaklist: Default::default(),
        });
        self.interp
            .modules
            .set_str(name, Value::Module(module.clone()));
        let frame = self.frame_pool.alloc(&code, &globals, None);
        self.run_frame_to_value(frame)?;
        Ok(module)
    }
}
