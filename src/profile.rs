//! The views over a corpus: the merged, curated events, one profile per partner, the
//! directory of officials and the history of posts.
//!
//! Everything here is computed from an [`Extraction`] and the analyst's [`Aliases`], with no
//! input or output, so the command line and the dashboard show the same numbers and tests can
//! check them on constructed data. Views refer to events and people by index into the
//! [`Dataset`] rather than by copy, so that one event shown in several places stays one.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::aliases::Aliases;
use crate::dates::PartialDate;
use crate::extract::set_partners;
use crate::fold::fold;
use crate::gazetteer::Gazetteer;
use crate::merge::{Clustering, merge_into_lists};
use crate::model::{ArticleMeta, Event, Extraction, Kind, Status, Warning};
use crate::sym::{Sym, SymMemo};

/// Which events a view shows. The default shows everything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Filter {
    pub since: Option<PartialDate>,
    pub until: Option<PartialDate>,
    /// Empty: every kind.
    pub kinds: BTreeSet<Kind>,
    /// Empty: every focus area; else events naming at least one of them.
    pub focus: BTreeSet<String>,
}

impl Filter {
    /// Dates are compared at the coarser of the two precisions, because a date known only to
    /// the year may well fall after June of that year: hiding it would hide an event the
    /// analyst asked for. An undated event cannot be placed in a window, so it only shows
    /// when no window is set.
    pub fn matches(&self, e: &Event) -> bool {
        if !self.kinds.is_empty() && !self.kinds.contains(&e.kind) {
            return false;
        }
        if !self.focus.is_empty() {
            let wanted: BTreeSet<String> = self.focus.iter().map(|f| fold(f)).collect();
            if !e.focus.iter().any(|f| wanted.contains(&fold(f))) {
                return false;
            }
        }
        let Some(start) = e.date else {
            return self.since.is_none() && self.until.is_none();
        };
        // A range ("June 26-28") is in the window when any of it is.
        let end = e.date_end.unwrap_or(start);
        if let Some(since) = self.since {
            let (end, since) = at_coarser(end, since);
            if end < since {
                return false;
            }
        }
        if let Some(until) = self.until {
            let (start, until) = at_coarser(start, until);
            if start > until {
                return false;
            }
        }
        true
    }

    pub fn is_empty(&self) -> bool {
        self.since.is_none()
            && self.until.is_none()
            && self.kinds.is_empty()
            && self.focus.is_empty()
    }

    /// A short human description ("focus=cybercrime, since 2025-01") for messages such as
    /// "no events match: ..."; "no filter" when empty.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.kinds.is_empty() {
            let kinds: Vec<&str> = self.kinds.iter().map(|k| k.as_str()).collect();
            parts.push(format!("kind={}", kinds.join(",")));
        }
        if !self.focus.is_empty() {
            let focus: Vec<&str> = self.focus.iter().map(String::as_str).collect();
            parts.push(format!("focus={}", focus.join(",")));
        }
        if let Some(d) = self.since {
            parts.push(format!("since {d}"));
        }
        if let Some(d) = self.until {
            parts.push(format!("until {d}"));
        }
        if parts.is_empty() {
            "no filter".to_owned()
        } else {
            parts.join(", ")
        }
    }
}

/// Both dates cut to the precision of the coarser one.
fn at_coarser(a: PartialDate, b: PartialDate) -> (PartialDate, PartialDate) {
    let p = a.precision().min(b.precision());
    (a.truncate(p), b.truncate(p))
}

/// What one source says an official's post is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TitleClaim {
    pub title: Option<Sym>,
    /// After the organisation aliases.
    pub org: Option<Sym>,
    /// The article making the claim.
    pub article: Sym,
    /// When the claim held: the date of the reported event, else of the merged event, else
    /// the article's publication date.
    pub date: Option<PartialDate>,
    /// The id of the (merged) event the claim was made in (inline, like [`Event::id`]).
    pub event: compact_str::CompactString,
}

/// One official of the directory, on either side (the default, nobody, is a placeholder).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRecord {
    /// The declared name (aliases), else the most accented spelling seen.
    pub name: String,
    /// Every other spelling seen, alias names included.
    pub variants: Vec<String>,
    /// The country most sources give.
    pub country: Option<String>,
    pub orgs: Vec<String>,
    /// One per distinct claim and article, oldest first (undated last).
    pub titles: Vec<TitleClaim>,
    /// Indices into [`Dataset::events`], ascending (so chronological).
    pub events: Vec<usize>,
    /// The latest date among the person's events that happened.
    pub last_contact: Option<PartialDate>,
    /// Whether articles disagree on the person's title or organisation.
    pub conflict: bool,
}

impl PersonRecord {
    /// The title of the last claim that gives one, in the order of `titles` (oldest first,
    /// undated last): what the dashboard shows as the official's post.
    pub fn latest_title(&self) -> Option<&str> {
        self.titles.iter().rev().find_map(|t| t.title.as_deref())
    }
}

/// Who held one post, as far as the corpus tells.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Post {
    /// The title as written (without bracketed acronyms), or the organisation when no title
    /// was given.
    pub post: String,
    pub country: Option<String>,
    /// (person, date of the claim, article), oldest first, undated last.
    pub holders: Vec<(String, Option<PartialDate>, String)>,
}

/// One partner's relationship with the home country, under a filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Profile {
    /// ISO alpha-3 or organisation code.
    pub partner: String,
    pub name: String,
    pub counts: BTreeMap<Kind, usize>,
    pub total: usize,
    /// The earliest date among the events that happened.
    pub first_contact: Option<PartialDate>,
    /// The latest date among the events that happened.
    pub last_contact: Option<PartialDate>,
    /// Indices into [`Dataset::events`], newest first (undated last), as every list below.
    pub agreements: Vec<usize>,
    /// Meetings and visits.
    pub timeline: Vec<usize>,
    /// Awards, training, assistance and statements, by kind (only kinds with events).
    pub others: BTreeMap<Kind, Vec<usize>>,
    /// Planned events, also listed under their kind.
    pub planned: Vec<usize>,
    /// Focus areas by the number of events naming them, most first.
    pub focus: Vec<(String, usize)>,
    /// Indices into [`Dataset::people`]: the partner's officials, most recent contact first.
    pub counterparts: Vec<usize>,
    /// Events per year, ascending, with the years between included as zeros so a sparkline
    /// drawn from it has an honest time axis.
    pub activity: Vec<(i32, usize)>,
}

