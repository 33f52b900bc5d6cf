//! The built-in functions of the `builtins` namespace (print, len, min, sorted, ...),
//! except the type constructors, which live with their type's methods.

use super::args::{flag, str_arg};
use super::sort::sort_values;
use crate::bytecode::{BinaryOp, CompareOp};
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::format;
use crate::vm::iter::new_iter;
use crate::vm::object::*;
use crate::vm::ops::big;
use crate::vm::refcount::Ref;
use crate::vm::types::types;
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("print", print),
    ("__import__", crate::vm::modules::builtin_import),
    ("len", len),
    ("repr", repr),
    ("ascii", ascii),
    ("abs", abs),
    ("min", min),
    ("max", max),
    ("sum", sum),
    ("sorted", sorted),
    ("any", any),
    ("all", all),
    ("isinstance", isinstance),
    ("issubclass", issubclass),
    ("iter", iter),
    ("next", next),
    ("round", round),
    ("divmod", divmod),
    ("pow", pow),
    ("hash", hash),
    ("id", id),
    ("chr", chr),
    ("ord", ord),
    ("hex", hex),
    ("bin", bin),
    ("oct", oct),
    ("getattr", getattr),
    ("setattr", setattr),
    ("hasattr", hasattr),
    ("delattr", delattr),
    ("callable", callable),
    ("input", input),
    ("format", format_),
    ("vars", vars),
    ("exit", exit),
    ("quit", exit),
];

/// Writes text to a `file=` target: the process stdout fast path, else its `write()`.
pub fn write_to(vm: &mut Vm, file: Option<&Value>, text: &str) -> PyResult<()> {
    match file {
        None | Some(Value::None) => {
            // print() writes to whatever sys.stdout is now (contextlib.redirect_stdout
            // and programs that assign it rely on that); the real stream is the fast path.
            match sys_attr(vm, "stdout") {
                Some(f) if !crate::vm::modules::sys::is_stdout(&f) => {
                    if matches!(f, Value::None) {
                        return Ok(());
                    }
                    write_to(vm, Some(&f), text)
                }
                _ => vm.write_stdout(text),
            }
        }
        Some(f) => {
            if crate::vm::modules::sys::is_stdout(f) {
                return write_to(vm, None, text);
            }
            let w = vm.getattr_str(f, "write")?;
            vm.call(&w, &[Value::str(text)], &[])?;
            Ok(())
        }
    }
}

/// `sys.NAME` as the program has it now (None if there is no sys module yet).
pub fn sys_attr(vm: &Vm, name: &str) -> Option<Value> {
    let sys = vm.interp.modules.get_str(&PyStr::new("sys"))?;
    match &sys {
        Value::Module(m) => m.dict.get_str(&PyStr::new(name)),
        _ => None,
    }
}

fn sep_arg(vm: &Vm, v: Option<&Value>, name: &str, default: &str) -> PyResult<String> {
    match v {
        None | Some(Value::None) => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        Some(v) => Err(PyErr::type_error(format!(
            "{name} must be None or a string, not {}",
            vm.type_name(v)
        ))),
    }
}

fn print(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("print", &["sep", "end", "flush", "file"])?;
    let sep = sep_arg(vm, a.kw("sep"), "sep", " ")?;
    let end = sep_arg(vm, a.kw("end"), "end", "\n")?;
    let mut out = String::new();
    for (i, v) in a.pos.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(&vm.str(v)?);
    }
    out.push_str(&end);
    let file = a.kw("file");
    write_to(vm, file, &out)?;
    if flag(vm, a.kw("flush"))? {
        match file {
            None | Some(Value::None) => vm.flush_stdout()?,
            Some(f) if crate::vm::modules::sys::is_stdout(f) => vm.flush_stdout()?,
            Some(f) => {
                if let Some(fl) = vm.getattr_opt(f, &Ref::new(PyStr::new("flush")))? {
                    vm.call(&fl, &[], &[])?;
                }
            }
        }
    }
    Ok(Value::None)
}

/// `len(v)` as a Rust number (also used by `reversed` and the views).
pub fn length(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    vm.len(v)
}

