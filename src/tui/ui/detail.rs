//! The detail pane: the tab bar and the six tabs of the selected country.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::model::{Event, Kind, Status};
use crate::profile::Profile;

use super::super::action::Tab;
use super::super::app::{App, Pane, PartnerExtra, window};
use super::super::layout::{self, Regions};
use super::super::text::{bar, clean, date, fit, met as met_str, pad, pad_left, wrap};
use super::{empty_message, pane_block, partner_name, row_style};
use crate::columns::{Index, source_meta};

pub(super) fn draw(app: &App, frame: &mut Frame, r: &Regions) {
    let t = &app.theme;
    let focused = app.view.pane == Pane::Detail && app.view.popup.is_none();
    let tab = app.view.tab;
    let (Some(p), Some(x)) = (app.selected(), app.selected_extra()) else {
        let block = pane_block(
            app,
            focused,
            Line::from(Span::styled(" Details ", t.title)),
            None,
        );
        frame.render_widget(block, r.detail);
        empty_message(app, frame, r.body, None);
        tab_bar(app, frame, r.tabs);
        return;
    };
    let title = Line::from(vec![
        Span::styled(
            format!(" {} ({}) ", clean(&p.name), clean(&p.partner)),
            t.title,
        ),
        Span::styled(
            format!("{} event{} ", p.total, if p.total == 1 { "" } else { "s" }),
            t.dim,
        ),
    ]);
    let len = app.detail_len(tab);
    let s = app.view.detail[tab.index()];
    let position = match tab {
        Tab::Overview => None,
        _ if len == 0 => None,
        _ => Some(format!(" {}/{len} ", s.sel + 1)),
    };
    frame.render_widget(pane_block(app, focused, title, position), r.detail);
    tab_bar(app, frame, r.tabs);
    match tab {
        Tab::Overview => overview(app, frame, r),
        Tab::Agreements => agreements(app, frame, r, p, focused),
        Tab::Meetings => meetings(app, frame, r, p, focused),
        Tab::Counterparts => counterparts(app, frame, r, p, x, focused),
        Tab::Focus => focus(app, frame, r, p, focused),
        Tab::Sources => sources(app, frame, r, x, focused),
    }
}

