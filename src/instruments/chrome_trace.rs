//! Renders the GIL's per-thread event buffers in the Chrome trace event format
//! (JSON object form), which chrome://tracing and ui.perfetto.dev open directly.

use super::json::JsonWriter;
use super::tasks::{self, LoopLanes, ShownSpan, TaskState};
use crate::gil::{SwitchPoints, SwitchPolicy, ThreadTrace, TraceEvent};
use std::time::Duration;

/// What a trace says about the run as a whole.
#[derive(Clone, Debug)]
pub struct TraceMeta {
    /// The program as given on the command line (`<string>` for `-c`).
    pub program: String,
    /// The interval the run started with (the command line's or the default). Changes
    /// the program made with `sys.setswitchinterval` are events in the traces.
    pub switch_interval: Duration,
    /// Running spans shorter than this are merged (see [`merge_short_spans`]);
    /// zero keeps every span.
    pub merge_below: Duration,
    /// `--gil-policy` and `--switch-points` of the run.
    pub policy: SwitchPolicy,
    pub switch_points: SwitchPoints,
    /// `--gil off`: no GIL, so threads' running spans overlap.
    pub gil_off: bool,
}

impl TraceMeta {
    /// The run's GIL settings in one line, for headers: `policy cpython, switch
    /// points every, switch interval 5ms` (`interval`: how the interval is described).
    pub fn gil_settings(&self, interval: &str) -> String {
        if self.gil_off {
            return "no GIL (--gil off): threads run at the same time, so lanes overlap"
                .to_string();
        }
        format!(
            "policy {}, switch points {}, switch interval {interval}",
            self.policy.name(),
            self.switch_points.name(),
        )
    }
}

/// `gilvm run --trace-merge`'s default: spans under 1 ms come from tiny intervals
/// or heavy contention, where a 0.3 s run holds tens of thousands of them.
pub const DEFAULT_MERGE_BELOW: Duration = Duration::from_millis(1);

/// Span names as they appear in the viewer; blocked spans are named by the call instead.
pub const RUNNING: &str = "running (holds GIL)";
pub const WAITING: &str = "waiting for GIL";
/// A cycle-collector pause (the thread holds the GIL throughout).
pub const GC: &str = "gc (cycle collector)";
pub const DROP_REQUEST: &str = "drop request";
pub const FORCED_SWITCH: &str = "forced switch";
pub const SWITCH_INTERVAL: &str = "switch interval";
pub const MERGED: &str = "short spans (merged)";
pub const TASK_READY: &str = "ready";
pub const TASK_STEP: &str = "step";
pub const TASK_DUE: &str = "timer expired, loop busy";
pub const TASK_MERGED: &str = "short task spans (merged)";

/// Task lanes shown per event loop; every step of every task is on the loop's lane.
pub const MAX_TASK_LANES: usize = 64;
/// Track ids of loop and task lanes: this plus the loop's or task's trace number.
pub const TASK_TID_BASE: u64 = 1_000_000;

/// A short human spelling of an interval: `100us`, `5ms`, `0.5ms`, `2s`.
pub fn format_interval(d: Duration) -> String {
    let ns = d.as_nanos() as f64;
    let (v, unit) = if ns < 1e3 {
        (ns, "ns")
    } else if ns < 1e6 {
        (ns / 1e3, "us")
    } else if ns < 1e9 {
        (ns / 1e6, "ms")
    } else {
        (ns / 1e9, "s")
    };
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s}{unit}")
}

/// One `sys.setswitchinterval` during the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntervalChange {
    pub at_ns: u64,
    pub thread_id: u64,
    /// `name #id` of the thread that made the change.
    pub thread: String,
    pub interval: Duration,
}

/// The switch intervals a run used: the one it started with, every change, and the
/// one in effect for the longest time (what a header calls *the* interval).
#[derive(Clone, Debug)]
pub struct IntervalHistory {
    pub start: Duration,
    pub changes: Vec<IntervalChange>,
    pub main: Duration,
}

