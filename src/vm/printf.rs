//! printf-style formatting, `str % args`, with CPython's conversions, flags, `*`
//! widths and precisions, `%(key)s` mappings and error messages.

use super::alloc::{self, NoMemory};
use super::errors::{PyErr, PyResult};
use super::format::{format_float, FormatSpec};
use super::value::Value;
use super::Vm;
use num_bigint::BigInt;
use num_traits::Signed;

#[derive(Default)]
struct Flags {
    left: bool,
    sign: bool,
    space: bool,
    alt: bool,
    zero: bool,
}

/// Where the arguments come from: a tuple (taken in order), one value, or a mapping.
struct ArgSource<'a> {
    items: Vec<Value>,
    next: usize,
    mapping: Option<&'a Value>,
    /// A non-tuple argument counts as one positional argument.
    single: bool,
    /// `bytes % args`: the text is bytes read as latin-1 (one char a byte), `%s`/`%b`
    /// take bytes-like objects, `%r`/`%a` are ascii(), mapping keys are bytes.
    bytes: bool,
}

impl ArgSource<'_> {
    fn next(&mut self) -> PyResult<Value> {
        match self.items.get(self.next) {
            Some(v) => {
                self.next += 1;
                Ok(v.clone())
            }
            None => Err(PyErr::type_error("not enough arguments for format string")),
        }
    }
}

impl Vm {
    /// `fmt % args`.
    pub fn printf(&mut self, fmt: &str, args: &Value) -> PyResult<String> {
        self.printf_mode(fmt, args, false)
    }

    /// `fmt % args` for bytes and bytearray, with CPython's bytes conversions.
    pub fn printf_bytes(&mut self, fmt: &[u8], args: &Value) -> PyResult<Vec<u8>> {
        let fmt: String = fmt.iter().map(|&c| c as char).collect();
        let s = self.printf_mode(&fmt, args, true)?;
        // Every conversion in bytes mode yields chars below 256.
        Ok(s.chars().map(|c| c as u32 as u8).collect())
    }

