//! Where a thread may honour a GIL drop request (`gilvm run --switch-points`).
//! Runs only on the eval loop's slow path, when the breaker is set, so neither mode
//! costs the hot path anything beyond the one breaker load both already pay.
//!
//! `every`: at any instruction boundary. `cpython`: only where CPython 3.11's
//! `Python/ceval.c` checks its eval breaker (docs/gil.md lists the sites). gilvm has
//! no RESUME instruction, so a boundary is a switch point when
//!
//! * it is a frame's first instruction (CPython: `RESUME 0` at function entry), or
//!   the one after a `YIELD_VALUE` (a generator resumed: `RESUME 1`);
//! * the next instruction is a backward jump that will be taken (`JUMP_BACKWARD`,
//!   `POP_JUMP_BACKWARD_IF_*`): checking just before the jump or just after it is
//!   the same to every other thread, since a jump touches no object;
//! * it follows a call that did not enter a Python frame, or a `CALL_FUNCTION_EX`
//!   or class build (CPython checks at the end of `CALL` when the callee was not
//!   inlined, and after every `CALL_FUNCTION_EX`). A call of a Python function or of
//!   a bound method of one is no switch point after it returns (the callee's entry
//!   was), nor are `len(x)`, `isinstance(x, t)`, `type(x)` and a `list.append(x)`
//!   statement, whose specialised forms in CPython 3.11 skip the check.
//!
//! The column `switch` in `src/bytecode/opcodes.rs` says which instructions take
//! part; this file says how each kind is decided at run time.

use super::frame::Frame;
use super::types::types;
use super::value::Value;
use super::Vm;
use crate::bytecode::{ArgKind, CodeObject, Instr, Op, SwitchPoint};
use crate::gil::{SwitchPoints, SwitchScan};
use crate::vm::refcount::Ref;

impl Vm {
    /// Is the boundary before `frame`'s next instruction one where this thread may
    /// give up the GIL now? Always true with `--switch-points every`.
    pub(super) fn at_switch_point(&mut self, frame: &Frame) -> bool {
        if self.gil.switch_points() == SwitchPoints::Every {
            return true;
        }
        // A pending interrupt that only the main thread can take: nothing to decide.
        if !self.gil.breaker_wants_me() {
            return false;
        }
        let here = SwitchScan {
            frame: frame as *const Frame as usize,
            pc: frame.pc,
            epoch: self.gil.acquisitions(),
            checked_call_next: false,
        };
        let prev = self.gil.switch_scan();
        let code: &CodeObject = &frame.code;
        let next = code.instrs.get(frame.pc).copied();
        let before = frame
            .pc
            .checked_sub(1)
            .and_then(|i| code.instrs.get(i).copied());
        let yes = frame.pc == 0
            || before.is_some_and(|b| b.op.switch_point() == SwitchPoint::Resume)
            || next.is_some_and(|n| taken_backward_jump(frame, n))
            || before.is_some_and(|b| {
                b.op.switch_point() == SwitchPoint::Call
                    && !is_jump_target(code, frame.pc)
                    && after_checked_call(&prev, &here)
            });
        let checked_call_next = next.is_some_and(|n| {
            n.op.switch_point() == SwitchPoint::Call && call_is_checked(frame, n, code)
        });
        self.gil.set_switch_scan(SwitchScan {
            checked_call_next,
            ..here
        });
        yes
    }
}

/// `next` is a backward jump and will jump: always for JUMP; for the conditional
/// ones when the condition on the stack says so (a value whose truth needs
/// `__bool__` counts as jumping: the slow path must not run Python code).
fn taken_backward_jump(f: &Frame, next: Instr) -> bool {
    if next.op.switch_point() != SwitchPoint::BackwardJump || next.arg as usize > f.pc {
        return false;
    }
    let truth = match f.stack.last() {
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::None) => Some(false),
        Some(Value::Int(i)) => Some(*i != 0),
        _ => None,
    };
    match next.op {
        Op::PopJumpIfFalse => truth != Some(true),
        Op::PopJumpIfTrue => truth != Some(false),
        _ => true,
    }
}

/// The boundary `here` comes right after a call instruction (its caller checked that
/// no jump lands here). Was that call one that CPython follows with a breaker check?
/// If this thread's slow path saw the boundary before the call, it recorded the
/// answer then. If it saw nothing since the GIL last changed hands, the request came
/// in while the call itself ran, in native code: a checked call. Otherwise it saw the
/// request inside the callee's Python frames, so the call entered Python: no check.
fn after_checked_call(prev: &SwitchScan, here: &SwitchScan) -> bool {
    if prev.epoch != here.epoch {
        return true;
    }
    prev.frame == here.frame && prev.pc + 1 == here.pc && prev.checked_call_next
}

/// Whether a jump or exception handler lands on `pc` (then arriving there says
/// nothing about the instruction before it). A scan of the code: slow path only.
fn is_jump_target(code: &CodeObject, pc: usize) -> bool {
    code.instrs
        .iter()
        .any(|i| i.op.arg_kind() == ArgKind::Jump && i.arg as usize == pc)
}

/// The call at `next` (not yet run): will CPython 3.11 check the breaker after it?
fn call_is_checked(f: &Frame, next: Instr, code: &CodeObject) -> bool {
    let n = next.arg as usize;
    let len = f.stack.len();
    let (callee, nargs) = match next.op {
        Op::Call => (len.checked_sub(n + 1).and_then(|i| f.stack.get(i)), n),
        Op::CallKw => (len.checked_sub(n + 2).and_then(|i| f.stack.get(i)), n),
        Op::CallMethod => {
            let Some(m) = len.checked_sub(n + 2) else {
                return true;
            };
            let this = &f.stack[m + 1];
            // `lst.append(x)` as a statement: PRECALL_NO_KW_LIST_APPEND, unchecked.
            let then_pops = code
                .instrs
                .get(f.pc + 1)
                .is_some_and(|i| i.op == Op::PopTop);
            if n == 1 && then_pops && matches!(this, Value::List(_)) {
                if let Value::Builtin(b) = &f.stack[m] {
                    if b.name == "append" {
                        return false;
                    }
                }
            }
            let with_self = !this.is_null();
            (f.stack.get(m), n + with_self as usize)
        }
        // CALL_FUNCTION_EX checks after any callee; a class build is a call of
        // `__build_class__`, a native function.
        _ => return true,
    };
    match callee {
        Some(v) => !enters_python_frame(v) && !unchecked_builtin(v, nargs),
        None => true,
    }
}

/// CPython 3.11 runs these in the caller's eval loop (an inlined call).
fn enters_python_frame(v: &Value) -> bool {
    match v {
        Value::Function(_) => true,
        Value::BoundMethod(m) => matches!(m.func, Value::Function(_)),
        _ => false,
    }
}

/// `len(x)`, `isinstance(x, t)`, `type(x)`: CPython 3.11's specialised calls
/// (PRECALL_NO_KW_LEN, _ISINSTANCE, _TYPE_1) that do not check the breaker.
fn unchecked_builtin(v: &Value, nargs: usize) -> bool {
    match v {
        Value::Builtin(b) => matches!((b.name, nargs), ("len", 1) | ("isinstance", 2)),
        Value::Class(c) => nargs == 1 && Ref::ptr_eq(c, &types().type_),
        _ => false,
    }
}
