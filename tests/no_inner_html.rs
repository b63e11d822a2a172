//! Security: user text (progress notes, imported files) must never be parsed as HTML. The app
//! builds every node through Leptos views, which set text; this test fails the build if anyone
//! reaches for `inner_html` (Leptos' `inner_html=` attribute or web-sys' `set_inner_html`) in
//! the Rust sources, or for `innerHTML` / `outerHTML` / `insertAdjacentHTML` / `document.write`
//! in the page's own scripts.

use std::fs;
use std::path::{Path, PathBuf};

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn offenders(dir: &str, ext: &str, needles: &[&str]) -> (usize, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths = Vec::new();
    files(&root, ext, &mut paths);
    let mut found = Vec::new();
    for path in &paths {
        let text = fs::read_to_string(path).expect("readable source");
        for (i, line) in text.lines().enumerate() {
            let lower = line.to_ascii_lowercase();
            for needle in needles {
                if lower.contains(needle) {
                    found.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
                }
            }
        }
    }
    (paths.len(), found)
}

#[test]
fn no_inner_html_in_rust_sources() {
    let (scanned, found) = offenders("src", "rs", &["inner_html", "innerhtml"]);
    assert!(scanned > 10, "scanned only {scanned} files: wrong folder?");
    assert!(
        found.is_empty(),
        "HTML injection sinks in src/:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_html_sinks_in_page_scripts() {
    let (scanned, found) = offenders(
        "public",
        "js",
        &[
            "innerhtml",
            "outerhtml",
            "insertadjacenthtml",
            "document.write",
        ],
    );
    assert!(scanned > 0, "no script in public/");
    assert!(
        found.is_empty(),
        "HTML injection sinks in public/:\n{}",
        found.join("\n")
    );
}
