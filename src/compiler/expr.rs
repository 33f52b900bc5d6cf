//! Expression code generation, plus assignment/deletion targets and conditional jumps.

use super::codegen::{err, str_const, CResult, Compiler, ConstKey, Ctx, FnBody, Label};
use super::symtable::{CompKind, ScopeKind};
use crate::bytecode::code::flags;
use crate::bytecode::{BinaryOp, CompareOp, Op};
use crate::parser::ast::{self, *};
use crate::vm::value::Value;
use num_bigint::BigInt;

pub fn binary_op(op: ast::BinOp) -> BinaryOp {
    match op {
        ast::BinOp::Add => BinaryOp::Add,
        ast::BinOp::Sub => BinaryOp::Sub,
        ast::BinOp::Mul => BinaryOp::Mul,
        ast::BinOp::Div => BinaryOp::TrueDiv,
        ast::BinOp::FloorDiv => BinaryOp::FloorDiv,
        ast::BinOp::Mod => BinaryOp::Mod,
        ast::BinOp::Pow => BinaryOp::Pow,
        ast::BinOp::LShift => BinaryOp::LShift,
        ast::BinOp::RShift => BinaryOp::RShift,
        ast::BinOp::BitAnd => BinaryOp::And,
        ast::BinOp::BitOr => BinaryOp::Or,
        ast::BinOp::BitXor => BinaryOp::Xor,
        ast::BinOp::MatMul => BinaryOp::MatMul,
    }
}

fn inplace(op: ast::BinOp) -> BinaryOp {
    BinaryOp::from_arg(binary_op(op) as u32 + 13).expect("in-place variant")
}

/// A literal's constant value and de-duplication key, if `e` is a literal.
/// Folds `-<number literal>` so `x = -1` is one LOAD_CONST.
fn literal(e: &Expr) -> Option<(ConstKey, Value)> {
    Some(match &e.kind {
        ExprKind::Int(i) => int_const(i.clone()),
        ExprKind::Float(f) => (ConstKey::Float(f.to_bits()), Value::Float(*f)),
        ExprKind::Str(s) => (ConstKey::Str(s.clone()), str_const(s)),
        ExprKind::Bytes(b) => (ConstKey::Bytes(b.clone()), Value::bytes(b.clone())),
        ExprKind::True => (ConstKey::Bool(true), Value::Bool(true)),
        ExprKind::False => (ConstKey::Bool(false), Value::Bool(false)),
        ExprKind::None => (ConstKey::None, Value::None),
        ExprKind::Ellipsis => (ConstKey::Ellipsis, crate::vm::ops::ellipsis()),
        ExprKind::UnaryOp {
            op: UnaryOp::Neg,
            operand,
        } => match &operand.kind {
            ExprKind::Int(i) => int_const(-i.clone()),
            ExprKind::Float(f) => (ConstKey::Float((-f).to_bits()), Value::Float(-f)),
            _ => return None,
        },
        _ => return None,
    })
}

fn int_const(i: BigInt) -> (ConstKey, Value) {
    (ConstKey::Int(i.to_string()), Value::from_bigint(i))
}

fn comparison(op: CmpOp) -> (Op, u32) {
    match op {
        CmpOp::Eq => (Op::CompareOp, CompareOp::Eq as u32),
        CmpOp::NotEq => (Op::CompareOp, CompareOp::Ne as u32),
        CmpOp::Lt => (Op::CompareOp, CompareOp::Lt as u32),
        CmpOp::LtE => (Op::CompareOp, CompareOp::Le as u32),
        CmpOp::Gt => (Op::CompareOp, CompareOp::Gt as u32),
        CmpOp::GtE => (Op::CompareOp, CompareOp::Ge as u32),
        CmpOp::Is => (Op::IsOp, 0),
        CmpOp::IsNot => (Op::IsOp, 1),
        CmpOp::In => (Op::ContainsOp, 0),
        CmpOp::NotIn => (Op::ContainsOp, 1),
    }
}

