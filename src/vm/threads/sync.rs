//! Native halves of `threading`'s synchronisation: `_thread.RLock` (a C type in CPython
//! too) and the methods of `threading.Condition`, which stays a Python class (so it
//! can be subclassed) but whose `__enter__`/`__exit__`/`wait`/`notify` are these.
//!
//! A Condition wait parks on a private one-shot lock, as CPython's does, but waits
//! for the notification and re-takes the Condition's lock in one GIL release
//! instead of two, and never allocates a Python object.

use super::lock::{AsRawLock, RawLock};
use super::{lock_arg_opt, parse_timeout, DeadlockWatch, WaitProbe};
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{install, new_class, types};
use crate::vm::value::{intern, PyStr, Value};
use crate::vm::Vm;
use parking_lot::Mutex;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

/// `_thread.RLock`: owned by one thread, re-entered by it, released as often as taken.
#[derive(Debug, Default)]
pub struct RLockObj {
    raw: RawLock,
    /// Ident of the owning thread, 0 when free. Written only by the owner, under the GIL.
    owner: AtomicU64,
    count: AtomicU64,
}

impl RLockObj {
    fn owned_by(&self, me: u64) -> bool {
        self.owner.load(Ordering::Relaxed) == me
    }

    fn took(&self, me: u64, count: u64) {
        self.owner.store(me, Ordering::Relaxed);
        self.count.store(count, Ordering::Relaxed);
    }

    /// Gives the lock up entirely; returns (count, owner) for `restore`.
    fn release_all(&self) -> (u64, u64) {
        let saved = (
            self.count.swap(0, Ordering::Relaxed),
            self.owner.swap(0, Ordering::Relaxed),
        );
        self.raw.release();
        saved
    }
}

#[derive(Debug)]
struct RLockHandle(Arc<RLockObj>, crate::vm::gc::WeakList);

impl NativeObject for RLockHandle {
    fn class(&self) -> Ref<Class> {
        rlock_class()
    }
    fn weaklist(&self) -> Option<&crate::vm::gc::WeakList> {
        Some(&self.1)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn rlock_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    C.get_or_init(|| {
        let c = new_class("RLock", Some(&types().object), ClassKind::Builtin);
        install(
            &c,
            &[
                ("acquire", rlock_acquire),
                ("__enter__", rlock_acquire),
                ("release", rlock_release),
                ("__exit__", rlock_exit),
                ("_is_owned", rlock_is_owned),
                ("_release_save", rlock_release_save),
                ("_acquire_restore", rlock_acquire_restore),
                ("__repr__", rlock_repr),
            ],
        );
        crate::vm::value::shared_class(c)
    })
    .clone()
}

fn rlock_arg(v: Option<&Value>) -> PyResult<Arc<RLockObj>> {
    if let Some(Value::Native(n)) = v {
        if let Some(h) = n.obj.as_any().downcast_ref::<RLockHandle>() {
            return Ok(h.0.clone());
        }
    }
    Err(PyErr::type_error(
        "descriptor requires a '_thread.RLock' object",
    ))
}

/// `_thread.RLock()`.
pub fn new_rlock(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("RLock", 0, 0)?;
    Ok(Value::Native(Ref::new(Native {
        obj: Box::new(RLockHandle(Arc::default(), Default::default())),
    })))
}

fn rlock_acquire(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let l = rlock_arg(a.get(0))?;
    if a.pos.len() == 1 && a.kw.is_empty() {
        return rlock_enter(vm, &l);
    }
    let me = vm.ident();
    if l.owned_by(me) {
        return rlock_enter(vm, &l);
    }
    let (blocking, deadline) = parse_timeout(vm, a.arg(1, "blocking"), a.arg(2, "timeout"))?;
    let got = l.raw.try_acquire()
        || (blocking && super::acquire_slow(vm, l.clone(), deadline, "RLock.acquire")?);
    if got {
        l.took(me, 1);
    }
    Ok(Value::Bool(got))
}

/// A blocking, untimed acquire (`with rlock:`).
fn rlock_enter(vm: &mut Vm, l: &Arc<RLockObj>) -> PyResult<Value> {
    let me = vm.ident();
    if l.owned_by(me) {
        let c = l.count.load(Ordering::Relaxed);
        if c == u64::MAX {
            return Err(PyErr::overflow_error("Internal lock count overflowed"));
        }
        l.count.store(c + 1, Ordering::Relaxed);
        return Ok(Value::Bool(true));
    }
    if !l.raw.try_acquire() {
        super::acquire_slow(vm, l.clone(), None, "RLock.acquire")?;
    }
    l.took(me, 1);
    Ok(Value::Bool(true))
}

/// Releases one level (`rlock.release()`, `__exit__`).
fn rlock_leave(vm: &mut Vm, l: &Arc<RLockObj>) -> PyResult<Value> {
    if !l.owned_by(vm.ident()) {
        return Err(PyErr::runtime_error("cannot release un-acquired lock"));
    }
    let c = l.count.load(Ordering::Relaxed) - 1;
    l.count.store(c, Ordering::Relaxed);
    if c == 0 {
        l.owner.store(0, Ordering::Relaxed);
        l.raw.release();
        super::released(vm);
    }
    Ok(Value::None)
}

fn rlock_release(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let l = rlock_arg(a.get(0))?;
    rlock_leave(vm, &l)
}

fn rlock_exit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    rlock_release(vm, Args::new(&a.pos[..1]))
}

