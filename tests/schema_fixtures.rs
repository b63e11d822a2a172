//! One fixture per schema version, read through `migrate`; plus a newer-schema fixture.

use qingdan::domain::progress::CURRENT_SCHEMA;
use qingdan::domain::progress::{Status, DISTRICT};
use qingdan::domain::schema::{migrate, MigrateError};

const V1: &str = include_str!("fixtures/progress-v1.json");
const NEWER: &str = include_str!("fixtures/progress-newer-schema.json");

fn value(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("fixture is valid JSON")
}

#[test]
fn schema_v1_fixture_reads_losslessly() {
    let doc = migrate(value(V1)).expect("v1 fixture migrates");
    assert_eq!(doc.schema, CURRENT_SCHEMA);
    assert_eq!(doc.dataset_id, "qingpu-2022");
    assert_eq!(doc.revision, 7);
    assert_eq!(doc.records.len(), 2);

    let r = doc.record(2, "zhujiajiao").expect("record 2");
    assert_eq!(r.status, Status::InProgress);
    assert_eq!(r.amount("道路"), Some(5.5));
    assert_eq!(r.amount("桥梁"), None);
    assert!(r.amounts.contains_key("桥梁"), "a cleared amount is kept");
    assert_eq!(r.notes.len(), 2);
    assert_eq!(r.live_notes().count(), 1);
    assert_eq!(r.notes[1].deleted_at, Some(1_669_500_009_000));
    assert!(r.notes[0].text.contains("\"桥梁\""));

    assert_eq!(doc.status(4, DISTRICT), Status::Done);

    // Writing it back and reading again changes nothing.
    let again = migrate(serde_json::to_value(&doc).expect("serialise")).expect("re-read");
    assert_eq!(again, doc);
}

#[test]
fn every_known_schema_version_has_a_fixture() {
    // When CURRENT_SCHEMA becomes 2, add fixtures/progress-v2.json and a test like the one above.
    let fixtures = [V1];
    assert_eq!(fixtures.len(), CURRENT_SCHEMA as usize);
}

#[test]
fn newer_schema_fixture_is_reported_not_read() {
    match migrate(value(NEWER)) {
        Err(e @ MigrateError::NewerSchema { found: 2 }) => {
            assert!(e.message_zh().contains("只读"));
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}
