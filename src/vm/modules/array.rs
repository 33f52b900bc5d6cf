//! The `array` module in Rust: `array.array`, a typed sequence stored as raw machine
//! values (so tobytes/frombytes/byteswap are copies), with CPython's typecodes,
//! conversions, reprs and OverflowError/TypeError messages.

use super::{native, native_class};
use crate::bytecode::CompareOp;
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, DictObj, NativeFn, NativeObject};
use crate::vm::refcount::{Header, Ref};
use crate::vm::typeobj::flags;
use crate::vm::value::{intern, Value};
use crate::vm::Vm;
use num_traits::ToPrimitive;
use std::sync::OnceLock;

pub const TYPECODES: &str = "bBuhHiIlLqQfd";

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    let c = Value::Class(array_class());
    d.set_str("array", c.clone());
    d.set_str("ArrayType", c);
    d.set_str("typecodes", Value::str(TYPECODES));
    Ok(())
}

/// Size in bytes of one item (C sizes on a 64-bit Linux host; `u` is a 4-byte wchar_t).
fn itemsize(code: u8) -> usize {
    match code {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' | b'u' => 4,
        _ => 8,
    }
}

#[derive(Debug)]
pub struct Array {
    code: u8,
    data: ObjCell<Vec<u8>>,
    /// Live buffer exports would forbid resizing; gilvm copies on export, so none.
    _exports: (),
}

impl Array {
    fn new(code: u8, data: Vec<u8>) -> Array {
        Array {
            code,
            data: ObjCell::new(data),
            _exports: (),
        }
    }
    fn size(&self) -> usize {
        itemsize(self.code)
    }
    fn len(&self) -> usize {
        self.data.lock().len() / self.size()
    }
    /// The raw bytes, for `bytes(a)`, `tobytes` and the buffer protocol.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.data.lock().clone()
    }
    /// Item `i`, or None past the end (under --gil off the array may have shrunk
    /// since its length was read).
    fn item(&self, i: usize) -> Option<Value> {
        let n = self.size();
        let d = self.data.lock();
        d.get(i * n..(i + 1) * n).map(|c| decode(self.code, c))
    }
    fn items(&self) -> Vec<Value> {
        let n = self.size();
        let d = self.data.lock();
        d.chunks(n).map(|c| decode(self.code, c)).collect()
    }
}

impl NativeObject for Array {
    fn class(&self) -> Ref<Class> {
        array_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// The Rust array behind `v` (an array or an instance of a subclass).
pub fn as_array(v: &Value) -> Option<&Array> {
    super::downcast::<Array>(v.payload())
}

fn decode(code: u8, b: &[u8]) -> Value {
    let mut le = [0u8; 8];
    le[..b.len()].copy_from_slice(b);
    let u = u64::from_le_bytes(le);
    match code {
        b'b' => Value::Int(b[0] as i8 as i64),
        b'B' => Value::Int(b[0] as i64),
        b'h' => Value::Int(u as u16 as i16 as i64),
        b'H' => Value::Int(u as u16 as i64),
        b'i' => Value::Int(u as u32 as i32 as i64),
        b'I' => Value::Int(u as u32 as i64),
        b'l' | b'q' => Value::Int(u as i64),
        b'L' | b'Q' => {
            if u <= i64::MAX as u64 {
                Value::Int(u as i64)
            } else {
                Value::from_bigint(u.into())
            }
        }
        b'f' => Value::Float(f32::from_bits(u as u32) as f64),
        b'd' => Value::Float(f64::from_bits(u)),
        _ => match char::from_u32(u as u32) {
            Some(c) => Value::string(c.to_string()),
            None => Value::string('\u{fffd}'.to_string()),
        },
    }
}

/// An int argument widened to i128; Err(sign) when even that cannot hold it.
fn wide_int(vm: &mut Vm, v: &Value) -> PyResult<Result<i128, bool>> {
    match v.payload() {
        Value::Int(i) => Ok(Ok(*i as i128)),
        Value::Bool(b) => Ok(Ok(*b as i128)),
        Value::BigInt(b) => Ok(match b.to_i128() {
            Some(x) => Ok(x),
            None => Err(b.sign() == num_bigint::Sign::Minus),
        }),
        _ => {
            // `__index__` objects; CPython's TypeError for floats and the rest.
            let Some(f) = vm.type_of(v).slots.index.get() else {
                return Err(PyErr::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(v)
                )));
            };
            let i = f(vm, v)?;
            match i.payload() {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => wide_int(vm, &i),
                _ => Err(PyErr::type_error(format!(
                    "__index__ returned non-int (type {})",
                    vm.type_name(&i)
                ))),
            }
        }
    }
}

