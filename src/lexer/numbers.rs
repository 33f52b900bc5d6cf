//! Numeric literal scanning: validates Python's int/float spelling (prefixes, underscores,
//! leading zeros) and converts it, reporting errors at the columns CPython's tokenizer uses.

use num_bigint::BigInt;

#[derive(Debug, Clone, PartialEq)]
pub enum Number {
    Int(BigInt),
    Float(f64),
    /// An imaginary literal (`1j`, `1.5e3J`): its value times 1j.
    Imag(f64),
}

/// A scanning failure: message and the char offset (from the literal's start) to report.
pub type NumError = (String, usize);

/// Keywords that may directly follow a number (`1if x else y`); CPython only warns there.
const ALLOWED_AFTER: [&str; 8] = ["and", "else", "for", "if", "in", "is", "not", "or"];

fn is_ident_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Scans the literal at the start of `s` (all numeric syntax is ASCII, so byte and char
/// offsets agree). Returns the literal's length in bytes and its value.
pub fn scan_number(s: &str) -> Result<(usize, Number), NumError> {
    let b = s.as_bytes();
    if b[0] == b'0' && b.len() > 1 {
        let (radix, name) = match b[1] {
            b'x' | b'X' => (16, "hexadecimal"),
            b'o' | b'O' => (8, "octal"),
            b'b' | b'B' => (2, "binary"),
            _ => (0, ""),
        };
        if radix != 0 {
            return scan_radix(s, radix, name);
        }
    }
    scan_decimal(s)
}

fn scan_radix(s: &str, radix: u32, name: &str) -> Result<(usize, Number), NumError> {
    let b = s.as_bytes();
    let mut i = 2;
    let mut digits = String::new();
    loop {
        let underscore = b.get(i) == Some(&b'_');
        let j = if underscore { i + 1 } else { i };
        match b.get(j).map(|&c| c as char) {
            Some(c) if c.is_digit(radix) => {
                digits.push(c);
                i = j + 1;
            }
            Some(c) if c.is_ascii_digit() => {
                return Err((format!("invalid digit '{c}' in {name} literal"), j));
            }
            _ => {
                if underscore || digits.is_empty() {
                    return Err((format!("invalid {name} literal"), j - 1));
                }
                break;
            }
        }
    }
    if s[i..].chars().next().is_some_and(is_ident_char) && !keyword_follows(&s[i..]) {
        return Err((format!("invalid {name} literal"), i - 1));
    }
    let v = BigInt::parse_bytes(digits.as_bytes(), radix).unwrap_or_default();
    Ok((i, Number::Int(v)))
}

/// Consumes `digit ('_'? digit)*` from `i`; on a dangling underscore reports at it.
fn digit_run(b: &[u8], mut i: usize, out: &mut String) -> Result<usize, NumError> {
    while i < b.len() {
        if b[i].is_ascii_digit() {
            out.push(b[i] as char);
            i += 1;
        } else if b[i] == b'_' {
            if b.get(i + 1).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            } else {
                return Err(("invalid decimal literal".into(), i));
            }
        } else {
            break;
        }
    }
    Ok(i)
}

