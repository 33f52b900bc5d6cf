//! The order in which each scheduling policy hands over the GIL, with controlled
//! threads: every waiter is known to be queued (`Gil::waiting_threads`) before the
//! holder lets go, and switch intervals are an hour where the test must not depend
//! on time, so no outcome depends on timing. Fairness and latency are figures of the
//! benchmarks (`gilvm bench`, docs/tuning.md), not of tests.
#![cfg(not(loom))]

use gilvm::gil::{Gil, GilOptions, SwitchPolicy, ThreadGil};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

const HOUR: Duration = Duration::from_secs(3600);

fn gil(policy: SwitchPolicy, interval: Duration) -> Arc<Gil> {
    Gil::with_options(GilOptions {
        switch_interval: interval,
        policy,
        ..GilOptions::default()
    })
}

/// Who took the GIL, in order.
type Log = Arc<Mutex<Vec<String>>>;

fn record(log: &Log, tg: &ThreadGil) {
    assert!(tg.is_held());
    log.lock().unwrap().push(tg.name().to_string());
}

/// Waits (with a generous deadline that reports when missed) until `n` threads wait.
fn until_waiting(gil: &Gil, n: usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while gil.waiting_threads() < n {
        assert!(
            Instant::now() < deadline,
            "only {} of {n} threads queued within 30 s",
            gil.waiting_threads()
        );
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// A thread that acquires (queueing behind the holder), logs, and exits.
fn plain_waiter(gil: &Arc<Gil>, name: &str, log: &Log) -> JoinHandle<()> {
    let mut tg = gil.register_thread(name.into());
    let log = Arc::clone(log);
    std::thread::spawn(move || {
        tg.acquire();
        record(&log, &tg);
        tg.release_for_exit();
    })
}

/// A thread that takes the GIL, optionally holds it for `hold`, then blocks until
/// `go` fires; its re-take is a return from a blocking call. Returns once it blocks.
fn blocked_thread(
    gil: &Arc<Gil>,
    name: &str,
    log: &Log,
    hold: Duration,
) -> (mpsc::Sender<()>, JoinHandle<()>) {
    let mut tg = gil.register_thread(name.into());
    let log = Arc::clone(log);
    let (go_tx, go_rx) = mpsc::channel::<()>();
    let (blocked_tx, blocked_rx) = mpsc::channel::<()>();
    let h = std::thread::spawn(move || {
        tg.acquire();
        std::thread::sleep(hold);
        tg.blocking("test.wait", (blocked_tx, go_rx), |(blocked, go)| {
            blocked.send(()).unwrap();
            go.recv().unwrap();
        });
        record(&log, &tg);
        tg.release_for_exit();
    });
    blocked_rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the thread never blocked");
    (go_tx, h)
}

fn order(log: &Log) -> Vec<String> {
    log.lock().unwrap().clone()
}

#[test]
fn fifo_hands_over_in_arrival_order() {
    let gil = gil(SwitchPolicy::Fifo, HOUR);
    let log: Log = Log::default();
    let mut main = gil.register_thread("main".into());
    main.acquire();
    let mut hs = Vec::new();
    for (i, name) in ["a", "b", "c", "d"].iter().enumerate() {
        hs.push(plain_waiter(&gil, name, &log));
        until_waiting(&gil, i + 1);
    }
    main.release_for_exit();
    for h in hs {
        h.join().unwrap();
    }
    assert_eq!(order(&log), ["a", "b", "c", "d"]);
    assert_eq!(gil.holder_id(), 0);
}

#[test]
fn fifo_queues_a_thread_back_from_blocking_like_any_other() {
    let gil = gil(SwitchPolicy::Fifo, HOUR);
    let log: Log = Log::default();
    let (go, io) = blocked_thread(&gil, "io", &log, Duration::ZERO);
    let mut main = gil.register_thread("main".into());
    main.acquire();
    let cpu = plain_waiter(&gil, "cpu", &log);
    until_waiting(&gil, 1);
    go.send(()).unwrap();
    until_waiting(&gil, 2);
    assert!(!gil.breaker_pending(), "fifo never preempts");
    main.release_for_exit();
    cpu.join().unwrap();
    io.join().unwrap();
    assert_eq!(order(&log), ["cpu", "io"]);
}

#[test]
fn io_priority_preempts_and_serves_the_blocking_returner_first() {
    let gil = gil(SwitchPolicy::IoPriority, HOUR);
    let log: Log = Log::default();
    let (go, io) = blocked_thread(&gil, "io", &log, Duration::ZERO);
    let mut main = gil.register_thread("main".into());
    main.acquire();
    let cpu = plain_waiter(&gil, "cpu", &log);
    until_waiting(&gil, 1);
    assert!(
        !gil.breaker_pending(),
        "a CPU-bound arrival does not preempt"
    );
    go.send(()).unwrap();
    until_waiting(&gil, 2);
    // An hour-long interval: only the preemption can have asked for a drop.
    assert!(
        gil.breaker_pending(),
        "the thread back from blocking preempts"
    );
    main.release_for_exit();
    cpu.join().unwrap();
    io.join().unwrap();
    assert_eq!(order(&log), ["io", "cpu"]);
}

#[test]
fn io_priority_gives_a_preempted_holder_its_turn_back_first() {
    let gil = gil(SwitchPolicy::IoPriority, HOUR);
    let log: Log = Log::default();
    let (go, io) = blocked_thread(&gil, "io", &log, Duration::ZERO);
    let mut main = gil.register_thread("main".into());
    main.acquire();
    let cpu = plain_waiter(&gil, "cpu", &log);
    until_waiting(&gil, 1);
    go.send(()).unwrap();
    until_waiting(&gil, 2);
    // The holder honours the preemption: io runs, then main (its turn was cut
    // short, so it queues in front), then cpu.
    let _ = main.handle_breaker();
    record(&log, &main);
    main.release_for_exit();
    cpu.join().unwrap();
    io.join().unwrap();
    assert_eq!(order(&log), ["io", "main", "cpu"]);
}

#[test]
fn bfs_serves_the_earliest_deadline_not_the_first_arrival() {
    let interval = Duration::from_millis(1);
    let gil = gil(SwitchPolicy::Bfs, interval);
    let log: Log = Log::default();
    // `hog` holds the GIL for two intervals before it blocks: it has used up a turn,
    // so its deadline moves to an interval after its release, later than the
    // deadline `light` got at registration, before that.
    let mut main = gil.register_thread("main".into());
    let light_tg = gil.register_thread("light".into());
    let (go, hog) = blocked_thread(&gil, "hog", &log, 2 * interval);
    main.acquire();
    go.send(()).unwrap();
    until_waiting(&gil, 1);
    let log2 = Arc::clone(&log);
    let light = std::thread::spawn(move || {
        let mut tg = light_tg;
        tg.acquire();
        record(&log2, &tg);
        tg.release_for_exit();
    });
    until_waiting(&gil, 2);
    main.release_for_exit();
    light.join().unwrap();
    hog.join().unwrap();
    assert_eq!(order(&log), ["light", "hog"]);
}

#[test]
fn bfs_preempts_with_an_earlier_deadline() {
    let gil = gil(SwitchPolicy::Bfs, HOUR);
    let log: Log = Log::default();
    // Registered first, so its deadline is the earliest; main's is later.
    let (go, io) = blocked_thread(&gil, "io", &log, Duration::ZERO);
    let mut main = gil.register_thread("main".into());
    main.acquire();
    go.send(()).unwrap();
    until_waiting(&gil, 1);
    assert!(gil.breaker_pending(), "the earlier deadline preempts");
    main.release_for_exit();
    io.join().unwrap();
    assert_eq!(order(&log), ["io"]);
}

#[test]
fn every_policy_runs_every_waiter() {
    for policy in SwitchPolicy::ALL {
        let gil = gil(policy, Duration::from_micros(100));
        let log: Log = Log::default();
        let mut main = gil.register_thread("main".into());
        main.acquire();
        let hs: Vec<_> = (0..6)
            .map(|i| plain_waiter(&gil, &format!("t{i}"), &log))
            .collect();
        until_waiting(&gil, 6);
        main.release_for_exit();
        for h in hs {
            h.join().unwrap();
        }
        let mut got = order(&log);
        got.sort();
        assert_eq!(got, ["t0", "t1", "t2", "t3", "t4", "t5"], "{policy:?}");
        assert_eq!(gil.holder_id(), 0, "{policy:?}");
    }
}

#[test]
fn policy_names_round_trip() {
    for p in SwitchPolicy::ALL {
        assert_eq!(SwitchPolicy::from_name(p.name()), Some(p));
    }
    assert_eq!(SwitchPolicy::from_name("round-robin"), None);
    assert_eq!(SwitchPolicy::default(), SwitchPolicy::Cpython);
}
