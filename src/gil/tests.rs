//! Behavioural tests of the GIL. None passes or fails with the scheduler's timing:
//! each drives the behaviour (waits until a thread is really waiting before acting)
//! or runs until the event under test happens, with a generous deadline that the
//! failure message names. Without the mechanism under test they hang until that
//! deadline or lose updates; a slow machine only makes them slower.

use super::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64 as StdAtomicU64, Ordering as O};
use std::sync::mpsc;
use std::thread;

const GENEROUS: Duration = Duration::from_secs(10);

// The VM shares `Arc<Gil>` across threads and moves each `ThreadGil` into its thread.
const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    const fn send<T: Send>() {}
    send_sync::<Gil>();
    send::<ThreadGil>();
};

/// Spin as a CPU-bound bytecode loop would, honouring the breaker, until `stop`.
fn spin_until(tg: &mut ThreadGil, stop: &AtomicBool, deadline: Instant) {
    while !stop.load(O::Relaxed) && Instant::now() < deadline {
        for _ in 0..64 {
            if tg.breaker_pending() {
                let _ = tg.handle_breaker();
            }
            std::hint::spin_loop();
        }
    }
}

#[test]
fn mutual_exclusion_under_contention() {
    let gil = Gil::new(Duration::from_micros(200));
    let counter = StdAtomicU64::new(0);
    const THREADS: u64 = 4;
    const ITERS: u64 = 3_000;
    thread::scope(|s| {
        for t in 0..THREADS {
            let mut tg = gil.register_thread(format!("t{t}"));
            let counter = &counter;
            let gil = &gil;
            s.spawn(move || {
                tg.acquire();
                for i in 0..ITERS {
                    assert_eq!(gil.holder_id(), tg.id());
                    // A split read-modify-write with a pause in the middle: loses
                    // updates unless nobody else runs between load and store.
                    let v = counter.load(O::Relaxed);
                    if i % 7 == 0 {
                        thread::yield_now();
                    }
                    counter.store(v + 1, O::Relaxed);
                    if tg.breaker_pending() {
                        let _ = tg.handle_breaker();
                    }
                    if i % 100 == 0 {
                        tg.yield_now();
                    }
                    if i % 500 == 0 {
                        tg.blocking("test.noop", (), |()| ());
                    }
                }
                tg.release_for_exit();
            });
        }
    });
    assert_eq!(counter.load(O::Relaxed), THREADS * ITERS);
    assert_eq!(gil.holder_id(), 0);
    let stats = gil.stats_snapshot();
    assert_eq!(stats.len(), THREADS as usize);
    assert!(stats.iter().all(|s| s.finished && s.acquisitions >= 1));
}

#[test]
fn blocking_lets_another_thread_run() {
    let gil = Gil::new(DEFAULT_SWITCH_INTERVAL);
    let mut a = gil.register_thread("A".into());
    let mut b = gil.register_thread("B".into());
    let (b_ran_tx, b_ran_rx) = mpsc::channel();
    a.acquire();
    thread::scope(|s| {
        s.spawn(move || {
            b.acquire();
            b_ran_tx.send(()).unwrap();
            b.release_for_exit();
        });
        // A waits, GIL released, for B to report it got the GIL. If `blocking`
        // did not release, B could never acquire and this would time out.
        let got = a.blocking("Thread.join", b_ran_rx, |rx| {
            rx.recv_timeout(GENEROUS).is_ok()
        });
        assert!(got, "B could not acquire while A was blocked");
        assert!(a.is_held());
    });
    let st = a.stats();
    assert_eq!(st.voluntary_releases, 1);
    assert_eq!(st.blocked_by_reason.len(), 1);
    assert_eq!(st.blocked_by_reason[0].reason, "Thread.join");
    assert!(st.blocked > Duration::ZERO);
    a.release_for_exit();
}

