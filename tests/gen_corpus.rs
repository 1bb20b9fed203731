//! The synthetic corpus generator (`examples/gen_corpus.rs`, included here as a module so the
//! test needs no second build): the same seed gives the same bytes, and everything it writes
//! loads cleanly as articles and gold, with the evidence and names it claims actually in the
//! text.

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod generator;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use liaison::corpus::Corpus;
use liaison::eval::load_gold;

/// Every file under `dir`, by path relative to it, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn generate(dir: &Path, articles: usize, seed: u64) -> generator::Summary {
    generator::generate(&generator::Options {
        articles,
        seed,
        out: dir.to_path_buf(),
    })
    .unwrap()
}

#[test]
fn same_seed_same_bytes() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    generate(a.path(), 20, 42);
    generate(b.path(), 20, 42);
    let ta = tree(a.path());
    assert_eq!(ta.len(), 40, "20 articles and 20 gold files");
    assert!(ta == tree(b.path()), "same seed, different bytes");
    generate(c.path(), 20, 43);
    assert!(ta != tree(c.path()), "another seed gives another corpus");
}

#[test]
fn articles_do_not_depend_on_the_corpus_size() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    generate(a.path(), 5, 7);
    generate(b.path(), 12, 7);
    let (ta, tb) = (tree(a.path()), tree(b.path()));
    for (path, bytes) in &ta {
        assert_eq!(tb.get(path), Some(bytes), "{}", path.display());
    }
}

#[test]
fn everything_loads_and_the_gold_matches_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let summary = generate(dir.path(), 20, 42);
    assert_eq!(summary.articles, 20);

    let gold = load_gold(&dir.path().join("gold")).unwrap();
    assert_eq!(gold.len(), 20);
    let events: usize = gold.iter().map(|g| g.events.len()).sum();
    assert_eq!(events, summary.events);
    let optional = gold
        .iter()
        .flat_map(|g| &g.events)
        .filter(|e| e.optional)
        .count();
    assert_eq!(optional, summary.optional);
    assert!(
        events - optional >= 10 * 20,
        "about ten required events per article: {events} ({optional} optional)"
    );

    let corpus = Corpus::from_paths(&[dir.path().join("articles")]).unwrap();
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    assert_eq!(corpus.articles.len(), 20);
    for g in &gold {
        let article = corpus
            .articles
            .iter()
            .find(|a| a.meta.id == g.article)
            .unwrap_or_else(|| panic!("no article for gold {}", g.article));
        assert!(article.meta.published.is_some(), "{}", g.article);
        for e in &g.events {
            assert!(
                !e.partners.is_empty(),
                "{}: an event without partner",
                g.article
            );
            for c in &e.counterparts {
                assert!(
                    article.body.contains(&c.name),
                    "{}: counterpart {} not in the text",
                    g.article,
                    c.name
                );
            }
        }
    }
    // The evidence (which the library's gold type does not keep) is verbatim text.
    for g in &gold {
        let path = dir.path().join("gold").join(format!("{}.json", g.article));
        let raw: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let body = &corpus
            .articles
            .iter()
            .find(|a| a.meta.id == g.article)
            .unwrap()
            .body;
        for e in raw["events"].as_array().unwrap() {
            let evidence = e["evidence"].as_str().unwrap();
            for part in evidence.split(" ... ") {
                assert!(body.contains(part), "{}: {part}", g.article);
            }
        }
    }
}

#[test]
fn refuses_to_write_over_an_old_corpus() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 2, 1);
    let again = generator::generate(&generator::Options {
        articles: 2,
        seed: 1,
        out: dir.path().to_path_buf(),
    });
    let e = again.expect_err("a second run into the same folder fails");
    assert!(e.to_string().contains("not empty"), "{e}");
}
