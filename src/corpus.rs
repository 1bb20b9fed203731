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
    ids: rustc_hash::FxHashSet<String>,
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
    /// What `stat` said of it while the folder was listed (none for a file named on the
    /// command line or reached through a symbolic link: the cache `stat`s those itself).
    pub stat: Option<FileStat>,
}

/// What `stat` says of a file: enough to know it unchanged since it was last read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileStat {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime: i64,
    pub inode: u64,
}

impl FileStat {
    pub fn of(m: &std::fs::Metadata) -> FileStat {
        let mtime = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(m);
        #[cfg(not(unix))]
        let inode = 0;
        FileStat {
            size: m.len(),
            mtime,
            inode,
        }
    }
}

impl Plan {
    pub fn of(paths: &[PathBuf]) -> Result<Plan, CorpusError> {
        let mut found: Listed = Vec::new();
        for p in paths {
            if p.is_dir() {
                walk(p, &mut found)?;
            } else if p.is_file() {
                found.push((p.clone(), None));
            } else {
                return Err(CorpusError::Missing {
                    path: sanitize_line(&p.display().to_string()),
                });
            }
        }
        // One folder is walked in order already (see `walk`).
        if paths.len() > 1 {
            found.sort_by(|a, b| a.0.cmp(&b.0));
            found.dedup_by(|a, b| a.0 == b.0);
        }
        let mut plan = Plan {
            files: Vec::with_capacity(found.len()),
        };
        let mut ids = rustc_hash::FxHashSet::default();
        ids.reserve(found.len());
        for (path, stat) in found {
            let display = match path.to_str() {
                Some(s) => s.to_owned(),
                None => path.display().to_string(),
            };
            let (id, duplicate) = unique_id(&ids, &sanitize_line(&stem(&path)), &display);
            ids.insert(id.clone());
            plan.files.push(PlannedFile {
                path,
                id,
                display,
                duplicate,
                stat,
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
    taken: &rustc_hash::FxHashSet<String>,
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
    let ext_ok = p
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"));
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    ext_ok && !name.eq_ignore_ascii_case("README.md") && !name.starts_with('.')
}

fn stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Recursive walk, skipping hidden folders (`.git`, `.liaison-cache`) and following no
/// symbolic links to folders, so a link loop cannot hang the load. Each folder's entries are
/// taken in name order, so the files come out sorted as paths are (component by component)
/// without sorting a hundred thousand paths; each regular file is `stat`ed here, relative to
/// its open folder, which costs less than a `stat` by path later. The entries of the folder
/// given are shared out over the cores (a sub-folder is walked by one).
fn walk(dir: &Path, out: &mut Listed) -> Result<(), CorpusError> {
    let entries = entries_in_order(dir)?;
    let parts = crate::par::par_map(
        &entries,
        |e| {
            let mut found = Vec::new();
            walk_entry(dir, e, &mut found).map(|()| found)
        },
        &|_| {},
    );
    for part in parts {
        out.extend(part?);
    }
    Ok(())
}

/// Article files found, in order, with what `stat` said of each when it was listed.
type Listed = Vec<(PathBuf, Option<FileStat>)>;

/// A folder's entries, sorted by name.
fn entries_in_order(
    dir: &Path,
) -> Result<Vec<(std::ffi::OsString, std::fs::DirEntry)>, CorpusError> {
    let entries = std::fs::read_dir(dir).map_err(|source| CorpusError::Unreadable {
        path: sanitize_line(&dir.display().to_string()),
        source,
    })?;
    let mut entries: Vec<_> = entries.flatten().map(|e| (e.file_name(), e)).collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

/// Appends the article files at or under one entry of `dir` to `out`.
fn walk_entry(
    dir: &Path,
    (name, entry): &(std::ffi::OsString, std::fs::DirEntry),
    out: &mut Listed,
) -> Result<(), CorpusError> {
    let hidden = name.as_encoded_bytes().first() == Some(&b'.');
    let Ok(ft) = entry.file_type() else {
        return Ok(());
    };
    let path = dir.join(name);
    if ft.is_dir() {
        if !hidden {
            for e in entries_in_order(&path)? {
                walk_entry(&path, &e, out)?;
            }
        }
    } else if is_article_path(&path) {
        if ft.is_file() {
            let stat = entry.metadata().ok().map(|m| FileStat::of(&m));
            out.push((path, stat));
        } else if path.is_file() {
            out.push((path, None));
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
    fn a_folder_is_listed_in_path_order_with_its_files_stat() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        // Names where byte order and path order differ ("a-b.txt" sorts before "a/..." as
        // bytes, after it as paths), nested folders, a hidden one and upper case.
        for sub in ["a", "a/z", "b", ".hidden"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
        }
        let files = [
            "a.txt",
            "a-b.txt",
            "a/x.txt",
            "a/z/y.md",
            "a/0.TXT",
            "B.md",
            "b/c.txt",
            "c.txt",
            ".hidden/h.txt",
        ];
        for f in files {
            std::fs::write(root.join(f), f).unwrap();
        }
        #[cfg(unix)]
        std::os::unix::fs::symlink(root.join("c.txt"), root.join("link.txt")).unwrap();
        let plan = Plan::of(&[root.to_path_buf()]).unwrap();
        let listed: Vec<PathBuf> = plan.files.iter().map(|f| f.path.clone()).collect();
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(listed, sorted);
        assert!(
            !listed
                .iter()
                .any(|p| p.to_string_lossy().contains(".hidden"))
        );
        let expected = files.len() - 1 + usize::from(cfg!(unix));
        assert_eq!(listed.len(), expected, "{listed:?}");
        for f in &plan.files {
            let is_link = f.path.ends_with("link.txt");
            let meta = std::fs::metadata(&f.path).unwrap();
            match f.stat {
                Some(stat) => {
                    assert!(!is_link);
                    assert_eq!(stat, FileStat::of(&meta));
                }
                // Reached through a link: the cache stats it by path.
                None => assert!(is_link, "{}", f.path.display()),
            }
        }
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
