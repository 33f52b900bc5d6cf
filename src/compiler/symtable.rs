//! Symbol tables: one scope per module, function, lambda, class body and comprehension,
//! with each name classified (local / global / free / cell) the way CPython's symtable does.

use crate::parser::ast::*;
use crate::parser::SyntaxError;
use indexmap::IndexMap;
use std::collections::{HashMap, HashSet};

/// Name is bound in this scope (assignment, def, class, import, for/with/except target, del).
pub const DEF_LOCAL: u32 = 1;
pub const DEF_PARAM: u32 = 2;
pub const DEF_GLOBAL: u32 = 4;
pub const DEF_NONLOCAL: u32 = 8;
pub const USE: u32 = 16;
/// Class scopes: the name is bound in the class *and* passed through to a method as a
/// free variable of an enclosing function (it appears in the class's freevars too).
pub const DEF_FREE_CLASS: u32 = 32;
/// Comprehension scopes: the name is an iteration variable (`for x in ...`), which an
/// assignment expression may not rebind.
pub const DEF_COMP_ITER: u32 = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Function,
    Lambda,
    Class,
    /// The payload says which, for names and error messages.
    Comprehension(CompKind),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompKind {
    List,
    Set,
    Dict,
    Generator,
}

impl CompKind {
    pub fn code_name(self) -> &'static str {
        match self {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Generator => "<genexpr>",
        }
    }
    fn description(self) -> &'static str {
        match self {
            CompKind::List => "list comprehension",
            CompKind::Set => "set comprehension",
            CompKind::Dict => "dict comprehension",
            CompKind::Generator => "generator expression",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Binding {
    /// A fast local in functions; a namespace entry in class bodies; a global in modules.
    Local,
    /// Declared `global` here.
    GlobalExplicit,
    /// Not bound anywhere visible: a global (or builtin).
    GlobalImplicit,
    /// Bound in an enclosing function; reached through the closure.
    Free,
    /// Local here and captured by an inner scope.
    Cell,
}

#[derive(Debug, Clone)]
pub struct Symbol {
    pub flags: u32,
    pub binding: Binding,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    pub qualname: String,
    /// Every name mentioned in the scope, in first-mention order (deterministic output).
    pub symbols: IndexMap<String, Symbol>,
    /// Parameter names in slot order (positional, kw-only, *args, **kwargs).
    pub params: Vec<String>,
    pub children: Vec<usize>,
    pub parent: Option<usize>,
    pub is_generator: bool,
    /// `async def`, or a comprehension with `async for` or `await` in it.
    pub is_coroutine: bool,
    /// A class body whose methods use `super()`/`__class__`: it owns a `__class__` cell.
    pub needs_class_cell: bool,
    pub line: u32,
    /// The innermost enclosing class's name (this scope's own, for a class body):
    /// `__x` written anywhere inside it means `_Class__x`.
    pub private: Option<String>,
    /// Where each `nonlocal` name was declared, for the "no binding" error.
    nonlocal_pos: HashMap<String, Pos>,
}

impl Scope {
    pub fn is_function_like(&self) -> bool {
        matches!(
            self.kind,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension(_)
        )
    }

    pub fn binding(&self, name: &str) -> Option<Binding> {
        self.symbols.get(name).map(|s| s.binding)
    }

    /// Private name mangling, as CPython's `_Py_Mangle`: inside class `C`, an
    /// identifier `__x` (not a dunder `__x__`, not dotted) is `_C__x`, with the class
    /// name's leading underscores stripped; a class named only underscores mangles
    /// nothing. Call keywords and `__name__`/`__qualname__` stay unmangled.
    pub fn mangle<'n>(&self, name: &'n str) -> std::borrow::Cow<'n, str> {
        use std::borrow::Cow;
        let Some(class) = &self.private else {
            return Cow::Borrowed(name);
        };
        if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
            return Cow::Borrowed(name);
        }
        let class = class.trim_start_matches('_');
        if class.is_empty() {
            return Cow::Borrowed(name);
        }
        Cow::Owned(format!("_{class}{name}"))
    }

    /// Cell variables, in the order the code object lists them.
    pub fn cellvars(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .symbols
            .iter()
            .filter(|(_, s)| s.binding == Binding::Cell)
            .map(|(n, _)| n.clone())
            .collect();
        if self.needs_class_cell {
            v.push("__class__".to_string());
        }
        v
    }

    /// Free variables, in the order the code object lists them.
    pub fn freevars(&self) -> Vec<String> {
        self.symbols
            .iter()
            .filter(|(_, s)| s.binding == Binding::Free || s.flags & DEF_FREE_CLASS != 0)
            .map(|(n, _)| n.clone())
            .collect()
    }
}

