//! `_asyncio`: the native side of gilvm's asyncio (asyncio.py): the core of Future and
//! Task (state, callbacks, the task step) as CPython's C module of this name, and the
//! trace hooks that put tasks into `--trace`/`--timeline` as lanes.
//!
//! asyncio.py installs its traced Task methods only when `_trace_on()` says this run
//! records a trace, so an untraced run never calls these hooks. Every timestamp is
//! taken here, on the GIL's clock, so task lanes line up with the thread lanes.

use super::{add_functions, native, native_class};
use crate::gil::TaskEvent;
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::iter::Sent;
use crate::vm::object::{Args, Class, DictObj, GenKind, NativeFn, NativeObject};
use crate::vm::refcount::{Header, Ref};
use crate::vm::typeobj::flags;
use crate::vm::types::types;
use crate::vm::value::{intern, Value};
use crate::vm::Vm;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// An interned attribute name, looked up once per thread.
macro_rules! name {
    ($s:literal) => {{
        thread_local!(static N: Ref<crate::vm::value::PyStr> = intern($s));
        N.with(|n| n.clone())
    }};
}

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    add_functions(
        d,
        &[
            ("_trace_on", trace_on),
            ("_trace_id", trace_id),
            ("_trace_task", trace_task),
            ("_trace_ready", trace_ready),
            ("_trace_step_begin", trace_step_begin),
            ("_trace_step_end", trace_step_end),
            ("_run_handles", run_handles),
            ("_shuffle_on", shuffle_on),
            ("_shuffle_ready", shuffle_ready),
        ],
    );
    d.set_str("_FutureCore", Value::Class(core_class()));
    d.set_str("_SLEEP0", native(Sleep0));
    d.set_str("Handle", Value::Class(handle_class()));
    d.set_str("TimerHandle", Value::Class(timer_handle_class()));
    Ok(())
}

fn int_arg(a: &Args, i: usize, fname: &str) -> PyResult<u64> {
    match a.get(i) {
        Some(Value::Int(n)) if *n >= 0 => Ok(*n as u64),
        _ => Err(PyErr::type_error(format!(
            "{fname}() argument {} must be a non-negative int",
            i + 1
        ))),
    }
}

fn str_arg<'a>(a: &'a Args, i: usize, fname: &str) -> PyResult<&'a str> {
    match a.get(i) {
        Some(Value::Str(s)) => Ok(s.as_str()),
        _ => Err(PyErr::type_error(format!(
            "{fname}() argument {} must be str",
            i + 1
        ))),
    }
}

/// `_trace_on()`: whether this run records a trace (`--trace`, `--timeline`).
fn trace_on(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_trace_on")?;
    a.expect("_trace_on", 0, 0)?;
    Ok(Value::Bool(vm.interp.gil.tracing()))
}

/// `_trace_id()`: a new number for a loop or a task, unique in the run.
fn trace_id(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_trace_id")?;
    a.expect("_trace_id", 0, 0)?;
    Ok(Value::Int(vm.interp.gil.next_trace_id() as i64))
}

/// `_trace_task(task, loop, name)`: the task was created (so is ready) or renamed.
fn trace_task(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_trace_task")?;
    a.expect("_trace_task", 3, 3)?;
    let task = int_arg(&a, 0, "_trace_task")?;
    let loop_id = int_arg(&a, 1, "_trace_task")?;
    let name = str_arg(&a, 2, "_trace_task")?;
    let at_ns = vm.interp.gil.now_ns();
    if let Some(r) = vm.gil.task_recorder() {
        let name = r.intern(name);
        r.events.push(TaskEvent::Named {
            at_ns,
            task,
            loop_id,
            name,
        });
    }
    Ok(Value::None)
}

/// `_trace_ready(task)`: what the task awaited is done; its next step is queued.
fn trace_ready(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_trace_ready")?;
    a.expect("_trace_ready", 1, 1)?;
    let task = int_arg(&a, 0, "_trace_ready")?;
    let at_ns = vm.interp.gil.now_ns();
    if let Some(r) = vm.gil.task_recorder() {
        r.events.push(TaskEvent::Ready { at_ns, task });
    }
    Ok(Value::None)
}

/// `_trace_step_begin(task, loop)`: the task's coroutine is about to be resumed.
fn trace_step_begin(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_trace_step_begin")?;
    a.expect("_trace_step_begin", 2, 2)?;
    let task = int_arg(&a, 0, "_trace_step_begin")?;
    let loop_id = int_arg(&a, 1, "_trace_step_begin")?;
    let at_ns = vm.interp.gil.now_ns();
    if let Some(r) = vm.gil.task_recorder() {
        r.current = Some((task, loop_id, at_ns));
    }
    Ok(Value::None)
}

/// `_trace_step_end(task, after, finished, slow_callback_duration, due)`: the step is
/// over; `after` is what the task awaits now ('' when it is ready again) or how it
/// ended; `due`: in how many seconds the timer it sleeps on expires, or None.
fn trace_step_end(vm: &mut Vm, a: Args) -> PyResult<Value> {
    const F: &str = "_trace_step_end";
    a.no_kw(F)?;
    a.expect(F, 5, 5)?;
    let task = int_arg(&a, 0, F)?;
    let after = str_arg(&a, 1, F)?;
    let finished = matches!(a.get(2), Some(Value::Bool(true)));
    let slow_s = match a.get(3) {
        Some(Value::Float(f)) => *f,
        Some(Value::Int(n)) => *n as f64,
        _ => f64::INFINITY,
    };
    let end_ns = vm.interp.gil.now_ns();
    let due_ns = match a.get(4) {
        Some(Value::Float(f)) if f.is_finite() => {
            Some(end_ns.saturating_add((f.max(0.0) * 1e9) as u64))
        }
        _ => None,
    };
    if let Some(r) = vm.gil.task_recorder() {
        let Some((t, loop_id, start_ns)) = r.current.take() else {
            return Ok(Value::None);
        };
        if t != task {
            return Ok(Value::None);
        }
        let slow = (end_ns.saturating_sub(start_ns) as f64) >= slow_s * 1e9;
        let after = r.intern(after);
        r.events.push(TaskEvent::Step {
            task,
            loop_id,
            start_ns,
            end_ns,
            after,
            finished,
            slow,
            due_ns,
        });
    }
    Ok(Value::None)
}

// ---------------------------------------------------------------- Future and Task
//
// `_FutureCore` holds the state of a Future, and of a Task when `_task_init` made it
// one, in Rust fields; asyncio.py's `Future` and `Task` derive from it (with empty
// `__slots__`) and keep in Python only what is not hot: reprs, `__await__`, the
// subclass hooks. A task step (resume the coroutine, look at what it yielded, queue
// the next step or wait on a future) and a future's completion (state, callbacks
// queued on the loop) run here without a Python frame.
//
// The classes asyncio.py defines (CancelledError, InvalidStateError) and the Python
// helpers a core needs (get_event_loop, copy_context, ...) are attributes of the
// Python `Future` class, found through the object's type: per interpreter, as the
// native class itself is shared by every interpreter in the process.

const PENDING: u8 = 0;
const CANCELLED: u8 = 1;
const FINISHED: u8 = 2;

#[derive(Debug)]
struct TaskState {
    coro: Value,
    context: Value,
    name: Value,
    fut_waiter: Value,
    /// The Handle of the task's first bare-yield step, queued again after each
    /// `sleep(0)` instead of a new Handle per switch; dropped when the task ends.
    step_handle: Value,
    must_cancel: bool,
    num_cancels: i64,
    log_destroy_pending: bool,
    /// Where the task sits in its loop's `_tasks` list while it is pending
    /// (`NO_SLOT` when it is not there): a finished task leaves the list at once, so
    /// a dropped task is freed and its finalizer reports what it must.
    reg_slot: usize,
}

const NO_SLOT: usize = usize::MAX;

#[derive(Debug)]
struct FutState {
    state: u8,
    result: Value,
    exception: Value,
    loop_: Value,
    callbacks: Vec<(Value, Value)>,
    cancel_message: Value,
    cancelled_exc: Value,
    blocking: bool,
    log_traceback: bool,
    trace_id: i64,
    trace_due: Value,
    trace_label: Value,
    task: Option<Box<TaskState>>,
}

#[derive(Debug)]
pub struct FutureCore {
    st: ObjCell<FutState>,
}

impl FutureCore {
    fn new() -> FutureCore {
        FutureCore {
            st: ObjCell::new(FutState {
                state: PENDING,
                result: Value::None,
                exception: Value::None,
                loop_: Value::None,
                callbacks: Vec::new(),
                cancel_message: Value::None,
                cancelled_exc: Value::None,
                blocking: false,
                log_traceback: false,
                trace_id: 0,
                trace_due: Value::None,
                trace_label: Value::None,
                task: None,
            }),
        }
    }
}

