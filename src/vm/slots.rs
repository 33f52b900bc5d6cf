//! The slot table every type object carries, and how it is filled: native functions
//! for built-in types, wrappers that call dunder methods for classes made by Python
//! code (`slot_*` below), recomputed when a dunder is assigned on a class.
//!
//! The dispatch functions that read the table (`Vm::binary_op`, `Vm::compare`, ...)
//! are in dispatch.rs; the wrapper objects that expose built-in slots to Python
//! (`int.__add__`, `object.__init__`) are in descr.rs.

use super::cell::GilCell;
use super::errors::{PyErr, PyResult};
use super::refcount::Ref;
use super::typeobj::{flags, TypeObj};
use super::value::{PyStr, Value};
use super::Vm;
use crate::bytecode::{BinaryOp, CompareOp};

/// Binary operators with a slot each: `BinaryOp::base()` as an index.
pub const NB: usize = 13;

/// `a OP b`, called with the operands in their original order for both the left and
/// the right operand's slot (as CPython's `nb_add`); `NotImplemented` declines.
pub type BinaryFn = fn(&mut Vm, BinaryOp, &Value, &Value) -> PyResult<Value>;
pub type UnaryFn = fn(&mut Vm, &Value) -> PyResult<Value>;
/// Rich comparison of `a` (whose type's slot this is) with `b`; `NotImplemented` declines.
pub type CompareFn = fn(&mut Vm, &Value, &Value, CompareOp) -> PyResult<Value>;
pub type HashFn = fn(&mut Vm, &Value) -> PyResult<i64>;
pub type BoolFn = fn(&mut Vm, &Value) -> PyResult<bool>;
pub type LenFn = fn(&mut Vm, &Value) -> PyResult<usize>;
/// `obj[key]`, sequence concat (`a + b`) and repeat (`a * n`).
pub type BinFn = fn(&mut Vm, &Value, &Value) -> PyResult<Value>;
/// `obj[key] = v` (`Some(v)`) or `del obj[key]` (`None`).
pub type SetItemFn = fn(&mut Vm, &Value, &Value, Option<Value>) -> PyResult<()>;
pub type ContainsFn = fn(&mut Vm, &Value, &Value) -> PyResult<bool>;
/// `next(it)`: `Ok(None)` when exhausted (StopIteration is not materialised).
pub type NextFn = fn(&mut Vm, &Value) -> PyResult<Option<Value>>;
/// `obj.name`: `Ok(None)` when there is no such attribute (the caller raises).
pub type GetAttrFn = fn(&mut Vm, &Value, &Ref<PyStr>) -> PyResult<Option<Value>>;
/// `obj.name = v` (`Some(v)`) or `del obj.name` (`None`).
pub type SetAttrFn = fn(&mut Vm, &Value, &Ref<PyStr>, Option<Value>) -> PyResult<()>;
pub type CallFn = fn(&mut Vm, &Value, &[Value], &[(Ref<PyStr>, Value)]) -> PyResult<Value>;
/// `repr()` / `str()`: the result is checked to be a str by the caller.
pub type ReprFn = fn(&mut Vm, &Value) -> PyResult<Value>;
/// `descr.__get__(obj, owner)`; `obj` is `None` for an access through the class.
pub type DescrGetFn = fn(&mut Vm, &Value, Option<&Value>, &Value) -> PyResult<Value>;
/// `descr.__set__(obj, v)` (`Some(v)`) or `descr.__delete__(obj)` (`None`).
pub type DescrSetFn = fn(&mut Vm, &Value, &Value, Option<Value>) -> PyResult<()>;
pub type NewFn = fn(&mut Vm, &Ref<TypeObj>, &[Value], &[(Ref<PyStr>, Value)]) -> PyResult<Value>;
pub type InitFn = fn(&mut Vm, &Value, &[Value], &[(Ref<PyStr>, Value)]) -> PyResult<()>;
/// `__del__`: run from the finalizer queue; errors are reported, not raised.
pub type DelFn = fn(&mut Vm, &Value) -> PyResult<()>;

type Cell<F> = GilCell<Option<F>>;

/// One function pointer per behaviour the VM dispatches on (CPython's `tp_*`,
/// `nb_*`, `sq_*`, `mp_*` slots, flattened). `None`: the type does not support it.
/// (Traversal is a layout matter: `TypeObj::layout_fns`.)
#[derive(Default)]
pub struct Slots {
    pub binop: [Cell<BinaryFn>; NB],
    pub inplace: [Cell<BinaryFn>; NB],
    pub neg: Cell<UnaryFn>,
    pub pos: Cell<UnaryFn>,
    pub invert: Cell<UnaryFn>,
    pub abs: Cell<UnaryFn>,
    pub index: Cell<UnaryFn>,
    pub int: Cell<UnaryFn>,
    pub float: Cell<UnaryFn>,
    pub bool: Cell<BoolFn>,
    pub compare: Cell<CompareFn>,
    pub hash: Cell<HashFn>,
    pub len: Cell<LenFn>,
    pub getitem: Cell<BinFn>,
    pub setitem: Cell<SetItemFn>,
    pub contains: Cell<ContainsFn>,
    pub concat: Cell<BinFn>,
    pub repeat: Cell<BinFn>,
    pub inplace_concat: Cell<BinFn>,
    pub inplace_repeat: Cell<BinFn>,
    pub iter: Cell<UnaryFn>,
    pub next: Cell<NextFn>,
    pub getattr: Cell<GetAttrFn>,
    pub setattr: Cell<SetAttrFn>,
    pub call: Cell<CallFn>,
    pub repr: Cell<ReprFn>,
    pub str: Cell<ReprFn>,
    pub descr_get: Cell<DescrGetFn>,
    pub descr_set: Cell<DescrSetFn>,
    pub new: Cell<NewFn>,
    pub init: Cell<InitFn>,
    pub del: Cell<DelFn>,
}

