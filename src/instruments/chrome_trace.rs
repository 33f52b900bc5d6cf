//! Renders the GIL's per-thread event buffers in the Chrome trace event format
//! (JSON object form), which chrome://tracing and ui.perfetto.dev open directly.

use super::json::JsonWriter;
use crate::gil::{SwitchPoints, SwitchPolicy, ThreadTrace, TraceEvent};
use std::time::Duration;

/// What a trace says about the run as a whole.
#[derive(Clone, Debug)]
pub struct TraceMeta {
    /// The program as given on the command line (`<string>` for `-c`).
    pub program: String,
    pub switch_interval: Duration,
    /// `--gil-policy` and `--switch-points` of the run.
    pub policy: SwitchPolicy,
    pub switch_points: SwitchPoints,
}

impl TraceMeta {
    /// The run's GIL settings in one line, for headers: `policy cpython, switch
    /// points every, switch interval 5ms`.
    pub fn gil_settings(&self) -> String {
        format!(
            "policy {}, switch points {}, switch interval {}",
            self.policy.name(),
            self.switch_points.name(),
            format_interval(self.switch_interval)
        )
    }
}

/// Span names as they appear in the viewer; blocked spans are named by the call instead.
pub const RUNNING: &str = "running (holds GIL)";
pub const WAITING: &str = "waiting for GIL";
pub const DROP_REQUEST: &str = "drop request";
pub const FORCED_SWITCH: &str = "forced switch";

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
    let interval = format_interval(meta.switch_interval);

    let mut w = JsonWriter::new();
    w.open_obj();
    w.key("displayTimeUnit");
    w.string("ns");
    w.key("otherData");
    w.open_obj();
    w.key("program");
    w.string(&meta.program);
    w.key("switch_interval");
    w.string(&interval);
    w.key("switch_interval_ns");
    w.uint(meta.switch_interval.as_nanos() as u64);
    w.key("gil_policy");
    w.string(meta.policy.name());
    w.key("switch_points");
    w.string(meta.switch_points.name());
    w.key("threads");
    w.uint(threads.len() as u64);
    w.key("clock");
    w.string("microseconds since the GIL was created");
    w.key("running_starts_clipped");
    w.uint(clipped.spans);
    w.key("running_starts_clipped_max_ns");
    w.uint(clipped.max_ns);
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
        &meta.gil_settings(),
    );
    for t in &threads {
        meta_event(
            &mut w,
            "thread_name",
            Some(t.thread_id),
            "name",
            &format!("{} #{}", t.name, t.thread_id),
        );
        w.newline();
        w.open_obj();
        w.key("ph");
        w.string("M");
        w.key("name");
        w.string("thread_sort_index");
        w.key("pid");
        w.uint(1);
        w.key("tid");
        w.uint(t.thread_id);
        w.key("args");
        w.open_obj();
        w.key("sort_index");
        w.uint(t.thread_id);
        w.close_obj();
        w.close_obj();
    }

    for t in &threads {
        for ev in &t.events {
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
            }
        }
    }
    w.newline();
    w.close_arr();
    w.close_obj();
    let mut out = w.finish();
    out.push('\n');
    out
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
        }];
        let meta = TraceMeta {
            program: "p.py".into(),
            switch_interval: Duration::from_millis(5),
            policy: SwitchPolicy::Bfs,
            switch_points: SwitchPoints::Cpython,
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
