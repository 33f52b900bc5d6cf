//! `gilvm race`'s record of one deterministic run: the shared accesses (with the
//! locks held and who else could run), the switches, and each thread's last
//! instructions, written as a text file that `instruments::race` reads back.

use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::sync::Arc;

/// At most this many events are kept (a long run keeps its start and says so).
pub const MAX_EVENTS: usize = 2_000_000;
/// Each thread's last instructions kept for the explanation.
pub const RECENT: usize = 24;

/// What the eval loop's probe saw an instruction do to shared state.
#[derive(Clone, Debug)]
pub struct AccessDesc {
    pub write: bool,
    /// Identity of the object holding the location (globals dict, instance, list...).
    pub obj: u64,
    /// The location within it: `name` (global), `.attr`, `[key]`, `*` (the whole
    /// container: a mutator call or a truth test).
    pub key: String,
    /// The object's type name, for the report.
    pub type_name: String,
    /// The value written (stores), if cheap to show.
    pub value: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Access {
    pub thread: u64,
    pub own: u64,
    pub step: u64,
    pub file: Arc<str>,
    pub line: u32,
    pub op: &'static str,
    pub desc: AccessDesc,
    /// Only one thread was alive (before the first start, after the last join).
    pub alone: bool,
    /// Threads that could have been run instead at this point.
    pub others: Vec<u64>,
    /// Locks this thread held (by identity).
    pub locks: Vec<u64>,
}

#[derive(Clone, Debug)]
pub enum RaceEvent {
    Access(Access),
    Switch {
        step: u64,
        from: u64,
        from_own: u64,
        to: u64,
        at_wait: bool,
        /// The `preempt:` rule's own switch (a started thread hands back to its starter).
        default: bool,
    },
}

/// One instruction of a thread's recent past.
#[derive(Clone, Debug)]
pub struct Recent {
    pub step: u64,
    pub own: u64,
    pub file: Arc<str>,
    pub line: u32,
    pub op: &'static str,
}

#[derive(Debug, Default)]
pub struct RaceLog {
    pub events: Vec<RaceEvent>,
    pub dropped: u64,
    /// A load whose value shows on the stack at the thread's next instruction:
    /// (event index, frame identity, pc expected then).
    pub pending: HashMap<u64, (usize, usize, usize)>,
    pub recent: HashMap<u64, VecDeque<Recent>>,
    pub locks: HashMap<u64, Vec<u64>>,
    pub names: HashMap<u64, String>,
    /// `--check EXPR`'s outcome: None when not asked, Some(Ok) true, Some(Err(why)).
    pub check: Option<Result<(), String>>,
}

impl RaceLog {
    pub fn push(&mut self, e: RaceEvent) {
        if self.events.len() < MAX_EVENTS {
            self.events.push(e);
        } else {
            self.dropped += 1;
        }
    }

    /// The file `instruments::race::parse_log` reads.
    pub fn render(&self, steps: u64) -> String {
        let mut out = String::from("gilvm-race-log 1\n");
        let _ = writeln!(out, "N {steps} {}", self.dropped);
        let mut names: Vec<_> = self.names.iter().collect();
        names.sort();
        for (id, name) in names {
            let _ = writeln!(out, "T {id}\t{}", esc(name));
        }
        for e in &self.events {
            match e {
                RaceEvent::Switch {
                    step,
                    from,
                    from_own,
                    to,
                    at_wait,
                    default,
                } => {
                    let _ = writeln!(
                        out,
                        "S {step} {from} {from_own} {to} {} {}",
                        u8::from(*at_wait),
                        u8::from(*default)
                    );
                }
                RaceEvent::Access(a) => {
                    let _ = writeln!(
                        out,
                        "A\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        a.thread,
                        a.own,
                        a.step,
                        esc(&a.file),
                        a.line,
                        a.op,
                        if a.desc.write { 'W' } else { 'R' },
                        a.desc.obj,
                        esc(&a.desc.key),
                        esc(&a.desc.type_name),
                        a.desc.value.as_deref().map_or("\u{1}".to_string(), esc),
                        u8::from(a.alone),
                        join(&a.others),
                        join(&a.locks),
                    );
                }
            }
        }
        let mut ids: Vec<_> = self.recent.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            for r in &self.recent[&id] {
                let _ = writeln!(
                    out,
                    "I\t{id}\t{}\t{}\t{}\t{}\t{}",
                    r.step,
                    r.own,
                    esc(&r.file),
                    r.line,
                    r.op
                );
            }
        }
        match &self.check {
            None => {}
            Some(Ok(())) => out.push_str("C ok\n"),
            Some(Err(why)) => {
                let _ = writeln!(out, "C fail\t{}", esc(why));
            }
        }
        out
    }
}

fn join(v: &[u64]) -> String {
    let s: Vec<String> = v.iter().map(u64::to_string).collect();
    s.join(",")
}

/// Tabs, newlines and backslashes escaped so each event stays one line.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => o.push_str("\\\\"),
            '\t' => o.push_str("\\t"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            c => o.push(c),
        }
    }
    o
}

/// The inverse of [`esc`].
pub fn unesc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            o.push(c);
            continue;
        }
        match it.next() {
            Some('t') => o.push('\t'),
            Some('n') => o.push('\n'),
            Some('r') => o.push('\r'),
            Some(c) => o.push(c),
            None => o.push('\\'),
        }
    }
    o
}
