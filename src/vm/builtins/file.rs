//! `open()` and file objects: text (UTF-8) and binary (`b`: bytes in and out), modes
//! r/w/a/x with optional `+`; buffered reads and writes, seek/tell, line iteration
//! and `with` support. All OS I/O goes through
//! `Vm::blocking` so the GIL can be released around it.

use super::exceptions::os_error_from_io;
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::*;
use crate::vm::refcount::Ref;
use crate::vm::types::{self, types};
use crate::vm::value::Value;
use crate::vm::Vm;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::{Arc, OnceLock};

const CHUNK: usize = 64 * 1024;

#[derive(Debug)]
pub struct FileObj {
    pub name: String,
    pub mode: String,
    readable: bool,
    writable: bool,
    binary: bool,
    state: ObjCell<FileState>,
}

#[derive(Debug)]
struct FileState {
    file: Option<Arc<File>>,
    /// Bytes read from the OS but not yet handed to Python.
    rbuf: Vec<u8>,
    rpos: usize,
    eof: bool,
    /// Bytes written by Python but not yet passed to the OS.
    wbuf: Vec<u8>,
}

impl FileObj {
    /// CPython's class for the mode: binary files are buffered byte streams.
    fn class_name(&self) -> &'static str {
        match (self.binary, self.readable, self.writable) {
            (false, _, _) => "TextIOWrapper",
            (true, true, true) => "BufferedRandom",
            (true, true, false) => "BufferedReader",
            (true, _, _) => "BufferedWriter",
        }
    }
}

impl NativeObject for FileObj {
    fn class(&self) -> Ref<Class> {
        static CLASSES: [OnceLock<Ref<Class>>; 4] = [const { OnceLock::new() }; 4];
        let name = self.class_name();
        let i = [
            "TextIOWrapper",
            "BufferedRandom",
            "BufferedReader",
            "BufferedWriter",
        ]
        .iter()
        .position(|n| *n == name)
        .unwrap_or(0);
        make_class(&CLASSES[i], name)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self) -> Option<String> {
        if self.binary {
            return Some(format!(
                "<_io.{} name={}>",
                self.class_name(),
                crate::vm::strops::str_repr(&self.name)
            ));
        }
        Some(format!(
            "<_io.TextIOWrapper name={} mode={} encoding='UTF-8'>",
            crate::vm::strops::str_repr(&self.name),
            crate::vm::strops::str_repr(&self.mode)
        ))
    }
}

fn make_class(cell: &'static OnceLock<Ref<Class>>, name: &str) -> Ref<Class> {
    cell.get_or_init(|| {
        let c = types::new_class(name, Some(&types().object), ClassKind::Builtin);
        c.slots
            .getattr
            .set(Some(crate::vm::modules::native_getattr_slot));
        types::install(
            &c,
            &[
                ("read", read),
                ("readline", readline),
                ("readlines", readlines),
                ("write", write),
                ("writelines", writelines),
                ("flush", flush),
                ("close", close),
                ("readable", readable),
                ("writable", writable),
                ("seekable", seekable),
                ("seek", seek),
                ("tell", tell),
                ("fileno", fileno),
                ("__enter__", enter),
                ("__exit__", exit),
                ("__iter__", enter),
                ("__next__", next),
            ],
        );
        crate::vm::value::shared_class(c)
    })
    .clone()
}

/// `closed`, `name` and `mode` (called from `modules::native_getattr`).
pub fn getattr(obj: &Value, name: &str) -> Option<Value> {
    let f = as_file(obj)?;
    match name {
        "name" => Some(Value::str(&f.name)),
        "mode" => Some(Value::str(&f.mode)),
        "closed" => Some(Value::Bool(f.state.lock().file.is_none())),
        "encoding" if !f.binary => Some(Value::str("UTF-8")),
        _ => None,
    }
}

fn as_file(v: &Value) -> Option<&FileObj> {
    match v {
        Value::Native(n) => n.obj.as_any().downcast_ref::<FileObj>(),
        _ => None,
    }
}

