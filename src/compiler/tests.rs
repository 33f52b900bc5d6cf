//! Compiler tests on hand-built ASTs (the parser is developed separately). Every code
//! object a test produces goes through `check_code`: stack balance on all paths,
//! max_stack as an upper bound, operand indices in range.

use super::flow::stack_depths;
use super::symtable::{Binding, SymbolTable};
use super::*;
use crate::bytecode::code::flags;
use crate::bytecode::dis::dis;
use crate::bytecode::{ArgKind, CodeObject, Op};
use crate::parser::ast::*;
use crate::vm::refcount::Ref;
use crate::vm::value::Value;
use num_bigint::BigInt;

// ---- AST builders -------------------------------------------------------------------

fn at(line: u32) -> Pos {
    Pos { line, col: 1 }
}
/// Line 0 = "unknown": the instruction keeps its statement's line.
fn e(kind: ExprKind) -> Expr {
    Expr {
        kind,
        pos: Pos { line: 0, col: 0 },
    }
}
fn s(kind: StmtKind) -> Stmt {
    Stmt { kind, pos: at(1) }
}
/// Renumbers statements 1, 2, 3... so line tables are meaningful.
fn lines(mut body: Vec<Stmt>, first: u32) -> Vec<Stmt> {
    for (i, st) in body.iter_mut().enumerate() {
        st.pos.line = first + i as u32;
    }
    body
}
fn name(n: &str) -> Expr {
    e(ExprKind::Name(n.into()))
}
fn int(i: i64) -> Expr {
    e(ExprKind::Int(BigInt::from(i)))
}
fn string(v: &str) -> Expr {
    e(ExprKind::Str(v.into()))
}
fn call(f: Expr, args: Vec<Expr>) -> Expr {
    e(ExprKind::Call {
        func: Box::new(f),
        args,
        keywords: vec![],
    })
}
fn call_kw(f: Expr, args: Vec<Expr>, kws: Vec<(Option<&str>, Expr)>) -> Expr {
    e(ExprKind::Call {
        func: Box::new(f),
        args,
        keywords: kws
            .into_iter()
            .map(|(a, value)| Keyword {
                arg: a.map(String::from),
                value,
                pos: at(1),
            })
            .collect(),
    })
}
fn attr(v: Expr, a: &str) -> Expr {
    e(ExprKind::Attribute {
        value: Box::new(v),
        attr: a.into(),
    })
}
fn bin(l: Expr, op: BinOp, r: Expr) -> Expr {
    e(ExprKind::BinOp {
        op,
        left: Box::new(l),
        right: Box::new(r),
    })
}
fn cmp(l: Expr, ops: Vec<CmpOp>, rs: Vec<Expr>) -> Expr {
    e(ExprKind::Compare {
        left: Box::new(l),
        ops,
        comparators: rs,
    })
}
fn sub(v: Expr, i: Expr) -> Expr {
    e(ExprKind::Subscript {
        value: Box::new(v),
        index: Box::new(i),
    })
}
fn expr(x: Expr) -> Stmt {
    s(StmtKind::Expr(x))
}
fn assign(t: Expr, v: Expr) -> Stmt {
    s(StmtKind::Assign {
        targets: vec![t],
        value: v,
    })
}
fn aug(t: Expr, op: BinOp, v: Expr) -> Stmt {
    s(StmtKind::AugAssign {
        target: t,
        op,
        value: v,
    })
}
fn ret(v: Option<Expr>) -> Stmt {
    s(StmtKind::Return(v))
}
fn params(names: &[&str]) -> Params {
    Params {
        args: names
            .iter()
            .map(|n| Param {
                name: n.to_string(),
                default: None,
                pos: at(1),
            })
            .collect(),
        ..Default::default()
    }
}
fn def(n: &str, p: Params, body: Vec<Stmt>) -> Stmt {
    s(StmtKind::FunctionDef {
        name: n.into(),
        params: p,
        body,
        decorators: vec![],
        is_async: false,
    })
}
fn class(n: &str, bases: Vec<Expr>, body: Vec<Stmt>) -> Stmt {
    s(StmtKind::ClassDef {
        name: n.into(),
        bases,
        keywords: vec![],
        body,
        decorators: vec![],
    })
}
fn for_(t: Expr, it: Expr, body: Vec<Stmt>, orelse: Vec<Stmt>) -> Stmt {
    s(StmtKind::For {
        target: t,
        iter: it,
        body,
        orelse,
        is_async: false,
    })
}
fn while_(t: Expr, body: Vec<Stmt>) -> Stmt {
    s(StmtKind::While {
        test: t,
        body,
        orelse: vec![],
    })
}
fn if_(t: Expr, body: Vec<Stmt>, orelse: Vec<Stmt>) -> Stmt {
    s(StmtKind::If {
        test: t,
        body,
        orelse,
    })
}
fn handler(typ: Option<Expr>, n: Option<&str>, body: Vec<Stmt>) -> ExceptHandler {
    ExceptHandler {
        typ,
        name: n.map(String::from),
        body,
        pos: at(1),
    }
}
fn try_(
    body: Vec<Stmt>,
    handlers: Vec<ExceptHandler>,
    orelse: Vec<Stmt>,
    finalbody: Vec<Stmt>,
) -> Stmt {
    s(StmtKind::Try {
        body,
        handlers,
        orelse,
        finalbody,
        is_star: false,
    })
}
fn with(ctx: Expr, target: Option<Expr>, body: Vec<Stmt>) -> Stmt {
    s(StmtKind::With {
        items: vec![WithItem {
            context: ctx,
            target,
        }],
        body,
        is_async: false,
    })
}
fn comp(t: &str, it: Expr) -> Comprehension {
    Comprehension {
        target: name(t),
        iter: it,
        ifs: vec![],
        is_async: false,
    }
}
fn module(body: Vec<Stmt>) -> Module {
    Module { body }
}

// ---- checking -------------------------------------------------------------------------

