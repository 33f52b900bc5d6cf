//! The native slot functions of the built-in types, and the tables that put them in
//! each type's slots (`int_slots`, `list_slots`, ...). Most are thin: they reach the
//! built-in object behind the value (`Value::payload`, so subclasses work) and call
//! the implementation in ops.rs, iter.rs, repr.rs or the builtins.

use super::errors::{PyErr, PyResult};
use super::object::*;
use super::refcount::Ref;
use super::slots::{self as sl, Slots, NB};
use super::typeobj::TypeObj;
use super::types::types;
use super::value::{PyStr, Value};
use super::Vm;
use crate::bytecode::{BinaryOp, CompareOp};

type Kw<'a> = &'a [(Ref<PyStr>, Value)];

/// The result of a built-in constructor for `cls`: the object itself when `cls` is
/// the built-in type, else an instance of the subclass with it as payload.
pub fn wrap_for(cls: &Ref<TypeObj>, v: Value) -> Value {
    if !cls.is_heap() {
        return v;
    }
    Value::Instance(Ref::with_type(Instance::new(cls, v, None), cls.clone()))
}

fn ni() -> Value {
    super::ops::not_implemented()
}

// ----- object ---------------------------------------------------------------------

pub fn object_slots(s: &Slots) {
    s.getattr.set(Some(super::descr::generic_getattr));
    s.setattr.set(Some(super::descr::generic_setattr));
    s.compare.set(Some(object_compare));
    s.hash.set(Some(object_hash));
    s.repr.set(Some(object_repr));
    s.str.set(Some(object_str));
    s.new.set(Some(object_new));
    s.init.set(Some(object_init));
}

/// `object.__eq__` is identity; `__ne__` inverts the type's own `__eq__` (CPython's
/// `object_richcompare`); ordering is not defined.
pub fn object_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    match op {
        CompareOp::Eq => Ok(if a.ptr_eq(b) { Value::Bool(true) } else { ni() }),
        CompareOp::Ne => {
            let Some(f) = vm.type_of(a).slots.compare.get() else {
                return Ok(ni());
            };
            let r = f(vm, a, b, CompareOp::Eq)?;
            if sl::is_ni(&r) {
                return Ok(r);
            }
            Ok(Value::Bool(!vm.truthy(&r)?))
        }
        _ => Ok(ni()),
    }
}

pub fn object_hash(_vm: &mut Vm, v: &Value) -> PyResult<i64> {
    Ok((v.id() >> 4) as i64)
}

pub fn object_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::string(super::repr::default_repr(vm, v)))
}

/// `object.__str__`: the repr slot itself (its result is checked by `str()`).
pub fn object_str(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match vm.type_of(v).slots.repr.get() {
        Some(f) => f(vm, v),
        None => Ok(Value::string(super::repr::default_repr(vm, v))),
    }
}

fn excess_args(args: &[Value], kw: Kw) -> bool {
    !args.is_empty() || !kw.is_empty()
}

fn is_new(f: Option<sl::NewFn>, g: sl::NewFn) -> bool {
    f.map(|f| f as usize) == Some(g as usize)
}

fn is_init(f: Option<sl::InitFn>, g: sl::InitFn) -> bool {
    f.map(|f| f as usize) == Some(g as usize)
}

/// `object.__new__(cls, ...)`: a bare instance; extra arguments are an error unless
/// the class overrides `__init__` (CPython's `object_new` rules and messages).
pub fn object_new(vm: &mut Vm, cls: &Ref<TypeObj>, args: &[Value], kw: Kw) -> PyResult<Value> {
    if excess_args(args, kw) {
        if !is_new(cls.slots.new.get(), object_new) {
            return Err(PyErr::type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if is_init(cls.slots.init.get(), object_init) {
            return Err(PyErr::type_error(format!(
                "{}() takes no arguments",
                cls.name()
            )));
        }
    }
    if cls.has_flag(super::typeobj::flags::IS_ABSTRACT) {
        return Err(abstract_error(vm, cls));
    }
    Ok(new_object(cls))
}

/// `Can't instantiate abstract class X with abstract methods a, b` (names sorted).
fn abstract_error(vm: &mut Vm, cls: &Ref<TypeObj>) -> PyErr {
    let names = match cls.lookup_str("__abstractmethods__") {
        Some(v) => match vm.collect(&v) {
            Ok(items) => items,
            Err(e) => return e,
        },
        None => vec![],
    };
    let mut names: Vec<String> = names
        .iter()
        .map(|n| match n {
            Value::Str(s) => s.as_str().to_string(),
            other => format!("{other:?}"),
        })
        .collect();
    names.sort();
    PyErr::type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        cls.name(),
        if names.len() > 1 { "s" } else { "" },
        names.join(", ")
    ))
}

