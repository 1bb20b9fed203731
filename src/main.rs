//! The `liaison` command: a thin layer over the library that parses arguments, loads the
//! corpus and the knowledge files, and reports errors in a friendly way.
//!
//! Exit codes: 0 found, 1 nothing matched (with near matches), 2 bad usage or unreadable data.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use liaison::aliases::Aliases;
use liaison::cache::{CacheMode, Columns, Found, Loaded, load_dataset, load_who};
use liaison::columns::Index;
use liaison::config::{Config, config_dir, user_data_dir};
use liaison::corpus::{Corpus, CorpusSource};
use liaison::dates::PartialDate;
use liaison::eval;
use liaison::extract::extract_corpus_with;
use liaison::gazetteer::Gazetteer;
use liaison::model::Extraction;
use liaison::profile::{Dataset, Filter};
use liaison::views::{self, Style};
use liaison::{brief, output, timing, tui};

/// Security and police partnerships per country, extracted from news articles.
///
/// With no command, opens the dashboard on the current corpus (in a terminal; otherwise
/// prints the countries table). The corpus is `--data DIR`, else `$LIAISON_DATA`, else the
/// seed articles compiled into the binary.
#[derive(Parser, Debug)]
#[command(name = "liaison", version, about, long_about)]
struct Cli {
    /// Corpus folder, searched recursively for .txt and .md articles.
    #[arg(long, global = true, env = "LIAISON_DATA", value_name = "DIR")]
    data: Option<PathBuf>,

    /// Home country (code or name, e.g. MAR): partners are the other parties. Default: the
    /// `home` of the config file, else the country taking part in the most events.
    #[arg(long, global = true, value_name = "CODE")]
    home: Option<String>,

    /// Only events on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, global = true, value_name = "DATE")]
    since: Option<String>,

    /// Only events on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, global = true, value_name = "DATE")]
    until: Option<String>,

    /// Only these event kinds (comma-separated or repeated): agreement, meeting, visit,
    /// award, training, assistance, statement.
    #[arg(long, global = true, value_name = "KIND")]
    kind: Vec<String>,

    /// Only events naming one of these focus areas (comma-separated or repeated).
    #[arg(long, global = true, value_name = "AREA")]
    focus: Vec<String>,

    /// Print JSON for scripts instead of text.
    #[arg(long, global = true)]
    json: bool,

    /// Read and extract every article again, and write no cache.
    #[arg(long, global = true)]
    no_cache: bool,

    /// Keep the extraction cache in DIR instead of the platform's cache directory.
    #[arg(long, global = true, env = "LIAISON_CACHE_DIR", value_name = "DIR")]
    cache_dir: Option<PathBuf>,

