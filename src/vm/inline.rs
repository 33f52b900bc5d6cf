//! Inline caches: what one LOAD_GLOBAL, LOAD_ATTR, LOAD_METHOD or STORE_ATTR found
//! last time it ran, kept beside the instruction so the next run can skip the lookup.
//!
//! As in CPython 3.11's specializing interpreter, every entry is a guess that is
//! checked before use, never trusted: an index is used only if the key stored there
//! is still the instruction's (interned) name, a class result only if the receiver's
//! class is the same object and no class has changed since (the global class epoch).
//! A wrong guess costs the normal lookup, never a wrong answer.

use super::object::Class;
use super::refcount::Ref;
use super::value::Value;

#[derive(Debug, Default)]
pub enum Slot {
    #[default]
    Empty,
    /// Where the name was last found in a dict or attribute map (insertion order
    /// index, checked against the key stored there).
    Index(usize),
    /// What looking the name up gave on the last few receiver classes: call sites
    /// are often polymorphic (richards calls `fn` on four task classes from one line),
    /// and a one-class cache there misses on almost every call.
    Classes(Vec<ClassEntry>),
}

/// One class's result. The class is held so its address cannot be reused.
#[derive(Debug)]
pub struct ClassEntry {
    class: Ref<Class>,
    /// The class epoch when looked up: any class change since makes it stale.
    epoch: u64,
    value: Option<Value>,
    /// STORE_ATTR: where the attribute sat in the last instance of this class, as
    /// instances built by one `__init__` share a layout (`usize::MAX`: unknown).
    attr_index: usize,
}

/// Receiver classes remembered per instruction before the oldest is dropped.
const POLYMORPHIC: usize = 4;

impl Slot {
    /// The cached result for `class`, if it is still valid.
    #[inline]
    pub fn class_hit(&self, class: &Ref<Class>) -> Option<&Option<Value>> {
        let Slot::Classes(entries) = self else {
            return None;
        };
        let e = entries.iter().find(|e| Ref::ptr_eq(&e.class, class))?;
        (e.epoch == super::object::class_epoch()).then_some(&e.value)
    }

    /// Records what `class` gave at `epoch`, replacing stale and old entries.
    pub fn remember(&mut self, class: Ref<Class>, epoch: u64, value: Option<Value>) {
        if !matches!(self, Slot::Classes(_)) {
            *self = Slot::Classes(Vec::with_capacity(1));
        }
        let Slot::Classes(entries) = self else {
            unreachable!()
        };
        entries.retain(|e| e.epoch == epoch && !Ref::ptr_eq(&e.class, &class));
        if entries.len() >= POLYMORPHIC {
            entries.remove(0);
        }
        entries.push(ClassEntry {
            class,
            epoch,
            value,
            attr_index: usize::MAX,
        });
    }

    /// STORE_ATTR's guess at the attribute's index in an instance of `class`.
    #[inline]
    pub fn attr_index(&self, class: &Ref<Class>) -> usize {
        match self {
            Slot::Classes(es) => es
                .iter()
                .find(|e| Ref::ptr_eq(&e.class, class))
                .map_or(usize::MAX, |e| e.attr_index),
            _ => usize::MAX,
        }
    }

    pub fn set_attr_index(&mut self, class: &Ref<Class>, index: usize) {
        if let Slot::Classes(es) = self {
            if let Some(e) = es.iter_mut().find(|e| Ref::ptr_eq(&e.class, class)) {
                e.attr_index = index;
            }
        }
    }

    #[inline]
    pub fn index(&self) -> Option<usize> {
        match self {
            Slot::Index(i) => Some(*i),
            _ => None,
        }
    }
}
