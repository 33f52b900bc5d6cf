//! The global interpreter lock: the one place where threads take, give up and hand over
//! the right to run bytecode. Every release in gilvm funnels through `ThreadGil::release`.
//!
//! # The algorithm (CPython's "new GIL", 3.2+; see also `docs/gil.md`)
//!
//! The GIL is a boolean `locked` inside a small mutex-protected `State`, not an OS
//! mutex held for the whole run: OS mutexes give no control over *who* gets the lock
//! next or *when* the holder must let go, and both are the point of a GIL.
//!
//! * **Holding.** The holder runs bytecode. Between every two instructions the eval
//!   loop does one relaxed load of the *eval breaker* (`AtomicU32`, cache-padded so
//!   waiters' writes do not false-share with anything hot). Zero means "carry on";
//!   non-zero sends the loop to `ThreadGil::handle_breaker`.
//! * **Waiting.** A thread that wants the GIL while it is `locked` waits on `gil_cond`
//!   for at most one *switch interval* (default 5 ms). If the wait timed out and
//!   the `switch_number` (bumped on every take) has not moved, no one else got the
//!   GIL in a whole interval, so it sets `DROP_REQUEST` in the eval breaker and goes
//!   back to waiting. Comparing `switch_number` keeps a waiter that merely lost a
//!   race from punishing a holder that only just took the GIL.
//! * **Dropping.** On `DROP_REQUEST` the holder releases (`locked = false`,
//!   notify one waiter on `gil_cond`) and then, *forced switching*, waits on
//!   `switch_cond` until another thread has actually taken the GIL. Without this
//!   step the releaser, already on-CPU, would usually re-take the GIL before the
//!   woken waiter is scheduled, and the request would achieve nothing.
//! * **Taking.** The taker sets `locked`, records itself as `last_holder`, bumps
//!   `switch_number`, clears `DROP_REQUEST` (it was addressed to the previous holder;
//!   remaining waiters will re-request after their own interval) and wakes any
//!   forced-switch releaser on `switch_cond`.
//! * **Blocking.** Around anything that may block (sleep, I/O, lock waits, join)
//!   the VM calls `ThreadGil::blocking`, which releases, runs the call, and
//!   re-acquires even if the call panics. The call is a fn pointer over data whose
//!   type is `Ungil` (`ungil.rs`), so it cannot be handed an interpreter object. No call that may wait on the OS or on
//!   another thread (sleep, read, write, lock, join) runs with the GIL held; only
//!   short internal mutexes (object cells, buffer bookkeeping) are taken while holding.
//!
//! Invariants: `locked` implies exactly one registered thread considers itself the
//! holder; `holder` (an atomic mirror of that thread's id, 0 when free) is checked
//! by assertion at every take and release. `DROP_REQUEST` is only ever set while
//! the GIL is `locked` and is cleared by the next take, so a holder that sees it
//! knows a waiter exists for its own tenure, which is what makes the forced-switch
//! wait terminate.
//!
//! # API shape
//!
//! * [`Gil`] — one per interpreter, shared as `Arc<Gil>`: the lock state, the eval
//!   breaker, the switch interval, and the registry where finished threads publish
//!   stats and traces. [`Gil::new`], [`Gil::with_options`], [`Gil::new_disabled`].
//! * [`ThreadGil`] — one per interpreter thread, from [`Gil::register_thread`] (which
//!   does not acquire). It owns the thread's counters and trace buffer, so bookkeeping
//!   is unshared. Methods: `acquire`, `handle_breaker`, `blocking`, `yield_now`,
//!   `release_for_exit`, `token`, `breaker_pending`.
//! * [`GilToken`] — a zero-sized, `!Send` proof (borrowed from `&ThreadGil`) that the
//!   GIL is held, in the spirit of PyO3's `Python<'py>`. Because releasing needs
//!   `&mut ThreadGil`, the borrow checker rejects releasing while a token is alive;
//!   functions that touch interpreter memory can demand one as a parameter.
//!
//! # Modes and policies
//!
//! [`Gil::new_disabled`] gives the free-threading hook: same API, but acquire and
//! release only do bookkeeping, the breaker never carries `DROP_REQUEST`, and
//! interrupts still work. [`SwitchPolicy`] names the scheduling policy, each one a
//! small file under `policy/`. The default, `cpython`, is the algorithm above. The
//! others *hand off*: waiters queue ([`policy::Waiter`]), a release reserves the GIL
//! for the waiter the policy picks (`handoff`, with `locked` left set so no one can
//! barge in), and each thread's *turn* is accounted in policy-clock nanoseconds: a
//! waiter asks for a drop when the holder's turn (one switch interval of holding,
//! across preemptions) is used up, or at once if the policy says it preempts.
//! [`SwitchPoints`] says where the eval loop may honour a drop request; the GIL only
//! stores it (the VM decides, `src/vm/switch_points.rs`).

mod policy;
pub mod race_log;
mod schedule;
mod stats;
mod sync;
mod trace;
mod ungil;

pub use policy::SwitchPolicy;
use policy::{HolderView, ReleaseKind, Waiter};
pub use schedule::{
    describe_points, Point, Rng as SeededRng, ScheduleSpec, Scheduler, Stop, Wake, WALL_EPOCH_NS,
};
pub use stats::{format_stats_table, table_row, table_rule, BlockedStat, ThreadStats};
pub use trace::{TaskEvent, TaskRecorder, ThreadTrace, TraceEvent};
pub(crate) use ungil::impl_ungil;
pub use ungil::Ungil;

/// Loom models only: how bounded waits behave (see `src/gil/sync.rs`).
#[cfg(loom)]
#[doc(hidden)]
pub use sync::loom_timed_waits_expire;

use crossbeam_utils::CachePadded;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::{Duration, Instant};
use sync::{AtomicU32, AtomicU64, Condvar, Mutex, Ordering};

/// The eval breaker's atomic type (loom's under `--cfg loom`), for the VM's pointer
/// to its thread's breaker (src/vm/refcount.rs).
pub type BreakerAtomic = AtomicU32;

/// Eval breaker bit: a waiter asks the holder to release the GIL.
pub const DROP_REQUEST: u32 = 1 << 0;
/// Eval breaker bit: an interrupt (Ctrl-C) awaits delivery as `KeyboardInterrupt`.
pub const PENDING_INTERRUPT: u32 = 1 << 1;
/// Eval breaker bit: the holder has queued work to do at the next instruction
/// boundary (finalizers, src/vm/refcount.rs). Set and cleared by the VM, never here;
/// the holder clears it before it releases the GIL.
pub const PENDING_CALLS: u32 = 1 << 3;
/// Eval breaker bit, set for the whole of a deterministic run (`--schedule`): every
/// instruction boundary goes to the slow path, where the schedule decides.
pub const SCHEDULE: u32 = 1 << 2;

