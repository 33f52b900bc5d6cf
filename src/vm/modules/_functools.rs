//! `_functools`, the Rust half of functools (as CPython's C module): `reduce`,
//! `partial` (a callable object; nested partials are flattened as CPython does) and
//! `_lru_cache_wrapper`, what `lru_cache` returns. functools.py builds the rest on it.

use super::{downcast, native, native_class, this};
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, DictMap, DictObj, HKey, ItemsKey, NativeObject};
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

/// What one wrapper's calls change besides the map, in one cell (a hit takes it once).
#[derive(Debug)]
struct Stats {
    /// The recency order (bounded caches only).
    order: Order,
    hits: u64,
    misses: u64,
}

/// The cache behind one `_lru_cache_wrapper`: a dict of results (so that keys are found
/// with the same equality as a dict's) and, when bounded, its recency order. It is the
/// payload of the wrapper, an instance (so that it has a `__dict__` for what
/// `update_wrapper` copies onto it, as CPython's type has).
#[derive(Debug)]
struct LruCache {
    func: Value,
    /// None: unbounded; Some(0): never caches.
    maxsize: Option<usize>,
    typed: bool,
    /// What `cache_info()` calls with (hits, misses, maxsize, currsize).
    info_type: Value,
    map: Ref<DictObj>,
    /// Taken only while `map`'s cell is held (or with nothing else), so the two stay
    /// in step: the order refers to entries by their index in the map.
    stats: ObjCell<Stats>,
}

/// The payload's own type, never seen from Python (the wrapper is the instance).
fn cache_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    native_class(&C, "functools", "_lru_cache", &[], &[])
}

impl NativeObject for LruCache {
    fn class(&self) -> Ref<Class> {
        cache_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        self.func.visit(visit);
        self.info_type.visit(visit);
        visit(Ref::header(&self.map));
    }
}

/// `functools._lru_cache_wrapper`, as CPython's C type: callable, a method descriptor
/// (`__get__` binds it like a function), with a `__dict__` and weak references, and
/// not subclassable. Its instances are `Instance`s whose payload is the `LruCache`.
fn wrapper_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    C.get_or_init(|| {
        use crate::vm::typeobj::flags;
        let c = crate::vm::types::new_class(
            "functools._lru_cache_wrapper",
            Some(&crate::vm::types::types().object),
            crate::vm::object::ClassKind::Object,
        );
        c.set_qualname("_lru_cache_wrapper");
        c.clear_own_flags(flags::BASETYPE);
        c.set_flags(flags::HAS_DICT | flags::WEAKREF | flags::METHOD_DESCRIPTOR);
        crate::vm::types::install(
            &c,
            &[
                ("__new__", wrapper_new),
                ("cache_info", wrapper_cache_info),
                ("cache_clear", wrapper_cache_clear),
                ("__reduce__", wrapper_reduce),
                ("__copy__", wrapper_copy),
                ("__deepcopy__", wrapper_deepcopy),
            ],
        );
        // Direct slots (no `__call__` lookup and no argument tuple per call); their
        // `__call__`/`__get__` wrappers are made when the namespace is first read.
        c.slots.call.set(Some(wrapper_call));
        c.slots.descr_get.set(Some(crate::vm::descr::function_get));
        let set = |name: &str, v: Value| Class::set_attr(&c, crate::vm::value::intern(name), v);
        set("__module__", Value::str("functools"));
        set(
            "__doc__",
            Value::str(
                "Create a cached callable that wraps another function.\n\n\
                 user_function: the function to be cached\n\n\
                 maxsize: the most results kept (None: no bound, 0: none)\n\n\
                 typed: whether arguments of different types are cached apart\n\n\
                 cache_info_type: what cache_info() returns, made from \
                 (hits, misses, maxsize, currsize)",
            ),
        );
        crate::vm::slots::set_fast_flags(&c);
        let c = crate::vm::value::shared_class(c);
        c.set_flags(flags::OPS_PENDING);
        c
    })
    .clone()
}

/// The cache behind a wrapper (`what` names the method for the error).
fn lru<'a>(vm: &Vm, v: &'a Value, what: &str) -> PyResult<&'a LruCache> {
    downcast::<LruCache>(v.payload()).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{what}' for 'functools._lru_cache_wrapper' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

fn lru_this<'a>(vm: &Vm, a: &Args<'a>, what: &str) -> PyResult<&'a LruCache> {
    match a.pos.first() {
        Some(v) => lru(vm, v, what),
        None => Err(PyErr::type_error(format!(
            "descriptor '{what}' of 'functools._lru_cache_wrapper' object needs an argument"
        ))),
    }
}

