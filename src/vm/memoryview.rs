//! `memoryview` over bytes and bytearray: a window (start, step, length) on the
//! object's buffer, so slicing a view copies nothing; writes go through to a
//! bytearray. Only format 'B' (one-dimensional bytes): `cast` is left out.

use super::bytes::{bytes_like, BytesObj};
use super::cell::GilCell;
use super::errors::{PyErr, PyResult};
use super::object::{Args, Class, ClassKind, NativeObject};
use super::refcount::{Header, Ref};
use super::types::types;
use super::value::Value;
use super::Vm;
use std::sync::OnceLock;

#[derive(Debug)]
pub struct MemoryView {
    src: Ref<BytesObj>,
    start: usize,
    step: isize,
    len: usize,
    released: GilCell<bool>,
    weaklist: crate::vm::gc::WeakList,
}

impl Drop for MemoryView {
    fn drop(&mut self) {
        self.release_export();
    }
}

impl MemoryView {
    fn view(src: Ref<BytesObj>, start: usize, step: isize, len: usize) -> Value {
        if src.mutable {
            src.exports.set(src.exports.get() + 1);
        }
        super::modules::native(MemoryView {
            src,
            start,
            step,
            len,
            released: GilCell::new(false),
            weaklist: Default::default(),
        })
    }

    fn release_export(&self) {
        if !self.released.get() {
            self.released.set(true);
            if self.src.mutable {
                self.src
                    .exports
                    .set(self.src.exports.get().saturating_sub(1));
            }
        }
    }

    fn check(&self) -> PyResult<()> {
        if self.released.get() {
            return Err(PyErr::value_error(
                "operation forbidden on released memoryview object",
            ));
        }
        Ok(())
    }

    fn at(&self, k: usize) -> usize {
        (self.start as isize + k as isize * self.step) as usize
    }

    /// The bytes the view shows, copied.
    pub fn bytes(&self) -> PyResult<Vec<u8>> {
        self.check()?;
        let d = self.src.data.lock();
        if self.step == 1 {
            return Ok(d[self.start..self.start + self.len].to_vec());
        }
        Ok((0..self.len).map(|k| d[self.at(k)]).collect())
    }
}

impl NativeObject for MemoryView {
    fn class(&self) -> Ref<Class> {
        class()
    }
    fn weaklist(&self) -> Option<&crate::vm::gc::WeakList> {
        Some(&self.weaklist)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&Header)) {
        visit(Ref::header(&self.src))
    }
    fn repr(&self) -> Option<String> {
        let addr = self as *const MemoryView as usize;
        Some(if self.released.get() {
            format!("<released memory at 0x{addr:x}>")
        } else {
            format!("<memory at 0x{addr:x}>")
        })
    }
}

pub fn class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    C.get_or_init(|| {
        let c = super::types::new_class("memoryview", Some(&types().object), ClassKind::Builtin);
        super::types::install(
            &c,
            &[
                ("__new__", mv_new),
                ("__len__", mv_len),
                ("__getitem__", mv_getitem),
                ("__setitem__", mv_setitem),
                ("__eq__", mv_eq),
                ("__enter__", mv_enter),
                ("__exit__", mv_exit),
                ("__iter__", mv_iter),
                ("tobytes", mv_tobytes),
                ("tolist", mv_tolist),
                ("hex", mv_hex),
                ("release", mv_release),
                ("cast", mv_cast),
            ],
        );
        super::descr::add_getsets(
            &c,
            "memoryview",
            &[
                ("obj", get_obj, None),
                ("nbytes", get_nbytes, None),
                ("readonly", get_readonly, None),
                ("itemsize", get_itemsize, None),
                ("format", get_format, None),
                ("ndim", get_ndim, None),
                ("shape", get_shape, None),
                ("strides", get_strides, None),
            ],
        );
        Class::set_attr(
            &c,
            super::value::intern("__module__"),
            Value::str("builtins"),
        );
        super::value::shared_class(c)
    })
    .clone()
}

fn this<'a>(vm: &Vm, v: Option<&'a Value>, meth: &str) -> PyResult<&'a MemoryView> {
    let v = v.ok_or_else(|| PyErr::type_error(format!("memoryview.{meth}() needs an argument")))?;
    super::modules::downcast::<MemoryView>(v)
        .ok_or_else(|| super::builtins::wrong_self(vm, "memoryview", meth, v))
}

fn live<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a MemoryView> {
    let m = this(vm, a.pos.first(), meth)?;
    m.check()?;
    Ok(m)
}

fn mv_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let obj = match (a.pos.get(1), a.kw("object")) {
        (Some(o), _) | (None, Some(o)) => o,
        (None, None) => {
            return Err(PyErr::type_error(
                "memoryview() missing required argument 'object' (pos 1)",
            ))
        }
    };
    match obj.payload() {
        Value::Bytes(b) => {
            let n = b.len();
            Ok(MemoryView::view(b.clone(), 0, 1, n))
        }
        Value::Native(_) if super::modules::downcast::<MemoryView>(obj).is_some() => {
            let m = super::modules::downcast::<MemoryView>(obj).expect("checked");
            m.check()?;
            Ok(MemoryView::view(m.src.clone(), m.start, m.step, m.len))
        }
        _ => Err(PyErr::type_error(format!(
            "memoryview: a bytes-like object is required, not '{}'",
            vm.type_name(obj)
        ))),
    }
}

