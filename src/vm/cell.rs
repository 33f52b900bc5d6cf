//! `ObjCell`: the one small API behind which every mutable object internal lives.
//! Under the GIL it is a borrow flag; a free-threaded build changes protection here only.

#[cfg(not(feature = "atomic-objects"))]
use parking_lot::lock_api::RawReentrantMutex;
use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicU8, Ordering};

/// Interior mutability for object internals (list items, dict entries, attributes).
///
/// A cell is a borrow flag, like `RefCell`'s, read and written with plain loads and
/// stores: under the GIL only one thread runs bytecode at a time, and the GIL's
/// handoff orders one holder's writes before the next one's reads. An atomic swap per
/// access (a spin lock, this cell's first form) cost 10-15 % of richards and nbody.
///
/// Cells inside immortal objects (built-in classes and their lookup caches, see
/// refcount.rs) are *shared*: interpreters running side by side in one process reach
/// them without a common GIL, so they are taken through one process-wide lock.
///
/// Rule: never hold a guard across a call back into the interpreter or a GIL release
/// (copy out, drop the guard, then call). Taking a cell that is already borrowed is
/// that bug (or a thread running without the GIL) and panics at once with a message
/// naming the rule.
///
/// Building with `--features atomic-objects` (a free-threaded mode's need) makes every
/// cell a one-byte lock instead (`CellMutex`).
#[derive(Default)]
pub struct ObjCell<T> {
    state: AtomicU8,
    /// The free-threaded build's per-object lock (`CellMutex`). `state` then keeps
    /// only the SHARED mark.
    #[cfg(feature = "atomic-objects")]
    mutex: CellMutex,
    value: UnsafeCell<T>,
}

const FREE: u8 = 0;
#[cfg(not(feature = "atomic-objects"))]
const BORROWED: u8 = 1;
/// Shared cells move between these two only while holding `SHARED_LOCK`.
const SHARED: u8 = 2;
#[cfg(not(feature = "atomic-objects"))]
const SHARED_BORROWED: u8 = 3;

/// Serialises every access to shared cells. Reentrant because one thread may hold
/// guards on two different shared cells (a class's namespace and its base's).
#[cfg(not(feature = "atomic-objects"))]
static SHARED_LOCK: RawReentrantMutex<parking_lot::RawMutex, parking_lot::RawThreadId> =
    RawReentrantMutex::INIT;

// SAFETY: the value is only reached through `CellGuard`, and a guard exists only while
// the cell is marked borrowed. For a plain cell the GIL ensures one thread at a time
// takes it, and its release/acquire orders the flag and the value between holders
// (refcount.rs states the invariant); a shared cell is taken under `SHARED_LOCK`,
// which orders them itself. So at most one thread at a time has a reference to `T`,
// which is what `Mutex<T>: Sync` requires: `T: Send`.
unsafe impl<T: Send> Sync for ObjCell<T> {}
unsafe impl<T: Send> Send for ObjCell<T> {}

impl<T> ObjCell<T> {
    pub fn new(v: T) -> Self {
        ObjCell {
            state: AtomicU8::new(FREE),
            #[cfg(feature = "atomic-objects")]
            mutex: CellMutex::INIT,
            value: UnsafeCell::new(v),
        }
    }

    /// Marks the cell as reachable from several interpreters (an immortal object).
    /// Only while no guard is held and before another thread can see the cell.
    pub fn share(&self) {
        if self.state.load(Ordering::Relaxed) == FREE {
            self.state.store(SHARED, Ordering::Relaxed);
        }
    }

    /// Whether `share` was called: the object is immortal and process-wide.
    #[inline]
    pub fn is_shared(&self) -> bool {
        self.state.load(Ordering::Relaxed) >= SHARED
    }

