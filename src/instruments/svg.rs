//! Standalone SVG drawings: the per-thread GIL timeline of one run (`run --timeline`)
//! and the line charts of `gilvm bench --svg`. Plain `<rect>`/`<polyline>`/`<text>`,
//! so any browser renders them and they diff reasonably in git.

use super::chrome_trace::{
    clip_running_overlaps, end_of_run, format_interval, IntervalHistory, TraceMeta,
};
use super::tasks::{self, LoopLanes, TaskState};
use crate::gil::{ThreadTrace, TraceEvent};
use std::fmt::Write as _;
use std::time::Duration;

pub const COLOR_RUNNING: &str = "#2e9e44";
pub const COLOR_WAITING: &str = "#f08a24";
pub const COLOR_BLOCKED: &str = "#7d9dc2";
pub const COLOR_DROP: &str = "#c81e1e";
pub const COLOR_FORCED: &str = "#222222";
pub const COLOR_INTERVAL: &str = "#8a2be2";
pub const COLOR_TASK_READY: &str = "#f2c94c";
pub const COLOR_TASK_WAITING: &str = "#c9d6e3";
pub const COLOR_SLOW: &str = "#c81e1e";
/// Task lanes drawn per event loop; the loop's own lane shows every task's steps.
pub const MAX_SVG_TASK_LANES: usize = 16;
const FONT: &str = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";

/// Escapes text for SVG content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push('?'),
            c => out.push(c),
        }
    }
    out
}

/// `12.5 ms`, `800 us`, `3 s`: the unit chosen so the number stays short.
pub fn format_ns(ns: f64) -> String {
    if ns == 0.0 {
        return "0".into();
    }
    let (v, unit) = if ns.abs() < 1e3 {
        (ns, "ns")
    } else if ns.abs() < 1e6 {
        (ns / 1e3, "us")
    } else if ns.abs() < 1e9 {
        (ns / 1e6, "ms")
    } else {
        (ns / 1e9, "s")
    };
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} {unit}")
}

