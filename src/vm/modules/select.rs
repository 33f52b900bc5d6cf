//! The `select` module: `select.epoll` (level-triggered, as CPython's) over the
//! `polling` crate, whose waits release the GIL, plus `select.select`. Every epoll
//! object also has a cross-thread wake-up (`_wakeup()`, gilvm's self-pipe) for asyncio.

use super::add_functions;
use crate::vm::builtins::exceptions::os_error_from_io;
use crate::vm::builtins::num_methods::to_float;
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{self, types};
use crate::vm::value::Value;
use crate::vm::Vm;
use polling::{Event, Events, PollMode, Poller};
use std::collections::HashMap;
use std::os::fd::{AsRawFd, BorrowedFd};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

pub const EPOLLIN: i64 = 0x001;
pub const EPOLLPRI: i64 = 0x002;
pub const EPOLLOUT: i64 = 0x004;
pub const EPOLLERR: i64 = 0x008;
pub const EPOLLHUP: i64 = 0x010;
pub const EPOLLRDNORM: i64 = 0x040;
pub const EPOLLRDBAND: i64 = 0x080;
pub const EPOLLWRNORM: i64 = 0x100;
pub const EPOLLWRBAND: i64 = 0x200;
pub const EPOLLMSG: i64 = 0x400;
pub const EPOLLRDHUP: i64 = 0x2000;
pub const EPOLLEXCLUSIVE: i64 = 1 << 28;
pub const EPOLLONESHOT: i64 = 1 << 30;
pub const EPOLLET: i64 = 1 << 31;

pub fn fill(d: &DictObj) {
    add_functions(d, &[("epoll", epoll_new), ("select", select)]);
    for (name, v) in [
        ("EPOLLIN", EPOLLIN),
        ("EPOLLPRI", EPOLLPRI),
        ("EPOLLOUT", EPOLLOUT),
        ("EPOLLERR", EPOLLERR),
        ("EPOLLHUP", EPOLLHUP),
        ("EPOLLRDNORM", EPOLLRDNORM),
        ("EPOLLRDBAND", EPOLLRDBAND),
        ("EPOLLWRNORM", EPOLLWRNORM),
        ("EPOLLWRBAND", EPOLLWRBAND),
        ("EPOLLMSG", EPOLLMSG),
        ("EPOLLRDHUP", EPOLLRDHUP),
        ("EPOLLEXCLUSIVE", EPOLLEXCLUSIVE),
        ("EPOLLONESHOT", EPOLLONESHOT),
        ("EPOLLET", EPOLLET),
    ] {
        d.set_str(name, Value::Int(v));
    }
    d.set_str("error", Value::Class(types().os_error.clone()));
}

/// The poller shared with waits running without the GIL (`Arc`: a wait holds it while
/// Python may close the epoll object from another thread).
#[derive(Debug)]
struct Shared {
    poller: Poller,
    /// Set by `_wakeup()` before it notifies, so a wait can tell a wake-up from the end
    /// of one of its Ctrl-C slices (polling's notify delivers no event).
    woken: AtomicBool,
}
crate::gil::impl_ungil!(struct Shared { poller, woken });

#[derive(Debug)]
pub struct Epoll {
    state: ObjCell<EpollState>,
}

#[derive(Debug)]
struct EpollState {
    shared: Option<Arc<Shared>>,
    /// Registered fds and their event masks: epoll_ctl does not report them back, and
    /// CPython's errors (EEXIST, ENOENT) are decided here before the kernel is asked.
    fds: HashMap<i32, i64>,
}

impl NativeObject for Epoll {
    fn class(&self) -> Ref<Class> {
        epoll_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "closed" => Some(Value::Bool(self.state.lock().shared.is_none())),
            _ => None,
        }
    }
}

