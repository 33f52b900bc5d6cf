//! `_random`, the Mersenne Twister under random.py, as CPython's C module: MT19937
//! seeded exactly as CPython seeds it (`init_by_array` over the 32-bit words of
//! abs(int); a str with its SHA-512 digest appended; the hash of anything else), so
//! a seeded program draws CPython's numbers. Also `_randbelow` in Rust, and the OS
//! entropy that `SystemRandom` and `seed(None)` use.

use super::{native, native_class, this};
use crate::vm::cell::ObjCell;
use crate::vm::errors::{PyErr, PyResult};
use crate::vm::object::{Args, Class, DictObj, NativeObject};
use crate::vm::refcount::Ref;
use crate::vm::value::Value;
use crate::vm::Vm;
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{Signed, ToPrimitive, Zero};
use sha2::{Digest, Sha512};
use std::sync::OnceLock;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// The MT19937 generator (Matsumoto and Nishimura), as CPython's _randommodule.c.
#[derive(Debug, Clone)]
pub struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    fn new() -> Mt {
        let mut mt = Mt {
            state: [0; N],
            index: N + 1,
        };
        mt.init_genrand(5489);
        mt
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        let len = key.len().max(1);
        for _ in 0..N.max(len) {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
            if j >= len {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.state[i - 1];
            self.state[i] = (self.state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.state[0] = self.state[N - 1];
                i = 1;
            }
        }
        // The most significant bit is 1: a non-zero initial state.
        self.state[0] = 0x8000_0000;
        self.index = N;
    }

    #[inline]
    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            let mag = |y: u32| if y & 1 == 1 { MATRIX_A } else { 0 };
            for k in 0..N - M {
                let y = (self.state[k] & UPPER_MASK) | (self.state[k + 1] & LOWER_MASK);
                self.state[k] = self.state[k + M] ^ (y >> 1) ^ mag(y);
            }
            for k in N - M..N - 1 {
                let y = (self.state[k] & UPPER_MASK) | (self.state[k + 1] & LOWER_MASK);
                self.state[k] = self.state[k + M - N] ^ (y >> 1) ^ mag(y);
            }
            let y = (self.state[N - 1] & UPPER_MASK) | (self.state[0] & LOWER_MASK);
            self.state[N - 1] = self.state[M - 1] ^ (y >> 1) ^ mag(y);
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A float in [0, 1) with 53 random bits, as CPython's `random_random`.
    #[inline]
    pub fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for k <= 64.
    #[inline]
    fn bits64(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => (self.next_u32() >> (32 - k)) as u64,
            _ => {
                let lo = self.next_u32() as u64;
                let hi = (self.next_u32() >> (64 - k)) as u64;
                lo | (hi << 32)
            }
        }
    }

    /// `getrandbits(k)`: 32-bit words, least significant first, the last one cut.
    fn bits(&mut self, k: u64) -> Value {
        if k <= 63 {
            return Value::Int(self.bits64(k as u32) as i64);
        }
        let words = ((k - 1) / 32 + 1) as usize;
        let mut digits = Vec::with_capacity(words);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            digits.push(r);
            left = left.saturating_sub(32);
        }
        Value::from_bigint(BigInt::from_biguint(
            Sign::Plus,
            BigUint::from_slice(&digits),
        ))
    }

    /// A uniform int in [0, n), by rejection on `n.bit_length()` random bits.
    fn below_u64(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.bits64(k);
            if r < n {
                return r;
            }
        }
    }

    fn seed_words(&mut self, n: &BigUint) {
        let mut key = n.to_u32_digits();
        if key.is_empty() {
            key.push(0);
        }
        self.init_by_array(&key);
    }

    fn seed_urandom(&mut self) {
        let mut buf = vec![0u8; N * 4];
        if !os_entropy(&mut buf) {
            // No entropy source: the time and the process id, as CPython's fallback.
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default();
            let key = [
                t.as_secs() as u32,
                (t.as_secs() >> 32) as u32,
                t.subsec_nanos(),
                std::process::id(),
            ];
            self.init_by_array(&key);
            return;
        }
        let key: Vec<u32> = buf
            .chunks(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        self.init_by_array(&key);
    }
}

