//! Attribute lookup with descriptors, as CPython's `object.__getattribute__` and
//! `type.__getattribute__` do it (data descriptors first, then the instance's
//! `__dict__`, then other class attributes, then `__get__` binding), and the
//! descriptor objects themselves: slot wrappers (`int.__add__`), getset and member
//! descriptors, `property`, `classmethod`, `staticmethod` and `super`.

use super::cell::GilCell;
use super::dispatch::type_ref;
use super::errors::{PyErr, PyResult};
use super::object::*;
use super::refcount::{Header, Ref};
use super::slots::{self as sl, SlotId, Slots};
use super::typeobj::TypeObj;
use super::types::types;
use super::value::{PyStr, Value};
use super::Vm;
use crate::bytecode::{BinaryOp, CompareOp};

type Kw<'a> = &'a [(Ref<PyStr>, Value)];

/// `descr.__get__(obj, owner)` if `descr`'s type has the slot, else `descr` itself.
pub fn bind(vm: &mut Vm, descr: &Value, obj: Option<&Value>, owner: &Value) -> PyResult<Value> {
    match type_ref(descr).slots.descr_get.get() {
        Some(f) => f(vm, descr, obj, owner),
        None => Ok(descr.clone()),
    }
}

/// The `__dict__` of an object that has one (instances, functions, modules).
pub fn object_dict(v: &Value) -> Option<Ref<DictObj>> {
    match v {
        Value::Instance(i) => i.dict(),
        Value::Function(f) => Some(f.dict()),
        Value::Module(m) => Some(m.dict.clone()),
        _ => None,
    }
}

/// `object.__getattribute__`: data descriptors on the type, then the object's
/// `__dict__`, then non-data descriptors (bound) and plain class attributes.
pub fn generic_getattr(vm: &mut Vm, obj: &Value, name: &Ref<PyStr>) -> PyResult<Option<Value>> {
    let ty = type_ref(obj).clone();
    let descr = ty.lookup(name);
    generic_getattr_found(vm, obj, ty, name, descr)
}

/// The rest of `generic_getattr` once the type's lookup of `name` gave `descr` (the
/// eval loop's LOAD_ATTR remembers that lookup per instruction).
pub fn generic_getattr_found(
    vm: &mut Vm,
    obj: &Value,
    ty: Ref<TypeObj>,
    name: &Ref<PyStr>,
    descr: Option<Value>,
) -> PyResult<Option<Value>> {
    let mut getter = None;
    if let Some(d) = &descr {
        let dt = type_ref(d);
        if let Some(g) = dt.slots.descr_get.get() {
            if dt.slots.descr_set.get().is_some() {
                return g(vm, d, Some(obj), &Value::Class(ty)).map(Some);
            }
            getter = Some(g);
        }
    }
    let found = match obj {
        Value::Instance(i) => i.get(name),
        Value::Function(f) => f.dict.get_clone().and_then(|d| d.get_str(name)),
        Value::Module(m) => m.dict.get_str(name),
        _ => None,
    };
    if found.is_some() {
        return Ok(found);
    }
    match (getter, descr) {
        (Some(g), Some(d)) => g(vm, &d, Some(obj), &Value::Class(ty)).map(Some),
        (None, Some(d)) => Ok(Some(d)),
        _ => Ok(None),
    }
}

/// `object.__setattr__` / `__delattr__`: a data descriptor on the type, else the
/// object's `__dict__`.
pub fn generic_setattr(
    vm: &mut Vm,
    obj: &Value,
    name: &Ref<PyStr>,
    v: Option<Value>,
) -> PyResult<()> {
    let ty = type_ref(obj).clone();
    if let Some(d) = ty.lookup(name) {
        if let Some(set) = type_ref(&d).slots.descr_set.get() {
            return set(vm, &d, obj, v);
        }
    }
    if let Value::Instance(i) = obj {
        if !i.has_dict() {
            return Err(no_attr(&ty, name));
        }
        return match v {
            Some(v) => {
                i.set(name, v);
                Ok(())
            }
            None => match i.remove(name) {
                Some(old) => {
                    drop(old);
                    Ok(())
                }
                None => Err(no_attr(&ty, name)),
            },
        };
    }
    let dict = match obj {
        Value::Function(f) => Some(f.dict()),
        _ => None,
    };
    let Some(dict) = dict else {
        return Err(no_attr(&ty, name));
    };
    match v {
        Some(v) => {
            dict.set_pystr(name, v);
            Ok(())
        }
        None => match dict.del_str(name) {
            Some(old) => {
                drop(old);
                Ok(())
            }
            None => Err(no_attr(&ty, name)),
        },
    }
}

fn no_attr(ty: &TypeObj, name: &PyStr) -> PyErr {
    PyErr::attribute_error(format!(
        "'{}' object has no attribute '{}'",
        ty.name(),
        name.as_str()
    ))
}

/// `type.__getattribute__`: data descriptors on the metatype, then the class's MRO
/// (descriptors bound with no instance), then the metatype's other attributes.
pub fn type_getattro(vm: &mut Vm, obj: &Value, name: &Ref<PyStr>) -> PyResult<Option<Value>> {
    let Value::Class(cls) = obj else {
        return generic_getattr(vm, obj, name);
    };
    let meta = type_ref(obj).clone();
    let meta_attr = meta.lookup(name);
    let mut meta_get = None;
    if let Some(m) = &meta_attr {
        let mt = type_ref(m);
        if let Some(g) = mt.slots.descr_get.get() {
            if mt.slots.descr_set.get().is_some() {
                return g(vm, m, Some(obj), &Value::Class(meta)).map(Some);
            }
            meta_get = Some(g);
        }
    }
    if let Some(a) = cls.lookup(name) {
        return match type_ref(&a).slots.descr_get.get() {
            Some(g) => g(vm, &a, None, obj).map(Some),
            None => Ok(Some(a)),
        };
    }
    match (meta_get, meta_attr) {
        (Some(g), Some(m)) => g(vm, &m, Some(obj), &Value::Class(meta)).map(Some),
        (None, Some(m)) => Ok(Some(m)),
        _ => Ok(None),
    }
}

