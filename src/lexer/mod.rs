//! Lexer: source text → tokens. logos does the raw scanning; the layer here adds
//! INDENT/DEDENT, NEWLINE suppression inside brackets and on blank lines, and literals.

mod indent;
mod numbers;
pub mod strings;

use crate::parser::ast::Pos;
use crate::parser::SyntaxError;
use indent::{Change, IndentError, IndentStack};
use logos::Logos;
use num_bigint::BigInt;
use numbers::Number;

/// CPython's tokenizer limit on open brackets (`MAXLEVEL`).
pub const MAX_BRACKET_DEPTH: usize = 200;

/// Keywords and operators, plus internal markers the layer below turns into other tokens.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[logos(skip r"[ \t\x0c]+")]
pub enum Sym {
    #[regex(r"#[^\n]*")]
    Comment,
    #[token("\n")]
    RawNewline,
    #[token("\\\n")]
    Continuation,
    #[token("\\")]
    Backslash,
    #[regex(r"[\p{XID_Start}_]\p{XID_Continue}*")]
    Ident,
    #[regex(r"[0-9]|\.[0-9]")]
    NumberStart,
    #[regex(r#"([rRbBfFuU]|[rR][bBfF]|[bBfF][rR])?["']"#)]
    StringStart,

    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("async")]
    Async,
    #[token("await")]
    Await,
    #[token("break")]
    Break,
    #[token("class")]
    Class,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("nonlocal")]
    Nonlocal,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,
    #[token("with")]
    With,
    #[token("yield")]
    Yield,

    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(";")]
    Semi,
    #[token(".")]
    Dot,
    #[token("...")]
    Ellipsis,
    #[token("=")]
    Assign,
    #[token("->")]
    Arrow,
    #[token(":=")]
    Walrus,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("//")]
    DoubleSlash,
    #[token("%")]
    Percent,
    #[token("**")]
    DoubleStar,
    #[token("@")]
    At,
    #[token("<<")]
    LShift,
    #[token(">>")]
    RShift,
    #[token("&")]
    Amp,
    #[token("|")]
    Pipe,
    #[token("^")]
    Caret,
    #[token("~")]
    Tilde,
    #[token("<")]
    Lt,
    #[token(">")]
    Gt,
    #[token("<=")]
    LtE,
    #[token(">=")]
    GtE,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("+=")]
    PlusEq,
    #[token("-=")]
    MinusEq,
    #[token("*=")]
    StarEq,
    #[token("/=")]
    SlashEq,
    #[token("//=")]
    DoubleSlashEq,
    #[token("%=")]
    PercentEq,
    #[token("**=")]
    DoubleStarEq,
    #[token("@=")]
    AtEq,
    #[token("&=")]
    AmpEq,
    #[token("|=")]
    PipeEq,
    #[token("^=")]
    CaretEq,
    #[token("<<=")]
    LShiftEq,
    #[token(">>=")]
    RShiftEq,
}

/// A string literal as written; adjacent literals are joined by the parser.
#[derive(Debug, Clone, PartialEq)]
pub struct StrLit {
    pub fstring: bool,
    pub raw: bool,
    /// The opening quote character (`'` or `"`); f-string fields may not contain it.
    pub quote: char,
    /// The text between the quotes, escapes not yet processed.
    pub body: String,
    /// Where `body` starts in the source, for positions inside f-string fields.
    pub body_pos: Pos,
    /// The decoded value (plain strings only; empty for f-strings).
    pub value: String,
    /// A bytes literal's value (`b'...'`); `value` is then empty.
    pub bytes: Option<Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Sym(Sym),
    Name(String),
    Int(BigInt),
    Float(f64),
    /// Imaginary literal `1j`: the imaginary part.
    Imag(f64),
    Str(Box<StrLit>),
    Newline,
    Indent,
    Dedent,
    /// An ASCII character Python has no token for (`$`, `?`, `!`): a parse error
    /// wherever it appears, reported as `invalid syntax`.
    Unknown(char),
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub start: Pos,
    /// Position just past the token's last char.
    pub end: Pos,
}

/// The result of lexing: tokens (always ending in `End`) or the first error. An
/// unclosed bracket at end of input is kept apart: CPython reports it only when parsing
/// fails (a more specific parser message wins), so the parser gets the tokens too.
pub struct Lexed {
    pub tokens: Vec<Token>,
    pub error: Option<SyntaxError>,
    pub unclosed: Option<SyntaxError>,
}

/// Turns byte offsets into 1-based (line, char column), walking forward only so that
/// long lines stay linear.
struct Cursor<'a> {
    src: &'a str,
    off: usize,
    line: u32,
    col: u32,
    line_start: usize,
}

impl<'a> Cursor<'a> {
    fn advance(&mut self, to: usize) -> Pos {
        if to > self.off {
            for (i, c) in self.src[self.off..to].char_indices() {
                if c == '\n' {
                    self.line += 1;
                    self.col = 1;
                    self.line_start = self.off + i + 1;
                } else {
                    self.col += 1;
                }
            }
            self.off = to;
        }
        Pos {
            line: self.line,
            col: self.col,
        }
    }
}

