//! Deterministic schedules (`gilvm run --schedule SPEC`): the VM, not the OS, decides
//! which thread holds the GIL after each instruction, and time is virtual. The design
//! and its invariants: docs/gil.md, "Deterministic schedules".

use parking_lot::{Condvar, Mutex};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

use super::race_log::{Access, AccessDesc, RaceEvent, RaceLog, Recent, RECENT};

/// A countdown budget's "no limit": a count this large is never spent.
const FAR: u64 = 1 << 40;

/// PCT's default estimate of k, the shared accesses of a run (`pct:SEED:DEPTH`).
pub const PCT_STEPS: u64 = 1000;

/// Virtual time added per executed instruction, so a loop that polls the clock ends.
pub const TICK_NS: u64 = 10;

/// `time.time()` at the start of a deterministic run: 2026-01-01 00:00:00 UTC.
pub const WALL_EPOCH_NS: u64 = 1_767_225_600_000_000_000;

/// What `--schedule` asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleSpec {
    /// `rr:N`: switch to the next thread in id order every N instructions.
    RoundRobin { every: u64 },
    /// `random:SEED[:ONE_IN]`: after each instruction, switch with probability
    /// 1/ONE_IN to a thread drawn uniformly.
    Random { seed: u64, one_in: u64 },
    /// `pct:SEED[:DEPTH[:STEPS]]`: PCT (Burckhardt et al., ASPLOS 2010) whose steps
    /// are the shared accesses of the program's own code where another thread could
    /// run (STEPS: the estimate of their number, k); it decides only there.
    Pct { seed: u64, depth: u32, steps: u64 },
    /// `preempt:T.N>U,...`: run each thread until it blocks or ends (then the next
    /// in id order), except where listed: `T.N>U` switches from thread T to U before
    /// T's Nth instruction, `T.N~U` hands to U when T waits or ends after N
    /// instructions. Keyed by each thread's own count, so dropping one entry leaves
    /// the others where they were (`gilvm race` shrinks schedules this way). A new
    /// thread's first instruction hands back to the thread that started it, as
    /// CPython's start() returns once the thread runs. `switches:LIST` (strict): only
    /// the listed switches, no such rule (a recorded run converted to points).
    Preempt { points: Vec<Point>, strict: bool },
    /// `replay:FILE`: the decisions of a recorded run.
    Replay {
        file: String,
        /// The recorded run's SPEC.
        of: String,
        /// (step, thread, whether the holder was waiting or exiting then).
        decisions: Vec<(u64, u64, bool)>,
        /// The recorded run's real I/O: (step, thread, what), checked in order.
        external: Vec<External>,
    },
}

impl ScheduleSpec {
    /// Parses a SPEC; `read` loads a replay file (injected so tests need no files).
    pub fn parse(s: &str, read: impl Fn(&str) -> Result<String, String>) -> Result<Self, String> {
        let (kind, rest) = s.split_once(':').unwrap_or((s, ""));
        let parts: Vec<&str> = if rest.is_empty() {
            vec![]
        } else {
            rest.split(':').collect()
        };
        let num = |i: usize, what: &str| -> Result<Option<u64>, String> {
            match parts.get(i) {
                None => Ok(None),
                Some(p) => p
                    .parse::<u64>()
                    .map(Some)
                    .map_err(|_| format!("bad {what} '{p}' in schedule '{s}'")),
            }
        };
        let spec = match kind {
            "rr" => {
                let every = num(0, "instruction count")?.unwrap_or(1);
                if every == 0 || parts.len() > 1 {
                    return Err(format!("schedule '{s}': expected rr:N with N >= 1"));
                }
                ScheduleSpec::RoundRobin { every }
            }
            "random" => {
                let seed = num(0, "seed")?
                    .ok_or_else(|| format!("schedule '{s}': expected random:SEED[:ONE_IN]"))?;
                let one_in = num(1, "switch odds")?.unwrap_or(64);
                if one_in == 0 || parts.len() > 2 {
                    return Err(format!(
                        "schedule '{s}': expected random:SEED[:ONE_IN] with ONE_IN >= 1"
                    ));
                }
                ScheduleSpec::Random { seed, one_in }
            }
            "pct" => {
                let seed = num(0, "seed")?
                    .ok_or_else(|| format!("schedule '{s}': expected pct:SEED[:DEPTH[:STEPS]]"))?;
                let depth = num(1, "depth")?.unwrap_or(3);
                let steps = num(2, "step estimate")?.unwrap_or(PCT_STEPS);
                if depth == 0 || depth > 1000 || steps == 0 || parts.len() > 3 {
                    return Err(format!(
                        "schedule '{s}': expected pct:SEED[:DEPTH[:STEPS]] with 1 <= DEPTH <= 1000, STEPS >= 1"
                    ));
                }
                ScheduleSpec::Pct {
                    seed,
                    depth: depth as u32,
                    steps,
                }
            }
            "preempt" | "switches" => ScheduleSpec::Preempt {
                points: parse_points(rest, s)?,
                strict: kind == "switches",
            },
            "replay" if !rest.is_empty() => {
                let text = read(rest)?;
                let (of, decisions, external) =
                    parse_schedule_file(&text).map_err(|e| format!("schedule file {rest}: {e}"))?;
                ScheduleSpec::Replay {
                    file: rest.to_string(),
                    of,
                    decisions,
                    external,
                }
            }
            _ => {
                return Err(format!(
                "bad schedule '{s}': expected random:SEED, pct:SEED[:DEPTH], rr:N, preempt:LIST or replay:FILE"
            ))
            }
        };
        Ok(spec)
    }

    /// The SPEC as written back (canonical form, all parts spelled out).
    pub fn describe(&self) -> String {
        match self {
            ScheduleSpec::RoundRobin { every } => format!("rr:{every}"),
            ScheduleSpec::Random { seed, one_in } => format!("random:{seed}:{one_in}"),
            ScheduleSpec::Pct { seed, depth, steps } => format!("pct:{seed}:{depth}:{steps}"),
            ScheduleSpec::Preempt { points, strict } => describe_points(points, *strict),
            ScheduleSpec::Replay { file, .. } => format!("replay:{file}"),
        }
    }
}

/// One recorded switch: (step, new holder, whether the old one waited or ended).
type Decision = (u64, u64, bool);

/// One entry of a `preempt:` schedule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Point {
    pub thread: u64,
    /// The thread's own instruction count at the switch.
    pub own: u64,
    pub to: u64,
    /// A choice where `thread` waits or ends (not a preemption).
    pub at_wait: bool,
}