    #[cfg(not(feature = "atomic-objects"))]
    #[inline]
    pub fn lock(&self) -> CellGuard<'_, T> {
        if self.state.load(Ordering::Relaxed) == FREE {
            self.state.store(BORROWED, Ordering::Relaxed);
        } else {
            self.lock_slow();
        }
        CellGuard { cell: self }
    }

    #[cfg(not(feature = "atomic-objects"))]
    #[cold]
    fn lock_slow(&self) {
        if self.state.load(Ordering::Relaxed) == BORROWED {
            already_borrowed();
        }
        SHARED_LOCK.lock();
        if self.state.load(Ordering::Relaxed) == SHARED_BORROWED {
            // SAFETY: taken just above by this thread.
            unsafe { SHARED_LOCK.unlock() };
            already_borrowed();
        }
        self.state.store(SHARED_BORROWED, Ordering::Relaxed);
    }

    #[cfg(feature = "atomic-objects")]
    #[inline]
    pub fn lock(&self) -> CellGuard<'_, T> {
        self.mutex.lock();
        CellGuard { cell: self }
    }

    /// The guard if the cell is free now, `None` if it is borrowed (by this thread:
    /// code up the stack holds it). For the cycle collector, which must not panic.
    #[cfg(not(feature = "atomic-objects"))]
    pub fn try_lock(&self) -> Option<CellGuard<'_, T>> {
        match self.state.load(Ordering::Relaxed) {
            FREE => {
                self.state.store(BORROWED, Ordering::Relaxed);
                Some(CellGuard { cell: self })
            }
            SHARED => {
                SHARED_LOCK.lock();
                if self.state.load(Ordering::Relaxed) == SHARED {
                    self.state.store(SHARED_BORROWED, Ordering::Relaxed);
                    Some(CellGuard { cell: self })
                } else {
                    // SAFETY: taken just above by this thread.
                    unsafe { SHARED_LOCK.unlock() };
                    None
                }
            }
            _ => None,
        }
    }

    #[cfg(feature = "atomic-objects")]
    pub fn try_lock(&self) -> Option<CellGuard<'_, T>> {
        self.mutex.try_lock().then_some(CellGuard { cell: self })
    }

    /// `try_lock` for a traverse: a borrowed cell is skipped and the collector told
    /// (`gc::traverse_incomplete`), so it keeps the object and what it holds.
    pub fn peek(&self) -> Option<CellGuard<'_, T>> {
        let g = self.try_lock();
        if g.is_none() {
            crate::vm::gc::traverse_incomplete();
        }
        g
    }

    /// Direct access when the cell is exclusively borrowed (no lock needed).
    pub fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }

    pub fn into_inner(self) -> T {
        self.value.into_inner()
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for ObjCell<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ObjCell { .. }")
    }
}

/// Access to an `ObjCell`'s value; the cell is released when the guard is dropped.
pub struct CellGuard<'a, T> {
    cell: &'a ObjCell<T>,
}

impl<T> Deref for CellGuard<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: this guard holds the cell's lock (see `unsafe impl Sync`).
        unsafe { &*self.cell.value.get() }
    }
}

impl<T> DerefMut for CellGuard<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: this guard holds the cell's lock, and `&mut self` makes this the only
        // reference derived from it.
        unsafe { &mut *self.cell.value.get() }
    }
}

impl<T> Drop for CellGuard<'_, T> {
    #[cfg(not(feature = "atomic-objects"))]
    #[inline]
    fn drop(&mut self) {
        let state = &self.cell.state;
        if state.load(Ordering::Relaxed) == BORROWED {
            state.store(FREE, Ordering::Relaxed);
        } else {
            state.store(SHARED, Ordering::Relaxed);
            // SAFETY: a shared cell's guard exists only while this thread holds
            // SHARED_LOCK (taken in `lock_slow`).
            unsafe { SHARED_LOCK.unlock() };
        }
    }

    #[cfg(feature = "atomic-objects")]
    #[inline]
    fn drop(&mut self) {
        // SAFETY: the guard exists only while this thread holds the mutex (`lock`).
        unsafe { self.cell.mutex.unlock() };
    }
}

/// A small value read and written whole under the GIL (a type's name, a slot's
/// function pointer, a version tag): no borrow flag, because no reference into it ever
/// escapes; `get` copies or clones it out, `set` replaces it.
///
/// Sound as `ObjCell` is: a mortal object's cells are only touched by the thread that
/// holds the GIL, whose handoff orders the accesses; an immortal object's `GilCell`s
/// are never written after the object is published (built-in types are immutable).
///
/// In the free-threaded build (`--features atomic-objects`, `--gil off`) a cell of one
/// or eight bytes (flags, slot function pointers, counters) is read and written as one
/// atomic word, so the hot reads (a type's slots) take no lock and touch no shared
/// line for writing; any other cell takes a one-byte spin lock around each access.
#[derive(Default)]
pub struct GilCell<T> {
    #[cfg(feature = "atomic-objects")]
    lock: CellMutex,
    value: UnsafeCell<T>,
}

// SAFETY: see the type's comment: one thread at a time (the GIL holder) reaches a
// mortal cell, and immortal cells are read-only once shared, so `T: Send` suffices as
// for a mutex. In the free-threaded build every access is atomic or under `lock`.
unsafe impl<T: Send> Sync for GilCell<T> {}
unsafe impl<T: Send> Send for GilCell<T> {}