/// Asserts the invariants the VM relies on, for `code` and every nested code object.
fn check_code(code: &CodeObject) {
    assert_eq!(code.instrs.len(), code.lines.len(), "{}", code.qualname);
    let (depths, max) = stack_depths(&code.instrs)
        .unwrap_or_else(|e| panic!("{}: {e}\n{}", code.qualname, dis(code)));
    assert!(
        max <= code.max_stack,
        "{}: max_stack too small",
        code.qualname
    );
    assert!(depths[0] == Some(0));
    let ncells = code.cellvars.len() + code.freevars.len();
    for (pc, ins) in code.instrs.iter().enumerate() {
        let a = ins.arg as usize;
        let ok = match ins.op.arg_kind() {
            ArgKind::Const => a < code.consts.len(),
            ArgKind::Name => a < code.names.len(),
            ArgKind::Local => a < code.varnames.len(),
            ArgKind::Cell => a < ncells,
            ArgKind::Jump => a < code.instrs.len(),
            _ => true,
        };
        assert!(ok, "{}: bad operand at {pc}\n{}", code.qualname, dis(code));
        // Reachable code never runs past the end.
        if depths[pc].is_some() && pc + 1 == code.instrs.len() {
            assert!(
                matches!(
                    ins.op,
                    Op::ReturnValue | Op::Reraise | Op::Jump | Op::RaiseVarargs
                ),
                "{} falls off the end",
                code.qualname
            );
        }
    }
    for (ci, slot) in &code.cell_params {
        assert_eq!(code.cellvars[*ci as usize], code.varnames[*slot as usize]);
    }
    for c in &code.consts {
        if let Value::Code(inner) = c {
            check_code(inner);
        }
    }
}

fn compile(body: Vec<Stmt>) -> Ref<CodeObject> {
    let code = compile_module(&module(body), "<test>").unwrap_or_else(|e| panic!("{e:?}"));
    check_code(&code);
    code
}

fn compile_err(body: Vec<Stmt>) -> String {
    compile_module(&module(body), "<test>")
        .expect_err("expected a SyntaxError")
        .msg
}

fn ops(code: &CodeObject) -> Vec<&'static str> {
    code.instrs.iter().map(|i| i.op.name()).collect()
}

/// The nested code object with this qualname, searched depth first.
fn find<'c>(code: &'c CodeObject, qualname: &str) -> &'c CodeObject {
    fn go<'c>(c: &'c CodeObject, q: &str) -> Option<&'c CodeObject> {
        if c.qualname == q {
            return Some(c);
        }
        c.consts.iter().find_map(|k| match k {
            Value::Code(inner) => go(inner, q),
            _ => None,
        })
    }
    go(code, qualname).unwrap_or_else(|| panic!("no code object {qualname}"))
}

fn binding(t: &SymbolTable, scope_name: &str, n: &str) -> Binding {
    let s = t
        .scopes
        .iter()
        .find(|s| s.name == scope_name)
        .unwrap_or_else(|| panic!("no scope {scope_name}"));
    s.binding(n)
        .unwrap_or_else(|| panic!("no symbol {n} in {scope_name}"))
}

// ---- the headline demo ------------------------------------------------------------------

#[test]
fn module_counter_increment_is_four_instructions() {
    let code = compile(vec![aug(name("counter"), BinOp::Add, int(1))]);
    assert_eq!(
        ops(&code),
        [
            "LOAD_GLOBAL",
            "LOAD_CONST",
            "BINARY_OP",
            "STORE_GLOBAL",
            "LOAD_CONST",
            "RETURN_VALUE"
        ]
    );
    assert_eq!(
        code.instrs[2].arg,
        crate::bytecode::BinaryOp::InplaceAdd as u32
    );
    assert!(code.has_flag(flags::MODULE));
    assert_eq!(code.qualname, "<module>");
}

#[test]
fn function_global_counter_increment() {
    let code = compile(vec![def(
        "work",
        params(&[]),
        vec![
            s(StmtKind::Global(vec!["counter".into()])),
            aug(name("counter"), BinOp::Add, int(1)),
        ],
    )]);
    let f = find(&code, "work");
    assert_eq!(
        ops(f),
        [
            "LOAD_GLOBAL",
            "LOAD_CONST",
            "BINARY_OP",
            "STORE_GLOBAL",
            "LOAD_CONST",
            "RETURN_VALUE"
        ]
    );
}

#[test]
fn dis_golden_module_counter() {
    let code = compile(vec![aug(name("counter"), BinOp::Add, int(1))]);
    let expected = r"   1       0 LOAD_GLOBAL              0 (counter)
           1 LOAD_CONST               0 (1)
           2 BINARY_OP                13 (+=)
           3 STORE_GLOBAL             0 (counter)
           4 LOAD_CONST               1 (None)
           5 RETURN_VALUE
";
    assert_eq!(dis(&code), expected);
}

#[test]
fn dis_golden_function_with_global() {
    let mut f = def(
        "work",
        params(&[]),
        lines(
            vec![
                s(StmtKind::Global(vec!["counter".into()])),
                aug(name("counter"), BinOp::Add, int(1)),
            ],
            2,
        ),
    );
    f.pos.line = 1;
    let expected = r"   1       0 LOAD_CONST               0 (<code object work>)
           1 MAKE_FUNCTION            0
           2 STORE_GLOBAL             0 (work)
           3 LOAD_CONST               1 (None)
           4 RETURN_VALUE

Disassembly of <code object work at 1>:
   3       0 LOAD_GLOBAL              0 (counter)
           1 LOAD_CONST               0 (1)
           2 BINARY_OP                13 (+=)
           3 STORE_GLOBAL             0 (counter)
           4 LOAD_CONST               1 (None)
           5 RETURN_VALUE
";
    assert_eq!(dis(&compile(vec![f])), expected);
}

