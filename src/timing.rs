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

/// Prints `liaison: timing NAME S.SSS s` (seconds since `start`) when timings are on.
pub fn phase(name: &str) {
    if let Some(t0) = state() {
        eprintln!("liaison: timing {name} {:.3} s", t0.elapsed().as_secs_f64());
    }
}
