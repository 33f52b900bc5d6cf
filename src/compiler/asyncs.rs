//! Async code generation: `await`, `async for` and `async with`, each an await of an
//! awaitable delegated to with YIELD_FROM, so a suspended coroutine is just its frame.

use super::codegen::{err, CResult, Compiler, FBlock};
use super::symtable::ScopeKind;
use crate::bytecode::Op;
use crate::parser::ast::*;

impl<'a> Compiler<'a> {
    /// Whether the code being compiled is an `async def` body (or an async
    /// comprehension inside one).
    pub(super) fn in_coroutine(&self) -> bool {
        let s = &self.table.scopes[self.units.last().expect("unit").scope];
        s.is_coroutine && s.kind != ScopeKind::Lambda
    }

    pub(super) fn check_await_allowed(&self, pos: Pos) -> CResult<()> {
        let s = &self.table.scopes[self.units.last().expect("unit").scope];
        match s.kind {
            ScopeKind::Module | ScopeKind::Class => err("'await' outside function", pos),
            ScopeKind::Comprehension(_) => Ok(()),
            _ if s.is_coroutine => Ok(()),
            _ => err("'await' outside async function", pos),
        }
    }

    /// `[awaitable] -> [result]`
    pub(super) fn emit_await(&mut self) {
        self.emit(Op::GetAwaitable, 0);
        self.load_none();
        self.op(Op::YieldFrom);
    }

    /// `[aexit] -> []`: `await aexit(None, None, None)`, result discarded.
    pub(super) fn call_aexit_none(&mut self) {
        self.load_none();
        self.load_none();
        self.load_none();
        self.emit(Op::CallMethod, 3);
        self.emit(Op::GetAwaitable, 2);
        self.load_none();
        self.op(Op::YieldFrom);
        self.op(Op::PopTop);
    }

    pub(super) fn compile_async_for(
        &mut self,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
        pos: Pos,
    ) -> CResult<()> {
        if !self.in_coroutine() {
            return err("'async for' outside async function", pos);
        }
        let head = self.new_label();
        let except = self.new_label();
        let exit = self.new_label();
        self.compile_expr(iter)?;
        self.set_line(pos.line);
        self.op(Op::GetAiter);
        self.bind(head);
        self.async_next(except, target)?;
        self.unit().fblocks.push(FBlock::For { head, exit });
        self.compile_body(body)?;
        self.unit().fblocks.pop();
        self.set_line(pos.line);
        self.jump(Op::Jump, head);
        // [aiter, exc]: StopAsyncIteration ends the loop.
        self.bind(except);
        self.op(Op::EndAsyncFor);
        self.compile_body(orelse)?;
        self.bind(exit);
        Ok(())
    }

    /// `[aiter] -> [aiter]` with the next item stored in `target`; when `__anext__`
    /// raises, its handler at `except` gets `[aiter, exc]`.
    pub(super) fn async_next(
        &mut self,
        except: super::codegen::Label,
        target: &'a Expr,
    ) -> CResult<()> {
        self.jump(Op::SetupFinally, except);
        self.op(Op::GetAnext);
        self.load_none();
        self.op(Op::YieldFrom);
        self.op(Op::PopBlock);
        self.compile_store(target)
    }

    pub(super) fn compile_async_with(
        &mut self,
        items: &'a [WithItem],
        body: &'a [Stmt],
        pos: Pos,
    ) -> CResult<()> {
        if !self.in_coroutine() {
            return err("'async with' outside async function", pos);
        }
        let Some((item, rest)) = items.split_first() else {
            return self.compile_body(body);
        };
        let handler = self.new_label();
        let cleanup = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        self.compile_expr(&item.context)?;
        self.set_line(pos.line);
        self.op(Op::BeforeAsyncWith);
        self.emit(Op::GetAwaitable, 1);
        self.load_none();
        self.op(Op::YieldFrom);
        match &item.target {
            Some(t) => self.compile_store(t)?,
            None => self.op(Op::PopTop),
        }
        self.set_line(pos.line);
        self.jump(Op::SetupFinally, handler);
        self.unit().fblocks.push(FBlock::AsyncWith);
        self.compile_async_with(rest, body, pos)?;
        self.unit().fblocks.pop();
        self.set_line(pos.line);
        self.op(Op::PopBlock);
        self.call_aexit_none();
        self.jump(Op::Jump, end);

        // [exit, self or NULL, exc]
        self.bind(handler);
        self.jump(Op::SetupFinally, cleanup);
        self.op(Op::PushExcInfo);
        self.op(Op::WithExceptStart);
        self.emit(Op::GetAwaitable, 2);
        self.load_none();
        self.op(Op::YieldFrom);
        self.jump(Op::PopJumpIfTrue, suppress);
        self.op(Op::Reraise);
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
}
