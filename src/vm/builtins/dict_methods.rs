//! The `dict` constructor and methods, and the `dict_keys`/`dict_values`/`dict_items`
//! views: live `Native` objects over the dict, re-iterable, with len, `in` and repr.

use super::args::self_dict;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::iter::new_iter;
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{self, types, Types};
use crate::vm::value::Value;
use crate::vm::Vm;
use std::sync::OnceLock;

pub fn install(t: &Types) {
    types::install(
        &t.dict,
        &[
            ("get", get),
            ("keys", keys),
            ("values", values),
            ("items", items),
            ("pop", pop),
            ("popitem", popitem),
            ("setdefault", setdefault),
            ("update", update),
            ("copy", copy),
            ("clear", clear),
        ],
    );
    types::install_classmethods(&t.dict, &[("fromkeys", fromkeys)]);
}

/// `d.update(src)`: a dict, an object with `keys()`, or an iterable of pairs.
pub(crate) fn merge(vm: &mut Vm, d: &Ref<DictObj>, src: &Value) -> PyResult<()> {
    if let Value::Dict(s) = src {
        let entries: Vec<(HKey, Value)> = s
            .map
            .lock()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut m = d.map.lock();
        for (k, v) in entries {
            m.insert(k, v);
        }
        return Ok(());
    }
    let has_keys = !matches!(src, Value::List(_) | Value::Tuple(_) | Value::Str(_))
        && vm.type_of(src).lookup_str("keys").is_some();
    if has_keys {
        let keys_fn = vm.getattr_str(src, "keys")?;
        let ks = vm.call(&keys_fn, &[], &[])?;
        for k in vm.collect(&ks)? {
            let v = vm.getitem(src, &k)?;
            let hk = vm.dict_key(d, k)?;
            d.map.lock().insert(hk, v);
        }
        return Ok(());
    }
    let it = vm.iter(src)?;
    let mut i = 0;
    while let Some(item) = vm.next(&it)? {
        let pair = match &item {
            Value::Tuple(t) => (**t).clone(),
            Value::List(_) | Value::Str(_) | Value::Iter(_) | Value::Instance(_) => vm
                .collect(&item)
                .map_err(|_| not_a_sequence(vm, &item, i))?,
            _ => return Err(not_a_sequence(vm, &item, i)),
        };
        if pair.len() != 2 {
            return Err(PyErr::value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut pair = pair.into_iter();
        let (k, v) = (
            pair.next().unwrap_or(Value::None),
            pair.next().unwrap_or(Value::None),
        );
        let hk = vm.dict_key(d, k)?;
        d.map.lock().insert(hk, v);
        i += 1;
    }
    Ok(())
}

fn not_a_sequence(vm: &Vm, v: &Value, i: usize) -> PyErr {
    let _ = v;
    let _ = vm;
    PyErr::type_error(format!(
        "cannot convert dictionary update sequence element #{i} to a sequence"
    ))
}

/// `d.get(key[, default])` / `d.pop(key[, default])`: one or two arguments after self.
fn key_and_default(a: &Args, name: &str) -> PyResult<()> {
    let n = a.pos.len().saturating_sub(1);
    if (1..=2).contains(&n) {
        return Ok(());
    }
    let (bound, count) = if n < 1 { ("least", 1) } else { ("most", 2) };
    Err(PyErr::type_error(format!(
        "{name} expected at {bound} {count} argument{}, got {n}",
        if count == 1 { "" } else { "s" }
    )))
}

fn get(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("get")?;
    let d = self_dict(vm, &a, "get")?;
    key_and_default(&a, "get")?;
    let k = vm.dict_key(&d, a.pos[1].clone())?;
    let found = d.map.lock().get(&k).cloned();
    Ok(found.unwrap_or_else(|| a.pos.get(2).cloned().unwrap_or(Value::None)))
}

fn view(vm: &mut Vm, a: Args, kind: ViewKind) -> PyResult<Value> {
    let name = kind.method();
    a.no_kw(name)?;
    let d = self_dict(vm, &a, name)?;
    a.expect_method(&format!("dict.{name}"), 0, 0)?;
    Ok(Value::Native(Ref::new(Native {
        obj: Box::new(DictView { dict: d, kind }),
    })))
}

fn keys(vm: &mut Vm, a: Args) -> PyResult<Value> {
    view(vm, a, ViewKind::Keys)
}

fn values(vm: &mut Vm, a: Args) -> PyResult<Value> {
    view(vm, a, ViewKind::Values)
}

fn items(vm: &mut Vm, a: Args) -> PyResult<Value> {
    view(vm, a, ViewKind::Items)
}

fn pop(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("pop")?;
    let d = self_dict(vm, &a, "pop")?;
    key_and_default(&a, "pop")?;
    let k = vm.dict_key(&d, a.pos[1].clone())?;
    let removed = d.map.lock().remove(&k);
    match (removed, a.pos.get(2)) {
        (Some(v), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(PyErr::key_error(a.pos[1].clone())),
    }
}

fn popitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("popitem")?;
    let d = self_dict(vm, &a, "popitem")?;
    a.expect_method("dict.popitem", 0, 0)?;
    let last = d.map.lock().pop();
    match last {
        Some((k, v)) => Ok(Value::tuple(vec![k.key, v])),
        None => Err(PyErr::key_error(Value::str(
            "popitem(): dictionary is empty",
        ))),
    }
}

fn setdefault(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("setdefault")?;
    let d = self_dict(vm, &a, "setdefault")?;
    if a.pos.len() < 2 || a.pos.len() > 3 {
        return Err(PyErr::type_error(format!(
            "setdefault expected {} arguments, got {}",
            if a.pos.len() < 2 {
                "at least 1"
            } else {
                "at most 2"
            },
            a.pos.len().saturating_sub(1)
        )));
    }
    let k = vm.dict_key(&d, a.pos[1].clone())?;
    let default = a.pos.get(2).cloned().unwrap_or(Value::None);
    let mut m = d.map.lock();
    if let Some(v) = m.get(&k) {
        return Ok(v.clone());
    }
    m.insert(k, default.clone());
    Ok(default)
}

fn update(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let d = self_dict(vm, &a, "update")?;
    if a.pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "update expected at most 1 argument, got {}",
            a.pos.len() - 1
        )));
    }
    if let Some(src) = a.pos.get(1) {
        merge(vm, &d, src)?;
    }
    for (k, v) in a.kw {
        d.set_pystr(k, v.clone());
    }
    Ok(Value::None)
}

