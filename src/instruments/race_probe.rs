//! The eval loop's probe for `gilvm race` (only in a deterministic run that keeps a
//! race log): which shared location each instruction reads or writes, with the
//! value where it is cheap to show, for the causal trace of a failing schedule.

use crate::bytecode::opcodes::Op;
use crate::gil::race_log::AccessDesc;
use crate::gil::Scheduler;
use crate::vm::frame::Frame;
use crate::vm::value::Value;
use crate::vm::Vm;

/// Container methods that change the container (a write to all of it).
const MUTATORS: &[&str] = &[
    "append",
    "appendleft",
    "extend",
    "extendleft",
    "insert",
    "pop",
    "popleft",
    "popitem",
    "remove",
    "clear",
    "add",
    "discard",
    "update",
    "setdefault",
    "sort",
    "reverse",
    "rotate",
    "put",
    "put_nowait",
    "get",
    "get_nowait",
    "difference_update",
    "intersection_update",
    "symmetric_difference_update",
];

/// Looks at the instruction `frame` is about to run, on thread `id`.
pub fn observe(vm: &Vm, frame: &Frame, sched: &Scheduler, id: u64) {
    let fkey = frame as *const Frame as usize;
    if let Some((f, pc)) = sched.race_pending(id) {
        let v = (f == fkey && pc == frame.pc)
            .then(|| frame.stack.last().map(|v| show(vm, v)))
            .flatten();
        sched.race_fill(id, v);
    }
    let code = &frame.code;
    let Some(ins) = code.instrs.get(frame.pc).copied() else {
        return;
    };
    let line = code.lines.get(frame.pc).copied().unwrap_or(0);
    let name = |i: u32| {
        code.names
            .get(i as usize)
            .map_or_else(String::new, |n| n.as_str().to_string())
    };
    let tos = |k: usize| {
        frame
            .stack
            .len()
            .checked_sub(k + 1)
            .and_then(|i| frame.stack.get(i))
    };
    let desc = |write: bool, obj: &Value, key: String, value: Option<&Value>| AccessDesc {
        write,
        obj: obj.id(),
        key,
        type_name: vm.type_name(obj),
        value: value.map(|v| show(vm, v)),
    };
    let globals = || Value::Dict(frame.globals.clone());
    let access = touch(frame, ins).map(|t| match t {
        Touch::Global { write } => desc(
            write,
            &globals(),
            name(ins.arg),
            write.then(|| tos(0)).flatten(),
        ),
        Touch::Cell { cell, write } => desc(
            write,
            &Value::Cell(cell.clone()),
            cell_name(frame, ins.arg),
            write.then(|| tos(0)).flatten(),
        ),
        Touch::Attr { obj, write } => desc(
            write,
            obj,
            format!(".{}", name(ins.arg)),
            write.then(|| tos(1)).flatten(),
        ),
        Touch::Method { obj } => {
            let m = name(ins.arg);
            let write = MUTATORS.contains(&m.as_str());
            desc(write, obj, "*".into(), None).with_key_note(&m)
        }
        Touch::Item {
            obj,
            key,
            write,
            stored,
        } => desc(write, obj, item_key(vm, key), stored),
        Touch::Truth { obj } => desc(false, obj, "*".into(), Some(&Value::Bool(truthy(obj)))),
    });
    // A load's value is on the stack when the same frame reaches the next instruction.
    let then = matches!(
        ins.op,
        Op::LoadGlobal | Op::LoadName | Op::LoadDeref | Op::LoadAttr | Op::BinarySubscr
    )
    .then_some((fkey, frame.pc + 1));
    sched.race_note(id, &code.filename, line, ins.op.name(), access, then);
}

