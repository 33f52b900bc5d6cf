//! Fallible allocation for sizes a program chooses (`' ' * n`, `s.center(n)`, format
//! widths): a request the allocator refuses raises MemoryError instead of aborting.

use super::errors::PyErr;

/// The allocator refused (or the size does not fit in the address space).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoMemory;

impl From<NoMemory> for PyErr {
    fn from(_: NoMemory) -> PyErr {
        super::builtins::memory_error()
    }
}

/// An empty string with room for `bytes` bytes.
pub fn string(bytes: usize) -> Result<String, NoMemory> {
    let mut s = String::new();
    s.try_reserve_exact(bytes).map_err(|_| NoMemory)?;
    Ok(s)
}

/// An empty vector with room for `n` items.
pub fn vec<T>(n: usize) -> Result<Vec<T>, NoMemory> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| NoMemory)?;
    Ok(v)
}

/// Room for `more` further bytes in `s`.
pub fn reserve(s: &mut String, more: usize) -> Result<(), NoMemory> {
    s.try_reserve(more).map_err(|_| NoMemory)
}

/// `n` copies of `fill` appended to `out`, refusing sizes the allocator refuses.
pub fn push_fill(out: &mut String, fill: char, n: usize) -> Result<(), NoMemory> {
    if n == 0 {
        return Ok(());
    }
    let bytes = n.checked_mul(fill.len_utf8()).ok_or(NoMemory)?;
    reserve(out, bytes)?;
    out.extend(std::iter::repeat_n(fill, n));
    Ok(())
}
