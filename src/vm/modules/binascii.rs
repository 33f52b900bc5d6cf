//! The `binascii` module in Rust: hex and base64 conversions, crc32 and crc_hqx, and
//! `binascii.Error`/`Incomplete`, with CPython's argument handling and messages.

use super::{add_functions, bind};
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, ClassKind, DictObj};
use crate::vm::refcount::Ref;
use crate::vm::types::types;
use crate::vm::value::Value;
use crate::vm::Vm;
use std::sync::OnceLock;

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    add_functions(
        d,
        &[
            ("hexlify", hexlify),
            ("b2a_hex", hexlify),
            ("unhexlify", unhexlify),
            ("a2b_hex", unhexlify),
            ("a2b_base64", a2b_base64),
            ("b2a_base64", b2a_base64),
            ("crc32", crc32),
            ("crc_hqx", crc_hqx),
        ],
    );
    d.set_str("Error", Value::Class(error_class().clone()));
    d.set_str("Incomplete", Value::Class(incomplete_class().clone()));
    Ok(())
}

fn exc_class(cell: &'static OnceLock<Ref<Class>>, name: &str, base: &Ref<Class>) -> Ref<Class> {
    cell.get_or_init(|| {
        let c = crate::vm::types::new_class(
            &format!("binascii.{name}"),
            Some(base),
            ClassKind::Exception,
        );
        c.set_qualname(name);
        Class::set_attr(
            &c,
            crate::vm::value::intern("__module__"),
            Value::str("binascii"),
        );
        crate::vm::value::shared_class(c)
    })
    .clone()
}

fn error_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    exc_class(&C, "Error", &types().value_error)
}

fn incomplete_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    exc_class(&C, "Incomplete", &types().exception)
}

fn err(msg: impl Into<String>) -> PyErr {
    PyErr::new(&error_class(), msg)
}

/// The input of the a2b_* functions: a bytes-like object or an ASCII-only str.
fn ascii_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Value::Str(s) = v {
        if !s.is_ascii() {
            return Err(PyErr::value_error(
                "string argument should contain only ASCII characters",
            ));
        }
        return Ok(s.as_str().as_bytes().to_vec());
    }
    crate::vm::bytes::bytes_like(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "argument should be bytes, buffer or ASCII string, not '{}'",
            vm.type_name(v)
        ))
    })
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `hexlify(data, sep=None, bytes_per_sep=1)`: a positive `bytes_per_sep` counts the
/// groups from the right, a negative one from the left (as `bytes.hex`).
fn hexlify(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&a, "hexlify", &["data", "sep", "bytes_per_sep"], 0, 1)?;
    let data = crate::vm::bytes::need_bytes(vm, p[0].expect("required"))?;
    let sep = match p[1] {
        None | Some(Value::None) => None,
        Some(v) => {
            let sep: Vec<u8> = match v {
                Value::Str(s) => {
                    let chars: Vec<char> = s.as_str().chars().collect();
                    match chars.as_slice() {
                        [c] if (*c as u32) < 256 => vec![*c as u32 as u8],
                        [c] if !c.is_ascii() => {
                            return Err(PyErr::value_error("sep must be ASCII."))
                        }
                        _ => chars.iter().map(|_| 0).collect(),
                    }
                }
                other => match crate::vm::bytes::bytes_like(other) {
                    Some(b) => b,
                    None => {
                        return Err(PyErr::type_error(format!(
                            "object of type '{}' has no len()",
                            vm.type_name(other)
                        )))
                    }
                },
            };
            if sep.len() != 1 {
                return Err(PyErr::value_error("sep must be length 1."));
            }
            Some(sep[0])
        }
    };
    let per = match p[2] {
        None => 1,
        Some(v) => vm.to_index(v)?,
    };
    let mut out = Vec::with_capacity(data.len() * 3);
    let group = per.unsigned_abs() as usize;
    for (i, &b) in data.iter().enumerate() {
        if let Some(s) = sep {
            if i > 0 && group > 0 {
                // Where a separator goes: after every `group` bytes counted from the
                // left (negative) or such that the last group is whole (positive).
                let boundary = if per < 0 {
                    i % group == 0
                } else {
                    (data.len() - i) % group == 0
                };
                if boundary {
                    out.push(s);
                }
            }
        }
        out.push(HEX[(b >> 4) as usize]);
        out.push(HEX[(b & 15) as usize]);
    }
    Ok(Value::bytes(out))
}

fn hex_digit(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|d| d as u8)
}

fn unhexlify(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = bind(&a, "unhexlify", &["hexstr"], 1, 1)?;
    let data = ascii_arg(vm, p[0].expect("required"))?;
    if data.len() % 2 != 0 {
        return Err(err("Odd-length string"));
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks(2) {
        match (hex_digit(pair[0]), hex_digit(pair[1])) {
            (Some(h), Some(l)) => out.push(h << 4 | l),
            _ => return Err(err("Non-hexadecimal digit found")),
        }
    }
    Ok(Value::bytes(out))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u8> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    })
}

