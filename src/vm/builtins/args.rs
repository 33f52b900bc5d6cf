//! Argument checking for native functions, with CPython's error messages.

use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, DictObj, ListObj};
use crate::vm::refcount::Ref;
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;
use num_traits::Signed;

impl<'a> Args<'a> {
    pub fn new(pos: &'a [Value]) -> Args<'a> {
        Args { pos, kw: &[] }
    }

    pub fn len(&self) -> usize {
        self.pos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&'a Value> {
        self.pos.get(i)
    }

    /// A keyword argument by name.
    pub fn kw(&self, name: &str) -> Option<&'a Value> {
        self.kw
            .iter()
            .find(|(k, _)| k.as_str() == name)
            .map(|(_, v)| v)
    }

    /// Positional argument `i`, or keyword `name` (for parameters that may be either).
    pub fn arg(&self, i: usize, name: &str) -> Option<&'a Value> {
        self.pos.get(i).or_else(|| self.kw(name))
    }

    /// Checks the positional count: `len() takes exactly one argument (2 given)`.
    pub fn expect(&self, fname: &str, min: usize, max: usize) -> PyResult<()> {
        let n = self.pos.len();
        if n >= min && n <= max {
            return Ok(());
        }
        let msg = if min == max {
            match min {
                0 => format!("{fname}() takes no arguments ({n} given)"),
                1 => format!("{fname}() takes exactly one argument ({n} given)"),
                _ => format!("{fname}() takes exactly {min} arguments ({n} given)"),
            }
        } else if n < min {
            format!(
                "{fname}() takes at least {min} argument{} ({n} given)",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{fname}() takes at most {max} argument{} ({n} given)",
                if max == 1 { "" } else { "s" }
            )
        };
        Err(PyErr::type_error(msg))
    }

    /// `expect` for a built-in method whose first positional argument is its object:
    /// `min`/`max` count the arguments after it, as CPython's messages do
    /// (`list.clear() takes no arguments (1 given)` for `[].clear(1)`).
    pub fn expect_method(&self, fname: &str, min: usize, max: usize) -> PyResult<()> {
        let given = self.pos.len().saturating_sub(1);
        if self.pos.is_empty() || given < min || given > max {
            let shifted = Args {
                pos: self.pos.get(1..).unwrap_or(&[]),
                kw: self.kw,
            };
            return shifted.expect(fname, min, max);
        }
        Ok(())
    }

    /// Rejects keywords other than `allowed`.
    pub fn only_kw(&self, fname: &str, allowed: &[&str]) -> PyResult<()> {
        for (k, _) in self.kw {
            if !allowed.contains(&k.as_str()) {
                return Err(PyErr::type_error(format!(
                    "{fname}() got an unexpected keyword argument '{}'",
                    k.as_str()
                )));
            }
        }
        Ok(())
    }

    pub fn no_kw(&self, fname: &str) -> PyResult<()> {
        if self.kw.is_empty() {
            Ok(())
        } else {
            Err(PyErr::type_error(format!(
                "{fname}() takes no keyword arguments"
            )))
        }
    }
}

/// The receiver of a method called through its type (`str.upper(x)`) or bound (`x.upper()`).
pub fn self_arg<'a>(a: &Args<'a>, ty: &str, meth: &str) -> PyResult<&'a Value> {
    a.pos
        .first()
        .ok_or_else(|| PyErr::type_error(format!("unbound method {ty}.{meth}() needs an argument")))
}

/// CPython's error for a method descriptor applied to the wrong type.
pub fn wrong_self(vm: &Vm, ty: &str, meth: &str, v: &Value) -> PyErr {
    PyErr::type_error(format!(
        "descriptor '{meth}' for '{ty}' objects doesn't apply to a '{}' object",
        vm.type_name(v)
    ))
}

pub fn self_str(vm: &Vm, a: &Args, meth: &str) -> PyResult<Ref<PyStr>> {
    match self_arg(a, "str", meth)?.payload() {
        Value::Str(s) => Ok(s.clone()),
        v => Err(wrong_self(vm, "str", meth, v)),
    }
}

pub fn self_list(vm: &Vm, a: &Args, meth: &str) -> PyResult<Ref<ListObj>> {
    match self_arg(a, "list", meth)?.payload() {
        Value::List(l) => Ok(l.clone()),
        v => Err(wrong_self(vm, "list", meth, v)),
    }
}

pub fn self_dict(vm: &Vm, a: &Args, meth: &str) -> PyResult<Ref<DictObj>> {
    match self_arg(a, "dict", meth)?.payload() {
        Value::Dict(d) => Ok(d.clone()),
        v => Err(wrong_self(vm, "dict", meth, v)),
    }
}

pub fn self_tuple(vm: &Vm, a: &Args, meth: &str) -> PyResult<Ref<Vec<Value>>> {
    match self_arg(a, "tuple", meth)?.payload() {
        Value::Tuple(t) => Ok(t.clone()),
        v => Err(wrong_self(vm, "tuple", meth, v)),
    }
}

/// A `start`/`end` slice bound as str/list methods take it: None means open; ints
/// beyond i64 clamp (they are past either end anyway).
pub fn opt_bound(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::BigInt(b)) => Ok(Some(if b.is_negative() {
            i64::MIN / 2
        } else {
            i64::MAX / 2
        })),
        Some(Value::Int(_) | Value::Bool(_) | Value::Instance(_)) => {
            Ok(Some(vm.to_index(v.unwrap())?))
        }
        Some(_) => Err(PyErr::type_error(
            "slice indices must be integers or None or have an __index__ method",
        )),
    }
}

/// An argument that must be a str, with CPython's `f() argument N must be str, not int`.
pub fn str_arg(vm: &Vm, v: &Value, fname: &str, n: usize) -> PyResult<Ref<PyStr>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        _ => Err(PyErr::type_error(format!(
            "{fname}() argument {n} must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

/// Python's truth value as an `i64`-free flag for `reverse=`, `keepends=`, ...
pub fn flag(vm: &mut Vm, v: Option<&Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(v) => vm.truthy(v),
    }
}

/// A constructor's arguments after the class (`__new__(cls, *args)`).
pub fn ctor_args<'a>(a: &Args<'a>) -> &'a [Value] {
    a.pos.get(1..).unwrap_or(&[])
}
