//! `_weakref`: the weak reference type (`weakref.ReferenceType`), `getweakrefcount`
//! and `getweakrefs`, on the per-object weakref lists of src/vm/gc.rs. `weakref.py`
//! builds proxies, `WeakMethod`, the weak containers and `finalize` on top.

use super::{bind, downcast, native, native_class};
use crate::vm::cell::GilCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::gc::{RawObj, WeakList, WeakRef};
use crate::vm::object::{Args, Class, DictObj, NativeObject};
use crate::vm::refcount::{Header, Ref};
use crate::vm::typeobj::flags;
use crate::vm::value::Value;
use crate::vm::Vm;
use std::sync::OnceLock;

impl NativeObject for WeakRef {
    fn class(&self) -> Ref<Class> {
        ref_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        // The referent is not visited: that reference is not counted.
        self.callback.with(|c| c.visit(visit));
    }
    fn clear(&self) {
        self.callback.set(Value::None);
    }
    fn predealloc(&self) {
        self.detach();
    }
}

fn ref_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let c = native_class(
        &C,
        "weakref",
        "ReferenceType",
        &[
            ("__new__", ref_new),
            ("__init__", ref_init),
            ("__call__", ref_call),
            ("__hash__", ref_hash),
            ("__eq__", ref_eq),
            ("__ne__", ref_ne),
            ("__repr__", ref_repr),
        ],
        &[],
    );
    // Subclassable, as CPython's (weakref.WeakMethod is one): a subclass instance
    // carries the weakref object as its payload and is itself what the referent's
    // list records and what the callback receives.
    c.set_flags(flags::BASETYPE);
    // A getset rather than an attribute the object computes: a subclass's
    // attribute lookup finds it in the type.
    crate::vm::descr::add_getsets(
        &c,
        "weakref.ReferenceType",
        &[(
            "__callback__",
            |_, o| {
                Ok(
                    downcast::<WeakRef>(o.payload())
                        .map_or(Value::None, |w| w.callback.get_clone()),
                )
            },
            None,
        )],
    );
    c
}

/// The list weakrefs to `obj` go in: `Ok(None)` for immortal objects (they never
/// die, and their memory is shared between interpreters, so nothing is recorded),
/// CPython's TypeError for objects that cannot be weakly referenced.
fn weaklist_of<'a>(vm: &mut Vm, obj: &'a Value) -> PyResult<Option<&'a WeakList>> {
    let ok = match obj {
        Value::Instance(i) => crate::vm::refcount::Ref::ty(i).has_flag(flags::WEAKREF),
        Value::Function(_)
        | Value::BoundMethod(_)
        | Value::Set(_)
        | Value::Generator(_)
        | Value::Class(_)
        | Value::Module(_)
        | Value::Code(_)
        | Value::Builtin(_) => true,
        Value::Native(n) => n.obj.weaklist().is_some(),
        _ => false,
    };
    if !ok {
        let t = vm.type_of(obj);
        return Err(PyErr::type_error(format!(
            "cannot create weak reference to '{}' object",
            t.name()
        )));
    }
    let h = obj.header().expect("heap object");
    if h.is_immortal() {
        return Ok(None);
    }
    Ok((h.ty().layout_fns().weaklist)(h))
}

/// `ob, callback=None` of `ref.__new__`/`__init__`: keywords are ignored, as by
/// CPython's (only a call of `ref` itself rejects them, before `__new__`).
fn ref_args<'a>(what: &str, args: &'a [Value]) -> PyResult<(&'a Value, Value)> {
    match args {
        [] => Err(PyErr::type_error(format!(
            "{what} expected at least 1 argument, got 0"
        ))),
        [ob] => Ok((ob, Value::None)),
        [ob, cb] => Ok((ob, cb.clone())),
        _ => Err(PyErr::type_error(format!(
            "{what} expected at most 2 arguments, got {}",
            args.len()
        ))),
    }
}

fn ref_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = &a.pos[1.min(a.pos.len())..];
    match a.pos.first() {
        Some(Value::Class(c)) if c.is_heap() => {
            let (ob, callback) = ref_args("__new__", args)?;
            make_subclass_ref(vm, c, ob, callback)
        }
        _ => {
            if !a.kw.is_empty() {
                return Err(PyErr::type_error("ref() takes no keyword arguments"));
            }
            let (ob, callback) = ref_args("__new__", args)?;
            make_ref(vm, ob, callback)
        }
    }
}

/// `ref.__init__(self, ob, callback=None)`: `__new__` did the work; the arguments
/// are only checked (so a subclass's `super().__init__(ob, cb)` works).
fn ref_init(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    ref_args("__init__", &a.pos[1.min(a.pos.len())..])?;
    Ok(Value::None)
}

