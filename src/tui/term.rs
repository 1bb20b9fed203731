//! The terminal side: entering and restoring the terminal, the event loop, signals, the
//! clipboard and briefings. Everything else in the dashboard is pure state and drawing.
//!
//! The loop blocks on one channel fed by two threads (terminal input, signals), so it wakes
//! only when something happens: idle, it uses no CPU, which matters over SSH. It draws only
//! when an event changed the view, and wraps each frame in a synchronized update so slow
//! links never show half a frame.

use std::io::{self, BufWriter, Stdout, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::thread;

use base64::Engine;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{execute, queue};
#[cfg(unix)]
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
#[cfg(unix)]
use signal_hook::iterator::Signals;

use super::TuiError;
use super::action::Effect;
use super::app::App;
use super::ui;
use crate::cache::Rest;

type Backend = CrosstermBackend<BufWriter<Stdout>>;

/// Mouse reporting: button presses and the wheel (1000) in SGR coordinates (1006). Not
/// crossterm's `EnableMouseCapture`, which also asks for every pointer motion (1003): a
/// stream of events nobody uses, and bytes on a slow link.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
/// Every mode `MOUSE_ON` or crossterm could have set, so nothing survives us.
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";

/// Whether the terminal is in the dashboard's state; restoring twice would emit the
/// sequences twice (the panic hook and the guard both restore).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back: mouse off, main screen, cursor shown, raw mode off. Safe to call
/// from a panic hook, any number of times; errors are ignored because there is nobody left
/// to tell.
fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = out.write_all(MOUSE_OFF.as_bytes());
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

type PanicHook = Box<dyn Fn(&std::panic::PanicHookInfo<'_>) + Sync + Send + 'static>;

/// The first panic of a thread other than the dashboard's own while the dashboard runs (the
/// update's, see [`super::Update`]): kept for the update to report, rather than printed
/// over the screen.
static BACKGROUND_PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// The message of [`BACKGROUND_PANIC`], now reported.
fn take_background_panic() -> Option<String> {
    BACKGROUND_PANIC.lock().ok().and_then(|mut p| p.take())
}

/// Owns the terminal's dashboard state; dropping it restores the terminal, and while it
/// lives a panic of the dashboard's thread restores the terminal before the panic message is
/// printed (so the message lands on the normal screen, readable). A panic of another thread
/// (the update, or one it started) leaves the dashboard running: its message is kept in
/// [`BACKGROUND_PANIC`], and the update reports it on the status line.
struct TerminalGuard {
    previous_hook: Arc<PanicHook>,
}

impl TerminalGuard {
    fn enter() -> io::Result<TerminalGuard> {
        let previous_hook: Arc<PanicHook> = Arc::new(std::panic::take_hook());
        let chained = Arc::clone(&previous_hook);
        let dashboard = thread::current().id();
        std::panic::set_hook(Box::new(move |info| {
            if thread::current().id() != dashboard {
                if let Ok(mut first) = BACKGROUND_PANIC.lock() {
                    first.get_or_insert_with(|| info.to_string());
                }
                return;
            }
            restore();
            // A scoped thread's panic reaches this thread as "a scoped thread panicked":
            // its own message first.
            if let Some(first) = take_background_panic() {
                eprintln!("{first}");
            }
            chained(info);
        }));
        // From here on, an early return drops the guard, which restores what was set.
        let guard = TerminalGuard { previous_hook };
        ACTIVE.store(true, Ordering::SeqCst);
        enable_raw_mode()?;
        let mut out = io::stdout();
        execute!(out, EnterAlternateScreen, Hide, EnableBracketedPaste)?;
        out.write_all(MOUSE_ON.as_bytes())?;
        out.flush()?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
        // Setting a hook while panicking aborts the process; the hook is then moot anyway.
        if !std::thread::panicking() {
            let previous = Arc::clone(&self.previous_hook);
            let _ours = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| previous(info)));
        }
    }
}

