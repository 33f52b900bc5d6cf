//! The object header and `Ref<T>`, the counted pointer every heap `Value` holds. Every
//! object is `{ Header, T }`: a reference count and a counted pointer to its type.
//!
//! Why plain counts and not `Arc`: an `Arc` clone or drop is a `lock`-prefixed
//! instruction (20+ cycles on x86), and the eval loop clones and drops a heap value
//! on most instructions; profiles of richards and nbody put a quarter of all time
//! there. CPython makes the same choice: `Py_INCREF` is a plain increment because
//! only the GIL holder may run it.
//!
//! The invariant that makes this sound (see `docs/architecture.md`, "Reference counts"):
//!
//! 1. A *mortal* object belongs to one interpreter, and its count is only changed by
//!    a thread that holds that interpreter's GIL. GIL handoffs (a mutex release and
//!    acquire) order every change; so do thread spawn and `Arc<Interp>` teardown.
//!    Code that releases the GIL (`Vm::blocking`, thread exit) must not clone or drop
//!    values meanwhile; `Vm::finish_thread` drops the thread's values before releasing.
//! 2. An object reachable from process-wide state (built-in types, interned
//!    strings, the one-character strings, `NotImplemented`) is *immortal*: made so by
//!    [`make_immortal`] before it is published, its count is never written again, so
//!    interpreters running side by side in one process (the test suite) may share it.
//!    Built-in types refuse attribute writes, so nothing mortal can be stored in them.
//!
//! Freeing goes through one function, [`dealloc`]: it runs the finalizer protocol
//! (`__del__`, generator close: queued, never run inside a drop) and the trashcan
//! (frees nest to a bounded depth, deeper ones are queued), so dropping a
//! million-deep chain of any kind of object uses constant native stack.
//!
//! Building with `--features atomic-objects` switches the count to atomic
//! read-modify-writes (what a free-threaded mode needs) without touching callers.

use super::gc;
use super::typeobj::TypeObj;
use super::value::Value;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts at or above this never change; far above any count a program can reach.
const IMMORTAL: usize = 1 << (usize::BITS - 2);

/// What every object starts with (CPython's `PyObject`: `ob_refcnt`, `ob_type`).
/// A `&Header` is the type-erased reference to any object: from it the type's slots
/// (traverse, repr, ...) can be reached without knowing the Rust type behind it.
pub struct Header {
    /// The count; in the free-threaded build the owner thread's local count (brc.rs).
    count: AtomicUsize,
    /// The free-threaded build's owning thread (0: none) and other threads' count.
    #[cfg(feature = "atomic-objects")]
    owner: AtomicUsize,
    #[cfg(feature = "atomic-objects")]
    shared: std::sync::atomic::AtomicIsize,
    /// Owns one reference to the type (immortal for built-in types, so free to copy).
    ty: Ref<TypeObj>,
}

impl Header {
    /// The object's type. Fixed for the object's lifetime (`__class__` assignment is
    /// not supported), so the reference is valid as long as the object is.
    #[inline(always)]
    pub fn ty(&self) -> &Ref<TypeObj> {
        &self.ty
    }

    /// The object's address: `id()` and identity.
    #[inline(always)]
    pub fn addr(&self) -> usize {
        self as *const Header as usize
    }

    /// The current reference count (for tests and the collector's bookkeeping).
    pub fn refcount(&self) -> usize {
        let n = self.count.load(Ordering::Relaxed);
        #[cfg(feature = "atomic-objects")]
        if n < IMMORTAL {
            let shared = self.shared.load(Ordering::Acquire) >> 2;
            return (n as isize + shared).max(0) as usize;
        }
        n
    }

    #[cfg(feature = "atomic-objects")]
    #[inline(always)]
    pub(crate) fn count(&self) -> &AtomicUsize {
        &self.count
    }

    #[cfg(feature = "atomic-objects")]
    #[inline(always)]
    pub(crate) fn owner(&self) -> &AtomicUsize {
        &self.owner
    }

    #[cfg(feature = "atomic-objects")]
    #[inline(always)]
    pub(crate) fn shared(&self) -> &std::sync::atomic::AtomicIsize {
        &self.shared
    }

    /// A header counting one reference, owned by this thread (free-threaded build).
    #[inline]
    fn fresh(ty: Ref<TypeObj>) -> Header {
        #[cfg(feature = "atomic-objects")]
        {
            let owner = super::brc::owner_for_new();
            let (count, shared) = if owner == 0 {
                (0, super::brc::ONE | super::brc::MERGED)
            } else {
                (1, 0)
            };
            Header {
                count: AtomicUsize::new(count),
                owner: AtomicUsize::new(owner),
                shared: std::sync::atomic::AtomicIsize::new(shared),
                ty,
            }
        }
        #[cfg(not(feature = "atomic-objects"))]
        Header {
            count: AtomicUsize::new(1),
            ty,
        }
    }

