//! The `_collections` module: `deque` native as CPython's (a ring buffer whose every
//! operation runs under the GIL without a switch point, so `append`/`popleft` are
//! atomic between threads), its iterators, and `_count_elements` for `Counter`.

use super::{native, native_class};
use crate::bytecode::CompareOp;
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, DictObj, NativeFn, NativeObject};
use crate::vm::refcount::{Header, Ref};
use crate::vm::typeobj::flags;
use crate::vm::types::types;
use crate::vm::value::{intern, Value};
use crate::vm::Vm;
use std::collections::VecDeque;
use std::sync::OnceLock;

#[derive(Debug, Default)]
struct State {
    items: VecDeque<Value>,
    maxlen: Option<usize>,
    /// Bumped by every change of length (CPython's `state`): iterators and the
    /// comparisons of `index`/`remove`/`count` notice a deque changed under them.
    state: u64,
}

impl State {
    /// Appends on the right, dropping from the left past maxlen.
    fn push_back(&mut self, v: Value) -> Option<Value> {
        self.state = self.state.wrapping_add(1);
        if self.maxlen == Some(0) {
            return Some(v);
        }
        self.items.push_back(v);
        match self.maxlen {
            Some(m) if self.items.len() > m => self.items.pop_front(),
            _ => None,
        }
    }

    fn push_front(&mut self, v: Value) -> Option<Value> {
        self.state = self.state.wrapping_add(1);
        if self.maxlen == Some(0) {
            return Some(v);
        }
        self.items.push_front(v);
        match self.maxlen {
            Some(m) if self.items.len() > m => self.items.pop_back(),
            _ => None,
        }
    }
}

#[derive(Debug, Default)]
pub struct Deque {
    st: ObjCell<State>,
    weaklist: crate::vm::gc::WeakList,
}

impl NativeObject for Deque {
    fn class(&self) -> Ref<Class> {
        deque_class()
    }
    fn weaklist(&self) -> Option<&crate::vm::gc::WeakList> {
        Some(&self.weaklist)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        for v in self.st.lock().items.iter() {
            v.visit(visit);
        }
    }
}

fn deque_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", deque_new),
        ("__init__", deque_init),
        ("append", append),
        ("appendleft", appendleft),
        ("pop", pop),
        ("popleft", popleft),
        ("extend", extend),
        ("extendleft", extendleft),
        ("rotate", rotate),
        ("index", index),
        ("remove", remove),
        ("insert", insert),
        ("clear", clear),
        ("count", count),
        ("reverse", reverse),
        ("copy", copy),
        ("__copy__", copy),
        ("__len__", len_method),
        ("__iter__", iter_method),
        ("__reversed__", reversed_method),
        ("__contains__", contains_method),
        ("__getitem__", getitem_method),
        ("__setitem__", setitem_method),
        ("__delitem__", delitem_method),
        ("__repr__", repr_method),
        ("__eq__", |vm, a| cmp_method(vm, a, CompareOp::Eq)),
        ("__ne__", |vm, a| cmp_method(vm, a, CompareOp::Ne)),
        ("__lt__", |vm, a| cmp_method(vm, a, CompareOp::Lt)),
        ("__le__", |vm, a| cmp_method(vm, a, CompareOp::Le)),
        ("__gt__", |vm, a| cmp_method(vm, a, CompareOp::Gt)),
        ("__ge__", |vm, a| cmp_method(vm, a, CompareOp::Ge)),
        ("__add__", add_method),
        ("__mul__", mul_method),
        ("__rmul__", mul_method),
        ("__iadd__", iadd_method),
        ("__imul__", imul_method),
        ("__reduce__", reduce_method),
    ];
    let classmethods: &[(&'static str, NativeFn)] = &[("__class_getitem__", class_getitem)];
    let c = native_class(&C, "collections", "deque", methods, classmethods);
    // As CPython's deque: subclassable, unhashable, `maxlen` a read-only attribute.
    c.set_flags(flags::BASETYPE);
    Class::set_attr(&c, intern("__hash__"), Value::None);
    crate::vm::descr::add_getsets(
        &c,
        "collections.deque",
        &[(
            "maxlen",
            |vm, o| {
                let d = as_deque(vm, o, "maxlen")?;
                let m = d.st.lock().maxlen;
                Ok(m.map_or(Value::None, |m| Value::Int(m as i64)))
            },
            None,
        )],
    );
    crate::vm::slots::fill_slots_from_dict(&c);
    // The hot slots call the Rust code directly instead of through a method lookup.
    c.slots
        .len
        .set(Some(|vm, v| Ok(as_deque(vm, v, "__len__")?.len())));
    c.slots.iter.set(Some(|vm, v| make_iter(vm, v, false)));
    c.slots.contains.set(Some(contains));
    c.slots.getitem.set(Some(getitem));
    c.slots.setitem.set(Some(setitem));
    // The deque computes no attributes of its own (maxlen is a getset), so lookups
    // are the generic ones: LOAD_METHOD then caches `d.append` per call site and
    // calls it unbound, as for list methods, instead of binding a method each time.
    c.slots.getattr.set(Some(crate::vm::descr::generic_getattr));
    c
}

fn getitem(vm: &mut Vm, v: &Value, key: &Value) -> PyResult<Value> {
    let d = as_deque(vm, v, "__getitem__")?;
    let i = item_index(vm, d, key)?;
    d.st.lock()
        .items
        .get(i)
        .cloned()
        .ok_or_else(|| PyErr::index_error("deque index out of range"))
}

fn setitem(vm: &mut Vm, v: &Value, key: &Value, value: Option<Value>) -> PyResult<()> {
    let d = as_deque(vm, v, "__setitem__")?;
    let i = item_index(vm, d, key)?;
    let old = {
        let mut st = d.st.lock();
        match value {
            Some(x) => match st.items.get_mut(i) {
                Some(slot) => std::mem::replace(slot, x),
                None => return Err(PyErr::index_error("deque index out of range")),
            },
            None => {
                st.state = st.state.wrapping_add(1);
                match st.items.remove(i) {
                    Some(x) => x,
                    None => return Err(PyErr::index_error("deque index out of range")),
                }
            }
        }
    };
    drop(old);
    Ok(())
}

impl Deque {
    fn len(&self) -> usize {
        self.st.lock().items.len()
    }
}

fn as_deque<'a>(vm: &Vm, v: &'a Value, meth: &str) -> PyResult<&'a Deque> {
    super::downcast::<Deque>(v.payload()).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{meth}' for 'collections.deque' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

