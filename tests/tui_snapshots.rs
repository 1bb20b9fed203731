//! Screen snapshots of the dashboard, rendered into ratatui's `TestBackend` from the real
//! drawing code, with keys injected as events; and a property test that random states draw
//! at any size without panicking.
//!
//! The dataset is built here by hand rather than extracted from the seed corpus, so the
//! snapshots change when the dashboard changes, not when the extractor improves. It has what
//! the screens must cope with: a partner with many events, planned events, merged events
//! with several sources, a title conflict, an organisation as partner, CJK text, a list
//! longer than the screen, and unreadable articles. No clock, no environment: `today` is
//! fixed and the theme is the default.

use std::sync::LazyLock;

use chrono::NaiveDate;
use liaison::aliases::Aliases;
use liaison::dates::PartialDate;
use liaison::gazetteer::Gazetteer;
use liaison::model::{ArticleMeta, Counterpart, Event, Extraction, Kind, Source, Status, Warning};
use liaison::profile::{Dataset, Filter};
use liaison::tui::{Action, App, AppConfig, Effect, Pane, Popup, Settings, Sort, Tab, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

static GZ: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::embedded().unwrap());
static DATA: LazyLock<Dataset> = LazyLock::new(fixture);

fn pd(s: &str) -> PartialDate {
    PartialDate::parse(s).unwrap()
}

fn article(id: &str, title: &str, source: &str, published: &str) -> ArticleMeta {
    ArticleMeta {
        id: id.into(),
        title: Some(title.into()),
        source: Some(source.into()),
        url: Some(format!("https://news.example/{id}")),
        published: Some(pd(published)),
    }
}

fn person(name: &str, title: Option<&str>, org: Option<&str>, country: &str) -> Counterpart {
    Counterpart {
        name: name.into(),
        title: title.map(Into::into),
        org: org.map(Into::into),
        country: Some(country.into()),
    }
}

struct Ev {
    kind: Kind,
    date: Option<&'static str>,
    planned: bool,
    partner: &'static str,
    people: Vec<Counterpart>,
    focus: &'static [&'static str],
    place: Option<&'static str>,
    what: Option<&'static str>,
    sources: &'static [(&'static str, &'static str)],
}

fn ev(kind: Kind, date: Option<&'static str>, partner: &'static str) -> Ev {
    Ev {
        kind,
        date,
        planned: false,
        partner,
        people: Vec::new(),
        focus: &[],
        place: None,
        what: None,
        sources: &[],
    }
}

const HAMMOUCHI: (&str, &str) = (
    "Abdellatif Hammouchi",
    "Director General of National Security",
);

