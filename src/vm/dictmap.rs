//! The insertion-ordered hash map and set under `dict` and `set`, shaped as CPython's
//! dict: entries in a vector in insertion order, a hash table of their indices, and a
//! deletion that leaves a hole (CPython's DKIX_DUMMY) until enough holes build up to
//! compact, so deleting in insertion order costs O(1) (indexmap's order-keeping
//! `shift_remove` moves every later entry: deleting 100,000 keys oldest first took
//! 24 s). Indices are slots in the entry vector: stable until a compaction, which is
//! what per-instruction index hints and dict iterators rely on.

use hashbrown::HashTable;
use indexmap::Equivalent;
use std::hash::{BuildHasher, Hash};

#[derive(Clone, Debug)]
pub struct Bucket<K, V> {
    hash: u64,
    key: K,
    value: V,
}

#[derive(Clone)]
pub struct OrderedMap<K, V, S> {
    entries: Vec<Option<Bucket<K, V>>>,
    table: HashTable<usize>,
    live: usize,
    /// Every slot before `head` is a hole, so `first` and popping the oldest entry
    /// do not rescan the holes that oldest-first deletion leaves.
    head: usize,
    hasher: S,
}

impl<K, V, S: Default> Default for OrderedMap<K, V, S> {
    fn default() -> Self {
        Self::with_capacity_and_hasher(0, S::default())
    }
}

