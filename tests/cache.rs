//! The extraction cache: a second start extracts nothing and gives the same dataset; a
//! changed, added or removed article re-extracts only itself; a corrupt or foreign cache file
//! is reported once and rebuilt; two processes can share a cache; `--no-cache` writes nothing.

#[allow(dead_code)]
#[path = "../examples/gen_corpus.rs"]
mod generator;

use std::path::{Path, PathBuf};
use std::process::Command;

use liaison::aliases::Aliases;
use liaison::cache::{CacheMode, Columns, Found, Loaded, load_dataset, load_who};
use liaison::columns::Index;
use liaison::corpus::CorpusSource;
use liaison::gazetteer::Gazetteer;
use liaison::profile::Dataset;
use liaison::who::WhoIndex;

/// A corpus folder: the seed articles and `generated` articles from the generator.
fn corpus(generated: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seed = dir.path().join("seed");
    std::fs::create_dir(&seed).unwrap();
    for e in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/articles")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, seed.join(p.file_name().unwrap())).unwrap();
    }
    if generated > 0 {
        let out = tempfile::tempdir().unwrap();
        generator::generate(&generator::Options {
            articles: generated,
            seed: 7,
            out: out.path().to_path_buf(),
        })
        .unwrap();
        copy_tree(&out.path().join("articles"), &dir.path().join("generated"));
    }
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_tree(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// Runs `f` with the built-in data files and aliases on the corpus in `dir`.
fn on_corpus<R>(dir: &Path, f: impl FnOnce(&Gazetteer, &Aliases, &CorpusSource) -> R) -> R {
    let gz = Gazetteer::embedded().unwrap();
    let aliases = Aliases::embedded().unwrap();
    f(&gz, &aliases, &CorpusSource::Paths(vec![dir.to_path_buf()]))
}

fn load(dir: &Path, mode: &CacheMode) -> Loaded {
    on_corpus(dir, |gz, aliases, source| {
        load_dataset(gz, aliases, source, None, mode, Columns::Skip, &|_, _| {}).unwrap()
    })
}

fn dashboard(dir: &Path, mode: &CacheMode) -> Loaded {
    on_corpus(dir, |gz, aliases, source| {
        load_dataset(gz, aliases, source, None, mode, Columns::Wanted, &|_, _| {}).unwrap()
    })
}

fn who(dir: &Path, mode: &CacheMode, query: &str) -> (Loaded, Found) {
    on_corpus(dir, |gz, aliases, source| {
        load_who(gz, aliases, source, None, mode, query, &|_, _| {}).unwrap()
    })
}

/// Adds a copy of a seed article to the corpus in `dir`, under `seed/NAME.txt`.
fn add_copy(dir: &Path, name: &str) {
    std::fs::copy(
        dir.join("seed/2024-06-30-barlamane-hammouchi-france-trip.txt"),
        dir.join(format!("seed/{name}.txt")),
    )
    .unwrap();
}

/// An empty cache folder (removed when dropped) and the mode that uses it.
fn cache_dir() -> (tempfile::TempDir, CacheMode) {
    let cache = tempfile::tempdir().unwrap();
    let mode = CacheMode::Dir(cache.path().to_path_buf());
    (cache, mode)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn cache_file(cache: &Path, prefix: &str) -> PathBuf {
    files_under(cache)
        .into_iter()
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no {prefix}* in {}", cache.display()))
}

#[test]
fn second_start_extracts_nothing_and_gives_the_same_dataset() {
    let dir = corpus(30);
    let (_cache, mode) = cache_dir();
    let plain = load(dir.path(), &CacheMode::Off);
    let cold = load(dir.path(), &mode);
    assert!(!cold.dataset_cached);
    assert!(cold.extracted >= 35, "{}", cold.extracted);
    assert_eq!(cold.reused, 0);
    assert!(cold.notes.is_empty(), "{:?}", cold.notes);
    let warm = load(dir.path(), &mode);
    assert!(warm.dataset_cached);
    assert_eq!(warm.extracted, 0);
    assert!(warm.notes.is_empty(), "{:?}", warm.notes);
    assert_eq!(cold.dataset, plain.dataset);
    assert_eq!(warm.dataset, plain.dataset);
    assert!(!plain.dataset.events.is_empty());
    // The warm dataset's sentences stay in their file until shown; they read the same.
    let sources = || warm.dataset.events.iter().flat_map(|e| &e.sources);
    assert!(sources().all(|s| !s.sentence.in_memory()));
    let (a, b) = (
        &warm.dataset.events[0].sources[0],
        &plain.dataset.events[0].sources[0],
    );
    assert_eq!(a.sentence.text(), b.sentence.text());
    assert!(!a.sentence.text().is_empty());
}

/// Past a sample of the articles, a cold start reads the others from their own side and from
/// the sample's home at once (`src/cache.rs` tests that this makes both entries): whether or
/// not that home is the corpus's, the dataset is the one `--no-cache` makes, and every reading
/// it used is kept.
#[test]
fn reading_from_the_likely_home_at_once_gives_the_same_dataset() {
    let dir = corpus(150);
    let (_cache, mode) = cache_dir();
    let plain = load(dir.path(), &CacheMode::Off);
    let cold = load(dir.path(), &mode);
    let n = plain.dataset.articles.len();
    assert!(n > 100, "{n}");
    assert_eq!(cold.dataset, plain.dataset);
    // Some articles were read from two sides.
    assert!(
        cold.extracted > n,
        "{} readings of {n} articles",
        cold.extracted
    );
    let warm = load(dir.path(), &mode);
    assert_eq!((warm.extracted, warm.dataset_cached), (0, true));
    add_copy(dir.path(), "zz-added");
    let added = load(dir.path(), &mode);
    assert!((1..=2).contains(&added.extracted), "{}", added.extracted);
    assert_eq!(added.dataset, load(dir.path(), &CacheMode::Off).dataset);
}

#[test]
fn a_changed_added_or_removed_article_costs_only_itself() {
    let dir = corpus(20);
    let (cache, mode) = cache_dir();
    let first = load(dir.path(), &mode);
    let n = first.dataset.articles.len();
    assert_eq!(n, 25);

    // Another version's results (its engine word changed): deleted at the next change, not
    // read and not reported.
    let ours = cache_file(cache.path(), "results-");
    let mut bytes = std::fs::read(&ours).unwrap();
    bytes[16] ^= 0xff;
    let stale = ours.with_file_name("results-0000000000000000.bin");
    std::fs::write(&stale, bytes).unwrap();

    // Changed: one seed article gets another sentence.
    let changed = dir
        .path()
        .join("seed/2024-12-wallafrica-morocco-belgium-action-plan.txt");
    let mut text = std::fs::read_to_string(&changed).unwrap();
    text.push_str("\nThe two sides also agreed to hold a meeting on cybercrime in Rabat.\n");
    std::fs::write(&changed, text).unwrap();
    let after_change = load(dir.path(), &mode);
    // One article, read from up to two sides.
    assert!(
        (1..=2).contains(&after_change.extracted),
        "{}",
        after_change.extracted
    );
    assert_eq!(after_change.reused, n - 1);
    assert!(after_change.notes.is_empty(), "{:?}", after_change.notes);
    assert!(!stale.exists());
    assert!(ours.exists());
    // The new dataset's sentence file replaced the old one.
    let sentence_files = files_under(cache.path())
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("sentences-"))
        })
        .count();
    assert_eq!(sentence_files, 1);
    assert_eq!(
        after_change.dataset,
        load(dir.path(), &CacheMode::Off).dataset
    );

    // Added: a copy of another article under a new name.
    add_copy(dir.path(), "zz-added");
    let after_add = load(dir.path(), &mode);
    assert!(
        (1..=2).contains(&after_add.extracted),
        "{}",
        after_add.extracted
    );
    assert_eq!(after_add.dataset.articles.len(), n + 1);
    assert_eq!(after_add.dataset, load(dir.path(), &CacheMode::Off).dataset);

    // Removed: nothing to extract, and the article is gone.
    std::fs::remove_file(dir.path().join("seed/zz-added.txt")).unwrap();
    let after_remove = load(dir.path(), &mode);
    assert_eq!(after_remove.extracted, 0);
    assert!(
        !after_remove
            .dataset
            .articles
            .iter()
            .any(|a| a.id == "zz-added")
    );
    assert_eq!(
        after_remove.dataset,
        load(dir.path(), &CacheMode::Off).dataset
    );
}