    /// Back to one reference, held by this thread: a finalizer's hook keeps the
    /// object (free-threaded build; with the GIL the count was never written).
    #[cfg(feature = "atomic-objects")]
    fn reset_to_one(&self) {
        let owner = super::brc::owner_for_new();
        self.owner.store(owner, Ordering::Relaxed);
        if owner == 0 {
            self.count.store(0, Ordering::Relaxed);
            self.shared
                .store(super::brc::ONE | super::brc::MERGED, Ordering::Relaxed);
        } else {
            self.count.store(1, Ordering::Relaxed);
            self.shared.store(0, Ordering::Relaxed);
        }
    }

    #[inline]
    pub fn is_immortal(&self) -> bool {
        self.count.load(Ordering::Relaxed) >= IMMORTAL
    }

    /// Makes the object immortal; true if it was not already (so callers can stop
    /// walking cycles). Only for objects not yet visible to another thread.
    pub fn set_immortal(&self) -> bool {
        #[cfg(feature = "atomic-objects")]
        {
            self.owner.store(0, Ordering::Relaxed);
            self.shared.store(0, Ordering::Relaxed);
        }
        let was = self.count.swap(IMMORTAL, Ordering::Relaxed);
        was < IMMORTAL
    }

    /// Visits every object this one holds a counted reference to, its type included.
    pub fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit(Ref::header(&self.ty));
        (self.ty.layout_fns().traverse)(self, visit)
    }
}

/// The layout-level behaviour of an object's Rust type: what the collector and
/// `make_immortal` need to walk it, and the finalizer hook. Each type object points
/// at the functions for its instances' payload type (`LayoutFns::of::<T>()`).
pub trait Payload: Sized + 'static {
    /// Visits every object reference the payload owns (CPython's `tp_traverse`).
    fn traverse(&self, _visit: &mut dyn FnMut(&Header)) {}
    /// Marks the payload's cells as shared by every interpreter (the object is being
    /// made immortal, see `cell.rs`).
    fn share(&self) {}
    /// Called when the last reference goes, before freeing: `Ok(value)` keeps the
    /// object alive (the `Ref` handed in owns its one reference again) and queues the
    /// value for its finalizer; `Err(this)` lets it be freed. Only consulted when
    /// `HAS_FINALIZER` is true.
    fn finalizer(this: Ref<Self>) -> Result<Value, Ref<Self>> {
        Err(this)
    }
    /// True for the payloads that override `finalizer` (a constant, so that every
    /// other payload's free path has no check at all).
    const HAS_FINALIZER: bool = false;
    /// Containers: allocated with a GC head and tracked by the cycle collector
    /// (src/vm/gc.rs). Leaves (strings, ints, ranges) are not.
    const GC: bool = false;
    /// Gives up the references the payload's mutable parts hold (CPython's
    /// `tp_clear`), for the collector to break a cycle of garbage. Contents are taken
    /// out under the cell and dropped after it is released.
    fn clear(&self) {}
    /// The object as a `Value` (a new reference), for payloads that are one.
    fn to_value(_this: Ref<Self>) -> Option<Value> {
        None
    }
    /// Payloads with a weak-reference list (`weaklist`): freeing one clears it.
    const WEAKREFABLE: bool = false;
    fn weaklist(&self) -> Option<&gc::WeakList> {
        None
    }
    /// Payloads with a `predealloc` hook, run when the object is about to be freed
    /// (before the trashcan may defer the free): a weakref leaves its referent's list.
    const PREDEALLOC: bool = false;
    fn predealloc(&self) {}
}

/// Payloads whose type follows from the value alone, so `Ref::new` can be used.
pub trait HasType: Payload {
    fn type_for(&self) -> Ref<TypeObj>;
}

/// A type object's handles on its instances' payload layout.
#[derive(Clone, Copy)]
pub struct LayoutFns {
    pub traverse: fn(&Header, &mut dyn FnMut(&Header)),
    pub share: fn(&Header),
    /// The objects have a GC head (`Payload::GC`).
    pub gc: bool,
    pub clear: fn(&Header),
    pub to_value: fn(&Header) -> Option<Value>,
    /// Gives up one counted reference to the object (type-erased drop).
    pub release: unsafe fn(*const Header),
    pub weaklist: fn(&Header) -> Option<&gc::WeakList>,
    /// Bytes of one object's allocation (header and payload; not the GC head), for
    /// `sys.getsizeof`.
    pub size: usize,
}

