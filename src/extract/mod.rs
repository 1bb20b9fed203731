//! Extraction: from an article's text to dated, sourced events.
//!
//! Per article: normalise the body, drop boilerplate, split headings and sentences; then two
//! passes over the sentences. The first collects the officials named in full (so a later
//! "Hammouchi" is known), the second finds triggers and builds events with the discourse
//! context news relies on: the section a heading opens, the date of the story told so far, and
//! definite references ("The visit ...", "The agreement was signed by ...") that add to an
//! event already found instead of making a new one.

pub mod people;

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use crate::article::Article;
use crate::corpus::Corpus;
use crate::dates::{DateMention, PartialDate, Precision, Strength, find_dates};
use crate::fold::fold;
use crate::gazetteer::{EntityRef, Gazetteer, TriggerMatch, Via};
use crate::model::{Counterpart, Event, Extraction, Kind, Source, Status};
use crate::sym::Sym;
use crate::text::{BlockKind, Normalized, blocks, sentences};
use people::{Analysis, Person, people, titles};

/// An official known in the article, with everything its mentions said about them.
#[derive(Clone, Debug, Default)]
struct Official {
    /// The folded name, for comparisons.
    key: String,
    name: String,
    title: Option<String>,
    org: Option<String>,
    country: Option<String>,
}

/// A sentence, with its place in the article.
struct Sent {
    start: usize,
    end: usize,
    para: usize,
    /// The last heading before it, as an index into the article's headings.
    heading: Option<usize>,
}

/// An event under construction (offsets are into the normalised text).
#[derive(Clone, Debug)]
struct Draft {
    kind: Kind,
    date: Option<PartialDate>,
    date_end: Option<PartialDate>,
    status: Status,
    parties: BTreeSet<String>,
    counterparts: Vec<Counterpart>,
    focus: BTreeSet<String>,
    place: Option<String>,
    what: Option<String>,
    sources: Vec<(usize, usize)>,
}

/// The date the story is at, for sentences that give none.
#[derive(Clone, Copy, Debug)]
struct DateContext {
    date: PartialDate,
    /// Set when the date came from a range ("June 26-28"): events inside it are known only to
    /// the range's common month.
    range: bool,
    para: usize,
    section: usize,
}

static ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:The|This|These|That|Those|Such|Its|Their|During\s+the|At\s+the\s+end\s+of\s+the)\s+(?:[0-9A-Za-z_-]+\s+){0,2}?(visit|visits|trip|tour|talks|meeting|meetings|discussions|session|agreement|agreements|deal|plan|accord|memorandum|protocol|roadmap|pact|treaty|convention|signing|decoration|award|medal|honour|honor|distinction|training|course|assistance|support|collaboration|cooperation|partnership|initiative|event|ceremony)(?-u:\b)",
    )
    .unwrap()
});
static THE_DEMONYM_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)[Tt]he ([A-Z][A-Za-z]+) (?:official|counterpart|minister|ambassador|envoy|delegate|chief|director)(?-u:\b)")
        .unwrap()
});
static PRONOUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:He|She|They|It|Both)(?-u:\b)").unwrap());
static CLAUSE_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    // Relative clauses too: in "visited the centre, which trained officers last year" the
    // year dates the training, not the visit.
    Regex::new(r";\s|,?\s+(?:while|whereas)\s|,\s+(?:which|where|who)\s").unwrap()
});
static PLANNED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:(?:scheduled|set|due|expected|slated|planning|poised|going|preparing)\s+to|will|shall|plans?\s+to|intends?\s+to|is\s+to|are\s+to|upcoming|forthcoming|next\s+(?:week|month|year))(?-u:\b)",
    )
    .unwrap()
});
static HABITUAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:regularly|routinely|usually|often|continuous|continuously|constantly|annually|every\s+year|each\s+year)(?-u:\b)",
    )
    .unwrap()
});
static BACKGROUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:follows|following|followed|previous|previously|recent|earlier|former|had\s+(?:been\s+)?[0-9A-Za-z_]+ed)(?-u:\b)").unwrap()
});
static PERFECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:has|have)\s+(?:just\s+|recently\s+|now\s+)?(?:been\s+)?[0-9A-Za-z_]+(?:ed|ken|wn|ne|de)(?-u:\b)",
    )
    .unwrap()
});
static INDEFINITE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:a|an|another)\s+(?:[0-9A-Za-z_-]+\s+){0,2}$").unwrap()
});

fn anaphor_kind(word: &str) -> Option<Kind> {
    Some(match word {
        "visit" | "visits" | "trip" | "tour" => Kind::Visit,
        "talks" | "meeting" | "meetings" | "discussions" | "session" => Kind::Meeting,
        "agreement" | "agreements" | "deal" | "plan" | "accord" | "memorandum" | "protocol"
        | "roadmap" | "pact" | "treaty" | "convention" | "signing" => Kind::Agreement,
        "decoration" | "award" | "medal" | "honour" | "honor" | "distinction" => Kind::Award,
        "training" | "course" => Kind::Training,
        "assistance" | "support" => Kind::Assistance,
        _ => return None,
    })
}

/// How a sentence points back at the story so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Anaphor {
    None,
    /// "The visit ...", "This agreement ..." (with the kind, when the noun has one).
    Definite(Option<Kind>),
    /// "He ...", "They ...".
    Pronoun,
}

/// Extracts every article of a corpus and sets partners relative to the home country:
/// `home` if given, else the country taking part in the most events.
///
/// Each article is read from the home country's side when it mentions it. Without a given
/// home, a first reading takes each article's most-mentioned country as its side; the home
/// is then the country in the most events, and the articles read from another side that also
/// mention the home are read again from the home's side.
pub fn extract_corpus(gz: &Gazetteer, corpus: &Corpus, home: Option<&str>) -> Extraction {
    extract_corpus_with(gz, corpus, home, &|_| {})
}

/// [`extract_corpus`] over all the machine's cores, calling `progress` with the number of
/// articles read so far (from any thread, so it must be cheap).
pub fn extract_corpus_with(
    gz: &Gazetteer,
    corpus: &Corpus,
    home: Option<&str>,
    progress: &(dyn Fn(usize) + Sync),
) -> Extraction {
    let articles: Vec<&Article> = corpus.articles.iter().collect();
    // The first reading is of every article and is the one the progress reports.
    let mut first = true;
    let (events, home) = extract_sides(gz, articles.len(), home, &mut |which, side| {
        let these: Vec<&Article> = which.iter().map(|&i| articles[i]).collect();
        let report: &(dyn Fn(usize) + Sync) = if first { progress } else { &|_| {} };
        first = false;
        let read = |_: &mut (), a: &&Article| {
            let mut r = extract_article_from(gz, a, side);
            r.share_strings();
            r
        };
        crate::par::par_map_sharing_with(&these, || (), read, report).0
    });
    Extraction {
        articles: corpus.articles.iter().map(|a| a.meta.clone()).collect(),
        events,
        warnings: corpus.warnings.clone(),
        home,
    }
}

/// Per-article results of the articles at some indices, read from a side (`None`: each
/// article's own).
pub type ReadSide<'a> = dyn FnMut(&[usize], Option<&str>) -> Vec<ArticleResult> + 'a;

