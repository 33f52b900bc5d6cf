//! Instruments for seeing and measuring the GIL: Chrome trace JSON and SVG timelines
//! of a run, per-thread stats as JSON, and the `gilvm bench` grid runner with its charts.
//! Everything here reads what `crate::gil` already records; nothing here runs on the hot path.

pub mod bench;
pub mod chrome_trace;
pub mod json;
pub mod race;
pub mod race_probe;
pub mod svg;
pub mod tasks;

use crate::gil::ThreadStats;
use json::JsonWriter;

/// Per-thread GIL statistics as JSON (`gilvm run --gil-stats-json FILE`). `gilvm bench`
/// reads this back from each cell's subprocess, so field names are part of its contract.
pub fn stats_json(stats: &[ThreadStats], meta: &chrome_trace::TraceMeta) -> String {
    let mut w = JsonWriter::new();
    w.open_obj();
    w.key("switch_interval_ns");
    w.uint(meta.switch_interval.as_nanos() as u64);
    w.key("gil_policy");
    w.string(meta.policy.name());
    w.key("switch_points");
    w.string(meta.switch_points.name());
    w.key("threads");
    w.open_arr();
    for s in stats {
        w.open_obj();
        w.key("id");
        w.uint(s.thread_id);
        w.key("name");
        w.string(&s.name);
        w.key("finished");
        w.bool(s.finished);
        // A summary row of this many finished threads (0: one thread's own row).
        w.key("merged_threads");
        w.uint(s.merged);
        w.key("held_ns");
        w.uint(s.held.as_nanos() as u64);
        w.key("cpu_ns");
        w.uint(s.cpu.as_nanos() as u64);
        w.key("waiting_ns");
        w.uint(s.waiting.as_nanos() as u64);
        w.key("blocked_ns");
        w.uint(s.blocked.as_nanos() as u64);
        w.key("acquisitions");
        w.uint(s.acquisitions);
        w.key("forced_switches");
        w.uint(s.forced_switches);
        w.key("drop_requests");
        w.uint(s.drop_requests);
        w.key("voluntary_releases");
        w.uint(s.voluntary_releases);
        // Cycle collections this thread ran and their pause, the GIL held throughout.
        w.key("gc_collections");
        w.uint(s.gc_collections);
        w.key("gc_ns");
        w.uint(s.gc_time.as_nanos() as u64);
        // --gil off: waits for another thread's object lock (zero with the GIL).
        w.key("object_lock_waits");
        w.uint(s.cell_waits);
        w.key("object_lock_wait_ns");
        w.uint(s.cell_wait_time.as_nanos() as u64);
        w.key("blocked_by_reason");
        w.open_arr();
        for b in &s.blocked_by_reason {
            w.open_obj();
            w.key("reason");
            w.string(b.reason);
            w.key("calls");
            w.uint(b.calls);
            w.key("ns");
            w.uint(b.time.as_nanos() as u64);
            w.close_obj();
        }
        w.close_arr();
        w.close_obj();
    }
    w.close_arr();
    w.close_obj();
    let mut out = w.finish();
    out.push('\n');
    out
}
