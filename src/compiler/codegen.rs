//! Bytecode emission: one `Unit` per code object being built (instructions, constants,
//! names, labels), statements and the block ("fblock") stack for return/break unwinding.
//! Expressions live in expr.rs.

use super::flow::stack_depths;
use super::symtable::{Binding, ScopeKind, SymbolTable};
use crate::bytecode::code::flags;
use crate::bytecode::{CodeObject, Instr, Op};
use crate::parser::ast::*;
use crate::parser::SyntaxError;
use crate::vm::refcount::Ref;
use crate::vm::value::{intern, is_identifier_like, Value};
use indexmap::IndexSet;
use std::collections::HashMap;
use std::sync::Arc;

pub type CResult<T> = Result<T, SyntaxError>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label(usize);

/// Identity of a constant for de-duplication: typed, so `1`, `1.0` and `True` stay apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ConstKey {
    None,
    Bool(bool),
    Int(String),
    Float(u64),
    /// An imaginary literal's bits.
    Imag(u64),
    Str(String),
    Bytes(Vec<u8>),
    Ellipsis,
    Tuple(Vec<ConstKey>),
    /// Code objects are never shared.
    Unique(usize),
}

/// A compile-time block that `return`/`break`/`continue` must unwind (CPython's fblock).
#[derive(Debug, Clone)]
pub enum FBlock<'a> {
    While {
        head: Label,
        exit: Label,
    },
    /// The iterator sits on the stack.
    For {
        head: Label,
        exit: Label,
    },
    /// A `try` body guarded by `except` handlers (one SETUP_FINALLY to pop).
    TryExcept,
    /// A `try` body guarded by `finally`: leaving it runs an inlined copy of the body.
    FinallyTry(&'a [Stmt]),
    /// The `finally` body on the exception path: `[prev, exc]` and a cleanup block.
    FinallyEnd,
    /// Inside an `except` clause: `[prev]` and a cleanup block.
    ExceptHandler,
    /// Inside `except E as name:`: one more block that clears `name`.
    HandlerName(String),
    /// Inside `with`: `[exit]` and a handler block.
    With,
    /// Inside `async with`: as `With`, and the exit call is awaited.
    AsyncWith,
    /// Inside an `except*` clause: `break`, `continue` and `return` may not leave it.
    ExceptStar,
    /// A value pushed while unwinding (a pending return value under an inlined finally).
    PopValue,
}

pub struct Unit<'a> {
    pub scope: usize,
    pub kind: ScopeKind,
    name: String,
    qualname: String,
    first_line: u32,
    pub instrs: Vec<Instr>,
    lines: Vec<u32>,
    consts: Vec<Value>,
    const_keys: HashMap<ConstKey, u32>,
    names: IndexSet<String>,
    varnames: IndexSet<String>,
    cellvars: IndexSet<String>,
    freevars: IndexSet<String>,
    labels: Vec<Option<u32>>,
    pub fblocks: Vec<FBlock<'a>>,
    pub line: u32,
    argcount: u32,
    pub posonlyargcount: u32,
    kwonlyargcount: u32,
    pub flags: u32,
}

pub struct Compiler<'a> {
    pub table: &'a SymbolTable,
    pub units: Vec<Unit<'a>>,
    filename: Arc<str>,
    next_unique: usize,
    /// `exec`/`eval` code: module-level names go through LOAD_NAME/STORE_NAME, so a
    /// separate locals mapping is honoured (as CPython compiles all module code).
    pub name_mode: bool,
    /// `compile(..., 'single')`: expression statements print their value.
    pub interactive: bool,
}

/// A string constant; identifier-like ones are interned so that strings used as
/// attribute names or dict keys match the compiler's names by address.
pub(super) fn str_const(s: &str) -> Value {
    if is_identifier_like(s) {
        Value::Str(intern(s))
    } else {
        Value::str(s)
    }
}

pub fn err<T>(msg: impl Into<String>, pos: Pos) -> CResult<T> {
    Err(SyntaxError::new(msg, pos.line, pos.col))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Load,
    Store,
    Del,
}