/// A step of 1, 2 or 5 times a power of ten giving about `target` ticks over `range`.
fn nice_step(range: f64, target: f64) -> f64 {
    if range <= 0.0 || !range.is_finite() {
        return 1.0;
    }
    let raw = range / target;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let m = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    m * mag
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cell {
    Idle,
    Running,
    Waiting,
    /// Index into the lane's list of blocking reasons.
    Blocked(usize),
}

/// What one thread did, reduced to one state per pixel column.
struct Lane {
    label: String,
    cells: Vec<Cell>,
    reasons: Vec<&'static str>,
    /// Per reason (same order): calls and total ns, for the lane's tooltip, so a
    /// blocking call shows even where other states cover more of its pixels.
    reason_calls: Vec<u64>,
    reason_ns: Vec<u64>,
    drops: Vec<usize>,
    forced: Vec<usize>,
    running_ns: u64,
    waiting_ns: u64,
    blocked_ns: u64,
}

/// Reduces a thread's events to pixel columns. Each column takes the state that
/// covered most of it, which is how spans shorter than a pixel merge instead of
/// being drawn as thousands of invisible rectangles.
fn lane(t: &ThreadTrace, cols: usize, ns_per_col: f64) -> Lane {
    // Per column: ns running, waiting, and blocked per reason.
    let mut run = vec![0f64; cols];
    let mut wait = vec![0f64; cols];
    let mut reasons: Vec<&'static str> = Vec::new();
    let (mut reason_calls, mut reason_ns): (Vec<u64>, Vec<u64>) = (Vec::new(), Vec::new());
    let mut blocked: Vec<Vec<f64>> = Vec::new();
    let (mut drops, mut forced) = (Vec::new(), Vec::new());
    let (mut running_ns, mut waiting_ns, mut blocked_ns) = (0u64, 0u64, 0u64);
    let col_of = |ns: u64| ((ns as f64 / ns_per_col) as usize).min(cols - 1);
    let spread = |acc: &mut Vec<f64>, a: u64, b: u64| {
        if b <= a {
            return;
        }
        let (a, b) = (a as f64, b as f64);
        let first = ((a / ns_per_col) as usize).min(cols - 1);
        let last = ((b / ns_per_col) as usize).min(cols - 1);
        for (c, slot) in acc.iter_mut().enumerate().take(last + 1).skip(first) {
            let lo = a.max(c as f64 * ns_per_col);
            let hi = b.min((c + 1) as f64 * ns_per_col);
            if hi > lo {
                *slot += hi - lo;
            }
        }
    };
    for ev in &t.events {
        match *ev {
            TraceEvent::Running { start_ns, end_ns } => {
                running_ns += end_ns.saturating_sub(start_ns);
                spread(&mut run, start_ns, end_ns);
            }
            TraceEvent::Waiting { start_ns, end_ns } => {
                waiting_ns += end_ns.saturating_sub(start_ns);
                spread(&mut wait, start_ns, end_ns);
            }
            TraceEvent::Blocked {
                reason,
                start_ns,
                end_ns,
            } => {
                blocked_ns += end_ns.saturating_sub(start_ns);
                let i = match reasons.iter().position(|r| *r == reason) {
                    Some(i) => i,
                    None => {
                        reasons.push(reason);
                        reason_calls.push(0);
                        reason_ns.push(0);
                        blocked.push(vec![0f64; cols]);
                        reasons.len() - 1
                    }
                };
                reason_calls[i] += 1;
                reason_ns[i] += end_ns.saturating_sub(start_ns);
                spread(&mut blocked[i], start_ns, end_ns);
            }
            TraceEvent::DropRequest { at_ns } => drops.push(col_of(at_ns)),
            TraceEvent::ForcedSwitch { at_ns } => forced.push(col_of(at_ns)),
            // Drawn across all lanes by `timeline`.
            TraceEvent::SwitchInterval { .. } => {}
            // A collector pause (GIL held): drawn as a reason of its own, over the
            // running time it is part of, and not counted as blocked.
            TraceEvent::Collect {
                start_ns, end_ns, ..
            } => {
                let reason = "gc (GIL held)";
                let i = match reasons.iter().position(|r| *r == reason) {
                    Some(i) => i,
                    None => {
                        reasons.push(reason);
                        reason_calls.push(0);
                        reason_ns.push(0);
                        blocked.push(vec![0f64; cols]);
                        reasons.len() - 1
                    }
                };
                reason_calls[i] += 1;
                reason_ns[i] += end_ns.saturating_sub(start_ns);
                // Twice the weight, so a column mostly spent collecting shows it
                // rather than the running span it sits in.
                spread(&mut blocked[i], start_ns, end_ns);
                spread(&mut blocked[i], start_ns, end_ns);
            }
        }
    }
    drops.dedup();
    forced.dedup();
    let cells = (0..cols)
        .map(|c| {
            let mut best = (Cell::Idle, 0f64);
            for (cell, v) in [(Cell::Running, run[c]), (Cell::Waiting, wait[c])]
                .into_iter()
                .chain(
                    blocked
                        .iter()
                        .enumerate()
                        .map(|(i, b)| (Cell::Blocked(i), b[c])),
                )
            {
                if v > best.1 {
                    best = (cell, v);
                }
            }
            best.0
        })
        .collect();
    Lane {
        label: format!("{} #{}", t.name, t.thread_id),
        cells,
        reasons,
        reason_calls,
        reason_ns,
        drops,
        forced,
        running_ns,
        waiting_ns,
        blocked_ns,
    }
}

/// The timeline SVG: a lane per thread coloured by GIL state, a time axis, a legend.
pub fn timeline(traces: &[ThreadTrace], meta: &TraceMeta) -> String {
    let mut traces = traces.to_vec();
    clip_running_overlaps(&mut traces);
    let mut threads: Vec<&ThreadTrace> = traces.iter().collect();
    threads.sort_by_key(|t| t.thread_id);
    let end_ns = end_of_run(&traces).max(1);
    let history = IntervalHistory::from_traces(meta.switch_interval, &traces, end_ns);

    const WIDTH: usize = 1200;
    const LEFT: usize = 190;
    const RIGHT: usize = 30;
    const TOP: usize = 60;
    const LANE_H: usize = 26;
    const LANE_GAP: usize = 14;
    let cols = WIDTH - LEFT - RIGHT;
    let ns_per_col = end_ns as f64 / cols as f64;
    let lanes: Vec<Lane> = threads.iter().map(|t| lane(t, cols, ns_per_col)).collect();
    let loops = tasks::loops(&traces, end_ns);
    // Rows top to bottom: each thread, then the loops it ran, each with its tasks.
    const TASK_H: usize = 12;
    const TASK_GAP: usize = 4;
    let mut thread_y = Vec::with_capacity(lanes.len());
    let mut loop_rows: Vec<(usize, &LoopLanes)> = Vec::new();
    let mut y = TOP;
    for t in &threads {
        thread_y.push(y);
        y += LANE_H + LANE_GAP;
        for l in loops.iter().filter(|l| l.thread_id == t.thread_id) {
            loop_rows.push((y, l));
            let shown = l.tasks.len().min(MAX_SVG_TASK_LANES);
            y += (1 + shown + usize::from(l.tasks.len() > shown)) * (TASK_H + TASK_GAP) + LANE_GAP;
        }
    }
    let axis_y = y + 4;
    let height = axis_y + 100;

    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" {FONT} font-size=\"13\">"
    );
    let _ = writeln!(
        s,
        "<rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{height}\" fill=\"white\"/>"
    );
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">GIL timeline: {}</text>",
        esc(&meta.program)
    );
    let _ = writeln!(
        s,
        "<text x=\"{LEFT}\" y=\"44\" fill=\"#444\">{}, {} thread(s), {} wall; one pixel = {}</text>",
        esc(&meta.gil_settings(&history.describe())),
        lanes.len(),
        format_ns(end_ns as f64),
        format_ns(ns_per_col)
    );

    for (&(y, l), _) in loop_rows.iter().zip(0..) {
        task_rows(&mut s, l, y, LEFT, cols, ns_per_col, TASK_H, TASK_GAP);
    }
    for (i, l) in lanes.iter().enumerate() {
        let y = thread_y[i];
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LEFT - 8,
            y + 12,
            esc(&l.label)
        );
        let pct = |ns: u64| 100.0 * ns as f64 / end_ns as f64;
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\" fill=\"#555\">run {:.0}% wait {:.0}% blocked {:.0}%</text>",
            LEFT - 8,
            y + 24,
            pct(l.running_ns),
            pct(l.waiting_ns),
            pct(l.blocked_ns)
        );
        let mut tip = format!(
            "{}: running {}, waiting {}, blocked {}",
            l.label,
            format_ns(l.running_ns as f64),
            format_ns(l.waiting_ns as f64),
            format_ns(l.blocked_ns as f64)
        );
        for ((r, calls), ns) in l.reasons.iter().zip(&l.reason_calls).zip(&l.reason_ns) {
            let _ = write!(
                tip,
                "; blocked in {r}: {calls} call(s), {}",
                format_ns(*ns as f64)
            );
        }
        let _ = writeln!(
            s,
            "<rect x=\"{LEFT}\" y=\"{y}\" width=\"{cols}\" height=\"{LANE_H}\" fill=\"#f4f4f4\"><title>{}</title></rect>",
            esc(&tip)
        );
        let mut c = 0;
        while c < cols {
            let cell = l.cells[c];
            let start = c;
            while c < cols && l.cells[c] == cell {
                c += 1;
            }
            let (color, what) = match cell {
                Cell::Idle => continue,
                Cell::Running => (COLOR_RUNNING, "running".to_string()),
                Cell::Waiting => (COLOR_WAITING, "waiting for GIL".to_string()),
                Cell::Blocked(r) => (COLOR_BLOCKED, format!("blocked in {}", l.reasons[r])),
            };
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{y}\" width=\"{}\" height=\"{LANE_H}\" fill=\"{color}\"><title>{} {} .. {}</title></rect>",
                LEFT + start,
                c - start,
                esc(&what),
                format_ns(start as f64 * ns_per_col),
                format_ns(c as f64 * ns_per_col)
            );
        }
        // Drop requests tick the top edge of the requesting (waiting) thread's lane,
        // forced switches the bottom edge of the holder's lane that honoured one.
        for &d in &l.drops {
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"1\" height=\"7\" fill=\"{COLOR_DROP}\"/>",
                LEFT + d,
                y - 3
            );
        }
        for &f in &l.forced {
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"1\" height=\"7\" fill=\"{COLOR_FORCED}\"/>",
                LEFT + f,
                y + LANE_H - 4
            );
        }
    }

    // Interval changes: a line across every lane, labelled with the new interval.
    for c in &history.changes {
        let x = LEFT as f64 + (c.at_ns as f64 / ns_per_col).min(cols as f64 - 1.0);
        let _ = writeln!(
            s,
            "<line x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{axis_y}\" stroke=\"{COLOR_INTERVAL}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"><title>switch interval set to {} at {} by {}</title></line><text x=\"{:.1}\" y=\"{}\" font-size=\"10\" fill=\"{COLOR_INTERVAL}\">{}</text>",
            TOP - 8,
            format_interval(c.interval),
            format_ns(c.at_ns as f64),
            esc(&c.thread),
            x + 3.0,
            TOP - 2,
            format_interval(c.interval)
        );
    }

    // Time axis.
    let _ = writeln!(
        s,
        "<line x1=\"{LEFT}\" y1=\"{axis_y}\" x2=\"{}\" y2=\"{axis_y}\" stroke=\"#333\"/>",
        LEFT + cols
    );
    let step = nice_step(end_ns as f64, 10.0);
    let mut t = 0.0;
    while t <= end_ns as f64 + 1e-9 {
        let x = LEFT as f64 + t / ns_per_col;
        let _ = writeln!(
            s,
            "<line x1=\"{x:.1}\" y1=\"{axis_y}\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"#333\"/><text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{}</text>",
            axis_y + 5,
            axis_y + 18,
            format_ns(t)
        );
        t += step;
    }
    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#444\">time since the interpreter started</text>",
        LEFT + cols / 2,
        axis_y + 36
    );

    // Legend.
    let mut ly = axis_y + 56;
    let mut lx = LEFT;
    for (color, label, tick) in [
        (COLOR_RUNNING, "running (holds the GIL)", false),
        (COLOR_WAITING, "waiting for the GIL", false),
        (
            COLOR_BLOCKED,
            "blocked, GIL released (sleep, I/O, locks)",
            false,
        ),
        (COLOR_DROP, "drop request (top tick)", true),
        (COLOR_FORCED, "forced switch (bottom tick)", true),
    ]
    .into_iter()
    .chain(
        [
            (
                COLOR_TASK_READY,
                "task ready (queued, or its timer expired while the loop was busy)",
                false,
            ),
            (COLOR_TASK_WAITING, "task awaiting (hover: on what)", false),
            (COLOR_SLOW, "slow task step (underline)", true),
        ]
        .into_iter()
        .filter(|_| !loops.is_empty()),
    )
    .chain((!history.changes.is_empty()).then_some((
        COLOR_INTERVAL,
        "switch interval set (dashed line)",
        true,
    ))) {
        // Rough text width at 13px; wrap rather than run off the edge.
        let w = 30 + label.len() * 7;
        if lx + w > WIDTH && lx > LEFT {
            lx = LEFT;
            ly += 20;
        }
        if tick {
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"2\" height=\"14\" fill=\"{color}\"/>",
                lx + 5,
                ly - 11
            );
        } else {
            let _ = writeln!(
                s,
                "<rect x=\"{lx}\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{color}\"/>",
                ly - 11
            );
        }
        let _ = writeln!(s, "<text x=\"{}\" y=\"{ly}\">{label}</text>", lx + 19);
        lx += w;
    }
    s.push_str("</svg>\n");
    s
}

