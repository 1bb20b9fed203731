//! Runs extraction repeatedly, for profilers (`perf record`, `valgrind --tool=callgrind`):
//! over the seed corpus, or over the articles of a folder given after the number of rounds
//! (`cargo run --release --example profile_extract -- 1 /tmp/g1000/articles`). With a home
//! country after the folder (`... 1 /tmp/g1000/articles MAR`), each article is also read from
//! that side when a corpus with that home would read it again: twice, as two readings, then
//! as one reading of both sides (`extract_article_both`), and both times are printed.

use liaison::corpus::{Corpus, CorpusSource};
use liaison::extract::{extract_article, extract_article_both, extract_article_from, read_again};
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
    if let Some(home) = args.next() {
        let mut times = Vec::new();
        for both in [false, true] {
            let start = std::time::Instant::now();
            let mut events = 0;
            let mut again = 0;
            for _ in 0..rounds {
                for a in &corpus.articles {
                    let (own, other) = if both {
                        extract_article_both(&gz, a, &home)
                    } else {
                        let own = extract_article_from(&gz, a, None);
                        let other = read_again(&own, &home)
                            .then(|| extract_article_from(&gz, a, Some(&home)));
                        (own, other)
                    };
                    events += own.events.len() + other.as_ref().map_or(0, |o| o.events.len());
                    again += usize::from(other.is_some());
                }
            }
            let secs = start.elapsed().as_secs_f64();
            println!(
                "{}: {} articles, {again} read again from {home}, {events} events in {secs:.2} s",
                if both {
                    "both sides at once"
                } else {
                    "two readings"
                },
                corpus.articles.len()
            );
            times.push(secs);
        }
        println!("saved {:.1} %", 100.0 * (1.0 - times[1] / times[0]));
        return;
    }
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