/// Fills `buf` from the OS (`/dev/urandom`); false if there is no such source.
pub fn os_entropy(buf: &mut [u8]) -> bool {
    use std::io::Read;
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(buf))
        .is_ok()
}

#[derive(Debug)]
pub struct Generator {
    mt: ObjCell<Box<Mt>>,
}

fn class() -> Ref<Class> {
    static C: OnceLock<Ref<Class>> = OnceLock::new();
    native_class(
        &C,
        "_random",
        "Random",
        &[
            ("__new__", new),
            ("seed", seed),
            ("random", random),
            ("getrandbits", getrandbits),
            ("getstate", getstate),
            ("setstate", setstate),
            ("_randbelow", randbelow),
        ],
        &[],
    )
}

impl NativeObject for Generator {
    fn class(&self) -> Ref<Class> {
        class()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn gen<'a>(vm: &Vm, a: &Args<'a>, meth: &str) -> PyResult<&'a Generator> {
    this::<Generator>(vm, a, "_random.Random", meth)
}

/// `_random.Random(seed=None)`.
fn new(vm: &mut Vm, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() {
        return Err(PyErr::type_error("Random() takes no keyword arguments"));
    }
    if a.pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "Random() expected at most 1 argument, got {}",
            a.pos.len() - 1
        )));
    }
    let mut mt = Box::new(Mt::new());
    seed_with(vm, &mut mt, a.pos.get(1).unwrap_or(&Value::None))?;
    Ok(native(Generator {
        mt: ObjCell::new(mt),
    }))
}

/// What CPython's `random_seed` does with the seed (and random.py's version 2 with a
/// str: the UTF-8 bytes followed by their SHA-512 digest, read as a big-endian int).
fn seed_with(vm: &mut Vm, mt: &mut Mt, v: &Value) -> PyResult<()> {
    let n: BigUint = match v {
        Value::None => {
            mt.seed_urandom();
            return Ok(());
        }
        Value::Int(i) => BigUint::from(i.unsigned_abs()),
        Value::Bool(b) => BigUint::from(*b as u32),
        Value::BigInt(b) => b.abs().to_biguint().unwrap_or_default(),
        Value::Str(s) => {
            let bytes = s.as_str().as_bytes();
            let mut all = bytes.to_vec();
            all.extend_from_slice(&Sha512::digest(bytes));
            BigUint::from_bytes_be(&all)
        }
        other => {
            // Anything else seeds from its hash, as an unsigned word.
            let h = vm.hash(other)?;
            BigUint::from(h as u64)
        }
    };
    mt.seed_words(&n);
    Ok(())
}

fn seed(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = gen(vm, &a, "seed")?;
    if a.pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "seed expected at most 1 argument, got {}",
            a.pos.len() - 1
        )));
    }
    let v = a.pos.get(1).cloned().unwrap_or(Value::None);
    let mut mt = Box::new(Mt::new());
    seed_with(vm, &mut mt, &v)?;
    *g.mt.lock() = mt;
    Ok(Value::None)
}

fn random(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = gen(vm, &a, "random")?;
    if a.pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "Random.random() takes no arguments ({} given)",
            a.pos.len() - 1
        )));
    }
    let r = g.mt.lock().random();
    Ok(Value::Float(r))
}

fn bit_count_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<u64> {
    let Some(v) = v else {
        return Err(PyErr::type_error(
            "getrandbits() takes exactly one argument (0 given)",
        ));
    };
    let k = match v {
        Value::BigInt(b) if b.is_negative() => -1,
        Value::BigInt(_) => {
            return Err(PyErr::overflow_error(
                "Python int too large to convert to C int",
            ))
        }
        _ => vm.to_index(v)?,
    };
    if k < 0 {
        return Err(PyErr::value_error("number of bits must be non-negative"));
    }
    Ok(k as u64)
}

fn getrandbits(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = gen(vm, &a, "getrandbits")?;
    let k = bit_count_arg(vm, a.pos.get(1))?;
    let v = g.mt.lock().bits(k);
    Ok(v)
}