impl NativeObject for FutureCore {
    fn class(&self) -> Ref<Class> {
        core_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn needs_finalizer(&self) -> bool {
        let st = self.st.lock();
        st.log_traceback || destroyed_pending(&st)
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        let st = self.st.lock();
        for v in [
            &st.result,
            &st.exception,
            &st.loop_,
            &st.cancel_message,
            &st.cancelled_exc,
            &st.trace_due,
            &st.trace_label,
        ] {
            v.visit(visit);
        }
        for (f, c) in &st.callbacks {
            f.visit(visit);
            c.visit(visit);
        }
        if let Some(t) = &st.task {
            for v in [&t.coro, &t.context, &t.name, &t.fut_waiter, &t.step_handle] {
                v.visit(visit);
            }
        }
    }
    fn clear(&self) {
        let (cbs, task, vals) = {
            let mut st = self.st.lock();
            let vals = [
                std::mem::replace(&mut st.result, Value::None),
                std::mem::replace(&mut st.exception, Value::None),
                std::mem::replace(&mut st.loop_, Value::None),
                std::mem::replace(&mut st.cancelled_exc, Value::None),
            ];
            (std::mem::take(&mut st.callbacks), st.task.take(), vals)
        };
        drop((cbs, task, vals));
    }
}

fn core_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", core_new),
        ("__init__", fut_init),
        ("done", fut_done),
        ("cancelled", fut_cancelled),
        ("result", fut_result),
        ("exception", fut_exception),
        ("set_result", fut_set_result),
        ("set_exception", fut_set_exception),
        ("add_done_callback", fut_add_done_callback),
        ("remove_done_callback", fut_remove_done_callback),
        ("cancel", fut_cancel),
        ("get_loop", fut_get_loop),
        ("_schedule_callbacks", fut_schedule_callbacks_m),
        ("_make_cancelled_error", fut_make_cancelled_error_m),
        ("_task_init", task_init),
        ("_task_cancel", task_cancel),
        ("_step", task_step_m),
        ("task_wakeup", task_wakeup_m),
        ("cancelling", task_cancelling),
        ("uncancel", task_uncancel),
        ("get_coro", task_get_coro),
        ("get_context", task_get_context),
        ("get_name", task_get_name),
        ("set_name", task_set_name),
        ("__await__", fut_await),
        ("__iter__", fut_await),
        ("__del__", fut_del_m),
    ];
    let c = native_class(&C, "_asyncio", "_FutureCore", methods, &[]);
    c.set_flags(flags::BASETYPE);
    type G = crate::vm::descr::Getter;
    type S = crate::vm::descr::Setter;
    let gs: &[(&'static str, G, Option<S>)] = &[
        (
            "_state",
            |vm, o| {
                let s = core(vm, o)?.st.lock().state;
                Ok(Value::str(match s {
                    PENDING => "PENDING",
                    CANCELLED => "CANCELLED",
                    _ => "FINISHED",
                }))
            },
            None,
        ),
        (
            "_result",
            |vm, o| Ok(core(vm, o)?.st.lock().result.clone()),
            None,
        ),
        (
            "_exception",
            |vm, o| Ok(core(vm, o)?.st.lock().exception.clone()),
            None,
        ),
        (
            "_loop",
            |vm, o| Ok(core(vm, o)?.st.lock().loop_.clone()),
            None,
        ),
        (
            "_callbacks",
            |vm, o| {
                let st = core(vm, o)?.st.lock();
                let items = st
                    .callbacks
                    .iter()
                    .map(|(f, c)| Value::tuple(vec![f.clone(), c.clone()]))
                    .collect();
                Ok(Value::list(items))
            },
            None,
        ),
        (
            "_asyncio_future_blocking",
            |vm, o| Ok(Value::Bool(core(vm, o)?.st.lock().blocking)),
            Some(|vm, o, v| {
                let b = match v {
                    Some(v) => vm.truthy(&v)?,
                    None => return Err(PyErr::attribute_error("cannot delete attribute")),
                };
                core(vm, o)?.st.lock().blocking = b;
                Ok(())
            }),
        ),
        (
            "_log_traceback",
            |vm, o| Ok(Value::Bool(core(vm, o)?.st.lock().log_traceback)),
            Some(|vm, o, v| {
                let b = match v {
                    Some(v) => vm.truthy(&v)?,
                    None => return Err(PyErr::attribute_error("cannot delete attribute")),
                };
                if b {
                    return Err(PyErr::value_error(
                        "_log_traceback can only be set to False",
                    ));
                }
                core(vm, o)?.st.lock().log_traceback = false;
                Ok(())
            }),
        ),
        (
            "_source_traceback",
            |vm, o| core(vm, o).map(|_| Value::None),
            None,
        ),
        (
            "_cancel_message",
            |vm, o| Ok(core(vm, o)?.st.lock().cancel_message.clone()),
            Some(|vm, o, v| {
                let old = std::mem::replace(
                    &mut core(vm, o)?.st.lock().cancel_message,
                    v.unwrap_or(Value::None),
                );
                drop(old);
                Ok(())
            }),
        ),
        (
            "_cancelled_exc",
            |vm, o| Ok(core(vm, o)?.st.lock().cancelled_exc.clone()),
            Some(|vm, o, v| {
                let old = std::mem::replace(
                    &mut core(vm, o)?.st.lock().cancelled_exc,
                    v.unwrap_or(Value::None),
                );
                drop(old);
                Ok(())
            }),
        ),
        (
            "_trace_id",
            |vm, o| Ok(Value::Int(core(vm, o)?.st.lock().trace_id)),
            Some(|vm, o, v| {
                let n = match v {
                    Some(Value::Int(n)) => n,
                    _ => return Err(PyErr::type_error("_trace_id must be an int")),
                };
                core(vm, o)?.st.lock().trace_id = n;
                Ok(())
            }),
        ),
        (
            "_trace_due",
            |vm, o| Ok(core(vm, o)?.st.lock().trace_due.clone()),
            Some(|vm, o, v| {
                let old = std::mem::replace(
                    &mut core(vm, o)?.st.lock().trace_due,
                    v.unwrap_or(Value::None),
                );
                drop(old);
                Ok(())
            }),
        ),
        (
            "_trace_label",
            |vm, o| Ok(core(vm, o)?.st.lock().trace_label.clone()),
            Some(|vm, o, v| {
                let old = std::mem::replace(
                    &mut core(vm, o)?.st.lock().trace_label,
                    v.unwrap_or(Value::None),
                );
                drop(old);
                Ok(())
            }),
        ),
        ("_coro", |vm, o| task_field(vm, o, |t| t.coro.clone()), None),
        (
            "_context",
            |vm, o| task_field(vm, o, |t| t.context.clone()),
            None,
        ),
        ("_name", |vm, o| task_field(vm, o, |t| t.name.clone()), None),
        (
            "_fut_waiter",
            |vm, o| task_field(vm, o, |t| t.fut_waiter.clone()),
            None,
        ),
        (
            "_step_handle",
            |vm, o| task_field(vm, o, |t| t.step_handle.clone()),
            None,
        ),
        (
            "_must_cancel",
            |vm, o| task_field(vm, o, |t| Value::Bool(t.must_cancel)),
            Some(|vm, o, v| {
                let b = match v {
                    Some(v) => vm.truthy(&v)?,
                    None => return Err(PyErr::attribute_error("cannot delete attribute")),
                };
                with_task(vm, o, |t| t.must_cancel = b)
            }),
        ),
        (
            "_num_cancels_requested",
            |vm, o| task_field(vm, o, |t| Value::Int(t.num_cancels)),
            None,
        ),
        (
            "_log_destroy_pending",
            |vm, o| task_field(vm, o, |t| Value::Bool(t.log_destroy_pending)),
            Some(|vm, o, v| {
                let b = match v {
                    Some(v) => vm.truthy(&v)?,
                    None => return Err(PyErr::attribute_error("cannot delete attribute")),
                };
                with_task(vm, o, |t| t.log_destroy_pending = b)
            }),
        ),
    ];
    crate::vm::descr::add_getsets(&c, "_asyncio._FutureCore", gs);
    crate::vm::slots::fill_slots_from_dict(&c);
    c.slots.getattr.set(Some(crate::vm::descr::generic_getattr));
    // Subclasses take this function as their finalizer (slots.rs, `recompute`).
    c.slots.del.set(Some(fut_del));
    c
}

fn core<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a FutureCore> {
    super::downcast::<FutureCore>(v.payload()).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor for '_asyncio.Future' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

fn this_core<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<(&'a Value, &'a FutureCore)> {
    match a.pos.first() {
        Some(v) => Ok((v, core(vm, v)?)),
        None => Err(PyErr::type_error("descriptor needs an argument")),
    }
}

fn not_task() -> PyErr {
    PyErr::runtime_error("Task object is not initialized.")
}

fn task_field(vm: &Vm, o: &Value, f: impl FnOnce(&TaskState) -> Value) -> PyResult<Value> {
    let st = core(vm, o)?.st.lock();
    match &st.task {
        Some(t) => Ok(f(t)),
        None => Err(not_task()),
    }
}

fn with_task<R>(vm: &Vm, o: &Value, f: impl FnOnce(&mut TaskState) -> R) -> PyResult<R> {
    let mut st = core(vm, o)?.st.lock();
    match &mut st.task {
        Some(t) => Ok(f(t)),
        None => Err(not_task()),
    }
}

/// A helper or class asyncio.py left on its `Future` class (`_asyncio_NAME`).
fn hook(vm: &Vm, this: &Value, name: &Ref<crate::vm::value::PyStr>) -> PyResult<Value> {
    vm.type_of(this)
        .lookup(name)
        .ok_or_else(|| PyErr::runtime_error(format!("asyncio Future has no {}", name.as_str())))
}

fn hook_class(vm: &Vm, this: &Value, name: &Ref<crate::vm::value::PyStr>) -> PyResult<Ref<Class>> {
    match hook(vm, this, name)? {
        Value::Class(c) => Ok(c),
        _ => Err(PyErr::runtime_error(format!(
            "asyncio Future's {} is not a class",
            name.as_str()
        ))),
    }
}

fn invalid_state(vm: &mut Vm, this: &Value, msg: String) -> PyErr {
    match hook_class(vm, this, &name!("_asyncio_InvalidStateError")) {
        Ok(c) => PyErr::new(&c, msg),
        Err(e) => e,
    }
}

fn kwarg<'a>(a: &Args<'a>, name: &str) -> Option<&'a Value> {
    a.kw.iter()
        .find(|(k, _)| k.as_str() == name)
        .map(|(_, v)| v)
}

