//! Calling Python functions: binding arguments to a function's parameter slots with
//! CPython's rules and messages, and running the function from native code.

use super::cell::ObjCell;
use super::errors::{PyErr, PyResult};
use super::eval::Exit;
use super::frame::Frame;
use super::object::*;
use super::value::{PyStr, Value};
use super::Vm;
use crate::bytecode::code::{flags, CodeObject};
use crate::vm::refcount::Ref;

/// Copies parameters that inner functions capture into their cells.
#[inline(always)]
pub(crate) fn init_cells(frame: &mut Frame) {
    if !frame.code.cell_params.is_empty() {
        move_params_to_cells(frame);
    }
}

fn move_params_to_cells(frame: &mut Frame) {
    let code = frame.code.clone();
    for &(cell, slot) in &code.cell_params {
        let v = std::mem::replace(&mut frame.locals[slot as usize], Value::Null);
        *frame.cells[cell as usize].value.lock() = v;
    }
}

impl Vm {
    /// Builds the frame for a call of `func`, binding positional and keyword arguments
    /// to parameter slots with CPython's rules and error messages.
    pub fn bind_frame(
        &mut self,
        func: &Ref<Function>,
        args: &[Value],
        kw: &[(Ref<PyStr>, Value)],
    ) -> PyResult<Box<Frame>> {
        let code = &func.code;
        let mut frame = self
            .frame_pool
            .alloc(code, &func.globals, Some(func.clone()));
        let argc = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let has_varargs = code.has_flag(flags::VARARGS);
        let has_varkw = code.has_flag(flags::VARKEYWORDS);
        let fname = QualName(func);
        let npos = args.len().min(argc);
        for (i, v) in args[..npos].iter().enumerate() {
            frame.locals[i] = v.clone();
        }
        let mut slot = argc + kwonly;
        if has_varargs {
            let extra = if args.len() > argc {
                args[argc..].to_vec()
            } else {
                vec![]
            };
            frame.locals[slot] = Value::tuple(extra);
            slot += 1;
        }
        let kwdict = if has_varkw {
            let d = Ref::new(DictObj::default());
            frame.locals[slot] = Value::Dict(d.clone());
            Some(d)
        } else {
            None
        };
        // Keywords never match positional-only parameters: with `**kwargs` such a
        // name lands in the dict, without it the call fails (CPython's order: the
        // keywords are bound before the positional count is checked).
        let posonly = code.posonlyargcount as usize;
        for (name, v) in kw {
            let idx = code.varnames[posonly..argc + kwonly]
                .iter()
                .position(|p| p == name.as_str())
                .map(|i| i + posonly);
            match idx {
                Some(i) => {
                    if !frame.locals[i].is_null() {
                        return Err(PyErr::type_error(format!(
                            "{fname}() got multiple values for argument '{}'",
                            name.as_str()
                        )));
                    }
                    frame.locals[i] = v.clone();
                }
                None => match &kwdict {
                    Some(d) => d.set_pystr(name, v.clone()),
                    None => return Err(unexpected_keyword(&fname, code, kw, name)),
                },
            }
        }
        if !has_varargs && args.len() > argc {
            let kwonly_given = (argc..argc + kwonly)
                .filter(|&i| !frame.locals[i].is_null())
                .count();
            return Err(too_many_positional(
                &fname,
                argc,
                func.defaults.len(),
                args.len(),
                kwonly_given,
            ));
        }
        // Defaults for positional parameters not given.
        let ndef = func.defaults.len();
        let mut missing = vec![];
        for i in 0..argc {
            if frame.locals[i].is_null() {
                if i + ndef >= argc {
                    frame.locals[i] = func.defaults[i + ndef - argc].clone();
                } else {
                    missing.push(code.varnames[i].clone());
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_args(&fname.to_string(), "positional", &missing));
        }
        let mut missing = vec![];
        for i in argc..argc + kwonly {
            if frame.locals[i].is_null() {
                let name = &code.varnames[i];
                let default = func.kwdefaults.with(|d| {
                    d.as_ref().and_then(|d| {
                        d.map
                            .lock()
                            .iter()
                            .find(|(k, _)| matches!(&k.key, Value::Str(s) if s.as_str() == name.as_str()))
                            .map(|(_, v)| v.clone())
                    })
                });
                match default {
                    Some(v) => frame.locals[i] = v,
                    None => missing.push(name.clone()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_args(&fname.to_string(), "keyword-only", &missing));
        }
        init_cells(&mut frame);
        Ok(frame)
    }

    /// Calls `f(obj, *args)` from native code when `f`'s signature takes exactly those
    /// positional arguments and nothing else (no defaults used, no `*args`/`**kwargs`,
    /// no keyword-only parameters, not a generator): they go straight into the frame's
    /// slots, with no argument vector and no binding pass. This is how slots call a
    /// class's `__hash__`, `__eq__` and other dunders. `None` when `f` needs
    /// `bind_frame`.
    #[inline]
    pub fn call_function_self(
        &mut self,
        f: &Ref<Function>,
        obj: &Value,
        args: &[Value],
    ) -> Option<PyResult<Value>> {
        let code = &f.code;
        let special = flags::VARARGS
            | flags::VARKEYWORDS
            | flags::GENERATOR
            | flags::COROUTINE
            | flags::ASYNC_GENERATOR;
        if code.argcount as usize != args.len() + 1
            || code.kwonlyargcount != 0
            || code.flags & special != 0
        {
            return None;
        }
        let mut frame = self.frame_pool.alloc(code, &f.globals, Some(f.clone()));
        frame.locals[0] = obj.clone();
        for (slot, v) in frame.locals[1..=args.len()].iter_mut().zip(args) {
            *slot = v.clone();
        }
        init_cells(&mut frame);
        if let Err(e) = self.enter_call() {
            return Some(Err(e));
        }
        let r = self.run_frame(frame, None);
        self.leave_call();
        Some(match r {
            Ok(Exit::Return(v)) => Ok(v),
            Ok(Exit::Yield(..)) => Err(PyErr::runtime_error("unexpected yield")),
            Err(e) => Err(e),
        })
    }

    /// Calls a Python function from native code and waits for its result: a nested
    /// eval loop (bounded by the recursion limit and the stack check). Calling a
    /// generator function makes the generator.
    pub fn call_function(
        &mut self,
        f: &Ref<Function>,
        args: &[Value],
        kw: &[(Ref<PyStr>, Value)],
    ) -> PyResult<Value> {
        let frame = self.bind_frame(f, args, kw)?;
        if f.code.has_flag(flags::GENERATOR) {
            return Ok(new_generator(f, frame));
        }
        self.enter_call()?;
        let r = self.run_frame(frame, None);
        self.leave_call();
        match r? {
            Exit::Return(v) => Ok(v),
            Exit::Yield(..) => Err(PyErr::runtime_error("unexpected yield")),
        }
    }
}

/// A generator, coroutine or async generator object for a call of `f` (its frame
/// not started); the code's flags say which, and so which type it has.
pub fn new_generator(f: &Ref<Function>, frame: Box<Frame>) -> Value {
    let kind = if f.code.has_flag(flags::COROUTINE) {
        GenKind::Coroutine
    } else if f.code.has_flag(flags::ASYNC_GENERATOR) {
        GenKind::AsyncGenerator
    } else {
        GenKind::Generator
    };
    Value::Generator(Ref::new(Generator {
        name: f.name(),
        qualname: f.qualname(),
        kind,
        code: f.code.clone(),
        state: ObjCell::new(GenState {
            frame: Some(frame),
            ..Default::default()
        }),
        weaklist: Default::default(),
    }))
}

/// A function's qualified name for error messages, read only if one is made.
struct QualName<'a>(&'a Function);

impl std::fmt::Display for QualName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.qualname().as_str())
    }
}

