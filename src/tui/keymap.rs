//! Key bindings: the defaults, the user's overrides from the `[keys]` table of `config.toml`,
//! and the translation of key events into [`Action`]s.
//!
//! Each bindable action has a name (`quit`, `search`, ...) and one primary key the user can
//! change, plus fixed alternatives that every terminal user expects to work whatever the
//! configuration (arrow keys, Home/End, PgUp/PgDn). Ctrl-C always quits and cannot be bound,
//! so that a broken configuration can never trap anyone.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Tab};

/// A key with its modifiers, normalised so that what a terminal sends and what a user writes
/// compare equal: a character carries its own case, so Shift is dropped from characters
/// (`G` is "shift-g"), and Shift-Tab is `BackTab`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code, mods }
    }

    pub fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    pub fn from_event(e: &KeyEvent) -> Key {
        Key::new(e.code, e.modifiers)
    }

    /// Parses "q", "G", "?", "ctrl-d", "alt-x", "shift-tab", "f5", "pgdn", "space", ...
    /// Names and modifiers ignore case; a single character is taken as written.
    pub fn parse(s: &str) -> Result<Key, String> {
        let raw = s.trim();
        if raw.is_empty() {
            return Err("empty key".to_owned());
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = raw;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            // "ctrl--" is Ctrl and the minus key; a bare "ctrl-" is an error below.
            if rest.len() == len {
                break;
            }
            mods |= m;
            rest = &rest[len..];
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if mods.contains(KeyModifiers::SHIFT) {
                    if c.is_ascii_alphabetic() {
                        KeyCode::Char(c.to_ascii_uppercase())
                    } else {
                        return Err(format!(
                            "`{raw}`: write the shifted character itself instead of shift-"
                        ));
                    }
                } else {
                    KeyCode::Char(c)
                }
            }
            _ => {
                let name = rest.to_ascii_lowercase();
                match name.as_str() {
                    "enter" | "return" => KeyCode::Enter,
                    "esc" | "escape" => KeyCode::Esc,
                    "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                    "tab" => KeyCode::Tab,
                    "backtab" => KeyCode::BackTab,
                    "space" => KeyCode::Char(' '),
                    "backspace" => KeyCode::Backspace,
                    "delete" | "del" => KeyCode::Delete,
                    "insert" | "ins" => KeyCode::Insert,
                    "up" => KeyCode::Up,
                    "down" => KeyCode::Down,
                    "left" => KeyCode::Left,
                    "right" => KeyCode::Right,
                    "home" => KeyCode::Home,
                    "end" => KeyCode::End,
                    "pageup" | "pgup" => KeyCode::PageUp,
                    "pagedown" | "pgdn" => KeyCode::PageDown,
                    f if f.starts_with('f') => match f[1..].parse::<u8>() {
                        Ok(n) if (1..=12).contains(&n) => KeyCode::F(n),
                        _ => return Err(format!("`{raw}`: unknown key name")),
                    },
                    _ => {
                        return Err(format!(
                            "`{raw}`: unknown key (expected a character, or a name such as \
                             enter, esc, tab, space, up, pgdn, f5, with ctrl-, alt- or shift-)"
                        ));
                    }
                }
            }
        };
        let key = Key::new(code, mods);
        if key == ctrl_c() {
            return Err("ctrl-c always quits and cannot be bound".to_owned());
        }
        Ok(key)
    }

    /// How the help and the hint bar write the key.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::BackTab => "Shift-Tab".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::Delete => "Del".to_owned(),
            KeyCode::Insert => "Ins".to_owned(),
            KeyCode::Up => "↑".to_owned(),
            KeyCode::Down => "↓".to_owned(),
            KeyCode::Left => "←".to_owned(),
            KeyCode::Right => "→".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::PageUp => "PgUp".to_owned(),
            KeyCode::PageDown => "PgDn".to_owned(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        out.push_str(&base);
        out
    }
}

/// Ctrl-C, which raw mode delivers as a key instead of a signal.
pub fn ctrl_c() -> Key {
    Key::new(KeyCode::Char('c'), KeyModifiers::CONTROL)
}

/// Where an action is listed in the help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Move,
    Panes,
    Filters,
    Items,
    General,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::Move,
        Group::Panes,
        Group::Filters,
        Group::Items,
        Group::General,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Group::Move => "Moving",
            Group::Panes => "Panes and tabs",
            Group::Filters => "Filters and order",
            Group::Items => "The selected item",
            Group::General => "General",
        }
    }
}

/// One bindable action as shipped.
struct Def {
    name: &'static str,
    action: Action,
    key: &'static str,
    fixed: &'static [&'static str],
    help: &'static str,
    group: Group,
}

