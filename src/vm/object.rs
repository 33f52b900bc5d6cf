//! Heap object types behind `Value`'s `Ref`s. Mutable internals sit in `ObjCell`s;
//! immutable ones (tuples, strings, code) are plain fields.

use super::cell::ObjCell;
use super::frame::Frame;
use super::value::{PyStr, Value};
use crate::bytecode::CodeObject;
use crate::vm::refcount::Ref;
use indexmap::{IndexMap, IndexSet};
use std::any::Any;
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::Arc;

/// Passes the precomputed Python hash through, spreading it into the high bits that
/// hashbrown uses for its control bytes (small ints hash to themselves).
#[derive(Default)]
pub struct PassHasher(u64);

impl Hasher for PassHasher {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) ^ b as u64 ^ (self.0 >> 56);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub type PassBuild = BuildHasherDefault<PassHasher>;

/// A dict or set key: the value with its Python hash computed once.
///
/// Equality here is structural for built-in immutable values (numbers compare across
/// int/float/bool, strings and tuples by content) and identity for everything else.
/// Keys whose class defines `__eq__` are canonicalised by the VM before they get here
/// (see `Vm::hkey`), so identity is enough for them too.
#[derive(Clone, Debug)]
pub struct HKey {
    pub hash: u64,
    pub key: Value,
}

impl Hash for HKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl PartialEq for HKey {
    fn eq(&self, other: &Self) -> bool {
        self.hash == other.hash && key_eq(&self.key, &other.key)
    }
}
impl Eq for HKey {}

/// Borrowed string key: looks up `HKey`s without cloning a `Ref` (globals, attributes).
pub struct StrKey<'a>(pub &'a PyStr);

impl Hash for StrKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0.py_hash());
    }
}

impl indexmap::Equivalent<HKey> for StrKey<'_> {
    fn equivalent(&self, k: &HKey) -> bool {
        match &k.key {
            Value::Str(s) => **s == *self.0,
            _ => false,
        }
    }
}

/// Equality of keys without running Python code (see `HKey`).
pub fn key_eq(a: &Value, b: &Value) -> bool {
    use Value::*;
    match (a, b) {
        (Int(x), Int(y)) => x == y,
        (Str(x), Str(y)) => **x == **y,
        (None, None) => true,
        (Bool(x), Bool(y)) => x == y,
        (Int(x), Bool(y)) | (Bool(y), Int(x)) => *x == *y as i64,
        (Float(x), Float(y)) => x == y,
        (Int(x), Float(y)) | (Float(y), Int(x)) => (*x as f64) == *y && (*y as i64) == *x,
        (Bool(x), Float(y)) | (Float(y), Bool(x)) => (*x as i64 as f64) == *y,
        (BigInt(x), BigInt(y)) => x == y,
        (BigInt(x), Float(y)) | (Float(y), BigInt(x)) => {
            num_traits::ToPrimitive::to_f64(&**x).is_some_and(|f| f == *y && y.fract() == 0.0)
                && num_bigint::BigInt::from(*y as i128) == **x
        }
        (Tuple(x), Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| key_eq(p, q))
        }
        (Set(x), Set(y)) if Ref::ptr_eq(x, y) => true,
        (Set(x), Set(y)) => {
            let (xs, ys) = (x.items.lock(), y.items.lock());
            xs.len() == ys.len() && xs.iter().all(|k| ys.contains(k))
        }
        _ => a.ptr_eq(b),
    }
}

pub type DictMap = IndexMap<HKey, Value, PassBuild>;
pub type KeySet = IndexSet<HKey, PassBuild>;

#[derive(Debug, Default)]
pub struct ListObj {
    pub items: ObjCell<Vec<Value>>,
}

impl ListObj {
    pub fn new(items: Vec<Value>) -> ListObj {
        ListObj {
            items: ObjCell::new(items),
        }
    }
}

