//! `ObjCell`: the one small API behind which every mutable object internal lives.
//! Today it is a `parking_lot::Mutex`; a free-threaded build changes protection here only.

use parking_lot::{Mutex, MutexGuard};

/// Interior mutability for object internals (list items, dict entries, attributes).
///
/// Under the GIL only one thread runs bytecode at a time, so the lock is never
/// contended; it still makes `Value` `Send + Sync` without `unsafe`, and it is what a
/// free-threaded mode would rely on. Rule: never hold a guard across a call back into
/// the interpreter or a GIL release (copy out, drop the guard, then call).
#[derive(Debug, Default)]
pub struct ObjCell<T>(Mutex<T>);

impl<T> ObjCell<T> {
    pub fn new(v: T) -> Self {
        ObjCell(Mutex::new(v))
    }

    #[inline]
    pub fn lock(&self) -> MutexGuard<'_, T> {
        self.0.lock()
    }

    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }
}