enum Msg {
    Event(Event),
    #[cfg_attr(not(unix), allow(dead_code))]
    Signal(i32),
    ReadFailed(io::Error),
    /// What the update (see [`super::Update`]) built, or why it failed.
    Updated(Box<Result<super::Updated, String>>),
}

/// True in debug builds when `LIAISON_DEBUG_PANIC=1`: F12 then panics, so tests can check
/// that a panic leaves the terminal usable.
fn debug_panic_enabled() -> bool {
    cfg!(debug_assertions) && std::env::var_os("LIAISON_DEBUG_PANIC").is_some_and(|v| v == "1")
}

/// Runs the dashboard until the user quits (`None`) or a signal asks us to stop
/// (`Some(signal)`); the terminal is restored in both cases before returning.
pub(super) fn run(
    app: &mut App,
    rest: Option<Rest>,
    update: Option<super::Update>,
    export_dir: &Path,
) -> Result<Option<i32>, TuiError> {
    let (tx, rx) = mpsc::channel::<Msg>();
    // The current dataset is built while the earlier one is shown (started once the
    // dashboard takes keys, see `event_loop`); the process ends without waiting for it
    // when the user quits first.
    let update = update.map(|job| {
        app.set_updating(true);
        (job, tx.clone())
    });
    // Signals become messages of the loop, so the terminal is restored by the same code
    // as for `q`, on the main thread, before the process ends.
    #[cfg(unix)]
    let signal_handle = {
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT])?;
        let handle = signals.handle();
        let signal_tx = tx.clone();
        thread::spawn(move || {
            for sig in signals.forever() {
                if signal_tx.send(Msg::Signal(sig)).is_err() {
                    break;
                }
            }
        });
        handle
    };

    let guard = TerminalGuard::enter()?;
    let mut terminal = Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
        1 << 16,
        io::stdout(),
    )))?;
    // The input thread outlives the loop, blocked in `read`, until the process exits; it
    // only ever sends into the channel.
    // Should it panic, the dashboard is told, so that it ends rather than wait for keys
    // that no longer come.
    let input_tx = tx;
    thread::spawn(move || {
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            loop {
                match event::read() {
                    Ok(ev) => {
                        if input_tx.send(Msg::Event(ev)).is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = input_tx.send(Msg::ReadFailed(e));
                        return;
                    }
                }
            }
        }));
        if read.is_err() {
            let why = take_background_panic().unwrap_or_default();
            let _ = input_tx.send(Msg::ReadFailed(io::Error::other(format!(
                "the terminal's input could not be read: {why}"
            ))));
        }
    });
    let size = terminal.size()?;
    app.apply(super::Action::Resize {
        width: size.width,
        height: size.height,
    });

    let result = event_loop(app, rest, update, &mut terminal, &rx, export_dir);
    #[cfg(unix)]
    signal_handle.close();
    // Flush what the terminal holds before leaving the alternate screen.
    let _ = terminal.backend_mut().flush();
    drop(terminal);
    drop(guard);
    result
}

fn draw(terminal: &mut Terminal<Backend>, app: &App) -> io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| ui::draw(app, f))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Ok(())
}

