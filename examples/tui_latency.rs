//! How long the dashboard takes to answer, on a real corpus: the start (`App::with_columns`
//! on the columns the cache keeps, `App::new` building them, and the first frame) and 1,000
//! pseudo-random changes, each one action through `App::apply` followed by a frame drawn
//! into ratatui's `TestBackend` at 200×60.
//!
//! ```sh
//! cargo run --release --example tui_latency -- /tmp/g10000/articles [--changes 1000] [--seed N] [--cache-dir DIR]
//! ```
//!
//! The dataset is loaded through the extraction cache, as `liaison` loads it: run it twice
//! (or after `liaison --cache-dir DIR`) to measure the dashboard on a warm start's dataset.
//!
//! The changes cycle through the things a user does to the country list: tick or untick a
//! focus area (the picker's Enter), tick or untick an event kind, pick a date preset, cycle
//! the sort, and type or delete a character in the search (names of real officials of the
//! corpus, typed then partly deleted). The keys that only open a popup or move in it are
//! timed too, apart, as "popup keys", and moving the country selection as "select". The
//! sequence depends only on `--seed`, so two runs on the same corpus do the same changes.
//!
//! Peak memory is the process's `VmHWM`, reset (through `/proc/self/clear_refs`) once the
//! dataset is built, so it shows what the dashboard needs on top of the data rather than
//! what building the data needed.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use liaison::aliases::Aliases;
use liaison::cache::{CacheMode, Columns, load_dataset};
use liaison::corpus::CorpusSource;
use liaison::gazetteer::Gazetteer;
use liaison::profile::Dataset;
use liaison::tui::{Action, App, AppConfig, Popup, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tui_input::InputRequest;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The allocator the `liaison` binary runs with, so the figures are the dashboard's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// splitmix64: a fixed, dependency-free sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// A line of `/proc/self/status` in kB ("VmHWM", "VmRSS"); 0 where there is no such file.
fn status_kb(field: &str) -> u64 {
    liaison::timing::status_kb(field).unwrap_or(0)
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

struct Timer {
    terminal: Terminal<TestBackend>,
    samples: BTreeMap<&'static str, Vec<Duration>>,
}

impl Timer {
    /// Applies `action`, draws a frame, and records the time under `what`.
    fn step(&mut self, app: &mut App, what: &'static str, action: Action) -> Result<()> {
        let start = Instant::now();
        app.apply(action);
        self.terminal.draw(|f| draw(app, f))?;
        self.samples.entry(what).or_default().push(start.elapsed());
        Ok(())
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// p50, p99 and max of a set of durations, in milliseconds.
fn summary(v: &[Duration]) -> (f64, f64, f64) {
    let mut v = v.to_vec();
    v.sort();
    let at = |q: f64| {
        let i = ((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1;
        ms(v[i])
    };
    (at(0.50), at(0.99), ms(v[v.len() - 1]))
}

fn main() -> Result<()> {
    let mut dir = None;
    let mut changes = 1000usize;
    let mut seed = 42u64;
    let mut cache_dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--changes" => changes = args.next().ok_or("--changes N")?.parse()?,
            "--seed" => seed = args.next().ok_or("--seed N")?.parse()?,
            "--cache-dir" => cache_dir = Some(PathBuf::from(args.next().ok_or("--cache-dir DIR")?)),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.ok_or("usage: tui_latency DIR [--changes N] [--seed N] [--cache-dir DIR]")?;

    let gz = Gazetteer::embedded()?;
    let t = Instant::now();
    // Through the cache, as the binary does (`--cache-dir` / LIAISON_CACHE_DIR, else the
    // platform's): a warm run measures the dashboard on the dataset a warm start gives.
    let mode = match cache_dir {
        Some(d) => CacheMode::Dir(d),
        None => std::env::var_os("LIAISON_CACHE_DIR")
            .map(|d| CacheMode::Dir(d.into()))
            .unwrap_or_default(),
    };
    let loaded = load_dataset(
        &gz,
        &Aliases::embedded()?,
        &CorpusSource::Paths(vec![dir.clone()]),
        None,
        &mode,
        Columns::Wanted,
        &|_, _| {},
    )?;
    let data: Dataset = loaded.dataset;
    let columns = loaded.columns;
    println!(
        "{}: {} articles, {} events, {} officials; loaded in {:.1} s ({})",
        dir.display(),
        data.articles.len(),
        data.events.len(),
        data.people.len(),
        t.elapsed().as_secs_f64(),
        if loaded.dataset_cached {
            "from the cache"
        } else {
            "extracted"
        }
    );
    // The names to type: real officials, picked now so the dataset can move into the app.
    let mut rng = Rng(seed);
    let names: Vec<String> = (0..200)
        .filter_map(|_| data.people.get(rng.below(data.people.len())))
        .map(|p| p.name.clone())
        .filter(|n| !n.is_empty())
        .collect();

    // `App::new` builds the columns, as a start without the cache does: timed once, the
    // data taken back.
    let t = Instant::now();
    let built = App::new(data, &gz, AppConfig::default());
    let build_time = t.elapsed();
    let data = built.into_dataset();
    let stored = columns.is_some();
    let rss_data = status_kb("VmRSS");
    // From here on the peak is the dashboard's: the data plus what the app adds.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let t = Instant::now();
    let mut app = App::with_columns(
        data,
        columns,
        &gz,
        AppConfig::on(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()),
    );
    let new_time = t.elapsed();
    let rss_app = status_kb("VmRSS");
    app.apply(Action::Resize {
        width: WIDTH,
        height: HEIGHT,
    });
    let mut timer = Timer {
        terminal: Terminal::new(TestBackend::new(WIDTH, HEIGHT))?,
        samples: BTreeMap::new(),
    };
    let t = Instant::now();
    timer.terminal.draw(|f| draw(&app, f))?;
    let first_draw = t.elapsed();
    println!(
        "App::with_columns {:.1} ms ({}), App::new building them {:.1} ms, first frame {:.1} ms",
        ms(new_time),
        if stored {
            "columns from the cache"
        } else {
            "columns built: no cache"
        },
        ms(build_time),
        ms(first_draw)
    );
    println!(
        "indexes: {:.1} MB before the first search",
        app.index_bytes() as f64 / 1e6
    );

    // The search index is built when the search first opens: timed apart.
    timer.step(&mut app, "first search", Action::Search)?;
    timer.step(&mut app, "popup keys", Action::Back)?;

    // Every change kind in turn, with random parameters; a search session counts each
    // keystroke as one change.
    let mut done = 0;
    let mut round = 0usize;
    while done < changes {
        match round % 6 {
            0 => {
                timer.step(&mut app, "popup keys", Action::FilterFocus)?;
                let n = match &app.view().popup {
                    Some(Popup::Picker(p)) => p.items.len(),
                    _ => 0,
                };
                for _ in 0..rng.below(n.min(12)) {
                    timer.step(&mut app, "popup keys", Action::Down)?;
                }
                timer.step(&mut app, "popup keys", Action::Toggle)?;
                timer.step(&mut app, "focus filter", Action::Open)?;
                done += 1;
            }
            1 => {
                timer.step(&mut app, "popup keys", Action::FilterKind)?;
                for _ in 0..rng.below(7) {
                    timer.step(&mut app, "popup keys", Action::Down)?;
                }
                timer.step(&mut app, "popup keys", Action::Toggle)?;
                timer.step(&mut app, "kind filter", Action::Open)?;
                done += 1;
            }
            2 => {
                timer.step(&mut app, "popup keys", Action::FilterDates)?;
                let n = match &app.view().popup {
                    Some(Popup::Dates(d)) => d.presets.len(),
                    _ => 0,
                };
                timer.step(&mut app, "popup keys", Action::Top)?;
                for _ in 0..rng.below(n.min(8)) {
                    timer.step(&mut app, "popup keys", Action::Down)?;
                }
                timer.step(&mut app, "date preset", Action::Open)?;
                done += 1;
            }
            3 => {
                timer.step(&mut app, "sort", Action::Sort)?;
                done += 1;
            }
            4 => {
                for _ in 0..1 + rng.below(5) {
                    timer.step(&mut app, "select", Action::Down)?;
                }
                if rng.below(4) == 0 {
                    timer.step(&mut app, "select", Action::Top)?;
                }
            }
            _ => {
                let name = &names[rng.below(names.len())];
                timer.step(&mut app, "popup keys", Action::Search)?;
                let typed: Vec<char> = name.chars().collect();
                let keep = typed.len() / 2;
                for &c in &typed {
                    timer.step(
                        &mut app,
                        "search key",
                        Action::Edit(InputRequest::InsertChar(c)),
                    )?;
                    done += 1;
                }
                for _ in keep..typed.len() {
                    timer.step(
                        &mut app,
                        "search key",
                        Action::Edit(InputRequest::DeletePrevChar),
                    )?;
                    done += 1;
                }
                timer.step(&mut app, "popup keys", Action::Back)?;
            }
        }
        round += 1;
        // Clear the filters now and then, so they do not pile up into an empty list.
        if round % 24 == 23 && !app.filter().is_empty() {
            timer.step(&mut app, "clear filters", Action::Back)?;
        }
    }

    println!(
        "\n{:<14} {:>6} {:>9} {:>9} {:>9}",
        "change", "n", "p50 ms", "p99 ms", "max ms"
    );
    let mut all = Vec::new();
    for (what, v) in &timer.samples {
        let (p50, p99, max) = summary(v);
        println!("{what:<14} {:>6} {p50:>9.2} {p99:>9.2} {max:>9.2}", v.len());
        if !matches!(*what, "popup keys" | "select" | "first search") {
            all.extend(v.iter().copied());
        }
    }
    let (p50, p99, max) = summary(&all);
    println!(
        "{:<14} {:>6} {p50:>9.2} {p99:>9.2} {max:>9.2}",
        "all changes",
        all.len()
    );
    println!(
        "indexes: {:.1} MB with the search index",
        app.index_bytes() as f64 / 1e6
    );
    println!(
        "\nRSS: {:.0} MB with the data built, {:.0} MB after App::with_columns ({:+.0} MB); \
         peak since the data was built {:.0} MB",
        mb(rss_data),
        mb(rss_app),
        mb(rss_app) - mb(rss_data),
        mb(status_kb("VmHWM"))
    );
    Ok(())
}