/// Everything the views need: the curated, merged events and the directory built from them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dataset {
    pub home: Option<String>,
    pub articles: Vec<ArticleMeta>,
    /// Merged, with aliases applied and partners = parties minus home; sorted by date
    /// (undated first), kind and id.
    pub events: Vec<Event>,
    /// The directory, sorted by folded name.
    pub people: Vec<PersonRecord>,
    pub warnings: Vec<Warning>,
    /// Article id → index in `articles`, made on first use.
    article_index: ArticleIndex,
}

/// A cache derived from `articles`: it takes no part in comparing datasets.
#[derive(Clone, Debug, Default)]
struct ArticleIndex(OnceLock<HashMap<String, usize>>);

impl PartialEq for ArticleIndex {
    fn eq(&self, _: &ArticleIndex) -> bool {
        true
    }
}

impl Eq for ArticleIndex {}

impl Dataset {
    /// Drops the events the analyst dropped, applies the aliases, merges reports of one
    /// occurrence and builds the directory. The directory is built from the reports before
    /// merging, because each article's own title for a person is what shows a disagreement,
    /// and the merged event keeps only one.
    pub fn build(x: Extraction, aliases: &Aliases) -> Dataset {
        Dataset::build_with(x, None, aliases, None).0
    }

    /// [`Dataset::build`], with the groups of reports that `earlier` knows clustered as they
    /// were (see [`Clustering`]); also returns this dataset's clustering, for the next build.
    /// With `origins`, one per event of `x` (see [`crate::merge::merge_with_origins`]), the
    /// groups are known by them.
    pub fn build_with(
        x: Extraction,
        origins: Option<Vec<u128>>,
        aliases: &Aliases,
        earlier: Option<&Clustering>,
    ) -> (Dataset, Clustering) {
        let Extraction {
            articles,
            events,
            warnings,
            home,
        } = x;
        let kept: Vec<bool> = events.iter().map(|e| !aliases.dropped(&e.id)).collect();
        let origins: Option<Vec<u128>> = origins.filter(|o| o.len() == events.len()).map(|o| {
            o.into_iter()
                .zip(&kept)
                .filter(|(_, k)| **k)
                .map(|(o, _)| o)
                .collect()
        });
        // In place: a million reports moved into a list of their own would fill 200 MB of
        // fresh memory.
        let mut reports: Vec<Event> = events;
        let mut at = 0;
        reports.retain(|_| {
            at += 1;
            kept[at - 1]
        });
        // Before merging, which tells the partner side from the home side by them. On every
        // core, each run of reports sharing its strings within itself: equal strings held
        // apart only make more entries in the memos by address.
        crate::par::on_runs_mut(&mut reports, crate::par::cores(), |run| {
            set_partners(run, home.as_deref());
            share_strings(run);
        });
        crate::timing::phase("merge: reports ready");
        // The reports under the declared names: copies of the few that are renamed, the
        // others as they are.
        let renamed = aliases.renamed(&reports);
        let mut curated: Vec<&Event> = reports.iter().collect();
        for (i, e) in &renamed {
            curated[*i] = e;
        }
        crate::timing::phase("merge: curation applied");
        let (mut events, members, clustering) =
            merge_into_lists(&curated, origins.as_deref(), earlier);
        crate::timing::phase("merged");
        let mut merged_of = vec![0; reports.len()];
        for (k, m) in members.into_iter().enumerate() {
            for i in m {
                if let Some(slot) = merged_of.get_mut(i) {
                    *slot = k;
                }
            }
        }
        crate::par::on_runs_mut(&mut events, crate::par::cores(), |run| {
            set_partners(run, home.as_deref());
        });
        let people = directory(&reports, &merged_of, &events, aliases, &articles);
        crate::timing::phase("directory built");
        (
            Dataset::from_parts(home, articles, events, people, warnings),
            clustering,
        )
    }

    /// A dataset from its lists, as [`Dataset::build`] made them (the cache stores them
    /// apart).
    pub fn from_parts(
        home: Option<String>,
        articles: Vec<ArticleMeta>,
        events: Vec<Event>,
        people: Vec<PersonRecord>,
        warnings: Vec<Warning>,
    ) -> Dataset {
        Dataset {
            home,
            articles,
            events,
            people,
            warnings,
            article_index: ArticleIndex::default(),
        }
    }

    /// Every partner code with at least one event, sorted.
    pub fn partners(&self) -> Vec<String> {
        let set: BTreeSet<&str> = self
            .events
            .iter()
            .flat_map(|e| e.partners.iter().map(Sym::as_str))
            .collect();
        set.into_iter().map(str::to_string).collect()
    }