/// `_randbelow(n)`: uniform in [0, n) for n > 0, as random.py's
/// `_randbelow_with_getrandbits` (the same draws, so the same numbers).
fn randbelow(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = gen(vm, &a, "_randbelow")?;
    let Some(n) = a.pos.get(1) else {
        return Err(PyErr::type_error(
            "_randbelow() missing 1 required argument: 'n'",
        ));
    };
    match n {
        Value::Int(n) if *n > 0 => Ok(Value::Int(g.mt.lock().below_u64(*n as u64) as i64)),
        Value::BigInt(b) if b.is_positive() => {
            let k = b.bits();
            loop {
                let r = g.mt.lock().bits(k);
                let lt = match &r {
                    Value::Int(i) => BigInt::from(*i) < **b,
                    Value::BigInt(x) => **x < **b,
                    _ => false,
                };
                if lt {
                    return Ok(r);
                }
            }
        }
        Value::Int(_) | Value::BigInt(_) => Ok(Value::Int(0)),
        v => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

/// The 624 state words and the position: CPython's 625-tuple.
fn getstate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = gen(vm, &a, "getstate")?;
    let mt = g.mt.lock();
    let mut items: Vec<Value> = mt.state.iter().map(|&w| Value::Int(w as i64)).collect();
    items.push(Value::Int(mt.index as i64));
    Ok(Value::tuple(items))
}

fn setstate(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let g = gen(vm, &a, "setstate")?;
    let Some(Value::Tuple(t)) = a.pos.get(1) else {
        return Err(PyErr::type_error("state vector must be a tuple"));
    };
    if t.len() != N + 1 {
        return Err(PyErr::value_error("state vector is the wrong size"));
    }
    let mut mt = Box::new(Mt::new());
    for (i, v) in t.iter().take(N).enumerate() {
        let w = match v {
            Value::Int(x) if (0..=u32::MAX as i64).contains(x) => *x as u32,
            Value::Int(_) | Value::BigInt(_) => {
                return Err(PyErr::overflow_error(
                    "Python int too large to convert to C unsigned long",
                ))
            }
            v => {
                return Err(PyErr::type_error(format!(
                    "an integer is required (got type {})",
                    vm.type_name(v)
                )))
            }
        };
        mt.state[i] = w;
    }
    let index = match &t[N] {
        Value::Int(x) => *x,
        v => vm.to_index(v)?,
    };
    if index < 0 || index > N as i64 {
        return Err(PyErr::value_error("invalid state"));
    }
    mt.index = index as usize;
    *g.mt.lock() = mt;
    Ok(Value::None)
}

/// `_urandom_random()`: 53 random bits from the OS as a float in [0, 1)
/// (SystemRandom.random).
fn urandom_random(_vm: &mut Vm, _a: Args) -> PyResult<Value> {
    let mut b = [0u8; 8];
    if !os_entropy(&mut b[..7]) {
        return Err(PyErr::not_implemented("no OS entropy source"));
    }
    let x = u64::from_be_bytes([0, b[0], b[1], b[2], b[3], b[4], b[5], b[6]]) >> 3;
    Ok(Value::Float(x as f64 * (1.0 / 9_007_199_254_740_992.0)))
}

/// `_urandom_getrandbits(k)`: k random bits from the OS (SystemRandom.getrandbits).
fn urandom_getrandbits(vm: &mut Vm, a: Args) -> PyResult<Value> {
    let k = bit_count_arg(vm, a.pos.first())?;
    let nbytes = k.div_ceil(8) as usize;
    let mut buf = vec![0u8; nbytes];
    if !os_entropy(&mut buf) {
        return Err(PyErr::not_implemented("no OS entropy source"));
    }
    let x = BigUint::from_bytes_be(&buf) >> (nbytes as u64 * 8 - k);
    Ok(match x.to_i64() {
        Some(i) => Value::Int(i),
        None if x.is_zero() => Value::Int(0),
        None => Value::from_bigint(BigInt::from_biguint(Sign::Plus, x)),
    })
}

pub fn fill(_vm: &mut Vm, d: &DictObj) -> PyResult<()> {
    d.set_str("Random", Value::Class(class()));
    super::add_functions(
        d,
        &[
            ("_urandom_random", urandom_random),
            ("_urandom_getrandbits", urandom_getrandbits),
        ],
    );
    Ok(())
}
