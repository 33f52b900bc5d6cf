//! The binary semaphore under `_thread.lock`, `RLock`, Condition waiters and thread
//! start/finish signals: one atomic byte, waiters parked in parking_lot_core's table.
//!
//! Why not a `Mutex<bool>` + `Condvar`: parking_lot's mutex is *eventually fair*
//! (every ~0.5 ms an unlock hands the mutex straight to a parked waiter), and the
//! waiter of a Python lock runs without the GIL. A handoff gives the Python lock to
//! a thread that cannot run until the GIL holder blocks, the holder then blocks on
//! the lock, and from then on every acquire is a GIL handoff (a lock convoy: 8
//! threads incrementing under one Lock ran at 0.17x CPython). Here a release never
//! hands over: it frees the lock and wakes one waiter, which competes again, so the
//! running thread keeps taking the lock until its switch interval ends, as with
//! CPython's semaphore-based lock.

use parking_lot_core::{ParkResult, DEFAULT_PARK_TOKEN, DEFAULT_UNPARK_TOKEN};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::time::Instant;

const LOCKED: u8 = 1;
/// Some thread may be parked on this lock (set before parking, cleared by the
/// release that wakes the last one).
const PARKED: u8 = 2;

#[derive(Debug, Default)]
pub struct RawLock {
    state: AtomicU8,
}
crate::gil::impl_ungil!(struct RawLock { state });

impl RawLock {
    pub const fn new() -> RawLock {
        RawLock {
            state: AtomicU8::new(0),
        }
    }

    /// A lock created held (a one-shot signal: `release` fires it).
    pub fn new_locked() -> RawLock {
        RawLock {
            state: AtomicU8::new(LOCKED),
        }
    }

    #[inline]
    pub fn try_acquire(&self) -> bool {
        let mut s = self.state.load(Ordering::Relaxed);
        loop {
            if s & LOCKED != 0 {
                return false;
            }
            match self.state.compare_exchange_weak(
                s,
                s | LOCKED,
                Ordering::Acquire,
                Ordering::Relaxed,
            ) {
                Ok(_) => return true,
                Err(now) => s = now,
            }
        }
    }

    pub fn is_locked(&self) -> bool {
        self.state.load(Ordering::Relaxed) & LOCKED != 0
    }

    /// Waits until the lock is ours (true) or `deadline` passes (false). Call it
    /// without the GIL: it may sleep.
    pub fn acquire_until(&self, deadline: Option<Instant>) -> bool {
        self.acquire_watched(deadline, None)
    }

    /// `acquire_until` that keeps `trying` true except while parked, so that the
    /// deadlock watchdog (threads/mod.rs) can tell a waiter that is asleep on a held
    /// lock from one that is taking it or has taken it: only a release, which the
    /// watchdog counts as progress, can wake one that is asleep.
    pub fn acquire_watched(&self, deadline: Option<Instant>, trying: Option<&AtomicBool>) -> bool {
        let set = |v: bool| {
            if let Some(t) = trying {
                t.store(v, Ordering::SeqCst);
            }
        };
        // No spinning: the holder of a contended Python lock is usually a thread
        // that needs the GIL to get to its release, which takes microseconds at best.
        loop {
            set(true);
            if self.try_acquire() {
                return true;
            }
            let s = self.state.load(Ordering::Relaxed);
            if s & LOCKED == 0 {
                continue;
            }
            if s & PARKED == 0
                && self
                    .state
                    .compare_exchange_weak(s, s | PARKED, Ordering::Relaxed, Ordering::Relaxed)
                    .is_err()
            {
                continue;
            }
            let key = self as *const RawLock as usize;
            set(false);
            // SAFETY: the callbacks only touch this lock's atomic (no panics, no
            // parking_lot calls), and `key` is the address of a lock that outlives
            // the call (we borrow it), as parking_lot_core requires.
            let res = unsafe {
                parking_lot_core::park(
                    key,
                    || self.state.load(Ordering::Relaxed) == LOCKED | PARKED,
                    || {},
                    |_, was_last| {
                        if was_last {
                            self.state.fetch_and(!PARKED, Ordering::Relaxed);
                        }
                    },
                    DEFAULT_PARK_TOKEN,
                    deadline,
                )
            };
            match res {
                // Woken by a release: compete again (no handoff, see the file comment).
                ParkResult::Unparked(_) | ParkResult::Invalid => {}
                ParkResult::TimedOut => return self.try_acquire(),
            }
        }
    }