/// `_lru_cache_wrapper(user_function, maxsize, typed, cache_info_type)`; maxsize None
/// is unbounded, a negative one is 0.
fn wrapper_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(Value::Class(cls)) = a.pos.first() else {
        return Err(PyErr::type_error(
            "_lru_cache_wrapper.__new__(X): X is not a type",
        ));
    };
    let rest = Args {
        pos: &a.pos[1..],
        kw: a.kw,
    };
    let given = rest.pos.len() + rest.kw.len();
    if given > 4 {
        // CPython parses these with PyArg_ParseTupleAndKeywords, whose message this is.
        return Err(PyErr::type_error(format!(
            "lru_cache() takes at most 4 arguments ({given} given)"
        )));
    }
    let p = super::bind(
        &rest,
        "lru_cache",
        &["user_function", "maxsize", "typed", "cache_info_type"],
        0,
        4,
    )?;
    let [Some(func), Some(maxsize), Some(typed), Some(info_type)] = p[..] else {
        unreachable!("all four are required")
    };
    if !crate::vm::builtins::functions::is_callable(vm, func) {
        return Err(PyErr::type_error("the first argument must be callable"));
    }
    let maxsize = match maxsize {
        Value::None => None,
        v if crate::vm::dispatch::type_ref(v).slots.index.get().is_some()
            || matches!(
                v.payload(),
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_)
            ) =>
        {
            Some(vm.to_index(v)?.max(0) as usize)
        }
        _ => return Err(PyErr::type_error("maxsize should be integer or None")),
    };
    let typed = vm.truthy(typed)?;
    let cache = native(LruCache {
        func: func.clone(),
        maxsize,
        typed,
        info_type: info_type.clone(),
        map: Ref::new(DictObj::default()),
        stats: ObjCell::new(Stats {
            order: Order::new(),
            hits: 0,
            misses: 0,
        }),
    });
    let cls = cls.clone();
    Ok(Value::Instance(Ref::with_type(
        crate::vm::object::Instance::new(&cls, cache, None),
        cls,
    )))
}

