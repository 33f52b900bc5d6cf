//! The `time` module: wall-clock, monotonic and performance counters, and `sleep`
//! (through `Vm::blocking`, so other threads run meanwhile).

use super::add_functions;
use crate::vm::builtins::num_methods::to_float;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, DictObj};
use crate::vm::value::Value;
use crate::vm::Vm;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub fn fill(d: &DictObj) {
    add_functions(
        d,
        &[
            ("time", time),
            ("time_ns", time_ns),
            ("perf_counter", perf_counter),
            ("perf_counter_ns", perf_counter_ns),
            ("monotonic", perf_counter),
            ("monotonic_ns", perf_counter_ns),
            ("process_time", process_time),
            ("process_time_ns", process_time_ns),
            ("sleep", sleep),
        ],
    );
}

/// The reference point of the monotonic clocks (first use in this process).
fn origin() -> Instant {
    static O: OnceLock<Instant> = OnceLock::new();
    *O.get_or_init(Instant::now)
}

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

/// A deterministic run's clock (`--schedule`): virtual nanoseconds since its start.
fn virtual_ns(vm: &Vm) -> Option<u64> {
    vm.interp.gil.virtual_now_ns()
}

fn time(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("time", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::Float((crate::gil::WALL_EPOCH_NS + ns) as f64 / 1e9));
    }
    Ok(Value::Float(since_epoch().as_secs_f64()))
}

fn time_ns(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("time_ns", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::from_bigint((crate::gil::WALL_EPOCH_NS + ns).into()));
    }
    Ok(Value::from_bigint(since_epoch().as_nanos().into()))
}

fn perf_counter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("perf_counter", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::Float(ns as f64 / 1e9 + 1.0));
    }
    // Offset by one second so the first reading is not 0.0 (CPython's never is either).
    Ok(Value::Float(origin().elapsed().as_secs_f64() + 1.0))
}

fn perf_counter_ns(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("perf_counter_ns", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::from_bigint((ns + 1_000_000_000).into()));
    }
    Ok(Value::from_bigint(
        (origin().elapsed().as_nanos() + 1_000_000_000).into(),
    ))
}

/// CPU time of the whole process (all threads, user + system), as CPython's.
fn process_cpu() -> PyResult<Duration> {
    use nix::time::{clock_gettime, ClockId};
    let ts = clock_gettime(ClockId::CLOCK_PROCESS_CPUTIME_ID)
        .map_err(|e| PyErr::os_error(format!("process_time: {e}")))?;
    Ok(Duration::new(ts.tv_sec() as u64, ts.tv_nsec() as u32))
}

fn process_time(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("process_time", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::Float(ns as f64 / 1e9));
    }
    Ok(Value::Float(process_cpu()?.as_secs_f64()))
}

fn process_time_ns(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("process_time_ns", 0, 0)?;
    if let Some(ns) = virtual_ns(vm) {
        return Ok(Value::from_bigint(ns.into()));
    }
    Ok(Value::from_bigint(process_cpu()?.as_nanos().into()))
}

fn sleep(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("sleep")?;
    a.expect("sleep", 1, 1)?;
    let v = &a.pos[0];
    if !matches!(
        v,
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) | Value::Instance(_)
    ) {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    }
    let secs = to_float(vm, v)?;
    if secs.is_nan() {
        return Err(PyErr::value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(PyErr::value_error("sleep length must be non-negative"));
    }
    let d = Duration::try_from_secs_f64(secs)
        .map_err(|_| PyErr::overflow_error("sleep length is too large"))?;
    vm.sleep(d)?;
    Ok(Value::None)
}
