//! `--gil-policy bfs`: earliest virtual deadline first, after Nir Aides' patch for
//! CPython (bpo-7946, 2010, never merged), itself modelled on Con Kolivas' BFS CPU
//! scheduler. Each thread has a deadline; each time it has held the GIL for one
//! switch interval in all (blocking in between does not reset the count) its
//! deadline moves to "now + one interval". A thread that uses little CPU keeps an
//! old, early deadline, so it preempts CPU-bound holders and is served first;
//! CPU-bound threads that use up their turns leapfrog each other, round robin.

use super::{HolderView, Waiter};

/// An arrival with an earlier deadline than the holder's preempts it.
pub(super) fn preempts(w: &Waiter, holder: &HolderView) -> bool {
    w.deadline_ns < holder.deadline_ns
}

/// The earliest deadline; ties in arrival order.
pub(super) fn pick(queue: &[Waiter]) -> usize {
    let mut best = 0;
    for (i, w) in queue.iter().enumerate() {
        let b = &queue[best];
        if (w.deadline_ns, w.seq) < (b.deadline_ns, b.seq) {
            best = i;
        }
    }
    best
}
