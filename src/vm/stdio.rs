//! The standard streams: stdout and stderr buffers whose OS writes run with the GIL
//! released, the one stdin buffer behind `sys.stdin`, `input()` and the prompt, and
//! Ctrl-C: a wake-up socket that a blocked read or write on the main thread polls.
//!
//! Buffering is CPython's: stdout is line-buffered on a terminal and block-buffered
//! (8 KiB) otherwise; stderr is line-buffered. Bytes are copied out of Python objects
//! into the buffer while the GIL is held; the write(2) happens in `Vm::blocking`.

use crate::gil::Gil;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::types::types;
use crate::vm::Vm;
use parking_lot::{Mutex, MutexGuard};
use std::io::{IsTerminal, Read, Write};
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::net::UnixStream;
use std::sync::OnceLock;
use std::time::Duration;

/// A block-buffered stream passes its bytes to the OS once it holds this many.
const BUFFER_SIZE: usize = 8192;
/// Largest write(2) issued after poll says the fd is writable: a pipe with room for
/// any bytes has room for a page, so such a write does not block and Ctrl-C is seen.
const POLLED_WRITE: usize = 4096;

/// Why an I/O call on a standard stream gave up.
#[derive(Debug)]
pub enum IoFail {
    Os(std::io::Error),
    /// Ctrl-C arrived while the main thread waited.
    Interrupted,
    /// `Wait::NoWait` and the OS would have made us wait.
    WouldBlock,
}
crate::gil::impl_ungil!(
    enum IoFail {
        Os(e),
        Interrupted,
        WouldBlock,
    }
);

/// How long a stream call may wait for the OS (or for another thread's write).
#[derive(Clone, Copy)]
pub enum Wait<'a> {
    /// As long as it takes: threads other than the main one get no KeyboardInterrupt.
    Block,
    /// As long as it takes, unless Ctrl-C arrives: the main thread, with its GIL.
    Interruptible(&'a Gil),
    /// Only what the OS takes at once (a report must never stall behind stdout).
    NoWait,
}

impl<'a> Wait<'a> {
    /// `Interruptible` with the main thread's GIL, else `Block`.
    pub fn main_or_block(gil: Option<&'a Gil>) -> Wait<'a> {
        gil.map_or(Wait::Block, Wait::Interruptible)
    }

    fn interrupted(self) -> bool {
        match self {
            Wait::Interruptible(gil) => gil.interrupt_requested(),
            _ => false,
        }
    }
}

impl From<nix::errno::Errno> for IoFail {
    fn from(e: nix::errno::Errno) -> IoFail {
        IoFail::Os(std::io::Error::from(e))
    }
}

/// What asked for a flush: a write that filled the buffer loses its bytes on an error
/// or Ctrl-C (CPython's text layer has already handed them on), an explicit flush
/// keeps what was not written, so the flush at exit tries again.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flush {
    Write,
    Explicit,
}
crate::gil::impl_ungil!(
    enum Flush {
        Write,
        Explicit,
    }
);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fd {
    Stdout = 1,
    Stderr = 2,
}
crate::gil::impl_ungil!(
    enum Fd {
        Stdout,
        Stderr,
    }
);

struct OutBuf {
    buf: Vec<u8>,
    line_buffered: bool,
    /// PYTHONUNBUFFERED, as CPython's `-u`: every write goes to the OS at once, so a
    /// write error is raised where it happens instead of at exit.
    write_through: bool,
}
crate::gil::impl_ungil!(struct OutBuf { buf, line_buffered, write_through });

/// stdout or stderr.
pub struct OutStream {
    fd: Fd,
    state: Mutex<OutBuf>,
    /// Held across the write(2) so that bytes reach the OS in the order they were
    /// buffered, with the GIL released (the state lock is never held while blocked).
    writer: Mutex<()>,
    /// A pipe, terminal or socket, where a write may block: written in polled chunks.
    may_block: bool,
}
crate::gil::impl_ungil!(struct OutStream { fd, state, writer, may_block });