/// `type.__setattr__`: built-in types are immutable; a heap type's namespace changes
/// (with version tags and slots updated).
pub fn type_setattro(
    vm: &mut Vm,
    obj: &Value,
    name: &Ref<PyStr>,
    v: Option<Value>,
) -> PyResult<()> {
    let Value::Class(cls) = obj else {
        return generic_setattr(vm, obj, name, v);
    };
    let meta = type_ref(obj).clone();
    if let Some(d) = meta.lookup(name) {
        if let Some(set) = type_ref(&d).slots.descr_set.get() {
            return set(vm, &d, obj, v);
        }
    }
    if !cls.is_heap() {
        return Err(PyErr::type_error(format!(
            "cannot set '{}' attribute of immutable type '{}'",
            name.as_str(),
            cls.name()
        )));
    }
    if name.as_str() == "__abstractmethods__" {
        // As CPython's setter: the flag `object.__new__` checks follows the value.
        let abstract_ = match &v {
            Some(x) => vm.truthy(x)?,
            None => false,
        };
        if abstract_ {
            cls.set_flags(super::typeobj::flags::IS_ABSTRACT);
        } else {
            cls.clear_own_flags(super::typeobj::flags::IS_ABSTRACT);
        }
    }
    match v {
        Some(v) => {
            TypeObj::set_attr(cls, name.clone(), v);
            Ok(())
        }
        None => match TypeObj::del_attr(cls, name) {
            Some(_) => Ok(()),
            None => Err(PyErr::attribute_error(format!(
                "type object '{}' has no attribute '{}'",
                cls.name(),
                name.as_str()
            ))),
        },
    }
}

pub fn module_getattro(vm: &mut Vm, obj: &Value, name: &Ref<PyStr>) -> PyResult<Option<Value>> {
    let Value::Module(m) = obj else {
        return generic_getattr(vm, obj, name);
    };
    if let Some(v) = m.dict.get_str(name) {
        return Ok(Some(v));
    }
    if let Some(v) = generic_getattr(vm, obj, name)? {
        return Ok(Some(v));
    }
    // PEP 562: a module-level `__getattr__` is asked for what the module lacks (also
    // by `from m import name`, which comes through here); what it raises propagates.
    match m.dict.get_str(&super::value::intern("__getattr__")) {
        Some(hook) => vm.call(&hook, &[Value::Str(name.clone())], &[]).map(Some),
        None => Ok(None),
    }
}

/// `types.ModuleType(name, doc=None)`: a module with the attributes CPython's
/// `module.__init__` gives one (`__name__ __doc__ __package__ __loader__ __spec__`).
pub fn module_new(_vm: &mut Vm, _cls: &Ref<TypeObj>, args: &[Value], kw: Kw) -> PyResult<Value> {
    let mut name = args.first().cloned();
    let mut doc = args.get(1).cloned();
    if args.len() > 2 {
        return Err(PyErr::type_error(format!(
            "module() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    for (k, v) in kw {
        let slot = match k.as_str() {
            "name" => &mut name,
            "doc" => &mut doc,
            other => {
                return Err(PyErr::type_error(format!(
                    "module() got an unexpected keyword argument '{other}'"
                )))
            }
        };
        if slot.is_some() {
            return Err(PyErr::type_error(format!(
                "argument for module() given by name ('{}') and position",
                k.as_str()
            )));
        }
        *slot = Some(v.clone());
    }
    let name = match name {
        Some(Value::Str(s)) => s,
        Some(other) => {
            return Err(PyErr::type_error(format!(
                "module() argument 'name' must be str, not {}",
                type_ref(&other).name()
            )))
        }
        None => {
            return Err(PyErr::type_error(
                "module() missing required argument 'name' (pos 1)",
            ))
        }
    };
    let dict = Ref::new(DictObj::new(Default::default()));
    dict.set_str("__name__", Value::Str(name.clone()));
    dict.set_str("__doc__", doc.unwrap_or(Value::None));
    for k in ["__package__", "__loader__", "__spec__"] {
        dict.set_str(k, Value::None);
    }
    Ok(Value::Module(Ref::new(Module {
        name: name.as_str().to_string(),
        dict,
        weaklist: Default::default(),
    })))
}

/// `types.MethodType(func, obj)`: a bound method, with CPython's checks.
pub fn method_new(_vm: &mut Vm, _cls: &Ref<TypeObj>, args: &[Value], kw: Kw) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(PyErr::type_error("method() takes no keyword arguments"));
    }
    let [func, this] = args else {
        return Err(PyErr::type_error(format!(
            "method expected 2 arguments, got {}",
            args.len()
        )));
    };
    if !super::builtins::functions::is_callable(_vm, func) {
        return Err(PyErr::type_error("first argument must be callable"));
    }
    if matches!(this, Value::None) {
        return Err(PyErr::type_error("instance must not be None"));
    }
    Ok(Value::BoundMethod(Ref::new(BoundMethod {
        func: func.clone(),
        this: this.clone(),
        weaklist: Default::default(),
    })))
}

pub fn module_setattro(
    vm: &mut Vm,
    obj: &Value,
    name: &Ref<PyStr>,
    v: Option<Value>,
) -> PyResult<()> {
    let Value::Module(m) = obj else {
        return generic_setattr(vm, obj, name, v);
    };
    match v {
        Some(v) => {
            m.dict.set_pystr(name, v);
            Ok(())
        }
        None => match m.dict.del_str(name) {
            Some(_) => Ok(()),
            None => Err(PyErr::attribute_error(format!(
                "module '{}' has no attribute '{}'",
                m.name,
                name.as_str()
            ))),
        },
    }
}

/// Bound methods: their own attributes (`__self__`, `__func__`), then the function's.
pub fn method_getattro(vm: &mut Vm, obj: &Value, name: &Ref<PyStr>) -> PyResult<Option<Value>> {
    if let Some(v) = generic_getattr(vm, obj, name)? {
        return Ok(Some(v));
    }
    match obj {
        Value::BoundMethod(bm) => {
            let f = bm.func.clone();
            vm.getattr_opt(&f, name)
        }
        _ => Ok(None),
    }
}

/// Functions are non-data descriptors: through an instance they bind.
pub fn function_get(
    _vm: &mut Vm,
    f: &Value,
    obj: Option<&Value>,
    _owner: &Value,
) -> PyResult<Value> {
    Ok(match obj {
        None => f.clone(),
        Some(o) => Value::BoundMethod(Ref::new(BoundMethod {
            func: f.clone(),
            this: o.clone(),
            weaklist: Default::default(),
        })),
    })
}

/// Native methods (`list.append`) bind like functions.
pub fn method_descr_get(
    vm: &mut Vm,
    f: &Value,
    obj: Option<&Value>,
    owner: &Value,
) -> PyResult<Value> {
    function_get(vm, f, obj, owner)
}

/// Native class methods (`dict.fromkeys`) bind to the class.
pub fn classmethod_descr_get(
    vm: &mut Vm,
    f: &Value,
    obj: Option<&Value>,
    owner: &Value,
) -> PyResult<Value> {
    let cls = match (obj, owner) {
        (_, Value::Class(_)) => owner.clone(),
        (Some(o), _) => Value::Class(vm.type_of(o)),
        _ => owner.clone(),
    };
    Ok(Value::BoundMethod(Ref::new(BoundMethod {
        func: f.clone(),
        this: cls,
        weaklist: Default::default(),
    })))
}

/// A classmethod found on a class, bound to it (`__class_getitem__`,
/// `__init_subclass__` are implicit classmethods).
pub fn bind_classmethod(f: &Value, cls: &Value) -> Value {
    let func = match native_as::<ClassMethodObj>(f) {
        Some(cm) => cm.func.get_clone(),
        None => f.clone(),
    };
    Value::BoundMethod(Ref::new(BoundMethod {
        func,
        this: cls.clone(),
        weaklist: Default::default(),
    }))
}

/// The function inside a `staticmethod` (`__new__` is one implicitly).
pub fn unwrap_staticmethod(f: &Value) -> Value {
    match native_as::<StaticMethodObj>(f) {
        Some(sm) => sm.func.get_clone(),
        None => f.clone(),
    }
}

/// The native object behind `v`, looking through a subclass instance to its payload
/// (`class P(property)`: the instance's built-in part is the `PropertyObj`).
fn native_as<T: 'static>(v: &Value) -> Option<&T> {
    match v.payload() {
        Value::Native(n) => n.downcast::<T>(),
        _ => None,
    }
}

