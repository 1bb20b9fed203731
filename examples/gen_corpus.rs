//! Generates a synthetic corpus of security-cooperation news with its gold events, to measure
//! the extractor at scale (issue "scale"):
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --articles 100000 --seed 7 --out /tmp/corpus
//! liaison eval --gold /tmp/corpus/gold /tmp/corpus/articles
//! ```
//!
//! `DIR/articles/NNN/<id>.txt` holds the articles in the corpus format (a thousand per
//! folder, since the corpus loader searches folders recursively) and `DIR/gold/<id>.json` their
//! planted events in the seed gold format (flat, because the gold loader reads one folder).
//!
//! The text is written the way the genre is, not the way the extractor reads: every country of
//! the gazetteer, international organisations, officials with names from many traditions and
//! posts in several forms, relative and explicit dates, plans, background events, references
//! back, boilerplate, and a share of hard cases (misspelt countries, cities for countries,
//! demonym-only partners, passing mentions that are not events). The gold follows the corpus
//! README's conventions and is built together with each sentence.
//!
//! Output depends only on the seed, the article count and the compiled-in data files: the PRNG
//! (SplitMix64) and the calendar are written here, and no hash map is iterated, so the bytes
//! are the same on every machine. Each article is written as soon as it is made; nothing of
//! the corpus is kept in memory.

#[path = "gen_corpus/calendar.rs"]
mod calendar;
#[path = "gen_corpus/names.rs"]
mod names;
#[path = "gen_corpus/story.rs"]
mod story;
#[path = "gen_corpus/world.rs"]
mod world;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use liaison::gazetteer::Gazetteer;

/// SplitMix64 (Steele, Lea and Flood): tiny, fast and fixed, unlike `rand`'s StdRng, whose
/// algorithm may change between versions.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// An independent stream for item `index` of a corpus: articles do not depend on each
    /// other, so article 5 is the same whether 10 or 100,000 are generated.
    pub fn for_item(seed: u64, index: u64) -> Rng {
        let mut r = Rng(seed ^ 0x005E_ED0F_A271_C1E5);
        let a = r.next_u64();
        Rng(a ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03).rotate_left(17))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0), by multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// The text with its first letter in upper case ("van der Berg met" → "Van der Berg met").
pub fn cap(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    pub articles: usize,
    pub seed: u64,
    pub out: PathBuf,
}

/// What was generated.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub articles: usize,
    pub events: usize,
    pub optional: usize,
    pub planned: usize,
    pub article_bytes: u64,
    pub gold_bytes: u64,
    pub seconds: f64,
    /// Planted difficulties: tag → occurrences.
    pub tags: BTreeMap<&'static str, usize>,
    /// Events per kind.
    pub kinds: BTreeMap<&'static str, usize>,
}

/// A failure that stops the generator, naming the path involved.
#[derive(Debug)]
pub enum GenError {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    NotEmpty {
        path: PathBuf,
    },
    Data(String),
}

impl std::fmt::Display for GenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GenError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            GenError::NotEmpty { path } => write!(
                f,
                "{}: folder is not empty (choose a new --out folder, or remove it first)",
                path.display()
            ),
            GenError::Data(m) => write!(f, "data files: {m}"),
        }
    }
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> GenError + '_ {
    move |source| GenError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Refuses to mix a new corpus with an old one: stale files would be scored too.
