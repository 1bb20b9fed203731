//! The dashboard's fast paths agree with the library: the rows of the country list with
//! `Dataset::profiles`, the selected country's profile with `Dataset::profile`, its extras
//! and the search results with the straightforward computations the dashboard used before
//! it had an index (kept here as the reference), for every combination of a set of filters
//! and for random ones, on the seed corpus and on a small generated corpus.

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod generator;

use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use chrono::NaiveDate;
use liaison::aliases::Aliases;
use liaison::corpus::{Corpus, CorpusSource};
use liaison::dates::PartialDate;
use liaison::extract::extract_corpus;
use liaison::fold::fold;
use liaison::gazetteer::Gazetteer;
use liaison::model::{Kind, Status};
use liaison::profile::{Dataset, Filter, Profile};
use liaison::tui::{Action, App, AppConfig, Popup, Sort};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use tui_input::InputRequest;

static GZ: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::embedded().unwrap());

static SEED: LazyLock<Dataset> = LazyLock::new(|| {
    let x = extract_corpus(&GZ, &Corpus::embedded(), None);
    Dataset::build(x, &Aliases::embedded().unwrap())
});

static GENERATED: LazyLock<Dataset> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    generator::generate(&generator::Options {
        articles: 150,
        seed: 11,
        out: dir.path().to_path_buf(),
    })
    .unwrap();
    let corpus = Corpus::load(&CorpusSource::Paths(vec![dir.path().join("articles")])).unwrap();
    let x = extract_corpus(&GZ, &corpus, None);
    Dataset::build(x, &Aliases::embedded().unwrap())
});

fn app(data: &Dataset) -> App<'static> {
    let mut a = App::new(
        data.clone(),
        &GZ,
        AppConfig::on(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()),
    );
    a.apply(Action::Resize {
        width: 160,
        height: 50,
    });
    a
}

fn pd(s: &str) -> PartialDate {
    PartialDate::parse(s).unwrap()
}

/// The filters every test crosses: kinds, focus areas (as the corpus writes them, in another
/// case, unknown) and windows of each precision, including ones that cut date ranges.
fn filters(data: &Dataset) -> Vec<Filter> {
    let mut areas: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &data.events {
        for f in &e.focus {
            *areas.entry(f.as_str()).or_default() += 1;
        }
    }
    let mut by_count: Vec<(&str, usize)> = areas.into_iter().collect();
    by_count.sort_by_key(|(a, n)| (Reverse(*n), *a));
    let top = by_count
        .first()
        .map(|(a, _)| a.to_string())
        .unwrap_or_default();
    let second = by_count
        .get(1)
        .map(|(a, _)| a.to_string())
        .unwrap_or_default();
    let focus: Vec<BTreeSet<String>> = vec![
        BTreeSet::new(),
        BTreeSet::from([top.clone()]),
        BTreeSet::from([top.to_uppercase()]),
        BTreeSet::from([top.clone(), second]),
        BTreeSet::from(["no such area".to_owned()]),
    ];
    let kinds: Vec<BTreeSet<Kind>> = vec![
        BTreeSet::new(),
        BTreeSet::from([Kind::Agreement]),
        BTreeSet::from([Kind::Meeting, Kind::Visit]),
        BTreeSet::from([Kind::Statement, Kind::Award, Kind::Training]),
    ];
    // A date range event, to cut it at its first and last day.
    let ranged = data
        .events
        .iter()
        .find_map(|e| Some((e.date?, e.date_end?)));
    let mut windows: Vec<(Option<PartialDate>, Option<PartialDate>)> = vec![
        (None, None),
        (Some(pd("2024")), None),
        (None, Some(pd("2024-06"))),
        (Some(pd("2024-06-15")), Some(pd("2025-03-01"))),
        (Some(pd("2030")), None),
    ];
    if let Some((a, b)) = ranged {
        windows.push((Some(b), None));
        windows.push((None, Some(a)));
    }
    let mut out = Vec::new();
    for f in &focus {
        for k in &kinds {
            for &(since, until) in &windows {
                out.push(Filter {
                    since,
                    until,
                    kinds: k.clone(),
                    focus: f.clone(),
                });
            }
        }
    }
    out
}