fn len(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("len")?;
    a.expect("len", 1, 1)?;
    Ok(Value::Int(length(vm, &a.pos[0])? as i64))
}

fn repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("repr")?;
    a.expect("repr", 1, 1)?;
    Ok(Value::string(vm.repr(&a.pos[0])?))
}

fn ascii(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("ascii")?;
    a.expect("ascii", 1, 1)?;
    let r = vm.repr(&a.pos[0])?;
    Ok(Value::string(crate::vm::repr::ascii(&r)))
}

fn abs(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("abs")?;
    a.expect("abs", 1, 1)?;
    vm.absolute(&a.pos[0])
}

fn min(vm: &mut Vm, a: Args) -> PyResult<Value> {
    min_max(vm, a, "min", CompareOp::Lt)
}

fn max(vm: &mut Vm, a: Args) -> PyResult<Value> {
    min_max(vm, a, "max", CompareOp::Gt)
}

fn min_max(vm: &mut Vm, a: Args, name: &str, op: CompareOp) -> PyResult<Value> {
    a.only_kw(name, &["key", "default"])?;
    let key = a.kw("key").filter(|k| !matches!(k, Value::None)).cloned();
    let default = a.kw("default");
    // One argument is iterated as it goes (a key function that changes a dict or
    // set must meet the iterator's size check, as in CPython).
    let (iter, mut rest) = match a.pos.len() {
        0 => {
            return Err(PyErr::type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        1 => (Some(vm.iter(&a.pos[0])?), Vec::new().into_iter()),
        _ => {
            if default.is_some() {
                return Err(PyErr::type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            (None, a.pos.to_vec().into_iter())
        }
    };
    let mut best: Option<(Value, Value)> = None;
    loop {
        let x = match &iter {
            Some(it) => match vm.next(it)? {
                Some(x) => x,
                None => break,
            },
            None => match rest.next() {
                Some(x) => x,
                None => break,
            },
        };
        let k = match &key {
            Some(f) => vm.call(f, std::slice::from_ref(&x), &[])?,
            None => x.clone(),
        };
        best = Some(match best {
            None => (k, x),
            Some((bk, bx)) => {
                let better = match (&k, &bk) {
                    (Value::Int(p), Value::Int(q)) => {
                        if op == CompareOp::Lt {
                            p < q
                        } else {
                            p > q
                        }
                    }
                    _ => {
                        let r = vm.compare(op, &k, &bk)?;
                        vm.truthy(&r)?
                    }
                };
                if better {
                    (k, x)
                } else {
                    (bk, bx)
                }
            }
        });
    }
    match best {
        Some((_, x)) => Ok(x),
        None => match default {
            Some(d) => Ok(d.clone()),
            None => Err(PyErr::value_error(format!(
                "{name}() arg is an empty sequence"
            ))),
        },
    }
}

fn sum(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("sum", &["start"])?;
    a.expect("sum", 1, 2)?;
    let start = a.arg(1, "start").cloned().unwrap_or(Value::Int(0));
    match &start {
        Value::Str(_) => {
            return Err(PyErr::type_error(
                "sum() can't sum strings [use ''.join(seq) instead]",
            ))
        }
        Value::List(_) | Value::Tuple(_) | Value::Dict(_) => {}
        _ => {}
    }
    let it = vm.iter(&a.pos[0])?;
    let mut acc = start;
    while let Some(x) = vm.next(&it)? {
        acc = match (&acc, &x) {
            (Value::Int(p), Value::Int(q)) => match p.checked_add(*q) {
                Some(s) => Value::Int(s),
                None => Value::from_bigint(BigInt::from(*p) + q),
            },
            (Value::Float(p), Value::Float(q)) => Value::Float(p + q),
            (Value::Float(p), Value::Int(q)) => Value::Float(p + *q as f64),
            _ => vm.binary_op(BinaryOp::Add, &acc, &x)?,
        };
    }
    Ok(acc)
}

fn sorted(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("sorted", &["key", "reverse"])?;
    if a.pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "sorted expected 1 argument, got {}",
            a.pos.len()
        )));
    }
    let items = vm.collect(&a.pos[0])?;
    let reverse = flag(vm, a.kw("reverse"))?;
    Ok(Value::list(sort_values(vm, items, a.kw("key"), reverse)?))
}

