//! The dashboard's columns over the dataset, so that what depends on the filter is a tight
//! loop over small integers instead of [`Filter::matches`] over whole events and a
//! [`Profile`] per partner. Built with the dataset and kept beside it by the cache, so a
//! warm dashboard decodes them instead of building them (see `cache::Columns`);
//! built when the dashboard starts otherwise.
//!
//! Per event the index keeps a key (kind, whether it is planned, and the id of its set of
//! focus areas), the rank of its first and last day among the dates of the corpus, its
//! partners, and the officials on each partner's side. Per partner it keeps its events
//! newest first (the order every list of a profile uses) and the officials of its country.
//!
//! A filter is compiled into lookup tables by asking [`Filter::matches`] itself about each
//! kind, each focus area and each date that occurs in the corpus: the filter is a
//! conjunction of a kind test, a focus test and a date test, so an event passes exactly
//! when its kind, its focus areas and its dates each pass, and the tables agree with the
//! library by construction. A filter change then costs one pass over the event columns for
//! the rows of the country list (totals, contacts, activity per year); the full profile is
//! computed only for the selected partner, from its own events.

use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::{Deserialize, Serialize};

use crate::dates::PartialDate;
use crate::fold::fold;
use crate::gazetteer::Gazetteer;
use crate::model::{ArticleMeta, Event, Kind, Status};
use crate::profile::{Dataset, Filter, Profile};
use crate::sym::SymMemo;

/// The low three bits of a key are the kind (its position in [`Kind::ALL`]).
const KIND_MASK: u32 = 0b111;
/// Set for planned events.
const PLANNED: u32 = 1 << 3;
/// The focus set id is the rest.
const SET_SHIFT: u32 = 4;

fn kind_id(k: Kind) -> usize {
    Kind::ALL.iter().position(|&x| x == k).unwrap_or(0)
}

/// Compressed rows: the items of row `r` are `items[off[r]..off[r + 1]]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(bound(serialize = "T: words::Word", deserialize = "T: words::Word"))]
struct Csr<T> {
    #[serde(with = "words")]
    off: Vec<u32>,
    #[serde(with = "words")]
    items: Vec<T>,
}

/// A column of numbers kept (by the cache) as one run of little-endian bytes, so that
/// reading it back is one pass into a list of its exact length: serde's lists start small
/// and double as they fill, which for a column of a million numbers means copying it as it
/// grows and holding up to twice its room.
mod words {
    use std::marker::PhantomData;

    use serde::de::{self, Deserializer, Visitor};
    use serde::ser::Serializer;

    /// A number of a column, as little-endian bytes.
    pub trait Word: Copy {
        const SIZE: usize;
        fn put(self, out: &mut Vec<u8>);
        /// From exactly `SIZE` bytes.
        fn get(bytes: &[u8]) -> Self;
    }

    fn u32_at(b: &[u8], at: usize) -> u32 {
        u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
    }

    impl Word for u32 {
        const SIZE: usize = 4;
        fn put(self, out: &mut Vec<u8>) {
            out.extend_from_slice(&self.to_le_bytes());
        }
        fn get(bytes: &[u8]) -> u32 {
            u32_at(bytes, 0)
        }
    }

    impl Word for (u32, u32) {
        const SIZE: usize = 8;
        fn put(self, out: &mut Vec<u8>) {
            self.0.put(out);
            self.1.put(out);
        }
        fn get(bytes: &[u8]) -> (u32, u32) {
            (u32_at(bytes, 0), u32_at(bytes, 4))
        }
    }

    /// A (key, value) pair of the article map: the hash's two halves, then the position.
    impl Word for (u64, u32) {
        const SIZE: usize = 12;
        fn put(self, out: &mut Vec<u8>) {
            ((self.0 >> 32) as u32, self.0 as u32).put(out);
            self.1.put(out);
        }
        fn get(bytes: &[u8]) -> (u64, u32) {
            let (hi, lo) = <(u32, u32)>::get(bytes);
            ((u64::from(hi) << 32) | u64::from(lo), u32_at(bytes, 8))
        }
    }

    /// `words` as one run of bytes.
    fn put_all<S: Serializer, T: Word>(
        words: impl ExactSizeIterator<Item = T>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut out = Vec::with_capacity(words.len() * T::SIZE);
        for w in words {
            w.put(&mut out);
        }
        s.serialize_bytes(&out)
    }

    pub fn serialize<S: Serializer, T: Word>(column: &[T], s: S) -> Result<S::Ok, S::Error> {
        put_all(column.iter().copied(), s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>, T: Word>(d: D) -> Result<Vec<T>, D::Error> {
        struct Run<T>(PhantomData<T>);
        impl<T: Word> Visitor<'_> for Run<T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "a run of {}-byte numbers", T::SIZE)
            }
            fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Vec<T>, E> {
                if !bytes.len().is_multiple_of(T::SIZE) {
                    return Err(E::invalid_length(bytes.len(), &self));
                }
                Ok(bytes.chunks_exact(T::SIZE).map(T::get).collect())
            }
        }
        d.deserialize_bytes(Run(PhantomData))
    }

    /// A hash map of the columns, as its (key, value) pairs: read back into a map made
    /// with room for all of them, which is then never rehashed.
    pub mod map {
        use rustc_hash::FxHashMap;
        use serde::{Deserializer, Serializer};

        pub fn serialize<S: Serializer>(m: &FxHashMap<u64, u32>, s: S) -> Result<S::Ok, S::Error> {
            super::put_all(m.iter().map(|(&k, &v)| (k, v)), s)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<FxHashMap<u64, u32>, D::Error> {
            // Collecting a list of known length reserves room for all of it at once.
            let pairs: Vec<(u64, u32)> = super::deserialize(d)?;
            Ok(pairs.into_iter().collect())
        }
    }
}

impl<T: Copy> Csr<T> {
    fn new() -> Csr<T> {
        Csr {
            off: vec![0],
            items: Vec::new(),
        }
    }

