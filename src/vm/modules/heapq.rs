//! The `heapq` module in Rust, as CPython's `_heapq`: the same sift algorithms (so a
//! heap list holds its items in the same order as CPython's), comparisons by Python's
//! `<` with no cell borrowed while Python code runs, and `merge`, `nlargest`,
//! `nsmallest` with CPython's results for equal keys.

use super::{bind, lt, native, native_class};
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, DictObj, ListObj, NativeObject};
use crate::vm::refcount::Ref;
use crate::vm::value::{PyStr, Value};
use crate::vm::Vm;
use std::sync::OnceLock;

fn changed() -> PyErr {
    PyErr::runtime_error("list changed size during iteration")
}

/// The list argument: `heappush() argument 1 must be list, not int`.
fn heap_arg(vm: &Vm, v: &Value, fname: &str, numbered: bool) -> PyResult<Ref<ListObj>> {
    match v {
        Value::List(l) => Ok(l.clone()),
        _ if numbered => Err(PyErr::type_error(format!(
            "{fname}() argument 1 must be list, not {}",
            vm.type_name(v)
        ))),
        _ => Err(PyErr::type_error(format!(
            "{fname}() argument must be list, not {}",
            vm.type_name(v)
        ))),
    }
}

fn args<'a>(a: &Args<'a>, name: &str, n: usize) -> PyResult<&'a [Value]> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error(format!(
            "_heapq.{name}() takes no keyword arguments"
        )));
    }
    if a.pos.len() != n {
        return Err(PyErr::type_error(if n == 1 {
            format!(
                "_heapq.{name}() takes exactly one argument ({} given)",
                a.pos.len()
            )
        } else {
            format!("{name} expected {n} arguments, got {}", a.pos.len())
        }));
    }
    Ok(a.pos)
}

/// `x < y` on two items of the heap (or its max-heap mirror `y < x`).
fn less(vm: &mut Vm, x: &Value, y: &Value, max: bool) -> PyResult<bool> {
    if max {
        lt(vm, y, x)
    } else {
        lt(vm, x, y)
    }
}

fn item(heap: &ListObj, i: usize) -> PyResult<Value> {
    heap.items.lock().get(i).cloned().ok_or_else(changed)
}

/// Moves the item at `pos` up towards `start` while it is smaller than its parent.
fn sift_down(vm: &mut Vm, heap: &ListObj, start: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let size = heap.items.lock().len();
    if pos >= size {
        return Err(PyErr::index_error("index out of range"));
    }
    while pos > start {
        let parent = (pos - 1) >> 1;
        let (newitem, par) = (item(heap, pos)?, item(heap, parent)?);
        let smaller = less(vm, &newitem, &par, max)?;
        let mut items = heap.items.lock();
        if items.len() != size {
            return Err(changed());
        }
        if !smaller {
            break;
        }
        items.swap(parent, pos);
        pos = parent;
    }
    Ok(())
}

/// Moves the smaller child up until a leaf is reached, then sifts that slot down
/// (CPython's bottom-up variant: fewer comparisons).
fn sift_up(vm: &mut Vm, heap: &ListObj, mut pos: usize, max: bool) -> PyResult<()> {
    let end = heap.items.lock().len();
    let start = pos;
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let (a, b) = (item(heap, child)?, item(heap, child + 1)?);
            let smaller = less(vm, &a, &b, max)?;
            if heap.items.lock().len() != end {
                return Err(changed());
            }
            if !smaller {
                child += 1;
            }
        }
        heap.items.lock().swap(child, pos);
        pos = child;
    }
    sift_down(vm, heap, start, pos, max)
}

fn push(vm: &mut Vm, heap: &ListObj, v: Value, max: bool) -> PyResult<()> {
    let n = {
        let mut items = heap.items.lock();
        items.push(v);
        items.len()
    };
    sift_down(vm, heap, 0, n - 1, max)
}

