//! Inline caches: what one LOAD_GLOBAL, LOAD_ATTR, LOAD_METHOD or STORE_ATTR found
//! last time it ran, kept beside the instruction so the next run can skip the lookup.
//!
//! As in CPython 3.11's specializing interpreter, every entry is a guess that is
//! checked before use, never trusted: an index is used only if the key stored there
//! is still the instruction's (interned) name, a class result only if the receiver's
//! type is the same object with the same version tag (typeobj.rs), which changes
//! whenever that type or one of its bases is modified. A wrong guess costs the normal
//! lookup, never a wrong answer.

use super::refcount::{Header, Ref};
use super::typeobj::TypeObj;
use super::value::Value;

#[derive(Debug, Default)]
pub enum Slot {
    #[default]
    Empty,
    /// Where the name was last found in a dict or attribute map (insertion order
    /// index, checked against the key stored there).
    Index(usize),
    /// What looking the name up gave on the last few receiver types: call sites
    /// are often polymorphic (richards calls `fn` on four task classes from one line),
    /// and a one-class cache there misses on almost every call.
    Classes(Vec<ClassEntry>),
    /// BEFORE_WITH: the receiver type's `__enter__` and `__exit__` (special lookups,
    /// on the type only), for one type: a `with` line almost always sees one.
    With(Box<WithEntry>),
    /// LOAD_ATTR/STORE_ATTR: the name is a `__slots__` member of `class` (at
    /// `version`), stored at `index` of the instance's slot vector.
    Member {
        class: Ref<TypeObj>,
        version: u64,
        index: usize,
    },
}

/// What BEFORE_WITH found on `class` at `version`.
#[derive(Debug)]
pub struct WithEntry {
    class: Ref<TypeObj>,
    version: u64,
    enter: Value,
    exit: Value,
}

/// One type's result. The type is held so its address cannot be reused.
#[derive(Debug)]
pub struct ClassEntry {
    class: Ref<TypeObj>,
    /// The type's version tag when looked up: stale once it differs.
    version: u64,
    value: Option<Value>,
    /// Whether `value` is a data descriptor (it then wins over the instance dict).
    data_descr: bool,
    /// LOAD_ATTR/STORE_ATTR: where the attribute sat in the last instance's
    /// `__dict__`, as instances built by one `__init__` share a layout
    /// (`usize::MAX`: unknown).
    attr_index: usize,
}

/// Receiver types remembered per instruction before the oldest is dropped.
const POLYMORPHIC: usize = 4;

/// A class-keyed cache hit: the lookup result and whether it is a data descriptor.
pub struct Hit<'a> {
    pub value: &'a Option<Value>,
    pub data_descr: bool,
    pub attr_index: usize,
}

impl Slot {
    /// The cached result for `class`, if it is still valid.
    #[inline]
    pub fn class_hit(&self, class: &Ref<TypeObj>) -> Option<Hit<'_>> {
        let Slot::Classes(entries) = self else {
            return None;
        };
        let e = entries.iter().find(|e| Ref::ptr_eq(&e.class, class))?;
        (e.version == class.version()).then_some(Hit {
            value: &e.value,
            data_descr: e.data_descr,
            attr_index: e.attr_index,
        })
    }

    /// Records what `class` gave at `version`, replacing stale and old entries.
    /// `slow` marks an entry that must not be used for a fast path (the type's
    /// attribute slot is not the generic one), as a data descriptor does.
    pub fn remember(
        &mut self,
        class: Ref<TypeObj>,
        version: u64,
        value: Option<Value>,
        slow: bool,
    ) {
        if !matches!(self, Slot::Classes(_)) {
            *self = Slot::Classes(Vec::with_capacity(1));
        }
        let Slot::Classes(entries) = self else {
            unreachable!()
        };
        entries.retain(|e| e.version == e.class.version() && !Ref::ptr_eq(&e.class, &class));
        if entries.len() >= POLYMORPHIC {
            entries.remove(0);
        }
        let data_descr = slow
            || value
                .as_ref()
                .is_some_and(|v| super::dispatch::type_ref(v).slots.descr_set.get().is_some());
        entries.push(ClassEntry {
            class,
            version,
            value,
            data_descr,
            attr_index: usize::MAX,
        });
    }

    /// STORE_ATTR's and LOAD_ATTR's guess at the attribute's index in an instance of
    /// `class`.
    #[inline]
    pub fn attr_index(&self, class: &Ref<TypeObj>) -> usize {
        match self {
            Slot::Classes(es) => es
                .iter()
                .find(|e| Ref::ptr_eq(&e.class, class))
                .map_or(usize::MAX, |e| e.attr_index),
            _ => usize::MAX,
        }
    }

    pub fn set_attr_index(&mut self, class: &Ref<TypeObj>, index: usize) {
        if let Slot::Classes(es) = self {
            if let Some(e) = es.iter_mut().find(|e| Ref::ptr_eq(&e.class, class)) {
                e.attr_index = index;
            }
        }
    }

    #[inline]
    pub fn index(&self) -> Option<usize> {
        match self {
            Slot::Index(i) => Some(*i),
            _ => None,
        }
    }

    /// BEFORE_WITH's cached `(__enter__, __exit__)` for `class`, if still valid.
    #[inline]
    pub fn with_hit(&self, class: &Ref<TypeObj>) -> Option<(Value, Value)> {
        match self {
            Slot::With(e) if Ref::ptr_eq(&e.class, class) && e.version == class.version() => {
                Some((e.enter.clone(), e.exit.clone()))
            }
            _ => None,
        }
    }

    /// The slot index a `__slots__` member of `class` was found at, if still valid.
    #[inline]
    pub fn member_hit(&self, class: &TypeObj) -> Option<usize> {
        match self {
            Slot::Member {
                class: c,
                version,
                index,
            } if std::ptr::eq(&**c, class) && *version == class.version() => Some(*index),
            _ => None,
        }
    }

    pub fn remember_member(&mut self, class: Ref<TypeObj>, version: u64, index: usize) {
        *self = Slot::Member {
            class,
            version,
            index,
        };
    }

    pub fn remember_with(&mut self, class: Ref<TypeObj>, version: u64, enter: Value, exit: Value) {
        *self = Slot::With(Box::new(WithEntry {
            class,
            version,
            enter,
            exit,
        }));
    }

    /// Visits the types and values the cache holds (it owns counted references).
    pub fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        match self {
            Slot::Classes(es) => {
                for e in es {
                    visit(Ref::header(&e.class));
                    if let Some(v) = &e.value {
                        v.visit(visit);
                    }
                }
            }
            Slot::With(e) => {
                visit(Ref::header(&e.class));
                e.enter.visit(visit);
                e.exit.visit(visit);
            }
            Slot::Member { class, .. } => visit(Ref::header(class)),
            Slot::Empty | Slot::Index(_) => {}
        }
    }
}