/// Default switch interval, as in CPython (`sys.getswitchinterval() == 0.005`).
pub const DEFAULT_SWITCH_INTERVAL: Duration = Duration::from_millis(5);

/// Where a holding thread may honour a drop request (`gilvm run --switch-points`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SwitchPoints {
    /// Between any two instructions: `counter += 1` can lose updates.
    #[default]
    Every,
    /// Only where CPython 3.11's eval loop checks its eval breaker: function entry,
    /// resumption after `yield`, taken backward jumps, and after calls that do not
    /// enter a Python frame (docs/gil.md lists them from `Python/ceval.c`).
    Cpython,
}

impl SwitchPoints {
    pub const ALL: [SwitchPoints; 2] = [SwitchPoints::Every, SwitchPoints::Cpython];

    /// The name used on the command line and in `sys._gilvm_switch_points()`.
    pub fn name(self) -> &'static str {
        match self {
            SwitchPoints::Every => "every",
            SwitchPoints::Cpython => "cpython",
        }
    }

    pub fn from_name(s: &str) -> Option<SwitchPoints> {
        Self::ALL.into_iter().find(|p| p.name() == s)
    }
}

/// How a take was reached: a policy treats a thread coming back from a blocking call
/// as interactive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TakeKind {
    /// The thread's first acquire, or a re-take after a forced switch or a yield.
    Plain,
    /// The re-take at the end of `blocking`.
    AfterBlocking,
}

/// Where the eval loop last ran its slow path, for `--switch-points cpython`'s
/// decisions that depend on the previous boundary (`src/vm/switch_points.rs`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SwitchScan {
    /// The frame's address (identity only).
    pub frame: usize,
    pub pc: usize,
    /// This thread's acquisition count then: a different count means the GIL has
    /// changed hands since, so that visit belongs to an earlier drop request.
    pub epoch: u64,
    /// The instruction at `pc` is a call that CPython follows with a breaker check.
    pub checked_call_next: bool,
}

/// How to build a [`Gil`]. `GilOptions::default()` is the normal interpreter.
#[derive(Clone, Debug)]
pub struct GilOptions {
    pub switch_interval: Duration,
    pub policy: SwitchPolicy,
    pub switch_points: SwitchPoints,
    /// Record [`TraceEvent`]s per thread (for timelines).
    pub trace: bool,
    /// False = free-threaded mode: acquire/release do bookkeeping only.
    pub enabled: bool,
    /// A deterministic run (`--schedule`): the schedule decides every hand-over.
    pub schedule: Option<ScheduleSpec>,
}

impl Default for GilOptions {
    fn default() -> Self {
        Self {
            switch_interval: DEFAULT_SWITCH_INTERVAL,
            policy: SwitchPolicy::Cpython,
            switch_points: SwitchPoints::Every,
            trace: false,
            enabled: true,
            schedule: None,
        }
    }
}

/// Everything the waiters and the holder must agree on, behind one mutex that is
/// only held for a few instructions at a time.
struct State {
    locked: bool,
    /// Id of the last thread to take the GIL; a forced-switch releaser waits for this to change.
    last_holder: u64,
    /// Bumped on every take; lets a timed-out waiter tell "nobody switched" from "I lost a race".
    switch_number: u64,
    /// Threads inside the waiting loop. A forced-switch releaser only waits if this is
    /// non-zero, so it can never wait for a switch that no one will make.
    waiters: u32,
    // The rest is used only by the hand-off policies (`SwitchPolicy::hands_off`).
    /// Non-zero: the GIL is reserved for this thread (`locked` stays set until it takes it).
    handoff: u64,
    /// Threads waiting to be handed the GIL. Invariant: empty whenever `!locked`.
    queue: Vec<Waiter>,
    /// Last arrival number given out (back of the queue) and last preemption number
    /// (front of the queue, counting down from zero).
    next_seq: i64,
    front_seq: i64,
    /// When the holder's turn began on the policy clock, counting the part of the turn
    /// it had used before being preempted: the turn ends one interval after this.
    turn_start_ns: u64,
    holder_interactive: bool,
    holder_deadline_ns: u64,
}

impl State {
    /// The holder as the policies see it, at `now_ns`.
    fn holder_view(&self, now_ns: u64, interval_ns: u64) -> HolderView {
        let used_up = now_ns >= self.turn_start_ns.saturating_add(interval_ns);
        HolderView {
            interactive: self.holder_interactive,
            deadline_ns: if used_up {
                now_ns.saturating_add(interval_ns)
            } else {
                self.holder_deadline_ns
            },
        }
    }
}

/// Finished threads whose own row is kept (besides the main thread's); the rest are
/// summed into one row, so a program that starts threads for ever keeps a constant
/// amount of statistics and publishing stays O(1) (it was a linear search).
pub const KEPT_FINISHED_ROWS: usize = 256;

#[derive(Default)]
struct Registry {
    /// Running threads: the last published snapshot, by id.
    live: std::collections::BTreeMap<u64, ThreadStats>,
    /// The main thread's and the first `KEPT_FINISHED_ROWS` other finished threads' rows.
    finished: Vec<ThreadStats>,
    /// Every other finished thread, summed (`merged` counts them).
    others: Option<ThreadStats>,
    registered: u64,
    finished_count: u64,
    traces: Vec<ThreadTrace>,
}

impl Registry {
    fn thread_finished(&mut self, s: ThreadStats) {
        self.live.remove(&s.thread_id);
        self.finished_count += 1;
        let kept = self.finished.iter().filter(|r| r.thread_id != 1).count();
        if s.thread_id == 1 || kept < KEPT_FINISHED_ROWS {
            self.finished.push(s);
            return;
        }
        let o = self.others.get_or_insert_with(|| ThreadStats {
            finished: true,
            merged: 0,
            ..ThreadStats::default()
        });
        o.absorb(&s);
    }
}

