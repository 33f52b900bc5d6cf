//! Per-thread GIL statistics and their human-readable table (`gilvm run --gil-stats`).
//!
//! Counters are plain fields owned by each thread's `ThreadGil`, so the hot path
//! never touches shared memory for bookkeeping; they are copied into the `Gil`'s
//! registry only at publication points (thread exit, `ThreadGil::publish_stats`).

use std::fmt::Write as _;
use std::time::Duration;

/// Time spent with the GIL released inside `ThreadGil::blocking`, for one reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockedStat {
    /// The static name given to `blocking`, e.g. `"time.sleep"`.
    pub reason: &'static str,
    pub calls: u64,
    pub time: Duration,
}

/// One thread's GIL accounting. All durations are wall-clock.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ThreadStats {
    /// Interpreter-local id (1, 2, ...), in registration order; not the OS id.
    pub thread_id: u64,
    pub name: String,
    /// False if this is the last published snapshot of a still-running thread.
    pub finished: bool,
    /// Time between taking the GIL and giving it up.
    pub held: Duration,
    /// Time spent wanting the GIL without having it (includes the wait after a
    /// forced switch until another thread has taken over).
    pub waiting: Duration,
    /// Time spent inside `blocking` calls with the GIL released.
    pub blocked: Duration,
    /// The thread's own CPU time (user + system), read when its figures are
    /// published. `held` minus this is about the time the holder sat runnable while
    /// other programs had the CPU (`gilvm bench` takes it out of speedups). Zero in
    /// a deterministic run, whose clock is virtual.
    pub cpu: Duration,
    /// `blocked`, split by reason, in order of first use.
    pub blocked_by_reason: Vec<BlockedStat>,
    /// Successful takes of the GIL (initial acquire and every re-acquire).
    pub acquisitions: u64,
    /// Drop requests this thread honoured as the holder (releases it did not choose).
    pub forced_switches: u64,
    /// Drop requests this thread made as a waiter after a switch interval passed.
    pub drop_requests: u64,
    /// Releases the thread chose: `blocking` calls and `yield_now`.
    pub voluntary_releases: u64,
    /// How many finished threads this row sums (0 for a row of its own): see
    /// `Gil::stats_snapshot`.
    pub merged: u64,
    /// Cycle collections this thread ran, and their total pause (GIL held).
    pub gc_collections: u64,
    pub gc_time: Duration,
    /// `--gil off`: times this thread found an object's lock taken by another
    /// thread and had to wait, and how long it waited in all.
    pub cell_waits: u64,
    pub cell_wait_time: Duration,
}

impl ThreadStats {
    /// Threads this row stands for.
    pub fn threads(&self) -> u64 {
        self.merged.max(1)
    }

    /// Adds a finished thread's figures to this summary row.
    pub(crate) fn absorb(&mut self, s: &ThreadStats) {
        self.merged += s.threads();
        self.name = format!("({} more finished threads)", self.merged);
        self.held += s.held;
        self.cpu += s.cpu;
        self.waiting += s.waiting;
        self.acquisitions += s.acquisitions;
        self.forced_switches += s.forced_switches;
        self.drop_requests += s.drop_requests;
        self.voluntary_releases += s.voluntary_releases;
        self.gc_collections += s.gc_collections;
        self.gc_time += s.gc_time;
        self.cell_waits += s.cell_waits;
        self.cell_wait_time += s.cell_wait_time;
        for b in &s.blocked_by_reason {
            self.add_blocked_n(b.reason, b.time, b.calls);
        }
    }

    pub(crate) fn add_blocked(&mut self, reason: &'static str, d: Duration) {
        self.add_blocked_n(reason, d, 1);
    }

