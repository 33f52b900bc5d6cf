//! `bytes` and `bytearray`: one payload (`BytesObj`, a byte vector and whether it may
//! change) behind `Value::Bytes`, the slots both types dispatch on, their iterators,
//! and the helpers every binary API shares (`bytes_like`, the repr, the constructor).

use super::cell::{GilCell, ObjCell};
use super::errors::{PyErr, PyResult};
use super::object::{Class, ClassKind, NativeObject};
use super::refcount::{HasType, Header, Payload, Ref};
use super::slots::{self as sl, Slots};
use super::typeobj::TypeObj;
use super::types::types;
use super::value::{PyStr, Value};
use super::Vm;
use crate::bytecode::{BinaryOp, CompareOp};
use std::sync::OnceLock;

type Kw<'a> = &'a [(Ref<PyStr>, Value)];

/// A `bytes` (never written after it is made) or a `bytearray`.
#[derive(Debug)]
pub struct BytesObj {
    pub mutable: bool,
    pub data: ObjCell<Vec<u8>>,
    /// Live memoryviews over a bytearray: while any exists it may not change size.
    pub exports: GilCell<usize>,
}

impl BytesObj {
    pub fn new(data: Vec<u8>, mutable: bool) -> BytesObj {
        BytesObj {
            mutable,
            data: ObjCell::new(data),
            exports: GilCell::new(0),
        }
    }

    pub fn to_vec(&self) -> Vec<u8> {
        self.data.lock().clone()
    }

    pub fn len(&self) -> usize {
        self.data.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn kind_name(&self) -> &'static str {
        if self.mutable {
            "bytearray"
        } else {
            "bytes"
        }
    }

    /// A bytearray's size may change (no memoryview holds its buffer).
    pub fn check_resize(&self) -> PyResult<()> {
        if self.exports.get() > 0 {
            return Err(PyErr::new(
                buffer_error(),
                "Existing exports of data: object cannot be re-sized",
            ));
        }
        Ok(())
    }
}

impl Payload for BytesObj {
    fn share(&self) {
        self.data.share()
    }
}
impl HasType for BytesObj {
    fn type_for(&self) -> Ref<TypeObj> {
        if self.mutable {
            types().bytearray.clone()
        } else {
            types().bytes.clone()
        }
    }
}

impl Value {
    pub fn bytes(data: Vec<u8>) -> Value {
        Value::Bytes(Ref::new(BytesObj::new(data, false)))
    }

    pub fn bytearray(data: Vec<u8>) -> Value {
        Value::Bytes(Ref::new(BytesObj::new(data, true)))
    }
}

/// `BufferError` (raised when a bytearray with live memoryviews would be resized).
pub fn buffer_error() -> &'static Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    C.get_or_init(|| {
        let c = super::types::new_class(
            "BufferError",
            Some(&types().exception),
            ClassKind::Exception,
        );
        Class::set_attr(
            &c,
            super::value::intern("__module__"),
            Value::str("builtins"),
        );
        super::value::shared_class(c)
    })
}

/// The bytes of a bytes-like object (bytes, bytearray, memoryview), copied.
pub fn bytes_like(v: &Value) -> Option<Vec<u8>> {
    match v.payload() {
        Value::Bytes(b) => Some(b.to_vec()),
        Value::Native(n) => match n.downcast::<super::memoryview::MemoryView>() {
            Some(m) => m.bytes().ok(),
            // array.array exports its raw items as a buffer, as CPython's.
            None => super::modules::array::as_array(v).map(|a| a.to_bytes()),
        },
        _ => None,
    }
}

