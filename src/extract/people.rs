//! Tokens, title phrases and officials in one sentence.
//!
//! News names officials in a handful of shapes, and all of them are handled by the same two
//! pieces: a *title phrase* ("Deputy Minister of the Interior", "Director General of the
//! French National Police (DGPN)", "head of Spain's Center for ... (CITCO)") and a *name run*
//! (capitalised words that are neither title vocabulary nor gazetteer entries). A name then
//! takes the title that touches it: right before it ("Spanish Interior Minister Fernando
//! Grande-Marlaska"), right after a comma ("Eric Snoeck, Commissioner General of ..."), or
//! right before a comma ("France's Director General of Internal Security, Nicolas Lerner").

use crate::gazetteer::{EntityRef, Gazetteer, Mention, Via};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    /// The possessive "'s" (or the lone apostrophe of "Kingdoms'").
    Possessive,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

/// Splits a sentence into words (letters and digits, with inner hyphens and apostrophes),
/// possessive markers and single punctuation characters.
pub fn tokenize(s: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(s.len() / 5);
    let char_at = |i: usize| s[i..].chars().next();
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let pos = i;
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + c.len_utf8();
            while let Some(cj) = char_at(j) {
                if cj.is_alphanumeric() {
                    j += cj.len_utf8();
                } else if (cj == '-' || cj == '\'')
                    && char_at(j + 1).is_some_and(char::is_alphanumeric)
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let word = &s[pos..j];
            // Split a possessive "'s" off the word it belongs to.
            if word.len() > 2 && (word.ends_with("'s") || word.ends_with("'S")) {
                out.push(Tok {
                    start: pos,
                    end: j - 2,
                    kind: TokKind::Word,
                });
                out.push(Tok {
                    start: j - 2,
                    end: j,
                    kind: TokKind::Possessive,
                });
            } else {
                out.push(Tok {
                    start: pos,
                    end: j,
                    kind: TokKind::Word,
                });
            }
            i = j;
            continue;
        }
        let end = pos + c.len_utf8();
        let kind = if c == '\''
            && out
                .last()
                .is_some_and(|t: &Tok| t.kind == TokKind::Word && t.end == pos)
            && s[..pos].ends_with('s')
        {
            TokKind::Possessive
        } else {
            TokKind::Punct
        };
        out.push(Tok {
            start: pos,
            end,
            kind,
        });
        i = end;
    }
    out
}

fn starts_a_name(gz: &Gazetteer, text: &str, m: &Mention) -> bool {
    let single = !text[m.start..m.end].contains([' ', '-', '\'']);
    let place = matches!(m.entity, EntityRef::Country(_, Via::City | Via::Name));
    if !single || !place {
        return false;
    }
    let rest = &text[m.end..];
    let Some(next) = rest.strip_prefix(' ') else {
        return false;
    };
    let word: &str = next
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
        .next()
        .unwrap_or("");
    let t = &gz.titles;
    let capitalised = word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase);
    if !capitalised
        || t.vocabulary.contains(word)
        || t.not_names.contains(word)
        || t.honorifics.contains(word)
        || t.org_suffixes.contains(word)
        || t.heads.contains(&word.to_lowercase())
        || gz
            .entities(word)
            .first()
            .is_some_and(|e| e.start == 0 && e.end == word.len())
    {
        return false;
    }
    // What comes before: a title word or a rank ("Interior Minister Chad Wolf"), or the
    // start of a clause.
    let before = text[..m.start].trim_end();
    let prev: &str = before
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '.'))
        .next()
        .unwrap_or("");
    // After a word that introduces a place ("in", "to", "visited"), it is the place.
    const PLACE_WORDS: [&str; 16] = [
        "in", "to", "from", "at", "into", "across", "towards", "toward", "near", "of", "between",
        "visited", "visiting", "via", "through", "for",
    ];
    let lower_word = prev.chars().next().is_some_and(char::is_lowercase);
    before.is_empty()
        || before.ends_with([',', ';', ':', '(', '"', '.', '!', '?'])
        || (lower_word && !PLACE_WORDS.contains(&prev))
        || t.heads.contains(&prev.to_lowercase())
        || t.modifiers.contains(&prev.to_lowercase())
        || t.honorifics.contains(prev)
        || t.honorifics.contains(prev.trim_end_matches('.'))
}

