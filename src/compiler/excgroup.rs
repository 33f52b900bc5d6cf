//! `try` with `except*` clauses (PEP 654): each clause takes the part of the exception
//! group its types match; what the clauses raise and what none matched is re-raised
//! together at the end, as CPython 3.11 does.

use super::codegen::{CResult, Compiler, Ctx, FBlock};
use crate::bytecode::Op;
use crate::parser::ast::*;

impl<'a> Compiler<'a> {
    pub(super) fn compile_try_star_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult<()> {
        let line = self.unit().line;
        let handler = self.new_label();
        let cleanup = self.new_label();
        let reraise = self.new_label();
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

        // [exc] -> [prev, orig, raised, rest]
        self.bind(handler);
        self.jump(Op::SetupFinally, cleanup);
        self.op(Op::PushExcInfo);
        self.op(Op::DupTop);
        self.emit(Op::BuildList, 0);
        self.op(Op::RotTwo);
        for h in handlers {
            self.set_line(h.pos.line);
            let next = self.new_label();
            let no_match = self.new_label();
            let raised = self.new_label();
            if let Some(t) = &h.typ {
                self.compile_expr(t)?;
            }
            self.set_line(h.pos.line);
            self.op(Op::CheckEgMatch);
            // [.., rest, match]
            self.op(Op::DupTop);
            self.load_none();
            self.emit(Op::IsOp, 0);
            self.jump(Op::PopJumpIfTrue, no_match);
            // The match is the exception being handled inside the clause.
            self.op(Op::PushExcInfo);
            match &h.name {
                Some(n) => self.name_op(n, Ctx::Store),
                None => self.op(Op::PopTop),
            }
            // [.., rest, prev_match]
            self.jump(Op::SetupFinally, raised);
            self.unit().fblocks.push(FBlock::ExceptStar);
            self.compile_body(&h.body)?;
            self.unit().fblocks.pop();
            self.set_line(h.pos.line);
            self.op(Op::PopBlock);
            self.op(Op::PopExcept);
            if let Some(n) = &h.name {
                self.clear_name(n);
            }
            self.jump(Op::Jump, next);
            // Raised in the clause: [.., raised, rest, prev_match, new] -> collect it.
            self.bind(raised);
            self.op(Op::RotTwo);
            self.op(Op::PopExcept);
            if let Some(n) = &h.name {
                self.clear_name(n);
            }
            self.emit(Op::ListAppend, 2);
            self.jump(Op::Jump, next);
            self.bind(no_match);
            self.op(Op::PopTop);
            self.bind(next);
        }
        // [prev, orig, raised, rest]
        self.set_line(line);
        self.emit(Op::ListAppend, 1);
        self.op(Op::PrepReraiseStar);
        self.op(Op::DupTop);
        self.load_none();
        self.emit(Op::IsOp, 1);
        self.jump(Op::PopJumpIfTrue, reraise);
        // Everything was handled: [prev, None].
        self.op(Op::PopTop);
        self.op(Op::PopBlock);
        self.op(Op::PopExcept);
        self.jump(Op::Jump, end);
        // [prev, exc]: the cleanup block restores prev under the re-raised group.
        self.bind(reraise);
        self.op(Op::Reraise);
        self.emit_cleanup(cleanup);
        self.bind(end);
        Ok(())
    }
}
