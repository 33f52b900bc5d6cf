//! `match` statements and their patterns (PEP 634). `match` and `case` are soft
//! keywords: a line starting with `match` is a match statement only if it parses as
//! one up to the first `case`, otherwise it is parsed again as an ordinary statement.

use super::ast::*;
use super::expr::starts_expr;
use super::{PResult, Parser, SyntaxError};
use crate::lexer::{Sym, Tok};

fn pat(kind: PatternKind, pos: Pos) -> Pattern {
    Pattern { kind, pos }
}

fn is_soft(t: &Tok, kw: &str) -> bool {
    matches!(t, Tok::Name(n) if n == kw)
}

impl Parser {
    /// `match subject: NEWLINE INDENT case+ DEDENT`, or `None` (nothing consumed) when
    /// the line is not a match statement (`match = 1`, `match(x)`).
    pub(super) fn match_stmt(&mut self) -> PResult<Option<Stmt>> {
        let save = (self.i, self.depth);
        let pos = self.bump().start;
        let subject = match self.match_subject() {
            Ok(s) if self.at(Sym::Colon) && matches!(self.peek_at(1), Tok::Newline) => s,
            _ => {
                (self.i, self.depth) = save;
                return Ok(None);
            }
        };
        self.bump();
        let nl = self.bump();
        if !self.at_tok(&Tok::Indent) {
            let p = if self.at_tok(&Tok::End) {
                nl.start
            } else {
                self.pos()
            };
            return Err(SyntaxError::indentation(
                format!(
                    "expected an indented block after 'match' statement on line {}",
                    pos.line
                ),
                p.line,
                p.col,
            ));
        }
        self.bump();
        let mut cases = Vec::new();
        while !self.at_tok(&Tok::Dedent) && !self.at_tok(&Tok::End) {
            if !is_soft(self.peek(), "case") {
                return Err(self.invalid_syntax());
            }
            cases.push(self.case_block()?);
        }
        self.bump();
        Ok(Some(Stmt {
            kind: StmtKind::Match { subject, cases },
            pos,
        }))
    }

    /// `subject_expr`: a named expression, or a bare tuple with starred items.
    fn match_subject(&mut self) -> PResult<Expr> {
        let first = self.star_named_expr()?;
        if !self.at(Sym::Comma) {
            if let ExprKind::Starred(_) = first.kind {
                return Err(self.invalid_syntax());
            }
            return Ok(first);
        }
        let pos = first.pos;
        let mut elts = vec![first];
        while self.eat(Sym::Comma) {
            if !starts_expr(self.peek()) && !self.at(Sym::Star) {
                break;
            }
            elts.push(self.star_named_expr()?);
        }
        Ok(Expr {
            kind: ExprKind::Tuple(elts),
            pos,
        })
    }

    fn case_block(&mut self) -> PResult<MatchCase> {
        let pos = self.bump().start;
        let pattern = self.patterns()?;
        let guard = if self.eat(Sym::If) {
            Some(self.named_expr()?)
        } else {
            None
        };
        self.expect_colon()?;
        let body = self.block("'case' statement", pos.line)?;
        Ok(MatchCase {
            pattern,
            guard,
            body,
            pos,
        })
    }

