//! Reading one article: bytes in, a sanitised body and its front matter out, with a warning
//! (file, line, what was expected) for anything malformed. Only an article with no usable text
//! is dropped; everything else is kept with what could be read.

use crate::dates::PartialDate;
use crate::model::{ArticleMeta, Warning};
use crate::sanitize::{sanitize, sanitize_line};

/// A loaded article: metadata, and the body text extraction reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Article {
    pub meta: ArticleMeta,
    /// Where it came from, for messages ("data/articles/x.txt", or "embedded:x.txt").
    pub path: String,
    /// The body: sanitised, line ends normalised to `\n`. Source offsets point into it.
    pub body: String,
    /// 1-based line of the file at which the body starts.
    pub body_line: usize,
}

const KEYS: [&str; 4] = ["title", "source", "url", "published"];

/// Parses an article file. `id` is the file stem; `path` is only used in messages.
pub fn parse_article(id: &str, path: &str, bytes: &[u8]) -> (Option<Article>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut warn = |line: usize, message: String| {
        warnings.push(Warning {
            article: sanitize_line(path),
            line,
            message,
        })
    };

    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        warn(
            1,
            "empty article: expected a body, optionally after a front matter".into(),
        );
        return (None, warnings);
    }
    if looks_binary(bytes) {
        warn(
            1,
            "binary file, not an article: expected UTF-8 text (skipped)".into(),
        );
        return (None, warnings);
    }

    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(e) => {
            let at = e.valid_up_to();
            let line = 1 + bytes[..at]
                .iter()
                .enumerate()
                .filter(|&(i, &b)| b == b'\r' || (b == b'\n' && (i == 0 || bytes[i - 1] != b'\r')))
                .count();
            warn(
                line,
                format!(
                    "invalid UTF-8 at byte {at}: expected UTF-8 text; bad bytes replaced with U+FFFD"
                ),
            );
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let text = sanitize(&text).into_owned();

    let mut meta = ArticleMeta {
        id: id.to_owned(),
        ..Default::default()
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let (body_start_line, fm_warnings) = read_front_matter(&lines, &mut meta);
    for (line, message) in fm_warnings {
        warn(line, message);
    }
    if meta.published.is_none() {
        meta.published = date_from_stem(id);
    }

    let body: String = lines[body_start_line..].join("\n");
    let body = body.trim_end().to_owned();
    if body.trim().is_empty() {
        warn(
            body_start_line + 1,
            "article has no body: expected text after the front matter".into(),
        );
        return (None, warnings);
    }
    let article = Article {
        meta,
        path: sanitize_line(path),
        body,
        body_line: body_start_line + 1,
    };
    (Some(article), warnings)
}

/// A file is binary when a good share of its first bytes are not text. NUL bytes alone in a
/// text file do not make it binary: the sanitiser replaces them.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let odd = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x1b))
        .count();
    let invalid = match std::str::from_utf8(head) {
        Ok(_) => 0,
        Err(e) if e.error_len().is_none() => 0, // cut in the middle of a character
        Err(_) => String::from_utf8_lossy(head).matches('\u{FFFD}').count(),
    };
    (odd + invalid) * 10 > head.len().max(1) * 3
}

fn is_key_line(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    if key.is_empty()
        || key.len() > 24
        || !key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        return None;
    }
    Some((key, value.trim()))
}

/// Reads the `key: value` block and its `---` line. Returns the index of the first body line.
///
/// A front matter exists when the first non-empty line is a known key (or `---`, YAML style).
/// Without a closing `---` it ends at the first line that is not `key: value`, with a warning,
/// and that line starts the body, so no text is lost.
fn read_front_matter(lines: &[&str], meta: &mut ArticleMeta) -> (usize, Vec<(usize, String)>) {
    let mut warnings = Vec::new();
    let Some(first) = lines.iter().position(|l| !l.trim().is_empty()) else {
        return (0, warnings);
    };
    let yaml = lines[first].trim() == "---";
    let starts_with_key = is_key_line(lines[first])
        .map(|(k, _)| KEYS.contains(&k.to_ascii_lowercase().as_str()))
        .unwrap_or(false);
    if !yaml && !starts_with_key {
        return (0, warnings); // a bare body
    }
    let mut seen: Vec<(String, usize)> = Vec::new();
    let mut last_key = first;
    let mut i = if yaml { first + 1 } else { first };
    while i < lines.len() {
        let line = lines[i];
        let lineno = i + 1;
        if line.trim() == "---" {
            return (i + 1, warnings);
        }
        if line.trim().is_empty() {
            i += 1;
            continue;
        }
        let Some((key, value)) = is_key_line(line) else {
            break;
        };
        let key_l = key.to_ascii_lowercase();
        if let Some((_, at)) = seen.iter().find(|(k, _)| *k == key_l) {
            warnings.push((
                lineno,
                format!("duplicate key `{key}` (first at line {at}); this one is ignored"),
            ));
        } else {
            seen.push((key_l.clone(), lineno));
            set_key(meta, &key_l, value, lineno, &mut warnings);
        }
        last_key = i;
        i += 1;
    }
    warnings.push((
        last_key + 1,
        "front matter has no closing `---` line: expected `---` after the `key: value` lines; the body is read from the next line".into(),
    ));
    (i, warnings)
}

