//! `match` statements: each case's pattern is compiled to tests that consume the
//! subject and jump to a failure label on a mismatch, as CPython 3.11 does. Captured
//! values wait on the stack (newest deepest) and are stored only when the whole
//! pattern has matched, so a failed case binds nothing.

use super::codegen::{err, CResult, Compiler, ConstKey, Ctx, Label};
use crate::bytecode::{CompareOp, Op};
use crate::parser::ast::*;
use crate::vm::value::Value;

/// What the pattern being compiled has on the stack (CPython's `pattern_context`).
struct Pc {
    /// Names captured so far; their values sit below the `on_top` items.
    stores: Vec<String>,
    /// Whether an irrefutable pattern is allowed here (last case, or guarded).
    allow_irrefutable: bool,
    /// `fail_pop[n]` pops `n` items and then fails the case.
    fail_pop: Vec<Label>,
    /// Items above the stores that a failure must pop too.
    on_top: usize,
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(
        p.kind,
        PatternKind::As {
            pattern: None,
            name: None
        }
    )
}

fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(p.kind, PatternKind::Star(None))
}

/// A key's identity for the duplicate-key check, and how CPython prints it.
fn const_key(e: &Expr) -> Option<(String, String)> {
    Some(match &e.kind {
        ExprKind::Int(i) => (format!("n{i}"), i.to_string()),
        ExprKind::True => ("n1".into(), "True".into()),
        ExprKind::False => ("n0".into(), "False".into()),
        ExprKind::None => ("None".into(), "None".into()),
        ExprKind::Float(f) => {
            let key = if f.fract() == 0.0 && f.abs() < 1e18 {
                format!("n{}", *f as i64)
            } else {
                format!("f{}", f.to_bits())
            };
            (key, crate::vm::format::float_repr(*f))
        }
        ExprKind::Str(s) => (format!("s{s}"), crate::vm::strops::str_repr(s)),
        ExprKind::Bytes(b) => (format!("b{b:?}"), crate::vm::bytes::bytes_repr(b)),
        ExprKind::UnaryOp {
            op: UnaryOp::Neg,
            operand,
        } => {
            let (k, r) = const_key(operand)?;
            (format!("-{k}"), format!("-{r}"))
        }
        _ => return None,
    })
}