impl<K: std::fmt::Debug, V: std::fmt::Debug, S> std::fmt::Debug for OrderedMap<K, V, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<K, V, S> OrderedMap<K, V, S> {
    pub fn with_capacity_and_hasher(n: usize, hasher: S) -> Self {
        OrderedMap {
            entries: Vec::with_capacity(n),
            table: HashTable::with_capacity(n),
            live: 0,
            head: 0,
            hasher,
        }
    }

    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.table.clear();
        self.live = 0;
        self.head = 0;
    }

    /// The live entry in slot `i`, if any.
    pub fn get_index(&self, i: usize) -> Option<(&K, &V)> {
        match self.entries.get(i) {
            Some(Some(b)) => Some((&b.key, &b.value)),
            _ => None,
        }
    }

    pub fn get_index_mut(&mut self, i: usize) -> Option<(&K, &mut V)> {
        match self.entries.get_mut(i) {
            Some(Some(b)) => Some((&b.key, &mut b.value)),
            _ => None,
        }
    }

    /// The first live entry at slot `i` or later, with its slot: how an iterator
    /// that remembers a slot steps over holes.
    pub fn next_from(&self, i: usize) -> Option<(usize, &K, &V)> {
        let start = i.max(self.head);
        self.entries
            .get(start..)?
            .iter()
            .enumerate()
            .find_map(|(k, e)| e.as_ref().map(|b| (start + k, &b.key, &b.value)))
    }

    /// How many live entries are at slot `i` or later (an iterator's length hint).
    pub fn live_from(&self, i: usize) -> usize {
        let start = i.max(self.head);
        self.entries
            .get(start..)
            .map_or(0, |r| r.iter().filter(|e| e.is_some()).count())
    }

    pub fn iter(&self) -> Iter<'_, K, V> {
        Iter {
            inner: self.entries[self.head.min(self.entries.len())..].iter(),
            left: self.live,
        }
    }

    pub fn iter_mut(&mut self) -> impl DoubleEndedIterator<Item = (&K, &mut V)> {
        self.entries
            .iter_mut()
            .filter_map(|e| e.as_mut().map(|b| (&b.key, &mut b.value)))
    }

    pub fn keys<'a>(&'a self) -> Keys<'a, K, V> {
        let f: fn((&'a K, &'a V)) -> &'a K = |(k, _)| k;
        self.iter().map(f)
    }

    pub fn values<'a>(&'a self) -> Values<'a, K, V> {
        let f: fn((&'a K, &'a V)) -> &'a V = |(_, v)| v;
        self.iter().map(f)
    }

    /// Slots allocated for entries (`sys.getsizeof`).
    pub fn capacity(&self) -> usize {
        self.entries.capacity()
    }

    /// Removes slot `i` and moves the newest entry into it (indexmap's
    /// `swap_remove_index`), for callers that keep their own order over dense slots
    /// (the lru_cache core); a map with holes is compacted first, so its slots are
    /// dense before and after.
    pub fn swap_remove_index(&mut self, i: usize) -> Option<(K, V)> {
        if self.entries.len() != self.live {
            // Slot `i` names a live entry before compaction; find it after.
            let live_before = self
                .entries
                .get(..i)?
                .iter()
                .filter(|e| e.is_some())
                .count();
            self.entries.get(i)?.as_ref()?;
            self.compact();
            return self.swap_remove_index(live_before);
        }
        let last = self.entries.len().checked_sub(1)?;
        if i > last {
            return None;
        }
        if i != last {
            let moved = self.entries[last].as_ref().expect("dense").hash;
            let gone = self.entries[i].as_ref().expect("dense").hash;
            if let Ok(e) = self.table.find_entry(gone, |&j| j == i) {
                e.remove();
            }
            if let Some(j) = self.table.find_mut(moved, |&j| j == last) {
                *j = i;
            }
            self.entries.swap(i, last);
            let b = self.entries.pop().flatten().expect("dense");
            self.live -= 1;
            return Some((b.key, b.value));
        }
        self.remove_index(i)
    }

    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> {
        self.iter_mut().map(|(_, v)| v)
    }

    pub fn first(&self) -> Option<(&K, &V)> {
        self.iter().next()
    }

    pub fn last(&self) -> Option<(&K, &V)> {
        self.iter().next_back()
    }

    /// Removes and returns the newest entry (`dict.popitem()`).
    pub fn pop(&mut self) -> Option<(K, V)> {
        while let Some(e) = self.entries.last() {
            if e.is_some() {
                break;
            }
            self.entries.pop();
        }
        let i = self.entries.len().checked_sub(1)?;
        self.remove_index(i)
    }

    /// Removes the entry in slot `i`, leaving a hole.
    pub fn remove_index(&mut self, i: usize) -> Option<(K, V)> {
        let hash = self.entries.get(i)?.as_ref()?.hash;
        match self.table.find_entry(hash, |&j| j == i) {
            Ok(e) => {
                e.remove();
            }
            Err(_) => unreachable!("a live entry is in the table"),
        }
        let b = self.entries[i].take()?;
        self.live -= 1;
        if i == self.head {
            self.head = self.entries[i..]
                .iter()
                .position(Option::is_some)
                .map_or(self.entries.len(), |k| i + k);
        }
        if self.live == 0 {
            self.entries.clear();
            self.head = 0;
        } else if i + 1 == self.entries.len() {
            self.entries.pop();
        } else {
            self.maybe_compact();
        }
        Some((b.key, b.value))
    }

    /// Closes the holes once they outnumber the entries: amortised O(1) per deletion,
    /// as CPython's dict, which compacts when it resizes.
    fn maybe_compact(&mut self) {
        let holes = self.entries.len() - self.live;
        if holes >= 8 && holes > self.live {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let mut remap = vec![usize::MAX; self.entries.len()];
        let mut n = 0;
        for (i, e) in self.entries.iter().enumerate() {
            if e.is_some() {
                remap[i] = n;
                n += 1;
            }
        }
        self.entries.retain(Option::is_some);
        for j in self.table.iter_mut() {
            *j = remap[*j];
        }
        self.head = 0;
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        let mut gone = Vec::new();
        for (i, e) in self.entries.iter_mut().enumerate() {
            if let Some(b) = e {
                if !keep(&b.key, &mut b.value) {
                    gone.push(i);
                }
            }
        }
        for i in gone.into_iter().rev() {
            self.remove_index(i);
        }
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> OrderedMap<K, V, S> {
    /// Every stored key that hashes as `probe` does, in one probe of the table: the
    /// candidates a lookup with a user `__eq__` has to ask.
    pub fn keys_with_hash<Q: Hash + ?Sized>(&self, probe: &Q) -> impl Iterator<Item = &K> {
        let hash = self.hasher.hash_one(probe);
        self.table.iter_hash(hash).filter_map(move |&i| {
            self.entries[i]
                .as_ref()
                .filter(|b| b.hash == hash)
                .map(|b| &b.key)
        })
    }

    fn slot_of<Q: Hash + Equivalent<K> + ?Sized>(&self, q: &Q) -> Option<usize> {
        if self.live == 0 {
            return None;
        }
        let hash = self.hasher.hash_one(q);
        let entries = &self.entries;
        self.table
            .find(hash, |&i| {
                entries[i]
                    .as_ref()
                    .is_some_and(|b| b.hash == hash && q.equivalent(&b.key))
            })
            .copied()
    }

    pub fn get<Q: Hash + Equivalent<K> + ?Sized>(&self, q: &Q) -> Option<&V> {
        let i = self.slot_of(q)?;
        self.entries[i].as_ref().map(|b| &b.value)
    }

    pub fn get_mut<Q: Hash + Equivalent<K> + ?Sized>(&mut self, q: &Q) -> Option<&mut V> {
        let i = self.slot_of(q)?;
        self.entries[i].as_mut().map(|b| &mut b.value)
    }

    pub fn get_key_value<Q: Hash + Equivalent<K> + ?Sized>(&self, q: &Q) -> Option<(&K, &V)> {
        self.get_index(self.slot_of(q)?)
    }

    pub fn get_full<Q: Hash + Equivalent<K> + ?Sized>(&self, q: &Q) -> Option<(usize, &K, &V)> {
        let i = self.slot_of(q)?;
        self.get_index(i).map(|(k, v)| (i, k, v))
    }

    pub fn get_index_of<Q: Hash + Equivalent<K> + ?Sized>(&self, q: &Q) -> Option<usize> {
        self.slot_of(q)
    }

    pub fn contains_key<Q: Hash + Equivalent<K> + ?Sized>(&self, q: &Q) -> bool {
        self.slot_of(q).is_some()
    }

    /// Inserts or replaces; a replaced value keeps its key and its place in the order.
    pub fn insert(&mut self, key: K, value: V) -> Option<V> {
        self.insert_full(key, value).1
    }

    pub fn insert_full(&mut self, key: K, value: V) -> (usize, Option<V>) {
        if let Some(i) = self.slot_of(&key) {
            let b = self.entries[i].as_mut().expect("a found slot is live");
            return (i, Some(std::mem::replace(&mut b.value, value)));
        }
        let hash = self.hasher.hash_one(&key);
        let i = self.entries.len();
        let entries = &self.entries;
        self.table
            .insert_unique(hash, i, |&j| entries[j].as_ref().map_or(0, |b| b.hash));
        self.entries.push(Some(Bucket { hash, key, value }));
        self.live += 1;
        (i, None)
    }

    pub fn remove<Q: Hash + Equivalent<K> + ?Sized>(&mut self, q: &Q) -> Option<V> {
        self.remove_entry(q).map(|(_, v)| v)
    }

    pub fn remove_entry<Q: Hash + Equivalent<K> + ?Sized>(&mut self, q: &Q) -> Option<(K, V)> {
        let i = self.slot_of(q)?;
        self.remove_index(i)
    }

    pub fn remove_full<Q: Hash + Equivalent<K> + ?Sized>(
        &mut self,
        q: &Q,
    ) -> Option<(usize, K, V)> {
        let i = self.slot_of(q)?;
        self.remove_index(i).map(|(k, v)| (i, k, v))
    }

    pub fn reserve(&mut self, n: usize) {
        self.entries.reserve(n);
        let entries = &self.entries;
        self.table
            .reserve(n, |&j| entries[j].as_ref().map_or(0, |b| b.hash));
    }
}

impl<K: Hash + Eq, V, S: BuildHasher> Extend<(K, V)> for OrderedMap<K, V, S> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, it: I) {
        for (k, v) in it {
            self.insert(k, v);
        }
    }
}

