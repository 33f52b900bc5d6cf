//! Type objects (`TypeObj`, what `Value::Class` holds): name, bases, MRO, namespace,
//! slot table, version tag and lookup cache. Built-in and user classes are the same
//! struct; flags say which is which.

use super::cell::{GilCell, ObjCell};
use super::object::AttrMap;
use super::refcount::{Header, LayoutFns, Payload, Ref};
use super::slots::Slots;
use super::value::{PyStr, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Which built-in layout a type's instances have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassKind {
    /// Instances are built-in payload objects, not `Instance`s (int, str, list, type...).
    Builtin,
    /// `object` and classes deriving from it (or from a built-in type other than
    /// the exceptions): instances are `Instance`s.
    Object,
    /// BaseException and its subclasses: instances are `Instance`s with `ExcData`.
    Exception,
}

/// What a built-in type's own objects are, for the built-in bases of user classes:
/// an instance of `class L(list)` keeps a `list` object as its payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NativeBase {
    None,
    Int,
    Float,
    Str,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    /// Metaclasses: instances are type objects.
    Type,
}

pub mod flags {
    /// A class made by a `class` statement or `type(name, bases, ns)`: mutable, and
    /// its slots follow its dunders.
    pub const HEAP: u32 = 1 << 0;
    /// May be subclassed (CPython's `Py_TPFLAGS_BASETYPE`).
    pub const BASETYPE: u32 = 1 << 1;
    /// Instances have a `__dict__`.
    pub const HAS_DICT: u32 = 1 << 2;
    /// A core built-in type whose slots are native functions set when it is built:
    /// installing methods on it never replaces them.
    pub const NATIVE_SLOTS: u32 = 1 << 3;
    /// LOAD_ATTR may read an instance's `__dict__` first: the getattr slot is the
    /// generic one and no class of the MRO but `object` has a data descriptor
    /// (so only `object.__class__`/`__dict__` could outrank the dict). Cleared, for
    /// the type and its subclasses, as soon as that stops being true.
    pub const FAST_GET: u32 = 1 << 4;
    /// The same for STORE_ATTR: generic setattr slot, no data descriptor.
    pub const FAST_SET: u32 = 1 << 5;
    /// A built-in type whose slot wrappers (`int.__add__`, ...) are not in its
    /// namespace yet: they are made on the first look at the namespace
    /// (`TypeObj::attrs`), so start-up does not build hundreds of them.
    pub const OPS_PENDING: u32 = 1 << 6;
    /// Instances may be weakly referenced (CPython's `tp_weaklistoffset != 0`): heap
    /// classes unless their `__slots__` (and their bases') leave `__weakref__` out.
    pub const WEAKREF: u32 = 1 << 7;
    /// Instances found on a class bind to an object the way a function does, so
    /// LOAD_METHOD may call them with the object first instead of making a bound
    /// method (CPython's `Py_TPFLAGS_METHOD_DESCRIPTOR`; `functools._lru_cache_wrapper`).
    pub const METHOD_DESCRIPTOR: u32 = 1 << 8;
    /// `__abstractmethods__` is set and non-empty: `object.__new__` refuses the class
    /// (CPython's `Py_TPFLAGS_IS_ABSTRACT`). This type only, not its subclasses.
    pub const IS_ABSTRACT: u32 = 1 << 15;
}

