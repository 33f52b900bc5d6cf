//! The cycle collector: generation lists of tracked containers, CPython's
//! subtract-internal-references algorithm, PEP 442 finalizers (docs/architecture.md,
//! "The cycle collector"). The `gc` module (modules/gc.rs) is its Python face.
//!
//! Everything here is touched only by the thread holding the interpreter's GIL: the
//! lists' links, the counts, the scratch words in each head. That is the same
//! invariant that makes plain reference counts sound (refcount.rs), and the reason
//! the fields are plain `Cell`s.

use super::refcount::{retain, Header, LayoutFns};
use super::value::Value;
use super::Vm;
use std::cell::{Cell, RefCell};
use std::ptr;
use std::time::Instant;

/// What tracked objects carry in front of their header (CPython's `PyGC_Head`): the
/// links of the generation list they are in (null: untracked) and scratch space for a
/// collection (`epoch` says which collection the `refs` word belongs to).
#[repr(C)]
pub struct GcHead {
    next: Cell<*const GcHead>,
    prev: Cell<*const GcHead>,
    epoch: Cell<u32>,
    refs: Cell<u32>,
}

impl GcHead {
    pub const fn untracked() -> GcHead {
        GcHead {
            next: Cell::new(ptr::null()),
            prev: Cell::new(ptr::null()),
            epoch: Cell::new(0),
            refs: Cell::new(0),
        }
    }

    #[inline]
    pub fn is_linked(&self) -> bool {
        !self.next.get().is_null()
    }

    /// Takes the head out of whatever list it is in.
    #[inline]
    pub fn unlink(&self) {
        let (n, p) = (self.next.get(), self.prev.get());
        if n.is_null() {
            return;
        }
        // SAFETY: a linked head's neighbours are live heads of the same list (objects
        // unlink themselves before they are freed; sentinels are never freed), and
        // only the GIL holder touches them.
        unsafe {
            (*p).next.set(n);
            (*n).prev.set(p);
        }
        self.next.set(ptr::null());
        self.prev.set(ptr::null());
    }
}

/// Size of the head in front of a tracked object's header.
pub const GC_HEAD_SIZE: usize = std::mem::size_of::<GcHead>();

/// The head of a tracked-layout object. Only for headers whose type's layout has
/// `gc` set (their allocation has a `GcHead` right before the header).
#[inline]
pub fn head_of(h: &Header) -> &GcHead {
    // SAFETY: (caller) the object was allocated as `GcInner` (refcount.rs), whose
    // `GcHead` sits immediately before the header (checked where it is allocated).
    unsafe { &*((h as *const Header as *const u8).sub(GC_HEAD_SIZE) as *const GcHead) }
}

/// The head of `h` if its layout is a tracked one.
#[inline]
fn gc_head(h: &Header) -> Option<&GcHead> {
    h.ty().layout_fns().gc.then(|| head_of(h))
}

/// A circular list with a sentinel head that never moves (the state is leaked).
struct List {
    sentinel: GcHead,
}

impl List {
    fn init(&self) {
        let s = &self.sentinel as *const GcHead;
        self.sentinel.next.set(s);
        self.sentinel.prev.set(s);
    }
    fn head(&self) -> *const GcHead {
        &self.sentinel
    }
    fn is_empty(&self) -> bool {
        self.sentinel.next.get() == self.head()
    }
    fn push(&self, g: &GcHead) {
        let s = self.head();
        let last = self.sentinel.prev.get();
        g.next.set(s);
        g.prev.set(last);
        // SAFETY: `last` is a live head of this list (or the sentinel itself).
        unsafe { (*last).next.set(g) };
        self.sentinel.prev.set(g);
    }
    /// Moves every element of `other` to the end of this list.
    fn splice_from(&self, other: &List) {
        if other.is_empty() {
            return;
        }
        let (first, last) = (other.sentinel.next.get(), other.sentinel.prev.get());
        let tail = self.sentinel.prev.get();
        // SAFETY: all four are live heads of the two lists (GIL held).
        unsafe {
            (*tail).next.set(first);
            (*first).prev.set(tail);
            (*last).next.set(self.head());
        }
        self.sentinel.prev.set(last);
        other.init();
    }
    /// The headers in the list, in order (the caller must not free any meanwhile).
    fn headers(&self) -> Vec<*const Header> {
        let mut out = Vec::new();
        let mut g = self.sentinel.next.get();
        while g != self.head() {
            out.push(header_of(g));
            // SAFETY: `g` is a live element of the list.
            g = unsafe { (*g).next.get() };
        }
        out
    }
    fn len(&self) -> usize {
        let mut n = 0;
        let mut g = self.sentinel.next.get();
        while g != self.head() {
            n += 1;
            // SAFETY: as in `headers`.
            g = unsafe { (*g).next.get() };
        }
        n
    }
}

