//! Compiler: AST → code objects (symbol tables, then bytecode emission).