/// An instance of a `ref` subclass: never shared, and recorded in the referent's
/// list by its own (outer) header, so callbacks and `getweakrefs` see the subclass
/// instance. It leaves the list when freed (`Instance`'s predealloc, object.rs).
fn make_subclass_ref(
    vm: &mut Vm,
    cls: &Ref<Class>,
    obj: &Value,
    callback: Value,
) -> PyResult<Value> {
    let wl = weaklist_of(vm, obj)?;
    let h = obj.header().expect("heap object");
    let inner = native(WeakRef {
        target: GilCell::new(RawObj(h as *const Header)),
        callback: GilCell::new(callback),
        hash: GilCell::new(None),
        me: GilCell::new(RawObj(std::ptr::null())),
    });
    let v = crate::vm::natives::wrap_for(cls, inner);
    let me = v.header().expect("heap object") as *const Header;
    let w = downcast::<WeakRef>(v.payload()).expect("a weakref");
    w.me.set(RawObj(me));
    // An immortal referent (no list) never dies: the ref needs no entry.
    if let Some(wl) = wl {
        wl.add(RawObj(me));
    }
    Ok(v)
}

/// `weakref.ref(obj, callback)`: a ref without callback is shared, as CPython's.
pub fn make_ref(vm: &mut Vm, obj: &Value, callback: Value) -> PyResult<Value> {
    let wl = weaklist_of(vm, obj)?;
    let h = obj.header().expect("heap object");
    if matches!(callback, Value::None) {
        if let Some(wl) = wl {
            for v in crate::vm::gc::live_weakrefs(wl) {
                if downcast::<WeakRef>(&v)
                    .is_some_and(|w| w.callback.with(|c| matches!(c, Value::None)))
                {
                    return Ok(v);
                }
            }
        }
    }
    let v = native(WeakRef {
        target: GilCell::new(RawObj(h as *const Header)),
        callback: GilCell::new(callback),
        hash: GilCell::new(None),
        me: GilCell::new(RawObj(std::ptr::null())),
    });
    let me = v.header().expect("heap object") as *const Header;
    let w = downcast::<WeakRef>(&v).expect("a weakref");
    w.me.set(RawObj(me));
    if let Some(wl) = wl {
        wl.add(RawObj(me));
    }
    Ok(v)
}

fn this<'a>(a: &Args<'a>) -> PyResult<&'a WeakRef> {
    a.pos
        .first()
        .and_then(|v| downcast::<WeakRef>(v.payload()))
        .ok_or_else(|| PyErr::type_error("descriptor requires a 'weakref.ReferenceType' object"))
}

fn ref_call(_: &mut Vm, a: Args) -> PyResult<Value> {
    let w = this(&a)?;
    if a.pos.len() > 1 || !a.kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "weakref() takes no arguments ({} given)",
            a.pos.len() - 1 + a.kw.len()
        )));
    }
    Ok(w.get().unwrap_or(Value::None))
}

fn ref_hash(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let w = this(&a)?;
    if let Some(h) = w.hash.get() {
        return Ok(Value::Int(h));
    }
    let Some(t) = w.get() else {
        return Err(PyErr::type_error("weak object has gone away"));
    };
    let h = vm.hash(&t)?;
    w.hash.set(Some(h));
    Ok(Value::Int(h))
}

fn ref_eq(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let w = this(&a)?;
    let Some(o) = a.pos.get(1).and_then(|v| downcast::<WeakRef>(v.payload())) else {
        return Ok(crate::vm::ops::not_implemented());
    };
    match (w.get(), o.get()) {
        (Some(x), Some(y)) => vm.eq(&x, &y).map(Value::Bool),
        _ => Ok(Value::Bool(a.pos[0].ptr_eq(&a.pos[1]))),
    }
}

fn ref_ne(vm: &mut Vm, a: Args) -> PyResult<Value> {
    match ref_eq(vm, a)? {
        Value::Bool(b) => Ok(Value::Bool(!b)),
        other => Ok(other),
    }
}

fn ref_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let w = this(&a)?;
    let me = a.pos[0].header().map_or(0, |h| h.addr());
    let Some(t) = w.get() else {
        return Ok(Value::str(&format!("<weakref at {me:#x}; dead>")));
    };
    let tn = vm.type_of(&t).name().to_string();
    let addr = t.header().map_or(0, |h| h.addr());
    let name = match vm.getattr_opt(&t, &crate::vm::value::intern("__name__"))? {
        Some(n) => format!(" ({})", vm.str(&n)?),
        None => String::new(),
    };
    Ok(Value::str(&format!(
        "<weakref at {me:#x}; to '{tn}' at {addr:#x}{name}>"
    )))
}

fn getweakrefcount(_: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&a, "getweakrefcount", &["object"], 1, 1)?;
    let obj = p[0].expect("required");
    let n = obj
        .header()
        .and_then(|h| (h.ty().layout_fns().weaklist)(h))
        .map_or(0, |wl| wl.refs().len());
    Ok(Value::Int(n as i64))
}

fn getweakrefs(_: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&a, "getweakrefs", &["object"], 1, 1)?;
    let obj = p[0].expect("required");
    let out = obj
        .header()
        .and_then(|h| (h.ty().layout_fns().weaklist)(h))
        .map(crate::vm::gc::live_weakrefs)
        .unwrap_or_default();
    Ok(Value::list(out))
}

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    let f = crate::vm::builtins::builtin;
    let cls = Value::Class(ref_class());
    d.set_str("ref", cls.clone());
    d.set_str("ReferenceType", cls);
    d.set_str("getweakrefcount", f("getweakrefcount", getweakrefcount));
    d.set_str("getweakrefs", f("getweakrefs", getweakrefs));
    Ok(())
}