#[test]
fn dis_golden_for_loop() {
    let mut body = vec![aug(name("total"), BinOp::Add, name("i"))];
    body[0].pos.line = 2;
    let code = compile(vec![for_(
        name("i"),
        call(name("range"), vec![int(3)]),
        body,
        vec![],
    )]);
    let expected = r"   1       0 LOAD_GLOBAL              0 (range)
           1 LOAD_CONST               0 (3)
           2 CALL                     1
           3 GET_ITER
     >>    4 FOR_ITER                 11 (to 11)
           5 STORE_GLOBAL             1 (i)

   2       6 LOAD_GLOBAL              2 (total)
           7 LOAD_GLOBAL              1 (i)
           8 BINARY_OP                13 (+=)
           9 STORE_GLOBAL             2 (total)

   1      10 JUMP                     4 (to 4)
     >>   11 LOAD_CONST               1 (None)
          12 RETURN_VALUE
";
    assert_eq!(dis(&code), expected);
}

#[test]
fn dis_golden_try_except() {
    let mut h = handler(
        Some(name("ValueError")),
        Some("e"),
        vec![expr(call(name("g"), vec![name("e")]))],
    );
    h.pos.line = 3;
    h.body[0].pos.line = 4;
    let mut body = vec![expr(call(name("f"), vec![]))];
    body[0].pos.line = 2;
    let code = compile(vec![try_(body, vec![h], vec![], vec![])]);
    let expected = r"   1       0 SETUP_FINALLY            6 (to 6)

   2       1 LOAD_GLOBAL              0 (f)
           2 CALL                     0
           3 POP_TOP

   1       4 POP_BLOCK
           5 JUMP                     32 (to 32)
     >>    6 SETUP_FINALLY            29 (to 29)
           7 PUSH_EXC_INFO

   3       8 LOAD_GLOBAL              1 (ValueError)
           9 CHECK_EXC_MATCH
          10 POP_JUMP_IF_FALSE        28 (to 28)
          11 STORE_GLOBAL             2 (e)
          12 SETUP_FINALLY            24 (to 24)

   4      13 LOAD_GLOBAL              3 (g)
          14 LOAD_GLOBAL              2 (e)
          15 CALL                     1
          16 POP_TOP

   3      17 POP_BLOCK
          18 POP_BLOCK
          19 POP_EXCEPT
          20 LOAD_CONST               0 (None)
          21 STORE_GLOBAL             2 (e)
          22 DELETE_GLOBAL            2 (e)
          23 JUMP                     32 (to 32)
     >>   24 LOAD_CONST               0 (None)
          25 STORE_GLOBAL             2 (e)
          26 DELETE_GLOBAL            2 (e)
          27 RERAISE

   1 >>   28 RERAISE
     >>   29 ROT_TWO
          30 POP_EXCEPT
          31 RERAISE
     >>   32 LOAD_CONST               0 (None)
          33 RETURN_VALUE
";
    assert_eq!(dis(&code), expected);
}

// ---- symbol tables ------------------------------------------------------------------

fn table(body: Vec<Stmt>) -> SymbolTable {
    SymbolTable::build(&module(body)).expect("symtable")
}

#[test]
fn symtable_local_global_cell_free() {
    // def outer(a):
    //     b = 1
    //     def inner():
    //         nonlocal b
    //         b = a + c
    //     return inner
    let t = table(vec![def(
        "outer",
        params(&["a"]),
        vec![
            assign(name("b"), int(1)),
            def(
                "inner",
                params(&[]),
                vec![
                    s(StmtKind::Nonlocal(vec!["b".into()])),
                    assign(name("b"), bin(name("a"), BinOp::Add, name("c"))),
                ],
            ),
            ret(Some(name("inner"))),
        ],
    )]);
    assert_eq!(binding(&t, "outer", "a"), Binding::Cell);
    assert_eq!(binding(&t, "outer", "b"), Binding::Cell);
    assert_eq!(binding(&t, "outer", "inner"), Binding::Local);
    assert_eq!(binding(&t, "inner", "a"), Binding::Free);
    assert_eq!(binding(&t, "inner", "b"), Binding::Free);
    assert_eq!(binding(&t, "inner", "c"), Binding::GlobalImplicit);
    assert_eq!(binding(&t, "<module>", "outer"), Binding::Local);
}

#[test]
fn symtable_global_declaration_hides_enclosing_binding() {
    // def f():
    //     x = 1
    //     def g():
    //         global x
    //         x = 2
    //     def h(): return x
    let t = table(vec![def(
        "f",
        params(&[]),
        vec![
            assign(name("x"), int(1)),
            def(
                "g",
                params(&[]),
                vec![
                    s(StmtKind::Global(vec!["x".into()])),
                    assign(name("x"), int(2)),
                ],
            ),
            def("h", params(&[]), vec![ret(Some(name("x")))]),
        ],
    )]);
    assert_eq!(binding(&t, "g", "x"), Binding::GlobalExplicit);
    assert_eq!(binding(&t, "h", "x"), Binding::Free);
    assert_eq!(binding(&t, "f", "x"), Binding::Cell);
}

#[test]
fn symtable_class_scope_is_invisible_to_methods() {
    // def f():
    //     y = 0
    //     class C:
    //         x = 1
    //         z = y
    //         def m(self): return x, y
    let t = table(vec![def(
        "f",
        params(&[]),
        vec![
            assign(name("y"), int(0)),
            class(
                "C",
                vec![],
                vec![
                    assign(name("x"), int(1)),
                    assign(name("z"), name("y")),
                    def(
                        "m",
                        params(&["self"]),
                        vec![ret(Some(e(ExprKind::Tuple(vec![name("x"), name("y")]))))],
                    ),
                ],
            ),
        ],
    )]);
    assert_eq!(binding(&t, "C", "x"), Binding::Local);
    assert_eq!(binding(&t, "C", "y"), Binding::Free);
    assert_eq!(binding(&t, "m", "x"), Binding::GlobalImplicit);
    assert_eq!(binding(&t, "m", "y"), Binding::Free);
    assert_eq!(binding(&t, "f", "y"), Binding::Cell);
    let c = t.scopes.iter().find(|s| s.name == "C").unwrap();
    assert!(!c.needs_class_cell);
    assert_eq!(c.qualname, "f.<locals>.C");
    let m = t.scopes.iter().find(|s| s.name == "m").unwrap();
    assert_eq!(m.qualname, "f.<locals>.C.m");
}

