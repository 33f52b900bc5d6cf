//! The single hook through which natives perform blocking operations (sleep, file and
//! console I/O), so the GIL can be released around them in one place.

use crate::vm::Vm;

impl Vm {
    /// Runs `f`, which may block the OS thread. Today it simply calls `f`; the lead will
    /// route it through the GIL (release before, reacquire after) and may move it.
    /// `reason` names the operation for diagnostics. `f` must not touch Python objects.
    pub fn blocking<R>(&mut self, reason: &'static str, f: impl FnOnce() -> R) -> R {
        let _ = reason;
        f()
    }
}
