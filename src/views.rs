//! The command-line views: partner resolution, the countries table, a profile, the officials
//! found by a query, and their JSON shapes. Pure functions over a [`Dataset`]; the binary
//! only prints what they return.

use std::collections::BTreeMap;

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use serde::Serialize;

use crate::dates::PartialDate;
use crate::fold::fold;
use crate::gazetteer::Gazetteer;
use crate::model::{Counterpart, Event, Kind, Status};
use crate::profile::{Dataset, Filter, PersonRecord, Profile};
use crate::sanitize::sanitize_line;

/// Styling for terminal output: plain when stdout is not a terminal or `NO_COLOR` is set.
#[derive(Clone, Copy, Debug, Default)]
pub struct Style {
    pub color: bool,
}

impl Style {
    fn wrap(&self, s: &str, code: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    }
    pub fn bold(&self, s: &str) -> String {
        self.wrap(s, "1")
    }
    pub fn dim(&self, s: &str) -> String {
        self.wrap(s, "2")
    }
    pub fn warn(&self, s: &str) -> String {
        self.wrap(s, "33")
    }
}

/// Display name of a partner code: the country's name, else the code (organisations).
pub fn partner_name(gz: &Gazetteer, code: &str) -> String {
    gz.country(code)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| code.to_owned())
}

/// Finds the partner a user means: a code, a name, an alternative name or a demonym
/// ("bel", "Belgian", "Türkiye", "turkey"), else the best fuzzy prefix among the partners.
/// On failure, returns the nearest partners to suggest.
pub fn resolve_partner(ds: &Dataset, gz: &Gazetteer, query: &str) -> Result<String, Vec<String>> {
    let partners = ds.partners();
    let q = fold(query);
    if q.is_empty() {
        return Err(partners
            .iter()
            .take(5)
            .map(|p| partner_name(gz, p))
            .collect());
    }
    if let Some(p) = partners.iter().find(|p| fold(p) == q) {
        return Ok(p.clone());
    }
    if let Some(c) = gz.lookup_country(query) {
        return Ok(c.code.clone());
    }
    // A prefix of a partner's name, code or alternative name.
    let names = |code: &str| -> Vec<String> {
        let mut v = vec![code.to_owned(), partner_name(gz, code)];
        if let Some(c) = gz.country(code) {
            v.extend(c.aliases.iter().cloned());
            v.extend(c.demonyms.iter().cloned());
        }
        v
    };
    let prefixed: Vec<&String> = partners
        .iter()
        .filter(|p| names(p).iter().any(|n| fold(n).starts_with(&q)))
        .collect();
    if prefixed.len() == 1 {
        return Ok(prefixed[0].clone());
    }
    // A near miss is only a suggestion: "atlantis" must not silently show Italy.
    let ranked = fuzzy_rank(
        query,
        partners.iter().map(|p| (p.clone(), names(p).join(" "))),
    );
    let mut near: Vec<String> = prefixed.iter().map(|p| partner_name(gz, p)).collect();
    for (p, _) in ranked.iter().take(5) {
        let n = partner_name(gz, p);
        if !near.contains(&n) {
            near.push(n);
        }
    }
    if near.is_empty() {
        near = partners
            .iter()
            .take(5)
            .map(|p| partner_name(gz, p))
            .collect();
    }
    Err(near)
}

