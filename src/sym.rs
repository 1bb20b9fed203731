//! Shared strings for the values a corpus repeats: country and organisation codes, focus
//! areas, article ids, officials' names, titles and organisations.
//!
//! A million events name a few hundred codes and areas and a few thousand officials; as owned
//! `String`s each mention is its own allocation. A [`Sym`] is a reference-counted `str`:
//! cloning it copies a pointer, and while [`interning`] is active (the cache decodes a whole
//! dataset inside it) equal strings become one allocation. The pointer is a thin one (one
//! word, the string's length kept with it in the shared allocation): an event holds a dozen
//! of them, so a million events take about 80 MB less than with `Arc<str>`. It reads like a
//! `&str` (it dereferences to one, compares with `str`, `&str` and `String`, orders, hashes
//! and serialises as the string), so JSON and every view see plain strings; only in a
//! dataset file is it a number into the file's table of strings (see [`Numbering`]).

use std::borrow::Borrow;
use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Strings kept in one text with where each starts: a list that decodes into two
/// allocations however long it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Strings {
    pub(crate) text: String,
    /// Where each string starts in `text`, then where the last ends (empty when there is
    /// none).
    pub(crate) starts: Vec<u32>,
}

/// A list whose text would pass 4 GiB (u32 offsets) takes empty strings from there on: far
/// beyond any list kept (at 100,000 articles the officials' search index is 1 MB and the
/// table of shared strings 3.3 MB).
const LIMIT: usize = u32::MAX as usize;

impl Strings {
    pub fn with_capacity(n: usize) -> Strings {
        Strings {
            text: String::new(),
            starts: Vec::with_capacity(n + 1),
        }
    }

    pub fn push(&mut self, s: &str) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        if self.text.len() + s.len() < LIMIT {
            self.text.push_str(s);
        }
        self.starts.push(self.text.len() as u32);
    }

    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// String `i`, empty when there is none.
    pub fn get(&self, i: usize) -> &str {
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.text.get(a as usize..b as usize).unwrap_or(""),
            _ => "",
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }

    /// The tables of strings of numberings in lanes (see [`Numbering::lane`]; `lanes[k]`
    /// the table of lane `k`) as one table, in which every number any of them gave is the
    /// place of its string: string `i` of lane `k` is string `i * lanes.len() + k`; the
    /// places no lane numbered hold empty strings.
    pub fn interleaved(lanes: &[Strings]) -> Strings {
        let longest = lanes.iter().map(Strings::len).max().unwrap_or(0);
        let text = lanes.iter().map(|l| l.text.len()).sum();
        let mut out = Strings {
            text: String::with_capacity(text),
            starts: Vec::with_capacity(longest * lanes.len() + 1),
        };
        for i in 0..longest {
            for lane in lanes {
                out.push(lane.get(i));
            }
        }
        out
    }

    /// Whether the offsets are in order and inside the text (a decoded list may be damaged).
    pub fn is_sound(&self) -> bool {
        if self.starts.is_empty() {
            return self.text.is_empty();
        }
        self.starts.first() == Some(&0)
            && self.starts.last().map(|&e| e as usize) == Some(self.text.len())
            && self.starts.is_sorted()
            && self
                .starts
                .iter()
                .all(|&s| self.text.is_char_boundary(s as usize))
    }
}

/// An immutable shared string; see the module documentation.
#[derive(Clone, Default, PartialOrd, Ord)]
pub struct Sym(Arc<Box<str>>);

/// A [`Sym`]'s allocation as the interner keeps it: looked up by its `str`.
#[derive(PartialEq, Eq, Hash)]
struct Shared(Arc<Box<str>>);

impl Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

fn shared_str(s: &str) -> Arc<Box<str>> {
    Arc::new(Box::from(s))
}

impl Sym {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where its string is held: the same for every clone of one `Sym` while one lives, so a
    /// key for remembering what was worked out from the string, which [`SymMemo`] keeps
    /// valid. Equal strings need not share it (they are shared per decoding thread).
    fn addr(&self) -> usize {
        Arc::as_ptr(&self.0).addr()
    }