fn mv_len(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::Int(live(vm, &a, "__len__")?.len as i64))
}

fn index(vm: &mut Vm, m: &MemoryView, key: &Value) -> PyResult<usize> {
    let i = match key {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        _ if super::dispatch::type_ref(key).slots.index.get().is_some() => vm.to_index(key)?,
        _ => return Err(PyErr::type_error("memoryview: invalid slice key")),
    };
    let j = if i < 0 { i + m.len as i64 } else { i };
    if j < 0 || j >= m.len as i64 {
        return Err(PyErr::index_error("index out of bounds on dimension 1"));
    }
    Ok(j as usize)
}

fn mv_getitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = live(vm, &a, "__getitem__")?;
    a.expect("__getitem__", 2, 2)?;
    if let Value::Slice(s) = &a.pos[1] {
        let (start, _, step, count) = vm.slice_indices(s, m.len)?;
        let first = if count == 0 {
            m.start
        } else {
            m.at(start as usize)
        };
        return Ok(MemoryView::view(
            m.src.clone(),
            first,
            m.step * step as isize,
            count,
        ));
    }
    let i = index(vm, m, &a.pos[1])?;
    let d = m.src.data.lock();
    Ok(Value::Int(d[m.at(i)] as i64))
}

fn mv_setitem(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = live(vm, &a, "__setitem__")?;
    a.expect("__setitem__", 3, 3)?;
    if !m.src.mutable {
        return Err(PyErr::type_error("cannot modify read-only memory"));
    }
    if let Value::Slice(s) = &a.pos[1] {
        let (start, _, step, count) = vm.slice_indices(s, m.len)?;
        let new = bytes_like(&a.pos[2]).ok_or_else(|| {
            PyErr::type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(&a.pos[2])
            ))
        })?;
        if new.len() != count {
            return Err(PyErr::value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        let mut d = m.src.data.lock();
        for (k, x) in new.into_iter().enumerate() {
            d[m.at((start + k as i64 * step) as usize)] = x;
        }
        return Ok(Value::None);
    }
    let i = index(vm, m, &a.pos[1])?;
    let v = &a.pos[2];
    let b = match v {
        Value::Int(x) if (0..256).contains(x) => *x as u8,
        Value::Int(_) | Value::BigInt(_) => {
            return Err(PyErr::value_error(
                "memoryview: invalid value for format 'B'",
            ))
        }
        _ => return Err(PyErr::type_error("memoryview: invalid type for format 'B'")),
    };
    let at = m.at(i);
    m.src.data.lock()[at] = b;
    Ok(Value::None)
}

fn mv_eq(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = this(vm, a.pos.first(), "__eq__")?;
    a.expect("__eq__", 2, 2)?;
    let other = &a.pos[1];
    if other.ptr_eq(&a.pos[0]) {
        return Ok(Value::Bool(true));
    }
    if m.released.get() {
        return Ok(Value::Bool(false));
    }
    match bytes_like(other) {
        Some(o) => Ok(Value::Bool(m.bytes()? == o)),
        None => Ok(super::ops::not_implemented()),
    }
}

fn mv_enter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    live(vm, &a, "__enter__")?;
    Ok(a.pos[0].clone())
}

fn mv_exit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this(vm, a.pos.first(), "__exit__")?.release_export();
    Ok(Value::None)
}

fn mv_release(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this(vm, a.pos.first(), "release")?.release_export();
    Ok(Value::None)
}

fn mv_iter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let m = live(vm, &a, "__iter__")?;
    let items: Vec<Value> = m
        .bytes()?
        .into_iter()
        .map(|b| Value::Int(b as i64))
        .collect();
    vm.iter(&Value::list(items))
}

fn mv_tobytes(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(Value::bytes(live(vm, &a, "tobytes")?.bytes()?))
}

fn mv_tolist(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = live(vm, &a, "tolist")?.bytes()?;
    Ok(Value::list(
        b.into_iter().map(|x| Value::Int(x as i64)).collect(),
    ))
}

fn mv_hex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let b = live(vm, &a, "hex")?.bytes()?;
    Ok(Value::string(
        b.iter().map(|x| format!("{x:02x}")).collect(),
    ))
}

fn mv_cast(vm: &mut Vm, a: Args) -> PyResult<Value> {
    live(vm, &a, "cast")?;
    Err(PyErr::not_implemented(
        "memoryview.cast() is not supported by gilvm (views are format 'B' only)",
    ))
}

fn getter<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a MemoryView> {
    let m = this(vm, Some(v), "attribute")?;
    m.check()?;
    Ok(m)
}

fn get_obj(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Bytes(getter(vm, v)?.src.clone()))
}
fn get_nbytes(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Int(getter(vm, v)?.len as i64))
}
fn get_readonly(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::Bool(!getter(vm, v)?.src.mutable))
}
fn get_itemsize(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    getter(vm, v)?;
    Ok(Value::Int(1))
}
fn get_format(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    getter(vm, v)?;
    Ok(Value::str("B"))
}
fn get_ndim(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    getter(vm, v)?;
    Ok(Value::Int(1))
}
fn get_shape(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::tuple(vec![Value::Int(getter(vm, v)?.len as i64)]))
}
fn get_strides(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    Ok(Value::tuple(vec![Value::Int(getter(vm, v)?.step as i64)]))
}