/// A rebuild clusters again only the groups of reports (one kind, one set of parties) that
/// a change touched, and gives the dataset a fresh build gives; a damaged clustering file is
/// reported once, deleted and rebuilt.
#[test]
fn a_rebuild_clusters_only_the_groups_a_change_touched() {
    let dir = corpus(20);
    let (cache, mode) = cache_dir();
    let first = load(dir.path(), &mode);
    let (groups, clustered) = first.groups.expect("built");
    assert_eq!(clustered, groups, "nothing to know from on a cold start");
    assert!(groups > 10, "{groups}");

    // An added article: its groups alone.
    add_copy(dir.path(), "zz-added");
    let added = load(dir.path(), &mode);
    let (groups, clustered) = added.groups.expect("built");
    assert!(
        (1..groups / 2).contains(&clustered),
        "{clustered} of {groups}"
    );
    assert_eq!(added.dataset, load(dir.path(), &CacheMode::Off).dataset);

    // A changed article: the groups of its reports alone, as when it was added (groups are
    // known by where their reports come from, and an article's key covers all of it, its
    // title included).
    let path = dir.path().join("seed/zz-added.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("title: ", "title: Retitled ", 1)).unwrap();
    let retitled = load(dir.path(), &mode);
    assert_eq!(retitled.groups.map(|g| g.1), Some(clustered));
    assert_eq!(retitled.dataset, load(dir.path(), &CacheMode::Off).dataset);

    // A damaged file: reported, not used, written again.
    let clusters = cache_file(cache.path(), "clusters.bin");
    let mut bytes = std::fs::read(&clusters).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    std::fs::write(&clusters, bytes).unwrap();
    std::fs::remove_file(&path).unwrap();
    let removed = load(dir.path(), &mode);
    let notes = removed.notes.join("\n");
    assert!(
        notes.contains("clusters.bin") && notes.contains("checksum mismatch"),
        "{notes}"
    );
    assert_eq!(removed.notes.len(), 1, "{notes}");
    let (groups, clustered) = removed.groups.expect("built");
    assert_eq!(clustered, groups);
    assert_eq!(removed.dataset, load(dir.path(), &CacheMode::Off).dataset);
    add_copy(dir.path(), "zz-again");
    let again = load(dir.path(), &mode);
    assert!(again.notes.is_empty(), "{:?}", again.notes);
    let (groups, clustered) = again.groups.expect("built");
    assert!(clustered < groups / 2, "{clustered} of {groups}");
}

/// Other aliases, or another home, change what every report is after curation: a rebuild
/// through the cache then gives what a build without it gives, and clusters every group
/// again.
#[test]
fn other_aliases_or_another_home_rebuild_as_without_the_cache() {
    let dir = corpus(20);
    let (_cache, mode) = cache_dir();
    let gz = Gazetteer::embedded().unwrap();
    let source = CorpusSource::Paths(vec![dir.path().to_path_buf()]);
    let build = |aliases: &Aliases, home: Option<&str>, mode: &CacheMode| {
        load_dataset(&gz, aliases, &source, home, mode, Columns::Skip, &|_, _| {}).unwrap()
    };
    let plain = Aliases::embedded().unwrap();
    let first = build(&plain, None, &mode);
    let mut curated = Aliases::embedded().unwrap();
    curated
        .add(
            "test-aliases.toml",
            "[[person]]\nname = \"The DGSN chief\"\naliases = [\"Abdellatif Hammouchi\"]\n",
        )
        .unwrap();
    let renamed = build(&curated, None, &mode);
    assert_eq!(
        renamed.dataset,
        build(&curated, None, &CacheMode::Off).dataset
    );
    assert_ne!(renamed.dataset, first.dataset);
    let (groups, clustered) = renamed.groups.expect("built");
    assert_eq!(clustered, groups);
    let elsewhere = build(&curated, Some("FRA"), &mode);
    assert_eq!(
        elsewhere.dataset,
        build(&curated, Some("FRA"), &CacheMode::Off).dataset
    );
    assert_eq!(elsewhere.dataset.home.as_deref(), Some("FRA"));
}

/// Results are taken out of the cache for the dataset unless the segments are to be merged
/// (which writes every live entry again): each merge must still hold every result.
#[test]
fn merged_segments_keep_every_result_the_dataset_was_built_from() {
    let dir = corpus(12);
    let (cache, mode) = cache_dir();
    load(dir.path(), &mode);
    let segments = || {
        files_under(cache.path())
            .iter()
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("results-"))
            })
            .count()
    };
    let plain = |dir: &Path| load(dir, &CacheMode::Off).dataset;
    // Each added article makes a segment, until they pile up and are merged into one.
    let mut most = 0;
    for i in 0..10 {
        add_copy(dir.path(), &format!("zz-added-{i}"));
        let added = load(dir.path(), &mode);
        assert_eq!(added.dataset, plain(dir.path()), "added {i}");
        most = most.max(segments());
    }
    assert!(most > 2 && segments() < most, "{} after {most}", segments());
    // A change after the merge is built from the merged segment alone.
    std::fs::remove_file(dir.path().join("seed/zz-added-0.txt")).unwrap();
    let removed = load(dir.path(), &mode);
    assert_eq!(removed.extracted, 0);
    assert_eq!(removed.dataset, plain(dir.path()));

    // Most articles removed: the segment holds mostly dead entries and is merged again.
    let generated = files_under(&dir.path().join("generated"));
    assert!(generated.len() >= 10, "{}", generated.len());
    for f in &generated[1..] {
        std::fs::remove_file(f).unwrap();
    }
    for i in 1..9 {
        std::fs::remove_file(dir.path().join(format!("seed/zz-added-{i}.txt"))).unwrap();
    }
    let before = segments();
    let shrunk = load(dir.path(), &mode);
    assert_eq!(shrunk.extracted, 0);
    assert_eq!(shrunk.dataset, plain(dir.path()));
    assert!(
        before > 1 && segments() == 1,
        "{before}, then {}",
        segments()
    );
    std::fs::remove_file(dir.path().join("seed/zz-added-9.txt")).unwrap();
    let again = load(dir.path(), &mode);
    assert_eq!(again.extracted, 0);
    assert_eq!(again.dataset, plain(dir.path()));
    assert!(!again.dataset.events.is_empty());
}