/// The interpreter's GIL. Create one per interpreter and share it as `Arc<Gil>`.
pub struct Gil {
    /// Read by the holder between every two instructions; padded so that nothing
    /// else written often shares its cache line.
    breaker: CachePadded<AtomicU32>,
    interval_ns: AtomicU64,
    /// Debug mirror of the holder's id (0 = free), asserted at every take/release.
    holder: AtomicU64,
    /// Mirror of `State::handoff` (0 = none), read without the mutex by a waiter that
    /// spins for a hand-off it expects within microseconds.
    handoff_to: CachePadded<AtomicU64>,
    next_thread_id: AtomicU64,
    /// Numbers for asyncio loops and tasks in traces (`next_trace_id`).
    next_trace_id: AtomicU64,
    enabled: bool,
    trace: bool,
    policy: SwitchPolicy,
    switch_points: SwitchPoints,
    /// Deterministic runs only: who runs next is decided here, not by the lock.
    sched: Option<Scheduler>,
    epoch: Instant,
    state: Mutex<State>,
    /// Signalled when the GIL is released.
    gil_cond: Condvar,
    /// Signalled when the GIL is taken (ends a forced-switch wait).
    switch_cond: Condvar,
    registry: Mutex<Registry>,
}

impl std::fmt::Debug for Gil {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gil")
            .field("enabled", &self.enabled)
            .field("policy", &self.policy)
            .field("switch_points", &self.switch_points)
            .field("switch_interval", &self.switch_interval())
            .field("holder", &self.holder_id())
            .finish_non_exhaustive()
    }
}