    /// `patterns`: an open sequence (`case a, b:`) or a single pattern.
    fn patterns(&mut self) -> PResult<Pattern> {
        let first = self.maybe_star_pattern()?;
        if !self.at(Sym::Comma) {
            if let PatternKind::Star(_) = first.kind {
                return Err(self.invalid_syntax());
            }
            return Ok(first);
        }
        let pos = first.pos;
        let mut items = vec![first];
        while self.eat(Sym::Comma) {
            if self.at(Sym::Colon) || self.at(Sym::If) {
                break;
            }
            items.push(self.maybe_star_pattern()?);
        }
        Ok(pat(PatternKind::Sequence(items), pos))
    }

    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        if self.at(Sym::Star) {
            let pos = self.bump().start;
            let (name, _) = self.name()?;
            let name = (name != "_").then_some(name);
            return Ok(pat(PatternKind::Star(name), pos));
        }
        self.pattern()
    }

    /// `pattern`: an or-pattern, optionally `as NAME`.
    fn pattern(&mut self) -> PResult<Pattern> {
        self.enter()?;
        let r = self.pattern_inner();
        self.leave();
        r
    }

    fn pattern_inner(&mut self) -> PResult<Pattern> {
        let mut p = self.or_pattern()?;
        while self.at(Sym::As) {
            self.bump();
            let tpos = self.pos();
            let name = match self.peek() {
                Tok::Name(n) if n == "_" => {
                    return Err(SyntaxError::at("cannot use '_' as a target", tpos))
                }
                Tok::Name(n)
                    if !matches!(
                        self.peek_at(1),
                        Tok::Sym(Sym::Dot | Sym::LParen | Sym::Assign)
                    ) =>
                {
                    n.clone()
                }
                Tok::Name(_) => return Err(SyntaxError::at("invalid syntax", self.pos())),
                t if starts_expr(t) => {
                    let e = self.test()?;
                    return Err(SyntaxError::at("invalid pattern target", e.pos));
                }
                _ => return Err(self.invalid_syntax()),
            };
            self.bump();
            let pos = p.pos;
            p = pat(
                PatternKind::As {
                    pattern: Some(Box::new(p)),
                    name: Some(name),
                },
                pos,
            );
        }
        Ok(p)
    }

    fn or_pattern(&mut self) -> PResult<Pattern> {
        let first = self.closed_pattern()?;
        if !self.at(Sym::Pipe) {
            return Ok(first);
        }
        let pos = first.pos;
        let mut alts = vec![first];
        while self.eat(Sym::Pipe) {
            alts.push(self.closed_pattern()?);
        }
        Ok(pat(PatternKind::Or(alts), pos))
    }

    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let pos = self.pos();
        match self.peek().clone() {
            Tok::Sym(Sym::LParen) => {
                self.bump();
                if self.eat(Sym::RParen) {
                    return Ok(pat(PatternKind::Sequence(Vec::new()), pos));
                }
                let first = self.maybe_star_pattern()?;
                if self.eat(Sym::RParen) {
                    if let PatternKind::Star(_) = first.kind {
                        return Err(self.invalid_syntax());
                    }
                    // A group: the parentheses only group.
                    return Ok(first);
                }
                if !self.at(Sym::Comma) {
                    return Err(self.invalid_syntax());
                }
                let mut items = vec![first];
                while self.eat(Sym::Comma) {
                    if self.at(Sym::RParen) {
                        break;
                    }
                    items.push(self.maybe_star_pattern()?);
                }
                self.expect(Sym::RParen)?;
                Ok(pat(PatternKind::Sequence(items), pos))
            }
            Tok::Sym(Sym::LBracket) => {
                self.bump();
                let mut items = Vec::new();
                while !self.at(Sym::RBracket) {
                    items.push(self.maybe_star_pattern()?);
                    if !self.eat(Sym::Comma) {
                        break;
                    }
                }
                self.expect(Sym::RBracket)?;
                Ok(pat(PatternKind::Sequence(items), pos))
            }
            Tok::Sym(Sym::LBrace) => self.mapping_pattern(),
            Tok::Name(n) => {
                let is_dotted = matches!(self.peek_at(1), Tok::Sym(Sym::Dot));
                let is_call = matches!(self.peek_at(1), Tok::Sym(Sym::LParen));
                if !is_dotted && !is_call {
                    self.bump();
                    let name = (n != "_").then_some(n);
                    return Ok(pat(
                        PatternKind::As {
                            pattern: None,
                            name,
                        },
                        pos,
                    ));
                }
                let cls = self.name_or_attr()?;
                if self.at(Sym::LParen) {
                    return self.class_pattern(cls, pos);
                }
                Ok(pat(PatternKind::Value(cls), pos))
            }
            Tok::Sym(Sym::None | Sym::True | Sym::False) => {
                let e = self.atom_only()?;
                Ok(pat(PatternKind::Singleton(e), pos))
            }
            _ => {
                let e = self.literal_expr()?;
                Ok(pat(PatternKind::Value(e), pos))
            }
        }
    }

    /// `NAME ('.' NAME)*` as an expression.
    fn name_or_attr(&mut self) -> PResult<Expr> {
        let (n, pos) = self.name()?;
        let mut e = Expr {
            kind: ExprKind::Name(n),
            pos,
        };
        while self.eat(Sym::Dot) {
            let (attr, _) = self.name()?;
            e = Expr {
                kind: ExprKind::Attribute {
                    value: Box::new(e),
                    attr,
                },
                pos,
            };
        }
        Ok(e)
    }

    fn atom_only(&mut self) -> PResult<Expr> {
        let t = self.bump();
        let kind = match t.tok {
            Tok::Sym(Sym::None) => ExprKind::None,
            Tok::Sym(Sym::True) => ExprKind::True,
            Tok::Sym(Sym::False) => ExprKind::False,
            _ => return Err(SyntaxError::at("invalid syntax", t.start)),
        };
        Ok(Expr { kind, pos: t.start })
    }

    /// A literal pattern's value: a (signed) number, `a + bj`, or strings.
    fn literal_expr(&mut self) -> PResult<Expr> {
        let pos = self.pos();
        match self.peek() {
            Tok::Str(s) => {
                if s.fstring {
                    return Err(SyntaxError::at(
                        "patterns may only match literals and attribute lookups",
                        pos,
                    ));
                }
                let e = self.test()?;
                if !matches!(e.kind, ExprKind::Str(_) | ExprKind::Bytes(_)) {
                    return Err(SyntaxError::at(
                        "patterns may only match literals and attribute lookups",
                        pos,
                    ));
                }
                Ok(e)
            }
            Tok::Int(_) | Tok::Float(_) | Tok::Imag(_) | Tok::Sym(Sym::Minus) => {
                let neg = self.eat(Sym::Minus);
                let npos = self.pos();
                let kind = match self.bump().tok {
                    Tok::Int(v) => ExprKind::Int(v),
                    Tok::Float(v) => ExprKind::Float(v),
                    Tok::Imag(v) => ExprKind::Imag(v),
                    _ => return Err(SyntaxError::at("invalid syntax", npos)),
                };
                let mut e = Expr { kind, pos: npos };
                if neg {
                    e = Expr {
                        kind: ExprKind::UnaryOp {
                            op: UnaryOp::Neg,
                            operand: Box::new(e),
                        },
                        pos,
                    };
                }
                if self.at(Sym::Plus) || self.at(Sym::Minus) {
                    let op = if self.bump().tok == Tok::Sym(Sym::Plus) {
                        BinOp::Add
                    } else {
                        BinOp::Sub
                    };
                    let ipos = self.pos();
                    let Tok::Imag(v) = self.peek().clone() else {
                        return Err(SyntaxError::at(
                            "imaginary number required in complex literal",
                            ipos,
                        ));
                    };
                    if matches!(e.kind, ExprKind::Imag(_))
                        || matches!(&e.kind, ExprKind::UnaryOp { operand, .. } if matches!(operand.kind, ExprKind::Imag(_)))
                    {
                        return Err(SyntaxError::at(
                            "real number required in complex literal",
                            e.pos,
                        ));
                    }
                    self.bump();
                    e = Expr {
                        kind: ExprKind::BinOp {
                            op,
                            left: Box::new(e),
                            right: Box::new(Expr {
                                kind: ExprKind::Imag(v),
                                pos: ipos,
                            }),
                        },
                        pos,
                    };
                }
                Ok(e)
            }
            _ => Err(self.invalid_syntax()),
        }
    }

    fn mapping_pattern(&mut self) -> PResult<Pattern> {
        let pos = self.bump().start;
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        while !self.at(Sym::RBrace) {
            if self.at(Sym::DoubleStar) {
                self.bump();
                let (n, npos) = self.name()?;
                if n == "_" {
                    return Err(SyntaxError::at("invalid syntax", npos));
                }
                rest = Some(n);
                self.eat(Sym::Comma);
                if !self.at(Sym::RBrace) {
                    return Err(self.invalid_syntax());
                }
                break;
            }
            let key = match self.peek() {
                Tok::Name(_) => {
                    let k = self.name_or_attr()?;
                    if !matches!(k.kind, ExprKind::Attribute { .. }) {
                        return Err(SyntaxError::at("invalid syntax", k.pos));
                    }
                    k
                }
                Tok::Sym(Sym::None | Sym::True | Sym::False) => self.atom_only()?,
                _ => self.literal_expr()?,
            };
            self.expect(Sym::Colon)?;
            keys.push(key);
            patterns.push(self.pattern()?);
            if !self.eat(Sym::Comma) {
                break;
            }
        }
        self.expect(Sym::RBrace)?;
        Ok(pat(
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            },
            pos,
        ))
    }

    fn class_pattern(&mut self, cls: Expr, pos: Pos) -> PResult<Pattern> {
        self.bump();
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        while !self.at(Sym::RParen) {
            let ppos = self.pos();
            if matches!(self.peek(), Tok::Name(_))
                && matches!(self.peek_at(1), Tok::Sym(Sym::Assign))
            {
                let (n, _) = self.name()?;
                self.bump();
                kwd_attrs.push(n);
                kwd_patterns.push(self.pattern()?);
            } else {
                let p = self.pattern()?;
                if !kwd_attrs.is_empty() {
                    return Err(SyntaxError::at(
                        "positional patterns follow keyword patterns",
                        ppos,
                    ));
                }
                patterns.push(p);
            }
            if !self.eat(Sym::Comma) {
                break;
            }
        }
        self.expect(Sym::RParen)?;
        Ok(pat(
            PatternKind::Class {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            },
            pos,
        ))
    }
}
