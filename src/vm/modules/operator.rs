//! The `operator` module in Rust, as CPython's `_operator`: every operator as a
//! function (each also under its dunder name), and the callable `itemgetter`,
//! `attrgetter` and `methodcaller` objects; CPython's argument errors.

use super::{downcast, native, native_class, this};
use crate::bytecode::{BinaryOp, CompareOp};
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, DictObj, IterState, NativeFn, NativeObject};
use crate::vm::refcount::Ref;
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;
use std::sync::OnceLock;

/// `_operator.neg() takes exactly one argument (2 given)`.
fn one<'a>(a: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "_operator.{name}() takes no keyword arguments"
        )));
    }
    if a.pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "_operator.{name}() takes exactly one argument ({} given)",
            a.pos.len()
        )));
    }
    Ok(&a.pos[0])
}

/// `add expected 2 arguments, got 1`.
fn exactly<'a>(a: &Args<'a>, name: &str, n: usize) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "_operator.{name}() takes no keyword arguments"
        )));
    }
    if a.pos.len() != n {
        return Err(PyErr::type_error(format!(
            "{name} expected {n} arguments, got {}",
            a.pos.len()
        )));
    }
    Ok(a.pos)
}

macro_rules! binops {
    ($( $fname:ident, $name:literal, $dunder:literal, $op:ident; )*) => {
        $(
            fn $fname(vm: &mut Vm, a: Args) -> PyResult<Value> {
                let p = exactly(&a, $name, 2)?;
                vm.binary_op(BinaryOp::$op, &p[0], &p[1])
            }
        )*
        /// (name, dunder name, function); `__and__` is the dunder of `and_`.
        const BINOPS: &[(&str, &str, NativeFn)] = &[
            $( ($name, $dunder, $fname), )*
        ];
    };
}

binops!(
    add, "add", "__add__", Add;
    sub, "sub", "__sub__", Sub;
    mul, "mul", "__mul__", Mul;
    truediv, "truediv", "__truediv__", TrueDiv;
    floordiv, "floordiv", "__floordiv__", FloorDiv;
    mod_, "mod", "__mod__", Mod;
    pow, "pow", "__pow__", Pow;
    lshift, "lshift", "__lshift__", LShift;
    rshift, "rshift", "__rshift__", RShift;
    and_, "and_", "__and__", And;
    or_, "or_", "__or__", Or;
    xor, "xor", "__xor__", Xor;
    matmul, "matmul", "__matmul__", MatMul;
    iadd, "iadd", "__iadd__", InplaceAdd;
    isub, "isub", "__isub__", InplaceSub;
    imul, "imul", "__imul__", InplaceMul;
    itruediv, "itruediv", "__itruediv__", InplaceTrueDiv;
    ifloordiv, "ifloordiv", "__ifloordiv__", InplaceFloorDiv;
    imod, "imod", "__imod__", InplaceMod;
    ipow, "ipow", "__ipow__", InplacePow;
    ilshift, "ilshift", "__ilshift__", InplaceLShift;
    irshift, "irshift", "__irshift__", InplaceRShift;
    iand, "iand", "__iand__", InplaceAnd;
    ior, "ior", "__ior__", InplaceOr;
    ixor, "ixor", "__ixor__", InplaceXor;
    imatmul, "imatmul", "__imatmul__", InplaceMatMul;
);

macro_rules! cmpops {
    ($( $fname:ident, $name:literal, $op:ident; )*) => {
        $(
            fn $fname(vm: &mut Vm, a: Args) -> PyResult<Value> {
                let p = exactly(&a, $name, 2)?;
                vm.compare(CompareOp::$op, &p[0], &p[1])
            }
        )*
        const CMPOPS: &[(&str, NativeFn)] = &[ $( ($name, $fname), )* ];
    };
}

cmpops!(
    lt, "lt", Lt;
    le, "le", Le;
    eq, "eq", Eq;
    ne, "ne", Ne;
    gt, "gt", Gt;
    ge, "ge", Ge;
);

