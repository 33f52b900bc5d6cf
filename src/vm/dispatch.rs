//! The generic operations the eval loop and the builtins call (`binary_op`, `compare`,
//! `truthy`, `hash`, `len`, `getitem`, `iter`, `next`, `repr`, `call`, ...): each reads
//! the slot from the operand's type object, with CPython's rules for reflected
//! operands, fallbacks and error messages. A few inline fast paths for the commonest
//! built-in operands come first; they are layout checks, exact because an object
//! whose type overrides behaviour never has a built-in layout (architecture.md).

use super::errors::{PyErr, PyResult};
use super::refcount::Ref;
use super::slots::is_ni;
use super::typeobj::TypeObj;
use super::types::types;
use super::value::{PyStr, Value};
use super::Vm;
use crate::bytecode::{BinaryOp, CompareOp};

/// The type of `v`, borrowed: from the header for heap values, a built-in type for
/// inline ones.
#[inline(always)]
pub fn type_ref(v: &Value) -> &Ref<TypeObj> {
    match v.header() {
        Some(h) => h.ty(),
        None => {
            let t = types();
            match v {
                Value::Bool(_) => &t.bool,
                Value::Int(_) => &t.int,
                Value::Float(_) => &t.float,
                _ => &t.none,
            }
        }
    }
}

macro_rules! fn_addr {
    ($f:expr) => {
        $f.map(|f| f as usize)
    };
}

impl Vm {
    /// The class of any value (`type(v)`).
    #[inline]
    pub fn type_of(&self, v: &Value) -> Ref<TypeObj> {
        type_ref(v).clone()
    }

    /// The type's name as error messages print it (`'int' object is not callable`).
    pub fn type_name(&self, v: &Value) -> String {
        type_ref(v).name().to_string()
    }

    /// `a OP b` (and `a OP= b` for in-place operators), as CPython's
    /// `PyNumber_Add`/`PyNumber_InPlaceAdd`: number slots with the reflected
    /// operand's turn, then the sequence fallbacks (concat, repeat), then the error.
    pub fn binary_op(&mut self, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
        let base = op.base();
        let i = base as usize;
        let ta = type_ref(a);
        if op.is_inplace() {
            if let Some(f) = ta.slots.inplace[i].get() {
                let r = f(self, op, a, b)?;
                if !is_ni(&r) {
                    return Ok(r);
                }
            }
        }
        let r = self.binary_op1(base, a, b)?;
        if !is_ni(&r) {
            return Ok(r);
        }
        let tb = type_ref(b);
        match base {
            BinaryOp::Add => {
                let f = if op.is_inplace() {
                    ta.slots.inplace_concat.get().or(ta.slots.concat.get())
                } else {
                    ta.slots.concat.get()
                };
                if let Some(f) = f {
                    return f(self, a, b);
                }
            }
            BinaryOp::Mul => {
                let fa = if op.is_inplace() {
                    ta.slots.inplace_repeat.get().or(ta.slots.repeat.get())
                } else {
                    ta.slots.repeat.get()
                };
                if let Some(f) = fa {
                    return self.sequence_repeat(f, a, b);
                }
                if let Some(f) = tb.slots.repeat.get() {
                    return self.sequence_repeat(f, b, a);
                }
            }
            _ => {}
        }
        Err(PyErr::type_error(format!(
            "unsupported operand type(s) for {}: '{}' and '{}'",
            op.symbol(),
            ta.name(),
            tb.name()
        )))
    }

    /// CPython's `binary_op1`: the left operand's slot, the right one's (first, if
    /// its type is a subclass of the left's), `NotImplemented` if both decline.
    fn binary_op1(&mut self, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
        let i = op as usize;
        let (ta, tb) = (type_ref(a), type_ref(b));
        let slota = ta.slots.binop[i].get();
        let mut slotb = if Ref::ptr_eq(ta, tb) {
            None
        } else {
            tb.slots.binop[i].get()
        };
        if slotb.is_some() && fn_addr!(slotb) == fn_addr!(slota) {
            slotb = None;
        }
        if let Some(fa) = slota {
            if let Some(fb) = slotb {
                if tb.is_subclass(ta) {
                    let r = fb(self, op, a, b)?;
                    if !is_ni(&r) {
                        return Ok(r);
                    }
                    slotb = None;
                }
            }
            let r = fa(self, op, a, b)?;
            if !is_ni(&r) {
                return Ok(r);
            }
        }
        if let Some(fb) = slotb {
            return fb(self, op, a, b);
        }
        Ok(super::ops::not_implemented())
    }