    fn row(&self, r: usize) -> &[T] {
        match (self.off.get(r), self.off.get(r + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Closes the row being filled by `items.push`.
    fn end_row(&mut self) {
        self.off.push(to_u32(self.items.len()));
    }

    fn bytes(&self) -> usize {
        self.off.capacity() * 4 + self.items.capacity() * size_of::<T>()
    }

    /// Whether it has `rows` rows, each within the items, in order.
    fn is_sound(&self, rows: usize) -> bool {
        self.off.len() == rows + 1
            && self.off.first() == Some(&0)
            && self
                .off
                .last()
                .is_some_and(|&l| l as usize == self.items.len())
            && self.off.is_sorted()
    }

    /// Appends the rows of `other`, each item mapped by `f`.
    fn append(&mut self, other: &Csr<T>, f: impl Fn(T) -> T) {
        let base = to_u32(self.items.len());
        self.off.extend(other.off[1..].iter().map(|&o| base + o));
        self.items.reserve_exact(other.items.len());
        self.items.extend(other.items.iter().map(|&x| f(x)));
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A map from strings of the dataset (article ids) to their position, holding only hashes:
/// the strings themselves stay in the dataset.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct StrIndex {
    #[serde(with = "words::map")]
    first: FxHashMap<u64, u32>,
    /// Positions whose hash was taken by another string, checked one by one (rare).
    clash: Vec<u32>,
}

impl StrIndex {
    fn new<'s>(strings: impl Iterator<Item = &'s str>) -> StrIndex {
        let mut ix = StrIndex::default();
        let all: Vec<&str> = strings.collect();
        ix.first.reserve(all.len());
        for (i, s) in all.iter().enumerate() {
            let h = FxBuildHasher.hash_one(s);
            match ix.first.get(&h) {
                // The same string again: the first keeps its place, as a linear search would.
                Some(&j) if all[j as usize] == *s => {}
                Some(_) => ix.clash.push(to_u32(i)),
                None => {
                    ix.first.insert(h, to_u32(i));
                }
            }
        }
        ix
    }

    fn get<'s>(&self, s: &str, at: impl Fn(usize) -> Option<&'s str>) -> Option<usize> {
        let h = FxBuildHasher.hash_one(s);
        if let Some(&i) = self.first.get(&h)
            && at(i as usize) == Some(s)
        {
            return Some(i as usize);
        }
        self.clash
            .iter()
            .map(|&i| i as usize)
            .find(|&i| at(i) == Some(s))
    }

    fn bytes(&self) -> usize {
        self.first.capacity() * 16 + self.clash.capacity() * 4
    }
}

/// A partner of the home country, as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerInfo {
    pub code: String,
    pub name: String,
    /// `fold(name)`, the key of the name order.
    pub folded: String,
}

/// One row of the country list: what a [`Profile`] says about the partner, without its
/// lists, under the current filter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// ISO alpha-3 or organisation code.
    pub partner: String,
    pub name: String,
    pub total: usize,
    /// Matching events per kind, in the order of [`Kind::ALL`].
    pub counts: [usize; 7],
    /// The earliest date among the matching events that happened.
    pub first_contact: Option<PartialDate>,
    /// The latest date among the matching events that happened.
    pub last_contact: Option<PartialDate>,
    /// Events per year, ascending, the years between included as zeros (as
    /// [`Profile::activity`]).
    pub activity: Vec<(i32, usize)>,
    /// The partner's position in the index.
    pub(crate) id: usize,
}

impl Row {
    /// The number of matching events dated in `year`.
    pub fn in_year(&self, year: i32) -> usize {
        let Some(&(lo, _)) = self.activity.first() else {
            return 0;
        };
        usize::try_from(i64::from(year) - i64::from(lo))
            .ok()
            .and_then(|k| self.activity.get(k))
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }
}

/// The rows of the country list under one filter, in the profiles' own order (busiest
/// first), with what the list draws across rows.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    pub rows: Vec<Row>,
    /// Events with a partner that match the filter.
    pub matching: usize,
    /// The years the activity sparklines span, across all rows.
    pub years: Option<(i32, i32)>,
    /// The most events of one partner in one year.
    pub max_year_count: usize,
}

/// A filter as lookup tables over the index's dictionaries.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// The filter is empty: every event passes.
    all: bool,
    kind_ok: [bool; 8],
    /// Per focus set.
    set_ok: Vec<bool>,
    /// Per date rank (0: undated), for the last day and the first day.
    since_ok: Vec<bool>,
    until_ok: Vec<bool>,
    /// As `Filter::is_empty`, which decides whether profiles list officials met only in
    /// events listed under another partner.
    pub empty: bool,
}

/// Per-partner data the views need beyond the profile.
#[derive(Clone, Debug, Default)]
pub struct PartnerExtra {
    /// Every event of the profile, ascending.
    pub events: Vec<usize>,
    /// Per counterpart (aligned with `Profile::counterparts`): the last contact with this
    /// partner under the filter, else the person's last contact.
    pub last_met: Vec<Option<PartialDate>>,
    /// The articles reporting the profile's events, newest first.
    pub sources: Vec<SourceRow>,
    /// The events of each source, newest first, one slice per source.
    source_events: Vec<usize>,
}

/// An article of the Sources tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRow {
    /// The article id.
    pub article: String,
    /// Its position in `Dataset::articles`, when it is there.
    pub meta: Option<usize>,
    events: (usize, usize),
}

impl PartnerExtra {
    pub fn contains(&self, event: usize) -> bool {
        self.events.binary_search(&event).is_ok()
    }

    /// The events of source `i`, newest first.
    pub fn source_events(&self, i: usize) -> &[usize] {
        self.sources
            .get(i)
            .and_then(|s| self.source_events.get(s.events.0..s.events.1))
            .unwrap_or(&[])
    }
}

/// The columns; see the module documentation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub partners: Vec<PartnerInfo>,
    /// Per event: kind, planned, focus set.
    #[serde(with = "words")]
    key: Vec<u32>,
    /// Per event: the rank of its date and of its last day in `dates` (0: undated).
    #[serde(with = "words")]
    start: Vec<u32>,
    #[serde(with = "words")]
    end: Vec<u32>,
    /// Per event: its partners' ids.
    event_partners: Csr<u32>,
    /// Per partner: its events, newest first (undated last, later-listed first among
    /// equals), as `Dataset::profile` lists them.
    partner_events: Csr<u32>,
    /// Per event: the officials on a partner's side, with that partner.
    side: Csr<(u32, u32)>,
    /// Per partner: the people whose country it is.
    partner_people: Csr<u32>,
    /// Per person: the rank of `fold(name)`, the last key of the counterpart order.
    #[serde(with = "words")]
    person_rank: Vec<u32>,
    /// Per person: their events (as `PersonRecord::events`) and last contact, so that a
    /// profile is made from the columns alone (the dashboard's first frame is drawn before
    /// the officials are read).
    person_events: Csr<u32>,
    person_last: Vec<Option<PartialDate>>,
    /// Rank → date; rank 0 stands for "undated".
    dates: Vec<PartialDate>,
    /// Rank → position in `years`.
    #[serde(with = "words")]
    date_year: Vec<u32>,
    /// The years of the corpus, ascending.
    years: Vec<i32>,
    /// Focus area strings as written, in order of first appearance.
    focus: Vec<String>,
    /// Per focus set: its areas (ids into `focus`, ascending, once each).
    sets: Csr<u32>,
    /// Per focus set: the events with a partner that have it.
    #[serde(with = "words")]
    set_count: Vec<u32>,
    /// Events with a partner, per kind.
    kind_count: [usize; 7],
    /// Events with a partner.
    pub with_partner: usize,
    /// The years of the events with a partner, ascending.
    partner_years: Vec<i32>,
    articles: StrIndex,
    /// Per article: its position in the Sources order (newest published first, undated
    /// last, then by id); and the articles in that order.
    #[serde(with = "words")]
    article_rank: Vec<u32>,
    #[serde(with = "words")]
    by_rank: Vec<u32>,
    /// Per event: the position of each source's article in `Dataset::articles`
    /// (`u32::MAX` when it is not there).
    event_articles: Csr<u32>,
}