/// A title phrase, as a token range, with what it says about organisation and country.
#[derive(Clone, Debug)]
pub struct Title {
    pub first: usize,
    pub last: usize,
    pub text: String,
    pub org: Option<String>,
    pub country: Option<String>,
}

/// A person named in the sentence, with the title attached to them, if any.
#[derive(Clone, Debug)]
pub struct Person {
    pub first: usize,
    pub last: usize,
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub title: Option<String>,
    pub org: Option<String>,
    pub country: Option<String>,
    /// Preceded by Mr., Mrs., Gen. and the like.
    pub honorific: bool,
    /// Named with a title, an honorific or as someone's counterpart: an official, not just
    /// a name.
    pub official: bool,
}

/// Per-token facts, computed once per sentence so the phrase scanners only test bits.
mod flag {
    pub use crate::gazetteer::word_bits::*;
    pub const CAP: u16 = 1;
    pub const ACRONYM: u16 = 1 << 1;
    pub const DIGIT: u16 = 1 << 2;
    /// A lower-case particle joined to a capitalised name: "al-Shammari", "el-Sisi".
    pub const PARTICLE_NAME: u16 = 1 << 11;
}

/// Sentence-level analysis shared by the people finder and the event builder.
pub struct Analysis<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    pub mentions: Vec<Mention>,
    /// For each token, the mention covering it.
    pub tok_mention: Vec<Option<usize>>,
    flags: Vec<u16>,
}

impl<'a> Analysis<'a> {
    pub fn new(gz: &Gazetteer, text: &'a str) -> Analysis<'a> {
        let toks = tokenize(text);
        let mut mentions = gz.entities(text);
        // A one-word place that starts a name is a given name: "Milan Novak", "Chad Wolf",
        // "Jordan Bardella". Only a capitalised word that is no entry and no title or
        // organisation word may follow, and a title, rank or nothing capitalised before.
        mentions.retain(|m| !starts_a_name(gz, text, m));
        let mut tok_mention = vec![None; toks.len()];
        let mut m = 0;
        for (ti, t) in toks.iter().enumerate() {
            while m < mentions.len() && mentions[m].end <= t.start {
                m += 1;
            }
            if m < mentions.len() && mentions[m].start <= t.start && t.end <= mentions[m].end {
                tok_mention[ti] = Some(m);
            }
        }
        let t = &gz.titles;
        let mut lower = String::new();
        let flags = toks
            .iter()
            .map(|tok| {
                if tok.kind != TokKind::Word {
                    return 0;
                }
                let w = &text[tok.start..tok.end];
                let cap = w.chars().next().is_some_and(char::is_uppercase);
                if !cap {
                    if let Some((head, rest)) = w.split_once('-')
                        && t.particles.contains(head)
                        && rest.chars().next().is_some_and(char::is_uppercase)
                    {
                        return flag::PARTICLE_NAME;
                    }
                    // Lower-case words only matter as heads, modifiers and particles; every
                    // word of the case-sensitive lists is capitalised.
                    return if w.bytes().all(|b| b.is_ascii_lowercase()) {
                        t.lower_bits.get(w).copied().unwrap_or(0)
                    } else {
                        lower.clear();
                        lower.extend(w.chars().flat_map(char::to_lowercase));
                        t.lower_bits.get(lower.as_str()).copied().unwrap_or(0)
                    };
                }
                // One look-up: the case-blind words are also listed capitalised and in
                // capitals (see `Titles::exact_bits`).
                let mut f = flag::CAP | t.exact_bits.get(w).copied().unwrap_or(0);
                let second_lower = w.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase);
                if !second_lower
                    && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !w.chars().any(char::is_lowercase)
                {
                    f |= flag::ACRONYM;
                }
                if w.bytes().any(|b| b.is_ascii_digit()) {
                    f |= flag::DIGIT;
                }
                f
            })
            .collect();
        Analysis {
            text,
            toks,
            mentions,
            tok_mention,
            flags,
        }
    }

