//! The reprs of the built-in types (the native repr slots), as CPython prints them,
//! including `[...]` for containers that contain themselves, and `object.__repr__`.

use super::errors::{PyErr, PyResult};
use super::format::float_repr;
use super::strops::str_repr;
use super::value::Value;
use super::Vm;
use crate::vm::refcount::Ref;

/// `sys.set_int_max_str_digits`: the most digits str()/repr() of an int may have
/// (0: no limit). Process-wide: gilvm runs one interpreter per process.
pub static INT_MAX_STR_DIGITS: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(4300);

/// CPython's refusal of a str-to-int conversion of `digits` digits in a base that
/// is not a power of two (int(), literals, json), or None within the limit.
pub fn int_parse_limit(digits: usize) -> Option<String> {
    let limit = INT_MAX_STR_DIGITS.load(std::sync::atomic::Ordering::Relaxed);
    (limit > 0 && digits > limit).then(|| {
        format!(
            "Exceeds the limit ({limit} digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
        )
    })
}

/// The decimal digits of `b` (str, repr, format's 'd'), or CPython's message when
/// they would pass the limit: refused before converting when the bit count alone
/// proves it (a 10^6-digit int is not converted just to be refused), exactly after.
pub fn int_to_decimal(b: &num_bigint::BigInt) -> Result<String, String> {
    let limit = INT_MAX_STR_DIGITS.load(std::sync::atomic::Ordering::Relaxed);
    let too_long = || {
        format!(
            "Exceeds the limit ({limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
        )
    };
    if limit > 0 && b.bits() as f64 > (limit as f64 + 1.0) * std::f64::consts::LOG2_10 {
        return Err(too_long());
    }
    let s = b.to_string();
    if limit > 0 && s.trim_start_matches('-').len() > limit {
        return Err(too_long());
    }
    Ok(s)
}

/// The repr of an inline value or a str, which needs no Python code.
#[inline]
pub fn scalar_repr(v: &Value) -> Option<String> {
    Some(match v {
        Value::Null => "<NULL>".into(),
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float_repr(*f),
        Value::Str(s) => str_repr(s.as_str()),
        _ => return None,
    })
}

/// `object.__repr__`: `<module.Qualname object at 0x...>`.
pub fn default_repr(vm: &Vm, v: &Value) -> String {
    let ty = super::dispatch::type_ref(v);
    if Ref::ptr_eq(ty, &super::types::types().object) {
        return format!("<object object at {:#x}>", v.id());
    }
    let module = super::getsets::type_module(ty);
    let _ = vm;
    match module.as_deref() {
        Some(m) if m != "builtins" => {
            format!("<{m}.{} object at {:#x}>", ty.qualname(), v.id())
        }
        _ => format!("<{} object at {:#x}>", ty.qualname(), v.id()),
    }
}

