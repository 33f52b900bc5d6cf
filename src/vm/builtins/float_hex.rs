//! `float.hex()` and `float.fromhex()`: C99's `%a`-style hexadecimal floats in
//! CPython's exact format (13 fraction digits, subnormals as `0x0.…p-1022`) and with
//! its parser's rules, errors and round-half-even.

use super::args::self_arg;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::Args;
use crate::vm::value::Value;
use crate::vm::Vm;

/// Bits of a double's stored fraction, and its exponent bounds (C's DBL_MANT_DIG,
/// DBL_MIN_EXP and DBL_MAX_EXP, for a significand in [0.5, 1)).
const MANT_DIG: i64 = 53;
const MIN_EXP: i64 = -1021;
const MAX_EXP: i64 = 1024;

/// `x.hex()`: `[-]0x1.<13 digits>p<exp>` for a normal float, `0x0.…p-1022` for a
/// subnormal; zeros, infinities and NaN as CPython writes them.
pub fn hex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("float.hex")?;
    let x = match self_arg(&a, "float", "hex")?.payload() {
        Value::Float(f) => *f,
        v => return Err(super::args::wrong_self(vm, "float", "hex", v)),
    };
    if a.pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "float.hex() takes no arguments ({} given)",
            a.pos.len() - 1
        )));
    }
    Ok(Value::str(&float_hex(x)))
}

fn float_hex(x: f64) -> String {
    if !x.is_finite() {
        return crate::vm::format::float_repr(x);
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    // A subnormal keeps the smallest normal exponent, with a leading 0.
    let (lead, exp) = if biased == 0 {
        (0, MIN_EXP - 1)
    } else {
        (1, biased - 1023)
    };
    format!("{sign}0x{lead}.{frac:013x}p{exp:+}")
}

/// `float.fromhex(s)`, a classmethod: a subclass is called with the float.
pub fn fromhex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("float.fromhex")?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "float.fromhex() takes exactly one argument ({} given)",
            a.pos.len().saturating_sub(1)
        )));
    }
    let s = match a.pos[1].payload() {
        Value::Str(s) => s.clone(),
        _ => {
            return Err(PyErr::type_error(
                "bad argument type for built-in operation",
            ))
        }
    };
    let x = parse(s.as_str().as_bytes()).map_err(|e| match e {
        HexError::Invalid => PyErr::value_error("invalid hexadecimal floating-point string"),
        HexError::TooLarge => {
            PyErr::overflow_error("hexadecimal value too large to represent as a float")
        }
    })?;
    match &a.pos[0] {
        Value::Class(c) if c.is_heap() => vm.call(&a.pos[0], &[Value::Float(x)], &[]),
        _ => Ok(Value::Float(x)),
    }
}

#[derive(Debug, PartialEq)]
enum HexError {
    Invalid,
    TooLarge,
}

/// C's isspace in the C locale, which CPython's parser uses (so `\v` counts and
/// non-ASCII spaces do not).
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn hex_digit(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// `[sign] (inf | infinity | nan)` in any case at the start of `s`: the value and the
/// bytes it took.
fn inf_or_nan(s: &[u8]) -> Option<(f64, usize)> {
    let (neg, start) = match s.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let rest = &s[start..];
    let starts = |word: &str| {
        rest.len() >= word.len() && rest[..word.len()].eq_ignore_ascii_case(word.as_bytes())
    };
    let (v, len) = if starts("infinity") {
        (f64::INFINITY, 8)
    } else if starts("inf") {
        (f64::INFINITY, 3)
    } else if starts("nan") {
        (f64::NAN, 3)
    } else {
        return None;
    };
    Some((if neg { -v } else { v }, start + len))
}

/// 2**e for -1074 <= e <= 1023, exactly.
fn pow2(e: i64) -> f64 {
    if e >= MIN_EXP - 1 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        f64::from_bits(1 << (e - (MIN_EXP - MANT_DIG)))
    }
}

fn parse(s: &[u8]) -> Result<f64, HexError> {
    let mut i = 0;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    let x = if let Some((v, len)) = inf_or_nan(&s[i..]) {
        i += len;
        v
    } else {
        let (x, len) = parse_finite(&s[i..])?;
        i += len;
        x
    };
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    if i != s.len() {
        return Err(HexError::Invalid);
    }
    Ok(x)
}

/// An optional `+` or `-` at `s[*i]`, stepped over: whether it was `-`.
fn take_sign(s: &[u8], i: &mut usize) -> bool {
    match s.get(*i) {
        Some(b'-') => {
            *i += 1;
            true
        }
        Some(b'+') => {
            *i += 1;
            false
        }
        _ => false,
    }
}

