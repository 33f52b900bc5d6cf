//! `Ungil`: the types that may be held and used while the GIL is released, which is
//! what lets `ThreadGil::blocking` and `Vm::interruptible_wait` prove at compile time
//! that the code they run without the GIL is given no interpreter object.
//!
//! Why a trait of its own and not `Send`: `Ref<T>` (and so `Value`) is `Send + Sync`,
//! because values legitimately move between threads that take turns holding the GIL
//! (src/vm/refcount.rs). What must not happen is touching one *while nobody holds the
//! GIL for it*: its count is a plain load and store. Stable Rust has no user-defined
//! auto traits, so `Ungil` is opt-in: implemented here for plain data and thread-safe
//! native primitives, and never for `Value`, `Ref<T>`, `Vm`, frames, object guards or
//! anything holding them. A type missing from the list is rejected, which is the
//! safe way to be wrong.

use super::{Gil, ThreadGil};
use std::time::Instant;

/// Safe to hold, use and drop with the GIL released: plain data, or a native
/// primitive that does its own synchronisation. No interpreter object is reachable
/// from it.
///
/// `ThreadGil::blocking` takes the data of a blocking call as a `D: Ungil` and the
/// call itself as a plain `fn(D) -> R` with `R: Ungil`. A fn pointer captures nothing
/// (only a closure that captures nothing coerces to one), so everything the call can
/// reach from its arguments went through `data` and passed this bound:
///
/// ```
/// # use gilvm::gil::Gil; use std::time::Duration;
/// let gil = Gil::new(Duration::from_millis(5));
/// let mut tg = gil.register_thread("main".into());
/// tg.acquire();
/// // Plain data in, plain data out; a fn item coerces too.
/// tg.blocking("time.sleep", Duration::from_millis(1), std::thread::sleep);
/// let bytes = vec![1u8, 2, 3];
/// let n = tg.blocking("test", (&bytes[..], 2usize), |(b, k)| b.len() * k);
/// assert_eq!(n, 6);
/// tg.release_for_exit();
/// ```
///
/// An interpreter value is rejected, owned or borrowed, since cloning or dropping it
/// changes its plain reference count while another thread may be running:
///
/// ```compile_fail,E0277
/// # use gilvm::gil::Gil; use gilvm::vm::value::Value; use std::time::Duration;
/// # let gil = Gil::new(Duration::from_millis(5));
/// # let mut tg = gil.register_thread("main".into());
/// # tg.acquire();
/// let v = Value::None;
/// tg.blocking("bad", &v, |v| v.clone()); // error: `Value: Ungil` is not satisfied
/// ```
///
/// so is an object reference of any payload:
///
/// ```compile_fail,E0277
/// # use gilvm::gil::ThreadGil; use gilvm::vm::refcount::Ref; use gilvm::vm::value::PyStr;
/// fn bad(tg: &mut ThreadGil, s: Ref<PyStr>) {
///     tg.blocking("bad", s, drop); // error: `Ref<PyStr>: Ungil` is not satisfied
/// }
/// ```
///
/// and a closure that captures anything does not coerce to the fn pointer:
///
/// ```compile_fail,E0308
/// # use gilvm::gil::Gil; use gilvm::vm::value::Value; use std::time::Duration;
/// # let gil = Gil::new(Duration::from_millis(5));
/// # let mut tg = gil.register_thread("main".into());
/// # tg.acquire();
/// let v = Value::None;
/// tg.blocking("bad", (), move |()| drop(v)); // error: expected fn pointer, found closure
/// ```
///
/// What the bound cannot see: a function reaching interpreter memory through a
/// static or a thread-local (those hold immortal objects, which need no GIL, or
/// per-thread caches of them), `unsafe` code, and an object guard the caller keeps
/// across the call (`ObjCell`'s rule; another thread then panics on that cell).
///
/// # Safety
///
/// Implement it only for a type from which no interpreter object (`Ref<T>`, `Value`,
/// a frame, a `Vm`, an `ObjCell`/`GilCell` or a guard of one) can be reached, and
/// whose own operations are sound without the GIL. For a struct or enum of the
/// crate whose fields are all `Ungil`, use `impl_ungil!`, which
/// checks the fields.
pub unsafe trait Ungil {}

/// `unsafe impl Ungil` for a type whose fields are all `Ungil`, checked at compile
/// time: the check names every field (or variant) in an exhaustive pattern, so a
/// field added later stops the build until it is listed here, and then it must be
/// `Ungil` itself. Struct form `impl_ungil!(struct Name { a, b })`, enum form
/// `impl_ungil!(enum Name { A(x, y), B })` (tuple and unit variants).
macro_rules! impl_ungil {
    (struct $ty:ident { $($field:ident),* $(,)? }) => {
        // SAFETY: every field is `Ungil`, as `every_field_is_ungil` checks.
        unsafe impl $crate::gil::Ungil for $ty {}
        const _: () = {
            #[allow(dead_code)]
            fn every_field_is_ungil(v: &$ty) {
                fn ungil<T: $crate::gil::Ungil + ?Sized>(_: &T) {}
                let $ty { $($field),* } = v;
                $(ungil($field);)*
            }
        };
    };
    (enum $ty:ident { $($variant:ident $(( $($f:ident),* ))?),* $(,)? }) => {
        // SAFETY: every variant's fields are `Ungil`, as `every_field_is_ungil` checks.
        unsafe impl $crate::gil::Ungil for $ty {}
        const _: () = {
            #[allow(dead_code)]
            fn every_field_is_ungil(v: &$ty) {
                fn ungil<T: $crate::gil::Ungil + ?Sized>(_: &T) {}
                match v {
                    $($ty::$variant $(( $($f),* ))? => { $($(ungil($f);)*)? })*
                }
            }
        };
    };
}
pub(crate) use impl_ungil;

