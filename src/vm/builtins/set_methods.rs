//! The `set` and `frozenset` constructors and methods.

use super::args::{ctor_args, self_arg, wrong_self};
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{self, Types};
use crate::vm::value::Value;
use crate::vm::Vm;

pub fn install(t: &Types) {
    let shared: &[(&'static str, NativeFn)] = &[
        ("union", union),
        ("intersection", intersection),
        ("difference", difference),
        ("symmetric_difference", symmetric_difference),
        ("issubset", issubset),
        ("issuperset", issuperset),
        ("isdisjoint", isdisjoint),
        ("copy", copy),
    ];
    types::install(&t.set, shared);
    types::install(&t.frozenset, shared);
    types::install(
        &t.set,
        &[
            ("add", add),
            ("remove", remove),
            ("discard", discard),
            ("pop", pop),
            ("update", update),
            ("intersection_update", intersection_update),
            ("difference_update", difference_update),
            ("symmetric_difference_update", symmetric_difference_update),
            ("clear", clear),
        ],
    );
}

/// Builds a key set from any iterable, hashing through the VM so user `__hash__`/`__eq__` work.
pub fn build_set(vm: &mut Vm, iterable: &Value, frozen: bool) -> PyResult<Ref<SetObj>> {
    let s = Ref::new(SetObj::new(KeySet::default(), frozen));
    add_all(vm, &s, iterable)?;
    Ok(s)
}

fn add_all(vm: &mut Vm, s: &SetObj, iterable: &Value) -> PyResult<()> {
    if let Value::Set(src) = iterable {
        let keys: Vec<HKey> = src.items.lock().iter().cloned().collect();
        let mut items = s.items.lock();
        for k in keys {
            items.insert(k);
        }
        return Ok(());
    }
    let it = vm.iter(iterable)?;
    while let Some(x) = vm.next(&it)? {
        let k = vm.set_key(s, x)?;
        s.items.lock().insert(k);
    }
    Ok(())
}

pub(crate) fn frozenset_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("frozenset")?;
    match ctor_args(&a) {
        [] => Ok(Value::Set(Ref::new(SetObj::new(KeySet::default(), true)))),
        [x @ Value::Set(s)] if s.frozen => Ok(x.clone()),
        [x] => Ok(Value::Set(build_set(vm, x, true)?)),
        more => Err(PyErr::type_error(format!(
            "frozenset expected at most 1 argument, got {}",
            more.len()
        ))),
    }
}

/// The receiver of a method shared by set and frozenset.
fn self_any_set(vm: &Vm, a: &Args, meth: &str) -> PyResult<Ref<SetObj>> {
    match self_arg(a, "set", meth)?.payload() {
        Value::Set(s) => Ok(s.clone()),
        v => Err(wrong_self(vm, "set", meth, v)),
    }
}

/// The receiver of a mutating method: frozensets don't have them.
fn self_mut_set(vm: &Vm, a: &Args, meth: &str) -> PyResult<Ref<SetObj>> {
    match self_arg(a, "set", meth)?.payload() {
        Value::Set(s) if !s.frozen => Ok(s.clone()),
        v => Err(wrong_self(vm, "set", meth, v)),
    }
}

fn snapshot(s: &SetObj) -> KeySet {
    s.items.lock().clone()
}

/// Another operand as a key set (sets directly, other iterables via hashing).
fn other_keys(vm: &mut Vm, like: &SetObj, v: &Value) -> PyResult<KeySet> {
    if let Value::Set(o) = v {
        return Ok(snapshot(o));
    }
    let tmp = SetObj::new(KeySet::default(), false);
    let it = vm.iter(v)?;
    while let Some(x) = vm.next(&it)? {
        // Canonicalise against the receiver so user __eq__ keys match its members.
        let k = vm.set_key(like, x)?;
        tmp.items.lock().insert(k);
    }
    Ok(tmp.items.into_inner())
}

fn result(frozen: bool, keys: KeySet) -> Value {
    Value::Set(Ref::new(SetObj::new(keys, frozen)))
}

fn union(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("union")?;
    let s = self_any_set(vm, &a, "union")?;
    let mut acc = snapshot(&s);
    for o in &a.pos[1..] {
        acc.extend(other_keys(vm, &s, o)?);
    }
    Ok(result(s.frozen, acc))
}

fn intersection(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("intersection")?;
    let s = self_any_set(vm, &a, "intersection")?;
    let mut acc = snapshot(&s);
    for o in &a.pos[1..] {
        let other = other_keys(vm, &s, o)?;
        acc.retain(|k| other.contains(k));
    }
    Ok(result(s.frozen, acc))
}

fn difference(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("difference")?;
    let s = self_any_set(vm, &a, "difference")?;
    let mut acc = snapshot(&s);
    for o in &a.pos[1..] {
        let other = other_keys(vm, &s, o)?;
        acc.retain(|k| !other.contains(k));
    }
    Ok(result(s.frozen, acc))
}