/// What an instruction does to state other threads may reach: the one
/// classification behind both the race log's accesses and PCT's steps.
enum Touch<'a> {
    /// A global (or module-level name) of the frame's globals.
    Global { write: bool },
    /// A closure cell.
    Cell {
        cell: &'a crate::vm::refcount::Ref<crate::vm::object::CellObj>,
        write: bool,
    },
    /// An attribute of an instance, module or class.
    Attr { obj: &'a Value, write: bool },
    /// A method looked up on a container (a call of a mutator is a write).
    Method { obj: &'a Value },
    /// An item of a container (`stored`: the value a store writes).
    Item {
        obj: &'a Value,
        key: &'a Value,
        write: bool,
        stored: Option<&'a Value>,
    },
    /// A truth test of a container (`if stack:`).
    Truth { obj: &'a Value },
}

/// Whether `ins`, about to run in `frame`, touches shared state, and what; cheap
/// (the opcode, then at most the type of a stack operand), since PCT asks at
/// every step of a deterministic run.
#[inline]
fn touch<'a>(frame: &'a Frame, ins: crate::bytecode::Instr) -> Option<Touch<'a>> {
    let tos = |k: usize| {
        frame
            .stack
            .len()
            .checked_sub(k + 1)
            .and_then(|i| frame.stack.get(i))
    };
    match ins.op {
        Op::LoadGlobal | Op::LoadName => Some(Touch::Global { write: false }),
        Op::StoreGlobal | Op::StoreName if frame.ns.is_none() => {
            Some(Touch::Global { write: true })
        }
        Op::LoadDeref => frame
            .cells
            .get(ins.arg as usize)
            .map(|cell| Touch::Cell { cell, write: false }),
        Op::StoreDeref => frame
            .cells
            .get(ins.arg as usize)
            .map(|cell| Touch::Cell { cell, write: true }),
        Op::LoadAttr => tos(0)
            .filter(|o| shared_object(o))
            .map(|obj| Touch::Attr { obj, write: false }),
        Op::StoreAttr => tos(0)
            .filter(|o| shared_object(o))
            .map(|obj| Touch::Attr { obj, write: true }),
        Op::LoadMethod => tos(0)
            .filter(|o| container(o))
            .map(|obj| Touch::Method { obj }),
        Op::BinarySubscr | Op::StoreSubscr | Op::DeleteSubscr => match (tos(1), tos(0)) {
            (Some(obj), Some(key)) => Some(Touch::Item {
                obj,
                key,
                write: ins.op != Op::BinarySubscr,
                stored: (ins.op == Op::StoreSubscr).then(|| tos(2)).flatten(),
            }),
            _ => None,
        },
        Op::PopJumpIfFalse | Op::PopJumpIfTrue => tos(0)
            .filter(|o| container(o))
            .map(|obj| Touch::Truth { obj }),
        _ => None,
    }
}

/// The program's own code, not the embedded standard library: where `gilvm race`
/// looks for the user's race (dfs's preemption points, the report, PCT's steps).
#[inline]
pub fn program_file(file: &str) -> bool {
    !file.starts_with(crate::vm::modules::STDLIB_DIR)
}

/// PCT's step (docs/race.md, "How schedules are chosen"): the instruction `frame`
/// is about to run touches shared state (as the race log counts an access), in
/// the program's own code.
#[inline]
pub fn shared_access(frame: &Frame) -> bool {
    let Some(ins) = frame.code.instrs.get(frame.pc).copied() else {
        return false;
    };
    touch(frame, ins).is_some() && program_file(&frame.code.filename)
}

trait KeyNote {
    fn with_key_note(self, method: &str) -> Self;
}

impl KeyNote for AccessDesc {
    /// A method call on a container: the location is all of it; the report names the call.
    fn with_key_note(mut self, method: &str) -> Self {
        self.value = Some(format!("{method}()"));
        self
    }
}

fn cell_name(frame: &Frame, i: u32) -> String {
    let i = i as usize;
    let code = &frame.code;
    code.cellvars
        .get(i)
        .or_else(|| code.freevars.get(i - code.cellvars.len().min(i)))
        .cloned()
        .unwrap_or_default()
}

/// Objects whose attributes other threads may share (not modules' functions or classes' methods).
fn shared_object(v: &Value) -> bool {
    matches!(v, Value::Instance(_) | Value::Module(_) | Value::Class(_))
}

fn container(v: &Value) -> bool {
    matches!(
        v,
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Native(_)
    )
}

/// The truth of a container without running Python code (a native object: true).
fn truthy(v: &Value) -> bool {
    match v {
        Value::List(l) => !l.items.lock().is_empty(),
        Value::Dict(d) => !d.map.lock().is_empty(),
        _ => true,
    }
}

/// `[key]` for keys that show without running code; `*` (all of it) otherwise.
fn item_key(vm: &Vm, k: &Value) -> String {
    match k {
        Value::Int(_) | Value::Str(_) | Value::Bool(_) | Value::None => {
            format!("[{}]", show(vm, k))
        }
        _ => "*".into(),
    }
}

/// A short display of a value that runs no Python code (`<Type>` for the rest).
pub fn show(vm: &Vm, v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e16 => {
            format!("{f:.1}")
        }
        Value::Float(f) => f.to_string(),
        Value::Str(s) => {
            let t = s.as_str();
            let mut o = String::from("'");
            for (i, c) in t.chars().enumerate() {
                if i == 40 {
                    o.push_str("...");
                    break;
                }
                match c {
                    '\'' => o.push_str("\\'"),
                    '\\' => o.push_str("\\\\"),
                    '\n' => o.push_str("\\n"),
                    '\t' => o.push_str("\\t"),
                    c => o.push(c),
                }
            }
            o.push('\'');
            o
        }
        _ => format!("<{}>", vm.type_name(v)),
    }
}
