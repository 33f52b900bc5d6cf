//! `_functools`, the Rust half of functools (as CPython's C module): `reduce`,
//! `partial` (a callable object; nested partials are flattened as CPython does) and
//! the cache behind `lru_cache`. functools.py builds the rest on it.

use super::{downcast, native, native_class, this};
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, DictMap, DictObj, NativeObject};
use crate::vm::refcount::Ref;
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;
use std::sync::OnceLock;

/// `reduce(function, iterable[, initial])`.
fn reduce(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error("reduce() takes no keyword arguments"));
    }
    match a.pos.len() {
        0 | 1 => {
            return Err(PyErr::type_error(format!(
                "reduce expected at least 2 arguments, got {}",
                a.pos.len()
            )))
        }
        2 | 3 => {}
        n => {
            return Err(PyErr::type_error(format!(
                "reduce expected at most 3 arguments, got {n}"
            )))
        }
    }
    let func = a.pos[0].clone();
    let it = match vm.iter(&a.pos[1]) {
        Ok(it) => it,
        Err(e) if e.is(&crate::vm::types::types().type_error) => {
            return Err(PyErr::type_error("reduce() arg 2 must support iteration"))
        }
        Err(e) => return Err(e),
    };
    let mut acc = a.pos.get(2).cloned();
    while let Some(v) = vm.next(&it)? {
        acc = Some(match acc {
            None => v,
            Some(x) => vm.call(&func, &[x, v], &[])?,
        });
    }
    acc.ok_or_else(|| PyErr::type_error("reduce() of empty iterable with no initial value"))
}

// ---- partial ----

#[derive(Debug)]
pub struct Partial {
    func: Value,
    args: Vec<Value>,
    /// The keywords as a dict (`partial.keywords`, shared, as CPython's).
    keywords: Ref<DictObj>,
    weaklist: crate::vm::gc::WeakList,
}

fn partial_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    native_class(
        &C,
        "functools",
        "partial",
        &[
            ("__new__", partial_new),
            ("__call__", partial_call),
            ("__repr__", partial_repr),
        ],
        &[],
    )
}

impl NativeObject for Partial {
    fn class(&self) -> Ref<Class> {
        partial_class()
    }
    fn weaklist(&self) -> Option<&crate::vm::gc::WeakList> {
        Some(&self.weaklist)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        self.func.visit(visit);
        self.args.iter().for_each(|v| v.visit(visit));
        visit(Ref::header(&self.keywords));
    }
    fn attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "func" => self.func.clone(),
            "args" => Value::tuple(self.args.clone()),
            "keywords" => Value::Dict(self.keywords.clone()),
            _ => return None,
        })
    }
}

fn kw_items(d: &DictObj) -> Vec<(Ref<PyStr>, Value)> {
    d.map
        .lock()
        .iter()
        .filter_map(|(k, v)| match &k.key {
            Value::Str(s) => Some((s.clone(), v.clone())),
            _ => None,
        })
        .collect()
}

fn partial_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = &a.pos[1..];
    let Some(func) = args.first() else {
        return Err(PyErr::type_error(
            "type 'partial' takes at least one argument",
        ));
    };
    if !crate::vm::builtins::functions::is_callable(vm, func) {
        return Err(PyErr::type_error("the first argument must be callable"));
    }
    let (f, mut pargs, kw) = match downcast::<Partial>(func) {
        // partial(partial(f, 1), 2) is partial(f, 1, 2), as CPython flattens it.
        Some(inner) => (
            inner.func.clone(),
            inner.args.clone(),
            kw_items(&inner.keywords),
        ),
        None => (func.clone(), vec![], vec![]),
    };
    pargs.extend_from_slice(&args[1..]);
    let keywords = Ref::new(DictObj::new(DictMap::default()));
    for (k, v) in kw.into_iter().chain(a.kw.iter().cloned()) {
        keywords.set_pystr(&k, v);
    }
    Ok(native(Partial {
        func: f,
        args: pargs,
        keywords,
        weaklist: Default::default(),
    }))
}

fn partial_call(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = this::<Partial>(vm, &a, "functools.partial", "__call__")?;
    let mut args = p.args.clone();
    args.extend_from_slice(&a.pos[1..]);
    let mut kw = kw_items(&p.keywords);
    for (k, v) in a.kw {
        match kw.iter_mut().find(|(n, _)| n.as_str() == k.as_str()) {
            Some(slot) => slot.1 = v.clone(),
            None => kw.push((k.clone(), v.clone())),
        }
    }
    let func = p.func.clone();
    vm.call(&func, &args, &kw)
}