pub(crate) fn reversed(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("reversed")?;
    if a.pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "reversed expected 1 argument, got {}",
            a.pos.len()
        )));
    }
    let whole = &a.pos[0];
    let ty = crate::vm::dispatch::type_ref(whole).clone();
    if ty.is_heap() || !whole.payload().ptr_eq(whole) || matches!(whole, Value::Native(_)) {
        match ty.lookup_str("__reversed__") {
            Some(Value::None) => return Err(not_reversible(vm, whole)),
            Some(m) => return vm.call_unbound(&m, whole, &ty, &[]),
            None => {}
        }
        if !ty.is_subclass(&types().dict)
            && ty.slots.len.get().is_some()
            && ty.slots.getitem.get().is_some()
        {
            let n = length(vm, whole)?;
            let mut items = Vec::with_capacity(n);
            for i in (0..n).rev() {
                items.push(vm.getitem(whole, &Value::Int(i as i64))?);
            }
            return Ok(new_iter(IterState::Items { items, idx: 0 }, "reversed"));
        }
    }
    let v = whole.payload();
    let snapshot = |mut items: Vec<Value>, kind| {
        items.reverse();
        new_iter(IterState::Items { items, idx: 0 }, kind)
    };
    Ok(match v {
        Value::List(l) => snapshot(l.items.lock().clone(), "list_reverseiterator"),
        Value::Tuple(t) => snapshot((**t).clone(), "reversed"),
        Value::Str(s) => snapshot(
            s.as_str()
                .chars()
                .map(|c| Value::string(c.into()))
                .collect(),
            "reversed",
        ),
        Value::Dict(d) => {
            let mut items: Vec<Value> = d.map.lock().keys().map(|k| k.key.clone()).collect();
            items.reverse();
            let len = items.len();
            new_iter(
                IterState::Sized {
                    items,
                    idx: 0,
                    source: v.clone(),
                    len,
                },
                "dict_reversekeyiterator",
            )
        }
        Value::Range(r) if r.big.is_some() => {
            let rev = Value::Range(Ref::new(r.reversed()));
            crate::vm::iter::range_iter(&rev, "longrange_iterator")
        }
        Value::Range(r) => {
            let n = r.len_i64().unwrap_or(0);
            if n == 0 {
                new_iter(
                    IterState::Items {
                        items: vec![],
                        idx: 0,
                    },
                    "range_iterator",
                )
            } else {
                let last = r.start as i128 + (n as i128 - 1) * r.step as i128;
                let stop =
                    (r.start as i128 - r.step as i128).clamp(i64::MIN as i128, i64::MAX as i128);
                new_iter(
                    IterState::Range {
                        cur: last as i64,
                        stop: stop as i64,
                        step: -r.step,
                    },
                    "range_iterator",
                )
            }
        }
        _ => return Err(not_reversible(vm, v)),
    })
}

fn not_reversible(vm: &Vm, v: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not reversible", vm.type_name(v)))
}

pub(crate) fn enumerate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("enumerate", &["iterable", "start"])?;
    let it = match a.arg(0, "iterable") {
        Some(v) => v,
        None => {
            return Err(PyErr::type_error(
                "enumerate() missing required argument 'iterable' (pos 1)",
            ))
        }
    };
    if a.pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "enumerate() takes at most 2 arguments ({} given)",
            a.pos.len()
        )));
    }
    let count = match a.arg(1, "start") {
        None => Value::Int(0),
        Some(v @ (Value::Int(_) | Value::BigInt(_))) => v.clone(),
        Some(Value::Bool(b)) => Value::Int(*b as i64),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            )))
        }
    };
    let inner = vm.iter(it)?;
    Ok(new_iter(
        IterState::Enumerate {
            inner,
            count,
            last: None,
        },
        "enumerate",
    ))
}