fn event_loop(
    app: &mut App,
    mut rest: Option<Rest>,
    mut update: Option<(super::Update, mpsc::Sender<Msg>)>,
    terminal: &mut Terminal<Backend>,
    rx: &mpsc::Receiver<Msg>,
    export_dir: &Path,
) -> Result<Option<i32>, TuiError> {
    let debug_panic = debug_panic_enabled();
    let mut dirty = true;
    let mut first_frame = true;
    loop {
        if dirty {
            draw(terminal, app)?;
            dirty = false;
            if first_frame {
                first_frame = false;
                crate::timing::phase("first frame drawn");
            }
        }
        // The rest of the dataset, read while the first frame is on screen; keys typed
        // meanwhile wait in the channel. The frame after it is drawn from the whole dataset.
        if let Some(rest) = rest.take() {
            app.complete(|data| rest.read(data))
                .map_err(TuiError::Dataset)?;
            crate::timing::phase("dashboard: dataset complete");
            dirty = true;
            continue;
        }
        // The update starts only now, so that it does not slow the first frame and the
        // reading of the rest; its result arrives as a message.
        if let Some((job, tx)) = update.take() {
            thread::spawn(move || {
                let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job))
                    .unwrap_or_else(|_| {
                        Err(take_background_panic().unwrap_or_else(|| "it panicked".into()))
                    });
                let _ = tx.send(Msg::Updated(Box::new(built)));
            });
        }
        let Ok(first) = rx.recv() else {
            return Ok(None);
        };
        // Everything already queued is applied before the next frame: a burst of keys or
        // wheel events costs one draw.
        for msg in std::iter::once(first).chain(rx.try_iter()) {
            let ev = match msg {
                Msg::Signal(sig) => return Ok(Some(sig)),
                Msg::ReadFailed(e) => return Err(e.into()),
                Msg::Updated(built) => {
                    updated(app, *built);
                    dirty = true;
                    continue;
                }
                Msg::Event(ev) => ev,
            };
            if debug_panic
                && let Event::Key(k) = &ev
                && k.code == event::KeyCode::F(12)
            {
                panic!("deliberate panic (LIAISON_DEBUG_PANIC=1 and F12)");
            }
            let before = app.view().clone();
            let effect = app.handle_event(&ev);
            match effect {
                Some(Effect::Quit) => return Ok(None),
                Some(Effect::Copy(text)) => copy(terminal, app, &text),
                Some(Effect::Export(code)) => export(app, &code, export_dir),
                None => {}
            }
            dirty |= *app.view() != before || matches!(ev, Event::Resize(..));
        }
    }
}

/// Shows what the update built in place of the earlier dataset, or says why it failed;
/// the earlier dataset is freed on another thread (seconds for a large one).
fn updated(app: &mut App, built: Result<super::Updated, String>) {
    app.set_updating(false);
    match built {
        Ok(u) => {
            let old = app.replace_data(u.dataset, u.columns);
            crate::par::drop_aside(old);
            app.notify(u.note, false);
            crate::timing::phase("dashboard: updated");
        }
        Err(e) => app.notify(
            format!("could not update, still showing the last dataset: {e}"),
            true,
        ),
    }
}

/// Copies through the terminal (OSC 52), which works over SSH where no local clipboard
/// tool can reach the user's machine. Terminals that do not support it ignore it.
fn copy(terminal: &mut Terminal<Backend>, app: &mut App, text: &str) {
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    let backend = terminal.backend_mut();
    let written = write!(backend, "\x1b]52;c;{payload}\x07").and_then(|()| backend.flush());
    match written {
        Ok(()) => {
            let n = text.chars().count();
            app.notify(
                format!("copied {n} characters to the clipboard (OSC 52)"),
                false,
            );
        }
        Err(e) => app.notify(format!("could not copy: {e}"), true),
    }
}

fn export(app: &mut App, code: &str, dir: &Path) {
    let result = crate::brief::write_brief(app.dataset(), app.gazetteer(), code, app.filter(), dir);
    match result {
        Ok(path) => app.notify(format!("briefing written to {}", path.display()), false),
        Err(e) => app.notify(
            format!("could not write the briefing in {}: {e}", dir.display()),
            true,
        ),
    }
}

/// Ends the process the way `sig` would have, now that the terminal is restored, so a
/// parent shell or supervisor sees "terminated by SIGTERM" rather than a normal exit.
pub(super) fn die_by(sig: i32) {
    #[cfg(unix)]
    let _ = signal_hook::low_level::emulate_default_handler(sig);
    #[cfg(not(unix))]
    let _ = sig;
}