/// A fresh instance of a class with the instance layout (no built-in payload).
pub fn new_object(cls: &Ref<TypeObj>) -> Value {
    let exc = (cls.kind == ClassKind::Exception).then(ExcData::default);
    Value::Instance(Ref::with_type(
        Instance::new(cls, Value::Null, exc),
        cls.clone(),
    ))
}

pub fn object_init(vm: &mut Vm, obj: &Value, args: &[Value], kw: Kw) -> PyResult<()> {
    if excess_args(args, kw) {
        let ty = vm.type_of(obj);
        if !is_init(ty.slots.init.get(), object_init) {
            return Err(PyErr::type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if is_new(ty.slots.new.get(), object_new) {
            return Err(PyErr::type_error(format!(
                "{}() takes no arguments",
                ty.name()
            )));
        }
    }
    Ok(())
}

// ----- type -----------------------------------------------------------------------

pub fn type_slots(s: &Slots) {
    s.getattr.set(Some(super::descr::type_getattro));
    s.setattr.set(Some(super::descr::type_setattro));
    s.call.set(Some(type_call));
    s.repr.set(Some(type_repr));
    s.new.set(Some(type_new));
    s.init.set(Some(type_init));
}

/// `C(...)`: `C.__new__(C, ...)`, then `__init__` on the result if it is a `C`.
pub fn type_call(vm: &mut Vm, cls: &Value, args: &[Value], kw: Kw) -> PyResult<Value> {
    let Value::Class(c) = cls else {
        return Err(PyErr::type_error(
            "descriptor '__call__' requires a 'type' object",
        ));
    };
    if Ref::ptr_eq(c, &types().type_) && args.len() == 1 && kw.is_empty() {
        return Ok(Value::Class(vm.type_of(&args[0])));
    }
    let Some(new) = c.slots.new.get() else {
        return Err(PyErr::type_error(format!(
            "cannot create '{}' instances",
            c.name()
        )));
    };
    let obj = new(vm, c, args, kw)?;
    let oty = vm.type_of(&obj);
    if !oty.is_subclass(c) {
        return Ok(obj);
    }
    if let Some(init) = oty.slots.init.get() {
        init(vm, &obj, args, kw)?;
    }
    Ok(obj)
}

pub fn type_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Value::Class(c) = v else {
        return object_repr(vm, v);
    };
    let module = super::getsets::type_module(c);
    Ok(Value::string(match module.as_deref() {
        Some(m) if m != "builtins" => format!("<class '{m}.{}'>", c.qualname()),
        _ => format!("<class '{}'>", c.qualname()),
    }))
}

/// `type(x)` and `type(name, bases, ns)` (also for metaclasses deriving from type).
pub fn type_new(vm: &mut Vm, meta: &Ref<TypeObj>, args: &[Value], kw: Kw) -> PyResult<Value> {
    if Ref::ptr_eq(meta, &types().type_) && args.len() == 1 && kw.is_empty() {
        return Ok(Value::Class(vm.type_of(&args[0])));
    }
    match args {
        [name, bases, ns] => {
            let Value::Str(name) = name.payload() else {
                return Err(PyErr::type_error(format!(
                    "type.__new__() argument 1 must be str, not {}",
                    vm.type_name(name)
                )));
            };
            let Value::Tuple(bases) = bases.payload() else {
                return Err(PyErr::type_error(format!(
                    "type.__new__() argument 2 must be tuple, not {}",
                    vm.type_name(bases)
                )));
            };
            let Value::Dict(ns) = ns.payload() else {
                return Err(PyErr::type_error(format!(
                    "type.__new__() argument 3 must be dict, not {}",
                    vm.type_name(ns)
                )));
            };
            super::classes::new_heap_type(vm, meta, name.as_str(), bases, ns, kw)
        }
        _ => Err(PyErr::type_error("type() takes 1 or 3 arguments")),
    }
}

pub fn type_init(_vm: &mut Vm, _obj: &Value, args: &[Value], _kw: Kw) -> PyResult<()> {
    if args.len() != 1 && args.len() != 3 {
        return Err(PyErr::type_error("type.__init__() takes 1 or 3 arguments"));
    }
    Ok(())
}

// ----- numbers --------------------------------------------------------------------

fn set_all_binops(s: &Slots, f: sl::BinaryFn) {
    for i in 0..NB {
        s.binop[i].set(Some(f));
    }
}

pub fn int_slots(s: &Slots) {
    set_all_binops(s, num_binop);
    s.neg.set(Some(num_neg));
    s.pos.set(Some(num_pos));
    s.invert.set(Some(int_invert));
    s.abs.set(Some(num_abs));
    s.index.set(Some(int_index));
    s.int.set(Some(int_index));
    s.float.set(Some(num_float));
    s.bool.set(Some(num_bool));
    s.compare.set(Some(native_compare));
    s.hash.set(Some(native_hash));
    s.repr.set(Some(native_repr));
    s.new.set(Some(int_new));
}

pub fn bool_slots(s: &Slots) {
    s.repr.set(Some(native_repr));
    s.new.set(Some(bool_new));
}

pub fn float_slots(s: &Slots) {
    set_all_binops(s, num_binop);
    for op in [
        BinaryOp::LShift,
        BinaryOp::RShift,
        BinaryOp::And,
        BinaryOp::Or,
        BinaryOp::Xor,
        BinaryOp::MatMul,
    ] {
        s.binop[op as usize].set(None);
    }
    s.neg.set(Some(num_neg));
    s.pos.set(Some(num_pos));
    s.abs.set(Some(num_abs));
    s.int.set(Some(float_int));
    s.float.set(Some(num_float));
    s.bool.set(Some(num_bool));
    s.compare.set(Some(native_compare));
    s.hash.set(Some(native_hash));
    s.repr.set(Some(native_repr));
    s.new.set(Some(float_new));
}

fn num_binop(vm: &mut Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    Ok(vm
        .num_binop(op, a.payload(), b.payload())?
        .unwrap_or_else(ni))
}

fn num_neg(vm: &mut Vm, a: &Value) -> PyResult<Value> {
    vm.num_neg(a.payload())
}

fn num_pos(_vm: &mut Vm, a: &Value) -> PyResult<Value> {
    Ok(match a.payload() {
        Value::Bool(b) => Value::Int(*b as i64),
        v => v.clone(),
    })
}

fn int_invert(_vm: &mut Vm, a: &Value) -> PyResult<Value> {
    use num_bigint::BigInt;
    Ok(match a.payload() {
        Value::Int(i) => Value::Int(!i),
        Value::Bool(b) => Value::Int(!(*b as i64)),
        Value::BigInt(b) => Value::from_bigint(-(**b).clone() - BigInt::from(1)),
        _ => ni(),
    })
}

fn num_abs(_vm: &mut Vm, a: &Value) -> PyResult<Value> {
    use num_bigint::BigInt;
    use num_traits::Signed;
    Ok(match a.payload() {
        Value::Int(i) => match i.checked_abs() {
            Some(x) => Value::Int(x),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        },
        Value::Bool(b) => Value::Int(*b as i64),
        Value::BigInt(b) => Value::from_bigint(b.abs()),
        Value::Float(f) => Value::Float(f.abs()),
        _ => ni(),
    })
}

/// `__index__`/`__int__` of an int: the plain int (a bool or subclass gives its value).
fn int_index(_vm: &mut Vm, a: &Value) -> PyResult<Value> {
    Ok(match a.payload() {
        Value::Bool(b) => Value::Int(*b as i64),
        v => v.clone(),
    })
}

fn float_int(_vm: &mut Vm, a: &Value) -> PyResult<Value> {
    match a.payload() {
        Value::Float(f) => super::format::float_to_bigint(*f)
            .map(Value::from_bigint)
            .map_err(|e| super::ops::fmt_err(e.into())),
        v => Ok(v.clone()),
    }
}

fn num_float(_vm: &mut Vm, a: &Value) -> PyResult<Value> {
    Ok(match a.payload() {
        Value::Float(f) => Value::Float(*f),
        Value::Int(i) => Value::Float(*i as f64),
        Value::Bool(b) => Value::Float(*b as i64 as f64),
        Value::BigInt(b) => Value::Float(super::ops::bigint_to_f64(b)?),
        _ => ni(),
    })
}

fn num_bool(_vm: &mut Vm, a: &Value) -> PyResult<bool> {
    Ok(match a.payload() {
        Value::Int(i) => *i != 0,
        Value::Bool(b) => *b,
        Value::Float(f) => *f != 0.0,
        Value::BigInt(_) => true,
        _ => true,
    })
}

macro_rules! new_via {
    ($($slot:ident => $f:path),* $(,)?) => {
        $(
            /// The constructor as a `__new__` slot: the native gets `cls` first, as a
            /// `__new__` does; subclasses get an instance with the result as payload.
            pub fn $slot(vm: &mut Vm, cls: &Ref<TypeObj>, args: &[Value], kw: Kw) -> PyResult<Value> {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(Value::Class(cls.clone()));
                all.extend_from_slice(args);
                let v = $f(vm, Args { pos: &all, kw })?;
                Ok(wrap_for(cls, v))
            }
        )*
    };
}

new_via!(
    int_new => super::builtins::num_methods::int_new,
    bool_new => super::builtins::num_methods::bool_new,
    float_new => super::builtins::num_methods::float_new,
    str_new => super::builtins::str_methods::str_new,
    tuple_new => super::builtins::list_methods::tuple_new,
    frozenset_new => super::builtins::set_methods::frozenset_new,
    range_new => super::builtins::core::range_new,
    slice_new => super::builtins::core::slice_new,
);

// ----- shared container natives ----------------------------------------------------

/// Comparison of built-in values (numbers across int/float/bool, str, list, tuple,
/// dict, set, range); `NotImplemented` for anything else.
pub fn native_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    Ok(match vm.builtin_cmp(op, a.payload(), b.payload())? {
        Some(r) => Value::Bool(r),
        None => ni(),
    })
}

