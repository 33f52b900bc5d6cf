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
    /// A class namespace that is not a plain dict (a metaclass's `__prepare__`
    /// returned another mapping): the name instructions go through its item methods
    /// (eval_ext.rs), as CPython's do for a non-dict `f_locals`.
    pub ns_map: Option<Value>,
    pub blocks: Vec<Block>,
    /// The function being run, if any (zero-argument `super()` reads its first argument).
    pub func: Option<Ref<Function>>,
    /// For an `__init__` run by `C(...)` as a frame of the eval loop: the new instance,
    /// which the call gives its caller when `__init__` returns None. Null otherwise.
    pub init_self: Value,
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
    /// for its code and globals.
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
    #[inline(always)]
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
        move_args(&mut f.locals, stack, args_from, code.varnames.len());
        for _ in 0..code.cellvars.len() {
            f.cells.push(Ref::new(CellObj::new(Value::Null)));
        }
        if !func.closure.is_empty() {
            f.cells.extend(func.closure.iter().cloned());
        }
        f.func = Some(func);
        f
    }

    /// Takes back a frame that has finished running (its values are dropped now).
    #[inline(always)]
    pub fn free(&mut self, mut f: Box<Frame>) {
        if self.free.len() >= Self::MAX {
            return;
        }
        // Each local through `discard`: an inline count update, no drop-glue call.
        let n = f.locals.len();
        // SAFETY: the length is set to 0 first, so each of the `n` initialised slots
        // is read (moved out) exactly once and never reached through the Vec again.
        unsafe {
            f.locals.set_len(0);
            let p = f.locals.as_ptr();
            for i in 0..n {
                std::ptr::read(p.add(i)).discard();
            }
        }
        f.stack.clear();
        f.cells.clear();
        f.blocks.clear();
        f.ns = None;
        f.ns_map = None;
        f.func = None;
        std::mem::replace(&mut f.init_self, Value::Null).discard();
        self.free.push(f);
    }
}

/// Moves `stack[from..]` into the empty `locals` and fills the remaining slots up to
/// `nlocals` with `Null`: a call's argument passing, which `extend(drain)` made
/// several times dearer than the copy it is.
#[inline(always)]
fn move_args(locals: &mut Vec<Value>, stack: &mut Vec<Value>, from: usize, nlocals: usize) {
    let n = stack.len() - from;
    assert!(locals.is_empty() && n <= nlocals, "bad call frame");
    locals.reserve(nlocals);
    // SAFETY: `locals` is empty with room for `nlocals`; the `n` argument values are
    // copied bitwise and `stack`'s length is cut below them first, so each value has
    // exactly one owner afterwards. The remaining slots are written before the new
    // length makes them visible.
    unsafe {
        stack.set_len(from);
        let dst = locals.as_mut_ptr();
        std::ptr::copy_nonoverlapping(stack.as_ptr().add(from), dst, n);
        for i in n..nlocals {
            std::ptr::write(dst.add(i), Value::Null);
        }
        locals.set_len(nlocals);
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
            ns_map: None,
            blocks: Vec::new(),
            func,
            init_self: Value::Null,
            code,
        })
    }

    /// Source line of the instruction being executed (pc already advanced past it).
    pub fn current_line(&self) -> u32 {
        self.code.line_at(self.pc.saturating_sub(1))
    }
}

impl Frame {
    /// Visits every object the frame holds (a suspended generator's frame belongs
    /// to the generator, so the collector walks it through the generator).
    pub fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        visit(Ref::header(&self.code));
        visit(Ref::header(&self.globals));
        for v in self.locals.iter().chain(self.stack.iter()) {
            v.visit(visit);
        }
        for c in &self.cells {
            visit(Ref::header(c));
        }
        if let Some(ns) = &self.ns {
            visit(Ref::header(ns));
        }
        if let Some(m) = &self.ns_map {
            m.visit(visit);
        }
        if let Some(f) = &self.func {
            visit(Ref::header(f));
        }
        self.init_self.visit(visit);
    }
}
