//! Threads: OS threads, locks and deadlock detection, and the native `_thread` module
//! that exposes them (src/vm/modules/threading.py and queue.py are built on it).

mod local;
mod lock;
mod os_thread;
mod sync;

use lock::AsRawLock;

pub use local::LocalStorage;

use super::errors::{PyErr, PyResult};
use super::object::*;
use super::types::{install, new_class, types};
use super::value::Value;
use super::{Interp, Vm, THREAD_STACK_SIZE};
use crate::vm::refcount::Ref;
use parking_lot::Mutex;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

/// The largest timeout a lock wait accepts, as `threading.TIMEOUT_MAX`.
const TIMEOUT_MAX: f64 = 4_294_967.0;

/// A `_thread.lock`: a binary semaphore. Unlike a Rust mutex it may be released by a
/// thread other than the one that acquired it, which `threading` relies on.
pub type LockObj = lock::RawLock;

fn lock_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("lock", Some(&types().object), ClassKind::Builtin);
        install(
            &c,
            &[
                ("acquire", lock_acquire),
                ("acquire_lock", lock_acquire),
                ("__enter__", lock_acquire),
                ("release", lock_release),
                ("release_lock", lock_release),
                ("__exit__", lock_exit),
                ("locked", lock_locked),
                ("locked_lock", lock_locked),
                ("__repr__", lock_repr),
            ],
        );
        crate::vm::value::shared_class(c)
    })
    .clone()
}

/// Lock objects are created with a shared inner handle so that waits can hold an
/// `Arc` to the lock without holding any interpreter value.
#[derive(Debug)]
struct LockHandle(Arc<LockObj>, crate::vm::gc::WeakList);

impl NativeObject for LockHandle {
    fn class(&self) -> Ref<Class> {
        lock_class()
    }
    fn weaklist(&self) -> Option<&crate::vm::gc::WeakList> {
        Some(&self.1)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn lock_arg(v: Option<&Value>) -> PyResult<Arc<LockObj>> {
    v.and_then(lock_arg_opt)
        .ok_or_else(|| PyErr::type_error("descriptor requires a '_thread.lock' object"))
}

/// The lock inside a `_thread.lock` value.
pub(crate) fn lock_arg_opt(v: &Value) -> Option<Arc<LockObj>> {
    if let Value::Native(n) = v {
        if let Some(h) = n.obj.as_any().downcast_ref::<LockHandle>() {
            return Some(h.0.clone());
        }
    }
    None
}

pub fn new_lock() -> Value {
    Value::Native(Ref::new(Native {
        obj: Box::new(LockHandle(Arc::new(LockObj::default()), Default::default())),
    }))
}

/// A timeout argument as seconds (`float(timeout)`).
pub(crate) fn timeout_secs(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Int(i) => Ok(*i as f64),
        Value::Float(f) => Ok(*f),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => Ok(num_traits::ToPrimitive::to_f64(&**b).unwrap_or(f64::INFINITY)),
        v => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as a float",
            vm.type_name(v)
        ))),
    }
}

/// Seconds to a `Duration`, with the lock's limit (`threading.TIMEOUT_MAX`).
pub(crate) fn secs_to_duration(secs: f64) -> PyResult<Duration> {
    if secs > TIMEOUT_MAX || secs.is_nan() {
        return Err(PyErr::overflow_error("timeout value is too large"));
    }
    Ok(Duration::from_secs_f64(secs.max(0.0)))
}

