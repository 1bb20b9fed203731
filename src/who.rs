//! What `liaison who` searches: per official, the name, every spelling folded, and the
//! posts and organisations as one text, in one string with offsets. The cache stores it next
//! to the dataset, so a warm `who` searches it and then reads only the officials it found
//! and their events (see `cache::load_who`), instead of decoding the whole dataset.

use serde::{Deserialize, Serialize};

use crate::fold::fold;
use crate::profile::PersonRecord;
use crate::sym::Strings;

/// Strings kept per official, in this order.
const FIELDS: usize = 4;
const NAME: usize = 0;
/// Every spelling, folded, separated by NUL (which folding never produces).
const NAMES: usize = 1;
/// Name, spellings, organisations, titles: each distinct one once, joined by " · ".
const HAY: usize = 2;
const HAY_FOLDED: usize = 3;

/// The search index of a directory of officials (in the order of `Dataset::people`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhoIndex {
    /// [`FIELDS`] strings per official.
    strings: Strings,
}

impl WhoIndex {
    pub fn of(people: &[PersonRecord]) -> WhoIndex {
        let mut strings = Strings::with_capacity(people.len() * FIELDS);
        for p in people {
            let hay = haystack(p);
            let mut names = fold(&p.name);
            for v in &p.variants {
                names.push('\0');
                names.push_str(&fold(v));
            }
            for field in [p.name.as_str(), &names, &hay, &fold(&hay)] {
                strings.push(field);
            }
        }
        WhoIndex { strings }
    }

    /// How many officials.
    pub fn len(&self) -> usize {
        self.strings.len() / FIELDS
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether it is whole: offsets in order and inside the text, every official's strings.
    pub fn is_sound(&self) -> bool {
        self.strings.is_sound() && self.strings.len().is_multiple_of(FIELDS)
    }

    fn field(&self, person: usize, field: usize) -> &str {
        self.strings.get(person * FIELDS + field)
    }

    /// The name as shown.
    pub fn name(&self, person: usize) -> &str {
        self.field(person, NAME)
    }

    /// The officials matching a query by name, spelling variant, title or organisation, best
    /// first, as indices. Words found as written (ignoring case and accents) win; only when
    /// nothing contains the query does fuzzy matching decide, and then only the close
    /// matches are kept.
    pub fn find(&self, query: &str) -> Vec<usize> {
        let q = fold(query);
        if q.is_empty() {
            return Vec::new();
        }
        let n = self.len();
        let (mut in_name, mut in_post) = (Vec::new(), Vec::new());
        for i in 0..n {
            if self.field(i, NAMES).split('\0').any(|s| s.contains(&q)) {
                in_name.push(i);
            } else if self.field(i, HAY_FOLDED).contains(&q) {
                in_post.push(i);
            }
        }
        if !in_name.is_empty() || !in_post.is_empty() {
            in_name.extend(in_post);
            return in_name;
        }
        let ranked = crate::views::fuzzy_rank(
            query,
            (0..n).map(|i| (i.to_string(), self.field(i, HAY).to_owned())),
        );
        let best = ranked.first().map(|r| r.1).unwrap_or(0);
        ranked
            .into_iter()
            .filter(|(_, s)| *s * 10 >= best * 9)
            .filter_map(|(k, _)| k.parse().ok())
            .collect()
    }

    /// Near names to suggest when nothing is found: the first five officials with a word
    /// starting like the query, else the first five.
    pub fn suggestions(&self, query: &str) -> Vec<String> {
        let first = fold(query).chars().next();
        let n = self.len();
        let mut v: Vec<String> = (0..n)
            .filter(|&i| {
                let folded = self.field(i, NAMES).split('\0').next().unwrap_or("");
                folded.split(' ').any(|w| w.chars().next() == first)
            })
            .map(|i| self.name(i).to_owned())
            .take(5)
            .collect();
        if v.is_empty() {
            v = (0..n.min(5)).map(|i| self.name(i).to_owned()).collect();
        }
        v
    }
}

/// Each distinct name, spelling, organisation and title once: an official quoted in
/// thousands of articles has thousands of title claims, mostly the same.
fn haystack(p: &PersonRecord) -> String {
    let mut seen = std::collections::HashSet::new();
    let mut hay: Vec<&str> = Vec::new();
    let titles = p
        .titles
        .iter()
        .flat_map(|t| t.title.iter().chain(t.org.iter()));
    for part in std::iter::once(p.name.as_str())
        .chain(p.variants.iter().map(String::as_str))
        .chain(p.orgs.iter().map(String::as_str))
        .chain(titles.map(crate::sym::Sym::as_str))
    {
        if seen.insert(part) {
            hay.push(part);
        }
    }
    hay.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, variants: &[&str], orgs: &[&str]) -> PersonRecord {
        PersonRecord {
            name: name.into(),
            variants: variants.iter().map(|v| v.to_string()).collect(),
            country: None,
            orgs: orgs.iter().map(|v| v.to_string()).collect(),
            titles: Vec::new(),
            events: Vec::new(),
            last_contact: None,
            conflict: false,
        }
    }

    #[test]
    fn names_win_over_posts_and_spellings_do_not_run_together() {
        let people = [
            person("Ana Ruiz", &[], &["Policía Nacional"]),
            person("Nacional Obi", &[], &[]),
            person("Jan Kowal", &["Jan Kowalski"], &[]),
        ];
        let ix = WhoIndex::of(&people);
        assert!(ix.is_sound());
        assert_eq!(ix.len(), 3);
        assert_eq!(ix.name(2), "Jan Kowal");
        // A name match first, then the post match; accents and case ignored.
        assert_eq!(ix.find("NACIONAL"), vec![1, 0]);
        assert_eq!(ix.find("policia"), vec![0]);
        assert_eq!(ix.find("kowalski"), vec![2]);
        // Spellings are searched one by one: "kowal ski" is not a name of someone written
        // "Jan Kowal" and "Ski Nowak" (only their text of posts runs them together), so the
        // "Kowal Skiba" found by name comes first.
        let people = [
            person("Jan Kowal", &["Ski Nowak"], &[]),
            person("Kowal Skiba", &[], &[]),
        ];
        assert_eq!(WhoIndex::of(&people).find("kowal ski"), vec![1, 0]);
        assert!(ix.find("").is_empty());
        assert_eq!(ix.suggestions("k"), vec!["Jan Kowal".to_owned()]);
    }

    #[test]
    fn a_damaged_index_is_not_sound() {
        let ix = WhoIndex::of(&[person("Ana Ruiz", &["Ana Ruíz"], &[])]);
        let mut bad = ix.clone();
        bad.strings.starts.pop();
        assert!(!bad.is_sound());
        let mut bad = ix.clone();
        bad.strings.starts[2] = u32::MAX;
        assert!(!bad.is_sound());
        let mut bad = ix.clone();
        bad.strings.text.push('x');
        assert!(!bad.is_sound());
        // A whole list of strings, but not four per official.
        let mut bad = ix;
        bad.strings.push("extra");
        assert!(bad.strings.is_sound() && !bad.is_sound());
        assert!(WhoIndex::default().is_empty() && WhoIndex::default().is_sound());
    }
}
