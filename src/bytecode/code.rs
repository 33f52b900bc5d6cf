//! Code objects: the compiler's output and the VM's input, one per function,
//! class body, comprehension or module.

use super::opcodes::Instr;
use crate::vm::refcount::Ref;
use crate::vm::value::{PyStr, Value};
use std::sync::Arc;

/// `CodeObject::flags` bits.
pub mod flags {
    /// Has a `*args` parameter.
    pub const VARARGS: u32 = 1;
    /// Has a `**kwargs` parameter.
    pub const VARKEYWORDS: u32 = 2;
    /// Contains `yield`: calling it makes a generator instead of running the body.
    pub const GENERATOR: u32 = 4;
    /// `async def` without `yield` (or an async comprehension): calling it makes a
    /// coroutine. Always set together with GENERATOR, whose frame machinery it uses.
    pub const COROUTINE: u32 = 8;
    /// A class body: runs with a namespace dict as its locals (LOAD_NAME/STORE_NAME).
    pub const CLASS_BODY: u32 = 16;
    /// Module-level code.
    pub const MODULE: u32 = 32;
    /// `async def` with `yield` (or an async generator expression); with GENERATOR.
    pub const ASYNC_GENERATOR: u32 = 64;
    /// A function whose body starts with a string literal: `consts[0]` is that
    /// docstring (CPython 3.11 keeps it there too) and becomes the function's `__doc__`.
    pub const DOCSTRING: u32 = 128;
}

#[derive(Debug)]
pub struct CodeObject {
    /// `f`, `<module>`, `<lambda>`, `<listcomp>`, `<genexpr>`, or the class name.
    pub name: String,
    /// Dotted path for reprs and tracebacks: `Outer.method.<locals>.inner`.
    pub qualname: String,
    /// `name` and `qualname` as string objects, made once: each function made from
    /// this code shares them (a comprehension makes a function every time it runs).
    pub name_obj: Ref<PyStr>,
    pub qualname_obj: Ref<PyStr>,
    pub filename: Arc<str>,
    pub first_line: u32,
    pub instrs: Vec<Instr>,
    /// Source line of each instruction (same length as `instrs`).
    pub lines: Vec<u32>,
    pub consts: Vec<Value>,
    /// Global, attribute and module names; strings carry their cached hash.
    pub names: Vec<Ref<PyStr>>,
    /// Local slots. Layout: positional parameters (`argcount`), keyword-only
    /// parameters (`kwonlyargcount`), then `*args` if VARARGS, then `**kwargs` if
    /// VARKEYWORDS, then the other locals.
    pub varnames: Vec<String>,
    pub argcount: u32,
    /// How many of the first `argcount` parameters are positional-only (before `/`):
    /// argument binding never matches a keyword to them.
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    /// Variables of this scope captured by inner scopes (cells created per call).
    pub cellvars: Vec<String>,
    /// Variables this scope captures from enclosing ones (taken from the closure).
    pub freevars: Vec<String>,
    /// Parameters that are also cellvars: `(cell index, parameter slot)`; the VM copies
    /// the argument into the cell when the frame starts.
    pub cell_params: Vec<(u32, u32)>,
    /// The deepest the value stack gets, so frames allocate it once.
    pub max_stack: u32,
    /// One inline cache per instruction (vm/inline.rs); only the attribute and
    /// global instructions use theirs.
    pub caches: Box<[crate::vm::cell::ObjCell<crate::vm::inline::Slot>]>,
    /// The free-threaded build's caches for other threads (vm/inline.rs, `CacheLanes`).
    #[cfg(feature = "atomic-objects")]
    pub lanes: crate::vm::inline::CacheLanes,
    pub weaklist: crate::vm::gc::WeakList,
}

impl CodeObject {
    /// This thread's inline caches, one per instruction: the code object's own, or
    /// in the free-threaded build its thread's lane (vm/inline.rs).
    #[inline(always)]
    pub fn caches(&self) -> &[crate::vm::cell::ObjCell<crate::vm::inline::Slot>] {
        #[cfg(feature = "atomic-objects")]
        {
            let lane = crate::vm::inline::lane();
            if lane != 0 {
                return self.lanes.get(lane, self.caches.len());
            }
        }
        &self.caches
    }

    pub fn has_flag(&self, f: u32) -> bool {
        self.flags & f != 0
    }

    /// Number of parameter slots (positional, keyword-only, `*args`, `**kwargs`).
    pub fn total_params(&self) -> usize {
        self.argcount as usize
            + self.kwonlyargcount as usize
            + self.has_flag(flags::VARARGS) as usize
            + self.has_flag(flags::VARKEYWORDS) as usize
    }

    /// Source line of instruction `pc` (0 if unknown).
    pub fn line_at(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(self.first_line)
    }
}