pub struct TypeObj {
    name: GilCell<Arc<str>>,
    qualname: GilCell<Arc<str>>,
    /// The base whose layout instances extend (CPython's `tp_base`): the first of
    /// `bases` for user classes.
    pub base: Option<Ref<TypeObj>>,
    /// `__bases__`.
    pub bases: Vec<Ref<TypeObj>>,
    /// `__mro__` without the type itself (which would be a counted self-reference).
    mro_tail: Vec<Ref<TypeObj>>,
    /// The class namespace, read through `attrs()`. Mutate it through
    /// `set_attr`/`del_attr` (or call `modified`) so that lookup caches and slots
    /// see the change.
    ns: ObjCell<AttrMap>,
    /// Runs the making of a built-in type's slot wrappers once (`OPS_PENDING`).
    ops_once: std::sync::Once,
    pub kind: ClassKind,
    pub native_base: NativeBase,
    flags: std::sync::atomic::AtomicU32,
    layout: LayoutFns,
    pub slots: Slots,
    /// Names of the `__slots__` members, in storage order (all bases' first).
    pub slot_names: Vec<Ref<PyStr>>,
    /// CPython's `tp_version_tag`: caches filled at another tag are stale.
    version: AtomicU64,
    /// The most attributes one instance has been given inline (STORE_ATTR): a new
    /// instance's attribute table starts that big, so an `__init__` setting them
    /// does not regrow it step by step (as CPython's shared-key dicts size from
    /// the type).
    attr_hint: std::sync::atomic::AtomicU32,
    /// Results of `lookup` along the MRO, including misses (`__getattr__`,
    /// `__bool__`, ... are looked up often and usually absent).
    cache: ObjCell<LookupCache>,
    pub weaklist: super::gc::WeakList,
    /// Addresses of the direct subclasses (uncounted: a subclass removes itself
    /// when it is freed), for version invalidation and `__subclasses__()`.
    subclasses: ObjCell<Vec<usize>>,
}

/// A fresh version tag; process-wide, so tags never repeat between interpreters.
fn next_version() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// What a type is made from (`TypeObj::new`).
pub struct TypeSpec {
    pub name: String,
    pub qualname: String,
    /// The base whose layout and slots the type starts from (`TypeObj::base`).
    pub base: Option<Ref<TypeObj>>,
    pub bases: Vec<Ref<TypeObj>>,
    pub mro_tail: Vec<Ref<TypeObj>>,
    pub attrs: AttrMap,
    pub kind: ClassKind,
    pub native_base: NativeBase,
    pub flags: u32,
    pub layout: LayoutFns,
    pub slot_names: Vec<Ref<PyStr>>,
}

impl TypeObj {
    pub fn new(spec: TypeSpec) -> TypeObj {
        let slots = match &spec.base {
            Some(b) => b.slots.inherit(),
            None => Slots::default(),
        };
        TypeObj {
            name: GilCell::new(Arc::from(spec.name)),
            qualname: GilCell::new(Arc::from(spec.qualname)),
            base: spec.base,
            bases: spec.bases,
            mro_tail: spec.mro_tail,
            ns: ObjCell::new(spec.attrs),
            ops_once: std::sync::Once::new(),
            kind: spec.kind,
            native_base: spec.native_base,
            flags: std::sync::atomic::AtomicU32::new(spec.flags),
            layout: spec.layout,
            slots,
            slot_names: spec.slot_names,
            version: AtomicU64::new(next_version()),
            attr_hint: Default::default(),
            cache: Default::default(),
            weaklist: Default::default(),
            subclasses: Default::default(),
        }
    }

    #[inline]
    pub fn name(&self) -> Arc<str> {
        self.name.get_clone()
    }

    #[inline]
    pub fn qualname(&self) -> Arc<str> {
        self.qualname.get_clone()
    }

    pub fn set_name(&self, s: &str) {
        self.name.set(Arc::from(s));
    }

    pub fn set_qualname(&self, s: &str) {
        self.qualname.set(Arc::from(s));
    }

    #[inline(always)]
    pub fn has_flag(&self, f: u32) -> bool {
        self.flags.load(Ordering::Relaxed) & f != 0
    }

    /// Clears flag bits on this type and every subclass (the fast-path flags are
    /// only ever cleared: a stale clear costs speed, never correctness).
    pub fn clear_flags(&self, f: u32) {
        self.flags.fetch_and(!f, Ordering::Relaxed);
        let subs = self.subclasses.lock();
        for &addr in subs.iter() {
            // SAFETY: as in `modified`.
            unsafe { &*(addr as *const TypeObj) }.clear_flags(f);
        }
    }

