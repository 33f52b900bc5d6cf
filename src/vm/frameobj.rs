//! Frame objects as Python code sees them (`sys._getframe`, `tb.tb_frame`). gilvm's
//! frames are not objects, so these are snapshots: where each frame stood when asked.

use crate::bytecode::CodeObject;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::frame::Frame;
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{new_class, types};
use crate::vm::value::Value;
use crate::vm::Vm;
use std::sync::{Arc, OnceLock};

/// One frame of a snapshot.
#[derive(Debug)]
pub struct Snap {
    pub code: Ref<CodeObject>,
    pub line: u32,
    /// None for a traceback's frames, which keep no namespace (so an exception never
    /// holds the frames it passed through alive: no exception-frame cycles).
    pub globals: Option<Ref<DictObj>>,
}

/// `stack[at]` is this frame and `stack[at + 1]` its `f_back`: the stack is taken once
/// and shared, and `f_back` objects are made when asked for.
#[derive(Debug)]
pub struct FrameObj {
    stack: Arc<Vec<Snap>>,
    at: usize,
}

impl FrameObj {
    pub fn value(stack: Arc<Vec<Snap>>, at: usize) -> Value {
        Value::Native(Ref::new(Native {
            obj: Box::new(FrameObj { stack, at }),
        }))
    }

    fn snap(&self) -> &Snap {
        &self.stack[self.at]
    }
}

impl NativeObject for FrameObj {
    fn class(&self) -> Ref<Class> {
        static C: OnceLock<Ref<Class>> = OnceLock::new();
        C.get_or_init(|| {
            let c = new_class("frame", Some(&types().object), ClassKind::Builtin);
            c.slots
                .getattr
                .set(Some(crate::vm::modules::native_getattr_slot));
            crate::vm::value::shared_class(c)
        })
        .clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        // Only the object that holds the snapshot's last share owns it; visiting from
        // every sharer would count references the collector cannot see as owned.
        if Arc::strong_count(&self.stack) == 1 {
            for s in self.stack.iter() {
                visit(Ref::header(&s.code));
                if let Some(g) = &s.globals {
                    visit(Ref::header(g));
                }
            }
        }
    }
    fn repr(&self) -> Option<String> {
        let s = self.snap();
        Some(format!(
            "<frame at {:#x}, file '{}', line {}, code {}>",
            self as *const FrameObj as usize, s.code.filename, s.line, s.code.name
        ))
    }
    fn attr(&self, name: &str) -> Option<Value> {
        let s = self.snap();
        Some(match name {
            "f_code" => Value::Code(s.code.clone()),
            "f_lineno" => Value::Int(s.line as i64),
            "f_globals" => Value::Dict(s.globals.clone()?),
            "f_back" => {
                if self.at + 1 < self.stack.len() {
                    FrameObj::value(self.stack.clone(), self.at + 1)
                } else {
                    Value::None
                }
            }
            _ => return None,
        })
    }
}

/// `sys._getframe(depth=0)` called from bytecode: `f` is the calling frame, and the
/// thread's frame stack holds its callers. A Python frame that called native code
/// which called back into Python (a `map` callback, a metaclass's `__call__`) is
/// not on that stack, so `f_back` skips it (docs/language.md); `C()` runs a Python
/// `__init__` as a frame of the eval loop, so that one sees its caller.
pub fn getframe(vm: &mut Vm, f: Option<&Frame>, a: Args) -> PyResult<Value> {
    a.no_kw("_getframe")?;
    a.expect("_getframe", 0, 1)?;
    let depth = match a.pos.first() {
        None => 0,
        Some(Value::Int(n)) => *n,
        Some(Value::Bool(b)) => *b as i64,
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(v)
            )))
        }
    };
    let callers = vm.frames.iter().rev().map(|b| &**b);
    let stack: Vec<Snap> = f
        .into_iter()
        .chain(callers)
        .skip(depth.max(0) as usize)
        .map(|fr| Snap {
            code: fr.code.clone(),
            line: fr.current_line(),
            globals: Some(fr.globals.clone()),
        })
        .collect();
    if stack.is_empty() {
        return Err(PyErr::value_error("call stack is not deep enough"));
    }
    Ok(FrameObj::value(Arc::new(stack), 0))
}
