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
    })
}
fn with(ctx: Expr, target: Option<Expr>, body: Vec<Stmt>) -> Stmt {
    s(StmtKind::With {
        items: vec![WithItem {
            context: ctx,
            target,
        }],
        body,
    })
}
fn comp(t: &str, it: Expr) -> Comprehension {
    Comprehension {
        target: name(t),
        iter: it,
        ifs: vec![],
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

fn compile(body: Vec<Stmt>) -> Arc<CodeObject> {
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
