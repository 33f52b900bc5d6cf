//! The `_socket` module (socket.py builds `socket` on it): TCP/UDP over IPv4/IPv6 and
//! Unix sockets on socket2. Every socket is non-blocking at the OS level; a call
//! that would block waits for readiness in `Vm::interruptible_wait` (the GIL released
//! through the one release function, Ctrl-C noticed on the main thread), bounded by
//! the socket's timeout, as CPython's sock_call does.

use crate::vm::builtins::os_error_from_io;
use crate::vm::bytes::{bytes_like, need_bytes};
use crate::vm::cell::GilCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, ClassKind, DictObj, NativeObject};
use crate::vm::refcount::Ref;
use crate::vm::types::{self, types};
use crate::vm::value::Value;
use crate::vm::Vm;
use socket2::{Domain, Protocol, SockAddr, Socket, Type};
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, SocketAddrV4, SocketAddrV6};
use std::os::fd::{AsFd, AsRawFd};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

const AF_UNIX: i64 = libc::AF_UNIX as i64;
const AF_INET: i64 = libc::AF_INET as i64;
const AF_INET6: i64 = libc::AF_INET6 as i64;
const SOCK_STREAM: i64 = libc::SOCK_STREAM as i64;
const SOCK_DGRAM: i64 = libc::SOCK_DGRAM as i64;

pub fn fill(d: &DictObj) {
    use crate::vm::builtins::builtin;
    let ints: &[(&str, i64)] = &[
        ("AF_UNIX", AF_UNIX),
        ("AF_INET", AF_INET),
        ("AF_INET6", AF_INET6),
        ("AF_UNSPEC", libc::AF_UNSPEC as i64),
        ("SOCK_STREAM", SOCK_STREAM),
        ("SOCK_DGRAM", SOCK_DGRAM),
        ("SOCK_RAW", libc::SOCK_RAW as i64),
        ("SOCK_NONBLOCK", libc::SOCK_NONBLOCK as i64),
        ("SOCK_CLOEXEC", libc::SOCK_CLOEXEC as i64),
        ("SOL_SOCKET", libc::SOL_SOCKET as i64),
        ("SO_REUSEADDR", libc::SO_REUSEADDR as i64),
        ("SO_REUSEPORT", libc::SO_REUSEPORT as i64),
        ("SO_KEEPALIVE", libc::SO_KEEPALIVE as i64),
        ("SO_BROADCAST", libc::SO_BROADCAST as i64),
        ("SO_ERROR", libc::SO_ERROR as i64),
        ("SO_TYPE", libc::SO_TYPE as i64),
        ("SO_RCVBUF", libc::SO_RCVBUF as i64),
        ("SO_SNDBUF", libc::SO_SNDBUF as i64),
        ("SO_LINGER", libc::SO_LINGER as i64),
        ("IPPROTO_IP", libc::IPPROTO_IP as i64),
        ("IPPROTO_TCP", libc::IPPROTO_TCP as i64),
        ("IPPROTO_UDP", libc::IPPROTO_UDP as i64),
        ("IPPROTO_IPV6", libc::IPPROTO_IPV6 as i64),
        ("IPV6_V6ONLY", libc::IPV6_V6ONLY as i64),
        ("TCP_NODELAY", libc::TCP_NODELAY as i64),
        ("SHUT_RD", libc::SHUT_RD as i64),
        ("SHUT_WR", libc::SHUT_WR as i64),
        ("SHUT_RDWR", libc::SHUT_RDWR as i64),
        ("SOMAXCONN", libc::SOMAXCONN as i64),
        ("MSG_PEEK", libc::MSG_PEEK as i64),
        ("MSG_DONTWAIT", libc::MSG_DONTWAIT as i64),
        ("AI_PASSIVE", libc::AI_PASSIVE as i64),
        ("EAI_NONAME", libc::EAI_NONAME as i64),
    ];
    for &(k, v) in ints {
        d.set_str(k, Value::Int(v));
    }
    d.set_str("has_ipv6", Value::Bool(true));
    d.set_str("socket", Value::Class(socket_class()));
    d.set_str("SocketType", Value::Class(socket_class()));
    d.set_str("gaierror", Value::Class(gaierror().clone()));
    d.set_str("herror", Value::Class(herror().clone()));
    d.set_str("timeout", Value::Class(timeout_class()));
    d.set_str("error", Value::Class(types().os_error.clone()));
    let funcs: &[(&'static str, crate::vm::object::NativeFn)] = &[
        ("socketpair", socketpair),
        ("getaddrinfo", getaddrinfo),
        ("gethostbyname", gethostbyname),
        ("gethostname", gethostname),
        ("getdefaulttimeout", getdefaulttimeout),
        ("setdefaulttimeout", setdefaulttimeout),
        ("htons", htons),
        ("ntohs", htons),
        ("htonl", htonl),
        ("ntohl", htonl),
        ("inet_aton", inet_aton),
        ("inet_ntoa", inet_ntoa),
    ];
    for &(name, f) in funcs {
        d.set_str(name, builtin(name, f));
    }
}

fn exc_class(cell: &'static OnceLock<Ref<Class>>, name: &str) -> &'static Ref<Class> {
    cell.get_or_init(|| {
        let c = types::new_class(name, Some(&types().os_error), ClassKind::Exception);
        c.set_qualname(name);
        Class::set_attr(
            &c,
            crate::vm::value::intern("__module__"),
            Value::str("socket"),
        );
        crate::vm::value::shared_class(c)
    })
}

fn gaierror() -> &'static Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    exc_class(&C, "gaierror")
}

fn herror() -> &'static Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    exc_class(&C, "herror")
}

/// `socket.timeout` is the builtin TimeoutError (since 3.10).
fn timeout_class() -> Ref<Class> {
    crate::vm::builtins::exceptions::os_error_subclasses()
        .iter()
        .find(|c| &*c.name() == "TimeoutError")
        .cloned()
        .unwrap_or_else(|| types().os_error.clone())
}