fn fixture() -> Dataset {
    let ham = || person(HAMMOUCHI.0, Some(HAMMOUCHI.1), Some("DGSN"), "MAR");
    let mut events = vec![
        Ev {
            people: vec![ham()],
            focus: &["counterterrorism", "major event security"],
            place: Some("Paris"),
            sources: &[(
                "a1",
                "Abdellatif Hammouchi paid a working visit to Paris on June 26, ahead of the Olympic Games, to strengthen French-Moroccan security cooperation.",
            )],
            ..ev(Kind::Visit, Some("2024-06-26"), "FRA")
        },
        Ev {
            people: vec![
                ham(),
                person(
                    "Céline Berthon",
                    Some("Director General of Internal Security"),
                    Some("DGSI"),
                    "FRA",
                ),
            ],
            focus: &["counterterrorism", "intelligence sharing"],
            place: Some("Paris"),
            sources: &[(
                "a1",
                "He held talks with Céline Berthon, Director General of Internal Security, on counterterrorism and intelligence sharing.",
            )],
            ..ev(Kind::Meeting, Some("2024-06"), "FRA")
        },
        Ev {
            people: vec![
                ham(),
                person(
                    "Nicolas Lerner",
                    Some("Director General of External Security"),
                    Some("DGSE"),
                    "FRA",
                ),
            ],
            focus: &["intelligence sharing"],
            sources: &[(
                "a1",
                "Hammouchi also met Nicolas Lerner, Director General of External Security, to discuss the exchange of intelligence.",
            )],
            ..ev(Kind::Meeting, Some("2024-06"), "FRA")
        },
        Ev {
            people: vec![person(
                "Nicolas Lerner",
                Some("Director General of Internal Security"),
                None,
                "FRA",
            )],
            focus: &["counterterrorism"],
            sources: &[(
                "a5",
                "Nicolas Lerner, Director General of Internal Security, praised the quality of the cooperation against terrorism.",
            )],
            ..ev(Kind::Statement, Some("2025-06-24"), "FRA")
        },
        Ev {
            people: vec![
                ham(),
                person(
                    "Louis Laugier",
                    Some("Director General of the National Police"),
                    Some("DGPN"),
                    "FRA",
                ),
            ],
            focus: &["organized crime", "extradition", "training"],
            place: Some("Rabat"),
            what: Some("action plan for 2025-2027"),
            sources: &[
                (
                    "a5",
                    "Morocco and France signed in Rabat an action plan for 2025-2027 to fight organized crime, speed up extradition and train officers.",
                ),
                (
                    "a5",
                    "The plan was signed by Abdellatif Hammouchi and Louis Laugier, Director General of the National Police.",
                ),
            ],
            ..ev(Kind::Agreement, Some("2025-06-24"), "FRA")
        },
        Ev {
            planned: true,
            people: vec![person(
                "Bruno Retailleau",
                Some("Interior Minister"),
                None,
                "FRA",
            )],
            place: Some("Rabat"),
            sources: &[(
                "a5",
                "French Interior Minister Bruno Retailleau is expected to visit Rabat in October.",
            )],
            ..ev(Kind::Visit, Some("2025-10"), "FRA")
        },
        Ev {
            people: vec![
                ham(),
                person(
                    "Eric Snoeck",
                    Some("Commissioner General of the Belgian Federal Police"),
                    Some("Belgian Federal Police"),
                    "BEL",
                ),
            ],
            focus: &["organized crime", "border security", "money laundering"],
            place: Some("Brussels"),
            what: Some("joint action plan"),
            sources: &[
                (
                    "a2",
                    "Morocco and Belgium signed a joint action plan in Brussels to fight organized crime, secure borders and tackle money laundering.",
                ),
                (
                    "a6",
                    "During his December visit to Belgium, Hammouchi signed a joint action plan with his counterpart, Eric Snoeck, Commissioner General of the Belgian Federal Police.",
                ),
            ],
            ..ev(Kind::Agreement, Some("2024-12"), "BEL")
        },
        Ev {
            people: vec![
                ham(),
                person(
                    "Eric Snoeck",
                    Some("General Commissioner of the Belgian Federal Police"),
                    None,
                    "BEL",
                ),
            ],
            focus: &["organized crime"],
            sources: &[(
                "a2",
                "Hammouchi also held productive talks with Eric Snoeck, General Commissioner of the Belgian Federal Police, on the evolving tactics of criminal organizations.",
            )],
            ..ev(Kind::Meeting, Some("2024-12"), "BEL")
        },
        Ev {
            people: vec![person(
                "Francisca Bostyn",
                Some("Director General of State Security"),
                Some("VSSE"),
                "BEL",
            )],
            focus: &["intelligence sharing"],
            sources: &[(
                "a2",
                "The trip follows a visit to Morocco by Francisca Bostyn, Director General of Belgium's State Security, to strengthen intelligence sharing.",
            )],
            ..ev(Kind::Visit, None, "BEL")
        },
        Ev {
            people: vec![person(
                "山田 太郎",
                Some("Commissioner General of the National Police Agency"),
                Some("警察庁"),
                "JPN",
            )],
            focus: &["cybercrime"],
            place: Some("東京"),
            what: Some("memorandum on cybercrime (サイバー犯罪)"),
            sources: &[(
                "a3",
                "Japan's police chief 山田 太郎 signed a memorandum on cybercrime with the DGSN in Tokyo (東京).",
            )],
            ..ev(Kind::Agreement, Some("2024-11"), "JPN")
        },
        Ev {
            focus: &["cybercrime", "forensics"],
            sources: &[(
                "a3",
                "Japanese experts will train Moroccan officers in digital forensics.",
            )],
            ..ev(Kind::Training, Some("2024-12"), "JPN")
        },
        Ev {
            people: vec![person(
                "Valdecy Urquiza",
                Some("Secretary General"),
                Some("INTERPOL"),
                "INTERPOL",
            )],
            focus: &["training", "organized crime"],
            place: Some("Rabat"),
            sources: &[(
                "a4",
                "INTERPOL Secretary General Valdecy Urquiza opened a regional training centre in Rabat with the DGSN.",
            )],
            ..ev(Kind::Training, Some("2025-05-20"), "INTERPOL")
        },
        Ev {
            people: vec![person(
                "Eugenio Pereiro Blanco",
                Some("Commissioner General of Information"),
                Some("Spanish National Police"),
                "ESP",
            )],
            focus: &["counterterrorism"],
            place: Some("Madrid"),
            sources: &[(
                "a6",
                "In February, Hammouchi met Eugenio Pereiro Blanco, Commissioner General of Information of the Spanish National Police, in Madrid.",
            )],
            ..ev(Kind::Meeting, Some("2024-02"), "ESP")
        },
        Ev {
            people: vec![person(
                "Fernando Grande-Marlaska",
                Some("Interior Minister"),
                None,
                "ESP",
            )],
            focus: &["illegal migration", "organized crime"],
            sources: &[(
                "a6",
                "Spanish Interior Minister Fernando Grande-Marlaska hailed the cooperation with Morocco against illegal migration.",
            )],
            ..ev(Kind::Statement, Some("2024-09"), "ESP")
        },
    ];
    // Partners with one meeting each, so the list is longer than a small screen.
    for (code, year) in [
        ("DEU", "2024"),
        ("ITA", "2024"),
        ("TUR", "2024"),
        ("QAT", "2022"),
        ("ARE", "2024"),
        ("SAU", "2023"),
        ("SEN", "2025"),
        ("CIV", "2023"),
        ("USA", "2025"),
        ("GBR", "2024"),
        ("NLD", "2021"),
        ("PRT", "2025"),
    ] {
        events.push(Ev {
            sources: &[(
                "a6",
                "Moroccan officials also met their counterparts from several partner countries.",
            )],
            ..ev(Kind::Meeting, Some(year), code)
        });
    }
    let events = events
        .into_iter()
        .enumerate()
        .map(|(i, e)| Event {
            id: format!("e{i:02}").into(),
            kind: e.kind,
            date: e.date.map(pd),
            date_end: None,
            status: if e.planned {
                Status::Planned
            } else {
                Status::Happened
            },
            parties: vec!["MAR".into(), e.partner.into()],
            partners: vec![],
            counterparts: e.people,
            focus: e.focus.iter().map(|f| (*f).into()).collect(),
            place: e.place.map(Into::into),
            what: e.what.map(Into::into),
            sources: e
                .sources
                .iter()
                .enumerate()
                .map(|(k, (a, s))| Source {
                    article: (*a).into(),
                    sentence: (*s).into(),
                    start: k * 100,
                    end: k * 100 + s.len(),
                })
                .collect(),
        })
        .collect();
    Dataset::build(
        Extraction {
            articles: vec![
                article(
                    "a1",
                    "Hammouchi holds talks in Paris with French security chiefs",
                    "Barlamane Today",
                    "2024-06-30",
                ),
                article(
                    "a2",
                    "Morocco and Belgium sign a joint action plan",
                    "Wall Africa Journal",
                    "2024-12-10",
                ),
                article(
                    "a3",
                    "日本とモロッコ、サイバー犯罪対策で覚書",
                    "Kyodo",
                    "2024-11-20",
                ),
                article(
                    "a4",
                    "INTERPOL opens a training centre in Rabat",
                    "MAP",
                    "2025-05-20",
                ),
                article(
                    "a5",
                    "Rabat: Morocco and France sign an action plan",
                    "Fes News",
                    "2025-06-24",
                ),
                article(
                    "a6",
                    "Hammouchi's year of security diplomacy",
                    "Barlamane Today",
                    "2024-12-24",
                ),
            ],
            events,
            warnings: vec![
                Warning {
                    article: "2024-13-broken.txt".into(),
                    line: 4,
                    message: "published: `2024-13-45` is not a real date".into(),
                },
                Warning {
                    article: "scan.pdf".into(),
                    line: 0,
                    message: "binary file, skipped".into(),
                },
            ],
            home: Some("MAR".into()),
        },
        &Aliases::default(),
    )
}