pub(crate) fn zip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if a.kw.len() > 1 {
        return Err(PyErr::type_error(format!(
            "zip() takes at most 1 keyword argument ({} given)",
            a.kw.len()
        )));
    }
    a.only_kw("zip", &["strict"])?;
    let mut iters = Vec::with_capacity(a.pos.len());
    for (i, v) in a.pos.iter().enumerate() {
        iters.push(vm.iter(v).map_err(|e| {
            if e.is(&types().type_error) {
                PyErr::type_error(format!("zip argument #{} must support iteration", i + 1))
            } else {
                e
            }
        })?);
    }
    let strict = match a.kw.iter().find(|(k, _)| k.as_str() == "strict") {
        Some((_, v)) => vm.truthy(v)?,
        None => false,
    };
    Ok(new_iter(
        IterState::Zip {
            iters,
            last: None,
            strict,
        },
        "zip",
    ))
}

pub(crate) fn map(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("map")?;
    if a.pos.len() < 2 {
        return Err(PyErr::type_error("map() must have at least two arguments."));
    }
    let mut iters = Vec::with_capacity(a.pos.len() - 1);
    for v in &a.pos[1..] {
        iters.push(vm.iter(v)?);
    }
    Ok(new_iter(
        IterState::Map {
            func: a.pos[0].clone(),
            iters,
        },
        "map",
    ))
}

pub(crate) fn filter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("filter")?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "filter expected 2 arguments, got {}",
            a.pos.len()
        )));
    }
    let inner = vm.iter(&a.pos[1])?;
    Ok(new_iter(
        IterState::Filter {
            func: a.pos[0].clone(),
            inner,
        },
        "filter",
    ))
}

fn any(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("any")?;
    a.expect("any", 1, 1)?;
    let it = vm.iter(&a.pos[0])?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("all")?;
    a.expect("all", 1, 1)?;
    let it = vm.iter(&a.pos[0])?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

/// `isinstance`'s class test; `None` when `spec` is neither a class nor a tuple of them.
fn class_matches(cls: &Ref<Class>, spec: &Value) -> Option<bool> {
    match spec {
        Value::Class(c) => Some(cls.is_subclass(c)),
        Value::Tuple(t) => {
            let mut any = false;
            for s in t.iter() {
                any |= class_matches(cls, s)?;
            }
            Some(any)
        }
        _ => None,
    }
}

fn isinstance(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("isinstance")?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "isinstance expected 2 arguments, got {}",
            a.pos.len()
        )));
    }
    Ok(Value::Bool(object_isinstance(vm, &a.pos[0], &a.pos[1])?))
}

/// The metaclass hook `name` (`__instancecheck__`/`__subclasscheck__`) of `cls`, unless
/// its metaclass is `type` itself (then the MRO answers, without a call).
fn meta_hook(vm: &mut Vm, cls: &Value, name: &str) -> Option<(Value, Ref<Class>)> {
    let meta = vm.type_of(cls);
    if Ref::ptr_eq(&meta, &crate::vm::types::types().type_) {
        return None;
    }
    meta.lookup_str(name).map(|f| (f, meta))
}

/// `isinstance(inst, cls)` as CPython's `PyObject_IsInstance`: the exact type first,
/// tuples item by item, then the metaclass's `__instancecheck__` (how `abc` works).
pub fn object_isinstance(vm: &mut Vm, inst: &Value, cls: &Value) -> PyResult<bool> {
    let t = vm.type_of(inst);
    if let Value::Class(c) = cls {
        if Ref::ptr_eq(&t, c) {
            return Ok(true);
        }
    }
    if let Value::Tuple(items) = cls {
        vm.enter_call()?;
        let mut r = Ok(false);
        for s in items.iter() {
            match object_isinstance(vm, inst, s) {
                Ok(false) => {}
                other => {
                    r = other;
                    break;
                }
            }
        }
        vm.leave_call();
        return r;
    }
    if let Some((f, meta)) = meta_hook(vm, cls, "__instancecheck__") {
        let r = vm.call_unbound(&f, cls, &meta, std::slice::from_ref(inst))?;
        return vm.truthy(&r);
    }
    match class_matches(&t, cls) {
        Some(b) => Ok(b),
        None => Err(PyErr::type_error(
            "isinstance() arg 2 must be a type, a tuple of types, or a union",
        )),
    }
}