/// `T.N>U,T.N~U,...` (empty: no preemption at all).
fn parse_points(list: &str, s: &str) -> Result<Vec<Point>, String> {
    let mut out = Vec::new();
    for item in list.split(',').filter(|i| !i.is_empty()) {
        let bad = || format!("bad entry '{item}' in schedule '{s}': expected T.N>U or T.N~U");
        let (at_wait, (a, b)) = match (item.split_once('>'), item.split_once('~')) {
            (Some(p), None) => (false, p),
            (None, Some(p)) => (true, p),
            _ => return Err(bad()),
        };
        let (t, n) = a.split_once('.').ok_or_else(bad)?;
        let (Ok(thread), Ok(own), Ok(to)) = (t.parse(), n.parse(), b.parse()) else {
            return Err(bad());
        };
        out.push(Point {
            thread,
            own,
            to,
            at_wait,
        });
    }
    Ok(out)
}

/// The `preempt:` (or strict `switches:`) SPEC of `points`.
pub fn describe_points(points: &[Point], strict: bool) -> String {
    let items: Vec<String> = points
        .iter()
        .map(|p| {
            format!(
                "{}.{}{}{}",
                p.thread,
                p.own,
                if p.at_wait { '~' } else { '>' },
                p.to
            )
        })
        .collect();
    let kind = if strict { "switches" } else { "preempt" };
    format!("{kind}:{}", items.join(","))
}

/// Real I/O in a deterministic run (an external event): (step, thread, what).
pub type External = (u64, u64, String);

/// `gilvm-schedule 1` / `spec SPEC` / `STEP THREAD [wait]` / `STEP THREAD io WHAT` lines.
fn parse_schedule_file(text: &str) -> Result<(String, Vec<Decision>, Vec<External>), String> {
    let mut lines = text.lines();
    if lines.next() != Some("gilvm-schedule 1") {
        return Err("not a gilvm schedule (first line must be 'gilvm-schedule 1')".into());
    }
    let mut of = String::new();
    let mut decisions = Vec::new();
    let mut external = Vec::new();
    for (n, line) in lines.enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(s) = line.strip_prefix("spec ") {
            of = s.to_string();
            continue;
        }
        let f: Vec<&str> = line.splitn(4, ' ').collect();
        if f.len() == 4 && f[2] == "io" {
            match (f[0].parse::<u64>(), f[1].parse::<u64>()) {
                (Ok(step), Ok(t)) => external.push((step, t, f[3].to_string())),
                _ => return Err(format!("line {}: expected 'STEP THREAD io WHAT'", n + 2)),
            }
            continue;
        }
        let mut it = line.split_whitespace();
        let (Some(a), Some(b), c, None) = (it.next(), it.next(), it.next(), it.next()) else {
            return Err(format!("line {}: expected 'STEP THREAD [wait]'", n + 2));
        };
        match (a.parse::<u64>(), b.parse::<u64>(), c) {
            (Ok(step), Ok(t), None) => decisions.push((step, t, false)),
            (Ok(step), Ok(t), Some("wait")) => decisions.push((step, t, true)),
            _ => return Err(format!("line {}: expected 'STEP THREAD [wait]'", n + 2)),
        }
    }
    Ok((of, decisions, external))
}

/// SplitMix64: small, seedable, the same on every platform. Also the asyncio task
/// order's generator (`--shuffle-tasks`), so a seed means the same everywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// As if `next` had been called `n` times (each call adds the constant).
    fn skip(&mut self, n: u64) {
        self.0 = self
            .0
            .wrapping_add(0x9E37_79B9_7F4A_7C15_u64.wrapping_mul(n));
    }

    /// How many of the coming `below(one_in.n)` draws (at most `limit`) are not 0, in
    /// a row, without drawing: the random schedule's countdown. The same answer as
    /// calling `below` in a loop, at a few cycles a draw: SplitMix's outputs are
    /// independent of each other (the state only adds a constant), and the test for
    /// 0 is a multiplication instead of a 64-bit division (which dominated).
    fn nonzero_run(&self, one_in: &OneIn, limit: u64) -> u64 {
        const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut s = self.0;
        for k in 0..limit {
            s = s.wrapping_add(GAMMA);
            let mut z = s;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            if one_in.divides(z ^ (z >> 31)) {
                return k;
            }
        }
        limit
    }
}

/// `x % n == 0` by multiplication (Granlund and Montgomery, PLDI 1994, section 9):
/// with n = 2^shift * m, m odd, x is a multiple of n iff its low `shift` bits are 0
/// and (x >> shift) * m^-1 (mod 2^64) is at most (2^64 - 1) / m.
#[derive(Clone, Copy, Debug)]
struct OneIn {
    shift: u32,
    inv: u64,
    lim: u64,
}

impl OneIn {
    fn new(n: u64) -> OneIn {
        let n = n.max(1);
        let shift = n.trailing_zeros();
        let m = n >> shift;
        // Newton's iteration for the inverse of an odd m modulo 2^64: each step
        // doubles the correct low bits, m itself is right to 3 bits.
        let mut inv = m;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(m.wrapping_mul(inv)));
        }
        OneIn {
            shift,
            inv,
            lim: u64::MAX / m,
        }
    }

    #[inline(always)]
    fn divides(&self, x: u64) -> bool {
        let low = (1u64 << self.shift).wrapping_sub(1);
        x & low == 0 && (x >> self.shift).wrapping_mul(self.inv) <= self.lim
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Status {
    Runnable,
    /// Waiting in `block`. `retry`: chosen again once `State::progress` has moved
    /// past `since_step` (the wait's condition may have changed); `deadline`: chosen
    /// once the virtual clock reaches it.
    Blocked {
        retry: bool,
        since_step: u64,
        /// `State::releases` when it blocked: random and pct preempt the holder
        /// for a waiter only once a lock has been released since.
        since_release: u64,
        deadline: Option<u64>,
    },
    Done,
}

struct Thread {
    name: String,
    status: Status,
    reason: &'static str,
    /// PCT priority: higher runs first.
    prio: i64,
    wake: Arc<Condvar>,
    /// Instructions this thread has run (the key of `preempt:` points).
    own: u64,
}

struct State {
    step: u64,
    /// Bumped by everything that may change what a blocked thread waits for: a step,
    /// a thread resumed to run the instruction it was switched out before, an exit.
    progress: u64,
    now_ns: u64,
    /// Lock releases (and thread exits) so far.
    releases: u64,
    /// The thread that may run (0: none yet, or the run is over).
    holder: u64,
    halted: bool,
    threads: BTreeMap<u64, Thread>,
    rng: Rng,
    rr_left: u64,
    /// PCT change points (numbers of shared-access steps, ascending) and how many
    /// have passed.
    change_points: Vec<u64>,
    changes_done: usize,
    /// PCT's steps so far: shared accesses where another thread could have run
    /// (exact up to the last change point; after it nothing reads the count).
    shared: u64,
    /// PCT: a shared access came where the thread could not switch (`--switch-points
    /// cpython`); the next switch point decides.
    pct_pending: bool,
    /// Every change of holder: (step, new holder, the old one waited or exited).
    log: Vec<(u64, u64, bool)>,
    replay_pos: usize,
    /// `gilvm race`'s record of the run (None unless asked for).
    race: Option<RaceLog>,
    /// How many `preempt:` entries of each key have been used.
    point_uses: HashMap<(u64, u64, bool), usize>,
    /// The next switch is the `preempt:` rule's own (logged as such, not a point).
    default_switch: bool,
    /// Real I/O so far, and (replay) how much of the recorded I/O has been matched.
    external: Vec<External>,
    ext_pos: usize,
    /// A replay noticed a divergence where it could not stop the run: the next step does.
    pending_stop: Option<Stop>,
    /// The countdown's `left_steps` / `left_switch` as of the last grant or flush:
    /// the difference to the atomics is what the holder ran since without the lock.
    granted_steps: u64,
    granted_switch: u64,
    granted_shared: u64,
}

/// What a blocked thread learns when it runs again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// Chosen to retry its wait.
    Retry,
    /// Its deadline has passed.
    TimedOut,
}

