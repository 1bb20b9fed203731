//! Finding and loading articles: the embedded seed corpus, or folders and files on disk.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::article::{Article, parse_article};
use crate::model::Warning;
use crate::sanitize::sanitize_line;

/// The seed corpus, compiled in so `liaison` runs with no setup, from any directory.
static EMBEDDED: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data/articles");

/// Where articles come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorpusSource {
    /// The seed articles compiled into the binary.
    Embedded,
    /// Files and folders on disk; folders are searched recursively for `.txt` and `.md`.
    Paths(Vec<PathBuf>),
}

/// The loaded articles, in a stable order (by path), and what went wrong on the way.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
    pub warnings: Vec<Warning>,
    /// The ids taken, so that adding an article stays constant-time on a large corpus.
    ids: std::collections::HashSet<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{path}: no such file or folder (expected a corpus folder or article files)")]
    Missing { path: String },
    #[error("{path}: cannot read folder: {source}")]
    Unreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

impl Corpus {
    pub fn load(source: &CorpusSource) -> Result<Corpus, CorpusError> {
        match source {
            CorpusSource::Embedded => Ok(Corpus::embedded()),
            CorpusSource::Paths(paths) => Corpus::from_paths(paths),
        }
    }

    pub fn embedded() -> Corpus {
        let mut files: Vec<_> = EMBEDDED
            .files()
            .filter(|f| is_article_path(f.path()))
            .collect();
        files.sort_by_key(|f| f.path());
        let mut corpus = Corpus::default();
        for f in files {
            let id = stem(f.path());
            let display = format!("embedded:{}", f.path().display());
            corpus.add(&id, &display, f.contents());
        }
        corpus
    }

    /// Loads the given files and folders. A missing path is an error (the user mistyped it);
    /// an unreadable or malformed article is a warning and the rest still loads. Files are
    /// read and parsed on every core.
    pub fn from_paths(paths: &[PathBuf]) -> Result<Corpus, CorpusError> {
        let plan = Plan::of(paths)?;
        let parsed = crate::par::par_map(&plan.files, PlannedFile::load, &|_| {});
        let mut corpus = Corpus::default();
        for (file, (article, warnings)) in plan.files.iter().zip(parsed) {
            corpus.warnings.extend(file.duplicate.clone());
            corpus.warnings.extend(warnings);
            if let Some(a) = article {
                corpus.ids.insert(a.meta.id.clone());
                corpus.articles.push(a);
            }
        }
        Ok(corpus)
    }

    /// Parses one article's bytes and adds it; ids (file stems) must be unique, so a second
    /// file with the same stem gets a numbered id and a warning rather than being dropped.
    pub fn add(&mut self, id: &str, display: &str, bytes: &[u8]) {
        // Articles pushed directly into `articles` are taken into account too.
        if self.ids.len() != self.articles.len() {
            self.ids = self.articles.iter().map(|a| a.meta.id.clone()).collect();
        }
        let (id, duplicate) = unique_id(&self.ids, &sanitize_line(id), display);
        self.warnings.extend(duplicate);
        let (article, warnings) = parse_article(&id, display, bytes);
        self.warnings.extend(warnings);
        if let Some(a) = article {
            self.ids.insert(id);
            self.articles.push(a);
        }
    }
}

/// The article files of a corpus on disk, in load order, with their ids, before anything is
/// read; duplicate ids are settled here (with their warnings), so files can then be read in
/// any order or not at all (a cache may already know them).
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub files: Vec<PlannedFile>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedFile {
    pub path: PathBuf,
    /// The article id: the file stem, numbered when taken.
    pub id: String,
    /// The path as shown in messages.
    pub display: String,
    /// The warning that the file's stem was taken, when it was.
    pub duplicate: Option<Warning>,
}

impl Plan {
    pub fn of(paths: &[PathBuf]) -> Result<Plan, CorpusError> {
        let mut found = Vec::new();
        for p in paths {
            if p.is_dir() {
                walk(p, &mut found)?;
            } else if p.is_file() {
                found.push(p.clone());
            } else {
                return Err(CorpusError::Missing {
                    path: sanitize_line(&p.display().to_string()),
                });
            }
        }
        found.sort();
        found.dedup();
        let mut plan = Plan::default();
        let mut ids = std::collections::HashSet::new();
        for path in found {
            let display = path.display().to_string();
            let (id, duplicate) = unique_id(&ids, &sanitize_line(&stem(&path)), &display);
            ids.insert(id.clone());
            plan.files.push(PlannedFile {
                path,
                id,
                display,
                duplicate,
            });
        }
        Ok(plan)
    }
}