fn issubclass(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("issubclass")?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "issubclass expected 2 arguments, got {}",
            a.pos.len()
        )));
    }
    Ok(Value::Bool(object_issubclass(vm, &a.pos[0], &a.pos[1])?))
}

/// `issubclass(derived, cls)` as CPython's `PyObject_IsSubclass`.
pub fn object_issubclass(vm: &mut Vm, derived: &Value, cls: &Value) -> PyResult<bool> {
    if let Value::Tuple(items) = cls {
        vm.enter_call()?;
        let mut r = Ok(false);
        for s in items.iter() {
            match object_issubclass(vm, derived, s) {
                Ok(false) => {}
                other => {
                    r = other;
                    break;
                }
            }
        }
        vm.leave_call();
        return r;
    }
    if let Some((f, meta)) = meta_hook(vm, cls, "__subclasscheck__") {
        let r = vm.call_unbound(&f, cls, &meta, std::slice::from_ref(derived))?;
        return vm.truthy(&r);
    }
    let Value::Class(d) = derived else {
        return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
    };
    match class_matches(d, cls) {
        Some(b) => Ok(b),
        None => Err(PyErr::type_error(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        )),
    }
}

pub fn is_callable(_vm: &Vm, v: &Value) -> bool {
    crate::vm::dispatch::type_ref(v).slots.call.get().is_some()
}

fn iter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("iter")?;
    match a.pos {
        [v] => vm.iter(v),
        [f, sentinel] => {
            if !is_callable(vm, f) {
                return Err(PyErr::type_error("iter(v, w): v must be callable"));
            }
            Ok(new_iter(
                IterState::Callable {
                    func: f.clone(),
                    sentinel: sentinel.clone(),
                },
                "callable_iterator",
            ))
        }
        _ => Err(PyErr::type_error(format!(
            "iter expected {} argument{}, got {}",
            if a.pos.is_empty() {
                "at least 1"
            } else {
                "at most 2"
            },
            if a.pos.is_empty() { "" } else { "s" },
            a.pos.len()
        ))),
    }
}

fn next(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("next")?;
    if a.pos.is_empty() || a.pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "next expected {}, got {}",
            if a.pos.is_empty() {
                "at least 1 argument"
            } else {
                "at most 2 arguments"
            },
            a.pos.len()
        )));
    }
    let it = &a.pos[0];
    let is_iter = crate::vm::dispatch::type_ref(it).slots.next.get().is_some();
    if !is_iter {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            vm.type_name(it)
        )));
    }
    if let (Value::Generator(g), None) = (it, a.pos.get(1)) {
        debug_assert!(g.kind == GenKind::Generator);
        // A generator's return value travels in StopIteration.value.
        return match vm.gen_resume(g, Value::None, None)? {
            crate::vm::iter::Sent::Yielded(v) => Ok(v),
            crate::vm::iter::Sent::Returned(v) => Err(PyErr::stop_iteration(v)),
        };
    }
    if a.pos.len() == 1 && matches!(it, Value::Instance(_) | Value::Native(_)) {
        // A `__next__` of a class or a native method raises its own StopIteration,
        // whose value CPython's next() passes on (a future's __await__ iterator
        // carries the result in it); vm.next would drop it.
        let slot = crate::vm::dispatch::type_ref(it).slots.next.get();
        let native_slot = crate::vm::modules::native_next_slot as crate::vm::slots::NextFn as usize;
        if slot.map(|f| f as usize) != Some(native_slot) {
            let m = vm.getattr_str(it, "__next__")?;
            return vm.call(&m, &[], &[]);
        }
    }
    match vm.next(it)? {
        Some(v) => Ok(v),
        None => match a.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(PyErr::stop_iteration(Value::None)),
        },
    }
}