fn overflow(msg: &str) -> PyErr {
    PyErr::overflow_error(msg.to_string())
}

/// The checks CPython's array setters make, with their messages (the small types go
/// through a C long first, the unsigned ones through an unsigned long).
fn encode_int(code: u8, v: Result<i128, bool>) -> PyResult<u64> {
    const LONG: &str = "Python int too large to convert to C long";
    const ULONG: &str = "Python int too large to convert to C unsigned long";
    const NEG: &str = "can't convert negative value to unsigned int";
    let small = |v: Result<i128, bool>, lo: i128, hi: i128, name: &str| -> PyResult<u64> {
        let x = match v {
            Ok(x) if x >= i64::MIN as i128 && x <= i64::MAX as i128 => x,
            _ => return Err(overflow(LONG)),
        };
        if x > hi {
            return Err(overflow(&format!("{name} is greater than maximum")));
        }
        if x < lo {
            return Err(overflow(&format!("{name} is less than minimum")));
        }
        Ok(x as i64 as u64)
    };
    match code {
        b'b' => small(v, -128, 127, "signed char"),
        b'B' => small(v, 0, 255, "unsigned byte integer"),
        b'h' => small(v, -32768, 32767, "signed short integer"),
        b'H' => small(v, 0, 65535, "unsigned short"),
        b'i' => small(v, i32::MIN as i128, i32::MAX as i128, "signed integer"),
        b'l' => match v {
            Ok(x) if x >= i64::MIN as i128 && x <= i64::MAX as i128 => Ok(x as i64 as u64),
            _ => Err(overflow(LONG)),
        },
        b'I' | b'L' => match v {
            Err(true) => Err(overflow(NEG)),
            Ok(x) if x < 0 => Err(overflow(NEG)),
            Ok(x) if x <= u64::MAX as i128 => {
                if code == b'I' && x > u32::MAX as i128 {
                    Err(overflow("unsigned int is greater than maximum"))
                } else {
                    Ok(x as u64)
                }
            }
            _ => Err(overflow(ULONG)),
        },
        b'q' => match v {
            Ok(x) if x >= i64::MIN as i128 && x <= i64::MAX as i128 => Ok(x as i64 as u64),
            _ => Err(overflow("int too big to convert")),
        },
        _ => match v {
            Err(true) => Err(overflow("can't convert negative int to unsigned")),
            Ok(x) if x < 0 => Err(overflow("can't convert negative int to unsigned")),
            Ok(x) if x <= u64::MAX as i128 => Ok(x as u64),
            _ => Err(overflow("int too big to convert")),
        },
    }
}

