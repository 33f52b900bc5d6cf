//! Biased reference counts for the free-threaded build (`--gil off`), after PEP 703:
//! the thread that made an object counts it with plain loads and stores, others with
//! atomics, and the two counts are merged when the owner lets go.
//!
//! Why: with one atomic count every clone and drop is a `lock`-prefixed instruction,
//! and most objects never leave the thread that made them (richards under `--gil off`
//! spent a fifth of its time in those instructions).
//!
//! Each header has three words here (refcount.rs): `count`, the owner's *local* count
//! (or `IMMORTAL`); `owner`, the owning thread's id (0 once merged, and for immortal
//! objects); `shared`, the other threads' count, shifted left by two, with two flags:
//! - `MERGED`: the owner has given the object up; `shared` alone is the count.
//! - `QUEUED`: the shared count went below zero (a reference the owner counted was
//!   dropped by another thread) and the object waits in its owner's queue: only the
//!   owner may read its local count and merge the two.
//!
//! Invariants: the true count is `count + (shared >> 2)`, never below zero; `count` is
//! written only by the owner thread (or by whoever merges after the owner died, when
//! nothing writes it any more); an object is freed only by the thread whose change
//! left it merged, not queued, at zero.

use super::refcount::Header;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, Ordering};

pub(crate) const MERGED: isize = 1;
pub(crate) const QUEUED: isize = 2;
/// One reference in `shared`.
pub(crate) const ONE: isize = 4;

/// A thread's id while it has none yet: never an object's owner.
const UNSET: usize = usize::MAX;
/// A thread's id once it has left the registry (`thread_exit`): it owns nothing
/// new, and counts everything through `shared`.
const EXITED: usize = usize::MAX - 1;

/// A queued object and the function that frees it (`dealloc::<T>`, type-erased).
pub(crate) type Queued = (NonNull<Header>, unsafe fn(NonNull<Header>));

struct Entry {
    queue: Vec<Queued>,
    /// The owner's `PENDING` flag (thread-local, valid while the entry exists).
    pending: *const AtomicBool,
}

struct Registry(BTreeMap<usize, Entry>);

// SAFETY: the pointers in entries are only followed under the registry's mutex: an
// entry is removed (by its thread, under the mutex) before that thread's locals go,
// and a queued header stays allocated until its owner or a merger frees it.
unsafe impl Send for Registry {}

/// Live threads that own objects, with the objects other threads queued to them.
static REGISTRY: parking_lot::Mutex<Registry> = parking_lot::const_mutex(Registry(BTreeMap::new()));

/// Objects whose merge left them at zero, found where freeing is not allowed (an
/// allocation); any thread frees them at its next instruction boundary.
static TO_FREE: parking_lot::Mutex<Vec<QueuedSend>> = parking_lot::const_mutex(Vec::new());

struct QueuedSend(Queued);
// SAFETY: a merged object at zero is reachable from nothing but this list, and the
// thread that takes it out is the only one to touch it.
unsafe impl Send for QueuedSend {}

static NEXT_ID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

thread_local! {
    /// This thread's owner id (`UNSET` until its first allocation).
    static TID: Cell<usize> = const { Cell::new(UNSET) };
    /// Set by another thread that queued an object to this one.
    static PENDING: AtomicBool = const { AtomicBool::new(false) };
    static REGISTRATION: Registration = register();
}

/// Removes the thread from the registry when it ends: objects it owns are merged by
/// whoever queues them from then on (nothing changes their local counts any more).
struct Registration(usize);

fn register() -> Registration {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let pending = PENDING.with(|p| p as *const AtomicBool);
    REGISTRY.lock().0.insert(
        id,
        Entry {
            queue: Vec::new(),
            pending,
        },
    );
    TID.with(|t| t.set(id));
    Registration(id)
}

impl Drop for Registration {
    fn drop(&mut self) {
        // A thread that ran no interpreter (`thread_exit` not called): what is left
        // is freed at some thread's next instruction boundary.
        let zero = leave(self.0);
        TO_FREE.lock().extend(zero.into_iter().map(QueuedSend));
    }
}

/// Takes thread `id` out of the registry and merges what was queued to it; returns
/// the objects at zero. From here the thread counts everything through `shared`.
fn leave(id: usize) -> Vec<Queued> {
    let _ = TID.try_with(|t| t.set(EXITED));
    let left = REGISTRY.lock().0.remove(&id).map(|e| e.queue);
    let mut zero = Vec::new();
    for q in left.into_iter().flatten() {
        // SAFETY: a queued header stays allocated until merged (module comment).
        if merge_queued(unsafe { q.0.as_ref() }) {
            zero.push(q);
        }
    }
    zero
}

