//! Drawing: [`draw`] is a pure function of the [`App`]; it reads state and writes cells,
//! nothing else. Each part of the screen is a component function here or in a sub-module:
//! the header, the country list, the detail pane and its tabs ([`detail`]), the filter and
//! hint bars, and the popups ([`popup`]).

mod detail;
mod popup;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::action::Action;
use super::app::{App, Pane, Popup, window};
use super::layout::{self, MIN_HEIGHT, MIN_WIDTH, Regions};
use super::text::{clean, fit, month, pad, pad_left, sparkline, width, wrap};

pub(crate) use detail::{event_summary, overview_items, overview_lines};
pub(crate) use popup::{evidence_lines, help_lines};

/// Renders the whole screen for the current state.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    if layout::too_small(area) {
        too_small(app, frame, area);
        return;
    }
    let r = layout::regions(area);
    header(app, frame, r.header);
    country_list(app, frame, &r);
    detail::draw(app, frame, &r);
    filter_bar(app, frame, r.filter);
    hints(app, frame, r.hints);
    if let Some(p) = &app.view.popup {
        popup::draw(app, p, frame, area);
    }
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let msg = format!(
        "terminal too small ({}×{}, need {MIN_WIDTH}×{MIN_HEIGHT})",
        area.width, area.height
    );
    let lines = wrap(
        &[Span::styled(msg, app.theme.warning)],
        usize::from(area.width),
        0,
    );
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    let r = Rect {
        y: area.y + (area.height - h) / 2,
        height: h,
        ..area
    };
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), r);
}

fn header(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let d = &app.data;
    let total = app.index.with_partner;
    let home = match d.home.as_deref() {
        Some(h) => clean(&partner_name(app, h)),
        None => "none".to_owned(),
    };
    let events = if app.view.filter.is_empty() {
        plural(total, "event")
    } else {
        format!("{} of {}", app.matching, plural(total, "event"))
    };
    let left = Line::from(vec![
        Span::styled(" liaison ", t.title),
        Span::styled("│ home ", t.dim),
        Span::raw(home),
        Span::styled(" │ ", t.dim),
        Span::raw(format!(
            "{events} · {} · {} · {}",
            plural(app.rows.len(), "partner"),
            plural(d.people.len(), "official"),
            plural(d.articles.len(), "article"),
        )),
    ]);
    // Articles that could not be read (or only partly): counted here, listed by `w`.
    // Articles with a problem, each counted once however many warnings it has.
    let n = app.unreadable;
    let warn_key = app.keymap.label(Action::Warnings);
    let mut right = if n == 0 {
        Line::from(Span::styled(" 0 unreadable ", t.dim))
    } else {
        Line::from(vec![
            Span::styled(format!(" ! {n} unreadable "), t.warning),
            Span::styled(format!("({warn_key}) "), t.dim),
        ])
    };
    // An earlier dataset shown while the current one is built (see `App::replace_data`).
    if app.updating {
        right
            .spans
            .insert(0, Span::styled(" updating… ", t.warning));
    }
    frame.render_widget(Block::new().style(t.bar_bg), area);
    let rw = u16::try_from(right.width())
        .unwrap_or(u16::MAX)
        .min(area.width);
    let left_area = Rect {
        width: area.width.saturating_sub(rw + 1),
        ..area
    };
    let left = fit_line(left, usize::from(left_area.width));
    frame.render_widget(Paragraph::new(left).style(t.bar_bg), left_area);
    let right_area = Rect {
        x: area.x + area.width - rw,
        width: rw,
        ..area
    };
    frame.render_widget(Paragraph::new(right).style(t.bar_bg), right_area);
}

/// "1 partner", "2 partners".
fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

/// The name of a partner code: the country's name, else the code (organisations).
pub(crate) fn partner_name(app: &App, code: &str) -> String {
    app.gz
        .country(code)
        .map(|c| c.name.clone())
        .unwrap_or_else(|| code.to_owned())
}

/// A pane's block: its border brighter when it has the keyboard, a title, and the position
/// of the selection on the bottom border.
fn pane_block<'a>(
    app: &App,
    focused: bool,
    title: Line<'a>,
    position: Option<String>,
) -> Block<'a> {
    let t = &app.theme;
    let mut b = Block::new()
        .borders(Borders::ALL)
        .border_style(if focused { t.border_focus } else { t.border })
        .title(title);
    if let Some(p) = position {
        b = b.title_bottom(Line::from(Span::styled(p, t.dim)).right_aligned());
    }
    b
}

/// The style and marker of a row: the selected row is marked so it shows without colour.
pub(crate) fn row_style(app: &App, selected: bool, focused: bool) -> (Style, String) {
    let t = &app.theme;
    if selected {
        let style = if focused { t.selected } else { t.selected_idle };
        (style, format!("{} ", t.marker))
    } else {
        (t.base, "  ".to_owned())
    }
}

