//! The one vocabulary between input and state: every key, click and resize becomes an
//! [`Action`], and only [`crate::tui::App::apply`] changes state from actions. Tests inject
//! actions directly, so the whole dashboard can be driven without a terminal.

use tui_input::InputRequest;

/// The detail tabs, in the order of the number keys 1–6.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tab {
    #[default]
    Overview,
    Agreements,
    Meetings,
    Counterparts,
    Focus,
    Sources,
}

impl Tab {
    pub const ALL: [Tab; 6] = [
        Tab::Overview,
        Tab::Agreements,
        Tab::Meetings,
        Tab::Counterparts,
        Tab::Focus,
        Tab::Sources,
    ];

    pub fn index(self) -> usize {
        match self {
            Tab::Overview => 0,
            Tab::Agreements => 1,
            Tab::Meetings => 2,
            Tab::Counterparts => 3,
            Tab::Focus => 4,
            Tab::Sources => 5,
        }
    }

    /// The full label, a shorter one, and an abbreviation, for ever narrower panes.
    pub fn labels(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Tab::Overview => ("Overview", "Overview", "Ovw"),
            Tab::Agreements => ("Agreements", "Agreements", "Agr"),
            Tab::Meetings => ("Meetings & visits", "Meetings", "Mtg"),
            Tab::Counterparts => ("Counterparts", "People", "Ppl"),
            Tab::Focus => ("Focus", "Focus", "Foc"),
            Tab::Sources => ("Sources", "Sources", "Src"),
        }
    }

    pub fn next(self) -> Tab {
        Tab::ALL[(self.index() + 1) % Tab::ALL.len()]
    }

    pub fn prev(self) -> Tab {
        Tab::ALL[(self.index() + Tab::ALL.len() - 1) % Tab::ALL.len()]
    }
}

/// Something the user asked for. Copy, so keymaps and tests can hold them freely.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Search,
    Up,
    Down,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    /// Tab: the other pane (or the next field of a form).
    NextPane,
    PrevPane,
    /// h/←: the country list; in the evidence view, the previous source.
    Left,
    /// l/→: the detail pane; in the evidence view, the next source.
    Right,
    ShowTab(Tab),
    NextTab,
    PrevTab,
    /// Enter: drill in, open the evidence, apply a popup.
    Open,
    /// Esc: close a popup, else clear the filters, else back to the list.
    Back,
    /// Space: tick an item of a filter picker.
    Toggle,
    FilterFocus,
    FilterKind,
    FilterDates,
    Sort,
    Copy,
    Export,
    Warnings,
    /// Editing of the text field that has the keyboard.
    Edit(InputRequest),
    Click {
        column: u16,
        row: u16,
    },
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
}

/// What `apply` asks the runtime to do: the things that touch the outside world.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    Quit,
    /// Put this plain text on the clipboard (OSC 52).
    Copy(String),
    /// Write the briefing of this partner code.
    Export(String),
}
