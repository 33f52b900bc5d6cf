//! The methods of `bytes` and `bytearray` (one set: each returns the receiver's kind),
//! bytearray's mutators, `str.encode`, and `int.to_bytes`/`int.from_bytes`.

use super::args::{opt_bound, self_arg, wrong_self};
use crate::vm::bytes::{byte_of, bytes_like, find, same_kind, BytesObj};
use crate::vm::codecs;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::strops::adjust_indices;
use crate::vm::types::{self, Types};
use crate::vm::value::Value;
use crate::vm::Vm;
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

const SHARED: &[(&str, NativeFn)] = &[
    ("decode", decode),
    ("hex", hex),
    ("join", join),
    ("split", split),
    ("rsplit", rsplit),
    ("strip", strip),
    ("lstrip", lstrip),
    ("rstrip", rstrip),
    ("startswith", startswith),
    ("endswith", endswith),
    ("find", find_m),
    ("rfind", rfind),
    ("index", index),
    ("rindex", rindex),
    ("count", count),
    ("replace", replace),
    ("upper", upper),
    ("lower", lower),
    ("swapcase", swapcase),
    ("capitalize", capitalize),
    ("title", title),
    ("isdigit", isdigit),
    ("isalpha", isalpha),
    ("isalnum", isalnum),
    ("isspace", isspace),
    ("islower", islower),
    ("isupper", isupper),
    ("isascii", isascii),
    ("istitle", istitle),
    ("partition", partition),
    ("rpartition", rpartition),
    ("ljust", ljust),
    ("rjust", rjust),
    ("center", center),
    ("zfill", zfill),
    ("splitlines", splitlines),
    ("removeprefix", removeprefix),
    ("removesuffix", removesuffix),
    ("expandtabs", expandtabs),
    ("translate", translate),
];

pub fn install(t: &Types) {
    types::install(&t.bytes, SHARED);
    types::install(&t.bytearray, SHARED);
    types::install_classmethods(&t.bytes, &[("fromhex", fromhex), ("maketrans", maketrans)]);
    types::install_classmethods(
        &t.bytearray,
        &[("fromhex", fromhex), ("maketrans", maketrans)],
    );
    types::install(
        &t.bytearray,
        &[
            ("append", append),
            ("extend", extend),
            ("pop", pop),
            ("insert", insert),
            ("remove", remove),
            ("clear", clear),
            ("copy", copy),
            ("reverse", reverse),
        ],
    );
    types::install(&t.str, &[("encode", encode)]);
    types::install(&t.int, &[("to_bytes", to_bytes)]);
    types::install_classmethods(&t.int, &[("from_bytes", from_bytes)]);
}

fn recv(vm: &Vm, a: &Args, meth: &str) -> PyResult<Ref<BytesObj>> {
    match self_arg(a, "bytes", meth)?.payload() {
        Value::Bytes(b) => Ok(b.clone()),
        v => Err(wrong_self(vm, "bytes", meth, v)),
    }
}

fn recv_mut(vm: &Vm, a: &Args, meth: &str) -> PyResult<Ref<BytesObj>> {
    match self_arg(a, "bytearray", meth)?.payload() {
        Value::Bytes(b) if b.mutable => Ok(b.clone()),
        v => Err(wrong_self(vm, "bytearray", meth, v)),
    }
}

/// Positional `i` or keyword `name`, for methods whose parameters may be either.
fn param<'a>(a: &Args<'a>, i: usize, name: &str) -> Option<&'a Value> {
    a.pos.get(i).or_else(|| a.kw(name))
}

