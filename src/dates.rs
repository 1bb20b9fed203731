//! Date expressions in English security-cooperation news, resolved against
//! the article's publication date.
//!
//! News rarely writes a full date: it says "in September", "on Monday" or
//! "last week", and only the publication date turns those into calendar
//! dates. This module finds such expressions and resolves them without ever
//! claiming more precision than the text and the publication date support,
//! because a wrong day is worse for event linking than an honest month.
//!
//! Design notes:
//! * The text is cut into a small token stream (words, numbers, single
//!   punctuation characters) and matched by hand-written rules rather than
//!   one large regular expression: the rules need context on both sides
//!   ("May" is a month only after a time preposition; "2000 officers" is a
//!   head count, not a year), and that is far easier to state and to test on
//!   tokens. A single literal-only regex is used as a cheap gate so that the
//!   vast majority of sentences, which hold no date at all, cost one scan.
//! * A mention's span includes the time preposition or qualifier that gave
//!   it its meaning ("in 2023", "since 2019", "on Monday", "by the end of
//!   2025"), because that word is the evidence for its [`Strength`]: a bare
//!   "2023" is only a [`Strength::WeakYear`].
//! * When an expression is recognised but cannot be resolved (an impossible
//!   day, a month with no publication date to anchor it), its tokens are
//!   consumed without a mention, so that no shorter and misleading piece of
//!   it ("June" out of "June 31") is reported instead.

use std::cell::RefCell;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use regex::Regex;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Years outside this window are far more often counts, prices or codes
/// than dates in contemporary news.
const MIN_YEAR: i32 = 1900;
const MAX_YEAR: i32 = 2100;

/// A calendar date known to a year, a month or a day.
///
/// Fields are public for cheap construction and pattern matching; `day`
/// only counts when `month` is present too. Prefer the checked
/// constructors, which refuse dates that do not exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// How much of a [`PartialDate`] is known; ordered from coarse to fine so
/// that `min` gives the precision two dates can be compared at.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// Why a string could not be read as a [`PartialDate`]; the two cases are
/// kept apart because a malformed value is usually a bug in the caller while
/// an impossible one is usually bad data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got `{0}`")]
    Format(String),
    #[error("`{0}` is not a real date")]
    Impossible(String),
}

impl PartialDate {
    /// Any year is accepted so that callers can represent whatever a source
    /// says; range checks belong to the extraction rules, not to the type.
    pub fn year(y: i32) -> Self {
        Self {
            year: y,
            month: None,
            day: None,
        }
    }

    /// Returns `None` for a month that does not exist, so an impossible
    /// value can never enter the pipeline through this constructor.
    pub fn month(y: i32, m: u8) -> Option<Self> {
        NaiveDate::from_ymd_opt(y, m.into(), 1).map(|_| Self {
            year: y,
            month: Some(m),
            day: None,
        })
    }

    /// Returns `None` for a day that does not exist (2023-02-29, 2024-04-31).
    pub fn day(y: i32, m: u8, d: u8) -> Option<Self> {
        NaiveDate::from_ymd_opt(y, m.into(), d.into()).map(|_| Self {
            year: y,
            month: Some(m),
            day: Some(d),
        })
    }

    /// Strict on purpose: these strings come from our own files and
    /// command lines, where "24-6" or a trailing character is a mistake to
    /// report, not something to guess around.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let format = || DateError::Format(s.to_owned());
        let impossible = || DateError::Impossible(s.to_owned());
        let bytes = s.as_bytes();
        let number = |from: usize, to: usize| -> Option<u32> {
            bytes.get(from..to)?.iter().try_fold(0u32, |acc, &b| {
                b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
            })
        };
        let dash_at = |i: usize| bytes.get(i) == Some(&b'-');
        let year = number(0, 4)
            .and_then(|y| i32::try_from(y).ok())
            .ok_or_else(format)?;
        match bytes.len() {
            4 => Ok(Self::year(year)),
            7 if dash_at(4) => {
                let month = number(5, 7).ok_or_else(format)?;
                u8::try_from(month)
                    .ok()
                    .and_then(|m| Self::month(year, m))
                    .ok_or_else(impossible)
            }
            10 if dash_at(4) && dash_at(7) => {
                let month = number(5, 7).ok_or_else(format)?;
                let day = number(8, 10).ok_or_else(format)?;
                match (u8::try_from(month), u8::try_from(day)) {
                    (Ok(m), Ok(d)) => Self::day(year, m, d).ok_or_else(impossible),
                    _ => Err(impossible()),
                }
            }
            _ => Err(format()),
        }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            (None, _) => Precision::Year,
        }
    }

    /// Coarsening is how dates of different precision are compared; asking
    /// for more precision than is known returns the date unchanged, because
    /// inventing a month or day would be a lie.
    pub fn truncate(&self, p: Precision) -> Self {
        match p.min(self.precision()) {
            Precision::Year => Self::year(self.year),
            Precision::Month => Self {
                year: self.year,
                month: self.month,
                day: None,
            },
            Precision::Day => *self,
        }
    }

    /// True when every day of `other` lies inside `self`, which is the
    /// question event linking asks ("is June 26 the June we heard of?").
    pub fn contains(&self, other: &Self) -> bool {
        let p = self.precision();
        other.precision() >= p && other.truncate(p) == self.truncate(p)
    }

    /// Two mentions can describe the same moment only if one contains the
    /// other; overlapping but distinct dates cannot arise at these
    /// calendar precisions.
    pub fn compatible(&self, other: &Self) -> bool {
        self.contains(other) || other.contains(self)
    }

    /// The first day covered; out-of-range fields (possible because they are
    /// public) are clamped rather than panicking, since this is used in
    /// sorting and windowing where a slightly wrong bound beats a crash.
    pub fn first_day(&self) -> NaiveDate {
        let (month, day) = match self.month {
            Some(m) => (m, self.day.unwrap_or(1)),
            None => (1, 1),
        };
        clamped_date(self.year, month, day)
    }

    /// The last day covered, clamped like [`PartialDate::first_day`].
    pub fn last_day(&self) -> NaiveDate {
        let (month, day) = match self.month {
            Some(m) => (m, self.day.unwrap_or(31)),
            None => (12, 31),
        };
        clamped_date(self.year, month, day)
    }

    /// Narrowing is lossless: chrono's month and day never exceed 31.
    fn from_naive(d: NaiveDate, p: Precision) -> Self {
        Self {
            year: d.year(),
            month: Some(d.month() as u8),
            day: Some(d.day() as u8),
        }
        .truncate(p)
    }
}

fn is_leap(y: i32) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i32, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

fn clamped_date(y: i32, m: u8, d: u8) -> NaiveDate {
    let m = m.clamp(1, 12);
    let d = d.clamp(1, days_in_month(y, m));
    NaiveDate::from_ymd_opt(y, m.into(), d.into()).unwrap_or(if y < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => write!(f, "{:04}-{m:02}", self.year),
            (None, _) => write!(f, "{:04}", self.year),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// Serialised as its display string so that JSON output stays readable and
/// sorts correctly as text; in the cache's binary files, as its numbers (year,
/// then month and day, 0 when not known): a few bytes, with no text to format
/// or parse (formatting a million dates was a tenth of encoding a dataset).
impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0)).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            return deserializer.deserialize_str(PartialDateVisitor);
        }
        let (year, month, day) = <(i32, u8, u8)>::deserialize(deserializer)?;
        match (month, day) {
            (0, 0) => Some(PartialDate::year(year)),
            (0, _) => None,
            (m, 0) => PartialDate::month(year, m),
            (m, d) => PartialDate::day(year, m, d),
        }
        .ok_or_else(|| de::Error::custom(format!("no such date: {year}-{month}-{day}")))
    }
}

struct PartialDateVisitor;

impl Visitor<'_> for PartialDateVisitor {
    type Value = PartialDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date as YYYY, YYYY-MM or YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
        PartialDate::parse(v).map_err(E::custom)
    }
}

/// How much an event may trust a date found in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// A month or day written out, or a year governed by a time preposition:
    /// "in September", "June 26-28", "April 2022", "December visit",
    /// "in 2023", "since 2019".
    Explicit,
    /// Only meaningful against the publication date: "last week",
    /// "yesterday", "on Monday", "next month".
    Relative,
    /// A year that names or labels something ("the 2022 FIFA World Cup",
    /// "Euro 2024", "a 2023 agreement"); it rarely dates the event in the
    /// sentence, so the caller decides what to do with it.
    WeakYear,
}

/// One date expression found in a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateMention {
    /// Byte offsets into the text given, always on character boundaries; the
    /// span includes the preposition or qualifier that makes it a date
    /// ("in September", "on Monday").
    pub start: usize,
    pub end: usize,
    /// The (first) date, at the precision the text and publication date
    /// support.
    pub date: PartialDate,
    /// The last date of a range ("June 26-28", "from 3 to 5 March").
    pub end_date: Option<PartialDate>,
    pub strength: Strength,
    /// The date lies after the publication date, or the phrase points
    /// forward ("next week", "later this year").
    pub future: bool,
}

/// Finds every date expression in `text` (one sentence or clause of English
/// news), resolved against the publication date when one is known.
///
/// Mentions come back sorted by start and never overlap; at each position
/// the longest expression wins ("Tuesday, June 24, 2025" is one mention).
/// Expressions that need the publication date (bare months, "last week")
/// yield nothing without one, because we cannot invent a year.
pub fn find_dates(text: &str, published: Option<PartialDate>) -> Vec<DateMention> {
    if !might_hold_date(text) {
        return Vec::new();
    }
    TOKENS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut tokens) => scan(text, published, &mut tokens),
        Err(_) => scan(text, published, &mut Vec::new()),
    })
}

thread_local! {
    /// Reused between calls because this runs once per sentence of a large
    /// corpus and the token buffer would otherwise be reallocated each time.
    static TOKENS: RefCell<Vec<Tok>> = const { RefCell::new(Vec::new()) };
}

/// Every rule needs either a digit or one of these fragments, so a sentence
/// without any of them can be skipped after a single literal search.
static GATE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        "[0-9]|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|day|week|month|year|night|morrow|morning|afternoon|evening",
    )
    .ok()
});

fn might_hold_date(text: &str) -> bool {
    GATE.as_ref().is_none_or(|re| re.is_match(text))
}