/// The receiver of a deque method.
fn this<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a Deque> {
    match a.pos.first() {
        Some(v) => as_deque(vm, v, meth),
        None => Err(PyErr::type_error(format!(
            "descriptor '{meth}' of 'collections.deque' object needs an argument"
        ))),
    }
}

/// `deque.NAME()` with exactly `n` arguments after self, CPython's messages.
#[inline]
fn args_exact(a: &Args, name: &str, n: usize) -> PyResult<()> {
    let got = a.pos.len().saturating_sub(1);
    if got == n && a.kw.is_empty() {
        return Ok(());
    }
    // The messages are built only on the error path (append/popleft are hot).
    a.no_kw(&format!("deque.{name}"))?;
    Err(PyErr::type_error(match n {
        0 => format!("deque.{name}() takes no arguments ({got} given)"),
        _ => format!("deque.{name}() takes exactly one argument ({got} given)"),
    }))
}

/// An index-sized int: OverflowError past i64, as CPython's `Py_ssize_t` conversion.
fn ssize(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v.payload() {
        Value::BigInt(_) => Err(PyErr::overflow_error(
            "Python int too large to convert to C ssize_t",
        )),
        _ => vm.to_index(v),
    }
}

fn mutated() -> PyErr {
    PyErr::runtime_error("deque mutated during iteration")
}

fn deque_new(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = native(Deque::default());
    match a.pos.first() {
        Some(Value::Class(c)) => Ok(crate::vm::natives::wrap_for(c, d)),
        _ => Ok(d),
    }
}