impl IntervalHistory {
    /// From the traces' `SwitchInterval` events; `end_ns` is the end of the run.
    pub fn from_traces(start: Duration, traces: &[ThreadTrace], end_ns: u64) -> Self {
        let mut changes: Vec<IntervalChange> = traces
            .iter()
            .flat_map(|t| {
                t.events.iter().filter_map(move |e| match *e {
                    TraceEvent::SwitchInterval { at_ns, interval_ns } => Some(IntervalChange {
                        at_ns,
                        thread_id: t.thread_id,
                        thread: format!("{} #{}", t.name, t.thread_id),
                        interval: Duration::from_nanos(interval_ns),
                    }),
                    _ => None,
                })
            })
            .collect();
        changes.sort_by_key(|c| (c.at_ns, c.thread_id));
        // Time in effect per interval; ties go to the earliest, so the result is stable.
        let mut spans: Vec<(Duration, u64)> = Vec::new();
        let mut add = |iv: Duration, ns: u64| match spans.iter_mut().find(|(d, _)| *d == iv) {
            Some((_, t)) => *t += ns,
            None => spans.push((iv, ns)),
        };
        let mut current = (start, 0u64);
        for c in &changes {
            add(current.0, c.at_ns.saturating_sub(current.1));
            current = (c.interval, c.at_ns);
        }
        add(current.0, end_ns.saturating_sub(current.1));
        let main = spans
            .iter()
            .fold(
                (start, 0u64),
                |best, &(d, t)| if t > best.1 { (d, t) } else { best },
            )
            .0;
        IntervalHistory {
            start,
            changes,
            main,
        }
    }

    /// `1ms` when nothing changed, else the main interval and how the run got there,
    /// e.g. `20ms (5ms at start; set to 20ms at 0.31 ms by MainThread #1)`.
    pub fn describe(&self) -> String {
        if self.changes.is_empty() {
            return format_interval(self.start);
        }
        const SHOWN: usize = 4;
        let mut sets: Vec<String> = self
            .changes
            .iter()
            .take(SHOWN)
            .map(|c| {
                format!(
                    "{} at {} by {}",
                    format_interval(c.interval),
                    super::svg::format_ns(c.at_ns as f64),
                    c.thread
                )
            })
            .collect();
        if self.changes.len() > SHOWN {
            sets.push(format!("{} more", self.changes.len() - SHOWN));
        }
        let most = if self.changes.len() > 1 {
            " for most of the run"
        } else {
            ""
        };
        format!(
            "{}{most} ({} at start; set to {})",
            format_interval(self.main),
            format_interval(self.start),
            sets.join(", ")
        )
    }
}

/// A thread's short spans merged into one window (see [`merge_short_spans`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MergedWindow {
    pub start_ns: u64,
    pub end_ns: u64,
    /// Running spans merged into this window, and their total length.
    pub running_spans: u64,
    pub running_ns: u64,
    pub waiting_ns: u64,
    /// Short blocking calls (GIL released, e.g. a contended `Lock.acquire`) inside it.
    pub blocked_spans: u64,
    pub blocked_ns: u64,
    pub forced_switches: u64,
    pub drop_requests: u64,
}

/// What a thread's track shows after merging: original events and merged windows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shown<'a> {
    Event(&'a TraceEvent),
    Merged(MergedWindow),
}

/// What [`merge_short_spans`] did, for the trace's metadata.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeStats {
    pub windows: u64,
    pub running_spans: u64,
    pub events_in: u64,
    pub events_out: u64,
}

