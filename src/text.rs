//! Text preparation before extraction: a normalised copy of the body that remembers where
//! each byte came from, page boilerplate removal, headings, and sentence splitting.

use std::sync::LazyLock;

use regex::Regex;

/// The body with quotes, dashes and spaces normalised to ASCII, plus where each replaced
/// character came from, so that every fact found in the normalised text can point back into
/// the body as it was written. Only replacements are recorded: most text maps one to one.
#[derive(Clone, Debug)]
pub struct Normalized {
    pub text: String,
    /// (normalised start, normalised length, original start, original length), in order.
    changes: Vec<(u32, u32, u32, u32)>,
    original_len: usize,
}

impl Normalized {
    pub fn new(body: &str) -> Normalized {
        let mut text = String::with_capacity(body.len());
        let mut changes = Vec::new();
        let mut copied = 0;
        for (i, c) in body.char_indices() {
            if c.is_ascii() {
                continue;
            }
            let replacement: Option<&str> = match c {
                '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => {
                    Some("'")
                }
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
                | '\u{00BB}' => Some("\""),
                '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
                | '\u{2212}' => Some("-"),
                '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                    Some(" ")
                }
                '\u{2026}' => Some("..."),
                _ => None,
            };
            if let Some(r) = replacement {
                text.push_str(&body[copied..i]);
                changes.push((
                    text.len() as u32,
                    r.len() as u32,
                    i as u32,
                    c.len_utf8() as u32,
                ));
                text.push_str(r);
                copied = i + c.len_utf8();
            }
        }
        text.push_str(&body[copied..]);
        Normalized {
            text,
            changes,
            original_len: body.len(),
        }
    }

    /// The original offset of normalised offset `p`; inside a replacement, its start (or its
    /// end, for the end of a range).
    fn map(&self, p: usize, is_end: bool) -> usize {
        let p32 = p as u32;
        let idx = self.changes.partition_point(|c| c.0 <= p32);
        if idx == 0 {
            return p.min(self.original_len);
        }
        let (ns, nl, os, ol) = self.changes[idx - 1];
        let out = if p32 < ns + nl {
            if is_end && p32 > ns { os + ol } else { os }
        } else {
            p32 - (ns + nl) + (os + ol)
        };
        (out as usize).min(self.original_len)
    }

    /// Maps a half-open range of the normalised text back to the original body.
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        if start >= end {
            let p = self.map(start, false);
            return (p, p);
        }
        (self.map(start, false), self.map(end, true))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    /// A short line without final punctuation: a section title ("Spain", "Security
    /// Cooperation with Key Countries"). It opens a new section and is not a sentence.
    Heading,
}

/// One line of the body that survived cleaning, as a range of the normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

static TIMED_HEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[-*\u{2022}\u{00B7}]?\s*\d{1,2}[:h]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*\S").unwrap()
});
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            follow\s+us\b | share\s+(?:this|on|via)\b | subscribe\b | sign\s+up\b
          | read\s+(?:more|also|next)\b | related(?:\s+(?:articles?|posts?|news|stories))?\s*:?\s*$
          | tags?\s*: | advertisement\s*$ | sponsored\b
          | comments?\s*(?:\(\d+\))?\s*$ | \d+\s+comments?\s*$ | leave\s+a\s+(?:comment|reply)\b
          | (?:we|this\s+(?:web)?site|our\s+site)\s+uses?\s+cookies | accept\s+(?:all\s+)?cookies
          | cookie\s+(?:policy|settings|preferences) | manage\s+cookies
          | print\s*$ | e-?mail\s*$ | share\s*$ | copyright\b | \u{00A9} | all\s+rights\s+reserved
          | click\s+here\b | download\s+(?:our|the)\s+app\b
          | (?:facebook|twitter|x|linkedin|whatsapp|telegram|instagram|youtube)\s*$
          | (?:photo|image|video|credit|picture)s?\s*: | source\s*:\s*\S+\s*$
        )",
    )
    .unwrap()
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:About|By|BY|Written\s+by|Author:?|Posted\s+by|Reported\s+by|Edited\s+by)\s+\p{Lu}[\p{L}.'-]*(?:\s+[\p{L}.'-]+){0,3}\s*$",
    )
    .unwrap()
});

