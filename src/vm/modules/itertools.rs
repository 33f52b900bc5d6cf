//! The `itertools` module, native as CPython's: every iterator is one Rust object whose
//! state is stepped by `iter_next`, with CPython's algorithms (so combinatorics come
//! out in the same order) and CPython's argument errors.

use super::{bind, downcast, native, native_class, next_method, this};
use crate::bytecode::BinaryOp;
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, DictObj, NativeFn, NativeObject};
use crate::vm::refcount::{HasType, Header, LayoutFns, Payload, Ref};
use crate::vm::typeobj::TypeObj;
use crate::vm::types::internal_type;
use crate::vm::value::Value;
use crate::vm::Vm;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Count,
    Cycle,
    Repeat,
    Accumulate,
    Chain,
    Compress,
    DropWhile,
    TakeWhile,
    FilterFalse,
    GroupBy,
    Grouper,
    ISlice,
    Pairwise,
    StarMap,
    Tee,
    ZipLongest,
    Product,
    Permutations,
    Combinations,
    CombWithRep,
}

const KINDS: usize = 20;

impl Kind {
    fn name(self) -> &'static str {
        use Kind::*;
        match self {
            Count => "count",
            Cycle => "cycle",
            Repeat => "repeat",
            Accumulate => "accumulate",
            Chain => "chain",
            Compress => "compress",
            DropWhile => "dropwhile",
            TakeWhile => "takewhile",
            FilterFalse => "filterfalse",
            GroupBy => "groupby",
            Grouper => "_grouper",
            ISlice => "islice",
            Pairwise => "pairwise",
            StarMap => "starmap",
            Tee => "_tee",
            ZipLongest => "zip_longest",
            Product => "product",
            Permutations => "permutations",
            Combinations => "combinations",
            CombWithRep => "combinations_with_replacement",
        }
    }

    fn ctor(self) -> NativeFn {
        use Kind::*;
        match self {
            Count => new_count,
            Cycle => new_cycle,
            Repeat => new_repeat,
            Accumulate => new_accumulate,
            Chain => new_chain,
            Compress => new_compress,
            DropWhile => new_dropwhile,
            TakeWhile => new_takewhile,
            FilterFalse => new_filterfalse,
            GroupBy => new_groupby,
            Grouper => no_new,
            ISlice => new_islice,
            Pairwise => new_pairwise,
            StarMap => new_starmap,
            Tee => new_tee_object,
            ZipLongest => new_zip_longest,
            Product => new_product,
            Permutations => new_permutations,
            Combinations => new_combinations,
            CombWithRep => new_cwr,
        }
    }

    fn class(self) -> Ref<Class> {
        static CLASSES: [OnceLock<Ref<Class>>; KINDS] = [const { OnceLock::new() }; KINDS];
        let mut methods: Vec<(&'static str, NativeFn)> = vec![
            ("__new__", self.ctor()),
            ("__iter__", super::iter_self),
            ("__next__", next_method),
        ];
        let mut classmethods: Vec<(&'static str, NativeFn)> = vec![];
        match self {
            Kind::Count | Kind::Repeat => methods.push(("__repr__", repr_method)),
            Kind::Tee => methods.push(("__copy__", tee_copy)),
            Kind::Chain => classmethods.push(("from_iterable", chain_from_iterable)),
            _ => {}
        }
        if self == Kind::Repeat {
            methods.push(("__length_hint__", repeat_length_hint));
        }
        native_class(
            &CLASSES[self as usize],
            "itertools",
            self.name(),
            &methods,
            &classmethods,
        )
    }
}

/// Iterator state, taken out of its cell while a step runs (so that no cell is
/// borrowed while Python code runs); `Done` once exhausted for good.
#[derive(Debug)]
enum St {
    Done,
    Count {
        cur: Value,
        step: Value,
    },
    Cycle {
        it: Option<Value>,
        saved: Vec<Value>,
        idx: usize,
    },
    Repeat {
        obj: Value,
        left: Option<i64>,
    },
    Accumulate {
        it: Value,
        func: Value,
        total: Option<Value>,
        initial: Option<Value>,
    },
    Chain {
        source: Value,
        active: Option<Value>,
    },
    Compress {
        data: Value,
        sel: Value,
    },
    DropWhile {
        pred: Value,
        it: Value,
        dropping: bool,
    },
    TakeWhile {
        pred: Value,
        it: Value,
    },
    FilterFalse {
        pred: Value,
        it: Value,
    },
    GroupBy(Ref<GroupShared>),
    Grouper {
        shared: Ref<GroupShared>,
        tgt: Value,
        group: u64,
    },
    ISlice {
        it: Value,
        next: i64,
        stop: i64,
        step: i64,
        cnt: i64,
    },
    Pairwise {
        it: Value,
        old: Option<Value>,
    },
    StarMap {
        func: Value,
        it: Value,
    },
    Tee {
        src: Ref<TeeSource>,
        block: Ref<TeeBlock>,
        idx: usize,
    },
    ZipLongest {
        its: Vec<Option<Value>>,
        active: usize,
        fill: Value,
    },
    /// `result` is the last tuple handed out (see `refill`).
    Product {
        pools: Vec<Vec<Value>>,
        idx: Vec<usize>,
        result: Option<Ref<Vec<Value>>>,
    },
    Permutations {
        pool: Vec<Value>,
        r: usize,
        indices: Vec<usize>,
        cycles: Vec<usize>,
        started: bool,
        last: Option<Ref<Vec<Value>>>,
    },
    Combinations {
        pool: Vec<Value>,
        r: usize,
        indices: Vec<usize>,
        started: bool,
        last: Option<Ref<Vec<Value>>>,
    },
    CombWithRep {
        pool: Vec<Value>,
        r: usize,
        indices: Vec<usize>,
        started: bool,
        last: Option<Ref<Vec<Value>>>,
    },
}