pub fn native_hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    vm.hash_builtin(v.payload())
}

pub fn native_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::string(vm.repr_builtin(v.payload())?))
}

fn native_len(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    let _ = vm;
    Ok(match v.payload() {
        Value::Str(s) => s.char_len(),
        Value::List(l) => l.items.lock().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) => d.map.lock().len(),
        Value::Set(s) => s.items.lock().len(),
        Value::Range(r) => r.len_checked()?,
        _ => 0,
    })
}

fn native_bool(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    if let Value::Range(r) = v.payload() {
        return Ok(!r.is_empty());
    }
    Ok(native_len(vm, v)? != 0)
}

fn native_getitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<Value> {
    vm.getitem_builtin(obj, key)
}

fn native_setitem(vm: &mut Vm, obj: &Value, key: &Value, v: Option<Value>) -> PyResult<()> {
    match v {
        Some(v) => vm.setitem_builtin(obj.payload(), key.clone(), v),
        None => vm.delitem_builtin(obj.payload(), key),
    }
}

fn native_contains(vm: &mut Vm, c: &Value, x: &Value) -> PyResult<bool> {
    vm.contains_builtin(c.payload(), x)
}

fn native_iter(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    vm.iter_builtin(v.payload())
}

fn native_concat(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    vm.seq_concat(a.payload(), b.payload())
}

