//! Expressions: precedence climbing for binary operators, iterative prefix/power chains
//! (so `-` repeated 100,000 times needs no recursion), atoms, displays and comprehensions.

use super::ast::*;
use super::{PResult, Parser, SyntaxError};
use crate::lexer::{Sym, Tok};

fn mk(kind: ExprKind, pos: Pos) -> Expr {
    Expr { kind, pos }
}

fn binop_of(s: Sym) -> Option<(BinOp, u8)> {
    Some(match s {
        Sym::Pipe => (BinOp::BitOr, 1),
        Sym::Caret => (BinOp::BitXor, 2),
        Sym::Amp => (BinOp::BitAnd, 3),
        Sym::LShift => (BinOp::LShift, 4),
        Sym::RShift => (BinOp::RShift, 4),
        Sym::Plus => (BinOp::Add, 5),
        Sym::Minus => (BinOp::Sub, 5),
        Sym::Star => (BinOp::Mul, 6),
        Sym::Slash => (BinOp::Div, 6),
        Sym::DoubleSlash => (BinOp::FloorDiv, 6),
        Sym::Percent => (BinOp::Mod, 6),
        Sym::At => (BinOp::MatMul, 6),
        _ => return None,
    })
}

/// Tokens that can begin an expression: used to spot a missing comma.
pub(super) fn starts_expr(t: &Tok) -> bool {
    match t {
        Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Imag(_) | Tok::Str(_) => true,
        Tok::Sym(s) => matches!(
            s,
            Sym::LParen
                | Sym::LBracket
                | Sym::LBrace
                | Sym::Minus
                | Sym::Plus
                | Sym::Tilde
                | Sym::Not
                | Sym::Lambda
                | Sym::True
                | Sym::False
                | Sym::None
                | Sym::Await
                | Sym::Ellipsis
        ),
        _ => false,
    }
}

/// Prefix operators waiting for their operand, innermost last.
type Prefixes = Vec<(UnaryOp, Pos)>;

fn apply_prefixes(mut e: Expr, ops: Prefixes) -> Expr {
    for (op, pos) in ops.into_iter().rev() {
        e = mk(
            ExprKind::UnaryOp {
                op,
                operand: Box::new(e),
            },
            pos,
        );
    }
    e
}

impl Parser {
    /// `star_expressions`: an expression list where a trailing or separating comma
    /// makes a tuple. Returns whether a bare (unparenthesised) tuple was built.
    pub(super) fn star_expressions(&mut self) -> PResult<(Expr, bool)> {
        let first = self.star_expr_or_test()?;
        if !self.at(Sym::Comma) {
            return Ok((first, false));
        }
        let pos = first.pos;
        let mut elts = vec![first];
        while self.eat(Sym::Comma) {
            if !starts_expr(self.peek()) && !self.at(Sym::Star) {
                break;
            }
            elts.push(self.star_expr_or_test()?);
        }
        Ok((mk(ExprKind::Tuple(elts), pos), true))
    }

    /// `*x` (only meaningful inside displays, calls and targets) or an expression.
    pub(super) fn star_expr_or_test(&mut self) -> PResult<Expr> {
        if self.at(Sym::Star) {
            let pos = self.bump().start;
            let v = self.binary(1)?;
            return Ok(mk(ExprKind::Starred(Box::new(v)), pos));
        }
        self.test()
    }

    /// `named_expression`: `NAME := expression` or an expression (not followed by `:=`).
    pub(super) fn named_expr(&mut self) -> PResult<Expr> {
        if matches!(self.peek(), Tok::Name(_)) && matches!(self.peek_at(1), Tok::Sym(Sym::Walrus)) {
            let (name, pos) = self.name()?;
            self.bump();
            let value = self.test()?;
            return Ok(mk(
                ExprKind::NamedExpr {
                    target: Box::new(mk(ExprKind::Name(name), pos)),
                    value: Box::new(value),
                },
                pos,
            ));
        }
        let e = self.test()?;
        if self.at(Sym::Walrus) {
            return Err(SyntaxError::at(
                format!(
                    "cannot use assignment expressions with {}",
                    super::targets::expr_name(&e)
                ),
                e.pos,
            ));
        }
        Ok(e)
    }

