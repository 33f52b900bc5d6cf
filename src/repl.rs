//! The interactive prompt (`gilvm` on a terminal, `gilvm run -i`): CPython's `>>>` and
//! `...` prompts, expression values shown by `sys.displayhook`, tracebacks that do
//! not end the session. Waiting for a line releases the GIL, so threads started at
//! the prompt keep running; Ctrl-C cancels the line, Ctrl-D or `exit()` leaves.

use crate::driver::{run_code_in, system_exit_status, Status};
use crate::parser::ast::{Expr, ExprKind, Module as Ast, Stmt, StmtKind};
use crate::parser::SyntaxError;
use crate::vm::errors::PyErr;
use crate::vm::object::Module;
use crate::vm::refcount::Ref;
use crate::vm::stdio::{Fd, Flush, Want};
use crate::vm::types::types;
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;

/// The builtin that an expression statement at the prompt calls with its value (the
/// compiler's interactive mode in CPython emits PRINT_EXPR, which calls the same hook).
const DISPLAY: &str = "__gilvm_displayhook__";

/// One entry typed at the prompt, as far as it goes.
enum Entry {
    /// Not finished: show `...` and read another line.
    More,
    Run(Ast),
    Error(SyntaxError),
}

/// Runs the prompt in `main`'s namespace until end of input or `sys.exit()`.
pub fn run(vm: &mut Vm, main: &Ref<Module>, banner: bool) -> Status {
    vm.interp
        .builtins
        .set_str(DISPLAY, crate::vm::builtins::builtin(DISPLAY, display));
    let sys = match vm.import("sys") {
        Ok(Value::Module(m)) => Some(m),
        _ => None,
    };
    if let Some(sys) = &sys {
        for (name, default) in [("ps1", ">>> "), ("ps2", "... ")] {
            if sys.dict.get_str(&PyStr::new(name)).is_none() {
                sys.dict.set_str(name, Value::str(default));
            }
        }
    }
    if banner {
        say(
            vm,
            &format!(
                "gilvm {} (Python 3.11 semantics, with a real GIL) on {}\nType exit() or Ctrl-D (i.e. EOF) to leave.\n",
                env!("CARGO_PKG_VERSION"),
                std::env::consts::OS
            ),
        );
    }
    let mut entry = String::new();
    loop {
        let name = if entry.is_empty() { "ps1" } else { "ps2" };
        let prompt = sys
            .as_ref()
            .and_then(|m| m.dict.get_str(&PyStr::new(name)))
            .map(|p| vm.str(&p).unwrap_or_default())
            .unwrap_or_default();
        let _ = vm.flush_stdout();
        say(vm, &prompt);
        let line = match vm.read_stdin(Want::Line(None)) {
            Ok(line) => line,
            Err(e) if e.is(&types().keyboard_interrupt) => {
                say(vm, "\nKeyboardInterrupt\n");
                entry.clear();
                if std::io::IsTerminal::is_terminal(&std::io::stdin()) {
                    vm.interp.streams.stdin.discard();
                }
                continue;
            }
            Err(e) if e.is(&types().value_error) => {
                // Undecodable input: report it and read on.
                let report = vm.format_exception(&e);
                vm.report(&report);
                entry.clear();
                continue;
            }
            // End of input, or stdin cannot be read at all.
            Err(_) => String::new(),
        };
        let eof = line.is_empty();
        if eof {
            say(vm, "\n");
            if entry.trim().is_empty() {
                return Status::Code(0);
            }
            entry.push('\n');
        } else {
            entry.push_str(&line);
            if !line.ends_with('\n') {
                entry.push('\n');
            }
        }
        let ast = match classify(&entry, eof) {
            Entry::More => continue,
            Entry::Error(e) => {
                let report = crate::driver::format_syntax_error(&e, "<stdin>", &entry);
                vm.report(&report);
                entry.clear();
                continue;
            }
            Entry::Run(ast) => ast,
        };
        entry.clear();
        if let Some(status) = execute(vm, main, ast) {
            return status;
        }
        if eof {
            return Status::Code(0);
        }
    }
}

/// Writes prompt text to stderr at once (CPython's prompt goes there too when it
/// does not use readline, so a program's stdout carries only its output).
fn say(vm: &mut Vm, text: &str) {
    if vm.write_stream(Fd::Stderr, text).is_ok() {
        let _ = vm.flush_stream(Fd::Stderr, Flush::Explicit);
    }
}

