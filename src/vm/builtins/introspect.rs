//! Built-ins that look at or run code in a namespace: `globals`, `locals`, `dir`,
//! `vars()`, `eval`, `exec`, `compile` (and `aiter`/`anext`; `__import__` is the
//! import machinery's, in src/vm/modules/). The ones
//! that need the calling frame get it from the eval loop (`call_with_frame`).

use crate::compiler::Mode;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::frame::Frame;
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::types;
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("globals", globals),
    ("locals", locals),
    ("dir", dir),
    ("eval", eval),
    ("exec", exec),
    ("compile", compile),
    ("aiter", crate::vm::coro::aiter),
    ("anext", crate::vm::coro::anext),
];

/// Whether the built-in called `name` reads the caller's frame (checked by the eval
/// loop on calls of built-in functions; `super` is the zero-argument form).
#[inline(always)]
pub fn wants_frame(name: &str) -> bool {
    matches!(
        name,
        "super" | "globals" | "locals" | "dir" | "vars" | "eval" | "exec" | "_getframe"
    )
}

/// The caller's namespaces: its globals, and its locals as a dict (None at module
/// level, where they are the globals).
fn frame_namespaces(f: &Frame) -> (Ref<DictObj>, Option<Ref<DictObj>>) {
    if let Some(ns) = &f.ns {
        return (f.globals.clone(), Some(ns.clone()));
    }
    if f.code.has_flag(crate::bytecode::code::flags::MODULE) {
        return (f.globals.clone(), None);
    }
    let d = DictObj::default();
    for (name, v) in f.code.varnames.iter().zip(&f.locals) {
        if !v.is_null() {
            d.set_str(name, v.clone());
        }
    }
    let cell_names = f.code.cellvars.iter().chain(&f.code.freevars);
    for (name, cell) in cell_names.zip(&f.cells) {
        let v = cell.value.lock().clone();
        if !v.is_null() && !name.starts_with('.') {
            d.set_str(name, v);
        }
    }
    (f.globals.clone(), Some(Ref::new(d)))
}

/// A built-in called from bytecode with the calling frame at hand.
pub fn call_with_frame(
    vm: &mut Vm,
    f: &mut Frame,
    func: &Value,
    args: &[Value],
    kw: &[(Ref<PyStr>, Value)],
) -> PyResult<Value> {
    let Value::Builtin(b) = func else {
        return vm.call(func, args, kw);
    };
    let name = b.name;
    if name == "_getframe" {
        let a = Args { pos: args, kw };
        // Addresses compared: `sys._getframe`, not another module's function of that name.
        if b.func as usize == crate::vm::modules::sys::getframe as NativeFn as usize {
            return crate::vm::frameobj::getframe(vm, Some(f), a);
        }
        return vm.call(func, args, kw);
    }
    // Only the built-ins of that name, not a module's function called the same.
    let is_builtin = name == "super"
        || vm
            .interp
            .builtins
            .get_str(&PyStr::new(name))
            .is_some_and(|v| v.ptr_eq(func));
    if !is_builtin {
        return vm.call(func, args, kw);
    }
    let a = Args { pos: args, kw };
    match name {
        "super" if args.is_empty() && kw.is_empty() => crate::vm::attr::zero_arg_super(vm, f),
        "globals" => {
            a.expect("globals", 0, 0)?;
            Ok(Value::Dict(f.globals.clone()))
        }
        "locals" | "vars" if args.is_empty() && kw.is_empty() && f.ns_map.is_some() => {
            // A class body whose metaclass's `__prepare__` gave another mapping:
            // that mapping itself, as CPython's `f_locals` (enum's `_ignore_`
            // idiom writes members through `vars()`).
            Ok(f.ns_map.clone().expect("checked above"))
        }
        "locals" | "vars" | "dir" if args.is_empty() && kw.is_empty() => {
            let (g, l) = frame_namespaces(f);
            let d = l.unwrap_or(g);
            if name == "dir" {
                let mut keys: Vec<Value> = d.map.lock().keys().map(|k| k.key.clone()).collect();
                sort_names(&mut keys);
                return Ok(Value::list(keys));
            }
            Ok(Value::Dict(d))
        }
        "eval" | "exec" => {
            let (g, l) = frame_namespaces(f);
            run_source(vm, a, name, Some((g, l)))
        }
        _ => vm.call(func, args, kw),
    }
}