impl St {
    /// Every reference the state holds (the iterator's traverse).
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        let mut one = |v: &Value| v.visit(visit);
        match self {
            St::Done => {}
            St::Count { cur, step } => {
                one(cur);
                one(step);
            }
            St::Cycle { it, saved, .. } => {
                it.iter().for_each(&mut one);
                saved.iter().for_each(&mut one);
            }
            St::Repeat { obj, .. } => one(obj),
            St::Accumulate {
                it,
                func,
                total,
                initial,
            } => {
                one(it);
                one(func);
                total.iter().chain(initial.iter()).for_each(&mut one);
            }
            St::Chain { source, active } => {
                one(source);
                active.iter().for_each(&mut one);
            }
            St::Compress { data, sel } => {
                one(data);
                one(sel);
            }
            St::DropWhile { pred, it, .. }
            | St::TakeWhile { pred, it }
            | St::FilterFalse { pred, it } => {
                one(pred);
                one(it);
            }
            St::GroupBy(g) => visit(Ref::header(g)),
            St::Grouper { shared, tgt, .. } => {
                one(tgt);
                visit(Ref::header(shared));
            }
            St::ISlice { it, .. } => one(it),
            St::Pairwise { it, old } => {
                one(it);
                old.iter().for_each(&mut one);
            }
            St::StarMap { func, it } => {
                one(func);
                one(it);
            }
            St::Tee { src, block, .. } => {
                visit(Ref::header(src));
                visit(Ref::header(block));
            }
            St::ZipLongest { its, fill, .. } => {
                its.iter().flatten().for_each(&mut one);
                one(fill);
            }
            St::Product { pools, result, .. } => {
                pools.iter().flatten().for_each(&mut one);
                result.iter().for_each(|t| visit(Ref::header(t)));
            }
            St::Permutations { pool, last, .. }
            | St::Combinations { pool, last, .. }
            | St::CombWithRep { pool, last, .. } => {
                pool.iter().for_each(&mut one);
                last.iter().for_each(|t| visit(Ref::header(t)));
            }
        }
    }
}

/// A groupby's state, shared with the `_grouper`s it hands out; None while one of
/// them is stepping it.
#[derive(Debug)]
struct GroupShared {
    g: ObjCell<Option<GroupBy>>,
}

impl Payload for GroupShared {
    const GC: bool = true;
    fn clear(&self) {
        let old = self.g.try_lock().map(|mut g| g.take());
        drop(old);
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        if let Some(g) = &*self.g.peek().as_deref().unwrap_or(&None) {
            for v in [&g.it, &g.key] {
                v.visit(visit);
            }
            for v in [&g.tgt, &g.cur_key, &g.cur_val].into_iter().flatten() {
                v.visit(visit);
            }
        }
    }
}
impl HasType for GroupShared {
    fn type_for(&self) -> Ref<TypeObj> {
        static T: OnceLock<Ref<TypeObj>> = OnceLock::new();
        T.get_or_init(|| internal_type("itertools._groupby_state", LayoutFns::of::<Self>()))
            .clone()
    }
}

impl GroupShared {
    fn with<R>(&self, f: impl FnOnce(&mut GroupBy) -> PyResult<R>) -> PyResult<R> {
        let taken = self.g.lock().take();
        let Some(mut g) = taken else {
            return Err(PyErr::runtime_error("cannot re-enter the groupby iterator"));
        };
        let r = f(&mut g);
        *self.g.lock() = Some(g);
        r
    }
}

#[derive(Debug)]
struct GroupBy {
    it: Value,
    key: Value,
    tgt: Option<Value>,
    cur_key: Option<Value>,
    cur_val: Option<Value>,
    /// Bumped for every group handed out: an older `_grouper` is then exhausted.
    group: u64,
}

/// The state is boxed so that taking it out for a step moves one pointer.
#[derive(Debug)]
struct It {
    kind: Kind,
    state: ObjCell<Option<Box<St>>>,
}

impl NativeObject for It {
    fn class(&self) -> Ref<Class> {
        self.kind.class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        if let Some(st) = self.state.peek() {
            if let Some(st) = &*st {
                st.traverse(visit);
            }
        }
    }
    fn clear(&self) {
        let old = self.state.try_lock().map(|mut g| g.take());
        drop(old);
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn iter_next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        self.step(vm)
    }
}

impl It {
    fn new(kind: Kind, st: St) -> Value {
        native(It {
            kind,
            state: ObjCell::new(Some(Box::new(st))),
        })
    }

