//! Acceptance tests of the profile layer on the embedded seed corpus: merged events,
//! per-partner profiles, the directory of officials, posts and filters.
//!
//! Event ids and indices depend on the extractor, which changes independently, so the tests
//! find events by what they are (kind, date, people) rather than by id.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use liaison::aliases::Aliases;
use liaison::corpus::Corpus;
use liaison::dates::PartialDate;
use liaison::extract::extract_corpus;
use liaison::fold::fold;
use liaison::gazetteer::Gazetteer;
use liaison::model::{Event, Kind};
use liaison::profile::{Dataset, Filter, PersonRecord, Profile};

const REVIEW: &str = "2024-12-24-barlamane-hammouchi-2024-review";
const WALLAFRICA: &str = "2024-12-wallafrica-morocco-belgium-action-plan";
const TRIP: &str = "2024-06-30-barlamane-hammouchi-france-trip";

static GZ: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::embedded().unwrap());
static DATA: LazyLock<Dataset> = LazyLock::new(|| {
    let x = extract_corpus(&GZ, &Corpus::embedded(), None);
    Dataset::build(x, &Aliases::embedded().unwrap())
});

fn pd(s: &str) -> PartialDate {
    PartialDate::parse(s).unwrap()
}

fn articles(e: &Event) -> BTreeSet<&str> {
    e.sources.iter().map(|s| s.article.as_str()).collect()
}

fn names(e: &Event) -> BTreeSet<String> {
    e.counterparts.iter().map(|c| fold(&c.name)).collect()
}

fn person(name: &str) -> &'static PersonRecord {
    DATA.people
        .iter()
        .find(|p| fold(&p.name) == fold(name))
        .unwrap_or_else(|| panic!("{name} not in the directory"))
}

fn profile(partner: &str, f: &Filter) -> Profile {
    DATA.profile(&GZ, partner, f)
}

fn all_indices(p: &Profile) -> BTreeSet<usize> {
    p.agreements
        .iter()
        .chain(&p.timeline)
        .chain(p.others.values().flatten())
        .copied()
        .collect()
}

#[test]
fn belgian_action_plan_is_one_agreement_from_two_articles() {
    let bel = profile("belgium", &Filter::default());
    assert_eq!(bel.partner, "BEL");
    assert_eq!(bel.name, "Belgium");
    assert_eq!(bel.agreements.len(), 1, "{bel:#?}");
    let plan = &DATA.events[bel.agreements[0]];
    assert_eq!(plan.kind, Kind::Agreement);
    assert_eq!(plan.date, Some(pd("2024-12")));
    assert_eq!(articles(plan), BTreeSet::from([REVIEW, WALLAFRICA]));
    assert!(names(plan).contains("eric snoeck"), "{plan:#?}");
    assert_eq!(bel.counts.get(&Kind::Agreement), Some(&1));
    // Snoeck is the Belgian counterpart, and his two wordings of one post are no conflict.
    let snoeck = person("Eric Snoeck");
    assert!(
        bel.counterparts
            .iter()
            .any(|&i| DATA.people[i].name == snoeck.name)
    );
    assert!(!snoeck.conflict, "{snoeck:#?}");
}

#[test]
fn lerner_has_two_conflicting_claims_with_their_articles() {
    let lerner = person("Nicolas Lerner");
    assert!(lerner.conflict, "{lerner:#?}");
    let external = lerner
        .titles
        .iter()
        .find(|t| {
            t.org.as_deref() == Some("DGSE")
                || t.title.as_deref().is_some_and(|s| s.contains("External"))
        })
        .expect("the DGSE claim");
    assert_eq!(external.article, TRIP);
    let internal = lerner
        .titles
        .iter()
        .find(|t| {
            t.title
                .as_deref()
                .is_some_and(|s| s.contains("Internal Security"))
        })
        .expect("the Internal Security claim");
    assert_eq!(internal.article, REVIEW);
    // Each claim points at an existing event.
    for t in [external, internal] {
        assert!(DATA.events.iter().any(|e| e.id == t.event), "{t:?}");
    }
    assert_eq!(lerner.country.as_deref(), Some("FRA"));
}