#[test]
fn symtable_comprehension_scope() {
    // def f(n): return [i * n for i in range(n)]
    let lc = e(ExprKind::ListComp {
        elt: Box::new(bin(name("i"), BinOp::Mul, name("n"))),
        generators: vec![comp("i", call(name("range"), vec![name("n")]))],
    });
    let t = table(vec![def("f", params(&["n"]), vec![ret(Some(lc))])]);
    assert_eq!(binding(&t, "<listcomp>", "i"), Binding::Local);
    assert_eq!(binding(&t, "<listcomp>", ".0"), Binding::Local);
    assert_eq!(binding(&t, "<listcomp>", "n"), Binding::Free);
    // The outermost iterable is evaluated in the enclosing scope.
    assert_eq!(binding(&t, "f", "range"), Binding::GlobalImplicit);
    assert_eq!(binding(&t, "f", "n"), Binding::Cell);
    assert!(t
        .scopes
        .iter()
        .all(|s| s.name != "<listcomp>" || s.qualname == "f.<locals>.<listcomp>"));
}

#[test]
fn symtable_implicit_class_cell_for_super() {
    // class C(B):
    //     def m(self): return super().m()
    let body = vec![class(
        "C",
        vec![name("B")],
        vec![def(
            "m",
            params(&["self"]),
            vec![ret(Some(call(
                attr(call(name("super"), vec![]), "m"),
                vec![],
            )))],
        )],
    )];
    let t = table(body.clone());
    let c = t.scopes.iter().find(|s| s.name == "C").unwrap();
    assert!(c.needs_class_cell);
    assert_eq!(c.cellvars(), vec!["__class__".to_string()]);
    assert_eq!(binding(&t, "m", "__class__"), Binding::Free);

    let code = compile(body);
    let cbody = find(&code, "C");
    assert_eq!(cbody.cellvars, vec!["__class__".to_string()]);
    assert!(cbody.has_flag(flags::CLASS_BODY));
    let n = cbody.instrs.len();
    assert_eq!(cbody.instrs[n - 2].op, Op::LoadClosure);
    assert_eq!(cbody.instrs[n - 1].op, Op::ReturnValue);
    let m = find(&code, "C.m");
    assert_eq!(m.freevars, vec!["__class__".to_string()]);
    // The method is made with a closure holding the class cell.
    assert!(ops(cbody)
        .windows(4)
        .any(|w| w == ["LOAD_CLOSURE", "BUILD_TUPLE", "LOAD_CONST", "MAKE_FUNCTION"]));
    assert!(ops(&code).contains(&"BUILD_CLASS"));
}

// ---- code generation ------------------------------------------------------------------

#[test]
fn closures_use_deref_and_cell_params() {
    // def outer(a):
    //     def inner(): return a
    //     return inner
    let code = compile(vec![def(
        "outer",
        params(&["a"]),
        vec![
            def("inner", params(&[]), vec![ret(Some(name("a")))]),
            ret(Some(name("inner"))),
        ],
    )]);
    let outer = find(&code, "outer");
    assert_eq!(outer.cellvars, vec!["a".to_string()]);
    assert_eq!(outer.cell_params, vec![(0, 0)]);
    assert_eq!(
        ops(outer),
        [
            "LOAD_CLOSURE",
            "BUILD_TUPLE",
            "LOAD_CONST",
            "MAKE_FUNCTION",
            "STORE_FAST",
            "LOAD_FAST",
            "RETURN_VALUE",
            "LOAD_CONST",
            "RETURN_VALUE"
        ]
    );
    assert_eq!(outer.instrs[3].arg, 8);
    let inner = find(&code, "outer.<locals>.inner");
    assert_eq!(ops(inner)[0], "LOAD_DEREF");
    assert_eq!(inner.freevars, vec!["a".to_string()]);
}

#[test]
fn class_body_uses_name_ops_and_classderef() {
    let code = compile(vec![def(
        "f",
        params(&[]),
        vec![
            assign(name("y"), int(0)),
            class(
                "C",
                vec![],
                vec![assign(name("z"), name("y")), assign(name("w"), name("len"))],
            ),
        ],
    )]);
    let c = find(&code, "f.<locals>.C");
    assert_eq!(
        ops(c),
        [
            "LOAD_CLASSDEREF",
            "STORE_NAME",
            "LOAD_NAME",
            "STORE_NAME",
            "LOAD_CONST",
            "RETURN_VALUE"
        ]
    );
}

#[test]
fn method_calls_keywords_and_star_calls() {
    let code = compile(vec![
        expr(call(attr(name("obj"), "m"), vec![int(1), int(2)])),
        expr(call_kw(name("f"), vec![int(1)], vec![(Some("k"), int(2))])),
        expr(call_kw(
            name("f"),
            vec![int(1), e(ExprKind::Starred(Box::new(name("a"))))],
            vec![(Some("k"), int(2)), (None, name("kw"))],
        )),
    ]);
    let o = ops(&code);
    assert_eq!(
        &o[..5],
        [
            "LOAD_GLOBAL",
            "LOAD_METHOD",
            "LOAD_CONST",
            "LOAD_CONST",
            "CALL_METHOD"
        ]
    );
    assert!(o.contains(&"CALL_KW"));
    let ex = o.iter().position(|n| *n == "CALL_FUNCTION_EX").unwrap();
    assert_eq!(code.instrs[ex].arg, 1);
    for needed in ["LIST_EXTEND", "MAP_ADD", "DICT_MERGE", "BUILD_MAP"] {
        assert!(o.contains(&needed), "{needed}");
    }
    // The keyword names are one const tuple.
    assert!(code
        .consts
        .iter()
        .any(|c| matches!(c, Value::Tuple(t) if t.len() == 1)));
}

#[test]
fn negative_literal_is_folded_and_chain_compare_balanced() {
    let code = compile(vec![
        assign(
            name("x"),
            e(ExprKind::UnaryOp {
                op: UnaryOp::Neg,
                operand: Box::new(int(1)),
            }),
        ),
        expr(cmp(
            name("a"),
            vec![CmpOp::Lt, CmpOp::LtE, CmpOp::In],
            vec![name("b"), name("c"), name("d")],
        )),
        expr(cmp(name("a"), vec![CmpOp::IsNot], vec![e(ExprKind::None)])),
    ]);
    let o = ops(&code);
    assert_eq!(&o[..2], ["LOAD_CONST", "STORE_GLOBAL"]);
    assert!(matches!(
        code.consts[code.instrs[0].arg as usize],
        Value::Int(-1)
    ));
    assert!(o.contains(&"ROT_THREE") && o.contains(&"CONTAINS_OP") && o.contains(&"IS_OP"));
}