#[test]
fn blocking_sleep_window_is_usable() {
    // The brief's scenario: A sleeps 200 ms without the GIL; B, already waiting,
    // gets it inside that window. Ordering is checked with flags, not timings.
    let gil = Gil::new(DEFAULT_SWITCH_INTERVAL);
    let mut a = gil.register_thread("A".into());
    let mut b = gil.register_thread("B".into());
    let b_ran = Arc::new(AtomicBool::new(false));
    // True exactly while A is inside `blocking` (set and cleared while A holds the GIL).
    let a_blocked = Arc::new(AtomicBool::new(false));
    a.acquire();
    let (b_ran2, a_blocked2) = (Arc::clone(&b_ran), Arc::clone(&a_blocked));
    // `move`: if B's assertion fails, its handle drops and releases the GIL, so the
    // failure is reported instead of hanging A.
    let hb = thread::spawn(move || {
        b.acquire();
        assert!(a_blocked2.load(O::SeqCst), "B ran while A held the GIL");
        b_ran2.store(true, O::SeqCst);
        b.release_for_exit();
    });
    // If B is slow to start waiting it misses a window; try again, within reason.
    let deadline = Instant::now() + GENEROUS;
    while !b_ran.load(O::SeqCst) && !hb.is_finished() && Instant::now() < deadline {
        a_blocked.store(true, O::SeqCst);
        a.blocking("time.sleep", Duration::from_millis(200), thread::sleep);
        a_blocked.store(false, O::SeqCst);
    }
    a.release_for_exit();
    hb.join().unwrap();
    assert!(
        b_ran.load(O::SeqCst),
        "B never got the GIL inside one of A's sleeps within {GENEROUS:?}"
    );
}

#[test]
fn cpu_bound_holder_yields_to_waiter() {
    let gil = Gil::new(Duration::from_millis(1));
    let mut a = gil.register_thread("spinner".into());
    let mut b = gil.register_thread("waiter".into());
    let stop = AtomicBool::new(false);
    let (held_tx, held_rx) = mpsc::channel();
    // The spinner never gives the GIL up by itself: without drop requests B would
    // only get it when the spinner reaches this deadline and exits.
    let spin_deadline = Instant::now() + GENEROUS * 6;
    let spinner_gave_up = thread::scope(|s| {
        let spinner = s.spawn(|| {
            a.acquire();
            held_tx.send(()).unwrap();
            spin_until(&mut a, &stop, spin_deadline);
            let gave_up = !stop.load(O::Relaxed);
            a.release_for_exit();
            gave_up
        });
        held_rx.recv().unwrap();
        b.acquire();
        stop.store(true, O::Relaxed);
        b.release_for_exit();
        spinner.join().unwrap()
    });
    assert!(
        !spinner_gave_up,
        "the waiter only got the GIL when the spinner stopped at its deadline"
    );
    let stats = gil.stats_snapshot();
    assert!(stats[0].forced_switches >= 1, "{stats:?}");
    assert!(stats[1].drop_requests >= 1, "{stats:?}");
}

/// `yield_now` (time.sleep(0)) gives the GIL to a thread already waiting for it
/// before the yielder continues. Driven, not timed: the yield happens only once
/// the waiter is counted in the waiting loop.
#[test]
fn yield_hands_over_to_a_waiting_thread() {
    // An hour-long interval: no drop request can move the GIL during the test.
    let gil = Gil::new(Duration::from_secs(3600));
    let mut a = gil.register_thread("yielder".into());
    let mut b = gil.register_thread("waiter".into());
    let b_ran = Arc::new(AtomicBool::new(false));
    a.acquire();
    let b_ran2 = Arc::clone(&b_ran);
    let hb = thread::spawn(move || {
        b.acquire();
        b_ran2.store(true, O::SeqCst);
        b.release_for_exit();
    });
    let deadline = Instant::now() + GENEROUS;
    while gil.state.lock().waiters == 0 {
        assert!(
            Instant::now() < deadline,
            "the waiter did not start waiting within {GENEROUS:?}"
        );
        thread::sleep(Duration::from_millis(1));
    }
    assert!(!b_ran.load(O::SeqCst), "B ran while A held the GIL");
    a.yield_now();
    assert!(
        b_ran.load(O::SeqCst),
        "yield_now re-took the GIL before the waiting thread had it"
    );
    a.release_for_exit();
    hb.join().unwrap();
    assert_eq!(gil.stats_snapshot()[0].voluntary_releases, 1);
}