fn native_repeat(vm: &mut Vm, a: &Value, n: &Value) -> PyResult<Value> {
    if let Value::BigInt(_) = n.payload() {
        return Err(PyErr::overflow_error(
            "cannot fit 'int' into an index-sized integer",
        ));
    }
    let n = vm.to_index(n)?;
    vm.seq_repeat(a.payload(), n)
}

/// `l += x`: extends the list (any iterable), and the result is the list itself.
fn list_inplace_concat(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    if let Value::List(l) = a.payload() {
        let items = vm.collect(b)?;
        l.items.lock().extend(items);
    }
    Ok(a.clone())
}

fn list_inplace_repeat(vm: &mut Vm, a: &Value, n: &Value) -> PyResult<Value> {
    if let Value::List(_) = a.payload() {
        // The same checks and fallible allocation as `list * n`.
        let r = native_repeat(vm, a, n)?;
        if let (Value::List(l), Value::List(r)) = (a.payload(), &r) {
            let out = std::mem::take(&mut *r.items.lock());
            let old = std::mem::replace(&mut *l.items.lock(), out);
            drop(old);
        }
    }
    Ok(a.clone())
}

fn container_slots(s: &Slots) {
    s.compare.set(Some(native_compare));
    s.repr.set(Some(native_repr));
    s.len.set(Some(native_len));
    s.bool.set(Some(native_bool));
    s.contains.set(Some(native_contains));
    s.iter.set(Some(native_iter));
}

