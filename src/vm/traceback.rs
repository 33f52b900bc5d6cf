//! Tracebacks: recording where an exception passed, and printing it in CPython's
//! format (`Traceback (most recent call last):`, chained exceptions included).

use super::errors::PyErr;
use super::frame::Frame;
use super::object::{Class, ClassKind, Native, NativeObject, TraceEntry};
use super::types::{new_class, types};
use super::value::Value;
use super::Vm;
use crate::vm::refcount::Ref;
use std::sync::OnceLock;

/// Records that `e` is leaving `frame` (called once per frame it unwinds through).
pub fn add_entry(e: &PyErr, frame: &Frame) {
    if let Some(inst) = e.instance() {
        let mut d = inst.exc.as_ref().unwrap().lock();
        d.traceback.push(TraceEntry {
            filename: frame.code.filename.clone(),
            line: frame.current_line(),
            name: frame.code.name.clone(),
        });
    }
}

impl Vm {
    /// The full report for an uncaught exception, as CPython writes it to stderr.
    pub fn format_exception(&mut self, e: &PyErr) -> String {
        let mut out = String::new();
        self.format_chain(&e.exc, &mut out, 0);
        out
    }

    fn format_chain(&mut self, exc: &Value, out: &mut String, depth: usize) {
        let Value::Instance(inst) = exc else {
            out.push_str("<non-exception>\n");
            return;
        };
        let Some(data) = &inst.exc else {
            return;
        };
        let (cause, context, suppress, tb) = {
            let d = data.lock();
            (
                d.cause.clone(),
                d.context.clone(),
                d.suppress_context,
                d.traceback.clone(),
            )
        };
        if depth < 20 {
            if let Some(c) = cause.filter(|c| !matches!(c, Value::None)) {
                self.format_chain(&c, out, depth + 1);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if let Some(c) = context.filter(|_| !suppress) {
                self.format_chain(&c, out, depth + 1);
                out.push_str(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
            }
        }
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            for entry in tb.iter().rev() {
                out.push_str(&format!(
                    "  File \"{}\", line {}, in {}\n",
                    entry.filename, entry.line, entry.name
                ));
                if let Some(src) = self.interp.source_line(&entry.filename, entry.line) {
                    if !src.is_empty() {
                        out.push_str(&format!("    {src}\n"));
                    }
                }
            }
        }
        out.push_str(&self.exception_line(exc));
        out.push('\n');
    }

    /// `ValueError: message` (or just the class name when the message is empty).
    pub fn exception_line(&mut self, exc: &Value) -> String {
        let name = match exc {
            Value::Instance(i) => {
                let cls = Ref::ty(i).clone();
                let module = self.getattr_str(&Value::Class(cls.clone()), "__module__");
                match module {
                    Ok(Value::Str(m)) if m.as_str() != "builtins" && m.as_str() != "__main__" => {
                        format!("{}.{}", m.as_str(), cls.qualname())
                    }
                    _ => cls.qualname().to_string(),
                }
            }
            _ => "?".into(),
        };
        let msg = self
            .str(exc)
            .unwrap_or_else(|_| "<exception str() failed>".into());
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }
}

/// The `traceback` object handed to `__exit__` and found as `__traceback__`: the
/// frames the exception passed through (innermost first), or None if it has none yet.
#[derive(Debug)]
pub struct TracebackObj {
    pub entries: Vec<TraceEntry>,
}

impl NativeObject for TracebackObj {
    fn class(&self) -> Ref<Class> {
        static C: OnceLock<Ref<Class>> = OnceLock::new();
        C.get_or_init(|| {
            crate::vm::value::shared_class(new_class(
                "traceback",
                Some(&types().object),
                ClassKind::Builtin,
            ))
        })
        .clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

pub fn traceback_object(exc: &Value) -> Value {
    let entries = match exc {
        Value::Instance(i) => match &i.exc {
            Some(d) => d.lock().traceback.clone(),
            None => vec![],
        },
        _ => vec![],
    };
    if entries.is_empty() {
        return Value::None;
    }
    Value::Native(Ref::new(Native {
        obj: Box::new(TracebackObj { entries }),
    }))
}

/// `tb.tb_lineno`: the line in the outermost frame, as CPython's first traceback entry.
pub fn traceback_getattr(obj: &Value, name: &str) -> Option<Value> {
    let Value::Native(n) = obj else { return None };
    let tb = n.obj.as_any().downcast_ref::<TracebackObj>()?;
    match name {
        "tb_lineno" => tb.entries.last().map(|e| Value::Int(e.line as i64)),
        "tb_next" => Some(Value::None),
        _ => None,
    }
}