    fn has(&self, i: usize, bit: u16) -> bool {
        self.flags.get(i).is_some_and(|f| f & bit != 0)
    }

    pub fn word(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.start..t.end]
    }

    fn is_word(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].kind == TokKind::Word
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        i < self.toks.len() && self.toks[i].kind == TokKind::Punct && self.word(i) == p
    }

    fn is_cap(&self, i: usize) -> bool {
        self.has(i, flag::CAP)
    }

    fn is_acronym(&self, i: usize) -> bool {
        self.has(i, flag::ACRONYM)
    }

    /// The token index range covered by mention `m`.
    pub fn mention_toks(&self, m: usize) -> (usize, usize) {
        let first = self
            .tok_mention
            .iter()
            .position(|x| *x == Some(m))
            .unwrap_or(0);
        let last = self
            .tok_mention
            .iter()
            .rposition(|x| *x == Some(m))
            .unwrap_or(first);
        (first, last)
    }

    /// A token that can be part of a person's name.
    pub fn is_name_tok(&self, _gz: &Gazetteer, i: usize) -> bool {
        (self.has(i, flag::CAP) || self.has(i, flag::PARTICLE_NAME))
            && self.tok_mention[i].is_none()
            && !self.has(
                i,
                flag::ACRONYM
                    | flag::DIGIT
                    | flag::NOT_NAME
                    | flag::VOCAB
                    | flag::HEAD
                    | flag::HONORIFIC,
            )
    }

    fn is_particle(&self, _gz: &Gazetteer, i: usize) -> bool {
        self.has(i, flag::PARTICLE)
    }

    fn is_honorific(&self, _gz: &Gazetteer, i: usize) -> bool {
        self.has(i, flag::HONORIFIC)
    }

    fn is_modifier(&self, i: usize) -> bool {
        self.has(i, flag::MODIFIER)
    }

    fn is_vocab(&self, i: usize) -> bool {
        self.has(i, flag::VOCAB)
    }

    fn is_org_suffix(&self, i: usize) -> bool {
        self.has(i, flag::ORG_SUFFIX)
    }

    /// A word that can sit inside an organisation or title phrase.
    fn is_org_tok(&self, _gz: &Gazetteer, i: usize) -> bool {
        if !self.is_word(i) {
            return false;
        }
        self.tok_mention[i].is_some()
            || self.is_acronym(i)
            || self.is_vocab(i)
            || (self.is_cap(i) && self.is_modifier(i))
    }

    fn is_head(&self, _gz: &Gazetteer, i: usize) -> bool {
        self.has(i, flag::HEAD)
    }

    /// The maximal run of name tokens starting at `i` (with lower-case particles inside).
    fn name_run(&self, gz: &Gazetteer, i: usize) -> Option<usize> {
        if !self.is_name_tok(gz, i) {
            return None;
        }
        let mut last = i;
        let mut j = i + 1;
        while j < self.toks.len() {
            if self.is_name_tok(gz, j) {
                last = j;
                j += 1;
            } else if self.is_particle(gz, j) && self.is_name_tok(gz, j + 1) {
                j += 1;
            } else {
                break;
            }
        }
        Some(last)
    }
}