fn max_args(a: &Args, meth: &str, max: usize) -> PyResult<()> {
    let n = a.pos.len().saturating_sub(1);
    if n > max {
        return Err(PyErr::type_error(format!(
            "{meth}() takes at most {max} argument{} ({n} given)",
            if max == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}

fn text_param(
    vm: &Vm,
    v: Option<&Value>,
    meth: &str,
    arg: &str,
    default: &str,
) -> PyResult<String> {
    match v {
        None => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        Some(v) => Err(PyErr::type_error(format!(
            "{meth}() argument '{arg}' must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn decode(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv(vm, &a, "decode")?;
    a.only_kw("decode", &["encoding", "errors"])?;
    max_args(&a, "decode", 2)?;
    let enc = text_param(vm, param(&a, 1, "encoding"), "decode", "encoding", "utf-8")?;
    let err = text_param(vm, param(&a, 2, "errors"), "decode", "errors", "strict")?;
    let data = b.to_vec();
    Ok(Value::string(codecs::decode(&data, &enc, &err)?))
}

fn encode(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = match self_arg(&a, "str", "encode")?.payload() {
        Value::Str(s) => s.clone(),
        v => return Err(wrong_self(vm, "str", "encode", v)),
    };
    a.only_kw("encode", &["encoding", "errors"])?;
    max_args(&a, "encode", 2)?;
    let enc = text_param(vm, param(&a, 1, "encoding"), "encode", "encoding", "utf-8")?;
    let err = text_param(vm, param(&a, 2, "errors"), "encode", "errors", "strict")?;
    Ok(Value::bytes(codecs::encode(s.as_str(), &enc, &err)?))
}

/// The hex digits of `data`, with `sep` every `per` bytes counted from the right
/// (from the left when `per` is negative), as CPython's `bytes.hex`.
pub fn hex_str(data: &[u8], sep: Option<char>, per: i64) -> String {
    let digits: Vec<String> = data.iter().map(|b| format!("{b:02x}")).collect();
    let Some(sep) = sep.filter(|_| per != 0 && !data.is_empty()) else {
        return digits.concat();
    };
    let n = per.unsigned_abs() as usize;
    let mut groups: Vec<String> = Vec::new();
    if per > 0 {
        let first = data.len() % n;
        if first > 0 {
            groups.push(digits[..first].concat());
        }
        for c in digits[first..].chunks(n) {
            groups.push(c.concat());
        }
    } else {
        for c in digits.chunks(n) {
            groups.push(c.concat());
        }
    }
    groups.join(&sep.to_string())
}

fn hex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv(vm, &a, "hex")?;
    a.only_kw("hex", &["sep", "bytes_per_sep"])?;
    max_args(&a, "hex", 2)?;
    let sep = match param(&a, 1, "sep") {
        None => None,
        Some(v) => {
            let s = match v {
                Value::Str(s) => s.as_str().to_string(),
                _ => match bytes_like(v) {
                    Some(b) => b.iter().map(|&c| c as char).collect(),
                    None => return Err(PyErr::type_error("sep must be str or bytes.")),
                },
            };
            let mut cs = s.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) if c.is_ascii() => Some(c),
                (Some(_), None) => return Err(PyErr::value_error("sep must be ASCII.")),
                _ => return Err(PyErr::value_error("sep must be length 1.")),
            }
        }
    };
    let per = match param(&a, 2, "bytes_per_sep") {
        None => 1,
        Some(v) => vm.to_index(v)?,
    };
    let data = b.to_vec();
    Ok(Value::string(hex_str(&data, sep, per)))
}

fn fromhex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("fromhex", 2, 2)?;
    let cls = match &a.pos[0] {
        Value::Class(c) => c.clone(),
        _ => crate::vm::types::types().bytes.clone(),
    };
    let s = match &a.pos[1] {
        Value::Str(s) => s.clone(),
        v => {
            return Err(PyErr::type_error(format!(
                "fromhex() argument must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    let chars: Vec<char> = s.as_str().chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let bad = |i: usize| {
        PyErr::value_error(format!(
            "non-hexadecimal number found in fromhex() arg at position {i}"
        ))
    };
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i]
            .to_digit(16)
            .filter(|_| chars[i].is_ascii())
            .ok_or_else(|| bad(i))?;
        let lo = chars
            .get(i + 1)
            .and_then(|c| c.is_ascii().then(|| c.to_digit(16)).flatten())
            .ok_or_else(|| bad(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    let mutable = Ref::ptr_eq(&cls, &crate::vm::types::types().bytearray)
        || cls.is_subclass(&crate::vm::types::types().bytearray);
    let v = if mutable {
        Value::bytearray(out)
    } else {
        Value::bytes(out)
    };
    if cls.is_heap() {
        return vm.call(&Value::Class(cls), &[v], &[]);
    }
    Ok(v)
}

fn join(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv(vm, &a, "join")?;
    a.expect("join", 2, 2)?;
    let items = vm.collect(&a.pos[1])?;
    let sep = b.to_vec();
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let Some(x) = bytes_like(it) else {
            return Err(PyErr::type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                vm.type_name(it)
            )));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&x);
    }
    Ok(same_kind(&b, out))
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// A bytes-like argument, with CPython's "a bytes-like object is required".
/// `bytes.maketrans(frm, to)` (a static method in CPython; installed as a class
/// method, which receives the class first): the 256-byte table `translate` reads.
fn maketrans(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("maketrans")?;
    let args = &a.pos[1..];
    if args.len() != 2 {
        return Err(PyErr::type_error(format!(
            "maketrans expected 2 arguments, got {}",
            args.len()
        )));
    }
    let frm = bytes_arg(vm, &args[0])?;
    let to = bytes_arg(vm, &args[1])?;
    if frm.len() != to.len() {
        return Err(PyErr::value_error(
            "maketrans arguments must have same length",
        ));
    }
    let mut table: Vec<u8> = (0..=255u8).collect();
    for (&f, &t) in frm.iter().zip(&to) {
        table[f as usize] = t;
    }
    Ok(Value::bytes(table))
}

/// `b.translate(table, /, delete=b'')`: drops the bytes in `delete`, then maps each
/// through the 256-byte `table` (None keeps them).
fn translate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv(vm, &a, "translate")?;
    if let Some((k, _)) = a.kw.iter().find(|(k, _)| k.as_str() != "delete") {
        return Err(PyErr::type_error(format!(
            "'{}' is an invalid keyword argument for translate()",
            k.as_str()
        )));
    }
    let n = a.pos.len() - 1;
    let total = n + a.kw("delete").is_some() as usize;
    if total > 2 {
        return Err(PyErr::type_error(format!(
            "translate() takes at most 2 arguments ({total} given)"
        )));
    }
    if n == 0 {
        return Err(PyErr::type_error(
            "translate() takes at least 1 positional argument (0 given)",
        ));
    }
    let delete = match (a.pos.get(2), a.kw("delete")) {
        (Some(_), Some(_)) => {
            return Err(PyErr::type_error(
                "argument for translate() given by name ('delete') and position (2)",
            ))
        }
        (Some(v), None) | (None, Some(v)) => bytes_arg(vm, v)?,
        (None, None) => vec![],
    };
    let table = match &a.pos[1] {
        Value::None => None,
        v => {
            let t = bytes_arg(vm, v)?;
            if t.len() != 256 {
                return Err(PyErr::value_error(
                    "translation table must be 256 characters long",
                ));
            }
            Some(t)
        }
    };
    let mut drop = [false; 256];
    for &c in &delete {
        drop[c as usize] = true;
    }
    let out: Vec<u8> = b
        .to_vec()
        .into_iter()
        .filter(|&c| !drop[c as usize])
        .map(|c| table.as_ref().map_or(c, |t| t[c as usize]))
        .collect();
    Ok(same_kind(&b, out))
}

fn bytes_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    crate::vm::bytes::need_bytes(vm, v)
}

fn split_args(vm: &mut Vm, a: &Args, meth: &str) -> PyResult<(Option<Vec<u8>>, i64)> {
    a.only_kw(meth, &["sep", "maxsplit"])?;
    max_args(a, meth, 2)?;
    let sep = match param(a, 1, "sep") {
        None | Some(Value::None) => None,
        Some(v) => {
            let s = bytes_arg(vm, v)?;
            if s.is_empty() {
                return Err(PyErr::value_error("empty separator"));
            }
            Some(s)
        }
    };
    let max = match param(a, 2, "maxsplit") {
        None => -1,
        Some(v) => vm.to_index(v)?,
    };
    Ok((sep, max))
}

fn split(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv(vm, &a, "split")?;
    let (sep, max) = split_args(vm, &a, "split")?;
    let d = b.to_vec();
    let mut parts: Vec<Vec<u8>> = Vec::new();
    match sep {
        None => {
            let mut i = 0;
            let mut splits = 0;
            loop {
                while i < d.len() && is_space(d[i]) {
                    i += 1;
                }
                if i >= d.len() {
                    break;
                }
                if max >= 0 && splits >= max {
                    let mut end = d.len();
                    while end > i && is_space(d[end - 1]) {
                        end -= 1;
                    }
                    parts.push(d[i..end].to_vec());
                    break;
                }
                let s = i;
                while i < d.len() && !is_space(d[i]) {
                    i += 1;
                }
                parts.push(d[s..i].to_vec());
                splits += 1;
            }
        }
        Some(sep) => {
            let mut start = 0;
            let mut splits = 0;
            while max < 0 || splits < max {
                match find(&d[start..], &sep) {
                    Some(p) => {
                        parts.push(d[start..start + p].to_vec());
                        start += p + sep.len();
                        splits += 1;
                    }
                    None => break,
                }
            }
            parts.push(d[start..].to_vec());
        }
    }
    Ok(Value::list(
        parts.into_iter().map(|p| same_kind(&b, p)).collect(),
    ))
}

fn rfind_in(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(hay.len());
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| &hay[i..i + needle.len()] == needle)
}

fn rsplit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv(vm, &a, "rsplit")?;
    let (sep, max) = split_args(vm, &a, "rsplit")?;
    let d = b.to_vec();
    let mut parts: Vec<Vec<u8>> = Vec::new();
    match sep {
        None => {
            let mut end = d.len();
            let mut splits = 0;
            loop {
                while end > 0 && is_space(d[end - 1]) {
                    end -= 1;
                }
                if end == 0 {
                    break;
                }
                if max >= 0 && splits >= max {
                    let mut s = 0;
                    while s < end && is_space(d[s]) {
                        s += 1;
                    }
                    parts.push(d[s..end].to_vec());
                    break;
                }
                let e = end;
                while end > 0 && !is_space(d[end - 1]) {
                    end -= 1;
                }
                parts.push(d[end..e].to_vec());
                splits += 1;
            }
        }
        Some(sep) => {
            let mut end = d.len();
            let mut splits = 0;
            while max < 0 || splits < max {
                match rfind_in(&d[..end], &sep) {
                    Some(p) => {
                        parts.push(d[p + sep.len()..end].to_vec());
                        end = p;
                        splits += 1;
                    }
                    None => break,
                }
            }
            parts.push(d[..end].to_vec());
        }
    }
    parts.reverse();
    Ok(Value::list(
        parts.into_iter().map(|p| same_kind(&b, p)).collect(),
    ))
}

fn strip_impl(vm: &mut Vm, a: Args, meth: &str, left: bool, right: bool) -> PyResult<Value> {
    let b = recv(vm, &a, meth)?;
    a.no_kw(meth)?;
    max_args(&a, meth, 1)?;
    let chars = match a.pos.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_arg(vm, v)?),
    };
    let strip = |c: u8| match &chars {
        None => is_space(c),
        Some(cs) => cs.contains(&c),
    };
    let d = b.to_vec();
    let mut s = 0;
    let mut e = d.len();
    if left {
        while s < e && strip(d[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip(d[e - 1]) {
            e -= 1;
        }
    }
    Ok(same_kind(&b, d[s..e].to_vec()))
}

fn strip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    strip_impl(vm, a, "strip", true, true)
}
fn lstrip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    strip_impl(vm, a, "lstrip", true, false)
}
fn rstrip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    strip_impl(vm, a, "rstrip", false, true)
}

