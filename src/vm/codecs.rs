//! Text encodings for `str.encode`/`bytes.decode`: utf-8 (and utf-8-sig), ascii,
//! latin-1, utf-16 and utf-32 (with BOM, -le, -be), the error handlers, the names and
//! aliases `codecs.lookup` accepts, and the UnicodeError classes with CPython's messages.

use super::errors::{new_exception, PyErr, PyResult};
use super::object::{Args, Class, ClassKind};
use super::refcount::Ref;
use super::types::{self, types};
use super::value::Value;
use super::Vm;
use std::sync::OnceLock;

#[derive(Clone, Copy, PartialEq, Debug)]
enum Order {
    /// Plain `utf-16`/`utf-32`: a BOM on encoding, read (and dropped) on decoding.
    Bom,
    Le,
    Be,
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Codec {
    Utf8,
    Utf8Sig,
    Ascii,
    Latin1,
    Utf16(Order),
    Utf32(Order),
}

/// The byte order plain `utf-16`/`utf-32` use without a BOM: the machine's, as CPython.
const NATIVE: Order = if cfg!(target_endian = "big") {
    Order::Be
} else {
    Order::Le
};

impl Codec {
    /// The name UnicodeErrors carry (CPython names the byte order it decoded with).
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 | Codec::Utf8Sig => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Utf16(Order::Be) => "utf-16-be",
            Codec::Utf16(_) => "utf-16-le",
            Codec::Utf32(Order::Be) => "utf-32-be",
            Codec::Utf32(_) => "utf-32-le",
        }
    }
}

/// CPython's `encodings.normalize_encoding` after `codecs.lookup`'s lower-casing:
/// runs of characters other than ASCII letters, digits and `.` become one `_`,
/// leading and trailing ones are dropped.
fn normalize(enc: &str) -> String {
    let mut out = String::with_capacity(enc.len());
    let mut punct = false;
    for c in enc.chars() {
        if c.is_alphanumeric() || c == '.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            }
            punct = false;
        } else {
            punct = true;
        }
    }
    out
}

