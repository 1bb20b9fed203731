//! Fuzzy search over what the dashboard can jump to: the partner countries, their officials
//! (by name, title and organisation) and the organisations those officials belong to.
//!
//! The items and their haystacks (the text nucleo scores, converted once) are built the
//! first time the search opens, from the whole dataset, whatever the filter. What the
//! filter changes is which items can be reached and in what order ties come, so each open
//! under a new filter or sort works out, from the index's columns, which items are shown
//! (a country in the list; an official met in a matching event; an organisation of a shown
//! official) and their place in the list order: countries in list order, then each
//! country's officials most recent contact first, then organisations by name.
//!
//! A keystroke scores only what can still match: when the new query extends the previous
//! one (and has no operator that could widen it), only the previous matches are scored.
//! Large candidate sets are scored on two threads. Only the best [`MAX_HITS`] are sorted
//! and given match positions for highlighting; the count of every match is kept.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use rustc_hash::FxHashMap;

use crate::dates::PartialDate;
use crate::fold::fold;
use crate::profile::Dataset;

use super::text::clean;
use crate::columns::{Compiled, Index, Row};

/// Results kept, sorted and highlighted; the rest are only counted.
pub const MAX_HITS: usize = 500;

/// Candidate sets larger than this are scored on two threads.
const PARALLEL_FROM: usize = 20_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ItemKind {
    Country,
    Official,
    Organisation,
}

impl ItemKind {
    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Country => "country",
            ItemKind::Official => "official",
            ItemKind::Organisation => "org",
        }
    }
}

/// One thing to find.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    /// What is matched and shown: the name, then the details ("Eric Snoeck · Commissioner
    /// General of the Belgian Federal Police · Belgium").
    pub text: String,
    /// The partner code to jump to.
    pub partner: String,
    /// For an official: the index in [`Dataset::people`]; for an organisation: its first
    /// official there with no filter (under a filter, the jump goes to its first official
    /// shown).
    pub person: Option<usize>,
}

/// A result: the item and the matched character positions in its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub item: usize,
    pub indices: Vec<u32>,
}

/// A haystack converted once, the way `Utf32Str::new` converts.
#[derive(Clone, Debug)]
enum Hay {
    Ascii(Box<[u8]>),
    Unicode(Box<[char]>),
}

impl Hay {
    fn new(text: &str) -> Hay {
        let mut buf = Vec::new();
        match Utf32Str::new(text, &mut buf) {
            Utf32Str::Ascii(b) => Hay::Ascii(b.into()),
            Utf32Str::Unicode(c) => Hay::Unicode(c.into()),
        }
    }

    fn as_str(&self) -> Utf32Str<'_> {
        match self {
            Hay::Ascii(b) => Utf32Str::Ascii(b),
            Hay::Unicode(c) => Utf32Str::Unicode(c),
        }
    }
}

/// An official's events with a partner, and the latest date met there.
type Met = (Vec<u32>, Option<PartialDate>);

/// An official's place among a country's: most recent contact first, undated last, then
/// by folded name.
type Recency = (bool, Reverse<Option<PartialDate>>, u32);

/// Where the items stand under one filter and order.
#[derive(Clone, Debug, Default)]
struct Shown {
    /// Per item: its place in the list order, or `u32::MAX` when it is not shown.
    pos: Vec<u32>,
    /// Per item: the official an organisation jumps to.
    person: Vec<Option<usize>>,
    /// The shown items in list order.
    order: Vec<u32>,
    countries: usize,
}

/// The result of the last query, to narrow from.
#[derive(Clone, Debug, Default)]
struct Last {
    query: String,
    matched: Vec<u32>,
}

pub(crate) struct SearchIndex {
    items: Vec<Item>,
    hay: Vec<Hay>,
    /// Per item: the partner's id in the [`Index`].
    pid: Vec<u32>,
    /// Per official: its events (with the official on the partner's side), and its place
    /// with no filter (the latest date met, else the person's last contact).
    events: Vec<Vec<u32>>,
    base_latest: Vec<Option<PartialDate>>,
    /// Per organisation: its officials (item ids), in the no-filter order.
    org_officials: Vec<Vec<u32>>,
    shown: Shown,
    last: Option<Last>,
    matchers: [Matcher; 2],
}