/// Merges one thread's runs of short spans. Consecutive running spans shorter than
/// `below`, with the short waits, short blocking calls and the drop-request and
/// forced-switch marks between them, become one window no longer than `below` that
/// says how many spans it holds and how long they ran, waited and blocked in all.
/// Short blocking calls are merged because a contended lock taken in a loop makes
/// one per turn (a 4 s `race_counter.py` wrote 6 MB when they broke the windows).
/// Interval changes and long spans are never merged, and a window with one running
/// span stays as it was.
/// Events are taken in time order whatever the buffer's order.
pub fn merge_short_spans<'a>(
    events: &'a [TraceEvent],
    below: Duration,
    stats: &mut MergeStats,
) -> Vec<Shown<'a>> {
    let mut sorted: Vec<&TraceEvent> = events.iter().collect();
    sorted.sort_by_key(|e| e.start_ns());
    stats.events_in += sorted.len() as u64;
    let below_ns = duration_to_ns(below);
    let mut out: Vec<Shown> = Vec::with_capacity(sorted.len().min(1 << 16));
    let mut group: Vec<&TraceEvent> = Vec::new();
    let flush = |group: &mut Vec<&'a TraceEvent>,
                 out: &mut Vec<Shown<'a>>,
                 stats: &mut MergeStats| {
        let runs = group
            .iter()
            .filter(|e| matches!(e, TraceEvent::Running { .. }))
            .count() as u64;
        if runs >= 2 {
            let mut w = MergedWindow {
                start_ns: group[0].start_ns(),
                ..MergedWindow::default()
            };
            for e in group.iter() {
                w.end_ns = w.end_ns.max(e.end_ns());
                match **e {
                    TraceEvent::Running { start_ns, end_ns } => {
                        w.running_spans += 1;
                        w.running_ns += end_ns - start_ns;
                    }
                    TraceEvent::Waiting { start_ns, end_ns } => w.waiting_ns += end_ns - start_ns,
                    TraceEvent::Blocked {
                        start_ns, end_ns, ..
                    } => {
                        w.blocked_spans += 1;
                        w.blocked_ns += end_ns - start_ns;
                    }
                    TraceEvent::ForcedSwitch { .. } => w.forced_switches += 1,
                    TraceEvent::DropRequest { .. } => w.drop_requests += 1,
                    _ => {}
                }
            }
            stats.windows += 1;
            stats.running_spans += runs;
            out.push(Shown::Merged(w));
        } else {
            out.extend(group.iter().map(|e| Shown::Event(e)));
        }
        group.clear();
    };
    for e in sorted {
        let short = |a: u64, b: u64| b.saturating_sub(a) < below_ns;
        let mergeable = match *e {
            TraceEvent::Running { start_ns, end_ns }
            | TraceEvent::Waiting { start_ns, end_ns }
            | TraceEvent::Blocked {
                start_ns, end_ns, ..
            } => short(start_ns, end_ns),
            TraceEvent::DropRequest { .. } | TraceEvent::ForcedSwitch { .. } => true,
            // A collector pause is always shown on its own, however short.
            TraceEvent::SwitchInterval { .. } | TraceEvent::Collect { .. } => false,
        };
        if !mergeable {
            flush(&mut group, &mut out, stats);
            out.push(Shown::Event(e));
            continue;
        }
        if let Some(first) = group.first() {
            if e.end_ns().saturating_sub(first.start_ns()) > below_ns {
                flush(&mut group, &mut out, stats);
            }
        }
        group.push(e);
    }
    flush(&mut group, &mut out, stats);
    stats.events_out += out.len() as u64;
    out
}

fn duration_to_ns(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// The last time anything happened in `traces`.
pub fn end_of_run(traces: &[ThreadTrace]) -> u64 {
    traces
        .iter()
        .flat_map(|t| t.events.iter())
        .map(TraceEvent::end_ns)
        .max()
        .unwrap_or(0)
}

/// How much [`clip_running_overlaps`] had to correct.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clipped {
    pub spans: u64,
    pub max_ns: u64,
}

/// Makes running spans of different threads disjoint. The GIL stamps an uncontended
/// take with a clock reading made *before* it locked its state mutex (one clock read
/// saved on the hot path), so a thread preempted between that reading and the lock
/// can appear to start running before the previous holder released. The thread
/// cannot have held the GIL before the release, so its start moves to the release;
/// the correction is reported in the trace metadata rather than hidden.
pub fn clip_running_overlaps(traces: &mut [ThreadTrace]) -> Clipped {
    let mut spans: Vec<(u64, usize, usize)> = Vec::new();
    for (ti, t) in traces.iter().enumerate() {
        for (ei, e) in t.events.iter().enumerate() {
            if let TraceEvent::Running { start_ns, .. } = *e {
                spans.push((start_ns, ti, ei));
            }
        }
    }
    spans.sort_unstable();
    let mut clipped = Clipped::default();
    let mut last_end = 0u64;
    for (_, ti, ei) in spans {
        if let TraceEvent::Running { start_ns, end_ns } = &mut traces[ti].events[ei] {
            if *start_ns < last_end {
                clipped.spans += 1;
                clipped.max_ns = clipped.max_ns.max(last_end - *start_ns);
                *start_ns = last_end.min(*end_ns);
            }
            last_end = last_end.max(*end_ns);
        }
    }
    clipped
}

