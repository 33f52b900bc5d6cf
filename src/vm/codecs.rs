//! Text encodings for `str.encode`/`bytes.decode`: utf-8, ascii and latin-1 with the
//! error handlers strict, ignore, replace, backslashreplace (and xmlcharrefreplace
//! when encoding), and the UnicodeError classes with CPython's messages.

use super::errors::{new_exception, PyErr, PyResult};
use super::object::{Args, Class, ClassKind};
use super::refcount::Ref;
use super::types::{self, types};
use super::value::Value;
use super::Vm;
use std::sync::OnceLock;

#[derive(Clone, Copy, PartialEq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
    fn limit(self) -> u32 {
        match self {
            Codec::Ascii => 128,
            _ => 256,
        }
    }
}

fn lookup(enc: &str) -> PyResult<Codec> {
    let norm: String = enc
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == '_' || c == ' ' { '-' } else { c })
        .collect();
    Ok(match norm.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Codec::Utf8,
        "ascii" | "us-ascii" | "646" | "us" => Codec::Ascii,
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" | "l1" | "latin"
        | "iso-ir-100" => Codec::Latin1,
        _ => {
            return Err(PyErr::new(
                &lookup_error(),
                format!("unknown encoding: {enc}"),
            ))
        }
    })
}

fn lookup_error() -> Ref<Class> {
    types().lookup_error.clone()
}

fn unknown_handler(name: &str) -> PyErr {
    PyErr::new(
        &lookup_error(),
        format!("unknown error handler name '{name}'"),
    )
}

/// `s.encode(encoding, errors)`.
pub fn encode(s: &str, enc: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = lookup(enc)?;
    if codec == Codec::Utf8 {
        return Ok(s.as_bytes().to_vec());
    }
    let limit = codec.limit();
    if s.chars().all(|c| (c as u32) < limit) {
        return Ok(s.chars().map(|c| c as u8).collect());
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u8);
            i += 1;
            continue;
        }
        match errors {
            "strict" => {
                // CPython reports the whole run of unencodable characters.
                let mut end = i;
                while end < chars.len() && (chars[end] as u32) >= limit {
                    end += 1;
                }
                return Err(encode_error(
                    codec,
                    s,
                    i,
                    end,
                    &format!("ordinal not in range({limit})"),
                ));
            }
            "ignore" => {}
            "replace" => out.push(b'?'),
            "backslashreplace" => out.extend(escape_char(c).bytes()),
            "xmlcharrefreplace" => out.extend(format!("&#{};", c as u32).bytes()),
            other => return Err(unknown_handler(other)),
        }
        i += 1;
    }
    Ok(out)
}

fn escape_char(c: char) -> String {
    let v = c as u32;
    if v < 0x100 {
        format!("\\x{v:02x}")
    } else if v < 0x10000 {
        format!("\\u{v:04x}")
    } else {
        format!("\\U{v:08x}")
    }
}

/// `b.decode(encoding, errors)`.
pub fn decode(data: &[u8], enc: &str, errors: &str) -> PyResult<String> {
    let codec = lookup(enc)?;
    match codec {
        Codec::Latin1 => Ok(data.iter().map(|&b| b as char).collect()),
        Codec::Ascii => {
            if data.is_ascii() {
                return Ok(data.iter().map(|&b| b as char).collect());
            }
            let mut out = String::with_capacity(data.len());
            for (i, &b) in data.iter().enumerate() {
                if b < 128 {
                    out.push(b as char);
                    continue;
                }
                bad_bytes(
                    &mut out,
                    codec,
                    data,
                    i,
                    i + 1,
                    "ordinal not in range(128)",
                    errors,
                )?;
            }
            Ok(out)
        }
        Codec::Utf8 => {
            let mut out = String::with_capacity(data.len());
            let mut rest = data;
            let mut base = 0;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        return Ok(out);
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
                        let start = base + good;
                        let first = rest[good];
                        let (n, reason) = match e.error_len() {
                            None => (rest.len() - good, "unexpected end of data"),
                            Some(n) if (0x80..0xc2).contains(&first) || first >= 0xf5 => {
                                (n, "invalid start byte")
                            }
                            Some(n) => (n, "invalid continuation byte"),
                        };
                        bad_bytes(&mut out, codec, data, start, start + n, reason, errors)?;
                        rest = &rest[good + n..];
                        base = start + n;
                    }
                }
            }
        }
    }
}

/// Applies the error handler to the undecodable `data[start..end]`.
fn bad_bytes(
    out: &mut String,
    codec: Codec,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
    errors: &str,
) -> PyResult<()> {
    match errors {
        "strict" => Err(decode_error(codec, data, start, end, reason)),
        "ignore" => Ok(()),
        "replace" => {
            out.push('\u{fffd}');
            Ok(())
        }
        "backslashreplace" => {
            for b in &data[start..end] {
                out.push_str(&format!("\\x{b:02x}"));
            }
            Ok(())
        }
        other => Err(unknown_handler(other)),
    }
}