    /// Keep the extraction cache in `.liaison-cache` inside the corpus folder (over
    /// `--cache-dir`).
    #[arg(long, global = true)]
    cache_in_corpus: bool,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// One row per partner: events by kind, last contact, top focus areas.
    Countries,
    /// The profile of one partner: agreements, timeline, counterparts, focus.
    Show {
        /// Country code, name, demonym or a prefix ("bel", "Belgian", "Türkiye").
        country: String,
    },
    /// Fuzzy search over officials by name, title or organisation.
    Who {
        /// Part of a name, a title or an organisation ("lerner", "bka", "federal police").
        query: String,
    },
    /// Write the Markdown briefing of one partner.
    Brief {
        /// Country code, name, demonym or a prefix.
        country: String,
        /// Output file (written atomically); default: standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Extract events from articles and print them (before merging across articles).
    Extract {
        /// Article files or folders; default: the current corpus.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Score extraction against gold event files.
    Eval {
        /// Folder of gold files (<article id>.json).
        #[arg(long, value_name = "DIR")]
        gold: PathBuf,
        /// Article files or folders; default: the current corpus.
        paths: Vec<PathBuf>,
    },
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    Man,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Format {
    Table,
    Json,
}

// Many small allocations (strings of events and officials) are made and freed when a dataset
// is built, loaded or dropped; mimalloc does that markedly faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// An error with the exit code it deserves.
struct Failure {
    code: u8,
    message: String,
    broken_pipe: bool,
}

impl<E: std::fmt::Display + 'static> From<E> for Failure {
    fn from(e: E) -> Failure {
        let broken_pipe = (&e as &dyn std::any::Any)
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || (&e as &dyn std::any::Any)
                .downcast_ref::<serde_json::Error>()
                .and_then(|j| j.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe);
        Failure {
            code: 2,
            message: e.to_string(),
            broken_pipe,
        }
    }
}

fn usage(message: String) -> Failure {
    Failure {
        code: 2,
        message,
        broken_pipe: false,
    }
}

fn not_found(message: String) -> Failure {
    Failure {
        code: 1,
        message,
        broken_pipe: false,
    }
}

fn main() -> ExitCode {
    timing::start();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `liaison countries | head`: the reader has all it wanted.
        Err(f) if f.broken_pipe => ExitCode::SUCCESS,
        Err(f) => {
            // Messages can quote user input and file contents: never raw to the terminal.
            let message = liaison::sanitize::sanitize_line(&f.message);
            let _ = writeln!(std::io::stderr(), "liaison: {message}");
            ExitCode::from(f.code)
        }
    }
}

fn source_for(paths: &[PathBuf], data: &Option<PathBuf>) -> CorpusSource {
    if !paths.is_empty() {
        CorpusSource::Paths(paths.to_vec())
    } else if let Some(d) = data {
        CorpusSource::Paths(vec![d.clone()])
    } else {
        CorpusSource::Embedded
    }
}

fn parse_date(flag: &str, v: &Option<String>) -> Result<Option<PartialDate>, Failure> {
    v.as_deref()
        .map(|s| PartialDate::parse(s.trim()).map_err(|e| usage(format!("--{flag}: {e}"))))
        .transpose()
}

fn style() -> Style {
    Style {
        color: std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    }
}

/// The table width: `COLUMNS` when set (shells set it; scripts can too), else the table
/// library asks the terminal itself, and does not wrap when stdout is a pipe.
fn terminal_width() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
}

fn print_json<T: serde::Serialize>(v: &T) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, v)?;
    writeln!(out)?;
    Ok(())
}

fn print(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    Ok(())
}

fn report_warnings(warnings: &[liaison::model::Warning]) {
    let mut err = std::io::stderr().lock();
    for w in warnings {
        let _ = writeln!(
            err,
            "warning: {}",
            liaison::sanitize::sanitize_line(&w.to_string())
        );
    }
}

/// The progress bar of long loads: on stderr, only when it is a terminal, and only once the
/// work has taken more than a second.
struct Progress {
    start: std::time::Instant,
    bar: indicatif::ProgressBar,
    shown: std::sync::atomic::AtomicBool,
    interactive: bool,
}

impl Progress {
    fn new() -> Progress {
        use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} articles {eta}") {
            bar.set_style(style);
        }
        Progress {
            start: std::time::Instant::now(),
            bar,
            shown: std::sync::atomic::AtomicBool::new(false),
            interactive: std::io::stderr().is_terminal(),
        }
    }

    /// Called from any thread as articles are done.
    fn update(&self, done: usize, total: usize) {
        use std::sync::atomic::Ordering;
        if self.interactive
            && !self.shown.load(Ordering::Relaxed)
            && self.start.elapsed().as_secs_f64() > 1.0
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        self.bar.set_length(total as u64);
        self.bar.set_position(done as u64);
    }

    /// Clears the bar and, when `summary` holds (articles, events, warnings), prints the
    /// summary line, with `how` in brackets when given.
    fn finish(&self, summary: Option<(usize, usize, usize)>, how: Option<&str>) {
        self.bar.finish_and_clear();
        let Some((articles, events, warnings)) = summary else {
            return;
        };
        let how = how.map(|h| format!(" ({h})")).unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "liaison: {articles} articles, {events} events, {warnings} warnings in {:.2} s{how}",
            self.start.elapsed().as_secs_f64()
        );
    }
}

