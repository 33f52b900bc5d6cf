//! The cycle collector under threads: 16 threads at a 50 us switch interval make and
//! drop cyclic structures and hand some of them to each other through a queue,
//! verifying every structure they touch, so an object freed while still reachable
//! shows as a wrong value, a crash or a panic. Bounded by iterations, not time; the
//! pass criteria are the program's own checks, its exit status, and that a final
//! `gc.collect()` leaves no more tracked objects than the program keeps.

mod common;

use common::{finish, spawn_piped, temp_program, GILVM};
use std::process::Command;
use std::time::Duration;

const STRESS: &str = r#"
import gc, sys, threading, queue
sys.setswitchinterval(50e-6)

class Node:
    def __init__(self, tag, i):
        self.tag = tag
        self.i = i
        self.next = None
    def __del__(self):
        # A finalizer in every cycle: runs once, may see its ring half-cleared never.
        assert self.tag is not None

def make(tag, n):
    ring = [Node(tag, i) for i in range(n)]
    for i, x in enumerate(ring):
        x.next = ring[(i + 1) % n]
    box = {"tag": tag, "ring": ring[0]}
    box["self"] = box
    def closure():
        return closure, box
    box["f"] = closure
    return box

def verify(box, tag, n):
    assert box["self"] is box and box["tag"] == tag, tag
    f, b = box["f"]()
    assert f is box["f"] and b is box
    x, seen = box["ring"], 0
    while True:
        assert x.tag == tag and x.i == seen, (x.tag, tag, x.i, seen)
        seen += 1
        x = x.next
        if x is box["ring"]:
            break
    assert seen == n, (seen, n)

q = queue.Queue(maxsize=64)
errors = []
ROUNDS = 1500
N = 16

def worker(w):
    try:
        kept = []
        for r in range(ROUNDS):
            tag = "%d-%d" % (w, r)
            box = make(tag, 3 + r % 7)
            verify(box, tag, 3 + r % 7)
            if r % 5 == 0:
                q.put((tag, 3 + r % 7, box))
            if r % 7 == 0:
                kept.append((tag, 3 + r % 7, box))
            if len(kept) > 8:
                kept.pop(0)
            for t, n, b in kept:
                verify(b, t, n)
            if r % 3 == 0:
                try:
                    t, n, b = q.get_nowait()
                    verify(b, t, n)
                except queue.Empty:
                    pass
            if r % 50 == 0:
                gc.collect(r % 3)
            del box
    except BaseException as e:
        errors.append(repr(e))

ts = [threading.Thread(target=worker, args=(w,)) for w in range(N)]
for t in ts: t.start()
for t in ts: t.join()
b = None
while True:
    try:
        t, n, b = q.get_nowait()
    except queue.Empty:
        break
    verify(b, t, n)
del b
print("errors:", errors)
gc.collect()
left = len(gc.get_objects())
print("tracked after collect below 20000:", left < 20000, left if left >= 20000 else "")
"#;

#[test]
fn sixteen_threads_make_and_share_cycles() {
    let path = temp_program("gc", "stress.py", STRESS);
    let mut c = Command::new(GILVM);
    c.arg("run").arg(&path);
    let r = finish(spawn_piped(c), Duration::from_secs(300), String::new());
    assert_eq!(
        r.code,
        Some(0),
        "stdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    assert!(
        r.stdout.contains("errors: []") && r.stdout.contains("below 20000: True"),
        "stdout:\n{}\nstderr:\n{}",
        r.stdout,
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}