    /// Takes the state out for a step (None: a step is already running).
    fn take(&self) -> PyResult<Box<St>> {
        let st = self.state.lock().take();
        st.ok_or_else(|| {
            PyErr::runtime_error(format!("cannot re-enter the {} iterator", self.kind.name()))
        })
    }

    fn put(&self, st: Box<St>) {
        *self.state.lock() = Some(st);
    }

    #[inline]
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let mut st = self.take()?;
        let r = step(vm, &mut st);
        // An exhausted iterator drops what it holds (as CPython clears its fields).
        if matches!(r, Ok(None)) && !matches!(*st, St::Count { .. } | St::Repeat { .. }) {
            *st = St::Done;
        }
        self.put(st);
        r
    }
}

fn step(vm: &mut Vm, st: &mut St) -> PyResult<Option<Value>> {
    match st {
        St::Done => Ok(None),
        St::Count { cur, step } => {
            let v = cur.clone();
            let next = match (&v, &*step) {
                (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => Value::Int(a + b),
                _ => vm.binary_op(BinaryOp::Add, &v, step)?,
            };
            *cur = next;
            Ok(Some(v))
        }
        St::Cycle { it, saved, idx } => {
            if let Some(i) = it {
                if let Some(v) = vm.next(i)? {
                    saved.push(v.clone());
                    return Ok(Some(v));
                }
                *it = None;
            }
            if saved.is_empty() {
                return Ok(None);
            }
            let v = saved[*idx].clone();
            *idx = (*idx + 1) % saved.len();
            Ok(Some(v))
        }
        St::Repeat { obj, left } => match left {
            None => Ok(Some(obj.clone())),
            Some(0) => Ok(None),
            Some(n) => {
                *n -= 1;
                Ok(Some(obj.clone()))
            }
        },
        St::Accumulate {
            it,
            func,
            total,
            initial,
        } => {
            if let Some(v) = initial.take() {
                *total = Some(v.clone());
                return Ok(Some(v));
            }
            let Some(v) = vm.next(it)? else {
                return Ok(None);
            };
            let t = match total.take() {
                None => v,
                Some(t) => match func {
                    Value::None => vm.binary_op(BinaryOp::Add, &t, &v)?,
                    f => vm.call(&f.clone(), &[t, v], &[])?,
                },
            };
            *total = Some(t.clone());
            Ok(Some(t))
        }
        St::Chain { source, active } => loop {
            if let Some(a) = active {
                // Handed back as it came: rebuilding the result piecewise costs a
                // store-forwarding stall per item (docs/performance.md).
                let r = vm.next(a);
                if !matches!(r, Ok(None)) {
                    return r;
                }
                *active = None;
            }
            let Some(next_iterable) = vm.next(source)? else {
                return Ok(None);
            };
            *active = Some(vm.iter(&next_iterable)?);
        },
        St::Compress { data, sel } => loop {
            let Some(d) = vm.next(data)? else {
                return Ok(None);
            };
            let Some(s) = vm.next(sel)? else {
                return Ok(None);
            };
            if vm.truthy(&s)? {
                return Ok(Some(d));
            }
        },
        St::DropWhile { pred, it, dropping } => loop {
            let Some(v) = vm.next(it)? else {
                return Ok(None);
            };
            if !*dropping {
                return Ok(Some(v));
            }
            let keep = vm.call(&pred.clone(), std::slice::from_ref(&v), &[])?;
            if !vm.truthy(&keep)? {
                *dropping = false;
                return Ok(Some(v));
            }
        },
        St::TakeWhile { pred, it } => {
            let Some(v) = vm.next(it)? else {
                return Ok(None);
            };
            let ok = vm.call(&pred.clone(), std::slice::from_ref(&v), &[])?;
            if vm.truthy(&ok)? {
                Ok(Some(v))
            } else {
                Ok(None)
            }
        }
        St::FilterFalse { pred, it } => loop {
            let Some(v) = vm.next(it)? else {
                return Ok(None);
            };
            let ok = match &*pred {
                Value::None => vm.truthy(&v)?,
                p => {
                    let r = vm.call(&p.clone(), std::slice::from_ref(&v), &[])?;
                    vm.truthy(&r)?
                }
            };
            if !ok {
                return Ok(Some(v));
            }
        },
        St::GroupBy(shared) => {
            let sh = shared.clone();
            let item = sh.with(|g| {
                let key = groupby_next(vm, g)?;
                Ok(key.map(|k| (k, g.group)))
            })?;
            Ok(item.map(|(key, group)| {
                let grouper = It::new(
                    Kind::Grouper,
                    St::Grouper {
                        shared: sh.clone(),
                        tgt: key.clone(),
                        group,
                    },
                );
                Value::tuple(vec![key, grouper])
            }))
        }
        St::Grouper { shared, tgt, group } => {
            let (sh, tgt, group) = (shared.clone(), tgt.clone(), *group);
            sh.with(|g| grouper_next(vm, g, &tgt, group))
        }
        St::ISlice {
            it,
            next,
            stop,
            step,
            cnt,
        } => {
            while *cnt < *next {
                if vm.next(it)?.is_none() {
                    return Ok(None);
                }
                *cnt += 1;
            }
            if *stop != -1 && *cnt >= *stop {
                return Ok(None);
            }
            let Some(v) = vm.next(it)? else {
                return Ok(None);
            };
            *cnt += 1;
            let old = *next;
            *next = next.saturating_add(*step);
            if *next < old || (*stop != -1 && *next > *stop) {
                *next = *stop;
            }
            Ok(Some(v))
        }
        St::Pairwise { it, old } => {
            let first = match old.take() {
                Some(o) => o,
                None => match vm.next(it)? {
                    Some(v) => v,
                    None => return Ok(None),
                },
            };
            let Some(new) = vm.next(it)? else {
                return Ok(None);
            };
            *old = Some(new.clone());
            Ok(Some(Value::tuple(vec![first, new])))
        }
        St::StarMap { func, it } => {
            let Some(args) = vm.next(it)? else {
                return Ok(None);
            };
            let args = match &args {
                Value::Tuple(t) => (**t).clone(),
                other => vm.collect(other)?,
            };
            Ok(Some(vm.call(&func.clone(), &args, &[])?))
        }
        St::Tee { src, block, idx } => {
            if *idx >= TEE_BLOCK {
                let next = block.next.lock().clone();
                let next = match next {
                    Some(n) => n,
                    None => {
                        let n = Ref::new(TeeBlock::default());
                        *block.next.lock() = Some(n.clone());
                        n
                    }
                };
                *block = next;
                *idx = 0;
            }
            let have = block.items.lock().get(*idx).cloned();
            let v = match have {
                Some(v) => v,
                None => {
                    if src.running.replace_with(|_| true) {
                        return Err(PyErr::runtime_error("cannot re-enter the tee iterator"));
                    }
                    let it = src.it.clone();
                    let r = vm.next(&it);
                    *src.running.lock() = false;
                    match r? {
                        Some(v) => {
                            block.items.lock().push(v.clone());
                            v
                        }
                        None => return Ok(None),
                    }
                }
            };
            *idx += 1;
            Ok(Some(v))
        }
        St::ZipLongest { its, active, fill } => {
            if its.is_empty() || *active == 0 {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(its.len());
            for slot in its.iter_mut() {
                let item = match slot {
                    None => fill.clone(),
                    Some(it) => match vm.next(it)? {
                        Some(v) => v,
                        None => {
                            *active -= 1;
                            if *active == 0 {
                                return Ok(None);
                            }
                            *slot = None;
                            fill.clone()
                        }
                    },
                };
                out.push(item);
            }
            Ok(Some(Value::tuple(out)))
        }
        St::Product { pools, idx, result } => {
            let Some(res) = result else {
                // First call: the first item of every pool.
                if pools.iter().any(|p| p.is_empty()) {
                    return Ok(None);
                }
                let r: Ref<Vec<Value>> = Ref::new(pools.iter().map(|p| p[0].clone()).collect());
                *result = Some(r.clone());
                return Ok(Some(Value::Tuple(r)));
            };
            let res = refill(res);
            let mut i = pools.len();
            loop {
                if i == 0 {
                    return Ok(None);
                }
                i -= 1;
                let pool = &pools[i];
                idx[i] += 1;
                if idx[i] == pool.len() {
                    idx[i] = 0;
                    res[i] = pool[0].clone();
                } else {
                    res[i] = pool[idx[i]].clone();
                    break;
                }
            }
            Ok(Some(Value::Tuple(result.clone().expect("set above"))))
        }
        St::Permutations {
            pool,
            r,
            indices,
            cycles,
            started,
            last,
        } => {
            let n = pool.len();
            let r = *r;
            if !*started {
                *started = true;
                if r > n {
                    return Ok(None);
                }
                return Ok(Some(pick(last, pool, &indices[..r])));
            }
            if n == 0 {
                return Ok(None);
            }
            let mut i = r;
            while i > 0 {
                i -= 1;
                cycles[i] -= 1;
                if cycles[i] == 0 {
                    let first = indices[i];
                    indices.copy_within(i + 1.., i);
                    indices[n - 1] = first;
                    cycles[i] = n - i;
                } else {
                    let j = cycles[i];
                    indices.swap(i, n - j);
                    return Ok(Some(pick(last, pool, &indices[..r])));
                }
            }
            Ok(None)
        }
        St::Combinations {
            pool,
            r,
            indices,
            started,
            last,
        } => {
            let (n, r) = (pool.len(), *r);
            if !*started {
                *started = true;
                if r > n {
                    return Ok(None);
                }
                return Ok(Some(pick(last, pool, indices)));
            }
            let mut i = r;
            loop {
                if i == 0 {
                    return Ok(None);
                }
                i -= 1;
                if indices[i] != i + n - r {
                    break;
                }
            }
            indices[i] += 1;
            for j in i + 1..r {
                indices[j] = indices[j - 1] + 1;
            }
            Ok(Some(pick(last, pool, indices)))
        }
        St::CombWithRep {
            pool,
            r,
            indices,
            started,
            last,
        } => {
            let (n, r) = (pool.len(), *r);
            if !*started {
                *started = true;
                if n == 0 && r > 0 {
                    return Ok(None);
                }
                return Ok(Some(pick(last, pool, indices)));
            }
            let mut i = r;
            loop {
                if i == 0 {
                    return Ok(None);
                }
                i -= 1;
                if indices[i] != n - 1 {
                    break;
                }
            }
            let v = indices[i] + 1;
            for x in indices[i..].iter_mut() {
                *x = v;
            }
            Ok(Some(pick(last, pool, indices)))
        }
    }
}

/// The tuple of `pool[i]` for each index: the last one handed out, refilled, when the
/// consumer has let go of it (only this iterator holds it), else a new one. CPython's
/// combinatoric iterators do the same to save an allocation per step. The pool keeps
/// every item alive, so overwriting a slot frees nothing.
fn pick(last: &mut Option<Ref<Vec<Value>>>, pool: &[Value], indices: &[usize]) -> Value {
    if let Some(r) = last {
        if let Some(t) = Ref::get_mut(r) {
            for (slot, &i) in t.iter_mut().zip(indices) {
                *slot = pool[i].clone();
            }
            return Value::Tuple(r.clone());
        }
    }
    let r: Ref<Vec<Value>> = Ref::new(indices.iter().map(|&i| pool[i].clone()).collect());
    *last = Some(r.clone());
    Value::Tuple(r)
}

/// The last tuple handed out, to be updated in place: itself when the consumer has let
/// go of it, else a copy that replaces it (see `pick`).
fn refill(r: &mut Ref<Vec<Value>>) -> &mut Vec<Value> {
    if Ref::get_mut(r).is_none() {
        *r = Ref::new((**r).clone());
    }
    Ref::get_mut(r).expect("a new tuple has one reference")
}

/// Equality as `PyObject_RichCompareBool`: identity first.
fn same(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if a.ptr_eq(b) {
        return Ok(true);
    }
    vm.eq(a, b)
}

/// Reads the next value and its key into the groupby; false when exhausted.
fn groupby_step(vm: &mut Vm, g: &mut GroupBy) -> PyResult<bool> {
    let Some(v) = vm.next(&g.it)? else {
        return Ok(false);
    };
    let k = match &g.key {
        Value::None => v.clone(),
        f => vm.call(&f.clone(), std::slice::from_ref(&v), &[])?,
    };
    g.cur_val = Some(v);
    g.cur_key = Some(k);
    Ok(true)
}

/// Moves to the next group; its key, or None when the input is exhausted.
fn groupby_next(vm: &mut Vm, g: &mut GroupBy) -> PyResult<Option<Value>> {
    g.group += 1;
    // Skip what is left of the current group.
    loop {
        match (&g.cur_key, &g.tgt) {
            (None, _) => {}
            (Some(_), None) => break,
            (Some(c), Some(t)) => {
                let (c, t) = (c.clone(), t.clone());
                if !same(vm, &t, &c)? {
                    break;
                }
            }
        }
        if !groupby_step(vm, g)? {
            return Ok(None);
        }
    }
    let key = g.cur_key.clone().expect("stepped");
    g.tgt = Some(key.clone());
    Ok(Some(key))
}

fn grouper_next(vm: &mut Vm, g: &mut GroupBy, tgt: &Value, group: u64) -> PyResult<Option<Value>> {
    if g.group != group {
        return Ok(None);
    }
    if g.cur_val.is_none() && !groupby_step(vm, g)? {
        return Ok(None);
    }
    let cur = g.cur_key.clone().expect("stepped");
    if !same(vm, tgt, &cur)? {
        return Ok(None);
    }
    Ok(g.cur_val.take())
}

// ---- tee: a shared linked list of blocks, freed as the slowest copy passes them ----

const TEE_BLOCK: usize = 57;

#[derive(Debug)]
struct TeeSource {
    it: Value,
    running: ObjCell<bool>,
}

#[derive(Debug, Default)]
struct TeeBlock {
    items: ObjCell<Vec<Value>>,
    next: ObjCell<Option<Ref<TeeBlock>>>,
}

impl Payload for TeeSource {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.it.visit(visit);
    }
}
impl HasType for TeeSource {
    fn type_for(&self) -> Ref<TypeObj> {
        static T: OnceLock<Ref<TypeObj>> = OnceLock::new();
        T.get_or_init(|| internal_type("itertools._tee_source", LayoutFns::of::<Self>()))
            .clone()
    }
}

impl Payload for TeeBlock {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        if let Some(items) = self.items.peek() {
            items.iter().for_each(|v| v.visit(visit));
        }
        if let Some(next) = self.next.peek() {
            if let Some(b) = &*next {
                visit(Ref::header(b));
            }
        }
    }
    fn clear(&self) {
        let items = self.items.try_lock().map(|mut g| std::mem::take(&mut *g));
        let next = self.next.try_lock().map(|mut g| g.take());
        drop((items, next));
    }
}
impl HasType for TeeBlock {
    fn type_for(&self) -> Ref<TypeObj> {
        static T: OnceLock<Ref<TypeObj>> = OnceLock::new();
        T.get_or_init(|| internal_type("itertools._tee_dataobject", LayoutFns::of::<Self>()))
            .clone()
    }
}