/// A keyword that names no parameter: CPython's error for positional-only names
/// passed as keywords (all of them, in parameter order), else the plain one.
fn unexpected_keyword(
    fname: &QualName,
    code: &CodeObject,
    kw: &[(Ref<PyStr>, Value)],
    name: &Ref<PyStr>,
) -> PyErr {
    let posonly: Vec<&str> = code.varnames[..code.posonlyargcount as usize]
        .iter()
        .filter(|p| kw.iter().any(|(k, _)| k.as_str() == p.as_str()))
        .map(String::as_str)
        .collect();
    if !posonly.is_empty() {
        return PyErr::type_error(format!(
            "{fname}() got some positional-only arguments passed as keyword arguments: '{}'",
            posonly.join(", ")
        ));
    }
    PyErr::type_error(format!(
        "{fname}() got an unexpected keyword argument '{}'",
        name.as_str()
    ))
}

fn too_many_positional(
    fname: &QualName,
    argc: usize,
    ndef: usize,
    given: usize,
    kwonly_given: usize,
) -> PyErr {
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let takes = if ndef > 0 {
        format!("from {} to {} positional arguments", argc - ndef, argc)
    } else {
        format!("{argc} positional argument{}", s(argc))
    };
    let kwonly = if kwonly_given > 0 {
        format!(
            " positional argument{} (and {kwonly_given} keyword-only argument{})",
            s(given),
            s(kwonly_given)
        )
    } else {
        String::new()
    };
    let verb = if given == 1 && kwonly_given == 0 {
        "was"
    } else {
        "were"
    };
    PyErr::type_error(format!(
        "{fname}() takes {takes} but {given}{kwonly} {verb} given"
    ))
}

fn missing_args(fname: &str, what: &str, names: &[String]) -> PyErr {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!(
            "{}, and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    };
    PyErr::type_error(format!(
        "{fname}() missing {} required {what} argument{}: {list}",
        names.len(),
        if names.len() == 1 { "" } else { "s" }
    ))
}
