//! The popups: search, filter pickers, date range, evidence, help and warnings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::gazetteer::EntityRef;

use super::super::action::Action;
use super::super::app::{
    App, DateFocus, Dates, Evidence, Field, Picker, PickerKind, Popup, SearchPopup, window,
};
use super::super::keymap::Group;
use super::super::layout;
use super::super::text::{
    clean, date, find_word, fit, highlight, highlight_chars, merge_ranges, pad, pad_left, width,
    wrap,
};
use super::{partner_name, row_style};

pub(super) fn draw(app: &App, popup: &Popup, frame: &mut Frame, area: Rect) {
    match popup {
        Popup::Help { scroll } => help(app, *scroll, frame, area),
        Popup::Search(s) => search(app, s, frame, area),
        Popup::Picker(p) => picker(app, p, frame, area),
        Popup::Dates(d) => dates(app, d, frame, area),
        Popup::Evidence(e) => evidence(app, e, frame, area),
        Popup::Warnings(s) => warnings(app, s.sel, s.offset, frame, area),
    }
}

fn frame_block<'a>(
    app: &App,
    frame: &mut Frame,
    outer: Rect,
    title: Line<'a>,
    bottom: Option<Line<'a>>,
) {
    frame.render_widget(Clear, outer);
    let mut b = Block::new()
        .borders(Borders::ALL)
        .border_style(app.theme.popup_border)
        .style(app.theme.base)
        .title(title);
    if let Some(l) = bottom {
        b = b.title_bottom(l.right_aligned());
    }
    frame.render_widget(b, outer);
}

fn title<'a>(app: &App, s: &str) -> Line<'a> {
    Line::from(Span::styled(format!(" {s} "), app.theme.title))
}