    /// The active interner's copy of `s`, made by `make` when it has none yet; `None` when
    /// no interner is active on this thread.
    fn interned(s: &str, make: impl FnOnce() -> Arc<Box<str>>) -> Option<Sym> {
        INTERNER.with(|cell| {
            let mut slot = cell.try_borrow_mut().ok()?;
            let set = slot.as_mut()?;
            let a = match set.get(s) {
                Some(a) => Arc::clone(&a.0),
                None => {
                    let a = make();
                    set.insert(Shared(Arc::clone(&a)));
                    a
                }
            };
            Some(Sym(a))
        })
    }

    /// `s` as the active interner's copy, or a new string when none is active.
    fn intern(s: &str) -> Sym {
        Sym::interned(s, || shared_str(s)).unwrap_or_else(|| Sym(shared_str(s)))
    }

    /// This string as the active interner's copy (itself when none is active, or when it is
    /// the first of its value).
    pub fn shared(&self) -> Sym {
        Sym::interned(&self.0, || Arc::clone(&self.0)).unwrap_or_else(|| self.clone())
    }
}

thread_local! {
    static INTERNER: RefCell<Option<FxHashSet<Shared>>> = const { RefCell::new(None) };
}

/// Runs `f` with an interner active on this thread: every [`Sym`] deserialised or
/// [`Sym::shared`] meanwhile shares the allocation of an equal earlier one. Nested calls use
/// the outer interner.
pub fn interning<R>(f: impl FnOnce() -> R) -> R {
    let outer = INTERNER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_some() {
            true
        } else {
            *slot = Some(FxHashSet::default());
            false
        }
    });
    // Cleared even if `f` panics, so a later decode on this thread does not keep the strings.
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            if !self.0 {
                INTERNER.with(|cell| {
                    if let Ok(mut slot) = cell.try_borrow_mut() {
                        *slot = None;
                    }
                });
            }
        }
    }
    let _reset = Reset(outer);
    f()
}

/// What was worked out from strings, remembered by where each is held (`Sym::addr`): the
/// copies of one shared string are found again without hashing or comparing the string.
/// Each entry keeps a clone of its `Sym`, so that no other string can be given its address
/// while the memo lives. Equal strings held apart get an entry each, so what is remembered
/// must depend on the string alone.
pub struct SymMemo<V>(FxHashMap<usize, (Sym, V)>);

impl<V> Default for SymMemo<V> {
    fn default() -> SymMemo<V> {
        SymMemo(FxHashMap::default())
    }
}

impl<V> SymMemo<V> {
    pub fn get(&self, sym: &Sym) -> Option<&V> {
        self.0.get(&sym.addr()).map(|(_, v)| v)
    }

    /// What was remembered for `sym`, worked out by `make` the first time.
    pub fn get_or_insert_with(&mut self, sym: &Sym, make: impl FnOnce() -> V) -> &mut V {
        &mut self
            .0
            .entry(sym.addr())
            .or_insert_with(|| (sym.clone(), make()))
            .1
    }
}

/// While a dataset file is written ([`Numbering`]) or read ([`numbered`]) on this thread, a
/// [`Sym`] is serialised as its number in a table of the file's distinct strings instead of
/// the string: a few bytes, and read back as a copy of an earlier one without a hash lookup.
enum Table {
    /// The numbers given so far, and the strings in their order.
    Writing {
        ids: FxHashMap<Sym, u32>,
        /// The numbers by where each string is held, looked at first: a shared string met
        /// a million times is then neither hashed nor compared.
        by_addr: ByAddr,
        strings: Strings,
        /// The numbering's lane (see [`Numbering::lane`]): the `i`th string it meets is
        /// number `i * lanes + lane`.
        lane: u32,
        lanes: u32,
    },
    /// The file's strings, and the [`Sym`] made on this thread for each one read so far.
    Reading {
        strings: Arc<Strings>,
        made: Vec<Option<Sym>>,
    },
}