fn timed_out() -> PyErr {
    PyErr::new(&timeout_class(), "timed out")
}

fn gai_error(code: i32, msg: &str) -> PyErr {
    let exc = crate::vm::errors::new_exception(
        gaierror(),
        vec![Value::Int(code as i64), Value::str(msg)],
    );
    if let Value::Instance(inst) = &exc {
        inst.set_attr("errno", Value::Int(code as i64));
        inst.set_attr("strerror", Value::str(msg));
    }
    PyErr { exc }
}

fn io_err(e: &std::io::Error) -> PyErr {
    os_error_from_io(e, None)
}

fn errno_err(errno: i32) -> PyErr {
    io_err(&std::io::Error::from_raw_os_error(errno))
}

/// `setdefaulttimeout`: f64 bits, `u64::MAX` for None.
static DEFAULT_TIMEOUT: AtomicU64 = AtomicU64::new(u64::MAX);

fn default_timeout() -> Option<f64> {
    match DEFAULT_TIMEOUT.load(Ordering::Relaxed) {
        u64::MAX => None,
        b => Some(f64::from_bits(b)),
    }
}

// ----- the socket object ------------------------------------------------------------

#[derive(Debug)]
pub struct SockObj {
    sock: GilCell<Option<Arc<Socket>>>,
    family: i64,
    kind: i64,
    proto: i64,
    /// None: blocking; Some(0.0): non-blocking; Some(t): wait at most t seconds.
    timeout: GilCell<Option<f64>>,
    /// Files made by makefile() still open (CPython's `_io_refs`): close() only
    /// marks the socket `closing` until the last of them closes.
    io_refs: GilCell<i64>,
    closing: GilCell<bool>,
}

impl NativeObject for SockObj {
    fn class(&self) -> Ref<Class> {
        socket_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn attr(&self, name: &str) -> Option<Value> {
        self.attr_value(name)
    }
    fn repr(&self) -> Option<String> {
        let head = format!(
            "family={}, type={}, proto={}",
            self.family, self.kind, self.proto
        );
        let Some(s) = self.sock.get_clone() else {
            return Some(format!("<socket.socket [closed] fd=-1, {head}>"));
        };
        let mut r = format!("<socket.socket fd={}, {head}", s.as_raw_fd());
        if let Ok(a) = s.local_addr() {
            if let Some(t) = addr_repr(&a, self.family) {
                r.push_str(&format!(", laddr={t}"));
            }
        }
        if let Ok(a) = s.peer_addr() {
            if let Some(t) = addr_repr(&a, self.family) {
                r.push_str(&format!(", raddr={t}"));
            }
        }
        r.push('>');
        Some(r)
    }
}

/// How an address shows in a socket's repr (as the Python value's repr would).
fn addr_repr(a: &SockAddr, family: i64) -> Option<String> {
    match a.as_socket() {
        Some(SocketAddr::V4(v)) => Some(format!("('{}', {})", v.ip(), v.port())),
        Some(SocketAddr::V6(v)) => Some(format!(
            "('{}', {}, {}, {})",
            v.ip(),
            v.port(),
            v.flowinfo(),
            v.scope_id()
        )),
        None if family == AF_UNIX => {
            let p = a.as_pathname()?;
            Some(crate::vm::strops::str_repr(&p.to_string_lossy()))
        }
        None => None,
    }
}

fn new_sock(
    sock: Socket,
    family: i64,
    kind: i64,
    proto: i64,
    timeout: Option<f64>,
) -> PyResult<Value> {
    sock.set_nonblocking(true).map_err(|e| io_err(&e))?;
    Ok(super::native(SockObj {
        sock: GilCell::new(Some(Arc::new(sock))),
        family,
        kind,
        proto,
        timeout: GilCell::new(timeout),
        io_refs: GilCell::new(0),
        closing: GilCell::new(false),
    }))
}

pub fn socket_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    C.get_or_init(|| {
        let c = types::new_class("socket", Some(&types().object), ClassKind::Builtin);
        c.slots.getattr.set(Some(super::native_getattr_slot));
        types::install(
            &c,
            &[
                ("__new__", sock_new),
                ("bind", bind),
                ("listen", listen),
                ("accept", accept),
                ("connect", connect),
                ("connect_ex", connect_ex),
                ("send", send),
                ("sendall", sendall),
                ("sendto", sendto),
                ("recv", recv),
                ("recv_into", recv_into),
                ("recvfrom", recvfrom),
                ("shutdown", shutdown),
                ("close", close),
                ("detach", detach),
                ("setsockopt", setsockopt),
                ("getsockopt", getsockopt),
                ("settimeout", settimeout),
                ("gettimeout", gettimeout),
                ("setblocking", setblocking),
                ("getblocking", getblocking),
                ("getsockname", getsockname),
                ("getpeername", getpeername),
                ("fileno", fileno),
                ("__enter__", enter),
                ("__exit__", exit),
                ("makefile", makefile),
                ("_io_ref", io_ref),
                ("_decref_socketios", decref_socketios),
                ("dup", dup),
            ],
        );
        Class::set_attr(
            &c,
            crate::vm::value::intern("__module__"),
            Value::str("socket"),
        );
        crate::vm::value::shared_class(c)
    })
    .clone()
}

/// `family`, `type`, `proto`, `timeout` (through the class's getattr slot).
impl SockObj {
    fn attr_value(&self, name: &str) -> Option<Value> {
        match name {
            "family" => Some(Value::Int(self.family)),
            "type" => Some(Value::Int(self.kind)),
            "proto" => Some(Value::Int(self.proto)),
            "timeout" => Some(timeout_value(self.timeout.get())),
            _ => None,
        }
    }
}

fn timeout_value(t: Option<f64>) -> Value {
    t.map(Value::Float).unwrap_or(Value::None)
}