/// A load after damage to the cache: not from the cached dataset, the damage reported in a
/// note that says `why`, and the dataset the same as before.
fn rebuilt_after(loaded: &Loaded, why: &str, good: &Dataset) {
    assert!(!loaded.dataset_cached);
    assert!(
        loaded.notes.join("\n").contains(why),
        "{why}: {:?}",
        loaded.notes
    );
    assert_eq!(&loaded.dataset, good);
}

#[test]
fn a_corrupt_or_foreign_cache_file_is_reported_once_and_rebuilt() {
    let dir = corpus(10);
    let (cache, mode) = cache_dir();
    let good = load(dir.path(), &mode).dataset;

    // A flipped byte in the middle of the results and a dataset file that is not ours.
    let results = cache_file(cache.path(), "results-");
    let mut bytes = std::fs::read(&results).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x55;
    std::fs::write(&results, bytes).unwrap();
    let dataset = cache_file(cache.path(), "dataset.bin");
    std::fs::write(&dataset, "{\"not\": \"a cache\"}").unwrap();

    let again = load(dir.path(), &mode);
    assert_eq!(again.dataset, good);
    let notes = again.notes.join("\n");
    assert!(notes.contains("checksum mismatch"), "{notes}");
    assert!(notes.contains("not a liaison cache file"), "{notes}");
    assert_eq!(again.notes.len(), 2, "{notes}");
    assert!(again.extracted >= 15, "{}", again.extracted);

    let third = load(dir.path(), &mode);
    assert!(third.notes.is_empty(), "reported twice: {:?}", third.notes);
    assert!(third.dataset_cached);
    assert_eq!(third.dataset, good);

    // Cut short.
    let dataset = cache_file(cache.path(), "dataset.bin");
    let bytes = std::fs::read(&dataset).unwrap();
    std::fs::write(&dataset, &bytes[..bytes.len() - 10]).unwrap();
    rebuilt_after(&load(dir.path(), &mode), "cut short", &good);

    // The sentence file missing, or cut short: reported, the dataset rebuilt.
    std::fs::remove_file(cache_file(cache.path(), "sentences-")).unwrap();
    rebuilt_after(&load(dir.path(), &mode), "sentences-", &good);
    let sentences = cache_file(cache.path(), "sentences-");
    let bytes = std::fs::read(&sentences).unwrap();
    std::fs::write(&sentences, &bytes[..bytes.len() - 3]).unwrap();
    rebuilt_after(&load(dir.path(), &mode), "cut short", &good);
    let rebuilt = load(dir.path(), &mode);
    assert!(rebuilt.dataset_cached && rebuilt.notes.is_empty());
    assert_eq!(rebuilt.dataset, good);

    // The sentence file ends with where its second stretch starts (the sentences of the
    // events the second encoding thread wrote), which holds some: the events read back
    // above came from both. Pointed past the file, it is reported and rebuilt.
    let sentences = cache_file(cache.path(), "sentences-");
    let mut bytes = std::fs::read(&sentences).unwrap();
    let trailer = bytes.len() - 8;
    let second = u64::from_le_bytes(bytes[trailer..].try_into().unwrap()) as usize;
    assert!(second > 64 && second < trailer, "{second} of {trailer}");
    bytes[trailer..].copy_from_slice(&(trailer as u64 + 1).to_le_bytes());
    std::fs::write(&sentences, &bytes).unwrap();
    rebuilt_after(&load(dir.path(), &mode), "second stretch", &good);

    // A flipped byte inside one of the dataset's parts (checked by the part's own checksum):
    // in the middle of the last run of events, which every load reads (the dashboard's
    // columns, the last part, are read only by the dashboard).
    let dataset = cache_file(cache.path(), "dataset.bin");
    let mut bytes = std::fs::read(&dataset).unwrap();
    let (start, len) = last_event_run(&bytes);
    bytes[start + len / 2] ^= 0x20;
    std::fs::write(&dataset, bytes).unwrap();
    rebuilt_after(&load(dir.path(), &mode), "checksum mismatch", &good);
}

