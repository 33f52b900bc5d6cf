//! Coroutines and async generators: their methods, the awaitables of `asend`,
//! `athrow`, `aclose` and `anext`, and the protocol steps of `await`, `async for` and
//! `async with`. A coroutine is a `Generator` of kind `Coroutine`: a suspended one is
//! only its heap frame, and `await` is YIELD_FROM on an awaitable's iterator.

use super::builtins::{self_arg, wrong_self};
use super::errors::{PyErr, PyResult};
use super::iter::Sent;
use super::object::*;
use super::types::{install as install_methods, new_class, types, Types};
use super::value::Value;
use super::Vm;
use crate::vm::cell::ObjCell;
use crate::vm::refcount::Ref;
use std::sync::OnceLock;

pub fn install(t: &Types) {
    for ty in [&t.generator, &t.coroutine, &t.async_generator] {
        ty.slots.getattr.set(Some(gen_getattr_slot));
    }
    install_methods(
        &t.coroutine,
        &[
            ("send", coro_send),
            ("throw", coro_throw),
            ("close", coro_close),
            ("__await__", coro_await),
        ],
    );
    install_methods(
        &t.async_generator,
        &[
            ("__aiter__", agen_aiter),
            ("__anext__", agen_anext),
            ("asend", agen_asend),
            ("athrow", agen_athrow),
            ("aclose", agen_aclose),
        ],
    );
}

/// A value yielded by an async generator's own `yield` (ASYNC_GEN_WRAP), as opposed
/// to one passed up from an `await` inside it.
#[derive(Debug)]
struct Wrapped(Value);

impl NativeObject for Wrapped {
    fn class(&self) -> Ref<Class> {
        native_class("async_generator_wrapped_value", &[])
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        self.0.visit(visit);
    }
}

pub fn wrap_value(v: Value) -> Value {
    Value::Native(Ref::new(Native {
        obj: Box::new(Wrapped(v)),
    }))
}

fn unwrap_value(v: &Value) -> Option<Value> {
    match v {
        Value::Native(n) => n
            .obj
            .as_any()
            .downcast_ref::<Wrapped>()
            .map(|w| w.0.clone()),
        _ => None,
    }
}

/// Native classes of this file, made once per process (and so immortal).
fn native_class(name: &'static str, methods: &[(&'static str, NativeFn)]) -> Ref<Class> {
    static CLASSES: OnceLock<parking_lot::Mutex<Vec<(&'static str, Ref<Class>)>>> = OnceLock::new();
    let reg = CLASSES.get_or_init(Default::default);
    let mut reg = reg.lock();
    if let Some((_, c)) = reg.iter().find(|(n, _)| *n == name) {
        return c.clone();
    }
    let c = new_class(name, Some(&types().object), ClassKind::Builtin);
    install_methods(&c, methods);
    if name == "frame" {
        c.slots.getattr.set(Some(gen_getattr_slot));
    }
    let c = crate::vm::value::shared_class(c);
    reg.push((name, c.clone()));
    c
}

fn new_native(obj: impl NativeObject) -> Value {
    Value::Native(Ref::new(Native { obj: Box::new(obj) }))
}

fn gen_of<'a>(vm: &Vm, a: &Args<'a>, kind: GenKind, meth: &str) -> PyResult<&'a Ref<Generator>> {
    let tname = match kind {
        GenKind::Coroutine => "coroutine",
        _ => "async_generator",
    };
    match self_arg(a, tname, meth)? {
        Value::Generator(g) if g.kind == kind => Ok(g),
        v => Err(wrong_self(vm, tname, meth, v)),
    }
}

