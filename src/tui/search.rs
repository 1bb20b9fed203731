//! Fuzzy search over what the dashboard can jump to: the partner countries, their officials
//! (by name, title and organisation) and the organisations those officials belong to.
//!
//! The index is rebuilt when the filter changes, from the profiles shown, so every result is
//! reachable in the current view. It holds a few hundred short strings, which nucleo scores
//! in well under a millisecond, so results are recomputed on every keystroke.

use std::collections::BTreeMap;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::fold::fold;
use crate::profile::{Dataset, Profile};

use super::text::clean;

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
    /// official there.
    pub person: Option<usize>,
}

/// A result: the item and the matched character positions in its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub item: usize,
    pub indices: Vec<u32>,
}

/// The search index: one item per country, official and (organisation, country).
pub fn index(data: &Dataset, profiles: &[Profile]) -> Vec<Item> {
    let mut items = Vec::new();
    for p in profiles {
        items.push(Item {
            kind: ItemKind::Country,
            text: format!("{} ({})", clean(&p.name), clean(&p.partner)),
            partner: p.partner.clone(),
            person: None,
        });
    }
    let mut orgs: BTreeMap<(String, String), (String, usize)> = BTreeMap::new();
    for p in profiles {
        for &i in &p.counterparts {
            let Some(person) = data.people.get(i) else {
                continue;
            };
            let title = person
                .titles
                .iter()
                .rev()
                .find_map(|t| t.title.as_deref())
                .map(clean);
            let mut parts = vec![clean(&person.name)];
            parts.extend(title);
            if !person.orgs.is_empty() {
                parts.push(clean(&person.orgs.join(", ")));
            }
            parts.push(clean(&p.name));
            items.push(Item {
                kind: ItemKind::Official,
                text: parts.join(" · "),
                partner: p.partner.clone(),
                person: Some(i),
            });
            for o in &person.orgs {
                orgs.entry((fold(o), p.partner.clone()))
                    .or_insert_with(|| (format!("{} · {}", clean(o), clean(&p.name)), i));
            }
        }
    }
    for ((_, partner), (text, person)) in orgs {
        items.push(Item {
            kind: ItemKind::Organisation,
            text,
            partner,
            person: Some(person),
        });
    }
    items
}

/// The items matching `query`, best first; for an empty query, every country in list order.
pub fn search(items: &[Item], query: &str) -> Vec<Hit> {
    if query.trim().is_empty() {
        return items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.kind == ItemKind::Country)
            .map(|(i, _)| Hit {
                item: i,
                indices: Vec::new(),
            })
            .collect();
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize, Vec<u32>)> = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let mut indices = Vec::new();
        if let Some(score) = pattern.indices(
            Utf32Str::new(&it.text, &mut buf),
            &mut matcher,
            &mut indices,
        ) {
            indices.sort_unstable();
            indices.dedup();
            scored.push((score, i, indices));
        }
    }
    // Best score first; among equals, countries before officials before organisations,
    // then the index order (which follows the country list).
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| items[a.1].kind.cmp(&items[b.1].kind))
            .then_with(|| a.1.cmp(&b.1))
    });
    scored
        .into_iter()
        .map(|(_, item, indices)| Hit { item, indices })
        .collect()
}