/// One Python value as the item's bytes, appended to `out`.
fn encode(vm: &mut Vm, code: u8, v: &Value, out: &mut Vec<u8>) -> PyResult<()> {
    match code {
        b'f' | b'd' => {
            let x = match v.payload() {
                Value::Float(f) => *f,
                Value::Int(i) => *i as f64,
                Value::Bool(b) => *b as i64 as f64,
                Value::Str(_) | Value::None | Value::Bytes(_) | Value::List(_) => {
                    return Err(PyErr::type_error(format!(
                        "must be real number, not {}",
                        vm.type_name(v)
                    )))
                }
                _ => crate::vm::builtins::num_methods::to_float(vm, v).map_err(|e| {
                    if e.is(&crate::vm::types::types().type_error) {
                        PyErr::type_error(format!("must be real number, not {}", vm.type_name(v)))
                    } else {
                        e
                    }
                })?,
            };
            if code == b'f' {
                out.extend_from_slice(&(x as f32).to_bits().to_le_bytes());
            } else {
                out.extend_from_slice(&x.to_bits().to_le_bytes());
            }
        }
        b'u' => {
            let c = match v {
                Value::Str(s) => {
                    let mut cs = s.as_str().chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => c,
                        _ => return Err(PyErr::type_error("array item must be unicode character")),
                    }
                }
                _ => return Err(PyErr::type_error("array item must be unicode character")),
            };
            out.extend_from_slice(&(c as u32).to_le_bytes());
        }
        _ => {
            let w = wide_int(vm, v)?;
            let u = encode_int(code, w)?;
            out.extend_from_slice(&u.to_le_bytes()[..itemsize(code)]);
        }
    }
    Ok(())
}

fn encode_all(vm: &mut Vm, code: u8, items: &[Value]) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(items.len() * itemsize(code));
    for v in items {
        encode(vm, code, v, &mut out)?;
    }
    Ok(out)
}

fn array_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    if let Some(c) = C.get() {
        return c.clone();
    }
    let methods: &[(&'static str, NativeFn)] = &[
        ("__new__", array_new),
        ("append", append),
        ("extend", extend),
        ("insert", insert),
        ("pop", pop),
        ("remove", remove),
        ("index", index),
        ("count", count),
        ("reverse", reverse),
        ("byteswap", byteswap),
        ("buffer_info", buffer_info),
        ("tobytes", tobytes),
        ("frombytes", frombytes),
        ("tolist", tolist),
        ("fromlist", fromlist),
        ("tounicode", tounicode),
        ("fromunicode", fromunicode),
        ("__len__", len_method),
        ("__getitem__", getitem_method),
        ("__setitem__", setitem_method),
        ("__delitem__", delitem_method),
        ("__contains__", contains_method),
        ("__iter__", iter_method),
        ("__repr__", repr_method),
        ("__add__", add_method),
        ("__iadd__", iadd_method),
        ("__mul__", mul_method),
        ("__rmul__", mul_method),
        ("__imul__", imul_method),
        ("__copy__", copy_method),
        ("__deepcopy__", copy_method),
        ("__eq__", |vm, a| cmp_method(vm, a, CompareOp::Eq)),
        ("__ne__", |vm, a| cmp_method(vm, a, CompareOp::Ne)),
        ("__lt__", |vm, a| cmp_method(vm, a, CompareOp::Lt)),
        ("__le__", |vm, a| cmp_method(vm, a, CompareOp::Le)),
        ("__gt__", |vm, a| cmp_method(vm, a, CompareOp::Gt)),
        ("__ge__", |vm, a| cmp_method(vm, a, CompareOp::Ge)),
    ];
    let classmethods: &[(&'static str, NativeFn)] = &[("__class_getitem__", |_, a| {
        Ok(a.pos.first().cloned().unwrap_or(Value::None))
    })];
    let c = native_class(&C, "array", "array", methods, classmethods);
    c.set_flags(flags::BASETYPE);
    Class::set_attr(&c, intern("__hash__"), Value::None);
    crate::vm::descr::add_getsets(
        &c,
        "array.array",
        &[
            (
                "typecode",
                |vm, o| {
                    let a = recv(vm, o, "typecode")?;
                    Ok(Value::string((a.code as char).to_string()))
                },
                None,
            ),
            (
                "itemsize",
                |vm, o| Ok(Value::Int(recv(vm, o, "itemsize")?.size() as i64)),
                None,
            ),
        ],
    );
    crate::vm::slots::fill_slots_from_dict(&c);
    c.slots.getattr.set(Some(crate::vm::descr::generic_getattr));
    c
}