/// Cache lanes in the free-threaded build (`--gil off`): threads running one code
/// object at once would otherwise take the same cache cells on every attribute and
/// global instruction, and the cells' lock byte would bounce between their cores
/// (perf on two threads calling one small class's methods put a third of the run on
/// those locks). Each thread uses the caches of its own lane: lane 0 is the code
/// object's `caches`, the others are made on a thread's first use. A lane is given
/// back when its thread ends and handed to the next thread, which inherits its
/// guesses: they are checked before use like any other. Threads beyond the last lane
/// share it (correct, as every cache is behind its cell's lock, only slower).
#[cfg(feature = "atomic-objects")]
pub const LANES: usize = 8;

#[cfg(feature = "atomic-objects")]
#[derive(Default)]
pub struct CacheLanes([std::sync::OnceLock<Box<[super::cell::ObjCell<Slot>]>>; LANES - 1]);

#[cfg(feature = "atomic-objects")]
impl std::fmt::Debug for CacheLanes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CacheLanes { .. }")
    }
}

#[cfg(feature = "atomic-objects")]
impl CacheLanes {
    /// The caches of `lane` (1..LANES), made like the code object's own on first use.
    #[inline]
    pub fn get(&self, lane: usize, len: usize) -> &[super::cell::ObjCell<Slot>] {
        self.0[lane - 1].get_or_init(|| (0..len).map(|_| Default::default()).collect())
    }

    /// Every lane made so far (for the code object's traverse and clear).
    pub fn made(&self) -> impl Iterator<Item = &super::cell::ObjCell<Slot>> {
        self.0.iter().filter_map(|l| l.get()).flat_map(|l| l.iter())
    }
}

#[cfg(feature = "atomic-objects")]
const NO_LANE: usize = usize::MAX;

#[cfg(feature = "atomic-objects")]
thread_local! {
    static LANE: std::cell::Cell<usize> = const { std::cell::Cell::new(NO_LANE) };
    static LANE_HELD: LaneHeld = take_lane();
}

/// Lanes in use, one bit each.
#[cfg(feature = "atomic-objects")]
static LANES_TAKEN: parking_lot::Mutex<u32> = parking_lot::const_mutex(0);

/// Gives the thread's lane back when it ends.
#[cfg(feature = "atomic-objects")]
struct LaneHeld(usize);

#[cfg(feature = "atomic-objects")]
fn take_lane() -> LaneHeld {
    let mut taken = LANES_TAKEN.lock();
    let free = (!*taken).trailing_zeros() as usize;
    let lane = if free < LANES - 1 { free } else { LANES - 1 };
    *taken |= 1 << lane;
    LANE.with(|l| l.set(lane));
    LaneHeld(lane)
}

#[cfg(feature = "atomic-objects")]
impl Drop for LaneHeld {
    fn drop(&mut self) {
        let _ = LANE.try_with(|l| l.set(LANES - 1));
        // The last lane is shared by every thread beyond the others: never freed.
        if self.0 < LANES - 1 {
            *LANES_TAKEN.lock() &= !(1 << self.0);
        }
    }
}

/// This thread's cache lane.
#[cfg(feature = "atomic-objects")]
#[inline(always)]
pub fn lane() -> usize {
    let l = LANE.with(|l| l.get());
    if l != NO_LANE {
        return l;
    }
    lane_slow()
}

#[cfg(feature = "atomic-objects")]
#[cold]
fn lane_slow() -> usize {
    LANE_HELD.try_with(|h| h.0).unwrap_or(LANES - 1)
}
