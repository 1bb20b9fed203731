//! The extraction cache: what a corpus on disk gave last time, so that a second start reads
//! and extracts nothing and a changed, added or removed article costs only itself.
//!
//! One folder per corpus (by its canonical paths) under the platform's cache directory
//! (`~/.cache/liaison/corpora/<hash>` on Linux), or `--cache-dir DIR`, or `.liaison-cache`
//! inside the corpus with `--cache-in-corpus`. It holds five kinds of file, each a header
//! (magic, kind, engine, key, length, checksum) and a bincode payload:
//!
//! - `manifest.bin`: per file path, its size, modification time, inode and content hash,
//!   so an unchanged file is known by `stat` alone (a file modified within a second of the
//!   manifest being written is hashed again, as git does for its index);
//! - `results-*.bin`: per-article entries (front matter, warnings, events) keyed by a hash of
//!   the engine, the article's id, path and content, and the side it was read from. Each
//!   process writes its new entries to a segment of its own, so two processes never write
//!   the same file; segments are merged when they pile up. A segment is laid out like a
//!   dataset file, a table of parts then the parts (its shared strings, then its entries),
//!   checked and decoded on every core (see `write_segment`);
//! - `dataset.bin`: the merged dataset, keyed by every article key, the aliases and the home,
//!   in parts with checksums of their own (the head, the officials' search index, the
//!   articles' ids, runs of articles, officials and events, then a table of items, a table
//!   of shared strings and the dashboard's columns; see `encode_dataset`), written as they
//!   are made (see `Streaming`), that a warm start
//!   decodes on both cores, and from which a warm `who` reads only the officials it finds,
//!   their events and the articles they cite, each checked against its own checksum.
//!   Without its source sentences, which are in `sentences-<key>.bin` (the same key): the
//!   dataset refers to them by position and they are read when shown (see
//!   [`crate::sentence`]); that file's header and its last word (where the stretch of
//!   sentences the second encoding thread stored starts) are checked at start, each sentence
//!   against its own hash when read, instead of the whole file's checksum;
//! - `clusters.bin`: how the last dataset built here clustered each group of reports, by a
//!   fingerprint of the group (see [`Clustering`]), so that a rebuild clusters again only
//!   the groups a change touched.
//!
//! The engine hash covers the source code of everything from reading to merging (see
//! `build.rs`), the data files (embedded and the user's) and the format: a cache made by
//! another version is not read. Every write goes to a temporary file renamed into place. A
//! file that is not a liaison cache file, is cut short or fails its checksum is reported once
//! (in the summary line's notes), deleted, and rebuilt.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::aliases::Aliases;
use crate::article::Article;
use crate::columns::Index;
use crate::corpus::{Corpus, CorpusError, CorpusSource, FileStat, Plan, PlannedFile};
use crate::extract::{ArticleResult, extract_article_from, extract_sides};
use crate::gazetteer::Gazetteer;
use crate::merge::Clustering;
use crate::model::{ArticleMeta, Event, Extraction, Kind, Warning};
use crate::profile::{Dataset, PersonRecord};
use crate::sym::Strings;

const MAGIC: &[u8; 8] = b"LIAISONC";
/// How the names of the cache's temporary files start (see [`write_atomic`]).
const TEMPORARY: &str = ".tmp-";
/// Bumped when the layout of a cache file changes.
const FORMAT: u64 = 8;
const HEADER: usize = 8 + 8 + 8 + 16 + 8 + 8;
/// Segments kept before they are merged into one.
const MAX_SEGMENTS: usize = 8;

/// Whether the result segments are merged into one, which writes every live entry again:
/// when there are more than [`MAX_SEGMENTS`] of them, or when fewer than half the entries
/// stored are still used.
fn merge_due(segments: usize, stored: usize, used: usize) -> bool {
    segments > MAX_SEGMENTS || stored > 2 * used.max(1)
}

/// The fewest articles a cold start reads before it guesses the corpus's home (see
/// `load_wanted`); past 3,200 articles, a fiftieth of them, taken every so many.
const FIRST_SHARE: usize = 64;

/// Where the cache lives, from the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum CacheMode {
    /// `--no-cache`: read and extract everything, write nothing.
    Off,
    /// The platform's cache directory.
    #[default]
    Platform,
    /// `--cache-dir DIR`.
    Dir(PathBuf),
    /// `--cache-in-corpus`: `.liaison-cache` in the (first) corpus folder.
    InCorpus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum FileKind {
    Manifest = 1,
    Results = 2,
    Dataset = 3,
    Sentences = 4,
    Clusters = 5,
}

/// The hash of everything that decides what a corpus gives: the program's engine code, the
/// data files, the cache format.
pub fn engine(gz: &Gazetteer) -> u64 {
    let mut h = Xxh3::new();
    h.update(env!("LIAISON_ENGINE_HASH").as_bytes());
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(&gz.fingerprint.to_le_bytes());
    h.update(&FORMAT.to_le_bytes());
    h.digest()
}

fn bincode_config() -> bincode::config::Configuration {
    bincode::config::standard()
}

/// What one article gave: its front matter and warnings, and its events read from one side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
struct Entry {
    meta: Option<ArticleMeta>,
    warnings: Vec<Warning>,
    result: Option<ArticleResult>,
}

/// Decoded in place: its paths are borrowed from the file's bytes (a hundred thousand
/// strings not allocated), and a new one's from the corpus's paths.
#[derive(Clone, Debug, Default, Serialize, serde::Deserialize)]
struct Manifest<'a> {
    /// When it was written (nanoseconds since the epoch).
    written: i64,
    #[serde(borrow)]
    files: Vec<ManifestFile<'a>>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
struct ManifestFile<'a> {
    #[serde(borrow)]
    path: std::borrow::Cow<'a, str>,
    stat: FileStat,
    content: u128,
}

fn now_nanos() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// A cache folder for one corpus.
struct Cache {
    dir: PathBuf,
    engine: u64,
    /// Problems found, each reported once by the caller.
    notes: Vec<String>,
}

impl Cache {
    fn open(mode: &CacheMode, paths: &[PathBuf], engine: u64) -> Result<Cache, String> {
        let mut id = Xxh3::new();
        for p in paths {
            let canonical = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            id.update(canonical.to_string_lossy().as_bytes());
            id.update(&[0]);
        }
        let corpus = format!("{:016x}", id.digest());
        let base = match mode {
            CacheMode::Off => return Err("off".into()),
            CacheMode::Platform => dirs::cache_dir()
                .ok_or("no cache directory (set XDG_CACHE_HOME or use --cache-dir)")?
                .join("liaison"),
            CacheMode::Dir(d) => d.clone(),
            CacheMode::InCorpus => {
                let first = paths.first().ok_or("no corpus folder")?;
                let folder = if first.is_dir() {
                    first.clone()
                } else {
                    first
                        .parent()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| PathBuf::from("."))
                };
                folder.join(".liaison-cache")
            }
        };
        let dir = base.join("corpora").join(corpus);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        Ok(Cache {
            dir,
            engine,
            notes: Vec::new(),
        })
    }

    /// Reads a cache file whole and checks it (see [`parse_file`]): its key and bytes, header
    /// included, `None` when it is absent or was made by another engine (stale, not broken);
    /// a broken file is noted and deleted.
    fn read(&mut self, path: &Path, kind: FileKind) -> Option<(u128, Vec<u8>)> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                self.notes
                    .push(format!("cache: cannot read {}: {e}", path.display()));
                return None;
            }
        };
        match parse_file(&bytes, kind) {
            // Another version's file is replaced when this run writes its own.
            Ok((engine, key)) => (engine == self.engine).then_some((key, bytes)),
            Err(why) => self.discard(path, why),
        }
    }

    /// Reports a broken cache file once and deletes it, so this run rebuilds it; `None`, for
    /// the caller to return.
    fn discard<T>(&mut self, path: &Path, why: impl std::fmt::Display) -> Option<T> {
        self.notes.push(format!(
            "cache: {}: {why}; deleted and rebuilt",
            path.display()
        ));
        let _ = std::fs::remove_file(path);
        None
    }

    /// The dataset file of `key` (see [`encode_dataset`]), opened and checked: its header,
    /// its table of parts and its sentence file's header; `None` when there is none for
    /// this key and engine (a broken file is noted and deleted). The parts are read later,
    /// each checked against its own checksum, so the file is never held whole in memory.
    /// With `or_earlier`, the dataset file this engine made last when it is not the one of
    /// `key` (see [`Columns::Earlier`]); the flag returned says which it is. The file is
    /// opened and its header read once either way.
    fn open_dataset(&mut self, key: u128, or_earlier: bool) -> Option<(DatasetFile, bool)> {
        use std::io::Read;
        let path = self.dir.join("dataset.bin");
        let mut file = std::fs::File::open(&path).ok()?;
        let size = file.metadata().ok()?.len();
        let mut head = vec![0u8; HEADER.min(usize::try_from(size).unwrap_or(HEADER))];
        let checked = (|| -> Result<Option<(u128, Vec<PartAt>)>, String> {
            file.read_exact(&mut head).map_err(|e| e.to_string())?;
            let (engine, found, len, sum) = parse_header_sum(&head, FileKind::Dataset)?;
            if size.checked_sub(HEADER as u64) != Some(len as u64) {
                return Err(format!(
                    "cut short or padded ({} bytes of contents, {len} expected)",
                    size.saturating_sub(HEADER as u64)
                ));
            }
            if engine != self.engine || (found != key && !or_earlier) {
                return Ok(None);
            }
            let mut count = [0u8; 8];
            file.read_exact(&mut count).map_err(|e| e.to_string())?;
            let n = usize::try_from(u64::from_le_bytes(count)).unwrap_or(usize::MAX);
            if n != DATASET_PARTS || 8 + 16 * n > len {
                return Err("a broken table of parts".into());
            }
            let mut table = vec![0u8; 16 * n];
            file.read_exact(&mut table).map_err(|e| e.to_string())?;
            let mut summed = count.to_vec();
            summed.extend_from_slice(&table);
            if xxh3_64(&summed) != sum {
                return Err("checksum mismatch".into());
            }
            let parts = parts_of(&summed, HEADER as u64, size)?;
            Ok(Some((found, parts)))
        })();
        let (found, parts) = match checked {
            Ok(Some(found)) => found,
            Ok(None) => return None,
            Err(why) => return self.discard(&path, why),
        };
        let store = match self.sentences(found) {
            Ok(s) => std::sync::Arc::new(s),
            Err(why) => {
                self.notes.push(format!(
                    "cache: {}: {why}; rebuilt",
                    self.dir.join(sentences_name(found)).display()
                ));
                return None;
            }
        };
        let file = DatasetFile {
            path,
            file,
            parts,
            store,
        };
        Some((file, found != key))
    }

    /// What `read` makes of the dataset file `f`, or `None` when `f` is damaged, which is
    /// noted and the file deleted.
    fn checked<T>(
        &mut self,
        f: &DatasetFile,
        read: impl FnOnce(&DatasetFile) -> Result<T, String>,
    ) -> Option<T> {
        match read(f) {
            Ok(v) => Some(v),
            Err(e) => self.discard(&f.path, format!("unreadable contents ({e})")),
        }
    }

    /// Writes a cache file atomically: a temporary file in the folder, renamed into place.
    fn write<T: Serialize>(&mut self, name: &str, kind: FileKind, key: u128, value: &T) {
        match bincode::serde::encode_to_vec(value, bincode_config()) {
            Ok(payload) => {
                let written = write_atomic(
                    &self.dir,
                    self.engine,
                    name,
                    kind,
                    key,
                    Layout::Whole,
                    &[&payload],
                );
                self.notes.extend(written.err());
            }
            Err(e) => self.notes.push(format!(
                "cache: cannot write {}: {e}",
                self.dir.join(name).display()
            )),
        }
    }

    /// Writes the dataset, with the dashboard's columns over it (built and encoded on
    /// another thread while the rest is encoded), and its sentence file (first, so a dataset
    /// is never there without it), then deletes the sentence files of earlier datasets.
    /// Returns the columns, written or not (none if building them failed).
    fn write_dataset(&mut self, key: u128, dataset: &Dataset, gz: &Gazetteer) -> Option<Index> {
        let name = sentences_name(key);
        let dir = &self.dir;
        let (columns, written) = std::thread::scope(|scope| {
            let columns = scope.spawn(|| {
                let columns = Index::new(dataset, gz);
                crate::timing::phase("cache: columns built");
                let bytes = encode(&columns);
                crate::timing::phase("cache: columns encoded");
                (columns, bytes)
            });
            // Both files are written as they are made, to temporary files (see `Streaming`).
            let written = (|| -> Result<(Streaming, Streaming), String> {
                let mut data = Streaming::create(dir, Layout::Parts(DATASET_PARTS))?;
                let mut sentences = Streaming::create(dir, Layout::Whole)?;
                encode_dataset(dataset, dir, &mut data, &mut sentences)?;
                Ok((data, sentences))
            })();
            crate::timing::phase("cache: dataset encoded");
            (columns.join().ok(), written)
        });
        crate::timing::phase("cache: dataset and columns encoded");
        let Some((columns, columns_part)) = columns else {
            self.notes
                .push("cache: cannot write dataset.bin: its columns could not be built".into());
            return None;
        };
        let finished = written.and_then(|(mut data, sentences)| {
            data.write(&columns_part?)?;
            data.end_part();
            // The sentences first: a dataset file is never there without them.
            sentences.finish(&self.dir.join(&name), self.engine, FileKind::Sentences, key)?;
            data.finish(
                &self.dir.join("dataset.bin"),
                self.engine,
                FileKind::Dataset,
                key,
            )
        });
        if let Err(e) = finished {
            self.notes.push(format!(
                "cache: cannot write the dataset in {}: {e}",
                self.dir.display()
            ));
            return Some(columns);
        }
        // The earlier datasets' sentences, once this one is in place (a process still
        // showing one keeps its open file).
        if let Ok(list) = std::fs::read_dir(&self.dir) {
            for f in list.flatten() {
                let n = f.file_name().to_string_lossy().into_owned();
                if n.starts_with("sentences-") && n != name {
                    let _ = std::fs::remove_file(f.path());
                }
            }
        }
        Some(columns)
    }

    /// Opens the sentence file of the dataset of `key`: header checked, contents not read
    /// but for the last word, where the second stretch of sentences starts (see
    /// [`encode_dataset`]).
    fn sentences(&self, key: u128) -> Result<crate::sentence::Store, String> {
        let path = self.dir.join(sentences_name(key));
        let mut store = crate::sentence::Store::open(&path).map_err(|e| e.to_string())?;
        let mut header = [0u8; HEADER];
        store
            .read_exact_at(&mut header, 0)
            .map_err(|e| e.to_string())?;
        let (engine, found, expect, _) = parse_header_sum(&header, FileKind::Sentences)?;
        if engine != self.engine || found != key {
            return Err("made for another dataset".into());
        }
        if store.len().checked_sub(HEADER as u64) != Some(expect as u64) {
            return Err("cut short or padded".into());
        }
        let last = store
            .len()
            .checked_sub(8)
            .filter(|&at| at >= HEADER as u64)
            .ok_or("no place for the second stretch")?;
        let mut word = [0u8; 8];
        store
            .read_exact_at(&mut word, last)
            .map_err(|e| e.to_string())?;
        let second = u64::from_le_bytes(word);
        if !(HEADER as u64..=last).contains(&second) {
            return Err("a second stretch out of the file".into());
        }
        store.second_stretch_at(second);
        Ok(store)
    }

    /// How the last dataset built here clustered its groups of reports (see
    /// [`Clustering`]): `None` when there is none, it was made by another engine, or it is
    /// damaged (noted and deleted).
    fn clustering(&mut self) -> Option<Clustering> {
        let path = self.dir.join("clusters.bin");
        let (_, file) = self.read(&path, FileKind::Clusters)?;
        match decode_part(file.get(HEADER..).unwrap_or_default()) {
            Ok(c) => Some(c),
            Err(e) => self.discard(&path, format!("unreadable contents ({e})")),
        }
    }

    /// The manifest file, checked, for [`Cache::manifest`] to decode.
    fn manifest_file(&mut self) -> Option<Vec<u8>> {
        self.read(&self.dir.join("manifest.bin"), FileKind::Manifest)
            .map(|(_, file)| file)
    }

    /// The manifest in `file` (empty when there is none or it cannot be decoded, which is
    /// noted and the file deleted).
    fn manifest<'a>(&mut self, file: Option<&'a [u8]>) -> Manifest<'a> {
        let Some(file) = file else {
            return Manifest::default();
        };
        let payload = file.get(HEADER..).unwrap_or_default();
        match bincode::serde::borrow_decode_from_slice(payload, bincode_config()) {
            Ok((m, _)) => m,
            Err(e) => {
                let path = self.dir.join("manifest.bin");
                self.discard(&path, format!("unreadable contents ({e})"))
                    .unwrap_or_default()
            }
        }
    }

    fn segments(&self) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        p.file_name()
                            .and_then(|n| n.to_str())
                            .is_some_and(|n| n.starts_with("results-") && n.ends_with(".bin"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        out.sort();
        out
    }

    /// Every entry of every segment, and the segments read.
    fn entries(&mut self) -> (HashMap<u128, Entry>, Vec<PathBuf>) {
        let mut all = HashMap::new();
        let mut segments = self.segments();
        // Another version's results are never read by this one: deleted rather than left
        // to pile up (each is as large as the corpus's results), and known by their header
        // alone rather than read whole.
        segments.retain(|path| {
            let stale = another_engine(path, FileKind::Results, self.engine);
            if stale {
                let _ = std::fs::remove_file(path);
            }
            !stale
        });
        for path in &segments {
            let Some((_, file)) = self.read(path, FileKind::Results) else {
                continue;
            };
            let list = match decode_segment(file.get(HEADER..).unwrap_or_default()) {
                Ok(list) => list,
                Err(e) => {
                    self.discard::<()>(path, format!("unreadable contents ({e})"));
                    continue;
                }
            };
            all.extend(list);
        }
        (all, segments)
    }
}

