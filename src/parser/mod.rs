//! Parser: tokens → AST, by hand-written recursive descent with precedence climbing.

pub mod ast;

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
}