// A long tee buffer is a long chain of blocks: the trashcan (refcount.rs) frees it in
// constant native stack, as any chain of objects.

trait ReplaceWith {
    fn replace_with(&self, f: impl FnOnce(bool) -> bool) -> bool;
}

impl ReplaceWith for ObjCell<bool> {
    /// Sets the flag to `f(old)` and returns the old value.
    fn replace_with(&self, f: impl FnOnce(bool) -> bool) -> bool {
        let mut g = self.lock();
        let old = *g;
        *g = f(old);
        old
    }
}

fn new_tee(it: Value) -> Value {
    It::new(
        Kind::Tee,
        St::Tee {
            src: Ref::new(TeeSource {
                it,
                running: ObjCell::new(false),
            }),
            block: Ref::new(TeeBlock::default()),
            idx: 0,
        },
    )
}

/// A new `_tee` at the same position as `t`.
fn copy_tee(t: &It) -> PyResult<Value> {
    let st = t.state.lock();
    match st.as_deref() {
        Some(St::Tee { src, block, idx }) => Ok(It::new(
            Kind::Tee,
            St::Tee {
                src: src.clone(),
                block: block.clone(),
                idx: *idx,
            },
        )),
        // An exhausted copy stays exhausted.
        _ => Ok(It::new(Kind::Tee, St::Done)),
    }
}