/// Trace JSON for `traces` (threads in id order). Timestamps are microseconds with
/// nanosecond decimals, counted from the GIL's creation.
pub fn render(traces: &[ThreadTrace], meta: &TraceMeta) -> String {
    let mut traces = traces.to_vec();
    let clipped = clip_running_overlaps(&mut traces);
    let mut threads: Vec<&ThreadTrace> = traces.iter().collect();
    threads.sort_by_key(|t| t.thread_id);
    let history = IntervalHistory::from_traces(meta.switch_interval, &traces, end_of_run(&traces));
    let mut merge = MergeStats::default();
    let shown: Vec<Vec<Shown>> = threads
        .iter()
        .map(|t| merge_short_spans(&t.events, meta.merge_below, &mut merge))
        .collect();
    let loops = tasks::loops(&traces, end_of_run(&traces));

    let mut w = JsonWriter::new();
    w.open_obj();
    w.key("displayTimeUnit");
    w.string("ns");
    w.key("otherData");
    w.open_obj();
    w.key("program");
    w.string(&meta.program);
    w.key("gil");
    w.string(if meta.gil_off { "off" } else { "on" });
    w.key("gil_policy");
    w.string(meta.policy.name());
    w.key("switch_points");
    w.string(meta.switch_points.name());
    // The interval the run used for most of its time, then the whole history.
    w.key("switch_interval");
    w.string(&format_interval(history.main));
    w.key("switch_interval_ns");
    w.uint(history.main.as_nanos() as u64);
    w.key("switch_interval_summary");
    w.string(&history.describe());
    w.key("switch_interval_at_start_ns");
    w.uint(history.start.as_nanos() as u64);
    w.key("switch_interval_changes");
    w.open_arr();
    for c in &history.changes {
        w.open_obj();
        w.key("ts");
        w.fixed(us(c.at_ns), 3);
        w.key("interval");
        w.string(&format_interval(c.interval));
        w.key("interval_ns");
        w.uint(c.interval.as_nanos() as u64);
        w.key("thread");
        w.string(&c.thread);
        w.close_obj();
    }
    w.close_arr();
    w.key("threads");
    w.uint(threads.len() as u64);
    w.key("clock");
    w.string("microseconds since the GIL was created");
    w.key("running_starts_clipped");
    w.uint(clipped.spans);
    w.key("running_starts_clipped_max_ns");
    w.uint(clipped.max_ns);
    w.key("trace_merge");
    w.open_obj();
    w.key("below");
    w.string(&format_interval(meta.merge_below));
    w.key("below_ns");
    w.uint(meta.merge_below.as_nanos() as u64);
    w.key("what");
    w.string(&if meta.merge_below.is_zero() {
        "nothing merged (--trace-merge 0): every span and mark is an event".to_string()
    } else {
        format!(
            "per thread, consecutive running spans shorter than {below}, with the waits \
             and blocking calls under {below} and the drop-request and forced-switch marks \
             between them, are merged into windows of at most {below} (cat \"merged\", \
             name \"{MERGED}\"); each window's args give its span counts and its running, \
             waiting and blocked time",
            below = format_interval(meta.merge_below)
        )
    });
    w.key("windows");
    w.uint(merge.windows);
    w.key("running_spans_merged");
    w.uint(merge.running_spans);
    w.key("events_recorded");
    w.uint(merge.events_in);
    w.key("events_written");
    w.uint(merge.events_out);
    w.close_obj();
    w.key("asyncio_loops");
    w.open_arr();
    for l in &loops {
        w.open_obj();
        w.key("loop");
        w.uint(l.loop_id);
        w.key("thread");
        w.string(&format!("{} #{}", l.thread_name, l.thread_id));
        w.key("tid");
        w.uint(TASK_TID_BASE + l.loop_id);
        w.key("tasks");
        w.uint(l.tasks.len() as u64);
        w.key("task_lanes_shown");
        w.uint(l.tasks.len().min(MAX_TASK_LANES) as u64);
        w.key("steps");
        w.uint(l.steps.len() as u64);
        w.key("slow_steps");
        w.uint(l.slow_steps() as u64);
        w.close_obj();
    }
    w.close_arr();
    w.key("generator");
    w.string(concat!("gilvm ", env!("CARGO_PKG_VERSION")));
    w.close_obj();
    w.key("traceEvents");
    w.open_arr();

    let meta_event = |w: &mut JsonWriter, name: &str, tid: Option<u64>, arg: &str, v: &str| {
        w.newline();
        w.open_obj();
        w.key("ph");
        w.string("M");
        w.key("name");
        w.string(name);
        w.key("pid");
        w.uint(1);
        if let Some(tid) = tid {
            w.key("tid");
            w.uint(tid);
        }
        w.key("args");
        w.open_obj();
        w.key(arg);
        w.string(v);
        w.close_obj();
        w.close_obj();
    };
    meta_event(
        &mut w,
        "process_name",
        None,
        "name",
        &format!("gilvm {}", meta.program),
    );
    // Perfetto shows process labels next to the name: the settings are then on screen.
    meta_event(
        &mut w,
        "process_labels",
        None,
        "labels",
        &meta.gil_settings(&history.describe()),
    );
    // Tracks in order: each thread, then each loop it ran, each loop's tasks.
    let mut tracks: Vec<(u64, String)> = Vec::new();
    for t in &threads {
        tracks.push((t.thread_id, format!("{} #{}", t.name, t.thread_id)));
        for l in loops.iter().filter(|l| l.thread_id == t.thread_id) {
            tracks.push((TASK_TID_BASE + l.loop_id, l.label()));
            for lane in l.tasks.iter().take(MAX_TASK_LANES) {
                tracks.push((
                    TASK_TID_BASE + lane.task,
                    format!("  task {} (loop {})", lane.name, l.loop_id),
                ));
            }
        }
    }
    for (i, (tid, name)) in tracks.iter().enumerate() {
        meta_event(&mut w, "thread_name", Some(*tid), "name", name);
        w.newline();
        w.open_obj();
        w.key("ph");
        w.string("M");
        w.key("name");
        w.string("thread_sort_index");
        w.key("pid");
        w.uint(1);
        w.key("tid");
        w.uint(*tid);
        w.key("args");
        w.open_obj();
        w.key("sort_index");
        w.uint(i as u64 + 1);
        w.close_obj();
        w.close_obj();
    }

    let mut previous = history.start;
    for (t, items) in threads.iter().zip(&shown) {
        for item in items {
            let ev = match item {
                Shown::Merged(m) => {
                    merged(&mut w, t.thread_id, m);
                    continue;
                }
                Shown::Event(ev) => *ev,
            };
            match *ev {
                TraceEvent::Running { start_ns, end_ns } => {
                    span(&mut w, t.thread_id, RUNNING, "running", start_ns, end_ns)
                }
                TraceEvent::Waiting { start_ns, end_ns } => {
                    span(&mut w, t.thread_id, WAITING, "waiting", start_ns, end_ns)
                }
                TraceEvent::Blocked {
                    reason,
                    start_ns,
                    end_ns,
                } => span(&mut w, t.thread_id, reason, "blocked", start_ns, end_ns),
                TraceEvent::DropRequest { at_ns } => {
                    instant(&mut w, t.thread_id, DROP_REQUEST, at_ns)
                }
                TraceEvent::ForcedSwitch { at_ns } => {
                    instant(&mut w, t.thread_id, FORCED_SWITCH, at_ns)
                }
                TraceEvent::SwitchInterval { .. } => {}
                TraceEvent::Collect {
                    start_ns, end_ns, ..
                } => span(&mut w, t.thread_id, GC, "gc", start_ns, end_ns),
            }
        }
    }
    for l in &loops {
        loop_lane(&mut w, l, meta.merge_below);
        for lane in l.tasks.iter().take(MAX_TASK_LANES) {
            task_lane(&mut w, lane, meta.merge_below);
        }
    }
    // Interval changes in time order (each knows the one before), drawn across all
    // tracks: the interval is the whole interpreter's, whoever set it.
    for c in &history.changes {
        w.newline();
        w.open_obj();
        w.key("ph");
        w.string("i");
        w.key("s");
        w.string("g");
        w.key("name");
        w.string(&format!(
            "{SWITCH_INTERVAL} set to {}",
            format_interval(c.interval)
        ));
        w.key("cat");
        w.string("switch_interval");
        w.key("pid");
        w.uint(1);
        w.key("tid");
        w.uint(c.thread_id);
        w.key("ts");
        w.fixed(us(c.at_ns), 3);
        w.key("args");
        w.open_obj();
        w.key("interval_ns");
        w.uint(c.interval.as_nanos() as u64);
        w.key("previous_ns");
        w.uint(previous.as_nanos() as u64);
        w.key("by");
        w.string(&c.thread);
        w.close_obj();
        w.close_obj();
        previous = c.interval;
    }
    w.newline();
    w.close_arr();
    w.close_obj();
    let mut out = w.finish();
    out.push('\n');
    out
}