/// Drops containers iteratively, as CPython's "trashcan" does: a list nested a
/// million deep (or a million-node linked list of instances) would otherwise recurse
/// once per level in the destructors and overflow the native stack.
fn drop_deep(mut work: Vec<Value>) {
    while let Some(v) = work.pop() {
        match v {
            Value::List(l) => {
                if let Ok(mut obj) = Ref::try_unwrap(l) {
                    work.append(obj.items.get_mut());
                }
            }
            Value::Tuple(t) => {
                if let Ok(items) = Ref::try_unwrap(t) {
                    work.extend(items);
                }
            }
            Value::Dict(d) => {
                if let Ok(mut obj) = Ref::try_unwrap(d) {
                    for (k, v) in std::mem::take(obj.map.get_mut()) {
                        work.push(k.key);
                        work.push(v);
                    }
                }
            }
            Value::Instance(i) => {
                if let Ok(mut obj) = Ref::try_unwrap(i) {
                    work.extend(std::mem::take(obj.attrs.get_mut()).into_values());
                }
            }
            other => drop(other),
        }
    }
}

/// Whether dropping `v` could recurse into more containers.
fn is_container(v: &Value) -> bool {
    matches!(
        v,
        Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Instance(_)
    )
}

impl Drop for ListObj {
    fn drop(&mut self) {
        let items = self.items.get_mut();
        if items.iter().any(is_container) {
            drop_deep(std::mem::take(items));
        }
    }
}

impl Drop for DictObj {
    fn drop(&mut self) {
        let map = self.map.get_mut();
        if map.values().any(is_container) {
            let mut work = Vec::with_capacity(map.len());
            for (_, v) in std::mem::take(map) {
                work.push(v);
            }
            drop_deep(work);
        }
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let attrs = self.attrs.get_mut();
        if attrs.values().any(is_container) {
            drop_deep(std::mem::take(attrs).into_values().collect());
        }
    }
}

#[derive(Debug, Default)]
pub struct DictObj {
    pub map: ObjCell<DictMap>,
}

impl DictObj {
    pub fn new(map: DictMap) -> DictObj {
        DictObj {
            map: ObjCell::new(map),
        }
    }

    /// Fast path for string keys (globals, namespaces, kwargs).
    pub fn get_str(&self, name: &PyStr) -> Option<Value> {
        self.map.lock().get(&StrKey(name)).cloned()
    }

    pub fn set_str(&self, name: &str, v: Value) {
        let s = Ref::new(PyStr::new(name));
        let k = HKey {
            hash: s.py_hash(),
            key: Value::Str(s),
        };
        self.map.lock().insert(k, v);
    }

    pub fn set_pystr(&self, name: &Ref<PyStr>, v: Value) {
        let mut m = self.map.lock();
        if let Some(slot) = m.get_mut(&StrKey(name)) {
            *slot = v;
            return;
        }
        m.insert(
            HKey {
                hash: name.py_hash(),
                key: Value::Str(name.clone()),
            },
            v,
        );
    }

    pub fn del_str(&self, name: &PyStr) -> Option<Value> {
        self.map.lock().shift_remove(&StrKey(name))
    }
}

#[derive(Debug, Default)]
pub struct SetObj {
    pub frozen: bool,
    pub items: ObjCell<KeySet>,
}

impl SetObj {
    pub fn new(items: KeySet, frozen: bool) -> SetObj {
        SetObj {
            frozen,
            items: ObjCell::new(items),
        }
    }
}

/// Attribute namespaces of classes and instances: string keys only.
pub type AttrMap = IndexMap<Ref<PyStr>, Value, PassBuild>;

#[derive(Debug)]
pub struct Function {
    pub code: Ref<CodeObject>,
    pub globals: Ref<DictObj>,
    pub defaults: Vec<Value>,
    /// Keyword-only defaults by name.
    pub kwdefaults: Vec<(Ref<PyStr>, Value)>,
    pub closure: Vec<Ref<CellObj>>,
    pub name: Ref<PyStr>,
    pub qualname: String,
    /// `f.__dict__`: arbitrary attributes set on the function.
    pub attrs: ObjCell<AttrMap>,
}

/// Which built-in layout a class (and so its instances) has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassKind {
    /// A built-in type whose instances are not `Instance`s (int, str, list, ...).
    Builtin,
    /// `object` and user classes: instances are plain `Instance`s.
    Object,
    /// BaseException and its subclasses: instances carry `ExcData`.
    Exception,
}

#[derive(Debug)]
pub struct Class {
    pub name: String,
    pub qualname: String,
    pub base: Option<Ref<Class>>,
    /// The class namespace. Mutate it through `set_attr`/`del_attr` (or call
    /// `class_changed`) so that lookup caches see the change.
    pub attrs: ObjCell<AttrMap>,
    pub kind: ClassKind,
    /// Results of `lookup` along the class chain, including misses (`__getattr__`,
    /// `__bool__`, ... are looked up on almost every operation and usually absent).
    pub cache: ObjCell<LookupCache>,
}

