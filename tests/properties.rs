//! Property tests (1 000 random cases each): JSON export → import is lossless, CSV re-parses to
//! the same cells, and merge is idempotent, commutative, newer-wins and never loses a note.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;

use qingdan::domain::csv::{parse_csv, unguard_cell, write_csv, BOM};
use qingdan::domain::export::{csv_rows, export_csv, export_json};
use qingdan::domain::import::validate_import;
use qingdan::domain::merge::merge;
use qingdan::domain::progress::{note_id, Note, ProgressDoc, Record, Records, Status, DISTRICT};
use qingdan::domain::task::Dataset;

mod common;
use common::{nasty_text, note_text, Cases};

const CASES: Cases = Cases(1000);

fn dataset() -> Dataset {
    serde_json::from_str(include_str!("fixtures/dataset-mini.json")).expect("fixture dataset")
}

const UNITS: [&str; 5] = ["zhujiajiao", "jinze", "xiayang", "park", DISTRICT];

fn metric_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("道路".to_string()),
        Just("桥梁".to_string()),
        Just("示范村".to_string()),
        "[=+\\-@]?[a-z粮食面积\",\r\n 😀]{1,12}".prop_map(String::from),
    ]
}

fn stamp() -> impl Strategy<Value = i64> {
    prop_oneof![Just(0i64), 1_600_000_000_000i64..1_800_000_000_000i64]
}

fn note(index: usize) -> impl Strategy<Value = Note> {
    (
        stamp(),
        any::<u64>(),
        note_text(),
        0i64..1000,
        any::<bool>(),
    )
        .prop_map(move |(created_at, rnd, text, later, deleted)| {
            let updated_at = created_at + later;
            Note {
                // Unique within the record thanks to the index.
                id: format!("{}{index}", note_id(created_at, rnd)),
                created_at,
                updated_at,
                text,
                deleted_at: deleted.then_some(updated_at),
            }
        })
}

fn record() -> impl Strategy<Value = Record> {
    let notes = (0usize..5).prop_flat_map(|n| (0..n).map(note).collect::<Vec<_>>());
    (
        prop::sample::select(vec![1u16, 2, 3, 4]),
        prop::sample::select(UNITS.to_vec()),
        prop::sample::select(Status::ALL.to_vec()),
        stamp(),
        prop::collection::btree_map(metric_name(), common::amount(stamp()), 0..4),
        notes,
    )
        .prop_map(|(task, unit, status, status_at, amounts, notes)| {
            let mut r = Record::new(task, unit);
            r.status = status;
            r.status_updated_at = status_at;
            r.amounts = amounts;
            r.notes = notes;
            r.normalize();
            r
        })
}

fn doc() -> impl Strategy<Value = ProgressDoc> {
    (prop::collection::vec(record(), 0..8), any::<u32>(), stamp()).prop_map(
        |(records, revision, saved_at)| {
            let mut d = ProgressDoc::new(&dataset().meta);
            d.records = records.into_iter().collect::<Records>();
            d.revision = u64::from(revision);
            d.saved_at = saved_at;
            d
        },
    )
}