    fn printf_mode(&mut self, fmt: &str, args: &Value, bytes: bool) -> PyResult<String> {
        // A tuple subclass (a namedtuple) is a tuple of arguments too, as CPython's.
        let (items, single) = match args.payload() {
            Value::Tuple(t) => ((**t).clone(), false),
            v => (vec![v.clone()], true),
        };
        // As CPython: anything subscriptable that is not a tuple or str may serve
        // `%(key)s`, and then unused arguments are not an error.
        let mapping = match args.payload() {
            Value::Tuple(_) | Value::Str(_) => None,
            Value::Dict(_) | Value::List(_) => Some(args),
            Value::Instance(_) | Value::Native(_)
                if self.type_of(args).lookup_str("__getitem__").is_some() =>
            {
                Some(args)
            }
            _ => None,
        };
        let mut src = ArgSource {
            items,
            next: 0,
            mapping,
            single,
            bytes,
        };
        let chars: Vec<char> = fmt.chars().collect();
        let mut out = String::with_capacity(fmt.len() + 16);
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c != '%' {
                out.push(c);
                i += 1;
                continue;
            }
            i += 1;
            if chars.get(i) == Some(&'%') {
                out.push('%');
                i += 1;
                continue;
            }
            i = self.one_conversion(&chars, i, &mut src, &mut out)?;
        }
        if src.next < src.items.len() && src.mapping.is_none() {
            return Err(PyErr::type_error(if bytes {
                "not all arguments converted during bytes formatting"
            } else {
                "not all arguments converted during string formatting"
            }));
        }
        let _ = src.single;
        Ok(out)
    }

    /// Formats the conversion starting after a `%` at `i`; returns where it ends.
    fn one_conversion(
        &mut self,
        chars: &[char],
        mut i: usize,
        src: &mut ArgSource,
        out: &mut String,
    ) -> PyResult<usize> {
        let mut keyed: Option<Value> = None;
        if chars.get(i) == Some(&'(') {
            let Some(m) = src.mapping else {
                return Err(PyErr::type_error("format requires a mapping"));
            };
            let start = i + 1;
            let mut depth = 1;
            i += 1;
            while i < chars.len() {
                match chars[i] {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            if i >= chars.len() {
                return Err(PyErr::value_error("incomplete format key"));
            }
            let key: String = chars[start..i].iter().collect();
            i += 1;
            let m = m.clone();
            let key = if src.bytes {
                Value::bytes(key.chars().map(|c| c as u32 as u8).collect())
            } else {
                Value::string(key)
            };
            keyed = Some(self.getitem(&m, &key)?);
        }
        let mut fl = Flags::default();
        while let Some(&c) = chars.get(i) {
            match c {
                '-' => fl.left = true,
                '+' => fl.sign = true,
                ' ' => fl.space = true,
                '#' => fl.alt = true,
                '0' => fl.zero = true,
                _ => break,
            }
            i += 1;
        }
        let mut width: Option<usize> = None;
        if chars.get(i) == Some(&'*') {
            i += 1;
            let w = match src.next()? {
                Value::Int(w) => w,
                Value::Bool(b) => b as i64,
                Value::BigInt(_) => {
                    return Err(PyErr::overflow_error(
                        "Python int too large to convert to C ssize_t",
                    ))
                }
                _ => return Err(PyErr::type_error("* wants int")),
            };
            if w < 0 {
                fl.left = true;
            }
            width = Some(w.unsigned_abs() as usize);
        } else {
            width = read_num(chars, &mut i, isize::MAX as usize, "width too big")?.or(width);
        }
        let mut prec: Option<usize> = None;
        if chars.get(i) == Some(&'.') {
            i += 1;
            if chars.get(i) == Some(&'*') {
                i += 1;
                // CPython reads a `*` precision as a C int.
                let p = match src.next()? {
                    Value::Int(p) if i32::try_from(p).is_ok() => p,
                    Value::Bool(b) => b as i64,
                    Value::Int(_) | Value::BigInt(_) => {
                        return Err(PyErr::overflow_error(
                            "Python int too large to convert to C int",
                        ))
                    }
                    _ => return Err(PyErr::type_error("* wants int")),
                };
                prec = Some(p.max(0) as usize);
            } else {
                prec = Some(
                    read_num(chars, &mut i, i32::MAX as usize, "precision too big")?.unwrap_or(0),
                );
            }
        }
        while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
            i += 1;
        }
        let Some(&conv) = chars.get(i) else {
            return Err(PyErr::value_error("incomplete format"));
        };
        let at = i;
        i += 1;
        let v = match keyed {
            Some(v) => v,
            None => src.next()?,
        };
        let text = match conv {
            's' | 'b' if src.bytes => {
                let data = self.bytes_for_b(&v)?;
                let mut s: String = data.iter().map(|&c| c as char).collect();
                if let Some(p) = prec {
                    s = s.chars().take(p).collect();
                }
                pad(s, width, fl.left)?
            }
            'r' | 'a' if src.bytes => {
                let mut s = super::repr::ascii(&self.repr(&v)?);
                if let Some(p) = prec {
                    s = s.chars().take(p).collect();
                }
                pad(s, width, fl.left)?
            }
            'c' if src.bytes => {
                let b = match v.payload() {
                    Value::Bytes(b) if b.len() == 1 => b.to_vec()[0],
                    Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                        match num_traits::ToPrimitive::to_u8(&self.int_for(&v, 'c')?) {
                            Some(b) => b,
                            None => return Err(PyErr::overflow_error("%c arg not in range(256)")),
                        }
                    }
                    _ => {
                        return Err(PyErr::type_error(
                            "%c requires an integer in range(256) or a single byte",
                        ))
                    }
                };
                pad((b as char).to_string(), width, fl.left)?
            }
            's' | 'r' | 'a' => {
                let mut s = match conv {
                    's' => self.str(&v)?,
                    'r' => self.repr(&v)?,
                    _ => super::repr::ascii(&self.repr(&v)?),
                };
                if let Some(p) = prec {
                    s = s.chars().take(p).collect();
                }
                pad(s, width, fl.left)?
            }
            'c' => {
                let ch = match &v {
                    Value::Str(s) if s.char_len() == 1 => s.as_str().to_string(),
                    Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                        let n = self.int_for(&v, 'c')?;
                        match num_traits::ToPrimitive::to_u32(&n).and_then(char::from_u32) {
                            Some(c) if n >= BigInt::from(0) => c.to_string(),
                            _ => {
                                return Err(PyErr::overflow_error("%c arg not in range(0x110000)"))
                            }
                        }
                    }
                    _ => return Err(PyErr::type_error("%c requires int or char")),
                };
                pad(ch, width, fl.left)?
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                // CPython's bytes formatter names `%i` as `%d` in its errors.
                let shown = if src.bytes && conv == 'i' { 'd' } else { conv };
                let n = self.int_for(&v, shown)?;
                format_integer(&n, conv, &fl, width, prec)?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let x = match self.float_for(&v) {
                    Err(_) if src.bytes && !is_number(self, &v) => {
                        return Err(PyErr::type_error(format!(
                            "float argument required, not {}",
                            self.type_name(&v)
                        )))
                    }
                    r => r?,
                };
                let spec = FormatSpec {
                    align: fl.left.then_some('<'),
                    sign: if fl.sign {
                        Some('+')
                    } else if fl.space {
                        Some(' ')
                    } else {
                        None
                    },
                    alternate: fl.alt,
                    zero: fl.zero && !fl.left,
                    width,
                    precision: Some(prec.unwrap_or(6)),
                    ty: Some(conv),
                    ..Default::default()
                };
                format_float(x, &spec).map_err(super::ops::fmt_err)?
            }
            c => {
                return Err(PyErr::value_error(format!(
                    "unsupported format character '{c}' ({:#x}) at index {at}",
                    c as u32
                )))
            }
        };
        out.push_str(&text);
        Ok(i)
    }

    /// What `%s`/`%b` insert into bytes: a bytes-like object's bytes or `__bytes__()`.
    fn bytes_for_b(&mut self, v: &Value) -> PyResult<Vec<u8>> {
        if let Some(b) = super::bytes::bytes_like(v) {
            return Ok(b);
        }
        if !matches!(v.payload(), Value::Str(_)) {
            if let Some(m) = self.type_of(v).lookup_str("__bytes__") {
                let r = self.call(&m, std::slice::from_ref(v), &[])?;
                return match &r {
                    Value::Bytes(b) if !b.mutable => Ok(b.to_vec()),
                    _ => Err(PyErr::type_error(format!(
                        "__bytes__ returned non-bytes (type {})",
                        self.type_name(&r)
                    ))),
                };
            }
        }
        Err(PyErr::type_error(format!(
            "%b requires a bytes-like object, or an object that implements __bytes__, not '{}'",
            self.type_name(v)
        )))
    }

    /// The int a `%d`/`%x`/`%c` conversion formats: ints as they are, and for `%d`
    /// anything `int()` takes from a number (floats truncate).
    fn int_for(&mut self, v: &Value, conv: char) -> PyResult<BigInt> {
        match v {
            Value::Int(i) => return Ok(BigInt::from(*i)),
            Value::Bool(b) => return Ok(BigInt::from(*b as i64)),
            Value::BigInt(b) => return Ok((**b).clone()),
            _ => {}
        }
        let cls = self.type_of(v);
        let has_index = cls.lookup_str("__index__").is_some();
        if matches!(conv, 'x' | 'X' | 'o' | 'c') {
            if has_index {
                return Ok(BigInt::from(self.to_index(v)?));
            }
            return Err(PyErr::type_error(format!(
                "%{conv} format: an integer is required, not {}",
                self.type_name(v)
            )));
        }
        match v {
            Value::Float(f) => super::format::float_to_bigint(*f).map_err(|e| match e.kind() {
                super::format::ErrKind::ValueError => PyErr::value_error(e.message()),
                super::format::ErrKind::OverflowError => PyErr::overflow_error(e.message()),
                super::format::ErrKind::MemoryError => super::builtins::memory_error(),
            }),
            _ if cls.lookup_str("__int__").is_some() => {
                let m = cls.lookup_str("__int__").unwrap_or(Value::None);
                let r = self.call(&m, std::slice::from_ref(v), &[])?;
                self.int_for(&r, conv)
            }
            _ if has_index => Ok(BigInt::from(self.to_index(v)?)),
            _ => Err(PyErr::type_error(format!(
                "%{conv} format: a real number is required, not {}",
                self.type_name(v)
            ))),
        }
    }

    fn float_for(&mut self, v: &Value) -> PyResult<f64> {
        match v {
            Value::Float(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            Value::Bool(b) => Ok(*b as i64 as f64),
            Value::BigInt(b) => super::format::bigint_to_f64(b).map_err(super::ops::fmt_err),
            _ => {
                let cls = self.type_of(v);
                if let Some(m) = cls.lookup_str("__float__") {
                    let r = self.call(&m, std::slice::from_ref(v), &[])?;
                    return self.float_for(&r);
                }
                if cls.lookup_str("__index__").is_some() {
                    return Ok(self.to_index(v)? as f64);
                }
                Err(PyErr::type_error(format!(
                    "must be real number, not {}",
                    self.type_name(v)
                )))
            }
        }
    }
}

