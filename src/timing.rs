//! Phase timings on stderr for benchmarks and profiling: set `LIAISON_TIMINGS=1` and every
//! stage prints how long it took since the process started. Off by default and free when off.

use std::sync::OnceLock;
use std::time::Instant;

fn state() -> &'static Option<Instant> {
    static START: OnceLock<Option<Instant>> = OnceLock::new();
    START.get_or_init(|| std::env::var_os("LIAISON_TIMINGS").map(|_| Instant::now()))
}

/// Starts the clock (call first thing in `main`, so later phases count from there).
pub fn start() {
    let _ = state();
}

/// Prints `liaison: timing NAME S.SSS s` (seconds since `start`) when timings are on, with
/// the resident memory and its peak so far where the system tells them (Linux).
pub fn phase(name: &str) {
    if let Some(t0) = state() {
        eprintln!(
            "liaison: timing {name} {:.3} s{}",
            t0.elapsed().as_secs_f64(),
            memory()
        );
    }
}

/// " (rss N MB, peak N MB)" from `/proc/self/status`, or nothing.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mb = |key: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(key))?;
        let kb: u64 = line[key.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()?;
        Some(kb / 1024)
    };
    match (mb("VmRSS:"), mb("VmHWM:")) {
        (Some(rss), Some(peak)) => format!(" (rss {rss} MB, peak {peak} MB)"),
        _ => String::new(),
    }
}