impl<K: Hash + Eq, V, S: BuildHasher + Default> FromIterator<(K, V)> for OrderedMap<K, V, S> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(it: I) -> Self {
        let mut m = Self::default();
        m.extend(it);
        m
    }
}

pub type Keys<'a, K, V> = std::iter::Map<Iter<'a, K, V>, fn((&'a K, &'a V)) -> &'a K>;
pub type Values<'a, K, V> = std::iter::Map<Iter<'a, K, V>, fn((&'a K, &'a V)) -> &'a V>;

impl<K, V, S> std::ops::Index<usize> for OrderedMap<K, V, S> {
    type Output = V;
    /// The value in live slot `i`; a hole or a slot past the end panics.
    fn index(&self, i: usize) -> &V {
        self.get_index(i).expect("a live slot").1
    }
}

pub struct Iter<'a, K, V> {
    inner: std::slice::Iter<'a, Option<Bucket<K, V>>>,
    left: usize,
}

impl<K, V> Clone for Iter<'_, K, V> {
    fn clone(&self) -> Self {
        Iter {
            inner: self.inner.clone(),
            left: self.left,
        }
    }
}

impl<'a, K, V> Iterator for Iter<'a, K, V> {
    type Item = (&'a K, &'a V);
    fn next(&mut self) -> Option<Self::Item> {
        for e in self.inner.by_ref() {
            if let Some(b) = e {
                self.left -= 1;
                return Some((&b.key, &b.value));
            }
        }
        None
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<K, V> DoubleEndedIterator for Iter<'_, K, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        while let Some(e) = self.inner.next_back() {
            if let Some(b) = e {
                self.left -= 1;
                return Some((&b.key, &b.value));
            }
        }
        None
    }
}