/// Finds title phrases, left to right, never overlapping.
pub fn titles(gz: &Gazetteer, a: &Analysis<'_>) -> Vec<Title> {
    let n = a.toks.len();
    let mut out: Vec<Title> = Vec::new();
    let mut i = 0;
    while i < n {
        if !a.is_head(gz, i) {
            i += 1;
            continue;
        }
        let head = i;
        // Right: modifiers ("General") and more heads first, so "Director General of" counts
        // as followed by "of".
        let mut right = head;
        while a.is_word(right + 1)
            && (a.is_modifier(right + 1) || a.is_head(gz, right + 1))
            && a.is_cap(right + 1) == a.is_cap(head)
            && !a.is_name_tok(gz, right + 1)
        {
            right += 1;
        }
        let followed_by_of =
            a.is_word(right + 1) && matches!(a.word(right + 1), "of" | "for" | "to");
        let lower = !a.is_cap(head);
        let weak = a.has(head, flag::WEAK_HEAD);
        // Left: modifiers, title vocabulary, demonyms, "Country's", agencies.
        let mut first = head;
        while first > 0 {
            let j = first - 1;
            let ok = if a.toks[j].kind == TokKind::Possessive {
                j > 0 && a.tok_mention[j - 1].is_some()
            } else if a.is_word(j) {
                let modifier = a.is_modifier(j);
                let demonym_or_org = a.tok_mention[j].is_some_and(|m| {
                    matches!(
                        a.mentions[m].entity,
                        EntityRef::Country(_, Via::Demonym)
                            | EntityRef::Agency(_)
                            | EntityRef::Organisation(_)
                            | EntityRef::Generic(_)
                    )
                });
                (modifier && (a.is_cap(j) || lower))
                    || (a.is_cap(j) && a.is_vocab(j))
                    || demonym_or_org
            } else {
                false
            };
            if !ok {
                break;
            }
            first = j;
            if a.toks[j].kind == TokKind::Possessive {
                first = j - 1;
            }
        }
        let qualified = first < head;
        let passes = if weak {
            followed_by_of || qualified || (a.is_cap(head) && a.is_name_tok(gz, head + 1))
        } else {
            followed_by_of || qualified || a.is_cap(head)
        };
        if !passes {
            i += 1;
            continue;
        }
        // Then an of-phrase.
        let mut last = right;
        if a.is_word(last + 1)
            && matches!(a.word(last + 1), "of" | "for" | "to")
            && let Some(end) = of_phrase(gz, a, last + 2)
        {
            last = end;
        }
        let text = a.text[a.toks[first].start..a.toks[last].end].to_owned();
        let (org, country) = title_org_country(gz, a, first, last);
        out.push(Title {
            first,
            last,
            text,
            org,
            country,
        });
        i = last + 1;
    }
    out
}

/// Consumes the organisation phrase after "of"/"for"/"to", starting at token `i`. Stops at a
/// comma, a lower-case word, a new title head, or a run of two or more name words (the
/// person the title belongs to: "Minister of the Interior Munir Karaloglu").
fn of_phrase(gz: &Gazetteer, a: &Analysis<'_>, mut i: usize) -> Option<usize> {
    let n = a.toks.len();
    let mut last: Option<usize> = None;
    while i < n {
        if a.is_word(i) && a.word(i) == "the" {
            i += 1;
            continue;
        }
        if a.toks[i].kind == TokKind::Possessive && last == Some(i - 1) {
            last = Some(i);
            i += 1;
            continue;
        }
        if a.is_punct(i, "(") {
            // "(DGSN)", "(Bundespolizei)": up to three words then ")".
            let mut j = i + 1;
            while j < n && j <= i + 4 && a.is_word(j) {
                j += 1;
            }
            if j > i + 1 && a.is_punct(j, ")") {
                last = Some(j);
                i = j + 1;
                continue;
            }
            break;
        }
        if a.is_head(gz, i) && a.is_cap(i) && last.is_some() {
            break;
        }
        if a.is_org_tok(gz, i) && a.is_cap(i) || (a.tok_mention[i].is_some() && a.is_word(i)) {
            last = Some(i);
            i += 1;
            continue;
        }
        if a.is_name_tok(gz, i) {
            let run_end = a.name_run(gz, i).unwrap_or(i);
            let next = run_end + 1;
            let org_suffix = a.is_org_suffix(next);
            if org_suffix {
                last = Some(next);
                i = next + 1;
                continue;
            }
            if run_end > i || last.is_some() {
                break;
            }
            // A single unknown capitalised word inside an organisation name.
            last = Some(i);
            i += 1;
            continue;
        }
        if a.is_word(i)
            && matches!(a.word(i), "of" | "for" | "and" | "against" | "on" | "&")
            && last.is_some()
        {
            // A connector only continues the phrase if an organisation word follows.
            let mut j = i + 1;
            if a.is_word(j) && a.word(j) == "the" {
                j += 1;
            }
            if j < n
                && a.is_cap(j)
                && (a.is_org_tok(gz, j) || a.tok_mention[j].is_some())
                && !a.is_head(gz, j)
            {
                i = j;
                continue;
            }
            break;
        }
        break;
    }
    last
}