/// `acquire(blocking=True, timeout=-1)`'s arguments, checked as CPython checks them:
/// whether to block, and until when (None = forever).
pub(crate) fn parse_timeout(
    vm: &mut Vm,
    blocking: Option<&Value>,
    timeout: Option<&Value>,
) -> PyResult<(bool, Option<Instant>)> {
    let blocking = match blocking {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let timeout = match timeout {
        Some(Value::None) | None => -1.0,
        Some(v) => timeout_secs(vm, v)?,
    };
    if !blocking && timeout != -1.0 {
        return Err(PyErr::value_error(
            "can't specify a timeout for a non-blocking call",
        ));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(PyErr::value_error("timeout value must be positive"));
    }
    let deadline = if timeout >= 0.0 {
        Some(vm.deadline_after(secs_to_duration(timeout)?))
    } else {
        None
    };
    Ok((blocking, deadline))
}

/// Registration with the deadlock watchdog for the length of an untimed wait.
pub(crate) struct DeadlockWatch(Arc<Deadlock>, Arc<WaitProbe>);

impl DeadlockWatch {
    pub(crate) fn enter(vm: &Vm, reason: &'static str, lock: Arc<dyn AsRawLock>) -> DeadlockWatch {
        let d = vm.interp.deadlock.clone();
        let probe = Arc::new(WaitProbe {
            lock: Mutex::new(lock),
            trying: AtomicBool::new(true),
        });
        let wait = BlockedWait {
            name: vm.thread_name(),
            reason,
            probe: probe.clone(),
        };
        d.enter_blocked(vm.ident(), wait, &vm.interp);
        DeadlockWatch(d, probe)
    }

    pub(crate) fn probe(&self) -> Arc<WaitProbe> {
        self.1.clone()
    }

    pub(crate) fn leave(self, vm: &Vm) {
        self.0.leave_blocked(vm.ident());
    }
}

/// What the watchdog reads of one untimed wait: the lock waited for now (a
/// Condition wait moves from its waiter to its lock) and whether the waiter is
/// trying to take it or has taken it (see `RawLock::acquire_watched`).
#[derive(Debug)]
pub(crate) struct WaitProbe {
    lock: Mutex<Arc<dyn AsRawLock>>,
    trying: AtomicBool,
}

impl WaitProbe {
    pub(crate) fn trying(&self) -> &AtomicBool {
        &self.trying
    }

    /// The wait goes on on another lock; never stuck in between.
    pub(crate) fn switch_to(&self, lock: Arc<dyn AsRawLock>) {
        self.trying.store(true, Ordering::SeqCst);
        *self.lock.lock() = lock;
    }

    /// Asleep on a lock that is held: only a release (progress) can wake it.
    fn stuck(&self) -> bool {
        !self.trying.load(Ordering::SeqCst) && self.lock.lock().raw().is_locked()
    }
}

/// The waiting part of a lock acquire whose first try failed: GIL released,
/// interruptible on the main thread, watched for deadlock when untimed.
///
/// The lock is only ever taken with the GIL held: the wait (GIL released) ends when
/// the lock looks free, and the try comes after the GIL is back. A waiter that took
/// the lock without the GIL (as CPython's does) would own it while it cannot run;
/// with switches allowed between any two instructions, a holder preempted inside
/// `with lock:` starts that, and from then on nearly every release lets a woken
/// waiter take the lock, the running thread blocks on its next acquire, and every
/// acquire costs a GIL handoff (a lock convoy: 8 threads on one Lock at 0.09x
/// CPython's rate). CPython 3.11 escapes it only because its eval breaker is never
/// checked inside such a `with` body. Here the running thread keeps re-taking a
/// lock it released until its switch interval ends; the woken waiters queue for the
/// GIL and try again then.
pub(crate) fn acquire_slow<L: AsRawLock + 'static>(
    vm: &mut Vm,
    lock: Arc<L>,
    deadline: Option<Instant>,
    reason: &'static str,
) -> PyResult<bool> {
    if vm.scheduled() {
        return Ok(vm.scheduled_wait(reason, deadline, true, || lock.raw().try_acquire()));
    }
    let watch = deadline
        .is_none()
        .then(|| DeadlockWatch::enter(vm, reason, lock.clone()));
    let probe = watch.as_ref().map(|w| w.probe());
    let mut wait = (lock.raw(), probe.as_deref().map(WaitProbe::trying));
    let got = loop {
        let free = vm.interruptible_wait(reason, deadline, &mut wait, |&mut (l, trying), until| {
            l.wait_unlocked(until, trying)
        });
        match free {
            Err(e) => break Err(e),
            _ if lock.raw().try_acquire() => break Ok(true),
            Ok(false) => break Ok(false),
            Ok(true) => {}
        }
    };
    if let Some(w) = watch {
        w.leave(vm);
    }
    got
}

fn lock_acquire(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let got = lock_acquire_inner(vm, &a)?;
    if matches!(got, Value::Bool(true)) {
        race_lock_note(vm, &a.pos[0], true);
    }
    Ok(got)
}

