//! The built-in types (`int`, `list`, `ValueError`, ...), created once per process with
//! their native slots. Their methods are native functions installed from the builtins
//! tables at start-up, and each native slot is exposed as a wrapper (`int.__add__`).

use super::cell::ObjCell;
use super::natives as n;
use super::object::{AttrMap, Builtin, NativeFn};
use super::refcount::{LayoutFns, Payload, Ref};
use super::typeobj::{flags, ClassKind, NativeBase, TypeObj, TypeSpec};
use super::value::{PyStr, Value};
use std::sync::OnceLock;

pub use super::typeobj::TypeObj as Class;

macro_rules! types_struct {
    ($( $field:ident ),* $(,)?) => {
        /// Every built-in type, by field name.
        pub struct Types { $( pub $field: Ref<TypeObj>, )* }

        impl Types {
            fn all(&self) -> Vec<&Ref<TypeObj>> {
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
    bytes,
    bytearray,
    list,
    tuple,
    dict,
    set,
    frozenset,
    none,
    function,
    builtin_function,
    method_descriptor,
    classmethod_descriptor,
    method,
    module,
    range,
    slice,
    generator,
    code,
    cell,
    ellipsis,
    not_implemented_type,
    iterator,
    list_iterator,
    list_reverseiterator,
    tuple_iterator,
    str_iterator,
    str_ascii_iterator,
    range_iterator,
    dict_keyiterator,
    dict_valueiterator,
    dict_itemiterator,
    dict_reversekeyiterator,
    set_iterator,
    reversed,
    enumerate,
    zip,
    map,
    filter,
    callable_iterator,
    wrapper_descriptor,
    getset_descriptor,
    member_descriptor,
    property,
    classmethod,
    staticmethod,
    super_,
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
    reference_error,
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

/// The MRO tail of a class whose only base is `base`.
fn chain_of(base: &Ref<TypeObj>) -> Vec<Ref<TypeObj>> {
    let mut v = vec![base.clone()];
    v.extend(base.mro_tail().iter().cloned());
    v
}

/// A built-in type (immutable, with the given metatype).
fn make_type(
    meta: &Ref<TypeObj>,
    name: &str,
    base: Option<&Ref<TypeObj>>,
    kind: ClassKind,
    native_base: NativeBase,
    layout: LayoutFns,
    flags: u32,
) -> Ref<TypeObj> {
    let bases: Vec<Ref<TypeObj>> = base.into_iter().cloned().collect();
    let mro_tail = base.map(chain_of).unwrap_or_default();
    let t = Ref::with_type(
        TypeObj::new(TypeSpec {
            name: name.to_string(),
            qualname: name.to_string(),
            base: base.cloned(),
            bases,
            mro_tail,
            attrs: AttrMap::default(),
            kind,
            native_base,
            flags,
            layout,
            slot_names: vec![],
        }),
        meta.clone(),
    );
    if let Some(b) = base {
        b.add_subclass(&t);
    }
    t
}

/// A built-in type for a native module's objects (`_thread.lock`, file objects, ...):
/// `kind` Builtin gives the `Native` layout. Its methods come from `install`, and any
/// dunder among them fills the matching slot.
pub fn new_class(name: &str, base: Option<&Ref<TypeObj>>, kind: ClassKind) -> Ref<TypeObj> {
    let t = types();
    let (layout, flag) = match kind {
        ClassKind::Builtin => (LayoutFns::of::<super::object::Native>(), 0),
        ClassKind::Object => (LayoutFns::of::<super::object::Instance>(), flags::BASETYPE),
        ClassKind::Exception => (
            LayoutFns::of::<super::object::Instance>(),
            flags::BASETYPE | flags::HAS_DICT,
        ),
    };
    let c = make_type(&t.type_, name, base, kind, NativeBase::None, layout, flag);
    if kind == ClassKind::Builtin {
        c.slots.repr.set(Some(n::native_repr_any));
    }
    c
}

/// The type of a native module's internal shared state (itertools' tee buffer, a
/// groupby's state): never a Python value, but a counted object with a header like
/// any other, so the collector walks it once however many iterators share it.
/// `layout` must be `LayoutFns::of::<T>()` for the payload `T` that uses it.
pub fn internal_type(name: &str, layout: LayoutFns) -> Ref<TypeObj> {
    let t = types();
    let c = make_type(
        &t.type_,
        name,
        Some(&t.object),
        ClassKind::Builtin,
        NativeBase::None,
        layout,
        0,
    );
    super::value::shared_class(c)
}

/// A built-in iterator type made after start-up (`longrange_iterator`): the
/// iterator layout, so the collector walks its instances as the `IterObj`s they are.
pub fn builtin_iterator_type(name: &str) -> Ref<TypeObj> {
    let t = types();
    let c = make_type(
        &t.type_,
        name,
        Some(&t.object),
        ClassKind::Builtin,
        NativeBase::None,
        LayoutFns::of::<super::object::IterObj>(),
        0,
    );
    n::iterator_slots(&c.slots);
    super::value::shared_class(c)
}

/// Adds native methods to a type (used at start-up and by native modules).
pub fn install(cls: &Ref<TypeObj>, methods: &[(&'static str, NativeFn)]) {
    install_natives(cls, methods, false);
}

/// Like `install`, for functions that receive the class itself first (`dict.fromkeys`).
pub fn install_classmethods(cls: &Ref<TypeObj>, methods: &[(&'static str, NativeFn)]) {
    install_natives(cls, methods, true);
}

fn install_natives(cls: &Ref<TypeObj>, methods: &[(&'static str, NativeFn)], class_method: bool) {
    let ty = if class_method {
        types().classmethod_descriptor.clone()
    } else {
        types().method_descriptor.clone()
    };
    let mut attrs = cls.attrs().lock();
    for &(name, func) in methods {
        attrs.insert(
            super::value::intern(name),
            Value::Builtin(Ref::with_type(
                Builtin {
                    name,
                    func,
                    class_method,
                    weaklist: Default::default(),
                },
                ty.clone(),
            )),
        );
    }
    drop(attrs);
    cls.modified();
    super::slots::fill_slots_from_dict(cls);
}

static TYPES: OnceLock<Types> = OnceLock::new();

/// The built-in types, shared by every interpreter in the process and so immortal
/// (refcount.rs) from before anyone else can see them.
pub fn types() -> &'static Types {
    TYPES.get_or_init(|| {
        let t = build();
        t.all().into_iter().for_each(super::value::immortal_class);
        t
    })
}

/// Installs methods and slot wrappers on the built-in types; called once by the
/// interpreter at start. Kept apart from `build` so method tables may refer to
/// `types()` freely.
pub fn install_all_methods() {
    static DONE: OnceLock<()> = OnceLock::new();
    DONE.get_or_init(|| {
        let t = types();
        super::builtins::install_type_methods(t);
        super::getsets::install(t);
        install(
            &t.object,
            &[("__sizeof__", super::modules::sys::object_sizeof)],
        );
        for ty in t.all() {
            ty.set_flags(flags::OPS_PENDING);
            // Lookups cached while the methods were installed must go through
            // `attrs()` again.
            ty.modified();
        }
        // The methods just added are shared by every interpreter too.
        t.all().into_iter().for_each(super::value::immortal_class);
    });
}

fn build() -> Types {
    use ClassKind::*;
    use NativeBase as NB;
    let ns = flags::NATIVE_SLOTS;
    let base = flags::BASETYPE | ns;
    let lay_type = LayoutFns::of::<TypeObj>();
    let lay_inst = LayoutFns::of::<super::object::Instance>();
    let lay_native = LayoutFns::of::<super::object::Native>();
    fn lay<T: Payload>() -> LayoutFns {
        LayoutFns::of::<T>()
    }

    // `object` and `type` refer to each other: object's type is type, type's base is
    // object. Both are made self-typed, then object's header is pointed at type.
    let object = Ref::new_self_typed(TypeObj::new(TypeSpec {
        name: "object".into(),
        qualname: "object".into(),
        base: None,
        bases: vec![],
        mro_tail: vec![],
        attrs: AttrMap::default(),
        kind: Object,
        native_base: NB::None,
        flags: base,
        layout: lay_inst,
        slot_names: vec![],
    }));
    n::object_slots(&object.slots);
    let type_ = Ref::new_self_typed(TypeObj::new(TypeSpec {
        name: "type".into(),
        qualname: "type".into(),
        base: Some(object.clone()),
        bases: vec![object.clone()],
        mro_tail: vec![object.clone()],
        attrs: AttrMap::default(),
        kind: Builtin,
        native_base: NB::Type,
        flags: base,
        layout: lay_type,
        slot_names: vec![],
    }));
    object.add_subclass(&type_);
    // SAFETY: neither object is visible to anyone else yet; object's old header type
    // was an uncounted self-reference, and both are immortal.
    unsafe { Ref::reset_type(&object, type_.clone()) };
    n::type_slots(&type_.slots);

    let mk = |name: &str, b: &Ref<TypeObj>, kind, nb, layout, fl| {
        make_type(&type_, name, Some(b), kind, nb, layout, fl)
    };
    let int = mk(
        "int",
        &object,
        Builtin,
        NB::Int,
        lay::<num_bigint::BigInt>(),
        base,
    );
    n::int_slots(&int.slots);
    let bool_ = mk(
        "bool",
        &int,
        Builtin,
        NB::Int,
        lay::<num_bigint::BigInt>(),
        ns,
    );
    n::bool_slots(&bool_.slots);
    let float = mk(
        "float",
        &object,
        Builtin,
        NB::Float,
        LayoutFns::inline_only(),
        base,
    );
    n::float_slots(&float.slots);
    let str_ = mk("str", &object, Builtin, NB::Str, lay::<PyStr>(), base);
    n::str_slots(&str_.slots);
    let bytes = mk(
        "bytes",
        &object,
        Builtin,
        NB::None,
        lay::<super::bytes::BytesObj>(),
        base,
    );
    super::bytes::bytes_slots(&bytes.slots, false);
    let bytearray = mk(
        "bytearray",
        &object,
        Builtin,
        NB::None,
        lay::<super::bytes::BytesObj>(),
        base,
    );
    super::bytes::bytes_slots(&bytearray.slots, true);
    let tuple = mk(
        "tuple",
        &object,
        Builtin,
        NB::Tuple,
        lay::<Vec<Value>>(),
        base,
    );
    n::tuple_slots(&tuple.slots);
    let list = mk(
        "list",
        &object,
        Builtin,
        NB::List,
        lay::<super::object::ListObj>(),
        base,
    );
    n::list_slots(&list.slots);
    let dict = mk(
        "dict",
        &object,
        Builtin,
        NB::Dict,
        lay::<super::object::DictObj>(),
        base,
    );
    n::dict_slots(&dict.slots);
    let set = mk(
        "set",
        &object,
        Builtin,
        NB::Set,
        lay::<super::object::SetObj>(),
        base,
    );
    n::set_slots(&set.slots, false);
    let frozenset = mk(
        "frozenset",
        &object,
        Builtin,
        NB::FrozenSet,
        lay::<super::object::SetObj>(),
        base,
    );
    n::set_slots(&frozenset.slots, true);
    let none = mk(
        "NoneType",
        &object,
        Builtin,
        NB::None,
        LayoutFns::inline_only(),
        ns,
    );
    n::none_slots(&none.slots);
    let function = mk(
        "function",
        &object,
        Builtin,
        NB::None,
        lay::<super::object::Function>(),
        ns,
    );
    n::function_slots(&function.slots);
    let builtin_function = mk(
        "builtin_function_or_method",
        &object,
        Builtin,
        NB::None,
        lay::<super::object::Builtin>(),
        ns,
    );
    n::builtin_slots(&builtin_function.slots, n::BuiltinKind::Function);
    let method_descriptor = mk(
        "method_descriptor",
        &object,
        Builtin,
        NB::None,
        lay::<super::object::Builtin>(),
        ns,
    );
    n::builtin_slots(&method_descriptor.slots, n::BuiltinKind::Method);
    let classmethod_descriptor = mk(
        "classmethod_descriptor",
        &object,
        Builtin,
        NB::None,
        lay::<super::object::Builtin>(),
        ns,
    );
    n::builtin_slots(&classmethod_descriptor.slots, n::BuiltinKind::ClassMethod);
    let method = mk(
        "method",
        &object,
        Builtin,
        NB::None,
        lay::<super::object::BoundMethod>(),
        ns,
    );
    n::method_slots(&method.slots);
    let module = mk(
        "module",
        &object,
        Builtin,
        NB::None,
        lay::<super::object::Module>(),
        ns,
    );
    n::module_slots(&module.slots);
    let range = mk(
        "range",
        &object,
        Builtin,
        NB::None,
        lay::<super::object::RangeObj>(),
        ns,
    );
    n::range_slots(&range.slots);
    let slice = mk(
        "slice",
        &object,
        Builtin,
        NB::None,
        lay::<super::object::SliceObj>(),
        ns,
    );
    n::slice_slots(&slice.slots);
    let generator = mk(
        "generator",
        &object,
        Builtin,
        NB::None,
        lay::<super::object::Generator>(),
        ns,
    );
    n::generator_slots(&generator.slots);
    let gen_like = |name: &str| {
        let t = mk(
            name,
            &object,
            Builtin,
            NB::None,
            lay::<super::object::Generator>(),
            ns,
        );
        n::plain_repr_slots(&t.slots);
        t
    };
    let coroutine = gen_like("coroutine");
    let async_generator = gen_like("async_generator");
    let code = mk(
        "code",
        &object,
        Builtin,
        NB::None,
        lay::<crate::bytecode::CodeObject>(),
        ns,
    );
    n::plain_repr_slots(&code.slots);
    let cell = mk(
        "cell",
        &object,
        Builtin,
        NB::None,
        lay::<super::object::CellObj>(),
        ns,
    );
    n::plain_repr_slots(&cell.slots);
    let ellipsis = mk("ellipsis", &object, Builtin, NB::None, lay_inst, ns);
    n::singleton_slots(&ellipsis.slots);
    let not_implemented_type = mk(
        "NotImplementedType",
        &object,
        Builtin,
        NB::None,
        lay_inst,
        ns,
    );
    n::singleton_slots(&not_implemented_type.slots);
    let it = |name: &str| {
        let t = mk(
            name,
            &object,
            Builtin,
            NB::None,
            lay::<super::object::IterObj>(),
            ns,
        );
        n::iterator_slots(&t.slots);
        t
    };
    let ctor_it = |name: &str| {
        let t = mk(
            name,
            &object,
            Builtin,
            NB::None,
            lay::<super::object::IterObj>(),
            ns,
        );
        n::iterator_slots(&t.slots);
        n::iterator_ctor_slots(&t.slots, name);
        t
    };
    let descr = |name: &str, f: fn(&super::slots::Slots)| {
        let t = mk(name, &object, Builtin, NB::None, lay_native, ns);
        f(&t.slots);
        t
    };
    // property, classmethod and staticmethod may be subclassed (CPython allows it);
    // a subclass's instances carry the descriptor object as payload.
    let base_descr = |name: &str, f: fn(&super::slots::Slots)| {
        let t = mk(name, &object, Builtin, NB::None, lay_native, base);
        f(&t.slots);
        t
    };

    let base_exception = mk(
        "BaseException",
        &object,
        Exception,
        NB::None,
        lay_inst,
        base | flags::HAS_DICT,
    );
    n::exception_slots(&base_exception.slots);
    let e = |name: &str, b: &Ref<TypeObj>| {
        mk(
            name,
            b,
            Exception,
            NB::None,
            lay_inst,
            base | flags::HAS_DICT,
        )
    };
    let exception = e("Exception", &base_exception);
    let arithmetic_error = e("ArithmeticError", &exception);
    let lookup_error = e("LookupError", &exception);
    let name_error = e("NameError", &exception);
    let os_error = e("OSError", &exception);
    let runtime_error = e("RuntimeError", &exception);
    let import_error = e("ImportError", &exception);
    let syntax_error = e("SyntaxError", &exception);
    let base_exception_group = e("BaseExceptionGroup", &base_exception);
    // ExceptionGroup(BaseExceptionGroup, Exception): the one built-in type with two
    // bases; its MRO is C3's (ExceptionGroup, BaseExceptionGroup, Exception,
    // BaseException, object).
    let exception_group = {
        let bases = vec![base_exception_group.clone(), exception.clone()];
        let mro_tail = vec![
            base_exception_group.clone(),
            exception.clone(),
            base_exception.clone(),
            object.clone(),
        ];
        let t = Ref::with_type(
            TypeObj::new(TypeSpec {
                name: "ExceptionGroup".into(),
                qualname: "ExceptionGroup".into(),
                base: Some(base_exception_group.clone()),
                bases,
                mro_tail,
                attrs: AttrMap::default(),
                kind: Exception,
                native_base: NB::None,
                flags: base | flags::HAS_DICT,
                layout: lay_inst,
                slot_names: vec![],
            }),
            type_.clone(),
        );
        base_exception_group.add_subclass(&t);
        exception.add_subclass(&t);
        t
    };
    Types {
        coroutine,
        async_generator,
        base_exception_group,
        exception_group,
        int,
        bool: bool_,
        float,
        str: str_,
        bytes,
        bytearray,
        list,
        tuple,
        dict,
        set,
        frozenset,
        none,
        function,
        builtin_function,
        method_descriptor,
        classmethod_descriptor,
        method,
        module,
        range,
        slice,
        generator,
        code,
        cell,
        ellipsis,
        not_implemented_type,
        iterator: it("iterator"),
        list_iterator: it("list_iterator"),
        list_reverseiterator: it("list_reverseiterator"),
        tuple_iterator: it("tuple_iterator"),
        str_iterator: it("str_iterator"),
        str_ascii_iterator: it("str_ascii_iterator"),
        range_iterator: it("range_iterator"),
        dict_keyiterator: it("dict_keyiterator"),
        dict_valueiterator: it("dict_valueiterator"),
        dict_itemiterator: it("dict_itemiterator"),
        dict_reversekeyiterator: it("dict_reversekeyiterator"),
        set_iterator: it("set_iterator"),
        reversed: ctor_it("reversed"),
        enumerate: ctor_it("enumerate"),
        zip: ctor_it("zip"),
        map: ctor_it("map"),
        filter: ctor_it("filter"),
        callable_iterator: it("callable_iterator"),
        wrapper_descriptor: descr("wrapper_descriptor", super::descr::wrapper_slots),
        getset_descriptor: descr("getset_descriptor", super::descr::getset_slots),
        member_descriptor: descr("member_descriptor", super::descr::member_slots),
        property: base_descr("property", super::descr::property_slots),
        classmethod: base_descr("classmethod", super::descr::classmethod_slots),
        staticmethod: base_descr("staticmethod", super::descr::staticmethod_slots),
        super_: descr("super", super::descr::super_slots),
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
        reference_error: e("ReferenceError", &exception),
        stop_iteration: e("StopIteration", &exception),
        stop_async_iteration: e("StopAsyncIteration", &exception),
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
        type_,
        object,
    }
}

impl Types {
    /// Every built-in type that the `builtins` module exposes by name.
    pub fn named(&self) -> Vec<&Ref<TypeObj>> {
        vec![
            &self.object,
            &self.type_,
            &self.int,
            &self.bool,
            &self.float,
            &self.str,
            &self.bytes,
            &self.bytearray,
            &self.list,
            &self.tuple,
            &self.dict,
            &self.set,
            &self.frozenset,
            &self.range,
            &self.slice,
            &self.reversed,
            &self.enumerate,
            &self.zip,
            &self.map,
            &self.filter,
            &self.property,
            &self.classmethod,
            &self.staticmethod,
            &self.super_,
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
            &self.reference_error,
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

/// An `ObjCell` default, for code that builds attribute maps by hand.
pub fn empty_attrs() -> ObjCell<AttrMap> {
    ObjCell::new(AttrMap::default())
}
