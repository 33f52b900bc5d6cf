//! The opcode table, declared once. The enum, `dis`'s names, operand kinds, stack
//! effects and docs/bytecode.md are all expanded from the single `opcodes!` list below.
//!
//! Format: every instruction is `Instr { op: Op, arg: u32 }` (8 bytes). Each one is a
//! single step of the VM: a thread switch (GIL drop request) can happen between any
//! two instructions, never inside one. That is why `counter += 1` on a global,
//! compiled to LOAD_GLOBAL / LOAD_CONST / BINARY_OP / STORE_GLOBAL, can lose updates.
//! Under `--switch-points cpython` only the boundaries the optional `switch` column
//! names (and a frame's first instruction) are switch points, as in CPython 3.11.
//!
//! Stack notation in the docs: `[a, b] -> [c]` means the instruction pops `b` (top of
//! stack, TOS) then `a` (TOS1), and pushes `c`. "Stack effect" is the net change in
//! depth; for jumps it is the effect when the jump is *not* taken unless stated.

/// What an instruction's `arg` means, so `dis` can print `LOAD_GLOBAL 0 (counter)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgKind {
    /// The argument is unused (always 0).
    None,
    /// Index into `CodeObject::consts`.
    Const,
    /// Index into `CodeObject::names` (globals, attributes, modules).
    Name,
    /// Index into `CodeObject::varnames` (fast local slots).
    Local,
    /// Index into the frame's cells: `cellvars` then `freevars`.
    Cell,
    /// An absolute instruction index to jump to.
    Jump,
    /// A count (arguments, elements, stack depth).
    Count,
    /// A `BinaryOp` discriminant.
    BinaryOp,
    /// A `CompareOp` discriminant.
    Compare,
    /// Bit flags described in the opcode's doc.
    Flags,
}

/// Whether an instruction is a switch point under `--switch-points cpython`, i.e.
/// where CPython 3.11's eval loop checks its eval breaker (`Python/ceval.c`; the VM's
/// run-time decision is `src/vm/switch_points.rs`, the list of sites docs/gil.md).
/// Under `--switch-points every` every boundary is one. A frame's first instruction
/// (CPython's `RESUME 0`) is a switch point whatever it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwitchPoint {
    /// Not a switch point.
    No,
    /// Before it, when it jumps backward (JUMP_BACKWARD, POP_JUMP_BACKWARD_IF_*).
    BackwardJump,
    /// After it, unless it called a Python function (whose entry was the switch
    /// point) or one of the builtins CPython's specialised calls do not check.
    Call,
    /// After it, when the frame is resumed (a generator after `yield`: RESUME 1).
    Resume,
}

/// The `switch` column's value, `No` where a row leaves it out.
macro_rules! switch_point_or_no {
    () => {
        SwitchPoint::No
    };
    ($sp:ident) => {
        SwitchPoint::$sp
    };
}

macro_rules! opcodes {
    ($( $(#[doc = $doc:literal])* $name:ident = $dis:literal, $kind:ident, |$n:ident| $effect:expr $(, switch $sp:ident)?; )*) => {
        /// One VM instruction kind. See the table in this file for each one's effect.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Op { $( $(#[doc = $doc])* $name, )* }

        impl Op {
            /// Every opcode, in declaration order.
            pub const ALL: &'static [Op] = &[ $( Op::$name, )* ];

            /// The upper-case name printed by `dis` (CPython's spelling where one exists).
            pub fn name(self) -> &'static str {
                match self { $( Op::$name => $dis, )* }
            }

            /// How `dis` interprets the argument.
            pub fn arg_kind(self) -> ArgKind {
                match self { $( Op::$name => ArgKind::$kind, )* }
            }

            /// Net stack effect given the argument (for the compiler's max-depth count
            /// and for docs). Jumps report the fall-through effect.
            #[allow(unused_variables)]
            pub fn stack_effect(self, arg: u32) -> i32 {
                match self { $( Op::$name => { let $n = arg as i32; $effect } )* }
            }

            /// The doc comment of the opcode, one paragraph, for docs/bytecode.md.
            pub fn doc(self) -> &'static str {
                match self { $( Op::$name => concat!($($doc, "\n"),*), )* }
            }

            /// Its part in `--switch-points cpython` (the table's `switch` column).
            pub fn switch_point(self) -> SwitchPoint {
                match self { $( Op::$name => switch_point_or_no!($($sp)?), )* }
            }
        }
    };
}