/// Ranks `(key, haystack)` pairs by fuzzy score against `query`, best first; non-matches
/// are left out.
pub(crate) fn fuzzy_rank<I>(query: &str, items: I) -> Vec<(String, u32)>
where
    I: IntoIterator<Item = (String, String)>,
{
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::new(
        query,
        CaseMatching::Ignore,
        Normalization::Smart,
        AtomKind::Fuzzy,
    );
    let mut buf = Vec::new();
    let mut out: Vec<(String, u32)> = items
        .into_iter()
        .filter_map(|(key, hay)| {
            let score = pattern.score(Utf32Str::new(&hay, &mut buf), &mut matcher)?;
            Some((key, score))
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// A date as shown, "undated" when there is none.
pub fn date_str(d: Option<PartialDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "undated".into())
}

/// A post as shown: the title, and the organisation unless the title already names it.
pub fn post_str(title: Option<&str>, org: Option<&str>) -> String {
    match (title, org) {
        (Some(t), Some(o)) if !fold(t).contains(&fold(o)) => {
            format!("{}, {}", sanitize_line(t), sanitize_line(o))
        }
        (Some(t), _) => sanitize_line(t),
        (None, Some(o)) => sanitize_line(o),
        (None, None) => String::new(),
    }
}

/// Posts that differ only in word order ("General Commissioner" / "Commissioner General")
/// are one post.
fn post_key(post: &str) -> Vec<String> {
    let mut w: Vec<String> = fold(post).split(' ').map(str::to_owned).collect();
    w.sort();
    w
}

/// The distinct posts of an official, in claim order.
pub fn posts_of(p: &PersonRecord) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut keys: Vec<Vec<String>> = Vec::new();
    for t in &p.titles {
        let s = post_str(t.title.as_deref(), t.org.as_deref());
        let k = post_key(&s);
        if !s.is_empty() && !keys.contains(&k) {
            keys.push(k);
            out.push(s);
        }
    }
    out
}

fn counterpart_str(c: &Counterpart) -> String {
    let mut s = sanitize_line(&c.name);
    let post = post_str(c.title.as_deref(), c.org.as_deref());
    if !post.is_empty() {
        s.push_str(&format!(" ({post})"));
    }
    s
}

/// One line for an event: date, kind, what, who, where, how many sources.
pub fn event_line(e: &Event, home: Option<&str>) -> String {
    let mut parts = vec![date_str(e.date), e.kind.to_string()];
    if e.status == Status::Planned {
        parts.push("planned".into());
    }
    if let Some(w) = &e.what {
        parts.push(sanitize_line(w));
    }
    let people: Vec<String> = e
        .counterparts
        .iter()
        .filter(|c| c.country.as_deref() != home)
        .map(counterpart_str)
        .collect();
    if !people.is_empty() {
        parts.push(format!("with {}", people.join("; ")));
    }
    if let Some(p) = &e.place {
        parts.push(format!("in {}", sanitize_line(p)));
    }
    let n = e.sources.len();
    parts.push(format!("[{n} source{}]", if n == 1 { "" } else { "s" }));
    parts.join(" · ")
}

/// One row of `liaison countries`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CountryRow {
    pub partner: String,
    pub name: String,
    pub total: usize,
    pub counts: BTreeMap<Kind, usize>,
    pub first_contact: Option<PartialDate>,
    pub last_contact: Option<PartialDate>,
    pub focus: Vec<(String, usize)>,
}

pub fn country_rows(profiles: &[Profile]) -> Vec<CountryRow> {
    profiles
        .iter()
        .map(|p| CountryRow {
            partner: p.partner.clone(),
            name: p.name.clone(),
            total: p.total,
            counts: p.counts.clone(),
            first_contact: p.first_contact,
            last_contact: p.last_contact,
            focus: p.focus.iter().take(3).cloned().collect(),
        })
        .collect()
}

/// [`country_rows`] from the dashboard's columns rather than from profiles, under the
/// filter `cf` was compiled from: the same rows, without reading the events themselves (a
/// warm `liaison countries` then needs the columns alone).
pub fn country_rows_from(
    index: &crate::columns::Index,
    cf: &crate::columns::Compiled,
) -> Vec<CountryRow> {
    index
        .rows(cf)
        .rows
        .into_iter()
        .map(|r| CountryRow {
            counts: Kind::ALL
                .iter()
                .zip(r.counts)
                .filter(|(_, n)| *n > 0)
                .map(|(k, n)| (*k, n))
                .collect(),
            focus: index.partner_focus(r.id, cf).into_iter().take(3).collect(),
            partner: r.partner,
            name: r.name,
            total: r.total,
            first_contact: r.first_contact,
            last_contact: r.last_contact,
        })
        .collect()
}

/// Short column labels for the kinds.
const KIND_LABELS: [(Kind, &str); 7] = [
    (Kind::Agreement, "agr"),
    (Kind::Meeting, "meet"),
    (Kind::Visit, "visit"),
    (Kind::Award, "award"),
    (Kind::Training, "train"),
    (Kind::Assistance, "assist"),
    (Kind::Statement, "stmt"),
];

fn table(width: Option<u16>) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = width {
        t.set_width(w);
    }
    t
}