/// Bumped whenever any class's namespace changes: every cache filled before is stale.
static CLASS_EPOCH: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// The current class epoch: results cached at an older one may be stale.
#[inline(always)]
pub fn class_epoch() -> u64 {
    CLASS_EPOCH.load(std::sync::atomic::Ordering::Acquire)
}

/// Invalidates every class's lookup cache (a class namespace changed).
pub fn class_changed() {
    CLASS_EPOCH.fetch_add(1, std::sync::atomic::Ordering::Release);
}

/// Names that share a (class, hash) key, each with what the class chain gave for it.
type CacheBucket = Vec<(usize, Ref<PyStr>, Option<Value>)>;

/// Lookups already done, including misses (`__getattr__`, `__bool__`, ... are looked
/// up on almost every operation and usually absent); emptied when any class changes.
#[derive(Debug, Default)]
pub struct LookupCache {
    epoch: u64,
    /// Keyed by the name's hash mixed with the class address; `PassBuild` because
    /// that is already a hash.
    entries: std::collections::HashMap<u64, CacheBucket, PassBuild>,
}

impl LookupCache {
    fn get(&mut self, owner: usize, name: &str, hash: u64, epoch: u64) -> Option<Option<Value>> {
        if self.epoch != epoch {
            self.entries.clear();
            self.epoch = epoch;
            return None;
        }
        let bucket = self.entries.get(&Self::key(owner, hash))?;
        // Names are interned, so the address usually decides without comparing bytes.
        let (_, _, v) = bucket.iter().find(|(o, k, _)| {
            *o == owner && (std::ptr::eq(k.as_str(), name) || k.as_str() == name)
        })?;
        Some(v.clone())
    }

    fn put(&mut self, owner: usize, name: Ref<PyStr>, hash: u64, epoch: u64, value: Option<Value>) {
        if self.epoch == epoch {
            self.entries
                .entry(Self::key(owner, hash))
                .or_default()
                .push((owner, name, value));
        }
    }

    #[inline]
    fn key(owner: usize, hash: u64) -> u64 {
        hash ^ (owner as u64).rotate_left(29)
    }
}

impl Class {
    /// Finds `name` on this class or its bases (single inheritance: the MRO is the chain).
    pub fn lookup(&self, name: &PyStr) -> Option<Value> {
        self.cached_lookup(name.as_str(), name.py_hash())
    }

    pub fn lookup_str(&self, name: &str) -> Option<Value> {
        self.cached_lookup(name, super::value::str_hash(name))
    }

    fn cached_lookup(&self, name: &str, hash: u64) -> Option<Value> {
        let epoch = CLASS_EPOCH.load(std::sync::atomic::Ordering::Acquire);
        if self.cache.is_shared() {
            return self.shared_lookup(name, hash, epoch);
        }
        if let Some(v) = self.cache.lock().get(0, name, hash, epoch) {
            return v;
        }
        let found = self.walk_lookup(name);
        let key = super::value::intern(name);
        self.cache.lock().put(0, key, hash, epoch, found.clone());
        found
    }

    /// Lookups on built-in (immortal, process-wide) classes use a cache per OS thread,
    /// so that `list.append` and friends take no lock: the class's own cache is shared
    /// by every interpreter and so sits behind the process-wide lock (cell.rs). What it
    /// holds is immortal (interned names; built-in classes refuse attribute writes), so
    /// the thread-local table may keep it whatever interpreter the thread serves.
    fn shared_lookup(&self, name: &str, hash: u64, epoch: u64) -> Option<Value> {
        thread_local! {
            static CACHE: std::cell::RefCell<LookupCache> = Default::default();
        }
        let owner = self as *const Class as usize;
        if let Some(v) = CACHE.with(|c| c.borrow_mut().get(owner, name, hash, epoch)) {
            return v;
        }
        let found = self.walk_lookup(name);
        let key = super::value::intern(name);
        CACHE.with(|c| c.borrow_mut().put(owner, key, hash, epoch, found.clone()));
        found
    }

