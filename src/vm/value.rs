//! `Value`: what every stack slot, local, constant and container element holds.
//! Small immutable values are inline; everything else is a counted `Ref` to an object.
//!
//! Why this shape: an enum of 16 bytes (tag + one word) keeps ints, floats, bools and
//! None free of allocation and refcounting, which is where most bytecode time goes.
//! Heap objects are `Ref`s, whose counts the GIL orders (refcount.rs), so threads
//! share them as CPython's do; their mutable internals sit behind `ObjCell` (cell.rs). `Null` never reaches
//! Python code: it marks unbound local slots and LOAD_METHOD's "no self".

use crate::bytecode::CodeObject;
use crate::vm::refcount::Ref;
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::sync::atomic::{AtomicU64, Ordering};

pub use super::object::*;

#[derive(Debug)]
pub enum Value {
    Null,
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// Ints outside i64; always normalised so a value that fits is an `Int`.
    BigInt(Ref<BigInt>),
    Str(Ref<PyStr>),
    Tuple(Ref<Vec<Value>>),
    List(Ref<ListObj>),
    Dict(Ref<DictObj>),
    Set(Ref<SetObj>),
    Function(Ref<Function>),
    Class(Ref<Class>),
    Instance(Ref<Instance>),
    BoundMethod(Ref<BoundMethod>),
    Builtin(Ref<Builtin>),
    Module(Ref<Module>),
    Code(Ref<CodeObject>),
    Cell(Ref<CellObj>),
    Range(Ref<RangeObj>),
    Slice(Ref<SliceObj>),
    Iter(Ref<IterObj>),
    Generator(Ref<Generator>),
    /// Objects implemented by native modules (locks, threads, queues, files).
    Native(Ref<Native>),
}

impl Clone for Value {
    /// One inline count update for heap values (none for inline ones), then a
    /// bitwise copy: no call and no per-variant code, as CPython's `Py_INCREF`.
    #[inline(always)]
    fn clone(&self) -> Value {
        if let Some(c) = self.count() {
            super::refcount::retain(c);
        }
        // SAFETY: a `Value` is a tag plus either plain data or one `Ref`. Plain data
        // may be duplicated freely; for a `Ref` the count was just raised by one, so
        // the copy owns that new reference, exactly as `Ref::clone` would produce.
        unsafe { std::ptr::read(self) }
    }
}

impl Value {
    /// Drops a value without the out-of-line drop glue unless the object must be
    /// freed: inline values need nothing, heap values one inline count update (the
    /// eval loop discards a value on most instructions).
    #[inline(always)]
    pub fn discard(self) {
        match self.count() {
            None => std::mem::forget(self),
            Some(c) if super::refcount::try_release(c) => std::mem::forget(self),
            Some(_) => drop(self),
        }
    }

    /// The reference count of a heap value. Every arm reads the same word (the count
    /// is first in every object, refcount.rs), so this compiles to one load.
    #[inline(always)]
    fn count(&self) -> Option<&std::sync::atomic::AtomicUsize> {
        use Value::*;
        Some(match self {
            Null | None | Bool(_) | Int(_) | Float(_) => return Option::None,
            BigInt(a) => Ref::count(a),
            Str(a) => Ref::count(a),
            Tuple(a) => Ref::count(a),
            List(a) => Ref::count(a),
            Dict(a) => Ref::count(a),
            Set(a) => Ref::count(a),
            Function(a) => Ref::count(a),
            Class(a) => Ref::count(a),
            Instance(a) => Ref::count(a),
            BoundMethod(a) => Ref::count(a),
            Builtin(a) => Ref::count(a),
            Module(a) => Ref::count(a),
            Code(a) => Ref::count(a),
            Cell(a) => Ref::count(a),
            Range(a) => Ref::count(a),
            Slice(a) => Ref::count(a),
            Iter(a) => Ref::count(a),
            Generator(a) => Ref::count(a),
            Native(a) => Ref::count(a),
        })
    }