fn rlock_is_owned(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Bool(rlock_arg(a.get(0))?.owned_by(vm.ident())))
}

fn rlock_release_save(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let l = rlock_arg(a.get(0))?;
    if l.count.load(Ordering::Relaxed) == 0 {
        return Err(PyErr::runtime_error("cannot release un-acquired lock"));
    }
    let (count, owner) = l.release_all();
    super::released(vm);
    Ok(Value::tuple(vec![
        Value::Int(count as i64),
        Value::Int(owner as i64),
    ]))
}

fn rlock_acquire_restore(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let l = rlock_arg(a.get(0))?;
    let (count, owner) = match a.get(1) {
        Some(Value::Tuple(t)) if t.len() == 2 => match (&t[0], &t[1]) {
            (Value::Int(c), Value::Int(o)) => (*c as u64, *o as u64),
            _ => {
                return Err(PyErr::type_error(
                    "_acquire_restore() argument 1 must be a (count, owner) tuple",
                ))
            }
        },
        _ => {
            return Err(PyErr::type_error(
                "_acquire_restore() argument 1 must be a (count, owner) tuple",
            ))
        }
    };
    if !l.raw.try_acquire() {
        super::acquire_slow(vm, l.clone(), None, "RLock.acquire")?;
    }
    l.took(owner, count);
    Ok(Value::None)
}

fn rlock_repr(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let l = rlock_arg(a.get(0))?;
    let state = if l.raw.is_locked() {
        "locked"
    } else {
        "unlocked"
    };
    Ok(Value::string(format!(
        "<{state} _thread.RLock object owner={} count={} at {:#x}>",
        l.owner.load(Ordering::Relaxed),
        l.count.load(Ordering::Relaxed),
        a.pos[0].id()
    )))
}

// ---------------------------------------------------------------------------
// threading.Condition

/// The lock under a Condition: native ones are driven directly, anything else
/// through its Python methods, as CPython's Condition does.
#[derive(Debug)]
enum CondLock {
    Plain(Arc<RawLock>),
    Reentrant(Arc<RLockObj>),
    Other(Value),
}

/// What `_thread._condition_core(lock)` returns and `threading.Condition` keeps as
/// `self._core`: the lock and the FIFO of waiters' one-shot locks.
#[derive(Debug)]
struct CondCore {
    lock: CondLock,
    /// Only touched under the GIL; the mutex is uncontended and satisfies `Sync`.
    waiters: Mutex<VecDeque<Arc<RawLock>>>,
}

