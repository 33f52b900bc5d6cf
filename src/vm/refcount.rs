//! `Ref<T>`: the counted pointer every heap `Value` holds. Its count changes with plain
//! loads and stores, not atomic read-modify-writes, because the GIL already orders them.
//!
//! Why not `Arc`: an `Arc` clone or drop is a `lock`-prefixed instruction (20+ cycles
//! on x86), and the eval loop clones and drops a heap value on most instructions;
//! profiles of richards and nbody put a quarter of all time there. CPython makes the
//! same choice: `Py_INCREF` is a plain increment because only the GIL holder may run it.
//!
//! The invariant that makes this sound (see `docs/architecture.md`, "Reference counts"):
//!
//! 1. A *mortal* object belongs to one interpreter, and its count is only changed by
//!    a thread that holds that interpreter's GIL. GIL handoffs (a mutex release and
//!    acquire) order every change; so do thread spawn and `Arc<Interp>` teardown.
//!    Code that releases the GIL (`Vm::blocking`, thread exit) must not clone or drop
//!    values meanwhile; `Vm::finish_thread` drops the thread's values before releasing.
//! 2. An object reachable from process-wide state (built-in classes, interned
//!    strings, the one-character strings, `NotImplemented`) is *immortal*: made so by
//!    [`Value::make_immortal`] before it is published, its count is never written
//!    again, so interpreters running side by side in one process (the test suite)
//!    may share it. Built-in classes refuse attribute writes, so nothing mortal can
//!    be stored into them.
//!
//! Building with `--features atomic-objects` switches the count to atomic
//! read-modify-writes (what a free-threaded mode needs) without touching callers.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts at or above this never change; far above any count a program can reach.
const IMMORTAL: usize = 1 << (usize::BITS - 2);

/// `repr(C)`: the count is the first word whatever `T` is, so `Value::discard` can
/// reach it the same way for every variant (one code path after the match folds).
#[repr(C)]
struct Inner<T> {
    count: AtomicUsize,
    value: T,
}

pub struct Ref<T> {
    ptr: NonNull<Inner<T>>,
    _owns: PhantomData<Inner<T>>,
}

// SAFETY: a `Ref` is shared between OS threads only as the module comment describes:
// mortal counts change under one interpreter's GIL (a mutex, which orders the plain
// loads and stores), immortal counts never change. `T: Send + Sync` because the
// pointee itself is reached from several threads (its mutable parts are `ObjCell`s).
unsafe impl<T: Send + Sync> Send for Ref<T> {}
// SAFETY: as for `Send`: `&Ref<T>` only gives `&T` and clones, whose count update is
// ordered by the GIL (or skipped for immortal objects).
unsafe impl<T: Send + Sync> Sync for Ref<T> {}