fn counts_map(counts: &[usize; 7]) -> BTreeMap<Kind, usize> {
    Kind::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| (*k, *n))
        .collect()
}

/// The extras the dashboard computed per profile before it had an index.
struct RefExtra {
    events: Vec<usize>,
    last_met: Vec<Option<PartialDate>>,
    sources: Vec<(String, Vec<usize>)>,
}

fn ref_extra(data: &Dataset, p: &Profile) -> RefExtra {
    let events: BTreeSet<usize> = p
        .agreements
        .iter()
        .chain(&p.timeline)
        .chain(p.others.values().flatten())
        .copied()
        .collect();
    let last_met = p
        .counterparts
        .iter()
        .map(|&i| {
            let person = data.people.get(i)?;
            person
                .events
                .iter()
                .filter(|e| events.contains(e))
                .filter_map(|&e| data.events.get(e))
                .filter(|e| e.status == Status::Happened)
                .filter_map(|e| e.date)
                .max()
                .or(person.last_contact)
        })
        .collect();
    let mut by_article: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &e in &events {
        let ev = &data.events[e];
        let articles: BTreeSet<&str> = ev.sources.iter().map(|s| s.article.as_str()).collect();
        for a in articles {
            by_article.entry(a).or_default().push(e);
        }
    }
    let mut sources: Vec<(String, Vec<usize>)> = by_article
        .into_iter()
        .map(|(a, mut evs)| {
            evs.reverse();
            (a.to_owned(), evs)
        })
        .collect();
    sources.sort_by_key(|(a, _)| {
        let published = data.article(a).and_then(|m| m.published);
        (published.is_none(), Reverse(published), a.clone())
    });
    RefExtra {
        events: events.into_iter().collect(),
        last_met,
        sources,
    }
}

/// The country list order the dashboard used, from the profiles.
fn ref_sorted(mut profiles: Vec<Profile>, sort: Sort) -> Vec<String> {
    match sort {
        Sort::Activity => {}
        Sort::LastContact => profiles.sort_by(|a, b| {
            (b.last_contact.is_some(), b.last_contact, b.total)
                .cmp(&(a.last_contact.is_some(), a.last_contact, a.total))
                .then_with(|| fold(&a.name).cmp(&fold(&b.name)))
        }),
        Sort::Name => profiles.sort_by(|a, b| {
            fold(&a.name)
                .cmp(&fold(&b.name))
                .then_with(|| a.partner.cmp(&b.partner))
        }),
    }
    profiles.into_iter().map(|p| p.partner).collect()
}

/// Rows, sorts, and the selected profile and extras for rows `pick`, against the library.
fn check(data: &Dataset, a: &mut App, f: &Filter, pick: &[usize]) {
    a.set_filter(f.clone());
    let profiles = data.profiles(&GZ, f);
    let rows = a.rows();
    assert_eq!(rows.len(), profiles.len(), "{}", f.describe());
    for (r, p) in rows.iter().zip(&profiles) {
        assert_eq!(r.partner, p.partner, "{}", f.describe());
        assert_eq!(r.name, p.name);
        assert_eq!(r.total, p.total);
        assert_eq!(
            counts_map(&r.counts),
            p.counts,
            "{} {}",
            p.partner,
            f.describe()
        );
        assert_eq!(r.first_contact, p.first_contact);
        assert_eq!(r.last_contact, p.last_contact);
        assert_eq!(r.activity, p.activity, "{} {}", p.partner, f.describe());
    }
    for &k in pick {
        if k >= profiles.len() {
            continue;
        }
        a.apply(Action::Top);
        for _ in 0..k {
            a.apply(Action::Down);
        }
        let want = data.profile(&GZ, &profiles[k].partner, f);
        let got = a.selected().unwrap();
        assert_eq!(got, &want, "{} {}", want.partner, f.describe());
        let x = a.selected_extra().unwrap();
        let r = ref_extra(data, &want);
        assert_eq!(x.events, r.events);
        assert_eq!(x.last_met, r.last_met, "{} {}", want.partner, f.describe());
        let sources: Vec<(String, Vec<usize>)> = x
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (s.article.clone(), x.source_events(i).to_vec()))
            .collect();
        assert_eq!(sources, r.sources, "{} {}", want.partner, f.describe());
    }
    for sort in [Sort::LastContact, Sort::Name, Sort::Activity] {
        while a.view().sort != sort {
            a.apply(Action::Sort);
        }
        let got: Vec<&str> = a.rows().iter().map(|r| r.partner.as_str()).collect();
        assert_eq!(
            got,
            ref_sorted(profiles.clone(), sort),
            "{sort:?} {}",
            f.describe()
        );
    }
}