fn deque_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "__init__")?;
    let nargs = a.pos.len() - 1;
    if nargs > 2 {
        return Err(PyErr::type_error(format!(
            "deque() takes at most 2 arguments ({nargs} given)"
        )));
    }
    let mut iterable = a.pos.get(1);
    let mut maxlen = a.pos.get(2);
    for (k, v) in a.kw {
        match k.as_str() {
            "iterable" if iterable.is_none() => iterable = Some(v),
            "maxlen" if maxlen.is_none() => maxlen = Some(v),
            "iterable" | "maxlen" => {
                return Err(PyErr::type_error(format!(
                    "argument for deque() given by name ('{}') and position ({})",
                    k.as_str(),
                    if k.as_str() == "iterable" { 1 } else { 2 }
                )))
            }
            other => {
                return Err(PyErr::type_error(format!(
                    "'{other}' is an invalid keyword argument for deque()"
                )))
            }
        }
    }
    let maxlen = match maxlen {
        None | Some(Value::None) => None,
        Some(m) => {
            let n = match m.payload() {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => ssize(vm, m)?,
                _ if vm.type_of(m).slots.index.get().is_some() => ssize(vm, m)?,
                _ => return Err(PyErr::type_error("an integer is required")),
            };
            if n < 0 {
                return Err(PyErr::value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
    };
    {
        let mut st = d.st.lock();
        let old = std::mem::take(&mut st.items);
        st.maxlen = maxlen;
        st.state = st.state.wrapping_add(1);
        drop(st);
        drop(old);
    }
    if let Some(it) = iterable {
        extend_from(vm, d, a.pos.first().unwrap(), it, false)?;
    }
    Ok(Value::None)
}

/// `extend`/`extendleft`: items are taken one at a time (the borrow is never held
/// while the iterable's Python code runs); the deque itself is copied first.
fn extend_from(vm: &mut Vm, d: &Deque, me: &Value, it: &Value, left: bool) -> PyResult<()> {
    if it.payload().ptr_eq(me.payload()) {
        let items: Vec<Value> = d.st.lock().items.iter().cloned().collect();
        for v in items {
            let dropped = if left {
                d.st.lock().push_front(v)
            } else {
                d.st.lock().push_back(v)
            };
            drop(dropped);
        }
        return Ok(());
    }
    match it {
        Value::List(_) | Value::Tuple(_) => {
            let items = vm.collect(it)?;
            let mut st = d.st.lock();
            let mut dropped = Vec::new();
            for v in items {
                if let Some(x) = if left {
                    st.push_front(v)
                } else {
                    st.push_back(v)
                } {
                    dropped.push(x);
                }
            }
            drop(st);
            drop(dropped);
        }
        _ => {
            let iter = vm.iter(it)?;
            while let Some(v) = vm.next(&iter)? {
                let dropped = if left {
                    d.st.lock().push_front(v)
                } else {
                    d.st.lock().push_back(v)
                };
                drop(dropped);
            }
        }
    }
    Ok(())
}

fn append(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "append")?;
    args_exact(&a, "append", 1)?;
    let dropped = d.st.lock().push_back(a.pos[1].clone());
    drop(dropped);
    Ok(Value::None)
}

fn appendleft(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "appendleft")?;
    args_exact(&a, "appendleft", 1)?;
    let dropped = d.st.lock().push_front(a.pos[1].clone());
    drop(dropped);
    Ok(Value::None)
}

fn pop(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "pop")?;
    args_exact(&a, "pop", 0)?;
    let mut st = d.st.lock();
    st.state = st.state.wrapping_add(1);
    st.items
        .pop_back()
        .ok_or_else(|| PyErr::index_error("pop from an empty deque"))
}

fn popleft(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "popleft")?;
    args_exact(&a, "popleft", 0)?;
    let mut st = d.st.lock();
    st.state = st.state.wrapping_add(1);
    st.items
        .pop_front()
        .ok_or_else(|| PyErr::index_error("pop from an empty deque"))
}

fn extend(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "extend")?;
    args_exact(&a, "extend", 1)?;
    extend_from(vm, d, &a.pos[0], &a.pos[1], false)?;
    Ok(Value::None)
}

fn extendleft(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "extendleft")?;
    args_exact(&a, "extendleft", 1)?;
    extend_from(vm, d, &a.pos[0], &a.pos[1], true)?;
    Ok(Value::None)
}

fn rotate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "rotate")?;
    a.no_kw("deque.rotate")?;
    if a.pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "deque.rotate expected at most 1 argument, got {}",
            a.pos.len() - 1
        )));
    }
    let n = match a.pos.get(1) {
        Some(v) => ssize(vm, v)?,
        None => 1,
    };
    let mut st = d.st.lock();
    let len = st.items.len();
    if len > 1 {
        let k = n.rem_euclid(len as i64) as usize;
        st.items.rotate_right(k);
        st.state = st.state.wrapping_add(1);
    }
    Ok(Value::None)
}

/// A slice bound of `index()`: ints beyond i64 clamp, None is not accepted.
fn slice_bound(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v.payload() {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(b) => Ok(if num_traits::Signed::is_negative(&**b) {
            i64::MIN
        } else {
            i64::MAX
        }),
        _ if vm.type_of(v).slots.index.get().is_some() => match vm.to_index(v) {
            Ok(i) => Ok(i),
            Err(e) if e.is(&crate::vm::types::types().index_error) => Ok(i64::MAX),
            Err(e) => Err(e),
        },
        _ => Err(PyErr::type_error(
            "slice indices must be integers or have an __index__ method",
        )),
    }
}