// ----- slot wrappers ----------------------------------------------------------------

/// `int.__add__`, `object.__init__`, ...: a built-in type's slot as a method.
#[derive(Debug)]
pub struct SlotWrapper {
    pub owner: Ref<TypeObj>,
    pub name: &'static str,
    pub id: SlotId,
}

impl NativeObject for SlotWrapper {
    fn class(&self) -> Ref<TypeObj> {
        types().wrapper_descriptor.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self) -> Option<String> {
        Some(format!(
            "<slot wrapper '{}' of '{}' objects>",
            self.name,
            self.owner.name()
        ))
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit(Ref::header(&self.owner));
    }
}

/// Whether `f` is a slot wrapper of a built-in type for slot `id`.
pub fn is_native_wrapper(f: &Value, id: SlotId) -> bool {
    native_as::<SlotWrapper>(f).is_some_and(|w| w.id == id)
}

pub fn is_slot_wrapper(f: &Value) -> bool {
    native_as::<SlotWrapper>(f).is_some()
}

pub fn wrapper_slots(s: &Slots) {
    s.call.set(Some(wrapper_call));
    s.descr_get.set(Some(function_get));
    s.repr.set(Some(super::natives::native_repr_any));
}

/// Extra dunders for the sequence slots, which have no `SLOTDEFS` entry (a class's
/// `__add__` fills the number slot; the built-in sequence types expose theirs so).
const SEQ_DUNDERS: &[(&str, u8)] = &[
    ("__add__", 0),
    ("__mul__", 1),
    ("__rmul__", 1),
    ("__iadd__", 2),
    ("__imul__", 3),
];