/// Per column, the state of a task lane that covered most of it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TaskCell {
    Idle,
    Step,
    Ready,
    /// Index into the lane's list of awaited things.
    Waiting(usize),
}

/// Reduces `(state, start, end)` spans to one cell per pixel column, as `lane` does.
fn task_cells(
    spans: &[(&TaskState, u64, u64)],
    cols: usize,
    ns_per_col: f64,
) -> (Vec<TaskCell>, Vec<String>) {
    let mut step = vec![0f64; cols];
    let mut ready = vec![0f64; cols];
    let mut labels: Vec<String> = Vec::new();
    let mut waiting: Vec<Vec<f64>> = Vec::new();
    let spread = |acc: &mut Vec<f64>, a: u64, b: u64| {
        if b <= a {
            return;
        }
        let (a, b) = (a as f64, b as f64);
        let first = ((a / ns_per_col) as usize).min(cols - 1);
        let last = ((b / ns_per_col) as usize).min(cols - 1);
        for (c, slot) in acc.iter_mut().enumerate().take(last + 1).skip(first) {
            let lo = a.max(c as f64 * ns_per_col);
            let hi = b.min((c + 1) as f64 * ns_per_col);
            if hi > lo {
                *slot += hi - lo;
            }
        }
    };
    for &(state, a, b) in spans {
        match state {
            TaskState::Step => spread(&mut step, a, b),
            TaskState::Ready | TaskState::Due => spread(&mut ready, a, b),
            TaskState::Waiting(on) => {
                let i = match labels.iter().position(|l| **l == **on) {
                    Some(i) => i,
                    None => {
                        labels.push(on.to_string());
                        waiting.push(vec![0f64; cols]);
                        labels.len() - 1
                    }
                };
                spread(&mut waiting[i], a, b);
            }
        }
    }
    let cells = (0..cols)
        .map(|c| {
            let mut best = (TaskCell::Idle, 0f64);
            // A step shorter than a pixel still shows: the task ran there.
            if step[c] > 0.0 && step[c] * 20.0 >= ns_per_col {
                return TaskCell::Step;
            }
            for (cell, v) in [(TaskCell::Step, step[c]), (TaskCell::Ready, ready[c])]
                .into_iter()
                .chain(
                    waiting
                        .iter()
                        .enumerate()
                        .map(|(i, w)| (TaskCell::Waiting(i), w[c])),
                )
            {
                if v > best.1 {
                    best = (cell, v);
                }
            }
            best.0
        })
        .collect();
    (cells, labels)
}