fn tab_bar(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let spans: Vec<Span> = layout::tab_labels(area.width, app.view.tab)
        .into_iter()
        .map(|(tab, _, label)| {
            if tab == app.view.tab {
                Span::styled(label, t.tab_active)
            } else {
                Span::styled(label, t.tab)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// How a column takes its width.
#[derive(Clone, Copy)]
enum Col {
    Fixed(usize),
    /// A share of what the fixed columns leave.
    Flex(usize),
}

/// Column widths for `total` columns with one space between columns.
fn widths(total: usize, cols: &[Col]) -> Vec<usize> {
    let gaps = cols.len().saturating_sub(1);
    let fixed: usize = cols
        .iter()
        .map(|c| match c {
            Col::Fixed(w) => *w,
            Col::Flex(_) => 0,
        })
        .sum();
    let weights: usize = cols
        .iter()
        .map(|c| match c {
            Col::Flex(w) => *w,
            Col::Fixed(_) => 0,
        })
        .sum();
    let mut left = total.saturating_sub(fixed + gaps);
    let mut out = Vec::with_capacity(cols.len());
    let mut flex_seen = 0;
    let flex_count = cols.iter().filter(|c| matches!(c, Col::Flex(_))).count();
    let free = left;
    for c in cols {
        match c {
            Col::Fixed(w) => out.push(*w),
            Col::Flex(w) => {
                flex_seen += 1;
                // The last flexible column takes the rounding remainder.
                let share = if flex_seen == flex_count {
                    left
                } else {
                    (free * w / weights.max(1)).min(left)
                };
                left -= share;
                out.push(share);
            }
        }
    }
    out
}

/// One cell: text, right alignment, and a style for unselected rows.
struct Cell {
    text: String,
    right: bool,
    style: Option<Style>,
}

fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        right: false,
        style: None,
    }
}

fn num(n: usize) -> Cell {
    Cell {
        text: n.to_string(),
        right: true,
        style: None,
    }
}

impl Cell {
    fn styled(mut self, s: Style) -> Cell {
        self.style = Some(s);
        self
    }
}

/// A table of `len` rows in the body: a header, then only the visible rows, built on demand.
#[allow(clippy::too_many_arguments)]
fn table(
    app: &App,
    frame: &mut Frame,
    r: &Regions,
    head: &[(&str, bool)],
    cols: &[Col],
    len: usize,
    focused: bool,
    row: &dyn Fn(usize) -> Vec<Cell>,
) {
    let t = &app.theme;
    let w = widths(usize::from(r.body_rows.width).saturating_sub(2), cols);
    let join = |cells: &[(String, bool)], w: &[usize]| -> String {
        cells
            .iter()
            .zip(w)
            .map(|((s, right), &cw)| if *right { pad_left(s, cw) } else { pad(s, cw) })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let head_cells: Vec<(String, bool)> = head
        .iter()
        .map(|(h, right)| ((*h).to_owned(), *right))
        .collect();
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!("  {}", join(&head_cells, &w)),
            t.header,
        )),
        r.body_head,
    );
    let s = app.view.detail[app.view.tab.index()];
    let page = usize::from(r.body_rows.height);
    let offset = window(s.sel, s.offset, len, page);
    let lines: Vec<Line> = (offset..len.min(offset + page))
        .map(|i| {
            let selected = i == s.sel;
            let (style, marker) = row_style(app, selected, focused);
            let cells = row(i);
            let mut spans = vec![Span::styled(marker, style)];
            for (k, (c, &cw)) in cells.iter().zip(&w).enumerate() {
                if k > 0 {
                    spans.push(Span::styled(" ", style));
                }
                let text = if c.right {
                    pad_left(&c.text, cw)
                } else {
                    pad(&c.text, cw)
                };
                let st = match (selected, c.style) {
                    (false, Some(cs)) => cs,
                    _ => style,
                };
                spans.push(Span::styled(text, st));
            }
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), r.body_rows);
}

/// The officials of the partner's side of an event (the home side is the analyst's own).
fn partner_people(app: &App, e: &Event) -> Vec<String> {
    let home = app.data.home.as_deref();
    e.counterparts
        .iter()
        .filter(|c| c.country.is_none() || c.country.as_deref() != home)
        .map(|c| clean(&c.name))
        .collect()
}

