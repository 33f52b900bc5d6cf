//! Making classes: the `class` statement (metaclass, `__prepare__`, the body, the
//! `__class__` cell) and `type.__new__` (bases, C3 MRO, instance layout,
//! `__slots__`, slots from dunders, `__set_name__`, `__init_subclass__`).

use super::errors::{PyErr, PyResult};
use super::eval::Exit;
use super::object::*;
use super::refcount::{LayoutFns, Ref};
use super::typeobj::{flags, ClassKind, NativeBase, TypeObj, TypeSpec};
use super::types::types;
use super::value::{PyStr, Value};
use super::Vm;

type Kw = Vec<(Ref<PyStr>, Value)>;

impl Vm {
    /// BUILD_CLASS: picks the metaclass, prepares the namespace, runs the class body
    /// in it and calls the metaclass, as CPython's `__build_class__`.
    pub fn build_class(
        &mut self,
        body: Value,
        name: Value,
        bases: Vec<Value>,
        mut kw: Kw,
    ) -> PyResult<Value> {
        let Value::Str(name) = name else {
            return Err(PyErr::type_error("class name must be a string"));
        };
        let Value::Function(func) = body else {
            return Err(PyErr::type_error("class body must be a function"));
        };
        // PEP 560: a base that is not a class may stand for others (`Generic[T]`,
        // `NamedTuple`) through `__mro_entries__`; the originals are `__orig_bases__`.
        let mut orig_bases = None;
        let mut bases = bases;
        if bases.iter().any(|b| !matches!(b, Value::Class(_))) {
            let orig = Value::tuple(bases.clone());
            let mut resolved = Vec::with_capacity(bases.len());
            let mut changed = false;
            for b in &bases {
                if !matches!(b, Value::Class(_)) {
                    let entries = super::value::intern("__mro_entries__");
                    if let Some(f) = self.getattr_opt(b, &entries)? {
                        match self.call(&f, std::slice::from_ref(&orig), &[])? {
                            Value::Tuple(t) => resolved.extend(t.iter().cloned()),
                            _ => {
                                return Err(PyErr::type_error(
                                    "__mro_entries__ must return a tuple",
                                ))
                            }
                        }
                        changed = true;
                        continue;
                    }
                }
                resolved.push(b.clone());
            }
            if changed {
                bases = resolved;
                orig_bases = Some(orig);
            }
        }
        let explicit = kw
            .iter()
            .position(|(k, _)| k.as_str() == "metaclass")
            .map(|i| kw.remove(i).1);
        let mut meta = match explicit {
            Some(m) => m,
            None => match bases.first() {
                Some(b) => Value::Class(self.type_of(b)),
                None => Value::Class(types().type_.clone()),
            },
        };
        if let Value::Class(m) = &meta {
            meta = Value::Class(calculate_metaclass(self, m, &bases)?);
        }
        let bases_tuple = Value::tuple(bases);
        let ns = match self.getattr_opt(&meta, &super::value::intern("__prepare__"))? {
            Some(prepare) => self.call(
                &prepare,
                &[Value::Str(name.clone()), bases_tuple.clone()],
                &kw,
            )?,
            None => Value::Dict(Ref::new(DictObj::default())),
        };
        let meta_name = || match &meta {
            Value::Class(m) => m.name().to_string(),
            _ => "<metaclass>".into(),
        };
        let frame = match &ns {
            Value::Dict(d) => {
                // As CPython's compiler: the body starts by binding `__module__` and
                // `__qualname__` in the namespace.
                if d.get_str(&PyStr::new("__module__")).is_none() {
                    if let Some(m) = func.globals.get_str(&PyStr::new("__name__")) {
                        d.set_str("__module__", m);
                    }
                }
                d.set_str("__qualname__", Value::str(&func.code.qualname));
                if let Some(orig) = orig_bases {
                    d.set_str("__orig_bases__", orig);
                }
                let mut frame =
                    self.frame_pool
                        .alloc(&func.code, &func.globals, Some(func.clone()));
                frame.ns = Some(d.clone());
                frame
            }
            other => {
                // Any other mapping (a dict subclass too): the body's names go
                // through its item methods, and so do the first bindings, in the
                // order CPython's class body makes them (`__name__` looked up in it
                // first).
                if self.type_of(other).lookup_str("__getitem__").is_none() {
                    return Err(PyErr::type_error(format!(
                        "{}.__prepare__() must return a mapping, not {}",
                        meta_name(),
                        self.type_name(other)
                    )));
                }
                let modname = match self.getitem(other, &Value::str("__name__")) {
                    Ok(v) => Some(v),
                    Err(e) if e.is(&types().key_error) => {
                        func.globals.get_str(&PyStr::new("__name__"))
                    }
                    Err(e) => return Err(e),
                };
                if let Some(m) = modname {
                    self.setitem(other, Value::str("__module__"), m)?;
                }
                self.setitem(
                    other,
                    Value::str("__qualname__"),
                    Value::str(&func.code.qualname),
                )?;
                if let Some(orig) = orig_bases {
                    self.setitem(other, Value::str("__orig_bases__"), orig)?;
                }
                let mut frame =
                    self.frame_pool
                        .alloc(&func.code, &func.globals, Some(func.clone()));
                frame.ns_map = Some(other.clone());
                frame
            }
        };
        self.enter_call()?;
        let r = self.run_frame(frame, None);
        self.leave_call();
        let cell = match r? {
            Exit::Return(v) => v,
            Exit::Yield(..) => Value::None,
        };
        let cls = self.call(&meta, &[Value::Str(name), bases_tuple, ns], &kw)?;
        if let Value::Cell(cell) = cell {
            let old = std::mem::replace(&mut *cell.value.lock(), cls.clone());
            drop(old);
        }
        Ok(cls)
    }
}