fn neg(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = one(&a, "neg")?;
    vm.unary_neg(v)
}

fn pos(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = one(&a, "pos")?;
    vm.unary_pos(v)
}

fn inv(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = one(&a, "inv")?;
    vm.unary_invert(v)
}

fn invert(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = one(&a, "invert")?;
    vm.unary_invert(v)
}

fn abs(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = one(&a, "abs")?.clone();
    let f = vm
        .interp
        .builtins
        .get_str(&PyStr::new("abs"))
        .expect("builtin abs");
    vm.call(&f, &[v], &[])
}

fn not_(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = one(&a, "not_")?;
    Ok(Value::Bool(!vm.truthy(v)?))
}

fn truth(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = one(&a, "truth")?;
    Ok(Value::Bool(vm.truthy(v)?))
}

fn is_(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = exactly(&a, "is_", 2)?;
    Ok(Value::Bool(p[0].ptr_eq(&p[1]) || same_inline(&p[0], &p[1])))
}

fn is_not(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = exactly(&a, "is_not", 2)?;
    Ok(Value::Bool(
        !(p[0].ptr_eq(&p[1]) || same_inline(&p[0], &p[1])),
    ))
}

/// `is` for inline values, as the IS_OP instruction decides it.
fn same_inline(a: &Value, b: &Value) -> bool {
    matches!((a, b), (Value::None, Value::None))
        || matches!((a, b), (Value::Bool(x), Value::Bool(y)) if x == y)
}

/// `operator.index(a)`: an int (`__index__` honoured), as `PyNumber_Index`.
fn index(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = one(&a, "index")?;
    match v {
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        _ => match vm.type_of(v).slots.index.get() {
            Some(f) => {
                let r = f(vm, v)?;
                match r {
                    Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => Ok(r),
                    other => Err(PyErr::type_error(format!(
                        "__index__ returned non-int (type {})",
                        vm.type_name(&other)
                    ))),
                }
            }
            None => Err(not_integer(vm, v)),
        },
    }
}

fn not_integer(vm: &Vm, v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        vm.type_name(v)
    ))
}

fn is_sequence(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Range(_) => true,
        Value::Dict(_) | Value::Set(_) => false,
        _ => vm.type_of(v).lookup_str("__getitem__").is_some(),
    }
}

fn concat(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = exactly(&a, "concat", 2)?;
    if !is_sequence(vm, &p[0]) {
        return Err(PyErr::type_error(format!(
            "'{}' object can't be concatenated",
            vm.type_name(&p[0])
        )));
    }
    vm.binary_op(BinaryOp::Add, &p[0], &p[1])
}

fn iconcat(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = exactly(&a, "iconcat", 2)?;
    if !is_sequence(vm, &p[0]) {
        return Err(PyErr::type_error(format!(
            "'{}' object can't be concatenated",
            vm.type_name(&p[0])
        )));
    }
    vm.binary_op(BinaryOp::InplaceAdd, &p[0], &p[1])
}

fn contains(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = exactly(&a, "contains", 2)?;
    Ok(Value::Bool(vm.contains(&p[0], &p[1])?))
}