impl<K, V> ExactSizeIterator for Iter<'_, K, V> {}

impl<'a, K, V, S> IntoIterator for &'a OrderedMap<K, V, S> {
    type Item = (&'a K, &'a V);
    type IntoIter = Iter<'a, K, V>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<K, V, S> IntoIterator for OrderedMap<K, V, S> {
    type Item = (K, V);
    type IntoIter = std::iter::FilterMap<
        std::vec::IntoIter<Option<Bucket<K, V>>>,
        fn(Option<Bucket<K, V>>) -> Option<(K, V)>,
    >;
    fn into_iter(self) -> Self::IntoIter {
        let f: fn(Option<Bucket<K, V>>) -> Option<(K, V)> = |e| e.map(|b| (b.key, b.value));
        self.entries.into_iter().filter_map(f)
    }
}

/// A set: the map with no values.
#[derive(Clone)]
pub struct OrderedSet<K, S> {
    map: OrderedMap<K, (), S>,
}

impl<K, S: Default> Default for OrderedSet<K, S> {
    fn default() -> Self {
        OrderedSet {
            map: OrderedMap::default(),
        }
    }
}

impl<K: std::fmt::Debug, S> std::fmt::Debug for OrderedSet<K, S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<K, S> OrderedSet<K, S> {
    pub fn with_capacity_and_hasher(n: usize, hasher: S) -> Self {
        OrderedSet {
            map: OrderedMap::with_capacity_and_hasher(n, hasher),
        }
    }
    pub fn len(&self) -> usize {
        self.map.len()
    }
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
    pub fn clear(&mut self) {
        self.map.clear()
    }
    pub fn iter(&self) -> Keys<'_, K, ()> {
        self.map.keys()
    }
    pub fn capacity(&self) -> usize {
        self.map.capacity()
    }
    pub fn get_index(&self, i: usize) -> Option<&K> {
        self.map.get_index(i).map(|(k, _)| k)
    }
    pub fn next_from(&self, i: usize) -> Option<(usize, &K)> {
        self.map.next_from(i).map(|(i, k, _)| (i, k))
    }
    pub fn first(&self) -> Option<&K> {
        self.map.first().map(|(k, _)| k)
    }
    pub fn last(&self) -> Option<&K> {
        self.map.last().map(|(k, _)| k)
    }
    pub fn pop(&mut self) -> Option<K> {
        self.map.pop().map(|(k, _)| k)
    }
    /// Removes the oldest key (`set.pop()`).
    pub fn pop_first(&mut self) -> Option<K> {
        let (i, _, _) = self.map.next_from(0)?;
        self.map.remove_index(i).map(|(k, _)| k)
    }
    pub fn remove_index(&mut self, i: usize) -> Option<K> {
        self.map.remove_index(i).map(|(k, _)| k)
    }
    pub fn retain(&mut self, mut keep: impl FnMut(&K) -> bool) {
        self.map.retain(|k, _| keep(k))
    }
}