impl Vm {
    /// The repr of a built-in object (payload already taken).
    pub fn repr_builtin(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::Null => "<NULL>".into(),
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => int_to_decimal(b).map_err(PyErr::value_error)?,
            Value::Float(f) => float_repr(*f),
            Value::Str(s) => str_repr(s.as_str()),
            Value::Bytes(b) => super::bytes::repr_of(b),
            Value::List(_) | Value::Tuple(_) | Value::Dict(_) | Value::Set(_) => {
                let id = v.id();
                if self.stack_nearly_full() {
                    return Err(PyErr::recursion_error(
                        "maximum recursion depth exceeded while getting the repr of an object",
                    ));
                }
                if self.repr_stack.contains(&id) {
                    return Ok(match v {
                        Value::List(_) => "[...]",
                        Value::Dict(_) => "{...}",
                        _ => "...",
                    }
                    .into());
                }
                self.repr_stack.push(id);
                let r = self.repr_container(v);
                self.repr_stack.pop();
                r?
            }
            Value::Function(f) => format!("<function {} at {:#x}>", f.qualname().as_str(), v.id()),
            Value::Class(_) => {
                return super::natives::type_repr(self, v).map(|r| match r {
                    Value::Str(s) => s.as_str().to_string(),
                    _ => String::new(),
                })
            }
            Value::Instance(_) if v.ptr_eq(&super::ops::not_implemented()) => {
                "NotImplemented".into()
            }
            Value::Instance(_) if v.ptr_eq(&super::ops::ellipsis()) => "Ellipsis".into(),
            Value::Instance(_) => default_repr(self, v),
            Value::BoundMethod(bm) => {
                let name = match &bm.func {
                    Value::Function(f) => f.qualname().as_str().to_string(),
                    Value::Builtin(b) => b.name.to_string(),
                    f => match self.getattr_opt(f, &super::value::intern("__qualname__"))? {
                        Some(Value::Str(s)) => s.as_str().to_string(),
                        _ => "?".into(),
                    },
                };
                match &bm.func {
                    Value::Builtin(b) => format!(
                        "<built-in method {} of {} object at {:#x}>",
                        b.name,
                        self.type_name(&bm.this),
                        bm.this.id()
                    ),
                    _ => {
                        let this = self.repr(&bm.this.clone())?;
                        format!("<bound method {name} of {this}>")
                    }
                }
            }
            Value::Builtin(b) => format!("<built-in function {}>", b.name),
            Value::Module(m) => super::modules::module_repr(m),
            Value::Code(c) => format!(
                "<code object {} at {:#x}, file \"{}\", line {}>",
                c.name,
                v.id(),
                c.filename,
                c.first_line
            ),
            Value::Cell(_) => format!("<cell at {:#x}>", v.id()),
            Value::Range(r) => r.repr(),
            Value::Slice(s) => {
                let (a, b, c) = (s.start.clone(), s.stop.clone(), s.step.clone());
                format!(
                    "slice({}, {}, {})",
                    self.repr(&a)?,
                    self.repr(&b)?,
                    self.repr(&c)?
                )
            }
            Value::Iter(_) => default_repr(self, v),
            Value::Generator(g) => format!(
                "<{} object {} at {:#x}>",
                self.type_name(v),
                g.qualname.as_str(),
                v.id()
            ),
            Value::Native(_) => default_repr(self, v),
        })
    }

    fn repr_container(&mut self, v: &Value) -> PyResult<String> {
        let mut out = String::new();
        match v {
            Value::List(l) => {
                let items = l.items.lock().clone();
                out.push('[');
                self.join_reprs(&mut out, &items)?;
                out.push(']');
            }
            Value::Tuple(t) => {
                out.push('(');
                self.join_reprs(&mut out, t)?;
                if t.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            Value::Dict(d) => {
                let items: Vec<(Value, Value)> = d
                    .map
                    .lock()
                    .iter()
                    .map(|(k, v)| (k.key.clone(), v.clone()))
                    .collect();
                out.push('{');
                for (i, (k, v)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(&self.repr(k)?);
                    out.push_str(": ");
                    out.push_str(&self.repr(v)?);
                }
                out.push('}');
            }
            Value::Set(s) => {
                let items: Vec<Value> = s.items.lock().iter().map(|k| k.key.clone()).collect();
                if items.is_empty() {
                    return Ok(if s.frozen { "frozenset()" } else { "set()" }.into());
                }
                if s.frozen {
                    out.push_str("frozenset(");
                }
                out.push('{');
                self.join_reprs(&mut out, &items)?;
                out.push('}');
                if s.frozen {
                    out.push(')');
                }
            }
            _ => {}
        }
        Ok(out)
    }

    fn join_reprs(&mut self, out: &mut String, items: &[Value]) -> PyResult<()> {
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&self.repr(x)?);
        }
        Ok(())
    }
}

/// `ascii()`: the repr with non-ASCII characters escaped.
pub fn ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 128 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}
