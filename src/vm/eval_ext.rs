//! The less frequent instructions (starred unpacking, `match`, `except*`, async, and
//! `super().m`), kept out of line so that the hot loop in eval.rs stays as small as it
//! was.

use super::errors::{PyErr, PyResult};
use super::eval::Flow;
use super::frame::Frame;
use super::object::*;
use super::types::types;
use super::value::{PyStr, Value};
use super::Vm;
use crate::bytecode::Op;
use crate::vm::refcount::Ref;

macro_rules! pop {
    ($f:expr) => {
        $f.stack.pop().expect("value stack underflow")
    };
}

impl Vm {
    #[inline(never)]
    pub(super) fn step_ext(&mut self, f: &mut Frame, op: Op, arg: u32) -> PyResult<Flow> {
        match op {
            Op::LoadName | Op::StoreName | Op::DeleteName | Op::LoadClassDeref => {
                self.name_via_mapping(f, op, arg)?
            }
            Op::GetYieldFromIter => {
                let v = pop!(f);
                let it = match &v {
                    Value::Generator(g) if g.kind == GenKind::Generator => v,
                    Value::Generator(g) if g.kind == GenKind::Coroutine => {
                        return Err(PyErr::type_error(
                            "cannot 'yield from' a coroutine object in a non-coroutine generator",
                        ))
                    }
                    _ => self.iter(&v)?,
                };
                f.stack.push(it);
            }
            Op::UnpackEx => {
                let seq = pop!(f);
                self.unpack_ex(
                    &seq,
                    (arg & 0xff) as usize,
                    (arg >> 8) as usize,
                    &mut f.stack,
                )?;
            }
            Op::BuildClassEx => {
                let kwargs = if arg & 1 != 0 { Some(pop!(f)) } else { None };
                let bases = pop!(f);
                let name = pop!(f);
                let body = pop!(f);
                let bases = self.collect(&bases)?;
                let mut kw = vec![];
                if let Some(Value::Dict(d)) = &kwargs {
                    for (k, v) in d.map.lock().iter() {
                        match &k.key {
                            Value::Str(s) => kw.push((s.clone(), v.clone())),
                            _ => return Err(PyErr::type_error("keywords must be strings")),
                        }
                    }
                }
                let cls = self.build_class(body, name, bases, kw)?;
                f.stack.push(cls);
            }
            Op::ListToTuple => {
                let v = pop!(f);
                let items = match &v {
                    Value::List(l) => l.items.lock().clone(),
                    _ => self.collect(&v)?,
                };
                f.stack.push(Value::tuple(items));
            }
            Op::SetUpdate => {
                let v = pop!(f);
                let items = self.collect(&v)?;
                let n = f.stack.len();
                if let Value::Set(s) = f.stack[n - arg as usize].clone() {
                    for item in items {
                        let k = self.set_key(&s, item)?;
                        s.items.lock().insert(k);
                    }
                }
            }
            Op::DictUpdate => {
                let src = pop!(f);
                let n = f.stack.len();
                let dst = f.stack[n - arg as usize].clone();
                self.dict_update_from(&dst, &src)?;
            }
            Op::PrintExpr => {
                // As CPython: the value goes to sys.displayhook (repr to stdout, `_`).
                let v = pop!(f);
                crate::vm::modules::sys::display(self, v)?;
            }
            Op::Copy => {
                let v = f.stack[f.stack.len() - arg as usize].clone();
                f.stack.push(v);
            }
            Op::RotN => {
                let v = pop!(f);
                let n = f.stack.len();
                f.stack.insert(n + 1 - arg as usize, v);
            }
            Op::MatchSequence => {
                let top = f.stack.last().expect("value stack underflow");
                let is = matches!(top, Value::List(_) | Value::Tuple(_) | Value::Range(_));
                f.stack.push(Value::Bool(is));
            }
            Op::MatchMapping => {
                let top = f.stack.last().expect("value stack underflow");
                let is = matches!(top, Value::Dict(_));
                f.stack.push(Value::Bool(is));
            }
            Op::MatchKeys => {
                let n = f.stack.len();
                let (subject, keys) = (f.stack[n - 2].clone(), f.stack[n - 1].clone());
                let v = self.match_keys(&subject, &keys)?;
                f.stack.push(v);
            }
            Op::MatchClass => {
                let names = pop!(f);
                let cls = pop!(f);
                let subject = pop!(f);
                let v = self.match_class(&subject, &cls, arg as usize, &names)?;
                f.stack.push(v);
            }
            Op::GetLen => {
                let top = f.stack.last().expect("value stack underflow").clone();
                let n = super::builtins::functions::length(self, &top)?;
                f.stack.push(Value::Int(n as i64));
            }
            Op::CopyDictWithoutKeys => {
                let keys = pop!(f);
                let subject = f.stack.last().expect("value stack underflow").clone();
                let rest = Ref::new(DictObj::default());
                let rv = Value::Dict(rest.clone());
                self.dict_update_from(&rv, &subject)?;
                if let Value::Tuple(ks) = &keys {
                    for k in ks.iter() {
                        let hk = self.dict_key(&rest, k.clone())?;
                        rest.map.lock().remove(&hk);
                    }
                }
                f.stack.push(rv);
            }
            Op::CheckEgMatch => {
                let typ = pop!(f);
                let exc = pop!(f);
                let (rest, m) = super::builtins::exception_group::eg_match(self, &exc, &typ)?;
                f.stack.push(rest);
                f.stack.push(m);
            }
            Op::PrepReraiseStar => {
                let raised = pop!(f);
                let orig = pop!(f);
                let v = super::builtins::exception_group::prep_reraise_star(self, &orig, &raised)?;
                f.stack.push(v);
            }
            Op::GetAwaitable => {
                let v = pop!(f);
                let it = self.get_awaitable(&v, arg)?;
                f.stack.push(it);
            }
            Op::GetAiter => {
                let v = pop!(f);
                let it = self.get_aiter(&v)?;
                f.stack.push(it);
            }
            Op::GetAnext => {
                let it = f.stack.last().expect("value stack underflow").clone();
                let aw = self.get_anext(&it)?;
                f.stack.push(aw);
            }
            Op::EndAsyncFor => {
                let exc = pop!(f);
                pop!(f);
                let cls = self.type_of(&exc);
                if !cls.is_subclass(&types().stop_async_iteration) {
                    self.reraising = true;
                    return Err(PyErr { exc });
                }
            }
            Op::BeforeAsyncWith => {
                let mgr = pop!(f);
                let cls = self.type_of(&mgr);
                let (Some(enter), Some(exit)) =
                    (cls.lookup_str("__aenter__"), cls.lookup_str("__aexit__"))
                else {
                    return Err(PyErr::type_error(format!(
                        "'{}' object does not support the asynchronous context manager protocol",
                        self.type_name(&mgr)
                    )));
                };
                let r = self.call_unbound(&enter, &mgr, &cls, &[])?;
                // Laid out as BEFORE_WITH's: `[aexit, mgr]` or `[bound, NULL]`.
                if super::attr::is_plain_method(&exit) {
                    f.stack.push(exit);
                    f.stack.push(mgr);
                } else {
                    let bound =
                        super::descr::bind(self, &exit, Some(&mgr), &Value::Class(cls.clone()))?;
                    f.stack.push(bound);
                    f.stack.push(Value::Null);
                }
                f.stack.push(r);
            }
            Op::AsyncGenWrap => {
                let v = pop!(f);
                f.stack.push(super::coro::wrap_value(v));
            }
            _ => return Err(PyErr::runtime_error(format!("bad opcode {}", op.name()))),
        }
        Ok(Flow::Next)
    }

