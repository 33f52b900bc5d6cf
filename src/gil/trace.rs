//! Per-thread GIL event buffers, the raw material for Chrome trace JSON and SVG timelines.
//!
//! Events are appended only at acquire/release points (never per instruction) and
//! only when tracing was enabled at `Gil` creation; otherwise the cost is one
//! predictable `Option` branch at each of those points.

/// One span or instant on a thread's GIL timeline. Times are nanoseconds since the
/// interpreter-wide epoch (`Gil` creation), so buffers from different threads line up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TraceEvent {
    /// The thread held the GIL (ran bytecode) over this span.
    Running { start_ns: u64, end_ns: u64 },
    /// The thread wanted the GIL and did not have it. Only recorded when it had to
    /// wait (the GIL was taken when it asked, or after a forced switch).
    Waiting { start_ns: u64, end_ns: u64 },
    /// The thread had released the GIL around a blocking call.
    Blocked {
        reason: &'static str,
        start_ns: u64,
        end_ns: u64,
    },
    /// This thread, waiting, asked the holder to drop the GIL.
    DropRequest { at_ns: u64 },
    /// This thread, holding, honoured a drop request.
    ForcedSwitch { at_ns: u64 },
    /// This thread set the switch interval (`sys.setswitchinterval`).
    SwitchInterval { at_ns: u64, interval_ns: u64 },
}

impl TraceEvent {
    /// When the span starts, or when the instant happened.
    pub fn start_ns(&self) -> u64 {
        match *self {
            TraceEvent::Running { start_ns, .. }
            | TraceEvent::Waiting { start_ns, .. }
            | TraceEvent::Blocked { start_ns, .. } => start_ns,
            TraceEvent::DropRequest { at_ns }
            | TraceEvent::ForcedSwitch { at_ns }
            | TraceEvent::SwitchInterval { at_ns, .. } => at_ns,
        }
    }

    /// When the span ends; an instant's time for instants.
    pub fn end_ns(&self) -> u64 {
        match *self {
            TraceEvent::Running { end_ns, .. }
            | TraceEvent::Waiting { end_ns, .. }
            | TraceEvent::Blocked { end_ns, .. } => end_ns,
            _ => self.start_ns(),
        }
    }
}

/// The published trace of one thread.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadTrace {
    pub thread_id: u64,
    pub name: String,
    pub events: Vec<TraceEvent>,
}