    pub fn article(&self, id: &str) -> Option<&ArticleMeta> {
        let index = self.article_index.0.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.articles.len());
            for (i, a) in self.articles.iter().enumerate() {
                index.entry(a.id.clone()).or_insert(i);
            }
            index
        });
        index.get(id).and_then(|&i| self.articles.get(i))
    }

    /// The profile of one partner. `partner` is a code ("BEL", "INTERPOL") or anything the
    /// gazetteer knows a country by ("belgium", "Belgian"), so callers can pass what the user
    /// typed; an unknown partner gets an empty profile.
    pub fn profile(&self, gz: &Gazetteer, partner: &str, f: &Filter) -> Profile {
        let code = self.resolve(gz, partner);
        let candidates: Vec<usize> = (0..self.events.len())
            .filter(|&i| self.events[i].partners.iter().any(|p| *p == code))
            .collect();
        self.profile_of(gz, code, candidates.into_iter(), f, &self.people_index())
    }

    /// The directory's look-ups for profiles, built once per call that needs them.
    fn people_index(&self) -> PeopleIndex<'_> {
        let folded: Vec<String> = self.people.iter().map(|p| fold(&p.name)).collect();
        let mut by_country: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, p) in self.people.iter().enumerate() {
            if let Some(c) = p.country.as_deref() {
                by_country.entry(c).or_default().push(i);
            }
        }
        PeopleIndex {
            by_fold: folded
                .iter()
                .enumerate()
                .map(|(i, f)| (f.clone(), i))
                .collect(),
            folded,
            by_country,
        }
    }

    /// The profile of partner `code` from the events that name it (`candidates`).
    fn profile_of(
        &self,
        gz: &Gazetteer,
        code: String,
        candidates: impl Iterator<Item = usize>,
        f: &Filter,
        people_index: &PeopleIndex<'_>,
    ) -> Profile {
        let name = gz
            .country(&code)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| code.clone());
        // One pass over the matching events (they lie all over the list, so each is read
        // once), keeping what the lists below sort and filter by.
        let mut rows: Vec<Row> = Vec::new();
        let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
        let mut focus: BTreeMap<&str, usize> = BTreeMap::new();
        let mut years: BTreeMap<i32, usize> = BTreeMap::new();
        let mut met: BTreeMap<usize, Option<PartialDate>> = BTreeMap::new();
        // The person of each counterpart's name, folded and looked up once per shared name.
        let mut person_of: SymMemo<Option<usize>> = SymMemo::default();
        for i in candidates {
            let e = &self.events[i];
            if !f.matches(e) {
                continue;
            }
            rows.push(Row {
                index: i,
                kind: e.kind,
                status: e.status,
                date: e.date,
            });
            *counts.entry(e.kind).or_default() += 1;
            for (k, a) in e.focus.iter().enumerate() {
                if !e.focus[..k].contains(a) {
                    *focus.entry(a.as_str()).or_default() += 1;
                }
            }
            if let Some(d) = e.date {
                *years.entry(d.year).or_default() += 1;
            }
            for c in &e.counterparts {
                let partner_side = match &c.country {
                    Some(country) => *country == code,
                    None => e.partners.len() == 1,
                };
                if partner_side
                    && let Some(p) = *person_of.get_or_insert_with(&c.name, || {
                        people_index.by_fold.get(&fold(&c.name)).copied()
                    })
                {
                    let slot = met.entry(p).or_default();
                    *slot = (*slot).max(e.date);
                }
            }
        }
        let happened = || {
            rows.iter()
                .filter(|r| r.status == Status::Happened)
                .filter_map(|r| r.date)
        };
        let (first_contact, last_contact) = (happened().min(), happened().max());
        // Newest first, undated last, later-listed first among equals: a total order, so each
        // list below keeps it.
        let total = rows.len();
        rows.sort_unstable_by_key(|r| (r.date.is_none(), Reverse(r.date), Reverse(r.index)));
        let listed = |keep: &dyn Fn(&Row) -> bool| -> Vec<usize> {
            rows.iter().filter(|r| keep(r)).map(|r| r.index).collect()
        };
        let mut others = BTreeMap::new();
        for k in [
            Kind::Award,
            Kind::Training,
            Kind::Assistance,
            Kind::Statement,
        ] {
            let list = listed(&|r| r.kind == k);
            if !list.is_empty() {
                others.insert(k, list);
            }
        }
        let mut focus: Vec<(String, usize)> =
            focus.into_iter().map(|(a, n)| (a.to_owned(), n)).collect();
        focus.sort_by_key(|(a, n)| (Reverse(*n), fold(a)));
        let activity = match (years.keys().next(), years.keys().next_back()) {
            (Some(&lo), Some(&hi)) => (lo..=hi)
                .map(|y| (y, years.get(&y).copied().unwrap_or(0)))
                .collect(),
            _ => Vec::new(),
        };
        Profile {
            counterparts: self.partner_people(&code, met, f.is_empty(), people_index),
            partner: code,
            name,
            total,
            counts,
            first_contact,
            last_contact,
            agreements: listed(&|r| r.kind == Kind::Agreement),
            timeline: listed(&|r| matches!(r.kind, Kind::Meeting | Kind::Visit)),
            others,
            planned: listed(&|r| r.status == Status::Planned),
            focus,
            activity,
        }
    }

    /// One profile per partner with at least one matching event, the busiest first.
    pub fn profiles(&self, gz: &Gazetteer, f: &Filter) -> Vec<Profile> {
        // One pass over the events and one index of people for all partners: a profile per
        // partner scanning every event would be quadratic on a large corpus.
        let mut by_partner: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, e) in self.events.iter().enumerate() {
            for p in &e.partners {
                by_partner.entry(p.as_str()).or_default().push(i);
            }
        }
        let people_index = self.people_index();
        // Partners are independent, so they are profiled on every core.
        let by_partner: Vec<(&str, Vec<usize>)> = by_partner.into_iter().collect();
        let mut out: Vec<Profile> = crate::par::par_map(
            &by_partner,
            |(code, idx)| {
                self.profile_of(
                    gz,
                    (*code).to_owned(),
                    idx.iter().copied(),
                    f,
                    &people_index,
                )
            },
            &|_| {},
        );
        out.retain(|p| p.total > 0);
        out.sort_by(|a, b| {
            b.total
                .cmp(&a.total)
                .then_with(|| fold(&a.name).cmp(&fold(&b.name)))
                .then_with(|| a.partner.cmp(&b.partner))
        });
        out
    }

    /// Who held which post when, from the title claims of the directory. Claims of one post
    /// are grouped by the words of the title in any order plus the organisation, so "General
    /// Commissioner" and "Commissioner General" are one post; a claim that names no
    /// organisation joins the post of the same title and country when there is only one.
    pub fn posts(&self) -> Vec<Post> {
        type Key = (Option<String>, Vec<String>, Option<String>);
        let mut posts: BTreeMap<Key, Vec<(&PersonRecord, &TitleClaim)>> = BTreeMap::new();
        for p in &self.people {
            for c in &p.titles {
                let Some(title) = &c.title else { continue };
                let key = (
                    p.country.clone(),
                    title_words(title),
                    c.org.as_deref().map(fold),
                );
                posts.entry(key).or_default().push((p, c));
            }
        }
        let orphans: Vec<Key> = posts.keys().filter(|k| k.2.is_none()).cloned().collect();
        // (country, title words) → the posts of that title with an organisation.
        let mut with_org: HashMap<(&Option<String>, &Vec<String>), Vec<&Key>> = HashMap::new();
        for k in posts.keys().filter(|k| k.2.is_some()) {
            with_org.entry((&k.0, &k.1)).or_default().push(k);
        }
        let homes_of: HashMap<Key, Key> = orphans
            .iter()
            .filter_map(|key| match with_org.get(&(&key.0, &key.1))?.as_slice() {
                [home] => Some((key.clone(), (*home).clone())),
                _ => None,
            })
            .collect();
        for key in orphans {
            if let Some(home) = homes_of.get(&key)
                && let Some(claims) = posts.remove(&key)
            {
                posts.entry(home.clone()).or_default().extend(claims);
            }
        }
        let mut out: Vec<Post> = posts
            .into_iter()
            .map(|((country, _, _), mut claims)| {
                claims
                    .sort_by_key(|(p, c)| (undated_last(c.date), fold(&p.name), c.article.clone()));
                let post = claims
                    .first()
                    .and_then(|(_, c)| c.title.as_deref())
                    .map(clean_title)
                    .unwrap_or_default();
                let mut holders: Vec<(String, Option<PartialDate>, String)> = claims
                    .iter()
                    .map(|(p, c)| (p.name.clone(), c.date, c.article.to_string()))
                    .collect();
                holders.dedup();
                Post {
                    post,
                    country,
                    holders,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            a.country
                .cmp(&b.country)
                .then_with(|| fold(&a.post).cmp(&fold(&b.post)))
        });
        out
    }

    /// Accepts a code of the dataset, a country the gazetteer knows, or an organisation code
    /// in any case.
    fn resolve(&self, gz: &Gazetteer, query: &str) -> String {
        let partners = self.partners();
        let q = query.trim();
        if partners.iter().any(|p| p == q) {
            return q.to_owned();
        }
        if let Some(c) = gz.lookup_country(q) {
            return c.code.clone();
        }
        let folded = fold(q);
        partners
            .into_iter()
            .find(|p| fold(p) == folded)
            .unwrap_or_else(|| q.to_owned())
    }

    /// The partner's officials in the matching events (`met`: person → latest date met),
    /// most recent contact first; with no filter, also the partner's officials met only in
    /// events listed under another partner.
    fn partner_people(
        &self,
        code: &str,
        mut latest: BTreeMap<usize, Option<PartialDate>>,
        unfiltered: bool,
        index: &PeopleIndex<'_>,
    ) -> Vec<usize> {
        if unfiltered {
            for &i in index.by_country.get(code).into_iter().flatten() {
                latest.entry(i).or_insert(self.people[i].last_contact);
            }
        }
        let mut out: Vec<(usize, Option<PartialDate>)> = latest.into_iter().collect();
        out.sort_by(|&(i, d), &(j, e)| {
            (d.is_none(), Reverse(d), &index.folded[i]).cmp(&(
                e.is_none(),
                Reverse(e),
                &index.folded[j],
            ))
        });
        out.into_iter().map(|(i, _)| i).collect()
    }
}