/// A loop's lane: every step of every task, named by the task; short steps merged.
fn loop_lane(w: &mut JsonWriter, l: &LoopLanes, below: Duration) {
    let tid = TASK_TID_BASE + l.loop_id;
    let step = TaskState::Step;
    let spans: Vec<(&TaskState, u64, u64, bool)> = l
        .steps
        .iter()
        .map(|s| (&step, s.start_ns, s.end_ns, s.slow))
        .collect();
    for item in tasks::merge_short(&spans, duration_to_ns(below)) {
        match item {
            ShownSpan::Window(m) => task_window(w, tid, &m),
            ShownSpan::Span(i) => {
                let s = &l.steps[i];
                let name = if s.slow {
                    format!("{} (slow step)", s.name)
                } else {
                    s.name.to_string()
                };
                task_span(w, tid, &name, step_cat(s.slow), s.start_ns, s.end_ns, |w| {
                    w.key("task");
                    w.string(&s.name);
                    w.key("then");
                    w.string(&s.after);
                });
            }
        }
    }
}

fn step_cat(slow: bool) -> &'static str {
    if slow {
        "task_step_slow"
    } else {
        "task_step"
    }
}

/// A task's lane: its steps, the time it was ready, and what it awaited.
fn task_lane(w: &mut JsonWriter, lane: &tasks::TaskLane, below: Duration) {
    let tid = TASK_TID_BASE + lane.task;
    let spans: Vec<(&TaskState, u64, u64, bool)> = lane
        .spans
        .iter()
        .map(|s| (&s.state, s.start_ns, s.end_ns, s.slow))
        .collect();
    for item in tasks::merge_short(&spans, duration_to_ns(below)) {
        match item {
            ShownSpan::Window(m) => task_window(w, tid, &m),
            ShownSpan::Span(i) => {
                let s = &lane.spans[i];
                match &s.state {
                    TaskState::Step => {
                        let name = if s.slow { "slow step" } else { TASK_STEP };
                        task_span(w, tid, name, step_cat(s.slow), s.start_ns, s.end_ns, |w| {
                            w.key("then");
                            w.string(&s.after);
                        })
                    }
                    TaskState::Ready => task_span(
                        w,
                        tid,
                        TASK_READY,
                        "task_ready",
                        s.start_ns,
                        s.end_ns,
                        |_| {},
                    ),
                    TaskState::Due => {
                        task_span(w, tid, TASK_DUE, "task_due", s.start_ns, s.end_ns, |_| {})
                    }
                    TaskState::Waiting(on) => task_span(
                        w,
                        tid,
                        &format!("awaits {on}"),
                        "task_waiting",
                        s.start_ns,
                        s.end_ns,
                        |w| {
                            w.key("awaits");
                            w.string(on);
                        },
                    ),
                }
            }
        }
    }
}