/// The corpus-level part of [`extract_corpus`], over `n` articles whose per-article results
/// come from `read(indices, side)` (fresh extraction, or a cache): the first reading, the
/// home, the second reading of the articles that mention it, and partners set from it.
/// Returns the events in article order and the home.
pub fn extract_sides(
    gz: &Gazetteer,
    n: usize,
    home: Option<&str>,
    read: &mut ReadSide<'_>,
) -> (Vec<Event>, Option<String>) {
    let all: Vec<usize> = (0..n).collect();
    let (results, home) = match home {
        Some(h) => (read(&all, Some(h)), Some(h.to_owned())),
        None => {
            let mut results = read(&all, None);
            crate::timing::phase("extract: first reading");
            let home = home_of(gz, results.iter());
            if let Some(h) = &home {
                let again: Vec<usize> = (0..results.len())
                    .filter(|&i| read_again(&results[i], h))
                    .collect();
                let fresh = read(&again, Some(h));
                crate::timing::phase(&format!("extract: {} read again from {h}", again.len()));
                for (i, r) in again.into_iter().zip(fresh) {
                    results[i] = r;
                }
            }
            (results, home)
        }
    };
    // Sized once (see `merge_with_members`).
    let mut events: Vec<Event> = Vec::with_capacity(results.iter().map(|r| r.events.len()).sum());
    for r in results {
        events.extend(r.events);
    }
    crate::timing::phase("extract: flattened");
    crate::par::on_runs_mut(&mut events, crate::par::cores(), |run| {
        set_partners(run, home.as_deref());
    });
    (events, home)
}

/// The events of one article and the side it was read from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArticleResult {
    pub events: Vec<Event>,
    /// The country the article was read from (the home side of its events).
    pub focal: Option<String>,
    /// Every country the article mentions.
    pub mentioned: Vec<String>,
}

impl ArticleResult {
    /// Makes its events' codes, names and article ids the active interner's copies (see
    /// [`Event::share_strings`]).
    pub fn share_strings(&mut self) {
        self.events.iter_mut().for_each(Event::share_strings);
    }
}

/// The home of a corpus from its articles read from their own sides: the country taking
/// part in the most events; ties go to the country most articles are told from, then to the
/// alphabetically first code.
pub fn home_of<'a>(
    gz: &Gazetteer,
    results: impl Iterator<Item = &'a ArticleResult> + Clone,
) -> Option<String> {
    let sides: Vec<&str> = results.clone().filter_map(|r| r.focal.as_deref()).collect();
    most_common_party_by(gz, results.flat_map(|r| &r.events), &sides)
}

/// The country taking part in the most events (ties: the alphabetically first code).
pub fn most_common_party(gz: &Gazetteer, events: &[Event]) -> Option<String> {
    most_common_party_by(gz, events.iter(), &[])
}

/// The country taking part in the most events; ties go to the country most articles are
/// told from (`sides`), then to the alphabetically first code.
fn most_common_party_by<'a>(
    gz: &Gazetteer,
    events: impl Iterator<Item = &'a Event>,
    sides: &[&str],
) -> Option<String> {
    let mut counts: HashMap<&'a str, (usize, usize)> = HashMap::new();
    for e in events {
        for p in &e.parties {
            if gz.country(p).is_some() {
                counts.entry(p.as_str()).or_default().0 += 1;
            }
        }
    }
    for s in sides {
        if let Some(c) = counts.get_mut(*s) {
            c.1 += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(c, _)| c.to_owned())
}

/// Sets each event's partners to its parties minus `home`, in order and each once, whatever
/// the input said (so that a dataset built from an extraction made with another home, or
/// from reports an alias renamed, is still consistent). Extraction gives its parties in
/// order and each once, and they are mostly already so (an article read from the home's
/// side): then nothing is allocated or freed.
pub fn set_partners(events: &mut [Event], home: Option<&str>) {
    for e in events {
        let Event {
            parties, partners, ..
        } = e;
        let others = parties.iter().filter(|p| Some(p.as_str()) != home);
        if parties.windows(2).all(|w| w[0] < w[1]) {
            if !partners.iter().eq(others.clone()) {
                partners.clear();
                partners.extend(others.cloned());
            }
        } else {
            let mut set: Vec<&Sym> = others.collect();
            set.sort_unstable();
            set.dedup();
            *partners = set.into_iter().cloned().collect();
        }
    }
}

/// Extracts the events of one article, read from its most-mentioned country's side.
/// Partners are its parties minus that country; `extract_corpus` sets them relative to the
/// corpus home.
pub fn extract_article(gz: &Gazetteer, article: &Article) -> Vec<Event> {
    extract_article_from(gz, article, None).events
}

/// Extracts the events of one article, read from `home`'s side when the article mentions
/// it, else from its most-mentioned country's side.
pub fn extract_article_from(
    gz: &Gazetteer,
    article: &Article,
    home: Option<&str>,
) -> ArticleResult {
    let norm = Normalized::new(&article.body);
    let first = first_pass(gz, article, &norm.text);
    read_from(gz, article, &norm, &first, home)
}

/// Extracts the events of one article read from its own side (as
/// `extract_article_from(gz, article, None)`) and, when that side is not `home` but the
/// article mentions `home`, also read from `home`'s side (as
/// `extract_article_from(gz, article, Some(home))`): what a corpus whose home is `home`
/// reads it again for. The work that does not depend on the side is done once.
pub fn extract_article_both(
    gz: &Gazetteer,
    article: &Article,
    home: &str,
) -> (ArticleResult, Option<ArticleResult>) {
    let norm = Normalized::new(&article.body);
    let first = first_pass(gz, article, &norm.text);
    let own = read_from(gz, article, &norm, &first, None);
    let again = read_again(&own, home).then(|| read_from(gz, article, &norm, &first, Some(home)));
    (own, again)
}

/// Whether an article read from its own side is read again from `home`'s: it was told from
/// another side, and it mentions `home`.
pub fn read_again(own: &ArticleResult, home: &str) -> bool {
    own.focal.as_deref() != Some(home) && own.mentioned.iter().any(|c| c == home)
}

/// What reading an article finds before its side is known: its sentences, their analyses
/// and the officials named in full.
struct FirstPass<'t> {
    sents: Vec<Sent>,
    headings: Vec<(usize, usize)>,
    analyses: Vec<(Analysis<'t>, Vec<people::Title>)>,
    officials: Vec<Official>,
    country_counts: HashMap<String, usize>,
    mentioned: Vec<String>,
    surname_index: HashMap<String, usize>,
}

/// The first pass over an article's normalised `text`: what does not depend on its side.
fn first_pass<'t>(gz: &Gazetteer, article: &Article, text: &'t str) -> FirstPass<'t> {
    // Headings, paragraphs and sentences.
    let mut sents: Vec<Sent> = Vec::new();
    let mut headings: Vec<(usize, usize)> = Vec::new();
    for (para, b) in blocks(text, article.meta.source.as_deref())
        .into_iter()
        .enumerate()
    {
        match b.kind {
            BlockKind::Heading => headings.push((b.start, b.end)),
            BlockKind::Paragraph => {
                for (s, e) in sentences(text, b.start, b.end) {
                    sents.push(Sent {
                        start: s,
                        end: e,
                        para,
                        heading: headings.len().checked_sub(1),
                    });
                }
            }
        }
    }

    // Pass 1: officials named in full, and the article's focal country.
    let mut officials: Vec<Official> = Vec::new();
    let mut country_counts: HashMap<String, usize> = HashMap::new();
    let mut analyses = Vec::with_capacity(sents.len());
    for s in &sents {
        let st = &text[s.start..s.end];
        let a = Analysis::new(gz, st);
        for m in &a.mentions {
            if let Some(c) = gz.entity_country(m.entity) {
                *country_counts.entry(c.to_owned()).or_default() += 1;
            }
        }
        let t = titles(gz, &a);
        let ps = people(gz, &a, &t, &|_| false);
        for p in ps.iter().filter(|p| p.official) {
            record_official(&mut officials, p);
        }
        analyses.push((a, t));
    }
    let mut mentioned: Vec<String> = country_counts.keys().cloned().collect();
    mentioned.sort();
    let surname_index = surname_index(&officials);
    FirstPass {
        sents,
        headings,
        analyses,
        officials,
        country_counts,
        mentioned,
        surname_index,
    }
}

