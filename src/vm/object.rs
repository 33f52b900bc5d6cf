//! Heap object types behind `Value`'s `Ref`s (the payloads after the header). Mutable
//! internals sit in `ObjCell`s; immutable ones (tuples, strings, code) are plain
//! fields. Each payload says what it holds (`Payload::traverse`) and which type its
//! objects get (`HasType`).

use super::cell::{GilCell, ObjCell};
use super::frame::Frame;
use super::refcount::{HasType, Header, Payload};
use super::typeobj::TypeObj;
use super::types::types;
use super::value::{PyStr, Value};
use crate::bytecode::CodeObject;
use crate::vm::refcount::Ref;
use indexmap::IndexMap;
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

/// Borrowed tuple key: looks up the `HKey` a tuple of these items would be, without
/// making the tuple (lru_cache's hits). Only for items that need no canonicalising
/// (`ops::needs_canon`); `hash` is the tuple's (`Vm::hash_items`).
pub struct ItemsKey<'a> {
    pub hash: u64,
    pub items: &'a [Value],
}

impl Hash for ItemsKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

impl indexmap::Equivalent<HKey> for ItemsKey<'_> {
    fn equivalent(&self, k: &HKey) -> bool {
        k.hash == self.hash
            && match &k.key {
                Value::Tuple(t) => {
                    t.len() == self.items.len()
                        && t.iter().zip(self.items).all(|(p, q)| key_eq(p, q))
                }
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
        (Bytes(x), Bytes(y)) => Ref::ptr_eq(x, y) || *x.data.lock() == *y.data.lock(),
        (Range(x), Range(y)) => x.same_as(y),
        (Set(x), Set(y)) if Ref::ptr_eq(x, y) => true,
        (Set(x), Set(y)) => {
            let (xs, ys) = (x.items.lock(), y.items.lock());
            xs.len() == ys.len() && xs.iter().all(|k| ys.contains(k))
        }
        _ => a.ptr_eq(b),
    }
}

pub type DictMap = super::dictmap::OrderedMap<HKey, Value, PassBuild>;
pub type KeySet = super::dictmap::OrderedSet<HKey, PassBuild>;

#[derive(Debug, Default)]
pub struct ListObj {
    pub items: ObjCell<Vec<Value>>,
}

/// A list gives up its items last to first, as CPython's list_dealloc and
/// list.clear do, so finalizers that the items' release triggers run in its order.
impl Drop for ListObj {
    fn drop(&mut self) {
        let items = self.items.get_mut();
        while let Some(v) = items.pop() {
            drop(v);
        }
    }
}

