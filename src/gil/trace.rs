//! Per-thread GIL event buffers, the raw material for Chrome trace JSON and SVG timelines.
//!
//! Events are appended only at acquire/release points (never per instruction) and
//! only when tracing was enabled at `Gil` creation; otherwise the cost is one
//! predictable `Option` branch at each of those points. asyncio adds task events
//! (`TaskEvent`) through its trace hooks, only when tracing too.

use std::sync::Arc;

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
    /// The cycle collector ran in this thread (inside a `Running` span: it holds
    /// the GIL), collecting `generation` and the younger ones.
    Collect {
        generation: u8,
        start_ns: u64,
        end_ns: u64,
    },
}

impl TraceEvent {
    /// When the span starts, or when the instant happened.
    pub fn start_ns(&self) -> u64 {
        match *self {
            TraceEvent::Running { start_ns, .. }
            | TraceEvent::Waiting { start_ns, .. }
            | TraceEvent::Blocked { start_ns, .. }
            | TraceEvent::Collect { start_ns, .. } => start_ns,
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
            | TraceEvent::Blocked { end_ns, .. }
            | TraceEvent::Collect { end_ns, .. } => end_ns,
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
    /// asyncio task events of the loops this thread ran, in time order.
    pub tasks: Vec<TaskEvent>,
}

/// What asyncio said about one of its tasks (through the `_asyncio` trace hooks),
/// recorded by the thread that runs the task's loop. Task and loop ids are numbers
/// the hooks hand out, unique in the run (see [`super::Gil::next_trace_id`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskEvent {
    /// A task was created on a loop (it is ready from then on), or renamed: a task's
    /// latest name is its lane's.
    Named {
        at_ns: u64,
        task: u64,
        loop_id: u64,
        name: Arc<str>,
    },
    /// The future the task waited for is done: its next step is in the ready queue.
    Ready { at_ns: u64, task: u64 },
    /// One step of the task, from resuming its coroutine to its next suspension.
    /// `after` says what the task awaits next (empty: it yielded and is ready again)
    /// or, when `finished`, how it ended. `slow`: longer than the loop's
    /// `slow_callback_duration`. `due_ns`: when the timer the task now sleeps on
    /// expires (`asyncio.sleep`), so a trace shows a task kept past it by a busy loop.
    Step {
        task: u64,
        loop_id: u64,
        start_ns: u64,
        end_ns: u64,
        after: Arc<str>,
        finished: bool,
        slow: bool,
        due_ns: Option<u64>,
    },
}

impl TaskEvent {
    pub fn start_ns(&self) -> u64 {
        match *self {
            TaskEvent::Named { at_ns, .. } | TaskEvent::Ready { at_ns, .. } => at_ns,
            TaskEvent::Step { start_ns, .. } => start_ns,
        }
    }
}

/// A thread's task events while it runs, with the step in progress and the labels
/// seen so far (a ping-pong run repeats one label for every step).
#[derive(Debug, Default)]
pub struct TaskRecorder {
    pub events: Vec<TaskEvent>,
    /// (task, loop, start) of the step this thread is running.
    pub current: Option<(u64, u64, u64)>,
    labels: std::collections::HashMap<Box<str>, Arc<str>>,
}

impl TaskRecorder {
    /// One shared copy of `s`.
    pub fn intern(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.labels.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.labels.insert(Box::from(s), a.clone());
        a
    }
}
