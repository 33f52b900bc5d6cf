//! GIL micro-benchmarks. Run briefly with:
//! `cargo bench --bench gil -- --warm-up-time 1 --measurement-time 3`
//! Figures are recorded in docs/gil.md.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion};
use gilvm::gil::{Gil, DEFAULT_SWITCH_INTERVAL};
use parking_lot::{Condvar, Mutex};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

/// (1) Release + re-acquire with nobody else around: the cost the VM pays around
/// every blocking call (and at thread start/exit) when single-threaded.
fn uncontended(c: &mut Criterion) {
    let mut g = c.benchmark_group("gil/uncontended");
    for (label, gil) in [
        ("release+acquire", Gil::new(DEFAULT_SWITCH_INTERVAL)),
        ("release+acquire (disabled)", Gil::new_disabled()),
    ] {
        let mut tg = gil.register_thread("bench".into());
        tg.acquire();
        g.bench_function(label, |b| b.iter(|| tg.blocking("bench", 1, black_box)));
        tg.release_for_exit();
    }
    g.finish();
}

/// (2) Handoff latency: two threads alternate strictly, each waiting until the other
/// has run once. One iteration = one handoff. `yield_now` hands the GIL to the
/// waiter (our yield waits for the switch), so this is the GIL's handoff path.
fn gil_ping_pong(iters: u64) -> Duration {
    let gil = Gil::new(DEFAULT_SWITCH_INTERVAL);
    let turn = Arc::new(AtomicU64::new(0));
    let start = Arc::new(Barrier::new(2));
    let mut handles = Vec::new();
    let t0 = Instant::now();
    for me in 0..2u64 {
        let mut tg = gil.register_thread(format!("p{me}"));
        let (turn, start) = (Arc::clone(&turn), Arc::clone(&start));
        handles.push(thread::spawn(move || {
            start.wait();
            tg.acquire();
            let mut done = 0;
            while done < iters {
                // Holding the GIL: no other thread can touch `turn` now.
                if turn.load(Ordering::Relaxed) % 2 == me {
                    turn.fetch_add(1, Ordering::Relaxed);
                    done += 1;
                }
                tg.yield_now();
            }
            tg.release_for_exit();
        }));
    }
    for h in handles {
        h.join().unwrap();
    }
    t0.elapsed() / 2
}

/// The floor: the same strict alternation with a parking_lot Mutex + Condvar.
fn mutex_ping_pong(iters: u64) -> Duration {
    let state = Arc::new((Mutex::new(0u64), Condvar::new()));
    let t0 = Instant::now();
    let handles: Vec<_> = (0..2u64)
        .map(|me| {
            let state = Arc::clone(&state);
            thread::spawn(move || {
                let (m, cv) = &*state;
                let mut turn = m.lock();
                for _ in 0..iters {
                    while *turn % 2 != me {
                        cv.wait(&mut turn);
                    }
                    *turn += 1;
                    cv.notify_one();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    t0.elapsed() / 2
}

fn handoff(c: &mut Criterion) {
    let mut g = c.benchmark_group("gil/handoff");
    g.sample_size(10);
    // iter_custom: each sample runs `iters` handoffs per thread in fresh threads,
    // thread start-up amortised over them.
    g.bench_function("gil ping-pong", |b| b.iter_custom(gil_ping_pong));
    g.bench_function("parking_lot mutex+condvar ping-pong (floor)", |b| {
        b.iter_custom(mutex_ping_pong)
    });
    g.finish();
}

/// (3) Four threads each doing release+acquire pairs as fast as they can, with
/// a little "bytecode" in between and breaker checks. Reports time per pair.
fn contended(c: &mut Criterion) {
    let mut g = c.benchmark_group("gil/contended");
    g.sample_size(10);
    const THREADS: u64 = 4;
    g.bench_function(BenchmarkId::new("release+acquire per pair", THREADS), |b| {
        b.iter_custom(|iters| {
            let gil = Gil::new(DEFAULT_SWITCH_INTERVAL);
            let per_thread = iters.div_ceil(THREADS);
            let start = Arc::new(Barrier::new(THREADS as usize));
            let t0 = Instant::now();
            let hs: Vec<_> = (0..THREADS)
                .map(|i| {
                    let mut tg = gil.register_thread(format!("c{i}"));
                    let start = Arc::clone(&start);
                    thread::spawn(move || {
                        start.wait();
                        tg.acquire();
                        for _ in 0..per_thread {
                            for k in 0..16u64 {
                                black_box(k);
                                if tg.breaker_pending() {
                                    let _ = tg.handle_breaker();
                                }
                            }
                            tg.blocking("bench", (), |()| ());
                        }
                        tg.release_for_exit();
                    })
                })
                .collect();
            for h in hs {
                h.join().unwrap();
            }
            t0.elapsed()
        })
    });
    g.finish();
}

/// (4) The per-instruction price of the breaker check: a toy dispatch loop over
/// N one-byte "instructions", with and without a breaker check after each.
fn breaker_check(c: &mut Criterion) {
    const N: usize = 10_000;
    let code: Vec<u8> = (0..N).map(|i| (i * 7 % 4) as u8).collect();
    fn step(op: u8, acc: u64) -> u64 {
        match op {
            0 => acc.wrapping_add(1),
            1 => acc.wrapping_mul(3),
            2 => acc ^ 0x55,
            _ => acc.rotate_left(1),
        }
    }
    let mut g = c.benchmark_group("gil/breaker-check");
    let gil = Gil::new(DEFAULT_SWITCH_INTERVAL);
    let mut tg = gil.register_thread("bench".into());
    tg.acquire();
    g.bench_function("10k instrs, no check", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for &op in black_box(&code[..]) {
                acc = step(op, acc);
            }
            acc
        })
    });
    g.bench_function("10k instrs, breaker check each", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for &op in black_box(&code[..]) {
                acc = step(op, acc);
                if tg.breaker_pending() {
                    let _ = tg.handle_breaker();
                }
            }
            acc
        })
    });
    // What an eval loop can do to save the pointer chase: keep its own Arc<Gil>
    // and test the breaker through it.
    let shared = Arc::clone(tg.gil());
    g.bench_function("10k instrs, cached-breaker check each", |b| {
        b.iter(|| {
            let mut acc = 0u64;
            for &op in black_box(&code[..]) {
                acc = step(op, acc);
                if shared.breaker_pending() {
                    let _ = tg.handle_breaker();
                }
            }
            acc
        })
    });
    tg.release_for_exit();
    g.finish();
}

criterion_group!(benches, uncontended, handoff, contended, breaker_check);
criterion_main!(benches);