fn lookup(enc: &str) -> PyResult<Codec> {
    let norm = normalize(enc);
    let dotless = norm.replace('.', "_");
    // CPython tries the aliases with dots made underscores, but a codec module's own
    // name only as written: `utf.8` is unknown, `iso.8859.1` an alias of latin-1.
    let module_names = [
        "utf_8",
        "utf_8_sig",
        "ascii",
        "latin_1",
        "utf_16",
        "utf_16_le",
        "utf_16_be",
        "utf_32",
        "utf_32_le",
        "utf_32_be",
    ];
    if dotless != norm && module_names.contains(&dotless.as_str()) {
        return Err(PyErr::new(
            &lookup_error(),
            format!("unknown encoding: {enc}"),
        ));
    }
    // The codec modules' own names and the aliases of encodings/aliases.py that
    // lead to them.
    Ok(match dotless.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => Codec::Utf8,
        "utf_8_sig" => Codec::Utf8Sig,
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3_4_1968" | "ansi_x3_4_1986" | "cp367"
        | "csascii" | "ibm367" | "iso646_us" | "iso_646_irv_1991" | "iso_ir_6" => Codec::Ascii,
        "latin_1" | "latin1" | "iso8859_1" | "iso_8859_1" | "iso8859" | "8859" | "cp819" | "l1"
        | "latin" | "iso_ir_100" | "csisolatin1" | "ibm819" | "iso_8859_1_1987" => Codec::Latin1,
        "utf_16" | "utf16" | "u16" => Codec::Utf16(Order::Bom),
        "utf_16_le" | "utf_16le" | "unicodelittleunmarked" => Codec::Utf16(Order::Le),
        "utf_16_be" | "utf_16be" | "unicodebigunmarked" => Codec::Utf16(Order::Be),
        "utf_32" | "utf32" | "u32" => Codec::Utf32(Order::Bom),
        "utf_32_le" | "utf_32le" => Codec::Utf32(Order::Le),
        "utf_32_be" | "utf_32be" => Codec::Utf32(Order::Be),
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

/// CPython's str.encode/bytes.decode call these codecs directly; others go through
/// the codec registry, which wraps a handler's LookupError or TypeError as
/// "decoding with 'NAME' codec failed (...)".
fn is_fast_path(enc: &str) -> bool {
    matches!(
        normalize(enc).as_str(),
        "utf8"
            | "utf_8"
            | "utf16"
            | "utf_16"
            | "utf32"
            | "utf_32"
            | "ascii"
            | "us_ascii"
            | "latin1"
            | "latin_1"
            | "iso_8859_1"
            | "iso8859_1"
    )
}

/// Where a handler error is raised: the name the caller gave and "encoding" or
/// "decoding", or None on CPython's direct paths (no wrapping).
type Ctx<'a> = Option<(&'a str, &'static str)>;

fn handler_error(ctx: Ctx, cls: &Ref<Class>, cls_name: &str, msg: String) -> PyErr {
    let inner = PyErr::new(cls, msg.clone());
    let Some((enc, what)) = ctx else { return inner };
    let outer = PyErr::new(
        cls,
        format!("{what} with '{enc}' codec failed ({cls_name}: {msg})"),
    );
    if let Some(inst) = outer.instance() {
        if let Some(d) = &inst.exc {
            let mut d = d.lock();
            d.cause = Some(inner.exc.clone());
            d.context = Some(inner.exc);
            d.suppress_context = true;
        }
    }
    outer
}

fn unknown_handler(ctx: Ctx, name: &str) -> PyErr {
    handler_error(
        ctx,
        &lookup_error(),
        "LookupError",
        format!("unknown error handler name '{name}'"),
    )
}

/// gilvm's str holds Unicode scalar values only, so the handlers that would put lone
/// surrogates into a str cannot; they say so instead of returning something else.
fn no_surrogates(handler: &str) -> PyErr {
    PyErr::new(
        &types().not_implemented_error,
        format!(
            "the '{handler}' error handler would produce a lone surrogate, \
             which a gilvm str cannot hold"
        ),
    )
}

/// `s.encode(encoding, errors)`.
pub fn encode(s: &str, enc: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = lookup(enc)?;
    let ctx: Ctx = (!is_fast_path(enc)).then_some((enc, "encoding"));
    let limit = match codec {
        Codec::Utf8 => return Ok(s.as_bytes().to_vec()),
        Codec::Utf8Sig => {
            let mut out = Vec::with_capacity(s.len() + 3);
            out.extend_from_slice(b"\xef\xbb\xbf");
            out.extend_from_slice(s.as_bytes());
            return Ok(out);
        }
        // A str without surrogates always encodes in UTF-16/32.
        Codec::Utf16(order) => return Ok(encode_utf16(s, order)),
        Codec::Utf32(order) => return Ok(encode_utf32(s, order)),
        Codec::Ascii => 128,
        Codec::Latin1 => 256,
    };
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
        // CPython hands the handler the whole run of unencodable characters.
        let mut end = i;
        while end < chars.len() && (chars[end] as u32) >= limit {
            end += 1;
        }
        match errors {
            // surrogateescape/surrogatepass only take surrogates, which a gilvm str
            // never holds: for anything else they re-raise, as CPython's do.
            "strict" | "surrogateescape" | "surrogatepass" => {
                return Err(encode_error(
                    codec,
                    s,
                    i,
                    end,
                    &format!("ordinal not in range({limit})"),
                ));
            }
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat(b'?').take(end - i)),
            "backslashreplace" => {
                for &c in &chars[i..end] {
                    out.extend(escape_char(c).bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &c in &chars[i..end] {
                    out.extend(format!("&#{};", c as u32).bytes());
                }
            }
            "namereplace" => {
                return Err(PyErr::new(
                    &types().not_implemented_error,
                    "the 'namereplace' error handler needs the Unicode name database, \
                     which gilvm does not have",
                ))
            }
            other => return Err(unknown_handler(ctx, other)),
        }
        i = end;
    }
    Ok(out)
}

fn encode_utf16(s: &str, order: Order) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 2 + 2);
    let order = if order == Order::Bom {
        put16(&mut out, 0xfeff, NATIVE);
        NATIVE
    } else {
        order
    };
    for u in s.encode_utf16() {
        put16(&mut out, u, order);
    }
    out
}