/// One half of the events, scanned with its own dictionaries (ids local to the half).
struct Chunk<'d> {
    codes: Vec<&'d str>,
    focus: Vec<&'d str>,
    /// Sets of local focus ids, ascending.
    sets: Csr<u32>,
    /// Distinct dates; local date id `k` is `dates[k - 1]`, 0 is "undated".
    dates: Vec<PartialDate>,
    key: Vec<u32>,
    start: Vec<u32>,
    end: Vec<u32>,
    partners: Csr<u32>,
    side: Csr<(u32, u32)>,
    articles: Csr<u32>,
}

/// The id of `s` in a dictionary (`ids` maps each string of `list` to its position), added
/// at the end when it is new.
fn id_in<'d>(ids: &mut FxHashMap<&'d str, u32>, list: &mut Vec<&'d str>, s: &'d str) -> u32 {
    *ids.entry(s).or_insert_with(|| {
        list.push(s);
        to_u32(list.len() - 1)
    })
}

/// What a scan looks names up in.
#[derive(Clone, Copy)]
struct Ctx<'c> {
    people: &'c FxHashMap<&'c str, u32>,
    articles: &'c StrIndex,
    data: &'c Dataset,
}

impl<'d> Chunk<'d> {
    /// The columns of `events`, with room in the per-event ones for `rows` in all.
    fn scan(events: &'d [Event], rows: usize, ctx: Ctx<'_>) -> Chunk<'d> {
        let people_index = ctx.people;
        let n = rows.max(events.len());
        let mut c = Chunk {
            codes: Vec::new(),
            focus: Vec::new(),
            sets: Csr::new(),
            dates: Vec::new(),
            key: Vec::with_capacity(n),
            start: Vec::with_capacity(n),
            end: Vec::with_capacity(n),
            partners: Csr::new(),
            side: Csr::new(),
            articles: Csr::new(),
        };
        c.partners.off.reserve(n);
        c.side.off.reserve(n);
        c.articles.off.reserve(n);
        let mut code_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut focus_ids: FxHashMap<&str, u32> = FxHashMap::default();
        let mut set_ids: FxHashMap<Vec<u32>, u32> = FxHashMap::default();
        let mut date_ids: FxHashMap<PartialDate, u32> = FxHashMap::default();
        // Events come sorted by date, so the last date seen is usually the next one.
        let mut last: Option<(PartialDate, u32)> = None;
        // What was worked out for a string, by where the string is held: an event's codes,
        // areas, names and article ids are copies of a few shared strings, so this saves
        // hashing and comparing the strings themselves again and again.
        let mut focus_of: SymMemo<u32> = SymMemo::default();
        let mut code_of: SymMemo<u32> = SymMemo::default();
        let mut article_of: SymMemo<u32> = SymMemo::default();
        // The official of a spelling: most spellings recur, so each is folded once.
        let mut person_of: SymMemo<Option<u32>> = SymMemo::default();
        let mut buf: Vec<u32> = Vec::new();
        let mut local: Vec<u32> = Vec::new();
        for e in events {
            buf.clear();
            for f in &e.focus {
                buf.push(
                    *focus_of.get_or_insert_with(f, || id_in(&mut focus_ids, &mut c.focus, f)),
                );
            }
            buf.sort_unstable();
            buf.dedup();
            let set = match set_ids.get(buf.as_slice()) {
                Some(&s) => s,
                None => {
                    let s = to_u32(c.sets.off.len() - 1);
                    c.sets.items.extend_from_slice(&buf);
                    c.sets.end_row();
                    set_ids.insert(buf.clone(), s);
                    s
                }
            };
            let planned = if e.status == Status::Planned {
                PLANNED
            } else {
                0
            };
            c.key
                .push(to_u32(kind_id(e.kind)) | planned | (set << SET_SHIFT));
            let mut date_id = |d: PartialDate| -> u32 {
                if let Some((ld, id)) = last
                    && ld == d
                {
                    return id;
                }
                let dates = &mut c.dates;
                let id = *date_ids.entry(d).or_insert_with(|| {
                    dates.push(d);
                    to_u32(dates.len())
                });
                last = Some((d, id));
                id
            };
            match e.date {
                Some(d) => {
                    let s = date_id(d);
                    let t = e.date_end.map(&mut date_id).unwrap_or(s);
                    c.start.push(s);
                    c.end.push(t);
                }
                None => {
                    c.start.push(0);
                    c.end.push(0);
                }
            }
            local.clear();
            for p in &e.partners {
                local
                    .push(*code_of.get_or_insert_with(p, || id_in(&mut code_ids, &mut c.codes, p)));
            }
            c.partners.items.extend_from_slice(&local);
            c.partners.end_row();
            for cp in &e.counterparts {
                // The partner whose side the official is on, as `Dataset::profile` tells.
                let at = match &cp.country {
                    Some(country) => e.partners.iter().position(|p| p == country),
                    None if e.partners.len() == 1 => Some(0),
                    None => None,
                };
                let Some(at) = at else { continue };
                let person = *person_of.get_or_insert_with(&cp.name, || {
                    people_index.get(fold(&cp.name).as_str()).copied()
                });
                if let Some(person) = person {
                    c.side.items.push((person, local[at]));
                }
            }
            c.side.end_row();
            for src in &e.sources {
                let a = *article_of.get_or_insert_with(&src.article, || {
                    ctx.articles
                        .get(&src.article, |i| {
                            ctx.data.articles.get(i).map(|a| a.id.as_str())
                        })
                        .map_or(u32::MAX, to_u32)
                });
                c.articles.items.push(a);
            }
            c.articles.end_row();
        }
        c
    }
}

/// Each article's rank in the Sources order, and the order itself.
fn article_order(data: &Dataset) -> (Vec<u32>, Vec<u32>) {
    let mut by_rank: Vec<u32> = (0..to_u32(data.articles.len())).collect();
    by_rank.sort_by(|&a, &b| {
        let (a, b) = (&data.articles[a as usize], &data.articles[b as usize]);
        source_order(a.published, &a.id).cmp(&source_order(b.published, &b.id))
    });
    let mut article_rank = vec![0u32; data.articles.len()];
    for (r, &a) in by_rank.iter().enumerate() {
        article_rank[a as usize] = to_u32(r);
    }
    (article_rank, by_rank)
}

