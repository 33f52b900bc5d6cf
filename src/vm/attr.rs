//! Attribute access: `obj.name` reads, writes and deletes, method lookup for
//! LOAD_METHOD, the type of a value, and zero-argument `super()`.

use super::errors::{PyErr, PyResult};
use super::frame::Frame;
use super::object::*;
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

/// `super()` objects: attribute lookup starts after `start` in `this`'s class chain.
#[derive(Debug)]
pub struct SuperObj {
    pub start: Ref<Class>,
    pub this: Value,
}

impl NativeObject for SuperObj {
    fn class(&self) -> Ref<Class> {
        super_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self) -> Option<String> {
        Some(format!("<super: <class '{}'>, <object>>", self.start.name))
    }
}

fn super_class() -> Ref<Class> {
    static C: std::sync::OnceLock<Ref<Class>> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        super::value::shared_class(super::types::new_class(
            "super",
            Some(&types().object),
            ClassKind::Builtin,
        ))
    })
    .clone()
}

impl Vm {
    /// The class of any value (`type(v)`).
    pub fn type_of(&self, v: &Value) -> Ref<Class> {
        let t = types();
        match v {
            Value::Null | Value::None => t.none.clone(),
            Value::Bool(_) => t.bool.clone(),
            Value::Int(_) | Value::BigInt(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Str(_) => t.str.clone(),
            Value::Tuple(_) => t.tuple.clone(),
            Value::List(_) => t.list.clone(),
            Value::Dict(_) => t.dict.clone(),
            Value::Set(s) => {
                if s.frozen {
                    t.frozenset.clone()
                } else {
                    t.set.clone()
                }
            }
            Value::Function(_) => t.function.clone(),
            Value::Class(_) => t.type_.clone(),
            Value::Instance(i) => i.class.clone(),
            Value::BoundMethod(_) => t.method.clone(),
            Value::Builtin(_) => t.builtin_function.clone(),
            Value::Module(_) => t.module.clone(),
            Value::Code(_) => t.code.clone(),
            Value::Cell(_) => t.cell.clone(),
            Value::Range(_) => t.range.clone(),
            Value::Slice(_) => t.slice.clone(),
            Value::Iter(_) => t.iterator.clone(),
            Value::Generator(g) => match g.kind {
                GenKind::Generator => t.generator.clone(),
                GenKind::Coroutine => t.coroutine.clone(),
                GenKind::AsyncGenerator => t.async_generator.clone(),
            },
            Value::Native(n) => n.obj.class(),
        }
    }

    /// The type's name as error messages print it (`'int' object is not callable`).
    pub fn type_name(&self, v: &Value) -> String {
        match v {
            Value::Iter(it) => it.kind.to_string(),
            _ => self.type_of(v).name.clone(),
        }
    }

    pub fn getattr(&mut self, obj: &Value, name: &Ref<PyStr>) -> PyResult<Value> {
        match self.getattr_impl(obj, name, true)? {
            Some(v) => Ok(v),
            None => Err(self.no_attribute(obj, name.as_str())),
        }
    }

    pub fn getattr_str(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        self.getattr(obj, &Ref::new(PyStr::new(name)))
    }

    pub fn no_attribute(&self, obj: &Value, name: &str) -> PyErr {
        let e = match obj {
            Value::Class(c) => PyErr::attribute_error(format!(
                "type object '{}' has no attribute '{name}'",
                c.name
            )),
            Value::Module(m) => {
                PyErr::attribute_error(format!("module '{}' has no attribute '{name}'", m.name))
            }
            _ => PyErr::attribute_error(format!(
                "'{}' object has no attribute '{name}'",
                self.type_name(obj)
            )),
        };
        e
    }

    /// Attribute lookup; `Ok(None)` when the attribute does not exist.
    pub fn getattr_opt(&mut self, obj: &Value, name: &Ref<PyStr>) -> PyResult<Option<Value>> {
        self.getattr_impl(obj, name, false)
    }

    /// `keep_getattr_error`: an AttributeError raised by a `__getattr__` hook is the
    /// error to report (its message is the program's), not "no such attribute".
    fn getattr_impl(
        &mut self,
        obj: &Value,
        name: &Ref<PyStr>,
        keep_getattr_error: bool,
    ) -> PyResult<Option<Value>> {
        let n = name.as_str();
        match obj {
            Value::Instance(inst) => {
                if let Some(v) = inst.attrs.lock().get(&**name) {
                    return Ok(Some(v.clone()));
                }
                if let Some(v) = inst.class.lookup(name) {
                    return Ok(Some(bind(v, obj)));
                }
                if let Some(exc) = &inst.exc {
                    let d = exc.lock();
                    match n {
                        "args" => return Ok(Some(Value::tuple(d.args.clone()))),
                        "__cause__" => return Ok(Some(d.cause.clone().unwrap_or(Value::None))),
                        "__context__" => return Ok(Some(d.context.clone().unwrap_or(Value::None))),
                        "__suppress_context__" => return Ok(Some(Value::Bool(d.suppress_context))),
                        "__traceback__" => {
                            drop(d);
                            return Ok(Some(super::traceback::traceback_object(obj)));
                        }
                        "value" if inst.class.is_subclass(&types().stop_iteration) => {
                            return Ok(Some(d.args.first().cloned().unwrap_or(Value::None)))
                        }
                        "code" if inst.class.is_subclass(&types().system_exit) => {
                            return Ok(Some(d.args.first().cloned().unwrap_or(Value::None)))
                        }
                        "message" | "exceptions"
                            if inst.class.is_subclass(&types().base_exception_group) =>
                        {
                            drop(d);
                            let (msg, excs) = super::builtins::exception_group::parts(obj);
                            return Ok(Some(if n == "message" {
                                msg
                            } else {
                                Value::tuple(excs)
                            }));
                        }
                        _ => {}
                    }
                }
                if n == "__class__" {
                    return Ok(Some(Value::Class(inst.class.clone())));
                }
                if n == "__dict__" {
                    let mut map = DictMap::default();
                    for (k, v) in inst.attrs.lock().iter() {
                        map.insert(
                            HKey {
                                hash: k.py_hash(),
                                key: Value::Str(k.clone()),
                            },
                            v.clone(),
                        );
                    }
                    return Ok(Some(Value::dict(map)));
                }
                if n != "__getattr__" {
                    if let Some(ga) = inst.class.lookup_str("__getattr__") {
                        let r = self.call(&ga, &[obj.clone(), Value::Str(name.clone())], &[]);
                        return match r {
                            Ok(v) => Ok(Some(v)),
                            Err(e) if !keep_getattr_error && e.is(&types().attribute_error) => {
                                Ok(None)
                            }
                            Err(e) => Err(e),
                        };
                    }
                }
                Ok(None)
            }
            Value::Class(cls) => {
                if let Some(v) = cls.lookup(name) {
                    return Ok(Some(match v {
                        Value::Builtin(b) if b.class_method => {
                            Value::BoundMethod(Ref::new(BoundMethod {
                                func: Value::Builtin(b),
                                this: obj.clone(),
                            }))
                        }
                        v => v,
                    }));
                }
                Ok(match n {
                    // Native classes are named `module.name`, as CPython's C types.
                    "__name__" => {
                        Some(Value::str(cls.name.rsplit('.').next().unwrap_or(&cls.name)))
                    }
                    "__qualname__" => Some(Value::str(&cls.qualname)),
                    "__base__" => Some(cls.base.clone().map(Value::Class).unwrap_or(Value::None)),
                    "__bases__" => Some(Value::tuple(
                        cls.base.iter().map(|b| Value::Class(b.clone())).collect(),
                    )),
                    "__mro__" => Some(Value::tuple(
                        super::object::mro(cls)
                            .into_iter()
                            .map(Value::Class)
                            .collect(),
                    )),
                    "__class__" => Some(Value::Class(types().type_.clone())),
                    "__module__" => Some(Value::str(
                        if (cls.kind == ClassKind::Object && !is_builtin_class(cls))
                            || (cls.kind == ClassKind::Exception && !is_builtin_class(cls))
                        {
                            "__main__"
                        } else {
                            "builtins"
                        },
                    )),
                    "__dict__" => {
                        let mut map = DictMap::default();
                        for (k, v) in cls.attrs.lock().iter() {
                            map.insert(
                                HKey {
                                    hash: k.py_hash(),
                                    key: Value::Str(k.clone()),
                                },
                                v.clone(),
                            );
                        }
                        Some(Value::dict(map))
                    }
                    _ => None,
                })
            }
            Value::Module(m) => {
                if let Some(v) = m.dict.get_str(name) {
                    return Ok(Some(v));
                }
                Ok(match n {
                    "__name__" => Some(Value::str(&m.name)),
                    "__dict__" => Some(Value::Dict(m.dict.clone())),
                    _ => None,
                })
            }
            Value::Function(f) => {
                if let Some(v) = f.attrs.lock().get(&**name) {
                    return Ok(Some(v.clone()));
                }
                Ok(match n {
                    "__name__" => Some(Value::Str(f.name.clone())),
                    "__qualname__" => Some(Value::str(&f.qualname)),
                    "__code__" => Some(Value::Code(f.code.clone())),
                    "__defaults__" => Some(if f.defaults.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(f.defaults.clone())
                    }),
                    "__module__" => Some(Value::str("__main__")),
                    "__globals__" => Some(Value::Dict(f.globals.clone())),
                    "__class__" => Some(Value::Class(types().function.clone())),
                    _ => None,
                })
            }
            Value::BoundMethod(bm) => Ok(match n {
                "__self__" => Some(bm.this.clone()),
                "__func__" => Some(bm.func.clone()),
                "__name__" => return self.getattr_opt(&bm.func.clone(), name),
                _ => {
                    let func = bm.func.clone();
                    return self.getattr_opt(&func, name);
                }
            }),
            Value::Builtin(b) => Ok(match n {
                "__name__" | "__qualname__" => Some(Value::str(b.name)),
                _ => None,
            }),
            Value::Native(nat) => {
                if let Some(s) = nat.obj.as_any().downcast_ref::<SuperObj>() {
                    return self.super_getattr(s, name);
                }
                let cls = nat.obj.class();
                if let Some(v) = cls.lookup(name) {
                    return Ok(Some(bind(v, obj)));
                }
                if let Some(v) = super::traceback::traceback_getattr(obj, n) {
                    return Ok(Some(v));
                }
                if let Some(v) = super::coro::frame_getattr(nat, n) {
                    return Ok(Some(v));
                }
                if let Some(v) = super::modules::native_getattr(self, obj, n)? {
                    return Ok(Some(v));
                }
                Ok(if n == "__class__" {
                    Some(Value::Class(cls))
                } else {
                    None
                })
            }
            Value::Generator(g) => {
                if let Some(v) = super::coro::gen_getattr(g, n) {
                    return Ok(Some(v));
                }
                let cls = self.type_of(obj);
                Ok(match cls.lookup(name) {
                    Some(v) => Some(bind(v, obj)),
                    None if n == "__class__" => Some(Value::Class(cls)),
                    None => None,
                })
            }
            Value::Code(c) => Ok(match n {
                "co_name" => Some(Value::str(&c.name)),
                "co_filename" => Some(Value::str(&c.filename)),
                "co_firstlineno" => Some(Value::Int(c.first_line as i64)),
                "co_argcount" => Some(Value::Int(c.argcount as i64)),
                "co_flags" => Some(Value::Int(cpython_co_flags(c.flags))),
                "co_varnames" => Some(Value::tuple(
                    c.varnames.iter().map(|s| Value::str(s)).collect(),
                )),
                _ => None,
            }),
            _ => {
                let cls = self.type_of(obj);
                if let Some(v) = cls.lookup(name) {
                    return Ok(Some(bind(v, obj)));
                }
                Ok(match (n, obj) {
                    ("__class__", _) => Some(Value::Class(cls)),
                    ("real", Value::Int(_) | Value::BigInt(_) | Value::Float(_)) => {
                        Some(obj.clone())
                    }
                    ("real", Value::Bool(b)) => Some(Value::Int(*b as i64)),
                    ("imag", Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) => {
                        Some(Value::Int(0))
                    }
                    ("imag", Value::Float(_)) => Some(Value::Float(0.0)),
                    ("start", Value::Range(r)) => Some(Value::Int(r.start)),
                    ("stop", Value::Range(r)) => Some(Value::Int(r.stop)),
                    ("step", Value::Range(r)) => Some(Value::Int(r.step)),
                    ("start", Value::Slice(s)) => Some(s.start.clone()),
                    ("stop", Value::Slice(s)) => Some(s.stop.clone()),
                    ("step", Value::Slice(s)) => Some(s.step.clone()),
                    _ => None,
                })
            }
        }
    }