/// The fd of a standard stream, borrowed from std's process-wide handle (kept in a
/// static so the borrow lives as long as the process).
fn fd_handle(fd: Fd) -> BorrowedFd<'static> {
    static OUT: OnceLock<std::io::Stdout> = OnceLock::new();
    static ERR: OnceLock<std::io::Stderr> = OnceLock::new();
    match fd {
        Fd::Stdout => OUT.get_or_init(std::io::stdout).as_fd(),
        Fd::Stderr => ERR.get_or_init(std::io::stderr).as_fd(),
    }
}

fn stdin_fd() -> BorrowedFd<'static> {
    static IN: OnceLock<std::io::Stdin> = OnceLock::new();
    IN.get_or_init(std::io::stdin).as_fd()
}

/// Whether a write to `fd` can wait on another process (a pipe, terminal or socket;
/// not a regular file or a disk).
fn may_block(fd: BorrowedFd) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let meta = fd
        .try_clone_to_owned()
        .and_then(|owned| std::fs::File::from(owned).metadata());
    match meta {
        Ok(m) => !(m.file_type().is_file() || m.file_type().is_block_device()),
        Err(_) => true,
    }
}

impl OutStream {
    pub fn new(fd: Fd) -> OutStream {
        let line_buffered = fd == Fd::Stderr || std::io::stdout().is_terminal();
        let write_through = std::env::var_os("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty());
        OutStream {
            fd,
            state: Mutex::new(OutBuf {
                buf: Vec::new(),
                line_buffered,
                write_through,
            }),
            writer: Mutex::new(()),
            may_block: may_block(fd_handle(fd)),
        }
    }

    /// Appends `bytes`; true when a flush is due.
    pub fn push(&self, bytes: &[u8]) -> bool {
        let mut st = self.state.lock();
        st.buf.extend_from_slice(bytes);
        st.buf.len() >= BUFFER_SIZE
            || (st.write_through && !bytes.is_empty())
            || (st.line_buffered && bytes.contains(&b'\n'))
    }

    pub fn is_empty(&self) -> bool {
        self.state.lock().buf.is_empty()
    }

    /// Passes the buffered bytes to the OS. Touches no Python object, so it runs with
    /// the GIL released, or on a thread that has none.
    pub fn flush(&self, wait: Wait, why: Flush) -> Result<(), IoFail> {
        let _writer = lock(&self.writer, wait)?;
        let data = std::mem::take(&mut self.state.lock().buf);
        if data.is_empty() {
            return Ok(());
        }
        let (written, r) = write_all(fd_handle(self.fd), &data, self.may_block, wait);
        if let Err(e) = &r {
            if why == Flush::Explicit || matches!(e, IoFail::WouldBlock) {
                let mut st = self.state.lock();
                let mut rest = data[written..].to_vec();
                rest.extend_from_slice(&st.buf);
                st.buf = rest;
            }
        }
        r
    }

    /// Drops whatever is buffered (the flush at exit failed and was reported).
    pub fn discard(&self) {
        self.state.lock().buf.clear();
    }
}

/// Takes `m`; on the main thread the wait is cut into slices so Ctrl-C is noticed
/// (another thread may hold it while blocked on a full pipe).
fn lock<'a, T>(m: &'a Mutex<T>, wait: Wait) -> Result<MutexGuard<'a, T>, IoFail> {
    match wait {
        Wait::Block => Ok(m.lock()),
        Wait::NoWait => m.try_lock().ok_or(IoFail::WouldBlock),
        Wait::Interruptible(gil) => loop {
            if gil.interrupt_requested() {
                return Err(IoFail::Interrupted);
            }
            if let Some(g) = m.try_lock_for(Duration::from_millis(20)) {
                return Ok(g);
            }
        },
    }
}