/// The deterministic scheduler, one per interpreter (inside the `Gil`).
pub struct Scheduler {
    spec: ScheduleSpec,
    st: Mutex<State>,
    /// `--record-schedule FILE` and the program's name for its header.
    record: Mutex<Option<(std::path::PathBuf, String)>>,
    /// `preempt:` entries by (thread, own count, at a wait), in list order (a thread
    /// may wait several times after the same instruction: each wait takes the next).
    points: HashMap<(u64, u64, bool), Vec<u64>>,
    /// Whether the race log is kept (read by the eval loop's probe at every step).
    race_on: AtomicBool,
    race_file: Mutex<Option<std::path::PathBuf>>,
    /// `preempt:` points before an instruction (not at a wait), by thread: the own
    /// counts where the countdown must stop.
    step_points: HashMap<u64, std::collections::BTreeSet<u64>>,
    /// The countdown (docs/race.md, "The countdown"): how many more steps the holder
    /// may take without the lock, all steps and switch-point steps, because the
    /// schedule's decision at each of them is known to be "go on". Written only by
    /// the holder (its fast steps, and grants and cuts under `st`), and zero whenever
    /// the holder changes, so Relaxed is enough: the hand-over goes through `st`.
    left_steps: AtomicU64,
    left_switch: AtomicU64,
    /// PCT's third count: shared-access steps (the eval loop tells which are).
    left_shared: AtomicU64,
    /// Whether the schedule needs to know which steps are shared accesses (pct).
    counts_shared: bool,
    /// `random:`'s odds as a divisibility test (the countdown's look-ahead).
    one_in: OneIn,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler")
            .field("spec", &self.spec)
            .finish_non_exhaustive()
    }
}

/// Why a run cannot go on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Every live thread waits for another: the report's text.
    Deadlock(String),
    /// A replayed schedule names a thread that cannot run at that step.
    Diverged(String),
}

impl Scheduler {
    pub fn new(spec: ScheduleSpec) -> Scheduler {
        let seed = match &spec {
            ScheduleSpec::Random { seed, .. } | ScheduleSpec::Pct { seed, .. } => *seed,
            _ => 0,
        };
        let mut rng = Rng(seed);
        let mut change_points = Vec::new();
        if let ScheduleSpec::Pct { depth, steps, .. } = &spec {
            for _ in 1..*depth {
                change_points.push(1 + rng.below(*steps));
            }
            change_points.sort_unstable();
        }
        let mut points: HashMap<(u64, u64, bool), Vec<u64>> = HashMap::new();
        if let ScheduleSpec::Preempt { points: list, .. } = &spec {
            for p in list {
                points
                    .entry((p.thread, p.own, p.at_wait))
                    .or_default()
                    .push(p.to);
            }
        }
        let mut step_points: HashMap<u64, std::collections::BTreeSet<u64>> = HashMap::new();
        for &(thread, own, at_wait) in points.keys() {
            if !at_wait {
                step_points.entry(thread).or_default().insert(own);
            }
        }
        let one_in = OneIn::new(match &spec {
            ScheduleSpec::Random { one_in, .. } => *one_in,
            _ => 1,
        });
        let rr_left = match &spec {
            ScheduleSpec::RoundRobin { every } => *every,
            _ => 0,
        };
        let counts_shared = matches!(spec, ScheduleSpec::Pct { .. });
        Scheduler {
            spec,
            st: Mutex::new(State {
                step: 0,
                progress: 0,
                now_ns: 0,
                releases: 0,
                holder: 0,
                halted: false,
                threads: BTreeMap::new(),
                rng,
                rr_left,
                change_points,
                changes_done: 0,
                shared: 0,
                pct_pending: false,
                log: Vec::new(),
                replay_pos: 0,
                race: None,
                point_uses: HashMap::new(),
                default_switch: false,
                external: Vec::new(),
                ext_pos: 0,
                pending_stop: None,
                granted_steps: 0,
                granted_switch: 0,
                granted_shared: 0,
            }),
            record: Mutex::new(None),
            points,
            race_on: AtomicBool::new(false),
            race_file: Mutex::new(None),
            step_points,
            left_steps: AtomicU64::new(0),
            left_switch: AtomicU64::new(0),
            left_shared: AtomicU64::new(0),
            counts_shared,
            one_in,
        }
    }