/// How many runs of articles, officials and events a dataset file holds, decoded in
/// parallel.
const ARTICLE_PARTS: usize = 2;
const PEOPLE_PARTS: usize = 2;
const EVENT_PARTS: usize = 16;
/// Runs of events decoded by the thread that also decodes the articles and officials.
const HERE_RUNS: usize = 5;
/// Runs of events encoded by the thread that also encodes the articles and officials (see
/// [`encode_dataset`]): more than it decodes, since the dashboard's columns are built and
/// encoded on a third thread meanwhile, mostly beside the second encoding thread (7 of 16
/// put the two threads' ends within a tenth of a second of each other at 100,000 articles).
const ENCODED_HERE: usize = 7;
/// The parts of a dataset file, in order: the head, the search index of the officials, the
/// articles' ids, the runs of articles, of officials and of events, then the table of items,
/// the table of shared strings and the dashboard's columns (the parts made last come last,
/// so that the file is written as it is made; see [`encode_dataset`]).
const PART_HEAD: usize = 0;
const PART_WHO: usize = 1;
const PART_IDS: usize = 2;
const PART_ARTICLES: usize = 3;
const PART_PEOPLE: usize = PART_ARTICLES + ARTICLE_PARTS;
const PART_EVENTS: usize = PART_PEOPLE + PEOPLE_PARTS;
/// The end of the runs.
const RUNS_END: usize = PART_EVENTS + EVENT_PARTS;
const PART_ITEMS: usize = RUNS_END;
const PART_SYMS: usize = PART_ITEMS + 1;
const PART_COLUMNS: usize = PART_SYMS + 1;
const DATASET_PARTS: usize = PART_COLUMNS + 1;

/// A dataset without its articles, officials and events, first in a dataset file.
#[derive(Serialize)]
struct DatasetHeadOut<'a> {
    home: &'a Option<String>,
    warnings: &'a [Warning],
    articles: usize,
    people: usize,
    events: usize,
}

#[derive(serde::Deserialize)]
struct DatasetHead {
    home: Option<String>,
    warnings: Vec<Warning>,
    articles: usize,
    people: usize,
    events: usize,
}

/// Where a part of a dataset file is: offset, length, checksum.
type PartAt = (u64, usize, u64);

/// What a warm `who` found (see [`load_who`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// The officials found, best first, as indices into the loaded dataset's `people`.
    pub people: Vec<usize>,
    /// Near names, to suggest when none was found (or none under the filter).
    pub near: Vec<String>,
    /// When the dataset holds only the officials found and their events: the index of each
    /// of its events in the whole dataset.
    pub numbers: Option<Vec<usize>>,
}

impl Found {
    /// What `query` finds in `index` (whose numbers are the dataset's), with suggestions.
    fn search(index: &crate::who::WhoIndex, query: &str) -> Found {
        Found {
            people: index.find(query),
            near: index.suggestions(query),
            numbers: None,
        }
    }
}

/// An open dataset file whose header and table of parts were checked.
struct DatasetFile {
    path: PathBuf,
    file: std::fs::File,
    parts: Vec<PartAt>,
    store: std::sync::Arc<crate::sentence::Store>,
}

impl DatasetFile {
    fn size(&self) -> u64 {
        self.parts.last().map_or(0, |&(at, len, _)| at + len as u64)
    }

    /// A cap on announced counts, which are only reservation hints: no more items than
    /// there are words in the file.
    fn size_cap(&self) -> usize {
        usize::try_from(self.size() / 8).unwrap_or(0)
    }

    /// Checks the checksums of `parts` without keeping their bytes: each is read through
    /// one buffer of a megabyte.
    fn check_parts(&self, parts: std::ops::Range<usize>) -> Result<(), String> {
        let mut buf = vec![0u8; 1 << 20];
        for i in parts {
            let (mut at, len, sum) = *self.parts.get(i).ok_or("a missing part")?;
            let mut left = len;
            let mut h = Xxh3::new();
            while left > 0 {
                let n = left.min(buf.len());
                crate::sentence::read_at(&self.file, &mut buf[..n], at)
                    .map_err(|e| e.to_string())?;
                h.update(&buf[..n]);
                at += n as u64;
                left -= n;
            }
            if h.digest() != sum {
                return Err("checksum mismatch".into());
            }
        }
        Ok(())
    }

    /// Part `i`, read and checked against its checksum.
    fn part(&self, i: usize) -> Result<Vec<u8>, String> {
        let (at, len, sum) = *self.parts.get(i).ok_or("a missing part")?;
        let mut bytes = vec![0u8; len];
        crate::sentence::read_at(&self.file, &mut bytes, at).map_err(|e| e.to_string())?;
        if xxh3_64(&bytes) != sum {
            return Err("checksum mismatch".into());
        }
        Ok(bytes)
    }

    /// The number of items run `i` announces, read before the run is checked (0 when it
    /// cannot be read; capped by the run's length): the runs' counts must add up to the
    /// head's, and each run's checked count must equal it when it is decoded.
    fn run_len(&self, i: usize) -> usize {
        let Some(&(at, len, _)) = self.parts.get(i) else {
            return 0;
        };
        let mut word = [0u8; 8];
        match crate::sentence::read_at(&self.file, &mut word, at) {
            Ok(()) => usize::try_from(u64::from_le_bytes(word)).map_or(0, |n| n.min(len)),
            Err(_) => 0,
        }
    }

    /// The table of shared strings the items' [`crate::sym::Sym`]s are numbers into.
    fn syms(&self) -> Result<Arc<Strings>, String> {
        let syms: Strings = decode_part(&self.part(PART_SYMS)?)?;
        if !syms.is_sound() {
            return Err("a broken table of shared strings".into());
        }
        Ok(Arc::new(syms))
    }

    /// Runs a decoding of items with their shared strings and this dataset's stored
    /// sentences.
    fn decoding<R>(&self, syms: &Arc<Strings>, f: impl FnOnce() -> R) -> R {
        crate::sym::numbered(syms.clone(), || {
            crate::sentence::reading(self.store.clone(), f)
        })
    }
}

/// The whole dataset in `f`: every part but the search index, the ids, the table of items
/// and (unless `columns`) the dashboard's columns, read, checked and decoded on two cores.
fn whole_dataset(f: &DatasetFile, columns: bool) -> Result<(Dataset, Option<Index>), String> {
    let head: DatasetHead = decode_part(&f.part(PART_HEAD)?)?;
    let syms = f.syms()?;
    let mut events = placeholders(head.events, || Event::empty(Kind::Statement));
    let ((columns, articles), people) =
        people_and_events(f, &syms, head.people, &mut events, || {
            let columns = columns
                .then(|| decode_part::<Index>(&f.part(PART_COLUMNS)?))
                .transpose()?;
            Ok((columns, articles_of(f, &head)?))
        })?;
    let dataset = Dataset::from_parts(head.home, articles, events, people, head.warnings);
    if columns.as_ref().is_some_and(|c| !c.is_sound(&dataset)) {
        return Err("broken columns".into());
    }
    Ok((dataset, columns))
}

/// `n` placeholders that allocate nothing until decoded over.
fn placeholders<T>(n: usize, make: impl FnMut() -> T) -> Vec<T> {
    std::iter::repeat_with(make).take(n).collect()
}

/// The runs of articles of `f`, decoded (within [`DatasetFile::decoding`]).
fn articles_of(f: &DatasetFile, head: &DatasetHead) -> Result<Vec<ArticleMeta>, String> {
    let mut articles = Vec::with_capacity(head.articles.min(f.size_cap()));
    for i in PART_ARTICLES..PART_PEOPLE {
        decode_run_into(f, i, &mut articles)?;
    }
    if articles.len() != head.articles {
        return Err(format!("{} articles of {}", articles.len(), head.articles));
    }
    Ok(articles)
}

/// The officials of `f`, and its events decoded over `events` (as many as the head says),
/// on two cores: this thread runs `first`, then decodes the officials and the first runs of
/// events; the other the rest of the events at the same time. The events go straight to
/// their place in one list made whole before (one list per thread, joined after, would hold
/// the second thread's events twice at the peak: 100 MB at a million events).
fn people_and_events<R: Send>(
    f: &DatasetFile,
    syms: &Arc<Strings>,
    people: usize,
    events: &mut [Event],
    first: impl FnOnce() -> Result<R, String> + Send,
) -> Result<(R, Vec<PersonRecord>), String> {
    // Each run's count, before its bytes are checked: they must add up to the head's
    // (which is checked, and is how many slots there are) before the events are split
    // between the threads.
    let counts: Vec<usize> = (PART_EVENTS..RUNS_END).map(|i| f.run_len(i)).collect();
    if counts.iter().sum::<usize>() != events.len() {
        return Err(format!(
            "runs of {} events in all, {} expected",
            counts.iter().sum::<usize>(),
            events.len()
        ));
    }
    let (mine, theirs) = events.split_at_mut(counts[..HERE_RUNS].iter().sum());
    let (here, there) = std::thread::scope(|scope| {
        let there = scope.spawn(|| -> Result<(), String> {
            f.decoding(syms, || {
                fill_runs(f, PART_EVENTS + HERE_RUNS..RUNS_END, theirs)
            })
        });
        let here = f.decoding(syms, || -> Result<_, String> {
            let first = first()?;
            let mut read = Vec::with_capacity(people.min(f.size_cap()));
            for i in PART_PEOPLE..PART_EVENTS {
                decode_run_into(f, i, &mut read)?;
            }
            fill_runs(f, PART_EVENTS..PART_EVENTS + HERE_RUNS, mine)?;
            Ok((first, read))
        });
        (here, joined(there))
    });
    let (first, read) = here?;
    there?;
    if read.len() != people {
        return Err(format!("{} officials of {people}", read.len()));
    }
    Ok((first, read))
}

