//! Runs extraction over the seed corpus repeatedly, for profilers (`perf record`).

use liaison::corpus::Corpus;
use liaison::extract::extract_article;
use liaison::gazetteer::Gazetteer;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(50);
    let gz = Gazetteer::embedded().expect("data files load");
    let corpus = Corpus::embedded();
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
    println!("{events} events, {:.1} MB/s", bytes as f64 / secs / 1e6);
}