fn this<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a SockObj> {
    let v = a
        .pos
        .first()
        .ok_or_else(|| PyErr::type_error(format!("socket.{meth}() needs an argument")))?;
    super::downcast::<SockObj>(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{meth}' for '_socket.socket' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

/// The open socket, or EBADF as CPython reports a closed one.
fn handle(s: &SockObj) -> PyResult<Arc<Socket>> {
    s.sock.get_clone().ok_or_else(|| errno_err(libc::EBADF))
}

#[derive(Clone, Copy)]
enum Ready {
    Read,
    Write,
}
crate::gil::impl_ungil!(
    enum Ready {
        Read,
        Write,
    }
);

/// Waits (GIL released) until the socket is ready, or the deadline passes.
fn wait_ready(sock: &Socket, ready: Ready, deadline: Option<Instant>) -> bool {
    use nix::poll::{poll, PollFd, PollFlags, PollTimeout};
    let flags = match ready {
        Ready::Read => PollFlags::POLLIN,
        Ready::Write => PollFlags::POLLOUT,
    };
    loop {
        let timeout = match deadline {
            None => PollTimeout::NONE,
            Some(d) => {
                let ms = d.saturating_duration_since(Instant::now()).as_millis();
                PollTimeout::try_from(ms.min(i32::MAX as u128) as i32).unwrap_or(PollTimeout::NONE)
            }
        };
        let mut fds = [PollFd::new(sock.as_fd(), flags)];
        match poll(&mut fds, timeout) {
            Ok(0) => return false,
            Ok(_) => return true,
            Err(nix::errno::Errno::EINTR) => continue,
            // The fd went bad (closed by another thread): let the operation report it.
            Err(_) => return true,
        }
    }
}

/// Waits until `sock` is ready or `deadline` (from `Vm::deadline_after`) passes,
/// with the GIL released; on the main thread Ctrl-C ends the wait. In a
/// deterministic run (`--schedule`) the socket is only polled while the schedule
/// runs the program's other threads (the peer is usually one of them) and the
/// virtual clock moves to the deadline; only a wait that no thread of the program
/// can end (a peer outside the process) blocks for real, as an external event.
fn wait_for(
    vm: &mut Vm,
    reason: &'static str,
    sock: &Arc<Socket>,
    ready: Ready,
    deadline: Option<Instant>,
) -> PyResult<bool> {
    if vm.scheduled() {
        if deadline.is_none() && !vm.scheduled_others_may_run() {
            return Ok(vm.blocking(reason, (&**sock, ready), |(s, r)| wait_ready(s, r, None)));
        }
        let now = || Some(Instant::now());
        return Ok(vm.scheduled_wait(reason, deadline, true, || wait_ready(sock, ready, now())));
    }
    vm.interruptible_wait(reason, deadline, &mut (&**sock, ready), |&mut (s, r), d| {
        wait_ready(s, r, d)
    })
}

/// Runs a non-blocking socket operation as the socket's timeout says: at once in
/// non-blocking mode (BlockingIOError), else waiting for readiness between tries.
fn sock_call<T>(
    vm: &mut Vm,
    s: &SockObj,
    reason: &'static str,
    ready: Ready,
    mut op: impl FnMut(&Socket) -> std::io::Result<T>,
) -> PyResult<T> {
    let sock = handle(s)?;
    let timeout = s.timeout.get();
    let deadline = timeout.map(|t| vm.deadline_after(Duration::from_secs_f64(t.max(0.0))));
    loop {
        match op(&sock) {
            Ok(v) => return Ok(v),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                if timeout == Some(0.0) {
                    return Err(io_err(&e));
                }
                let ok = wait_for(vm, reason, &sock, ready, deadline)?;
                if !ok && deadline.is_some_and(|d| vm.deadline_after(Duration::ZERO) >= d) {
                    return Err(timed_out());
                }
            }
            Err(e) => return Err(io_err(&e)),
        }
    }
}

fn int_arg(vm: &mut Vm, v: Option<&Value>, default: i64) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(default),
        Some(v) => vm.to_index(v),
    }
}

fn sock_new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw("socket", &["family", "type", "proto", "fileno"])?;
    let family = int_arg(vm, a.arg(1, "family"), AF_INET)?;
    let kind = int_arg(vm, a.arg(2, "type"), SOCK_STREAM)?;
    let proto = int_arg(vm, a.arg(3, "proto"), 0)?;
    match a.arg(4, "fileno") {
        None | Some(Value::None) => {}
        Some(f) => {
            let fd = vm.to_index(f)?;
            return adopt_fd(vm, fd, &a);
        }
    }
    let base_kind = kind & !(libc::SOCK_NONBLOCK as i64 | libc::SOCK_CLOEXEC as i64);
    let sock = Socket::new(
        Domain::from(family as i32),
        Type::from(base_kind as i32),
        (proto != 0).then(|| Protocol::from(proto as i32)),
    )
    .map_err(|e| io_err(&e))?;
    let timeout = if kind & libc::SOCK_NONBLOCK as i64 != 0 {
        Some(0.0)
    } else {
        default_timeout()
    };
    new_sock(sock, family, base_kind, proto, timeout)
}

/// An int socket option of descriptor `fd` (SOL_SOCKET level), or the errno.
fn sockopt_int(fd: i32, opt: i32) -> Result<i32, i32> {
    let mut v: libc::c_int = 0;
    let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `v` and `len` are live locals, writable for the sizes passed; a bad
    // `fd` only makes the call fail (EBADF, ENOTSOCK).
    let r = unsafe {
        libc::getsockopt(
            fd,
            libc::SOL_SOCKET,
            opt,
            &mut v as *mut libc::c_int as *mut libc::c_void,
            &mut len,
        )
    };
    if r < 0 {
        Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(0))
    } else {
        Ok(v)
    }
}