macro_rules! each_single_slot {
    ($m:ident) => {
        $m!(
            neg,
            pos,
            invert,
            abs,
            index,
            int,
            float,
            bool,
            compare,
            hash,
            len,
            getitem,
            setitem,
            contains,
            concat,
            repeat,
            inplace_concat,
            inplace_repeat,
            iter,
            next,
            getattr,
            setattr,
            call,
            repr,
            str,
            descr_get,
            descr_set,
            new,
            init,
            del
        );
    };
}

impl Slots {
    /// A copy, for a new type that starts with its base's behaviour.
    pub fn inherit(&self) -> Slots {
        let s = Slots::default();
        for i in 0..NB {
            s.binop[i].set(self.binop[i].get());
            s.inplace[i].set(self.inplace[i].get());
        }
        macro_rules! copy {
            ($($f:ident),*) => { $( s.$f.set(self.$f.get()); )* };
        }
        each_single_slot!(copy);
        s
    }
}

/// Which slot a dunder fills (`SLOTDEFS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotId {
    Binop(usize),
    Inplace(usize),
    /// The sequence slots of built-in types (0 concat, 1 repeat, 2 in-place concat,
    /// 3 in-place repeat): exposed as `__add__`/`__mul__`/... wrappers only.
    Seq(u8),
    Neg,
    Pos,
    Invert,
    Abs,
    Index,
    Int,
    Float,
    Bool,
    Compare,
    Hash,
    Len,
    GetItem,
    SetItem,
    Contains,
    Iter,
    Next,
    GetAttr,
    SetAttr,
    Call,
    Repr,
    Str,
    DescrGet,
    DescrSet,
    New,
    Init,
    Del,
}

const fn b(op: BinaryOp) -> usize {
    op as usize
}

