//! Threads: the native `_thread` module (OS threads, locks, deadlock detection) under
//! the Python-level `threading` and `queue` modules, which are embedded from `*.py`.

use super::errors::{PyErr, PyResult};
use super::object::*;
use super::types::{install, new_class, types};
use super::value::Value;
use super::{Interp, Vm, THREAD_STACK_SIZE};
use crate::vm::refcount::Ref;
use parking_lot::{Condvar, Mutex};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

pub const THREADING_PY: &str = include_str!("threading.py");
pub const QUEUE_PY: &str = include_str!("queue.py");

/// The largest timeout a lock wait accepts, as `threading.TIMEOUT_MAX`.
const TIMEOUT_MAX: f64 = 4_294_967.0;

/// A `_thread.lock`: a binary semaphore. Unlike a Rust mutex it may be released by a
/// thread other than the one that acquired it, which `threading` relies on.
#[derive(Debug, Default)]
pub struct LockObj {
    locked: Mutex<bool>,
    freed: Condvar,
}

impl LockObj {
    fn try_acquire(&self) -> bool {
        let mut l = self.locked.lock();
        if *l {
            false
        } else {
            *l = true;
            true
        }
    }

    /// Waits (without the GIL) until the lock is ours or the deadline passes.
    fn acquire_until(&self, deadline: Option<Instant>) -> bool {
        let mut l = self.locked.lock();
        while *l {
            match deadline {
                Some(d) => {
                    if self.freed.wait_until(&mut l, d).timed_out() && *l {
                        return false;
                    }
                }
                None => self.freed.wait(&mut l),
            }
        }
        *l = true;
        true
    }

    fn release(&self) -> bool {
        let mut l = self.locked.lock();
        if !*l {
            return false;
        }
        *l = false;
        self.freed.notify_one();
        true
    }

    fn is_locked(&self) -> bool {
        *self.locked.lock()
    }
}

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
struct LockHandle(Arc<LockObj>);

impl NativeObject for LockHandle {
    fn class(&self) -> Ref<Class> {
        lock_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn lock_arg(v: Option<&Value>) -> PyResult<Arc<LockObj>> {
    if let Some(Value::Native(n)) = v {
        if let Some(h) = n.obj.as_any().downcast_ref::<LockHandle>() {
            return Ok(h.0.clone());
        }
    }
    Err(PyErr::type_error(
        "descriptor requires a '_thread.lock' object",
    ))
}

pub fn new_lock() -> Value {
    Value::Native(Ref::new(Native {
        obj: Box::new(LockHandle(Arc::new(LockObj::default()))),
    }))
}

fn lock_acquire(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let lock = lock_arg(a.get(0))?;
    let blocking = match a.arg(1, "blocking") {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let timeout = match a.arg(2, "timeout") {
        Some(Value::Int(i)) => *i as f64,
        Some(Value::Float(f)) => *f,
        Some(Value::Bool(b)) => *b as i64 as f64,
        Some(Value::None) | None => -1.0,
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as a float",
                vm.type_name(v)
            )))
        }
    };
    let reason: &'static str = match a.get(3) {
        Some(Value::Str(s)) if s.as_str() == "Thread.join" => "Thread.join",
        _ => "Lock.acquire",
    };
    if !blocking && timeout != -1.0 {
        return Err(PyErr::value_error(
            "can't specify a timeout for a non-blocking call",
        ));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(PyErr::value_error("timeout value must be positive"));
    }
    if timeout > TIMEOUT_MAX || timeout.is_nan() {
        return Err(PyErr::overflow_error("timeout value is too large"));
    }
    if lock.try_acquire() {
        return Ok(Value::Bool(true));
    }
    if !blocking {
        return Ok(Value::Bool(false));
    }
    let deadline = (timeout >= 0.0).then(|| Instant::now() + Duration::from_secs_f64(timeout));
    let watch = deadline.is_none().then(|| {
        let d = &vm.interp.deadlock;
        d.enter_blocked(vm.ident(), vm.thread_name(), reason, &vm.interp);
        d.clone()
    });
    let got = vm.interruptible_wait(reason, deadline, |until| lock.acquire_until(until));
    if let Some(d) = watch {
        d.leave_blocked(vm.ident());
    }
    Ok(Value::Bool(got?))
}