/// What the dashboard's first frame needs of the dataset in `f` (see
/// [`Columns::FirstFrame`]): the head, the columns and the articles, and of the officials and
/// events only those `needs` names, read by the table of items; the other slots hold
/// placeholders. Meanwhile the other core checks every run's checksum, so that
/// [`Rest::read`] meets no damage this reading could have reported.
fn first_frame(
    f: &DatasetFile,
    needs: &FirstFrameNeeds<'_>,
) -> Result<(Dataset, Index, Arc<Strings>), String> {
    let head: DatasetHead = decode_part(&f.part(PART_HEAD)?)?;
    let syms = f.syms()?;
    let (checked, read) = std::thread::scope(|scope| {
        let checked = scope.spawn(|| f.check_parts(PART_PEOPLE..RUNS_END));
        let read = f.decoding(&syms, || -> Result<_, String> {
            let (articles, people, events) = (head.articles, head.people, head.events);
            let (mut dataset, columns) = columns_and_articles(f, head)?;
            let (events_read, people_read) = needs(&columns);
            let items = ItemTable::open(f, articles + people + events)?;
            let first_event = articles + people;
            if events_read.last().is_some_and(|&e| e >= events)
                || people_read.last().is_some_and(|&p| p >= people)
            {
                return Err("an item past the end".into());
            }
            items.read_each(f, first_event, &events_read, |e, ev| dataset.events[e] = ev)?;
            items.read_each(f, articles, &people_read, |p, rec| dataset.people[p] = rec)?;
            crate::timing::phase(&format!(
                "cache: the first frame's {} events and {} officials read",
                events_read.len(),
                people_read.len()
            ));
            Ok((dataset, columns))
        });
        (joined(checked), read)
    });
    checked?;
    crate::timing::phase("cache: checksums checked");
    let (dataset, columns) = read?;
    Ok((dataset, columns, syms))
}

/// The columns of the dataset in `f`, with its head and articles (see [`Columns::Only`]):
/// placeholders in the slots of its officials and events, whose runs are neither read nor
/// checked.
fn columns_only(f: &DatasetFile) -> Result<(Dataset, Index), String> {
    let head: DatasetHead = decode_part(&f.part(PART_HEAD)?)?;
    let syms = f.syms()?;
    f.decoding(&syms, || columns_and_articles(f, head))
}

/// The dataset of `head` with the articles of `f` and placeholders for its officials and
/// events, and its columns, checked to fit it; within [`DatasetFile::decoding`].
fn columns_and_articles(f: &DatasetFile, head: DatasetHead) -> Result<(Dataset, Index), String> {
    let columns: Index = decode_part(&f.part(PART_COLUMNS)?)?;
    let articles = articles_of(f, &head)?;
    let people = placeholders(head.people, PersonRecord::default);
    let events = placeholders(head.events, || Event::empty(Kind::Statement));
    let dataset = Dataset::from_parts(head.home, articles, events, people, head.warnings);
    if !columns.is_sound(&dataset) {
        return Err("broken columns".into());
    }
    crate::timing::phase("cache: columns and articles read");
    Ok((dataset, columns))
}

/// The officials and events of a cached dataset the dashboard's first frame did without
/// (see [`Columns::FirstFrame`]), to be read after that frame is drawn.
pub struct Rest {
    file: DatasetFile,
    syms: Arc<Strings>,
    /// How many officials and events the file holds.
    people: usize,
    events: usize,
    /// Whether it is an earlier dataset (see [`Columns::Earlier`]), which the build of the
    /// current one may have replaced by now: it is then not deleted when it fails.
    earlier: bool,
}

impl std::fmt::Debug for Rest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rest({})", self.file.path.display())
    }
}

impl Rest {
    /// Reads every official and event into `data`, the dataset [`load_dataset`] gave with
    /// this, on two cores. The file's checksums were checked when the first part was read,
    /// so this fails only if the file changed since or was written wrong; the file is then
    /// deleted (the next start rebuilds it) and the error names it.
    pub fn read(self, data: &mut Dataset) -> Result<(), String> {
        let Rest {
            file,
            syms,
            people,
            events,
            earlier,
        } = self;
        if (data.people.len(), data.events.len()) != (people, events) {
            return Err(format!(
                "cache: {}: not the dataset it was read for",
                file.path.display()
            ));
        }
        match people_and_events(&file, &syms, people, &mut data.events, || Ok(())) {
            Ok(((), people)) => {
                data.people = people;
                Ok(())
            }
            Err(why) if earlier => Err(format!(
                "cache: {}: unreadable contents ({why})",
                file.path.display()
            )),
            Err(why) => {
                let _ = std::fs::remove_file(&file.path);
                Err(format!(
                    "cache: {}: unreadable contents ({why}); deleted, it is rebuilt at the next start",
                    file.path.display()
                ))
            }
        }
    }
}

/// The runs of events `runs`, decoded in order into `slots`, which they must fill exactly.
fn fill_runs(
    f: &DatasetFile,
    runs: std::ops::Range<usize>,
    mut slots: &mut [crate::model::Event],
) -> Result<(), String> {
    for i in runs {
        slots = decode_run_onto(f, i, slots)?;
    }
    if slots.is_empty() {
        Ok(())
    } else {
        Err(format!("{} events missing from the runs", slots.len()))
    }
}

/// What a thread that decodes a part gave (an error if it panicked).
fn joined<T>(t: std::thread::ScopedJoinHandle<'_, Result<T, String>>) -> Result<T, String> {
    t.join()
        .unwrap_or_else(|_| Err("a part could not be read".into()))
}

/// The officials of the dataset in `f` that `query` finds, read alone: the head, the search
/// index and the ids (at once), then by the table of items each official found, their events
/// and the articles their titles cite. The dataset returned holds every warning but only
/// those officials (in the order found), events and articles; with the numbers of articles
/// and events in the whole dataset.
fn who_in(f: &DatasetFile, query: &str) -> Result<(Dataset, Found, Counts), String> {
    let (head, syms, index, ids) = std::thread::scope(|scope| {
        let index = scope.spawn(|| decode_part::<crate::who::WhoIndex>(&f.part(PART_WHO)?));
        let ids = scope.spawn(|| decode_part::<Strings>(&f.part(PART_IDS)?));
        let head = f
            .part(PART_HEAD)
            .and_then(|b| decode_part::<DatasetHead>(&b));
        (head, f.syms(), joined(index), joined(ids))
    });
    let (head, syms, index, ids) = (head?, syms?, index?, ids?);
    if !index.is_sound() || index.len() != head.people {
        return Err("a broken search index".into());
    }
    if !ids.is_sound() || ids.len() != head.articles {
        return Err("a broken list of article ids".into());
    }
    let found = Found::search(&index, query);
    let items = ItemTable::open(f, head.articles + head.people + head.events)?;
    let (first_person, first_event) = (head.articles, head.articles + head.people);
    let (people, events, wanted, articles) = f.decoding(&syms, || -> Result<_, String> {
        let mut people: Vec<crate::profile::PersonRecord> = found
            .people
            .iter()
            .map(|&i| items.read(f, first_person + i))
            .collect::<Result<_, _>>()?;
        // Their events, once each, in the dataset's order; the officials' lists renumbered.
        let mut wanted: Vec<usize> = people.iter().flat_map(|p| p.events.clone()).collect();
        wanted.sort_unstable();
        wanted.dedup();
        if let Some(&e) = wanted.last().filter(|&&e| e >= head.events) {
            return Err(format!("event {e} of {}", head.events));
        }
        let events = items.read_all(f, first_event, &wanted)?;
        for p in &mut people {
            for e in &mut p.events {
                *e = wanted.binary_search(e).unwrap_or_default();
            }
        }
        // The articles their titles cite (the first of an id, as `Dataset::article` does).
        let cited: HashSet<&str> = people
            .iter()
            .flat_map(|p| p.titles.iter().map(|t| t.article.as_str()))
            .collect();
        let mut taken = HashSet::new();
        let cited: Vec<usize> = ids
            .iter()
            .enumerate()
            .filter(|&(_, id)| cited.contains(id) && taken.insert(id))
            .map(|(i, _)| i)
            .collect();
        let articles: Vec<ArticleMeta> = items.read_all(f, 0, &cited)?;
        Ok((people, events, wanted, articles))
    })?;
    let counts = Counts {
        articles: head.articles,
        events: head.events,
    };
    let found = Found {
        people: (0..people.len()).collect(),
        near: found.near,
        numbers: Some(wanted),
    };
    let ds = Dataset::from_parts(head.home, articles, events, people, head.warnings);
    Ok((ds, found, counts))
}

/// The table of items of a dataset file (see [`encode_dataset`]), read a word at a time.
struct ItemTable {
    /// Where the table starts in the file, where the items start, and how many there are.
    at: u64,
    base: u64,
    items: usize,
    /// The length of the runs' bytes.
    span: u64,
}

impl ItemTable {
    fn open(f: &DatasetFile, items: usize) -> Result<ItemTable, String> {
        let (at, len, _) = f.parts[PART_ITEMS];
        if len != 8 * (2 * items + 1) {
            return Err("a broken table of items".into());
        }
        let base = f.parts[PART_ARTICLES].0;
        Ok(ItemTable {
            at,
            base,
            items,
            span: f.size() - base,
        })
    }

    fn words(&self, f: &DatasetFile, index: usize, buf: &mut [u8]) -> Result<(), String> {
        crate::sentence::read_at(&f.file, buf, self.at + 8 * index as u64)
            .map_err(|e| e.to_string())
    }

    /// Item `i` (the articles, then the officials, then the events), read, checked against
    /// its own checksum and decoded.
    fn read<T: DeserializeOwned>(&self, f: &DatasetFile, i: usize) -> Result<T, String> {
        let mut item = None;
        self.read_each(f, 0, &[i], |_, v| item = Some(v))?;
        item.ok_or_else(|| format!("item {i} not read"))
    }

    /// The items `first + i` for each `i` of `wanted` (ascending), in that order (see
    /// [`ItemTable::read_each`]).
    fn read_all<T: DeserializeOwned>(
        &self,
        f: &DatasetFile,
        first: usize,
        wanted: &[usize],
    ) -> Result<Vec<T>, String> {
        let mut out = Vec::with_capacity(wanted.len());
        self.read_each(f, first, wanted, |_, v| out.push(v))?;
        Ok(out)
    }

    /// Items `first + i` for each `i` of `wanted` (ascending), each checked against its
    /// checksum, decoded and given to `put(i, item)`. Neighbouring items are read together,
    /// a megabyte at a time through one buffer: a busy partner's events are a tenth of all,
    /// spread over the whole file, and one read each would cost more than decoding them.
    fn read_each<T: DeserializeOwned>(
        &self,
        f: &DatasetFile,
        first: usize,
        wanted: &[usize],
        mut put: impl FnMut(usize, T),
    ) -> Result<(), String> {
        const CHUNK: u64 = 1 << 20;
        let (Some(&lo), Some(&hi)) = (wanted.first(), wanted.last()) else {
            return Ok(());
        };
        let (lo, hi) = (first + lo, first + hi);
        if hi >= self.items {
            return Err(format!("item {hi} of {}", self.items));
        }
        if !wanted.is_sorted() {
            return Err("items asked for out of order".into());
        }
        // Where items lo..=hi start, with the end of the last; their checksums.
        let words = |from: usize, n: usize| -> Result<Vec<u64>, String> {
            let mut bytes = vec![0u8; 8 * n];
            self.words(f, from, &mut bytes)?;
            Ok((0..n).map(|i| le_word(&bytes, i)).collect())
        };
        let starts = words(lo, hi - lo + 2)?;
        let sums = words(self.items + 1 + lo, hi - lo + 1)?;
        let span = |i: usize| -> Result<(u64, u64), String> {
            let k = first + i - lo;
            let (start, end) = (starts[k], starts[k + 1]);
            if start >= end || end > self.span {
                return Err(format!("item {} out of place", first + i));
            }
            Ok((start, end))
        };
        let mut buf: Vec<u8> = Vec::new();
        let mut w = 0;
        while w < wanted.len() {
            // A chunk: this item and the next wanted ones that end within CHUNK of its start.
            let (from, mut to) = span(wanted[w])?;
            let mut last = w + 1;
            while let Some(&next) = wanted.get(last) {
                let (_, end) = span(next)?;
                if end < from || end - from > CHUNK {
                    break;
                }
                to = end;
                last += 1;
            }
            buf.resize(usize::try_from(to - from).map_err(|e| e.to_string())?, 0);
            crate::sentence::read_at(&f.file, &mut buf, self.base + from)
                .map_err(|e| e.to_string())?;
            for &i in &wanted[w..last] {
                let (start, end) = span(i)?;
                let bytes = &buf[(start - from) as usize..(end - from) as usize];
                // The item's bytes may be followed by the next run's count: decoding says
                // where it ends.
                let (value, used) = bincode::serde::decode_from_slice(bytes, bincode_config())
                    .map_err(|e| e.to_string())?;
                if xxh3_64(&bytes[..used]) != sums[first + i - lo] {
                    return Err(format!("item {}: checksum mismatch", first + i));
                }
                put(i, value);
            }
            w = last;
        }
        Ok(())
    }
}

/// The little-endian u64 at word `i` of `bytes`.
fn le_word(bytes: &[u8], i: usize) -> u64 {
    let mut b = [0u8; 8];
    b.copy_from_slice(&bytes[8 * i..8 * i + 8]);
    u64::from_le_bytes(b)
}