/// Every dunder that fills a slot. Several dunders may fill one slot (`__add__` and
/// `__radd__`; `__setitem__` and `__delitem__`); the slot's wrapper looks up the one
/// it needs when called.
pub const SLOTDEFS: &[(&str, SlotId)] = &[
    ("__add__", SlotId::Binop(b(BinaryOp::Add))),
    ("__radd__", SlotId::Binop(b(BinaryOp::Add))),
    ("__sub__", SlotId::Binop(b(BinaryOp::Sub))),
    ("__rsub__", SlotId::Binop(b(BinaryOp::Sub))),
    ("__mul__", SlotId::Binop(b(BinaryOp::Mul))),
    ("__rmul__", SlotId::Binop(b(BinaryOp::Mul))),
    ("__truediv__", SlotId::Binop(b(BinaryOp::TrueDiv))),
    ("__rtruediv__", SlotId::Binop(b(BinaryOp::TrueDiv))),
    ("__floordiv__", SlotId::Binop(b(BinaryOp::FloorDiv))),
    ("__rfloordiv__", SlotId::Binop(b(BinaryOp::FloorDiv))),
    ("__mod__", SlotId::Binop(b(BinaryOp::Mod))),
    ("__rmod__", SlotId::Binop(b(BinaryOp::Mod))),
    ("__pow__", SlotId::Binop(b(BinaryOp::Pow))),
    ("__rpow__", SlotId::Binop(b(BinaryOp::Pow))),
    ("__lshift__", SlotId::Binop(b(BinaryOp::LShift))),
    ("__rlshift__", SlotId::Binop(b(BinaryOp::LShift))),
    ("__rshift__", SlotId::Binop(b(BinaryOp::RShift))),
    ("__rrshift__", SlotId::Binop(b(BinaryOp::RShift))),
    ("__and__", SlotId::Binop(b(BinaryOp::And))),
    ("__rand__", SlotId::Binop(b(BinaryOp::And))),
    ("__or__", SlotId::Binop(b(BinaryOp::Or))),
    ("__ror__", SlotId::Binop(b(BinaryOp::Or))),
    ("__xor__", SlotId::Binop(b(BinaryOp::Xor))),
    ("__rxor__", SlotId::Binop(b(BinaryOp::Xor))),
    ("__matmul__", SlotId::Binop(b(BinaryOp::MatMul))),
    ("__rmatmul__", SlotId::Binop(b(BinaryOp::MatMul))),
    ("__iadd__", SlotId::Inplace(b(BinaryOp::Add))),
    ("__isub__", SlotId::Inplace(b(BinaryOp::Sub))),
    ("__imul__", SlotId::Inplace(b(BinaryOp::Mul))),
    ("__itruediv__", SlotId::Inplace(b(BinaryOp::TrueDiv))),
    ("__ifloordiv__", SlotId::Inplace(b(BinaryOp::FloorDiv))),
    ("__imod__", SlotId::Inplace(b(BinaryOp::Mod))),
    ("__ipow__", SlotId::Inplace(b(BinaryOp::Pow))),
    ("__ilshift__", SlotId::Inplace(b(BinaryOp::LShift))),
    ("__irshift__", SlotId::Inplace(b(BinaryOp::RShift))),
    ("__iand__", SlotId::Inplace(b(BinaryOp::And))),
    ("__ior__", SlotId::Inplace(b(BinaryOp::Or))),
    ("__ixor__", SlotId::Inplace(b(BinaryOp::Xor))),
    ("__imatmul__", SlotId::Inplace(b(BinaryOp::MatMul))),
    ("__neg__", SlotId::Neg),
    ("__pos__", SlotId::Pos),
    ("__invert__", SlotId::Invert),
    ("__abs__", SlotId::Abs),
    ("__index__", SlotId::Index),
    ("__int__", SlotId::Int),
    ("__float__", SlotId::Float),
    ("__bool__", SlotId::Bool),
    ("__lt__", SlotId::Compare),
    ("__le__", SlotId::Compare),
    ("__eq__", SlotId::Compare),
    ("__ne__", SlotId::Compare),
    ("__gt__", SlotId::Compare),
    ("__ge__", SlotId::Compare),
    ("__hash__", SlotId::Hash),
    ("__len__", SlotId::Len),
    ("__getitem__", SlotId::GetItem),
    ("__setitem__", SlotId::SetItem),
    ("__delitem__", SlotId::SetItem),
    ("__contains__", SlotId::Contains),
    ("__iter__", SlotId::Iter),
    ("__next__", SlotId::Next),
    ("__getattribute__", SlotId::GetAttr),
    ("__getattr__", SlotId::GetAttr),
    ("__setattr__", SlotId::SetAttr),
    ("__delattr__", SlotId::SetAttr),
    ("__call__", SlotId::Call),
    ("__repr__", SlotId::Repr),
    ("__str__", SlotId::Str),
    ("__get__", SlotId::DescrGet),
    ("__set__", SlotId::DescrSet),
    ("__delete__", SlotId::DescrSet),
    ("__new__", SlotId::New),
    ("__init__", SlotId::Init),
    ("__del__", SlotId::Del),
];

/// Every slot that dunders fill, once, with its dunders.
pub fn slots_with_dunders() -> &'static [(SlotId, Vec<&'static str>)] {
    static ALL: std::sync::OnceLock<Vec<(SlotId, Vec<&'static str>)>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<(SlotId, Vec<&'static str>)> = Vec::new();
        for &(name, id) in SLOTDEFS {
            match v.iter_mut().find(|(i, _)| *i == id) {
                Some((_, names)) => names.push(name),
                None => v.push((id, vec![name])),
            }
        }
        v
    })
}

/// The slot a dunder fills, if any.
pub fn slot_of(name: &str) -> Option<SlotId> {
    if !(name.starts_with("__") && name.ends_with("__")) {
        return None;
    }
    SLOTDEFS.iter().find(|(n, _)| *n == name).map(|&(_, id)| id)
}

fn dunders(id: SlotId) -> impl Iterator<Item = &'static str> {
    SLOTDEFS
        .iter()
        .filter(move |(_, s)| *s == id)
        .map(|(n, _)| *n)
}

/// Copies slot `id` from `from` to `to`.
fn copy_slot(to: &Slots, from: &Slots, id: SlotId) {
    macro_rules! cp {
        ($f:ident) => {
            to.$f.set(from.$f.get())
        };
    }
    match id {
        SlotId::Binop(i) => to.binop[i].set(from.binop[i].get()),
        SlotId::Inplace(i) => to.inplace[i].set(from.inplace[i].get()),
        SlotId::Seq(0) => cp!(concat),
        SlotId::Seq(1) => cp!(repeat),
        SlotId::Seq(2) => cp!(inplace_concat),
        SlotId::Seq(_) => cp!(inplace_repeat),
        SlotId::Neg => cp!(neg),
        SlotId::Pos => cp!(pos),
        SlotId::Invert => cp!(invert),
        SlotId::Abs => cp!(abs),
        SlotId::Index => cp!(index),
        SlotId::Int => cp!(int),
        SlotId::Float => cp!(float),
        SlotId::Bool => cp!(bool),
        SlotId::Compare => cp!(compare),
        SlotId::Hash => cp!(hash),
        SlotId::Len => cp!(len),
        SlotId::GetItem => cp!(getitem),
        SlotId::SetItem => cp!(setitem),
        SlotId::Contains => cp!(contains),
        SlotId::Iter => cp!(iter),
        SlotId::Next => cp!(next),
        SlotId::GetAttr => cp!(getattr),
        SlotId::SetAttr => cp!(setattr),
        SlotId::Call => cp!(call),
        SlotId::Repr => cp!(repr),
        SlotId::Str => cp!(str),
        SlotId::DescrGet => cp!(descr_get),
        SlotId::DescrSet => cp!(descr_set),
        SlotId::New => cp!(new),
        SlotId::Init => cp!(init),
        SlotId::Del => cp!(del),
    }
}