/// True for page furniture that is not part of the story: headline lists with times,
/// "Follow us on ...", comment counters, cookie and share lines, author bylines, and the
/// outlet's own dateline ("Fes News - Rabat").
pub fn is_boilerplate(line: &str, outlet: Option<&str>) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return true;
    }
    // Page furniture is short; a long line is the story (and is not worth the regexes).
    if t.len() > 160 {
        return false;
    }
    if TIMED_HEADLINE.is_match(t) || BOILERPLATE.is_match(t) || BYLINE.is_match(t) {
        return true;
    }
    if let Some(outlet) = outlet {
        let o = outlet.trim();
        if !o.is_empty()
            && t.len() >= o.len()
            && t.is_char_boundary(o.len())
            && t[..o.len()].eq_ignore_ascii_case(o)
            && t.split_whitespace().count() <= o.split_whitespace().count() + 4
            && !ends_like_sentence(t)
        {
            return true;
        }
    }
    false
}

fn ends_like_sentence(t: &str) -> bool {
    t.ends_with(['.', '!', '?', '"', '\'', ')'])
}

/// Splits the normalised body into paragraphs and headings, dropping boilerplate.
pub fn blocks(text: &str, outlet: Option<&str>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split('\n') {
        let start = pos;
        pos += line.len() + 1;
        if is_boilerplate(line, outlet) {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let (s, e) = (start + lead, start + line.trim_end().len());
        let t = line.trim();
        let words = t.split_whitespace().count();
        let heading = (!ends_like_sentence(t) && words <= 14) || (t.ends_with(':') && words <= 12);
        out.push(Block {
            kind: if heading {
                BlockKind::Heading
            } else {
                BlockKind::Paragraph
            },
            start: s,
            end: e,
        });
    }
    out
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mme", "Mmes", "Messrs", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt",
    "Cpt", "Sgt", "Cpl", "Adm", "Brig", "Cmdr", "Cdr", "Gov", "Sen", "Rep", "Pres", "Supt", "Insp",
    "Insp", "Det", "Const", "Amb", "St", "Jr", "Sr", "No", "Nos", "Vol", "Art", "Fig", "Inc",
    "Ltd", "Co", "Corp", "vs", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec", "Dept", "Mt", "Ft", "approx", "Hon", "Rt", "Excl", "Gov't",
];

/// Splits `text[start..end]` into sentences, returned as trimmed byte ranges of `text`.
///
/// A sentence ends at `.`, `!` or `?` (after any closing quotes or brackets) followed by a
/// space and a capital, a digit or an opening quote, unless the full stop closes a title or
/// abbreviation ("Mr.", "Gen."), an initial ("J.") or a dotted acronym ("U.S.").
pub fn sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let slice = &text[start..end];
    let bytes = slice.as_bytes();
    let mut out = Vec::new();
    let mut sent_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
                j += 1;
            }
            let space_end = {
                let mut k = j;
                while k < bytes.len() && bytes[k] == b' ' {
                    k += 1;
                }
                k
            };
            let at_end = space_end >= bytes.len();
            let boundary = if at_end {
                true
            } else if space_end == j {
                false
            } else {
                let next = slice[space_end..].chars().next().unwrap_or(' ');
                let starts_ok = next.is_uppercase()
                    || next.is_ascii_digit()
                    || matches!(next, '"' | '\'' | '(' | '[');
                starts_ok && (b != b'.' || !is_abbreviation(&slice[..i]))
            };
            if boundary {
                push_trimmed(&mut out, slice, sent_start, j, start);
                sent_start = j;
                i = j;
                continue;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(&mut out, slice, sent_start, bytes.len(), start);
    out
}

fn push_trimmed(out: &mut Vec<(usize, usize)>, slice: &str, s: usize, e: usize, base: usize) {
    let piece = &slice[s..e];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push((base + s + lead, base + s + lead + trimmed.len()));
    }
}

