//! Loom model of the GIL handoff: the real `src/gil` code, with loom's mutex,
//! condvar and atomics swapped in by `src/gil/sync.rs`.
//!
//! Run: `RUSTFLAGS="--cfg loom" cargo test --release --test gil_loom`
//!
//! What is modelled: loom has no clock, so each model runs twice, once with every
//! bounded wait "timing out at once" and once with bounded waits "never timing out"
//! (see `src/gil/sync.rs`). The first is the adversarial end for the drop-request
//! path: a waiter sets `DROP_REQUEST` as often as it possibly can, and the holder's
//! forced-switch wait must still end. The second leaves no timeout to rescue a
//! waiter, so a lost `notify` on release shows up as a deadlock.
//! Checked: (1) mutual exclusion, as loom's data-race detector on an `UnsafeCell`
//! touched only while holding the GIL; (2) no lost wake-up / termination, as loom
//! reports a deadlock if every thread ends up parked; (3) the holder assertions
//! inside the GIL. The search is exhaustive (no preemption bound; ~7,200
//! interleavings, well under a second once built); set `GIL_LOOM_PREEMPTIONS=N`
//! to bound it if the models grow. Each model prints its interleaving count
//! (`-- --nocapture`). Mutation-checked: dropping the release `notify_one`, the
//! take-side `switch_cond` notify, or the `while locked` wait each makes it fail.
#![cfg(loom)]

use gilvm::gil::{loom_timed_waits_expire, Gil};
use loom::cell::UnsafeCell;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Holder work between two instruction boundaries: touches "interpreter memory".
fn critical(cell: &UnsafeCell<u32>) {
    cell.with_mut(|p| unsafe {
        // SAFETY: only called while holding the GIL; loom flags it if not exclusive.
        *p += 1
    });
}

/// The wait-mode switch is process-global; tests in this binary run in parallel.
static ONE_MODEL_AT_A_TIME: Mutex<()> = Mutex::new(());

fn model(check: impl Fn() + Sync + Send + 'static) {
    let _serial = ONE_MODEL_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let check = Arc::new(check);
    for expire in [true, false] {
        loom_timed_waits_expire(expire);
        let mut b = loom::model::Builder::new();
        b.preemption_bound = match std::env::var("GIL_LOOM_PREEMPTIONS").as_deref() {
            Ok("none") => None,
            Ok(v) => Some(v.parse().unwrap()),
            Err(_) => None,
        };
        let check = Arc::clone(&check);
        let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let r2 = Arc::clone(&runs);
        b.check(move || {
            r2.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            check()
        });
        eprintln!(
            "expire={expire}: {} interleavings",
            runs.load(std::sync::atomic::Ordering::Relaxed)
        );
    }
}

#[test]
fn two_threads_acquire_release_acquire() {
    model(|| {
        let gil = Gil::new(Duration::from_millis(5));
        let cell = Arc::new(UnsafeCell::new(0u32));
        let mut main = gil.register_thread("main".into());
        let mut other = gil.register_thread("other".into());
        let cell2 = Arc::clone(&cell);
        let h = loom::thread::spawn(move || {
            other.acquire();
            critical(&cell2);
            // An instruction boundary: a drop request may be pending.
            let _ = other.handle_breaker();
            critical(&cell2);
            other.release_for_exit();
        });
        main.acquire();
        critical(&cell);
        // Release and re-acquire (the VM's blocking-call path).
        main.blocking("test", || ());
        critical(&cell);
        let _ = main.handle_breaker();
        main.release_for_exit();
        h.join().unwrap();
        assert_eq!(cell.with(|p| unsafe { *p }), 4);
        assert_eq!(gil.holder_id(), 0);
    });
}

#[test]
fn forced_switch_and_yield_terminate() {
    model(|| {
        let gil = Gil::new(Duration::from_millis(5));
        let cell = Arc::new(UnsafeCell::new(0u32));
        let mut main = gil.register_thread("main".into());
        let mut other = gil.register_thread("other".into());
        let cell2 = Arc::clone(&cell);
        let h = loom::thread::spawn(move || {
            other.acquire();
            critical(&cell2);
            other.yield_now();
            critical(&cell2);
            other.release_for_exit();
        });
        main.acquire();
        critical(&cell);
        let _ = main.handle_breaker();
        critical(&cell);
        main.yield_now();
        main.release_for_exit();
        h.join().unwrap();
        assert_eq!(cell.with(|p| unsafe { *p }), 4);
    });
}