fn epoll_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    C.get_or_init(|| {
        let c = types::new_class("epoll", Some(&types().object), ClassKind::Builtin);
        c.slots
            .getattr
            .set(Some(crate::vm::modules::native_getattr_slot));
        types::install(
            &c,
            &[
                ("register", register),
                ("modify", modify),
                ("unregister", unregister),
                ("poll", poll),
                ("close", close),
                ("fileno", fileno),
                ("_wakeup", wakeup),
                ("__enter__", enter),
                ("__exit__", exit),
            ],
        );
        crate::vm::value::shared_class(c)
    })
    .clone()
}

fn this<'a>(vm: &Vm, a: &Args<'a>, method: &str) -> PyResult<&'a Epoll> {
    match a.pos.first() {
        Some(Value::Native(n)) => {
            if let Some(e) = n.obj.as_any().downcast_ref::<Epoll>() {
                return Ok(e);
            }
            Err(descriptor_error(vm, method, &a.pos[0]))
        }
        Some(v) => Err(descriptor_error(vm, method, v)),
        None => Err(PyErr::type_error(format!(
            "descriptor '{method}' of 'select.epoll' object needs an argument"
        ))),
    }
}

fn descriptor_error(vm: &Vm, method: &str, v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "descriptor '{method}' for 'select.epoll' objects doesn't apply to a '{}' object",
        vm.type_name(v)
    ))
}

fn closed_error() -> PyErr {
    PyErr::value_error("I/O operation on closed epoll object")
}

/// An int fd, or the int an object's `fileno()` returns (CPython's
/// PyObject_AsFileDescriptor and its messages).
pub fn as_fd(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let n = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => {
            return Err(PyErr::overflow_error(
                "Python int too large to convert to C int",
            ))
        }
        _ => {
            let name = Ref::new(crate::vm::value::PyStr::new("fileno"));
            let Some(meth) = vm.getattr_opt(v, &name)? else {
                return Err(PyErr::type_error(
                    "argument must be an int, or have a fileno() method.",
                ));
            };
            match vm.call(&meth, &[], &[])? {
                Value::Int(i) => i,
                Value::Bool(b) => b as i64,
                _ => return Err(PyErr::type_error("fileno() returned a non-integer")),
            }
        }
    };
    if n < 0 {
        return Err(PyErr::value_error(format!(
            "file descriptor cannot be a negative integer ({n})"
        )));
    }
    i32::try_from(n).map_err(|_| PyErr::overflow_error("Python int too large to convert to C int"))
}

fn mask_arg(vm: &mut Vm, v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        None => Ok(default),
        Some(Value::Int(i)) => Ok(*i),
        Some(Value::Bool(b)) => Ok(*b as i64),
        Some(v) => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

fn interest(fd: i32, mask: i64) -> Event {
    let r = mask & (EPOLLIN | EPOLLPRI | EPOLLRDNORM | EPOLLRDBAND | EPOLLRDHUP) != 0;
    let w = mask & (EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND) != 0;
    Event::new(fd as usize, r, w)
}

fn mode(mask: i64) -> PollMode {
    if mask & EPOLLONESHOT != 0 {
        PollMode::Oneshot
    } else if mask & EPOLLET != 0 {
        PollMode::Edge
    } else {
        PollMode::Level
    }
}

fn io_err(e: std::io::Error) -> PyErr {
    os_error_from_io(&e, None)
}

fn epoll_new(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("epoll", &["sizehint", "flags"])?;
    a.expect("epoll", 0, 2)?;
    if let Some(Value::Int(n)) = a.arg(0, "sizehint") {
        if *n == 0 || *n < -1 {
            return Err(PyErr::value_error("negative sizehint"));
        }
    }
    let poller = Poller::new().map_err(io_err)?;
    Ok(Value::Native(Ref::new(Native {
        obj: Box::new(Epoll {
            state: ObjCell::new(EpollState {
                shared: Some(Arc::new(Shared {
                    poller,
                    woken: AtomicBool::new(false),
                })),
                fds: HashMap::new(),
            }),
        }),
    })))
}

fn shared_of(e: &Epoll) -> PyResult<Arc<Shared>> {
    e.state.lock().shared.clone().ok_or_else(closed_error)
}

fn register(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let e = this(vm, &a, "register")?;
    a.expect("register", 2, 3)?;
    let fd = as_fd(vm, &a.pos[1])?;
    let mask = mask_arg(vm, a.arg(2, "eventmask"), EPOLLIN | EPOLLPRI | EPOLLOUT)?;
    let shared = shared_of(e)?;
    if e.state.lock().fds.contains_key(&fd) {
        return Err(io_err(std::io::Error::from_raw_os_error(libc::EEXIST)));
    }
    // SAFETY: epoll keeps only the number; the caller promises (as with CPython's
    // epoll) to unregister before closing, and if it does not the kernel drops a
    // closed descriptor from the interest list by itself, so no stale fd is ever used.
    unsafe {
        shared
            .poller
            .add_with_mode(fd, interest(fd, mask), mode(mask))
    }
    .map_err(io_err)?;
    e.state.lock().fds.insert(fd, mask);
    Ok(Value::None)
}

/// The fd as the `AsFd` that polling's modify/delete take.
fn borrow(fd: i32) -> BorrowedFd<'static> {
    // SAFETY: the borrow is handed straight to one epoll_ctl call and not kept; a
    // descriptor closed meanwhile only makes that call fail with EBADF/ENOENT.
    unsafe { BorrowedFd::borrow_raw(fd) }
}

