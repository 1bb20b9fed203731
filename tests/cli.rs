//! The `liaison` binary: output shape for scripts, warnings for bad articles, exit codes.

mod common;

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn liaison(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_liaison"))
        .args(args)
        .env_remove("LIAISON_DATA")
        .env("LIAISON_CACHE_DIR", common::cache_dir())
        .env(
            "LIAISON_CONFIG_DIR",
            std::env::temp_dir().join("liaison-test-no-config"),
        )
        .output()
        .expect("binary runs")
}

#[test]
fn extract_json_has_the_documented_shape() {
    let out = liaison(&["extract", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let articles = v["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 5);
    for key in ["id", "title", "source", "url", "published"] {
        assert!(articles[0].get(key).is_some(), "article.{key}");
    }
    let events = v["events"].as_array().expect("events");
    assert!(events.len() >= 25, "{} events", events.len());
    let kinds = [
        "agreement",
        "meeting",
        "visit",
        "award",
        "training",
        "assistance",
        "statement",
    ];
    for e in events {
        for key in [
            "id",
            "kind",
            "date",
            "status",
            "parties",
            "partners",
            "counterparts",
            "focus",
            "sources",
        ] {
            assert!(e.get(key).is_some(), "event.{key} in {e}");
        }
        assert!(kinds.contains(&e["kind"].as_str().unwrap()));
        assert!(["happened", "planned"].contains(&e["status"].as_str().unwrap()));
        if let Some(d) = e["date"].as_str() {
            assert!(matches!(d.len(), 4 | 7 | 10), "date {d}");
        }
        // Partners are the parties minus the home country, Morocco for the seeds.
        let parties: Vec<&str> = e["parties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let partners: Vec<&str> = e["partners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert!(!partners.contains(&"MAR"));
        assert!(partners.iter().all(|p| parties.contains(p)));
        for c in e["counterparts"].as_array().unwrap() {
            for key in ["name", "title", "org", "country"] {
                assert!(c.get(key).is_some(), "counterpart.{key}");
            }
        }
        let s = &e["sources"][0];
        let (start, end) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
        assert!(start < end);
        assert!(s["article"].as_str().unwrap().len() > 10);
        assert!(!s["sentence"].as_str().unwrap().is_empty());
    }
    assert!(v["warnings"].as_array().unwrap().is_empty());
    assert_eq!(v["home"], "MAR");
}

#[test]
fn sources_point_at_the_sentence_in_the_article_body() {
    let out = liaison(&["extract", "--format", "json"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    for e in v["events"].as_array().unwrap() {
        for s in e["sources"].as_array().unwrap() {
            let file = std::fs::read_to_string(
                root.join(format!("{}.txt", s["article"].as_str().unwrap())),
            )
            .unwrap();
            let body = file.split_once("\n---\n").map(|(_, b)| b).unwrap_or(&file);
            let (start, end) = (
                s["start"].as_u64().unwrap() as usize,
                s["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&body[start..end], s["sentence"].as_str().unwrap());
        }
    }
}

#[test]
fn home_option_changes_partners() {
    let out = liaison(&["extract", "--format", "json", "--home", "France"]);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["home"], "FRA");
    let any_mar = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["partners"].as_array().unwrap().iter().any(|p| p == "MAR"));
    assert!(any_mar);
    let bad = liaison(&["extract", "--home", "Atlantis"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("Atlantis"));
}

#[test]
fn malformed_articles_are_reported_and_the_rest_extracted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/articles/2024-12-wallafrica-morocco-belgium-action-plan.txt"),
        d.join("good.txt"),
    )
    .unwrap();
    std::fs::write(d.join("bad-date.txt"), "title: T\npublished: 2024-13-45\n---\nSpanish police met Moroccan officials in Rabat on Monday.\n").unwrap();
    std::fs::write(
        d.join("no-separator.txt"),
        "title: T\nsource: S\nThe ministers met.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("latin1.txt"),
        b"title: T\n---\nFirst line.\nCaf\xe9 talks in Paris.\n".as_slice(),
    )
    .unwrap();
    std::fs::write(d.join("empty.txt"), "").unwrap();

    let out = liaison(&["extract", "--format", "json", d.to_str().unwrap()]);
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let warnings = v["warnings"].as_array().unwrap();
    let find = |file: &str| {
        warnings
            .iter()
            .find(|w| w["article"].as_str().unwrap().ends_with(file))
            .unwrap_or_else(|| panic!("no warning for {file}: {warnings:?}"))
    };
    assert_eq!(find("bad-date.txt")["line"], 2);
    assert!(
        find("bad-date.txt")["message"]
            .as_str()
            .unwrap()
            .contains("2024-13-45")
    );
    assert_eq!(find("no-separator.txt")["line"], 2);
    assert_eq!(find("latin1.txt")["line"], 4);
    assert_eq!(find("empty.txt")["line"], 1);
    // Every readable article is still there, and the good one still yields its events.
    let ids: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    for id in ["good", "bad-date", "no-separator", "latin1"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    assert!(!ids.contains(&"empty"));
    let good = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["sources"][0]["article"] == "good")
        .count();
    assert!(good >= 3, "{good} events from the good article");

    // The table view prints the same warnings on stderr, with file and line.
    let out = liaison(&["extract", d.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad-date.txt:2:"), "{err}");
}

#[test]
fn missing_corpus_path_is_a_usage_error() {
    let out = liaison(&["extract", "/nonexistent/liaison-corpus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/liaison-corpus"));
}

#[test]
fn eval_prints_scores() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = liaison(&[
        "eval",
        "--gold",
        root.join("tests/gold").to_str().unwrap(),
        "--json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 5);
    assert!(v["overall"]["dates_total"].as_u64().unwrap() == 30);
}