/// The interpreter thread is ending (at an instruction boundary, `Vm::finish_thread`):
/// it leaves the registry now, so objects it owns that other threads drop later are
/// merged and freed by them at once instead of waiting in a queue no one reads.
pub(crate) fn thread_exit() {
    let t = tid();
    if t == UNSET || t == EXITED {
        let _ = TID.try_with(|c| c.set(EXITED));
        return;
    }
    for (p, free) in leave(t) {
        // SAFETY: merged at zero: nothing else reaches the object.
        unsafe { free(p) };
    }
}

/// This thread's id, for the owner test on every count change.
#[inline(always)]
pub(crate) fn tid() -> usize {
    TID.with(|t| t.get())
}

/// The owner for an object made now: this thread (registering it on its first
/// object), or none when the thread is being torn down.
#[inline]
pub(crate) fn owner_for_new() -> usize {
    let t = tid();
    if t < EXITED {
        if PENDING.with(|p| p.load(Ordering::Relaxed)) {
            merge_own_queue(false);
        }
        return t;
    }
    if t == EXITED {
        return 0;
    }
    register_slow()
}

#[cold]
fn register_slow() -> usize {
    REGISTRATION.try_with(|r| r.0).unwrap_or(0)
}

/// The non-owner's decrement. `Free`: the object is merged, unqueued and at zero, and
/// the caller frees it. `Queue`: the caller hands it to `queue_to_owner`.
pub(crate) enum Release {
    Done,
    Free,
    Queue,
}

#[inline]
pub(crate) fn release_shared(h: &Header) -> Release {
    let shared = h.shared();
    let mut s = shared.load(Ordering::Relaxed);
    loop {
        let merged = s & MERGED != 0;
        let mut new = s - ONE;
        let queue = !merged && (new >> 2) < 0 && s & QUEUED == 0;
        if queue {
            new |= QUEUED;
        }
        match shared.compare_exchange_weak(s, new, Ordering::Release, Ordering::Relaxed) {
            Ok(_) => {
                return if merged && new == MERGED {
                    std::sync::atomic::fence(Ordering::Acquire);
                    Release::Free
                } else if queue {
                    Release::Queue
                } else {
                    Release::Done
                };
            }
            Err(now) => s = now,
        }
    }
}

/// The owner's local count reached zero: it gives the object up. True when nothing
/// else counts it either (the caller frees it).
#[inline(never)]
pub(crate) fn owner_released_last(h: &Header) -> bool {
    h.owner().store(0, Ordering::Relaxed);
    let s = h.shared().fetch_or(MERGED, Ordering::AcqRel) | MERGED;
    // A queued object is freed by its queue's merge, which still points at it.
    s == MERGED
}

/// Merges a queued object's two counts (by its owner, or by anyone once the owner
/// has ended); true when the merged count is zero and the caller must free it.
pub(crate) fn merge_queued(h: &Header) -> bool {
    let local = h.count().load(Ordering::Relaxed) as isize;
    h.count().store(0, Ordering::Relaxed);
    h.owner().store(0, Ordering::Relaxed);
    let shared = h.shared();
    let mut s = shared.load(Ordering::Relaxed);
    loop {
        let new = (((s >> 2) + local) << 2) | MERGED;
        match shared.compare_exchange_weak(s, new, Ordering::AcqRel, Ordering::Relaxed) {
            Ok(_) => return new == MERGED,
            Err(now) => s = now,
        }
    }
}

/// Hands an object whose shared count went negative to its owner, who alone can
/// merge it; if the owner has ended, merges it here. True when the caller must free it.
#[cold]
pub(crate) fn queue_to_owner(q: Queued) -> bool {
    // SAFETY: the caller holds the header (it just set QUEUED on it).
    let h = unsafe { q.0.as_ref() };
    let owner = h.owner().load(Ordering::Relaxed);
    {
        let mut reg = REGISTRY.lock();
        if let Some(e) = reg.0.get_mut(&owner) {
            e.queue.push(q);
            // SAFETY: the entry exists, so its thread (and its PENDING flag) lives.
            unsafe { &*e.pending }.store(true, Ordering::Release);
            return false;
        }
    }
    merge_queued(h)
}