    fn super_getattr(&mut self, s: &SuperObj, name: &Ref<PyStr>) -> PyResult<Option<Value>> {
        let mut c = s.start.base.clone();
        while let Some(cls) = c {
            if let Some(v) = cls.attrs.lock().get(&**name) {
                let v = v.clone();
                return Ok(Some(match (&v, &s.this) {
                    (Value::Function(_) | Value::Builtin(_), Value::Class(_)) => v,
                    (Value::Function(_) | Value::Builtin(_), _) => {
                        Value::BoundMethod(Ref::new(BoundMethod {
                            func: v,
                            this: s.this.clone(),
                        }))
                    }
                    _ => v,
                }));
            }
            c = cls.base.clone();
        }
        Ok(None)
    }

    pub fn setattr(&mut self, obj: &Value, name: &Ref<PyStr>, v: Value) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                if let Some(sa) = inst.class.lookup_str("__setattr__") {
                    if matches!(sa, Value::Function(_)) {
                        self.call(&sa, &[obj.clone(), Value::Str(name.clone()), v], &[])?;
                        return Ok(());
                    }
                }
                if let Some(exc) = &inst.exc {
                    if name.as_str() == "args" {
                        exc.lock().args = self.collect(&v)?;
                        return Ok(());
                    }
                    if name.as_str() == "__cause__" {
                        exc.lock().cause = Some(v);
                        return Ok(());
                    }
                }
                inst.attrs.lock().insert(name.clone(), v);
                Ok(())
            }
            // Built-in classes are shared by every interpreter in the process, so they
            // are immortal (refcount.rs) and, as in CPython, immutable.
            Value::Class(cls) if !Ref::is_immortal(cls) => {
                cls.set_attr(name.clone(), v);
                Ok(())
            }
            Value::Function(f) => {
                f.attrs.lock().insert(name.clone(), v);
                Ok(())
            }
            Value::Module(m) => {
                m.dict.set_pystr(name, v);
                Ok(())
            }
            Value::Native(_) => super::modules::native_setattr(self, obj, name.as_str(), v),
            Value::Class(c) => Err(immutable_type(c, name)),
            _ => Err(PyErr::attribute_error(format!(
                "'{}' object has no attribute '{}'",
                self.type_name(obj),
                name.as_str()
            ))),
        }
    }

    pub fn delattr(&mut self, obj: &Value, name: &Ref<PyStr>) -> PyResult<()> {
        let removed = match obj {
            Value::Instance(inst) => inst.attrs.lock().shift_remove(&**name).is_some(),
            Value::Class(cls) if Ref::is_immortal(cls) => {
                return Err(immutable_type(cls, name));
            }
            Value::Class(cls) => cls.del_attr(name).is_some(),
            Value::Function(f) => f.attrs.lock().shift_remove(&**name).is_some(),
            Value::Module(m) => m.dict.del_str(name).is_some(),
            _ => false,
        };
        if removed {
            Ok(())
        } else {
            Err(self.no_attribute(obj, name.as_str()))
        }
    }
}

