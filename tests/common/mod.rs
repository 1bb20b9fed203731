//! Helpers shared by the integration tests (each test binary uses part of them).
#![allow(dead_code)]

pub mod pty;

/// Where the binary run by tests keeps its extraction cache: under the build's temporary
/// folder, never in the user's own cache directory.
pub fn cache_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("liaison-cache")
}