fn copy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("copy")?;
    let d = self_dict(vm, &a, "copy")?;
    a.expect_method("dict.copy", 0, 0)?;
    let m = d.map.lock().clone();
    Ok(Value::dict(m))
}

fn clear(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("clear")?;
    let d = self_dict(vm, &a, "clear")?;
    a.expect_method("dict.clear", 0, 0)?;
    let old = std::mem::take(&mut *d.map.lock());
    drop(old);
    Ok(Value::None)
}

/// `dict.fromkeys(iterable, value=None)`; the first argument is the class.
fn fromkeys(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("fromkeys")?;
    if a.pos.len() < 2 || a.pos.len() > 3 {
        return Err(PyErr::type_error(format!(
            "fromkeys expected {} arguments, got {}",
            if a.pos.len() < 2 {
                "at least 1"
            } else {
                "at most 2"
            },
            a.pos.len().saturating_sub(1)
        )));
    }
    let value = a.pos.get(2).cloned().unwrap_or(Value::None);
    let d = Ref::new(DictObj::default());
    let it = vm.iter(&a.pos[1])?;
    while let Some(k) = vm.next(&it)? {
        let hk = vm.dict_key(&d, k)?;
        d.map.lock().insert(hk, value.clone());
    }
    Ok(Value::Dict(d))
}

// ---------------------------------------------------------------------------
// Views.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

impl ViewKind {
    fn method(self) -> &'static str {
        match self {
            ViewKind::Keys => "keys",
            ViewKind::Values => "values",
            ViewKind::Items => "items",
        }
    }
    fn class_name(self) -> &'static str {
        match self {
            ViewKind::Keys => "dict_keys",
            ViewKind::Values => "dict_values",
            ViewKind::Items => "dict_items",
        }
    }
}

#[derive(Debug)]
pub struct DictView {
    pub dict: Ref<DictObj>,
    pub kind: ViewKind,
}

impl NativeObject for DictView {
    fn class(&self) -> Ref<Class> {
        view_class(self.kind)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        visit(Ref::header(&self.dict));
    }
}

