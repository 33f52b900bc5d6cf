//! Parser: tokens → AST, by hand-written recursive descent with precedence climbing.
//! This file holds the public entry points and the token cursor shared by the parts.

pub mod ast;
mod expr;
mod fstring;
mod patterns;
mod stmt;
mod targets;
#[cfg(test)]
mod tests;

use crate::lexer::{self, Sym, Tok, Token};
use ast::Pos;

/// A compile-time error, rendered like CPython's `SyntaxError` report.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// `SyntaxError`, `IndentationError` or `TabError`.
    pub kind: &'static str,
    pub msg: String,
    /// 1-based line and column (column counts chars; 0 when unknown).
    pub line: u32,
    pub col: u32,
}

impl SyntaxError {
    pub fn new(msg: impl Into<String>, line: u32, col: u32) -> SyntaxError {
        SyntaxError {
            kind: "SyntaxError",
            msg: msg.into(),
            line,
            col,
        }
    }

    pub fn at(msg: impl Into<String>, pos: Pos) -> SyntaxError {
        SyntaxError::new(msg, pos.line, pos.col)
    }

    pub fn indentation(msg: impl Into<String>, line: u32, col: u32) -> SyntaxError {
        SyntaxError {
            kind: "IndentationError",
            msg: msg.into(),
            line,
            col,
        }
    }
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} (line {}, col {})",
            self.kind, self.msg, self.line, self.col
        )
    }
}

impl std::error::Error for SyntaxError {}

pub type PResult<T> = Result<T, SyntaxError>;

/// Limit on expression nesting, counted as an upper bound of the AST's height: each
/// `test` level, operator in a chain (`a+b+c`), prefix operator and trailer adds one.
/// Keeps the parser's stack and every later recursive walk (compiler, `Drop`) bounded;
/// the lexer separately stops at 200 open brackets, as CPython does.
pub const MAX_EXPR_DEPTH: usize = 1000;

/// Stack for the parser thread. Recursive descent in a debug build needs ~20 KiB per
/// bracket level, so 200 levels would overflow a 2 MiB test thread; a dedicated thread
/// makes the depth limits, not the caller's stack, decide. Pages are committed lazily.
const PARSER_STACK_BYTES: usize = 64 << 20;

fn on_parser_stack<T: Send>(f: impl Fn() -> T + Sync) -> T {
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("gilvm-parser".into())
            .stack_size(PARSER_STACK_BYTES)
            .spawn_scoped(scope, &f);
        match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread available: parse here; only extreme nesting could then overflow.
            Err(_) => f(),
        }
    })
}

/// Parses a whole module.
pub fn parse(source: &str) -> Result<ast::Module, SyntaxError> {
    on_parser_stack(|| parse_here(source))
}

/// Parses a single expression (an expression list becomes a tuple), e.g. for `eval`.
pub fn parse_expression(source: &str) -> Result<ast::Expr, SyntaxError> {
    on_parser_stack(|| parse_expression_here(source))
}

fn parse_here(source: &str) -> Result<ast::Module, SyntaxError> {
    let src = lexer::normalize_newlines(source);
    let lexed = lexer::tokenize(&src);
    if let Some(e) = lexed.error {
        // CPython re-tokenizes the whole file after a parse failure, so tokenizer
        // errors anywhere take priority over parser errors; reporting them first matches.
        return Err(e);
    }
    let eof = end_of_code(&lexed.tokens);
    let mut p = Parser::new(lexed.tokens, 0);
    let res = p.module();
    finish(res, lexed.unclosed, eof)
}

fn parse_expression_here(source: &str) -> Result<ast::Expr, SyntaxError> {
    let src = lexer::normalize_newlines(source);
    let lexed = lexer::tokenize(&src);
    if let Some(e) = lexed.error {
        return Err(e);
    }
    let eof = end_of_code(&lexed.tokens);
    let mut p = Parser::new(lexed.tokens, 0);
    let res = (|| {
        // Leading whitespace is allowed in an expression (as for `eval`).
        while p.at_tok(&Tok::Newline) || p.at_tok(&Tok::Indent) {
            p.bump();
        }
        let (e, _) = p.star_expressions()?;
        while p.at_tok(&Tok::Newline) || p.at_tok(&Tok::Dedent) {
            p.bump();
        }
        if !p.at_tok(&Tok::End) {
            return Err(p.invalid_syntax());
        }
        Ok(e)
    })();
    finish(res, lexed.unclosed, eof)
}