fn tee_copy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let t = this::<It>(vm, &a, "itertools._tee", "__copy__")?;
    copy_tee(t)
}

fn new_tee_object(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = &a.pos[1..];
    a.no_kw("_tee")?;
    if args.len() != 1 {
        return Err(PyErr::type_error(format!(
            "_tee expected 1 argument, got {}",
            args.len()
        )));
    }
    tee_from_iterable(vm, &args[0])
}

fn tee_from_iterable(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let it = vm.iter(v)?;
    if let Some(t) = downcast::<It>(&it).filter(|t| t.kind == Kind::Tee) {
        return copy_tee(t);
    }
    Ok(new_tee(it))
}

/// `tee(iterable, n=2)`.
fn tee(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error(
            "itertools.tee() takes no keyword arguments",
        ));
    }
    positional_count(&a.pos, "tee", 1, 2)?;
    let n = match a.pos.get(1) {
        Some(v) => vm.to_index(v)?,
        None => 2,
    };
    if n < 0 {
        return Err(PyErr::value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(Value::tuple(vec![]));
    }
    let it = vm.iter(&a.pos[0])?;
    // As CPython: an iterator that can copy itself (a `_tee`) is the first result.
    let first = if downcast::<It>(&it).is_some_and(|t| t.kind == Kind::Tee)
        || vm
            .getattr_opt(&it, &crate::vm::value::intern("__copy__"))?
            .is_some()
    {
        it.clone()
    } else {
        new_tee(it.clone())
    };
    let mut out = vec![first.clone()];
    for _ in 1..n {
        let c = match downcast::<It>(&first).filter(|t| t.kind == Kind::Tee) {
            Some(t) => copy_tee(t)?,
            None => {
                let copy = vm.getattr_str(&first, "__copy__")?;
                vm.call(&copy, &[], &[])?
            }
        };
        out.push(c);
    }
    Ok(Value::tuple(out))
}