fn ensure_empty(dir: &Path) -> Result<(), GenError> {
    match std::fs::read_dir(dir) {
        Ok(mut it) => {
            if it.next().is_some() {
                return Err(GenError::NotEmpty {
                    path: dir.to_path_buf(),
                });
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_err(dir)(e)),
    }
}

/// Generates and writes the corpus.
pub fn generate(opts: &Options) -> Result<Summary, GenError> {
    let start = Instant::now();
    let gz = Gazetteer::embedded().map_err(|e| GenError::Data(e.to_string()))?;
    let world = world::World::new(&gz, opts.seed);
    let art_dir = opts.out.join("articles");
    let gold_dir = opts.out.join("gold");
    ensure_empty(&art_dir)?;
    ensure_empty(&gold_dir)?;
    std::fs::create_dir_all(&gold_dir).map_err(io_err(&gold_dir))?;
    let mut summary = Summary::default();
    let mut json = Vec::with_capacity(16 * 1024);
    let mut sub = PathBuf::new();
    for i in 0..opts.articles {
        if i % 1000 == 0 {
            sub = art_dir.join(format!("{:03}", i / 1000));
            std::fs::create_dir_all(&sub).map_err(io_err(&sub))?;
        }
        let g = story::article(&world, opts.seed, i as u64);
        let path = sub.join(format!("{}.txt", g.id));
        std::fs::write(&path, g.text.as_bytes()).map_err(io_err(&path))?;
        json.clear();
        let fmt = serde_json::ser::PrettyFormatter::with_indent(b" ");
        let mut ser = serde_json::Serializer::with_formatter(&mut json, fmt);
        serde::Serialize::serialize(&g.gold, &mut ser)
            .map_err(|e| GenError::Data(format!("gold of {}: {e}", g.id)))?;
        json.push(b'\n');
        let gpath = gold_dir.join(format!("{}.json", g.id));
        std::fs::write(&gpath, &json).map_err(io_err(&gpath))?;
        summary.articles += 1;
        summary.article_bytes += g.text.len() as u64;
        summary.gold_bytes += json.len() as u64;
        for e in &g.gold.events {
            summary.events += 1;
            summary.optional += usize::from(e.optional);
            summary.planned += usize::from(e.status.is_some());
            *summary.kinds.entry(e.kind).or_default() += 1;
        }
        for t in g.tags {
            *summary.tags.entry(t).or_default() += 1;
        }
    }
    summary.seconds = start.elapsed().as_secs_f64();
    Ok(summary)
}

/// The summary as printed: one line of totals, then events per kind and planted difficulties.
pub fn render_summary(s: &Summary, out: &Path) -> String {
    let mb = |b: u64| b as f64 / 1_000_000.0;
    let mut t = format!(
        "{} articles, {} events planted ({} required, {} optional, {} planned), {:.1} MB articles + {:.1} MB gold, {:.2} s -> {}\n",
        s.articles,
        s.events,
        s.events - s.optional,
        s.optional,
        s.planned,
        mb(s.article_bytes),
        mb(s.gold_bytes),
        s.seconds,
        out.display()
    );
    let kinds: Vec<String> = s.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    t.push_str(&format!("events by kind: {}\n", kinds.join(", ")));
    let tags: Vec<String> = s.tags.iter().map(|(k, n)| format!("{k} {n}")).collect();
    t.push_str(&format!("planted (occurrences): {}\n", tags.join(", ")));
    t
}

const USAGE: &str = "usage: gen_corpus --articles N --seed S --out DIR";

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut articles = None;
    let mut seed = None;
    let mut out = None;
    let mut i = 0;
    while i < args.len() {
        let (key, inline) = match args[i].split_once('=') {
            Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
            None => (args[i].clone(), None),
        };
        if key == "-h" || key == "--help" {
            return Err(String::new());
        }
        let value = match inline {
            Some(v) => v,
            None => {
                i += 1;
                args.get(i)
                    .cloned()
                    .ok_or_else(|| format!("{key} needs a value"))?
            }
        };
        match key.as_str() {
            "--articles" | "-n" => {
                articles = Some(
                    value
                        .replace('_', "")
                        .parse::<usize>()
                        .map_err(|_| format!("--articles: not a number: {value}"))?,
                )
            }
            "--seed" | "-s" => {
                seed = Some(
                    value
                        .parse::<u64>()
                        .map_err(|_| format!("--seed: not a number: {value}"))?,
                )
            }
            "--out" | "-o" => out = Some(PathBuf::from(value)),
            other => return Err(format!("unknown option: {other}")),
        }
        i += 1;
    }
    Ok(Options {
        articles: articles.ok_or("--articles is required")?,
        seed: seed.unwrap_or(1),
        out: out.ok_or("--out is required")?,
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opts = match parse_args(&args) {
        Ok(o) => o,
        Err(m) if m.is_empty() => {
            println!(
                "{USAGE}\n  --articles N   number of articles\n  --seed S       seed (default 1); the same seed and N give the same bytes\n  --out DIR      writes DIR/articles/NNN/<id>.txt and DIR/gold/<id>.json"
            );
            return;
        }
        Err(m) => {
            eprintln!("gen_corpus: {m}\n{USAGE}");
            std::process::exit(2);
        }
    };
    match generate(&opts) {
        Ok(s) => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(render_summary(&s, &opts.out).as_bytes());
        }
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            std::process::exit(2);
        }
    }
}