    /// `*x` or a named expression: the elements of list, set and tuple displays.
    pub(super) fn star_named_expr(&mut self) -> PResult<Expr> {
        if self.at(Sym::Star) {
            return self.star_expr_or_test();
        }
        self.named_expr()
    }

    /// Comma-separated targets (for `for` and comprehensions): stops before `in`.
    pub(super) fn target_list(&mut self) -> PResult<(Expr, bool)> {
        let first = self.star_target()?;
        if !self.at(Sym::Comma) {
            return Ok((first, false));
        }
        let pos = first.pos;
        let mut elts = vec![first];
        while self.eat(Sym::Comma) {
            if self.at(Sym::In) || self.at(Sym::Assign) {
                break;
            }
            elts.push(self.star_target()?);
        }
        Ok((mk(ExprKind::Tuple(elts), pos), true))
    }

    fn star_target(&mut self) -> PResult<Expr> {
        if self.at(Sym::Star) {
            let pos = self.bump().start;
            let v = self.binary(1)?;
            return Ok(mk(ExprKind::Starred(Box::new(v)), pos));
        }
        self.binary(1)
    }

    /// `expression`: lambda, or a disjunction with an optional `if ... else ...`.
    pub(super) fn test(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.test_inner();
        self.leave();
        r
    }

    fn test_inner(&mut self) -> PResult<Expr> {
        if self.at(Sym::Lambda) {
            return self.lambda();
        }
        let body = self.or_test()?;
        if !self.at(Sym::If) {
            return Ok(body);
        }
        self.bump();
        let test = self.or_test()?;
        if !self.eat(Sym::Else) {
            return Err(SyntaxError::at(
                "expected 'else' after 'if' expression",
                body.pos,
            ));
        }
        let orelse = self.test()?;
        let pos = body.pos;
        Ok(mk(
            ExprKind::IfExp {
                test: Box::new(test),
                body: Box::new(body),
                orelse: Box::new(orelse),
            },
            pos,
        ))
    }

    fn lambda(&mut self) -> PResult<Expr> {
        let pos = self.bump().start;
        let params = self.params(Sym::Colon, false)?;
        self.expect_colon()?;
        let body = self.test()?;
        Ok(mk(
            ExprKind::Lambda {
                params: Box::new(params),
                body: Box::new(body),
            },
            pos,
        ))
    }

    /// `disjunction`: `or` binds loosest.
    pub(super) fn or_test(&mut self) -> PResult<Expr> {
        self.bool_chain(Sym::Or)
    }

    fn bool_chain(&mut self, op: Sym) -> PResult<Expr> {
        let first = if op == Sym::Or {
            self.bool_chain(Sym::And)?
        } else {
            self.not_test()?
        };
        if !self.at(op) {
            return Ok(first);
        }
        let pos = first.pos;
        let mut values = vec![first];
        while self.eat(op) {
            values.push(if op == Sym::Or {
                self.bool_chain(Sym::And)?
            } else {
                self.not_test()?
            });
        }
        let op = if op == Sym::Or {
            BoolOp::Or
        } else {
            BoolOp::And
        };
        Ok(mk(ExprKind::BoolOp { op, values }, pos))
    }

    fn not_test(&mut self) -> PResult<Expr> {
        let saved = self.depth;
        let mut nots = Vec::new();
        let r = (|| {
            while self.at(Sym::Not) {
                self.deepen()?;
                nots.push((UnaryOp::Not, self.bump().start));
            }
            self.comparison()
        })();
        self.depth = saved;
        Ok(apply_prefixes(r?, nots))
    }

