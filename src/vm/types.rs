//! The built-in classes (`int`, `list`, `ValueError`, ...), created once per process.
//! Their methods are native functions installed from the builtins tables at start-up.

use super::cell::ObjCell;
use super::object::{AttrMap, Builtin, Class, ClassKind, NativeFn};
use super::value::{PyStr, Value};
use crate::vm::refcount::Ref;
use std::sync::OnceLock;

macro_rules! types_struct {
    ($( $field:ident ),* $(,)?) => {
        /// Every built-in class, by field name.
        pub struct Types { $( pub $field: Ref<Class>, )* }

        impl Types {
            fn all(&self) -> Vec<&Ref<Class>> {
                vec![$( &self.$field, )*]
            }
        }
    };
}

types_struct!(
    object,
    type_,
    int,
    bool,
    float,
    str,
    list,
    tuple,
    dict,
    set,
    frozenset,
    none,
    function,
    builtin_function,
    method,
    module,
    range,
    slice,
    generator,
    iterator,
    code,
    cell,
    ellipsis,
    base_exception,
    system_exit,
    keyboard_interrupt,
    generator_exit,
    exception,
    arithmetic_error,
    zero_division_error,
    overflow_error,
    assertion_error,
    attribute_error,
    eof_error,
    import_error,
    module_not_found_error,
    lookup_error,
    index_error,
    key_error,
    name_error,
    unbound_local_error,
    os_error,
    file_not_found_error,
    runtime_error,
    recursion_error,
    not_implemented_error,
    stop_iteration,
    stop_async_iteration,
    base_exception_group,
    exception_group,
    coroutine,
    async_generator,
    syntax_error,
    indentation_error,
    type_error,
    value_error,
);

pub fn new_class(name: &str, base: Option<&Ref<Class>>, kind: ClassKind) -> Ref<Class> {
    Ref::new(Class {
        name: name.to_string(),
        qualname: name.to_string(),
        base: base.cloned(),
        attrs: ObjCell::new(AttrMap::default()),
        kind,
        cache: Default::default(),
    })
}