/// One line for an event: date, kind, what, with whom, who, where. `shown` is the partner
/// whose profile the line is in, which goes without saying.
pub(crate) fn event_summary(app: &App, e: &Event, shown: Option<&str>) -> String {
    let mut parts = vec![date(e.date), e.kind.to_string()];
    if e.status == Status::Planned {
        parts.push("planned".to_owned());
    }
    if let Some(w) = &e.what {
        parts.push(clean(w));
    }
    let partners: Vec<String> = e
        .partners
        .iter()
        .filter(|p| Some(p.as_str()) != shown)
        .map(|p| clean(&partner_name(app, p)))
        .collect();
    if !partners.is_empty() {
        parts.push(format!("with {}", partners.join(", ")));
    }
    let people = partner_people(app, e);
    if !people.is_empty() {
        parts.push(people.join(", "));
    }
    if let Some(p) = &e.place {
        parts.push(format!("in {}", clean(p)));
    }
    parts.join(" · ")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The Overview as lines, wrapped to `width`, shared by drawing, scrolling and copying.
pub(crate) fn overview_lines(
    app: &App,
    p: &Profile,
    x: &PartnerExtra,
    width: usize,
) -> Vec<Line<'static>> {
    let t = &app.theme;
    let width = width.max(1);
    const LABEL: usize = 14;
    let mut out: Vec<Line<'static>> = Vec::new();
    // A labelled line; its continuation lines align under the value.
    let field = |out: &mut Vec<Line<'static>>, label: &str, value: Vec<Span<'static>>| {
        let mut spans = vec![Span::styled(pad(label, LABEL), t.dim)];
        spans.extend(value);
        out.extend(wrap(&spans, width, LABEL));
    };
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .filter_map(|k| p.counts.get(k).map(|&n| (k, n)))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| plural(n, k.as_str(), &format!("{}s", k.as_str())))
        .collect();
    field(
        &mut out,
        "Events",
        vec![
            Span::styled(p.total.to_string(), t.accent),
            Span::raw(if kinds.is_empty() {
                String::new()
            } else {
                format!(": {}", kinds.join(" · "))
            }),
        ],
    );
    field(
        &mut out,
        "Last contact",
        vec![
            Span::styled(date(p.last_contact), t.accent),
            Span::styled(" · first ", t.dim),
            Span::raw(date(p.first_contact)),
        ],
    );
    // One cell per year from the first dated event to the last, quiet years blank, so the
    // rhythm of the relationship shows at a glance.
    let activity = match (p.activity.first(), p.activity.last()) {
        (Some((lo, _)), Some((hi, _))) => {
            let values: Vec<usize> = p.activity.iter().map(|(_, n)| *n).collect();
            let max = values.iter().copied().max().unwrap_or(0);
            let dated: usize = values.iter().sum();
            vec![
                Span::styled(format!("{lo} "), t.dim),
                Span::styled(super::super::text::sparkline(&values, max), t.bar),
                Span::styled(format!(" {hi}"), t.dim),
                Span::styled(
                    format!("  {dated} dated events, at most {max} a year"),
                    t.dim,
                ),
            ]
        }
        _ => vec![Span::styled("no dated events", t.dim)],
    };
    field(&mut out, "Activity", activity);
    field(
        &mut out,
        "Sources",
        vec![Span::raw(plural(x.sources.len(), "article", "articles"))],
    );

    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Top counterparts", t.header)));
    if p.counterparts.is_empty() {
        out.push(Line::from(Span::styled("  none named", t.dim)));
    }
    let name_w = 22.min(width / 3);
    let shown = overview_items(&app.index, p);
    for (k, &i) in shown.people.iter().enumerate() {
        let Some(person) = app.data.people.get(i) else {
            continue;
        };
        let met = x.last_met.get(k).copied().flatten();
        // One line each, the post cut to fit: the Counterparts tab has the details.
        let room = width.saturating_sub(2 + name_w + 1 + 11 + 2);
        out.push(Line::from(vec![
            Span::raw(format!("  {} ", pad(&clean(&person.name), name_w))),
            Span::styled(format!("{} ", pad(&met_str(met), 10)), t.dim),
            Span::styled(if person.conflict { "! " } else { "  " }, t.warning),
            Span::raw(fit(&post(person), room)),
        ]));
    }
    if shown
        .people
        .iter()
        .any(|&i| app.data.people.get(i).is_some_and(|x| x.conflict))
    {
        out.push(Line::from(Span::styled(
            "  ! sources disagree on the post (see Counterparts)",
            t.dim,
        )));
    }

    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Focus areas", t.header)));
    if p.focus.is_empty() {
        out.push(Line::from(Span::styled("  none named", t.dim)));
    }
    let max_focus = p.focus.first().map(|(_, n)| *n).unwrap_or(0);
    let bar_w = width.saturating_sub(2 + name_w + 1 + 4).min(30);
    for (a, n) in p.focus.iter().take(6) {
        out.push(Line::from(vec![
            Span::raw(format!("  {} ", pad(&clean(a), name_w))),
            Span::raw(format!("{n:>3} ")),
            Span::styled(bar(*n, max_focus, bar_w), t.bar),
        ]));
    }

    // At most OVERVIEW_EVENTS of each list, so the Overview of a partner with thousands of
    // events costs what a screen costs; a last line says how many more there are.
    let event_lines =
        |out: &mut Vec<Line<'static>>, events: &[usize], total: usize, style: Style| {
            for &e in events.iter().take(OVERVIEW_EVENTS) {
                if let Some(ev) = app.data.events.get(e) {
                    out.extend(wrap(
                        &[Span::styled(
                            format!("  {}", event_summary(app, ev, Some(&p.partner))),
                            style,
                        )],
                        width,
                        4,
                    ));
                }
            }
            if total > OVERVIEW_EVENTS {
                out.push(Line::from(Span::styled(
                    format!("  … and {} more", total - OVERVIEW_EVENTS),
                    t.dim,
                )));
            }
        };
    out.push(Line::from(""));
    out.push(Line::from(Span::styled("Planned", t.header)));
    if p.planned.is_empty() {
        out.push(Line::from(Span::styled("  nothing announced", t.dim)));
    }
    event_lines(&mut out, &shown.planned, p.planned.len(), t.planned);
    let n_others: usize = p.others.values().map(Vec::len).sum();
    if n_others > 0 {
        out.push(Line::from(""));
        out.push(Line::from(Span::styled(
            "Other events (awards, training, assistance, statements)",
            t.header,
        )));
        event_lines(&mut out, &shown.others, n_others, t.base);
    }
    out
}