/// Item `i` of the deque, and whether its state is still `state`.
fn item_at(d: &Deque, i: usize, state: u64) -> PyResult<Option<Value>> {
    let st = d.st.lock();
    if st.state != state {
        return Err(mutated());
    }
    Ok(st.items.get(i).cloned())
}

/// Python-level equality as `PyObject_RichCompareBool`: identity first.
fn same(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    Ok(a.ptr_eq(b) || vm.eq(a, b)?)
}

fn index(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "index")?;
    a.no_kw("index")?;
    let nargs = a.pos.len() - 1;
    if nargs < 1 {
        return Err(PyErr::type_error(format!(
            "index() takes at least 1 argument ({nargs} given)"
        )));
    }
    if nargs > 3 {
        return Err(PyErr::type_error(format!(
            "index() takes at most 3 arguments ({nargs} given)"
        )));
    }
    let x = &a.pos[1];
    let (n, state) = {
        let st = d.st.lock();
        (st.items.len() as i64, st.state)
    };
    let mut start = match a.pos.get(2) {
        Some(v) => slice_bound(vm, v)?,
        None => 0,
    };
    let mut stop = match a.pos.get(3) {
        Some(v) => slice_bound(vm, v)?,
        None => n,
    };
    if start < 0 {
        start = start.saturating_add(n).max(0);
    }
    if stop < 0 {
        stop = stop.saturating_add(n).max(0);
    }
    stop = stop.min(n);
    start = start.min(stop);
    for i in start..stop {
        let Some(item) = item_at(d, i as usize, state)? else {
            break;
        };
        if same(vm, &item, x)? {
            return Ok(Value::Int(i));
        }
        if d.st.lock().state != state {
            return Err(mutated());
        }
    }
    let r = vm.repr(x)?;
    Err(PyErr::value_error(format!("{r} is not in deque")))
}

fn remove(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "remove")?;
    args_exact(&a, "remove", 1)?;
    let x = &a.pos[1];
    let (n, state) = {
        let st = d.st.lock();
        (st.items.len(), st.state)
    };
    for i in 0..n {
        let Some(item) = item_at(d, i, state)? else {
            break;
        };
        let hit = same(vm, &item, x)?;
        let mut st = d.st.lock();
        if st.state != state {
            return Err(PyErr::index_error("deque mutated during iteration"));
        }
        if hit {
            let old = st.items.remove(i);
            st.state = st.state.wrapping_add(1);
            drop(st);
            drop(old);
            return Ok(Value::None);
        }
    }
    let r = vm.repr(x)?;
    Err(PyErr::value_error(format!("{r} is not in deque")))
}

fn insert(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "insert")?;
    a.no_kw("insert")?;
    let nargs = a.pos.len() - 1;
    if nargs != 2 {
        return Err(PyErr::type_error(format!(
            "insert() takes exactly 2 arguments ({nargs} given)"
        )));
    }
    let i = ssize(vm, &a.pos[1])?;
    let mut st = d.st.lock();
    let n = st.items.len() as i64;
    if st.maxlen == Some(n as usize) {
        return Err(PyErr::index_error("deque already at its maximum size"));
    }
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    st.items.insert(at as usize, a.pos[2].clone());
    st.state = st.state.wrapping_add(1);
    Ok(Value::None)
}

fn clear(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "clear")?;
    args_exact(&a, "clear", 0)?;
    let old = {
        let mut st = d.st.lock();
        st.state = st.state.wrapping_add(1);
        std::mem::take(&mut st.items)
    };
    // Freed after the borrow ends: a `__del__` may look at the deque.
    drop(old);
    Ok(Value::None)
}

fn count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "count")?;
    args_exact(&a, "count", 1)?;
    let (n, state) = {
        let st = d.st.lock();
        (st.items.len(), st.state)
    };
    let mut c = 0i64;
    for i in 0..n {
        let Some(item) = item_at(d, i, state)? else {
            break;
        };
        if same(vm, &item, &a.pos[1])? {
            c += 1;
        }
        if d.st.lock().state != state {
            return Err(mutated());
        }
    }
    Ok(Value::Int(c))
}

fn reverse(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "reverse")?;
    args_exact(&a, "reverse", 0)?;
    let mut st = d.st.lock();
    st.items.make_contiguous().reverse();
    Ok(Value::None)
}

