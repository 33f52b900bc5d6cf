//! Synchronisation primitives used by the GIL, swapped for loom's under `--cfg loom`
//! so that the loom model in `tests/gil_loom.rs` checks the real GIL code, not a copy.
//!
//! Both halves expose the same small surface: `Mutex::lock() -> MutexGuard`,
//! `Condvar::{wait, wait_for, notify_one, notify_all}` taking `&mut MutexGuard`,
//! the atomics, and `policy_now_ns`, the clock the scheduling policies compare
//! times with (real time normally; under loom a model clock that only a timed wait
//! which "expires" moves, so that every decision is a function of the schedule).
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
    use std::time::Instant;

    /// The scheduling policies' clock: nanoseconds since `epoch`.
    pub(crate) fn policy_now_ns(epoch: Instant) -> u64 {
        u64::try_from(epoch.elapsed().as_nanos()).unwrap_or(u64::MAX)
    }

    pub(crate) type Mutex<T> = parking_lot::Mutex<T>;
    pub(crate) type MutexGuard<'a, T> = parking_lot::MutexGuard<'a, T>;

    /// Runs `f` with the mutex released, then takes it back.
    pub(crate) fn unlocked<T, R>(guard: &mut MutexGuard<'_, T>, f: impl FnOnce() -> R) -> R {
        parking_lot::MutexGuard::unlocked(guard, f)
    }

    /// One turn of a spin-wait loop.
    pub(crate) fn spin_loop() {
        std::hint::spin_loop();
    }

    /// How long a hand-off waiter spins before it sleeps on its condvar.
    pub(crate) const SPIN: std::time::Duration = std::time::Duration::from_micros(50);

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
    use std::time::Instant;

    loom::lazy_static! {
        /// Model time: advanced only by a timed wait that "expires", so that policy
        /// decisions which compare times are deterministic in each execution.
        static ref CLOCK: AtomicU64 = AtomicU64::new(0);
    }

    /// The scheduling policies' clock under loom: see `CLOCK`.
    pub(crate) fn policy_now_ns(_epoch: Instant) -> u64 {
        CLOCK.load(Ordering::Relaxed)
    }

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

    /// Runs `f` with the mutex released, then takes it back.
    pub(crate) fn unlocked<T, R>(guard: &mut MutexGuard<'_, T>, f: impl FnOnce() -> R) -> R {
        drop(guard.guard.take());
        let r = f();
        guard.guard = Some(guard.mutex.lock().unwrap());
        r
    }

    /// One turn of a spin-wait loop: lets loom schedule the thread being waited for.
    pub(crate) fn spin_loop() {
        loom::thread::yield_now();
    }

    /// Under loom a spin is a couple of turns (`spin_loop` yields), not a time.
    pub(crate) const SPIN: std::time::Duration = std::time::Duration::ZERO;

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
            // Far longer than any switch interval a model uses: the wait "elapsed".
            CLOCK.fetch_add(1 << 40, Ordering::Relaxed);
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