impl ListObj {
    pub fn new(items: Vec<Value>) -> ListObj {
        ListObj {
            items: ObjCell::new(items),
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
        self.map.lock().remove(&StrKey(name))
    }
}

#[derive(Debug, Default)]
pub struct SetObj {
    pub frozen: bool,
    pub items: ObjCell<KeySet>,
    pub weaklist: super::gc::WeakList,
}

impl SetObj {
    pub fn new(items: KeySet, frozen: bool) -> SetObj {
        SetObj {
            frozen,
            items: ObjCell::new(items),
            weaklist: Default::default(),
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
    /// `__kwdefaults__`: keyword-only defaults by name (None without any); the
    /// dict itself, so assigning or mutating it changes later calls, as CPython's.
    pub kwdefaults: GilCell<Option<Ref<DictObj>>>,
    pub closure: Vec<Ref<CellObj>>,
    pub name: GilCell<Ref<PyStr>>,
    pub qualname: GilCell<Ref<PyStr>>,
    /// `__module__`: the `__name__` of the globals it was defined in.
    pub module: GilCell<Value>,
    pub doc: GilCell<Value>,
    /// `f.__dict__`, made on first use.
    pub dict: GilCell<Option<Ref<DictObj>>>,
    /// `f.__annotations__`, made (empty) on first use.
    pub annotations: GilCell<Option<Ref<DictObj>>>,
    pub weaklist: super::gc::WeakList,
}

impl Function {
    pub fn name(&self) -> Ref<PyStr> {
        self.name.get_clone()
    }

    pub fn qualname(&self) -> Ref<PyStr> {
        self.qualname.get_clone()
    }

    /// `f.__dict__`, created if the function has none yet.
    pub fn dict(&self) -> Ref<DictObj> {
        if let Some(d) = self.dict.get_clone() {
            return d;
        }
        let d = Ref::new(DictObj::default());
        self.dict.set(Some(d.clone()));
        d
    }
}

pub use super::typeobj::{mro, ClassKind, TypeObj as Class};

/// One line of a traceback: where a frame was when the exception passed through it.
/// The code object (not the frame) is kept, for `tb_frame.f_code`.
#[derive(Debug, Clone)]
pub struct TraceEntry {
    pub code: Ref<crate::bytecode::CodeObject>,
    pub line: u32,
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

/// An object of a class that has the instance layout: `object`, every class made
/// by Python code, the exceptions. Its type is in its header.
///
/// Attributes live inline (`attrs`, string keys) until someone asks for the
/// `__dict__` object; then they move into a real dict that stays the instance's
/// namespace from then on, so `obj.__dict__["z"] = 5` is seen by `obj.z`. CPython
/// 3.11 does the same (inline values, dict materialised on demand); the inline form
/// keeps attribute access free of the extra indirection.
#[derive(Debug)]
pub struct Instance {
    attrs: ObjCell<AttrMap>,
    dict: GilCell<Option<Ref<DictObj>>>,
    /// False for classes whose `__slots__` leave `__dict__` out.
    has_dict: bool,
    /// `__slots__` values in the order of `TypeObj::slot_names` (`Null`: unset).
    pub slots: ObjCell<Vec<Value>>,
    /// For a class deriving from a built-in type other than object and the
    /// exceptions: that type's own object (`list` for `class L(list)`), which the
    /// built-in methods and slots work on. `Null` otherwise.
    pub base: Value,
    /// Present exactly when the class derives from BaseException. Boxed: inline it
    /// cost every other instance ~90 bytes (docs/performance.md, object sizes).
    pub exc: Option<Box<ObjCell<ExcData>>>,
    /// `__del__` has run (PEP 442: at most once per object).
    pub finalized: std::sync::atomic::AtomicBool,
    pub weaklist: super::gc::WeakList,
}

impl Instance {
    /// Capacities of the attribute table and the slot vector (`sys.getsizeof`).
    pub fn capacities(&self) -> (usize, usize) {
        let attrs = self.attrs.try_lock().map_or(0, |a| a.capacity());
        let slots = self.slots.try_lock().map_or(0, |s| s.capacity());
        (attrs, slots)
    }

    /// A fresh instance of `cls` with the layout its type asks for.
    pub fn new(cls: &Ref<TypeObj>, base: Value, exc: Option<ExcData>) -> Instance {
        use super::typeobj::flags;
        Instance {
            attrs: ObjCell::new({
                let mut m = AttrMap::default();
                // `reserve`, not `with_capacity`: the table and the entries then
                // get the capacities that inserting one by one reaches, so the
                // size (`sys.getsizeof`) does not depend on the hint.
                match cls.attr_hint() {
                    0 => {}
                    n => m.reserve(n),
                }
                m
            }),
            dict: GilCell::new(None),
            has_dict: cls.has_flag(flags::HAS_DICT),
            slots: ObjCell::new(vec![Value::Null; cls.slot_names.len()]),
            base,
            exc: exc.map(|e| Box::new(ObjCell::new(e))),
            finalized: Default::default(),
            weaklist: Default::default(),
        }
    }

    /// Whether the instance has a `__dict__` at all.
    #[inline]
    pub fn has_dict(&self) -> bool {
        self.has_dict
    }

    /// The inline attributes, while no dict object exists (the eval loop's fast
    /// paths); `None` once `__dict__` was materialised or for dict-less instances.
    #[inline(always)]
    pub fn inline_attrs(&self) -> Option<&ObjCell<AttrMap>> {
        // SAFETY of the read: see GilCell; `is_none` reads the discriminant only.
        (self.has_dict && self.dict_is_none()).then_some(&self.attrs)
    }

    #[inline(always)]
    fn dict_is_none(&self) -> bool {
        self.dict.peek_is_none()
    }

    /// The `__dict__` object, made (with the inline attributes moved in) on first use.
    pub fn dict(&self) -> Option<Ref<DictObj>> {
        if !self.has_dict {
            return None;
        }
        if let Some(d) = self.dict.get_clone() {
            return Some(d);
        }
        let attrs = std::mem::take(&mut *self.attrs.lock());
        let mut map = DictMap::with_capacity_and_hasher(attrs.len(), Default::default());
        for (k, v) in attrs {
            map.insert(
                HKey {
                    hash: k.py_hash(),
                    key: Value::Str(k),
                },
                v,
            );
        }
        let d = Ref::new(DictObj::new(map));
        self.dict.set(Some(d.clone()));
        Some(d)
    }

    /// An attribute from the instance's namespace.
    pub fn get(&self, name: &PyStr) -> Option<Value> {
        match self.dict.get_clone() {
            Some(d) => d.get_str(name),
            None => self.attrs.lock().get(name).cloned(),
        }
    }

    /// Whether the namespace has `name`.
    pub fn contains(&self, name: &PyStr) -> bool {
        match self.dict.get_clone() {
            Some(d) => d.map.lock().contains_key(&StrKey(name)),
            None => self.attrs.lock().contains_key(name),
        }
    }

    /// Stores an attribute; false for dict-less instances. The old value is dropped
    /// after the namespace is updated.
    pub fn set(&self, name: &Ref<PyStr>, v: Value) -> bool {
        if !self.has_dict {
            return false;
        }
        match self.dict.get_clone() {
            Some(d) => d.set_pystr(name, v),
            None => {
                let old = self.attrs.lock().insert(name.clone(), v);
                drop(old);
            }
        }
        true
    }

    /// Removes an attribute, giving it back.
    pub fn remove(&self, name: &PyStr) -> Option<Value> {
        match self.dict.get_clone() {
            Some(d) => d.del_str(name),
            None => self.attrs.lock().shift_remove(name),
        }
    }

    /// An attribute by `&str` (for Rust code that keeps data there).
    pub fn get_attr(&self, name: &str) -> Option<Value> {
        self.get(&PyStr::new(name))
    }

    /// Stores an attribute by `&str` (ignored for dict-less instances).
    pub fn set_attr(&self, name: &str, v: Value) {
        self.set(&super::value::intern(name), v);
    }
}

#[derive(Debug)]
pub struct BoundMethod {
    pub func: Value,
    pub this: Value,
    /// Bound methods can be weakly referenced, as in CPython (`weakref.WeakMethod`
    /// refers to the object instead, since a method object is made per access).
    pub weaklist: super::gc::WeakList,
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
    pub weaklist: super::gc::WeakList,
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
    pub weaklist: super::gc::WeakList,
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

pub use super::range::{BigRange, RangeObj};

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
    /// A snapshot of a set or dict (`source`) that raises CPython's RuntimeError
    /// once the source's size is no longer `len`.
    Sized {
        items: Vec<Value>,
        idx: usize,
        source: Value,
        len: usize,
    },
    /// `last` as for `Zip`: the previous `(index, item)` tuple, refilled in place
    /// when the consumer let go of it (`for i, x in enumerate(...)` unpacks it at
    /// once), as CPython's enumerate does.
    Enumerate {
        inner: Value,
        count: Value,
        last: Option<Ref<Vec<Value>>>,
    },
    /// `last`: the tuple the previous step handed out, refilled in place when the
    /// consumer has let go of it (as CPython's zip does).
    Zip {
        iters: Vec<Value>,
        last: Option<Ref<Vec<Value>>>,
        /// `zip(strict=True)`: iterators of unequal length raise ValueError.
        strict: bool,
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

/// A built-in iterator; its type (`list_iterator`, `range_iterator`, `enumerate`,
/// ...) is in its header.
#[derive(Debug)]
pub struct IterObj {
    pub state: ObjCell<IterState>,
}

#[derive(Debug, Default)]
pub struct GenState {
    /// None while running (the frame is on the running thread's stack) or when done.
    pub frame: Option<Box<Frame>>,
    pub running: bool,
    pub started: bool,
    pub finished: bool,
    /// Closed by the finalizer once already (PEP 442: at most once).
    pub finalized: bool,
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
    /// The function's name objects, shared (a string copy per generator would be two
    /// allocations per coroutine call).
    pub name: Ref<PyStr>,
    pub qualname: Ref<PyStr>,
    pub kind: GenKind,
    /// `gi_code`/`cr_code`/`ag_code`, kept after the frame is gone (asyncio's reprs
    /// of a finished task read it).
    pub code: Ref<crate::bytecode::CodeObject>,
    pub state: ObjCell<GenState>,
    pub weaklist: super::gc::WeakList,
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
                self.qualname.as_str()
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

/// Objects implemented in Rust by native modules (locks, threads, queues, files) and
/// by the VM itself (descriptors, `super`). Their methods are built-ins in
/// `class()`'s attributes that downcast `args[0]`.
pub trait NativeObject: Send + Sync + fmt::Debug + Any {
    /// The type the object gets when it is created (it is then in the header).
    fn class(&self) -> Ref<Class>;
    fn as_any(&self) -> &dyn Any;
    /// The `repr()`; None for the default `<module.Type object>`.
    fn repr(&self) -> Option<String> {
        None
    }
    /// Visits every object the native object holds a counted reference to (what the
    /// cycle collector walks). Objects that hold no `Value` or `Ref` keep the default.
    fn traverse(&self, _visit: &mut dyn FnMut(&Header)) {}
    /// Gives up what its mutable parts hold (the collector breaking a cycle of
    /// garbage, `Payload::clear`). Objects whose references are immutable keep the
    /// default: a cycle always passes through some mutable object too.
    fn clear(&self) {}
    /// Called when the object is about to be freed (`Payload::predealloc`).
    fn predealloc(&self) {}
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
    /// The object's weak-reference list, for the native types CPython lets
    /// `weakref.ref` refer to (locks, deques, patterns, partials, memoryviews).
    fn weaklist(&self) -> Option<&super::gc::WeakList> {
        None
    }
    /// For the base of an instance whose type's finalizer is the native class's own
    /// (not a Python `__del__`): whether that finalizer has anything to do for this
    /// object. False frees the object at once, without queueing a finalizer call
    /// (an asyncio Future with nothing to report, CPython's `tp_finalize` returning
    /// at its first test).
    fn needs_finalizer(&self) -> bool {
        true
    }
}

#[derive(Debug)]
pub struct Native {
    pub obj: Box<dyn NativeObject>,
}

impl Native {
    /// The Rust object, if it is a `T`.
    pub fn downcast<T: 'static>(&self) -> Option<&T> {
        self.obj.as_any().downcast_ref::<T>()
    }
}

// ---------------------------------------------------------------------------------
// Layouts: what each payload holds (for the collector and `make_immortal`) and the
// type its objects get.
// ---------------------------------------------------------------------------------

fn visit_all<'a>(vs: impl IntoIterator<Item = &'a Value>, visit: &mut dyn FnMut(&Header)) {
    for v in vs {
        v.visit(visit);
    }
}

fn visit_keys(keys: &KeySet, visit: &mut dyn FnMut(&Header)) {
    for k in keys {
        k.key.visit(visit);
    }
}

impl Payload for num_bigint::BigInt {
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::BigInt(this))
    }
}
impl HasType for num_bigint::BigInt {
    fn type_for(&self) -> Ref<TypeObj> {
        types().int.clone()
    }
}

impl Payload for PyStr {
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Str(this))
    }
}
impl HasType for PyStr {
    fn type_for(&self) -> Ref<TypeObj> {
        types().str.clone()
    }
}

/// Tuples.
impl Payload for Vec<Value> {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit_all(self.iter(), visit)
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Tuple(this))
    }
}
impl HasType for Vec<Value> {
    fn type_for(&self) -> Ref<TypeObj> {
        types().tuple.clone()
    }
}