fn affix(vm: &mut Vm, a: Args, meth: &str, end: bool) -> PyResult<Value> {
    let b = recv(vm, &a, meth)?;
    a.no_kw(meth)?;
    a.expect(meth, 2, 4)?;
    let d = b.to_vec();
    let (s, e) = adjust_indices(
        opt_bound(vm, a.pos.get(2))?,
        opt_bound(vm, a.pos.get(3))?,
        d.len(),
    );
    let cands: Vec<Vec<u8>> = match &a.pos[1] {
        Value::Tuple(t) => {
            let mut v = Vec::new();
            for x in t.iter() {
                v.push(bytes_like(x).ok_or_else(|| {
                    PyErr::type_error(format!(
                        "a bytes-like object is required, not '{}'",
                        vm.type_name(x)
                    ))
                })?);
            }
            v
        }
        x => vec![bytes_like(x).ok_or_else(|| {
            PyErr::type_error(format!(
                "{meth} first arg must be bytes or a tuple of bytes, not {}",
                vm.type_name(x)
            ))
        })?],
    };
    if s > d.len() as i64 || s > e {
        return Ok(Value::Bool(false));
    }
    let w = &d[s as usize..e as usize];
    Ok(Value::Bool(cands.iter().any(|c| {
        if end {
            w.ends_with(c)
        } else {
            w.starts_with(c)
        }
    })))
}