/// Without a Python caller (e.g. `map(globals, ...)`): the main module's namespace.
fn main_globals(vm: &Vm) -> Ref<DictObj> {
    match vm.interp.modules.get_str(&PyStr::new("__main__")) {
        Some(Value::Module(m)) => m.dict.clone(),
        _ => vm.interp.builtins.clone(),
    }
}

fn globals(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("globals", 0, 0)?;
    Ok(Value::Dict(main_globals(vm)))
}

fn locals(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("locals", 0, 0)?;
    Ok(Value::Dict(main_globals(vm)))
}

fn sort_names(keys: &mut [Value]) {
    keys.sort_by(|a, b| match (a, b) {
        (Value::Str(x), Value::Str(y)) => x.as_str().cmp(y.as_str()),
        _ => std::cmp::Ordering::Equal,
    });
}

/// `dir(obj)`: `__dir__` if the class defines one, else the names reachable on the
/// object (its own attributes, then its class chain's), sorted.
fn dir(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("dir")?;
    a.expect("dir", 0, 1)?;
    let Some(obj) = a.pos.first() else {
        let mut keys: Vec<Value> = main_globals(vm)
            .map
            .lock()
            .keys()
            .map(|k| k.key.clone())
            .collect();
        sort_names(&mut keys);
        return Ok(Value::list(keys));
    };
    let cls = vm.type_of(obj);
    // PEP 562: `module.__dir__` calls a module-level `__dir__` in the module's dict.
    if let Value::Module(m) = obj {
        if let Some(hook) = m.dict.get_str(&PyStr::new("__dir__")) {
            let r = vm.call(&hook, &[], &[])?;
            let mut items = vm.collect(&r)?;
            sort_names(&mut items);
            return Ok(Value::list(items));
        }
    }
    if let Some(m @ Value::Function(_)) = cls.lookup_str("__dir__") {
        let r = vm.call(&m, std::slice::from_ref(obj), &[])?;
        let mut items = vm.collect(&r)?;
        sort_names(&mut items);
        return Ok(Value::list(items));
    }
    let mut names: Vec<String> = Vec::new();
    let mut add = |n: &str| {
        if !names.iter().any(|x| x == n) {
            names.push(n.to_string());
        }
    };
    // CPython's default `__dir__`: the object's `__dict__`, then every class of the
    // MRO (of the class itself for a class, of its type otherwise).
    if let Some(d) = crate::vm::descr::object_dict(obj) {
        for k in d.map.lock().keys() {
            if let Value::Str(s) = &k.key {
                add(s.as_str());
            }
        }
    }
    let chain = match obj {
        Value::Class(c) => mro(c),
        Value::Module(_) => vec![],
        _ => mro(&cls),
    };
    for k in chain {
        for n in k.attrs().lock().keys() {
            add(n.as_str());
        }
    }
    let mut keys: Vec<Value> = names.iter().map(|n| Value::str(n)).collect();
    sort_names(&mut keys);
    Ok(Value::list(keys))
}

fn eval(vm: &mut Vm, a: Args) -> PyResult<Value> {
    run_source(vm, a, "eval", None)
}

fn exec(vm: &mut Vm, a: Args) -> PyResult<Value> {
    run_source(vm, a, "exec", None)
}

/// The `builtins` module object (what `__builtins__` of an `exec` namespace holds).
fn builtins_module(vm: &Vm) -> Value {
    Value::Module(Ref::new(Module {
        name: "builtins".into(),
        dict: vm.interp.builtins.clone(),
        weaklist: Default::default(),
    }))
}