/// The events of an article from its first pass over `norm`, read from `home`'s side when it mentions
/// it, else from its most-mentioned country's side.
fn read_from(
    gz: &Gazetteer,
    article: &Article,
    norm: &Normalized,
    first: &FirstPass<'_>,
    home: Option<&str>,
) -> ArticleResult {
    let text = norm.text.as_str();
    let FirstPass {
        sents,
        headings,
        analyses,
        officials,
        country_counts,
        mentioned,
        surname_index,
    } = first;
    let published = article.meta.published;
    // The side the article is told from: the home country when it is mentioned; else the
    // first actor of the headline or of the lead sentence (news names its subject first);
    // else the most mentioned country.
    let focal = match home {
        Some(h) if country_counts.contains_key(h) => Some(h.to_owned()),
        _ => article
            .meta
            .title
            .as_deref()
            .map(|t| Normalized::new(t).text)
            .and_then(|t| first_actor(gz, &t, officials, surname_index))
            .or_else(|| {
                sents
                    .first()
                    .and_then(|s| first_actor(gz, &text[s.start..s.end], officials, surname_index))
            })
            .or_else(|| {
                country_counts
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(c, _)| c.clone())
            }),
    };

    // Pass 2: events.
    let first_para = sents.first().map(|s| s.para).unwrap_or(0);
    let mut drafts: Vec<Draft> = Vec::new();
    let mut last_events: Vec<usize> = Vec::new();
    let mut last_home_person: Option<Person> = None;
    let mut last_by_country: HashMap<String, Person> = HashMap::new();
    let mut date_ctx: Option<DateContext> = None;
    // A heading that names a new partner opens a section: the story's date, its partner and
    // the events sentences refer back to are reset. Other headings are sub-titles of the same
    // story ("High French Honor Awarded to ..." in a story about France).
    let mut section = 0usize;
    let mut section_parties: Vec<String> = Vec::new();
    let mut seen_heading: Option<usize> = None;
    for (si, s) in sents.iter().enumerate() {
        let st = &text[s.start..s.end];
        if s.heading != seen_heading {
            seen_heading = s.heading;
            if let Some(h) = s.heading {
                let (hs, he) = headings[h];
                let named = foreign_parties(
                    gz,
                    &gz.entities(&text[hs..he]),
                    0,
                    he - hs,
                    focal.as_deref(),
                );
                let story: BTreeSet<String> = last_events
                    .iter()
                    .flat_map(|&i| drafts[i].parties.iter().cloned())
                    .chain(section_parties.iter().cloned())
                    .collect();
                if !named.is_empty() && !named.iter().all(|p| story.contains(p)) {
                    section += 1;
                    section_parties = named;
                    last_events.clear();
                } else if named.is_empty() {
                    // A sub-title: the story and its date go on, but a partner named by an
                    // earlier heading no longer stands for sentences that name none.
                    section_parties.clear();
                }
            }
        }
        let (a, title_list) = &analyses[si];
        let known = |w: &str| surname_index.contains_key(&fold(w));
        let mut persons = people(gz, a, title_list, &known);
        resolve_people(&mut persons, officials, surname_index);
        // "He"/"She" opening a sentence is the home-side official the story is about.
        if (st.starts_with("He ") || st.starts_with("She "))
            && let Some(p) = &last_home_person
            && !persons.iter().any(|x| fold(&x.name) == fold(&p.name))
        {
            let mut p = p.clone();
            (p.start, p.end) = (0, 0);
            persons.insert(0, p);
        }
        if let Some(p) = persons
            .iter()
            .find(|p| p.official && p.country.is_some() && p.country == focal && p.end > 0)
        {
            last_home_person = Some(p.clone());
        }
        // "the French official" is the French official the story last named.
        for c in THE_DEMONYM_ROLE.captures_iter(st) {
            let (Some(whole), Some(dem)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let country = a.mentions.iter().find_map(|m| match m.entity {
                EntityRef::Country(i, Via::Demonym) if m.start == dem.start() => {
                    Some(gz.countries[i].code.clone())
                }
                _ => None,
            });
            if let Some(country) = country
                && !persons.iter().any(|x| x.country.as_ref() == Some(&country))
                && let Some(p) = last_by_country.get(&country)
            {
                let mut p = p.clone();
                (p.start, p.end) = (whole.start(), whole.end());
                persons.push(p);
            }
        }
        for p in persons.iter().filter(|p| p.official && p.end > 0) {
            if let Some(c) = &p.country {
                last_by_country.insert(c.clone(), p.clone());
            }
        }
        let opener = st.split(' ').next().unwrap_or("");
        let may_refer = matches!(
            opener,
            "The"
                | "This"
                | "These"
                | "That"
                | "Those"
                | "Such"
                | "Its"
                | "Their"
                | "During"
                | "At"
        );
        let anaphor = if let Some(c) = may_refer.then(|| ANAPHOR.captures(st)).flatten() {
            Anaphor::Definite(
                c.get(1)
                    .and_then(|m| anaphor_kind(&m.as_str().to_lowercase())),
            )
        } else if PRONOUN.is_match(st) {
            Anaphor::Pronoun
        } else {
            Anaphor::None
        };

        let mut triggers: Vec<TriggerMatch> = gz
            .triggers(st)
            .into_iter()
            .filter(|t| !t.needs_person || person_follows(a, &persons, t.end))
            .collect();
        // A sentence that neither tells an event nor refers back to one adds nothing.
        if triggers.is_empty() && (anaphor == Anaphor::None || last_events.is_empty()) {
            continue;
        }
        let dates = find_dates(st, published);

        // Triggers that only refer back to events already found.
        let antecedents: Vec<usize> = last_events.clone();
        let antecedent_kinds: BTreeSet<Kind> =
            antecedents.iter().map(|&i| drafts[i].kind).collect();
        let mut referred = false;
        match anaphor {
            Anaphor::Definite(kind) => {
                referred = !antecedents.is_empty();
                if let Some(k) = kind {
                    triggers.retain(|t| t.kind != k || INDEFINITE_BEFORE.is_match(&st[..t.start]));
                }
            }
            Anaphor::Pronoun if !antecedents.is_empty() => {
                let known_cps: BTreeSet<String> = antecedents
                    .iter()
                    .flat_map(|&i| drafts[i].counterparts.iter().map(|c| fold(&c.name)))
                    .collect();
                let new_partner_person = persons.iter().any(|p| {
                    p.country.is_some() && p.country != focal && !known_cps.contains(&fold(&p.name))
                });
                if !new_partner_person {
                    let before = triggers.len();
                    triggers.retain(|t| !antecedent_kinds.contains(&t.kind));
                    referred = before != triggers.len() || triggers.is_empty();
                }
            }
            _ => {}
        }

        let clauses = clauses(st);
        let focus_hits = gz.focus_hits(st);
        let focus_all = focus_names(gz, &focus_hits, 0, st.len());
        let mut made: Vec<usize> = Vec::new();

        // Group triggers by clause and kind: one seed each.
        let mut seeds: Vec<(usize, Kind, TriggerMatch)> = Vec::new();
        for t in &triggers {
            let ci = clauses
                .iter()
                .position(|&(cs, ce)| cs <= t.start && t.start < ce)
                .unwrap_or(0);
            if !seeds.iter().any(|(c, k, _)| *c == ci && *k == t.kind) {
                seeds.push((ci, t.kind, *t));
            }
        }
        let visit_in_clause =
            |ci: usize| seeds.iter().any(|(c, k, _)| *c == ci && *k == Kind::Visit);

        for &(ci, kind, trig) in &seeds {
            let (cs, ce) = clauses[ci];
            let clause = &st[cs..ce];
            if HABITUAL.is_match(clause) {
                continue;
            }
            // Parties: the clause, else the sentence, else what the story is about.
            let mut foreign = foreign_parties(gz, &a.mentions, cs, ce, focal.as_deref());
            for p in persons.iter().filter(|p| p.start >= cs && p.end <= ce) {
                if let Some(c) = &p.country
                    && Some(c) != focal.as_ref()
                    && !foreign.contains(c)
                {
                    foreign.push(c.clone());
                }
            }
            if foreign.is_empty() {
                foreign = foreign_parties(gz, &a.mentions, 0, st.len(), focal.as_deref());
            }
            if foreign.is_empty() {
                let from_last: Vec<String> = last_events
                    .iter()
                    .flat_map(|&i| drafts[i].parties.iter().cloned())
                    .filter(|p| Some(p) != focal.as_ref())
                    .collect();
                foreign = from_last;
                foreign.sort();
                foreign.dedup();
            }
            if foreign.is_empty() {
                foreign = section_parties.clone();
            }
            if foreign.is_empty() {
                continue;
            }

            // Counterparts: people of the clause, each with a country.
            let mut cps: Vec<&Person> = persons
                .iter()
                .filter(|p| p.start >= cs && p.end <= ce)
                .filter(|p| {
                    p.official
                        || p.country.is_some()
                        || kind == Kind::Meeting && p.start > trig.start
                })
                .collect();
            cps.sort_by_key(|p| p.start);
            // An official of unknown country is on the other side from the officials of
            // known country in the clause: "Saidane (Tunisia) met Nancy Faeser" puts Faeser
            // on the home side; "Hammouchi met Deputy Minister X" puts X on the partner's.
            // Over the whole sentence: in "travelled to Berlin, where he met X", the
            // traveller's side is known from the clause before.
            let known_sides: BTreeSet<bool> = persons
                .iter()
                .filter(|p| p.official || p.country.is_some())
                .filter_map(|p| p.country.as_ref().map(|c| Some(c) == focal.as_ref()))
                .collect();
            let fallback_country = match (known_sides.contains(&true), known_sides.contains(&false))
            {
                (false, true) => focal.clone(),
                _ if foreign.len() == 1 => Some(foreign[0].clone()),
                _ => None,
            };
            let to_cp = |p: &Person| Counterpart {
                name: Sym::from(&p.name),
                title: p.title.as_deref().map(Sym::from),
                org: p.org.as_deref().map(Sym::from),
                country: p
                    .country
                    .as_deref()
                    .or(fallback_country.as_deref())
                    .map(Sym::from),
            };

            // The marker may reach into the trigger: "is scheduled [to visit]".
            let mut from = cs.max(trig.start.saturating_sub(80));
            while !st.is_char_boundary(from) {
                from -= 1;
            }
            let announced = PLANNED.is_match(&st[from..trig.end]);
            // A plan does not take the date of the story told so far.
            let ctx = if announced { None } else { date_ctx };
            // The first event of a news story, told without a date, is the news itself.
            let lead = drafts.is_empty() && made.is_empty() && s.para <= first_para + 1;
            let mut date = choose_date(
                &dates,
                (cs, ce, trig.start),
                clause,
                ctx,
                (s.para, section, lead),
                if announced { None } else { published },
            );
            // "is expected to visit Madrid in March": a plan's month without a year is the
            // next such month, not the last one.
            if announced
                && let (Some(d), Some(p)) = (date.as_mut(), published)
                && !d.year_written
                && d.date.last_day() < p.first_day()
            {
                d.date = next_year(d.date);
                d.end = d.end.map(next_year);
                d.future = true;
            }
            let planned = announced || date.as_ref().is_some_and(|d| d.future);
            let focus = {
                let f = focus_names(gz, &focus_hits, cs, ce);
                if f.is_empty() { focus_all.clone() } else { f }
            };
            let place = place_of(gz, a, (cs, ce), kind, focal.as_deref());
            let what = if kind == Kind::Agreement {
                agreement_what(clause, trig.start.saturating_sub(cs), trig.end - cs)
            } else {
                None
            };

            // The article's side takes part, unless the sentence is about two other
            // countries and does not name it.
            let mut parties: BTreeSet<String> = foreign.iter().cloned().collect();
            if let Some(f) = &focal {
                let named_here = a
                    .mentions
                    .iter()
                    .any(|m| gz.entity_country(m.entity) == Some(f.as_str()))
                    || persons.iter().any(|p| p.country.as_ref() == Some(f));
                if foreign.len() == 1 || named_here {
                    parties.insert(f.clone());
                }
            }
            let base = Draft {
                kind,
                date: date.map(|d| d.date),
                date_end: date.and_then(|d| d.end),
                status: if planned {
                    Status::Planned
                } else {
                    Status::Happened
                },
                parties,
                counterparts: Vec::new(),
                focus: focus.into_iter().collect(),
                place,
                what,
                sources: vec![(s.start, s.end)],
            };

            if kind == Kind::Meeting {
                // One meeting per partner-side official; inside a visit, only those met.
                let partner_side: Vec<&&Person> = cps
                    .iter()
                    .filter(|p| {
                        let c = p.country.clone().or_else(|| fallback_country.clone());
                        c.is_some() && c != focal
                    })
                    .filter(|p| !visit_in_clause(ci) || p.start > trig.start)
                    .collect();
                if partner_side.is_empty() {
                    if visit_in_clause(ci) {
                        continue;
                    }
                    let mut d = base.clone();
                    d.counterparts = cps.iter().map(|p| to_cp(p)).collect();
                    drafts.push(d);
                    made.push(drafts.len() - 1);
                } else {
                    let home_side: Vec<Counterpart> = cps
                        .iter()
                        .map(|p| to_cp(p))
                        .filter(|c| c.country.is_some() && c.country.as_deref() == focal.as_deref())
                        .collect();
                    for p in partner_side {
                        let mut d = base.clone();
                        d.counterparts = vec![to_cp(p)];
                        d.counterparts.extend(home_side.iter().cloned());
                        drafts.push(d);
                        made.push(drafts.len() - 1);
                    }
                }
            } else {
                let mut d = base;
                d.counterparts = cps.iter().map(|p| to_cp(p)).collect();
                drafts.push(d);
                made.push(drafts.len() - 1);
            }

            // The story's date moves with dates the text gives.
            if let Some(dm) = date
                && dm.explicit
            {
                date_ctx = Some(DateContext {
                    date: dm.date,
                    range: dm.end.is_some(),
                    para: s.para,
                    section,
                });
            }
        }

        // A sentence that refers back adds what it says to the events it refers to.
        if made.is_empty() && referred && anaphor != Anaphor::None {
            let kind = match anaphor {
                Anaphor::Definite(k) => k,
                _ => None,
            };
            // "The agreement ..." is the last agreement told, even if other events came
            // after it; "The collaboration ..." is whatever was told last.
            let targets: Vec<usize> = match kind {
                None => antecedents.clone(),
                Some(k) => {
                    let here: Vec<usize> = antecedents
                        .iter()
                        .copied()
                        .filter(|&i| drafts[i].kind == k)
                        .collect();
                    if here.is_empty() {
                        drafts
                            .iter()
                            .rposition(|d| d.kind == k)
                            .into_iter()
                            .collect()
                    } else {
                        here
                    }
                }
            };
            let add_people = matches!(anaphor, Anaphor::Definite(Some(_)));
            for &i in &targets {
                let d = &mut drafts[i];
                d.focus.extend(focus_all.iter().cloned());
                if d.date.is_none()
                    && let Some(dm) = dates
                        .iter()
                        .find(|m| m.strength != Strength::Relative || published.is_some())
                {
                    d.date = Some(dm.date);
                }
                if add_people {
                    for p in &persons {
                        if !d
                            .counterparts
                            .iter()
                            .any(|c| fold(&c.name) == fold(&p.name))
                        {
                            d.counterparts.push(Counterpart {
                                name: Sym::from(&p.name),
                                title: p.title.as_deref().map(Sym::from),
                                org: p.org.as_deref().map(Sym::from),
                                country: p.country.as_deref().map(Sym::from),
                            });
                        }
                    }
                }
                if !d.sources.contains(&(s.start, s.end)) {
                    d.sources.push((s.start, s.end));
                }
            }
        } else if !made.is_empty() {
            last_events = made;
        }
    }

    complete_countries(&mut drafts);
    let drafts = dedup(drafts, focal.as_deref());
    let events = drafts
        .into_iter()
        .map(|d| finish(article, norm, d, focal.as_deref()))
        .collect();
    ArticleResult {
        events,
        focal,
        mentioned: mentioned.clone(),
    }
}