/// A warm `who` reads only the officials it finds and their events, and they are the whole
/// dataset's: the same records (events renumbered, their numbers in the whole dataset given),
/// the same events, found in the same order, with the same suggestions.
#[test]
fn a_warm_who_reads_only_what_it_finds_and_finds_the_same() {
    let dir = corpus(40);
    let (_cache, mode) = cache_dir();
    let whole = load(dir.path(), &CacheMode::Off).dataset;
    let name = whole.people[whole.people.len() / 2].name.clone();
    let surname = name.rsplit(' ').next().unwrap().to_owned();
    let mut queries = vec![name.clone(), surname, "minister".into(), "zzqqzz".into()];
    // A misspelling, found by the fuzzy fallback only.
    queries.push(name.chars().filter(|c| !"aeiou".contains(*c)).collect());
    let _ = load(dir.path(), &mode);
    for q in &queries {
        let expected = WhoIndex::of(&whole.people).find(q);
        let (cold, cold_found) = who(dir.path(), &CacheMode::Off, q);
        assert_eq!(cold_found.people, expected, "{q}");
        assert_eq!(cold.dataset, whole);
        let (warm, found) = who(dir.path(), &mode, q);
        assert!(
            warm.dataset_cached && warm.notes.is_empty(),
            "{:?}",
            warm.notes
        );
        assert_eq!(warm.counts.events, whole.events.len());
        assert_eq!(warm.counts.articles, whole.articles.len());
        // The articles the officials' titles cite, each the whole dataset's.
        for a in &warm.dataset.articles {
            assert_eq!(Some(a), whole.article(&a.id));
        }
        for p in &warm.dataset.people {
            for t in &p.titles {
                assert!(warm.dataset.article(&t.article).is_some(), "{}", t.article);
            }
        }
        assert_eq!(
            found.near,
            WhoIndex::of(&whole.people).suggestions(q),
            "{q}"
        );
        assert_eq!(found.people.len(), expected.len(), "{q}");
        let numbers = found.numbers.as_ref().expect("read alone");
        assert_eq!(warm.dataset.events.len(), numbers.len());
        assert!(numbers.windows(2).all(|w| w[0] < w[1]));
        for (&i, &j) in found.people.iter().zip(&expected) {
            let (got, want) = (&warm.dataset.people[i], &whole.people[j]);
            let renumbered: Vec<usize> = got.events.iter().map(|&e| numbers[e]).collect();
            assert_eq!(renumbered, want.events, "{q}");
            for (&e, &w) in got.events.iter().zip(&want.events) {
                assert_eq!(warm.dataset.events[e], whole.events[w]);
            }
            assert_eq!((&got.name, &got.titles), (&want.name, &want.titles));
        }
    }
    // Only what was found: a name finds a handful of the officials, not all of them.
    let (warm, found) = who(dir.path(), &mode, &name);
    assert!(!found.people.is_empty());
    assert!(warm.dataset.people.len() < whole.people.len() / 4);
    assert!(warm.dataset.events.len() < whole.events.len() / 4);
}