fn recv<'a>(vm: &Vm, v: &'a Value, meth: &str) -> PyResult<&'a Array> {
    as_array(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{meth}' for 'array.array' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

fn this<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a Array> {
    match a.pos.first() {
        Some(v) => recv(vm, v, meth),
        None => Err(PyErr::type_error(format!(
            "descriptor '{meth}' of 'array.array' object needs an argument"
        ))),
    }
}

/// Exactly `n` arguments after self, as the argument clinic words it.
fn nargs(a: &Args, name: &str, n: usize) -> PyResult<()> {
    a.no_kw(name)?;
    let got = a.pos.len() - 1;
    if got == n {
        return Ok(());
    }
    Err(PyErr::type_error(match n {
        0 => format!("{name}() takes no arguments ({got} given)"),
        1 => format!("{name}() takes exactly one argument ({got} given)"),
        _ => format!("{name} expected {n} arguments, got {got}"),
    }))
}

fn array_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let cls = match a.pos.first() {
        Some(Value::Class(c)) => c.clone(),
        _ => array_class(),
    };
    let args = &a.pos[1..];
    if !a.kw.is_empty() && Ref::ptr_eq(&cls, &array_class()) {
        return Err(PyErr::type_error(
            "array.array() takes no keyword arguments",
        ));
    }
    if args.len() > 2 {
        return Err(PyErr::type_error(format!(
            "array() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let Some(tc) = args.first() else {
        return Err(PyErr::type_error(
            "array() takes at least 1 argument (0 given)",
        ));
    };
    let code = match tc {
        Value::Str(s) if s.as_str().chars().count() == 1 => {
            let c = s.as_str().chars().next().unwrap_or('\0');
            if c.is_ascii() && TYPECODES.contains(c) {
                c as u8
            } else {
                return Err(PyErr::value_error(
                    "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)",
                ));
            }
        }
        Value::Str(_) => {
            return Err(PyErr::type_error(
                "array() argument 1 must be a unicode character, not str",
            ))
        }
        other => {
            return Err(PyErr::type_error(format!(
                "array() argument 1 must be a unicode character, not {}",
                vm.type_name(other)
            )))
        }
    };
    let data = match args.get(1) {
        None => vec![],
        Some(init) => initial(vm, code, init)?,
    };
    let v = native(Array::new(code, data));
    Ok(crate::vm::natives::wrap_for(&cls, v))
}

fn initial(vm: &mut Vm, code: u8, init: &Value) -> PyResult<Vec<u8>> {
    if let Value::Str(s) = init {
        if code != b'u' {
            return Err(PyErr::type_error(format!(
                "cannot use a str to initialize an array with typecode '{}'",
                code as char
            )));
        }
        return Ok(unicode_bytes(s.as_str()));
    }
    if let Some(other) = as_array(init) {
        if other.code == b'u' && code != b'u' {
            return Err(PyErr::type_error(format!(
                "cannot use a unicode array to initialize an array with typecode '{}'",
                code as char
            )));
        }
        let items = other.items();
        return encode_all(vm, code, &items);
    }
    if let Value::Bytes(b) = init.payload() {
        let data = b.to_vec();
        if data.len() % itemsize(code) != 0 {
            return Err(PyErr::value_error(
                "bytes length not a multiple of item size",
            ));
        }
        return Ok(data);
    }
    let items = vm.collect(init)?;
    encode_all(vm, code, &items)
}

fn unicode_bytes(s: &str) -> Vec<u8> {
    s.chars().flat_map(|c| (c as u32).to_le_bytes()).collect()
}

fn append(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "append")?;
    nargs(&a, "append", 1)?;
    let mut out = Vec::with_capacity(8);
    encode(vm, arr.code, &a.pos[1], &mut out)?;
    arr.data.lock().extend_from_slice(&out);
    Ok(Value::None)
}

fn extend(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "extend")?;
    nargs(&a, "extend", 1)?;
    let src = &a.pos[1];
    let data = if let Some(other) = as_array(src) {
        if other.code != arr.code {
            return Err(PyErr::type_error("can only extend with array of same kind"));
        }
        other.to_bytes()
    } else {
        let items = vm.collect(src)?;
        encode_all(vm, arr.code, &items)?
    };
    arr.data.lock().extend_from_slice(&data);
    Ok(Value::None)
}

/// An index into the array, negative from the end, clamped as `list.insert` does.
fn clamp_index(i: i64, n: usize) -> usize {
    let n = n as i64;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
    j as usize
}

fn insert(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "insert")?;
    nargs(&a, "insert", 2)?;
    let i = vm.to_index(&a.pos[1])?;
    let mut out = Vec::with_capacity(8);
    encode(vm, arr.code, &a.pos[2], &mut out)?;
    let at = clamp_index(i, arr.len()) * arr.size();
    arr.data.lock().splice(at..at, out);
    Ok(Value::None)
}