/// The country of the first actor a text names: a country, demonym, city or agency, or an
/// official of the article whose country is known.
fn first_actor(
    gz: &Gazetteer,
    text: &str,
    officials: &[Official],
    surnames: &HashMap<String, usize>,
) -> Option<String> {
    let a = Analysis::new(gz, text);
    let entity = a
        .mentions
        .iter()
        .find_map(|m| gz.entity_country(m.entity).map(|c| (m.start, c.to_owned())));
    let t = titles(gz, &a);
    let known = |w: &str| surnames.contains_key(&fold(w));
    let mut persons = people(gz, &a, &t, &known);
    resolve_people(&mut persons, officials, surnames);
    let person = persons
        .iter()
        .find_map(|p| p.country.clone().map(|c| (p.start, c)));
    match (entity, person) {
        (Some(e), Some(p)) => Some(if p.0 < e.0 { p.1 } else { e.1 }),
        (e, p) => e.or(p).map(|x| x.1),
    }
}

/// Gives a person whose country one event left open the country another event of the same
/// article found ("Naqvi" is Pakistani in the meeting, so in the course too).
fn complete_countries(drafts: &mut [Draft]) {
    let mut known: HashMap<String, Sym> = HashMap::new();
    for d in drafts.iter() {
        for c in &d.counterparts {
            if let Some(country) = &c.country {
                known
                    .entry(fold(&c.name))
                    .or_insert_with(|| country.clone());
            }
        }
    }
    for d in drafts.iter_mut() {
        for c in d.counterparts.iter_mut().filter(|c| c.country.is_none()) {
            c.country = known.get(&fold(&c.name)).cloned();
        }
    }
}