/// Compiles and runs one entry; `Some` when it ended the session (`sys.exit()`).
fn execute(vm: &mut Vm, main: &Ref<Module>, mut ast: Ast) -> Option<Status> {
    show_expressions(&mut ast.body);
    let code = match crate::compiler::compile_module(&ast, "<stdin>") {
        Ok(c) => c,
        Err(e) => {
            let report = crate::driver::format_syntax_error(&e, "<stdin>", "");
            vm.report(&report);
            return None;
        }
    };
    let result = run_code_in(vm, code, main);
    let _ = vm.flush_stdout();
    match result {
        Ok(()) => None,
        Err(e) if e.is(&types().system_exit) => Some(Status::Exit(system_exit_status(vm, &e))),
        Err(e) => {
            report(vm, &e);
            None
        }
    }
}

fn report(vm: &mut Vm, e: &PyErr) {
    let text = vm.format_exception(e);
    vm.report(&text);
}

/// Decides whether `src` is a whole entry. As CPython's prompt: a simple statement
/// runs when its line ends (brackets, triple quotes and backslashes continue it); a
/// compound statement runs at the first blank line; an error at the end of the input
/// only means "go on typing" until a blank line makes it final.
fn classify(src: &str, eof: bool) -> Entry {
    let last_blank = eof || src.lines().last().is_none_or(|l| l.trim().is_empty());
    let code_lines = src.lines().count() as u32;
    match crate::parser::parse(src) {
        Ok(m) => {
            let compound = m.body.first().is_some_and(|s| !is_simple(s));
            if compound && !last_blank {
                Entry::More
            } else {
                Entry::Run(m)
            }
        }
        Err(e) => {
            let unfinished = [
                "was never closed",
                "unterminated triple-quoted string",
                "unexpected EOF while parsing",
                "expected an indented block",
            ]
            .iter()
            .any(|m| e.msg.contains(m));
            if !last_blank && (unfinished || e.line > code_lines) {
                Entry::More
            } else {
                Entry::Error(e)
            }
        }
    }
}

/// Statements that end with their line (everything else has a block).
fn is_simple(s: &Stmt) -> bool {
    matches!(
        s.kind,
        StmtKind::Expr(_)
            | StmtKind::Assign { .. }
            | StmtKind::AugAssign { .. }
            | StmtKind::AnnAssign { .. }
            | StmtKind::Break
            | StmtKind::Continue
            | StmtKind::Pass
            | StmtKind::Return(_)
            | StmtKind::Global(_)
            | StmtKind::Nonlocal(_)
            | StmtKind::Raise { .. }
            | StmtKind::Assert { .. }
            | StmtKind::Delete(_)
            | StmtKind::Import(_)
            | StmtKind::ImportFrom { .. }
    )
}

/// Makes each expression statement of the entry pass its value to the display hook:
/// at module level and inside `if`/`for`/`while`/`try`/`with`/`match` blocks, but not inside
/// function or class bodies (CPython's interactive mode does the same).
fn show_expressions(body: &mut [Stmt]) {
    for st in body {
        match &mut st.kind {
            StmtKind::Expr(e) => {
                let pos = e.pos;
                let value = std::mem::replace(
                    e,
                    Expr {
                        kind: ExprKind::None,
                        pos,
                    },
                );
                *e = Expr {
                    kind: ExprKind::Call {
                        func: Box::new(Expr {
                            kind: ExprKind::Name(DISPLAY.into()),
                            pos,
                        }),
                        args: vec![value],
                        keywords: vec![],
                    },
                    pos,
                };
            }
            StmtKind::If { body, orelse, .. }
            | StmtKind::While { body, orelse, .. }
            | StmtKind::For { body, orelse, .. } => {
                show_expressions(body);
                show_expressions(orelse);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                show_expressions(body);
                for h in handlers {
                    show_expressions(&mut h.body);
                }
                show_expressions(orelse);
                show_expressions(finalbody);
            }
            StmtKind::With { body, .. } => show_expressions(body),
            StmtKind::Match { cases, .. } => {
                for case in cases {
                    show_expressions(&mut case.body);
                }
            }
            _ => {}
        }
    }
}

/// `__gilvm_displayhook__(value)`: calls `sys.displayhook`, which a program may replace.
fn display(vm: &mut Vm, a: crate::vm::Args) -> Result<Value, PyErr> {
    let value = a.pos.first().cloned().unwrap_or(Value::None);
    crate::vm::modules::sys::display(vm, value)?;
    Ok(Value::None)
}