#[rustfmt::skip]
const DEFS: &[Def] = &[
    Def { name: "up", action: Action::Up, key: "k", fixed: &["up"], help: "previous row (scroll up in text)", group: Group::Move },
    Def { name: "down", action: Action::Down, key: "j", fixed: &["down"], help: "next row (scroll down in text)", group: Group::Move },
    Def { name: "top", action: Action::Top, key: "g", fixed: &["home"], help: "first row", group: Group::Move },
    Def { name: "bottom", action: Action::Bottom, key: "G", fixed: &["end"], help: "last row", group: Group::Move },
    Def { name: "half_page_down", action: Action::HalfPageDown, key: "ctrl-d", fixed: &[], help: "half a page down", group: Group::Move },
    Def { name: "half_page_up", action: Action::HalfPageUp, key: "ctrl-u", fixed: &[], help: "half a page up", group: Group::Move },
    Def { name: "page_down", action: Action::PageDown, key: "ctrl-f", fixed: &["pgdn"], help: "a page down", group: Group::Move },
    Def { name: "page_up", action: Action::PageUp, key: "ctrl-b", fixed: &["pgup"], help: "a page up", group: Group::Move },
    Def { name: "next_pane", action: Action::NextPane, key: "tab", fixed: &[], help: "other pane (next field in a form)", group: Group::Panes },
    Def { name: "prev_pane", action: Action::PrevPane, key: "shift-tab", fixed: &[], help: "other pane (previous field in a form)", group: Group::Panes },
    Def { name: "left", action: Action::Left, key: "h", fixed: &["left"], help: "country list; evidence: previous source", group: Group::Panes },
    Def { name: "right", action: Action::Right, key: "l", fixed: &["right"], help: "detail pane; evidence: next source", group: Group::Panes },
    Def { name: "tab_overview", action: Action::ShowTab(Tab::Overview), key: "1", fixed: &[], help: "Overview tab", group: Group::Panes },
    Def { name: "tab_agreements", action: Action::ShowTab(Tab::Agreements), key: "2", fixed: &[], help: "Agreements tab", group: Group::Panes },
    Def { name: "tab_meetings", action: Action::ShowTab(Tab::Meetings), key: "3", fixed: &[], help: "Meetings & visits tab", group: Group::Panes },
    Def { name: "tab_counterparts", action: Action::ShowTab(Tab::Counterparts), key: "4", fixed: &[], help: "Counterparts tab", group: Group::Panes },
    Def { name: "tab_focus", action: Action::ShowTab(Tab::Focus), key: "5", fixed: &[], help: "Focus tab", group: Group::Panes },
    Def { name: "tab_sources", action: Action::ShowTab(Tab::Sources), key: "6", fixed: &[], help: "Sources tab", group: Group::Panes },
    Def { name: "next_tab", action: Action::NextTab, key: "]", fixed: &[], help: "next tab", group: Group::Panes },
    Def { name: "prev_tab", action: Action::PrevTab, key: "[", fixed: &[], help: "previous tab", group: Group::Panes },
    Def { name: "search", action: Action::Search, key: "/", fixed: &[], help: "search countries, officials, organisations", group: Group::Filters },
    Def { name: "filter_focus", action: Action::FilterFocus, key: "f", fixed: &[], help: "focus-area filter", group: Group::Filters },
    Def { name: "filter_kind", action: Action::FilterKind, key: "t", fixed: &[], help: "event-kind filter", group: Group::Filters },
    Def { name: "filter_dates", action: Action::FilterDates, key: "d", fixed: &[], help: "date range", group: Group::Filters },
    Def { name: "sort", action: Action::Sort, key: "s", fixed: &[], help: "sort countries: activity, last contact, name", group: Group::Filters },
    Def { name: "back", action: Action::Back, key: "esc", fixed: &[], help: "close; else clear the filters; else back", group: Group::Filters },
    Def { name: "open", action: Action::Open, key: "enter", fixed: &[], help: "open: the country, the evidence; apply a form", group: Group::Items },
    Def { name: "toggle", action: Action::Toggle, key: "space", fixed: &[], help: "tick an item in a filter picker", group: Group::Items },
    Def { name: "copy", action: Action::Copy, key: "y", fixed: &[], help: "copy the selected item as text (OSC 52)", group: Group::Items },
    Def { name: "export", action: Action::Export, key: "e", fixed: &[], help: "write the Markdown briefing of the country", group: Group::Items },
    Def { name: "warnings", action: Action::Warnings, key: "w", fixed: &[], help: "articles that could not be read", group: Group::General },
    Def { name: "help", action: Action::Help, key: "?", fixed: &[], help: "this help", group: Group::General },
    Def { name: "quit", action: Action::Quit, key: "q", fixed: &[], help: "quit (Ctrl-C too)", group: Group::General },
];

/// The names `[keys]` accepts, in help order.
pub fn action_names() -> impl Iterator<Item = &'static str> {
    DEFS.iter().map(|d| d.name)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Binding {
    pub name: &'static str,
    pub action: Action,
    /// The configurable key first, then the fixed alternatives.
    pub keys: Vec<Key>,
    pub help: &'static str,
    pub group: Group,
}

