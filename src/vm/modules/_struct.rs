//! `_struct` in Rust, under `struct.py`: packing Python values into C layouts and back
//! (`pack unpack calcsize iter_unpack unpack_from pack_into`), byte orders, native
//! alignment, and `struct.error` with CPython's messages.

use super::add_functions;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, ClassKind, DictObj};
use crate::vm::refcount::Ref;
use crate::vm::types::types;
use crate::vm::value::Value;
use crate::vm::Vm;
use num_traits::ToPrimitive;
use std::sync::OnceLock;

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    add_functions(
        d,
        &[
            ("pack", pack),
            ("unpack", unpack),
            ("calcsize", calcsize),
            ("iter_unpack", iter_unpack),
            ("unpack_from", unpack_from),
            ("pack_into", pack_into),
            ("_clearcache", clearcache),
        ],
    );
    d.set_str("error", Value::Class(error_class().clone()));
    Ok(())
}

/// `struct.error` (CPython's `_struct.error`, shown as `struct.error`).
fn error_class() -> &'static Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    C.get_or_init(|| {
        // Named `struct.error` (how tracebacks print it), qualname `error`, as CPython's.
        let c = crate::vm::types::new_class(
            "struct.error",
            Some(&types().exception),
            ClassKind::Exception,
        );
        c.set_qualname("error");
        Class::set_attr(
            &c,
            crate::vm::value::intern("__module__"),
            Value::str("struct"),
        );
        crate::vm::value::shared_class(c)
    })
}

fn err(msg: impl Into<String>) -> PyErr {
    PyErr::new(error_class(), msg)
}

#[derive(Clone, Copy, PartialEq)]
enum Order {
    /// `@`: native sizes and alignment.
    Native,
    /// `=` and `<`: standard sizes, little-endian.
    Little,
    /// `>` and `!`: standard sizes, big-endian.
    Big,
}

#[derive(Clone, Copy)]
struct Item {
    code: char,
    /// Repeat count; for `s`/`p` the byte length of one field.
    count: usize,
    size: usize,
    offset: usize,
}

struct Layout {
    order: Order,
    items: Vec<Item>,
    size: usize,
    /// Python values consumed or produced.
    nvalues: usize,
}

fn item_size(order: Order, code: char) -> Option<usize> {
    let native = order == Order::Native;
    Some(match code {
        'x' | 'c' | 'b' | 'B' | '?' | 's' | 'p' => 1,
        'h' | 'H' | 'e' => 2,
        'i' | 'I' | 'f' => 4,
        'l' | 'L' => {
            if native {
                std::mem::size_of::<std::os::raw::c_long>()
            } else {
                4
            }
        }
        'q' | 'Q' | 'd' => 8,
        'n' | 'N' | 'P' if native => std::mem::size_of::<usize>(),
        _ => return None,
    })
}

fn parse(fmt: &str) -> PyResult<Layout> {
    let mut chars = fmt.chars().peekable();
    let order = match chars.peek() {
        Some('@') => Order::Native,
        Some('=') | Some('<') => Order::Little,
        Some('>') | Some('!') => Order::Big,
        _ => {
            return parse_items(Order::Native, fmt.chars().collect());
        }
    };
    chars.next();
    // '=' is native order with standard sizes: little-endian on every host we build for.
    let order = if order == Order::Little && fmt.starts_with('=') && cfg!(target_endian = "big") {
        Order::Big
    } else {
        order
    };
    parse_items(order, chars.collect())
}

fn parse_items(order: Order, chars: Vec<char>) -> PyResult<Layout> {
    let mut items = vec![];
    let mut size = 0usize;
    let mut nvalues = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut count: Option<usize> = None;
        while i < chars.len() && chars[i].is_ascii_digit() {
            let digit = chars[i].to_digit(10).unwrap_or(0) as usize;
            count = Some(
                count
                    .unwrap_or(0)
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(digit))
                    .ok_or_else(|| err("total struct size too long"))?,
            );
            i += 1;
        }
        let Some(&code) = chars.get(i) else {
            return Err(err("repeat count given without format specifier"));
        };
        i += 1;
        let isz = item_size(order, code).ok_or_else(|| err("bad char in struct format"))?;
        let count = count.unwrap_or(1);
        if order == Order::Native {
            // Native alignment: each field starts at a multiple of its own size.
            let align = isz;
            if align > 1 {
                size = size.div_ceil(align) * align;
            }
        }
        let (n, bytes) = match code {
            's' | 'p' => (1, count),
            'x' => (0, count),
            _ => (count, count * isz),
        };
        items.push(Item {
            code,
            count,
            size: isz,
            offset: size,
        });
        size = size
            .checked_add(bytes)
            .ok_or_else(|| err("total struct size too long"))?;
        nvalues += n;
    }
    Ok(Layout {
        order,
        items,
        size,
        nvalues,
    })
}