fn decode_error(codec: Codec, data: &[u8], start: usize, end: usize, reason: &str) -> PyErr {
    let exc = new_exception(
        unicode_decode_error(),
        vec![
            Value::str(codec.name()),
            Value::bytes(data.to_vec()),
            Value::Int(start as i64),
            Value::Int(end as i64),
            Value::str(reason),
        ],
    );
    set_fields(&exc);
    PyErr { exc }
}

fn encode_error(codec: Codec, s: &str, start: usize, end: usize, reason: &str) -> PyErr {
    let exc = new_exception(
        unicode_encode_error(),
        vec![
            Value::str(codec.name()),
            Value::str(s),
            Value::Int(start as i64),
            Value::Int(end as i64),
            Value::str(reason),
        ],
    );
    set_fields(&exc);
    PyErr { exc }
}

/// `encoding object start end reason` from the five arguments.
fn set_fields(exc: &Value) {
    let Value::Instance(inst) = exc else { return };
    let args = match &inst.exc {
        Some(d) => d.lock().args.clone(),
        None => return,
    };
    if args.len() == 5 {
        for (name, v) in ["encoding", "object", "start", "end", "reason"]
            .iter()
            .zip(args)
        {
            inst.set_attr(name, v);
        }
    }
}

fn make(name: &str, base: &Ref<Class>) -> Ref<Class> {
    let c = types::new_class(name, Some(base), ClassKind::Exception);
    Class::set_attr(
        &c,
        super::value::intern("__module__"),
        Value::str("builtins"),
    );
    super::value::shared_class(c)
}

/// `UnicodeError` (a ValueError) and its decode/encode subclasses.
pub fn unicode_classes() -> &'static [Ref<Class>; 3] {
    static C: OnceLock<[Ref<Class>; 3]> = OnceLock::new();
    C.get_or_init(|| {
        let base = make("UnicodeError", &types().value_error);
        let dec = make("UnicodeDecodeError", &base);
        let enc = make("UnicodeEncodeError", &base);
        for c in [&dec, &enc] {
            types::install(c, &[("__init__", unicode_init), ("__str__", unicode_str)]);
            super::value::shared_class(c.clone());
        }
        [base, dec, enc]
    })
}

pub fn unicode_decode_error() -> &'static Ref<Class> {
    &unicode_classes()[1]
}

pub fn unicode_encode_error() -> &'static Ref<Class> {
    &unicode_classes()[2]
}

fn unicode_init(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(v @ Value::Instance(inst)) = a.pos.first() else {
        return Ok(Value::None);
    };
    let args = &a.pos[1..];
    let decode = vm.type_of(v).is_subclass(unicode_decode_error());
    let name = if decode {
        "UnicodeDecodeError"
    } else {
        "UnicodeEncodeError"
    };
    if args.len() != 5 {
        return Err(PyErr::type_error(format!(
            "function takes exactly 5 arguments ({} given)",
            args.len()
        )));
    }
    let _ = name;
    if let Some(d) = &inst.exc {
        d.lock().args = args.to_vec();
    }
    set_fields(v);
    Ok(Value::None)
}

fn unicode_str(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let Some(v @ Value::Instance(inst)) = a.pos.first() else {
        return Ok(Value::str(""));
    };
    let get = |n: &str| inst.get_attr(n);
    let (Some(enc), Some(obj), Some(Value::Int(start)), Some(Value::Int(end)), Some(reason)) = (
        get("encoding"),
        get("object"),
        get("start"),
        get("end"),
        get("reason"),
    ) else {
        let args = match &inst.exc {
            Some(d) => d.lock().args.clone(),
            None => vec![],
        };
        return match args.as_slice() {
            [] => Ok(Value::str("")),
            [x] => Ok(Value::string(vm.str(x)?)),
            _ => Ok(Value::string(vm.repr(&Value::tuple(args))?)),
        };
    };
    let enc = vm.str(&enc)?;
    let reason = vm.str(&reason)?;
    let decode = vm.type_of(v).is_subclass(unicode_decode_error());
    let (start, end) = (start, end);
    if decode {
        let data = super::bytes::bytes_like(&obj).unwrap_or_default();
        if end == start + 1 && (start as usize) < data.len() {
            return Ok(Value::string(format!(
                "'{enc}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
                data[start as usize]
            )));
        }
        return Ok(Value::string(format!(
            "'{enc}' codec can't decode bytes in position {start}-{}: {reason}",
            end - 1
        )));
    }
    let chars: Vec<char> = match &obj {
        Value::Str(s) => s.as_str().chars().collect(),
        _ => vec![],
    };
    if end == start + 1 && (start as usize) < chars.len() {
        let c = chars[start as usize];
        let shown = if (c as u32) < 0x100 {
            format!("\\x{:02x}", c as u32)
        } else if (c as u32) < 0x10000 {
            format!("\\u{:04x}", c as u32)
        } else {
            format!("\\U{:08x}", c as u32)
        };
        return Ok(Value::string(format!(
            "'{enc}' codec can't encode character '{shown}' in position {start}: {reason}"
        )));
    }
    Ok(Value::string(format!(
        "'{enc}' codec can't encode characters in position {start}-{}: {reason}",
        end - 1
    )))
}
