//! Loom model of the GIL handoff: the real `src/gil` code, with loom's mutex,
//! condvar and atomics swapped in by `src/gil/sync.rs`.
//!
//! Run: `RUSTFLAGS="--cfg loom" cargo test --release --test gil_loom`
//!
//! What is modelled: loom has no clock, so every bounded wait "times out at once"
//! (see `sync.rs`). That is the adversarial end for the drop-request path: a waiter
//! sets `DROP_REQUEST` as often as it possibly can, and the holder's forced-switch
//! wait must still end. Checked: (1) mutual exclusion, as loom's data-race detector
//! on an `UnsafeCell` touched only while holding the GIL; (2) no lost wake-up, as
//! loom reports a deadlock if every thread ends up parked; (3) the holder assertion
//! inside the GIL. The preemption bound keeps the run short; the handoff bugs it
//! targets (missed notify between unlock and wait) need at most two preemptions.
#![cfg(loom)]

use gilvm::gil::Gil;
use loom::cell::UnsafeCell;
use std::sync::Arc;
use std::time::Duration;

/// Holder work between two instruction boundaries: touches "interpreter memory".
fn critical(cell: &UnsafeCell<u32>) {
    cell.with_mut(|p| unsafe {
        // SAFETY: only called while holding the GIL; loom flags it if not exclusive.
        *p += 1
    });
}

fn model(check: impl Fn() + Sync + Send + 'static) {
    let mut b = loom::model::Builder::new();
    b.preemption_bound = Some(2);
    b.check(check);
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
