//! `_json`, the native half of the json package (as CPython's C `_json`): the whole
//! encoder (`encode`) and the scanner (`scan`, `scanstring`), with CPython's output,
//! error messages and char positions. json/*.py holds the documented classes.
//!
//! Hand-written, not serde_json: programs see CPython's exact error messages and char
//! offsets, parse_int/parse_float receiving the number's text, big ints, NaN/Infinity,
//! dict order with duplicate keys, the hooks, and float repr; serde_json's model
//! (its own errors, f64/i64 numbers, maps) gives none of that without a rewrite.

use super::add_functions;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::format::float_repr;
use crate::vm::object::{Args, DictMap, DictObj, HKey};
use crate::vm::refcount::Ref;
use crate::vm::types::types;
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;
use std::collections::HashSet;

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    add_functions(
        d,
        &[
            ("encode_basestring_ascii", encode_basestring_ascii),
            ("encode_basestring", encode_basestring),
            ("encode", encode),
            ("scan", scan),
            ("scanstring", scanstring),
        ],
    );
    Ok(())
}

// ---------------------------------------------------------------------------
// Encoding.

const HEX: &[u8; 16] = b"0123456789abcdef";

fn push_u(out: &mut String, c: u32) {
    out.push_str("\\u");
    for shift in [12, 8, 4, 0] {
        out.push(HEX[((c >> shift) & 0xf) as usize] as char);
    }
}