fn note_ids(d: &ProgressDoc) -> BTreeMap<(u16, String), BTreeSet<String>> {
    d.records
        .iter()
        .map(|r| {
            (
                (r.task, r.unit.clone()),
                r.notes.iter().map(|n| n.id.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn json_export_import_is_lossless_1000_cases() {
    let ds = dataset();
    CASES.check("json export→import", (doc(), stamp()), |(d, now)| {
        let text = export_json(&d, None, now).map_err(|e| TestCaseError::fail(e.message_zh()))?;
        let imported = validate_import(text.as_bytes(), &ds)
            .map_err(|e| TestCaseError::fail(e.message_zh()))?;
        prop_assert!(imported.unknown.is_empty());
        let mut back = imported.doc;
        prop_assert_eq!(back.export.take().map(|e| e.exported_at), Some(now));
        prop_assert_eq!(back, d);
        Ok(())
    });
}

#[test]
fn json_export_of_one_unit_is_lossless_1000_cases() {
    let ds = dataset();
    CASES.check(
        "json export(one unit)→import",
        (doc(), prop::sample::select(UNITS.to_vec())),
        |(d, unit)| {
            let text =
                export_json(&d, Some(unit), 1).map_err(|e| TestCaseError::fail(e.message_zh()))?;
            let back = validate_import(text.as_bytes(), &ds)
                .map_err(|e| TestCaseError::fail(e.message_zh()))?
                .doc;
            let want: Vec<&Record> = d.records.iter().filter(|r| r.unit == unit).collect();
            let got: Vec<&Record> = back.records.iter().collect();
            prop_assert_eq!(got, want);
            Ok(())
        },
    );
}

#[test]
fn csv_cells_reparse_identically_1000_cases() {
    let cells = prop::collection::vec(prop::collection::vec(nasty_text(), 1..6), 0..6);
    CASES.check("csv random cells→parse", cells, |rows| {
        let text = write_csv(&rows);
        prop_assert!(text.starts_with(BOM));
        let parsed = parse_csv(&text).map_err(|e| TestCaseError::fail(e.message_zh()))?;
        let parsed: Vec<Vec<String>> = parsed
            .iter()
            .map(|r| r.iter().map(|c| unguard_cell(c).to_string()).collect())
            .collect();
        prop_assert_eq!(parsed, rows);
        Ok(())
    });
}

#[test]
fn csv_export_reparses_to_same_cells_1000_cases() {
    let ds = dataset();
    CASES.check("csv export→parse", doc(), |d| {
        let text = export_csv(&d, &ds, None);
        prop_assert!(text.ends_with("\r\n"));
        // Every line break outside quotes is CRLF: count rows via the parser instead.
        let parsed = parse_csv(&text).map_err(|e| TestCaseError::fail(e.message_zh()))?;
        let want = csv_rows(&d, &ds, None);
        let got: Vec<Vec<String>> = parsed
            .iter()
            .map(|r| r.iter().map(|c| unguard_cell(c).to_string()).collect())
            .collect();
        prop_assert_eq!(got, want);
        // No cell, as Excel sees it, starts a formula.
        for row in &parsed {
            for c in row {
                prop_assert!(!c.starts_with(['=', '+', '-', '@', '\t', '\r']));
            }
        }
        Ok(())
    });
}

#[test]
fn merge_is_idempotent_1000_cases() {
    CASES.check("merge(a,a)=a", doc(), |a| {
        prop_assert_eq!(merge(&a, &a), a);
        Ok(())
    });
}

#[test]
fn merge_is_commutative_1000_cases() {
    CASES.check(
        "merge commutative (disjoint and overlapping)",
        (doc(), doc()),
        |(a, b)| {
            // Disjoint: b without a's keys.
            let mut b_disjoint = b.clone();
            b_disjoint
                .records
                .retain(|r| a.record(r.task, &r.unit).is_none());
            prop_assert_eq!(
                merge(&a, &b_disjoint).records,
                merge(&b_disjoint, &a).records
            );
            // Overlapping records too (ties are broken by a fixed order on values).
            prop_assert_eq!(merge(&a, &b).records, merge(&b, &a).records);
            Ok(())
        },
    );
}

#[test]
fn merge_newer_wins_and_never_loses_a_note_1000_cases() {
    CASES.check(
        "merge newer-wins / keeps every note id",
        (doc(), doc(), note_text(), 0usize..4),
        |(a, b, text, pick)| {
            let m = merge(&a, &b);
            // Every note id of either side survives, per record.
            let (ia, ib, im) = (note_ids(&a), note_ids(&b), note_ids(&m));
            for (key, ids) in ia.iter().chain(ib.iter()) {
                let merged = im.get(key).cloned().unwrap_or_default();
                prop_assert!(ids.is_subset(&merged), "lost notes of {:?}", key);
            }
            // An edit newer than anything in `a` wins whichever side it comes from.
            let newest = a.latest_change().max(b.latest_change()) + 1;
            let status = Status::ALL[pick];
            let mut edited = a.clone();
            edited
                .set_status(2, "jinze", status, newest)
                .map_err(|e| TestCaseError::fail(e.message_zh()))?;
            edited
                .set_amount(2, "jinze", "道路", Some(1.5), newest)
                .map_err(|e| TestCaseError::fail(e.message_zh()))?;
            edited
                .add_note(2, "jinze", "newest-note", &text, newest)
                .or_else(|e| match e {
                    qingdan::domain::progress::EditError::TooManyNotes
                    | qingdan::domain::progress::EditError::NoteIdTaken => Ok(()),
                    other => Err(TestCaseError::fail(other.message_zh())),
                })?;
            for merged in [merge(&edited, &b), merge(&b, &edited)] {
                let r = merged
                    .record(2, "jinze")
                    .ok_or_else(|| TestCaseError::fail("record missing"))?;
                prop_assert_eq!(r.status, status);
                prop_assert_eq!(r.amount("道路"), Some(1.5));
                prop_assert!(r.note("newest-note").is_some());
            }
            // And a record merged with itself is unchanged.
            for r in a.records.iter() {
                prop_assert_eq!(&r.merged(r), r);
            }
            Ok(())
        },
    );
}

/// A sequence of search texts as someone types, deletes and changes words: pieces of the real
/// list's texts (so many queries match something), their pinyin (initials or full readings, from
/// the `pinyin` crate), random letters in either case, and spaces.
fn typing_session() -> impl Strategy<Value = Vec<String>> {
    use pinyin::ToPinyin;
    let ds = qingdan::data::embedded().expect("embedded dataset");
    let words: Vec<String> = ds
        .tasks
        .iter()
        .flat_map(|t| {
            [&t.name, &t.lead_text, &t.allocation_text]
                .into_iter()
                .map(|s| s.chars().take(4).collect::<String>())
        })
        .collect();
    let spelled: Vec<String> = ds
        .tasks
        .iter()
        .flat_map(|t| {
            let start: String = t.name.chars().skip(usize::from(t.id % 3)).take(4).collect();
            let initials: String = start
                .as_str()
                .to_pinyin()
                .flatten()
                .map(|p| p.first_letter())
                .collect();
            let full: String = start
                .as_str()
                .to_pinyin()
                .flatten()
                .map(|p| p.plain())
                .collect();
            [initials, full]
        })
        .chain(
            [
                "zjj",
                "zhujiajiao",
                "nyncw",
                "nongyenongcunwei",
                "dl",
                "chonggu",
                "cg",
            ]
            .map(String::from),
        )
        .collect();
    let piece = prop_oneof![
        3 => prop::sample::select(words),
        2 => prop::sample::select(spelled),
        1 => "[a-zA-Z0-9路村 ]{1,3}".prop_map(String::from),
    ];
    prop::collection::vec((piece, 0usize..4), 1..12).prop_map(|steps| {
        // Each step appends a piece, or first deletes 1-3 characters (0 = only append).
        let mut text = String::new();
        let mut out = Vec::new();
        for (piece, delete) in steps {
            for _ in 0..delete {
                text.pop();
            }
            if delete == 0 {
                text.push_str(&piece);
            }
            out.push(text.clone());
        }
        out
    })
}

#[test]
fn search_index_agrees_with_the_scan_over_typing_sessions_1000_cases() {
    use qingdan::domain::filter::{filter_and_count, filter_and_count_in};
    use qingdan::domain::query::{StatusKey, TaskQuery};
    use qingdan::domain::search::SearchIndex;
    let ds = qingdan::data::embedded().expect("embedded dataset");
    let status = |t: &qingdan::domain::task::Task| {
        [StatusKey::NotStarted, StatusKey::Done][usize::from(t.id % 2)]
    };
    CASES.check("search index", typing_session(), |session| {
        // One index for the whole session: it narrows from its previous answer.
        let index = SearchIndex::new(&ds);
        for text in session {
            let mut q = TaskQuery {
                text: text.clone(),
                ..TaskQuery::default()
            };
            q.toggle_status(StatusKey::Done);
            let scan = filter_and_count(&ds, &q, &status);
            let indexed = filter_and_count_in(&ds, &q, &status, Some(&index));
            prop_assert_eq!(scan.0, indexed.0, "results for {:?}", text);
            prop_assert_eq!(scan.1, indexed.1, "counts for {:?}", text);
        }
        Ok(())
    });
}