/// Waits until `fd` is ready for `events` (or Ctrl-C, or not at all: see `Wait`).
fn wait_ready(fd: BorrowedFd, events: nix::poll::PollFlags, wait: Wait) -> Result<(), IoFail> {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let interruptible = matches!(wait, Wait::Interruptible(_));
    let wake = wake_socket().filter(|_| interruptible);
    loop {
        if wait.interrupted() {
            return Err(IoFail::Interrupted);
        }
        let mut fds = vec![PollFd::new(fd, events)];
        if let Some((_, r)) = wake {
            fds.push(PollFd::new(r.as_fd(), PollFlags::POLLIN));
        }
        // The wake-up socket answers a real Ctrl-C at once; the timeout also catches an
        // interrupt requested without it (Gil::request_interrupt from Rust code).
        let timeout = match wait {
            Wait::Block => PollTimeout::NONE,
            Wait::Interruptible(_) => PollTimeout::from(50u8),
            Wait::NoWait => PollTimeout::ZERO,
        };
        match poll(&mut fds, timeout) {
            Ok(_) => {}
            Err(nix::errno::Errno::EINTR) => continue,
            Err(e) => return Err(e.into()),
        }
        let ready = fds[0].revents().unwrap_or(PollFlags::empty());
        if fds.len() > 1 && !fds[1].revents().unwrap_or(PollFlags::empty()).is_empty() {
            drain_wake();
        }
        if !ready.is_empty() {
            return Ok(());
        }
        if matches!(wait, Wait::NoWait) {
            return Err(IoFail::WouldBlock);
        }
    }
}

/// Writes all of `data`; returns how much was written, and why it stopped short.
fn write_all(
    fd: BorrowedFd,
    data: &[u8],
    may_block: bool,
    wait: Wait,
) -> (usize, Result<(), IoFail>) {
    use nix::errno::Errno;
    let polled = may_block && !matches!(wait, Wait::Block);
    let mut done = 0;
    while done < data.len() {
        if polled {
            if let Err(e) = wait_ready(fd, nix::poll::PollFlags::POLLOUT, wait) {
                return (done, Err(e));
            }
        }
        let end = if polled {
            data.len().min(done + POLLED_WRITE)
        } else {
            data.len()
        };
        match nix::unistd::write(fd, &data[done..end]) {
            Ok(0) => return (done, Err(IoFail::Os(std::io::ErrorKind::WriteZero.into()))),
            Ok(n) => done += n,
            Err(Errno::EINTR) => {}
            Err(Errno::EAGAIN) => {
                // Someone made the fd non-blocking: wait for room instead of spinning.
                if let Err(e) = wait_ready(fd, nix::poll::PollFlags::POLLOUT, wait) {
                    return (done, Err(e));
                }
            }
            Err(e) => return (done, Err(e.into())),
        }
    }
    (done, Ok(()))
}

/// One read(2) from stdin into `buf`: 0 at end of input.
fn read_some(buf: &mut [u8], wait: Wait) -> Result<usize, IoFail> {
    use nix::errno::Errno;
    let fd = stdin_fd();
    loop {
        if !matches!(wait, Wait::Block) {
            wait_ready(fd, nix::poll::PollFlags::POLLIN, wait)?;
        }
        match nix::unistd::read(fd, buf) {
            Ok(n) => return Ok(n),
            Err(Errno::EINTR) => {}
            Err(Errno::EAGAIN) => wait_ready(fd, nix::poll::PollFlags::POLLIN, wait)?,
            Err(e) => return Err(e.into()),
        }
    }
}

// ---------------------------------------------------------------------------
// Ctrl-C.

/// The wake-up socket pair: the SIGINT handler writes a byte to the first, blocked
/// reads and writes of the main thread poll the second. Level-triggered, so a Ctrl-C
/// that comes just before the poll is not missed.
fn wake_socket() -> Option<&'static (UnixStream, UnixStream)> {
    static WAKE: OnceLock<Option<(UnixStream, UnixStream)>> = OnceLock::new();
    WAKE.get_or_init(|| {
        let (w, r) = UnixStream::pair().ok()?;
        w.set_nonblocking(true).ok()?;
        r.set_nonblocking(true).ok()?;
        Some((w, r))
    })
    .as_ref()
}

fn drain_wake() {
    if let Some((_, r)) = wake_socket() {
        let mut sink = [0u8; 64];
        while matches!((&*r).read(&mut sink), Ok(n) if n > 0) {}
    }
}

