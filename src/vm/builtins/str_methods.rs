//! The `str` constructor and methods; the algorithms themselves live in `strops.rs`.

use super::args::{ctor_args, flag, opt_bound, self_str, str_arg};
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::strops;
use crate::vm::types::{self, Types};
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;

pub fn install(t: &Types) {
    types::install(
        &t.str,
        &[
            ("join", join),
            ("split", split),
            ("rsplit", rsplit),
            ("strip", strip),
            ("lstrip", lstrip),
            ("rstrip", rstrip),
            ("lower", lower),
            ("upper", upper),
            ("casefold", lower),
            ("capitalize", capitalize),
            ("title", title),
            ("swapcase", swapcase),
            ("replace", replace),
            ("startswith", startswith),
            ("endswith", endswith),
            ("find", find),
            ("rfind", rfind),
            ("index", index),
            ("rindex", rindex),
            ("count", count),
            ("format", super::strformat::str_format),
            ("format_map", super::strformat::str_format_map),
            ("isdigit", isdigit),
            ("isdecimal", isdecimal),
            ("isnumeric", isnumeric),
            ("isalpha", isalpha),
            ("isalnum", isalnum),
            ("isspace", isspace),
            ("isupper", isupper),
            ("islower", islower),
            ("istitle", istitle),
            ("isprintable", isprintable),
            ("isidentifier", isidentifier),
            ("isascii", isascii),
            ("zfill", zfill),
            ("ljust", ljust),
            ("rjust", rjust),
            ("center", center),
            ("expandtabs", expandtabs),
            ("splitlines", splitlines),
            ("partition", partition),
            ("rpartition", rpartition),
            ("removeprefix", removeprefix),
            ("removesuffix", removesuffix),
            ("translate", translate),
        ],
    );
    // A staticmethod in CPython; as a classmethod here it also works on instances.
    types::install_classmethods(&t.str, &[("maketrans", maketrans)]);
}

fn s(v: String) -> Value {
    Value::string(v)
}

pub(crate) fn str_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("str", &["object", "encoding", "errors"])?;
    let args = ctor_args(&a);
    if args.len() > 3 {
        return Err(PyErr::type_error(format!(
            "str() takes at most 3 arguments ({} given)",
            args.len()
        )));
    }
    let obj = args.first().or_else(|| a.kw("object"));
    let enc = args.get(1).or_else(|| a.kw("encoding"));
    let errors = args.get(2).or_else(|| a.kw("errors"));
    if enc.is_none() && errors.is_none() {
        return match obj {
            None => Ok(Value::str("")),
            Some(x @ Value::Str(_)) => Ok(x.clone()),
            Some(x) => Ok(s(vm.str(x)?)),
        };
    }
    // str(bytes, encoding, errors): a decode, as CPython's.
    let text = |v: Option<&Value>, arg: &str, default: &str| -> PyResult<String> {
        match v {
            None => Ok(default.to_string()),
            Some(Value::Str(t)) => Ok(t.as_str().to_string()),
            Some(v) => Err(PyErr::type_error(format!(
                "str() argument '{arg}' must be str, not {}",
                vm.type_name(v)
            ))),
        }
    };
    let enc = text(enc, "encoding", "utf-8")?;
    let errors = text(errors, "errors", "strict")?;
    let Some(obj) = obj else {
        return Ok(Value::str(""));
    };
    if let Value::Str(_) = obj.payload() {
        return Err(PyErr::type_error("decoding str is not supported"));
    }
    match crate::vm::bytes::bytes_like(obj) {
        Some(data) => Ok(s(crate::vm::codecs::decode(&data, &enc, &errors)?)),
        None => Err(PyErr::type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            vm.type_name(obj)
        ))),
    }
}

fn join(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("str.join")?;
    let sep = self_str(vm, &a, "join")?;
    a.expect_method("str.join", 1, 1)?;
    let items = vm.collect(&a.pos[1])?;
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep.as_str());
        }
        // payload(): instances of str subclasses (StrEnum members) join as their text.
        match x.payload() {
            Value::Str(t) => out.push_str(t.as_str()),
            _ => {
                return Err(PyErr::type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    vm.type_name(x)
                )))
            }
        }
    }
    Ok(s(out))
}

