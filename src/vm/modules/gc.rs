//! The `gc` module: the Python face of the cycle collector (src/vm/gc.rs), with
//! CPython's functions, argument errors and constants.

use super::bind;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::gc::{self, GenStats};
use crate::vm::object::{Args, DictObj};
use crate::vm::refcount::Ref;
use crate::vm::value::Value;
use crate::vm::Vm;

fn no_args(a: &Args, name: &str) -> PyResult<()> {
    bind(a, name, &[], 0, 0).map(|_| ())
}

fn enable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_args(&a, "enable")?;
    vm.interp.gc.enabled.set(true);
    Ok(Value::None)
}

fn disable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_args(&a, "disable")?;
    vm.interp.gc.enabled.set(false);
    Ok(Value::None)
}

fn isenabled(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_args(&a, "isenabled")?;
    Ok(Value::Bool(vm.interp.gc.enabled.get()))
}

fn collect(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&a, "collect", &["generation"], 0, 0)?;
    let g = match p[0] {
        Some(v) => vm.to_index(v)?,
        None => 2,
    };
    if !(0..=2).contains(&g) {
        return Err(PyErr::value_error("invalid generation"));
    }
    Ok(Value::Int(vm.gc_collect(g as usize) as i64))
}

fn get_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_args(&a, "get_count")?;
    let c = &vm.interp.gc.count;
    Ok(Value::tuple(
        c.iter().map(|c| Value::Int(c.get() as i64)).collect(),
    ))
}

fn get_threshold(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_args(&a, "get_threshold")?;
    let t = &vm.interp.gc.threshold;
    Ok(Value::tuple(
        t.iter().map(|c| Value::Int(c.get() as i64)).collect(),
    ))
}

fn set_threshold(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error(
            "set_threshold() takes no keyword arguments",
        ));
    }
    match a.pos.len() {
        0 => {
            return Err(PyErr::type_error(
                "set_threshold() takes at least 1 argument (0 given)",
            ))
        }
        n if n > 3 => {
            return Err(PyErr::type_error(format!(
                "set_threshold() takes at most 3 arguments ({n} given)"
            )))
        }
        _ => {}
    }
    let mut vals = Vec::new();
    for v in a.pos {
        match v {
            Value::Int(i) => vals.push(*i),
            Value::Bool(b) => vals.push(*b as i64),
            Value::Float(_) => {
                return Err(PyErr::type_error("integer argument expected, got float"))
            }
            other => {
                let t = vm.type_of(other);
                return Err(PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    t.name()
                )));
            }
        }
    }
    let t = &vm.interp.gc.threshold;
    for (i, v) in vals.into_iter().enumerate() {
        t[i].set(v.clamp(i32::MIN as i64, i32::MAX as i64) as isize);
    }
    Ok(Value::None)
}

fn is_tracked(_: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&a, "is_tracked", &["obj"], 1, 1)?;
    Ok(Value::Bool(gc::is_tracked(p[0].expect("required"))))
}

fn is_finalized(_: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&a, "is_finalized", &["obj"], 1, 1)?;
    Ok(Value::Bool(match p[0].expect("required") {
        Value::Instance(i) => i.finalized.load(std::sync::atomic::Ordering::Relaxed),
        Value::Generator(g) => g.state.lock().finalized,
        _ => false,
    }))
}

fn get_objects(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&a, "get_objects", &["generation"], 0, 0)?;
    let g = match p[0] {
        None | Some(Value::None) => None,
        Some(v) => {
            let g = vm.to_index(v)?;
            if g >= 3 {
                return Err(PyErr::value_error(
                    "generation parameter must be less than the number of available generations (3)",
                ));
            }
            if g < 0 {
                return Err(PyErr::value_error(
                    "generation parameter cannot be negative",
                ));
            }
            Some(g as usize)
        }
    };
    Ok(Value::list(vm.interp.gc.objects(g)))
}

fn referents_of(v: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(h) = v.header() {
        // As CPython's tp_traverse: a heap type's instances report their type, the
        // built-in types' instances do not.
        let ty = h.ty();
        let skip_type = !ty.has_flag(crate::vm::typeobj::flags::HEAP);
        let mut first = true;
        h.traverse(&mut |r| {
            if std::mem::take(&mut first) && skip_type {
                return;
            }
            if let Some(v) = (r.ty().layout_fns().to_value)(r) {
                out.push(v);
            }
        });
    }
    out
}