fn partial_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = this::<Partial>(vm, &a, "functools.partial", "__repr__")?;
    let mut parts = vec![vm.repr(&p.func.clone())?];
    for v in p.args.clone() {
        parts.push(vm.repr(&v)?);
    }
    for (k, v) in kw_items(&p.keywords) {
        parts.push(format!("{}={}", k.as_str(), vm.repr(&v)?));
    }
    Ok(Value::string(format!(
        "functools.partial({})",
        parts.join(", ")
    )))
}

// ---- the lru_cache core ----

/// No neighbour (the ends of the recency list).
const NIL: u32 = u32::MAX;

/// The recency order of a bounded cache: a doubly linked list threaded through the
/// entries by their index in the map (`links[i]` is entry i's (older, newer)
/// neighbours), as CPython's C cache links its entries. A hit moves its entry to the
/// newest end and an eviction unlinks the oldest, each in O(1); a dict kept in
/// recency order instead shifts every later entry on each hit.
#[derive(Debug)]
struct Order {
    links: Vec<(u32, u32)>,
    oldest: u32,
    newest: u32,
}

impl Order {
    fn new() -> Order {
        Order {
            links: Vec::new(),
            oldest: NIL,
            newest: NIL,
        }
    }

    fn unlink(&mut self, i: u32) {
        let (older, newer) = self.links[i as usize];
        match older {
            NIL => self.oldest = newer,
            o => self.links[o as usize].1 = newer,
        }
        match newer {
            NIL => self.newest = older,
            n => self.links[n as usize].0 = older,
        }
    }

    fn push_newest(&mut self, i: u32) {
        self.links[i as usize] = (self.newest, NIL);
        match self.newest {
            NIL => self.oldest = i,
            n => self.links[n as usize].1 = i,
        }
        self.newest = i;
    }

    fn touch(&mut self, i: u32) {
        if self.newest != i {
            self.unlink(i);
            self.push_newest(i);
        }
    }

    /// The map moved its last entry (index `from`) into the hole at `to` (what
    /// `swap_remove_index(to)` does): its node follows it.
    fn moved(&mut self, from: u32, to: u32) {
        let (older, newer) = self.links[from as usize];
        self.links[to as usize] = (older, newer);
        match older {
            NIL => self.oldest = to,
            o => self.links[o as usize].1 = to,
        }
        match newer {
            NIL => self.newest = to,
            n => self.links[n as usize].0 = to,
        }
    }
}

/// The cache of one `lru_cache` wrapper: a dict of results (so that keys are found
/// with the same equality as a dict's) and, when bounded, its recency order.
#[derive(Debug)]
struct Cache {
    func: Value,
    maxsize: Option<usize>,
    typed: bool,
    map: Ref<DictObj>,
    order: ObjCell<Order>,
    hits: ObjCell<u64>,
    misses: ObjCell<u64>,
}

fn cache_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    native_class(
        &C,
        "functools",
        "_lru_cache",
        &[
            ("call", cache_call),
            ("info", cache_info),
            ("clear", cache_clear),
        ],
        &[],
    )
}

impl NativeObject for Cache {
    fn class(&self) -> Ref<Class> {
        cache_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        self.func.visit(visit);
        visit(Ref::header(&self.map));
    }
}

/// `_lru_cache(user_function, maxsize, typed)`; maxsize None is unbounded.
fn new_cache(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("_lru_cache", 3, 3)?;
    let maxsize = match &a.pos[1] {
        Value::None => None,
        v => Some(vm.to_index(v)?.max(0) as usize),
    };
    let typed = vm.truthy(&a.pos[2])?;
    Ok(native(Cache {
        func: a.pos[0].clone(),
        maxsize,
        typed,
        map: Ref::new(DictObj::default()),
        order: ObjCell::new(Order::new()),
        hits: ObjCell::new(0),
        misses: ObjCell::new(0),
    }))
}

/// The cache key of a call, as CPython's `_make_key`: the arguments, a marker and the
/// keyword items, then (if typed) the types; a lone int or str argument is its own
/// key, and untyped positional-only arguments are keyed by their own tuple.
fn make_key(
    vm: &mut Vm,
    c: &Cache,
    args_tuple: &Value,
    args: &[Value],
    kw: &[(Ref<PyStr>, Value)],
) -> Value {
    if kw.is_empty() && !c.typed {
        if let [Value::Int(_) | Value::Str(_) | Value::BigInt(_)] = args {
            return args[0].clone();
        }
        if let Value::Tuple(_) = args_tuple {
            return args_tuple.clone();
        }
    }
    let mut key: Vec<Value> = args.to_vec();
    if !kw.is_empty() {
        key.push(kwd_mark());
        for (k, v) in kw {
            key.push(Value::Str(k.clone()));
            key.push(v.clone());
        }
    }
    if c.typed {
        for v in args {
            key.push(Value::Class(vm.type_of(v)));
        }
        for (_, v) in kw {
            key.push(Value::Class(vm.type_of(v)));
        }
    }
    Value::tuple(key)
}