/// `bytes_like`, or CPython's "a bytes-like object is required, not 'str'".
pub fn need_bytes(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    bytes_like(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

/// The repr of `bytes` (`b'...'`), quoted as CPython chooses.
pub fn bytes_repr(data: &[u8]) -> String {
    repr_quoted(data, false)
}

/// The `b'...'` part of a repr; a bytearray's always escapes `'` (as CPython's).
fn repr_quoted(data: &[u8], always_escape_single: bool) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut s = String::with_capacity(data.len() + 3);
    s.push('b');
    s.push(quote);
    for &c in data {
        match c {
            b'\t' => s.push_str("\\t"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\\' => s.push_str("\\\\"),
            b'\'' if always_escape_single => s.push_str("\\'"),
            c if c as char == quote => {
                s.push('\\');
                s.push(quote)
            }
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s.push(quote);
    s
}

pub fn repr_of(b: &BytesObj) -> String {
    let r = repr_quoted(&b.data.lock(), b.mutable);
    if b.mutable {
        format!("bytearray({r})")
    } else {
        r
    }
}

/// Equal bytes hash equal (the value itself need not be CPython's).
pub fn hash_bytes(data: &[u8]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let h = (h ^ (h >> 31)) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// An int in range(0, 256), with CPython's errors.
pub fn byte_of(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    let i = match v {
        Value::BigInt(_) => return Err(PyErr::value_error("byte must be in range(0, 256)")),
        _ => vm.to_index(v).map_err(|e| {
            if e.is(&types().index_error) {
                PyErr::value_error("byte must be in range(0, 256)")
            } else {
                e
            }
        })?,
    };
    if !(0..256).contains(&i) {
        return Err(PyErr::value_error("byte must be in range(0, 256)"));
    }
    Ok(i as u8)
}

/// The bytes of `bytes(x)`/`bytearray(x)` for one argument that is not a str.
fn from_object(vm: &mut Vm, x: &Value, what: &str) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(x) {
        return Ok(b);
    }
    match x.payload() {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let n = vm.to_index(x).map_err(|e| {
                if e.is(&types().index_error) {
                    PyErr::overflow_error("cannot fit 'int' into an index-sized integer")
                } else {
                    e
                }
            })?;
            if n < 0 {
                return Err(PyErr::value_error("negative count"));
            }
            let mut v = Vec::new();
            v.try_reserve_exact(n as usize)
                .map_err(|_| super::builtins::memory_error())?;
            v.resize(n as usize, 0);
            return Ok(v);
        }
        Value::Str(_) => return Err(PyErr::type_error("string argument without an encoding")),
        _ => {}
    }
    if has_index(x) {
        let n = vm.to_index(x)?;
        if n < 0 {
            return Err(PyErr::value_error("negative count"));
        }
        return Ok(vec![0; n as usize]);
    }
    let ty = vm.type_of(x);
    if ty.slots.iter.get().is_none() && ty.lookup_str("__getitem__").is_none() {
        return Err(PyErr::type_error(format!(
            "cannot convert '{}' object to {what}",
            ty.name()
        )));
    }
    let items = vm.collect(x)?;
    let mut out = Vec::with_capacity(items.len());
    for it in &items {
        match byte_of(vm, it) {
            Ok(b) => out.push(b),
            Err(e) if e.is(&types().value_error) => {
                return Err(PyErr::value_error("bytes must be in range(0, 256)"))
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// The arguments of `bytes(...)`/`bytearray(...)`: (source, encoding, errors).
pub fn ctor_bytes(vm: &mut Vm, args: &[Value], kw: Kw, what: &str) -> PyResult<Vec<u8>> {
    let mut source = args.first().cloned();
    let mut encoding = args.get(1).cloned();
    let mut errors = args.get(2).cloned();
    if args.len() > 3 {
        return Err(PyErr::type_error(format!(
            "{what}() takes at most 3 arguments ({} given)",
            args.len() + kw.len()
        )));
    }
    for (k, v) in kw {
        let slot = match k.as_str() {
            "source" => &mut source,
            "encoding" => &mut encoding,
            "errors" => &mut errors,
            other => {
                return Err(PyErr::type_error(format!(
                    "'{other}' is an invalid keyword argument for {what}()"
                )))
            }
        };
        *slot = Some(v.clone());
    }
    let text = |vm: &Vm, v: &Option<Value>, arg: &str| -> PyResult<Option<String>> {
        match v {
            None => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.as_str().to_string())),
            Some(v) => Err(PyErr::type_error(format!(
                "{what}() argument '{arg}' must be str, not {}",
                vm.type_name(v)
            ))),
        }
    };
    let enc = text(vm, &encoding, "encoding")?;
    let err = text(vm, &errors, "errors")?;
    match (&source, enc.is_some() || err.is_some()) {
        (None, false) => Ok(vec![]),
        (None, true) => Err(PyErr::type_error(
            "encoding or errors without sequence argument",
        )),
        (Some(s), true) => match s.payload() {
            Value::Str(st) => super::codecs::encode(
                st.as_str(),
                enc.as_deref().unwrap_or("utf-8"),
                err.as_deref().unwrap_or("strict"),
            ),
            _ if enc.is_some() => Err(PyErr::type_error("encoding without a string argument")),
            _ => Err(PyErr::type_error("errors without a string argument")),
        },
        (Some(s), false) => {
            if !matches!(s.payload(), Value::Bytes(_) | Value::Str(_)) && what == "bytes" {
                if let Some(r) = sl::call_dunder(vm, s, "__bytes__", &[])? {
                    return match r.payload() {
                        Value::Bytes(b) if !b.mutable => Ok(b.to_vec()),
                        _ => Err(PyErr::type_error(format!(
                            "__bytes__ returned non-bytes (type {})",
                            vm.type_name(&r)
                        ))),
                    };
                }
            }
            from_object(vm, s, what)
        }
    }
}

fn has_index(v: &Value) -> bool {
    super::dispatch::type_ref(v).slots.index.get().is_some()
}

// ----- slots ----------------------------------------------------------------------

fn ni() -> Value {
    super::ops::not_implemented()
}

fn obj_of(v: &Value) -> Option<&Ref<BytesObj>> {
    match v.payload() {
        Value::Bytes(b) => Some(b),
        _ => None,
    }
}

/// A result of the same kind as `like` (bytes or bytearray).
pub fn same_kind(like: &BytesObj, data: Vec<u8>) -> Value {
    if like.mutable {
        Value::bytearray(data)
    } else {
        Value::bytes(data)
    }
}

pub fn bytes_slots(s: &Slots, mutable: bool) {
    s.compare.set(Some(compare));
    s.repr.set(Some(repr));
    s.str.set(Some(repr));
    s.len.set(Some(len));
    s.bool.set(Some(truth));
    s.contains.set(Some(contains));
    s.iter.set(Some(iter));
    s.getitem.set(Some(getitem));
    s.concat.set(Some(concat));
    s.repeat.set(Some(repeat));
    if mutable {
        s.hash.set(Some(sl::hash_unhashable));
        s.setitem.set(Some(setitem));
        s.inplace_concat.set(Some(inplace_concat));
        s.inplace_repeat.set(Some(inplace_repeat));
        s.new.set(Some(bytearray_new));
        s.init.set(Some(bytearray_init));
    } else {
        s.hash.set(Some(hash));
        s.new.set(Some(bytes_new));
    }
    s.binop[BinaryOp::Mod as usize].set(Some(bytes_mod));
}

fn compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let _ = vm;
    let Some(x) = obj_of(a) else { return Ok(ni()) };
    let y = match obj_of(b) {
        Some(y) => y.to_vec(),
        None => match (b.payload(), op) {
            (Value::Native(_), CompareOp::Eq | CompareOp::Ne) => match bytes_like(b) {
                Some(y) => y,
                None => return Ok(ni()),
            },
            _ => return Ok(ni()),
        },
    };
    let x = x.data.lock();
    let o = x.as_slice().cmp(y.as_slice());
    use std::cmp::Ordering::*;
    Ok(Value::Bool(match op {
        CompareOp::Eq => o == Equal,
        CompareOp::Ne => o != Equal,
        CompareOp::Lt => o == Less,
        CompareOp::Le => o != Greater,
        CompareOp::Gt => o == Greater,
        CompareOp::Ge => o != Less,
    }))
}

fn hash(_vm: &mut Vm, v: &Value) -> PyResult<i64> {
    Ok(obj_of(v).map(|b| hash_bytes(&b.data.lock())).unwrap_or(0))
}

fn repr(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::string(
        obj_of(v).map(|b| repr_of(b)).unwrap_or_default(),
    ))
}

fn len(_vm: &mut Vm, v: &Value) -> PyResult<usize> {
    Ok(obj_of(v).map(|b| b.len()).unwrap_or(0))
}

fn truth(_vm: &mut Vm, v: &Value) -> PyResult<bool> {
    Ok(obj_of(v).is_some_and(|b| !b.is_empty()))
}

fn contains(vm: &mut Vm, c: &Value, x: &Value) -> PyResult<bool> {
    let Some(b) = obj_of(c) else { return Ok(false) };
    let b = b.clone();
    if let Some(needle) = bytes_like(x) {
        return Ok(find(&b.data.lock(), &needle).is_some());
    }
    match x.payload() {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let byte = byte_of(vm, x)?;
            Ok(b.data.lock().contains(&byte))
        }
        _ if has_index(x) => {
            let byte = byte_of(vm, x)?;
            Ok(b.data.lock().contains(&byte))
        }
        _ => Err(PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(x)
        ))),
    }
}