impl LayoutFns {
    pub fn of<T: Payload>() -> LayoutFns {
        LayoutFns {
            traverse: traverse_as::<T>,
            share: share_as::<T>,
            gc: T::GC,
            clear: clear_as::<T>,
            to_value: to_value_as::<T>,
            release: release_as::<T>,
            weaklist: weaklist_as::<T>,
            size: std::mem::size_of::<Inner<T>>(),
        }
    }
}

impl LayoutFns {
    /// For types whose objects are always inline in `Value` (float, NoneType): no
    /// heap object of theirs exists to walk.
    pub fn inline_only() -> LayoutFns {
        fn nothing(_: &Header, _: &mut dyn FnMut(&Header)) {}
        fn no_share(_: &Header) {}
        fn no_value(_: &Header) -> Option<Value> {
            None
        }
        unsafe fn no_release(_: *const Header) {}
        fn no_weaklist(_: &Header) -> Option<&gc::WeakList> {
            None
        }
        LayoutFns {
            traverse: nothing,
            share: no_share,
            gc: false,
            clear: no_share,
            to_value: no_value,
            release: no_release,
            weaklist: no_weaklist,
            size: std::mem::size_of::<Value>(),
        }
    }
}

impl fmt::Debug for LayoutFns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("LayoutFns")
    }
}

fn traverse_as<T: Payload>(h: &Header, visit: &mut dyn FnMut(&Header)) {
    // SAFETY: a type's `LayoutFns` are `of::<T>()` only for types whose instances are
    // `Inner<T>` (typeobj.rs sets them with the layout), and `Inner` is `repr(C)`
    // with the header first, so the header's address is the `Inner<T>`'s.
    let inner = unsafe { &*(h as *const Header as *const Inner<T>) };
    inner.value.traverse(visit)
}

fn share_as<T: Payload>(h: &Header) {
    // SAFETY: as in `traverse_as`.
    let inner = unsafe { &*(h as *const Header as *const Inner<T>) };
    inner.value.share()
}

fn weaklist_as<T: Payload>(h: &Header) -> Option<&gc::WeakList> {
    if !T::WEAKREFABLE {
        return None;
    }
    // SAFETY: as in `traverse_as`.
    let inner = unsafe { &*(h as *const Header as *const Inner<T>) };
    inner.value.weaklist()
}

/// The payload of the object whose header is `h`.
///
/// # Safety
/// `h` must be the header of an object whose payload is a `T` (its type's layout is
/// `LayoutFns::of::<T>()`).
pub unsafe fn payload_of<T: Payload>(h: &Header) -> &T {
    // SAFETY: (caller) `h` heads an `Inner<T>`, which is `repr(C)` with the header first.
    &unsafe { &*(h as *const Header as *const Inner<T>) }.value
}

fn clear_as<T: Payload>(h: &Header) {
    // SAFETY: as in `traverse_as`.
    let inner = unsafe { &*(h as *const Header as *const Inner<T>) };
    inner.value.clear()
}

fn to_value_as<T: Payload>(h: &Header) -> Option<Value> {
    // SAFETY: as in `traverse_as`; the count is raised first, so the `Ref` made from
    // the pointer owns a reference of its own.
    let r = unsafe {
        retain(h);
        Ref::<T> {
            ptr: NonNull::new_unchecked(h as *const Header as *mut Inner<T>),
            _owns: PhantomData,
        }
    };
    T::to_value(r)
}

unsafe fn release_as<T: Payload>(h: *const Header) {
    // SAFETY: (caller) `h` is an `Inner<T>` on which the caller owns one reference,
    // which the rebuilt `Ref` gives up when dropped.
    drop(unsafe {
        Ref::<T> {
            ptr: NonNull::new_unchecked(h as *mut Inner<T>),
            _owns: PhantomData,
        }
    })
}

/// Makes an object and everything it reaches immortal (see the module comment): for
/// objects stored in process-wide statics, before another thread can see them.
pub fn make_immortal(h: &Header) {
    if h.ty.layout_fns().gc {
        // Shared by every interpreter from now on: out of this one's collector.
        gc::untrack(gc::head_of(h));
    }
    if h.set_immortal() {
        (h.ty.layout_fns().share)(h);
        h.traverse(&mut |child| make_immortal(child));
    }
}

/// `repr(C)`: the header is first whatever `T` is, so a `&Header` reaches every
/// object the same way.
#[repr(C)]
struct Inner<T> {
    header: Header,
    value: T,
}

/// How tracked payloads (`Payload::GC`) are allocated: the collector's head right
/// before the header, so `gc::head_of` finds it from a `&Header`.
#[repr(C)]
struct GcInner<T> {
    gc: gc::GcHead,
    inner: Inner<T>,
}

pub struct Ref<T: Payload> {
    ptr: NonNull<Inner<T>>,
    _owns: PhantomData<Inner<T>>,
}