/// `throw(exc)` / `throw(type, value)` arguments as an exception to raise.
fn throw_arg(vm: &mut Vm, args: &[Value]) -> PyResult<PyErr> {
    if args.is_empty() || args.len() > 3 {
        return Err(PyErr::type_error(format!(
            "throw expected {} arguments, got {}",
            if args.is_empty() {
                "at least 1"
            } else {
                "at most 3"
            },
            args.len()
        )));
    }
    let exc = match (&args[0], args.get(1)) {
        (Value::Class(c), Some(val)) if c.kind == ClassKind::Exception => match val {
            Value::Instance(i) if i.exc.is_some() => val.clone(),
            Value::None => vm.call(&args[0], &[], &[])?,
            _ => vm.call(&args[0], std::slice::from_ref(val), &[])?,
        },
        (Value::Class(c), None) if c.kind == ClassKind::Exception => {
            vm.make_exception(args[0].clone())?
        }
        (Value::Instance(i), _) if i.exc.is_some() => args[0].clone(),
        _ => {
            return Err(PyErr::type_error(format!(
                "exceptions must be classes or instances deriving from BaseException, not {}",
                vm.type_name(&args[0])
            )))
        }
    };
    Ok(PyErr { exc })
}

fn finish(r: Sent) -> PyResult<Value> {
    match r {
        Sent::Yielded(v) => Ok(v),
        Sent::Returned(v) => Err(PyErr::stop_iteration(v)),
    }
}

// ---- coroutines ----------------------------------------------------------------------

fn coro_send(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("send")?;
    let g = gen_of(vm, &a, GenKind::Coroutine, "send")?.clone();
    a.expect_method("coroutine.send", 1, 1)?;
    let r = vm.gen_resume(&g, a.pos[1].clone(), None)?;
    finish(r)
}

fn coro_throw(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("throw")?;
    let g = gen_of(vm, &a, GenKind::Coroutine, "throw")?.clone();
    let e = throw_arg(vm, &a.pos[1..])?;
    let r = vm.gen_resume(&g, Value::None, Some(e))?;
    finish(r)
}

fn coro_close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("close")?;
    let g = gen_of(vm, &a, GenKind::Coroutine, "close")?.clone();
    vm.gen_close(&g)
}

/// `coro.__await__()`: an iterator over the coroutine (what `await` delegates to).
fn coro_await(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = gen_of(vm, &a, GenKind::Coroutine, "__await__")?.clone();
    Ok(new_native(CoroWrapper(g)))
}

#[derive(Debug)]
struct CoroWrapper(Ref<Generator>);

impl NativeObject for CoroWrapper {
    fn class(&self) -> Ref<Class> {
        native_class(
            "coroutine_wrapper",
            &[
                ("send", wrapper_send),
                ("throw", wrapper_throw),
                ("close", wrapper_close),
                ("__next__", wrapper_next),
                ("__iter__", self_iter),
            ],
        )
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        visit(Ref::header(&self.0));
    }
}

fn wrapper_of(a: &Args) -> PyResult<Ref<Generator>> {
    if let Some(Value::Native(n)) = a.pos.first() {
        if let Some(w) = n.obj.as_any().downcast_ref::<CoroWrapper>() {
            return Ok(w.0.clone());
        }
    }
    Err(PyErr::type_error(
        "descriptor requires a 'coroutine_wrapper' object",
    ))
}

fn wrapper_send(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = wrapper_of(&a)?;
    a.expect("send", 2, 2)?;
    let r = vm.gen_resume(&g, a.pos[1].clone(), None)?;
    finish(r)
}

fn wrapper_next(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = wrapper_of(&a)?;
    let r = vm.gen_resume(&g, Value::None, None)?;
    finish(r)
}

fn wrapper_throw(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = wrapper_of(&a)?;
    let e = throw_arg(vm, &a.pos[1..])?;
    let r = vm.gen_resume(&g, Value::None, Some(e))?;
    finish(r)
}

fn wrapper_close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = wrapper_of(&a)?;
    vm.gen_close(&g)
}

fn self_iter(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(a.pos.first().cloned().unwrap_or(Value::None))
}

// ---- async generators --------------------------------------------------------------------

fn agen_aiter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Generator(
        gen_of(vm, &a, GenKind::AsyncGenerator, "__aiter__")?.clone(),
    ))
}

fn agen_anext(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = gen_of(vm, &a, GenKind::AsyncGenerator, "__anext__")?.clone();
    Ok(asend_awaitable(g, Value::None))
}