/// A loop's rows: its lane of steps, then a lane per task (the first
/// `MAX_SVG_TASK_LANES`), slow steps underlined in red.
#[allow(clippy::too_many_arguments)]
fn task_rows(
    s: &mut String,
    l: &LoopLanes,
    y0: usize,
    left: usize,
    cols: usize,
    ns_per_col: f64,
    h: usize,
    gap: usize,
) {
    let step = TaskState::Step;
    let mut rows: Vec<(String, String, Vec<(&TaskState, u64, u64)>, Vec<(u64, u64)>)> = Vec::new();
    rows.push((
        l.label(),
        format!(
            "{}: {} task(s), {} step(s), {} slow",
            l.label(),
            l.tasks.len(),
            l.steps.len(),
            l.slow_steps()
        ),
        l.steps
            .iter()
            .map(|st| (&step, st.start_ns, st.end_ns))
            .collect(),
        l.steps
            .iter()
            .filter(|st| st.slow)
            .map(|st| (st.start_ns, st.end_ns))
            .collect(),
    ));
    for t in l.tasks.iter().take(MAX_SVG_TASK_LANES) {
        let ended = match &t.ended {
            Some(e) => e.to_string(),
            None => "pending at exit".into(),
        };
        rows.push((
            format!("task {}", t.name),
            format!("task {}: {} step(s), {ended}", t.name, t.steps),
            t.spans
                .iter()
                .map(|sp| (&sp.state, sp.start_ns, sp.end_ns))
                .collect(),
            t.spans
                .iter()
                .filter(|sp| sp.slow)
                .map(|sp| (sp.start_ns, sp.end_ns))
                .collect(),
        ));
    }
    for (i, (label, tip, spans, slow)) in rows.iter().enumerate() {
        let y = y0 + i * (h + gap);
        let size = if i == 0 { 11 } else { 10 };
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"{size}\" fill=\"#333\">{}</text>",
            left - 8,
            y + h - 2,
            esc(label)
        );
        let _ = writeln!(
            s,
            "<rect x=\"{left}\" y=\"{y}\" width=\"{cols}\" height=\"{h}\" fill=\"#fafafa\"><title>{}</title></rect>",
            esc(tip)
        );
        let (cells, labels) = task_cells(spans, cols, ns_per_col);
        let mut c = 0;
        while c < cols {
            let cell = cells[c];
            let start = c;
            while c < cols && cells[c] == cell {
                c += 1;
            }
            let (color, what) = match cell {
                TaskCell::Idle => continue,
                TaskCell::Step => (COLOR_RUNNING, "step".to_string()),
                TaskCell::Ready => (COLOR_TASK_READY, "ready".to_string()),
                TaskCell::Waiting(w) => (COLOR_TASK_WAITING, format!("awaits {}", labels[w])),
            };
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{y}\" width=\"{}\" height=\"{h}\" fill=\"{color}\"><title>{} {} .. {}</title></rect>",
                left + start,
                c - start,
                esc(&what),
                format_ns(start as f64 * ns_per_col),
                format_ns(c as f64 * ns_per_col)
            );
        }
        for &(a, b) in slow {
            let x = (a as f64 / ns_per_col) as usize;
            let w = (((b as f64 / ns_per_col) as usize).saturating_sub(x)).max(2);
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{w}\" height=\"3\" fill=\"{COLOR_SLOW}\"><title>slow step: {}</title></rect>",
                left + x.min(cols - 1),
                y + h,
                format_ns(b.saturating_sub(a) as f64)
            );
        }
    }
    if l.tasks.len() > MAX_SVG_TASK_LANES {
        let y = y0 + rows.len() * (h + gap);
        let _ = writeln!(
            s,
            "<text x=\"{left}\" y=\"{}\" font-size=\"10\" fill=\"#555\">{} more task(s) not drawn; their steps are on the loop's lane</text>",
            y + h - 2,
            l.tasks.len() - MAX_SVG_TASK_LANES
        );
    }
}