/// The first index of `needle` in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    if needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// An index into a bytes object of length `len`, with the kind's error messages.
/// `b[key]`'s position, against the length after `key.__index__` ran (it may have
/// resized a bytearray).
fn index_of(vm: &mut Vm, key: &Value, b: &BytesObj) -> PyResult<usize> {
    let what = if b.mutable { "bytearray" } else { "byte" };
    let i = match key {
        Value::Int(i) => *i,
        Value::Bool(x) => *x as i64,
        Value::BigInt(_) => i64::MAX,
        _ if has_index(key) => vm.to_index(key)?,
        _ => {
            return Err(PyErr::type_error(format!(
                "{what} indices must be integers or slices, not {}",
                vm.type_name(key)
            )))
        }
    };
    let len = b.len();
    let j = if i < 0 { i + len as i64 } else { i };
    if j < 0 || j >= len as i64 {
        return Err(out_of_range(b));
    }
    Ok(j as usize)
}

fn out_of_range(b: &BytesObj) -> PyErr {
    PyErr::index_error(if b.mutable {
        "bytearray index out of range"
    } else {
        "index out of range"
    })
}

fn getitem(vm: &mut Vm, obj: &Value, key: &Value) -> PyResult<Value> {
    let Some(b) = obj_of(obj) else {
        return Ok(Value::None);
    };
    let b = b.clone();
    if let Value::Slice(s) = key {
        let spec = vm.slice_unpack(s)?;
        let data = b.data.lock();
        let sp = spec.adjust(data.len());
        let part = take(&data, sp.start, sp.step, sp.count);
        drop(data);
        return Ok(same_kind(&b, part));
    }
    let i = index_of(vm, key, &b)?;
    // Under --gil off another thread may have shrunk a bytearray since.
    let x = b.data.lock().get(i).copied();
    x.map(|x| Value::Int(x as i64))
        .ok_or_else(|| out_of_range(&b))
}

