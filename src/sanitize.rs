//! The one sanitiser for untrusted text.
//!
//! Every article comes from a scraper or a stranger, and liaison prints article text into
//! analysts' terminals, clipboards and error messages. A stray `ESC ] 52 ;` would write the
//! clipboard, `ESC ] 0 ;` the window title, `ESC [ 2 J` would clear the screen. So text is
//! cleaned once, at load time, before anything else sees it:
//!
//! - escape sequences (CSI, OSC, DCS, SOS, PM, APC, and two-byte `ESC x`) are removed whole,
//!   including their 8-bit C1 forms;
//! - other control characters are replaced by U+FFFD so the reader sees that something was
//!   there (tabs become a space; line feeds are kept);
//! - bidi controls and zero-width characters are dropped, because they can make text read
//!   differently from what it is and break column arithmetic.
//!
//! The output never contains a control character other than `\n`, and sanitising twice gives
//! the same text as sanitising once.

use std::borrow::Cow;

const REPLACEMENT: char = '\u{FFFD}';

/// True for characters dropped silently: bidi embeddings, overrides, isolates and marks, and
/// zero-width characters (including the byte-order mark).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{061C}'
            | '\u{FEFF}'
    )
}

fn needs_work(c: char) -> bool {
    (c.is_control() && c != '\n') || is_invisible(c)
}

/// Whether no character of `input` needs work: [`needs_work`], with ASCII (nearly every
/// byte of an article) told from its byte alone rather than decoded as a character.
fn is_clean(input: &str) -> bool {
    let bytes = input.as_bytes();
    // Printable ASCII and line breaks alone: one pass the compiler vectorises.
    if bytes.iter().all(|&b| matches!(b, 0x20..=0x7E | b'\n')) {
        return true;
    }
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            // ASCII controls are C0 and DEL.
            if (b < 0x20 && b != b'\n') || b == 0x7F {
                return false;
            }
            i += 1;
        } else {
            let Some(c) = input.get(i..).and_then(|rest| rest.chars().next()) else {
                return false;
            };
            if needs_work(c) {
                return false;
            }
            i += c.len_utf8();
        }
    }
    true
}

/// Sanitises untrusted text; borrows when there is nothing to do (the common case).
pub fn sanitize(input: &str) -> Cow<'_, str> {
    if is_clean(input) {
        return Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{1B}' => skip_escape(&mut chars),
            // 8-bit CSI: parameters then a final byte.
            '\u{9B}' => skip_csi(&mut chars),
            // 8-bit OSC, DCS, SOS, PM, APC: a string up to ST or BEL.
            '\u{9D}' | '\u{90}' | '\u{98}' | '\u{9E}' | '\u{9F}' => skip_string(&mut chars),
            c if is_invisible(c) => {}
            c if c.is_control() => out.push(REPLACEMENT),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
            chars.next();
            skip_string(chars);
        }
        // Two-byte sequences (ESC 7, ESC c, ESC ( B ...): drop the escape and its
        // intermediate and final characters, which are all printable ASCII.
        Some(c) if (' '..='/').contains(&c) => {
            chars.next();
            if let Some(&f) = chars.peek()
                && ('0'..='~').contains(&f)
            {
                chars.next();
            }
        }
        Some(c) if ('0'..='~').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// CSI: parameter bytes 0x30–0x3F, intermediates 0x20–0x2F, one final byte 0x40–0x7E. Stops
/// early (without eating it) at anything else, so a malformed sequence cannot swallow text.
fn skip_csi(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        if ('\u{30}'..='\u{3F}').contains(&c) || ('\u{20}'..='\u{2F}').contains(&c) {
            chars.next();
        } else {
            if ('\u{40}'..='\u{7E}').contains(&c) {
                chars.next();
            }
            return;
        }
    }
}

/// OSC/DCS-like strings end at BEL, ESC \ or the 8-bit ST. An unterminated one ends at the
/// line end, so one bad byte never hides the rest of an article.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{7}' | '\u{9C}' => {
                chars.next();
                return;
            }
            '\u{1B}' => {
                chars.next();
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            '\n' => return,
            _ => {
                chars.next();
            }
        }
    }
}

/// Sanitises a single-line value (a title, a file name in an error): also folds line feeds.
pub fn sanitize_line(input: &str) -> String {
    match sanitize(input) {
        Cow::Borrowed(clean) if !clean.contains('\n') => clean.to_owned(),
        text => text.replace('\n', " "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(sanitize("Plain text, é ’ 中文"), Cow::Borrowed(_)));
    }

    #[test]
    fn removes_colour_title_clipboard_and_clear() {
        let s = "a\u{1b}[31mred\u{1b}[0m b\u{1b}]0;evil title\u{7} c\u{1b}]52;c;aGVsbG8=\u{1b}\\ d\u{1b}[2J\u{1b}[H e";
        assert_eq!(sanitize(s), "ared b c d e");
    }

    #[test]
    fn replaces_controls_and_drops_bidi() {
        assert_eq!(sanitize("x\u{0}y\u{8}z\tw"), "x\u{FFFD}y\u{FFFD}z w");
        assert_eq!(sanitize("ab\u{202E}cd\u{200B}e\u{FEFF}"), "abcde");
    }

    #[test]
    fn unterminated_osc_stops_at_line_end() {
        assert_eq!(sanitize("a\u{1b}]0;title\nkept"), "a\nkept");
    }

    #[test]
    fn eight_bit_csi_removed() {
        assert_eq!(sanitize("a\u{9b}31mb"), "ab");
    }

    proptest! {
        /// The byte check of clean text agrees with the character check, on any text, on
        /// ASCII with and without controls, and mixed with other characters.
        #[test]
        fn the_byte_check_is_the_character_check(
            s in any::<String>(),
            ascii in "[\\x00-\\x7f]{0,40}",
            printable in "[ -~\n]{0,40}",
            other in "[é\u{200B}\u{85}\u{2028}a ]{0,5}",
        ) {
            let texts = [
                s.clone(),
                ascii.clone(),
                printable.clone(),
                format!("{printable}{other}{printable}"),
                format!("{ascii}{other}"),
            ];
            for text in texts {
                prop_assert_eq!(is_clean(&text), !text.chars().any(needs_work), "{:?}", text);
            }
            prop_assert!(is_clean(&printable));
        }

        #[test]
        fn output_has_no_controls(s in "\\PC*|[\\x00-\\x1f\\x7f-\\x9f\\u{202a}-\\u{202e}a-z\\[\\];]*") {
            let out = sanitize(&s);
            prop_assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
            prop_assert!(!out.chars().any(is_invisible));
        }

        #[test]
        fn idempotent(s in "[\\x00-\\x1f\\x7f-\\x9f\\u{202a}-\\u{202e}a-z0-9\\[\\];\\\\]*") {
            let once = sanitize(&s).into_owned();
            let twice = sanitize(&once).into_owned();
            prop_assert_eq!(once, twice);
        }
    }
}
