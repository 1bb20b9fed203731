//! Odd environments: a read-only corpus, no `HOME`, `TERM=dumb`, stdout not a terminal (a
//! pipe, a full disk, a reader that went away). Each either works (exit 0 with its output) or
//! fails with a clear message and exit code 2; none panics or leaves escape codes behind.

#![cfg(unix)]

mod common;

use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

fn liaison() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_liaison"));
    cmd.env("LIAISON_CACHE_DIR", common::cache_dir())
        .env_remove("LIAISON_DATA")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .env_remove("LIAISON_DEBUG_PANIC");
    cmd
}

/// liaison with `args` on the corpus `dir`, with the config folder `config`.
fn on_corpus(dir: &Path, config: &Path, args: &[&str]) -> Output {
    liaison()
        .arg("--data")
        .arg(dir)
        .args(args)
        .env("LIAISON_CONFIG_DIR", config)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn assert_countries_table(out: &Output) {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(out));
    let text = stdout(out);
    for row in ["France (FRA)", "Spain (ESP)", "Belgium (BEL)", "partner"] {
        assert!(text.contains(row), "{row} missing from:\n{text}");
    }
    assert!(
        !text.contains('\u{1b}'),
        "escape codes written to a non-terminal: {text:?}"
    );
    assert!(!stderr(out).contains("panicked"), "{}", stderr(out));
}

fn seed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles")
}

/// Every file under `dir` with its length and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64, SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            if m.is_dir() {
                stack.push(e.path());
            }
            out.push((e.path(), m.len(), m.modified().unwrap()));
        }
    }
    out.sort();
    out
}