/// `sep` / `chars`-style optional str arguments (None allowed).
fn opt_str(vm: &Vm, v: Option<&Value>, fname: &str, n: usize) -> PyResult<Option<Ref<PyStr>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(x)) => Ok(Some(x.clone())),
        Some(v) => Err(PyErr::type_error(match fname {
            "split" | "rsplit" => format!("must be str or None, not {}", vm.type_name(v)),
            _ => format!(
                "{fname} arg {n} must be str or None, not {}",
                vm.type_name(v)
            ),
        })),
    }
}

fn do_split(vm: &mut Vm, a: Args, name: &str, right: bool) -> PyResult<Value> {
    a.only_kw(name, &["sep", "maxsplit"])?;
    let me = self_str(vm, &a, name)?;
    if a.pos.len() > 3 {
        return Err(PyErr::type_error(format!(
            "{name}() takes at most 2 arguments ({} given)",
            a.pos.len() - 1
        )));
    }
    let sep = opt_str(vm, a.arg(1, "sep"), name, 1)?;
    let maxsplit = match a.arg(2, "maxsplit") {
        None => -1,
        Some(v) => ssize_arg(vm, v)?,
    };
    let sep_s = sep.as_ref().map(|x| x.as_str());
    let parts = if right {
        strops::rsplit(me.as_str(), sep_s, maxsplit)
    } else {
        strops::split(me.as_str(), sep_s, maxsplit)
    }
    .map_err(PyErr::value_error)?;
    Ok(Value::list(parts.into_iter().map(s).collect()))
}

fn split(vm: &mut Vm, a: Args) -> PyResult<Value> {
    do_split(vm, a, "split", false)
}

fn rsplit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    do_split(vm, a, "rsplit", true)
}

fn do_strip(vm: &mut Vm, a: Args, name: &str, which: u8) -> PyResult<Value> {
    a.no_kw(name)?;
    let me = self_str(vm, &a, name)?;
    a.expect(name, 1, 2)?;
    let chars = opt_str(vm, a.pos.get(1), name, 1)?;
    let c = chars.as_ref().map(|x| x.as_str());
    let r = match which {
        0 => strops::strip(me.as_str(), c),
        1 => strops::lstrip(me.as_str(), c),
        _ => strops::rstrip(me.as_str(), c),
    };
    if r.len() == me.as_str().len() {
        return Ok(Value::Str(me));
    }
    Ok(Value::str(r))
}

fn strip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    do_strip(vm, a, "strip", 0)
}

fn lstrip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    do_strip(vm, a, "lstrip", 1)
}

fn rstrip(vm: &mut Vm, a: Args) -> PyResult<Value> {
    do_strip(vm, a, "rstrip", 2)
}

macro_rules! unary_str {
    ($($name:ident => $f:expr),* $(,)?) => {
        $(
            fn $name(vm: &mut Vm, a: Args) -> PyResult<Value> {
                let name = stringify!($name);
                a.no_kw(name)?;
                let me = self_str(vm, &a, name)?;
                a.expect_method(&format!("str.{name}"), 0, 0)?;
                Ok(($f)(me.as_str()))
            }
        )*
    };
}

unary_str!(
    lower => |x: &str| s(strops::lower(x)),
    upper => |x: &str| s(strops::upper(x)),
    capitalize => |x: &str| s(strops::capitalize(x)),
    title => |x: &str| s(strops::title(x)),
    swapcase => |x: &str| s(strops::swapcase(x)),
    isdigit => |x: &str| Value::Bool(strops::isdigit(x)),
    isdecimal => |x: &str| Value::Bool(strops::isdecimal(x)),
    isnumeric => |x: &str| Value::Bool(strops::isnumeric(x)),
    isalpha => |x: &str| Value::Bool(strops::isalpha(x)),
    isalnum => |x: &str| Value::Bool(strops::isalnum(x)),
    isspace => |x: &str| Value::Bool(strops::isspace(x)),
    isupper => |x: &str| Value::Bool(strops::isupper(x)),
    islower => |x: &str| Value::Bool(strops::islower(x)),
    istitle => |x: &str| Value::Bool(strops::istitle(x)),
    isprintable => |x: &str| Value::Bool(strops::isprintable(x)),
    isascii => |x: &str| Value::Bool(x.is_ascii()),
    isidentifier => |x: &str| Value::Bool(is_identifier(x)),
);

/// ASCII-and-letters approximation of Python's identifier rule (XID_Start/XID_Continue).
fn is_identifier(x: &str) -> bool {
    let mut cs = x.chars();
    match cs.next() {
        Some(c) if c == '_' || strops::is_alpha(c) => {}
        _ => return false,
    }
    cs.all(|c| c == '_' || strops::is_alnum(c))
}