/// Adds or completes an official in the article's list.
fn record_official(officials: &mut Vec<Official>, p: &Person) {
    let key = fold(&p.name);
    if let Some(o) = officials.iter_mut().find(|o| o.key == key) {
        if o.title.is_none() {
            o.title = p.title.clone();
        }
        if o.org.is_none() {
            o.org = p.org.clone();
        }
        if o.country.is_none() {
            o.country = p.country.clone();
        }
    } else {
        officials.push(Official {
            key,
            name: p.name.clone(),
            title: p.title.clone(),
            org: p.org.clone(),
            country: p.country.clone(),
        });
    }
}

/// Folded surname (last word) → index of the official, for surnames that are unambiguous.
fn surname_index(officials: &[Official]) -> HashMap<String, usize> {
    let mut idx: HashMap<String, Option<usize>> = HashMap::new();
    for (i, o) in officials.iter().enumerate() {
        if let Some(last) = o.name.split_whitespace().last() {
            let e = idx.entry(fold(last)).or_insert(Some(i));
            if *e != Some(i) {
                *e = None;
            }
        }
    }
    idx.into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
        .collect()
}

/// Completes people from the article's officials: "Hammouchi" becomes "Abdellatif
/// Hammouchi" with his title, organisation and country.
fn resolve_people(
    persons: &mut [Person],
    officials: &[Official],
    surnames: &HashMap<String, usize>,
) {
    for p in persons.iter_mut() {
        let key = fold(&p.name);
        let o = officials.iter().find(|o| o.key == key).or_else(|| {
            if p.name.split_whitespace().count() == 1 {
                surnames.get(&key).map(|&i| &officials[i])
            } else {
                None
            }
        });
        if let Some(o) = o {
            p.name = o.name.clone();
            if p.title.is_none() {
                p.title = o.title.clone();
            }
            if p.org.is_none() {
                p.org = o.org.clone();
            }
            if p.country.is_none() {
                p.country = o.country.clone();
            }
        }
    }
}

/// Whether a named person starts within a few words after byte `end` ("received his
/// counterpart, Mr. X" / "welcomed Interior Minister Y").
fn person_follows(a: &Analysis<'_>, persons: &[Person], end: usize) -> bool {
    let next_tok = a
        .toks
        .iter()
        .position(|t| t.start >= end)
        .unwrap_or(a.toks.len());
    persons.iter().any(|p| {
        p.first >= next_tok && p.first <= next_tok + 6 && (p.official || p.country.is_some())
    })
}

/// Clause ranges of a sentence: split at semicolons and at "while"/"whereas".
fn clauses(s: &str) -> Vec<(usize, usize)> {
    // Every break holds a semicolon or a word starting "wh" (the pattern is case-sensitive):
    // most sentences have neither, and are not searched.
    if !s.contains(';') && !s.contains("wh") {
        return vec![(0, s.len())];
    }
    let mut out = Vec::new();
    let mut start = 0;
    for m in CLAUSE_BREAK.find_iter(s) {
        if m.start() > start {
            out.push((start, m.start()));
        }
        start = m.end();
    }
    out.push((start, s.len()));
    out
}