fn startswith(vm: &mut Vm, a: Args) -> PyResult<Value> {
    affix(vm, a, "startswith", false)
}
fn endswith(vm: &mut Vm, a: Args) -> PyResult<Value> {
    affix(vm, a, "endswith", true)
}

/// The needle of find/count/index: a bytes-like object or an int byte.
fn needle(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(v) {
        return Ok(b);
    }
    match v.payload() {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(vec![byte_of(vm, v)?]),
        _ => Err(PyErr::type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// (data, needle, start, end) of find/rfind/index/rindex/count.
fn search_args(vm: &mut Vm, a: &Args, meth: &str) -> PyResult<(Vec<u8>, Vec<u8>, i64, i64)> {
    let b = recv(vm, a, meth)?;
    a.no_kw(meth)?;
    a.expect(meth, 2, 4)?;
    let n = needle(vm, &a.pos[1])?;
    let d = b.to_vec();
    let (s, e) = adjust_indices(
        opt_bound(vm, a.pos.get(2))?,
        opt_bound(vm, a.pos.get(3))?,
        d.len(),
    );
    Ok((d, n, s, e))
}

fn locate(vm: &mut Vm, a: &Args, meth: &str, rev: bool) -> PyResult<i64> {
    let (d, n, s, e) = search_args(vm, a, meth)?;
    if s > e || s > d.len() as i64 {
        return Ok(-1);
    }
    let w = &d[s as usize..e as usize];
    let r = if rev { rfind_in(w, &n) } else { find(w, &n) };
    Ok(r.map(|p| p as i64 + s).unwrap_or(-1))
}

fn find_m(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(locate(vm, &a, "find", false)?))
}
fn rfind(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(locate(vm, &a, "rfind", true)?))
}
fn index(vm: &mut Vm, a: Args) -> PyResult<Value> {
    match locate(vm, &a, "index", false)? {
        -1 => Err(PyErr::value_error("subsection not found")),
        i => Ok(Value::Int(i)),
    }
}
fn rindex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    match locate(vm, &a, "rindex", true)? {
        -1 => Err(PyErr::value_error("subsection not found")),
        i => Ok(Value::Int(i)),
    }
}