impl NativeObject for CondCore {
    fn class(&self) -> Ref<Class> {
        static C: OnceLock<Ref<Class>> = OnceLock::new();
        C.get_or_init(|| {
            let c = new_class("_ConditionCore", Some(&types().object), ClassKind::Builtin);
            crate::vm::value::shared_class(c)
        })
        .clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `_thread._condition_core(lock)`.
pub fn condition_core(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("_condition_core", 1, 1)?;
    let v = &a.pos[0];
    let lock = if let Some(l) = lock_arg_opt(v) {
        CondLock::Plain(l)
    } else if let Ok(r) = rlock_arg(Some(v)) {
        CondLock::Reentrant(r)
    } else {
        CondLock::Other(v.clone())
    };
    Ok(Value::Native(Ref::new(Native {
        obj: Box::new(CondCore {
            lock,
            waiters: Mutex::new(VecDeque::new()),
        }),
    })))
}

/// The `_core` of a Condition instance (the first argument of its native methods).
fn core_of(vm: &mut Vm, this: Option<&Value>) -> PyResult<Ref<Native>> {
    static NAME: OnceLock<Ref<PyStr>> = OnceLock::new();
    let name = NAME.get_or_init(|| intern("_core"));
    if let Some(this @ Value::Instance(inst)) = this {
        let found = inst.get(name);
        if let Some(Value::Native(n)) = found {
            if n.obj.as_any().is::<CondCore>() {
                return Ok(n);
            }
        }
        return Err(vm.no_attribute(this, "_core"));
    }
    Err(PyErr::type_error(
        "descriptor requires a 'Condition' object",
    ))
}

fn core(n: &Ref<Native>) -> &CondCore {
    n.obj
        .as_any()
        .downcast_ref::<CondCore>()
        .expect("checked by core_of")
}

fn call_method(vm: &mut Vm, obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let m = vm.getattr_str(obj, name)?;
    vm.call(&m, args, &[])
}

fn has_method(vm: &mut Vm, obj: &Value, name: &str) -> PyResult<bool> {
    Ok(vm.getattr_opt(obj, &intern(name))?.is_some())
}

/// `Condition.__enter__`: the lock's `__enter__`.
pub fn cond_enter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let n = core_of(vm, a.get(0))?;
    match &core(&n).lock {
        CondLock::Plain(l) => {
            if !l.try_acquire() {
                super::acquire_slow(vm, l.clone(), None, "Lock.acquire")?;
            }
            Ok(Value::Bool(true))
        }
        CondLock::Reentrant(r) => rlock_enter(vm, r),
        CondLock::Other(v) => {
            let v = v.clone();
            call_method(vm, &v, "__enter__", &[])
        }
    }
}

/// `Condition.__exit__(*exc)`: the lock's `__exit__`.
pub fn cond_exit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let n = core_of(vm, a.get(0))?;
    match &core(&n).lock {
        CondLock::Plain(l) => {
            if !l.release() {
                return Err(PyErr::runtime_error("release unlocked lock"));
            }
            super::released(vm);
            Ok(Value::None)
        }
        CondLock::Reentrant(r) => rlock_leave(vm, r),
        CondLock::Other(v) => {
            let v = v.clone();
            let rest: Vec<Value> = a.pos[1..].to_vec();
            call_method(vm, &v, "__exit__", &rest)
        }
    }
}

