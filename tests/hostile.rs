//! The hostile corpus: one test per kind of bad input (README, "The article format").
//!
//! Each test puts one hostile file beside the five seed articles, runs the real binary
//! (`liaison --data DIR extract --json`) and checks three things: the warning README promises
//! (file, line, what was wrong) or none when the problem is "normalised silently"; what became
//! of the hostile article itself; and that every seed article is still loaded and gives exactly
//! the events it gives alone. The small files are committed in `tests/fixtures/hostile/`; the
//! big ones (a 50 MB article, a 1 MB single line) are generated here into a temporary folder.
//!
//! The hostile articles share one sentence that makes a known event, so "still extracted" is
//! checked for them too: a meeting between Spain and Morocco on 2024-03-12 with Fernando
//! Grande-Marlaska as a counterpart.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

const SENTENCE: &str = "Spanish Interior Minister Fernando Grande-Marlaska met Moroccan Interior Minister Abdelouafi Laftit in Rabat on 12 March 2024 to discuss counterterrorism cooperation.";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn seed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles")
}

fn seed_ids() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(seed_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert_eq!(ids.len(), 5, "the seed corpus changed: {ids:?}");
    ids
}

/// A corpus folder: the seed articles plus `extra` files.
fn corpus(extra: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for id in seed_ids() {
        let name = format!("{id}.txt");
        std::fs::copy(seed_dir().join(&name), dir.path().join(&name)).unwrap();
    }
    for (name, bytes) in extra {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    dir
}

struct Run {
    json: Value,
    stdout: Vec<u8>,
    stderr: String,
}

fn extract(dir: &Path) -> Run {
    let config = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .arg("--data")
        .arg(dir)
        .args(["extract", "--json"])
        .env_remove("LIAISON_DATA")
        .env("LIAISON_CONFIG_DIR", config.path())
        .output()
        .expect("liaison runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).expect("valid JSON on stdout");
    Run {
        json,
        stdout: out.stdout,
        stderr,
    }
}

impl Run {
    fn article(&self, id: &str) -> Option<&Value> {
        self.json["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
    }

    fn article_ids(&self) -> BTreeSet<String> {
        self.json["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_owned())
            .collect()
    }

    /// Events whose first source is article `id`.
    fn events_of(&self, id: &str) -> Vec<&Value> {
        self.json["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["sources"][0]["article"] == id)
            .collect()
    }

    /// The warnings about file `name`, as (line, message).
    fn warnings_for(&self, name: &str) -> Vec<(u64, String)> {
        self.json["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| {
                w["article"]
                    .as_str()
                    .is_some_and(|a| a.ends_with(&format!("/{name}")))
            })
            .map(|w| {
                (
                    w["line"].as_u64().unwrap(),
                    w["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    /// Exactly one warning about file `name`, on `line`, saying each of `phrases`.
    fn assert_one_warning(&self, name: &str, line: u64, phrases: &[&str]) {
        let w = self.warnings_for(name);
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].0, line, "{w:?}");
        for p in phrases {
            assert!(w[0].1.contains(p), "no {p:?} in {w:?}");
        }
    }

    fn all_warnings(&self) -> &Vec<Value> {
        self.json["warnings"].as_array().unwrap()
    }

    fn seed_event_ids(&self) -> BTreeSet<String> {
        let seeds = seed_ids();
        self.json["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| {
                e["sources"][0]["article"]
                    .as_str()
                    .is_some_and(|a| seeds.iter().any(|s| s == a))
            })
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect()
    }

    /// Every seed article loaded, with exactly the events it gives alone.
    fn assert_seeds_intact(&self) {
        let ids = self.article_ids();
        for seed in seed_ids() {
            assert!(ids.contains(&seed), "seed {seed} not loaded: {ids:?}");
        }
        assert_eq!(
            &self.seed_event_ids(),
            baseline(),
            "the seed events changed"
        );
    }

    /// The meeting of the shared sentence, from article `id`.
    fn assert_known_event(&self, id: &str) {
        let events = self.events_of(id);
        let found = events.iter().any(|e| {
            e["kind"] == "meeting"
                && e["date"] == "2024-03-12"
                && e["partners"] == serde_json::json!(["ESP"])
                && e["counterparts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|c| c["name"] == "Fernando Grande-Marlaska")
        });
        assert!(found, "no Spain–Morocco meeting from {id}: {events:#?}");
    }

    /// Nothing from an article reaches the output raw.
    fn assert_no_raw_controls(&self) {
        let text = String::from_utf8_lossy(&self.stdout);
        for (i, c) in text.chars().chain(self.stderr.chars()).enumerate() {
            assert!(
                c == '\n' || !c.is_control(),
                "control character {c:?} at {i} in the output"
            );
            assert!(
                !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'),
                "invisible character {c:?} at {i} in the output"
            );
        }
    }
}

/// The event ids of the seed articles alone.
fn baseline() -> &'static BTreeSet<String> {
    static IDS: OnceLock<BTreeSet<String>> = OnceLock::new();
    IDS.get_or_init(|| {
        let dir = corpus(&[]);
        let run = extract(dir.path());
        assert!(run.all_warnings().is_empty(), "{:?}", run.all_warnings());
        let ids = run.seed_event_ids();
        assert!(ids.len() >= 25, "{} seed events", ids.len());
        ids
    })
}

/// Runs one committed fixture beside the seeds.
fn run_fixture(name: &str) -> Run {
    let bytes = fixture_bytes(name);
    let dir = corpus(&[(name, &bytes)]);
    let run = extract(dir.path());
    run.assert_seeds_intact();
    run.assert_no_raw_controls();
    run
}

fn stem(name: &str) -> &str {
    name.trim_end_matches(".txt")
}

fn body_of(name: &str) -> String {
    let (article, _) = liaison::article::parse_article(stem(name), name, &fixture_bytes(name));
    article.expect("article kept").body
}

#[test]
fn invalid_utf8_is_replaced_and_named_by_line() {
    let name = "invalid-utf8.txt";
    let run = run_fixture(name);
    // The bad byte is on line 6.
    run.assert_one_warning(name, 6, &["invalid UTF-8"]);
    assert_eq!(run.article(stem(name)).unwrap()["title"], "Invalid bytes");
    run.assert_known_event(stem(name));
    let body = body_of(name);
    assert!(body.contains("A bad byte \u{FFFD}\u{FFFD} sits"), "{body}");
    assert!(body.ends_with("The rest of the article is still read."));
}

#[test]
fn invalid_utf8_line_counts_every_kind_of_line_end() {
    // The warning's line is the line as liaison reads it: `\r\n`, `\r` and `\n` each end one.
    let cases: [(&[u8], usize); 4] = [
        (b"title: T\n---\nGood.\nBad \xff byte.\n", 4),
        (b"title: T\r\n---\r\nGood.\r\nBad \xff byte.\r\n", 4),
        (b"title: T\r---\rGood.\rBad \xff byte.\r", 4),
        (b"title: T\n---\n\rGood.\nBad \xff byte.", 5),
    ];
    for (bytes, line) in cases {
        let (article, w) = liaison::article::parse_article("a", "a.txt", bytes);
        assert!(article.is_some());
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(w[0].line, line, "{:?}", String::from_utf8_lossy(bytes));
        assert!(w[0].message.contains("invalid UTF-8"));
    }
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let name = "binary.txt";
    let run = run_fixture(name);
    run.assert_one_warning(name, 1, &["binary"]);
    assert!(run.article(stem(name)).is_none());
    assert!(run.events_of(stem(name)).is_empty());
    assert_eq!(run.article_ids().len(), 5);
}

#[test]
fn empty_file_is_skipped_with_a_warning_at_line_1() {
    let name = "empty.txt";
    assert!(fixture_bytes(name).is_empty());
    let run = run_fixture(name);
    run.assert_one_warning(name, 1, &["empty"]);
    assert!(run.article(stem(name)).is_none());
    assert_eq!(run.article_ids().len(), 5);
}

#[test]
fn front_matter_without_separator_warns_and_keeps_the_body() {
    let name = "no-separator.txt";
    let run = run_fixture(name);
    // On the last key line.
    run.assert_one_warning(name, 3, &["`---`"]);
    let a = run.article(stem(name)).unwrap();
    assert_eq!(a["title"], "Missing separator");
    assert_eq!(a["published"], "2024-03-12");
    assert_eq!(body_of(name), SENTENCE);
    run.assert_known_event(stem(name));
}

#[test]
fn duplicate_key_keeps_the_first_value() {
    let name = "duplicate-key.txt";
    let run = run_fixture(name);
    run.assert_one_warning(name, 2, &["duplicate key `title`", "line 1"]);
    assert_eq!(run.article(stem(name)).unwrap()["title"], "First title");
    run.assert_known_event(stem(name));
}

#[test]
fn impossible_date_is_dropped_with_its_line() {
    let name = "impossible-date.txt";
    let run = run_fixture(name);
    run.assert_one_warning(name, 3, &["published", "2024-13-45"]);
    let a = run.article(stem(name)).unwrap();
    assert!(a["published"].is_null(), "{a}");
    // The sentence's own date still resolves.
    run.assert_known_event(stem(name));
}

#[test]
fn nul_bytes_are_replaced_silently() {
    let name = "nul-bytes.txt";
    let run = run_fixture(name);
    assert!(run.warnings_for(name).is_empty());
    run.assert_known_event(stem(name));
    let body = body_of(name);
    assert!(!body.contains('\0'));
    assert!(
        body.contains("Text\u{FFFD}with\u{FFFD}NUL\u{FFFD}bytes"),
        "{body}"
    );
}

fn assert_line_ends_normalised(name: &str, title: &str) {
    let run = run_fixture(name);
    assert!(
        run.warnings_for(name).is_empty(),
        "{:?}",
        run.warnings_for(name)
    );
    let a = run.article(stem(name)).unwrap();
    assert_eq!(a["title"], title);
    assert_eq!(a["source"], "Hostile Wire");
    assert_eq!(a["published"], "2024-03-12");
    assert_eq!(
        body_of(name),
        format!("{SENTENCE}\nA second paragraph follows.")
    );
    run.assert_known_event(stem(name));
    // Offsets are into the normalised body.
    let e = run.events_of(stem(name))[0];
    assert_eq!(e["sources"][0]["start"], 0);
    assert_eq!(e["sources"][0]["end"], SENTENCE.len());
}

#[test]
fn crlf_line_ends_are_normalised() {
    assert!(fixture_bytes("crlf.txt").windows(2).any(|w| w == b"\r\n"));
    assert_line_ends_normalised("crlf.txt", "CRLF line ends");
}

#[test]
fn lone_cr_line_ends_are_normalised() {
    let bytes = fixture_bytes("lone-cr.txt");
    assert!(bytes.contains(&b'\r') && !bytes.contains(&b'\n'));
    assert_line_ends_normalised("lone-cr.txt", "Lone CR line ends");
}

#[test]
fn byte_order_mark_does_not_hide_the_front_matter() {
    let name = "bom.txt";
    assert!(fixture_bytes(name).starts_with(b"\xEF\xBB\xBF"));
    let run = run_fixture(name);
    assert!(run.warnings_for(name).is_empty());
    assert_eq!(run.article(stem(name)).unwrap()["title"], "Byte order mark");
    assert_eq!(body_of(name), SENTENCE);
    run.assert_known_event(stem(name));
}

#[test]
fn right_to_left_arabic_is_kept_as_written() {
    let name = "arabic-rtl.txt";
    let run = run_fixture(name);
    assert!(run.warnings_for(name).is_empty());
    assert_eq!(
        run.article(stem(name)).unwrap()["title"],
        "تعاون أمني بين المغرب وإسبانيا"
    );
    assert!(body_of(name).starts_with("التقى وزير الداخلية الإسباني"));
    run.assert_known_event(stem(name));
}

#[test]
fn cjk_and_emoji_are_kept_as_written() {
    let name = "cjk-emoji.txt";
    let run = run_fixture(name);
    assert!(run.warnings_for(name).is_empty());
    // U+FE0F (variation selector) and U+200D (zero-width joiner inside the emoji sequence)
    // are not control characters; the joiner is dropped as a zero-width character.
    let title = run.article(stem(name)).unwrap()["title"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(title.starts_with("CJK 中文标题 and emoji 😀🇲🇦"), "{title}");
    assert!(body_of(name).contains("西班牙内政部长与摩洛哥内政部长在拉巴特会面"));
    run.assert_known_event(stem(name));
}

#[test]
fn zero_width_and_bidi_controls_are_dropped() {
    let name = "zero-width-bidi.txt";
    let run = run_fixture(name);
    assert!(run.warnings_for(name).is_empty());
    assert_eq!(
        run.article(stem(name)).unwrap()["title"],
        "Bidi edirrevo and zerowidth title"
    );
    // The names split by invisible characters are whole again.
    run.assert_known_event(stem(name));
    let body = body_of(name);
    assert!(
        body.contains("A reversed gnirts and an isolate مرحبا and a mark  here."),
        "{body}"
    );
}

#[test]
fn escape_sequences_never_reach_the_output() {
    let name = "escapes.txt";
    assert!(fixture_bytes(name).contains(&0x1b));
    let run = run_fixture(name);
    assert!(run.warnings_for(name).is_empty());
    assert_eq!(
        run.article(stem(name)).unwrap()["title"],
        "Escapes in the title"
    );
    run.assert_known_event(stem(name));
    let out = String::from_utf8_lossy(&run.stdout);
    for marker in ["PWNED", "UFdORUQ", "\u{1b}", "\u{9b}", "[2J", "10;10H"] {
        assert!(!out.contains(marker), "{marker:?} in the output");
        assert!(!run.stderr.contains(marker), "{marker:?} on stderr");
    }
    let body = body_of(name);
    assert_eq!(
        body.lines().nth(1),
        Some("Cursor moves, a clear  and an 8-bit CSI  remain harmless.")
    );
    assert_eq!(
        body.lines().nth(2),
        Some("A DCS  and an unterminated title ")
    );
}

#[test]
fn a_50_mb_article_loads_and_extracts() {
    let mut text = format!(
        "title: Fifty megabytes\nsource: Hostile Wire\npublished: 2024-03-12\n---\n{SENTENCE}\n"
    );
    let paragraph = "Officials described the talks as constructive and said further work would follow in the coming months.\n";
    let target = 50 * 1024 * 1024;
    text.reserve(target);
    while text.len() < target {
        text.push_str(paragraph);
    }
    let name = "fifty-mb.txt";
    let dir = corpus(&[(name, text.as_bytes())]);
    let started = std::time::Instant::now();
    let run = extract(dir.path());
    let took = started.elapsed();
    assert!(
        run.warnings_for(name).is_empty(),
        "{:?}",
        run.warnings_for(name)
    );
    assert!(run.article(stem(name)).is_some());
    run.assert_known_event(stem(name));
    run.assert_seeds_intact();
    assert!(
        took < std::time::Duration::from_secs(240),
        "50 MB took {took:?}"
    );
}

#[test]
fn a_1_mb_single_line_loads_and_extracts() {
    let mut line = format!("{SENTENCE} ");
    while line.len() < 1024 * 1024 {
        line.push_str("The delegation reviewed the results of joint operations. ");
    }
    assert!(!line.contains('\n'));
    let name = "one-line.txt";
    let dir = corpus(&[(name, line.as_bytes())]);
    let run = extract(dir.path());
    assert!(
        run.warnings_for(name).is_empty(),
        "{:?}",
        run.warnings_for(name)
    );
    assert!(run.article(stem(name)).is_some());
    run.assert_known_event(stem(name));
    run.assert_seeds_intact();
}

#[test]
fn every_hostile_fixture_at_once() {
    // All of them in one corpus: the skipped ones are the binary and the empty file, and the
    // warnings are exactly the five of the malformed files.
    let names: Vec<String> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 14, "{names:?}");
    let files: Vec<(String, Vec<u8>)> = names
        .iter()
        .map(|n| (n.clone(), fixture_bytes(n)))
        .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let dir = corpus(&refs);
    let run = extract(dir.path());
    run.assert_seeds_intact();
    run.assert_no_raw_controls();
    assert_eq!(run.article_ids().len(), 5 + 12);
    let mut warned: Vec<String> = run
        .all_warnings()
        .iter()
        .map(|w| {
            let a = w["article"].as_str().unwrap();
            a.rsplit('/').next().unwrap().to_owned()
        })
        .collect();
    warned.sort();
    assert_eq!(
        warned,
        [
            "binary.txt",
            "duplicate-key.txt",
            "empty.txt",
            "impossible-date.txt",
            "invalid-utf8.txt",
            "no-separator.txt"
        ]
    );
    for n in &names {
        if n != "binary.txt" && n != "empty.txt" {
            run.assert_known_event(stem(n));
        }
    }
}

// Invalid data files: errors with their file, line and column, exit code 2, never a panic.

/// Runs `liaison countries` with `files` in a fresh configuration folder.
fn with_config(files: &[(&str, &str)]) -> (Option<i32>, String) {
    let config = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = config.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .arg("countries")
        .env_remove("LIAISON_DATA")
        .env("LIAISON_CONFIG_DIR", config.path())
        .output()
        .expect("liaison runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn invalid_data_files_name_file_line_and_column() {
    let cases: [(&str, &str, &str); 6] = [
        (
            "data/countries.toml",
            "# mine\n[[country]]\ncode = \"XXA\"\nname = \"Atlantis\nmore = 1\n",
            ":4:17: invalid basic string",
        ),
        (
            "data/agencies.toml",
            "[[agency]]\nacronym = \"ZZ\"\nname = \"Z\"\ncountry = \"FRA\"\nsector = \"police\"\ncolour = \"red\"\n",
            ":6:1: unknown field `colour`",
        ),
        (
            "data/organisations.toml",
            "\n\n[[organisation]\n",
            ":3:16: unclosed array table",
        ),
        (
            "data/titles.toml",
            "heads = [\"Chief\", 3]\n",
            ":1:19: invalid type: integer `3`",
        ),
        (
            "data/triggers.toml",
            "priority = \"meeting\"\n",
            ":1:12: invalid type",
        ),
        (
            "data/focus.toml",
            "[areas]\ncyber = \"not a list\"\n",
            ":2:9: invalid type",
        ),
    ];
    for (file, text, place) in cases {
        let (code, stderr) = with_config(&[(file, text)]);
        assert_eq!(code, Some(2), "{file}: {stderr}");
        let name = file.rsplit('/').next().unwrap();
        assert!(
            stderr.contains(&format!("{name}{place}")),
            "{file}: expected `{name}{place}` in: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn invalid_config_and_aliases_name_line_and_column() {
    let (code, stderr) = with_config(&[("config.toml", "home = \"MAR\"\n\ntheme = dark\n")]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("config.toml:3:9:"), "{stderr}");

    let (code, stderr) = with_config(&[(
        "aliases.toml",
        "[[person]]\nname = \"A\"\naliases = [\"B\"]\n[[drop]]\nreason = \"no id\"\n",
    )]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("aliases.toml:4:1:"), "{stderr}");
    assert!(stderr.contains("event"), "{stderr}");
}

#[test]
fn data_file_errors_are_sanitised() {
    // A data file with escape sequences: the message may quote the file, but never raw.
    let (code, stderr) = with_config(&[(
        "config.toml",
        "home = \"MAR\"\n\u{1b}]0;PWNED\u{7}theme = \u{1b}[2J\n",
    )]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("config.toml:2:"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "raw escape sequence in: {stderr:?}"
    );
}

#[test]
fn library_data_errors_carry_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("focus.toml"),
        "[areas]\n# a comment\ncyber = [\"hacking\",\n  \"ransomware\" \"phishing\"]\n",
    )
    .unwrap();
    let e = liaison::gazetteer::Gazetteer::load(Some(dir.path())).unwrap_err();
    assert!(e.file.ends_with("focus.toml"), "{e}");
    assert_eq!((e.line, e.column), (4, 16), "{e}");

    let mut aliases = liaison::aliases::Aliases::default();
    let e = aliases
        .add("aliases.toml", "[[organisation]]\nname = 1\n")
        .unwrap_err();
    assert_eq!((e.line, e.column), (2, 8), "{e}");

    let path = dir.path().join("config.toml");
    std::fs::write(&path, "[keys]\nquit = [\"q\"]\n").unwrap();
    let e = liaison::config::Config::load_from(&path).unwrap_err();
    assert_eq!((e.line, e.column), (2, 8), "{e}");
}

#[test]
fn config_values_are_sanitised_in_errors() {
    let (code, stderr) = with_config(&[("config.toml", "home = \"\\u001b]0;PWNED\\u0007X\"\n")]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("unknown country"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "raw escape sequence in: {stderr:?}"
    );
}