fn count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let (d, n, s, e) = search_args(vm, &a, "count")?;
    if s > e || s > d.len() as i64 {
        return Ok(Value::Int(0));
    }
    let w = &d[s as usize..e as usize];
    if n.is_empty() {
        return Ok(Value::Int(w.len() as i64 + 1));
    }
    let mut c = 0;
    let mut i = 0;
    while let Some(p) = find(&w[i..], &n) {
        c += 1;
        i += p + n.len();
    }
    Ok(Value::Int(c))
}

fn replace(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv(vm, &a, "replace")?;
    a.no_kw("replace")?;
    a.expect("replace", 3, 4)?;
    let old = bytes_arg(vm, &a.pos[1])?;
    let new = bytes_arg(vm, &a.pos[2])?;
    let max = match a.pos.get(3) {
        None => -1,
        Some(v) => vm.to_index(v)?,
    };
    let d = b.to_vec();
    let mut out = Vec::with_capacity(d.len());
    let mut n = 0;
    if old.is_empty() {
        for (i, &c) in d.iter().enumerate() {
            if max < 0 || n < max {
                out.extend_from_slice(&new);
                n += 1;
            }
            out.push(c);
            let _ = i;
        }
        if max < 0 || n < max {
            out.extend_from_slice(&new);
        }
        return Ok(same_kind(&b, out));
    }
    let mut i = 0;
    while i < d.len() {
        if (max < 0 || n < max) && d[i..].starts_with(&old) {
            out.extend_from_slice(&new);
            i += old.len();
            n += 1;
        } else {
            out.push(d[i]);
            i += 1;
        }
    }
    Ok(same_kind(&b, out))
}

fn map_bytes(vm: &mut Vm, a: Args, meth: &str, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let b = recv(vm, &a, meth)?;
    a.expect(meth, 1, 1)?;
    let d = b.to_vec();
    Ok(same_kind(&b, f(&d)))
}