impl Index {
    pub fn new(data: &Dataset, gz: &Gazetteer) -> Index {
        let events = &data.events;
        let n = events.len();

        // People by folded name; a later person with the same key wins, as in the library.
        let folded: Vec<String> = data.people.iter().map(|p| fold(&p.name)).collect();
        let people_index: FxHashMap<&str, u32> = folded
            .iter()
            .enumerate()
            .map(|(i, f)| (f.as_str(), to_u32(i)))
            .collect();

        // The events in two halves, one per core, each with its own dictionaries; the
        // articles' order on the side.
        let (first, second) = events.split_at(n / 2);
        let articles = StrIndex::new(data.articles.iter().map(|a| a.id.as_str()));
        let (c0, c1, (article_rank, by_rank)) = std::thread::scope(|s| {
            let ctx = Ctx {
                people: &people_index,
                articles: &articles,
                data,
            };
            let h1 = s.spawn(move || Chunk::scan(second, 0, ctx));
            let h2 = s.spawn(|| article_order(data));
            // The first half's columns become the whole's: room for every event.
            let c0 = Chunk::scan(first, n, ctx);
            let c1 = h1.join().unwrap_or_else(|_| Chunk::scan(second, 0, ctx));
            let arts = h2.join().unwrap_or_else(|_| article_order(data));
            (c0, c1, arts)
        });

        // Partners, sorted by code as `Dataset::profiles` meets them.
        let mut codes: Vec<&str> = c0.codes.iter().chain(&c1.codes).copied().collect();
        codes.sort_unstable();
        codes.dedup();
        let global_partner = |c: &Chunk| -> Vec<u32> {
            c.codes
                .iter()
                .map(|code| to_u32(codes.binary_search(code).unwrap_or(0)))
                .collect()
        };
        let (p0, p1) = (global_partner(&c0), global_partner(&c1));
        let partners: Vec<PartnerInfo> = codes
            .iter()
            .map(|&code| {
                let name = gz
                    .country(code)
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| code.to_owned());
                PartnerInfo {
                    code: code.to_owned(),
                    folded: fold(&name),
                    name,
                }
            })
            .collect();

        // Focus areas in order of first appearance: the first half's, then the new ones of
        // the second; sets as sets of those ids.
        let mut focus: Vec<&str> = c0.focus.clone();
        let mut focus_ids: FxHashMap<&str, u32> = c0
            .focus
            .iter()
            .enumerate()
            .map(|(i, f)| (*f, to_u32(i)))
            .collect();
        let f1: Vec<u32> = c1
            .focus
            .iter()
            .map(|&f| id_in(&mut focus_ids, &mut focus, f))
            .collect();
        let focus: Vec<String> = focus.into_iter().map(str::to_owned).collect();
        let mut sets = c0.sets.clone();
        let mut set_ids: FxHashMap<Vec<u32>, u32> = (0..c0.sets.off.len() - 1)
            .map(|k| (c0.sets.row(k).to_vec(), to_u32(k)))
            .collect();
        let mut buf = Vec::new();
        let s1: Vec<u32> = (0..c1.sets.off.len() - 1)
            .map(|k| {
                buf.clear();
                buf.extend(c1.sets.row(k).iter().map(|&a| f1[a as usize]));
                buf.sort_unstable();
                *set_ids.entry(buf.clone()).or_insert_with(|| {
                    sets.items.extend_from_slice(&buf);
                    sets.end_row();
                    to_u32(sets.off.len() - 2)
                })
            })
            .collect();

        // Dates ranked once all are known; rank 0 is "undated".
        let mut dates: Vec<PartialDate> = c0.dates.iter().chain(&c1.dates).copied().collect();
        dates.sort_unstable();
        dates.dedup();
        dates.insert(0, PartialDate::year(0));
        let rank = |c: &Chunk| -> Vec<u32> {
            std::iter::once(0)
                .chain(
                    c.dates
                        .iter()
                        .map(|d| to_u32(dates[1..].binary_search(d).unwrap_or(0) + 1)),
                )
                .collect()
        };
        let (r0, r1) = (rank(&c0), rank(&c1));
        let mut years: Vec<i32> = dates[1..].iter().map(|d| d.year).collect();
        years.dedup();
        let mut date_year = vec![0u32; dates.len()];
        for (r, d) in dates.iter().enumerate().skip(1) {
            date_year[r] = to_u32(years.partition_point(|&y| y < d.year));
        }

        // The halves' columns end to end, in global ids: the first half's rewritten in
        // place (its rows were reserved for every event), then the second's appended, so
        // that the columns are never held three times (two halves and the whole).
        let Chunk {
            mut key,
            mut start,
            mut end,
            partners: mut event_partners,
            mut side,
            articles: mut event_articles,
            ..
        } = c0;
        for s in start.iter_mut().chain(end.iter_mut()) {
            *s = r0[*s as usize];
        }
        for p in &mut event_partners.items {
            *p = p0[*p as usize];
        }
        for (_, p) in &mut side.items {
            *p = p0[*p as usize];
        }
        key.extend(c1.key.iter().map(|&k| {
            let set = s1[(k >> SET_SHIFT) as usize];
            (k & !(u32::MAX << SET_SHIFT)) | (set << SET_SHIFT)
        }));
        start.extend(c1.start.iter().map(|&s| r1[s as usize]));
        end.extend(c1.end.iter().map(|&s| r1[s as usize]));
        event_partners.append(&c1.partners, |p| p1[p as usize]);
        side.append(&c1.side, |(person, p)| (person, p1[p as usize]));
        event_articles.append(&c1.articles, |a| a);
        drop(c1);

        let mut person_rank = vec![0u32; folded.len()];
        let mut by_fold: Vec<u32> = (0..to_u32(folded.len())).collect();
        if !folded.is_sorted() {
            by_fold.sort_by(|&a, &b| folded[a as usize].cmp(&folded[b as usize]));
        }
        for (r, &p) in by_fold.iter().enumerate() {
            person_rank[p as usize] = to_u32(r);
        }
        let mut person_events = Csr::new();
        for p in &data.people {
            person_events
                .items
                .extend(p.events.iter().map(|&e| to_u32(e)));
            person_events.end_row();
        }
        let person_last = data.people.iter().map(|p| p.last_contact).collect();
        let mut partner_people = Csr::new();
        {
            let mut per: Vec<Vec<u32>> = vec![Vec::new(); partners.len()];
            for (i, p) in data.people.iter().enumerate() {
                if let Some(pid) = p
                    .country
                    .as_deref()
                    .and_then(|c| codes.binary_search(&c).ok())
                {
                    per[pid].push(to_u32(i));
                }
            }
            for v in per {
                partner_people.items.extend(v);
                partner_people.end_row();
            }
        }