/// The countries table: one row per partner, events by kind, last contact, top focus areas.
pub fn countries_table(rows: &[CountryRow], width: Option<u16>) -> String {
    let mut t = table(width);
    t.set_header(["partner", "events", "by kind", "last contact", "top focus"]);
    for r in rows {
        let by_kind: Vec<String> = KIND_LABELS
            .iter()
            .filter_map(|(k, l)| r.counts.get(k).map(|n| format!("{n} {l}")))
            .collect();
        t.add_row([
            format!("{} ({})", r.name, r.partner),
            r.total.to_string(),
            by_kind.join(" "),
            r.last_contact
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            r.focus
                .iter()
                .take(2)
                .map(|(a, _)| a.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ]);
    }
    format!("{t}\n")
}

/// A profile for the terminal.
pub fn profile_text(ds: &Dataset, p: &Profile, style: Style) -> String {
    let home = ds.home.as_deref();
    let mut out = String::new();
    let counts: Vec<String> = p
        .counts
        .iter()
        .map(|(k, n)| format!("{n} {k}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    out.push_str(&style.bold(&format!("{} ({})", p.name, p.partner)));
    out.push('\n');
    out.push_str(&format!(
        "{} event{}: {}\nfirst contact {} · last contact {}\n",
        p.total,
        if p.total == 1 { "" } else { "s" },
        counts.join(", "),
        date_str(p.first_contact),
        date_str(p.last_contact)
    ));
    if !p.focus.is_empty() {
        let f: Vec<String> = p.focus.iter().map(|(a, n)| format!("{a} ({n})")).collect();
        out.push_str(&format!("focus: {}\n", f.join(", ")));
    }
    let section = |out: &mut String, title: &str, idx: &[usize]| {
        if idx.is_empty() {
            return;
        }
        out.push('\n');
        out.push_str(&style.bold(title));
        out.push('\n');
        for &i in idx {
            out.push_str(&format!("  {}\n", event_line(&ds.events[i], home)));
        }
    };
    section(&mut out, "Agreements", &p.agreements);
    section(&mut out, "Meetings and visits", &p.timeline);
    for (k, idx) in &p.others {
        let title = match k {
            Kind::Award => "Awards",
            Kind::Training => "Training",
            Kind::Assistance => "Assistance",
            Kind::Statement => "Statements",
            _ => "Other",
        };
        section(&mut out, title, idx);
    }
    section(&mut out, "Planned", &p.planned);
    if !p.counterparts.is_empty() {
        out.push('\n');
        out.push_str(&style.bold("Counterparts"));
        out.push('\n');
        for &i in &p.counterparts {
            out.push_str(&format!("  {}\n", person_summary(&ds.people[i], style)));
        }
    }
    let posts = posts_of_partner(ds, &p.partner);
    if !posts.is_empty() {
        out.push('\n');
        out.push_str(&style.bold("Posts and who held them"));
        out.push('\n');
        for post in posts {
            let holders: Vec<String> = post
                .holders
                .iter()
                .map(|(name, d, _)| format!("{} ({})", sanitize_line(name), date_str(*d)))
                .collect();
            out.push_str(&format!(
                "  {}: {}\n",
                sanitize_line(&post.post),
                holders.join(", then ")
            ));
        }
    }
    out
}

/// The posts of a partner's officials, as far as the corpus tells who held them when.
pub fn posts_of_partner(ds: &Dataset, partner: &str) -> Vec<crate::profile::Post> {
    ds.posts()
        .into_iter()
        .filter(|p| p.country.as_deref() == Some(partner) && !p.post.is_empty())
        .collect()
}

/// One line for an official: name, post(s), last contact, conflict marker.
pub fn person_summary(p: &PersonRecord, style: Style) -> String {
    let posts = posts_of(p);
    let mut line = format!(
        "{} — {} · last met {}",
        sanitize_line(&p.name),
        if posts.is_empty() {
            "post unknown".to_owned()
        } else {
            posts.join(" / ")
        },
        date_str(p.last_contact)
    );
    if p.conflict {
        line.push_str(&format!(" {}", style.warn("[conflicting titles]")));
    }
    line
}

/// The full entry of an official for `liaison who`.
pub fn person_text(ds: &Dataset, p: &PersonRecord, style: Style) -> String {
    let mut out = String::new();
    let country = p.country.as_deref().unwrap_or("?");
    out.push_str(&style.bold(&format!("{} ({country})", sanitize_line(&p.name))));
    out.push('\n');
    if !p.variants.is_empty() {
        let v: Vec<String> = p.variants.iter().map(|v| sanitize_line(v)).collect();
        out.push_str(&format!("  also written: {}\n", v.join(", ")));
    }
    if p.conflict {
        out.push_str(&format!(
            "  {}\n",
            style.warn("conflict: sources disagree on the post")
        ));
    }
    for t in &p.titles {
        let post = post_str(t.title.as_deref(), t.org.as_deref());
        let source = ds
            .article(&t.article)
            .and_then(|a| a.source.clone())
            .map(|s| format!("{s}, "))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {} — {}{} ({})\n",
            if post.is_empty() {
                "post unknown".to_owned()
            } else {
                post
            },
            source,
            t.article,
            date_str(t.date)
        ));
    }
    out.push_str(&format!(
        "  {} event{} · last contact {}\n",
        p.events.len(),
        if p.events.len() == 1 { "" } else { "s" },
        date_str(p.last_contact)
    ));
    for &i in &p.events {
        out.push_str(&format!(
            "    {}\n",
            style.dim(&event_line(&ds.events[i], ds.home.as_deref()))
        ));
    }
    out
}

/// `liaison show --json`: the profile with its events and people written out.
#[derive(Clone, Debug, Serialize)]
pub struct ProfileJson<'a> {
    pub partner: &'a str,
    pub name: &'a str,
    pub home: Option<&'a str>,
    pub total: usize,
    pub counts: &'a BTreeMap<Kind, usize>,
    pub first_contact: Option<PartialDate>,
    pub last_contact: Option<PartialDate>,
    pub focus: &'a [(String, usize)],
    pub agreements: Vec<&'a Event>,
    pub timeline: Vec<&'a Event>,
    pub others: BTreeMap<Kind, Vec<&'a Event>>,
    pub planned: Vec<&'a Event>,
    pub counterparts: Vec<&'a PersonRecord>,
    pub posts: Vec<crate::profile::Post>,
    pub activity: &'a [(i32, usize)],
}