/// The events the Overview lists under Planned and Other events, at most.
const OVERVIEW_EVENTS: usize = 50;

/// What the Overview shows of a partner's events and officials.
pub(crate) struct OverviewItems {
    /// The first planned events, at most [`OVERVIEW_EVENTS`].
    pub planned: Vec<usize>,
    /// The newest of the other events (awards, training, ...), at most [`OVERVIEW_EVENTS`].
    pub others: Vec<usize>,
    /// The top counterparts.
    pub people: Vec<usize>,
}

/// The events and officials the Overview of `p` shows, chosen from the columns alone: the
/// Overview draws these, and the dashboard's first frame is drawn once they are read (see
/// [`crate::cache::Columns::FirstFrame`]).
pub(crate) fn overview_items(index: &Index, p: &Profile) -> OverviewItems {
    OverviewItems {
        planned: p.planned.iter().take(OVERVIEW_EVENTS).copied().collect(),
        others: newest_of(index, p.others.values().map(Vec::as_slice), OVERVIEW_EVENTS),
        people: p.counterparts.iter().take(5).copied().collect(),
    }
}

/// The first `k` events of lists that are each newest first, merged newest first.
fn newest_of<'p>(index: &Index, lists: impl Iterator<Item = &'p [usize]>, k: usize) -> Vec<usize> {
    let key = |i: usize| {
        let d = index.start_date(i);
        (d.is_none(), std::cmp::Reverse(d), std::cmp::Reverse(i))
    };
    let mut lists: Vec<&[usize]> = lists.filter(|l| !l.is_empty()).collect();
    let mut out = Vec::with_capacity(k);
    while out.len() < k {
        let Some(best) = (0..lists.len()).min_by_key(|&l| key(lists[l][0])) else {
            break;
        };
        out.push(lists[best][0]);
        lists[best] = &lists[best][1..];
        if lists[best].is_empty() {
            lists.remove(best);
        }
    }
    out
}

/// The post shown for an official: the latest title claimed, with the organisation unless
/// the title names it.
fn post(person: &crate::profile::PersonRecord) -> String {
    let title = person.latest_title().map(clean);
    let org = (!person.orgs.is_empty()).then(|| clean(&person.orgs.join(", ")));
    match (title, org) {
        (Some(t), Some(o)) if !t.to_lowercase().contains(&o.to_lowercase()) => {
            format!("{t} ({o})")
        }
        (Some(t), _) => t,
        (None, Some(o)) => o,
        (None, None) => String::new(),
    }
}

fn overview(app: &App, frame: &mut Frame, r: &Regions) {
    let lines = app.overview_lines(usize::from(r.body.width.saturating_sub(1)));
    let page = usize::from(r.body.height);
    let offset = app.view.detail[Tab::Overview.index()]
        .offset
        .min(lines.len().saturating_sub(page));
    let shown: Vec<Line> = lines.iter().skip(offset).take(page).cloned().collect();
    let inner = Rect {
        x: r.body.x + 1,
        width: r.body.width.saturating_sub(1),
        ..r.body
    };
    frame.render_widget(Paragraph::new(shown), inner);
}