pub fn str_slots(s: &Slots) {
    container_slots(s);
    s.hash.set(Some(native_hash));
    s.str.set(Some(str_str));
    s.getitem.set(Some(native_getitem));
    s.concat.set(Some(native_concat));
    s.repeat.set(Some(native_repeat));
    s.new.set(Some(str_new));
    s.binop[BinaryOp::Mod as usize].set(Some(str_mod));
}

/// `str % args` (printf.rs); only the left operand formats (`1 % "s"` declines).
fn str_mod(vm: &mut Vm, _op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    match a.payload() {
        Value::Str(s) => Ok(Value::string(vm.printf(s.as_str(), b)?)),
        _ => Ok(ni()),
    }
}

/// `str(s)` of a str (or subclass): the plain str.
fn str_str(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(v.payload().clone())
}

pub fn tuple_slots(s: &Slots) {
    container_slots(s);
    s.hash.set(Some(native_hash));
    s.getitem.set(Some(native_getitem));
    s.concat.set(Some(native_concat));
    s.repeat.set(Some(native_repeat));
    s.new.set(Some(tuple_new));
}

pub fn list_slots(s: &Slots) {
    container_slots(s);
    s.hash.set(Some(sl::hash_unhashable));
    s.getitem.set(Some(native_getitem));
    s.setitem.set(Some(native_setitem));
    s.concat.set(Some(native_concat));
    s.repeat.set(Some(native_repeat));
    s.inplace_concat.set(Some(list_inplace_concat));
    s.inplace_repeat.set(Some(list_inplace_repeat));
    s.new.set(Some(list_new));
    s.init.set(Some(list_init));
}

/// `list.__new__`: an empty list; `list.__init__` fills it (so subclasses may take
/// other arguments in their own `__init__`).
fn list_new(_vm: &mut Vm, cls: &Ref<TypeObj>, _args: &[Value], _kw: Kw) -> PyResult<Value> {
    Ok(wrap_for(cls, Value::list(vec![])))
}

fn list_init(vm: &mut Vm, obj: &Value, args: &[Value], kw: Kw) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(PyErr::type_error("list() takes no keyword arguments"));
    }
    if args.len() > 1 {
        return Err(PyErr::type_error(format!(
            "list expected at most 1 argument, got {}",
            args.len()
        )));
    }
    let Value::List(l) = obj.payload() else {
        return Err(PyErr::type_error(
            "descriptor '__init__' requires a 'list' object",
        ));
    };
    let old = std::mem::take(&mut *l.items.lock());
    drop(old);
    if let Some(x) = args.first() {
        let items = vm.collect(x)?;
        *l.items.lock() = items;
    }
    Ok(())
}

