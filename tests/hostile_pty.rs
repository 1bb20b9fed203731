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

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const COLS: u16 = 100;
const ROWS: u16 = 30;
const TIMEOUT: Duration = Duration::from_secs(20);
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

type Parser = vt100::Parser<Recorder>;

fn screen(parser: &Mutex<Parser>) -> String {
    parser.lock().unwrap().screen().contents()
}

fn wait_for(parser: &Mutex<Parser>, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    let mut last = String::new();
    loop {
        let now = screen(parser);
        if pred(&now) && now == last {
            return now;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "timed out waiting for {what}; screen:\n{now}"
        );
        last = now;
        thread::sleep(Duration::from_millis(200));
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
    let mut raw = vt100::Parser::new_with_callbacks(
        NonZeroU16::new(ROWS).unwrap(),
        NonZeroU16::new(COLS).unwrap(),
        0,
        Recorder::default(),
    );
    raw.process(&bytes);
    assert!(!raw.callbacks().titles.is_empty() && !raw.callbacks().clipboard.is_empty());
    std::fs::write(corpus.path().join("escapes.txt"), &bytes).unwrap();
    let config = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a pty");
    // A line on the main screen first, then liaison in the same terminal.
    let mut cmd = CommandBuilder::new("sh");
    cmd.arg("-c");
    cmd.arg(format!(
        "printf '%s\\n' {MARKER}; exec \"$0\" --data \"$1\" --home MAR"
    ));
    cmd.arg(env!("CARGO_BIN_EXE_liaison"));
    cmd.arg(corpus.path());
    cmd.cwd(cwd.path());
    cmd.env("LIAISON_CONFIG_DIR", config.path());
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("LIAISON_DATA");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("LIAISON_DEBUG_PANIC");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn liaison");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let output = Arc::new(Mutex::new(Vec::<u8>::new()));
    let parser = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
        NonZeroU16::new(ROWS).unwrap(),
        NonZeroU16::new(COLS).unwrap(),
        0,
        Recorder::default(),
    )));
    let (out2, parser2) = (Arc::clone(&output), Arc::clone(&parser));
    let reader = thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    out2.lock().unwrap().extend_from_slice(&buf[..n]);
                    parser2.lock().unwrap().process(&buf[..n]);
                }
            }
        }
    });
    let mut send = |b: &[u8]| {
        writer.write_all(b).unwrap();
        writer.flush().unwrap();
    };

    wait_for(&parser, "the dashboard", |s| {
        s.contains("Countries") && s.contains("? help") && s.contains("Spain")
    });
    let ready_at = output.lock().unwrap().len();

    send(b"/");
    wait_for(&parser, "the search popup", |s| {
        s.contains("Search countries")
    });
    send(b"marlaska");
    wait_for(&parser, "a result", |s| s.contains("Grande-Marlaska"));
    send(b"\r");
    let sc = wait_for(&parser, "Spain's counterparts", |s| {
        !s.contains("Search countries") && s.contains("Spain (ESP)")
    });
    assert!(
        // The name column is narrow: "Fernando Gr…".
        sc.lines().any(|l| l.contains("▶ Fernando Gr")),
        "the official is not selected:\n{sc}"
    );
    send(b"\r");
    let sc = wait_for(&parser, "the evidence", |s| s.contains("Evidence"));
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

    send(b"\x1b");
    wait_for(&parser, "the popup closed", |s| !s.contains("Evidence"));
    send(b"q");
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            panic!("liaison did not exit:\n{}", screen(&parser));
        }
        thread::sleep(Duration::from_millis(50));
    };
    let _ = reader.join();
    assert!(status.success(), "exit status {status:?}");

    // The emulator's view.
    let p = parser.lock().unwrap();
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
    let out = output.lock().unwrap();
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