fn view_class(kind: ViewKind) -> Ref<Class> {
    static C: OnceLock<[Ref<Class>; 3]> = OnceLock::new();
    let cs = C.get_or_init(|| {
        let make = |k: ViewKind| {
            let c = types::new_class(k.class_name(), Some(&types().object), ClassKind::Builtin);
            types::install(
                &c,
                &[
                    ("__iter__", view_iter),
                    ("__len__", view_len),
                    ("__contains__", view_contains),
                    ("__repr__", view_repr),
                    ("__reversed__", view_reversed),
                ],
            );
            // Keys and items views are set-like, so (as sets) they cannot be hashed;
            // values views keep object's identity hash, as in CPython.
            if !matches!(k, ViewKind::Values) {
                c.slots.hash.set(Some(crate::vm::slots::hash_unhashable));
            }
            crate::vm::value::shared_class(c)
        };
        [
            make(ViewKind::Keys),
            make(ViewKind::Values),
            make(ViewKind::Items),
        ]
    });
    cs[kind as usize].clone()
}

fn self_view(vm: &Vm, a: &Args, meth: &str) -> PyResult<(Ref<DictObj>, ViewKind)> {
    let v = a.pos.first().ok_or_else(|| {
        PyErr::type_error(format!(
            "unbound method dict_keys.{meth}() needs an argument"
        ))
    })?;
    if let Value::Native(n) = v {
        if let Some(view) = n.obj.as_any().downcast_ref::<DictView>() {
            return Ok((view.dict.clone(), view.kind));
        }
    }
    Err(PyErr::type_error(format!(
        "descriptor '{meth}' for 'dict_keys' objects doesn't apply to a '{}' object",
        vm.type_name(v)
    )))
}

fn view_iter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (dict, kind) = self_view(vm, &a, "__iter__")?;
    let len = dict.map.lock().len();
    Ok(match kind {
        ViewKind::Keys => new_iter(
            IterState::DictKeys { dict, idx: 0, len },
            "dict_keyiterator",
        ),
        ViewKind::Values => new_iter(
            IterState::DictValues { dict, idx: 0, len },
            "dict_valueiterator",
        ),
        ViewKind::Items => new_iter(
            IterState::DictItems { dict, idx: 0, len },
            "dict_itemiterator",
        ),
    })
}

fn view_reversed(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (dict, kind) = self_view(vm, &a, "__reversed__")?;
    let mut items: Vec<Value> = dict
        .map
        .lock()
        .iter()
        .map(|(k, v)| match kind {
            ViewKind::Keys => k.key.clone(),
            ViewKind::Values => v.clone(),
            ViewKind::Items => Value::tuple(vec![k.key.clone(), v.clone()]),
        })
        .collect();
    items.reverse();
    let len = items.len();
    Ok(new_iter(
        IterState::Sized {
            items,
            idx: 0,
            source: Value::Dict(dict.clone()),
            len,
        },
        match kind {
            ViewKind::Keys => "dict_reversekeyiterator",
            ViewKind::Values => "dict_reversevalueiterator",
            ViewKind::Items => "dict_reverseitemiterator",
        },
    ))
}

fn view_len(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (dict, _) = self_view(vm, &a, "__len__")?;
    let n = dict.map.lock().len();
    Ok(Value::Int(n as i64))
}

fn view_contains(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (dict, kind) = self_view(vm, &a, "__contains__")?;
    a.expect("__contains__", 2, 2)?;
    let x = &a.pos[1];
    match kind {
        ViewKind::Keys => Ok(Value::Bool(vm.contains(&Value::Dict(dict), x)?)),
        ViewKind::Items => {
            let Value::Tuple(t) = x else {
                return Ok(Value::Bool(false));
            };
            if t.len() != 2 {
                return Ok(Value::Bool(false));
            }
            let k = vm.dict_key(&dict, t[0].clone())?;
            let found = dict.map.lock().get(&k).cloned();
            match found {
                Some(v) => Ok(Value::Bool(v.ptr_eq(&t[1]) || vm.eq(&v, &t[1])?)),
                None => Ok(Value::Bool(false)),
            }
        }
        ViewKind::Values => {
            let vals: Vec<Value> = dict.map.lock().values().cloned().collect();
            for v in vals {
                if v.ptr_eq(x) || vm.eq(&v, x)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
    }
}

fn view_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (dict, kind) = self_view(vm, &a, "__repr__")?;
    let items: Vec<Value> = dict
        .map
        .lock()
        .iter()
        .map(|(k, v)| match kind {
            ViewKind::Keys => k.key.clone(),
            ViewKind::Values => v.clone(),
            ViewKind::Items => Value::tuple(vec![k.key.clone(), v.clone()]),
        })
        .collect();
    let inner = vm.repr(&Value::list(items))?;
    Ok(Value::string(format!("{}({inner})", kind.class_name())))
}