/// Puts a wrapper in `ty`'s namespace for every native slot it defines itself (not
/// inherited from its base), unless a method of that name is already there.
pub fn add_operators(ty: &Ref<TypeObj>) {
    let base = ty.base.clone();
    let own = |id: SlotId| -> bool {
        let mine = slot_addr(&ty.slots, id);
        mine.is_some()
            && base
                .as_ref()
                .is_none_or(|b| slot_addr(&b.slots, id) != mine)
    };
    let mut add: Vec<(&'static str, SlotId)> = Vec::new();
    for (id, names) in sl::slots_with_dunders() {
        if own(*id) {
            add.extend(
                names
                    .iter()
                    .filter(|n| **n != "__getattr__")
                    .map(|n| (*n, *id)),
            );
        }
    }
    for &(name, which) in SEQ_DUNDERS {
        let id = SlotId::Seq(which);
        if own(id) && !add.iter().any(|(n, _)| *n == name) {
            add.push((name, id));
        }
    }
    let mut attrs = ty.raw_attrs().lock();
    for (name, id) in add {
        let key = super::value::intern(name);
        if attrs.contains_key(&key) {
            continue;
        }
        // An unhashable type's `__hash__` is None, as CPython's (`list.__hash__`):
        // collections.abc.Hashable and `__hash__ is None` checks read it.
        if matches!(id, SlotId::Hash)
            && ty.slots.hash.get().map(|f| f as usize)
                == Some(sl::hash_unhashable as sl::HashFn as usize)
        {
            attrs.insert(key, Value::None);
            continue;
        }
        let w = Value::Native(Ref::new(Native {
            obj: Box::new(SlotWrapper {
                owner: ty.clone(),
                name,
                id,
            }),
        }));
        attrs.insert(key, w);
    }
    drop(attrs);
    ty.modified();
}

fn slot_addr(s: &Slots, id: SlotId) -> Option<usize> {
    sl::slot_word(s, id)
}

fn arity(name: &str, args: &[Value], n: usize) -> PyResult<()> {
    if args.len() != n {
        return Err(PyErr::type_error(format!(
            "expected {} argument{}, got {}",
            n,
            if n == 1 { "" } else { "s" },
            args.len()
        )));
    }
    let _ = name;
    Ok(())
}

fn compare_op_of(name: &str) -> CompareOp {
    match name {
        "__lt__" => CompareOp::Lt,
        "__le__" => CompareOp::Le,
        "__eq__" => CompareOp::Eq,
        "__ne__" => CompareOp::Ne,
        "__gt__" => CompareOp::Gt,
        _ => CompareOp::Ge,
    }
}

/// Calls a slot wrapper: `args[0]` is the object (checked against the owner type),
/// the rest are the dunder's arguments.
fn wrapper_call(vm: &mut Vm, f: &Value, args: &[Value], kw: Kw) -> PyResult<Value> {
    let Some(w) = native_as::<SlotWrapper>(f) else {
        return Err(PyErr::type_error("not a slot wrapper"));
    };
    let (owner, name, id) = (w.owner.clone(), w.name, w.id);
    let Some(this) = args.first() else {
        return Err(PyErr::type_error(format!(
            "descriptor '{name}' of '{}' object needs an argument",
            owner.name()
        )));
    };
    let rest = &args[1..];
    if id == SlotId::New {
        return wrapper_new(vm, &owner, this, rest, kw);
    }
    if !type_ref(this).is_subclass(&owner) {
        return Err(PyErr::type_error(format!(
            "descriptor '{name}' requires a '{}' object but received a '{}'",
            owner.name(),
            vm.type_name(this)
        )));
    }
    if !kw.is_empty() && !matches!(id, SlotId::Init | SlotId::Call) {
        return Err(PyErr::type_error(format!(
            "wrapper {name}() takes no keyword arguments"
        )));
    }
    let s = &owner.slots;
    let missing = || PyErr::type_error(format!("'{}' has no slot {name}", owner.name()));
    match id {
        SlotId::Binop(i) => {
            arity(name, rest, 1)?;
            let op = BinaryOp::ALL[i];
            let f = s.binop[i].get().ok_or_else(missing)?;
            if sl::binop_dunders(op).1 == name {
                f(vm, op, &rest[0], this)
            } else {
                f(vm, op, this, &rest[0])
            }
        }
        SlotId::Inplace(i) => {
            arity(name, rest, 1)?;
            let op = BinaryOp::ALL[i + sl::NB];
            let f = s.inplace[i].get().ok_or_else(missing)?;
            f(vm, op, this, &rest[0])
        }
        SlotId::Seq(which) => {
            arity(name, rest, 1)?;
            let f = match which {
                0 => s.concat.get(),
                1 => s.repeat.get(),
                2 => s.inplace_concat.get(),
                _ => s.inplace_repeat.get(),
            }
            .ok_or_else(missing)?;
            if which == 1 || which == 3 {
                if type_ref(&rest[0]).slots.index.get().is_none() {
                    return Ok(super::ops::not_implemented());
                }
            }
            f(vm, this, &rest[0])
        }
        SlotId::Neg
        | SlotId::Pos
        | SlotId::Invert
        | SlotId::Abs
        | SlotId::Index
        | SlotId::Int
        | SlotId::Float
        | SlotId::Repr
        | SlotId::Str
        | SlotId::Iter => {
            arity(name, rest, 0)?;
            let f = match id {
                SlotId::Neg => s.neg.get(),
                SlotId::Pos => s.pos.get(),
                SlotId::Invert => s.invert.get(),
                SlotId::Abs => s.abs.get(),
                SlotId::Index => s.index.get(),
                SlotId::Int => s.int.get(),
                SlotId::Float => s.float.get(),
                SlotId::Repr => s.repr.get(),
                SlotId::Str => s.str.get(),
                _ => s.iter.get(),
            }
            .ok_or_else(missing)?;
            f(vm, this)
        }
        SlotId::Bool => {
            arity(name, rest, 0)?;
            Ok(Value::Bool(s.bool.get().ok_or_else(missing)?(vm, this)?))
        }
        SlotId::Compare => {
            arity(name, rest, 1)?;
            s.compare.get().ok_or_else(missing)?(vm, this, &rest[0], compare_op_of(name))
        }
        SlotId::Hash => {
            arity(name, rest, 0)?;
            Ok(Value::Int(s.hash.get().ok_or_else(missing)?(vm, this)?))
        }
        SlotId::Len => {
            arity(name, rest, 0)?;
            Ok(Value::Int(
                s.len.get().ok_or_else(missing)?(vm, this)? as i64
            ))
        }
        SlotId::GetItem => {
            arity(name, rest, 1)?;
            s.getitem.get().ok_or_else(missing)?(vm, this, &rest[0])
        }
        SlotId::SetItem => {
            let f = s.setitem.get().ok_or_else(missing)?;
            if name == "__setitem__" {
                arity(name, rest, 2)?;
                f(vm, this, &rest[0], Some(rest[1].clone()))?;
            } else {
                arity(name, rest, 1)?;
                f(vm, this, &rest[0], None)?;
            }
            Ok(Value::None)
        }
        SlotId::Contains => {
            arity(name, rest, 1)?;
            Ok(Value::Bool(s.contains.get().ok_or_else(missing)?(
                vm, this, &rest[0],
            )?))
        }
        SlotId::Next => {
            arity(name, rest, 0)?;
            match s.next.get().ok_or_else(missing)?(vm, this)? {
                Some(v) => Ok(v),
                None => Err(PyErr::stop_iteration(Value::None)),
            }
        }
        SlotId::GetAttr => {
            arity(name, rest, 1)?;
            let n = attr_name(vm, &rest[0])?;
            match s.getattr.get().ok_or_else(missing)?(vm, this, &n)? {
                Some(v) => Ok(v),
                None => Err(vm.no_attribute(this, n.as_str())),
            }
        }
        SlotId::SetAttr => {
            let f = s.setattr.get().ok_or_else(missing)?;
            if name == "__setattr__" {
                arity(name, rest, 2)?;
                let n = attr_name(vm, &rest[0])?;
                f(vm, this, &n, Some(rest[1].clone()))?;
            } else {
                arity(name, rest, 1)?;
                let n = attr_name(vm, &rest[0])?;
                f(vm, this, &n, None)?;
            }
            Ok(Value::None)
        }
        SlotId::Call => s.call.get().ok_or_else(missing)?(vm, this, rest, kw),
        SlotId::DescrGet => {
            if rest.is_empty() || rest.len() > 2 {
                return Err(PyErr::type_error(format!(
                    "expected 1 or 2 arguments, got {}",
                    rest.len()
                )));
            }
            let obj = (!matches!(rest[0], Value::None)).then(|| &rest[0]);
            let owner = match rest.get(1) {
                Some(o) => o.clone(),
                None => Value::Class(vm.type_of(&rest[0])),
            };
            s.descr_get.get().ok_or_else(missing)?(vm, this, obj, &owner)
        }
        SlotId::DescrSet => {
            let f = s.descr_set.get().ok_or_else(missing)?;
            if name == "__set__" {
                arity(name, rest, 2)?;
                f(vm, this, &rest[0], Some(rest[1].clone()))?;
            } else {
                arity(name, rest, 1)?;
                f(vm, this, &rest[0], None)?;
            }
            Ok(Value::None)
        }
        SlotId::Init => {
            s.init.get().ok_or_else(missing)?(vm, this, rest, kw)?;
            Ok(Value::None)
        }
        SlotId::Del => {
            arity(name, rest, 0)?;
            s.del.get().ok_or_else(missing)?(vm, this)?;
            Ok(Value::None)
        }
        SlotId::New => unreachable!("handled above"),
    }
}

fn attr_name(vm: &Vm, v: &Value) -> PyResult<Ref<PyStr>> {
    match v.payload() {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(PyErr::type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// `T.__new__(cls, ...)` for a built-in `T`: `cls` must be a subtype of `T`, and `T`
/// must be the built-in type that `cls`'s layout comes from (CPython's "is not safe").
fn wrapper_new(
    vm: &mut Vm,
    owner: &Ref<TypeObj>,
    cls: &Value,
    rest: &[Value],
    kw: Kw,
) -> PyResult<Value> {
    let oname = owner.name();
    let Value::Class(c) = cls else {
        return Err(PyErr::type_error(format!(
            "{oname}.__new__(X): X is not a type object ({})",
            vm.type_name(cls)
        )));
    };
    if !c.is_subclass(owner) {
        return Err(PyErr::type_error(format!(
            "{oname}.__new__({}): {} is not a subtype of {oname}",
            c.name(),
            c.name()
        )));
    }
    let mut static_base = c.clone();
    while static_base.is_heap() {
        match static_base.base.clone() {
            Some(b) => static_base = b,
            None => break,
        }
    }
    let mine = owner.slots.new.get().map(|f| f as usize);
    if static_base.slots.new.get().map(|f| f as usize) != mine {
        return Err(PyErr::type_error(format!(
            "{oname}.__new__({}) is not safe, use {}.__new__()",
            c.name(),
            static_base.name()
        )));
    }
    let Some(f) = owner.slots.new.get() else {
        return Err(PyErr::type_error(format!(
            "cannot create '{oname}' instances"
        )));
    };
    f(vm, c, rest, kw)
}

// ----- getset and member descriptors ------------------------------------------------

pub type Getter = fn(&mut Vm, &Value) -> PyResult<Value>;
pub type Setter = fn(&mut Vm, &Value, Option<Value>) -> PyResult<()>;

/// An attribute computed by Rust code (`function.__name__`, `type.__mro__`,
/// `BaseException.args`, ...): a data descriptor, read-only when it has no setter.
#[derive(Debug)]
pub struct GetSet {
    pub name: &'static str,
    pub owner: &'static str,
    pub get: Getter,
    pub set: Option<Setter>,
}

impl NativeObject for GetSet {
    fn class(&self) -> Ref<TypeObj> {
        types().getset_descriptor.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self) -> Option<String> {
        Some(format!(
            "<attribute '{}' of '{}' objects>",
            self.name, self.owner
        ))
    }
}

pub fn getset_slots(s: &Slots) {
    s.descr_get.set(Some(getset_get));
    s.descr_set.set(Some(getset_set));
    s.repr.set(Some(super::natives::native_repr_any));
}

fn getset_get(vm: &mut Vm, d: &Value, obj: Option<&Value>, _owner: &Value) -> PyResult<Value> {
    let Some(g) = native_as::<GetSet>(d) else {
        return Ok(d.clone());
    };
    match obj {
        None => Ok(d.clone()),
        Some(o) => (g.get)(vm, o),
    }
}

fn getset_set(vm: &mut Vm, d: &Value, obj: &Value, v: Option<Value>) -> PyResult<()> {
    let Some(g) = native_as::<GetSet>(d) else {
        return Ok(());
    };
    match g.set {
        Some(set) => set(vm, obj, v),
        None => Err(PyErr::attribute_error(format!(
            "attribute '{}' of '{}' objects is not writable",
            g.name, g.owner
        ))),
    }
}

/// Adds getset descriptors to a built-in type's namespace.
pub fn add_getsets(
    ty: &Ref<TypeObj>,
    owner: &'static str,
    list: &[(&'static str, Getter, Option<Setter>)],
) {
    let mut attrs = ty.attrs().lock();
    for &(name, get, set) in list {
        attrs.insert(
            super::value::intern(name),
            Value::Native(Ref::new(Native {
                obj: Box::new(GetSet {
                    name,
                    owner,
                    get,
                    set,
                }),
            })),
        );
    }
    drop(attrs);
    ty.modified();
}

/// A `__slots__` member: reads and writes slot `index` of the instance.
#[derive(Debug)]
pub struct Member {
    pub name: Ref<PyStr>,
    pub owner: GilCell<std::sync::Arc<str>>,
    pub index: usize,
}

impl NativeObject for Member {
    fn class(&self) -> Ref<TypeObj> {
        types().member_descriptor.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self) -> Option<String> {
        Some(format!(
            "<member '{}' of '{}' objects>",
            self.name.as_str(),
            self.owner.get_clone()
        ))
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit(Ref::header(&self.name));
    }
}

pub fn member_slots(s: &Slots) {
    s.descr_get.set(Some(member_get));
    s.descr_set.set(Some(member_set));
    s.repr.set(Some(super::natives::native_repr_any));
}

fn member_get(vm: &mut Vm, d: &Value, obj: Option<&Value>, _owner: &Value) -> PyResult<Value> {
    let (Some(m), Some(o)) = (native_as::<Member>(d), obj) else {
        return Ok(d.clone());
    };
    if let Value::Instance(i) = o {
        if let Some(v) = i.slots.lock().get(m.index) {
            if !v.is_null() {
                return Ok(v.clone());
            }
        }
    }
    Err(PyErr::attribute_error(format!(
        "'{}' object has no attribute '{}'",
        vm.type_name(o),
        m.name.as_str()
    )))
}

fn member_set(vm: &mut Vm, d: &Value, obj: &Value, v: Option<Value>) -> PyResult<()> {
    let Some(m) = native_as::<Member>(d) else {
        return Ok(());
    };
    if let Value::Instance(i) = obj {
        let mut slots = i.slots.lock();
        if let Some(slot) = slots.get_mut(m.index) {
            let deleting = v.is_none();
            if deleting && slot.is_null() {
                drop(slots);
                return Err(PyErr::attribute_error(format!(
                    "'{}' object has no attribute '{}'",
                    vm.type_name(obj),
                    m.name.as_str()
                )));
            }
            let old = std::mem::replace(slot, v.unwrap_or(Value::Null));
            drop(slots);
            drop(old);
            return Ok(());
        }
    }
    Err(PyErr::type_error(format!(
        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
        m.name.as_str(),
        m.owner.get_clone(),
        vm.type_name(obj)
    )))
}

// ----- property, classmethod, staticmethod ------------------------------------------

#[derive(Debug)]
pub struct PropertyObj {
    pub fget: GilCell<Value>,
    pub fset: GilCell<Value>,
    pub fdel: GilCell<Value>,
    pub doc: GilCell<Value>,
    /// The doc came from the getter (CPython's `getter_doc`): a copy made by
    /// `getter`/`setter`/`deleter` takes its new getter's doc instead.
    pub getter_doc: GilCell<bool>,
    /// Set by `__set_name__`, for the error messages.
    pub name: GilCell<Option<Ref<PyStr>>>,
}

impl PropertyObj {
    fn empty() -> PropertyObj {
        PropertyObj {
            fget: GilCell::new(Value::None),
            fset: GilCell::new(Value::None),
            fdel: GilCell::new(Value::None),
            doc: GilCell::new(Value::None),
            getter_doc: GilCell::new(false),
            name: GilCell::new(None),
        }
    }
}

impl NativeObject for PropertyObj {
    fn class(&self) -> Ref<TypeObj> {
        types().property.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        for c in [&self.fget, &self.fset, &self.fdel, &self.doc] {
            c.with(|v| v.visit(visit));
        }
        if let Some(n) = self.name.get_clone() {
            visit(Ref::header(&n));
        }
    }
    fn clear(&self) {
        // `__init__` can store anything here (a getter closing over its property), so
        // the collector may need to break a cycle through these.
        for c in [&self.fget, &self.fset, &self.fdel, &self.doc] {
            c.set(Value::None);
        }
    }
}

pub fn property_slots(s: &Slots) {
    s.descr_get.set(Some(property_get));
    s.descr_set.set(Some(property_set));
    s.new.set(Some(property_new));
    s.init.set(Some(property_init));
}

fn property_label(vm: &Vm, p: &PropertyObj, obj: &Value) -> String {
    let name = p
        .name
        .get_clone()
        .map(|n| n.as_str().to_string())
        .unwrap_or_else(|| "?".into());
    format!("property '{name}' of '{}' object", vm.type_name(obj))
}

fn property_get(vm: &mut Vm, d: &Value, obj: Option<&Value>, _owner: &Value) -> PyResult<Value> {
    let (Some(p), Some(o)) = (native_as::<PropertyObj>(d), obj) else {
        return Ok(d.clone());
    };
    let f = p.fget.get_clone();
    if matches!(f, Value::None) {
        return Err(PyErr::attribute_error(format!(
            "{} has no getter",
            property_label(vm, p, o)
        )));
    }
    vm.call(&f, std::slice::from_ref(o), &[])
}

fn property_set(vm: &mut Vm, d: &Value, obj: &Value, v: Option<Value>) -> PyResult<()> {
    let Some(p) = native_as::<PropertyObj>(d) else {
        return Ok(());
    };
    let (f, what) = match &v {
        Some(_) => (p.fset.get_clone(), "setter"),
        None => (p.fdel.get_clone(), "deleter"),
    };
    if matches!(f, Value::None) {
        return Err(PyErr::attribute_error(format!(
            "{} has no {what}",
            property_label(vm, p, obj)
        )));
    }
    match v {
        Some(v) => vm.call(&f, &[obj.clone(), v], &[])?,
        None => vm.call(&f, std::slice::from_ref(obj), &[])?,
    };
    Ok(())
}

/// `property.__new__`: an empty property (CPython's generic new, which ignores the
/// arguments); a subclass gets an instance with it as payload. `__init__` fills it.
fn property_new(_vm: &mut Vm, cls: &Ref<TypeObj>, _args: &[Value], _kw: Kw) -> PyResult<Value> {
    Ok(super::natives::wrap_for(
        cls,
        Value::Native(Ref::new(Native {
            obj: Box::new(PropertyObj::empty()),
        })),
    ))
}

/// `property.__init__(self, fget=None, fset=None, fdel=None, doc=None)`.
fn property_init(vm: &mut Vm, obj: &Value, args: &[Value], kw: Kw) -> PyResult<()> {
    let names = ["fget", "fset", "fdel", "doc"];
    if args.len() > 4 {
        return Err(PyErr::type_error(format!(
            "property() takes at most 4 arguments ({} given)",
            args.len()
        )));
    }
    let mut vals = [Value::None, Value::None, Value::None, Value::None];
    for (i, a) in args.iter().enumerate() {
        vals[i] = a.clone();
    }
    for (k, v) in kw {
        match names.iter().position(|n| *n == k.as_str()) {
            Some(i) if i < args.len() => {
                return Err(PyErr::type_error(format!(
                    "argument for property() given by name ('{}') and position ({})",
                    k.as_str(),
                    i + 1
                )))
            }
            Some(i) => vals[i] = v.clone(),
            None => {
                return Err(PyErr::type_error(format!(
                    "property() got an unexpected keyword argument '{}'",
                    k.as_str()
                )))
            }
        }
    }
    let Some(p) = native_as::<PropertyObj>(obj) else {
        return Err(PyErr::type_error(format!(
            "descriptor '__init__' requires a 'property' object but received a '{}'",
            vm.type_name(obj)
        )));
    };
    let [fget, fset, fdel, doc] = vals;
    let no_doc = matches!(doc, Value::None);
    p.fget.set(fget.clone());
    p.fset.set(fset);
    p.fdel.set(fdel);
    p.doc.set(doc);
    p.getter_doc.set(false);
    // No doc given: the getter's `__doc__` (CPython 3.11's property_init). A subclass
    // keeps it in the instance's `__dict__`, where the class's own `__doc__` does not
    // shadow it (an explicit doc on a subclass is shadowed, as in CPython 3.11).
    if no_doc && !matches!(fget, Value::None) {
        if let Some(d) = vm.getattr_opt(&fget, &super::value::intern("__doc__"))? {
            if let (Value::Instance(_), Some(dict)) = (obj, object_dict(obj)) {
                // Straight into the dict: `property.__doc__` is a read-only getset.
                dict.set_str("__doc__", d);
            } else {
                p.doc.set(d);
            }
            p.getter_doc.set(true);
        }
    }
    Ok(())
}

pub fn new_property(
    fget: Value,
    fset: Value,
    fdel: Value,
    doc: Value,
    name: Option<Ref<PyStr>>,
) -> Value {
    let p = PropertyObj::empty();
    p.fget.set(fget);
    p.fset.set(fset);
    p.fdel.set(fdel);
    p.doc.set(doc);
    p.name.set(name);
    Value::Native(Ref::new(Native { obj: Box::new(p) }))
}

/// `@classmethod`: binds to the class, through an instance too.
#[derive(Debug)]
pub struct ClassMethodObj {
    pub func: GilCell<Value>,
}

impl NativeObject for ClassMethodObj {
    fn class(&self) -> Ref<TypeObj> {
        types().classmethod.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.func.with(|f| f.visit(visit));
    }
    fn clear(&self) {
        self.func.set(Value::None);
    }
}

/// `@staticmethod`: the function itself, through the class or an instance.
#[derive(Debug)]
pub struct StaticMethodObj {
    pub func: GilCell<Value>,
}

impl NativeObject for StaticMethodObj {
    fn class(&self) -> Ref<TypeObj> {
        types().staticmethod.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.func.with(|f| f.visit(visit));
    }
    fn clear(&self) {
        self.func.set(Value::None);
    }
}

pub fn classmethod_slots(s: &Slots) {
    s.descr_get.set(Some(classmethod_get));
    s.new.set(Some(classmethod_new));
    s.init.set(Some(wrapper_init));
    s.repr.set(Some(wrapped_repr));
}

pub fn staticmethod_slots(s: &Slots) {
    s.descr_get.set(Some(staticmethod_get));
    s.new.set(Some(staticmethod_new));
    s.init.set(Some(wrapper_init));
    s.call.set(Some(staticmethod_call));
    s.repr.set(Some(wrapped_repr));
}

fn one_arg<'a>(name: &str, args: &'a [Value], kw: Kw) -> PyResult<&'a Value> {
    if !kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "{name}() takes no keyword arguments"
        )));
    }
    match args {
        [f] => Ok(f),
        _ => Err(PyErr::type_error(format!(
            "{name} expected 1 argument, got {}",
            args.len()
        ))),
    }
}

