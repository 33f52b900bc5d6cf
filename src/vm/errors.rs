//! Python exceptions as Rust errors: `PyErr` carries an exception instance, and
//! `PyResult` is what every fallible VM operation returns.

use super::object::{Class, ClassKind, ExcData, Instance};
use super::types::types;
use super::value::Value;
use crate::vm::refcount::Ref;

/// A raised Python exception. Always holds an instance of a BaseException subclass.
#[derive(Debug, Clone)]
pub struct PyErr {
    pub exc: Value,
}

pub type PyResult<T> = Result<T, PyErr>;

/// Creates an exception instance of `cls` with `args`, without running `__init__`.
pub fn new_exception(cls: &Ref<Class>, args: Vec<Value>) -> Value {
    Value::Instance(Ref::with_type(
        Instance::new(
            cls,
            Value::Null,
            Some(ExcData {
                args,
                ..Default::default()
            }),
        ),
        cls.clone(),
    ))
}

macro_rules! ctors {
    ($( $fn:ident => $field:ident ),* $(,)?) => {
        impl PyErr {
            $(
                pub fn $fn(msg: impl Into<String>) -> PyErr {
                    PyErr::new(&types().$field, msg)
                }
            )*
        }
    };
}

ctors!(
    type_error => type_error,
    value_error => value_error,
    index_error => index_error,
    attribute_error => attribute_error,
    name_error => name_error,
    unbound_local_error => unbound_local_error,
    zero_division => zero_division_error,
    overflow_error => overflow_error,
    runtime_error => runtime_error,
    recursion_error => recursion_error,
    not_implemented => not_implemented_error,
    os_error => os_error,
    file_not_found => file_not_found_error,
    import_error => import_error,
    module_not_found => module_not_found_error,
    assertion_error => assertion_error,
    eof_error => eof_error,
);

impl PyErr {
    pub fn new(cls: &Ref<Class>, msg: impl Into<String>) -> PyErr {
        PyErr {
            exc: new_exception(cls, vec![Value::string(msg.into())]),
        }
    }

    pub fn with_args(cls: &Ref<Class>, args: Vec<Value>) -> PyErr {
        PyErr {
            exc: new_exception(cls, args),
        }
    }

    /// KeyError's argument is the key itself (its repr is what gets printed).
    pub fn key_error(key: Value) -> PyErr {
        PyErr::with_args(&types().key_error, vec![key])
    }

    pub fn stop_iteration(value: Value) -> PyErr {
        let args = if matches!(value, Value::None) {
            vec![]
        } else {
            vec![value]
        };
        PyErr::with_args(&types().stop_iteration, args)
    }

    pub fn class(&self) -> Ref<Class> {
        match &self.exc {
            Value::Instance(i) => Ref::ty(i).clone(),
            _ => types().base_exception.clone(),
        }
    }

    pub fn is(&self, cls: &Ref<Class>) -> bool {
        self.class().is_subclass(cls)
    }

    pub fn instance(&self) -> Option<&Ref<Instance>> {
        match &self.exc {
            Value::Instance(i) if i.exc.is_some() => Some(i),
            _ => None,
        }
    }

    /// The exception's `args`.
    pub fn args(&self) -> Vec<Value> {
        self.instance()
            .and_then(|i| i.exc.as_ref().map(|e| e.lock().args.clone()))
            .unwrap_or_default()
    }
}

/// Whether a class may be raised (derives from BaseException).
pub fn is_exception_class(cls: &Ref<Class>) -> bool {
    cls.kind == ClassKind::Exception
}