fn set_mode(p: &Path, mode: u32) {
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A copy of the seed corpus, in a sub-folder (so the temporary folder itself stays writable
/// for its clean-up).
fn seed_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    std::fs::create_dir(&dir).unwrap();
    for e in std::fs::read_dir(seed_dir()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
    (tmp, dir)
}

/// Root reads anything whatever the mode bits say; the tests of unreadable files only mean
/// something for other users.
fn permissions_enforced(tmp: &Path) -> bool {
    let probe = tmp.join("probe");
    std::fs::write(&probe, "x").unwrap();
    set_mode(&probe, 0o000);
    let enforced = std::fs::read(&probe).is_err();
    set_mode(&probe, 0o644);
    enforced
}

#[test]
fn read_only_corpus_works_and_is_left_untouched() {
    let (tmp, dir) = seed_copy();
    let config = tempfile::tempdir().unwrap();
    for (p, _, _) in snapshot(&dir) {
        set_mode(&p, 0o444);
    }
    set_mode(&dir, 0o555);
    let before = snapshot(&dir);

    let out = on_corpus(&dir, config.path(), &["countries"]);
    assert_countries_table(&out);
    let json = on_corpus(&dir, config.path(), &["extract", "--json"]);
    assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 5);
    assert!(
        v["warnings"].as_array().unwrap().is_empty(),
        "{}",
        v["warnings"]
    );

    // Nothing written, created or touched in the corpus (even where the mode bits would let
    // root do it).
    assert_eq!(snapshot(&dir), before, "the corpus folder changed");
    set_mode(&dir, 0o755);
    drop(tmp);
}

#[test]
fn unreadable_article_is_a_warning_and_unreadable_folder_an_error() {
    let (tmp, dir) = seed_copy();
    if !permissions_enforced(tmp.path()) {
        eprintln!("skipped: running as a user who reads unreadable files (root)");
        return;
    }
    let config = tempfile::tempdir().unwrap();
    let secret = dir.join("secret.txt");
    std::fs::write(&secret, "Text.").unwrap();
    set_mode(&secret, 0o000);
    let out = on_corpus(&dir, config.path(), &["extract", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 5);
    let w = v["warnings"].as_array().unwrap();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0]["article"].as_str().unwrap().ends_with("secret.txt"));
    assert!(w[0]["message"].as_str().unwrap().contains("cannot read"));
    set_mode(&secret, 0o644);

    let locked = dir.join("locked");
    std::fs::create_dir(&locked).unwrap();
    set_mode(&locked, 0o000);
    let out = on_corpus(&dir, config.path(), &["countries"]);
    set_mode(&locked, 0o755);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("locked") && stderr(&out).contains("cannot read folder"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn no_home_and_no_config_variables() {
    let cwd = tempfile::tempdir().unwrap();
    let out = liaison()
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .current_dir(cwd.path())
        .arg("countries")
        .output()
        .unwrap();
    assert_countries_table(&out);

    // A HOME that does not exist is the same as none.
    let out = liaison()
        .env_clear()
        .env("HOME", "/nonexistent/liaison-home")
        .current_dir(cwd.path())
        .args(["show", "belgium"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("Belgium (BEL)"),
        "{}",
        stdout(&out)
    );
    // Nothing was written in the working folder.
    assert_eq!(std::fs::read_dir(cwd.path()).unwrap().count(), 0);
}

#[test]
fn dumb_terminal_and_non_terminal_stdout_print_plain_text() {
    let config = tempfile::tempdir().unwrap();
    for term in [Some("dumb"), Some("xterm-256color"), None] {
        let mut cmd = liaison();
        cmd.env("LIAISON_CONFIG_DIR", config.path());
        match term {
            Some(t) => cmd.env("TERM", t),
            None => cmd.env_remove("TERM"),
        };
        // No command and stdout a pipe: the countries table instead of the dashboard.
        let out = cmd.output().unwrap();
        assert_countries_table(&out);
        assert!(stdout(&out).contains("┌"), "{}", stdout(&out));
        let mut cmd = liaison();
        cmd.env("LIAISON_CONFIG_DIR", config.path())
            .env("TERM", term.unwrap_or("dumb"))
            .args(["show", "france"]);
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(!stdout(&out).contains('\u{1b}'), "colour in a pipe");
        assert!(stdout(&out).starts_with("France (FRA)"));
    }
}

#[test]
fn full_disk_on_stdout_is_a_clear_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full");
        return;
    };
    let config = tempfile::tempdir().unwrap();
    let out = liaison()
        .env("LIAISON_CONFIG_DIR", config.path())
        .args(["extract", "--json"])
        .stdout(Stdio::from(full))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("liaison:"), "{err}");
    assert!(err.to_lowercase().contains("no space"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn reader_going_away_is_not_an_error() {
    // `liaison extract --json | head -c 10`: the pipe closes early; liaison stops quietly.
    let config = tempfile::tempdir().unwrap();
    let mut child = liaison()
        .env("LIAISON_CONFIG_DIR", config.path())
        .args(["extract", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is dropped here.
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "liaison hangs");
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(first[0], b'{');
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// The dashboard in a pseudo-terminal with `TERM=dumb`: liaison draws with plain ANSI
/// sequences whatever `TERM` says, so it starts, and `q` restores the terminal.
#[test]
fn dumb_term_in_a_terminal() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let config = tempfile::tempdir().unwrap();
    let cwd = tempfile::tempdir().unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_liaison"));
    cmd.cwd(cwd.path());
    cmd.env("LIAISON_CONFIG_DIR", config.path());
    cmd.env("TERM", "dumb");
    cmd.env_remove("LIAISON_DATA");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let output = std::sync::Arc::new(std::sync::Mutex::new(Vec::<u8>::new()));
    let out2 = std::sync::Arc::clone(&output);
    let collector = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            out2.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let screen = || {
        let mut p = vt100::Parser::new(
            std::num::NonZeroU16::new(24).unwrap(),
            std::num::NonZeroU16::new(80).unwrap(),
            0,
        );
        p.process(&output.lock().unwrap());
        (p.screen().contents(), p.screen().alternate_screen())
    };
    let start = Instant::now();
    loop {
        let (s, _) = screen();
        if s.contains("Countries") && s.contains("? help") {
            break;
        }
        if let Some(status) = child.try_wait().unwrap() {
            // Refusing is allowed, but then clearly and with exit code 2.
            let _ = collector.join();
            let (s, alt) = screen();
            assert_eq!(status.exit_code(), 2, "{s}");
            assert!(s.contains("liaison:") && s.contains("TERM"), "{s}");
            assert!(!alt);
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "no dashboard and no message:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    std::io::Write::write_all(&mut writer, b"q").unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "did not quit");
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = collector.join();
    assert!(status.success(), "{status:?}");
    let (_, alt) = screen();
    assert!(!alt, "still on the alternate screen");
}