fn pop(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "pop")?;
    a.no_kw("pop")?;
    if a.pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "pop expected at most 1 argument, got {}",
            a.pos.len() - 1
        )));
    }
    let i = match a.pos.get(1) {
        Some(v) => vm.to_index(v)?,
        None => -1,
    };
    let s = arr.size();
    let mut d = arr.data.lock();
    let n = d.len() / s;
    if n == 0 {
        return Err(PyErr::index_error("pop from empty array"));
    }
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return Err(PyErr::index_error("pop index out of range"));
    }
    let j = j as usize;
    let v = decode(arr.code, &d[j * s..(j + 1) * s]);
    d.drain(j * s..(j + 1) * s);
    Ok(v)
}

/// The position of the first item equal to `x`, from `start`.
fn find(vm: &mut Vm, arr: &Array, x: &Value, start: usize, stop: usize) -> PyResult<Option<usize>> {
    let items = arr.items();
    for (i, v) in items.iter().enumerate().take(stop).skip(start) {
        if vm.eq(v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn remove(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "remove")?;
    nargs(&a, "remove", 1)?;
    match find(vm, arr, &a.pos[1], 0, usize::MAX)? {
        Some(j) => {
            let s = arr.size();
            arr.data.lock().drain(j * s..(j + 1) * s);
            Ok(Value::None)
        }
        None => Err(PyErr::value_error("array.remove(x): x not in array")),
    }
}

fn index(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "index")?;
    a.no_kw("index")?;
    let got = a.pos.len() - 1;
    if !(1..=3).contains(&got) {
        return Err(PyErr::type_error(format!(
            "index expected at least 1 argument, got {got}"
        )));
    }
    let n = arr.len();
    let bound = |vm: &mut Vm, v: Option<&Value>, default: usize| -> PyResult<usize> {
        match v {
            None => Ok(default),
            Some(v) => {
                let i = vm.to_index(v)?;
                Ok(if i < 0 {
                    (i + n as i64).max(0) as usize
                } else {
                    (i as usize).min(n)
                })
            }
        }
    };
    let start = bound(vm, a.pos.get(2), 0)?;
    let stop = bound(vm, a.pos.get(3), n)?;
    match find(vm, arr, &a.pos[1], start, stop)? {
        Some(j) => Ok(Value::Int(j as i64)),
        None => Err(PyErr::value_error("array.index(x): x not in array")),
    }
}

fn count(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "count")?;
    nargs(&a, "count", 1)?;
    let mut k = 0;
    for v in arr.items() {
        if vm.eq(&v, &a.pos[1])? {
            k += 1;
        }
    }
    Ok(Value::Int(k))
}

fn reverse(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "reverse")?;
    nargs(&a, "reverse", 0)?;
    let s = arr.size();
    let mut d = arr.data.lock();
    let rev: Vec<u8> = d.chunks(s).rev().flatten().copied().collect();
    *d = rev;
    Ok(Value::None)
}

fn byteswap(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "byteswap")?;
    nargs(&a, "byteswap", 0)?;
    let s = arr.size();
    for c in arr.data.lock().chunks_mut(s) {
        c.reverse();
    }
    Ok(Value::None)
}

fn buffer_info(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "buffer_info")?;
    nargs(&a, "buffer_info", 0)?;
    let addr = arr.data.lock().as_ptr() as usize as i64;
    Ok(Value::tuple(vec![
        Value::Int(addr),
        Value::Int(arr.len() as i64),
    ]))
}

