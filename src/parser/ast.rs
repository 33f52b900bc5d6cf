//! The abstract syntax tree: what the parser produces and the compiler consumes.
//! Shapes follow CPython's `ast` module where they overlap, so its docs explain ours.

use num_bigint::BigInt;

/// 1-based line and column of the first character of a node (column counts chars).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// Integer literal; the compiler narrows it to a small int when it fits.
    Int(BigInt),
    Float(f64),
    /// Imaginary literal `2j` (the imaginary part).
    Imag(f64),
    /// String literal after escapes and adjacent-literal concatenation
    /// (a mix of plain and f-strings becomes a `FString`).
    Str(String),
    /// Bytes literal after escapes and adjacent-literal concatenation.
    Bytes(Vec<u8>),
    FString(Vec<FStringPart>),
    True,
    False,
    None,
    /// `...`
    Ellipsis,
    Name(String),
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    Set(Vec<Expr>),
    /// Key/value pairs; a `None` key is a `**mapping` item.
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `name := value`; the target is always a `Name`.
    NamedExpr {
        target: Box<Expr>,
        value: Box<Expr>,
    },
    /// `*x` inside a call's positional arguments.
    Starred(Box<Expr>),
    BinOp {
        op: BinOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    /// `a and b and c`: two or more operands, evaluated left to right with short-circuit.
    BoolOp {
        op: BoolOp,
        values: Vec<Expr>,
    },
    /// `a < b <= c`: `ops.len() == comparators.len() >= 1`.
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    Call {
        func: Box<Expr>,
        /// Positional arguments; `Starred` entries are `*args`.
        args: Vec<Expr>,
        /// Keyword arguments; `arg == None` is `**kwargs`.
        keywords: Vec<Keyword>,
    },
    Attribute {
        value: Box<Expr>,
        attr: String,
    },
    Subscript {
        value: Box<Expr>,
        /// A `Slice`, a `Tuple` (for `a[1, 2]`) or any expression.
        index: Box<Expr>,
    },
    /// Only valid as (part of) a subscript index.
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
    Lambda {
        params: Box<Params>,
        body: Box<Expr>,
    },
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    Await(Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum FStringPart {
    Literal(String),
    Expr {
        expr: Box<Expr>,
        /// `!s`, `!r` or `!a`.
        conversion: Option<char>,
        /// The format spec after `:`, itself possibly containing `{...}` fields.
        spec: Option<Vec<FStringPart>>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitAnd,
    BitOr,
    BitXor,
    /// `@`: parsed so the error is a TypeError at run time, as in CPython.
    MatMul,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BoolOp {
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    pub arg: Option<String>,
    pub value: Expr,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comprehension {
    pub target: Expr,
    pub iter: Expr,
    pub ifs: Vec<Expr>,
    /// `async for`.
    pub is_async: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub name: String,
    pub default: Option<Expr>,
    pub pos: Pos,
}

/// `def f(a, b=1, *args, c, d=2, **kwargs)`: `args` = [a, b], `vararg` = args,
/// `kwonly` = [c, d], `kwarg` = kwargs. A bare `*` gives `kwonly` with no `vararg`.
/// `def f(a, /, b)`: `args` = [a, b] with `posonly` = 1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Params {
    pub args: Vec<Param>,
    /// How many of `args` come before `/` (positional-only).
    pub posonly: usize,
    pub vararg: Option<String>,
    pub kwonly: Vec<Param>,
    pub kwarg: Option<String>,
    /// `def` annotations in CPython's `__annotations__` order (parameters as written,
    /// then `"return"`); evaluated when the `def` runs. Lambdas have none.
    pub annotations: Vec<(String, Expr)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: `targets` in source order.
    Assign {
        targets: Vec<Expr>,
        value: Expr,
    },
    AugAssign {
        target: Expr,
        op: BinOp,
        value: Expr,
    },
    /// `x: int = 1`. In a module or class body the annotation is evaluated and, for
    /// a `simple` target (a bare name, not parenthesized), stored in `__annotations__`;
    /// in a function it is not evaluated (CPython 3.11 without `from __future__`).
    AnnAssign {
        target: Expr,
        annotation: Expr,
        value: Option<Expr>,
        simple: bool,
    },
    If {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    While {
        test: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    For {
        target: Expr,
        iter: Expr,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
        is_async: bool,
    },
    Break,
    Continue,
    Pass,
    Return(Option<Expr>),
    FunctionDef {
        name: String,
        params: Params,
        body: Vec<Stmt>,
        /// Decorator expressions, outermost first (applied last to first).
        decorators: Vec<Expr>,
        /// `async def`.
        is_async: bool,
    },
    ClassDef {
        name: String,
        bases: Vec<Expr>,
        /// `metaclass=M`, `**kw` (arg None) and keywords for `__init_subclass__`.
        keywords: Vec<Keyword>,
        body: Vec<Stmt>,
        decorators: Vec<Expr>,
    },
    Global(Vec<String>),
    Nonlocal(Vec<String>),
    Try {
        body: Vec<Stmt>,
        handlers: Vec<ExceptHandler>,
        orelse: Vec<Stmt>,
        finalbody: Vec<Stmt>,
        /// `except*` handlers (exception groups).
        is_star: bool,
    },
    /// `raise`, `raise exc`, `raise exc from cause`.
    Raise {
        exc: Option<Expr>,
        cause: Option<Expr>,
    },
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
        is_async: bool,
    },
    Match {
        subject: Expr,
        cases: Vec<MatchCase>,
    },
    Assert {
        test: Expr,
        msg: Option<Expr>,
    },
    Delete(Vec<Expr>),
    /// `import a.b as c, d`.
    Import(Vec<Alias>),
    /// `from m import x as y, z`; `names == [Alias { name: "*" }]` for a star import.
    ImportFrom {
        module: String,
        names: Vec<Alias>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExceptHandler {
    /// `except:` has no type.
    pub typ: Option<Expr>,
    pub name: Option<String>,
    pub body: Vec<Stmt>,
    pub pos: Pos,
}

/// One `case pattern if guard:` block of a `match`.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchCase {
    pub pattern: Pattern,
    pub guard: Option<Expr>,
    pub body: Vec<Stmt>,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pub kind: PatternKind,
    pub pos: Pos,
}

/// Patterns as CPython's `ast` has them (`MatchValue`, `MatchSingleton`, ...).
#[derive(Debug, Clone, PartialEq)]
pub enum PatternKind {
    /// A literal or a dotted name, compared with `==`.
    Value(Expr),
    /// `None`, `True` or `False`, compared with `is`.
    Singleton(Expr),
    /// `[p, *rest, q]` or `(p, q)`: at most one `Star` among the items.
    Sequence(Vec<Pattern>),
    /// `*name` (`None` for `*_`), only inside a sequence pattern.
    Star(Option<String>),
    /// `{key: p, **rest}`.
    Mapping {
        keys: Vec<Expr>,
        patterns: Vec<Pattern>,
        rest: Option<String>,
    },
    /// `Cls(p, attr=q)`.
    Class {
        cls: Expr,
        patterns: Vec<Pattern>,
        kwd_attrs: Vec<String>,
        kwd_patterns: Vec<Pattern>,
    },
    /// `p as name`; a bare capture `name` has no pattern, the wildcard `_` neither.
    As {
        pattern: Option<Box<Pattern>>,
        name: Option<String>,
    },
    /// `p | q | ...`
    Or(Vec<Pattern>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct WithItem {
    pub context: Expr,
    pub target: Option<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub name: String,
    pub asname: Option<String>,
}

/// A whole source file.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    pub body: Vec<Stmt>,
}