fn task_span(
    w: &mut JsonWriter,
    tid: u64,
    name: &str,
    cat: &str,
    start_ns: u64,
    end_ns: u64,
    args: impl FnOnce(&mut JsonWriter),
) {
    w.newline();
    w.open_obj();
    w.key("ph");
    w.string("X");
    w.key("name");
    w.string(name);
    w.key("cat");
    w.string(cat);
    w.key("pid");
    w.uint(1);
    w.key("tid");
    w.uint(tid);
    w.key("ts");
    w.fixed(us(start_ns), 3);
    w.key("dur");
    w.fixed(us(end_ns.saturating_sub(start_ns)), 3);
    w.key("args");
    w.open_obj();
    w.key("state");
    w.string(cat);
    args(w);
    w.key("start_ns");
    w.uint(start_ns);
    w.key("end_ns");
    w.uint(end_ns);
    w.close_obj();
    w.close_obj();
}

fn task_window(w: &mut JsonWriter, tid: u64, m: &tasks::TaskWindow) {
    task_span(
        w,
        tid,
        TASK_MERGED,
        "task_merged",
        m.start_ns,
        m.end_ns,
        |w| {
            w.key("steps");
            w.uint(m.steps);
            w.key("step_ns");
            w.uint(m.step_ns);
            w.key("ready_ns");
            w.uint(m.ready_ns);
            w.key("waiting_ns");
            w.uint(m.waiting_ns);
        },
    );
}