/// The organisation and country a title names: an agency's acronym (or name) and country,
/// else a parenthesised acronym, a generic agency, and a demonym or "Country's".
fn title_org_country(
    gz: &Gazetteer,
    a: &Analysis<'_>,
    first: usize,
    last: usize,
) -> (Option<String>, Option<String>) {
    let span = (a.toks[first].start, a.toks[last].end);
    let inside: Vec<&Mention> = a
        .mentions
        .iter()
        .filter(|m| m.start >= span.0 && m.end <= span.1)
        .collect();
    let mut org = None;
    let mut country = None;
    for m in &inside {
        match m.entity {
            EntityRef::Agency(i) if org.is_none() => {
                let ag = &gz.agencies[i];
                let written = &a.text[m.start..m.end];
                // The acronym is the stable label across spellings of the name.
                org = Some(ag.acronym.clone().unwrap_or_else(|| written.to_owned()));
                country = country.or(Some(ag.country.clone()));
            }
            EntityRef::Organisation(i) if org.is_none() => {
                org = Some(gz.organisations[i].code.clone());
            }
            _ => {}
        }
    }
    if org.is_none() {
        // "(DGSI)" and the like.
        for i in first..=last {
            if a.is_punct(i, "(") && a.is_word(i + 1) && a.is_acronym(i + 1) {
                org = Some(a.word(i + 1).to_owned());
                break;
            }
        }
    }
    if org.is_none()
        && let Some(m) = inside
            .iter()
            .find(|m| matches!(m.entity, EntityRef::Generic(_)))
    {
        org = Some(a.text[m.start..m.end].to_owned());
    }
    if country.is_none() {
        country = inside.iter().find_map(|m| match m.entity {
            EntityRef::Country(i, Via::Demonym | Via::Name | Via::Combining) => {
                Some(gz.countries[i].code.clone())
            }
            _ => None,
        });
    }
    (org, country)
}

/// Finds the people of a sentence and gives each the title that touches it.
pub fn people(
    gz: &Gazetteer,
    a: &Analysis<'_>,
    titles: &[Title],
    known_surname: &dyn Fn(&str) -> bool,
) -> Vec<Person> {
    let n = a.toks.len();
    let inside_title = |i: usize| titles.iter().any(|t| t.first <= i && i <= t.last);
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    let mut i = 0;
    while i < n {
        if inside_title(i) {
            i += 1;
            continue;
        }
        let Some(last) = a.name_run(gz, i) else {
            i += 1;
            continue;
        };
        let honorific = i >= 1
            && (a.is_honorific(gz, i - 1)
                || (i >= 2 && a.is_punct(i - 1, ".") && a.is_honorific(gz, i - 2)));
        let org_suffix = a.is_org_suffix(last + 1);
        let multi = last > i;
        let single_ok = honorific || known_surname(a.word(last));
        if !org_suffix && (multi || single_ok) {
            runs.push((i, last, honorific));
        }
        i = last + 1;
    }

    let mut used = vec![false; titles.len()];
    let mut out = Vec::new();
    for (first, last, honorific) in runs {
        let name_start = first;
        // The token before the name, skipping an honorific ("Minister Mr. X" is rare; "Mr." is not).
        // The token before the name, past any honorifics ("Maj. Gen.", "Prince", "Mr.").
        let mut before = first;
        while before > 0 {
            let j = before - 1;
            if a.is_honorific(gz, j) {
                before = j;
            } else if j > 0 && a.is_punct(j, ".") && a.is_honorific(gz, j - 1) {
                before = j - 1;
            } else {
                break;
            }
        }
        let mut chosen: Option<usize> = None;
        // Title right before the name.
        if before > 0
            && let Some(ti) = titles.iter().position(|t| t.last + 1 == before)
            && !used[ti]
        {
            chosen = Some(ti);
        }
        // ", TITLE" right after the name (an optional "the" in between).
        if chosen.is_none() && a.is_punct(last + 1, ",") {
            let mut j = last + 2;
            if a.is_word(j) && a.word(j).eq_ignore_ascii_case("the") {
                j += 1;
            }
            if let Some(ti) = titles.iter().position(|t| t.first == j)
                && !used[ti]
            {
                chosen = Some(ti);
            }
        }
        // "TITLE, NAME".
        if chosen.is_none()
            && before >= 2
            && a.is_punct(before - 1, ",")
            && let Some(ti) = titles.iter().position(|t| t.last + 2 == before)
            && !used[ti]
        {
            chosen = Some(ti);
        }
        let mut p = Person {
            first,
            last,
            start: a.toks[name_start].start,
            end: a.toks[last].end,
            name: a.text[a.toks[name_start].start..a.toks[last].end].to_owned(),
            title: None,
            org: None,
            country: None,
            honorific,
            official: honorific,
        };
        if let Some(ti) = chosen {
            used[ti] = true;
            let t = &titles[ti];
            // "his Spanish counterpart, X" says who X is for, not what X's post is.
            let role_only = t
                .text
                .split_whitespace()
                .last()
                .is_some_and(|w| ROLE_WORDS.contains(&w.to_lowercase().as_str()));
            if !role_only {
                p.title = Some(clean_title(&t.text));
            }
            p.org = t.org.clone();
            p.country = t.country.clone();
            p.official = true;
        }
        out.push(p);
    }
    out
}