/// A new deque of the same type with the same items and maxlen (`deque.copy`, and
/// the first step of `+` and `*`): a subclass is called as `type(d)(d, maxlen)`.
fn copy_of(vm: &mut Vm, me: &Value, d: &Deque) -> PyResult<Value> {
    let ty = vm.type_of(me);
    if !ty.is_heap() {
        let st = d.st.lock();
        return Ok(native(Deque {
            st: ObjCell::new(State {
                items: st.items.clone(),
                maxlen: st.maxlen,
                state: 0,
            }),
            weaklist: Default::default(),
        }));
    }
    let maxlen = d.st.lock().maxlen;
    let args = match maxlen {
        None => vec![me.clone()],
        Some(m) => vec![me.clone(), Value::Int(m as i64)],
    };
    vm.call(&Value::Class(ty), &args, &[])
}

fn copy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "copy")?;
    args_exact(&a, "copy", 0)?;
    copy_of(vm, &a.pos[0], d)
}

fn len_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "__len__")?;
    a.expect("deque.__len__", 1, 1)?;
    Ok(Value::Int(d.len() as i64))
}

fn contains(vm: &mut Vm, v: &Value, x: &Value) -> PyResult<bool> {
    let d = as_deque(vm, v, "__contains__")?;
    let (n, state) = {
        let st = d.st.lock();
        (st.items.len(), st.state)
    };
    for i in 0..n {
        let Some(item) = item_at(d, i, state)? else {
            break;
        };
        if same(vm, &item, x)? {
            return Ok(true);
        }
        if d.st.lock().state != state {
            return Err(mutated());
        }
    }
    Ok(false)
}

fn contains_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this(vm, &a, "__contains__")?;
    a.expect("deque.__contains__", 2, 2)?;
    Ok(Value::Bool(contains(vm, &a.pos[0], &a.pos[1])?))
}

/// An item index: ints and `__index__` objects, CPython's message for the rest.
fn item_index(vm: &mut Vm, d: &Deque, key: &Value) -> PyResult<usize> {
    let i = match key.payload() {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => vm.to_index(key)?,
        _ if vm.type_of(key).slots.index.get().is_some() => vm.to_index(key)?,
        _ => {
            return Err(PyErr::type_error(format!(
                "sequence index must be integer, not '{}'",
                vm.type_name(key)
            )))
        }
    };
    let n = d.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyErr::index_error("deque index out of range"));
    }
    Ok(j as usize)
}

fn getitem_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this(vm, &a, "__getitem__")?;
    a.expect("deque.__getitem__", 2, 2)?;
    getitem(vm, &a.pos[0], &a.pos[1])
}

fn setitem_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "__setitem__")?;
    a.expect("deque.__setitem__", 3, 3)?;
    let i = item_index(vm, d, &a.pos[1])?;
    let old = {
        let mut st = d.st.lock();
        match st.items.get_mut(i) {
            Some(slot) => std::mem::replace(slot, a.pos[2].clone()),
            None => return Err(PyErr::index_error("deque index out of range")),
        }
    };
    drop(old);
    Ok(Value::None)
}

fn delitem_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "__delitem__")?;
    a.expect("deque.__delitem__", 2, 2)?;
    let i = item_index(vm, d, &a.pos[1])?;
    let old = {
        let mut st = d.st.lock();
        st.state = st.state.wrapping_add(1);
        st.items.remove(i)
    };
    drop(old);
    Ok(Value::None)
}

fn repr_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "__repr__")?;
    let me = &a.pos[0];
    let id = me.id();
    if vm.repr_stack.contains(&id) {
        return Ok(Value::str("[...]"));
    }
    let (items, maxlen): (Vec<Value>, Option<usize>) = {
        let st = d.st.lock();
        (st.items.iter().cloned().collect(), st.maxlen)
    };
    vm.repr_stack.push(id);
    let mut parts = Vec::with_capacity(items.len());
    let mut err = None;
    for v in &items {
        match vm.repr(v) {
            Ok(s) => parts.push(s),
            Err(e) => {
                err = Some(e);
                break;
            }
        }
    }
    vm.repr_stack.pop();
    if let Some(e) = err {
        return Err(e);
    }
    // `_PyType_Name`: the part after the module (`deque`, or a subclass's name).
    let full = vm.type_of(me).name().to_string();
    let name = full.rsplit('.').next().unwrap_or(&full);
    let body = parts.join(", ");
    Ok(Value::string(match maxlen {
        None => format!("{name}([{body}])"),
        Some(m) => format!("{name}([{body}], maxlen={m})"),
    }))
}