fn agen_asend(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = gen_of(vm, &a, GenKind::AsyncGenerator, "asend")?.clone();
    a.expect("asend", 2, 2)?;
    Ok(asend_awaitable(g, a.pos[1].clone()))
}

fn agen_athrow(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = gen_of(vm, &a, GenKind::AsyncGenerator, "athrow")?.clone();
    let e = throw_arg(vm, &a.pos[1..])?;
    Ok(new_native(AThrow {
        gen: g,
        exc: Some(e.exc),
        state: ObjCell::new(AwState::Init),
    }))
}

fn agen_aclose(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = gen_of(vm, &a, GenKind::AsyncGenerator, "aclose")?.clone();
    Ok(new_native(AThrow {
        gen: g,
        exc: None,
        state: ObjCell::new(AwState::Init),
    }))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AwState {
    Init,
    Iter,
    Closed,
}

/// The awaitable of `agen.asend(v)` / `agen.__anext__()`.
#[derive(Debug)]
struct ASend {
    gen: Ref<Generator>,
    value: ObjCell<Value>,
    state: ObjCell<AwState>,
}

fn asend_awaitable(gen: Ref<Generator>, value: Value) -> Value {
    new_native(ASend {
        gen,
        value: ObjCell::new(value),
        state: ObjCell::new(AwState::Init),
    })
}

const AWAITABLE_METHODS: &[(&str, NativeFn)] = &[
    ("send", aw_send),
    ("throw", aw_throw),
    ("close", aw_close),
    ("__next__", aw_next),
    ("__iter__", self_iter),
    ("__await__", self_iter),
];

impl NativeObject for ASend {
    fn class(&self) -> Ref<Class> {
        native_class("async_generator_asend", AWAITABLE_METHODS)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        visit(Ref::header(&self.gen));
        if let Some(v) = self.value.peek() {
            v.visit(visit);
        }
    }
    fn clear(&self) {
        let old = self
            .value
            .try_lock()
            .map(|mut g| std::mem::replace(&mut *g, Value::None));
        drop(old);
    }
}

/// The awaitable of `agen.athrow(exc)` (`exc` set) or `agen.aclose()` (`exc` None).
#[derive(Debug)]
struct AThrow {
    gen: Ref<Generator>,
    exc: Option<Value>,
    state: ObjCell<AwState>,
}

impl NativeObject for AThrow {
    fn class(&self) -> Ref<Class> {
        native_class("async_generator_athrow", AWAITABLE_METHODS)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        visit(Ref::header(&self.gen));
        self.exc.iter().for_each(|v| v.visit(visit));
    }
}

/// `anext(aiter, default)`: awaits `__anext__()`, giving `default` at the end.
#[derive(Debug)]
struct AnextDefault {
    inner: Value,
    default: Value,
}

impl NativeObject for AnextDefault {
    fn class(&self) -> Ref<Class> {
        native_class("anext_awaitable", AWAITABLE_METHODS)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        self.inner.visit(visit);
        self.default.visit(visit);
    }
}

/// One step of an awaitable object: `send(v)` (`throw` None) or `throw(e)`.
fn aw_step(vm: &mut Vm, a: &Args, sent: Value, throw: Option<PyErr>) -> PyResult<Value> {
    let Some(Value::Native(n)) = a.pos.first() else {
        return Err(PyErr::type_error("awaitable method needs an awaitable"));
    };
    let any = n.obj.as_any();
    if let Some(s) = any.downcast_ref::<ASend>() {
        return asend_step(vm, s, sent, throw);
    }
    if let Some(t) = any.downcast_ref::<AThrow>() {
        return athrow_step(vm, t, sent, throw);
    }
    if let Some(d) = any.downcast_ref::<AnextDefault>() {
        let r = match throw {
            Some(e) => vm.throw_into(&d.inner, e),
            None => vm.send_to(&d.inner, sent),
        };
        return match r {
            Ok(s) => finish(s),
            Err(e) if e.is(&types().stop_async_iteration) => {
                Err(PyErr::stop_iteration(d.default.clone()))
            }
            Err(e) => Err(e),
        };
    }
    Err(PyErr::type_error("awaitable method needs an awaitable"))
}

fn aw_send(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("send", 2, 2)?;
    let v = a.pos[1].clone();
    aw_step(vm, &a, v, None)
}

fn aw_next(vm: &mut Vm, a: Args) -> PyResult<Value> {
    aw_step(vm, &a, Value::None, None)
}

fn aw_throw(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let e = throw_arg(vm, a.pos.get(1..).unwrap_or(&[]))?;
    aw_step(vm, &a, Value::None, Some(e))
}

fn aw_close(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    if let Some(Value::Native(n)) = a.pos.first() {
        let any = n.obj.as_any();
        if let Some(s) = any.downcast_ref::<ASend>() {
            *s.state.lock() = AwState::Closed;
        } else if let Some(t) = any.downcast_ref::<AThrow>() {
            *t.state.lock() = AwState::Closed;
        }
    }
    Ok(Value::None)
}

/// What resuming an async generator gave, seen from an awaitable: its own `yield`
/// ends the await with the value (StopIteration), its `await`s pass through.
fn agen_result(
    vm: &mut Vm,
    gen: &Ref<Generator>,
    r: PyResult<Sent>,
    done: &ObjCell<AwState>,
) -> PyResult<Value> {
    let finish_await = |st: AwState| {
        *done.lock() = st;
        gen.state.lock().running_async = false;
    };
    match r {
        Ok(Sent::Yielded(v)) => match unwrap_value(&v) {
            Some(item) => {
                finish_await(AwState::Closed);
                Err(PyErr::stop_iteration(item))
            }
            None => Ok(v),
        },
        Ok(Sent::Returned(_)) => {
            finish_await(AwState::Closed);
            Err(PyErr::with_args(&types().stop_async_iteration, vec![]))
        }
        Err(e) => {
            finish_await(AwState::Closed);
            let _ = vm;
            Err(e)
        }
    }
}

fn asend_step(vm: &mut Vm, s: &ASend, sent: Value, throw: Option<PyErr>) -> PyResult<Value> {
    let state = *s.state.lock();
    let sent = match state {
        AwState::Closed => {
            return Err(PyErr::runtime_error(
                "cannot reuse already awaited __anext__()/asend()",
            ))
        }
        AwState::Init => {
            if s.gen.state.lock().running_async {
                return Err(PyErr::runtime_error(
                    "anext(): asynchronous generator is already running",
                ));
            }
            *s.state.lock() = AwState::Iter;
            s.gen.state.lock().running_async = true;
            if matches!(sent, Value::None) {
                s.value.lock().clone()
            } else {
                sent
            }
        }
        AwState::Iter => sent,
    };
    let r = vm.gen_resume(&s.gen, sent, throw);
    agen_result(vm, &s.gen, r, &s.state)
}

fn athrow_step(vm: &mut Vm, t: &AThrow, sent: Value, throw: Option<PyErr>) -> PyResult<Value> {
    let state = *t.state.lock();
    let closing = t.exc.is_none();
    let (sent, throw) = match state {
        AwState::Closed => {
            return Err(PyErr::runtime_error(if closing {
                "cannot reuse already awaited aclose()/athrow()"
            } else {
                "cannot reuse already awaited aclose()/athrow()"
            }))
        }
        AwState::Init => {
            {
                let st = t.gen.state.lock();
                if st.running_async {
                    return Err(PyErr::runtime_error(if closing {
                        "aclose(): asynchronous generator is already running"
                    } else {
                        "athrow(): asynchronous generator is already running"
                    }));
                }
                if st.finished || (closing && !st.started) {
                    drop(st);
                    *t.state.lock() = AwState::Closed;
                    if closing {
                        let mut st = t.gen.state.lock();
                        st.finished = true;
                        st.frame = None;
                        return Err(PyErr::stop_iteration(Value::None));
                    }
                    return Err(PyErr::with_args(&types().stop_async_iteration, vec![]));
                }
            }
            if !matches!(sent, Value::None) {
                return Err(PyErr::runtime_error(
                    "can't send non-None value to a just-started coroutine",
                ));
            }
            *t.state.lock() = AwState::Iter;
            t.gen.state.lock().running_async = true;
            let exc = match &t.exc {
                Some(e) => PyErr { exc: e.clone() },
                None => PyErr::with_args(&types().generator_exit, vec![]),
            };
            (Value::None, Some(exc))
        }
        AwState::Iter => (sent, throw),
    };
    let r = vm.gen_resume(&t.gen, sent, throw);
    if !closing {
        return agen_result(vm, &t.gen, r, &t.state);
    }
    let done = |st: &ObjCell<AwState>| {
        *st.lock() = AwState::Closed;
        t.gen.state.lock().running_async = false;
    };
    match r {
        Ok(Sent::Yielded(v)) => {
            if unwrap_value(&v).is_some() {
                done(&t.state);
                return Err(PyErr::runtime_error(
                    "async generator ignored GeneratorExit",
                ));
            }
            Ok(v)
        }
        Ok(Sent::Returned(_)) => {
            done(&t.state);
            Err(PyErr::stop_iteration(Value::None))
        }
        Err(e) if e.is(&types().generator_exit) || e.is(&types().stop_async_iteration) => {
            done(&t.state);
            Err(PyErr::stop_iteration(Value::None))
        }
        Err(e) => {
            done(&t.state);
            Err(e)
        }
    }
}

// ---- protocol steps used by the eval loop ------------------------------------------------

impl Vm {
    /// GET_AWAITABLE: what `await v` delegates to. `ctx` 1/2: `__aenter__`/`__aexit__`.
    pub fn get_awaitable(&mut self, v: &Value, ctx: u32) -> PyResult<Value> {
        if let Value::Generator(g) = v {
            if g.kind == GenKind::Coroutine {
                if coro_awaited(g) {
                    return Err(PyErr::runtime_error("coroutine is being awaited already"));
                }
                return Ok(v.clone());
            }
        }
        let cls = self.type_of(v);
        let Some(m) = cls.lookup_str("__await__") else {
            return Err(PyErr::type_error(match ctx {
                1 => format!(
                    "'async with' received an object from __aenter__ that does not implement __await__: {}",
                    self.type_name(v)
                ),
                2 => format!(
                    "'async with' received an object from __aexit__ that does not implement __await__: {}",
                    self.type_name(v)
                ),
                _ => format!(
                    "object {} can't be used in 'await' expression",
                    self.type_name(v)
                ),
            }));
        };
        let it = self.call(&m, std::slice::from_ref(v), &[])?;
        if let Value::Generator(g) = &it {
            if g.kind == GenKind::Coroutine {
                return Err(PyErr::type_error("__await__() returned a coroutine"));
            }
            return Ok(it);
        }
        if matches!(it, Value::Iter(_)) || self.type_of(&it).lookup_str("__next__").is_some() {
            return Ok(it);
        }
        Err(PyErr::type_error(format!(
            "__await__() returned non-iterator of type '{}'",
            self.type_name(&it)
        )))
    }

    /// GET_AITER: `type(v).__aiter__(v)`, which must have `__anext__`.
    pub fn get_aiter(&mut self, v: &Value) -> PyResult<Value> {
        if let Value::Generator(g) = v {
            if g.kind == GenKind::AsyncGenerator {
                return Ok(v.clone());
            }
        }
        let Some(m) = self.type_of(v).lookup_str("__aiter__") else {
            return Err(PyErr::type_error(format!(
                "'async for' requires an object with __aiter__ method, got {}",
                self.type_name(v)
            )));
        };
        let it = self.call(&m, std::slice::from_ref(v), &[])?;
        if self.type_of(&it).lookup_str("__anext__").is_none() {
            return Err(PyErr::type_error(format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                self.type_name(&it)
            )));
        }
        Ok(it)
    }

    /// GET_ANEXT: the awaitable iterator of `aiter.__anext__()`.
    pub fn get_anext(&mut self, it: &Value) -> PyResult<Value> {
        if let Value::Generator(g) = it {
            if g.kind == GenKind::AsyncGenerator {
                return Ok(asend_awaitable(g.clone(), Value::None));
            }
        }
        let Some(m) = self.type_of(it).lookup_str("__anext__") else {
            return Err(PyErr::type_error(format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                self.type_name(it)
            )));
        };
        let aw = self.call(&m, std::slice::from_ref(it), &[])?;
        self.get_awaitable(&aw, 0).map_err(|e| {
            if e.is(&types().type_error) {
                PyErr::type_error(format!(
                    "'async for' received an invalid object from __anext__: {}",
                    self.type_name(&aw)
                ))
            } else {
                e
            }
        })
    }

    /// Raises `e` inside a sub-iterator (a generator, or anything with `throw`).
    pub fn throw_into(&mut self, sub: &Value, e: PyErr) -> PyResult<Sent> {
        if let Value::Generator(g) = sub {
            return self.gen_resume(g, Value::None, Some(e));
        }
        let Some(m) = self.type_of(sub).lookup_str("throw") else {
            return Err(e);
        };
        match self.call(&m, &[sub.clone(), e.exc], &[]) {
            Ok(v) => Ok(Sent::Yielded(v)),
            Err(e) if e.is(&types().stop_iteration) => Ok(Sent::Returned(
                e.args().first().cloned().unwrap_or(Value::None),
            )),
            Err(e) => Err(e),
        }
    }

    /// `close()` of a generator or coroutine: GeneratorExit at the paused point.
    pub fn gen_close(&mut self, g: &Ref<Generator>) -> PyResult<Value> {
        {
            let mut st = g.state.lock();
            if st.finished {
                return Ok(Value::None);
            }
            if !st.started && !st.running {
                st.finished = true;
                st.frame = None;
                return Ok(Value::None);
            }
        }
        let exit = PyErr::with_args(&types().generator_exit, vec![]);
        match self.gen_resume(g, Value::None, Some(exit)) {
            Ok(Sent::Yielded(_)) => Err(PyErr::runtime_error(format!(
                "{} ignored GeneratorExit",
                g.kind.name()
            ))),
            Ok(Sent::Returned(_)) => Ok(Value::None),
            Err(e) if e.is(&types().generator_exit) || e.is(&types().stop_iteration) => {
                Ok(Value::None)
            }
            Err(e) => Err(e),
        }
    }
}