fn no_rows(app: &App, frame: &mut Frame, r: &Regions, what: &str, p: &Profile) {
    let name = clean(&p.name);
    empty_message(app, frame, r.body, Some(&format!("{what} with {name}")));
}

fn agreements(app: &App, frame: &mut Frame, r: &Regions, p: &Profile, focused: bool) {
    if p.agreements.is_empty() {
        return no_rows(app, frame, r, "agreements", p);
    }
    let t = &app.theme;
    table(
        app,
        frame,
        r,
        &[
            ("Date", false),
            ("What", false),
            ("Signed with", false),
            ("Focus", false),
            ("Src", true),
        ],
        &[
            Col::Fixed(10),
            Col::Flex(4),
            Col::Flex(3),
            Col::Flex(3),
            Col::Fixed(3),
        ],
        p.agreements.len(),
        focused,
        &|i| {
            let Some(e) = p.agreements.get(i).and_then(|&e| app.data.events.get(e)) else {
                return Vec::new();
            };
            let mut what = e
                .what
                .as_deref()
                .map(clean)
                .unwrap_or_else(|| "agreement".to_owned());
            if e.status == Status::Planned {
                what = format!("(planned) {what}");
            }
            let people = partner_people(app, e);
            let style = (e.status == Status::Planned).then_some(t.planned);
            vec![
                cell(date(e.date)),
                Cell {
                    style,
                    ..cell(what)
                },
                cell(if people.is_empty() {
                    "—".to_owned()
                } else {
                    people.join(", ")
                }),
                cell(clean(&e.focus.join(", "))).styled(t.dim),
                num(e.sources.len()),
            ]
        },
    );
}

fn meetings(app: &App, frame: &mut Frame, r: &Regions, p: &Profile, focused: bool) {
    if p.timeline.is_empty() {
        return no_rows(app, frame, r, "meetings or visits", p);
    }
    let t = &app.theme;
    table(
        app,
        frame,
        r,
        &[
            ("Date", false),
            ("", false),
            ("Kind", false),
            ("Where", false),
            ("Who", false),
            ("Src", true),
        ],
        &[
            Col::Fixed(10),
            Col::Fixed(1),
            Col::Fixed(7),
            Col::Flex(1),
            Col::Flex(3),
            Col::Fixed(3),
        ],
        p.timeline.len(),
        focused,
        &|i| {
            let Some(e) = p.timeline.get(i).and_then(|&e| app.data.events.get(e)) else {
                return Vec::new();
            };
            // A dot on the timeline: filled for what happened, hollow for what is planned.
            let planned = e.status == Status::Planned;
            let people = partner_people(app, e);
            vec![
                cell(date(e.date)),
                cell(if planned { "○" } else { "●" }).styled(if planned {
                    t.planned
                } else {
                    t.accent
                }),
                cell(e.kind.to_string()).styled(if planned { t.planned } else { t.base }),
                cell(
                    e.place
                        .as_deref()
                        .map(clean)
                        .unwrap_or_else(|| "—".to_owned()),
                ),
                cell(if people.is_empty() {
                    "—".to_owned()
                } else {
                    people.join(", ")
                }),
                num(e.sources.len()),
            ]
        },
    );
}