pub fn take(data: &[u8], start: i64, step: i64, count: usize) -> Vec<u8> {
    if step == 1 {
        let s = start as usize;
        return data[s..s + count].to_vec();
    }
    (0..count)
        .map(|k| data[(start + k as i64 * step) as usize])
        .collect()
}

/// The bytes to store by `ba[a:b] = v`: a bytes-like object or an iterable of ints.
fn assigned_bytes(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(v) {
        return Ok(b);
    }
    match v.payload() {
        Value::Int(_) | Value::Bool(_) | Value::Str(_) | Value::Float(_) | Value::None => {
            return Err(PyErr::type_error(
                "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
            ))
        }
        _ => {}
    }
    let items = vm.collect(v)?;
    let mut out = Vec::with_capacity(items.len());
    for it in &items {
        out.push(byte_of(vm, it)?);
    }
    Ok(out)
}

fn setitem(vm: &mut Vm, obj: &Value, key: &Value, v: Option<Value>) -> PyResult<()> {
    let Some(b) = obj_of(obj) else { return Ok(()) };
    let b = b.clone();
    if let Value::Slice(s) = key {
        let spec = vm.slice_unpack(s)?;
        let new = match &v {
            Some(v) => Some(assigned_bytes(vm, v)?),
            None => None,
        };
        // Resolved only now, under the lock: `__index__` and the iteration of the
        // new items were user code that could resize this bytearray.
        let mut d = b.data.lock();
        let sp = spec.adjust(d.len());
        match new {
            None => {
                if sp.count > 0 {
                    b.check_resize()?;
                }
                sp.delete_from(&mut d, 1);
            }
            Some(new) if sp.step == 1 => {
                let stop = sp.stop.max(sp.start) as usize;
                if new.len() != stop - sp.start as usize {
                    b.check_resize()?;
                }
                d.splice(sp.start as usize..stop, new);
            }
            Some(new) => {
                if new.len() != sp.count {
                    return Err(PyErr::value_error(format!(
                        "attempt to assign bytes of size {} to extended slice of size {}",
                        new.len(),
                        sp.count
                    )));
                }
                for (k, x) in new.into_iter().enumerate() {
                    d[(sp.start + k as i64 * sp.step) as usize] = x;
                }
            }
        }
        return Ok(());
    }
    let i = index_of(vm, key, &b)?;
    let byte = match &v {
        Some(v) => Some(byte_of(vm, v)?),
        None => {
            b.check_resize()?;
            None
        }
    };
    let mut d = b.data.lock();
    if i >= d.len() {
        return Err(out_of_range(&b));
    }
    match byte {
        Some(x) => d[i] = x,
        None => {
            d.remove(i);
        }
    }
    Ok(())
}