    fn add_blocked_n(&mut self, reason: &'static str, d: Duration, calls: u64) {
        self.blocked += d;
        // Linear search: a thread uses a handful of reasons, and this runs once per blocking call.
        match self
            .blocked_by_reason
            .iter_mut()
            .find(|b| b.reason == reason)
        {
            Some(b) => {
                b.calls += calls;
                b.time += d;
            }
            None => self.blocked_by_reason.push(BlockedStat {
                reason,
                calls,
                time: d,
            }),
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.3}", d.as_secs_f64() * 1e3)
}

/// Renders an aligned table, one row per thread plus a totals row, with the
/// blocked time broken down by reason under each thread. Meant for stderr at exit.
pub fn format_stats_table(stats: &[ThreadStats]) -> String {
    const HEAD: [&str; 9] = [
        "thread",
        "held ms",
        "waiting ms",
        "blocked ms",
        "acquired",
        "forced sw",
        "drop reqs",
        "voluntary",
        "",
    ];
    let row = |s: &ThreadStats, label: String| -> [String; 9] {
        [
            label,
            ms(s.held),
            ms(s.waiting),
            ms(s.blocked),
            s.acquisitions.to_string(),
            s.forced_switches.to_string(),
            s.drop_requests.to_string(),
            s.voluntary_releases.to_string(),
            if s.finished {
                String::new()
            } else {
                "(running)".into()
            },
        ]
    };
    let mut rows: Vec<[String; 9]> = Vec::new();
    let mut reasons: Vec<Vec<String>> = Vec::new();
    let mut total = ThreadStats::default();
    let mut threads = 0;
    for s in stats {
        threads += s.threads();
        let label = if s.merged > 0 {
            s.name.clone()
        } else {
            format!("{} #{}", s.name, s.thread_id)
        };
        rows.push(row(s, label));
        let mut extra: Vec<String> = s
            .blocked_by_reason
            .iter()
            .map(|b| {
                format!(
                    "  blocked in {}: {} ms over {} call(s)",
                    b.reason,
                    ms(b.time),
                    b.calls
                )
            })
            .collect();
        if s.gc_collections > 0 {
            extra.push(format!(
                "  gc: {} ms over {} collection(s)",
                ms(s.gc_time),
                s.gc_collections
            ));
        }
        if s.cell_waits > 0 {
            extra.push(format!(
                "  waited for object locks: {} ms over {} wait(s)",
                ms(s.cell_wait_time),
                s.cell_waits
            ));
        }
        reasons.push(extra);
        total.gc_collections += s.gc_collections;
        total.gc_time += s.gc_time;
        total.cell_waits += s.cell_waits;
        total.cell_wait_time += s.cell_wait_time;
        total.held += s.held;
        total.waiting += s.waiting;
        total.blocked += s.blocked;
        total.acquisitions += s.acquisitions;
        total.forced_switches += s.forced_switches;
        total.drop_requests += s.drop_requests;
        total.voluntary_releases += s.voluntary_releases;
    }
    total.finished = true;
    let total_row = row(&total, format!("total ({threads} threads)"));

    let mut width = [0usize; 9];
    for r in rows.iter().chain(std::iter::once(&total_row)) {
        for (w, c) in width.iter_mut().zip(r) {
            *w = (*w).max(c.len());
        }
    }
    for (w, h) in width.iter_mut().zip(HEAD) {
        *w = (*w).max(h.len());
    }

    let mut out = String::new();
    // Name and reason columns left-aligned, numbers right-aligned so decimals line up.
    let line = |out: &mut String, cells: &[String]| table_row(out, cells, &width, &[0, 8]);
    line(&mut out, &HEAD.map(String::from));
    table_rule(&mut out, &width);
    for (r, rs) in rows.iter().zip(&reasons) {
        line(&mut out, r);
        for extra in rs {
            out.push_str(extra);
            out.push('\n');
        }
    }
    table_rule(&mut out, &width);
    line(&mut out, &total_row);
    if total.gc_collections > 0 {
        out.push_str(&format!(
            "  gc: {} ms over {} collection(s)\n",
            ms(total.gc_time),
            total.gc_collections
        ));
    }
    if total.cell_waits > 0 {
        out.push_str(&format!(
            "  waited for object locks: {} ms over {} wait(s)\n",
            ms(total.cell_wait_time),
            total.cell_waits
        ));
    }
    out
}

/// One row of a plain-text table: columns padded to `width`, two spaces apart, the
/// columns in `left` left-aligned and the rest right-aligned. Shared by the
/// `--gil-stats` table and `gilvm bench`'s table.
pub fn table_row(out: &mut String, cells: &[String], width: &[usize], left: &[usize]) {
    let mut l = String::new();
    for (i, (c, &w)) in cells.iter().zip(width).enumerate() {
        if left.contains(&i) {
            let _ = write!(l, "{c:<w$}  ");
        } else {
            let _ = write!(l, "{c:>w$}  ");
        }
    }
    out.push_str(l.trim_end());
    out.push('\n');
}

/// The dashed line under a [`table_row`] header, as wide as the table.
pub fn table_rule(out: &mut String, width: &[usize]) {
    let rule: usize = width.iter().map(|w| w + 2).sum::<usize>() - 2;
    out.push_str(&"-".repeat(rule));
    out.push('\n');
}
