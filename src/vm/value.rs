//! `Value`: what every stack slot, local, constant and container element holds.
//! Small immutable values are inline; everything else is a counted `Ref` to an object.
//!
//! Why this shape: an enum of 16 bytes (tag + one word) keeps ints, floats, bools and
//! None free of allocation and refcounting, which is where most bytecode time goes.
//! Heap objects are `Ref`s, whose counts the GIL orders (refcount.rs), so threads
//! share them as CPython's do; their mutable internals sit behind `ObjCell` (cell.rs). `Null` never reaches
//! Python code: it marks unbound local slots and LOAD_METHOD's "no self".

use crate::bytecode::CodeObject;
use crate::vm::refcount::{Header, Ref};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};

pub use super::object::*;

/// `repr(u8)`: the tag is the first byte, in declaration order, and each variant's
/// payload follows at its natural alignment, so every heap variant has its one `Ref`
/// at offset 8 (`Value::header` relies on it; a test checks every variant).
#[derive(Debug)]
#[repr(u8)]
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
    /// `bytes` and `bytearray` (src/vm/bytes.rs).
    Bytes(Ref<super::bytes::BytesObj>),
}

/// Generates the per-object operations from the one list of heap variants, so that
/// `header` (and everything built on it) never enumerates variants by hand.
macro_rules! heap_header {
    ($($var:ident),*) => {
        impl Value {
            /// The object header of a heap value (`None` for inline values). Every
            /// arm reads the same word (`Inner` is `repr(C)` with the header first),
            /// so this compiles to a tag test and one load.
            #[inline(always)]
            pub fn header(&self) -> Option<&Header> {
                let p = self as *const Value as *const u8;
                // SAFETY: `Value` is `repr(u8)` (see the enum): byte 0 is the tag, and
                // every variant from `BigInt` (tag 5) on holds exactly one `Ref` at
                // offset 8, a non-null pointer to a live `Inner<_>` whose first field
                // is the header; `header_by_match` is the same, checked by a test for
                // every variant. The reference lives as long as `self` holds the Ref.
                unsafe {
                    if *p < 5 {
                        return None;
                    }
                    Some(&**(p.add(8) as *const *const Header))
                }
            }

            /// `header` by matching every variant (the definition `header` is checked
            /// against).
            pub fn header_by_match(&self) -> Option<&Header> {
                Some(match self {
                    Value::Null | Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
                        return None
                    }
                    $( Value::$var(r) => Ref::header(r), )*
                })
            }
        }
    };
}

heap_header!(
    BigInt,
    Str,
    Tuple,
    List,
    Dict,
    Set,
    Function,
    Class,
    Instance,
    BoundMethod,
    Builtin,
    Module,
    Code,
    Cell,
    Range,
    Slice,
    Iter,
    Generator,
    Native,
    Bytes
);