/// Adds native methods to a class (used at start-up and by native modules).
pub fn install(cls: &Ref<Class>, methods: &[(&'static str, NativeFn)]) {
    install_natives(cls, methods, false);
}

/// Like `install`, for functions that receive the class itself first (`dict.fromkeys`).
pub fn install_classmethods(cls: &Ref<Class>, methods: &[(&'static str, NativeFn)]) {
    install_natives(cls, methods, true);
}

fn install_natives(cls: &Ref<Class>, methods: &[(&'static str, NativeFn)], class_method: bool) {
    let mut attrs = cls.attrs.lock();
    for &(name, func) in methods {
        attrs.insert(
            Ref::new(PyStr::new(name)),
            Value::Builtin(Ref::new(Builtin {
                name,
                func,
                class_method,
            })),
        );
    }
    drop(attrs);
    super::object::class_changed();
}

/// The single base of a new user class (`class C(B)` or `type(name, bases, ns)`):
/// gilvm has single inheritance and cannot subclass built-in types other than object.
pub fn user_class_base(bases: &[Value]) -> Result<Ref<Class>, super::errors::PyErr> {
    use super::errors::PyErr;
    let base = match bases {
        [] => types().object.clone(),
        [Value::Class(c)] => c.clone(),
        [_] => return Err(PyErr::type_error("bases must be types")),
        _ => {
            return Err(PyErr::type_error(
                "multiple inheritance is not supported by gilvm",
            ))
        }
    };
    if base.kind == ClassKind::Builtin && !Ref::ptr_eq(&base, &types().object) {
        return Err(PyErr::type_error(format!(
            "gilvm cannot subclass built-in type '{}'",
            base.name
        )));
    }
    Ok(base)
}

/// A user class; subclasses of exceptions carry exception data in their instances.
pub fn new_user_class(
    name: String,
    qualname: String,
    base: Ref<Class>,
    attrs: AttrMap,
) -> Ref<Class> {
    let kind = if base.kind == ClassKind::Exception {
        ClassKind::Exception
    } else {
        ClassKind::Object
    };
    Ref::new(Class {
        name,
        qualname,
        base: Some(base),
        attrs: ObjCell::new(attrs),
        kind,
        cache: Default::default(),
    })
}

static TYPES: OnceLock<Types> = OnceLock::new();

/// The built-in classes, shared by every interpreter in the process and so immortal
/// (refcount.rs) from before anyone else can see them.
pub fn types() -> &'static Types {
    TYPES.get_or_init(|| {
        let t = build();
        t.all().into_iter().for_each(super::value::immortal_class);
        t
    })
}

/// Installs methods on the built-in classes; called once by the interpreter at start.
/// Kept apart from `build` so method tables may refer to `types()` freely.
pub fn install_all_methods() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        super::builtins::install_type_methods(types());
        // The methods just added are shared by every interpreter too.
        types()
            .all()
            .into_iter()
            .for_each(super::value::immortal_class);
    });
}

fn build() -> Types {
    use ClassKind::*;
    let object = new_class("object", None, Object);
    let b = |name: &str| new_class(name, Some(&object), Builtin);
    let int = b("int");
    let bool_ = new_class("bool", Some(&int), Builtin);
    let base_exception = new_class("BaseException", Some(&object), Exception);
    let e = |name: &str, base: &Ref<Class>| new_class(name, Some(base), Exception);
    let exception = e("Exception", &base_exception);
    let arithmetic_error = e("ArithmeticError", &exception);
    let lookup_error = e("LookupError", &exception);
    let name_error = e("NameError", &exception);
    let os_error = e("OSError", &exception);
    let runtime_error = e("RuntimeError", &exception);
    let import_error = e("ImportError", &exception);
    let syntax_error = e("SyntaxError", &exception);
    Types {
        type_: b("type"),
        int,
        bool: bool_,
        float: b("float"),
        str: b("str"),
        list: b("list"),
        tuple: b("tuple"),
        dict: b("dict"),
        set: b("set"),
        frozenset: b("frozenset"),
        none: b("NoneType"),
        function: b("function"),
        builtin_function: b("builtin_function_or_method"),
        method: b("method"),
        module: b("module"),
        range: b("range"),
        slice: b("slice"),
        generator: b("generator"),
        coroutine: b("coroutine"),
        async_generator: b("async_generator"),
        iterator: b("iterator"),
        code: b("code"),
        cell: b("cell"),
        ellipsis: b("ellipsis"),
        system_exit: e("SystemExit", &base_exception),
        keyboard_interrupt: e("KeyboardInterrupt", &base_exception),
        generator_exit: e("GeneratorExit", &base_exception),
        zero_division_error: e("ZeroDivisionError", &arithmetic_error),
        overflow_error: e("OverflowError", &arithmetic_error),
        assertion_error: e("AssertionError", &exception),
        attribute_error: e("AttributeError", &exception),
        eof_error: e("EOFError", &exception),
        module_not_found_error: e("ModuleNotFoundError", &import_error),
        index_error: e("IndexError", &lookup_error),
        key_error: e("KeyError", &lookup_error),
        unbound_local_error: e("UnboundLocalError", &name_error),
        file_not_found_error: e("FileNotFoundError", &os_error),
        recursion_error: e("RecursionError", &runtime_error),
        not_implemented_error: e("NotImplementedError", &runtime_error),
        stop_iteration: e("StopIteration", &exception),
        stop_async_iteration: e("StopAsyncIteration", &exception),
        base_exception_group: e("BaseExceptionGroup", &base_exception),
        exception_group: e("ExceptionGroup", &exception),
        indentation_error: e("IndentationError", &syntax_error),
        type_error: e("TypeError", &exception),
        value_error: e("ValueError", &exception),
        arithmetic_error,
        lookup_error,
        name_error,
        os_error,
        runtime_error,
        import_error,
        syntax_error,
        exception,
        base_exception,
        object,
    }
}

impl Types {
    /// Every built-in class that the `builtins` module exposes by name.
    pub fn named(&self) -> Vec<&Ref<Class>> {
        vec![
            &self.object,
            &self.type_,
            &self.int,
            &self.bool,
            &self.float,
            &self.str,
            &self.list,
            &self.tuple,
            &self.dict,
            &self.set,
            &self.frozenset,
            &self.range,
            &self.slice,
            &self.base_exception,
            &self.system_exit,
            &self.keyboard_interrupt,
            &self.generator_exit,
            &self.exception,
            &self.arithmetic_error,
            &self.zero_division_error,
            &self.overflow_error,
            &self.assertion_error,
            &self.attribute_error,
            &self.eof_error,
            &self.import_error,
            &self.module_not_found_error,
            &self.lookup_error,
            &self.index_error,
            &self.key_error,
            &self.name_error,
            &self.unbound_local_error,
            &self.os_error,
            &self.file_not_found_error,
            &self.runtime_error,
            &self.recursion_error,
            &self.not_implemented_error,
            &self.stop_iteration,
            &self.stop_async_iteration,
            &self.base_exception_group,
            &self.exception_group,
            &self.syntax_error,
            &self.indentation_error,
            &self.type_error,
            &self.value_error,
        ]
    }
}