fn cmp_method(vm: &mut Vm, a: Args, op: CompareOp) -> PyResult<Value> {
    let d = this(vm, &a, "__eq__")?;
    a.expect("deque.__eq__", 2, 2)?;
    let Some(e) = super::downcast::<Deque>(a.pos[1].payload()) else {
        return Ok(crate::vm::ops::not_implemented());
    };
    let xs: Vec<Value> = d.st.lock().items.iter().cloned().collect();
    let ys: Vec<Value> = e.st.lock().items.iter().cloned().collect();
    // Lexicographic, as sequences compare: the first unequal pair decides.
    if matches!(op, CompareOp::Eq | CompareOp::Ne) && xs.len() != ys.len() {
        return Ok(Value::Bool(op == CompareOp::Ne));
    }
    for (x, y) in xs.iter().zip(ys.iter()) {
        if !same(vm, x, y)? {
            return match op {
                CompareOp::Eq => Ok(Value::Bool(false)),
                CompareOp::Ne => Ok(Value::Bool(true)),
                _ => vm.compare(op, x, y),
            };
        }
    }
    let (l, m) = (xs.len(), ys.len());
    Ok(Value::Bool(match op {
        CompareOp::Eq => l == m,
        CompareOp::Ne => l != m,
        CompareOp::Lt => l < m,
        CompareOp::Le => l <= m,
        CompareOp::Gt => l > m,
        CompareOp::Ge => l >= m,
    }))
}

fn add_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "__add__")?;
    a.expect("deque.__add__", 2, 2)?;
    let other = &a.pos[1];
    if super::downcast::<Deque>(other.payload()).is_none() {
        return Err(PyErr::type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            vm.type_name(other)
        )));
    }
    let new = copy_of(vm, &a.pos[0], d)?;
    let nd = as_deque(vm, &new, "__add__")?;
    extend_from(vm, nd, &new, other, false)?;
    Ok(new)
}

/// The repeat count of `*`: CPython's message for a non-int.
fn repeat_count(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v.payload() {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => ssize(vm, v),
        _ if vm.type_of(v).slots.index.get().is_some() => ssize(vm, v),
        _ => Err(PyErr::type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            vm.type_name(v)
        ))),
    }
}

/// Repeats the deque's items in place `n` times (maxlen keeps the last ones).
fn repeat_in_place(d: &Deque, n: i64) -> PyResult<()> {
    let mut st = d.st.lock();
    if n <= 0 || st.items.is_empty() {
        let old = std::mem::take(&mut st.items);
        st.state = st.state.wrapping_add(1);
        drop(st);
        drop(old);
        return Ok(());
    }
    let len = st.items.len();
    let total = (len as u128) * (n as u128);
    let keep = match st.maxlen {
        Some(m) => total.min(m as u128) as usize,
        None => {
            if total > (isize::MAX as u128) / 16 {
                return Err(crate::vm::builtins::exceptions::memory_error());
            }
            total as usize
        }
    };
    let items: Vec<Value> = st.items.iter().cloned().collect();
    // The result ends with the last `keep` items of the full repetition.
    let skip = (total - keep as u128) as usize % len;
    let mut out = VecDeque::with_capacity(keep);
    let mut i = skip;
    while out.len() < keep {
        out.push_back(items[i].clone());
        i += 1;
        if i == len {
            i = 0;
        }
    }
    let old = std::mem::replace(&mut st.items, out);
    st.state = st.state.wrapping_add(1);
    drop(st);
    drop(old);
    Ok(())
}

fn mul_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "__mul__")?;
    a.expect("deque.__mul__", 2, 2)?;
    let n = repeat_count(vm, &a.pos[1])?;
    let new = copy_of(vm, &a.pos[0], d)?;
    repeat_in_place(as_deque(vm, &new, "__mul__")?, n)?;
    Ok(new)
}

fn iadd_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "__iadd__")?;
    a.expect("deque.__iadd__", 2, 2)?;
    extend_from(vm, d, &a.pos[0], &a.pos[1], false)?;
    Ok(a.pos[0].clone())
}

fn imul_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "__imul__")?;
    a.expect("deque.__imul__", 2, 2)?;
    let n = repeat_count(vm, &a.pos[1])?;
    repeat_in_place(d, n)?;
    Ok(a.pos[0].clone())
}