    /// UNPACK_EX: `before` items, a list of the middle, `after` items; first on top.
    fn unpack_ex(
        &mut self,
        seq: &Value,
        before: usize,
        after: usize,
        stack: &mut Vec<Value>,
    ) -> PyResult<()> {
        let items = match seq {
            Value::List(_) | Value::Tuple(_) => self.collect(seq)?,
            _ => {
                let it = self.iter(seq).map_err(|_| {
                    PyErr::type_error(format!(
                        "cannot unpack non-iterable {} object",
                        self.type_name(seq)
                    ))
                })?;
                let mut out = vec![];
                while let Some(x) = self.next(&it)? {
                    out.push(x);
                }
                out
            }
        };
        let n = items.len();
        if n < before + after {
            return Err(PyErr::value_error(format!(
                "not enough values to unpack (expected at least {}, got {n})",
                before + after
            )));
        }
        let mut items = items;
        let tail = items.split_off(n - after);
        let middle = items.split_off(before);
        stack.extend(tail.into_iter().rev());
        stack.push(Value::list(middle));
        stack.extend(items.into_iter().rev());
        Ok(())
    }

    /// `{**src}` into the dict `dst`: a dict, or anything with `keys()` and `[]`.
    pub fn dict_update_from(&mut self, dst: &Value, src: &Value) -> PyResult<()> {
        let Value::Dict(d) = dst else {
            return Ok(());
        };
        let items: Vec<(Value, Value)> = match src {
            Value::Dict(s) => s
                .map
                .lock()
                .iter()
                .map(|(k, v)| (k.key.clone(), v.clone()))
                .collect(),
            _ => {
                let Some(keys) = self.type_of(src).lookup_str("keys") else {
                    return Err(PyErr::type_error(format!(
                        "'{}' object is not a mapping",
                        self.type_name(src)
                    )));
                };
                let ks = self.call(&keys, std::slice::from_ref(src), &[])?;
                let mut out = vec![];
                for k in self.collect(&ks)? {
                    let v = self.getitem(src, &k)?;
                    out.push((k, v));
                }
                out
            }
        };
        for (k, v) in items {
            let hk = self.dict_key(d, k)?;
            d.map.lock().insert(hk, v);
        }
        Ok(())
    }