/// The most derived of `meta` and the metaclasses of `bases` (CPython's
/// `_PyType_CalculateMetaclass`), or CPython's metaclass-conflict error.
pub fn calculate_metaclass(
    vm: &Vm,
    meta: &Ref<TypeObj>,
    bases: &[Value],
) -> PyResult<Ref<TypeObj>> {
    let mut winner = meta.clone();
    for b in bases {
        let t = vm.type_of(b);
        if winner.is_subclass(&t) {
            continue;
        }
        if t.is_subclass(&winner) {
            winner = t;
            continue;
        }
        return Err(PyErr::type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// C3 linearisation of `bases` (the MRO without the class itself).
pub fn c3_mro(bases: &[Ref<TypeObj>]) -> PyResult<Vec<Ref<TypeObj>>> {
    let mut seqs: Vec<Vec<Ref<TypeObj>>> = bases.iter().map(super::typeobj::mro).collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Ref<TypeObj>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs
                .iter()
                .any(|t| t[1..].iter().any(|c| Ref::ptr_eq(c, head)));
            (!in_tail).then(|| head.clone())
        });
        let Some(next) = candidate else {
            let names: Vec<String> = bases.iter().map(|b| b.name().to_string()).collect();
            return Err(PyErr::type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        };
        for s in seqs.iter_mut() {
            if Ref::ptr_eq(&s[0], &next) {
                s.remove(0);
            }
        }
        out.push(next);
    }
}

/// The base whose layout a class's instances extend: the type itself if it adds to
/// its base's (a built-in type, or a class with its own `__slots__`), else its base's.
fn solid_base(t: &Ref<TypeObj>) -> Ref<TypeObj> {
    let mut t = t.clone();
    loop {
        let own_slots = match &t.base {
            Some(b) => t.slot_names.len() > b.slot_names.len(),
            None => false,
        };
        // Every built-in exception has BaseException's layout here (CPython's OSError,
        // ImportError, ... are larger), so `class E(OSError, ValueError)` has no
        // conflict: io.UnsupportedOperation is one.
        let same_exc_layout = t.kind == ClassKind::Exception
            && t.base
                .as_ref()
                .is_some_and(|b| b.kind == ClassKind::Exception);
        if (!t.is_heap() && !same_exc_layout) || own_slots {
            return t;
        }
        match t.base.clone() {
            Some(b) => t = b,
            None => return t,
        }
    }
}

/// Private-name mangling for `__slots__` entries (`__x` in class `C` is `_C__x`).
fn mangle(class_name: &str, name: &str) -> String {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    cs.all(|c| c == '_' || c.is_alphanumeric())
}

/// `type.__new__(meta, name, bases, ns, **kw)`: a new heap type.
pub fn new_heap_type(
    vm: &mut Vm,
    meta: &Ref<TypeObj>,
    name: &str,
    bases: &[Value],
    ns: &Ref<DictObj>,
    kw: &[(Ref<PyStr>, Value)],
) -> PyResult<Value> {
    let t = types();
    let meta = calculate_metaclass(vm, meta, bases)?;
    let mut base_types: Vec<Ref<TypeObj>> = Vec::with_capacity(bases.len());
    for b in bases {
        let Value::Class(c) = b else {
            return Err(PyErr::type_error(format!(
                "bases must be types, not {}",
                vm.type_name(b)
            )));
        };
        if !c.has_flag(flags::BASETYPE) {
            return Err(PyErr::type_error(format!(
                "type '{}' is not an acceptable base type",
                c.name()
            )));
        }
        if base_types.iter().any(|x| Ref::ptr_eq(x, c)) {
            return Err(PyErr::type_error(format!(
                "duplicate base class {}",
                c.name()
            )));
        }
        base_types.push(c.clone());
    }
    if base_types.is_empty() {
        base_types.push(t.object.clone());
    }
    // The base that decides the layout (CPython's `best_base`).
    let mut winner: Option<Ref<TypeObj>> = None;
    let mut primary = base_types[0].clone();
    for b in &base_types {
        let sb = solid_base(b);
        match &winner {
            None => {
                winner = Some(sb);
                primary = b.clone();
            }
            Some(w) if w.is_subclass(&sb) => {}
            Some(w) if sb.is_subclass(w) => {
                winner = Some(sb);
                primary = b.clone();
            }
            Some(_) => {
                return Err(PyErr::type_error(
                    "multiple bases have instance lay-out conflict",
                ))
            }
        }
    }
    let mro_tail = c3_mro(&base_types)?;

    // The namespace, with CPython's implicit conversions.
    let mut attrs = AttrMap::default();
    for (k, v) in ns.map.lock().iter() {
        match &k.key {
            Value::Str(s) => {
                attrs.insert(super::value::intern(s.as_str()), v.clone());
            }
            _ => return Err(PyErr::type_error("type() namespace keys must be strings")),
        }
    }
    let qualname = match attrs.shift_remove(&PyStr::new("__qualname__")) {
        Some(Value::Str(q)) => q.as_str().to_string(),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "type __qualname__ must be a str, not {}",
                vm.type_name(&v)
            )))
        }
        None => name.to_string(),
    };
    if attrs.get(&PyStr::new("__module__")).is_none() {
        if let Some(m) = vm.caller_module_name() {
            attrs.insert(super::value::intern("__module__"), m);
        }
    }
    for n in ["__init_subclass__", "__class_getitem__"] {
        if let Some(f @ Value::Function(_)) = attrs.get(&PyStr::new(n)).cloned() {
            attrs.insert(
                super::value::intern(n),
                Value::Native(Ref::new(Native {
                    obj: Box::new(super::descr::ClassMethodObj {
                        func: super::cell::GilCell::new(f),
                    }),
                })),
            );
        }
    }
    if let Some(f @ Value::Function(_)) = attrs.get(&PyStr::new("__new__")).cloned() {
        attrs.insert(
            super::value::intern("__new__"),
            Value::Native(Ref::new(Native {
                obj: Box::new(super::descr::StaticMethodObj {
                    func: super::cell::GilCell::new(f),
                }),
            })),
        );
    }
    if attrs.contains_key(&PyStr::new("__eq__")) && !attrs.contains_key(&PyStr::new("__hash__")) {
        attrs.insert(super::value::intern("__hash__"), Value::None);
    }
    // CPython's type_dict_set_doc: a class without a docstring has a `__doc__` of
    // None of its own, so it does not show its base's.
    if !attrs.contains_key(&PyStr::new("__doc__")) {
        attrs.insert(super::value::intern("__doc__"), Value::None);
    }

    // Layout: what the instances are.
    let w = winner.unwrap_or_else(|| t.object.clone());
    let (kind, native_base, layout) = if w.is_subclass(&t.type_) {
        (
            ClassKind::Builtin,
            NativeBase::Type,
            LayoutFns::of::<TypeObj>(),
        )
    } else if w.kind == ClassKind::Exception {
        (
            ClassKind::Exception,
            NativeBase::None,
            LayoutFns::of::<Instance>(),
        )
    } else {
        (
            ClassKind::Object,
            w.native_base,
            LayoutFns::of::<Instance>(),
        )
    };
    let mut slot_names: Vec<Ref<PyStr>> = primary.slot_names.clone();
    let mut has_dict =
        base_types.iter().any(|b| b.has_flag(flags::HAS_DICT)) || kind == ClassKind::Exception;
    let mut own_slots: Vec<Ref<PyStr>> = Vec::new();
    let mut has_weakref = base_types.iter().any(|b| b.has_flag(flags::WEAKREF));
    match attrs.get(&PyStr::new("__slots__")).cloned() {
        None => {
            has_dict = has_dict || native_base != NativeBase::Type;
            has_weakref = true;
        }
        Some(spec) => {
            let items = match spec.payload() {
                Value::Str(_) => vec![spec.clone()],
                _ => vm.collect(&spec)?,
            };
            for it in items {
                let Value::Str(s) = it.payload() else {
                    return Err(PyErr::type_error(format!(
                        "__slots__ items must be strings, not '{}'",
                        vm.type_name(&it)
                    )));
                };
                if !is_identifier(s.as_str()) {
                    return Err(PyErr::type_error("__slots__ must be identifiers"));
                }
                if s.as_str() == "__dict__" {
                    if has_dict {
                        return Err(PyErr::type_error(
                            "__dict__ slot disallowed: we already got one",
                        ));
                    }
                    has_dict = true;
                    continue;
                }
                if s.as_str() == "__weakref__" {
                    if has_weakref {
                        return Err(PyErr::type_error(
                            "__weakref__ slot disallowed: either we already got one, or __itemsize__ != 0",
                        ));
                    }
                    has_weakref = true;
                    continue;
                }
                let m = super::value::intern(&mangle(name, s.as_str()));
                if attrs.contains_key(&*m) {
                    return Err(PyErr::value_error(format!(
                        "'{}' in __slots__ conflicts with class variable",
                        m.as_str()
                    )));
                }
                if own_slots.iter().any(|x| Ref::ptr_eq(x, &m)) {
                    continue;
                }
                own_slots.push(m);
            }
            if !own_slots.is_empty() && native_base != NativeBase::None {
                return Err(PyErr::type_error(format!(
                    "nonempty __slots__ not supported for subtype of '{}'",
                    w.name()
                )));
            }
        }
    }
    let first_own = slot_names.len();
    slot_names.extend(own_slots.iter().cloned());
    for (i, n) in own_slots.iter().enumerate() {
        attrs.insert(
            n.clone(),
            Value::Native(Ref::new(Native {
                obj: Box::new(super::descr::Member {
                    name: n.clone(),
                    owner: super::cell::GilCell::new(std::sync::Arc::from(name)),
                    index: first_own + i,
                }),
            })),
        );
    }
    let mut fl = flags::HEAP | flags::BASETYPE;
    if has_dict {
        fl |= flags::HAS_DICT;
    }
    if has_weakref {
        fl |= flags::WEAKREF;
    }
    let ty = TypeObj::new(TypeSpec {
        name: name.to_string(),
        qualname,
        base: Some(primary),
        bases: base_types.clone(),
        mro_tail,
        attrs,
        kind,
        native_base,
        flags: fl,
        layout,
        slot_names,
    });
    let cls = Ref::with_type(ty, meta.clone());
    for b in &base_types {
        b.add_subclass(&cls);
    }
    super::slots::fixup_slots(&cls);
    let cls_value = Value::Class(cls.clone());

    // `__set_name__` on every attribute that has it.
    let entries: Vec<(Ref<PyStr>, Value)> = cls
        .attrs()
        .lock()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (k, v) in entries {
        let vt = vm.type_of(&v);
        if let Some(f) = vt.lookup_str("__set_name__") {
            if let Err(e) =
                vm.call_unbound(&f, &v, &vt, &[cls_value.clone(), Value::Str(k.clone())])
            {
                let err = PyErr::runtime_error(format!(
                    "Error calling __set_name__ on '{}' instance '{}' in '{}'",
                    vt.name(),
                    k.as_str(),
                    name
                ));
                if let Some(inst) = err.instance() {
                    let mut d = inst.exc.as_ref().unwrap().lock();
                    d.cause = Some(e.exc.clone());
                    d.suppress_context = true;
                }
                return Err(err);
            }
        }
    }

    // `super(cls, cls).__init_subclass__(**kw)`.
    let sup = super::descr::make_super(vm, cls.clone(), cls_value.clone())?;
    let init_sub = vm.getattr(&sup, &super::value::intern("__init_subclass__"))?;
    vm.call(&init_sub, &[], kw)?;
    Ok(cls_value)
}

/// `object.__init_subclass__`: accepts no keyword arguments.
pub fn object_init_subclass(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        let cls = match a.pos.first() {
            Some(Value::Class(c)) => c.qualname().to_string(),
            _ => "object".into(),
        };
        return Err(PyErr::type_error(format!(
            "{cls}.__init_subclass__() takes no keyword arguments"
        )));
    }
    Ok(Value::None)
}