fn encode_utf32(s: &str, order: Order) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 4 + 4);
    let order = if order == Order::Bom {
        put32(&mut out, 0xfeff, NATIVE);
        NATIVE
    } else {
        order
    };
    for c in s.chars() {
        put32(&mut out, c as u32, order);
    }
    out
}

fn put16(out: &mut Vec<u8>, u: u16, order: Order) {
    out.extend_from_slice(&match order {
        Order::Be => u.to_be_bytes(),
        _ => u.to_le_bytes(),
    });
}

fn put32(out: &mut Vec<u8>, u: u32, order: Order) {
    out.extend_from_slice(&match order {
        Order::Be => u.to_be_bytes(),
        _ => u.to_le_bytes(),
    });
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

/// The decoder's state: the input, where errors go and the handler.
struct Decoder<'a> {
    codec: Codec,
    ctx: Ctx<'a>,
    data: &'a [u8],
    errors: &'a str,
    out: String,
}

impl Decoder<'_> {
    /// Applies the error handler to the undecodable `data[start..end]`.
    fn bad(&mut self, start: usize, end: usize, reason: &str) -> PyResult<()> {
        match self.errors {
            "strict" => Err(self.error(start, end, reason)),
            "ignore" => Ok(()),
            "replace" => {
                self.out.push('\u{fffd}');
                Ok(())
            }
            "backslashreplace" => {
                for b in &self.data[start..end] {
                    self.out.push_str(&format!("\\x{b:02x}"));
                }
                Ok(())
            }
            // CPython's surrogateescape maps bytes 0x80-0xff to U+DC80-U+DCFF and
            // re-raises if any byte is ASCII.
            "surrogateescape" => {
                if self.data[start..end].iter().all(|&b| b >= 0x80) {
                    Err(no_surrogates("surrogateescape"))
                } else {
                    Err(self.error(start, end, reason))
                }
            }
            // surrogatepass decodes encoded surrogates and re-raises anything else.
            "surrogatepass" => {
                if self.encodes_surrogate(start, reason) {
                    Err(no_surrogates("surrogatepass"))
                } else {
                    Err(self.error(start, end, reason))
                }
            }
            "xmlcharrefreplace" | "namereplace" => Err(handler_error(
                self.ctx,
                &types().type_error,
                "TypeError",
                "don't know how to handle UnicodeDecodeError in error callback".into(),
            )),
            other => Err(unknown_handler(self.ctx, other)),
        }
    }

    fn encodes_surrogate(&self, start: usize, reason: &str) -> bool {
        match self.codec {
            Codec::Utf8 | Codec::Utf8Sig => {
                let d = &self.data[start..];
                d.len() >= 3
                    && d[0] == 0xed
                    && (0xa0..0xc0).contains(&d[1])
                    && (0x80..0xc0).contains(&d[2])
            }
            Codec::Utf16(_) => reason.contains("surrogate") || reason == "illegal encoding",
            Codec::Utf32(_) => reason.starts_with("code point in surrogate"),
            _ => false,
        }
    }

    fn error(&self, start: usize, end: usize, reason: &str) -> PyErr {
        decode_error(self.codec, self.data, start, end, reason)
    }

    fn ascii(&mut self) -> PyResult<()> {
        for (i, &b) in self.data.iter().enumerate() {
            if b < 128 {
                self.out.push(b as char);
            } else {
                self.bad(i, i + 1, "ordinal not in range(128)")?;
            }
        }
        Ok(())
    }

    fn utf8(&mut self, from: usize) -> PyResult<()> {
        let data = self.data;
        let mut rest = &data[from..];
        let mut base = from;
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.out.push_str(s);
                    return Ok(());
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    self.out
                        .push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
                    let start = base + good;
                    let first = rest[good];
                    let (n, reason) = match e.error_len() {
                        None => (rest.len() - good, "unexpected end of data"),
                        Some(n) if (0x80..0xc2).contains(&first) || first >= 0xf5 => {
                            (n, "invalid start byte")
                        }
                        Some(n) => (n, "invalid continuation byte"),
                    };
                    self.bad(start, start + n, reason)?;
                    rest = &rest[good + n..];
                    base = start + n;
                }
            }
        }
    }

    /// UTF-16 from `pos` in `order`, with CPython's error ranges and reasons.
    fn utf16(&mut self, mut pos: usize, order: Order) -> PyResult<()> {
        let data = self.data;
        let n = data.len();
        let get = |p: usize| -> u32 {
            let pair = [data[p], data[p + 1]];
            (match order {
                Order::Be => u16::from_be_bytes(pair),
                _ => u16::from_le_bytes(pair),
            }) as u32
        };
        while pos < n {
            if n - pos < 2 {
                self.bad(pos, n, "truncated data")?;
                break;
            }
            let u = get(pos);
            if !(0xd800..0xe000).contains(&u) {
                self.out.push(char::from_u32(u).unwrap_or('\u{fffd}'));
                pos += 2;
            } else if u >= 0xdc00 {
                self.bad(pos, pos + 2, "illegal encoding")?;
                pos += 2;
            } else if n - pos < 4 {
                self.bad(pos, n, "unexpected end of data")?;
                break;
            } else {
                let lo = get(pos + 2);
                if (0xdc00..0xe000).contains(&lo) {
                    let c = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                    self.out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                    pos += 4;
                } else {
                    self.bad(pos, pos + 2, "illegal UTF-16 surrogate")?;
                    pos += 2;
                }
            }
        }
        Ok(())
    }

    fn utf32(&mut self, mut pos: usize, order: Order) -> PyResult<()> {
        let data = self.data;
        let n = data.len();
        while pos < n {
            if n - pos < 4 {
                self.bad(pos, n, "truncated data")?;
                break;
            }
            let quad = [data[pos], data[pos + 1], data[pos + 2], data[pos + 3]];
            let c = match order {
                Order::Be => u32::from_be_bytes(quad),
                _ => u32::from_le_bytes(quad),
            };
            match char::from_u32(c) {
                Some(ch) => self.out.push(ch),
                None if c >= 0x110000 => {
                    self.bad(pos, pos + 4, "code point not in range(0x110000)")?
                }
                None => self.bad(
                    pos,
                    pos + 4,
                    "code point in surrogate code point range(0xd800, 0xe000)",
                )?,
            }
            pos += 4;
        }
        Ok(())
    }
}