/// Points slot `id` at the wrapper that calls the dunder (or clears it).
fn set_wrapper(s: &Slots, id: SlotId, on: bool) {
    macro_rules! w {
        ($f:ident, $w:expr) => {
            s.$f.set(on.then_some($w))
        };
    }
    match id {
        SlotId::Binop(i) => s.binop[i].set(on.then_some(slot_binop as BinaryFn)),
        SlotId::Inplace(i) => s.inplace[i].set(on.then_some(slot_inplace as BinaryFn)),
        SlotId::Seq(_) => {}
        SlotId::Neg => w!(neg, slot_neg as UnaryFn),
        SlotId::Pos => w!(pos, slot_pos as UnaryFn),
        SlotId::Invert => w!(invert, slot_invert as UnaryFn),
        SlotId::Abs => w!(abs, slot_abs as UnaryFn),
        SlotId::Index => w!(index, slot_index as UnaryFn),
        SlotId::Int => w!(int, slot_int as UnaryFn),
        SlotId::Float => w!(float, slot_float as UnaryFn),
        SlotId::Bool => w!(bool, slot_bool as BoolFn),
        SlotId::Compare => w!(compare, slot_compare as CompareFn),
        SlotId::Hash => w!(hash, slot_hash as HashFn),
        SlotId::Len => w!(len, slot_len as LenFn),
        SlotId::GetItem => w!(getitem, slot_getitem as BinFn),
        SlotId::SetItem => w!(setitem, slot_setitem as SetItemFn),
        SlotId::Contains => w!(contains, slot_contains as ContainsFn),
        SlotId::Iter => w!(iter, slot_iter as UnaryFn),
        SlotId::Next => w!(next, slot_next as NextFn),
        SlotId::GetAttr => w!(getattr, slot_getattr as GetAttrFn),
        SlotId::SetAttr => w!(setattr, slot_setattr as SetAttrFn),
        SlotId::Call => w!(call, slot_call as CallFn),
        SlotId::Repr => w!(repr, slot_repr as ReprFn),
        SlotId::Str => w!(str, slot_str as ReprFn),
        SlotId::DescrGet => w!(descr_get, slot_descr_get as DescrGetFn),
        SlotId::DescrSet => w!(descr_set, slot_descr_set as DescrSetFn),
        SlotId::New => w!(new, slot_new as NewFn),
        SlotId::Init => w!(init, slot_init as InitFn),
        SlotId::Del => w!(del, slot_del as DelFn),
    }
}

/// Recomputes slot `id` of `ty` from its MRO: the first class whose own namespace
/// defines one of the slot's dunders decides. A core built-in type there gives its
/// native function; any other class gives the wrapper that calls the dunder. If no
/// class defines it, the slot is what the base had (built-in behaviour without a
/// dunder, such as traversal) or empty.
fn recompute(ty: &Ref<TypeObj>, id: SlotId) {
    let mut chain = Vec::with_capacity(ty.mro_tail().len() + 1);
    chain.push(ty.clone());
    chain.extend(ty.mro_tail().iter().cloned());
    for cls in &chain {
        let defined = {
            let attrs = cls.attrs().lock();
            let mut found = None;
            for name in dunders(id) {
                if let Some(v) = attrs.get(&PyStr::new(name)) {
                    found = Some(v.clone());
                    break;
                }
            }
            found
        };
        let Some(v) = defined else { continue };
        // A native class may have a finalizer of its own beside its `__del__` method
        // (asyncio's Future core): its subclasses take the function, not the wrapper
        // that would look `__del__` up and call it.
        let native_del = id == SlotId::Del
            && !cls.has_flag(flags::HEAP)
            && cls.slots.del.get().is_some_and(|f| !is_dunder_del(f));
        if cls.has_flag(flags::NATIVE_SLOTS) || native_del {
            copy_slot(&ty.slots, &cls.slots, id);
        } else if id == SlotId::Hash && matches!(v, Value::None) {
            // `__hash__ = None` (also set for a class that defines `__eq__` only).
            ty.slots.hash.set(Some(hash_unhashable));
        } else {
            set_wrapper(&ty.slots, id, true);
        }
        return;
    }
    set_wrapper(&ty.slots, id, false);
}

/// Fills every slot of a new class from its namespace and MRO, and its fast-path
/// flags.
pub fn fixup_slots(ty: &Ref<TypeObj>) {
    for (id, _) in slots_with_dunders() {
        recompute(ty, *id);
    }
    set_fast_flags(ty);
}