fn tobytes(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "tobytes")?;
    nargs(&a, "tobytes", 0)?;
    Ok(Value::bytes(arr.to_bytes()))
}

fn frombytes(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "frombytes")?;
    nargs(&a, "frombytes", 1)?;
    let data = crate::vm::bytes::need_bytes(vm, &a.pos[1])?;
    if data.len() % arr.size() != 0 {
        return Err(PyErr::value_error(
            "bytes length not a multiple of item size",
        ));
    }
    arr.data.lock().extend_from_slice(&data);
    Ok(Value::None)
}

fn tolist(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "tolist")?;
    nargs(&a, "tolist", 0)?;
    Ok(Value::list(arr.items()))
}

fn fromlist(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "fromlist")?;
    nargs(&a, "fromlist", 1)?;
    let Value::List(l) = a.pos[1].payload() else {
        return Err(PyErr::type_error("arg must be list"));
    };
    let items: Vec<Value> = l.items.lock().clone();
    // All or nothing, as CPython's: a bad item leaves the array as it was.
    let data = encode_all(vm, arr.code, &items)?;
    arr.data.lock().extend_from_slice(&data);
    Ok(Value::None)
}

fn tounicode(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "tounicode")?;
    nargs(&a, "tounicode", 0)?;
    if arr.code != b'u' {
        return Err(PyErr::value_error(
            "tounicode() may only be called on unicode type arrays",
        ));
    }
    Ok(Value::string(unicode_string(arr)))
}

fn unicode_string(arr: &Array) -> String {
    arr.data
        .lock()
        .chunks(4)
        .map(|c| {
            let u = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            char::from_u32(u).unwrap_or('\u{fffd}')
        })
        .collect()
}

fn fromunicode(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "fromunicode")?;
    nargs(&a, "fromunicode", 1)?;
    let Value::Str(s) = &a.pos[1] else {
        return Err(PyErr::type_error(format!(
            "fromunicode() argument must be str, not {}",
            vm.type_name(&a.pos[1])
        )));
    };
    if arr.code != b'u' {
        return Err(PyErr::value_error(
            "fromunicode() may only be called on unicode type arrays",
        ));
    }
    arr.data
        .lock()
        .extend_from_slice(&unicode_bytes(s.as_str()));
    Ok(Value::None)
}

fn len_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "__len__")?;
    Ok(Value::Int(arr.len() as i64))
}

/// `arr[key]`'s position, against the length after `key.__index__` ran.
fn item_index(vm: &mut Vm, key: &Value, arr: &Array, msg: &str) -> PyResult<usize> {
    let i = match key.payload() {
        Value::Int(i) => *i,
        Value::Float(_) | Value::Str(_) | Value::None | Value::Tuple(_) => {
            return Err(PyErr::type_error("array indices must be integers"))
        }
        _ => vm.to_index(key)?,
    };
    let n = arr.len();
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return Err(PyErr::index_error(msg.to_string()));
    }
    Ok(j as usize)
}

fn same_class(me: &Value, arr: Array) -> Value {
    // Slices, sums and products of a subclass instance are plain arrays only when the
    // class is array itself; CPython builds the subclass via its type.
    let _ = me;
    native(arr)
}

fn getitem_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "__getitem__")?;
    nargs(&a, "__getitem__", 1)?;
    let key = &a.pos[1];
    if let Value::Slice(s) = key {
        let spec = vm.slice_unpack(s)?;
        let sz = arr.size();
        let d = arr.data.lock();
        let sp = spec.adjust(d.len() / sz);
        let mut out = Vec::with_capacity(sp.count * sz);
        for k in 0..sp.count {
            let i = (sp.start + k as i64 * sp.step) as usize;
            out.extend_from_slice(&d[i * sz..(i + 1) * sz]);
        }
        drop(d);
        return Ok(same_class(&a.pos[0], Array::new(arr.code, out)));
    }
    let i = item_index(vm, key, arr, "array index out of range")?;
    arr.item(i)
        .ok_or_else(|| PyErr::index_error("array index out of range"))
}

