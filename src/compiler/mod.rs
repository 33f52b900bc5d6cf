//! Compiler: AST → code objects. A symbol-table pass classifies every name, then code
//! generation emits one `CodeObject` per module, function, lambda, class body and comprehension.
//!
//! Module-level names are globals (LOAD_GLOBAL/STORE_GLOBAL), unlike CPython's LOAD_NAME
//! there: module locals *are* the globals, and it keeps `counter += 1` at module level
//! the same four instructions as in a function that declares `global counter`.

mod asyncs;
mod codegen;
mod excgroup;
mod expr;
pub mod flow;
mod patterns;
pub mod symtable;
#[cfg(test)]
mod tests;

use crate::bytecode::CodeObject;
use crate::parser::ast;
use crate::parser::SyntaxError;
use crate::vm::refcount::Ref;

/// Compiles a parsed module into its module code object (nested code objects sit in
/// `consts`). Errors are compile-time `SyntaxError`s worded as CPython 3.11's.
pub fn compile_module(
    module: &ast::Module,
    filename: &str,
) -> Result<Ref<CodeObject>, SyntaxError> {
    compile_module_as(module, filename, Mode::Module)
}

/// How source handed to `compile`/`exec`/`eval` is compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A program's module (names are globals).
    Module,
    /// `exec`: statements; names through the locals mapping.
    Exec,
    /// `compile(..., 'single')`: as Exec, expression statements print their value.
    Single,
    /// `eval`: the module is one expression statement whose value is returned.
    Eval,
}

pub fn compile_module_as(
    module: &ast::Module,
    filename: &str,
    mode: Mode,
) -> Result<Ref<CodeObject>, SyntaxError> {
    let table = symtable::SymbolTable::build(module)?;
    let mut c = codegen::Compiler::new(&table, filename);
    c.name_mode = mode != Mode::Module;
    c.interactive = mode == Mode::Single;
    c.enter_unit(0, 1, 0, 0);
    match (mode, module.body.as_slice()) {
        (
            Mode::Eval,
            [ast::Stmt {
                kind: ast::StmtKind::Expr(e),
                ..
            }],
        ) => c.compile_expr(e)?,
        _ => {
            c.setup_annotations(&module.body);
            if mode != Mode::Single {
                c.store_docstring(&module.body);
            }
            c.compile_body(&module.body)?;
            c.load_none();
        }
    }
    c.op(crate::bytecode::Op::ReturnValue);
    c.leave_unit()
}