/// Countries and organisations (other than `focal`) named in `s[from..to]`.
fn foreign_parties(
    gz: &Gazetteer,
    mentions: &[crate::gazetteer::Mention],
    from: usize,
    to: usize,
    focal: Option<&str>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for m in mentions.iter().filter(|m| m.start >= from && m.end <= to) {
        let code = match m.entity {
            EntityRef::Organisation(i) => Some(gz.organisations[i].code.clone()),
            e => gz.entity_country(e).map(|c| c.to_owned()),
        };
        if let Some(c) = code
            && Some(c.as_str()) != focal
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    out
}

/// The focus areas of the hits inside `from..to`, sorted, once each.
fn focus_names(
    gz: &Gazetteer,
    hits: &[(usize, usize, usize)],
    from: usize,
    to: usize,
) -> Vec<String> {
    let mut v: Vec<String> = hits
        .iter()
        .filter(|h| h.0 >= from && h.1 <= to)
        .map(|h| gz.focus_areas[h.2].clone())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The same date a year later (29 February becomes 28 February).
fn next_year(d: PartialDate) -> PartialDate {
    let y = d.year + 1;
    match (d.month, d.day) {
        (Some(m), Some(day)) => PartialDate::day(y, m, day)
            .or_else(|| PartialDate::day(y, m, day - 1))
            .unwrap_or(d),
        (Some(m), None) => PartialDate::month(y, m).unwrap_or(d),
        _ => PartialDate::year(y),
    }
}

/// The date picked for an event.
#[derive(Clone, Copy, Debug)]
struct ChosenDate {
    date: PartialDate,
    end: Option<PartialDate>,
    future: bool,
    /// The text gave the year ("June 2025"), rather than leaving it to be inferred ("June").
    year_written: bool,
    /// Written in this sentence (not inherited, not a weak year): it moves the story's date.
    explicit: bool,
}

/// Picks an event's date: a date written in its clause (the nearest to the trigger), else the
/// story's date when the sentence continues the story, else a year the clause mentions, else
/// the publication date for news told in the present perfect ("have formalized").
#[allow(clippy::too_many_arguments)]
fn choose_date(
    dates: &[DateMention],
    (cs, ce, trig): (usize, usize, usize),
    clause: &str,
    ctx: Option<DateContext>,
    (para, section, lead): (usize, usize, bool),
    published: Option<PartialDate>,
) -> Option<ChosenDate> {
    let in_clause: Vec<&DateMention> = dates
        .iter()
        .filter(|d| d.start >= cs && d.end <= ce)
        .collect();
    let strong = in_clause
        .iter()
        .filter(|d| d.strength != Strength::WeakYear)
        .min_by_key(|d| d.start.abs_diff(trig));
    if let Some(d) = strong {
        let text = clause.get(d.start - cs..d.end - cs).unwrap_or("");
        let year_written = text
            .split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() == 4);
        return Some(ChosenDate {
            date: d.date,
            end: d.end_date,
            future: d.future,
            explicit: true,
            year_written,
        });
    }
    let weak = in_clause
        .iter()
        .filter(|d| d.strength == Strength::WeakYear && !d.future)
        .min_by_key(|d| d.start.abs_diff(trig));
    let background = BACKGROUND.is_match(clause);
    let inherited = ctx.filter(|c| {
        !background && (c.para == para || (c.section == section && recent(c.date, published)))
    });
    if let Some(c) = inherited {
        let date = if c.range {
            c.date.truncate(Precision::Month)
        } else {
            c.date
        };
        match weak {
            Some(w) if w.date.year != date.year => {}
            _ => {
                return Some(ChosenDate {
                    date,
                    end: None,
                    future: false,
                    explicit: false,
                    year_written: true,
                });
            }
        }
    }
    if let Some(w) = weak {
        return Some(ChosenDate {
            date: w.date,
            end: None,
            future: false,
            explicit: false,
            year_written: true,
        });
    }
    if !background
        && (lead || PERFECT.is_match(clause))
        && let Some(p) = published
    {
        let date = if p.precision() == Precision::Day {
            p.truncate(Precision::Month)
        } else {
            p
        };
        return Some(ChosenDate {
            date,
            end: None,
            future: false,
            explicit: true,
            year_written: true,
        });
    }
    None
}

/// Whether a date is within a year before publication: only such dates carry over from one
/// paragraph to the next (an anecdote from 2015 does not date the rest of a 2025 article).
fn recent(date: PartialDate, published: Option<PartialDate>) -> bool {
    match published {
        None => true,
        Some(p) => {
            let days = (p.last_day() - date.first_day()).num_days();
            (0..=400).contains(&days)
        }
    }
}

/// Where an event took place: a city named in its clause, else for a visit the country it
/// went to ("to Belgium", "visited Saudi Arabia").
fn place_of(
    gz: &Gazetteer,
    a: &Analysis<'_>,
    (cs, ce): (usize, usize),
    kind: Kind,
    focal: Option<&str>,
) -> Option<String> {
    let in_clause = a.mentions.iter().filter(|m| m.start >= cs && m.end <= ce);
    for m in in_clause.clone() {
        if let EntityRef::Country(_, Via::City) = m.entity {
            return Some(a.text[m.start..m.end].to_owned());
        }
    }
    if kind == Kind::Visit {
        for m in in_clause {
            let before = a.text[..m.start].trim_end();
            let after_motion = ["to", "in", "visited", "visiting", "visit", "toured"]
                .iter()
                .any(|w| before.ends_with(w) && before[..before.len() - w.len()].ends_with(' '));
            if let EntityRef::Country(i, Via::Name) = m.entity
                && after_motion
                && Some(gz.countries[i].code.as_str()) != focal
            {
                return Some(gz.countries[i].name.clone());
            }
        }
    }
    None
}

static AGREEMENT_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:memorandum of understanding|memorandum|action plan|agreement|protocol|roadmap|road map|accord|convention|treaty|deal|pact|charter|plan|MoU)(?-u:\b)").unwrap()
});
static WHAT_STOP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:a|an|the|this|that|these|its|his|her|their|our|signed|inked|formalized|formalised|concluded|sign|signs|have|has|had|was|were|is|are|of|on|with|between|by|to|and|in)$").unwrap()
});

/// What an agreement is, as written: "joint action plan for 2025-2026", "2023
/// counterterrorism and finance agreement".
fn agreement_what(clause: &str, _tstart: usize, _tend: usize) -> Option<String> {
    let m = AGREEMENT_NOUN.find(clause)?;
    let before = &clause[..m.start()];
    let words: Vec<&str> = before.split_whitespace().collect();
    let mut take = 0;
    for w in words.iter().rev() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if bare.is_empty() || w.ends_with(',') || WHAT_STOP.is_match(bare) && bare != "and" {
            break;
        }
        if bare == "and" && take == 0 {
            break;
        }
        take += 1;
        if take >= 5 {
            break;
        }
    }
    let mut start = m.start();
    if take > 0 {
        let prefix: Vec<&str> = words[words.len() - take..].to_vec();
        let p = prefix.join(" ");
        if let Some(pos) = before.rfind(&p) {
            start = pos;
        }
    }
    let mut end = m.end();
    let rest = &clause[end..];
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\s+of\s+understanding|\s+for\s+\d{4}(?:\s*-\s*\d{4})?|\s+on\s+(?:[a-z-]+\s+){0,2}(?:cooperation|security|matters|affairs|crime|terrorism|migration))").unwrap()
    });
    if let Some(t) = TAIL.find(rest) {
        end += t.end();
    }
    let what = clause[start..end]
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    (!what.is_empty()).then(|| what.to_owned())
}