/// One line of a chart.
#[derive(Clone, Debug)]
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
    pub dashed: bool,
    /// Palette index; series that belong together (median and p99) share one.
    pub color: usize,
}

/// One chart panel.
#[derive(Clone, Debug)]
pub struct Chart {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    /// Log-scaled x (switch intervals span orders of magnitude).
    pub x_log: bool,
    /// Ticks sit at these x values, labelled by `x_format`.
    pub x_ticks: Vec<f64>,
    pub x_format: fn(f64) -> String,
    pub series: Vec<Series>,
}

const PALETTE: [&str; 8] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf",
];
const PANEL_W: usize = 560;
const PANEL_H: usize = 380;

/// Charts laid out two per row in one SVG.
pub fn charts(title: &str, charts: &[Chart]) -> String {
    let rows = charts.len().div_ceil(2).max(1);
    let width = PANEL_W * 2;
    let height = 40 + rows * PANEL_H;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" {FONT} font-size=\"12\">"
    );
    let _ = writeln!(
        s,
        "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"white\"/>"
    );
    let _ = writeln!(
        s,
        "<text x=\"20\" y=\"26\" font-size=\"16\" font-weight=\"bold\">{}</text>",
        esc(title)
    );
    for (i, c) in charts.iter().enumerate() {
        panel(&mut s, c, (i % 2) * PANEL_W, 40 + (i / 2) * PANEL_H);
    }
    s.push_str("</svg>\n");
    s
}