fn modify(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let e = this(vm, &a, "modify")?;
    a.expect("modify", 3, 3)?;
    let fd = as_fd(vm, &a.pos[1])?;
    let mask = mask_arg(vm, Some(&a.pos[2]), 0)?;
    let shared = shared_of(e)?;
    if !e.state.lock().fds.contains_key(&fd) {
        return Err(io_err(std::io::Error::from_raw_os_error(libc::ENOENT)));
    }
    shared
        .poller
        .modify_with_mode(borrow(fd), interest(fd, mask), mode(mask))
        .map_err(io_err)?;
    e.state.lock().fds.insert(fd, mask);
    Ok(Value::None)
}

fn unregister(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let e = this(vm, &a, "unregister")?;
    a.expect("unregister", 2, 2)?;
    let fd = as_fd(vm, &a.pos[1])?;
    let shared = shared_of(e)?;
    if e.state.lock().fds.remove(&fd).is_none() {
        return Err(io_err(std::io::Error::from_raw_os_error(libc::ENOENT)));
    }
    // A descriptor already closed was dropped by the kernel: that is not an error here.
    match shared.poller.delete(borrow(fd)) {
        Ok(()) => Ok(Value::None),
        Err(err) if err.raw_os_error() == Some(libc::EBADF) => Ok(Value::None),
        Err(err) => Err(io_err(err)),
    }
}

/// A timeout argument in seconds: None or negative waits forever.
fn timeout_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<Duration>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v @ (Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::BigInt(_))) => {
            let secs = to_float(vm, v)?;
            if secs.is_nan() {
                return Err(PyErr::value_error("Invalid value NaN (not a number)"));
            }
            if secs < 0.0 {
                return Ok(None);
            }
            Duration::try_from_secs_f64(secs)
                .map(Some)
                .map_err(|_| PyErr::overflow_error("timeout is too large"))
        }
        Some(v) => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

/// What a wait has collected: the events so far, or the poller's failure.
struct Collected {
    got: Vec<Event>,
    failure: Option<std::io::Error>,
    events: Events,
}
crate::gil::impl_ungil!(struct Collected { got, failure, events });

impl Collected {
    fn new() -> Collected {
        Collected {
            got: Vec::new(),
            failure: None,
            events: Events::new(),
        }
    }

