//! f-strings (3.11 rules): splits the raw body into literal text and `{expr!c:spec}`
//! fields; each field's expression is re-lexed and parsed with the normal parser.

use super::ast::*;
use super::expr::push_part;
use super::{PResult, Parser, SyntaxError};
use crate::lexer::{strings, tokenize, StrLit, Tok};

/// Spec fields may hold fields of their own, but no deeper (as in CPython 3.11).
const MAX_SPEC_LEVEL: usize = 2;

struct Scan<'a> {
    lit: &'a StrLit,
    body: &'a str,
}

impl Scan<'_> {
    fn char_at(&self, i: usize) -> Option<char> {
        self.body.get(i..).and_then(|s| s.chars().next())
    }

    /// Source position of a byte offset in the body.
    fn pos_of(&self, off: usize) -> Pos {
        let mut p = self.lit.body_pos;
        for c in self.body[..off.min(self.body.len())].chars() {
            if c == '\n' {
                p.line += 1;
                p.col = 1;
            } else {
                p.col += 1;
            }
        }
        p
    }

    fn err(&self, msg: impl Into<String>, off: usize) -> SyntaxError {
        SyntaxError::at(msg, self.pos_of(off))
    }

    fn literal(&self, text: &str, at: usize) -> PResult<FStringPart> {
        let s = if self.lit.raw {
            text.to_string()
        } else {
            strings::decode_escapes(text).map_err(|m| self.err(m, at))?
        };
        Ok(FStringPart::Literal(s))
    }

    /// Finds where a field's expression ends: at `}`, `!`, `:` or a self-documenting
    /// `=`, outside nested brackets and strings.
    fn expr_end(&self, start: usize) -> PResult<usize> {
        let b = self.body.as_bytes();
        let mut depth = 0usize;
        let mut i = start;
        while i < b.len() {
            let c = b[i];
            match c {
                b'\\' => {
                    return Err(self.err("f-string expression part cannot include a backslash", i))
                }
                b'#' => {
                    return Err(self.err("f-string expression part cannot include '#'", i));
                }
                b'\'' | b'"' => {
                    let triple = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
                    let q = if triple { 3 } else { 1 };
                    let mut j = i + q;
                    loop {
                        if j >= b.len() {
                            return Err(self.err("f-string: unterminated string", i));
                        }
                        if b[j] == b'\\' {
                            return Err(
                                self.err("f-string expression part cannot include a backslash", j)
                            );
                        }
                        if b[j] == c
                            && (!triple || (b.get(j + 1) == Some(&c) && b.get(j + 2) == Some(&c)))
                        {
                            break;
                        }
                        j += 1;
                    }
                    i = j + q;
                    continue;
                }
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' => depth = depth.saturating_sub(1),
                b'}' if depth > 0 => depth -= 1,
                b'}' => return Ok(i),
                b'!' | b':' if depth == 0 && b.get(i + 1) != Some(&b'=') => return Ok(i),
                b'!' | b'<' | b'>' | b'=' if b.get(i + 1) == Some(&b'=') => {
                    i += 2;
                    continue;
                }
                b'=' if depth == 0 => return Ok(i),
                _ => {}
            }
            i += 1;
        }
        Err(self.err("f-string: expecting '}'", b.len()))
    }
}

impl Parser {
    pub(super) fn fstring(&mut self, lit: &StrLit, _pos: Pos) -> PResult<Vec<FStringPart>> {
        let scan = Scan {
            lit,
            body: &lit.body,
        };
        let (parts, _) = self.fstring_parts(&scan, 0, 0)?;
        Ok(parts)
    }

