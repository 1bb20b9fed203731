//! Renders the dashboard's main screens with the real drawing code into `screenshots/` as
//! SVG, and as PNG when `rsvg-convert` or ImageMagick's `convert` is installed.
//!
//! ```sh
//! cargo run --example screenshots            # writes screenshots/*.svg (and *.png)
//! ```
//!
//! Regenerate them whenever the look of the dashboard changes. The screens are rendered
//! into ratatui's `TestBackend` at 120×36 from the embedded seed corpus, with a fixed "today",
//! so the files only change when the interface or the corpus does.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::NaiveDate;
use liaison::aliases::Aliases;
use liaison::corpus::Corpus;
use liaison::extract::extract_corpus;
use liaison::gazetteer::Gazetteer;
use liaison::profile::Dataset;
use liaison::tui::{Action, App, AppConfig, draw};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

const WIDTH: u16 = 120;
const HEIGHT: u16 = 36;
/// Cell size in pixels for a 14 px monospace font.
const CELL_W: f64 = 8.4;
const CELL_H: f64 = 18.0;
const FONT_SIZE: f64 = 14.0;
/// The terminal's own colours, for `Color::Reset`: a dark terminal, as the default theme.
const DEFAULT_FG: &str = "#d4d4d4";
const DEFAULT_BG: &str = "#1e1e1e";

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    let gz = Gazetteer::embedded()?;
    let x = extract_corpus(&gz, &Corpus::embedded(), None);
    let data = Dataset::build(x, &Aliases::embedded()?);
    let new_app = || {
        let mut app = App::new(
            data.clone(),
            &gz,
            AppConfig::on(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default()),
        );
        app.apply(Action::Resize {
            width: WIDTH,
            height: HEIGHT,
        });
        app
    };
    let out_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&out_dir)?;

    // Each screen: a name and the keys that lead to it from the start.
    let screens: [(&str, &[Key]); 7] = [
        ("overview", &[]),
        ("agreements", &[Key::Char('2')]),
        ("meetings", &[Key::Char('3')]),
        ("counterparts", &[Key::Char('4')]),
        ("search", &[Key::Char('/'), Key::Text("police")]),
        (
            "evidence",
            &[Key::Char('/'), Key::Text("snoeck"), Key::Enter, Key::Enter],
        ),
        ("help", &[Key::Char('?')]),
    ];
    let mut converter = png_converter();
    for (name, keys) in screens {
        let mut app = new_app();
        for k in keys {
            k.send(&mut app);
        }
        let buffer = render(&app)?;
        let svg_path = out_dir.join(format!("{name}.svg"));
        write_atomic(&svg_path, svg(&buffer).as_bytes())?;
        println!("wrote {}", svg_path.display());
        if let Some(conv) = converter {
            let png_path = out_dir.join(format!("{name}.png"));
            match to_png(conv, &svg_path, &png_path) {
                Ok(()) => println!("wrote {}", png_path.display()),
                Err(e) => {
                    // A converter that cannot do SVG (a stand-in `convert`): no PNGs, once.
                    eprintln!("no PNG screenshots: {e}");
                    converter = None;
                }
            }
        }
    }
    Ok(())
}

/// A key press for scripting a screen.
enum Key {
    Char(char),
    Text(&'static str),
    Enter,
}

impl Key {
    fn send(&self, app: &mut App) {
        let press = |app: &mut App, code| {
            app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
        };
        match self {
            Key::Char(c) => press(app, KeyCode::Char(*c)),
            Key::Text(s) => s.chars().for_each(|c| press(app, KeyCode::Char(c))),
            Key::Enter => press(app, KeyCode::Enter),
        }
    }
}

fn render(app: &App) -> Result<Buffer> {
    let mut t = Terminal::new(TestBackend::new(WIDTH, HEIGHT))?;
    t.draw(|f| draw(app, f))?;
    Ok(t.backend().buffer().clone())
}

/// The 16 ANSI colours as a dark terminal shows them.
fn ansi(i: u8) -> &'static str {
    const PALETTE: [&str; 16] = [
        "#1e1e1e", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
        "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff",
    ];
    PALETTE[usize::from(i) % 16]
}

/// The xterm 256-colour palette: 16 system colours, a 6×6×6 cube, 24 greys.
fn indexed(i: u8) -> String {
    match i {
        0..=15 => ansi(i).to_owned(),
        16..=231 => {
            let n = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            format!(
                "#{:02x}{:02x}{:02x}",
                level(n / 36),
                level((n / 6) % 6),
                level(n % 6)
            )
        }
        _ => {
            let g = 8 + (i - 232) * 10;
            format!("#{g:02x}{g:02x}{g:02x}")
        }
    }
}