fn header_of(g: *const GcHead) -> *const Header {
    (g as *const u8).wrapping_add(GC_HEAD_SIZE) as *const Header
}

/// Figures per generation, for `gc.get_stats()`.
#[derive(Clone, Copy, Default)]
pub struct GenStats {
    pub collections: u64,
    pub collected: u64,
    pub uncollectable: u64,
}

pub const DEBUG_STATS: u32 = 1;
pub const DEBUG_COLLECTABLE: u32 = 2;
pub const DEBUG_UNCOLLECTABLE: u32 = 4;
pub const DEBUG_SAVEALL: u32 = 32;
pub const DEBUG_LEAK: u32 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/// One interpreter's collector state. Leaked when made: tracked objects point into
/// its lists, and an object may outlive its interpreter's `Interp` (a value kept in
/// a process-wide cache), so the sentinels must never go away.
pub struct GcState {
    gens: [List; 3],
    permanent: List,
    /// The objects of the collection under way.
    young: List,
    pub count: [Cell<isize>; 3],
    pub threshold: [Cell<isize>; 3],
    pub enabled: Cell<bool>,
    pub collecting: Cell<bool>,
    /// A collection is due at the next instruction boundary.
    pub pending: Cell<bool>,
    pub debug: Cell<u32>,
    epoch: Cell<u32>,
    long_lived_total: Cell<usize>,
    long_lived_pending: Cell<usize>,
    pub stats: [Cell<GenStats>; 3],
    breaker: Cell<*const crate::gil::BreakerAtomic>,
    /// `gc.callbacks` and `gc.garbage`: lists the gc module made and hands out.
    pub callbacks: RefCell<Option<Value>>,
    pub garbage: RefCell<Option<Value>>,
}

// SAFETY: every field is read and written only by the thread that holds the GIL of
// the interpreter this state belongs to (allocation, freeing and collection all run
// under it), and the GIL's mutex orders those accesses between holders: the same
// argument as for reference counts (refcount.rs).
unsafe impl Sync for GcState {}
// SAFETY: as for `Sync`.
unsafe impl Send for GcState {}

thread_local! {
    /// The collector state of the interpreter this thread runs (null: none yet, or
    /// the thread has finished; objects made then are untracked).
    static STATE: Cell<*const GcState> = const { Cell::new(ptr::null()) };
}

