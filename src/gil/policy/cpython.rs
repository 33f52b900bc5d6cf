//! `--gil-policy cpython`: CPython 3.2+'s new GIL (Python/ceval_gil.c), the default.
//! No queue and no hand-off: the two decisions below are all it adds to the lock.

use super::ReleaseKind;

/// A waiter whose bounded wait timed out with no switch in between asks the holder
/// to drop. Comparing switch numbers keeps a waiter that merely lost a race from
/// punishing a holder that only just took the GIL.
pub(super) fn should_request_drop(timed_out: bool, switched_meanwhile: bool) -> bool {
    timed_out && !switched_meanwhile
}

/// Forced switching: after honouring a drop request the releaser waits until another
/// thread has taken the GIL, or, already on a CPU, it would nearly always win it back.
/// `Yield` also hands over, which is our choice: CPython's `time.sleep(0)` usually
/// re-takes the GIL at once, making "yield" a no-op under contention.
pub(super) fn wait_for_switch(why: ReleaseKind) -> bool {
    matches!(why, ReleaseKind::Forced | ReleaseKind::Yield)
}
