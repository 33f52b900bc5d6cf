//! Frames: one activation of a code object. They live on the heap (boxed), so a
//! generator can keep its frame between resumptions and threads never share one.

use super::object::{CellObj, DictObj, Function};
use super::value::Value;
use crate::bytecode::CodeObject;
use crate::vm::refcount::Ref;

/// A handler pushed by SETUP_FINALLY: where to jump and how deep the stack was.
#[derive(Debug, Clone, Copy)]
pub struct Block {
    pub handler: u32,
    pub depth: u32,
}

#[derive(Debug)]
pub struct Frame {
    pub code: Ref<CodeObject>,
    pub pc: usize,
    /// Fast local slots, `Value::Null` while unbound.
    pub locals: Vec<Value>,
    pub stack: Vec<Value>,
    /// `cellvars` then `freevars`.
    pub cells: Vec<Ref<CellObj>>,
    pub globals: Ref<DictObj>,
    /// The namespace a class body runs in (LOAD_NAME / STORE_NAME).
    pub ns: Option<Ref<DictObj>>,
    pub blocks: Vec<Block>,
    /// The function being run, if any (zero-argument `super()` reads its first argument).
    pub func: Option<Ref<Function>>,
}

/// Finished frames kept for reuse: a call then costs no allocation once the pool is warm.
// Frames stay boxed: the eval loop moves them between the pool, the running slot
// and the caller stack, and moving a pointer is cheaper than moving a frame.
#[allow(clippy::vec_box)]
#[derive(Debug, Default)]
pub struct FramePool {
    free: Vec<Box<Frame>>,
}

impl FramePool {
    const MAX: usize = 128;

    /// A frame for `code`. Takes references so that reusing a frame of the same
    /// function (recursion, loops calling one helper) costs no reference-count traffic
    /// for its code and globals: those atomic updates were a large part of a call.
    pub fn alloc(
        &mut self,
        code: &Ref<CodeObject>,
        globals: &Ref<DictObj>,
        func: Option<Ref<Function>>,
    ) -> Box<Frame> {
        let Some(mut f) = self.free.pop() else {
            return Frame::new(code.clone(), globals.clone(), func);
        };
        f.locals.resize_with(code.varnames.len(), || Value::Null);
        for _ in 0..code.cellvars.len() {
            f.cells.push(Ref::new(CellObj::new(Value::Null)));
        }
        if let Some(func) = &func {
            f.cells.extend(func.closure.iter().cloned());
        }
        let want = code.max_stack as usize;
        if f.stack.capacity() < want {
            f.stack.reserve(want);
        }
        f.pc = 0;
        if !Ref::ptr_eq(&f.code, code) {
            f.code = code.clone();
        }
        if !Ref::ptr_eq(&f.globals, globals) {
            f.globals = globals.clone();
        }
        f.func = func;
        f
    }

    /// A frame for a call of `func`, which it keeps (moved in, no count update).
    pub fn alloc_fn(&mut self, func: Ref<Function>) -> Box<Frame> {
        let mut f = self.alloc(&func.code, &func.globals, None);
        f.cells.extend(func.closure.iter().cloned());
        f.func = Some(func);
        f
    }

    /// A frame for the common call `func(a, b)` with exactly its positional
    /// parameters: the arguments move from `stack[args_from..]` straight into the
    /// local slots (no fill with Null first, no overwrite after).
    pub fn alloc_call(
        &mut self,
        func: Ref<Function>,
        stack: &mut Vec<Value>,
        args_from: usize,
    ) -> Box<Frame> {
        let code = &func.code;
        let mut f = match self.free.pop() {
            Some(mut f) => {
                if !Ref::ptr_eq(&f.code, code) {
                    f.code = code.clone();
                }
                if !Ref::ptr_eq(&f.globals, &func.globals) {
                    f.globals = func.globals.clone();
                }
                let want = code.max_stack as usize;
                if f.stack.capacity() < want {
                    f.stack.reserve(want);
                }
                f.pc = 0;
                f
            }
            None => {
                let mut f = Frame::new(code.clone(), func.globals.clone(), None);
                f.locals.clear();
                f.cells.clear();
                f
            }
        };
        f.locals.extend(stack.drain(args_from..));
        f.locals.resize_with(code.varnames.len(), || Value::Null);
        for _ in 0..code.cellvars.len() {
            f.cells.push(Ref::new(CellObj::new(Value::Null)));
        }
        f.cells.extend(func.closure.iter().cloned());
        f.func = Some(func);
        f
    }

    /// Takes back a frame that has finished running (its values are dropped now).
    pub fn free(&mut self, mut f: Box<Frame>) {
        if self.free.len() >= Self::MAX {
            return;
        }
        f.locals.clear();
        f.stack.clear();
        f.cells.clear();
        f.blocks.clear();
        f.ns = None;
        f.func = None;
        self.free.push(f);
    }
}

impl Frame {
    pub fn new(
        code: Ref<CodeObject>,
        globals: Ref<DictObj>,
        func: Option<Ref<Function>>,
    ) -> Box<Frame> {
        let nlocals = code.varnames.len();
        let ncells = code.cellvars.len();
        let mut cells = Vec::with_capacity(ncells + code.freevars.len());
        for _ in 0..ncells {
            cells.push(Ref::new(CellObj::new(Value::Null)));
        }
        if let Some(f) = &func {
            cells.extend(f.closure.iter().cloned());
        }
        Box::new(Frame {
            stack: Vec::with_capacity(code.max_stack as usize),
            locals: vec![Value::Null; nlocals],
            pc: 0,
            cells,
            globals,
            ns: None,
            blocks: Vec::new(),
            func,
            code,
        })
    }

    /// Source line of the instruction being executed (pc already advanced past it).
    pub fn current_line(&self) -> u32 {
        self.code.line_at(self.pc.saturating_sub(1))
    }
}
