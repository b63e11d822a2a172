//! Regenerates the embedded dataset from the source document.
//!
//! ```text
//! cargo run --bin datagen            # writes src/data/qingpu-2022.json
//! cargo run --bin datagen -- --check # exits 1 if the committed JSON is out of date
//! ```
//!
//! Paths are relative to the crate root; `SOURCE` and `OUTPUT` may be given after the flags.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use qingdan::source::parser::generate_json;

const DEFAULT_SOURCE: &str = "data/000_6daa0d8ba64a921b.txt";
const DEFAULT_OUTPUT: &str = "src/data/qingpu-2022.json";

fn main() -> ExitCode {
    let mut check = false;
    let mut paths = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--check" => check = true,
            "-h" | "--help" => {
                println!("usage: datagen [--check] [SOURCE [OUTPUT]]");
                return ExitCode::SUCCESS;
            }
            _ if arg.starts_with('-') => {
                eprintln!("datagen: unknown flag {arg}");
                return ExitCode::from(2);
            }
            _ => paths.push(arg),
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source_path: PathBuf = paths
        .first()
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(DEFAULT_SOURCE));
    let output_path: PathBuf = paths
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(DEFAULT_OUTPUT));

    let source = match std::fs::read_to_string(&source_path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("datagen: cannot read {}: {e}", source_path.display());
            return ExitCode::FAILURE;
        }
    };
    let file_name = source_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let json = match generate_json(&source, &file_name) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("datagen: {}: {e}", source_path.display());
            return ExitCode::FAILURE;
        }
    };
    if check {
        match std::fs::read_to_string(&output_path) {
            Ok(existing) if existing == json => {
                println!("datagen: {} is up to date", output_path.display());
                ExitCode::SUCCESS
            }
            Ok(_) => {
                eprintln!(
                    "datagen: {} differs from what {} generates; run `cargo run --bin datagen`",
                    output_path.display(),
                    source_path.display()
                );
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("datagen: cannot read {}: {e}", output_path.display());
                ExitCode::FAILURE
            }
        }
    } else {
        if let Some(dir) = output_path.parent() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("datagen: cannot create {}: {e}", dir.display());
                return ExitCode::FAILURE;
            }
        }
        if let Err(e) = std::fs::write(&output_path, &json) {
            eprintln!("datagen: cannot write {}: {e}", output_path.display());
            return ExitCode::FAILURE;
        }
        println!("datagen: wrote {}", output_path.display());
        ExitCode::SUCCESS
    }
}