pub fn open(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.only_kw(
        "open",
        &["file", "mode", "encoding", "errors", "newline", "buffering"],
    )?;
    let path = match a.arg(0, "file") {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                vm.type_name(v)
            )))
        }
        None => {
            return Err(PyErr::type_error(
                "open() missing required argument 'file' (pos 1)",
            ))
        }
    };
    let mode = match a.arg(1, "mode") {
        None => "r".to_string(),
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "open() argument 'mode' must be str, not {}",
                vm.type_name(v)
            )))
        }
    };
    match a.arg(2, "encoding") {
        None | Some(Value::None) => {}
        Some(Value::Str(e)) => {
            let e = e.as_str().to_ascii_lowercase().replace('_', "-");
            if !matches!(e.as_str(), "utf-8" | "utf8" | "ascii" | "us-ascii") {
                return Err(PyErr::value_error(format!(
                    "gilvm only supports UTF-8 files, not encoding '{e}'"
                )));
            }
        }
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "open() argument 'encoding' must be str or None, not {}",
                vm.type_name(v)
            )))
        }
    }
    let binary = mode.contains('b');
    if binary && mode.contains('t') {
        return Err(PyErr::value_error(
            "can't have text and binary mode at once",
        ));
    }
    if binary && !matches!(a.arg(2, "encoding"), None | Some(Value::None)) {
        return Err(PyErr::value_error(
            "binary mode doesn't take an encoding argument",
        ));
    }
    let base: String = mode.chars().filter(|c| *c != 't' && *c != 'b').collect();
    let plus = base.contains('+');
    let kind = base.replace('+', "");
    let mut opts = OpenOptions::new();
    let (readable, writable) = match kind.as_str() {
        "r" => {
            opts.read(true).write(plus);
            (true, plus)
        }
        "w" => {
            opts.write(true).create(true).truncate(true).read(plus);
            (plus, true)
        }
        "a" => {
            opts.append(true).create(true).read(plus);
            (plus, true)
        }
        "x" => {
            opts.write(true).create_new(true).read(plus);
            (plus, true)
        }
        _ => return Err(PyErr::value_error(format!("invalid mode: '{mode}'"))),
    };
    let file = vm
        .blocking("open", (&opts, path.as_str()), |(opts, path)| {
            opts.open(path)
        })
        .map_err(|e| os_error_from_io(&e, Some(&path)))?;
    if vm
        .blocking("open", &file, |f| f.metadata().map(|m| m.is_dir()))
        .unwrap_or(false)
    {
        // Linux opens a directory for reading; CPython refuses it as EISDIR.
        return Err(os_error_from_io(
            &std::io::Error::from_raw_os_error(libc::EISDIR),
            Some(&path),
        ));
    }
    Ok(Value::Native(Ref::new(Native {
        obj: Box::new(FileObj {
            name: path,
            mode,
            readable,
            writable,
            binary,
            state: ObjCell::new(FileState {
                file: Some(Arc::new(file)),
                rbuf: Vec::new(),
                rpos: 0,
                eof: false,
                wbuf: Vec::new(),
            }),
        }),
    })))
}

fn self_file<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a FileObj> {
    let v = a
        .pos
        .first()
        .ok_or_else(|| PyErr::type_error(format!("unbound method {meth}() needs an argument")))?;
    as_file(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{meth}' for '_io.TextIOWrapper' objects doesn't apply to a '{}' object",
            vm.type_name(v)
        ))
    })
}

fn closed_err() -> PyErr {
    PyErr::value_error("I/O operation on closed file.")
}

fn io_err(e: std::io::Error) -> PyErr {
    os_error_from_io(&e, None)
}

/// The open file handle, or the closed-file error. The handle is shared so that I/O
/// runs without holding the state lock (another thread may run while we block).
fn handle(f: &FileObj) -> PyResult<Arc<File>> {
    f.state.lock().file.clone().ok_or_else(closed_err)
}

/// Pushes buffered writes to the OS.
fn flush_writes(vm: &mut Vm, f: &FileObj) -> PyResult<()> {
    let (file, data) = {
        let mut st = f.state.lock();
        if st.wbuf.is_empty() {
            return Ok(());
        }
        let file = st.file.clone().ok_or_else(closed_err)?;
        (file, std::mem::take(&mut st.wbuf))
    };
    vm.blocking("file.write", (&*file, &data[..]), |(mut f, d)| {
        f.write_all(d)
    })
    .map_err(io_err)
}

