//! Width-aware text helpers for the dashboard.
//!
//! Widths are measured with ratatui's own measure ([`Span::width`]) and text is cut at
//! grapheme boundaries ([`Span::styled_graphemes`]), so what we compute always agrees with
//! what the renderer draws: a CJK character or an emoji counts two columns, a combining accent
//! stays on its letter, and a string is never sliced inside a character.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::dates::PartialDate;
use crate::sanitize::sanitize_line;

/// The columns `s` takes on screen.
pub fn width(s: &str) -> usize {
    Span::raw(s).width()
}

/// `s` cut to at most `max` columns, with "…" marking a cut.
pub fn fit(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    let span = Span::raw(s);
    for g in span.styled_graphemes(Style::default()) {
        let w = width(g.symbol);
        if used + w > max.saturating_sub(1) {
            break;
        }
        out.push_str(g.symbol);
        used += w;
    }
    out.push('…');
    out
}

/// `s` cut to `max` columns and padded with spaces to exactly `max` columns, for columns
/// built by hand.
pub fn pad(s: &str, max: usize) -> String {
    let mut out = fit(s, max);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', max.saturating_sub(w)));
    out
}

/// `s` right-aligned in `max` columns.
pub fn pad_left(s: &str, max: usize) -> String {
    let cut = fit(s, max);
    let w = width(&cut);
    let mut out: String = std::iter::repeat_n(' ', max.saturating_sub(w)).collect();
    out.push_str(&cut);
    out
}

/// Data text made safe for a terminal cell: the corpus is sanitised at load time, but every
/// dynamic string goes through this again before it reaches a [`Span`], because a view may
/// show text from files loaded by other means (user data files, aliases) and the cost is
/// one scan of a short string.
pub fn clean(s: &str) -> String {
    sanitize_line(s)
}

/// A date as shown, "undated" for none.
pub fn date(d: Option<PartialDate>) -> String {
    d.map(|d| d.to_string())
        .unwrap_or_else(|| "undated".to_owned())
}

/// A last-contact date as shown: "—" when there was none (only planned or no events).
pub fn met(d: Option<PartialDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".to_owned())
}

/// A date cut to the month ("2024-12"), so list columns stay narrow.
pub fn month(d: Option<PartialDate>) -> String {
    match d {
        Some(d) => match d.month {
            Some(m) => format!("{:04}-{m:02}", d.year),
            None => format!("{:04}", d.year),
        },
        None => "—".to_owned(),
    }
}

const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// A sparkline of `values` scaled to `max`; a zero is a space so that quiet years read as
/// gaps, not as small activity.
pub fn sparkline(values: &[usize], max: usize) -> String {
    values
        .iter()
        .map(|&v| {
            if v == 0 || max == 0 {
                ' '
            } else {
                let i = (v * SPARKS.len()).div_ceil(max).clamp(1, SPARKS.len()) - 1;
                SPARKS[i]
            }
        })
        .collect()
}

