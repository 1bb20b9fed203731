//! The source sentence of a fact, held in memory or read on demand from the cache.
//!
//! A hundred thousand articles give over a million source sentences, a quarter of the
//! dataset's memory, yet the dashboard shows one at a time (the evidence popup) and the
//! command line only a country's worth (`brief`) or all of them once (`--json`). So the cached
//! dataset keeps its sentences in a file of their own, `sentences-<key>.bin`, and a
//! [`Sentence`] decoded from it is only a position in that file, read when asked for.
//!
//! Each stored sentence carries the hash of its text: a sentence file changed under a running
//! liaison is detected at the read, the file is deleted so the next start rebuilds the cache,
//! and the caller gets [`UNAVAILABLE`] instead of wrong text.
//!
//! Serialisation: as a plain string in human-readable formats (JSON), so scripts see text;
//! in the cache's binary format as either the text or (while [`storing`]) a position in the
//! sentence file being written, decoded back (while [`reading`]) against the file.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a stored sentence reads as when its file no longer holds it.
pub const UNAVAILABLE: &str =
    "(source sentence unavailable: the cache changed on disk; restart liaison to rebuild it)";

/// Where the positions of a second stretch start: a sentence file written by two threads
/// at once holds the first one's sentences, then the second one's, which numbers its
/// positions from here (see [`storing`]) since it cannot know where the first will end;
/// the reader is told where the second stretch begins ([`Store::second_stretch_at`]). No
/// file is that long.
pub const SECOND_STRETCH: u64 = 1 << 62;

/// A sentence file opened for reading.
#[derive(Debug)]
pub struct Store {
    file: File,
    path: PathBuf,
    len: u64,
    /// Where the second stretch starts in the file, if it has one.
    second: Option<u64>,
}

impl Store {
    /// Opens `path` (positions count from its first byte, header included).
    pub fn open(path: &Path) -> std::io::Result<Store> {
        let file = File::open(path)?;
        let len = file.metadata()?.len();
        Ok(Store {
            file,
            path: path.to_path_buf(),
            len,
            second: None,
        })
    }

    /// Tells the store that the positions from [`SECOND_STRETCH`] on are positions in the
    /// stretch that starts at byte `at` of the file.
    pub fn second_stretch_at(&mut self, at: u64) {
        self.second = Some(at);
    }

    /// Where the sentence at position `at` is in the file (`None` for a position in a
    /// second stretch the file does not have).
    fn place(&self, at: u64) -> Option<u64> {
        match at.checked_sub(SECOND_STRETCH) {
            Some(within) => self.second?.checked_add(within),
            None => Some(at),
        }
    }

    /// The file's length in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Reads `buf.len()` bytes from `at`.
    pub fn read_exact_at(&self, buf: &mut [u8], at: u64) -> std::io::Result<()> {
        read_at(&self.file, buf, at)
    }

    fn read(&self, at: u64, len: u32, hash: u64) -> Option<String> {
        let at = self.place(at)?;
        if at.checked_add(u64::from(len))? > self.len {
            return None;
        }
        let mut buf = vec![0; len as usize];
        self.read_exact_at(&mut buf, at).ok()?;
        if xxhash_rust::xxh3::xxh3_64(&buf) != hash {
            return None;
        }
        String::from_utf8(buf).ok()
    }

    /// Deletes the file, so that the next start finds no sentences and rebuilds (this
    /// process keeps the copy it has open: intact sentences still read, damaged ones still
    /// fail their hashes).
    fn give_up(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Reads `buf.len()` bytes of `file` from `at`, whatever other threads read meanwhile.
#[cfg(unix)]
pub(crate) fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(not(unix))]
pub(crate) fn read_at(file: &File, buf: &mut [u8], at: u64) -> std::io::Result<()> {
    use std::io::{Read, Seek, SeekFrom};
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let mut f = file;
    f.seek(SeekFrom::Start(at))?;
    f.read_exact(buf)
}

#[derive(Clone)]
enum Repr {
    /// Shared: a merged event's sources are its reports' (a million sentences at 100,000
    /// articles, which are copied by count rather than by text).
    Owned(Arc<str>),
    Stored {
        store: Arc<Store>,
        at: u64,
        len: u32,
        hash: u64,
    },
}

/// A source sentence; see the module documentation.
#[derive(Clone)]
pub struct Sentence(Repr);

impl Sentence {
    /// The text: borrowed when in memory, read from the sentence file otherwise
    /// ([`UNAVAILABLE`] when that file no longer holds it).
    pub fn text(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Owned(s) => Cow::Borrowed(s),
            Repr::Stored {
                store,
                at,
                len,
                hash,
            } => match store.read(*at, *len, *hash) {
                Some(s) => Cow::Owned(s),
                None => {
                    store.give_up();
                    Cow::Borrowed(UNAVAILABLE)
                }
            },
        }
    }

    /// Whether the text is held in memory (not read from a file when asked for).
    pub fn in_memory(&self) -> bool {
        matches!(self.0, Repr::Owned(_))
    }
}