#[test]
fn set_switch_interval_takes_effect_at_once() {
    let gil = Gil::new(Duration::from_secs(3600));
    assert_eq!(gil.switch_interval(), Duration::from_secs(3600));
    assert!(gil.set_switch_interval(Duration::ZERO).is_err());
    assert_eq!(gil.switch_interval(), Duration::from_secs(3600));

    let mut a = gil.register_thread("spinner".into());
    let mut b = gil.register_thread("waiter".into());
    let stop = AtomicBool::new(false);
    let (held_tx, held_rx) = mpsc::channel();
    let (b_got_tx, b_got_rx) = mpsc::channel();
    thread::scope(|s| {
        s.spawn(|| {
            a.acquire();
            held_tx.send(()).unwrap();
            spin_until(&mut a, &stop, Instant::now() + GENEROUS * 2);
            a.release_for_exit();
        });
        held_rx.recv().unwrap();
        s.spawn(|| {
            b.acquire();
            b_got_tx.send(()).unwrap();
            stop.store(true, O::Relaxed);
            b.release_for_exit();
        });
        // With a one-hour interval B gets nowhere...
        assert!(b_got_rx.recv_timeout(Duration::from_millis(50)).is_err());
        // ...until the interval shrinks, which must reach the wait already in progress.
        gil.set_switch_interval(Duration::from_millis(1)).unwrap();
        assert_eq!(gil.switch_interval(), Duration::from_millis(1));
        assert!(b_got_rx.recv_timeout(GENEROUS).is_ok());
    });
}

#[test]
fn two_spinners_stats_add_up() {
    let gil = Gil::with_options(GilOptions {
        switch_interval: Duration::from_millis(1),
        trace: true,
        ..GilOptions::default()
    });
    let switches = StdAtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let wall = Instant::now();
    thread::scope(|s| {
        for name in ["left", "right"] {
            let mut tg = gil.register_thread(name.into());
            let (switches, stop) = (&switches, &stop);
            s.spawn(move || {
                tg.acquire();
                let deadline = Instant::now() + GENEROUS;
                while !stop.load(O::Relaxed) && Instant::now() < deadline {
                    if tg.breaker_pending() {
                        let before = tg.stats().forced_switches;
                        let _ = tg.handle_breaker();
                        if tg.stats().forced_switches > before
                            && switches.fetch_add(1, O::Relaxed) >= 10
                        {
                            stop.store(true, O::Relaxed);
                        }
                    }
                }
                tg.release_for_exit();
            });
        }
    });
    let wall = wall.elapsed();
    assert!(
        stop.load(O::Relaxed),
        "fewer than 11 forced switches within the {GENEROUS:?} deadline"
    );
    let stats = gil.stats_snapshot();
    assert_eq!(stats.len(), 2);
    // Mutual exclusion, seen through the books: held spans never overlap.
    let held: Duration = stats.iter().map(|s| s.held).sum();
    assert!(held <= wall, "held {held:?} > wall {wall:?}");
    let forced: u64 = stats.iter().map(|s| s.forced_switches).sum();
    let requests: u64 = stats.iter().map(|s| s.drop_requests).sum();
    assert!(forced >= 10, "{stats:?}");
    assert!(requests >= 1, "{stats:?}");
    for s in &stats {
        assert!(s.finished);
        // Every forced switch is followed by a re-acquire.
        assert_eq!(s.acquisitions, 1 + s.forced_switches, "{s:?}");
        assert!(s.held > Duration::ZERO);
    }
    let table = format_stats_table(&stats);
    eprintln!("{table}"); // visible with --nocapture
    assert!(table.contains("left #1") && table.contains("right #2"));
    assert!(table.contains("total (2 threads)"), "{table}");

    let traces = gil.traces();
    assert_eq!(traces.len(), 2);
    for t in &traces {
        let running = t
            .events
            .iter()
            .filter(|e| matches!(e, TraceEvent::Running { .. }))
            .count() as u64;
        let st = stats.iter().find(|s| s.thread_id == t.thread_id).unwrap();
        assert_eq!(running, st.acquisitions);
        let mut last_end = 0;
        for e in &t.events {
            if let TraceEvent::Running { start_ns, end_ns } = *e {
                assert!(start_ns >= last_end && end_ns >= start_ns);
                last_end = end_ns;
            }
        }
    }
}

#[test]
fn panic_inside_blocking_reacquires() {
    let gil = Gil::new(DEFAULT_SWITCH_INTERVAL);
    let mut tg = gil.register_thread("main".into());
    tg.acquire();
    let r = catch_unwind(AssertUnwindSafe(|| {
        tg.blocking::<(), ()>("file.read", (), |()| panic!("I/O exploded"));
    }));
    assert!(r.is_err());
    assert!(tg.is_held());
    assert_eq!(gil.holder_id(), tg.id());
    assert_eq!(tg.stats().blocked_by_reason[0].reason, "file.read");
    tg.release_for_exit();
    assert_eq!(gil.holder_id(), 0);
}