/// `b.decode(encoding, errors)`.
pub fn decode(data: &[u8], enc: &str, errors: &str) -> PyResult<String> {
    let codec = lookup(enc)?;
    if codec == Codec::Latin1 {
        return Ok(data.iter().map(|&b| b as char).collect());
    }
    if matches!(codec, Codec::Utf8 | Codec::Ascii) && data.is_ascii() {
        return Ok(data.iter().map(|&b| b as char).collect());
    }
    let mut d = Decoder {
        codec,
        ctx: (!is_fast_path(enc)).then_some((enc, "decoding")),
        data,
        errors,
        out: String::with_capacity(data.len()),
    };
    match codec {
        Codec::Latin1 => {}
        Codec::Ascii => d.ascii()?,
        Codec::Utf8 => d.utf8(0)?,
        Codec::Utf8Sig => d.utf8(if data.starts_with(b"\xef\xbb\xbf") {
            3
        } else {
            0
        })?,
        Codec::Utf16(order) => {
            let (start, order) = match order {
                Order::Bom if data.starts_with(b"\xff\xfe") => (2, Order::Le),
                Order::Bom if data.starts_with(b"\xfe\xff") => (2, Order::Be),
                Order::Bom => (0, NATIVE),
                o => (0, o),
            };
            d.codec = Codec::Utf16(order);
            d.utf16(start, order)?
        }
        Codec::Utf32(order) => {
            let (start, order) = match order {
                Order::Bom if data.starts_with(b"\xff\xfe\x00\x00") => (4, Order::Le),
                Order::Bom if data.starts_with(b"\x00\x00\xfe\xff") => (4, Order::Be),
                Order::Bom => (0, NATIVE),
                o => (0, o),
            };
            d.codec = Codec::Utf32(order);
            d.utf32(start, order)?
        }
    }
    Ok(d.out)
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
