//! The extractor's knowledge, loaded from data files: countries, agencies, international
//! organisations, title words, trigger words and focus vocabulary.
//!
//! The files in `data/` are compiled in. A user adds to them without recompiling by putting
//! files with the same names in their own data folder (see `config::user_data_dir`): lists are
//! appended, and a country with a known code gets the new names added to it.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use crate::model::Kind;

/// A data file that could not be read, with the place of the problem.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}:{column}: {message}")]
pub struct DataError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub code: String,
    #[serde(default)]
    pub alpha2: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
    #[serde(default)]
    pub combining: Vec<String>,
    #[serde(default)]
    pub capital: Option<String>,
    #[serde(default)]
    pub cities: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    #[serde(default)]
    pub acronym: Option<String>,
    #[serde(default)]
    pub names: Vec<String>,
    pub country: String,
    pub sector: String,
}

impl Agency {
    /// The short label shown for the agency: its acronym, else its first name.
    pub fn label(&self) -> &str {
        self.acronym
            .as_deref()
            .or(self.names.first().map(|s| s.as_str()))
            .unwrap_or("")
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generic {
    pub name: String,
    pub sector: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub code: String,
    pub names: Vec<String>,
    #[serde(default)]
    pub kind: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CountriesFile {
    #[serde(default)]
    country: Vec<Country>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgenciesFile {
    #[serde(default)]
    agency: Vec<Agency>,
    #[serde(default)]
    generic: Vec<Generic>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OrganisationsFile {
    #[serde(default)]
    organisation: Vec<Organisation>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TitlesFile {
    #[serde(default)]
    heads: Vec<String>,
    #[serde(default)]
    modifiers: Vec<String>,
    #[serde(default)]
    weak_heads: Vec<String>,
    #[serde(default)]
    vocabulary: Vec<String>,
    #[serde(default)]
    org_suffixes: Vec<String>,
    #[serde(default)]
    honorifics: Vec<String>,
    #[serde(default)]
    particles: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggersFile {
    #[serde(default)]
    priority: Vec<String>,
    #[serde(default)]
    classes: HashMap<String, Vec<String>>,
    #[serde(default)]
    trigger: Vec<TriggerSpec>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerSpec {
    kind: String,
    #[serde(default)]
    noun: bool,
    #[serde(default)]
    needs_person: bool,
    patterns: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FocusFile {
    #[serde(default)]
    areas: HashMap<String, Vec<String>>,
}

/// Title and name vocabulary, as fast look-up sets.
#[derive(Debug, Default)]
pub struct Titles {
    /// Lower-case head words and phrases.
    pub heads: HashSet<String>,
    pub modifiers: HashSet<String>,
    pub weak_heads: HashSet<String>,
    pub vocabulary: HashSet<String>,
    pub org_suffixes: HashSet<String>,
    pub honorifics: HashSet<String>,
    pub particles: HashSet<String>,
    pub not_names: HashSet<String>,
    /// Every word above with its bits (see `extract::people`), for one look-up per token:
    /// lower-cased words of the case-blind lists, and words as written of the others.
    pub lower_bits: rustc_hash::FxHashMap<String, u16>,
    pub exact_bits: rustc_hash::FxHashMap<String, u16>,
}

/// Bits of `Titles::lower_bits` and `Titles::exact_bits`.
pub mod word_bits {
    pub const HEAD: u16 = 1 << 3;
    pub const WEAK_HEAD: u16 = 1 << 4;
    pub const MODIFIER: u16 = 1 << 5;
    pub const PARTICLE: u16 = 1 << 6;
    pub const VOCAB: u16 = 1 << 7;
    pub const NOT_NAME: u16 = 1 << 8;
    pub const HONORIFIC: u16 = 1 << 9;
    pub const ORG_SUFFIX: u16 = 1 << 10;
}

/// One compiled trigger group.
#[derive(Debug)]
pub struct Trigger {
    pub kind: Kind,
    pub noun: bool,
    pub needs_person: bool,
}

/// All trigger groups as one multi-pattern regex, ordered by kind priority: one pass over a
/// sentence finds every trigger and tells which group it belongs to.
struct TriggerSet {
    regex: regex_automata::meta::Regex,
    /// Pattern number → index in `Gazetteer::triggers`.
    groups: Vec<usize>,
    /// A word every trigger match contains (see `anchor_words`): a sentence with none of
    /// them is not searched at all, and most sentences hold no trigger.
    anchors: LazyMatcher,
}

/// What a gazetteer match refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityRef {
    /// A country, and how it was named.
    Country(usize, Via),
    Agency(usize),
    /// A generic agency head ("Federal Police"), to be qualified by a nearby country.
    Generic(usize),
    Organisation(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Name,
    Demonym,
    Combining,
    City,
}

/// A gazetteer match in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: EntityRef,
}

/// A trigger match in a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TriggerMatch {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub noun: bool,
    pub needs_person: bool,
}

/// A focus phrase of the matcher, with the areas it names: in any case, and (for phrases
/// written in capitals) only as written.
#[derive(Default)]
struct FocusPhrase {
    any_case: Vec<usize>,
    exact: Option<String>,
    exact_areas: Vec<usize>,
}

/// A multi-string matcher (a DFA unless its builder is told otherwise: fast to search, slow
/// and large to build) built on first use, so that a start that extracts nothing (a warm
/// cache) never builds it.
struct LazyMatcher {
    builder: AhoCorasickBuilder,
    patterns: Vec<String>,
    /// The data file the patterns come from, for the message if they cannot be built.
    file: &'static str,
    built: std::sync::OnceLock<AhoCorasick>,
}

impl LazyMatcher {
    fn new(mut builder: AhoCorasickBuilder, patterns: Vec<String>, file: &'static str) -> Self {
        builder.kind(Some(aho_corasick::AhoCorasickKind::DFA));
        LazyMatcher {
            builder,
            patterns,
            file,
            built: std::sync::OnceLock::new(),
        }
    }

    fn get(&self) -> &AhoCorasick {
        self.built.get_or_init(|| {
            // Literal strings only fail to build past the automaton's size limits: then
            // without a DFA, slower but without that limit.
            self.builder.build(&self.patterns).unwrap_or_else(|_| {
                let mut plain = self.builder.clone();
                plain.kind(None);
                plain.build(&self.patterns).unwrap_or_else(|e| {
                    panic!(
                        "{}: cannot build the matcher of its phrases: {e}",
                        self.file
                    )
                })
            })
        })
    }
}

/// Everything the extractor knows, compiled for matching.
pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub agencies: Vec<Agency>,
    pub generics: Vec<Generic>,
    pub organisations: Vec<Organisation>,
    pub titles: Titles,
    pub triggers: Vec<Trigger>,
    trigger_set: TriggerSet,
    /// Focus areas, in file order; `focus_hits` returns indices into it.
    pub focus_areas: Vec<String>,
    country_index: HashMap<String, usize>,
    entities: LazyMatcher,
    entity_refs: Vec<EntityRef>,
    /// The bytes an entity's name starts with: only there does `entities` look for one.
    entity_starts: [bool; 256],
    /// Every focus phrase, matched ignoring ASCII case; phrases written in capitals ("AI")
    /// are then checked to match as written.
    focus_ac: LazyMatcher,
    focus_phrases: Vec<FocusPhrase>,
    /// A hash of every data file read (names and contents): extraction results cached under
    /// one fingerprint are not reused under another.
    pub fingerprint: u64,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("countries", &self.countries.len())
            .field("agencies", &self.agencies.len())
            .field("organisations", &self.organisations.len())
            .finish_non_exhaustive()
    }
}

/// The data files compiled into the binary, by file name.
pub const EMBEDDED_FILES: [(&str, &str); 6] = [
    ("countries.toml", include_str!("../data/countries.toml")),
    ("agencies.toml", include_str!("../data/agencies.toml")),
    (
        "organisations.toml",
        include_str!("../data/organisations.toml"),
    ),
    ("titles.toml", include_str!("../data/titles.toml")),
    ("triggers.toml", include_str!("../data/triggers.toml")),
    ("focus.toml", include_str!("../data/focus.toml")),
];

/// Reads a TOML file that may be absent: `Ok(None)` when it does not exist, the text (and
/// the path as shown in messages) otherwise, an error naming the file when it cannot be read.
pub fn read_optional(path: &Path) -> Result<Option<(String, String)>, DataError> {
    let shown = crate::sanitize::sanitize_line(&path.display().to_string());
    match std::fs::read_to_string(path) {
        Ok(t) => Ok(Some((shown, t))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(data_error(&shown, format!("cannot read: {e}"))),
    }
}

/// Parses TOML, turning an error into one that names the file, line and column.
pub fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, DataError> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
        DataError {
            file: file.to_owned(),
            line,
            column,
            message: e.message().trim().to_owned(),
        }
    })
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

fn data_error(file: &str, message: String) -> DataError {
    DataError {
        file: file.to_owned(),
        line: 0,
        column: 0,
        message,
    }
}

/// The raw contents of every data file, before compiling.
#[derive(Default)]
struct Raw {
    countries: CountriesFile,
    agencies: AgenciesFile,
    organisations: OrganisationsFile,
    titles: TitlesFile,
    triggers: TriggersFile,
    focus: FocusFile,
}

impl Raw {
    fn add(&mut self, name: &str, path: &str, text: &str) -> Result<(), DataError> {
        match name {
            "countries.toml" => {
                let f: CountriesFile = parse(path, text)?;
                for c in f.country {
                    match self.countries.country.iter_mut().find(|x| x.code == c.code) {
                        Some(x) => {
                            x.aliases.extend(c.aliases);
                            x.demonyms.extend(c.demonyms);
                            x.combining.extend(c.combining);
                            x.cities.extend(c.cities);
                            if x.capital.is_none() {
                                x.capital = c.capital;
                            }
                            if c.name != x.name {
                                x.aliases.push(c.name);
                            }
                        }
                        None => self.countries.country.push(c),
                    }
                }
            }
            "agencies.toml" => {
                let f: AgenciesFile = parse(path, text)?;
                self.agencies.agency.extend(f.agency);
                self.agencies.generic.extend(f.generic);
            }
            "organisations.toml" => {
                let f: OrganisationsFile = parse(path, text)?;
                self.organisations.organisation.extend(f.organisation);
            }
            "titles.toml" => {
                let f: TitlesFile = parse(path, text)?;
                let t = &mut self.titles;
                t.heads.extend(f.heads);
                t.modifiers.extend(f.modifiers);
                t.weak_heads.extend(f.weak_heads);
                t.vocabulary.extend(f.vocabulary);
                t.org_suffixes.extend(f.org_suffixes);
                t.honorifics.extend(f.honorifics);
                t.particles.extend(f.particles);
                t.not_names.extend(f.not_names);
            }
            "triggers.toml" => {
                let f: TriggersFile = parse(path, text)?;
                if !f.priority.is_empty() {
                    self.triggers.priority = f.priority;
                }
                for (k, v) in f.classes {
                    self.triggers.classes.entry(k).or_default().extend(v);
                }
                self.triggers.trigger.extend(f.trigger);
            }
            "focus.toml" => {
                let f: FocusFile = parse(path, text)?;
                for (k, v) in f.areas {
                    self.focus.areas.entry(k).or_default().extend(v);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

impl Gazetteer {
    /// The compiled-in knowledge alone.
    pub fn embedded() -> Result<Gazetteer, DataError> {
        Gazetteer::load(None)
    }

    /// The compiled-in knowledge plus the user's files in `extra` (if it exists).
    pub fn load(extra: Option<&Path>) -> Result<Gazetteer, DataError> {
        let mut raw = Raw::default();
        let mut print = xxhash_rust::xxh3::Xxh3::new();
        for (name, text) in EMBEDDED_FILES {
            print.update(name.as_bytes());
            print.update(text.as_bytes());
            raw.add(name, &format!("data/{name}"), text)?;
        }
        if let Some(dir) = extra {
            for (name, _) in EMBEDDED_FILES {
                if let Some((shown, text)) = read_optional(&dir.join(name))? {
                    print.update(b"user:");
                    print.update(name.as_bytes());
                    print.update(text.as_bytes());
                    raw.add(name, &shown, &text)?;
                }
            }
        }
        let mut gz = Gazetteer::compile(raw)?;
        gz.fingerprint = print.digest();
        Ok(gz)
    }

    fn compile(raw: Raw) -> Result<Gazetteer, DataError> {
        let countries = raw.countries.country;
        let agencies = raw.agencies.agency;
        let generics = raw.agencies.generic;
        let organisations = raw.organisations.organisation;
        let mut country_index = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            if c.code.len() != 3 || !c.code.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(data_error(
                    "countries.toml",
                    format!(
                        "country `{}`: expected an ISO 3166-1 alpha-3 code, got `{}`",
                        c.name, c.code
                    ),
                ));
            }
            country_index.insert(c.code.clone(), i);
        }
        for a in &agencies {
            if !country_index.contains_key(&a.country) {
                return Err(data_error(
                    "agencies.toml",
                    format!(
                        "agency `{}`: unknown country code `{}` (expected a code from countries.toml)",
                        a.label(),
                        a.country
                    ),
                ));
            }
        }

        // Entity surface forms. Earlier entries win when two files name the same string.
        let mut patterns: Vec<String> = Vec::new();
        let mut refs: Vec<EntityRef> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut push = |s: &str, r: EntityRef| {
            let s = s.trim();
            if !s.is_empty() && seen.insert(s.to_owned()) {
                patterns.push(s.to_owned());
                refs.push(r);
            }
        };
        for (i, a) in agencies.iter().enumerate() {
            for n in a.names.iter().chain(a.acronym.iter()) {
                push(n, EntityRef::Agency(i));
            }
        }
        for (i, o) in organisations.iter().enumerate() {
            for n in &o.names {
                push(n, EntityRef::Organisation(i));
            }
            push(&o.code, EntityRef::Organisation(i));
        }
        for (i, c) in countries.iter().enumerate() {
            push(&c.name, EntityRef::Country(i, Via::Name));
            for a in &c.aliases {
                push(a, EntityRef::Country(i, Via::Name));
            }
            for d in &c.demonyms {
                push(d, EntityRef::Country(i, Via::Demonym));
            }
            for d in &c.combining {
                push(d, EntityRef::Country(i, Via::Combining));
            }
        }
        for (i, c) in countries.iter().enumerate() {
            for city in c.capital.iter().chain(c.cities.iter()) {
                push(city, EntityRef::Country(i, Via::City));
            }
        }
        for (i, g) in generics.iter().enumerate() {
            push(&g.name, EntityRef::Generic(i));
        }
        let mut entity_starts = [false; 256];
        for p in &patterns {
            if let Some(&b) = p.as_bytes().first() {
                entity_starts[usize::from(b)] = true;
            }
        }
        // Walked from the start of a word only (see `entities`), a few bytes each time. The
        // DFA of 3,800 names (36 MB) missed the processor's caches at every byte, and
        // searching every byte of every sentence with it took a fifth of extraction; a
        // contiguous NFA takes 0.7 MB, and walked from word starts alone the search takes
        // about a third of the time it took.
        let mut entities = AhoCorasickBuilder::new();
        entities
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Anchored);
        let mut entities = LazyMatcher::new(entities, patterns, "countries.toml");
        entities
            .builder
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA));

        let t = raw.titles;
        let lower = |v: Vec<String>| -> HashSet<String> {
            v.into_iter().map(|s| s.to_lowercase()).collect()
        };
        let mut titles = Titles {
            heads: lower(t.heads),
            modifiers: lower(t.modifiers),
            weak_heads: lower(t.weak_heads),
            vocabulary: t.vocabulary.into_iter().collect(),
            org_suffixes: t.org_suffixes.into_iter().collect(),
            honorifics: t.honorifics.into_iter().collect(),
            particles: lower(t.particles),
            not_names: t.not_names.into_iter().collect(),
            lower_bits: Default::default(),
            exact_bits: Default::default(),
        };
        {
            use word_bits::*;
            let mut lb: rustc_hash::FxHashMap<String, u16> = Default::default();
            for (set, bit) in [
                (&titles.heads, HEAD),
                (&titles.weak_heads, WEAK_HEAD),
                (&titles.modifiers, MODIFIER),
                (&titles.particles, PARTICLE),
            ] {
                for w in set {
                    *lb.entry(w.clone()).or_default() |= bit;
                }
            }
            let mut eb: rustc_hash::FxHashMap<String, u16> = Default::default();
            for (set, bit) in [
                (&titles.vocabulary, VOCAB),
                (&titles.not_names, NOT_NAME),
                (&titles.honorifics, HONORIFIC),
                (&titles.org_suffixes, ORG_SUFFIX),
            ] {
                for w in set {
                    *eb.entry(w.clone()).or_default() |= bit;
                }
            }
            // Capitalised and upper-case spellings of the case-blind words too, so that a
            // token needs one look-up as written.
            for (w, bits) in &lb {
                let mut cap = String::with_capacity(w.len());
                let mut chars = w.chars();
                if let Some(c) = chars.next() {
                    cap.extend(c.to_uppercase());
                    cap.push_str(chars.as_str());
                }
                *eb.entry(cap).or_default() |= bits;
                *eb.entry(w.to_uppercase()).or_default() |= bits;
            }
            titles.lower_bits = lb;
            titles.exact_bits = eb;
        }

        let priority: Vec<Kind> = if raw.triggers.priority.is_empty() {
            Kind::ALL.to_vec()
        } else {
            let mut p = Vec::new();
            for k in &raw.triggers.priority {
                p.push(Kind::parse(k).ok_or_else(|| {
                    data_error(
                        "triggers.toml",
                        format!("priority: unknown event kind `{k}` (expected one of agreement, meeting, visit, award, training, assistance, statement)"),
                    )
                })?);
            }
            p
        };
        let mut triggers = Vec::new();
        let mut sources = Vec::new();
        let mut anchors: Vec<String> = Vec::new();
        for spec in &raw.triggers.trigger {
            for p in &spec.patterns {
                anchors.extend(anchor_words(p, &raw.triggers.classes));
            }
            let kind = Kind::parse(&spec.kind).ok_or_else(|| {
                data_error(
                    "triggers.toml",
                    format!("unknown event kind `{}` (expected one of agreement, meeting, visit, award, training, assistance, statement)", spec.kind),
                )
            })?;
            let mut alts = Vec::new();
            let mut pats: Vec<&String> = spec.patterns.iter().collect();
            pats.sort_by_key(|p| std::cmp::Reverse(p.len()));
            for p in pats {
                alts.push(compile_pattern(p, &raw.triggers.classes)?);
            }
            sources.push(format!("(?i)(?:{})", alts.join("|")));
            triggers.push(Trigger {
                kind,
                noun: spec.noun,
                needs_person: spec.needs_person,
            });
        }
        // Groups in priority order, so that where two match at the same place the kind listed
        // first wins ("received training" is training, not a meeting).
        let rank = |k: Kind| priority.iter().position(|&p| p == k).unwrap_or(99);
        let mut order: Vec<usize> = (0..triggers.len()).collect();
        order.sort_by_key(|&i| rank(triggers[i].kind));
        let ordered: Vec<&str> = order.iter().map(|&i| sources[i].as_str()).collect();
        let regex = regex_automata::meta::Regex::builder()
            .configure(
                regex_automata::meta::Config::new()
                    .nfa_size_limit(Some(64 << 20))
                    .hybrid_cache_capacity(32 << 20),
            )
            .build_many(&ordered)
            .map_err(|e| data_error("triggers.toml", format!("bad trigger pattern: {e}")))?;
        anchors.sort();
        anchors.dedup();
        let mut builder = AhoCorasickBuilder::new();
        builder.ascii_case_insensitive(true);
        let anchors = LazyMatcher::new(builder, anchors, "triggers.toml");
        let trigger_set = TriggerSet {
            regex,
            groups: order,
            anchors,
        };

        let mut focus_areas: Vec<String> = raw.focus.areas.keys().cloned().collect();
        focus_areas.sort();
        // Keyed by the lower-cased phrase.
        let mut phrases: HashMap<String, FocusPhrase> = HashMap::new();
        for (ai, area) in focus_areas.iter().enumerate() {
            for phrase in &raw.focus.areas[area] {
                let upper = phrase.chars().filter(|c| c.is_uppercase()).count();
                let has_lower = phrase.chars().any(|c| c.is_lowercase());
                let e = phrases.entry(phrase.to_lowercase()).or_default();
                if upper >= 2 && !has_lower {
                    e.exact = Some(phrase.clone());
                    e.exact_areas.push(ai);
                } else {
                    e.any_case.push(ai);
                }
            }
        }
        let mut keys: Vec<(String, FocusPhrase)> = phrases.into_iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        let mut builder = AhoCorasickBuilder::new();
        builder
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true);
        let (keys, focus_phrases): (Vec<String>, Vec<FocusPhrase>) = keys.into_iter().unzip();
        let focus_ac = LazyMatcher::new(builder, keys, "focus.toml");

        Ok(Gazetteer {
            countries,
            agencies,
            generics,
            organisations,
            titles,
            triggers,
            trigger_set,
            focus_areas,
            country_index,
            entities,
            entity_refs: refs,
            entity_starts,
            focus_ac,
            focus_phrases,
            fingerprint: 0,
        })
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        self.country_index.get(code).map(|&i| &self.countries[i])
    }

    /// Every gazetteer entity in `text`, on word boundaries, leftmost-longest.
    pub fn entities(&self, text: &str) -> Vec<Mention> {
        let matcher = self.entities.get();
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        // Where the next mention may start: after the last name found, kept or not.
        let mut next = 0;
        let mut after_word = false;
        for (s, c) in text.char_indices() {
            // A name starts a word (what comes before is no letter or digit) with one of the
            // bytes names start with: the longest one starting there, found by walking the
            // matcher from there alone rather than through every byte of the text.
            let candidate = s >= next && !after_word && self.entity_starts[usize::from(bytes[s])];
            after_word = c.is_alphanumeric();
            if !candidate {
                continue;
            }
            let input = aho_corasick::Input::new(text)
                .range(s..)
                .anchored(aho_corasick::Anchored::Yes);
            let Some(m) = matcher.find(input) else {
                continue;
            };
            let e = m.end();
            next = e;
            let entity = self.entity_refs[m.pattern().as_usize()];
            if let EntityRef::Country(_, Via::Combining) = entity {
                if !text[e..].starts_with('-') {
                    continue;
                }
            } else if !right_boundary(text, e) {
                continue;
            }
            out.push(Mention {
                start: s,
                end: e,
                entity,
            });
        }
        out
    }

    /// The country an entity belongs to, if any.
    pub fn entity_country(&self, e: EntityRef) -> Option<&str> {
        match e {
            EntityRef::Country(i, _) => Some(self.countries[i].code.as_str()),
            EntityRef::Agency(i) => Some(self.agencies[i].country.as_str()),
            EntityRef::Generic(_) | EntityRef::Organisation(_) => None,
        }
    }

    /// Trigger matches in a sentence, left to right, never overlapping; where two start at
    /// the same place, the kind of higher priority wins.
    pub fn triggers(&self, text: &str) -> Vec<TriggerMatch> {
        if !self.trigger_set.anchors.get().is_match(text) {
            return Vec::new();
        }
        self.trigger_set
            .regex
            .find_iter(text)
            .map(|m| {
                let t = &self.triggers[self.trigger_set.groups[m.pattern().as_usize()]];
                TriggerMatch {
                    kind: t.kind,
                    start: m.start(),
                    end: m.end(),
                    noun: t.noun,
                    needs_person: t.needs_person,
                }
            })
            .collect()
    }

    /// Focus areas named in `text`, as (start, end, area index).
    pub fn focus_hits(&self, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for m in self.focus_ac.get().find_iter(text) {
            let (st, en) = (m.start(), m.end());
            if !(left_boundary(text, st) && right_boundary(text, en)) {
                continue;
            }
            let p = &self.focus_phrases[m.pattern().as_usize()];
            for &a in &p.any_case {
                out.push((st, en, a));
            }
            if p.exact.as_deref() == Some(&text[st..en]) {
                for &a in &p.exact_areas {
                    out.push((st, en, a));
                }
            }
        }
        out.sort();
        out
    }

    /// Finds a country by code (alpha-3 or alpha-2), name, alias or demonym, ignoring case
    /// and accents.
    pub fn lookup_country(&self, query: &str) -> Option<&Country> {
        let q = crate::fold::fold(query);
        if q.is_empty() {
            return None;
        }
        self.countries.iter().find(|c| {
            crate::fold::fold(&c.code) == q
                || crate::fold::fold(&c.alpha2) == q
                || std::iter::once(&c.name)
                    .chain(&c.aliases)
                    .chain(&c.demonyms)
                    .any(|n| crate::fold::fold(n) == q)
        })
    }
}

fn left_boundary(text: &str, s: usize) -> bool {
    text[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn right_boundary(text: &str, e: usize) -> bool {
    text[e..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// Turns one trigger pattern into a regular expression (see the syntax in triggers.toml).
fn compile_pattern(p: &str, classes: &HashMap<String, Vec<String>>) -> Result<String, DataError> {
    let mut parts: Vec<String> = Vec::new();
    for tok in p.split_whitespace() {
        if tok == "*" {
            parts.push(r#"(?:[^ \t\n]+[ \t\n,;:"'()\-]{1,3}){0,4}?"#.to_owned());
            continue;
        }
        let piece = if let Some(name) = tok.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
            let list = classes.get(name).ok_or_else(|| {
                data_error(
                    "triggers.toml",
                    format!("pattern `{p}`: unknown class `{{{name}}}` (expected one defined under [classes])"),
                )
            })?;
            let mut alts: Vec<&String> = list.iter().collect();
            alts.sort_by_key(|a| std::cmp::Reverse(a.len()));
            let alts: Vec<String> = alts.iter().map(|a| phrase_regex(a)).collect();
            format!("(?:{})", alts.join("|"))
        } else {
            let alts: Vec<String> = tok.split('|').map(phrase_regex).collect();
            format!("(?:{})", alts.join("|"))
        };
        parts.push(format!(r#"{piece}[ \t\n,;:"'()\-]{{1,3}}"#));
    }
    // Drop any trailing gap, then the separator after the last word.
    while parts.last().is_some_and(|p| p.starts_with("(?:[^")) {
        parts.pop();
    }
    let mut re = parts.concat();
    if let Some(stripped) = re.strip_suffix(r#"[ \t\n,;:"'()\-]{1,3}"#) {
        re = stripped.to_owned();
    }
    // ASCII word boundaries keep the regex on its fast automaton (trigger words are ASCII).
    Ok(format!(r"(?-u:\b){re}(?-u:\b)"))
}

/// Words one of which every match of pattern `p` contains: the alternatives (or class
/// members) of its first token that is not a gap or a little word found in nearly every
/// sentence ("to", "a"). Only their first word is kept (a class member may be a phrase).
fn anchor_words(p: &str, classes: &HashMap<String, Vec<String>>) -> Vec<String> {
    const COMMON: [&str; 12] = [
        "a", "an", "the", "to", "of", "in", "on", "for", "with", "will", "held", "had",
    ];
    let toks: Vec<&str> = p.split_whitespace().filter(|t| *t != "*").collect();
    let Some(tok) = toks
        .iter()
        .find(|t| !COMMON.contains(&t.to_lowercase().as_str()))
        .or(toks.first())
    else {
        return Vec::new();
    };
    let alts: Vec<String> = match tok.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
        Some(name) => classes.get(name).cloned().unwrap_or_default(),
        None => tok.split('|').map(str::to_owned).collect(),
    };
    alts.into_iter()
        .filter_map(|a| a.split_whitespace().next().map(str::to_lowercase))
        .collect()
}

fn phrase_regex(phrase: &str) -> String {
    phrase
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"[ \t\n]+")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gz() -> Gazetteer {
        Gazetteer::embedded().expect("embedded data loads")
    }

    #[test]
    fn countries_by_name_demonym_city_and_combining_form() {
        let g = gz();
        let text =
            "Spanish police met in Ankara with Türkiye and Franco-Moroccan teams, not Turkey's.";
        let codes: Vec<_> = g
            .entities(text)
            .into_iter()
            .filter_map(|m| g.entity_country(m.entity).map(|c| c.to_owned()))
            .collect();
        assert_eq!(codes, ["ESP", "TUR", "TUR", "FRA", "MAR", "TUR"]);
    }

    #[test]
    fn word_boundaries_and_case() {
        let g = gz();
        // "us" is a pronoun, "Omani" is not "Oman" + "i", "Chadwick" is not Chad.
        let m = g.entities("Tell us about Chadwick and the Omani delegation.");
        let codes: Vec<_> = m
            .iter()
            .filter_map(|m| g.entity_country(m.entity))
            .collect();
        assert_eq!(codes, ["OMN"]);
    }

    #[test]
    fn agencies_carry_their_country() {
        let g = gz();
        let m = g.entities("Officers of the DGSI and the Belgian Federal Police.");
        let codes: Vec<_> = m
            .iter()
            .filter_map(|m| g.entity_country(m.entity))
            .collect();
        assert_eq!(codes, ["FRA", "BEL"]);
    }

    #[test]
    fn trigger_priority_and_patterns() {
        let g = gz();
        let t = g.triggers("Twelve agents received training from French experts.");
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].kind, Kind::Training);
        let t = g.triggers("The minister signed a memorandum of understanding with Qatar.");
        assert_eq!(t[0].kind, Kind::Agreement);
        let t = g.triggers("He presented the chief with the Order of Merit.");
        assert_eq!(t[0].kind, Kind::Award);
        assert!(g.triggers("Relations remain strong.").is_empty());
    }

    #[test]
    fn focus_longest_and_case_rules() {
        let g = gz();
        let hits = g.focus_hits("fighting terrorism and its financing with AI, not aid");
        let areas: Vec<_> = hits.iter().map(|h| g.focus_areas[h.2].as_str()).collect();
        assert!(areas.contains(&"terrorism financing"));
        assert!(areas.contains(&"counterterrorism"));
        assert!(areas.contains(&"technology"));
        assert_eq!(g.focus_hits("they said ai").len(), 0);
    }

    #[test]
    fn bad_data_file_names_line_and_column() {
        let mut raw = Raw::default();
        let e = raw
            .add(
                "countries.toml",
                "my/countries.toml",
                "[[country]]\ncode = \"ABC\"\nnmae = \"X\"\n",
            )
            .unwrap_err();
        assert_eq!(e.file, "my/countries.toml");
        assert_eq!(e.line, 3);
        assert!(e.to_string().starts_with("my/countries.toml:3:"), "{e}");
    }

    /// The gazetteer with a user's `countries.toml` giving Morocco these cities.
    fn with_moroccan_cities(cities: &str) -> Gazetteer {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("countries.toml"),
            format!("[[country]]\ncode = \"MAR\"\nname = \"Morocco\"\ncities = [{cities}]\n"),
        )
        .unwrap();
        Gazetteer::load(Some(dir.path())).unwrap()
    }

    #[test]
    fn user_files_extend_the_embedded_ones() {
        let g = with_moroccan_cities("\"Chefchaouen\"");
        let m = g.entities("They met in Chefchaouen.");
        assert_eq!(g.entity_country(m[0].entity), Some("MAR"));
    }

    #[test]
    fn lookup_by_code_name_and_demonym() {
        let g = gz();
        assert_eq!(g.lookup_country("bel").unwrap().code, "BEL");
        assert_eq!(g.lookup_country("Belgian").unwrap().code, "BEL");
        assert_eq!(g.lookup_country("turkiye").unwrap().code, "TUR");
        assert_eq!(g.lookup_country("Turkey").unwrap().code, "TUR");
        assert_eq!(g.lookup_country("fr").unwrap().code, "FRA");
    }

    /// Names are looked for only where a word starts, the longest one there; a name that
    /// would start inside a word is none, and does not hide one starting a word within it.
    #[test]
    fn names_start_words() {
        let g = gz();
        let found = |t: &str| -> Vec<String> {
            g.entities(t)
                .iter()
                .map(|m| t[m.start..m.end].to_owned())
                .collect()
        };
        assert_eq!(
            found("Papua New Guinea and Guinea met (France)."),
            ["Papua New Guinea", "Guinea", "France"]
        );
        assert_eq!(found("XFrance, FranceX and Francé"), Vec::<String>::new());
        assert_eq!(found("XPapua New Guinea"), ["Guinea"]);
        assert_eq!(found("the Franco-Moroccan talks"), ["Franco", "Moroccan"]);
        // A user's name may start with any byte, a lowercase letter or a non-ASCII one.
        let g = with_moroccan_cities("\"ouarzazate\", \"Éssaouira\"");
        let m = g.entities("From ouarzazate to Éssaouira, not xouarzazate.");
        assert_eq!(m.len(), 2);
        assert!(m.iter().all(|m| g.entity_country(m.entity) == Some("MAR")));
    }
}