#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    /// AST node address (the `Stmt` of a def/class, the `Expr` of a lambda or
    /// comprehension) → scope index. Addresses are stable: the AST is borrowed throughout.
    by_node: HashMap<usize, usize>,
}

pub fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

impl SymbolTable {
    pub fn build(module: &Module) -> Result<SymbolTable, SyntaxError> {
        let mut b = Builder {
            table: SymbolTable {
                scopes: Vec::new(),
                by_node: HashMap::new(),
            },
            cur: 0,
            comp_iter_expr: 0,
            walrus_targets: Vec::new(),
        };
        b.new_scope(ScopeKind::Module, "<module>", 1, None);
        b.visit_body(&module.body)?;
        let mut table = b.table;
        analyze(&mut table, 0, &HashSet::new(), &HashSet::new())?;
        Ok(table)
    }

    pub fn scope_of<T>(&self, node: &T) -> usize {
        self.by_node[&node_key(node)]
    }
}

struct Builder {
    table: SymbolTable,
    cur: usize,
    /// Inside a comprehension's iterable expression (of the current function-like
    /// scope): an assignment expression there is an error.
    comp_iter_expr: usize,
    /// Walrus targets of the comprehensions being visited, for "inner loop cannot
    /// rebind" (innermost comprehension last).
    walrus_targets: Vec<(usize, String)>,
}

impl Builder {
    fn new_scope(&mut self, kind: ScopeKind, name: &str, line: u32, key: Option<usize>) -> usize {
        let id = self.table.scopes.len();
        let parent = if id == 0 { None } else { Some(self.cur) };
        let qualname = match parent {
            None => String::new(),
            Some(p) => {
                let ps = &self.table.scopes[p];
                let global_here = ps
                    .symbols
                    .get(name)
                    .is_some_and(|s| s.flags & DEF_GLOBAL != 0);
                match ps.kind {
                    ScopeKind::Module => name.to_string(),
                    _ if global_here => name.to_string(),
                    ScopeKind::Class => format!("{}.{}", ps.qualname, name),
                    _ => format!("{}.<locals>.{}", ps.qualname, name),
                }
            }
        };
        let private = match (kind, parent) {
            (ScopeKind::Class, _) => Some(name.to_string()),
            (_, Some(p)) => self.table.scopes[p].private.clone(),
            (_, None) => None,
        };
        self.table.scopes.push(Scope {
            private,
            kind,
            name: name.to_string(),
            qualname,
            symbols: IndexMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            parent,
            is_generator: false,
            is_coroutine: false,
            needs_class_cell: false,
            line,
            nonlocal_pos: HashMap::new(),
        });
        if let Some(p) = parent {
            self.table.scopes[p].children.push(id);
        }
        if let Some(k) = key {
            self.table.by_node.insert(k, id);
        }
        self.cur = id;
        id
    }

    fn scope(&mut self) -> &mut Scope {
        &mut self.table.scopes[self.cur]
    }

    fn add(&mut self, name: &str, flag: u32) {
        let s = self.scope();
        let name = s.mangle(name).into_owned();
        s.symbols
            .entry(name)
            .or_insert(Symbol {
                flags: 0,
                binding: Binding::GlobalImplicit,
            })
            .flags |= flag;
    }

    fn flags(&self, name: &str) -> u32 {
        let s = &self.table.scopes[self.cur];
        s.symbols.get(&*s.mangle(name)).map_or(0, |s| s.flags)
    }

