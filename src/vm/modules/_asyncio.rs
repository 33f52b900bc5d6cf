//! `_asyncio`: the native side of gilvm's asyncio (asyncio.py). Today it holds the
//! trace hooks that put tasks into `--trace`/`--timeline` as lanes; CPython's module of
//! this name holds its C Future and Task, which gilvm does not have (yet).
//!
//! asyncio.py installs its traced Task methods only when `_trace_on()` says this run
//! records a trace, so an untraced run never calls these hooks. Every timestamp is
//! taken here, on the GIL's clock, so task lanes line up with the thread lanes.

use super::add_functions;
use crate::gil::TaskEvent;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, DictObj};
use crate::vm::value::Value;
use crate::vm::Vm;

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
        ],
    );
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