/// Whether a coroutine is suspended inside an `await` (someone is awaiting through it).
fn coro_awaited(g: &Ref<Generator>) -> bool {
    let st = g.state.lock();
    match &st.frame {
        Some(f) if st.started => f
            .code
            .instrs
            .get(f.pc)
            .is_some_and(|i| i.op == crate::bytecode::Op::YieldFrom),
        _ => false,
    }
}

/// Attributes of generator-like objects: `__name__`, `cr_await`, `gi_running`, ...
pub fn gen_getattr(g: &Ref<Generator>, name: &str) -> Option<Value> {
    let (prefix, attr) = match name.split_once('_') {
        Some((p @ ("gi" | "cr" | "ag"), a)) => (p, a),
        _ => {
            return match name {
                "__name__" => Some(Value::Str(g.name.clone())),
                "__qualname__" => Some(Value::Str(g.qualname.clone())),
                _ => None,
            }
        }
    };
    let ok = matches!(
        (prefix, g.kind),
        ("gi", GenKind::Generator) | ("cr", GenKind::Coroutine) | ("ag", GenKind::AsyncGenerator)
    );
    if !ok {
        return None;
    }
    let st = g.state.lock();
    Some(match attr {
        "running" => Value::Bool(st.running),
        "await" | "yieldfrom" => match &st.frame {
            Some(f)
                if st.started
                    && f.code
                        .instrs
                        .get(f.pc)
                        .is_some_and(|i| i.op == crate::bytecode::Op::YieldFrom) =>
            {
                f.stack.last().cloned().unwrap_or(Value::None)
            }
            _ => Value::None,
        },
        "frame" => match &st.frame {
            Some(f) => new_native(FrameInfo {
                code: f.code.clone(),
                line: if st.started {
                    f.current_line()
                } else {
                    f.code.first_line
                },
            }),
            None if st.running => Value::None,
            None => Value::None,
        },
        "code" => Value::Code(g.code.clone()),
        "suspended" if prefix == "cr" => Value::Bool(st.started && !st.finished && !st.running),
        _ => return None,
    })
}

