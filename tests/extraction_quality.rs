//! Extraction quality gates: the seed corpus against its gold events (the targets),
//! and articles written for these tests in the same genre, between other countries, that the
//! rules were not written from.

use std::path::Path;

use liaison::corpus::Corpus;
use liaison::eval::{Report, evaluate, extract_for_gold, load_gold};
use liaison::gazetteer::Gazetteer;

fn score(articles: &str, gold: &str) -> Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let gz = Gazetteer::embedded().expect("data files load");
    let corpus = Corpus::from_paths(&[root.join(articles)]).expect("corpus loads");
    assert!(corpus.warnings.is_empty(), "{:?}", corpus.warnings);
    let gold = load_gold(&root.join(gold)).expect("gold loads");
    let events = extract_for_gold(&gz, &corpus, &gold);
    let ids: Vec<String> = corpus.articles.iter().map(|a| a.meta.id.clone()).collect();
    let report = evaluate(&gold, &events, &ids);
    assert!(
        report.articles.iter().all(|a| a.found),
        "every gold article is in the corpus"
    );
    report
}

fn check(r: &Report, partners: f64, pairs: f64, counterparts: f64, dates: f64) {
    let o = &r.overall;
    let table = liaison::eval::render(r);
    assert!(
        o.partners.f1() >= partners,
        "partners F1 {:.3} < {partners}\n{table}",
        o.partners.f1()
    );
    assert!(
        o.pairs.f1() >= pairs,
        "(partner, kind) F1 {:.3} < {pairs}\n{table}",
        o.pairs.f1()
    );
    assert!(
        o.counterparts.f1() >= counterparts,
        "counterparts F1 {:.3} < {counterparts}\n{table}",
        o.counterparts.f1()
    );
    assert!(
        o.dates() >= dates,
        "dates {:.3} < {dates}\n{table}",
        o.dates()
    );
}

#[test]
fn seed_corpus_meets_the_targets() {
    let r = score("data/articles", "tests/gold");
    check(&r, 0.95, 0.85, 0.90, 0.85);
    // Every dated gold event is counted: 30 in the seed gold.
    assert_eq!(r.overall.dates_total, 30);
}

#[test]
fn unseen_articles_between_other_countries() {
    let r = score(
        "tests/fixtures/unseen/articles",
        "tests/fixtures/unseen/gold",
    );
    check(&r, 0.95, 0.85, 0.85, 0.85);
}