#[test]
fn france_profile_has_june_2024_meetings_and_june_2025_plan() {
    let fra = profile("FRA", &Filter::default());
    assert_eq!(fra.name, "France");
    let met: BTreeSet<String> = fra
        .timeline
        .iter()
        .map(|&i| &DATA.events[i])
        .filter(|e| e.kind == Kind::Meeting && e.date.is_some_and(|d| pd("2024-06").contains(&d)))
        .flat_map(names)
        .collect();
    for who in ["Celine Berthon", "Nicolas Lerner", "Fréderic Veaux"] {
        assert!(
            met.contains(&fold(who)),
            "no June 2024 meeting with {who}: {met:?}"
        );
    }
    let plan = fra
        .agreements
        .iter()
        .map(|&i| &DATA.events[i])
        .find(|e| e.date == Some(pd("2025-06-24")))
        .expect("the June 2025 action plan");
    assert!(
        plan.what
            .as_deref()
            .is_some_and(|w| w.contains("action plan")),
        "{plan:#?}"
    );
    assert!(names(plan).contains("louis laugier"), "{plan:#?}");
    // Newest first: the 2025 plan leads; the timeline ends with undated events if any.
    assert_eq!(DATA.events[fra.agreements[0]].id, plan.id);
    let dates: Vec<Option<PartialDate>> =
        fra.timeline.iter().map(|&i| DATA.events[i].date).collect();
    let dated: Vec<PartialDate> = dates.iter().flatten().copied().collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert!(
        dates
            .iter()
            .skip_while(|d| d.is_some())
            .all(Option::is_none)
    );
    assert_eq!(fra.total, all_indices(&fra).len());
    assert_eq!(fra.total, fra.counts.values().sum::<usize>());
    assert_eq!(fra.last_contact, Some(pd("2025-06-24")));
}

#[test]
fn lejay_is_shown_as_laugier() {
    let laugier = person("Louis Laugier");
    assert_eq!(laugier.name, "Louis Laugier");
    assert!(
        laugier.variants.iter().any(|v| v == "Louis Lejay"),
        "{laugier:#?}"
    );
    assert!(DATA.people.iter().all(|p| fold(&p.name) != "louis lejay"));
    assert!(
        DATA.events
            .iter()
            .flat_map(|e| &e.counterparts)
            .all(|c| c.name != "Louis Lejay")
    );
    // He and Veaux held the same post, one after the other.
    let post = DATA
        .posts()
        .into_iter()
        .find(|p| p.post == "Director General of the French National Police")
        .expect("the DGPN post");
    let holders: Vec<String> = post.holders.iter().map(|h| fold(&h.0)).collect();
    assert_eq!(holders, [fold("Fréderic Veaux"), fold("Louis Laugier")]);
}

#[test]
fn filters_on_the_france_profile() {
    let agreements = Filter {
        kinds: BTreeSet::from([Kind::Agreement]),
        ..Filter::default()
    };
    let fra = profile("FRA", &agreements);
    assert!(fra.total >= 1);
    assert!(fra.timeline.is_empty() && fra.others.is_empty(), "{fra:#?}");
    assert_eq!(
        fra.counts.keys().copied().collect::<Vec<_>>(),
        [Kind::Agreement]
    );
    assert_eq!(agreements.describe(), "kind=agreement");

    let recent = Filter {
        since: Some(pd("2025-01")),
        ..Filter::default()
    };
    let fra = profile("FRA", &recent);
    assert!(fra.total >= 2, "{fra:#?}");
    for i in all_indices(&fra) {
        let d = DATA.events[i]
            .date
            .expect("undated events are outside a window");
        assert_eq!(d.year, 2025, "{:#?}", DATA.events[i]);
    }
    let all = profile("FRA", &Filter::default());
    let in_2025 = all_indices(&all)
        .into_iter()
        .filter(|&i| DATA.events[i].date.is_some_and(|d| d.year == 2025))
        .count();
    assert_eq!(fra.total, in_2025);
    assert_eq!(recent.describe(), "since 2025-01");

    let f = Filter {
        focus: BTreeSet::from(["cybercrime".to_owned()]),
        since: Some(pd("2025-01")),
        ..Filter::default()
    };
    assert_eq!(f.describe(), "focus=cybercrime, since 2025-01");
    assert_eq!(Filter::default().describe(), "no filter");
    assert!(Filter::default().is_empty() && !f.is_empty());
}

#[test]
fn profiles_cover_every_partner_busiest_first() {
    let all = DATA.profiles(&GZ, &Filter::default());
    let codes: BTreeSet<&str> = all.iter().map(|p| p.partner.as_str()).collect();
    let partners = DATA.partners();
    assert_eq!(codes, partners.iter().map(String::as_str).collect());
    assert!(all.windows(2).all(|w| w[0].total >= w[1].total));
    let total: usize = all.iter().map(|p| p.total).sum();
    let with_partners = DATA.events.iter().map(|e| e.partners.len()).sum::<usize>();
    assert_eq!(total, with_partners);
    // The home country is never its own partner.
    assert!(DATA.home.as_deref().is_some_and(|h| !codes.contains(h)));
    assert!(DATA.article(REVIEW).is_some() && DATA.article("nope").is_none());
}

#[test]
fn every_report_source_survives_the_build() {
    let x = extract_corpus(&GZ, &Corpus::embedded(), None);
    let before: BTreeSet<_> = x.events.iter().flat_map(|e| e.sources.clone()).collect();
    let after: BTreeSet<_> = DATA.events.iter().flat_map(|e| e.sources.clone()).collect();
    assert_eq!(before, after);
    assert!(DATA.events.len() <= x.events.len());
}