/// `socket(fileno=fd)`: the socket object owns `fd` from now on; family, type and
/// proto not given are read from it, as CPython does.
fn adopt_fd(vm: &mut Vm, fd: i64, a: &Args) -> PyResult<Value> {
    if fd < 0 {
        return Err(PyErr::value_error("negative file descriptor"));
    }
    let fd =
        i32::try_from(fd).map_err(|_| PyErr::overflow_error("file descriptor out of range"))?;
    // Checked before the Socket takes the descriptor: on a bad one CPython raises
    // and leaves it open.
    let kind = sockopt_int(fd, libc::SO_TYPE).map_err(errno_err)?;
    let given = |i: usize, n: &str| !matches!(a.arg(i, n), None | Some(Value::None));
    let family = if given(1, "family") {
        int_arg(vm, a.arg(1, "family"), AF_INET)?
    } else {
        sockopt_int(fd, libc::SO_DOMAIN).map_err(errno_err)? as i64
    };
    let kind = if given(2, "type") {
        int_arg(vm, a.arg(2, "type"), SOCK_STREAM)?
    } else {
        kind as i64
    };
    let proto = if given(3, "proto") {
        int_arg(vm, a.arg(3, "proto"), 0)?
    } else {
        sockopt_int(fd, libc::SO_PROTOCOL).map_err(errno_err)? as i64
    };
    use std::os::fd::FromRawFd;
    // SAFETY: `fd` is an open socket (SO_TYPE answered above) whose ownership the
    // caller hands over, as CPython's socket(fileno=) takes it: the Socket closes
    // it when dropped, and nothing else here closes it.
    let sock = unsafe { Socket::from_raw_fd(fd) };
    let base_kind = kind & !(libc::SOCK_NONBLOCK as i64 | libc::SOCK_CLOEXEC as i64);
    new_sock(sock, family, base_kind, proto, default_timeout())
}

/// A Python address for the socket's family: `(host, port)` (IPv4), `(host, port,
/// flowinfo, scope_id)` (IPv6), a path (Unix).
fn addr_value(a: &SockAddr) -> Value {
    match a.as_socket() {
        Some(SocketAddr::V4(v)) => Value::tuple(vec![
            Value::string(v.ip().to_string()),
            Value::Int(v.port() as i64),
        ]),
        Some(SocketAddr::V6(v)) => Value::tuple(vec![
            Value::string(v.ip().to_string()),
            Value::Int(v.port() as i64),
            Value::Int(v.flowinfo() as i64),
            Value::Int(v.scope_id() as i64),
        ]),
        None => match a.as_pathname() {
            Some(p) => Value::string(p.to_string_lossy().into_owned()),
            None => Value::str(""),
        },
    }
}

/// The system resolver's addresses for `name` (run with the GIL released).
fn lookup_host(name: &str) -> std::io::Result<Vec<SocketAddr>> {
    use std::net::ToSocketAddrs;
    (name, 0u16).to_socket_addrs().map(|it| it.collect())
}

/// Resolves `host` for a family: numeric addresses directly, names through the
/// system resolver with the GIL released.
fn resolve(vm: &mut Vm, host: &str, family: i64) -> PyResult<IpAddr> {
    let v6 = family == AF_INET6;
    match host {
        "" => {
            return Ok(if v6 {
                Ipv6Addr::UNSPECIFIED.into()
            } else {
                Ipv4Addr::UNSPECIFIED.into()
            })
        }
        "<broadcast>" if !v6 => return Ok(Ipv4Addr::BROADCAST.into()),
        _ => {}
    }
    if let Ok(ip) = host.parse::<IpAddr>() {
        if ip.is_ipv6() == v6 {
            return Ok(ip);
        }
        return Err(gai_error(
            libc::EAI_FAMILY,
            "Address family for hostname not supported",
        ));
    }
    let found = vm.blocking("socket.getaddrinfo", host, lookup_host);
    match found {
        Ok(addrs) => addrs
            .into_iter()
            .map(|a| a.ip())
            .find(|ip| ip.is_ipv6() == v6)
            .ok_or_else(|| gai_error(libc::EAI_NONAME, "Name or service not known")),
        Err(_) => Err(gai_error(libc::EAI_NONAME, "Name or service not known")),
    }
}

/// A Python address as a socket address of the socket's family, with CPython's errors.
fn parse_addr(vm: &mut Vm, family: i64, v: &Value, meth: &str) -> PyResult<SockAddr> {
    if family == AF_UNIX {
        return match v {
            Value::Str(s) => SockAddr::unix(s.as_str()).map_err(|e| io_err(&e)),
            _ => match bytes_like(v) {
                Some(b) => {
                    SockAddr::unix(String::from_utf8_lossy(&b).as_ref()).map_err(|e| io_err(&e))
                }
                None => Err(PyErr::type_error(format!(
                    "{meth}(): AF_UNIX address must be str or bytes, not {}",
                    vm.type_name(v)
                ))),
            },
        };
    }
    let fam = if family == AF_INET6 {
        "AF_INET6"
    } else {
        "AF_INET"
    };
    let Value::Tuple(t) = v else {
        return Err(PyErr::type_error(format!(
            "{meth}(): {fam} address must be tuple, not {}",
            vm.type_name(v)
        )));
    };
    let ok_len = if family == AF_INET6 {
        (2..=4).contains(&t.len())
    } else {
        t.len() == 2
    };
    if !ok_len {
        return Err(PyErr::type_error(if family == AF_INET6 {
            "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])".to_string()
        } else {
            "AF_INET address must be a pair (host, port)".to_string()
        }));
    }
    let host = match &t[0] {
        Value::Str(s) => s.as_str().to_string(),
        other => match bytes_like(other) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => {
                return Err(PyErr::type_error(format!(
                    "str, bytes or bytearray expected, not {}",
                    vm.type_name(other)
                )))
            }
        },
    };
    let port = match &t[1] {
        Value::Int(p) => *p,
        Value::Bool(b) => *b as i64,
        other => {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(other)
            )))
        }
    };
    if !(0..=65535).contains(&port) {
        return Err(PyErr::overflow_error(format!(
            "{meth}(): port must be 0-65535."
        )));
    }
    let ip = resolve(vm, &host, family)?;
    Ok(match ip {
        IpAddr::V4(ip) => SockAddr::from(SocketAddrV4::new(ip, port as u16)),
        IpAddr::V6(ip) => {
            let flow = match t.get(2) {
                Some(v) => vm.to_index(v)? as u32,
                None => 0,
            };
            let scope = match t.get(3) {
                Some(v) => vm.to_index(v)? as u32,
                None => 0,
            };
            SockAddr::from(SocketAddrV6::new(ip, port as u16, flow, scope))
        }
    })
}