impl GcState {
    /// A fresh state for a new interpreter whose eval breaker is `breaker`.
    pub fn new_leaked(breaker: *const crate::gil::BreakerAtomic) -> &'static GcState {
        let s: &'static GcState = Box::leak(Box::new(GcState {
            gens: [
                List {
                    sentinel: GcHead::untracked(),
                },
                List {
                    sentinel: GcHead::untracked(),
                },
                List {
                    sentinel: GcHead::untracked(),
                },
            ],
            permanent: List {
                sentinel: GcHead::untracked(),
            },
            young: List {
                sentinel: GcHead::untracked(),
            },
            count: Default::default(),
            threshold: [Cell::new(700), Cell::new(10), Cell::new(10)],
            enabled: Cell::new(true),
            collecting: Cell::new(false),
            pending: Cell::new(false),
            debug: Cell::new(0),
            epoch: Cell::new(0),
            long_lived_total: Cell::new(0),
            long_lived_pending: Cell::new(0),
            stats: Default::default(),
            breaker: Cell::new(breaker),
            callbacks: RefCell::new(None),
            garbage: RefCell::new(None),
        }));
        for l in s.gens.iter().chain([&s.permanent, &s.young]) {
            l.init();
        }
        s
    }

    /// Makes this the state of the calling thread (its `Vm` starts), or none.
    pub fn enter_thread(s: Option<&'static GcState>) {
        STATE.with(|c| c.set(s.map_or(ptr::null(), |s| s as *const GcState)));
    }

    /// Number of objects in generation `g` (0-2) or the permanent one (3).
    pub fn len(&self, g: usize) -> usize {
        match g {
            0..=2 => self.gens[g].len(),
            _ => self.permanent.len(),
        }
    }

    /// Every tracked object of generation `g` (None: all three), as values
    /// (internal state objects that are not Python values are left out).
    pub fn objects(&self, g: Option<usize>) -> Vec<Value> {
        let hs: Vec<*const Header> = match g {
            Some(g) => self.gens[g].headers(),
            None => self.gens.iter().flat_map(List::headers).collect(),
        };
        hs.into_iter()
            // SAFETY: the headers are of live tracked objects, nothing was freed since
            // they were listed (no code ran).
            .filter_map(|h| (unsafe { &*h }.ty().layout_fns().to_value)(unsafe { &*h }))
            .collect()
    }

    /// `gc.freeze()`: everything tracked moves to the permanent generation.
    pub fn freeze(&self) {
        for g in &self.gens {
            self.permanent.splice_from(g);
        }
        for c in &self.count {
            c.set(0);
        }
    }

    /// `gc.unfreeze()`: the permanent generation goes back into the oldest one.
    pub fn unfreeze(&self) {
        self.gens[2].splice_from(&self.permanent);
    }

    fn request(&self) {
        if self.pending.replace(true) {
            return;
        }
        let b = self.breaker.get();
        if !b.is_null() {
            // SAFETY: the breaker belongs to the `Gil` of the interpreter whose thread is
            // allocating, which is alive while its `Vm` runs.
            unsafe { &*b }.fetch_or(
                crate::gil::PENDING_CALLS,
                std::sync::atomic::Ordering::Relaxed,
            );
        }
    }

    /// Whether a collection should run now (CPython's `collect_generations` choice):
    /// the oldest generation over its threshold, except that a full collection also
    /// waits for a quarter of the long-lived objects to be new.
    pub fn due_generation(&self) -> Option<usize> {
        (0..3).rev().find(|&i| {
            self.count[i].get() > self.threshold[i].get()
                && !(i == 2 && self.long_lived_pending.get() < self.long_lived_total.get() / 4)
        })
    }
}

/// A new tracked-layout object: links it into generation 0 of the thread's
/// interpreter and counts it. Called once per container allocation.
#[inline]
pub(crate) fn track_new(g: &GcHead) {
    let s = STATE.with(|c| c.get());
    if s.is_null() {
        return;
    }
    // SAFETY: the pointer was set from a leaked (never freed) state.
    let s = unsafe { &*s };
    s.gens[0].push(g);
    let n = s.count[0].get() + 1;
    s.count[0].set(n);
    if n > s.threshold[0].get()
        && s.threshold[0].get() > 0
        && s.enabled.get()
        && !s.collecting.get()
    {
        s.request();
    }
}

/// A tracked-layout object is being freed (or made immortal): out of its list, and
/// generation 0's count goes down, as CPython's `PyObject_GC_Del`.
#[inline]
pub(crate) fn untrack(g: &GcHead) {
    if !g.is_linked() {
        return;
    }
    g.unlink();
    let s = STATE.with(|c| c.get());
    if !s.is_null() {
        // SAFETY: as in `track_new`.
        let c = &unsafe { &*s }.count[0];
        if c.get() > 0 {
            c.set(c.get() - 1);
        }
    }
}

/// Whether the object is tracked (`gc.is_tracked`).
pub fn is_tracked(v: &Value) -> bool {
    v.header().and_then(gc_head).is_some_and(GcHead::is_linked)
}

thread_local! {
    /// Set by a traverse that met a borrowed cell (see `traverse_incomplete`).
    static INCOMPLETE: Cell<bool> = const { Cell::new(false) };
}

/// A traverse found one of its object's cells borrowed by native code up the stack
/// and skipped its contents: the collector then treats the object as reachable from
/// outside, which is always safe.
pub fn traverse_incomplete() {
    INCOMPLETE.with(|c| c.set(true));
}

const REACHABLE: u32 = 1 << 31;
const COUNT_MASK: u32 = !REACHABLE;
/// Counts are clamped here: anything above is "referenced from outside" anyway.
const MAX_REFS: usize = 1 << 28;
/// Added to the refs of an object whose traverse was incomplete: it is a root.
const ROOT: u32 = 1 << 29;

