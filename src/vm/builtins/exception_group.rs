//! `BaseExceptionGroup` / `ExceptionGroup` (PEP 654): construction rules, `split`,
//! `subgroup`, `derive`, and the two steps of `except*` (matching a clause's types,
//! and building what is re-raised after the clauses ran).

use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{self, types, Types};
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;

pub fn install(t: &Types) {
    types::install(
        &t.base_exception_group,
        &[
            ("derive", eg_derive),
            ("split", eg_split),
            ("subgroup", eg_subgroup),
        ],
    );
    // ExceptionGroup took its slots from BaseExceptionGroup when it was made, before
    // these were set, so both get them.
    for ty in [&t.base_exception_group, &t.exception_group] {
        ty.slots.new.set(Some(eg_new));
        ty.slots.str.set(Some(eg_str));
    }
}

/// The `message` and `exceptions` attributes (getsets.rs).
pub fn message(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(parts(v).0)
}

pub fn exceptions(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::tuple(parts(v).1))
}

fn eg_new(
    vm: &mut Vm,
    cls: &Ref<Class>,
    args: &[Value],
    kw: &[(Ref<PyStr>, Value)],
) -> PyResult<Value> {
    construct(vm, cls, args, kw)
}

pub fn is_group(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if i.exc.is_some() && Ref::ty(i).is_subclass(&types().base_exception_group))
}

fn is_exception_instance(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if i.exc.is_some())
}

fn exc_data(v: &Value) -> Option<&ObjCell<ExcData>> {
    match v {
        Value::Instance(i) => i.exc.as_deref(),
        _ => None,
    }
}

/// The message and the sub-exceptions of a group.
pub fn parts(v: &Value) -> (Value, Vec<Value>) {
    let Some(d) = exc_data(v) else {
        return (Value::None, vec![]);
    };
    let args = d.lock().args.clone();
    let msg = args.first().cloned().unwrap_or(Value::None);
    let excs = match args.get(1) {
        Some(Value::Tuple(t)) => (**t).clone(),
        Some(Value::List(l)) => l.items.lock().clone(),
        _ => vec![],
    };
    (msg, excs)
}

