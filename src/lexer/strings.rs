//! String literal scanning (finding the closing quote) and escape decoding.
//! f-string bodies are kept raw here; the parser splits them into literal and field parts.

/// Where a string literal's body ends, found by `scan_body`.
pub struct BodyEnd {
    /// Byte length of the body (between the quotes).
    pub body_len: usize,
    /// Byte length of the closing quote(s).
    pub close_len: usize,
}

/// An unterminated literal: whether it was triple-quoted, and the line where the
/// scan gave up, counted in newlines from the body's start.
pub struct Unterminated {
    pub triple: bool,
    pub extra_lines: usize,
}

/// Scans from just after the opening quote(s). Backslash always protects the next char
/// (even in raw strings, as in Python), which is also how backslash-newline continues a
/// single-quoted literal.
pub fn scan_body(rest: &str, quote: char, triple: bool) -> Result<BodyEnd, Unterminated> {
    let mut lines = 0;
    let mut it = rest.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        match c {
            '\\' => {
                if let Some((_, '\n')) = it.next() {
                    lines += 1;
                }
            }
            '\n' => {
                if !triple {
                    return Err(Unterminated {
                        triple,
                        extra_lines: lines,
                    });
                }
                lines += 1;
            }
            c if c == quote => {
                if !triple {
                    return Ok(BodyEnd {
                        body_len: i,
                        close_len: 1,
                    });
                }
                let q = quote.len_utf8();
                if rest[i + q..].starts_with(quote) && rest[i + 2 * q..].starts_with(quote) {
                    return Ok(BodyEnd {
                        body_len: i,
                        close_len: 3,
                    });
                }
            }
            _ => {}
        }
    }
    Err(Unterminated {
        triple,
        extra_lines: lines,
    })
}

/// Decodes escapes in a non-raw literal body. Unknown escapes stay as written, as in
/// Python. Errors carry CPython's `(unicode error) ...` wording.
pub fn decode_escapes(body: &str) -> Result<String, String> {
    if !body.contains('\\') {
        return Ok(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let chars: Vec<char> = body.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '\\' || i + 1 >= chars.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let e = chars[i + 1];
        let start = i;
        i += 2;
        let simple = match e {
            '\n' => Some(None),
            '\\' => Some(Some('\\')),
            '\'' => Some(Some('\'')),
            '"' => Some(Some('"')),
            'a' => Some(Some('\x07')),
            'b' => Some(Some('\x08')),
            'f' => Some(Some('\x0c')),
            'n' => Some(Some('\n')),
            'r' => Some(Some('\r')),
            't' => Some(Some('\t')),
            'v' => Some(Some('\x0b')),
            _ => None,
        };
        if let Some(ch) = simple {
            out.extend(ch);
            continue;
        }
        match e {
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                let mut n = 1;
                while n < 3 && i < chars.len() && chars[i].is_digit(8) {
                    v = v * 8 + chars[i].to_digit(8).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let (n, what) = match e {
                    'x' => (2, "truncated \\xXX escape"),
                    'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let hex: String = chars[i..chars.len().min(i + n)].iter().collect();
                if hex.len() != n || !hex.chars().all(|h| h.is_ascii_hexdigit()) {
                    let end = start + 1 + hex.chars().take_while(|h| h.is_ascii_hexdigit()).count();
                    return Err(codec_error(start, end, what));
                }
                i += n;
                let v = u32::from_str_radix(&hex, 16).unwrap_or(u32::MAX);
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None if (0xD800..0xE000).contains(&v) => {
                        return Err("(unicode error) surrogate code points are not supported".into())
                    }
                    None => return Err(codec_error(start, i - 1, "illegal Unicode character")),
                }
            }
            'N' => {
                let close = if chars.get(i) == Some(&'{') {
                    chars[i + 1..]
                        .iter()
                        .position(|&c| c == '}')
                        .map(|p| i + 1 + p)
                } else {
                    None
                };
                let Some(close) = close.filter(|&c| c > i + 1) else {
                    let end = if chars.get(i) == Some(&'{') {
                        chars.len() - 1
                    } else {
                        i - 1
                    };
                    return Err(codec_error(start, end, "malformed \\N character escape"));
                };
                let name: String = chars[i + 1..close].iter().collect();
                match char_by_name(&name) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(codec_error(start, close, "unknown Unicode character name"))
                    }
                }
                i = close + 1;
            }
            _ => {
                out.push('\\');
                out.push(e);
            }
        }
    }
    Ok(out)
}

