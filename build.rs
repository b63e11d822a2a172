//! Picks the dataset the app embeds, and writes the pinyin readings its search needs.
//!
//! `QINGDAN_DATASET` names a Dataset JSON file (absolute, or relative to the crate root); unset,
//! it is the real list `src/data/qingpu-2022.json`. The file is copied to `OUT_DIR/dataset.json`,
//! which `src/data/mod.rs` includes. The benchmark uses this to build the app with synthetic lists
//! of 1 000 and 10 000 tasks (see `bench/README.md`).
//!
//! `OUT_DIR/readings.txt` is the reading table of that list (`src/domain/pinyin/mod.rs` describes
//! the format): the readings, from the `pinyin` crate, of only the characters pinyin search looks
//! at (task names, lead departments, category names, unit names), and the unit names whose
//! reading the unit ids decide (`重固` → `chong gu` from `chonggu`). The full source stays here,
//! at build time; `ReadingTable::for_dataset` computes the same table (a test keeps them equal).

use std::path::PathBuf;

#[path = "src/domain/pinyin/generate.rs"]
mod generate;

const DEFAULT_DATASET: &str = "src/data/qingpu-2022.json";

fn main() {
    println!("cargo:rerun-if-env-changed=QINGDAN_DATASET");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/domain/pinyin/generate.rs");
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
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let out = out_dir.join("dataset.json");
    if let Err(e) = std::fs::copy(&source, &out) {
        panic!(
            "QINGDAN_DATASET: cannot copy {} to {}: {e}",
            source.display(),
            out.display()
        );
    }
    let json = std::fs::read_to_string(&source)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", source.display()));
    let readings =
        readings_of(&json).unwrap_or_else(|e| panic!("QINGDAN_DATASET {}: {e}", source.display()));
    let path = out_dir.join("readings.txt");
    if let Err(e) = std::fs::write(&path, readings) {
        panic!("cannot write {}: {e}", path.display());
    }
}

/// The reading table text for a Dataset JSON (the same texts as `ReadingTable::for_dataset`).
fn readings_of(json: &str) -> Result<String, String> {
    use serde_json::Value;
    let ds: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let list = |v: &Value, key: &str| -> Vec<Value> {
        v.get(key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).unwrap_or("").to_string();
    let mut chars = String::new();
    for task in list(&ds, "tasks") {
        chars.push_str(&text(&task, "name"));
        for lead in list(&task, "leads") {
            chars.push_str(lead.as_str().unwrap_or(""));
        }
    }
    for category in list(&ds, "categories") {
        chars.push_str(&text(&category, "name"));
    }
    let mut words = Vec::new();
    for unit in list(&ds, "units") {
        let id = text(&unit, "id");
        let short_names = list(&unit, "short_names");
        let names = std::iter::once(text(&unit, "name")).chain(
            short_names
                .iter()
                .map(|n| n.as_str().unwrap_or("").to_string()),
        );
        for name in names {
            chars.push_str(&name);
            words.push((name, id.clone()));
        }
    }
    Ok(generate::table_text(chars.chars(), words))
}