/// `BaseExceptionGroup(message, exceptions)` and subclasses: validates and picks the
/// class (a BaseExceptionGroup of Exceptions only is an ExceptionGroup).
pub fn construct(
    vm: &mut Vm,
    cls: &Ref<Class>,
    args: &[Value],
    kw: &[(Ref<PyStr>, Value)],
) -> PyResult<Value> {
    let t = types();
    if !kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "{}() takes no keyword arguments",
            cls.name()
        )));
    }
    if args.len() != 2 {
        return Err(PyErr::type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            args.len()
        )));
    }
    if !matches!(args[0], Value::Str(_)) {
        return Err(PyErr::type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            vm.type_name(&args[0])
        )));
    }
    let excs = match &args[1] {
        Value::List(l) => l.items.lock().clone(),
        Value::Tuple(t) => (**t).clone(),
        _ => {
            return Err(PyErr::type_error(
                "second argument (exceptions) must be a sequence",
            ))
        }
    };
    if excs.is_empty() {
        return Err(PyErr::value_error(
            "second argument (exceptions) must be a non-empty sequence",
        ));
    }
    let mut all_exceptions = true;
    for (i, e) in excs.iter().enumerate() {
        if !is_exception_instance(e) {
            return Err(PyErr::value_error(format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        all_exceptions &= vm.type_of(e).is_subclass(&t.exception);
    }
    let mut cls = cls.clone();
    if Ref::ptr_eq(&cls, &t.base_exception_group) {
        if all_exceptions {
            cls = t.exception_group.clone();
        }
    } else if Ref::ptr_eq(&cls, &t.exception_group) {
        if !all_exceptions {
            return Err(PyErr::type_error(
                "Cannot nest BaseExceptions in an ExceptionGroup",
            ));
        }
    } else if cls.is_subclass(&t.exception) && !all_exceptions {
        return Err(PyErr::type_error(format!(
            "Cannot nest BaseExceptions in '{}'",
            cls.name()
        )));
    }
    let inst = Value::Instance(Ref::with_type(
        Instance::new(
            &cls,
            Value::Null,
            Some(ExcData {
                args: args.to_vec(),
                ..Default::default()
            }),
        ),
        cls.clone(),
    ));
    Ok(inst)
}

fn eg_str(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let (msg, excs) = parts(v);
    let n = excs.len();
    Ok(Value::string(format!(
        "{} ({n} sub-exception{})",
        vm.str(&msg)?,
        if n == 1 { "" } else { "s" }
    )))
}

fn eg_derive(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("derive", 2, 2)?;
    let (msg, _) = parts(&a.pos[0]);
    construct(
        vm,
        &types().base_exception_group,
        &[msg, a.pos[1].clone()],
        &[],
    )
}

/// What `split`/`subgroup` test each exception with.
enum Matcher {
    Types(Vec<Ref<Class>>),
    Predicate(Value),
    /// Identity with one of these leaves (re-raised parts of an `except*` group).
    Leaves(Vec<Value>),
}

fn matcher(vm: &Vm, cond: &Value) -> PyResult<Matcher> {
    let bad =
        || PyErr::type_error("expected a function, exception type or tuple of exception types");
    match cond {
        Value::Class(c) if c.kind == ClassKind::Exception => Ok(Matcher::Types(vec![c.clone()])),
        Value::Tuple(t) => {
            let mut out = vec![];
            for c in t.iter() {
                match c {
                    Value::Class(c) if c.kind == ClassKind::Exception => out.push(c.clone()),
                    _ => return Err(bad()),
                }
            }
            Ok(Matcher::Types(out))
        }
        v if super::functions::is_callable(vm, v) && !matches!(v, Value::Class(_)) => {
            Ok(Matcher::Predicate(v.clone()))
        }
        _ => Err(bad()),
    }
}

fn matches(vm: &mut Vm, m: &Matcher, e: &Value) -> PyResult<bool> {
    match m {
        Matcher::Types(ts) => {
            let c = vm.type_of(e);
            Ok(ts.iter().any(|t| c.is_subclass(t)))
        }
        Matcher::Predicate(f) => {
            let r = vm.call(f, std::slice::from_ref(e), &[])?;
            vm.truthy(&r)
        }
        Matcher::Leaves(l) => Ok(l.iter().any(|x| x.ptr_eq(e))),
    }
}

/// `eg.derive(excs)` (a subclass's own `derive` if it has one), then the metadata
/// copied over: traceback, cause, context and notes.
fn derive_and_copy(vm: &mut Vm, eg: &Value, excs: Vec<Value>) -> PyResult<Value> {
    let derive = vm.getattr_str(eg, "derive")?;
    let new = vm.call(&derive, &[Value::list(excs)], &[])?;
    if !is_group(&new) {
        return Err(PyErr::type_error(
            "derive must return an instance of BaseExceptionGroup",
        ));
    }
    if let (Some(src), Some(dst)) = (exc_data(eg), exc_data(&new)) {
        let s = src.lock();
        let (tb, cause, context, suppress) = (
            s.traceback.clone(),
            s.cause.clone(),
            s.context.clone(),
            s.suppress_context,
        );
        drop(s);
        let mut d = dst.lock();
        d.traceback = tb;
        d.cause = cause;
        d.context = context;
        d.suppress_context = suppress;
    }
    if let (Value::Instance(src), Value::Instance(dst)) = (eg, &new) {
        if let Some(n) = src.get_attr("__notes__") {
            dst.set_attr("__notes__", n);
        }
    }
    Ok(new)
}

/// `(match, rest)` of a group by `m`; `rest` is skipped when not wanted.
fn split_rec(vm: &mut Vm, eg: &Value, m: &Matcher, want_rest: bool) -> PyResult<(Value, Value)> {
    if matches(vm, m, eg)? {
        return Ok((eg.clone(), Value::None));
    }
    if !is_group(eg) {
        return Ok((Value::None, eg.clone()));
    }
    let (_, excs) = parts(eg);
    let mut matched = vec![];
    let mut rest = vec![];
    for e in &excs {
        let (mt, r) = split_rec(vm, e, m, want_rest)?;
        if !matches!(mt, Value::None) {
            matched.push(mt);
        }
        if want_rest && !matches!(r, Value::None) {
            rest.push(r);
        }
    }
    let mv = if matched.is_empty() {
        Value::None
    } else {
        derive_and_copy(vm, eg, matched)?
    };
    let rv = if rest.is_empty() {
        Value::None
    } else {
        derive_and_copy(vm, eg, rest)?
    };
    Ok((mv, rv))
}

fn eg_split(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("split", 2, 2)?;
    let m = matcher(vm, &a.pos[1])?;
    let (mt, rest) = split_rec(vm, &a.pos[0], &m, true)?;
    Ok(Value::tuple(vec![mt, rest]))
}

fn eg_subgroup(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("subgroup", 2, 2)?;
    let m = matcher(vm, &a.pos[1])?;
    Ok(split_rec(vm, &a.pos[0], &m, false)?.0)
}

/// CHECK_EG_MATCH: `(rest, match)` of exception `exc` against `except*` types `typ`.
pub fn eg_match(vm: &mut Vm, exc: &Value, typ: &Value) -> PyResult<(Value, Value)> {
    let t = types();
    let check = |c: &Value| -> PyResult<()> {
        match c {
            Value::Class(c) if c.kind == ClassKind::Exception => {
                if c.is_subclass(&t.base_exception_group) {
                    return Err(PyErr::type_error(
                        "catching ExceptionGroup with except* is not allowed. Use except instead.",
                    ));
                }
                Ok(())
            }
            _ => Err(PyErr::type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    };
    match typ {
        Value::Tuple(ts) => ts.iter().try_for_each(check)?,
        c => check(c)?,
    }
    if matches!(exc, Value::None) {
        return Ok((Value::None, Value::None));
    }
    let m = matcher(vm, typ)?;
    if matches(vm, &m, exc)? {
        if is_group(exc) {
            return Ok((Value::None, exc.clone()));
        }
        // A naked exception is handed to the clause wrapped in a group.
        let wrapped = construct(
            vm,
            &t.base_exception_group,
            &[Value::str(""), Value::tuple(vec![exc.clone()])],
            &[],
        )?;
        if let (Some(src), Some(dst)) = (exc_data(exc), exc_data(&wrapped)) {
            let tb = src.lock().traceback.clone();
            dst.lock().traceback = tb;
        }
        return Ok((Value::None, wrapped));
    }
    if is_group(exc) {
        let split = vm.getattr_str(exc, "split")?;
        let pair = vm.call(&split, std::slice::from_ref(typ), &[])?;
        if let Value::Tuple(p) = &pair {
            if p.len() == 2 {
                return Ok((p[1].clone(), p[0].clone()));
            }
        }
        return Err(PyErr::type_error("split must return a tuple"));
    }
    Ok((exc.clone(), Value::None))
}

fn leaves(v: &Value, out: &mut Vec<Value>) {
    if is_group(v) {
        for e in parts(v).1 {
            leaves(&e, out);
        }
    } else {
        out.push(v.clone());
    }
}

/// Whether `e` is (part of) `orig` re-raised: same traceback, cause and context.
fn same_metadata(e: &Value, orig: &Value) -> bool {
    let (Some(a), Some(b)) = (exc_data(e), exc_data(orig)) else {
        return false;
    };
    if std::ptr::eq(a, b) {
        return true;
    }
    let (a, b) = (a.lock(), b.lock());
    let same = |x: &Option<Value>, y: &Option<Value>| match (x, y) {
        (None, None) => true,
        (Some(p), Some(q)) => p.ptr_eq(q),
        _ => false,
    };
    same(&a.cause, &b.cause)
        && same(&a.context, &b.context)
        && a.traceback.len() == b.traceback.len()
        && a.traceback
            .iter()
            .zip(&b.traceback)
            .all(|(p, q)| p.line == q.line && Ref::ptr_eq(&p.code, &q.code))
}

/// PREP_RERAISE_STAR: what leaves a `try` whose `except*` clauses raised `raised`
/// (plus the unmatched rest): re-raised parts keep `orig`'s nesting, new ones join
/// them in a new group.
pub fn prep_reraise_star(vm: &mut Vm, orig: &Value, raised: &Value) -> PyResult<Value> {
    let excs: Vec<Value> = match raised {
        Value::List(l) => l
            .items
            .lock()
            .iter()
            .filter(|v| !matches!(v, Value::None))
            .cloned()
            .collect(),
        _ => vec![],
    };
    if excs.is_empty() {
        return Ok(Value::None);
    }
    if !is_group(orig) {
        return Ok(excs[0].clone());
    }
    let mut new_raised = vec![];
    let mut reraised = vec![];
    for e in excs {
        if same_metadata(&e, orig) {
            reraised.push(e);
        } else {
            new_raised.push(e);
        }
    }
    let reraised_eg = if reraised.is_empty() {
        Value::None
    } else {
        let mut keep = vec![];
        for e in &reraised {
            leaves(e, &mut keep);
        }
        split_rec(vm, orig, &Matcher::Leaves(keep), false)?.0
    };
    if new_raised.is_empty() {
        return Ok(reraised_eg);
    }
    if !matches!(reraised_eg, Value::None) {
        new_raised.push(reraised_eg);
    }
    if new_raised.len() == 1 {
        return Ok(new_raised.pop().unwrap_or(Value::None));
    }
    construct(
        vm,
        &types().base_exception_group,
        &[Value::str(""), Value::list(new_raised)],
        &[],
    )
}