/// A text field on one row: `label`, then the value in a box; the terminal cursor is placed
/// in it when it has the keyboard.
fn field(app: &App, frame: &mut Frame, area: Rect, label: &str, f: &Field, focused: bool) {
    let t = &app.theme;
    if area.width == 0 || area.height == 0 {
        return;
    }
    let label_w = u16::try_from(width(label)).unwrap_or(u16::MAX);
    let box_w = area.width.saturating_sub(label_w);
    // Scroll the value so the cursor stays inside the box.
    let input = tui_input::Input::new(f.value.clone()).with_cursor(f.cursor);
    let inner_w = usize::from(box_w.saturating_sub(2));
    let scroll = input.visual_scroll(inner_w);
    let shown: String = {
        let mut s = String::new();
        let mut col = 0;
        let skip = scroll;
        // What the user typed or pasted, shown safely like any other text.
        let value = clean(&f.value);
        let span = Span::raw(value.as_str());
        for g in span.styled_graphemes(Style::default()) {
            let w = width(g.symbol);
            if col >= skip && col + w <= skip + inner_w {
                s.push_str(g.symbol);
            }
            col += w;
        }
        s
    };
    // Brackets show the box without colour; the focused one is also highlighted.
    let style = if focused { t.selected } else { t.base };
    let line = Line::from(vec![
        Span::styled(label.to_owned(), if focused { t.accent } else { t.dim }),
        Span::styled("[", t.dim),
        Span::styled(pad(&shown, inner_w), style),
        Span::styled("]", t.dim),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if focused {
        let cx = input.visual_cursor().saturating_sub(scroll);
        let x = area.x + label_w + 1 + u16::try_from(cx).unwrap_or(0);
        if x < area.x + area.width {
            frame.set_cursor_position((x, area.y));
        }
    }
}

fn search(app: &App, s: &SearchPopup, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let (outer, input, rows) = layout::search(area);
    let n = s.hits.len();
    let count = if s.total > n {
        format!(" best {n} of {} results ", s.total)
    } else {
        format!(" {} result{} ", n, if n == 1 { "" } else { "s" })
    };
    let count = Line::from(Span::styled(count, t.dim));
    frame_block(
        app,
        frame,
        outer,
        title(app, "Search countries, officials, organisations"),
        Some(count),
    );
    field(app, frame, input, " / ", &s.query, true);
    if n == 0 {
        let msg = if s.query.value.trim().is_empty() {
            "nothing to search".to_owned()
        } else {
            format!("nothing matches “{}”", clean(&s.query.value))
        };
        frame.render_widget(
            Paragraph::new(Span::styled(format!("  {msg}"), t.dim)),
            rows,
        );
        return;
    }
    let page = usize::from(rows.height);
    let offset = window(s.list.sel, s.list.offset, n, page);
    let w = usize::from(rows.width);
    let lines: Vec<Line> = s
        .hits
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .filter_map(|(i, h)| {
            let item = app.search.as_ref()?.get(h.item)?;
            let selected = i == s.list.sel;
            let (style, marker) = row_style(app, selected, true);
            let kind = pad(item.kind.label(), 9);
            let text = fit(&item.text, w.saturating_sub(2 + 9));
            let mut spans = vec![
                Span::styled(marker, style),
                Span::styled(kind, if selected { style } else { t.dim }),
            ];
            spans.extend(highlight_chars(
                &text,
                &h.indices,
                style,
                style.patch(t.highlight),
            ));
            Some(Line::from(spans))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows);
}

fn picker(app: &App, p: &Picker, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let (outer, rows) = layout::picker(area, p.items.len());
    let name = match p.kind {
        PickerKind::Focus => "Focus areas",
        PickerKind::Kind => "Event kinds",
    };
    frame_block(app, frame, outer, title(app, name), None);
    let page = usize::from(rows.height);
    let offset = window(p.list.sel, p.list.offset, p.items.len(), page);
    let w = usize::from(rows.width);
    let lines: Vec<Line> = p
        .items
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .map(|(i, it)| {
            let (style, marker) = row_style(app, i == p.list.sel, true);
            let check = if it.on { "[x] " } else { "[ ] " };
            let label = pad(&clean(&it.value), w.saturating_sub(2 + 4 + 5));
            Line::from(vec![
                Span::styled(marker, style),
                Span::styled(check, if it.on { style.patch(t.accent) } else { style }),
                Span::styled(label, style),
                Span::styled(
                    pad_left(&it.count.to_string(), 5),
                    if i == p.list.sel { style } else { t.dim },
                ),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows);
    let ticked = p.items.iter().filter(|i| i.on).count();
    let footer = if ticked == 0 {
        "none ticked: every value".to_owned()
    } else {
        format!("{ticked} ticked")
    };
    let k = |a: Action| app.keymap.label(a);
    let foot_area = Rect {
        y: rows.y + rows.height + 1,
        height: 1,
        ..rows
    };
    if foot_area.y < outer.y + outer.height.saturating_sub(1) {
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!(" {footer} · "), t.dim),
                Span::styled(k(Action::Toggle), t.key),
                Span::styled(" tick · ", t.dim),
                Span::styled(k(Action::Open), t.key),
                Span::styled(" apply", t.dim),
            ])),
            foot_area,
        );
    }
}

fn dates(app: &App, d: &Dates, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let (outer, rows, fields) = layout::dates(area, d.presets.len());
    frame_block(app, frame, outer, title(app, "Date range"), None);
    let inner = layout::inner(outer);
    frame.render_widget(
        Paragraph::new(Span::styled(" Presets", t.header)),
        Rect {
            height: 1.min(inner.height),
            ..inner
        },
    );
    let focused = d.focus == DateFocus::Presets;
    let page = usize::from(rows.height);
    let offset = window(d.list.sel, d.list.offset, d.presets.len(), page);
    let lines: Vec<Line> = d
        .presets
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .map(|(i, p)| {
            let (style, marker) = row_style(app, i == d.list.sel, focused);
            Line::from(Span::styled(format!("{marker}{}", p.label), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows);
    let half = fields.width / 2;
    let left = Rect {
        width: half,
        ..fields
    };
    let right = Rect {
        x: fields.x + half,
        width: fields.width - half,
        ..fields
    };
    field(
        app,
        frame,
        left,
        " From ",
        &d.since,
        d.focus == DateFocus::Since,
    );
    field(
        app,
        frame,
        right,
        "  To ",
        &d.until,
        d.focus == DateFocus::Until,
    );
    let msg_area = Rect {
        y: fields.y + 1,
        ..fields
    };
    if msg_area.y < outer.y + outer.height.saturating_sub(1) {
        let line = match &d.error {
            Some(e) => Span::styled(format!(" {}", clean(e)), t.error),
            None => Span::styled(
                format!(
                    " YYYY, YYYY-MM or YYYY-MM-DD; empty = open · {} next field",
                    app.keymap.label(Action::NextPane)
                ),
                t.dim,
            ),
        };
        frame.render_widget(Paragraph::new(line), msg_area);
    }
}

/// Words of the sentence worth highlighting: the trigger that made the event, the parties,
/// the officials' names, the focus words of the event's areas, and `names`.
fn highlights(
    app: &App,
    ev: &crate::model::Event,
    sentence: &str,
    names: &[String],
) -> Vec<(usize, usize)> {
    let gz = app.gz;
    let mut ranges: Vec<(usize, usize)> = gz
        .triggers(sentence)
        .into_iter()
        .filter(|m| m.kind == ev.kind)
        .map(|m| (m.start, m.end))
        .collect();
    for m in gz.entities(sentence) {
        let party = match m.entity {
            EntityRef::Organisation(i) => gz
                .organisations
                .get(i)
                .is_some_and(|o| ev.parties.iter().any(|p| *p == o.code)),
            e => gz
                .entity_country(e)
                .is_some_and(|c| ev.parties.iter().any(|p| p == c)),
        };
        if party {
            ranges.push((m.start, m.end));
        }
    }
    let areas: Vec<String> = ev.focus.iter().map(|f| crate::fold::fold(f)).collect();
    for (s, e, a) in gz.focus_hits(sentence) {
        if gz
            .focus_areas
            .get(a)
            .is_some_and(|name| areas.contains(&crate::fold::fold(name)))
        {
            ranges.push((s, e));
        }
    }
    let mut words: Vec<&str> = names.iter().map(String::as_str).collect();
    for c in &ev.counterparts {
        words.push(&c.name);
    }
    for w in words {
        ranges.extend(find_word(sentence, w));
        // Later mentions often use the surname alone.
        if let Some(last) = w.split_whitespace().last() {
            ranges.extend(find_word(sentence, last));
        }
    }
    merge_ranges(ranges)
}

/// The evidence page as wrapped lines, shared by drawing and scrolling.
pub(crate) fn evidence_lines(app: &App, ev: &Evidence, width: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let w = usize::from(width).saturating_sub(2).max(1);
    let mut out: Vec<Line<'static>> = Vec::new();
    let Some(&(e, s)) = ev.pages.get(ev.page) else {
        return out;
    };
    let Some(event) = app.data.events.get(e) else {
        return out;
    };
    let Some(src) = event.sources.get(s) else {
        return out;
    };
    let k = |a: Action| app.keymap.label(a);
    if ev.pages.len() > 1 {
        out.push(Line::from(vec![
            Span::styled(
                format!("Source {} of {}", ev.page + 1, ev.pages.len()),
                t.accent,
            ),
            Span::styled(
                format!(
                    "  ({}/{} for the others)",
                    k(Action::Left),
                    k(Action::Right)
                ),
                t.dim,
            ),
        ]));
        out.push(Line::from(""));
    }
    let sentence = clean(ev.sentences.get(s).map_or("", String::as_str));
    let ranges = highlights(app, event, &sentence, &ev.names);
    let mut spans = vec![Span::styled("“", t.dim)];
    spans.extend(highlight(&sentence, &ranges, t.base, t.highlight));
    spans.push(Span::styled("”", t.dim));
    out.extend(wrap(&spans, w, 1));
    out.push(Line::from(""));

    let field = |out: &mut Vec<Line<'static>>, label: &str, value: String, style: Style| {
        let spans = vec![
            Span::styled(pad(label, 10), t.dim),
            Span::styled(value, style),
        ];
        out.extend(wrap(&spans, w, 10));
    };
    let meta = app.article(&src.article);
    field(
        &mut out,
        "Article",
        clean(
            meta.and_then(|m| m.title.as_deref())
                .unwrap_or(&src.article),
        ),
        t.title,
    );
    let mut outlet = meta
        .and_then(|m| m.source.as_deref())
        .map(clean)
        .unwrap_or_else(|| "unknown outlet".to_owned());
    if let Some(d) = meta.and_then(|m| m.published) {
        outlet.push_str(&format!(" · {d}"));
    }
    field(&mut out, "Outlet", outlet, t.base);
    if let Some(u) = meta.and_then(|m| m.url.as_deref()) {
        field(&mut out, "URL", clean(u), t.accent);
    }
    field(&mut out, "File", clean(&src.article), t.dim);
    out.push(Line::from(""));

    let mut what = format!("{} · {}", event.kind, date(event.date));
    if let Some(end) = event.date_end {
        what.push_str(&format!(" to {end}"));
    }
    what.push_str(match event.status {
        crate::model::Status::Happened => " · happened",
        crate::model::Status::Planned => " · planned",
    });
    field(&mut out, "Event", what, t.base);
    let parties: Vec<String> = event
        .parties
        .iter()
        .map(|p| clean(&partner_name(app, p)))
        .collect();
    field(&mut out, "Parties", parties.join(", "), t.base);
    if !event.counterparts.is_empty() {
        let people: Vec<String> = event
            .counterparts
            .iter()
            .map(|c| {
                let mut s = clean(&c.name);
                let post: Vec<String> = c.title.iter().chain(&c.org).map(|x| clean(x)).collect();
                if !post.is_empty() {
                    s.push_str(&format!(" ({})", post.join(", ")));
                }
                s
            })
            .collect();
        field(&mut out, "People", people.join("; "), t.base);
    }
    if let Some(p) = &event.place {
        field(&mut out, "Place", clean(p), t.base);
    }
    if let Some(x) = &event.what {
        field(&mut out, "Signed", clean(x), t.base);
    }
    if !event.focus.is_empty() {
        field(&mut out, "Focus", clean(&event.focus.join(", ")), t.base);
    }
    let others: Vec<(usize, &crate::model::Source)> = event
        .sources
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != s)
        .collect();
    if !others.is_empty() {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(
            format!("Also reported by ({})", others.len()),
            t.header,
        )));
        for (i, o) in others {
            let m = app.article(&o.article);
            let mut head = m
                .and_then(|m| m.source.as_deref())
                .map(clean)
                .unwrap_or_else(|| clean(&o.article));
            if let Some(d) = m.and_then(|m| m.published) {
                head.push_str(&format!(" · {d}"));
            }
            if let Some(ti) = m.and_then(|m| m.title.as_deref()) {
                head.push_str(&format!(" · {}", clean(ti)));
            }
            out.extend(wrap(&[Span::raw(format!("• {head}"))], w, 2));
            out.extend(wrap(
                &[Span::styled(
                    format!(
                        "  “{}”",
                        clean(ev.sentences.get(i).map_or("", String::as_str))
                    ),
                    t.dim,
                )],
                w,
                3,
            ));
        }
    }
    out
}