impl<T> GilCell<T> {
    pub const fn new(v: T) -> Self {
        GilCell {
            #[cfg(feature = "atomic-objects")]
            lock: CellMutex::INIT,
            value: UnsafeCell::new(v),
        }
    }

    #[cfg(not(feature = "atomic-objects"))]
    #[inline(always)]
    pub fn get(&self) -> T
    where
        T: Copy,
    {
        // SAFETY: no reference into the cell outlives a call (type comment).
        unsafe { *self.value.get() }
    }

    #[cfg(feature = "atomic-objects")]
    #[inline(always)]
    pub fn get(&self) -> T
    where
        T: Copy,
    {
        if atomic_eligible::<T>() {
            return self.load_atomic();
        }
        let _g = self.locked();
        // SAFETY: under the cell's lock.
        unsafe { *self.value.get() }
    }

    pub fn get_clone(&self) -> T
    where
        T: Clone,
    {
        #[cfg(feature = "atomic-objects")]
        if atomic_eligible::<T>() {
            return self.load_atomic();
        }
        #[cfg(feature = "atomic-objects")]
        let _g = self.locked();
        // SAFETY: as for `get` (under the lock in the free-threaded build); `T::clone`
        // of the types kept here (Arc, Vec of Refs) does not reach back into this cell.
        unsafe { (*self.value.get()).clone() }
    }

    /// Reads the value in place; `f` must not reach back into the cell (or run
    /// Python code), as for every borrow of interpreter memory.
    #[inline(always)]
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        #[cfg(feature = "atomic-objects")]
        if atomic_eligible::<T>() {
            // A bitwise copy: the type owns nothing (no drop glue), so the copy is
            // as good as the original and needs no lock while `f` runs.
            let v = std::mem::ManuallyDrop::new(self.load_atomic());
            return f(&v);
        }
        #[cfg(feature = "atomic-objects")]
        let _g = self.locked();
        // SAFETY: as for `get`: the reference does not outlive `f`.
        f(unsafe { &*self.value.get() })
    }

    /// Replaces the value; the old one is dropped after the cell is updated, so its
    /// destructor sees the new state.
    pub fn set(&self, v: T) {
        #[cfg(feature = "atomic-objects")]
        if atomic_eligible::<T>() {
            self.store_atomic(v);
            return;
        }
        #[cfg(feature = "atomic-objects")]
        let g = self.locked();
        #[cfg(feature = "atomic-objects")]
        if word_sized::<T>() {
            // An owning word (an `Option<Ref<_>>`): replaced under the lock, so a
            // locked reader clones either the old value or the new one, and written
            // as one atomic store, so `peek_is_none`'s unlocked load never races it.
            let p = self.value.get();
            let v = std::mem::ManuallyDrop::new(v);
            // SAFETY: an 8-byte, 8-aligned `T` (`word_sized`); its bits move into the
            // cell and the old bits out, so each value keeps exactly one owner.
            let bits = unsafe { std::sync::atomic::AtomicU64::from_ptr(p.cast()) }
                .swap(unsafe { std::mem::transmute_copy(&*v) }, Ordering::AcqRel);
            drop(g);
            // SAFETY: the bits were the `T` the cell owned.
            drop(unsafe { std::mem::transmute_copy::<u64, T>(&bits) });
            return;
        }
        // SAFETY: as for `get`.
        let old = unsafe { std::ptr::replace(self.value.get(), v) };
        #[cfg(feature = "atomic-objects")]
        drop(g);
        drop(old);
    }

    /// A bitwise copy of an `atomic_eligible` value, read as one atomic access.
    #[cfg(feature = "atomic-objects")]
    #[inline(always)]
    fn load_atomic(&self) -> T {
        let p = self.value.get();
        if word_sized::<T>() {
            // SAFETY: `T` is 8 bytes and 8-aligned (`word_sized`), and every access to
            // such a cell in this build is atomic (`atomic_eligible` is a property of
            // `T`), so this is an atomic load of bits that `new` or `set` wrote whole.
            let bits =
                unsafe { std::sync::atomic::AtomicU64::from_ptr(p.cast()) }.load(Ordering::Acquire);
            // SAFETY: the bits are a valid `T`, and `T` has no drop glue, so a copy
            // cannot free anything twice.
            unsafe { std::mem::transmute_copy(&bits) }
        } else {
            // SAFETY: as above, for a one-byte `T`.
            let bits = unsafe { AtomicU8::from_ptr(p.cast()) }.load(Ordering::Acquire);
            // SAFETY: as above.
            unsafe { std::mem::transmute_copy(&bits) }
        }
    }

    #[cfg(feature = "atomic-objects")]
    #[inline(always)]
    fn store_atomic(&self, v: T) {
        let p = self.value.get();
        if word_sized::<T>() {
            // SAFETY: as in `load_atomic`; `v`'s bits move into the cell.
            let bits: u64 = unsafe { std::mem::transmute_copy(&v) };
            unsafe { std::sync::atomic::AtomicU64::from_ptr(p.cast()) }
                .store(bits, Ordering::Release);
        } else {
            // SAFETY: as above, for a one-byte `T`.
            let bits: u8 = unsafe { std::mem::transmute_copy(&v) };
            unsafe { AtomicU8::from_ptr(p.cast()) }.store(bits, Ordering::Release);
        }
        // No drop glue: forgetting `v` (now in the cell) and the old value leaks nothing.
        std::mem::forget(v);
    }

    /// The cell's lock, for values that are neither one byte nor one word.
    #[cfg(feature = "atomic-objects")]
    fn locked(&self) -> GilCellGuard<'_> {
        self.lock.lock();
        GilCellGuard { lock: &self.lock }
    }

    pub fn get_mut(&mut self) -> &mut T {
        self.value.get_mut()
    }
}