fn check_kw(a: &Args, fname: &str, allowed: &[&str]) -> PyResult<()> {
    for (k, _) in a.kw {
        if !allowed.contains(&k.as_str()) {
            return Err(PyErr::type_error(format!(
                "{fname}() got an unexpected keyword argument '{}'",
                k.as_str()
            )));
        }
    }
    Ok(())
}

fn core_new(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = native(FutureCore::new());
    match a.pos.first() {
        Some(Value::Class(c)) => Ok(crate::vm::natives::wrap_for(c, f)),
        _ => Ok(f),
    }
}

/// `Future.__init__(*, loop=None)`.
fn fut_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (this, c) = this_core(vm, &a)?;
    if a.pos.len() > 1 {
        return Err(PyErr::type_error(format!(
            "Future.__init__() takes 1 positional argument but {} were given",
            a.pos.len()
        )));
    }
    check_kw(&a, "Future.__init__", &["loop"])?;
    init_loop(vm, this, c, kwarg(&a, "loop"))?;
    Ok(Value::None)
}

fn init_loop(vm: &mut Vm, this: &Value, c: &FutureCore, lp: Option<&Value>) -> PyResult<()> {
    let lp = match lp {
        Some(l) if !matches!(l, Value::None) => l.clone(),
        _ => {
            let f = hook(vm, this, &name!("_asyncio_get_event_loop"))?;
            vm.call(&f, &[], &[])?
        }
    };
    let old = std::mem::replace(&mut c.st.lock().loop_, lp);
    drop(old);
    Ok(())
}

/// A task dropped before it finished, which will now never finish.
fn destroyed_pending(st: &FutState) -> bool {
    st.state == PENDING && st.task.as_ref().is_some_and(|t| t.log_destroy_pending)
}

/// The finalizer of Future and Task (CPython's `TaskObj_finalize` and
/// `FutureObj_finalize`): a task destroyed while pending, and an exception set and
/// never looked at, are reported through the loop's exception handler. Most futures
/// have nothing to report and are freed without this call (`needs_finalizer`).
fn fut_del(vm: &mut Vm, this: &Value) -> PyResult<()> {
    let c = core(vm, this)?;
    let (pending, log_tb, exc, lp) = {
        let st = c.st.lock();
        let pending = destroyed_pending(&st);
        (
            pending,
            st.log_traceback,
            st.exception.clone(),
            st.loop_.clone(),
        )
    };
    if !pending && !log_tb {
        return Ok(());
    }
    let report = |vm: &mut Vm, items: Vec<(&str, Value)>| -> PyResult<()> {
        let ctx = Value::dict(Default::default());
        for (k, v) in items {
            vm.setitem(&ctx, Value::str(k), v)?;
        }
        let m = vm.getattr(&lp, &name!("call_exception_handler"))?;
        vm.call(&m, &[ctx], &[])?;
        Ok(())
    };
    if pending {
        report(
            vm,
            vec![
                ("task", this.clone()),
                (
                    "message",
                    Value::str("Task was destroyed but it is pending!"),
                ),
            ],
        )?;
    }
    if log_tb {
        let msg = format!("{} exception was never retrieved", vm.type_name(this));
        report(
            vm,
            vec![
                ("message", Value::string(msg)),
                ("exception", exc),
                ("future", this.clone()),
            ],
        )?;
    }
    Ok(())
}

/// `Future.__del__()`, for subclasses whose own `__del__` calls it.
fn fut_del_m(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("__del__", 1, 1)?;
    fut_del(vm, &a.pos[0])?;
    Ok(Value::None)
}

fn fut_done(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, c) = this_core(vm, &a)?;
    Ok(Value::Bool(c.st.lock().state != PENDING))
}

fn fut_cancelled(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, c) = this_core(vm, &a)?;
    Ok(Value::Bool(c.st.lock().state == CANCELLED))
}

/// The CancelledError a cancelled future raises: the one the task's coroutine raised
/// (kept once), else a new one with the cancel message.
fn make_cancelled_error(vm: &mut Vm, this: &Value, c: &FutureCore) -> PyResult<Value> {
    let (kept, msg) = {
        let mut st = c.st.lock();
        (
            std::mem::replace(&mut st.cancelled_exc, Value::None),
            st.cancel_message.clone(),
        )
    };
    if !matches!(kept, Value::None) {
        return Ok(kept);
    }
    let cls = hook(vm, this, &name!("_asyncio_CancelledError"))?;
    if matches!(msg, Value::None) {
        vm.call(&cls, &[], &[])
    } else {
        vm.call(&cls, &[msg], &[])
    }
}

fn fut_make_cancelled_error_m(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (this, c) = this_core(vm, &a)?;
    make_cancelled_error(vm, this, c)
}

/// What `result()` gives: Ok(result) or the exception to raise.
fn outcome(
    vm: &mut Vm,
    this: &Value,
    c: &FutureCore,
    what: &str,
) -> PyResult<Result<Value, Value>> {
    let state = c.st.lock().state;
    match state {
        CANCELLED => Ok(Err(make_cancelled_error(vm, this, c)?)),
        PENDING => Err(invalid_state(vm, this, format!("{what} is not set."))),
        _ => {
            let mut st = c.st.lock();
            st.log_traceback = false;
            if matches!(st.exception, Value::None) {
                Ok(Ok(st.result.clone()))
            } else {
                Ok(Err(st.exception.clone()))
            }
        }
    }
}

fn fut_result(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("result", 1, 1)?;
    let (this, c) = this_core(vm, &a)?;
    match outcome(vm, this, c, "Result")? {
        Ok(v) => Ok(v),
        Err(exc) => Err(PyErr { exc }),
    }
}

fn fut_exception(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("exception", 1, 1)?;
    let (this, c) = this_core(vm, &a)?;
    let state = c.st.lock().state;
    match state {
        CANCELLED => Err(PyErr {
            exc: make_cancelled_error(vm, this, c)?,
        }),
        PENDING => Err(invalid_state(vm, this, "Exception is not set.".into())),
        _ => {
            let mut st = c.st.lock();
            st.log_traceback = false;
            Ok(st.exception.clone())
        }
    }
}

/// Queues every done callback on the loop (`loop.call_soon(cb, fut, context=ctx)`),
/// first telling the trace that tasks waiting here are ready.
fn schedule_callbacks(vm: &mut Vm, this: &Value, c: &FutureCore) -> PyResult<()> {
    let (cbs, lp) = {
        let mut st = c.st.lock();
        if st.callbacks.is_empty() {
            return Ok(());
        }
        (std::mem::take(&mut st.callbacks), st.loop_.clone())
    };
    if vm.interp.gil.tracing() {
        for (cb, _) in &cbs {
            if let Value::BoundMethod(bm) = cb {
                if let Some(t) = super::downcast::<FutureCore>(bm.this.payload()) {
                    let id = t.st.lock().trace_id;
                    if id > 0 {
                        let at_ns = vm.interp.gil.now_ns();
                        if let Some(r) = vm.gil.task_recorder() {
                            r.events.push(TaskEvent::Ready {
                                at_ns,
                                task: id as u64,
                            });
                        }
                    }
                }
            }
        }
    }
    let call_soon = vm.getattr(&lp, &name!("call_soon"))?;
    let kw_ctx = intern("context");
    for (cb, ctx) in cbs {
        vm.call(&call_soon, &[cb, this.clone()], &[(kw_ctx.clone(), ctx)])?;
    }
    Ok(())
}

fn fut_schedule_callbacks_m(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (this, c) = this_core(vm, &a)?;
    schedule_callbacks(vm, this, c)?;
    Ok(Value::None)
}

fn set_result(vm: &mut Vm, this: &Value, c: &FutureCore, v: Value) -> PyResult<()> {
    {
        let mut st = c.st.lock();
        if st.state != PENDING {
            drop(st);
            return Err(invalid_state(vm, this, "invalid state".into()));
        }
        st.result = v;
        st.state = FINISHED;
    }
    schedule_callbacks(vm, this, c)
}

fn set_exception(vm: &mut Vm, this: &Value, c: &FutureCore, exc: Value) -> PyResult<()> {
    {
        let mut st = c.st.lock();
        if st.state != PENDING {
            drop(st);
            return Err(invalid_state(vm, this, "invalid state".into()));
        }
        st.exception = exc;
        st.state = FINISHED;
    }
    schedule_callbacks(vm, this, c)?;
    c.st.lock().log_traceback = true;
    Ok(())
}

fn fut_set_result(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("set_result")?;
    a.expect("set_result", 2, 2)?;
    let (this, c) = this_core(vm, &a)?;
    set_result(vm, this, c, a.pos[1].clone())?;
    Ok(Value::None)
}