#[test]
fn augmented_assignment_targets() {
    let code = compile(vec![
        aug(attr(name("o"), "n"), BinOp::Add, int(1)),
        aug(sub(name("d"), name("k")), BinOp::Mul, int(2)),
    ]);
    assert_eq!(
        ops(&code)[..14],
        [
            "LOAD_GLOBAL",
            "DUP_TOP",
            "LOAD_ATTR",
            "LOAD_CONST",
            "BINARY_OP",
            "ROT_TWO",
            "STORE_ATTR",
            "LOAD_GLOBAL",
            "LOAD_GLOBAL",
            "DUP_TOP_TWO",
            "BINARY_SUBSCR",
            "LOAD_CONST",
            "BINARY_OP",
            "ROT_THREE"
        ]
    );
}

#[test]
fn swap_assignment_needs_no_tuple() {
    // a, b = b, a ; a, b, c = c, a, b ; a, b, c, d = d, c, b, a ; a, *b = c, d ; a, b = t
    let tup = |xs: &[&str]| e(ExprKind::Tuple(xs.iter().map(|x| name(x)).collect()));
    let code = compile(vec![
        assign(tup(&["a", "b"]), tup(&["b", "a"])),
        assign(tup(&["a", "b", "c"]), tup(&["c", "a", "b"])),
        assign(tup(&["a", "b", "c", "d"]), tup(&["d", "c", "b", "a"])),
        assign(
            e(ExprKind::Tuple(vec![
                name("a"),
                e(ExprKind::Starred(Box::new(name("b")))),
            ])),
            tup(&["c", "d"]),
        ),
        assign(tup(&["a", "b"]), name("t")),
    ]);
    let o = ops(&code);
    assert_eq!(o.iter().filter(|n| **n == "ROT_TWO").count(), 2, "{o:?}");
    assert_eq!(o.iter().filter(|n| **n == "ROT_THREE").count(), 1, "{o:?}");
    // Four names still build and unpack a tuple (as CPython 3.11), and so do the
    // starred target and the non-display value.
    assert_eq!(
        o.iter().filter(|n| **n == "BUILD_TUPLE").count(),
        2,
        "{o:?}"
    );
    assert_eq!(
        o.iter().filter(|n| **n == "UNPACK_SEQUENCE").count(),
        2,
        "{o:?}"
    );
    assert_eq!(o.iter().filter(|n| **n == "UNPACK_EX").count(), 1, "{o:?}");
    // The first statement: both values, then the swap, then a then b.
    assert_eq!(
        &o[..5],
        &[
            "LOAD_GLOBAL",
            "LOAD_GLOBAL",
            "ROT_TWO",
            "STORE_GLOBAL",
            "STORE_GLOBAL"
        ],
        "{o:?}"
    );
}

#[test]
fn assignment_forms() {
    // a = b = (x, [y, z]) = v ; o.a = 1 ; d[1:2] = s ; d[1, 2] = 3
    let code = compile(vec![
        s(StmtKind::Assign {
            targets: vec![
                name("a"),
                name("b"),
                e(ExprKind::Tuple(vec![
                    name("x"),
                    e(ExprKind::List(vec![name("y"), name("z")])),
                ])),
            ],
            value: name("v"),
        }),
        assign(attr(name("o"), "a"), int(1)),
        assign(
            sub(
                name("d"),
                e(ExprKind::Slice {
                    lower: Some(Box::new(int(1))),
                    upper: Some(Box::new(int(2))),
                    step: None,
                }),
            ),
            name("s"),
        ),
        assign(
            sub(name("d"), e(ExprKind::Tuple(vec![int(1), int(2)]))),
            int(3),
        ),
        s(StmtKind::Delete(vec![
            name("a"),
            attr(name("o"), "a"),
            sub(name("d"), int(0)),
        ])),
    ]);
    let o = ops(&code);
    assert_eq!(o.iter().filter(|n| **n == "DUP_TOP").count(), 2);
    assert_eq!(o.iter().filter(|n| **n == "UNPACK_SEQUENCE").count(), 2);
    for needed in [
        "STORE_ATTR",
        "BUILD_SLICE",
        "STORE_SUBSCR",
        "BUILD_TUPLE",
        "DELETE_GLOBAL",
        "DELETE_ATTR",
        "DELETE_SUBSCR",
    ] {
        assert!(o.contains(&needed), "{needed}");
    }
}

#[test]
fn comprehensions_compile_as_functions() {
    let gens = || {
        vec![
            comp("i", name("xs")),
            Comprehension {
                target: name("j"),
                iter: name("i"),
                ifs: vec![name("j")],
                is_async: false,
            },
        ]
    };
    let code = compile(vec![def(
        "f",
        params(&[]),
        vec![
            expr(e(ExprKind::ListComp {
                elt: Box::new(name("j")),
                generators: gens(),
            })),
            expr(e(ExprKind::SetComp {
                elt: Box::new(name("j")),
                generators: gens(),
            })),
            expr(e(ExprKind::DictComp {
                key: Box::new(name("j")),
                value: Box::new(name("i")),
                generators: gens(),
            })),
            expr(e(ExprKind::GeneratorExp {
                elt: Box::new(name("j")),
                generators: gens(),
            })),
        ],
    )]);
    let lc = find(&code, "f.<locals>.<listcomp>");
    assert_eq!(lc.argcount, 1);
    assert_eq!(lc.varnames[0], ".0");
    let append = lc.instrs.iter().find(|i| i.op == Op::ListAppend).unwrap();
    assert_eq!(append.arg, 3);
    let dc = find(&code, "f.<locals>.<dictcomp>");
    assert_eq!(
        dc.instrs.iter().find(|i| i.op == Op::MapAdd).unwrap().arg,
        3
    );
    let ge = find(&code, "f.<locals>.<genexpr>");
    assert!(ge.has_flag(flags::GENERATOR));
    assert!(!lc.has_flag(flags::GENERATOR));
    let f = find(&code, "f");
    assert!(ops(f)
        .windows(3)
        .any(|w| w == ["GET_ITER", "CALL", "POP_TOP"]));
}