fn pop(vm: &mut Vm, heap: &ListObj, max: bool) -> PyResult<Value> {
    let last = heap.items.lock().pop();
    let Some(last) = last else {
        return Err(PyErr::index_error("index out of range"));
    };
    let top = {
        let mut items = heap.items.lock();
        if items.is_empty() {
            return Ok(last);
        }
        std::mem::replace(&mut items[0], last)
    };
    sift_up(vm, heap, 0, max)?;
    Ok(top)
}

fn replace(vm: &mut Vm, heap: &ListObj, v: Value, max: bool) -> PyResult<Value> {
    let top = {
        let mut items = heap.items.lock();
        if items.is_empty() {
            return Err(PyErr::index_error("index out of range"));
        }
        std::mem::replace(&mut items[0], v)
    };
    sift_up(vm, heap, 0, max)?;
    Ok(top)
}

fn heapify_list(vm: &mut Vm, heap: &ListObj, max: bool) -> PyResult<()> {
    let n = heap.items.lock().len();
    for i in (0..n / 2).rev() {
        sift_up(vm, heap, i, max)?;
    }
    Ok(())
}

fn heappush(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = args(&a, "heappush", 2)?;
    let h = heap_arg(vm, &p[0], "heappush", true)?;
    push(vm, &h, p[1].clone(), false)?;
    Ok(Value::None)
}

fn heappop(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = args(&a, "heappop", 1)?;
    let h = heap_arg(vm, &p[0], "heappop", false)?;
    pop(vm, &h, false)
}

fn heapreplace(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = args(&a, "heapreplace", 2)?;
    let h = heap_arg(vm, &p[0], "heapreplace", true)?;
    replace(vm, &h, p[1].clone(), false)
}

fn heappushpop(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = args(&a, "heappushpop", 2)?;
    let h = heap_arg(vm, &p[0], "heappushpop", true)?;
    let top = h.items.lock().first().cloned();
    let Some(top) = top else {
        return Ok(p[1].clone());
    };
    if !lt(vm, &top, &p[1])? {
        return Ok(p[1].clone());
    }
    replace(vm, &h, p[1].clone(), false)
}

fn heapify(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = args(&a, "heapify", 1)?;
    let h = heap_arg(vm, &p[0], "heapify", false)?;
    heapify_list(vm, &h, false)?;
    Ok(Value::None)
}

fn heapify_max(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = args(&a, "_heapify_max", 1)?;
    let h = heap_arg(vm, &p[0], "_heapify_max", false)?;
    heapify_list(vm, &h, true)?;
    Ok(Value::None)
}

fn heappop_max(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = args(&a, "_heappop_max", 1)?;
    let h = heap_arg(vm, &p[0], "_heappop_max", false)?;
    pop(vm, &h, true)
}

fn heapreplace_max(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let p = args(&a, "_heapreplace_max", 2)?;
    let h = heap_arg(vm, &p[0], "_heapreplace_max", true)?;
    replace(vm, &h, p[1].clone(), true)
}

// ---- nlargest / nsmallest ----

/// A candidate of nlargest/nsmallest: its key, its position (which decides between
/// equal keys, as the `order` CPython's heapq.py pairs with each item), the item.
struct Entry {
    key: Value,
    order: i64,
    item: Value,
}

/// `(k1, o1) < (k2, o2)`: the key, then the (always different) order.
fn entry_lt(vm: &mut Vm, a: &Entry, b: &Entry) -> PyResult<bool> {
    if let Some(eq) = super::simple_eq(&a.key, &b.key) {
        if eq {
            return Ok(a.order < b.order);
        }
        return lt(vm, &a.key, &b.key);
    }
    if a.key.ptr_eq(&b.key) || vm.eq(&a.key, &b.key)? {
        return Ok(a.order < b.order);
    }
    lt(vm, &a.key, &b.key)
}