pub fn install(t: &crate::vm::types::Types) {
    crate::vm::types::install(&t.syntax_error, &[("__str__", syntax_error_str)]);
}

/// A compile error as a Python `SyntaxError` with CPython's attributes (`msg`,
/// `filename`, `lineno`, `offset`, `text`), as `compile`/`exec`/`eval` raise it.
pub fn syntax_error_at(e: crate::parser::SyntaxError, filename: &str, source: &str) -> PyErr {
    let t = types();
    let cls = match e.kind {
        "IndentationError" | "TabError" => &t.indentation_error,
        _ => &t.syntax_error,
    };
    let text = source
        .lines()
        .nth(e.line.saturating_sub(1) as usize)
        .map(|l| Value::string(format!("{l}\n")))
        .unwrap_or(Value::None);
    let (line, col) = (Value::Int(e.line as i64), Value::Int(e.col as i64));
    let loc = Value::tuple(vec![
        Value::str(filename),
        line.clone(),
        col.clone(),
        text.clone(),
    ]);
    let err = PyErr::with_args(cls, vec![Value::str(&e.msg), loc]);
    if let Some(inst) = err.instance() {
        for (k, v) in [
            ("msg", Value::str(&e.msg)),
            ("filename", Value::str(filename)),
            ("lineno", line),
            ("offset", col),
            ("text", text),
        ] {
            inst.set_attr(k, v);
        }
    }
    err
}

/// `str(SyntaxError)`: `msg (filename, line N)` when the location is known.
fn syntax_error_str(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(Value::Instance(inst)) = a.pos.first() else {
        return Ok(Value::str(""));
    };
    let get = |n: &str| inst.get_attr(n);
    let args = inst
        .exc
        .as_ref()
        .map(|d| d.lock().args.clone())
        .unwrap_or_default();
    let msg = match get("msg") {
        Some(m) => vm.str(&m)?,
        None => match args.as_slice() {
            [] => String::new(),
            [m, ..] => vm.str(m)?,
        },
    };
    Ok(Value::string(match (get("filename"), get("lineno")) {
        (Some(Value::Str(f)), Some(Value::Int(l))) => format!("{msg} ({}, line {l})", f.as_str()),
        (_, Some(Value::Int(l))) => format!("{msg} (line {l})"),
        _ => msg,
    }))
}

fn syntax_error(e: crate::parser::SyntaxError, filename: &str, source: &str) -> PyErr {
    syntax_error_at(e, filename, source)
}

/// Parses and compiles `src` in `mode` (source text of `eval`/`exec`/`compile`).
fn compile_text(
    src: &str,
    filename: &str,
    mode: Mode,
) -> PyResult<Ref<crate::bytecode::CodeObject>> {
    let module = match mode {
        Mode::Eval => {
            let text = src.trim_start_matches([' ', '\t']);
            let e = crate::parser::parse_expression(text)
                .map_err(|e| syntax_error(e, filename, text))?;
            let pos = e.pos;
            crate::parser::ast::Module {
                body: vec![crate::parser::ast::Stmt {
                    kind: crate::parser::ast::StmtKind::Expr(e),
                    pos,
                }],
            }
        }
        _ => crate::parser::parse(src).map_err(|e| syntax_error(e, filename, src))?,
    };
    if mode == Mode::Single && module.body.len() > 1 {
        let e = crate::parser::SyntaxError::new(
            "multiple statements found while compiling a single statement",
            module.body[0].pos.line,
            module.body[0].pos.col,
        );
        return Err(syntax_error(e, filename, src));
    }
    crate::compiler::compile_module_as(&module, filename, mode)
        .map_err(|e| syntax_error(e, filename, src))
}