/// Merges the objects queued to this thread. `free_now`: free those at zero here
/// (an instruction boundary); otherwise leave them to the next boundary of any thread.
pub(crate) fn merge_own_queue(free_now: bool) {
    PENDING.with(|p| p.store(false, Ordering::Relaxed));
    let t = tid();
    let queue = match REGISTRY.lock().0.get_mut(&t) {
        Some(e) => std::mem::take(&mut e.queue),
        None => return,
    };
    let mut zero = Vec::new();
    for q in queue {
        // SAFETY: a queued header stays allocated until merged (module comment).
        if merge_queued(unsafe { q.0.as_ref() }) {
            zero.push(q);
        }
    }
    if zero.is_empty() {
        return;
    }
    if free_now {
        for (p, free) in zero {
            // SAFETY: merged at zero: nothing else reaches the object.
            unsafe { free(p) };
        }
    } else {
        TO_FREE.lock().extend(zero.into_iter().map(QueuedSend));
        super::refcount::signal_pending_calls();
    }
}

/// Whether this thread has merging or freeing to do at an instruction boundary.
pub(crate) fn pending() -> bool {
    PENDING.with(|p| p.load(Ordering::Relaxed)) || !TO_FREE.lock().is_empty()
}

/// At an instruction boundary: merge this thread's queue, free what is at zero.
pub(crate) fn collect() {
    if PENDING.with(|p| p.load(Ordering::Relaxed)) {
        merge_own_queue(true);
    }
    loop {
        let batch = std::mem::take(&mut *TO_FREE.lock());
        if batch.is_empty() {
            break;
        }
        for QueuedSend((p, free)) in batch {
            // SAFETY: merged at zero: nothing else reaches the object.
            unsafe { free(p) };
        }
    }
}

/// A try-incref for another thread's object (a weakref's target, a subclass list):
/// false if the object is merged at zero (being freed).
pub(crate) fn try_retain_shared(h: &Header) -> bool {
    let shared = h.shared();
    let mut s = shared.load(Ordering::Relaxed);
    loop {
        if s & MERGED != 0 && s >> 2 == 0 {
            return false;
        }
        match shared.compare_exchange_weak(s, s + ONE, Ordering::Acquire, Ordering::Relaxed) {
            Ok(_) => return true,
            Err(now) => s = now,
        }
    }
}

/// Makes the program's definitions immortal when its first thread starts, as
/// CPython 3.13t does: module objects and their namespace dicts, the functions and
/// classes those hold (and the methods and nested classes of those classes), and their code
/// objects. Every call and every instance creation counts these, from every thread,
/// so as mortal objects they are the most contended counts of a threaded program;
/// immortal, they are never counted (and never freed, which definitions rarely are).
/// Shallow: what they hold (defaults, class attributes' values) stays mortal.
///
/// Only while no other thread runs Python, so no count changes under the writes.
pub(crate) fn immortalize_definitions(modules: &super::object::DictObj) {
    static DONE: AtomicBool = AtomicBool::new(false);
    if DONE.swap(true, Ordering::Relaxed) {
        return;
    }
    let mods: Vec<super::value::Value> =
        modules.map.lock().iter().map(|(_, v)| v.clone()).collect();
    for m in &mods {
        immortalize_definition(m);
    }
}

fn immortalize_definition(v: &super::value::Value) {
    use super::refcount::Ref;
    use super::value::Value;
    let inner: Vec<Value> = match v {
        Value::Module(m) if Ref::set_immortal(m) => {
            // Every frame of the module's functions counts its namespace too.
            Ref::set_immortal(&m.dict);
            m.dict.map.lock().iter().map(|(_, v)| v.clone()).collect()
        }
        Value::Class(c) if Ref::set_immortal(c) => c.attrs().lock().values().cloned().collect(),
        Value::Function(f) if Ref::set_immortal(f) => {
            Ref::set_immortal(&f.globals);
            vec![Value::Code(f.code.clone())]
        }
        Value::Code(c) if Ref::set_immortal(c) => c
            .consts
            .iter()
            .filter(|k| matches!(k, Value::Code(_)))
            .cloned()
            .collect(),
        _ => return,
    };
    for v in &inner {
        // A module's namespace also names other modules: those are walked from the
        // module table, not from here.
        if !matches!(v, Value::Module(_)) {
            immortalize_definition(v);
        }
    }
}