impl Clone for Value {
    /// One inline count update for heap values (none for inline ones), then a
    /// bitwise copy: no call and no per-variant code, as CPython's `Py_INCREF`.
    #[inline(always)]
    fn clone(&self) -> Value {
        if let Some(h) = self.header() {
            super::refcount::retain(h);
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
        match self.header() {
            None => std::mem::forget(self),
            Some(h) if super::refcount::try_release(h) => std::mem::forget(self),
            Some(_) => drop(self),
        }
    }

    /// Visits the object a heap value points at (for `Payload::traverse`).
    #[inline]
    pub fn visit(&self, visit: &mut dyn FnMut(&Header)) {
        if let Some(h) = self.header() {
            visit(h)
        }
    }

    /// The built-in object a value stands for: the payload of an instance of a class
    /// deriving from a built-in type (`class L(list)`), the value itself otherwise.
    /// Built-in methods and slots look through it, so they work on subclasses.
    #[inline(always)]
    pub fn payload(&self) -> &Value {
        match self {
            Value::Instance(i) if !i.base.is_null() => &i.base,
            _ => self,
        }
    }

    /// Makes this object and everything it reaches immortal (see refcount.rs): for
    /// values stored in process-wide statics, before another thread can see them.
    pub fn make_immortal(&self) {
        if let Some(h) = self.header() {
            super::refcount::make_immortal(h);
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
    #[inline]
    pub fn ptr_eq(&self, other: &Value) -> bool {
        match (self.header(), other.header()) {
            (Some(a), Some(b)) => std::ptr::eq(a, b),
            (Option::None, Option::None) => match (self, other) {
                (Value::Null, Value::Null) | (Value::None, Value::None) => true,
                (Value::Bool(a), Value::Bool(b)) => a == b,
                (Value::Int(a), Value::Int(b)) => a == b,
                (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
                _ => false,
            },
            _ => false,
        }
    }

    /// A stable address-like number for `id()` and default reprs.
    pub fn id(&self) -> u64 {
        use Value::*;
        if let Some(h) = self.header() {
            return h.addr() as u64;
        }
        match self {
            None => 0x1000,
            Bool(b) => 0x2000 + *b as u64,
            Int(i) => 0x4000_0000_0000_0000 ^ (*i as u64),
            Float(f) => 0x6000_0000_0000_0000 ^ f.to_bits(),
            _ => 0,
        }
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
    let h = Ref::header(c);
    h.set_immortal();
    (h.ty().layout_fns().share)(h);
    h.traverse(&mut |child| super::refcount::make_immortal(child));
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
    /// For a non-ASCII string, its `CharIndex` once `len()`, indexing or slicing
    /// asked for one (null before): CPython's strings are fixed-width arrays, so
    /// those are O(1) there, and a UTF-8 scan per `s[i]` made loops quadratic.
    index: AtomicPtr<CharIndex>,
}

/// Where every `CRUMB`-th char of a UTF-8 string starts, and how many chars it has:
/// char `i` is then at most `CRUMB - 1` chars' scan from a known byte offset.
#[derive(Debug)]
pub struct CharIndex {
    chars: usize,
    crumbs: Box<[usize]>,
}

const CRUMB: usize = 32;

impl Drop for PyStr {
    fn drop(&mut self) {
        self.reset_index();
    }
}

impl PyStr {
    pub fn new(s: &str) -> PyStr {
        PyStr::from_string(s.to_string())
    }

    pub fn from_string(s: String) -> PyStr {
        PyStr {
            ascii: s.is_ascii(),
            s,
            hash: AtomicU64::new(0),
            index: AtomicPtr::new(std::ptr::null_mut()),
        }
    }

    /// Appends in place, for a string no one else can see (`s += t` on a sole
    /// reference); its hash and char index are computed again when next asked for.
    pub fn push_str(&mut self, other: &PyStr) {
        self.s.push_str(&other.s);
        self.ascii &= other.ascii;
        *self.hash.get_mut() = 0;
        self.reset_index();
    }

    fn reset_index(&mut self) {
        let p = std::mem::replace(self.index.get_mut(), std::ptr::null_mut());
        if !p.is_null() {
            // SAFETY: a non-null `index` came from `Box::into_raw` in `char_index`,
            // and `&mut self` means no `&CharIndex` borrowed from it is alive.
            drop(unsafe { Box::from_raw(p) });
        }
    }

    /// The char index of a non-ASCII string, built on first use.
    fn char_index(&self) -> &CharIndex {
        let p = self.index.load(Ordering::Acquire);
        if !p.is_null() {
            // SAFETY: once published, the index is neither changed nor freed while
            // `&self` lives (only `reset_index`, through `&mut self`, frees it).
            return unsafe { &*p };
        }
        let mut crumbs = Vec::with_capacity(self.s.len() / CRUMB + 1);
        let mut chars = 0;
        for (b, _) in self.s.char_indices() {
            if chars % CRUMB == 0 {
                crumbs.push(b);
            }
            chars += 1;
        }
        let new = Box::into_raw(Box::new(CharIndex {
            chars,
            crumbs: crumbs.into_boxed_slice(),
        }));
        match self.index.compare_exchange(
            std::ptr::null_mut(),
            new,
            Ordering::AcqRel,
            Ordering::Acquire,
        ) {
            // SAFETY: just published; as above, it lives as long as `&self`.
            Ok(_) => unsafe { &*new },
            Err(theirs) => {
                // SAFETY: `new` was never published, so this is its only owner;
                // `theirs` was published by another thread and lives as above.
                drop(unsafe { Box::from_raw(new) });
                unsafe { &*theirs }
            }
        }
    }

    /// The byte offset where char `i` starts (`i == char_len()` gives the end).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.ascii {
            return i.min(self.s.len());
        }
        let ix = self.char_index();
        if i >= ix.chars {
            return self.s.len();
        }
        let from = ix.crumbs[i / CRUMB];
        let skip = i % CRUMB;
        match self.s[from..].char_indices().nth(skip) {
            Some((b, _)) => from + b,
            None => self.s.len(),
        }
    }

    /// Char `i` (which must be below `char_len()`).
    pub fn char_at(&self, i: usize) -> char {
        if self.ascii {
            return self.s.as_bytes()[i] as char;
        }
        let b = self.byte_offset(i);
        self.s[b..].chars().next().expect("index below char_len")
    }

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
            self.char_index().chars
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
    // Keyed by the string's own hash (the one `PyStr` caches), so a lookup hashes
    // once with the fast string hash instead of SipHash.
    type Table = HashMap<u64, Vec<Ref<PyStr>>, PassBuild>;
    static TABLE: OnceLock<Mutex<Table>> = OnceLock::new();
    let h = str_hash(s);
    let mut t = TABLE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    let bucket = t.entry(h).or_default();
    if let Some(v) = bucket.iter().find(|v| v.as_str() == s) {
        return v.clone();
    }
    let v = Ref::new(PyStr::new(s));
    // The table is process-wide, so every interpreter may share the string (refcount.rs).
    Ref::set_immortal(&v);
    bucket.push(v.clone());
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

    #[test]
    fn header_reads_every_variant_like_a_match() {
        crate::vm::types::install_all_methods();
        let t = crate::vm::types::types();
        let vals = vec![
            Value::Null,
            Value::None,
            Value::Bool(true),
            Value::Int(7),
            Value::Float(1.5),
            Value::from_bigint(BigInt::from(1u8) << 80),
            Value::str("s"),
            Value::tuple(vec![Value::Int(1)]),
            Value::list(vec![]),
            Value::dict(DictMap::default()),
            Value::Set(Ref::new(SetObj::new(KeySet::default(), true))),
            Value::Class(t.int.clone()),
            crate::vm::ops::not_implemented(),
            Value::Range(Ref::new(RangeObj::new(0, 3, 1))),
            Value::Slice(Ref::new(SliceObj {
                start: Value::None,
                stop: Value::None,
                step: Value::None,
            })),
            crate::vm::iter::new_iter(IterState::Done, "list_iterator"),
            crate::vm::builtins::builtin("len", |_, _| Ok(Value::None)),
            Value::Cell(Ref::new(CellObj::new(Value::Null))),
        ];
        for v in &vals {
            let a = v.header().map(|h| h as *const Header);
            let b = v.header_by_match().map(|h| h as *const Header);
            assert_eq!(a, b, "{v:?}");
        }
    }
}
