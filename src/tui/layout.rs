//! Screen geometry, shared by drawing and by mouse handling: a click is mapped to a row with
//! the same rectangles the row was drawn in, so the two can never disagree.

use ratatui::layout::Rect;

use super::action::Tab;
use super::text::width;

/// Below this the dashboard shows only a "terminal too small" message: the list, the detail
/// pane and the two bars need about this much to show anything useful.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The main screen's parts. Row areas exclude borders and table headers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Regions {
    pub header: Rect,
    /// The country list, with its border.
    pub list: Rect,
    pub list_head: Rect,
    pub list_rows: Rect,
    /// The detail pane, with its border.
    pub detail: Rect,
    pub tabs: Rect,
    /// Everything under the tab bar.
    pub body: Rect,
    pub body_head: Rect,
    pub body_rows: Rect,
    pub filter: Rect,
    pub hints: Rect,
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// The inside of a bordered rectangle.
pub fn inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// `r` without its first `n` rows.
fn below(r: Rect, n: u16) -> Rect {
    let n = n.min(r.height);
    Rect {
        y: r.y + n,
        height: r.height - n,
        ..r
    }
}

fn row(r: Rect, i: u16) -> Rect {
    if i >= r.height {
        return Rect { height: 0, ..r };
    }
    Rect {
        y: r.y + i,
        height: 1,
        ..r
    }
}

pub fn regions(area: Rect) -> Regions {
    let header = row(area, 0);
    let hints = if area.height >= 2 {
        row(area, area.height - 1)
    } else {
        Rect::default()
    };
    let filter = if area.height >= 3 {
        row(area, area.height - 2)
    } else {
        Rect::default()
    };
    let main = Rect {
        y: area.y.saturating_add(1),
        height: area.height.saturating_sub(3),
        ..area
    };
    let list_w = (u32::from(area.width) * 34 / 100).clamp(30, 48) as u16;
    let list_w = list_w.min(area.width);
    let list = Rect {
        width: list_w,
        ..main
    };
    let detail = Rect {
        x: main.x + list_w,
        width: main.width - list_w,
        ..main
    };
    let li = inner(list);
    let di = inner(detail);
    let body = below(di, 1);
    Regions {
        header,
        list,
        list_head: row(li, 0),
        list_rows: below(li, 1),
        detail,
        tabs: row(di, 0),
        body,
        body_head: row(body, 0),
        body_rows: below(body, 1),
        filter,
        hints,
    }
}

/// The tab bar: each tab's label and its columns from the bar's left edge. Full labels when
/// they fit, then short ones, then only the active tab named. The active tab is written
/// "[2 Agreements]" so it shows without colour; the others " 3 Meetings".
pub fn tab_labels(bar_width: u16, active: Tab) -> Vec<(Tab, u16, String)> {
    let n = |t: Tab| t.index() + 1;
    let on = |t: Tab, name: &str| format!("[{} {name}]", n(t));
    let variants: [&dyn Fn(Tab) -> String; 4] = [
        &|t: Tab| match t == active {
            true => on(t, t.labels().0),
            false => format!(" {} {}", n(t), t.labels().0),
        },
        &|t: Tab| match t == active {
            true => on(t, t.labels().1),
            false => format!(" {} {}", n(t), t.labels().1),
        },
        &|t: Tab| match t == active {
            true => format!(" {}", on(t, t.labels().1)),
            false => format!(" {} {}", n(t), t.labels().2),
        },
        &|t: Tab| match t == active {
            true => on(t, t.labels().1),
            false => format!(" {}", n(t)),
        },
    ];
    let mut chosen = Vec::new();
    for v in variants {
        chosen = Tab::ALL.iter().map(|&t| (t, v(t))).collect::<Vec<_>>();
        let total: usize = chosen.iter().map(|(_, s)| width(s)).sum();
        if total <= usize::from(bar_width) {
            break;
        }
    }
    let mut x = 0u16;
    chosen
        .into_iter()
        .map(|(t, s)| {
            let at = x;
            x = x.saturating_add(u16::try_from(width(&s)).unwrap_or(u16::MAX));
            (t, at, s)
        })
        .collect()
}

/// A centred rectangle of at most `w`×`h`, kept a cell away from the screen's edges.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(2)).max(area.width.min(3));
    let h = h.min(area.height.saturating_sub(2)).max(area.height.min(3));
    Rect {
        x: area.x + (area.width.saturating_sub(w)) / 2,
        y: area.y + (area.height.saturating_sub(h)) / 2,
        width: w.min(area.width),
        height: h.min(area.height),
    }
}

/// Search: the popup, its input row and its result rows.
pub fn search(area: Rect) -> (Rect, Rect, Rect) {
    let outer = centered(area, 84, area.height.saturating_sub(6).min(18));
    let i = inner(outer);
    (outer, row(i, 0), below(i, 2))
}

/// A filter picker of `n` items: the popup and its rows.
pub fn picker(area: Rect, n: usize) -> (Rect, Rect) {
    let h = u16::try_from(n).unwrap_or(u16::MAX).saturating_add(4);
    let outer = centered(area, 48, h);
    let i = inner(outer);
    let rows = Rect {
        height: i.height.saturating_sub(2),
        ..i
    };
    (outer, rows)
}

/// The date range form with `n` presets: the popup, the preset rows and the row of the two
/// date fields.
pub fn dates(area: Rect, n: usize) -> (Rect, Rect, Rect) {
    let h = u16::try_from(n).unwrap_or(u16::MAX).saturating_add(6);
    let outer = centered(area, 56, h);
    let i = inner(outer);
    // A label row, the presets, a blank row, the fields, the error or hint row.
    let presets = Rect {
        y: i.y + 1.min(i.height),
        height: i.height.saturating_sub(4),
        ..i
    };
    let fields = if i.height >= 2 {
        row(i, i.height - 2)
    } else {
        Rect { height: 0, ..i }
    };
    (outer, presets, fields)
}

/// The evidence view for a text of `lines` lines: the popup, as tall as the text needs and
/// the screen allows, and its scrolling text. The width does not depend on `lines`.
pub fn evidence(area: Rect, lines: usize) -> (Rect, Rect) {
    let want = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    let outer = centered(
        area,
        area.width.saturating_sub(8).min(110),
        want.min(area.height.saturating_sub(2)),
    );
    (outer, inner(outer))
}

/// The help: the popup and its scrolling text.
pub fn help(area: Rect) -> (Rect, Rect) {
    let outer = centered(area, 84, area.height.saturating_sub(2));
    (outer, inner(outer))
}

/// The warnings view of `n` warnings: the popup, its header row and its rows.
pub fn warnings(area: Rect, n: usize) -> (Rect, Rect, Rect) {
    let want = u16::try_from(n).unwrap_or(u16::MAX).saturating_add(3);
    let outer = centered(
        area,
        area.width.saturating_sub(8).min(120),
        want.max(5).min(area.height.saturating_sub(4)),
    );
    let i = inner(outer);
    (outer, row(i, 0), below(i, 1))
}

pub fn contains(r: Rect, column: u16, row: u16) -> bool {
    column >= r.x
        && row >= r.y
        && u32::from(column) < u32::from(r.x) + u32::from(r.width)
        && u32::from(row) < u32::from(r.y) + u32::from(r.height)
}