// SAFETY: numbers, booleans, characters and the unit type are plain values: copying
// or dropping one touches nothing else. (File descriptors are `i32`s.)
macro_rules! plain {
    ($($t:ty),* $(,)?) => { $(unsafe impl Ungil for $t {})* };
}
plain!(
    (),
    bool,
    char,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    std::time::Duration,
    Instant,
    std::time::SystemTime,
);

// SAFETY: owned text and borrowed text are bytes in memory of their own; a `&str`
// borrowed from a `str` object is immutable and kept alive by the caller's
// reference for the length of the borrow.
unsafe impl Ungil for String {}
unsafe impl Ungil for str {}

// SAFETY: the atomics are thread-safe by construction.
plain!(
    std::sync::atomic::AtomicBool,
    std::sync::atomic::AtomicU8,
    std::sync::atomic::AtomicU32,
    std::sync::atomic::AtomicU64,
    std::sync::atomic::AtomicUsize,
    std::sync::atomic::AtomicI32,
    std::sync::atomic::AtomicI64,
);

// SAFETY: OS handles and the values that describe OS calls: a file, a socket, a
// socket address, a seek position. Their drops close descriptors, which needs no GIL.
// `io::Error` holds an OS code, a kind, a static message or a boxed `dyn Error`;
// no interpreter type implements `Error` (only the parser's `SyntaxError` does),
// so none can be boxed into one.
plain!(
    std::fs::File,
    std::fs::OpenOptions,
    std::io::SeekFrom,
    std::io::Error,
    std::io::ErrorKind,
    std::net::SocketAddr,
    socket2::Socket,
);

// SAFETY: the `polling` crate's poller is an epoll instance shared between threads
// by design (its `notify` is for waking a wait from another thread); `Events` and
// `Event` are buffers of plain epoll results.
plain!(polling::Poller, polling::Events, polling::Event);

// SAFETY: locks, condition variables and channels synchronise themselves; the data
// behind them is `Ungil`, so what a holder reaches through them is too.
unsafe impl<T: Ungil + ?Sized> Ungil for std::sync::Mutex<T> {}
unsafe impl<T: Ungil + ?Sized> Ungil for parking_lot::Mutex<T> {}
unsafe impl Ungil for std::sync::Condvar {}
unsafe impl Ungil for parking_lot::Condvar {}
unsafe impl<T: Ungil> Ungil for std::sync::mpsc::Sender<T> {}
unsafe impl<T: Ungil> Ungil for std::sync::mpsc::Receiver<T> {}

// SAFETY: an `Arc`'s count is atomic, so cloning or dropping one needs no GIL; the
// last drop drops a `T` that is `Ungil`, and the `T` it shares is `Sync`.
unsafe impl<T: Ungil + Send + Sync + ?Sized> Ungil for std::sync::Arc<T> {}

// SAFETY: containers of `Ungil` values own nothing else: dropping or moving them
// only drops or moves their elements.
unsafe impl<T: Ungil + ?Sized> Ungil for Box<T> {}
unsafe impl<T: Ungil> Ungil for Vec<T> {}
unsafe impl<T: Ungil> Ungil for Option<T> {}
unsafe impl<T: Ungil, E: Ungil> Ungil for Result<T, E> {}
unsafe impl<T: Ungil, const N: usize> Ungil for [T; N] {}
unsafe impl<T: Ungil> Ungil for [T] {}
macro_rules! tuples {
    ($(($($t:ident),+)),* $(,)?) => { $(unsafe impl<$($t: Ungil),+> Ungil for ($($t,)+) {})* };
}
tuples!(
    (A),
    (A, B),
    (A, B, C),
    (A, B, C, D),
    (A, B, C, D, E),
    (A, B, C, D, E, F),
);

// SAFETY: a shared borrow of an `Ungil` value that is `Sync` may be used while other
// threads (holding the GIL) use the same value: `Sync` is exactly that promise. An
// exclusive borrow is used by this thread alone for its length.
unsafe impl<T: Ungil + Sync + ?Sized> Ungil for &T {}
unsafe impl<T: Ungil + ?Sized> Ungil for &mut T {}

// SAFETY: a fn pointer is code only; it captures nothing. (The wait step of
// `Vm::interruptible_wait`, `WaitFn`, is one of these.)
unsafe impl<D: ?Sized, R> Ungil for fn(&mut D, Option<Instant>) -> R {}

// SAFETY: the GIL module sits below the VM and names none of its types (nothing
// under src/gil imports `crate::vm`), so neither the lock nor a thread's handle can
// hold an interpreter object; `Gil` is the lock that waiters use without holding
// it, and a `ThreadGil`'s state is its own thread's counters and trace.
unsafe impl Ungil for Gil {}
unsafe impl Ungil for ThreadGil {}
