//! Starting interpreter threads with pthread_create directly. std's spawn also maps
//! an alternate signal stack with a guard page in every new thread, and when that
//! fails (the process's memory-map limit is reached, ~16k threads here) it aborts
//! the whole process from inside the new thread. Here the only thing that can fail
//! is pthread_create itself, and its error comes back to the caller, which raises
//! CPython's `RuntimeError: can't start new thread`.

use std::ffi::c_void;

type Job = Box<dyn FnOnce() + Send + 'static>;

extern "C" fn trampoline(arg: *mut c_void) -> *mut c_void {
    // SAFETY: `arg` is the `Box<Job>` leaked by `spawn`, handed to exactly one thread.
    let job: Box<Job> = unsafe { Box::from_raw(arg as *mut Job) };
    // A panic must not unwind into C; the interpreter's own handles (ThreadGil's
    // Drop) have released the GIL by the time it gets here.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
    std::ptr::null_mut()
}

/// Runs `f` on a new detached OS thread with a `stack_size`-byte stack.
pub fn spawn(
    name: &str,
    stack_size: usize,
    f: impl FnOnce() + Send + 'static,
) -> std::io::Result<()> {
    // Names show in top, perf and gdb; the kernel keeps 15 bytes. The new thread
    // names itself (one prctl): naming it from here opens /proc/self/task/N/comm,
    // three system calls between pthread_create and the GIL release it waits for.
    let mut end = name.len().min(15);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    let cname = std::ffi::CString::new(&name[..end]).ok();
    let job: *mut Job = Box::into_raw(Box::new(Box::new(move || {
        if let Some(c) = cname {
            // SAFETY: `c` is a NUL-terminated string of at most 16 bytes.
            unsafe { libc::prctl(libc::PR_SET_NAME, c.as_ptr() as libc::c_ulong, 0, 0, 0) };
        }
        f()
    })));
    // SAFETY: the attribute object is initialised before use and destroyed after;
    // on failure the job was not handed to any thread, so it is reclaimed here.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        let mut rc = libc::pthread_attr_init(&mut attr);
        if rc == 0 {
            rc = libc::pthread_attr_setstacksize(&mut attr, stack_size);
        }
        if rc == 0 {
            rc = libc::pthread_attr_setdetachstate(&mut attr, libc::PTHREAD_CREATE_DETACHED);
        }
        let mut tid: libc::pthread_t = std::mem::zeroed();
        if rc == 0 {
            rc = libc::pthread_create(&mut tid, &attr, trampoline, job as *mut c_void);
        }
        libc::pthread_attr_destroy(&mut attr);
        if rc != 0 {
            drop(Box::from_raw(job));
            return Err(std::io::Error::from_raw_os_error(rc));
        }
    }
    Ok(())
}