fn concat(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let Some(x) = obj_of(a) else { return Ok(ni()) };
    let Some(y) = bytes_like(b) else {
        return Err(PyErr::type_error(format!(
            "can't concat {} to {}",
            vm.type_name(b),
            x.kind_name()
        )));
    };
    let mut out = x.to_vec();
    out.extend_from_slice(&y);
    Ok(same_kind(x, out))
}

fn repeat_count(vm: &mut Vm, n: &Value) -> PyResult<i64> {
    if let Value::BigInt(_) = n.payload() {
        return Err(PyErr::overflow_error(
            "cannot fit 'int' into an index-sized integer",
        ));
    }
    vm.to_index(n)
}

fn repeated(data: &[u8], n: i64) -> PyResult<Vec<u8>> {
    if n <= 0 || data.is_empty() {
        return Ok(vec![]);
    }
    let total = data
        .len()
        .checked_mul(n as usize)
        .filter(|&t| t <= isize::MAX as usize)
        .ok_or_else(super::builtins::memory_error)?;
    let mut out = Vec::new();
    out.try_reserve_exact(total)
        .map_err(|_| super::builtins::memory_error())?;
    for _ in 0..n {
        out.extend_from_slice(data);
    }
    Ok(out)
}

fn repeat(vm: &mut Vm, a: &Value, n: &Value) -> PyResult<Value> {
    let Some(x) = obj_of(a) else { return Ok(ni()) };
    let x = x.clone();
    let n = repeat_count(vm, n)?;
    let out = repeated(&x.data.lock(), n)?;
    Ok(same_kind(&x, out))
}

