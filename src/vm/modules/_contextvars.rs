//! `_contextvars` (PEP 567), as CPython's C module: Context, ContextVar, Token and
//! copy_context. The current context is per OS thread, kept in the thread's `Vm`.

use super::{downcast, iter_self, native, native_class, next_method, this};
use crate::vm::cell::{GilCell, ObjCell};
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::gc::WeakList;
use crate::vm::object::{Args, Class, ClassKind, DictObj, NativeFn, NativeObject};
use crate::vm::refcount::{HasType, Header, LayoutFns, Payload, Ref};
use crate::vm::typeobj::TypeObj;
use crate::vm::types::{internal_type, types};
use crate::vm::value::{intern, Value};
use crate::vm::Vm;
use indexmap::IndexMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    d.set_str("Context", Value::Class(context_class()));
    d.set_str("ContextVar", Value::Class(var_class()));
    d.set_str("Token", Value::Class(token_class()));
    super::add_functions(
        d,
        &[
            ("copy_context", |vm, a| {
                no_args(&a, "_contextvars.copy_context", 0)?;
                Ok(copy_current(vm))
            }),
            // asyncio's sleep hands its timer the sleeping task's own context rather
            // than a copy (asyncio.py says why); CPython has no such function.
            ("_get_context", |vm, a| {
                no_args(&a, "_get_context", 0)?;
                Ok(current(vm))
            }),
        ],
    );
    Ok(())
}

// ---------------------------------------------------------------- the mapping

/// Hashes a variable's address: the keys are addresses of live objects, never
/// chosen by a program, so one multiply spreads them well enough (no SipHash).
#[derive(Default)]
struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8 | b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64 >> 4).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Variable address -> (variable, value). Holding the variable keeps the address
/// from being reused while it is a key.
type Map = IndexMap<usize, (Value, Value), BuildHasherDefault<AddrHasher>>;

/// A context's mapping, shared by the context and its copies (and views and
/// iterators) until one of them writes: a write to a mapping anyone else holds makes a
/// new one, so a shared mapping never changes. A counted object of its own, so the
/// collector visits its values once however many contexts share it.
#[derive(Debug, Default)]
struct Data {
    map: ObjCell<Map>,
}

impl Payload for Data {
    const GC: bool = true;
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        if let Some(m) = self.map.peek() {
            for (k, v) in m.values() {
                k.visit(visit);
                v.visit(visit);
            }
        }
    }
    fn clear(&self) {
        let old = self.map.try_lock().map(|mut m| std::mem::take(&mut *m));
        drop(old);
    }
}

impl HasType for Data {
    fn type_for(&self) -> Ref<TypeObj> {
        static T: OnceLock<Ref<TypeObj>> = OnceLock::new();
        T.get_or_init(|| internal_type("_contextvars._data", LayoutFns::of::<Self>()))
            .clone()
    }
}

fn var_key(var: &Value) -> usize {
    var.id() as usize
}

// ---------------------------------------------------------------- Context

#[derive(Debug)]
pub struct Context {
    data: GilCell<Ref<Data>>,
    entered: GilCell<bool>,
    weaklist: WeakList,
}

impl Context {
    fn with_data(data: Ref<Data>) -> Value {
        native(Context {
            data: GilCell::new(data),
            entered: GilCell::new(false),
            weaklist: WeakList::default(),
        })
    }

    fn empty() -> Value {
        Context::with_data(Ref::new(Data::default()))
    }

    fn lookup(&self, var: &Value) -> Option<Value> {
        let key = var_key(var);
        self.data
            .with(|d| d.map.lock().get(&key).map(|(_, v)| v.clone()))
    }

    fn len(&self) -> usize {
        self.data.with(|d| d.map.lock().len())
    }

