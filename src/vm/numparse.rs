//! Number parsing with CPython's rules and messages for the `int(s, base)` and
//! `float(s)` constructors (source literals are the lexer's, src/lexer/numbers.rs).

use super::strops::{decimal_value, is_space, str_repr};
use num_bigint::BigInt;
use num_traits::{Num, Zero};

/// Checks Python's literal underscore rule (single `_` strictly between digits)
/// and returns the digits without underscores.
fn strip_underscores(digits: &str, is_digit: impl Fn(char) -> bool) -> Option<String> {
    let mut out = String::with_capacity(digits.len());
    let mut prev_digit = false;
    let mut chars = digits.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '_' {
            if !prev_digit || !chars.peek().is_some_and(|n| is_digit(*n)) {
                return None;
            }
            prev_digit = false;
        } else if is_digit(c) {
            out.push(c);
            prev_digit = true;
        } else {
            return None;
        }
    }
    Some(out)
}

/// Validates `[digits][.digits][e[sign]digits]` with Python's underscore rule
/// and returns the text without underscores; `None` if malformed.
fn clean_decimal_float(s: &str) -> Option<String> {
    let (mant, exp) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (int_part, frac) = match mant.find('.') {
        Some(i) => (&mant[..i], Some(&mant[i + 1..])),
        None => (mant, None),
    };
    let digit = |c: char| c.is_ascii_digit();
    let int_clean = strip_underscores(int_part, digit)?;
    let frac_clean = match frac {
        Some(f) => strip_underscores(f, digit)?,
        None => String::new(),
    };
    if int_clean.is_empty() && frac_clean.is_empty() {
        return None;
    }
    let mut out = format!("{int_clean}.{frac_clean}");
    if let Some(e) = exp {
        let (sign, digits) = match e.strip_prefix(['+', '-']) {
            Some(rest) => (&e[..1], rest),
            None => ("", e),
        };
        let e_clean = strip_underscores(digits, digit).filter(|d| !d.is_empty())?;
        out.push('e');
        out.push_str(sign);
        out.push_str(&e_clean);
    }
    Some(out)
}

/// Correctly rounded parse of already-validated text. Rust's parser is exact,
/// but it allocates a big exponent's worth of work only on absurd exponents,
/// so clamp those first (any |exp| beyond ~400 + digit count saturates).
fn parse_clean_float(clean: &str) -> Option<f64> {
    if let Some(i) = clean.find('e') {
        let exp: Result<i64, _> = clean[i + 1..].parse();
        if exp.is_err() {
            // Exponent too long for i64: the result is 0 or inf.
            let neg = clean[i + 1..].starts_with('-');
            let mant: f64 = clean[..i].parse().ok()?;
            return Some(if neg || mant == 0.0 {
                0.0
            } else {
                f64::INFINITY
            });
        }
    }
    clean.parse().ok()
}

/// Python's whitespace strip plus mapping of any Unicode decimal digit to ASCII,
/// as `int()`/`float()` do before parsing. `None` if the text has other non-ASCII.
fn normalize_numeric_text(s: &str) -> Option<String> {
    let t = s.trim_matches(is_space);
    if t.is_ascii() {
        return Some(t.to_string());
    }
    t.chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c)
            } else if is_space(c) {
                Some(' ')
            } else {
                decimal_value(c).and_then(|d| char::from_digit(d, 10))
            }
        })
        .collect()
}

/// `int(s, base)` for a str. Errors (ValueError): the base range message, or
/// `invalid literal for int() with base N: '...'` (repr cut at 200 chars like CPython).
pub fn int_from_str(s: &str, base: u32) -> Result<BigInt, String> {
    if base == 1 || base > 36 {
        return Err("int() base must be >= 2 and <= 36, or 0".to_string());
    }
    let invalid = || {
        let r: String = str_repr(s).chars().take(200).collect();
        format!("invalid literal for int() with base {base}: {r}")
    };
    let text = normalize_numeric_text(s).ok_or_else(invalid)?;
    let (neg, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, &text[..]),
    };
    let b = body.as_bytes();
    let mut radix = base;
    let mut old_octal = false;
    if base == 0 {
        radix = match (b.first(), b.get(1).map(u8::to_ascii_lowercase)) {
            (Some(b'0'), Some(b'x')) => 16,
            (Some(b'0'), Some(b'o')) => 8,
            (Some(b'0'), Some(b'b')) => 2,
            (Some(b'0'), _) => {
                // C-style octal is invalid, but zero ("00", "0_0") is fine.
                old_octal = true;
                10
            }
            _ => 10,
        };
    }
    let mut digits = body;
    if b.len() >= 2 && b[0] == b'0' {
        let p = b[1].to_ascii_lowercase();
        if (radix == 16 && p == b'x') || (radix == 8 && p == b'o') || (radix == 2 && p == b'b') {
            digits = &body[2..];
            digits = digits.strip_prefix('_').unwrap_or(digits);
        }
    }
    let clean = strip_underscores(digits, |c| c.is_digit(radix))
        .filter(|d| !d.is_empty())
        .ok_or_else(invalid)?;
    // Power-of-two bases convert in linear time, so CPython limits only the others.
    if !radix.is_power_of_two() {
        if let Some(msg) = crate::vm::repr::int_parse_limit(clean.len()) {
            return Err(msg);
        }
    }
    let v = BigInt::from_str_radix(&clean, radix).map_err(|_| invalid())?;
    if old_octal && !v.is_zero() {
        return Err(invalid());
    }
    Ok(if neg { -v } else { v })
}

