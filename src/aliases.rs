//! The analyst's curation file (`aliases.toml`): which spellings name one person or one
//! organisation, and which extracted events are wrong and left out.
//!
//! Extraction reports what each article says; an analyst knows more ("Louis Lejay" in one
//! outlet is Louis Laugier in the others). Keeping that knowledge in a small data file, rather
//! than in code or in the articles, lets it be reviewed, versioned and extended by a user
//! without recompiling. The built-in file is compiled in; a user file is read after it.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::fold::fold;
use crate::gazetteer::{DataError, parse, read_optional};
use crate::model::{Counterpart, Event};
use crate::sym::{Sym, SymMemo};

/// The built-in curation file.
const EMBEDDED: &str = include_str!("../data/aliases.toml");

/// The file as written; unknown keys are refused so that a misspelt key is reported instead
/// of silently doing nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasFile {
    #[serde(default)]
    person: Vec<NameEntry>,
    #[serde(default)]
    organisation: Vec<NameEntry>,
    #[serde(default)]
    drop: Vec<DropEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NameEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DropEntry {
    event: String,
    #[serde(default)]
    reason: Option<String>,
}

/// The compiled curation: look-ups by folded spelling.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aliases {
    /// Folded spelling → name to show.
    persons: HashMap<String, String>,
    /// Folded spelling → name to show.
    organisations: HashMap<String, String>,
    /// Event id → reason (empty when none was given).
    drops: BTreeMap<String, String>,
    /// A hash of the files added, in order: a cached dataset built under other aliases is
    /// not reused.
    pub fingerprint: u64,
}

impl Aliases {
    /// The built-in file alone. It is a `Result` like `Gazetteer::embedded`, because a broken
    /// built-in file must be reported, not panicked on.
    pub fn embedded() -> Result<Aliases, DataError> {
        let mut a = Aliases::default();
        a.add("aliases.toml (embedded)", EMBEDDED)?;
        Ok(a)
    }

    /// The built-in file, then `user_file` if given. A missing user file is not an error (most
    /// users have none); an unreadable or malformed one is, with its line and column.
    pub fn load(user_file: Option<&Path>) -> Result<Aliases, DataError> {
        let mut a = Aliases::embedded()?;
        let Some(path) = user_file else {
            return Ok(a);
        };
        if let Some((shown, text)) = read_optional(path)? {
            a.add(&shown, &text)?;
        }
        Ok(a)
    }

    /// Parses one file and adds its entries; later entries override earlier ones for the same
    /// spelling, which is what lets a user file correct the built-in one.
    pub fn add(&mut self, file: &str, text: &str) -> Result<(), DataError> {
        let parsed: AliasFile = parse(file, text)?;
        self.fingerprint = xxhash_rust::xxh3::xxh3_64_with_seed(text.as_bytes(), self.fingerprint);
        for (entries, map) in [
            (&parsed.person, &mut self.persons),
            (&parsed.organisation, &mut self.organisations),
        ] {
            for entry in entries {
                let name = entry.name.trim();
                if name.is_empty() {
                    continue;
                }
                for spelling in std::iter::once(name).chain(entry.aliases.iter().map(|s| s.trim()))
                {
                    let key = fold(spelling);
                    if !key.is_empty() {
                        map.insert(key, name.to_owned());
                    }
                }
            }
        }
        for d in parsed.drop {
            let id = d.event.trim();
            if !id.is_empty() {
                self.drops.insert(
                    id.to_owned(),
                    d.reason.unwrap_or_default().trim().to_owned(),
                );
            }
        }
        Ok(())
    }

    /// The name to show for a person: the declared name if `name` is one of its spellings,
    /// else `name` itself.
    pub fn person(&self, name: &str) -> String {
        lookup(&self.persons, name)
    }

    /// The name to show for an organisation, like [`Aliases::person`].
    pub fn organisation(&self, org: &str) -> String {
        lookup(&self.organisations, org)
    }

    /// Whether the analyst asked to leave this event out.
    pub fn dropped(&self, id: &str) -> bool {
        self.drops.contains_key(id.trim())
    }

    /// Why an event was dropped, when the analyst said; `None` also for events not dropped.
    pub fn drop_reason(&self, id: &str) -> Option<&str> {
        self.drops
            .get(id.trim())
            .map(String::as_str)
            .filter(|r| !r.is_empty())
    }