    /// The state, with the holder's unlocked steps since the last look counted in.
    /// Reads the countdown, never writes it: safe from any thread.
    fn lock(&self) -> parking_lot::MutexGuard<'_, State> {
        let mut st = self.st.lock();
        self.flush(&mut st);
        st
    }

    /// The state, countdown ended: for what may change a decision (a wait, an exit,
    /// a new thread, a release, real I/O). Holder only.
    fn lock_cut(&self) -> parking_lot::MutexGuard<'_, State> {
        let mut st = self.lock();
        self.cut(&mut st);
        st
    }

    /// (steps, virtual ns) now, without writing anything.
    fn view(&self) -> (u64, u64) {
        let st = self.st.lock();
        let run = st
            .granted_steps
            .saturating_sub(self.left_steps.load(Ordering::Relaxed));
        (st.step + run, st.now_ns + run * TICK_NS)
    }

    /// Books the steps the holder took on the countdown as the per-step path would
    /// have: the counts and the clock, and what each "go on" decision consumed (a
    /// round robin's countdown, one random draw per switch-point step).
    fn flush(&self, st: &mut State) {
        let ls = self.left_steps.load(Ordering::Relaxed);
        let ds = st.granted_steps.saturating_sub(ls);
        if ds == 0 {
            return;
        }
        let lw = self.left_switch.load(Ordering::Relaxed);
        let dw = st.granted_switch.saturating_sub(lw);
        let lh = self.left_shared.load(Ordering::Relaxed);
        let dh = st.granted_shared.saturating_sub(lh);
        st.granted_steps = ls;
        st.granted_switch = lw;
        st.granted_shared = lh;
        // Whether another thread could run changes only with the countdown cut (a
        // start, wait, release or exit) or at a deadline, where the countdown ends
        // first: every step of it saw what the clock before them shows.
        if dh > 0 && has_choice(st, st.holder) {
            st.shared += dh;
        }
        st.step += ds;
        st.progress += ds;
        st.now_ns += ds * TICK_NS;
        let holder = st.holder;
        if let Some(t) = st.threads.get_mut(&holder) {
            t.own += ds;
        }
        match self.spec {
            ScheduleSpec::RoundRobin { .. } => st.rr_left = st.rr_left.saturating_sub(dw),
            ScheduleSpec::Random { .. } => st.rng.skip(dw),
            _ => {}
        }
    }

    /// Ends the countdown (after a flush): the next step takes the lock. Holder only.
    fn cut(&self, st: &mut State) {
        self.left_steps.store(0, Ordering::Relaxed);
        self.left_switch.store(0, Ordering::Relaxed);
        self.left_shared.store(0, Ordering::Relaxed);
        st.granted_steps = 0;
        st.granted_switch = 0;
        st.granted_shared = 0;
    }

    /// Starts a countdown for the holder `id` after a step: as many steps as the
    /// schedule is sure to let it go on.
    fn grant(&self, st: &mut State, id: u64) {
        let (steps, switch, shared) = self.budget(st, id);
        st.granted_steps = steps;
        st.granted_switch = switch;
        st.granted_shared = shared;
        self.left_switch.store(switch, Ordering::Relaxed);
        self.left_shared.store(shared, Ordering::Relaxed);
        self.left_steps.store(steps, Ordering::Relaxed);
    }

    /// (steps, switch-point steps, shared-access steps) the holder `id` may take
    /// before the schedule's next decision that could do anything but go on, if
    /// nothing else happens (a wait, a release, a new thread, I/O: those cut the
    /// countdown). Too few is only slower; too many would change the run.
    fn budget(&self, st: &State, id: u64) -> (u64, u64, u64) {
        const DRAWS: u64 = 4096;
        if st.pending_stop.is_some() {
            return (0, 0, 0);
        }
        match &self.spec {
            // Each switch-point step counts rr_left down; the one reaching 0 switches.
            ScheduleSpec::RoundRobin { .. } => (FAR, st.rr_left.saturating_sub(1), FAR),
            // Each switch-point step draws; the first draw of 0 switches, if another
            // thread can run then. The draws are looked at without being made and
            // consumed by `flush` as the steps are taken (one per switch-point step:
            // a 0 with no other thread to run draws nothing more).
            ScheduleSpec::Random { .. } => {
                let steps = deadline_budget(st, FAR);
                if !preemptible(st).any(|t| t != id) {
                    // Alone until a sleeper's deadline (or a wait, release, start or
                    // exit, which cut the countdown): no draw can switch, so none is
                    // looked at and the lock is not taken at each 0.
                    return (steps, FAR, FAR);
                }
                (FAR, st.rng.nonzero_run(&self.one_in, DRAWS), FAR)
            }
            // PCT decides only at shared accesses: while its choice is the holder,
            // until the next change point (the holder's priority drops) or a
            // waiter's deadline (it becomes a candidate); else until the next
            // shared access (or, if one came where it could not switch, the next
            // switch point).
            ScheduleSpec::Pct { .. } => {
                let steps = deadline_budget(st, FAR);
                let switch = if st.pct_pending { 0 } else { FAR };
                if pct_choice(st, id) != id {
                    return (steps, switch, 0);
                }
                let shared = match st.change_points.get(st.changes_done) {
                    // (Below FAR: a limited budget is spent, and counted, step by step.)
                    Some(&cp) if has_choice(st, id) => {
                        cp.saturating_sub(st.shared + 1).min(FAR - 1)
                    }
                    _ => FAR,
                };
                (steps, switch, shared)
            }
            // Until the holder's next listed point (its first instruction's rule is
            // behind it: a grant comes after a step).
            ScheduleSpec::Preempt { .. } => {
                let own = st.threads.get(&id).map_or(0, |t| t.own);
                let next = self
                    .step_points
                    .get(&id)
                    .and_then(|s| s.range(own + 1..).next().copied());
                (next.map_or(FAR, |n| n - own - 1), FAR, FAR)
            }
            // Until the next recorded decision's step.
            ScheduleSpec::Replay { decisions, .. } => match decisions.get(st.replay_pos) {
                Some(&(step, _, _)) => (step.saturating_sub(st.step + 1), FAR, FAR),
                None => (FAR, FAR, FAR),
            },
        }
    }

    /// One step of the holder on the countdown, without the lock; false when the
    /// countdown is spent and the step must take the lock ([`Scheduler::step`]).
    /// `shared` says whether the step is a shared access; it is asked only while
    /// the shared-access budget is limited (pct with a change point or a decision
    /// ahead), so other schedules and one-thread stretches never classify a step.
    /// Steps so not counted are not booked in `State::shared`, which only a coming
    /// change point reads. Only the holder calls this (a thread runs instructions
    /// only in its turn).
    #[inline]
    pub fn fast_step(&self, may_switch: bool, shared: impl FnOnce() -> bool) -> bool {
        let steps = self.left_steps.load(Ordering::Relaxed);
        if steps == 0 {
            return false;
        }
        let sh = self.left_shared.load(Ordering::Relaxed);
        let sh = if sh < FAR && shared() {
            if sh == 0 {
                return false;
            }
            Some(sh)
        } else {
            None
        };
        if may_switch {
            let sw = self.left_switch.load(Ordering::Relaxed);
            if sw == 0 {
                return false;
            }
            self.left_switch.store(sw - 1, Ordering::Relaxed);
        }
        if let Some(sh) = sh {
            self.left_shared.store(sh - 1, Ordering::Relaxed);
        }
        self.left_steps.store(steps - 1, Ordering::Relaxed);
        true
    }

    /// Whether the schedule's steps are shared accesses (pct): the eval loop then
    /// says of each step whether it is one.
    #[inline]
    pub fn counts_shared(&self) -> bool {
        self.counts_shared
    }

    pub fn spec(&self) -> &ScheduleSpec {
        &self.spec
    }

    /// Virtual nanoseconds since the run began.
    pub fn now_ns(&self) -> u64 {
        self.view().1
    }

    /// Instructions executed so far, all threads.
    pub fn steps(&self) -> u64 {
        self.view().0
    }

    /// A new thread (registration runs under the GIL, so ids and order are the same
    /// in every run). The first one holds the GIL from the start.
    pub fn add_thread(&self, id: u64, name: &str) {
        let mut st = self.lock_cut();
        // PCT: a random priority above every change-point priority (those are 1..depth).
        let prio = 1_000_000 + (st.rng.below(1 << 30) as i64);
        st.threads.insert(
            id,
            Thread {
                name: name.to_string(),
                status: Status::Runnable,
                reason: "",
                prio,
                wake: Arc::new(Condvar::new()),
                own: 0,
            },
        );
        if st.holder == 0 && !st.halted {
            st.holder = id;
        }
    }

    /// Blocks until the schedule gives `id` the GIL.
    pub fn wait_turn(&self, id: u64) {
        let mut st = self.st.lock();
        self.wait_locked(&mut st, id);
    }

    fn wait_locked(&self, st: &mut parking_lot::MutexGuard<'_, State>, id: u64) {
        while st.holder != id {
            let wake = match st.threads.get(&id) {
                Some(t) => t.wake.clone(),
                None => return,
            };
            wake.wait(st);
        }
    }

    fn hand_to(&self, st: &mut State, next: u64, at_wait: bool) {
        st.pct_pending = false;
        if st.holder != next {
            st.log.push((st.step, next, at_wait));
            let from = st.holder;
            let from_own = st.threads.get(&from).map_or(0, |t| t.own);
            let step = st.step;
            let default = std::mem::take(&mut st.default_switch);
            if let Some(r) = &mut st.race {
                r.push(RaceEvent::Switch {
                    step,
                    from,
                    from_own,
                    to: next,
                    at_wait,
                    default,
                });
            }
        }
        st.holder = next;
        if let Some(t) = st.threads.get_mut(&next) {
            t.status = Status::Runnable;
            t.wake.notify_one();
        }
    }

    /// One instruction of thread `id` is about to run: count it, and switch if the
    /// schedule says so (only where `may_switch`, the `--switch-points` rule).
    /// Returns whether another thread ran meanwhile.
    pub fn step(&self, id: u64, may_switch: bool, shared: bool) -> Result<bool, Stop> {
        let mut st = self.lock_cut();
        if let Some(stop) = st.pending_stop.take() {
            return Err(stop);
        }
        st.step += 1;
        st.progress += 1;
        st.now_ns += TICK_NS;
        if let Some(t) = st.threads.get_mut(&id) {
            t.own += 1;
        }
        let next = self.choose_at_step(&mut st, id, may_switch, shared)?;
        if next == id {
            self.grant(&mut st, id);
            return Ok(false);
        }
        self.hand_to(&mut st, next, false);
        self.wait_locked(&mut st, id);
        // Back to run the instruction counted above: it may release what others wait for.
        st.progress += 1;
        self.grant(&mut st, id);
        Ok(true)
    }

    /// Which thread runs the next instruction, `id` (the holder) still runnable.
    fn choose_at_step(
        &self,
        st: &mut State,
        id: u64,
        may_switch: bool,
        shared: bool,
    ) -> Result<u64, Stop> {
        if let ScheduleSpec::Pct { .. } = self.spec {
            if shared && has_choice(st, id) {
                st.shared += 1;
            }
            // A change point lowers the running thread's priority (PCT's d-1 points).
            while st.changes_done < st.change_points.len()
                && st.change_points[st.changes_done] <= st.shared
            {
                st.changes_done += 1;
                let low = st.changes_done as i64;
                if let Some(t) = st.threads.get_mut(&id) {
                    t.prio = low;
                }
            }
            // PCT decides only before a shared access (or at the first switch point
            // after one that came where no switch could be).
            let decide = shared || st.pct_pending;
            st.pct_pending = decide && !may_switch;
            if !decide || !may_switch {
                return Ok(id);
            }
        }
        if !may_switch {
            return Ok(id);
        }
        match &self.spec {
            ScheduleSpec::RoundRobin { every } => {
                st.rr_left = st.rr_left.saturating_sub(1);
                if st.rr_left > 0 {
                    return Ok(id);
                }
                st.rr_left = *every;
                Ok(next_after(st, id).unwrap_or(id))
            }
            ScheduleSpec::Random { one_in, .. } => {
                if st.rng.below(*one_in) != 0 {
                    return Ok(id);
                }
                let c: Vec<u64> = preemptible(st).filter(|&t| t != id).collect();
                if c.is_empty() {
                    return Ok(id);
                }
                let i = st.rng.below(c.len() as u64) as usize;
                Ok(c[i])
            }
            ScheduleSpec::Pct { .. } => Ok(pct_choice(st, id)),
            ScheduleSpec::Preempt { .. } => {
                match self.point(st, id, false) {
                    Some(to) if to != id && eligible(st).any(|e| e == to) => Ok(to),
                    _ => {
                        // A new thread's first instruction: its starter goes on first
                        // (CPython's start() returns once the thread has started).
                        // Part of the rule, not a preemption.
                        let strict =
                            matches!(self.spec, ScheduleSpec::Preempt { strict: true, .. });
                        let first = !strict && st.threads.get(&id).is_some_and(|t| t.own == 1);
                        let starter = first
                            .then(|| {
                                eligible(st).find(|t| {
                                    *t != id
                                        && st.threads[t].reason == "Thread.start"
                                        && matches!(st.threads[t].status, Status::Blocked { .. })
                                })
                            })
                            .flatten();
                        match starter {
                            Some(p) => {
                                st.default_switch = true;
                                Ok(p)
                            }
                            None => Ok(id),
                        }
                    }
                }
            }
            ScheduleSpec::Replay { decisions, .. } => match decisions.get(st.replay_pos) {
                Some(&(step, t, false)) if step == st.step => {
                    st.replay_pos += 1;
                    if t == id || eligible(st).any(|e| e == t) {
                        Ok(t)
                    } else {
                        Err(diverged(st, step, t))
                    }
                }
                Some(&(step, _, _)) if step < st.step => Err(diverged(st, step, 0)),
                _ => Ok(id),
            },
        }
    }

    /// The `preempt:` entry for thread `id` here, if any (consumed).
    fn point(&self, st: &mut State, id: u64, at_wait: bool) -> Option<u64> {
        let own = st.threads.get(&id).map_or(0, |t| t.own);
        let key = (id, own, at_wait);
        let list = self.points.get(&key)?;
        let used = st.point_uses.entry(key).or_insert(0);
        let to = list.get(*used).copied();
        *used += 1;
        to
    }

    /// Thread `id` cannot go on (a wait whose try failed, or a sleep): let another
    /// run. Comes back when the schedule picks `id` again (`Retry`, only if `retry`)
    /// or the virtual clock reaches `deadline` (`TimedOut`).
    pub fn block(
        &self,
        id: u64,
        reason: &'static str,
        retry: bool,
        deadline: Option<u64>,
    ) -> Result<Wake, Stop> {
        let mut st = self.lock_cut();
        let since_step = st.progress;
        let since_release = st.releases;
        if let Some(t) = st.threads.get_mut(&id) {
            t.status = Status::Blocked {
                retry,
                since_step,
                since_release,
                deadline,
            };
            t.reason = reason;
        }
        let next = self.choose_other(&mut st, id)?;
        self.hand_to(&mut st, next, true);
        self.wait_locked(&mut st, id);
        Ok(match deadline {
            Some(d) if st.now_ns >= d => Wake::TimedOut,
            _ => Wake::Retry,
        })
    }

    /// Could a wait of thread `id` without a deadline be ended by the program
    /// itself: another thread can run now, or will once the virtual clock reaches
    /// its deadline? If not, only the world outside the process can end it (a peer
    /// writing to a socket), and the wait must be real, not a deadlock.
    pub fn others_may_run(&self, id: u64) -> bool {
        let st = self.lock();
        let has_deadline = st.threads.iter().any(|(&t, th)| {
            t != id
                && matches!(
                    th.status,
                    Status::Blocked {
                        deadline: Some(_),
                        ..
                    }
                )
        });
        has_deadline || eligible(&st).any(|t| t != id)
    }

    /// Thread `id` does real I/O (`what`: the blocking call's reason, e.g.
    /// `file.read`). It keeps the GIL, so the schedule is unchanged; the event is
    /// written into the schedule file, and a replay checks that the same I/O comes
    /// at the same instruction (else the program or its input changed: diverged).
    pub fn external(&self, id: u64, what: &str) {
        let mut st = self.lock_cut();
        let ev = (st.step, id, what.to_string());
        if let ScheduleSpec::Replay { external, .. } = &self.spec {
            let pos = st.ext_pos;
            st.ext_pos += 1;
            if external.get(pos) != Some(&ev) && st.pending_stop.is_none() {
                let expected = match external.get(pos) {
                    Some((step, t, w)) => format!("{w} by thread {t} at instruction {step}"),
                    None => "no more I/O".to_string(),
                };
                st.pending_stop = Some(Stop::Diverged(format!(
                    "gilvm: replay diverged at instruction {}: thread {id} does I/O ({what}) where the recorded run did {expected} (did the program or its input change?)",
                    st.step
                )));
            }
        }
        st.external.push(ev);
    }

    /// `time.sleep(0)`: let another thread run if one can.
    pub fn yield_now(&self, id: u64) -> Result<(), Stop> {
        let mut st = self.lock_cut();
        if eligible(&st).all(|t| t == id) {
            return Ok(());
        }
        let next = self.choose_other(&mut st, id)?;
        self.hand_to(&mut st, next, true);
        self.wait_locked(&mut st, id);
        Ok(())
    }

    /// Thread `id` has finished. When the main thread finishes the run is over and
    /// no thread runs again (daemon threads stop where they are, deterministically).
    pub fn exit(&self, id: u64, is_main: bool) -> Result<(), Stop> {
        let mut st = self.lock();
        if st.holder == id {
            self.cut(&mut st);
        }
        st.progress += 1;
        st.releases += 1;
        if let Some(t) = st.threads.get_mut(&id) {
            t.status = Status::Done;
        }
        if st.holder != id {
            return Ok(());
        }
        if is_main {
            st.halted = true;
            st.holder = 0;
            return Ok(());
        }
        if st.threads.values().all(|t| t.status == Status::Done) {
            st.holder = 0;
            return Ok(());
        }
        let next = self.choose_other(&mut st, id)?;
        self.hand_to(&mut st, next, true);
        Ok(())
    }

    /// A thread other than `id` to run now; jumps the virtual clock when every thread
    /// waits for a deadline; a deadlock when no thread can ever run.
    fn choose_other(&self, st: &mut State, id: u64) -> Result<u64, Stop> {
        loop {
            if eligible(st).any(|t| t != id) {
                break;
            }
            if eligible(st).any(|t| t == id) {
                // Only the caller can go on (its own deadline has passed): it times out.
                return Ok(id);
            }
            // Nobody can run now: the earliest deadline, if any, comes next.
            let next_deadline = st
                .threads
                .values()
                .filter_map(|t| match t.status {
                    Status::Blocked { deadline, .. } => deadline,
                    _ => None,
                })
                .min();
            match next_deadline {
                Some(d) => st.now_ns = st.now_ns.max(d),
                None => return Err(deadlock(st)),
            }
        }
        match &self.spec {
            ScheduleSpec::RoundRobin { every } => {
                st.rr_left = *every;
                Ok(next_after(st, id).expect("an eligible thread exists"))
            }
            ScheduleSpec::Random { .. } => {
                let c: Vec<u64> = eligible(st).filter(|&t| t != id).collect();
                let i = st.rng.below(c.len() as u64) as usize;
                Ok(c[i])
            }
            ScheduleSpec::Pct { .. } => {
                Ok(highest(st, Some(id)).expect("an eligible thread exists"))
            }
            ScheduleSpec::Preempt { .. } => {
                let strict = matches!(self.spec, ScheduleSpec::Preempt { strict: true, .. });
                let starting = !strict
                    && st.threads.get(&id).is_some_and(|t| {
                        t.reason == "Thread.start" && matches!(t.status, Status::Blocked { .. })
                    });
                // The rule's other half: a thread waiting in start() hands to the new
                // thread (the newest one that has not run yet).
                let newborn = starting
                    .then(|| {
                        eligible(st)
                            .filter(|t| *t != id && st.threads[t].own == 0)
                            .max()
                    })
                    .flatten();
                match self.point(st, id, true) {
                    Some(to) if to != id && eligible(st).any(|e| e == to) => Ok(to),
                    _ if newborn.is_some() => {
                        st.default_switch = true;
                        Ok(newborn.expect("checked"))
                    }
                    _ => Ok(next_after(st, id)
                        .filter(|&t| t != id)
                        .or_else(|| eligible(st).find(|&t| t != id))
                        .expect("an eligible thread exists")),
                }
            }
            ScheduleSpec::Replay { decisions, .. } => match decisions.get(st.replay_pos) {
                Some(&(step, t, true))
                    if step == st.step && t != id && eligible(st).any(|e| e == t) =>
                {
                    st.replay_pos += 1;
                    Ok(t)
                }
                Some(&(step, t, _)) => Err(diverged(st, step, t)),
                None => Err(diverged(st, st.step, 0)),
            },
        }
    }

    /// The recorded schedule, in the format `replay:` reads.
    pub fn schedule_file(&self, program: &str) -> String {
        let st = self.lock();
        let mut out = String::from("gilvm-schedule 1\n");
        let spec = match &self.spec {
            ScheduleSpec::Replay { of, .. } if !of.is_empty() => of.clone(),
            s => s.describe(),
        };
        let _ = writeln!(out, "spec {spec}");
        let _ = writeln!(
            out,
            "# program {program}; {} instructions; STEP THREAD per switch ('wait': the holder waited or ended); STEP THREAD io WHAT per real I/O call",
            st.step
        );
        // Switches and external events in step order (a switch first at equal steps:
        // it happens before the instruction that does the I/O).
        let mut ext = st.external.iter().peekable();
        for &(step, t, at_wait) in &st.log {
            while let Some((s, et, what)) = ext.next_if(|e| e.0 < step) {
                let _ = writeln!(out, "{s} {et} io {what}");
            }
            let _ = writeln!(out, "{step} {t}{}", if at_wait { " wait" } else { "" });
        }
        for (s, et, what) in ext {
            let _ = writeln!(out, "{s} {et} io {what}");
        }
        out
    }

    /// `gilvm race`: keep the race log and write it to `path` with the schedule.
    pub fn set_race_log(&self, path: std::path::PathBuf) {
        self.lock().race = Some(RaceLog::default());
        *self.race_file.lock() = Some(path);
        self.race_on.store(true, Ordering::Relaxed);
    }

    /// Whether the eval loop's probe should look at each instruction.
    #[inline]
    pub fn race_logging(&self) -> bool {
        self.race_on.load(Ordering::Relaxed)
    }

    /// The load of thread `id` waiting for its value: (frame, pc) where it shows.
    pub fn race_pending(&self, id: u64) -> Option<(usize, usize)> {
        let st = self.lock();
        let r = st.race.as_ref()?;
        r.pending.get(&id).map(|&(_, f, pc)| (f, pc))
    }

    /// Thread `id`'s pending load read `value` (None: it could not be seen).
    pub fn race_fill(&self, id: u64, value: Option<String>) {
        let mut st = self.lock();
        let Some(r) = st.race.as_mut() else { return };
        if let Some((i, _, _)) = r.pending.remove(&id) {
            if let (Some(RaceEvent::Access(a)), Some(v)) = (r.events.get_mut(i), value) {
                a.desc.value = Some(v);
            }
        }
    }

    /// Thread `id` runs an instruction now (after its step: nothing switches before
    /// it runs); `access` if it touches shared state, `then` the (frame, pc) where a
    /// load's value will be on the stack.
    #[allow(clippy::too_many_arguments)]
    pub fn race_note(
        &self,
        id: u64,
        file: &Arc<str>,
        line: u32,
        op: &'static str,
        access: Option<AccessDesc>,
        then: Option<(usize, usize)>,
    ) {
        let mut st = self.lock();
        let st = &mut *st;
        let Some(r) = st.race.as_mut() else { return };
        let own = st.threads.get(&id).map_or(0, |t| t.own);
        let step = st.step;
        let q = r.recent.entry(id).or_default();
        if q.len() == RECENT {
            q.pop_front();
        }
        q.push_back(Recent {
            step,
            own,
            file: file.clone(),
            line,
            op,
        });
        let Some(desc) = access else { return };
        let alone = st
            .threads
            .values()
            .filter(|t| t.status != Status::Done)
            .count()
            <= 1;
        // Runnable threads first, then waiters that would retry (a lock released).
        let mut others: Vec<u64> = Vec::new();
        let mut retrying: Vec<u64> = Vec::new();
        for (&t, th) in &st.threads {
            if t == id {
                continue;
            }
            match th.status {
                Status::Runnable => others.push(t),
                Status::Blocked { deadline, .. } if deadline.is_some_and(|d| st.now_ns >= d) => {
                    others.push(t)
                }
                Status::Blocked {
                    retry: true,
                    since_release,
                    ..
                } if since_release < st.releases => retrying.push(t),
                _ => {}
            }
        }
        others.extend(retrying);
        let locks = r.locks.get(&id).cloned().unwrap_or_default();
        let write = desc.write;
        r.push(RaceEvent::Access(Access {
            thread: id,
            own,
            step,
            file: file.clone(),
            line,
            op,
            desc,
            alone,
            others,
            locks,
        }));
        if let (Some((f, pc)), false) = (then, write) {
            let i = r.events.len() - 1;
            r.pending.insert(id, (i, f, pc));
        }
    }

    /// Thread `id` took (`held`) or let go of the lock `lock` (for the race log's locksets).
    pub fn race_lock(&self, id: u64, lock: u64, held: bool) {
        let mut st = self.lock();
        let Some(r) = st.race.as_mut() else { return };
        let l = r.locks.entry(id).or_default();
        if held {
            l.push(lock);
        } else if let Some(i) = l.iter().rposition(|&x| x == lock) {
            l.remove(i);
        }
    }

    /// A lock was released (a waiter's wait may succeed now).
    pub fn note_release(&self) {
        self.lock_cut().releases += 1;
    }

    /// `--check EXPR`'s outcome, for the race log.
    pub fn race_check(&self, outcome: Result<(), String>) {
        if let Some(r) = self.lock().race.as_mut() {
            r.check = Some(outcome);
        }
    }

    fn write_race_log(&self) -> Option<Result<(), String>> {
        let path = self.race_file.lock().clone()?;
        let text = {
            let mut st = self.lock();
            let names: Vec<(u64, String)> = st
                .threads
                .iter()
                .map(|(&i, t)| (i, t.name.clone()))
                .collect();
            let steps = st.step;
            let r = st.race.as_mut()?;
            r.names = names.into_iter().collect();
            r.render(steps)
        };
        Some(
            std::fs::write(&path, text)
                .map_err(|e| format!("gilvm: cannot write race log {}: {e}", path.display())),
        )
    }

    /// Switches so far (for reports).
    pub fn switches(&self) -> usize {
        self.lock().log.len()
    }

    /// Where `--record-schedule` writes the schedule (at exit, and when the run stops).
    pub fn set_record_file(&self, path: std::path::PathBuf, program: String) {
        *self.record.lock() = Some((path, program));
    }

    /// Writes the schedule file if one was asked for; returns its path.
    pub fn write_record(&self) -> Option<Result<std::path::PathBuf, String>> {
        if let Some(Err(e)) = self.write_race_log() {
            return Some(Err(e));
        }
        let (path, program) = self.record.lock().clone()?;
        Some(
            std::fs::write(&path, self.schedule_file(&program))
                .map(|()| path.clone())
                .map_err(|e| format!("gilvm: cannot write schedule file {}: {e}", path.display())),
        )
    }

    /// The line a report ends with: how to repeat this run.
    pub fn report_line(&self) -> String {
        let (steps, switches) = {
            let st = self.lock();
            (st.step, st.log.len())
        };
        let mut line = format!(
            "  schedule: --schedule {} ({steps} instructions, {switches} switches; the same schedule repeats this run)\n",
            self.spec.describe()
        );
        match self.write_record() {
            Some(Ok(p)) => {
                let _ = writeln!(
                    line,
                    "  replay: gilvm run --schedule replay:{} ...",
                    p.display()
                );
            }
            Some(Err(e)) => {
                let _ = writeln!(line, "  {e}");
            }
            None => {}
        }
        line
    }
}