/// A lock was released: the deadlock watchdog and a deterministic schedule (whose
/// waiters may now succeed) hear of it.
pub(crate) fn released(vm: &Vm) {
    vm.interp.deadlock.progress();
    if let Some(s) = vm.interp.gil.scheduler() {
        s.note_release();
    }
}

/// `gilvm race`'s locksets: which locks each thread holds (only when it keeps a log).
fn race_lock_note(vm: &Vm, lock: &Value, held: bool) {
    if let Some(s) = vm.interp.gil.scheduler().filter(|s| s.race_logging()) {
        s.race_lock(vm.gil.id(), lock.id(), held);
    }
}

fn lock_acquire_inner(vm: &mut Vm, a: &Args) -> PyResult<Value> {
    let lock = lock_arg(a.get(0))?;
    // The uncontended path: `with lock:` and `acquire()` without arguments.
    if a.pos.len() == 1 && a.kw.is_empty() && lock.try_acquire() {
        return Ok(Value::Bool(true));
    }
    let (blocking, deadline) = parse_timeout(vm, a.arg(1, "blocking"), a.arg(2, "timeout"))?;
    let reason: &'static str = match a.get(3) {
        Some(Value::Str(s)) if s.as_str() == "Thread.join" => "Thread.join",
        _ => "Lock.acquire",
    };
    if lock.try_acquire() {
        return Ok(Value::Bool(true));
    }
    if !blocking {
        return Ok(Value::Bool(false));
    }
    Ok(Value::Bool(acquire_slow(vm, lock, deadline, reason)?))
}

fn lock_release(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let lock = lock_arg(a.get(0))?;
    if !lock.release() {
        return Err(PyErr::runtime_error("release unlocked lock"));
    }
    released(vm);
    race_lock_note(vm, &a.pos[0], false);
    Ok(Value::None)
}

fn lock_exit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    lock_release(vm, Args::new(&a.pos[..1]))
}

fn lock_locked(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Bool(lock_arg(a.get(0))?.is_locked()))
}

fn lock_repr(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let lock = lock_arg(a.get(0))?;
    let state = if lock.is_locked() {
        "locked"
    } else {
        "unlocked"
    };
    Ok(Value::string(format!(
        "<{state} _thread.lock object at {:#x}>",
        a.pos[0].id()
    )))
}

/// Who is blocked on what, to tell a deadlock from a slow program.
///
/// A thread in an untimed wait (lock, join, queue, condition) registers here. When
/// every live thread is registered, each waits on a lock that is still held and
/// that it has not been granted, and nothing changed for two watchdog ticks, nothing
/// can ever wake any of them: gilvm reports the waits and exits 1. The lock states
/// are read, not guessed from time: a waiter that was handed its lock but has not
/// been scheduled yet (a loaded machine) is never reported as deadlocked.
#[derive(Debug, Default)]
pub struct Deadlock {
    state: Mutex<DeadlockState>,
    /// Bumped by every lock release: atomic, so a release never takes the mutex.
    progress: AtomicU64,
}

#[derive(Debug, Default)]
struct DeadlockState {
    alive: usize,
    blocked: BTreeMap<u64, BlockedWait>,
    watchdog: bool,
}

/// One thread's untimed lock wait.
#[derive(Debug)]
struct BlockedWait {
    name: String,
    reason: &'static str,
    probe: Arc<WaitProbe>,
}

impl BlockedWait {
    fn stuck(&self) -> bool {
        self.probe.stuck()
    }
}

impl Deadlock {
    pub fn thread_started(&self) {
        self.state.lock().alive += 1;
        self.progress();
    }

    pub fn thread_finished(&self) {
        let mut s = self.state.lock();
        s.alive = s.alive.saturating_sub(1);
        drop(s);
        self.progress();
    }

    #[inline]
    pub fn progress(&self) {
        self.progress.fetch_add(1, Ordering::Relaxed);
    }

    fn enter_blocked(self: &Arc<Self>, ident: u64, wait: BlockedWait, interp: &Arc<Interp>) {
        let mut s = self.state.lock();
        s.blocked.insert(ident, wait);
        if !s.watchdog {
            s.watchdog = true;
            let me = self.clone();
            // Weak: the watchdog must not keep the interpreter alive.
            let interp = Arc::downgrade(interp);
            let _ = std::thread::Builder::new()
                .name("gilvm-deadlock-watchdog".into())
                .spawn(move || me.watch(interp));
        }
    }