/// A damaged official or event is found by its own checksum: reported once, rebuilt, and
/// the answer is still the whole dataset's.
#[test]
fn a_warm_who_on_a_damaged_dataset_reports_it_and_rebuilds() {
    let dir = corpus(20);
    let (cache, mode) = cache_dir();
    let whole = load(dir.path(), &mode).dataset;
    let name = whole.people[0].name.clone();
    let expected = WhoIndex::of(&whole.people).find(&name);
    assert!(!expected.is_empty());
    // Flip every byte of the last quarter: the events (and the runs' checksums) are damaged.
    let dataset = cache_file(cache.path(), "dataset.bin");
    let mut bytes = std::fs::read(&dataset).unwrap();
    let from = bytes.len() * 3 / 4;
    for b in &mut bytes[from..] {
        *b ^= 0x41;
    }
    std::fs::write(&dataset, bytes).unwrap();
    let (again, found) = who(dir.path(), &mode, &name);
    let notes = again.notes.join("\n");
    assert!(notes.contains("dataset.bin"), "{notes}");
    assert!(notes.contains("deleted and rebuilt"), "{notes}");
    assert_eq!(again.notes.len(), 1, "{notes}");
    assert!(!again.dataset_cached);
    assert_eq!(again.dataset, whole);
    assert_eq!(found.people, expected);
    assert!(found.numbers.is_none());
    let (third, found) = who(dir.path(), &mode, &name);
    assert!(
        third.dataset_cached && third.notes.is_empty(),
        "{:?}",
        third.notes
    );
    assert_eq!(found.people.len(), expected.len());
}

fn liaison(args: &[&str], cache: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_liaison"));
    c.args(args)
        .env("LIAISON_CACHE_DIR", cache)
        .env("LIAISON_CONFIG_DIR", "/nonexistent/liaison-config")
        .env_remove("LIAISON_DATA")
        .env("NO_COLOR", "1");
    c
}

/// Runs liaison to the end, checks it succeeded, and gives its stdout and stderr.
fn run_ok(args: &[&str], cache: &Path) -> (Vec<u8>, String) {
    let out = liaison(args, cache).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (out.stdout, stderr)
}