/// Merges drafts of one article that are the same occurrence: same kind and parties,
/// compatible dates, and a shared person (or no people at all and equal dates).
fn dedup(drafts: Vec<Draft>, focal: Option<&str>) -> Vec<Draft> {
    let partner_side = |d: &Draft| -> BTreeSet<String> {
        d.counterparts
            .iter()
            .filter(|c| c.country.as_deref() != focal)
            .map(|c| fold(&c.name))
            .collect()
    };
    let mut out: Vec<Draft> = Vec::new();
    for d in drafts {
        let names: BTreeSet<String> = d.counterparts.iter().map(|c| fold(&c.name)).collect();
        let theirs = partner_side(&d);
        let target = out.iter().position(|o| {
            if o.kind != d.kind || o.parties != d.parties || o.status != d.status {
                return false;
            }
            // Different people met on the partner's side are different meetings, even
            // with the same home official.
            let otheirs = partner_side(o);
            if !theirs.is_empty() && !otheirs.is_empty() && theirs.is_disjoint(&otheirs) {
                return false;
            }
            let onames: BTreeSet<String> = o.counterparts.iter().map(|c| fold(&c.name)).collect();
            let shared = !names.is_disjoint(&onames);
            let dates_ok = match (o.date, d.date) {
                (None, None) => true,
                (Some(a), Some(b)) => a.compatible(&b) && (a == b || shared),
                _ => shared,
            };
            let people_ok = shared
                || (names.is_empty() && onames.is_empty() && o.date == d.date)
                || (names.is_empty() != onames.is_empty()
                    && o.date.is_some()
                    && o.date == d.date
                    && o.kind != Kind::Meeting);
            dates_ok && people_ok
        });
        match target {
            Some(i) => {
                let o = &mut out[i];
                if let (Some(a), Some(b)) = (o.date, d.date)
                    && b.precision() > a.precision()
                {
                    o.date = Some(b);
                    o.date_end = d.date_end;
                }
                if o.date.is_none() {
                    o.date = d.date;
                }
                for c in d.counterparts {
                    if !o
                        .counterparts
                        .iter()
                        .any(|x| fold(&x.name) == fold(&c.name))
                    {
                        o.counterparts.push(c);
                    }
                }
                o.focus.extend(d.focus);
                o.place = o.place.take().or(d.place);
                o.what = o.what.take().or(d.what);
                for s in d.sources {
                    if !o.sources.contains(&s) {
                        o.sources.push(s);
                    }
                }
            }
            None => out.push(d),
        }
    }
    out
}

/// Turns a draft into an event: original offsets, sources, a stable id.
fn finish(article: &Article, norm: &Normalized, d: Draft, focal: Option<&str>) -> Event {
    let id = Sym::from(&article.meta.id);
    let sources: Vec<Source> = d
        .sources
        .iter()
        .map(|&(s, e)| {
            let (os, oe) = norm.original(s, e);
            Source {
                article: id.clone(),
                sentence: article.body[os..oe].into(),
                start: os,
                end: oe,
            }
        })
        .collect();
    let parties: Vec<Sym> = d.parties.into_iter().map(Sym::from).collect();
    let partners = parties
        .iter()
        .filter(|p| Some(p.as_str()) != focal)
        .cloned()
        .collect();
    let mut names: Vec<String> = d.counterparts.iter().map(|c| fold(&c.name)).collect();
    names.sort();
    let key = format!(
        "{}|{}|{}|{}|{}",
        article.meta.id,
        d.kind,
        sources.first().map(|s| s.start).unwrap_or(0),
        parties.join(","),
        names.join(",")
    );
    Event {
        id: stable_id(&key),
        kind: d.kind,
        date: d.date,
        date_end: d.date_end,
        status: d.status,
        parties,
        partners,
        counterparts: d.counterparts,
        focus: d.focus.into_iter().map(Sym::from).collect(),
        place: d.place.map(Sym::from),
        what: d.what,
        sources,
    }
}