fn replace(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("replace")?;
    let me = self_str(vm, &a, "replace")?;
    if a.pos.len() < 3 || a.pos.len() > 4 {
        return Err(PyErr::type_error(format!(
            "replace expected {} arguments, got {}",
            if a.pos.len() < 3 {
                "at least 2"
            } else {
                "at most 3"
            },
            a.pos.len() - 1
        )));
    }
    let old = str_arg(vm, &a.pos[1], "replace", 1)?;
    let new = str_arg(vm, &a.pos[2], "replace", 2)?;
    let count = match a.pos.get(3) {
        None => -1,
        Some(v) => ssize_arg(vm, v)?,
    };
    Ok(s(strops::replace(
        me.as_str(),
        old.as_str(),
        new.as_str(),
        count,
    )))
}

fn affix(vm: &mut Vm, a: Args, name: &str, ends: bool) -> PyResult<Value> {
    a.no_kw(name)?;
    let me = self_str(vm, &a, name)?;
    if a.pos.len() < 2 || a.pos.len() > 4 {
        return Err(PyErr::type_error(format!(
            "{name} expected {} arguments, got {}",
            if a.pos.len() < 2 {
                "at least 1"
            } else {
                "at most 3"
            },
            a.pos.len() - 1
        )));
    }
    let start = opt_bound(vm, a.pos.get(2))?;
    let end = opt_bound(vm, a.pos.get(3))?;
    let test = |p: &str| {
        if ends {
            strops::endswith(me.hay(), p, start, end)
        } else {
            strops::startswith(me.hay(), p, start, end)
        }
    };
    match &a.pos[1] {
        Value::Str(p) => Ok(Value::Bool(test(p.as_str()))),
        Value::Tuple(t) => {
            for p in t.iter() {
                match p {
                    Value::Str(p) => {
                        if test(p.as_str()) {
                            return Ok(Value::Bool(true));
                        }
                    }
                    _ => {
                        return Err(PyErr::type_error(format!(
                            "tuple for {name} must only contain str, not {}",
                            vm.type_name(p)
                        )))
                    }
                }
            }
            Ok(Value::Bool(false))
        }
        v => Err(PyErr::type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn startswith(vm: &mut Vm, a: Args) -> PyResult<Value> {
    affix(vm, a, "startswith", false)
}

fn endswith(vm: &mut Vm, a: Args) -> PyResult<Value> {
    affix(vm, a, "endswith", true)
}

/// find/rfind/index/rindex/count: `(self, sub[, start[, end]])`.
fn search(vm: &mut Vm, a: Args, name: &str) -> PyResult<Value> {
    a.no_kw(name)?;
    let me = self_str(vm, &a, name)?;
    if a.pos.len() < 2 || a.pos.len() > 4 {
        return Err(PyErr::type_error(format!(
            "{name} expected {} arguments, got {}",
            if a.pos.len() < 2 {
                "at least 1"
            } else {
                "at most 3"
            },
            a.pos.len() - 1
        )));
    }
    let sub = match &a.pos[1] {
        Value::Str(x) => x.clone(),
        v => {
            return Err(PyErr::type_error(format!(
                "must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    let start = opt_bound(vm, a.pos.get(2))?;
    let end = opt_bound(vm, a.pos.get(3))?;
    let (h, n) = (me.hay(), sub.as_str());
    let r = match name {
        "find" => strops::find(h, n, start, end),
        "rfind" => strops::rfind(h, n, start, end),
        "index" => strops::index(h, n, start, end).map_err(PyErr::value_error)?,
        "rindex" => strops::rindex(h, n, start, end).map_err(PyErr::value_error)?,
        _ => strops::count(h, n, start, end),
    };
    Ok(Value::Int(r))
}

fn find(vm: &mut Vm, a: Args) -> PyResult<Value> {
    search(vm, a, "find")
}

fn rfind(vm: &mut Vm, a: Args) -> PyResult<Value> {
    search(vm, a, "rfind")
}

fn index(vm: &mut Vm, a: Args) -> PyResult<Value> {
    search(vm, a, "index")
}

fn rindex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    search(vm, a, "rindex")
}

fn count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    search(vm, a, "count")
}

fn fill_char(vm: &Vm, v: Option<&Value>, name: &str) -> PyResult<char> {
    match v {
        None => Ok(' '),
        Some(Value::Str(x)) => {
            let mut cs = x.as_str().chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(PyErr::type_error(
                    "The fill character must be exactly one character long",
                )),
            }
        }
        Some(v) => Err(PyErr::type_error(format!(
            "{name}() argument 2 must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn justify(vm: &mut Vm, a: Args, name: &str) -> PyResult<Value> {
    a.no_kw(name)?;
    let me = self_str(vm, &a, name)?;
    if a.pos.len() < 2 || a.pos.len() > 3 {
        return Err(PyErr::type_error(format!(
            "{name} expected {} arguments, got {}",
            if a.pos.len() < 2 {
                "at least 1"
            } else {
                "at most 2"
            },
            a.pos.len() - 1
        )));
    }
    let width = ssize_arg(vm, &a.pos[1])?;
    let fill = fill_char(vm, a.pos.get(2), name)?;
    let x = me.as_str();
    Ok(s(match name {
        "ljust" => strops::ljust(x, width, fill),
        "rjust" => strops::rjust(x, width, fill),
        _ => strops::center(x, width, fill),
    }?))
}

fn ljust(vm: &mut Vm, a: Args) -> PyResult<Value> {
    justify(vm, a, "ljust")
}

fn rjust(vm: &mut Vm, a: Args) -> PyResult<Value> {
    justify(vm, a, "rjust")
}

fn center(vm: &mut Vm, a: Args) -> PyResult<Value> {
    justify(vm, a, "center")
}

fn zfill(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("zfill")?;
    let me = self_str(vm, &a, "zfill")?;
    a.expect_method("str.zfill", 1, 1)?;
    let w = ssize_arg(vm, &a.pos[1])?;
    Ok(s(strops::zfill(me.as_str(), w)?))
}

fn expandtabs(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("expandtabs", &["tabsize"])?;
    let me = self_str(vm, &a, "expandtabs")?;
    let t = match a.arg(1, "tabsize") {
        None => 8,
        Some(Value::BigInt(_)) => i64::MAX,
        Some(v) => ssize_arg(vm, v)?,
    };
    // CPython's tabsize is a C int.
    if i32::try_from(t).is_err() {
        return Err(PyErr::overflow_error(
            "Python int too large to convert to C int",
        ));
    }
    Ok(s(strops::expandtabs(me.as_str(), t)?))
}

fn splitlines(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("splitlines", &["keepends"])?;
    let me = self_str(vm, &a, "splitlines")?;
    let keep = flag(vm, a.arg(1, "keepends"))?;
    Ok(Value::list(
        strops::splitlines(me.as_str(), keep)
            .into_iter()
            .map(s)
            .collect(),
    ))
}

fn do_partition(vm: &mut Vm, a: Args, name: &str, right: bool) -> PyResult<Value> {
    a.no_kw(name)?;
    let me = self_str(vm, &a, name)?;
    a.expect_method(&format!("str.{name}"), 1, 1)?;
    let sep = match &a.pos[1] {
        Value::Str(x) => x.clone(),
        v => {
            return Err(PyErr::type_error(format!(
                "must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    if sep.as_str().is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let (h, n) = (me.as_str(), sep.as_str());
    let found = if right { h.rfind(n) } else { h.find(n) };
    let parts = match found {
        Some(i) => [&h[..i], n, &h[i + n.len()..]],
        None if right => ["", "", h],
        None => [h, "", ""],
    };
    Ok(Value::tuple(parts.iter().map(|p| Value::str(p)).collect()))
}

fn partition(vm: &mut Vm, a: Args) -> PyResult<Value> {
    do_partition(vm, a, "partition", false)
}

fn rpartition(vm: &mut Vm, a: Args) -> PyResult<Value> {
    do_partition(vm, a, "rpartition", true)
}

fn fix(vm: &mut Vm, a: Args, name: &str, prefix: bool) -> PyResult<Value> {
    a.no_kw(name)?;
    let me = self_str(vm, &a, name)?;
    a.expect_method(&format!("str.{name}"), 1, 1)?;
    let p = str_arg(vm, &a.pos[1], name, 1)?;
    let r = if prefix {
        me.as_str().strip_prefix(p.as_str())
    } else {
        me.as_str().strip_suffix(p.as_str())
    };
    Ok(match r {
        Some(r) => Value::str(r),
        None => Value::Str(me),
    })
}

fn removeprefix(vm: &mut Vm, a: Args) -> PyResult<Value> {
    fix(vm, a, "removeprefix", true)
}

fn removesuffix(vm: &mut Vm, a: Args) -> PyResult<Value> {
    fix(vm, a, "removesuffix", false)
}
/// An int argument CPython reads as a C ssize_t: one too big for it is
/// OverflowError (an index, `__index__`, says IndexError instead).
fn ssize_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::BigInt(_) => Err(PyErr::overflow_error(
            "Python int too large to convert to C ssize_t",
        )),
        _ => vm.to_index(v),
    }
}

/// `str.maketrans(x[, y[, z]])`: the table `translate` reads (ordinals to ordinals,
/// strings or None), with CPython's errors.
fn maketrans(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("maketrans")?;
    let args = &a.pos[1..];
    let out = crate::vm::object::DictObj::default();
    let out = Ref::new(out);
    let set = |vm: &mut Vm, k: Value, v: Value| vm.setitem(&Value::Dict(out.clone()), k, v);
    match args {
        [x] => {
            let Value::Dict(d) = x.payload() else {
                return Err(PyErr::type_error(
                    "if you give only one argument to maketrans it must be a dict",
                ));
            };
            let items: Vec<(Value, Value)> = d
                .map
                .lock()
                .iter()
                .map(|(k, v)| (k.key.clone(), v.clone()))
                .collect();
            for (k, v) in items {
                let key = match k.payload() {
                    Value::Str(s) => {
                        let mut cs = s.as_str().chars();
                        match (cs.next(), cs.next()) {
                            (Some(c), None) => Value::Int(c as i64),
                            _ => {
                                return Err(PyErr::value_error(
                                    "string keys in translate table must be of length 1",
                                ))
                            }
                        }
                    }
                    Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => k.clone(),
                    _ => {
                        return Err(PyErr::type_error(
                            "keys in translate table must be strings or integers",
                        ))
                    }
                };
                set(vm, key, v)?;
            }
        }
        [x, y, rest @ ..] if rest.len() <= 1 => {
            let x = str_arg(vm, x, "maketrans", 1)?;
            let y = str_arg(vm, y, "maketrans", 2)?;
            let (xs, ys): (Vec<char>, Vec<char>) =
                (x.as_str().chars().collect(), y.as_str().chars().collect());
            if xs.len() != ys.len() {
                return Err(PyErr::value_error(
                    "the first two maketrans arguments must have equal length",
                ));
            }
            for (c, d) in xs.iter().zip(&ys) {
                set(vm, Value::Int(*c as i64), Value::Int(*d as i64))?;
            }
            if let Some(z) = rest.first() {
                let z = str_arg(vm, z, "maketrans", 3)?;
                for c in z.as_str().chars() {
                    set(vm, Value::Int(c as i64), Value::None)?;
                }
            }
        }
        [] => {
            return Err(PyErr::type_error(
                "maketrans expected at least 1 argument, got 0",
            ))
        }
        _ => {
            return Err(PyErr::type_error(format!(
                "maketrans expected at most 3 arguments, got {}",
                args.len()
            )))
        }
    }
    Ok(Value::Dict(out))
}

/// `str.translate(table)`: each character looked up by ordinal with `table[ord(c)]`;
/// a LookupError keeps it, None drops it, an int or str replaces it.
fn translate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("translate")?;
    let me = self_str(vm, &a, "translate")?;
    a.expect_method("str.translate", 1, 1)?;
    let table = a.pos[1].clone();
    let mut out = String::with_capacity(me.as_str().len());
    for c in me.as_str().chars() {
        let r = match vm.getitem(&table, &Value::Int(c as i64)) {
            Ok(v) => v,
            Err(e) if e.is(&crate::vm::types::types().lookup_error) => {
                out.push(c);
                continue;
            }
            Err(e) => return Err(e),
        };
        match r.payload() {
            Value::None => {}
            Value::Str(s) => out.push_str(s.as_str()),
            Value::Int(i) => match u32::try_from(*i).ok().and_then(char::from_u32) {
                Some(ch) => out.push(ch),
                None if (0..0x110000).contains(i) => out.push('\u{fffd}'),
                None => {
                    return Err(PyErr::value_error(
                        "character mapping must be in range(0x110000)",
                    ))
                }
            },
            Value::Bool(b) => out.push(char::from_u32(*b as u32).unwrap_or('\0')),
            _ => {
                return Err(PyErr::type_error(
                    "character mapping must return integer, None or str",
                ))
            }
        }
    }
    Ok(Value::string(out))
}