pub fn dict_slots(s: &Slots) {
    container_slots(s);
    s.hash.set(Some(sl::hash_unhashable));
    s.getitem.set(Some(native_getitem));
    s.setitem.set(Some(native_setitem));
    s.binop[BinaryOp::Or as usize].set(Some(dict_or));
    s.inplace[BinaryOp::Or as usize].set(Some(dict_ior));
    s.new.set(Some(dict_new));
    s.init.set(Some(dict_init));
}

fn dict_or(_vm: &mut Vm, _op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    match (a.payload(), b.payload()) {
        (Value::Dict(x), Value::Dict(y)) => {
            let mut m = x.map.lock().clone();
            let ys = y.map.lock().clone();
            m.extend(ys);
            Ok(Value::dict(m))
        }
        _ => Ok(ni()),
    }
}

fn dict_ior(vm: &mut Vm, _op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    if let Value::Dict(d) = a.payload() {
        super::builtins::dict_methods::merge(vm, d, b)?;
        return Ok(a.clone());
    }
    Ok(ni())
}

fn dict_new(_vm: &mut Vm, cls: &Ref<TypeObj>, _args: &[Value], _kw: Kw) -> PyResult<Value> {
    Ok(wrap_for(cls, Value::Dict(Ref::new(DictObj::default()))))
}

fn dict_init(vm: &mut Vm, obj: &Value, args: &[Value], kw: Kw) -> PyResult<()> {
    if args.len() > 1 {
        return Err(PyErr::type_error(format!(
            "dict expected at most 1 argument, got {}",
            args.len()
        )));
    }
    let Value::Dict(d) = obj.payload() else {
        return Err(PyErr::type_error(
            "descriptor '__init__' requires a 'dict' object",
        ));
    };
    if let Some(src) = args.first() {
        super::builtins::dict_methods::merge(vm, d, src)?;
    }
    for (k, v) in kw {
        d.set_pystr(k, v.clone());
    }
    Ok(())
}

pub fn set_slots(s: &Slots, frozen: bool) {
    container_slots(s);
    for op in [BinaryOp::Or, BinaryOp::And, BinaryOp::Sub, BinaryOp::Xor] {
        s.binop[op as usize].set(Some(set_binop));
        if !frozen {
            s.inplace[op as usize].set(Some(set_inplace));
        }
    }
    if frozen {
        s.hash.set(Some(native_hash));
        s.new.set(Some(frozenset_new));
    } else {
        s.hash.set(Some(sl::hash_unhashable));
        s.new.set(Some(set_new));
        s.init.set(Some(set_init));
    }
}

fn set_binop(vm: &mut Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    Ok(vm
        .set_op(op, a.payload(), b.payload(), false)?
        .unwrap_or_else(ni))
}

fn set_inplace(vm: &mut Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    match vm.set_op(op, a.payload(), b.payload(), true)? {
        Some(_) => Ok(a.clone()),
        None => Ok(ni()),
    }
}

fn set_new(_vm: &mut Vm, cls: &Ref<TypeObj>, _args: &[Value], _kw: Kw) -> PyResult<Value> {
    Ok(wrap_for(
        cls,
        Value::Set(Ref::new(SetObj::new(KeySet::default(), false))),
    ))
}

fn set_init(vm: &mut Vm, obj: &Value, args: &[Value], kw: Kw) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(PyErr::type_error("set() takes no keyword arguments"));
    }
    if args.len() > 1 {
        return Err(PyErr::type_error(format!(
            "set expected at most 1 argument, got {}",
            args.len()
        )));
    }
    let Value::Set(s) = obj.payload() else {
        return Err(PyErr::type_error(
            "descriptor '__init__' requires a 'set' object",
        ));
    };
    let old = std::mem::take(&mut *s.items.lock());
    drop(old);
    if let Some(x) = args.first() {
        let built = super::builtins::set_methods::build_set(vm, x, false)?;
        let items = built.items.lock().clone();
        *s.items.lock() = items;
    }
    Ok(())
}