fn scan_decimal(s: &str) -> Result<(usize, Number), NumError> {
    let b = s.as_bytes();
    let mut text = String::new();
    let mut i = digit_run(b, 0, &mut text)?;
    let int_part_len = text.len();
    let mut is_float = false;
    if b.get(i) == Some(&b'.') {
        is_float = true;
        text.push('.');
        i += 1;
        if b.get(i).is_some_and(|c| c.is_ascii_digit()) {
            i = digit_run(b, i, &mut text)?;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        let signed = matches!(b.get(j), Some(b'+' | b'-'));
        if signed {
            j += 1;
        }
        if b.get(j).is_some_and(|c| c.is_ascii_digit()) {
            is_float = true;
            text.push('e');
            if signed {
                text.push(b[i + 1] as char);
            }
            i = digit_run(b, j, &mut text)?;
        } else if signed {
            return Err(("invalid decimal literal".into(), j - 1));
        }
    }
    if matches!(b.get(i), Some(b'j' | b'J')) {
        i += 1;
        if s[i..].chars().next().is_some_and(is_ident_char) && !keyword_follows(&s[i..]) {
            return Err(("invalid imaginary literal".into(), i.saturating_sub(1)));
        }
        let v: f64 = text.parse().unwrap_or(f64::NAN);
        return Ok((i, Number::Imag(v)));
    }
    if s[i..].chars().next().is_some_and(is_ident_char) && !keyword_follows(&s[i..]) {
        return Err(("invalid decimal literal".into(), i.saturating_sub(1)));
    }
    if is_float {
        let v: f64 = text.parse().unwrap_or(f64::NAN);
        return Ok((i, Number::Float(v)));
    }
    let int_digits = &text[..int_part_len];
    if int_digits.starts_with('0') && int_digits.bytes().any(|c| c != b'0') {
        return Err((
            "leading zeros in decimal integer literals are not permitted; \
             use an 0o prefix for octal integers"
                .into(),
            0,
        ));
    }
    // Refused before converting, as CPython refuses at compile time: a 10^6-digit
    // literal would otherwise cost a quadratic conversion. The limit is the running
    // interpreter's `sys.set_int_max_str_digits` setting, as in CPython.
    if let Some(msg) = crate::vm::repr::int_parse_limit(int_digits.len()) {
        return Err((
            format!("{msg} - Consider hexadecimal for huge integer literals to avoid decimal conversion limits."),
            0,
        ));
    }
    let v = BigInt::parse_bytes(int_digits.as_bytes(), 10).unwrap_or_default();
    Ok((i, Number::Int(v)))
}

fn keyword_follows(rest: &str) -> bool {
    ALLOWED_AFTER.iter().any(|kw| {
        rest.starts_with(kw) && !rest[kw.len()..].chars().next().is_some_and(is_ident_char)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(s: &str) -> BigInt {
        match scan_number(s) {
            Ok((_, Number::Int(v))) => v,
            other => panic!("{s}: {other:?}"),
        }
    }
    fn float(s: &str) -> f64 {
        match scan_number(s) {
            Ok((_, Number::Float(v))) => v,
            other => panic!("{s}: {other:?}"),
        }
    }
    fn err(s: &str) -> NumError {
        scan_number(s).expect_err(s)
    }

    #[test]
    fn ints() {
        assert_eq!(int("0"), 0.into());
        assert_eq!(int("00"), 0.into());
        assert_eq!(int("0_0"), 0.into());
        assert_eq!(int("1_000"), 1000.into());
        assert_eq!(int("0xff"), 255.into());
        assert_eq!(int("0x_f_F"), 255.into());
        assert_eq!(int("0o17"), 15.into());
        assert_eq!(int("0B101"), 5.into());
        assert_eq!(scan_number("12 + 3").unwrap().0, 2);
        assert_eq!(scan_number("1if x").unwrap().0, 1);
        // Past sys.get_int_max_str_digits() (4300 by default) a decimal literal is
        // refused before conversion, as CPython's compiler does; hex is not limited.
        assert_eq!(int(&"9".repeat(4300)).to_string().len(), 4300);
        assert!(err(&format!("1{}", "0".repeat(100_000)))
            .0
            .starts_with("Exceeds the limit (4300 digits) for integer string conversion: value has 100001 digits"));
        assert_eq!(int(&format!("0x1{}", "0".repeat(100_000))).bits(), 400_001);
    }

    #[test]
    fn floats() {
        assert_eq!(float("1e-3"), 0.001);
        assert_eq!(float("5."), 5.0);
        assert_eq!(float("1_0.5e1_0"), 10.5e10);
        assert_eq!(float("1.e5"), 1e5);
        assert_eq!(float("09.5"), 9.5);
        assert_eq!(float(".5"), 0.5);
        assert_eq!(scan_number("1.5.real").unwrap().0, 3);
    }

    #[test]
    fn errors() {
        let lz = "leading zeros in decimal integer literals are not permitted; \
                  use an 0o prefix for octal integers";
        assert_eq!(err("012"), (lz.into(), 0));
        assert_eq!(err("0_7"), (lz.into(), 0));
        assert_eq!(err("1__0"), ("invalid decimal literal".into(), 1));
        assert_eq!(err("1_"), ("invalid decimal literal".into(), 1));
        assert_eq!(err("1abc"), ("invalid decimal literal".into(), 0));
        assert_eq!(err("1.e5x"), ("invalid decimal literal".into(), 3));
        assert_eq!(err("1e"), ("invalid decimal literal".into(), 0));
        assert_eq!(err("1e+"), ("invalid decimal literal".into(), 2));
        assert_eq!(err("0x"), ("invalid hexadecimal literal".into(), 1));
        assert_eq!(err("0xg"), ("invalid hexadecimal literal".into(), 1));
        assert_eq!(err("0b"), ("invalid binary literal".into(), 1));
        assert_eq!(err("0b1_"), ("invalid binary literal".into(), 3));
        assert_eq!(
            err("0b2"),
            ("invalid digit '2' in binary literal".into(), 2)
        );
        assert_eq!(err("0o8"), ("invalid digit '8' in octal literal".into(), 2));
        assert_eq!(err("1jx").0, "invalid imaginary literal");
        assert!(matches!(scan_number("2.5j"), Ok((4, Number::Imag(v))) if v == 2.5));
    }
}