/// A short id that depends only on `key`: 64-bit FNV-1a, a fixed, documented function, so
/// ids stay the same across runs, machines and versions of Rust.
pub fn stable_id(key: &str) -> compact_str::CompactString {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    compact_str::format_compact!("{:012x}", h >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse_article;

    proptest::proptest! {
        /// Skipping sentences without a semicolon or "wh" splits every sentence as the
        /// pattern alone does.
        #[test]
        fn clauses_are_those_the_pattern_finds(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "visited", "the", "centre", ",", ";", " ", "while", "whereas", "which",
                    "where", "who", "While", "wheat", "\t", "police", "\n",
                ]),
                0..24,
            ),
        ) {
            let s: String = words.join(" ").replace(" , ", ", ").replace(" ;", ";");
            let mut by_pattern = Vec::new();
            let mut start = 0;
            for m in CLAUSE_BREAK.find_iter(&s) {
                if m.start() > start {
                    by_pattern.push((start, m.start()));
                }
                start = m.end();
            }
            by_pattern.push((start, s.len()));
            proptest::prop_assert_eq!(clauses(&s), by_pattern);
        }
    }

    /// Partners are the parties but the home, in order and each once whatever the parties
    /// say; partners already right are left as they are, allocation included.
    #[test]
    fn partners_are_the_parties_but_the_home_in_order_and_once() {
        let syms = |v: &[&str]| -> Vec<Sym> { v.iter().map(|s| Sym::from(*s)).collect() };
        let mut e = Event::empty(Kind::Meeting);
        e.parties = syms(&["ESP", "MAR", "ESP", "BEL"]);
        set_partners(std::slice::from_mut(&mut e), Some("MAR"));
        assert_eq!(e.partners, syms(&["BEL", "ESP"]));
        e.parties = syms(&["BEL", "ESP", "MAR"]);
        let held = e.partners.as_ptr();
        set_partners(std::slice::from_mut(&mut e), Some("MAR"));
        assert_eq!(e.partners, syms(&["BEL", "ESP"]));
        assert_eq!(e.partners.as_ptr(), held);
        set_partners(std::slice::from_mut(&mut e), None);
        assert_eq!(e.partners, syms(&["BEL", "ESP", "MAR"]));
        set_partners(std::slice::from_mut(&mut e), Some("ESP"));
        assert_eq!(e.partners, syms(&["BEL", "MAR"]));
    }

    fn run(published: &str, body: &str) -> Vec<Event> {
        let gz = Gazetteer::embedded().unwrap();
        let text = format!("published: {published}\n---\n{body}");
        let (a, w) = parse_article("test", "test.txt", text.as_bytes());
        assert!(w.is_empty(), "{w:?}");
        extract_article(&gz, &a.unwrap())
    }

    fn summary(events: &[Event]) -> Vec<String> {
        events
            .iter()
            .map(|e| {
                let cps: Vec<&str> = e.counterparts.iter().map(|c| c.name.as_str()).collect();
                format!(
                    "{} {} {} {} [{}]",
                    e.kind,
                    e.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                    e.partners.join("+"),
                    if e.status == Status::Planned {
                        "planned"
                    } else {
                        "done"
                    },
                    cps.join(", ")
                )
            })
            .collect()
    }

    #[test]
    fn planned_and_happened_visits() {
        let e = run(
            "2025-03-04",
            "Algerian Interior Minister Brahim Merad visited Tunis on Monday. \
             Tunisian Interior Minister Khaled Nouri is scheduled to visit Algiers next month. \
             Algerian police chief Ali Badaoui will visit Tunis.",
        );
        let s = summary(&e);
        assert!(
            s.contains(&"visit 2025-03-03 TUN done [Brahim Merad]".to_owned()),
            "{s:?}"
        );
        assert!(
            s.contains(&"visit 2025-04 TUN planned [Khaled Nouri]".to_owned()),
            "{s:?}"
        );
        // A plan without a date does not take the story's date.
        assert!(
            s.contains(&"visit - TUN planned [Ali Badaoui]".to_owned()),
            "{s:?}"
        );
    }

    #[test]
    fn month_resolves_against_each_publication_date() {
        let body = "The Egyptian and Jordanian intelligence chiefs met in Amman in September.";
        for (published, want) in [
            ("2024-12-24", "2024-09"),
            ("2025-04", "2024-09"),
            ("2024-09-30", "2024-09"),
            ("2024-06-30", "2023-09"),
        ] {
            let e = run(published, body);
            assert_eq!(
                e[0].date.unwrap().to_string(),
                want,
                "published {published}"
            );
        }
    }

    #[test]
    fn one_meeting_per_named_counterpart_and_the_story_date_carries_on() {
        let e = run(
            "2024-05-20",
            "Director General of Portugal's Judicial Police Luís Neves paid a working visit to Madrid on May 14-16.\n\
             He held talks with, respectively, Francisco Pardo, Director General of the Spanish National Police, and Mercedes González, Director General of the Civil Guard.\n\
             The talks focused on drug trafficking and money laundering.",
        );
        let s = summary(&e);
        assert_eq!(
            s,
            [
                "visit 2024-05-14 ESP done [Luís Neves]",
                "meeting 2024-05 ESP done [Francisco Pardo, Luís Neves]",
                "meeting 2024-05 ESP done [Mercedes González, Luís Neves]",
            ],
            "{s:?}"
        );
        // The third sentence refers back: its focus goes to the meetings, with it as a source.
        assert!(e[1].focus.iter().any(|f| f == "drug trafficking"));
        assert_eq!(e[1].sources.len(), 2);
    }

    #[test]
    fn definite_reference_completes_the_agreement_instead_of_repeating_it() {
        let e = run(
            "2025-02-11",
            "Rabat hosted on Monday the signing of a memorandum of understanding between Moroccan police and the Senegalese National Police.\n\
             The memorandum was signed by Senegal's Director General of National Police, Mame Seydou Ndour, and his Moroccan counterpart.\n\
             The memorandum covers cybercrime and the exchange of information.",
        );
        assert_eq!(e.len(), 1, "{:?}", summary(&e));
        assert_eq!(e[0].kind, Kind::Agreement);
        assert_eq!(e[0].date.unwrap().to_string(), "2025-02-10");
        assert_eq!(e[0].counterparts[0].name, "Mame Seydou Ndour");
        assert_eq!(e[0].counterparts[0].country.as_deref(), Some("SEN"));
        assert!(e[0].focus.iter().any(|f| f == "cybercrime"));
        assert_eq!(e[0].sources.len(), 3);
        assert_eq!(e[0].what.as_deref(), Some("memorandum of understanding"));
    }

    #[test]
    fn headings_open_sections_with_their_own_partner() {
        let e = run(
            "2024-12-20",
            "Jordan\nThe Moroccan director met Jordanian officials in Amman in March.\nThe agreement signed there in 2023 was renewed.\nKenya\nA Moroccan team was deployed to Nairobi.",
        );
        let s = summary(&e);
        assert!(
            s.iter().any(|x| x.starts_with("meeting 2024-03 JOR")),
            "{s:?}"
        );
        assert!(s.iter().any(|x| x.starts_with("assistance - KEN")), "{s:?}");
    }

    #[test]
    fn clauses_keep_their_own_dates_and_speakers() {
        let e = run(
            "2024-11-02",
            "Greek Citizen Protection Minister Michalis Chrysochoidis praised the cooperation in June, while Cypriot police chief Themistoklis Arnaoutis hailed the joint patrols in October.",
        );
        let s = summary(&e);
        assert!(
            s.contains(&"statement 2024-06 CYP+GRC done [Michalis Chrysochoidis]".to_owned())
                || s.iter().any(|x| x.starts_with("statement 2024-06")),
            "{s:?}"
        );
        assert!(
            s.iter().any(|x| x.starts_with("statement 2024-10")),
            "{s:?}"
        );
    }

    #[test]
    fn background_events_do_not_take_the_story_date() {
        let e = run(
            "2024-12",
            "Belgium and the Netherlands have signed a police cooperation treaty.\n\
             The treaty follows a recent visit by Dutch Justice Minister David van Weel to Brussels.",
        );
        let s = summary(&e);
        assert!(
            s.iter().any(|x| x.starts_with("agreement 2024-12")),
            "{s:?}"
        );
        assert!(
            s.iter()
                .any(|x| x.starts_with("visit - ") && x.contains("David van Weel")),
            "{s:?}"
        );
    }

    #[test]
    fn habitual_and_partnerless_sentences_make_no_events() {
        let e = run(
            "2025-01",
            "Police officers regularly receive training from Italian experts.\nThe national police launched a cybercrime platform in June.",
        );
        assert!(e.is_empty(), "{:?}", summary(&e));
    }

    #[test]
    fn the_demonym_official_is_the_one_last_named() {
        let e = run(
            "2025-03-04",
            "Senegalese Interior Minister Jean Baptiste Tine met his Malian counterpart in Dakar on Monday.\n\
             Malian Security Minister Daoud Aly Mohammedine signed a border protocol with Senegal on Tuesday.\n\
             The Malian official praised Senegal's cooperation against terrorism.",
        );
        let stmt = e
            .iter()
            .find(|e| e.kind == Kind::Statement)
            .expect("statement");
        assert_eq!(stmt.counterparts[0].name, "Daoud Aly Mohammedine");
        assert_eq!(stmt.counterparts[0].country.as_deref(), Some("MLI"));
    }

    #[test]
    fn parallel_extraction_keeps_order_and_results() {
        let gz = Gazetteer::embedded().unwrap();
        let seed = Corpus::embedded();
        let mut corpus = Corpus::default();
        for n in 0..6 {
            for a in &seed.articles {
                let mut a = a.clone();
                a.meta.id = format!("{}-{n}", a.meta.id);
                corpus.articles.push(a);
            }
        }
        let done = std::sync::atomic::AtomicUsize::new(0);
        let x = extract_corpus_with(&gz, &corpus, Some("MAR"), &|n| {
            done.fetch_max(n, std::sync::atomic::Ordering::Relaxed);
        });
        let sequential: Vec<Event> = corpus
            .articles
            .iter()
            .flat_map(|a| extract_article_from(&gz, a, Some("MAR")).events)
            .collect();
        assert_eq!(x.events.len(), sequential.len());
        for (a, b) in x.events.iter().zip(&sequential) {
            assert_eq!(a.id, b.id);
            assert_eq!(a.sources, b.sources);
        }
        assert_eq!(done.into_inner(), corpus.articles.len());
    }

    #[test]
    fn reading_both_sides_at_once_gives_each_reading() {
        let gz = Gazetteer::embedded().unwrap();
        let seed = Corpus::embedded();
        let (mut both, mut other_side) = (0, 0);
        for home in ["MAR", "FRA", "BEL", "ESP", "ZZZ"] {
            for a in &seed.articles {
                let own = extract_article_from(&gz, a, None);
                let (got_own, got_again) = extract_article_both(&gz, a, home);
                assert_eq!(got_own, own, "{} ({home})", a.meta.id);
                let again =
                    read_again(&own, home).then(|| extract_article_from(&gz, a, Some(home)));
                if let Some(again) = &again {
                    both += 1;
                    other_side += usize::from(again.focal != own.focal);
                }
                assert_eq!(got_again, again, "{} from {home}", a.meta.id);
            }
        }
        // Some articles are read again, from a side that is not their own.
        assert!(both >= 3 && other_side >= 3, "{both}, {other_side}");
    }

    #[test]
    fn stable_ids_depend_only_on_the_article() {
        assert_eq!(stable_id("a|b"), stable_id("a|b"));
        assert_ne!(stable_id("a|b"), stable_id("a|c"));
        assert_eq!(stable_id("x").len(), 12);
    }
}
