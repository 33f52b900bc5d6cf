//! `--gil-policy io-priority`: a thread that comes back from a blocking call (I/O,
//! sleep, lock wait) preempts a CPU-bound holder at once and is served first, the
//! idea of David Beazley's 2010 priority-GIL proposal. Among equals, arrival order.

use super::{fifo, HolderView, Waiter};

/// An interactive arrival cuts short a holder that is not itself interactive (two
/// I/O threads do not preempt each other: that would only add switches).
pub(super) fn preempts(w: &Waiter, holder: &HolderView) -> bool {
    w.interactive && !holder.interactive
}

/// The oldest interactive waiter if there is one, else the oldest waiter.
pub(super) fn pick(queue: &[Waiter]) -> usize {
    let mut best: Option<usize> = None;
    for (i, w) in queue.iter().enumerate() {
        if w.interactive && best.map_or(true, |b| w.seq < queue[b].seq) {
            best = Some(i);
        }
    }
    best.unwrap_or_else(|| fifo::pick(queue))
}