    fn visit_body(&mut self, body: &[Stmt]) -> Result<(), SyntaxError> {
        for s in body {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    /// Defaults and annotations, which the enclosing scope evaluates at the `def`.
    fn visit_params_defaults(&mut self, params: &Params) -> Result<(), SyntaxError> {
        for p in params.args.iter().chain(&params.kwonly) {
            if let Some(d) = &p.default {
                self.visit_expr(d)?;
            }
        }
        for (_, a) in &params.annotations {
            self.visit_expr(a)?;
        }
        Ok(())
    }

    fn declare_params(&mut self, params: &Params) {
        let mut names: Vec<&str> = Vec::new();
        names.extend(params.args.iter().map(|p| p.name.as_str()));
        names.extend(params.kwonly.iter().map(|p| p.name.as_str()));
        names.extend(params.vararg.as_deref());
        names.extend(params.kwarg.as_deref());
        for n in names {
            self.add(n, DEF_PARAM);
            let n = self.scope().mangle(n).into_owned();
            self.scope().params.push(n);
        }
    }

    fn visit_stmt(&mut self, stmt: &Stmt) -> Result<(), SyntaxError> {
        let pos = stmt.pos;
        match &stmt.kind {
            StmtKind::Expr(e) => self.visit_expr(e)?,
            StmtKind::Assign { targets, value } => {
                self.visit_expr(value)?;
                for t in targets {
                    self.visit_target(t)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.visit_expr(value)?;
                self.visit_target(target)?;
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                if let Some(v) = value {
                    self.visit_expr(v)?;
                }
                self.visit_target(target)?;
                self.visit_expr(annotation)?;
            }
            StmtKind::If { .. } => {
                // elif chains are nested Ifs: walk them in a loop, not by recursion.
                let mut cur = stmt;
                while let StmtKind::If { test, body, orelse } = &cur.kind {
                    self.visit_expr(test)?;
                    self.visit_body(body)?;
                    match orelse.as_slice() {
                        [only] if matches!(only.kind, StmtKind::If { .. }) => cur = only,
                        rest => {
                            self.visit_body(rest)?;
                            break;
                        }
                    }
                }
            }
            StmtKind::While { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_body(body)?;
                self.visit_body(orelse)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.visit_expr(iter)?;
                self.visit_target(target)?;
                self.visit_body(body)?;
                self.visit_body(orelse)?;
            }
            StmtKind::Break | StmtKind::Continue | StmtKind::Pass => {}
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.visit_expr(v)?;
                }
            }
            StmtKind::FunctionDef {
                name,
                params,
                body,
                decorators,
                is_async,
            } => {
                for d in decorators {
                    self.visit_expr(d)?;
                }
                self.visit_params_defaults(params)?;
                self.add(name, DEF_LOCAL);
                let saved = self.cur;
                let saved_iter = std::mem::take(&mut self.comp_iter_expr);
                self.new_scope(ScopeKind::Function, name, pos.line, Some(node_key(stmt)));
                self.scope().is_coroutine = *is_async;
                self.declare_params(params);
                self.visit_body(body)?;
                self.cur = saved;
                self.comp_iter_expr = saved_iter;
            }
            StmtKind::ClassDef {
                name,
                bases,
                keywords,
                body,
                decorators,
            } => {
                for d in decorators {
                    self.visit_expr(d)?;
                }
                for b in bases {
                    self.visit_expr(b)?;
                }
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
                self.add(name, DEF_LOCAL);
                let saved = self.cur;
                self.new_scope(ScopeKind::Class, name, pos.line, Some(node_key(stmt)));
                self.visit_body(body)?;
                self.cur = saved;
            }
            StmtKind::Global(names) => {
                for n in names {
                    let cur = self.flags(n);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{n}' is parameter and global")
                        } else if cur & USE != 0 {
                            format!("name '{n}' is used prior to global declaration")
                        } else {
                            format!("name '{n}' is assigned to before global declaration")
                        };
                        return Err(SyntaxError::new(msg, pos.line, pos.col));
                    }
                    if cur & DEF_NONLOCAL != 0 {
                        return Err(SyntaxError::new(
                            format!("name '{n}' is nonlocal and global"),
                            pos.line,
                            pos.col,
                        ));
                    }
                    self.add(n, DEF_GLOBAL);
                }
            }
            StmtKind::Nonlocal(names) => {
                if self.table.scopes[self.cur].kind == ScopeKind::Module {
                    return Err(SyntaxError::new(
                        "nonlocal declaration not allowed at module level",
                        pos.line,
                        pos.col,
                    ));
                }
                for n in names {
                    let cur = self.flags(n);
                    if cur & (DEF_PARAM | DEF_LOCAL | USE) != 0 {
                        let msg = if cur & DEF_PARAM != 0 {
                            format!("name '{n}' is parameter and nonlocal")
                        } else if cur & USE != 0 {
                            format!("name '{n}' is used prior to nonlocal declaration")
                        } else {
                            format!("name '{n}' is assigned to before nonlocal declaration")
                        };
                        return Err(SyntaxError::new(msg, pos.line, pos.col));
                    }
                    if cur & DEF_GLOBAL != 0 {
                        return Err(SyntaxError::new(
                            format!("name '{n}' is nonlocal and global"),
                            pos.line,
                            pos.col,
                        ));
                    }
                    self.add(n, DEF_NONLOCAL);
                    let key = self.scope().mangle(n).into_owned();
                    self.scope().nonlocal_pos.entry(key).or_insert(pos);
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                ..
            } => {
                self.visit_body(body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.visit_expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.add(n, DEF_LOCAL);
                    }
                    self.visit_body(&h.body)?;
                }
                self.visit_body(orelse)?;
                self.visit_body(finalbody)?;
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.visit_expr(e)?;
                }
                if let Some(c) = cause {
                    self.visit_expr(c)?;
                }
            }
            StmtKind::Match { subject, cases } => {
                self.visit_expr(subject)?;
                for c in cases {
                    self.visit_pattern(&c.pattern)?;
                    if let Some(g) = &c.guard {
                        self.visit_expr(g)?;
                    }
                    self.visit_body(&c.body)?;
                }
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.visit_expr(&it.context)?;
                    if let Some(t) = &it.target {
                        self.visit_target(t)?;
                    }
                }
                self.visit_body(body)?;
            }
            StmtKind::Assert { test, msg } => {
                self.visit_expr(test)?;
                if let Some(m) = msg {
                    self.visit_expr(m)?;
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.visit_target(t)?;
                }
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let bound = match &a.asname {
                        Some(n) => n.as_str(),
                        None => a.name.split('.').next().unwrap_or(&a.name),
                    };
                    self.add(bound, DEF_LOCAL);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.table.scopes[self.cur].kind != ScopeKind::Module {
                            return Err(SyntaxError::new(
                                "import * only allowed at module level",
                                pos.line,
                                pos.col,
                            ));
                        }
                        continue;
                    }
                    self.add(a.asname.as_ref().unwrap_or(&a.name), DEF_LOCAL);
                }
            }
        }
        Ok(())
    }

    /// Names in store/delete position; subexpressions of attribute/subscript targets are loads.
    fn visit_target(&mut self, t: &Expr) -> Result<(), SyntaxError> {
        match &t.kind {
            ExprKind::Name(n) => {
                self.add(n, DEF_LOCAL);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.visit_target(i)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.visit_target(inner),
            _ => self.visit_expr(t),
        }
    }

    fn visit_expr(&mut self, e: &Expr) -> Result<(), SyntaxError> {
        match &e.kind {
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bytes(_)
            | ExprKind::True
            | ExprKind::False
            | ExprKind::None
            | ExprKind::Ellipsis
            | ExprKind::Imag(_) => {}
            ExprKind::FString(parts) => self.visit_fstring(parts)?,
            ExprKind::NamedExpr { target, value } => {
                self.visit_expr(value)?;
                self.visit_named_target(target)?;
            }
            ExprKind::Name(n) => {
                self.add(n, USE);
                if n == "super" && self.table.scopes[self.cur].is_function_like() {
                    self.add("__class__", USE);
                }
            }
            ExprKind::Tuple(items) | ExprKind::List(items) | ExprKind::Set(items) => {
                for i in items {
                    self.visit_expr(i)?;
                }
            }
            ExprKind::Dict(pairs) => {
                for (k, v) in pairs {
                    if let Some(k) = k {
                        self.visit_expr(k)?;
                    }
                    self.visit_expr(v)?;
                }
            }
            ExprKind::Starred(inner) => self.visit_expr(inner)?,
            ExprKind::BinOp { .. } => {
                // Long `a + b + c + ...` chains nest to the left: walk the spine in a loop.
                let mut cur = e;
                let mut rights = Vec::new();
                while let ExprKind::BinOp { left, right, .. } = &cur.kind {
                    rights.push(&**right);
                    cur = left;
                }
                self.visit_expr(cur)?;
                for r in rights.into_iter().rev() {
                    self.visit_expr(r)?;
                }
            }
            ExprKind::UnaryOp { operand, .. } => self.visit_expr(operand)?,
            ExprKind::BoolOp { values, .. } => {
                for v in values {
                    self.visit_expr(v)?;
                }
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.visit_expr(left)?;
                for c in comparators {
                    self.visit_expr(c)?;
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.visit_expr(test)?;
                self.visit_expr(body)?;
                self.visit_expr(orelse)?;
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.visit_expr(func)?;
                for a in args {
                    self.visit_expr(a)?;
                }
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
            }
            ExprKind::Attribute { value, .. } => self.visit_expr(value)?,
            ExprKind::Subscript { value, index } => {
                self.visit_expr(value)?;
                self.visit_expr(index)?;
            }
            ExprKind::Slice { lower, upper, step } => {
                for p in [lower, upper, step].into_iter().flatten() {
                    self.visit_expr(p)?;
                }
            }
            ExprKind::Lambda { params, body } => {
                self.visit_params_defaults(params)?;
                let saved = self.cur;
                let saved_iter = std::mem::take(&mut self.comp_iter_expr);
                self.new_scope(ScopeKind::Lambda, "<lambda>", e.pos.line, Some(node_key(e)));
                self.declare_params(params);
                self.visit_expr(body)?;
                self.cur = saved;
                self.comp_iter_expr = saved_iter;
            }
            ExprKind::ListComp { elt, generators } => {
                self.visit_comp(e, CompKind::List, &[elt], generators)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.visit_comp(e, CompKind::Set, &[elt], generators)?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.visit_comp(e, CompKind::Generator, &[elt], generators)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.visit_comp(e, CompKind::Dict, &[key, value], generators)?,
            ExprKind::Yield(v) => {
                if let Some(v) = v {
                    self.visit_expr(v)?;
                }
                self.mark_yield(e)?;
            }
            ExprKind::YieldFrom(v) => {
                self.visit_expr(v)?;
                self.mark_yield(e)?;
            }
            ExprKind::Await(v) => {
                self.visit_expr(v)?;
                if let ScopeKind::Comprehension(_) = self.scope().kind {
                    self.scope().is_coroutine = true;
                }
            }
        }
        Ok(())
    }

    fn visit_fstring(&mut self, parts: &[FStringPart]) -> Result<(), SyntaxError> {
        for p in parts {
            if let FStringPart::Expr { expr, spec, .. } = p {
                self.visit_expr(expr)?;
                if let Some(spec) = spec {
                    self.visit_fstring(spec)?;
                }
            }
        }
        Ok(())
    }

    fn mark_yield(&mut self, e: &Expr) -> Result<(), SyntaxError> {
        let s = self.scope();
        match s.kind {
            ScopeKind::Module | ScopeKind::Class => Err(SyntaxError::new(
                "'yield' outside function",
                e.pos.line,
                e.pos.col,
            )),
            ScopeKind::Comprehension(k) => Err(SyntaxError::new(
                format!("'yield' inside {}", k.description()),
                e.pos.line,
                e.pos.col,
            )),
            _ => {
                s.is_generator = true;
                Ok(())
            }
        }
    }

    fn visit_comp(
        &mut self,
        e: &Expr,
        kind: CompKind,
        elts: &[&Expr],
        generators: &[Comprehension],
    ) -> Result<(), SyntaxError> {
        // The outermost iterable is evaluated in the enclosing scope.
        self.comp_iter_expr += 1;
        self.visit_expr(&generators[0].iter)?;
        self.comp_iter_expr -= 1;
        let saved = self.cur;
        let saved_walrus = self.walrus_targets.len();
        self.new_scope(
            ScopeKind::Comprehension(kind),
            kind.code_name(),
            e.pos.line,
            Some(node_key(e)),
        );
        if kind == CompKind::Generator {
            self.scope().is_generator = true;
        }
        if generators.iter().any(|g| g.is_async) {
            self.scope().is_coroutine = true;
        }
        self.add(".0", DEF_PARAM);
        self.scope().params.push(".0".to_string());
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.comp_iter_expr += 1;
                self.visit_expr(&g.iter)?;
                self.comp_iter_expr -= 1;
            }
            self.visit_comp_target(&g.target)?;
            for cond in &g.ifs {
                self.visit_expr(cond)?;
            }
        }
        for elt in elts {
            self.visit_expr(elt)?;
        }
        self.cur = saved;
        self.walrus_targets.truncate(saved_walrus);
        Ok(())
    }

    /// A comprehension's `for` target: bound in the comprehension and marked as an
    /// iteration variable; an earlier walrus target of the same name is an error.
    fn visit_comp_target(&mut self, t: &Expr) -> Result<(), SyntaxError> {
        match &t.kind {
            ExprKind::Name(n) => {
                if self.walrus_targets.iter().any(|(_, w)| w == n) {
                    return Err(SyntaxError::new(
                        format!("comprehension inner loop cannot rebind assignment expression target '{n}'"),
                        t.pos.line,
                        t.pos.col,
                    ));
                }
                self.add(n, DEF_LOCAL | DEF_COMP_ITER);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.visit_comp_target(i)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.visit_comp_target(inner),
            _ => self.visit_expr(t),
        }
    }

    /// `name := value`: outside comprehensions an ordinary binding; inside, the name
    /// belongs to the nearest enclosing function (or the module), as PEP 572 says.
    fn visit_named_target(&mut self, t: &Expr) -> Result<(), SyntaxError> {
        let ExprKind::Name(name) = &t.kind else {
            return self.visit_target(t);
        };
        let err = |msg: String| Err(SyntaxError::new(msg, t.pos.line, t.pos.col));
        if self.comp_iter_expr > 0 {
            return err(
                "assignment expression cannot be used in a comprehension iterable expression"
                    .into(),
            );
        }
        if !matches!(self.scope().kind, ScopeKind::Comprehension(_)) {
            self.add(name, DEF_LOCAL);
            return Ok(());
        }
        // Walk out through the comprehensions to the scope that gets the binding.
        let mut comps = Vec::new();
        let mut id = self.cur;
        loop {
            let s = &self.table.scopes[id];
            match s.kind {
                ScopeKind::Comprehension(_) => {
                    if s.symbols
                        .get(name)
                        .is_some_and(|x| x.flags & DEF_COMP_ITER != 0)
                    {
                        return err(format!(
                            "assignment expression cannot rebind comprehension iteration variable '{name}'"
                        ));
                    }
                    comps.push(id);
                    id = s.parent.expect("comprehension has a parent");
                }
                ScopeKind::Class => return err(
                    "assignment expression within a comprehension cannot be used in a class body"
                        .into(),
                ),
                _ => break,
            }
        }
        let target = &self.table.scopes[id];
        let target_is_module = target.kind == ScopeKind::Module;
        let global = target_is_module
            || target
                .symbols
                .get(name)
                .is_some_and(|x| x.flags & DEF_GLOBAL != 0);
        for c in comps {
            let sym = self.table.scopes[c]
                .symbols
                .entry(name.clone())
                .or_insert(Symbol {
                    flags: 0,
                    binding: Binding::GlobalImplicit,
                });
            sym.flags |= if global { DEF_GLOBAL } else { DEF_NONLOCAL };
        }
        if !global {
            let saved = self.cur;
            self.cur = id;
            self.add(name, DEF_LOCAL);
            self.cur = saved;
        } else if target_is_module {
            let saved = self.cur;
            self.cur = id;
            self.add(name, DEF_LOCAL);
            self.cur = saved;
        }
        self.walrus_targets.push((self.cur, name.clone()));
        Ok(())
    }

    /// Names bound by a pattern; values, class names and keys are loads.
    fn visit_pattern(&mut self, p: &Pattern) -> Result<(), SyntaxError> {
        match &p.kind {
            PatternKind::Value(e) | PatternKind::Singleton(e) => self.visit_expr(e),
            PatternKind::Sequence(items) | PatternKind::Or(items) => {
                for i in items {
                    self.visit_pattern(i)?;
                }
                Ok(())
            }
            PatternKind::Star(name) => {
                if let Some(n) = name {
                    self.add(n, DEF_LOCAL);
                }
                Ok(())
            }
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => {
                for k in keys {
                    self.visit_expr(k)?;
                }
                for p in patterns {
                    self.visit_pattern(p)?;
                }
                if let Some(n) = rest {
                    self.add(n, DEF_LOCAL);
                }
                Ok(())
            }
            PatternKind::Class {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.visit_expr(cls)?;
                for p in patterns.iter().chain(kwd_patterns) {
                    self.visit_pattern(p)?;
                }
                Ok(())
            }
            PatternKind::As { pattern, name } => {
                if let Some(p) = pattern {
                    self.visit_pattern(p)?;
                }
                if let Some(n) = name {
                    self.add(n, DEF_LOCAL);
                }
                Ok(())
            }
        }
    }
}

/// Resolves every name of `id` and its children. `bound`: names bound by enclosing
/// function scopes (visible as free variables); `globals`: names declared global in
/// enclosing scopes. Returns the names this scope needs from its enclosing scopes.
fn analyze(
    table: &mut SymbolTable,
    id: usize,
    bound: &HashSet<String>,
    globals: &HashSet<String>,
) -> Result<HashSet<String>, SyntaxError> {
    let kind = table.scopes[id].kind;
    let mut local = HashSet::new();
    let mut newglobal = globals.clone();
    let mut newbound = bound.clone();
    {
        let scope = &mut table.scopes[id];
        for (name, sym) in scope.symbols.iter_mut() {
            sym.binding = if sym.flags & DEF_GLOBAL != 0 {
                newglobal.insert(name.clone());
                newbound.remove(name);
                Binding::GlobalExplicit
            } else if sym.flags & DEF_NONLOCAL != 0 {
                if !bound.contains(name) {
                    let p = scope.nonlocal_pos.get(name).copied().unwrap_or_default();
                    return Err(SyntaxError::new(
                        format!("no binding for nonlocal '{name}' found"),
                        p.line,
                        p.col,
                    ));
                }
                Binding::Free
            } else if sym.flags & (DEF_LOCAL | DEF_PARAM) != 0 {
                local.insert(name.clone());
                newglobal.remove(name);
                Binding::Local
            } else if kind != ScopeKind::Module && bound.contains(name) {
                Binding::Free
            } else {
                Binding::GlobalImplicit
            };
        }
    }
    match kind {
        ScopeKind::Module => newbound.clear(),
        ScopeKind::Class => {
            // Class-level names are invisible to methods; only the implicit cell is.
            newbound.insert("__class__".to_string());
        }
        _ => newbound.extend(local.iter().cloned()),
    }

    let mut child_free = HashSet::new();
    let children = table.scopes[id].children.clone();
    for c in children {
        child_free.extend(analyze(table, c, &newbound, &newglobal)?);
    }

    let scope = &mut table.scopes[id];
    if kind == ScopeKind::Class && child_free.remove("__class__") {
        scope.needs_class_cell = true;
    }
    // Sorted so symbol insertion order (and thus cellvars/freevars order) is deterministic.
    let mut child_free: Vec<String> = child_free.into_iter().collect();
    child_free.sort();
    for name in child_free {
        if kind == ScopeKind::Module {
            continue;
        }
        let entry = scope.symbols.entry(name).or_insert(Symbol {
            flags: 0,
            binding: Binding::Free,
        });
        match (kind, entry.binding) {
            (ScopeKind::Class, Binding::Local) => entry.flags |= DEF_FREE_CLASS,
            (_, Binding::Local) => entry.binding = Binding::Cell,
            (_, Binding::Cell) | (_, Binding::GlobalExplicit) => {}
            _ => entry.binding = Binding::Free,
        }
    }
    Ok(scope
        .symbols
        .iter()
        .filter(|(_, s)| s.binding == Binding::Free || s.flags & DEF_FREE_CLASS != 0)
        .map(|(n, _)| n.clone())
        .collect())
}