/// The format argument: str or bytes (ASCII), as CPython's.
fn format_arg(vm: &Vm, v: Option<&Value>, fname: &str) -> PyResult<String> {
    match v {
        None => Err(PyErr::type_error("missing format argument")),
        Some(Value::Str(s)) => Ok(s.as_str().to_string()),
        Some(v) => match v.payload() {
            Value::Bytes(b) => Ok(String::from_utf8_lossy(&b.to_vec()).into_owned()),
            _ => Err(PyErr::type_error(format!(
                "{fname}() argument 1 must be a str or bytes object, not {}",
                vm.type_name(v)
            ))),
        },
    }
}

/// An integer argument as i128 (wide enough for every format's range check);
/// None when it does not fit even there.
fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<Option<i128>> {
    match v.payload() {
        Value::Int(i) => Ok(Some(*i as i128)),
        Value::Bool(b) => Ok(Some(*b as i128)),
        Value::BigInt(b) => Ok(b.to_i128()),
        Value::Float(_) | Value::Str(_) | Value::None => {
            Err(err("required argument is not an integer"))
        }
        _ => match vm.to_index(v) {
            Ok(i) => Ok(Some(i as i128)),
            Err(e) if e.is(&types().type_error) => Err(err("required argument is not an integer")),
            Err(e) => Err(e),
        },
    }
}

fn float_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v.payload() {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::Str(_) | Value::None => Err(err("required argument is not a float")),
        _ => crate::vm::builtins::num_methods::to_float(vm, v).map_err(|e| {
            if e.is(&types().type_error) {
                err("required argument is not a float")
            } else {
                e
            }
        }),
    }
}

/// The range check and its message, as CPython's native (`np_*`) and standard
/// (`lp_*`/`bp_*`) packers word it. On a little-endian host the `<`/`=` tables use
/// the native packers wherever the sizes agree, so their messages follow too.
fn check_int(order: Order, code: char, size: usize, v: Option<i128>) -> PyResult<i128> {
    let out_of_range = || err("argument out of range");
    let native_like = match order {
        Order::Native => true,
        Order::Little => {
            item_size(Order::Native, code) == Some(size) && cfg!(target_endian = "little")
        }
        Order::Big => false,
    };
    let Some(v) = v else {
        return Err(if !native_like && size >= 8 {
            err("int too large to convert")
        } else {
            out_of_range()
        });
    };
    let signed = code.is_ascii_lowercase();
    let bits = (size * 8) as u32;
    let (lo, hi): (i128, i128) = if signed {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    } else {
        (0, (1i128 << bits) - 1)
    };
    if (lo..=hi).contains(&v) {
        return Ok(v);
    }
    let named = match code {
        'b' => Some("byte"),
        'B' => Some("ubyte"),
        'h' if native_like => Some("short"),
        'H' if native_like => Some("ushort"),
        _ => None,
    };
    if let Some(name) = named {
        // These convert through a C long first: beyond it, the conversion fails.
        if v < i64::MIN as i128 || v > i64::MAX as i128 {
            return Err(out_of_range());
        }
        return Err(err(format!(
            "{name} format requires {lo} <= number <= {hi}"
        )));
    }
    if native_like {
        return match code {
            'i' if v >= i64::MIN as i128 && v <= i64::MAX as i128 => {
                Err(err(format!("'i' format requires {lo} <= number <= {hi}")))
            }
            'I' if v >= 0 && v <= u64::MAX as i128 => {
                Err(err(format!("'I' format requires 0 <= number <= {hi}")))
            }
            _ => Err(out_of_range()),
        };
    }
    // Standard sizes below 8 bytes check the range; 8-byte ones fail converting
    // (CPython's _PyLong_AsByteArray message).
    if size >= 8 {
        return Err(err("int too large to convert"));
    }
    if signed {
        if v < i64::MIN as i128 || v > i64::MAX as i128 {
            return Err(out_of_range());
        }
        Err(err(format!(
            "'{code}' format requires {lo} <= number <= {hi}"
        )))
    } else {
        if v < 0 || v > u64::MAX as i128 {
            return Err(out_of_range());
        }
        Err(err(format!("'{code}' format requires 0 <= number <= {hi}")))
    }
}