    /// Sets (`Some`) or removes (`None`) `var`, in place when no one else holds the
    /// mapping, else in a new one. Returns the value it had.
    fn write(&self, var: &Value, value: Option<Value>) -> Option<Value> {
        let key = var_key(var);
        let data = self.data.get_clone();
        // Two references: the context's and `data`.
        let (old, fresh) = if Ref::header(&data).refcount() == 2 {
            let mut m = data.map.lock();
            let old = match value {
                Some(v) => m.insert(key, (var.clone(), v)),
                None => m.shift_remove(&key),
            };
            (old, None)
        } else {
            let mut m = data.map.lock().clone();
            let old = match value {
                Some(v) => m.insert(key, (var.clone(), v)),
                None => m.shift_remove(&key),
            };
            (
                old,
                Some(Ref::new(Data {
                    map: ObjCell::new(m),
                })),
            )
        };
        drop(data);
        if let Some(d) = fresh {
            self.data.set(d);
        }
        // The old pair goes after the mapping is consistent again.
        old.map(|(_, v)| v)
    }
}

impl NativeObject for Context {
    fn class(&self) -> Ref<Class> {
        context_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.data.with(|d| visit(Ref::header(d)));
    }
    fn clear(&self) {
        self.data.set(Ref::new(Data::default()));
    }
    fn weaklist(&self) -> Option<&WeakList> {
        Some(&self.weaklist)
    }
}

fn context_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", context_new),
        ("run", context_run),
        ("copy", context_copy),
        ("get", context_get),
        ("__getitem__", context_getitem),
        ("__contains__", context_contains),
        ("__len__", |vm, a| {
            let c = this::<Context>(vm, &a, "_contextvars.Context", "__len__")?;
            Ok(Value::Int(c.len() as i64))
        }),
        ("__iter__", |vm, a| {
            view_method(vm, a, "__iter__", Kind::Keys, true)
        }),
        ("keys", |vm, a| {
            view_method(vm, a, "keys", Kind::Keys, false)
        }),
        ("values", |vm, a| {
            view_method(vm, a, "values", Kind::Values, false)
        }),
        ("items", |vm, a| {
            view_method(vm, a, "items", Kind::Items, false)
        }),
        ("__eq__", context_eq),
    ];
    let c = native_class(&C, "_contextvars", "Context", methods, &[]);
    Class::set_attr(&c, intern("__hash__"), Value::None);
    c.slots.hash.set(Some(crate::vm::slots::hash_unhashable));
    c
}

/// Checks that a method got only its receiver (`skip` 1) or a function nothing
/// (`skip` 0), with CPython's message.
fn no_args(a: &Args, fname: &str, skip: usize) -> PyResult<()> {
    a.no_kw(fname)?;
    let n = a.pos.len().saturating_sub(skip);
    if n != 0 {
        return Err(PyErr::type_error(format!(
            "{fname}() takes no arguments ({n} given)"
        )));
    }
    Ok(())
}

fn context_new(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    if a.pos.len() > 1 || !a.kw.is_empty() {
        return Err(PyErr::type_error("Context() does not accept any arguments"));
    }
    Ok(Context::empty())
}

/// The thread's current context, made (empty) on first use.
pub fn current(vm: &mut Vm) -> Value {
    if matches!(vm.context, Value::None) {
        vm.context = Context::empty();
    }
    vm.context.clone()
}

/// `copy_context()`: a new context sharing the current one's mapping.
pub fn copy_current(vm: &mut Vm) -> Value {
    match downcast::<Context>(&vm.context) {
        Some(c) => Context::with_data(c.data.get_clone()),
        None => Context::empty(),
    }
}

/// Whether `v` is a Context (what `run_in` can enter).
pub fn is_context(v: &Value) -> bool {
    downcast::<Context>(v).is_some()
}

