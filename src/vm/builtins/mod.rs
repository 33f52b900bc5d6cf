//! The `builtins` namespace (print, len, ...) and the native methods of the
//! built-in types. Each file holds one type's methods or one group of functions.

mod args;
pub mod bytes_methods;
pub mod core;
pub mod dict_methods;
pub mod exception_group;
pub mod exceptions;
pub mod file;
mod float_hex;
pub mod functions;
pub mod introspect;
pub mod iter_methods;
pub mod list_methods;
pub mod num_methods;
pub mod set_methods;
mod sort;
pub mod str_methods;
mod strformat;
#[cfg(test)]
mod tests;

pub use args::{self_arg, wrong_self};
pub use dict_methods::DictView;
pub use exceptions::{memory_error, os_error_from_io};
pub use sort::{merge_sort, py_lt, sort_values};

use super::object::{Builtin, DictObj, NativeFn};
use super::types::Types;
use super::value::Value;
use crate::vm::refcount::Ref;

/// Fills the builtins namespace with functions, types and exception classes.
pub fn populate(ns: &Ref<DictObj>) {
    let t = super::types::types();
    for cls in t.named() {
        ns.set_str(&cls.name(), Value::Class(cls.clone()));
    }
    for cls in exceptions::extra_classes() {
        ns.set_str(&cls.name(), Value::Class(cls.clone()));
    }
    // Aliases kept since PEP 3151 merged them into OSError.
    for alias in ["EnvironmentError", "IOError"] {
        ns.set_str(alias, Value::Class(t.os_error.clone()));
    }
    for cls in super::codecs::unicode_classes() {
        ns.set_str(&cls.name(), Value::Class(cls.clone()));
    }
    ns.set_str(
        "BufferError",
        Value::Class(super::bytes::buffer_error().clone()),
    );
    ns.set_str("memoryview", Value::Class(super::memoryview::class()));
    ns.set_str("complex", Value::Class(super::complex::class()));
    for &(name, func) in functions::FUNCTIONS {
        ns.set_str(name, builtin(name, func));
    }
    ns.set_str("open", builtin("open", file::open));
    ns.set_str("None", Value::None);
    ns.set_str("True", Value::Bool(true));
    ns.set_str("False", Value::Bool(false));
    ns.set_str("NotImplemented", super::ops::not_implemented());
    ns.set_str("Ellipsis", super::ops::ellipsis());
    for &(name, func) in introspect::FUNCTIONS {
        ns.set_str(name, builtin(name, func));
    }
    ns.set_str("__name__", Value::str("builtins"));
}

/// A native function (not a method: it does not bind when stored on a class).
pub fn builtin(name: &'static str, func: NativeFn) -> Value {
    Value::Builtin(Ref::new(Builtin {
        name,
        func,
        class_method: false,
        weaklist: Default::default(),
    }))
}

/// A native function that binds like a method when stored on a class (a
/// `method_descriptor`): for Python classes whose methods are natives
/// (`threading.Condition.__enter__ = _thread._cond_enter`).
pub fn method(name: &'static str, func: NativeFn) -> Value {
    Value::Builtin(Ref::with_type(
        Builtin {
            name,
            func,
            class_method: false,
            weaklist: Default::default(),
        },
        super::types::types().method_descriptor.clone(),
    ))
}

/// Installs each built-in type's methods (called once at start-up).
pub fn install_type_methods(t: &Types) {
    core::install(t);
    exceptions::install(t);
    num_methods::install(t);
    str_methods::install(t);
    list_methods::install(t);
    bytes_methods::install(t);
    dict_methods::install(t);
    set_methods::install(t);
    iter_methods::install(t);
    exception_group::install(t);
    introspect::install(t);
    crate::vm::coro::install(t);
}
