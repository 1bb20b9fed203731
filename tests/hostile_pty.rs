//! An article full of escape sequences, shown in the real dashboard in a pseudo-terminal.
//!
//! `tests/fixtures/hostile/escapes.txt` carries colour, OSC 0 and OSC 2 (window title), OSC 52
//! (clipboard write), CSI 2J/3J (screen clear), RIS (`ESC c`), cursor moves and saves, a DCS
//! string and an 8-bit CSI, in its title and in the sentence behind its one event. The test
//! loads it with `--data`, finds the official by search, lands on his country, opens the
//! evidence popup (which prints that sentence and the article's title) and quits. Then:
//!
//! - the terminal emulator (vt100, with callbacks recording every title, icon name and
//!   clipboard request) saw no window title, no icon name and no clipboard write;
//! - the raw bytes liaison wrote contain none of the article's payloads, and no OSC, screen
//!   clear or reset at all once the dashboard was up;
//! - a line printed on the main screen before liaison started is still there, at its place,
//!   after it quits: nothing cleared or moved the screen outside liaison's own cells.

#![cfg(unix)]

mod common;

use std::path::Path;

use common::pty::{Session, command, emulator};

const MARKER: &str = "MAIN-SCREEN-MARKER-BEFORE-LIAISON";

/// What the emulator was asked to do besides drawing.
#[derive(Default)]
struct Recorder {
    titles: Vec<Vec<u8>>,
    icon_names: Vec<Vec<u8>>,
    clipboard: Vec<Vec<u8>>,
    other_osc: Vec<Vec<Vec<u8>>>,
}

impl vt100::Callbacks for Recorder {
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.icon_names.push(name.to_vec());
    }
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.other_osc
            .push(params.iter().map(|p| p.to_vec()).collect());
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn escape_sequences_in_an_article_never_reach_the_terminal() {
    let corpus = tempfile::tempdir().unwrap();
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/escapes.txt");
    let bytes = std::fs::read(&article).unwrap();
    for payload in [
        &b"\x1b]0;"[..],
        b"\x1b]2;",
        b"\x1b]52;",
        b"\x1b[2J",
        b"\x1bc",
    ] {
        assert!(find(&bytes, payload).is_some(), "fixture lacks {payload:?}");
    }
    // The detectors work: the raw file, shown as it is, sets a title and writes the clipboard.
    let mut raw = emulator(Recorder::default());
    raw.process(&bytes);
    assert!(!raw.callbacks().titles.is_empty() && !raw.callbacks().clipboard.is_empty());
    std::fs::write(corpus.path().join("escapes.txt"), &bytes).unwrap();
    let config = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();

    // A line on the main screen first, then liaison in the same terminal.
    let mut cmd = command("sh", config.path(), cwd.path());
    cmd.arg("-c");
    cmd.arg(format!(
        "printf '%s\\n' {MARKER}; exec \"$0\" --data \"$1\" --home MAR"
    ));
    cmd.arg(env!("CARGO_BIN_EXE_liaison"));
    cmd.arg(corpus.path());
    let mut s = Session::spawn(cmd, Recorder::default());

    s.wait_for("the dashboard", |s| {
        s.contains("Countries") && s.contains("? help") && s.contains("Spain")
    });
    let ready_at = s.output.lock().unwrap().len();

    let sc = s.search_pick("marlaska", "Grande-Marlaska", "Spain (ESP)");
    assert!(
        // The name column is narrow: "Fernando Gr…".
        sc.lines().any(|l| l.contains("▶ Fernando Gr")),
        "the official is not selected:\n{sc}"
    );
    s.send(b"\r");
    let sc = s.wait_for("the evidence", |s| s.contains("Evidence"));
    // The sentence behind the event and the article's title, cleaned.
    assert!(
        sc.contains("Fernando Grande-Marlaska met Moroccan"),
        "the source sentence is not shown:\n{sc}"
    );
    assert!(sc.contains("Escapes in the title"), "{sc}");
    assert!(!sc.contains("PWNED"), "{sc}");
    // liaison's own frame is intact: the key-hint bar at the bottom.
    assert!(
        sc.lines().last().is_some_and(|l| l.contains("help")),
        "the bottom bar is gone:\n{sc}"
    );

    s.send(b"\x1b");
    s.wait_for("the popup closed", |s| !s.contains("Evidence"));
    s.send(b"q");
    let status = s.finish();
    assert!(status.success(), "exit status {status:?}");

    // The emulator's view.
    let p = s.parser.lock().unwrap();
    let rec = p.callbacks();
    assert!(rec.titles.is_empty(), "window title set: {:?}", rec.titles);
    assert!(
        rec.icon_names.is_empty(),
        "icon name set: {:?}",
        rec.icon_names
    );
    assert!(
        rec.clipboard.is_empty(),
        "clipboard written: {:?}",
        rec.clipboard
    );
    assert!(
        rec.other_osc.is_empty(),
        "OSC sequences: {:?}",
        rec.other_osc
    );
    let main = p.screen();
    assert!(!main.alternate_screen());
    let first = main
        .contents()
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(
        first,
        MARKER,
        "the main screen was cleared or moved:\n{}",
        main.contents()
    );
    drop(p);

    // The raw bytes.
    let out = s.output.lock().unwrap();
    for payload in [
        &b"PWNED"[..],
        b"UFdORUQ",
        b"\x1b]0;",
        b"\x1b]2;",
        b"\x1b]52;",
        b"\x1bc",
        b"\x1b[3J",
        b"\xc2\x9b",
        b"\x1bP",
    ] {
        assert!(
            find(&out, payload).is_none(),
            "{:?} in liaison's output",
            String::from_utf8_lossy(payload)
        );
    }
    // Once the dashboard is up, nothing clears the whole screen: every change is cells.
    let after = &out[ready_at..];
    for payload in [&b"\x1b[2J"[..], b"\x1b]"] {
        assert!(
            find(after, payload).is_none(),
            "{:?} sent while the dashboard was up",
            String::from_utf8_lossy(payload)
        );
    }
}