/// What a profile keeps of each matching event.
struct Row {
    index: usize,
    kind: Kind,
    status: Status,
    date: Option<PartialDate>,
}

/// The directory's look-ups that profiles need: a person by folded name, each person's
/// folded name, and the people of each country.
struct PeopleIndex<'a> {
    by_fold: HashMap<String, usize>,
    folded: Vec<String>,
    by_country: HashMap<&'a str, Vec<usize>>,
}

/// Makes equal codes, names and article ids of the extracted reports one allocation each
/// (each article was extracted apart, so each has its own copies); the merged events and the
/// directory clone from these, so they share them too.
fn share_strings(events: &mut [Event]) {
    crate::sym::interning(|| events.iter_mut().for_each(Event::share_strings));
}

/// Sort key putting undated values after every date.
fn undated_last(d: Option<PartialDate>) -> (bool, Option<PartialDate>) {
    (d.is_none(), d)
}

/// Words that do not tell posts apart; "s" is what is left of a possessive after folding.
const TITLE_STOPWORDS: &[&str] = &["a", "and", "for", "of", "s", "the"];

/// A title as a sorted multiset of significant folded words, bracketed parts left out (they
/// repeat the organisation's acronym, which the claim holds separately).
fn title_words(title: &str) -> Vec<String> {
    let mut words: Vec<String> = fold(&strip_brackets(title))
        .split(' ')
        .filter(|w| !w.is_empty() && !TITLE_STOPWORDS.contains(w))
        .map(str::to_owned)
        .collect();
    words.sort();
    words
}

fn strip_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The title for display: brackets removed, spaces tidied.
fn clean_title(title: &str) -> String {
    strip_brackets(title)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c == ',' || c == ';')
        .to_owned()
}

/// What two claims are compared by: the title's words and the folded organisation.
type ClaimKey = (Option<Vec<String>>, Option<String>);

fn claim_key(t: &TitleClaim) -> ClaimKey {
    (
        t.title.as_deref().map(title_words),
        t.org.as_deref().map(fold),
    )
}

/// Two claims are the same when their titles have the same words and their organisations do
/// not differ; a missing title or organisation is silence, not disagreement.
fn same_key(a: &ClaimKey, b: &ClaimKey) -> bool {
    let titles = match (&a.0, &b.0) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    let orgs = match (&a.1, &b.1) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    };
    titles && orgs
}

fn same_claim(a: &TitleClaim, b: &TitleClaim) -> bool {
    same_key(&claim_key(a), &claim_key(b))
}

/// Whether two claims from different articles disagree. Claims are first reduced to their
/// distinct (title words, organisation) keys with the articles making each, so that an
/// official quoted in thousands of articles under one title costs one comparison, not
/// millions.
fn has_conflict(titles: &[TitleClaim]) -> bool {
    // Key → (first article, whether a second article makes the same claim).
    let mut keys: Vec<(ClaimKey, &str, bool)> = Vec::new();
    let mut at: HashMap<ClaimKey, usize> = HashMap::new();
    for t in titles {
        let key = claim_key(t);
        match at.get(&key) {
            Some(&k) => {
                if keys[k].1 != t.article {
                    keys[k].2 = true;
                }
            }
            None => {
                at.insert(key.clone(), keys.len());
                keys.push((key, t.article.as_str(), false));
            }
        }
    }
    keys.iter().enumerate().any(|(i, (a, first_a, many_a))| {
        keys[i + 1..].iter().any(|(b, first_b, many_b)| {
            // Some article of one differs from some article of the other unless both were
            // claimed by one and the same article only.
            !same_key(a, b) && (*many_a || *many_b || first_a != first_b)
        })
    })
}