/// The cache key of a call, as CPython's `_make_key`: the arguments, a marker and the
/// keyword items (in the call's order), then (if typed) the types; a lone exact int or
/// str argument is its own key.
fn make_key(vm: &mut Vm, c: &LruCache, args: &[Value], kw: &[(Ref<PyStr>, Value)]) -> Value {
    if kw.is_empty() && !c.typed {
        if let [Value::Int(_) | Value::Str(_) | Value::BigInt(_)] = args {
            return args[0].clone();
        }
        return Value::tuple(args.to_vec());
    }
    let mut key: Vec<Value> = Vec::with_capacity(
        args.len()
            + if kw.is_empty() { 0 } else { 1 + 2 * kw.len() }
            + if c.typed { args.len() + kw.len() } else { 0 },
    );
    key.extend_from_slice(args);
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

/// Calling the wrapper, as CPython's three C paths (maxsize 0, unbounded, bounded): a
/// hit returns the stored result (and makes it the most recent); a miss calls the
/// function, then stores the result, evicting the least recently used entry when full.
/// The function runs with no cell borrowed, so it may call the wrapper again
/// (recursion, `cache_clear`) or another thread may run meanwhile: the store then
/// looks at the map afresh, so at worst a result is computed twice.
fn wrapper_call(
    vm: &mut Vm,
    this: &Value,
    args: &[Value],
    kw: &[(Ref<PyStr>, Value)],
) -> PyResult<Value> {
    let c = lru(vm, this, "__call__")?;
    // One level of the recursion limit, as CPython counts a call through `tp_call`;
    // a memoised recursion nests native calls, so the stack is checked here too.
    vm.enter_call()?;
    let r = cached_call(vm, c, args, kw);
    vm.leave_call();
    r
}

fn cached_call(
    vm: &mut Vm,
    c: &LruCache,
    args: &[Value],
    kw: &[(Ref<PyStr>, Value)],
) -> PyResult<Value> {
    if c.maxsize == Some(0) {
        c.stats.lock().misses += 1;
        return vm.call(&c.func.clone(), args, kw);
    }
    let hk = if kw.is_empty()
        && !c.typed
        && !matches!(args, [Value::Int(_) | Value::Str(_) | Value::BigInt(_)])
        && !args.iter().any(crate::vm::ops::needs_canon)
    {
        // The key is the arguments' tuple: a hit finds it by the items, so only a
        // miss makes the tuple (CPython's hit makes one).
        let hash = vm.hash_items(args)? as u64;
        if let Some(v) = lookup(c, &ItemsKey { hash, items: args }) {
            return Ok(v);
        }
        HKey {
            hash,
            key: Value::tuple(args.to_vec()),
        }
    } else {
        let key = make_key(vm, c, args, kw);
        let hk = vm.dict_key(&c.map, key)?;
        if let Some(v) = lookup(c, &hk) {
            return Ok(v);
        }
        hk
    };
    c.stats.lock().misses += 1;
    let r = vm.call(&c.func.clone(), args, kw)?;
    let Some(max) = c.maxsize else {
        // Unbounded: stored over whatever a nested call stored meanwhile (CPython's
        // plain `dict[key] = result`).
        let old = c.map.map.lock().insert(hk, r.clone());
        drop(old);
        return Ok(r);
    };
    let evicted = {
        let mut m = c.map.map.lock();
        // Another call (recursion, another thread) may have stored it meanwhile: CPython
        // keeps that entry and returns this result.
        if m.contains_key(&hk) {
            return Ok(r);
        }
        let mut st = c.stats.lock();
        let order = &mut st.order;
        let mut evicted = None;
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
        m.insert(hk, r.clone());
        evicted
    };
    // The evicted entry is freed after the cells are released (its __del__ may run).
    drop(evicted);
    Ok(r)
}

/// A hit: the stored result, counted and (bounded) made the most recent.
fn lookup<Q>(c: &LruCache, key: &Q) -> Option<Value>
where
    Q: std::hash::Hash + indexmap::Equivalent<HKey> + ?Sized,
{
    let m = c.map.map.lock();
    let i = m.get_index_of(key)?;
    let mut st = c.stats.lock();
    st.hits += 1;
    if c.maxsize.is_some() {
        st.order.touch(i as u32);
    }
    Some(m[i].clone())
}

/// `cache_info()`: `cache_info_type(hits, misses, maxsize, currsize)`.
fn wrapper_cache_info(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = lru_this(vm, &a, "cache_info")?;
    a.no_kw("_lru_cache_wrapper.cache_info")?;
    a.expect_method("_lru_cache_wrapper.cache_info", 0, 0)?;
    let (hits, misses, size) = {
        let m = c.map.map.lock();
        let st = c.stats.lock();
        (st.hits as i64, st.misses as i64, m.len() as i64)
    };
    let maxsize = c.maxsize.map_or(Value::None, |m| Value::Int(m as i64));
    vm.call(
        &c.info_type.clone(),
        &[
            Value::Int(hits),
            Value::Int(misses),
            maxsize,
            Value::Int(size),
        ],
        &[],
    )
}

/// `cache_clear()`: empties the cache and zeroes the counts.
fn wrapper_cache_clear(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = lru_this(vm, &a, "cache_clear")?;
    a.no_kw("_lru_cache_wrapper.cache_clear")?;
    a.expect_method("_lru_cache_wrapper.cache_clear", 0, 0)?;
    let old = {
        // Both cells at once: a store in between would find an order and a map
        // that disagree.
        let mut m = c.map.map.lock();
        let mut st = c.stats.lock();
        st.order = Order::new();
        st.hits = 0;
        st.misses = 0;
        std::mem::take(&mut *m)
    };
    // The entries are freed after the cells are released (their __del__ could run code).
    drop(old);
    Ok(Value::None)
}

/// Pickled by reference, as a function is: its `__qualname__`.
fn wrapper_reduce(vm: &mut Vm, a: Args) -> PyResult<Value> {
    lru_this(vm, &a, "__reduce__")?;
    a.no_kw("_lru_cache_wrapper.__reduce__")?;
    a.expect_method("_lru_cache_wrapper.__reduce__", 0, 0)?;
    vm.getattr_str(&a.pos[0], "__qualname__")
}

/// A wrapper is shared by copies, as CPython's (which takes any arguments here).
fn wrapper_copy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    lru_this(vm, &a, "__copy__")?;
    Ok(a.pos[0].clone())
}

fn wrapper_deepcopy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    lru_this(vm, &a, "__deepcopy__")?;
    Ok(a.pos[0].clone())
}

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    super::add_functions(d, &[("reduce", reduce)]);
    d.set_str("partial", Value::Class(partial_class()));
    d.set_str("_lru_cache_wrapper", Value::Class(wrapper_class()));
    Ok(())
}