fn set_key(
    meta: &mut ArticleMeta,
    key: &str,
    value: &str,
    lineno: usize,
    warnings: &mut Vec<(usize, String)>,
) {
    let value = sanitize_line(value);
    let non_empty = (!value.is_empty()).then(|| value.clone());
    match key {
        "title" => meta.title = non_empty,
        "source" => meta.source = non_empty,
        "url" => meta.url = non_empty,
        "published" => match PartialDate::parse(&value) {
            Ok(d) => meta.published = Some(d),
            Err(e) => warnings.push((
                lineno,
                format!(
                    "bad `published` date: {e}; expected YYYY, YYYY-MM or YYYY-MM-DD (relative dates in this article use the date in its file name, if any)"
                ),
            )),
        },
        other => warnings.push((
            lineno,
            format!(
                "unknown front-matter key `{other}` (expected title, source, url or published); ignored"
            ),
        )),
    }
}

/// Takes the date a file name starts with ("2024-06-30-..." or "2024-12-..."), the seed
/// corpus's naming habit, as a fallback publication date.
fn date_from_stem(stem: &str) -> Option<PartialDate> {
    let parts: Vec<&str> = stem.splitn(4, '-').collect();
    let num = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y, m, d, ..] if num(y, 4) && num(m, 2) && num(d, 2) => {
            PartialDate::parse(&format!("{y}-{m}-{d}")).ok()
        }
        [y, m, ..] if num(y, 4) && num(m, 2) => PartialDate::parse(&format!("{y}-{m}")).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> (Option<Article>, Vec<Warning>) {
        parse_article("a", "dir/a.txt", s.as_bytes())
    }

    #[test]
    fn front_matter_and_body() {
        let (a, w) = parse(
            "title: T\nsource: S\nurl: http://x\npublished: 2024-06\n---\nBody line.\nSecond.\n",
        );
        let a = a.unwrap();
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(a.meta.title.as_deref(), Some("T"));
        assert_eq!(a.meta.published.unwrap().to_string(), "2024-06");
        assert_eq!(a.body, "Body line.\nSecond.");
        assert_eq!(a.body_line, 6);
    }

    #[test]
    fn bare_body() {
        let (a, w) = parse("Officials met in Rabat.\n---\nMore.");
        assert!(w.is_empty());
        assert_eq!(a.unwrap().body, "Officials met in Rabat.\n---\nMore.");
    }

    #[test]
    fn impossible_date_warns_with_line_and_keeps_article() {
        let (a, w) = parse("title: T\npublished: 2024-13-45\n---\nBody.");
        assert!(a.is_some());
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 2);
        assert_eq!(w[0].article, "dir/a.txt");
        assert!(w[0].message.contains("2024-13-45"), "{}", w[0].message);
    }

    #[test]
    fn missing_separator_warns_and_reads_body() {
        let (a, w) = parse("title: T\nsource: S\nThe ministers met.");
        let a = a.unwrap();
        assert_eq!(a.body, "The ministers met.");
        assert_eq!(a.meta.source.as_deref(), Some("S"));
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 2);
        assert!(w[0].message.contains("---"));
    }

    #[test]
    fn duplicate_and_unknown_keys() {
        let (a, w) = parse("title: One\ntitle: Two\nauthor: X\n---\nBody.");
        assert_eq!(a.unwrap().meta.title.as_deref(), Some("One"));
        assert_eq!(w.len(), 2);
        assert_eq!((w[0].line, w[1].line), (2, 3));
        assert!(w[0].message.contains("duplicate"));
        assert!(w[1].message.contains("unknown"));
    }

    #[test]
    fn bad_line_inside_front_matter_starts_the_body() {
        let (a, w) = parse("title: T\nthis is not a key line\n---\nBody.");
        assert_eq!(a.unwrap().body, "this is not a key line\n---\nBody.");
        assert_eq!(w[0].line, 1);
    }

    #[test]
    fn empty_and_blank_files_are_skipped() {
        for s in ["", "  \n\n", "title: T\n---\n   \n"] {
            let (a, w) = parse(s);
            assert!(a.is_none(), "{s:?}");
            assert_eq!(w.len(), 1);
            assert!(w[0].line >= 1);
        }
    }

    #[test]
    fn invalid_utf8_names_the_line_and_keeps_the_rest() {
        let mut bytes = b"title: T\n---\nGood line.\nBad \xff byte.\n".to_vec();
        bytes.extend_from_slice(b"Another good line.");
        let (a, w) = parse_article("a", "a.txt", &bytes);
        let a = a.unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].line, 4);
        assert!(a.body.contains("Another good line."));
        assert!(a.body.contains('\u{FFFD}'));
    }

    #[test]
    fn binary_is_skipped() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
        let (a, w) = parse_article("a", "a.bin", &bytes);
        assert!(a.is_none());
        assert!(w[0].message.contains("binary"));
    }

    #[test]
    fn crlf_bom_and_escapes_are_normalised() {
        let (a, _) = parse("\u{FEFF}title: T\r\n---\r\nLine \u{1b}[31mred\u{1b}[0m.\rNext.");
        assert_eq!(a.unwrap().body, "Line red.\nNext.");
    }

    #[test]
    fn publication_date_falls_back_to_file_name() {
        let (a, _) = parse_article("2024-12-some-story", "x", b"Body.");
        assert_eq!(a.unwrap().meta.published.unwrap().to_string(), "2024-12");
        let (a, _) = parse_article("2024-06-30-story", "x", b"Body.");
        assert_eq!(a.unwrap().meta.published.unwrap().to_string(), "2024-06-30");
    }
}