fn immutable_type(c: &Class, name: &PyStr) -> PyErr {
    PyErr::type_error(format!(
        "cannot set '{}' attribute of immutable type '{}'",
        name.as_str(),
        c.name
    ))
}

fn is_builtin_class(cls: &Ref<Class>) -> bool {
    types().named().iter().any(|c| Ref::ptr_eq(c, cls))
}

/// Binds functions and method descriptors found on a class to the instance.
pub(crate) fn bind(v: Value, obj: &Value) -> Value {
    match v {
        Value::Function(_) => Value::BoundMethod(Ref::new(BoundMethod {
            func: v,
            this: obj.clone(),
        })),
        Value::Builtin(ref b) if !b.class_method => Value::BoundMethod(Ref::new(BoundMethod {
            func: v,
            this: obj.clone(),
        })),
        Value::Builtin(ref b) if b.class_method => {
            let cls = match obj {
                Value::Instance(i) => Value::Class(i.class.clone()),
                _ => obj.clone(),
            };
            Value::BoundMethod(Ref::new(BoundMethod { func: v, this: cls }))
        }
        v => v,
    }
}

/// LOAD_METHOD: finds a method without allocating a bound method in the common case.
pub fn lookup_method(vm: &mut Vm, obj: &Value, name: &Ref<PyStr>) -> PyResult<Method> {
    match obj {
        Value::Instance(inst) => {
            if !inst.attrs.lock().contains_key(&**name) {
                if let Some(v) = inst.class.lookup(name) {
                    if matches!(v, Value::Function(_))
                        || matches!(&v, Value::Builtin(b) if !b.class_method)
                    {
                        return Ok(Method::Unbound(v));
                    }
                }
            }
        }
        Value::Native(n) => {
            // Native objects find methods on their class before anything else (see
            // getattr_opt), except `super` objects.
            if n.obj.as_any().downcast_ref::<SuperObj>().is_none() {
                if let Some(v @ Value::Builtin(_)) = n.obj.class().lookup(name) {
                    if let Value::Builtin(b) = &v {
                        if !b.class_method {
                            return Ok(Method::Unbound(v));
                        }
                    }
                }
            }
        }
        Value::Class(_) | Value::Module(_) => {}
        _ => {
            let cls = vm.type_of(obj);
            if let Some(v @ Value::Builtin(_)) = cls.lookup(name) {
                if let Value::Builtin(b) = &v {
                    if !b.class_method {
                        return Ok(Method::Unbound(v));
                    }
                }
            }
        }
    }
    Ok(Method::Attr(vm.getattr(obj, name)?))
}

