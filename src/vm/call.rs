//! Calling things: binding arguments to a function's parameter slots, calling any
//! callable from native code, instantiating classes and building new classes.

use super::cell::ObjCell;
use super::errors::{PyErr, PyResult};
use super::eval::Exit;
use super::frame::Frame;
use super::object::*;
use super::value::{PyStr, Value};
use super::Vm;
use crate::bytecode::code::flags;
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
        let fname = &func.qualname;
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
        } else if args.len() > argc {
            let ndef = func.defaults.len();
            let given = args.len();
            let takes = if ndef > 0 {
                format!("from {} to {} positional arguments", argc - ndef, argc)
            } else {
                format!(
                    "{} positional argument{}",
                    argc,
                    if argc == 1 { "" } else { "s" }
                )
            };
            return Err(PyErr::type_error(format!(
                "{fname}() takes {takes} but {given} {} given",
                if given == 1 { "was" } else { "were" }
            )));
        }
        let kwdict = if has_varkw {
            let d = Ref::new(DictObj::default());
            frame.locals[slot] = Value::Dict(d.clone());
            Some(d)
        } else {
            None
        };
        for (name, v) in kw {
            let idx = code.varnames[..argc + kwonly]
                .iter()
                .position(|p| p == name.as_str());
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
                    None => {
                        return Err(PyErr::type_error(format!(
                            "{fname}() got an unexpected keyword argument '{}'",
                            name.as_str()
                        )))
                    }
                },
            }
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
            return Err(missing_args(fname, "positional", &missing));
        }
        let mut missing = vec![];
        for i in argc..argc + kwonly {
            if frame.locals[i].is_null() {
                let name = &code.varnames[i];
                match func.kwdefaults.iter().find(|(k, _)| k.as_str() == name) {
                    Some((_, v)) => frame.locals[i] = v.clone(),
                    None => missing.push(name.clone()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(missing_args(fname, "keyword-only", &missing));
        }
        init_cells(&mut frame);
        Ok(frame)
    }

    /// Calls any callable from native code and waits for its result. Python functions
    /// run in a nested eval loop (bounded by the recursion limit and the stack check).
    pub fn call(
        &mut self,
        func: &Value,
        args: &[Value],
        kw: &[(Ref<PyStr>, Value)],
    ) -> PyResult<Value> {
        match func {
            Value::Function(f) => {
                let frame = self.bind_frame(f, args, kw)?;
                if f.code.has_flag(flags::GENERATOR) {
                    let kind = if f.code.has_flag(flags::COROUTINE) {
                        GenKind::Coroutine
                    } else if f.code.has_flag(flags::ASYNC_GENERATOR) {
                        GenKind::AsyncGenerator
                    } else {
                        GenKind::Generator
                    };
                    return Ok(Value::Generator(Ref::new(Generator {
                        name: f.code.name.clone(),
                        qualname: f.qualname.clone(),
                        kind,
                        state: ObjCell::new(GenState {
                            frame: Some(frame),
                            ..Default::default()
                        }),
                    })));
                }
                self.enter_call()?;
                let r = self.run_frame(frame, None);
                self.leave_call();
                match r? {
                    Exit::Return(v) => Ok(v),
                    Exit::Yield(..) => Err(PyErr::runtime_error("unexpected yield")),
                }
            }
            Value::Builtin(b) => {
                self.enter_call()?;
                let r = (b.func)(self, Args { pos: args, kw });
                self.leave_call();
                r
            }
            Value::BoundMethod(bm) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(bm.this.clone());
                all.extend_from_slice(args);
                self.call(&bm.func.clone(), &all, kw)
            }
            Value::Class(c)
                if c.kind == ClassKind::Exception
                    && c.is_subclass(&super::types::types().base_exception_group) =>
            {
                super::builtins::exception_group::construct(self, c, args, kw)
            }
            Value::Class(c) => self.call_class(c, args, kw),
            Value::Instance(i) => match i.class.lookup_str("__call__") {
                Some(m) => {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(func.clone());
                    all.extend_from_slice(args);
                    self.call(&m, &all, kw)
                }
                None => Err(not_callable(self, func)),
            },
            // Callable objects of native modules (functools.partial, operator.itemgetter).
            Value::Native(n) => match n.obj.class().lookup_str("__call__") {
                Some(m) => {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(func.clone());
                    all.extend_from_slice(args);
                    self.call(&m, &all, kw)
                }
                None => Err(not_callable(self, func)),
            },
            _ => Err(not_callable(self, func)),
        }
    }

    /// `C(args)`: built-in types use their `__new__` native; other classes make an
    /// instance and run `__init__`.
    pub fn call_class(
        &mut self,
        cls: &Ref<Class>,
        args: &[Value],
        kw: &[(Ref<PyStr>, Value)],
    ) -> PyResult<Value> {
        if cls.kind == ClassKind::Builtin {
            let new = cls.lookup_str("__new__").ok_or_else(|| {
                PyErr::type_error(format!("cannot create '{}' instances", cls.name))
            })?;
            let mut all = Vec::with_capacity(args.len() + 1);
            all.push(Value::Class(cls.clone()));
            all.extend_from_slice(args);
            return self.call(&new, &all, kw);
        }
        let inst = Value::Instance(Ref::new(Instance {
            class: cls.clone(),
            attrs: ObjCell::new(AttrMap::default()),
            exc: if cls.kind == ClassKind::Exception {
                Some(ObjCell::new(ExcData {
                    args: args.to_vec(),
                    ..Default::default()
                }))
            } else {
                None
            },
        }));
        match cls.lookup_str("__init__") {
            Some(init @ Value::Function(_)) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(inst.clone());
                all.extend_from_slice(args);
                let r = self.call(&init, &all, kw)?;
                if !matches!(r, Value::None) {
                    return Err(PyErr::type_error(format!(
                        "__init__() should return None, not '{}'",
                        self.type_name(&r)
                    )));
                }
            }
            Some(init @ Value::Builtin(_)) if cls.kind == ClassKind::Exception => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(inst.clone());
                all.extend_from_slice(args);
                self.call(&init, &all, kw)?;
            }
            _ => {
                if (!args.is_empty() || !kw.is_empty()) && cls.kind != ClassKind::Exception {
                    return Err(PyErr::type_error(format!(
                        "{}() takes no arguments",
                        cls.name
                    )));
                }
            }
        }
        Ok(inst)
    }

    /// BUILD_CLASS: runs the class body in a fresh namespace and makes the class.
    pub fn build_class(&mut self, body: Value, name: Value, bases: Vec<Value>) -> PyResult<Value> {
        let name = match &name {
            Value::Str(s) => s.as_str().to_string(),
            _ => return Err(PyErr::type_error("class name must be a string")),
        };
        let base = super::types::user_class_base(&bases)?;
        let func = match &body {
            Value::Function(f) => f.clone(),
            _ => return Err(PyErr::type_error("class body must be a function")),
        };
        let ns = Ref::new(DictObj::default());
        let mut frame = self
            .frame_pool
            .alloc(&func.code, &func.globals, Some(func.clone()));
        frame.ns = Some(ns.clone());
        self.enter_call()?;
        let r = self.run_frame(frame, None);
        self.leave_call();
        let ret = match r? {
            Exit::Return(v) => v,
            Exit::Yield(..) => Value::None,
        };
        let mut attrs = AttrMap::default();
        for (k, v) in ns.map.lock().iter() {
            if let Value::Str(s) = &k.key {
                attrs.insert(s.clone(), v.clone());
            }
        }
        let cls = super::types::new_user_class(name, func.code.qualname.clone(), base, attrs);
        if let Value::Cell(cell) = ret {
            *cell.value.lock() = Value::Class(cls.clone());
        }
        Ok(Value::Class(cls))
    }
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

fn not_callable(vm: &Vm, v: &Value) -> PyErr {
    PyErr::type_error(format!("'{}' object is not callable", vm.type_name(v)))
}