    fn cmp_op(&mut self) -> Option<CmpOp> {
        let op = match self.peek() {
            Tok::Sym(Sym::EqEq) => CmpOp::Eq,
            Tok::Sym(Sym::NotEq) => CmpOp::NotEq,
            Tok::Sym(Sym::Lt) => CmpOp::Lt,
            Tok::Sym(Sym::LtE) => CmpOp::LtE,
            Tok::Sym(Sym::Gt) => CmpOp::Gt,
            Tok::Sym(Sym::GtE) => CmpOp::GtE,
            Tok::Sym(Sym::In) => CmpOp::In,
            Tok::Sym(Sym::Is) => {
                if matches!(self.peek_at(1), Tok::Sym(Sym::Not)) {
                    self.bump();
                    CmpOp::IsNot
                } else {
                    CmpOp::Is
                }
            }
            Tok::Sym(Sym::Not) if matches!(self.peek_at(1), Tok::Sym(Sym::In)) => {
                self.bump();
                CmpOp::NotIn
            }
            _ => return None,
        };
        self.bump();
        Some(op)
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let left = self.binary(1)?;
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some(op) = self.cmp_op() {
            ops.push(op);
            comparators.push(self.binary(1)?);
        }
        if ops.is_empty() {
            return Ok(left);
        }
        let pos = left.pos;
        Ok(mk(
            ExprKind::Compare {
                left: Box::new(left),
                ops,
                comparators,
            },
            pos,
        ))
    }

    /// Precedence climbing over `| ^ & << >> + - * / // % @` (all left-associative).
    pub(super) fn binary(&mut self, min_prec: u8) -> PResult<Expr> {
        let saved = self.depth;
        let r = self.binary_chain(min_prec);
        self.depth = saved;
        r
    }

    fn binary_chain(&mut self, min_prec: u8) -> PResult<Expr> {
        let mut left = self.unary()?;
        while let Tok::Sym(s) = self.peek() {
            let Some((op, prec)) = binop_of(*s) else {
                break;
            };
            if prec < min_prec {
                break;
            }
            self.deepen()?;
            self.bump();
            // Operands of a tighter level are parsed by the recursive call; the depth
            // is bounded by the six precedence levels, not by the input.
            let right = if prec < 6 {
                self.binary(prec + 1)?
            } else {
                self.unary()?
            };
            let pos = left.pos;
            left = mk(
                ExprKind::BinOp {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                },
                pos,
            );
        }
        Ok(left)
    }

    fn prefixes(&mut self) -> PResult<Prefixes> {
        let mut ops = Vec::new();
        loop {
            let op = match self.peek() {
                Tok::Sym(Sym::Minus) => UnaryOp::Neg,
                Tok::Sym(Sym::Plus) => UnaryOp::Pos,
                Tok::Sym(Sym::Tilde) => UnaryOp::Invert,
                _ => return Ok(ops),
            };
            self.deepen()?;
            ops.push((op, self.bump().start));
        }
    }

    /// Unary operators and `**`. `**` is right-associative and its right operand may
    /// carry its own prefixes (`2 ** -1`), so the chain is collected and folded from
    /// the right instead of recursing.
    fn unary(&mut self) -> PResult<Expr> {
        let saved = self.depth;
        let r = self.unary_chain();
        self.depth = saved;
        r
    }

    fn unary_chain(&mut self) -> PResult<Expr> {
        let ops = self.prefixes()?;
        let base = self.await_primary()?;
        if !self.at(Sym::DoubleStar) {
            return Ok(apply_prefixes(base, ops));
        }
        let mut chain: Vec<(Prefixes, Expr)> = Vec::new();
        while self.eat(Sym::DoubleStar) {
            self.deepen()?;
            let p = self.prefixes()?;
            let e = self.await_primary()?;
            chain.push((p, e));
        }
        let mut acc: Option<Expr> = None;
        while let Some((p, e)) = chain.pop() {
            let v = match acc {
                None => e,
                Some(rhs) => pow(e, rhs),
            };
            acc = Some(apply_prefixes(v, p));
        }
        let rhs = acc.ok_or_else(|| self.invalid_syntax())?;
        Ok(apply_prefixes(pow(base, rhs), ops))
    }