fn country_list(app: &App, frame: &mut Frame, r: &Regions) {
    let t = &app.theme;
    let focused = app.view.pane == Pane::List && app.view.popup.is_none();
    let n = app.rows.len();
    let title = Line::from(vec![
        Span::styled(format!(" Countries ({n}) "), t.title),
        Span::styled(format!("by {} ", app.view.sort.label()), t.dim),
    ]);
    let position = (n > 0).then(|| format!(" {}/{n} ", app.view.list.sel + 1));
    frame.render_widget(pane_block(app, focused, title, position), r.list);

    if n == 0 {
        empty_message(
            app,
            frame,
            Rect {
                ..r.list_head.union(r.list_rows)
            },
            None,
        );
        return;
    }

    // Columns in order of importance: the name always, then the count, code, last contact
    // and the activity sparkline while the name keeps ten columns.
    let w = usize::from(r.list_rows.width).saturating_sub(2);
    let span_years = app
        .years
        .map(|(lo, hi)| usize::try_from(hi - lo + 1).unwrap_or(1))
        .unwrap_or(0)
        .clamp(1, 4);
    let mut name_w = w;
    let mut cols = [false; 4]; // count, code, last, spark
    let ev_w = app
        .rows
        .iter()
        .map(|p| p.total.to_string().len())
        .max()
        .unwrap_or(1)
        .max(2)
        + 1;
    let costs = [ev_w, 4, 8, 1 + span_years];
    for (i, c) in costs.iter().enumerate() {
        if name_w >= c + 10 {
            name_w -= c;
            cols[i] = true;
        }
    }
    let mut head = format!("  {}", pad("Country", name_w));
    if cols[1] {
        head.push_str(&pad_left("Code", 4));
    }
    if cols[0] {
        head.push_str(&pad_left("Ev", ev_w));
    }
    if cols[2] {
        head.push_str(&pad_left("Last", 8));
    }
    if cols[3] {
        head.push(' ');
        head.push_str(&pad(if span_years >= 4 { "Act." } else { "" }, span_years));
    }
    frame.render_widget(Paragraph::new(Span::styled(head, t.header)), r.list_head);

    let page = usize::from(r.list_rows.height);
    let offset = window(app.view.list.sel, app.view.list.offset, n, page);
    let hi_year = app.years.map(|(_, hi)| hi).unwrap_or(0);
    let max_year_count = app.max_year_count;
    let lines: Vec<Line> = app
        .rows
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .map(|(i, p)| {
            let (style, marker) = row_style(app, i == app.view.list.sel, focused);
            let mut s = marker;
            s.push_str(&pad(&clean(&p.name), name_w));
            if cols[1] {
                s.push_str(&pad_left(&clean(&p.partner), 4));
            }
            if cols[0] {
                s.push_str(&pad_left(&p.total.to_string(), ev_w));
            }
            if cols[2] {
                s.push_str(&pad_left(&month(p.last_contact), 8));
            }
            let mut spans = vec![Span::styled(s, style)];
            if cols[3] {
                let values: Vec<usize> = (0..span_years)
                    .rev()
                    .map(|k| p.in_year(hi_year - i32::try_from(k).unwrap_or(0)))
                    .collect();
                spans.push(Span::styled(" ", style));
                spans.push(Span::styled(
                    sparkline(&values, max_year_count),
                    style.patch(t.bar),
                ));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), r.list_rows);
}

/// "no events match: ..." with what to do about it, centred in `area`.
fn empty_message(app: &App, frame: &mut Frame, area: Rect, what: Option<&str>) {
    let t = &app.theme;
    let f = &app.view.filter;
    let mut lines = Vec::new();
    if f.is_empty() {
        lines.push(Line::from(Span::styled(
            what.map(|w| format!("no {w}"))
                .unwrap_or_else(|| "no events in the corpus".to_owned()),
            t.dim,
        )));
    } else {
        let head = match what {
            Some(w) => format!("no {w} match: {}", f.describe()),
            None => format!("no events match: {}", f.describe()),
        };
        lines.push(Line::from(Span::styled(clean(&head), t.warning)));
        lines.push(Line::from(""));
        lines.push(Line::from(vec![
            Span::styled(app.keymap.label(Action::Back), t.key),
            Span::styled(" clears the filters", t.dim),
        ]));
    }
    let width = usize::from(area.width);
    let wrapped: Vec<Line> = lines
        .into_iter()
        .flat_map(|l| {
            let spans = l.spans;
            if spans.is_empty() {
                vec![Line::from("")]
            } else {
                wrap(&spans, width, 0)
            }
        })
        .collect();
    let h = u16::try_from(wrapped.len())
        .unwrap_or(u16::MAX)
        .min(area.height);
    let r = Rect {
        y: area.y + (area.height - h) / 3,
        height: h,
        ..area
    };
    frame.render_widget(Paragraph::new(wrapped).alignment(Alignment::Center), r);
}

fn filter_bar(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let f = &app.view.filter;
    let mut spans = vec![Span::styled(" Filters: ", t.dim)];
    if f.is_empty() {
        spans.push(Span::styled("none", t.dim));
        spans.push(Span::styled(
            format!(
                "  ({} focus · {} kind · {} dates)",
                app.keymap.label(Action::FilterFocus),
                app.keymap.label(Action::FilterKind),
                app.keymap.label(Action::FilterDates)
            ),
            t.dim,
        ));
    } else {
        spans.push(Span::styled(clean(&f.describe()), t.accent));
        spans.push(Span::styled(
            format!("  ({} clears)", app.keymap.label(Action::Back)),
            t.dim,
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The key hints of the current context, or the last message.
fn hints(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    frame.render_widget(Block::new().style(t.bar_bg), area);
    if let Some(m) = &app.view.message {
        let style = if m.error { t.error } else { t.accent };
        let text = fit(&format!(" {} ", m.text), usize::from(area.width));
        frame.render_widget(
            Paragraph::new(Span::styled(text, style)).style(t.bar_bg),
            area,
        );
        return;
    }
    let k = |a: Action| app.keymap.label(a);
    let nav = format!("{}/{}", k(Action::Up), k(Action::Down));
    let pairs: Vec<(String, &str)> = match &app.view.popup {
        Some(Popup::Search(_)) => vec![
            ("type".into(), "to search"),
            ("↑/↓".into(), "select"),
            (k(Action::Open), "go to"),
            (k(Action::Back), "close"),
        ],
        Some(Popup::Picker(_)) => vec![
            (nav, "move"),
            (k(Action::Toggle), "tick"),
            (k(Action::Open), "apply"),
            (k(Action::Back), "cancel"),
        ],
        Some(Popup::Dates(_)) => vec![
            (k(Action::NextPane), "next field"),
            ("↑/↓".into(), "preset"),
            (k(Action::Open), "apply"),
            (k(Action::Back), "cancel"),
        ],
        Some(Popup::Evidence(_)) => vec![
            (
                format!("{}/{}", k(Action::Left), k(Action::Right)),
                "other source",
            ),
            (nav, "scroll"),
            (k(Action::Copy), "copy"),
            (k(Action::Back), "close"),
        ],
        Some(Popup::Help { .. }) => vec![(nav, "scroll"), (k(Action::Back), "close")],
        Some(Popup::Warnings(_)) => vec![
            (nav, "move"),
            (k(Action::Copy), "copy"),
            (k(Action::Back), "close"),
        ],
        None => {
            let mut v = vec![(nav, "move")];
            if app.view.pane == Pane::List {
                v.push((k(Action::Open), "open"));
            } else if app.view.tab != super::action::Tab::Overview {
                v.push((k(Action::Open), "evidence"));
            }
            v.extend([
                (k(Action::NextPane), "pane"),
                ("1-6".into(), "tabs"),
                (k(Action::Search), "search"),
                (k(Action::FilterFocus), "focus"),
                (k(Action::FilterKind), "kind"),
                (k(Action::FilterDates), "dates"),
                (k(Action::Sort), "sort"),
                (k(Action::Copy), "copy"),
                (k(Action::Export), "export"),
                (k(Action::Warnings), "warnings"),
            ]);
            v
        }
    };
    // Help and quit are always shown, on the right; the rest as room allows.
    let fixed = [(k(Action::Help), "help"), (k(Action::Quit), "quit")];
    let pair_spans = |key: String, what: &str| {
        vec![
            Span::styled(key, t.key),
            Span::styled(format!(" {what}  "), t.bar_bg),
        ]
    };
    let right: Vec<Span> = fixed
        .into_iter()
        .flat_map(|(key, what)| pair_spans(key, what))
        .collect();
    let right_w = Line::from(right.clone()).width();
    let max = usize::from(area.width).saturating_sub(right_w);
    let mut spans = vec![Span::raw(" ")];
    let mut used = 1;
    for (key, what) in pairs {
        let w = width(&key) + 1 + width(what) + 2;
        if used + w > max {
            break;
        }
        used += w;
        spans.extend(pair_spans(key, what));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(t.bar_bg), area);
    if right_w <= usize::from(area.width) {
        let rw = u16::try_from(right_w).unwrap_or(u16::MAX);
        let r = Rect {
            x: area.x + area.width - rw,
            width: rw,
            ..area
        };
        frame.render_widget(Paragraph::new(Line::from(right)).style(t.bar_bg), r);
    }
}

/// A line cut to `max` columns with "…", keeping the styles of what is left.
pub(crate) fn fit_line(line: Line<'static>, max: usize) -> Line<'static> {
    if line.width() <= max {
        return line;
    }
    let mut used = 0;
    let mut spans = Vec::new();
    for s in line.spans {
        let w = s.width();
        if used + w < max {
            used += w;
            spans.push(s);
        } else {
            let room = max.saturating_sub(used);
            spans.push(Span::styled(fit(&s.content, room), s.style));
            break;
        }
    }
    Line::from(spans)
}