fn scan(text: &str, published: Option<PartialDate>, tokens: &mut Vec<Tok>) -> Vec<DateMention> {
    tokenize(text, tokens);
    let scanner = Scanner {
        toks: tokens,
        text,
        ctx: published.and_then(Ctx::new),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match scanner.match_at(i) {
            Some(Outcome::Emit {
                end,
                date,
                end_date,
                strength,
                future,
            }) if end > i => {
                if let (Some(first), Some(last)) = (tokens.get(i), tokens.get(end - 1)) {
                    out.push(DateMention {
                        start: first.start,
                        end: last.end,
                        date,
                        end_date,
                        strength,
                        future,
                    });
                }
                i = end;
            }
            Some(Outcome::Swallow { end }) if end > i => i = end,
            _ => i += 1,
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Tokens

/// Month names differ in how much evidence they need: "May" and "March" are
/// also a modal verb, a surname and a noun, and the three-letter
/// abbreviations collide with names ("Jan Lipavský") and places
/// ("Mar-a-Lago").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MonthClass {
    Free,
    Gated,
    NeedsNumber,
}

#[derive(Clone, Copy, Debug)]
struct Num {
    value: u32,
    digits: usize,
    /// Written with thousands or decimal separators ("12,614", "2.5"): a
    /// quantity, never a bare year or day.
    grouped: bool,
    /// Touching letters ("G20", "5G", "300km"): a code or a measure.
    glued: bool,
    ordinal: bool,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Month {
        month: u8,
        class: MonthClass,
        abbrev: bool,
    },
    Weekday(Weekday),
    Word {
        capital: bool,
    },
    Num(Num),
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    /// Whitespace precedes it; "26-28" and "26 - 28" mean the same, but
    /// "Paris-2024" and ISO dates need to know about adjacency.
    spaced: bool,
    kind: Kind,
}

fn digits_end(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|rest| rest.chars().next())
}

fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut spaced = true;
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let start = i;
        if c.is_whitespace() {
            spaced = true;
            i += c.len_utf8();
            continue;
        }
        let kind = if c.is_ascii_digit() {
            let int_end = digits_end(bytes, i);
            let mut end = int_end;
            let mut grouped = false;
            loop {
                match bytes.get(end) {
                    Some(b'.') if bytes.get(end + 1).is_some_and(u8::is_ascii_digit) => {
                        end = digits_end(bytes, end + 1);
                        grouped = true;
                    }
                    Some(b',') if digits_end(bytes, end + 1) == end + 4 => {
                        end += 4;
                        grouped = true;
                    }
                    _ => break,
                }
            }
            let ordinal = !grouped
                && bytes
                    .get(end..end + 2)
                    .is_some_and(|sfx| matches!(sfx, b"st" | b"nd" | b"rd" | b"th"))
                && !char_at(text, end + 2).is_some_and(char::is_alphabetic);
            if ordinal {
                end += 2;
            }
            let letter_before = !spaced
                && out.last().is_some_and(|t| {
                    matches!(
                        t.kind,
                        Kind::Word { .. } | Kind::Month { .. } | Kind::Weekday(_)
                    )
                });
            let letter_after = char_at(text, end).is_some_and(char::is_alphabetic);
            let value = bytes.get(start..int_end).map_or(0, |ds| {
                ds.iter().fold(0u32, |acc, &b| {
                    acc.saturating_mul(10).saturating_add(u32::from(b - b'0'))
                })
            });
            i = end;
            Kind::Num(Num {
                value,
                digits: int_end - start,
                grouped,
                glued: letter_before || letter_after,
                ordinal,
            })
        } else if c.is_alphabetic() {
            let mut end = i;
            while let Some(w) = char_at(text, end).filter(|ch| ch.is_alphabetic()) {
                end += w.len_utf8();
            }
            i = end;
            classify_word(text.get(start..end).unwrap_or(""))
        } else {
            i += c.len_utf8();
            Kind::Punct(c)
        };
        out.push(Tok {
            start,
            end: i,
            spaced,
            kind,
        });
        spaced = false;
    }
}

/// Months must be capitalised exactly as in running text: "may" is never a
/// month, and all-caps words are more often acronyms than headline dates.
fn classify_word(w: &str) -> Kind {
    use MonthClass::{Free, Gated, NeedsNumber};
    let month = |month, class, abbrev| Kind::Month {
        month,
        class,
        abbrev,
    };
    match w {
        "January" => month(1, Free, false),
        "February" => month(2, Free, false),
        "March" => month(3, Gated, false),
        "April" => month(4, Free, false),
        "May" => month(5, Gated, false),
        "June" => month(6, Free, false),
        "July" => month(7, Free, false),
        "August" => month(8, Free, false),
        "September" => month(9, Free, false),
        "October" => month(10, Free, false),
        "November" => month(11, Free, false),
        "December" => month(12, Free, false),
        "Jan" => month(1, NeedsNumber, true),
        "Feb" => month(2, NeedsNumber, true),
        "Mar" => month(3, NeedsNumber, true),
        "Apr" => month(4, NeedsNumber, true),
        "Jun" => month(6, NeedsNumber, true),
        "Jul" => month(7, NeedsNumber, true),
        "Aug" => month(8, NeedsNumber, true),
        "Sep" | "Sept" => month(9, NeedsNumber, true),
        "Oct" => month(10, NeedsNumber, true),
        "Nov" => month(11, NeedsNumber, true),
        "Dec" => month(12, NeedsNumber, true),
        "Monday" => Kind::Weekday(Weekday::Mon),
        "Tuesday" => Kind::Weekday(Weekday::Tue),
        "Wednesday" => Kind::Weekday(Weekday::Wed),
        "Thursday" => Kind::Weekday(Weekday::Thu),
        "Friday" => Kind::Weekday(Weekday::Fri),
        "Saturday" => Kind::Weekday(Weekday::Sat),
        "Sunday" => Kind::Weekday(Weekday::Sun),
        _ => Kind::Word {
            capital: w.chars().next().is_some_and(char::is_uppercase),
        },
    }
}

// ---------------------------------------------------------------------------
// Word lists

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prep {
    On,
    Since,
    From,
    Between,
    At,
    Other,
}

