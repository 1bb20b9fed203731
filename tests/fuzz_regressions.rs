//! Every input kept from fuzzing (`tests/fixtures/fuzz/<target>/`), run through the very
//! function the fuzz target calls (`fuzz/harness.rs`, shared with `#[path]`): no panic, and
//! the harness's invariants hold. See `fuzz/README.md` for how inputs get here.

use std::path::{Path, PathBuf};

#[path = "../fuzz/harness.rs"]
mod harness;

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no regression inputs in {}",
        dir.display()
    );
    files
}

fn run_all(target: &str, f: fn(&[u8])) {
    let mut failed = Vec::new();
    for path in inputs(target) {
        let bytes = std::fs::read(&path).unwrap();
        if std::panic::catch_unwind(|| f(&bytes)).is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{target}: panicked on {failed:#?}");
}

#[test]
fn article_regressions() {
    run_all("article", harness::article);
}

#[test]
fn extract_regressions() {
    run_all("extract", harness::extract);
}

#[test]
fn data_files_regressions() {
    run_all("data_files", harness::data_files);
}