pub fn range_slots(s: &Slots) {
    container_slots(s);
    // By value (CPython's range_hash), as ranges compare by value.
    s.hash.set(Some(native_hash));
    s.getitem.set(Some(native_getitem));
    s.new.set(Some(range_new));
}

pub fn slice_slots(s: &Slots) {
    s.repr.set(Some(native_repr));
    s.compare.set(Some(native_compare));
    s.hash.set(Some(sl::hash_unhashable));
    s.new.set(Some(slice_new));
}

pub fn none_slots(s: &Slots) {
    s.repr.set(Some(native_repr));
    s.bool.set(Some(|_, _| Ok(false)));
    s.hash.set(Some(|_, _| Ok(0xFCA86420)));
    s.new.set(Some(|_, _, args, kw| {
        if excess_args(args, kw) {
            return Err(PyErr::type_error("NoneType takes no arguments"));
        }
        Ok(Value::None)
    }));
}

/// `NotImplemented`, `Ellipsis`: a fixed repr, nothing else.
pub fn singleton_slots(s: &Slots) {
    s.repr.set(Some(native_repr));
}

pub fn plain_repr_slots(s: &Slots) {
    s.repr.set(Some(native_repr));
}

// ----- functions and methods --------------------------------------------------------

pub fn function_slots(s: &Slots) {
    s.call.set(Some(function_call));
    s.descr_get.set(Some(super::descr::function_get));
    s.repr.set(Some(native_repr));
}

fn function_call(vm: &mut Vm, f: &Value, args: &[Value], kw: Kw) -> PyResult<Value> {
    vm.call(f, args, kw)
}

#[derive(Clone, Copy)]
pub enum BuiltinKind {
    Function,
    Method,
    ClassMethod,
}

pub fn builtin_slots(s: &Slots, kind: BuiltinKind) {
    s.call.set(Some(function_call));
    s.repr.set(Some(native_repr));
    match kind {
        BuiltinKind::Function => {}
        BuiltinKind::Method => s.descr_get.set(Some(super::descr::method_descr_get)),
        BuiltinKind::ClassMethod => s.descr_get.set(Some(super::descr::classmethod_descr_get)),
    }
}

pub fn method_slots(s: &Slots) {
    s.call.set(Some(function_call));
    s.repr.set(Some(native_repr));
    s.getattr.set(Some(super::descr::method_getattro));
    s.compare.set(Some(method_compare));
    s.hash.set(Some(method_hash));
    s.new.set(Some(super::descr::method_new));
}

fn method_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Value::BoundMethod(x), Value::BoundMethod(y)) = (a, b) else {
        return Ok(ni());
    };
    match op {
        CompareOp::Eq | CompareOp::Ne => {
            let eq = x.func.ptr_eq(&y.func) && x.this.ptr_eq(&y.this);
            let _ = vm;
            Ok(Value::Bool(eq == (op == CompareOp::Eq)))
        }
        _ => Ok(ni()),
    }
}

fn method_hash(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let Value::BoundMethod(m) = v else {
        return Ok(0);
    };
    let (f, t) = (m.func.clone(), m.this.clone());
    Ok(vm.hash(&f)? ^ (t.id() >> 4) as i64)
}

pub fn module_slots(s: &Slots) {
    s.getattr.set(Some(super::descr::module_getattro));
    s.setattr.set(Some(super::descr::module_setattro));
    s.repr.set(Some(native_repr));
    s.new.set(Some(super::descr::module_new));
}

pub fn generator_slots(s: &Slots) {
    s.iter.set(Some(iter_self));
    s.next.set(Some(generator_next));
    s.repr.set(Some(native_repr));
}

fn iter_self(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(v.clone())
}

fn generator_next(vm: &mut Vm, v: &Value) -> PyResult<Option<Value>> {
    let Value::Generator(g) = v else {
        return Ok(None);
    };
    match vm.gen_resume(g, Value::None, None)? {
        super::iter::Sent::Yielded(v) => Ok(Some(v)),
        super::iter::Sent::Returned(_) => Ok(None),
    }
}

