//! Synchronisation primitives used by the GIL, swapped for loom's under `--cfg loom`
//! so that the loom model in `tests/gil_loom.rs` checks the real GIL code, not a copy.
//!
//! Both halves expose the same small surface: `Mutex::lock() -> MutexGuard`,
//! `Condvar::{wait, wait_for, notify_one, notify_all}` taking `&mut MutexGuard`,
//! and the atomics.
//!
//! Loom cannot model time: its `Condvar::wait_timeout` never times out. A GIL whose
//! timed waits never time out would never exercise the drop-request path, so under
//! loom `wait_for` instead models the *other* extreme: the interval elapses at once
//! (unlock, yield to loom's scheduler, relock, report "timed out"). Real timed waits
//! lie between "never times out" and "times out at once", and the GIL's correctness
//! must not depend on which. Loom models check both ends: `loom_timed_waits_expire`
//! picks one per model (never expiring is what exposes a lost `notify`, since no
//! timeout would rescue the waiter).

#[cfg(not(loom))]
mod imp {
    use std::time::Duration;

    pub(crate) use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

    pub(crate) type Mutex<T> = parking_lot::Mutex<T>;
    pub(crate) type MutexGuard<'a, T> = parking_lot::MutexGuard<'a, T>;

    /// parking_lot's condvar, with `wait_for` reduced to "did it time out?".
    #[derive(Default)]
    pub(crate) struct Condvar(parking_lot::Condvar);

    impl Condvar {
        pub(crate) fn new() -> Self {
            Self(parking_lot::Condvar::new())
        }
        pub(crate) fn wait<T>(&self, guard: &mut MutexGuard<'_, T>) {
            self.0.wait(guard);
        }
        /// Returns true if the wait timed out rather than being notified.
        pub(crate) fn wait_for<T>(&self, guard: &mut MutexGuard<'_, T>, d: Duration) -> bool {
            self.0.wait_for(guard, d).timed_out()
        }
        pub(crate) fn notify_one(&self) {
            self.0.notify_one();
        }
        pub(crate) fn notify_all(&self) {
            self.0.notify_all();
        }
    }
}

#[cfg(loom)]
mod imp {
    use std::ops::{Deref, DerefMut};
    use std::time::Duration;

    pub(crate) use loom::sync::atomic::{AtomicU32, AtomicU64, Ordering};

    /// loom's mutex behind parking_lot's shape (no poisoning, guard by `&mut`).
    pub(crate) struct Mutex<T>(loom::sync::Mutex<T>);

    /// The `Option` lets `Condvar::wait` move the inner guard out and back,
    /// since loom's condvar takes guards by value.
    pub(crate) struct MutexGuard<'a, T> {
        mutex: &'a loom::sync::Mutex<T>,
        guard: Option<loom::sync::MutexGuard<'a, T>>,
    }

    impl<T> Mutex<T> {
        pub(crate) fn new(v: T) -> Self {
            Self(loom::sync::Mutex::new(v))
        }
        pub(crate) fn lock(&self) -> MutexGuard<'_, T> {
            MutexGuard {
                mutex: &self.0,
                guard: Some(self.0.lock().unwrap()),
            }
        }
    }

    impl<T> Deref for MutexGuard<'_, T> {
        type Target = T;
        fn deref(&self) -> &T {
            self.guard.as_ref().expect("guard present")
        }
    }
    impl<T> DerefMut for MutexGuard<'_, T> {
        fn deref_mut(&mut self) -> &mut T {
            self.guard.as_mut().expect("guard present")
        }
    }

    pub(crate) struct Condvar(loom::sync::Condvar);

    /// A plain std atomic, outside the model: set once before `loom::model` runs.
    static TIMED_WAITS_EXPIRE: std::sync::atomic::AtomicBool =
        std::sync::atomic::AtomicBool::new(true);

    /// Choose how loom models `wait_for`: `true` = times out at once, `false` = never.
    pub fn loom_timed_waits_expire(expire: bool) {
        TIMED_WAITS_EXPIRE.store(expire, std::sync::atomic::Ordering::Relaxed);
    }

    impl Condvar {
        pub(crate) fn new() -> Self {
            Self(loom::sync::Condvar::new())
        }
        pub(crate) fn wait<T>(&self, guard: &mut MutexGuard<'_, T>) {
            let g = guard.guard.take().expect("guard present");
            guard.guard = Some(self.0.wait(g).unwrap());
        }
        /// Models either "the interval elapsed immediately" or "never elapses"; see
        /// the module comment.
        pub(crate) fn wait_for<T>(&self, guard: &mut MutexGuard<'_, T>, _d: Duration) -> bool {
            if !TIMED_WAITS_EXPIRE.load(std::sync::atomic::Ordering::Relaxed) {
                self.wait(guard);
                return false;
            }
            drop(guard.guard.take());
            loom::thread::yield_now();
            guard.guard = Some(guard.mutex.lock().unwrap());
            true
        }
        pub(crate) fn notify_one(&self) {
            self.0.notify_one();
        }
        pub(crate) fn notify_all(&self) {
            self.0.notify_all();
        }
    }
}

#[cfg(loom)]
pub use imp::loom_timed_waits_expire;
pub(crate) use imp::*;