fn fut_set_exception(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("set_exception")?;
    a.expect("set_exception", 2, 2)?;
    let (this, c) = this_core(vm, &a)?;
    if c.st.lock().state != PENDING {
        return Err(invalid_state(vm, this, "invalid state".into()));
    }
    let mut exc = a.pos[1].clone();
    if let Value::Class(_) = &exc {
        exc = vm.call(&exc, &[], &[])?;
    }
    let is_exc = match &exc {
        Value::Instance(i) => i.exc.is_some(),
        _ => false,
    };
    if !is_exc {
        return Err(PyErr::type_error("invalid exception object"));
    }
    if Ref::ptr_eq(&vm.type_of(&exc), &types().stop_iteration) {
        return Err(PyErr::type_error(
            "StopIteration interacts badly with generators and cannot be raised into a Future",
        ));
    }
    set_exception(vm, this, c, exc)?;
    Ok(Value::None)
}

fn copy_context(vm: &mut Vm) -> Value {
    super::_contextvars::copy_current(vm)
}

fn fut_add_done_callback(vm: &mut Vm, a: Args) -> PyResult<Value> {
    check_kw(&a, "add_done_callback", &["context"])?;
    a.expect("add_done_callback", 2, 2)?;
    let (this, c) = this_core(vm, &a)?;
    let func = a.pos[1].clone();
    let ctx = kwarg(&a, "context").cloned().unwrap_or(Value::None);
    let (state, lp) = {
        let st = c.st.lock();
        (st.state, st.loop_.clone())
    };
    if state != PENDING {
        let call_soon = vm.getattr(&lp, &name!("call_soon"))?;
        vm.call(
            &call_soon,
            &[func, this.clone()],
            &[(intern("context"), ctx)],
        )?;
    } else {
        let ctx = if matches!(ctx, Value::None) {
            copy_context(vm)
        } else {
            ctx
        };
        c.st.lock().callbacks.push((func, ctx));
    }
    Ok(Value::None)
}

fn fut_remove_done_callback(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("remove_done_callback")?;
    a.expect("remove_done_callback", 2, 2)?;
    let (_, c) = this_core(vm, &a)?;
    let cbs = c.st.lock().callbacks.clone();
    let mut kept = Vec::with_capacity(cbs.len());
    let mut removed = 0;
    for (f, ctx) in cbs {
        if vm.eq(&f, &a.pos[1])? {
            removed += 1;
        } else {
            kept.push((f, ctx));
        }
    }
    if removed > 0 {
        let old = std::mem::replace(&mut c.st.lock().callbacks, kept);
        drop(old);
    }
    Ok(Value::Int(removed))
}

fn msg_arg(a: &Args, fname: &str) -> PyResult<Value> {
    check_kw(a, fname, &["msg"])?;
    a.expect(fname, 1, 2)?;
    Ok(a.pos
        .get(1)
        .or_else(|| kwarg(a, "msg"))
        .cloned()
        .unwrap_or(Value::None))
}

fn future_cancel(vm: &mut Vm, this: &Value, c: &FutureCore, msg: Value) -> PyResult<bool> {
    {
        let mut st = c.st.lock();
        st.log_traceback = false;
        if st.state != PENDING {
            return Ok(false);
        }
        st.state = CANCELLED;
        st.cancel_message = msg;
    }
    schedule_callbacks(vm, this, c)?;
    Ok(true)
}

fn fut_cancel(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let msg = msg_arg(&a, "cancel")?;
    let (this, c) = this_core(vm, &a)?;
    Ok(Value::Bool(future_cancel(vm, this, c, msg)?))
}

fn fut_get_loop(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, c) = this_core(vm, &a)?;
    let lp = c.st.lock().loop_.clone();
    if matches!(lp, Value::None) {
        return Err(PyErr::runtime_error("Future object is not initialized."));
    }
    Ok(lp)
}

// -- tasks

fn is_native_coro(v: &Value) -> bool {
    matches!(v, Value::Generator(g) if g.kind == GenKind::Coroutine)
}

/// `Task.__init__(coro, *, loop=None, name=None, context=None)`.
fn task_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    check_kw(&a, "Task.__init__", &["loop", "name", "context"])?;
    let (this, c) = this_core(vm, &a)?;
    let coro = match a.pos.get(1) {
        Some(v) if a.pos.len() == 2 => v.clone(),
        _ => {
            return Err(PyErr::type_error(format!(
                "Task.__init__() takes 2 positional arguments but {} were given",
                a.pos.len()
            )))
        }
    };
    init_loop(vm, this, c, kwarg(&a, "loop"))?;
    c.st.lock().task = Some(Box::new(TaskState {
        coro: Value::None,
        context: Value::None,
        name: Value::None,
        fut_waiter: Value::None,
        step_handle: Value::None,
        must_cancel: false,
        num_cancels: 0,
        log_destroy_pending: true,
        reg_slot: NO_SLOT,
    }));
    if !is_native_coro(&coro) {
        let f = hook(vm, this, &name!("_asyncio_iscoroutine"))?;
        let ok = vm.call(&f, std::slice::from_ref(&coro), &[])?;
        if !vm.truthy(&ok)? {
            with_task(vm, this, |t| t.log_destroy_pending = false)?;
            return Err(PyErr::type_error(format!(
                "a coroutine was expected, got {}",
                vm.repr(&coro)?
            )));
        }
    }
    let name = match kwarg(&a, "name") {
        Some(n) if !matches!(n, Value::None) => match n {
            Value::Str(_) => n.clone(),
            _ => Value::string(vm.str(n)?),
        },
        _ => {
            // CPython 3.11 numbers tasks with one counter in its C module, for the
            // whole process.
            static COUNTER: AtomicU64 = AtomicU64::new(0);
            let n = COUNTER.fetch_add(1, Ordering::Relaxed) + 1;
            Value::string(format!("Task-{n}"))
        }
    };
    let ctx = match kwarg(&a, "context") {
        Some(x) if !matches!(x, Value::None) => x.clone(),
        _ => copy_context(vm),
    };
    let lp = {
        let mut st = c.st.lock();
        let t = st.task.as_mut().expect("set above");
        t.coro = coro;
        t.name = name;
        t.context = ctx.clone();
        st.loop_.clone()
    };
    let step = vm.getattr(this, &name!("_step"))?;
    let call_soon = vm.getattr(&lp, &name!("call_soon"))?;
    vm.call(&call_soon, &[step], &[(intern("context"), ctx)])?;
    register_task(vm, this, c, &lp)?;
    Ok(Value::None)
}

/// Puts a new task in its loop's `_tasks` list (CPython keeps a WeakSet), noting its
/// slot so that finishing clears it in O(1). The list is compacted when most of it is
/// cleared slots. A loop of another kind registers through the Python hook.
fn register_task(vm: &mut Vm, this: &Value, c: &FutureCore, lp: &Value) -> PyResult<()> {
    let Value::List(l) = vm.getattr(lp, &name!("_tasks"))? else {
        let reg = hook(vm, this, &name!("_asyncio_register_task"))?;
        vm.call(&reg, std::slice::from_ref(this), &[])?;
        return Ok(());
    };
    let n_count = name!("_task_count");
    let pending = match vm.getattr(lp, &n_count)? {
        Value::Int(n) => n.max(0) as usize + 1,
        _ => 1,
    };
    let mut items = l.items.lock();
    if items.len() > 64 && items.len() > 2 * pending {
        let old = std::mem::take(&mut *items);
        for t in old {
            if let Some(tc) = super::downcast::<FutureCore>(t.payload()) {
                if let Some(ts) = tc.st.lock().task.as_mut() {
                    ts.reg_slot = items.len();
                }
                items.push(t);
            }
        }
    }
    if let Some(ts) = c.st.lock().task.as_mut() {
        ts.reg_slot = items.len();
    }
    items.push(this.clone());
    drop(items);
    vm.setattr(lp, &n_count, Value::Int(pending as i64))
}

fn task_cancel(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let msg = msg_arg(&a, "cancel")?;
    let (this, c) = this_core(vm, &a)?;
    let waiter = {
        let mut st = c.st.lock();
        st.log_traceback = false;
        if st.state != PENDING {
            return Ok(Value::Bool(false));
        }
        let Some(t) = st.task.as_mut() else {
            return Err(not_task());
        };
        t.num_cancels += 1;
        t.fut_waiter.clone()
    };
    if !matches!(waiter, Value::None) {
        let m = vm.getattr(&waiter, &name!("cancel"))?;
        let r = vm.call(&m, &[], &[(intern("msg"), msg.clone())])?;
        if vm.truthy(&r)? {
            // The waiter's callback wakes this task with CancelledError.
            return Ok(Value::Bool(true));
        }
    }
    let mut st = c.st.lock();
    if let Some(t) = st.task.as_mut() {
        t.must_cancel = true;
    }
    let old = std::mem::replace(&mut st.cancel_message, msg);
    drop(st);
    drop(old);
    let _ = this;
    Ok(Value::Bool(true))
}

fn task_cancelling(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (this, _) = this_core(vm, &a)?;
    task_field(vm, this, |t| Value::Int(t.num_cancels))
}

fn task_uncancel(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (this, _) = this_core(vm, &a)?;
    with_task(vm, this, |t| {
        if t.num_cancels > 0 {
            t.num_cancels -= 1;
        }
        Value::Int(t.num_cancels)
    })
}

fn task_get_coro(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (this, _) = this_core(vm, &a)?;
    task_field(vm, this, |t| t.coro.clone())
}

fn task_get_context(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (this, _) = this_core(vm, &a)?;
    task_field(vm, this, |t| t.context.clone())
}