// SAFETY: a `Ref` is shared between OS threads only as the module comment describes:
// mortal counts change under one interpreter's GIL (a mutex, which orders the plain
// loads and stores), immortal counts never change. `T: Send + Sync` because the
// pointee itself is reached from several threads (its mutable parts are `ObjCell`s).
unsafe impl<T: Payload + Send + Sync> Send for Ref<T> {}
// SAFETY: as for `Send`: `&Ref<T>` only gives `&T` and clones, whose count update is
// ordered by the GIL (or skipped for immortal objects).
unsafe impl<T: Payload + Send + Sync> Sync for Ref<T> {}

impl<T: HasType> Ref<T> {
    pub fn new(value: T) -> Ref<T> {
        let ty = value.type_for();
        Ref::with_type(value, ty)
    }
}

impl<T: Payload> Ref<T> {
    /// A new object of type `ty` (whose instances must have this payload layout).
    pub fn with_type(value: T, ty: Ref<TypeObj>) -> Ref<T> {
        let inner = Inner {
            header: Header::fresh(ty),
            value,
        };
        if T::GC {
            // `head_of` relies on the head ending where the header starts (a constant
            // condition: no code in release builds).
            assert!(std::mem::offset_of!(GcInner<T>, inner) == gc::GC_HEAD_SIZE);
            let b = Box::leak(Box::new(GcInner {
                gc: gc::GcHead::untracked(),
                inner,
            }));
            gc::track_new(&b.gc);
            return Ref {
                ptr: NonNull::from(&mut b.inner),
                _owns: PhantomData,
            };
        }
        Ref {
            ptr: NonNull::from(Box::leak(Box::new(inner))),
            _owns: PhantomData,
        }
    }

    #[inline(always)]
    fn inner(&self) -> &Inner<T> {
        // SAFETY: `ptr` came from `Box::leak` and is freed only when the count drops
        // from 1 to 0, i.e. after every `Ref` (including `self`) is gone.
        unsafe { self.ptr.as_ref() }
    }

    #[inline(always)]
    pub fn header(this: &Ref<T>) -> &Header {
        &this.inner().header
    }

    /// The object's type.
    #[inline(always)]
    pub fn ty(this: &Ref<T>) -> &Ref<TypeObj> {
        &this.inner().header.ty
    }

    #[inline(always)]
    pub fn ptr_eq(a: &Ref<T>, b: &Ref<T>) -> bool {
        a.ptr == b.ptr
    }

    #[inline(always)]
    pub fn as_ptr(a: &Ref<T>) -> *const T {
        &a.inner().value as *const T
    }

    /// Mutable access when no other reference exists (immortal objects never qualify).
    pub fn get_mut(this: &mut Ref<T>) -> Option<&mut T> {
        if this.inner().header.refcount() == 1 {
            std::sync::atomic::fence(Ordering::Acquire);
            // SAFETY: count 1 means `this` is the only reference, and `&mut this`
            // prevents new ones while the borrow lives.
            Some(unsafe { &mut this.ptr.as_mut().value })
        } else {
            None
        }
    }

    /// A new counted reference to the object whose payload is at `p`.
    ///
    /// # Safety
    /// `p` must point at the payload of a live `Ref<T>` object.
    pub unsafe fn clone_from_payload(p: *const T) -> Ref<T> {
        let off = std::mem::offset_of!(Inner<T>, value);
        // SAFETY: (caller) `p` is the `value` field of a live `Inner<T>`.
        let inner = unsafe { (p as *const u8).sub(off) as *mut Inner<T> };
        let r = std::mem::ManuallyDrop::new(Ref {
            // SAFETY: derived from a valid pointer just above.
            ptr: unsafe { NonNull::new_unchecked(inner) },
            _owns: PhantomData,
        });
        (*r).clone()
    }

    /// `clone_from_payload` unless the object's count has reached zero (its last
    /// reference is being given up by another thread: `--gil off`), as CPython
    /// 3.13t's `_Py_TryIncref`. With the GIL a listed object's count is never zero.
    ///
    /// # Safety
    /// `p` must point at the payload of a `Ref<T>` object whose memory stays
    /// allocated for the call (it may be dying).
    pub unsafe fn try_clone_from_payload(p: *const T) -> Option<Ref<T>> {
        #[cfg(feature = "atomic-objects")]
        {
            let off = std::mem::offset_of!(Inner<T>, value);
            // SAFETY: (caller) `p` is the `value` field of an allocated `Inner<T>`.
            let inner = unsafe { &*((p as *const u8).sub(off) as *const Inner<T>) };
            return try_retain(&inner.header).then(|| Ref {
                ptr: NonNull::from(inner),
                _owns: PhantomData,
            });
        }
        // SAFETY: (caller) as for `clone_from_payload`; with the GIL the object is live.
        #[cfg(not(feature = "atomic-objects"))]
        Some(unsafe { Self::clone_from_payload(p) })
    }