fn panel(s: &mut String, c: &Chart, ox: usize, oy: usize) {
    let (l, r, t, b) = (70.0, 20.0, 30.0, 110.0);
    let (x0, y0) = (ox as f64 + l, oy as f64 + t);
    let (w, h) = (PANEL_W as f64 - l - r, PANEL_H as f64 - t - b);
    let pts = || c.series.iter().flat_map(|s| s.points.iter());
    let fx = |x: f64| if c.x_log { x.max(1e-300).ln() } else { x };
    let xs: Vec<f64> = pts()
        .map(|p| fx(p.0))
        .chain(c.x_ticks.iter().map(|&x| fx(x)))
        .collect();
    let (mut xmin, mut xmax) = xs
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
            (a.min(x), b.max(x))
        });
    if !xmin.is_finite() || !xmax.is_finite() {
        (xmin, xmax) = (0.0, 1.0);
    }
    if xmax - xmin < 1e-12 {
        xmin -= 0.5;
        xmax += 0.5;
    }
    let ymax_data = pts()
        .map(|p| p.1)
        .filter(|y| y.is_finite())
        .fold(0.0, f64::max);
    let ystep = nice_step(if ymax_data > 0.0 { ymax_data } else { 1.0 }, 5.0);
    let ymax = ((ymax_data / ystep).ceil() * ystep).max(ystep);
    let px = |x: f64| x0 + (fx(x) - xmin) / (xmax - xmin) * w;
    let py = |y: f64| y0 + h - y / ymax * h;

    let _ = writeln!(
        s,
        "<text x=\"{}\" y=\"{}\" font-size=\"14\" font-weight=\"bold\">{}</text>",
        x0,
        oy as f64 + 18.0,
        esc(&c.title)
    );
    let _ = writeln!(
        s,
        "<rect x=\"{x0}\" y=\"{y0}\" width=\"{w}\" height=\"{h}\" fill=\"none\" stroke=\"#999\"/>"
    );
    let mut y = 0.0;
    while y <= ymax + 1e-9 {
        let yy = py(y);
        let _ = writeln!(
            s,
            "<line x1=\"{x0}\" y1=\"{yy:.1}\" x2=\"{:.1}\" y2=\"{yy:.1}\" stroke=\"#e5e5e5\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            x0 + w,
            x0 - 6.0,
            yy + 4.0,
            trim_num(y)
        );
        y += ystep;
    }
    for &x in &c.x_ticks {
        let xx = px(x);
        let _ = writeln!(
            s,
            "<line x1=\"{xx:.1}\" y1=\"{y0}\" x2=\"{xx:.1}\" y2=\"{:.1}\" stroke=\"#e5e5e5\"/><text x=\"{xx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            y0 + h,
            y0 + h + 16.0,
            esc(&(c.x_format)(x))
        );
    }
    let _ = writeln!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
        x0 + w / 2.0,
        y0 + h + 34.0,
        esc(&c.x_label)
    );
    let _ = writeln!(
        s,
        "<text transform=\"translate({:.1},{:.1}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
        ox as f64 + 16.0,
        y0 + h / 2.0,
        esc(&c.y_label)
    );
    for (i, se) in c.series.iter().enumerate() {
        let color = if se.name.starts_with("ideal") {
            "#888888"
        } else {
            PALETTE[se.color % PALETTE.len()]
        };
        let dash = if se.dashed {
            " stroke-dasharray=\"6 4\""
        } else {
            ""
        };
        let coords: Vec<String> = se
            .points
            .iter()
            .filter(|p| p.1.is_finite())
            .map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y)))
            .collect();
        let _ = writeln!(
            s,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>",
            coords.join(" ")
        );
        for c in &coords {
            let (cx, cy) = c.split_once(',').unwrap_or(("0", "0"));
            let _ = writeln!(
                s,
                "<circle cx=\"{cx}\" cy=\"{cy}\" r=\"3\" fill=\"{color}\"/>"
            );
        }
        // Legend under the plot, three entries per row.
        let lx = x0 + (i % 3) as f64 * (w / 3.0);
        let ly = y0 + h + 56.0 + (i / 3) as f64 * 18.0;
        let _ = writeln!(
            s,
            "<line x1=\"{lx:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{color}\" stroke-width=\"2\"{dash}/><text x=\"{:.1}\" y=\"{ly:.1}\">{}</text>",
            ly - 4.0,
            lx + 22.0,
            ly - 4.0,
            lx + 27.0,
            esc(&se.name)
        );
    }
}