    /// One poll of at most `slice` (None: until an event): whether the wait is over
    /// (events, a wake-up, or a failure to report).
    fn poll_once(&mut self, shared: &Shared, slice: Option<Duration>) -> bool {
        self.events.clear();
        match shared.poller.wait(&mut self.events, slice) {
            Ok(_) => {
                self.got.extend(self.events.iter());
                !self.got.is_empty() || shared.woken.swap(false, Ordering::SeqCst)
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => false,
            Err(e) => {
                self.failure = Some(e);
                true
            }
        }
    }

    fn result(self) -> PyResult<Vec<Event>> {
        match self.failure {
            Some(e) => Err(io_err(e)),
            None => Ok(self.got),
        }
    }
}

/// Waits on `shared` with the GIL released until an event, a wake-up or the timeout;
/// on the main thread Ctrl-C ends the wait with KeyboardInterrupt.
fn wait(
    vm: &mut Vm,
    shared: &Arc<Shared>,
    timeout: Option<Duration>,
    reason: &'static str,
) -> PyResult<Vec<Event>> {
    let deadline = timeout.map(|t| Instant::now() + t);
    // A zero timeout is a plain check: no need to give up the GIL.
    if timeout == Some(Duration::ZERO) {
        let mut events = Events::new();
        shared
            .poller
            .wait(&mut events, Some(Duration::ZERO))
            .map_err(io_err)?;
        shared.woken.store(false, Ordering::SeqCst);
        return Ok(events.iter().collect());
    }
    if vm.scheduled() {
        return scheduled_wait(vm, shared, timeout, reason);
    }
    let mut w = (&**shared, Collected::new());
    vm.interruptible_wait(reason, deadline, &mut w, |(shared, c), until| {
        if shared.woken.swap(false, Ordering::SeqCst) {
            return true;
        }
        let slice = until.map(|u| u.saturating_duration_since(Instant::now()));
        c.poll_once(shared, slice)
    })?;
    w.1.result()
}

/// `wait` in a deterministic run (`--schedule`), where time is virtual: the poller
/// is only checked, never waited on, while the schedule runs the program's other
/// threads (one of them may make a descriptor ready or wake the selector) and the
/// virtual clock moves to the timeout, so an event loop's timers fire in virtual
/// time instead of the wait taking the timeout in real time for ever. Only a wait
/// without a timeout that no thread of the program can end (the descriptors wait for
/// a peer outside the process) blocks for real, as an external event of the schedule.
fn scheduled_wait(
    vm: &mut Vm,
    shared: &Arc<Shared>,
    timeout: Option<Duration>,
    reason: &'static str,
) -> PyResult<Vec<Event>> {
    let mut c = Collected::new();
    if timeout.is_none() && !vm.scheduled_others_may_run() {
        if !c.poll_once(shared, Some(Duration::ZERO)) {
            vm.blocking(reason, (&**shared, &mut c), |(shared, c)| {
                while !c.poll_once(shared, None) {}
            });
        }
    } else {
        let deadline = timeout.map(|t| vm.deadline_after(t));
        vm.scheduled_wait(reason, deadline, true, || {
            c.poll_once(shared, Some(Duration::ZERO))
        });
    }
    c.result()
}

fn poll(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let e = this(vm, &a, "poll")?;
    a.only_kw("poll", &["timeout", "maxevents"])?;
    a.expect("poll", 1, 3)?;
    let timeout = timeout_arg(vm, a.arg(1, "timeout"))?;
    let maxevents = mask_arg(vm, a.arg(2, "maxevents"), -1)?;
    if maxevents == 0 || maxevents < -1 {
        return Err(PyErr::value_error(format!(
            "maxevents must be greater than 0, got {maxevents}"
        )));
    }
    let shared = shared_of(e)?;
    let events = wait(vm, &shared, timeout, "select.epoll.poll")?;
    let fds = e.state.lock().fds.clone();
    let mut out = Vec::new();
    for ev in events {
        let fd = ev.key as i32;
        let Some(mask) = fds.get(&fd) else { continue };
        let mut m = 0;
        if ev.readable {
            m |= EPOLLIN & mask;
        }
        if ev.writable {
            m |= EPOLLOUT & mask;
        }
        if m == 0 {
            m = EPOLLHUP;
        }
        out.push(Value::Tuple(Ref::new(vec![
            Value::Int(fd as i64),
            Value::Int(m),
        ])));
        if maxevents > 0 && out.len() as i64 >= maxevents {
            break;
        }
    }
    Ok(Value::List(Ref::new(ListObj::new(out))))
}

/// `_wakeup()`: ends a `poll()` waiting in another thread (or the next one), as
/// writing a byte to asyncio's self-pipe does in CPython. Safe from any thread.
fn wakeup(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let e = this(vm, &a, "_wakeup")?;
    let shared = shared_of(e)?;
    shared.woken.store(true, Ordering::SeqCst);
    shared.poller.notify().map_err(io_err)?;
    Ok(Value::None)
}

fn close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let e = this(vm, &a, "close")?;
    let mut st = e.state.lock();
    st.shared = None;
    st.fds.clear();
    Ok(Value::None)
}