#[test]
fn generators_and_yield_from() {
    let code = compile(vec![def(
        "g",
        params(&[]),
        vec![
            expr(e(ExprKind::Yield(Some(Box::new(int(1)))))),
            assign(name("x"), e(ExprKind::Yield(None))),
            expr(e(ExprKind::YieldFrom(Box::new(name("it"))))),
            ret(Some(name("x"))),
        ],
    )]);
    let g = find(&code, "g");
    assert!(g.has_flag(flags::GENERATOR));
    let o = ops(g);
    assert!(o
        .windows(3)
        .any(|w| w == ["GET_YIELD_FROM_ITER", "LOAD_CONST", "YIELD_FROM"]));
    assert!(o.windows(2).any(|w| w == ["YIELD_VALUE", "POP_TOP"]));
}

#[test]
fn function_defaults_kwdefaults_decorators_lambda() {
    let p = Params {
        args: vec![
            Param {
                name: "a".into(),
                default: None,
                pos: at(1),
            },
            Param {
                name: "b".into(),
                default: Some(int(1)),
                pos: at(1),
            },
        ],
        vararg: Some("args".into()),
        kwonly: vec![Param {
            name: "c".into(),
            default: Some(int(2)),
            pos: at(1),
        }],
        kwarg: Some("kw".into()),
        posonly: 0,
        annotations: vec![],
    };
    let mut d = def(
        "f",
        p,
        vec![ret(Some(e(ExprKind::Lambda {
            params: Box::new(params(&["x"])),
            body: Box::new(name("x")),
        })))],
    );
    if let StmtKind::FunctionDef { decorators, .. } = &mut d.kind {
        decorators.push(name("deco1"));
        decorators.push(name("deco2"));
    }
    let code = compile(vec![d]);
    let o = ops(&code);
    assert_eq!(
        o[..10],
        [
            "LOAD_GLOBAL",
            "LOAD_GLOBAL",
            "LOAD_CONST",
            "BUILD_TUPLE",
            "LOAD_CONST",
            "LOAD_CONST",
            "BUILD_MAP",
            "LOAD_CONST",
            "MAKE_FUNCTION",
            "CALL"
        ]
    );
    assert_eq!(code.instrs[8].arg, 3);
    let f = find(&code, "f");
    assert_eq!(f.varnames[..5], ["a", "b", "c", "args", "kw"]);
    assert_eq!((f.argcount, f.kwonlyargcount), (2, 1));
    assert!(f.has_flag(flags::VARARGS) && f.has_flag(flags::VARKEYWORDS));
    let l = find(&code, "f.<locals>.<lambda>");
    assert_eq!(l.name, "<lambda>");
}

#[test]
fn fstrings() {
    // f"a{x!r:>{w}}b{y}"
    let fs = e(ExprKind::FString(vec![
        FStringPart::Literal("a".into()),
        FStringPart::Expr {
            expr: Box::new(name("x")),
            conversion: Some('r'),
            spec: Some(vec![
                FStringPart::Literal(">".into()),
                FStringPart::Expr {
                    expr: Box::new(name("w")),
                    conversion: None,
                    spec: None,
                },
            ]),
        },
        FStringPart::Literal("b".into()),
        FStringPart::Expr {
            expr: Box::new(name("y")),
            conversion: None,
            spec: None,
        },
    ]));
    let code = compile(vec![expr(fs)]);
    let fv: Vec<u32> = code
        .instrs
        .iter()
        .filter(|i| i.op == Op::FormatValue)
        .map(|i| i.arg)
        .collect();
    assert_eq!(fv, [0, 6, 0]);
    let bs: Vec<u32> = code
        .instrs
        .iter()
        .filter(|i| i.op == Op::BuildString)
        .map(|i| i.arg)
        .collect();
    assert_eq!(bs, [2, 4]);
}

#[test]
fn imports() {
    let code = compile(vec![
        s(StmtKind::Import(vec![
            Alias {
                name: "a.b".into(),
                asname: None,
            },
            Alias {
                name: "m".into(),
                asname: Some("n".into()),
            },
        ])),
        s(StmtKind::ImportFrom {
            module: "m".into(),
            names: vec![
                Alias {
                    name: "x".into(),
                    asname: None,
                },
                Alias {
                    name: "y".into(),
                    asname: Some("z".into()),
                },
            ],
        }),
        s(StmtKind::ImportFrom {
            module: "m".into(),
            names: vec![Alias {
                name: "*".into(),
                asname: None,
            }],
        }),
    ]);
    // Each IMPORT_NAME takes the relative level and the `from` names (as CPython).
    assert_eq!(
        ops(&code)[..21],
        [
            "LOAD_CONST",
            "LOAD_CONST",
            "IMPORT_NAME",
            "STORE_GLOBAL",
            "LOAD_CONST",
            "LOAD_CONST",
            "IMPORT_NAME",
            "STORE_GLOBAL",
            "LOAD_CONST",
            "LOAD_CONST",
            "IMPORT_NAME",
            "IMPORT_FROM",
            "STORE_GLOBAL",
            "IMPORT_FROM",
            "STORE_GLOBAL",
            "POP_TOP",
            "LOAD_CONST",
            "LOAD_CONST",
            "IMPORT_NAME",
            "IMPORT_STAR",
            "LOAD_CONST"
        ]
    );
    let names: Vec<&str> = code.names.iter().map(|n| n.as_str()).collect();
    assert_eq!(names, ["a.b", "a", "m", "n", "x", "y", "z"]);
}

// ---- control flow and exceptions: every shape must be stack-balanced ------------------

fn in_function(body: Vec<Stmt>) -> Ref<CodeObject> {
    compile(vec![def("f", params(&["x"]), body)])
}