/// Decodes escapes in a non-raw bytes literal (ASCII already checked): `\x`, octal
/// and the simple escapes; `\u`, `\U` and `\N` are not escapes in bytes.
pub fn decode_bytes_escapes(body: &str) -> Result<Vec<u8>, String> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'\\' || i + 1 >= b.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let e = b[i + 1];
        let start = i;
        i += 2;
        match e {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                let mut n = 1;
                while n < 3 && i < b.len() && (b'0'..=b'7').contains(&b[i]) {
                    v = v * 8 + (b[i] - b'0') as u32;
                    i += 1;
                    n += 1;
                }
                out.push((v & 0xff) as u8);
            }
            b'x' => {
                let hex = &body[i..b.len().min(i + 2)];
                if hex.len() != 2 || !hex.bytes().all(|h| h.is_ascii_hexdigit()) {
                    return Err(format!(
                        "(value error) invalid \\x escape at position {start}"
                    ));
                }
                out.push(u8::from_str_radix(hex, 16).unwrap_or(0));
                i += 2;
            }
            _ => {
                out.push(b'\\');
                out.push(e);
            }
        }
    }
    Ok(out)
}

/// `\N{NAME}`: CPython looks names up case-insensitively, aliases included, but
/// without the loose matching (ignored spaces, `_`) that `unicode_names2` also does.
pub(crate) fn char_by_name(name: &str) -> Option<char> {
    let ch = unicode_names2::character(name)?;
    let upper = name.to_ascii_uppercase();
    // Control characters have no name, only aliases (`LINE FEED`, `BEL`).
    let Some(canonical) = unicode_names2::name(ch).map(|n| n.to_string()) else {
        return (!name.contains('_')).then_some(ch);
    };
    if canonical == upper {
        return Some(ch);
    }
    // Not the character's own name: accept an alias (different letters), reject
    // what only loose matching found (same letters, other spacing).
    let letters = |s: &str| -> String { s.chars().filter(|c| c.is_ascii_alphanumeric()).collect() };
    if letters(&canonical) == letters(&upper) || name.contains('_') {
        return None;
    }
    Some(ch)
}

fn codec_error(start: usize, end: usize, what: &str) -> String {
    format!(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: {what}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        let d = |s: &str| decode_escapes(s).unwrap();
        assert_eq!(d(r"a\nb\tc\rd"), "a\nb\tc\rd");
        assert_eq!(d(r#"\\ \' \""#), "\\ ' \"");
        assert_eq!(d(r"\a\b\f\v\0"), "\x07\x08\x0c\x0b\0");
        assert_eq!(d(r"\101\x41\u0041\U00000041"), "AAAA");
        assert_eq!(d(r"\1234"), "S4");
        assert_eq!(d(r"\q\d"), r"\q\d");
        assert_eq!(d("a\\\nb"), "ab");
        assert_eq!(d(r"\u00e9"), "é");
        assert!(decode_escapes(r"\x4")
            .unwrap_err()
            .contains("truncated \\xXX escape"));
        assert!(decode_escapes(r"\U99999999")
            .unwrap_err()
            .contains("illegal Unicode"));
        assert!(decode_escapes(r"\ud800").is_err());
    }

    #[test]
    fn scanning() {
        let end = scan_body(r#"ab\"c" + x"#, '"', false).ok().unwrap();
        assert_eq!((end.body_len, end.close_len), (5, 1));
        let end = scan_body("a\n\"b\"\"\"", '"', true).ok().unwrap();
        assert_eq!((end.body_len, end.close_len), (4, 3));
        assert!(scan_body("abc\ndef'", '\'', false).is_err());
        let e = scan_body("a\\\nb", '\'', false).err().unwrap();
        assert_eq!(e.extra_lines, 1);
    }
}