fn duration_to_ns(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

impl Gil {
    /// A GIL with the default policy and the given switch interval (zero is raised to 1 ns).
    pub fn new(switch_interval: Duration) -> Arc<Gil> {
        Self::with_options(GilOptions {
            switch_interval,
            ..GilOptions::default()
        })
    }

    /// Free-threaded mode: the same API, but no lock is ever taken.
    pub fn new_disabled() -> Arc<Gil> {
        Self::with_options(GilOptions {
            enabled: false,
            ..GilOptions::default()
        })
    }

    pub fn with_options(opts: GilOptions) -> Arc<Gil> {
        let sched = opts.schedule.map(Scheduler::new);
        Arc::new(Gil {
            breaker: CachePadded::new(AtomicU32::new(if sched.is_some() { SCHEDULE } else { 0 })),
            interval_ns: AtomicU64::new(duration_to_ns(opts.switch_interval).max(1)),
            holder: AtomicU64::new(0),
            handoff_to: CachePadded::new(AtomicU64::new(0)),
            next_thread_id: AtomicU64::new(1),
            next_trace_id: AtomicU64::new(1),
            enabled: opts.enabled,
            trace: opts.trace,
            policy: opts.policy,
            switch_points: opts.switch_points,
            sched,
            epoch: Instant::now(),
            state: Mutex::new(State {
                locked: false,
                last_holder: 0,
                switch_number: 0,
                waiters: 0,
                handoff: 0,
                queue: Vec::new(),
                next_seq: 0,
                front_seq: 0,
                turn_start_ns: 0,
                holder_interactive: false,
                holder_deadline_ns: 0,
            }),
            gil_cond: Condvar::new(),
            switch_cond: Condvar::new(),
            registry: Mutex::new(Registry::default()),
        })
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    pub fn policy(&self) -> SwitchPolicy {
        self.policy
    }

    pub fn switch_points(&self) -> SwitchPoints {
        self.switch_points
    }

    /// The deterministic scheduler, in a `--schedule` run.
    pub fn scheduler(&self) -> Option<&Scheduler> {
        self.sched.as_ref()
    }

    /// Virtual nanoseconds since the start, in a `--schedule` run.
    pub fn virtual_now_ns(&self) -> Option<u64> {
        self.sched.as_ref().map(Scheduler::now_ns)
    }

    /// Threads waiting for the GIL right now (for tests that must know a thread has
    /// queued before they go on; not for scheduling decisions).
    pub fn waiting_threads(&self) -> usize {
        self.state.lock().waiters as usize
    }

    fn interval_ns(&self) -> u64 {
        self.interval_ns.load(Ordering::Relaxed)
    }

    fn policy_now_ns(&self) -> u64 {
        sync::policy_now_ns(self.epoch)
    }

    /// The instant that trace timestamps count from.
    pub fn epoch(&self) -> Instant {
        self.epoch
    }

    pub fn switch_interval(&self) -> Duration {
        Duration::from_nanos(self.interval_ns.load(Ordering::Relaxed))
    }

    /// `sys.setswitchinterval`. Takes effect at once: current waiters are woken so
    /// they restart their bounded wait with the new interval.
    pub fn set_switch_interval(&self, d: Duration) -> Result<(), &'static str> {
        if d.is_zero() {
            return Err("switch interval must be strictly positive");
        }
        self.interval_ns
            .store(duration_to_ns(d).max(1), Ordering::Relaxed);
        if self.enabled {
            // Taking the mutex orders the store before any waiter's next read of it.
            let st = self.state.lock();
            self.gil_cond.notify_all();
            for w in &st.queue {
                w.wake.notify_one();
            }
        }
        Ok(())
    }

    /// The eval breaker, for an eval loop that wants to cache `&AtomicU32`.
    /// Prefer [`Gil::breaker_pending`] / [`ThreadGil::breaker_pending`].
    pub fn eval_breaker(&self) -> &AtomicU32 {
        &self.breaker
    }

    /// The per-instruction check: one relaxed load. Relaxed suffices because the
    /// breaker only says "go look"; everything it points at is read under the mutex.
    #[inline(always)]
    pub fn breaker_pending(&self) -> bool {
        self.breaker.load(Ordering::Relaxed) != 0
    }

    /// A `KeyboardInterrupt` waits to be delivered: what a wait running without the
    /// GIL checks between its slices.
    pub fn interrupt_requested(&self) -> bool {
        self.breaker.load(Ordering::Relaxed) & PENDING_INTERRUPT != 0
    }

    /// Ask for a `KeyboardInterrupt` (e.g. from a Ctrl-C handler; async-signal-safe:
    /// one atomic RMW). Delivered to the main thread at its next breaker check.
    pub fn request_interrupt(&self) {
        self.breaker.fetch_or(PENDING_INTERRUPT, Ordering::Relaxed);
    }

    /// Id of the current holder, 0 if free. For assertions and debugging only.
    pub fn holder_id(&self) -> u64 {
        self.holder.load(Ordering::Relaxed)
    }

    /// Create this thread's handle. Does not acquire. The first registered thread
    /// is the main thread, the one that receives interrupts.
    pub fn register_thread(self: &Arc<Self>, name: String) -> ThreadGil {
        let id = self.next_thread_id.fetch_add(1, Ordering::Relaxed);
        let mut reg = self.registry.lock();
        reg.registered += 1;
        reg.live.insert(
            id,
            ThreadStats {
                thread_id: id,
                name: name.clone(),
                ..ThreadStats::default()
            },
        );
        drop(reg);
        if let Some(s) = &self.sched {
            s.add_thread(id, &name);
        }
        ThreadGil {
            gil: Arc::clone(self),
            id,
            name,
            held_since: None,
            stats: ThreadStats {
                thread_id: id,
                ..ThreadStats::default()
            },
            trace: self.trace.then(Vec::new),
            tasks: self.trace.then(TaskRecorder::default),
            finished: false,
            wake: Arc::new(Condvar::new()),
            taken_ns: 0,
            turn_used_ns: 0,
            deadline_ns: self.policy_now_ns().saturating_add(self.interval_ns()),
            preempted: false,
            queued: false,
            scan: SwitchScan::default(),
            sched_stop: None,
        }
    }

    /// Stats of all registered threads, by id: final figures for finished threads,
    /// the last published snapshot for running ones (`finished == false`), and last
    /// one row summing the finished threads beyond `KEPT_FINISHED_ROWS` (its
    /// `merged` says how many, its id is 0).
    pub fn stats_snapshot(&self) -> Vec<ThreadStats> {
        let reg = self.registry.lock();
        let mut rows: Vec<ThreadStats> = reg
            .finished
            .iter()
            .chain(reg.live.values())
            .cloned()
            .collect();
        rows.sort_by_key(|r| r.thread_id);
        rows.extend(reg.others.clone());
        rows
    }

    /// (threads registered, threads finished) so far.
    pub fn thread_counts(&self) -> (u64, u64) {
        let reg = self.registry.lock();
        (reg.registered, reg.finished_count)
    }

    /// Trace buffers of finished threads (empty unless created with `trace: true`).
    pub fn traces(&self) -> Vec<ThreadTrace> {
        let mut t = self.registry.lock().traces.clone();
        // In thread order, not the order the OS let the threads finish.
        t.sort_by_key(|t| t.thread_id);
        t
    }

    /// The clock of GIL statistics and traces: the real one, or in a deterministic
    /// run the virtual one (as that many nanoseconds past the epoch), so that
    /// `--gil-stats` and `--trace` of such a run are the same every time.
    pub fn now(&self) -> Instant {
        match &self.sched {
            Some(s) => self.epoch + Duration::from_nanos(s.now_ns()),
            None => Instant::now(),
        }
    }

    /// Whether this run records traces (asyncio asks before installing its hooks).
    pub fn tracing(&self) -> bool {
        self.trace
    }

    /// A new number for an asyncio loop or task in the traces, unique in the run.
    pub fn next_trace_id(&self) -> u64 {
        self.next_trace_id.fetch_add(1, Ordering::Relaxed)
    }

    /// Nanoseconds since the GIL was created: the clock of every trace event.
    pub fn now_ns(&self) -> u64 {
        self.ns_since_epoch(Instant::now())
    }

    fn ns_since_epoch(&self, t: Instant) -> u64 {
        duration_to_ns(t.saturating_duration_since(self.epoch))
    }
}

/// What `handle_breaker` found pending besides a drop request.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[must_use]
pub struct Pending {
    /// Raise `KeyboardInterrupt` in this (the main) thread now.
    pub interrupt: bool,
}

/// Zero-sized proof that the current thread holds the GIL, valid while the
/// `&ThreadGil` it came from is borrowed. `!Send`/`!Sync`: a proof for one thread.
///
/// Releasing needs `&mut ThreadGil`, so it cannot happen while a token is alive:
///
/// ```compile_fail
/// # use gilvm::gil::Gil; use std::time::Duration;
/// let gil = Gil::new(Duration::from_millis(5));
/// let mut tg = gil.register_thread("main".into());
/// tg.acquire();
/// let token = tg.token().unwrap();
/// tg.yield_now(); // error: `tg` is borrowed by `token`
/// drop(token);
/// ```
///
/// and a token cannot be sent to another thread:
///
/// ```compile_fail
/// # use gilvm::gil::Gil; use std::time::Duration;
/// fn assert_send<T: Send>(_: &T) {}
/// let gil = Gil::new(Duration::from_millis(5));
/// let mut tg = gil.register_thread("main".into());
/// tg.acquire();
/// assert_send(&tg.token().unwrap()); // error: GilToken is !Send
/// ```
#[derive(Clone, Copy, Debug)]
pub struct GilToken<'a> {
    _proof: PhantomData<(&'a ThreadGil, *const ())>,
}

/// One interpreter thread's side of the GIL: owns its counters and trace buffer.
///
/// Lifecycle: `register_thread` (may run on the spawning thread; the handle is
/// `Send`), move it to the new thread, `acquire`, run bytecode with breaker checks,
/// `release_for_exit`. Dropping a handle that still holds the GIL (e.g. while the
/// thread unwinds from a panic) releases it, so a crashed thread cannot wedge the
/// interpreter. Never move a handle to another thread while it holds the GIL.
pub struct ThreadGil {
    gil: Arc<Gil>,
    id: u64,
    name: String,
    /// `Some(when taken)` exactly while this thread holds the GIL.
    held_since: Option<Instant>,
    stats: ThreadStats,
    trace: Option<Vec<TraceEvent>>,
    /// asyncio's task events (when tracing), published with `trace`.
    tasks: Option<TaskRecorder>,
    finished: bool,
    // Hand-off policies only (policy clock, nanoseconds):
    /// Where a releaser signals that it has handed this thread the GIL.
    wake: Arc<Condvar>,
    /// When the current tenure began.
    taken_ns: u64,
    /// Holding time of the current turn so far (tenures before this one).
    turn_used_ns: u64,
    /// BFS virtual deadline.
    deadline_ns: u64,
    /// The last forced release came before the turn was used up: re-queue in front.
    preempted: bool,
    /// The last forced release queued this thread (in front if `preempted`, else at
    /// the back), so its next `take` must not queue it again.
    queued: bool,
    /// `--switch-points cpython` bookkeeping of the eval loop (see [`SwitchScan`]).
    scan: SwitchScan,
    /// A deterministic run that could not go on when this thread exited (deadlock).
    sched_stop: Option<Stop>,
}

impl std::fmt::Debug for ThreadGil {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ThreadGil")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("held", &self.is_held())
            .finish_non_exhaustive()
    }
}

impl ThreadGil {
    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn gil(&self) -> &Arc<Gil> {
        &self.gil
    }

