//! The dashboard's part of `config.toml`: the theme and the `[keys]` table.
//!
//! ```toml
//! theme = "light"          # dark (default), light or monochrome
//! [keys]
//! quit = "x"
//! search = "ctrl-s"
//! ```
//!
//! The values are read with their positions (`toml::Spanned`), so a bad theme or key is
//! reported at its own line, like a syntax error. Other settings of the file (`home`) belong
//! to the command line, which checks them; this reader ignores them.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::keymap::Keymap;
use super::theme::{THEME_NAMES, Theme};
use crate::gazetteer::{DataError, line_col};
use crate::sanitize::sanitize_line;

#[derive(Debug, Default, Deserialize)]
struct Raw {
    #[serde(default)]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// What the configuration decides for the dashboard.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Settings {
    pub theme: Theme,
    pub keymap: Keymap,
}

impl Settings {
    /// Reads `config.toml` in `dir`; no folder or no file gives the defaults.
    pub fn load(dir: Option<&Path>) -> Result<Settings, DataError> {
        let Some(dir) = dir else {
            return Ok(Settings::default());
        };
        let path = dir.join("config.toml");
        let shown = sanitize_line(&path.display().to_string());
        match std::fs::read_to_string(&path) {
            Ok(text) => Settings::parse(&text, &shown),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(e) => Err(DataError {
                file: shown,
                line: 0,
                column: 0,
                message: format!("cannot read: {e}"),
            }),
        }
    }

    /// Parses the text of a configuration file named `file` in messages.
    pub fn parse(text: &str, file: &str) -> Result<Settings, DataError> {
        let at = |offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            DataError {
                file: file.to_owned(),
                line,
                column,
                message,
            }
        };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            at(offset, e.message().trim().to_owned())
        })?;
        let theme = match &raw.theme {
            None => Theme::default(),
            Some(name) => Theme::by_name(name.get_ref()).ok_or_else(|| {
                at(
                    name.span().start,
                    format!(
                        "unknown theme `{}` (expected one of: {})",
                        sanitize_line(name.get_ref()),
                        THEME_NAMES.join(", ")
                    ),
                )
            })?,
        };
        let overrides: Vec<(&str, &str)> = raw
            .keys
            .iter()
            .map(|(k, v)| (k.get_ref().as_str(), v.get_ref().as_str()))
            .collect();
        let keymap = Keymap::with_overrides(overrides).map_err(|e| {
            let entry = raw.keys.iter().find(|(k, _)| *k.get_ref() == e.name);
            let offset = match entry {
                Some((k, _)) if e.bad_name => k.span().start,
                Some((_, v)) => v.span().start,
                None => 0,
            };
            at(offset, format!("[keys]: {}", sanitize_line(&e.message)))
        })?;
        Ok(Settings { theme, keymap })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::Action;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    #[test]
    fn empty_and_missing_files_give_defaults() {
        assert_eq!(Settings::parse("", "c.toml").unwrap(), Settings::default());
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            Settings::load(Some(dir.path())).unwrap(),
            Settings::default()
        );
        assert_eq!(Settings::load(None).unwrap(), Settings::default());
    }

    #[test]
    fn theme_and_keys_are_read_and_other_settings_ignored() {
        let s = Settings::parse(
            "home = \"MAR\"\ntheme = \"light\"\n[keys]\nquit = \"x\"\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(s.theme.name, "light");
        let x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(s.keymap.lookup(&x), Some(Action::Quit));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = Settings::parse("home = \"MAR\"\ntheme = \"neon\"\n", "c.toml").unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("c.toml", 2));
        assert!(e.message.contains("unknown theme `neon`"), "{e}");
        let e =
            Settings::parse("[keys]\nquit = \"x\"\nsearch = \"hyper-q\"\n", "c.toml").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = Settings::parse("[keys]\n\nfrobnicate = \"x\"\n", "c.toml").unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("unknown action"), "{e}");
        let e = Settings::parse("[keys]\nquit = \"j\"\n", "c.toml").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = Settings::parse("theme = \n", "c.toml").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        let e = Settings::parse("theme = 3\n", "c.toml").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        assert!(e.to_string().starts_with("c.toml:1:"), "{e}");
    }
}