/// Sets `FAST_GET`/`FAST_SET` on a new type if they hold (see `typeobj::flags`).
pub fn set_fast_flags(ty: &Ref<TypeObj>) {
    let object = &super::types::types().object;
    let mut chain = vec![ty.clone()];
    chain.extend(ty.mro_tail().iter().cloned());
    let data_descr = chain.iter().filter(|c| !Ref::ptr_eq(c, object)).any(|c| {
        c.attrs()
            .lock()
            .values()
            .any(|v| super::dispatch::type_ref(v).slots.descr_set.get().is_some())
    });
    if data_descr {
        return;
    }
    let generic_get = ty.slots.getattr.get().map(|f| f as usize)
        == Some(super::descr::generic_getattr as GetAttrFn as usize);
    let generic_set = ty.slots.setattr.get().map(|f| f as usize)
        == Some(super::descr::generic_setattr as SetAttrFn as usize);
    if generic_get {
        ty.set_flags(flags::FAST_GET);
    }
    if generic_set {
        ty.set_flags(flags::FAST_SET);
    }
}

/// For a type whose methods are installed from Rust (native classes of modules, or
/// a built-in type given a dunder method such as `OSError.__init__`): every dunder in
/// its own namespace gets the wrapper, except where the type already has a native
/// slot of its own (`list.__len__` next to list's native length).
pub fn fill_slots_from_dict(ty: &Ref<TypeObj>) {
    let names: Vec<(String, bool)> = ty
        .attrs()
        .lock()
        .iter()
        .map(|(k, v)| (k.as_str().to_string(), matches!(v, Value::None)))
        .collect();
    for (n, is_none) in names {
        let Some(id) = slot_of(&n) else { continue };
        if ty.has_flag(flags::NATIVE_SLOTS) && own_native(ty, id) {
            continue;
        }
        if id == SlotId::Hash && is_none {
            ty.slots.hash.set(Some(hash_unhashable));
        } else {
            set_wrapper(&ty.slots, id, true);
        }
        inherit_down(ty, id);
    }
}

/// Subclasses made before a method was installed on their base (FileNotFoundError
/// before `OSError.__str__`) take the base's new slot unless they define the dunder.
fn inherit_down(ty: &Ref<TypeObj>, id: SlotId) {
    for sub in ty.subclasses() {
        let own = {
            let attrs = sub.attrs().lock();
            dunders(id).any(|n| attrs.contains_key(&PyStr::new(n)))
        };
        if !own {
            copy_slot(&sub.slots, &ty.slots, id);
            inherit_down(&sub, id);
        }
    }
}

/// Whether `ty`'s slot `id` is set and differs from its base's (its own native).
fn own_native(ty: &TypeObj, id: SlotId) -> bool {
    let probe = Slots::default();
    copy_slot(&probe, &ty.slots, id);
    let mine = slot_word(&probe, id);
    if mine.is_none() {
        return false;
    }
    match &ty.base {
        Some(b) => {
            let theirs = Slots::default();
            copy_slot(&theirs, &b.slots, id);
            slot_word(&theirs, id) != mine
        }
        None => true,
    }
}

/// The address of slot `id`'s function, if set (to compare slots).
pub fn slot_word(s: &Slots, id: SlotId) -> Option<usize> {
    macro_rules! a {
        ($f:ident) => {
            s.$f.get().map(|f| f as usize)
        };
    }
    match id {
        SlotId::Binop(i) => s.binop[i].get().map(|f| f as usize),
        SlotId::Inplace(i) => s.inplace[i].get().map(|f| f as usize),
        SlotId::Seq(0) => a!(concat),
        SlotId::Seq(1) => a!(repeat),
        SlotId::Seq(2) => a!(inplace_concat),
        SlotId::Seq(_) => a!(inplace_repeat),
        SlotId::Neg => a!(neg),
        SlotId::Pos => a!(pos),
        SlotId::Invert => a!(invert),
        SlotId::Abs => a!(abs),
        SlotId::Index => a!(index),
        SlotId::Int => a!(int),
        SlotId::Float => a!(float),
        SlotId::Bool => a!(bool),
        SlotId::Compare => a!(compare),
        SlotId::Hash => a!(hash),
        SlotId::Len => a!(len),
        SlotId::GetItem => a!(getitem),
        SlotId::SetItem => a!(setitem),
        SlotId::Contains => a!(contains),
        SlotId::Iter => a!(iter),
        SlotId::Next => a!(next),
        SlotId::GetAttr => a!(getattr),
        SlotId::SetAttr => a!(setattr),
        SlotId::Call => a!(call),
        SlotId::Repr => a!(repr),
        SlotId::Str => a!(str),
        SlotId::DescrGet => a!(descr_get),
        SlotId::DescrSet => a!(descr_set),
        SlotId::New => a!(new),
        SlotId::Init => a!(init),
        SlotId::Del => a!(del),
    }
}

