//! The `liaison` command: a thin layer over the library that parses arguments, loads the
//! corpus and the knowledge files, and reports errors in a friendly way.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use liaison::config::{Config, user_data_dir};
use liaison::corpus::{Corpus, CorpusSource};
use liaison::eval;
use liaison::extract::extract_corpus;
use liaison::gazetteer::Gazetteer;
use liaison::output;

/// Security and police partnerships per country, extracted from news articles.
///
/// With no command, prints the events of the current corpus (the dashboard arrives with a
/// later release). The corpus is `--data DIR`, else `$LIAISON_DATA`, else the seed articles
/// compiled into the binary.
#[derive(Parser, Debug)]
#[command(name = "liaison", version, about, long_about)]
struct Cli {
    /// Corpus folder, searched recursively for .txt and .md articles.
    #[arg(long, global = true, env = "LIAISON_DATA", value_name = "DIR")]
    data: Option<PathBuf>,

    /// Home country (ISO alpha-3, e.g. MAR): partners are the other parties. Default: the
    /// `home` of the config file, else the country taking part in the most events.
    #[arg(long, global = true, value_name = "CODE")]
    home: Option<String>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract events from articles and print them.
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
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum Format {
    Table,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "liaison: {e}");
            ExitCode::from(2)
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

fn run(cli: Cli) -> Result<ExitCode, Box<dyn std::error::Error>> {
    let config = Config::load()?;
    let gz = Gazetteer::load(user_data_dir().as_deref())?;
    let home = match cli.home.as_deref().or(config.home.as_deref()) {
        Some(h) => Some(
            gz.lookup_country(h)
                .map(|c| c.code.clone())
                .ok_or_else(|| {
                    format!(
                        "--home: unknown country `{h}` (expected an ISO code or a country name)"
                    )
                })?,
        ),
        None => None,
    };
    let command = cli.command.unwrap_or(Command::Extract {
        paths: vec![],
        format: Format::Table,
    });
    match command {
        Command::Extract { paths, format } => {
            let corpus = Corpus::load(&source_for(&paths, &cli.data))?;
            let x = extract_corpus(&gz, &corpus, home.as_deref());
            let mut out = std::io::stdout().lock();
            match format {
                Format::Json => {
                    serde_json::to_writer_pretty(&mut out, &x)?;
                    writeln!(out)?;
                }
                Format::Table => {
                    let width = terminal_width();
                    write!(out, "{}", output::events_table(&x, width))?;
                    report_warnings(&x.warnings);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { gold, paths, json } => {
            let gold = eval::load_gold(&gold)?;
            let corpus = Corpus::load(&source_for(&paths, &cli.data))?;
            let events = eval::extract_for_gold(&gz, &corpus, &gold);
            let ids: Vec<String> = corpus.articles.iter().map(|a| a.meta.id.clone()).collect();
            let report = eval::evaluate(&gold, &events, &ids);
            let mut out = std::io::stdout().lock();
            if json {
                serde_json::to_writer_pretty(&mut out, &report)?;
                writeln!(out)?;
            } else {
                write!(out, "{}", eval::render(&report))?;
                report_warnings(&corpus.warnings);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn report_warnings(warnings: &[liaison::model::Warning]) {
    let mut err = std::io::stderr().lock();
    for w in warnings {
        let _ = writeln!(err, "warning: {w}");
    }
}

/// An explicit width from `COLUMNS`, when stdout is a terminal; otherwise the table
/// library asks the terminal itself (and does not wrap when stdout is a pipe).
fn terminal_width() -> Option<u16> {
    if !std::io::stdout().is_terminal() {
        return None;
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok())
}