impl SearchIndex {
    /// Every country, every official of a country's side and every (organisation,
    /// country), in a fixed order: countries by code, officials by country and then most
    /// recent contact, organisations by folded name and country.
    pub fn new(data: &Dataset, index: &Index) -> SearchIndex {
        let np = index.partners.len();
        let mut items = Vec::new();
        let mut pid = Vec::new();
        let mut events: Vec<Vec<u32>> = Vec::new();
        let mut base_latest = Vec::new();
        for (p, info) in index.partners.iter().enumerate() {
            items.push(Item {
                kind: ItemKind::Country,
                text: format!("{} ({})", clean(&info.name), clean(&info.code)),
                partner: info.code.clone(),
                person: None,
            });
            pid.push(p as u32);
            events.push(Vec::new());
            base_latest.push(None);
        }
        // Officials per partner, from the partner's events (newest first).
        let mut orgs: BTreeMap<(String, String), (String, Vec<u32>)> = BTreeMap::new();
        for p in 0..np {
            let info = &index.partners[p];
            let mut of: FxHashMap<u32, Met> = FxHashMap::default();
            for &e in index.partner_events(p) {
                let d = index.start_date(e as usize);
                for &(person, sp) in index.side(e as usize) {
                    if sp as usize == p {
                        let slot = of.entry(person).or_default();
                        if slot.0.last() != Some(&e) {
                            slot.0.push(e);
                        }
                        slot.1 = slot.1.max(d);
                    }
                }
            }
            for &person in index.country_people(p) {
                of.entry(person)
                    .or_insert_with(|| (Vec::new(), data.people[person as usize].last_contact));
            }
            let mut people: Vec<(u32, Met)> = of.into_iter().collect();
            people.sort_unstable_by_key(|(i, (_, d))| {
                (d.is_none(), Reverse(*d), index.person_rank(*i as usize))
            });
            for (person, (evs, d)) in people {
                let Some(rec) = data.people.get(person as usize) else {
                    continue;
                };
                let title = rec.latest_title().map(clean);
                let mut parts = vec![clean(&rec.name)];
                parts.extend(title);
                if !rec.orgs.is_empty() {
                    parts.push(clean(&rec.orgs.join(", ")));
                }
                parts.push(clean(&info.name));
                let item = items.len() as u32;
                items.push(Item {
                    kind: ItemKind::Official,
                    text: parts.join(" · "),
                    partner: info.code.clone(),
                    person: Some(person as usize),
                });
                pid.push(p as u32);
                events.push(evs);
                base_latest.push(d);
                for o in &rec.orgs {
                    orgs.entry((fold(o), info.code.clone()))
                        .or_insert_with(|| {
                            (format!("{} · {}", clean(o), clean(&info.name)), Vec::new())
                        })
                        .1
                        .push(item);
                }
            }
        }
        let mut org_officials = Vec::new();
        for ((_, partner), (text, officials)) in orgs {
            let first = officials.first().and_then(|&i| items[i as usize].person);
            let p = index.partner(&partner).unwrap_or(0);
            items.push(Item {
                kind: ItemKind::Organisation,
                text,
                partner,
                person: first,
            });
            pid.push(p as u32);
            org_officials.push(officials);
        }
        let hay = items.iter().map(|it| Hay::new(&it.text)).collect();
        SearchIndex {
            items,
            hay,
            pid,
            events,
            base_latest,
            org_officials,
            shown: Shown::default(),
            last: None,
            matchers: [Matcher::new(Config::DEFAULT), Matcher::new(Config::DEFAULT)],
        }
    }

    pub fn get(&self, item: usize) -> Option<&Item> {
        self.items.get(item)
    }

    /// The official an item jumps to under the current filter.
    pub fn person(&self, item: usize) -> Option<usize> {
        match self.items.get(item)?.kind {
            ItemKind::Organisation => self.shown.person.get(item).copied().flatten(),
            _ => self.items[item].person,
        }
    }

    /// Works out which items are shown and their order, for the rows of the country list
    /// under the compiled filter.
    pub fn show(&mut self, index: &Index, rows: &[Row], cf: &Compiled) {
        let n = self.items.len();
        let mut row_of = vec![u32::MAX; index.partners.len()];
        for (r, row) in rows.iter().enumerate() {
            row_of[row.id] = r as u32;
        }
        // (row, kind, rank within the row) per shown item.
        let mut keyed: Vec<(u32, ItemKind, Recency, u32)> = Vec::with_capacity(n);
        let mut visible = vec![false; n];
        // Organisations come last in the items, in their own order.
        let first_org = n - self.org_officials.len();
        for i in 0..n {
            let it = &self.items[i];
            let row = row_of[self.pid[i] as usize];
            if row == u32::MAX {
                continue;
            }
            match it.kind {
                ItemKind::Country => {
                    visible[i] = true;
                    keyed.push((0, it.kind, (false, Reverse(None), row), i as u32));
                }
                ItemKind::Official => {
                    let latest = if cf.empty {
                        Some(self.base_latest[i])
                    } else {
                        let mut latest = None;
                        for &e in &self.events[i] {
                            if index.passes(cf, e as usize) {
                                let d = index.start_date(e as usize);
                                latest = Some(latest.unwrap_or(None).max(d));
                            }
                        }
                        latest
                    };
                    if let Some(d) = latest {
                        visible[i] = true;
                        let rank = index.person_rank(it.person.unwrap_or(0));
                        keyed.push((row, it.kind, (d.is_none(), Reverse(d), rank), i as u32));
                    }
                }
                ItemKind::Organisation => {}
            }
        }
        keyed.sort_unstable_by(|a, b| {
            a.1.cmp(&b.1)
                .then_with(|| a.0.cmp(&b.0))
                .then_with(|| a.2.cmp(&b.2))
        });
        let mut pos = vec![u32::MAX; n];
        let mut order: Vec<u32> = keyed.iter().map(|k| k.3).collect();
        for (k, &i) in order.iter().enumerate() {
            pos[i as usize] = k as u32;
        }
        let countries = keyed.iter().filter(|k| k.1 == ItemKind::Country).count();
        // Organisations follow in their own order, each when one of its officials shows,
        // jumping to the first of them.
        let mut person = vec![None; n];
        for (k, officials) in self.org_officials.iter().enumerate() {
            let i = first_org + k;
            let best = officials
                .iter()
                .filter(|&&o| visible[o as usize])
                .min_by_key(|&&o| pos[o as usize]);
            if let Some(&o) = best {
                person[i] = self.items[o as usize].person;
                pos[i] = order.len() as u32;
                order.push(i as u32);
            }
        }
        self.shown = Shown {
            pos,
            person,
            order,
            countries,
        };
        self.last = None;
    }

