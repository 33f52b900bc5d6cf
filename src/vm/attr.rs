//! Attribute access entry points: `obj.name` reads, writes and deletes through the
//! type's getattr/setattr slots (descr.rs has the lookup itself), method lookup for
//! LOAD_METHOD, and zero-argument `super()`.

use super::dispatch::type_ref;
use super::errors::{PyErr, PyResult};
use super::frame::Frame;
use super::typeobj::TypeObj;
use super::types::types;
use super::value::{PyStr, Value};
use super::Vm;
use crate::vm::refcount::Ref;

/// What LOAD_METHOD found.
pub enum Method {
    /// A function on the type: call it with the object as first argument.
    Unbound(Value),
    /// Anything else: call it as it is.
    Attr(Value),
}

impl Vm {
    /// An AttributeError raised by the lookup itself (a `__getattr__` hook, a
    /// property) is the error reported: its message is the program's.
    pub fn getattr(&mut self, obj: &Value, name: &Ref<PyStr>) -> PyResult<Value> {
        let found = match type_ref(obj).slots.getattr.get() {
            Some(f) => f(self, obj, name)?,
            None => super::descr::generic_getattr(self, obj, name)?,
        };
        match found {
            Some(v) => Ok(v),
            None => Err(self.no_attribute(obj, name.as_str())),
        }
    }

    pub fn getattr_str(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        self.getattr(obj, &Ref::new(PyStr::new(name)))
    }

    pub fn no_attribute(&self, obj: &Value, name: &str) -> PyErr {
        match obj {
            Value::Class(c) => PyErr::attribute_error(format!(
                "type object '{}' has no attribute '{name}'",
                c.name()
            )),
            Value::Module(m) => {
                PyErr::attribute_error(format!("module '{}' has no attribute '{name}'", m.name))
            }
            _ => PyErr::attribute_error(format!(
                "'{}' object has no attribute '{name}'",
                self.type_name(obj)
            )),
        }
    }

    /// Attribute lookup through the type's getattr slot; `Ok(None)` when the
    /// attribute does not exist (also when the lookup raised AttributeError, as
    /// `hasattr` and three-argument `getattr` treat it).
    #[inline]
    pub fn getattr_opt(&mut self, obj: &Value, name: &Ref<PyStr>) -> PyResult<Option<Value>> {
        let r = match type_ref(obj).slots.getattr.get() {
            Some(f) => f(self, obj, name),
            None => super::descr::generic_getattr(self, obj, name),
        };
        match r {
            Err(e) if e.is(&types().attribute_error) => Ok(None),
            r => r,
        }
    }

    pub fn setattr(&mut self, obj: &Value, name: &Ref<PyStr>, v: Value) -> PyResult<()> {
        self.setattr_opt(obj, name, Some(v))
    }

    pub fn delattr(&mut self, obj: &Value, name: &Ref<PyStr>) -> PyResult<()> {
        self.setattr_opt(obj, name, None)
    }

    fn setattr_opt(&mut self, obj: &Value, name: &Ref<PyStr>, v: Option<Value>) -> PyResult<()> {
        match type_ref(obj).slots.setattr.get() {
            Some(f) => f(self, obj, name, v),
            None => super::descr::generic_setattr(self, obj, name, v),
        }
    }
}

/// LOAD_METHOD: finds a method without allocating a bound method in the common case
/// (a function or method descriptor on the type that the instance does not shadow).
pub fn lookup_method(vm: &mut Vm, obj: &Value, name: &Ref<PyStr>) -> PyResult<Method> {
    let ty = type_ref(obj);
    let generic = ty.slots.getattr.get().map(|f| f as usize)
        == Some(super::descr::generic_getattr as super::slots::GetAttrFn as usize);
    if generic {
        if let Some(v) = ty.lookup(name) {
            if is_plain_method(&v) {
                let shadowed =
                    super::descr::object_dict(obj).is_some_and(|d| d.get_str(name).is_some());
                if !shadowed {
                    return Ok(Method::Unbound(v));
                }
            }
        }
    }
    Ok(Method::Attr(vm.getattr(obj, name)?))
}

/// What LOAD_METHOD's `Method::Unbound(m)` is as a value: `m` bound to `obj`.
pub fn bind(m: Value, obj: &Value) -> Value {
    Value::BoundMethod(Ref::new(super::object::BoundMethod {
        func: m,
        this: obj.clone(),
        weaklist: Default::default(),
    }))
}

/// Functions, native method descriptors and instances of `METHOD_DESCRIPTOR` types:
/// called with the object first, unbound.
pub fn is_plain_method(v: &Value) -> bool {
    match v {
        Value::Function(_) => true,
        Value::Builtin(b) => !b.class_method && Ref::ptr_eq(Ref::ty(b), &types().method_descriptor),
        Value::Instance(i) => Ref::ty(i).has_flag(super::typeobj::flags::METHOD_DESCRIPTOR),
        _ => false,
    }
}

/// Zero-argument `super()`: the class comes from the `__class__` cell, the object from
/// the frame's first argument, as in CPython.
pub fn zero_arg_super(vm: &mut Vm, f: &Frame) -> PyResult<Value> {
    let (cls, this) = zero_arg_super_args(f)?;
    super::descr::make_super(vm, cls, this)
}

/// The class and object zero-argument `super()` stands for in frame `f` (its
/// RuntimeErrors when there are none), before `make_super`'s check of the two.
pub fn zero_arg_super_args(f: &Frame) -> PyResult<(Ref<TypeObj>, Value)> {
    let code = &f.code;
    let idx = code
        .freevars
        .iter()
        .position(|n| n == "__class__")
        .map(|i| i + code.cellvars.len());
    let cls = match idx.map(|i| f.cells[i].value.lock().clone()) {
        Some(Value::Class(c)) => c,
        Some(Value::Null) => {
            return Err(PyErr::runtime_error("super(): empty __class__ cell"));
        }
        _ => return Err(PyErr::runtime_error("super(): __class__ cell not found")),
    };
    if code.argcount == 0 {
        return Err(PyErr::runtime_error("super(): no arguments"));
    }
    let this = match code.cellvars.iter().position(|n| *n == code.varnames[0]) {
        Some(ci)
            if code
                .cell_params
                .iter()
                .any(|&(c, s)| c as usize == ci && s == 0) =>
        {
            f.cells[ci].value.lock().clone()
        }
        _ => f.locals[0].clone(),
    };
    if this.is_null() {
        return Err(PyErr::runtime_error("super(): arg[0] deleted"));
    }
    Ok((cls, this))
}