fn task_get_name(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (this, _) = this_core(vm, &a)?;
    task_field(vm, this, |t| t.name.clone())
}

fn task_set_name(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("set_name")?;
    a.expect("set_name", 2, 2)?;
    let (this, _) = this_core(vm, &a)?;
    let v = &a.pos[1];
    let name = match v {
        Value::Str(_) => v.clone(),
        _ => Value::string(vm.str(v)?),
    };
    let old = with_task(vm, this, |t| std::mem::replace(&mut t.name, name))?;
    drop(old);
    Ok(Value::None)
}

/// Drops what a finished task no longer needs and takes it out of its loop's
/// `_tasks`, so that nothing but its owner's references keeps it alive.
fn task_finish(vm: &mut Vm, c: &FutureCore, lp: &Value) -> PyResult<()> {
    let (h, slot) = {
        let mut st = c.st.lock();
        match st.task.as_mut() {
            Some(t) => (
                std::mem::replace(&mut t.step_handle, Value::None),
                std::mem::replace(&mut t.reg_slot, NO_SLOT),
            ),
            None => (Value::None, NO_SLOT),
        }
    };
    drop(h);
    if slot == NO_SLOT {
        return Ok(());
    }
    let Value::List(l) = vm.getattr(lp, &name!("_tasks"))? else {
        return Ok(());
    };
    let gone = {
        let mut items = l.items.lock();
        // The slot is stale if `_unregister_task` took the task out first.
        match items.get_mut(slot) {
            Some(v)
                if super::downcast::<FutureCore>(v.payload())
                    .is_some_and(|tc| std::ptr::eq(tc, c)) =>
            {
                Some(std::mem::replace(v, Value::None))
            }
            _ => None,
        }
    };
    if gone.is_none() {
        return Ok(());
    }
    drop(gone);
    let name = name!("_task_count");
    let n = match vm.getattr(lp, &name)? {
        Value::Int(n) => Value::Int(n - 1),
        other => vm.binary_op(crate::bytecode::BinaryOp::Sub, &other, &Value::Int(1))?,
    };
    vm.setattr(lp, &name, n)
}

fn is_instance_of(vm: &Vm, v: &Value, cls: &Ref<Class>) -> bool {
    vm.type_of(v).is_subclass(cls)
}

fn task_step_m(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_step")?;
    a.expect("_step", 1, 2)?;
    let (this, c) = this_core(vm, &a)?;
    let exc = a.pos.get(1).cloned().unwrap_or(Value::None);
    task_step(vm, this, c, exc)?;
    Ok(Value::None)
}

/// One step of a task: resume its coroutine (or throw `exc` into it), then finish
/// the task, queue its next step, or make it wait on the future it yielded.
fn task_step(vm: &mut Vm, this: &Value, c: &FutureCore, mut exc: Value) -> PyResult<()> {
    let (state, must_cancel) = {
        let st = c.st.lock();
        let Some(t) = &st.task else {
            return Err(not_task());
        };
        (st.state, t.must_cancel)
    };
    if state != PENDING {
        let msg = format!(
            "_step(): already done: {}, {}",
            vm.repr(this)?,
            vm.repr(&exc)?
        );
        return Err(invalid_state(vm, this, msg));
    }
    if must_cancel {
        let ce = hook_class(vm, this, &name!("_asyncio_CancelledError"))?;
        if !is_instance_of(vm, &exc, &ce) {
            exc = make_cancelled_error(vm, this, c)?;
        }
        with_task(vm, this, |t| t.must_cancel = false)?;
    }
    let (coro, lp, old_waiter) = {
        let mut st = c.st.lock();
        let lp = st.loop_.clone();
        let t = st.task.as_mut().expect("checked above");
        (
            t.coro.clone(),
            lp,
            std::mem::replace(&mut t.fut_waiter, Value::None),
        )
    };
    drop(old_waiter);
    let cur = name!("_current_task");
    let prev = vm.getattr(&lp, &cur)?;
    if !matches!(prev, Value::None) {
        return Err(PyErr::runtime_error(format!(
            "Cannot enter into task {} while another task {} is being executed.",
            vm.repr(this)?,
            vm.repr(&prev)?
        )));
    }
    vm.setattr(&lp, &cur, this.clone())?;
    let r = step_inner(vm, this, c, &coro, &lp, exc);
    let reset = vm.setattr(&lp, &cur, Value::None);
    r?;
    reset
}

fn resume(vm: &mut Vm, coro: &Value, exc: Value) -> PyResult<Sent> {
    if let Value::Generator(g) = coro {
        let throw = if matches!(exc, Value::None) {
            None
        } else {
            Some(PyErr { exc })
        };
        return vm.gen_resume(g, Value::None, throw);
    }
    let r = if matches!(exc, Value::None) {
        let m = vm.getattr(coro, &name!("send"))?;
        vm.call(&m, &[Value::None], &[])
    } else {
        let m = vm.getattr(coro, &name!("throw"))?;
        vm.call(&m, &[exc], &[])
    };
    match r {
        Ok(v) => Ok(Sent::Yielded(v)),
        Err(e) if e.is(&types().stop_iteration) => Ok(Sent::Returned(
            e.args().first().cloned().unwrap_or(Value::None),
        )),
        Err(e) => Err(e),
    }
}

fn step_inner(
    vm: &mut Vm,
    this: &Value,
    c: &FutureCore,
    coro: &Value,
    lp: &Value,
    exc: Value,
) -> PyResult<()> {
    match resume(vm, coro, exc) {
        Ok(Sent::Returned(v)) => {
            let (must, msg) = {
                let mut st = c.st.lock();
                let msg = st.cancel_message.clone();
                let t = st.task.as_mut().expect("a task");
                let m = t.must_cancel;
                t.must_cancel = false;
                (m, msg)
            };
            if must {
                future_cancel(vm, this, c, msg)?;
            } else {
                set_result(vm, this, c, v)?;
            }
            task_finish(vm, c, lp)
        }
        Err(e) => {
            let ce = hook_class(vm, this, &name!("_asyncio_CancelledError"))?;
            if e.is(&ce) {
                c.st.lock().cancelled_exc = e.exc;
                future_cancel(vm, this, c, Value::None)?;
                task_finish(vm, c, lp)
            } else if e.is(&types().keyboard_interrupt) || e.is(&types().system_exit) {
                set_exception(vm, this, c, e.exc.clone())?;
                task_finish(vm, c, lp)?;
                Err(e)
            } else {
                set_exception(vm, this, c, e.exc)?;
                task_finish(vm, c, lp)
            }
        }
        Ok(Sent::Yielded(Value::None)) => {
            // A bare yield (sleep(0)): the hottest path. The task keeps the handle of
            // its first such step and queues it again instead of one per switch.
            let h = task_field(vm, this, |t| t.step_handle.clone())?;
            let debug = vm.getattr(lp, &name!("_debug"))?;
            if matches!(h, Value::None) || vm.truthy(&debug)? {
                let ctx = task_field(vm, this, |t| t.context.clone())?;
                let step = vm.getattr(this, &name!("_step"))?;
                let call_soon = vm.getattr(lp, &name!("call_soon"))?;
                let h = vm.call(&call_soon, &[step], &[(intern("context"), ctx)])?;
                let old = with_task(vm, this, |t| std::mem::replace(&mut t.step_handle, h))?;
                drop(old);
            } else {
                match vm.getattr(lp, &name!("_ready"))? {
                    Value::List(l) => l.items.lock().push(h),
                    other => {
                        let m = vm.getattr(&other, &name!("append"))?;
                        vm.call(&m, &[h], &[])?;
                    }
                }
            }
            Ok(())
        }
        Ok(Sent::Yielded(result)) => yielded(vm, this, c, lp, result),
    }
}

/// Queues a step that throws `exc` (a RuntimeError with `msg`) into the coroutine.
fn step_with_error(vm: &mut Vm, this: &Value, lp: &Value, msg: String) -> PyResult<()> {
    let exc = PyErr::runtime_error(msg).exc;
    let ctx = task_field(vm, this, |t| t.context.clone())?;
    let step = vm.getattr(this, &name!("_step"))?;
    let call_soon = vm.getattr(lp, &name!("call_soon"))?;
    vm.call(&call_soon, &[step, exc], &[(intern("context"), ctx)])?;
    Ok(())
}