#[test]
fn thread_dying_with_gil_releases_it() {
    let gil = Gil::new(DEFAULT_SWITCH_INTERVAL);
    let mut main = gil.register_thread("main".into());
    let mut doomed = gil.register_thread("doomed".into());
    let r = thread::spawn(move || {
        doomed.acquire();
        panic!("bytecode bug");
    })
    .join();
    assert!(r.is_err());
    main.acquire(); // would hang if the dead thread still held the GIL
    main.release_for_exit();
    assert!(gil.stats_snapshot().iter().all(|s| s.finished));
}

#[test]
fn interrupt_goes_to_main_thread_once() {
    let gil = Gil::new(DEFAULT_SWITCH_INTERVAL);
    let mut main = gil.register_thread("main".into());
    let mut other = gil.register_thread("worker".into());
    assert!(main.is_main() && !other.is_main());
    main.acquire();
    assert!(!main.breaker_pending());
    gil.request_interrupt();
    assert!(main.breaker_pending());
    main.blocking("test", &mut other, |other| {
        other.acquire();
        assert_eq!(other.handle_breaker(), Pending { interrupt: false });
        other.release_for_exit();
    });
    assert_eq!(main.handle_breaker(), Pending { interrupt: true });
    assert_eq!(main.handle_breaker(), Pending { interrupt: false });
    assert!(!main.breaker_pending());
    main.release_for_exit();
}

#[test]
fn disabled_mode_same_api_no_lock() {
    let gil = Gil::new_disabled();
    assert!(!gil.is_enabled());
    let mut a = gil.register_thread("a".into());
    let mut b = gil.register_thread("b".into());
    a.acquire();
    let (tx, rx) = mpsc::channel();
    thread::scope(|s| {
        s.spawn(|| {
            // With the GIL disabled B proceeds although A "holds" it.
            b.acquire();
            assert!(b.token().is_some());
            b.yield_now();
            let v = b.blocking("time.sleep", (), |()| 7);
            assert_eq!(v, 7);
            tx.send(()).unwrap();
            b.release_for_exit();
        });
        assert!(rx.recv_timeout(GENEROUS).is_ok());
    });
    gil.request_interrupt();
    assert!(a.handle_breaker().interrupt);
    assert!(a.token().is_some());
    a.release_for_exit();
    assert!(a.token().is_none());
    let stats = gil.stats_snapshot();
    assert_eq!(stats[1].acquisitions, 3);
    assert_eq!(stats[1].voluntary_releases, 2);
}

#[test]
fn token_only_while_held() {
    fn needs_gil(_: GilToken<'_>) -> u32 {
        42
    }
    let gil = Gil::new(DEFAULT_SWITCH_INTERVAL);
    let mut tg = gil.register_thread("main".into());
    assert!(tg.token().is_none());
    tg.acquire();
    let tok = tg.token().unwrap();
    assert_eq!(needs_gil(tok), 42);
    tg.release_for_exit();
    assert!(tg.token().is_none());
}

#[test]
#[should_panic(expected = "already holding")]
fn double_acquire_is_caught() {
    let gil = Gil::new(DEFAULT_SWITCH_INTERVAL);
    let mut tg = gil.register_thread("main".into());
    tg.acquire();
    tg.acquire();
}

/// Finished threads beyond `KEPT_FINISHED_ROWS` are summed into one row: the
/// registry stays the same size however many threads a program starts, the main
/// thread keeps its row, and the totals still count every thread.
#[test]
fn finished_threads_beyond_the_kept_rows_are_summed() {
    let gil = Gil::new(DEFAULT_SWITCH_INTERVAL);
    let mut main = gil.register_thread("MainThread".into());
    main.acquire();
    let extra = 300;
    for i in 0..KEPT_FINISHED_ROWS + extra {
        let mut tg = gil.register_thread(format!("t{i}"));
        main.blocking("Thread.join", &mut tg, |tg| {
            tg.acquire();
            tg.blocking("test.noop", (), |()| ());
            tg.release_for_exit();
        });
    }
    main.release_for_exit();
    let stats = gil.stats_snapshot();
    assert_eq!(stats.len(), 1 + KEPT_FINISHED_ROWS + 1);
    assert_eq!(stats[0].name, "MainThread");
    assert!(stats.iter().all(|s| s.finished));
    let summary = stats.last().unwrap();
    assert_eq!(summary.merged, extra as u64);
    assert_eq!(summary.name, format!("({extra} more finished threads)"));
    assert_eq!(summary.acquisitions, 2 * extra as u64);
    assert_eq!(summary.blocked_by_reason[0].calls, extra as u64);
    let threads: u64 = stats.iter().map(ThreadStats::threads).sum();
    assert_eq!(threads, 1 + (KEPT_FINISHED_ROWS + extra) as u64);
    assert_eq!(gil.thread_counts(), (threads, threads));
    let table = format_stats_table(&stats);
    assert!(
        table.contains(&format!("total ({threads} threads)")),
        "{table}"
    );
}