fn put_int(out: &mut [u8], order: Order, v: i128) {
    let bytes = v.to_le_bytes();
    let n = out.len();
    match order {
        Order::Big => {
            for (k, b) in out.iter_mut().enumerate() {
                *b = bytes[n - 1 - k];
            }
        }
        Order::Little => out.copy_from_slice(&bytes[..n]),
        Order::Native => {
            if cfg!(target_endian = "little") {
                out.copy_from_slice(&bytes[..n])
            } else {
                for (k, b) in out.iter_mut().enumerate() {
                    *b = bytes[n - 1 - k];
                }
            }
        }
    }
}

fn get_bytes_in_order(data: &[u8], order: Order) -> Vec<u8> {
    let big = order == Order::Big || (order == Order::Native && cfg!(target_endian = "big"));
    if big {
        data.iter().rev().copied().collect()
    } else {
        data.to_vec()
    }
}

/// IEEE half precision from a double, rounding to nearest even (as CPython's PyFloat_Pack2).
fn f64_to_f16(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    if a == 0.0 {
        return Some(sign);
    }
    // The value in units of the smallest subnormal (2^-24), rounded half to even.
    let (mut e, m): (i32, f64);
    let exp = a.log2().floor() as i32;
    if exp < -14 {
        // Subnormal: 10-bit mantissa in steps of 2^-24.
        let units = a * 2f64.powi(24);
        let r = round_half_even(units);
        if r >= 1024.0 {
            return Some(sign | 0x0400); // rounds up to the smallest normal
        }
        return Some(sign | r as u16);
    }
    e = exp;
    // Normalise a / 2^e into [1, 2) even if log2 was off by one at a boundary.
    let mut frac = a / 2f64.powi(e);
    if frac >= 2.0 {
        frac /= 2.0;
        e += 1;
    } else if frac < 1.0 {
        frac *= 2.0;
        e -= 1;
    }
    m = round_half_even((frac - 1.0) * 1024.0);
    let mut mant = m as u32;
    if mant >= 1024 {
        mant = 0;
        e += 1;
    }
    if e > 15 {
        return None;
    }
    Some(sign | (((e + 15) as u16) << 10) | mant as u16)
}

fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

fn f16_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let m = (h & 0x3ff) as f64;
    sign * match e {
        0 => m * 2f64.powi(-24),
        31 => {
            if m == 0.0 {
                f64::INFINITY
            } else {
                f64::NAN
            }
        }
        _ => (1.0 + m / 1024.0) * 2f64.powi(e - 15),
    }
}

fn pack_values(vm: &mut Vm, lay: &Layout, vals: &[Value], fname: &str) -> PyResult<Vec<u8>> {
    if vals.len() != lay.nvalues {
        return Err(err(format!(
            "{fname} expected {} items for packing (got {})",
            lay.nvalues,
            vals.len()
        )));
    }
    let mut out = vec![0u8; lay.size];
    let mut vi = 0;
    for it in &lay.items {
        match it.code {
            'x' => {}
            's' | 'p' => {
                let v = &vals[vi];
                vi += 1;
                let data = match v.payload() {
                    Value::Bytes(b) => b.to_vec(),
                    _ => {
                        return Err(err(format!(
                            "argument for '{}' must be a bytes object",
                            it.code
                        )))
                    }
                };
                let field = &mut out[it.offset..it.offset + it.count];
                if it.code == 's' {
                    let n = data.len().min(it.count);
                    field[..n].copy_from_slice(&data[..n]);
                } else if it.count > 0 {
                    // Pascal string: a length byte (at most 255), then the bytes.
                    let n = data.len().min(it.count - 1).min(255);
                    field[0] = n as u8;
                    field[1..1 + n].copy_from_slice(&data[..n]);
                }
            }
            code => {
                for k in 0..it.count {
                    let v = vals[vi].clone();
                    vi += 1;
                    let at = it.offset + k * it.size;
                    let field = &mut out[at..at + it.size];
                    pack_one(vm, lay.order, code, it.size, &v, field)?;
                }
            }
        }
    }
    Ok(out)
}

