//! Scoring extraction against gold events (the format of the seed corpus's `gold/` folder).
//!
//! Per article and overall (micro-averaged: counts are summed before dividing):
//! - partner countries: the set of partners of the article's events;
//! - (partner, kind) pairs;
//! - partner-side counterparts, names compared after folding accents, case and hyphens;
//! - dates: the share of dated gold events for which an extracted event of the same kind and
//!   partner has the right year-month (or year, when the gold has only a year).
//!
//! Gold events marked `optional` are neither required nor penalised: what they contain is
//! removed from the extracted side unless a required event contains it too.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::dates::{PartialDate, Precision};
use crate::fold::fold;
use crate::model::{Event, Kind};

#[derive(Clone, Debug, Deserialize)]
pub struct GoldArticle {
    pub article: String,
    pub focal_country: String,
    pub events: Vec<GoldEvent>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldEvent {
    pub kind: Kind,
    pub date: Option<PartialDate>,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub counterparts: Vec<GoldCounterpart>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldCounterpart {
    pub name: String,
    #[serde(default)]
    pub country: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    #[error("{path}: cannot read gold folder: {source}")]
    Folder {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    File {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: no gold files (expected <article id>.json files)")]
    Empty { path: String },
}

/// Reads every `*.json` gold file of a folder, sorted by name.
pub fn load_gold(dir: &Path) -> Result<Vec<GoldArticle>, GoldError> {
    let shown = crate::sanitize::sanitize_line(&dir.display().to_string());
    let entries = std::fs::read_dir(dir).map_err(|source| GoldError::Folder {
        path: shown.clone(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let path = crate::sanitize::sanitize_line(&f.display().to_string());
        let text = std::fs::read_to_string(&f).map_err(|e| GoldError::File {
            path: path.clone(),
            line: 0,
            column: 0,
            message: e.to_string(),
        })?;
        let g: GoldArticle = serde_json::from_str(&text).map_err(|e| GoldError::File {
            path: path.clone(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        out.push(g);
    }
    if out.is_empty() {
        return Err(GoldError::Empty { path: shown });
    }
    Ok(out)
}

/// Extracts a corpus for scoring: each article with a gold file is read from the gold's
/// focal country's side (the annotation convention), the others as `extract_corpus` would.
pub fn extract_for_gold(
    gz: &crate::gazetteer::Gazetteer,
    corpus: &crate::corpus::Corpus,
    gold: &[GoldArticle],
) -> Vec<Event> {
    let mut events = Vec::new();
    for a in &corpus.articles {
        let side = gold
            .iter()
            .find(|g| g.article == a.meta.id)
            .map(|g| g.focal_country.as_str());
        events.extend(crate::extract::extract_article_from(gz, a, side).events);
    }
    events
}

/// True and false positives and negatives of one measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
    /// Compares an extracted set with a required one, ignoring extracted items that only
    /// optional gold events contain.
    fn of<T: Ord + Clone>(
        pred: &BTreeSet<T>,
        gold: &BTreeSet<T>,
        optional: &BTreeSet<T>,
    ) -> Counts {
        let pred: BTreeSet<&T> = pred
            .iter()
            .filter(|p| gold.contains(p) || !optional.contains(p))
            .collect();
        let tp = pred.iter().filter(|p| gold.contains(p)).count();
        Counts {
            tp,
            fp: pred.len() - tp,
            fn_: gold.len() - tp,
        }
    }
}

/// 1.0 for an empty denominator: nothing to find and nothing found is perfect.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Score {
    pub partners: Counts,
    pub pairs: Counts,
    pub counterparts: Counts,
    pub dates_correct: usize,
    pub dates_total: usize,
}

impl Score {
    pub fn dates(&self) -> f64 {
        ratio(self.dates_correct, self.dates_total)
    }
    fn add(&mut self, o: &Score) {
        self.partners.add(o.partners);
        self.pairs.add(o.pairs);
        self.counterparts.add(o.counterparts);
        self.dates_correct += o.dates_correct;
        self.dates_total += o.dates_total;
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ArticleScore {
    pub article: String,
    /// False when no extracted article has this id (everything counts as missed).
    pub found: bool,
    pub score: Score,
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub articles: Vec<ArticleScore>,
    pub overall: Score,
}

/// Scores `events` against `gold`. Each gold article is compared with the events whose first
/// source is that article; partners are taken relative to the gold's focal country.
pub fn evaluate(gold: &[GoldArticle], events: &[Event], article_ids: &[String]) -> Report {
    let mut articles = Vec::new();
    let mut overall = Score::default();
    // Events by article, once: scanning every event for every gold file is quadratic.
    let mut by_article: std::collections::HashMap<&str, Vec<&Event>> =
        std::collections::HashMap::new();
    for e in events {
        let mut seen: Vec<&str> = Vec::new();
        for s in &e.sources {
            if !seen.contains(&s.article.as_str()) {
                seen.push(&s.article);
                by_article.entry(&s.article).or_default().push(e);
            }
        }
    }
    let ids: std::collections::HashSet<&str> = article_ids.iter().map(String::as_str).collect();
    for g in gold {
        let preds: Vec<&Event> = by_article
            .get(g.article.as_str())
            .cloned()
            .unwrap_or_default();
        let score = score_article(g, &preds);
        overall.add(&score);
        articles.push(ArticleScore {
            article: g.article.clone(),
            found: ids.contains(g.article.as_str()),
            score,
        });
    }
    Report { articles, overall }
}

fn partners_of<'a, S: AsRef<str> + 'a>(
    parties: impl Iterator<Item = &'a S>,
    focal: &str,
) -> BTreeSet<String> {
    parties
        .map(AsRef::as_ref)
        .filter(|p| *p != focal)
        .map(str::to_string)
        .collect()
}

fn score_article(g: &GoldArticle, preds: &[&Event]) -> Score {
    let focal = g.focal_country.as_str();
    let (req, opt): (Vec<&GoldEvent>, Vec<&GoldEvent>) = g.events.iter().partition(|e| !e.optional);

    let gold_partners = |evs: &[&GoldEvent]| -> BTreeSet<String> {
        evs.iter()
            .flat_map(|e| partners_of(e.partners.iter(), focal))
            .collect()
    };
    let gold_pairs = |evs: &[&GoldEvent]| -> BTreeSet<(String, Kind)> {
        evs.iter()
            .flat_map(|e| {
                partners_of(e.partners.iter(), focal)
                    .into_iter()
                    .map(move |p| (p, e.kind))
            })
            .collect()
    };
    let gold_cps = |evs: &[&GoldEvent]| -> BTreeSet<String> {
        evs.iter()
            .flat_map(|e| e.counterparts.iter())
            .filter(|c| c.country.as_deref() != Some(focal))
            .map(|c| fold(&c.name))
            .collect()
    };

    let pred_partners: BTreeSet<String> = preds
        .iter()
        .flat_map(|e| partners_of(e.parties.iter(), focal))
        .collect();
    let pred_pairs: BTreeSet<(String, Kind)> = preds
        .iter()
        .flat_map(|e| {
            partners_of(e.parties.iter(), focal)
                .into_iter()
                .map(move |p| (p, e.kind))
        })
        .collect();
    let pred_cps: BTreeSet<String> = preds
        .iter()
        .flat_map(|e| e.counterparts.iter())
        .filter(|c| c.country.as_deref() != Some(focal))
        .map(|c| fold(&c.name))
        .collect();

    let mut score = Score {
        partners: Counts::of(&pred_partners, &gold_partners(&req), &gold_partners(&opt)),
        pairs: Counts::of(&pred_pairs, &gold_pairs(&req), &gold_pairs(&opt)),
        counterparts: Counts::of(&pred_cps, &gold_cps(&req), &gold_cps(&opt)),
        ..Score::default()
    };
    for ge in req.iter().filter(|e| e.date.is_some()) {
        score.dates_total += 1;
        let Some(gd) = ge.date else { continue };
        let p = gd.precision().min(Precision::Month);
        let want = gd.truncate(p);
        let gparts = partners_of(ge.partners.iter(), focal);
        let ok = preds.iter().any(|e| {
            e.kind == ge.kind
                && e.parties.iter().any(|x| gparts.contains(x.as_str()))
                && e.date
                    .is_some_and(|d| d.precision() >= p && d.truncate(p) == want)
        });
        if ok {
            score.dates_correct += 1;
        }
    }
    score
}

/// The report as a plain-text table.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let row = |name: &str, s: &Score| {
        format!(
            "{:<48} {:>5.2} {:>5.2} {:>5.2}  {:>5.2} {:>5.2} {:>5.2}  {:>5.2} {:>5.2} {:>5.2}  {:>5.2} ({}/{})\n",
            name,
            s.partners.precision(),
            s.partners.recall(),
            s.partners.f1(),
            s.pairs.precision(),
            s.pairs.recall(),
            s.pairs.f1(),
            s.counterparts.precision(),
            s.counterparts.recall(),
            s.counterparts.f1(),
            s.dates(),
            s.dates_correct,
            s.dates_total
        )
    };
    out.push_str(&format!(
        "{:<48} {:^17}  {:^17}  {:^17}  {}\n",
        "", "partners", "(partner, kind)", "counterparts", "dates"
    ));
    out.push_str(&format!(
        "{:<48} {:>5} {:>5} {:>5}  {:>5} {:>5} {:>5}  {:>5} {:>5} {:>5}  {:>5}\n",
        "article", "P", "R", "F1", "P", "R", "F1", "P", "R", "F1", "acc"
    ));
    for a in &report.articles {
        let mut name = a.article.clone();
        if !a.found {
            name.push_str(" (not in corpus)");
        }
        if name.chars().count() > 48 {
            name = name.chars().take(45).collect::<String>() + "...";
        }
        out.push_str(&row(&name, &a.score));
    }
    out.push_str(&row("overall", &report.overall));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Counterpart, Source, Status};

    fn ev(kind: Kind, date: &str, parties: &[&str], cps: &[(&str, &str)]) -> Event {
        Event {
            id: Default::default(),
            kind,
            date: PartialDate::parse(date).ok(),
            date_end: None,
            status: Status::Happened,
            parties: parties.iter().map(|&s| s.into()).collect(),
            partners: vec![],
            counterparts: cps
                .iter()
                .map(|(n, c)| Counterpart {
                    name: (*n).into(),
                    country: Some((*c).into()),
                    ..Default::default()
                })
                .collect(),
            focus: vec![],
            place: None,
            what: None,
            sources: vec![Source {
                article: "a".into(),
                sentence: Default::default(),
                start: 0,
                end: 0,
            }],
        }
    }

    fn gold() -> GoldArticle {
        serde_json::from_str(
            r#"{"article": "a", "focal_country": "MAR", "events": [
              {"kind": "meeting", "date": "2024-06", "partners": ["FRA"],
               "counterparts": [{"name": "Frédéric Veaux", "country": "FRA"},
                                {"name": "A Home", "country": "MAR"}]},
              {"kind": "visit", "date": "2024-06-26", "partners": ["FRA"], "counterparts": []},
              {"kind": "agreement", "date": null, "partners": ["ESP"], "counterparts": [],
               "optional": true}
            ]}"#,
        )
        .unwrap()
    }

    #[test]
    fn scores_sets_names_and_dates() {
        let events = vec![
            ev(
                Kind::Meeting,
                "2024-06-27",
                &["MAR", "FRA"],
                &[("Fréderic VEAUX", "FRA")],
            ),
            ev(Kind::Visit, "2024-07", &["MAR", "FRA"], &[]),
            ev(Kind::Agreement, "2024", &["MAR", "ESP"], &[]), // only in an optional event
            ev(Kind::Award, "2024", &["MAR", "DEU"], &[]),     // wrong
        ];
        let r = evaluate(&[gold()], &events, &["a".into()]);
        let s = &r.overall;
        assert_eq!(
            s.partners,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            s.pairs,
            Counts {
                tp: 2,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            s.counterparts,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        // The meeting's 2024-06 is right; the visit's 2024-07 is not.
        assert_eq!((s.dates_correct, s.dates_total), (1, 2));
        assert!((s.partners.f1() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn missing_article_counts_as_missed() {
        let r = evaluate(&[gold()], &[], &[]);
        assert!(!r.articles[0].found);
        assert_eq!(r.overall.partners.fn_, 1);
        assert_eq!(r.overall.partners.recall(), 0.0);
        assert!(render(&r).contains("not in corpus"));
    }

    #[test]
    fn bad_gold_file_names_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.json"), "{\n \"article\": 3\n}").unwrap();
        let e = load_gold(dir.path()).unwrap_err().to_string();
        assert!(e.contains("x.json:2:"), "{e}");
    }
}