/// An unclosed bracket replaces a generic parse error found on a later line: the
/// missing closer is then the likely cause (CPython reaches the same verdict at EOF).
/// Where the source's last real token ends (the tokens after it are the NEWLINE,
/// DEDENTs and end marker made up at end of input).
fn end_of_code(toks: &[Token]) -> (u32, u32) {
    toks.iter()
        .rev()
        .find(|t| !matches!(t.tok, Tok::Newline | Tok::Dedent | Tok::End))
        .map_or((0, 0), |t| (t.end.line, t.end.col))
}

/// CPython reports an unclosed bracket instead of the parser's error when the parser
/// ran into the end of input inside it, or when a generic error comes on a later line.
fn finish<T>(res: PResult<T>, unclosed: Option<SyntaxError>, eof: (u32, u32)) -> PResult<T> {
    match (res, unclosed) {
        (Err(e), Some(u)) if e.msg.starts_with("invalid syntax") && e.line > u.line => Err(u),
        (Err(e), Some(u)) if (e.line, e.col) >= eof => Err(u),
        (res, _) => res,
    }
}

pub(crate) struct Parser {
    toks: Vec<Token>,
    i: usize,
    depth: usize,
}

impl Parser {
    fn new(toks: Vec<Token>, depth: usize) -> Parser {
        Parser { toks, i: 0, depth }
    }

    fn tok(&self) -> &Token {
        // The token vector always ends in `End` and we never step past it.
        &self.toks[self.i.min(self.toks.len() - 1)]
    }

    fn peek(&self) -> &Tok {
        &self.tok().tok
    }

    fn peek_at(&self, n: usize) -> &Tok {
        &self.toks[(self.i + n).min(self.toks.len() - 1)].tok
    }

    fn pos(&self) -> Pos {
        self.tok().start
    }

    /// End of the previous token: where CPython points for "expected ':'".
    fn prev_end(&self) -> Pos {
        if self.i == 0 {
            return self.pos();
        }
        self.toks[self.i - 1].end
    }

    fn bump(&mut self) -> Token {
        let t = self.tok().clone();
        if self.i < self.toks.len() - 1 {
            self.i += 1;
        }
        t
    }

    fn at(&self, s: Sym) -> bool {
        matches!(self.peek(), Tok::Sym(x) if *x == s)
    }

    fn at_tok(&self, t: &Tok) -> bool {
        std::mem::discriminant(self.peek()) == std::mem::discriminant(t)
    }

    fn eat(&mut self, s: Sym) -> bool {
        if self.at(s) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, s: Sym) -> PResult<Token> {
        if self.at(s) {
            Ok(self.bump())
        } else {
            Err(self.invalid_syntax())
        }
    }

    fn expect_colon(&mut self) -> PResult<()> {
        if self.eat(Sym::Colon) {
            Ok(())
        } else {
            Err(SyntaxError::at("expected ':'", self.prev_end()))
        }
    }

    fn name(&mut self) -> PResult<(String, Pos)> {
        if let Tok::Name(n) = self.peek() {
            let n = n.clone();
            let p = self.pos();
            self.bump();
            Ok((n, p))
        } else {
            Err(self.invalid_syntax())
        }
    }

    fn invalid_syntax(&self) -> SyntaxError {
        match self.peek() {
            Tok::Indent => {
                let p = self.pos();
                SyntaxError::indentation("unexpected indent", p.line, p.col.saturating_sub(1))
            }
            _ => SyntaxError::at("invalid syntax", self.pos()),
        }
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_EXPR_DEPTH {
            return Err(SyntaxError::at("expression too deeply nested", self.pos()));
        }
        Ok(())
    }

    /// Counts one more level of AST height (an operator in a chain); undone by
    /// restoring the saved depth when the chain ends.
    fn deepen(&mut self) -> PResult<()> {
        self.enter()
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }
}