fn get_referents(_: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error(
            "get_referents() takes no keyword arguments",
        ));
    }
    let mut out = Vec::new();
    for v in a.pos {
        if gc::is_tracked(v) {
            out.extend(referents_of(v));
        }
    }
    Ok(Value::list(out))
}

fn get_referrers(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error(
            "get_referrers() takes no keyword arguments",
        ));
    }
    let targets: Vec<usize> = a
        .pos
        .iter()
        .filter_map(|v| v.header().map(|h| h.addr()))
        .collect();
    let mut out = Vec::new();
    for o in vm.interp.gc.objects(None) {
        let mut hit = false;
        if let Some(h) = o.header() {
            h.traverse(&mut |r| hit |= targets.contains(&r.addr()));
        }
        if hit {
            out.push(o);
        }
    }
    Ok(Value::list(out))
}

fn freeze(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_args(&a, "freeze")?;
    vm.interp.gc.freeze();
    Ok(Value::None)
}

fn unfreeze(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_args(&a, "unfreeze")?;
    vm.interp.gc.unfreeze();
    Ok(Value::None)
}

fn get_freeze_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_args(&a, "get_freeze_count")?;
    Ok(Value::Int(vm.interp.gc.len(3) as i64))
}

fn get_stats(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_args(&a, "get_stats")?;
    let out = vm
        .interp
        .gc
        .stats
        .iter()
        .map(|s| {
            let GenStats {
                collections,
                collected,
                uncollectable,
            } = s.get();
            let d = DictObj::default();
            d.set_str("collections", Value::Int(collections as i64));
            d.set_str("collected", Value::Int(collected as i64));
            d.set_str("uncollectable", Value::Int(uncollectable as i64));
            Value::Dict(Ref::new(d))
        })
        .collect();
    Ok(Value::list(out))
}

fn get_debug(vm: &mut Vm, a: Args) -> PyResult<Value> {
    no_args(&a, "get_debug")?;
    Ok(Value::Int(vm.interp.gc.debug.get() as i32 as i64))
}

/// Any flags: the printing ones (DEBUG_STATS, DEBUG_COLLECTABLE,
/// DEBUG_UNCOLLECTABLE) write to sys.stderr during collections (src/vm/gc.rs),
/// DEBUG_SAVEALL keeps the garbage in `gc.garbage`.
fn set_debug(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&a, "set_debug", &["flags"], 1, 1)?;
    let v = p[0].expect("required");
    // A C int, as CPython's "i" argument: the flags keep their sign (get_debug()
    // gives -1 back after set_debug(-1)).
    let too_large = || PyErr::overflow_error("Python int too large to convert to C int");
    if matches!(v, Value::BigInt(_)) {
        return Err(too_large());
    }
    let f = i32::try_from(vm.to_index(v)?).map_err(|_| too_large())?;
    vm.interp.gc.debug.set(f as u32);
    Ok(Value::None)
}

pub fn fill(vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    let f = crate::vm::builtins::builtin;
    for (name, func) in [
        ("enable", enable as crate::vm::object::NativeFn),
        ("disable", disable),
        ("isenabled", isenabled),
        ("collect", collect),
        ("get_count", get_count),
        ("get_threshold", get_threshold),
        ("set_threshold", set_threshold),
        ("is_tracked", is_tracked),
        ("is_finalized", is_finalized),
        ("get_objects", get_objects),
        ("get_referents", get_referents),
        ("get_referrers", get_referrers),
        ("freeze", freeze),
        ("unfreeze", unfreeze),
        ("get_freeze_count", get_freeze_count),
        ("get_stats", get_stats),
        ("get_debug", get_debug),
        ("set_debug", set_debug),
    ] {
        d.set_str(name, f(name, func));
    }
    for (name, v) in [
        ("DEBUG_STATS", gc::DEBUG_STATS),
        ("DEBUG_COLLECTABLE", gc::DEBUG_COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", gc::DEBUG_UNCOLLECTABLE),
        ("DEBUG_SAVEALL", gc::DEBUG_SAVEALL),
        ("DEBUG_LEAK", gc::DEBUG_LEAK),
    ] {
        d.set_str(name, Value::Int(v as i64));
    }
    // One `callbacks` and one `garbage` list per interpreter, whoever imports gc.
    let st = vm.interp.gc;
    for (name, cell) in [("callbacks", &st.callbacks), ("garbage", &st.garbage)] {
        let l = cell
            .borrow_mut()
            .get_or_insert_with(|| Value::list(vec![]))
            .clone();
        d.set_str(name, l);
    }
    Ok(())
}