fn bind(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "bind")?;
    a.expect("bind", 2, 2)?;
    let addr = parse_addr(vm, s.family, &a.pos[1], "bind")?;
    handle(s)?.bind(&addr).map_err(|e| io_err(&e))?;
    Ok(Value::None)
}

fn listen(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "listen")?;
    let backlog = int_arg(vm, a.pos.get(1), 128)?.clamp(0, i32::MAX as i64);
    handle(s)?.listen(backlog as i32).map_err(|e| io_err(&e))?;
    Ok(Value::None)
}

fn accept(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "accept")?;
    let (sock, addr) = sock_call(vm, s, "socket.accept", Ready::Read, |k| k.accept())?;
    // As CPython: the new socket follows the default timeout, not the listener's.
    let t = default_timeout();
    let conn = new_sock(sock, s.family, s.kind, s.proto, t)?;
    Ok(Value::tuple(vec![conn, addr_value(&addr)]))
}

/// connect: EINPROGRESS, then wait for writability and read SO_ERROR (CPython's
/// internal_connect). Returns the errno (0 on success) for connect_ex.
fn do_connect(vm: &mut Vm, s: &SockObj, addr: &SockAddr) -> PyResult<i32> {
    let sock = handle(s)?;
    match sock.connect(addr) {
        Ok(()) => return Ok(0),
        Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => {}
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
        Err(e) => return Ok(e.raw_os_error().unwrap_or(libc::EIO)),
    }
    let timeout = s.timeout.get();
    if timeout == Some(0.0) {
        return Ok(libc::EINPROGRESS);
    }
    let deadline = timeout.map(|t| vm.deadline_after(Duration::from_secs_f64(t.max(0.0))));
    loop {
        if wait_for(vm, "socket.connect", &sock, Ready::Write, deadline)? {
            break;
        }
        if deadline.is_some_and(|d| vm.deadline_after(Duration::ZERO) >= d) {
            return Ok(libc::ETIMEDOUT.wrapping_neg());
        }
    }
    match sock.take_error() {
        Ok(None) => Ok(0),
        Ok(Some(e)) => Ok(e.raw_os_error().unwrap_or(libc::EIO)),
        Err(e) => Ok(e.raw_os_error().unwrap_or(libc::EIO)),
    }
}

fn connect(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "connect")?;
    a.expect("connect", 2, 2)?;
    let addr = parse_addr(vm, s.family, &a.pos[1], "connect")?;
    match do_connect(vm, s, &addr)? {
        0 => Ok(Value::None),
        n if n == libc::ETIMEDOUT.wrapping_neg() => Err(timed_out()),
        n => Err(errno_err(n)),
    }
}

fn connect_ex(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "connect_ex")?;
    a.expect("connect_ex", 2, 2)?;
    let addr = parse_addr(vm, s.family, &a.pos[1], "connect_ex")?;
    match do_connect(vm, s, &addr)? {
        n if n == libc::ETIMEDOUT.wrapping_neg() => Ok(Value::Int(libc::EWOULDBLOCK as i64)),
        n => Ok(Value::Int(n as i64)),
    }
}

fn flags_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i32> {
    Ok(int_arg(vm, v, 0)? as i32)
}

fn send(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "send")?;
    a.expect("send", 2, 3)?;
    let data = need_bytes(vm, &a.pos[1])?;
    let flags = flags_arg(vm, a.pos.get(2))?;
    let n = sock_call(vm, s, "socket.send", Ready::Write, |k| {
        if flags == 0 {
            (&*k).write(&data)
        } else {
            k.send_with_flags(&data, flags)
        }
    })?;
    Ok(Value::Int(n as i64))
}

fn sendall(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "sendall")?;
    a.expect("sendall", 2, 3)?;
    let data = need_bytes(vm, &a.pos[1])?;
    let mut off = 0;
    while off < data.len() {
        let n = sock_call(vm, s, "socket.sendall", Ready::Write, |k| {
            (&*k).write(&data[off..])
        })?;
        off += n;
    }
    Ok(Value::None)
}

fn sendto(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "sendto")?;
    a.expect("sendto", 3, 4)?;
    let data = need_bytes(vm, &a.pos[1])?;
    let addr_v = a.pos.last().cloned().unwrap_or(Value::None);
    let addr = parse_addr(vm, s.family, &addr_v, "sendto")?;
    let n = sock_call(vm, s, "socket.sendto", Ready::Write, |k| {
        k.send_to(&data, &addr)
    })?;
    Ok(Value::Int(n as i64))
}

fn bufsize(vm: &mut Vm, v: &Value, meth: &str) -> PyResult<usize> {
    let n = vm.to_index(v)?;
    if n < 0 {
        return Err(PyErr::value_error(format!("negative buffersize in {meth}")));
    }
    Ok(n as usize)
}

fn recv_some(vm: &mut Vm, s: &SockObj, n: usize, flags: i32) -> PyResult<Vec<u8>> {
    let mut buf = vec![0u8; n];
    let got = sock_call(vm, s, "socket.recv", Ready::Read, |k| {
        if flags == 0 {
            (&*k).read(&mut buf)
        } else {
            let f = nix::sys::socket::MsgFlags::from_bits_truncate(flags);
            nix::sys::socket::recv(k.as_raw_fd(), &mut buf, f).map_err(std::io::Error::from)
        }
    })?;
    buf.truncate(got);
    Ok(buf)
}

