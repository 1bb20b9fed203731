//! The dashboard (issue 4). Placeholder entry point replaced by the dashboard itself.

use std::path::PathBuf;

use crate::gazetteer::Gazetteer;
use crate::profile::{Dataset, Filter};

/// What the command line hands the dashboard.
#[derive(Clone, Debug, Default)]
pub struct TuiOptions {
    /// The configuration folder (`config.toml` with `[keys]` and `theme`), if any.
    pub config_dir: Option<PathBuf>,
    /// Filters given on the command line (`--since`, `--kind`, ...), applied at start.
    pub filter: Filter,
    /// Where `e` writes briefings (default: the current folder).
    pub export_dir: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("terminal error: {0}")]
    Io(#[from] std::io::Error),
}

/// Runs the dashboard until the user quits.
pub fn run(_dataset: Dataset, _gz: &Gazetteer, _options: TuiOptions) -> Result<(), TuiError> {
    Err(TuiError::Io(std::io::Error::other(
        "the dashboard is not built yet",
    )))
}