/// Prepositions that make a following year or month a time reference.
const PREPS: &[(&str, Prep)] = &[
    ("in", Prep::Other),
    ("on", Prep::On),
    ("since", Prep::Since),
    ("until", Prep::Other),
    ("till", Prep::Other),
    ("by", Prep::Other),
    ("from", Prep::From),
    ("during", Prep::Other),
    ("of", Prep::Other),
    ("before", Prep::Other),
    ("after", Prep::Other),
    ("through", Prep::Other),
    ("throughout", Prep::Other),
    ("between", Prep::Between),
    ("at", Prep::At),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Modifier {
    /// early, mid, late or a season: part of a period, still a time cue.
    Part,
    Earlier,
    Later,
}

const MODIFIERS: &[(&str, Modifier)] = &[
    ("early", Modifier::Part),
    ("mid", Modifier::Part),
    ("late", Modifier::Part),
    ("spring", Modifier::Part),
    ("summer", Modifier::Part),
    ("autumn", Modifier::Part),
    ("winter", Modifier::Part),
    ("earlier", Modifier::Earlier),
    ("later", Modifier::Later),
];

/// "the end of", "the first half of"...: the phrase makes the year that
/// follows a time reference.
const PERIODS: &[&str] = &[
    "end",
    "beginning",
    "start",
    "middle",
    "close",
    "turn",
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
];

/// Nouns that turn a preceding number into a count or a measure
/// ("2000 officers", "1500 police", "12 agents").
const UNIT_NOUNS: &[&str] = &[
    "officers",
    "officer",
    "police",
    "policemen",
    "policewomen",
    "gendarmes",
    "troops",
    "soldiers",
    "personnel",
    "agents",
    "people",
    "persons",
    "individuals",
    "members",
    "staff",
    "men",
    "women",
    "children",
    "migrants",
    "refugees",
    "recruits",
    "cadets",
    "trainees",
    "participants",
    "delegates",
    "experts",
    "students",
    "guards",
    "firefighters",
    "militants",
    "fighters",
    "suspects",
    "detainees",
    "prisoners",
    "victims",
    "vehicles",
    "cars",
    "trucks",
    "boats",
    "vessels",
    "ships",
    "aircraft",
    "drones",
    "weapons",
    "rifles",
    "guns",
    "rounds",
    "bullets",
    "kilograms",
    "kg",
    "kilos",
    "tons",
    "tonnes",
    "grams",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "hectares",
    "euros",
    "dollars",
    "dirhams",
    "pounds",
    "dinars",
    "francs",
    "hours",
    "hrs",
    "gmt",
    "utc",
    "cases",
    "cybercrimes",
    "crimes",
    "incidents",
    "doses",
    "units",
    "pieces",
    "accounts",
    "websites",
    "calls",
];

/// Second halves of hyphenated measures ("2000-strong", "1950-page").
const COMPOUND_UNITS: &[&str] = &[
    "strong",
    "member",
    "man",
    "person",
    "page",
    "seat",
    "bed",
    "km",
    "kilometre",
    "kilometer",
    "mile",
    "metre",
    "meter",
    "ton",
    "tonne",
    "kg",
    "officer",
    "troop",
    "square",
];

/// Words after which a four-digit number is an identifier ("Room 2023",
/// "Resolution 1973") or an approximate count ("some 2000").
const NUMBER_LABELS: &[&str] = &[
    "room",
    "no",
    "nos",
    "number",
    "resolution",
    "resolutions",
    "article",
    "flight",
    "route",
    "bus",
    "unit",
    "page",
    "pages",
    "chapter",
    "section",
    "paragraph",
    "item",
    "code",
    "gate",
    "case",
    "file",
    "some",
    "about",
    "nearly",
    "approximately",
    "roughly",
    "almost",
];

/// Words before a weekday that make it generic rather than a date
/// ("every Friday", "the Friday prayers").
const WEEKDAY_BLOCKERS: &[&str] = &[
    "the", "a", "an", "every", "each", "this", "that", "next", "last",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

const REL_UNITS: &[(&str, Unit)] = &[
    ("week", Unit::Week),
    ("weekend", Unit::Week),
    ("month", Unit::Month),
    ("year", Unit::Year),
];

const AGO_UNITS: &[(&str, Unit)] = &[
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("week", Unit::Week),
    ("weeks", Unit::Week),
    ("month", Unit::Month),
    ("months", Unit::Month),
    ("year", Unit::Year),
    ("years", Unit::Year),
];

const NUMBER_WORDS: &[(&str, i64)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
];

const RANGE_WORDS: &[&str] = &["to", "through", "until", "till", "thru"];

// ---------------------------------------------------------------------------
// Matching

/// What a rule concluded at one position; `end` is a token index
/// (exclusive).
#[derive(Clone, Copy, Debug)]
enum Outcome {
    Emit {
        end: usize,
        date: PartialDate,
        end_date: Option<PartialDate>,
        strength: Strength,
        future: bool,
    },
    /// Recognised but deliberately not reported (year ranges, impossible
    /// days, months with nothing to anchor them).
    Swallow { end: usize },
}

impl Outcome {
    fn end(&self) -> usize {
        match self {
            Outcome::Emit { end, .. } | Outcome::Swallow { end } => *end,
        }
    }
}

/// The longest expression wins; on a tie the earlier rule keeps priority.
fn longer(a: Option<Outcome>, b: Option<Outcome>) -> Option<Outcome> {
    match (a, b) {
        (Some(x), Some(y)) if y.end() > x.end() => Some(y),
        (Some(x), _) => Some(x),
        (None, y) => y,
    }
}

/// The words in front of a date core that shape its meaning.
#[derive(Clone, Copy, Debug, Default)]
struct Lead {
    prep: Option<Prep>,
    /// "the end of", "the first half of"
    chain: bool,
    modifier: Option<Modifier>,
}

impl Lead {
    /// A time cue is what separates "in 2023" from "the 2023 agreement" and
    /// licenses the ambiguous month names.
    fn is_time_cue(&self) -> bool {
        self.prep.is_some() || self.chain || self.modifier == Some(Modifier::Part)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum YearSpec {
    Abs(i32),
    /// Offset from the publication year ("this year", "last year").
    Rel(i64),
}

/// A month, optionally with day and year, before resolution.
#[derive(Clone, Copy, Debug)]
struct Md {
    month: u8,
    day: Option<u8>,
    year: Option<YearSpec>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MonthMod {
    Plain,
    Last,
    This,
    Next,
}

/// The publication date in the forms resolution needs; fields that do not
/// form a real date are dropped, so precision degrades instead of failing.
#[derive(Clone, Copy, Debug)]
struct Ctx {
    date: PartialDate,
    year: i32,
    month: Option<u8>,
    day: Option<NaiveDate>,
}

impl Ctx {
    fn new(p: PartialDate) -> Option<Self> {
        NaiveDate::from_ymd_opt(p.year, 1, 1)?;
        let month = p.month.filter(|m| (1..=12).contains(m));
        let day = match (month, p.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(p.year, m.into(), d.into()),
            _ => None,
        };
        let date = match (day, month) {
            (Some(d), _) => PartialDate::from_naive(d, Precision::Day),
            (None, Some(m)) => PartialDate {
                year: p.year,
                month: Some(m),
                day: None,
            },
            (None, None) => PartialDate::year(p.year),
        };
        Some(Self {
            date,
            year: p.year,
            month,
            day,
        })
    }

    fn shifted_year(&self, offset: i64) -> Option<i32> {
        i32::try_from(i64::from(self.year) + offset).ok()
    }

    /// Calendar periods relative to publication, never finer than the
    /// publication date itself supports.
    fn period(&self, unit: Unit, offset: i64) -> Option<PartialDate> {
        match unit {
            Unit::Year => self.shifted_year(offset).map(PartialDate::year),
            Unit::Month => match self.month {
                Some(m) => {
                    let (y, m) = add_months(self.year, m, offset)?;
                    PartialDate::month(y, m)
                }
                None => Some(PartialDate::year(self.year)),
            },
            Unit::Week => match (self.day, self.month) {
                (Some(d), _) => {
                    shift_days(d, offset * 7).map(|d| PartialDate::from_naive(d, Precision::Month))
                }
                (None, Some(m)) => PartialDate::month(self.year, m),
                (None, None) => Some(PartialDate::year(self.year)),
            },
            Unit::Day => self.day_offset(offset),
        }
    }

    /// "today" is the publication date at whatever precision it has;
    /// other days need a day-precise publication date to mean anything.
    fn day_offset(&self, offset: i64) -> Option<PartialDate> {
        match self.day {
            Some(d) => shift_days(d, offset).map(|d| PartialDate::from_naive(d, Precision::Day)),
            None if offset == 0 => Some(self.date),
            None => None,
        }
    }

    /// The nearest given weekday strictly before (or after) publication:
    /// "on Monday" in a Monday article means the Monday before.
    fn weekday(&self, wd: Weekday, forward: bool) -> Option<PartialDate> {
        let d = self.day?;
        let from = i64::from(d.weekday().num_days_from_monday());
        let to = i64::from(wd.num_days_from_monday());
        let delta = if forward { to - from } else { from - to }.rem_euclid(7);
        let delta = if delta == 0 { 7 } else { delta };
        let signed = if forward { delta } else { -delta };
        shift_days(d, signed).map(|d| PartialDate::from_naive(d, Precision::Day))
    }
}

fn add_months(y: i32, m: u8, offset: i64) -> Option<(i32, u8)> {
    let total = i64::from(y) * 12 + i64::from(m) - 1 + offset;
    let year = i32::try_from(total.div_euclid(12)).ok()?;
    let month = u8::try_from(total.rem_euclid(12) + 1).ok()?;
    Some((year, month))
}

fn shift_days(d: NaiveDate, offset: i64) -> Option<NaiveDate> {
    let n = Days::new(offset.unsigned_abs());
    if offset >= 0 {
        d.checked_add_days(n)
    } else {
        d.checked_sub_days(n)
    }
}

fn title_eq(word: &str, keyword: &str) -> bool {
    match (
        word.as_bytes().split_first(),
        keyword.as_bytes().split_first(),
    ) {
        (Some((w0, wr)), Some((k0, kr))) => *w0 == k0.to_ascii_uppercase() && wr == kr,
        _ => false,
    }
}

struct Scanner<'t> {
    toks: &'t [Tok],
    text: &'t str,
    ctx: Option<Ctx>,
}

impl<'t> Scanner<'t> {
    // -- token access -------------------------------------------------------

    fn kind(&self, k: usize) -> Option<Kind> {
        self.toks.get(k).map(|t| t.kind)
    }

    fn word(&self, k: usize) -> Option<&'t str> {
        let t = self.toks.get(k)?;
        match t.kind {
            Kind::Word { .. } | Kind::Month { .. } | Kind::Weekday(_) => {
                self.text.get(t.start..t.end)
            }
            Kind::Num(_) | Kind::Punct(_) => None,
        }
    }

    fn punct(&self, k: usize) -> Option<char> {
        match self.kind(k)? {
            Kind::Punct(c) => Some(c),
            _ => None,
        }
    }

    fn num(&self, k: usize) -> Option<Num> {
        match self.kind(k)? {
            Kind::Num(n) => Some(n),
            _ => None,
        }
    }

    fn spaced(&self, k: usize) -> bool {
        self.toks.get(k).is_none_or(|t| t.spaced)
    }

    fn is_dash(&self, k: usize) -> bool {
        matches!(self.punct(k), Some('-' | '–' | '—'))
    }

    /// Keywords are matched in lower case, or capitalised where a sentence
    /// or clause may begin ("Last week, ..."), so that names such as
    /// "Morocco Today" are left alone.
    fn is_kw(&self, k: usize, keyword: &str) -> bool {
        self.word(k).is_some_and(|w| {
            w == keyword
                || (title_eq(w, keyword)
                    && (k == 0 || matches!(self.kind(k - 1), Some(Kind::Punct(_)))))
        })
    }

    fn kw_in<T: Copy>(&self, k: usize, table: &[(&str, T)]) -> Option<T> {
        // The word is fetched once for the whole table: this runs at every token.
        let w = self.word(k)?;
        let lead = k == 0 || matches!(self.kind(k - 1), Some(Kind::Punct(_)));
        table
            .iter()
            .find(|(keyword, _)| w == *keyword || (lead && title_eq(w, keyword)))
            .map(|(_, v)| *v)
    }

    fn word_in(&self, k: usize, list: &[&str]) -> bool {
        self.word(k)
            .is_some_and(|w| list.iter().any(|x| w.eq_ignore_ascii_case(x)))
    }

    fn preceded_by_the(&self, k: usize) -> bool {
        k > 0
            && self
                .word(k - 1)
                .is_some_and(|w| w.eq_ignore_ascii_case("the"))
    }

    // -- number roles -------------------------------------------------------

    fn followed_by_unit(&self, k: usize) -> bool {
        self.word_in(k + 1, UNIT_NOUNS) || (self.punct(k + 1) == Some('%') && !self.spaced(k + 1))
    }

    fn day_at(&self, k: usize) -> Option<u8> {
        let n = self.num(k)?;
        if n.grouped || n.glued || n.digits > 2 || !(1..=31).contains(&n.value) {
            return None;
        }
        if self.followed_by_unit(k) {
            return None;
        }
        u8::try_from(n.value).ok()
    }

    /// A four-digit number in the year window that is not obviously a
    /// count, a code or part of a range; used where the context already
    /// says "date" (after a month or day).
    fn year_token(&self, k: usize) -> Option<i32> {
        let n = self.num(k)?;
        if n.digits != 4 || n.grouped || n.glued || n.ordinal {
            return None;
        }
        let y = i32::try_from(n.value).ok()?;
        (MIN_YEAR..=MAX_YEAR).contains(&y).then_some(y)
    }

    fn year_at(&self, k: usize) -> Option<i32> {
        let y = self.year_token(k)?;
        if self.year_range_end(k).is_some() || !self.year_context_ok(k) {
            return None;
        }
        Some(y)
    }

    /// "2025-2026", "2025–29", "2024/25": plan periods, not dates.
    fn year_range_end(&self, k: usize) -> Option<usize> {
        let sep = self.punct(k + 1)?;
        if !matches!(sep, '-' | '–' | '—' | '/') {
            return None;
        }
        let n = self.num(k + 2)?;
        (!n.grouped && !n.ordinal && matches!(n.digits, 2 | 4)).then_some(k + 3)
    }

    fn year_context_ok(&self, k: usize) -> bool {
        if self.followed_by_unit(k) {
            return false;
        }
        // "a 2000-strong force", "a 1950-page report"
        if self.is_dash(k + 1) && !self.spaced(k + 1) && self.word_in(k + 2, COMPOUND_UNITS) {
            return false;
        }
        if k == 0 {
            return true;
        }
        let prev = k - 1;
        match self.kind(prev) {
            Some(Kind::Punct('$' | '€' | '£' | '¥' | '#')) => self.spaced(k),
            Some(Kind::Punct('.')) => !(k >= 2 && self.word_in(k - 2, &["no", "nos"])),
            // The second half of "12-2023" or "06/2023" is not a year.
            Some(Kind::Punct('-' | '/' | '–')) => {
                self.spaced(k) || k < 2 || self.num(k - 2).is_none()
            }
            Some(Kind::Word { .. }) => !self.word_in(prev, NUMBER_LABELS),
            _ => true,
        }
    }

    fn month_at(&self, k: usize) -> Option<(u8, MonthClass, usize)> {
        match self.kind(k)? {
            Kind::Month {
                month,
                class,
                abbrev,
            } => {
                let mut next = k + 1;
                if abbrev && self.punct(next) == Some('.') && !self.spaced(next) {
                    next += 1;
                }
                Some((month, class, next))
            }
            _ => None,
        }
    }

    /// "to", "-", "through"...; "and" only where the caller allows it,
    /// because "June and July" is a list far more often than a range.
    fn range_sep(&self, k: usize, allow_and: bool) -> Option<usize> {
        let is_sep = self.is_dash(k)
            || RANGE_WORDS.iter().any(|w| self.is_kw(k, w))
            || (allow_and && self.is_kw(k, "and"));
        is_sep.then_some(k + 1)
    }

    /// ", 2025" / " 2025" / " of 2025" / " this year" / " of last year".
    fn year_suffix(&self, k: usize) -> Option<(YearSpec, usize)> {
        let after_comma = if self.punct(k) == Some(',') { k + 1 } else { k };
        if let Some(y) = self.year_at(after_comma) {
            return Some((YearSpec::Abs(y), after_comma + 1));
        }
        let after_of = if self.is_kw(k, "of") { k + 1 } else { k };
        let of_year = if after_of > k {
            self.year_at(after_of)
        } else {
            None
        };
        if let Some(y) = of_year {
            return Some((YearSpec::Abs(y), after_of + 1));
        }
        let offset = self.kw_in(after_of, &[("last", -1), ("this", 0), ("next", 1)])?;
        self.is_kw(after_of + 1, "year")
            .then_some((YearSpec::Rel(offset), after_of + 2))
    }

    fn opt_year(&self, k: usize) -> (Option<YearSpec>, usize) {
        match self.year_suffix(k) {
            Some((spec, next)) => (Some(spec), next),
            None => (None, k),
        }
    }

    /// "from mid-April to late May": the second end may be qualified too.
    fn skip_part(&self, k: usize) -> usize {
        if self.kw_in(k, MODIFIERS) != Some(Modifier::Part) {
            return k;
        }
        if self.is_dash(k + 1) && !self.spaced(k + 1) {
            k + 2
        } else {
            k + 1
        }
    }

    fn skip_of(&self, k: usize) -> usize {
        if self.is_kw(k, "of") { k + 1 } else { k }
    }

    // -- driver -------------------------------------------------------------

    fn match_at(&self, i: usize) -> Option<Outcome> {
        let (j, lead) = self.lead(i);
        let relative = self.relative(j, lead);
        longer(relative, self.dated(j, lead))
    }

    fn lead(&self, i: usize) -> (usize, Lead) {
        let mut k = i;
        let mut lead = Lead::default();
        if let Some(p) = self.kw_in(k, PREPS) {
            lead.prep = Some(p);
            k += 1;
        }
        let chain_end = if self.is_kw(k, "the") {
            self.period_of(k + 1)
        } else {
            None
        };
        if let Some(after) = chain_end {
            lead.chain = true;
            k = after;
        }
        if lead.prep == Some(Prep::At) && !lead.chain {
            return (i, Lead::default());
        }
        if let Some(m) = self.kw_in(k, MODIFIERS) {
            lead.modifier = Some(m);
            k += 1;
            if self.is_dash(k) && !self.spaced(k) {
                k += 1;
            }
        }
        (k, lead)
    }

    fn period_of(&self, k: usize) -> Option<usize> {
        let halves = ["first", "second", "third", "fourth", "last"];
        let after = if self.word_in(k, &halves) && self.word_in(k + 1, &["half", "quarter"]) {
            k + 2
        } else if self.word_in(k, PERIODS) {
            k + 1
        } else {
            return None;
        };
        self.is_kw(after, "of").then_some(after + 1)
    }

    // -- explicit dates -----------------------------------------------------

    fn dated(&self, j: usize, lead: Lead) -> Option<Outcome> {
        if matches!(lead.modifier, Some(Modifier::Earlier | Modifier::Later)) {
            return None;
        }
        let mut best = None;
        if let Some(Kind::Weekday(_)) = self.kind(j) {
            // A weekday in front of a full date is decoration; a wrong one is
            // ignored because the written date is the stronger evidence.
            let k = if self.punct(j + 1) == Some(',') {
                j + 2
            } else {
                j + 1
            };
            best = longer(best, self.numeric_date(k));
            best = longer(best, self.month_first(k, lead, true));
            best = longer(best, self.day_first(k));
        }
        best = longer(best, self.numeric_date(j));
        best = longer(best, self.month_first(j, lead, false));
        best = longer(best, self.day_first(j));
        best = longer(best, self.modified_month(j));
        longer(best, self.year_form(j, lead))
    }

    /// ISO "2025-06-24", day-first "24/06/2025" and "24.06.2025".
    fn numeric_date(&self, k: usize) -> Option<Outcome> {
        let first = self.num(k)?;
        if first.glued || first.ordinal {
            return None;
        }
        if first.grouped {
            return self.dotted_date(k);
        }
        let sep = self.punct(k + 1)?;
        if !matches!(sep, '-' | '/') || self.punct(k + 3) != Some(sep) {
            return None;
        }
        let (a, b, c) = (first, self.num(k + 2)?, self.num(k + 4)?);
        if (k + 1..=k + 4).any(|t| self.spaced(t)) || b.grouped || c.grouped {
            return None;
        }
        // Letters after the last part make it a code, except the "T" of an
        // ISO timestamp ("2025-06-24T10:00").
        if c.glued && !(sep == '-' && self.iso_time_follows(k + 4)) {
            return None;
        }
        // A fourth part would make it a serial number, not a date.
        if self.punct(k + 5) == Some(sep) && !self.spaced(k + 5) {
            return None;
        }
        if k > 0 && matches!(self.punct(k - 1), Some('-' | '/')) && !self.spaced(k) {
            return None;
        }
        let (y, m, d) = match sep {
            '-' if a.digits == 4 && b.digits == 2 && c.digits == 2 => (a.value, b.value, c.value),
            '/' if a.digits <= 2 && b.digits <= 2 && c.digits == 4 => (c.value, b.value, a.value),
            _ => return None,
        };
        Some(self.full_date(y, m, d, k + 5))
    }

    fn iso_time_follows(&self, k: usize) -> bool {
        self.toks
            .get(k)
            .and_then(|t| self.text.get(t.end..))
            .is_some_and(|rest| {
                let b = rest.as_bytes();
                b.first() == Some(&b'T') && b.get(1).is_some_and(u8::is_ascii_digit)
            })
    }

    fn dotted_date(&self, k: usize) -> Option<Outcome> {
        let t = self.toks.get(k)?;
        let mut parts = self.text.get(t.start..t.end)?.split('.');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || d.len() > 2 || m.len() > 2 || y.len() != 4 {
            return None;
        }
        let (d, m, y) = (d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
        Some(self.full_date(y, m, d, k + 1))
    }

    fn full_date(&self, y: u32, m: u32, d: u32, end: usize) -> Outcome {
        let date = match (i32::try_from(y), u8::try_from(m), u8::try_from(d)) {
            (Ok(y), Ok(m), Ok(d)) if (MIN_YEAR..=MAX_YEAR).contains(&y) => {
                PartialDate::day(y, m, d)
            }
            _ => None,
        };
        match date {
            Some(date) => self.explicit(date, None, false, end),
            None => Outcome::Swallow { end },
        }
    }

    /// "June 26", "June 26, 2025", "June 26-28", "June 30 to July 2",
    /// "April 2022", "April of 2022", "from June to August", "in May".
    fn month_first(&self, k: usize, lead: Lead, need_day: bool) -> Option<Outcome> {
        let (m1, class, k1) = self.month_at(k)?;
        if let Some(d1) = self.day_at(k1) {
            let (y1, k2) = self.opt_year(k1 + 1);
            let start = Md {
                month: m1,
                day: Some(d1),
                year: y1,
            };
            let (end, last) = match self.month_day_tail(k2, start) {
                Some((end, last)) => (Some(end), last),
                None => (None, k2),
            };
            return Some(self.resolve(start, end, MonthMod::Plain, last));
        }
        if need_day {
            return None;
        }
        let (y1, k2) = self.opt_year(k1);
        let (end, last) = match self.month_tail(k2, lead.prep == Some(Prep::Between)) {
            Some((end, last)) => (Some(end), last),
            None => (None, k2),
        };
        let has_year = y1.is_some() || end.is_some_and(|e| e.year.is_some());
        let admissible = has_year
            || match class {
                MonthClass::Free => true,
                MonthClass::Gated => lead.is_time_cue() || end.is_some(),
                MonthClass::NeedsNumber => false,
            };
        if !admissible {
            return None;
        }
        let start = Md {
            month: m1,
            day: None,
            year: y1,
        };
        Some(self.resolve(start, end, MonthMod::Plain, last))
    }

    /// After "June 26": "-28", "to 28, 2025", "to July 2". A bare end day
    /// is refused once the start has its own year ("June 26, 2025 to 28").
    fn month_day_tail(&self, k: usize, start: Md) -> Option<(Md, usize)> {
        let ks = self.range_sep(k, true)?;
        let (month, kd) = match self.month_at(ks) {
            Some((m2, _, km)) => (m2, km),
            None if start.year.is_none() => (start.month, ks),
            None => return None,
        };
        let day = self.day_at(kd)?;
        let (year, last) = self.opt_year(kd + 1);
        Some((
            Md {
                month,
                day: Some(day),
                year,
            },
            last,
        ))
    }

    /// After "June" or "June 2024": "to August", "-July 2025", "to late May".
    fn month_tail(&self, k: usize, allow_and: bool) -> Option<(Md, usize)> {
        let ks = self.range_sep(k, allow_and)?;
        let (month, class, km) = self.month_at(self.skip_part(ks))?;
        if self.day_at(km).is_some() {
            return None;
        }
        let (year, last) = self.opt_year(km);
        if class == MonthClass::NeedsNumber && year.is_none() {
            return None;
        }
        Some((
            Md {
                month,
                day: None,
                year,
            },
            last,
        ))
    }

    /// "26 June", "26th of June 2025", "26-28 June", "30 June to 2 July".
    fn day_first(&self, k: usize) -> Option<Outcome> {
        let d1 = self.day_at(k)?;
        if let Some(outcome) = self.day_range_one_month(k, d1) {
            return Some(outcome);
        }
        let (m1, _, km) = self.month_at(self.skip_of(k + 1))?;
        let (y1, k2) = self.opt_year(km);
        let start = Md {
            month: m1,
            day: Some(d1),
            year: y1,
        };
        let (end, last) = match self.day_month_tail(k2) {
            Some((end, last)) => (Some(end), last),
            None => (None, k2),
        };
        Some(self.resolve(start, end, MonthMod::Plain, last))
    }

    /// "26-28 June", "26 to 28 June 2025", "1 and 2 July".
    fn day_range_one_month(&self, k: usize, d1: u8) -> Option<Outcome> {
        let ks = self.range_sep(k + 1, true)?;
        let d2 = self.day_at(ks)?;
        let (month, _, km) = self.month_at(self.skip_of(ks + 1))?;
        let (year, last) = self.opt_year(km);
        let start = Md {
            month,
            day: Some(d1),
            year,
        };
        let end = Md {
            day: Some(d2),
            ..start
        };
        Some(self.resolve(start, Some(end), MonthMod::Plain, last))
    }

    /// After "30 June": "to 2 July", "-2 July 2025".
    fn day_month_tail(&self, k: usize) -> Option<(Md, usize)> {
        let ks = self.range_sep(k, true)?;
        let day = self.day_at(ks)?;
        let (month, _, km) = self.month_at(self.skip_of(ks + 1))?;
        let (year, last) = self.opt_year(km);
        Some((
            Md {
                month,
                day: Some(day),
                year,
            },
            last,
        ))
    }

    /// "last December", "next March", "this September".
    fn modified_month(&self, j: usize) -> Option<Outcome> {
        let mm = self.kw_in(
            j,
            &[
                ("last", MonthMod::Last),
                ("next", MonthMod::Next),
                ("this", MonthMod::This),
            ],
        )?;
        if self.preceded_by_the(j) {
            return None;
        }
        let (m, class, k) = self.month_at(j + 1)?;
        if class == MonthClass::NeedsNumber || self.day_at(k).is_some() {
            return None;
        }
        let start = Md {
            month: m,
            day: None,
            year: None,
        };
        Some(self.resolve(start, None, mm, k))
    }

    fn year_form(&self, j: usize, lead: Lead) -> Option<Outcome> {
        let y = self.year_token(j)?;
        if let Some(end) = self.year_range_end(j) {
            return Some(Outcome::Swallow { end });
        }
        if !self.year_context_ok(j) {
            return None;
        }
        if let Some(y2) = self.second_year(j, y, lead) {
            let (start, end) = (PartialDate::year(y), PartialDate::year(y2));
            return Some(self.explicit(start, Some(end), false, j + 3));
        }
        let date = PartialDate::year(y);
        if lead.is_time_cue() {
            Some(self.explicit(date, None, false, j + 1))
        } else {
            Some(Outcome::Emit {
                end: j + 1,
                date,
                end_date: None,
                strength: Strength::WeakYear,
                future: self.after_pub(date),
            })
        }
    }

    /// "from 2019 to 2023", "between 2020 and 2023": unlike the hyphenated
    /// plan periods, these describe when something happened.
    fn second_year(&self, j: usize, y: i32, lead: Lead) -> Option<i32> {
        let between = lead.prep == Some(Prep::Between);
        if !(between || lead.prep == Some(Prep::From)) {
            return None;
        }
        self.range_sep(j + 1, between)?;
        self.year_at(j + 2).filter(|&y2| y2 > y)
    }

    fn explicit(
        &self,
        date: PartialDate,
        end_date: Option<PartialDate>,
        phrased_future: bool,
        end: usize,
    ) -> Outcome {
        Outcome::Emit {
            end,
            date,
            end_date,
            strength: Strength::Explicit,
            future: phrased_future || self.after_pub(date),
        }
    }

    fn resolve(&self, start: Md, end: Option<Md>, mm: MonthMod, last: usize) -> Outcome {
        match self.resolve_span(start, end, mm) {
            Some((date, end_date)) => self.explicit(date, end_date, mm == MonthMod::Next, last),
            None => Outcome::Swallow { end: last },
        }
    }

    /// A year written on either end of a range applies to both ends, and a
    /// range whose end month comes before its start crosses a new year.
    fn resolve_span(
        &self,
        s: Md,
        e: Option<Md>,
        mm: MonthMod,
    ) -> Option<(PartialDate, Option<PartialDate>)> {
        let key = |md: &Md| (md.month, md.day.unwrap_or(0));
        let start_year = match (s.year, e.and_then(|e| e.year)) {
            (Some(spec), _) => self.year_of(spec)?,
            (None, Some(spec)) => {
                let end_year = self.year_of(spec)?;
                if e.is_some_and(|e| key(&e) < key(&s)) {
                    end_year.checked_sub(1)?
                } else {
                    end_year
                }
            }
            (None, None) => self.anchor_year(s.month, s.day, mm)?,
        };
        let start = build(start_year, &s)?;
        let end = match e {
            None => None,
            Some(e) => {
                let y = match e.year {
                    Some(spec) => self.year_of(spec)?,
                    None if key(&e) > key(&s) => start_year,
                    None => start_year.checked_add(1)?,
                };
                let end = build(y, &e)?;
                if end <= start {
                    return None;
                }
                Some(end)
            }
        };
        Some((start, end))
    }

    fn year_of(&self, spec: YearSpec) -> Option<i32> {
        match spec {
            YearSpec::Abs(y) => Some(y),
            YearSpec::Rel(offset) => self.ctx?.shifted_year(offset),
        }
    }

    /// The year of a month (and day) written without one: the latest such
    /// date not after publication, compared at the finest level both sides
    /// share. A publication date known only to its year gives that year.
    fn anchor_year(&self, month: u8, day: Option<u8>, mm: MonthMod) -> Option<i32> {
        let ctx = self.ctx?;
        let y = ctx.year;
        let year = match ctx.month {
            None => y,
            Some(pm) => {
                let not_after = match (day, ctx.day) {
                    (Some(d), Some(pd)) => (month, u32::from(d)) <= (pm, pd.day()),
                    _ => month <= pm,
                };
                match mm {
                    MonthMod::Plain if not_after => y,
                    MonthMod::Plain => y.checked_sub(1)?,
                    MonthMod::This => y,
                    MonthMod::Last if month < pm => y,
                    MonthMod::Last => y.checked_sub(1)?,
                    MonthMod::Next if month > pm => y,
                    MonthMod::Next => y.checked_add(1)?,
                }
            }
        };
        match day {
            None => Some(year),
            // "February 29" in a common year still means the latest one that
            // existed; eight years back always reaches a leap year.
            Some(d) => (0..8)
                .filter_map(|back| year.checked_sub(back))
                .find(|&yy| PartialDate::day(yy, month, d).is_some()),
        }
    }

    fn after_pub(&self, date: PartialDate) -> bool {
        self.ctx.is_some_and(|ctx| {
            let p = date.precision().min(ctx.date.precision());
            date.truncate(p) > ctx.date.truncate(p)
        })
    }

    // -- relative dates -----------------------------------------------------

    fn relative(&self, j: usize, lead: Lead) -> Option<Outcome> {
        let ctx = self.ctx?;
        let later = lead.modifier == Some(Modifier::Later);
        if let Some(Kind::Weekday(wd)) = self.kind(j) {
            return self.bare_weekday(ctx, j, wd, lead);
        }
        let days = [
            ("yesterday", -1),
            ("today", 0),
            ("tonight", 0),
            ("tomorrow", 1),
        ];
        if let Some(offset) = self.kw_in(j, &days) {
            return self.rel(j + 1, ctx.day_offset(offset), offset > 0 || later);
        }
        if let Some(offset) = self.kw_in(j, &[("last", -1), ("this", 0), ("next", 1)]) {
            if self.preceded_by_the(j) {
                return None;
            }
            let k = j + 1;
            if let Some(Kind::Weekday(wd)) = self.kind(k) {
                let date = match offset {
                    -1 => ctx.weekday(wd, false),
                    1 => ctx.weekday(wd, true),
                    _ => None,
                };
                return self.rel(k + 1, date, offset > 0);
            }
            if offset == -1 && self.is_kw(k, "night") {
                return self.rel(k + 1, ctx.day_offset(-1), false);
            }
            let parts_of_today = ["morning", "afternoon", "evening", "night"];
            if offset == 0 && parts_of_today.iter().any(|w| self.is_kw(k, w)) {
                return self.rel(k + 1, ctx.day_offset(0), later);
            }
            let unit = self.kw_in(k, REL_UNITS)?;
            let future = offset > 0 || (offset == 0 && later);
            return self.rel(k + 1, ctx.period(unit, offset), future);
        }
        self.ago(ctx, j)
    }

    /// "on Monday", "since Friday", and AP-style "said Monday"; a bare
    /// weekday next to a capitalised word is usually a name ("Good Friday
    /// Agreement", "Sunday Times") and is skipped.
    fn bare_weekday(&self, ctx: Ctx, j: usize, wd: Weekday, lead: Lead) -> Option<Outcome> {
        match (lead.prep, lead.chain, lead.modifier) {
            (Some(Prep::On | Prep::Since), false, None) => {}
            (None, false, None) => {
                let capital_before = j > 0
                    && matches!(
                        self.kind(j - 1),
                        Some(Kind::Word { capital: true } | Kind::Month { .. } | Kind::Weekday(_))
                    );
                let capital_after = matches!(
                    self.kind(j + 1),
                    Some(Kind::Word { capital: true } | Kind::Month { .. })
                );
                let generic = j > 0 && self.word_in(j - 1, WEEKDAY_BLOCKERS);
                if capital_before || capital_after || generic {
                    return None;
                }
            }
            _ => return None,
        }
        self.rel(j + 1, ctx.weekday(wd, false), false)
    }

    /// "two years ago", "a month ago", "3 weeks ago".
    fn ago(&self, ctx: Ctx, j: usize) -> Option<Outcome> {
        let n = match self.num(j) {
            Some(n) if !n.grouped && !n.glued && !n.ordinal && n.digits <= 2 && n.value > 0 => {
                i64::from(n.value)
            }
            Some(_) => return None,
            None => self.kw_in(j, NUMBER_WORDS)?,
        };
        let unit = self.kw_in(j + 1, AGO_UNITS)?;
        if !self.is_kw(j + 2, "ago") {
            return None;
        }
        let date = match unit {
            Unit::Day => ctx
                .day
                .and_then(|d| shift_days(d, -n))
                .map(|d| PartialDate::from_naive(d, Precision::Day)),
            Unit::Week => ctx
                .day
                .and_then(|d| shift_days(d, -7 * n))
                .map(|d| PartialDate::from_naive(d, Precision::Month)),
            Unit::Month => ctx
                .month
                .and_then(|m| add_months(ctx.year, m, -n))
                .and_then(|(y, m)| PartialDate::month(y, m)),
            Unit::Year => ctx.shifted_year(-n).map(PartialDate::year),
        };
        self.rel(j + 3, date, false)
    }

    fn rel(&self, end: usize, date: Option<PartialDate>, phrased_future: bool) -> Option<Outcome> {
        let date = date?;
        Some(Outcome::Emit {
            end,
            date,
            end_date: None,
            strength: Strength::Relative,
            future: phrased_future || self.after_pub(date),
        })
    }
}

fn build(year: i32, md: &Md) -> Option<PartialDate> {
    match md.day {
        Some(d) => PartialDate::day(year, md.month, d),
        None => PartialDate::month(year, md.month),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::IntoDeserializer;
    use serde::de::value::Error as ValueError;

    fn pd(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    /// In JSON a date is its text; in the cache's binary files its numbers, which read back
    /// as the same date at every precision, and an impossible date is refused, not made.
    #[test]
    fn dates_are_text_in_json_and_numbers_in_binary_files() {
        let config = bincode::config::standard();
        for text in ["2025", "2025-06", "2025-06-24", "0987-12-31", "2024-02-29"] {
            let d = pd(text);
            assert_eq!(serde_json::to_string(&d).unwrap(), format!("\"{text}\""));
            let bytes = bincode::serde::encode_to_vec(d, config).unwrap();
            assert!(bytes.len() <= 5, "{text}: {bytes:?}");
            let (back, _): (PartialDate, usize) =
                bincode::serde::decode_from_slice(&bytes, config).unwrap();
            assert_eq!(back, d);
        }
        for (y, m, d) in [(2023, 2, 29), (2025, 13, 0), (2025, 0, 5), (2025, 4, 31)] {
            let bytes = bincode::serde::encode_to_vec((y, m as u8, d as u8), config).unwrap();
            let back = bincode::serde::decode_from_slice::<PartialDate, _>(&bytes, config);
            assert!(back.is_err(), "{y}-{m}-{d} read as {back:?}");
        }
    }

    /// (span text, date, end date, strength, future) for compact assertions;
    /// spans are checked as the exact slice of the input at the offsets.
    fn run<'a>(
        text: &'a str,
        published: Option<&str>,
    ) -> Vec<(&'a str, String, Option<String>, Strength, bool)> {
        find_dates(text, published.map(pd))
            .into_iter()
            .map(|m| {
                (
                    &text[m.start..m.end],
                    m.date.to_string(),
                    m.end_date.map(|d| d.to_string()),
                    m.strength,
                    m.future,
                )
            })
            .collect()
    }

    fn one(
        text: &str,
        published: Option<&str>,
    ) -> (String, String, Option<String>, Strength, bool) {
        let found = run(text, published);
        assert_eq!(
            found.len(),
            1,
            "expected one mention in {text:?}, got {found:?}"
        );
        let (span, date, end, strength, future) = found[0].clone();
        (span.to_owned(), date, end, strength, future)
    }

    fn dates(text: &str, published: Option<&str>) -> Vec<String> {
        run(text, published).into_iter().map(|m| m.1).collect()
    }

    use Strength::{Explicit, Relative, WeakYear};

    // ---- PartialDate --------------------------------------------------------

    #[test]
    fn constructors_refuse_impossible_dates() {
        assert_eq!(PartialDate::year(2024).precision(), Precision::Year);
        assert_eq!(PartialDate::month(2024, 6), Some(pd("2024-06")));
        assert_eq!(PartialDate::month(2024, 13), None);
        assert_eq!(PartialDate::month(2024, 0), None);
        assert_eq!(PartialDate::day(2024, 2, 29), Some(pd("2024-02-29")));
        assert_eq!(PartialDate::day(2023, 2, 29), None);
        assert_eq!(PartialDate::day(2024, 4, 31), None);
        assert_eq!(PartialDate::day(2024, 2, 30), None);
        assert_eq!(PartialDate::day(2000, 2, 29).map(|d| d.day), Some(Some(29)));
        assert_eq!(PartialDate::day(1900, 2, 29), None);
    }

    #[test]
    fn parse_accepts_the_three_forms() {
        assert_eq!(PartialDate::parse("2024"), Ok(PartialDate::year(2024)));
        assert_eq!(
            PartialDate::parse("2024-06"),
            Ok(PartialDate {
                year: 2024,
                month: Some(6),
                day: None
            })
        );
        assert_eq!(
            PartialDate::parse("2024-06-26"),
            Ok(PartialDate {
                year: 2024,
                month: Some(6),
                day: Some(26)
            })
        );
        assert_eq!("2024-02-29".parse::<PartialDate>(), Ok(pd("2024-02-29")));
    }

    #[test]
    fn parse_rejects_malformed_and_impossible() {
        let format = |s: &str| Err(DateError::Format(s.to_owned()));
        let impossible = |s: &str| Err(DateError::Impossible(s.to_owned()));
        assert_eq!(PartialDate::parse("2024-13-45"), impossible("2024-13-45"));
        assert_eq!(PartialDate::parse("2023-02-29"), impossible("2023-02-29"));
        assert_eq!(PartialDate::parse("2024-13"), impossible("2024-13"));
        assert_eq!(PartialDate::parse("2024-00"), impossible("2024-00"));
        assert_eq!(PartialDate::parse("24-6"), format("24-6"));
        assert_eq!(PartialDate::parse("2024-6"), format("2024-6"));
        assert_eq!(PartialDate::parse("2024-06-26x"), format("2024-06-26x"));
        assert_eq!(PartialDate::parse("2024-06-26 "), format("2024-06-26 "));
        assert_eq!(PartialDate::parse(" 2024"), format(" 2024"));
        assert_eq!(PartialDate::parse("2024/06/26"), format("2024/06/26"));
        assert_eq!(PartialDate::parse(""), format(""));
        assert_eq!(PartialDate::parse("２０２４"), format("２０２４"));
        assert_eq!(
            PartialDate::parse("2024-13-45").unwrap_err().to_string(),
            "`2024-13-45` is not a real date"
        );
        assert_eq!(
            PartialDate::parse("24-6").unwrap_err().to_string(),
            "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got `24-6`"
        );
    }

    #[test]
    fn display_round_trips_through_parse() {
        for s in ["2024", "2024-06", "2024-06-26", "0999", "1900-01-01"] {
            assert_eq!(pd(s).to_string(), s);
        }
        assert_eq!(PartialDate::year(33).to_string(), "0033");
    }

    #[test]
    fn truncate_never_adds_precision() {
        let d = pd("2024-06-26");
        assert_eq!(d.truncate(Precision::Month), pd("2024-06"));
        assert_eq!(d.truncate(Precision::Year), pd("2024"));
        assert_eq!(d.truncate(Precision::Day), d);
        assert_eq!(pd("2024").truncate(Precision::Day), pd("2024"));
        assert_eq!(pd("2024-06").truncate(Precision::Day), pd("2024-06"));
        assert_eq!(pd("2024-06").precision(), Precision::Month);
        // A day without a month is not a day.
        let odd = PartialDate {
            year: 2024,
            month: None,
            day: Some(3),
        };
        assert_eq!(odd.precision(), Precision::Year);
        assert_eq!(odd.truncate(Precision::Day), PartialDate::year(2024));
    }

    #[test]
    fn contains_and_compatible() {
        let june = pd("2024-06");
        assert!(june.contains(&pd("2024-06-26")));
        assert!(june.contains(&june));
        assert!(!june.contains(&pd("2024-07-01")));
        assert!(!june.contains(&pd("2024")));
        assert!(pd("2024").contains(&pd("2024-12-31")));
        assert!(!pd("2024").contains(&pd("2025-01")));
        assert!(june.compatible(&pd("2024")));
        assert!(pd("2024").compatible(&june));
        assert!(pd("2024-06-26").compatible(&june));
        assert!(!pd("2024-06-26").compatible(&pd("2024-06-27")));
        assert!(!pd("2024-06").compatible(&pd("2023")));
    }

    #[test]
    fn first_and_last_day() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(pd("2024").first_day(), d(2024, 1, 1));
        assert_eq!(pd("2024").last_day(), d(2024, 12, 31));
        assert_eq!(pd("2024-02").last_day(), d(2024, 2, 29));
        assert_eq!(pd("2023-02").last_day(), d(2023, 2, 28));
        assert_eq!(pd("2024-06").first_day(), d(2024, 6, 1));
        assert_eq!(pd("2024-06").last_day(), d(2024, 6, 30));
        assert_eq!(pd("2024-06-26").first_day(), d(2024, 6, 26));
        assert_eq!(pd("2024-06-26").last_day(), d(2024, 6, 26));
        // Hand-built nonsense is clamped, not a panic.
        let bad = PartialDate {
            year: 2023,
            month: Some(14),
            day: Some(40),
        };
        assert_eq!(bad.first_day(), d(2023, 12, 31));
        assert_eq!(PartialDate::year(i32::MAX).last_day(), NaiveDate::MAX);
        assert_eq!(PartialDate::year(i32::MIN).first_day(), NaiveDate::MIN);
    }

    #[test]
    fn ordering_puts_coarse_before_fine() {
        assert!(pd("2024") < pd("2024-01"));
        assert!(pd("2024-01") < pd("2024-01-01"));
        assert!(pd("2024-06-30") < pd("2024-07"));
    }

    /// Serialises only strings and unit variants, which is all these types
    /// need; keeps the test free of a format crate.
    struct ToText;

    macro_rules! refuse {
        ($($name:ident($($ty:ty),*) -> $ret:ty;)*) => {
            $(fn $name(self, $(_: $ty),*) -> Result<$ret, ValueError> {
                Err(serde::ser::Error::custom("unsupported"))
            })*
        };
    }

    impl Serializer for ToText {
        type Ok = String;
        type Error = ValueError;
        type SerializeSeq = serde::ser::Impossible<String, ValueError>;
        type SerializeTuple = serde::ser::Impossible<String, ValueError>;
        type SerializeTupleStruct = serde::ser::Impossible<String, ValueError>;
        type SerializeTupleVariant = serde::ser::Impossible<String, ValueError>;
        type SerializeMap = serde::ser::Impossible<String, ValueError>;
        type SerializeStruct = serde::ser::Impossible<String, ValueError>;
        type SerializeStructVariant = serde::ser::Impossible<String, ValueError>;

        fn serialize_str(self, v: &str) -> Result<String, ValueError> {
            Ok(v.to_owned())
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
        ) -> Result<String, ValueError> {
            Ok(variant.to_owned())
        }
        refuse! {
            serialize_bool(bool) -> String;
            serialize_i8(i8) -> String;
            serialize_i16(i16) -> String;
            serialize_i32(i32) -> String;
            serialize_i64(i64) -> String;
            serialize_u8(u8) -> String;
            serialize_u16(u16) -> String;
            serialize_u32(u32) -> String;
            serialize_u64(u64) -> String;
            serialize_f32(f32) -> String;
            serialize_f64(f64) -> String;
            serialize_char(char) -> String;
            serialize_bytes(&[u8]) -> String;
            serialize_none() -> String;
            serialize_unit() -> String;
            serialize_unit_struct(&'static str) -> String;
            serialize_seq(Option<usize>) -> Self::SerializeSeq;
            serialize_tuple(usize) -> Self::SerializeTuple;
            serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct;
            serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant;
            serialize_map(Option<usize>) -> Self::SerializeMap;
            serialize_struct(&'static str, usize) -> Self::SerializeStruct;
            serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant;
        }
        fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<String, ValueError> {
            Err(serde::ser::Error::custom("unsupported"))
        }
        fn serialize_newtype_struct<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<String, ValueError> {
            Err(serde::ser::Error::custom("unsupported"))
        }
        fn serialize_newtype_variant<T: ?Sized + Serialize>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<String, ValueError> {
            Err(serde::ser::Error::custom("unsupported"))
        }
    }

    #[test]
    fn serde_round_trip() {
        for s in ["2024", "2024-06", "2024-06-26"] {
            let text = pd(s).serialize(ToText).unwrap();
            assert_eq!(text, s);
            let back: Result<PartialDate, ValueError> =
                PartialDate::deserialize(text.as_str().into_deserializer());
            assert_eq!(back.unwrap(), pd(s));
        }
        let bad: Result<PartialDate, ValueError> =
            PartialDate::deserialize("2023-02-29".into_deserializer());
        assert!(bad.unwrap_err().to_string().contains("not a real date"));
        assert_eq!(Precision::Month.serialize(ToText).unwrap(), "month");
        let p: Result<Precision, ValueError> = Precision::deserialize("day".into_deserializer());
        assert_eq!(p.unwrap(), Precision::Day);
        assert_eq!(Strength::WeakYear.serialize(ToText).unwrap(), "weak_year");
    }

    // ---- bare months --------------------------------------------------------

    #[test]
    fn bare_month_resolves_to_latest_not_after_publication() {
        let s = "Moroccan and Spanish police dismantled the cell in September.";
        let found = find_dates(s, Some(pd("2024-12-24")));
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end), (48, 60));
        assert_eq!(&s[48..60], "in September");
        assert_eq!(found[0].date, pd("2024-09"));
        assert_eq!(found[0].strength, Explicit);
        assert!(!found[0].future);
        assert_eq!(dates(s, Some("2025-04")), ["2024-09"]);
        assert_eq!(dates(s, Some("2024-09-01")), ["2024-09"]);
        assert_eq!(dates(s, Some("2024-08-31")), ["2023-09"]);
    }

    #[test]
    fn december_against_december_and_june_publication() {
        let s = "The joint exercise took place in December off the coast of Agadir.";
        assert_eq!(dates(s, Some("2024-12")), ["2024-12"]);
        assert_eq!(dates(s, Some("2024-12-01")), ["2024-12"]);
        assert_eq!(dates(s, Some("2024-06-30")), ["2023-12"]);
    }

    #[test]
    fn bare_month_with_year_only_or_no_publication() {
        let s = "Interpol officers visited Rabat in October.";
        assert_eq!(one(s, Some("2023")).1, "2023-10");
        assert!(run(s, None).is_empty());
        assert!(run("Talks resumed in October and November.", None).is_empty());
    }

    #[test]
    fn month_followed_by_event_noun() {
        let s = "The December visit of the French interior minister sealed the deal.";
        assert_eq!(
            one(s, Some("2025-01-10")),
            ("December".into(), "2024-12".into(), None, Explicit, false)
        );
        assert_eq!(
            one(
                "After the June meeting, both agencies agreed.",
                Some("2024-08")
            )
            .1,
            "2024-06"
        );
    }

    // ---- May and March ------------------------------------------------------

    #[test]
    fn may_is_a_month_only_with_evidence() {
        let s = "Officials may meet in May to review the border protocol.";
        assert_eq!(
            run(s, Some("2024-06-10")),
            [("in May", "2024-05".to_owned(), None, Explicit, false)]
        );
        assert!(
            run(
                "May officials from both countries attend?",
                Some("2024-06-10")
            )
            .is_empty()
        );
        assert!(
            run(
                "Former prime minister Theresa May said the pact holds.",
                Some("2024-06-10")
            )
            .is_empty()
        );
        assert_eq!(
            one(
                "The pact was signed on May 5 in Madrid.",
                Some("2024-06-10")
            )
            .1,
            "2024-05-05"
        );
        assert_eq!(
            one(
                "The pact was signed on 5 May 2023 in Madrid.",
                Some("2024-06-10")
            )
            .1,
            "2023-05-05"
        );
        assert_eq!(
            one("Cooperation has deepened since May 2019.", None).1,
            "2019-05"
        );
        assert_eq!(
            one("The review is due by May.", Some("2024-03")).1,
            "2023-05"
        );
    }

    #[test]
    fn march_needs_a_preposition_day_or_year() {
        assert!(run("March organisers condemned the arrests.", Some("2024-06")).is_empty());
        assert_eq!(
            one("The drill ran until March.", Some("2024-06")).0,
            "until March"
        );
        assert_eq!(
            one("The drill ran in mid-March.", Some("2024-06")),
            (
                "in mid-March".into(),
                "2024-03".into(),
                None,
                Explicit,
                false
            )
        );
        assert_eq!(one("The March 2024 summit in Dakar", None).1, "2024-03");
        assert_eq!(
            one("Early March saw new raids.", Some("2025-01")).1,
            "2024-03"
        );
    }

    #[test]
    fn abbreviated_months_need_a_number() {
        assert_eq!(
            one(
                "The Sept. 11 attacks changed everything.",
                Some("2021-09-20")
            )
            .0,
            "Sept. 11"
        );
        assert_eq!(
            one("The accord signed Jan. 5, 2024 covers drones.", None).1,
            "2024-01-05"
        );
        assert_eq!(
            one("Talks were held on Dec 3.", Some("2024-12-10")).1,
            "2024-12-03"
        );
        assert_eq!(one("Talks were held on 3 Feb 2025.", None).1, "2025-02-03");
        assert!(
            run(
                "Czech foreign minister Jan Lipavský met his Moroccan counterpart.",
                Some("2024-06")
            )
            .is_empty()
        );
        assert!(run("Officials met at Mar-a-Lago in Florida.", Some("2024-06")).is_empty());
        assert!(run("The deal was signed in Oct.", Some("2024-12")).is_empty());
    }

    #[test]
    fn lowercase_month_words_are_not_months() {
        assert!(run("the june bug and a march through the city", Some("2024-07")).is_empty());
    }

    // ---- month and day ------------------------------------------------------

    #[test]
    fn month_day_compares_at_day_level_when_possible() {
        let s = "The two navies held a joint patrol on April 14.";
        assert_eq!(
            one(s, Some("2025-04-10")),
            (
                "on April 14".into(),
                "2024-04-14".into(),
                None,
                Explicit,
                false
            )
        );
        assert_eq!(one(s, Some("2025-04-14")).1, "2025-04-14");
        assert_eq!(one(s, Some("2025-04-20")).1, "2025-04-14");
        assert_eq!(one(s, Some("2025-04")).1, "2025-04-14");
        assert_eq!(one(s, Some("2025-03")).1, "2024-04-14");
        assert_eq!(one(s, Some("2025")).1, "2025-04-14");
        assert!(run(s, None).is_empty());
    }

    #[test]
    fn day_first_without_year() {
        let s = "On 14 April, Spanish and Moroccan agents arrested 12 suspects.";
        assert_eq!(
            one(s, Some("2025-04-10")),
            (
                "On 14 April".into(),
                "2024-04-14".into(),
                None,
                Explicit,
                false
            )
        );
        assert_eq!(
            one("They met on the 14th of April.", Some("2025-05")).0,
            "14th of April"
        );
        assert_eq!(
            one("They met on the 14th of April.", Some("2025-05")).1,
            "2025-04-14"
        );
    }

    #[test]
    fn impossible_days_give_no_mention() {
        assert!(run("The exercise ended on June 31.", Some("2024-07-05")).is_empty());
        assert!(run("The exercise ended on 31 June 2024.", None).is_empty());
        assert!(run("The exercise ran June 26-31.", Some("2024-07-05")).is_empty());
        // A number that cannot be a day is a count: "June" stands alone.
        assert_eq!(
            one("In June 45 migrants drowned.", Some("2024-07-05")).0,
            "In June"
        );
    }

    // ---- ranges -------------------------------------------------------------

    #[test]
    fn month_first_day_ranges() {
        let p = Some("2024-07-01");
        let want = |span: &str| {
            (
                span.to_owned(),
                "2024-06-26".to_owned(),
                Some("2024-06-28".to_owned()),
                Explicit,
                false,
            )
        };
        assert_eq!(
            one("The summit was held June 26-28 in Rabat.", p),
            want("June 26-28")
        );
        assert_eq!(
            one("The summit was held June 26–28 in Rabat.", p),
            want("June 26–28")
        );
        assert_eq!(
            one("The summit was held June 26 to 28 in Rabat.", p),
            want("June 26 to 28")
        );
        assert_eq!(
            one("The summit was held between June 26 and 28.", p),
            want("between June 26 and 28")
        );
        assert_eq!(
            one("The summit was held June 26 - 28, 2024.", None),
            want("June 26 - 28, 2024")
        );
    }

    #[test]
    fn day_first_ranges() {
        let p = Some("2024-07-01");
        let want = |span: &str| {
            (
                span.to_owned(),
                "2024-06-26".to_owned(),
                Some("2024-06-28".to_owned()),
                Explicit,
                false,
            )
        };
        assert_eq!(
            one("Training took place 26-28 June in Kenitra.", p),
            want("26-28 June")
        );
        assert_eq!(
            one("Training took place 26 to 28 June in Kenitra.", p),
            want("26 to 28 June")
        );
        assert_eq!(
            one("Training took place between 26 and 28 June.", p),
            want("between 26 and 28 June")
        );
        assert_eq!(
            one("Experts met from 3 to 5 March 2025 in Tunis.", None),
            (
                "from 3 to 5 March 2025".into(),
                "2025-03-03".into(),
                Some("2025-03-05".into()),
                Explicit,
                false
            )
        );
    }

    #[test]
    fn ranges_across_month_and_year_ends() {
        assert_eq!(
            one(
                "The mission lasted from June 30 to July 2.",
                Some("2024-07-15")
            ),
            (
                "from June 30 to July 2".into(),
                "2024-06-30".into(),
                Some("2024-07-02".into()),
                Explicit,
                false
            )
        );
        assert_eq!(
            one("The mission lasted 30 June-2 July 2025.", None),
            (
                "30 June-2 July 2025".into(),
                "2025-06-30".into(),
                Some("2025-07-02".into()),
                Explicit,
                false
            )
        );
        assert_eq!(
            one(
                "Patrols ran from December 30 to January 2.",
                Some("2025-01-15")
            ),
            (
                "from December 30 to January 2".into(),
                "2024-12-30".into(),
                Some("2025-01-02".into()),
                Explicit,
                false
            )
        );
        assert_eq!(
            one("Patrols ran from 30 December to 2 January 2025.", None).1,
            "2024-12-30"
        );
        let m = find_dates(
            "Patrols ran from June 30 to July 2.",
            Some(pd("2024-06-20")),
        );
        assert_eq!(m[0].date, pd("2023-06-30"));
        assert_eq!(m[0].end_date, Some(pd("2023-07-02")));
    }

    #[test]
    fn month_ranges() {
        assert_eq!(
            one(
                "Operation Sentinel ran from mid-April to late May.",
                Some("2025-06-25")
            ),
            (
                "from mid-April to late May".into(),
                "2025-04".into(),
                Some("2025-05".into()),
                Explicit,
                false
            )
        );
        assert_eq!(
            one("The programme ran from June to August 2024.", None),
            (
                "from June to August 2024".into(),
                "2024-06".into(),
                Some("2024-08".into()),
                Explicit,
                false
            )
        );
        assert_eq!(
            one("Inspections ran between March and May.", Some("2024-07")),
            (
                "between March and May".into(),
                "2024-03".into(),
                Some("2024-05".into()),
                Explicit,
                false
            )
        );
        assert_eq!(
            one(
                "The winter deployment, November-February 2025, ended.",
                None
            )
            .2,
            Some("2025-02".into())
        );
    }

    // ---- leap years ---------------------------------------------------------

    #[test]
    fn leap_days() {
        assert_eq!(
            one("It was signed on February 29, 2024.", None).1,
            "2024-02-29"
        );
        assert!(run("It was signed on February 29, 2023.", None).is_empty());
        assert!(run("It was signed on 2023-02-29.", None).is_empty());
        assert_eq!(one("It was signed on 2024-02-29.", None).1, "2024-02-29");
        // The latest 29 February not after publication.
        assert_eq!(
            one("It was signed on 29 February.", Some("2025-03-10")).1,
            "2024-02-29"
        );
        assert_eq!(
            one("It was signed on 29 February.", Some("2024-03-10")).1,
            "2024-02-29"
        );
        assert_eq!(
            one("It was signed on 29 February.", Some("2024-02-28")).1,
            "2020-02-29"
        );
        assert_eq!(
            one("It was signed yesterday.", Some("2024-03-01")).1,
            "2024-02-29"
        );
    }

    // ---- full dates ---------------------------------------------------------

    #[test]
    fn full_dates_in_many_spellings() {
        let p = Some("2025-06-30");
        for (s, span) in [
            (
                "The accord was signed June 24, 2025 in Rabat.",
                "June 24, 2025",
            ),
            (
                "The accord was signed on Tuesday, June 24, 2025.",
                "on Tuesday, June 24, 2025",
            ),
            (
                "The accord was signed 24 June 2025 in Rabat.",
                "24 June 2025",
            ),
            (
                "The accord was signed on 24 June, 2025.",
                "on 24 June, 2025",
            ),
            ("The accord was signed on 2025-06-24.", "on 2025-06-24"),
            ("The accord was signed on 24/06/2025.", "on 24/06/2025"),
            ("The accord was signed on 24.06.2025.", "on 24.06.2025"),
            (
                "The accord was signed Tuesday 24 June 2025.",
                "Tuesday 24 June 2025",
            ),
            ("The accord was signed June 24th, 2025.", "June 24th, 2025"),
        ] {
            assert_eq!(
                one(s, p),
                (span.into(), "2025-06-24".into(), None, Explicit, false),
                "{s}"
            );
            assert_eq!(one(s, None).1, "2025-06-24", "{s}");
        }
    }

    #[test]
    fn wrong_weekday_is_ignored() {
        let s = "The ministers met on Monday, June 24, 2025 in Madrid.";
        assert_eq!(one(s, Some("2025-07-01")).0, "on Monday, June 24, 2025");
        assert_eq!(one(s, Some("2025-07-01")).1, "2025-06-24");
    }

    #[test]
    fn weekday_prefixed_date_without_year() {
        assert_eq!(
            one("Police struck on Tuesday, June 24.", Some("2025-06-26")),
            (
                "on Tuesday, June 24".into(),
                "2025-06-24".into(),
                None,
                Explicit,
                false
            )
        );
        assert!(run("Police struck on Tuesday, June 24.", None).is_empty());
    }

    #[test]
    fn numeric_dates_reject_impossible_and_ambiguous() {
        assert!(run("Report 2024-13-45 was leaked.", None).is_empty());
        assert!(run("It happened on 06/24/2025.", None).is_empty());
        assert!(run("It happened on 31/04/2025.", None).is_empty());
        assert_eq!(one("It happened on 05/06/2025.", None).1, "2025-06-05");
        assert!(run("Case 12/05/2025/3 was closed.", None).is_empty());
        assert!(run("Code 2025-06-24X was closed.", None).is_empty());
        assert_eq!(
            one("Logged at 2025-06-24T10:00Z by the duty officer.", None),
            (
                "2025-06-24".into(),
                "2025-06-24".into(),
                None,
                Explicit,
                false
            )
        );
        assert!(run("It happened on 1850-06-24.", None).is_empty());
    }

    // ---- month and year -----------------------------------------------------

    #[test]
    fn month_and_year() {
        for (s, span) in [
            (
                "The agency opened an office in April 2022.",
                "in April 2022",
            ),
            (
                "The agency opened an office in April of 2022.",
                "in April of 2022",
            ),
            (
                "The agency opened an office April, 2022, in Dakar.",
                "April, 2022",
            ),
        ] {
            assert_eq!(
                one(s, None),
                (span.into(), "2022-04".into(), None, Explicit, false),
                "{s}"
            );
        }
        assert!(one("Work began in April 2026.", Some("2025-10-01")).4);
    }

    #[test]
    fn month_with_relative_year() {
        assert_eq!(
            one("Raids began in March this year.", Some("2025-06-02")).1,
            "2025-03"
        );
        assert_eq!(
            one("Raids began in May of last year.", Some("2025-06-02")).1,
            "2024-05"
        );
        assert_eq!(
            one("Raids begin in May next year.", Some("2025-06-02")),
            (
                "in May next year".into(),
                "2026-05".into(),
                None,
                Explicit,
                true
            )
        );
        assert!(run("Raids began in March this year.", None).is_empty());
    }

    #[test]
    fn last_next_this_month_names() {
        assert_eq!(
            one("Arrests followed last December.", Some("2024-12-24")).1,
            "2023-12"
        );
        assert_eq!(
            one("Arrests followed last September.", Some("2024-12-24")).1,
            "2024-09"
        );
        assert_eq!(
            one("A new round starts next March.", Some("2024-12-24")),
            ("next March".into(), "2025-03".into(), None, Explicit, true)
        );
        assert_eq!(
            one("A new round starts this September.", Some("2024-06-24")),
            (
                "this September".into(),
                "2024-09".into(),
                None,
                Explicit,
                true
            )
        );
    }

    // ---- years --------------------------------------------------------------

    #[test]
    fn years_with_time_prepositions_are_explicit() {
        let p = Some("2024-12-24");
        assert_eq!(
            one("The unit was created in 2023.", p),
            ("in 2023".into(), "2023".into(), None, Explicit, false)
        );
        assert_eq!(
            one("They have cooperated since 2019.", p),
            ("since 2019".into(), "2019".into(), None, Explicit, false)
        );
        assert_eq!(one("Raids increased during 2022.", p).0, "during 2022");
        assert_eq!(
            one("The goal is to train 500 judges by 2030.", p),
            ("by 2030".into(), "2030".into(), None, Explicit, true)
        );
        assert_eq!(one("The accord runs until 2026.", p).3, Explicit);
        assert_eq!(one("In 2023, the two services merged.", p).0, "In 2023");
        assert_eq!(one("The unit was created in 2023.", None).3, Explicit);
        assert_eq!(one("Arrests peaked in early 2024.", p).0, "in early 2024");
        assert_eq!(one("Arrests peaked in mid-2024.", p).0, "in mid-2024");
        assert_eq!(
            one("The deal ends by the end of 2025.", p),
            (
                "by the end of 2025".into(),
                "2025".into(),
                None,
                Explicit,
                true
            )
        );
    }

    #[test]
    fn future_flag_compares_at_coarser_precision() {
        assert!(one("Elections are expected in 2025.", Some("2024-12-24")).4);
        assert!(!one("Cooperation grew in 2024.", Some("2024-12-24")).4);
        assert!(one("The centre opens in January 2025.", Some("2024-12")).4);
        assert!(!one("The centre opened in December 2024.", Some("2024-12-24")).4);
        assert!(one("The centre opens on 2024-12-25.", Some("2024-12-24")).4);
        assert!(!one("The centre opens on 2024-12-25.", Some("2024-12")).4);
        assert!(!one("The centre opens in 2025.", None).4);
    }

    #[test]
    fn year_ranges_are_plan_periods() {
        let p = Some("2024-12-24");
        assert!(run("The 2025-2026 action plan was adopted.", p).is_empty());
        assert!(run("The 2025–2029 roadmap was adopted.", p).is_empty());
        assert!(run("A budget for 2025-2026 was approved.", p).is_empty());
        assert!(run("A budget in 2025-2026 was approved.", p).is_empty());
        assert!(run("The 2024/25 programme and the 2019-20 season", p).is_empty());
    }

    #[test]
    fn from_to_years_is_a_range() {
        assert_eq!(
            one("Seizures rose from 2019 to 2023.", None),
            (
                "from 2019 to 2023".into(),
                "2019".into(),
                Some("2023".into()),
                Explicit,
                false
            )
        );
    }

    #[test]
    fn weak_years_label_things() {
        let p = Some("2024-12-24");
        assert_eq!(
            run(
                "Security for the 2022 FIFA World Cup and Euro 2024 was shared.",
                p
            ),
            [
                ("2022", "2022".to_owned(), None, WeakYear, false),
                ("2024", "2024".to_owned(), None, WeakYear, false),
            ]
        );
        assert_eq!(
            one(
                "French police helped secure the Paris-2024 Olympic Games.",
                p
            ),
            ("2024".into(), "2024".into(), None, WeakYear, false)
        );
        assert_eq!(
            one("They signed a 2023 counterterrorism agreement.", p).3,
            WeakYear
        );
        assert_eq!(
            one("Morocco will co-host the 2030 World Cup.", p),
            ("2030".into(), "2030".into(), None, WeakYear, true)
        );
        assert_eq!(
            one("In the 2022 World Cup, Qatar relied on Turkish police.", p).0,
            "2022"
        );
    }

    #[test]
    fn numbers_that_are_not_years() {
        let p = Some("2024-12-24");
        for s in [
            "Spain expelled 12 Moroccan agents.",
            "Police recorded 12,614 cybercrimes last quarter.",
            "It marked the 93rd session of the committee.",
            "The 10th-anniversary meeting drew 1,200 officers.",
            "Some 2000 officers and 1500 police were deployed.",
            "The ministry sent 2000 police to the border.",
            "The talks were held in Room 2023.",
            "Security Council Resolution 2023 was adopted.",
            "The fine was $2000 and 2.5 tonnes were seized.",
            "The G20 and COP28 summits and 300km of border.",
            "Fortresses built in 1850 and plans for 2150.",
            "The convoy had 2045 vehicles.",
            "A 2000-strong force and a 1950-page report.",
        ] {
            assert!(run(s, p).is_empty(), "{s}: {:?}", run(s, p));
        }
    }

    // ---- relative expressions -----------------------------------------------

    #[test]
    fn last_week_depends_on_publication_precision() {
        let s = "Last week, the two interior ministers met in Rabat.";
        assert_eq!(
            one(s, Some("2025-04-03")),
            ("Last week".into(), "2025-03".into(), None, Relative, false)
        );
        assert_eq!(one(s, Some("2025-04-20")).1, "2025-04");
        assert_eq!(one(s, Some("2025-04")).1, "2025-04");
        assert_eq!(one(s, Some("2025")).1, "2025");
        assert!(run(s, None).is_empty());
    }

    #[test]
    fn this_week_and_this_month() {
        let p = Some("2025-04-03");
        assert_eq!(one("Officials met this week in Madrid.", p).1, "2025-04");
        assert_eq!(one("Officials met this month in Madrid.", p).1, "2025-04");
        assert_eq!(
            one("Officials met earlier this month in Madrid.", p),
            (
                "earlier this month".into(),
                "2025-04".into(),
                None,
                Relative,
                false
            )
        );
        assert_eq!(
            one("Officials met earlier this month in Madrid.", Some("2025")).1,
            "2025"
        );
    }

    #[test]
    fn last_month_and_years() {
        assert_eq!(
            one("The cell was dismantled last month.", Some("2025-01-15")).1,
            "2024-12"
        );
        assert_eq!(
            one("The cell was dismantled last month.", Some("2025-03")).1,
            "2025-02"
        );
        assert_eq!(
            one("The cell was dismantled last year.", Some("2025-01-15")),
            ("last year".into(), "2024".into(), None, Relative, false)
        );
        assert_eq!(
            one("Arrests doubled this year.", Some("2025-01-15")).1,
            "2025"
        );
        assert_eq!(
            one("Arrests doubled earlier this year.", Some("2025-06")).0,
            "earlier this year"
        );
        assert_eq!(
            one("Arrests doubled late last year.", Some("2025-06")).0,
            "late last year"
        );
        assert_eq!(
            one("Arrests doubled late last year.", Some("2025-06")).1,
            "2024"
        );
        assert!(run("The cell was dismantled last year.", None).is_empty());
    }

    #[test]
    fn yesterday_and_today() {
        assert_eq!(
            one(
                "Border guards intercepted 40 migrants yesterday.",
                Some("2025-01-01")
            ),
            (
                "yesterday".into(),
                "2024-12-31".into(),
                None,
                Relative,
                false
            )
        );
        assert!(
            run(
                "Border guards intercepted 40 migrants yesterday.",
                Some("2025-01")
            )
            .is_empty()
        );
        assert_eq!(
            one("Today the ministers sign the accord.", Some("2025-01-01")).1,
            "2025-01-01"
        );
        assert_eq!(
            one("Today the ministers sign the accord.", Some("2025-01")).1,
            "2025-01"
        );
        assert!(
            run(
                "According to Morocco Today, the accord holds.",
                Some("2025-01-01")
            )
            .is_empty()
        );
        assert_eq!(
            one("The delegation arrives tomorrow.", Some("2025-01-31")),
            ("tomorrow".into(), "2025-02-01".into(), None, Relative, true)
        );
    }

    #[test]
    fn weekdays_resolve_to_the_previous_one() {
        // 2025-06-25 is a Wednesday.
        let s = "The suspects were arrested on Monday in Tangier.";
        assert_eq!(
            one(s, Some("2025-06-25")),
            (
                "on Monday".into(),
                "2025-06-23".into(),
                None,
                Relative,
                false
            )
        );
        // Published on a Monday: the Monday before.
        assert_eq!(one(s, Some("2025-06-23")).1, "2025-06-16");
        assert!(run(s, Some("2025-06")).is_empty());
        assert!(run(s, None).is_empty());
        assert_eq!(
            one("They were freed last Friday.", Some("2025-06-25")).1,
            "2025-06-20"
        );
        assert_eq!(
            one(
                "Minister Bourita said Monday the talks went well.",
                Some("2025-06-25")
            )
            .0,
            "Monday"
        );
        assert_eq!(
            one("Talks resume next Monday.", Some("2025-06-25")),
            (
                "next Monday".into(),
                "2025-06-30".into(),
                None,
                Relative,
                true
            )
        );
    }

    #[test]
    fn weekday_names_inside_names_are_ignored() {
        let p = Some("2025-06-25");
        assert!(run("The Good Friday Agreement was cited.", p).is_empty());
        assert!(run("He told the Sunday Times about it.", p).is_empty());
        assert!(run("Police patrol the market every Friday.", p).is_empty());
    }

    #[test]
    fn forward_looking_relatives() {
        let p = Some("2025-06-25");
        assert_eq!(
            one("Experts will meet next week.", p),
            ("next week".into(), "2025-07".into(), None, Relative, true)
        );
        assert_eq!(
            one("Experts will meet next week.", Some("2025-06-10")).1,
            "2025-06"
        );
        assert_eq!(
            one("Experts will meet next month.", Some("2025-12-10")),
            ("next month".into(), "2026-01".into(), None, Relative, true)
        );
        assert_eq!(
            one("Experts will meet next year.", p),
            ("next year".into(), "2026".into(), None, Relative, true)
        );
        assert_eq!(
            one("Experts will meet later this year.", p),
            (
                "later this year".into(),
                "2025".into(),
                None,
                Relative,
                true
            )
        );
        assert!(run("Experts will meet next year.", None).is_empty());
    }

    #[test]
    fn durations_are_not_dates() {
        let p = Some("2025-06-25");
        assert!(run("Over the last year, seizures doubled.", p).is_empty());
        assert!(run("Over the next year, patrols will double.", p).is_empty());
        assert!(run("It was the last week of the mission.", p).is_empty());
    }

    #[test]
    fn ago_expressions() {
        let p = Some("2025-06-25");
        assert_eq!(
            one("The cell was formed two years ago.", p),
            ("two years ago".into(), "2023".into(), None, Relative, false)
        );
        assert_eq!(one("The cell was formed 3 months ago.", p).1, "2025-03");
        assert_eq!(one("The cell was formed a week ago.", p).1, "2025-06");
        assert_eq!(one("The cell was formed ten days ago.", p).1, "2025-06-15");
        assert!(run("The cell was formed ten days ago.", Some("2025-06")).is_empty());
    }

    // ---- overlap, offsets, order ---------------------------------------------

    #[test]
    fn longest_expression_wins() {
        let s = "Tuesday, June 24, 2025 was chosen.";
        let m = find_dates(s, Some(pd("2025-07-01")));
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].start, m[0].end), (0, 22));
        assert_eq!(m[0].date, pd("2025-06-24"));
        assert_eq!(one("It opened in April 2022.", None).0, "in April 2022");
    }

    #[test]
    fn several_mentions_sorted_and_disjoint() {
        let s = "After the 2019 accord, joint patrols began in March 2021 and resumed last week, June 26-28.";
        let found = run(s, Some("2025-07-02"));
        assert_eq!(
            found,
            [
                ("2019", "2019".to_owned(), None, WeakYear, false),
                ("in March 2021", "2021-03".to_owned(), None, Explicit, false),
                ("last week", "2025-06".to_owned(), None, Relative, false),
                (
                    "June 26-28",
                    "2025-06-26".to_owned(),
                    Some("2025-06-28".to_owned()),
                    Explicit,
                    false
                ),
            ]
        );
        let m = find_dates(s, Some(pd("2025-07-02")));
        assert!(m.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn offsets_are_bytes_in_multibyte_text() {
        let s = "L’équipe d’Interpol’s «Opération Néo» s’est réunie le 26 juin — on June 26, 2024 à Salé.";
        let m = find_dates(s, None);
        assert_eq!(m.len(), 1);
        let start = s.find("on June").unwrap();
        assert_eq!(
            (m[0].start, m[0].end),
            (start, start + "on June 26, 2024".len())
        );
        assert_eq!(&s[m[0].start..m[0].end], "on June 26, 2024");
        assert_eq!(m[0].date, pd("2024-06-26"));
        let t = "Morocco’s DGSN said “Last week” that é-2023 and ’2022’ mattered.";
        let found = run(t, Some("2025-03-12"));
        assert_eq!(found[0].0, "Last week");
        assert_eq!(found[0].1, "2025-03");
        for m in find_dates(t, Some(pd("2025-03-12"))) {
            assert!(t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
        }
    }

    #[test]
    fn texts_without_dates() {
        assert!(find_dates("", Some(pd("2025-01-01"))).is_empty());
        assert!(
            find_dates(
                "The ministers discussed migration and terrorism.",
                Some(pd("2025-01-01"))
            )
            .is_empty()
        );
        assert!(find_dates("— … ’ « »", None).is_empty());
    }

    #[test]
    fn odd_publication_dates_do_not_panic() {
        let s = "Talks held last week, on Monday, yesterday, in September and next year.";
        let bad = PartialDate {
            year: 2024,
            month: Some(13),
            day: Some(40),
        };
        assert_eq!(
            find_dates(s, Some(bad)).first().map(|m| m.date),
            Some(pd("2024"))
        );
        for year in [i32::MIN, i32::MAX, -262_144, 262_143] {
            let _ = find_dates(s, Some(PartialDate::year(year)));
            let _ = find_dates(
                s,
                Some(PartialDate {
                    year,
                    month: Some(1),
                    day: Some(1),
                }),
            );
        }
    }
}