thread_local! {
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// The numbers of strings by where they are held (see [`Table::Writing`]): a memo of every
/// place met, and in front of it a small direct-mapped table of the places met last, so that
/// the strings met most (codes, areas, frequent titles) are found without a cache miss in a
/// memo of millions (the memo's look-ups were half of encoding a dataset).
struct ByAddr {
    memo: SymMemo<u32>,
    /// (address, number) by [`recent_slot`]; address 0, which no string has, for none. An
    /// address here is one the memo holds, so it is not freed and reused meanwhile.
    recent: Vec<(usize, u32)>,
}

/// The bits of [`ByAddr::recent`]'s slots: 16,384 slots, 256 kB.
const RECENT_BITS: u32 = 14;

fn recent_slot(addr: usize) -> usize {
    (addr as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) as usize >> (usize::BITS - RECENT_BITS)
}

/// The table a numbering in `lane` of `lanes` starts with.
fn writing_table(lane: u32, lanes: u32) -> Table {
    Table::Writing {
        ids: FxHashMap::default(),
        by_addr: ByAddr {
            memo: SymMemo::default(),
            recent: vec![(0, 0); 1 << RECENT_BITS],
        },
        strings: Strings::default(),
        lane,
        lanes,
    }
}

/// The numbers of the strings of one file: each [`Numbering::run`] runs a binary
/// serialisation with every [`Sym`] written as its number, given with the strings numbered
/// so far (by earlier runs too: an extraction's entries are serialised one at a time, each
/// as it is made), and [`Numbering::strings`] is the table the reader must be given.
pub struct Numbering {
    table: Option<Table>,
    lane: u32,
    lanes: u32,
}

impl Default for Numbering {
    fn default() -> Numbering {
        Numbering::new()
    }
}

impl Numbering {
    pub fn new() -> Numbering {
        Numbering::lane(0, 1)
    }

    /// A numbering that gives only the numbers of `lane` (of `lanes`): the `i`th string it
    /// meets is number `i * lanes + lane`. Numberings of different lanes run at once on
    /// different threads (each part of one file), and their tables of strings are then
    /// made one with [`Strings::interleaved`]. A `lane` past `lanes` is the last lane.
    pub fn lane(lane: u32, lanes: u32) -> Numbering {
        let lanes = lanes.max(1);
        let lane = lane.min(lanes - 1);
        Numbering {
            table: Some(writing_table(lane, lanes)),
            lane,
            lanes,
        }
    }

    /// Runs `f` (a binary serialisation) with every [`Sym`] written as its number in this
    /// numbering. After a panic in `f`, the numbering starts again empty.
    pub fn run<R>(&mut self, f: impl FnOnce() -> R) -> R {
        let table = self
            .table
            .take()
            .unwrap_or_else(|| writing_table(self.lane, self.lanes));
        let (r, table) = crate::scoped::scoped(&TABLE, table, f);
        self.table = table;
        r
    }

    /// The table of strings, which the reader must be given.
    pub fn strings(self) -> Strings {
        match self.table {
            Some(Table::Writing { strings, .. }) => strings,
            _ => Strings::default(),
        }
    }
}

/// Runs `f` (a binary deserialisation) with every [`Sym`] read as a number into `strings`,
/// equal ones sharing one allocation on this thread. A number out of the table is an error
/// of the deserialisation.
pub fn numbered<R>(strings: Arc<Strings>, f: impl FnOnce() -> R) -> R {
    let made = vec![None; strings.len()];
    crate::scoped::scoped(&TABLE, Table::Reading { strings, made }, f).0
}

/// The number of `sym` while a [`Numbering`] runs, given now if it has none yet.
fn number_of(sym: &Sym) -> Option<u32> {
    TABLE.with(|t| {
        let mut t = t.try_borrow_mut().ok()?;
        let Some(Table::Writing {
            ids,
            by_addr,
            strings,
            lane,
            lanes,
        }) = t.as_mut()
        else {
            return None;
        };
        let addr = sym.addr();
        let slot = &mut by_addr.recent[recent_slot(addr)];
        if slot.0 == addr {
            return Some(slot.1);
        }
        if let Some(&n) = by_addr.memo.get(sym) {
            *slot = (addr, n);
            return Some(n);
        }
        let n = match ids.get(sym) {
            Some(&n) => n,
            None => {
                let next = u32::try_from(strings.len())
                    .ok()?
                    .checked_mul(*lanes)?
                    .checked_add(*lane)?;
                strings.push(sym);
                ids.insert(sym.clone(), next);
                next
            }
        };
        by_addr.memo.get_or_insert_with(sym, || n);
        by_addr.recent[recent_slot(addr)] = (addr, n);
        Some(n)
    })
}

impl PartialEq for Sym {
    fn eq(&self, other: &Sym) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.as_str() == other.as_str()
    }
}

