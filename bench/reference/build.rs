//! Same dataset switch as the app's build.rs: `QINGDAN_DATASET` (absolute, or relative to the app's
//! root two folders up) or the real list, copied to `OUT_DIR/dataset.json`.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=QINGDAN_DATASET");
    println!("cargo:rerun-if-changed=build.rs");
    let here = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let root = here.join("../..");
    let chosen = std::env::var_os("QINGDAN_DATASET")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("src/data/qingpu-2022.json"));
    let source = if chosen.is_absolute() {
        chosen
    } else {
        root.join(chosen)
    };
    println!("cargo:rerun-if-changed={}", source.display());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("dataset.json");
    if let Err(e) = std::fs::copy(&source, &out) {
        panic!("cannot copy {} to {}: {e}", source.display(), out.display());
    }
}
