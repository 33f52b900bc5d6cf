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
            code: frame.code.clone(),
            line: frame.current_line(),
        });
    }
}

impl Vm {
    /// The full report for an uncaught exception, as CPython writes it to stderr.
    pub fn format_exception(&mut self, e: &PyErr) -> String {
        let mut out = String::new();
        let mut ctx = PrintCtx {
            group_depth: 0,
            need_close: false,
            seen: Vec::new(),
        };
        self.format_chain(&e.exc, &mut out, &mut ctx);
        out
    }

    /// An exception with the ones it was chained to (cause or context) before it, as
    /// CPython's `TracebackException.format` lays them out; groups nest in boxes.
    fn format_chain(&mut self, exc: &Value, out: &mut String, ctx: &mut PrintCtx) {
        let mut chain: Vec<(Option<&'static str>, Value)> = Vec::new();
        let mut cur = Some(exc.clone());
        let mut msg: Option<&'static str> = None;
        while let Some(e) = cur.take() {
            // As CPython's printer: an exception is always printed, but a cause or
            // context already printed is not followed again (chains may loop).
            let id = e.id();
            if (!chain.is_empty() && ctx.seen.contains(&id)) || chain.len() > 20 {
                break;
            }
            ctx.seen.push(id);
            let Value::Instance(inst) = &e else {
                chain.push((msg, e));
                break;
            };
            let Some(data) = &inst.exc else {
                break;
            };
            let (cause, context, suppress) = {
                let d = data.lock();
                (d.cause.clone(), d.context.clone(), d.suppress_context)
            };
            chain.push((msg, e.clone()));
            if let Some(c) = cause.filter(|c| !matches!(c, Value::None)) {
                msg = Some(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
                cur = Some(c);
            } else if let Some(c) = context.filter(|c| !suppress && !matches!(c, Value::None)) {
                msg = Some(
                    "\nDuring handling of the above exception, another exception occurred:\n\n",
                );
                cur = Some(c);
            }
        }
        // Each entry's message leads from it to the entry printed after it.
        let n = chain.len();
        for i in (0..n).rev() {
            let e = chain[i].1.clone();
            self.format_one(&e, out, ctx);
            if let Some(m) = chain[i].0 {
                ctx.emit(out, m, '|');
            }
        }
    }

    fn format_stack(&self, exc: &Value) -> String {
        let mut s = String::new();
        let tb = match exc {
            Value::Instance(i) => i.exc.as_ref().map(|d| d.lock().traceback.clone()),
            _ => None,
        }
        .unwrap_or_default();
        // As CPython: after three identical entries in a row (a recursion), the rest
        // are counted in one "[Previous line repeated N more times]" line.
        const CUTOFF: usize = 3;
        let mut last: Option<(&str, u32, &str)> = None;
        let mut same = 0usize;
        let repeated = |s: &mut String, same: usize| {
            if same > CUTOFF {
                let n = same - CUTOFF;
                let plural = if n > 1 { "s" } else { "" };
                s.push_str(&format!(
                    "  [Previous line repeated {n} more time{plural}]\n"
                ));
            }
        };
        for entry in tb.iter().rev() {
            let this = (&*entry.code.filename, entry.line, &*entry.code.name);
            if last == Some(this) {
                same += 1;
            } else {
                repeated(&mut s, same);
                last = Some(this);
                same = 1;
            }
            if same > CUTOFF {
                continue;
            }
            s.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                entry.code.filename, entry.line, entry.code.name
            ));
            if let Some(src) = self.interp.source_line(&entry.code.filename, entry.line) {
                if !src.is_empty() {
                    s.push_str(&format!("    {src}\n"));
                }
            }
        }
        repeated(&mut s, same);
        s
    }

    fn format_one(&mut self, exc: &Value, out: &mut String, ctx: &mut PrintCtx) {
        const MAX_WIDTH: usize = 15;
        const MAX_DEPTH: usize = 10;
        let stack = self.format_stack(exc);
        let line = self.exception_line(exc) + "\n";
        if !super::builtins::exception_group::is_group(exc) {
            if !stack.is_empty() {
                ctx.emit(out, "Traceback (most recent call last):\n", '|');
                ctx.emit(out, &stack, '|');
            }
            if let Some((loc, _)) = syntax_error_location(exc) {
                ctx.emit(out, &loc, '|');
            }
            ctx.emit(out, &line, '|');
            return;
        }
        if ctx.group_depth > MAX_DEPTH {
            ctx.emit(out, &format!("... (max_group_depth is {MAX_DEPTH})\n"), '|');
            return;
        }
        let top = ctx.group_depth == 0;
        if top {
            ctx.group_depth += 1;
        }
        if !stack.is_empty() {
            let margin = if top { '+' } else { '|' };
            ctx.emit(
                out,
                "Exception Group Traceback (most recent call last):\n",
                margin,
            );
            ctx.emit(out, &stack, '|');
        }
        ctx.emit(out, &line, '|');
        let excs = super::builtins::exception_group::parts(exc).1;
        let n = if excs.len() <= MAX_WIDTH {
            excs.len()
        } else {
            MAX_WIDTH + 1
        };
        ctx.need_close = false;
        for i in 0..n {
            let last = i + 1 == n;
            if last {
                ctx.need_close = true;
            }
            let truncated = i >= MAX_WIDTH;
            let title = if truncated {
                "...".to_string()
            } else {
                (i + 1).to_string()
            };
            // The separators of CPython's C printer (the default excepthook).
            out.push_str(&format!(
                "{}{}+---------------- {title} ----------------\n",
                ctx.indent(),
                if i == 0 { "+-" } else { "  " },
            ));
            ctx.group_depth += 1;
            if !truncated {
                let sub = excs[i].clone();
                self.format_chain(&sub, out, ctx);
            } else {
                let remaining = excs.len() - MAX_WIDTH;
                ctx.emit(
                    out,
                    &format!(
                        "and {remaining} more exception{}\n",
                        if remaining > 1 { "s" } else { "" }
                    ),
                    '|',
                );
            }
            if last && ctx.need_close {
                out.push_str(&format!("{}+{}\n", ctx.indent(), "-".repeat(36)));
                ctx.need_close = false;
            }
            ctx.group_depth -= 1;
        }
        if top {
            ctx.group_depth = 0;
        }
    }