/// Head words that name a relation, not a post.
const ROLE_WORDS: [&str; 4] = ["counterpart", "counterparts", "peer", "peers"];

/// Drops a leading possessive country or article from a title for display: "France's
/// Director General of Internal Security" → "Director General of Internal Security".
fn clean_title(t: &str) -> String {
    let t = t.trim();
    if let Some(pos) = t.find("'s ")
        && !t[..pos].contains(' ')
    {
        return t[pos + 3..].to_owned();
    }
    t.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gz() -> Gazetteer {
        Gazetteer::embedded().unwrap()
    }

    type Found = (String, Option<String>, Option<String>, Option<String>);

    fn found(s: &str) -> Vec<Found> {
        let g = gz();
        let a = Analysis::new(&g, s);
        let t = titles(&g, &a);
        people(&g, &a, &t, &|_| false)
            .into_iter()
            .map(|p| (p.name, p.title, p.org, p.country))
            .collect()
    }

    fn names(s: &str) -> Vec<(String, Option<String>)> {
        found(s).into_iter().map(|p| (p.0, p.1)).collect()
    }

    #[test]
    fn tokenizer_splits_possessives() {
        let s = "Spain's Center, the Kingdoms' ties";
        let t = tokenize(s);
        let words: Vec<_> = t.iter().map(|t| &s[t.start..t.end]).collect();
        assert_eq!(
            words,
            ["Spain", "'s", "Center", ",", "the", "Kingdoms", "'", "ties"]
        );
        assert_eq!(t[1].kind, TokKind::Possessive);
        assert_eq!(t[6].kind, TokKind::Possessive);
    }

    #[test]
    fn demonym_title_name() {
        let p = found("Qatari Interior Minister Khalifa Al-Thani received the delegation.");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].0, "Khalifa Al-Thani");
        assert_eq!(p[0].1.as_deref(), Some("Qatari Interior Minister"));
        assert_eq!(p[0].3.as_deref(), Some("QAT"));
    }

    #[test]
    fn name_comma_title_of_org_with_acronym() {
        let p = found(
            "He met Jane Doe, Director General of the General Directorate of Security (EGM), in Ankara.",
        );
        assert_eq!(p[0].0, "Jane Doe");
        assert_eq!(
            p[0].1.as_deref(),
            Some("Director General of the General Directorate of Security (EGM)")
        );
        assert_eq!(p[0].2.as_deref(), Some("EGM"));
        assert_eq!(p[0].3.as_deref(), Some("TUR"));
    }

    #[test]
    fn country_possessive_title_comma_name() {
        let p = found(
            "Talks were held with Germany's Federal Interior Minister, Anna Weber, on Monday.",
        );
        assert_eq!(p[0].0, "Anna Weber");
        assert_eq!(p[0].1.as_deref(), Some("Federal Interior Minister"));
        assert_eq!(p[0].3.as_deref(), Some("DEU"));
    }

    #[test]
    fn counterpart_with_honorific_then_title() {
        let p = names(
            "The memorandum was signed by his Qatari counterpart, Mr. Ali bin Hamad, Chief of the Qatari State Security.",
        );
        assert_eq!(p[0].0, "Ali bin Hamad");
        assert_eq!(
            p[0].1.as_deref(),
            Some("Chief of the Qatari State Security")
        );
    }

    #[test]
    fn coordinated_list_with_respectively() {
        let p = names(
            "She held talks with, respectively, Tom Berg, Head of the Dutch National Police, and Lisa Vos, Director of the AIVD, in The Hague.",
        );
        assert_eq!(
            p,
            [
                (
                    "Tom Berg".into(),
                    Some("Head of the Dutch National Police".into())
                ),
                ("Lisa Vos".into(), Some("Director of the AIVD".into())),
            ]
        );
    }

    #[test]
    fn title_of_org_then_name_without_comma() {
        let p = names(
            "He met Deputy Minister of the Interior Omar Sy and Intelligence Director Paul Ek in Ankara.",
        );
        assert_eq!(
            p,
            [
                (
                    "Omar Sy".into(),
                    Some("Deputy Minister of the Interior".into())
                ),
                ("Paul Ek".into(), Some("Intelligence Director".into())),
            ]
        );
    }

    #[test]
    fn lower_case_head_of() {
        let p = found(
            "Ana Ruiz, head of Spain's Center for Intelligence Against Terrorism and Organized Crime (CITCO) praised the work.",
        );
        assert_eq!(p[0].2.as_deref(), Some("CITCO"));
        assert_eq!(p[0].3.as_deref(), Some("ESP"));
    }

    #[test]
    fn organisations_named_after_people_are_not_people() {
        assert!(names("The Saif Bin Zayed Academy for Police Sciences hosted it.").is_empty());
        assert!(names("The police chief met the press.").is_empty());
    }

    #[test]
    fn ranks_princes_and_particle_names() {
        let p = names(
            "Security Director Maj. Gen. Obeidullah Maaytah received Iraqi Interior Minister Abdul Amir al-Shammari and Saudi Interior Minister Prince Abdulaziz bin Saud bin Naif.",
        );
        assert_eq!(
            p,
            [
                (
                    "Obeidullah Maaytah".into(),
                    Some("Security Director".into())
                ),
                (
                    "Abdul Amir al-Shammari".into(),
                    Some("Iraqi Interior Minister".into())
                ),
                (
                    "Abdulaziz bin Saud bin Naif".into(),
                    Some("Saudi Interior Minister".into())
                ),
            ]
        );
    }

    #[test]
    fn given_names_that_are_places() {
        let p = found(
            "Czech Interior Minister Milan Novak met Chad Wolf, Acting Secretary of Homeland Security, in Milan.",
        );
        assert_eq!(p[0].0, "Milan Novak");
        assert_eq!(p[0].3.as_deref(), Some("CZE"));
        assert_eq!(p[1].0, "Chad Wolf");
        // The city at the end is still a city.
        let g = gz();
        let a = Analysis::new(&g, "They met in Milan. Jordan Bardella spoke.");
        let places: Vec<&str> = a.mentions.iter().map(|m| &a.text[m.start..m.end]).collect();
        assert_eq!(places, ["Milan"]);
    }

    #[test]
    fn untitled_names_are_found_but_untitled() {
        let p = names("Following the arrest of Jean Dupont, a renowned criminal, officials spoke.");
        assert_eq!(p, [("Jean Dupont".into(), None)]);
    }
}