impl<'a> Compiler<'a> {
    pub fn new(table: &'a SymbolTable, filename: &str) -> Compiler<'a> {
        Compiler {
            table,
            units: Vec::new(),
            filename: Arc::from(filename),
            next_unique: 0,
            name_mode: false,
            interactive: false,
        }
    }

    // ---- units -------------------------------------------------------------------

    /// Starts a code object for symbol-table scope `scope`.
    pub fn enter_unit(&mut self, scope: usize, first_line: u32, argcount: u32, kwonly: u32) {
        let s = &self.table.scopes[scope];
        let mut flags = match s.kind {
            ScopeKind::Module => flags::MODULE,
            ScopeKind::Class => flags::CLASS_BODY,
            _ => 0,
        };
        if s.is_generator {
            flags |= flags::GENERATOR;
        }
        if s.is_coroutine && s.kind != ScopeKind::Class && s.kind != ScopeKind::Module {
            flags |= flags::GENERATOR;
            flags |= if s.is_generator {
                flags::ASYNC_GENERATOR
            } else {
                flags::COROUTINE
            };
        }
        let qualname = if s.kind == ScopeKind::Module {
            "<module>".to_string()
        } else {
            s.qualname.clone()
        };
        self.units.push(Unit {
            scope,
            kind: s.kind,
            name: s.name.clone(),
            qualname,
            first_line,
            instrs: Vec::new(),
            lines: Vec::new(),
            consts: Vec::new(),
            const_keys: HashMap::new(),
            names: IndexSet::new(),
            varnames: s.params.iter().cloned().collect(),
            cellvars: s.cellvars().into_iter().collect(),
            freevars: s.freevars().into_iter().collect(),
            labels: Vec::new(),
            fblocks: Vec::new(),
            line: first_line,
            argcount,
            posonlyargcount: 0,
            kwonlyargcount: kwonly,
            flags,
        });
    }

    /// Finishes the innermost unit: resolves labels and computes `max_stack`.
    pub fn leave_unit(&mut self) -> CResult<Ref<CodeObject>> {
        let u = self.units.pop().expect("no unit");
        let mut instrs = u.instrs;
        for ins in instrs.iter_mut() {
            if ins.op.arg_kind() == crate::bytecode::ArgKind::Jump {
                ins.arg = u.labels[ins.arg as usize].expect("unbound label");
            }
        }
        // The eval loop indexes instructions and local slots without bounds checks
        // (eval.rs, `step`): it relies on `stack_depths` (every reachable path stays
        // inside `instrs`) and on this check of every local-slot operand.
        let nlocals = u.varnames.len();
        let bad_slot = instrs.iter().find(|i| {
            matches!(i.op, Op::LoadFast | Op::StoreFast | Op::DeleteFast)
                && i.arg as usize >= nlocals
        });
        let checked = match bad_slot {
            Some(i) => Err(format!("local slot {} out of range", i.arg)),
            None => stack_depths(&instrs),
        };
        let max_stack = match checked {
            Ok((_, m)) => m,
            Err(e) => {
                return Err(SyntaxError::new(
                    format!("internal compiler error in {}: {e}", u.qualname),
                    u.first_line,
                    0,
                ))
            }
        };
        let scope = &self.table.scopes[u.scope];
        let cell_params = u
            .cellvars
            .iter()
            .enumerate()
            .filter_map(|(ci, name)| {
                scope
                    .params
                    .iter()
                    .position(|p| p == name)
                    .map(|slot| (ci as u32, slot as u32))
            })
            .collect();
        let caches = instrs.iter().map(|_| Default::default()).collect();
        Ok(Ref::new(CodeObject {
            caches,
            #[cfg(feature = "atomic-objects")]
            lanes: Default::default(),
            weaklist: Default::default(),
            name_obj: intern(&u.name),
            qualname_obj: Ref::new(crate::vm::value::PyStr::new(&u.qualname)),
            name: u.name,
            qualname: u.qualname,
            filename: self.filename.clone(),
            first_line: u.first_line,
            instrs,
            lines: u.lines,
            consts: u.consts,
            names: u.names.iter().map(|n| intern(n)).collect(),
            varnames: u.varnames.into_iter().collect(),
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            flags: u.flags,
            cellvars: u.cellvars.into_iter().collect(),
            freevars: u.freevars.into_iter().collect(),
            cell_params,
            max_stack,
        }))
    }

    pub fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("no unit")
    }