/// Whether `%f` can take `v` (so a bytes-format error keeps CPython's other text).
fn is_number(vm: &Vm, v: &Value) -> bool {
    matches!(
        v,
        Value::Float(_) | Value::Int(_) | Value::Bool(_) | Value::BigInt(_)
    ) || {
        let cls = vm.type_of(v);
        cls.lookup_str("__float__").is_some() || cls.lookup_str("__index__").is_some()
    }
}

/// A decimal width or precision; CPython allows widths up to the address space and
/// precisions up to a C int.
fn read_num(chars: &[char], i: &mut usize, max: usize, what: &str) -> PyResult<Option<usize>> {
    let start = *i;
    let mut v: usize = 0;
    while let Some(d) = chars.get(*i).and_then(|c| c.to_digit(10)) {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|v| *v <= max)
            .ok_or_else(|| PyErr::value_error(what))?;
        *i += 1;
    }
    Ok((*i > start).then_some(v))
}

fn pad(s: String, width: Option<usize>, left: bool) -> Result<String, NoMemory> {
    let n = s.chars().count();
    match width {
        Some(w) if w > n => {
            let mut out = alloc::string(s.len().saturating_add(w - n))?;
            if left {
                out.push_str(&s);
                alloc::push_fill(&mut out, ' ', w - n)?;
            } else {
                alloc::push_fill(&mut out, ' ', w - n)?;
                out.push_str(&s);
            }
            Ok(out)
        }
        _ => Ok(s),
    }
}