impl<T> Ref<T> {
    pub fn new(value: T) -> Ref<T> {
        let b = Box::new(Inner {
            count: AtomicUsize::new(1),
            value,
        });
        Ref {
            ptr: NonNull::from(Box::leak(b)),
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
    pub fn ptr_eq(a: &Ref<T>, b: &Ref<T>) -> bool {
        a.ptr == b.ptr
    }

    #[inline(always)]
    pub fn as_ptr(a: &Ref<T>) -> *const T {
        &a.inner().value as *const T
    }

    /// The value if this is the only reference, else the `Ref` back.
    pub fn try_unwrap(this: Ref<T>) -> Result<T, Ref<T>> {
        if this.inner().count.load(Ordering::Acquire) != 1 {
            return Err(this);
        }
        let ptr = this.ptr;
        std::mem::forget(this);
        // SAFETY: the count was 1, so `this` was the only reference; reclaiming the box
        // it came from is the drop it would have done.
        let inner = unsafe { Box::from_raw(ptr.as_ptr()) };
        Ok(inner.value)
    }

    /// Mutable access when no other reference exists (immortal objects never qualify).
    pub fn get_mut(this: &mut Ref<T>) -> Option<&mut T> {
        if this.inner().count.load(Ordering::Acquire) == 1 {
            // SAFETY: count 1 means `this` is the only reference, and `&mut this`
            // prevents new ones while the borrow lives.
            Some(unsafe { &mut this.ptr.as_mut().value })
        } else {
            None
        }
    }

    /// The reference count itself, for [`try_release`].
    #[inline(always)]
    pub(crate) fn count(this: &Ref<T>) -> &AtomicUsize {
        &this.inner().count
    }

    #[inline]
    pub fn is_immortal(this: &Ref<T>) -> bool {
        this.inner().count.load(Ordering::Relaxed) >= IMMORTAL
    }

    /// Makes the object immortal; true if it was not already (so callers can stop
    /// walking cycles). Only for objects not yet visible to another thread.
    pub fn set_immortal(this: &Ref<T>) -> bool {
        let was = this.inner().count.swap(IMMORTAL, Ordering::Relaxed);
        was < IMMORTAL
    }

    #[inline(never)]
    fn drop_slow(&mut self) {
        // SAFETY: the count reached zero, so no other `Ref` exists; the box is ours.
        unsafe { drop(Box::from_raw(self.ptr.as_ptr())) }
    }
}

/// Gives up one reference counted by `count` unless it is the last one: true when
/// done (the caller must then forget its `Ref` rather than drop it), false when the
/// object must be freed by the full drop. Lets `Value::discard` decrement inline, as
/// CPython's `Py_DECREF` does, and call the out-of-line drop glue only to free.
#[cfg(not(feature = "atomic-objects"))]
#[inline(always)]
pub(crate) fn try_release(count: &AtomicUsize) -> bool {
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

/// Adds one reference counted by `count` (nothing for immortal objects); the caller
/// then duplicates its pointer bitwise. Lets `Value::clone` stay inline.
#[cfg(not(feature = "atomic-objects"))]
#[inline(always)]
pub(crate) fn retain(count: &AtomicUsize) {
    let n = count.load(Ordering::Relaxed);
    if n < IMMORTAL {
        count.store(n + 1, Ordering::Relaxed);
    }
}

#[cfg(feature = "atomic-objects")]
#[inline(always)]
pub(crate) fn retain(count: &AtomicUsize) {
    if count.load(Ordering::Relaxed) < IMMORTAL {
        count.fetch_add(1, Ordering::Relaxed);
    }
}

#[cfg(feature = "atomic-objects")]
#[inline(always)]
pub(crate) fn try_release(count: &AtomicUsize) -> bool {
    // Atomic counts are decremented by the full drop only.
    count.load(Ordering::Relaxed) >= IMMORTAL
}

#[cfg(not(feature = "atomic-objects"))]
impl<T> Clone for Ref<T> {
    #[inline(always)]
    fn clone(&self) -> Ref<T> {
        let c = &self.inner().count;
        let n = c.load(Ordering::Relaxed);
        if n < IMMORTAL {
            // Not a read-modify-write on purpose: the GIL orders this (module comment).
            c.store(n + 1, Ordering::Relaxed);
        }
        Ref {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

#[cfg(not(feature = "atomic-objects"))]
impl<T> Drop for Ref<T> {
    #[inline(always)]
    fn drop(&mut self) {
        let c = &self.inner().count;
        let n = c.load(Ordering::Relaxed);
        if n == 1 {
            self.drop_slow();
        } else if n < IMMORTAL {
            c.store(n - 1, Ordering::Relaxed);
        }
    }
}

#[cfg(feature = "atomic-objects")]
impl<T> Clone for Ref<T> {
    #[inline(always)]
    fn clone(&self) -> Ref<T> {
        let c = &self.inner().count;
        if c.load(Ordering::Relaxed) < IMMORTAL {
            c.fetch_add(1, Ordering::Relaxed);
        }
        Ref {
            ptr: self.ptr,
            _owns: PhantomData,
        }
    }
}

#[cfg(feature = "atomic-objects")]
impl<T> Drop for Ref<T> {
    #[inline(always)]
    fn drop(&mut self) {
        let c = &self.inner().count;
        if c.load(Ordering::Relaxed) >= IMMORTAL {
            return;
        }
        // As `Arc`: release on the decrement, acquire before freeing.
        if c.fetch_sub(1, Ordering::Release) == 1 {
            std::sync::atomic::fence(Ordering::Acquire);
            self.drop_slow();
        }
    }
}

impl<T> Deref for Ref<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        &self.inner().value
    }
}

impl<T> AsRef<T> for Ref<T> {
    fn as_ref(&self) -> &T {
        self
    }
}

impl<T> std::borrow::Borrow<T> for Ref<T> {
    fn borrow(&self) -> &T {
        self
    }
}

impl<T: fmt::Debug> fmt::Debug for Ref<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl<T: fmt::Display> fmt::Display for Ref<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

impl<T: PartialEq> PartialEq for Ref<T> {
    fn eq(&self, other: &Ref<T>) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for Ref<T> {}

impl<T: std::hash::Hash> std::hash::Hash for Ref<T> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state)
    }
}

impl<T> From<T> for Ref<T> {
    fn from(value: T) -> Ref<T> {
        Ref::new(value)
    }
}

impl<T: Default> Default for Ref<T> {
    fn default() -> Ref<T> {
        Ref::new(T::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    struct Counted<'a>(&'a AtomicUsize);
    impl Drop for Counted<'_> {
        fn drop(&mut self) {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }

    #[test]
    fn frees_on_last_drop_only() {
        let drops = AtomicUsize::new(0);
        let a = Ref::new(Counted(&drops));
        let b = a.clone();
        drop(a);
        assert_eq!(drops.load(Ordering::Relaxed), 0);
        drop(b);
        assert_eq!(drops.load(Ordering::Relaxed), 1);
    }

    #[test]
    fn immortal_is_never_freed_and_never_written() {
        let drops = AtomicUsize::new(0);
        let a = Ref::new(Counted(&drops));
        assert!(Ref::set_immortal(&a));
        assert!(!Ref::set_immortal(&a));
        for _ in 0..10 {
            drop(a.clone());
        }
        assert_eq!(a.inner().count.load(Ordering::Relaxed), IMMORTAL);
        drop(a);
        assert_eq!(drops.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn try_unwrap_and_get_mut_need_sole_ownership() {
        let mut a = Ref::new(5);
        *Ref::get_mut(&mut a).unwrap() += 1;
        let b = a.clone();
        assert!(Ref::get_mut(&mut a).is_none());
        let a = Ref::try_unwrap(a).unwrap_err();
        drop(b);
        assert_eq!(Ref::try_unwrap(a).ok(), Some(6));
    }
}