    fn sequence_repeat(
        &mut self,
        f: super::slots::BinFn,
        seq: &Value,
        n: &Value,
    ) -> PyResult<Value> {
        if type_ref(n).slots.index.get().is_none() {
            return Err(PyErr::type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                self.type_name(n)
            )));
        }
        f(self, seq, n)
    }

    fn unary(
        &mut self,
        a: &Value,
        slot: Option<super::slots::UnaryFn>,
        sym: &str,
    ) -> PyResult<Value> {
        match slot {
            Some(f) => f(self, a),
            None => Err(PyErr::type_error(format!(
                "bad operand type for unary {sym}: '{}'",
                self.type_name(a)
            ))),
        }
    }

    pub fn unary_neg(&mut self, a: &Value) -> PyResult<Value> {
        if let Value::Int(i) = a {
            if let Some(r) = i.checked_neg() {
                return Ok(Value::Int(r));
            }
        }
        if let Value::Float(f) = a {
            return Ok(Value::Float(-f));
        }
        let s = type_ref(a).slots.neg.get();
        self.unary(a, s, "-")
    }

    pub fn unary_pos(&mut self, a: &Value) -> PyResult<Value> {
        let s = type_ref(a).slots.pos.get();
        self.unary(a, s, "+")
    }

    pub fn unary_invert(&mut self, a: &Value) -> PyResult<Value> {
        let s = type_ref(a).slots.invert.get();
        self.unary(a, s, "~")
    }

    /// `abs(v)`.
    pub fn absolute(&mut self, a: &Value) -> PyResult<Value> {
        match type_ref(a).slots.abs.get() {
            Some(f) => f(self, a),
            None => Err(PyErr::type_error(format!(
                "bad operand type for abs(): '{}'",
                self.type_name(a)
            ))),
        }
    }

    /// Truth value (`bool(v)`): `__bool__`, else `__len__`, else true.
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Bool(b) => *b,
            Value::None | Value::Null => false,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.as_str().is_empty(),
            Value::List(l) => !l.items.lock().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.map.lock().is_empty(),
            _ => {
                let ty = type_ref(v);
                if let Some(f) = ty.slots.bool.get() {
                    return f(self, v);
                }
                if let Some(f) = ty.slots.len.get() {
                    return Ok(f(self, v)? != 0);
                }
                true
            }
        })
    }

    /// `a == b` as a Rust bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x == y),
            (Value::Float(x), Value::Float(y)) => Ok(x == y),
            (Value::Str(x), Value::Str(y)) => Ok(x.as_str() == y.as_str()),
            _ if a.ptr_eq(b) && !matches!(a, Value::Float(_)) => Ok(true),
            _ => {
                let r = self.compare(CompareOp::Eq, a, b)?;
                self.truthy(&r)
            }
        }
    }

    /// Rich comparison as CPython's `do_richcompare`: the reflected operation first
    /// when the right operand's type is a subclass of the left's, then the left's
    /// slot, then the right's; `==`/`!=` fall back to identity.
    pub fn compare(&mut self, op: CompareOp, a: &Value, b: &Value) -> PyResult<Value> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => return Ok(Value::Bool(cmp(op, x, y))),
            (Value::Float(x), Value::Float(y)) => return Ok(Value::Bool(cmp(op, x, y))),
            (Value::Str(x), Value::Str(y)) => {
                return Ok(Value::Bool(cmp(op, x.as_str(), y.as_str())))
            }
            _ => {}
        }
        let (ta, tb) = (type_ref(a), type_ref(b));
        let mut reversed = false;
        if !Ref::ptr_eq(ta, tb) && tb.is_subclass(ta) {
            if let Some(f) = tb.slots.compare.get() {
                reversed = true;
                let r = f(self, b, a, op.swapped())?;
                if !is_ni(&r) {
                    return Ok(r);
                }
            }
        }
        if let Some(f) = ta.slots.compare.get() {
            let r = f(self, a, b, op)?;
            if !is_ni(&r) {
                return Ok(r);
            }
        }
        if !reversed {
            if let Some(f) = tb.slots.compare.get() {
                let r = f(self, b, a, op.swapped())?;
                if !is_ni(&r) {
                    return Ok(r);
                }
            }
        }
        match op {
            CompareOp::Eq => Ok(Value::Bool(a.ptr_eq(b))),
            CompareOp::Ne => Ok(Value::Bool(!a.ptr_eq(b))),
            _ => Err(PyErr::type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                ta.name(),
                tb.name()
            ))),
        }
    }

    /// Python's `hash()`, matching CPython for numbers (so `hash(1) == hash(1.0)`).
    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(super::ops::hash_i64(*i)),
            Value::Str(s) => Ok(s.py_hash() as i64),
            Value::Bool(b) => Ok(*b as i64),
            _ => match type_ref(v).slots.hash.get() {
                Some(f) => f(self, v),
                None => super::slots::hash_unhashable(self, v),
            },
        }
    }

    /// `len(v)` as a Rust number.
    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        match v {
            Value::Str(s) => Ok(s.char_len()),
            Value::List(l) => Ok(l.items.lock().len()),
            Value::Tuple(t) => Ok(t.len()),
            Value::Dict(d) => Ok(d.map.lock().len()),
            _ => match type_ref(v).slots.len.get() {
                Some(f) => f(self, v),
                None => Err(PyErr::type_error(format!(
                    "object of type '{}' has no len()",
                    self.type_name(v)
                ))),
            },
        }
    }

    /// `obj[key]`.
    pub fn getitem(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        if let (Value::List(l), Value::Int(i)) = (obj, key) {
            let items = l.items.lock();
            let j = if *i < 0 { i + items.len() as i64 } else { *i };
            if j >= 0 && (j as usize) < items.len() {
                return Ok(items[j as usize].clone());
            }
        }
        match type_ref(obj).slots.getitem.get() {
            Some(f) => f(self, obj, key),
            None => self.class_getitem(obj, key),
        }
    }

    /// `C[key]` for a class: its `__class_getitem__`; built-in generic types give
    /// back the class itself (gilvm has no `types.GenericAlias`).
    fn class_getitem(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        if let Value::Class(c) = obj {
            if let Some(f) = c.lookup_str("__class_getitem__") {
                let f = super::descr::bind_classmethod(&f, obj);
                return self.call(&f, std::slice::from_ref(key), &[]);
            }
            if !c.is_heap() {
                return Ok(obj.clone());
            }
            return Err(PyErr::type_error(format!(
                "type '{}' is not subscriptable",
                c.name()
            )));
        }
        Err(PyErr::type_error(format!(
            "'{}' object is not subscriptable",
            self.type_name(obj)
        )))
    }

    /// `obj[key] = v`.
    pub fn setitem(&mut self, obj: &Value, key: Value, v: Value) -> PyResult<()> {
        match type_ref(obj).slots.setitem.get() {
            Some(f) => f(self, obj, &key, Some(v)),
            None => Err(PyErr::type_error(format!(
                "'{}' object does not support item assignment",
                self.type_name(obj)
            ))),
        }
    }

    /// `del obj[key]`.
    pub fn delitem(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        match type_ref(obj).slots.setitem.get() {
            Some(f) => f(self, obj, key, None),
            None => Err(PyErr::type_error(format!(
                "'{}' object does not support item deletion",
                self.type_name(obj)
            ))),
        }
    }

    /// `item in container`: `__contains__`, else a search by iteration.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match type_ref(container).slots.contains.get() {
            Some(f) => f(self, container, item),
            None => self.contains_by_iter(container, item),
        }
    }

    pub fn contains_by_iter(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        let it = match self.iter(container) {
            Ok(it) => it,
            Err(e) if e.is(&types().type_error) => {
                return Err(PyErr::type_error(format!(
                    "argument of type '{}' is not iterable",
                    self.type_name(container)
                )))
            }
            Err(e) => return Err(e),
        };
        while let Some(x) = self.next(&it)? {
            if x.ptr_eq(item) || self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `iter(v)`: `__iter__`, else the old sequence protocol (`__getitem__` from 0).
    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        let ty = type_ref(v);
        if let Some(f) = ty.slots.iter.get() {
            return f(self, v);
        }
        if ty.slots.getitem.get().is_some() && !ty.is_subclass(&types().dict) {
            return Ok(super::iter::new_iter_typed(
                super::object::IterState::GetItem {
                    obj: v.clone(),
                    idx: 0,
                },
                &types().iterator,
            ));
        }
        Err(PyErr::type_error(format!(
            "'{}' object is not iterable",
            ty.name()
        )))
    }

    /// `next(it)`: `Ok(None)` when exhausted (StopIteration is not materialised).
    #[inline]
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        if let Value::Iter(obj) = it {
            return self.next_builtin(obj);
        }
        match type_ref(it).slots.next.get() {
            Some(f) => f(self, it),
            None => Err(PyErr::type_error(format!(
                "'{}' object is not an iterator",
                self.type_name(it)
            ))),
        }
    }

    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        if let Some(s) = super::repr::scalar_repr(v) {
            return Ok(s);
        }
        let r = self.repr_value(v)?;
        match r {
            Value::Str(s) => Ok(s.as_str().to_string()),
            _ => unreachable!("repr_value checks for str"),
        }
    }

    /// `repr(v)` as a str object, checked (`__repr__ returned non-string`).
    pub fn repr_value(&mut self, v: &Value) -> PyResult<Value> {
        let r = match type_ref(v).slots.repr.get() {
            Some(f) => f(self, v)?,
            None => Value::string(super::repr::default_repr(self, v)),
        };
        match r.payload() {
            Value::Str(s) => Ok(Value::Str(s.clone())),
            _ => Err(PyErr::type_error(format!(
                "__repr__ returned non-string (type {})",
                self.type_name(&r)
            ))),
        }
    }

    /// `str(v)`.
    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        if let Value::Str(s) = v {
            return Ok(s.as_str().to_string());
        }
        if let Some(s) = super::repr::scalar_repr(v) {
            return Ok(s);
        }
        let r = match type_ref(v).slots.str.get() {
            Some(f) => f(self, v)?,
            None => return self.repr(v),
        };
        match r.payload() {
            Value::Str(s) => Ok(s.as_str().to_string()),
            _ => Err(PyErr::type_error(format!(
                "__str__ returned non-string (type {})",
                self.type_name(&r)
            ))),
        }
    }

    /// An int usable as an index (`__index__` semantics: ints, bools, `__index__`).
    pub fn to_index(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(_) => Err(PyErr::new(
                &types().index_error,
                "cannot fit 'int' into an index-sized integer",
            )),
            _ => match type_ref(v).slots.index.get() {
                Some(f) => {
                    let r = f(self, v)?;
                    match r.payload() {
                        Value::Int(i) => Ok(*i),
                        Value::Bool(b) => Ok(*b as i64),
                        Value::BigInt(_) => Err(PyErr::new(
                            &types().index_error,
                            "cannot fit 'int' into an index-sized integer",
                        )),
                        _ => Err(PyErr::type_error(format!(
                            "__index__ returned non-int (type {})",
                            self.type_name(&r)
                        ))),
                    }
                }
                None => Err(PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    self.type_name(v)
                ))),
            },
        }
    }

    /// Calls an attribute `f` found on `ty` (the type of `obj`) as a method of `obj`:
    /// functions and method descriptors get `obj` as first argument directly (no
    /// bound-method object); anything else is bound through its `__get__` first.
    pub fn call_unbound(
        &mut self,
        f: &Value,
        obj: &Value,
        ty: &Ref<TypeObj>,
        args: &[Value],
    ) -> PyResult<Value> {
        self.call_unbound_kw(f, obj, ty, args, &[])
    }

    pub fn call_unbound_kw(
        &mut self,
        f: &Value,
        obj: &Value,
        ty: &Ref<TypeObj>,
        args: &[Value],
        kw: &[(Ref<PyStr>, Value)],
    ) -> PyResult<Value> {
        let plain = match f {
            Value::Function(_) => true,
            Value::Builtin(b) => !b.class_method,
            _ => super::descr::is_slot_wrapper(f),
        };
        if let (Value::Function(func), true) = (f, kw.is_empty()) {
            if let Some(r) = self.call_function_self(func, obj, args) {
                return r;
            }
        }
        if plain {
            let mut all = Vec::with_capacity(args.len() + 1);
            all.push(obj.clone());
            all.extend_from_slice(args);
            return self.call(f, &all, kw);
        }
        let bound = super::descr::bind(self, f, Some(obj), &Value::Class(ty.clone()))?;
        self.call(&bound, args, kw)
    }

    /// Calls any callable from native code and waits for its result.
    pub fn call(
        &mut self,
        func: &Value,
        args: &[Value],
        kw: &[(Ref<PyStr>, Value)],
    ) -> PyResult<Value> {
        match func {
            Value::Function(f) => self.call_function(f, args, kw),
            Value::Builtin(b) => {
                self.enter_call()?;
                let r = (b.func)(self, super::object::Args { pos: args, kw });
                self.leave_call();
                r
            }
            Value::BoundMethod(bm) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(bm.this.clone());
                all.extend_from_slice(args);
                let f = bm.func.clone();
                self.call(&f, &all, kw)
            }
            _ => match type_ref(func).slots.call.get() {
                Some(f) => f(self, func, args, kw),
                None => Err(PyErr::type_error(format!(
                    "'{}' object is not callable",
                    self.type_name(func)
                ))),
            },
        }
    }
}

#[inline(always)]
fn cmp<T: PartialOrd + ?Sized>(op: CompareOp, x: &T, y: &T) -> bool {
    match op {
        CompareOp::Lt => x < y,
        CompareOp::Le => x <= y,
        CompareOp::Eq => x == y,
        CompareOp::Ne => x != y,
        CompareOp::Gt => x > y,
        CompareOp::Ge => x >= y,
    }
}