fn merged(w: &mut JsonWriter, tid: u64, m: &MergedWindow) {
    w.newline();
    w.open_obj();
    w.key("ph");
    w.string("X");
    w.key("name");
    w.string(MERGED);
    w.key("cat");
    w.string("merged");
    w.key("pid");
    w.uint(1);
    w.key("tid");
    w.uint(tid);
    w.key("ts");
    w.fixed(us(m.start_ns), 3);
    w.key("dur");
    w.fixed(us(m.end_ns.saturating_sub(m.start_ns)), 3);
    w.key("args");
    w.open_obj();
    w.key("state");
    w.string("merged");
    w.key("running_spans");
    w.uint(m.running_spans);
    w.key("running_ns");
    w.uint(m.running_ns);
    w.key("waiting_ns");
    w.uint(m.waiting_ns);
    w.key("blocked_spans");
    w.uint(m.blocked_spans);
    w.key("blocked_ns");
    w.uint(m.blocked_ns);
    w.key("forced_switches");
    w.uint(m.forced_switches);
    w.key("drop_requests");
    w.uint(m.drop_requests);
    w.key("start_ns");
    w.uint(m.start_ns);
    w.key("end_ns");
    w.uint(m.end_ns);
    w.close_obj();
    w.close_obj();
}

fn us(ns: u64) -> f64 {
    ns as f64 / 1e3
}

fn span(w: &mut JsonWriter, tid: u64, name: &str, state: &str, start_ns: u64, end_ns: u64) {
    w.newline();
    w.open_obj();
    w.key("ph");
    w.string("X");
    w.key("name");
    w.string(name);
    w.key("cat");
    w.string(state);
    w.key("pid");
    w.uint(1);
    w.key("tid");
    w.uint(tid);
    w.key("ts");
    w.fixed(us(start_ns), 3);
    w.key("dur");
    w.fixed(us(end_ns.saturating_sub(start_ns)), 3);
    w.key("args");
    w.open_obj();
    w.key("state");
    w.string(state);
    // Exact integers too: float microseconds lose nothing at these magnitudes, but
    // tests and scripts comparing span edges should not have to trust that.
    w.key("start_ns");
    w.uint(start_ns);
    w.key("end_ns");
    w.uint(end_ns);
    w.close_obj();
    w.close_obj();
}