/// CPython's name for an expression kind in "cannot assign to ..." messages.
fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Int(_) | ExprKind::Float(_) | ExprKind::Str(_) | ExprKind::Bytes(_) => "literal",
        ExprKind::True | ExprKind::False | ExprKind::None => "literal",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::BoolOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Ellipsis => "ellipsis",
        ExprKind::NamedExpr { .. } => "named expression",
        _ => "expression",
    }
}

impl<'a> Compiler<'a> {
    pub fn compile_expr(&mut self, e: &'a Expr) -> CResult<()> {
        let saved = self.set_line(e.pos.line);
        let r = self.compile_expr_inner(e);
        self.set_line(saved);
        r
    }

    fn compile_expr_inner(&mut self, e: &'a Expr) -> CResult<()> {
        if let Some((key, v)) = literal(e) {
            let i = self.add_const(Some(key), v);
            self.emit(Op::LoadConst, i);
            return Ok(());
        }
        match &e.kind {
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bytes(_)
            | ExprKind::True
            | ExprKind::False
            | ExprKind::None
            | ExprKind::Ellipsis => unreachable!("literals handled above"),
            ExprKind::Imag(v) => self.compile_imag(*v, e.pos)?,
            ExprKind::NamedExpr { target, value } => {
                self.compile_expr(value)?;
                self.op(Op::DupTop);
                self.compile_store(target)?;
            }
            ExprKind::FString(parts) => self.compile_fstring(parts)?,
            ExprKind::Name(n) => self.name_op(n, Ctx::Load),
            ExprKind::Tuple(items) => {
                self.compile_items(items, Op::BuildTuple, e.pos)?;
            }
            ExprKind::List(items) => {
                self.compile_items(items, Op::BuildList, e.pos)?;
            }
            ExprKind::Set(items) => {
                self.compile_items(items, Op::BuildSet, e.pos)?;
            }
            ExprKind::Dict(pairs) => {
                // Leading `k: v` pairs in one BUILD_MAP; after the first `**m`, each
                // item is added in order (later keys win, as in CPython).
                let lead = pairs.iter().take_while(|(k, _)| k.is_some()).count();
                for (k, v) in &pairs[..lead] {
                    if let Some(k) = k {
                        self.compile_expr(k)?;
                    }
                    self.compile_expr(v)?;
                }
                self.emit(Op::BuildMap, lead as u32);
                for (k, v) in &pairs[lead..] {
                    match k {
                        Some(k) => {
                            self.compile_expr(k)?;
                            self.compile_expr(v)?;
                            self.emit(Op::MapAdd, 1);
                        }
                        None => {
                            self.compile_expr(v)?;
                            self.emit(Op::DictUpdate, 1);
                        }
                    }
                }
            }
            ExprKind::Starred(_) => return err("can't use starred expression here", e.pos),
            ExprKind::BinOp { .. } => {
                // Walk the left spine in a loop: `a + b + ... + z` nests to the left.
                let mut spine = Vec::new();
                let mut cur = e;
                while let ExprKind::BinOp { op, left, right } = &cur.kind {
                    spine.push((cur, *op, &**right));
                    cur = left;
                }
                self.compile_expr(cur)?;
                for (node, op, right) in spine.into_iter().rev() {
                    self.compile_expr(right)?;
                    self.set_line(node.pos.line);
                    self.emit(Op::BinaryOp, binary_op(op) as u32);
                }
            }
            ExprKind::UnaryOp { op, operand } => {
                self.compile_expr(operand)?;
                self.op(match op {
                    UnaryOp::Neg => Op::UnaryNegative,
                    UnaryOp::Pos => Op::UnaryPositive,
                    UnaryOp::Not => Op::UnaryNot,
                    UnaryOp::Invert => Op::UnaryInvert,
                });
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                let jop = match op {
                    BoolOp::And => Op::JumpIfFalseOrPop,
                    BoolOp::Or => Op::JumpIfTrueOrPop,
                };
                let (last, init) = values.split_last().expect("BoolOp has operands");
                for v in init {
                    self.compile_expr(v)?;
                    self.jump(jop, end);
                }
                self.compile_expr(last)?;
                self.bind(end);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compile_compare(left, ops, comparators)?,
            ExprKind::IfExp { test, body, orelse } => {
                let else_l = self.new_label();
                let end = self.new_label();
                self.compile_jump_if(test, false, else_l)?;
                self.compile_expr(body)?;
                self.jump(Op::Jump, end);
                self.bind(else_l);
                self.compile_expr(orelse)?;
                self.bind(end);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.compile_call(func, args, keywords)?,
            ExprKind::Attribute { value, attr } if self.is_plain_super_call(value) => {
                self.load_super(value, Op::LoadSuperAttr, attr)
            }
            ExprKind::Attribute { value, attr } => {
                self.compile_expr(value)?;
                let i = self.attr_index(attr);
                self.emit(Op::LoadAttr, i);
            }
            ExprKind::Subscript { value, index } => {
                self.compile_expr(value)?;
                self.compile_expr(index)?;
                self.op(Op::BinarySubscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.compile_expr(p)?,
                        None => self.load_none(),
                    }
                }
                match step {
                    Some(s) => {
                        self.compile_expr(s)?;
                        self.emit(Op::BuildSlice, 3);
                    }
                    None => self.emit(Op::BuildSlice, 2),
                }
            }
            ExprKind::Lambda { params, body } => {
                let fl = self.compile_defaults(params)?;
                let scope = self.table.scope_of(e);
                let code =
                    self.compile_function_code(scope, params, FnBody::Expr(body), e.pos.line)?;
                self.make_closure(code, fl, e.pos)?;
            }
            ExprKind::ListComp { elt, generators } => {
                self.compile_comprehension(e, CompKind::List, elt, None, generators)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.compile_comprehension(e, CompKind::Set, elt, None, generators)?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.compile_comprehension(e, CompKind::Generator, elt, None, generators)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.compile_comprehension(e, CompKind::Dict, key, Some(value), generators)?,
            ExprKind::Yield(v) => {
                match v {
                    Some(v) => self.compile_expr(v)?,
                    None => self.load_none(),
                }
                if self.unit().flags & flags::ASYNC_GENERATOR != 0 {
                    self.op(Op::AsyncGenWrap);
                }
                self.op(Op::YieldValue);
            }
            ExprKind::YieldFrom(_) if self.in_coroutine() => {
                return err("'yield from' inside async function", e.pos)
            }
            ExprKind::YieldFrom(v) => {
                self.compile_expr(v)?;
                self.op(Op::GetYieldFromIter);
                self.load_none();
                self.op(Op::YieldFrom);
            }
            ExprKind::Await(v) => {
                self.check_await_allowed(e.pos)?;
                self.compile_expr(v)?;
                self.emit_await();
            }
        }
        Ok(())
    }

    /// `2j`: a complex constant with a +0.0 real part.
    fn compile_imag(&mut self, imag: f64, _pos: Pos) -> CResult<()> {
        let v = crate::vm::complex::value(0.0, imag);
        let i = self.add_const(Some(ConstKey::Imag(imag.to_bits())), v);
        self.emit(Op::LoadConst, i);
        Ok(())
    }

    /// Tuple/list/set displays, with `*x` items.
    fn compile_items(&mut self, items: &'a [Expr], build: Op, pos: Pos) -> CResult<()> {
        let first_star = items
            .iter()
            .position(|i| matches!(i.kind, ExprKind::Starred(_)));
        let Some(first_star) = first_star else {
            for i in items {
                self.compile_expr(i)?;
            }
            self.emit(build, items.len() as u32);
            return Ok(());
        };
        let _ = pos;
        for i in &items[..first_star] {
            self.compile_expr(i)?;
        }
        if build == Op::BuildSet {
            self.emit(Op::BuildSet, first_star as u32);
            for i in &items[first_star..] {
                match &i.kind {
                    ExprKind::Starred(inner) => {
                        self.compile_expr(inner)?;
                        self.emit(Op::SetUpdate, 1);
                    }
                    _ => {
                        self.compile_expr(i)?;
                        self.emit(Op::SetAdd, 1);
                    }
                }
            }
            return Ok(());
        }
        self.emit(Op::BuildList, first_star as u32);
        self.extend_list(&items[first_star..])?;
        if build == Op::BuildTuple {
            self.op(Op::ListToTuple);
        }
        Ok(())
    }

    /// Appends `items` (plain or starred) to the list on top of the stack.
    fn extend_list(&mut self, items: &'a [Expr]) -> CResult<()> {
        for i in items {
            match &i.kind {
                ExprKind::Starred(inner) => {
                    self.compile_expr(inner)?;
                    self.emit(Op::ListExtend, 1);
                }
                _ => {
                    self.compile_expr(i)?;
                    self.emit(Op::ListAppend, 1);
                }
            }
        }
        Ok(())
    }

    fn compile_compare(&mut self, left: &'a Expr, ops: &[CmpOp], comps: &'a [Expr]) -> CResult<()> {
        self.compile_expr(left)?;
        let line = self.unit().line;
        if ops.len() == 1 {
            self.compile_expr(&comps[0])?;
            let (op, arg) = comparison(ops[0]);
            self.emit(op, arg);
            return Ok(());
        }
        // Each middle operand is evaluated once: keep a copy under the result.
        let cleanup = self.new_label();
        let end = self.new_label();
        let n = ops.len();
        for (i, (cmp, c)) in ops.iter().zip(comps).enumerate() {
            self.compile_expr(c)?;
            let (op, arg) = comparison(*cmp);
            if i + 1 < n {
                self.op(Op::DupTop);
                self.op(Op::RotThree);
                self.emit(op, arg);
                self.jump(Op::JumpIfFalseOrPop, cleanup);
            } else {
                self.emit(op, arg);
            }
        }
        self.jump(Op::Jump, end);
        self.set_line(line);
        self.bind(cleanup);
        self.op(Op::RotTwo);
        self.op(Op::PopTop);
        self.bind(end);
        Ok(())
    }

    /// Jumps to `target` when `e`'s truth equals `cond`; falls through otherwise.
    pub fn compile_jump_if(&mut self, e: &'a Expr, cond: bool, target: Label) -> CResult<()> {
        match &e.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => self.compile_jump_if(operand, !cond, target),
            ExprKind::BoolOp { op, values } => {
                // `and` jumps on the first false operand, `or` on the first true one.
                let short_on = matches!(op, BoolOp::Or);
                let (last, init) = values.split_last().expect("BoolOp has operands");
                if short_on == cond {
                    for v in init {
                        self.compile_jump_if(v, cond, target)?;
                    }
                    self.compile_jump_if(last, cond, target)
                } else {
                    let skip = self.new_label();
                    for v in init {
                        self.compile_jump_if(v, !cond, skip)?;
                    }
                    self.compile_jump_if(last, cond, target)?;
                    self.bind(skip);
                    Ok(())
                }
            }
            _ => {
                self.compile_expr(e)?;
                let saved = self.set_line(e.pos.line);
                self.jump(
                    if cond {
                        Op::PopJumpIfTrue
                    } else {
                        Op::PopJumpIfFalse
                    },
                    target,
                );
                self.set_line(saved);
                Ok(())
            }
        }
    }

    /// `super().attr` for a `super()` that `is_plain_super_call` accepted: the name
    /// `super`, then `op` (LOAD_SUPER_METHOD or LOAD_SUPER_ATTR), on `super()`'s line.
    fn load_super(&mut self, sup: &'a Expr, op: Op, attr: &str) {
        let saved = self.set_line(sup.pos.line);
        self.name_op("super", Ctx::Load);
        let i = self.attr_index(attr);
        self.emit(op, i);
        self.set_line(saved);
    }

    fn compile_call(
        &mut self,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CResult<()> {
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            || keywords.iter().any(|k| k.arg.is_none());
        if let (ExprKind::Attribute { value, attr }, false, true) =
            (&func.kind, starred, keywords.is_empty())
        {
            if self.is_plain_super_call(value) {
                self.load_super(value, Op::LoadSuperMethod, attr);
            } else {
                self.compile_expr(value)?;
                let i = self.attr_index(attr);
                self.emit(Op::LoadMethod, i);
            }
            for a in args {
                self.compile_expr(a)?;
            }
            self.emit(Op::CallMethod, args.len() as u32);
            return Ok(());
        }
        self.compile_expr(func)?;
        if !starred {
            for a in args {
                self.compile_expr(a)?;
            }
            if keywords.is_empty() {
                self.emit(Op::Call, args.len() as u32);
                return Ok(());
            }
            let mut names = Vec::new();
            for k in keywords {
                self.compile_expr(&k.value)?;
                names.push(k.arg.clone().expect("no ** here"));
            }
            let key = ConstKey::Tuple(names.iter().map(|n| ConstKey::Str(n.clone())).collect());
            let v = Value::tuple(names.iter().map(|n| str_const(n)).collect());
            let i = self.add_const(Some(key), v);
            self.emit(Op::LoadConst, i);
            self.emit(Op::CallKw, (args.len() + keywords.len()) as u32);
            return Ok(());
        }
        let fl = self.compile_call_tail(args, keywords)?;
        self.emit(Op::CallFunctionEx, fl);
        Ok(())
    }

    /// The general form of call arguments: a positional list and (if any keywords)
    /// a kwargs dict; gives CALL_FUNCTION_EX's flags. Also a class statement's bases
    /// and keywords (BUILD_CLASS_EX).
    pub(super) fn compile_call_tail(
        &mut self,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CResult<u32> {
        let lead = args
            .iter()
            .position(|a| matches!(a.kind, ExprKind::Starred(_)))
            .unwrap_or(args.len());
        for a in &args[..lead] {
            self.compile_expr(a)?;
        }
        self.emit(Op::BuildList, lead as u32);
        self.extend_list(&args[lead..])?;
        let mut fl = 0;
        if !keywords.is_empty() {
            self.emit(Op::BuildMap, 0);
            for k in keywords {
                match &k.arg {
                    Some(name) => {
                        self.load_str(name);
                        self.compile_expr(&k.value)?;
                        self.emit(Op::MapAdd, 1);
                    }
                    None => {
                        self.compile_expr(&k.value)?;
                        self.emit(Op::DictMerge, 1);
                    }
                }
            }
            fl = 1;
        }
        Ok(fl)
    }

    /// Pushes exactly one string built from the parts.
    fn compile_fstring(&mut self, parts: &'a [FStringPart]) -> CResult<()> {
        let mut n = 0;
        for p in parts {
            match p {
                FStringPart::Literal(s) if s.is_empty() => continue,
                FStringPart::Literal(s) => self.load_str(s),
                FStringPart::Expr {
                    expr,
                    conversion,
                    spec,
                } => {
                    self.compile_expr(expr)?;
                    let mut fl = match conversion {
                        None => 0,
                        Some('s') => 1,
                        Some('r') => 2,
                        Some('a') => 3,
                        Some(c) => {
                            return err(
                                format!("f-string: invalid conversion character '{c}': expected 's', 'r', or 'a'"),
                                expr.pos,
                            )
                        }
                    };
                    if let Some(spec) = spec {
                        self.compile_fstring(spec)?;
                        fl |= 4;
                    }
                    self.emit(Op::FormatValue, fl);
                }
            }
            n += 1;
        }
        match n {
            0 => self.load_str(""),
            1 => {}
            _ => self.emit(Op::BuildString, n),
        }
        Ok(())
    }

    fn compile_comprehension(
        &mut self,
        e: &'a Expr,
        kind: CompKind,
        elt: &'a Expr,
        value: Option<&'a Expr>,
        generators: &'a [Comprehension],
    ) -> CResult<()> {
        let scope = self.table.scope_of(e);
        let is_async = self.table.scopes[scope].is_coroutine;
        if is_async && kind != CompKind::Generator {
            let outer = &self.table.scopes[self.unit().scope];
            let allowed = outer.is_coroutine
                && matches!(
                    outer.kind,
                    ScopeKind::Function | ScopeKind::Comprehension(_)
                );
            if !allowed {
                return err(
                    "asynchronous comprehension outside of an asynchronous function",
                    e.pos,
                );
            }
        }
        self.enter_unit(scope, e.pos.line, 1, 0);
        if kind == CompKind::Generator {
            self.unit().flags |= flags::GENERATOR;
        }
        match kind {
            CompKind::List => self.emit(Op::BuildList, 0),
            CompKind::Set => self.emit(Op::BuildSet, 0),
            CompKind::Dict => self.emit(Op::BuildMap, 0),
            CompKind::Generator => {}
        }
        let mut loops = Vec::new();
        for (i, g) in generators.iter().enumerate() {
            if i == 0 {
                self.emit(Op::LoadFast, 0); // `.0`, the already-made outermost iterator
            } else {
                self.compile_expr(&g.iter)?;
                self.op(if g.is_async {
                    Op::GetAiter
                } else {
                    Op::GetIter
                });
            }
            let head = self.new_label();
            let exit = self.new_label();
            self.bind(head);
            if g.is_async {
                self.async_next(exit, &g.target)?;
            } else {
                self.jump(Op::ForIter, exit);
                self.compile_store(&g.target)?;
            }
            for cond in &g.ifs {
                self.compile_jump_if(cond, false, head)?;
            }
            loops.push((head, exit, g.is_async));
        }
        // The collection sits under one iterator per `for`.
        let depth = generators.len() as u32 + 1;
        match kind {
            CompKind::List => {
                self.compile_expr(elt)?;
                self.emit(Op::ListAppend, depth);
            }
            CompKind::Set => {
                self.compile_expr(elt)?;
                self.emit(Op::SetAdd, depth);
            }
            CompKind::Dict => {
                self.compile_expr(elt)?;
                self.compile_expr(value.expect("dict comp value"))?;
                self.emit(Op::MapAdd, depth);
            }
            CompKind::Generator => {
                self.compile_expr(elt)?;
                if is_async {
                    self.op(Op::AsyncGenWrap);
                }
                self.op(Op::YieldValue);
                self.op(Op::PopTop);
            }
        }
        for (head, exit, async_loop) in loops.into_iter().rev() {
            self.jump(Op::Jump, head);
            self.bind(exit);
            if async_loop {
                // [..., aiter, exc]: StopAsyncIteration ends this loop.
                self.op(Op::EndAsyncFor);
            }
        }
        if kind == CompKind::Generator {
            self.load_none();
        }
        self.op(Op::ReturnValue);
        let code = self.leave_unit()?;
        self.make_closure(code, 0, e.pos)?;
        self.compile_expr(&generators[0].iter)?;
        self.op(if generators[0].is_async {
            Op::GetAiter
        } else {
            Op::GetIter
        });
        self.emit(Op::Call, 1);
        if is_async && kind != CompKind::Generator {
            self.emit_await();
        }
        Ok(())
    }

    /// Stores TOS into an assignment target.
    pub fn compile_store(&mut self, t: &'a Expr) -> CResult<()> {
        let saved = self.set_line(t.pos.line);
        let r = self.compile_store_inner(t);
        self.set_line(saved);
        r
    }

    fn compile_store_inner(&mut self, t: &'a Expr) -> CResult<()> {
        match &t.kind {
            ExprKind::Name(n) => self.name_op(n, Ctx::Store),
            ExprKind::Attribute { value, attr } => {
                self.compile_expr(value)?;
                let i = self.attr_index(attr);
                self.emit(Op::StoreAttr, i);
            }
            ExprKind::Subscript { value, index } => {
                self.compile_expr(value)?;
                self.compile_expr(index)?;
                self.op(Op::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let mut stars = items
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| matches!(i.kind, ExprKind::Starred(_)));
                match (stars.next(), stars.next()) {
                    (None, _) => {
                        self.emit(Op::UnpackSequence, items.len() as u32);
                        for i in items {
                            self.compile_store(i)?;
                        }
                    }
                    (Some(_), Some(_)) => {
                        return err("multiple starred expressions in assignment", t.pos)
                    }
                    (Some((at, _)), None) => {
                        let after = items.len() - at - 1;
                        if at >= 256 || after >= (1 << 24) {
                            return err("too many expressions in star-unpacking assignment", t.pos);
                        }
                        self.emit(Op::UnpackEx, at as u32 | (after as u32) << 8);
                        for i in items {
                            match &i.kind {
                                ExprKind::Starred(inner) => self.compile_store(inner)?,
                                _ => self.compile_store(i)?,
                            }
                        }
                    }
                }
            }
            ExprKind::Starred(_) => {
                return err(
                    "starred assignment target must be in a list or tuple",
                    t.pos,
                )
            }
            _ => return err(format!("cannot assign to {}", describe(t)), t.pos),
        }
        Ok(())
    }

    pub fn compile_delete(&mut self, t: &'a Expr) -> CResult<()> {
        let saved = self.set_line(t.pos.line);
        match &t.kind {
            ExprKind::Name(n) => self.name_op(n, Ctx::Del),
            ExprKind::Attribute { value, attr } => {
                self.compile_expr(value)?;
                let i = self.attr_index(attr);
                self.emit(Op::DeleteAttr, i);
            }
            ExprKind::Subscript { value, index } => {
                self.compile_expr(value)?;
                self.compile_expr(index)?;
                self.op(Op::DeleteSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.compile_delete(i)?;
                }
            }
            _ => return err(format!("cannot delete {}", describe(t)), t.pos),
        }
        self.set_line(saved);
        Ok(())
    }

    pub fn compile_augassign(
        &mut self,
        target: &'a Expr,
        op: ast::BinOp,
        value: &'a Expr,
    ) -> CResult<()> {
        let bop = inplace(op) as u32;
        match &target.kind {
            ExprKind::Name(n) => {
                self.name_op(n, Ctx::Load);
                self.compile_expr(value)?;
                self.emit(Op::BinaryOp, bop);
                self.name_op(n, Ctx::Store);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.compile_expr(obj)?;
                self.op(Op::DupTop);
                let i = self.attr_index(attr);
                self.emit(Op::LoadAttr, i);
                self.compile_expr(value)?;
                self.emit(Op::BinaryOp, bop);
                self.op(Op::RotTwo);
                self.emit(Op::StoreAttr, i);
            }
            ExprKind::Subscript { value: obj, index } => {
                self.compile_expr(obj)?;
                self.compile_expr(index)?;
                self.op(Op::DupTopTwo);
                self.op(Op::BinarySubscr);
                self.compile_expr(value)?;
                self.emit(Op::BinaryOp, bop);
                self.op(Op::RotThree);
                self.op(Op::StoreSubscr);
            }
            _ => {
                return err(
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        describe(target)
                    ),
                    target.pos,
                )
            }
        }
        Ok(())
    }
}