#[test]
fn rows_and_profiles_equal_the_library_on_the_seed_corpus() {
    let data = &*SEED;
    let mut a = app(data);
    for f in filters(data) {
        check(data, &mut a, &f, &[0, 1, 2, 5, usize::MAX / 2]);
    }
    // Every country once, with no filter.
    let n = data.profiles(&GZ, &Filter::default()).len();
    check(
        data,
        &mut a,
        &Filter::default(),
        &(0..n).collect::<Vec<_>>(),
    );
}

/// `liaison countries` reads its rows off the columns when the cache has them: the same
/// rows, focus areas included, as from the profiles, under every filter, on both corpora.
#[test]
fn countries_rows_from_the_columns_equal_those_from_the_profiles() {
    for data in [&*SEED, &*GENERATED] {
        let index = liaison::columns::Index::new(data, &GZ);
        let mut with_focus = 0;
        for f in filters(data) {
            let want = liaison::views::country_rows(&data.profiles(&GZ, &f));
            let got = liaison::views::country_rows_from(&index, &index.compile(&f));
            assert_eq!(got, want, "{}", f.describe());
            with_focus += want.iter().filter(|r| !r.focus.is_empty()).count();
        }
        assert!(with_focus > 0, "no row names a focus area");
    }
}

/// The dashboard keeps the last country lists and profiles it computed: going back to a
/// filter, or to a country under it, must give what the library gives, not a stale copy.
#[test]
fn going_back_to_recent_filters_and_countries_gives_the_library_results() {
    let data = &*GENERATED;
    let mut a = app(data);
    let fs = filters(data);
    let recent: Vec<&Filter> = fs.iter().take(4).collect();
    for round in 0..3 {
        for (i, f) in recent.iter().enumerate() {
            check(data, &mut a, f, &[0, 1 + (i + round) % 5, 2]);
            check(data, &mut a, &Filter::default(), &[(i + round) % 3]);
        }
    }
}

#[test]
fn rows_and_profiles_equal_the_library_on_a_generated_corpus() {
    let data = &*GENERATED;
    assert!(data.events.len() > 500, "{} events", data.events.len());
    let mut a = app(data);
    let fs = filters(data);
    for (i, f) in fs.iter().enumerate() {
        // The busiest, and a different one for each filter.
        check(data, &mut a, f, &[0, 1 + i % 20]);
    }
}

/// The search as the dashboard did it before: items from the profiles in list order, every
/// item scored, all sorted.
fn ref_search(
    data: &Dataset,
    profiles: &[Profile],
    query: &str,
) -> (Vec<(String, Vec<u32>)>, usize) {
    let clean = |s: &str| -> String { s.chars().filter(|c| !c.is_control()).collect() };
    let mut items: Vec<(u8, String)> = Vec::new();
    for p in profiles {
        items.push((0, format!("{} ({})", clean(&p.name), clean(&p.partner))));
    }
    let mut orgs: BTreeMap<(String, String), String> = BTreeMap::new();
    for p in profiles {
        for &i in &p.counterparts {
            let person = &data.people[i];
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
            items.push((1, parts.join(" · ")));
            for o in &person.orgs {
                orgs.entry((fold(o), p.partner.clone()))
                    .or_insert_with(|| format!("{} · {}", clean(o), clean(&p.name)));
            }
        }
    }
    items.extend(orgs.into_values().map(|t| (2, t)));
    if query.trim().is_empty() {
        let countries: Vec<(String, Vec<u32>)> = items
            .iter()
            .filter(|(k, _)| *k == 0)
            .map(|(_, t)| (t.clone(), Vec::new()))
            .collect();
        let n = countries.len();
        return (countries, n);
    }
    let mut matcher = Matcher::new(Config::DEFAULT);
    let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
    let mut buf = Vec::new();
    let mut scored: Vec<(u32, usize, Vec<u32>)> = Vec::new();
    for (i, (_, text)) in items.iter().enumerate() {
        let mut indices = Vec::new();
        if let Some(score) =
            pattern.indices(Utf32Str::new(text, &mut buf), &mut matcher, &mut indices)
        {
            indices.sort_unstable();
            indices.dedup();
            scored.push((score, i, indices));
        }
    }
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| items[a.1].0.cmp(&items[b.1].0))
            .then_with(|| a.1.cmp(&b.1))
    });
    let n = scored.len();
    (
        scored
            .into_iter()
            .map(|(_, i, ix)| (items[i].1.clone(), ix))
            .collect(),
        n,
    )
}