fn setitem_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "__setitem__")?;
    nargs(&a, "__setitem__", 2)?;
    set_or_del(vm, arr, &a.pos[1], Some(&a.pos[2]))?;
    Ok(Value::None)
}

fn delitem_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "__delitem__")?;
    nargs(&a, "__delitem__", 1)?;
    set_or_del(vm, arr, &a.pos[1], None)?;
    Ok(Value::None)
}

fn set_or_del(vm: &mut Vm, arr: &Array, key: &Value, v: Option<&Value>) -> PyResult<()> {
    let sz = arr.size();
    let Value::Slice(s) = key else {
        let i = item_index(vm, key, arr, "array assignment index out of range")?;
        let out = match v {
            Some(v) => {
                let mut out = Vec::with_capacity(8);
                encode(vm, arr.code, v, &mut out)?;
                Some(out)
            }
            None => None,
        };
        // Checked again under the lock: encoding ran user code (`__index__`,
        // `__float__`), and under --gil off other threads run meanwhile.
        let mut d = arr.data.lock();
        if (i + 1) * sz > d.len() {
            return Err(PyErr::index_error("array assignment index out of range"));
        }
        match out {
            Some(out) => d[i * sz..(i + 1) * sz].copy_from_slice(&out),
            None => {
                d.drain(i * sz..(i + 1) * sz);
            }
        }
        return Ok(());
    };
    let spec = vm.slice_unpack(s)?;
    let new = match v {
        None => None,
        Some(v) => match as_array(v) {
            Some(other) if other.code == arr.code => Some(other.to_bytes()),
            Some(_) => {
                return Err(PyErr::type_error(
                    "bad argument type for built-in operation",
                ))
            }
            None => {
                return Err(PyErr::type_error(format!(
                    "can only assign array (not \"{}\") to array slice",
                    vm.type_name(v)
                )))
            }
        },
    };
    let mut d = arr.data.lock();
    let sp = spec.adjust(d.len() / sz);
    match new {
        None => {
            sp.delete_from(&mut d, sz);
        }
        Some(repl) if sp.step == 1 => {
            let lo = sp.start as usize;
            let hi = (sp.stop.max(sp.start)) as usize;
            d.splice(lo * sz..hi * sz, repl);
        }
        Some(bytes) => {
            if bytes.len() / sz != sp.count {
                return Err(PyErr::value_error(format!(
                    "attempt to assign array of size {} to extended slice of size {}",
                    bytes.len() / sz,
                    sp.count
                )));
            }
            for k in 0..sp.count {
                let i = (sp.start + k as i64 * sp.step) as usize;
                d[i * sz..(i + 1) * sz].copy_from_slice(&bytes[k * sz..(k + 1) * sz]);
            }
        }
    }
    Ok(())
}

fn contains_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "__contains__")?;
    nargs(&a, "__contains__", 1)?;
    Ok(Value::Bool(
        find(vm, arr, &a.pos[1], 0, usize::MAX)?.is_some(),
    ))
}

fn repr_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "__repr__")?;
    let full = vm.type_of(&a.pos[0]).name().to_string();
    let name = full.rsplit('.').next().unwrap_or(&full).to_string();
    let code = arr.code as char;
    if arr.len() == 0 {
        return Ok(Value::string(format!("{name}('{code}')")));
    }
    let body = if arr.code == b'u' {
        vm.repr(&Value::string(unicode_string(arr)))?
    } else {
        let list = Value::list(arr.items());
        vm.repr(&list)?
    };
    Ok(Value::string(format!("{name}('{code}', {body})")))
}

fn add_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "__add__")?;
    nargs(&a, "__add__", 1)?;
    let Some(other) = as_array(&a.pos[1]) else {
        return Err(PyErr::type_error(format!(
            "can only append array (not \"{}\") to array",
            vm.type_name(&a.pos[1])
        )));
    };
    if other.code != arr.code {
        return Err(PyErr::type_error(
            "bad argument type for built-in operation",
        ));
    }
    let mut d = arr.to_bytes();
    d.extend_from_slice(&other.to_bytes());
    Ok(same_class(&a.pos[0], Array::new(arr.code, d)))
}