    #[inline]
    pub fn is_immortal(this: &Ref<T>) -> bool {
        this.inner().header.is_immortal()
    }

    /// Makes the object immortal; true if it was not already.
    pub fn set_immortal(this: &Ref<T>) -> bool {
        this.inner().header.set_immortal()
    }

    #[inline(never)]
    fn drop_slow(&mut self) {
        // SAFETY: the count reached zero, so no other `Ref` exists; the box is ours.
        unsafe { dealloc(self.ptr) }
    }
}

impl<T: Payload> Ref<T> {
    /// Points the header at another type, for bootstrapping `object` and `type`.
    ///
    /// # Safety
    /// Only for an object no one else can see yet whose current header type is an
    /// uncounted self-reference (`new_self_typed`): that reference is overwritten
    /// without being dropped.
    pub(crate) unsafe fn reset_type(this: &Ref<T>, ty: Ref<TypeObj>) {
        let p = this.ptr.as_ptr();
        // SAFETY: (caller) nobody else reaches the header, so writing it is exclusive.
        unsafe { std::ptr::addr_of_mut!((*p).header.ty).write(ty) };
    }
}

impl Ref<TypeObj> {
    /// The first type object (`type`), whose type is itself. The self-reference is
    /// not counted: the object is immortal from birth.
    pub(crate) fn new_self_typed(value: TypeObj) -> Ref<TypeObj> {
        // Type objects are tracked containers: the allocation has a (never linked)
        // GC head in front, as `Ref::with_type` gives them.
        let b = Box::new(std::mem::MaybeUninit::<GcInner<TypeObj>>::uninit());
        let g = Box::leak(b).as_mut_ptr();
        // SAFETY: `g` is a fresh allocation; the head is written before any read and
        // `inner` is a field of it.
        let p = unsafe {
            std::ptr::addr_of_mut!((*g).gc).write(gc::GcHead::untracked());
            std::ptr::addr_of_mut!((*g).inner)
        };
        // SAFETY: `p` is a fresh allocation for an `Inner<TypeObj>`; each field is
        // written exactly once before the whole is read as initialised, and the
        // header's type is the object itself (a valid `Ref` once the write is done).
        unsafe {
            std::ptr::addr_of_mut!((*p).value).write(value);
            std::ptr::addr_of_mut!((*p).header.count).write(AtomicUsize::new(IMMORTAL));
            #[cfg(feature = "atomic-objects")]
            {
                std::ptr::addr_of_mut!((*p).header.owner).write(AtomicUsize::new(0));
                std::ptr::addr_of_mut!((*p).header.shared)
                    .write(std::sync::atomic::AtomicIsize::new(0));
            }
            std::ptr::addr_of_mut!((*p).header.ty).write(Ref {
                ptr: NonNull::new_unchecked(p),
                _owns: PhantomData,
            });
            Ref {
                ptr: NonNull::new_unchecked(p),
                _owns: PhantomData,
            }
        }
    }
}

/// Frees depth allowed before frees are queued rather than nested (CPython's
/// trashcan uses 50 as well).
const TRASHCAN_DEPTH: usize = 50;

type Deferred = (NonNull<u8>, unsafe fn(NonNull<u8>));

thread_local! {
    static FREE_DEPTH: Cell<usize> = const { Cell::new(0) };
    static DEFERRED_FREES: RefCell<Vec<Deferred>> = const { RefCell::new(Vec::new()) };
    /// Objects whose finalizer must run, in the order their last reference went.
    static FINALIZE: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
    /// The eval breaker of the interpreter this thread runs, to ask it to run the
    /// finalizers at the next instruction boundary (null: no interpreter).
    static BREAKER: Cell<*const crate::gil::BreakerAtomic> =
        const { Cell::new(std::ptr::null()) };
}

/// Registers the eval breaker that `dealloc` signals when it queues a finalizer.
pub(crate) fn set_thread_breaker(b: *const crate::gil::BreakerAtomic) {
    let _ = BREAKER.try_with(|c| c.set(b));
}

/// Takes the finalizers queued on this thread.
pub(crate) fn take_finalizers() -> Vec<Value> {
    #[cfg(feature = "atomic-objects")]
    return std::mem::take(&mut *FINALIZE_SHARED.lock());
    #[cfg(not(feature = "atomic-objects"))]
    FINALIZE
        .try_with(|q| std::mem::take(&mut *q.borrow_mut()))
        .unwrap_or_default()
}