/// An int argument as a BigInt (ints, bools and `__index__` objects).
pub fn int_of(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    match big(v) {
        Some(b) => Ok(b),
        None => Ok(BigInt::from(vm.to_index(v)?)),
    }
}

fn round(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("round", &["number", "ndigits"])?;
    let Some(x) = a.arg(0, "number") else {
        return Err(PyErr::type_error(
            "round() missing required argument 'number' (pos 1)",
        ));
    };
    if a.pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "round() takes at most 2 arguments ({} given)",
            a.pos.len()
        )));
    }
    let nd = a.arg(1, "ndigits").filter(|v| !matches!(v, Value::None));
    if crate::vm::dispatch::type_ref(x).is_heap() {
        let args: Vec<Value> = nd.into_iter().cloned().collect();
        return match crate::vm::slots::call_dunder(vm, x, "__round__", &args)? {
            Some(r) => Ok(r),
            None => Err(PyErr::type_error(format!(
                "type {} doesn't define __round__ method",
                vm.type_name(x)
            ))),
        };
    }
    match x {
        Value::Float(f) => match nd {
            None => format::round_half_even_to_int(*f)
                .map(Value::from_bigint)
                .map_err(|e| crate::vm::ops::fmt_err(e.into())),
            Some(n) => {
                let n = match n {
                    Value::BigInt(b) => {
                        if b.is_negative() {
                            i64::MIN / 2
                        } else {
                            i64::MAX / 2
                        }
                    }
                    _ => vm.to_index(n)?,
                };
                format::round_float(*f, n)
                    .map(Value::Float)
                    .map_err(crate::vm::ops::fmt_err)
            }
        },
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let v = big(x).unwrap_or_default();
            match nd {
                None => Ok(Value::from_bigint(v)),
                Some(n) => {
                    let n = int_of(vm, n)?;
                    if !n.is_negative() {
                        return Ok(Value::from_bigint(v));
                    }
                    let k = (-n).to_u32().unwrap_or(u32::MAX);
                    if k > 10_000 {
                        return Ok(Value::Int(0));
                    }
                    let p = BigInt::from(10u32).pow(k);
                    Ok(Value::from_bigint(round_int_half_even(&v, &p)))
                }
            }
        }
        _ => Err(PyErr::type_error(format!(
            "type {} doesn't define __round__ method",
            vm.type_name(x)
        ))),
    }
}

/// `v` rounded to a multiple of `p`, ties to even.
fn round_int_half_even(v: &BigInt, p: &BigInt) -> BigInt {
    let (q, r) = v.div_mod_floor(p);
    let twice = &r * 2;
    let q = if twice > *p || (twice == *p && q.is_odd()) {
        q + 1
    } else {
        q
    };
    q * p
}

fn divmod(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("divmod")?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "divmod expected 2 arguments, got {}",
            a.pos.len()
        )));
    }
    let (x, y) = (&a.pos[0], &a.pos[1]);
    let is_num = |v: &Value| {
        matches!(
            v,
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_)
        )
    };
    if !(is_num(x) && is_num(y)) {
        for (v, name, other) in [(x, "__divmod__", y), (y, "__rdivmod__", x)] {
            // Classes made by Python code and native module classes (timedelta) may
            // define it; the core types' divmod is the number path below.
            let ty = crate::vm::dispatch::type_ref(v);
            if !ty.is_heap() && ty.lookup_str(name).is_none() {
                continue;
            }
            if let Some(r) =
                crate::vm::slots::call_dunder(vm, v, name, std::slice::from_ref(other))?
            {
                if !crate::vm::slots::is_ni(&r) {
                    return Ok(r);
                }
            }
        }
        if is_num(x.payload()) && is_num(y.payload()) {
            let (x, y) = (x.payload().clone(), y.payload().clone());
            let q = vm.binary_op(BinaryOp::FloorDiv, &x, &y)?;
            let r = vm.binary_op(BinaryOp::Mod, &x, &y)?;
            return Ok(Value::tuple(vec![q, r]));
        }
        return Err(PyErr::type_error(format!(
            "unsupported operand type(s) for divmod(): '{}' and '{}'",
            vm.type_name(x),
            vm.type_name(y)
        )));
    }
    let q = vm.binary_op(BinaryOp::FloorDiv, x, y)?;
    let r = vm.binary_op(BinaryOp::Mod, x, y)?;
    Ok(Value::tuple(vec![q, r]))
}

