//! The `dis` module: `dis(function_or_code)` prints gilvm's own bytecode in CPython's
//! column layout (the instruction set is documented in docs/bytecode.md).

use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, DictObj};
use crate::vm::value::Value;
use crate::vm::Vm;

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    super::add_functions(d, &[("dis", dis)]);
    Ok(())
}

fn dis(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("dis", 1, 1)?;
    a.only_kw("dis", &["file"])?;
    let code = match &a.pos[0] {
        Value::Function(f) => f.code.clone(),
        Value::Code(c) => c.clone(),
        Value::BoundMethod(bm) => match &bm.func {
            Value::Function(f) => f.code.clone(),
            _ => {
                return Err(PyErr::type_error(
                    "don't know how to disassemble a built-in",
                ))
            }
        },
        v => {
            return Err(PyErr::type_error(format!(
                "don't know how to disassemble {} objects",
                vm.type_name(v)
            )))
        }
    };
    let text = crate::bytecode::dis::dis(&code);
    // `file=` as CPython's: anything with a write method.
    crate::vm::builtins::functions::write_to(vm, a.kw("file"), &text)?;
    Ok(Value::None)
}