/// After `name` was assigned or deleted on heap type `ty`: if it is a dunder, the
/// slot it fills is recomputed for `ty` and every subclass.
pub fn update_slot(ty: &Ref<TypeObj>, name: &str) {
    let Some(id) = slot_of(name) else { return };
    if !ty.is_heap() {
        return;
    }
    fn walk(ty: &Ref<TypeObj>, id: SlotId) {
        recompute(ty, id);
        for sub in ty.subclasses() {
            walk(&sub, id);
        }
    }
    walk(ty, id);
    match id {
        SlotId::GetAttr => ty.clear_flags(flags::FAST_GET),
        SlotId::SetAttr => ty.clear_flags(flags::FAST_SET),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------
// The wrappers: slots of classes that define dunders in Python. Each looks the dunder
// up on the type of the object and calls it, checking its result as CPython does.
// `#[inline(never)]` keeps one address per wrapper: the binary-operator wrapper
// compares slot pointers to know whether the other operand's type also uses it.
// ---------------------------------------------------------------------------------

fn unhashable(vm: &Vm, v: &Value) -> PyErr {
    PyErr::type_error(format!("unhashable type: '{}'", vm.type_name(v)))
}

/// The hash slot of `__hash__ = None` classes (and of list, dict, set).
pub fn hash_unhashable(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    Err(unhashable(vm, v))
}

/// Whether `v` is the `NotImplemented` singleton (an address compare).
#[inline]
pub fn is_ni(v: &Value) -> bool {
    match v {
        Value::Instance(i) => Ref::header(i).addr() == super::ops::not_implemented_addr(),
        _ => false,
    }
}

/// The dunder names of a binary operator: (`__add__`, `__radd__`, `__iadd__`).
pub fn binop_dunders(op: BinaryOp) -> (&'static str, &'static str, &'static str) {
    use BinaryOp::*;
    match op.base() {
        Add => ("__add__", "__radd__", "__iadd__"),
        Sub => ("__sub__", "__rsub__", "__isub__"),
        Mul => ("__mul__", "__rmul__", "__imul__"),
        TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
        FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        Mod => ("__mod__", "__rmod__", "__imod__"),
        Pow => ("__pow__", "__rpow__", "__ipow__"),
        LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        And => ("__and__", "__rand__", "__iand__"),
        Or => ("__or__", "__ror__", "__ior__"),
        Xor => ("__xor__", "__rxor__", "__ixor__"),
        _ => ("__matmul__", "__rmatmul__", "__imatmul__"),
    }
}

/// Looks `name` up on `obj`'s type and calls it with `obj` first; `None` when the
/// type has no such attribute (the caller decides what that means).
pub fn call_dunder(
    vm: &mut Vm,
    obj: &Value,
    name: &str,
    args: &[Value],
) -> PyResult<Option<Value>> {
    let ty = vm.type_of(obj);
    let Some(f) = ty.lookup_str(name) else {
        return Ok(None);
    };
    vm.call_unbound(&f, obj, &ty, args).map(Some)
}

/// Like `call_dunder`, for a dunder the slot's existence promises: a missing one
/// (deleted since) is an AttributeError naming it, as CPython's.
fn call_required(vm: &mut Vm, obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    match call_dunder(vm, obj, name, args)? {
        Some(v) => Ok(v),
        None => Err(PyErr::attribute_error(name.to_string())),
    }
}

/// Whether `sub` overrides `name` relative to `base` (the reflected-first rule).
fn overrides(sub: &TypeObj, base: &TypeObj, name: &str) -> bool {
    match (sub.lookup_str(name), base.lookup_str(name)) {
        (Some(a), Some(b)) => !a.ptr_eq(&b),
        (Some(_), None) => true,
        _ => false,
    }
}

#[inline(never)]
fn slot_binop(vm: &mut Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (l, r, _) = binop_dunders(op);
    let i = op.base() as usize;
    let (ta, tb) = (vm.type_of(a), vm.type_of(b));
    let same = Ref::ptr_eq(&ta, &tb);
    let mine = slot_binop as BinaryFn as usize;
    let a_has = ta.slots.binop[i].get().map(|f| f as usize) == Some(mine);
    let mut do_other = !same && tb.slots.binop[i].get().map(|f| f as usize) == Some(mine);
    if a_has {
        if do_other && tb.is_subclass(&ta) && overrides(&tb, &ta, r) {
            if let Some(v) = call_dunder(vm, b, r, std::slice::from_ref(a))? {
                if !is_ni(&v) {
                    return Ok(v);
                }
            }
            do_other = false;
        }
        if let Some(v) = call_dunder(vm, a, l, std::slice::from_ref(b))? {
            if !is_ni(&v) || same {
                return Ok(v);
            }
        }
    }
    if do_other {
        if let Some(v) = call_dunder(vm, b, r, std::slice::from_ref(a))? {
            return Ok(v);
        }
    }
    Ok(super::ops::not_implemented())
}

#[inline(never)]
fn slot_inplace(vm: &mut Vm, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (_, _, name) = binop_dunders(op);
    Ok(call_dunder(vm, a, name, std::slice::from_ref(b))?
        .unwrap_or_else(super::ops::not_implemented))
}

macro_rules! unary_wrappers {
    ($($f:ident => $name:literal),*) => {
        $(
            #[inline(never)]
            fn $f(vm: &mut Vm, a: &Value) -> PyResult<Value> {
                call_required(vm, a, $name, &[])
            }
        )*
    };
}

unary_wrappers!(
    slot_neg => "__neg__",
    slot_pos => "__pos__",
    slot_invert => "__invert__",
    slot_abs => "__abs__",
    slot_float => "__float__"
);

#[inline(never)]
fn slot_index(vm: &mut Vm, a: &Value) -> PyResult<Value> {
    let r = call_required(vm, a, "__index__", &[])?;
    match r.payload() {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => Ok(r),
        _ => Err(PyErr::type_error(format!(
            "__index__ returned non-int (type {})",
            vm.type_name(&r)
        ))),
    }
}

#[inline(never)]
fn slot_int(vm: &mut Vm, a: &Value) -> PyResult<Value> {
    let r = call_required(vm, a, "__int__", &[])?;
    match r.payload() {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => Ok(r),
        _ => Err(PyErr::type_error(format!(
            "__int__ returned non-int (type {})",
            vm.type_name(&r)
        ))),
    }
}

#[inline(never)]
fn slot_bool(vm: &mut Vm, a: &Value) -> PyResult<bool> {
    match call_required(vm, a, "__bool__", &[])? {
        Value::Bool(b) => Ok(b),
        r => Err(PyErr::type_error(format!(
            "__bool__ should return bool, returned {}",
            vm.type_name(&r)
        ))),
    }
}

#[inline(never)]
fn slot_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    Ok(call_dunder(vm, a, op.dunder(), std::slice::from_ref(b))?
        .unwrap_or_else(super::ops::not_implemented))
}

#[inline(never)]
fn slot_hash(vm: &mut Vm, a: &Value) -> PyResult<i64> {
    let r = call_required(vm, a, "__hash__", &[])?;
    match r.payload() {
        // As CPython: a result that fits a machine word is the hash itself (so
        // `hash(self.name)` passes through unchanged), only -1 being taken.
        Value::Int(i) => Ok(if *i == -1 { -2 } else { *i }),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(b) => Ok(super::ops::hash_bigint(b)),
        _ => Err(PyErr::type_error(
            "__hash__ method should return an integer",
        )),
    }
}

#[inline(never)]
fn slot_len(vm: &mut Vm, a: &Value) -> PyResult<usize> {
    let r = call_required(vm, a, "__len__", &[])?;
    if !matches!(
        r.payload(),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_)
    ) {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(&r)
        )));
    }
    if let Value::BigInt(b) = r.payload() {
        return Err(if num_traits::Signed::is_negative(&**b) {
            PyErr::value_error("__len__() should return >= 0")
        } else {
            PyErr::overflow_error("cannot fit 'int' into an index-sized integer")
        });
    }
    let n = vm.to_index(&r)?;
    if n < 0 {
        return Err(PyErr::value_error("__len__() should return >= 0"));
    }
    Ok(n as usize)
}