/// Whether the word just before a full stop makes it a non-final one.
fn is_abbreviation(before: &str) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '\''))
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // Initials ("J. Smith") and dotted acronyms ("U.S.", "U.N.").
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    if word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4 {
        return true;
    }
    ABBREVIATIONS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s, 0, s.len())
            .into_iter()
            .map(|(a, b)| &s[a..b])
            .collect()
    }

    #[test]
    fn normalises_and_maps_back() {
        let body = "Spain\u{2019}s \u{201C}exceptional\u{201D} ties \u{2013} Rabat\u{2026}";
        let n = Normalized::new(body);
        assert_eq!(n.text, "Spain's \"exceptional\" ties - Rabat...");
        let at = n.text.find("exceptional").unwrap();
        let (s, e) = n.original(at - 1, at + "exceptional".len() + 1);
        assert_eq!(&body[s..e], "\u{201C}exceptional\u{201D}");
        let (s, e) = n.original(0, n.text.len());
        assert_eq!(&body[s..e], body);
    }

    #[test]
    fn sentences_survive_titles_initials_and_acronyms() {
        let s = "The deal was signed by Mr. John Smith and Gen. A. B. Carter in the U.S. capital. \
                 Talks resumed on Monday! \"It was useful,\" he said. Was it? Yes.";
        assert_eq!(
            split(s),
            [
                "The deal was signed by Mr. John Smith and Gen. A. B. Carter in the U.S. capital.",
                "Talks resumed on Monday!",
                "\"It was useful,\" he said.",
                "Was it?",
                "Yes."
            ]
        );
    }

    #[test]
    fn no_split_inside_urls_numbers_or_lowercase_continuations() {
        let s = "The site www.e-blagh.ma logged 12.5 percent more reports. vs. last year it rose.";
        assert_eq!(split(s).len(), 1, "{:?}", split(s));
    }

    #[test]
    fn multi_byte_spaces_before_a_full_stop() {
        // U+2028 is white space of three bytes: the word before "." starts after all of it.
        let s = "The chief\u{2028}met. Then left.";
        assert_eq!(split(s), ["The chief\u{2028}met.", "Then left."]);
    }

    #[test]
    fn sentence_ranges_are_offsets_of_the_text() {
        let s = "Intro line\nFirst one. Second one.";
        let start = s.find('F').unwrap();
        let r = sentences(s, start, s.len());
        assert_eq!(&s[r[1].0..r[1].1], "Second one.");
    }

    #[test]
    fn boilerplate_lines() {
        for l in [
            "- 16:35PSOE confident in gaining support",
            "09:12 Minister resigns",
            "Follow us on Facebook",
            "Comments (0)",
            "About Mansouri abdelkader",
            "By Jane Doe",
            "Share this article",
            "We use cookies to improve your experience",
            "Tags: security, police",
        ] {
            assert!(is_boilerplate(l, None), "{l}");
        }
        assert!(is_boilerplate("Fes News - Rabat", Some("Fes News")));
        for l in [
            "About 300 officers took part in the exercise.",
            "By the end of the visit, both sides signed a memorandum.",
            "Spain",
            "The two ministers met in Madrid.",
        ] {
            assert!(!is_boilerplate(l, None), "{l}");
        }
    }

    #[test]
    fn headings_and_paragraphs() {
        let t = "Security Cooperation with Key Countries\nSpain\nThe ministers met in Madrid on Monday.\nComments (0)\nPolice Training Initiatives:";
        let b = blocks(t, None);
        let kinds: Vec<_> = b.iter().map(|b| (b.kind, &t[b.start..b.end])).collect();
        assert_eq!(
            kinds,
            [
                (
                    BlockKind::Heading,
                    "Security Cooperation with Key Countries"
                ),
                (BlockKind::Heading, "Spain"),
                (
                    BlockKind::Paragraph,
                    "The ministers met in Madrid on Monday."
                ),
                (BlockKind::Heading, "Police Training Initiatives:"),
            ]
        );
    }
}