/// A binary heap of entries, smallest at the top (or largest with `max`).
fn entries_sift_up(vm: &mut Vm, h: &mut [Entry], mut pos: usize, max: bool) -> PyResult<()> {
    let end = h.len();
    let start = pos;
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let smaller = if max {
                entry_lt(vm, &h[child + 1], &h[child])?
            } else {
                entry_lt(vm, &h[child], &h[child + 1])?
            };
            if !smaller {
                child += 1;
            }
        }
        h.swap(child, pos);
        pos = child;
    }
    while pos > start {
        let parent = (pos - 1) >> 1;
        let smaller = if max {
            entry_lt(vm, &h[parent], &h[pos])?
        } else {
            entry_lt(vm, &h[pos], &h[parent])?
        };
        if !smaller {
            break;
        }
        h.swap(parent, pos);
        pos = parent;
    }
    Ok(())
}

fn select(vm: &mut Vm, a: Args, largest: bool) -> PyResult<Value> {
    let fname = if largest { "nlargest" } else { "nsmallest" };
    if a.pos.len() > 3 {
        return Err(PyErr::type_error(format!(
            "{fname}() takes from 2 to 3 positional arguments but {} were given",
            a.pos.len()
        )));
    }
    for (k, _) in a.kw {
        if k.as_str() != "key" {
            return Err(PyErr::type_error(format!(
                "{fname}() got an unexpected keyword argument '{}'",
                k.as_str()
            )));
        }
    }
    let p = bind(&a, fname, &["n", "iterable", "key"], 0, 0)?;
    let missing: Vec<&str> = ["n", "iterable"]
        .iter()
        .zip(&p)
        .filter(|(_, v)| v.is_none())
        .map(|(n, _)| *n)
        .collect();
    if !missing.is_empty() {
        let names: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
        return Err(PyErr::type_error(format!(
            "{fname}() missing {} required positional argument{}: {}",
            names.len(),
            if names.len() == 1 { "" } else { "s" },
            names.join(" and ")
        )));
    }
    let n = p[0].expect("checked").clone();
    let iterable = p[1].expect("checked").clone();
    let key = p[2].cloned().unwrap_or(Value::None);
    let b = |vm: &mut Vm, name: &str| -> PyResult<Value> {
        vm.interp
            .builtins
            .get_str(&PyStr::new(name))
            .ok_or_else(|| PyErr::name_error(name.to_string()))
    };
    let key_kw = |key: &Value| vec![(crate::vm::value::intern("key"), key.clone())];
    // n == 1: min() / max(), as CPython.
    if matches!(n, Value::Int(1)) {
        let f = b(vm, if largest { "max" } else { "min" })?;
        let sentinel = native(Sentinel);
        let mut kw = key_kw(&key);
        kw.push((crate::vm::value::intern("default"), sentinel.clone()));
        let r = vm.call(&f, &[iterable], &kw)?;
        return Ok(Value::list(if r.ptr_eq(&sentinel) {
            vec![]
        } else {
            vec![r]
        }));
    }
    // When n >= len(iterable), sorting is the answer.
    let len_fn = b(vm, "len")?;
    match vm.call(&len_fn, std::slice::from_ref(&iterable), &[]) {
        Ok(size) => {
            let ge = vm.compare(crate::bytecode::CompareOp::Ge, &n, &size)?;
            if vm.truthy(&ge)? {
                let sorted = b(vm, "sorted")?;
                let mut kw = key_kw(&key);
                if largest {
                    kw.push((crate::vm::value::intern("reverse"), Value::Bool(true)));
                }
                let s = vm.call(&sorted, &[iterable], &kw)?;
                let slice = Value::Slice(Ref::new(crate::vm::object::SliceObj {
                    start: Value::None,
                    stop: n,
                    step: Value::None,
                }));
                return vm.getitem(&s, &slice);
            }
        }
        Err(e)
            if e.is(&crate::vm::types::types().type_error)
                || e.is(&crate::vm::types::types().attribute_error) => {}
        Err(e) => return Err(e),
    }
    let n = vm.to_index(&n)?;
    let it = vm.iter(&iterable)?;
    let mut heap: Vec<Entry> = vec![];
    let step = if largest { -1 } else { 1 };
    let mut order = 0i64;
    while (heap.len() as i64) < n {
        let Some(item) = vm.next(&it)? else { break };
        let key = match &key {
            Value::None => item.clone(),
            f => vm.call(&f.clone(), std::slice::from_ref(&item), &[])?,
        };
        heap.push(Entry { key, order, item });
        order += step;
    }
    if heap.is_empty() {
        return Ok(Value::list(vec![]));
    }
    // nsmallest keeps a max-heap of the n best (its top is the worst of them),
    // nlargest a min-heap.
    let max = !largest;
    for i in (0..heap.len() / 2).rev() {
        entries_sift_up(vm, &mut heap, i, max)?;
    }
    while let Some(item) = vm.next(&it)? {
        let k = match &key {
            Value::None => item.clone(),
            f => vm.call(&f.clone(), std::slice::from_ref(&item), &[])?,
        };
        let better = if largest {
            lt(vm, &heap[0].key, &k)?
        } else {
            lt(vm, &k, &heap[0].key)?
        };
        if better {
            heap[0] = Entry {
                key: k,
                order,
                item,
            };
            entries_sift_up(vm, &mut heap, 0, max)?;
            order += step;
        }
    }
    // Sort the survivors by (key, order), descending for nlargest.
    let mut idx: Vec<usize> = (0..heap.len()).collect();
    crate::vm::builtins::merge_sort(&mut idx, &mut |&x: &usize, &y: &usize| {
        if largest {
            entry_lt(vm, &heap[y], &heap[x])
        } else {
            entry_lt(vm, &heap[x], &heap[y])
        }
    })?;
    Ok(Value::list(
        idx.into_iter().map(|i| heap[i].item.clone()).collect(),
    ))
}