/// CPython's `Condition._is_owned`.
fn is_owned(vm: &mut Vm, c: &CondCore) -> PyResult<bool> {
    match &c.lock {
        // A plain lock has no owner: CPython's check is "it is locked".
        CondLock::Plain(l) => Ok(l.is_locked()),
        CondLock::Reentrant(r) => Ok(r.owned_by(vm.ident())),
        CondLock::Other(v) => {
            let v = v.clone();
            if has_method(vm, &v, "_is_owned")? {
                let r = call_method(vm, &v, "_is_owned", &[])?;
                return vm.truthy(&r);
            }
            let got = call_method(vm, &v, "acquire", &[Value::Bool(false)])?;
            if vm.truthy(&got)? {
                call_method(vm, &v, "release", &[])?;
                Ok(false)
            } else {
                Ok(true)
            }
        }
    }
}

/// `Condition.wait(timeout=None)`.
pub fn cond_wait(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let n = core_of(vm, a.get(0))?;
    let c = core(&n);
    if !is_owned(vm, c)? {
        return Err(PyErr::runtime_error("cannot wait on un-acquired lock"));
    }
    let timeout = match a.arg(1, "timeout") {
        None | Some(Value::None) => None,
        Some(v) => Some(super::timeout_secs(vm, v)?),
    };
    let waiter = Arc::new(RawLock::new_locked());
    c.waiters.lock().push_back(waiter.clone());
    // Give the lock up (all levels of an RLock).
    enum Saved {
        Plain(Arc<RawLock>),
        Reentrant(Arc<RLockObj>, u64, u64),
        Other(Value, Option<Value>),
    }
    let saved = match &c.lock {
        CondLock::Plain(l) => {
            l.release();
            Saved::Plain(l.clone())
        }
        CondLock::Reentrant(r) => {
            let (count, owner) = r.release_all();
            Saved::Reentrant(r.clone(), count, owner)
        }
        CondLock::Other(v) => {
            let v = v.clone();
            let state = if has_method(vm, &v, "_release_save")? {
                Some(call_method(vm, &v, "_release_save", &[])?)
            } else {
                call_method(vm, &v, "release", &[])?;
                None
            };
            Saved::Other(v, state)
        }
    };
    super::released(vm);
    let relock: Option<Arc<dyn AsRawLock>> = match &saved {
        Saved::Plain(l) => Some(l.clone()),
        Saved::Reentrant(r, ..) => Some(r.clone()),
        Saved::Other(..) => None,
    };
    let deadline = match timeout {
        Some(t) if t <= 0.0 => Some(vm.deadline_after(std::time::Duration::ZERO)),
        Some(t) => Some(vm.deadline_after(super::secs_to_duration(t)?)),
        None => None,
    };
    let (got, interrupted) = wait_and_relock(vm, &waiter, deadline, relock);
    if let Saved::Reentrant(r, count, owner) = &saved {
        r.took(*owner, *count);
    }
    if let Saved::Other(v, state) = saved {
        let restored = match state {
            Some(s) => call_method(vm, &v, "_acquire_restore", &[s]),
            None => call_method(vm, &v, "acquire", &[]),
        };
        restored?;
    }
    if !got {
        let mut w = c.waiters.lock();
        if let Some(i) = w.iter().position(|x| Arc::ptr_eq(x, &waiter)) {
            w.remove(i);
        }
    }
    if interrupted {
        return Err(PyErr::with_args(&types().keyboard_interrupt, vec![]));
    }
    Ok(Value::Bool(got))
}

impl AsRawLock for RLockObj {
    fn raw(&self) -> &RawLock {
        &self.raw
    }
}

