//! The `builtins` namespace (print, len, ...) and the native methods of the
//! built-in types. Each file holds one type's methods or one group of functions.

mod args;
mod core;

use super::object::{Builtin, DictObj, NativeFn};
use super::types::Types;
use super::value::Value;
use std::sync::Arc;

/// Fills the builtins namespace with functions, types and exception classes.
pub fn populate(ns: &Arc<DictObj>) {
    let t = super::types::types();
    for cls in t.named() {
        ns.set_str(&cls.name, Value::Class(cls.clone()));
    }
    for &(name, func) in core::FUNCTIONS {
        ns.set_str(name, builtin(name, func));
    }
    ns.set_str("None", Value::None);
    ns.set_str("True", Value::Bool(true));
    ns.set_str("False", Value::Bool(false));
    ns.set_str("NotImplemented", super::ops::not_implemented());
    ns.set_str("__name__", Value::str("builtins"));
}

pub fn builtin(name: &'static str, func: NativeFn) -> Value {
    Value::Builtin(Arc::new(Builtin {
        name,
        func,
        class_method: false,
    }))
}

/// Installs each built-in type's methods (called once at start-up).
pub fn install_type_methods(t: &Types) {
    core::install(t);
}
