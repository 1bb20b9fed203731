//! A program in a pseudo-terminal (portable-pty), its screen read back through a terminal
//! emulator (vt100): the harness shared by the dashboard's end-to-end tests.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const COLS: u16 = 100;
pub const ROWS: u16 = 30;
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// `program` run as the dashboard is in tests: in `cwd`, with `config` as its configuration
/// folder, a colour terminal, the tests' cache folder, and none of the caller's liaison
/// settings.
pub fn command(program: &str, config: &Path, cwd: &Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(program);
    cmd.cwd(cwd);
    cmd.env("LIAISON_CONFIG_DIR", config);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LIAISON_CACHE_DIR", super::cache_dir());
    cmd.env_remove("LIAISON_DATA");
    cmd.env_remove("NO_COLOR");
    cmd.env_remove("LIAISON_DEBUG_PANIC");
    cmd
}

/// An emulator of the test terminal's size, with `callbacks` told of titles, clipboard
/// writes and other requests.
pub fn emulator<CB: vt100::Callbacks>(callbacks: CB) -> vt100::Parser<CB> {
    vt100::Parser::new_with_callbacks(
        NonZeroU16::new(ROWS).unwrap(),
        NonZeroU16::new(COLS).unwrap(),
        0,
        callbacks,
    )
}

/// A running program in a pty, with everything it printed so far, raw and emulated.
pub struct Session<CB: vt100::Callbacks + Send + 'static = ()> {
    pub master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    pub output: Arc<Mutex<Vec<u8>>>,
    pub parser: Arc<Mutex<vt100::Parser<CB>>>,
    reader: Option<thread::JoinHandle<()>>,
}

impl<CB: vt100::Callbacks + Send + 'static> Session<CB> {
    pub fn spawn(cmd: CommandBuilder, callbacks: CB) -> Session<CB> {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let child = pair.slave.spawn_command(cmd).expect("spawn the program");
        // Only the child keeps the slave open, so the reader sees the end when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let parser = Arc::new(Mutex::new(emulator(callbacks)));
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
        Session {
            master: pair.master,
            writer,
            child,
            output,
            parser,
            reader: Some(reader),
        }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen satisfies `pred` and two reads 200 ms apart are equal.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let now = self.screen();
            if pred(&now) && now == last {
                return now;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; screen:\n{now}");
            }
            last = now;
            thread::sleep(Duration::from_millis(200));
        }
    }

    /// Searches `query` with `/`, waits for `result` among the hits, picks it with Enter, and
    /// returns the screen once the popup is gone and `heading` (the country's detail) shows.
    pub fn search_pick(&mut self, query: &str, result: &str, heading: &str) -> String {
        self.send(b"/");
        self.wait_for("the search popup", |s| s.contains("Search countries"));
        self.send(query.as_bytes());
        self.wait_for(result, |s| s.contains(result));
        self.send(b"\r");
        self.wait_for(heading, |s| {
            !s.contains("Search countries") && s.contains(heading)
        })
    }

    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn kill(&self, signal: &str) {
        let pid = self.child.process_id().expect("child pid");
        let status = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{signal} {pid} failed");
    }

    /// Waits for the child to end and for its last output to be read.
    pub fn finish(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().unwrap() {
                break s;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("the program did not exit; screen:\n{}", self.screen());
            }
            thread::sleep(Duration::from_millis(50));
        };
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        status
    }
}