fn recv(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "recv")?;
    a.expect("recv", 2, 3)?;
    let n = bufsize(vm, &a.pos[1], "recv")?;
    let flags = flags_arg(vm, a.pos.get(2))?;
    Ok(Value::bytes(recv_some(vm, s, n, flags)?))
}

fn recv_into(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "recv_into")?;
    a.only_kw("recv_into", &["buffer", "nbytes", "flags"])?;
    let target = a
        .arg(1, "buffer")
        .ok_or_else(|| PyErr::type_error("recv_into() missing required argument 'buffer' (pos 1)"))?
        .clone();
    let room = vm.len(&target)?;
    let want = match a.arg(2, "nbytes") {
        None => room,
        Some(v) => match bufsize(vm, v, "recv_into")? {
            0 => room,
            n if n > room => {
                return Err(PyErr::value_error("buffer too small for requested bytes"))
            }
            n => n,
        },
    };
    let flags = flags_arg(vm, a.arg(3, "flags"))?;
    let data = recv_some(vm, s, want, flags)?;
    let n = data.len();
    let slice = Value::Slice(Ref::new(crate::vm::object::SliceObj {
        start: Value::Int(0),
        stop: Value::Int(n as i64),
        step: Value::None,
    }));
    vm.setitem(&target, slice, Value::bytes(data))?;
    Ok(Value::Int(n as i64))
}

fn recvfrom(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "recvfrom")?;
    a.expect("recvfrom", 2, 3)?;
    let n = bufsize(vm, &a.pos[1], "recvfrom")?;
    let mut buf = vec![0u8; n];
    let (got, from) = sock_call(vm, s, "socket.recvfrom", Ready::Read, |k| {
        nix::sys::socket::recvfrom::<nix::sys::socket::SockaddrStorage>(k.as_raw_fd(), &mut buf)
            .map_err(std::io::Error::from)
    })?;
    buf.truncate(got);
    let addr = match from {
        Some(st) => {
            if let Some(v4) = st.as_sockaddr_in() {
                Value::tuple(vec![
                    Value::string(v4.ip().to_string()),
                    Value::Int(v4.port() as i64),
                ])
            } else if let Some(v6) = st.as_sockaddr_in6() {
                Value::tuple(vec![
                    Value::string(v6.ip().to_string()),
                    Value::Int(v6.port() as i64),
                    Value::Int(v6.flowinfo() as i64),
                    Value::Int(v6.scope_id() as i64),
                ])
            } else if let Some(u) = st.as_unix_addr() {
                u.path()
                    .map(|p| Value::string(p.to_string_lossy().into_owned()))
                    .unwrap_or(Value::None)
            } else {
                Value::None
            }
        }
        None => Value::None,
    };
    Ok(Value::tuple(vec![Value::bytes(buf), addr]))
}

fn shutdown(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "shutdown")?;
    a.expect("shutdown", 2, 2)?;
    let how = match vm.to_index(&a.pos[1])? {
        0 => std::net::Shutdown::Read,
        1 => std::net::Shutdown::Write,
        2 => std::net::Shutdown::Both,
        _ => return Err(errno_err(libc::EINVAL)),
    };
    handle(s)?.shutdown(how).map_err(|e| io_err(&e))?;
    Ok(Value::None)
}

fn close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    close_sock(this(vm, &a, "close")?);
    Ok(Value::None)
}

/// CPython's socket.close(): the descriptor closes now unless a makefile() file
/// still uses it, then when the last such file closes.
fn close_sock(s: &SockObj) {
    s.closing.set(true);
    if s.io_refs.get() <= 0 {
        s.sock.set(None);
    }
}

/// makefile() made a file over this socket.
fn io_ref(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "_io_ref")?;
    s.io_refs.set(s.io_refs.get() + 1);
    Ok(Value::None)
}

/// A makefile() file closed (CPython's `_decref_socketios`).
fn decref_socketios(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "_decref_socketios")?;
    if s.io_refs.get() > 0 {
        s.io_refs.set(s.io_refs.get() - 1);
    }
    if s.closing.get() {
        close_sock(s);
    }
    Ok(Value::None)
}

fn detach(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "detach")?;
    let Some(sock) = s.sock.get_clone() else {
        return Ok(Value::Int(-1));
    };
    s.sock.set(None);
    let fd = match Arc::try_unwrap(sock) {
        Ok(sock) => {
            use std::os::fd::IntoRawFd;
            sock.into_raw_fd()
        }
        Err(sock) => sock.as_raw_fd(),
    };
    Ok(Value::Int(fd as i64))
}

fn setsockopt(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "setsockopt")?;
    a.expect("setsockopt", 4, 4)?;
    let level = vm.to_index(&a.pos[1])? as i32;
    let opt = vm.to_index(&a.pos[2])? as i32;
    let value = match &a.pos[3] {
        Value::Int(_) | Value::Bool(_) => vm.to_index(&a.pos[3])?,
        v => {
            return Err(PyErr::not_implemented(format!(
                "setsockopt() with a {} value is not supported by gilvm (ints only)",
                vm.type_name(v)
            )))
        }
    };
    let sock = handle(s)?;
    let on = value != 0;
    let r = match (level, opt) {
        (libc::SOL_SOCKET, libc::SO_REUSEADDR) => sock.set_reuse_address(on),
        (libc::SOL_SOCKET, libc::SO_REUSEPORT) => sock.set_reuse_port(on),
        (libc::SOL_SOCKET, libc::SO_KEEPALIVE) => sock.set_keepalive(on),
        (libc::SOL_SOCKET, libc::SO_BROADCAST) => sock.set_broadcast(on),
        (libc::SOL_SOCKET, libc::SO_RCVBUF) => sock.set_recv_buffer_size(value as usize),
        (libc::SOL_SOCKET, libc::SO_SNDBUF) => sock.set_send_buffer_size(value as usize),
        (libc::IPPROTO_TCP, libc::TCP_NODELAY) => sock.set_nodelay(on),
        (libc::IPPROTO_IPV6, libc::IPV6_V6ONLY) => sock.set_only_v6(on),
        _ => Err(std::io::Error::from_raw_os_error(libc::ENOPROTOOPT)),
    };
    r.map_err(|e| io_err(&e))?;
    Ok(Value::None)
}