fn trim_num(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Formats a switch interval given in seconds (chart x values).
pub fn interval_label(secs: f64) -> String {
    format_interval(Duration::from_secs_f64(secs.max(0.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_runs_merge_subpixel_spans() {
        // 100k alternating 1 us spans over 0.2 s: far more spans than pixels.
        let mut events = Vec::new();
        for i in 0..100_000u64 {
            let a = i * 2_000;
            events.push(TraceEvent::Running {
                start_ns: a,
                end_ns: a + 1_000,
            });
            events.push(TraceEvent::Waiting {
                start_ns: a + 1_000,
                end_ns: a + 2_000,
            });
        }
        let t = ThreadTrace {
            thread_id: 1,
            name: "t".into(),
            events,
            tasks: vec![],
        };
        let meta = TraceMeta {
            program: "x<y>.py".into(),
            switch_interval: Duration::from_millis(5),
            merge_below: Duration::ZERO,
            policy: crate::gil::SwitchPolicy::IoPriority,
            switch_points: crate::gil::SwitchPoints::Cpython,
            gil_off: false,
        };
        let svg = timeline(&[t], &meta);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("policy io-priority, switch points cpython, switch interval 5ms"));
        assert!(svg.contains("x&lt;y&gt;.py"));
        assert!(
            svg.matches("<rect").count() < 2_000,
            "spans were not merged"
        );
    }

    #[test]
    fn empty_inputs_still_draw() {
        let meta = TraceMeta {
            program: "p".into(),
            switch_interval: Duration::from_millis(1),
            merge_below: Duration::ZERO,
            policy: Default::default(),
            switch_points: Default::default(),
            gil_off: false,
        };
        assert!(timeline(&[], &meta).ends_with("</svg>\n"));
        assert!(charts("t", &[]).ends_with("</svg>\n"));
    }
}