/// A snapshot of a suspended frame: `f_code`, `f_lineno` (gilvm has no frame objects).
#[derive(Debug)]
struct FrameInfo {
    code: Ref<crate::bytecode::CodeObject>,
    line: u32,
}

impl NativeObject for FrameInfo {
    fn class(&self) -> Ref<Class> {
        native_class("frame", &[])
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        visit(Ref::header(&self.code));
    }
    fn repr(&self) -> Option<String> {
        Some(format!(
            "<frame at {:#x}, file '{}', line {}, code {}>",
            self as *const FrameInfo as usize, self.code.filename, self.line, self.code.name
        ))
    }
}

/// The getattr slot of generators, coroutines, async generators and frame
/// snapshots: their `gi_`/`cr_`/`ag_`/`f_` attributes, then the generic lookup.
fn gen_getattr_slot(
    vm: &mut Vm,
    obj: &Value,
    name: &Ref<crate::vm::value::PyStr>,
) -> PyResult<Option<Value>> {
    let found = match obj {
        Value::Generator(g) => gen_getattr(g, name.as_str()),
        Value::Native(n) => frame_getattr(n, name.as_str()),
        _ => None,
    };
    match found {
        Some(v) => Ok(Some(v)),
        None => crate::vm::descr::generic_getattr(vm, obj, name),
    }
}