/// Ctrl-C raises KeyboardInterrupt in the main thread of `gil`'s program, unless
/// SIGINT was ignored when gilvm started (a background job): then it stays ignored,
/// as in CPython.
/// Which of fds 0, 1 and 2 were closed when the process started (bit `1 << fd`).
/// Rust's runtime reopens a closed standard fd on /dev/null before `main`, so the
/// binary records them first (an `.init_array` constructor in main.rs); `sys` then
/// makes the stream None, as CPython does for a standard fd it finds closed.
static CLOSED_AT_START: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// Records the closed standard fds; for the binary's start-up constructor only.
pub fn note_closed_at_start(mask: u8) {
    CLOSED_AT_START.store(mask & 7, std::sync::atomic::Ordering::Relaxed);
}

/// Whether standard fd `fd` (0-2) was closed when the process started.
pub fn closed_at_start(fd: u8) -> bool {
    fd < 3 && CLOSED_AT_START.load(std::sync::atomic::Ordering::Relaxed) & (1 << fd) != 0
}

pub fn install_sigint_handler(gil: std::sync::Arc<Gil>) {
    if sigint_ignored_at_start() {
        return;
    }
    wake_socket();
    let _ = ctrlc::set_handler(move || {
        gil.request_interrupt();
        if let Some((w, _)) = wake_socket() {
            let _ = (&*w).write(&[1]);
        }
    });
}

fn sigint_ignored_at_start() -> bool {
    let mut old = std::mem::MaybeUninit::<libc::sigaction>::zeroed();
    // SAFETY: a null new action makes sigaction(2) only read the current disposition
    // into `old`, a valid writable sigaction; nothing is installed.
    let r = unsafe { libc::sigaction(libc::SIGINT, std::ptr::null(), old.as_mut_ptr()) };
    // SAFETY: zero-initialised, and filled in by the kernel when r == 0.
    let old = unsafe { old.assume_init() };
    r == 0 && old.sa_sigaction == libc::SIG_IGN
}

/// After an uncaught KeyboardInterrupt CPython dies of SIGINT, so that a shell or a
/// parent process sees "killed by SIGINT" (status 130 in a shell, -2 in subprocess).
pub fn exit_by_sigint() -> ! {
    // SAFETY: SIG_DFL installs no handler code; the signal then ends the process.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::raise(libc::SIGINT);
    }
    std::process::exit(130)
}

// ---------------------------------------------------------------------------
// stdin.

struct InBuf {
    buf: Vec<u8>,
    pos: usize,
}
crate::gil::impl_ungil!(struct InBuf { buf, pos });

/// The process's stdin, read through one buffer whatever reads it.
pub struct InStream {
    state: Mutex<InBuf>,
}
crate::gil::impl_ungil!(struct InStream { state });

impl Default for InStream {
    fn default() -> Self {
        InStream {
            state: Mutex::new(InBuf {
                buf: Vec::new(),
                pos: 0,
            }),
        }
    }
}

/// How much of stdin one call wants.
#[derive(Clone, Copy)]
pub enum Want {
    /// Up to and including the next newline, at most this many characters (if any).
    Line(Option<usize>),
    /// This many characters, or everything up to end of input.
    Chars(Option<usize>),
    /// This many bytes, or everything up to end of input (`sys.stdin.buffer`).
    Bytes(Option<usize>),
}
crate::gil::impl_ungil!(
    enum Want {
        Line(n),
        Chars(n),
        Bytes(n),
    }
);