    fn await_primary(&mut self) -> PResult<Expr> {
        let mut awaits = Vec::new();
        while self.at(Sym::Await) {
            self.deepen()?;
            awaits.push(self.bump().start);
        }
        let mut e = self.primary()?;
        for pos in awaits.into_iter().rev() {
            e = mk(ExprKind::Await(Box::new(e)), pos);
        }
        Ok(e)
    }

    /// An atom followed by `.name`, `(args)` and `[index]` trailers.
    fn primary(&mut self) -> PResult<Expr> {
        let mut e = self.atom()?;
        let saved = self.depth;
        let r = self.trailers(&mut e);
        self.depth = saved;
        r.map(|()| e)
    }

    fn trailers(&mut self, e: &mut Expr) -> PResult<()> {
        loop {
            let pos = e.pos;
            if self.at(Sym::Dot) || self.at(Sym::LParen) || self.at(Sym::LBracket) {
                self.deepen()?;
            }
            let taken = std::mem::replace(e, mk(ExprKind::None, pos));
            if self.eat(Sym::Dot) {
                let (attr, _) = self.name()?;
                *e = mk(
                    ExprKind::Attribute {
                        value: Box::new(taken),
                        attr,
                    },
                    pos,
                );
            } else if self.at(Sym::LParen) {
                self.bump();
                let (args, keywords) = self.call_args()?;
                *e = mk(
                    ExprKind::Call {
                        func: Box::new(taken),
                        args,
                        keywords,
                    },
                    pos,
                );
            } else if self.at(Sym::LBracket) {
                self.bump();
                let index = self.subscript()?;
                *e = mk(
                    ExprKind::Subscript {
                        value: Box::new(taken),
                        index: Box::new(index),
                    },
                    pos,
                );
            } else {
                *e = taken;
                return Ok(());
            }
        }
    }

    fn subscript(&mut self) -> PResult<Expr> {
        let first = self.slice_item()?;
        let mut tuple = false;
        let pos = first.pos;
        let mut elts = vec![first];
        while self.eat(Sym::Comma) {
            tuple = true;
            if self.at(Sym::RBracket) {
                break;
            }
            elts.push(self.slice_item()?);
        }
        self.close(Sym::RBracket, pos)?;
        if tuple {
            Ok(mk(ExprKind::Tuple(elts), pos))
        } else {
            Ok(elts.pop().unwrap_or_else(|| mk(ExprKind::None, pos)))
        }
    }

