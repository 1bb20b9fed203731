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

/// " (rss N MB, peak N MB)" from `/proc/self/status` (read once), or nothing.
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    match (field_kb(&status, "VmRSS"), field_kb(&status, "VmHWM")) {
        (Some(rss), Some(peak)) => format!(" (rss {} MB, peak {} MB)", rss / 1024, peak / 1024),
        _ => String::new(),
    }
}

/// A field of `/proc/self/status` in kB ("VmRSS", "VmHWM"); `None` where the system has no
/// such file (not Linux).
pub fn status_kb(field: &str) -> Option<u64> {
    field_kb(&std::fs::read_to_string("/proc/self/status").ok()?, field)
}

/// A field of a `/proc/self/status` text in kB, found by its whole name.
fn field_kb(status: &str, field: &str) -> Option<u64> {
    let line = status
        .lines()
        .find(|l| l.strip_prefix(field).is_some_and(|r| r.starts_with(':')))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    /// A field is found by its whole name: "Vm" is not "VmRSS".
    #[cfg(target_os = "linux")]
    #[test]
    fn reads_resident_memory_by_field_name() {
        let rss = super::status_kb("VmRSS").unwrap();
        let peak = super::status_kb("VmHWM").unwrap();
        assert!(rss > 0 && peak >= rss, "{rss} {peak}");
        assert_eq!(super::status_kb("Vm"), None);
    }
}