    /// The items matching `query`, best first, at most [`MAX_HITS`] of them, and the
    /// number of all matches; for an empty query, every country in list order.
    pub fn search(&mut self, query: &str) -> (Vec<Hit>, usize) {
        let shown = &self.shown;
        if query.trim().is_empty() {
            self.last = None;
            let hits: Vec<Hit> = shown.order[..shown.countries]
                .iter()
                .take(MAX_HITS)
                .map(|&i| Hit {
                    item: i as usize,
                    indices: Vec::new(),
                })
                .collect();
            return (hits, shown.countries);
        }
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        // A longer query matches a subset of what the shorter matched, unless an operator
        // (negation, anchors, exact quotes, escapes) is involved.
        let narrow = self.last.as_ref().filter(|l| {
            query.starts_with(&l.query) && !query.contains(['!', '^', '$', '\'', '\\'])
        });
        let candidates: &[u32] = match narrow {
            Some(l) => &l.matched,
            None => &shown.order,
        };
        let hay = &self.hay;
        let score_all = |cands: &[u32], m: &mut Matcher| -> Vec<(u32, u32)> {
            cands
                .iter()
                .filter_map(|&i| pattern.score(hay[i as usize].as_str(), m).map(|s| (s, i)))
                .collect()
        };
        let mut scored = if candidates.len() >= PARALLEL_FROM {
            let (a, b) = candidates.split_at(candidates.len() / 2);
            let [m0, m1] = &mut self.matchers;
            std::thread::scope(|s| {
                let other = s.spawn(|| score_all(b, m1));
                let mut mine = score_all(a, m0);
                match other.join() {
                    Ok(theirs) => mine.extend(theirs),
                    Err(_) => mine.extend(score_all(b, &mut Matcher::new(Config::DEFAULT))),
                }
                mine
            })
        } else {
            score_all(candidates, &mut self.matchers[0])
        };
        let total = scored.len();
        let matched: Vec<u32> = scored.iter().map(|&(_, i)| i).collect();
        // Best score first; among equals, the list order.
        let key = |&(s, i): &(u32, u32)| (Reverse(s), shown.pos[i as usize]);
        if scored.len() > MAX_HITS {
            scored.select_nth_unstable_by_key(MAX_HITS - 1, key);
            scored.truncate(MAX_HITS);
        }
        scored.sort_unstable_by_key(key);
        let hits = scored
            .into_iter()
            .map(|(_, i)| {
                let mut indices = Vec::new();
                pattern.indices(
                    hay[i as usize].as_str(),
                    &mut self.matchers[0],
                    &mut indices,
                );
                indices.sort_unstable();
                indices.dedup();
                Hit {
                    item: i as usize,
                    indices,
                }
            })
            .collect();
        self.last = Some(Last {
            query: query.to_owned(),
            matched,
        });
        (hits, total)
    }

    /// The heap the index holds, roughly, in bytes.
    pub fn bytes(&self) -> usize {
        let items: usize = self
            .items
            .iter()
            .map(|it| it.text.capacity() + it.partner.capacity() + size_of::<Item>())
            .sum();
        let hay: usize = self
            .hay
            .iter()
            .map(|h| match h {
                Hay::Ascii(b) => b.len(),
                Hay::Unicode(c) => c.len() * 4,
            } + size_of::<Hay>())
            .sum();
        let events: usize = self.events.iter().map(|v| v.capacity() * 4 + 24).sum();
        let orgs: usize = self
            .org_officials
            .iter()
            .map(|v| v.capacity() * 4 + 24)
            .sum();
        items
            + hay
            + events
            + orgs
            + self.pid.capacity() * 4
            + self.base_latest.capacity() * size_of::<Option<PartialDate>>()
            + self.shown.pos.capacity() * 4
            + self.shown.order.capacity() * 4
            + self.shown.person.capacity() * size_of::<Option<usize>>()
    }
}