impl<T: crate::vm::refcount::Payload> GilCell<Option<crate::vm::refcount::Ref<T>>> {
    /// Whether the cell holds `None`, without taking its lock in the free-threaded
    /// build: the answer may be stale by the time it is used, which is all a fast
    /// path that re-checks under its own lock needs (an instance's "no `__dict__`
    /// object yet", eval.rs's inline attributes).
    #[inline(always)]
    pub fn peek_is_none(&self) -> bool {
        #[cfg(feature = "atomic-objects")]
        {
            let p = self.value.get();
            // SAFETY: `Option<Ref<_>>` is one aligned word, and every write of a word
            // cell in this build is one atomic store (`set`), so this load is atomic
            // against it; the copy is only looked at, never dropped or cloned.
            let bits =
                unsafe { std::sync::atomic::AtomicU64::from_ptr(p.cast()) }.load(Ordering::Acquire);
            // SAFETY: the bits are a valid value of the cell's type (`new`, `set`).
            let v = std::mem::ManuallyDrop::new(unsafe {
                std::mem::transmute_copy::<u64, Option<crate::vm::refcount::Ref<T>>>(&bits)
            });
            v.is_none()
        }
        #[cfg(not(feature = "atomic-objects"))]
        self.with(Option::is_none)
    }
}

#[cfg(feature = "atomic-objects")]
struct GilCellGuard<'a> {
    lock: &'a CellMutex,
}

#[cfg(feature = "atomic-objects")]
impl Drop for GilCellGuard<'_> {
    fn drop(&mut self) {
        // SAFETY: the guard exists only while this thread holds the lock (`locked`).
        unsafe { self.lock.unlock() };
    }
}

/// Values read and written as one atomic access in the free-threaded build: one
/// byte or one aligned word, owning nothing (a flag, a function pointer, a count).
#[cfg(feature = "atomic-objects")]
const fn atomic_eligible<T>() -> bool {
    !std::mem::needs_drop::<T>() && (word_sized::<T>() || byte_sized::<T>())
}

#[cfg(feature = "atomic-objects")]
const fn word_sized<T>() -> bool {
    std::mem::size_of::<T>() == 8 && std::mem::align_of::<T>() == 8
}

#[cfg(feature = "atomic-objects")]
const fn byte_sized<T>() -> bool {
    std::mem::size_of::<T>() == 1
}

impl<T: std::fmt::Debug + Clone> std::fmt::Debug for GilCell<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get_clone().fmt(f)
    }
}

/// The free-threaded build's lock in every cell: one byte, 0 free and 1 held.
///
/// Taking it is one compare-and-swap; giving it back is a plain release store, not a
/// second read-modify-write (parking_lot's unlock is one, to learn whether a waiter
/// parked): on richards a cell was taken and released some ten times per
/// instruction, and the second atomic cost a tenth of the run. The price is that a
/// waiter cannot be woken, so it polls (spins, then yields, then naps), which suits
/// locks held for a copy in or out and rarely contended (`--gil-stats` counts waits).
#[cfg(feature = "atomic-objects")]
struct CellMutex(AtomicU8);

#[cfg(feature = "atomic-objects")]
impl CellMutex {
    const INIT: CellMutex = CellMutex(AtomicU8::new(0));