fn fileno(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let e = this(vm, &a, "fileno")?;
    let shared = shared_of(e)?;
    Ok(Value::Int(shared.poller.as_raw_fd() as i64))
}

fn enter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let e = this(vm, &a, "__enter__")?;
    shared_of(e)?;
    Ok(a.pos[0].clone())
}

fn exit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    close(vm, Args::new(&a.pos[..1]))
}

/// `select.select(rlist, wlist, xlist[, timeout])` on a one-off poller.
fn select(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("select")?;
    a.expect("select", 3, 4)?;
    let timeout = match a.pos.get(3) {
        Some(v @ Value::Int(_)) | Some(v @ Value::Float(_)) => {
            if to_float(vm, v)? < 0.0 {
                return Err(PyErr::value_error("timeout must be non-negative"));
            }
            timeout_arg(vm, Some(v))?
        }
        other => timeout_arg(vm, other)?,
    };
    let lists: Vec<Vec<Value>> = a.pos[..3]
        .iter()
        .map(|v| vm.collect(v))
        .collect::<PyResult<_>>()?;
    let mut masks: HashMap<i32, i64> = HashMap::new();
    let mut fd_lists: Vec<Vec<(i32, Value)>> = vec![vec![], vec![], vec![]];
    for (i, l) in lists.iter().enumerate() {
        for v in l {
            let fd = as_fd(vm, v)?;
            let bit = [EPOLLIN, EPOLLOUT, EPOLLPRI][i];
            *masks.entry(fd).or_default() |= bit;
            fd_lists[i].push((fd, v.clone()));
        }
    }
    let poller = Poller::new().map_err(io_err)?;
    for (&fd, &mask) in &masks {
        // SAFETY: as in `register`; this poller lives only for this call.
        unsafe { poller.add_with_mode(fd, interest(fd, mask), PollMode::Level) }.map_err(io_err)?;
    }
    let shared = Arc::new(Shared {
        poller,
        woken: AtomicBool::new(false),
    });
    let events = wait(vm, &shared, timeout, "select.select")?;
    let mut ready: HashMap<i32, (bool, bool)> = HashMap::new();
    for ev in events {
        let r = ready.entry(ev.key as i32).or_default();
        r.0 |= ev.readable;
        r.1 |= ev.writable;
    }
    let pick = |i: usize| -> Value {
        let items = fd_lists[i]
            .iter()
            .filter(|(fd, _)| {
                ready
                    .get(fd)
                    .is_some_and(|&(r, w)| if i == 1 { w } else { r && i == 0 })
            })
            .map(|(_, v)| v.clone())
            .collect();
        Value::List(Ref::new(ListObj::new(items)))
    };
    Ok(Value::Tuple(Ref::new(vec![pick(0), pick(1), pick(2)])))
}