/// Before writing to a file opened for both reading and writing, the OS position
/// must move back over bytes read ahead but not consumed.
fn drop_read_ahead(vm: &mut Vm, f: &FileObj) -> PyResult<()> {
    let (file, unread) = {
        let mut st = f.state.lock();
        let unread = st.rbuf.len() - st.rpos;
        st.rbuf.clear();
        st.rpos = 0;
        st.eof = false;
        (st.file.clone().ok_or_else(closed_err)?, unread)
    };
    if unread > 0 {
        vm.blocking("file.seek", (&*file, unread), |(mut f, unread)| {
            f.seek(SeekFrom::Current(-(unread as i64)))
        })
        .map_err(io_err)?;
    }
    Ok(())
}

/// Reads one more chunk into the read buffer; false at end of file.
fn fill(vm: &mut Vm, f: &FileObj) -> PyResult<bool> {
    if f.state.lock().eof {
        return Ok(false);
    }
    flush_writes(vm, f)?;
    let file = handle(f)?;
    let mut chunk = vec![0u8; CHUNK];
    let n = vm
        .blocking("file.read", (&*file, &mut chunk[..]), |(mut f, buf)| {
            f.read(buf)
        })
        .map_err(io_err)?;
    let mut st = f.state.lock();
    if st.rpos > 0 {
        let consumed = st.rpos;
        st.rbuf.drain(..consumed);
        st.rpos = 0;
    }
    if n == 0 {
        st.eof = true;
        return Ok(false);
    }
    st.rbuf.extend_from_slice(&chunk[..n]);
    Ok(true)
}

fn decode(bytes: Vec<u8>) -> PyResult<String> {
    let s = String::from_utf8(bytes).map_err(|e| {
        PyErr::value_error(format!(
            "'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
            e.as_bytes()
                .get(e.utf8_error().valid_up_to())
                .copied()
                .unwrap_or(0),
            e.utf8_error().valid_up_to()
        ))
    })?;
    // Universal newlines, as text mode does by default.
    Ok(if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s
    })
}

fn check_readable(vm: &mut Vm, f: &FileObj) -> PyResult<()> {
    if f.state.lock().file.is_none() {
        if f.binary {
            return Err(PyErr::value_error("read of closed file"));
        }
        return Err(closed_err());
    }
    if !f.readable {
        return Err(unsupported_operation(
            vm,
            if f.binary { "read" } else { "not readable" },
        ));
    }
    Ok(())
}

fn read(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "read")?;
    a.expect("read", 1, 2)?;
    let limit = match a.pos.get(1) {
        None | Some(Value::None) => -1,
        Some(v) => vm.to_index(v)?,
    };
    check_readable(vm, f)?;
    if limit < 0 {
        while fill(vm, f)? {}
        let mut st = f.state.lock();
        let start = st.rpos;
        let bytes = st.rbuf.split_off(start);
        st.rbuf.clear();
        st.rpos = 0;
        drop(st);
        if f.binary {
            return Ok(Value::bytes(bytes));
        }
        return Ok(Value::string(decode(bytes)?));
    }
    if f.binary {
        let want = limit as usize;
        loop {
            let have = {
                let st = f.state.lock();
                st.rbuf.len() - st.rpos
            };
            if have >= want || !fill(vm, f)? {
                let mut st = f.state.lock();
                let start = st.rpos;
                let n = want.min(st.rbuf.len() - start);
                let bytes = st.rbuf[start..start + n].to_vec();
                st.rpos += n;
                return Ok(Value::bytes(bytes));
            }
        }
    }
    // `n` characters: keep reading until the buffer holds that many complete ones.
    let want = limit as usize;
    loop {
        let enough = {
            let st = f.state.lock();
            count_chars(&st.rbuf[st.rpos..], want).0 >= want
        };
        if enough || !fill(vm, f)? {
            let mut st = f.state.lock();
            let start = st.rpos;
            let (_, end) = count_chars(&st.rbuf[start..], want);
            let end = if enough { end } else { st.rbuf.len() - start };
            let bytes = st.rbuf[start..start + end].to_vec();
            st.rpos += end;
            drop(st);
            return Ok(Value::string(decode(bytes)?));
        }
    }
}