impl Eq for Sym {}

impl std::hash::Hash for Sym {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Deref for Sym {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Sym {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Sym {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for Sym {
    fn from(s: &str) -> Sym {
        Sym(shared_str(s))
    }
}

impl From<String> for Sym {
    fn from(s: String) -> Sym {
        Sym(Arc::new(s.into_boxed_str()))
    }
}

impl From<&String> for Sym {
    fn from(s: &String) -> Sym {
        Sym(shared_str(s))
    }
}

impl PartialEq<str> for Sym {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Sym {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Sym {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Sym> for str {
    fn eq(&self, other: &Sym) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Sym> for &str {
    fn eq(&self, other: &Sym) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Sym> for String {
    fn eq(&self, other: &Sym) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Serialize for Sym {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match number_of(self) {
            Some(n) => s.serialize_u32(n),
            None => s.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Sym {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Sym, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Sym;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Sym, E> {
                Ok(Sym::intern(v))
            }
        }
        // One look at the thread's table: a number into it, else the string.
        TABLE.with(|t| match t.try_borrow_mut().as_deref_mut() {
            Ok(Some(Table::Reading { strings, made })) => {
                let n = u32::deserialize(d)?;
                let slot = made.get_mut(n as usize).ok_or_else(|| {
                    de::Error::custom(format!("shared string {n} out of the table"))
                })?;
                Ok(slot
                    .get_or_insert_with(|| Sym::from(strings.get(n as usize)))
                    .clone())
            }
            _ => d.deserialize_str(V),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_compares_and_serialises_as_its_string() {
        let s = Sym::from("FRA");
        assert_eq!(s, "FRA");
        assert_eq!("FRA", s);
        assert_eq!(s, String::from("FRA"));
        assert_ne!(s, Sym::from("BEL"));
        let bel = Sym::from("BEL");
        assert!(bel < s);
        assert_eq!(s.len(), 3);
        assert_eq!(format!("{s} {s:?}"), "FRA \"FRA\"");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"FRA\"");
        let back: Sym = serde_json::from_str("\"FRA\"").unwrap();
        assert_eq!(back, s);
        let set: std::collections::HashSet<Sym> = [s.clone()].into();
        assert!(set.contains("FRA"));
    }

    /// A word each: the dozen an event holds are what the thin pointer saves.
    #[test]
    fn is_one_word_and_so_is_an_optional_one() {
        assert_eq!(size_of::<Sym>(), size_of::<usize>());
        assert_eq!(size_of::<Option<Sym>>(), size_of::<usize>());
        let s = Sym::from(String::from("Commissaire divisionnaire"));
        assert_eq!(s.as_str(), "Commissaire divisionnaire");
        assert_eq!(Sym::default(), "");
    }

    /// `f` run in a numbering of its own: what it returned and the table of strings.
    fn numbering<R>(f: impl FnOnce() -> R) -> (R, Strings) {
        let mut n = Numbering::new();
        let r = n.run(f);
        (r, n.strings())
    }

    fn encode<T: Serialize + ?Sized>(v: &T) -> Vec<u8> {
        bincode::serde::encode_to_vec(v, bincode::config::standard()).unwrap()
    }

    fn decode<T: serde::de::DeserializeOwned>(b: &[u8]) -> Result<T, bincode::error::DecodeError> {
        bincode::serde::decode_from_slice(b, bincode::config::standard()).map(|(v, _)| v)
    }

    /// A memo answers for the clones of a string it has seen, and for nothing else: not for
    /// an equal string held apart (which gets its own entry), and not for a string made
    /// after the first was dropped, which could otherwise be given the same address.
    #[test]
    fn memo_answers_for_clones_only_and_keeps_its_strings() {
        let mut memo: SymMemo<usize> = SymMemo::default();
        let mut made = 0;
        let a = Sym::from("FRA");
        assert_eq!(*memo.get_or_insert_with(&a, || 1), 1);
        assert_eq!(*memo.get_or_insert_with(&a.clone(), || 2), 1);
        let apart = Sym::from("FRA");
        assert_eq!(memo.get(&apart), None);
        assert_eq!(*memo.get_or_insert_with(&apart, || 3), 3);
        drop(a);
        for i in 0..1000 {
            let later = Sym::from(format!("{i:03}"));
            if memo.get(&later).is_some() {
                made += 1;
            }
        }
        assert_eq!(made, 0);
    }

    /// Far more strings than the table of recent places has slots, met over and over in
    /// another order, each shared by several values: every one keeps the number it was first
    /// given, which is its place in the table of strings.
    #[test]
    fn numbers_stay_those_first_given_when_recent_places_collide() {
        let distinct: Vec<Sym> = (0..50_000).map(|i| Sym::from(format!("s{i}"))).collect();
        let mut values: Vec<Sym> = distinct.clone();
        for round in 1..4 {
            values.extend(distinct.iter().rev().step_by(round).cloned());
        }
        let (bytes, table) = numbering(|| encode(&values));
        let listed: Vec<&str> = table.iter().collect();
        let expected: Vec<&str> = distinct.iter().map(Sym::as_str).collect();
        assert_eq!(listed, expected);
        let back: Vec<Sym> = numbered(Arc::new(table), || decode(&bytes)).unwrap();
        assert_eq!(back, values);
    }

    /// What a numbering remembers of the places of strings is its own: numberings one after
    /// another, or on two threads at once, over the same strings in other orders each give
    /// a table their values read back from.
    #[test]
    fn each_numbering_reads_back_whatever_others_number_meanwhile() {
        let distinct: Vec<Sym> = (0..5_000).map(|i| Sym::from(format!("s{i}"))).collect();
        let forwards: Vec<Sym> = distinct.iter().chain(&distinct).cloned().collect();
        let backwards: Vec<Sym> = forwards.iter().rev().step_by(3).cloned().collect();
        let round_trip = |values: &[Sym], (bytes, table): (Vec<u8>, Strings)| {
            let back: Vec<Sym> = numbered(Arc::new(table), || decode(&bytes)).unwrap();
            assert_eq!(back, values);
        };
        // One after another: the third is numbered as the first was, not by what the
        // second left in the strings.
        let first = numbering(|| encode(&forwards));
        round_trip(&backwards, numbering(|| encode(&backwards)));
        let third = numbering(|| encode(&forwards));
        assert_eq!(third, first);
        round_trip(&forwards, third);
        // On two threads at once, each many times over.
        std::thread::scope(|scope| {
            for values in [&forwards, &backwards] {
                scope.spawn(move || {
                    for _ in 0..20 {
                        round_trip(values, numbering(|| encode(values)));
                    }
                });
            }
        });
    }

    /// Numberings in three lanes at once, over values that share some strings and not
    /// others and meet different numbers of them: each lane gives only its own numbers, and
    /// every lane's values read back through the one interleaved table.
    #[test]
    fn lanes_number_apart_and_read_back_through_one_interleaved_table() {
        let lanes: Vec<Vec<Sym>> = (0..3u32)
            .map(|k| {
                (0..(200 + 150 * k as usize))
                    .map(|i| match i % 3 {
                        0 => Sym::from(format!("shared {}", i % 40)),
                        _ => Sym::from(format!("lane {k} string {i}")),
                    })
                    .collect()
            })
            .collect();
        let numbered_lanes: Vec<(Vec<u8>, Strings)> = std::thread::scope(|scope| {
            let handles: Vec<_> = lanes
                .iter()
                .zip(0u32..)
                .map(|(values, k)| {
                    scope.spawn(move || {
                        let mut n = Numbering::lane(k, 3);
                        let bytes = n.run(|| encode(values));
                        (bytes, n.strings())
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let tables: Vec<Strings> = numbered_lanes.iter().map(|(_, t)| t.clone()).collect();
        let longest = tables.iter().map(Strings::len).max().unwrap();
        let table = Arc::new(Strings::interleaved(&tables));
        assert_eq!(table.len(), 3 * longest);
        assert!(table.is_sound());
        for (k, ((bytes, _), values)) in numbered_lanes.iter().zip(&lanes).enumerate() {
            let numbers: Vec<u32> = decode(bytes).unwrap();
            assert!(numbers.iter().all(|n| *n as usize % 3 == k), "lane {k}");
            let back: Vec<Sym> = numbered(table.clone(), || decode(bytes)).unwrap();
            assert_eq!(&back, values, "lane {k}");
        }
        // A lane past the number of lanes is the last one.
        let mut past = Numbering::lane(5, 2);
        let bytes = past.run(|| encode(&[Sym::from("x")][..]));
        assert_eq!(decode::<Vec<u32>>(&bytes).unwrap(), [1]);
    }

    #[test]
    fn numbered_syms_round_trip_through_their_table_and_share_allocations() {
        let syms: Vec<Sym> = [
            "FRA",
            "counter-terrorism",
            "FRA",
            "",
            "Gérald Darmanin",
            "FRA",
        ]
        .into_iter()
        .map(Sym::from)
        .collect();
        let (bytes, table) = numbering(|| encode(&syms));
        // Each distinct string once, in order of first use; each Sym a number (a byte here).
        let listed: Vec<&str> = table.iter().collect();
        assert_eq!(listed, ["FRA", "counter-terrorism", "", "Gérald Darmanin"]);
        assert!(bytes.len() < encode(&syms).len(), "{bytes:?}");
        assert_eq!(bytes.len(), 1 + syms.len());
        let table = Arc::new(table);
        let back: Vec<Sym> = numbered(table.clone(), || decode(&bytes)).unwrap();
        assert_eq!(back, syms);
        assert!(Arc::ptr_eq(&back[0].0, &back[2].0) && Arc::ptr_eq(&back[0].0, &back[5].0));
        // Outside the modes a Sym is its string again, both ways.
        assert_eq!(decode::<Vec<Sym>>(&encode(&syms)).unwrap(), syms);
        assert_eq!(serde_json::to_string(&syms[0]).unwrap(), "\"FRA\"");
        // A number past the table is an error, not a panic or an empty string.
        let past = encode(&vec![7u32]);
        let err = numbered(table.clone(), || decode::<Vec<Sym>>(&past)).unwrap_err();
        assert!(err.to_string().contains("out of the table"), "{err}");
        // A panic inside leaves no table behind on the thread.
        let _ = std::panic::catch_unwind(|| numbered(table.clone(), || panic!("inside")));
        assert_eq!(decode::<Vec<Sym>>(&encode(&syms)).unwrap(), syms);
    }

    #[test]
    fn equal_strings_share_one_allocation_only_while_interning() {
        let json = r#"["FRA","FRA","BEL"]"#;
        let apart: Vec<Sym> = serde_json::from_str(json).unwrap();
        assert!(!Arc::ptr_eq(&apart[0].0, &apart[1].0));
        let shared: Vec<Sym> = interning(|| serde_json::from_str(json).unwrap());
        assert!(Arc::ptr_eq(&shared[0].0, &shared[1].0));
        assert!(!Arc::ptr_eq(&shared[0].0, &shared[2].0));
        let again = interning(|| (Sym::from("BEL").shared(), Sym::from("BEL").shared()));
        assert!(Arc::ptr_eq(&again.0.0, &again.1.0));
        // The interner is gone afterwards: nothing is kept alive by it.
        let after: Vec<Sym> = serde_json::from_str(json).unwrap();
        assert!(!Arc::ptr_eq(&after[0].0, &after[1].0));
        assert_eq!(Arc::strong_count(&shared[2].0), 1);
    }
}