/// `float(s)` for a str: whitespace, sign, digits with underscores, `inf`,
/// `infinity`, `nan` (any case). Error (ValueError): `could not convert string to float: '...'`.
pub fn float_from_str(s: &str) -> Result<f64, String> {
    let invalid = || format!("could not convert string to float: {}", str_repr(s));
    let text = normalize_numeric_text(s).ok_or_else(invalid)?;
    let (neg, body) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, &text[..]),
    };
    let lower = body.to_ascii_lowercase();
    let v = match lower.as_str() {
        "inf" | "infinity" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => {
            let clean = clean_decimal_float(body).ok_or_else(invalid)?;
            parse_clean_float(&clean).ok_or_else(invalid)?
        }
    };
    Ok(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_constructor() {
        // (text, base, expected value or error) from python3.11.
        let cases: &[(&str, u32, Result<i64, &str>)] = &[
            ("  12 ", 10, Ok(12)),
            ("  12 ", 16, Ok(18)),
            ("  12 ", 0, Ok(12)),
            ("  12 ", 8, Ok(10)),
            ("1_000", 16, Ok(4096)),
            (
                "_1",
                10,
                Err("invalid literal for int() with base 10: '_1'"),
            ),
            ("1_", 0, Err("invalid literal for int() with base 0: '1_'")),
            (
                "1__0",
                8,
                Err("invalid literal for int() with base 8: '1__0'"),
            ),
            (
                "+-1",
                10,
                Err("invalid literal for int() with base 10: '+-1'"),
            ),
            (
                "- 1",
                10,
                Err("invalid literal for int() with base 10: '- 1'"),
            ),
            ("-1", 10, Ok(-1)),
            ("+7", 10, Ok(7)),
            (
                "0x1f",
                10,
                Err("invalid literal for int() with base 10: '0x1f'"),
            ),
            ("0x1f", 16, Ok(31)),
            ("0x_1f", 0, Ok(31)),
            ("0b101", 16, Ok(45313)),
            ("0b101", 0, Ok(5)),
            ("0o17", 8, Ok(15)),
            (
                "0o17",
                16,
                Err("invalid literal for int() with base 16: '0o17'"),
            ),
            (
                "010",
                0,
                Err("invalid literal for int() with base 0: '010'"),
            ),
            ("00", 0, Ok(0)),
            ("0_0", 0, Ok(0)),
            ("٣", 10, Ok(3)),
            (" ١٢ ", 16, Ok(18)),
            ("\u{3000} 7\u{3000}", 10, Ok(7)),
            ("", 10, Err("invalid literal for int() with base 10: ''")),
            ("12a", 16, Ok(298)),
            (
                "12a",
                0,
                Err("invalid literal for int() with base 0: '12a'"),
            ),
            (
                "1 2",
                10,
                Err("invalid literal for int() with base 10: '1 2'"),
            ),
            ("zz", 36, Ok(1295)),
            ("ZZ", 36, Ok(1295)),
            (
                "it's",
                10,
                Err("invalid literal for int() with base 10: \"it's\""),
            ),
            ("1", 1, Err("int() base must be >= 2 and <= 36, or 0")),
            ("1", 37, Err("int() base must be >= 2 and <= 36, or 0")),
            ("²", 10, Err("invalid literal for int() with base 10: '²'")),
        ];
        for (s, base, want) in cases {
            let got = int_from_str(s, *base);
            match want {
                Ok(v) => assert_eq!(got, Ok(BigInt::from(*v)), "int({s:?}, {base})"),
                Err(e) => assert_eq!(got, Err(e.to_string()), "int({s:?}, {base})"),
            }
        }
        let long = "x".repeat(300);
        let err = int_from_str(&long, 10).unwrap_err();
        assert_eq!(
            err,
            format!(
                "invalid literal for int() with base 10: '{}",
                "x".repeat(199)
            )
        );
        assert_eq!(
            int_from_str("123456789012345678901234567890", 10)
                .unwrap()
                .to_string(),
            "123456789012345678901234567890"
        );
    }

    #[test]
    fn float_constructor() {
        let ok: &[(&str, f64)] = &[
            ("1.5", 1.5),
            (" -inf ", f64::NEG_INFINITY),
            ("Infinity", f64::INFINITY),
            ("-iNfinity", f64::NEG_INFINITY),
            ("+INF", f64::INFINITY),
            ("1_000.5", 1000.5),
            ("1e5", 1e5),
            (".5", 0.5),
            ("5.", 5.0),
            ("١.٥", 1.5),
            (" 1_0e1_0 ", 1e11),
            ("\n-0\t", -0.0),
            ("1e400", f64::INFINITY),
            ("0.1", 0.1),
        ];
        for (s, want) in ok {
            let got = float_from_str(s).unwrap();
            assert_eq!(got.to_bits(), want.to_bits(), "float({s:?})");
        }
        for s in ["nan", "-nan", "+NaN", " NAN "] {
            assert!(float_from_str(s).unwrap().is_nan(), "{s}");
        }
        for s in [
            "1__0", "_1", "1e", "abc", "", "0x10", "infinit", "1.5_", "1_.5", "in f", "--1",
            "1e5.5", "nan1", " ",
        ] {
            assert_eq!(
                float_from_str(s),
                Err(format!(
                    "could not convert string to float: {}",
                    str_repr(s)
                )),
                "{s:?}"
            );
        }
        assert_eq!(
            float_from_str("abc").unwrap_err(),
            "could not convert string to float: 'abc'"
        );
    }
}