fn count_of(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = exactly(&a, "countOf", 2)?;
    let it = vm.iter(&p[0])?;
    let mut n = 0i64;
    while let Some(x) = vm.next(&it)? {
        if x.ptr_eq(&p[1]) || vm.eq(&x, &p[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn index_of(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = exactly(&a, "indexOf", 2)?;
    let it = vm.iter(&p[0])?;
    let mut i = 0i64;
    while let Some(x) = vm.next(&it)? {
        if x.ptr_eq(&p[1]) || vm.eq(&x, &p[1])? {
            return Ok(Value::Int(i));
        }
        i += 1;
    }
    Err(PyErr::value_error("sequence.index(x): x not in sequence"))
}

fn getitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = exactly(&a, "getitem", 2)?;
    vm.getitem(&p[0], &p[1])
}

fn setitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = exactly(&a, "setitem", 3)?;
    vm.setitem(&p[0], p[1].clone(), p[2].clone())?;
    Ok(Value::None)
}

fn delitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = exactly(&a, "delitem", 2)?;
    vm.delitem(&p[0], &p[1])?;
    Ok(Value::None)
}

/// `call(obj, /, *args, **kwargs)`.
fn call(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if a.pos.is_empty() {
        return Err(PyErr::type_error(
            "call expected at least 1 argument, got 0",
        ));
    }
    vm.call(&a.pos[0], &a.pos[1..], a.kw)
}

/// `length_hint(obj, default=0)`: `len()`, else `__length_hint__()`, else default.
fn length_hint(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error(
            "_operator.length_hint() takes no keyword arguments",
        ));
    }
    match a.pos.len() {
        0 => {
            return Err(PyErr::type_error(
                "length_hint expected at least 1 argument, got 0",
            ))
        }
        1 | 2 => {}
        n => {
            return Err(PyErr::type_error(format!(
                "length_hint expected at most 2 arguments, got {n}"
            )))
        }
    }
    let default = match a.pos.get(1) {
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Instance(_))) => {
            vm.to_index(v)?
        }
        Some(v) => return Err(not_integer(vm, v)),
        None => 0,
    };
    let obj = &a.pos[0];
    if let Some(n) = builtin_remaining(obj) {
        return Ok(Value::Int(n));
    }
    let has_len = match obj {
        Value::Str(_)
        | Value::List(_)
        | Value::Tuple(_)
        | Value::Dict(_)
        | Value::Set(_)
        | Value::Range(_) => true,
        _ => vm.type_of(obj).lookup_str("__len__").is_some(),
    };
    if has_len {
        let f = vm
            .interp
            .builtins
            .get_str(&PyStr::new("len"))
            .expect("builtin len");
        return vm.call(&f, std::slice::from_ref(obj), &[]);
    }
    if let Some(m) = vm.type_of(obj).lookup_str("__length_hint__") {
        let r = vm.call(&m, std::slice::from_ref(obj), &[])?;
        if r.ptr_eq(&crate::vm::ops::not_implemented()) {
            return Ok(Value::Int(default));
        }
        let n = match &r {
            Value::Int(_) | Value::Bool(_) => vm.to_index(&r)?,
            other => {
                return Err(PyErr::type_error(format!(
                    "__length_hint__ must be an integer, not {}",
                    vm.type_name(other)
                )))
            }
        };
        if n < 0 {
            return Err(PyErr::value_error("__length_hint__() should return >= 0"));
        }
        return Ok(Value::Int(n));
    }
    Ok(Value::Int(default))
}

/// What is left in a built-in iterator (CPython's iterators have `__length_hint__`).
fn builtin_remaining(obj: &Value) -> Option<i64> {
    let Value::Iter(it) = obj else { return None };
    let st = it.state.lock();
    Some(match &*st {
        IterState::Range { cur, stop, step } => {
            crate::vm::object::RangeObj::new(*cur, *stop, *step)
                .len_i64()
                .unwrap_or(i64::MAX)
        }
        IterState::Seq { seq, idx } => {
            let len = match seq {
                Value::List(l) => l.items.lock().len(),
                Value::Tuple(t) => t.len(),
                Value::Range(r) => {
                    let left = r.len_big() - *idx;
                    return Some(num_traits::ToPrimitive::to_i64(&left).unwrap_or(i64::MAX));
                }
                _ => return None,
            };
            len.saturating_sub(*idx) as i64
        }
        IterState::Str { s, byte } => s.as_str()[*byte..].chars().count() as i64,
        IterState::DictKeys { dict, len, idx }
        | IterState::DictValues { dict, len, idx }
        | IterState::DictItems { dict, len, idx } => {
            if *len == usize::MAX {
                0
            } else {
                dict.map.lock().live_from(*idx) as i64
            }
        }
        IterState::Items { items, idx } => items.len().saturating_sub(*idx) as i64,
        IterState::Done => 0,
        _ => return None,
    })
}

