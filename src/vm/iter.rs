//! Iteration: `iter()`/`next()` for built-in and user iterators, generators
//! (resume, send, throw, close), unpacking, and collecting iterables into vectors.

use super::errors::{PyErr, PyResult};
use super::eval::Exit;
use super::object::*;
use super::typeobj::TypeObj;
use super::types::types;
use super::value::Value;
use super::Vm;
use crate::vm::refcount::Ref;

/// What sending a value into a sub-iterator gave (YIELD_FROM, `send`).
pub enum Sent {
    Yielded(Value),
    Returned(Value),
}

/// A built-in iterator whose type is `ty` (one of the iterator types in `types()`).
pub fn new_iter_typed(state: IterState, ty: &Ref<TypeObj>) -> Value {
    Value::Iter(Ref::with_type(
        IterObj {
            state: super::cell::ObjCell::new(state),
        },
        ty.clone(),
    ))
}

/// A built-in iterator whose type is named `kind` (`"list_iterator"`, `"zip"`, ...):
/// the built-in iterator type of that name, or one made (once per process) for a
/// name that has none yet, so native modules can have iterators of their own types.
pub fn new_iter(state: IterState, kind: &'static str) -> Value {
    new_iter_typed(state, &iterator_type(kind))
}

fn iterator_type(kind: &'static str) -> Ref<TypeObj> {
    let t = types();
    let known = match kind {
        "iterator" => &t.iterator,
        "list_iterator" => &t.list_iterator,
        "list_reverseiterator" => &t.list_reverseiterator,
        "tuple_iterator" => &t.tuple_iterator,
        "str_iterator" => &t.str_iterator,
        "str_ascii_iterator" => &t.str_ascii_iterator,
        "range_iterator" => &t.range_iterator,
        "dict_keyiterator" => &t.dict_keyiterator,
        "dict_valueiterator" => &t.dict_valueiterator,
        "dict_itemiterator" => &t.dict_itemiterator,
        "dict_reversekeyiterator" => &t.dict_reversekeyiterator,
        "set_iterator" => &t.set_iterator,
        "reversed" => &t.reversed,
        "enumerate" => &t.enumerate,
        "zip" => &t.zip,
        "map" => &t.map,
        "filter" => &t.filter,
        "callable_iterator" => &t.callable_iterator,
        _ => return other_iterator_type(kind),
    };
    known.clone()
}

fn other_iterator_type(kind: &'static str) -> Ref<TypeObj> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static MADE: OnceLock<Mutex<HashMap<&'static str, Ref<TypeObj>>>> = OnceLock::new();
    let mut m = MADE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    m.entry(kind)
        // Not `new_class`: its built-in kind has the native-object layout, and the
        // collector would walk these `IterObj`s as `Native`s (a crash).
        .or_insert_with(|| super::types::builtin_iterator_type(kind))
        .clone()
}

/// An iterator over a range whose elements or length are past i64: by position,
/// each element computed with bigints (CPython's longrange_iterator).
pub fn range_iter(r: &Value, kind: &'static str) -> Value {
    new_iter(
        IterState::Seq {
            seq: r.clone(),
            idx: 0,
        },
        kind,
    )
}