#[test]
fn two_processes_share_a_cache() {
    let dir = corpus(40);
    let cache = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let args = ["--data", data, "countries", "--json"];
    let (expected, _) = run_ok(&args, cache.path());
    std::fs::remove_dir_all(cache.path().join("corpora")).unwrap();
    // Both start cold, at once, on the same cache folder.
    let spawned: Vec<_> = (0..2)
        .map(|_| {
            liaison(&args, cache.path())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in spawned {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, expected);
        assert!(!String::from_utf8_lossy(&out.stderr).contains("cache:"));
    }
    let (warm, stderr) = run_ok(&args, cache.path());
    assert_eq!(warm, expected);
    assert!(stderr.contains("all from cache"), "{stderr}");
    // No temporary file was left behind.
    assert!(
        !files_under(cache.path())
            .iter()
            .any(|p| p.to_string_lossy().contains(".tmp-")),
        "{:?}",
        files_under(cache.path())
    );
}

/// Each of `runs` prints the same without the cache as from a warm cache (the second run
/// through it), on a corpus of 30 generated articles beside the seeds.
fn same_without_the_cache_and_warm(runs: &[Vec<&str>]) {
    let dir = corpus(30);
    let cache = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    for args in runs {
        let mut cold = vec!["--data", data, "--no-cache"];
        cold.extend(args);
        let (expected, _) = run_ok(&cold, cache.path());
        assert!(!expected.is_empty(), "{args:?}");
        let mut warm = vec!["--data", data];
        warm.extend(args);
        let _ = run_ok(&warm, cache.path());
        let (again, stderr) = run_ok(&warm, cache.path());
        assert!(stderr.contains("all from cache"), "{stderr}");
        assert_eq!(
            String::from_utf8_lossy(&again),
            String::from_utf8_lossy(&expected),
            "{args:?}"
        );
    }
}

/// `liaison who` prints the same, cold or warm, in text and in JSON (whose event numbers
/// are the whole dataset's), with a filter too.
#[test]
fn who_prints_the_same_cold_and_warm() {
    same_without_the_cache_and_warm(&[
        vec!["who", "minister"],
        vec!["--json", "who", "director"],
        vec!["--kind", "agreement", "who", "a"],
    ]);
}

/// `liaison countries` prints the same from a warm cache (its rows read off the columns)
/// as without the cache (from the profiles), in text and in JSON, with filters too.
#[test]
fn countries_prints_the_same_without_the_cache_and_warm() {
    same_without_the_cache_and_warm(&[
        vec!["countries"],
        vec!["--json", "countries"],
        vec!["--kind", "meeting,visit", "countries"],
        vec![
            "--json",
            "--focus",
            "counterterrorism",
            "--since",
            "2025",
            "countries",
        ],
    ]);
}

#[test]
fn no_cache_writes_nothing_and_cache_in_corpus_stays_beside_it() {
    let dir = corpus(0);
    let cache = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let (_, stderr) = run_ok(&["--data", data, "--no-cache", "countries"], cache.path());
    assert!(files_under(cache.path()).is_empty());
    assert!(stderr.contains("5 extracted, 0 from cache"), "{stderr}");

    let beside = ["--data", data, "--cache-in-corpus", "countries"];
    let (first, _) = run_ok(&beside, cache.path());
    assert!(files_under(cache.path()).is_empty());
    assert!(!files_under(&dir.path().join(".liaison-cache")).is_empty());
    // The cache folder is hidden, so it is not read as articles.
    let (again, stderr) = run_ok(&beside, cache.path());
    assert_eq!(again, first);
    assert!(stderr.contains("5 articles"), "{stderr}");
}

#[test]
fn an_unusable_cache_folder_is_reported_and_liaison_still_works() {
    let dir = corpus(0);
    let blocker = tempfile::NamedTempFile::new().unwrap();
    // A file where the cache folder should be: it cannot be created.
    let out = liaison(
        &["--data", dir.path().to_str().unwrap(), "countries"],
        blocker.path(),
    )
    .output()
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cache: cannot create"), "{stderr}");
    assert!(stderr.contains("working without it"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("France"));
}

/// The events are decoded straight into one list made at the start, each run into its
/// place: a run whose count was damaged (more or fewer events than the dataset holds) is
/// caught before anything is placed, reported once, and the dataset rebuilt.
#[test]
fn a_damaged_count_of_events_is_reported_and_rebuilt() {
    let dir = corpus(10);
    let (cache, mode) = cache_dir();
    let good = load(dir.path(), &mode).dataset;
    assert!(good.events.len() > 16, "{}", good.events.len());
    let dataset = cache_file(cache.path(), "dataset.bin");
    let pristine = std::fs::read(&dataset).unwrap();
    // The last run of events, its count first.
    let (count_at, _) = last_event_run(&pristine);
    let count = word(&pristine, count_at);
    assert!(count > 0, "the last run holds events");
    for damaged in [count + 1, count - 1, u64::MAX / 2] {
        let mut bytes = pristine.clone();
        bytes[count_at..count_at + 8].copy_from_slice(&damaged.to_le_bytes());
        std::fs::write(&dataset, bytes).unwrap();
        let again = load(dir.path(), &mode);
        let next = load(dir.path(), &mode);
        reported_once_and_rebuilt(&again, &next, &good, &damaged.to_string());
    }
}

/// The little-endian word at byte `at` of `b`.
fn word(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

/// Where the last run of events of a dataset file lies (start, length). The file: a header
/// of seven words, the number of parts, each part's length and checksum, then the parts;
/// the last three are the table of items, the shared strings and the dashboard's columns,
/// after the runs.
fn last_event_run(file: &[u8]) -> (usize, usize) {
    let parts = word(file, 56) as usize;
    let len = |i: usize| word(file, 64 + 16 * i) as usize;
    let run = parts - 4;
    let start = 64 + 16 * parts + (0..run).map(len).sum::<usize>();
    (start, len(run))
}

/// `again`, loaded from a damaged dataset file, reported it once as unreadable and gave the
/// `good` dataset, rebuilt; `next`, loaded after it, read that back without a word.
fn reported_once_and_rebuilt(again: &Loaded, next: &Loaded, good: &Dataset, what: &str) {
    let notes = again.notes.join("\n");
    assert!(!again.dataset_cached, "{what}");
    assert!(notes.contains("unreadable contents"), "{what}: {notes}");
    assert_eq!(again.notes.len(), 1, "{what}: {notes}");
    assert_eq!(&again.dataset, good, "{what}");
    assert!(
        next.dataset_cached && next.notes.is_empty(),
        "{what}: {:?}",
        next.notes
    );
    assert_eq!(&next.dataset, good, "{what}");
}

/// The dashboard's columns come with the dataset, the same as the dashboard would build
/// from it, whether the dataset was just built or read back; other commands leave them.
#[test]
fn the_dashboard_gets_the_columns_it_would_build_cold_and_warm() {
    let dir = corpus(25);
    let (_cache, mode) = cache_dir();
    let gz = Gazetteer::embedded().unwrap();
    let cold = dashboard(dir.path(), &mode);
    assert!(!cold.dataset_cached);
    let built = Index::new(&cold.dataset, &gz);
    assert_eq!(cold.columns.as_ref(), Some(&built));
    assert!(built.partners.len() > 3, "{}", built.partners.len());

    let warm = dashboard(dir.path(), &mode);
    assert!(
        warm.dataset_cached && warm.notes.is_empty(),
        "{:?}",
        warm.notes
    );
    assert_eq!(warm.dataset, cold.dataset);
    assert_eq!(warm.columns.as_ref(), Some(&built));
    assert!(warm.columns.as_ref().unwrap().is_sound(&warm.dataset));
    // Read back with the room they need, not more (serde's growing lists would leave up
    // to twice that).
    let read = warm.columns.as_ref().unwrap().bytes();
    assert!(
        read <= built.bytes(),
        "{read} read, {} built",
        built.bytes()
    );

    // `countries` and the rest do not decode them; without a cache there are none to give.
    let plain = load(dir.path(), &mode);
    assert!(plain.dataset_cached && plain.columns.is_none());
    assert!(dashboard(dir.path(), &CacheMode::Off).columns.is_none());
}

/// The parts of a dataset file: its header, then per part its bytes.
fn dataset_parts(bytes: &[u8]) -> (Vec<u8>, Vec<Vec<u8>>) {
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
    let header = bytes[..56].to_vec();
    let n = word(56);
    let mut at = 64 + 16 * n;
    let parts = (0..n)
        .map(|i| {
            let len = word(64 + 16 * i);
            at += len;
            bytes[at - len..at].to_vec()
        })
        .collect();
    (header, parts)
}

/// A dataset file of `header` (engine and key kept) and `parts`, each with its checksum.
fn dataset_file(header: &[u8], parts: &[Vec<u8>]) -> Vec<u8> {
    let mut table = (parts.len() as u64).to_le_bytes().to_vec();
    for p in parts {
        table.extend_from_slice(&(p.len() as u64).to_le_bytes());
        table.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(p).to_le_bytes());
    }
    let len = table.len() + parts.iter().map(Vec::len).sum::<usize>();
    let mut out = header[..40].to_vec();
    out.extend_from_slice(&(len as u64).to_le_bytes());
    out.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&table).to_le_bytes());
    out.extend_from_slice(&table);
    for p in parts {
        out.extend_from_slice(p);
    }
    out
}