        // Per partner, its events newest first: events come sorted by date, so the reversed
        // order is (nearly) sorted already and the sort is a check.
        let mut newest: Vec<u32> = (0..to_u32(n)).rev().collect();
        newest.sort_by_key(|&i| {
            let s = start[i as usize];
            (s == 0, Reverse(s), Reverse(i))
        });
        let mut count = vec![0u32; partners.len() + 1];
        for &pid in &event_partners.items {
            count[pid as usize + 1] += 1;
        }
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        let mut fill = count.clone();
        let mut items = vec![0u32; event_partners.items.len()];
        for &e in &newest {
            for &pid in event_partners.row(e as usize) {
                items[fill[pid as usize] as usize] = e;
                fill[pid as usize] += 1;
            }
        }
        let partner_events = Csr { off: count, items };

        // What the pickers and presets count, over the events with a partner.
        let mut set_count = vec![0u32; sets.off.len() - 1];
        let mut kind_count = [0usize; 7];
        let mut with_partner = 0;
        let mut year_seen = vec![false; years.len()];
        for e in 0..n {
            if event_partners.row(e).is_empty() {
                continue;
            }
            with_partner += 1;
            set_count[(key[e] >> SET_SHIFT) as usize] += 1;
            kind_count[(key[e] & KIND_MASK) as usize] += 1;
            if start[e] != 0 {
                year_seen[date_year[start[e] as usize] as usize] = true;
            }
        }
        let partner_years = years
            .iter()
            .zip(&year_seen)
            .filter(|(_, s)| **s)
            .map(|(y, _)| *y)
            .collect();