fn sym_diff(mut mine: KeySet, other: KeySet) -> KeySet {
    for k in other {
        if !mine.remove(&k) {
            mine.insert(k);
        }
    }
    mine
}

fn symmetric_difference(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("symmetric_difference")?;
    let s = self_any_set(vm, &a, "symmetric_difference")?;
    a.expect("symmetric_difference", 2, 2)?;
    let other = other_keys(vm, &s, &a.pos[1])?;
    Ok(result(s.frozen, sym_diff(snapshot(&s), other)))
}

fn issubset(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("issubset")?;
    let s = self_any_set(vm, &a, "issubset")?;
    a.expect("issubset", 2, 2)?;
    let other = other_keys(vm, &s, &a.pos[1])?;
    let mine = snapshot(&s);
    Ok(Value::Bool(mine.iter().all(|k| other.contains(k))))
}

fn issuperset(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("issuperset")?;
    let s = self_any_set(vm, &a, "issuperset")?;
    a.expect("issuperset", 2, 2)?;
    let other = other_keys(vm, &s, &a.pos[1])?;
    let mine = snapshot(&s);
    Ok(Value::Bool(other.iter().all(|k| mine.contains(k))))
}

fn isdisjoint(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("isdisjoint")?;
    let s = self_any_set(vm, &a, "isdisjoint")?;
    a.expect("isdisjoint", 2, 2)?;
    let other = other_keys(vm, &s, &a.pos[1])?;
    let mine = snapshot(&s);
    Ok(Value::Bool(!mine.iter().any(|k| other.contains(k))))
}

fn copy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("copy")?;
    let s = self_any_set(vm, &a, "copy")?;
    a.expect_method("set.copy", 0, 0)?;
    if s.frozen {
        return Ok(Value::Set(s));
    }
    Ok(result(false, snapshot(&s)))
}

fn add(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("add")?;
    let s = self_mut_set(vm, &a, "add")?;
    a.expect_method("set.add", 1, 1)?;
    let k = vm.set_key(&s, a.pos[1].clone())?;
    s.items.lock().insert(k);
    Ok(Value::None)
}

fn remove(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("remove")?;
    let s = self_mut_set(vm, &a, "remove")?;
    a.expect_method("set.remove", 1, 1)?;
    let k = vm.set_key(&s, a.pos[1].clone())?;
    if s.items.lock().remove(&k) {
        Ok(Value::None)
    } else {
        Err(PyErr::key_error(a.pos[1].clone()))
    }
}

fn discard(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("discard")?;
    let s = self_mut_set(vm, &a, "discard")?;
    a.expect_method("set.discard", 1, 1)?;
    let k = vm.set_key(&s, a.pos[1].clone())?;
    s.items.lock().remove(&k);
    Ok(Value::None)
}

fn pop(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("pop")?;
    let s = self_mut_set(vm, &a, "pop")?;
    a.expect_method("set.pop", 0, 0)?;
    // The oldest member, as CPython tends to give for small sets; O(1), so
    // `while s: s.pop()` stays linear.
    let first = s.items.lock().pop_first();
    match first {
        Some(k) => Ok(k.key),
        None => Err(PyErr::key_error(Value::str("pop from an empty set"))),
    }
}

fn update(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("update")?;
    let s = self_mut_set(vm, &a, "update")?;
    for o in &a.pos[1..] {
        add_all(vm, &s, o)?;
    }
    Ok(Value::None)
}

fn intersection_update(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("intersection_update")?;
    let s = self_mut_set(vm, &a, "intersection_update")?;
    for o in &a.pos[1..] {
        let other = other_keys(vm, &s, o)?;
        s.items.lock().retain(|k| other.contains(k));
    }
    Ok(Value::None)
}

fn difference_update(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("difference_update")?;
    let s = self_mut_set(vm, &a, "difference_update")?;
    for o in &a.pos[1..] {
        let other = other_keys(vm, &s, o)?;
        s.items.lock().retain(|k| !other.contains(k));
    }
    Ok(Value::None)
}

fn symmetric_difference_update(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("symmetric_difference_update")?;
    let s = self_mut_set(vm, &a, "symmetric_difference_update")?;
    a.expect("symmetric_difference_update", 2, 2)?;
    let other = other_keys(vm, &s, &a.pos[1])?;
    let mine = snapshot(&s);
    *s.items.lock() = sym_diff(mine, other);
    Ok(Value::None)
}

fn clear(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("clear")?;
    let s = self_mut_set(vm, &a, "clear")?;
    a.expect_method("set.clear", 0, 0)?;
    let old = std::mem::take(&mut *s.items.lock());
    drop(old);
    Ok(Value::None)
}