    /// Makes this object and everything it reaches immortal (see refcount.rs): for
    /// values stored in process-wide statics, before another thread can see them.
    pub fn make_immortal(&self) {
        use Value::*;
        match self {
            Null | None | Bool(_) | Int(_) | Float(_) => {}
            BigInt(a) => {
                Ref::set_immortal(a);
            }
            Str(a) => {
                Ref::set_immortal(a);
            }
            Range(a) => {
                Ref::set_immortal(a);
            }
            Slice(a) => {
                Ref::set_immortal(a);
            }
            Iter(a) => {
                if Ref::set_immortal(a) {
                    a.state.share();
                }
            }
            Generator(a) => {
                if Ref::set_immortal(a) {
                    a.state.share();
                }
            }
            Native(a) => {
                Ref::set_immortal(a);
            }
            Builtin(a) => {
                Ref::set_immortal(a);
            }
            Tuple(a) => {
                if Ref::set_immortal(a) {
                    a.iter().for_each(Value::make_immortal);
                }
            }
            List(a) => {
                if Ref::set_immortal(a) {
                    a.items.share();
                    a.items.lock().iter().for_each(Value::make_immortal);
                }
            }
            Dict(a) => immortal_dict(a),
            Set(a) => {
                if Ref::set_immortal(a) {
                    a.items.share();
                    a.items.lock().iter().for_each(|k| k.key.make_immortal());
                }
            }
            Function(a) => {
                if Ref::set_immortal(a) {
                    immortal_code(&a.code);
                    immortal_dict(&a.globals);
                    a.defaults.iter().for_each(Value::make_immortal);
                    for (k, v) in &a.kwdefaults {
                        Ref::set_immortal(k);
                        v.make_immortal();
                    }
                    for c in &a.closure {
                        if Ref::set_immortal(c) {
                            c.value.share();
                            c.value.lock().make_immortal();
                        }
                    }
                    Ref::set_immortal(&a.name);
                    a.attrs.share();
                    immortal_attrs(&a.attrs.lock());
                }
            }
            Class(a) => {
                if Ref::set_immortal(a) {
                    immortal_class_contents(a);
                }
            }
            Instance(a) => {
                if Ref::set_immortal(a) {
                    Value::Class(a.class.clone()).make_immortal();
                    a.attrs.share();
                    if let Some(exc) = &a.exc {
                        exc.share();
                    }
                    immortal_attrs(&a.attrs.lock());
                }
            }
            BoundMethod(a) => {
                if Ref::set_immortal(a) {
                    a.func.make_immortal();
                    a.this.make_immortal();
                }
            }
            Module(a) => {
                if Ref::set_immortal(a) {
                    immortal_dict(&a.dict);
                }
            }
            Code(a) => immortal_code(a),
            Cell(a) => {
                if Ref::set_immortal(a) {
                    a.value.share();
                    a.value.lock().make_immortal();
                }
            }
        }
    }