fn getsockopt(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "getsockopt")?;
    a.expect("getsockopt", 3, 4)?;
    let level = vm.to_index(&a.pos[1])? as i32;
    let opt = vm.to_index(&a.pos[2])? as i32;
    let sock = handle(s)?;
    let b = |r: std::io::Result<bool>| r.map(|x| x as i64);
    let r = match (level, opt) {
        (libc::SOL_SOCKET, libc::SO_REUSEADDR) => b(sock.reuse_address()),
        (libc::SOL_SOCKET, libc::SO_REUSEPORT) => b(sock.reuse_port()),
        (libc::SOL_SOCKET, libc::SO_KEEPALIVE) => b(sock.keepalive()),
        (libc::SOL_SOCKET, libc::SO_BROADCAST) => b(sock.broadcast()),
        (libc::SOL_SOCKET, libc::SO_RCVBUF) => sock.recv_buffer_size().map(|x| x as i64),
        (libc::SOL_SOCKET, libc::SO_SNDBUF) => sock.send_buffer_size().map(|x| x as i64),
        (libc::SOL_SOCKET, libc::SO_TYPE) => Ok(s.kind),
        (libc::SOL_SOCKET, libc::SO_ERROR) => sock
            .take_error()
            .map(|e| e.and_then(|e| e.raw_os_error()).unwrap_or(0) as i64),
        (libc::IPPROTO_TCP, libc::TCP_NODELAY) => b(sock.nodelay()),
        (libc::IPPROTO_IPV6, libc::IPV6_V6ONLY) => b(sock.only_v6()),
        _ => Err(std::io::Error::from_raw_os_error(libc::ENOPROTOOPT)),
    };
    Ok(Value::Int(r.map_err(|e| io_err(&e))?))
}

fn timeout_arg(vm: &mut Vm, v: &Value) -> PyResult<Option<f64>> {
    let t = match v {
        Value::None => return Ok(None),
        Value::Int(i) => *i as f64,
        Value::Bool(b) => *b as i64 as f64,
        Value::Float(f) => *f,
        _ => {
            return Err(PyErr::type_error(format!(
                "'{}' object cannot be interpreted as an integer or float",
                vm.type_name(v)
            )))
        }
    };
    if t.is_nan() {
        return Err(PyErr::value_error("Invalid value NaN (not a number)"));
    }
    if t < 0.0 {
        return Err(PyErr::value_error("Timeout value out of range"));
    }
    Ok(Some(t))
}

fn settimeout(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "settimeout")?;
    a.expect("settimeout", 2, 2)?;
    let t = timeout_arg(vm, &a.pos[1])?;
    s.timeout.set(t);
    Ok(Value::None)
}

fn gettimeout(vm: &mut Vm, a: Args) -> PyResult<Value> {
    Ok(timeout_value(this(vm, &a, "gettimeout")?.timeout.get()))
}

fn setblocking(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "setblocking")?;
    a.expect("setblocking", 2, 2)?;
    let on = vm.truthy(&a.pos[1])?;
    s.timeout.set(if on { None } else { Some(0.0) });
    Ok(Value::None)
}

fn getblocking(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "getblocking")?;
    Ok(Value::Bool(s.timeout.get() != Some(0.0)))
}

fn getsockname(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "getsockname")?;
    let addr = handle(s)?.local_addr().map_err(|e| io_err(&e))?;
    Ok(addr_value(&addr))
}

fn getpeername(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "getpeername")?;
    let addr = handle(s)?.peer_addr().map_err(|e| io_err(&e))?;
    Ok(addr_value(&addr))
}

fn fileno(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "fileno")?;
    Ok(Value::Int(
        s.sock
            .get_clone()
            .map(|k| k.as_raw_fd() as i64)
            .unwrap_or(-1),
    ))
}

fn enter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this(vm, &a, "__enter__")?;
    Ok(a.pos[0].clone())
}

fn exit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    close_sock(this(vm, &a, "__exit__")?);
    Ok(Value::None)
}

/// `makefile(mode='r', buffering=None, *, encoding, errors, newline)`: socket.py's
/// `_makefile` builds the SocketIO and io wrappers, as CPython's socket.py does.
fn makefile(vm: &mut Vm, a: Args) -> PyResult<Value> {
    this(vm, &a, "makefile")?;
    let m = vm.import("socket")?;
    let f = vm.getattr_str(&m, "_makefile")?;
    vm.call(&f, a.pos, a.kw)
}

fn dup(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let s = this(vm, &a, "dup")?;
    let sock = handle(s)?.try_clone().map_err(|e| io_err(&e))?;
    new_sock(sock, s.family, s.kind, s.proto, s.timeout.get())
}

// ----- module functions -----------------------------------------------------------------

fn socketpair(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let family = int_arg(vm, a.arg(0, "family"), AF_UNIX)?;
    let kind = int_arg(vm, a.arg(1, "type"), SOCK_STREAM)?;
    let proto = int_arg(vm, a.arg(2, "proto"), 0)?;
    let (x, y) = Socket::pair(
        Domain::from(family as i32),
        Type::from(kind as i32),
        (proto != 0).then(|| Protocol::from(proto as i32)),
    )
    .map_err(|e| io_err(&e))?;
    let t = default_timeout();
    Ok(Value::tuple(vec![
        new_sock(x, family, kind, proto, t)?,
        new_sock(y, family, kind, proto, t)?,
    ]))
}