/// `%d %i %u %x %X %o`: precision is a minimum digit count; `#` adds `0x`/`0o`.
fn format_integer(
    n: &BigInt,
    conv: char,
    fl: &Flags,
    width: Option<usize>,
    prec: Option<usize>,
) -> PyResult<String> {
    let mut digits = match conv {
        'x' => n.abs().to_str_radix(16),
        'X' => n.abs().to_str_radix(16).to_uppercase(),
        'o' => n.abs().to_str_radix(8),
        // Decimal conversions honour sys.set_int_max_str_digits, as str() does.
        _ => crate::vm::repr::int_to_decimal(&n.abs()).map_err(PyErr::value_error)?,
    };
    if let Some(p) = prec {
        if digits.len() < p {
            let mut zeros = alloc::string(p)?;
            alloc::push_fill(&mut zeros, '0', p - digits.len())?;
            zeros.push_str(&digits);
            digits = zeros;
        }
    }
    let mut prefix = String::new();
    if n.is_negative() {
        prefix.push('-');
    } else if fl.sign {
        prefix.push('+');
    } else if fl.space {
        prefix.push(' ');
    }
    if fl.alt {
        match conv {
            'x' => prefix.push_str("0x"),
            'X' => prefix.push_str("0X"),
            'o' => prefix.push_str("0o"),
            _ => {}
        }
    }
    let len = prefix.len() + digits.len();
    match width {
        Some(w) if w > len => {
            let mut out = alloc::string(w)?;
            if fl.left {
                out.push_str(&prefix);
                out.push_str(&digits);
                alloc::push_fill(&mut out, ' ', w - len)?;
            } else if fl.zero {
                out.push_str(&prefix);
                alloc::push_fill(&mut out, '0', w - len)?;
                out.push_str(&digits);
            } else {
                alloc::push_fill(&mut out, ' ', w - len)?;
                out.push_str(&prefix);
                out.push_str(&digits);
            }
            Ok(out)
        }
        _ => Ok(prefix + &digits),
    }
}