impl Payload for ListObj {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        if let Some(items) = self.items.peek() {
            visit_all(items.iter(), visit)
        }
    }
    fn clear(&self) {
        let old = self.items.try_lock().map(|mut g| std::mem::take(&mut *g));
        drop(old);
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::List(this))
    }
    fn share(&self) {
        self.items.share()
    }
}
impl HasType for ListObj {
    fn type_for(&self) -> Ref<TypeObj> {
        types().list.clone()
    }
}

impl Payload for DictObj {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        if let Some(m) = self.map.peek() {
            for (k, v) in m.iter() {
                k.key.visit(visit);
                v.visit(visit);
            }
        }
    }
    fn clear(&self) {
        let old = self.map.try_lock().map(|mut g| std::mem::take(&mut *g));
        drop(old);
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Dict(this))
    }
    fn share(&self) {
        self.map.share()
    }
}
impl HasType for DictObj {
    fn type_for(&self) -> Ref<TypeObj> {
        types().dict.clone()
    }
}

impl Payload for SetObj {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        if let Some(items) = self.items.peek() {
            visit_keys(&items, visit)
        }
    }
    fn clear(&self) {
        let old = self.items.try_lock().map(|mut g| std::mem::take(&mut *g));
        drop(old);
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Set(this))
    }
    const WEAKREFABLE: bool = true;
    fn weaklist(&self) -> Option<&super::gc::WeakList> {
        Some(&self.weaklist)
    }
    fn share(&self) {
        self.items.share()
    }
}
impl HasType for SetObj {
    fn type_for(&self) -> Ref<TypeObj> {
        if self.frozen {
            types().frozenset.clone()
        } else {
            types().set.clone()
        }
    }
}