    pub fn set_flags(&self, f: u32) {
        self.flags.fetch_or(f, Ordering::Relaxed);
    }

    /// Clears flag bits on this type only (`IS_ABSTRACT`).
    pub fn clear_own_flags(&self, f: u32) {
        self.flags.fetch_and(!f, Ordering::Relaxed);
    }

    /// A class made by Python code (mutable, its slots follow its dunders).
    #[inline(always)]
    pub fn is_heap(&self) -> bool {
        self.has_flag(flags::HEAP)
    }

    pub fn layout_fns(&self) -> LayoutFns {
        self.layout
    }

    /// The MRO without the type itself.
    pub fn mro_tail(&self) -> &[Ref<TypeObj>] {
        &self.mro_tail
    }

    /// See `attr_hint`; capped so one odd instance cannot make every later one big.
    #[inline]
    pub fn attr_hint(&self) -> usize {
        self.attr_hint.load(Ordering::Relaxed) as usize
    }

    #[inline]
    pub fn note_attr_count(&self, n: usize) {
        let n = n.min(32) as u32;
        if n > self.attr_hint.load(Ordering::Relaxed) {
            self.attr_hint.store(n, Ordering::Relaxed);
        }
    }

    #[inline(always)]
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::Relaxed)
    }

    /// Something this type's lookups depend on changed (its namespace or a base's):
    /// gives it and every subclass a fresh version tag, so caches keyed on them go
    /// stale and no other cache does.
    pub fn modified(&self) {
        self.version.store(next_version(), Ordering::Relaxed);
        // The list stays locked while its subclasses are visited: a subclass's
        // address stays in it only while the subclass lives (`Drop for TypeObj`
        // takes it out, under this lock, before its memory goes), so none can be
        // freed meanwhile, with the GIL or without it (`--gil off`). Each visit
        // locks the subclass's own list: locks are taken from base to subclass only,
        // an order the class graph (acyclic) makes deadlock-free.
        let subs = self.subclasses.lock();
        for &addr in subs.iter() {
            // SAFETY: see above: alive while the list is locked.
            unsafe { &*(addr as *const TypeObj) }.modified();
        }
    }

    /// Registers `sub` as a direct subclass (it must call `remove_subclass` when freed).
    pub fn add_subclass(&self, sub: &TypeObj) {
        self.subclasses.lock().push(sub as *const TypeObj as usize);
    }

    /// The direct subclasses that are alive, in creation order.
    pub fn subclasses(&self) -> Vec<Ref<TypeObj>> {
        let subs = self.subclasses.lock();
        subs.iter()
            .filter_map(|&addr| {
                // SAFETY: as in `modified`; the new `Ref` is counted, and a subclass
                // whose last reference is going (another thread, `--gil off`) is
                // left out rather than revived.
                unsafe { Ref::try_clone_from_payload(addr as *const TypeObj) }
            })
            .collect()
    }

    /// The class namespace (with a built-in type's slot wrappers made on first use).
    #[inline]
    pub fn attrs(&self) -> &ObjCell<AttrMap> {
        if self.has_flag(flags::OPS_PENDING) {
            self.make_operators();
        }
        &self.ns
    }

    /// The namespace as it is, without making pending slot wrappers (for code that
    /// builds the type, and the collector's traversal: pending wrappers hold nothing).
    pub fn raw_attrs(&self) -> &ObjCell<AttrMap> {
        &self.ns
    }

    #[cold]
    fn make_operators(&self) {
        // Built-in types are shared by every interpreter: the `Once` makes one thread
        // build the wrappers while any other waits for them.
        self.ops_once.call_once(|| {
            // SAFETY: only built-in types get OPS_PENDING, and they are immortal
            // (types.rs), so a counted handle on `self` is always valid.
            let me = unsafe { Ref::clone_from_payload(self as *const TypeObj) };
            super::descr::add_operators(&me);
            // The wrappers are shared by every interpreter too.
            super::value::immortal_class(&me);
        });
        // This type's bit only (`clear_flags` would clear it on every subclass).
        self.flags.fetch_and(!flags::OPS_PENDING, Ordering::Relaxed);
    }

    /// Finds `name` on this class or along its MRO.
    pub fn lookup(&self, name: &PyStr) -> Option<Value> {
        self.cached_lookup(name.as_str(), name.py_hash())
    }

    pub fn lookup_str(&self, name: &str) -> Option<Value> {
        self.cached_lookup(name, super::value::str_hash(name))
    }

    fn cached_lookup(&self, name: &str, hash: u64) -> Option<Value> {
        let version = self.version();
        // Without a GIL (`--gil off`) every type uses the per-thread cache: a class's
        // own cache cell would be taken by every thread that calls its methods or makes
        // its instances, and its lock byte bounce between their cores. Entries are
        // keyed by the type's address and version tag, and tags are never reused, so
        // a type that dies cannot be mistaken for one made later at its address.
        if cfg!(feature = "atomic-objects") || self.cache.is_shared() {
            return self.shared_lookup(name, hash, version);
        }
        if let Some(v) = self.cache.lock().get(0, name, hash, version) {
            return v;
        }
        let found = self.walk_lookup(name);
        let key = super::value::intern(name);
        self.cache.lock().put(0, key, hash, version, found.clone());
        found
    }

    /// Lookups on built-in (immortal, process-wide) types use a cache per OS thread,
    /// so that `list.append` and friends take no lock: the type's own cache is shared
    /// by every interpreter and so sits behind the process-wide lock (cell.rs). What it
    /// holds is immortal (interned names; built-in types refuse attribute writes), so
    /// the thread-local table may keep it whatever interpreter the thread serves.
    fn shared_lookup(&self, name: &str, hash: u64, version: u64) -> Option<Value> {
        thread_local! {
            static CACHE: std::cell::RefCell<LookupCache> = Default::default();
        }
        let owner = self as *const TypeObj as usize;
        if let Some(v) = CACHE.with(|c| c.borrow_mut().get(owner, name, hash, version)) {
            return v;
        }
        let found = self.walk_lookup(name);
        let key = super::value::intern(name);
        CACHE.with(|c| c.borrow_mut().put(owner, key, hash, version, found.clone()));
        found
    }

    /// The MRO walk itself: the first class whose own namespace has `name`.
    pub fn walk_lookup(&self, name: &str) -> Option<Value> {
        let key = PyStr::new(name);
        if let Some(v) = self.attrs().lock().get(&key) {
            return Some(v.clone());
        }
        for cls in &self.mro_tail {
            if let Some(v) = cls.attrs().lock().get(&key) {
                return Some(v.clone());
            }
        }
        None
    }

    /// The class of the MRO whose own namespace defines `name`, with the value.
    pub fn find_in_mro(this: &Ref<TypeObj>, name: &str) -> Option<(Ref<TypeObj>, Value)> {
        let key = PyStr::new(name);
        if let Some(v) = this.attrs().lock().get(&key) {
            return Some((this.clone(), v.clone()));
        }
        for cls in &this.mro_tail {
            if let Some(v) = cls.attrs().lock().get(&key) {
                return Some((cls.clone(), v.clone()));
            }
        }
        None
    }

    /// Stores a class attribute. Callers check mutability (built-in types are immutable).
    pub fn set_attr(this: &Ref<TypeObj>, name: Ref<PyStr>, v: Value) {
        if super::dispatch::type_ref(&v)
            .slots
            .descr_set
            .get()
            .is_some()
        {
            this.clear_flags(flags::FAST_GET | flags::FAST_SET);
        }
        let old = this.attrs().lock().insert(name.clone(), v);
        drop(old);
        this.modified();
        super::slots::update_slot(this, name.as_str());
    }

    pub fn del_attr(this: &Ref<TypeObj>, name: &PyStr) -> Option<Value> {
        let r = this.attrs().lock().shift_remove(name);
        this.modified();
        super::slots::update_slot(this, name.as_str());
        r
    }

    /// Whether `self` is `other` or derives from it.
    pub fn is_subclass(&self, other: &TypeObj) -> bool {
        std::ptr::eq(self, other) || self.mro_tail.iter().any(|c| std::ptr::eq(&**c, other))
    }
}