/// `eval(source, globals, locals)` / `exec(...)`; `caller` holds the calling frame's
/// namespaces, the defaults when no globals are given.
fn run_source(
    vm: &mut Vm,
    a: Args,
    what: &str,
    caller: Option<(Ref<DictObj>, Option<Ref<DictObj>>)>,
) -> PyResult<Value> {
    if let Some((k, _)) = a.kw.first() {
        return Err(PyErr::type_error(format!(
            "{what}() takes no keyword arguments (got '{}')",
            k.as_str()
        )));
    }
    if a.pos.is_empty() || a.pos.len() > 3 {
        return Err(PyErr::type_error(format!(
            "{what} expected at most 3 arguments, got {}",
            a.pos.len()
        )));
    }
    let globals = match a.pos.get(1) {
        None | Some(Value::None) => None,
        Some(Value::Dict(d)) => Some(d.clone()),
        Some(v) => {
            return Err(PyErr::type_error(if what == "exec" {
                format!("exec() globals must be a dict, not {}", vm.type_name(v))
            } else {
                "globals must be a dict".to_string()
            }))
        }
    };
    let locals = match a.pos.get(2) {
        None | Some(Value::None) => None,
        Some(Value::Dict(d)) => Some(d.clone()),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "locals must be a mapping, not {} (gilvm: only dicts)",
                vm.type_name(v)
            )))
        }
    };
    let (g, l) = match (globals, locals) {
        (Some(g), l) => (g, l),
        (None, l) => {
            let (cg, cl) = caller.unwrap_or_else(|| (main_globals(vm), None));
            (cg, l.or(cl))
        }
    };
    if g.get_str(&PyStr::new("__builtins__")).is_none() {
        g.set_str("__builtins__", builtins_module(vm));
    }
    let code = match &a.pos[0] {
        Value::Code(c) => c.clone(),
        Value::Str(s) => {
            let mode = if what == "eval" {
                Mode::Eval
            } else {
                Mode::Exec
            };
            compile_text(s.as_str(), "<string>", mode)?
        }
        v => {
            return Err(PyErr::type_error(format!(
                "{what}() arg 1 must be a string, bytes or code object{}",
                if what == "eval" {
                    String::new()
                } else {
                    format!(", not {}", vm.type_name(v))
                }
            )))
        }
    };
    let mut frame = vm.frame_pool.alloc(&code, &g, None);
    frame.ns = l.filter(|l| !Ref::ptr_eq(l, &g));
    vm.enter_call()?;
    let r = vm.run_frame_to_value(frame);
    vm.leave_call();
    let v = r?;
    Ok(if what == "exec" { Value::None } else { v })
}

/// `compile(source, filename, mode)`: a code object for `exec`/`eval`.
fn compile(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let names = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
    ];
    a.only_kw("compile", &names)?;
    let get = |i: usize| a.pos.get(i).or_else(|| a.kw(names[i]));
    let (Some(src), Some(filename), Some(mode)) = (get(0), get(1), get(2)) else {
        return Err(PyErr::type_error(
            "compile() missing required argument 'source' (pos 1)",
        ));
    };
    let Value::Str(filename) = filename else {
        return Err(PyErr::type_error(format!(
            "compile() argument 'filename' must be str, not {}",
            vm.type_name(filename)
        )));
    };
    let mode = match mode {
        Value::Str(m) if m.as_str() == "exec" => Mode::Exec,
        Value::Str(m) if m.as_str() == "eval" => Mode::Eval,
        Value::Str(m) if m.as_str() == "single" => Mode::Single,
        Value::Str(_) => {
            return Err(PyErr::value_error(
                "compile() mode must be 'exec', 'eval' or 'single'",
            ))
        }
        v => {
            return Err(PyErr::type_error(format!(
                "compile() argument 'mode' must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    match src {
        Value::Str(s) => Ok(Value::Code(compile_text(
            s.as_str(),
            filename.as_str(),
            mode,
        )?)),
        Value::Code(_) => Ok(src.clone()),
        v => Err(PyErr::type_error(format!(
            "compile() arg 1 must be a string, bytes or AST object, not {}",
            vm.type_name(v)
        ))),
    }
}