fn evidence(app: &App, ev: &Evidence, frame: &mut Frame, area: Rect) {
    let width = layout::evidence(area, 0).1.width;
    let lines = evidence_lines(app, ev, width);
    scrolled(
        app,
        frame,
        layout::evidence(area, lines.len()),
        &format!("Evidence · {}", ev.title),
        lines,
        ev.scroll,
    );
}

/// A popup of scrolling lines: its frame titled `heading`, with "↓ N more" when lines are
/// left below, and the lines from `scroll` on (one column in from the border).
fn scrolled(
    app: &App,
    frame: &mut Frame,
    (outer, text): (Rect, Rect),
    heading: &str,
    lines: Vec<Line>,
    scroll: usize,
) {
    let page = usize::from(text.height);
    let offset = scroll.min(lines.len().saturating_sub(page));
    let more = (lines.len() > offset + page).then(|| {
        Line::from(Span::styled(
            format!(" ↓ {} more ", lines.len() - offset - page),
            app.theme.dim,
        ))
    });
    frame_block(app, frame, outer, title(app, heading), more);
    let shown: Vec<Line> = lines.into_iter().skip(offset).take(page).collect();
    let inner = Rect {
        x: text.x + 1,
        width: text.width.saturating_sub(1),
        ..text
    };
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The help as lines: every binding of the keymap (so a user's own keys show), grouped, with
/// the action's name for `[keys]`, then the keys of text fields and the mouse.
pub(crate) fn help_lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out: Vec<Line<'static>> = Vec::new();
    for g in Group::ALL {
        out.push(Line::from(Span::styled(g.title().to_owned(), t.header)));
        for b in app.keymap.bindings().iter().filter(|b| b.group == g) {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            out.push(Line::from(vec![
                Span::styled(format!("  {} ", pad(&keys.join(" "), 12)), t.key),
                Span::styled(format!("{} ", pad(b.name, 17)), t.dim),
                Span::raw(b.help),
            ]));
        }
        out.push(Line::from(""));
    }
    let extra: [(&str, &[(&str, &str)]); 2] = [
        (
            "In text fields (search, dates)",
            &[
                ("typing", "edits the text; q, j, k... are letters here"),
                ("← → Home End", "move the cursor"),
                ("Ctrl-w Ctrl-u", "delete a word, the line"),
                ("Ctrl-C", "quit, from anywhere"),
            ],
        ),
        (
            "Mouse",
            &[
                (
                    "click",
                    "select a country, a tab or a row; outside a popup closes it",
                ),
                ("wheel", "scroll the pane or popup under the pointer"),
            ],
        ),
    ];
    for (head, rows) in extra {
        out.push(Line::from(Span::styled(head.to_owned(), t.header)));
        for (k, d) in rows {
            out.push(Line::from(vec![
                Span::styled(format!("  {} ", pad(k, 12)), t.key),
                Span::raw((*d).to_owned()),
            ]));
        }
        out.push(Line::from(""));
    }
    for l in [
        "Keys and theme are set in config.toml in the config folder, by the names in the",
        "middle column:  theme = \"light\"   [keys] quit = \"x\"   (NO_COLOR: monochrome)",
    ] {
        out.push(Line::from(Span::styled(l, t.dim)));
    }
    out
}

fn help(app: &App, scroll: usize, frame: &mut Frame, area: Rect) {
    scrolled(
        app,
        frame,
        layout::help(area),
        "Keys",
        help_lines(app),
        scroll,
    );
}

fn warnings(app: &App, sel: usize, offset: usize, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let n = app.data.warnings.len();
    let (outer, head, rows) = layout::warnings(area, n);
    frame_block(
        app,
        frame,
        outer,
        title(app, &format!("Article warnings ({n})")),
        None,
    );
    if n == 0 {
        frame.render_widget(
            Paragraph::new(Span::styled(
                "  No warnings: every article was read.",
                t.dim,
            )),
            head,
        );
        return;
    }
    let w = usize::from(rows.width).saturating_sub(2);
    let file_w = (w * 2 / 5).max(8);
    let msg_w = w.saturating_sub(file_w + 6 + 2);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                "  {} {} {}",
                pad("File", file_w),
                pad_left("Line", 5),
                "Message"
            ),
            t.header,
        )),
        head,
    );
    let page = usize::from(rows.height);
    let offset = window(sel, offset, n, page);
    let lines: Vec<Line> = app
        .data
        .warnings
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .map(|(i, wn)| {
            let (style, marker) = row_style(app, i == sel, true);
            let line = if wn.line == 0 {
                "—".to_owned()
            } else {
                wn.line.to_string()
            };
            Line::from(Span::styled(
                format!(
                    "{marker}{} {} {}",
                    pad(&clean(&wn.article), file_w),
                    pad_left(&line, 5),
                    fit(&clean(&wn.message), msg_w)
                ),
                style,
            ))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rows);
}
