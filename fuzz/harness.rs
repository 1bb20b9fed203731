//! The bodies of the fuzz targets.
//!
//! Shared (with `#[path]`) by the targets in `fuzz_targets/` and by
//! `tests/fuzz_regressions.rs`, so every committed regression input runs through exactly the
//! code the fuzzer ran. Besides "does not panic", each body checks invariants the rest of
//! liaison relies on: sanitised text has no control characters, warnings and data errors name
//! a real line, source offsets point into the body.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::LazyLock;

use liaison::aliases::Aliases;
use liaison::article::{Article, parse_article};
use liaison::config::Config;
use liaison::gazetteer::{DataError, Gazetteer};
use liaison::sanitize::sanitize;
use liaison::text::{Normalized, blocks, sentences};

/// The built-in knowledge, compiled once per process.
static GAZETTEER: LazyLock<Option<Gazetteer>> = LazyLock::new(|| Gazetteer::embedded().ok());

/// One folder per data file, each holding only that file, so `Gazetteer::load` reads exactly
/// the file under test. Kept for the life of the process.
static DATA_DIR: LazyLock<Option<tempfile::TempDir>> = LazyLock::new(|| {
    tempfile::Builder::new()
        .prefix("liaison-fuzz-")
        .tempdir()
        .ok()
});

/// The data files the first input byte chooses between.
const DATA_FILES: [&str; 6] = [
    "countries.toml",
    "agencies.toml",
    "organisations.toml",
    "titles.toml",
    "triggers.toml",
    "focus.toml",
];

/// The number of lines, with `\r\n`, `\r` and `\n` all ending one, as the parser reads them.
fn line_count(data: &[u8]) -> usize {
    let mut n = 1;
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'\r' if data.get(i + 1) == Some(&b'\n') => {
                n += 1;
                i += 1;
            }
            b'\r' | b'\n' => n += 1,
            _ => {}
        }
        i += 1;
    }
    n
}

fn parse(data: &[u8]) -> Option<Article> {
    let (article, warnings) = parse_article("fuzz", "fuzz/input.txt", data);
    let lines = line_count(data);
    for w in &warnings {
        assert!(
            (1..=lines + 1).contains(&w.line),
            "warning line {} outside the file ({lines} lines): {w:?}",
            w.line
        );
        assert_eq!(w.article, "fuzz/input.txt");
        assert!(!w.message.chars().any(|c| c.is_control()), "{w:?}");
    }
    let a = article?;
    assert!(!a.body.trim().is_empty(), "an empty body was kept");
    assert!(
        !a.body.chars().any(|c| c.is_control() && c != '\n'),
        "control character in the body: {:?}",
        a.body
    );
    assert_eq!(
        sanitize(&a.body),
        a.body,
        "body not sanitised (or not idempotent)"
    );
    assert!(a.body_line >= 1 && a.body_line <= lines + 1);
    for v in [&a.meta.title, &a.meta.source, &a.meta.url]
        .into_iter()
        .flatten()
    {
        assert!(
            !v.chars().any(|c| c.is_control()),
            "control character in {v:?}"
        );
    }
    Some(a)
}

/// `article`: the parser on arbitrary bytes, then text preparation as extraction does it.
pub fn article(data: &[u8]) {
    let Some(a) = parse(data) else { return };
    let norm = Normalized::new(&a.body);
    let text = norm.text.as_str();
    for b in blocks(text, a.meta.source.as_deref()) {
        assert!(b.start <= b.end && b.end <= text.len(), "{b:?}");
        for (s, e) in sentences(text, b.start, b.end) {
            assert!(
                b.start <= s && s <= e && e <= b.end,
                "sentence {s}..{e} in {b:?}"
            );
            assert!(
                text.get(s..e).is_some(),
                "sentence {s}..{e} not on char boundaries"
            );
            let (os, oe) = norm.original(s, e);
            assert!(
                a.body.get(os..oe).is_some(),
                "original offsets {os}..{oe} do not slice the body"
            );
        }
    }
}

/// `extract`: the parser, then the extractor with the built-in gazetteer.
pub fn extract(data: &[u8]) {
    let Some(gz) = GAZETTEER.as_ref() else {
        panic!("the built-in gazetteer does not load");
    };
    let Some(a) = parse(data) else { return };
    for ev in liaison::extract::extract_article(gz, &a) {
        assert!(!ev.sources.is_empty(), "an event without a source: {ev:?}");
        for s in &ev.sources {
            assert!(
                a.body.get(s.start..s.end).is_some(),
                "source {}..{} does not slice the body of {} bytes",
                s.start,
                s.end,
                a.body.len()
            );
        }
    }
}

fn check_error(e: &DataError, text: &str, file_end: &str) {
    assert!(
        e.file.ends_with(file_end),
        "error names {:?}, not {file_end}",
        e.file
    );
    if e.line > 0 {
        let lines = text.split('\n').count();
        assert!(
            e.line <= lines,
            "error line {} past the end ({lines} lines): {e}",
            e.line
        );
        assert!(e.column >= 1, "line without a column: {e}");
    }
}

/// `data_files`: arbitrary text as one of the data files (chosen by the first byte), as the
/// configuration file and as the curation file.
pub fn data_files(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };

    // The curation file: a pure function of the text.
    let mut aliases = Aliases::default();
    if let Err(e) = aliases.add("aliases.toml", text) {
        check_error(&e, text, "aliases.toml");
    }

    let Some(root) = DATA_DIR.as_ref() else {
        panic!("no temporary folder");
    };
    let name = DATA_FILES[usize::from(which) % DATA_FILES.len()];
    let dir: PathBuf = root.path().join(name.trim_end_matches(".toml"));
    if std::fs::create_dir_all(&dir).is_err() || std::fs::write(dir.join(name), text).is_err() {
        panic!("cannot write the temporary data file");
    }
    if let Err(e) = Gazetteer::load(Some(&dir)) {
        // Errors found while compiling (a bad code, a bad pattern) name the file but no line.
        check_error(&e, text, name);
    }

    let config = root.path().join("config.toml");
    if std::fs::write(&config, text).is_err() {
        panic!("cannot write the temporary config file");
    }
    if let Err(e) = Config::load_from(&config) {
        check_error(&e, text, "config.toml");
    }
}