/// `classmethod.__new__`/`staticmethod.__new__` take the callable, as CPython's
/// (which also sets it in `__init__`, so a subclass's `__init__` may replace it).
fn classmethod_new(_vm: &mut Vm, cls: &Ref<TypeObj>, args: &[Value], kw: Kw) -> PyResult<Value> {
    let f = if cls.is_heap() {
        args.first().cloned().unwrap_or(Value::None)
    } else {
        one_arg("classmethod", args, kw)?.clone()
    };
    Ok(super::natives::wrap_for(
        cls,
        Value::Native(Ref::new(Native {
            obj: Box::new(ClassMethodObj {
                func: GilCell::new(f),
            }),
        })),
    ))
}

fn staticmethod_new(_vm: &mut Vm, cls: &Ref<TypeObj>, args: &[Value], kw: Kw) -> PyResult<Value> {
    let f = if cls.is_heap() {
        args.first().cloned().unwrap_or(Value::None)
    } else {
        one_arg("staticmethod", args, kw)?.clone()
    };
    Ok(super::natives::wrap_for(
        cls,
        Value::Native(Ref::new(Native {
            obj: Box::new(StaticMethodObj {
                func: GilCell::new(f),
            }),
        })),
    ))
}

/// `classmethod.__init__(self, callable)` (and staticmethod's): stores the callable;
/// on a subclass instance also copies the callable's `__module__ __name__
/// __qualname__ __doc__` into its `__dict__`, as CPython's `functools_wraps`
/// (`__wrapped__` is the type's getset here).
fn wrapper_init(vm: &mut Vm, obj: &Value, args: &[Value], kw: Kw) -> PyResult<()> {
    let (kind, cell) = if let Some(c) = native_as::<ClassMethodObj>(obj) {
        ("classmethod", &c.func)
    } else if let Some(s) = native_as::<StaticMethodObj>(obj) {
        ("staticmethod", &s.func)
    } else {
        return Err(PyErr::type_error(format!(
            "descriptor '__init__' requires a 'classmethod' object but received a '{}'",
            vm.type_name(obj)
        )));
    };
    let f = one_arg(kind, args, kw)?.clone();
    cell.set(f.clone());
    if matches!(obj, Value::Instance(_)) {
        for n in ["__module__", "__name__", "__qualname__", "__doc__"] {
            let key = super::value::intern(n);
            if let Some(v) = vm.getattr_opt(&f, &key)? {
                vm.setattr(obj, &key, v)?;
            }
        }
    }
    Ok(())
}

