//! Scheduling policies: who gets the GIL next, and when a waiter may cut a holder's
//! turn short. Each policy is one small file; `SwitchPolicy` dispatches to them.
//!
//! `cpython` keeps CPython's free-for-all: a release wakes one waiter and whoever
//! locks the state mutex first wins. The others *hand off*: the releaser picks the
//! next holder from the queue of waiting threads and reserves the GIL for it, so no
//! thread can barge in between (see `docs/gil.md`, "Scheduling policies").

mod bfs;
mod cpython;
mod fifo;
mod io_priority;

use super::sync::Condvar;
use std::sync::Arc;

/// Who gets the GIL next, and when the holder must let go (`gilvm run --gil-policy`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SwitchPolicy {
    /// CPython 3.2+'s "new GIL": a waiter requests a drop after one switch interval
    /// without a switch; the holder honours it and waits until someone else has
    /// taken the GIL (forced switching); who that is, the OS decides.
    #[default]
    Cpython,
    /// Hand-off in arrival order: the oldest waiter gets the GIL, so CPU-bound
    /// threads take turns of one switch interval each.
    Fifo,
    /// A thread coming back from a blocking call preempts a CPU-bound holder at once
    /// and goes first (Beazley's 2010 priority-GIL idea); the rest in arrival order.
    IoPriority,
    /// Earliest virtual deadline first (after Nir Aides' BFS patch, bpo-7946): a
    /// thread's deadline moves one interval later each time it uses up a turn of CPU
    /// time, so threads that use little (interactive ones) run first.
    Bfs,
}

impl SwitchPolicy {
    pub const ALL: [SwitchPolicy; 4] = [
        SwitchPolicy::Cpython,
        SwitchPolicy::Fifo,
        SwitchPolicy::IoPriority,
        SwitchPolicy::Bfs,
    ];

    /// The name used on the command line and in `sys._gilvm_gil_policy()`.
    pub fn name(self) -> &'static str {
        match self {
            SwitchPolicy::Cpython => "cpython",
            SwitchPolicy::Fifo => "fifo",
            SwitchPolicy::IoPriority => "io-priority",
            SwitchPolicy::Bfs => "bfs",
        }
    }

    pub fn from_name(s: &str) -> Option<SwitchPolicy> {
        Self::ALL.into_iter().find(|p| p.name() == s)
    }

    /// Whether the releaser chooses the next holder (every policy but `cpython`).
    pub(crate) fn hands_off(self) -> bool {
        self != SwitchPolicy::Cpython
    }

    /// `cpython` only: after a bounded wait, should this waiter ask for a drop?
    pub(crate) fn should_request_drop(self, timed_out: bool, switched_meanwhile: bool) -> bool {
        cpython::should_request_drop(timed_out, switched_meanwhile)
    }

    /// `cpython` only: after this release, wait until another thread has the GIL?
    pub(crate) fn wait_for_switch(self, why: ReleaseKind) -> bool {
        self == SwitchPolicy::Cpython && cpython::wait_for_switch(why)
    }

    /// A waiter has just arrived while `holder` runs: cut the holder's turn short now?
    pub(crate) fn preempts(self, w: &Waiter, holder: &HolderView) -> bool {
        match self {
            SwitchPolicy::Cpython => false,
            SwitchPolicy::Fifo => fifo::preempts(w, holder),
            SwitchPolicy::IoPriority => io_priority::preempts(w, holder),
            SwitchPolicy::Bfs => bfs::preempts(w, holder),
        }
    }

    /// The waiter to hand the GIL to (index into a non-empty queue).
    pub(crate) fn pick(self, queue: &[Waiter]) -> usize {
        debug_assert!(!queue.is_empty());
        match self {
            SwitchPolicy::Cpython | SwitchPolicy::Fifo => fifo::pick(queue),
            SwitchPolicy::IoPriority => io_priority::pick(queue),
            SwitchPolicy::Bfs => bfs::pick(queue),
        }
    }

    /// Does giving up the GIL voluntarily (a blocking call, a yield) end the turn?
    /// BFS keeps it: a thread's CPU time counts whether or not it blocks in between.
    pub(crate) fn blocking_ends_turn(self) -> bool {
        self != SwitchPolicy::Bfs
    }
}

/// Why the GIL is being released; decides bookkeeping and whether to wait for a switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ReleaseKind {
    /// A drop request was honoured.
    Forced,
    /// Around a blocking call.
    Blocking(&'static str),
    /// Voluntary yield (e.g. `time.sleep(0)`).
    Yield,
    /// The thread is finishing.
    Exit,
}

/// A thread in the hand-off queue, as the policies see it.
#[derive(Clone)]
pub(crate) struct Waiter {
    pub id: u64,
    /// Arrival order, smallest first. A holder preempted before its turn ended comes
    /// back with a negative number, ahead of every arrival: it resumes its turn.
    pub seq: i64,
    /// It is taking the GIL back after a blocking call (I/O, sleep, lock wait).
    pub interactive: bool,
    /// BFS virtual deadline, nanoseconds on the GIL's clock.
    pub deadline_ns: u64,
    /// Signalled when the GIL is handed to this thread.
    pub wake: Arc<Condvar>,
}

/// The holder, as the policies see it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct HolderView {
    /// Its turn began on return from a blocking call.
    pub interactive: bool,
    /// Its BFS deadline, already moved on if its current turn is used up.
    pub deadline_ns: u64,
}
