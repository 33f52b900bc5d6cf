//! `mappingproxy`: the read-only live view CPython gives as `C.__dict__` and as
//! `types.MappingProxyType(mapping)`.
//!
//! A class's namespace is not a dict object here (it is the type's attribute
//! table), so a proxy of a class reads a fresh dict of the table on every
//! operation: that is what makes it live (it sees later writes to the class)
//! without a second copy of the namespace to keep in step. A proxy of a mapping
//! forwards to the mapping itself.

use super::errors::{PyErr, PyResult};
use super::modules::{downcast, native, native_class};
use super::object::*;
use super::refcount::{Header, Ref};
use super::typeobj::TypeObj;
use super::value::Value;
use super::Vm;
use std::sync::OnceLock;

#[derive(Debug)]
struct MappingProxy {
    /// `Value::Class` for a class's `__dict__`, else the wrapped mapping.
    target: Value,
}

impl NativeObject for MappingProxy {
    fn class(&self) -> Ref<Class> {
        proxy_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.target.visit(visit);
    }
}

/// `C.__dict__`.
pub fn of_class(c: &Ref<TypeObj>) -> Value {
    native(MappingProxy {
        target: Value::Class(c.clone()),
    })
}

/// A dict holding what the class's namespace holds now.
fn class_snapshot(c: &Ref<TypeObj>) -> Value {
    let mut map = DictMap::default();
    for (k, v) in c.attrs().lock().iter() {
        map.insert(
            HKey {
                hash: k.py_hash(),
                key: Value::Str(k.clone()),
            },
            v.clone(),
        );
    }
    Value::dict(map)
}

fn proxy_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", proxy_new),
        ("__getitem__", |vm, a| forward(vm, a, "__getitem__")),
        ("__contains__", |vm, a| forward(vm, a, "__contains__")),
        ("__iter__", |vm, a| forward(vm, a, "__iter__")),
        ("__len__", |vm, a| forward(vm, a, "__len__")),
        ("__reversed__", |vm, a| forward(vm, a, "__reversed__")),
        ("__eq__", |vm, a| forward(vm, a, "__eq__")),
        ("__ne__", |vm, a| forward(vm, a, "__ne__")),
        ("__or__", proxy_or),
        ("__ror__", proxy_ror),
        ("__str__", |vm, a| forward(vm, a, "__str__")),
        ("__repr__", proxy_repr),
        ("get", |vm, a| forward(vm, a, "get")),
        ("keys", |vm, a| forward(vm, a, "keys")),
        ("values", |vm, a| forward(vm, a, "values")),
        ("items", |vm, a| forward(vm, a, "items")),
        ("copy", |vm, a| forward(vm, a, "copy")),
    ];
    // CPython's type is `builtins.mappingproxy`, shown as plain 'mappingproxy'.
    let c = native_class(&C, "builtins", "mappingproxy", methods, &[]);
    c.set_name("mappingproxy");
    // As CPython's: the hash is the mapping's (a dict's is an error).
    Class::set_attr(
        &c,
        super::value::intern("__hash__"),
        Value::Builtin(Ref::new(Builtin {
            name: "__hash__",
            func: |vm, a| forward(vm, a, "__hash__"),
            class_method: false,
            weaklist: Default::default(),
        })),
    );
    c
}

/// The proxy receiving a method call, with CPython's descriptor message.
fn this<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a MappingProxy> {
    let v = a.pos.first().ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{meth}' of 'mappingproxy' object needs an argument"
        ))
    })?;
    downcast::<MappingProxy>(v.payload()).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{meth}' for 'mappingproxy' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

/// What the proxy's operations read: the class's namespace as a dict, or the mapping.
fn base(p: &MappingProxy) -> Value {
    match &p.target {
        Value::Class(c) => class_snapshot(c),
        m => m.clone(),
    }
}

/// `proxy.NAME(*args)` as `mapping.NAME(*args)`.
fn forward(vm: &mut Vm, a: Args, name: &str) -> PyResult<Value> {
    let p = this(vm, &a, name)?;
    let b = base(p);
    let f = vm.getattr_str(&b, name)?;
    vm.call(&f, &a.pos[1..], a.kw)
}

fn proxy_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = this(vm, &a, "__repr__")?;
    let b = base(p);
    let r = vm.repr(&b)?;
    Ok(Value::str(&format!("mappingproxy({r})")))
}

/// `proxy | other`: a new dict, as CPython's (`dict(proxy) | other`).
fn proxy_or(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = this(vm, &a, "__or__")?;
    let copy = base(p);
    let f = vm.getattr_str(&copy, "copy")?;
    let copy = vm.call(&f, &[], &[])?;
    let f = vm.getattr_str(&copy, "__or__")?;
    vm.call(&f, &a.pos[1..], a.kw)
}

fn proxy_ror(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = this(vm, &a, "__ror__")?;
    let copy = base(p);
    let f = vm.getattr_str(&copy, "copy")?;
    let copy = vm.call(&f, &[], &[])?;
    let f = vm.getattr_str(&copy, "__ror__")?;
    vm.call(&f, &a.pos[1..], a.kw)
}

/// `mappingproxy(mapping)`: CPython's check is "a mapping and not a list or tuple".
fn proxy_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() && a.kw.iter().any(|(k, _)| k.as_str() != "mapping") {
        return Err(PyErr::type_error(format!(
            "mappingproxy() got an unexpected keyword argument '{}'",
            a.kw[0].0.as_str()
        )));
    }
    let mut given: Vec<Value> = a.pos.iter().skip(1).cloned().collect();
    given.extend(a.kw.iter().map(|(_, v)| v.clone()));
    if given.len() != 1 {
        return Err(PyErr::type_error(
            "mappingproxy() missing required argument 'mapping' (pos 1)".to_string(),
        ));
    }
    let m = given.pop().unwrap();
    let is_mapping = !matches!(m, Value::List(_) | Value::Tuple(_))
        && vm.getattr_str(&m, "__getitem__").is_ok()
        && vm.getattr_str(&m, "keys").is_ok();
    if !is_mapping {
        return Err(PyErr::type_error(format!(
            "mappingproxy() argument must be a mapping, not {}",
            vm.type_name(&m)
        )));
    }
    Ok(native(MappingProxy { target: m }))
}