    fn walk_lookup(&self, name: &str) -> Option<Value> {
        let key = PyStr::new(name);
        if let Some(v) = self.attrs.lock().get(&key) {
            return Some(v.clone());
        }
        let mut c = self.base.clone();
        while let Some(cls) = c {
            if let Some(v) = cls.attrs.lock().get(&key) {
                return Some(v.clone());
            }
            c = cls.base.clone();
        }
        None
    }

    pub fn set_attr(&self, name: Ref<PyStr>, v: Value) {
        self.attrs.lock().insert(name, v);
        class_changed();
    }

    pub fn del_attr(&self, name: &PyStr) -> Option<Value> {
        let r = self.attrs.lock().shift_remove(name);
        class_changed();
        r
    }

    /// Whether `self` is `other` or derives from it.
    pub fn is_subclass(&self, other: &Class) -> bool {
        let mut c = self;
        loop {
            if std::ptr::eq(c, other) {
                return true;
            }
            match &c.base {
                Some(b) => c = b,
                None => return self.second_base_is(other),
            }
        }
    }

    /// `ExceptionGroup` derives from both `BaseExceptionGroup` and `Exception`; with
    /// single inheritance its base is `Exception` and the other parent is this rule.
    #[cold]
    fn second_base_is(&self, other: &Class) -> bool {
        let t = super::types::types();
        std::ptr::eq(other, &*t.base_exception_group) && self.is_subclass(&t.exception_group)
    }
}

/// The class chain, most derived first (`__mro__`).
pub fn mro(cls: &Ref<Class>) -> Vec<Ref<Class>> {
    let mut out = vec![];
    let mut c = Some(cls.clone());
    while let Some(cls) = c {
        c = cls.base.clone();
        out.push(cls);
    }
    out
}

/// One line of a traceback: where a frame was when the exception passed through it.
#[derive(Debug, Clone)]
pub struct TraceEntry {
    pub filename: Arc<str>,
    pub line: u32,
    pub name: String,
}

#[derive(Debug, Default)]
pub struct ExcData {
    pub args: Vec<Value>,
    /// Innermost frame first (the order it was unwound); printed reversed.
    pub traceback: Vec<TraceEntry>,
    pub cause: Option<Value>,
    pub context: Option<Value>,
    pub suppress_context: bool,
}

#[derive(Debug)]
pub struct Instance {
    pub class: Ref<Class>,
    pub attrs: ObjCell<AttrMap>,
    /// Present exactly when the class derives from BaseException.
    pub exc: Option<ObjCell<ExcData>>,
}

#[derive(Debug)]
pub struct BoundMethod {
    pub func: Value,
    pub this: Value,
}

/// Positional and keyword arguments handed to a native function.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub pos: &'a [Value],
    pub kw: &'a [(Ref<PyStr>, Value)],
}

pub type NativeFn = fn(&mut super::Vm, Args<'_>) -> super::PyResult<Value>;

pub struct Builtin {
    pub name: &'static str,
    pub func: NativeFn,
    /// When set (e.g. `dict.fromkeys`), called with the class as first argument even
    /// when looked up on the class (a classmethod); otherwise a method descriptor.
    pub class_method: bool,
}

impl fmt::Debug for Builtin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<built-in function {}>", self.name)
    }
}

#[derive(Debug)]
pub struct Module {
    pub name: String,
    pub dict: Ref<DictObj>,
}

/// A closure cell; `Value::Null` when empty.
#[derive(Debug)]
pub struct CellObj {
    pub value: ObjCell<Value>,
}