    fn slice_item(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        if self.at(Sym::Star) {
            return self.star_expr_or_test();
        }
        let lower = if self.at(Sym::Colon) {
            None
        } else {
            let e = self.named_expr()?;
            if !self.at(Sym::Colon) {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.expect(Sym::Colon)?;
        let bound = |p: &mut Parser| -> PResult<Option<Box<Expr>>> {
            if p.at(Sym::Colon) || p.at(Sym::Comma) || p.at(Sym::RBracket) {
                Ok(None)
            } else {
                Ok(Some(Box::new(p.test()?)))
            }
        };
        let upper = bound(self)?;
        let step = if self.eat(Sym::Colon) {
            bound(self)?
        } else {
            None
        };
        Ok(mk(ExprKind::Slice { lower, upper, step }, pos))
    }

    /// Expects the closing bracket of a display; a token that could start another
    /// element means a comma is probably missing, which CPython says in so many words.
    pub(super) fn close(&mut self, closer: Sym, elem_pos: Pos) -> PResult<()> {
        if self.eat(closer) {
            return Ok(());
        }
        // CPython only suggests a comma when the two expressions share a line.
        if starts_expr(self.peek()) && self.pos().line == self.prev_end().line {
            return Err(SyntaxError::at(
                "invalid syntax. Perhaps you forgot a comma?",
                elem_pos,
            ));
        }
        Err(self.invalid_syntax())
    }

    pub(super) fn call_args(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_kwunpack = false;
        let mut last_pos = self.pos();
        let mut count = 0;
        while !self.at(Sym::RParen) {
            let pos = self.pos();
            last_pos = pos;
            count += 1;
            if self.at(Sym::DoubleStar) {
                self.bump();
                let value = self.test()?;
                seen_kwunpack = true;
                keywords.push(Keyword {
                    arg: None,
                    value,
                    pos,
                });
            } else if self.at(Sym::Star) {
                if seen_kwunpack {
                    return Err(SyntaxError::at(
                        "iterable argument unpacking follows keyword argument unpacking",
                        pos,
                    ));
                }
                let e = self.star_expr_or_test()?;
                if self.at_comp_for() {
                    self.no_star_elt(&e)?;
                }
                args.push(e);
            } else if matches!(self.peek(), Tok::Name(_))
                && matches!(self.peek_at(1), Tok::Sym(Sym::Assign))
            {
                let (arg, _) = self.name()?;
                self.bump();
                let value = self.test()?;
                if keywords
                    .iter()
                    .any(|k| k.arg.as_deref() == Some(arg.as_str()))
                {
                    return Err(SyntaxError::at(
                        format!("keyword argument repeated: {arg}"),
                        pos,
                    ));
                }
                keywords.push(Keyword {
                    arg: Some(arg),
                    value,
                    pos,
                });
            } else {
                let e = self.named_expr()?;
                if self.at(Sym::Assign) {
                    return Err(SyntaxError::at(
                        "expression cannot contain assignment, perhaps you meant \"==\"?",
                        pos,
                    ));
                }
                let e = if self.at_comp_for() {
                    let generators = self.comprehension_clauses()?;
                    if count > 1 || !self.at(Sym::RParen) {
                        return Err(SyntaxError::at(
                            "Generator expression must be parenthesized",
                            pos,
                        ));
                    }
                    mk(
                        ExprKind::GeneratorExp {
                            elt: Box::new(e),
                            generators,
                        },
                        pos,
                    )
                } else {
                    e
                };
                if !keywords.is_empty() {
                    let msg = if seen_kwunpack {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    return Err(SyntaxError::at(msg, self.prev_end()));
                }
                args.push(e);
            }
            // A bare generator expression among other arguments was rejected above;
            // a parenthesised one is an ordinary argument.
            if !self.eat(Sym::Comma) {
                break;
            }
            if self.at(Sym::For) {
                return Err(self.invalid_syntax());
            }
        }
        self.close(Sym::RParen, last_pos)?;
        Ok((args, keywords))
    }

    /// A comprehension's element may not be `*x`.
    fn no_star_elt(&self, e: &Expr) -> PResult<()> {
        if let ExprKind::Starred(_) = e.kind {
            return Err(SyntaxError::at(
                "iterable unpacking cannot be used in comprehension",
                e.pos,
            ));
        }
        Ok(())
    }

    /// `for target in iter (if cond)*`, repeated.
    pub(super) fn comprehension_clauses(&mut self) -> PResult<Vec<Comprehension>> {
        let mut gens = Vec::new();
        while self.at(Sym::For)
            || (self.at(Sym::Async) && matches!(self.peek_at(1), Tok::Sym(Sym::For)))
        {
            let is_async = self.eat(Sym::Async);
            self.bump();
            let (target, _) = self.target_list()?;
            self.check_store(&target)?;
            self.expect(Sym::In)?;
            let iter = self.or_test()?;
            let mut ifs = Vec::new();
            while self.eat(Sym::If) {
                ifs.push(self.or_test()?);
            }
            gens.push(Comprehension {
                target,
                iter,
                ifs,
                is_async,
            });
        }
        Ok(gens)
    }

    /// `yield`, `yield x, y`, `yield from x` (the caller has checked for `yield`).
    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let pos = self.bump().start;
        if self.eat(Sym::From) {
            let v = self.test()?;
            return Ok(mk(ExprKind::YieldFrom(Box::new(v)), pos));
        }
        if !starts_expr(self.peek()) && !self.at(Sym::Star) {
            return Ok(mk(ExprKind::Yield(None), pos));
        }
        let (v, _) = self.star_expressions()?;
        Ok(mk(ExprKind::Yield(Some(Box::new(v))), pos))
    }

    fn atom(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let kind = match self.peek() {
            Tok::Name(n) => ExprKind::Name(n.clone()),
            Tok::Int(v) => ExprKind::Int(v.clone()),
            Tok::Float(v) => ExprKind::Float(*v),
            Tok::Imag(v) => ExprKind::Imag(*v),
            Tok::Str(_) => return self.strings(),
            Tok::Sym(Sym::True) => ExprKind::True,
            Tok::Sym(Sym::False) => ExprKind::False,
            Tok::Sym(Sym::None) => ExprKind::None,
            Tok::Sym(Sym::LParen) => return self.paren(),
            Tok::Sym(Sym::LBracket) => return self.list_display(),
            Tok::Sym(Sym::LBrace) => return self.brace_display(),
            Tok::Sym(Sym::Ellipsis) => ExprKind::Ellipsis,
            _ => return Err(self.invalid_syntax()),
        };
        self.bump();
        Ok(mk(kind, pos))
    }

    pub(super) fn paren(&mut self) -> PResult<Expr> {
        let pos = self.bump().start;
        if self.eat(Sym::RParen) {
            return Ok(mk(ExprKind::Tuple(Vec::new()), pos));
        }
        if self.at(Sym::Yield) {
            let e = self.yield_expr()?;
            self.close(Sym::RParen, e.pos)?;
            return Ok(e);
        }
        let first = self.star_named_expr()?;
        if self.at_comp_for() {
            self.no_star_elt(&first)?;
            let generators = self.comprehension_clauses()?;
            self.close(Sym::RParen, first.pos)?;
            return Ok(mk(
                ExprKind::GeneratorExp {
                    elt: Box::new(first),
                    generators,
                },
                pos,
            ));
        }
        if !self.at(Sym::Comma) {
            self.close(Sym::RParen, first.pos)?;
            return Ok(first);
        }
        let elts = self.rest_of_elements(first, Sym::RParen)?;
        Ok(mk(ExprKind::Tuple(elts), pos))
    }

    /// After the first element of a tuple/list/set display: `, elt`* then the closer.
    fn rest_of_elements(&mut self, first: Expr, closer: Sym) -> PResult<Vec<Expr>> {
        let mut last = first.pos;
        let mut elts = vec![first];
        while self.eat(Sym::Comma) {
            if self.at(closer) {
                break;
            }
            let e = self.star_named_expr()?;
            last = e.pos;
            elts.push(e);
            if self.at_comp_for() {
                return Err(SyntaxError::at(
                    "did you forget parentheses around the comprehension target?",
                    elts[0].pos,
                ));
            }
        }
        self.close(closer, last)?;
        Ok(elts)
    }

    fn list_display(&mut self) -> PResult<Expr> {
        let pos = self.bump().start;
        if self.eat(Sym::RBracket) {
            return Ok(mk(ExprKind::List(Vec::new()), pos));
        }
        let first = self.star_named_expr()?;
        if self.at_comp_for() {
            self.no_star_elt(&first)?;
            let generators = self.comprehension_clauses()?;
            self.close(Sym::RBracket, first.pos)?;
            return Ok(mk(
                ExprKind::ListComp {
                    elt: Box::new(first),
                    generators,
                },
                pos,
            ));
        }
        let elts = self.rest_of_elements(first, Sym::RBracket)?;
        Ok(mk(ExprKind::List(elts), pos))
    }

    fn brace_display(&mut self) -> PResult<Expr> {
        let pos = self.bump().start;
        if self.eat(Sym::RBrace) {
            return Ok(mk(ExprKind::Dict(Vec::new()), pos));
        }
        if self.at(Sym::DoubleStar) {
            let star = self.bump().start;
            let v = self.binary(1)?;
            if self.at_comp_for() {
                return Err(SyntaxError::at(
                    "dict unpacking cannot be used in dict comprehension",
                    star,
                ));
            }
            return self.dict_rest(vec![(None, v)], pos);
        }
        let first = self.star_named_expr()?;
        if !self.at(Sym::Colon) {
            if self.at_comp_for() {
                self.no_star_elt(&first)?;
                let generators = self.comprehension_clauses()?;
                self.close(Sym::RBrace, first.pos)?;
                return Ok(mk(
                    ExprKind::SetComp {
                        elt: Box::new(first),
                        generators,
                    },
                    pos,
                ));
            }
            let elts = self.rest_of_elements(first, Sym::RBrace)?;
            return Ok(mk(ExprKind::Set(elts), pos));
        }
        self.bump();
        let value = self.test()?;
        if self.at_comp_for() {
            let generators = self.comprehension_clauses()?;
            self.close(Sym::RBrace, first.pos)?;
            return Ok(mk(
                ExprKind::DictComp {
                    key: Box::new(first),
                    value: Box::new(value),
                    generators,
                },
                pos,
            ));
        }
        self.dict_rest(vec![(Some(first), value)], pos)
    }

    /// After a dict display's first item: `, key: value` or `, **mapping`, then `}`.
    fn dict_rest(&mut self, mut items: Vec<(Option<Expr>, Expr)>, pos: Pos) -> PResult<Expr> {
        let mut last = items.last().map_or(pos, |(_, v)| v.pos);
        while self.eat(Sym::Comma) {
            if self.at(Sym::RBrace) {
                break;
            }
            if self.eat(Sym::DoubleStar) {
                let v = self.binary(1)?;
                last = v.pos;
                items.push((None, v));
                continue;
            }
            let k = self.test()?;
            if !self.eat(Sym::Colon) {
                return Err(SyntaxError::at("':' expected after dictionary key", k.pos));
            }
            let v = self.test()?;
            last = v.pos;
            items.push((Some(k), v));
        }
        self.close(Sym::RBrace, last)?;
        Ok(mk(ExprKind::Dict(items), pos))
    }

    /// At `for` or `async for` (a comprehension clause).
    pub(super) fn at_comp_for(&self) -> bool {
        self.at(Sym::For) || (self.at(Sym::Async) && matches!(self.peek_at(1), Tok::Sym(Sym::For)))
    }

    /// Adjacent string literals; any f-string among them makes the whole an `FString`.
    fn strings(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        let mut lits = Vec::new();
        while let Tok::Str(s) = self.peek() {
            lits.push(s.clone());
            self.bump();
        }
        let nbytes = lits.iter().filter(|l| l.bytes.is_some()).count();
        if nbytes > 0 {
            if nbytes != lits.len() {
                return Err(SyntaxError::at(
                    "cannot mix bytes and nonbytes literals",
                    pos,
                ));
            }
            let b: Vec<u8> = lits
                .iter()
                .flat_map(|l| l.bytes.clone().unwrap_or_default())
                .collect();
            return Ok(mk(ExprKind::Bytes(b), pos));
        }
        if !lits.iter().any(|l| l.fstring) {
            let s: String = lits.iter().map(|l| l.value.as_str()).collect();
            return Ok(mk(ExprKind::Str(s), pos));
        }
        let mut parts: Vec<FStringPart> = Vec::new();
        for lit in &lits {
            if lit.fstring {
                for part in self.fstring(lit, pos)? {
                    push_part(&mut parts, part);
                }
            } else {
                push_part(&mut parts, FStringPart::Literal(lit.value.clone()));
            }
        }
        Ok(mk(ExprKind::FString(parts), pos))
    }
}

/// Appends a part, merging adjacent literals and dropping empty ones.
pub(super) fn push_part(parts: &mut Vec<FStringPart>, part: FStringPart) {
    if let FStringPart::Literal(s) = &part {
        if s.is_empty() {
            return;
        }
        if let Some(FStringPart::Literal(prev)) = parts.last_mut() {
            prev.push_str(s);
            return;
        }
    }
    parts.push(part);
}

fn pow(base: Expr, exp: Expr) -> Expr {
    let pos = base.pos;
    mk(
        ExprKind::BinOp {
            op: BinOp::Pow,
            left: Box::new(base),
            right: Box::new(exp),
        },
        pos,
    )
}