fn iadd_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "__iadd__")?;
    nargs(&a, "__iadd__", 1)?;
    let Some(other) = as_array(&a.pos[1]) else {
        return Err(PyErr::type_error(format!(
            "can only extend array with array (not \"{}\")",
            vm.type_name(&a.pos[1])
        )));
    };
    if other.code != arr.code {
        return Err(PyErr::type_error("can only extend with array of same kind"));
    }
    let more = other.to_bytes();
    arr.data.lock().extend_from_slice(&more);
    Ok(a.pos[0].clone())
}

fn repeat_count(vm: &mut Vm, v: &Value) -> PyResult<Option<usize>> {
    match v.payload() {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {}
        _ if vm.type_of(v).slots.index.get().is_some() => {}
        _ => return Ok(None),
    }
    let n = vm.to_index(v)?;
    Ok(Some(n.max(0) as usize))
}

fn mul_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "__mul__")?;
    nargs(&a, "__mul__", 1)?;
    let Some(n) = repeat_count(vm, &a.pos[1])? else {
        return Ok(crate::vm::ops::not_implemented());
    };
    let d = arr.to_bytes();
    if d.len().checked_mul(n).is_none() || d.len() * n > isize::MAX as usize / 2 {
        return Err(crate::vm::builtins::exceptions::memory_error());
    }
    Ok(same_class(&a.pos[0], Array::new(arr.code, d.repeat(n))))
}

fn imul_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "__imul__")?;
    nargs(&a, "__imul__", 1)?;
    let Some(n) = repeat_count(vm, &a.pos[1])? else {
        return Ok(crate::vm::ops::not_implemented());
    };
    let d = arr.to_bytes();
    if d.len().checked_mul(n).is_none() || d.len() * n > isize::MAX as usize / 2 {
        return Err(crate::vm::builtins::exceptions::memory_error());
    }
    *arr.data.lock() = d.repeat(n);
    Ok(a.pos[0].clone())
}

fn copy_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let arr = this(vm, &a, "__copy__")?;
    Ok(native(Array::new(arr.code, arr.to_bytes())))
}

fn cmp_method(vm: &mut Vm, a: Args, op: CompareOp) -> PyResult<Value> {
    let arr = this(vm, &a, "__eq__")?;
    nargs(&a, "__eq__", 1)?;
    let Some(other) = as_array(&a.pos[1]) else {
        return Ok(crate::vm::ops::not_implemented());
    };
    // Item by item, as sequences compare (the VM's own list/tuple comparison).
    let (xs, ys) = (arr.items(), other.items());
    Ok(Value::Bool(vm.seq_cmp(op, &xs, &ys)?))
}

// ----- iterator ---------------------------------------------------------------------

#[derive(Debug)]
struct ArrayIter {
    array: Value,
    pos: ObjCell<usize>,
}

impl NativeObject for ArrayIter {
    fn class(&self) -> Ref<Class> {
        iter_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        self.array.visit(visit);
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn iter_next(&self, _vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(arr) = as_array(&self.array) else {
            return Ok(None);
        };
        let mut pos = self.pos.lock();
        if *pos >= arr.len() {
            *pos = usize::MAX / 2;
            return Ok(None);
        }
        let Some(v) = arr.item(*pos) else {
            *pos = usize::MAX / 2;
            return Ok(None);
        };
        *pos += 1;
        Ok(Some(v))
    }
}

fn iter_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    let methods: &[(&'static str, NativeFn)] = &[
        ("__iter__", super::iter_self),
        ("__next__", super::next_method),
    ];
    native_class(&C, "array", "arrayiterator", methods, &[])
}

fn iter_method(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this(vm, &a, "__iter__")?;
    Ok(native(ArrayIter {
        array: a.pos[0].payload().clone(),
        pos: ObjCell::new(0),
    }))
}