/// The parts of a dataset file's payload, which is the number of parts, then per part its
/// length and checksum (u64 each; the file header's checksum covers this table; see
/// [`Layout::Parts`]), then the parts:
///
/// 0. the head, bincode: home, warnings, the numbers of articles, officials and events;
/// 1. the officials' search index ([`crate::who::WhoIndex`]), bincode;
/// 2. the articles' ids ([`Strings`]), bincode;
/// 3. [`ARTICLE_PARTS`] runs of articles, [`PEOPLE_PARTS`] runs of officials, then
///    [`EVENT_PARTS`] runs of events, each its number of items (u64) then the items, each
///    bincode: a warm start decodes the runs on every core;
/// 4. ([`PART_ITEMS`]) the table of items: for every article, then every official, then
///    every event, where its bytes start (from the start of the first run; u64), one more
///    word for the end of the last, then the checksum (xxh3, u64) of each one's bytes, so
///    that a warm `who` reads one article, official or event alone;
/// 5. ([`PART_SYMS`]) the table of shared strings ([`Strings`], bincode): in the items,
///    each [`crate::sym::Sym`] (codes, areas, names, titles, article ids) is its number
///    there (see [`crate::sym::Numbering::lane`]; the table is that of two lanes, see
///    below);
/// 6. ([`PART_COLUMNS`]) the dashboard's columns over the dataset ([`Index`], bincode), so
///    that a warm dashboard decodes them instead of building them (built and encoded at
///    the same time on another thread and written by [`Cache::write_dataset`] after the
///    parts written here).
///
/// The parts are written to `out` as they are made, the sentences to `sentences` (see
/// [`Streaming`]), so the dataset is never held encoded in memory.
///
/// Two threads encode at once: this one the articles, the officials and the first
/// [`ENCODED_HERE`] runs of events, another the other runs of events, into scratch files of `dir` that are then appended to `out` and
/// `sentences`. Each numbers its shared strings in a lane of its own (this one the even
/// numbers, the other the odd ones) and the table written is the two interleaved
/// ([`Strings::interleaved`]). The other thread's sentences number their positions from
/// [`crate::sentence::SECOND_STRETCH`]: the sentence file ends with the word (u64) saying
/// where their stretch starts (see [`Cache::sentences`]).
fn encode_dataset(
    d: &Dataset,
    dir: &Path,
    out: &mut Streaming,
    sentences: &mut Streaming,
) -> Result<(), String> {
    let mut ids = Strings::with_capacity(d.articles.len());
    for a in &d.articles {
        ids.push(&a.id);
    }
    let head = DatasetHeadOut {
        home: &d.home,
        warnings: &d.warnings,
        articles: d.articles.len(),
        people: d.people.len(),
        events: d.events.len(),
    };
    out.part(&encode(&head)?)?;
    out.part(&encode(&crate::who::WhoIndex::of(&d.people))?)?;
    out.part(&encode(&ids)?)?;
    let per = d.events.len().div_ceil(EVENT_PARTS).max(1);
    let (here, there) = d.events.split_at((per * ENCODED_HERE).min(d.events.len()));
    let (second, first) = std::thread::scope(|scope| {
        let second = scope.spawn(|| -> Result<_, String> {
            let mut runs = Streaming::create(dir, Layout::Scratch)?;
            let mut stored = Streaming::create(dir, Layout::Scratch)?;
            let lane = encode_lane(&mut runs, &mut stored, 1, |r| {
                r.add(there, EVENT_PARTS - ENCODED_HERE)
            })?;
            stored.end_part();
            crate::timing::phase("cache: second stretch encoded");
            Ok((lane, runs, stored))
        });
        let first = encode_lane(out, sentences, 0, |r| {
            r.add(&d.articles, ARTICLE_PARTS)?;
            r.add(&d.people, PEOPLE_PARTS)?;
            r.add(here, ENCODED_HERE)
        });
        crate::timing::phase("cache: first stretch encoded");
        let second = second
            .join()
            .unwrap_or_else(|_| Err("the second thread failed".into()));
        (second, first)
    });
    let mut first = first?;
    let (second, runs, stored) = second?;
    out.append_parts(runs)?;
    first
        .starts
        .extend(second.starts.iter().map(|s| s + first.end));
    first.starts.push(first.end + second.end);
    first.sums.extend(second.sums);
    let second_at = HEADER as u64 + sentences.len;
    sentences.append_to_part(stored)?;
    sentences.write(&second_at.to_le_bytes())?;
    sentences.end_part();
    crate::timing::phase("cache: second stretch appended");
    let mut table = Vec::with_capacity(8 * (first.starts.len() + first.sums.len()));
    for w in first.starts.iter().chain(&first.sums) {
        table.extend_from_slice(&w.to_le_bytes());
    }
    out.part(&table)?;
    out.part(&encode(&Strings::interleaved(&[first.syms, second.syms]))?)
}

/// What one thread of [`encode_dataset`] made: the length of its runs, where each item
/// starts in them and its checksum, and the table of strings of its lane.
struct Lane {
    end: u64,
    starts: Vec<u64>,
    sums: Vec<u64>,
    syms: Strings,
}

/// The runs `add` adds, written to `out` and their sentences to `sentences`, numbered in
/// `lane` (of two) and stored in the first stretch of sentences (lane 0, after the
/// header) or in the second (lane 1; see [`encode_dataset`]).
fn encode_lane(
    out: &mut Streaming,
    sentences: &mut Streaming,
    lane: u32,
    add: impl FnOnce(&mut Runs<'_>) -> Result<(), String>,
) -> Result<Lane, String> {
    let mut numbering = crate::sym::Numbering::lane(lane, 2);
    let start = match lane {
        0 => HEADER as u64,
        _ => crate::sentence::SECOND_STRETCH,
    };
    let (made, rest) = crate::sentence::storing(start, || {
        numbering.run(|| -> Result<_, String> {
            let mut runs = Runs {
                out: &mut *out,
                sentences: &mut *sentences,
                end: 0,
                starts: Vec::new(),
                sums: Vec::new(),
                item: Vec::new(),
            };
            add(&mut runs)?;
            Ok((runs.end, runs.starts, runs.sums))
        })
    });
    let (end, starts, sums) = made?;
    sentences.write(&rest)?;
    Ok(Lane {
        end,
        starts,
        sums,
        syms: numbering.strings(),
    })
}

/// How the payload of a cache file is laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// In one piece, which the header's checksum covers (the manifest, `clusters.bin`, a
    /// sentence file).
    Whole,
    /// A table of this many parts (their number, then each one's length and checksum,
    /// which the header's checksum covers), then the parts (a dataset file, a results
    /// segment; see [`table_of`]).
    Parts(usize),
    /// Parts without a header or a table: a scratch file, never put in place, whose parts
    /// are appended to another file ([`Streaming::append_parts`], [`Streaming::append_to_part`]).
    Scratch,
}

/// Each part of a file being written: its length and checksum.
type PartSums = Vec<(u64, u64)>;

/// Every cache file is written this way, as it is made: to a temporary file in the cache
/// folder, with room left at its start for the header and the table of parts, which
/// [`Streaming::finish`] fills in before renaming the file into place, so that no reader
/// ever sees a file half written. Writing a dataset of 100,000 articles this way needs no
/// buffer of its size (half a gigabyte of fresh memory, zeroed page by page by the system,
/// then copied again).
struct Streaming {
    tmp: tempfile::NamedTempFile,
    out: std::io::BufWriter<std::fs::File>,
    /// The part being written: its checksum so far and its length.
    part: Xxh3,
    len: u64,
    /// Each part written: its length and checksum.
    parts: PartSums,
    layout: Layout,
}

impl Streaming {
    /// A new temporary file in `dir`, with room left for the header and the table `layout`
    /// has.
    fn create(dir: &Path, layout: Layout) -> Result<Streaming, String> {
        let room = match layout {
            Layout::Whole => HEADER,
            Layout::Parts(n) => HEADER + 8 + 16 * n,
            Layout::Scratch => 0,
        };
        let tmp = tempfile::Builder::new()
            .prefix(TEMPORARY)
            .tempfile_in(dir)
            .map_err(|e| e.to_string())?;
        let file = tmp.as_file().try_clone().map_err(|e| e.to_string())?;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        out.write_all(&vec![0; room]).map_err(|e| e.to_string())?;
        Ok(Streaming {
            tmp,
            out,
            part: Xxh3::new(),
            len: 0,
            parts: Vec::new(),
            layout,
        })
    }

    /// Appends `bytes` to the part being written.
    fn write(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.out.write_all(bytes).map_err(|e| e.to_string())?;
        self.part.update(bytes);
        self.len += bytes.len() as u64;
        Ok(())
    }

    /// Ends the part being written; the next bytes start another.
    fn end_part(&mut self) {
        self.parts.push((self.len, self.part.digest()));
        self.part = Xxh3::new();
        self.len = 0;
    }

    /// Writes `bytes` as a part of their own.
    fn part(&mut self, bytes: &[u8]) -> Result<(), String> {
        self.write(bytes)?;
        self.end_part();
        Ok(())
    }

    /// Appends the parts the scratch file `from` holds (see [`Layout::Scratch`]) as parts of
    /// their own, with the checksums `from` worked out; the part being written must be
    /// empty.
    fn append_parts(&mut self, from: Streaming) -> Result<(), String> {
        if self.len != 0 {
            return Err("appending parts within a part".into());
        }
        let (mut file, parts) = from.scratch()?;
        let total = file.limit();
        // From file to file, which the system may do without copying through here.
        self.out.flush().map_err(|e| e.to_string())?;
        let copied = std::io::copy(&mut file, self.out.get_mut()).map_err(|e| e.to_string())?;
        if copied != total {
            return Err(format!("{copied} bytes appended of {total}"));
        }
        self.parts.extend(parts);
        Ok(())
    }

    /// Appends what the scratch file `from` holds (see [`Layout::Scratch`]) to the part
    /// being written.
    fn append_to_part(&mut self, from: Streaming) -> Result<(), String> {
        use std::io::Read;
        let (mut file, _) = from.scratch()?;
        let mut buf = vec![0u8; 1 << 20];
        loop {
            let n = file.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            self.write(&buf[..n])?;
        }
        if file.limit() != 0 {
            return Err("a scratch file cut short".into());
        }
        Ok(())
    }

    /// This scratch file's parts (see [`Layout::Scratch`]), its last part ended: the file
    /// from its start, limited to them, and each one's length and checksum. The file's name
    /// is removed now; the open file reads until it is dropped.
    fn scratch(self) -> Result<(std::io::Take<std::fs::File>, PartSums), String> {
        use std::io::{Read, Seek, SeekFrom};
        if self.layout != Layout::Scratch || self.len != 0 {
            return Err("appending a part not ended".into());
        }
        self.out.into_inner().map_err(|e| e.error().to_string())?;
        let mut file = self.tmp.into_file();
        file.seek(SeekFrom::Start(0)).map_err(|e| e.to_string())?;
        let total: u64 = self.parts.iter().map(|p| p.0).sum();
        Ok((file.take(total), self.parts))
    }

    /// Fills in the header and the table of parts (see [`Layout`]), then renames the file to
    /// `path`.
    fn finish(self, path: &Path, engine: u64, kind: FileKind, key: u128) -> Result<(), String> {
        use std::io::{Seek, SeekFrom};
        let Streaming {
            tmp,
            out,
            parts,
            layout,
            ..
        } = self;
        out.into_inner().map_err(|e| e.error().to_string())?;
        let total: u64 = parts.iter().map(|p| p.0).sum();
        let (table, sum) = match (layout, parts.as_slice()) {
            (Layout::Whole, [(_, sum)]) => (Vec::new(), *sum),
            (Layout::Parts(n), _) if n == parts.len() => {
                let mut table = Vec::with_capacity(8 + 16 * n);
                table.extend_from_slice(&(n as u64).to_le_bytes());
                for (len, sum) in &parts {
                    table.extend_from_slice(&len.to_le_bytes());
                    table.extend_from_slice(&sum.to_le_bytes());
                }
                let sum = xxh3_64(&table);
                (table, sum)
            }
            (Layout::Scratch, _) => return Err("a scratch file is not put in place".into()),
            _ => return Err(format!("{} parts written, not as announced", parts.len())),
        };
        let mut header = Vec::with_capacity(HEADER + table.len());
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&u64::from(kind as u8).to_le_bytes());
        header.extend_from_slice(&engine.to_le_bytes());
        header.extend_from_slice(&key.to_le_bytes());
        header.extend_from_slice(&(table.len() as u64 + total).to_le_bytes());
        header.extend_from_slice(&sum.to_le_bytes());
        header.extend_from_slice(&table);
        let mut file = tmp.as_file();
        file.seek(SeekFrom::Start(0))
            .and_then(|_| file.write_all(&header))
            .map_err(|e| e.to_string())?;
        tmp.persist(path).map_err(|e| e.error.to_string())?;
        Ok(())
    }
}

/// The table of parts at the start of a payload laid out in parts (see [`Layout::Parts`]:
/// the number of parts, then a length and a checksum per part), which the file header's
/// checksum covers.
fn table_of(payload: &[u8]) -> Result<&[u8], String> {
    let n = payload
        .get(..8)
        .map(|b| le_word(b, 0))
        .ok_or("no table of parts")?;
    usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_mul(16)?.checked_add(8))
        .and_then(|len| payload.get(..len))
        .ok_or_else(|| "a broken table of parts".into())
}

/// Where the parts listed in `table` (see [`table_of`]) lie, given where the payload starts
/// (`base`); they must end exactly at `end`.
fn parts_of(table: &[u8], base: u64, end: u64) -> Result<Vec<PartAt>, String> {
    let n = (table.len() - 8) / 16;
    let mut at = base + table.len() as u64;
    let mut parts = Vec::with_capacity(n);
    for i in 0..n {
        let len = usize::try_from(le_word(table, 1 + 2 * i)).map_err(|e| e.to_string())?;
        parts.push((at, len, le_word(table, 2 + 2 * i)));
        at = at.saturating_add(len as u64);
    }
    if at != end {
        return Err("a broken table of parts".into());
    }
    Ok(parts)
}

/// The runs of a dataset file being written, and its table of items so far.
struct Runs<'o> {
    out: &'o mut Streaming,
    /// The sentence file, which the sentences stored meanwhile go to (see
    /// [`crate::sentence::drain_stored`]).
    sentences: &'o mut Streaming,
    /// The length of the runs so far.
    end: u64,
    /// Where each item starts, counting from the first run, and its checksum.
    starts: Vec<u64>,
    sums: Vec<u64>,
    /// The item being encoded.
    item: Vec<u8>,
}