// ---- constructors ----

/// CPython's `_PyArg_CheckPositional` messages: `cycle expected 1 argument, got 0`.
fn positional_count(args: &[Value], name: &str, min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if n < min {
        let msg = if min == max {
            format!("{name} expected {min} argument{}, got {n}", plural(min))
        } else {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                plural(min)
            )
        };
        return Err(PyErr::type_error(msg));
    }
    if n > max {
        let msg = if min == max {
            format!("{name} expected {max} argument{}, got {n}", plural(max))
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                plural(max)
            )
        };
        return Err(PyErr::type_error(msg));
    }
    Ok(())
}

/// The constructor's arguments after the class, for a type that takes no keywords.
fn plain_args<'a>(a: &Args<'a>, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    a.no_kw(name)?;
    let args = &a.pos[1..];
    positional_count(args, name, min, max)?;
    Ok(args)
}

fn rest<'a>(a: &Args<'a>) -> Args<'a> {
    Args {
        pos: &a.pos[1..],
        kw: a.kw,
    }
}

fn no_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = plain_args(&a, "_grouper", 2, 2)?;
    Err(PyErr::type_error(format!(
        "_grouper() argument 1 must be itertools.groupby, not {}",
        vm.type_name(&args[0])
    )))
}

fn is_number(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_) => true,
        Value::Instance(_) => {
            let t = vm.type_of(v);
            ["__index__", "__int__", "__float__", "__add__"]
                .iter()
                .any(|m| t.lookup_str(m).is_some())
        }
        _ => {
            let _ = vm;
            false
        }
    }
}

fn new_count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&rest(&a), "count", &["start", "step"], 0, 0)?;
    let start = p[0].cloned().unwrap_or(Value::Int(0));
    let step = p[1].cloned().unwrap_or(Value::Int(1));
    if !is_number(vm, &start) || !is_number(vm, &step) {
        return Err(PyErr::type_error("a number is required"));
    }
    Ok(It::new(Kind::Count, St::Count { cur: start, step }))
}

fn new_cycle(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = plain_args(&a, "cycle", 1, 1)?;
    let it = vm.iter(&args[0])?;
    Ok(It::new(
        Kind::Cycle,
        St::Cycle {
            it: Some(it),
            saved: vec![],
            idx: 0,
        },
    ))
}