/// How many complete UTF-8 characters (up to `want`) start `b`, and their byte length.
fn count_chars(b: &[u8], want: usize) -> (usize, usize) {
    let (mut n, mut i) = (0, 0);
    while n < want && i < b.len() {
        let w = match b[i] {
            x if x < 0x80 => 1,
            x if x >= 0xF0 => 4,
            x if x >= 0xE0 => 3,
            x if x >= 0xC0 => 2,
            _ => 1,
        };
        if i + w > b.len() {
            break;
        }
        i += w;
        n += 1;
    }
    (n, i)
}

/// One line including its newline (empty at end of file): a str, or bytes for a
/// binary file.
fn line_value(vm: &mut Vm, f: &FileObj) -> PyResult<Option<Value>> {
    let bytes = read_line_bytes(vm, f)?;
    if bytes.is_empty() {
        return Ok(None);
    }
    Ok(Some(if f.binary {
        Value::bytes(bytes)
    } else {
        Value::string(decode(bytes)?)
    }))
}

fn empty(f: &FileObj) -> Value {
    if f.binary {
        Value::bytes(vec![])
    } else {
        Value::str("")
    }
}

fn read_line_bytes(vm: &mut Vm, f: &FileObj) -> PyResult<Vec<u8>> {
    check_readable(vm, f)?;
    loop {
        {
            let mut st = f.state.lock();
            let start = st.rpos;
            if let Some(i) = st.rbuf[start..].iter().position(|&b| b == b'\n') {
                let bytes = st.rbuf[start..=start + i].to_vec();
                st.rpos += i + 1;
                drop(st);
                return Ok(bytes);
            }
        }
        if !fill(vm, f)? {
            let mut st = f.state.lock();
            let start = st.rpos;
            let bytes = st.rbuf[start..].to_vec();
            st.rpos = st.rbuf.len();
            drop(st);
            return Ok(bytes);
        }
    }
}

fn readline(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "readline")?;
    a.expect("readline", 1, 2)?;
    Ok(line_value(vm, f)?.unwrap_or_else(|| empty(f)))
}

fn readlines(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "readlines")?;
    a.expect("readlines", 1, 2)?;
    let mut out = vec![];
    while let Some(line) = line_value(vm, f)? {
        out.push(line);
    }
    Ok(Value::list(out))
}

fn next(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "__next__")?;
    match line_value(vm, f)? {
        Some(line) => Ok(line),
        None => Err(PyErr::stop_iteration(Value::None)),
    }
}

fn write_str(vm: &mut Vm, f: &FileObj, s: &str) -> PyResult<()> {
    write_bytes(vm, f, s.as_bytes())
}

fn write_bytes(vm: &mut Vm, f: &FileObj, s: &[u8]) -> PyResult<()> {
    let read_ahead = {
        let st = f.state.lock();
        if st.file.is_none() {
            return Err(closed_err());
        }
        st.rbuf.len() > st.rpos || st.eof
    };
    if !f.writable {
        return Err(unsupported_operation(
            vm,
            if f.binary { "write" } else { "not writable" },
        ));
    }
    if read_ahead {
        drop_read_ahead(vm, f)?;
    }
    let full = {
        let mut st = f.state.lock();
        st.wbuf.extend_from_slice(s);
        st.wbuf.len() >= CHUNK
    };
    if full {
        flush_writes(vm, f)?;
    }
    Ok(())
}

fn write(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "write")?;
    a.expect("write", 2, 2)?;
    if f.binary {
        let b = crate::vm::bytes::need_bytes(vm, &a.pos[1])?;
        write_bytes(vm, f, &b)?;
        return Ok(Value::Int(b.len() as i64));
    }
    match &a.pos[1] {
        Value::Str(s) => {
            write_str(vm, f, s.as_str())?;
            Ok(Value::Int(s.char_len() as i64))
        }
        v => Err(PyErr::type_error(format!(
            "write() argument must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn writelines(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "writelines")?;
    a.expect("writelines", 2, 2)?;
    let it = vm.iter(&a.pos[1])?;
    while let Some(line) = vm.next(&it)? {
        if f.binary {
            let b = crate::vm::bytes::need_bytes(vm, &line)?;
            write_bytes(vm, f, &b)?;
            continue;
        }
        match &line {
            Value::Str(s) => write_str(vm, f, s.as_str())?,
            v => {
                return Err(PyErr::type_error(format!(
                    "write() argument must be str, not {}",
                    vm.type_name(v)
                )))
            }
        }
    }
    Ok(Value::None)
}

fn flush(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "flush")?;
    handle(f)?;
    flush_writes(vm, f)?;
    Ok(Value::None)
}

fn close_file(vm: &mut Vm, f: &FileObj) -> PyResult<()> {
    if f.state.lock().file.is_none() {
        return Ok(());
    }
    let r = flush_writes(vm, f);
    let mut st = f.state.lock();
    st.file = None;
    st.rbuf = Vec::new();
    r
}

fn close(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "close")?;
    close_file(vm, f)?;
    Ok(Value::None)
}

fn readable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "readable")?;
    if f.state.lock().file.is_none() {
        return Err(closed_err());
    }
    Ok(Value::Bool(f.readable))
}

