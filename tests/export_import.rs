//! Export (JSON, CSV, brief), import validation, preview and merge on the mini dataset.

use qingdan::domain::csv::{parse_csv, unguard_cell};
use qingdan::domain::date::Date;
use qingdan::domain::export::{csv_rows, export_csv, export_json, unit_brief};
use qingdan::domain::import::{
    preview, validate_import, ImportError, ImportPreview, ImportWarning,
};
use qingdan::domain::merge::{merge, replace_all};
use qingdan::domain::progress::{ProgressDoc, Status, DISTRICT};
use qingdan::domain::schema::MigrateError;
use qingdan::domain::summary::{all_unit_summaries, tasks_for_unit, unit_summary};
use qingdan::domain::task::{Dataset, UnitKey};

fn dataset() -> Dataset {
    serde_json::from_str(include_str!("fixtures/dataset-mini.json")).expect("fixture dataset")
}

/// 2022-11-27 10:00 China time.
const T0: i64 = 1_669_514_400_000;

fn sample(ds: &Dataset) -> ProgressDoc {
    let mut d = ProgressDoc::new(&ds.meta);
    d.set_status(2, "zhujiajiao", Status::InProgress, T0)
        .unwrap();
    d.set_amount(2, "zhujiajiao", "道路", Some(5.0), T0)
        .unwrap();
    d.add_note(
        2,
        "zhujiajiao",
        "n1",
        "=已完成5公里, \"桥梁\"待招标\n第二行",
        T0,
    )
    .unwrap();
    d.set_status(1, "zhujiajiao", Status::Done, T0).unwrap();
    d.set_status(1, "jinze", Status::Blocked, T0).unwrap();
    d.set_status(4, DISTRICT, Status::Done, T0).unwrap();
    d
}

#[test]
fn tasks_per_unit_follow_scope() {
    let ds = dataset();
    let ids = |u: &str| -> Vec<u16> {
        tasks_for_unit(&ds, UnitKey::parse(u))
            .iter()
            .map(|t| t.id)
            .collect()
    };
    assert_eq!(ids("zhujiajiao"), vec![1, 2, 3]);
    assert_eq!(ids("jinze"), vec![1, 2, 3]);
    assert_eq!(ids("xiayang"), vec![2, 3]);
    assert_eq!(ids("park"), vec![3]);
    assert_eq!(ids(DISTRICT), vec![4]);
}

#[test]
fn summaries_count_done_blocked_overdue() {
    let ds = dataset();
    let d = sample(&ds);
    let today = Date::from_ymd_opt(2022, 11, 28).unwrap();
    let s = unit_summary(&d, &ds, "zhujiajiao", today);
    assert_eq!(
        (s.total, s.done, s.in_progress, s.blocked, s.not_started),
        (3, 1, 1, 0, 1)
    );
    assert_eq!(
        s.overdue, 0,
        "task 1 done; task 2 due 12-31; task 3 no deadline"
    );
    let j = unit_summary(&d, &ds, "jinze", today);
    assert_eq!((j.blocked, j.overdue), (1, 1));
    assert_eq!(all_unit_summaries(&d, &ds, today).len(), 5);
}

#[test]
fn json_export_of_one_unit_imports_back() {
    let ds = dataset();
    let d = sample(&ds);
    let text = export_json(&d, Some("zhujiajiao"), T0 + 1).unwrap();
    let imported = validate_import(text.as_bytes(), &ds).unwrap();
    assert!(imported.warnings.is_empty());
    assert!(imported.unknown.is_empty());
    assert_eq!(imported.doc.records.len(), 2);
    let export = imported.doc.export.clone().unwrap();
    assert_eq!(export.unit.as_deref(), Some("zhujiajiao"));
    assert_eq!(export.exported_at, T0 + 1);
    assert_eq!(
        imported.doc.record(2, "zhujiajiao"),
        d.record(2, "zhujiajiao")
    );
}

#[test]
fn csv_export_has_bom_crlf_guard_and_reparses() {
    let ds = dataset();
    let d = sample(&ds);
    let text = export_csv(&d, &ds, Some("zhujiajiao"));
    assert!(text.starts_with('\u{feff}'));
    assert!(text.ends_with("\r\n"));
    let rows = parse_csv(&text).unwrap();
    let expected = csv_rows(&d, &ds, Some("zhujiajiao"));
    assert_eq!(rows.len(), expected.len());
    for (got, want) in rows.iter().zip(&expected) {
        let got: Vec<&str> = got.iter().map(|c| unguard_cell(c)).collect();
        assert_eq!(got, *want);
    }
    let header = &rows[0];
    assert_eq!(&header[..4], &["区级序号", "任务名称", "单位", "状态"]);
    assert_eq!(header.last().map(String::as_str), Some("更新时间"));
    let road = rows.iter().find(|r| r[0] == "2").unwrap();
    assert_eq!(road[2], "朱家角镇");
    assert_eq!(road[3], "推进中");
    assert_eq!(&road[4..8], &["道路（公里）", "8", "5", "62.5%"]);
    assert_eq!(&road[8..12], &["桥梁（座）", "8", "", ""]);
    assert!(road[12].starts_with("2022-11-27 10:00 =已完成"));
    assert_eq!(road[13], "2022-11-27 10:00");
}

#[test]
fn csv_export_all_units_includes_district() {
    let ds = dataset();
    let d = sample(&ds);
    let rows = csv_rows(&d, &ds, None);
    assert!(rows
        .iter()
        .any(|r| r[0] == "4" && r[2] == "区级" && r[3] == "已完成"));
    // 1: 2 units, 2: 3 towns, 3: 4 units, 4: district = 10 rows + header.
    assert_eq!(rows.len(), 11);
}