fn classmethod_get(vm: &mut Vm, d: &Value, obj: Option<&Value>, owner: &Value) -> PyResult<Value> {
    let Some(cm) = native_as::<ClassMethodObj>(d) else {
        return Ok(d.clone());
    };
    let cls = match (owner, obj) {
        (Value::Class(_), _) => owner.clone(),
        (_, Some(o)) => Value::Class(vm.type_of(o)),
        _ => owner.clone(),
    };
    Ok(Value::BoundMethod(Ref::new(BoundMethod {
        func: cm.func.get_clone(),
        this: cls,
        weaklist: Default::default(),
    })))
}

fn staticmethod_get(
    _vm: &mut Vm,
    d: &Value,
    _obj: Option<&Value>,
    _owner: &Value,
) -> PyResult<Value> {
    Ok(unwrap_staticmethod(d))
}

fn staticmethod_call(vm: &mut Vm, d: &Value, args: &[Value], kw: Kw) -> PyResult<Value> {
    let f = unwrap_staticmethod(d);
    vm.call(&f, args, kw)
}

fn wrapped_repr(vm: &mut Vm, d: &Value) -> PyResult<Value> {
    let (kind, f) = if let Some(c) = native_as::<ClassMethodObj>(d) {
        ("classmethod", c.func.get_clone())
    } else if let Some(s) = native_as::<StaticMethodObj>(d) {
        ("staticmethod", s.func.get_clone())
    } else {
        return super::natives::native_repr_any(vm, d);
    };
    Ok(Value::string(format!("<{kind}({})>", vm.repr(&f)?)))
}