fn yielded(vm: &mut Vm, this: &Value, c: &FutureCore, lp: &Value, result: Value) -> PyResult<()> {
    // A native future answers directly; anything else is asked for the attribute.
    let (blocking, rloop) = match super::downcast::<FutureCore>(result.payload()) {
        Some(f) => {
            let st = f.st.lock();
            (Some(st.blocking), st.loop_.clone())
        }
        None => match vm.getattr(&result, &name!("_asyncio_future_blocking")) {
            Ok(Value::None) => (None, Value::None),
            Ok(b) => {
                let b = vm.truthy(&b)?;
                (Some(b), vm.getattr(&result, &name!("_loop"))?)
            }
            Err(e) if e.is(&types().attribute_error) => (None, Value::None),
            Err(e) => return Err(e),
        },
    };
    let Some(blocking) = blocking else {
        let msg = format!("Task got bad yield: {}", vm.repr(&result)?);
        return step_with_error(vm, this, lp, msg);
    };
    if !rloop.ptr_eq(lp) {
        let msg = format!(
            "Task {} got Future {} attached to a different loop",
            vm.repr(this)?,
            vm.repr(&result)?
        );
        return step_with_error(vm, this, lp, msg);
    }
    if !blocking {
        let msg = format!(
            "yield was used instead of yield from in task {} with {}",
            vm.repr(this)?,
            vm.repr(&result)?
        );
        return step_with_error(vm, this, lp, msg);
    }
    if result.ptr_eq(this) {
        let msg = format!("Task cannot await on itself: {}", vm.repr(this)?);
        return step_with_error(vm, this, lp, msg);
    }
    match super::downcast::<FutureCore>(result.payload()) {
        Some(f) => f.st.lock().blocking = false,
        None => vm.setattr(
            &result,
            &intern("_asyncio_future_blocking"),
            Value::Bool(false),
        )?,
    }
    let ctx = task_field(vm, this, |t| t.context.clone())?;
    let wakeup = vm.getattr(this, &name!("task_wakeup"))?;
    let add = vm.getattr(&result, &name!("add_done_callback"))?;
    vm.call(&add, &[wakeup], &[(intern("context"), ctx)])?;
    let (must, msg) = {
        let mut st = c.st.lock();
        let msg = st.cancel_message.clone();
        let t = st.task.as_mut().expect("a task");
        t.fut_waiter = result.clone();
        (t.must_cancel, msg)
    };
    if must {
        let m = vm.getattr(&result, &name!("cancel"))?;
        let r = vm.call(&m, &[], &[(intern("msg"), msg)])?;
        if vm.truthy(&r)? {
            with_task(vm, this, |t| t.must_cancel = false)?;
        }
    }
    Ok(())
}

/// `Task.task_wakeup(future)` (the C Task's name, which callback reprs show): the
/// awaited future is done; step with its outcome.
fn task_wakeup_m(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("task_wakeup")?;
    a.expect("task_wakeup", 2, 2)?;
    let (this, c) = this_core(vm, &a)?;
    let fut = &a.pos[1];
    let exc = match super::downcast::<FutureCore>(fut.payload()) {
        Some(f) => match outcome(vm, fut, f, "Result") {
            Ok(Ok(_)) => Value::None,
            Ok(Err(e)) => e,
            Err(e) => e.exc,
        },
        None => {
            let m = vm.getattr(fut, &name!("result"))?;
            match vm.call(&m, &[], &[]) {
                Ok(_) => Value::None,
                Err(e) => e.exc,
            }
        }
    };
    if vm.interp.gil.tracing() {
        // Under --trace the step is asyncio.py's traced wrapper: go through it.
        let step = vm.getattr(this, &name!("_step"))?;
        let args: &[Value] = if matches!(exc, Value::None) {
            &[]
        } else {
            std::slice::from_ref(&exc)
        };
        vm.call(&step, args, &[])?;
        return Ok(Value::None);
    }
    task_step(vm, this, c, exc)?;
    Ok(Value::None)
}

// ---------------------------------------------------------------- running handles

/// `_run_handles(ready)`: what the loop's `_run_once` does with the callbacks that
/// are due (not in debug mode): each handle not cancelled runs its callback inside its
/// context, entered as `Context.run` does. A callback's failure goes to the handle's
/// `_fail` (the loop's exception handler); SystemExit and KeyboardInterrupt
/// propagate, as CPython's Handle._run lets them.
fn run_handles(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_run_handles")?;
    a.expect("_run_handles", 1, 1)?;
    // Taken out of the list, so each handle (and the task its step holds) is dropped
    // as soon as it has run, as CPython's popleft does.
    let items = match &a.pos[0] {
        Value::List(l) => std::mem::take(&mut *l.items.lock()),
        other => vm.collect(other)?,
    };
    for h in items {
        run_handle(vm, &h)?;
    }
    Ok(Value::None)
}

/// Runs one handle as `Handle._run` does: skipped when cancelled, its callback
/// called inside its context; a failure goes to `_fail`.
fn run_handle(vm: &mut Vm, h: &Value) -> PyResult<()> {
    let (ctx, cb, args) = match super::downcast::<HandleObj>(h.payload()) {
        Some(n) => {
            let st = n.st.lock();
            if st.cancelled {
                return Ok(());
            }
            (st.context.clone(), st.callback.clone(), st.args.clone())
        }
        None => {
            // A handle-like object of another kind (a Python subclass keeps its
            // native part, so this is only a foreign object in the ready list).
            if vm
                .getattr(h, &name!("_cancelled"))?
                .ptr_eq(&Value::Bool(true))
            {
                return Ok(());
            }
            (
                vm.getattr(h, &name!("_context"))?,
                vm.getattr(h, &name!("_callback"))?,
                vm.getattr(h, &name!("_args"))?,
            )
        }
    };
    let call = |vm: &mut Vm| match (&cb, &args) {
        // A task's step: no argument tuple to unpack and no bound call.
        (Value::BoundMethod(bm), Value::Tuple(t))
            if t.is_empty()
                && matches!(&bm.func, Value::Builtin(b) if b.func as usize == task_step_m as NativeFn as usize) =>
        {
            match super::downcast::<FutureCore>(bm.this.payload()) {
                Some(c) => task_step(vm, &bm.this, c, Value::None),
                None => vm.call(&cb, &[], &[]).map(|_| ()),
            }
        }
        (_, Value::Tuple(t)) => vm.call(&cb, t, &[]).map(|_| ()),
        _ => match vm.collect(&args) {
            Ok(t) => vm.call(&cb, &t, &[]).map(|_| ()),
            Err(e) => Err(e),
        },
    };
    let r = if super::_contextvars::is_context(&ctx) {
        super::_contextvars::run_in(vm, &ctx, call)
    } else {
        // Not a Context: whatever it is, `Handle._run` calls its `run`.
        vm.getattr_str(&ctx, "run").and_then(|run| {
            let mut argv = vec![cb.clone()];
            argv.extend(vm.collect(&args)?);
            vm.call(&run, &argv, &[]).map(|_| ())
        })
    };
    let failure = match r {
        Ok(()) => return Ok(()),
        Err(e) if e.is(&types().keyboard_interrupt) || e.is(&types().system_exit) => return Err(e),
        Err(e) => e.exc,
    };
    match super::downcast::<HandleObj>(h.payload()) {
        Some(n) => handle_fail(vm, h, n, failure),
        None => {
            let fail = vm.getattr(h, &name!("_fail"))?;
            vm.call(&fail, &[failure], &[])?;
            Ok(())
        }
    }
}

// ---------------------------------------------------------------- awaiting a future

/// What `Future.__await__` returns (CPython's `_asyncio.FutureIter`): yields the
/// future once while it is pending, then ends with its result. Native, so an `await`
/// on a future costs one small object instead of a generator and its frame.
#[derive(Debug)]
struct FutureIter {
    /// The future; None once the iterator has ended.
    fut: ObjCell<Value>,
}

impl NativeObject for FutureIter {
    fn class(&self) -> Ref<Class> {
        static C: OnceLock<Ref<Class>> = OnceLock::new();
        let methods: &[(&'static str, NativeFn)] = &[
            ("__iter__", super::iter_self),
            ("__next__", future_iter_next_m),
            ("send", future_iter_send),
            ("throw", future_iter_throw),
            ("close", future_iter_close),
        ];
        native_class(&C, "_asyncio", "FutureIter", methods, &[])
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.fut.lock().visit(visit);
    }
    fn clear(&self) {
        let old = std::mem::replace(&mut *self.fut.lock(), Value::None);
        drop(old);
    }
}

/// `Future.__await__()` / `__iter__()`.
fn fut_await(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("__await__")?;
    a.expect("__await__", 1, 1)?;
    let (this, _) = this_core(vm, &a)?;
    Ok(native(FutureIter {
        fut: ObjCell::new(this.clone()),
    }))
}

fn future_iter<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a FutureIter> {
    let Some(v) = a.pos.first() else {
        return Err(PyErr::type_error(format!(
            "descriptor '{meth}' of '_asyncio.FutureIter' object needs an argument"
        )));
    };
    super::downcast::<FutureIter>(v.payload()).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{meth}' requires a '_asyncio.FutureIter' object but received a '{}'",
            vm.type_name(v)
        ))
    })
}

/// One step, as CPython's FutureIter_iternext: the pending future itself (marked as
/// blocking), else StopIteration with the result, or the future's exception.
fn future_iter_step(vm: &mut Vm, it: &FutureIter) -> PyResult<Value> {
    let fut = it.fut.lock().clone();
    if matches!(fut, Value::None) {
        return Err(PyErr::stop_iteration(Value::None));
    }
    let c = core(vm, &fut)?;
    {
        let mut st = c.st.lock();
        if st.state == PENDING {
            if !st.blocking {
                st.blocking = true;
                drop(st);
                return Ok(fut);
            }
            drop(st);
            return Err(PyErr::runtime_error("await wasn't used with future"));
        }
    }
    let old = std::mem::replace(&mut *it.fut.lock(), Value::None);
    match outcome(vm, &fut, c, "Result")? {
        Ok(v) => {
            drop(old);
            Err(PyErr::stop_iteration(v))
        }
        Err(exc) => Err(PyErr { exc }),
    }
}

fn future_iter_next_m(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let it = future_iter(vm, &a, "__next__")?;
    future_iter_step(vm, it)
}

fn future_iter_send(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("send", 2, 2)?;
    let it = future_iter(vm, &a, "send")?;
    // CPython's FutureIter ignores the value sent, as a future's await does.
    future_iter_step(vm, it)
}

