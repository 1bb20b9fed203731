//! Extraction throughput on one core: a corpus of at least 10 MB made by repeating the seed
//! articles (each copy under its own id), reported by criterion in bytes per second.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use liaison::corpus::Corpus;
use liaison::extract::extract_article;
use liaison::gazetteer::Gazetteer;

fn seed_corpus_of(min_bytes: usize) -> Corpus {
    let seed = Corpus::embedded();
    let mut corpus = Corpus::default();
    let mut total = 0;
    let mut n = 0;
    while total < min_bytes {
        for a in &seed.articles {
            let mut a = a.clone();
            a.meta.id = format!("{}-{n}", a.meta.id);
            total += a.body.len();
            corpus.articles.push(a);
        }
        n += 1;
    }
    corpus
}

fn bench(c: &mut Criterion) {
    let gz = Gazetteer::embedded().expect("data files load");
    let corpus = seed_corpus_of(10 * 1024 * 1024);
    let bytes: usize = corpus.articles.iter().map(|a| a.body.len()).sum();
    let mut g = c.benchmark_group("extract");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("seed_x_10MB", |b| {
        b.iter(|| {
            let mut events = 0;
            for a in &corpus.articles {
                events += extract_article(&gz, a).len();
            }
            events
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