fn search_in_app(a: &mut App, query: &str) -> (Vec<(String, Vec<u32>)>, usize) {
    a.apply(Action::Search);
    for c in query.chars() {
        a.apply(Action::Edit(InputRequest::InsertChar(c)));
    }
    let Some(Popup::Search(s)) = &a.view().popup else {
        panic!("no search popup");
    };
    let hits = s
        .hits
        .iter()
        .map(|h| (a.search_item(h).unwrap().text.clone(), h.indices.clone()))
        .collect();
    let total = s.total;
    a.apply(Action::Back);
    (hits, total)
}

#[test]
fn search_results_and_their_order_equal_the_full_search() {
    let queries = [
        "",
        "a",
        "e",
        "sn",
        "snoeck",
        "fr",
        "france",
        "police",
        "dgsn",
        "ma",
        "interior minister",
        "xyz",
        "ham",
        "Hammouchi",
        "o m",
        "gen",
        "!a",
        "^ab",
        "ce",
        "ministe",
    ];
    for data in [&*SEED, &*GENERATED] {
        let mut a = app(data);
        let fs = filters(data);
        for (i, f) in fs.iter().enumerate().filter(|(i, _)| i % 9 == 0) {
            a.set_filter(f.clone());
            for sort in [Sort::Activity, Sort::Name] {
                while a.view().sort != sort {
                    a.apply(Action::Sort);
                }
                let profiles: Vec<Profile> = {
                    let ps = data.profiles(&GZ, f);
                    let order = ref_sorted(ps.clone(), sort);
                    let by: BTreeMap<String, Profile> =
                        ps.into_iter().map(|p| (p.partner.clone(), p)).collect();
                    order.iter().map(|c| by[c].clone()).collect()
                };
                for q in queries {
                    let (want, n) = ref_search(data, &profiles, q);
                    let (got, total) = search_in_app(&mut a, q);
                    assert_eq!(total, n, "{q:?} under {} ({i})", f.describe());
                    let k = got.len();
                    assert_eq!(got, want[..k], "{q:?} under {} ({i})", f.describe());
                    assert_eq!(k, n.min(liaison::tui::MAX_HITS));
                }
            }
        }
    }
}

mod random_filters {
    use super::*;
    use proptest::collection::btree_set;
    use proptest::prelude::*;

    fn date() -> impl Strategy<Value = Option<PartialDate>> {
        proptest::option::of(prop_oneof![
            (2015i32..2027).prop_map(PartialDate::year),
            (2015i32..2027, 1u8..=12).prop_map(|(y, m)| PartialDate::month(y, m).unwrap()),
            (2015i32..2027, 1u8..=12, 1u8..=28)
                .prop_map(|(y, m, d)| PartialDate::day(y, m, d).unwrap()),
        ])
    }

    fn filter() -> impl Strategy<Value = Filter> {
        (
            btree_set(proptest::sample::select(Kind::ALL.to_vec()), 0..4),
            btree_set(
                proptest::sample::select(vec![
                    "counterterrorism".to_owned(),
                    "Cybercrime".to_owned(),
                    "organized crime".to_owned(),
                    "drug trafficking".to_owned(),
                    "migration".to_owned(),
                    "training".to_owned(),
                    "nothing".to_owned(),
                ]),
                0..3,
            ),
            date(),
            date(),
        )
            .prop_map(|(kinds, focus, since, until)| Filter {
                since,
                until,
                kinds,
                focus,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn any_filter_gives_the_library_rows_and_profile(f in filter(), k in 0usize..6) {
            let data = &*SEED;
            let mut a = app(data);
            check(data, &mut a, &f, &[k]);
        }
    }
}