#[test]
fn loops_with_break_continue_else() {
    in_function(vec![
        for_(
            name("i"),
            name("x"),
            vec![
                if_(
                    name("i"),
                    vec![s(StmtKind::Break)],
                    vec![s(StmtKind::Continue)],
                ),
                while_(e(ExprKind::True), vec![s(StmtKind::Break)]),
            ],
            vec![expr(name("i"))],
        ),
        while_(
            e(ExprKind::BoolOp {
                op: BoolOp::And,
                values: vec![
                    name("x"),
                    e(ExprKind::UnaryOp {
                        op: UnaryOp::Not,
                        operand: Box::new(name("i")),
                    }),
                ],
            }),
            vec![s(StmtKind::Continue)],
        ),
        ret(Some(e(ExprKind::IfExp {
            test: Box::new(name("x")),
            body: Box::new(int(1)),
            orelse: Box::new(int(2)),
        }))),
    ]);
}

#[test]
fn return_inside_for_pops_the_iterator() {
    let code = in_function(vec![for_(
        name("i"),
        name("x"),
        vec![ret(Some(name("i")))],
        vec![],
    )]);
    let f = find(&code, "f");
    assert!(ops(f)
        .windows(4)
        .any(|w| w == ["LOAD_FAST", "ROT_TWO", "POP_TOP", "RETURN_VALUE"]));
}

#[test]
fn try_shapes_are_balanced() {
    let h = |t: Option<&str>, n: Option<&str>, body: Vec<Stmt>| handler(t.map(name), n, body);
    in_function(vec![
        try_(
            vec![expr(name("a"))],
            vec![
                h(Some("E"), Some("e"), vec![expr(name("e"))]),
                h(
                    None,
                    None,
                    vec![s(StmtKind::Raise {
                        exc: None,
                        cause: None,
                    })],
                ),
            ],
            vec![expr(name("b"))],
            vec![],
        ),
        try_(
            vec![expr(name("a"))],
            vec![],
            vec![],
            vec![expr(name("fin"))],
        ),
        try_(
            vec![expr(name("a"))],
            vec![h(Some("E"), None, vec![])],
            vec![expr(name("b"))],
            vec![expr(name("fin"))],
        ),
        s(StmtKind::Raise {
            exc: Some(name("E")),
            cause: Some(name("c")),
        }),
        s(StmtKind::Assert {
            test: name("x"),
            msg: Some(string("m")),
        }),
        s(StmtKind::Assert {
            test: name("x"),
            msg: None,
        }),
    ]);
}

#[test]
fn return_break_continue_unwind_finally_handlers_and_with() {
    let h = |n: Option<&str>, body: Vec<Stmt>| handler(Some(name("E")), n, body);
    let code = in_function(vec![
        // return inside try/finally: the finally body is inlined
        try_(
            vec![ret(Some(name("x")))],
            vec![],
            vec![],
            vec![expr(call(name("cleanup"), vec![]))],
        ),
        // return inside an except handler (named and not)
        try_(
            vec![expr(name("a"))],
            vec![
                h(Some("e"), vec![ret(Some(name("e")))]),
                h(None, vec![ret(None)]),
            ],
            vec![],
            vec![],
        ),
        // break/continue out of try/finally, handlers and with, in loops
        for_(
            name("i"),
            name("x"),
            vec![
                try_(
                    vec![s(StmtKind::Break)],
                    vec![h(Some("e"), vec![s(StmtKind::Continue)])],
                    vec![],
                    vec![s(StmtKind::Continue)],
                ),
                with(
                    name("cm"),
                    Some(name("v")),
                    vec![if_(
                        name("v"),
                        vec![s(StmtKind::Break)],
                        vec![ret(Some(name("v")))],
                    )],
                ),
                try_(
                    vec![expr(name("a"))],
                    vec![],
                    vec![],
                    vec![ret(Some(int(1)))],
                ),
            ],
            vec![],
        ),
        // return in a finally (exception path) inside a loop inside try/finally
        try_(
            vec![while_(
                name("x"),
                vec![try_(
                    vec![expr(name("a"))],
                    vec![],
                    vec![],
                    vec![s(StmtKind::Break)],
                )],
            )],
            vec![],
            vec![],
            vec![for_(
                name("j"),
                name("x"),
                vec![ret(Some(name("j")))],
                vec![],
            )],
        ),
        // return with a pending value that meets a break inside an inlined finally
        for_(
            name("k"),
            name("x"),
            vec![try_(
                vec![ret(Some(name("k")))],
                vec![],
                vec![],
                vec![s(StmtKind::Break)],
            )],
            vec![],
        ),
        s(StmtKind::With {
            items: vec![
                WithItem {
                    context: name("a"),
                    target: None,
                },
                WithItem {
                    context: name("b"),
                    target: Some(attr(name("o"), "t")),
                },
            ],
            body: vec![ret(Some(int(3)))],
            is_async: false,
        }),
    ]);
    let f = find(&code, "f");
    let o = ops(f);
    for needed in [
        "BEFORE_WITH",
        "WITH_EXCEPT_START",
        "PUSH_EXC_INFO",
        "POP_EXCEPT",
        "RERAISE",
    ] {
        assert!(o.contains(&needed), "{needed}");
    }
    // The inlined finally body runs on the return path: cleanup() appears twice.
    let calls = f
        .instrs
        .iter()
        .filter(|i| i.op == Op::LoadGlobal && f.names[i.arg as usize].as_str() == "cleanup")
        .count();
    // Normal path, exception path, and inlined on the return path.
    assert_eq!(calls, 3);
}

#[test]
fn handler_cleanup_depths_match_the_documented_semantics() {
    // The exception path of try/except enters at depth+1 with [exc]; PUSH_EXC_INFO makes
    // it [prev, exc]; the handler-of-the-handler sees [prev, new] at depth+2.
    let code = in_function(vec![try_(
        vec![expr(name("a"))],
        vec![handler(Some(name("E")), None, vec![expr(name("b"))])],
        vec![],
        vec![],
    )]);
    let f = find(&code, "f");
    let (depths, _) = stack_depths(&f.instrs).unwrap();
    let pei = f
        .instrs
        .iter()
        .position(|i| i.op == Op::PushExcInfo)
        .unwrap();
    assert_eq!(depths[pei], Some(1));
    let cleanup_target = f.instrs[pei - 1].arg as usize;
    assert_eq!(f.instrs[pei - 1].op, Op::SetupFinally);
    assert_eq!(depths[cleanup_target], Some(2));
    assert_eq!(f.instrs[cleanup_target].op, Op::RotTwo);
}

