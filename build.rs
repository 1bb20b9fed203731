//! Gives the program a hash of the source code that turns articles into a dataset, so that a
//! cached extraction or dataset made by another version of that code is never reused
//! (`LIAISON_ENGINE_HASH`). The dashboard's code (`src/tui`) does not take part.

use std::path::Path;

fn visit(dir: &Path, files: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "tui") {
                visit(&p, files);
            }
        } else if p.extension().is_some_and(|x| x == "rs") {
            files.push(p);
        }
    }
}

fn main() {
    let mut files = Vec::new();
    visit(Path::new("src"), &mut files);
    files.push("Cargo.lock".into());
    files.sort();
    // FNV-1a 64: a fixed, dependency-free hash; only equality within one build matters.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for f in &files {
        for b in f
            .to_string_lossy()
            .bytes()
            .chain(std::fs::read(f).unwrap_or_default())
        {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    // A folder is watched recursively, so an added or removed file counts too.
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rustc-env=LIAISON_ENGINE_HASH={h:016x}");
}