impl Default for Sentence {
    fn default() -> Sentence {
        Sentence(Repr::Owned(Arc::from("")))
    }
}

impl From<String> for Sentence {
    fn from(s: String) -> Sentence {
        Sentence(Repr::Owned(Arc::from(s)))
    }
}

impl From<&str> for Sentence {
    fn from(s: &str) -> Sentence {
        Sentence(Repr::Owned(s.into()))
    }
}

impl fmt::Debug for Sentence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.text(), f)
    }
}

impl fmt::Display for Sentence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl PartialEq for Sentence {
    fn eq(&self, other: &Sentence) -> bool {
        match (&self.0, &other.0) {
            (
                Repr::Stored {
                    store: a, at: x, ..
                },
                Repr::Stored {
                    store: b, at: y, ..
                },
            ) if Arc::ptr_eq(a, b) && x == y => true,
            (Repr::Owned(a), Repr::Owned(b)) if Arc::ptr_eq(a, b) => true,
            _ => self.text() == other.text(),
        }
    }
}

impl Eq for Sentence {}

impl PartialOrd for Sentence {
    fn partial_cmp(&self, other: &Sentence) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Sentence {
    fn cmp(&self, other: &Sentence) -> std::cmp::Ordering {
        self.text().cmp(&other.text())
    }
}

impl std::hash::Hash for Sentence {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text().hash(state);
    }
}

thread_local! {
    /// While [`storing`]: the sentence file being assembled.
    static SINK: RefCell<Option<(u64, Vec<u8>)>> = const { RefCell::new(None) };
    /// While [`reading`]: the sentence file positions refer to.
    static SOURCE: RefCell<Option<Arc<Store>>> = const { RefCell::new(None) };
}

/// Runs `f` (a binary serialisation) with every sentence written to a new sentence file
/// instead of inline; returns what `f` returned and the sentences' bytes, which the file
/// holds from byte `start` on (what comes before, a header, is the caller's), or, with
/// `start` [`SECOND_STRETCH`], from where the file's second stretch starts.
pub fn storing<R>(start: u64, f: impl FnOnce() -> R) -> (R, Vec<u8>) {
    let (r, sink) = crate::scoped::scoped(&SINK, (start, Vec::new()), f);
    (r, sink.map(|(_, blob)| blob).unwrap_or_default())
}