impl Runs<'_> {
    /// Writes `items` as `runs` parts (the last ones may be empty), each its number of items
    /// then the items, noting where each starts and its checksum.
    fn add<T: Serialize>(&mut self, items: &[T], runs: usize) -> Result<(), String> {
        let per = items.len().div_ceil(runs).max(1);
        for r in 0..runs {
            let run = items
                .get(r * per..((r + 1) * per).min(items.len()))
                .unwrap_or_default();
            self.out.write(&(run.len() as u64).to_le_bytes())?;
            let mut at = 8;
            for item in run {
                self.item.clear();
                bincode::serde::encode_into_std_write(item, &mut self.item, bincode_config())
                    .map_err(|e| e.to_string())?;
                self.starts.push(self.end + at);
                self.sums.push(xxh3_64(&self.item));
                self.out.write(&self.item)?;
                at += self.item.len() as u64;
                let sentences = &mut *self.sentences;
                crate::sentence::drain_stored(1 << 20, |b| {
                    sentences.write(b).map_err(std::io::Error::other)
                })
                .map_err(|e| e.to_string())?;
            }
            self.end += at;
            self.out.end_part();
        }
        Ok(())
    }
}

/// Part `i` of `f`, a run of items (their number, then each; see [`Runs::add`]), read,
/// checked and decoded (within [`DatasetFile::decoding`]): `room` is told how many items the
/// run counts and its length in bytes, and refuses or says where they go; `put` places each
/// item there with its position in the run. Returns how many there were.
fn decode_run<T: DeserializeOwned, S>(
    f: &DatasetFile,
    i: usize,
    room: impl FnOnce(usize, usize) -> Result<S, String>,
    mut put: impl FnMut(&mut S, usize, T),
) -> Result<usize, String> {
    let bytes = f.part(i)?;
    let n = bytes
        .get(..8)
        .map(|b| le_word(b, 0))
        .ok_or("a run without its count")?;
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    let mut place = room(n, bytes.len())?;
    let mut at = 8;
    for k in 0..n {
        let (item, used) = bincode::serde::decode_from_slice(&bytes[at..], bincode_config())
            .map_err(|e| e.to_string())?;
        put(&mut place, k, item);
        at += used;
    }
    if at != bytes.len() {
        return Err("trailing bytes in a run".into());
    }
    Ok(n)
}

/// Run `i` of `f` decoded onto the end of `out`.
fn decode_run_into<T: DeserializeOwned>(
    f: &DatasetFile,
    i: usize,
    out: &mut Vec<T>,
) -> Result<(), String> {
    let room = |n: usize, len: usize| {
        // Every item takes at least a byte: a damaged count cannot reserve more than that.
        if n > len {
            return Err("a run counting more items than bytes".to_string());
        }
        out.reserve(n);
        Ok(out)
    };
    decode_run(f, i, room, |out, _, item| out.push(item)).map(|_| ())
}

/// Run `i` of `f` decoded into the first slots of `slots`, which must have room for it;
/// the slots after them.
fn decode_run_onto<'s, T: DeserializeOwned>(
    f: &DatasetFile,
    i: usize,
    slots: &'s mut [T],
) -> Result<&'s mut [T], String> {
    let n = decode_run(
        f,
        i,
        |n, _| {
            slots
                .get_mut(..n)
                .ok_or_else(|| "a run counting more items than announced".into())
        },
        |these, k, item| these[k] = item,
    )?;
    Ok(&mut slots[n..])
}

fn decode_part<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    match bincode::serde::decode_from_slice(bytes, bincode_config()) {
        Ok((v, used)) if used == bytes.len() => Ok(v),
        Ok(_) => Err("trailing bytes in a part".into()),
        Err(e) => Err(e.to_string()),
    }
}

fn encode<T: Serialize + ?Sized>(v: &T) -> Result<Vec<u8>, String> {
    bincode::serde::encode_to_vec(v, bincode_config()).map_err(|e| e.to_string())
}

/// The sentence file of the dataset of `key`.
fn sentences_name(key: u128) -> String {
    format!("sentences-{key:032x}.bin")
}

/// The (engine, key, payload length, checksum) a file's header gives, or what is wrong
/// with it.
fn parse_header_sum(bytes: &[u8], kind: FileKind) -> Result<(u64, u128, usize, u64), String> {
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err("not a liaison cache file".into());
    }
    // Words: magic, kind, engine, key (two), payload length, checksum.
    let word = |i: usize| le_word(bytes, i);
    if word(1) != u64::from(kind as u8) {
        return Err("a cache file of another kind".into());
    }
    let key = u128::from(word(3)) | (u128::from(word(4)) << 64);
    let len = usize::try_from(word(5)).unwrap_or(usize::MAX);
    Ok((word(2), key, len, word(6)))
}

/// Whether the cache file at `path` is sound as far as its header tells and was made by an
/// engine other than `engine`.
fn another_engine(path: &Path, kind: FileKind, engine: u64) -> bool {
    use std::io::Read;
    let mut header = [0u8; HEADER];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .ok()
        .and_then(|()| parse_header_sum(&header, kind).ok())
        .is_some_and(|(made_by, ..)| made_by != engine)
}

/// The (engine, key) of a sound cache file, or what is wrong with it.
fn parse_file(bytes: &[u8], kind: FileKind) -> Result<(u64, u128), String> {
    let (engine, key, len, sum) = parse_header_sum(bytes, kind)?;
    let payload = &bytes[HEADER..];
    if payload.len() != len {
        return Err(format!(
            "cut short or padded ({} bytes of contents, {len} expected)",
            payload.len()
        ));
    }
    // A results segment's checksum covers its table of parts; each part has its own.
    let summed = match kind {
        FileKind::Results => table_of(payload)?,
        _ => payload,
    };
    if xxh3_64(summed) != sum {
        return Err("checksum mismatch".into());
    }
    Ok((engine, key))
}

/// A dataset and how it was made.
#[derive(Debug)]
pub struct Loaded {
    pub dataset: Dataset,
    /// Articles extracted in this run (each side counted).
    pub extracted: usize,
    /// Articles whose results came from the cache.
    pub reused: usize,
    /// Whether the whole dataset came from the cache.
    pub dataset_cached: bool,
    /// With [`Columns::Earlier`]: whether the dataset is the one the cache held from before
    /// the corpus changed (or the aliases, or the home), not this corpus's.
    pub earlier: bool,
    /// Cache problems, to report once.
    pub notes: Vec<String>,
    /// When the dataset was built through the cache: how many groups of reports (one kind,
    /// one set of parties) it has, and how many of them were clustered rather than known
    /// from the last build (see [`Clustering`]).
    pub groups: Option<(usize, usize)>,
    /// The dashboard's columns over the dataset, when asked for ([`Columns::Wanted`] or
    /// [`Columns::FirstFrame`]) and the cache had them or built them; otherwise the
    /// dashboard builds them.
    pub columns: Option<Index>,
    /// With [`Columns::FirstFrame`] and a cached dataset: the officials and events
    /// `dataset` does not hold yet, for [`Rest::read`] to add.
    pub rest: Option<Rest>,
    /// The numbers of articles and events of the whole dataset (after [`load_who`] read
    /// them from the cache, `dataset` holds only the officials found, their events and the
    /// articles their titles cite).
    pub counts: Counts,
}

/// How many articles and events a dataset has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub articles: usize,
    pub events: usize,
}

impl Counts {
    fn of(d: &Dataset) -> Counts {
        Counts {
            articles: d.articles.len(),
            events: d.events.len(),
        }
    }
}

/// Which events and officials the dashboard's first frame reads (see
/// [`Columns::FirstFrame`]).
pub type FirstFrameNeeds<'a> = dyn Fn(&Index) -> (Vec<usize>, Vec<usize>) + Sync + 'a;

/// Whether a load also gives the dashboard's columns over the dataset ([`Loaded::columns`]).
#[derive(Clone, Copy)]
pub enum Columns<'a> {
    /// Not decoded (`show`, `brief`...).
    Skip,
    /// The ones the cache holds, or built as the cache is written; none without the cache,
    /// and the dashboard builds them.
    Wanted,
    /// Like `Wanted`, but a cached dataset is read in two steps, so that the dashboard's
    /// first frame is drawn before most of it is decoded. This is given the columns and
    /// says which events and officials (ascending) the first frame reads; the dataset
    /// given holds every article and those, placeholders in the other slots, and
    /// [`Loaded::rest`] reads the others into it. Nothing but that
    /// frame may be drawn or computed from the dataset before the rest is read.
    FirstFrame(&'a FirstFrameNeeds<'a>),
    /// The columns alone (`countries`, whose rows they give): a cached dataset gives its
    /// head, articles and columns, placeholders in the slots of its officials and events,
    /// whose runs are neither read nor checked (what reads them later checks them), and no
    /// [`Loaded::rest`]. Otherwise like `Wanted`.
    Only,
    /// Like `FirstFrame`, but when the cached dataset was built before the corpus changed
    /// (an article added, edited or removed, other aliases, another home), that dataset is
    /// read as it is, [`Loaded::earlier`] says so, and nothing is extracted or written: the
    /// dashboard shows it at once while it builds the current one with `Wanted` on another
    /// thread. With no dataset in the cache, or a current one, this is `FirstFrame`.
    Earlier(&'a FirstFrameNeeds<'a>),
}