impl<K: Hash + Eq, S: BuildHasher> OrderedSet<K, S> {
    /// Adds `key` unless an equal key is there (which is kept); true if added.
    pub fn insert(&mut self, key: K) -> bool {
        if self.map.contains_key(&key) {
            return false;
        }
        self.map.insert(key, ());
        true
    }
    pub fn contains<Q: Hash + Equivalent<K> + ?Sized>(&self, q: &Q) -> bool {
        self.map.contains_key(q)
    }
    pub fn get<Q: Hash + Equivalent<K> + ?Sized>(&self, q: &Q) -> Option<&K> {
        self.map.get_key_value(q).map(|(k, _)| k)
    }
    pub fn get_index_of<Q: Hash + Equivalent<K> + ?Sized>(&self, q: &Q) -> Option<usize> {
        self.map.get_index_of(q)
    }
    pub fn remove<Q: Hash + Equivalent<K> + ?Sized>(&mut self, q: &Q) -> bool {
        self.map.remove(q).is_some()
    }
    pub fn take<Q: Hash + Equivalent<K> + ?Sized>(&mut self, q: &Q) -> Option<K> {
        self.map.remove_entry(q).map(|(k, _)| k)
    }
    pub fn reserve(&mut self, n: usize) {
        self.map.reserve(n)
    }
    pub fn keys_with_hash<Q: Hash + ?Sized>(&self, probe: &Q) -> impl Iterator<Item = &K> {
        self.map.keys_with_hash(probe)
    }
}

impl<K: Hash + Eq, S: BuildHasher> Extend<K> for OrderedSet<K, S> {
    fn extend<I: IntoIterator<Item = K>>(&mut self, it: I) {
        for k in it {
            self.insert(k);
        }
    }
}

impl<K: Hash + Eq, S: BuildHasher + Default> FromIterator<K> for OrderedSet<K, S> {
    fn from_iter<I: IntoIterator<Item = K>>(it: I) -> Self {
        let mut s = Self::default();
        s.extend(it);
        s
    }
}

impl<'a, K, S> IntoIterator for &'a OrderedSet<K, S> {
    type Item = &'a K;
    type IntoIter = std::iter::Map<Iter<'a, K, ()>, fn((&'a K, &'a ())) -> &'a K>;
    fn into_iter(self) -> Self::IntoIter {
        let f: fn((&'a K, &'a ())) -> &'a K = |(k, _)| k;
        self.map.iter().map(f)
    }
}

impl<K, S> IntoIterator for OrderedSet<K, S> {
    type Item = K;
    type IntoIter =
        std::iter::Map<<OrderedMap<K, (), S> as IntoIterator>::IntoIter, fn((K, ())) -> K>;
    fn into_iter(self) -> Self::IntoIter {
        let f: fn((K, ())) -> K = |(k, _)| k;
        self.map.into_iter().map(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasherDefault;

    type M = OrderedMap<u64, u64, BuildHasherDefault<std::collections::hash_map::DefaultHasher>>;

    #[test]
    fn order_kept_through_deletes_and_compaction() {
        let mut m = M::default();
        for i in 0..1000 {
            m.insert(i, i * 2);
        }
        for i in (0..1000).filter(|i| i % 3 != 0) {
            assert_eq!(m.remove(&i), Some(i * 2));
        }
        let keys: Vec<u64> = m.keys().copied().collect();
        assert_eq!(keys, (0..1000).filter(|i| i % 3 == 0).collect::<Vec<_>>());
        for i in (0..1000).filter(|i| i % 3 == 0) {
            assert_eq!(m.get(&i), Some(&(i * 2)));
        }
        assert_eq!(m.len(), 334);
        assert!(m.entries.len() < 1000, "compacted");
        m.insert(5, 1);
        assert_eq!(m.last(), Some((&5, &1)));
        assert_eq!(m.first(), Some((&0, &0)));
    }

    #[test]
    fn oldest_first_and_newest_first() {
        let mut m = M::default();
        for i in 0..100 {
            m.insert(i, i);
        }
        for i in 0..50 {
            assert_eq!(m.first(), Some((&i, &i)));
            let (slot, _, _) = m.next_from(0).unwrap();
            assert_eq!(m.remove_index(slot), Some((i, i)));
        }
        for i in (50..100).rev() {
            assert_eq!(m.pop(), Some((i, i)));
        }
        assert!(m.is_empty() && m.first().is_none() && m.pop().is_none());
        m.insert(7, 7);
        assert_eq!(m.iter().collect::<Vec<_>>(), vec![(&7, &7)]);
    }

    #[test]
    fn replace_keeps_place() {
        let mut m = M::default();
        m.insert(1, 1);
        m.insert(2, 2);
        assert_eq!(m.insert(1, 10), Some(1));
        assert_eq!(m.iter().collect::<Vec<_>>(), vec![(&1, &10), (&2, &2)]);
        assert_eq!(m.iter().rev().count(), 2);
    }
}