impl Vm {
    /// `iter(v)` for the built-in iterables (the iter slot of list, str, dict, ...).
    pub fn iter_builtin(&mut self, v: &Value) -> PyResult<Value> {
        let t = types();
        Ok(match v {
            Value::Range(r) if r.big.is_some() => range_iter(v, "longrange_iterator"),
            Value::Range(r) => new_iter_typed(
                IterState::Range {
                    cur: r.start,
                    stop: r.stop,
                    step: r.step,
                },
                &t.range_iterator,
            ),
            Value::List(_) => new_iter_typed(
                IterState::Seq {
                    seq: v.clone(),
                    idx: 0,
                },
                &t.list_iterator,
            ),
            Value::Tuple(_) => new_iter_typed(
                IterState::Seq {
                    seq: v.clone(),
                    idx: 0,
                },
                &t.tuple_iterator,
            ),
            Value::Str(s) => new_iter_typed(
                IterState::Str {
                    s: s.clone(),
                    byte: 0,
                },
                if s.is_ascii() {
                    &t.str_ascii_iterator
                } else {
                    &t.str_iterator
                },
            ),
            Value::Dict(d) => new_iter_typed(
                IterState::DictKeys {
                    dict: d.clone(),
                    idx: 0,
                    len: d.map.lock().len(),
                },
                &t.dict_keyiterator,
            ),
            Value::Set(s) => {
                let items: Vec<Value> = s.items.lock().iter().map(|k| k.key.clone()).collect();
                let len = items.len();
                new_iter_typed(
                    IterState::Sized {
                        items,
                        idx: 0,
                        source: v.clone(),
                        len,
                    },
                    &t.set_iterator,
                )
            }
            _ => return Err(not_iterable(self, v)),
        })
    }