/// Loads a corpus and builds its dataset, through the cache unless `mode` is `Off` or the
/// corpus is the embedded one, with the dashboard's columns if `columns` says so.
/// `progress(done, total)` is called as articles are extracted.
pub fn load_dataset(
    gz: &Gazetteer,
    aliases: &Aliases,
    source: &CorpusSource,
    home: Option<&str>,
    mode: &CacheMode,
    columns: Columns,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Loaded, CorpusError> {
    load_wanted(
        gz,
        aliases,
        source,
        home,
        mode,
        Want::Data(columns),
        progress,
    )
    .map(|(l, _)| l)
}

/// [`load_dataset`] for `liaison who QUERY`: the dataset and the officials `query` finds in
/// it (see [`crate::who::WhoIndex::find`]). With a cached dataset, only its head, its search
/// index, the officials found and their events are read: the dataset returned holds those
/// officials alone, `Found::people` numbering them in it.
pub fn load_who(
    gz: &Gazetteer,
    aliases: &Aliases,
    source: &CorpusSource,
    home: Option<&str>,
    mode: &CacheMode,
    query: &str,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<(Loaded, Found), CorpusError> {
    let (loaded, found) = load_wanted(gz, aliases, source, home, mode, Want::Who(query), progress)?;
    let found = found
        .unwrap_or_else(|| Found::search(&crate::who::WhoIndex::of(&loaded.dataset.people), query));
    Ok((loaded, found))
}

/// What a caller wants of a dataset file.
#[derive(Clone, Copy)]
enum Want<'q> {
    /// The dataset, and the dashboard's columns as [`Columns`] says.
    Data(Columns<'q>),
    /// The officials a query finds (see [`load_who`]).
    Who(&'q str),
}

fn load_wanted(
    gz: &Gazetteer,
    aliases: &Aliases,
    source: &CorpusSource,
    home: Option<&str>,
    mode: &CacheMode,
    want: Want<'_>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<(Loaded, Option<Found>), CorpusError> {
    let uncached = |corpus: Corpus, notes: Vec<String>| {
        let total = corpus.articles.len();
        let x =
            crate::extract::extract_corpus_with(gz, &corpus, home, &|done| progress(done, total));
        let dataset = Dataset::build(x, aliases);
        let loaded = Loaded {
            counts: Counts::of(&dataset),
            dataset,
            extracted: total,
            reused: 0,
            dataset_cached: false,
            earlier: false,
            notes,
            groups: None,
            columns: None,
            rest: None,
        };
        (loaded, None)
    };
    let paths = match source {
        CorpusSource::Embedded => return Ok(uncached(Corpus::embedded(), Vec::new())),
        CorpusSource::Paths(p) => p,
    };
    if *mode == CacheMode::Off {
        let corpus = Corpus::from_paths(paths)?;
        crate::timing::phase("corpus read");
        return Ok(uncached(corpus, Vec::new()));
    }
    let plan = Plan::of(paths)?;
    crate::timing::phase("cache: corpus listed");
    let mut cache = match Cache::open(mode, paths, engine(gz)) {
        Ok(c) => c,
        Err(why) => {
            let note = format!("cache: {why}; working without it");
            return Ok(uncached(Corpus::from_paths(paths)?, vec![note]));
        }
    };
    crate::timing::phase("cache: opened");

    // Which files changed: `stat` against the manifest, reading and hashing only the others.
    let manifest_file = cache.manifest_file();
    let manifest = cache.manifest(manifest_file.as_deref());
    // The manifest lists the files in the plan's order, unless files were added or removed:
    // then by path.
    let by_path: std::sync::OnceLock<HashMap<&str, &ManifestFile>> = std::sync::OnceLock::new();
    let known = |i: usize, path: &str| -> Option<&ManifestFile> {
        match manifest.files.get(i) {
            Some(m) if m.path == path => Some(m),
            _ => by_path
                .get_or_init(|| manifest.files.iter().map(|f| (&*f.path, f)).collect())
                .get(path)
                .copied(),
        }
    };
    let racy_from = manifest.written.saturating_sub(1_000_000_000);
    let numbered: Vec<usize> = (0..plan.files.len()).collect();
    let seen: Vec<Seen> = crate::par::par_map(
        &numbered,
        |&i| {
            let f = &plan.files[i];
            let stat = match f.stat {
                Some(stat) => stat,
                None => match std::fs::metadata(&f.path) {
                    Ok(m) => FileStat::of(&m),
                    Err(e) => return Seen::failed(f, &e),
                },
            };
            if let Some(k) = known(i, &f.path.to_string_lossy())
                && k.stat == stat
                && stat.mtime < racy_from
            {
                return Seen {
                    stat: Some(stat),
                    content: Some(k.content),
                    bytes: None,
                    error: None,
                };
            }
            match std::fs::read(&f.path) {
                Ok(bytes) => Seen {
                    stat: Some(stat),
                    content: Some(xxhash_rust::xxh3::xxh3_128(&bytes)),
                    bytes: Some(bytes),
                    error: None,
                },
                Err(e) => Seen::failed(f, &e),
            }
        },
        &|_| {},
    );
    crate::timing::phase("cache: files checked");
    let new_manifest = Manifest {
        written: now_nanos(),
        files: plan
            .files
            .iter()
            .zip(&seen)
            .filter_map(|(f, s)| {
                Some(ManifestFile {
                    path: f.path.to_string_lossy(),
                    stat: s.stat?,
                    content: s.content?,
                })
            })
            .collect(),
    };
    let manifest_changed = new_manifest.files != manifest.files;
    let keys: Vec<Option<u128>> = plan
        .files
        .iter()
        .zip(&seen)
        .map(|(f, s)| s.content.map(|c| entry_key(cache.engine, f, c)))
        .collect();
    let dataset_key = {
        let mut h = Xxh3::new();
        h.update(&cache.engine.to_le_bytes());
        h.update(&aliases.fingerprint.to_le_bytes());
        h.update(home.unwrap_or("").as_bytes());
        h.update(&[0]);
        for ((f, s), k) in plan.files.iter().zip(&seen).zip(&keys) {
            match k {
                Some(k) => h.update(&k.to_le_bytes()),
                None => {
                    h.update(b"unreadable:");
                    h.update(f.display.as_bytes());
                    h.update(
                        s.error
                            .as_ref()
                            .map_or("", |w| w.message.as_str())
                            .as_bytes(),
                    );
                }
            }
            if let Some(d) = &f.duplicate {
                h.update(d.message.as_bytes());
            }
        }
        h.digest128()
    };

    // This corpus's dataset, else (for the dashboard) the one built last time, which the
    // caller shows while it builds this one.
    let or_earlier = matches!(want, Want::Data(Columns::Earlier(_)));
    if let Some((file, is_earlier)) = cache.open_dataset(dataset_key, or_earlier) {
        // An earlier dataset writes nothing: the build of the current one will.
        if manifest_changed && !is_earlier {
            cache.write("manifest.bin", FileKind::Manifest, 0, &new_manifest);
        }
        // What the file check needed is freed before the dataset is decoded (tens of
        // megabytes at 100,000 articles, which would add to the peak).
        let reused = if is_earlier { 0 } else { plan.files.len() };
        drop(by_path);
        drop(new_manifest);
        drop(manifest);
        drop(manifest_file);
        drop((plan, seen, keys));
        let read = match want {
            Want::Who(query) => cache
                .checked(&file, |f| who_in(f, query))
                .map(|(d, found, counts)| (d, None, Some(found), counts, None)),
            Want::Data(c @ (Columns::Skip | Columns::Wanted)) => cache
                .checked(&file, |f| whole_dataset(f, matches!(c, Columns::Wanted)))
                .map(|(d, columns)| {
                    let counts = Counts::of(&d);
                    (d, columns, None, counts, None)
                }),
            Want::Data(Columns::Only) => cache.checked(&file, columns_only).map(|(d, columns)| {
                let counts = Counts::of(&d);
                (d, Some(columns), None, counts, None)
            }),
            Want::Data(Columns::FirstFrame(pick) | Columns::Earlier(pick)) => cache
                .checked(&file, |f| first_frame(f, pick))
                .map(|(d, columns, syms)| {
                    let counts = Counts::of(&d);
                    (d, Some(columns), None, counts, Some(syms))
                }),
        };
        crate::timing::phase("cache: dataset read");
        if let Some((dataset, columns, found, counts, rest)) = read {
            let rest = rest.map(|syms| Rest {
                file,
                syms,
                people: dataset.people.len(),
                events: dataset.events.len(),
                earlier: is_earlier,
            });
            let loaded = Loaded {
                dataset,
                extracted: 0,
                reused,
                dataset_cached: true,
                earlier: is_earlier,
                notes: cache.notes,
                groups: None,
                columns,
                rest,
                counts,
            };
            return Ok((loaded, found));
        }
        // Damaged: noted and deleted, so the corpus is loaded again and the dataset rebuilt.
        let (mut loaded, found) = load_wanted(gz, aliases, source, home, mode, want, progress)?;
        loaded.notes.splice(0..0, cache.notes);
        return Ok((loaded, found));
    }

    // Per-article entries: from the segments, else extracted now.
    let (store, segments_read) = cache.entries();
    crate::timing::phase("cache: entries read");
    let mut entries = Entries::new(store, Some((cache.dir.clone(), cache.engine)));
    let files = Files {
        plan: &plan,
        seen: &seen,
        keys: &keys,
    };

    // The first reading (or the only one, with a given home), with the progress bar.
    let (first, to_make) = entries.first_reading(gz, &files, home, progress);
    let reused = first.iter().flatten().count() - to_make;
    // Files in order: their entry of the first reading, or the reason they were skipped.
    let mut warnings: Vec<Warning> = Vec::new();
    let mut articles: Vec<ArticleMeta> = Vec::new();
    let mut article_files: Vec<usize> = Vec::new();
    for (i, (f, k)) in plan.files.iter().zip(&first).enumerate() {
        warnings.extend(f.duplicate.clone());
        match k.and_then(|k| entries.store.get(&k)) {
            Some(e) => {
                warnings.extend(e.warnings.iter().cloned());
                if let Some(m) = &e.meta {
                    articles.push(m.clone());
                    article_files.push(i);
                }
            }
            None => warnings.extend(seen[i].error.clone()),
        }
    }
    // Unless the segments may be merged at the end, which writes every live entry again,
    // only the new entries are written, as soon as a reading has made them in numbers (see
    // `Entries::ensure`): then every result is taken out of the store rather than
    // copied (a million events at 100,000 articles). `used` only grows, and every new entry
    // is used, so a store within twice the entries used now stays so; the count of segments
    // already counts a new one.
    let may_compact = merge_due(
        segments_read.len() + 1,
        entries.store.len(),
        entries.used.len(),
    );
    let (dir, engine) = (cache.dir.clone(), cache.engine);
    let (events, home) = extract_sides(gz, article_files.len(), home, &mut |which, side| {
        let these: Vec<usize> = which.iter().map(|&a| article_files[a]).collect();
        let keys = entries.ensure(gz, &files, &these, side, None, &|_, _| {});
        crate::timing::phase("cache: entries ensured");
        // The results the segments will be written from at the end are copied, on every
        // core: every one when the segments are to be merged, else those made now and not
        // written yet (too few to be worth a segment of their own); the others are taken
        // out of the store. Each key is read once: the readings' sides differ, and so do
        // their keys.
        let unwritten: HashSet<u128> = entries
            .fresh
            .iter()
            .filter(|k| !entries.written.contains(*k))
            .copied()
            .collect();
        let store = &entries.store;
        let copies: Vec<Option<ArticleResult>> = crate::par::par_map(
            &keys,
            |k| {
                let k = (*k).filter(|k| may_compact || unwritten.contains(k))?;
                store.get(&k)?.result.clone()
            },
            &|_| {},
        );
        let results = keys
            .into_iter()
            .zip(copies)
            .map(|(k, copy)| {
                copy.or_else(|| k.and_then(|k| entries.store.get_mut(&k)?.result.take()))
                    .unwrap_or(ArticleResult {
                        events: Vec::new(),
                        focal: None,
                        mentioned: Vec::new(),
                    })
            })
            .collect();
        crate::timing::phase("cache: results copied or taken");
        results
    });
    crate::timing::phase("cache: extracted");
    let origins = origins(
        &events,
        &articles,
        |a| keys[article_files[a]],
        aliases,
        &home,
    );
    let x = Extraction {
        articles,
        events,
        warnings,
        home,
    };
    // The groups of reports no article changed are clustered as last time.
    let earlier = cache.clustering();
    crate::timing::phase("cache: clustering read");
    let (dataset, clustering) = Dataset::build_with(x, origins, aliases, earlier.as_ref());
    let groups = Some((
        clustering.len(),
        clustering.clustered_since(earlier.as_ref()),
    ));
    let clustering = (earlier.as_ref() != Some(&clustering)).then_some(clustering);
    drop(earlier);
    crate::timing::phase("cache: dataset built");

    // Write back: the new entries, merged segments when they pile up or hold mostly dead
    // entries, the dataset and the manifest.
    let Entries {
        store,
        fresh,
        used,
        written: written_early,
        writing,
        ..
    } = entries;
    // The readings made now and used: not those from a home the corpus turned out not to
    // have.
    let new: Vec<u128> = fresh.into_iter().filter(|k| used.contains(k)).collect();
    let extracted = new.len();
    // Those not written already (see `Entries::ensure`).
    let new: Vec<u128> = new
        .into_iter()
        .filter(|k| !written_early.contains(k))
        .collect();
    let compact = merge_due(
        segments_read.len() + usize::from(!new.is_empty()),
        store.len(),
        used.len(),
    );
    // The segments written meanwhile (see `Entries::ensure`), done by now.
    let mut early: Vec<PathBuf> = Vec::new();
    for w in writing {
        let results = w
            .join()
            .unwrap_or_else(|_| vec![Err("cache: the results could not be written".into())]);
        for r in results {
            match r {
                Ok(path) => early.push(path),
                Err(e) => cache.notes.push(e),
            }
        }
    }
    // The entries and the dataset are written at once, on both cores, after the temporary
    // files an earlier rebuild left, if it ended mid-write, are swept.
    sweep_abandoned(&cache.dir, ABANDONED);
    let (written, columns) = std::thread::scope(|scope| {
        let entries = scope.spawn(|| {
            let clusters = clustering.map_or(Ok(()), |c| {
                let payload = encode(&c)?;
                write_atomic(
                    &dir,
                    engine,
                    "clusters.bin",
                    FileKind::Clusters,
                    0,
                    Layout::Whole,
                    &[&payload],
                )
            });
            let segment = if compact {
                let mut live: Vec<(&u128, &Entry)> =
                    store.iter().filter(|(k, _)| used.contains(*k)).collect();
                live.sort_by_key(|(k, _)| **k);
                let written = write_segment(&dir, engine, &live);
                if written.is_ok() {
                    for s in segments_read.iter().chain(&early) {
                        let _ = std::fs::remove_file(s);
                    }
                }
                written
            } else if !new.is_empty() {
                let new: Vec<(u128, &Entry)> = new
                    .iter()
                    .filter_map(|k| Some((*k, store.get(k)?)))
                    .collect();
                write_segment(&dir, engine, &new)
            } else {
                Ok(())
            };
            [segment, clusters]
        });
        let columns = cache.write_dataset(dataset_key, &dataset, gz);
        (entries.join(), columns)
    });
    match written {
        Ok(results) => cache
            .notes
            .extend(results.into_iter().filter_map(Result::err)),
        Err(_) => cache
            .notes
            .push("cache: the results could not be written".into()),
    }
    // A million cached results take seconds to free: another thread does it while the
    // caller goes on with the dataset.
    crate::par::drop_aside((store, new, used));
    cache.write("manifest.bin", FileKind::Manifest, 0, &new_manifest);
    crate::timing::phase("cache: written");
    let loaded = Loaded {
        counts: Counts::of(&dataset),
        dataset,
        extracted,
        reused,
        dataset_cached: false,
        earlier: false,
        notes: cache.notes,
        groups,
        columns: columns.filter(|_| !matches!(want, Want::Data(Columns::Skip) | Want::Who(_))),
        rest: None,
    };
    Ok((loaded, None))
}

/// Where each report of `events` comes from (see [`crate::merge::merge_with_origins`]): the
/// key of its article (`key_of` the article's place in `articles`; it covers the engine, the
/// article's path and content, and so which side it is read from again given the home), the
/// report's place among that article's reports, the aliases and the home. Equal origins are
/// equal reports, since extracting and curating are functions of these alone. `None` (the
/// groups are then known by what clustering reads of them) if an article has no key or two
/// articles share an id, which would make two reports' origins alike.
fn origins(
    events: &[Event],
    articles: &[ArticleMeta],
    key_of: impl Fn(usize) -> Option<u128>,
    aliases: &Aliases,
    home: &Option<String>,
) -> Option<Vec<u128>> {
    let mut salt = Xxh3::new();
    salt.update(&aliases.fingerprint.to_le_bytes());
    salt.update(home.as_deref().unwrap_or("").as_bytes());
    let salt = salt.digest128();
    let mut key: rustc_hash::FxHashMap<&str, u128> = rustc_hash::FxHashMap::default();
    for (i, a) in articles.iter().enumerate() {
        if key.insert(a.id.as_str(), key_of(i)?).is_some() {
            return None;
        }
    }
    // How many reports of each article were met so far. The reports come article after
    // article, so the current article's count and key are kept at hand, and the maps are
    // looked up once per article rather than once per report.
    let mut seen: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    let mut current: Option<(&str, u128, u32)> = None;
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        let article = e.sources.first()?.article.as_str();
        let (article_key, place) = match current {
            Some((a, k, place)) if a == article => (k, place),
            _ => {
                if let Some((a, _, place)) = current {
                    seen.insert(a, place);
                }
                (*key.get(article)?, seen.get(article).copied().unwrap_or(0))
            }
        };
        let mut bytes = [0u8; 36];
        bytes[..16].copy_from_slice(&salt.to_le_bytes());
        bytes[16..32].copy_from_slice(&article_key.to_le_bytes());
        bytes[32..].copy_from_slice(&place.to_le_bytes());
        current = Some((article, article_key, place + 1));
        out.push(xxhash_rust::xxh3::xxh3_128(&bytes));
    }
    Some(out)
}

/// The files of a run: the plan, what the file check found, and each readable file's key
/// (before the side).
struct Files<'a> {
    plan: &'a Plan,
    seen: &'a [Seen],
    keys: &'a [Option<u128>],
}

/// The fewest entries one reading makes that are written as it makes them (see
/// [`Entries::ensure`]): two segments' worth of parts, a cold start of a few thousand
/// articles. Fewer are written at the end of the run.
const EARLY_WRITE: usize = 2 * SEGMENT_CHUNK;

/// The per-article entries of a run: those read from the segments and those made now.
struct Entries {
    store: HashMap<u128, Entry>,
    /// Keys of the entries made in this run.
    fresh: Vec<u128>,
    /// Keys this run used: the live ones, kept when segments are merged.
    used: HashSet<u128>,
    /// The cache folder and engine, where the entries a reading makes in numbers are
    /// written as they are made (see [`Entries::ensure`]); none to leave them all for the
    /// end of the run.
    early: Option<(PathBuf, u64)>,
    /// How many a reading must make to be written so ([`EARLY_WRITE`]).
    early_from: usize,
    /// Keys of the entries made in this run and already written.
    written: HashSet<u128>,
    /// The threads writing them, each with the segments it wrote or why it could not.
    writing: Vec<std::thread::JoinHandle<Vec<Result<PathBuf, String>>>>,
}

/// A results segment made an entry at a time (see [`write_segment`] for its layout): by
/// [`encode_segment`], or by an extraction thread as it makes each entry (see
/// [`Entries::ensure`]).
struct SegmentBuilder {
    numbering: crate::sym::Numbering,
    /// The entries a part holds (the last may hold fewer).
    per_part: usize,
    /// The parts done, each its number of entries then the entries.
    parts: Vec<Vec<u8>>,
    /// The entries of the part being made, and how many there are.
    part: Vec<u8>,
    in_part: usize,
    error: Option<String>,
}

impl SegmentBuilder {
    fn new(per_part: usize) -> SegmentBuilder {
        SegmentBuilder {
            numbering: crate::sym::Numbering::new(),
            per_part: per_part.max(1),
            parts: Vec::new(),
            part: Vec::new(),
            in_part: 0,
            error: None,
        }
    }

    /// Adds an entry, `(key, entry)` (by value or by reference: they encode alike).
    fn add(&mut self, entry: &impl Serialize) {
        if self.error.is_some() {
            return;
        }
        let part = &mut self.part;
        let added = self
            .numbering
            .run(|| bincode::serde::encode_into_std_write(entry, part, bincode_config()));
        match added {
            Ok(_) => {
                self.in_part += 1;
                if self.in_part == self.per_part {
                    self.end_part();
                }
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn end_part(&mut self) {
        if self.in_part == 0 {
            return;
        }
        // What a list's encoding starts with: its length.
        match encode(&(self.in_part as u64)) {
            Ok(mut done) => {
                done.extend_from_slice(&self.part);
                self.parts.push(done);
            }
            Err(e) => self.error = Some(e),
        }
        self.part.clear();
        self.in_part = 0;
    }

    /// The segment's parts (see [`write_segment_parts`]). The error is the note to report.
    fn finish(mut self) -> Result<Vec<Vec<u8>>, String> {
        self.end_part();
        let cannot = |e: String| format!("cache: cannot write a results segment: {e}");
        if let Some(e) = self.error {
            return Err(cannot(e));
        }
        let strings = encode(&self.numbering.strings()).map_err(cannot)?;
        let mut parts = Vec::with_capacity(1 + self.parts.len());
        parts.push(strings);
        parts.extend(self.parts);
        Ok(parts)
    }
}

impl Entries {
    fn new(store: HashMap<u128, Entry>, early: Option<(PathBuf, u64)>) -> Entries {
        Entries {
            store,
            fresh: Vec::new(),
            used: HashSet::new(),
            early,
            early_from: EARLY_WRITE,
            written: HashSet::new(),
            writing: Vec::new(),
        }
    }

    /// The keys of the entries of `which` (indices into the plan) read from `side`, `None`
    /// for unreadable files; entries the cache lacks are made now, on every core, with
    /// `progress(done, total)`.
    fn ensure(
        &mut self,
        gz: &Gazetteer,
        files: &Files,
        which: &[usize],
        side: Option<&str>,
        also: Option<&str>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Vec<Option<u128>> {
        let keys: Vec<Option<u128>> = which
            .iter()
            .map(|&i| files.keys[i].map(|k| entry_key_side(k, side)))
            .collect();
        let missing = self.missing(files, which, side);
        let total = missing.len();
        // Read from their own side, the articles are also read from `also`'s side when it
        // would read them again (see `extract_article_both`), unless that entry is there.
        let also = also.filter(|_| side.is_none());
        // When they are many (a cold start), each thread encodes the entries it makes into
        // a segment of its own as it makes them, while they are fresh in its caches, and
        // the segments are written by a thread of their own: their results can then be
        // taken for the merge rather than copied, and the end of the run has nothing left
        // to write. Each thread also shares the strings of the events it makes (a million
        // events at 100,000 articles name a few thousand codes, names and articles): a
        // third less memory to fill, and a third of the allocations.
        let early = self.early.clone().filter(|_| total >= self.early_from);
        let (made, segments) = crate::par::par_map_sharing_with(
            &missing,
            || early.is_some().then(|| SegmentBuilder::new(SEGMENT_CHUNK)),
            |segment, &(i, key)| {
                let again = also.and_then(|h| {
                    let key = entry_key_side(files.keys[i]?, Some(h));
                    (!self.store.contains_key(&key)).then_some((h, key))
                });
                let bytes = files.seen[i].bytes.as_deref();
                let f = &files.plan.files[i];
                let (own, other) = make_entries(gz, f, bytes, side, again.map(|(h, _)| h));
                let other = other.zip(again).map(|(e, (_, key))| (key, e));
                if let Some(segment) = segment {
                    segment.add(&(key, &own));
                    if let Some(other) = &other {
                        segment.add(other);
                    }
                }
                (own, other)
            },
            &|done| progress(done, total),
        );
        if let Some((dir, engine)) = early {
            let segments: Vec<SegmentBuilder> = segments.into_iter().flatten().collect();
            self.writing.push(std::thread::spawn(move || {
                segments
                    .into_iter()
                    .map(|s| write_segment_parts(&dir, engine, s.finish()?))
                    .collect()
            }));
            let again = made.iter().filter_map(|(_, a)| a.as_ref().map(|(k, _)| *k));
            self.written
                .extend(missing.iter().map(|(_, k)| *k).chain(again));
        }
        for (&(_, k), (entry, again)) in missing.iter().zip(made) {
            self.fresh.push(k);
            self.store.insert(k, entry);
            if let Some((k, e)) = again {
                self.fresh.push(k);
                self.store.insert(k, e);
            }
        }
        self.used.extend(keys.iter().flatten());
        keys
    }

    /// The keys of every file's entry of the first reading (`None` for unreadable files),
    /// made where the cache lacks them, and how many were made for it (not counting other
    /// sides read at the same time).
    fn first_reading(
        &mut self,
        gz: &Gazetteer,
        files: &Files,
        home: Option<&str>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> (Vec<Option<u128>>, usize) {
        let all: Vec<usize> = (0..files.plan.files.len()).collect();
        let to_make = self.missing(files, &all, home).len();
        let first = match home {
            Some(_) => self.ensure(gz, files, &all, home, None, progress),
            None => {
                // Articles told from another side that mention the home are read again from
                // its side, and the home is known only once every article is read. The home of
                // a sample of the articles (every so many, in case the order of the paths goes
                // with their subject) is likely the corpus's: the others are read from both
                // sides at once where it would read them again, which does the work that does
                // not depend on the side once. Unless the home turns out otherwise: then those
                // readings go unused, and are not kept.
                let sample_size = (all.len() / 50).max(FIRST_SHARE).min(all.len()).max(1);
                let stride = (all.len() / sample_size).max(1);
                let (sample, rest): (Vec<usize>, Vec<usize>) =
                    all.iter().partition(|&&i| i % stride == 0);
                let sampled = self.ensure(gz, files, &sample, None, None, &|done, _| {
                    progress(done, to_make)
                });
                let likely = crate::extract::home_of(
                    gz,
                    sampled
                        .iter()
                        .flatten()
                        .filter_map(|k| self.store.get(k)?.result.as_ref()),
                );
                let made = self.fresh.len();
                let others = self.ensure(gz, files, &rest, None, likely.as_deref(), &|done, _| {
                    progress(made + done, to_make)
                });
                let mut first = vec![None; all.len()];
                for (&i, k) in sample.iter().zip(sampled).chain(rest.iter().zip(others)) {
                    first[i] = k;
                }
                first
            }
        };
        (first, to_make)
    }

    /// The entries of `which` (indices into the plan) read from `side` that the cache lacks:
    /// (index, key).
    fn missing(&self, files: &Files, which: &[usize], side: Option<&str>) -> Vec<(usize, u128)> {
        which
            .iter()
            .filter_map(|&i| Some((i, entry_key_side(files.keys[i]?, side))))
            .filter(|(_, k)| !self.store.contains_key(k))
            .collect()
    }
}

/// What the file check found about one file.
struct Seen {
    stat: Option<FileStat>,
    content: Option<u128>,
    /// The bytes, when they had to be read.
    bytes: Option<Vec<u8>>,
    /// Why the file could not be read.
    error: Option<Warning>,
}

impl Seen {
    fn failed(f: &PlannedFile, e: &std::io::Error) -> Seen {
        Seen {
            stat: None,
            content: None,
            bytes: None,
            error: Some(f.unreadable(e)),
        }
    }
}

/// The key of an article's entry, before the side is added.
fn entry_key(engine: u64, f: &PlannedFile, content: u128) -> u128 {
    let mut h = Xxh3::new();
    h.update(&engine.to_le_bytes());
    h.update(f.id.as_bytes());
    h.update(&[0]);
    h.update(f.display.as_bytes());
    h.update(&[0]);
    h.update(&content.to_le_bytes());
    h.digest128()
}

fn entry_key_side(base: u128, side: Option<&str>) -> u128 {
    let mut h = Xxh3::new();
    h.update(&base.to_le_bytes());
    h.update(side.unwrap_or("").as_bytes());
    h.digest128()
}

/// Reads (unless already read) and parses one article, and extracts it from `side`: its
/// entry. With `also` (and no side), also from `also`'s side when that would read it again,
/// the work that does not depend on the side done once (see
/// [`crate::extract::extract_article_both`]): that entry too.
fn make_entries(
    gz: &Gazetteer,
    f: &PlannedFile,
    bytes: Option<&[u8]>,
    side: Option<&str>,
    also: Option<&str>,
) -> (Entry, Option<Entry>) {
    let (article, warnings): (Option<Article>, Vec<Warning>) = match bytes {
        Some(b) => f.parse(b),
        None => f.load(),
    };
    let Some(article) = article else {
        let entry = Entry {
            meta: None,
            warnings,
            result: None,
        };
        return (entry, None);
    };
    let (mut own, mut again) = match also {
        Some(h) => crate::extract::extract_article_both(gz, &article, h),
        None => (extract_article_from(gz, &article, side), None),
    };
    // One allocation per string on each thread (see `Entries::ensure`).
    own.share_strings();
    if let Some(again) = again.as_mut() {
        again.share_strings();
    }
    let entry = |result| Entry {
        meta: Some(article.meta.clone()),
        warnings: warnings.clone(),
        result: Some(result),
    };
    (entry(own), again.map(entry))
}

/// Writes a cache file atomically (see [`Streaming`]): `parts` in one piece when there is
/// one and `layout` is [`Layout::Whole`], else after their table. The error is the note to
/// report.
fn write_atomic(
    dir: &Path,
    engine: u64,
    name: &str,
    kind: FileKind,
    key: u128,
    layout: Layout,
    parts: &[&[u8]],
) -> Result<(), String> {
    (|| -> Result<(), String> {
        let mut out = Streaming::create(dir, layout)?;
        for p in parts {
            out.part(p)?;
        }
        out.finish(&dir.join(name), engine, kind, key)
    })()
    .map_err(|e| format!("cache: cannot write {}: {e}", dir.join(name).display()))
}

/// How long a temporary file of the cache may go unwritten before it is taken for one a
/// process left when it ended mid-write (the dashboard's quit while it builds the current
/// dataset, a kill): swept when the cache is next rebuilt (a warm start writes nothing and
/// does not look). A live write touches its file every few milliseconds.
const ABANDONED: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Deletes the temporary files of [`write_atomic`] in `dir` not written to for `age`.
fn sweep_abandoned(dir: &Path, age: std::time::Duration) {
    let Ok(list) = std::fs::read_dir(dir) else {
        return;
    };
    for f in list.flatten() {
        if !f.file_name().to_string_lossy().starts_with(TEMPORARY) {
            continue;
        }
        let idle = f
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok());
        if idle.is_some_and(|idle| idle >= age) {
            let _ = std::fs::remove_file(f.path());
        }
    }
}

/// How many entries a part of a results segment holds at least: the parts are decoded on
/// every core, and a segment of a hundred thousand articles' results (500 MB) took 4.5 s to
/// decode on one.
const SEGMENT_CHUNK: usize = 4096;

/// Writes a results segment: a table of parts, then the parts, as a dataset file is laid out
/// (see [`Layout::Parts`]): first the table of the segment's shared strings ([`Strings`]),
/// then the entries in parts, each the bincode of a list of entries in which every
/// [`crate::sym::Sym`] is its number in that table, so that the parts are checked and
/// decoded apart ([`decode_segment`]) and a string met a million times is read as a copy
/// of the one made for its number rather than looked up by its text.
fn write_segment<T: Serialize>(dir: &Path, engine: u64, entries: &[T]) -> Result<(), String> {
    write_segment_parts(dir, engine, encode_segment(entries)?).map(|_| ())
}

/// The parts of a results segment holding `entries` (see [`write_segment`]): the table of
/// shared strings, then the entries in parts. The error is the note to report.
fn encode_segment<T: Serialize>(entries: &[T]) -> Result<Vec<Vec<u8>>, String> {
    let per_part = entries
        .len()
        .div_ceil(crate::par::cores() * 4)
        .max(SEGMENT_CHUNK);
    let mut segment = SegmentBuilder::new(per_part);
    for e in entries {
        segment.add(e);
    }
    segment.finish()
}

/// Writes a results segment from its parts (see [`encode_segment`]), under a name of its
/// own.
fn write_segment_parts(dir: &Path, engine: u64, parts: Vec<Vec<u8>>) -> Result<PathBuf, String> {
    let name = segment_name();
    let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    let layout = Layout::Parts(parts.len());
    write_atomic(dir, engine, &name, FileKind::Results, 0, layout, &parts)?;
    Ok(dir.join(name))
}

/// The entries of a results segment's payload (see [`write_segment`]), whose table of parts
/// [`parse_file`] checked: each part checked against its checksum and decoded, on every
/// core. The error says what is wrong.
fn decode_segment(payload: &[u8]) -> Result<Vec<(u128, Entry)>, String> {
    let parts = parts_of(table_of(payload)?, 0, payload.len() as u64)?;
    let n = parts.len();
    let checked = |&(at, len, sum): &PartAt| -> Result<&[u8], String> {
        let bytes = &payload[at as usize..at as usize + len];
        if xxh3_64(bytes) != sum {
            return Err("checksum mismatch".into());
        }
        Ok(bytes)
    };
    let (strings, parts) = parts.split_first().ok_or("no table of shared strings")?;
    let syms: Arc<Strings> = Arc::new(
        checked(strings)
            .and_then(decode_part)
            .map_err(|e| format!("its shared strings: {e}"))?,
    );
    let decoded = crate::par::par_map(
        parts,
        |part| -> Result<Vec<(u128, Entry)>, String> {
            // Equal codes, names and article ids decode into one shared string each (per
            // part).
            crate::sym::numbered(syms.clone(), || decode_part(checked(part)?))
        },
        &|_| {},
    );
    let mut out = Vec::new();
    for (i, d) in decoded.into_iter().enumerate() {
        out.extend(d.map_err(|e| format!("part {} of {n}: {e}", i + 2))?);
    }
    Ok(out)
}

fn segment_name() -> String {
    // Two segments of one process named in the same nanosecond still differ.
    static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut h = Xxh3::new();
    h.update(&std::process::id().to_le_bytes());
    h.update(&now_nanos().to_le_bytes());
    h.update(
        &MADE
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            .to_le_bytes(),
    );
    format!("results-{:016x}.bin", h.digest())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleMeta, Event, Kind};

    /// Only temporary files idle for the given age are swept: not a fresh one (a write under
    /// way in another process), not the cache's own files however old.
    #[test]
    fn temporary_files_left_idle_are_swept_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let make = |name: &str, idle: bool| {
            let path = dir.path().join(name);
            let f = std::fs::File::create(&path).unwrap();
            if idle {
                f.set_modified(old).unwrap();
            }
            path
        };
        let left = make(".tmp-left", true);
        let live = make(".tmp-live", false);
        let dataset = make("dataset.bin", true);
        let other = make("tmp-not-ours", true);
        sweep_abandoned(dir.path(), ABANDONED);
        assert!(!left.exists());
        assert!(live.exists() && dataset.exists() && other.exists());
        sweep_abandoned(dir.path(), std::time::Duration::ZERO);
        assert!(!live.exists() && dataset.exists() && other.exists());
    }

    /// The seed articles copied to a folder, planned, read and keyed as a run does.
    struct SeedRun {
        _dir: tempfile::TempDir,
        plan: Plan,
        seen: Vec<Seen>,
        keys: Vec<Option<u128>>,
    }

    impl SeedRun {
        fn files(&self) -> Files<'_> {
            Files {
                plan: &self.plan,
                seen: &self.seen,
                keys: &self.keys,
            }
        }
    }

    fn seed_run() -> SeedRun {
        let dir = tempfile::tempdir().unwrap();
        for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles")).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
        let plan = Plan::of(&[dir.path().to_path_buf()]).unwrap();
        let seen: Vec<Seen> = plan
            .files
            .iter()
            .map(|f| {
                let bytes = std::fs::read(&f.path).unwrap();
                Seen {
                    stat: None,
                    content: Some(xxhash_rust::xxh3::xxh3_128(&bytes)),
                    bytes: Some(bytes),
                    error: None,
                }
            })
            .collect();
        let keys: Vec<Option<u128>> = plan
            .files
            .iter()
            .zip(&seen)
            .map(|(f, s)| Some(entry_key(1, f, s.content?)))
            .collect();
        SeedRun {
            _dir: dir,
            plan,
            seen,
            keys,
        }
    }

    /// A reading that makes many entries writes them as it makes them, every one (its own
    /// side's and the likely home's), into segments that read back as the store holds
    /// them; one that makes fewer writes nothing and leaves them for the end of the run.
    #[test]
    fn a_reading_that_makes_many_entries_writes_them_as_it_makes_them() {
        let gz = Gazetteer::embedded().unwrap();
        let run = seed_run();
        let files = run.files();
        let all: Vec<usize> = (0..run.plan.files.len()).collect();
        let read = |early_from: usize| {
            let out = tempfile::tempdir().unwrap();
            let mut entries = Entries::new(HashMap::new(), Some((out.path().to_owned(), 1)));
            entries.early_from = early_from;
            entries.ensure(&gz, &files, &all, None, Some("FRA"), &|_, _| {});
            let mut written = Vec::new();
            for w in entries.writing.drain(..) {
                for path in w.join().unwrap() {
                    let file = std::fs::read(path.unwrap()).unwrap();
                    assert_eq!(parse_file(&file, FileKind::Results), Ok((1, 0)));
                    written.extend(decode_segment(&file[HEADER..]).unwrap());
                }
            }
            let files = std::fs::read_dir(out.path()).unwrap().count();
            written.sort_by_key(|(k, _)| *k);
            (entries, written, files)
        };
        let (entries, written, files) = read(all.len());
        let mut stored: Vec<(u128, Entry)> =
            entries.store.iter().map(|(k, e)| (*k, e.clone())).collect();
        stored.sort_by_key(|(k, _)| *k);
        assert!(stored.len() > all.len(), "FRA's side read too");
        assert_eq!(written, stored);
        assert_eq!(entries.written, entries.fresh.iter().copied().collect());
        assert!((1..=crate::par::cores()).contains(&files), "{files} files");
        let (entries, written, files) = read(all.len() + 1);
        assert!(written.is_empty() && entries.written.is_empty() && files == 0);
        assert_eq!(entries.store.len(), stored.len());
    }

    #[test]
    fn reading_from_a_likely_home_at_once_makes_its_entries_and_uses_none() {
        let gz = Gazetteer::embedded().unwrap();
        let run = seed_run();
        let (plan, seen, keys) = (&run.plan, &run.seen, &run.keys);
        let files = run.files();
        let mut entries = Entries::new(HashMap::new(), None);
        let all: Vec<usize> = (0..plan.files.len()).collect();
        let own = entries.ensure(&gz, &files, &all, None, Some("FRA"), &|_, _| {});
        let mut again = Vec::new();
        for (i, k) in own.iter().enumerate() {
            let bytes = seen[i].bytes.as_deref();
            let e = &entries.store[&k.unwrap()];
            assert_eq!(*e, make_entries(&gz, &plan.files[i], bytes, None, None).0);
            let from_france = entries
                .store
                .get(&entry_key_side(keys[i].unwrap(), Some("FRA")));
            let wanted = crate::extract::read_again(e.result.as_ref().unwrap(), "FRA");
            assert_eq!(from_france.is_some(), wanted, "{}", plan.files[i].display);
            if let Some(f) = from_france {
                assert_eq!(
                    *f,
                    make_entries(&gz, &plan.files[i], bytes, Some("FRA"), None).0
                );
                again.push(i);
            }
        }
        // The seed articles are told from Morocco's side; some mention France.
        assert!(again.len() >= 2, "{again:?}");
        assert_eq!(entries.fresh.len(), all.len() + again.len());
        // Only the readings asked for are used, until France's side is asked for: then
        // nothing more is made.
        assert_eq!(entries.used.len(), all.len());
        entries.ensure(&gz, &files, &again, Some("FRA"), None, &|_, _| {});
        assert_eq!(entries.fresh.len(), all.len() + again.len());
        assert_eq!(entries.used.len(), all.len() + again.len());
    }

    /// A report's origin counts its place among its article's reports even when another
    /// article's reports come between them, so two reports never share one; and there are
    /// none when an article has no key or two articles share an id.
    #[test]
    fn origins_count_each_articles_reports_wherever_they_are() {
        let aliases = Aliases::embedded().unwrap();
        let report = |article: &str| {
            let mut e = Event::empty(Kind::Meeting);
            e.sources.push(crate::model::Source {
                article: article.into(),
                sentence: "A sentence.".into(),
                start: 0,
                end: 11,
            });
            e
        };
        let meta = |id: &str| ArticleMeta {
            id: id.to_owned(),
            title: None,
            source: None,
            url: None,
            published: None,
        };
        let articles = [meta("a"), meta("b"), meta("c")];
        let key = |i: usize| Some(1000 + i as u128);
        let home = Some("MAR".to_owned());
        let order = ["a", "b", "a", "a", "c", "b", "a"];
        let events: Vec<Event> = order.iter().map(|a| report(a)).collect();
        let got = origins(&events, &articles, key, &aliases, &home).unwrap();
        assert_eq!(got.len(), events.len());
        let distinct: HashSet<u128> = got.iter().copied().collect();
        assert_eq!(distinct.len(), got.len(), "two reports share an origin");
        // The same reports in another order: each (article, place) keeps its origin.
        let (a_reports, others): (Vec<usize>, Vec<usize>) =
            (0..order.len()).partition(|&i| order[i] == "a");
        let regrouped: Vec<usize> = a_reports.iter().chain(&others).copied().collect();
        let events2: Vec<Event> = regrouped.iter().map(|&i| report(order[i])).collect();
        let got2 = origins(&events2, &articles, key, &aliases, &home).unwrap();
        for (j, &i) in regrouped.iter().enumerate() {
            assert_eq!(got2[j], got[i], "report {i} ({}) changed origin", order[i]);
        }
        // Another home, other origins.
        let other = origins(&events, &articles, key, &aliases, &Some("FRA".into())).unwrap();
        assert!(other.iter().zip(&got).all(|(x, y)| x != y));
        // No key for an article, or an id twice: none.
        let no_key = |i: usize| (i != 1).then_some(7);
        assert!(origins(&events, &articles, no_key, &aliases, &home).is_none());
        let twice = [meta("a"), meta("b"), meta("a")];
        assert!(origins(&events, &twice, key, &aliases, &home).is_none());
    }

    fn entry(i: usize) -> (u128, Entry) {
        let mut e = Event::empty(Kind::Meeting);
        e.id = compact_str::format_compact!("e{i}");
        let meta = ArticleMeta {
            id: format!("article-{i}"),
            title: Some(format!("Title {i}")),
            source: None,
            url: None,
            published: None,
        };
        let entry = Entry {
            meta: Some(meta),
            warnings: Vec::new(),
            result: Some(ArticleResult {
                events: vec![e],
                focal: Some("MAR".into()),
                mentioned: vec!["FRA".into()],
            }),
        };
        (i as u128 * 7919, entry)
    }

    /// The file a segment of `entries` is written to.
    fn written(entries: &[(u128, Entry)]) -> Vec<u8> {
        let dir = tempfile::tempdir().unwrap();
        write_segment(dir.path(), 1, entries).unwrap();
        let path = std::fs::read_dir(dir.path())
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        std::fs::read(path).unwrap()
    }

    #[test]
    fn a_results_segment_is_read_back_whole_and_in_order_from_its_parts() {
        for n in [0, 1, SEGMENT_CHUNK - 1, 3 * SEGMENT_CHUNK + 5] {
            let entries: Vec<(u128, Entry)> = (0..n).map(entry).collect();
            let file = written(&entries);
            assert_eq!(
                parse_file(&file, FileKind::Results),
                Ok((1, 0)),
                "{n} entries"
            );
            let payload = &file[HEADER..];
            // The shared strings, then the parts of entries.
            assert_eq!(
                le_word(payload, 0) as usize,
                1 + n.div_ceil(SEGMENT_CHUNK),
                "{n} entries"
            );
            assert_eq!(decode_segment(payload).unwrap(), entries, "{n} entries");
        }
    }

    #[test]
    fn a_damaged_results_segment_is_refused_with_why() {
        let entries: Vec<(u128, Entry)> = (0..2 * SEGMENT_CHUNK + 1).map(entry).collect();
        let file = written(&entries);
        let refused = |file: &[u8], why: &str| {
            let e = parse_file(file, FileKind::Results)
                .and_then(|_| decode_segment(&file[HEADER..]).map(|_| ()))
                .unwrap_err();
            assert!(e.contains(why), "{e}");
        };
        refused(&file[..file.len() - 1], "cut short");
        // The table is covered by the header's checksum, each part by its own.
        let mut table = file.clone();
        table[HEADER + 8] ^= 1;
        refused(&table, "checksum mismatch");
        let mut second = file.clone();
        let at = file.len() - 10;
        second[at] ^= 1;
        refused(&second, "part 4 of 4: checksum mismatch");
        // The shared strings come first, after the table of 4 parts.
        let mut strings = file.clone();
        strings[HEADER + 8 + 16 * 4 + 1] ^= 1;
        refused(&strings, "its shared strings: checksum mismatch");
        // Sound checksums around a table whose parts do not fill the payload.
        let mut payload = file[HEADER..].to_vec();
        payload.extend_from_slice(b"xyz");
        assert_eq!(
            decode_segment(&payload).unwrap_err(),
            "a broken table of parts"
        );
        payload[..8].copy_from_slice(&u64::MAX.to_le_bytes());
        assert_eq!(
            decode_segment(&payload).unwrap_err(),
            "a broken table of parts"
        );
        assert_eq!(
            decode_segment(&payload[..5]).unwrap_err(),
            "no table of parts"
        );
    }
}
