//! The `hashlib` module in Rust: md5, sha1 and the SHA-2 family (RustCrypto's
//! `md-5`, `sha1`, `sha2`) behind CPython's hash-object API (`update digest hexdigest
//! copy name digest_size block_size`, `hashlib.new`).

use super::{add_functions, bind, native, native_class, this};
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, DictObj, NativeObject};
use crate::vm::refcount::Ref;
use crate::vm::value::Value;
use crate::vm::Vm;
use sha2::Digest;
use std::sync::OnceLock;

const NAMES: [&str; 6] = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512"];

pub fn fill(vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    add_functions(
        d,
        &[
            ("new", new),
            ("md5", md5),
            ("sha1", sha1),
            ("sha224", sha224),
            ("sha256", sha256),
            ("sha384", sha384),
            ("sha512", sha512),
        ],
    );
    let set = vm
        .interp
        .builtins
        .get_str(&crate::vm::value::PyStr::new("set"))
        .ok_or_else(|| PyErr::runtime_error("no builtins.set"))?;
    for attr in ["algorithms_guaranteed", "algorithms_available"] {
        let names = Value::list(NAMES.iter().map(|n| Value::str(n)).collect());
        let v = vm.call(&set, &[names], &[])?;
        d.set_str(attr, v);
    }
    Ok(())
}

#[derive(Clone)]
enum State {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl State {
    fn new(name: &str) -> Option<State> {
        Some(match name {
            "md5" => State::Md5(md5::Md5::new()),
            "sha1" => State::Sha1(sha1::Sha1::new()),
            "sha224" => State::Sha224(sha2::Sha224::new()),
            "sha256" => State::Sha256(sha2::Sha256::new()),
            "sha384" => State::Sha384(sha2::Sha384::new()),
            "sha512" => State::Sha512(sha2::Sha512::new()),
            _ => return None,
        })
    }

    fn update(&mut self, data: &[u8]) {
        match self {
            State::Md5(h) => h.update(data),
            State::Sha1(h) => h.update(data),
            State::Sha224(h) => h.update(data),
            State::Sha256(h) => h.update(data),
            State::Sha384(h) => h.update(data),
            State::Sha512(h) => h.update(data),
        }
    }

    /// The digest so far; the state itself goes on (a clone is finalised).
    fn digest(&self) -> Vec<u8> {
        match self.clone() {
            State::Md5(h) => h.finalize().to_vec(),
            State::Sha1(h) => h.finalize().to_vec(),
            State::Sha224(h) => h.finalize().to_vec(),
            State::Sha256(h) => h.finalize().to_vec(),
            State::Sha384(h) => h.finalize().to_vec(),
            State::Sha512(h) => h.finalize().to_vec(),
        }
    }

    fn name(&self) -> &'static str {
        match self {
            State::Md5(_) => "md5",
            State::Sha1(_) => "sha1",
            State::Sha224(_) => "sha224",
            State::Sha256(_) => "sha256",
            State::Sha384(_) => "sha384",
            State::Sha512(_) => "sha512",
        }
    }

    fn sizes(&self) -> (i64, i64) {
        match self {
            State::Md5(_) => (16, 64),
            State::Sha1(_) => (20, 64),
            State::Sha224(_) => (28, 64),
            State::Sha256(_) => (32, 64),
            State::Sha384(_) => (48, 128),
            State::Sha512(_) => (64, 128),
        }
    }
}

pub struct Hash {
    state: ObjCell<State>,
}

impl std::fmt::Debug for Hash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} _hashlib.HASH object>", self.state.lock().name())
    }
}

fn hash_class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    native_class(
        &C,
        "_hashlib",
        "HASH",
        &[
            ("update", update),
            ("digest", digest),
            ("hexdigest", hexdigest),
            ("copy", copy),
        ],
        &[],
    )
}