    pub(crate) fn next_builtin(&mut self, obj: &Ref<IterObj>) -> PyResult<Option<Value>> {
        let mut st = obj.state.lock();
        match &mut *st {
            IterState::Range { cur, stop, step } => {
                if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                    let v = *cur;
                    *cur = cur.saturating_add(*step);
                    Ok(Some(Value::Int(v)))
                } else {
                    Ok(None)
                }
            }
            IterState::Seq { seq, idx } => {
                let item = match seq {
                    Value::List(l) => l.items.lock().get(*idx).cloned(),
                    Value::Tuple(t) => t.get(*idx).cloned(),
                    Value::Range(r) => r.item_at(*idx),
                    _ => None,
                };
                if item.is_some() {
                    *idx += 1;
                } else {
                    *st = IterState::Done;
                }
                Ok(item)
            }
            IterState::Str { s, byte } => {
                let rest = &s.as_str()[*byte..];
                match rest.chars().next() {
                    Some(c) => {
                        *byte += c.len_utf8();
                        Ok(Some(super::value::char_value(c)))
                    }
                    None => Ok(None),
                }
            }
            IterState::DictKeys { dict, idx, len }
            | IterState::DictValues { dict, idx, len }
            | IterState::DictItems { dict, idx, len } => {
                let map = dict.map.lock();
                if map.len() != *len {
                    *len = usize::MAX;
                    return Err(PyErr::runtime_error(
                        "dictionary changed size during iteration",
                    ));
                }
                // Slots, not positions: deletions leave holes, stepped over here.
                let entry = map
                    .next_from(*idx)
                    .map(|(i, k, v)| (i, k.key.clone(), v.clone()));
                drop(map);
                let next = entry.as_ref().map_or(usize::MAX / 2, |e| e.0 + 1);
                let entry = entry.map(|(_, k, v)| (k, v));
                let kind = match &*st {
                    IterState::DictKeys { .. } => 0,
                    IterState::DictValues { .. } => 1,
                    _ => 2,
                };
                if let IterState::DictKeys { idx, .. }
                | IterState::DictValues { idx, .. }
                | IterState::DictItems { idx, .. } = &mut *st
                {
                    *idx = next;
                }
                Ok(entry.map(|(k, v)| match kind {
                    0 => k,
                    1 => v,
                    _ => Value::tuple(vec![k, v]),
                }))
            }
            IterState::Items { items, idx } => {
                let v = items.get(*idx).cloned();
                *idx += 1;
                Ok(v)
            }
            IterState::Sized {
                items,
                idx,
                source,
                len,
            } => {
                let (now, what) = match source {
                    Value::Set(s) => (s.items.lock().len(), "Set"),
                    Value::Dict(d) => (d.map.lock().len(), "dictionary"),
                    _ => (*len, ""),
                };
                if now != *len {
                    // Sticky, as CPython's: every later next() raises too.
                    *len = usize::MAX;
                    return Err(PyErr::runtime_error(format!(
                        "{what} changed size during iteration"
                    )));
                }
                let v = items.get(*idx).cloned();
                *idx += 1;
                Ok(v)
            }
            IterState::Done => Ok(None),
            _ => {
                // Iterators that run Python code: take the state out so no guard is held.
                let taken = std::mem::replace(&mut *st, IterState::Done);
                drop(st);
                let (r, back) = self.next_composite(taken)?;
                *obj.state.lock() = back;
                Ok(r)
            }
        }
    }

    /// `zip(strict=True)` after iterator `i` ran out: a later one ran out first
    /// (`i > 0`), or the first did and one of the others still has an item; the
    /// messages are CPython's.
    fn zip_check_lengths(&mut self, iters: &[Value], i: usize) -> PyResult<()> {
        let upto = |n: usize| {
            if n == 1 {
                " 1".to_string()
            } else {
                format!("s 1-{n}")
            }
        };
        if i > 0 {
            return Err(PyErr::value_error(format!(
                "zip() argument {} is shorter than argument{}",
                i + 1,
                upto(i)
            )));
        }
        for (j, it) in iters.iter().enumerate().skip(1) {
            if self.next(it)?.is_some() {
                return Err(PyErr::value_error(format!(
                    "zip() argument {} is longer than argument{}",
                    j + 1,
                    upto(j)
                )));
            }
        }
        Ok(())
    }

    fn next_composite(&mut self, st: IterState) -> PyResult<(Option<Value>, IterState)> {
        match st {
            IterState::Enumerate {
                inner,
                count,
                mut last,
            } => match self.next(&inner)? {
                Some(v) => {
                    let next =
                        self.binary_op(crate::bytecode::BinaryOp::Add, &count, &Value::Int(1))?;
                    // Refilled only when nothing else holds the last tuple; `next`
                    // above ran Python code, so the count is read after it.
                    let t = match last.as_mut().and_then(Ref::get_mut) {
                        Some(t) => {
                            let old = (
                                std::mem::replace(&mut t[0], count),
                                std::mem::replace(&mut t[1], v),
                            );
                            // Dropped once the tuple is whole again: a `__del__` of
                            // an old item runs Python code.
                            drop(old);
                            last.clone().expect("just refilled")
                        }
                        None => {
                            let r = Ref::new(vec![count, v]);
                            last = Some(r.clone());
                            r
                        }
                    };
                    Ok((
                        Some(Value::Tuple(t)),
                        IterState::Enumerate {
                            inner,
                            count: next,
                            last,
                        },
                    ))
                }
                None => Ok((None, IterState::Done)),
            },
            IterState::Zip {
                iters,
                mut last,
                strict,
            } => {
                if iters.is_empty() {
                    return Ok((None, IterState::Done));
                }
                if let Some(r) = last.as_mut().filter(|r| Ref::header(r).refcount() == 1) {
                    // The consumer let go of the last tuple: refill it. Each item goes
                    // in as soon as it is fetched, with the count checked again, since
                    // fetching runs Python code that could take a reference to the
                    // tuple (gc.get_objects); then it is copied, as a shared tuple must
                    // not change.
                    for (i, it) in iters.iter().enumerate() {
                        let Some(v) = self.next(it)? else {
                            if strict {
                                self.zip_check_lengths(&iters, i)?;
                            }
                            return Ok((None, IterState::Done));
                        };
                        match Ref::get_mut(r) {
                            Some(t) => t[i] = v,
                            None => {
                                let mut fresh = (**r).clone();
                                fresh[i] = v;
                                *r = Ref::new(fresh);
                            }
                        }
                    }
                    let t = Value::Tuple(r.clone());
                    return Ok((
                        Some(t),
                        IterState::Zip {
                            iters,
                            last,
                            strict,
                        },
                    ));
                }
                let mut out = Vec::with_capacity(iters.len());
                for (i, it) in iters.iter().enumerate() {
                    match self.next(it)? {
                        Some(v) => out.push(v),
                        None => {
                            if strict {
                                self.zip_check_lengths(&iters, i)?;
                            }
                            return Ok((None, IterState::Done));
                        }
                    }
                }
                let r = Ref::new(out);
                let t = Value::Tuple(r.clone());
                last = Some(r);
                Ok((
                    Some(t),
                    IterState::Zip {
                        iters,
                        last,
                        strict,
                    },
                ))
            }
            IterState::Map { func, iters } => {
                let mut args = Vec::with_capacity(iters.len());
                for it in &iters {
                    match self.next(it)? {
                        Some(v) => args.push(v),
                        None => return Ok((None, IterState::Done)),
                    }
                }
                let v = self.call(&func, &args, &[])?;
                Ok((Some(v), IterState::Map { func, iters }))
            }
            IterState::Filter { func, inner } => loop {
                match self.next(&inner)? {
                    Some(v) => {
                        let keep = match &func {
                            Value::None => self.truthy(&v)?,
                            f => {
                                let r = self.call(f, std::slice::from_ref(&v), &[])?;
                                self.truthy(&r)?
                            }
                        };
                        if keep {
                            return Ok((Some(v), IterState::Filter { func, inner }));
                        }
                    }
                    None => return Ok((None, IterState::Done)),
                }
            },
            IterState::GetItem { obj, idx } => match self.getitem(&obj, &Value::Int(idx)) {
                Ok(v) => Ok((Some(v), IterState::GetItem { obj, idx: idx + 1 })),
                Err(e) if e.is(&types().index_error) || e.is(&types().stop_iteration) => {
                    Ok((None, IterState::Done))
                }
                Err(e) => Err(e),
            },
            IterState::Callable { func, sentinel } => {
                let v = self.call(&func, &[], &[])?;
                if self.eq(&v, &sentinel)? {
                    Ok((None, IterState::Done))
                } else {
                    Ok((Some(v), IterState::Callable { func, sentinel }))
                }
            }
            other => Ok((None, other)),
        }
    }

    /// Resumes a generator with `sent` (or raises `throw` inside it).
    pub fn gen_resume(
        &mut self,
        g: &Ref<Generator>,
        sent: Value,
        throw: Option<PyErr>,
    ) -> PyResult<Sent> {
        let mut frame = {
            let mut st = g.state.lock();
            if st.running {
                return Err(PyErr::value_error(format!(
                    "{} already executing",
                    g.kind.name()
                )));
            }
            if st.finished {
                drop(st);
                if g.kind == GenKind::Coroutine {
                    return Err(PyErr::runtime_error(
                        "cannot reuse already awaited coroutine",
                    ));
                }
                return match throw {
                    Some(e) => Err(e),
                    None => Ok(Sent::Returned(Value::None)),
                };
            }
            let Some(frame) = st.frame.take() else {
                return Err(PyErr::value_error(format!(
                    "{} already executing",
                    g.kind.name()
                )));
            };
            if !st.started && !matches!(sent, Value::None) && throw.is_none() {
                st.frame = Some(frame);
                return Err(PyErr::type_error(format!(
                    "can't send non-None value to a just-started {}",
                    g.kind.name()
                )));
            }
            if !st.started {
                if let Some(e) = throw {
                    st.finished = true;
                    return Err(e);
                }
            }
            st.running = true;
            frame
        };
        let was_started = g.state.lock().started;
        let mut throw = throw;
        let mut delegated = false;
        // Suspended inside `yield from` a generator: a thrown exception goes to the
        // inner generator first, as in CPython (PEP 380).
        if let (Some(_), true) = (&throw, was_started) {
            let at_yield_from = frame
                .code
                .instrs
                .get(frame.pc)
                .is_some_and(|i| i.op == crate::bytecode::Op::YieldFrom);
            if let (true, Some(sub)) = (at_yield_from, frame.stack.last()) {
                let sub = sub.clone();
                let e = throw.take().expect("checked above");
                match self.throw_into(&sub, e) {
                    Ok(Sent::Yielded(v)) => {
                        let mut st = g.state.lock();
                        st.frame = Some(frame);
                        st.running = false;
                        return Ok(Sent::Yielded(v));
                    }
                    Ok(Sent::Returned(r)) => {
                        frame.stack.pop();
                        frame.stack.push(r);
                        frame.pc += 1;
                        delegated = true;
                    }
                    Err(e) => {
                        frame.pc += 1;
                        throw = Some(e);
                    }
                }
            }
        }
        if was_started && throw.is_none() && !delegated {
            frame.stack.push(sent);
        }
        // The generator's own `except` state comes back; the caller's is kept aside.
        let outer = self.handling.clone();
        let inner_exc = {
            let mut st = g.state.lock();
            st.started = true;
            st.exc.take()
        };
        if let Some(e) = inner_exc {
            self.handling = e;
        }
        if let Err(e) = self.enter_call() {
            self.handling = outer;
            let mut st = g.state.lock();
            st.running = false;
            st.frame = Some(frame);
            return Err(e);
        }
        let r = self.run_frame(frame, throw);
        self.leave_call();
        let inner = std::mem::replace(&mut self.handling, outer);
        let mut st = g.state.lock();
        st.running = false;
        match r {
            Ok(Exit::Yield(v, frame)) => {
                st.frame = Some(frame);
                if !inner.ptr_eq(&self.handling) {
                    st.exc = Some(inner);
                }
                Ok(Sent::Yielded(v))
            }
            Ok(Exit::Return(v)) => {
                st.finished = true;
                Ok(Sent::Returned(v))
            }
            Err(e) => {
                st.finished = true;
                drop(st);
                let what = g.kind.name();
                if e.is(&types().stop_iteration) {
                    return Err(chained(
                        PyErr::runtime_error(format!("{what} raised StopIteration")),
                        e,
                    ));
                }
                if g.kind == GenKind::AsyncGenerator && e.is(&types().stop_async_iteration) {
                    return Err(chained(
                        PyErr::runtime_error(format!("{what} raised StopAsyncIteration")),
                        e,
                    ));
                }
                Err(e)
            }
        }
    }

    /// YIELD_FROM's send: generators are resumed directly, other iterators get `next()`
    /// (or their `send` method when a value other than None is sent).
    pub fn send_to(&mut self, sub: &Value, sent: Value) -> PyResult<Sent> {
        match sub {
            Value::Generator(g) => self.gen_resume(g, sent, None),
            Value::Iter(_) if matches!(sent, Value::None) => match self.next(sub)? {
                Some(v) => Ok(Sent::Yielded(v)),
                None => Ok(Sent::Returned(Value::None)),
            },
            _ => {
                // The StopIteration's value is the result of `yield from` / `await`.
                let r = if matches!(sent, Value::None) {
                    match self.type_of(sub).lookup_str("__next__") {
                        Some(m) => self.call(&m, std::slice::from_ref(sub), &[]),
                        None => {
                            return Err(PyErr::type_error(format!(
                                "'{}' object is not an iterator",
                                self.type_name(sub)
                            )))
                        }
                    }
                } else {
                    let m = self.getattr_str(sub, "send")?;
                    self.call(&m, &[sent], &[])
                };
                match r {
                    Ok(v) => Ok(Sent::Yielded(v)),
                    Err(e) if e.is(&types().stop_iteration) => Ok(Sent::Returned(
                        e.args().first().cloned().unwrap_or(Value::None),
                    )),
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// Every item of an iterable, in order.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => Ok(l.items.lock().clone()),
            Value::Tuple(t) => Ok((**t).clone()),
            _ => {
                let it = self.iter(v)?;
                if let Some(items) = dict_snapshot(&it) {
                    return Ok(items);
                }
                // A range's size is known: MemoryError at once, as CPython's
                // preallocation, rather than growing towards it.
                let mut out = match v {
                    Value::Range(r) => super::alloc::vec(r.len_checked()?)?,
                    _ => vec![],
                };
                while let Some(x) = self.next(&it)? {
                    out.push(x);
                }
                Ok(out)
            }
        }
    }

    /// UNPACK_SEQUENCE: pushes exactly `n` items so the first ends on top.
    pub fn unpack_into(&mut self, seq: &Value, n: usize, stack: &mut Vec<Value>) -> PyResult<()> {
        let items = match seq {
            Value::Tuple(t) if t.len() == n => {
                stack.extend(t.iter().rev().cloned());
                return Ok(());
            }
            Value::List(_) | Value::Tuple(_) => self.collect(seq)?,
            _ => {
                let it = self.iter(seq).map_err(|_| {
                    PyErr::type_error(format!(
                        "cannot unpack non-iterable {} object",
                        self.type_name(seq)
                    ))
                })?;
                let mut out = vec![];
                while let Some(x) = self.next(&it)? {
                    out.push(x);
                    if out.len() > n {
                        return Err(PyErr::value_error(format!(
                            "too many values to unpack (expected {n})"
                        )));
                    }
                }
                out
            }
        };
        if items.len() > n {
            return Err(PyErr::value_error(format!(
                "too many values to unpack (expected {n})"
            )));
        }
        if items.len() < n {
            return Err(PyErr::value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        stack.extend(items.into_iter().rev());
        Ok(())
    }

    /// DICT_MERGE for `f(**kw)`: string keys only, no repeats.
    pub fn dict_merge_kwargs(&mut self, dst: &Value, src: &Value) -> PyResult<()> {
        let Value::Dict(d) = dst else {
            return Ok(());
        };
        let items: Vec<(HKey, Value)> = match src {
            Value::Dict(s) => s
                .map
                .lock()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            _ => {
                return Err(PyErr::type_error(format!(
                    "argument after ** must be a mapping, not {}",
                    self.type_name(src)
                )))
            }
        };
        let mut m = d.map.lock();
        for (k, v) in items {
            if !matches!(k.key, Value::Str(_)) {
                return Err(PyErr::type_error("keywords must be strings"));
            }
            if m.contains_key(&k) {
                let name = match &k.key {
                    Value::Str(s) => s.as_str().to_string(),
                    _ => String::new(),
                };
                return Err(PyErr::type_error(format!(
                    "got multiple values for keyword argument '{name}'"
                )));
            }
            m.insert(k, v);
        }
        Ok(())
    }
}

/// `new` raised while `cause` propagated: its `__cause__` and `__context__` (as
/// CPython does for "generator raised StopIteration").
fn chained(new: PyErr, cause: PyErr) -> PyErr {
    if let Some(inst) = new.instance() {
        if let Some(d) = &inst.exc {
            let mut d = d.lock();
            d.cause = Some(cause.exc.clone());
            d.context = Some(cause.exc);
            d.suppress_context = true;
        }
    }
    new
}

fn not_iterable(vm: &Vm, v: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not iterable", vm.type_name(v)))
}

/// Every item of a fresh dict, keys, values or items iterator, copied under one
/// hold of the dict's lock: `list(d.items())` is one step, as under CPython's GIL,
/// even when another thread changes the dict (`--gil off`) meanwhile.
fn dict_snapshot(it: &Value) -> Option<Vec<Value>> {
    let Value::Iter(obj) = it else {
        return None;
    };
    let mut st = obj.state.lock();
    let (dict, idx, len, kind) = match &mut *st {
        IterState::DictKeys { dict, idx, len } => (dict, idx, len, 0),
        IterState::DictValues { dict, idx, len } => (dict, idx, len, 1),
        IterState::DictItems { dict, idx, len } => (dict, idx, len, 2),
        _ => return None,
    };
    if *idx != 0 {
        return None;
    }
    // The iterator is fresh and no one else has it, so copying the dict as it is now
    // is what iterating it made now would give (the size it noted may be stale).
    let pairs: Vec<(Value, Value)> = dict
        .map
        .lock()
        .iter()
        .map(|(k, v)| (k.key.clone(), v.clone()))
        .collect();
    *idx = usize::MAX / 2;
    *len = pairs.len();
    drop(st);
    Some(
        pairs
            .into_iter()
            .map(|(k, v)| match kind {
                0 => k,
                1 => v,
                _ => Value::tuple(vec![k, v]),
            })
            .collect(),
    )
}