    /// Parses literal text and fields from `start`; at `level > 0` (inside a format
    /// spec) stops before the `}` that closes the enclosing field.
    fn fstring_parts(
        &mut self,
        scan: &Scan,
        start: usize,
        level: usize,
    ) -> PResult<(Vec<FStringPart>, usize)> {
        let body = scan.body;
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut text_start = start;
        let mut i = start;
        while let Some(c) = scan.char_at(i) {
            match c {
                '{' if body[i + 1..].starts_with('{') => {
                    text.push('{');
                    i += 2;
                }
                // `\N{NAME}` is an escape, not a field; `\\` protects what follows.
                '\\' if !scan.lit.raw => {
                    let rest = &body[i + 1..];
                    let n = if rest.starts_with('\\') {
                        2
                    } else if rest.starts_with("N{") {
                        rest.find('}').map_or(1, |p| p + 2)
                    } else {
                        1
                    };
                    text.push_str(&body[i..i + n]);
                    i += n;
                }
                '}' if level > 0 => break,
                '}' if body[i + 1..].starts_with('}') => {
                    text.push('}');
                    i += 2;
                }
                '}' => return Err(scan.err("f-string: single '}' is not allowed", i + 1)),
                '{' => {
                    push_part(&mut parts, scan.literal(&text, text_start)?);
                    text.clear();
                    if level >= MAX_SPEC_LEVEL {
                        return Err(scan.err("f-string: expressions nested too deeply", i));
                    }
                    i = self.fstring_field(scan, i, level, &mut parts)?;
                    text_start = i;
                }
                _ => {
                    text.push(c);
                    i += c.len_utf8();
                }
            }
        }
        if level > 0 && i >= body.len() {
            return Err(scan.err("f-string: expecting '}'", body.len()));
        }
        push_part(&mut parts, scan.literal(&text, text_start)?);
        Ok((parts, i))
    }

    /// Parses the field opening at `open` (a `{`); returns the offset after its `}`.
    fn fstring_field(
        &mut self,
        scan: &Scan,
        open: usize,
        level: usize,
        parts: &mut Vec<FStringPart>,
    ) -> PResult<usize> {
        let body = scan.body;
        let start = open + 1;
        let mut i = scan.expr_end(start)?;
        let text = &body[start..i];
        if text.trim().is_empty() {
            return Err(scan.err("f-string: empty expression not allowed", i));
        }
        let expr = self.fstring_expr(text, scan.pos_of(start))?;
        let mut conversion = None;
        if body[i..].starts_with('=') {
            i += 1;
            while let Some(c @ (' ' | '\t' | '\n')) = scan.char_at(i) {
                i += c.len_utf8();
            }
            push_part(parts, FStringPart::Literal(body[start..i].to_string()));
            if !body[i..].starts_with('!') && !body[i..].starts_with(':') {
                conversion = Some('r');
            }
        }
        if body[i..].starts_with('!') {
            match scan.char_at(i + 1) {
                Some(c @ ('s' | 'r' | 'a')) => {
                    conversion = Some(c);
                    i += 2;
                    if !body[i..].starts_with(':') && !body[i..].starts_with('}') {
                        return Err(scan.err("f-string: expecting '}'", i));
                    }
                }
                _ => {
                    return Err(scan.err(
                        "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                        i + 1,
                    ))
                }
            }
        }
        let mut spec = None;
        if body[i..].starts_with(':') {
            let (s, end) = self.fstring_parts(scan, i + 1, level + 1)?;
            spec = Some(s);
            i = end;
        }
        if !body[i..].starts_with('}') {
            return Err(scan.err("f-string: expecting '}'", i));
        }
        parts.push(FStringPart::Expr {
            expr: Box::new(expr),
            conversion,
            spec,
        });
        Ok(i + 1)
    }

    /// Parses a field's expression as if parenthesised (so it may span lines and be a
    /// tuple), mapping token positions back into the enclosing source.
    fn fstring_expr(&mut self, text: &str, base: Pos) -> PResult<Expr> {
        let src = format!("({text})");
        let shift = |p: &mut Pos| {
            if p.line == 1 {
                p.col = (p.col + base.col).saturating_sub(2).max(1);
            }
            p.line += base.line - 1;
        };
        let prefixed = |mut e: SyntaxError| {
            if !e.msg.starts_with("f-string") {
                e.msg = format!("f-string: {}", e.msg);
            }
            let mut p = Pos {
                line: e.line,
                col: e.col,
            };
            shift(&mut p);
            e.line = p.line;
            e.col = p.col;
            e
        };
        let lexed = tokenize(&src);
        if let Some(e) = lexed.error {
            return Err(prefixed(e));
        }
        let mut toks = lexed.tokens;
        for t in &mut toks {
            shift(&mut t.start);
            shift(&mut t.end);
        }
        let mut inner = Parser::new(toks, self.depth + 1);
        inner.enter()?;
        // Parser errors already carry shifted positions; only the message changes.
        let prefix_only = |mut e: SyntaxError| {
            if !e.msg.starts_with("f-string") {
                e.msg = format!("f-string: {}", e.msg);
            }
            e
        };
        let e = inner.paren().map_err(prefix_only)?;
        if !inner.at_tok(&Tok::Newline) {
            return Err(prefix_only(inner.invalid_syntax()));
        }
        Ok(e)
    }
}