impl CellObj {
    pub fn new(v: Value) -> CellObj {
        CellObj {
            value: ObjCell::new(v),
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct RangeObj {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObj {
    pub fn len(&self) -> i64 {
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && lo < hi {
            (hi - lo - 1) / step + 1
        } else if step < 0 && lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        };
        n as i64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[derive(Debug)]
pub struct SliceObj {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// State of a built-in iterator. Iterators over containers hold the container and a
/// position, so mutation during iteration behaves as in CPython.
#[derive(Debug)]
pub enum IterState {
    Range {
        cur: i64,
        stop: i64,
        step: i64,
    },
    Seq {
        seq: Value,
        idx: usize,
    },
    Str {
        s: Ref<PyStr>,
        byte: usize,
    },
    DictKeys {
        dict: Ref<DictObj>,
        idx: usize,
        len: usize,
    },
    DictValues {
        dict: Ref<DictObj>,
        idx: usize,
        len: usize,
    },
    DictItems {
        dict: Ref<DictObj>,
        idx: usize,
        len: usize,
    },
    /// A snapshot (sets, reversed, sorted views).
    Items {
        items: Vec<Value>,
        idx: usize,
    },
    Enumerate {
        inner: Value,
        count: Value,
    },
    Zip {
        iters: Vec<Value>,
    },
    Map {
        func: Value,
        iters: Vec<Value>,
    },
    Filter {
        func: Value,
        inner: Value,
    },
    /// Old-style `__getitem__` iteration.
    GetItem {
        obj: Value,
        idx: i64,
    },
    /// `iter(callable, sentinel)`.
    Callable {
        func: Value,
        sentinel: Value,
    },
    Done,
}

#[derive(Debug)]
pub struct IterObj {
    pub state: ObjCell<IterState>,
    /// `list_iterator`, `range_iterator`, `enumerate`, ... for `type()` and reprs.
    pub kind: &'static str,
}

#[derive(Debug, Default)]
pub struct GenState {
    /// None while running (the frame is on the running thread's stack) or when done.
    pub frame: Option<Box<Frame>>,
    pub running: bool,
    pub started: bool,
    pub finished: bool,
    /// The exception its code was handling when it suspended (restored on resume, so
    /// the caller's `except` state and the generator's do not leak into each other).
    pub exc: Option<Value>,
    /// Async generators: an `asend`/`athrow` awaitable is being driven.
    pub running_async: bool,
    /// Coroutines: where they were created, for "coroutine ... was never awaited".
    pub origin: Option<(Arc<str>, u32)>,
}

/// What a generator-like object is; all three run a suspended heap frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    /// `async def` without `yield` (or an async list/set/dict comprehension).
    Coroutine,
    /// `async def` with `yield` (or an async generator expression).
    AsyncGenerator,
}

impl GenKind {
    /// The type name, as in `'coroutine' object is not iterable`.
    pub fn name(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async generator",
        }
    }
}

#[derive(Debug)]
pub struct Generator {
    pub name: String,
    pub qualname: String,
    pub kind: GenKind,
    pub state: ObjCell<GenState>,
}

impl Drop for Generator {
    /// A coroutine dropped before it ever ran was never awaited: CPython warns on
    /// stderr (its warnings filter shows each location once; gilvm warns each time).
    fn drop(&mut self) {
        let st = self.state.get_mut();
        if self.kind == GenKind::Coroutine && !st.started && st.frame.is_some() {
            let place = match &st.origin {
                Some((file, line)) => format!("{file}:{line}"),
                None => "sys:1".to_string(),
            };
            eprintln!(
                "{place}: RuntimeWarning: coroutine '{}' was never awaited",
                self.qualname
            );
            if let Some((file, line)) = &st.origin {
                if let Some(src) = std::fs::read_to_string(&**file).ok().and_then(|s| {
                    s.lines()
                        .nth(*line as usize - 1)
                        .map(|l| l.trim().to_string())
                }) {
                    eprintln!("  {src}");
                }
            }
            eprintln!("RuntimeWarning: Enable tracemalloc to get the object allocation traceback");
        }
    }
}

/// Objects implemented in Rust by native modules (locks, threads, queues, files).
/// Their methods are built-ins in `class()`'s attributes that downcast `args[0]`.
pub trait NativeObject: Send + Sync + fmt::Debug + Any {
    fn class(&self) -> Ref<Class>;
    fn as_any(&self) -> &dyn Any;
    /// The `repr()`; None for the default `<module.Type object>`.
    fn repr(&self) -> Option<String> {
        None
    }
    /// Attributes computed by the object (`partial.func`), looked up after its class.
    fn attr(&self, _name: &str) -> Option<Value> {
        None
    }
    /// Whether `iter_next` is implemented (the object is a native iterator).
    fn is_iterator(&self) -> bool {
        false
    }
    /// For native iterators: the next item (`Ok(None)` when exhausted), without a
    /// `__next__` lookup or a StopIteration per loop.
    fn iter_next(&self, _vm: &mut super::Vm) -> super::PyResult<Option<Value>> {
        Ok(None)
    }
}

#[derive(Debug)]
pub struct Native {
    pub obj: Box<dyn NativeObject>,
}
