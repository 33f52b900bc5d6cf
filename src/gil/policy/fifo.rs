//! `--gil-policy fifo`: the GIL goes to the thread that has waited longest, so N
//! CPU-bound threads take turns of one switch interval each, in a fixed rotation.

use super::{HolderView, Waiter};

/// Nobody jumps the queue.
pub(super) fn preempts(_w: &Waiter, _holder: &HolderView) -> bool {
    false
}

/// The oldest arrival (smallest sequence number).
pub(super) fn pick(queue: &[Waiter]) -> usize {
    let mut best = 0;
    for (i, w) in queue.iter().enumerate() {
        if w.seq < queue[best].seq {
            best = i;
        }
    }
    best
}
