//! Deterministic schedules (`gilvm run --schedule SPEC`): the VM, not the OS, decides
//! which thread holds the GIL after each instruction, and time is virtual. The design
//! and its invariants: docs/gil.md, "Deterministic schedules".

use parking_lot::{Condvar, Mutex};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

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
    /// `pct:SEED[:DEPTH[:STEPS]]`: PCT (Burckhardt et al., ASPLOS 2010).
    Pct { seed: u64, depth: u32, steps: u64 },
    /// `replay:FILE`: the decisions of a recorded run.
    Replay {
        file: String,
        /// The recorded run's SPEC.
        of: String,
        /// (step, thread, whether the holder was waiting or exiting then).
        decisions: Vec<(u64, u64, bool)>,
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
                let steps = num(2, "step estimate")?.unwrap_or(100_000);
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
            "replay" if !rest.is_empty() => {
                let text = read(rest)?;
                let (of, decisions) =
                    parse_schedule_file(&text).map_err(|e| format!("schedule file {rest}: {e}"))?;
                ScheduleSpec::Replay {
                    file: rest.to_string(),
                    of,
                    decisions,
                }
            }
            _ => {
                return Err(format!(
                "bad schedule '{s}': expected random:SEED, pct:SEED[:DEPTH], rr:N or replay:FILE"
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
            ScheduleSpec::Replay { file, .. } => format!("replay:{file}"),
        }
    }
}

/// One recorded switch: (step, new holder, whether the old one waited or ended).
type Decision = (u64, u64, bool);

/// `gilvm-schedule 1` / `spec SPEC` / `STEP THREAD [wait]` lines.
fn parse_schedule_file(text: &str) -> Result<(String, Vec<Decision>), String> {
    let mut lines = text.lines();
    if lines.next() != Some("gilvm-schedule 1") {
        return Err("not a gilvm schedule (first line must be 'gilvm-schedule 1')".into());
    }
    let mut of = String::new();
    let mut decisions = Vec::new();
    for (n, line) in lines.enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(s) = line.strip_prefix("spec ") {
            of = s.to_string();
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
    Ok((of, decisions))
}

/// SplitMix64: small, seedable, the same on every platform.
#[derive(Clone, Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
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
}

struct State {
    step: u64,
    /// Bumped by everything that may change what a blocked thread waits for: a step,
    /// a thread resumed to run the instruction it was switched out before, an exit.
    progress: u64,
    now_ns: u64,
    /// The thread that may run (0: none yet, or the run is over).
    holder: u64,
    halted: bool,
    threads: BTreeMap<u64, Thread>,
    rng: Rng,
    rr_left: u64,
    /// PCT change points (steps, ascending) and how many have passed.
    change_points: Vec<u64>,
    changes_done: usize,
    /// Every change of holder: (step, new holder, the old one waited or exited).
    log: Vec<(u64, u64, bool)>,
    replay_pos: usize,
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
        let rr_left = match &spec {
            ScheduleSpec::RoundRobin { every } => *every,
            _ => 0,
        };
        Scheduler {
            spec,
            st: Mutex::new(State {
                step: 0,
                progress: 0,
                now_ns: 0,
                holder: 0,
                halted: false,
                threads: BTreeMap::new(),
                rng,
                rr_left,
                change_points,
                changes_done: 0,
                log: Vec::new(),
                replay_pos: 0,
            }),
            record: Mutex::new(None),
        }
    }

    pub fn spec(&self) -> &ScheduleSpec {
        &self.spec
    }

    /// Virtual nanoseconds since the run began.
    pub fn now_ns(&self) -> u64 {
        self.st.lock().now_ns
    }

    /// Instructions executed so far, all threads.
    pub fn steps(&self) -> u64 {
        self.st.lock().step
    }

    /// A new thread (registration runs under the GIL, so ids and order are the same
    /// in every run). The first one holds the GIL from the start.
    pub fn add_thread(&self, id: u64, name: &str) {
        let mut st = self.st.lock();
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
        if st.holder != next {
            st.log.push((st.step, next, at_wait));
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
    pub fn step(&self, id: u64, may_switch: bool) -> Result<bool, Stop> {
        let mut st = self.st.lock();
        st.step += 1;
        st.progress += 1;
        st.now_ns += TICK_NS;
        let next = self.choose_at_step(&mut st, id, may_switch)?;
        if next == id {
            return Ok(false);
        }
        self.hand_to(&mut st, next, false);
        self.wait_locked(&mut st, id);
        // Back to run the instruction counted above: it may release what others wait for.
        st.progress += 1;
        Ok(true)
    }

    /// Which thread runs the next instruction, `id` (the holder) still runnable.
    fn choose_at_step(&self, st: &mut State, id: u64, may_switch: bool) -> Result<u64, Stop> {
        if let ScheduleSpec::Pct { .. } = self.spec {
            // A change point lowers the running thread's priority (PCT's d-1 points).
            while st.changes_done < st.change_points.len()
                && st.change_points[st.changes_done] <= st.step
            {
                st.changes_done += 1;
                let low = st.changes_done as i64;
                if let Some(t) = st.threads.get_mut(&id) {
                    t.prio = low;
                }
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
                let c: Vec<u64> = eligible(st).filter(|&t| t != id).collect();
                if c.is_empty() {
                    return Ok(id);
                }
                let i = st.rng.below(c.len() as u64) as usize;
                Ok(c[i])
            }
            ScheduleSpec::Pct { .. } => Ok(highest(st, None).unwrap_or(id)),
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
        let mut st = self.st.lock();
        let since_step = st.progress;
        if let Some(t) = st.threads.get_mut(&id) {
            t.status = Status::Blocked {
                retry,
                since_step,
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

    /// `time.sleep(0)`: let another thread run if one can.
    pub fn yield_now(&self, id: u64) -> Result<(), Stop> {
        let mut st = self.st.lock();
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
        let mut st = self.st.lock();
        st.progress += 1;
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
        let st = self.st.lock();
        let mut out = String::from("gilvm-schedule 1\n");
        let spec = match &self.spec {
            ScheduleSpec::Replay { of, .. } if !of.is_empty() => of.clone(),
            s => s.describe(),
        };
        let _ = writeln!(out, "spec {spec}");
        let _ = writeln!(
            out,
            "# program {program}; {} instructions; STEP THREAD per switch ('wait': the holder waited or ended)",
            st.step
        );
        for &(step, t, at_wait) in &st.log {
            let _ = writeln!(out, "{step} {t}{}", if at_wait { " wait" } else { "" });
        }
        out
    }

    /// Switches so far (for reports).
    pub fn switches(&self) -> usize {
        self.st.lock().log.len()
    }

    /// Where `--record-schedule` writes the schedule (at exit, and when the run stops).
    pub fn set_record_file(&self, path: std::path::PathBuf, program: String) {
        *self.record.lock() = Some((path, program));
    }

    /// Writes the schedule file if one was asked for; returns its path.
    pub fn write_record(&self) -> Option<Result<std::path::PathBuf, String>> {
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
            let st = self.st.lock();
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

/// Threads that may be handed the GIL now.
fn eligible(st: &State) -> impl Iterator<Item = u64> + '_ {
    st.threads.iter().filter_map(move |(&id, t)| {
        let ok = match t.status {
            Status::Runnable => true,
            Status::Blocked {
                retry,
                since_step,
                deadline,
            } => (retry && since_step < st.progress) || deadline.is_some_and(|d| st.now_ns >= d),
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
