//! The look-up commands on the seed corpus: countries, show, who, brief; their JSON, their
//! filters and their exit codes.

mod common;

use std::process::{Command, Output};

use serde_json::Value;

fn liaison(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_liaison"))
        .args(args)
        .env_remove("LIAISON_DATA")
        .env("LIAISON_CACHE_DIR", common::cache_dir())
        .env_remove("NO_COLOR")
        .env(
            "LIAISON_CONFIG_DIR",
            std::env::temp_dir().join("liaison-test-no-config"),
        )
        .output()
        .expect("binary runs")
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = liaison(&all);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn names(v: &Value) -> Vec<String> {
    v["counterparts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn show_belgium_has_one_action_plan_with_two_sources() {
    let p = json(&["show", "belgium"]);
    assert_eq!(p["partner"], "BEL");
    let agreements = p["agreements"].as_array().unwrap();
    assert_eq!(agreements.len(), 1, "{agreements:?}");
    let a = &agreements[0];
    assert_eq!(a["date"], "2024-12");
    let mut articles: Vec<&str> = a["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["article"].as_str().unwrap())
        .collect();
    articles.sort();
    articles.dedup();
    assert_eq!(
        articles,
        [
            "2024-12-24-barlamane-hammouchi-2024-review",
            "2024-12-wallafrica-morocco-belgium-action-plan"
        ]
    );
    assert!(names(a).contains(&"Eric Snoeck".to_owned()));
    assert!(a["what"].as_str().unwrap().contains("joint action plan"));
}

#[test]
fn partner_queries_by_code_name_demonym_and_prefix() {
    for q in ["BEL", "bel", "Belgium", "Belgian", "belg"] {
        assert_eq!(json(&["show", q])["partner"], "BEL", "{q}");
    }
    for q in ["Türkiye", "turkey", "TUR"] {
        assert_eq!(json(&["show", q])["partner"], "TUR", "{q}");
    }
}

#[test]
fn who_lerner_shows_the_title_conflict_with_both_sources() {
    let v = json(&["who", "lerner"]);
    let people = v.as_array().unwrap();
    assert_eq!(people.len(), 1);
    let p = &people[0];
    assert_eq!(p["name"], "Nicolas Lerner");
    assert_eq!(p["conflict"], true);
    let claims = p["titles"].as_array().unwrap();
    let by_article = |id: &str| {
        claims
            .iter()
            .find(|c| c["article"] == id)
            .unwrap_or_else(|| panic!("no claim from {id}: {claims:?}"))
    };
    let june = by_article("2024-06-30-barlamane-hammouchi-france-trip");
    assert!(
        june["title"]
            .as_str()
            .unwrap()
            .contains("External Security")
    );
    let review = by_article("2024-12-24-barlamane-hammouchi-2024-review");
    assert!(
        review["title"]
            .as_str()
            .unwrap()
            .contains("Internal Security")
    );

    let text = String::from_utf8(liaison(&["who", "lerner"]).stdout).unwrap();
    assert!(text.contains("conflict"));
    assert!(text.contains("External Security") && text.contains("Internal Security"));
}

#[test]
fn who_searches_titles_and_organisations() {
    let bka = json(&["who", "bka"]);
    assert_eq!(bka[0]["name"], "Holger Münch");
    let fp: Vec<String> = json(&["who", "federal police"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        fp.contains(&"Eric Snoeck".to_owned()) && fp.contains(&"Dieter Romann".to_owned()),
        "{fp:?}"
    );
}

#[test]
fn show_france_lists_june_2024_meetings_and_june_2025_plan() {
    let p = json(&["show", "fr"]);
    assert_eq!(p["partner"], "FRA");
    let june_met: Vec<String> = p["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["kind"] == "meeting" && e["date"].as_str().is_some_and(|d| d.starts_with("2024-06"))
        })
        .flat_map(names)
        .collect();
    for who in ["Celine Berthon", "Nicolas Lerner", "Fréderic Veaux"] {
        assert!(
            june_met.contains(&who.to_owned()),
            "{who} not in {june_met:?}"
        );
    }
    let plan = p["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["date"] == "2025-06-24")
        .expect("June 2025 agreement");
    assert!(plan["what"].as_str().unwrap().contains("action plan"));
    // The curation file shows the French director general under his declared name.
    assert!(names(plan).contains(&"Louis Laugier".to_owned()));
    // The post's history: Veaux in June 2024, then Laugier in June 2025.
    let post = p["posts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["post"] == "Director General of the French National Police")
        .expect("the DGPN post");
    let holders: Vec<&str> = post["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h[0].as_str().unwrap())
        .collect();
    assert_eq!(holders, ["Fréderic Veaux", "Louis Laugier"]);
}

#[test]
fn filters_narrow_every_view() {
    let p = json(&["show", "fr", "--kind", "agreement"]);
    assert_eq!(p["total"], 1);
    assert!(p["timeline"].as_array().unwrap().is_empty());
    let p = json(&["show", "fr", "--since", "2025-01"]);
    for list in ["agreements", "timeline", "planned"] {
        for e in p[list].as_array().unwrap() {
            assert!(e["date"].as_str().is_some_and(|d| d >= "2025"), "{e}");
        }
    }
    let rows = json(&["countries", "--focus", "money laundering"]);
    let partners: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["partner"].as_str().unwrap())
        .collect();
    assert_eq!(partners, ["BEL"]);
}

#[test]
fn countries_rows_cover_every_partner() {
    let rows = json(&["countries"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows[0]["partner"], "FRA", "the busiest partner first");
    for code in ["BEL", "DEU", "ESP", "ITA", "SAU", "ARE", "TUR", "QAT"] {
        assert!(rows.iter().any(|r| r["partner"] == code), "{code}");
    }
    assert!(
        !rows.iter().any(|r| r["partner"] == "MAR"),
        "home is not a partner"
    );
    // Text output has no colour when stdout is not a terminal.
    let out = liaison(&["countries"]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}

#[test]
fn brief_spain_is_a_readable_markdown_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spain.md");
    let out = liaison(&["brief", "spain", "-o", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.starts_with("# Briefing: Spain (ESP)"));
    for heading in [
        "## Summary",
        "## Meetings and visits",
        "## Counterparts",
        "## Sources",
    ] {
        assert!(md.contains(heading), "{heading}");
    }
    assert!(md.contains("Fernando Grande-Marlaska"));
    assert!(md.contains("| Name | Post | Last contact | Note |"));
    // References carry outlet, date and URL.
    assert!(md.contains("Barlamane Today") && md.contains("<https://barlamantoday.com/"));
    // Nothing else was left in the folder (the write goes through a renamed temporary file).
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn exit_codes_and_near_matches() {
    let out = liaison(&["show", "atlantis"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("near:"));
    let out = liaison(&["who", "zzzqqq"]);
    assert_eq!(out.status.code(), Some(1));
    let out = liaison(&["countries", "--since", "2030"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no events match: since 2030"));
    let out = liaison(&["countries", "--since", "2024-13"]);
    assert_eq!(out.status.code(), Some(2));
    let out = liaison(&["countries", "--focus", "knitting"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cybercrime"),
        "lists the areas"
    );
    let out = liaison(&["show"]);
    assert_eq!(out.status.code(), Some(2), "clap usage error");
}

#[test]
fn completions_and_man_page() {
    let out = liaison(&["completions", "bash"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("countries"));
    let out = liaison(&["man"]);
    assert!(out.status.success());
    let man = String::from_utf8_lossy(&out.stdout);
    assert!(man.contains(".TH") && man.contains("liaison"));
}
