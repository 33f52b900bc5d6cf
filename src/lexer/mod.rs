//! Lexer: source text → tokens (logos), with INDENT/DEDENT from an indentation stack.