// ----- super ----------------------------------------------------------------------

/// `super(type, obj)`: attribute lookup along `obj`'s MRO after `this_class`.
#[derive(Debug)]
pub struct SuperObj {
    pub this_class: Ref<TypeObj>,
    pub obj: Value,
    /// `type(obj)`, or `obj` itself when it is a class (`super()` in a classmethod).
    pub obj_type: Ref<TypeObj>,
}

impl NativeObject for SuperObj {
    fn class(&self) -> Ref<TypeObj> {
        types().super_.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self) -> Option<String> {
        Some(format!(
            "<super: <class '{}'>, <{} object>>",
            self.this_class.name(),
            self.obj_type.name()
        ))
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit(Ref::header(&self.this_class));
        self.obj.visit(visit);
        visit(Ref::header(&self.obj_type));
    }
}

pub fn super_slots(s: &Slots) {
    s.getattr.set(Some(super_getattro));
    s.new.set(Some(super_new));
    s.init.set(Some(|_, _, _, _| Ok(())));
    s.repr.set(Some(super::natives::native_repr_any));
}

/// `super(type, obj)` (the zero-argument form is made by the VM from the frame).
fn super_new(vm: &mut Vm, _cls: &Ref<TypeObj>, args: &[Value], kw: Kw) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(PyErr::type_error("super() takes no keyword arguments"));
    }
    match args {
        [Value::Class(t), obj] => make_super(vm, t.clone(), obj.clone()),
        [t, _] | [t] => Err(PyErr::type_error(format!(
            "super() argument 1 must be a type, not {}",
            vm.type_name(t)
        ))),
        [] => Err(PyErr::runtime_error("super(): no arguments")),
        _ => Err(PyErr::type_error(format!(
            "super() takes at most 2 arguments ({} given)",
            args.len()
        ))),
    }
}

