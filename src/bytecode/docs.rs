//! Renders docs/bytecode.md from the opcode table, so the docs cannot drift from the
//! instructions the VM and `dis` use (a test compares the file with this output).

use super::opcodes::{ArgKind, BinaryOp, CompareOp, Op, SwitchPoint};

fn kind_name(k: ArgKind) -> &'static str {
    match k {
        ArgKind::None => "—",
        ArgKind::Const => "const index",
        ArgKind::Name => "name index",
        ArgKind::Local => "local slot",
        ArgKind::Cell => "cell index",
        ArgKind::Jump => "jump target",
        ArgKind::Count => "count",
        ArgKind::BinaryOp => "operator",
        ArgKind::Compare => "comparison",
        ArgKind::Flags => "flags",
    }
}

/// The whole of docs/bytecode.md.
pub fn markdown() -> String {
    let mut out = String::from(
        "# gilvm bytecode\n\n\
         Generated from `src/bytecode/opcodes.rs` by `GILVM_BLESS=1 cargo test --test docs`; do not edit by hand.\n\n\
         Every instruction is `Instr { op, arg }`: an opcode and one 32-bit argument. Each is one\n\
         step of the VM, and a thread switch can happen between any two steps — never inside one.\n\
         Stack notation: `[a, b] -> [c]` pops `b` (the top) and `a`, then pushes `c`.\n\
         The switch-point column is `--switch-points cpython`: where CPython 3.11 checks its eval\n\
         breaker (docs/gil.md); a frame's first instruction is one too. With `--switch-points\n\
         every` (the default) every boundary is one.\n\n\
         | opcode | argument | stack effect | switch point (cpython) | what it does |\n|---|---|---|---|---|\n",
    );
    for &op in Op::ALL {
        let effect = match op.arg_kind() {
            ArgKind::Count | ArgKind::Flags => {
                let (a, b) = (op.stack_effect(0), op.stack_effect(1));
                if a == b {
                    format!("{a:+}")
                } else {
                    "depends on arg".to_string()
                }
            }
            _ => format!("{:+}", op.stack_effect(0)),
        };
        let doc = op.doc().trim().replace('\n', " ").replace('|', "\\|");
        let switch = match op.switch_point() {
            SwitchPoint::No => "—",
            SwitchPoint::BackwardJump => "before it, if it jumps backward",
            SwitchPoint::Call => "after it, unless it called a Python function",
            SwitchPoint::Resume => "after it, when the frame resumes",
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            op.name(),
            kind_name(op.arg_kind()),
            effect,
            switch,
            doc
        ));
    }
    out.push_str("\n## BINARY_OP arguments\n\n| arg | operator |\n|---|---|\n");
    for (i, op) in BinaryOp::ALL.iter().enumerate() {
        out.push_str(&format!(
            "| {i} | `{}` |\n",
            op.symbol().replace('|', "\\|")
        ));
    }
    out.push_str("\n## COMPARE_OP arguments\n\n| arg | comparison |\n|---|---|\n");
    for (i, op) in CompareOp::ALL.iter().enumerate() {
        out.push_str(&format!("| {i} | `{}` |\n", op.symbol()));
    }
    out
}