fn pow(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("pow", &["base", "exp", "mod"])?;
    let (Some(b), Some(e)) = (a.arg(0, "base"), a.arg(1, "exp")) else {
        return Err(PyErr::type_error(format!(
            "pow() missing required argument '{}' (pos {})",
            if a.arg(0, "base").is_none() {
                "base"
            } else {
                "exp"
            },
            if a.arg(0, "base").is_none() { 1 } else { 2 }
        )));
    };
    if a.pos.len() > 3 {
        return Err(PyErr::type_error(format!(
            "pow() takes at most 3 arguments ({} given)",
            a.pos.len()
        )));
    }
    let m = match a.arg(2, "mod") {
        None | Some(Value::None) => return vm.binary_op(BinaryOp::Pow, b, e),
        Some(m) => m,
    };
    let (Some(b), Some(e), Some(m)) = (big(b), big(e), big(m)) else {
        return Err(PyErr::type_error(
            "pow() 3rd argument not allowed unless all arguments are integers",
        ));
    };
    if m.is_zero() {
        return Err(PyErr::value_error("pow() 3rd argument cannot be 0"));
    }
    let am = m.abs();
    let mut base = b.mod_floor(&am);
    let mut exp = e;
    if exp.is_negative() {
        base = match mod_inverse(&base, &am) {
            Some(inv) => inv,
            None => {
                return Err(PyErr::value_error(
                    "base is not invertible for the given modulus",
                ))
            }
        };
        exp = -exp;
    }
    let mut r = base.modpow(&exp, &am);
    // Python's result takes the sign of the modulus.
    if m.is_negative() && !r.is_zero() {
        r += &m;
    }
    Ok(Value::from_bigint(r))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let g = a.extended_gcd(m);
    if !g.gcd.is_one() {
        return None;
    }
    Some(g.x.mod_floor(m))
}

fn hash(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("hash")?;
    a.expect("hash", 1, 1)?;
    Ok(Value::Int(vm.hash(&a.pos[0])?))
}

fn id(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("id")?;
    a.expect("id", 1, 1)?;
    Ok(Value::from_bigint(BigInt::from(a.pos[0].id())))
}

fn chr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("chr")?;
    a.expect("chr", 1, 1)?;
    let v = &a.pos[0];
    let n = match v {
        Value::Int(_) | Value::Bool(_) => vm.to_index(v)?,
        _ if crate::vm::dispatch::type_ref(v).slots.index.get().is_some() => vm.to_index(v)?,
        Value::BigInt(_) => {
            return Err(PyErr::overflow_error(
                "Python int too large to convert to C int",
            ))
        }
        _ => {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            )))
        }
    };
    let c = u32::try_from(n).ok().and_then(char::from_u32);
    match c {
        Some(c) => Ok(Value::string(c.to_string())),
        // Lone surrogates are valid in Python but have no Rust `char`.
        None if (0xD800..0xE000).contains(&n) => Err(PyErr::value_error(
            "chr() arg is a surrogate, which gilvm strings cannot hold",
        )),
        None => Err(PyErr::value_error("chr() arg not in range(0x110000)")),
    }
}

fn ord(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("ord")?;
    a.expect("ord", 1, 1)?;
    match &a.pos[0] {
        Value::Str(s) => {
            let mut cs = s.as_str().chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(PyErr::type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.char_len()
                ))),
            }
        }
        v => Err(PyErr::type_error(format!(
            "ord() expected string of length 1, but {} found",
            vm.type_name(v)
        ))),
    }
}

fn radix(vm: &mut Vm, a: Args, name: &str, r: u32) -> PyResult<Value> {
    a.no_kw(name)?;
    a.expect(name, 1, 1)?;
    let v = int_of(vm, &a.pos[0])?;
    Ok(Value::string(format::int_to_str_radix(&v, r, true)))
}