/// Extracts a corpus on every core, with the progress bar and the summary line.
fn extract(gz: &Gazetteer, corpus: &Corpus, home: Option<&str>) -> Extraction {
    let progress = Progress::new();
    let total = corpus.articles.len();
    let x = extract_corpus_with(gz, corpus, home, &|done| progress.update(done, total));
    progress.finish(
        Some((x.articles.len(), x.events.len(), x.warnings.len())),
        None,
    );
    x
}

/// Loads the dataset through the cache, with the progress bar and (unless for the
/// dashboard) the summary line; cache problems are reported once on stderr and kept in the
/// warnings.
fn load(
    gz: &Gazetteer,
    aliases: &Aliases,
    source: &CorpusSource,
    home: Option<&str>,
    mode: &CacheMode,
    columns: Columns<'_>,
    who: Option<&str>,
) -> Result<(Loaded, Option<Found>), Failure> {
    let progress = Progress::new();
    let update = |done, total| progress.update(done, total);
    let (mut loaded, found) = match who {
        Some(query) => {
            load_who(gz, aliases, source, home, mode, query, &update).map(|(l, f)| (l, Some(f)))?
        }
        None => {
            let loaded = load_dataset(gz, aliases, source, home, mode, columns, &update)?;
            (loaded, None)
        }
    };
    // Only the dashboard loads this way (`countries` asks for the columns too).
    let dashboard = matches!(columns, Columns::Earlier(_));
    let mut err = std::io::stderr();
    for note in &loaded.notes {
        let _ = writeln!(err, "liaison: {}", liaison::sanitize::sanitize_line(note));
    }
    let how = provenance(&loaded);
    let summary = (!dashboard).then_some((
        loaded.counts.articles,
        loaded.counts.events,
        loaded.dataset.warnings.len(),
    ));
    progress.finish(summary, Some(&how));
    let notes = std::mem::take(&mut loaded.notes);
    keep_notes(&mut loaded.dataset, notes);
    Ok((loaded, found))
}

/// Where a loaded dataset came from, as the summary line says it: "all from cache", or how
/// many articles were extracted and how many taken from the cache.
fn provenance(loaded: &Loaded) -> String {
    if loaded.dataset_cached {
        "all from cache".to_owned()
    } else {
        format!(
            "{} extracted, {} from cache",
            loaded.extracted, loaded.reused
        )
    }
}

/// Cache problems, kept in the dataset's warnings (the dashboard lists them with `w`).
fn keep_notes(dataset: &mut Dataset, notes: Vec<String>) {
    dataset
        .warnings
        .extend(notes.into_iter().map(|message| liaison::model::Warning {
            article: "cache".into(),
            line: 0,
            message,
        }));
}

/// The dashboard's update when the cache gave it an earlier dataset (see
/// `Columns::Earlier`): the current dataset built through the cache as `load` builds it, but
/// silently (the screen is the dashboard's), its cache notes kept in its warnings, and its
/// columns built if the cache could not give them.
fn update_job(
    gz: &'static Gazetteer,
    aliases: Aliases,
    source: CorpusSource,
    home: Option<String>,
    mode: CacheMode,
) -> tui::Update {
    Box::new(move || {
        debug_update_gate();
        let loaded = load_dataset(
            gz,
            &aliases,
            &source,
            home.as_deref(),
            &mode,
            Columns::Wanted,
            &|_, _| {},
        )
        .map_err(|e| e.to_string())?;
        let how = provenance(&loaded);
        let Loaded {
            mut dataset,
            columns,
            notes,
            ..
        } = loaded;
        let columns = columns.unwrap_or_else(|| Index::new(&dataset, gz));
        let mut note = format!(
            "updated: {} articles, {} events ({how})",
            dataset.articles.len(),
            dataset.events.len()
        );
        if !notes.is_empty() {
            note.push_str(&format!(
                "; {} cache problems, listed with the warnings",
                notes.len()
            ));
        }
        keep_notes(&mut dataset, notes);
        Ok(tui::Updated {
            dataset,
            columns,
            note,
        })
    })
}

