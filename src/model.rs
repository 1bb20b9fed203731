//! The event model shared by every stage: what extraction produces and what profiles, the
//! command line and the dashboard read.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::dates::PartialDate;
use crate::sentence::Sentence;
use crate::sym::Sym;

/// The seven kinds of event of the annotation conventions (see the corpus README).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Agreement,
    Meeting,
    Visit,
    Award,
    Training,
    Assistance,
    Statement,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Agreement,
        Kind::Meeting,
        Kind::Visit,
        Kind::Award,
        Kind::Training,
        Kind::Assistance,
        Kind::Statement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Agreement => "agreement",
            Kind::Meeting => "meeting",
            Kind::Visit => "visit",
            Kind::Award => "award",
            Kind::Training => "training",
            Kind::Assistance => "assistance",
            Kind::Statement => "statement",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether the text reports the event as done or as planned ("is scheduled to visit").
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Happened,
    Planned,
}

/// An official named in connection with an event, of either side.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Counterpart {
    pub name: Sym,
    pub title: Option<Sym>,
    pub org: Option<Sym>,
    /// ISO 3166-1 alpha-3 code, when known.
    pub country: Option<Sym>,
}

/// Where a fact comes from: the article, the sentence, and its byte offsets in the body.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Source {
    /// The article id (its file stem).
    pub article: Sym,
    /// Held in memory, or read from the cache when asked for (see [`Sentence`]).
    pub sentence: Sentence,
    /// Byte offsets of the sentence in the article body (the text after the front matter).
    pub start: usize,
    pub end: usize,
}

/// One real-world occurrence: an agreement signed, a meeting held, a visit paid...
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: a hash of the first source and the event's identity, independent of every
    /// other article in the corpus. Short (a dozen hexadecimal digits), so kept inline: no
    /// allocation per event.
    pub id: CompactString,
    pub kind: Kind,
    pub date: Option<PartialDate>,
    /// Last day of a range ("June 26-28"), when the text gives one.
    #[serde(default)]
    pub date_end: Option<PartialDate>,
    pub status: Status,
    /// Every country (alpha-3) or international organisation taking part, both sides.
    pub parties: Vec<Sym>,
    /// `parties` minus the home country.
    pub partners: Vec<Sym>,
    pub counterparts: Vec<Counterpart>,
    /// Focus areas from the focus vocabulary (`data/focus.toml`).
    pub focus: Vec<Sym>,
    /// Where it happened, when the text says so ("Rabat", "Belgium").
    #[serde(default)]
    pub place: Option<Sym>,
    /// For agreements: what was signed ("joint action plan for 2025-2026").
    #[serde(default)]
    pub what: Option<String>,
    pub sources: Vec<Source>,
}

impl Event {
    /// Makes its codes, names, places and article ids the active interner's copies (see
    /// [`crate::sym::interning`]): equal strings of the events made on one thread become one
    /// allocation. Without an active interner it changes nothing.
    pub fn share_strings(&mut self) {
        let share = |s: &mut Sym| *s = s.shared();
        let share_opt = |s: &mut Option<Sym>| {
            if let Some(s) = s {
                *s = s.shared();
            }
        };
        self.parties.iter_mut().for_each(share);
        self.partners.iter_mut().for_each(share);
        self.focus.iter_mut().for_each(share);
        share_opt(&mut self.place);
        for c in &mut self.counterparts {
            share(&mut c.name);
            share_opt(&mut c.title);
            share_opt(&mut c.org);
            share_opt(&mut c.country);
        }
        for s in &mut self.sources {
            share(&mut s.article);
        }
    }

    /// An event of `kind` that says nothing else (and allocates nothing): a placeholder, or a
    /// probe to fill in.
    pub fn empty(kind: Kind) -> Event {
        Event {
            id: CompactString::default(),
            kind,
            date: None,
            date_end: None,
            status: Status::Happened,
            parties: Vec::new(),
            partners: Vec::new(),
            counterparts: Vec::new(),
            focus: Vec::new(),
            place: None,
            what: None,
            sources: Vec::new(),
        }
    }
}

/// The front matter of an article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
}

/// A problem with an input file that did not stop the rest from loading.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Warning {
    /// The article id, or the file path when the problem is with the file itself.
    pub article: String,
    /// 1-based line in the file; 0 when the problem concerns the whole file.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.article, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.article, self.message)
        }
    }
}

/// The output of `liaison extract`: the articles read, the events found, and the warnings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    pub articles: Vec<ArticleMeta>,
    pub events: Vec<Event>,
    pub warnings: Vec<Warning>,
    /// The home country the partners are relative to.
    #[serde(default)]
    pub home: Option<String>,
}