        Index {
            partners,
            key,
            start,
            end,
            event_partners,
            partner_events,
            side,
            partner_people,
            person_rank,
            person_events,
            person_last,
            dates,
            date_year,
            years,
            focus,
            sets,
            set_count,
            kind_count,
            with_partner,
            partner_years,
            articles,
            article_rank,
            by_rank,
            event_articles,
        }
    }

    /// Whether these columns can stand for `data`'s (read from a file, which a checksum
    /// guards against damage but not against a file made to pass it): every column has a
    /// row per event, partner, person or article, and every id in them is within what it
    /// numbers, so no look-up can fall outside a list. Whether they are `data`'s own is
    /// the cache's key to say.
    pub fn is_sound(&self, data: &Dataset) -> bool {
        let (n, np) = (data.events.len(), self.partners.len());
        let (people, articles) = (data.people.len(), data.articles.len());
        let (nsets, ndates) = (self.set_count.len(), self.dates.len());
        let below = |v: &[u32], n: usize| v.iter().all(|&x| (x as usize) < n);
        let rows_ok = [self.key.len(), self.start.len(), self.end.len()] == [n; 3]
            && self.event_partners.is_sound(n)
            && self.side.is_sound(n)
            && self.event_articles.is_sound(n)
            && self.partner_events.is_sound(np)
            && self.partner_people.is_sound(np)
            && self.sets.is_sound(nsets)
            && self.person_rank.len() == people
            && self.person_events.is_sound(people)
            && self.person_last.len() == people
            && self.date_year.len() == ndates
            && [self.article_rank.len(), self.by_rank.len()] == [articles; 2];
        rows_ok
            && ndates > 0
            && self.partners.is_sorted_by(|a, b| a.code < b.code)
            && self.key.iter().all(|&k| {
                ((k & KIND_MASK) as usize) < Kind::ALL.len() && ((k >> SET_SHIFT) as usize) < nsets
            })
            && below(&self.start, ndates)
            && below(&self.end, ndates)
            && below(&self.date_year[1..], self.years.len())
            && below(&self.event_partners.items, np)
            && self
                .side
                .items
                .iter()
                .all(|&(person, p)| (person as usize) < people && (p as usize) < np)
            && below(&self.partner_events.items, n)
            && below(&self.partner_people.items, people)
            && below(&self.person_events.items, n)
            && below(&self.sets.items, self.focus.len())
            && below(&self.article_rank, articles)
            && below(&self.by_rank, articles)
            && self
                .event_articles
                .items
                .iter()
                .all(|&a| a == u32::MAX || (a as usize) < articles)
            && self
                .articles
                .first
                .values()
                .all(|&i| (i as usize) < articles)
            && below(&self.articles.clash, articles)
    }

    /// The heap the index holds, in bytes.
    pub fn bytes(&self) -> usize {
        let strings: usize = self
            .partners
            .iter()
            .map(|p| p.code.capacity() + p.name.capacity() + p.folded.capacity() + 72)
            .sum::<usize>()
            + self.focus.iter().map(|f| f.capacity() + 24).sum::<usize>();
        strings
            + (self.key.capacity() + self.start.capacity() + self.end.capacity()) * 4
            + self.event_partners.bytes()
            + self.partner_events.bytes()
            + self.side.bytes()
            + self.partner_people.bytes()
            + self.person_rank.capacity() * 4
            + self.person_events.bytes()
            + self.person_last.capacity() * size_of::<Option<PartialDate>>()
            + self.dates.capacity() * size_of::<PartialDate>()
            + self.date_year.capacity() * 4
            + self.years.capacity() * 4
            + self.sets.bytes()
            + self.set_count.capacity() * 4
            + self.partner_years.capacity() * 4
            + self.articles.bytes()
            + self.article_rank.capacity() * 4
            + self.by_rank.capacity() * 4
            + self.event_articles.bytes()
    }

    /// The position of an article in `Dataset::articles` (the first, should an id repeat).
    pub fn article(&self, data: &Dataset, id: &str) -> Option<usize> {
        self.articles
            .get(id, |i| data.articles.get(i).map(|a| a.id.as_str()))
    }

    pub fn partner(&self, code: &str) -> Option<usize> {
        self.partners
            .binary_search_by(|p| p.code.as_str().cmp(code))
            .ok()
    }

    /// The filter as tables, asking [`Filter::matches`] about each kind, focus area and
    /// date of the corpus.
    pub fn compile(&self, f: &Filter) -> Compiled {
        let mut probe = Event::empty(Kind::Agreement);
        let kinds = Filter {
            kinds: f.kinds.clone(),
            ..Filter::default()
        };
        let mut kind_ok = [false; 8];
        for (i, &k) in Kind::ALL.iter().enumerate() {
            probe.kind = k;
            kind_ok[i] = kinds.matches(&probe);
        }
        probe.kind = Kind::Agreement;
        let set_ok = if f.focus.is_empty() {
            vec![true; self.set_count.len()]
        } else {
            let areas = Filter {
                focus: f.focus.clone(),
                ..Filter::default()
            };
            let hit: Vec<bool> = self
                .focus
                .iter()
                .map(|a| {
                    probe.focus = vec![a.into()];
                    areas.matches(&probe)
                })
                .collect();
            probe.focus.clear();
            // The filter asks for at least one of its areas: an event without any fails.
            (0..self.set_count.len())
                .map(|s| self.sets.row(s).iter().any(|&a| hit[a as usize]))
                .collect()
        };
        let table = |bound: Filter| -> Vec<bool> {
            let mut probe = probe.clone();
            let mut out = Vec::with_capacity(self.dates.len());
            out.push(bound.matches(&probe));
            for &d in &self.dates[1..] {
                probe.date = Some(d);
                out.push(bound.matches(&probe));
            }
            out
        };
        let since_ok = table(Filter {
            since: f.since,
            ..Filter::default()
        });
        let until_ok = table(Filter {
            until: f.until,
            ..Filter::default()
        });
        Compiled {
            all: f.is_empty(),
            kind_ok,
            set_ok,
            since_ok,
            until_ok,
            empty: f.is_empty(),
        }
    }

    #[inline]
    fn pass(&self, cf: &Compiled, e: usize) -> bool {
        if cf.all {
            return true;
        }
        let k = self.key[e];
        cf.kind_ok[(k & KIND_MASK) as usize]
            && cf.set_ok[(k >> SET_SHIFT) as usize]
            && cf.since_ok[self.end[e] as usize]
            && cf.until_ok[self.start[e] as usize]
    }

    fn date(&self, rank: u32) -> Option<PartialDate> {
        (rank != 0).then(|| self.dates[rank as usize])
    }

    /// The focus areas of the events of partner `pid` (its place in the index, [`Row`]'s
    /// `id`) that pass `cf`, and how many of them name each: [`Profile::focus`] from the
    /// columns, as [`Index::profile_alone`] gives it.
    pub fn partner_focus(&self, pid: usize, cf: &Compiled) -> Vec<(String, usize)> {
        let mut set_hits = vec![0usize; self.set_count.len()];
        for &e in self.partner_events.row(pid) {
            let e = e as usize;
            if self.pass(cf, e)
                && let Some(n) = set_hits.get_mut((self.key[e] >> SET_SHIFT) as usize)
            {
                *n += 1;
            }
        }
        self.focus_of_sets(&set_hits)
    }

    /// The focus areas of events counted per focus set (`set_hits[set]`), and how many
    /// events name each, most named first, then by folded name; among equal keys in string
    /// order (the library counts in a map keyed by the area and sorts that stably).
    fn focus_of_sets(&self, set_hits: &[usize]) -> Vec<(String, usize)> {
        let mut area_count = vec![0usize; self.focus.len()];
        for (set, &n) in set_hits.iter().enumerate().filter(|(_, n)| **n > 0) {
            for &a in self.sets.row(set) {
                area_count[a as usize] += n;
            }
        }
        let mut focus: Vec<(String, usize)> = area_count
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(a, n)| (self.focus[a].clone(), *n))
            .collect();
        focus.sort_by(|a, b| a.0.cmp(&b.0));
        focus.sort_by_cached_key(|(a, n)| (Reverse(*n), fold(a)));
        focus
    }

    /// The rows of the country list, busiest first (as `Dataset::profiles` orders them).
    pub fn rows(&self, cf: &Compiled) -> Rows {
        let np = self.partners.len();
        let ny = self.years.len();
        let mut total = vec![0u32; np];
        let mut kinds = vec![0u32; np * 8];
        // Ranks of the first and last happened dates; 0 for none.
        let mut lo = vec![u32::MAX; np];
        let mut hi = vec![0u32; np];
        let mut per_year = vec![0u32; np * ny];
        let mut matching = 0;
        for e in 0..self.key.len() {
            if !self.pass(cf, e) {
                continue;
            }
            let parts = self.event_partners.row(e);
            if parts.is_empty() {
                continue;
            }
            matching += 1;
            let k = self.key[e];
            let s = self.start[e];
            let happened = s != 0 && k & PLANNED == 0;
            let year = (s != 0).then(|| self.date_year[s as usize] as usize);
            for &p in parts {
                let p = p as usize;
                total[p] += 1;
                kinds[p * 8 + (k & KIND_MASK) as usize] += 1;
                if happened {
                    lo[p] = lo[p].min(s);
                    hi[p] = hi[p].max(s);
                }
                if let Some(y) = year {
                    per_year[p * ny + y] += 1;
                }
            }
        }
        let mut rows: Vec<Row> = Vec::new();
        let mut years: Option<(i32, i32)> = None;
        let mut max_year_count = 0;
        for p in 0..np {
            if total[p] == 0 {
                continue;
            }
            let counts_y = &per_year[p * ny..(p + 1) * ny];
            let first = counts_y.iter().position(|&c| c > 0);
            let last = counts_y.iter().rposition(|&c| c > 0);
            let activity = match (first, last) {
                (Some(a), Some(b)) => {
                    let (ya, yb) = (self.years[a], self.years[b]);
                    years = Some(match years {
                        None => (ya, yb),
                        Some((l, h)) => (l.min(ya), h.max(yb)),
                    });
                    let mut out: Vec<(i32, usize)> = (ya..=yb).map(|y| (y, 0)).collect();
                    for (i, &c) in counts_y.iter().enumerate().take(b + 1).skip(a) {
                        if let Some(slot) = usize::try_from(self.years[i] - ya)
                            .ok()
                            .and_then(|k| out.get_mut(k))
                        {
                            slot.1 = c as usize;
                        }
                        max_year_count = max_year_count.max(c as usize);
                    }
                    out
                }
                _ => Vec::new(),
            };
            let mut counts = [0usize; 7];
            for (k, c) in counts.iter_mut().enumerate() {
                *c = kinds[p * 8 + k] as usize;
            }
            let info = &self.partners[p];
            rows.push(Row {
                partner: info.code.clone(),
                name: info.name.clone(),
                total: total[p] as usize,
                counts,
                first_contact: (lo[p] != u32::MAX).then(|| self.dates[lo[p] as usize]),
                last_contact: self.date(hi[p]),
                activity,
                id: p,
            });
        }
        rows.sort_by(|a, b| {
            b.total
                .cmp(&a.total)
                .then_with(|| self.partners[a.id].folded.cmp(&self.partners[b.id].folded))
                .then_with(|| a.partner.cmp(&b.partner))
        });
        Rows {
            rows,
            matching,
            years,
            max_year_count,
        }
    }

    /// The folded name of a row's partner, the key of the name order.
    pub fn folded_name(&self, row: &Row) -> &str {
        &self.partners[row.id].folded
    }

    /// The profile of partner `pid` under the filter, and what the views need beyond it:
    /// equal to `Dataset::profile` for the same filter, from the partner's own events.
    pub fn profile(&self, data: &Dataset, pid: usize, cf: &Compiled) -> (Profile, PartnerExtra) {
        let (profile, events) = self.profile_and_events(pid, cf);
        let extra = self.extra(data, &events, &profile.counterparts);
        (profile, extra)
    }

    /// The profile of [`Index::profile`] without the extras: made from the columns alone,
    /// it reads no event or official of the dataset (which may not be read yet).
    pub fn profile_alone(&self, pid: usize, cf: &Compiled) -> Profile {
        self.profile_and_events(pid, cf).0
    }

    /// The profile, and its events ascending.
    fn profile_and_events(&self, pid: usize, cf: &Compiled) -> (Profile, Vec<usize>) {
        let info = &self.partners[pid];
        let matching: Vec<usize> = self
            .partner_events
            .row(pid)
            .iter()
            .map(|&e| e as usize)
            .filter(|&e| self.pass(cf, e))
            .collect();

        // Counted in arrays indexed by kind, focus set and year, turned into the profile's
        // maps at the end: a busy partner has tens of thousands of events.
        let mut by_kind = [0usize; 7];
        let mut set_hits = vec![0usize; self.set_count.len()];
        let mut per_year = vec![0usize; self.years.len()];
        let (mut lo, mut hi) = (u32::MAX, 0u32);
        let mut agreements = Vec::new();
        let mut timeline = Vec::new();
        let mut other_lists: [Vec<usize>; 7] = Default::default();
        let mut planned = Vec::new();
        for &e in &matching {
            let k = self.key[e];
            let kind_at = (k & KIND_MASK) as usize;
            by_kind[kind_at] += 1;
            if let Some(n) = set_hits.get_mut((k >> SET_SHIFT) as usize) {
                *n += 1;
            }
            let s = self.start[e];
            if s != 0 {
                if let Some(n) = per_year.get_mut(self.date_year[s as usize] as usize) {
                    *n += 1;
                }
                if k & PLANNED == 0 {
                    lo = lo.min(s);
                    hi = hi.max(s);
                }
            }
            match Kind::ALL[kind_at] {
                Kind::Agreement => agreements.push(e),
                Kind::Meeting | Kind::Visit => timeline.push(e),
                _ => other_lists[kind_at].push(e),
            }
            if k & PLANNED != 0 {
                planned.push(e);
            }
        }
        let counts: BTreeMap<Kind, usize> = Kind::ALL
            .into_iter()
            .zip(by_kind)
            .filter(|(_, n)| *n > 0)
            .collect();
        let others: BTreeMap<Kind, Vec<usize>> = Kind::ALL
            .into_iter()
            .zip(other_lists)
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let focus = self.focus_of_sets(&set_hits);
        // Every year from the first to the last with an event, the years between at zero.
        let mut activity: BTreeMap<i32, usize> = BTreeMap::new();
        for (i, &n) in per_year.iter().enumerate().filter(|(_, n)| **n > 0) {
            activity.insert(self.years[i], n);
        }
        let activity: Vec<(i32, usize)> =
            match (activity.keys().next(), activity.keys().next_back()) {
                (Some(&a), Some(&b)) => (a..=b)
                    .map(|y| (y, activity.get(&y).copied().unwrap_or(0)))
                    .collect(),
                _ => Vec::new(),
            };

        // The partner's officials in the matching events, the latest date each was met;
        // with no filter, also its country's officials met elsewhere.
        let mut latest: FxHashMap<u32, Option<PartialDate>> = FxHashMap::default();
        for &e in &matching {
            let d = self.start_date(e);
            for &(person, p) in self.side.row(e) {
                if p as usize == pid {
                    let slot = latest.entry(person).or_default();
                    *slot = (*slot).max(d);
                }
            }
        }
        if cf.empty {
            for &person in self.partner_people.row(pid) {
                latest
                    .entry(person)
                    .or_insert(self.person_last[person as usize]);
            }
        }
        let mut people: Vec<(u32, Option<PartialDate>)> = latest.into_iter().collect();
        people.sort_unstable_by_key(|&(i, d)| {
            (d.is_none(), Reverse(d), self.person_rank[i as usize])
        });
        let counterparts: Vec<usize> = people.iter().map(|&(i, _)| i as usize).collect();

        let profile = Profile {
            partner: info.code.clone(),
            name: info.name.clone(),
            counts,
            total: matching.len(),
            first_contact: (lo != u32::MAX).then(|| self.dates[lo as usize]),
            last_contact: self.date(hi),
            agreements,
            timeline,
            others,
            planned,
            focus,
            counterparts,
            activity,
        };
        let mut events = matching;
        events.sort_unstable();
        (profile, events)
    }

    /// The extras of a profile whose events are `events` (ascending).
    fn extra(&self, data: &Dataset, events: &[usize], counterparts: &[usize]) -> PartnerExtra {
        let mut member = vec![0u64; data.events.len().div_ceil(64)];
        for &e in events {
            member[e / 64] |= 1 << (e % 64);
        }
        let has = |e: usize| member.get(e / 64).is_some_and(|w| w & (1 << (e % 64)) != 0);
        let last_met = counterparts
            .iter()
            .map(|&i| {
                let last = *self.person_last.get(i)?;
                self.person_events
                    .row(i)
                    .iter()
                    .map(|&e| e as usize)
                    .filter(|&e| has(e) && self.key[e] & PLANNED == 0)
                    .filter_map(|e| self.start_date(e))
                    .max()
                    .or(last)
            })
            .collect();

        // (article, event) once per article of each event; articles missing from the
        // dataset's list are ordered like the others, as undated ones.
        let mut pairs: Vec<(u32, usize)> = Vec::new();
        let mut unknown: Vec<&str> = Vec::new();
        let mut of_event: Vec<u32> = Vec::new();
        let known = data.articles.len();
        for &e in events {
            of_event.clear();
            let found = self.event_articles.row(e);
            if !found.contains(&u32::MAX) {
                of_event.extend(found.iter().map(|&a| self.article_rank[a as usize]));
                of_event.sort_unstable();
                of_event.dedup();
                pairs.extend(of_event.iter().map(|&a| (a, e)));
                continue;
            }
            for s in &data.events[e].sources {
                let id = match self.article(data, &s.article) {
                    Some(a) => self.article_rank[a],
                    None => {
                        let u = match unknown.iter().position(|u| *u == s.article) {
                            Some(u) => u,
                            None => {
                                unknown.push(&s.article);
                                unknown.len() - 1
                            }
                        };
                        to_u32(known + u)
                    }
                };
                of_event.push(id);
            }
            of_event.sort_unstable();
            of_event.dedup();
            pairs.extend(of_event.iter().map(|&a| (a, e)));
        }
        // By article, newest event first: `events` ascend, so a stable sort of the reversed
        // pairs by article alone gives that order.
        pairs.reverse();
        pairs.sort_by_key(|&(a, _)| a);
        let mut sources = Vec::new();
        let mut source_events = Vec::with_capacity(pairs.len());
        let mut i = 0;
        while i < pairs.len() {
            let a = pairs[i].0;
            let from = source_events.len();
            while i < pairs.len() && pairs[i].0 == a {
                source_events.push(pairs[i].1);
                i += 1;
            }
            let (article, meta) = match self.by_rank.get(a as usize) {
                Some(&m) => (data.articles[m as usize].id.clone(), Some(m as usize)),
                None => (unknown[a as usize - known].to_owned(), None),
            };
            sources.push(SourceRow {
                article,
                meta,
                events: (from, source_events.len()),
            });
        }
        if !unknown.is_empty() {
            let meta = |s: &SourceRow| s.meta.and_then(|m| data.articles.get(m));
            sources.sort_by(|a, b| {
                source_order(meta(a).and_then(|m| m.published), &a.article)
                    .cmp(&source_order(meta(b).and_then(|m| m.published), &b.article))
            });
        }
        PartnerExtra {
            events: events.to_vec(),
            last_met,
            sources,
            source_events,
        }
    }

    /// The partner's events, newest first.
    pub fn partner_events(&self, pid: usize) -> &[u32] {
        self.partner_events.row(pid)
    }

    /// Whether one of the sources of event `e` names an article the dataset does not list
    /// (a profile's list of sources then reads the event's sources).
    pub fn names_unknown_article(&self, e: usize) -> bool {
        self.event_articles.row(e).contains(&u32::MAX)
    }

    /// The officials on a partner's side of an event, with that partner.
    pub fn side(&self, e: usize) -> &[(u32, u32)] {
        self.side.row(e)
    }

    /// The people whose country is the partner.
    pub fn country_people(&self, pid: usize) -> &[u32] {
        self.partner_people.row(pid)
    }

    /// The rank of a person's folded name.
    pub fn person_rank(&self, person: usize) -> u32 {
        self.person_rank.get(person).copied().unwrap_or(u32::MAX)
    }

    /// Whether event `e` passes the compiled filter.
    pub fn passes(&self, cf: &Compiled, e: usize) -> bool {
        self.pass(cf, e)
    }

    /// The date of event `e`.
    pub fn start_date(&self, e: usize) -> Option<PartialDate> {
        self.date(self.start[e])
    }

    /// Events with a partner, per kind (for the kind picker).
    pub fn kind_count(&self, k: Kind) -> usize {
        self.kind_count[kind_id(k)]
    }

    /// The focus areas for the picker: folded key → (the name shown, events with a
    /// partner naming it). The name is the first spelling met in the vocabulary, then the
    /// corpus (in event order), then `extra`.
    pub fn focus_areas<'s>(
        &'s self,
        vocabulary: impl Iterator<Item = &'s String>,
        extra: impl Iterator<Item = &'s String>,
    ) -> BTreeMap<String, (String, usize)> {
        let mut areas: BTreeMap<String, (String, usize)> = BTreeMap::new();
        for a in vocabulary.chain(self.focus.iter()).chain(extra) {
            areas.entry(fold(a)).or_insert_with(|| (a.clone(), 0));
        }
        let folded: Vec<String> = self.focus.iter().map(|a| fold(a)).collect();
        let mut keys: Vec<&str> = Vec::new();
        for (s, &n) in self.set_count.iter().enumerate() {
            if n == 0 {
                continue;
            }
            keys.clear();
            keys.extend(
                self.sets
                    .row(s)
                    .iter()
                    .map(|&a| folded[a as usize].as_str()),
            );
            keys.sort_unstable();
            keys.dedup();
            for k in &keys {
                if let Some(slot) = areas.get_mut(*k) {
                    slot.1 += n as usize;
                }
            }
        }
        areas
    }

    /// The years of the events with a partner, ascending.
    pub fn partner_years(&self) -> &[i32] {
        &self.partner_years
    }
}

