//! Colours and emphasis, in one place so that a theme is a value the drawing code reads.
//!
//! Every theme keeps the selection visible without colour: the selected row carries a marker
//! and reverse video, and the monochrome theme (chosen by `theme = "monochrome"` or by
//! `NO_COLOR`) uses only bold, underline, dim and reverse.

use ratatui::style::{Color, Modifier, Style};

/// The themes a user can name in `config.toml`.
pub const THEME_NAMES: [&str; 3] = ["dark", "light", "monochrome"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub name: &'static str,
    /// Text in general.
    pub base: Style,
    /// Labels, hints, secondary text.
    pub dim: Style,
    pub border: Style,
    /// The border of the pane that has the keyboard.
    pub border_focus: Style,
    pub title: Style,
    /// Column headers of tables.
    pub header: Style,
    /// The selected row of the focused pane.
    pub selected: Style,
    /// The selected row of a pane without the keyboard: still visible, quieter.
    pub selected_idle: Style,
    /// The marker in front of a selected row: "▶" with colour, ">" without.
    pub marker: &'static str,
    pub tab: Style,
    pub tab_active: Style,
    /// Matched words in evidence and search results.
    pub highlight: Style,
    pub accent: Style,
    pub bar: Style,
    pub planned: Style,
    pub warning: Style,
    pub error: Style,
    /// The header and hint bars.
    pub bar_bg: Style,
    pub key: Style,
    pub popup_border: Style,
}

impl Theme {
    pub fn by_name(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            "monochrome" => Some(Theme::monochrome()),
            _ => None,
        }
    }

    /// For dark terminal backgrounds; uses the terminal's own background.
    pub fn dark() -> Theme {
        Theme {
            name: "dark",
            base: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            selected_idle: Style::new().bg(Color::DarkGray).fg(Color::White),
            marker: "▶",
            tab: Style::new().fg(Color::Gray),
            tab_active: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            highlight: Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            accent: Style::new().fg(Color::Cyan),
            bar: Style::new().fg(Color::Green),
            planned: Style::new().fg(Color::Magenta),
            warning: Style::new().fg(Color::Yellow),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            bar_bg: Style::new().bg(Color::Indexed(236)).fg(Color::Gray),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            popup_border: Style::new().fg(Color::Yellow),
        }
    }

    /// For light backgrounds: darker hues, no yellow text.
    pub fn light() -> Theme {
        Theme {
            name: "light",
            base: Style::new(),
            // Bright black: the grey that stays readable on white.
            dim: Style::new().fg(Color::DarkGray),
            border: Style::new().fg(Color::Gray),
            border_focus: Style::new().fg(Color::Blue),
            title: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            header: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            selected: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            selected_idle: Style::new().bg(Color::Indexed(252)).fg(Color::Black),
            marker: "▶",
            tab: Style::new().fg(Color::Black),
            tab_active: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            highlight: Style::new()
                .fg(Color::Red)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            accent: Style::new().fg(Color::Blue),
            bar: Style::new().fg(Color::Green),
            planned: Style::new().fg(Color::Magenta),
            warning: Style::new().fg(Color::Red),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            bar_bg: Style::new().bg(Color::Indexed(254)).fg(Color::Black),
            key: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            popup_border: Style::new().fg(Color::Magenta),
        }
    }

    /// No colour at all (`NO_COLOR`, or terminals that have none): emphasis by modifiers only.
    pub fn monochrome() -> Theme {
        let plain = Style::new();
        Theme {
            name: "monochrome",
            base: plain,
            dim: plain.add_modifier(Modifier::DIM),
            border: plain,
            border_focus: plain.add_modifier(Modifier::BOLD),
            title: plain.add_modifier(Modifier::BOLD),
            header: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_idle: plain.add_modifier(Modifier::UNDERLINED),
            marker: ">",
            tab: plain,
            tab_active: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            highlight: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            accent: plain.add_modifier(Modifier::BOLD),
            bar: plain,
            planned: plain.add_modifier(Modifier::ITALIC),
            warning: plain.add_modifier(Modifier::BOLD),
            error: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            bar_bg: plain.add_modifier(Modifier::REVERSED),
            key: plain.add_modifier(Modifier::BOLD),
            popup_border: plain.add_modifier(Modifier::BOLD),
        }
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::dark()
    }
}