    fn leave_blocked(&self, ident: u64) {
        self.state.lock().blocked.remove(&ident);
        self.progress();
    }

    fn watch(&self, interp: std::sync::Weak<Interp>) {
        let mut last: Option<u64> = None;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let s = self.state.lock();
            // While this mutex is held no thread can enter or leave a wait, and a
            // thread inside one releases no lock, so the states read below agree.
            let stuck = s.alive > 0
                && s.blocked.len() >= s.alive
                && s.blocked.values().all(BlockedWait::stuck);
            if !stuck {
                last = None;
                continue;
            }
            // Read under the mutex: a thread that leaves `blocked` bumps it after.
            let progress = self.progress.load(Ordering::Relaxed);
            if last == Some(progress) {
                let mut msg = String::from(
                    "gilvm: deadlock: every thread is blocked waiting for another, and none can proceed\n",
                );
                for w in s.blocked.values() {
                    msg.push_str(&format!("  thread '{}' waits in {}\n", w.name, w.reason));
                }
                drop(s);
                // What the program printed before it got stuck must not be lost; a
                // closed stderr must not stop the report from ending the process.
                match interp.upgrade() {
                    Some(interp) => {
                        interp.streams.report(&msg, crate::vm::stdio::Wait::Block);
                        interp.flush_stdout();
                    }
                    None => crate::vm::stdio::eprint(&msg),
                }
                std::process::exit(1);
            }
            last = Some(progress);
        }
    }
}

fn get_ident(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(Value::Int(vm.ident() as i64))
}

fn allocate_lock(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(new_lock())
}

fn monotonic(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    if let Some(ns) = vm.interp.gil.virtual_now_ns() {
        return Ok(Value::Float(ns as f64 / 1e9 + 1.0));
    }
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    let e = *EPOCH.get_or_init(Instant::now);
    Ok(Value::Float(e.elapsed().as_secs_f64() + 1.0))
}

/// The OS thread id (`threading.get_native_id()`).
pub fn native_thread_id() -> u64 {
    // SAFETY: gettid has no preconditions.
    (unsafe { libc::gettid() }) as u64
}

/// `threading.get_native_id()`: the OS thread id, or in a deterministic run (where
/// time is virtual too) the thread's number in the schedule (1 for the main thread,
/// then in start order: `T1`, `T2`... of `gilvm race`), the same in every run.
fn native_id(vm: &Vm) -> u64 {
    if vm.scheduled() {
        vm.ident()
    } else {
        native_thread_id()
    }
}

fn get_native_id(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(Value::Int(native_id(vm) as i64))
}

/// What a new thread reports back to the thread that started it.
#[derive(Default)]
struct Started {
    /// Released once the new thread holds the GIL.
    signal: LockObj,
    native_id: AtomicU64,
}

/// Starts `func(*args, **kwargs)` on a new OS thread that competes for the GIL; it
/// releases `done` when it ends. Returns the new thread's ident and what it reports.
fn spawn_thread(
    vm: &mut Vm,
    func: Value,
    args: Vec<Value>,
    kwargs: Vec<(Ref<super::value::PyStr>, Value)>,
    name: String,
    done: Option<Arc<LockObj>>,
) -> PyResult<(u64, Arc<Started>)> {
    let interp = vm.interp.clone();
    interp
        .threads_started
        .store(true, std::sync::atomic::Ordering::Relaxed);
    #[cfg(feature = "atomic-objects")]
    super::brc::immortalize_definitions(&interp.modules);
    let tgil = interp.gil.register_thread(name.clone());
    let ident = tgil.id();
    let started = Arc::new(Started {
        signal: LockObj::new_locked(),
        ..Started::default()
    });
    let reply = started.clone();
    interp.deadlock.thread_started();
    let stack_size = match interp.thread_stack_size.load(Ordering::Relaxed) {
        0 => THREAD_STACK_SIZE,
        n => n,
    };
    let spawned = os_thread::spawn(&name, stack_size, move || {
        thread_main(interp, tgil, stack_size, func, args, kwargs, done, reply)
    });
    if spawned.is_err() {
        vm.interp.deadlock.thread_finished();
        return Err(PyErr::runtime_error("can't start new thread"));
    }
    Ok((ident, started))
}