    #[inline(always)]
    fn try_lock(&self) -> bool {
        self.0
            .compare_exchange(0, 1, Ordering::Acquire, Ordering::Relaxed)
            .is_ok()
    }

    #[inline(always)]
    fn lock(&self) {
        if !self.try_lock() {
            wait_for(self);
        }
    }

    /// # Safety
    /// The calling thread holds the lock (a successful `try_lock` or `lock`).
    #[inline(always)]
    unsafe fn unlock(&self) {
        self.0.store(0, Ordering::Release);
    }
}

#[cfg(feature = "atomic-objects")]
impl Default for CellMutex {
    fn default() -> Self {
        CellMutex::INIT
    }
}

/// Waits for a cell lock another thread holds (free-threaded build). Holders keep
/// cells only for a copy in or out (the rule above), so the wait is short: spin
/// first, then yield (the holder may be a preempted thread on this core), then nap.
/// A wait of seconds means a cycle of holders, a VM bug: it panics with the rule's
/// message rather than hang.
#[cfg(feature = "atomic-objects")]
#[cold]
#[inline(never)]
fn wait_for(m: &CellMutex) {
    const SPINS: u32 = 64;
    const YIELDS: u32 = 256;
    let start = std::time::Instant::now();
    let mut round = 0u32;
    loop {
        // Read before trying, so waiters do not bounce the line with failed swaps.
        if m.0.load(Ordering::Relaxed) == 0 && m.try_lock() {
            break;
        }
        round += 1;
        if round < SPINS {
            for _ in 0..(1u32 << round.min(6)) {
                std::hint::spin_loop();
            }
        } else if round < SPINS + YIELDS {
            std::thread::yield_now();
        } else {
            std::thread::sleep(std::time::Duration::from_micros(50));
            if start.elapsed() > std::time::Duration::from_secs(20) {
                already_borrowed();
            }
        }
    }
    let waited = start.elapsed();
    let _ = CELL_WAITS.try_with(|w| {
        let (n, t) = w.get();
        w.set((n + 1, t + waited));
    });
}

#[cfg(feature = "atomic-objects")]
thread_local! {
    /// This thread's waits for cells other threads held, and their total time.
    static CELL_WAITS: std::cell::Cell<(u64, std::time::Duration)> =
        const { std::cell::Cell::new((0, std::time::Duration::ZERO)) };
}

/// This thread's waits for object locks since the last call (`--gil-stats`);
/// always none with the GIL, where a taken cell is a bug, not a wait.
pub fn take_cell_waits() -> (u64, std::time::Duration) {
    #[cfg(feature = "atomic-objects")]
    return CELL_WAITS
        .try_with(|w| w.replace((0, std::time::Duration::ZERO)))
        .unwrap_or_default();
    #[cfg(not(feature = "atomic-objects"))]
    (0, std::time::Duration::ZERO)
}

#[cold]
#[inline(never)]
fn already_borrowed() -> ! {
    panic!(
        "ObjCell already borrowed: a guard was kept across a call into the interpreter \
         or a GIL release, or a thread touched an object without holding the GIL"
    )
}

#[cfg(test)]
mod tests {
    use super::ObjCell;
    use std::sync::Arc;

    #[test]
    fn shared_cell_gives_exclusive_access_across_threads() {
        let c = Arc::new(ObjCell::new(0u64));
        c.share();
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let c = c.clone();
                std::thread::spawn(move || {
                    for _ in 0..20_000 {
                        let mut g = c.lock();
                        let v = *g;
                        std::hint::spin_loop();
                        *g = v + 1;
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(*c.lock(), 80_000);
    }

    #[test]
    fn shared_cells_nest_and_plain_cells_release() {
        let (a, b) = (ObjCell::new(1), ObjCell::new(2));
        a.share();
        b.share();
        {
            let (ga, gb) = (a.lock(), b.lock());
            assert_eq!(*ga + *gb, 3);
        }
        let p = ObjCell::new(5);
        drop(p.lock());
        *p.lock() += 1;
        assert_eq!(*p.lock(), 6);
    }

    #[test]
    #[should_panic(expected = "already borrowed")]
    fn taking_a_borrowed_cell_panics() {
        let p = ObjCell::new(0);
        let _g = p.lock();
        let _h = p.lock();
    }

    #[test]
    #[should_panic(expected = "already borrowed")]
    fn taking_a_borrowed_shared_cell_panics() {
        let p = ObjCell::new(0);
        p.share();
        let _g = p.lock();
        let _h = p.lock();
    }
}
