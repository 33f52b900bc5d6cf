//! gilvm: a small Python-like bytecode interpreter with a real global interpreter lock.
//! Data flows lexer → parser → compiler → bytecode → vm; the GIL lives in `gil`.

pub mod bytecode;
pub mod compiler;
pub mod driver;
pub mod gil;
pub mod instruments;
pub mod lexer;
pub mod parser;
pub mod repl;
pub mod vm;