/// The objects of `list` that nothing outside the set (and nothing reachable from
/// outside) refers to. `extra[i]` is subtracted from each object's count first (the
/// collector's own references in the re-check after finalizers).
fn find_unreachable(state: &GcState, hs: &[*const Header], own_refs: usize) -> Vec<*const Header> {
    let epoch = state.epoch.get().wrapping_add(1).max(1);
    state.epoch.set(epoch);
    // SAFETY (for every `&*h` below): the headers are of live objects that stay alive
    // for the whole function: no Python code runs and nothing is dropped here.
    for &h in hs {
        let h = unsafe { &*h };
        let g = head_of(h);
        g.epoch.set(epoch);
        g.refs
            .set(h.refcount().saturating_sub(own_refs).min(MAX_REFS) as u32);
    }
    for &h in hs {
        let h = unsafe { &*h };
        INCOMPLETE.with(|c| c.set(false));
        h.traverse(&mut |r| {
            if let Some(g) = gc_head(r) {
                if g.epoch.get() == epoch && g.refs.get() & COUNT_MASK > 0 {
                    g.refs.set(g.refs.get() - 1);
                }
            }
        });
        if INCOMPLETE.with(|c| c.get()) {
            let g = head_of(h);
            g.refs.set(g.refs.get() | ROOT);
        }
    }
    let mut work: Vec<*const Header> = Vec::new();
    for &h in hs {
        let g = head_of(unsafe { &*h });
        if g.refs.get() & COUNT_MASK > 0 {
            g.refs.set(g.refs.get() | REACHABLE);
            work.push(h);
        }
    }
    while let Some(h) = work.pop() {
        unsafe { &*h }.traverse(&mut |r| {
            if let Some(g) = gc_head(r) {
                if g.epoch.get() == epoch && g.refs.get() & REACHABLE == 0 {
                    g.refs.set(g.refs.get() | REACHABLE);
                    work.push(r as *const Header);
                }
            }
        });
    }
    hs.iter()
        .copied()
        .filter(|&h| head_of(unsafe { &*h }).refs.get() & REACHABLE == 0)
        .collect()
}

/// One counted reference the collector holds on an object it found unreachable.
struct Held(*const Header);

impl Held {
    fn new(h: *const Header) -> Held {
        // SAFETY: `h` is live (listed just now); the count taken here keeps it so.
        retain(unsafe { &*h });
        Held(h)
    }
    fn header(&self) -> &Header {
        // SAFETY: this holds a counted reference.
        unsafe { &*self.0 }
    }
    fn layout(&self) -> LayoutFns {
        self.header().ty().layout_fns()
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        let release = self.layout().release;
        // SAFETY: gives up the reference taken in `new`, through the payload's own
        // drop (which frees the object if it was the last).
        unsafe { release(self.0) }
    }
}

/// What a collection found, for the callbacks' info dict and `collect()`'s result.
pub struct Outcome {
    pub collected: usize,
    pub uncollectable: usize,
}

impl Vm {
    /// The collection the allocation counts asked for (the eval breaker's pending
    /// bit), if the collector is still enabled and idle.
    pub(crate) fn collect_if_due(&mut self) {
        let s = self.interp.gc;
        s.pending.set(false);
        if !s.enabled.get() || s.collecting.get() {
            return;
        }
        if let Some(g) = s.due_generation() {
            self.gc_collect(g);
        }
    }

    /// The collection at the end of a run (CPython's `_PyGC_CollectNoFail` during
    /// finalisation): every generation, whether or not the collector is enabled,
    /// without `gc.callbacks`. Unreachable cycles get their finalizers run, so what
    /// `__del__` methods print at exit (asyncio's "Task was destroyed but it is
    /// pending!") is printed as CPython prints it.
    pub fn gc_collect_at_exit(&mut self) {
        let s = self.interp.gc;
        // `--gil off` tracks nothing (see `Vm::with_thread_gil`): nothing to collect,
        // and no GIL to keep other threads off the lists.
        if s.collecting.get() || !self.interp.gil.is_enabled() {
            return;
        }
        s.collecting.set(true);
        self.collect_main(2);
        s.collecting.set(false);
        self.run_finalizers();
    }

