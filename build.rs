//! Picks the dataset the app embeds: `QINGDAN_DATASET` names a Dataset JSON file (absolute, or
//! relative to the crate root); unset, it is the real list `src/data/qingpu-2022.json`. The file is
//! copied to `OUT_DIR/dataset.json`, which `src/data/mod.rs` includes. The benchmark uses this to
//! build the app with synthetic lists of 1 000 and 10 000 tasks (see `bench/README.md`).

use std::path::PathBuf;

const DEFAULT_DATASET: &str = "src/data/qingpu-2022.json";

fn main() {
    println!("cargo:rerun-if-env-changed=QINGDAN_DATASET");
    println!("cargo:rerun-if-changed=build.rs");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let chosen = std::env::var_os("QINGDAN_DATASET")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_DATASET));
    let source = if chosen.is_absolute() {
        chosen
    } else {
        root.join(chosen)
    };
    println!("cargo:rerun-if-changed={}", source.display());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("dataset.json");
    if let Err(e) = std::fs::copy(&source, &out) {
        panic!(
            "QINGDAN_DATASET: cannot copy {} to {}: {e}",
            source.display(),
            out.display()
        );
    }
}