impl PlannedFile {
    /// Reads and parses the file: the article (none when it is unreadable, empty or binary)
    /// and its warnings.
    pub fn load(&self) -> (Option<Article>, Vec<Warning>) {
        match std::fs::read(&self.path) {
            Ok(bytes) => self.parse(&bytes),
            Err(e) => (None, vec![self.unreadable(&e)]),
        }
    }

    pub fn parse(&self, bytes: &[u8]) -> (Option<Article>, Vec<Warning>) {
        parse_article(&self.id, &self.display, bytes)
    }

    pub fn unreadable(&self, e: &std::io::Error) -> Warning {
        Warning {
            article: sanitize_line(&self.display),
            line: 0,
            message: format!("cannot read file: {e} (skipped)"),
        }
    }
}

/// `base`, or `base~2`, `base~3`... when it is taken, with the warning that says so.
fn unique_id(
    taken: &std::collections::HashSet<String>,
    base: &str,
    display: &str,
) -> (String, Option<Warning>) {
    if !taken.contains(base) {
        return (base.to_owned(), None);
    }
    let id = (2..)
        .map(|n| format!("{base}~{n}"))
        .find(|id| !taken.contains(id))
        .unwrap_or_default();
    let warning = Warning {
        article: sanitize_line(display),
        line: 0,
        message: format!(
            "duplicate article id `{base}` (ids are file stems); this one is read as `{id}`"
        ),
    };
    (id, Some(warning))
}

fn is_article_path(p: &Path) -> bool {
    let ext_ok = matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt") | Some("md")
    );
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    ext_ok && !name.eq_ignore_ascii_case("README.md") && !name.starts_with('.')
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Recursive walk, skipping hidden folders (`.git`, `.liaison-cache`) and following no
/// symbolic links to folders, so a link loop cannot hang the load.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), CorpusError> {
    let entries = std::fs::read_dir(dir).map_err(|source| CorpusError::Unreadable {
        path: sanitize_line(&dir.display().to_string()),
        source,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(ft) = entry.file_type() else { continue };
        if ft.is_dir() {
            if !hidden {
                walk(&path, out)?;
            }
        } else if is_article_path(&path) && (ft.is_file() || path.is_file()) {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_has_the_seed_articles() {
        let c = Corpus::embedded();
        assert_eq!(c.articles.len(), 5, "{:?}", c.warnings);
        assert!(c.warnings.is_empty());
        assert!(
            c.articles
                .iter()
                .any(|a| a.meta.id == "2025-06-24-fesnews-morocco-france-action-plan")
        );
    }

    #[test]
    fn folder_walk_and_bad_files() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(dir.path().join("good.txt"), "published: 2024\n---\nText.").unwrap();
        std::fs::write(sub.join("other.md"), "More text.").unwrap();
        std::fs::write(sub.join("empty.txt"), "").unwrap();
        std::fs::write(dir.path().join("notes.json"), "{}").unwrap();
        let c = Corpus::from_paths(&[dir.path().to_path_buf()]).unwrap();
        let mut ids: Vec<_> = c.articles.iter().map(|a| a.meta.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["good", "other"]);
        assert_eq!(c.warnings.len(), 1);
        assert!(c.warnings[0].article.ends_with("empty.txt"));
    }

    #[test]
    fn duplicate_ids_get_a_number_and_a_warning() {
        let mut c = Corpus::default();
        c.add("a", "x/a.txt", b"One.");
        c.add("a", "y/a.txt", b"Two.");
        c.add("a", "z/a.txt", b"Three.");
        let ids: Vec<&str> = c.articles.iter().map(|a| a.meta.id.as_str()).collect();
        assert_eq!(ids, ["a", "a~2", "a~3"]);
        assert_eq!(c.warnings.len(), 2);
        assert!(c.warnings[0].article.ends_with("y/a.txt"));
    }

    #[test]
    fn missing_path_is_an_error() {
        let e = Corpus::from_paths(&[PathBuf::from("/nonexistent/liaison")]).unwrap_err();
        assert!(e.to_string().contains("/nonexistent/liaison"));
    }
}
