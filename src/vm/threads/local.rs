//! Storage behind `threading.local`: one dict per (thread, local object), kept by
//! the interpreter so that a thread's dicts go when the thread ends and a local's
//! dicts go when the local object is freed (CPython does both with weak references).
//! The key traverses its dicts, so cycles through a local's values are collected.

use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{new_class, types};
use crate::vm::value::Value;
use crate::vm::Vm;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// Thread ident -> local serial -> that thread's dict. The values are interpreter
/// objects: only touched by the GIL holder; the mutex just makes the type `Sync`.
#[derive(Debug, Default)]
pub struct LocalStorage {
    dicts: Mutex<HashMap<u64, HashMap<u64, Value>>>,
    next_serial: AtomicU64,
}

impl LocalStorage {
    /// Frees everything the finished thread stored. Call with the GIL held.
    pub fn thread_finished(&self, ident: u64) {
        let gone = self.dicts.lock().remove(&ident);
        // Dropped after the mutex is released: freeing values may run Python code.
        drop(gone);
    }
}

/// The handle a `threading.local` keeps: its serial. Dropping it (the local object
/// was freed) frees every thread's dict for it.
#[derive(Debug)]
struct LocalKey {
    serial: u64,
    storage: Arc<LocalStorage>,
}

impl Drop for LocalKey {
    fn drop(&mut self) {
        let mut gone = Vec::new();
        {
            let mut d = self.storage.dicts.lock();
            for per_thread in d.values_mut() {
                if let Some(v) = per_thread.remove(&self.serial) {
                    gone.push(v);
                }
            }
        }
        drop(gone);
    }
}

impl NativeObject for LocalKey {
    fn class(&self) -> Ref<Class> {
        static C: OnceLock<Ref<Class>> = OnceLock::new();
        C.get_or_init(|| {
            let c = new_class("_localkey", Some(&types().object), ClassKind::Builtin);
            crate::vm::value::shared_class(c)
        })
        .clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    /// Every thread's dict for this local belongs to the key (they go when it goes),
    /// so the collector sees a cycle through a local's attribute (issue 9). A
    /// storage locked elsewhere is skipped: visiting fewer references is safe.
    fn traverse(&self, visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {
        if let Some(d) = self.storage.dicts.try_lock() {
            for per_thread in d.values() {
                if let Some(v) = per_thread.get(&self.serial) {
                    v.visit(visit);
                }
            }
        }
    }
    fn clear(&self) {
        let mut gone = Vec::new();
        if let Some(mut d) = self.storage.dicts.try_lock() {
            for per_thread in d.values_mut() {
                if let Some(v) = per_thread.remove(&self.serial) {
                    gone.push(v);
                }
            }
        }
        // Dropped after the mutex is released: freeing values may run Python code.
        drop(gone);
    }
}

/// `_thread._local_key()`: a new key for a `threading.local`.
pub fn local_key(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("_local_key", 0, 0)?;
    let storage = vm.interp.thread_locals.clone();
    let serial = storage.next_serial.fetch_add(1, Ordering::Relaxed);
    Ok(Value::Native(Ref::new(Native {
        obj: Box::new(LocalKey { serial, storage }),
    })))
}

/// `_thread._local_dict(key)`: the calling thread's dict for that local.
pub fn local_dict(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("_local_dict", 1, 1)?;
    let serial = match &a.pos[0] {
        Value::Native(n) => n.obj.as_any().downcast_ref::<LocalKey>().map(|k| k.serial),
        _ => None,
    }
    .ok_or_else(|| PyErr::type_error("_local_dict() argument must be a local key"))?;
    let me = vm.ident();
    let mut d = vm.interp.thread_locals.dicts.lock();
    let v = d
        .entry(me)
        .or_default()
        .entry(serial)
        .or_insert_with(|| Value::dict(DictMap::default()));
    Ok(v.clone())
}