/// `steps`, or fewer so that the countdown ends at the step where a waiter's
/// deadline passes (it becomes a thread the holder may be preempted for).
fn deadline_budget(st: &State, mut steps: u64) -> u64 {
    for t in st.threads.values() {
        if let Status::Blocked {
            deadline: Some(d), ..
        } = t.status
        {
            if d > st.now_ns {
                steps = steps.min((d - st.now_ns).div_ceil(TICK_NS) - 1);
            }
        }
    }
    steps
}

/// Whether a thread other than the holder `id` could be run instead now: PCT
/// counts a shared access as a step only then (a priority drop where no other
/// thread could run would not reorder anything at that point).
fn has_choice(st: &State, id: u64) -> bool {
    preemptible(st).any(|t| t != id)
}

/// Threads that may be handed the GIL now.
fn eligible(st: &State) -> impl Iterator<Item = u64> + '_ {
    st.threads.iter().filter_map(move |(&id, t)| {
        let ok = match t.status {
            Status::Runnable => true,
            Status::Blocked {
                retry,
                since_step,
                deadline,
                ..
            } => (retry && since_step < st.progress) || deadline.is_some_and(|d| st.now_ns >= d),
            Status::Done => false,
        };
        ok.then_some(id)
    })
}

/// Threads the holder may be preempted for: runnable ones, and waiters whose
/// deadline has passed or for whom a lock has been released since they blocked (a
/// waiter is only retried when its wait may succeed, so a preemption is not spent
/// on a retry that fails at once).
fn preemptible(st: &State) -> impl Iterator<Item = u64> + '_ {
    st.threads.iter().filter_map(move |(&id, t)| {
        let ok = match t.status {
            Status::Runnable => true,
            Status::Blocked {
                retry,
                since_release,
                deadline,
                ..
            } => (retry && since_release < st.releases) || deadline.is_some_and(|d| st.now_ns >= d),
            Status::Done => false,
        };
        ok.then_some(id)
    })
}

