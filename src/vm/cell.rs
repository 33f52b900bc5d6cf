//! `ObjCell`: the one small API behind which every mutable object internal lives.
//! Today it is a one-word spin lock; a free-threaded build changes protection here only.

use crossbeam_utils::Backoff;
use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, Ordering};

/// Interior mutability for object internals (list items, dict entries, attributes).
///
/// Under the GIL only one thread runs bytecode at a time, so the cell is never
/// contended by the program itself: the lock exists to make `Value` `Send + Sync`
/// soundly (built-in classes are shared by every interpreter in the process, and tests
/// run several at once) and is what a free-threaded mode would rely on. Taking it is one
/// atomic swap and releasing it one plain store — half the atomic read-modify-writes of
/// a `parking_lot::Mutex`, which showed up on every attribute access.
///
/// Rule: never hold a guard across a call back into the interpreter or a GIL release
/// (copy out, drop the guard, then call). A thread that breaks it by locking the same
/// cell twice would spin forever; instead it panics after a long spin with a message
/// naming the rule.
#[derive(Default)]
pub struct ObjCell<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: the value is only reached through `CellGuard`, and a guard exists only while
// `locked` is held (taken with Acquire, released with Release), so at most one thread
// at a time has a reference to `T`, and its writes happen-before the next holder's
// reads. That is what `Mutex<T>: Sync` requires: `T: Send`.
unsafe impl<T: Send> Sync for ObjCell<T> {}
unsafe impl<T: Send> Send for ObjCell<T> {}

impl<T> ObjCell<T> {
    pub fn new(v: T) -> Self {
        ObjCell {
            locked: AtomicBool::new(false),
            value: UnsafeCell::new(v),
        }
    }

    #[inline]
    pub fn lock(&self) -> CellGuard<'_, T> {
        if self
            .locked
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            self.lock_slow();
        }
        CellGuard { cell: self }
    }

    #[cold]
    fn lock_slow(&self) {
        let backoff = Backoff::new();
        let mut spins: u64 = 0;
        while self
            .locked
            .compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed)
            .is_err()
        {
            backoff.snooze();
            spins += 1;
            if spins > 50_000_000 {
                panic!(
                    "ObjCell held for too long: a guard was kept across a call into the \
                     interpreter or a GIL release"
                );
            }
        }
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
    #[inline]
    fn drop(&mut self) {
        self.cell.locked.store(false, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::ObjCell;
    use std::sync::Arc;

    #[test]
    fn cell_gives_exclusive_access_across_threads() {
        let c = Arc::new(ObjCell::new(0u64));
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
}