/// Why an override was refused, and which entry to blame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeymapError {
    /// The action name of the offending `[keys]` entry.
    pub name: String,
    /// True when the name itself is wrong, false when its key is.
    pub bad_name: bool,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        let bindings = DEFS
            .iter()
            .map(|d| Binding {
                name: d.name,
                action: d.action,
                keys: std::iter::once(d.key)
                    .chain(d.fixed.iter().copied())
                    .filter_map(|k| Key::parse(k).ok())
                    .collect(),
                help: d.help,
                group: d.group,
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The defaults with the primary key of each named action replaced. Refuses unknown
    /// names, unreadable keys, and a key that would end up on two actions (naming both).
    pub fn with_overrides<'a>(
        overrides: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::default();
        let overrides: Vec<(&str, &str)> = overrides.into_iter().collect();
        for &(name, key) in &overrides {
            let Some(pos) = map.bindings.iter().position(|b| b.name == name) else {
                let known: Vec<&str> = action_names().collect();
                return Err(KeymapError {
                    name: name.to_owned(),
                    bad_name: true,
                    message: format!("unknown action `{name}` (known: {})", known.join(", ")),
                });
            };
            let parsed = Key::parse(key).map_err(|message| KeymapError {
                name: name.to_owned(),
                bad_name: false,
                message,
            })?;
            let keys = &mut map.bindings[pos].keys;
            match keys.first_mut() {
                Some(k) => *k = parsed,
                None => keys.push(parsed),
            }
        }
        for &(name, _) in &overrides {
            let Some(b) = map.bindings.iter().find(|b| b.name == name) else {
                continue;
            };
            let Some(&key) = b.keys.first() else {
                continue;
            };
            if let Some(other) = map
                .bindings
                .iter()
                .find(|o| o.name != name && o.keys.contains(&key))
            {
                return Err(KeymapError {
                    name: name.to_owned(),
                    bad_name: false,
                    message: format!(
                        "`{}` is already the key of `{}`; give that action another key too",
                        key.label(),
                        other.name
                    ),
                });
            }
        }
        Ok(map)
    }

    pub fn lookup(&self, key: &KeyEvent) -> Option<Action> {
        let k = Key::from_event(key);
        self.bindings
            .iter()
            .find(|b| b.keys.contains(&k))
            .map(|b| b.action)
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The label of the primary key of an action ("?" for help), for hints.
    pub fn label(&self, action: Action) -> String {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first())
            .map(Key::label)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn parses_names_modifiers_and_case() {
        assert_eq!(Key::parse("q").unwrap(), Key::plain(KeyCode::Char('q')));
        assert_eq!(Key::parse("G").unwrap(), Key::parse("shift-g").unwrap());
        assert_eq!(
            Key::parse("Ctrl-D").unwrap(),
            Key::new(KeyCode::Char('D'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            Key::parse("ctrl-d").unwrap(),
            Key::new(KeyCode::Char('d'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            Key::parse("shift-tab").unwrap(),
            Key::plain(KeyCode::BackTab)
        );
        assert_eq!(Key::parse("F5").unwrap(), Key::plain(KeyCode::F(5)));
        assert_eq!(Key::parse("pgdn").unwrap(), Key::plain(KeyCode::PageDown));
        assert_eq!(Key::parse("space").unwrap(), Key::plain(KeyCode::Char(' ')));
        assert_eq!(
            Key::parse("ctrl--").unwrap(),
            Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
        assert!(Key::parse("").is_err());
        assert!(Key::parse("f13").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("shift-1").is_err());
        assert!(Key::parse("ctrl-c").is_err());
        assert_eq!(Key::parse("ctrl-d").unwrap().label(), "Ctrl-d");
    }

    #[test]
    fn terminal_events_match_written_keys() {
        let map = Keymap::default();
        assert_eq!(
            map.lookup(&ev(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            map.lookup(&ev(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPane)
        );
        assert_eq!(
            map.lookup(&ev(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            map.lookup(&ev(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            map.lookup(&ev(KeyCode::Char('z'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn overrides_replace_the_primary_key_and_refuse_clashes() {
        let map = Keymap::with_overrides([("quit", "x"), ("search", "ctrl-s")]).unwrap();
        assert_eq!(
            map.lookup(&ev(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(
            map.lookup(&ev(KeyCode::Char('q'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(map.label(Action::Search), "Ctrl-s");
        // The arrows stay when the vim key moves.
        let map = Keymap::with_overrides([("down", "n")]).unwrap();
        assert_eq!(
            map.lookup(&ev(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );

        let e = Keymap::with_overrides([("quit", "j")]).unwrap_err();
        assert!(e.message.contains("`down`"), "{e:?}");
        assert!(!e.bad_name);
        let e = Keymap::with_overrides([("qiut", "x")]).unwrap_err();
        assert!(e.bad_name && e.message.contains("unknown action `qiut`"));
        // Swapping two keys is fine when both are given.
        assert!(Keymap::with_overrides([("quit", "j"), ("down", "q")]).is_ok());
    }
}