/// start_new_thread's kwargs dict as keyword arguments.
fn thread_kwargs(a: &Args) -> Vec<(Ref<super::value::PyStr>, Value)> {
    match a.get(2) {
        Some(Value::Dict(d)) => d
            .map
            .lock()
            .iter()
            .filter_map(|(k, v)| match &k.key {
                Value::Str(s) => Some((s.clone(), v.clone())),
                _ => None,
            })
            .collect(),
        _ => vec![],
    }
}

/// `start_new_thread(func, args, kwargs=None, name, done_lock)`, CPython's low-level
/// call (plus gilvm's name and done lock): returns the ident at once.
fn start_new_thread(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("start_new_thread", 2, 5)?;
    let func = a.pos[0].clone();
    let args = vm.collect(&a.pos[1])?;
    let kwargs = thread_kwargs(&a);
    let name = match a.get(3) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => "Thread".to_string(),
    };
    let done = match a.get(4) {
        Some(v @ Value::Native(_)) => Some(lock_arg(Some(v))?),
        _ => None,
    };
    let (ident, _) = spawn_thread(vm, func, args, kwargs, name, done)?;
    Ok(Value::Int(ident as i64))
}

/// `_start_joinable(func, name, done_lock)`: what `Thread.start` calls. Returns
/// `(ident, native_id)` once the new thread is running and holds the GIL, so the
/// new thread goes first, as in CPython (whose start() waits for `_started`).
fn start_joinable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("_start_joinable", 3, 3)?;
    let name = match &a.pos[1] {
        Value::Str(s) => s.as_str().to_string(),
        _ => "Thread".to_string(),
    };
    let done = lock_arg(Some(&a.pos[2]))?;
    let (ident, started) = spawn_thread(vm, a.pos[0].clone(), vec![], vec![], name, Some(done))?;
    if vm.scheduled() {
        vm.scheduled_wait("Thread.start", None, true, || started.signal.try_acquire());
    } else if !started.signal.try_acquire() {
        vm.blocking("Thread.start", &started.signal, |s| s.acquire_until(None));
    }
    Ok(Value::tuple(vec![
        Value::Int(ident as i64),
        Value::Int(started.native_id.load(Ordering::Relaxed) as i64),
    ]))
}

#[allow(clippy::too_many_arguments)]
fn thread_main(
    interp: Arc<Interp>,
    tgil: crate::gil::ThreadGil,
    stack_size: usize,
    func: Value,
    args: Vec<Value>,
    kwargs: Vec<(Ref<super::value::PyStr>, Value)>,
    done: Option<Arc<LockObj>>,
    started: Arc<Started>,
) {
    let mut vm = Vm::with_thread_gil(interp.clone(), tgil);
    // The native-recursion guard measures against this thread's own stack.
    vm.stack_size = stack_size;
    started.native_id.store(native_id(&vm), Ordering::Relaxed);
    started.signal.release();
    if let Some(s) = vm.interp.gil.scheduler() {
        s.note_release();
    }
    drop(started);
    if let Err(e) = vm.call(&func, &args, &kwargs) {
        if !e.is(&types().system_exit) {
            let report = vm.format_exception(&e);
            let name = vm.thread_name();
            vm.report(&format!(
                "Unhandled exception in thread started by {name}\n{report}"
            ));
        }
    }
    // The thread's values go while it holds the GIL (see Vm::finish_thread).
    drop((func, args, kwargs));
    // Publish this thread's GIL stats before join() can return: --gil-stats is
    // printed right after the main thread has joined everything.
    if vm.scheduled() {
        // A deterministic run: the joiner must find the lock released when the
        // schedule hands it the GIL at this thread's exit, so release it first.
        vm.gil.publish_stats();
        if let Some(done) = &done {
            done.release();
        }
        vm.finish_thread();
    } else {
        vm.finish_thread();
        if let Some(done) = done {
            done.release();
        }
    }
    interp.deadlock.thread_finished();
}

/// `_report_exception(header, exc)`: the header line and the exception's traceback
/// on stderr, as CPython's threading.excepthook prints them.
fn report_exception(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let header = match a.get(0) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => "Exception in thread:".into(),
    };
    if let Some(exc) = a.get(1) {
        let report = vm.format_exception(&PyErr { exc: exc.clone() });
        vm.report(&format!("{header}\n{report}"));
    }
    Ok(Value::None)
}

