//! `str.format(*args, **kwargs)`: replacement fields `{name.attr[key]!conv:spec}`,
//! automatic and manual numbering, nested fields in the spec, `{{`/`}}` escapes.

use super::args::self_str;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;

/// Automatic (`{}`) vs manual (`{0}`) numbering; CPython forbids mixing them.
#[derive(Default)]
struct Numbering {
    next: usize,
    auto: bool,
    manual: bool,
}

/// Where named fields come from: `format`'s keyword arguments, or `format_map`'s
/// mapping (indexed as it is, so a dict subclass's `__missing__` answers).
#[derive(Clone, Copy)]
enum Keys<'a> {
    Kw(&'a [(Ref<PyStr>, Value)]),
    Map(&'a Value),
}

pub fn str_format(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let me = self_str(vm, &a, "format")?;
    let mut num = Numbering::default();
    let out = render(vm, me.as_str(), &a.pos[1..], Keys::Kw(a.kw), &mut num, 2)?;
    Ok(Value::string(out))
}

/// `str.format_map(mapping)`.
pub fn str_format_map(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let me = self_str(vm, &a, "format_map")?;
    a.no_kw("format_map")?;
    if a.pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "str.format_map() takes exactly one argument ({} given)",
            a.pos.len() - 1
        )));
    }
    let mut num = Numbering::default();
    let out = render(vm, me.as_str(), &[], Keys::Map(&a.pos[1]), &mut num, 2)?;
    Ok(Value::string(out))
}

fn render(
    vm: &mut Vm,
    fmt: &str,
    args: &[Value],
    kw: Keys<'_>,
    num: &mut Numbering,
    depth: u32,
) -> PyResult<String> {
    if depth == 0 {
        return Err(PyErr::value_error("Max string recursion exceeded"));
    }
    let mut out = String::with_capacity(fmt.len());
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '}' {
            if chars.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(PyErr::value_error(
                "Single '}' encountered in format string",
            ));
        }
        if c != '{' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            out.push('{');
            i += 2;
            continue;
        }
        // Find the matching '}', allowing nested fields in the spec and brackets in the name.
        let start = i + 1;
        let mut j = start;
        let mut nest = 1;
        let mut in_bracket = false;
        while j < chars.len() {
            match chars[j] {
                '[' if !in_bracket => in_bracket = true,
                ']' if in_bracket => in_bracket = false,
                '{' if !in_bracket => nest += 1,
                '}' if !in_bracket => {
                    nest -= 1;
                    if nest == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= chars.len() {
            return Err(PyErr::value_error(if nest > 1 || start < chars.len() {
                "expected '}' before end of string"
            } else {
                "Single '{' encountered in format string"
            }));
        }
        let field: String = chars[start..j].iter().collect();
        out.push_str(&render_field(vm, &field, args, kw, num, depth)?);
        i = j + 1;
    }
    Ok(out)
}

fn render_field(
    vm: &mut Vm,
    field: &str,
    args: &[Value],
    kw: Keys<'_>,
    num: &mut Numbering,
    depth: u32,
) -> PyResult<String> {
    // Split name / conversion / spec; '!' and ':' inside [...] belong to the name.
    let mut name_end = field.len();
    let mut in_bracket = false;
    for (k, c) in field.char_indices() {
        match c {
            '[' => in_bracket = true,
            ']' => in_bracket = false,
            '!' | ':' if !in_bracket => {
                name_end = k;
                break;
            }
            _ => {}
        }
    }
    let name = &field[..name_end];
    let rest = &field[name_end..];
    let (conv, spec) = if let Some(r) = rest.strip_prefix('!') {
        let mut cs = r.chars();
        let conv = match cs.next() {
            Some(c) => c,
            None => {
                return Err(PyErr::value_error(
                    "end of string while looking for conversion specifier",
                ))
            }
        };
        let after = cs.as_str();
        let spec = match after.strip_prefix(':') {
            Some(s) => s,
            None if after.is_empty() => "",
            None => {
                return Err(PyErr::value_error(
                    "expected ':' after conversion specifier",
                ))
            }
        };
        (Some(conv), spec)
    } else {
        (None, rest.strip_prefix(':').unwrap_or(""))
    };
    let mut value = lookup(vm, name, args, kw, num)?;
    if let Some(c) = conv {
        value = match c {
            'r' => Value::string(vm.repr(&value)?),
            's' => Value::string(vm.str(&value)?),
            'a' => Value::string(crate::vm::repr::ascii(&vm.repr(&value)?)),
            c => {
                return Err(PyErr::value_error(format!(
                    "Unknown conversion specifier {c}"
                )))
            }
        };
    }
    let spec = if spec.contains('{') {
        render(vm, spec, args, kw, num, depth - 1)?
    } else {
        spec.to_string()
    };
    vm.format(&value, &spec)
}

/// Resolves `0`, `name`, `` (automatic), then `.attr` and `[key]` parts.
fn lookup(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: Keys<'_>,
    num: &mut Numbering,
) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let positional_field = first.is_empty() || first.bytes().all(|b| b.is_ascii_digit());
    if positional_field && matches!(kw, Keys::Map(_)) {
        return Err(PyErr::value_error(
            "Format string contains positional fields",
        ));
    }
    let mut value = if first.is_empty() {
        if num.manual {
            return Err(PyErr::value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        num.auto = true;
        let idx = num.next;
        num.next += 1;
        positional(args, idx)?
    } else if first.bytes().all(|b| b.is_ascii_digit()) {
        if num.auto {
            return Err(PyErr::value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        num.manual = true;
        let idx: usize = first.parse().unwrap_or(usize::MAX);
        positional(args, idx)?
    } else {
        match kw {
            Keys::Kw(kw) => match kw.iter().find(|(k, _)| k.as_str() == first) {
                Some((_, v)) => v.clone(),
                None => return Err(PyErr::key_error(Value::str(first))),
            },
            Keys::Map(m) => vm.getitem(m, &Value::str(first))?,
        }
    };
    let mut rest = &name[first_end..];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let attr = &r[..end];
            if attr.is_empty() {
                return Err(PyErr::value_error("Empty attribute in format string"));
            }
            value = vm.getattr(&value, &Ref::new(PyStr::new(attr)))?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let Some(end) = r.find(']') else {
                return Err(PyErr::value_error("Missing ']' in format string"));
            };
            let key = &r[..end];
            if key.is_empty() {
                return Err(PyErr::value_error("Empty attribute in format string"));
            }
            let k = match key.parse::<i64>() {
                Ok(n) if key.bytes().all(|b| b.is_ascii_digit()) => Value::Int(n),
                _ => Value::str(key),
            };
            value = vm.getitem(&value, &k)?;
            rest = &r[end + 1..];
            if !rest.is_empty() && !rest.starts_with(['.', '[']) {
                return Err(PyErr::value_error(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        } else {
            return Err(PyErr::value_error(
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(value)
}

fn positional(args: &[Value], idx: usize) -> PyResult<Value> {
    args.get(idx).cloned().ok_or_else(|| {
        PyErr::index_error(format!(
            "Replacement index {idx} out of range for positional args tuple"
        ))
    })
}