impl NativeObject for Hash {
    fn class(&self) -> Ref<Class> {
        hash_class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn traverse(&self, _visit: &mut dyn FnMut(&crate::vm::refcount::Header)) {}
    fn repr(&self) -> Option<String> {
        Some(format!(
            "<{} _hashlib.HASH object @ {:#x}>",
            self.state.lock().name(),
            self as *const Hash as usize
        ))
    }
    fn attr(&self, name: &str) -> Option<Value> {
        let st = self.state.lock();
        let (digest_size, block_size) = st.sizes();
        Some(match name {
            "name" => Value::str(st.name()),
            "digest_size" => Value::Int(digest_size),
            "block_size" => Value::Int(block_size),
            _ => return None,
        })
    }
}

/// The bytes to hash, with CPython's errors for str and non-buffers.
fn data_arg(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Value::Str(_) = v.payload() {
        return Err(PyErr::type_error("Strings must be encoded before hashing"));
    }
    crate::vm::bytes::bytes_like(v).ok_or_else(|| {
        let _ = vm;
        PyErr::type_error("object supporting the buffer API required")
    })
}

fn make(vm: &mut Vm, name: &str, data: Option<&Value>) -> PyResult<Value> {
    let mut st = State::new(name)
        .ok_or_else(|| PyErr::value_error(format!("unsupported hash type {name}")))?;
    if let Some(d) = data {
        st.update(&data_arg(vm, d)?);
    }
    Ok(native(Hash {
        state: ObjCell::new(st),
    }))
}

/// `md5(data=b'', *, usedforsecurity=True)` and the others (also `string=`).
fn constructor(vm: &mut Vm, a: Args, name: &str) -> PyResult<Value> {
    let mut pos = a.pos.to_vec();
    let mut kw = vec![];
    for (k, v) in a.kw {
        match k.as_str() {
            "usedforsecurity" => {}
            "string" | "data" => {
                if !pos.is_empty() {
                    return Err(PyErr::type_error(format!(
                        "argument for openssl_{name}() given by name ('{}') and position (1)",
                        k.as_str()
                    )));
                }
                pos.push(v.clone());
            }
            _ => kw.push((k.clone(), v.clone())),
        }
    }
    let args = Args { pos: &pos, kw: &kw };
    let fname = format!("openssl_{name}");
    let p = bind(&args, &fname, &["string"], 0, 0)?;
    make(vm, name, p[0])
}

fn md5(vm: &mut Vm, a: Args) -> PyResult<Value> {
    constructor(vm, a, "md5")
}
fn sha1(vm: &mut Vm, a: Args) -> PyResult<Value> {
    constructor(vm, a, "sha1")
}
fn sha224(vm: &mut Vm, a: Args) -> PyResult<Value> {
    constructor(vm, a, "sha224")
}
fn sha256(vm: &mut Vm, a: Args) -> PyResult<Value> {
    constructor(vm, a, "sha256")
}
fn sha384(vm: &mut Vm, a: Args) -> PyResult<Value> {
    constructor(vm, a, "sha384")
}
fn sha512(vm: &mut Vm, a: Args) -> PyResult<Value> {
    constructor(vm, a, "sha512")
}

fn new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let mut kw = vec![];
    let mut data = a.pos.get(1).cloned();
    let mut name = a.pos.first().cloned();
    for (k, v) in a.kw {
        match k.as_str() {
            "usedforsecurity" => {}
            "data" | "string" => data = Some(v.clone()),
            "name" => name = Some(v.clone()),
            _ => kw.push(k.as_str().to_string()),
        }
    }
    if let Some(k) = kw.first() {
        return Err(PyErr::type_error(format!(
            "new() got an unexpected keyword argument '{k}'"
        )));
    }
    if a.pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "new() takes from 1 to 2 positional arguments but {} were given",
            a.pos.len()
        )));
    }
    let name = match name {
        Some(Value::Str(s)) => s.as_str().to_lowercase(),
        Some(v) => {
            return Err(PyErr::type_error(format!(
                "new() argument 'name' must be str, not {}",
                vm.type_name(&v)
            )))
        }
        None => {
            return Err(PyErr::type_error(
                "__hash_new() missing 1 required positional argument: 'name'",
            ))
        }
    };
    // CPython accepts OpenSSL's spellings too.
    let name = match name.as_str() {
        "sha-1" => "sha1".to_string(),
        "sha-224" => "sha224".to_string(),
        "sha-256" => "sha256".to_string(),
        "sha-384" => "sha384".to_string(),
        "sha-512" => "sha512".to_string(),
        _ => name,
    };
    make(vm, &name, data.as_ref())
}

fn update(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.no_kw("update")?;
    a.expect("update", 2, 2)?;
    let h = this::<Hash>(vm, &a, "_hashlib.HASH", "update")?;
    let data = data_arg(vm, &a.pos[1])?;
    h.state.lock().update(&data);
    Ok(Value::None)
}

fn digest(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("digest", 1, 1)?;
    let h = this::<Hash>(vm, &a, "_hashlib.HASH", "digest")?;
    let d = h.state.lock().digest();
    Ok(Value::bytes(d))
}

fn hexdigest(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("hexdigest", 1, 1)?;
    let h = this::<Hash>(vm, &a, "_hashlib.HASH", "hexdigest")?;
    let d = h.state.lock().digest();
    let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
    Ok(Value::string(hex))
}

fn copy(vm: &mut Vm, a: Args) -> PyResult<Value> {
    a.expect("copy", 1, 1)?;
    let h = this::<Hash>(vm, &a, "_hashlib.HASH", "copy")?;
    let st = h.state.lock().clone();
    Ok(native(Hash {
        state: ObjCell::new(st),
    }))
}