/// The next eligible thread after `id` in id order, wrapping around (maybe `id`).
fn next_after(st: &State, id: u64) -> Option<u64> {
    let all: Vec<u64> = eligible(st).collect();
    all.iter()
        .copied()
        .find(|&t| t > id)
        .or_else(|| all.first().copied())
}

/// PCT at a step of the holder `id`: it or a preemptible thread, the highest priority.
fn pct_choice(st: &State, id: u64) -> u64 {
    preemptible(st)
        .chain(std::iter::once(id))
        .max_by_key(|t| (st.threads[t].prio, std::cmp::Reverse(*t)))
        .unwrap_or(id)
}

/// PCT: the eligible thread of highest priority (ties: lowest id), not `except`.
fn highest(st: &State, except: Option<u64>) -> Option<u64> {
    eligible(st)
        .filter(|&t| Some(t) != except)
        .max_by_key(|t| (st.threads[t].prio, std::cmp::Reverse(*t)))
}

fn deadlock(st: &State) -> Stop {
    let mut msg = String::from(
        "gilvm: deadlock: every thread is blocked waiting for another, and none can proceed\n",
    );
    for t in st.threads.values() {
        if matches!(t.status, Status::Blocked { .. }) {
            let _ = writeln!(msg, "  thread '{}' waits in {}", t.name, t.reason);
        }
    }
    Stop::Deadlock(msg)
}