/// CPython's THREAD_STACK_MIN: the smallest size `stack_size()` accepts.
const THREAD_STACK_MIN: i64 = 32768;

/// `stack_size([size])`: sets the stack of the threads started from now on (0: the
/// default, 64 MiB) and returns the previous setting. The main thread keeps its own.
/// As in CPython, a call without `size` sets 0 too: it reads and resets.
fn stack_size(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("stack_size")?;
    a.expect("stack_size", 0, 1)?;
    let n = match a.get(0).map(Value::payload) {
        None => 0,
        Some(Value::BigInt(_)) => {
            return Err(PyErr::overflow_error(
                "Python int too large to convert to C ssize_t",
            ))
        }
        Some(_) => vm.to_index(&a.pos[0])?,
    };
    if n < 0 {
        return Err(PyErr::value_error("size must be 0 or a positive value"));
    }
    if n != 0 && n < THREAD_STACK_MIN {
        return Err(PyErr::value_error(format!("size not valid: {n} bytes")));
    }
    let old = vm
        .interp
        .thread_stack_size
        .swap(n as usize, Ordering::Relaxed);
    Ok(Value::Int(old as i64))
}

fn set_name(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// `sys.setswitchinterval(seconds)`: takes effect at once for every thread.
pub fn setswitchinterval(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("setswitchinterval", 1, 1)?;
    let secs = match &a.pos[0] {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => *b as i64 as f64,
        v => {
            return Err(PyErr::type_error(format!(
                "must be real number, not {}",
                vm.type_name(v)
            )))
        }
    };
    if secs.is_nan() || secs <= 0.0 || !secs.is_finite() {
        return Err(PyErr::value_error(
            "switch interval must be strictly positive",
        ));
    }
    let d = Duration::try_from_secs_f64(secs)
        .map_err(|_| PyErr::overflow_error("switch interval is too large"))?;
    if d.is_zero() {
        return Err(PyErr::value_error(
            "switch interval must be strictly positive",
        ));
    }
    // Through this thread's handle, so a traced run records the change.
    vm.gil.set_switch_interval(d).map_err(PyErr::value_error)?;
    Ok(Value::None)
}

pub fn getswitchinterval(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(Value::Float(vm.interp.gil.switch_interval().as_secs_f64()))
}

/// Builds the `_thread` module's namespace.
pub fn thread_module(ns: &DictObj) {
    let f = super::builtins::builtin;
    // Condition's methods in threading.py are these natives, so they bind.
    let m = super::builtins::method;
    ns.set_str("allocate_lock", f("allocate_lock", allocate_lock));
    ns.set_str("LockType", Value::Class(lock_class()));
    ns.set_str("get_ident", f("get_ident", get_ident));
    ns.set_str("RLock", f("RLock", sync::new_rlock));
    ns.set_str(
        "_condition_core",
        f("_condition_core", sync::condition_core),
    );
    ns.set_str("_cond_enter", m("_cond_enter", sync::cond_enter));
    ns.set_str("_cond_exit", m("_cond_exit", sync::cond_exit));
    ns.set_str("_cond_wait", m("_cond_wait", sync::cond_wait));
    ns.set_str("_cond_notify", m("_cond_notify", sync::cond_notify));
    ns.set_str(
        "_cond_notify_all",
        m("_cond_notify_all", sync::cond_notify_all),
    );
    ns.set_str("_cond_waiting", f("_cond_waiting", sync::cond_waiting));
    ns.set_str("start_new_thread", f("start_new_thread", start_new_thread));
    ns.set_str("_start_joinable", f("_start_joinable", start_joinable));
    ns.set_str("get_native_id", f("get_native_id", get_native_id));
    ns.set_str("stack_size", f("stack_size", stack_size));
    ns.set_str("_local_key", f("_local_key", local::local_key));
    ns.set_str("_local_dict", f("_local_dict", local::local_dict));
    ns.set_str("_monotonic", f("_monotonic", monotonic));
    ns.set_str(
        "_report_exception",
        f("_report_exception", report_exception),
    );
    ns.set_str("_set_name", f("_set_name", set_name));
    ns.set_str(
        "_setswitchinterval",
        f("_setswitchinterval", setswitchinterval),
    );
    ns.set_str("TIMEOUT_MAX", Value::Float(TIMEOUT_MAX));
    ns.set_str("error", Value::Class(types().runtime_error.clone()));
}
