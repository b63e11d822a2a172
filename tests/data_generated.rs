//! The committed JSON is exactly what the generator makes of the committed source.

use qingdan::domain::task::{Dataset, DATASET_SCHEMA};
use qingdan::source::parser::{dataset_to_json, fnv1a64_hex, generate_json, parse_dataset};

const SOURCE_NAME: &str = "000_6daa0d8ba64a921b.txt";
const SOURCE: &str = include_str!("../data/000_6daa0d8ba64a921b.txt");
const JSON: &str = include_str!("../src/data/qingpu-2022.json");

#[test]
fn committed_json_is_generated_from_committed_source() {
    let generated = generate_json(SOURCE, SOURCE_NAME).expect("source parses");
    assert!(
        generated == JSON,
        "src/data/qingpu-2022.json is stale or hand-edited: run `cargo run --bin datagen`"
    );
}

#[test]
fn generation_is_idempotent_and_round_trips_through_serde() {
    let a = generate_json(SOURCE, SOURCE_NAME).unwrap();
    let b = generate_json(SOURCE, SOURCE_NAME).unwrap();
    assert_eq!(a, b);
    let parsed: Dataset = serde_json::from_str(&a).expect("generated JSON deserialises");
    assert_eq!(parsed, parse_dataset(SOURCE, SOURCE_NAME).unwrap());
    assert_eq!(dataset_to_json(&parsed), a);
}

#[test]
fn committed_json_deserialises_with_expected_meta() {
    let d: Dataset = serde_json::from_str(JSON).expect("committed JSON deserialises");
    assert_eq!(d.schema, DATASET_SCHEMA);
    assert_eq!(d.meta.id, "qingpu-2022");
    assert_eq!(d.meta.title, "2022年青浦区乡村振兴重点任务清单");
    assert_eq!(d.meta.year, 2022);
    assert_eq!(d.meta.district, "青浦区");
    assert_eq!(d.meta.source_file, SOURCE_NAME);
}

#[test]
fn committed_source_hashes_to_meta_and_is_the_seed_file() {
    let d: Dataset = serde_json::from_str(JSON).unwrap();
    assert_eq!(fnv1a64_hex(SOURCE.as_bytes()), d.meta.content_hash);
    // The seed document as received (39895 bytes, no final newline, a trailing " " line).
    // Pinned so that an edited or re-encoded copy of the source is noticed.
    assert_eq!(SOURCE.len(), 39895);
    assert_eq!(d.meta.content_hash, "0f919355eefac916");
    assert!(SOURCE.starts_with(" 2022年青浦区乡村振兴重点任务清单（74项）\n"));
    assert!(SOURCE.ends_with("\t12月底\n "));
}

#[test]
fn json_has_one_task_per_line() {
    let task_lines = JSON
        .lines()
        .filter(|l| l.trim_start().starts_with("{\"id\":") && l.contains("\"city_no\""))
        .count();
    assert_eq!(task_lines, 74);
}