fn colour(c: Color, default: &str) -> String {
    match c {
        Color::Reset => default.to_owned(),
        Color::Black => ansi(0).to_owned(),
        Color::Red => ansi(1).to_owned(),
        Color::Green => ansi(2).to_owned(),
        Color::Yellow => ansi(3).to_owned(),
        Color::Blue => ansi(4).to_owned(),
        Color::Magenta => ansi(5).to_owned(),
        Color::Cyan => ansi(6).to_owned(),
        Color::Gray => ansi(7).to_owned(),
        Color::DarkGray => ansi(8).to_owned(),
        Color::LightRed => ansi(9).to_owned(),
        Color::LightGreen => ansi(10).to_owned(),
        Color::LightYellow => ansi(11).to_owned(),
        Color::LightBlue => ansi(12).to_owned(),
        Color::LightMagenta => ansi(13).to_owned(),
        Color::LightCyan => ansi(14).to_owned(),
        Color::White => ansi(15).to_owned(),
        Color::Indexed(i) => indexed(i),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
    }
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// How one cell looks, resolved to SVG terms (reverse video applied).
#[derive(Clone, PartialEq)]
struct Look {
    fg: String,
    bg: Option<String>,
    bold: bool,
    italic: bool,
    underline: bool,
    dim: bool,
}

fn look(cell: &ratatui::buffer::Cell) -> Look {
    let m = cell.modifier;
    let mut fg = colour(cell.fg, DEFAULT_FG);
    let mut bg = colour(cell.bg, DEFAULT_BG);
    if m.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    Look {
        bg: (bg != DEFAULT_BG).then_some(bg),
        fg,
        bold: m.contains(Modifier::BOLD),
        italic: m.contains(Modifier::ITALIC),
        underline: m.contains(Modifier::UNDERLINED),
        dim: m.contains(Modifier::DIM),
    }
}

/// The buffer as an SVG: one background rectangle and one `<text>` per run of cells with the
/// same look. Each run is stretched to exactly its cells (`textLength`), so columns line up
/// whatever monospace font the viewer picks.
fn svg(buf: &Buffer) -> String {
    let area = buf.area;
    let (w, h) = (
        f64::from(area.width) * CELL_W,
        f64::from(area.height) * CELL_H,
    );
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.1} {h:.1}" font-family="'DejaVu Sans Mono', 'Menlo', 'Consolas', monospace" font-size="{FONT_SIZE}">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{DEFAULT_BG}"/>"#
    );
    for y in 0..area.height {
        // (first column, cells, text, look)
        let mut runs: Vec<(u16, u16, String, Look)> = Vec::new();
        let mut x = 0;
        while x < area.width {
            let cell = &buf[(x, y)];
            let sym = cell.symbol();
            let cells = u16::try_from(ratatui::text::Span::raw(sym).width())
                .unwrap_or(1)
                .max(1);
            let lk = look(cell);
            match runs.last_mut() {
                Some(run) if run.3 == lk => {
                    run.1 += cells;
                    run.2.push_str(sym);
                }
                _ => runs.push((x, cells, sym.to_owned(), lk)),
            }
            x += cells;
        }
        let top = f64::from(y) * CELL_H;
        for (col, cells, text, lk) in &runs {
            let left = f64::from(*col) * CELL_W;
            let len = f64::from(*cells) * CELL_W;
            if let Some(bg) = &lk.bg {
                let _ = writeln!(
                    out,
                    r#"<rect x="{left:.1}" y="{top:.1}" width="{len:.1}" height="{CELL_H}" fill="{bg}"/>"#
                );
            }
            if text.trim().is_empty() {
                continue;
            }
            let mut attrs = format!(r#"fill="{}""#, lk.fg);
            if lk.bold {
                attrs.push_str(r#" font-weight="bold""#);
            }
            if lk.italic {
                attrs.push_str(r#" font-style="italic""#);
            }
            if lk.underline {
                attrs.push_str(r#" text-decoration="underline""#);
            }
            if lk.dim {
                attrs.push_str(r#" opacity="0.6""#);
            }
            let baseline = top + CELL_H * 0.75;
            let _ = writeln!(
                out,
                r#"<text x="{left:.1}" y="{baseline:.1}" textLength="{len:.1}" lengthAdjust="spacingAndGlyphs" xml:space="preserve" {attrs}>{}</text>"#,
                xml_escape(text)
            );
        }
    }
    out.push_str("</svg>\n");
    out
}

/// Writes through a temporary file in the same folder and a rename, so a reader never
/// sees half a file.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension(format!(
        "{}.tmp",
        path.extension().and_then(|e| e.to_str()).unwrap_or("out")
    ));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

#[derive(Clone, Copy)]
enum Converter {
    Rsvg,
    ImageMagick,
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(program).is_file()))
}

fn png_converter() -> Option<Converter> {
    if on_path("rsvg-convert") {
        Some(Converter::Rsvg)
    } else if on_path("convert") {
        Some(Converter::ImageMagick)
    } else {
        None
    }
}

fn to_png(conv: Converter, svg: &Path, png: &Path) -> Result<()> {
    let tmp = png.with_extension("png.tmp");
    let status = match conv {
        Converter::Rsvg => Command::new("rsvg-convert")
            .arg("--format=png")
            .arg("-o")
            .arg(&tmp)
            .arg(svg)
            .stderr(Stdio::null())
            .status()?,
        Converter::ImageMagick => Command::new("convert")
            .arg(svg)
            .arg(format!("png:{}", tmp.display()))
            .stderr(Stdio::null())
            .status()?,
    };
    if !status.success() {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("converter failed ({status})").into());
    }
    std::fs::rename(&tmp, png)?;
    Ok(())
}