fn pack_one(
    vm: &mut Vm,
    order: Order,
    code: char,
    size: usize,
    v: &Value,
    field: &mut [u8],
) -> PyResult<()> {
    match code {
        'c' => match v.payload() {
            Value::Bytes(b) if b.len() == 1 => field[0] = b.to_vec()[0],
            _ => return Err(err("char format requires a bytes object of length 1")),
        },
        '?' => field[0] = vm.truthy(v)? as u8,
        'e' => {
            let x = float_arg(vm, v)?;
            let h = f64_to_f16(x)
                .ok_or_else(|| PyErr::overflow_error("float too large to pack with e format"))?;
            put_int(field, order, h as i128);
        }
        'f' => {
            let x = float_arg(vm, v)?;
            // The standard (big-endian) packer refuses what the C cast turns into inf.
            if order == Order::Big && x.is_finite() && (x as f32).is_infinite() {
                return Err(PyErr::overflow_error(
                    "float too large to pack with f format",
                ));
            }
            put_int(field, order, (x as f32).to_bits() as i128);
        }
        'd' => {
            let x = float_arg(vm, v)?;
            let bits = x.to_bits();
            let bytes = if order == Order::Big {
                bits.to_be_bytes()
            } else {
                bits.to_le_bytes()
            };
            field.copy_from_slice(&bytes);
        }
        'P' => {
            let n = int_arg(vm, v)?;
            // A pointer: any value of a C long or unsigned long, stored as unsigned.
            let n = match n {
                Some(n) if n >= i64::MIN as i128 && n <= u64::MAX as i128 => n,
                _ => return Err(err("argument out of range")),
            };
            put_int(field, order, n);
        }
        _ => {
            let n = int_arg(vm, v)?;
            let n = check_int(order, code, size, n)?;
            put_int(field, order, n);
        }
    }
    Ok(())
}

fn unpack_values(lay: &Layout, data: &[u8]) -> Vec<Value> {
    let mut out = Vec::with_capacity(lay.nvalues);
    for it in &lay.items {
        match it.code {
            'x' => {}
            's' => out.push(Value::bytes(data[it.offset..it.offset + it.count].to_vec())),
            'p' => {
                let field = &data[it.offset..it.offset + it.count];
                let v = match field.first() {
                    Some(&n) => {
                        let n = (n as usize).min(it.count - 1);
                        field[1..1 + n].to_vec()
                    }
                    None => vec![],
                };
                out.push(Value::bytes(v));
            }
            code => {
                for k in 0..it.count {
                    let at = it.offset + k * it.size;
                    let raw = get_bytes_in_order(&data[at..at + it.size], lay.order);
                    let mut le = [0u8; 16];
                    le[..it.size].copy_from_slice(&raw);
                    let u = u128::from_le_bytes(le);
                    let bits = (it.size * 8) as u32;
                    out.push(match code {
                        'c' => Value::bytes(vec![raw[0]]),
                        '?' => Value::Bool(raw[0] != 0),
                        'e' => Value::Float(f16_to_f64(u as u16)),
                        'f' => Value::Float(f32::from_bits(u as u32) as f64),
                        'd' => Value::Float(f64::from_bits(u as u64)),
                        c if c.is_ascii_lowercase() => {
                            // Sign-extend from the field's width.
                            let shift = 128 - bits;
                            let s = ((u << shift) as i128) >> shift;
                            Value::Int(s as i64)
                        }
                        _ => {
                            if u <= i64::MAX as u128 {
                                Value::Int(u as i64)
                            } else {
                                Value::from_bigint((u as u64).into())
                            }
                        }
                    });
                }
            }
        }
    }
    out
}

fn buffer_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    crate::vm::bytes::need_bytes(vm, v)
}

fn pack(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("pack")?;
    let fmt = format_arg(vm, a.get(0), "Struct")?;
    let lay = parse(&fmt)?;
    let out = pack_values(vm, &lay, &a.pos[1..], "pack")?;
    Ok(Value::bytes(out))
}