// ---- itemgetter, attrgetter, methodcaller ----

#[derive(Debug)]
enum Getter {
    Item(Vec<Value>),
    /// Each name split at its dots.
    Attr(Vec<Vec<Ref<PyStr>>>),
    Method {
        name: Ref<PyStr>,
        args: Vec<Value>,
        kw: Vec<(Ref<PyStr>, Value)>,
    },
}

impl NativeObject for Getter {
    fn class(&self) -> Ref<Class> {
        static ITEM: OnceLock<Ref<Class>> = OnceLock::new();
        static ATTR: OnceLock<Ref<Class>> = OnceLock::new();
        static METHOD: OnceLock<Ref<Class>> = OnceLock::new();
        let methods: &[(&'static str, NativeFn)] =
            &[("__call__", getter_call), ("__repr__", getter_repr)];
        match self {
            Getter::Item(_) => native_class(
                &ITEM,
                "operator",
                "itemgetter",
                &[methods, &[("__new__", new_itemgetter as NativeFn)]].concat(),
                &[],
            ),
            Getter::Attr(_) => native_class(
                &ATTR,
                "operator",
                "attrgetter",
                &[methods, &[("__new__", new_attrgetter as NativeFn)]].concat(),
                &[],
            ),
            Getter::Method { .. } => native_class(
                &METHOD,
                "operator",
                "methodcaller",
                &[methods, &[("__new__", new_methodcaller as NativeFn)]].concat(),
                &[],
            ),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        match self {
            Getter::Item(vs) => vs.iter().for_each(|v| v.visit(visit)),
            Getter::Attr(names) => names.iter().flatten().for_each(|n| visit(Ref::header(n))),
            Getter::Method { name, args, kw } => {
                visit(Ref::header(name));
                args.iter().for_each(|v| v.visit(visit));
                for (k, v) in kw {
                    visit(Ref::header(k));
                    v.visit(visit);
                }
            }
        }
    }
}

fn new_itemgetter(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error("itemgetter() takes no keyword arguments"));
    }
    let items = &a.pos[1..];
    if items.is_empty() {
        return Err(PyErr::type_error("itemgetter expected 1 argument, got 0"));
    }
    Ok(native(Getter::Item(items.to_vec())))
}

fn new_attrgetter(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error("attrgetter() takes no keyword arguments"));
    }
    let names = &a.pos[1..];
    if names.is_empty() {
        return Err(PyErr::type_error("attrgetter expected 1 argument, got 0"));
    }
    let mut out = vec![];
    for n in names {
        let Value::Str(s) = n else {
            return Err(PyErr::type_error("attribute name must be a string"));
        };
        out.push(
            s.as_str()
                .split('.')
                .map(crate::vm::value::intern)
                .collect(),
        );
    }
    Ok(native(Getter::Attr(out)))
}

fn new_methodcaller(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let args = &a.pos[1..];
    let Some(first) = args.first() else {
        return Err(PyErr::type_error(
            "methodcaller needs at least one argument, the method name",
        ));
    };
    let Value::Str(name) = first else {
        return Err(PyErr::type_error("method name must be a string"));
    };
    Ok(native(Getter::Method {
        name: name.clone(),
        args: args[1..].to_vec(),
        kw: a.kw.to_vec(),
    }))
}