fn upper(vm: &mut Vm, a: Args) -> PyResult<Value> {
    map_bytes(vm, a, "upper", |d| d.to_ascii_uppercase())
}
fn lower(vm: &mut Vm, a: Args) -> PyResult<Value> {
    map_bytes(vm, a, "lower", |d| d.to_ascii_lowercase())
}
fn swapcase(vm: &mut Vm, a: Args) -> PyResult<Value> {
    map_bytes(vm, a, "swapcase", |d| {
        d.iter()
            .map(|c| {
                if c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    })
}
fn capitalize(vm: &mut Vm, a: Args) -> PyResult<Value> {
    map_bytes(vm, a, "capitalize", |d| {
        d.iter()
            .enumerate()
            .map(|(i, c)| {
                if i == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    })
}
fn title(vm: &mut Vm, a: Args) -> PyResult<Value> {
    map_bytes(vm, a, "title", |d| {
        let mut prev = false;
        d.iter()
            .map(|&c| {
                let r = if prev {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                };
                prev = c.is_ascii_alphabetic();
                r
            })
            .collect()
    })
}

fn test(vm: &mut Vm, a: Args, meth: &str, f: fn(&[u8]) -> bool) -> PyResult<Value> {
    let b = recv(vm, &a, meth)?;
    a.expect(meth, 1, 1)?;
    let d = b.to_vec();
    Ok(Value::Bool(f(&d)))
}

fn isdigit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    test(vm, a, "isdigit", |d| {
        !d.is_empty() && d.iter().all(u8::is_ascii_digit)
    })
}
fn isalpha(vm: &mut Vm, a: Args) -> PyResult<Value> {
    test(vm, a, "isalpha", |d| {
        !d.is_empty() && d.iter().all(u8::is_ascii_alphabetic)
    })
}
fn isalnum(vm: &mut Vm, a: Args) -> PyResult<Value> {
    test(vm, a, "isalnum", |d| {
        !d.is_empty() && d.iter().all(u8::is_ascii_alphanumeric)
    })
}
fn isspace(vm: &mut Vm, a: Args) -> PyResult<Value> {
    test(vm, a, "isspace", |d| {
        !d.is_empty() && d.iter().all(|&c| is_space(c))
    })
}
fn islower(vm: &mut Vm, a: Args) -> PyResult<Value> {
    test(vm, a, "islower", |d| {
        d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase)
    })
}
fn isupper(vm: &mut Vm, a: Args) -> PyResult<Value> {
    test(vm, a, "isupper", |d| {
        d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase)
    })
}
fn isascii(vm: &mut Vm, a: Args) -> PyResult<Value> {
    test(vm, a, "isascii", |d| d.is_ascii())
}
fn istitle(vm: &mut Vm, a: Args) -> PyResult<Value> {
    test(vm, a, "istitle", |d| {
        let mut prev_cased = false;
        let mut any = false;
        for &c in d {
            if c.is_ascii_uppercase() {
                if prev_cased {
                    return false;
                }
                prev_cased = true;
                any = true;
            } else if c.is_ascii_lowercase() {
                if !prev_cased {
                    return false;
                }
                prev_cased = true;
                any = true;
            } else {
                prev_cased = false;
            }
        }
        any
    })
}

fn part(vm: &mut Vm, a: Args, meth: &str, rev: bool) -> PyResult<Value> {
    let b = recv(vm, &a, meth)?;
    a.expect(meth, 2, 2)?;
    let sep = bytes_arg(vm, &a.pos[1])?;
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let d = b.to_vec();
    let at = if rev {
        rfind_in(&d, &sep)
    } else {
        find(&d, &sep)
    };
    let k = |v: Vec<u8>| same_kind(&b, v);
    Ok(Value::tuple(match at {
        Some(p) => vec![
            k(d[..p].to_vec()),
            k(sep.clone()),
            k(d[p + sep.len()..].to_vec()),
        ],
        None if rev => vec![k(vec![]), k(vec![]), k(d)],
        None => vec![k(d), k(vec![]), k(vec![])],
    }))
}

fn partition(vm: &mut Vm, a: Args) -> PyResult<Value> {
    part(vm, a, "partition", false)
}
fn rpartition(vm: &mut Vm, a: Args) -> PyResult<Value> {
    part(vm, a, "rpartition", true)
}

fn pad(vm: &mut Vm, a: Args, meth: &str, how: u8) -> PyResult<Value> {
    let b = recv(vm, &a, meth)?;
    a.no_kw(meth)?;
    a.expect(meth, 2, 3)?;
    let width = ssize_arg(vm, &a.pos[1])?;
    let fill = match a.pos.get(2) {
        None => b' ',
        Some(v) => match bytes_like(v) {
            Some(f) if f.len() == 1 && matches!(v.payload(), Value::Bytes(_)) => f[0],
            _ => {
                return Err(PyErr::type_error(format!(
                    "{meth}() argument 2 must be a byte string of length 1, not {}",
                    vm.type_name(v)
                )))
            }
        },
    };
    let d = b.to_vec();
    let n = d.len() as i64;
    if width <= n {
        return Ok(same_kind(&b, d));
    }
    let total = (width - n) as usize;
    let (l, r) = match how {
        b'l' => (0, total),
        b'r' => (total, 0),
        // CPython's centre: the extra byte goes left when the width is odd and the
        // string's length even.
        _ => {
            let l = total / 2 + (total & width as usize & 1);
            (l, total - l)
        }
    };
    // The width is the program's: MemoryError when the allocator refuses it.
    let mut out = crate::vm::alloc::vec::<u8>(width as usize)?;
    out.resize(l, fill);
    out.extend_from_slice(&d);
    out.extend(std::iter::repeat_n(fill, r));
    Ok(same_kind(&b, out))
}

/// A width argument: CPython's OverflowError for ints past ssize_t.
fn ssize_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    crate::vm::range::index_big(vm, v)?
        .to_i64()
        .ok_or_else(|| PyErr::overflow_error("Python int too large to convert to C ssize_t"))
}

fn ljust(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pad(vm, a, "ljust", b'l')
}
fn rjust(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pad(vm, a, "rjust", b'r')
}
fn center(vm: &mut Vm, a: Args) -> PyResult<Value> {
    pad(vm, a, "center", b'c')
}

fn zfill(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv(vm, &a, "zfill")?;
    a.expect("zfill", 2, 2)?;
    let width = ssize_arg(vm, &a.pos[1])?;
    let d = b.to_vec();
    if width <= d.len() as i64 {
        return Ok(same_kind(&b, d));
    }
    let fill = width as usize - d.len();
    let (sign, rest) = match d.first() {
        Some(&c @ (b'+' | b'-')) => (vec![c], &d[1..]),
        _ => (vec![], &d[..]),
    };
    let mut out = crate::vm::alloc::vec::<u8>(width as usize)?;
    out.extend_from_slice(&sign);
    out.extend(std::iter::repeat_n(b'0', fill));
    out.extend_from_slice(rest);
    Ok(same_kind(&b, out))
}