/// Whether finalizers are queued on this thread.
pub(crate) fn finalizers_pending() -> bool {
    #[cfg(feature = "atomic-objects")]
    return !FINALIZE_SHARED.lock().is_empty() || super::brc::pending();
    #[cfg(not(feature = "atomic-objects"))]
    FINALIZE
        .try_with(|q| !q.borrow().is_empty())
        .unwrap_or(false)
}

/// Without a GIL (`--gil off`) the finalizer queue is one for the process: the
/// breaker's PENDING_CALLS bit is shared by every thread, and whichever thread
/// sees it first and clears it must find the work it was set for, whoever queued it.
#[cfg(feature = "atomic-objects")]
static FINALIZE_SHARED: parking_lot::Mutex<Vec<Value>> = parking_lot::const_mutex(Vec::new());

unsafe fn free_box<T: Payload>(p: NonNull<u8>) {
    if T::GC {
        // SAFETY (caller): `p` is the `inner` field of a `GcInner<T>` from `Box::leak`
        // (see `with_type`) whose count reached 0.
        let g = unsafe { p.as_ptr().sub(gc::GC_HEAD_SIZE) } as *mut GcInner<T>;
        drop(unsafe { Box::from_raw(g) });
        return;
    }
    // SAFETY (caller): `p` is an `Inner<T>` from `Box::leak` whose count reached 0.
    drop(unsafe { Box::from_raw(p.cast::<Inner<T>>().as_ptr()) });
}

/// The one place objects are freed: the finalizer protocol, then the trashcan.
///
/// # Safety
/// `ptr` is a live `Inner<T>` whose last reference was just given up.
unsafe fn dealloc<T: Payload>(ptr: NonNull<Inner<T>>) {
    // Without a GIL a weakref may be read on another thread while this object dies:
    // from here to its weakrefs' clearing the weak lock keeps such a reader waiting,
    // and then it finds the count at zero or the weakref cleared (gc.rs, `revive`).
    // An object with no weakref now can get none: that takes a counted reference.
    #[cfg(feature = "atomic-objects")]
    // SAFETY: the caller's obligation: `ptr` is live.
    let weak_guard = (T::WEAKREFABLE
        && unsafe { ptr.as_ref() }
            .value
            .weaklist()
            .is_some_and(|w| !w.is_empty()))
    .then(gc::weak_lock);
    if T::HAS_FINALIZER {
        // The count is still 1 here (the last `Ref`'s drop did not write it), so the
        // `Ref` rebuilt from the pointer owns the object again while the hook decides.
        #[cfg(feature = "atomic-objects")]
        // SAFETY: the caller's obligation: `ptr` is live and unreferenced.
        unsafe { ptr.as_ref() }.header.reset_to_one();
        let r = Ref {
            ptr,
            _owns: PhantomData,
        };
        match T::finalizer(r) {
            Ok(v) => {
                queue_finalizer(v);
                return;
            }
            Err(r) => std::mem::forget(r),
        }
    }
    if T::WEAKREFABLE || T::PREDEALLOC {
        // SAFETY: the caller's obligation: `ptr` is live.
        let value = &unsafe { ptr.as_ref() }.value;
        if T::WEAKREFABLE {
            if let Some(wl) = value.weaklist().filter(|w| !w.is_empty()) {
                gc::clear_weakrefs(wl);
            }
        }
        if T::PREDEALLOC {
            value.predealloc();
        }
    }
    #[cfg(feature = "atomic-objects")]
    drop(weak_guard);
    if T::GC {
        // SAFETY: the caller's obligation: `ptr` is a live `Inner<T>` allocated with
        // a GC head in front (`with_type`).
        gc::untrack(gc::head_of(&unsafe { ptr.as_ref() }.header));
    }
    let depth = FREE_DEPTH.try_with(|d| d.get()).unwrap_or(0);
    if depth >= TRASHCAN_DEPTH {
        let queued = DEFERRED_FREES
            .try_with(|q| q.borrow_mut().push((ptr.cast(), free_box::<T>)))
            .is_ok();
        if queued {
            return;
        }
    }
    let _ = FREE_DEPTH.try_with(|d| d.set(depth + 1));
    // SAFETY: the caller passes a live `Inner<T>` whose count reached zero.
    unsafe { free_box::<T>(ptr.cast()) };
    let _ = FREE_DEPTH.try_with(|d| d.set(depth));
    if depth == 0 {
        // The outermost free does the queued ones, each at depth 1 again.
        while let Some((p, f)) = DEFERRED_FREES
            .try_with(|q| q.borrow_mut().pop())
            .ok()
            .flatten()
        {
            let _ = FREE_DEPTH.try_with(|d| d.set(1));
            // SAFETY: queued above by a `dealloc` that had the same obligation.
            unsafe { f(p) };
            let _ = FREE_DEPTH.try_with(|d| d.set(0));
        }
    }
}