fn new_repeat(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&rest(&a), "repeat", &["object", "times"], 0, 1)?;
    let obj = p[0].cloned().expect("required");
    let left = match p[1] {
        None => None,
        Some(v) => Some(vm.to_index(v)?.max(0)),
    };
    Ok(It::new(Kind::Repeat, St::Repeat { obj, left }))
}

fn new_accumulate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let r = rest(&a);
    if r.pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "accumulate() takes at most 2 positional arguments ({} given)",
            r.pos.len()
        )));
    }
    let p = bind(&r, "accumulate", &["iterable", "func", "initial"], 0, 1)?;
    let it = vm.iter(p[0].expect("required"))?;
    let func = p[1].cloned().unwrap_or(Value::None);
    let initial = p[2].cloned().filter(|v| !matches!(v, Value::None));
    Ok(It::new(
        Kind::Accumulate,
        St::Accumulate {
            it,
            func,
            total: None,
            initial,
        },
    ))
}

fn new_chain(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("chain")?;
    let args = Value::tuple(a.pos[1..].to_vec());
    let source = vm.iter(&args)?;
    Ok(It::new(
        Kind::Chain,
        St::Chain {
            source,
            active: None,
        },
    ))
}

fn chain_from_iterable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error(
            "chain.from_iterable() takes no keyword arguments",
        ));
    }
    let args = &a.pos[1..];
    if args.len() != 1 {
        return Err(PyErr::type_error(format!(
            "chain.from_iterable() takes exactly one argument ({} given)",
            args.len()
        )));
    }
    let source = vm.iter(&args[0])?;
    Ok(It::new(
        Kind::Chain,
        St::Chain {
            source,
            active: None,
        },
    ))
}

fn new_compress(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&rest(&a), "compress", &["data", "selectors"], 0, 2)?;
    let data = vm.iter(p[0].expect("required"))?;
    let sel = vm.iter(p[1].expect("required"))?;
    Ok(It::new(Kind::Compress, St::Compress { data, sel }))
}

fn new_dropwhile(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = plain_args(&a, "dropwhile", 2, 2)?;
    let it = vm.iter(&args[1])?;
    Ok(It::new(
        Kind::DropWhile,
        St::DropWhile {
            pred: args[0].clone(),
            it,
            dropping: true,
        },
    ))
}

fn new_takewhile(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = plain_args(&a, "takewhile", 2, 2)?;
    let it = vm.iter(&args[1])?;
    Ok(It::new(
        Kind::TakeWhile,
        St::TakeWhile {
            pred: args[0].clone(),
            it,
        },
    ))
}

fn new_filterfalse(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = plain_args(&a, "filterfalse", 2, 2)?;
    let it = vm.iter(&args[1])?;
    Ok(It::new(
        Kind::FilterFalse,
        St::FilterFalse {
            pred: args[0].clone(),
            it,
        },
    ))
}

fn new_groupby(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&rest(&a), "groupby", &["iterable", "key"], 0, 1)?;
    let it = vm.iter(p[0].expect("required"))?;
    let key = p[1].cloned().unwrap_or(Value::None);
    let g = GroupBy {
        it,
        key,
        tgt: None,
        cur_key: None,
        cur_val: None,
        group: 0,
    };
    Ok(It::new(
        Kind::GroupBy,
        St::GroupBy(Ref::new(GroupShared {
            g: ObjCell::new(Some(g)),
        })),
    ))
}

fn index_arg(vm: &mut Vm, v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        Value::BigInt(_) => None,
        _ => vm.to_index(v).ok(),
    }
}