fn splitlines(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv(vm, &a, "splitlines")?;
    a.only_kw("splitlines", &["keepends"])?;
    let keep = match param(&a, 1, "keepends") {
        None => false,
        Some(v) => vm.truthy(v)?,
    };
    let d = b.to_vec();
    let mut out = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while i < d.len() {
        let eol = match d[i] {
            b'\n' => 1,
            b'\r' if d.get(i + 1) == Some(&b'\n') => 2,
            b'\r' => 1,
            _ => 0,
        };
        if eol == 0 {
            i += 1;
            continue;
        }
        let end = if keep { i + eol } else { i };
        out.push(same_kind(&b, d[start..end].to_vec()));
        i += eol;
        start = i;
    }
    if start < d.len() {
        out.push(same_kind(&b, d[start..].to_vec()));
    }
    Ok(Value::list(out))
}

fn removeprefix(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv(vm, &a, "removeprefix")?;
    a.expect("removeprefix", 2, 2)?;
    let p = bytes_arg(vm, &a.pos[1])?;
    let d = b.to_vec();
    Ok(same_kind(
        &b,
        d.strip_prefix(p.as_slice()).unwrap_or(&d).to_vec(),
    ))
}

fn removesuffix(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv(vm, &a, "removesuffix")?;
    a.expect("removesuffix", 2, 2)?;
    let p = bytes_arg(vm, &a.pos[1])?;
    let d = b.to_vec();
    Ok(same_kind(
        &b,
        d.strip_suffix(p.as_slice()).unwrap_or(&d).to_vec(),
    ))
}

