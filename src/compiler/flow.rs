//! Control-flow stack analysis: the value-stack depth before every reachable instruction,
//! used for `max_stack` and, in tests, to prove every path is balanced.

use crate::bytecode::{Instr, Op};

/// Depth before each instruction (`None` = unreachable) and the maximum depth reached.
/// Fails if a path pops below zero, or two paths meet at an instruction with different
/// depths (then the VM's stack would depend on the path taken).
pub fn stack_depths(instrs: &[Instr]) -> Result<(Vec<Option<u32>>, u32), String> {
    let mut depth: Vec<Option<u32>> = vec![None; instrs.len()];
    let mut max = 0u32;
    let mut work: Vec<(usize, i64)> = vec![(0, 0)];
    while let Some((pc, d)) = work.pop() {
        if pc >= instrs.len() {
            if pc == instrs.len() && instrs.is_empty() {
                break;
            }
            return Err(format!("control falls off the end at {pc}"));
        }
        if d < 0 {
            return Err(format!("stack underflow before {pc}"));
        }
        match depth[pc] {
            Some(old) if old as i64 == d => continue,
            Some(old) => {
                return Err(format!(
                    "depth mismatch at {pc} ({}): {old} vs {d}",
                    instrs[pc].op.name()
                ))
            }
            None => depth[pc] = Some(d as u32),
        }
        let Instr { op, arg } = instrs[pc];
        let after = d + op.stack_effect(arg) as i64;
        if after < 0 {
            return Err(format!("stack underflow at {pc} ({})", op.name()));
        }
        max = max.max(after as u32).max(d as u32);
        let target = arg as usize;
        match op {
            Op::Jump => work.push((target, d)),
            Op::ReturnValue | Op::Reraise | Op::RaiseVarargs => {}
            Op::PopJumpIfFalse | Op::PopJumpIfTrue => {
                work.push((target, after));
                work.push((pc + 1, after));
            }
            // Taken: the tested value stays on the stack.
            Op::JumpIfFalseOrPop | Op::JumpIfTrueOrPop => {
                work.push((target, d));
                work.push((pc + 1, after));
            }
            // Exhausted: the iterator is popped.
            Op::ForIter => {
                work.push((target, d - 1));
                work.push((pc + 1, after));
            }
            // The handler starts at this depth plus the pushed exception.
            Op::SetupFinally => {
                max = max.max(d as u32 + 1);
                work.push((target, d + 1));
                work.push((pc + 1, after));
            }
            _ => work.push((pc + 1, after)),
        }
    }
    Ok((depth, max))
}