#[derive(Debug)]
struct Sentinel;

impl NativeObject for Sentinel {
    fn class(&self) -> Ref<Class> {
        static C: OnceLock<Ref<Class>> = OnceLock::new();
        native_class(&C, "heapq", "_sentinel", &[], &[])
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn nlargest(vm: &mut Vm, a: Args) -> PyResult<Value> {
    select(vm, a, true)
}

fn nsmallest(vm: &mut Vm, a: Args) -> PyResult<Value> {
    select(vm, a, false)
}

// ---- merge ----

/// One input of `merge`: its current key and value, and the iterator behind it.
#[derive(Debug)]
struct Source {
    key: Value,
    order: i64,
    value: Value,
    it: Value,
}

#[derive(Debug)]
struct MergeState {
    /// Not yet started: the iterables, turned into iterators on the first `next`.
    pending: Option<Vec<Value>>,
    heap: Vec<Source>,
    key: Value,
    reverse: bool,
    /// The item at the heap's top was handed out: advance its iterator first.
    advance: bool,
}

#[derive(Debug)]
struct Merge {
    state: ObjCell<Option<Box<MergeState>>>,
}

impl NativeObject for Merge {
    fn class(&self) -> Ref<Class> {
        static C: OnceLock<Ref<Class>> = OnceLock::new();
        native_class(
            &C,
            "heapq",
            "merge",
            &[
                ("__iter__", super::iter_self),
                ("__next__", super::next_method),
            ],
            &[],
        )
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        if let Some(st) = self.state.peek() {
            if let Some(st) = &*st {
                st.pending.iter().flatten().for_each(|v| v.visit(visit));
                for s in &st.heap {
                    for v in [&s.key, &s.value, &s.it] {
                        v.visit(visit);
                    }
                }
                st.key.visit(visit);
            }
        }
    }
    fn clear(&self) {
        let old = self.state.try_lock().map(|mut g| g.take());
        drop(old);
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn iter_next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let taken = self.state.lock().take();
        let Some(mut st) = taken else {
            return Err(PyErr::value_error("generator already executing"));
        };
        let r = merge_next(vm, &mut st);
        *self.state.lock() = Some(st);
        r
    }
}

/// `(key, order)` of two sources, in the merge's direction.
fn source_lt(vm: &mut Vm, a: &Source, b: &Source, reverse: bool) -> PyResult<bool> {
    let (x, y) = if reverse { (b, a) } else { (a, b) };
    if x.key.ptr_eq(&y.key) || super::simple_eq(&x.key, &y.key) == Some(true) {
        return Ok(x.order < y.order);
    }
    if super::simple_eq(&x.key, &y.key).is_none() && vm.eq(&x.key, &y.key)? {
        return Ok(x.order < y.order);
    }
    lt(vm, &x.key, &y.key)
}

fn sources_sift_up(vm: &mut Vm, h: &mut [Source], mut pos: usize, reverse: bool) -> PyResult<()> {
    let end = h.len();
    let start = pos;
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end && !source_lt(vm, &h[child], &h[child + 1], reverse)? {
            child += 1;
        }
        h.swap(child, pos);
        pos = child;
    }
    while pos > start {
        let parent = (pos - 1) >> 1;
        if !source_lt(vm, &h[pos], &h[parent], reverse)? {
            break;
        }
        h.swap(parent, pos);
        pos = parent;
    }
    Ok(())
}

fn key_of(vm: &mut Vm, key: &Value, v: &Value) -> PyResult<Value> {
    match key {
        Value::None => Ok(v.clone()),
        f => vm.call(&f.clone(), std::slice::from_ref(v), &[]),
    }
}

fn merge_next(vm: &mut Vm, st: &mut MergeState) -> PyResult<Option<Value>> {
    if let Some(iterables) = st.pending.take() {
        let direction = if st.reverse { -1 } else { 1 };
        for (i, v) in iterables.iter().enumerate() {
            let it = vm.iter(v)?;
            if let Some(value) = vm.next(&it)? {
                let key = key_of(vm, &st.key, &value)?;
                st.heap.push(Source {
                    key,
                    order: i as i64 * direction,
                    value,
                    it,
                });
            }
        }
        for i in (0..st.heap.len() / 2).rev() {
            sources_sift_up(vm, &mut st.heap, i, st.reverse)?;
        }
    }
    if st.advance {
        st.advance = false;
        if st.heap.is_empty() {
            return Ok(None);
        }
        let it = st.heap[0].it.clone();
        match vm.next(&it)? {
            Some(value) => {
                let key = key_of(vm, &st.key, &value)?;
                st.heap[0].key = key;
                st.heap[0].value = value;
                sources_sift_up(vm, &mut st.heap, 0, st.reverse)?;
            }
            None => {
                // That input is exhausted: drop it (as heappop).
                let last = st.heap.pop().expect("non-empty");
                if !st.heap.is_empty() {
                    st.heap[0] = last;
                    sources_sift_up(vm, &mut st.heap, 0, st.reverse)?;
                }
            }
        }
    }
    match st.heap.first() {
        Some(top) => {
            st.advance = true;
            Ok(Some(top.value.clone()))
        }
        None => Ok(None),
    }
}

/// `merge(*iterables, key=None, reverse=False)`.
fn merge(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let mut key = Value::None;
    let mut reverse = false;
    for (k, v) in a.kw {
        match k.as_str() {
            "key" => key = v.clone(),
            "reverse" => reverse = vm.truthy(v)?,
            other => {
                return Err(PyErr::type_error(format!(
                    "merge() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    Ok(native(Merge {
        state: ObjCell::new(Some(Box::new(MergeState {
            pending: Some(a.pos.to_vec()),
            heap: vec![],
            key,
            reverse,
            advance: false,
        }))),
    }))
}

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    super::add_functions(
        d,
        &[
            ("heappush", heappush),
            ("heappop", heappop),
            ("heapify", heapify),
            ("heapreplace", heapreplace),
            ("heappushpop", heappushpop),
            ("_heapify_max", heapify_max),
            ("_heappop_max", heappop_max),
            ("_heapreplace_max", heapreplace_max),
            ("nlargest", nlargest),
            ("nsmallest", nsmallest),
            ("merge", merge),
        ],
    );
    let all = [
        "heappush",
        "heappop",
        "heapify",
        "heapreplace",
        "merge",
        "nlargest",
        "nsmallest",
        "heappushpop",
    ];
    d.set_str(
        "__all__",
        Value::list(all.iter().map(|s| Value::str(s)).collect()),
    );
    Ok(())
}