opcodes! {
    /// Does nothing. `[] -> []`
    Nop = "NOP", None, |n| 0;
    /// Discards TOS. `[a] -> []`
    PopTop = "POP_TOP", None, |n| -1;
    /// Duplicates TOS. `[a] -> [a, a]`
    DupTop = "DUP_TOP", None, |n| 1;
    /// Duplicates the top two. `[a, b] -> [a, b, a, b]`
    DupTopTwo = "DUP_TOP_TWO", None, |n| 2;
    /// Swaps the top two. `[a, b] -> [b, a]`
    RotTwo = "ROT_TWO", None, |n| 0;
    /// Lifts TOS under the next two. `[a, b, c] -> [c, a, b]`
    RotThree = "ROT_THREE", None, |n| 0;
    /// Lifts TOS under the next three. `[a, b, c, d] -> [d, a, b, c]`
    RotFour = "ROT_FOUR", None, |n| 0;

    /// Pushes `consts[arg]`. `[] -> [c]`
    LoadConst = "LOAD_CONST", Const, |n| 1;
    /// Pushes local slot `arg`; UnboundLocalError if it was never assigned. `[] -> [v]`
    LoadFast = "LOAD_FAST", Local, |n| 1;
    /// Pops TOS into local slot `arg`. `[v] -> []`
    StoreFast = "STORE_FAST", Local, |n| -1;
    /// Unbinds local slot `arg` (UnboundLocalError if unbound). `[] -> []`
    DeleteFast = "DELETE_FAST", Local, |n| 0;
    /// Pushes global `names[arg]`, falling back to builtins; NameError if neither has it. `[] -> [v]`
    LoadGlobal = "LOAD_GLOBAL", Name, |n| 1;
    /// Pops TOS into global `names[arg]`. `[v] -> []`
    StoreGlobal = "STORE_GLOBAL", Name, |n| -1;
    /// Deletes global `names[arg]` (NameError if absent). `[] -> []`
    DeleteGlobal = "DELETE_GLOBAL", Name, |n| 0;
    /// Class bodies only: pushes `names[arg]` from the class namespace, then globals,
    /// then builtins. `[] -> [v]`
    LoadName = "LOAD_NAME", Name, |n| 1;
    /// Class bodies only: pops TOS into the class namespace. `[v] -> []`
    StoreName = "STORE_NAME", Name, |n| -1;
    /// Class bodies only: deletes from the class namespace. `[] -> []`
    DeleteName = "DELETE_NAME", Name, |n| 0;
    /// Pushes the value in cell `arg` (cellvars then freevars); NameError/UnboundLocalError
    /// if empty. `[] -> [v]`
    LoadDeref = "LOAD_DEREF", Cell, |n| 1;
    /// Pops TOS into cell `arg`. `[v] -> []`
    StoreDeref = "STORE_DEREF", Cell, |n| -1;
    /// Empties cell `arg`. `[] -> []`
    DeleteDeref = "DELETE_DEREF", Cell, |n| 0;
    /// Pushes the cell object `arg` itself (to build a closure tuple). `[] -> [cell]`
    LoadClosure = "LOAD_CLOSURE", Cell, |n| 1;
    /// Class bodies only: like LOAD_NAME for a name that is free in the class body:
    /// the class namespace first, then cell `arg`. `[] -> [v]`
    LoadClassDeref = "LOAD_CLASSDEREF", Cell, |n| 1;

    /// Pushes attribute `names[arg]` of TOS. `[obj] -> [obj.attr]`
    LoadAttr = "LOAD_ATTR", Name, |n| 0;
    /// `obj.attr = v`. `[v, obj] -> []`
    StoreAttr = "STORE_ATTR", Name, |n| -2;
    /// `del obj.attr`. `[obj] -> []`
    DeleteAttr = "DELETE_ATTR", Name, |n| -1;
    /// Looks up method `names[arg]` without creating a bound method when it can:
    /// `[obj] -> [meth, obj]` for a method found on the type, else
    /// `[obj] -> [attr, NULL]`. Always followed (after the arguments) by CALL_METHOD.
    LoadMethod = "LOAD_METHOD", Name, |n| 1;
    /// `super().name(...)` in a function whose `super` is the global name: TOS is
    /// what `super` evaluated to. When that is the built-in `super`, looks `names[arg]`
    /// up on the MRO after the `__class__` cell's class, as zero-argument `super()`
    /// would, without making the super object or a bound method:
    /// `[super] -> [meth, self]` for a function found, else `[super] -> [attr, NULL]`.
    /// Any other value is called with no arguments and the method looked up on the
    /// result as LOAD_METHOD does. Followed (after the arguments) by CALL_METHOD.
    /// (CPython 3.12's LOAD_SUPER_ATTR with its method bit; in 3.11 the `super()`
    /// call is a CALL, which is why this is a switch point after it.)
    LoadSuperMethod = "LOAD_SUPER_METHOD", Name, |n| 1, switch Call;
    /// `super().name` as a value (not called right away): as LOAD_SUPER_METHOD, but
    /// pushes the attribute, bound. `[super] -> [attr]`
    LoadSuperAttr = "LOAD_SUPER_ATTR", Name, |n| 0, switch Call;

    /// Applies binary operator `arg` (a `BinaryOp`; the in-place forms try `__iadd__`
    /// etc. first, and mutate lists in place for `+=`). `[a, b] -> [a op b]`
    BinaryOp = "BINARY_OP", BinaryOp, |n| -1;
    /// `[a] -> [-a]`
    UnaryNegative = "UNARY_NEGATIVE", None, |n| 0;
    /// `[a] -> [+a]`
    UnaryPositive = "UNARY_POSITIVE", None, |n| 0;
    /// `[a] -> [not a]`
    UnaryNot = "UNARY_NOT", None, |n| 0;
    /// `[a] -> [~a]`
    UnaryInvert = "UNARY_INVERT", None, |n| 0;
    /// Rich comparison `arg` (a `CompareOp`). `[a, b] -> [a op b]`
    CompareOp = "COMPARE_OP", Compare, |n| -1;
    /// Identity: `[a, b] -> [a is b]`, or `is not` when `arg == 1`.
    IsOp = "IS_OP", Flags, |n| -1;
    /// Membership: `[a, b] -> [a in b]`, or `not in` when `arg == 1`.
    ContainsOp = "CONTAINS_OP", Flags, |n| -1;
    /// `[container, key] -> [container[key]]`
    BinarySubscr = "BINARY_SUBSCR", None, |n| -1;
    /// `container[key] = v`. `[v, container, key] -> []`
    StoreSubscr = "STORE_SUBSCR", None, |n| -3;
    /// `del container[key]`. `[container, key] -> []`
    DeleteSubscr = "DELETE_SUBSCR", None, |n| -2;
    /// Builds a slice from `arg` (2 or 3) values. `[start, stop] -> [slice]` or
    /// `[start, stop, step] -> [slice]`; missing parts are None.
    BuildSlice = "BUILD_SLICE", Count, |n| 1 - n;

    /// Pops `arg` values into a new tuple (first pushed = first element). `[a, b] -> [(a, b)]`
    BuildTuple = "BUILD_TUPLE", Count, |n| 1 - n;
    /// Pops `arg` values into a new list. `[a, b] -> [[a, b]]`
    BuildList = "BUILD_LIST", Count, |n| 1 - n;
    /// Pops `arg` values into a new set. `[a, b] -> [{a, b}]`
    BuildSet = "BUILD_SET", Count, |n| 1 - n;
    /// Pops `arg` key/value pairs (k1, v1, k2, v2, ...) into a new dict, in order.
    BuildMap = "BUILD_MAP", Count, |n| 1 - 2 * n;
    /// Pops `arg` strings and pushes their concatenation (f-strings). `[a, b] -> [a + b]`
    BuildString = "BUILD_STRING", Count, |n| 1 - n;
    /// Formats a value for an f-string. Flags: `arg & 3` is the conversion (0 none,
    /// 1 `!s`, 2 `!r`, 3 `!a`); `arg & 4` means a format spec string is on top.
    /// `[v] -> [str]` or `[v, spec] -> [str]`
    FormatValue = "FORMAT_VALUE", Flags, |n| if n & 4 != 0 { -1 } else { 0 };
    /// Comprehensions: pops v and appends it to the list `arg` deep (counted after the
    /// pop, 1 = the new TOS). `[list, ..., v] -> [list, ...]`
    ListAppend = "LIST_APPEND", Count, |n| -1;
    /// Pops an iterable and extends the list `arg` deep with it (call `*args`).
    ListExtend = "LIST_EXTEND", Count, |n| -1;
    /// Pops v and adds it to the set `arg` deep.
    SetAdd = "SET_ADD", Count, |n| -1;
    /// Pops value then key and stores them in the dict `arg` deep.
    /// `[dict, ..., k, v] -> [dict, ...]`
    MapAdd = "MAP_ADD", Count, |n| -2;
    /// Pops a mapping and merges it into the dict `arg` deep (call `**kwargs`);
    /// TypeError on a repeated keyword.
    DictMerge = "DICT_MERGE", Count, |n| -1;
    /// Unpacks an iterable of exactly `arg` items, pushing them so that the first item
    /// ends on top. `[seq] -> [x_n, ..., x_1]`
    UnpackSequence = "UNPACK_SEQUENCE", Count, |n| n - 1;

    /// Jumps to instruction `arg`.
    Jump = "JUMP", Jump, |n| 0, switch BackwardJump;
    /// Pops TOS; jumps if it is falsy.
    PopJumpIfFalse = "POP_JUMP_IF_FALSE", Jump, |n| -1, switch BackwardJump;
    /// Pops TOS; jumps if it is truthy.
    PopJumpIfTrue = "POP_JUMP_IF_TRUE", Jump, |n| -1, switch BackwardJump;
    /// If TOS is falsy, jumps and keeps it; otherwise pops it (`and`).
    JumpIfFalseOrPop = "JUMP_IF_FALSE_OR_POP", Jump, |n| -1;
    /// If TOS is truthy, jumps and keeps it; otherwise pops it (`or`).
    JumpIfTrueOrPop = "JUMP_IF_TRUE_OR_POP", Jump, |n| -1;
    /// `[obj] -> [iter(obj)]`
    GetIter = "GET_ITER", None, |n| 0;
    /// Calls `next()` on the iterator at TOS: pushes the item
    /// (`[it] -> [it, item]`), or, when exhausted, pops the iterator and jumps to `arg`.
    ForIter = "FOR_ITER", Jump, |n| 1;

    /// Calls with `arg` positional arguments. `[f, a1, ..., an] -> [result]`
    Call = "CALL", Count, |n| -n, switch Call;
    /// Calls with keywords: TOS is a const tuple of the last k argument names; `arg`
    /// counts all arguments (positional + keyword) below it.
    /// `[f, a1, ..., an, names] -> [result]`
    CallKw = "CALL_KW", Count, |n| -n - 1, switch Call;
    /// Calls with a positional list/tuple, and a kwargs dict when `arg & 1`.
    /// `[f, args] -> [result]` or `[f, args, kwargs] -> [result]`
    CallFunctionEx = "CALL_FUNCTION_EX", Flags, |n| if n & 1 != 0 { -2 } else { -1 }, switch Call;
    /// Calls the result of LOAD_METHOD with `arg` positional arguments.
    /// `[meth, self_or_NULL, a1, ..., an] -> [result]`
    CallMethod = "CALL_METHOD", Count, |n| -n - 1, switch Call;
    /// Makes a function from the code object at TOS. Flags: 1 a tuple of positional
    /// defaults, 2 a dict of keyword-only defaults, 8 a tuple of cells (closure), pushed
    /// in that order below the code. `[defaults?, kwdefaults?, closure?, code] -> [fn]`
    MakeFunction = "MAKE_FUNCTION", Flags, |n| -((n & 1 != 0) as i32) - ((n & 2 != 0) as i32) - ((n & 4 != 0) as i32) - ((n & 8 != 0) as i32);
    /// Returns TOS to the caller, ending the frame.
    ReturnValue = "RETURN_VALUE", None, |n| -1;
    /// Builds a class: calls the body function (which runs with a fresh namespace as its
    /// locals) and creates class `name` from that namespace and `arg` bases. If the body
    /// returns a cell (its `__class__` cell), the new class is stored in it, which is how
    /// zero-argument `super()` finds its class. `[body_fn, name, b1, ..., bn] -> [class]`
    BuildClass = "BUILD_CLASS", Count, |n| -1 - n, switch Call;
    /// BUILD_CLASS for a class statement with keywords (`metaclass=`, arguments for
    /// `__init_subclass__`) or starred bases: the bases as a list, and a dict of the
    /// keywords when `arg & 1`. `[body_fn, name, bases] -> [class]` or
    /// `[body_fn, name, bases, kwargs] -> [class]`
    BuildClassEx = "BUILD_CLASS_EX", Flags, |n| if n & 1 != 0 { -3 } else { -2 }, switch Call;

    /// Suspends a generator frame, handing TOS to the caller of `next()`/`send()`; on
    /// resume, the sent value (None for `next()`) is pushed. `[v] -> [sent]`
    YieldValue = "YIELD_VALUE", None, |n| 0, switch Resume;
    /// `[obj] -> [iter]`: like GET_ITER, but leaves generators as they are (for `yield from`).
    GetYieldFromIter = "GET_YIELD_FROM_ITER", None, |n| 0;
    /// Delegates to the sub-iterator TOS1, sending TOS (`next()` when it is None). If the
    /// sub-iterator yields, this frame yields the same value and, on resume, replaces TOS
    /// with the sent value and re-executes YIELD_FROM. When it returns (StopIteration),
    /// both are popped and its return value pushed. `[it, v] -> [result]`
    YieldFrom = "YIELD_FROM", None, |n| -1;

    /// Pushes an exception handler block: if an exception is raised before the matching
    /// POP_BLOCK, the value stack is cut back to its depth at this point, the exception
    /// is pushed and execution jumps to `arg`. Used for `except`, `finally` and `with`.
    SetupFinally = "SETUP_FINALLY", Jump, |n| 0;
    /// Pops the innermost handler block pushed by SETUP_FINALLY / BEFORE_WITH.
    PopBlock = "POP_BLOCK", None, |n| 0;
    /// At the start of a handler: saves the exception being handled before (or None) below
    /// TOS and makes TOS the one being handled (for bare `raise` and `__context__`).
    /// `[exc] -> [prev, exc]`
    PushExcInfo = "PUSH_EXC_INFO", None, |n| 1;
    /// At the end of a handler: pops `prev` and makes it the one being handled again.
    /// `[prev] -> []`
    PopExcept = "POP_EXCEPT", None, |n| -1;
    /// `except T:` test. `[exc, T] -> [exc, matches]`; T may be a class or a tuple of them.
    CheckExcMatch = "CHECK_EXC_MATCH", None, |n| 0;
    /// Re-raises TOS as it is, keeping its traceback. `[exc] -> (raises)`
    Reraise = "RERAISE", None, |n| -1;
    /// `raise` (arg 0: re-raise the exception being handled), `raise exc` (arg 1),
    /// `raise exc from cause` (arg 2). A class is instantiated with no arguments.
    RaiseVarargs = "RAISE_VARARGS", Count, |n| -n;
    /// Pushes the AssertionError class (so `assert` works even if the name is shadowed).
    LoadAssertionError = "LOAD_ASSERTION_ERROR", None, |n| 1;
    /// `with` entry: `[mgr] -> [exit, self, enter_result]`. `__enter__` and `__exit__`
    /// are looked up on the type only; `exit, self` is laid out as LOAD_METHOD's
    /// (`[__exit__, mgr]` for a plain method, `[bound __exit__, NULL]` otherwise), so
    /// the exit call is CALL_METHOD 3 and needs no bound-method object.
    BeforeWith = "BEFORE_WITH", None, |n| 2;
    /// `with` on an exception: calls `exit(type(exc), exc, tb)` with `exit, self`
    /// 4 and 3 deep. `[exit, self, prev, exc] -> [exit, self, prev, exc, suppress]`
    WithExceptStart = "WITH_EXCEPT_START", None, |n| 1;

    /// Imports module `names[arg]` (src/vm/modules/mod.rs: sys.modules, built-in
    /// modules, then sys.path). With an empty `fromlist` the result is the top-level
    /// package (`import a.b` binds `a`), else the module itself; `level` counts the
    /// dots of a relative import. `[level, fromlist] -> [module]`
    ImportName = "IMPORT_NAME", Name, |n| -1;
    /// `from m import x`: `[module] -> [module, module.x]`; ImportError if missing.
    ImportFrom = "IMPORT_FROM", Name, |n| 1;
    /// `from m import *`: copies the module's public names into the current namespace.
    /// `[module] -> []`
    ImportStar = "IMPORT_STAR", None, |n| -1;

    /// Starred unpacking `a, *b, c = seq`: `arg & 0xff` targets before the star,
    /// `arg >> 8` after it. Pushes them so the first ends on top, the starred part as a
    /// list. `[seq] -> [x_last, ..., [middle], ..., x_first]`
    UnpackEx = "UNPACK_EX", Flags, |n| (n & 0xff) + (n >> 8);
    /// `[list] -> [tuple(list)]` (tuple displays with `*x`).
    ListToTuple = "LIST_TO_TUPLE", None, |n| 0;
    /// Pops an iterable and adds its items to the set `arg` deep (`{*a, *b}`).
    SetUpdate = "SET_UPDATE", Count, |n| -1;
    /// Pops a mapping and merges it into the dict `arg` deep (`{**a}`); later keys win.
    /// TypeError if it is not a mapping.
    DictUpdate = "DICT_UPDATE", Count, |n| -1;
    /// Interactive (`compile(..., 'single')`) expression statements: prints the repr
    /// of TOS unless it is None. `[v] -> []`
    PrintExpr = "PRINT_EXPR", None, |n| -1;
    /// Pushes a copy of the item `arg` deep (1 = TOS). `[a, ..., b] -> [a, ..., b, a]`
    Copy = "COPY", Count, |n| 1;
    /// Moves TOS down under the `arg - 1` items below it. `[a1, ..., an-1, t] -> [t, a1, ..., an-1]`
    RotN = "ROT_N", Count, |n| 0;

    /// `match`: whether TOS is a sequence for sequence patterns (list, tuple, range;
    /// not str). `[subject] -> [subject, bool]`
    MatchSequence = "MATCH_SEQUENCE", None, |n| 1;
    /// `match`: whether TOS is a mapping (dict). `[subject] -> [subject, bool]`
    MatchMapping = "MATCH_MAPPING", None, |n| 1;
    /// `match`: looks up a tuple of keys in the mapping TOS1; pushes the tuple of their
    /// values, or None if a key is missing. `[subject, keys] -> [subject, keys, values]`
    MatchKeys = "MATCH_KEYS", None, |n| 1;
    /// `match`: class pattern with `arg` positional sub-patterns. TOS is a tuple of
    /// keyword attribute names; pushes the tuple of the attributes to match (positional
    /// ones through `__match_args__`), or None when the subject is not an instance.
    /// `[subject, cls, names] -> [attrs]`
    MatchClass = "MATCH_CLASS", Count, |n| -2;
    /// `match`: `[obj] -> [obj, len(obj)]`
    GetLen = "GET_LEN", None, |n| 1;
    /// `match`: `**rest` of a mapping pattern: a new dict of the subject's items whose keys
    /// are not in the tuple TOS. `[subject, keys] -> [subject, rest]`
    CopyDictWithoutKeys = "COPY_DICT_WITHOUT_KEYS", None, |n| 0;

    /// `except*`: splits the exception (group) TOS1 by the type(s) TOS. On a match pushes
    /// the rest (None if all matched) and the matching group; else the exception as it
    /// was and None. `[exc, T] -> [rest, match]`
    CheckEgMatch = "CHECK_EG_MATCH", None, |n| 0;
    /// End of `except*` handlers: from the original group TOS1 and the list TOS of what
    /// the handlers raised (and the unhandled rest), builds what to re-raise, or None.
    /// `[orig, raised] -> [exc_or_None]`
    PrepReraiseStar = "PREP_RERAISE_STAR", None, |n| -1;

    /// `await`: the iterator to delegate to (a coroutine as it is, else `__await__()`).
    /// `arg` 1/2 words errors for `__aenter__`/`__aexit__` results. `[obj] -> [iter]`
    GetAwaitable = "GET_AWAITABLE", Flags, |n| 0;
    /// `async for`: `[obj] -> [obj.__aiter__()]`
    GetAiter = "GET_AITER", None, |n| 0;
    /// `async for`: the awaitable of the next item. `[aiter] -> [aiter, awaitable]`
    GetAnext = "GET_ANEXT", None, |n| 1;
    /// End of `async for` (handler of GET_ANEXT's await): StopAsyncIteration ends the
    /// loop, anything else is re-raised. `[aiter, exc] -> []`
    EndAsyncFor = "END_ASYNC_FOR", None, |n| -2;
    /// `async with` entry: `[mgr] -> [exit, self, enter_awaitable]`, `exit, self` laid
    /// out as BEFORE_WITH's; the awaitable is what `mgr.__aenter__()` returned.
    BeforeAsyncWith = "BEFORE_ASYNC_WITH", None, |n| 2;
    /// In an async generator, before YIELD_VALUE: marks the value as yielded by the
    /// generator (not by an `await` inside it). `[v] -> [wrapped]`
    AsyncGenWrap = "ASYNC_GEN_WRAP", None, |n| 0;
}