/// `(type, (), state, iterator)` or `(type, ((), maxlen), state, iterator)`, as
/// CPython's: `copy` and `pickle`-style reconstruction append the items back.
fn reduce_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = this(vm, &a, "__reduce__")?;
    let me = &a.pos[0];
    let cls = Value::Class(vm.type_of(me));
    let empty = Value::Tuple(Ref::new(vec![]));
    let args = match d.st.lock().maxlen {
        None => empty,
        Some(m) => Value::Tuple(Ref::new(vec![empty, Value::Int(m as i64)])),
    };
    let state = match vm.getattr_opt(me, &intern("__dict__"))? {
        Some(Value::Dict(dd)) if !dd.map.lock().is_empty() => Value::Dict(dd),
        _ => Value::None,
    };
    let it = make_iter(vm, me, false)?;
    Ok(Value::Tuple(Ref::new(vec![cls, args, state, it])))
}

fn class_getitem(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    // As `list[int]` in gilvm (no GenericAlias yet): the class itself.
    Ok(a.pos.first().cloned().unwrap_or(Value::None))
}

fn iter_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this(vm, &a, "__iter__")?;
    make_iter(vm, &a.pos[0], false)
}

fn reversed_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this(vm, &a, "__reversed__")?;
    make_iter(vm, &a.pos[0], true)
}

// ----- iterators --------------------------------------------------------------------

#[derive(Debug)]
struct DequeIter {
    /// The deque object (its payload, for a subclass instance).
    deque: Value,
    reverse: bool,
    pos: ObjCell<IterPos>,
}

#[derive(Debug)]
struct IterPos {
    /// Items handed out so far.
    index: usize,
    /// Items left (CPython's `counter`); 0 once exhausted or after a mutation.
    left: usize,
    state: u64,
}

fn make_iter(vm: &mut Vm, v: &Value, reverse: bool) -> PyResult<Value> {
    let d = as_deque(vm, v, "__iter__")?;
    let (len, state) = {
        let st = d.st.lock();
        (st.items.len(), st.state)
    };
    Ok(native(DequeIter {
        deque: v.payload().clone(),
        reverse,
        pos: ObjCell::new(IterPos {
            index: 0,
            left: len,
            state,
        }),
    }))
}

fn iter_class(reverse: bool) -> Ref<Class> {
    static F: OnceLock<Ref<Class>> = OnceLock::new();
    static R: OnceLock<Ref<Class>> = OnceLock::new();
    let methods: &[(&'static str, NativeFn)] = &[
        ("__iter__", super::iter_self),
        ("__next__", super::next_method),
        ("__length_hint__", iter_length_hint),
    ];
    let (cell, name) = if reverse {
        (&R, "_deque_reverse_iterator")
    } else {
        (&F, "_deque_iterator")
    };
    native_class(cell, "_collections", name, methods, &[])
}

fn iter_length_hint(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let it = super::this::<DequeIter>(vm, &a, "_deque_iterator", "__length_hint__")?;
    let left = it.pos.lock().left;
    Ok(Value::Int(left as i64))
}

impl NativeObject for DequeIter {
    fn class(&self) -> Ref<Class> {
        iter_class(self.reverse)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.deque.visit(visit);
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn iter_next(&self, _vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(d) = super::downcast::<Deque>(&self.deque) else {
            return Ok(None);
        };
        let st = d.st.lock();
        let mut pos = self.pos.lock();
        if st.state != pos.state {
            pos.left = 0;
            return Err(mutated());
        }
        if pos.left == 0 {
            return Ok(None);
        }
        let n = st.items.len();
        let i = if self.reverse {
            n - 1 - pos.index
        } else {
            pos.index
        };
        pos.index += 1;
        pos.left -= 1;
        Ok(st.items.get(i).cloned())
    }
}

// ----- namedtuple's field descriptor ------------------------------------------------

/// `_tuplegetter(index, doc)`: the data descriptor behind a namedtuple's field names
/// (item `index` of the tuple; read-only), as CPython's C one.
#[derive(Debug)]
struct TupleGetter {
    index: usize,
    doc: Value,
}

impl NativeObject for TupleGetter {
    fn class(&self) -> Ref<Class> {
        tuplegetter_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.doc.visit(visit);
    }
    fn attr(&self, name: &str) -> Option<Value> {
        (name == "__doc__").then(|| self.doc.clone())
    }
}

fn tuplegetter_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let c = native_class(
        &C,
        "_collections",
        "_tuplegetter",
        &[("__new__", tuplegetter_new)],
        &[],
    );
    c.slots.descr_get.set(Some(tuplegetter_get));
    c.slots.descr_set.set(Some(|_, _, _, v| {
        Err(PyErr::attribute_error(if v.is_some() {
            "can't set attribute"
        } else {
            "can't delete attribute"
        }))
    }));
    c
}

fn tuplegetter_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_tuplegetter")?;
    if a.pos.len() != 3 {
        return Err(PyErr::type_error(format!(
            "_tuplegetter expected 2 arguments, got {}",
            a.pos.len().saturating_sub(1)
        )));
    }
    let index = ssize(vm, &a.pos[1])?;
    Ok(native(TupleGetter {
        index: index.max(0) as usize,
        doc: a.pos[2].clone(),
    }))
}