impl Payload for Function {
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit(Ref::header(&self.code));
        visit(Ref::header(&self.globals));
        visit_all(self.defaults.iter(), visit);
        self.kwdefaults
            .with(|d| d.iter().for_each(|d| visit(Ref::header(d))));
        for c in &self.closure {
            visit(Ref::header(c));
        }
        self.name.with(|n| visit(Ref::header(n)));
        self.qualname.with(|n| visit(Ref::header(n)));
        self.module.with(|m| m.visit(visit));
        self.doc.with(|d| d.visit(visit));
        self.dict
            .with(|d| d.iter().for_each(|d| visit(Ref::header(d))));
        self.annotations
            .with(|d| d.iter().for_each(|d| visit(Ref::header(d))));
    }
    const GC: bool = true;
    fn clear(&self) {
        self.dict.set(None);
        self.kwdefaults.set(None);
        self.annotations.set(None);
        self.module.set(Value::None);
        self.doc.set(Value::None);
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Function(this))
    }
    const WEAKREFABLE: bool = true;
    fn weaklist(&self) -> Option<&super::gc::WeakList> {
        Some(&self.weaklist)
    }
}
impl HasType for Function {
    fn type_for(&self) -> Ref<TypeObj> {
        types().function.clone()
    }
}

impl Payload for Instance {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        if let Some(attrs) = self.attrs.peek() {
            for (k, v) in attrs.iter() {
                visit(Ref::header(k));
                v.visit(visit);
            }
        }
        self.dict
            .with(|d| d.iter().for_each(|d| visit(Ref::header(d))));
        if let Some(slots) = self.slots.peek() {
            visit_all(slots.iter(), visit);
        }
        self.base.visit(visit);
        if let Some(e) = self.exc.as_ref().and_then(|e| e.peek()) {
            visit_all(e.args.iter(), visit);
            visit_all(e.cause.iter(), visit);
            visit_all(e.context.iter(), visit);
        }
    }
    fn clear(&self) {
        let attrs = self.attrs.try_lock().map(|mut g| std::mem::take(&mut *g));
        let slots = self.slots.try_lock().map(|mut g| {
            let n = g.len();
            std::mem::replace(&mut *g, vec![Value::Null; n])
        });
        let exc = self.exc.as_ref().and_then(|e| e.try_lock()).map(|mut e| {
            (
                std::mem::take(&mut e.args),
                e.cause.take(),
                e.context.take(),
            )
        });
        self.dict.set(None);
        drop((attrs, slots, exc));
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Instance(this))
    }
    const WEAKREFABLE: bool = true;
    fn weaklist(&self) -> Option<&super::gc::WeakList> {
        Some(&self.weaklist)
    }
    fn share(&self) {
        self.attrs.share();
        self.slots.share();
        if let Some(e) = &self.exc {
            e.share();
        }
    }
    /// An instance of a `weakref.ref` subclass is what its referent's list records:
    /// it leaves the list before it is freed (as a plain weakref does).
    const PREDEALLOC: bool = true;
    fn predealloc(&self) {
        if !self.base.is_null() {
            if let Some(w) = super::gc::subclass_weakref(&self.base) {
                w.detach();
            }
        }
    }
    const HAS_FINALIZER: bool = true;
    /// `__del__`, once (PEP 442): queued to run at the next instruction boundary.
    fn finalizer(this: Ref<Self>) -> Result<Value, Ref<Self>> {
        use std::sync::atomic::Ordering;
        let Some(del) = Ref::ty(&this).slots.del.get() else {
            return Err(this);
        };
        if this.finalized.load(Ordering::Relaxed) {
            return Err(this);
        }
        if !super::slots::is_dunder_del(del) {
            if let Value::Native(n) = &this.base {
                if !n.obj.needs_finalizer() {
                    return Err(this);
                }
            }
        }
        this.finalized.store(true, Ordering::Relaxed);
        Ok(Value::Instance(this))
    }
}