/// Binary operators of BINARY_OP, in `dis` order; the in-place forms follow the plain ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum BinaryOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    MatMul,
    InplaceAdd,
    InplaceSub,
    InplaceMul,
    InplaceTrueDiv,
    InplaceFloorDiv,
    InplaceMod,
    InplacePow,
    InplaceLShift,
    InplaceRShift,
    InplaceAnd,
    InplaceOr,
    InplaceXor,
    InplaceMatMul,
}

impl BinaryOp {
    pub const ALL: [BinaryOp; 26] = [
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::TrueDiv,
        BinaryOp::FloorDiv,
        BinaryOp::Mod,
        BinaryOp::Pow,
        BinaryOp::LShift,
        BinaryOp::RShift,
        BinaryOp::And,
        BinaryOp::Or,
        BinaryOp::Xor,
        BinaryOp::MatMul,
        BinaryOp::InplaceAdd,
        BinaryOp::InplaceSub,
        BinaryOp::InplaceMul,
        BinaryOp::InplaceTrueDiv,
        BinaryOp::InplaceFloorDiv,
        BinaryOp::InplaceMod,
        BinaryOp::InplacePow,
        BinaryOp::InplaceLShift,
        BinaryOp::InplaceRShift,
        BinaryOp::InplaceAnd,
        BinaryOp::InplaceOr,
        BinaryOp::InplaceXor,
        BinaryOp::InplaceMatMul,
    ];