    fn unit_ref(&self) -> &Unit<'a> {
        self.units.last().expect("no unit")
    }

    // ---- emission ----------------------------------------------------------------

    pub fn emit(&mut self, op: Op, arg: u32) {
        debug_assert!(op.arg_kind() != crate::bytecode::ArgKind::Jump);
        let u = self.unit();
        u.instrs.push(Instr::new(op, arg));
        let line = u.line;
        u.lines.push(line);
    }

    pub fn op(&mut self, op: Op) {
        self.emit(op, 0);
    }

    pub fn new_label(&mut self) -> Label {
        let u = self.unit();
        u.labels.push(None);
        Label(u.labels.len() - 1)
    }

    pub fn bind(&mut self, l: Label) {
        let u = self.unit();
        debug_assert!(u.labels[l.0].is_none(), "label bound twice");
        u.labels[l.0] = Some(u.instrs.len() as u32);
    }

    /// Jump-kind ops carry a label id until `leave_unit` patches in the target index.
    pub fn jump(&mut self, op: Op, l: Label) {
        let u = self.unit();
        u.instrs.push(Instr::new(op, l.0 as u32));
        let line = u.line;
        u.lines.push(line);
    }

    pub fn set_line(&mut self, line: u32) -> u32 {
        let u = self.unit();
        let old = u.line;
        if line != 0 {
            u.line = line;
        }
        old
    }

    pub fn add_const(&mut self, key: Option<ConstKey>, v: Value) -> u32 {
        let key = key.unwrap_or_else(|| {
            self.next_unique += 1;
            ConstKey::Unique(self.next_unique)
        });
        let u = self.unit();
        if let Some(&i) = u.const_keys.get(&key) {
            return i;
        }
        let i = u.consts.len() as u32;
        u.consts.push(v);
        u.const_keys.insert(key, i);
        i
    }

    pub fn load_none(&mut self) {
        let i = self.add_const(Some(ConstKey::None), Value::None);
        self.emit(Op::LoadConst, i);
    }

    pub fn load_str(&mut self, s: &str) {
        let i = self.add_const(Some(ConstKey::Str(s.to_string())), str_const(s));
        self.emit(Op::LoadConst, i);
    }

    pub fn name_index(&mut self, name: &str) -> u32 {
        self.unit().names.insert_full(name.to_string()).0 as u32
    }

    fn varname_index(&mut self, name: &str) -> u32 {
        self.unit().varnames.insert_full(name.to_string()).0 as u32
    }

    /// The name-table index of attribute `attr`, mangled as the scope's private names.
    pub fn attr_index(&mut self, attr: &str) -> u32 {
        let name = self.mangle(attr);
        self.name_index(&name)
    }

    /// `name` as the current scope's private-name mangling spells it (borrowing only
    /// `name`, so the result can be used while emitting).
    fn mangle<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        self.table.scopes[self.unit_ref().scope].mangle(name)
    }

    /// Index into the frame's cells: cellvars first, then freevars.
    pub fn cell_index(&self, name: &str) -> Option<u32> {
        let u = self.unit_ref();
        if let Some(i) = u.cellvars.get_index_of(name) {
            return Some(i as u32);
        }
        u.freevars
            .get_index_of(name)
            .map(|i| (u.cellvars.len() + i) as u32)
    }

    /// Whether `e` is a zero-argument `super()` that LOAD_SUPER_METHOD/LOAD_SUPER_ATTR
    /// can stand for: in a function, with `super` a global name (the VM checks it is
    /// the built-in when it runs) and a `__class__` cell from an enclosing class.
    /// CPython 3.12's conditions for LOAD_SUPER_ATTR, but for the first argument, which
    /// the VM reads as `super()` does, with its errors.
    pub fn is_plain_super_call(&self, e: &Expr) -> bool {
        let ExprKind::Call {
            func,
            args,
            keywords,
        } = &e.kind
        else {
            return false;
        };
        if !args.is_empty() || !keywords.is_empty() {
            return false;
        }
        if !matches!(&func.kind, ExprKind::Name(n) if n == "super") {
            return false;
        }
        let u = self.unit_ref();
        let scope = &self.table.scopes[u.scope];
        scope.is_function_like()
            && matches!(scope.binding("super"), None | Some(Binding::GlobalImplicit))
            && u.freevars.contains("__class__")
    }

    /// Loads, stores or deletes a variable with the op its scope classification calls for.
    pub fn name_op(&mut self, name: &str, ctx: Ctx) {
        let u = self.unit_ref();
        let scope = &self.table.scopes[u.scope];
        let name = &*scope.mangle(name);
        let binding = scope.binding(name).unwrap_or(Binding::GlobalImplicit);
        enum Kind {
            Fast,
            Global,
            Name,
            Deref,
            ClassDeref,
        }
        let kind = match (u.kind, binding) {
            (ScopeKind::Module, Binding::GlobalExplicit) => Kind::Global,
            (ScopeKind::Module, _) if self.name_mode => Kind::Name,
            (ScopeKind::Module, _) => Kind::Global,
            (_, Binding::GlobalExplicit) => Kind::Global,
            (ScopeKind::Class, Binding::Local | Binding::GlobalImplicit) => Kind::Name,
            (ScopeKind::Class, _) => Kind::ClassDeref,
            (_, Binding::Local) => Kind::Fast,
            (_, Binding::GlobalImplicit) => Kind::Global,
            (_, Binding::Free | Binding::Cell) => Kind::Deref,
        };
        match kind {
            Kind::Fast => {
                let i = self.varname_index(name);
                let op = match ctx {
                    Ctx::Load => Op::LoadFast,
                    Ctx::Store => Op::StoreFast,
                    Ctx::Del => Op::DeleteFast,
                };
                self.emit(op, i);
            }
            Kind::Global | Kind::Name => {
                let i = self.name_index(name);
                let global = matches!(kind, Kind::Global);
                let op = match (ctx, global) {
                    (Ctx::Load, true) => Op::LoadGlobal,
                    (Ctx::Store, true) => Op::StoreGlobal,
                    (Ctx::Del, true) => Op::DeleteGlobal,
                    (Ctx::Load, false) => Op::LoadName,
                    (Ctx::Store, false) => Op::StoreName,
                    (Ctx::Del, false) => Op::DeleteName,
                };
                self.emit(op, i);
            }
            Kind::Deref | Kind::ClassDeref => {
                let i = self
                    .cell_index(name)
                    .expect("symbol table classified a name as free/cell without a cell");
                let op = match ctx {
                    Ctx::Load if matches!(kind, Kind::ClassDeref) => Op::LoadClassDeref,
                    Ctx::Load => Op::LoadDeref,
                    Ctx::Store => Op::StoreDeref,
                    Ctx::Del => Op::DeleteDeref,
                };
                self.emit(op, i);
            }
        }
    }

    /// Pushes a function made from `code`, whose defaults (per `fn_flags`) are already on
    /// the stack; adds the closure tuple when the code has free variables.
    pub fn make_closure(
        &mut self,
        code: Ref<CodeObject>,
        mut fn_flags: u32,
        pos: Pos,
    ) -> CResult<()> {
        if !code.freevars.is_empty() {
            for name in &code.freevars {
                let Some(i) = self.cell_index(name) else {
                    return err(
                        format!("internal compiler error: no cell for '{name}'"),
                        pos,
                    );
                };
                self.emit(Op::LoadClosure, i);
            }
            self.emit(Op::BuildTuple, code.freevars.len() as u32);
            fn_flags |= 8;
        }
        let i = self.add_const(None, Value::Code(code));
        self.emit(Op::LoadConst, i);
        self.emit(Op::MakeFunction, fn_flags);
        Ok(())
    }

    // ---- statements --------------------------------------------------------------

    pub fn compile_body(&mut self, body: &'a [Stmt]) -> CResult<()> {
        for s in body {
            self.compile_stmt(s)?;
        }
        Ok(())
    }

    pub fn compile_stmt(&mut self, stmt: &'a Stmt) -> CResult<()> {
        self.set_line(stmt.pos.line);
        let pos = stmt.pos;
        match &stmt.kind {
            StmtKind::Expr(e) => {
                // Constant expression statements (docstrings included) do nothing,
                // except at the interactive prompt (`compile(..., 'single')`).
                let shown = self.interactive && self.unit().kind == ScopeKind::Module;
                if shown
                    || !matches!(
                        e.kind,
                        ExprKind::Str(_)
                            | ExprKind::Bytes(_)
                            | ExprKind::Int(_)
                            | ExprKind::Float(_)
                            | ExprKind::None
                            | ExprKind::True
                            | ExprKind::False
                            | ExprKind::Ellipsis
                    )
                {
                    self.compile_expr(e)?;
                    self.set_line(stmt.pos.line);
                    if shown {
                        self.op(Op::PrintExpr);
                    } else {
                        self.op(Op::PopTop);
                    }
                }
            }
            StmtKind::Assign { targets, value } if swap_assign(targets, value).is_some() => {
                // `a, b = b, a` (2 or 3 names each side): the values are pushed and
                // reversed in place, as CPython 3.11's peephole pass turns
                // BUILD_TUPLE n + UNPACK_SEQUENCE n into SWAPs; the targets are still
                // assigned left to right after every value is evaluated.
                let (items, values) = swap_assign(targets, value).unwrap();
                for v in values {
                    self.compile_expr(v)?;
                }
                if values.len() == 3 {
                    self.op(Op::RotThree);
                }
                self.op(Op::RotTwo);
                for t in items {
                    self.compile_store(t)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                self.compile_expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.op(Op::DupTop);
                    }
                    self.compile_store(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => {
                self.compile_augassign(target, *op, value)?
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let Some(v) = value {
                    self.compile_expr(v)?;
                    self.compile_store(target)?;
                }
                // CPython 3.11 evaluates annotations in module and class bodies only,
                // after the value; a simple name's goes into `__annotations__`.
                if !self.unit_ref_is_function() {
                    match (&target.kind, simple) {
                        (ExprKind::Name(n), true) => {
                            self.compile_expr(annotation)?;
                            self.name_op("__annotations__", Ctx::Load);
                            let key = self.mangle(n);
                            self.load_str(&key);
                            self.op(Op::StoreSubscr);
                        }
                        (ExprKind::Attribute { value: obj, .. }, _) if value.is_none() => {
                            self.compile_expr(obj)?;
                            self.op(Op::PopTop);
                            self.compile_expr(annotation)?;
                            self.op(Op::PopTop);
                        }
                        (ExprKind::Subscript { value: obj, index }, _) if value.is_none() => {
                            self.compile_expr(obj)?;
                            self.op(Op::PopTop);
                            self.compile_expr(index)?;
                            self.op(Op::PopTop);
                            self.compile_expr(annotation)?;
                            self.op(Op::PopTop);
                        }
                        _ => {
                            self.compile_expr(annotation)?;
                            self.op(Op::PopTop);
                        }
                    }
                }
            }
            StmtKind::If { .. } => self.compile_if(stmt)?,
            StmtKind::While { test, body, orelse } => {
                let head = self.new_label();
                let orelse_l = self.new_label();
                let exit = self.new_label();
                self.bind(head);
                if !is_const_true(test) {
                    self.compile_jump_if(test, false, orelse_l)?;
                }
                self.unit().fblocks.push(FBlock::While { head, exit });
                self.compile_body(body)?;
                self.unit().fblocks.pop();
                self.set_line(pos.line);
                self.jump(Op::Jump, head);
                self.bind(orelse_l);
                self.compile_body(orelse)?;
                self.bind(exit);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async {
                    return self.compile_async_for(target, iter, body, orelse, pos);
                }
                let head = self.new_label();
                let orelse_l = self.new_label();
                let exit = self.new_label();
                self.compile_expr(iter)?;
                self.op(Op::GetIter);
                self.bind(head);
                self.jump(Op::ForIter, orelse_l);
                self.compile_store(target)?;
                self.unit().fblocks.push(FBlock::For { head, exit });
                self.compile_body(body)?;
                self.unit().fblocks.pop();
                self.set_line(pos.line);
                self.jump(Op::Jump, head);
                self.bind(orelse_l);
                self.compile_body(orelse)?;
                self.bind(exit);
            }
            StmtKind::Break | StmtKind::Continue => {
                let is_break = matches!(stmt.kind, StmtKind::Break);
                self.check_except_star(true, pos)?;
                match self.unwind_fblock_stack(false, true)? {
                    Some(FBlock::For { head, exit }) => {
                        if is_break {
                            self.op(Op::PopTop);
                            self.jump(Op::Jump, exit);
                        } else {
                            self.jump(Op::Jump, head);
                        }
                    }
                    Some(FBlock::While { head, exit }) => {
                        self.jump(Op::Jump, if is_break { exit } else { head })
                    }
                    _ if is_break => return err("'break' outside loop", pos),
                    _ => return err("'continue' not properly in loop", pos),
                }
            }
            StmtKind::Pass => {}
            StmtKind::Return(value) => {
                if !self.unit_ref_is_function() {
                    return err("'return' outside function", pos);
                }
                self.check_except_star(false, pos)?;
                if value.is_some()
                    && self.unit().flags & crate::bytecode::code::flags::ASYNC_GENERATOR != 0
                {
                    return err("'return' with value in async generator", pos);
                }
                match value {
                    Some(v) => self.compile_expr(v)?,
                    None => self.load_none(),
                }
                self.set_line(pos.line);
                self.unwind_fblock_stack(true, false)?;
                self.set_line(pos.line);
                self.op(Op::ReturnValue);
            }
            StmtKind::FunctionDef {
                name,
                params,
                body,
                decorators,
                is_async,
            } => {
                let _ = is_async;
                for d in decorators {
                    self.compile_expr(d)?;
                }
                self.set_line(pos.line);
                let fn_flags = self.compile_defaults(params)?;
                let scope = self.table.scope_of(stmt);
                let code =
                    self.compile_function_code(scope, params, FnBody::Stmts(body), pos.line)?;
                self.set_line(pos.line);
                self.make_closure(code, fn_flags, pos)?;
                for _ in decorators {
                    self.emit(Op::Call, 1);
                }
                self.name_op(name, Ctx::Store);
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorators,
            } => {
                for d in decorators {
                    self.compile_expr(d)?;
                }
                self.set_line(pos.line);
                let scope = self.table.scope_of(stmt);
                self.enter_unit(scope, pos.line, 0, 0);
                self.setup_annotations(body);
                self.store_docstring(body);
                self.compile_body(body)?;
                if self.table.scopes[scope].needs_class_cell {
                    let i = self.cell_index("__class__").expect("class cell");
                    self.emit(Op::LoadClosure, i);
                } else {
                    self.load_none();
                }
                self.op(Op::ReturnValue);
                let code = self.leave_unit()?;
                self.set_line(pos.line);
                self.make_closure(code, 0, pos)?;
                self.load_str(name);
                let starred = bases.iter().any(|b| matches!(b.kind, ExprKind::Starred(_)));
                if keywords.is_empty() && !starred {
                    for b in bases {
                        self.compile_expr(b)?;
                    }
                    self.set_line(pos.line);
                    self.emit(Op::BuildClass, bases.len() as u32);
                } else {
                    self.compile_call_tail(bases, keywords)?;
                    self.set_line(pos.line);
                    self.emit(Op::BuildClassEx, !keywords.is_empty() as u32);
                }
                for _ in decorators {
                    self.emit(Op::Call, 1);
                }
                self.name_op(name, Ctx::Store);
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                is_star,
            } => {
                if finalbody.is_empty() {
                    if *is_star {
                        self.compile_try_star_except(body, handlers, orelse)?;
                    } else {
                        self.compile_try_except(body, handlers, orelse)?;
                    }
                } else {
                    self.compile_try_finally(body, handlers, orelse, finalbody, *is_star)?;
                }
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.compile_expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.compile_expr(c)?;
                        n = 2;
                    }
                }
                self.set_line(pos.line);
                self.emit(Op::RaiseVarargs, n);
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                if *is_async {
                    self.compile_async_with(items, body, pos)?
                } else {
                    self.compile_with(items, body, pos)?
                }
            }
            StmtKind::Match { subject, cases } => self.compile_match(subject, cases, pos)?,
            StmtKind::Assert { test, msg } => {
                let ok = self.new_label();
                self.compile_jump_if(test, true, ok)?;
                self.set_line(pos.line);
                self.op(Op::LoadAssertionError);
                if let Some(m) = msg {
                    self.compile_expr(m)?;
                    self.set_line(pos.line);
                    self.emit(Op::Call, 1);
                }
                self.emit(Op::RaiseVarargs, 1);
                self.bind(ok);
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.compile_delete(t)?;
                }
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    self.load_import_args(0, None);
                    let i = self.name_index(&a.name);
                    self.emit(Op::ImportName, i);
                    match &a.asname {
                        Some(asname) => {
                            // `import a.b.c as d` binds the submodule: walk the attributes.
                            let parts: Vec<&str> = a.name.split('.').collect();
                            if parts.len() > 1 {
                                for p in &parts[1..] {
                                    let j = self.name_index(p);
                                    self.emit(Op::ImportFrom, j);
                                    self.op(Op::RotTwo);
                                    self.op(Op::PopTop);
                                }
                            }
                            self.name_op(asname, Ctx::Store);
                        }
                        None => {
                            let top = a.name.split('.').next().unwrap_or(&a.name);
                            self.name_op(top, Ctx::Store);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names } => {
                // The parser keeps a relative import's dots in `module` ("..pkg").
                let bare = module.trim_start_matches('.');
                let level = module.len() - bare.len();
                let from: Vec<&str> = names.iter().map(|a| a.name.as_str()).collect();
                self.load_import_args(level, Some(&from));
                let i = self.name_index(bare);
                self.emit(Op::ImportName, i);
                if names.len() == 1 && names[0].name == "*" {
                    self.op(Op::ImportStar);
                } else {
                    for a in names {
                        let j = self.name_index(&a.name);
                        self.emit(Op::ImportFrom, j);
                        self.name_op(a.asname.as_ref().unwrap_or(&a.name), Ctx::Store);
                    }
                    self.op(Op::PopTop);
                }
            }
        }
        Ok(())
    }

    /// IMPORT_NAME's operands: the relative level and the `from` names (None for
    /// `import m`), as CPython passes them.
    fn load_import_args(&mut self, level: usize, from: Option<&[&str]>) {
        let i = self.add_const(
            Some(ConstKey::Int(level.to_string())),
            Value::Int(level as i64),
        );
        self.emit(Op::LoadConst, i);
        match from {
            None => self.load_none(),
            Some(names) => {
                let key =
                    ConstKey::Tuple(names.iter().map(|n| ConstKey::Str(n.to_string())).collect());
                let v = Value::tuple(names.iter().map(|n| str_const(n)).collect());
                let i = self.add_const(Some(key), v);
                self.emit(Op::LoadConst, i);
            }
        }
    }

    /// `break`/`continue` (up to the innermost loop) and `return` may not leave an
    /// `except*` clause.
    fn check_except_star(&mut self, loop_only: bool, pos: Pos) -> CResult<()> {
        for b in self.unit().fblocks.iter().rev() {
            match b {
                FBlock::For { .. } | FBlock::While { .. } if loop_only => break,
                FBlock::ExceptStar => {
                    return err(
                        "'break', 'continue' and 'return' cannot appear in an except* block",
                        pos,
                    )
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// CPython's SETUP_ANNOTATIONS: a module or class body with an annotated
    /// assignment anywhere in it (outside nested defs and classes) starts with an empty
    /// `__annotations__`.
    pub fn setup_annotations(&mut self, body: &[Stmt]) {
        if has_annotations(body) {
            self.emit(Op::BuildMap, 0);
            self.name_op("__annotations__", Ctx::Store);
        }
    }

    fn unit_ref_is_function(&self) -> bool {
        self.table.scopes[self.unit_ref().scope].is_function_like()
    }

    /// `if`/`elif` chains iteratively, so thousands of `elif`s don't recurse.
    fn compile_if(&mut self, stmt: &'a Stmt) -> CResult<()> {
        let end = self.new_label();
        let mut cur = stmt;
        while let StmtKind::If { test, body, orelse } = &cur.kind {
            self.set_line(cur.pos.line);
            let next = self.new_label();
            self.compile_jump_if(test, false, next)?;
            self.compile_body(body)?;
            if !orelse.is_empty() {
                self.jump(Op::Jump, end);
            }
            self.bind(next);
            match orelse.as_slice() {
                [only] if matches!(only.kind, StmtKind::If { .. }) => cur = only,
                rest => {
                    self.compile_body(rest)?;
                    break;
                }
            }
        }
        self.bind(end);
        Ok(())
    }

    /// Emits the code that leaves every block up to (not including) the innermost loop
    /// when `loop_only`, else all of them; returns that loop block. `preserve_tos`: a
    /// return value on top must survive.
    fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        loop_only: bool,
    ) -> CResult<Option<FBlock<'a>>> {
        let Some(top) = self.unit().fblocks.last().cloned() else {
            return Ok(None);
        };
        if loop_only && matches!(top, FBlock::For { .. } | FBlock::While { .. }) {
            return Ok(Some(top));
        }
        let b = self.unit().fblocks.pop().expect("block");
        self.unwind_fblock(&b, preserve_tos)?;
        let r = self.unwind_fblock_stack(preserve_tos, loop_only);
        self.unit().fblocks.push(b);
        r
    }

    fn unwind_fblock(&mut self, b: &FBlock<'a>, preserve_tos: bool) -> CResult<()> {
        match b {
            FBlock::While { .. } => {}
            FBlock::For { .. } | FBlock::PopValue => {
                if preserve_tos {
                    self.op(Op::RotTwo);
                }
                self.op(Op::PopTop);
            }
            FBlock::TryExcept => self.op(Op::PopBlock),
            FBlock::FinallyTry(finalbody) => {
                self.op(Op::PopBlock);
                let line = self.unit().line;
                if preserve_tos {
                    self.unit().fblocks.push(FBlock::PopValue);
                }
                self.compile_body(finalbody)?;
                if preserve_tos {
                    self.unit().fblocks.pop();
                }
                self.set_line(line);
            }
            FBlock::FinallyEnd => {
                // [prev, exc, (v)]: drop exc, the cleanup block, then restore prev.
                if preserve_tos {
                    self.op(Op::RotTwo);
                }
                self.op(Op::PopTop);
                self.op(Op::PopBlock);
                if preserve_tos {
                    self.op(Op::RotTwo);
                }
                self.op(Op::PopExcept);
            }
            FBlock::ExceptHandler => {
                self.op(Op::PopBlock);
                if preserve_tos {
                    self.op(Op::RotTwo);
                }
                self.op(Op::PopExcept);
            }
            FBlock::HandlerName(name) => {
                self.op(Op::PopBlock);
                self.clear_name(name);
            }
            FBlock::With | FBlock::AsyncWith => {
                self.op(Op::PopBlock);
                if preserve_tos {
                    // [exit, self or NULL, value] -> [value, exit, self or NULL]
                    self.op(Op::RotThree);
                }
                if matches!(b, FBlock::AsyncWith) {
                    self.call_aexit_none();
                } else {
                    self.call_exit_none();
                }
            }
            // Checked before unwinding (`check_except_star`): nothing to undo.
            FBlock::ExceptStar => {}
        }
        Ok(())
    }

    /// `[exit, self or NULL] -> []`: `exit(None, None, None)`, result discarded.
    pub fn call_exit_none(&mut self) {
        self.load_none();
        self.load_none();
        self.load_none();
        self.emit(Op::CallMethod, 3);
        self.op(Op::PopTop);
    }

    /// `name = None; del name`, as CPython does after `except ... as name` (breaks the
    /// exception → traceback → frame → exception cycle).
    pub(super) fn clear_name(&mut self, name: &str) {
        self.load_none();
        self.name_op(name, Ctx::Store);
        self.name_op(name, Ctx::Del);
    }

    /// The shared handler-of-the-handler: `[prev, new]` → restore prev, re-raise new.
    pub(super) fn emit_cleanup(&mut self, l: Label) {
        self.bind(l);
        self.op(Op::RotTwo);
        self.op(Op::PopExcept);
        self.op(Op::Reraise);
    }

    fn compile_try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult<()> {
        let line = self.unit().line;
        let handler = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.jump(Op::SetupFinally, handler);
        self.unit().fblocks.push(FBlock::TryExcept);
        self.compile_body(body)?;
        self.unit().fblocks.pop();
        self.set_line(line);
        self.op(Op::PopBlock);
        self.compile_body(orelse)?;
        self.set_line(line);
        self.jump(Op::Jump, end);

        // [exc]. The cleanup block sits below PUSH_EXC_INFO so that, whatever the handler
        // has stored or popped, an exception in it finds exactly [prev] under the new one.
        self.bind(handler);
        self.jump(Op::SetupFinally, cleanup);
        self.op(Op::PushExcInfo);
        self.unit().fblocks.push(FBlock::ExceptHandler);
        for (i, h) in handlers.iter().enumerate() {
            self.set_line(h.pos.line);
            let next = self.new_label();
            match &h.typ {
                Some(t) => {
                    self.compile_expr(t)?;
                    self.set_line(h.pos.line);
                    self.op(Op::CheckExcMatch);
                    self.jump(Op::PopJumpIfFalse, next);
                }
                None if i + 1 < handlers.len() => {
                    return err("default 'except:' must be last", h.pos);
                }
                None => {}
            }
            match &h.name {
                Some(name) => {
                    self.name_op(name, Ctx::Store);
                    let name_cleanup = self.new_label();
                    self.jump(Op::SetupFinally, name_cleanup);
                    self.unit().fblocks.push(FBlock::HandlerName(name.clone()));
                    self.compile_body(&h.body)?;
                    self.unit().fblocks.pop();
                    self.set_line(h.pos.line);
                    self.op(Op::PopBlock);
                    self.op(Op::PopBlock);
                    self.op(Op::PopExcept);
                    self.clear_name(name);
                    self.jump(Op::Jump, end);
                    // [prev, new]: clear the name, then let `cleanup` restore prev.
                    self.bind(name_cleanup);
                    self.clear_name(name);
                    self.op(Op::Reraise);
                }
                None => {
                    self.op(Op::PopTop);
                    self.compile_body(&h.body)?;
                    self.set_line(h.pos.line);
                    self.op(Op::PopBlock);
                    self.op(Op::PopExcept);
                    self.jump(Op::Jump, end);
                }
            }
            self.bind(next);
        }
        self.unit().fblocks.pop();
        // No handler matched: [prev, exc] → re-raise exc; `cleanup` restores prev.
        self.set_line(line);
        self.op(Op::Reraise);
        self.emit_cleanup(cleanup);
        self.bind(end);
        Ok(())
    }

    fn compile_try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
        star: bool,
    ) -> CResult<()> {
        let line = self.unit().line;
        let fin = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.jump(Op::SetupFinally, fin);
        self.unit().fblocks.push(FBlock::FinallyTry(finalbody));
        if handlers.is_empty() {
            self.compile_body(body)?;
            self.compile_body(orelse)?;
        } else if star {
            self.compile_try_star_except(body, handlers, orelse)?;
        } else {
            self.compile_try_except(body, handlers, orelse)?;
        }
        self.unit().fblocks.pop();
        self.set_line(line);
        self.op(Op::PopBlock);
        self.compile_body(finalbody)?;
        self.set_line(line);
        self.jump(Op::Jump, end);

        // [exc]
        self.bind(fin);
        self.jump(Op::SetupFinally, cleanup);
        self.op(Op::PushExcInfo);
        self.unit().fblocks.push(FBlock::FinallyEnd);
        self.compile_body(finalbody)?;
        self.unit().fblocks.pop();
        self.set_line(line);
        self.op(Op::PopBlock);
        // [prev, exc] → restore prev, re-raise exc.
        self.op(Op::RotTwo);
        self.op(Op::PopExcept);
        self.op(Op::Reraise);
        self.emit_cleanup(cleanup);
        self.bind(end);
        Ok(())
    }

    fn compile_with(&mut self, items: &'a [WithItem], body: &'a [Stmt], pos: Pos) -> CResult<()> {
        // Items nest: `with a, b:` is `with a: with b:`; recursion depth = item count.
        let Some((item, rest)) = items.split_first() else {
            return self.compile_body(body);
        };
        let handler = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        self.compile_expr(&item.context)?;
        self.set_line(pos.line);
        self.op(Op::BeforeWith);
        // The target is stored before SETUP_FINALLY: the handler must start at the depth
        // holding only `exit` and its self (see the report on a SETUP_WITH variant).
        match &item.target {
            Some(t) => self.compile_store(t)?,
            None => self.op(Op::PopTop),
        }
        self.set_line(pos.line);
        self.jump(Op::SetupFinally, handler);
        self.unit().fblocks.push(FBlock::With);
        self.compile_with(rest, body, pos)?;
        self.unit().fblocks.pop();
        self.set_line(pos.line);
        self.op(Op::PopBlock);
        self.call_exit_none();
        self.jump(Op::Jump, end);

        // [exit, self or NULL, exc]
        self.bind(handler);
        self.jump(Op::SetupFinally, cleanup);
        self.op(Op::PushExcInfo);
        self.op(Op::WithExceptStart);
        self.jump(Op::PopJumpIfTrue, suppress);
        self.op(Op::Reraise);
        // Suppressed: [exit, self or NULL, prev, exc].
        self.bind(suppress);
        self.op(Op::PopBlock);
        self.op(Op::PopTop);
        self.op(Op::PopExcept);
        self.op(Op::PopTop);
        self.op(Op::PopTop);
        self.jump(Op::Jump, end);
        self.emit_cleanup(cleanup);
        self.bind(end);
        Ok(())
    }

    /// Pushes the defaults tuple, the kw-only defaults dict and the annotations tuple
    /// (name, value, name, value...: CPython 3.11's layout); returns MAKE_FUNCTION's flags.
    pub fn compile_defaults(&mut self, params: &'a Params) -> CResult<u32> {
        let mut fl = 0;
        let defaults: Vec<&Expr> = params
            .args
            .iter()
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.compile_expr(d)?;
            }
            self.emit(Op::BuildTuple, defaults.len() as u32);
            fl |= 1;
        }
        let kw: Vec<(&str, &Expr)> = params
            .kwonly
            .iter()
            .filter_map(|p| p.default.as_ref().map(|d| (p.name.as_str(), d)))
            .collect();
        if !kw.is_empty() {
            for (n, d) in &kw {
                let n = self.mangle(n);
                self.load_str(&n);
                self.compile_expr(d)?;
            }
            self.emit(Op::BuildMap, kw.len() as u32);
            fl |= 2;
        }
        if !params.annotations.is_empty() {
            for (n, a) in &params.annotations {
                let n = self.mangle(n);
                self.load_str(&n);
                self.compile_expr(a)?;
            }
            self.emit(Op::BuildTuple, 2 * params.annotations.len() as u32);
            fl |= 4;
        }
        Ok(fl)
    }

    /// Compiles a function or lambda body into its own code object.
    pub fn compile_function_code(
        &mut self,
        scope: usize,
        params: &'a Params,
        body: FnBody<'a>,
        line: u32,
    ) -> CResult<Ref<CodeObject>> {
        self.enter_unit(
            scope,
            line,
            params.args.len() as u32,
            params.kwonly.len() as u32,
        );
        self.unit().posonlyargcount = params.posonly as u32;
        if params.vararg.is_some() {
            self.unit().flags |= flags::VARARGS;
        }
        if params.kwarg.is_some() {
            self.unit().flags |= flags::VARKEYWORDS;
        }
        match body {
            FnBody::Stmts(stmts) => {
                if let Some(doc) = docstring(stmts) {
                    // The first constant, before the body adds any (the unit is new).
                    let i = self.add_const(Some(ConstKey::Str(doc.to_string())), str_const(doc));
                    debug_assert_eq!(i, 0);
                    self.unit().flags |= flags::DOCSTRING;
                }
                self.compile_body(stmts)?;
                self.load_none();
                self.op(Op::ReturnValue);
            }
            FnBody::Expr(e) => {
                self.compile_expr(e)?;
                if self.table.scopes[scope].is_generator {
                    self.op(Op::PopTop);
                    self.load_none();
                }
                self.op(Op::ReturnValue);
            }
        }
        self.leave_unit()
    }
}