impl Payload for BoundMethod {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.func.visit(visit);
        self.this.visit(visit);
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::BoundMethod(this))
    }
    const WEAKREFABLE: bool = true;
    fn weaklist(&self) -> Option<&super::gc::WeakList> {
        Some(&self.weaklist)
    }
}
impl HasType for BoundMethod {
    fn type_for(&self) -> Ref<TypeObj> {
        types().method.clone()
    }
}

impl Payload for Builtin {
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Builtin(this))
    }
    const WEAKREFABLE: bool = true;
    fn weaklist(&self) -> Option<&super::gc::WeakList> {
        Some(&self.weaklist)
    }
}
impl HasType for Builtin {
    fn type_for(&self) -> Ref<TypeObj> {
        if self.class_method {
            types().classmethod_descriptor.clone()
        } else {
            types().builtin_function.clone()
        }
    }
}

impl Payload for Module {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit(Ref::header(&self.dict));
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Module(this))
    }
    const WEAKREFABLE: bool = true;
    fn weaklist(&self) -> Option<&super::gc::WeakList> {
        Some(&self.weaklist)
    }
}
impl HasType for Module {
    fn type_for(&self) -> Ref<TypeObj> {
        types().module.clone()
    }
}

impl Payload for CodeObject {
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit_all(self.consts.iter(), visit);
        for n in &self.names {
            visit(Ref::header(n));
        }
        #[cfg(feature = "atomic-objects")]
        let caches = self.caches.iter().chain(self.lanes.made());
        #[cfg(not(feature = "atomic-objects"))]
        let caches = self.caches.iter();
        for c in caches {
            if let Some(c) = c.peek() {
                c.traverse(visit);
            }
        }
    }
    const GC: bool = true;
    fn clear(&self) {
        #[cfg(feature = "atomic-objects")]
        let caches = self.caches.iter().chain(self.lanes.made());
        #[cfg(not(feature = "atomic-objects"))]
        let caches = self.caches.iter();
        for c in caches {
            let old = c.try_lock().map(|mut g| std::mem::take(&mut *g));
            drop(old);
        }
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Code(this))
    }
    const WEAKREFABLE: bool = true;
    fn weaklist(&self) -> Option<&super::gc::WeakList> {
        Some(&self.weaklist)
    }
    fn share(&self) {
        self.caches.iter().for_each(|s| s.share());
    }
}
impl HasType for CodeObject {
    fn type_for(&self) -> Ref<TypeObj> {
        types().code.clone()
    }
}