/// A JSON string literal, quotes included: `ascii` escapes every non-ASCII char as
/// `\uXXXX` (a surrogate pair above U+FFFF), as `ensure_ascii=True`.
fn write_str(out: &mut String, s: &str, ascii: bool) {
    out.push('"');
    let b = s.as_bytes();
    let mut start = 0;
    for (i, &c) in b.iter().enumerate() {
        let esc: &str = match c {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            0x7f if ascii => "",
            // Continuation bytes go out with their lead byte.
            0x80..=0xbf => continue,
            0xc0.. if ascii => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        if !esc.is_empty() {
            out.push_str(esc);
            start = i + 1;
        } else if c < 0x80 {
            push_u(out, c as u32);
            start = i + 1;
        } else {
            // The lead byte of a non-ASCII char: escape the whole char.
            let ch = s[i..].chars().next().unwrap_or('\u{fffd}') as u32;
            if ch >= 0x10000 {
                let v = ch - 0x10000;
                push_u(out, 0xd800 | (v >> 10));
                push_u(out, 0xdc00 | (v & 0x3ff));
            } else {
                push_u(out, ch);
            }
            start = i + s[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    out.push_str(&s[start..]);
    out.push('"');
}

fn str_arg<'a>(a: &'a Args, fname: &str) -> PyResult<&'a Ref<PyStr>> {
    a.expect(fname, 1, 1)?;
    match &a.pos[0] {
        Value::Str(s) => Ok(s),
        Value::Instance(i) => match &i.base {
            Value::Str(s) => Ok(s),
            _ => Err(PyErr::type_error(format!(
                "first argument must be a string, not {}",
                crate::vm::dispatch::type_ref(&a.pos[0]).name()
            ))),
        },
        v => Err(PyErr::type_error(format!(
            "first argument must be a string, not {}",
            crate::vm::dispatch::type_ref(v).name()
        ))),
    }
}

fn encode_basestring_ascii(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = str_arg(&a, "encode_basestring_ascii")?;
    let mut out = String::with_capacity(s.as_str().len() + 2);
    write_str(&mut out, s.as_str(), true);
    Ok(Value::string(out))
}

fn encode_basestring(_vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = str_arg(&a, "encode_basestring")?;
    let mut out = String::with_capacity(s.as_str().len() + 2);
    write_str(&mut out, s.as_str(), false);
    Ok(Value::string(out))
}

struct Encoder {
    encoder: Value,
    /// `encoder.default`, looked up on first use.
    default: Option<Value>,
    indent: Option<String>,
    key_sep: String,
    item_sep: String,
    sort_keys: bool,
    skipkeys: bool,
    ascii: bool,
    allow_nan: bool,
    check_circular: bool,
    markers: HashSet<u64>,
    level: usize,
    out: String,
}

/// The built-in value under a subclass instance (`class L(list)`, IntEnum members).
#[inline]
fn builtin_of(v: &Value) -> &Value {
    match v {
        Value::Instance(i) if !i.base.is_null() => &i.base,
        v => v,
    }
}

fn recursion_error() -> PyErr {
    PyErr::recursion_error("maximum recursion depth exceeded while encoding a JSON object")
}

impl Encoder {
    fn float(&mut self, f: f64) -> PyResult<()> {
        if f.is_finite() {
            self.out.push_str(&float_repr(f));
            return Ok(());
        }
        if !self.allow_nan {
            return Err(PyErr::value_error(
                "Out of range float values are not JSON compliant",
            ));
        }
        self.out.push_str(if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        });
        Ok(())
    }

    fn bigint(&mut self, b: &num_bigint::BigInt) -> PyResult<()> {
        let s = crate::vm::repr::int_to_decimal(b).map_err(PyErr::value_error)?;
        self.out.push_str(&s);
        Ok(())
    }

    fn newline(&mut self) {
        if let Some(ind) = &self.indent {
            self.out.push('\n');
            for _ in 0..self.level {
                self.out.push_str(ind);
            }
        }
    }

    fn separator(&mut self) {
        self.out.push_str(&self.item_sep);
        self.newline();
    }

    /// Marks a container as being encoded (`Circular reference detected` on re-entry).
    fn enter(&mut self, vm: &mut Vm, id: u64) -> PyResult<()> {
        if self.check_circular && !self.markers.insert(id) {
            return Err(PyErr::value_error("Circular reference detected"));
        }
        if vm.enter_call().is_err() {
            self.markers.remove(&id);
            return Err(recursion_error());
        }
        Ok(())
    }

    fn leave(&mut self, vm: &mut Vm, id: u64) {
        vm.leave_call();
        if self.check_circular {
            self.markers.remove(&id);
        }
    }

    fn value(&mut self, vm: &mut Vm, v: &Value) -> PyResult<()> {
        let b = builtin_of(v);
        match b {
            Value::Str(s) => write_str(&mut self.out, s.as_str(), self.ascii),
            Value::None => self.out.push_str("null"),
            Value::Bool(true) => self.out.push_str("true"),
            Value::Bool(false) => self.out.push_str("false"),
            Value::Int(i) => {
                let mut buf = itoa_buf(*i);
                self.out.push_str(itoa(&mut buf, *i));
            }
            Value::BigInt(n) => self.bigint(n)?,
            Value::Float(f) => self.float(*f)?,
            Value::List(l) => {
                let items = l.items.lock().clone();
                self.array(vm, v.id(), &items)?;
            }
            Value::Tuple(t) => {
                let t = t.clone();
                self.array(vm, v.id(), &t)?;
            }
            Value::Dict(d) => {
                let items: Vec<(Value, Value)> = d
                    .map
                    .lock()
                    .iter()
                    .map(|(k, v)| (k.key.clone(), v.clone()))
                    .collect();
                self.object(vm, v.id(), items)?;
            }
            _ => {
                let f = match &self.default {
                    Some(f) => f.clone(),
                    None => {
                        let f = vm.getattr_str(&self.encoder.clone(), "default")?;
                        self.default = Some(f.clone());
                        f
                    }
                };
                let id = v.id();
                self.enter(vm, id)?;
                let r = vm.call(&f, std::slice::from_ref(v), &[]);
                let r = match r {
                    Ok(r) => self.value(vm, &r),
                    Err(e) => Err(e),
                };
                self.leave(vm, id);
                r?;
            }
        }
        Ok(())
    }

    fn array(&mut self, vm: &mut Vm, id: u64, items: &[Value]) -> PyResult<()> {
        if items.is_empty() {
            self.out.push_str("[]");
            return Ok(());
        }
        self.enter(vm, id)?;
        self.out.push('[');
        self.level += 1;
        self.newline();
        let mut r = Ok(());
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.separator();
            }
            r = self.value(vm, item);
            if r.is_err() {
                break;
            }
        }
        self.level -= 1;
        self.leave(vm, id);
        r?;
        self.newline();
        self.out.push(']');
        Ok(())
    }

    /// A key as JSON has it: a string, or None to skip it (`skipkeys`).
    fn key(&mut self, k: &Value) -> PyResult<Option<String>> {
        Ok(Some(match builtin_of(k) {
            Value::Str(s) => return Ok(Some(s.as_str().to_string())),
            Value::Float(f) => {
                let save = std::mem::take(&mut self.out);
                let r = self.float(*f);
                let s = std::mem::replace(&mut self.out, save);
                r?;
                s
            }
            Value::Bool(true) => "true".into(),
            Value::Bool(false) => "false".into(),
            Value::None => "null".into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => crate::vm::repr::int_to_decimal(b).map_err(PyErr::value_error)?,
            _ if self.skipkeys => return Ok(None),
            _ => {
                return Err(PyErr::type_error(format!(
                    "keys must be str, int, float, bool or None, not {}",
                    crate::vm::dispatch::type_ref(k).name()
                )))
            }
        }))
    }

    fn object(&mut self, vm: &mut Vm, id: u64, mut items: Vec<(Value, Value)>) -> PyResult<()> {
        if items.is_empty() {
            self.out.push_str("{}");
            return Ok(());
        }
        self.enter(vm, id)?;
        let r = self.object_items(vm, &mut items);
        self.leave(vm, id);
        r
    }

    fn object_items(&mut self, vm: &mut Vm, items: &mut [(Value, Value)]) -> PyResult<()> {
        if self.sort_keys {
            sort_by_key(vm, items)?;
        }
        self.out.push('{');
        self.level += 1;
        self.newline();
        let mut first = true;
        let mut r = Ok(());
        for (k, v) in items.iter() {
            let key = match self.key(k) {
                Ok(Some(key)) => key,
                Ok(None) => continue,
                Err(e) => {
                    r = Err(e);
                    break;
                }
            };
            if !first {
                self.separator();
            }
            first = false;
            write_str(&mut self.out, &key, self.ascii);
            self.out.push_str(&self.key_sep);
            r = self.value(vm, v);
            if r.is_err() {
                break;
            }
        }
        self.level -= 1;
        r?;
        self.newline();
        self.out.push('}');
        Ok(())
    }
}

