//! Methods of generators (`send`, `throw`, `close`) and of the built-in iterators
//! (`__next__`, `__iter__`), so Python code can drive them by hand.

use super::args::{self_arg, wrong_self};
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::iter::Sent;
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{self, types, Types};
use crate::vm::value::Value;
use crate::vm::Vm;

pub fn install(t: &Types) {
    types::install(
        &t.generator,
        &[("send", send), ("throw", throw), ("close", close)],
    );
}

fn self_gen(vm: &Vm, a: &Args, meth: &str) -> PyResult<Ref<Generator>> {
    match self_arg(a, "generator", meth)? {
        Value::Generator(g) => Ok(g.clone()),
        v => Err(wrong_self(vm, "generator", meth, v)),
    }
}

fn finish(r: Sent) -> PyResult<Value> {
    match r {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(PyErr::stop_iteration(v)),
    }
}

fn send(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("send")?;
    let g = self_gen(vm, &a, "send")?;
    a.expect_method("generator.send", 1, 1)?;
    let r = vm.gen_resume(&g, a.pos[1].clone(), None)?;
    finish(r)
}

/// `g.throw(exc)` / `g.throw(type, value)`: raises inside the generator at its yield.
fn throw(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("throw")?;
    let g = self_gen(vm, &a, "throw")?;
    if a.pos.len() < 2 || a.pos.len() > 4 {
        return Err(PyErr::type_error(format!(
            "throw expected {} arguments, got {}",
            if a.pos.len() < 2 {
                "at least 1"
            } else {
                "at most 3"
            },
            a.pos.len().saturating_sub(1)
        )));
    }
    let exc = match (&a.pos[1], a.pos.get(2)) {
        (Value::Class(c), Some(val)) if c.kind == ClassKind::Exception => {
            if let Value::Instance(i) = val {
                if i.exc.is_some() {
                    val.clone()
                } else {
                    vm.call(&a.pos[1], std::slice::from_ref(val), &[])?
                }
            } else if matches!(val, Value::None) {
                vm.call(&a.pos[1], &[], &[])?
            } else {
                vm.call(&a.pos[1], std::slice::from_ref(val), &[])?
            }
        }
        (Value::Class(c), _) if c.kind == ClassKind::Exception => {
            vm.make_exception(a.pos[1].clone())?
        }
        (Value::Instance(i), _) if i.exc.is_some() => a.pos[1].clone(),
        _ => {
            return Err(PyErr::type_error(
                "exceptions must be classes or instances deriving from BaseException, not "
                    .to_string()
                    + &vm.type_name(&a.pos[1]),
            ))
        }
    };
    let r = vm.gen_resume(&g, Value::None, Some(PyErr { exc }))?;
    finish(r)
}

/// `g.close()`: raises GeneratorExit at the paused yield; a generator that yields again
/// is a RuntimeError.
fn close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("close")?;
    let g = self_gen(vm, &a, "close")?;
    a.expect_method("generator.close", 0, 0)?;
    close_generator(vm, &g)?;
    Ok(Value::None)
}

/// `g.close()` (also the finalizer of a suspended generator that is freed).
pub fn close_generator(vm: &mut Vm, g: &Ref<Generator>) -> PyResult<()> {
    {
        let mut st = g.state.lock();
        if st.finished {
            return Ok(());
        }
        if !st.started && !st.running {
            st.finished = true;
            let frame = st.frame.take();
            drop(st);
            drop(frame);
            return Ok(());
        }
    }
    let exit = PyErr::with_args(&types().generator_exit, vec![]);
    match vm.gen_resume(g, Value::None, Some(exit)) {
        Ok(Sent::Yielded(_)) => Err(PyErr::runtime_error("generator ignored GeneratorExit")),
        Ok(Sent::Returned(_)) => Ok(()),
        Err(e) if e.is(&types().generator_exit) || e.is(&types().stop_iteration) => Ok(()),
        Err(e) => Err(e),
    }
}