const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// A horizontal bar of `value / max` over `cells` columns, in eighths of a cell, at least one
/// eighth for a non-zero value so that every counted area is visible.
pub fn bar(value: usize, max: usize, cells: usize) -> String {
    if max == 0 || cells == 0 || value == 0 {
        return String::new();
    }
    let eighths = (value * cells * 8 / max).max(1);
    let mut out: String = std::iter::repeat_n('█', eighths / 8).collect();
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

/// Greedy word wrap of styled spans to `max` columns. Words longer than a line are split at
/// grapheme boundaries. Used where the view must know how many lines a text takes (to scroll
/// it), which ratatui's own wrapping does not tell.
pub fn wrap(spans: &[Span<'_>], max: usize, indent: usize) -> Vec<Line<'static>> {
    let max = max.max(1);
    let indent = indent.min(max.saturating_sub(1));
    // Graphemes with their style, grouped into words and single spaces.
    let mut cells: Vec<(String, Style)> = Vec::new();
    for s in spans {
        for g in s.styled_graphemes(Style::default()) {
            cells.push((g.symbol.to_owned(), g.style));
        }
    }
    let mut lines: Vec<Vec<(String, Style)>> = vec![Vec::new()];
    let mut used = 0;
    let mut i = 0;
    while i < cells.len() {
        if cells[i].0 == " " {
            // Leading spaces of the text are indentation and kept; a space at the start of
            // a continuation line is the break itself and dropped.
            if (lines.len() == 1 || used > indent) && used < max {
                if let Some(l) = lines.last_mut() {
                    l.push(cells[i].clone());
                }
                used += 1;
            }
            i += 1;
            continue;
        }
        let start = i;
        while i < cells.len() && cells[i].0 != " " {
            i += 1;
        }
        let word = &cells[start..i];
        let word_width: usize = word.iter().map(|(g, _)| width(g)).sum();
        if used + word_width > max && used > indent {
            // Drop the space the line ended with.
            if let Some(l) = lines.last_mut()
                && l.last().is_some_and(|(g, _)| g == " ")
            {
                l.pop();
            }
            lines.push(vec![(" ".repeat(indent), Style::default())]);
            used = indent;
        }
        for (g, st) in word {
            let w = width(g);
            if used + w > max && used > indent {
                lines.push(vec![(" ".repeat(indent), Style::default())]);
                used = indent;
            }
            if let Some(l) = lines.last_mut() {
                l.push((g.clone(), *st));
            }
            used += w;
        }
    }
    lines
        .into_iter()
        .map(|cells| {
            // Merge runs of one style into one span.
            let mut spans: Vec<Span<'static>> = Vec::new();
            let mut text = String::new();
            let mut style: Option<Style> = None;
            for (g, st) in cells {
                if style.is_some_and(|s| s != st) {
                    spans.push(Span::styled(
                        std::mem::take(&mut text),
                        style.unwrap_or_default(),
                    ));
                }
                style = Some(st);
                text.push_str(&g);
            }
            if !text.is_empty() {
                spans.push(Span::styled(text, style.unwrap_or_default()));
            }
            Line::from(spans)
        })
        .collect()
}

/// Byte ranges merged where they overlap or touch, sorted.
pub fn merge_ranges(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.retain(|(s, e)| s < e);
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// `text` split into spans, the byte `ranges` in `hi` and the rest in `base`. Ranges that do
/// not fall on character boundaries are skipped rather than trusted.
pub fn highlight(
    text: &str,
    ranges: &[(usize, usize)],
    base: Style,
    hi: Style,
) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    let mut at = 0;
    for &(s, e) in ranges {
        if s < at || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        if s > at {
            out.push(Span::styled(text[at..s].to_owned(), base));
        }
        out.push(Span::styled(text[s..e].to_owned(), hi));
        at = e;
    }
    if at < text.len() {
        out.push(Span::styled(text[at..].to_owned(), base));
    }
    out
}

/// `text` with the characters at `indices` (char positions, as the fuzzy matcher reports
/// them) in `hi`.
pub fn highlight_chars(text: &str, indices: &[u32], base: Style, hi: Style) -> Vec<Span<'static>> {
    let mut ranges = Vec::new();
    for (n, (b, c)) in text.char_indices().enumerate() {
        if u32::try_from(n).is_ok_and(|n| indices.binary_search(&n).is_ok()) {
            ranges.push((b, b + c.len_utf8()));
        }
    }
    highlight(text, &merge_ranges(ranges), base, hi)
}

/// Case-insensitive (ASCII and simple Unicode lower-casing) byte ranges of `needle` in
/// `hay`, on word boundaries, for highlighting names in a sentence.
pub fn find_word(hay: &str, needle: &str) -> Vec<(usize, usize)> {
    let needle = needle.trim();
    if needle.chars().count() < 3 {
        return Vec::new();
    }
    let lower_hay: Vec<(usize, char)> = hay
        .char_indices()
        .map(|(i, c)| (i, c.to_lowercase().next().unwrap_or(c)))
        .collect();
    let lower_needle: Vec<char> = needle
        .chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect();
    let mut out = Vec::new();
    if lower_needle.len() > lower_hay.len() {
        return out;
    }
    for start in 0..=lower_hay.len() - lower_needle.len() {
        let matches = lower_needle
            .iter()
            .enumerate()
            .all(|(k, c)| lower_hay[start + k].1 == *c);
        if !matches {
            continue;
        }
        let before_ok = start == 0 || !lower_hay[start - 1].1.is_alphanumeric();
        let end = start + lower_needle.len();
        let after_ok = end == lower_hay.len() || !lower_hay[end].1.is_alphanumeric();
        if before_ok && after_ok {
            let b = lower_hay[start].0;
            let e = lower_hay.get(end).map(|(i, _)| *i).unwrap_or(hay.len());
            out.push((b, e));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_counts_wide_characters_and_never_splits_them() {
        assert_eq!(fit("Belgium", 10), "Belgium");
        assert_eq!(fit("Belgium", 4), "Bel…");
        assert_eq!(width("中文字"), 6);
        assert_eq!(fit("中文字", 5), "中文…");
        assert_eq!(fit("中文字", 4), "中…");
        assert_eq!(fit("e\u{301}te\u{301}", 2), "e\u{301}…");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(pad("中", 4), "中  ");
        assert_eq!(pad_left("7", 3), "  7");
    }

    #[test]
    fn sparkline_and_bars_scale() {
        assert_eq!(sparkline(&[0, 1, 4, 8], 8), " ▁▄█");
        assert_eq!(bar(4, 4, 3), "███");
        assert_eq!(bar(1, 4, 3), "▊");
        assert_eq!(bar(1, 100, 3), "▏");
        assert_eq!(bar(0, 4, 3), "");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_splits_long_words() {
        let lines = wrap(&[Span::raw("the quick brown fox")], 10, 0);
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, ["the quick", "brown fox"]);
        let lines = wrap(&[Span::raw("abcdefghijkl")], 5, 0);
        assert_eq!(lines.len(), 3);
        let lines = wrap(&[Span::raw("中文中文中文")], 5, 0);
        assert!(lines.iter().all(|l| l.width() <= 5));
    }

    #[test]
    fn highlights_merge_and_respect_boundaries() {
        assert_eq!(
            merge_ranges(vec![(5, 7), (0, 2), (1, 3), (7, 9)]),
            [(0, 3), (5, 9)]
        );
        let spans = highlight("héllo", &[(1, 2)], Style::default(), Style::default());
        assert_eq!(spans.len(), 1, "a range inside a character is skipped");
        assert_eq!(find_word("Met Eric Snoeck; snoeckx", "snoeck"), [(9, 15)]);
        assert_eq!(find_word("Münch met", "münch"), [(0, 6)]);
    }
}