    pub fn from_arg(arg: u32) -> Option<BinaryOp> {
        Self::ALL.get(arg as usize).copied()
    }

    /// The operator as written in source (`+`, `+=`), for `dis` and error messages.
    pub fn symbol(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            TrueDiv => "/",
            FloorDiv => "//",
            Mod => "%",
            Pow => "**",
            LShift => "<<",
            RShift => ">>",
            And => "&",
            Or => "|",
            Xor => "^",
            MatMul => "@",
            InplaceAdd => "+=",
            InplaceSub => "-=",
            InplaceMul => "*=",
            InplaceTrueDiv => "/=",
            InplaceFloorDiv => "//=",
            InplaceMod => "%=",
            InplacePow => "**=",
            InplaceLShift => "<<=",
            InplaceRShift => ">>=",
            InplaceAnd => "&=",
            InplaceOr => "|=",
            InplaceXor => "^=",
            InplaceMatMul => "@=",
        }
    }

    /// The plain operator behind an in-place one (`+=` → `+`).
    pub fn base(self) -> BinaryOp {
        let i = self as usize;
        if i >= 13 {
            Self::ALL[i - 13]
        } else {
            self
        }
    }

    pub fn is_inplace(self) -> bool {
        (self as usize) >= 13
    }
}

/// Comparisons of COMPARE_OP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum CompareOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CompareOp {
    pub const ALL: [CompareOp; 6] = [
        CompareOp::Lt,
        CompareOp::Le,
        CompareOp::Eq,
        CompareOp::Ne,
        CompareOp::Gt,
        CompareOp::Ge,
    ];

    pub fn from_arg(arg: u32) -> Option<CompareOp> {
        Self::ALL.get(arg as usize).copied()
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    /// The comparison with its operands swapped (`a < b` is `b > a`), for reflected dunders.
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }

    pub fn dunder(self) -> &'static str {
        match self {
            CompareOp::Lt => "__lt__",
            CompareOp::Le => "__le__",
            CompareOp::Eq => "__eq__",
            CompareOp::Ne => "__ne__",
            CompareOp::Gt => "__gt__",
            CompareOp::Ge => "__ge__",
        }
    }
}

