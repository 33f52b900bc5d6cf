//! Statements and blocks: simple statements (`;`-separated), compound statements with
//! indented or same-line bodies, decorators, and function/lambda parameter lists.

use super::ast::*;
use super::expr::starts_expr;
use super::{PResult, Parser, SyntaxError};
use crate::lexer::{Sym, Tok};

fn st(kind: StmtKind, pos: Pos) -> Stmt {
    Stmt { kind, pos }
}

fn aug_op(s: Sym) -> Option<BinOp> {
    Some(match s {
        Sym::PlusEq => BinOp::Add,
        Sym::MinusEq => BinOp::Sub,
        Sym::StarEq => BinOp::Mul,
        Sym::SlashEq => BinOp::Div,
        Sym::DoubleSlashEq => BinOp::FloorDiv,
        Sym::PercentEq => BinOp::Mod,
        Sym::DoubleStarEq => BinOp::Pow,
        Sym::AtEq => BinOp::MatMul,
        Sym::AmpEq => BinOp::BitAnd,
        Sym::PipeEq => BinOp::BitOr,
        Sym::CaretEq => BinOp::BitXor,
        Sym::LShiftEq => BinOp::LShift,
        Sym::RShiftEq => BinOp::RShift,
        _ => return None,
    })
}

impl Parser {
    pub(super) fn module(&mut self) -> PResult<Module> {
        let mut body = Vec::new();
        loop {
            match self.peek() {
                Tok::End => return Ok(Module { body }),
                Tok::Newline => {
                    self.bump();
                }
                _ => self.statement(&mut body)?,
            }
        }
    }