    /// The thread that receives `KeyboardInterrupt`: the first one registered.
    pub fn is_main(&self) -> bool {
        self.id == 1
    }

    pub fn is_held(&self) -> bool {
        self.held_since.is_some()
    }

    /// A proof of holding the GIL, if this thread holds it.
    pub fn token(&self) -> Option<GilToken<'_>> {
        self.is_held().then_some(GilToken {
            _proof: PhantomData,
        })
    }

    /// The per-instruction check. See [`Gil::breaker_pending`].
    #[inline(always)]
    pub fn breaker_pending(&self) -> bool {
        self.gil.breaker_pending()
    }

    pub fn switch_points(&self) -> SwitchPoints {
        self.gil.switch_points
    }

    /// Whether the breaker asks this thread for something now: a drop request, or
    /// (main thread only) an interrupt. Other threads see a pending interrupt too but
    /// cannot consume it.
    pub fn breaker_wants_me(&self) -> bool {
        let bits = self.gil.breaker.load(Ordering::Relaxed);
        bits & (DROP_REQUEST | SCHEDULE) != 0 || (self.is_main() && bits & PENDING_INTERRUPT != 0)
    }

    /// Successful takes so far: changes whenever this thread has let the GIL go.
    pub fn acquisitions(&self) -> u64 {
        self.stats.acquisitions
    }

    /// The eval loop's last slow-path visit (`--switch-points cpython`).
    pub fn switch_scan(&self) -> SwitchScan {
        self.scan
    }

    pub fn set_switch_scan(&mut self, scan: SwitchScan) {
        self.scan = scan;
    }

    /// Block until this thread holds the GIL.
    pub fn acquire(&mut self) {
        assert!(
            !self.is_held(),
            "{}: acquire while already holding the GIL",
            self.name
        );
        assert!(
            !self.finished,
            "{}: acquire after release_for_exit",
            self.name
        );
        if let Some(s) = &self.gil.sched {
            // Only the time read while holding the turn is the same in every run: a
            // new thread's first wait is not counted.
            s.wait_turn(self.id);
            let start = self.gil.now();
            self.stats.acquisitions += 1;
            self.held_since = Some(start);
            return;
        }
        self.take(Instant::now(), true, TakeKind::Plain);
    }

    /// A deterministic run's countdown step, for the top of the eval loop's slow path:
    /// true when the breaker holds nothing but [`SCHEDULE`] (no finalizers, interrupt
    /// or drop request), every boundary is a switch point, no race log is kept, and
    /// the schedule is known to let this step pass; the step is then taken, without
    /// the scheduler's lock ([`Scheduler::fast_step`]). False: go the whole way.
    /// `shared`: whether the step is a shared access (pct's steps), asked only when
    /// the schedule's budget depends on it.
    #[inline]
    pub fn countdown_step(&self, shared: impl FnOnce() -> bool) -> bool {
        let Some(s) = &self.gil.sched else {
            return false;
        };
        self.gil.breaker.load(Ordering::Relaxed) == SCHEDULE
            && self.gil.switch_points == SwitchPoints::Every
            && !s.race_logging()
            && s.fast_step(true, shared)
    }

    /// Whether the schedule asks which steps are shared accesses (pct).
    #[inline]
    pub fn counts_shared(&self) -> bool {
        self.gil.sched.as_ref().is_some_and(|s| s.counts_shared())
    }

    /// A deterministic run (`--schedule`): one instruction is about to run; the
    /// schedule may hand the GIL to another thread first (only if `may_switch`, the
    /// `--switch-points` rule), and this returns once it is this thread's turn again.
    pub fn schedule_step(&mut self, may_switch: bool, shared: bool) -> Result<(), Stop> {
        let Some(s) = &self.gil.sched else {
            return Ok(());
        };
        // The countdown: a step the schedule is known to let pass costs no lock.
        if s.fast_step(may_switch, || shared) {
            return Ok(());
        }
        let before = self.gil.now();
        if s.step(self.id, may_switch, shared)? {
            let after = self.gil.now();
            self.stats.forced_switches += 1;
            self.stats.acquisitions += 1;
            self.sched_run_span(before);
            if let Some(buf) = &mut self.trace {
                buf.push(TraceEvent::ForcedSwitch {
                    at_ns: self.gil.ns_since_epoch(before),
                });
            }
            self.sched_wait_span(before, after);
            self.held_since = Some(after);
        }
        Ok(())
    }

    /// A deterministic run: the holding span that ends at `end` (virtual clock).
    fn sched_run_span(&mut self, end: Instant) {
        if let Some(since) = self.held_since.take() {
            self.stats.held += end.saturating_duration_since(since);
            if let Some(buf) = &mut self.trace {
                buf.push(TraceEvent::Running {
                    start_ns: self.gil.ns_since_epoch(since),
                    end_ns: self.gil.ns_since_epoch(end),
                });
            }
        }
    }

    /// A deterministic run: waited for the schedule from `start` to `end`.
    fn sched_wait_span(&mut self, start: Instant, end: Instant) {
        if end > start {
            self.stats.waiting += end - start;
            if let Some(buf) = &mut self.trace {
                buf.push(TraceEvent::Waiting {
                    start_ns: self.gil.ns_since_epoch(start),
                    end_ns: self.gil.ns_since_epoch(end),
                });
            }
        }
    }

    /// A deterministic run: this thread's wait cannot succeed now (`retry`: it may
    /// once another thread has run; `deadline`: virtual ns). Other threads run until
    /// the schedule picks this one again.
    pub fn schedule_block(
        &mut self,
        reason: &'static str,
        retry: bool,
        deadline_ns: Option<u64>,
    ) -> Result<Wake, Stop> {
        let gil = Arc::clone(&self.gil);
        let Some(s) = &gil.sched else {
            return Ok(Wake::Retry);
        };
        self.stats.voluntary_releases += 1;
        let before = self.gil.now();
        self.sched_run_span(before);
        let w = s.block(self.id, reason, retry, deadline_ns);
        let after = self.gil.now();
        self.stats
            .add_blocked(reason, after.saturating_duration_since(before));
        if let Some(buf) = &mut self.trace {
            buf.push(TraceEvent::Blocked {
                reason,
                start_ns: self.gil.ns_since_epoch(before),
                end_ns: self.gil.ns_since_epoch(after),
            });
        }
        self.held_since = Some(after);
        let w = w?;
        self.stats.acquisitions += 1;
        Ok(w)
    }

    /// Called by the eval loop when the breaker is non-zero. Honours a drop request
    /// (forced switch: release, wait until another thread has run, re-acquire) and
    /// reports the other pending conditions, consuming those it reports.
    pub fn handle_breaker(&mut self) -> Pending {
        let bits = self.gil.breaker.load(Ordering::Relaxed);
        if bits & DROP_REQUEST != 0 && self.is_held() {
            let released_at = self.release(ReleaseKind::Forced);
            self.take(released_at, false, TakeKind::Plain);
        }
        let mut pending = Pending::default();
        // Only the main thread consumes interrupts, as in CPython; others carry on
        // (paying the slow path) until the main thread next checks.
        if self.is_main() && self.gil.breaker.load(Ordering::Relaxed) & PENDING_INTERRUPT != 0 {
            let prev = self
                .gil
                .breaker
                .fetch_and(!PENDING_INTERRUPT, Ordering::Relaxed);
            pending.interrupt = prev & PENDING_INTERRUPT != 0;
        }
        pending
    }

    /// Run `f` with the GIL released, then re-acquire, also when `f` panics (the
    /// panic resumes after re-acquiring, so interpreter code above still holds the
    /// GIL while it unwinds). `reason` is a static name such as `"time.sleep"`,
    /// `"Lock.acquire"`, `"file.read"`, `"Thread.join"`, `"queue.get"`, `"input"`.
    ///
    /// `f` is a plain fn pointer (a closure that captures nothing coerces to one) and
    /// everything it works on comes in as `data`, so the `Ungil` bounds prove that it
    /// is handed no interpreter object, and that it hands none back (see [`Ungil`]).
    pub fn blocking<D: Ungil, R: Ungil>(
        &mut self,
        reason: &'static str,
        data: D,
        f: fn(D) -> R,
    ) -> R {
        if let Some(s) = &self.gil.sched {
            // A deterministic run keeps the GIL around real I/O: no other thread may
            // run meanwhile, so the order stays the schedule's; the call is noted in
            // the schedule as an external event. Waits for other threads never get
            // here (`Vm::scheduled_wait`).
            s.external(self.id, reason);
            return f(data);
        }
        /// Re-acquires on drop, so unwinding out of `f` still restores the GIL.
        struct Reacquire<'a> {
            tg: &'a mut ThreadGil,
            reason: &'static str,
            released_at: Instant,
        }
        impl Drop for Reacquire<'_> {
            fn drop(&mut self) {
                let now = Instant::now();
                self.tg
                    .stats
                    .add_blocked(self.reason, now.saturating_duration_since(self.released_at));
                if let Some(buf) = &mut self.tg.trace {
                    buf.push(TraceEvent::Blocked {
                        reason: self.reason,
                        start_ns: self.tg.gil.ns_since_epoch(self.released_at),
                        end_ns: self.tg.gil.ns_since_epoch(now),
                    });
                }
                self.tg.take(now, true, TakeKind::AfterBlocking);
            }
        }
        let released_at = self.release(ReleaseKind::Blocking(reason));
        let _reacquire = Reacquire {
            tg: self,
            reason,
            released_at,
        };
        f(data)
    }

    /// Voluntary release and re-acquire (`time.sleep(0)`). If another thread is
    /// waiting, it gets the GIL before this thread continues. If none is counted as
    /// waiting, the OS scheduler still gets a chance: a thread that is runnable but
    /// not yet back in the waiting loop (e.g. just woken from its own forced-switch
    /// wait) would otherwise lose every race against a yield loop.
    pub fn yield_now(&mut self) {
        if let Some(s) = &self.gil.sched {
            // Only a replay that diverges can fail here; the next step reports it.
            let _ = s.yield_now(self.id);
            return;
        }
        let released_at = self.release(ReleaseKind::Yield);
        std::thread::yield_now();
        self.take(released_at, false, TakeKind::Plain);
    }

    /// The thread is finishing: release the GIL (if held) and publish stats and trace.
    /// Idempotent; also done by `Drop`.
    pub fn release_for_exit(&mut self) {
        if self.finished {
            return;
        }
        let gil = Arc::clone(&self.gil);
        if let Some(s) = &gil.sched {
            let now = gil.now();
            self.sched_run_span(now);
            self.sched_stop = s.exit(self.id, self.is_main()).err();
        } else if self.is_held() {
            self.release(ReleaseKind::Exit);
        }
        self.finished = true;
        let s = self.stats();
        self.gil.registry.lock().thread_finished(s);
        if let Some(events) = self.trace.take() {
            let tasks = self.tasks.take().map(|r| r.events).unwrap_or_default();
            self.gil.registry.lock().traces.push(ThreadTrace {
                thread_id: self.id,
                name: self.name.clone(),
                events,
                tasks,
            });
        }
    }

    /// This thread's asyncio task events, when tracing.
    pub fn task_recorder(&mut self) -> Option<&mut TaskRecorder> {
        self.tasks.as_mut()
    }

    /// Why a deterministic run could not go on when this thread finished, if it could not.
    pub fn take_schedule_stop(&mut self) -> Option<Stop> {
        self.sched_stop.take()
    }

    /// `sys.setswitchinterval` called by this thread: [`Gil::set_switch_interval`],
    /// recorded in this thread's trace so timelines show when the interval changed.
    pub fn set_switch_interval(&mut self, d: Duration) -> Result<(), &'static str> {
        self.gil.set_switch_interval(d)?;
        if let Some(buf) = &mut self.trace {
            buf.push(TraceEvent::SwitchInterval {
                at_ns: self.gil.ns_since_epoch(self.gil.now()),
                interval_ns: self.gil.interval_ns.load(Ordering::Relaxed),
            });
        }
        Ok(())
    }

    /// A cycle collection this thread ran (holding the GIL) from `start` to `end`:
    /// counted in the stats and drawn as a `gc` span on the timeline.
    /// Adds waits for object locks (`--gil off`; the VM counts them, cell.rs).
    pub fn record_cell_waits(&mut self, waits: u64, time: Duration) {
        self.stats.cell_waits += waits;
        self.stats.cell_wait_time += time;
    }

    pub fn record_gc(&mut self, generation: u8, start: Instant, end: Instant) {
        // A deterministic run's clock counts instructions: a collection takes no
        // virtual time (the real one would make --trace differ from run to run).
        let (start, end) = match self.gil.sched {
            Some(_) => {
                let now = self.gil.now();
                (now, now)
            }
            None => (start, end),
        };
        self.stats.gc_collections += 1;
        self.stats.gc_time += end.saturating_duration_since(start);
        if let Some(buf) = &mut self.trace {
            buf.push(TraceEvent::Collect {
                generation,
                start_ns: self.gil.ns_since_epoch(start),
                end_ns: self.gil.ns_since_epoch(end),
            });
        }
    }

    /// This thread's counters so far. Off the hot path (clones).
    pub fn stats(&self) -> ThreadStats {
        let mut s = self.stats.clone();
        s.name = self.name.clone();
        s.finished = self.finished;
        if let Some(since) = self.held_since {
            s.held += self.gil.now().saturating_duration_since(since);
        }
        // The calling thread's clock: `stats` runs on the thread that owns `self`.
        if self.gil.sched.is_none() {
            s.cpu = thread_cpu_time();
        }
        s
    }

    /// Copy this running thread's counters into the registry so `Gil::stats_snapshot`
    /// sees them (a finished thread's are published by `release_for_exit`).
    pub fn publish_stats(&self) {
        if self.finished {
            return;
        }
        let s = self.stats();
        self.gil.registry.lock().live.insert(self.id, s);
    }

    /// Take the GIL; time since `wait_start` counts as waiting. Every acquisition,
    /// first or re-, comes through here. `start_is_now`: the caller read the clock
    /// just before calling, so an uncontended take may reuse that reading; false
    /// after a forced switch or yield, where `wait_start` is the release and the
    /// gap (waiting for the switch, other threads running) must count as waiting.
    fn take(&mut self, wait_start: Instant, start_is_now: bool, kind: TakeKind) {
        let mut contended = false;
        if self.gil.enabled {
            let gil: &Gil = &self.gil;
            let hands_off = gil.policy.hands_off();
            let mut st = gil.state.lock();
            if st.locked {
                contended = true;
                st.waiters += 1;
                if hands_off {
                    // A forced releaser is in the queue already (see `release`).
                    let me = (!self.queued).then(|| {
                        st.next_seq += 1;
                        Waiter {
                            id: self.id,
                            seq: st.next_seq,
                            interactive: kind == TakeKind::AfterBlocking,
                            deadline_ns: self.deadline_ns,
                            wake: Arc::clone(&self.wake),
                        }
                    });
                    wait_for_handoff(
                        gil,
                        &mut st,
                        self.id,
                        &self.wake,
                        me,
                        self.preempted,
                        &mut self.stats,
                        &mut self.trace,
                    );
                } else {
                    while st.locked {
                        let saved = st.switch_number;
                        let timed_out = gil.gil_cond.wait_for(&mut st, gil.switch_interval());
                        let switched = st.switch_number != saved;
                        if st.locked && gil.policy.should_request_drop(timed_out, switched) {
                            request_drop(gil, &mut self.stats, &mut self.trace);
                        }
                    }
                }
                st.waiters -= 1;
            }
            self.preempted = false;
            self.queued = false;
            st.locked = true;
            st.last_holder = self.id;
            st.switch_number = st.switch_number.wrapping_add(1);
            let prev = gil.holder.swap(self.id, Ordering::Relaxed);
            assert_eq!(prev, 0, "GIL taken by #{} while held by #{prev}", self.id);
            if hands_off {
                let now_ns = gil.policy_now_ns();
                self.taken_ns = now_ns;
                st.turn_start_ns = now_ns.saturating_sub(self.turn_used_ns);
                st.holder_interactive = kind == TakeKind::AfterBlocking;
                st.holder_deadline_ns = self.deadline_ns;
                // A request made for the previous holder is void; one that this
                // holder already deserves (a preempting waiter queued while the GIL
                // was reserved for us) must stand.
                let me = st.holder_view(now_ns, gil.interval_ns());
                if st.queue.iter().any(|w| gil.policy.preempts(w, &me)) {
                    gil.breaker.fetch_or(DROP_REQUEST, Ordering::Relaxed);
                } else if gil.breaker.load(Ordering::Relaxed) & DROP_REQUEST != 0 {
                    gil.breaker.fetch_and(!DROP_REQUEST, Ordering::Relaxed);
                }
            } else if gil.breaker.load(Ordering::Relaxed) & DROP_REQUEST != 0 {
                // The request was addressed to the previous holder. Load first: the
                // uncontended path should not pay for a read-modify-write.
                gil.breaker.fetch_and(!DROP_REQUEST, Ordering::Relaxed);
            }
            if contended && !hands_off {
                // A releaser may be in its forced-switch wait for exactly this.
                gil.switch_cond.notify_all();
            }
        }
        // Uncontended with a fresh `wait_start`, the mutex round-trip is tens of ns:
        // count it as no wait and save a clock read (they dominate that path). When
        // tracing, read the clock after taking the lock anyway: `wait_start` may predate
        // the previous holder's release, and a running span must never overlap another.
        let waited = contended || !start_is_now || self.trace.is_some();
        let now = if waited { Instant::now() } else { wait_start };
        self.stats.acquisitions += 1;
        self.stats.waiting += now.saturating_duration_since(wait_start);
        if waited {
            if let Some(buf) = &mut self.trace {
                buf.push(TraceEvent::Waiting {
                    start_ns: self.gil.ns_since_epoch(wait_start),
                    end_ns: self.gil.ns_since_epoch(now),
                });
            }
        }
        self.held_since = Some(now);
    }

    /// THE release: every way of giving up the GIL ends here. Returns when it was released.
    fn release(&mut self, why: ReleaseKind) -> Instant {
        let held_since = match self.held_since.take() {
            Some(t) => t,
            None => panic!("{}: release ({why:?}) without holding the GIL", self.name),
        };
        let now = Instant::now();
        self.stats.held += now.saturating_duration_since(held_since);
        match why {
            ReleaseKind::Forced => self.stats.forced_switches += 1,
            ReleaseKind::Blocking(_) | ReleaseKind::Yield => self.stats.voluntary_releases += 1,
            ReleaseKind::Exit => {}
        }
        if let Some(buf) = &mut self.trace {
            let (start_ns, end_ns) = (
                self.gil.ns_since_epoch(held_since),
                self.gil.ns_since_epoch(now),
            );
            buf.push(TraceEvent::Running { start_ns, end_ns });
            if why == ReleaseKind::Forced {
                buf.push(TraceEvent::ForcedSwitch { at_ns: end_ns });
            }
        }
        if self.gil.enabled {
            let gil: &Gil = &self.gil;
            let mut st = gil.state.lock();
            let prev = gil.holder.swap(0, Ordering::Relaxed);
            assert_eq!(
                prev, self.id,
                "GIL released by #{} while held by #{prev}",
                self.id
            );
            debug_assert!(st.locked && st.last_holder == self.id && st.handoff == 0);
            if gil.policy.hands_off() {
                // Account the turn, then reserve the GIL for the policy's pick.
                let now_ns = gil.policy_now_ns();
                let interval = gil.interval_ns();
                self.turn_used_ns += now_ns.saturating_sub(self.taken_ns);
                let used_up = self.turn_used_ns >= interval;
                if used_up {
                    self.turn_used_ns = 0;
                    self.deadline_ns = now_ns.saturating_add(interval);
                } else if matches!(why, ReleaseKind::Blocking(_) | ReleaseKind::Yield)
                    && gil.policy.blocking_ends_turn()
                {
                    self.turn_used_ns = 0;
                }
                if st.queue.is_empty() {
                    st.locked = false;
                    self.preempted = false;
                    self.queued = false;
                } else {
                    let pick = gil.policy.pick(&st.queue);
                    let next = st.queue.swap_remove(pick);
                    st.handoff = next.id;
                    gil.handoff_to.store(next.id, Ordering::Release);
                    next.wake.notify_one();
                    // A forced releaser takes its place in the queue now, under this
                    // lock: in front if it was cut short before its turn was used up
                    // (it resumes that turn), else at the back. Queued later, in
                    // `take`, its place would depend on when the OS runs it again: a
                    // thread that released after it but ran first would overtake it
                    // (grant order 1 2 3 2 1 3 instead of the rotation).
                    self.preempted = why == ReleaseKind::Forced && !used_up;
                    self.queued = why == ReleaseKind::Forced;
                    if self.queued {
                        let seq = if self.preempted {
                            st.front_seq -= 1;
                            st.front_seq
                        } else {
                            st.next_seq += 1;
                            st.next_seq
                        };
                        let me = Waiter {
                            id: self.id,
                            seq,
                            interactive: false,
                            deadline_ns: self.deadline_ns,
                            wake: Arc::clone(&self.wake),
                        };
                        st.queue.push(me);
                    }
                }
            } else {
                st.locked = false;
                gil.gil_cond.notify_one();
                if gil.policy.wait_for_switch(why) {
                    // Checking `waiters` under the mutex guarantees someone will take the
                    // GIL and bump `last_holder`, so this wait ends.
                    while st.waiters > 0 && st.last_holder == self.id {
                        gil.switch_cond.wait(&mut st);
                    }
                }
            }
        }
        now
    }
}

