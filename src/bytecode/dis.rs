//! `dis`: a deterministic, CPython-`dis`-like listing of a code object and of every code
//! object nested in its constants. Opcode names and operand kinds come from the opcode table.

use super::code::CodeObject;
use super::opcodes::{ArgKind, BinaryOp, CompareOp, Instr, Op, SwitchPoint};
use crate::vm::value::Value;
use std::collections::HashSet;
use std::fmt::Write;

/// The listing of `code`, then (depth first, in constant order) of its nested code objects.
pub fn dis(code: &CodeObject) -> String {
    dis_with(code, &|_, _, _| None)
}

/// `gilvm dis --switch-points cpython`: the listing with each place where a thread may
/// give up the GIL under `--switch-points cpython` marked, from the opcode table's
/// `switch` column (`every`: the plain listing under a note, every boundary counts).
pub fn dis_switch_points(code: &CodeObject, cpython: bool) -> String {
    if !cpython {
        return format!(
            "# --switch-points every: a thread may switch before any instruction\n{}",
            dis(code)
        );
    }
    let note = |pc: usize, ins: Instr, _: &CodeObject| -> Option<&'static str> {
        match ins.op.switch_point() {
            _ if pc == 0 => Some("<- switch point before: frame entry"),
            SwitchPoint::BackwardJump if ins.arg as usize <= pc => {
                Some("<- switch point before, if it jumps back")
            }
            SwitchPoint::Call => Some("<- switch point after, unless it called a Python function"),
            SwitchPoint::Resume => Some("<- switch point after: the frame resumes"),
            _ => None,
        }
    };
    format!(
        "# --switch-points cpython: switch points are marked <- (docs/gil.md); a Python\n\
         # function's entry is one, so a call of one is a switch point inside the callee\n{}",
        dis_with(code, &note)
    )
}

type Note<'a> = &'a dyn Fn(usize, Instr, &CodeObject) -> Option<&'static str>;

fn dis_with(code: &CodeObject, note: Note) -> String {
    let mut out = String::new();
    dis_listing(code, &mut out, note);
    let mut stack: Vec<&CodeObject> = nested(code);
    stack.reverse();
    while let Some(c) = stack.pop() {
        let _ = write!(
            out,
            "\nDisassembly of <code object {} at {}>:\n",
            c.name, c.first_line
        );
        dis_listing(c, &mut out, note);
        let mut inner = nested(c);
        inner.reverse();
        stack.extend(inner);
    }
    out
}

fn nested(code: &CodeObject) -> Vec<&CodeObject> {
    code.consts
        .iter()
        .filter_map(|c| match c {
            Value::Code(co) => Some(&**co),
            _ => None,
        })
        .collect()
}

/// Just the listing of one code object's instructions.
pub fn dis_one(code: &CodeObject, out: &mut String) {
    dis_listing(code, out, &|_, _, _| None);
}

fn dis_listing(code: &CodeObject, out: &mut String, note: Note) {
    let targets: HashSet<u32> = code
        .instrs
        .iter()
        .filter(|i| i.op.arg_kind() == ArgKind::Jump)
        .map(|i| i.arg)
        .collect();
    let mut last_line = None;
    for (pc, ins) in code.instrs.iter().enumerate() {
        let line = code.line_at(pc);
        let line_col = if last_line != Some(line) {
            if last_line.is_some() {
                out.push('\n');
            }
            last_line = Some(line);
            format!("{line:>4}")
        } else {
            "    ".to_string()
        };
        let marker = if targets.contains(&(pc as u32)) {
            ">>"
        } else {
            "  "
        };
        let mut text = format!("{line_col} {marker} {pc:>4} {}", ins.op.name());
        if ins.op.arg_kind() != ArgKind::None {
            let _ = write!(
                text,
                "{:pad$}{}",
                "",
                ins.arg,
                pad = 25 - ins.op.name().len().min(24)
            );
            if let Some(meaning) = describe_arg(code, ins.op, ins.arg) {
                let _ = write!(text, " ({meaning})");
            }
        }
        let text = text.trim_end();
        match note(pc, *ins, code) {
            Some(n) => {
                let _ = writeln!(out, "{text:<52} {n}");
            }
            None => {
                out.push_str(text);
                out.push('\n');
            }
        }
    }
}

fn describe_arg(code: &CodeObject, op: Op, arg: u32) -> Option<String> {
    let i = arg as usize;
    let missing = || format!("<bad index {arg}>");
    Some(match op.arg_kind() {
        ArgKind::None | ArgKind::Count => return None,
        ArgKind::Const => code.consts.get(i).map(const_repr).unwrap_or_else(missing),
        ArgKind::Name => code
            .names
            .get(i)
            .map(|n| n.as_str().to_string())
            .unwrap_or_else(missing),
        ArgKind::Local => code.varnames.get(i).cloned().unwrap_or_else(missing),
        ArgKind::Cell => code
            .cellvars
            .iter()
            .chain(&code.freevars)
            .nth(i)
            .cloned()
            .unwrap_or_else(missing),
        ArgKind::Jump => format!("to {arg}"),
        ArgKind::BinaryOp => BinaryOp::from_arg(arg)
            .map(|b| b.symbol().to_string())
            .unwrap_or_else(missing),
        ArgKind::Compare => CompareOp::from_arg(arg)
            .map(|c| c.symbol().to_string())
            .unwrap_or_else(missing),
        ArgKind::Flags => return describe_flags(op, arg),
    })
}

/// The meaning of a flags operand; each opcode documents its own bits.
fn describe_flags(op: Op, arg: u32) -> Option<String> {
    let join = |parts: Vec<&str>| Some(parts.join(", ")).filter(|s| !s.is_empty());
    match op {
        Op::IsOp => Some(if arg == 1 { "is not" } else { "is" }.to_string()),
        Op::ContainsOp => Some(if arg == 1 { "not in" } else { "in" }.to_string()),
        Op::FormatValue => {
            let conv = match arg & 3 {
                1 => "str",
                2 => "repr",
                3 => "ascii",
                _ => "",
            };
            let spec = if arg & 4 != 0 { "with format" } else { "" };
            join([conv, spec].into_iter().filter(|s| !s.is_empty()).collect())
        }
        Op::MakeFunction => {
            let names = [
                (1, "defaults"),
                (2, "kwdefaults"),
                (4, "annotations"),
                (8, "closure"),
            ];
            join(
                names
                    .iter()
                    .filter(|(b, _)| arg & b != 0)
                    .map(|(_, n)| *n)
                    .collect(),
            )
        }
        Op::CallFunctionEx => (arg & 1 != 0).then(|| "kwargs".to_string()),
        _ => None,
    }
}

/// A Python-style repr of a constant.
pub fn const_repr(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => b.to_string(),
        Value::Float(f) => float_repr(*f),
        Value::Str(s) => str_repr(s.as_str()),
        Value::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Value::Code(c) => format!("<code object {}>", c.name),
        other => format!(
            "<{}>",
            format!("{other:?}").split('(').next().unwrap_or("?")
        ),
    }
}

fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let a = f.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        // Python writes `1e+16`, Rust `1e16`.
        let s = format!("{f:e}");
        return match s.split_once('e') {
            Some((m, e)) if !e.starts_with('-') => format!("{m}e+{e:0>2}"),
            Some((m, e)) => format!("{m}e-{:0>2}", &e[1..]),
            None => s,
        };
    }
    let s = format!("{f}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

/// Python's `repr(str)`: single quotes unless the text has `'` and no `"`.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}