/// What the directory gathers about one person before it is written out.
#[derive(Default)]
struct PersonAcc {
    /// Spellings in order of first appearance, with their counts.
    spellings: Vec<(String, usize)>,
    /// The analyst's name for the person, when an alias applies.
    declared: Option<String>,
    countries: Vec<(String, usize)>,
    orgs: Vec<String>,
    /// `orgs`, folded.
    orgs_folded: Vec<String>,
    titles: Vec<TitleClaim>,
    /// Article → its claims in `titles`.
    by_article: rustc_hash::FxHashMap<Sym, Vec<usize>>,
    events: BTreeSet<usize>,
}

fn bump(list: &mut Vec<(String, usize)>, value: &str) {
    match list.iter_mut().find(|(v, _)| v == value) {
        Some((_, n)) => *n += 1,
        None => list.push((value.to_owned(), 1)),
    }
}

/// The directory: one record per person, from the reports (before merging and renaming) so
/// that each article's spelling and title survive. `merged_of[i]` is the index in `events`
/// of the event report `i` was merged into.
///
/// People are shared out between the cores by their key: each core goes through every
/// report in order but keeps only its own people, so each record is what one pass over all
/// the reports would make, and sorting by key puts them in the same order whatever the
/// number of cores.
fn directory(
    reports: &[Event],
    merged_of: &[usize],
    events: &[Event],
    aliases: &Aliases,
    articles: &[ArticleMeta],
) -> Vec<PersonRecord> {
    let published: HashMap<&str, Option<PartialDate>> = articles
        .iter()
        .map(|a| (a.id.as_str(), a.published))
        .collect();
    let input = DirectoryInput {
        reports,
        merged_of,
        events,
        aliases,
        published: &published,
    };
    directory_in(&input, crate::par::cores())
}

/// The directory made in `shards` shares, each on a thread of its own.
fn directory_in(input: &DirectoryInput<'_>, shards: usize) -> Vec<PersonRecord> {
    let mut people: Vec<(String, PersonRecord)> = if shards <= 1 {
        directory_shard(input, 0, 1)
    } else {
        crate::par::on_threads(shards, |shard| directory_shard(input, shard, shards))
            .into_iter()
            .flatten()
            .collect()
    };
    people.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    people.into_iter().map(|(_, p)| p).collect()
}

/// What every share of the directory reads (see [`directory`]).
struct DirectoryInput<'a> {
    reports: &'a [Event],
    merged_of: &'a [usize],
    events: &'a [Event],
    aliases: &'a Aliases,
    /// Article id → its publication date.
    published: &'a HashMap<&'a str, Option<PartialDate>>,
}

/// The records, with their keys, of the people whose key falls to `shard` of `shards`.
fn directory_shard(
    input: &DirectoryInput<'_>,
    shard: usize,
    shards: usize,
) -> Vec<(String, PersonRecord)> {
    let DirectoryInput {
        reports,
        merged_of,
        events,
        aliases,
        published,
    } = *input;
    // This share's people in order of first appearance.
    let mut people: Vec<(String, PersonAcc)> = Vec::new();
    let mut by_key: rustc_hash::FxHashMap<String, usize> = Default::default();
    // What a counterpart's name and an organisation come to, worked out once per shared
    // string: the person's place in `people` (none for a name that folds to nothing or
    // falls to another share) and the analyst's name for them when an alias renames them;
    // the organisation as shown, and folded.
    let mut names: SymMemo<(Option<usize>, Option<String>)> = SymMemo::default();
    let mut orgs: SymMemo<(Sym, String)> = SymMemo::default();
    for (r, &k) in reports.iter().zip(merged_of) {
        let Some(merged) = events.get(k) else {
            continue;
        };
        // The report's first article, worked out when a claim needs it.
        let mut article: Option<Sym> = None;
        for c in &r.counterparts {
            let (slot, declared) = names.get_or_insert_with(&c.name, || {
                let shown = aliases.person(&c.name);
                let key = fold(&shown);
                if key.is_empty() || shard_of(&key, shards) != shard {
                    return (None, None);
                }
                let slot = *by_key.entry(key.clone()).or_insert_with(|| {
                    people.push((key, PersonAcc::default()));
                    people.len() - 1
                });
                (Some(slot), (shown != *c.name).then_some(shown))
            });
            let Some(slot) = *slot else {
                continue;
            };
            let acc = &mut people[slot].1;
            bump(&mut acc.spellings, &c.name);
            if acc.declared.is_none() {
                acc.declared.clone_from(declared);
            }
            if let Some(country) = &c.country {
                bump(&mut acc.countries, country);
            }
            let org = c.org.as_ref().map(|o| {
                orgs.get_or_insert_with(o, || {
                    let shown = aliases.organisation(o);
                    let folded = fold(&shown);
                    (Sym::from(shown), folded)
                })
            });
            if let Some((o, folded)) = &org
                && !acc.orgs_folded.contains(folded)
            {
                acc.orgs.push(o.to_string());
                acc.orgs_folded.push(folded.clone());
            }
            acc.events.insert(k);
            if c.title.is_none() && org.is_none() {
                continue;
            }
            let article = article
                .get_or_insert_with(|| {
                    r.sources
                        .iter()
                        .map(|s| &s.article)
                        .min()
                        .cloned()
                        .unwrap_or_default()
                })
                .clone();
            let claim = TitleClaim {
                title: c.title.clone(),
                org: org.map(|(o, _)| o.clone()),
                date: r
                    .date
                    .or(merged.date)
                    .or_else(|| published.get(article.as_str()).copied().flatten()),
                article,
                event: merged.id.clone(),
            };
            // Only claims of the same article are compared: a person met in thousands of
            // articles must not make this quadratic.
            let of_article = acc.by_article.entry(claim.article.clone()).or_default();
            if !of_article
                .iter()
                .any(|&t| same_claim(&acc.titles[t], &claim))
            {
                of_article.push(acc.titles.len());
                acc.titles.push(claim);
            }
        }
    }
    people
        .into_iter()
        .map(|(key, acc)| (key, person_record(acc, events)))
        .collect()
}

/// Which of `shards` shares of the directory the person of `key` falls to.
fn shard_of(key: &str, shards: usize) -> usize {
    (xxhash_rust::xxh3::xxh3_64(key.as_bytes()) % shards as u64) as usize
}