/// `getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)`: numeric hosts and
/// names through the system resolver (GIL released); one entry per address and socket
/// type, as CPython lists them.
fn getaddrinfo(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw(
        "getaddrinfo",
        &["host", "port", "family", "type", "proto", "flags"],
    )?;
    let host = match a.arg(0, "host") {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => Some(s.as_str().to_string()),
        Some(v) => match bytes_like(v) {
            Some(b) => Some(String::from_utf8_lossy(&b).into_owned()),
            None => {
                return Err(PyErr::type_error(format!(
                    "getaddrinfo() argument 1 must be string or None, not {}",
                    vm.type_name(v)
                )))
            }
        },
    };
    let port: u16 = match a.arg(1, "port") {
        None | Some(Value::None) => 0,
        Some(Value::Int(p)) if (0..=65535).contains(p) => *p as u16,
        Some(Value::Str(s)) => s
            .as_str()
            .parse()
            .map_err(|_| gai_error(libc::EAI_SERVICE, "Servname not supported for ai_socktype"))?,
        Some(_) => {
            return Err(PyErr::overflow_error(
                "getaddrinfo(): port must be 0-65535.",
            ))
        }
    };
    let family = int_arg(vm, a.arg(2, "family"), 0)?;
    let kind = int_arg(vm, a.arg(3, "type"), 0)?;
    let proto = int_arg(vm, a.arg(4, "proto"), 0)?;
    let flags = int_arg(vm, a.arg(5, "flags"), 0)?;
    let ips: Vec<IpAddr> = match host.as_deref() {
        None | Some("") => {
            let passive = flags & libc::AI_PASSIVE as i64 != 0;
            let mut v = vec![];
            if family != AF_INET {
                v.push(
                    if passive {
                        Ipv6Addr::UNSPECIFIED
                    } else {
                        Ipv6Addr::LOCALHOST
                    }
                    .into(),
                );
            }
            if family != AF_INET6 {
                v.push(
                    if passive {
                        Ipv4Addr::UNSPECIFIED
                    } else {
                        Ipv4Addr::LOCALHOST
                    }
                    .into(),
                );
            }
            v
        }
        Some(h) => match h.parse::<IpAddr>() {
            Ok(ip) => vec![ip],
            Err(_) => {
                let r = vm.blocking("socket.getaddrinfo", h, lookup_host);
                let mut ips: Vec<IpAddr> = r
                    .map_err(|_| gai_error(libc::EAI_NONAME, "Name or service not known"))?
                    .into_iter()
                    .map(|a| a.ip())
                    .collect();
                ips.dedup();
                ips
            }
        },
    };
    let kinds: Vec<(i64, i64)> = match kind {
        0 => vec![
            (SOCK_STREAM, libc::IPPROTO_TCP as i64),
            (SOCK_DGRAM, libc::IPPROTO_UDP as i64),
            (libc::SOCK_RAW as i64, 0),
        ],
        k if k == SOCK_STREAM => vec![(k, libc::IPPROTO_TCP as i64)],
        k if k == SOCK_DGRAM => vec![(k, libc::IPPROTO_UDP as i64)],
        k => vec![(k, proto)],
    };
    let mut out = vec![];
    for ip in ips {
        let fam = if ip.is_ipv6() { AF_INET6 } else { AF_INET };
        if family != 0 && family != fam {
            continue;
        }
        for &(k, p) in &kinds {
            let p = if proto != 0 { proto } else { p };
            let addr = addr_value(&SockAddr::from(SocketAddr::new(ip, port)));
            out.push(Value::tuple(vec![
                Value::Int(fam),
                Value::Int(k),
                Value::Int(p),
                Value::str(""),
                addr,
            ]));
        }
    }
    if out.is_empty() {
        return Err(gai_error(
            -9, // glibc EAI_ADDRFAMILY (not in libc for this target)
            "Address family for hostname not supported",
        ));
    }
    Ok(Value::list(out))
}

fn gethostbyname(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("gethostbyname", 1, 1)?;
    let host = match &a.pos[0] {
        Value::Str(s) => s.as_str().to_string(),
        v => {
            return Err(PyErr::type_error(format!(
                "gethostbyname() argument 1 must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    Ok(Value::string(resolve(vm, &host, AF_INET)?.to_string()))
}

fn gethostname(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    let name = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "localhost".to_string());
    Ok(Value::string(name))
}

fn getdefaulttimeout(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    Ok(timeout_value(default_timeout()))
}

fn setdefaulttimeout(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("setdefaulttimeout", 1, 1)?;
    let t = timeout_arg(vm, &a.pos[0])?;
    DEFAULT_TIMEOUT.store(t.map(f64::to_bits).unwrap_or(u64::MAX), Ordering::Relaxed);
    Ok(Value::None)
}

fn htons(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("htons", 1, 1)?;
    let x = vm.to_index(&a.pos[0])?;
    if !(0..=0xffff).contains(&x) {
        return Err(PyErr::overflow_error(
            "htons: Python int too large to convert to C 16-bit unsigned integer",
        ));
    }
    Ok(Value::Int((x as u16).swap_bytes() as i64))
}

fn htonl(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("htonl", 1, 1)?;
    let x = vm.to_index(&a.pos[0])?;
    if !(0..=0xffff_ffff).contains(&x) {
        return Err(PyErr::overflow_error("int larger than 32 bits"));
    }
    Ok(Value::Int((x as u32).swap_bytes() as i64))
}

fn inet_aton(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("inet_aton", 1, 1)?;
    let s = match &a.pos[0] {
        Value::Str(s) => s.as_str().to_string(),
        v => {
            return Err(PyErr::type_error(format!(
                "inet_aton() argument 1 must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    let ip: Ipv4Addr = s.parse().map_err(|_| {
        PyErr::new(
            &types().os_error,
            "illegal IP address string passed to inet_aton",
        )
    })?;
    Ok(Value::bytes(ip.octets().to_vec()))
}

fn inet_ntoa(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("inet_ntoa", 1, 1)?;
    let b = need_bytes(vm, &a.pos[0])?;
    let Ok(o) = <[u8; 4]>::try_from(b.as_slice()) else {
        return Err(PyErr::new(
            &types().os_error,
            "packed IP wrong length for inet_ntoa",
        ));
    };
    Ok(Value::string(Ipv4Addr::from(o).to_string()))
}
