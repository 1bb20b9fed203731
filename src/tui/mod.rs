//! The dashboard: `liaison` with no command, in a terminal.
//!
//! A country list and a detail pane with six tabs (Overview, Agreements, Meetings & visits,
//! Counterparts, Focus, Sources), a filter bar and a key-hint bar, with popups for search,
//! filters, dates, evidence, help and warnings. Built the way the best terminal tools are
//! (see `STYLE.md`):
//!
//! - one [`Action`] enum between input and state; a [`Keymap`] turns keys into actions, with
//!   the user's overrides from `config.toml`;
//! - [`App`] holds the state and changes only in [`App::apply`]; columns over the dataset are
//!   built once (`index`), what depends on the filter is recomputed from them when the
//!   filter changes, never per frame, and the full profile only for the selected country;
//! - [`draw`] is a pure function of the state, tested by rendering into ratatui's
//!   `TestBackend`;
//! - the terminal runtime (raw mode, signals, panic hook, clipboard) is in `term`, the one
//!   part that touches the outside world.

mod action;
mod app;
mod keymap;
mod layout;
mod search;
mod settings;
mod term;
mod text;
mod theme;
mod ui;

use std::path::PathBuf;

pub use action::{Action, Effect, Tab};
pub use app::{
    App, AppConfig, DateFocus, Dates, Evidence, Field, Message, Pane, PartnerExtra, PickItem,
    Picker, PickerKind, Popup, Preset, Row, Scroll, SearchPopup, Sort, SourceRow, View,
};
pub use keymap::{Key, Keymap, action_names};
pub use layout::{MIN_HEIGHT, MIN_WIDTH};
pub use search::{Hit, Item, ItemKind, MAX_HITS};
pub use settings::Settings;
pub use theme::{THEME_NAMES, Theme};
pub use ui::draw;

use crate::gazetteer::{DataError, Gazetteer};
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
    /// A bad `theme` or `[keys]` entry in `config.toml`, with its file and line; reported
    /// before the terminal is touched.
    #[error("{0}")]
    Config(#[from] DataError),
    /// The rest of a cached dataset could not be read after the first frame.
    #[error("{0}")]
    Dataset(String),
}

/// The current dataset, built on another thread while the dashboard shows an earlier one
/// (see [`crate::cache::Columns::Earlier`]): what the build gives, or why it failed, in
/// words for the status line.
pub type Update = Box<dyn FnOnce() -> Result<Updated, String> + Send>;

/// What an [`Update`] built.
pub struct Updated {
    pub dataset: Dataset,
    /// The columns over `dataset`.
    pub columns: crate::columns::Index,
    /// What the status line says once it is shown ("updated: ...").
    pub note: String,
}

/// `NO_COLOR` set to anything but the empty string turns colour off (no-color.org).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Runs the dashboard on `dataset` until the user quits; `columns` are the columns over it
/// the cache kept (see [`crate::cache::Columns::Wanted`]), else they are built. With `rest`
/// (see [`crate::cache::Columns::FirstFrame`]), `dataset` holds what the first frame needs,
/// and the rest is read into it as soon as that frame is drawn, before any key is handled;
/// if that fails, the terminal is restored and the error returned. The configuration is
/// read first, so a bad `config.toml` is an error before the screen changes. On SIGTERM,
/// SIGHUP or SIGINT the terminal is restored and the process then ends as that signal
/// would have ended it. With `update`, `dataset` is an earlier one: the header says
/// "updating…" until the update, run on another thread once the rest of the dataset is
/// read, replaces it (see [`App::replace_data`]); quitting meanwhile abandons the update.
pub fn run(
    dataset: Dataset,
    columns: Option<crate::columns::Index>,
    rest: Option<crate::cache::Rest>,
    gz: &Gazetteer,
    options: TuiOptions,
    update: Option<Update>,
) -> Result<(), TuiError> {
    let mut settings = Settings::load(options.config_dir.as_deref())?;
    if no_color() {
        settings.theme = Theme::monochrome();
    }
    crate::timing::phase("dashboard starting");
    let mut app = App::with_columns(
        dataset,
        columns,
        gz,
        AppConfig {
            filter: options.filter,
            keymap: settings.keymap,
            theme: settings.theme,
            today: chrono::Local::now().date_naive(),
        },
    );
    crate::timing::phase("dashboard state ready");
    if let Some(sig) = term::run(&mut app, rest, update, &options.export_dir)? {
        term::die_by(sig);
    }
    Ok(())
}