fn getter_call(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = this::<Getter>(vm, &a, "operator.itemgetter", "__call__")?;
    let kind = match g {
        Getter::Item(_) => "itemgetter",
        Getter::Attr(_) => "attrgetter",
        Getter::Method { .. } => "methodcaller",
    };
    if !a.kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "{kind}() takes no keyword arguments"
        )));
    }
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "{kind} expected 1 argument, got {}",
            a.pos.len() - 1
        )));
    }
    let obj = &a.pos[1];
    match g {
        Getter::Item(items) => {
            if items.len() == 1 {
                return vm.getitem(obj, &items[0]);
            }
            let mut out = Vec::with_capacity(items.len());
            for k in items {
                out.push(vm.getitem(obj, k)?);
            }
            Ok(Value::tuple(out))
        }
        Getter::Attr(names) => {
            let mut out = Vec::with_capacity(names.len());
            for path in names {
                let mut v = obj.clone();
                for part in path {
                    v = vm.getattr(&v, part)?;
                }
                out.push(v);
            }
            if out.len() == 1 {
                Ok(out.pop().expect("one"))
            } else {
                Ok(Value::tuple(out))
            }
        }
        Getter::Method { name, args, kw } => {
            let m = vm.getattr(obj, name)?;
            vm.call(&m, args, kw)
        }
    }
}

fn getter_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(g) = a.pos.first().and_then(downcast::<Getter>) else {
        return Err(PyErr::type_error("__repr__ needs an operator getter"));
    };
    let (kind, parts) = match g {
        Getter::Item(items) => {
            let mut p = vec![];
            for i in items {
                p.push(vm.repr(i)?);
            }
            ("itemgetter", p)
        }
        Getter::Attr(names) => (
            "attrgetter",
            names
                .iter()
                .map(|path| {
                    let joined: Vec<&str> = path.iter().map(|s| s.as_str()).collect();
                    crate::vm::strops::str_repr(&joined.join("."))
                })
                .collect(),
        ),
        Getter::Method { name, args, kw } => {
            let mut p = vec![crate::vm::strops::str_repr(name.as_str())];
            for v in args {
                p.push(vm.repr(v)?);
            }
            for (k, v) in kw {
                p.push(format!("{}={}", k.as_str(), vm.repr(v)?));
            }
            ("methodcaller", p)
        }
    };
    Ok(Value::string(format!(
        "operator.{kind}({})",
        parts.join(", ")
    )))
}

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    let f = crate::vm::builtins::builtin;
    for &(name, dunder, func) in BINOPS {
        let v = f(name, func);
        d.set_str(name, v.clone());
        d.set_str(dunder, v);
    }
    for &(name, func) in CMPOPS {
        let v = f(name, func);
        d.set_str(name, v.clone());
        d.set_str(&format!("__{name}__"), v);
    }
    let unary: &[(&'static str, &str, NativeFn)] = &[
        ("neg", "__neg__", neg),
        ("pos", "__pos__", pos),
        ("inv", "__inv__", inv),
        ("invert", "__invert__", invert),
        ("abs", "__abs__", abs),
        ("not_", "__not__", not_),
        ("truth", "", truth),
        ("is_", "", is_),
        ("is_not", "", is_not),
        ("index", "__index__", index),
        ("concat", "__concat__", concat),
        ("iconcat", "__iconcat__", iconcat),
        ("contains", "__contains__", contains),
        ("countOf", "", count_of),
        ("indexOf", "", index_of),
        ("getitem", "__getitem__", getitem),
        ("setitem", "__setitem__", setitem),
        ("delitem", "__delitem__", delitem),
        ("call", "__call__", call),
        ("length_hint", "", length_hint),
    ];
    for &(name, dunder, func) in unary {
        let v = f(name, func);
        d.set_str(name, v.clone());
        if !dunder.is_empty() {
            d.set_str(dunder, v);
        }
    }
    for cls in [
        Getter::Item(vec![]).class(),
        Getter::Attr(vec![]).class(),
        Getter::Method {
            name: crate::vm::value::intern("x"),
            args: vec![],
            kw: vec![],
        }
        .class(),
    ] {
        d.set_str(&cls.qualname(), Value::Class(cls));
    }
    Ok(())
}