/// Columns that pass every checksum but are not the dataset's (another corpus's, or cut
/// short) are caught before the dashboard can look anything up in them: reported once,
/// the dataset rebuilt with its own.
#[test]
fn columns_that_do_not_fit_the_dataset_are_reported_and_rebuilt() {
    let dir = corpus(12);
    let other = corpus(0);
    let (cache, mode) = cache_dir();
    let (_other_cache, other_mode) = cache_dir();
    let gz = Gazetteer::embedded().unwrap();
    let good = dashboard(dir.path(), &mode);
    let theirs = dashboard(other.path(), &other_mode).columns.unwrap();
    assert!(!theirs.is_sound(&good.dataset));
    let path = cache_file(cache.path(), "dataset.bin");
    let pristine = std::fs::read(&path).unwrap();
    let (header, parts) = dataset_parts(&pristine);
    // The file as written reads back: the test's idea of the layout is the cache's.
    assert_eq!(dataset_file(&header, &parts), pristine);
    let columns = 5;
    let foreign = bincode::serde::encode_to_vec(&theirs, bincode::config::standard()).unwrap();
    let cut = parts[columns][..parts[columns].len() / 2].to_vec();
    for (what, part) in [("another corpus's", foreign), ("cut short", cut)] {
        let mut parts = parts.clone();
        parts[columns] = part;
        std::fs::write(&path, dataset_file(&header, &parts)).unwrap();
        let again = dashboard(dir.path(), &mode);
        let next = dashboard(dir.path(), &mode);
        reported_once_and_rebuilt(&again, &next, &good.dataset, what);
        let own = Some(Index::new(&good.dataset, &gz));
        assert_eq!(again.columns, own, "{what}");
        assert_eq!(next.columns, own, "{what}");
    }
}

/// The dashboard's first frame from a cached dataset is drawn from the columns and the few
/// events and officials it reads (see `Columns::FirstFrame`): it must be the frame the whole
/// dataset draws, at any size and under a filter, and the rest read after it must give the
/// whole dataset.
#[test]
fn the_first_frame_from_part_of_the_dataset_is_the_whole_datasets_and_the_rest_completes_it() {
    use chrono::NaiveDate;
    use liaison::model::Kind;
    use liaison::profile::Filter;
    use liaison::tui::{Action, App, AppConfig, draw};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let dir = corpus(80);
    let (_cache, mode) = cache_dir();
    let gz = Gazetteer::embedded().unwrap();
    assert!(!dashboard(dir.path(), &mode).dataset_cached);
    let whole = load(dir.path(), &mode);
    assert!(whole.dataset_cached);
    let whole = whole.dataset;

    let frame = |app: &mut App, (w, h): (u16, u16)| {
        app.apply(Action::Resize {
            width: w,
            height: h,
        });
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| draw(app, f)).unwrap();
        t.backend().buffer().clone()
    };
    let config = |filter: &Filter| AppConfig {
        filter: filter.clone(),
        ..AppConfig::on(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap())
    };
    let meetings = Filter {
        kinds: [Kind::Meeting, Kind::Visit].into_iter().collect(),
        ..Filter::default()
    };
    for filter in [Filter::default(), meetings] {
        let needs = |index: &Index| App::first_frame_needs(index, &filter);
        let part = on_corpus(dir.path(), |gz, aliases, source| {
            let columns = Columns::FirstFrame(&needs);
            load_dataset(gz, aliases, source, None, &mode, columns, &|_, _| {}).unwrap()
        });
        assert!(
            part.dataset_cached && part.notes.is_empty(),
            "{:?}",
            part.notes
        );
        let (Some(columns), Some(rest)) = (part.columns, part.rest) else {
            panic!("no columns or no rest");
        };
        // Most events and officials are placeholders until the rest is read.
        let read = part
            .dataset
            .events
            .iter()
            .filter(|e| !e.id.is_empty())
            .count();
        assert!(
            read > 0 && read * 4 < whole.events.len(),
            "{read} events read"
        );
        assert_eq!(part.dataset.events.len(), whole.events.len());
        assert_eq!(part.dataset.articles, whole.articles);

        let mut first =
            App::with_columns(part.dataset, Some(columns.clone()), &gz, config(&filter));
        let mut reference = App::with_columns(whole.clone(), Some(columns), &gz, config(&filter));
        assert_eq!(
            first.selected().map(|p| p.partner.clone()),
            reference.selected().map(|p| p.partner.clone())
        );
        for size in [(120, 35), (80, 24), (200, 60), (60, 16), (250, 80)] {
            assert_eq!(
                frame(&mut first, size),
                frame(&mut reference, size),
                "{size:?}"
            );
        }
        first.complete(|data| rest.read(data)).unwrap();
        assert_eq!(first.dataset(), &whole);
        assert_eq!(
            frame(&mut first, (120, 35)),
            frame(&mut reference, (120, 35))
        );
    }
}

