//! Where liaison looks for the user's own files, and the optional configuration file.
//!
//! The configuration folder is `$LIAISON_CONFIG_DIR` if set, else the platform's config
//! folder plus `liaison` (`~/.config/liaison` on Linux). In it:
//! - `config.toml`: settings, all optional: `home = "MAR"`, `theme = "light"`, and a `[keys]`
//!   table of dashboard key bindings;
//! - `data/`: extra data files with the same names as the built-in ones (`countries.toml`,
//!   `agencies.toml`, `organisations.toml`, `titles.toml`, `triggers.toml`, `focus.toml`),
//!   whose entries are added to the built-in ones.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::gazetteer::{DataError, parse, read_optional};

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The home country (ISO alpha-3) partners are relative to.
    #[serde(default)]
    pub home: Option<String>,
    /// The dashboard's theme: dark, light or monochrome.
    #[serde(default)]
    pub theme: Option<String>,
    /// Dashboard key bindings: action name → key ("quit" = "q", "page_down" = "ctrl-d").
    #[serde(default)]
    pub keys: std::collections::BTreeMap<String, String>,
}

/// The configuration folder, if one can be determined (there may be no `HOME`).
pub fn config_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("LIAISON_CONFIG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    dirs::config_dir().map(|d| d.join("liaison"))
}

/// The folder of the user's extra data files.
pub fn user_data_dir() -> Option<PathBuf> {
    config_dir().map(|d| d.join("data"))
}

impl Config {
    /// Reads `config.toml` from the configuration folder; a missing file is an empty config.
    pub fn load() -> Result<Config, DataError> {
        match config_dir() {
            Some(d) => Config::load_from(&d.join("config.toml")),
            None => Ok(Config::default()),
        }
    }

    pub fn load_from(path: &Path) -> Result<Config, DataError> {
        match read_optional(path)? {
            None => Ok(Config::default()),
            Some((shown, text)) => parse(&shown, &text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_config_is_empty_and_bad_one_names_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.toml");
        assert!(Config::load_from(&p).unwrap().home.is_none());
        std::fs::write(&p, "# settings\nhome = \"MAR\"\ncolour = 3\n").unwrap();
        let e = Config::load_from(&p).unwrap_err();
        assert_eq!(e.line, 3);
        std::fs::write(
            &p,
            "home = \"FRA\"\ntheme = \"light\"\n[keys]\nquit = \"x\"\n",
        )
        .unwrap();
        let c = Config::load_from(&p).unwrap();
        assert_eq!(c.home.as_deref(), Some("FRA"));
        assert_eq!(c.theme.as_deref(), Some("light"));
        assert_eq!(c.keys["quit"], "x");
    }
}