/// Runs `f` with `ctx` as the thread's current context, as `Context.run` does: a
/// context is entered by one thread at a time and never twice. `ctx` must be a
/// Context (`is_context`).
pub fn run_in<R>(vm: &mut Vm, ctx: &Value, f: impl FnOnce(&mut Vm) -> PyResult<R>) -> PyResult<R> {
    let Some(c) = downcast::<Context>(ctx) else {
        return Err(PyErr::type_error(format!(
            "an instance of Context was expected, got {}",
            vm.type_name(ctx)
        )));
    };
    if c.entered.get() {
        return Err(PyErr::runtime_error(format!(
            "cannot enter context: {} is already entered",
            vm.repr(ctx)?
        )));
    }
    c.entered.set(true);
    let prev = std::mem::replace(&mut vm.context, ctx.clone());
    let r = f(vm);
    let entered = std::mem::replace(&mut vm.context, prev);
    c.entered.set(false);
    drop(entered);
    r
}

fn context_run(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this::<Context>(vm, &a, "_contextvars.Context", "run")?;
    if a.pos.len() < 2 {
        return Err(PyErr::type_error(
            "run() missing 1 required positional argument",
        ));
    }
    run_in(vm, &a.pos[0], |vm| vm.call(&a.pos[1], &a.pos[2..], a.kw))
}

fn context_copy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = this::<Context>(vm, &a, "_contextvars.Context", "copy")?;
    no_args(&a, "Context.copy", 1)?;
    Ok(Context::with_data(c.data.get_clone()))
}

fn check_var(vm: &mut Vm, v: &Value) -> PyResult<()> {
    if downcast::<ContextVar>(v).is_some() {
        return Ok(());
    }
    Err(PyErr::type_error(format!(
        "a ContextVar key was expected, got {}",
        vm.repr(v)?
    )))
}

fn context_get(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = this::<Context>(vm, &a, "_contextvars.Context", "get")?;
    a.no_kw("Context.get")?;
    match a.pos.len() - 1 {
        0 => return Err(PyErr::type_error("get expected at least 1 argument, got 0")),
        1 | 2 => {}
        n => {
            return Err(PyErr::type_error(format!(
                "get expected at most 2 arguments, got {n}"
            )))
        }
    }
    check_var(vm, &a.pos[1])?;
    Ok(c.lookup(&a.pos[1])
        .unwrap_or_else(|| a.pos.get(2).cloned().unwrap_or(Value::None)))
}

fn context_getitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = this::<Context>(vm, &a, "_contextvars.Context", "__getitem__")?;
    a.expect("__getitem__", 2, 2)?;
    check_var(vm, &a.pos[1])?;
    c.lookup(&a.pos[1])
        .ok_or_else(|| PyErr::key_error(a.pos[1].clone()))
}

fn context_contains(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = this::<Context>(vm, &a, "_contextvars.Context", "__contains__")?;
    a.expect("__contains__", 2, 2)?;
    check_var(vm, &a.pos[1])?;
    Ok(Value::Bool(c.lookup(&a.pos[1]).is_some()))
}

/// `==`: the same variables with equal values.
fn context_eq(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let c = this::<Context>(vm, &a, "_contextvars.Context", "__eq__")?;
    a.expect("__eq__", 2, 2)?;
    let Some(o) = downcast::<Context>(&a.pos[1]) else {
        return Ok(crate::vm::ops::not_implemented());
    };
    let (x, y) = (c.data.get_clone(), o.data.get_clone());
    if Ref::ptr_eq(&x, &y) {
        return Ok(Value::Bool(true));
    }
    // Compared on snapshots: `==` of the values may run Python code that sets
    // variables.
    let xs: Vec<(usize, Value)> = x
        .map
        .lock()
        .iter()
        .map(|(k, (_, v))| (*k, v.clone()))
        .collect();
    let ys = y.map.lock().clone();
    if xs.len() != ys.len() {
        return Ok(Value::Bool(false));
    }
    for (k, v) in xs {
        match ys.get(&k) {
            Some((_, w)) if vm.eq(&v, w)? => {}
            _ => return Ok(Value::Bool(false)),
        }
    }
    Ok(Value::Bool(true))
}

// ---------------------------------------------------------------- views and iterators

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Keys,
    Values,
    Items,
}

/// `ctx.keys()`, `values()`, `items()`: CPython's views of the mapping (`len` and
/// iteration only), over the mapping as it was when the view was made.
#[derive(Debug)]
struct View {
    data: Ref<Data>,
    kind: Kind,
}