/// Normalises line endings so positions and string bodies only ever see `\n`.
pub fn normalize_newlines(src: &str) -> std::borrow::Cow<'_, str> {
    if src.contains('\r') {
        std::borrow::Cow::Owned(src.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(src)
    }
}

/// Lexes `src`, which must already have `\n` line endings (see `normalize_newlines`).
pub fn tokenize(src: &str) -> Lexed {
    Lexer::new(src).run()
}

struct Lexer<'a> {
    src: &'a str,
    lx: logos::Lexer<'a, Sym>,
    cur: Cursor<'a>,
    out: Vec<Token>,
    brackets: Vec<(char, Pos)>,
    indents: IndentStack,
    /// Whether the current logical line has produced a token (else NEWLINE is dropped).
    line_has_tokens: bool,
}

fn err_at(kind: &'static str, msg: impl Into<String>, p: Pos) -> SyntaxError {
    SyntaxError {
        kind,
        msg: msg.into(),
        line: p.line,
        col: p.col,
    }
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Self {
        Lexer {
            src,
            lx: Sym::lexer(src),
            cur: Cursor {
                src,
                off: 0,
                line: 1,
                col: 1,
                line_start: 0,
            },
            out: Vec::new(),
            brackets: Vec::new(),
            indents: IndentStack::new(),
            line_has_tokens: false,
        }
    }

    fn run(mut self) -> Lexed {
        match self.lex_all() {
            Ok(unclosed) => Lexed {
                tokens: self.out,
                error: None,
                unclosed,
            },
            Err(e) => Lexed {
                tokens: self.out,
                error: Some(e),
                unclosed: None,
            },
        }
    }

    fn push(&mut self, tok: Tok, start: Pos, end: Pos) {
        self.out.push(Token { tok, start, end });
    }

    fn lex_all(&mut self) -> Result<Option<SyntaxError>, SyntaxError> {
        let mut after_continuation = false;
        while let Some(res) = self.lx.next() {
            let span = self.lx.span();
            let start = self.cur.advance(span.start);
            let sym = match res {
                Ok(s) => s,
                Err(()) => {
                    let c = self.src[span.start..].chars().next().unwrap_or('?');
                    if c.is_ascii() {
                        self.begin_token(start)?;
                        let end = self.cur_end();
                        self.push(Tok::Unknown(c), start, end);
                        continue;
                    }
                    let msg = format!("invalid character '{c}' (U+{:04X})", c as u32);
                    return Err(err_at("SyntaxError", msg, start));
                }
            };
            after_continuation = sym == Sym::Continuation;
            match sym {
                Sym::Comment | Sym::Continuation => continue,
                Sym::RawNewline => {
                    if self.brackets.is_empty() && self.line_has_tokens {
                        let end = Pos {
                            line: start.line,
                            col: start.col + 1,
                        };
                        self.push(Tok::Newline, start, end);
                        self.line_has_tokens = false;
                    }
                    continue;
                }
                Sym::Backslash => {
                    let p = Pos {
                        line: start.line,
                        col: start.col + 1,
                    };
                    let msg = if span.end == self.src.len() {
                        "unexpected EOF while parsing"
                    } else {
                        "unexpected character after line continuation character"
                    };
                    return Err(err_at("SyntaxError", msg, p));
                }
                _ => {}
            }
            self.begin_token(start)?;
            let tok = match sym {
                Sym::Ident => Tok::Name(self.lx.slice().to_string()),
                Sym::NumberStart => self.number(span.start, start)?,
                Sym::StringStart => self.string(span.start, start)?,
                Sym::LParen | Sym::LBracket | Sym::LBrace => {
                    if self.brackets.len() >= MAX_BRACKET_DEPTH {
                        return Err(err_at("SyntaxError", "too many nested parentheses", start));
                    }
                    let c = self.lx.slice().chars().next().unwrap_or('(');
                    self.brackets.push((c, start));
                    Tok::Sym(sym)
                }
                Sym::RParen | Sym::RBracket | Sym::RBrace => {
                    self.close_bracket(start)?;
                    Tok::Sym(sym)
                }
                _ => Tok::Sym(sym),
            };
            let end = self.cur_end();
            self.push(tok, start, end);
        }
        let eof = self.cur.advance(self.src.len());
        if after_continuation {
            return Err(err_at("SyntaxError", "unexpected EOF while parsing", eof));
        }
        let unclosed = self
            .brackets
            .last()
            .map(|&(c, p)| err_at("SyntaxError", format!("'{c}' was never closed"), p));
        if self.line_has_tokens {
            let p = self.out.last().map_or(eof, |t| t.end);
            let end = Pos {
                line: p.line,
                col: p.col + 1,
            };
            self.push(Tok::Newline, p, end);
        }
        for _ in 0..self.indents.depth() {
            self.push(Tok::Dedent, eof, eof);
        }
        self.push(Tok::End, eof, eof);
        Ok(unclosed)
    }

    fn cur_end(&mut self) -> Pos {
        let end = self.lx.span().end;
        self.cur.advance(end)
    }

    /// Called before every real token: the first one on a logical line settles its indent.
    fn begin_token(&mut self, start: Pos) -> Result<(), SyntaxError> {
        if self.line_has_tokens {
            return Ok(());
        }
        self.line_has_tokens = true;
        let line_start = self.cur.line_start;
        let prefix = &self.src[line_start..self.cur.off];
        match self.indents.update(prefix) {
            Ok(Change::Same) => {}
            Ok(Change::Indent) => self.push(Tok::Indent, start, start),
            Ok(Change::Dedent(n)) => {
                for _ in 0..n {
                    self.push(Tok::Dedent, start, start);
                }
            }
            Err(e) => {
                let line_len = self.src[line_start..]
                    .split('\n')
                    .next()
                    .unwrap_or("")
                    .chars()
                    .count() as u32;
                let (kind, msg, col) = match e {
                    IndentError::Inconsistent => (
                        "IndentationError",
                        "unindent does not match any outer indentation level",
                        line_len + 1,
                    ),
                    IndentError::TabError => (
                        "TabError",
                        "inconsistent use of tabs and spaces in indentation",
                        1,
                    ),
                    IndentError::TooDeep => {
                        ("IndentationError", "too many levels of indentation", 1)
                    }
                };
                return Err(err_at(
                    kind,
                    msg,
                    Pos {
                        line: start.line,
                        col,
                    },
                ));
            }
        }
        Ok(())
    }

    fn close_bracket(&mut self, start: Pos) -> Result<(), SyntaxError> {
        let c = self.lx.slice().chars().next().unwrap_or(')');
        let Some((open, open_pos)) = self.brackets.pop() else {
            return Err(err_at("SyntaxError", format!("unmatched '{c}'"), start));
        };
        let expected = match open {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        if c != expected {
            let mut msg =
                format!("closing parenthesis '{c}' does not match opening parenthesis '{open}'");
            if open_pos.line != start.line {
                msg.push_str(&format!(" on line {}", open_pos.line));
            }
            return Err(err_at("SyntaxError", msg, start));
        }
        Ok(())
    }

    fn number(&mut self, off: usize, start: Pos) -> Result<Tok, SyntaxError> {
        match numbers::scan_number(&self.src[off..]) {
            Ok((len, n)) => {
                self.lx.bump(len - self.lx.slice().len());
                Ok(match n {
                    Number::Int(v) => Tok::Int(v),
                    Number::Float(v) => Tok::Float(v),
                    Number::Imag(v) => Tok::Imag(v),
                })
            }
            Err((msg, at)) => {
                let p = Pos {
                    line: start.line,
                    col: start.col + at as u32,
                };
                Err(err_at("SyntaxError", msg, p))
            }
        }
    }

    fn string(&mut self, off: usize, start: Pos) -> Result<Tok, SyntaxError> {
        let opening = self.lx.slice();
        let quote = opening.chars().last().unwrap_or('"');
        let prefix = opening[..opening.len() - 1].to_ascii_lowercase();
        let is_bytes = prefix.contains('b');
        let mut body_off = off + opening.len();
        let triple = self.src[body_off..].starts_with(&format!("{quote}{quote}"));
        if triple {
            body_off += 2;
            self.lx.bump(2);
        }
        let end = strings::scan_body(&self.src[body_off..], quote, triple).map_err(|u| {
            let detected = start.line as usize + u.extra_lines;
            let what = if u.triple {
                "triple-quoted string"
            } else {
                "string"
            };
            let msg = format!("unterminated {what} literal (detected at line {detected})");
            err_at("SyntaxError", msg, start)
        })?;
        let body = &self.src[body_off..body_off + end.body_len];
        let body_pos = self.cur.advance(body_off);
        self.lx.bump(end.body_len + end.close_len);
        let fstring = prefix.contains('f');
        let raw = prefix.contains('r');
        if is_bytes {
            if !body.is_ascii() {
                return Err(err_at(
                    "SyntaxError",
                    "bytes can only contain ASCII literal characters",
                    start,
                ));
            }
            let value = if raw {
                body.as_bytes().to_vec()
            } else {
                strings::decode_bytes_escapes(body).map_err(|m| err_at("SyntaxError", m, start))?
            };
            return Ok(Tok::Str(Box::new(StrLit {
                fstring: false,
                raw,
                quote,
                body: body.to_string(),
                body_pos,
                value: String::new(),
                bytes: Some(value),
            })));
        }
        let value = if fstring || raw {
            if fstring {
                String::new()
            } else {
                body.to_string()
            }
        } else {
            strings::decode_escapes(body).map_err(|m| err_at("SyntaxError", m, start))?
        };
        Ok(Tok::Str(Box::new(StrLit {
            fstring,
            raw,
            quote,
            body: body.to_string(),
            body_pos,
            value,
            bytes: None,
        })))
    }
}

#[cfg(test)]
mod tests;