/// The docstring of a function, class or module body: a plain string literal as its
/// first statement (an f-string is not one, as in CPython).
pub fn docstring(body: &[Stmt]) -> Option<&str> {
    match &body.first()?.kind {
        StmtKind::Expr(e) => match &e.kind {
            ExprKind::Str(s) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// Class and module bodies store their docstring as `__doc__` before the rest runs
/// (CPython's compiler_body), so the class namespace and module globals hold it.
impl<'a> Compiler<'a> {
    pub fn store_docstring(&mut self, body: &'a [Stmt]) {
        if let Some(doc) = docstring(body) {
            self.set_line(body[0].pos.line);
            self.load_str(doc);
            self.name_op("__doc__", Ctx::Store);
        }
    }
}

pub enum FnBody<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a Expr),
}

fn is_const_true(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::True => true,
        ExprKind::Int(i) => i != &num_bigint::BigInt::from(0),
        _ => false,
    }
}

/// Whether `body` holds an annotated assignment outside nested scopes (CPython's
/// `find_ann`). An explicit stack: `elif` chains thousands deep are nested `If`s.
fn has_annotations(body: &[Stmt]) -> bool {
    let mut todo: Vec<&[Stmt]> = vec![body];
    while let Some(stmts) = todo.pop() {
        for s in stmts {
            match &s.kind {
                StmtKind::AnnAssign { .. } => return true,
                StmtKind::If { body, orelse, .. }
                | StmtKind::While { body, orelse, .. }
                | StmtKind::For { body, orelse, .. } => todo.extend([&body[..], &orelse[..]]),
                StmtKind::With { body, .. } => todo.push(body),
                StmtKind::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                    ..
                } => {
                    todo.extend([&body[..], &orelse[..], &finalbody[..]]);
                    todo.extend(handlers.iter().map(|h| &h.body[..]));
                }
                StmtKind::Match { cases, .. } => todo.extend(cases.iter().map(|c| &c.body[..])),
                _ => {}
            }
        }
    }
    false
}

/// The target and value items of a `t1, t2 = v1, v2` assignment (2 or 3 of each, no
/// starred item on either side) that can be compiled without a tuple.
fn swap_assign<'e>(targets: &'e [Expr], value: &'e Expr) -> Option<(&'e [Expr], &'e [Expr])> {
    let [target] = targets else {
        return None;
    };
    let (ExprKind::Tuple(items) | ExprKind::List(items)) = &target.kind else {
        return None;
    };
    let ExprKind::Tuple(values) = &value.kind else {
        return None;
    };
    let plain = |xs: &[Expr]| !xs.iter().any(|x| matches!(x.kind, ExprKind::Starred(_)));
    (items.len() == values.len() && (2..=3).contains(&items.len()) && plain(items) && plain(values))
        .then_some((items.as_slice(), values.as_slice()))
}