    /// Collects generation `gen` and the younger ones (`gc.collect(gen)`); the number
    /// of unreachable objects found. Runs callbacks, records the pause.
    pub fn gc_collect(&mut self, gen: usize) -> usize {
        let s = self.interp.gc;
        if s.collecting.get() || !self.interp.gil.is_enabled() {
            return 0;
        }
        s.collecting.set(true);
        self.gc_callbacks("start", gen, None);
        if s.debug.get() & DEBUG_STATS != 0 {
            let text = format!(
                "gc: collecting generation {gen}...\n\
                 gc: objects in each generation: {} {} {}\n\
                 gc: objects in permanent generation: {}\n",
                s.len(0),
                s.len(1),
                s.len(2),
                s.len(3)
            );
            self.gc_debug_write(&text);
        }
        let start = Instant::now();
        let out = self.collect_main(gen);
        let end = Instant::now();
        if s.debug.get() & DEBUG_STATS != 0 {
            // As CPython: "unreachable" counts the collectable and the uncollectable.
            let text = format!(
                "gc: done, {} unreachable, {} uncollectable, {:.4}s elapsed\n",
                out.collected + out.uncollectable,
                out.uncollectable,
                (end - start).as_secs_f64()
            );
            self.gc_debug_write(&text);
        }
        self.gil.record_gc(gen as u8, start, end);
        let mut st = s.stats[gen].get();
        st.collections += 1;
        st.collected += out.collected as u64;
        st.uncollectable += out.uncollectable as u64;
        s.stats[gen].set(st);
        self.gc_callbacks("stop", gen, Some(&out));
        s.collecting.set(false);
        // What the clearing freed may have queued finalizers of its own.
        self.run_finalizers();
        out.collected + out.uncollectable
    }

    fn collect_main(&mut self, gen: usize) -> Outcome {
        let s = self.interp.gc;
        for g in 0..=gen {
            s.young.splice_from(&s.gens[g]);
        }
        if gen + 1 < 3 {
            s.count[gen + 1].set(s.count[gen + 1].get() + 1);
        }
        for g in 0..=gen {
            s.count[g].set(0);
        }
        let hs = s.young.headers();
        let unreachable = find_unreachable(s, &hs, 0);
        let survivors = hs.len() - unreachable.len();
        let held: Vec<Held> = unreachable.into_iter().map(Held::new).collect();
        drop(hs);
        // Survivors (and, until they are freed below, the garbage) age one generation.
        let older = (gen + 1).min(2);
        if gen == 2 {
            s.long_lived_pending.set(0);
            s.long_lived_total.set(survivors);
        } else if gen == 1 {
            s.long_lived_pending
                .set(s.long_lived_pending.get() + survivors);
        }
        s.gens[older].splice_from(&s.young);
        if s.debug.get() & DEBUG_COLLECTABLE != 0 && !held.is_empty() {
            // Every unreachable object, before finalizers may resurrect some (CPython
            // lists those too, and leaves them out of the counts). One write for all
            // the lines: the write may run Python code (a replaced sys.stderr), and
            // one call keeps that to one window while the garbage is pinned.
            let mut text = String::new();
            for h in &held {
                let hd = h.header();
                text.push_str(&format!(
                    "gc: collectable <{} {:#x}>\n",
                    hd.ty().name(),
                    hd.addr()
                ));
            }
            self.gc_debug_write(&text);
        }
        if held.is_empty() {
            return Outcome {
                collected: 0,
                uncollectable: 0,
            };
        }
        if s.debug.get() & DEBUG_SAVEALL != 0 {
            let n = held.len();
            let vals: Vec<Value> = held
                .iter()
                .filter_map(|h| (h.layout().to_value)(h.header()))
                .collect();
            if let Some(Value::List(g)) = &*s.garbage.borrow() {
                g.items.lock().extend(vals);
            }
            return Outcome {
                collected: n,
                uncollectable: 0,
            };
        }
        // Weak references to the garbage die before any finalizer can see it.
        for cb in clear_weakrefs_of_garbage(&held) {
            self.call_weakref_callback(&cb);
        }
        // PEP 442: each finalizer once, then only what is still unreachable goes.
        let mut ran = false;
        for h in &held {
            if let Some(v) = (h.layout().to_value)(h.header()) {
                ran |= self.gc_finalize(&v);
            }
        }
        let held = if ran {
            let hs: Vec<*const Header> = held.iter().map(|h| h.0).collect();
            let still = find_unreachable(s, &hs, 1);
            let keep: std::collections::HashSet<usize> =
                still.iter().map(|&h| h as usize).collect();
            // Resurrected objects (and what they reach) simply live on; dropping the
            // collector's reference to them here cannot free them.
            let (garbage, resurrected): (Vec<Held>, Vec<Held>) = held
                .into_iter()
                .partition(|h| keep.contains(&(h.0 as usize)));
            drop(resurrected);
            garbage
        } else {
            held
        };
        let n = held.len();
        for h in &held {
            (h.layout().clear)(h.header());
        }
        drop(held);
        Outcome {
            collected: n,
            uncollectable: 0,
        }
    }