    /// The events (by index) whose officials or organisations the analyst declared under
    /// other names, copied and shown under those names; dropped events are left out (see
    /// [`Aliases::dropped`]). A corpus's events mostly name officials under their declared
    /// names already, so a caller keeping the originals (the directory does, to keep the
    /// original spellings as variants) copies these alone: copying a million events took 0.7 s.
    pub fn renamed(&self, events: &[Event]) -> Vec<(usize, Event)> {
        let mut memo = Renames::default();
        let mut out = Vec::new();
        for (i, e) in events.iter().enumerate() {
            if self.dropped(&e.id) {
                continue;
            }
            let changes = e.counterparts.iter().any(|c| {
                let (name, org) = self.renames(c, &mut memo);
                name.is_some() || org.is_some()
            });
            if changes {
                let mut e = e.clone();
                self.rename(&mut e, &mut memo);
                out.push((i, e));
            }
        }
        out
    }

    fn rename(&self, e: &mut Event, memo: &mut Renames) {
        for c in &mut e.counterparts {
            // Replaced only when renamed, so shared strings stay shared.
            let (name, org) = self.renames(c, memo);
            if let Some(name) = name {
                c.name = name;
            }
            if let Some(org) = org {
                c.org = Some(org);
            }
        }
    }

    /// What an official's name and organisation become (`None`: unchanged), worked out once
    /// per shared string.
    fn renames(&self, c: &Counterpart, memo: &mut Renames) -> (Option<Sym>, Option<Sym>) {
        let name = memo
            .persons
            .get_or_insert_with(&c.name, || {
                let name = self.person(&c.name);
                (name != c.name).then(|| name.into())
            })
            .clone();
        let org = c.org.as_ref().and_then(|org| {
            memo.orgs
                .get_or_insert_with(org, || {
                    let declared = self.organisation(org);
                    (declared != *org).then(|| declared.into())
                })
                .clone()
        });
        (name, org)
    }
}

/// What names and organisations become, by shared string.
#[derive(Default)]
struct Renames {
    persons: SymMemo<Option<Sym>>,
    orgs: SymMemo<Option<Sym>>,
}