impl Drop for TypeObj {
    fn drop(&mut self) {
        let me = self as *const TypeObj as usize;
        for b in &self.bases {
            b.subclasses.lock().retain(|&a| a != me);
        }
    }
}

impl std::fmt::Debug for TypeObj {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<class '{}'>", self.name())
    }
}

impl Payload for TypeObj {
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        for b in &self.bases {
            visit(Ref::header(b));
        }
        for c in &self.mro_tail {
            visit(Ref::header(c));
        }
        if let Some(ns) = self.ns.peek() {
            for (k, v) in ns.iter() {
                visit(Ref::header(k));
                v.visit(visit);
            }
        }
        if let Some(c) = self.cache.peek() {
            c.traverse(visit);
        }
        for n in &self.slot_names {
            visit(Ref::header(n));
        }
    }
    const GC: bool = true;
    fn clear(&self) {
        let ns = self.ns.try_lock().map(|mut g| std::mem::take(&mut *g));
        let cache = self.cache.try_lock().map(|mut g| std::mem::take(&mut *g));
        drop((ns, cache));
    }
    fn to_value(this: Ref<Self>) -> Option<Value> {
        Some(Value::Class(this))
    }
    const WEAKREFABLE: bool = true;
    fn weaklist(&self) -> Option<&super::gc::WeakList> {
        Some(&self.weaklist)
    }

    fn share(&self) {
        self.ns.share();
        self.cache.share();
        self.subclasses.share();
    }
}