fn counterparts(
    app: &App,
    frame: &mut Frame,
    r: &Regions,
    p: &Profile,
    x: &PartnerExtra,
    focused: bool,
) {
    if p.counterparts.is_empty() {
        return no_rows(app, frame, r, "named counterparts", p);
    }
    let t = &app.theme;
    table(
        app,
        frame,
        r,
        &[
            ("Name", false),
            ("Title", false),
            ("Organisation", false),
            ("Last met", false),
            ("!", false),
        ],
        &[
            Col::Flex(3),
            Col::Flex(6),
            Col::Flex(2),
            Col::Fixed(10),
            Col::Fixed(1),
        ],
        p.counterparts.len(),
        focused,
        &|i| {
            let Some(person) = p.counterparts.get(i).and_then(|&k| app.data.people.get(k)) else {
                return Vec::new();
            };
            let title = person
                .titles
                .iter()
                .rev()
                .find_map(|c| c.title.as_deref())
                .map(clean)
                .unwrap_or_else(|| "—".to_owned());
            let org = if person.orgs.is_empty() {
                "—".to_owned()
            } else {
                clean(&person.orgs.join(", "))
            };
            let met = x.last_met.get(i).copied().flatten();
            vec![
                cell(clean(&person.name)),
                cell(title),
                cell(org).styled(t.dim),
                cell(met_str(met)),
                // Sources disagree on this person's title or organisation.
                cell(if person.conflict { "!" } else { "" }).styled(t.warning),
            ]
        },
    );
}

fn focus(app: &App, frame: &mut Frame, r: &Regions, p: &Profile, focused: bool) {
    if p.focus.is_empty() {
        return no_rows(app, frame, r, "focus areas named", p);
    }
    let t = &app.theme;
    let max = p.focus.first().map(|(_, n)| *n).unwrap_or(0);
    let total = p.total.max(1);
    let w = widths(
        usize::from(r.body_rows.width).saturating_sub(2),
        &[Col::Flex(2), Col::Fixed(4), Col::Fixed(5), Col::Flex(3)],
    );
    let bar_w = w.get(3).copied().unwrap_or(0);
    table(
        app,
        frame,
        r,
        &[
            ("Focus area", false),
            ("Ev", true),
            ("Share", true),
            ("", false),
        ],
        &[Col::Flex(2), Col::Fixed(4), Col::Fixed(5), Col::Flex(3)],
        p.focus.len(),
        focused,
        &|i| {
            let Some((a, n)) = p.focus.get(i) else {
                return Vec::new();
            };
            vec![
                cell(clean(a)),
                num(*n),
                Cell {
                    text: format!("{}%", n * 100 / total),
                    right: true,
                    style: Some(t.dim),
                },
                cell(bar(*n, max, bar_w)).styled(t.bar),
            ]
        },
    );
}

fn sources(app: &App, frame: &mut Frame, r: &Regions, x: &PartnerExtra, focused: bool) {
    if x.sources.is_empty() {
        empty_message(app, frame, r.body, Some("sources"));
        return;
    }
    let t = &app.theme;
    table(
        app,
        frame,
        r,
        &[
            ("Published", false),
            ("Outlet", false),
            ("Title", false),
            ("Ev", true),
        ],
        &[Col::Fixed(10), Col::Flex(2), Col::Flex(5), Col::Fixed(3)],
        x.sources.len(),
        focused,
        &|i| {
            let Some(src) = x.sources.get(i) else {
                return Vec::new();
            };
            let a = &src.article;
            let meta = source_meta(&app.data, src);
            let title = meta
                .and_then(|m| m.title.as_deref())
                .map(clean)
                .unwrap_or_else(|| fit(&clean(a), 60));
            vec![
                cell(date(meta.and_then(|m| m.published))),
                cell(
                    meta.and_then(|m| m.source.as_deref())
                        .map(clean)
                        .unwrap_or_else(|| "—".to_owned()),
                )
                .styled(t.dim),
                cell(title),
                num(x.source_events(i).len()),
            ]
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_share_what_fixed_columns_leave() {
        let w = widths(
            40,
            &[Col::Fixed(10), Col::Flex(1), Col::Flex(1), Col::Fixed(3)],
        );
        assert_eq!(w.iter().sum::<usize>() + 3, 40);
        assert_eq!(w, vec![10, 12, 12, 3]);
        // Too narrow: flexible columns shrink to nothing, never below zero.
        assert_eq!(widths(5, &[Col::Fixed(10), Col::Flex(1)]), vec![10, 0]);
    }
}