fn new_islice(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = plain_args(&a, "islice", 2, 4)?;
    let stop_err = || {
        PyErr::value_error(
            "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        )
    };
    let (mut start, mut stop, mut step) = (0i64, -1i64, 1i64);
    if args.len() == 2 {
        if !matches!(args[1], Value::None) {
            stop = index_arg(vm, &args[1]).ok_or_else(stop_err)?;
            if stop < 0 {
                return Err(stop_err());
            }
        }
    } else {
        if !matches!(args[1], Value::None) {
            start = index_arg(vm, &args[1]).unwrap_or(-1);
        }
        if !matches!(args[2], Value::None) {
            stop = index_arg(vm, &args[2]).ok_or_else(stop_err)?;
            if stop < 0 {
                return Err(stop_err());
            }
        }
    }
    if start < 0 || stop < -1 {
        return Err(PyErr::value_error(
            "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        ));
    }
    if let Some(s) = args.get(3) {
        if !matches!(s, Value::None) {
            step = index_arg(vm, s).unwrap_or(-1);
        }
    }
    if step < 1 {
        return Err(PyErr::value_error(
            "Step for islice() must be a positive integer or None.",
        ));
    }
    let it = vm.iter(&args[0])?;
    Ok(It::new(
        Kind::ISlice,
        St::ISlice {
            it,
            next: start,
            stop,
            step,
            cnt: 0,
        },
    ))
}

fn new_pairwise(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = plain_args(&a, "pairwise", 1, 1)?;
    let it = vm.iter(&args[0])?;
    Ok(It::new(Kind::Pairwise, St::Pairwise { it, old: None }))
}

fn new_starmap(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = plain_args(&a, "starmap", 2, 2)?;
    let it = vm.iter(&args[1])?;
    Ok(It::new(
        Kind::StarMap,
        St::StarMap {
            func: args[0].clone(),
            it,
        },
    ))
}

fn new_zip_longest(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let mut fill = Value::None;
    for (k, v) in a.kw {
        if k.as_str() == "fillvalue" {
            fill = v.clone();
        } else {
            return Err(PyErr::type_error(
                "zip_longest() got an unexpected keyword argument",
            ));
        }
    }
    let mut its = vec![];
    for v in &a.pos[1..] {
        its.push(Some(vm.iter(v)?));
    }
    let active = its.len();
    Ok(It::new(
        Kind::ZipLongest,
        St::ZipLongest { its, active, fill },
    ))
}

fn new_product(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let mut repeat = 1i64;
    for (k, v) in a.kw {
        if k.as_str() == "repeat" {
            repeat = vm.to_index(v)?;
        } else {
            return Err(PyErr::type_error(format!(
                "'{}' is an invalid keyword argument for product()",
                k.as_str()
            )));
        }
    }
    if repeat < 0 {
        return Err(PyErr::value_error("repeat argument cannot be negative"));
    }
    let mut base = vec![];
    for v in &a.pos[1..] {
        base.push(vm.collect(v)?);
    }
    let mut pools = vec![];
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let n = pools.len();
    Ok(It::new(
        Kind::Product,
        St::Product {
            pools,
            idx: vec![0; n],
            result: None,
        },
    ))
}

fn r_arg(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    let r = vm.to_index(v)?;
    if r < 0 {
        return Err(PyErr::value_error("r must be non-negative"));
    }
    Ok(r as usize)
}

fn new_permutations(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&rest(&a), "permutations", &["iterable", "r"], 0, 1)?;
    let pool = vm.collect(p[0].expect("required"))?;
    let n = pool.len();
    let r = match p[1] {
        None | Some(Value::None) => n,
        Some(v) => r_arg(vm, v)?,
    };
    let cycles = if r <= n {
        (n - r + 1..=n).rev().collect()
    } else {
        vec![]
    };
    Ok(It::new(
        Kind::Permutations,
        St::Permutations {
            pool,
            r,
            indices: (0..n).collect(),
            cycles,
            started: false,
            last: None,
        },
    ))
}

fn new_combinations(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&rest(&a), "combinations", &["iterable", "r"], 0, 2)?;
    let pool = vm.collect(p[0].expect("required"))?;
    let r = r_arg(vm, p[1].expect("required"))?;
    Ok(It::new(
        Kind::Combinations,
        St::Combinations {
            pool,
            r,
            indices: (0..r).collect(),
            started: false,
            last: None,
        },
    ))
}

fn new_cwr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(
        &rest(&a),
        "combinations_with_replacement",
        &["iterable", "r"],
        0,
        2,
    )?;
    let pool = vm.collect(p[0].expect("required"))?;
    let r = r_arg(vm, p[1].expect("required"))?;
    Ok(It::new(
        Kind::CombWithRep,
        St::CombWithRep {
            pool,
            r,
            indices: vec![0; r],
            started: false,
            last: None,
        },
    ))
}

fn repr_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(it) = a.pos.first().and_then(downcast::<It>) else {
        return Err(PyErr::type_error("__repr__ needs an itertools object"));
    };
    let (name, parts) = match it.state.lock().as_deref() {
        Some(St::Count { cur, step }) => {
            let one = matches!(step, Value::Int(1) | Value::Bool(true));
            let mut p = vec![cur.clone()];
            if !one {
                p.push(step.clone());
            }
            ("count", p)
        }
        Some(St::Repeat { obj, left }) => {
            let mut p = vec![obj.clone()];
            if let Some(n) = left {
                p.push(Value::Int(*n));
            }
            ("repeat", p)
        }
        _ => (it.kind.name(), vec![]),
    };
    let mut shown = vec![];
    for p in parts {
        shown.push(vm.repr(&p)?);
    }
    Ok(Value::string(format!("{name}({})", shown.join(", "))))
}

fn repeat_length_hint(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let it = this::<It>(vm, &a, "itertools.repeat", "__length_hint__")?;
    match it.state.lock().as_deref() {
        Some(St::Repeat { left: Some(n), .. }) => Ok(Value::Int(*n)),
        Some(St::Repeat { left: None, .. }) => Err(PyErr::type_error("len() of unsized object")),
        _ => Ok(Value::Int(0)),
    }
}

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    use Kind::*;
    for k in [
        Count,
        Cycle,
        Repeat,
        Accumulate,
        Chain,
        Compress,
        DropWhile,
        TakeWhile,
        FilterFalse,
        GroupBy,
        Grouper,
        ISlice,
        Pairwise,
        StarMap,
        Tee,
        ZipLongest,
        Product,
        Permutations,
        Combinations,
        CombWithRep,
    ] {
        d.set_str(k.name(), Value::Class(k.class()));
    }
    super::add_functions(d, &[("tee", tee)]);
    Ok(())
}