/// `throw(exc)`: the iterator ends and the exception is raised at the await.
fn future_iter_throw(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("throw", 2, 4)?;
    let it = future_iter(vm, &a, "throw")?;
    let old = std::mem::replace(&mut *it.fut.lock(), Value::None);
    drop(old);
    let mut exc = a.pos[1].clone();
    if let Value::Class(_) = &exc {
        exc = match a.pos.get(2) {
            Some(Value::None) | None => vm.call(&exc, &[], &[])?,
            Some(Value::Tuple(t)) => vm.call(&exc, t, &[])?,
            Some(v) => vm.call(&exc, std::slice::from_ref(v), &[])?,
        };
    }
    let is_exc = matches!(&exc, Value::Instance(i) if i.exc.is_some());
    if !is_exc {
        return Err(PyErr::type_error(
            "exceptions must be classes deriving BaseException or instances of such a class",
        ));
    }
    Err(PyErr { exc })
}

fn future_iter_close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let it = future_iter(vm, &a, "close")?;
    let old = std::mem::replace(&mut *it.fut.lock(), Value::None);
    drop(old);
    Ok(Value::None)
}

// ---------------------------------------------------------------- sleep(0)

/// `asyncio.sleep(0)`'s awaitable: `__await__` gives an iterator that yields None
/// once (a bare yield: the task goes to the back of the ready queue), made here so a
/// task switch runs no Python `__await__` frame.
#[derive(Debug)]
struct Sleep0;

impl NativeObject for Sleep0 {
    fn class(&self) -> Ref<Class> {
        static C: OnceLock<Ref<Class>> = OnceLock::new();
        let methods: &[(&'static str, NativeFn)] = &[("__await__", sleep0_await)];
        native_class(&C, "_asyncio", "_Sleep0", methods, &[])
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn sleep0_await(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("__await__")?;
    a.expect("__await__", 1, 1)?;
    vm.iter(&Value::tuple(vec![Value::None]))
}

// ---------------------------------------------------------------- handles

/// `asyncio.Handle` and `asyncio.TimerHandle` (CPython's events.Handle/TimerHandle,
/// Python classes there): native here because the loop makes one or more per
/// sleeping task, and a native object is a fraction of a Python instance's size and
/// is read by `_run_handles` without attribute lookups. The reprs and the failure
/// report call asyncio.py's `_format_callback_source` and the loop's
/// `call_exception_handler`, as the Python methods did.
#[derive(Debug)]
struct HState {
    callback: Value,
    args: Value,
    loop_: Value,
    context: Value,
    cancelled: bool,
    /// The repr frozen by `cancel()` in debug mode (CPython's `_repr`).
    repr: Value,
    /// A TimerHandle's `when`, None for a Handle.
    when: Value,
    /// In the loop's timer heap (set and cleared by the loop).
    scheduled: bool,
}

#[derive(Debug)]
pub struct HandleObj {
    timer: bool,
    st: ObjCell<HState>,
}

impl NativeObject for HandleObj {
    fn class(&self) -> Ref<Class> {
        if self.timer {
            timer_handle_class()
        } else {
            handle_class()
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        let st = self.st.lock();
        for v in [
            &st.callback,
            &st.args,
            &st.loop_,
            &st.context,
            &st.repr,
            &st.when,
        ] {
            v.visit(visit);
        }
    }
    fn clear(&self) {
        let vals = {
            let mut st = self.st.lock();
            [
                std::mem::replace(&mut st.callback, Value::None),
                std::mem::replace(&mut st.args, Value::None),
                std::mem::replace(&mut st.loop_, Value::None),
                std::mem::replace(&mut st.context, Value::None),
                std::mem::replace(&mut st.repr, Value::None),
            ]
        };
        drop(vals);
    }
}

fn handle_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", handle_new),
        ("__init__", handle_init_noop),
        ("__repr__", handle_repr),
        ("cancel", handle_cancel),
        ("cancelled", handle_cancelled),
        ("_run", handle_run_m),
        ("_fail", handle_fail_m),
    ];
    let c = native_class(&C, "asyncio", "Handle", methods, &[]);
    c.set_flags(flags::BASETYPE);
    type G = crate::vm::descr::Getter;
    type S = crate::vm::descr::Setter;
    let gs: &[(&'static str, G, Option<S>)] = &[
        (
            "_callback",
            |vm, o| Ok(hcore(vm, o)?.st.lock().callback.clone()),
            None,
        ),
        (
            "_args",
            |vm, o| Ok(hcore(vm, o)?.st.lock().args.clone()),
            None,
        ),
        (
            "_loop",
            |vm, o| Ok(hcore(vm, o)?.st.lock().loop_.clone()),
            None,
        ),
        (
            "_context",
            |vm, o| Ok(hcore(vm, o)?.st.lock().context.clone()),
            None,
        ),
        (
            "_cancelled",
            |vm, o| Ok(Value::Bool(hcore(vm, o)?.st.lock().cancelled)),
            None,
        ),
        (
            "_repr",
            |vm, o| Ok(hcore(vm, o)?.st.lock().repr.clone()),
            Some(|vm, o, v| {
                let old =
                    std::mem::replace(&mut hcore(vm, o)?.st.lock().repr, v.unwrap_or(Value::None));
                drop(old);
                Ok(())
            }),
        ),
        (
            "_source_traceback",
            |vm, o| hcore(vm, o).map(|_| Value::None),
            None,
        ),
    ];
    crate::vm::descr::add_getsets(&c, "asyncio.Handle", gs);
    crate::vm::slots::fill_slots_from_dict(&c);
    c.slots.getattr.set(Some(crate::vm::descr::generic_getattr));
    c
}

fn timer_handle_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let base = handle_class();
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", timer_new),
        // Slots are filled from the class's own namespace: repeated, not inherited.
        ("__init__", handle_init_noop),
        ("__repr__", handle_repr),
        ("when", timer_when),
        ("cancel", timer_cancel),
        ("__lt__", timer_lt),
        ("__le__", timer_le),
        ("__gt__", timer_gt),
        ("__ge__", timer_ge),
        ("__eq__", timer_eq),
        ("__hash__", timer_hash),
    ];
    let c = super::native_subclass(&C, "asyncio", "TimerHandle", Some(&base), methods, &[]);
    c.set_flags(flags::BASETYPE);
    type G = crate::vm::descr::Getter;
    type S = crate::vm::descr::Setter;
    let gs: &[(&'static str, G, Option<S>)] = &[
        (
            "_when",
            |vm, o| Ok(hcore(vm, o)?.st.lock().when.clone()),
            None,
        ),
        (
            "_scheduled",
            |vm, o| Ok(Value::Bool(hcore(vm, o)?.st.lock().scheduled)),
            Some(|vm, o, v| {
                let b = match v {
                    Some(v) => vm.truthy(&v)?,
                    None => return Err(PyErr::attribute_error("cannot delete attribute")),
                };
                hcore(vm, o)?.st.lock().scheduled = b;
                Ok(())
            }),
        ),
    ];
    crate::vm::descr::add_getsets(&c, "asyncio.TimerHandle", gs);
    crate::vm::slots::fill_slots_from_dict(&c);
    c.slots.getattr.set(Some(crate::vm::descr::generic_getattr));
    c
}

fn hcore<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a HandleObj> {
    super::downcast::<HandleObj>(v.payload()).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor for 'asyncio.Handle' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

fn this_handle<'a>(vm: &Vm, a: &Args<'a>) -> PyResult<(&'a Value, &'a HandleObj)> {
    match a.pos.first() {
        Some(v) => Ok((v, hcore(vm, v)?)),
        None => Err(PyErr::type_error("descriptor needs an argument")),
    }
}

/// A module-level helper of asyncio.py, found per interpreter.
fn module_func(vm: &mut Vm, module: &str, name: &str) -> PyResult<Value> {
    let m = vm.import(module)?;
    vm.getattr_str(&m, name)
}

fn new_handle(
    vm: &mut Vm,
    when: Option<Value>,
    callback: Value,
    args: Value,
    loop_: Value,
    context: Value,
) -> PyResult<HandleObj> {
    let context = if matches!(context, Value::None) {
        copy_context(vm)
    } else {
        context
    };
    Ok(HandleObj {
        timer: when.is_some(),
        st: ObjCell::new(HState {
            callback,
            args,
            loop_,
            context,
            cancelled: false,
            repr: Value::None,
            when: when.unwrap_or(Value::None),
            scheduled: false,
        }),
    })
}

/// Binds `(cls, [when,] callback, args, loop, context=None)`.
fn handle_args(a: &Args, fname: &str, timer: bool) -> PyResult<(Option<Value>, [Value; 4])> {
    check_kw(a, fname, &["context"])?;
    let first = if timer { 2 } else { 1 };
    let need = first + 3;
    let ctx_kw = kwarg(a, "context").cloned();
    if a.pos.len() < need || a.pos.len() > need + 1 || (a.pos.len() > need && ctx_kw.is_some()) {
        return Err(PyErr::type_error(format!(
            "{fname}() takes from {} to {} positional arguments but {} were given",
            need,
            need + 1,
            a.pos.len()
        )));
    }
    let ctx = a.pos.get(need).cloned().or(ctx_kw).unwrap_or(Value::None);
    let when = timer.then(|| a.pos[1].clone());
    Ok((
        when,
        [
            a.pos[first].clone(),
            a.pos[first + 1].clone(),
            a.pos[first + 2].clone(),
            ctx,
        ],
    ))
}

fn wrap_handle(a: &Args, h: HandleObj) -> Value {
    let v = native(h);
    match a.pos.first() {
        Some(Value::Class(c)) => crate::vm::natives::wrap_for(c, v),
        _ => v,
    }
}

fn handle_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, [cb, args, lp, ctx]) = handle_args(&a, "Handle", false)?;
    let h = new_handle(vm, None, cb, args, lp, ctx)?;
    Ok(wrap_handle(&a, h))
}

fn timer_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (when, [cb, args, lp, ctx]) = handle_args(&a, "TimerHandle", true)?;
    let h = new_handle(vm, when, cb, args, lp, ctx)?;
    Ok(wrap_handle(&a, h))
}