#[test]
fn brief_lists_counts_and_each_task() {
    let ds = dataset();
    let d = sample(&ds);
    let today = Date::from_ymd_opt(2022, 11, 28).unwrap();
    let brief = unit_brief(&d, &ds, "zhujiajiao", today);
    println!("{brief}");
    assert!(brief
        .starts_with("【朱家角镇】2022年青浦区乡村振兴重点任务清单 进度简报\n日期：2022-11-28\n"));
    assert!(brief.contains("已完成 1 / 共 3，逾期 0"));
    assert!(brief.contains("2. 【推进中】农村公路提档升级｜道路 5/8公里（62.5%），桥梁 —/8座｜11-27 =已完成5公里, \"桥梁\"待招标…"));
    let jinze = unit_brief(&d, &ds, "jinze", today);
    assert!(jinze.contains("1. 【存在困难·逾期】建设乡村振兴示范村"));
}

#[test]
fn import_rejections_are_specific_and_chinese() {
    let ds = dataset();
    let d = sample(&ds);
    let good = export_json(&d, None, T0).unwrap();

    let other = good.replace("\"qingpu-2022\"", "\"songjiang-2023\"");
    let e = validate_import(other.as_bytes(), &ds).unwrap_err();
    assert!(matches!(e, ImportError::OtherDataset { .. }));
    assert!(e.message_zh().contains("另一份任务清单"));

    let newer = good.replace("\"schema\": 1", "\"schema\": 3");
    let e = validate_import(newer.as_bytes(), &ds).unwrap_err();
    assert_eq!(
        e,
        ImportError::Document(MigrateError::NewerSchema { found: 3 })
    );
    assert!(e.message_zh().contains("更新版本"));

    let e = validate_import(&good.as_bytes()[..good.len() / 2], &ds).unwrap_err();
    assert!(matches!(e, ImportError::Truncated { .. }), "{e:?}");
    assert!(e.message_zh().contains("不完整"));

    let e = validate_import(b"", &ds).unwrap_err();
    assert_eq!(e, ImportError::Empty);

    let big = vec![b' '; 5 * 1024 * 1024 + 1];
    assert!(validate_import(&big, &ds)
        .unwrap_err()
        .message_zh()
        .contains("5 MB"));

    let neg = good.replace("\"value\": 5.0", "\"value\": -5.0");
    let e = validate_import(neg.as_bytes(), &ds).unwrap_err();
    assert!(e.message_zh().contains("道路"), "{}", e.message_zh());

    let wrong_type = good.replace("\"status\": \"in_progress\"", "\"status\": \"finished\"");
    let e = validate_import(wrong_type.as_bytes(), &ds).unwrap_err();
    assert!(e.message_zh().contains("finished"), "{}", e.message_zh());
}

#[test]
fn hash_mismatch_warns_and_unknown_records_are_counted() {
    let ds = dataset();
    let mut d = sample(&ds);
    d.set_status(99, "zhujiajiao", Status::Done, T0).unwrap();
    d.set_status(1, "atlantis", Status::Done, T0).unwrap();
    let text = export_json(&d, None, T0)
        .unwrap()
        .replace("00000000feedbeef", "1111111111111111");
    let imp = validate_import(text.as_bytes(), &ds).unwrap();
    assert_eq!(imp.unknown.len(), 2);
    assert!(matches!(
        imp.warnings.as_slice(),
        [ImportWarning::DatasetHashDiffers { .. }]
    ));
    assert!(imp.warnings[0].message_zh().contains("版本"));
    assert!(imp.doc.record(99, "zhujiajiao").is_none());
}

#[test]
fn preview_counts_and_merge_versus_replace() {
    let ds = dataset();
    let current = sample(&ds);
    let mut theirs = current.clone();
    theirs
        .set_status(2, "zhujiajiao", Status::Done, T0 + 100)
        .unwrap(); // newer → updated
    theirs
        .set_status(3, "park", Status::InProgress, T0 + 100)
        .unwrap(); // new
                   // Record (1, zhujiajiao): the file has an older version than ours → older_skipped.
    let mut old_rec = current.clone();
    old_rec
        .set_status(1, "zhujiajiao", Status::Done, T0)
        .unwrap(); // T0+1, newer than ours
    let mut mine = current.clone();
    mine.set_status(1, "zhujiajiao", Status::Blocked, T0 + 500)
        .unwrap(); // ours newest
    let mut incoming_doc = theirs.clone();
    incoming_doc
        .records
        .replace(old_rec.record(1, "zhujiajiao").unwrap().clone());

    let text = export_json(&incoming_doc, None, T0 + 200).unwrap();
    let imp = validate_import(text.as_bytes(), &ds).unwrap();
    let p = preview(&mine, &imp);
    assert_eq!(
        p,
        ImportPreview {
            new: 1,
            updated: 1,
            older_skipped: 1,
            unchanged: 2,
            unknown: 0
        }
    );
    let merged = merge(&mine, &imp.doc);
    assert_eq!(
        merged.status(1, "zhujiajiao"),
        Status::Blocked,
        "ours was newer"
    );
    assert_eq!(merged.status(2, "zhujiajiao"), Status::Done);
    assert_eq!(merged.status(3, "park"), Status::InProgress);
    assert_eq!(merged.record(2, "zhujiajiao").unwrap().notes.len(), 1);

    let replaced = replace_all(&mine, &imp.doc);
    assert_eq!(replaced.status(1, "zhujiajiao"), Status::Done);
    assert_eq!(replaced.export, None);
}