/// `ba += x`: extends in place; the result is the bytearray itself.
fn inplace_concat(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    let Some(x) = obj_of(a) else { return Ok(ni()) };
    let Some(y) = bytes_like(b) else {
        return Err(PyErr::type_error(format!(
            "can't concat {} to bytearray",
            vm.type_name(b)
        )));
    };
    if !y.is_empty() {
        x.check_resize()?;
    }
    x.data.lock().extend_from_slice(&y);
    Ok(a.clone())
}

fn inplace_repeat(vm: &mut Vm, a: &Value, n: &Value) -> PyResult<Value> {
    let Some(x) = obj_of(a) else { return Ok(ni()) };
    let x = x.clone();
    let n = repeat_count(vm, n)?;
    let out = repeated(&x.data.lock(), n)?;
    if out.len() != x.len() {
        x.check_resize()?;
    }
    *x.data.lock() = out;
    Ok(a.clone())
}

fn bytes_new(vm: &mut Vm, cls: &Ref<TypeObj>, args: &[Value], kw: Kw) -> PyResult<Value> {
    let data = ctor_bytes(vm, args, kw, "bytes")?;
    Ok(super::natives::wrap_for(cls, Value::bytes(data)))
}

fn bytearray_new(_vm: &mut Vm, cls: &Ref<TypeObj>, _args: &[Value], _kw: Kw) -> PyResult<Value> {
    Ok(super::natives::wrap_for(cls, Value::bytearray(vec![])))
}

fn bytearray_init(vm: &mut Vm, obj: &Value, args: &[Value], kw: Kw) -> PyResult<()> {
    let data = ctor_bytes(vm, args, kw, "bytearray")?;
    if let Some(b) = obj_of(obj) {
        if b.len() != data.len() {
            b.check_resize()?;
        }
        *b.data.lock() = data;
    }
    Ok(())
}

/// `bytes % args` (printf.rs in bytes mode).
fn bytes_mod(vm: &mut Vm, _op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    let Some(x) = obj_of(a) else { return Ok(ni()) };
    let x = x.clone();
    let fmt = x.to_vec();
    let out = vm.printf_bytes(&fmt, b)?;
    Ok(same_kind(&x, out))
}

// ----- iterators ------------------------------------------------------------------

#[derive(Debug)]
struct BytesIter {
    src: Ref<BytesObj>,
    pos: GilCell<usize>,
}

impl NativeObject for BytesIter {
    fn class(&self) -> Ref<Class> {
        static BYTES: OnceLock<Ref<Class>> = OnceLock::new();
        static BYTEARRAY: OnceLock<Ref<Class>> = OnceLock::new();
        if self.src.mutable {
            iter_class(&BYTEARRAY, "bytearray_iterator")
        } else {
            iter_class(&BYTES, "bytes_iterator")
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit(Ref::header(&self.src))
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn iter_next(&self, _vm: &mut Vm) -> PyResult<Option<Value>> {
        let i = self.pos.get();
        let d = self.src.data.lock();
        if i >= d.len() {
            self.pos.set(usize::MAX);
            return Ok(None);
        }
        self.pos.set(i + 1);
        Ok(Some(Value::Int(d[i] as i64)))
    }
}

fn iter_class(cell: &'static OnceLock<Ref<Class>>, name: &str) -> Ref<Class> {
    cell.get_or_init(|| {
        let c = super::types::new_class(name, Some(&types().object), ClassKind::Builtin);
        super::types::install(
            &c,
            &[
                ("__iter__", super::modules::iter_self),
                ("__next__", super::modules::next_method),
            ],
        );
        c.slots.next.set(Some(super::modules::native_next_slot));
        super::value::shared_class(c)
    })
    .clone()
}

fn iter(_vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let Some(b) = obj_of(v) else {
        return Ok(Value::None);
    };
    Ok(super::modules::native(BytesIter {
        src: b.clone(),
        pos: GilCell::new(0),
    }))
}