    /// What `gc.set_debug` asked to be printed, written as CPython's
    /// `PySys_WriteStderr`: to whatever `sys.stderr` is now, and to fd 2 if that is
    /// None, missing or its `write` raises (the error is dropped).
    fn gc_debug_write(&mut self, text: &str) {
        use crate::vm::builtins::functions::{sys_attr, write_to};
        let written = match sys_attr(self, "stderr") {
            Some(Value::None) | None => false,
            Some(f) => write_to(self, Some(&f), text).is_ok(),
        };
        if !written {
            self.report(text);
        }
    }

    /// Runs an unreachable object's finalizer if it has one not yet run; true if it ran.
    fn gc_finalize(&mut self, v: &Value) -> bool {
        use std::sync::atomic::Ordering;
        match v {
            Value::Instance(i) => {
                if super::refcount::Ref::ty(i).slots.del.get().is_none()
                    || i.finalized.load(Ordering::Relaxed)
                {
                    return false;
                }
                i.finalized.store(true, Ordering::Relaxed);
            }
            Value::Generator(g) => {
                let needs_close = {
                    let Some(st) = g.state.try_lock() else {
                        return false;
                    };
                    st.started
                        && !st.finished
                        && !st.finalized
                        && !st.running
                        && st.frame.as_ref().is_some_and(|f| !f.blocks.is_empty())
                };
                if !needs_close {
                    return false;
                }
                g.state.lock().finalized = true;
            }
            _ => return false,
        }
        self.finalize(v);
        true
    }