fn hex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    radix(vm, a, "hex", 16)
}

fn bin(vm: &mut Vm, a: Args) -> PyResult<Value> {
    radix(vm, a, "bin", 2)
}

fn oct(vm: &mut Vm, a: Args) -> PyResult<Value> {
    radix(vm, a, "oct", 8)
}

fn attr_name(vm: &Vm, v: &Value, f: &str) -> PyResult<Ref<PyStr>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(PyErr::type_error(format!(
            "{f}(): attribute name must be string, not '{}'",
            vm.type_name(v)
        ))),
    }
}

fn getattr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("getattr")?;
    if a.pos.len() < 2 || a.pos.len() > 3 {
        return Err(PyErr::type_error(format!(
            "getattr expected {} arguments, got {}",
            if a.pos.len() < 2 {
                "at least 2"
            } else {
                "at most 3"
            },
            a.pos.len()
        )));
    }
    let name = attr_name(vm, &a.pos[1], "getattr")?;
    match vm.getattr(&a.pos[0], &name) {
        Ok(v) => Ok(v),
        Err(e) if e.is(&types().attribute_error) && a.pos.len() == 3 => Ok(a.pos[2].clone()),
        Err(e) => Err(e),
    }
}

fn hasattr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("hasattr")?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "hasattr expected 2 arguments, got {}",
            a.pos.len()
        )));
    }
    let name = attr_name(vm, &a.pos[1], "hasattr")?;
    match vm.getattr(&a.pos[0], &name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if e.is(&types().attribute_error) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn setattr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("setattr")?;
    if a.pos.len() != 3 {
        return Err(PyErr::type_error(format!(
            "setattr expected 3 arguments, got {}",
            a.pos.len()
        )));
    }
    let name = attr_name(vm, &a.pos[1], "setattr")?;
    vm.setattr(&a.pos[0], &name, a.pos[2].clone())?;
    Ok(Value::None)
}

fn delattr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("delattr")?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "delattr expected 2 arguments, got {}",
            a.pos.len()
        )));
    }
    let name = attr_name(vm, &a.pos[1], "delattr")?;
    vm.delattr(&a.pos[0], &name)?;
    Ok(Value::None)
}

fn callable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("callable")?;
    a.expect("callable", 1, 1)?;
    Ok(Value::Bool(is_callable(vm, &a.pos[0])))
}

fn input(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("input")?;
    a.expect("input", 0, 1)?;
    if let Some(p) = a.pos.first() {
        let s = vm.str(p)?;
        write_to(vm, None, &s)?;
    }
    // The same buffer as sys.stdin, so the two can be mixed; the read releases the GIL
    // and Ctrl-C interrupts it at once (read_stdin flushes the prompt first).
    let mut line = vm.read_stdin(crate::vm::stdio::Want::Line(None))?;
    if line.is_empty() {
        return Err(PyErr::eof_error("EOF when reading a line"));
    }
    if line.ends_with('\n') {
        line.pop();
    }
    Ok(Value::string(line))
}

fn format_(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("format")?;
    a.expect("format", 1, 2)?;
    let spec = match a.pos.get(1) {
        None => Ref::new(PyStr::new("")),
        Some(v) => str_arg(vm, v, "format", 2)?,
    };
    Ok(Value::string(vm.format(&a.pos[0], spec.as_str())?))
}

fn vars(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("vars")?;
    match a.pos {
        [v] => match vm.getattr_opt(v, &Ref::new(PyStr::new("__dict__")))? {
            Some(d) => Ok(d),
            None => Err(PyErr::type_error(
                "vars() argument must have __dict__ attribute",
            )),
        },
        [] => Err(PyErr::type_error(
            "vars() without arguments is not supported by gilvm",
        )),
        _ => Err(PyErr::type_error(format!(
            "vars expected at most 1 argument, got {}",
            a.pos.len()
        ))),
    }
}

fn exit(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = match a.pos.first() {
        None | Some(Value::None) => vec![],
        Some(v) => vec![v.clone()],
    };
    Err(PyErr::with_args(&types().system_exit, args))
}