/// The arguments were taken by `__new__`.
fn handle_init_noop(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn handle_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (this, h) = this_handle(vm, &a)?;
    let (repr, cancelled, cb, args, when, timer) = {
        let st = h.st.lock();
        (
            st.repr.clone(),
            st.cancelled,
            st.callback.clone(),
            st.args.clone(),
            st.when.clone(),
            h.timer,
        )
    };
    if !matches!(repr, Value::None) {
        return Ok(repr);
    }
    let full = vm.type_of(this).name();
    let mut info = vec![full.rsplit('.').next().unwrap_or(&full).to_string()];
    if cancelled {
        info.push("cancelled".into());
    }
    if timer {
        info.push(format!("when={}", vm.str(&when)?));
    }
    if !matches!(cb, Value::None) {
        let f = module_func(vm, "asyncio", "_format_callback_source")?;
        let s = vm.call(&f, &[cb, args], &[])?;
        info.push(vm.str(&s)?);
    }
    Ok(Value::string(format!("<{}>", info.join(" "))))
}

fn handle_cancelled(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, h) = this_handle(vm, &a)?;
    Ok(Value::Bool(h.st.lock().cancelled))
}

/// Handle.cancel(): in debug mode the repr is kept first (it names the callback,
/// which is dropped here).
fn handle_cancel_inner(vm: &mut Vm, this: &Value, h: &HandleObj) -> PyResult<()> {
    let lp = {
        let st = h.st.lock();
        if st.cancelled {
            return Ok(());
        }
        st.loop_.clone()
    };
    h.st.lock().cancelled = true;
    let m = vm.getattr(&lp, &name!("get_debug"))?;
    let debug = vm.call(&m, &[], &[])?;
    if vm.truthy(&debug)? {
        let r = vm.repr(this)?;
        h.st.lock().repr = Value::string(r);
    }
    let old = {
        let mut st = h.st.lock();
        (
            std::mem::replace(&mut st.callback, Value::None),
            std::mem::replace(&mut st.args, Value::None),
        )
    };
    drop(old);
    Ok(())
}

fn handle_cancel(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("cancel")?;
    a.expect("cancel", 1, 1)?;
    let (this, h) = this_handle(vm, &a)?;
    handle_cancel_inner(vm, this, h)?;
    Ok(Value::None)
}

fn timer_cancel(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("cancel")?;
    a.expect("cancel", 1, 1)?;
    let (this, h) = this_handle(vm, &a)?;
    let (cancelled, lp) = {
        let st = h.st.lock();
        (st.cancelled, st.loop_.clone())
    };
    if !cancelled {
        let m = vm.getattr(&lp, &name!("_timer_handle_cancelled"))?;
        vm.call(&m, std::slice::from_ref(this), &[])?;
    }
    handle_cancel_inner(vm, this, h)?;
    Ok(Value::None)
}

fn timer_when(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, h) = this_handle(vm, &a)?;
    Ok(h.st.lock().when.clone())
}

fn timer_cmp(vm: &mut Vm, a: &Args, op: crate::bytecode::CompareOp) -> PyResult<Value> {
    a.expect("comparison", 2, 2)?;
    let (_, h) = this_handle(vm, a)?;
    let mine = h.st.lock().when.clone();
    // CPython's TimerHandle compares `self._when` with `other._when` of anything.
    let theirs = match super::downcast::<HandleObj>(a.pos[1].payload()) {
        Some(o) => o.st.lock().when.clone(),
        None => vm.getattr(&a.pos[1], &name!("_when"))?,
    };
    vm.compare(op, &mine, &theirs)
}

fn timer_lt(vm: &mut Vm, a: Args) -> PyResult<Value> {
    timer_cmp(vm, &a, crate::bytecode::CompareOp::Lt)
}
fn timer_le(vm: &mut Vm, a: Args) -> PyResult<Value> {
    timer_cmp(vm, &a, crate::bytecode::CompareOp::Le)
}
fn timer_gt(vm: &mut Vm, a: Args) -> PyResult<Value> {
    timer_cmp(vm, &a, crate::bytecode::CompareOp::Gt)
}
fn timer_ge(vm: &mut Vm, a: Args) -> PyResult<Value> {
    timer_cmp(vm, &a, crate::bytecode::CompareOp::Ge)
}

fn timer_eq(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("__eq__", 2, 2)?;
    let (_, h) = this_handle(vm, &a)?;
    let Some(o) = super::downcast::<HandleObj>(a.pos[1].payload()).filter(|o| o.timer) else {
        return Ok(crate::vm::ops::not_implemented());
    };
    let (w1, c1, a1, k1) = {
        let st = h.st.lock();
        (
            st.when.clone(),
            st.callback.clone(),
            st.args.clone(),
            st.cancelled,
        )
    };
    let (w2, c2, a2, k2) = {
        let st = o.st.lock();
        (
            st.when.clone(),
            st.callback.clone(),
            st.args.clone(),
            st.cancelled,
        )
    };
    Ok(Value::Bool(
        vm.eq(&w1, &w2)? && vm.eq(&c1, &c2)? && vm.eq(&a1, &a2)? && k1 == k2,
    ))
}

/// `hash(self._when)`, as CPython's.
fn timer_hash(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (_, h) = this_handle(vm, &a)?;
    let w = h.st.lock().when.clone();
    Ok(Value::Int(vm.hash(&w)?))
}

/// `_fail(exc)`: a callback's exception goes to the loop's exception handler.
fn handle_fail(vm: &mut Vm, this: &Value, h: &HandleObj, failure: Value) -> PyResult<()> {
    let (cb, args, lp) = {
        let st = h.st.lock();
        (st.callback.clone(), st.args.clone(), st.loop_.clone())
    };
    let f = module_func(vm, "asyncio", "_format_callback_source")?;
    let src = vm.call(&f, &[cb, args], &[])?;
    let src = vm.str(&src)?;
    let ctx = Value::dict(Default::default());
    vm.setitem(
        &ctx,
        Value::str("message"),
        Value::string(format!("Exception in callback {src}")),
    )?;
    vm.setitem(&ctx, Value::str("exception"), failure)?;
    vm.setitem(&ctx, Value::str("handle"), this.clone())?;
    let m = vm.getattr(&lp, &name!("call_exception_handler"))?;
    vm.call(&m, &[ctx], &[])?;
    Ok(())
}

fn handle_fail_m(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("_fail", 2, 2)?;
    let (this, h) = this_handle(vm, &a)?;
    handle_fail(vm, this, h, a.pos[1].clone())?;
    Ok(Value::None)
}

/// `Handle._run()` (the loop's debug mode runs handles one by one through it).
fn handle_run_m(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("_run", 1, 1)?;
    let this = a.pos[0].clone();
    run_handle(vm, &this)?;
    Ok(Value::None)
}

/// `_shuffle_on()`: whether `--shuffle-tasks` was given (else the loop keeps FIFO order).
fn shuffle_on(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_shuffle_on")?;
    a.expect("_shuffle_on", 0, 0)?;
    Ok(Value::Bool(vm.interp.task_shuffle.lock().is_some()))
}

/// `_shuffle_ready(ready)`: under `--shuffle-tasks`, permutes the task steps of one
/// loop iteration's ready batch among the places they hold, drawn from the seeded
/// generator. Other callbacks (call_soon's own, I/O, a future's done callbacks that
/// are not a task's wake-up) keep their places, so what asyncio promises about
/// call_soon order outside tasks still holds; what varies is which of the tasks that
/// became ready together runs first, the order CPython leaves to I/O and timer
/// timing. Without the flag, nothing.
fn shuffle_ready(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_shuffle_ready")?;
    a.expect("_shuffle_ready", 1, 1)?;
    let mut g = vm.interp.task_shuffle.lock();
    let (Some(rng), Value::List(l)) = (g.as_mut(), &a.pos[0]) else {
        return Ok(Value::None);
    };
    let mut items = l.items.lock();
    let places: Vec<usize> = (0..items.len())
        .filter(|&i| is_task_step(&items[i]))
        .collect();
    // Fisher-Yates over the task steps' places.
    for k in (1..places.len()).rev() {
        let j = rng.below(k as u64 + 1) as usize;
        items.swap(places[k], places[j]);
    }
    Ok(Value::None)
}

/// Whether a ready handle runs a task's step or wake-up (a method bound to a Task).
fn is_task_step(h: &Value) -> bool {
    let Some(n) = super::downcast::<HandleObj>(h.payload()) else {
        return false;
    };
    let cb = n.st.lock().callback.clone();
    let Value::BoundMethod(bm) = &cb else {
        return false;
    };
    super::downcast::<FutureCore>(bm.this.payload()).is_some_and(|f| f.st.lock().task.is_some())
}
