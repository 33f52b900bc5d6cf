//! Argument checking for native functions, with CPython's error messages.

use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::Args;
use crate::vm::value::Value;

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