impl Payload for CellObj {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        if let Some(v) = self.value.peek() {
            v.visit(visit);
        }
    }
    fn clear(&self) {
        let old = self
            .value
            .try_lock()
            .map(|mut g| std::mem::replace(&mut *g, Value::Null));
        drop(old);
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Cell(this))
    }
    fn share(&self) {
        self.value.share()
    }
}
impl HasType for CellObj {
    fn type_for(&self) -> Ref<TypeObj> {
        types().cell.clone()
    }
}

impl Payload for RangeObj {
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Range(this))
    }
}
impl HasType for RangeObj {
    fn type_for(&self) -> Ref<TypeObj> {
        types().range.clone()
    }
}

impl Payload for SliceObj {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit_all([&self.start, &self.stop, &self.step], visit);
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Slice(this))
    }
}
impl HasType for SliceObj {
    fn type_for(&self) -> Ref<TypeObj> {
        types().slice.clone()
    }
}

impl IterState {
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        match self {
            IterState::Range { .. } | IterState::Done => {}
            IterState::Seq { seq, .. } => seq.visit(visit),
            IterState::Str { s, .. } => visit(Ref::header(s)),
            IterState::DictKeys { dict, .. }
            | IterState::DictValues { dict, .. }
            | IterState::DictItems { dict, .. } => visit(Ref::header(dict)),
            IterState::Items { items, .. } => visit_all(items.iter(), visit),
            IterState::Sized { items, source, .. } => {
                visit_all(items.iter(), visit);
                source.visit(visit)
            }
            IterState::Enumerate { inner, count, last } => {
                visit_all([inner, count], visit);
                if let Some(t) = last {
                    visit_all(t.iter(), visit);
                }
            }
            IterState::Zip { iters, last, .. } => {
                visit_all(iters.iter(), visit);
                last.iter().for_each(|t| visit(Ref::header(t)))
            }
            IterState::Map { func, iters } => {
                func.visit(visit);
                visit_all(iters.iter(), visit)
            }
            IterState::Filter { func, inner } => visit_all([func, inner], visit),
            IterState::GetItem { obj, .. } => obj.visit(visit),
            IterState::Callable { func, sentinel } => visit_all([func, sentinel], visit),
        }
    }
}