/// Spins until the GIL is handed to `id` or `sync::SPIN` has passed (a couple of
/// turns under loom). The caller re-checks under the mutex either way.
fn spin_for_handoff(gil: &Gil, id: u64) {
    let start = Instant::now();
    let mut turns: u32 = 0;
    while gil.handoff_to.load(Ordering::Acquire) != id {
        sync::spin_loop();
        turns += 1;
        // Reading the clock costs more than a turn: look every 64.
        if (cfg!(loom) && turns >= 2) || (turns % 64 == 0 && start.elapsed() >= sync::SPIN) {
            return;
        }
    }
}

/// A waiter asks the holder to drop the GIL (bookkeeping included).
fn request_drop(gil: &Gil, stats: &mut ThreadStats, trace: &mut Option<Vec<TraceEvent>>) {
    gil.breaker.fetch_or(DROP_REQUEST, Ordering::Relaxed);
    stats.drop_requests += 1;
    if let Some(buf) = trace {
        buf.push(TraceEvent::DropRequest {
            at_ns: gil.ns_since_epoch(Instant::now()),
        });
    }
}

/// The hand-off policies' waiting loop: queue `me` (None: the thread is queued
/// already), then wait until a releaser has reserved the GIL for thread `id`.
/// Meanwhile ask the holder to drop once its turn is used up, or at once if the
/// policy lets `me` preempt it. Called with the GIL `locked`; returns with the
/// reservation consumed (the caller takes the GIL).
fn wait_for_handoff(
    gil: &Gil,
    st: &mut sync::MutexGuard<'_, State>,
    id: u64,
    wake: &Condvar,
    me: Option<Waiter>,
    preempted: bool,
    stats: &mut ThreadStats,
    trace: &mut Option<Vec<TraceEvent>>,
) {
    let mut preempt = false;
    if let Some(me) = me {
        // While the GIL is reserved its next holder is not running yet: nothing to
        // preempt.
        let now_ns = gil.policy_now_ns();
        let holder = st.holder_view(now_ns, gil.interval_ns());
        preempt = st.handoff == 0 && gil.policy.preempts(&me, &holder);
        st.queue.push(me);
    }
    // A preempting thread gets the GIL as soon as the holder reaches a switch point,
    // and a preempted one gets it back when the (interactive) preemptor blocks again:
    // both expect it within microseconds, less than it takes to wake a sleeping
    // thread, so they spin a little first. The others expect to wait a whole turn.
    let mut spin = preempt || preempted;
    if preempt {
        request_drop(gil, stats, trace);
    }
    loop {
        if st.handoff == id {
            st.handoff = 0;
            gil.handoff_to.store(0, Ordering::Relaxed);
            return;
        }
        if std::mem::take(&mut spin) {
            sync::unlocked(st, || spin_for_handoff(gil, id));
            continue;
        }
        let interval = gil.interval_ns();
        let now_ns = gil.policy_now_ns();
        let turn_end = st.turn_start_ns.saturating_add(interval);
        let wait_ns = if st.handoff != 0 {
            // Reserved for another thread, whose turn has not begun.
            interval
        } else if now_ns >= turn_end {
            if gil.breaker.load(Ordering::Relaxed) & DROP_REQUEST == 0 {
                request_drop(gil, stats, trace);
            }
            interval
        } else {
            turn_end - now_ns
        };
        wake.wait_for(st, Duration::from_nanos(wait_ns.max(1)));
    }
}

impl Drop for ThreadGil {
    fn drop(&mut self) {
        self.release_for_exit();
    }
}

/// CPU time (user + system) of the calling thread; zero where the clock is missing.
fn thread_cpu_time() -> Duration {
    #[cfg(unix)]
    {
        use nix::time::{clock_gettime, ClockId};
        if let Ok(ts) = clock_gettime(ClockId::CLOCK_THREAD_CPUTIME_ID) {
            return Duration::new(ts.tv_sec() as u64, ts.tv_nsec() as u32);
        }
    }
    Duration::ZERO
}

#[cfg(all(test, not(loom)))]
mod tests;