#[inline(never)]
fn slot_getitem(vm: &mut Vm, a: &Value, k: &Value) -> PyResult<Value> {
    call_required(vm, a, "__getitem__", std::slice::from_ref(k))
}

#[inline(never)]
fn slot_setitem(vm: &mut Vm, a: &Value, k: &Value, v: Option<Value>) -> PyResult<()> {
    match v {
        Some(v) => call_required(vm, a, "__setitem__", &[k.clone(), v])?,
        None => call_required(vm, a, "__delitem__", std::slice::from_ref(k))?,
    };
    Ok(())
}

#[inline(never)]
fn slot_contains(vm: &mut Vm, a: &Value, x: &Value) -> PyResult<bool> {
    match call_dunder(vm, a, "__contains__", std::slice::from_ref(x))? {
        Some(r) => vm.truthy(&r),
        // `__contains__ = None` or deleted: fall back to iteration, as CPython.
        None => vm.contains_by_iter(a, x),
    }
}

#[inline(never)]
fn slot_iter(vm: &mut Vm, a: &Value) -> PyResult<Value> {
    let ty = vm.type_of(a);
    match ty.lookup_str("__iter__") {
        Some(Value::None) => Err(PyErr::type_error(format!(
            "'{}' object is not iterable",
            ty.name()
        ))),
        Some(f) => {
            let it = vm.call_unbound(&f, a, &ty, &[])?;
            if vm.type_of(&it).slots.next.get().is_none() {
                return Err(PyErr::type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    vm.type_name(&it)
                )));
            }
            Ok(it)
        }
        None => Err(PyErr::attribute_error("__iter__")),
    }
}

#[inline(never)]
fn slot_next(vm: &mut Vm, a: &Value) -> PyResult<Option<Value>> {
    match call_required(vm, a, "__next__", &[]) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is(&super::types::types().stop_iteration) => Ok(None),
        Err(e) => Err(e),
    }
}