#[derive(Debug)]
struct Iter {
    data: Ref<Data>,
    kind: Kind,
    pos: GilCell<usize>,
}

fn view_method(vm: &mut Vm, a: Args, name: &str, kind: Kind, iter: bool) -> PyResult<Value> {
    let c = this::<Context>(vm, &a, "_contextvars.Context", name)?;
    no_args(&a, &format!("Context.{name}"), 1)?;
    let data = c.data.get_clone();
    Ok(if iter {
        native(Iter {
            data,
            kind,
            pos: GilCell::new(0),
        })
    } else {
        native(View { data, kind })
    })
}

impl NativeObject for View {
    fn class(&self) -> Ref<Class> {
        static C: [OnceLock<Ref<Class>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let methods: &[(&'static str, NativeFn)] = &[
            ("__new__", no_new),
            ("__len__", |vm, a| {
                let v = this::<View>(vm, &a, "view", "__len__")?;
                Ok(Value::Int(v.data.map.lock().len() as i64))
            }),
            ("__iter__", |vm, a| {
                let v = this::<View>(vm, &a, "view", "__iter__")?;
                Ok(native(Iter {
                    data: v.data.clone(),
                    kind: v.kind,
                    pos: GilCell::new(0),
                }))
            }),
        ];
        bare_class(&C[self.kind as usize], kind_name(self.kind), methods)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit(Ref::header(&self.data));
    }
}

impl NativeObject for Iter {
    fn class(&self) -> Ref<Class> {
        static C: [OnceLock<Ref<Class>>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let methods: &[(&'static str, NativeFn)] = &[
            ("__new__", no_new),
            ("__iter__", iter_self),
            ("__next__", next_method),
        ];
        bare_class(&C[self.kind as usize], kind_name(self.kind), methods)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit(Ref::header(&self.data));
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn iter_next(&self, _vm: &mut Vm) -> PyResult<Option<Value>> {
        let i = self.pos.get();
        let item = self
            .data
            .map
            .lock()
            .get_index(i)
            .map(|(_, (k, v))| match self.kind {
                Kind::Keys => k.clone(),
                Kind::Values => v.clone(),
                Kind::Items => Value::tuple(vec![k.clone(), v.clone()]),
            });
        if item.is_some() {
            self.pos.set(i + 1);
        }
        Ok(item)
    }
}

/// `__new__` of the views and iterators, which only a Context makes.
fn no_new(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let name = match a.pos.first() {
        Some(Value::Class(c)) => c.name().to_string(),
        _ => "?".into(),
    };
    Err(PyErr::type_error(format!(
        "cannot create '{name}' instances"
    )))
}

fn kind_name(k: Kind) -> &'static str {
    match k {
        Kind::Keys => "keys",
        Kind::Values => "values",
        Kind::Items => "items",
    }
}

/// A native class with no module in its name (CPython's `keys`, `Token.MISSING`).
fn bare_class(
    cell: &'static OnceLock<Ref<Class>>,
    name: &str,
    methods: &[(&'static str, NativeFn)],
) -> Ref<Class> {
    cell.get_or_init(|| {
        let c = crate::vm::types::new_class(name, Some(&types().object), ClassKind::Builtin);
        // As a C type's: the module is what precedes the last dot (`Token`), else
        // builtins.
        c.set_qualname(name.rsplit('.').next().unwrap_or(name));
        c.slots.getattr.set(Some(super::native_getattr_slot));
        crate::vm::types::install(&c, methods);
        if methods.iter().any(|&(n, _)| n == "__next__") {
            c.slots.next.set(Some(super::native_next_slot));
        }
        crate::vm::value::shared_class(c)
    })
    .clone()
}

// ---------------------------------------------------------------- ContextVar

#[derive(Debug)]
pub struct ContextVar {
    name: Value,
    default: Option<Value>,
}

impl NativeObject for ContextVar {
    fn class(&self) -> Ref<Class> {
        var_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.name.visit(visit);
        if let Some(d) = &self.default {
            d.visit(visit);
        }
    }
}

fn var_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", var_new),
        ("get", var_get),
        ("set", var_set),
        ("reset", var_reset),
        ("__repr__", var_repr),
    ];
    let c = native_class(
        &C,
        "_contextvars",
        "ContextVar",
        methods,
        &[("__class_getitem__", class_getitem)],
    );
    crate::vm::descr::add_getsets(
        &c,
        "_contextvars.ContextVar",
        &[(
            "name",
            |vm, o| Ok(as_var(vm, o)?.name.clone()),
            // A member descriptor in CPython, hence its message.
            Some(|_, _, _| Err(PyErr::attribute_error("readonly attribute"))),
        )],
    );
    c
}

/// `ContextVar[int]`: the class itself, as gilvm's other generic built-ins (no
/// GenericAlias yet).
fn class_getitem(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(a.pos.first().cloned().unwrap_or(Value::None))
}

fn as_var<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a ContextVar> {
    downcast::<ContextVar>(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor 'name' for '_contextvars.ContextVar' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

/// `ContextVar(name, *, default)`.
fn var_new(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let n = a.pos.len().saturating_sub(1);
    if n > 1 {
        return Err(PyErr::type_error(format!(
            "ContextVar() takes at most 1 positional argument ({n} given)"
        )));
    }
    let mut default = None;
    for (k, v) in a.kw {
        if k.as_str() == "name" && n == 0 {
            // `name` is positional-only.
            break;
        }
        if k.as_str() != "default" {
            return Err(PyErr::type_error(format!(
                "'{}' is an invalid keyword argument for ContextVar()",
                k.as_str()
            )));
        }
        default = Some(v.clone());
    }
    let Some(name) = a.pos.get(1) else {
        return Err(PyErr::type_error(
            "ContextVar() takes exactly 1 positional argument (0 given)",
        ));
    };
    if !matches!(name, Value::Str(_)) {
        return Err(PyErr::type_error("context variable name must be a str"));
    }
    Ok(native(ContextVar {
        name: name.clone(),
        default,
    }))
}

fn var_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = this::<ContextVar>(vm, &a, "_contextvars.ContextVar", "__repr__")?;
    let mut s = format!("<ContextVar name={}", vm.repr(&v.name)?);
    if let Some(d) = &v.default {
        s.push_str(&format!(" default={}", vm.repr(d)?));
    }
    s.push_str(&format!(" at {:#x}>", a.pos[0].id()));
    Ok(Value::string(s))
}

/// `var.get([default])`: the value in the current context, else `default`, else the
/// variable's default, else LookupError.
fn var_get(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let v = this::<ContextVar>(vm, &a, "_contextvars.ContextVar", "get")?;
    a.no_kw("ContextVar.get")?;
    let n = a.pos.len() - 1;
    if n > 1 {
        return Err(PyErr::type_error(format!(
            "get expected at most 1 argument, got {n}"
        )));
    }
    if let Some(c) = downcast::<Context>(&vm.context) {
        if let Some(x) = c.lookup(&a.pos[0]) {
            return Ok(x);
        }
    }
    if let Some(d) = a.pos.get(1).or(v.default.as_ref()) {
        return Ok(d.clone());
    }
    Err(PyErr::with_args(
        &types().lookup_error,
        vec![a.pos[0].clone()],
    ))
}

fn var_set(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this::<ContextVar>(vm, &a, "_contextvars.ContextVar", "set")?;
    a.no_kw("ContextVar.set")?;
    a.expect("ContextVar.set", 2, 2).map_err(|_| {
        PyErr::type_error(format!(
            "ContextVar.set() takes exactly one argument ({} given)",
            a.pos.len() - 1
        ))
    })?;
    let ctx = current(vm);
    let c = downcast::<Context>(&ctx).expect("the current context is a Context");
    let old = c.write(&a.pos[0], Some(a.pos[1].clone()));
    Ok(native(Token {
        ctx: ctx.clone(),
        var: a.pos[0].clone(),
        old,
        used: GilCell::new(false),
    }))
}

fn var_reset(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this::<ContextVar>(vm, &a, "_contextvars.ContextVar", "reset")?;
    a.no_kw("ContextVar.reset")?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "ContextVar.reset() takes exactly one argument ({} given)",
            a.pos.len() - 1
        )));
    }
    let tv = &a.pos[1];
    let Some(t) = downcast::<Token>(tv) else {
        return Err(PyErr::type_error(format!(
            "expected an instance of Token, got {}",
            vm.repr(tv)?
        )));
    };
    if t.used.get() {
        return Err(PyErr::runtime_error(format!(
            "{} has already been used once",
            vm.repr(tv)?
        )));
    }
    if !t.var.ptr_eq(&a.pos[0]) {
        return Err(PyErr::value_error(format!(
            "{} was created by a different ContextVar",
            vm.repr(tv)?
        )));
    }
    if !t.ctx.ptr_eq(&vm.context) {
        return Err(PyErr::value_error(format!(
            "{} was created in a different Context",
            vm.repr(tv)?
        )));
    }
    t.used.set(true);
    let ctx = vm.context.clone();
    let c = downcast::<Context>(&ctx).expect("the current context is a Context");
    let old = c.write(&a.pos[0], t.old.clone());
    drop(old);
    Ok(Value::None)
}

// ---------------------------------------------------------------- Token

#[derive(Debug)]
struct Token {
    ctx: Value,
    var: Value,
    /// None: the variable had no value (`Token.MISSING`).
    old: Option<Value>,
    used: GilCell<bool>,
}

impl NativeObject for Token {
    fn class(&self) -> Ref<Class> {
        token_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.ctx.visit(visit);
        self.var.visit(visit);
        if let Some(o) = &self.old {
            o.visit(visit);
        }
    }
}

/// `Token.MISSING`, the one instance of its class.
#[derive(Debug)]
struct Missing;

impl NativeObject for Missing {
    fn class(&self) -> Ref<Class> {
        static C: OnceLock<Ref<Class>> = OnceLock::new();
        bare_class(
            &C,
            "Token.MISSING",
            &[
                ("__new__", |_, _| {
                    Err(PyErr::type_error("cannot create 'Token.MISSING' instances"))
                }),
                ("__repr__", |_, _| Ok(Value::str("<Token.MISSING>"))),
            ],
        )
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn missing() -> Value {
    static M: OnceLock<Value> = OnceLock::new();
    M.get_or_init(|| {
        let m = native(Missing);
        m.make_immortal();
        m
    })
    .clone()
}

fn token_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", |_, _| {
            Err(PyErr::runtime_error(
                "Tokens can only be created by ContextVars",
            ))
        }),
        ("__repr__", token_repr),
    ];
    let c = native_class(
        &C,
        "_contextvars",
        "Token",
        methods,
        &[("__class_getitem__", class_getitem)],
    );
    type G = crate::vm::descr::Getter;
    let gs: &[(&'static str, G, Option<crate::vm::descr::Setter>)] = &[
        ("var", |vm, o| Ok(as_token(vm, o)?.var.clone()), None),
        (
            "old_value",
            |vm, o| Ok(as_token(vm, o)?.old.clone().unwrap_or_else(missing)),
            None,
        ),
    ];
    crate::vm::descr::add_getsets(&c, "_contextvars.Token", gs);
    Class::set_attr(&c, intern("MISSING"), missing());
    c
}

fn as_token<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a Token> {
    downcast::<Token>(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor for '_contextvars.Token' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

fn token_repr(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let t = this::<Token>(vm, &a, "_contextvars.Token", "__repr__")?;
    let var = vm.repr(&t.var)?;
    Ok(Value::string(format!(
        "<Token{} var={var} at {:#x}>",
        if t.used.get() { " used" } else { "" },
        a.pos[0].id()
    )))
}
