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
//!
//! `OUT_DIR/common-readings.txt` is a table in the same format, without decided words, for the
//! 3 755 level-1 characters of GB 2312 (一级汉字, the standard set of common characters, read from
//! `encoding_rs`'s GBK decoder) and every character `readings.txt` covers: the source a page
//! uses to make the table of a list a user adds (`ReadingTable::for_dataset_from`), without the
//! whole pinyin data set in its wasm.

use std::path::PathBuf;

#[path = "src/domain/pinyin/compose.rs"]
mod compose;
#[path = "src/domain/pinyin/generate.rs"]
mod generate;

const DEFAULT_DATASET: &str = "src/data/qingpu-2022.json";

fn main() {
    println!("cargo:rerun-if-env-changed=QINGDAN_DATASET");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/domain/pinyin/compose.rs");
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
    let (chars, words) =
        searched_of(&json).unwrap_or_else(|e| panic!("QINGDAN_DATASET {}: {e}", source.display()));
    let readings = generate::table_text(chars.chars(), words);
    let common = generate::table_text(gb2312_level1().into_iter().chain(chars.chars()), []);
    write(&out_dir.join("readings.txt"), &readings);
    write(&out_dir.join("common-readings.txt"), &common);
}

fn write(path: &std::path::Path, text: &str) {
    if let Err(e) = std::fs::write(path, text) {
        panic!("cannot write {}: {e}", path.display());
    }
}

/// The characters of a Dataset JSON that pinyin search reads, and the `(unit name, unit id)`
/// pairs that decide readings (the same texts as `ReadingTable::for_dataset`).
fn searched_of(json: &str) -> Result<(String, Vec<(String, String)>), String> {
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
    Ok((chars, words))
}

/// The 3 755 level-1 characters of GB 2312 (一级汉字): rows 16 to 55 of the standard, bytes
/// `0xB0A1..=0xD7F9` in EUC-CN, 94 cells a row, the last row ending at `0xD7F9`. GBK agrees with
/// GB 2312 on every one of these codes.
fn gb2312_level1() -> Vec<char> {
    let mut bytes = Vec::new();
    for row in 0xB0u8..=0xD7 {
        for cell in 0xA1u8..=0xFE {
            if row == 0xD7 && cell > 0xF9 {
                break;
            }
            bytes.extend([row, cell]);
        }
    }
    let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&bytes);
    assert!(!had_errors, "GB 2312 level 1: a code did not decode");
    let mut chars: Vec<char> = text.chars().collect();
    chars.sort_unstable();
    chars.dedup();
    assert_eq!(chars.len(), 3755, "GB 2312 level 1 has 3 755 characters");
    assert!(
        chars.iter().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)),
        "GB 2312 level 1 is CJK unified ideographs"
    );
    chars
}