    /// Waits (without the GIL) until the lock looks free (true) or `deadline` passes
    /// (false), without taking it: the caller re-takes the GIL and then tries, so
    /// that only a GIL holder ever takes a Python lock (see `acquire_slow` in
    /// threads/mod.rs). `trying` is as in `acquire_watched`.
    pub fn wait_unlocked(&self, deadline: Option<Instant>, trying: Option<&AtomicBool>) -> bool {
        let set = |v: bool| {
            if let Some(t) = trying {
                t.store(v, Ordering::SeqCst);
            }
        };
        loop {
            set(true);
            let s = self.state.load(Ordering::Acquire);
            if s & LOCKED == 0 {
                return true;
            }
            if s & PARKED == 0
                && self
                    .state
                    .compare_exchange_weak(s, s | PARKED, Ordering::Relaxed, Ordering::Relaxed)
                    .is_err()
            {
                continue;
            }
            let key = self as *const RawLock as usize;
            set(false);
            // SAFETY: as in `acquire_watched`: the callbacks only touch this lock's
            // atomic, and `key` is the address of a lock we borrow for the call.
            let res = unsafe {
                parking_lot_core::park(
                    key,
                    || self.state.load(Ordering::Relaxed) == LOCKED | PARKED,
                    || {},
                    |_, was_last| {
                        if was_last {
                            self.state.fetch_and(!PARKED, Ordering::Relaxed);
                        }
                    },
                    DEFAULT_PARK_TOKEN,
                    deadline,
                )
            };
            if let ParkResult::TimedOut = res {
                set(true);
                return !self.is_locked();
            }
        }
    }

    /// Frees the lock; false if it was not locked. Any thread may release.
    #[inline]
    pub fn release(&self) -> bool {
        match self
            .state
            .compare_exchange(LOCKED, 0, Ordering::Release, Ordering::Relaxed)
        {
            Ok(_) => true,
            Err(s) if s & LOCKED == 0 => false,
            Err(_) => {
                self.release_slow();
                true
            }
        }
    }

    #[cold]
    fn release_slow(&self) {
        let key = self as *const RawLock as usize;
        // SAFETY: as in `acquire_until`; the callback runs with the park queue
        // locked, so no waiter can park in between and miss the cleared bit.
        unsafe {
            parking_lot_core::unpark_one(key, |r| {
                let keep = if r.have_more_threads { PARKED } else { 0 };
                self.state.store(keep, Ordering::Release);
                DEFAULT_UNPARK_TOKEN
            });
        }
    }
}

/// Anything with a `RawLock` inside (a lock, an RLock), for code that waits on either.
pub trait AsRawLock: Send + Sync + std::fmt::Debug {
    fn raw(&self) -> &RawLock;
}

impl AsRawLock for RawLock {
    fn raw(&self) -> &RawLock {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::RawLock;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    #[test]
    fn exclusive_and_released_by_any_thread() {
        let l = Arc::new(RawLock::new());
        assert!(l.try_acquire());
        assert!(!l.try_acquire());
        let l2 = l.clone();
        std::thread::spawn(move || assert!(l2.release()))
            .join()
            .unwrap();
        assert!(!l.release());
        assert!(l.try_acquire());
    }

    #[test]
    fn timed_acquire_times_out_then_succeeds() {
        let l = RawLock::new_locked();
        assert!(!l.acquire_until(Some(Instant::now() + Duration::from_millis(20))));
        assert!(l.release());
        assert!(l.acquire_until(Some(Instant::now())));
    }

    #[test]
    fn many_threads_count_exactly() {
        let l = Arc::new(RawLock::new());
        let n = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let hs: Vec<_> = (0..8)
            .map(|_| {
                let (l, n) = (l.clone(), n.clone());
                std::thread::spawn(move || {
                    for _ in 0..20000 {
                        assert!(l.acquire_until(None));
                        // Non-atomic read-modify-write: only correct if the lock excludes.
                        let v = n.load(std::sync::atomic::Ordering::Relaxed);
                        n.store(v + 1, std::sync::atomic::Ordering::Relaxed);
                        assert!(l.release());
                    }
                })
            })
            .collect();
        for h in hs {
            h.join().unwrap();
        }
        assert_eq!(n.load(std::sync::atomic::Ordering::Relaxed), 160000);
        assert!(!l.is_locked());
    }
}