fn app_with(filter: Filter) -> App<'static> {
    App::new(
        DATA.clone(),
        &GZ,
        AppConfig {
            filter,
            ..AppConfig::on(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap())
        },
    )
}

fn app() -> App<'static> {
    app_with(Filter::default())
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The screen as text, one line per row, trailing spaces kept so column drift shows.
fn render(app: &mut App, w: u16, h: u16) -> String {
    app.apply(Action::Resize {
        width: w,
        height: h,
    });
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| draw(app, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..w {
            let cell = &buf[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = cell.symbol();
            line.push_str(sym);
            // A wide character covers the next cell, which holds nothing to print.
            skip = unicode_cells(sym).saturating_sub(1);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn unicode_cells(s: &str) -> usize {
    ratatui::text::Span::raw(s).width()
}

#[test]
fn tab_overview() {
    let mut a = app();
    insta::assert_snapshot!(render(&mut a, 100, 30));
}

#[test]
fn tab_agreements() {
    let mut a = app();
    a.apply(Action::ShowTab(Tab::Agreements));
    insta::assert_snapshot!(render(&mut a, 100, 30));
}

#[test]
fn tab_meetings() {
    let mut a = app();
    a.apply(Action::ShowTab(Tab::Meetings));
    insta::assert_snapshot!(render(&mut a, 100, 30));
}

#[test]
fn tab_counterparts() {
    let mut a = app();
    a.apply(Action::ShowTab(Tab::Counterparts));
    a.apply(Action::Down);
    insta::assert_snapshot!(render(&mut a, 100, 30));
}

#[test]
fn tab_focus() {
    let mut a = app();
    a.apply(Action::ShowTab(Tab::Focus));
    insta::assert_snapshot!(render(&mut a, 100, 30));
}

#[test]
fn tab_sources() {
    let mut a = app();
    a.apply(Action::ShowTab(Tab::Sources));
    insta::assert_snapshot!(render(&mut a, 100, 30));
}

#[test]
fn small_terminal_80x24() {
    let mut a = app();
    a.apply(Action::ShowTab(Tab::Meetings));
    insta::assert_snapshot!(render(&mut a, 80, 24));
}

#[test]
fn help_popup() {
    let mut a = app();
    key(&mut a, KeyCode::Char('?'));
    insta::assert_snapshot!(render(&mut a, 100, 30));
}

#[test]
fn search_popup_snoeck() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "snoeck");
    insta::assert_snapshot!(render(&mut a, 100, 30));
}

#[test]
fn search_enter_lands_on_belgium_and_snoeck() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "snoeck");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.selected().unwrap().partner, "BEL");
    assert_eq!(a.view().tab, Tab::Counterparts);
    let screen = render(&mut a, 100, 30);
    let row = screen
        .lines()
        .find(|l| l.contains("Eric Snoeck"))
        .expect("Snoeck listed");
    assert!(row.contains("▶ Eric Snoeck"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn focus_picker() {
    let mut a = app();
    key(&mut a, KeyCode::Char('f'));
    key(&mut a, KeyCode::Char('j'));
    key(&mut a, KeyCode::Char(' '));
    insta::assert_snapshot!(render(&mut a, 100, 30));
}

#[test]
fn kind_picker() {
    let mut a = app();
    key(&mut a, KeyCode::Char('t'));
    key(&mut a, KeyCode::Char(' '));
    insta::assert_snapshot!(render(&mut a, 80, 24));
}

#[test]
fn date_range_popup() {
    let mut a = app();
    key(&mut a, KeyCode::Char('d'));
    insta::assert_snapshot!(render(&mut a, 100, 30));
}

/// Searches `query`, picks the first hit and opens its evidence popup.
fn open_evidence_of(a: &mut App, query: &str) {
    key(a, KeyCode::Char('/'));
    typed(a, query);
    key(a, KeyCode::Enter);
    key(a, KeyCode::Enter);
}

#[test]
fn evidence_popup() {
    let mut a = app();
    open_evidence_of(&mut a, "snoeck");
    insta::assert_snapshot!(render(&mut a, 100, 30));
}

/// The popup keeps the sentences of the page it shows (a cached dataset reads them from
/// disk): turning the page must bring the new page's own sentences.
#[test]
fn evidence_pages_show_their_own_sentences() {
    let mut a = app();
    // The evidence of the official the search selects: every event he was met in.
    open_evidence_of(&mut a, "snoeck");
    let pages = match &a.view().popup {
        Some(Popup::Evidence(ev)) => ev.pages.clone(),
        other => panic!("no evidence popup: {other:?}"),
    };
    // More than one event or source, so pages are turned.
    assert!(pages.len() > 1, "{pages:?}");
    assert!(pages.iter().any(|&(e, _)| e != pages[0].0), "{pages:?}");
    for (p, &(e, _)) in pages.iter().enumerate() {
        let Some(Popup::Evidence(ev)) = &a.view().popup else {
            panic!("the popup closed on page {p}");
        };
        assert_eq!(ev.page, p);
        let want: Vec<String> = a.dataset().events[e]
            .sources
            .iter()
            .map(|s| s.sentence.text().into_owned())
            .collect();
        assert_eq!(ev.sentences, want, "page {p}");
        key(&mut a, KeyCode::Right);
    }
}

#[test]
fn empty_result_says_why() {
    let mut f = Filter::default();
    f.focus.insert("cybercrime".to_owned());
    f.since = Some(pd("2025-01"));
    let mut a = app_with(f);
    let screen = render(&mut a, 100, 30);
    assert!(
        screen.contains("no events match: focus=cybercrime, since 2025-01"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn tiny_terminal() {
    let mut a = app();
    insta::assert_snapshot!(render(&mut a, 20, 5));
}

#[test]
fn warnings_view() {
    let mut a = app();
    key(&mut a, KeyCode::Char('w'));
    let screen = render(&mut a, 100, 30);
    assert!(screen.contains("2 unreadable"), "{screen}");
    insta::assert_snapshot!(screen);
}

#[test]
fn wide_characters_keep_the_columns() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    typed(&mut a, "japan");
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.selected().unwrap().partner, "JPN");
    a.apply(Action::ShowTab(Tab::Agreements));
    insta::assert_snapshot!(render(&mut a, 80, 24));
}

#[test]
fn kind_filter_from_the_picker_and_esc_clears() {
    let mut a = app();
    key(&mut a, KeyCode::Char('t'));
    // The first kind is "agreement".
    key(&mut a, KeyCode::Char(' '));
    key(&mut a, KeyCode::Enter);
    assert!(a.view().popup.is_none());
    assert_eq!(a.filter().kinds, [Kind::Agreement].into());
    let partners: Vec<&str> = a.rows().iter().map(|p| p.partner.as_str()).collect();
    assert_eq!(partners, ["BEL", "FRA", "JPN"]);
    key(&mut a, KeyCode::Esc);
    assert!(a.filter().is_empty());
    assert_eq!(a.view().message.as_ref().unwrap().text, "filters cleared");
    assert_eq!(a.rows().len(), 17);
}

#[test]
fn typed_dates_apply_and_bad_dates_are_explained() {
    let mut a = app();
    key(&mut a, KeyCode::Char('d'));
    key(&mut a, KeyCode::Tab);
    typed(&mut a, "2025");
    key(&mut a, KeyCode::Enter);
    assert!(a.view().popup.is_none());
    assert_eq!(a.filter().since, Some(pd("2025")));
    assert_eq!(a.filter().until, None);

    key(&mut a, KeyCode::Char('d'));
    typed(&mut a, "-13");
    key(&mut a, KeyCode::Enter);
    let Some(Popup::Dates(d)) = &a.view().popup else {
        panic!("the form stays open on a bad date");
    };
    assert!(
        d.error.as_deref().unwrap().contains("2025-13"),
        "{:?}",
        d.error
    );
    let screen = render(&mut a, 100, 30);
    assert!(screen.contains("not a real date"), "{screen}");
    key(&mut a, KeyCode::Esc);
    assert_eq!(
        a.filter().since,
        Some(pd("2025")),
        "Esc keeps the old range"
    );

    // A preset: "2024 only".
    key(&mut a, KeyCode::Char('d'));
    // From the typed "from" field back to the presets.
    key(&mut a, KeyCode::BackTab);
    let Some(Popup::Dates(d)) = &a.view().popup else {
        panic!("no date form");
    };
    let at = d
        .presets
        .iter()
        .position(|p| p.label == "2024 only")
        .unwrap();
    for _ in 0..at {
        key(&mut a, KeyCode::Char('j'));
    }
    key(&mut a, KeyCode::Enter);
    assert_eq!(
        (a.filter().since, a.filter().until),
        (Some(pd("2024")), Some(pd("2024")))
    );
}

#[test]
fn sort_cycles_through_activity_last_contact_and_name() {
    let mut a = app();
    assert_eq!(a.selected().unwrap().partner, "FRA");
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(a.view().sort, Sort::LastContact);
    // The selection follows the country, not the row.
    assert_eq!(a.selected().unwrap().partner, "FRA");
    assert_eq!(a.rows()[0].partner, "FRA");
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(a.view().sort, Sort::Name);
    assert_eq!(a.rows()[0].partner, "BEL");
    key(&mut a, KeyCode::Char('s'));
    assert_eq!(a.view().sort, Sort::Activity);
}

#[test]
fn copy_and_export_are_effects_for_the_runtime() {
    let mut a = app();
    let copied = a.handle_key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
    let Some(Effect::Copy(text)) = copied else {
        panic!("y copies: {copied:?}");
    };
    assert!(text.starts_with("France (FRA)"), "{text}");
    assert!(text.contains("Céline Berthon"), "{text}");
    a.apply(Action::ShowTab(Tab::Agreements));
    let Some(Effect::Copy(text)) = a.apply(Action::Copy) else {
        panic!("no copy");
    };
    assert!(text.contains("action plan for 2025-2027"), "{text}");
    assert!(text.contains("Fes News"), "{text}");
    assert_eq!(a.apply(Action::Export), Some(Effect::Export("FRA".into())));
    assert_eq!(
        a.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Some(Effect::Quit)
    );
}

#[test]
fn mouse_selects_countries_tabs_and_rows() {
    let mut a = app();
    let screen = render(&mut a, 100, 30);
    let lines: Vec<&str> = screen.lines().collect();
    let row = lines.iter().position(|l| l.contains(" Belgium ")).unwrap();
    a.apply(Action::Click {
        column: 5,
        row: u16::try_from(row).unwrap(),
    });
    assert_eq!(a.selected().unwrap().partner, "BEL");
    assert_eq!(a.view().pane, Pane::List);
    let tabs = lines.iter().position(|l| l.contains("4 People")).unwrap();
    let col = lines[tabs].chars().take_while(|_| true).collect::<Vec<_>>();
    let x = (0..col.len())
        .find(|&i| col[i..].iter().collect::<String>().starts_with("4 People"))
        .unwrap();
    a.apply(Action::Click {
        column: u16::try_from(x).unwrap(),
        row: u16::try_from(tabs).unwrap(),
    });
    assert_eq!(a.view().tab, Tab::Counterparts);
    // The wheel over the detail pane moves its selection.
    a.apply(Action::Wheel {
        column: 60,
        row: 10,
        down: true,
    });
    assert_eq!(a.view().detail[Tab::Counterparts.index()].sel, 1);
    assert_eq!(a.view().pane, Pane::Detail);
}

#[test]
fn configured_keys_replace_the_defaults_and_show_in_the_help() {
    let settings =
        Settings::parse("theme = \"monochrome\"\n[keys]\nquit = \"x\"\n", "c.toml").unwrap();
    let mut a = App::new(
        DATA.clone(),
        &GZ,
        AppConfig {
            keymap: settings.keymap,
            theme: settings.theme,
            ..AppConfig::on(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap())
        },
    );
    assert_eq!(
        a.handle_key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
        None
    );
    let screen = render(&mut a, 100, 30);
    assert!(screen.contains("x quit"), "{screen}");
    // Monochrome marks the selection with ">".
    assert!(screen.contains("> France"), "{screen}");
    assert_eq!(
        a.handle_key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE)),
        Some(Effect::Quit)
    );
}

#[test]
fn help_lists_every_action() {
    let mut a = app();
    key(&mut a, KeyCode::Char('?'));
    let screen = render(&mut a, 120, 80);
    for name in liaison::tui::action_names() {
        assert!(
            screen.contains(name),
            "{name} missing from the help:\n{screen}"
        );
    }
}

#[test]
fn typing_q_in_the_search_types_it() {
    let mut a = app();
    key(&mut a, KeyCode::Char('/'));
    assert_eq!(
        a.handle_key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
        None
    );
    let Some(Popup::Search(s)) = &a.view().popup else {
        panic!("search closed");
    };
    assert_eq!(s.query.value, "q");
}

mod random_states {
    use super::*;
    use proptest::collection::{btree_set, vec};
    use proptest::prelude::*;
    use tui_input::InputRequest;

    fn simple_action() -> impl Strategy<Value = Action> {
        proptest::sample::select(vec![
            Action::Quit,
            Action::Help,
            Action::Search,
            Action::Up,
            Action::Down,
            Action::Top,
            Action::Bottom,
            Action::HalfPageDown,
            Action::HalfPageUp,
            Action::PageDown,
            Action::PageUp,
            Action::NextPane,
            Action::PrevPane,
            Action::Left,
            Action::Right,
            Action::ShowTab(Tab::Overview),
            Action::ShowTab(Tab::Agreements),
            Action::ShowTab(Tab::Meetings),
            Action::ShowTab(Tab::Counterparts),
            Action::ShowTab(Tab::Focus),
            Action::ShowTab(Tab::Sources),
            Action::NextTab,
            Action::PrevTab,
            Action::Open,
            Action::Back,
            Action::Toggle,
            Action::FilterFocus,
            Action::FilterKind,
            Action::FilterDates,
            Action::Sort,
            Action::Copy,
            Action::Export,
            Action::Warnings,
            Action::Edit(InputRequest::DeletePrevChar),
            Action::Edit(InputRequest::GoToStart),
            Action::Edit(InputRequest::DeleteLine),
        ])
    }

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            6 => simple_action(),
            1 => (0u16..310, 0u16..110).prop_map(|(column, row)| Action::Click { column, row }),
            1 => (0u16..310, 0u16..110, any::<bool>())
                .prop_map(|(column, row, down)| Action::Wheel { column, row, down }),
            1 => (0u16..=300, 0u16..=100)
                .prop_map(|(width, height)| Action::Resize { width, height }),
            // Letters of the corpus, wide characters, combining marks, digits and dashes
            // (for the date fields), and anything at all.
            2 => prop_oneof![
                proptest::sample::select(vec!['s', 'n', 'o', 'e', 'c', 'k', 'b', 'F', '2', '0', '-', '中', '😀', '\u{301}', ' ']),
                any::<char>(),
            ]
            .prop_map(|c| Action::Edit(InputRequest::InsertChar(c))),
        ]
    }

    fn filter() -> impl Strategy<Value = Filter> {
        let year = || proptest::option::of((2014i32..2028).prop_map(PartialDate::year));
        (
            btree_set(proptest::sample::select(Kind::ALL.to_vec()), 0..3),
            btree_set(
                proptest::sample::select(vec![
                    "counterterrorism".to_owned(),
                    "cybercrime".to_owned(),
                    "organized crime".to_owned(),
                    "no such area".to_owned(),
                ]),
                0..2,
            ),
            year(),
            year(),
        )
            .prop_map(|(kinds, focus, since, until)| Filter {
                since,
                until,
                kinds,
                focus,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Whatever the user did and whatever the terminal size, drawing does not panic.
        #[test]
        fn any_state_renders_at_any_size(
            f in filter(),
            actions in vec(action(), 0..40),
            w in 1u16..=300,
            h in 1u16..=100,
        ) {
            let mut a = app_with(f);
            for act in actions {
                a.apply(act);
            }
            // The last size the state saw may differ from the frame's: draw must cope.
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|fr| draw(&a, fr)).unwrap();
            render(&mut a, w, h);
        }
    }
}