pub(crate) fn queue_finalizer(v: Value) {
    // If the thread is tearing down its thread-locals, the closure (and `v` in it) is
    // dropped unrun: the object is freed now, without its finalizer, which the hook
    // has already marked as done.
    #[cfg(feature = "atomic-objects")]
    FINALIZE_SHARED.lock().push(v);
    #[cfg(not(feature = "atomic-objects"))]
    let _ = FINALIZE.try_with(move |q| q.borrow_mut().push(v));
    signal_pending_calls();
}

/// Gives up one reference on `h` unless it is the last one: true when done (the
/// caller must then forget its `Ref` rather than drop it), false when the object may
/// have to be freed by the full drop. Lets `Value::discard` decrement inline, as
/// CPython's `Py_DECREF` does, and call the out-of-line drop glue only to free.
#[cfg(not(feature = "atomic-objects"))]
#[inline(always)]
pub(crate) fn try_release(h: &Header) -> bool {
    let count = &h.count;
    let n = count.load(Ordering::Relaxed);
    if n >= IMMORTAL {
        return true;
    }
    if n == 1 {
        return false;
    }
    count.store(n - 1, Ordering::Relaxed);
    true
}

/// Adds one reference on `h` (nothing for immortal objects); the caller then
/// duplicates its pointer bitwise. Lets `Value::clone` stay inline.
#[cfg(not(feature = "atomic-objects"))]
#[inline(always)]
pub(crate) fn retain(h: &Header) {
    let count = &h.count;
    let n = count.load(Ordering::Relaxed);
    if n < IMMORTAL {
        count.store(n + 1, Ordering::Relaxed);
    }
}