fn diverged(st: &State, step: u64, t: u64) -> Stop {
    Stop::Diverged(if t == 0 {
        format!(
            "gilvm: replay diverged at instruction {}: the recorded schedule expected a switch at {step}",
            st.step
        )
    } else {
        format!(
            "gilvm: replay diverged at instruction {}: the recorded schedule switches to thread {t} at {step}, which cannot run then (did the program or its input change?)",
            st.step
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn divisibility_test_agrees_with_remainder() {
        let mut r = Rng(7);
        for n in (1..200).chain([256, 1000, 4096, 1 << 40, u64::MAX, u64::MAX - 1, 3 << 61]) {
            let d = OneIn::new(n);
            for x in [
                0,
                1,
                n - 1,
                n,
                n.wrapping_mul(2),
                n.wrapping_add(1),
                u64::MAX,
            ] {
                assert_eq!(d.divides(x), x % n == 0, "n {n} x {x}");
            }
            for _ in 0..2000 {
                let x = r.next();
                assert_eq!(d.divides(x), x % n == 0, "n {n} x {x}");
                let y = x - x % n;
                assert!(d.divides(y), "n {n} y {y}");
            }
        }
    }

    #[test]
    fn look_ahead_counts_the_draws_below_would_make() {
        for seed in 0..50 {
            for n in [1, 2, 3, 7, 64, 100] {
                let r = Rng(seed);
                let mut slow = r.clone();
                let mut k = 0;
                while k < 4096 && slow.below(n) != 0 {
                    k += 1;
                }
                assert_eq!(r.nonzero_run(&OneIn::new(n), 4096), k, "seed {seed} n {n}");
                assert_eq!(r.nonzero_run(&OneIn::new(n), 3), k.min(3));
            }
        }
    }
}