/// While [`storing`]: hands the sentences stored since the last call to `to` (when they are
/// at least `min` bytes), to be written to the sentence file in order, so that the file is
/// written as it is made rather than held whole in memory; what `storing` returns is then
/// only what came after the last call.
pub fn drain_stored(
    min: usize,
    to: impl FnOnce(&[u8]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    SINK.with(|sink| {
        let Ok(mut sink) = sink.try_borrow_mut() else {
            return Ok(());
        };
        let Some((start, blob)) = sink.as_mut() else {
            return Ok(());
        };
        if blob.len() < min.max(1) {
            return Ok(());
        }
        to(blob)?;
        *start += blob.len() as u64;
        blob.clear();
        Ok(())
    })
}

/// Runs `f` (a binary deserialisation) with stored sentences referring to `store`.
pub fn reading<R>(store: Arc<Store>, f: impl FnOnce() -> R) -> R {
    crate::scoped::scoped(&SOURCE, store, f).0
}

#[derive(Serialize)]
enum WireOut<'a> {
    Inline(&'a str),
    Stored(u64, u32, u64),
}

#[derive(Deserialize)]
enum WireIn {
    Inline(String),
    Stored(u64, u32, u64),
}

impl Serialize for Sentence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = self.text();
        if s.is_human_readable() {
            return s.serialize_str(&text);
        }
        let stored = SINK.with(|sink| {
            let mut sink = sink.try_borrow_mut().ok()?;
            let (start, blob) = sink.as_mut()?;
            let at = *start + blob.len() as u64;
            let len = u32::try_from(text.len()).ok()?;
            blob.extend_from_slice(text.as_bytes());
            Some((at, len, xxhash_rust::xxh3::xxh3_64(text.as_bytes())))
        });
        match stored {
            Some((at, len, hash)) => WireOut::Stored(at, len, hash).serialize(s),
            None => WireOut::Inline(&text).serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Sentence {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Sentence, D::Error> {
        if d.is_human_readable() {
            return String::deserialize(d).map(Sentence::from);
        }
        match WireIn::deserialize(d)? {
            WireIn::Inline(s) => Ok(Sentence::from(s)),
            WireIn::Stored(at, len, hash) => {
                let store = SOURCE.with(|s| s.try_borrow().ok().and_then(|s| s.clone()));
                match store {
                    Some(store) => Ok(Sentence(Repr::Stored {
                        store,
                        at,
                        len,
                        hash,
                    })),
                    None => Err(serde::de::Error::custom(
                        "a stored sentence outside a dataset with its sentence file",
                    )),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> bincode::config::Configuration {
        bincode::config::standard()
    }

    #[test]
    fn json_sees_plain_text() {
        let s = Sentence::from("The ministers met in Rabat.");
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            "\"The ministers met in Rabat.\""
        );
        let back: Sentence = serde_json::from_str("\"x\"").unwrap();
        assert_eq!(back.text(), "x");
    }

    #[test]
    fn stored_sentences_are_read_back_from_their_file_and_damage_is_caught() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sentences.bin");
        let v = vec![Sentence::from("first one"), Sentence::from("é second")];
        let (payload, sentences) =
            storing(3, || bincode::serde::encode_to_vec(&v, config()).unwrap());
        assert_eq!(sentences, "first oneé second".as_bytes());
        // Drained as they are stored, the same bytes at the same places.
        let mut drained = Vec::new();
        let (again, rest) = storing(3, || {
            let first = bincode::serde::encode_to_vec(&v[..1], config()).unwrap();
            drain_stored(1, |b| {
                drained.extend_from_slice(b);
                Ok(())
            })
            .unwrap();
            drain_stored(1, |_| panic!("nothing stored since")).unwrap();
            let second = bincode::serde::encode_to_vec(&v[1..], config()).unwrap();
            (first, second)
        });
        drained.extend_from_slice(&rest);
        assert_eq!(drained, sentences);
        let whole = bincode::serde::encode_to_vec(&v, config()).unwrap();
        assert_eq!(
            [&whole[..1], &again.0[1..], &again.1[1..]].concat(),
            payload
        );
        let blob = [&b"HDR"[..], &sentences].concat();
        // Without the file, positions cannot be decoded.
        assert!(bincode::serde::decode_from_slice::<Vec<Sentence>, _>(&payload, config()).is_err());
        std::fs::write(&path, &blob).unwrap();
        let store = Arc::new(Store::open(&path).unwrap());
        let back: Vec<Sentence> = reading(store, || {
            bincode::serde::decode_from_slice(&payload, config())
                .unwrap()
                .0
        });
        assert!(!back[0].in_memory());
        assert_eq!(back, v);
        assert_eq!(back[1].text(), "é second");
        // Outside `storing`, sentences are written inline and need no file.
        let inline = bincode::serde::encode_to_vec(&back, config()).unwrap();
        let again: Vec<Sentence> = bincode::serde::decode_from_slice(&inline, config())
            .unwrap()
            .0;
        assert!(again[0].in_memory());
        assert_eq!(again, v);
        // A byte changed under the running program: detected, the file deleted.
        let mut bad = blob.clone();
        bad[4] ^= 1;
        std::fs::write(&path, &bad).unwrap();
        assert_eq!(back[0].text(), UNAVAILABLE);
        assert!(!path.exists());
        // The open file still serves the sentences whose bytes are intact.
        assert_eq!(back[1].text(), "é second");
        assert_eq!(back[0].text(), UNAVAILABLE);
    }

    /// Two stretches stored at once, the second numbering its positions from
    /// [`SECOND_STRETCH`]: once the file holds one after the other and the store is told
    /// where the second starts, both read back; a store not told so refuses the second's.
    #[test]
    fn a_second_stretch_stored_at_once_reads_back_once_placed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sentences.bin");
        let first = vec![Sentence::from("one"), Sentence::from("two two")];
        let second = vec![Sentence::from("three"), Sentence::from("four, the last")];
        let (a, b) = std::thread::scope(|scope| {
            let b = scope.spawn(|| {
                storing(SECOND_STRETCH, || {
                    bincode::serde::encode_to_vec(&second, config()).unwrap()
                })
            });
            let a = storing(5, || {
                bincode::serde::encode_to_vec(&first, config()).unwrap()
            });
            (a, b.join().unwrap())
        });
        let blob = [&b"HEAD."[..], &a.1, &b.1].concat();
        std::fs::write(&path, &blob).unwrap();
        let decode = |store: Store, payload: &[u8]| -> Vec<Sentence> {
            reading(Arc::new(store), || {
                bincode::serde::decode_from_slice(payload, config())
                    .unwrap()
                    .0
            })
        };
        let open = |second: Option<u64>| {
            let mut store = Store::open(&path).unwrap();
            if let Some(at) = second {
                store.second_stretch_at(at);
            }
            store
        };
        let placed = Some(5 + a.1.len() as u64);
        // Opened before the failures below delete the file (an open file still reads).
        let (unplaced, misplaced) = (open(None), open(Some(5)));
        assert_eq!(decode(open(placed), &a.0), first);
        let back = decode(open(placed), &b.0);
        assert_eq!(back, second);
        assert!(!back[1].in_memory());
        // Told a wrong place: the hashes catch it.
        assert_eq!(decode(misplaced, &b.0)[1].text(), UNAVAILABLE);
        // Not told where the second stretch starts: unavailable, not another sentence.
        assert_eq!(decode(unplaced, &b.0)[0].text(), UNAVAILABLE);
        assert_eq!(back[0].text(), "three");
    }
}