/// The seed corpus's dataset, without the articles `drop` names (by id's start).
fn seed_dataset(drop: &str) -> Dataset {
    let mut corpus = liaison::corpus::Corpus::embedded();
    corpus
        .articles
        .retain(|a| drop.is_empty() || !a.meta.id.starts_with(drop));
    let x = liaison::extract::extract_corpus(&GZ, &corpus, None);
    Dataset::build(x, &Aliases::default())
}

/// The current dataset shown in place of an earlier one (`App::replace_data`): the header
/// says "updating…" until then; the filter, the sort and the selected country stay; what
/// was worked out from the earlier dataset (rows, counts, the profile, an open search) is
/// not shown again.
#[test]
fn replacing_the_dataset_keeps_the_view_and_drops_what_came_from_the_old_one() {
    use liaison::columns::Index;
    let earlier = seed_dataset("2025-06-24");
    let current = seed_dataset("");
    assert!(current.events.len() > earlier.events.len());
    let mut app = App::new(
        earlier,
        &GZ,
        AppConfig::on(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()),
    );
    app.set_updating(true);
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('j'));
    let chosen = app.selected().map(|p| p.partner.clone()).unwrap();
    let sort = app.view().sort;
    let screen = render(&mut app, 120, 35);
    assert!(
        screen.lines().next().unwrap().contains("updating…"),
        "{screen}"
    );
    let events_before = app.selected().map(|p| p.total);
    key(&mut app, KeyCode::Char('/'));
    assert!(matches!(app.view().popup, Some(Popup::Search(_))));

    let index = Index::new(&current, &GZ);
    let old = app.replace_data(current.clone(), index);
    app.set_updating(false);
    assert_ne!(old, current);
    assert_eq!(app.dataset(), &current);
    assert!(app.view().popup.is_none());
    assert_eq!(app.view().sort, sort);
    assert_eq!(app.selected().map(|p| p.partner.clone()), Some(chosen));
    // Drawn from the current dataset alone: the same screen as a dashboard started on it
    // with the same keys.
    let mut fresh = App::new(
        current,
        &GZ,
        AppConfig::on(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()),
    );
    key(&mut fresh, KeyCode::Char('s'));
    key(&mut fresh, KeyCode::Char('j'));
    let after = render(&mut app, 120, 35);
    assert!(!after.contains("updating…"));
    assert_eq!(after, render(&mut fresh, 120, 35));
    assert!(app.selected().map(|p| p.total) >= events_before);
}