    /// MATCH_KEYS: the values of `keys` in the mapping, or None if one is missing.
    fn match_keys(&mut self, subject: &Value, keys: &Value) -> PyResult<Value> {
        let Value::Tuple(ks) = keys else {
            return Ok(Value::None);
        };
        let mut seen: Vec<Value> = Vec::new();
        let mut out = Vec::with_capacity(ks.len());
        for k in ks.iter() {
            for s in &seen {
                if self.eq(s, k)? {
                    return Err(PyErr::value_error(format!(
                        "mapping pattern checks duplicate key ({})",
                        self.repr(k)?
                    )));
                }
            }
            seen.push(k.clone());
            let found = match subject {
                Value::Dict(d) => {
                    let hk = self.dict_key(d, k.clone())?;
                    let v = d.map.lock().get(&hk).cloned();
                    v
                }
                _ => None,
            };
            match found {
                Some(v) => out.push(v),
                None => return Ok(Value::None),
            }
        }
        Ok(Value::tuple(out))
    }

    /// MATCH_CLASS: the attributes a class pattern matches, or None.
    fn match_class(
        &mut self,
        subject: &Value,
        cls: &Value,
        nargs: usize,
        names: &Value,
    ) -> PyResult<Value> {
        let Value::Class(c) = cls else {
            return Err(PyErr::type_error("called match pattern must be a type"));
        };
        if !self.type_of(subject).is_subclass(c) {
            return Ok(Value::None);
        }
        let mut seen: Vec<String> = Vec::new();
        let mut attrs = Vec::new();
        if nargs > 0 {
            let match_args = c.lookup_str("__match_args__");
            let (args, match_self) = match match_args {
                Some(Value::Tuple(t)) => ((*t).clone(), false),
                Some(other) => {
                    return Err(PyErr::type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        c.name(),
                        self.type_name(&other)
                    )))
                }
                None => (Vec::new(), matches_self(c)),
            };
            let allowed = if match_self { 1 } else { args.len() };
            if allowed < nargs {
                return Err(PyErr::type_error(format!(
                    "{}() accepts {allowed} positional sub-pattern{} ({nargs} given)",
                    c.name(),
                    if allowed == 1 { "" } else { "s" }
                )));
            }
            if match_self {
                attrs.push(subject.clone());
            } else {
                for name in &args[..nargs] {
                    let Value::Str(s) = name else {
                        return Err(PyErr::type_error(format!(
                            "__match_args__ elements must be strings (got {})",
                            self.type_name(name)
                        )));
                    };
                    match self.match_class_attr(subject, c, s, &mut seen)? {
                        Some(v) => attrs.push(v),
                        None => return Ok(Value::None),
                    }
                }
            }
        }
        if let Value::Tuple(ns) = names {
            for name in ns.iter() {
                if let Value::Str(s) = name {
                    match self.match_class_attr(subject, c, s, &mut seen)? {
                        Some(v) => attrs.push(v),
                        None => return Ok(Value::None),
                    }
                }
            }
        }
        Ok(Value::tuple(attrs))
    }

    fn match_class_attr(
        &mut self,
        subject: &Value,
        cls: &Class,
        name: &Ref<PyStr>,
        seen: &mut Vec<String>,
    ) -> PyResult<Option<Value>> {
        if seen.iter().any(|s| s == name.as_str()) {
            return Err(PyErr::type_error(format!(
                "{}() got multiple sub-patterns for attribute '{}'",
                cls.name(),
                name.as_str()
            )));
        }
        seen.push(name.as_str().to_string());
        match self.getattr(subject, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.is(&types().attribute_error) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

/// Built-in types whose single positional sub-pattern matches the subject itself
/// (`case int(x):`), as CPython's `_Py_TPFLAGS_MATCH_SELF`.
fn matches_self(c: &Ref<Class>) -> bool {
    let t = types();
    [
        &t.bool,
        &t.int,
        &t.float,
        &t.str,
        &t.list,
        &t.tuple,
        &t.dict,
        &t.set,
        &t.frozenset,
    ]
    .iter()
    .any(|b| c.is_subclass(b))
}

impl Vm {
    /// LOAD_NAME/STORE_NAME/DELETE_NAME/LOAD_CLASSDEREF in a class body whose
    /// namespace is a mapping other than a dict (`Frame::ns_map`): through its
    /// `__getitem__`/`__setitem__`/`__delitem__`, a KeyError from `__getitem__`
    /// falling back to the globals and builtins (or the cell), as CPython 3.11's.
    #[inline(never)]
    fn name_via_mapping(&mut self, f: &mut Frame, op: Op, arg: u32) -> PyResult<()> {
        let ns = f.ns_map.clone().expect("checked by the caller");
        let name = match op {
            Op::LoadClassDeref => {
                let ncell = f.code.cellvars.len();
                let i = arg as usize;
                let n = match i.checked_sub(ncell) {
                    Some(j) => f.code.freevars.get(j),
                    None => f.code.cellvars.get(i),
                };
                super::value::intern(n.map(String::as_str).unwrap_or_default())
            }
            _ => f.code.names[arg as usize].clone(),
        };
        let key = Value::Str(name.clone());
        match op {
            Op::StoreName => {
                let v = pop!(f);
                self.setitem(&ns, key, v)?;
            }
            Op::DeleteName => {
                if self.delitem(&ns, &key).is_err() {
                    return Err(super::eval::name_error(name.as_str()));
                }
            }
            _ => {
                let found = match self.getitem(&ns, &key) {
                    Ok(v) => Some(v),
                    Err(e) if e.is(&types().key_error) => None,
                    Err(e) => return Err(e),
                };
                let v = match (found, op) {
                    (Some(v), _) => v,
                    (None, Op::LoadClassDeref) => {
                        let v = f.cells[arg as usize].value.lock().clone();
                        if v.is_null() {
                            return Err(super::eval::unbound_deref(f, arg));
                        }
                        v
                    }
                    (None, _) => match f
                        .globals
                        .get_str(&name)
                        .or_else(|| self.interp.builtins.get_str(&name))
                    {
                        Some(v) => v,
                        None => return Err(super::eval::name_error(name.as_str())),
                    },
                };
                f.stack.push(v);
            }
        }
        Ok(())
    }

    /// LOAD_SUPER_METHOD (`method`) and LOAD_SUPER_ATTR: `super().name` with the
    /// value of the name `super` on the stack.
    #[inline(never)]
    pub(super) fn load_super(&mut self, f: &mut Frame, method: bool, arg: u32) -> PyResult<Flow> {
        let sup = pop!(f);
        let name = f.code.names[arg as usize].clone();
        let target = if matches!(&sup, Value::Class(c) if Ref::ptr_eq(c, &types().super_)) {
            let (cls, obj) = super::attr::zero_arg_super_args(f)?;
            let obj_type = super::descr::super_obj_type(self, &cls, &obj)?;
            if let Some(v) = super::descr::super_find(&cls, &obj_type, &name) {
                let on_class = super::descr::super_binds_class(&obj, &obj_type);
                if method && !on_class && super::attr::is_plain_method(&v) {
                    f.stack.push(v);
                    f.stack.push(obj);
                    return Ok(Flow::Next);
                }
                let owner = Value::Class(obj_type);
                let bound = super::descr::bind(self, &v, (!on_class).then_some(&obj), &owner)?;
                f.stack.push(bound);
                if method {
                    f.stack.push(Value::Null);
                }
                return Ok(Flow::Next);
            }
            // `__class__`, or a name only the super object itself has (or none has,
            // for the AttributeError): the super object's own lookup.
            super::descr::make_super(self, cls, obj)?
        } else if matches!(&sup, Value::Builtin(b) if super::builtins::introspect::wants_frame(b.name))
        {
            super::builtins::introspect::call_with_frame(self, f, &sup, &[], &[])?
        } else {
            // `super` is a global of the module, not the built-in: called as `super()`
            // would be (from native code, so frames it runs are not on the stack
            // `sys._getframe` walks).
            self.call(&sup, &[], &[])?
        };
        if !method {
            let v = self.getattr(&target, &name)?;
            f.stack.push(v);
            return Ok(Flow::Next);
        }
        match super::attr::lookup_method(self, &target, &name)? {
            super::attr::Method::Unbound(m) => {
                f.stack.push(m);
                f.stack.push(target);
            }
            super::attr::Method::Attr(v) => {
                f.stack.push(v);
                f.stack.push(Value::Null);
            }
        }
        Ok(Flow::Next)
    }
}