    /// An int from a bigint, narrowed to `Int` when it fits.
    pub fn from_bigint(b: BigInt) -> Value {
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Ref::new(b)),
        }
    }

    pub fn str(s: &str) -> Value {
        Value::Str(Ref::new(PyStr::new(s)))
    }

    pub fn string(s: String) -> Value {
        Value::Str(Ref::new(PyStr::from_string(s)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Ref::new(items))
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Ref::new(ListObj::new(items)))
    }

    pub fn dict(map: DictMap) -> Value {
        Value::Dict(Ref::new(DictObj::new(map)))
    }

    /// Identity (`is`): same object for heap values, same value for inline ones.
    pub fn ptr_eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Null, Null) | (None, None) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (BigInt(a), BigInt(b)) => Ref::ptr_eq(a, b),
            (Str(a), Str(b)) => Ref::ptr_eq(a, b),
            (Tuple(a), Tuple(b)) => Ref::ptr_eq(a, b),
            (List(a), List(b)) => Ref::ptr_eq(a, b),
            (Dict(a), Dict(b)) => Ref::ptr_eq(a, b),
            (Set(a), Set(b)) => Ref::ptr_eq(a, b),
            (Function(a), Function(b)) => Ref::ptr_eq(a, b),
            (Class(a), Class(b)) => Ref::ptr_eq(a, b),
            (Instance(a), Instance(b)) => Ref::ptr_eq(a, b),
            (BoundMethod(a), BoundMethod(b)) => Ref::ptr_eq(a, b),
            (Builtin(a), Builtin(b)) => Ref::ptr_eq(a, b),
            (Module(a), Module(b)) => Ref::ptr_eq(a, b),
            (Code(a), Code(b)) => Ref::ptr_eq(a, b),
            (Cell(a), Cell(b)) => Ref::ptr_eq(a, b),
            (Range(a), Range(b)) => Ref::ptr_eq(a, b),
            (Slice(a), Slice(b)) => Ref::ptr_eq(a, b),
            (Iter(a), Iter(b)) => Ref::ptr_eq(a, b),
            (Generator(a), Generator(b)) => Ref::ptr_eq(a, b),
            (Native(a), Native(b)) => Ref::ptr_eq(a, b),
            _ => false,
        }
    }

    /// A stable address-like number for `id()` and default reprs.
    pub fn id(&self) -> u64 {
        use Value::*;
        fn p<T>(a: &Ref<T>) -> u64 {
            Ref::as_ptr(a) as *const u8 as u64
        }
        match self {
            Null => 0,
            None => 0x1000,
            Bool(b) => 0x2000 + *b as u64,
            Int(i) => 0x4000_0000_0000_0000 ^ (*i as u64),
            Float(f) => 0x6000_0000_0000_0000 ^ f.to_bits(),
            BigInt(a) => p(a),
            Str(a) => p(a),
            Tuple(a) => p(a),
            List(a) => p(a),
            Dict(a) => p(a),
            Set(a) => p(a),
            Function(a) => p(a),
            Class(a) => p(a),
            Instance(a) => p(a),
            BoundMethod(a) => p(a),
            Builtin(a) => p(a),
            Module(a) => p(a),
            Code(a) => p(a),
            Cell(a) => p(a),
            Range(a) => p(a),
            Slice(a) => p(a),
            Iter(a) => p(a),
            Generator(a) => p(a),
            Native(a) => p(a),
        }
    }
}

fn immortal_dict(d: &Ref<DictObj>) {
    if Ref::set_immortal(d) {
        d.map.share();
        for (k, v) in d.map.lock().iter() {
            k.key.make_immortal();
            v.make_immortal();
        }
    }
}

fn immortal_attrs(m: &AttrMap) {
    for (k, v) in m.iter() {
        Ref::set_immortal(k);
        v.make_immortal();
    }
}

fn immortal_code(c: &Ref<CodeObject>) {
    if Ref::set_immortal(c) {
        c.caches.iter().for_each(|s| s.share());
        c.consts.iter().for_each(Value::make_immortal);
        c.names.iter().for_each(|n| {
            Ref::set_immortal(n);
        });
    }
}

/// A class for a process-wide static: immortal, with everything it holds.
pub fn shared_class(c: Ref<Class>) -> Ref<Class> {
    immortal_class(&c);
    c
}

/// Makes a class immortal, walking its namespace even when the class already is:
/// `install_type_methods` adds methods to built-in classes made immortal when built.
pub fn immortal_class(c: &Ref<Class>) {
    Ref::set_immortal(c);
    immortal_class_contents(c);
}

fn immortal_class_contents(c: &Ref<Class>) {
    c.attrs.share();
    c.cache.share();
    immortal_attrs(&c.attrs.lock());
    if let Some(b) = &c.base {
        if Ref::set_immortal(b) {
            immortal_class_contents(b);
        }
    }
}

