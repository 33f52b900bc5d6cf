//! asyncio task lanes for traces and timelines: the task events that the loops'
//! threads recorded (`crate::gil::TaskEvent`) turned into, per event loop, one lane of
//! its steps and one lane per task saying when the task ran, was ready, or waited
//! (and on what).

use crate::gil::{TaskEvent, ThreadTrace};
use std::collections::BTreeMap;
use std::sync::Arc;

/// What a task was doing over a span of its lane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskState {
    /// Its coroutine ran (the loop's thread was inside this task's step).
    Step,
    /// Its next step was queued in the loop's ready queue, behind other callbacks.
    Ready,
    /// Suspended on what it awaits ('sleep(0.5)', 'Queue.get', 'Task-3', ...).
    Waiting(Arc<str>),
    /// The timer it slept on had expired, but the loop had not got to it yet (a
    /// step of another task ran on, e.g. a blocking call): ready in all but name.
    Due,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskSpan {
    pub state: TaskState,
    pub start_ns: u64,
    pub end_ns: u64,
    /// A step longer than the loop's `slow_callback_duration`.
    pub slow: bool,
    /// For steps: what the task awaited after it (or how it ended).
    pub after: Arc<str>,
}

/// One task's lane.
#[derive(Clone, Debug)]
pub struct TaskLane {
    pub task: u64,
    pub name: Arc<str>,
    pub spans: Vec<TaskSpan>,
    pub steps: u64,
    /// How it ended ('done', 'cancelled', 'raised ValueError'); None: still pending at exit.
    pub ended: Option<Arc<str>>,
}

/// One step on a loop's lane, named by its task.
#[derive(Clone, Debug)]
pub struct LoopStep {
    pub task: u64,
    pub name: Arc<str>,
    pub start_ns: u64,
    pub end_ns: u64,
    pub slow: bool,
    pub after: Arc<str>,
}

/// One event loop: the thread that ran it, its steps, and its tasks in creation order.
#[derive(Clone, Debug)]
pub struct LoopLanes {
    pub loop_id: u64,
    pub thread_id: u64,
    pub thread_name: String,
    pub steps: Vec<LoopStep>,
    pub tasks: Vec<TaskLane>,
}

impl LoopLanes {
    pub fn label(&self) -> String {
        format!(
            "asyncio loop {} on {} #{}",
            self.loop_id, self.thread_name, self.thread_id
        )
    }

    pub fn slow_steps(&self) -> usize {
        self.steps.iter().filter(|s| s.slow).count()
    }
}

struct Building {
    lane: TaskLane,
    loop_id: u64,
    /// The open span: (Ready or Waiting, since).
    open: Option<(TaskState, u64)>,
    /// When the timer of the open Waiting span expires.
    due_ns: Option<u64>,
}

impl Building {
    fn close(&mut self, at_ns: u64) {
        if let Some((state, since)) = self.open.take() {
            if at_ns > since {
                self.lane.spans.push(TaskSpan {
                    state,
                    start_ns: since,
                    end_ns: at_ns,
                    slow: false,
                    after: Arc::from(""),
                });
            }
        }
    }
}