/// Separates positional from keyword arguments in a key (an object nothing else is).
fn kwd_mark() -> Value {
    static MARK: OnceLock<Value> = OnceLock::new();
    MARK.get_or_init(|| {
        let v = native(KwdMark);
        v.make_immortal();
        v
    })
    .clone()
}

#[derive(Debug)]
struct KwdMark;

impl NativeObject for KwdMark {
    fn class(&self) -> Ref<Class> {
        static C: OnceLock<Ref<Class>> = OnceLock::new();
        native_class(&C, "functools", "_kwd_mark", &[], &[])
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `cache.call(args, kwargs)`: a hit returns the stored result (and makes it the most
/// recent); a miss calls the function, then stores the result, evicting the least
/// recently used entry when full. The function runs with no cell borrowed, so it may
/// call the cached function again (recursion) or another thread may run meanwhile.
fn cache_call(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = this::<Cache>(vm, &a, "functools._lru_cache", "call")?;
    let args_tuple = a.pos.get(1).cloned().unwrap_or(Value::Null);
    let args: &[Value] = match &args_tuple {
        Value::Tuple(t) => t,
        _ => &[],
    };
    let kw: Vec<(Ref<PyStr>, Value)> = match a.pos.get(2) {
        Some(Value::Dict(d)) => kw_items(d),
        _ => vec![],
    };
    if c.maxsize == Some(0) {
        *c.misses.lock() += 1;
        return vm.call(&c.func.clone(), args, &kw);
    }
    let key = make_key(vm, c, &args_tuple, args, &kw);
    let hk = vm.dict_key(&c.map, key)?;
    let found = {
        let m = c.map.map.lock();
        match m.get_index_of(&hk) {
            Some(i) => {
                if c.maxsize.is_some() {
                    c.order.lock().touch(i as u32);
                }
                Some(m[i].clone())
            }
            None => None,
        }
    };
    if let Some(v) = found {
        *c.hits.lock() += 1;
        return Ok(v);
    }
    *c.misses.lock() += 1;
    // CPython's wrapper is one C call, counted once against the recursion limit; here
    // it is a Python function calling this method, so this native step is not counted
    // again: memoised recursion reaches the same depth as in CPython.
    vm.depth -= 1;
    let r = vm.call(&c.func.clone(), args, &kw);
    vm.depth += 1;
    let r = r?;
    let evicted = {
        let mut m = c.map.map.lock();
        // Another call (recursion, another thread) may have stored it meanwhile: CPython
        // keeps that entry and returns this result.
        if m.contains_key(&hk) {
            return Ok(r);
        }
        let mut evicted = None;
        if let Some(max) = c.maxsize {
            let mut order = c.order.lock();
            if m.len() >= max {
                let old = order.oldest;
                order.unlink(old);
                let last = (m.len() - 1) as u32;
                evicted = m.swap_remove_index(old as usize);
                if old != last {
                    order.moved(last, old);
                }
                order.links.pop();
            }
            order.links.push((NIL, NIL));
            order.push_newest(m.len() as u32);
        }
        m.insert(hk, r.clone());
        evicted
    };
    // The evicted entry is freed after the cells are released.
    drop(evicted);
    Ok(r)
}

/// `(hits, misses, maxsize, currsize)`.
fn cache_info(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = this::<Cache>(vm, &a, "functools._lru_cache", "info")?;
    let hits = *c.hits.lock() as i64;
    let misses = *c.misses.lock() as i64;
    let size = c.map.map.lock().len() as i64;
    Ok(Value::tuple(vec![
        Value::Int(hits),
        Value::Int(misses),
        c.maxsize
            .map(|m| Value::Int(m as i64))
            .unwrap_or(Value::None),
        Value::Int(size),
    ]))
}

fn cache_clear(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = this::<Cache>(vm, &a, "functools._lru_cache", "clear")?;
    let old = std::mem::take(&mut *c.map.map.lock());
    *c.order.lock() = Order::new();
    *c.hits.lock() = 0;
    *c.misses.lock() = 0;
    // The entries are freed after the cell is released (their __del__ could run code).
    drop(old);
    Ok(Value::None)
}

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    super::add_functions(d, &[("reduce", reduce), ("_lru_cache", new_cache)]);
    d.set_str("partial", Value::Class(partial_class()));
    Ok(())
}