// ---- errors ---------------------------------------------------------------------------

#[test]
fn compile_errors_use_cpython_wording() {
    assert_eq!(compile_err(vec![ret(None)]), "'return' outside function");
    assert_eq!(
        compile_err(vec![class("C", vec![], vec![ret(None)])]),
        "'return' outside function"
    );
    assert_eq!(
        compile_err(vec![s(StmtKind::Break)]),
        "'break' outside loop"
    );
    assert_eq!(
        compile_err(vec![s(StmtKind::Continue)]),
        "'continue' not properly in loop"
    );
    assert_eq!(
        compile_err(vec![for_(
            name("i"),
            name("x"),
            vec![def("g", params(&[]), vec![s(StmtKind::Break)])],
            vec![]
        )]),
        "'break' outside loop"
    );
    assert_eq!(
        compile_err(vec![expr(e(ExprKind::Yield(None)))]),
        "'yield' outside function"
    );
    assert_eq!(
        compile_err(vec![class(
            "C",
            vec![],
            vec![expr(e(ExprKind::Yield(None)))]
        )]),
        "'yield' outside function"
    );
    assert_eq!(
        compile_err(vec![expr(e(ExprKind::ListComp {
            elt: Box::new(e(ExprKind::Yield(None))),
            generators: vec![comp("i", name("x"))]
        }))]),
        "'yield' inside list comprehension"
    );
    assert_eq!(
        compile_err(vec![s(StmtKind::Nonlocal(vec!["x".into()]))]),
        "nonlocal declaration not allowed at module level"
    );
    assert_eq!(
        compile_err(vec![def(
            "f",
            params(&[]),
            vec![s(StmtKind::Nonlocal(vec!["x".into()]))]
        )]),
        "no binding for nonlocal 'x' found"
    );
    assert_eq!(
        compile_err(vec![
            assign(name("x"), int(1)),
            s(StmtKind::Global(vec!["x".into()]))
        ]),
        "name 'x' is assigned to before global declaration"
    );
    assert_eq!(
        compile_err(vec![expr(name("x")), s(StmtKind::Global(vec!["x".into()]))]),
        "name 'x' is used prior to global declaration"
    );
    assert_eq!(
        compile_err(vec![def(
            "f",
            params(&["x"]),
            vec![s(StmtKind::Global(vec!["x".into()]))]
        )]),
        "name 'x' is parameter and global"
    );
    assert_eq!(
        compile_err(vec![def(
            "f",
            params(&[]),
            vec![
                s(StmtKind::Global(vec!["x".into()])),
                s(StmtKind::Nonlocal(vec!["x".into()]))
            ]
        )]),
        "name 'x' is nonlocal and global"
    );
    assert_eq!(
        compile_err(vec![expr(e(ExprKind::Await(Box::new(name("x")))))]),
        "'await' outside function"
    );
    assert_eq!(
        compile_err(vec![def(
            "f",
            params(&[]),
            vec![expr(e(ExprKind::Await(Box::new(name("x")))))]
        )]),
        "'await' outside async function"
    );
    assert_eq!(
        compile_err(vec![def(
            "f",
            params(&[]),
            vec![s(StmtKind::ImportFrom {
                module: "m".into(),
                names: vec![Alias {
                    name: "*".into(),
                    asname: None
                }]
            })]
        )]),
        "import * only allowed at module level"
    );
    assert_eq!(
        compile_err(vec![assign(call(name("f"), vec![]), int(1))]),
        "cannot assign to function call"
    );
    assert_eq!(
        compile_err(vec![aug(call(name("f"), vec![]), BinOp::Add, int(1))]),
        "'function call' is an illegal expression for augmented assignment"
    );
}

#[test]
fn error_positions_point_at_the_statement() {
    let mut st = ret(None);
    st.pos = Pos { line: 7, col: 5 };
    let err = compile_module(&module(vec![st]), "<test>").unwrap_err();
    assert_eq!((err.line, err.col), (7, 5));
}

// ---- scale: no recursion per statement, per elif, per left-nested operator ------------

#[test]
fn huge_inputs_compile_without_deep_recursion() {
    let body: Vec<Stmt> = (0..100_000)
        .map(|i| aug(name("counter"), BinOp::Add, int(i)))
        .collect();
    let code = compile(lines(body, 1));
    assert_eq!(code.lines[code.lines.len() - 1], 100_000);

    // Deep ASTs are built and dropped on a roomy stack (dropping is recursive; the
    // parser caps real nesting) and compiled on a 1 MiB one, which proves the compiler
    // does not recurse per `elif` branch or per left-nested operator.
    let roomy = |f: Box<dyn FnOnce() -> Option<Module> + Send>| {
        std::thread::Builder::new()
            .stack_size(512 << 20)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap()
    };
    let m = roomy(Box::new(|| {
        // if x == 0: ... elif x == 1: ... (20k branches)
        let mut chain = expr(name("end"));
        for i in (0..20_000).rev() {
            chain = if_(
                cmp(name("x"), vec![CmpOp::Eq], vec![int(i)]),
                vec![expr(int(i))],
                vec![chain],
            );
        }
        // a + 1 + 1 + ... (20k operators)
        let mut sum = name("a");
        for _ in 0..20_000 {
            sum = bin(sum, BinOp::Add, int(1));
        }
        Some(module(vec![chain, expr(sum)]))
    }))
    .unwrap();
    let m = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let code = compile_module(&m, "<test>").unwrap();
            check_code(&code);
            m
        })
        .unwrap()
        .join()
        .unwrap();
    roomy(Box::new(move || {
        drop(m);
        None
    }));
}