/// The MRO as `__mro__` shows it: the type itself first.
pub fn mro(cls: &Ref<TypeObj>) -> Vec<Ref<TypeObj>> {
    let mut out = Vec::with_capacity(cls.mro_tail.len() + 1);
    out.push(cls.clone());
    out.extend(cls.mro_tail.iter().cloned());
    out
}

/// Names that share a key, each with its owner type, the version it was looked up
/// at, and what the MRO gave for it.
type CacheBucket = Vec<(usize, u64, Ref<PyStr>, Option<Value>)>;

/// Lookups already done, including misses.
#[derive(Default)]
pub struct LookupCache {
    /// The version all entries of a per-type cache were filled at.
    version: u64,
    /// Keyed by the name's hash mixed with the owner's address; `PassBuild` because
    /// that is already a hash.
    entries: std::collections::HashMap<u64, CacheBucket, super::object::PassBuild>,
}

impl LookupCache {
    fn get(&mut self, owner: usize, name: &str, hash: u64, version: u64) -> Option<Option<Value>> {
        if owner == 0 && self.version != version {
            self.entries.clear();
            self.version = version;
            return None;
        }
        let bucket = self.entries.get(&Self::key(owner, hash))?;
        // Names are interned, so the address usually decides without comparing bytes.
        let (_, _, _, v) = bucket.iter().find(|(o, ver, k, _)| {
            *o == owner && *ver == version && (std::ptr::eq(k.as_str(), name) || k.as_str() == name)
        })?;
        Some(v.clone())
    }

    fn put(
        &mut self,
        owner: usize,
        name: Ref<PyStr>,
        hash: u64,
        version: u64,
        value: Option<Value>,
    ) {
        if owner == 0 && self.version != version {
            return;
        }
        let bucket = self.entries.entry(Self::key(owner, hash)).or_default();
        bucket.retain(|(o, ver, k, _)| !(*o == owner && (*ver != version || **k == *name)));
        bucket.push((owner, version, name, value));
    }

    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        for bucket in self.entries.values() {
            for (_, _, k, v) in bucket {
                visit(Ref::header(k));
                if let Some(v) = v {
                    v.visit(visit);
                }
            }
        }
    }

    #[inline]
    fn key(owner: usize, hash: u64) -> u64 {
        hash ^ (owner as u64).rotate_left(29)
    }
}