/// An immutable Python string with its hash cached on first use.
#[derive(Debug)]
pub struct PyStr {
    /// A `String`, not a `Box<str>`: boxing would shrink-reallocate every string
    /// built by formatting or concatenation.
    s: String,
    /// 0 = not computed yet (a real hash of 0 is remapped to 1).
    hash: AtomicU64,
    /// Whether every char is ASCII: then char indexing is byte indexing.
    ascii: bool,
}

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        PyStr {
            ascii: s.is_ascii(),
            s: s.to_string(),
            hash: AtomicU64::new(0),
        }
    }

    pub fn from_string(s: String) -> PyStr {
        PyStr {
            ascii: s.is_ascii(),
            s,
            hash: AtomicU64::new(0),
        }
    }

    #[inline]
    pub fn as_str(&self) -> &str {
        &self.s
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// The string for `strops` searches, with the cached ASCII flag.
    pub fn hay(&self) -> super::strops::Hay<'_> {
        super::strops::Hay::known(&self.s, self.ascii)
    }

    /// Length in code points, as Python's `len()`.
    pub fn char_len(&self) -> usize {
        if self.ascii {
            self.s.len()
        } else {
            self.s.chars().count()
        }
    }

    pub fn py_hash(&self) -> u64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != 0 {
            return h;
        }
        let h = match fxhash_str(&self.s) {
            0 => 1,
            h => h,
        };
        self.hash.store(h, Ordering::Relaxed);
        h
    }
}

/// A one-character string. ASCII ones are shared singletons (as CPython's latin-1
/// cache): iterating or indexing a string then allocates nothing.
pub fn char_value(c: char) -> Value {
    static ASCII: std::sync::OnceLock<Vec<Ref<PyStr>>> = std::sync::OnceLock::new();
    if c.is_ascii() {
        let table = ASCII.get_or_init(|| {
            (0u8..128)
                .map(|b| {
                    let s = Ref::new(PyStr::new(&(b as char).to_string()));
                    // Shared by every interpreter in the process (refcount.rs).
                    Ref::set_immortal(&s);
                    s
                })
                .collect()
        });
        return Value::Str(table[c as usize].clone());
    }
    Value::string(c.to_string())
}

impl PartialEq for PyStr {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        // Interned names are shared, so attribute and global lookups usually match by
        // address and never compare bytes.
        std::ptr::eq(self, other) || self.s == other.s
    }
}

/// The one shared `PyStr` for an identifier-like string. The compiler interns every
/// name and short string constant, so the same name in different functions is the
/// same object and dict lookups match it by address.
pub fn intern(s: &str) -> Ref<PyStr> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static TABLE: OnceLock<Mutex<HashMap<Box<str>, Ref<PyStr>>>> = OnceLock::new();
    let mut t = TABLE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    if let Some(v) = t.get(s) {
        return v.clone();
    }
    let v = Ref::new(PyStr::new(s));
    // The table is process-wide, so every interpreter may share the string (refcount.rs).
    Ref::set_immortal(&v);
    t.insert(s.into(), v.clone());
    v
}

/// Strings worth interning: short and identifier-like (names, attribute keys).
pub fn is_identifier_like(s: &str) -> bool {
    s.len() <= 40 && !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}
impl Eq for PyStr {}

impl std::hash::Hash for PyStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.py_hash());
    }
}

/// The hash `PyStr::py_hash` gives for `s`, without building a `PyStr`.
pub fn str_hash(s: &str) -> u64 {
    match fxhash_str(s) {
        0 => 1,
        h => h,
    }
}

/// A fast, deterministic string hash (FxHash-style); deterministic so that runs repeat.
fn fxhash_str(s: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = 0;
    let bytes = s.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().unwrap());
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(5) ^ b as u64).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_stays_sixteen_bytes() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }

    #[test]
    fn value_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Value>();
    }
}