fn instant(w: &mut JsonWriter, tid: u64, name: &str, at_ns: u64) {
    w.newline();
    w.open_obj();
    w.key("ph");
    w.string("i");
    w.key("s");
    w.string("t");
    w.key("name");
    w.string(name);
    w.key("cat");
    w.string("gil");
    w.key("pid");
    w.uint(1);
    w.key("tid");
    w.uint(tid);
    w.key("ts");
    w.fixed(us(at_ns), 3);
    w.close_obj();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::instruments::json::parse;

    #[test]
    fn intervals_read_naturally() {
        assert_eq!(format_interval(Duration::from_micros(100)), "100us");
        assert_eq!(format_interval(Duration::from_micros(500)), "500us");
        assert_eq!(format_interval(Duration::from_millis(5)), "5ms");
        assert_eq!(format_interval(Duration::from_micros(1500)), "1.5ms");
        assert_eq!(format_interval(Duration::from_secs(2)), "2s");
    }

    #[test]
    fn overlapping_running_starts_are_clipped() {
        let mk = |id, a, b| ThreadTrace {
            thread_id: id,
            name: "t".into(),
            events: vec![TraceEvent::Running {
                start_ns: a,
                end_ns: b,
            }],
            tasks: vec![],
        };
        let mut ts = vec![mk(1, 0, 100), mk(2, 90, 200), mk(3, 200, 300)];
        let c = clip_running_overlaps(&mut ts);
        assert_eq!(
            c,
            Clipped {
                spans: 1,
                max_ns: 10
            }
        );
        assert_eq!(
            ts[1].events[0],
            TraceEvent::Running {
                start_ns: 100,
                end_ns: 200
            }
        );
    }

    #[test]
    fn short_spans_merge_into_bounded_windows() {
        use TraceEvent::*;
        let evs = vec![
            Running {
                start_ns: 0,
                end_ns: 10,
            },
            ForcedSwitch { at_ns: 10 },
            // Appended after the span it lies in, as the GIL does: sorted by time.
            Waiting {
                start_ns: 10,
                end_ns: 30,
            },
            DropRequest { at_ns: 20 },
            Running {
                start_ns: 30,
                end_ns: 40,
            },
            Blocked {
                reason: "Lock.acquire",
                start_ns: 40,
                end_ns: 60,
            },
            Running {
                start_ns: 60,
                end_ns: 70,
            },
            Blocked {
                reason: "time.sleep",
                start_ns: 70,
                end_ns: 2_000,
            },
            Running {
                start_ns: 2_000,
                end_ns: 2_010,
            },
            Running {
                start_ns: 2_010,
                end_ns: 7_000,
            },
        ];
        let mut st = MergeStats::default();
        let shown = merge_short_spans(&evs, Duration::from_nanos(1_000), &mut st);
        assert_eq!(
            shown[0],
            Shown::Merged(MergedWindow {
                start_ns: 0,
                end_ns: 70,
                running_spans: 3,
                running_ns: 30,
                waiting_ns: 20,
                blocked_spans: 1,
                blocked_ns: 20,
                forced_switches: 1,
                drop_requests: 1,
            })
        );
        // A long blocking call breaks the window; a lone short span and a long one stay.
        assert_eq!(shown[1], Shown::Event(&evs[7]));
        assert_eq!(shown[2], Shown::Event(&evs[8]));
        assert_eq!(shown[3], Shown::Event(&evs[9]));
        assert_eq!(shown.len(), 4);
        assert_eq!(
            st,
            MergeStats {
                windows: 1,
                running_spans: 3,
                events_in: 10,
                events_out: 4,
            }
        );
        // Windows never grow past the threshold.
        let evs: Vec<TraceEvent> = (0..5)
            .map(|i| Running {
                start_ns: i * 400,
                end_ns: i * 400 + 300,
            })
            .collect();
        let shown = merge_short_spans(&evs, Duration::from_nanos(1_000), &mut st);
        let ends: Vec<u64> = shown
            .iter()
            .map(|s| match s {
                Shown::Merged(m) => m.end_ns - m.start_ns,
                Shown::Event(e) => e.end_ns() - e.start_ns(),
            })
            .collect();
        assert_eq!(ends, [700, 700, 300]);
        // Zero merges nothing.
        let shown = merge_short_spans(&evs, Duration::ZERO, &mut st);
        assert!(shown.iter().all(|s| matches!(s, Shown::Event(_))));
    }

    #[test]
    fn interval_history_names_the_interval_used_longest() {
        let t = ThreadTrace {
            thread_id: 1,
            name: "MainThread".into(),
            events: vec![
                TraceEvent::SwitchInterval {
                    at_ns: 300_000,
                    interval_ns: 20_000_000,
                },
                TraceEvent::Running {
                    start_ns: 0,
                    end_ns: 90_000_000,
                },
            ],
            tasks: vec![],
        };
        let traces = [t];
        let h =
            IntervalHistory::from_traces(Duration::from_millis(5), &traces, end_of_run(&traces));
        assert_eq!(h.main, Duration::from_millis(20));
        assert_eq!(
            h.describe(),
            "20ms (5ms at start; set to 20ms at 300 us by MainThread #1)"
        );
        let none = IntervalHistory::from_traces(Duration::from_millis(5), &[], 0);
        assert_eq!(none.describe(), "5ms");
    }

    #[test]
    fn renders_parseable_json_with_tracks() {
        let traces = vec![ThreadTrace {
            thread_id: 1,
            name: "Main\"Thread".into(),
            events: vec![
                TraceEvent::Running {
                    start_ns: 10,
                    end_ns: 2_000,
                },
                TraceEvent::Blocked {
                    reason: "time.sleep",
                    start_ns: 2_000,
                    end_ns: 9_000,
                },
                TraceEvent::DropRequest { at_ns: 9_500 },
            ],
            tasks: vec![],
        }];
        let meta = TraceMeta {
            program: "p.py".into(),
            switch_interval: Duration::from_millis(5),
            merge_below: Duration::ZERO,
            policy: SwitchPolicy::Bfs,
            switch_points: SwitchPoints::Cpython,
            gil_off: false,
        };
        let v = parse(&render(&traces, &meta)).unwrap();
        let other = v.get("otherData").unwrap();
        assert_eq!(other.get("switch_interval_ns").unwrap().as_f64(), Some(5e6));
        assert_eq!(other.get("gil_policy").unwrap().as_str(), Some("bfs"));
        assert_eq!(
            other.get("switch_points").unwrap().as_str(),
            Some("cpython")
        );
        let evs = v.get("traceEvents").unwrap().as_array().unwrap();
        assert!(evs
            .iter()
            .any(|e| e.get("name").and_then(|n| n.as_str()) == Some("time.sleep")));
    }
}