/// Every loop's lanes from the threads' task events; `end_ns` closes what is still
/// open at the end of the run (a task pending at exit waits until then). Loops are
/// in the order of their threads then of their ids.
pub fn loops(traces: &[ThreadTrace], end_ns: u64) -> Vec<LoopLanes> {
    let mut events: Vec<(u64, usize, &TaskEvent)> = Vec::new();
    for (ti, t) in traces.iter().enumerate() {
        events.extend(t.tasks.iter().map(|e| (e.start_ns(), ti, e)));
    }
    // Stable: events of one thread at the same instant keep their recorded order.
    events.sort_by_key(|&(at, _, _)| at);
    let mut tasks: BTreeMap<u64, Building> = BTreeMap::new();
    let mut loops: BTreeMap<u64, LoopLanes> = BTreeMap::new();
    let new_task = |task: u64, loop_id: u64, name: Arc<str>| Building {
        lane: TaskLane {
            task,
            name,
            spans: Vec::new(),
            steps: 0,
            ended: None,
        },
        loop_id,
        open: None,
        due_ns: None,
    };
    for (_, ti, e) in events {
        match e {
            TaskEvent::Named {
                at_ns,
                task,
                loop_id,
                name,
            } => match tasks.get_mut(task) {
                Some(b) => b.lane.name = name.clone(),
                None => {
                    let mut b = new_task(*task, *loop_id, name.clone());
                    b.open = Some((TaskState::Ready, *at_ns));
                    tasks.insert(*task, b);
                }
            },
            TaskEvent::Ready { at_ns, task } => {
                if let Some(b) = tasks.get_mut(task) {
                    if matches!(b.open, Some((TaskState::Waiting(_), _))) {
                        if let Some(due) = b.due_ns.take().filter(|d| d < at_ns) {
                            b.close(due);
                            b.open = Some((TaskState::Due, due));
                            b.close(*at_ns);
                        } else {
                            b.close(*at_ns);
                        }
                        b.open = Some((TaskState::Ready, *at_ns));
                    }
                }
            }
            TaskEvent::Step {
                task,
                loop_id,
                start_ns,
                end_ns,
                after,
                finished,
                slow,
                due_ns,
            } => {
                let b = tasks.entry(*task).or_insert_with(|| {
                    new_task(*task, *loop_id, Arc::from(format!("task {task}")))
                });
                b.close(*start_ns);
                b.due_ns = *due_ns;
                b.lane.steps += 1;
                b.lane.spans.push(TaskSpan {
                    state: TaskState::Step,
                    start_ns: *start_ns,
                    end_ns: *end_ns,
                    slow: *slow,
                    after: after.clone(),
                });
                if *finished {
                    b.lane.ended = Some(after.clone());
                } else if after.is_empty() {
                    b.open = Some((TaskState::Ready, *end_ns));
                } else {
                    b.open = Some((TaskState::Waiting(after.clone()), *end_ns));
                }
                let t = &traces[ti];
                let l = loops.entry(*loop_id).or_insert_with(|| LoopLanes {
                    loop_id: *loop_id,
                    thread_id: t.thread_id,
                    thread_name: t.name.clone(),
                    steps: Vec::new(),
                    tasks: Vec::new(),
                });
                l.steps.push(LoopStep {
                    task: *task,
                    name: b.lane.name.clone(),
                    start_ns: *start_ns,
                    end_ns: *end_ns,
                    slow: *slow,
                    after: after.clone(),
                });
            }
        }
    }
    for (_, mut b) in tasks {
        b.close(end_ns);
        // A task whose loop never ran a step (created, never started) has no lane.
        if let Some(l) = loops.get_mut(&b.loop_id) {
            l.tasks.push(b.lane);
        }
    }
    let mut out: Vec<LoopLanes> = loops.into_values().collect();
    out.sort_by_key(|l| (l.thread_id, l.loop_id));
    out
}

/// Consecutive spans of one lane, each shorter than `below`, gathered into windows no
/// longer than `below` (a ping-pong of 10 us steps makes 100k spans a second).
/// A window holding one span stays that span; slow steps are never merged.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TaskWindow {
    pub start_ns: u64,
    pub end_ns: u64,
    pub steps: u64,
    pub step_ns: u64,
    pub ready_ns: u64,
    pub waiting_ns: u64,
}

/// A lane item after merging: a span as recorded (index into the lane) or a window.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShownSpan {
    Span(usize),
    Window(TaskWindow),
}