fn lookup(map: &HashMap<String, String>, name: &str) -> String {
    map.get(&fold(name))
        .cloned()
        .unwrap_or_else(|| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Counterpart, Kind, Status};

    fn event(id: &str, people: &[(&str, Option<&str>)]) -> Event {
        Event {
            id: id.into(),
            kind: Kind::Meeting,
            date: None,
            date_end: None,
            status: Status::Happened,
            parties: vec!["FRA".into(), "MAR".into()],
            partners: vec!["FRA".into()],
            counterparts: people
                .iter()
                .map(|(n, o)| Counterpart {
                    name: (*n).into(),
                    org: o.map(Into::into),
                    ..Counterpart::default()
                })
                .collect(),
            focus: vec![],
            place: None,
            what: None,
            sources: vec![],
        }
    }

    #[test]
    fn embedded_names_lejay_as_laugier() {
        let a = Aliases::embedded().unwrap();
        assert_eq!(a.person("Louis Lejay"), "Louis Laugier");
        assert_eq!(a.person("louis LEJAY"), "Louis Laugier");
        assert_eq!(a.person("Louis Laugier"), "Louis Laugier");
        assert_eq!(a.person("Nicolas Lerner"), "Nicolas Lerner");
        assert_eq!(
            a.organisation("General Directorate for Internal Security"),
            "DGSI"
        );
        assert!(EMBEDDED.contains("other outlets name"));
    }

    /// Aliases naming "F. Veaux" Frédéric Veaux and the French National Police DGPN, and
    /// whatever `more` declares.
    fn veaux_and_dgpn(more: &str) -> Aliases {
        let mut a = Aliases::default();
        let text = format!(
            r#"
[[person]]
name = "Frédéric Veaux"
aliases = ["F. Veaux"]
[[organisation]]
name = "DGPN"
aliases = ["French National Police"]
{more}"#
        );
        a.add("test", &text).unwrap();
        a
    }

    /// Each event as `renamed` leaves it: its copy when renamed, else itself.
    fn shown<'a>(renamed: &'a [(usize, Event)], events: &'a [Event], i: usize) -> &'a Event {
        renamed
            .iter()
            .find(|(j, _)| *j == i)
            .map_or(&events[i], |(_, e)| e)
    }

    /// `renamed` works out each shared name once; the answer must still be the one for the
    /// string, whether strings are shared or not.
    #[test]
    fn renamed_answers_per_string_whether_shared_or_not() {
        let a = veaux_and_dgpn("");
        let shared: Sym = "F. Veaux".into();
        let names = ["F. Veaux", "Someone Else", "f veaux", "Other Person"];
        let orgs = [Some("French National Police"), None, Some("DGSI")];
        let mut events = Vec::new();
        for i in 0..200 {
            let mut e = event(&format!("e{i}"), &[]);
            // Fresh strings (each its own allocation) and one shared.
            e.counterparts = vec![
                Counterpart {
                    name: names[i % names.len()].into(),
                    org: orgs[i % orgs.len()].map(Into::into),
                    ..Counterpart::default()
                },
                Counterpart {
                    name: shared.clone(),
                    ..Counterpart::default()
                },
            ];
            events.push(e);
        }
        drop(shared);
        let renamed = a.renamed(&events);
        // Every event names "F. Veaux" through the shared string.
        assert_eq!(renamed.len(), 200);
        for i in 0..events.len() {
            let e = shown(&renamed, &events, i);
            let want = match names[i % names.len()] {
                "F. Veaux" | "f veaux" => "Frédéric Veaux",
                other => other,
            };
            assert_eq!(e.counterparts[0].name, want, "event {i}");
            let org = match orgs[i % orgs.len()] {
                Some("French National Police") => Some("DGPN"),
                other => other,
            };
            assert_eq!(e.counterparts[0].org.as_deref(), org, "event {i}");
            assert_eq!(e.counterparts[1].name, "Frédéric Veaux");
        }
    }

    #[test]
    fn renamed_copies_the_renamed_events_alone_and_leaves_the_dropped_out() {
        let a = veaux_and_dgpn(
            r#"
[[drop]]
event = "bad"
reason = "not an event"
[[drop]]
event = "worse"
"#,
        );
        let events = vec![
            event("one", &[("f veaux", Some("French National Police"))]),
            event("kept", &[("Someone Else", Some("DGSI"))]),
            event("bad", &[("F. Veaux", None)]),
            event("org", &[("Someone Else", Some("French National Police"))]),
            event("declared", &[("Frédéric Veaux", Some("DGPN"))]),
            event("worse", &[]),
        ];
        let renamed = a.renamed(&events);
        let at: Vec<usize> = renamed.iter().map(|(i, _)| *i).collect();
        // "bad" is dropped (not looked at); "declared" is already under declared names.
        assert_eq!(at, [0, 3]);
        let one = &renamed[0].1;
        assert_eq!(one.counterparts[0].name, "Frédéric Veaux");
        assert_eq!(one.counterparts[0].org.as_deref(), Some("DGPN"));
        let org = &renamed[1].1;
        assert_eq!(org.counterparts[0].name, "Someone Else");
        assert_eq!(org.counterparts[0].org.as_deref(), Some("DGPN"));
        // Nothing else of the copies changes.
        for (i, e) in &renamed {
            let mut original = events[*i].clone();
            original.counterparts.clone_from(&e.counterparts);
            assert_eq!(e, &original);
        }
        assert!(a.dropped("bad") && a.dropped("worse") && !a.dropped("one"));
        assert_eq!(a.drop_reason("bad"), Some("not an event"));
        assert_eq!(a.drop_reason("worse"), None);
    }

    #[test]
    fn later_files_override_earlier_spellings() {
        let mut a = Aliases::embedded().unwrap();
        a.add(
            "user",
            "[[person]]\nname = \"Louis Lejay\"\naliases = [\"Louis Laugier\"]\n",
        )
        .unwrap();
        assert_eq!(a.person("Louis Laugier"), "Louis Lejay");
    }

    #[test]
    fn user_file_missing_is_fine_and_bad_one_names_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("aliases.toml");
        assert_eq!(
            Aliases::load(Some(&p)).unwrap(),
            Aliases::embedded().unwrap()
        );
        std::fs::write(&p, "[[person]]\nname = \"A\"\nalias = [\"B\"]\n").unwrap();
        let e = Aliases::load(Some(&p)).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.file.ends_with("aliases.toml"));
        assert!(e.message.contains("alias"), "{e}");
        std::fs::write(&p, "[[drop]]\nevent = 3\n").unwrap();
        let e = Aliases::load(Some(&p)).unwrap_err();
        assert_eq!((e.line, e.column), (2, 9), "{e}");
        std::fs::write(
            &p,
            "[[drop]]\nevent = \"abc\"\n[[person]]\nname = \"X Y\"\naliases = [\"Z\"]\n",
        )
        .unwrap();
        let a = Aliases::load(Some(&p)).unwrap();
        assert!(a.dropped("abc"));
        assert_eq!(a.person("z"), "X Y");
        assert_eq!(a.person("Louis Lejay"), "Louis Laugier");
    }
}