/// A super object, checking that `obj` is an instance or subclass of `this_class`.
pub fn make_super(vm: &mut Vm, this_class: Ref<TypeObj>, obj: Value) -> PyResult<Value> {
    let obj_type = super_obj_type(vm, &this_class, &obj)?;
    Ok(Value::Native(Ref::new(Native {
        obj: Box::new(SuperObj {
            this_class,
            obj,
            obj_type,
        }),
    })))
}

/// The type whose MRO `super(this_class, obj)` searches: `obj` itself when it is a
/// subclass of `this_class` (a classmethod), else `type(obj)`, which must be one.
pub fn super_obj_type(
    vm: &mut Vm,
    this_class: &Ref<TypeObj>,
    obj: &Value,
) -> PyResult<Ref<TypeObj>> {
    match obj {
        Value::Class(c) if c.is_subclass(this_class) => Ok(c.clone()),
        _ => {
            let t = vm.type_of(obj);
            if !t.is_subclass(this_class) {
                return Err(PyErr::type_error(
                    "super(type, obj): obj must be an instance or subtype of type",
                ));
            }
            Ok(t)
        }
    }
}

/// What `super(this_class, obj).name` finds on the MRO of `obj_type` after
/// `this_class`, unbound. `None` for `__class__` (the super object's own) and for a
/// name the MRO does not have: the super object's own attributes come next.
pub fn super_find(
    this_class: &Ref<TypeObj>,
    obj_type: &Ref<TypeObj>,
    name: &PyStr,
) -> Option<Value> {
    if name.as_str() == "__class__" {
        return None;
    }
    // The MRO is the type itself, then its tail: searched in place, as each
    // `super().m()` call comes here.
    let tail = obj_type.mro_tail();
    let start = if Ref::ptr_eq(obj_type, this_class) {
        0
    } else {
        tail.iter().position(|c| Ref::ptr_eq(c, this_class))? + 1
    };
    tail[start..]
        .iter()
        .find_map(|cls| cls.attrs().lock().get(name).cloned())
}

/// Whether `super(_, obj)` binds what it finds without an instance (`obj` is the
/// class whose MRO it searches: `super()` in a classmethod).
pub fn super_binds_class(obj: &Value, obj_type: &Ref<TypeObj>) -> bool {
    matches!(obj, Value::Class(c) if Ref::ptr_eq(c, obj_type))
}

fn super_getattro(vm: &mut Vm, sup: &Value, name: &Ref<PyStr>) -> PyResult<Option<Value>> {
    let Some(s) = native_as::<SuperObj>(sup) else {
        return generic_getattr(vm, sup, name);
    };
    if let Some(v) = super_find(&s.this_class, &s.obj_type, name) {
        let obj = (!super_binds_class(&s.obj, &s.obj_type)).then(|| s.obj.clone());
        let owner = Value::Class(s.obj_type.clone());
        return bind(vm, &v, obj.as_ref(), &owner).map(Some);
    }
    generic_getattr(vm, sup, name)
}