/// The free-threaded build: the owner thread's local count with plain loads and
/// stores, anyone else's through the shared count (brc.rs).
#[cfg(feature = "atomic-objects")]
#[inline(always)]
pub(crate) fn retain(h: &Header) {
    if h.owner.load(Ordering::Relaxed) == super::brc::tid() {
        h.count
            .store(h.count.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
    } else if h.count.load(Ordering::Relaxed) < IMMORTAL {
        h.shared.fetch_add(super::brc::ONE, Ordering::Relaxed);
    }
}

/// A try-incref (CPython 3.13t's `_Py_TryIncref`): adds a reference unless the
/// object's count has reached zero (it is being freed by another thread).
#[cfg(feature = "atomic-objects")]
pub(crate) fn try_retain(h: &Header) -> bool {
    if h.owner.load(Ordering::Relaxed) == super::brc::tid() {
        // The owner's local count is above zero while it owns the object.
        h.count
            .store(h.count.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
        return true;
    }
    h.is_immortal() || super::brc::try_retain_shared(h)
}

/// Gives back a reference `try_retain` took, when the caller has taken another one
/// since (so this cannot be the last).
#[cfg(feature = "atomic-objects")]
pub(crate) fn release_extra(h: &Header) {
    if h.owner.load(Ordering::Relaxed) == super::brc::tid() {
        h.count
            .store(h.count.load(Ordering::Relaxed) - 1, Ordering::Relaxed);
    } else if !h.is_immortal() {
        h.shared.fetch_sub(super::brc::ONE, Ordering::Release);
    }
}

#[cfg(feature = "atomic-objects")]
#[inline(always)]
pub(crate) fn try_release(h: &Header) -> bool {
    if h.owner.load(Ordering::Relaxed) == super::brc::tid() {
        let n = h.count.load(Ordering::Relaxed);
        if n == 1 {
            return false;
        }
        h.count.store(n - 1, Ordering::Relaxed);
        return true;
    }
    // Other threads' decrements go through the full drop.
    h.count.load(Ordering::Relaxed) >= IMMORTAL
}

#[cfg(not(feature = "atomic-objects"))]
impl<T: Payload> Clone for Ref<T> {
    #[inline(always)]
    fn clone(&self) -> Ref<T> {
        retain(&self.inner().header);
        Ref {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

#[cfg(not(feature = "atomic-objects"))]
impl<T: Payload> Drop for Ref<T> {
    #[inline(always)]
    fn drop(&mut self) {
        let c = &self.inner().header.count;
        let n = c.load(Ordering::Relaxed);
        if n == 1 {
            self.drop_slow();
        } else if n < IMMORTAL {
            c.store(n - 1, Ordering::Relaxed);
        }
    }
}

#[cfg(feature = "atomic-objects")]
impl<T: Payload> Clone for Ref<T> {
    #[inline(always)]
    fn clone(&self) -> Ref<T> {
        retain(&self.inner().header);
        Ref {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

#[cfg(feature = "atomic-objects")]
impl<T: Payload> Drop for Ref<T> {
    #[inline(always)]
    fn drop(&mut self) {
        let h = &self.inner().header;
        if h.owner.load(Ordering::Relaxed) == super::brc::tid() {
            let n = h.count.load(Ordering::Relaxed) - 1;
            h.count.store(n, Ordering::Relaxed);
            if n == 0 && super::brc::owner_released_last(h) {
                self.drop_slow();
            }
            return;
        }
        if h.count.load(Ordering::Relaxed) >= IMMORTAL {
            return;
        }
        self.release_shared();
    }
}

#[cfg(feature = "atomic-objects")]
impl<T: Payload> Ref<T> {
    /// Another thread's decrement (brc.rs): frees, queues to the owner, or neither.
    #[inline(never)]
    fn release_shared(&mut self) {
        let h = &self.inner().header;
        let free = match super::brc::release_shared(h) {
            super::brc::Release::Done => false,
            super::brc::Release::Free => true,
            super::brc::Release::Queue => {
                super::brc::queue_to_owner((NonNull::from(h), dealloc_erased::<T>))
            }
        };
        if free {
            self.drop_slow();
        }
    }
}

/// `dealloc` for a queued header (brc.rs), whose Rust type is known only here.
///
/// # Safety
/// `h` is the header of a live `Inner<T>` that nothing counts any more.
#[cfg(feature = "atomic-objects")]
unsafe fn dealloc_erased<T: Payload>(h: NonNull<Header>) {
    // SAFETY: (caller); the header is the first field of `Inner<T>` (`repr(C)`).
    unsafe { dealloc(h.cast::<Inner<T>>()) }
}

/// Asks the interpreter this thread runs for a visit to its pending calls (brc.rs's
/// frees, finalizers) at the next instruction boundary.
pub(crate) fn signal_pending_calls() {
    let b = BREAKER.try_with(|c| c.get()).unwrap_or(std::ptr::null());
    if !b.is_null() {
        // SAFETY: the pointer is set by a `Vm` from its `Arc<Gil>`, which it keeps
        // alive, and cleared when the Vm finishes the thread.
        unsafe { &*b }.fetch_or(crate::gil::PENDING_CALLS, Ordering::Relaxed);
    }
}

impl<T: Payload> Deref for Ref<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        &self.inner().value
    }
}

impl<T: Payload> AsRef<T> for Ref<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T: Payload> std::borrow::Borrow<T> for Ref<T> {
    fn borrow(&self) -> &T {
        self
    }
}

impl<T: Payload + fmt::Debug> fmt::Debug for Ref<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: Payload + fmt::Display> fmt::Display for Ref<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl<T: Payload + PartialEq> PartialEq for Ref<T> {
    fn eq(&self, other: &Ref<T>) -> bool {
        **self == **other
    }
}

impl<T: Payload + Eq> Eq for Ref<T> {}

impl<T: Payload + std::hash::Hash> std::hash::Hash for Ref<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl<T: HasType> From<T> for Ref<T> {
    fn from(value: T) -> Ref<T> {
        Ref::new(value)
    }
}

impl<T: HasType + Default> Default for Ref<T> {
    fn default() -> Ref<T> {
        Ref::new(T::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vm::object::ListObj;

    #[test]
    fn frees_on_last_drop_only() {
        let a = Ref::new(ListObj::new(vec![Value::Int(1)]));
        let b = a.clone();
        assert_eq!(Ref::header(&a).refcount(), 2);
        drop(a);
        assert_eq!(Ref::header(&b).refcount(), 1);
        drop(b);
    }

    #[test]
    fn immortal_is_never_written() {
        let a = Ref::new(ListObj::new(vec![]));
        assert!(Ref::set_immortal(&a));
        assert!(!Ref::set_immortal(&a));
        for _ in 0..10 {
            drop(a.clone());
        }
        assert_eq!(Ref::header(&a).refcount(), IMMORTAL);
    }

    #[test]
    fn get_mut_needs_sole_ownership() {
        let mut a = Ref::new(ListObj::new(vec![]));
        Ref::get_mut(&mut a)
            .unwrap()
            .items
            .get_mut()
            .push(Value::Int(5));
        let b = a.clone();
        assert!(Ref::get_mut(&mut a).is_none());
        drop(b);
        assert!(Ref::get_mut(&mut a).is_some());
    }

    #[test]
    fn the_header_names_the_type() {
        let a = Ref::new(ListObj::new(vec![]));
        assert!(Ref::ptr_eq(Ref::ty(&a), &crate::vm::types::types().list));
    }

    #[test]
    fn million_deep_nesting_drops_iteratively() {
        let mut v = Value::list(vec![]);
        for _ in 0..1_000_000 {
            v = Value::list(vec![v]);
        }
        drop(v);
    }
}