fn writable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "writable")?;
    if f.state.lock().file.is_none() {
        return Err(closed_err());
    }
    Ok(Value::Bool(f.writable))
}

/// `io.UnsupportedOperation` (defined by the io module, an OSError and a ValueError).
pub fn unsupported_operation(vm: &mut Vm, msg: &str) -> PyErr {
    let cls = vm
        .import_name("io", None, &Value::None, 0)
        .and_then(|m| vm.getattr_str(&m, "UnsupportedOperation"));
    match cls {
        Ok(Value::Class(c)) => PyErr::new(&c, msg),
        _ => PyErr::new(&types().os_error, msg),
    }
}

fn seekable(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "seekable")?;
    handle(f)?;
    Ok(Value::Bool(true))
}

fn fileno(vm: &mut Vm, a: Args) -> PyResult<Value> {
    use std::os::fd::AsRawFd;
    let f = self_file(vm, &a, "fileno")?;
    Ok(Value::Int(handle(f)?.as_raw_fd() as i64))
}

/// Where the next read or write happens: the OS position, less what was read ahead,
/// plus what is still buffered for writing.
fn position(vm: &mut Vm, f: &FileObj) -> PyResult<i64> {
    let file = handle(f)?;
    let (unread, pending) = {
        let st = f.state.lock();
        (st.rbuf.len() - st.rpos, st.wbuf.len())
    };
    let os = vm
        .blocking("file.tell", &*file, |mut f| f.stream_position())
        .map_err(io_err)?;
    Ok(os as i64 - unread as i64 + pending as i64)
}

fn tell(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "tell")?;
    Ok(Value::Int(position(vm, f)?))
}

fn seek(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "seek")?;
    a.expect("seek", 2, 3)?;
    let off = vm.to_index(&a.pos[1])?;
    let whence = match a.pos.get(2) {
        None => 0,
        Some(v) => vm.to_index(v)?,
    };
    if !f.binary && whence != 0 && off != 0 {
        let msg = if whence == 1 {
            "can't do nonzero cur-relative seeks"
        } else {
            "can't do nonzero end-relative seeks"
        };
        return Err(unsupported_operation(vm, msg));
    }
    let target = match whence {
        0 => {
            if off < 0 {
                return Err(PyErr::value_error(format!("negative seek position {off}")));
            }
            SeekFrom::Start(off as u64)
        }
        1 => SeekFrom::Start((position(vm, f)? + off).max(0) as u64),
        2 => SeekFrom::End(off),
        _ => {
            return Err(PyErr::value_error(format!(
                "whence value {whence} unsupported"
            )))
        }
    };
    flush_writes(vm, f)?;
    let file = handle(f)?;
    {
        let mut st = f.state.lock();
        st.rbuf.clear();
        st.rpos = 0;
        st.eof = false;
    }
    let pos = vm
        .blocking("file.seek", (&*file, target), |(mut f, target)| {
            f.seek(target)
        })
        .map_err(io_err)?;
    Ok(Value::Int(pos as i64))
}

fn enter(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "__enter__")?;
    if f.state.lock().file.is_none() {
        return Err(closed_err());
    }
    Ok(a.pos[0].clone())
}

fn exit(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let f = self_file(vm, &a, "__exit__")?;
    close_file(vm, f)?;
    Ok(Value::Bool(false))
}

impl Drop for FileState {
    /// Unflushed writes reach the file even if the program never closes it.
    fn drop(&mut self) {
        if let Some(file) = self.file.as_ref() {
            let _ = (&**file).write_all(&self.wbuf);
        }
    }
}