fn kw_only_flag(vm: &mut Vm, a: &Args, fname: &str, name: &str, default: bool) -> PyResult<bool> {
    let mut flag = default;
    for (k, v) in a.kw {
        if k.as_str() == name {
            flag = vm.truthy(v)?;
        } else {
            return Err(PyErr::type_error(format!(
                "'{}' is an invalid keyword argument for {fname}()",
                k.as_str()
            )));
        }
    }
    Ok(flag)
}

fn positional_one<'a>(a: &Args<'a>, fname: &str) -> PyResult<&'a Value> {
    match a.pos {
        [v] => Ok(v),
        _ => Err(PyErr::type_error(format!(
            "{fname}() takes exactly 1 positional argument ({} given)",
            a.pos.len()
        ))),
    }
}

/// `a2b_base64(data, /, *, strict_mode=False)`. Without strict mode characters
/// outside the alphabet are skipped and decoding stops at the padding that completes
/// a quad; strict mode refuses anything but canonical base64.
fn a2b_base64(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let strict = kw_only_flag(vm, &a, "a2b_base64", "strict_mode", false)?;
    let data = ascii_arg(vm, positional_one(&a, "a2b_base64")?)?;
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let mut quad = 0u8;
    let mut left = 0u8;
    let mut pads = 0usize;
    let mut padding = false;
    if strict && data.first() == Some(&b'=') {
        return Err(err("Leading padding not allowed"));
    }
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding = true;
            if strict && quad == 0 {
                return Err(err("Excess padding not allowed"));
            }
            if quad >= 2 {
                pads += 1;
                if quad as usize + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err(err("Excess data after padding"));
                    }
                    return Ok(Value::bytes(out));
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err(err("Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding {
            return Err(err("Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad {
            0 => {
                left = v;
                quad = 1;
            }
            1 => {
                out.push(left << 2 | v >> 4);
                left = v & 0xf;
                quad = 2;
            }
            2 => {
                out.push(left << 4 | v >> 2);
                left = v & 0x3;
                quad = 3;
            }
            _ => {
                out.push(left << 6 | v);
                quad = 0;
            }
        }
    }
    match quad {
        0 => Ok(Value::bytes(out)),
        1 => Err(err(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4",
            out.len() / 3 * 4 + 1
        ))),
        _ => Err(err("Incorrect padding")),
    }
}

fn b2a_base64(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let newline = kw_only_flag(vm, &a, "b2a_base64", "newline", true)?;
    let data = crate::vm::bytes::need_bytes(vm, positional_one(&a, "b2a_base64")?)?;
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * k) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    if newline {
        out.push(b'\n');
    }
    Ok(Value::bytes(out))
}

/// An unsigned C int argument: any int, reduced modulo 2**bits (CPython's bitmask
/// conversion).
fn masked(vm: &mut Vm, v: &Value, bits: u32) -> PyResult<u32> {
    let mask = ((1u64 << bits) - 1) as u32;
    match v.payload() {
        Value::Int(i) => Ok((*i as u64 as u32) & mask),
        Value::Bool(b) => Ok(*b as u32),
        Value::BigInt(b) => {
            // The low 32 bits of the two's complement.
            let m: num_bigint::BigInt = &**b & num_bigint::BigInt::from(u32::MAX);
            let low: u64 = m.try_into().unwrap_or(0);
            Ok(low as u32 & mask)
        }
        Value::Float(_) => Err(PyErr::type_error("integer argument expected, got float")),
        _ => Ok((vm.to_index(v)? as u64 as u32) & mask),
    }
}

fn crc32_table() -> &'static [u32; 256] {
    static T: OnceLock<[u32; 256]> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = [0u32; 256];
        for (n, slot) in t.iter_mut().enumerate() {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *slot = c;
        }
        t
    })
}

fn crc32(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("crc32")?;
    a.expect("crc32", 1, 2)?;
    let data = crate::vm::bytes::need_bytes(vm, &a.pos[0])?;
    let start = match a.pos.get(1) {
        Some(v) => masked(vm, v, 32)?,
        None => 0,
    };
    let t = crc32_table();
    let mut c = !start;
    for &b in &data {
        c = t[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
    }
    Ok(Value::Int((!c) as i64))
}

/// CRC-CCITT (polynomial 0x1021, not reflected), as binhex used it.
fn crc_hqx(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("crc_hqx")?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "crc_hqx expected 2 arguments, got {}",
            a.pos.len()
        )));
    }
    let data = crate::vm::bytes::need_bytes(vm, &a.pos[0])?;
    let mut crc = masked(vm, &a.pos[1], 16)? as u16;
    for &b in &data {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    Ok(Value::Int(crc as i64))
}