fn expandtabs(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv(vm, &a, "expandtabs")?;
    a.only_kw("expandtabs", &["tabsize"])?;
    let size = match param(&a, 1, "tabsize") {
        None => 8,
        // A C int in CPython.
        Some(v) => match crate::vm::range::index_big(vm, v)?.to_i32() {
            Some(n) => n as i64,
            None => {
                return Err(PyErr::overflow_error(
                    "Python int too large to convert to C int",
                ))
            }
        },
    };
    let d = b.to_vec();
    let mut out = Vec::new();
    let mut col: i64 = 0;
    for &c in &d {
        match c {
            b'\t' => {
                if size > 0 {
                    let n = size - col % size;
                    if col.checked_add(n).is_none() {
                        return Err(PyErr::overflow_error("result too long"));
                    }
                    out.try_reserve(n as usize)
                        .map_err(|_| crate::vm::builtins::memory_error())?;
                    out.extend(std::iter::repeat_n(b' ', n as usize));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(same_kind(&b, out))
}

// ----- bytearray mutators ---------------------------------------------------------

fn append(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv_mut(vm, &a, "append")?;
    a.expect("append", 2, 2)?;
    let x = byte_of(vm, &a.pos[1])?;
    b.check_resize()?;
    b.data.lock().push(x);
    Ok(Value::None)
}

fn extend(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv_mut(vm, &a, "extend")?;
    a.expect("extend", 2, 2)?;
    let v = &a.pos[1];
    let data = match bytes_like(v) {
        Some(d) => d,
        None => {
            let ty = vm.type_of(v);
            if ty.slots.iter.get().is_none() && ty.lookup_str("__getitem__").is_none() {
                return Err(PyErr::type_error(format!(
                    "can't extend bytearray with {}",
                    ty.name()
                )));
            }
            let items = vm.collect(v)?;
            let mut out = Vec::with_capacity(items.len());
            for it in &items {
                out.push(byte_of(vm, it)?);
            }
            out
        }
    };
    if !data.is_empty() {
        b.check_resize()?;
    }
    b.data.lock().extend_from_slice(&data);
    Ok(Value::None)
}

fn pop(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv_mut(vm, &a, "pop")?;
    a.expect("pop", 1, 2)?;
    let n = b.len() as i64;
    if n == 0 {
        return Err(PyErr::index_error("pop from empty bytearray"));
    }
    let i = match a.pos.get(1) {
        None => -1,
        Some(v) => vm.to_index(v)?,
    };
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(PyErr::index_error("pop index out of range"));
    }
    b.check_resize()?;
    let x = b.data.lock().remove(j as usize);
    Ok(Value::Int(x as i64))
}

fn insert(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv_mut(vm, &a, "insert")?;
    a.expect("insert", 3, 3)?;
    let i = vm.to_index(&a.pos[1])?;
    let x = byte_of(vm, &a.pos[2])?;
    b.check_resize()?;
    let n = b.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    b.data.lock().insert(at as usize, x);
    Ok(Value::None)
}

fn remove(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv_mut(vm, &a, "remove")?;
    a.expect("remove", 2, 2)?;
    let x = byte_of(vm, &a.pos[1])?;
    let at = b.data.lock().iter().position(|&c| c == x);
    match at {
        Some(p) => {
            b.check_resize()?;
            b.data.lock().remove(p);
            Ok(Value::None)
        }
        None => Err(PyErr::value_error("value not found in bytearray")),
    }
}

fn clear(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv_mut(vm, &a, "clear")?;
    b.check_resize()?;
    b.data.lock().clear();
    Ok(Value::None)
}

fn copy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv_mut(vm, &a, "copy")?;
    Ok(Value::bytearray(b.to_vec()))
}

fn reverse(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = recv_mut(vm, &a, "reverse")?;
    b.data.lock().reverse();
    Ok(Value::None)
}

// ----- int.to_bytes / int.from_bytes ----------------------------------------------

fn byteorder(vm: &Vm, v: Option<&Value>, meth: &str) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(Value::Str(s)) => match s.as_str() {
            "big" => Ok(false),
            "little" => Ok(true),
            _ => Err(PyErr::value_error(
                "byteorder must be either 'little' or 'big'",
            )),
        },
        Some(v) => Err(PyErr::type_error(format!(
            "{meth}() argument 'byteorder' must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn to_bytes(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let n = match self_arg(&a, "int", "to_bytes")?.payload() {
        Value::Int(i) => BigInt::from(*i),
        Value::Bool(b) => BigInt::from(*b as i64),
        Value::BigInt(b) => (**b).clone(),
        v => return Err(wrong_self(vm, "int", "to_bytes", v)),
    };
    a.only_kw("to_bytes", &["length", "byteorder", "signed"])?;
    max_args(&a, "to_bytes", 2)?;
    let length = match param(&a, 1, "length") {
        None => 1,
        Some(v) => vm.to_index(v)?,
    };
    if length < 0 {
        return Err(PyErr::value_error("length argument must be non-negative"));
    }
    let little = byteorder(vm, param(&a, 2, "byteorder"), "to_bytes")?;
    let signed = match a.kw("signed") {
        None => false,
        Some(v) => vm.truthy(v)?,
    };
    if !signed && n.sign() == Sign::Minus {
        return Err(PyErr::overflow_error(
            "can't convert negative int to unsigned",
        ));
    }
    let mut bytes = if signed {
        n.to_signed_bytes_le()
    } else {
        n.to_bytes_le().1
    };
    // `to_bytes_le` of zero is [0]; minimal forms may be shorter than `length`.
    while bytes.len() > 1
        && bytes.last() == Some(&0)
        && (!signed || bytes[bytes.len() - 2] & 0x80 == 0)
    {
        bytes.pop();
    }
    if n.sign() == Sign::NoSign {
        bytes.clear();
    }
    if bytes.len() > length as usize {
        return Err(PyErr::overflow_error("int too big to convert"));
    }
    let fill = if signed && n.sign() == Sign::Minus {
        0xff
    } else {
        0
    };
    bytes.resize(length as usize, fill);
    if !little {
        bytes.reverse();
    }
    Ok(Value::bytes(bytes))
}

fn from_bytes(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cls = match a.pos.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => crate::vm::types::types().int.clone(),
    };
    a.only_kw("from_bytes", &["bytes", "byteorder", "signed"])?;
    let src = param(&a, 1, "bytes").ok_or_else(|| {
        PyErr::type_error("from_bytes() missing required argument 'bytes' (pos 1)")
    })?;
    let data = match bytes_like(src) {
        Some(d) => d,
        None => match src.payload() {
            Value::Str(_) => return Err(PyErr::type_error("cannot convert 'str' object to bytes")),
            _ => {
                let items = vm.collect(src)?;
                let mut out = Vec::new();
                for it in &items {
                    out.push(byte_of(vm, it).map_err(|e| {
                        if e.is(&crate::vm::types::types().value_error) {
                            PyErr::value_error("bytes must be in range(0, 256)")
                        } else {
                            e
                        }
                    })?);
                }
                out
            }
        },
    };
    let little = byteorder(vm, param(&a, 2, "byteorder"), "from_bytes")?;
    let signed = match a.kw("signed") {
        None => false,
        Some(v) => vm.truthy(v)?,
    };
    let n = match (little, signed) {
        (true, false) => BigInt::from_bytes_le(Sign::Plus, &data),
        (false, false) => BigInt::from_bytes_be(Sign::Plus, &data),
        (true, true) => BigInt::from_signed_bytes_le(&data),
        (false, true) => BigInt::from_signed_bytes_be(&data),
    };
    let v = Value::from_bigint(n);
    if cls.is_heap() {
        return vm.call(&Value::Class(cls), &[v], &[]);
    }
    Ok(v)
}