impl<'a> Compiler<'a> {
    pub fn compile_match(
        &mut self,
        subject: &'a Expr,
        cases: &'a [MatchCase],
        pos: Pos,
    ) -> CResult<()> {
        self.compile_expr(subject)?;
        self.set_line(pos.line);
        let end = self.new_label();
        let n = cases.len();
        let has_default =
            n > 1 && is_wildcard(&cases[n - 1].pattern) && cases[n - 1].guard.is_none();
        let last_tested = n - has_default as usize;
        for (i, case) in cases[..last_tested].iter().enumerate() {
            self.set_line(case.pattern.pos.line);
            let keep_subject = i + 1 != last_tested;
            if keep_subject {
                self.emit(Op::Copy, 1);
            }
            let mut pc = Pc {
                stores: Vec::new(),
                allow_irrefutable: case.guard.is_some() || i + 1 == n,
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.compile_pattern(&case.pattern, &mut pc)?;
            let stores = std::mem::take(&mut pc.stores);
            for name in &stores {
                self.name_op(name, Ctx::Store);
            }
            if let Some(g) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let fail = pc.fail_pop[0];
                self.compile_jump_if(g, false, fail)?;
            }
            if keep_subject {
                self.op(Op::PopTop);
            }
            self.compile_body(&case.body)?;
            self.jump(Op::Jump, end);
            self.set_line(case.pattern.pos.line);
            self.emit_fail_pop(&mut pc);
        }
        if has_default {
            let case = &cases[n - 1];
            self.set_line(case.pattern.pos.line);
            if n == 1 {
                self.op(Op::PopTop);
            } else {
                self.op(Op::Nop);
            }
            self.compile_body(&case.body)?;
        }
        self.bind(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut Pc, n: usize) {
        while pc.fail_pop.len() <= n {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
    }

    /// Jumps (with `op`) to the label that pops everything this pattern has pushed.
    fn jump_to_fail_pop(&mut self, pc: &mut Pc, op: Op) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.jump(op, pc.fail_pop[pops]);
    }

    fn emit_fail_pop(&mut self, pc: &mut Pc) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for i in (1..pc.fail_pop.len()).rev() {
            self.bind(pc.fail_pop[i]);
            self.op(Op::PopTop);
        }
        self.bind(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    /// Moves TOS down under `n - 1` items (a no-op for `n <= 1`).
    fn rotate(&mut self, n: usize) {
        if n > 1 {
            self.emit(Op::RotN, n as u32);
        }
    }

    /// Keeps the value on TOS for storing `name` when the case matches.
    fn store_capture(&mut self, name: &Option<String>, pc: &mut Pc, pos: Pos) -> CResult<()> {
        let Some(n) = name else {
            self.op(Op::PopTop);
            return Ok(());
        };
        if pc.stores.iter().any(|s| s == n) {
            return err(
                format!("multiple assignments to name '{n}' in pattern"),
                pos,
            );
        }
        self.rotate(pc.on_top + pc.stores.len() + 1);
        pc.stores.push(n.clone());
        Ok(())
    }

    fn compile_subpattern(&mut self, p: &'a Pattern, pc: &mut Pc) -> CResult<()> {
        let saved = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        let r = self.compile_pattern(p, pc);
        pc.allow_irrefutable = saved;
        r
    }

    /// Matches the subject on TOS against `p`, consuming it.
    fn compile_pattern(&mut self, p: &'a Pattern, pc: &mut Pc) -> CResult<()> {
        self.set_line(p.pos.line);
        match &p.kind {
            PatternKind::Value(v) => {
                self.compile_expr(v)?;
                self.emit(Op::CompareOp, CompareOp::Eq as u32);
                self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
            }
            PatternKind::Singleton(v) => {
                self.compile_expr(v)?;
                self.emit(Op::IsOp, 0);
                self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
            }
            PatternKind::As {
                pattern: None,
                name,
            } => {
                if !pc.allow_irrefutable {
                    return match name {
                        None => err("wildcard makes remaining patterns unreachable", p.pos),
                        Some(n) => err(
                            format!("name capture '{n}' makes remaining patterns unreachable"),
                            p.pos,
                        ),
                    };
                }
                self.store_capture(name, pc, p.pos)?;
            }
            PatternKind::As {
                pattern: Some(inner),
                name,
            } => {
                pc.on_top += 1;
                self.emit(Op::Copy, 1);
                self.compile_pattern(inner, pc)?;
                pc.on_top -= 1;
                self.store_capture(name, pc, p.pos)?;
            }
            PatternKind::Star(name) => self.store_capture(name, pc, p.pos)?,
            PatternKind::Sequence(items) => self.compile_sequence_pattern(items, pc, p.pos)?,
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => self.compile_mapping_pattern(keys, patterns, rest, pc, p.pos)?,
            PatternKind::Class {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => self.compile_class_pattern(cls, patterns, kwd_attrs, kwd_patterns, pc)?,
            PatternKind::Or(alts) => self.compile_or_pattern(alts, pc, p.pos)?,
        }
        Ok(())
    }

    fn compile_sequence_pattern(
        &mut self,
        items: &'a [Pattern],
        pc: &mut Pc,
        pos: Pos,
    ) -> CResult<()> {
        let size = items.len();
        let mut star = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, it) in items.iter().enumerate() {
            if let PatternKind::Star(_) = it.kind {
                if star.is_some() {
                    return err("multiple starred names in sequence pattern", pos);
                }
                star_wildcard = is_star_wildcard(it);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(it);
        }
        pc.on_top += 1;
        self.op(Op::MatchSequence);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        let (want, cmp) = match star {
            None => (size, CompareOp::Eq),
            Some(_) => (size - 1, CompareOp::Ge),
        };
        if star.is_none() || want > 0 {
            self.op(Op::GetLen);
            let k = self.add_const(
                Some(ConstKey::Int(want.to_string())),
                Value::Int(want as i64),
            );
            self.emit(Op::LoadConst, k);
            self.emit(Op::CompareOp, cmp as u32);
            self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.op(Op::PopTop);
        } else if star_wildcard {
            // `[a, *_, b]`: index from both ends instead of building the middle list.
            let star = star.unwrap_or(size);
            pc.on_top += 1;
            for (i, it) in items.iter().enumerate() {
                if is_wildcard(it) || i == star {
                    continue;
                }
                self.emit(Op::Copy, 1);
                if i < star {
                    let k =
                        self.add_const(Some(ConstKey::Int(i.to_string())), Value::Int(i as i64));
                    self.emit(Op::LoadConst, k);
                } else {
                    self.op(Op::GetLen);
                    let back = size - i;
                    let k = self.add_const(
                        Some(ConstKey::Int(back.to_string())),
                        Value::Int(back as i64),
                    );
                    self.emit(Op::LoadConst, k);
                    self.emit(Op::BinaryOp, crate::bytecode::BinaryOp::Sub as u32);
                }
                self.op(Op::BinarySubscr);
                self.compile_subpattern(it, pc)?;
            }
            pc.on_top -= 1;
            self.op(Op::PopTop);
        } else {
            match star {
                Some(s) => self.emit(Op::UnpackEx, s as u32 | ((size - s - 1) as u32) << 8),
                None => self.emit(Op::UnpackSequence, size as u32),
            }
            pc.on_top += size;
            for it in items {
                pc.on_top -= 1;
                self.compile_subpattern(it, pc)?;
            }
        }
        Ok(())
    }

    fn compile_mapping_pattern(
        &mut self,
        keys: &'a [Expr],
        patterns: &'a [Pattern],
        rest: &Option<String>,
        pc: &mut Pc,
        pos: Pos,
    ) -> CResult<()> {
        let size = keys.len();
        pc.on_top += 1;
        self.op(Op::MatchMapping);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        if size == 0 && rest.is_none() {
            pc.on_top -= 1;
            self.op(Op::PopTop);
            return Ok(());
        }
        if size > 0 {
            self.op(Op::GetLen);
            let k = self.add_const(
                Some(ConstKey::Int(size.to_string())),
                Value::Int(size as i64),
            );
            self.emit(Op::LoadConst, k);
            self.emit(Op::CompareOp, CompareOp::Ge as u32);
            self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        }
        let mut seen: Vec<String> = Vec::new();
        for key in keys {
            if let Some((id, shown)) = const_key(key) {
                if seen.contains(&id) {
                    return err(
                        format!("mapping pattern checks duplicate key ({shown})"),
                        pos,
                    );
                }
                seen.push(id);
            } else if !matches!(key.kind, ExprKind::Attribute { .. }) {
                return err(
                    "mapping pattern keys may only match literals and attribute lookups",
                    key.pos,
                );
            }
            self.compile_expr(key)?;
        }
        self.emit(Op::BuildTuple, size as u32);
        self.op(Op::MatchKeys);
        // [subject, keys, values]: keep the first two while the values are matched.
        pc.on_top += 2;
        self.emit(Op::Copy, 1);
        self.load_none();
        self.emit(Op::IsOp, 1);
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        self.emit(Op::UnpackSequence, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for p in patterns {
            pc.on_top -= 1;
            self.compile_subpattern(p, pc)?;
        }
        // [subject, keys]
        pc.on_top -= 2;
        match rest {
            Some(_) => {
                self.op(Op::CopyDictWithoutKeys);
                // [subject, rest]: the capture goes under the subject too.
                pc.on_top += 1;
                self.store_capture(rest, pc, pos)?;
                pc.on_top -= 1;
            }
            None => self.op(Op::PopTop),
        }
        self.op(Op::PopTop);
        Ok(())
    }

    fn compile_class_pattern(
        &mut self,
        cls: &'a Expr,
        patterns: &'a [Pattern],
        kwd_attrs: &'a [String],
        kwd_patterns: &'a [Pattern],
        pc: &mut Pc,
    ) -> CResult<()> {
        for (i, a) in kwd_attrs.iter().enumerate() {
            if kwd_attrs[..i].contains(a) {
                return err(
                    format!("attribute name repeated in class pattern: {a}"),
                    kwd_patterns[i].pos,
                );
            }
        }
        self.compile_expr(cls)?;
        let key = ConstKey::Tuple(kwd_attrs.iter().map(|n| ConstKey::Str(n.clone())).collect());
        let names = Value::tuple(
            kwd_attrs
                .iter()
                .map(|n| super::codegen::str_const(n))
                .collect(),
        );
        let k = self.add_const(Some(key), names);
        self.emit(Op::LoadConst, k);
        self.emit(Op::MatchClass, patterns.len() as u32);
        self.emit(Op::Copy, 1);
        self.load_none();
        self.emit(Op::IsOp, 1);
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Op::PopJumpIfFalse);
        let total = patterns.len() + kwd_patterns.len();
        self.emit(Op::UnpackSequence, total as u32);
        pc.on_top += total;
        pc.on_top -= 1;
        for p in patterns.iter().chain(kwd_patterns) {
            pc.on_top -= 1;
            if is_wildcard(p) {
                self.op(Op::PopTop);
                continue;
            }
            self.compile_subpattern(p, pc)?;
        }
        Ok(())
    }

    fn compile_or_pattern(&mut self, alts: &'a [Pattern], pc: &mut Pc, pos: Pos) -> CResult<()> {
        let end = self.new_label();
        let outer_irrefutable = pc.allow_irrefutable;
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in alts.iter().enumerate() {
            self.set_line(alt.pos.line);
            let mut sub = Pc {
                stores: Vec::new(),
                allow_irrefutable: i + 1 == alts.len() && outer_irrefutable,
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.emit(Op::Copy, 1);
            self.compile_pattern(alt, &mut sub)?;
            // [subject, captures (first captured on top)]
            match &control {
                None => control = Some(sub.stores.clone()),
                Some(ctl) => {
                    let mut a = sub.stores.clone();
                    let mut b = ctl.clone();
                    a.sort();
                    b.sort();
                    if a != b {
                        return err("alternative patterns bind different names", alt.pos);
                    }
                    // Reorder the captures to the first alternative's order: bringing
                    // each name to the top in reverse control order leaves control[0]
                    // on top, as the first alternative had them.
                    let mut stack: Vec<String> = sub.stores.iter().rev().cloned().collect();
                    for name in ctl.iter().rev() {
                        let idx = stack.iter().position(|s| s == name).unwrap_or(0);
                        let depth = stack.len() - idx;
                        for _ in 1..depth {
                            self.rotate(depth);
                        }
                        let v = stack.remove(idx);
                        stack.push(v);
                    }
                }
            }
            self.jump(Op::Jump, end);
            self.emit_fail_pop(&mut sub);
        }
        // No alternative matched: drop the subject and fail.
        self.op(Op::PopTop);
        self.jump_to_fail_pop(pc, Op::Jump);
        self.bind(end);
        let control = control.unwrap_or_default();
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in &control {
            self.rotate(nrots);
            if pc.stores.contains(name) {
                return err(
                    format!("multiple assignments to name '{name}' in pattern"),
                    pos,
                );
            }
            pc.stores.push(name.clone());
        }
        self.op(Op::PopTop);
        Ok(())
    }
}