impl InBuf {
    fn unread(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    /// The byte length of what `want` takes from the buffer, if it is all there.
    fn complete(&self, want: Want) -> Option<usize> {
        let b = self.unread();
        match want {
            Want::Line(limit) => {
                let nl = b.iter().position(|&c| c == b'\n').map(|i| i + 1);
                match limit {
                    Some(n) => {
                        let (chars, len) = char_prefix(b, n);
                        match nl {
                            Some(i) if i <= len => Some(i),
                            _ if chars == n => Some(len),
                            _ => None,
                        }
                    }
                    None => nl,
                }
            }
            Want::Chars(Some(n)) => {
                let (chars, len) = char_prefix(b, n);
                (chars == n).then_some(len)
            }
            Want::Chars(None) | Want::Bytes(None) => None,
            Want::Bytes(Some(n)) => (b.len() >= n).then_some(n),
        }
    }

    fn take(&mut self, len: usize) -> Vec<u8> {
        let out = self.buf[self.pos..self.pos + len].to_vec();
        self.pos += len;
        if self.pos == self.buf.len() {
            self.buf.clear();
            self.pos = 0;
        }
        out
    }
}

/// How many whole UTF-8 characters (at most `n`) begin `b`, and their byte length.
fn char_prefix(b: &[u8], n: usize) -> (usize, usize) {
    let (mut chars, mut i) = (0, 0);
    while chars < n && i < b.len() {
        let w = match b[i] {
            x if x >= 0xF0 => 4,
            x if x >= 0xE0 => 3,
            x if x >= 0xC0 => 2,
            _ => 1,
        };
        if i + w > b.len() {
            break;
        }
        i += w;
        chars += 1;
    }
    (chars, i)
}

impl InStream {
    /// Reads what `want` asks for (less at end of input). No Python object is touched:
    /// called with the GIL released.
    pub fn read(&self, want: Want, wait: Wait) -> Result<Vec<u8>, IoFail> {
        let mut st = lock(&self.state, wait)?;
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            if let Some(len) = st.complete(want) {
                return Ok(st.take(len));
            }
            // A terminal's end of input (Ctrl-D) is not sticky: the next read waits
            // again, as CPython's does.
            let n = read_some(&mut chunk, wait)?;
            if n == 0 {
                let len = st.unread().len();
                return Ok(st.take(len));
            }
            if st.pos > 0 && st.pos == st.buf.len() {
                st.buf.clear();
                st.pos = 0;
            }
            st.buf.extend_from_slice(&chunk[..n]);
        }
    }

    /// Forgets buffered input (Ctrl-C at the prompt cancels the line being typed).
    pub fn discard(&self) {
        let mut st = self.state.lock();
        st.buf.clear();
        st.pos = 0;
    }
}

/// Text of bytes read from stdin: strict UTF-8, as CPython's stdin in a UTF-8 locale.
/// Newlines are kept as they are (POSIX stdin does no newline translation).
pub fn decode(bytes: Vec<u8>) -> PyResult<String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let byte = e.as_bytes().get(at).copied().unwrap_or(0);
        let why = if e.utf8_error().error_len().is_none() {
            "unexpected end of data"
        } else if (0x80..0xC0).contains(&byte) || byte >= 0xF8 {
            "invalid start byte"
        } else {
            "invalid continuation byte"
        };
        PyErr::value_error(format!(
            "'utf-8' codec can't decode byte 0x{byte:02x} in position {at}: {why}"
        ))
    })
}

// ---------------------------------------------------------------------------
// The Vm side: copy bytes while holding the GIL, write with it released.

/// The process's standard streams, shared by every thread of the program.
pub struct Streams {
    pub stdout: OutStream,
    pub stderr: OutStream,
    pub stdin: InStream,
}
crate::gil::impl_ungil!(struct Streams { stdout, stderr, stdin });

impl Default for Streams {
    fn default() -> Self {
        Streams {
            stdout: OutStream::new(Fd::Stdout),
            stderr: OutStream::new(Fd::Stderr),
            stdin: InStream::default(),
        }
    }
}

impl Streams {
    fn out(&self, fd: Fd) -> &OutStream {
        match fd {
            Fd::Stdout => &self.stdout,
            Fd::Stderr => &self.stderr,
        }
    }

    /// A report of the interpreter's own (a traceback, a deadlock): what stdout takes
    /// at once first, so that what the program printed usually comes before it (a
    /// stalled stdout reader must not hold the report back); write errors are
    /// ignored, as CPython ignores them (stderr may be a closed pipe). Needs no GIL.
    pub fn report(&self, text: &str, wait: Wait) {
        let _ = self.stdout.flush(Wait::NoWait, Flush::Explicit);
        self.stderr.push(text.as_bytes());
        if self.stderr.flush(wait, Flush::Write).is_err() {
            self.stderr.discard();
        }
    }
}

/// Writes `text` to fd 2, ignoring errors: for messages printed before or after any
/// program runs (usage errors, instrument tables), where a closed stderr must not
/// panic as `eprint!` does.
pub fn eprint(text: &str) {
    let _ = std::io::stderr().write_all(text.as_bytes());
}