fn unpack(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("unpack")?;
    a.expect("unpack", 2, 2)?;
    let fmt = format_arg(vm, a.get(0), "Struct")?;
    let lay = parse(&fmt)?;
    let data = buffer_arg(vm, &a.pos[1])?;
    if data.len() != lay.size {
        return Err(err(format!(
            "unpack requires a buffer of {} bytes",
            lay.size
        )));
    }
    Ok(Value::tuple(unpack_values(&lay, &data)))
}

fn calcsize(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("calcsize")?;
    a.expect("calcsize", 1, 1)?;
    let fmt = format_arg(vm, a.get(0), "Struct")?;
    Ok(Value::Int(parse(&fmt)?.size as i64))
}

fn iter_unpack(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("iter_unpack")?;
    a.expect("iter_unpack", 2, 2)?;
    let fmt = format_arg(vm, a.get(0), "Struct")?;
    let lay = parse(&fmt)?;
    let data = buffer_arg(vm, &a.pos[1])?;
    if lay.size == 0 {
        return Err(err("cannot iteratively unpack with a struct of length 0"));
    }
    if data.len() % lay.size != 0 {
        return Err(err(format!(
            "iterative unpacking requires a buffer of a multiple of {} bytes",
            lay.size
        )));
    }
    let items: Vec<Value> = data
        .chunks(lay.size)
        .map(|c| Value::tuple(unpack_values(&lay, c)))
        .collect();
    let list = Value::list(items);
    let iter = vm
        .interp
        .builtins
        .get_str(&crate::vm::value::PyStr::new("iter"))
        .ok_or_else(|| PyErr::runtime_error("no builtins.iter"))?;
    vm.call(&iter, &[list], &[])
}

fn offset_arg(vm: &mut Vm, v: Option<&Value>, len: usize) -> PyResult<(usize, i64)> {
    let off = match v {
        None => 0,
        Some(v) => vm.to_index(v)?,
    };
    // A negative offset counts from the end, as CPython's.
    let real = if off < 0 { len as i64 + off } else { off };
    Ok((real.max(0) as usize, off))
}

fn unpack_from(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = super::bind(&a, "unpack_from", &["format", "buffer", "offset"], 1, 2)?;
    let fmt = format_arg(vm, p[0], "Struct")?;
    let lay = parse(&fmt)?;
    let data = buffer_arg(vm, p[1].expect("required"))?;
    let (off, given) = offset_arg(vm, p[2], data.len())?;
    if given < 0 && (-given) as usize > data.len() {
        return Err(err(format!(
            "offset {given} out of range for {}-byte buffer",
            data.len()
        )));
    }
    if off + lay.size > data.len() {
        return Err(err(format!(
            "unpack_from requires a buffer of at least {} bytes for unpacking {} bytes at offset {} (actual buffer size is {})",
            off + lay.size,
            lay.size,
            off,
            data.len()
        )));
    }
    Ok(Value::tuple(unpack_values(
        &lay,
        &data[off..off + lay.size],
    )))
}

fn pack_into(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("pack_into")?;
    if a.pos.len() < 3 {
        return Err(PyErr::type_error(format!(
            "pack_into expected buffer argument"
        )));
    }
    let fmt = format_arg(vm, a.get(0), "Struct")?;
    let lay = parse(&fmt)?;
    let Value::Bytes(buf) = a.pos[1].payload().clone() else {
        return Err(PyErr::type_error(format!(
            "argument must be read-write bytes-like object, not {}",
            vm.type_name(&a.pos[1])
        )));
    };
    if !buf.mutable {
        return Err(PyErr::type_error(
            "argument must be read-write bytes-like object, not bytes",
        ));
    }
    let len = buf.len();
    let (off, given) = offset_arg(vm, Some(&a.pos[2]), len)?;
    let out = pack_values(vm, &lay, &a.pos[3..], "pack_into")?;
    if given < 0 && (-given) as usize > len {
        return Err(err(format!(
            "offset {given} out of range for {len}-byte buffer"
        )));
    }
    if off + lay.size > len {
        return Err(err(format!(
            "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {} (actual buffer size is {})",
            off + lay.size,
            lay.size,
            off,
            len
        )));
    }
    buf.data.lock()[off..off + lay.size].copy_from_slice(&out);
    Ok(Value::None)
}

fn clearcache(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    // Formats are parsed on every call (a parse costs less than the call itself).
    Ok(Value::None)
}