/// One instruction. Kept at 8 bytes (a test checks) so code stays cache-dense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Instr {
    pub op: Op,
    pub arg: u32,
}

impl Instr {
    pub fn new(op: Op, arg: u32) -> Instr {
        Instr { op, arg }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instr_stays_eight_bytes() {
        assert_eq!(std::mem::size_of::<Instr>(), 8);
    }

    #[test]
    fn names_are_unique_and_documented() {
        let mut seen = std::collections::HashSet::new();
        for op in Op::ALL {
            assert!(seen.insert(op.name()), "duplicate name {}", op.name());
            assert!(!op.doc().trim().is_empty(), "{} has no doc", op.name());
        }
    }

    #[test]
    fn switch_points_are_the_cpython_check_sites() {
        let mut sites: Vec<(&str, SwitchPoint)> = Op::ALL
            .iter()
            .filter(|op| op.switch_point() != SwitchPoint::No)
            .map(|op| (op.name(), op.switch_point()))
            .collect();
        sites.sort_by_key(|s| s.0);
        assert_eq!(
            sites,
            [
                ("BUILD_CLASS", SwitchPoint::Call),
                ("BUILD_CLASS_EX", SwitchPoint::Call),
                ("CALL", SwitchPoint::Call),
                ("CALL_FUNCTION_EX", SwitchPoint::Call),
                ("CALL_KW", SwitchPoint::Call),
                ("CALL_METHOD", SwitchPoint::Call),
                ("JUMP", SwitchPoint::BackwardJump),
                ("LOAD_SUPER_ATTR", SwitchPoint::Call),
                ("LOAD_SUPER_METHOD", SwitchPoint::Call),
                ("POP_JUMP_IF_FALSE", SwitchPoint::BackwardJump),
                ("POP_JUMP_IF_TRUE", SwitchPoint::BackwardJump),
                ("YIELD_VALUE", SwitchPoint::Resume),
            ]
        );
    }

    #[test]
    fn inplace_ops_map_to_their_base() {
        assert_eq!(BinaryOp::InplaceAdd.base(), BinaryOp::Add);
        assert_eq!(BinaryOp::InplaceMatMul.base(), BinaryOp::MatMul);
        assert_eq!(BinaryOp::Xor.base(), BinaryOp::Xor);
        assert_eq!(BinaryOp::from_arg(13), Some(BinaryOp::InplaceAdd));
    }
}