impl Vm {
    fn interrupt_gil(&self) -> Option<std::sync::Arc<Gil>> {
        self.gil.is_main().then(|| self.interp.gil.clone())
    }

    /// Turns a failed stream call into the Python exception: KeyboardInterrupt for
    /// Ctrl-C (consumed here, as the eval loop would), else the OSError subclass.
    fn stream_error(&mut self, e: IoFail) -> PyErr {
        match e {
            IoFail::Interrupted => {
                let _ = self.gil.handle_breaker();
                PyErr::with_args(&types().keyboard_interrupt, vec![])
            }
            IoFail::Os(e) => crate::vm::builtins::os_error_from_io(&e, None),
            IoFail::WouldBlock => {
                crate::vm::builtins::os_error_from_io(&std::io::ErrorKind::WouldBlock.into(), None)
            }
        }
    }

    pub fn write_stream(&mut self, fd: Fd, text: &str) -> PyResult<()> {
        self.write_stream_bytes(fd, text.as_bytes())
    }

    /// `write_stream` of raw bytes (`sys.stdout.buffer.write`).
    pub fn write_stream_bytes(&mut self, fd: Fd, bytes: &[u8]) -> PyResult<()> {
        if fd == Fd::Stderr && !self.interp.streams.stdout.is_empty() {
            // What the program printed to stdout stays ahead of what follows on stderr
            // when both go to one terminal or file; only what stdout takes at once, so
            // that a stalled stdout reader never holds stderr back. Errors are the
            // business of stdout's own next flush.
            let interp = self.interp.clone();
            self.blocking("sys.stdout.write", &interp.streams.stdout, |out| {
                let _ = out.flush(Wait::NoWait, Flush::Explicit);
            });
        }
        if self.interp.streams.out(fd).push(bytes) {
            self.flush_stream(fd, Flush::Write)?;
        }
        Ok(())
    }

    pub fn write_stdout(&mut self, text: &str) -> PyResult<()> {
        self.write_stream(Fd::Stdout, text)
    }

    pub fn flush_stream(&mut self, fd: Fd, why: Flush) -> PyResult<()> {
        if self.interp.streams.out(fd).is_empty() {
            return Ok(());
        }
        let interp = self.interp.clone();
        let gil = self.interrupt_gil();
        let reason = match fd {
            Fd::Stdout => "sys.stdout.write",
            Fd::Stderr => "sys.stderr.write",
        };
        let r = self.blocking(
            reason,
            (interp.streams.out(fd), gil.as_deref(), why),
            |(out, gil, why)| out.flush(Wait::main_or_block(gil), why),
        );
        r.map_err(|e| self.stream_error(e))
    }

    pub fn flush_stdout(&mut self) -> PyResult<()> {
        self.flush_stream(Fd::Stdout, Flush::Explicit)
    }

    /// Prints an interpreter report (traceback, thread exception) with the GIL released.
    pub fn report(&mut self, text: &str) {
        let interp = self.interp.clone();
        let gil = self.interrupt_gil();
        self.blocking(
            "sys.stderr.write",
            (&interp.streams, text, gil.as_deref()),
            |(streams, text, gil)| streams.report(text, Wait::main_or_block(gil)),
        );
    }

    /// Reads from stdin with the GIL released; Ctrl-C on the main thread raises
    /// KeyboardInterrupt at once (buffered input is kept).
    pub fn read_stdin(&mut self, want: Want) -> PyResult<String> {
        decode(self.read_stdin_bytes(want)?)
    }

    /// `read_stdin` without decoding (`sys.stdin.buffer`).
    pub fn read_stdin_bytes(&mut self, want: Want) -> PyResult<Vec<u8>> {
        // A prompt or partial line must be on screen before the read waits.
        self.flush_stdout()?;
        let interp = self.interp.clone();
        let gil = self.interrupt_gil();
        let r = self.blocking(
            "sys.stdin.read",
            (&interp.streams.stdin, want, gil.as_deref()),
            |(stdin, want, gil)| stdin.read(want, Wait::main_or_block(gil)),
        );
        r.map_err(|e| self.stream_error(e))
    }
}