    /// One statement line: a compound statement or `;`-separated simple statements.
    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let compound = match self.peek() {
            Tok::Sym(s) => matches!(
                s,
                Sym::If
                    | Sym::While
                    | Sym::For
                    | Sym::Try
                    | Sym::With
                    | Sym::Def
                    | Sym::Class
                    | Sym::At
                    | Sym::Async
            ),
            Tok::Indent => return Err(self.invalid_syntax()),
            Tok::Name(n) if n == "match" => {
                if let Some(m) = self.match_stmt()? {
                    out.push(m);
                    return Ok(());
                }
                false
            }
            _ => false,
        };
        if compound {
            let s = self.compound()?;
            out.push(s);
            Ok(())
        } else {
            self.simple_stmts(out)
        }
    }

    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            out.push(self.simple_stmt()?);
            if !self.eat(Sym::Semi) {
                break;
            }
            if self.at_tok(&Tok::Newline) {
                break;
            }
        }
        if !self.at_tok(&Tok::Newline) {
            return Err(self.invalid_syntax());
        }
        self.bump();
        Ok(())
    }

    /// A block after `:`: an indented suite, or simple statements on the same line.
    pub(super) fn block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if !self.at_tok(&Tok::Newline) {
            self.simple_stmts(&mut body)?;
            return Ok(body);
        }
        let nl = self.bump();
        if !self.at_tok(&Tok::Indent) {
            let p = if self.at_tok(&Tok::End) {
                nl.start
            } else {
                self.pos()
            };
            return Err(SyntaxError::indentation(
                format!("expected an indented block after {what} on line {line}"),
                p.line,
                p.col,
            ));
        }
        self.bump();
        while !self.at_tok(&Tok::Dedent) && !self.at_tok(&Tok::End) {
            self.statement(&mut body)?;
        }
        self.bump();
        Ok(body)
    }

    fn compound(&mut self) -> PResult<Stmt> {
        let t = self.tok().clone();
        let pos = t.start;
        let Tok::Sym(s) = t.tok else {
            return Err(self.invalid_syntax());
        };
        match s {
            Sym::If => {
                self.bump();
                self.if_rest(pos, "'if' statement")
            }
            Sym::While => {
                self.bump();
                let test = self.named_expr()?;
                self.expect_colon()?;
                let body = self.block("'while' statement", pos.line)?;
                let orelse = self.else_block()?;
                Ok(st(StmtKind::While { test, body, orelse }, pos))
            }
            Sym::For => self.for_stmt(pos, false),
            Sym::Try => self.try_stmt(),
            Sym::With => self.with_stmt(pos, false),
            Sym::Def => self.funcdef(Vec::new(), false, pos),
            Sym::Class => self.classdef(Vec::new()),
            Sym::At => self.decorated(),
            Sym::Async => {
                self.bump();
                match self.peek() {
                    Tok::Sym(Sym::Def) => self.funcdef(Vec::new(), true, pos),
                    Tok::Sym(Sym::For) => self.for_stmt(pos, true),
                    Tok::Sym(Sym::With) => self.with_stmt(pos, true),
                    _ => Err(self.invalid_syntax()),
                }
            }
            _ => Err(self.invalid_syntax()),
        }
    }

    fn for_stmt(&mut self, pos: Pos, is_async: bool) -> PResult<Stmt> {
        self.bump();
        let (target, _) = self.target_list()?;
        self.check_store(&target)?;
        self.expect(Sym::In)?;
        let (iter, _) = self.star_expressions()?;
        self.expect_colon()?;
        let body = self.block("'for' statement", pos.line)?;
        let orelse = self.else_block()?;
        Ok(st(
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            },
            pos,
        ))
    }

    /// After `if`/`elif`: test, body, and `elif` (as a nested `If`) or `else`.
    fn if_rest(&mut self, pos: Pos, what: &str) -> PResult<Stmt> {
        let test = self.named_expr()?;
        self.expect_colon()?;
        let body = self.block(what, pos.line)?;
        let orelse = if self.at(Sym::Elif) {
            let p = self.bump().start;
            vec![self.if_rest(p, "'elif' statement")?]
        } else {
            self.else_block()?
        };
        Ok(st(StmtKind::If { test, body, orelse }, pos))
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if !self.at(Sym::Else) {
            return Ok(Vec::new());
        }
        let line = self.bump().start.line;
        self.expect_colon()?;
        self.block("'else' statement", line)
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.bump().start;
        self.expect_colon()?;
        let body = self.block("'try' statement", pos.line)?;
        let mut handlers: Vec<ExceptHandler> = Vec::new();
        let mut is_star = None;
        while self.at(Sym::Except) {
            let hpos = self.bump().start;
            if let Some(prev) = handlers.last() {
                if prev.typ.is_none() {
                    return Err(SyntaxError::at("default 'except:' must be last", prev.pos));
                }
            }
            let star = self.eat(Sym::Star);
            if *is_star.get_or_insert(star) != star {
                return Err(SyntaxError::at(
                    "cannot have both 'except' and 'except*' on the same 'try'",
                    hpos,
                ));
            }
            if star && self.at(Sym::Colon) {
                return Err(SyntaxError::at(
                    "expected one or more exception types",
                    self.pos(),
                ));
            }
            let mut typ = None;
            let mut name = None;
            if !self.at(Sym::Colon) {
                let t = self.test()?;
                if self.at(Sym::Comma) {
                    return Err(SyntaxError::at(
                        "multiple exception types must be parenthesized",
                        t.pos,
                    ));
                }
                typ = Some(t);
                if self.eat(Sym::As) {
                    name = Some(self.name()?.0);
                }
            }
            self.expect_colon()?;
            let hbody = self.block("'except' statement", hpos.line)?;
            handlers.push(ExceptHandler {
                typ,
                name,
                body: hbody,
                pos: hpos,
            });
        }
        let orelse = if !handlers.is_empty() {
            self.else_block()?
        } else {
            Vec::new()
        };
        let finalbody = if self.at(Sym::Finally) {
            let line = self.bump().start.line;
            self.expect_colon()?;
            self.block("'finally' statement", line)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && finalbody.is_empty() {
            return Err(SyntaxError::at(
                "expected 'except' or 'finally' block",
                self.pos(),
            ));
        }
        Ok(st(
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                is_star: is_star.unwrap_or(false),
            },
            pos,
        ))
    }

    fn with_stmt(&mut self, pos: Pos, is_async: bool) -> PResult<Stmt> {
        self.bump();
        // `with (a as b, c):` is tried first, as CPython's grammar does; on failure the
        // parenthesis is an ordinary expression (`with (a, b):` is a tuple).
        let save = self.i;
        let items = match self.paren_with_items() {
            Ok(items) => items,
            Err(_) => {
                self.i = save;
                let mut items = vec![self.with_item()?];
                while self.eat(Sym::Comma) {
                    items.push(self.with_item()?);
                }
                self.expect_colon()?;
                items
            }
        };
        let body = self.block("'with' statement", pos.line)?;
        Ok(st(
            StmtKind::With {
                items,
                body,
                is_async,
            },
            pos,
        ))
    }

    fn paren_with_items(&mut self) -> PResult<Vec<WithItem>> {
        self.expect(Sym::LParen)?;
        let mut items = vec![self.with_item()?];
        while self.eat(Sym::Comma) {
            if self.at(Sym::RParen) {
                break;
            }
            items.push(self.with_item()?);
        }
        self.expect(Sym::RParen)?;
        self.expect(Sym::Colon)?;
        Ok(items)
    }

    fn with_item(&mut self) -> PResult<WithItem> {
        let context = self.test()?;
        let target = if self.eat(Sym::As) {
            let t = self.star_target_single()?;
            self.check_store(&t)?;
            Some(t)
        } else {
            None
        };
        Ok(WithItem { context, target })
    }

    /// A `with ... as` target: an operand-level expression (tuples need parentheses).
    fn star_target_single(&mut self) -> PResult<Expr> {
        self.binary(1)
    }

    fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators = Vec::new();
        while self.eat(Sym::At) {
            decorators.push(self.test()?);
            if !self.at_tok(&Tok::Newline) {
                return Err(self.invalid_syntax());
            }
            self.bump();
        }
        let pos = self.pos();
        if self.at(Sym::Def) {
            self.funcdef(decorators, false, pos)
        } else if self.at(Sym::Class) {
            self.classdef(decorators)
        } else if self.at(Sym::Async) && matches!(self.peek_at(1), Tok::Sym(Sym::Def)) {
            self.bump();
            self.funcdef(decorators, true, pos)
        } else {
            Err(self.invalid_syntax())
        }
    }

    fn funcdef(&mut self, decorators: Vec<Expr>, is_async: bool, pos: Pos) -> PResult<Stmt> {
        let line = self.bump().start.line;
        let (name, _) = self.name()?;
        self.expect(Sym::LParen)?;
        let mut params = self.params(Sym::RParen, true)?;
        self.expect(Sym::RParen)?;
        if self.eat(Sym::Arrow) {
            let returns = self.test()?;
            params.annotations.push(("return".to_string(), returns));
        }
        self.expect_colon()?;
        let body = self.block("function definition", line)?;
        Ok(st(
            StmtKind::FunctionDef {
                name,
                params,
                body,
                decorators,
                is_async,
            },
            pos,
        ))
    }

    fn classdef(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let pos = self.bump().start;
        let (name, _) = self.name()?;
        let mut bases = Vec::new();
        let mut keywords = Vec::new();
        if self.at(Sym::LParen) {
            self.bump();
            (bases, keywords) = self.call_args()?;
        }
        self.expect_colon()?;
        let body = self.block("class definition", pos.line)?;
        Ok(st(
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorators,
            },
            pos,
        ))
    }

    /// Parameters up to (not including) `closer`; annotations only in `def`.
    pub(super) fn params(&mut self, closer: Sym, annotations: bool) -> PResult<Params> {
        let mut params = Params::default();
        let mut seen_default = false;
        let mut seen_star = false;
        let mut seen_slash = false;
        // A set, not a list: `def` with 10^5 parameters must parse in linear time.
        let mut names: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut check_dup = |n: &str, p: Pos| -> PResult<()> {
            if !names.insert(n.to_string()) {
                return Err(SyntaxError::at(
                    format!("duplicate argument '{n}' in function definition"),
                    p,
                ));
            }
            Ok(())
        };
        while !self.at(closer) {
            let pos = self.pos();
            if params.kwarg.is_some() {
                return Err(SyntaxError::at(
                    "arguments cannot follow var-keyword argument",
                    pos,
                ));
            }
            if self.eat(Sym::DoubleStar) {
                let (n, p) = self.name()?;
                check_dup(&n, p)?;
                self.annotation(annotations, &n, &mut params)?;
                params.kwarg = Some(n);
            } else if self.eat(Sym::Star) {
                if seen_star {
                    return Err(SyntaxError::at("* argument may appear only once", pos));
                }
                seen_star = true;
                if self.at(Sym::Comma) || self.at(closer) {
                    let next_is_named =
                        self.at(Sym::Comma) && matches!(self.peek_at(1), Tok::Name(_));
                    if self.at(Sym::Comma) && matches!(self.peek_at(1), Tok::Sym(Sym::Slash)) {
                        return Err(SyntaxError::at("/ must be ahead of *", self.pos()));
                    }
                    if !next_is_named {
                        return Err(SyntaxError::at("named arguments must follow bare *", pos));
                    }
                } else {
                    let (n, p) = self.name()?;
                    check_dup(&n, p)?;
                    self.annotation(annotations, &n, &mut params)?;
                    params.vararg = Some(n);
                }
            } else if self.eat(Sym::Slash) {
                // CPython's messages (a lone `(/)` is plain invalid syntax).
                let msg = if seen_slash {
                    "/ may appear only once"
                } else if seen_star {
                    "/ must be ahead of *"
                } else if params.args.is_empty() && self.at(Sym::Comma) {
                    "at least one argument must precede /"
                } else if params.args.is_empty() {
                    "invalid syntax"
                } else {
                    ""
                };
                if !msg.is_empty() {
                    return Err(SyntaxError::at(msg, pos));
                }
                seen_slash = true;
                params.posonly = params.args.len();
            } else {
                let (n, p) = self.name()?;
                check_dup(&n, p)?;
                self.annotation(annotations, &n, &mut params)?;
                let default = if self.eat(Sym::Assign) {
                    Some(self.test()?)
                } else {
                    None
                };
                if seen_star {
                    params.kwonly.push(Param {
                        name: n,
                        default,
                        pos: p,
                    });
                } else {
                    if default.is_none() && seen_default {
                        return Err(SyntaxError::at(
                            "non-default argument follows default argument",
                            p,
                        ));
                    }
                    seen_default |= default.is_some();
                    params.args.push(Param {
                        name: n,
                        default,
                        pos: p,
                    });
                }
            }
            if !self.eat(Sym::Comma) {
                break;
            }
        }
        if !self.at(closer) {
            return Err(self.invalid_syntax());
        }
        Ok(params)
    }

    fn annotation(&mut self, allowed: bool, name: &str, params: &mut Params) -> PResult<()> {
        if allowed && self.eat(Sym::Colon) {
            let ann = self.test()?;
            params.annotations.push((name.to_string(), ann));
        }
        Ok(())
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let kind = match self.peek() {
            Tok::Sym(Sym::Pass) => {
                self.bump();
                StmtKind::Pass
            }
            Tok::Sym(Sym::Break) => {
                self.bump();
                StmtKind::Break
            }
            Tok::Sym(Sym::Continue) => {
                self.bump();
                StmtKind::Continue
            }
            Tok::Sym(Sym::Return) => {
                self.bump();
                if starts_expr(self.peek()) || self.at(Sym::Star) {
                    let (v, _) = self.star_expressions()?;
                    self.no_lone_star(&v)?;
                    StmtKind::Return(Some(v))
                } else {
                    StmtKind::Return(None)
                }
            }
            Tok::Sym(Sym::Raise) => {
                self.bump();
                let mut exc = None;
                let mut cause = None;
                if starts_expr(self.peek()) {
                    exc = Some(self.test()?);
                    if self.eat(Sym::From) {
                        cause = Some(self.test()?);
                    }
                }
                StmtKind::Raise { exc, cause }
            }
            Tok::Sym(Sym::Global) | Tok::Sym(Sym::Nonlocal) => {
                let global = self.at(Sym::Global);
                self.bump();
                let mut names = vec![self.name()?.0];
                while self.eat(Sym::Comma) {
                    names.push(self.name()?.0);
                }
                if global {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            Tok::Sym(Sym::Assert) => {
                self.bump();
                let test = self.test()?;
                let msg = if self.eat(Sym::Comma) {
                    Some(self.test()?)
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Tok::Sym(Sym::Del) => {
                self.bump();
                let (t, bare) = self.target_list()?;
                let targets = match t.kind {
                    ExprKind::Tuple(elts) if bare => elts,
                    _ => vec![t],
                };
                for t in &targets {
                    self.check_del(t)?;
                }
                StmtKind::Delete(targets)
            }
            Tok::Sym(Sym::Import) => self.import()?,
            Tok::Sym(Sym::From) => self.import_from()?,
            _ => return self.expr_stmt(),
        };
        Ok(st(kind, pos))
    }

    fn no_lone_star(&self, v: &Expr) -> PResult<()> {
        if let ExprKind::Starred(_) = v.kind {
            return Err(SyntaxError::at("can't use starred expression here", v.pos));
        }
        Ok(())
    }

    fn rhs(&mut self) -> PResult<(Expr, bool)> {
        if self.at(Sym::Yield) {
            Ok((self.yield_expr()?, false))
        } else {
            self.star_expressions()
        }
    }

    fn expr_stmt(&mut self) -> PResult<Stmt> {
        let pos = self.pos();
        let parenthesized = self.at(Sym::LParen);
        let (first, bare) = self.rhs()?;
        if let Tok::Sym(s) = self.peek() {
            if let Some(op) = aug_op(*s) {
                self.check_aug_target(&first)?;
                self.bump();
                let (value, _) = self.rhs()?;
                self.no_lone_star(&value)?;
                let kind = StmtKind::AugAssign {
                    target: first,
                    op,
                    value,
                };
                return Ok(st(kind, pos));
            }
        }
        if self.at(Sym::Colon) {
            if bare {
                return Err(SyntaxError::at(
                    "only single target (not tuple) can be annotated",
                    first.pos,
                ));
            }
            if !matches!(
                first.kind,
                ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
            ) {
                let msg = match first.kind {
                    ExprKind::Tuple(_) => "only single target (not tuple) can be annotated",
                    ExprKind::List(_) => "only single target (not list) can be annotated",
                    _ => "illegal target for annotation",
                };
                return Err(SyntaxError::at(msg, first.pos));
            }
            self.bump();
            let annotation = self.test()?;
            let value = if self.eat(Sym::Assign) {
                Some(self.rhs()?.0)
            } else {
                None
            };
            let simple = !parenthesized && matches!(first.kind, ExprKind::Name(_));
            return Ok(st(
                StmtKind::AnnAssign {
                    target: first,
                    annotation,
                    value,
                    simple,
                },
                pos,
            ));
        }
        if self.at(Sym::Walrus) && !bare && !matches!(first.kind, ExprKind::Name(_)) {
            return Err(SyntaxError::at(
                format!(
                    "cannot use assignment expressions with {}",
                    super::targets::expr_name(&first)
                ),
                first.pos,
            ));
        }
        if !self.at(Sym::Assign) {
            if let ExprKind::Name(n) = &first.kind {
                if (n == "print" || n == "exec") && starts_expr(self.peek()) {
                    return Err(SyntaxError::at(
                        format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?"),
                        first.pos,
                    ));
                }
            }
            self.no_lone_star(&first)?;
            return Ok(st(StmtKind::Expr(first), pos));
        }
        let mut targets = vec![first];
        let mut value;
        loop {
            self.bump();
            value = self.rhs()?.0;
            if !self.at(Sym::Assign) {
                break;
            }
            targets.push(value);
        }
        self.check_assign_targets(&targets, bare)?;
        self.no_lone_star(&value)?;
        Ok(st(StmtKind::Assign { targets, value }, pos))
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut s = self.name()?.0;
        while self.eat(Sym::Dot) {
            s.push('.');
            s.push_str(&self.name()?.0);
        }
        Ok(s)
    }

    fn import(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut names = Vec::new();
        loop {
            let name = self.dotted_name()?;
            let asname = if self.eat(Sym::As) {
                Some(self.name()?.0)
            } else {
                None
            };
            names.push(Alias { name, asname });
            if !self.eat(Sym::Comma) {
                break;
            }
        }
        Ok(StmtKind::Import(names))
    }

    /// `from .mod import x`: leading dots stay in `module` (e.g. `"..pkg"`).
    fn import_from(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut module = String::new();
        loop {
            if self.eat(Sym::Dot) {
                module.push('.');
            } else if self.eat(Sym::Ellipsis) {
                module.push_str("...");
            } else {
                break;
            }
        }
        if matches!(self.peek(), Tok::Name(_)) {
            module.push_str(&self.dotted_name()?);
        } else if module.is_empty() {
            return Err(self.invalid_syntax());
        }
        self.expect(Sym::Import)?;
        if self.eat(Sym::Star) {
            return Ok(StmtKind::ImportFrom {
                module,
                names: vec![Alias {
                    name: "*".into(),
                    asname: None,
                }],
            });
        }
        let parens = self.eat(Sym::LParen);
        let mut names = Vec::new();
        loop {
            let (name, _) = self.name()?;
            let asname = if self.eat(Sym::As) {
                Some(self.name()?.0)
            } else {
                None
            };
            names.push(Alias { name, asname });
            if !self.eat(Sym::Comma) {
                break;
            }
            if parens && self.at(Sym::RParen) {
                break;
            }
            if !parens && self.at_tok(&Tok::Newline) {
                return Err(SyntaxError::at(
                    "trailing comma not allowed without surrounding parentheses",
                    self.pos(),
                ));
            }
        }
        if parens {
            self.expect(Sym::RParen)?;
        }
        Ok(StmtKind::ImportFrom { module, names })
    }
}