/// Merges short spans (see [`TaskWindow`]); `spans` are (state, start, end, slow).
pub fn merge_short(spans: &[(&TaskState, u64, u64, bool)], below_ns: u64) -> Vec<ShownSpan> {
    let mut out = Vec::new();
    let mut group: Vec<usize> = Vec::new();
    let flush = |group: &mut Vec<usize>, out: &mut Vec<ShownSpan>| {
        if group.len() >= 2 {
            let mut w = TaskWindow {
                start_ns: spans[group[0]].1,
                ..TaskWindow::default()
            };
            for &i in group.iter() {
                let (state, a, b, _) = spans[i];
                w.end_ns = w.end_ns.max(b);
                let d = b.saturating_sub(a);
                match state {
                    TaskState::Step => {
                        w.steps += 1;
                        w.step_ns += d;
                    }
                    TaskState::Ready | TaskState::Due => w.ready_ns += d,
                    TaskState::Waiting(_) => w.waiting_ns += d,
                }
            }
            out.push(ShownSpan::Window(w));
        } else {
            out.extend(group.iter().map(|&i| ShownSpan::Span(i)));
        }
        group.clear();
    };
    for (i, &(_, a, b, slow)) in spans.iter().enumerate() {
        let short = below_ns > 0 && !slow && b.saturating_sub(a) < below_ns;
        if !short {
            flush(&mut group, &mut out);
            out.push(ShownSpan::Span(i));
            continue;
        }
        if let Some(&first) = group.first() {
            if b.saturating_sub(spans[first].1) > below_ns {
                flush(&mut group, &mut out);
            }
        }
        group.push(i);
    }
    flush(&mut group, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trace(tasks: Vec<TaskEvent>) -> ThreadTrace {
        ThreadTrace {
            thread_id: 1,
            name: "MainThread".into(),
            events: vec![],
            tasks,
        }
    }

    #[test]
    fn task_states_follow_the_events() {
        let a: Arc<str> = Arc::from("");
        let sleep: Arc<str> = Arc::from("sleep");
        let done: Arc<str> = Arc::from("done");
        let evs = vec![
            TaskEvent::Named {
                at_ns: 10,
                task: 2,
                loop_id: 1,
                name: Arc::from("Task-1"),
            },
            TaskEvent::Step {
                task: 2,
                loop_id: 1,
                start_ns: 20,
                end_ns: 30,
                after: sleep.clone(),
                finished: false,
                slow: false,
                due_ns: None,
            },
            TaskEvent::Ready {
                at_ns: 100,
                task: 2,
            },
            TaskEvent::Step {
                task: 2,
                loop_id: 1,
                start_ns: 110,
                end_ns: 120,
                after: a.clone(),
                finished: false,
                slow: true,
                due_ns: None,
            },
            TaskEvent::Step {
                task: 2,
                loop_id: 1,
                start_ns: 130,
                end_ns: 140,
                after: done.clone(),
                finished: true,
                slow: false,
                due_ns: None,
            },
            // Created, never run: waits until the end of the run.
            TaskEvent::Named {
                at_ns: 135,
                task: 3,
                loop_id: 1,
                name: Arc::from("late"),
            },
        ];
        let ls = loops(&[trace(evs)], 500);
        assert_eq!(ls.len(), 1);
        let l = &ls[0];
        assert_eq!(l.label(), "asyncio loop 1 on MainThread #1");
        assert_eq!(l.steps.len(), 3);
        assert_eq!(l.slow_steps(), 1);
        let t = &l.tasks[0];
        let got: Vec<(TaskState, u64, u64)> = t
            .spans
            .iter()
            .map(|s| (s.state.clone(), s.start_ns, s.end_ns))
            .collect();
        assert_eq!(
            got,
            vec![
                (TaskState::Ready, 10, 20),
                (TaskState::Step, 20, 30),
                (TaskState::Waiting(sleep), 30, 100),
                (TaskState::Ready, 100, 110),
                (TaskState::Step, 110, 120),
                (TaskState::Ready, 120, 130),
                (TaskState::Step, 130, 140),
            ]
        );
        assert_eq!(t.ended.as_deref(), Some("done"));
        let late = &l.tasks[1];
        assert_eq!(late.spans.len(), 1);
        assert_eq!((late.spans[0].start_ns, late.spans[0].end_ns), (135, 500));
        assert_eq!(late.ended, None);
    }

    #[test]
    fn short_spans_merge_but_slow_steps_stay() {
        let (s, r) = (TaskState::Step, TaskState::Ready);
        let spans = vec![
            (&s, 0, 10, false),
            (&r, 10, 20, false),
            (&s, 20, 30, false),
            (&s, 30, 5_000, true),
            (&s, 5_000, 5_010, false),
        ];
        let shown = merge_short(&spans, 1_000);
        assert_eq!(
            shown,
            vec![
                ShownSpan::Window(TaskWindow {
                    start_ns: 0,
                    end_ns: 30,
                    steps: 2,
                    step_ns: 20,
                    ready_ns: 10,
                    waiting_ns: 0,
                }),
                ShownSpan::Span(3),
                ShownSpan::Span(4),
            ]
        );
        assert!(merge_short(&spans, 0)
            .iter()
            .all(|s| matches!(s, ShownSpan::Span(_))));
    }
}