fn tuplegetter_get(
    vm: &mut Vm,
    descr: &Value,
    obj: Option<&Value>,
    _ty: &Value,
) -> PyResult<Value> {
    let Some(obj) = obj.filter(|o| !matches!(o, Value::None)) else {
        return Ok(descr.clone());
    };
    let Some(g) = super::downcast::<TupleGetter>(descr) else {
        return Ok(descr.clone());
    };
    match obj.payload() {
        Value::Tuple(t) => t
            .get(g.index)
            .cloned()
            .ok_or_else(|| PyErr::index_error("tuple index out of range")),
        _ => Err(PyErr::type_error(format!(
            "descriptor for index '{}' for tuple subclasses doesn't apply to '{}' object",
            g.index,
            vm.type_name(obj)
        ))),
    }
}

// ----- Counter's helper -----------------------------------------------------------

/// `_count_elements(mapping, iterable)`: `mapping[x] = mapping.get(x, 0) + 1` for
/// each item, the loop of `Counter.update` run in Rust.
fn count_elements(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("_count_elements")?;
    a.expect("_count_elements", 2, 2)?;
    let mapping = &a.pos[0];
    if let Some(d) = plain_dict_methods(mapping) {
        return count_into_dict(vm, &d, &a.pos[1]);
    }
    let get = vm.getattr(mapping, &intern("get"))?;
    let it = vm.iter(&a.pos[1])?;
    let zero = Value::Int(0);
    let one = Value::Int(1);
    while let Some(x) = vm.next(&it)? {
        let old = vm.call(&get, &[x.clone(), zero.clone()], &[])?;
        let new = vm.binary_op(crate::bytecode::BinaryOp::Add, &old, &one)?;
        vm.setitem(mapping, x, new)?;
    }
    Ok(Value::None)
}

/// The dict under `mapping` when its class takes `get` and `__setitem__` from dict
/// itself (Counter does): then counting may skip the method calls, as CPython's
/// `_count_elements` does.
fn plain_dict_methods(mapping: &Value) -> Option<Ref<DictObj>> {
    let Value::Dict(d) = mapping.payload() else {
        return None;
    };
    let (ty, dict) = (crate::vm::dispatch::type_ref(mapping), &types().dict);
    let same = |name: &str| match (ty.lookup_str(name), dict.lookup_str(name)) {
        (Some(x), Some(y)) => x.ptr_eq(&y),
        _ => false,
    };
    (same("get") && same("__setitem__")).then(|| d.clone())
}

/// `mapping[x] = mapping.get(x, 0) + 1` for each `x`, on the dict itself.
fn count_into_dict(vm: &mut Vm, d: &Ref<DictObj>, iterable: &Value) -> PyResult<Value> {
    let it = vm.iter(iterable)?;
    let one = Value::Int(1);
    while let Some(x) = vm.next(&it)? {
        let k = vm.dict_key(d, x)?;
        let old = d.map.lock().get(&k).cloned();
        let new = match old {
            Some(Value::Int(n)) if n < i64::MAX => Value::Int(n + 1),
            Some(v) => vm.binary_op(crate::bytecode::BinaryOp::Add, &v, &one)?,
            None => one.clone(),
        };
        // The replaced count is dropped after the lock is let go.
        let replaced = d.map.lock().insert(k, new);
        drop(replaced);
    }
    Ok(Value::None)
}

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    d.set_str("deque", Value::Class(deque_class()));
    d.set_str("_deque_iterator", Value::Class(iter_class(false)));
    d.set_str("_deque_reverse_iterator", Value::Class(iter_class(true)));
    d.set_str("_tuplegetter", Value::Class(tuplegetter_class()));
    super::add_functions(d, &[("_count_elements", count_elements)]);
    Ok(())
}