impl Payload for IterObj {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        if let Some(st) = self.state.peek() {
            st.traverse(visit)
        }
    }
    fn clear(&self) {
        let old = self
            .state
            .try_lock()
            .map(|mut g| std::mem::replace(&mut *g, IterState::Done));
        drop(old);
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Iter(this))
    }
    fn share(&self) {
        self.state.share()
    }
}

impl Payload for Generator {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        if let Some(st) = self.state.peek() {
            if let Some(f) = &st.frame {
                f.traverse(visit);
            }
            if let Some(e) = &st.exc {
                e.visit(visit);
            }
        }
    }
    fn clear(&self) {
        let old = self.state.try_lock().map(|mut st| {
            st.finished = true;
            (st.frame.take(), st.exc.take())
        });
        drop(old);
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Generator(this))
    }
    const WEAKREFABLE: bool = true;
    fn weaklist(&self) -> Option<&super::gc::WeakList> {
        Some(&self.weaklist)
    }
    fn share(&self) {
        self.state.share()
    }
    const HAS_FINALIZER: bool = true;
    /// A suspended generator inside a `try` or `with` block is closed (GeneratorExit
    /// at its `yield`, so its `finally` runs), as CPython's generator finalizer does.
    /// One with no active block has no Python code to run and is freed at once.
    fn finalizer(this: Ref<Self>) -> Result<Value, Ref<Self>> {
        let needs_close = {
            let st = this.state.lock();
            st.started
                && !st.finished
                && !st.finalized
                && !st.running
                && st.frame.as_ref().is_some_and(|f| !f.blocks.is_empty())
        };
        if needs_close {
            this.state.lock().finalized = true;
            Ok(Value::Generator(this))
        } else {
            Err(this)
        }
    }
}
impl HasType for Generator {
    fn type_for(&self) -> Ref<TypeObj> {
        let t = types();
        match self.kind {
            GenKind::Generator => t.generator.clone(),
            GenKind::Coroutine => t.coroutine.clone(),
            GenKind::AsyncGenerator => t.async_generator.clone(),
        }
    }
}

impl Payload for Native {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.obj.traverse(visit)
    }
    fn clear(&self) {
        self.obj.clear()
    }
    const PREDEALLOC: bool = true;
    fn predealloc(&self) {
        self.obj.predealloc()
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Native(this))
    }
    const WEAKREFABLE: bool = true;
    fn weaklist(&self) -> Option<&super::gc::WeakList> {
        self.obj.weaklist()
    }
}
impl HasType for Native {
    fn type_for(&self) -> Ref<TypeObj> {
        self.obj.class()
    }
}