/// The Sources order: newest published first, undated last, then by id.
fn source_order(
    published: Option<PartialDate>,
    id: &str,
) -> (bool, Reverse<Option<PartialDate>>, &str) {
    (published.is_none(), Reverse(published), id)
}

/// The article of a source row.
pub(crate) fn source_meta<'d>(data: &'d Dataset, s: &SourceRow) -> Option<&'d ArticleMeta> {
    s.meta.and_then(|m| data.articles.get(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aliases::Aliases;
    use crate::corpus::Corpus;

    /// The seed corpus's dataset and its columns.
    fn seed() -> (Dataset, Index) {
        let gz = Gazetteer::embedded().unwrap();
        let x = crate::extract::extract_corpus(&gz, &Corpus::embedded(), None);
        let data = Dataset::build(x, &Aliases::embedded().unwrap());
        let index = Index::new(&data, &gz);
        (data, index)
    }

    #[test]
    fn columns_that_could_send_a_look_up_out_of_a_list_are_not_sound() {
        let (data, index) = seed();
        assert!(index.is_sound(&data));
        let n = to_u32(data.events.len());
        let np = to_u32(index.partners.len());
        assert!(n > 10 && np > 3 && !index.side.items.is_empty());
        type Break = Box<dyn Fn(&mut Index)>;
        let breaks: Vec<(&str, Break)> = vec![
            ("an event's kind", Box::new(|ix| ix.key[0] |= KIND_MASK)),
            ("an event's focus set", Box::new(|ix| ix.key[1] += 1 << 20)),
            (
                "a date rank",
                Box::new(|ix| *ix.end.last_mut().unwrap() = 1 << 20),
            ),
            (
                "a column short",
                Box::new(|ix| {
                    ix.start.pop();
                }),
            ),
            (
                "an event's partner",
                Box::new(move |ix| ix.event_partners.items[0] = np),
            ),
            (
                "a partner's event",
                Box::new(move |ix| ix.partner_events.items[0] = n),
            ),
            (
                "an official on a side",
                Box::new(|ix| ix.side.items[0].0 = u32::MAX - 1),
            ),
            (
                "rows out of order",
                Box::new(|ix| ix.event_partners.off.swap(1, 2)),
            ),
            (
                "a row past the items",
                Box::new(|ix| *ix.side.off.last_mut().unwrap() += 1),
            ),
            (
                "a year",
                Box::new(|ix| *ix.date_year.last_mut().unwrap() = 99),
            ),
            (
                "an article rank",
                Box::new(|ix| ix.article_rank[0] = 1 << 20),
            ),
            ("partners unsorted", Box::new(|ix| ix.partners.swap(0, 1))),
            (
                "a person's rank column",
                Box::new(|ix| {
                    ix.person_rank.pop();
                }),
            ),
            (
                "a person's event",
                Box::new(move |ix| ix.person_events.items[0] = n),
            ),
            (
                "a person's last contact",
                Box::new(|ix| {
                    ix.person_last.pop();
                }),
            ),
        ];
        for (what, break_it) in breaks {
            let mut broken = index.clone();
            break_it(&mut broken);
            assert_ne!(broken, index, "{what}: nothing changed");
            assert!(!broken.is_sound(&data), "{what}");
        }
        // Another dataset's columns do not fit this one.
        let mut fewer = data.clone();
        fewer.events.pop();
        assert!(!index.is_sound(&fewer));
    }
}
