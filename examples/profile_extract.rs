//! Runs extraction repeatedly, for profilers (`perf record`, `valgrind --tool=callgrind`):
//! over the seed corpus, or over the articles of a folder given after the number of rounds
//! (`cargo run --release --example profile_extract -- 1 /tmp/g1000/articles`).

use liaison::corpus::{Corpus, CorpusSource};
use liaison::extract::extract_article;
use liaison::gazetteer::Gazetteer;

/// The allocator the `liaison` binary runs with, so the figures are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(50);
    let gz = Gazetteer::embedded().expect("data files load");
    let corpus = match args.next() {
        Some(dir) => Corpus::load(&CorpusSource::Paths(vec![dir.into()])).expect("corpus loads"),
        None => Corpus::embedded(),
    };
    let start = std::time::Instant::now();
    let mut bytes = 0;
    let mut events = 0;
    for _ in 0..rounds {
        for a in &corpus.articles {
            bytes += a.body.len();
            events += extract_article(&gz, a).len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} articles, {events} events, {:.1} MB in {secs:.2} s, {:.1} MB/s",
        corpus.articles.len(),
        bytes as f64 / 1e6,
        bytes as f64 / secs / 1e6
    );
}