/// Waits (with a generous deadline that the failure names) until `n` threads are in
/// the GIL's waiting loop.
fn until_waiting(gil: &Gil, n: usize) {
    let deadline = Instant::now() + GENEROUS;
    while gil.waiting_threads() < n {
        assert!(
            Instant::now() < deadline,
            "only {} of {n} threads waiting after {GENEROUS:?}",
            gil.waiting_threads()
        );
        thread::yield_now();
    }
}

/// Under `fifo` a thread dropped at the end of its turn takes its place at the back
/// of the queue when it releases, not when the OS next runs it: here A is dropped
/// before B, and B reaches its re-take first, yet A goes first. (Queued in `take`,
/// B overtook A: the grant order 1 2 3 2 1 3 seen with spinning threads.) Driven
/// step by step; the only sleeps make sure a turn of 1 ms is used up, which no
/// scheduling delay can undo.
#[test]
fn fifo_forced_releaser_keeps_its_place_in_the_rotation() {
    let interval = Duration::from_millis(1);
    let gil = Gil::with_options(GilOptions {
        switch_interval: interval,
        policy: SwitchPolicy::Fifo,
        ..GilOptions::default()
    });
    let log = std::sync::Mutex::new(Vec::<&str>::new());
    let (holds_tx, holds_rx) = mpsc::channel::<&str>();
    // Per thread: step commands from the test, "released" replies to it.
    let (go_a, a_rx) = mpsc::channel::<()>();
    let (go_b, b_rx) = mpsc::channel::<()>();
    let (go_c, c_rx) = mpsc::channel::<()>();
    let (released_tx, released_rx) = mpsc::channel::<&str>();
    thread::scope(|s| {
        // A and B: hold, then on command use up the turn and make a forced release,
        // then on command take the GIL back, and finish.
        let dropped_then_back = |name: &'static str, mut tg: ThreadGil, rx: mpsc::Receiver<()>| {
            let (log, holds_tx, released_tx) = (&log, holds_tx.clone(), released_tx.clone());
            move || {
                tg.acquire();
                log.lock().unwrap().push(name);
                holds_tx.send(name).unwrap();
                rx.recv().unwrap();
                thread::sleep(interval * 2);
                let at = tg.release(ReleaseKind::Forced);
                released_tx.send(name).unwrap();
                rx.recv().unwrap();
                tg.take(at, false, TakeKind::Plain);
                log.lock().unwrap().push(name);
                tg.release_for_exit();
            }
        };
        let a = gil.register_thread("a".into());
        s.spawn(dropped_then_back("a", a, a_rx));
        assert_eq!(holds_rx.recv().unwrap(), "a");
        let b = gil.register_thread("b".into());
        s.spawn(dropped_then_back("b", b, b_rx));
        until_waiting(&gil, 1);
        let mut c = gil.register_thread("c".into());
        let (log_c, holds_c) = (&log, holds_tx.clone());
        s.spawn(move || {
            c.acquire();
            log_c.lock().unwrap().push("c");
            holds_c.send("c").unwrap();
            c_rx.recv().unwrap();
            c.release_for_exit();
        });
        until_waiting(&gil, 2);
        // A is dropped; the GIL goes to B, the oldest waiter.
        go_a.send(()).unwrap();
        assert_eq!(released_rx.recv().unwrap(), "a");
        assert_eq!(holds_rx.recv().unwrap(), "b");
        // B is dropped; the GIL goes to C.
        go_b.send(()).unwrap();
        assert_eq!(released_rx.recv().unwrap(), "b");
        assert_eq!(holds_rx.recv().unwrap(), "c");
        // B comes back to take the GIL before A does.
        go_b.send(()).unwrap();
        until_waiting(&gil, 1);
        go_a.send(()).unwrap();
        until_waiting(&gil, 2);
        go_c.send(()).unwrap();
    });
    assert_eq!(*log.lock().unwrap(), ["a", "b", "c", "a", "b"]);
    assert_eq!(gil.holder_id(), 0);
}