fn person_record(acc: PersonAcc, events: &[Event]) -> PersonRecord {
    // The most accented spelling is usually the careful one ("Frédéric" over "Fréderic" or
    // "Frederic"); then mixed case over capitals, then the most frequent, then the first.
    let best = acc
        .spellings
        .iter()
        .enumerate()
        .max_by_key(|(i, (s, n))| {
            (
                s.chars()
                    .filter(|c| !c.is_ascii() && c.is_alphabetic())
                    .count(),
                s.chars().any(char::is_lowercase),
                *n,
                Reverse(*i),
            )
        })
        .map(|(_, (s, _))| s.clone())
        .unwrap_or_default();
    let name = acc.declared.unwrap_or(best);
    let variants: Vec<String> = acc
        .spellings
        .iter()
        .map(|(s, _)| s.clone())
        .filter(|s| *s != name)
        .collect();
    let country = acc
        .countries
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, n))| (*n, Reverse(*i)))
        .map(|(_, (c, _))| c.clone());
    let mut titles = acc.titles;
    titles.sort_by(|a, b| {
        undated_last(a.date)
            .cmp(&undated_last(b.date))
            .then_with(|| a.article.cmp(&b.article))
    });
    let conflict = has_conflict(&titles);
    let events_of: Vec<usize> = acc.events.into_iter().collect();
    let last_contact = events_of
        .iter()
        .filter_map(|&i| events.get(i))
        .filter(|e| e.status == Status::Happened)
        .filter_map(|e| e.date)
        .max();
    PersonRecord {
        name,
        variants,
        country,
        orgs: acc.orgs,
        titles,
        events: events_of,
        last_contact,
        conflict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Counterpart, Source};

    fn pd(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    fn official(name: &str, title: Option<&str>, org: Option<&str>, country: &str) -> Counterpart {
        Counterpart {
            name: name.into(),
            title: title.map(Into::into),
            org: org.map(Into::into),
            country: Some(country.into()),
        }
    }

    /// A MAR–`partner` event reported by one sentence of `article`.
    fn ev(id: &str, kind: Kind, date: Option<&str>, partner: &str, article: &str) -> Event {
        Event {
            id: id.into(),
            kind,
            date: date.map(pd),
            date_end: None,
            status: Status::Happened,
            parties: vec!["MAR".into(), partner.into()],
            // Deliberately stale: `build` recomputes partners from the home country.
            partners: vec![],
            counterparts: vec![],
            focus: vec![],
            place: None,
            what: None,
            sources: vec![Source {
                article: article.into(),
                sentence: id.into(),
                start: 0,
                end: 1,
            }],
        }
    }

    fn build(events: Vec<Event>, aliases: &Aliases) -> Dataset {
        Dataset::build(
            Extraction {
                articles: vec![ArticleMeta {
                    id: "a1".into(),
                    published: Some(pd("2025-02-01")),
                    ..ArticleMeta::default()
                }],
                events,
                warnings: vec![],
                home: Some("MAR".into()),
            },
            aliases,
        )
    }

    #[test]
    fn filter_dates_compare_at_the_coarser_precision() {
        let mut e = ev("x", Kind::Meeting, Some("2024"), "FRA", "a1");
        let since = |s: &str| Filter {
            since: Some(pd(s)),
            ..Filter::default()
        };
        let until = |s: &str| Filter {
            until: Some(pd(s)),
            ..Filter::default()
        };
        assert!(since("2024-06").matches(&e));
        assert!(until("2024-06").matches(&e));
        assert!(!since("2025-01").matches(&e));
        e.date = Some(pd("2024-06-26"));
        e.date_end = Some(pd("2024-06-28"));
        assert!(since("2024-06-27").matches(&e));
        assert!(!since("2024-06-29").matches(&e));
        assert!(until("2024-06-26").matches(&e));
        assert!(!until("2024-06-25").matches(&e));
        assert!(until("2024-06").matches(&e) && since("2024").matches(&e));
        e.date = None;
        e.date_end = None;
        assert!(Filter::default().matches(&e));
        assert!(!since("1900").matches(&e) && !until("2100").matches(&e));
    }

    #[test]
    fn filter_kinds_and_focus() {
        let mut e = ev("x", Kind::Training, Some("2025-04"), "FRA", "a1");
        e.focus = vec!["cybercrime".into(), "training".into()];
        let f = Filter {
            kinds: BTreeSet::from([Kind::Training, Kind::Award]),
            focus: BTreeSet::from(["Cybercrime".to_owned(), "forensics".to_owned()]),
            ..Filter::default()
        };
        assert!(f.matches(&e));
        assert_eq!(
            f.describe(),
            "kind=award,training, focus=Cybercrime,forensics"
        );
        e.focus = vec!["training".into()];
        assert!(!f.matches(&e));
        e.focus = vec!["forensics".into()];
        e.kind = Kind::Meeting;
        assert!(!f.matches(&e));
        let both = Filter {
            since: Some(pd("2024-01")),
            until: Some(pd("2024-12-31")),
            ..Filter::default()
        };
        assert_eq!(both.describe(), "since 2024-01, until 2024-12-31");
    }

    #[test]
    fn spellings_of_one_person_merge_with_the_most_accented_shown() {
        let mut a = ev("a", Kind::Meeting, Some("2024-06"), "FRA", "a1");
        a.counterparts = vec![official("Fréderic Veaux", None, Some("DGPN"), "FRA")];
        let mut b = ev("b", Kind::Award, Some("2024-07"), "FRA", "a2");
        b.counterparts = vec![official("Frédéric Veaux", None, Some("DGPN"), "FRA")];
        let mut c = ev("c", Kind::Statement, Some("2024-03"), "ESP", "a3");
        c.counterparts = vec![
            official("Fernando Grande-Marlaska", None, None, "ESP"),
            official("FERNANDO GRANDE MARLASKA", None, None, "ESP"),
        ];
        let d = build(vec![a, b, c], &Aliases::default());
        assert_eq!(d.people.len(), 2, "{:#?}", d.people);
        let veaux = &d.people[1];
        assert_eq!(veaux.name, "Frédéric Veaux");
        assert_eq!(veaux.variants, ["Fréderic Veaux"]);
        assert_eq!(veaux.events.len(), 2);
        assert_eq!(veaux.last_contact, Some(pd("2024-07")));
        assert!(!veaux.conflict);
        let marlaska = &d.people[0];
        assert_eq!(marlaska.name, "Fernando Grande-Marlaska");
        assert_eq!(marlaska.variants, ["FERNANDO GRANDE MARLASKA"]);
    }

    #[test]
    fn the_directory_is_the_same_in_any_number_of_shares() {
        let names = [
            "Nicolas Lerner",
            "Eric Snoeck",
            "Fréderic Veaux",
            "Frédéric Veaux",
            "FERNANDO GRANDE MARLASKA",
            "Fernando Grande-Marlaska",
            "Ana Pérez",
            "Jan Novák",
            "Olga Ivanova",
            "Kwame Mensah",
            "Li Wei",
        ];
        let titles = [
            Some("Director General"),
            None,
            Some("Minister of the Interior"),
        ];
        let orgs = [Some("DGSE"), None, Some("Federal Police"), Some("Ministry")];
        let partners = ["FRA", "BEL", "ESP"];
        let reports: Vec<Event> = (0..60)
            .map(|i| {
                let date = format!("2024-{:02}", i % 12 + 1);
                let mut e = ev(
                    &format!("e{i}"),
                    Kind::Meeting,
                    (i % 5 != 0).then_some(date.as_str()),
                    partners[i % 3],
                    &format!("a{}", i % 7),
                );
                e.counterparts = vec![
                    official(names[i % names.len()], titles[i % 3], orgs[i % 4], "FRA"),
                    official(names[(i * 7 + 3) % names.len()], titles[i % 2], None, "BEL"),
                ];
                e
            })
            .collect();
        // Reports merged two by two.
        let merged_of: Vec<usize> = (0..reports.len()).map(|i| i / 2).collect();
        let events: Vec<Event> = reports.iter().step_by(2).cloned().collect();
        let published = HashMap::from([("a3", Some(pd("2024-02-03")))]);
        let aliases = Aliases::default();
        let input = DirectoryInput {
            reports: &reports,
            merged_of: &merged_of,
            events: &events,
            aliases: &aliases,
            published: &published,
        };
        let one = directory_in(&input, 1);
        assert_eq!(one.len(), 9, "{one:#?}");
        assert!(one.iter().any(|p| p.conflict) && one.iter().any(|p| !p.variants.is_empty()));
        // The people really are shared out, and each falls to one share only.
        let shares: Vec<usize> = (0..3)
            .map(|s| directory_shard(&input, s, 3).len())
            .collect();
        assert!(shares.iter().filter(|&&n| n > 0).count() >= 2, "{shares:?}");
        assert_eq!(shares.iter().sum::<usize>(), one.len());
        for shards in [2, 3, 5] {
            assert_eq!(directory_in(&input, shards), one, "{shards} shares");
        }
    }

    #[test]
    fn disagreeing_titles_are_kept_as_a_conflict() {
        let mut a = ev("a", Kind::Meeting, Some("2024-06"), "FRA", "a1");
        a.counterparts = vec![official(
            "Nicolas Lerner",
            Some("Director General of External Security (DGSE)"),
            Some("DGSE"),
            "FRA",
        )];
        let mut b = ev("b", Kind::Meeting, None, "FRA", "a2");
        b.counterparts = vec![official(
            "Nicolas Lerner",
            Some("Director General of Internal Security"),
            None,
            "FRA",
        )];
        let mut c = ev("c", Kind::Visit, Some("2024-05"), "BEL", "a3");
        c.counterparts = vec![official(
            "Eric Snoeck",
            Some("General Commissioner of the Belgian Federal Police"),
            None,
            "BEL",
        )];
        let mut e = ev("e", Kind::Meeting, Some("2024-05"), "BEL", "a4");
        e.counterparts = vec![official(
            "Eric Snoeck",
            Some("Commissioner General of the Belgian Federal Police"),
            Some("Belgian Federal Police"),
            "BEL",
        )];
        let d = build(vec![a, b, c, e], &Aliases::default());
        let lerner = d
            .people
            .iter()
            .find(|p| p.name == "Nicolas Lerner")
            .unwrap();
        assert!(lerner.conflict);
        let arts: Vec<&str> = lerner.titles.iter().map(|t| t.article.as_str()).collect();
        assert_eq!(arts, ["a1", "a2"]);
        // The undated report merged into the June meeting and takes its date.
        assert_eq!(lerner.titles[1].date, Some(pd("2024-06")));
        assert_eq!(lerner.events.len(), 1);
        let snoeck = d.people.iter().find(|p| p.name == "Eric Snoeck").unwrap();
        assert!(!snoeck.conflict, "{snoeck:#?}");
        assert_eq!(snoeck.titles.len(), 2);
    }

    #[test]
    fn aliases_rename_keep_variants_and_drop() {
        let mut a = ev("a", Kind::Agreement, Some("2025-06-24"), "FRA", "a1");
        a.counterparts = vec![official(
            "Louis Lejay",
            Some("Director General of the French National Police"),
            Some("DGPN"),
            "FRA",
        )];
        let mut b = ev("b", Kind::Meeting, Some("2024-06"), "FRA", "a2");
        b.counterparts = vec![official(
            "Fréderic Veaux",
            Some("Director General of the French National Police (DGPN)"),
            Some("DGPN"),
            "FRA",
        )];
        let mut gone = ev("gone", Kind::Statement, None, "ESP", "a3");
        gone.counterparts = vec![official("Nobody", None, None, "ESP")];
        let mut aliases = Aliases::embedded().unwrap();
        aliases.add("test", "[[drop]]\nevent = \"gone\"\n").unwrap();
        let d = build(vec![a, b, gone], &aliases);
        assert_eq!(d.events.len(), 2);
        assert_eq!(d.partners(), ["FRA"]);
        assert!(d.events.iter().all(|e| e.partners == ["FRA"]));
        assert_eq!(d.events[1].counterparts[0].name, "Louis Laugier");
        let names: Vec<&str> = d.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Fréderic Veaux", "Louis Laugier"]);
        assert_eq!(d.people[1].variants, ["Louis Lejay"]);
        let posts = d.posts();
        assert_eq!(posts.len(), 1, "{posts:#?}");
        assert_eq!(
            posts[0].post,
            "Director General of the French National Police"
        );
        assert_eq!(posts[0].country.as_deref(), Some("FRA"));
        let holders: Vec<&str> = posts[0].holders.iter().map(|h| h.0.as_str()).collect();
        assert_eq!(holders, ["Fréderic Veaux", "Louis Laugier"]);
    }

    #[test]
    fn posts_without_an_organisation_join_the_only_matching_one() {
        let mut a = ev("a", Kind::Meeting, Some("2024-06"), "FRA", "a1");
        a.counterparts = vec![official(
            "Celine Berthon",
            Some("Director General of Internal Security (DGSI)"),
            Some("DGSI"),
            "FRA",
        )];
        let mut b = ev("b", Kind::Meeting, None, "FRA", "a2");
        b.counterparts = vec![official(
            "Nicolas Lerner",
            Some("Director General of Internal Security"),
            None,
            "FRA",
        )];
        let d = build(vec![a, b], &Aliases::default());
        let posts = d.posts();
        assert_eq!(posts.len(), 1, "{posts:#?}");
        assert_eq!(posts[0].post, "Director General of Internal Security");
        // Undated claims fall back to the article's publication date, else come last.
        let holders: Vec<(&str, Option<PartialDate>)> = posts[0]
            .holders
            .iter()
            .map(|h| (h.0.as_str(), h.1))
            .collect();
        assert_eq!(
            holders,
            [
                ("Celine Berthon", Some(pd("2024-06"))),
                ("Nicolas Lerner", None)
            ]
        );
    }

    #[test]
    fn profile_lists_sorted_newest_first_with_activity() {
        let gz = Gazetteer::embedded().unwrap();
        let mut plan = ev("p", Kind::Agreement, Some("2022-03"), "FRA", "a1");
        plan.focus = vec!["counterterrorism".into()];
        let mut later = ev("l", Kind::Agreement, Some("2024-11"), "FRA", "a2");
        later.focus = vec!["counterterrorism".into(), "cybercrime".into()];
        let mut visit = ev("v", Kind::Visit, Some("2026-01"), "FRA", "a3");
        visit.status = Status::Planned;
        visit.counterparts = vec![
            official("Bruno Retailleau", Some("Interior Minister"), None, "FRA"),
            official("Abdelouafi Laftit", Some("Interior Minister"), None, "MAR"),
        ];
        let mut met = ev("m", Kind::Meeting, None, "FRA", "a4");
        met.counterparts = vec![official("Celine Berthon", None, Some("DGSI"), "FRA")];
        let award = ev("w", Kind::Award, Some("2024-11-02"), "FRA", "a5");
        let other = ev("o", Kind::Meeting, Some("2024-01"), "ESP", "a6");
        let d = build(
            vec![plan, later, visit, met, award, other],
            &Aliases::default(),
        );
        let id = |i: &usize| d.events[*i].id.as_str();
        let fra = d.profile(&gz, "france", &Filter::default());
        assert_eq!(fra.partner, "FRA");
        assert_eq!(fra.total, 5);
        assert_eq!(
            fra.agreements.iter().map(id).collect::<Vec<_>>(),
            ["l", "p"]
        );
        assert_eq!(fra.timeline.iter().map(id).collect::<Vec<_>>(), ["v", "m"]);
        assert_eq!(fra.planned.iter().map(id).collect::<Vec<_>>(), ["v"]);
        assert_eq!(
            fra.others.keys().copied().collect::<Vec<_>>(),
            [Kind::Award]
        );
        assert_eq!(
            fra.focus,
            [
                ("counterterrorism".to_owned(), 2),
                ("cybercrime".to_owned(), 1)
            ]
        );
        assert_eq!(fra.first_contact, Some(pd("2022-03")));
        // The planned visit is not a contact yet.
        assert_eq!(fra.last_contact, Some(pd("2024-11-02")));
        assert_eq!(
            fra.activity,
            [(2022, 1), (2023, 0), (2024, 2), (2025, 0), (2026, 1)]
        );
        let people: Vec<&str> = fra
            .counterparts
            .iter()
            .map(|&i| d.people[i].name.as_str())
            .collect();
        assert_eq!(people, ["Bruno Retailleau", "Celine Berthon"]);
        let profiles = d.profiles(&gz, &Filter::default());
        let codes: Vec<&str> = profiles.iter().map(|p| p.partner.as_str()).collect();
        assert_eq!(codes, ["FRA", "ESP"]);
        let none = d.profiles(
            &gz,
            &Filter {
                since: Some(pd("2030")),
                ..Filter::default()
            },
        );
        assert!(none.is_empty());
        assert_eq!(d.profile(&gz, "nowhere", &Filter::default()).total, 0);
    }

    #[test]
    fn title_words_ignore_order_brackets_and_small_words() {
        assert_eq!(
            title_words("General Commissioner of the Belgian Federal Police"),
            title_words("Commissioner General of the Belgian Federal Police")
        );
        assert_eq!(
            title_words("Director General of Internal Security (DGSI)"),
            title_words("director-general of internal security")
        );
        assert_ne!(
            title_words("Director General of External Security"),
            title_words("Director General of Internal Security")
        );
        assert_eq!(clean_title("Head of the BKA (Germany) "), "Head of the BKA");
    }

    proptest::proptest! {
        /// The keyed conflict check says what comparing every pair of claims says.
        #[test]
        fn conflict_check_equals_pairwise(
            claims in proptest::collection::vec(
                (0..3usize, proptest::option::of(0..3usize), proptest::option::of(0..3usize)),
                0..8,
            )
        ) {
            let titles_of = ["Head of Police", "police head", "Director General"];
            let orgs_of = ["DGSN", "dgsn ", "Europol"];
            let titles: Vec<TitleClaim> = claims
                .iter()
                .map(|&(a, t, o)| TitleClaim {
                    title: t.map(|t| titles_of[t].into()),
                    org: o.map(|o| orgs_of[o].into()),
                    article: format!("a{a}").into(),
                    date: None,
                    event: Default::default(),
                })
                .collect();
            let pairwise = titles.iter().enumerate().any(|(i, a)| {
                titles[i + 1..]
                    .iter()
                    .any(|b| a.article != b.article && !same_claim(a, b))
            });
            proptest::prop_assert_eq!(has_conflict(&titles), pairwise);
        }
    }
}