/// A damaged run of events is found before the first frame, although that frame reads
/// none of it (its checksums are checked on the other core meanwhile): reported once and
/// rebuilt, as for every other load, rather than found after the frame is on screen.
#[test]
fn a_damaged_run_is_found_before_the_first_frame() {
    use liaison::profile::Filter;
    use liaison::tui::App;
    let dir = corpus(12);
    let (cache, mode) = cache_dir();
    let good = load(dir.path(), &mode).dataset;
    let path = files_under(cache.path())
        .into_iter()
        .find(|p| p.ends_with("dataset.bin"))
        .unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let (start, len) = last_event_run(&bytes);
    bytes[start + len - 3] ^= 0x55;
    std::fs::write(&path, &bytes).unwrap();
    let needs = |index: &Index| App::first_frame_needs(index, &Filter::default());
    let first = || {
        on_corpus(dir.path(), |gz, aliases, source| {
            let columns = Columns::FirstFrame(&needs);
            load_dataset(gz, aliases, source, None, &mode, columns, &|_, _| {}).unwrap()
        })
    };
    let (again, next) = (first(), first());
    assert!(again.rest.is_none() && again.columns.is_some());
    assert!(next.rest.is_some());
    let mut next = next;
    let rest = next.rest.take().unwrap();
    rest.read(&mut next.dataset).unwrap();
    reported_once_and_rebuilt(&again, &next, &good, "a damaged run of events");
}

/// `countries` reads the columns alone (`Columns::Only`): not the runs, nor their
/// checksums, so a damaged run of events does not change its answer or cost it a rebuild;
/// the next load that reads the events finds the damage, reports it once and rebuilds.
#[test]
fn the_columns_alone_leave_a_damaged_run_to_what_reads_it() {
    let dir = corpus(12);
    let (cache, mode) = cache_dir();
    let good = load(dir.path(), &mode).dataset;
    let gz = Gazetteer::embedded().unwrap();
    let good_columns = Index::new(&good, &gz);
    let path = cache_file(cache.path(), "dataset.bin");
    let mut bytes = std::fs::read(&path).unwrap();
    let (start, len) = last_event_run(&bytes);
    bytes[start + len / 2] ^= 0x55;
    std::fs::write(&path, &bytes).unwrap();
    let only = on_corpus(dir.path(), |gz, aliases, source| {
        load_dataset(gz, aliases, source, None, &mode, Columns::Only, &|_, _| {}).unwrap()
    });
    assert!(
        only.dataset_cached && only.notes.is_empty(),
        "{:?}",
        only.notes
    );
    assert!(only.rest.is_none());
    assert_eq!(only.columns.as_ref(), Some(&good_columns));
    assert_eq!(only.dataset.articles, good.articles);
    assert_eq!(only.dataset.warnings, good.warnings);
    let (again, next) = (load(dir.path(), &mode), load(dir.path(), &mode));
    reported_once_and_rebuilt(
        &again,
        &next,
        &good,
        "a damaged run of events after the columns",
    );
}

/// Every file in the cache folder, by path, with a hash of its bytes.
fn cache_contents(cache: &Path) -> Vec<(PathBuf, u64)> {
    files_under(cache)
        .into_iter()
        .map(|p| {
            let hash = xxhash_rust::xxh3::xxh3_64(&std::fs::read(&p).unwrap());
            (p, hash)
        })
        .collect()
}

/// After the corpus changes, the dashboard's load (`Columns::Earlier`) gives the dataset
/// the cache held, says it is the earlier one, and writes nothing; the update (`Wanted`)
/// then builds the current one, which is the dataset without the cache. The earlier one,
/// whose file and sentences the update replaced meanwhile, still reads whole. With no
/// dataset cached, or a current one, `Earlier` is `FirstFrame`.
#[test]
fn a_changed_corpus_gives_the_earlier_dataset_and_writes_nothing_until_the_update() {
    use liaison::profile::Filter;
    use liaison::tui::App;
    let dir = corpus(20);
    let (cache, mode) = cache_dir();
    let needs = |index: &Index| App::first_frame_needs(index, &Filter::default());
    let start = || {
        on_corpus(dir.path(), |gz, aliases, source| {
            let columns = Columns::Earlier(&needs);
            load_dataset(gz, aliases, source, None, &mode, columns, &|_, _| {}).unwrap()
        })
    };
    let cold = start();
    assert!(!cold.earlier && !cold.dataset_cached && cold.extracted > 20);
    let mut warm = start();
    assert!(!warm.earlier && warm.dataset_cached);
    warm.rest.take().unwrap().read(&mut warm.dataset).unwrap();
    let before = warm.dataset;

    let plain_before = load(dir.path(), &CacheMode::Off).dataset;
    add_copy(dir.path(), "added");
    let files = cache_contents(cache.path());
    let mut shown = start();
    assert!(shown.earlier && shown.dataset_cached, "{:?}", shown.notes);
    assert_eq!(shown.extracted, 0);
    assert!(shown.notes.is_empty(), "{:?}", shown.notes);
    assert_eq!(cache_contents(cache.path()), files, "the cache changed");
    let rest = shown.rest.take().unwrap();

    let current = dashboard(dir.path(), &mode);
    assert!(!current.earlier && !current.dataset_cached);
    assert_eq!(current.extracted, 1);
    assert!(current.columns.is_some());
    let plain = load(dir.path(), &CacheMode::Off).dataset;
    assert_eq!(current.dataset, plain);
    assert_ne!(current.dataset.articles, before.articles);
    assert_ne!(
        cache_contents(cache.path()),
        files,
        "the update wrote nothing"
    );

    rest.read(&mut shown.dataset).unwrap();
    assert_eq!(shown.dataset, before);
    let sentences = |d: &Dataset| -> Vec<String> {
        d.events
            .iter()
            .flat_map(|e| e.sources.iter().map(|s| s.sentence.text().into_owned()))
            .collect()
    };
    let said = sentences(&shown.dataset);
    assert!(!said.is_empty() && said.iter().all(|s| !s.is_empty()));
    assert_eq!(said, sentences(&plain_before));
    let next = start();
    assert!(!next.earlier && next.dataset_cached);
}