/// In debug builds, `LIAISON_DEBUG_UPDATE_GATE=FILE` holds the dashboard's update until FILE
/// exists (a minute at most), so that a test sees the earlier dataset on screen before the
/// current one replaces it; a FILE that says `panic` makes the update panic then, so that a
/// test sees the dashboard survive it.
fn debug_update_gate() {
    if !cfg!(debug_assertions) {
        return;
    }
    if let Some(gate) = std::env::var_os("LIAISON_DEBUG_UPDATE_GATE") {
        let gate = PathBuf::from(gate);
        for _ in 0..1200 {
            if gate.exists() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        if std::fs::read_to_string(&gate).is_ok_and(|s| s.trim() == "panic") {
            panic!("deliberate panic in the update (LIAISON_DEBUG_UPDATE_GATE)");
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match &cli.command {
        Some(Command::Completions { shell }) => {
            let mut cmd = Cli::command();
            clap_complete::generate(*shell, &mut cmd, "liaison", &mut std::io::stdout());
            return Ok(());
        }
        Some(Command::Man) => {
            let man = clap_mangen::Man::new(Cli::command());
            man.render(&mut std::io::stdout())?;
            return Ok(());
        }
        _ => {}
    }

    let config = Config::load()?;
    // Kept for the whole process: the dashboard's update (see `update_job`) runs on a thread
    // the process does not wait for.
    let gz: &'static Gazetteer = Box::leak(Box::new(Gazetteer::load(user_data_dir().as_deref())?));
    timing::phase("data files loaded");
    let home = match cli.home.as_deref().or(config.home.as_deref()) {
        Some(h) => Some(
            gz.lookup_country(h)
                .map(|c| c.code.clone())
                .ok_or_else(|| {
                    usage(format!(
                        "--home: unknown country `{h}` (expected an ISO code or a country name)"
                    ))
                })?,
        ),
        None => None,
    };
    let filter = Filter {
        since: parse_date("since", &cli.since)?,
        until: parse_date("until", &cli.until)?,
        kinds: views::parse_kinds(&cli.kind)
            .map_err(usage)?
            .into_iter()
            .collect(),
        focus: views::parse_focus(gz, &cli.focus)
            .map_err(usage)?
            .into_iter()
            .collect(),
    };

    // Commands that work on raw extraction.
    match &cli.command {
        Some(Command::Extract { paths, format }) => {
            let corpus = Corpus::load(&source_for(paths, &cli.data))?;
            let mut x = extract(gz, &corpus, home.as_deref());
            if !filter.is_empty() {
                x.events.retain(|e| filter.matches(e));
            }
            if cli.json || *format == Format::Json {
                print_json(&x)?;
            } else {
                print(&output::events_table(&x, terminal_width()))?;
                report_warnings(&x.warnings);
            }
            return Ok(());
        }
        Some(Command::Eval { gold, paths }) => {
            let gold = eval::load_gold(gold)?;
            let corpus = Corpus::load(&source_for(paths, &cli.data))?;
            let events = eval::extract_for_gold(gz, &corpus, &gold);
            let ids: Vec<String> = corpus.articles.iter().map(|a| a.meta.id.clone()).collect();
            let report = eval::evaluate(&gold, &events, &ids);
            if cli.json {
                print_json(&report)?;
            } else {
                print(&eval::render(&report))?;
                report_warnings(&corpus.warnings);
            }
            return Ok(());
        }
        _ => {}
    }

    let dashboard =
        cli.command.is_none() && std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    let aliases = Aliases::load(config_dir().map(|d| d.join("aliases.toml")).as_deref())?;
    let mode = if cli.no_cache {
        CacheMode::Off
    } else if cli.cache_in_corpus {
        CacheMode::InCorpus
    } else if let Some(d) = &cli.cache_dir {
        CacheMode::Dir(d.clone())
    } else {
        CacheMode::Platform
    };
    let query = match &cli.command {
        Some(Command::Who { query }) => Some(query.as_str()),
        _ => None,
    };
    let needs = |index: &Index| tui::App::first_frame_needs(index, &filter);
    let columns = if dashboard {
        Columns::Earlier(&needs)
    } else if matches!(cli.command, None | Some(Command::Countries)) {
        // Its rows are read off the columns.
        Columns::Only
    } else {
        Columns::Skip
    };
    let source = source_for(&[], &cli.data);
    let (loaded, found) = load(
        gz,
        &aliases,
        &source,
        home.as_deref(),
        &mode,
        columns,
        query,
    )?;
    let Loaded {
        dataset: ds,
        columns,
        rest,
        earlier,
        ..
    } = loaded;
    timing::phase("dataset ready");
    // Freeing a large dataset's many small allocations takes longer than building the output;
    // the process is about to end, so the commands below leave it to the system.
    let ds = std::mem::ManuallyDrop::new(ds);
    let style = style();

    match cli.command {
        None if dashboard => {
            let options = tui::TuiOptions {
                config_dir: config_dir(),
                filter,
                export_dir: PathBuf::from("."),
            };
            let update = earlier.then(|| update_job(gz, aliases, source, home, mode));
            tui::run(
                std::mem::ManuallyDrop::into_inner(ds),
                columns,
                rest,
                gz,
                options,
                update,
            )?;
            Ok(())
        }
        None | Some(Command::Countries) => {
            // Without the cache (`--no-cache`, the embedded corpus) there are no columns.
            let rows = match &columns {
                Some(index) => views::country_rows_from(index, &index.compile(&filter)),
                None => views::country_rows(&ds.profiles(gz, &filter)),
            };
            timing::phase("rows");
            if cli.json {
                print_json(&rows)?;
            } else if !rows.is_empty() {
                print(&views::countries_table(&rows, terminal_width()))?;
                report_warnings(&ds.warnings);
            }
            if rows.is_empty() {
                return Err(not_found(format!("no events match: {}", filter.describe())));
            }
            Ok(())
        }
        Some(Command::Show { country }) => {
            let code = resolve(&ds, gz, &country)?;
            let p = ds.profile(gz, &code, &filter);
            if cli.json {
                print_json(&views::profile_json(&ds, &p))?;
            } else {
                print(&views::profile_text(&ds, &p, style))?;
            }
            if p.total == 0 {
                return Err(not_found(format!(
                    "no events with {} match: {}",
                    p.name,
                    filter.describe()
                )));
            }
            Ok(())
        }
        Some(Command::Who { query }) => {
            let Found {
                people,
                near,
                numbers,
            } = found.unwrap_or_default();
            let found: Vec<usize> = people
                .into_iter()
                .filter(|&i| {
                    filter.is_empty()
                        || ds.people[i]
                            .events
                            .iter()
                            .any(|&e| filter.matches(&ds.events[e]))
                })
                .collect();
            if cli.json {
                let v: Vec<_> = found
                    .iter()
                    .map(|&i| views::person_json(&ds, &ds.people[i], numbers.as_deref()))
                    .collect();
                print_json(&v)?;
            } else {
                let text: Vec<String> = found
                    .iter()
                    .map(|&i| views::person_text(&ds, &ds.people[i], style))
                    .collect();
                print(&text.join("\n"))?;
            }
            if found.is_empty() {
                return Err(not_found(format!(
                    "no official matches `{query}`; near: {}",
                    near.join(", ")
                )));
            }
            Ok(())
        }
        Some(Command::Brief { country, output }) => {
            let code = resolve(&ds, gz, &country)?;
            match output {
                Some(path) => {
                    let written = brief::write_brief(&ds, gz, &code, &filter, &path)
                        .map_err(|e| usage(format!("{}: cannot write: {e}", path.display())))?;
                    let _ = writeln!(std::io::stderr(), "wrote {}", written.display());
                }
                None => print(&brief::brief_markdown(&ds, gz, &code, &filter))?,
            }
            Ok(())
        }
        Some(
            Command::Extract { .. }
            | Command::Eval { .. }
            | Command::Completions { .. }
            | Command::Man,
        ) => Ok(()),
    }
}

fn resolve(ds: &Dataset, gz: &Gazetteer, query: &str) -> Result<String, Failure> {
    views::resolve_partner(ds, gz, query).map_err(|near| {
        not_found(format!(
            "no partner matches `{}`; near: {}",
            liaison::sanitize::sanitize_line(query),
            near.join(", ")
        ))
    })
}