pub fn profile_json<'a>(ds: &'a Dataset, p: &'a Profile) -> ProfileJson<'a> {
    let evs = |idx: &[usize]| idx.iter().map(|&i| &ds.events[i]).collect::<Vec<_>>();
    ProfileJson {
        partner: &p.partner,
        name: &p.name,
        home: ds.home.as_deref(),
        total: p.total,
        counts: &p.counts,
        first_contact: p.first_contact,
        last_contact: p.last_contact,
        focus: &p.focus,
        agreements: evs(&p.agreements),
        timeline: evs(&p.timeline),
        others: p.others.iter().map(|(k, v)| (*k, evs(v))).collect(),
        planned: evs(&p.planned),
        counterparts: p.counterparts.iter().map(|&i| &ds.people[i]).collect(),
        posts: posts_of_partner(ds, &p.partner),
        activity: &p.activity,
    }
}

/// `liaison who --json`: one official with the ids of their events.
#[derive(Clone, Debug, Serialize)]
pub struct PersonJson<'a> {
    /// Borrowed, unless its events had to be renumbered.
    #[serde(flatten)]
    pub person: std::borrow::Cow<'a, PersonRecord>,
    pub event_ids: Vec<&'a str>,
}

/// An official for `liaison who --json`. `numbers`, when the dataset holds only some events
/// (a warm `who`, see [`crate::cache::Found`]), gives each of its events' index in the whole
/// dataset, which the record's `events` show.
pub fn person_json<'a>(
    ds: &'a Dataset,
    p: &'a PersonRecord,
    numbers: Option<&[usize]>,
) -> PersonJson<'a> {
    let mut person = std::borrow::Cow::Borrowed(p);
    if let Some(n) = numbers {
        for e in &mut person.to_mut().events {
            *e = n.get(*e).copied().unwrap_or(*e);
        }
    }
    PersonJson {
        person,
        event_ids: p.events.iter().map(|&i| ds.events[i].id.as_str()).collect(),
    }
}

/// Parses a comma-separated list of kinds (`--kind meeting,visit`).
pub fn parse_kinds(values: &[String]) -> Result<Vec<Kind>, String> {
    let mut out = Vec::new();
    for v in values.iter().flat_map(|v| v.split(',')) {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        out.push(Kind::parse(v).ok_or_else(|| {
            format!(
                "unknown event kind `{v}` (expected one of agreement, meeting, visit, award, training, assistance, statement)"
            )
        })?);
    }
    Ok(out)
}

/// Parses focus areas (`--focus cybercrime --focus "organized crime"`), checking them
/// against the focus vocabulary (ignoring case).
pub fn parse_focus(gz: &Gazetteer, values: &[String]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for v in values.iter().flat_map(|v| v.split(',')) {
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        match gz.focus_areas.iter().find(|a| fold(a) == fold(v)) {
            Some(a) => out.push(a.clone()),
            None => {
                return Err(format!(
                    "unknown focus area `{v}` (expected one of: {})",
                    gz.focus_areas.join(", ")
                ));
            }
        }
    }
    Ok(out)
}

/// Builds a filter from the command line's values.
pub fn filter_from(
    since: Option<PartialDate>,
    until: Option<PartialDate>,
    kinds: Vec<Kind>,
    focus: Vec<String>,
) -> Filter {
    Filter {
        since,
        until,
        kinds: kinds.into_iter().collect(),
        focus: focus.into_iter().collect(),
    }
}