    /// `ValueError: message` (or just the class name when the message is empty).
    pub fn exception_line(&mut self, exc: &Value) -> String {
        let name = self.exception_line_name(exc);
        if let Some((_, msg)) = syntax_error_location(exc) {
            return format!("{name}: {msg}");
        }
        let msg = self
            .str(exc)
            .unwrap_or_else(|_| "<exception str() failed>".into());
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }

    fn exception_line_name(&mut self, exc: &Value) -> String {
        match exc {
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
        }
    }
}

/// A SyntaxError raised by `compile`/`exec`/`eval` is shown with its location block
/// (`File ..., line N`, the text, a caret) and its bare message, as CPython does.
fn syntax_error_location(exc: &Value) -> Option<(String, String)> {
    let Value::Instance(inst) = exc else {
        return None;
    };
    if !Ref::ty(inst).is_subclass(&types().syntax_error) {
        return None;
    }
    let get = |n: &str| inst.get_attr(n);
    let (Some(Value::Str(msg)), Some(Value::Str(file)), Some(Value::Int(line))) =
        (get("msg"), get("filename"), get("lineno"))
    else {
        return None;
    };
    let mut loc = format!("  File \"{}\", line {line}\n", file.as_str());
    if let Some(Value::Str(text)) = get("text") {
        let full = text.as_str().trim_end_matches('\n');
        let trimmed = full.trim_start();
        let indent = full.chars().count() - trimmed.chars().count();
        let trimmed = trimmed.trim_end();
        if !trimmed.is_empty() {
            loc.push_str(&format!("    {trimmed}\n"));
            if let Some(Value::Int(col)) = get("offset") {
                if col > 0 {
                    let c = (col as usize - 1)
                        .saturating_sub(indent)
                        .min(trimmed.chars().count());
                    loc.push_str(&format!("    {}^\n", " ".repeat(c)));
                }
            }
        }
    }
    Some((loc, msg.as_str().to_string()))
}

/// Where an exception report is (CPython's `_ExceptionPrintContext`).
struct PrintCtx {
    group_depth: usize,
    need_close: bool,
    /// Exceptions already printed (a chain may loop back).
    seen: Vec<u64>,
}

impl PrintCtx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.group_depth)
    }

    /// Appends `text`, every line prefixed by the indent and, inside a group, the margin.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.group_depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
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
            let c = new_class("traceback", Some(&types().object), ClassKind::Builtin);
            // `tb_lineno`/`tb_next` are computed (`attr` below), after the type's own.
            c.slots
                .getattr
                .set(Some(crate::vm::modules::native_getattr_slot));
            crate::vm::value::shared_class(c)
        })
        .clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    /// `tb.tb_lineno`: the line in this level's frame (the outermost first, as
    /// CPython's first traceback entry); `tb.tb_next` the level below, None at the
    /// innermost.
    fn attr(&self, name: &str) -> Option<Value> {
        match name {
            "tb_lineno" => self.entries.last().map(|e| Value::Int(e.line as i64)),
            // A snapshot of the code and line only: a traceback keeps no namespaces,
            // so its `tb_frame` has no `f_globals` and its `f_back` is None.
            "tb_frame" => self.entries.last().map(|e| {
                let snap = crate::vm::frameobj::Snap {
                    code: e.code.clone(),
                    line: e.line,
                    globals: None,
                };
                crate::vm::frameobj::FrameObj::value(std::sync::Arc::new(vec![snap]), 0)
            }),
            // Entries run innermost first, so the next (inner) level drops the last one.
            "tb_next" => Some(if self.entries.len() > 1 {
                Value::Native(Ref::new(Native {
                    obj: Box::new(TracebackObj {
                        entries: self.entries[..self.entries.len() - 1].to_vec(),
                    }),
                }))
            } else {
                Value::None
            }),
            _ => None,
        }
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