/// `[sign] [0x] digits [. digits] [p [sign] decimal]` (at least one hex digit) at the
/// start of `s`: the value, correctly rounded, and the bytes it took.
fn parse_finite(s: &[u8]) -> Result<(f64, usize), HexError> {
    let mut i = 0;
    let neg = take_sign(s, &mut i);
    // `0x` is optional; a `0` not followed by `x` is a digit.
    if s.get(i) == Some(&b'0') && matches!(s.get(i + 1), Some(b'x' | b'X')) {
        i += 2;
    }
    let mut digits = Vec::new();
    while let Some(d) = s.get(i).copied().and_then(hex_digit) {
        digits.push(d);
        i += 1;
    }
    let mut fdigits = 0i64;
    if s.get(i) == Some(&b'.') {
        i += 1;
        while let Some(d) = s.get(i).copied().and_then(hex_digit) {
            digits.push(d);
            fdigits += 1;
            i += 1;
        }
    }
    if digits.is_empty() {
        return Err(HexError::Invalid);
    }
    let mut exp: i64 = 0;
    if matches!(s.get(i), Some(b'p' | b'P')) {
        i += 1;
        let eneg = take_sign(s, &mut i);
        if !s.get(i).is_some_and(u8::is_ascii_digit) {
            return Err(HexError::Invalid);
        }
        // Saturating, as C's strtol: past the extremes the value is 0 or too large.
        while let Some(d) = s.get(i).filter(|b| b.is_ascii_digit()) {
            let d = (d - b'0') as i64;
            exp = if eneg {
                exp.saturating_mul(10).saturating_sub(d)
            } else {
                exp.saturating_mul(10).saturating_add(d)
            };
            i += 1;
        }
    }
    let signed = |x: f64| if neg { -x } else { x };
    let first = digits.iter().position(|&d| d != 0);
    let Some(first) = first else {
        return Ok((signed(0.0), i));
    };
    // Far enough out that no count of digits brings the value back into range.
    if exp < i64::MIN / 2 {
        return Ok((signed(0.0), i));
    }
    if exp > i64::MAX / 2 {
        return Err(HexError::TooLarge);
    }
    let digits = &digits[first..];
    // The value is D * 2**exp, D the digits as an integer, and lies in
    // [2**(top - 1), 2**top).
    let exp = exp - 4 * fdigits;
    let lead_bits = 8 - digits[0].leading_zeros() as i64;
    let total_bits = 4 * (digits.len() as i64 - 1) + lead_bits;
    let top = exp + total_bits;
    if top < MIN_EXP - MANT_DIG {
        // Below half the smallest subnormal.
        return Ok((signed(0.0), i));
    }
    if top > MAX_EXP {
        return Err(HexError::TooLarge);
    }
    // The exponent of the result's last bit: 53 bits below the top, or the
    // subnormals' fixed 2**-1074.
    let lsb = top.max(MIN_EXP) - MANT_DIG;
    let bit = |k: i64| -> bool {
        // Bit k of D, counting from its most significant bit (k = 0).
        let k = k + (4 - lead_bits);
        (digits[(k / 4) as usize] >> (3 - k % 4)) & 1 == 1
    };
    let kept = (top - lsb).min(total_bits);
    let mut mant: u64 = 0;
    for k in 0..kept {
        mant = mant << 1 | bit(k) as u64;
    }
    let scale = if total_bits <= top - lsb {
        exp
    } else {
        // Round half to even on the bits below lsb.
        let half = bit(kept);
        let sticky = (kept + 1..total_bits).any(bit);
        if half && (sticky || mant & 1 == 1) {
            mant += 1;
        }
        lsb
    };
    let x = mant as f64 * pow2(scale);
    if x.is_infinite() {
        // Rounded up to 2**1024.
        return Err(HexError::TooLarge);
    }
    Ok((signed(x), i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for x in [
            1.0,
            0.1,
            -2.5,
            5e-324,
            2.2250738585072014e-308,
            1.7976931348623157e308,
            1e-310,
        ] {
            assert_eq!(parse(float_hex(x).as_bytes()), Ok(x));
        }
    }

    #[test]
    fn rounds_half_even() {
        assert_eq!(parse(b"0x1.00000000000008p0"), Ok(1.0));
        assert_eq!(parse(b"0x1.00000000000018p0"), Ok(1.0000000000000004));
        assert_eq!(parse(b"0x1p-1075"), Ok(0.0));
        assert_eq!(parse(b"0x3p-1076"), Ok(5e-324));
        assert_eq!(parse(b"0x1.fffffffffffff8p1023"), Err(HexError::TooLarge));
    }
}