/// Zero-argument `super()`: the class comes from the `__class__` cell, the object from
/// the frame's first argument, as in CPython.
pub fn zero_arg_super(_vm: &mut Vm, f: &Frame) -> PyResult<Value> {
    let code = &f.code;
    let idx = code
        .freevars
        .iter()
        .position(|n| n == "__class__")
        .map(|i| i + code.cellvars.len());
    let cls = match idx.map(|i| f.cells[i].value.lock().clone()) {
        Some(Value::Class(c)) => c,
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
    Ok(make_super(cls, this))
}

pub fn make_super(start: Ref<Class>, this: Value) -> Value {
    Value::Native(Ref::new(Native {
        obj: Box::new(SuperObj { start, this }),
    }))
}

/// `co_flags` with CPython's bit values (asyncio.iscoroutinefunction and inspect read
/// them): gilvm's own flag bits are numbered differently.
fn cpython_co_flags(f: u32) -> i64 {
    use crate::bytecode::code::flags;
    let mut out = 0;
    if f & (flags::MODULE | flags::CLASS_BODY) == 0 {
        out |= 0x1 | 0x2; // CO_OPTIMIZED | CO_NEWLOCALS
    }
    if f & flags::VARARGS != 0 {
        out |= 0x4;
    }
    if f & flags::VARKEYWORDS != 0 {
        out |= 0x8;
    }
    if f & flags::ASYNC_GENERATOR != 0 {
        out |= 0x200;
    } else if f & flags::COROUTINE != 0 {
        out |= 0x80;
    } else if f & flags::GENERATOR != 0 {
        out |= 0x20;
    }
    out
}