fn lock_release(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let lock = lock_arg(a.get(0))?;
    if !lock.release() {
        return Err(PyErr::runtime_error("release unlocked lock"));
    }
    vm.interp.deadlock.progress();
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
/// every live thread is registered and no lock has been released for two watchdog
/// ticks, nothing can ever wake any of them: gilvm reports the waits and exits 1.
#[derive(Debug, Default)]
pub struct Deadlock {
    state: Mutex<DeadlockState>,
}

#[derive(Debug, Default)]
struct DeadlockState {
    alive: usize,
    blocked: BTreeMap<u64, (String, &'static str)>,
    progress: u64,
    watchdog: bool,
}

impl Deadlock {
    pub fn thread_started(&self) {
        let mut s = self.state.lock();
        s.alive += 1;
        s.progress += 1;
    }

    pub fn thread_finished(&self) {
        let mut s = self.state.lock();
        s.alive = s.alive.saturating_sub(1);
        s.progress += 1;
    }

    pub fn progress(&self) {
        self.state.lock().progress += 1;
    }

    fn enter_blocked(
        self: &Arc<Self>,
        ident: u64,
        name: String,
        reason: &'static str,
        interp: &Arc<Interp>,
    ) {
        let mut s = self.state.lock();
        s.blocked.insert(ident, (name, reason));
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
        let mut s = self.state.lock();
        s.blocked.remove(&ident);
        s.progress += 1;
    }

    fn watch(&self, interp: std::sync::Weak<Interp>) {
        let mut last: Option<u64> = None;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let s = self.state.lock();
            let stuck = s.alive > 0 && s.blocked.len() >= s.alive;
            if !stuck {
                last = None;
                continue;
            }
            if last == Some(s.progress) {
                let mut msg = String::from(
                    "gilvm: deadlock: every thread is blocked waiting for another, and none can proceed\n",
                );
                for (name, reason) in s.blocked.values() {
                    msg.push_str(&format!("  thread '{name}' waits in {reason}\n"));
                }
                drop(s);
                // What the program printed before it got stuck must not be lost.
                if let Some(interp) = interp.upgrade() {
                    interp.flush_stdout();
                }
                eprint!("{msg}");
                std::process::exit(1);
            }
            last = Some(s.progress);
        }
    }
}

fn get_ident(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(Value::Int(vm.ident() as i64))
}

fn allocate_lock(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(new_lock())
}

fn monotonic(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    let e = *EPOCH.get_or_init(Instant::now);
    Ok(Value::Float(e.elapsed().as_secs_f64() + 1.0))
}

/// `start_new_thread(func, args, kwargs, name, done_lock)`: runs `func(*args, **kwargs)`
/// on a new OS thread that competes for the GIL; releases `done_lock` when it ends.
fn start_new_thread(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("start_new_thread", 2, 5)?;
    let func = a.pos[0].clone();
    let args = vm.collect(&a.pos[1])?;
    let kwargs: Vec<(Ref<super::value::PyStr>, Value)> = match a.get(2) {
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
    };
    let name = match a.get(3) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => "Thread".to_string(),
    };
    let done = match a.get(4) {
        Some(v @ Value::Native(_)) => Some(lock_arg(Some(v))?),
        _ => None,
    };
    let interp = vm.interp.clone();
    let tgil = interp.gil.register_thread(name.clone());
    let ident = tgil.id();
    interp.deadlock.thread_started();
    let spawned = std::thread::Builder::new()
        .name(name.clone())
        .stack_size(THREAD_STACK_SIZE)
        .spawn(move || thread_main(interp, tgil, func, args, kwargs, done));
    if let Err(e) = spawned {
        vm.interp.deadlock.thread_finished();
        return Err(PyErr::runtime_error(format!("can't start new thread: {e}")));
    }
    Ok(Value::Int(ident as i64))
}

fn thread_main(
    interp: Arc<Interp>,
    tgil: crate::gil::ThreadGil,
    func: Value,
    args: Vec<Value>,
    kwargs: Vec<(Ref<super::value::PyStr>, Value)>,
    done: Option<Arc<LockObj>>,
) {
    let mut vm = Vm::with_thread_gil(interp.clone(), tgil);
    if let Err(e) = vm.call(&func, &args, &kwargs) {
        if !e.is(&types().system_exit) {
            let report = vm.format_exception(&e);
            interp.flush_stdout();
            eprint!(
                "Unhandled exception in thread started by {}\n{report}",
                vm.thread_name()
            );
        }
    }
    // The thread's values go while it holds the GIL (see Vm::finish_thread).
    drop((func, args, kwargs));
    // Publish this thread's GIL stats before join() can return: --gil-stats is
    // printed right after the main thread has joined everything.
    vm.finish_thread();
    if let Some(done) = done {
        done.release();
    }
    interp.deadlock.thread_finished();
}

/// `_report_exception(name, exc)`: what CPython's threading.excepthook prints.
fn report_exception(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let name = match a.get(0) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => "?".into(),
    };
    if let Some(exc) = a.get(1) {
        let report = vm.format_exception(&PyErr { exc: exc.clone() });
        vm.interp.flush_stdout();
        eprint!("Exception in thread {name}:\n{report}");
    }
    Ok(Value::None)
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
    vm.interp
        .gil
        .set_switch_interval(d)
        .map_err(PyErr::value_error)?;
    Ok(Value::None)
}

pub fn getswitchinterval(vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(Value::Float(vm.interp.gil.switch_interval().as_secs_f64()))
}

/// Builds the `_thread` module's namespace.
pub fn thread_module(ns: &DictObj) {
    let f = super::builtins::builtin;
    ns.set_str("allocate_lock", f("allocate_lock", allocate_lock));
    ns.set_str("LockType", Value::Class(lock_class()));
    ns.set_str("get_ident", f("get_ident", get_ident));
    ns.set_str("start_new_thread", f("start_new_thread", start_new_thread));
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