/// CPython's `slot_tp_getattr_hook`: `__getattribute__` (the class's, or the generic
/// lookup), then `__getattr__` if that found nothing.
#[inline(never)]
fn slot_getattr(vm: &mut Vm, obj: &Value, name: &Ref<PyStr>) -> PyResult<Option<Value>> {
    let ty = vm.type_of(obj);
    let ga = ty.lookup_str("__getattribute__");
    let found = match &ga {
        Some(f) if !super::descr::is_native_wrapper(f, SlotId::GetAttr) => {
            match vm.call_unbound(f, obj, &ty, &[Value::Str(name.clone())]) {
                Ok(v) => Some(v),
                Err(e) if e.is(&super::types::types().attribute_error) => {
                    if ty.lookup_str("__getattr__").is_none() {
                        return Err(e);
                    }
                    None
                }
                Err(e) => return Err(e),
            }
        }
        _ => match super::descr::generic_getattr(vm, obj, name) {
            Ok(v) => v,
            Err(e) if e.is(&super::types::types().attribute_error) => None,
            Err(e) => return Err(e),
        },
    };
    if found.is_some() {
        return Ok(found);
    }
    match ty.lookup_str("__getattr__") {
        Some(f) => match vm.call_unbound(&f, obj, &ty, &[Value::Str(name.clone())]) {
            Ok(v) => Ok(Some(v)),
            Err(e) => Err(e),
        },
        None => Ok(None),
    }
}

#[inline(never)]
fn slot_setattr(vm: &mut Vm, obj: &Value, name: &Ref<PyStr>, v: Option<Value>) -> PyResult<()> {
    match v {
        Some(v) => call_required(vm, obj, "__setattr__", &[Value::Str(name.clone()), v])?,
        None => call_required(vm, obj, "__delattr__", &[Value::Str(name.clone())])?,
    };
    Ok(())
}

#[inline(never)]
fn slot_call(
    vm: &mut Vm,
    obj: &Value,
    args: &[Value],
    kw: &[(Ref<PyStr>, Value)],
) -> PyResult<Value> {
    let ty = vm.type_of(obj);
    match ty.lookup_str("__call__") {
        Some(f) => vm.call_unbound_kw(&f, obj, &ty, args, kw),
        None => Err(PyErr::type_error(format!(
            "'{}' object is not callable",
            ty.name()
        ))),
    }
}

#[inline(never)]
fn slot_repr(vm: &mut Vm, a: &Value) -> PyResult<Value> {
    call_required(vm, a, "__repr__", &[])
}

#[inline(never)]
fn slot_str(vm: &mut Vm, a: &Value) -> PyResult<Value> {
    call_required(vm, a, "__str__", &[])
}

#[inline(never)]
fn slot_descr_get(vm: &mut Vm, d: &Value, obj: Option<&Value>, owner: &Value) -> PyResult<Value> {
    let obj = obj.cloned().unwrap_or(Value::None);
    call_required(vm, d, "__get__", &[obj, owner.clone()])
}

#[inline(never)]
fn slot_descr_set(vm: &mut Vm, d: &Value, obj: &Value, v: Option<Value>) -> PyResult<()> {
    match v {
        Some(v) => call_required(vm, d, "__set__", &[obj.clone(), v])?,
        None => call_required(vm, d, "__delete__", std::slice::from_ref(obj))?,
    };
    Ok(())
}

/// `C(...)` for a class with a Python `__new__`: called as `C.__new__(C, ...)`
/// (`__new__` is a static method).
#[inline(never)]
fn slot_new(
    vm: &mut Vm,
    cls: &Ref<TypeObj>,
    args: &[Value],
    kw: &[(Ref<PyStr>, Value)],
) -> PyResult<Value> {
    let Some(f) = cls.lookup_str("__new__") else {
        return Err(PyErr::attribute_error("__new__"));
    };
    let f = super::descr::unwrap_staticmethod(&f);
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(Value::Class(cls.clone()));
    all.extend_from_slice(args);
    vm.call(&f, &all, kw)
}

#[inline(never)]
fn slot_init(vm: &mut Vm, obj: &Value, args: &[Value], kw: &[(Ref<PyStr>, Value)]) -> PyResult<()> {
    let ty = vm.type_of(obj);
    let Some(f) = ty.lookup_str("__init__") else {
        return Err(PyErr::attribute_error("__init__"));
    };
    let r = vm.call_unbound_kw(&f, obj, &ty, args, kw)?;
    if !matches!(r, Value::None) {
        return Err(init_returned(vm, &r));
    }
    Ok(())
}

/// Whether an init slot is the one that calls a Python `__init__` (the eval loop
/// runs that `__init__` as a frame of its own instead: eval.rs, `call_class`).
pub fn is_python_init(f: InitFn) -> bool {
    f as usize == slot_init as InitFn as usize
}

/// The TypeError of an `__init__` that returned `r`, not None.
#[cold]
pub fn init_returned(vm: &Vm, r: &Value) -> PyErr {
    PyErr::type_error(format!(
        "__init__() should return None, not '{}'",
        vm.type_name(r)
    ))
}

/// Whether a del slot is the wrapper that calls a Python `__del__` (anything else is
/// a native class's own finalizer).
pub fn is_dunder_del(f: DelFn) -> bool {
    f as usize == slot_del as DelFn as usize
}

#[inline(never)]
fn slot_del(vm: &mut Vm, obj: &Value) -> PyResult<()> {
    call_dunder(vm, obj, "__del__", &[])?;
    Ok(())
}