    /// Calls each of `gc.callbacks` with ("start" | "stop", info), as CPython; an
    /// exception is reported as unraisable and the others still run.
    fn gc_callbacks(&mut self, phase: &str, gen: usize, out: Option<&Outcome>) {
        let cbs = match &*self.interp.gc.callbacks.borrow() {
            Some(Value::List(l)) if !l.items.lock().is_empty() => l.items.lock().clone(),
            _ => return,
        };
        let info = super::value::DictObj::default();
        info.set_str("generation", Value::Int(gen as i64));
        let (c, u) = out.map_or((0, 0), |o| (o.collected, o.uncollectable));
        info.set_str("collected", Value::Int(c as i64));
        info.set_str("uncollectable", Value::Int(u as i64));
        let info = Value::Dict(super::refcount::Ref::new(info));
        for cb in cbs {
            let r = self.call(&cb, &[Value::str(phase), info.clone()], &[]);
            if let Err(e) = r {
                let what = self.repr(&cb).unwrap_or_default();
                let report = self.format_exception(&e);
                self.interp.flush_stdout();
                eprint!("Exception ignored in: {what}\n{report}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// Weak references: each weakly referenceable object keeps the list of the weakref
// objects that point at it (CPython's `tp_weaklistoffset` list). The referent's
// last free clears them and queues their callbacks; a collection clears those of
// its garbage before any finalizer runs.
// ---------------------------------------------------------------------------------

/// An uncounted object pointer, moved between the GIL holders only (Send for the
/// cells that hold it, as the counts are).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct RawObj(pub *const Header);
// SAFETY: only dereferenced by the thread holding the GIL of the objects' interpreter.
unsafe impl Send for RawObj {}

/// The weakref objects pointing at an object, oldest first (None until the first).
/// Boxed so that the many objects never weakly referenced pay one word, not a Vec's
/// three.
#[derive(Default)]
#[allow(clippy::box_collection)]
pub struct WeakList(super::cell::GilCell<Option<Box<Vec<RawObj>>>>);

impl std::fmt::Debug for WeakList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("WeakList")
    }
}

/// Weak references without a GIL (`--gil off`): one process-wide lock orders every
/// change of a weakref's target and of a referent's list against the dying of either
/// (`refcount::dealloc` holds it from its finalizer check to `clear_weakrefs`), and a
/// weakref or referent is only revived if its count has not reached zero. With the
/// GIL there is nothing to take: only the holder runs.
#[cfg(feature = "atomic-objects")]
pub(crate) fn weak_lock() -> parking_lot::ReentrantMutexGuard<'static, ()> {
    static WEAK: parking_lot::ReentrantMutex<()> = parking_lot::const_reentrant_mutex(());
    WEAK.lock()
}

#[cfg(not(feature = "atomic-objects"))]
#[inline(always)]
pub(crate) fn weak_lock() -> NoLock {
    NoLock
}

/// What `weak_lock` gives with the GIL: nothing to hold.
#[cfg(not(feature = "atomic-objects"))]
pub(crate) struct NoLock;

/// A new reference to the object at `h`, which a weak list or weakref points at
/// (uncounted): `None` if its count has reached zero, i.e. it is being freed by a
/// thread now waiting for `weak_lock`, which the caller holds.
fn revive(h: &Header) -> Option<Value> {
    #[cfg(feature = "atomic-objects")]
    {
        if !super::refcount::try_retain(h) {
            return None;
        }
        let v = (h.ty().layout_fns().to_value)(h);
        // The value holds its own reference now (to_value counted one); the one taken
        // above only kept the object alive meanwhile, so giving it back cannot free.
        super::refcount::release_extra(h);
        v
    }
    #[cfg(not(feature = "atomic-objects"))]
    {
        (h.ty().layout_fns().to_value)(h)
    }
}

/// The weakref objects in `wl` that are alive, as values, oldest first.
pub(crate) fn live_weakrefs(wl: &WeakList) -> Vec<Value> {
    let _g = weak_lock();
    wl.refs()
        .into_iter()
        // SAFETY: weakref objects in a list are allocated: a freed one takes itself
        // out (`WeakRef::detach`, under `weak_lock`, which is held here).
        .filter_map(|r| revive(unsafe { &*r.0 }))
        .collect()
}

impl WeakList {
    pub fn add(&self, wr: RawObj) {
        let _g = weak_lock();
        let mut v = self
            .0
            .with(|l| l.as_ref().map(|b| (**b).clone()))
            .unwrap_or_default();
        v.push(wr);
        self.0.set(Some(Box::new(v)));
    }
    pub fn remove(&self, wr: RawObj) {
        let _g = weak_lock();
        let Some(mut v) = self.0.with(|l| l.as_ref().map(|b| (**b).clone())) else {
            return;
        };
        v.retain(|&x| x != wr);
        self.0.set((!v.is_empty()).then(|| Box::new(v)));
    }
    pub fn refs(&self) -> Vec<RawObj> {
        let _g = weak_lock();
        self.0
            .with(|l| l.as_ref().map(|b| (**b).clone()))
            .unwrap_or_default()
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.0.with(Option::is_none)
    }
    fn take(&self) -> Vec<RawObj> {
        let _g = weak_lock();
        let v = self.refs();
        self.0.set(None);
        v
    }
}

/// A weakref object (`weakref.ref`; `_weakref` builds its type and methods).
#[derive(Debug)]
pub struct WeakRef {
    /// The referent, null once it is gone.
    pub target: super::cell::GilCell<RawObj>,
    pub callback: super::cell::GilCell<Value>,
    /// `hash(ref)`: the referent's hash, kept so it survives the referent.
    pub hash: super::cell::GilCell<Option<i64>>,
    /// This weakref object's own header (to take it out of the referent's list).
    pub me: super::cell::GilCell<RawObj>,
}

impl WeakRef {
    /// The referent as a new reference, if alive.
    pub fn get(&self) -> Option<Value> {
        let _g = weak_lock();
        let t = self.target.get().0;
        if t.is_null() {
            return None;
        }
        // SAFETY: a non-null target is allocated: its last free nulls this pointer
        // (under `weak_lock`, held here) before the memory goes.
        revive(unsafe { &*t })
    }

    /// The weakref object is being freed: out of its referent's list.
    pub fn detach(&self) {
        let _g = weak_lock();
        let t = self.target.get().0;
        if t.is_null() {
            return;
        }
        self.target.set(RawObj(ptr::null()));
        // SAFETY: as in `get`.
        let h = unsafe { &*t };
        if let Some(wl) = (h.ty().layout_fns().weaklist)(h) {
            wl.remove(self.me.get());
        }
    }
}

/// The weakref object behind a header, if it is one: a `weakref.ref`, or an
/// instance of a subclass of it (whose payload is the weakref object).
fn weakref_of(h: &Header) -> Option<&WeakRef> {
    let layout = h.ty().layout_fns();
    if !layout.gc {
        return None;
    }
    if layout.traverse as usize == LayoutFns::of::<super::object::Native>().traverse as usize {
        // SAFETY: the type's layout is `Native`'s, so the object is an `Inner<Native>`
        // (refcount.rs), whose payload follows the header at its offset.
        let n = unsafe { super::refcount::payload_of::<super::object::Native>(h) };
        return n.downcast::<WeakRef>();
    }
    if layout.traverse as usize == LayoutFns::of::<super::object::Instance>().traverse as usize {
        // SAFETY: as above, for the `Instance` layout.
        let i = unsafe { super::refcount::payload_of::<super::object::Instance>(h) };
        if let Value::Native(n) = &i.base {
            return n.downcast::<WeakRef>();
        }
    }
    None
}

/// The weakref payload of a `ref` subclass instance (for its predealloc).
pub(crate) fn subclass_weakref(base: &Value) -> Option<&WeakRef> {
    match base {
        Value::Native(n) => n.downcast::<WeakRef>(),
        _ => None,
    }
}

/// What `clear_weakrefs` queues for a dead weakref's callback. A `ref` subclass
/// instance is queued inside a 1-tuple: queued bare it would be taken for an
/// instance whose `__del__` is due (the finalizer queue holds both).
fn callback_entry(wr: Value) -> Value {
    match wr {
        Value::Instance(_) => Value::tuple(vec![wr]),
        other => other,
    }
}

/// The weakref whose callback a finalizer-queue entry asks for, if it is one.
pub(crate) fn queued_callback(entry: &Value) -> Option<Value> {
    match entry {
        Value::Native(n) if n.downcast::<WeakRef>().is_some() => Some(entry.clone()),
        Value::Tuple(t) if t.len() == 1 => match &t[0] {
            v @ Value::Instance(i) if subclass_weakref(&i.base).is_some() => Some(v.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// The referent is being freed: every weakref to it dies, and those with a callback
/// are queued to have it called (with the weakref) at the next instruction boundary,
/// most recent first, as CPython calls them.
pub(crate) fn clear_weakrefs(wl: &WeakList) {
    let _g = weak_lock();
    for wr in wl.take().into_iter().rev() {
        // SAFETY: weakref objects in a list are allocated: a freed one takes itself
        // out (`WeakRef::detach`, under `weak_lock`) before its memory goes.
        let h = unsafe { &*wr.0 };
        let Some(w) = weakref_of(h) else { continue };
        w.target.set(RawObj(ptr::null()));
        if !w.callback.with(|c| matches!(c, Value::None | Value::Null)) {
            if let Some(v) = revive(h) {
                super::refcount::queue_finalizer(callback_entry(v));
            }
        }
    }
}

/// Weak references to the collector's garbage die before any finalizer runs; the
/// callbacks of those that are not garbage themselves are returned, to be called.
fn clear_weakrefs_of_garbage(held: &[Held]) -> Vec<Value> {
    let garbage: std::collections::HashSet<usize> = held.iter().map(|h| h.0 as usize).collect();
    let mut calls = Vec::new();
    for h in held {
        let Some(wl) = (h.layout().weaklist)(h.header()) else {
            continue;
        };
        for wr in wl.take().into_iter().rev() {
            // SAFETY: as in `clear_weakrefs`.
            let wh = unsafe { &*wr.0 };
            let Some(w) = weakref_of(wh) else { continue };
            w.target.set(RawObj(ptr::null()));
            if garbage.contains(&(wr.0 as usize))
                || w.callback.with(|c| matches!(c, Value::None | Value::Null))
            {
                continue;
            }
            if let Some(v) = (wh.ty().layout_fns().to_value)(wh) {
                calls.push(v);
            }
        }
    }
    calls
}

impl Vm {
    /// Calls a dead weakref's callback with the weakref, reporting an exception as
    /// CPython's "Exception ignored in: <callback>".
    pub(crate) fn call_weakref_callback(&mut self, wr: &Value) {
        let Some(w) = super::modules::downcast::<WeakRef>(wr.payload()) else {
            return;
        };
        let cb = w.callback.get_clone();
        if matches!(cb, Value::None | Value::Null) {
            return;
        }
        if let Err(e) = self.call(&cb, std::slice::from_ref(wr), &[]) {
            let what = self.repr(&cb).unwrap_or_default();
            let report = self.format_exception(&e);
            self.interp.flush_stdout();
            eprint!("Exception ignored in: {what}\n{report}");
        }
    }
}