pub fn iterator_slots(s: &Slots) {
    s.iter.set(Some(iter_self));
    s.next.set(Some(iterobj_next));
}

fn iterobj_next(vm: &mut Vm, v: &Value) -> PyResult<Option<Value>> {
    match v {
        Value::Iter(it) => vm.next_builtin(it),
        _ => Ok(None),
    }
}

macro_rules! iter_ctor {
    ($($slot:ident => $f:path),* $(,)?) => {
        $(
            fn $slot(vm: &mut Vm, _cls: &Ref<TypeObj>, args: &[Value], kw: Kw) -> PyResult<Value> {
                $f(vm, Args { pos: args, kw })
            }
        )*
    };
}

iter_ctor!(
    enumerate_new => super::builtins::functions::enumerate,
    zip_new => super::builtins::functions::zip,
    map_new => super::builtins::functions::map,
    filter_new => super::builtins::functions::filter,
    reversed_new => super::builtins::functions::reversed,
);

/// The iterator types that are also builtins (`enumerate(...)`, `zip(...)`, ...).
pub fn iterator_ctor_slots(s: &Slots, name: &str) {
    let f: sl::NewFn = match name {
        "enumerate" => enumerate_new,
        "zip" => zip_new,
        "map" => map_new,
        "filter" => filter_new,
        _ => reversed_new,
    };
    s.new.set(Some(f));
}

// ----- exceptions -------------------------------------------------------------------

pub fn exception_slots(s: &Slots) {
    s.repr.set(Some(exc_repr));
    s.str.set(Some(exc_str));
    s.new.set(Some(exc_new));
    s.init.set(Some(exc_init));
}

/// `BaseException.__new__`: the instance with `args` set (so a subclass `__init__`
/// that does not call the base's still has them, as in CPython).
pub(crate) fn exc_new(
    _vm: &mut Vm,
    cls: &Ref<TypeObj>,
    args: &[Value],
    _kw: Kw,
) -> PyResult<Value> {
    Ok(Value::Instance(Ref::with_type(
        Instance::new(
            cls,
            Value::Null,
            Some(ExcData {
                args: args.to_vec(),
                ..Default::default()
            }),
        ),
        cls.clone(),
    )))
}

fn exc_init(vm: &mut Vm, obj: &Value, args: &[Value], kw: Kw) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "{}() takes no keyword arguments",
            vm.type_name(obj)
        )));
    }
    if let Value::Instance(inst) = obj {
        if let Some(d) = &inst.exc {
            let old = std::mem::replace(&mut d.lock().args, args.to_vec());
            drop(old);
        }
    }
    Ok(())
}

fn exc_repr(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Value::Instance(inst) = v else {
        return object_repr(vm, v);
    };
    let args = inst
        .exc
        .as_ref()
        .map(|d| d.lock().args.clone())
        .unwrap_or_default();
    let name = vm.type_of(v).name();
    let inner = match args.as_slice() {
        [a] => format!("({})", vm.repr(a)?),
        _ => vm.repr(&Value::tuple(args))?,
    };
    Ok(Value::string(format!("{name}{inner}")))
}

fn exc_str(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Value::Instance(inst) = v else {
        return object_str(vm, v);
    };
    let args = inst
        .exc
        .as_ref()
        .map(|d| d.lock().args.clone())
        .unwrap_or_default();
    let is_key_error = vm.type_of(v).is_subclass(&types().key_error);
    Ok(Value::string(match args.as_slice() {
        [] => String::new(),
        [a] if is_key_error => vm.repr(a)?,
        [a] => vm.str(a)?,
        _ => vm.repr(&Value::tuple(args))?,
    }))
}

// ----- native-module objects --------------------------------------------------------

/// The repr of a native module's object: its own `repr()` if it has one, else the
/// default `<name object at 0x...>`.
pub fn native_repr_any(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    if let Value::Native(n) = v {
        if let Some(s) = n.obj.repr() {
            return Ok(Value::string(s));
        }
    }
    object_repr(vm, v)
}