/// Sorts (key, value) pairs by key with Python's `<` (CPython sorts the items list).
fn sort_by_key(vm: &mut Vm, items: &mut [(Value, Value)]) -> PyResult<()> {
    let mut err = None;
    items.sort_by(|a, b| {
        if err.is_some() {
            return std::cmp::Ordering::Equal;
        }
        match super::lt(vm, &a.0, &b.0) {
            Ok(true) => std::cmp::Ordering::Less,
            Ok(false) => match super::lt(vm, &b.0, &a.0) {
                Ok(true) => std::cmp::Ordering::Greater,
                Ok(false) => std::cmp::Ordering::Equal,
                Err(e) => {
                    err = Some(e);
                    std::cmp::Ordering::Equal
                }
            },
            Err(e) => {
                err = Some(e);
                std::cmp::Ordering::Equal
            }
        }
    });
    match err {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn itoa_buf(_i: i64) -> [u8; 20] {
    [0; 20]
}

/// Decimal digits of `i` without allocating.
fn itoa(buf: &mut [u8; 20], i: i64) -> &str {
    let mut n = i.unsigned_abs();
    let mut p = buf.len();
    loop {
        p -= 1;
        buf[p] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        p -= 1;
        buf[p] = b'-';
    }
    std::str::from_utf8(&buf[p..]).unwrap_or("0")
}

fn truthy_arg(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    match v {
        Value::Bool(b) => Ok(*b),
        v => vm.truthy(v),
    }
}

fn str_or(vm: &mut Vm, v: &Value, what: &str) -> PyResult<String> {
    match builtin_of(v) {
        Value::Str(s) => Ok(s.as_str().to_string()),
        _ => Err(PyErr::type_error(format!(
            "make_encoder() argument {what} must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

/// `encode(obj, encoder, indent, key_separator, item_separator, sort_keys, skipkeys,
/// ensure_ascii, allow_nan, check_circular)`: the JSON text of `obj`; `indent` is
/// None or the str of one level; `encoder.default` is called for other objects.
fn encode(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("encode", 10, 10)?;
    let p = a.pos;
    let indent = match &p[2] {
        Value::None => None,
        v => Some(str_or(vm, v, "indent")?),
    };
    let mut e = Encoder {
        encoder: p[1].clone(),
        default: None,
        indent,
        key_sep: str_or(vm, &p[3], "key_separator")?,
        item_sep: str_or(vm, &p[4], "item_separator")?,
        sort_keys: truthy_arg(vm, &p[5])?,
        skipkeys: truthy_arg(vm, &p[6])?,
        ascii: truthy_arg(vm, &p[7])?,
        allow_nan: truthy_arg(vm, &p[8])?,
        check_circular: truthy_arg(vm, &p[9])?,
        markers: HashSet::new(),
        level: 0,
        out: String::new(),
    };
    e.value(vm, &p[0])?;
    Ok(Value::string(e.out))
}

// ---------------------------------------------------------------------------
// Decoding. Positions are byte offsets inside; errors and results give char offsets.

struct Decoder<'a> {
    doc: &'a Value,
    s: &'a str,
    b: &'a [u8],
    ascii: bool,
    strict: bool,
    object_hook: Option<Value>,
    pairs_hook: Option<Value>,
    parse_float: Option<Value>,
    parse_int: Option<Value>,
    parse_constant: Option<Value>,
    errcls: Value,
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

/// A hook argument: None when absent or when it is the built-in default (`int`,
/// `float`), which the scanner applies itself.
fn hook(v: &Value, default: Option<&Ref<crate::vm::object::Class>>) -> Option<Value> {
    match v {
        Value::None => None,
        Value::Class(c) if default.is_some_and(|d| Ref::ptr_eq(c, d)) => None,
        v => Some(v.clone()),
    }
}

impl<'a> Decoder<'a> {
    fn char_pos(&self, byte: usize) -> usize {
        if self.ascii {
            byte
        } else {
            self.s[..byte.min(self.s.len())].chars().count()
        }
    }

    fn err(&self, vm: &mut Vm, msg: &str, byte: usize) -> PyErr {
        let pos = Value::Int(self.char_pos(byte) as i64);
        match vm.call(&self.errcls, &[Value::str(msg), self.doc.clone(), pos], &[]) {
            Ok(exc) => PyErr { exc },
            Err(e) => e,
        }
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.b.len() && is_ws(self.b[i]) {
            i += 1;
        }
        i
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.b.get(i).copied()
    }

    fn value(&self, vm: &mut Vm, i: usize) -> PyResult<(Value, usize)> {
        let b = self.b;
        let n = b.len();
        let rest = &b[i.min(n)..];
        match self.at(i) {
            Some(b'"') => {
                let (s, end) = self.string(vm, i + 1)?;
                Ok((Value::string(s), end))
            }
            Some(b'{') => {
                if vm.enter_call().is_err() {
                    return Err(PyErr::recursion_error(
                        "maximum recursion depth exceeded while decoding a JSON object from a unicode string",
                    ));
                }
                let r = self.object(vm, i + 1);
                vm.leave_call();
                r
            }
            Some(b'[') => {
                if vm.enter_call().is_err() {
                    return Err(PyErr::recursion_error(
                        "maximum recursion depth exceeded while decoding a JSON array from a unicode string",
                    ));
                }
                let r = self.array(vm, i + 1);
                vm.leave_call();
                r
            }
            Some(b'n') if rest.starts_with(b"null") => Ok((Value::None, i + 4)),
            Some(b't') if rest.starts_with(b"true") => Ok((Value::Bool(true), i + 4)),
            Some(b'f') if rest.starts_with(b"false") => Ok((Value::Bool(false), i + 5)),
            Some(b'N') if rest.starts_with(b"NaN") => Ok((self.constant(vm, "NaN")?, i + 3)),
            Some(b'I') if rest.starts_with(b"Infinity") => {
                Ok((self.constant(vm, "Infinity")?, i + 8))
            }
            Some(b'-') if rest.starts_with(b"-Infinity") => {
                Ok((self.constant(vm, "-Infinity")?, i + 9))
            }
            Some(b'-' | b'0'..=b'9') => self.number(vm, i),
            _ => Err(self.err(vm, "Expecting value", i)),
        }
    }

    fn constant(&self, vm: &mut Vm, name: &str) -> PyResult<Value> {
        match &self.parse_constant {
            Some(f) => vm.call(f, &[Value::str(name)], &[]),
            None => Ok(Value::Float(match name {
                "NaN" => f64::NAN,
                "Infinity" => f64::INFINITY,
                _ => f64::NEG_INFINITY,
            })),
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?`, as CPython's scanner matches
    /// it (a dangling `.` or exponent is left for the caller: "Extra data").
    fn number(&self, vm: &mut Vm, start: usize) -> PyResult<(Value, usize)> {
        let b = self.b;
        let n = b.len();
        let digit = |i: usize| i < n && b[i].is_ascii_digit();
        let mut i = start;
        if b[i] == b'-' {
            i += 1;
        }
        match b.get(i) {
            Some(b'1'..=b'9') => {
                i += 1;
                while digit(i) {
                    i += 1;
                }
            }
            Some(b'0') => i += 1,
            _ => return Err(self.err(vm, "Expecting value", start)),
        }
        let mut is_float = false;
        if i < n && b[i] == b'.' && digit(i + 1) {
            is_float = true;
            i += 2;
            while digit(i) {
                i += 1;
            }
        }
        if i < n && (b[i] == b'e' || b[i] == b'E') {
            let e_start = i;
            i += 1;
            if i < n && (b[i] == b'-' || b[i] == b'+') {
                i += 1;
            }
            let d0 = i;
            while digit(i) {
                i += 1;
            }
            if i > d0 {
                is_float = true;
            } else {
                i = e_start;
            }
        }
        let text = &self.s[start..i];
        let v = if is_float {
            match &self.parse_float {
                Some(f) => vm.call(f, &[Value::str(text)], &[])?,
                None => Value::Float(text.parse::<f64>().unwrap_or(f64::NAN)),
            }
        } else {
            match &self.parse_int {
                Some(f) => vm.call(f, &[Value::str(text)], &[])?,
                None => parse_int(text)?,
            }
        };
        Ok((v, i))
    }

    /// The body of a string after its opening quote at `i - 1`: (contents, index after
    /// the closing quote).
    fn string(&self, vm: &mut Vm, i: usize) -> PyResult<(String, usize)> {
        let b = self.b;
        let n = b.len();
        let begin = i - 1;
        let mut out = String::new();
        let mut j = i;
        loop {
            let run = j;
            while j < n {
                let c = b[j];
                if c == b'"' || c == b'\\' || (c < 0x20 && self.strict) {
                    break;
                }
                j += 1;
            }
            if j >= n {
                return Err(self.err(vm, "Unterminated string starting at", begin));
            }
            if out.is_empty() && b[j] == b'"' {
                // No escapes: one copy.
                return Ok((self.s[run..j].to_string(), j + 1));
            }
            out.push_str(&self.s[run..j]);
            match b[j] {
                b'"' => return Ok((out, j + 1)),
                b'\\' => {}
                _ => return Err(self.err(vm, "Invalid control character at", j)),
            }
            j += 1;
            let Some(&c) = b.get(j) else {
                return Err(self.err(vm, "Unterminated string starting at", begin));
            };
            if c != b'u' {
                out.push(match c {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'b' => '\u{8}',
                    b'f' => '\u{c}',
                    b'n' => '\n',
                    b'r' => '\r',
                    b't' => '\t',
                    _ => return Err(self.err(vm, "Invalid \\escape", j - 1)),
                });
                j += 1;
                continue;
            }
            // \uXXXX: as CPython, four digits and at least one char after them.
            let u = j;
            let hex4 = |k: usize| -> Option<u32> {
                if k + 4 > n {
                    return None;
                }
                let mut v = 0u32;
                for &h in &b[k..k + 4] {
                    v = v * 16 + (h as char).to_digit(16)?;
                }
                Some(v)
            };
            if u + 5 >= n {
                return Err(self.err(vm, "Invalid \\uXXXX escape", u));
            }
            let Some(mut c) = hex4(u + 1) else {
                return Err(self.err(vm, "Invalid \\uXXXX escape", u));
            };
            j = u + 5;
            if (0xd800..0xdc00).contains(&c) && j + 6 < n && b[j] == b'\\' && b[j + 1] == b'u' {
                let Some(c2) = hex4(j + 2) else {
                    return Err(self.err(vm, "Invalid \\uXXXX escape", j + 1));
                };
                if (0xdc00..0xe000).contains(&c2) {
                    c = 0x10000 + (((c - 0xd800) << 10) | (c2 - 0xdc00));
                    j += 6;
                }
            }
            // A lone surrogate cannot live in a Rust string: U+FFFD (docs/language.md).
            out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
        }
    }

    fn object(&self, vm: &mut Vm, mut i: usize) -> PyResult<(Value, usize)> {
        let mut pairs: Vec<(Ref<PyStr>, Value)> = Vec::new();
        i = self.skip_ws(i);
        if self.at(i) != Some(b'}') {
            loop {
                if self.at(i) != Some(b'"') {
                    return Err(self.err(
                        vm,
                        "Expecting property name enclosed in double quotes",
                        i,
                    ));
                }
                let (key, end) = self.string(vm, i + 1)?;
                i = self.skip_ws(end);
                if self.at(i) != Some(b':') {
                    return Err(self.err(vm, "Expecting ':' delimiter", i));
                }
                i = self.skip_ws(i + 1);
                let (v, end) = self.value(vm, i)?;
                pairs.push((Ref::new(PyStr::from_string(key)), v));
                i = self.skip_ws(end);
                match self.at(i) {
                    Some(b'}') => break,
                    Some(b',') => i = self.skip_ws(i + 1),
                    _ => return Err(self.err(vm, "Expecting ',' delimiter", i)),
                }
            }
        }
        let end = i + 1;
        if let Some(h) = &self.pairs_hook {
            let list = pairs
                .into_iter()
                .map(|(k, v)| Value::tuple(vec![Value::Str(k), v]))
                .collect();
            return Ok((vm.call(h, &[Value::list(list)], &[])?, end));
        }
        let mut map = DictMap::with_capacity_and_hasher(pairs.len(), Default::default());
        for (k, v) in pairs {
            let hash = k.py_hash();
            map.insert(
                HKey {
                    hash,
                    key: Value::Str(k),
                },
                v,
            );
        }
        let d = Value::dict(map);
        match &self.object_hook {
            Some(h) => Ok((vm.call(h, &[d], &[])?, end)),
            None => Ok((d, end)),
        }
    }

    fn array(&self, vm: &mut Vm, mut i: usize) -> PyResult<(Value, usize)> {
        let mut items = Vec::new();
        i = self.skip_ws(i);
        if self.at(i) != Some(b']') {
            loop {
                let (v, end) = self.value(vm, i)?;
                items.push(v);
                i = self.skip_ws(end);
                match self.at(i) {
                    Some(b']') => break,
                    Some(b',') => i = self.skip_ws(i + 1),
                    _ => return Err(self.err(vm, "Expecting ',' delimiter", i)),
                }
            }
        }
        Ok((Value::list(items), i + 1))
    }
}

/// An int from its JSON digits, with CPython's limit on decimal digits.
fn parse_int(text: &str) -> PyResult<Value> {
    if text.len() <= 18 {
        if let Ok(i) = text.parse::<i64>() {
            return Ok(Value::Int(i));
        }
    }
    if let Some(msg) = crate::vm::repr::int_parse_limit(text.trim_start_matches('-').len()) {
        return Err(PyErr::value_error(msg));
    }
    match text.parse::<num_bigint::BigInt>() {
        Ok(b) => Ok(Value::from_bigint(b)),
        Err(_) => Err(PyErr::value_error(format!(
            "invalid literal for int() with base 10: '{text}'"
        ))),
    }
}

fn doc_str<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a Ref<PyStr>> {
    match builtin_of(v) {
        Value::Str(s) => Ok(s),
        _ => Err(PyErr::type_error(format!(
            "first argument must be a string, not {}",
            vm.type_name(v)
        ))),
    }
}

/// Char index -> byte offset (len for an index at or past the end).
fn byte_of(s: &PyStr, idx: usize) -> usize {
    if s.is_ascii() {
        idx.min(s.as_str().len())
    } else {
        s.as_str()
            .char_indices()
            .nth(idx)
            .map_or(s.as_str().len(), |(b, _)| b)
    }
}

/// `scan(s, idx, ctx, errcls, whole)`: the value at char index `idx` of `s` and the
/// char index after it. `ctx` is (strict, object_hook, object_pairs_hook, parse_float,
/// parse_int, parse_constant) as the decoder had them when it was made; `errcls` is
/// JSONDecodeError. `whole` (JSONDecoder.decode): whitespace around the value is
/// skipped and anything after it is "Extra data".
fn scan(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("scan", 5, 5)?;
    let p = a.pos;
    let s = doc_str(vm, &p[0])?;
    let idx = vm.to_index(&p[1])?;
    if idx < 0 {
        return Err(PyErr::value_error("idx cannot be negative"));
    }
    let Value::Tuple(ctx) = &p[2] else {
        return Err(PyErr::type_error("scan() ctx must be a tuple"));
    };
    if ctx.len() != 6 {
        return Err(PyErr::type_error("scan() ctx must have 6 items"));
    }
    let t = types();
    let dec = Decoder {
        doc: &p[0],
        s: s.as_str(),
        b: s.as_str().as_bytes(),
        ascii: s.is_ascii(),
        strict: truthy_arg(vm, &ctx[0])?,
        object_hook: hook(&ctx[1], None),
        pairs_hook: hook(&ctx[2], None),
        parse_float: hook(&ctx[3], Some(&t.float)),
        parse_int: hook(&ctx[4], Some(&t.int)),
        parse_constant: hook(&ctx[5], None),
        errcls: p[3].clone(),
    };
    let whole = truthy_arg(vm, &p[4])?;
    let char_len = s.char_len();
    if idx as usize > char_len {
        return Err(dec.err(
            vm,
            "Expecting value",
            dec.b.len() + (idx as usize - char_len),
        ));
    }
    let mut i = byte_of(s, idx as usize);
    if whole {
        i = dec.skip_ws(i);
    }
    let (v, mut end) = dec.value(vm, i)?;
    if whole {
        end = dec.skip_ws(end);
        if end != dec.b.len() {
            return Err(dec.err(vm, "Extra data", end));
        }
    }
    Ok(Value::tuple(vec![v, Value::Int(dec.char_pos(end) as i64)]))
}

/// `scanstring(s, end, strict=True)`: the string whose body starts at char `end`
/// (after its opening quote) and the char index after its closing quote.
fn scanstring(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = super::bind(&a, "scanstring", &["s", "end", "strict"], 0, 2)?;
    let s = doc_str(vm, p[0].expect("required"))?;
    let end = vm.to_index(p[1].expect("required"))?;
    let strict = match p[2] {
        Some(v) => truthy_arg(vm, v)?,
        None => true,
    };
    let errcls = vm.import("json.decoder")?;
    let errcls = vm.getattr_str(&errcls, "JSONDecodeError")?;
    let dec = Decoder {
        doc: p[0].expect("required"),
        s: s.as_str(),
        b: s.as_str().as_bytes(),
        ascii: s.is_ascii(),
        strict,
        object_hook: None,
        pairs_hook: None,
        parse_float: None,
        parse_int: None,
        parse_constant: None,
        errcls,
    };
    if end < 0 || end as usize > s.char_len() {
        return Err(PyErr::value_error("end is out of bounds"));
    }
    let i = byte_of(s, end as usize);
    if i == 0 {
        return Err(dec.err(vm, "Unterminated string starting at", 0));
    }
    let (out, after) = dec.string(vm, i)?;
    Ok(Value::tuple(vec![
        Value::string(out),
        Value::Int(dec.char_pos(after) as i64),
    ]))
}