/// Waits (GIL released) for `waiter` to be released by a notify or for `deadline`,
/// then re-takes `relock` after the GIL. Returns (notified, interrupted): on the
/// main thread the wait is cut into slices so that Ctrl-C ends it, after which the
/// lock is still re-taken, as CPython's `finally: _acquire_restore` does.
fn wait_and_relock(
    vm: &mut Vm,
    waiter: &Arc<RawLock>,
    deadline: Option<Instant>,
    relock: Option<Arc<dyn AsRawLock>>,
) -> (bool, bool) {
    if vm.scheduled() {
        let got = vm.scheduled_wait("Condition.wait", deadline, true, || waiter.try_acquire());
        if let Some(l) = relock {
            vm.scheduled_wait("Condition.wait", None, true, || l.raw().try_acquire());
        }
        return (got, false);
    }
    let watch = deadline
        .is_none()
        .then(|| DeadlockWatch::enter(vm, "Condition.wait", waiter.clone()));
    let probe = watch.as_ref().map(|w| w.probe());
    // The main thread's wait is sliced so that Ctrl-C ends it (`interrupt` is then
    // its GIL); the lock is re-taken before the interrupt is reported.
    let gil = vm.interp.gil.clone();
    let interrupt = vm.gil.is_main().then_some(&*gil);
    let trying = probe.as_deref().map(WaitProbe::trying);
    let (got, intr) = vm.blocking(
        "Condition.wait",
        (&**waiter, deadline, trying, interrupt),
        |(waiter, deadline, trying, interrupt)| {
            let Some(gil) = interrupt else {
                return (waiter.acquire_watched(deadline, trying), false);
            };
            const SLICE: std::time::Duration = std::time::Duration::from_millis(50);
            loop {
                let slice_end = Instant::now() + SLICE;
                let until = match deadline {
                    Some(d) if d <= slice_end => d,
                    _ => slice_end,
                };
                if waiter.acquire_watched(Some(until), trying) {
                    return (true, false);
                }
                if deadline.is_some_and(|d| Instant::now() >= d) {
                    return (false, false);
                }
                if gil.interrupt_requested() {
                    return (false, true);
                }
            }
        },
    );
    // The lock is re-taken with the GIL held, as CPython's `_acquire_restore` does
    // and for the reason `acquire_slow` gives: a notified waiter that took the lock
    // before it could run would make the notifier block on its next acquire.
    if let Some(l) = relock {
        if let Some(p) = &probe {
            p.switch_to(l.clone());
        }
        while !l.raw().try_acquire() {
            let trying = probe.as_deref().map(WaitProbe::trying);
            vm.blocking("Condition.wait", (l.raw(), trying), |(l, trying)| {
                l.wait_unlocked(None, trying)
            });
        }
    }
    if let Some(w) = watch {
        w.leave(vm);
    }
    // Consume the interrupt only if this wait reports it.
    let intr = intr && vm.gil.handle_breaker().interrupt;
    (got, intr)
}

/// `Condition.notify(n=1)`: wakes up to `n` waiters, oldest first.
pub fn cond_notify(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let n = core_of(vm, a.get(0))?;
    let c = core(&n);
    if !is_owned(vm, c)? {
        return Err(PyErr::runtime_error("cannot notify on un-acquired lock"));
    }
    let count = match a.arg(1, "n") {
        None => 1,
        Some(Value::Int(i)) => (*i).max(0) as usize,
        Some(Value::Bool(b)) => *b as usize,
        Some(v) => {
            let v = v.clone();
            vm.to_index(&v)?.max(0) as usize
        }
    };
    notify(vm, c, count);
    Ok(Value::None)
}

fn notify(vm: &mut Vm, c: &CondCore, n: usize) {
    let mut w = c.waiters.lock();
    let mut woke = false;
    for _ in 0..n {
        match w.pop_front() {
            Some(waiter) => {
                waiter.release();
                woke = true;
            }
            None => break,
        }
    }
    drop(w);
    if woke {
        super::released(vm);
    }
}

/// `Condition.notify_all()`.
pub fn cond_notify_all(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let n = core_of(vm, a.get(0))?;
    let c = core(&n);
    if !is_owned(vm, c)? {
        return Err(PyErr::runtime_error("cannot notify on un-acquired lock"));
    }
    notify(vm, c, usize::MAX);
    Ok(Value::None)
}

/// `len(self._waiters)` for Barrier and tests: how many threads wait.
pub fn cond_waiting(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let n = core_of(vm, a.get(0))?;
    let len = core(&n).waiters.lock().len();
    Ok(Value::Int(len as i64))
}