/// `f_code`, `f_lineno` and `f_back` of a `cr_frame`/`gi_frame`/`ag_frame` snapshot.
pub fn frame_getattr(n: &Native, name: &str) -> Option<Value> {
    let fi = n.obj.as_any().downcast_ref::<FrameInfo>()?;
    match name {
        "f_code" => Some(Value::Code(fi.code.clone())),
        "f_lineno" => Some(Value::Int(fi.line as i64)),
        "f_back" => Some(Value::None),
        _ => None,
    }
}

// ---- builtins ------------------------------------------------------------------------------

/// `aiter(x)`
pub fn aiter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("aiter")?;
    a.expect("aiter", 1, 1)?;
    let v = &a.pos[0];
    let is_async_iterable = matches!(v, Value::Generator(g) if g.kind == GenKind::AsyncGenerator)
        || vm.type_of(v).lookup_str("__aiter__").is_some();
    if !is_async_iterable {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an async iterable",
            vm.type_name(v)
        )));
    }
    let it = vm.get_aiter(v)?;
    Ok(it)
}

/// `anext(it)` / `anext(it, default)`
pub fn anext(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("anext")?;
    a.expect("anext", 1, 2)?;
    let it = &a.pos[0];
    let is_async_iter = matches!(it, Value::Generator(g) if g.kind == GenKind::AsyncGenerator)
        || vm.type_of(it).lookup_str("__anext__").is_some();
    if !is_async_iter {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an async iterator",
            vm.type_name(it)
        )));
    }
    let aw = match it {
        Value::Generator(g) if g.kind == GenKind::AsyncGenerator => {
            asend_awaitable(g.clone(), Value::None)
        }
        _ => {
            let m = vm
                .type_of(it)
                .lookup_str("__anext__")
                .unwrap_or(Value::None);
            vm.call(&m, std::slice::from_ref(it), &[])?
        }
    };
    match a.pos.get(1) {
        None => Ok(aw),
        Some(d) => {
            let inner = vm.get_awaitable(&aw, 0)?;
            Ok(new_native(AnextDefault {
                inner,
                default: d.clone(),
            }))
        }
    }
}
