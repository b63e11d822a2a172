//! The district roll-up: batch collection of export files, the matrix, totals, who is behind,
//! chart data and report tables. Expected numbers are worked out by hand from the source text
//! (`data/000_6daa0d8ba64a921b.txt`, via the embedded list) or from the mini fixture.
#![cfg(not(target_arch = "wasm32"))]

use qingdan::data::embedded;
use qingdan::domain::csv::{parse_csv, BOM};
use qingdan::domain::date::Date;
use qingdan::domain::export::export_json;
use qingdan::domain::import::{ImportError, ImportPreview};
use qingdan::domain::progress::{ProgressDoc, Status, DISTRICT};
use qingdan::domain::rollup::{
    collect, Bar, Batch, CellCounts, RecordField, ReportCell, Rollup, TotalBasis, Winner,
    SILENT_AFTER_DAYS,
};
use qingdan::domain::task::{Dataset, Task, UnitKey};
use qingdan::source::allocation::task_stated_totals;
use qingdan::source::sample::sample_dataset;

/// 2022-11-27 10:00 China time.
const T0: i64 = 1_669_514_400_000;
const HOUR: i64 = 3_600_000;

fn real() -> Dataset {
    embedded().expect("embedded dataset")
}

fn mini() -> Dataset {
    serde_json::from_str(include_str!("fixtures/dataset-mini.json")).expect("fixture dataset")
}

fn date(m: u32, d: u32) -> Date {
    Date::from_ymd_opt(2022, m, d).unwrap()
}

fn tasks<'a>(ds: &'a Dataset, ids: &[u16]) -> Vec<&'a Task> {
    ids.iter()
        .map(|id| ds.tasks.iter().find(|t| t.id == *id).unwrap())
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * b.abs().max(1.0)
}

fn file(name: &str, doc: &ProgressDoc, unit: Option<&str>, at: i64) -> (String, Vec<u8>) {
    (
        name.to_string(),
        export_json(doc, unit, at).unwrap().into_bytes(),
    )
}

// ---------------------------------------------------------------- matrix

#[test]
fn matrix_cells_follow_scope_status_and_assignments() {
    let ds = real();
    let mut d = ProgressDoc::new(&ds.meta);
    d.set_status(9, "zhujiajiao", Status::InProgress, T0)
        .unwrap();
    d.set_amount(9, "zhujiajiao", "道路", Some(6.0), T0 + 1)
        .unwrap();
    d.add_note(9, "zhujiajiao", "n1", "旧备注", T0).unwrap();
    d.add_note(9, "zhujiajiao", "n2", "新备注", T0 + 2).unwrap();
    d.set_status(1, "chonggu", Status::Done, T0).unwrap();
    d.set_status(5, DISTRICT, Status::Blocked, T0).unwrap();
    let r = Rollup::all(&ds, &d, date(11, 28)).with_stated_totals(task_stated_totals);

    // 12 units in dataset order, then 区级.
    let cols: Vec<&str> = r.columns().iter().map(|c| c.name.as_str()).collect();
    assert_eq!(cols.len(), 13);
    assert_eq!(cols[0], "赵巷镇");
    assert_eq!(cols[11], "现代农业园区");
    assert_eq!(cols[12], "区级");
    assert!(r.columns()[12].district && !r.columns()[0].district);

    // Task 9 (道路 8公里, 桥梁 8座 for 朱家角; all 11 街镇, not the park).
    let c = r.cell(9, "zhujiajiao").unwrap();
    assert_eq!(c.status, Status::InProgress);
    assert!(!c.overdue, "due 12-31");
    assert_eq!(c.updated_at, Some(T0 + 2));
    assert_eq!(c.latest_note.as_ref().unwrap().text, "新备注");
    let m: Vec<(&str, Option<f64>, Option<f64>, &str)> = c
        .metrics
        .iter()
        .map(|m| (m.metric.as_str(), m.completed, m.target, m.measure.as_str()))
        .collect();
    assert_eq!(
        m,
        [
            ("道路", Some(6.0), Some(8.0), "公里"),
            ("桥梁", None, Some(8.0), "座")
        ]
    );
    assert_eq!(c.label_zh(), "推进中 道路 6/8公里，桥梁 —/8座");
    assert!(
        r.cell(9, "nongye-yuanqu").is_none(),
        "the park is not a 街镇"
    );
    assert!(r.cell(9, DISTRICT).is_none());
    // 盈浦 has bridges only; no record: 未开始, no stamp.
    let y = r.cell(9, "yingpu").unwrap();
    assert_eq!((y.status, y.updated_at), (Status::NotStarted, None));
    assert_eq!(y.label_zh(), "未开始 —/2座");

    // Task 1 (listed: 重固1, 金泽1; due 10-31): only those two cells; 金泽 is overdue.
    let row = r.row(1).unwrap();
    assert_eq!(row.cells().count(), 2);
    assert!(!r.cell(1, "chonggu").unwrap().overdue, "done");
    let j = r.cell(1, "jinze").unwrap();
    assert!(j.overdue);
    assert_eq!(j.label_zh(), "未开始·逾期 —/1个");

    // Task 5 is district-level: only the 区级 cell.
    assert_eq!(r.row(5).unwrap().cells().count(), 1);
    assert_eq!(r.cell(5, DISTRICT).unwrap().status, Status::Blocked);
    assert_eq!(r.cell(5, DISTRICT).unwrap().label_zh(), "存在困难");
}

#[test]
fn overdue_turns_the_day_after_the_deadline() {
    let ds = real();
    let d = ProgressDoc::new(&ds.meta);
    // Task 1 is due 2022-10-31.
    let on = Rollup::all(&ds, &d, date(10, 31)).with_stated_totals(task_stated_totals);
    let after = Rollup::all(&ds, &d, date(11, 1)).with_stated_totals(task_stated_totals);
    assert!(!on.cell(1, "jinze").unwrap().overdue);
    assert!(after.cell(1, "jinze").unwrap().overdue);
}

#[test]
fn rows_grouped_by_category_in_dataset_order_keeping_the_given_order() {
    let ds = real();
    let d = ProgressDoc::new(&ds.meta);
    // 17 is in (五), 11 and 9 in (三), 1 in (一); 9 is given twice.
    let r = Rollup::new(&ds, &d, date(11, 28), &tasks(&ds, &[17, 11, 9, 1, 9]))
        .with_stated_totals(task_stated_totals);
    let groups: Vec<(u8, Vec<u16>)> = r
        .groups()
        .iter()
        .map(|g| (g.id, g.rows.iter().map(|r| r.task.id).collect()))
        .collect();
    assert_eq!(groups, [(1, vec![1]), (3, vec![11, 9]), (5, vec![17])]);
    assert_eq!(r.groups()[1].label, "(三)优化提升人居环境");
    assert!(r.row(2).is_none() && r.cell(2, "zhaoxiang").is_none());
}

#[test]
fn records_no_cell_shows_are_listed_outside() {
    let ds = real();
    let mut d = ProgressDoc::new(&ds.meta);
    // Task 1 is for 重固 and 金泽 only; the district does not report on task 9.
    d.set_status(1, "zhujiajiao", Status::Done, T0).unwrap();
    d.set_status(9, DISTRICT, Status::Done, T0).unwrap();
    d.set_status(9, "baihe", Status::Done, T0).unwrap();
    let r = Rollup::all(&ds, &d, date(11, 28)).with_stated_totals(task_stated_totals);
    let out: Vec<(u16, &str)> = r
        .outside()
        .iter()
        .map(|k| (k.task, k.unit.as_str()))
        .collect();
    assert_eq!(out, [(1, "zhujiajiao"), (9, DISTRICT)]);
    assert_eq!(r.overall().done, 1, "only 白鹤's cell counts");
}

// ---------------------------------------------------------------- totals

#[test]
fn totals_use_the_stated_district_total_or_the_sum_of_units() {
    let ds = real();
    let mut d = ProgressDoc::new(&ds.meta);
    d.set_amount(17, "zhujiajiao", "粮食任务", Some(21500.0), T0)
        .unwrap();
    d.set_amount(17, "jinze", "粮食任务", Some(13000.0), T0)
        .unwrap();
    d.set_amount(17, "xujing", "粮食任务", None, T0).unwrap();
    d.set_amount(17, DISTRICT, "粮食任务", Some(50000.0), T0)
        .unwrap();
    d.set_amount(9, "zhujiajiao", "道路", Some(6.0), T0)
        .unwrap();
    // 盈浦 has no 道路 assigned, but the road it built counts.
    d.set_amount(9, "yingpu", "道路", Some(1.0), T0).unwrap();
    let r = Rollup::all(&ds, &d, date(11, 28)).with_stated_totals(task_stated_totals);
    let totals = |id: u16| r.totals().iter().find(|t| t.task.id == id).unwrap();

    // 全区落实粮食任务12.4万亩 = 124 000 亩; the 12 shares add up to the same.
    let grain = &totals(17).metrics[0];
    assert_eq!(
        (grain.metric.as_str(), grain.measure.as_str()),
        ("粮食任务", "亩")
    );
    assert_eq!(grain.basis, TotalBasis::Stated);
    assert_eq!(grain.stated_total, Some(124_000.0));
    assert_eq!(grain.district_total, 124_000.0);
    assert_eq!(grain.units_target, 124_000.0);
    assert_eq!(
        grain.units_done, 34_500.0,
        "21500 + 13000; the district's 50000 apart"
    );
    assert_eq!((grain.units_assigned, grain.units_reported), (12, 2));
    assert_eq!(grain.district_done, Some(50_000.0));
    assert!(close(grain.percent.unwrap(), 34_500.0 / 124_000.0 * 100.0));

    // 道路（公里）: no total in the source; 2+2+6+3+8+8+10+6+5.54+10 = 60.54.
    let t9 = totals(9);
    let names: Vec<&str> = t9.metrics.iter().map(|m| m.metric.as_str()).collect();
    assert_eq!(names, ["道路", "桥梁"]);
    let road = &t9.metrics[0];
    assert_eq!(road.basis, TotalBasis::SumOfUnits);
    assert_eq!(road.stated_total, None);
    assert!(close(road.units_target, 60.54));
    assert_eq!(road.district_total, road.units_target);
    assert_eq!(
        (road.units_done, road.units_reported, road.units_assigned),
        (7.0, 2, 10)
    );
    assert!(close(road.percent.unwrap(), 7.0 / 60.54 * 100.0));
    // 桥梁: 3+2+3+8+11+3+2+1 = 33, nothing done.
    let bridge = &t9.metrics[1];
    assert_eq!(
        (
            bridge.units_target,
            bridge.units_done,
            bridge.units_assigned
        ),
        (33.0, 0.0, 8)
    );
    assert_eq!(bridge.percent, Some(0.0));
    assert_eq!(bridge.district_done, None);

    // 蔬菜: three metrics with their own stated totals, in their own measures.
    let veg: Vec<(&str, Option<f64>, &str)> = totals(19)
        .metrics
        .iter()
        .map(|m| (m.metric.as_str(), m.stated_total, m.measure.as_str()))
        .collect();
    assert_eq!(
        veg,
        [
            ("蔬菜播种面积", Some(16.9), "万亩次"),
            ("蔬菜产量", Some(38.09), "万吨"),
            ("食用菌产量", Some(0.13), "万吨")
        ]
    );
    assert!(close(totals(19).metrics[0].units_target, 16.9));
    // 共7个村 / 共16个村 / 600亩 / 15个在建项目.
    assert_eq!(totals(2).metrics[0].stated_total, Some(7.0));
    assert_eq!(totals(3).metrics[0].stated_total, Some(16.0));
    assert_eq!(totals(33).metrics[0].stated_total, Some(600.0));
    assert_eq!(totals(43).metrics[0].stated_total, Some(15.0));
    // 高标准农田 (task 39) states no totals at all.
    assert!(totals(39)
        .metrics
        .iter()
        .all(|m| m.basis == TotalBasis::SumOfUnits));
    // Tasks without quantified assignments have no totals.
    assert!(r.totals().iter().all(|t| t.task.id != 5 && t.task.id != 4));
}

#[test]
fn every_stated_total_of_the_2022_list_matches_its_units() {
    // In the 2022 source every stated total equals the sum of the shares; a parse that attached a
    // total to the wrong metric or measure would break this.
    let ds = real();
    let r = Rollup::all(&ds, &ProgressDoc::new(&ds.meta), date(11, 28))
        .with_stated_totals(task_stated_totals);
    let mut stated = Vec::new();
    for t in r.totals() {
        for m in &t.metrics {
            if let Some(s) = m.stated_total {
                assert!(
                    close(s, m.units_target),
                    "task {} {}: {s} vs {}",
                    t.task.id,
                    m.metric,
                    m.units_target
                );
                stated.push(t.task.id);
            }
        }
    }
    stated.dedup();
    assert_eq!(stated, [2, 3, 17, 19, 20, 24, 28, 31, 33, 40, 43]);
}

// ---------------------------------------------------------------- who is behind

#[test]
fn silent_after_more_than_n_days_in_china_time() {
    let ds = real();
    let mut d = ProgressDoc::new(&ds.meta);
    // As of 2022-11-28: 11-14 is exactly 14 days before, 11-13 is 15.
    d.set_status(9, "zhaoxiang", Status::Done, 1_668_355_200_000)
        .unwrap(); // 11-14 00:00
    d.set_status(9, "xujing", Status::Done, 1_668_355_140_000)
        .unwrap(); // 11-13 23:59
    d.set_status(9, "huaxin", Status::Done, 1_668_391_200_000)
        .unwrap(); // 11-14 10:00
    d.set_status(17, "huaxin", Status::Done, 1_664_586_000_000)
        .unwrap(); // older, 10-01
    d.set_status(9, "chonggu", Status::Done, 1_669_683_600_000)
        .unwrap(); // 11-29, after as-of
                   // A report on a task outside the filter still counts as a report.
    d.set_status(17, "baihe", Status::Done, T0).unwrap();
    let r = Rollup::new(&ds, &d, date(11, 28), &tasks(&ds, &[9]))
        .with_stated_totals(task_stated_totals);
    let a = r.activity(SILENT_AFTER_DAYS);
    let by = |k: &str| a.iter().find(|u| u.key == k).unwrap();

    assert_eq!(by("zhaoxiang").days_since_report, Some(14));
    assert!(!by("zhaoxiang").silent);
    assert_eq!(by("xujing").days_since_report, Some(15));
    assert!(by("xujing").silent);
    assert_eq!(
        by("huaxin").last_reported,
        Some(1_668_391_200_000),
        "the newest record"
    );
    assert_eq!(by("chonggu").days_since_report, Some(-1));
    assert!(!by("chonggu").silent);
    assert_eq!(by("baihe").days_since_report, Some(1));
    let never = by("liantang");
    assert_eq!(
        (never.last_reported, never.days_since_report, never.silent),
        (None, None, true)
    );
    assert_eq!(never.last_report_zh(), "从未报送");
    assert_eq!(by("xujing").last_report_zh(), "15 天前报送");
    // With N = 15, 15 days is not silent either.
    assert!(
        !r.activity(15)
            .iter()
            .find(|u| u.key == "xujing")
            .unwrap()
            .silent
    );

    // Counts over the filtered tasks only (task 9): 赵巷 1 done of 1.
    let z = by("zhaoxiang").counts;
    assert_eq!((z.total(), z.done), (1, 1));
    assert_eq!(by("nongye-yuanqu").counts.total(), 0);
    assert_eq!(a.len(), 13);
    assert!(a[12].district);
}

#[test]
fn activity_counts_status_and_overdue_per_unit() {
    let ds = mini();
    let mut d = ProgressDoc::new(&ds.meta);
    d.set_status(1, "zhujiajiao", Status::Done, T0).unwrap();
    d.set_status(2, "zhujiajiao", Status::Blocked, T0).unwrap();
    let r = Rollup::all(&ds, &d, date(11, 28)).with_stated_totals(task_stated_totals);
    let z = &r.activity(14)[0];
    assert_eq!(z.key, "zhujiajiao");
    // Tasks 1 (done), 2 (blocked, due 12-31), 3 (no record, no deadline).
    assert_eq!(
        z.counts,
        CellCounts {
            not_started: 1,
            in_progress: 0,
            done: 1,
            blocked: 1,
            overdue: 0
        }
    );
    // 金泽: task 1 not done past 10-31.
    let j = &r.activity(14)[1];
    assert_eq!((j.counts.total(), j.counts.overdue), (3, 1));
}

// ---------------------------------------------------------------- charts

fn keyed(bars: &[Bar]) -> Vec<(&str, &str, usize, usize)> {
    bars.iter()
        .map(|b| {
            (
                b.key.as_str(),
                b.label.as_str(),
                b.counts.total(),
                b.counts.done,
            )
        })
        .collect()
}

#[test]
fn charts_count_matrix_cells_and_reconcile() {
    // Mini list: task 1 listed (朱家角, 金泽; 10-31), 2 all towns (朱家角, 金泽, 夏阳; 12-31),
    // 3 all towns and park (4 units; no date), 4 district (06-30): 2 + 3 + 4 + 1 = 10 cells.
    let ds = mini();
    let mut d = ProgressDoc::new(&ds.meta);
    d.set_status(1, "jinze", Status::Done, T0).unwrap();
    d.set_status(3, "park", Status::Done, T0).unwrap();
    d.set_status(3, "xiayang", Status::InProgress, T0).unwrap();
    d.set_status(4, DISTRICT, Status::Blocked, T0).unwrap();
    let r = Rollup::all(&ds, &d, date(11, 28)).with_stated_totals(task_stated_totals);
    let all = r.overall();
    assert_eq!(
        all,
        CellCounts {
            not_started: 6,
            in_progress: 1,
            done: 2,
            blocked: 1,
            overdue: 2 // 朱家角 task 1, district task 4
        }
    );
    assert_eq!(
        keyed(&r.by_unit()),
        [
            ("zhujiajiao", "朱家角镇", 3, 0),
            ("jinze", "金泽镇", 3, 1),
            ("xiayang", "夏阳街道", 2, 0),
            ("park", "现代农业园区", 1, 1),
            (DISTRICT, "区级", 1, 0)
        ]
    );
    assert_eq!(
        keyed(&r.by_month()),
        [
            ("2022-06", "6月", 1, 0),
            ("2022-10", "10月", 2, 1),
            ("2022-12", "12月", 3, 0),
            ("none", "无日期", 4, 1)
        ]
    );
    assert_eq!(
        keyed(&r.by_category()),
        [("1", "(一)持续推进“两个示范村”建设", 10, 2)]
    );
    // 区建设管理委 leads task 2 only.
    assert_eq!(
        keyed(&r.by_lead()),
        [
            ("区农业农村委", "区农业农村委", 7, 2),
            ("区建设管理委", "区建设管理委", 3, 0)
        ]
    );
    for bars in [r.by_unit(), r.by_month(), r.by_category()] {
        let sum: usize = bars.iter().map(|b| b.counts.total()).sum();
        assert_eq!(sum, all.total());
    }
}

#[test]
fn a_task_with_two_leads_counts_under_both() {
    // Sample list: task 4 (all towns: 朱家角, 夏阳, 金泽) is led by 区委组织部 and 区农业农村委;
    // task 7 (district) by 区绿化市容局 and 区农业农村委.
    let ds = sample_dataset();
    let d = ProgressDoc::new(&ds.meta);
    let r = Rollup::new(&ds, &d, date(11, 28), &tasks(&ds, &[4, 7]))
        .with_stated_totals(task_stated_totals);
    let bars = r.by_lead();
    let count = |k: &str| bars.iter().find(|b| b.key == k).unwrap().counts.total();
    assert_eq!(count("区农业农村委"), 4);
    assert_eq!(count("区委组织部"), 3);
    assert_eq!(count("区绿化市容局"), 1);
    assert_eq!(bars.len(), 3);
    assert_eq!(r.overall().total(), 4);
}

// ---------------------------------------------------------------- collecting

#[test]
fn per_file_units_time_and_counts() {
    let ds = real();
    let mut current = ProgressDoc::new(&ds.meta);
    current
        .set_status(9, "zhujiajiao", Status::InProgress, T0)
        .unwrap();
    current
        .set_status(17, "zhujiajiao", Status::Done, T0)
        .unwrap();
    current
        .set_status(11, "zhujiajiao", Status::Done, T0)
        .unwrap();

    let mut zjj = current.clone();
    zjj.set_status(9, "zhujiajiao", Status::Done, T0 + HOUR)
        .unwrap(); // newer
    zjj.set_status(3, "zhujiajiao", Status::Done, T0 + HOUR)
        .unwrap(); // new
    let mut older = current.clone();
    older.records.retain(|r| r.task == 11);
    let mut rec = older.record(11, "zhujiajiao").unwrap().clone();
    rec.status = Status::Blocked;
    rec.status_updated_at = T0 - HOUR;
    older.records.replace(rec);

    let mut all_units = ProgressDoc::new(&ds.meta);
    all_units.set_status(1, "jinze", Status::Done, T0).unwrap();
    all_units.set_status(5, DISTRICT, Status::Done, T0).unwrap();
    all_units
        .set_status(9, "chonggu", Status::Done, T0)
        .unwrap();

    let files = vec![
        file("zjj.json", &zjj, Some("zhujiajiao"), T0 + 2 * HOUR),
        file("all.json", &all_units, None, T0 + 3 * HOUR),
        file("old.json", &older, Some("zhujiajiao"), T0 - HOUR),
        file(
            "empty-park.json",
            &ProgressDoc::new(&ds.meta),
            Some("nongye-yuanqu"),
            T0,
        ),
    ];
    let b = collect(&current, &ds, &files);
    let acc: Vec<_> = b.accepted().map(|(_, a)| a).collect();
    assert_eq!(acc.len(), 4);
    assert_eq!(acc[0].units, ["zhujiajiao"]);
    assert_eq!(acc[0].exported_at, Some(T0 + 2 * HOUR));
    assert_eq!(
        acc[0].counts,
        ImportPreview {
            new: 1,
            updated: 1,
            older_skipped: 0,
            unchanged: 2,
            unknown: 0
        }
    );
    assert_eq!(acc[1].units, ["chonggu", "jinze", DISTRICT]);
    assert_eq!(acc[1].counts.new, 3);
    assert_eq!(
        acc[2].counts,
        ImportPreview {
            older_skipped: 1,
            ..ImportPreview::default()
        }
    );
    assert_eq!(
        acc[3].units,
        ["nongye-yuanqu"],
        "declared unit without records"
    );
    assert_eq!(acc[3].counts, ImportPreview::default());
    // zjj.json and old.json disagree on task 11; zjj.json's version is the newer one.
    assert_eq!(b.conflicts.len(), 1);
    let c = &b.conflicts[0];
    assert_eq!(
        (c.task, c.unit.as_str(), c.files.clone()),
        (11, "zhujiajiao", vec![0, 2])
    );
    assert_eq!(c.winner, Winner::File(0));
    assert_eq!(c.fields.len(), 1);
    assert_eq!(c.fields[0].field, RecordField::Status);
    assert_eq!(
        b.conflict_message_zh(c, &ds),
        "第 11 号任务（朱家角镇）：“zjj.json”、“old.json” 中的记录不同，采用较新的“zjj.json”。"
    );
    // Totals over the union: new 3 (+1 from zjj), updated 1 (task 9), unchanged 2.
    assert_eq!(
        b.totals,
        ImportPreview {
            new: 4,
            updated: 1,
            older_skipped: 0,
            unchanged: 2,
            unknown: 0
        }
    );
    assert!(b.has_changes());
    assert_eq!(b.combined.status(9, "zhujiajiao"), Status::Done);
    assert_eq!(b.combined.status(11, "zhujiajiao"), Status::Done);
    assert_eq!(b.combined.records.len(), 7);
    assert!(b.combined.export.is_none());
}

#[test]
fn fields_from_several_files_are_reported() {
    let ds = real();
    let current = ProgressDoc::new(&ds.meta);
    let mut a = ProgressDoc::new(&ds.meta);
    a.set_amount(9, "baihe", "道路", Some(3.0), T0).unwrap();
    a.set_status(9, "baihe", Status::Done, T0 + 10).unwrap();
    let mut b = ProgressDoc::new(&ds.meta);
    b.set_status(9, "baihe", Status::InProgress, T0).unwrap();
    b.set_amount(9, "baihe", "道路", Some(5.0), T0 + 10)
        .unwrap();
    b.add_note(9, "baihe", "n1", "进展", T0 + 5).unwrap();
    let files = vec![
        file("a.json", &a, Some("baihe"), T0 + 20),
        file("b.json", &b, Some("baihe"), T0 + 20),
    ];
    let batch = collect(&current, &ds, &files);
    assert_eq!(batch.conflicts.len(), 1);
    let c = &batch.conflicts[0];
    assert_eq!(c.winner, Winner::Several(vec![0, 1]));
    let fields: Vec<(RecordField, Vec<usize>)> = c
        .fields
        .iter()
        .map(|f| (f.field.clone(), f.from.clone()))
        .collect();
    assert_eq!(
        fields,
        [
            (RecordField::Status, vec![0]),
            (RecordField::Amount("道路".into()), vec![1]),
            (RecordField::Note("n1".into()), vec![1])
        ]
    );
    let r = batch.combined.record(9, "baihe").unwrap();
    assert_eq!(
        (r.status, r.amount("道路"), r.notes.len()),
        (Status::Done, Some(5.0), 1)
    );
    assert!(batch
        .conflict_message_zh(c, &ds)
        .contains("各项内容分别采用较新的版本"));
    // One record in two files counts once.
    assert_eq!(batch.totals.new, 1);
}

#[test]
fn the_same_file_twice_is_harmless() {
    let ds = real();
    let mut current = ProgressDoc::new(&ds.meta);
    current
        .set_status(9, "jinze", Status::InProgress, T0)
        .unwrap();
    let mut u = current.clone();
    u.set_status(9, "jinze", Status::Done, T0 + HOUR).unwrap();
    u.set_status(1, "jinze", Status::Done, T0 + HOUR).unwrap();
    let f = file("金泽.json", &u, Some("jinze"), T0 + 2 * HOUR);
    let copy = ("金泽 (1).json".to_string(), f.1.clone());

    let once = collect(&current, &ds, std::slice::from_ref(&f));
    let twice = collect(&current, &ds, &[f.clone(), copy, f]);
    assert!(twice.conflicts.is_empty());
    assert_eq!(twice.combined, once.combined);
    assert_eq!(twice.totals, once.totals);
    assert_eq!(
        once.totals,
        ImportPreview {
            new: 1,
            updated: 1,
            ..ImportPreview::default()
        }
    );
    let counts: Vec<ImportPreview> = twice.accepted().map(|(_, a)| a.counts).collect();
    assert_eq!(counts, vec![once.totals; 3]);
    let same: Vec<Option<usize>> = twice.accepted().map(|(_, a)| a.same_as).collect();
    assert_eq!(same, [None, Some(0), Some(0)]);
    assert_eq!(
        twice.same_as_message_zh(1).unwrap(),
        "与“金泽.json”内容相同，不会重复计入。"
    );
    assert_eq!(twice.same_as_message_zh(0), None);
}

#[test]
fn refused_files_are_explained_and_change_nothing() {
    let ds = real();
    let mut current = ProgressDoc::new(&ds.meta);
    current
        .set_status(9, "jinze", Status::InProgress, T0)
        .unwrap();
    let mut other_meta = ds.meta.clone();
    other_meta.id = "other-list".into();
    let mut other = ProgressDoc::new(&other_meta);
    other
        .set_status(9, "jinze", Status::Done, T0 + HOUR)
        .unwrap();
    let good = {
        let mut d = ProgressDoc::new(&ds.meta);
        d.set_status(1, "chonggu", Status::Done, T0).unwrap();
        d
    };
    let files = vec![
        (
            "broken.json".to_string(),
            b"{\"app\": \"qingdan\", \"schema\": 1,,}".to_vec(),
        ),
        ("cut.json".to_string(), b"{\"app\": \"qingdan\"".to_vec()),
        file("other.json", &other, Some("jinze"), T0 + HOUR),
        ("empty.json".to_string(), Vec::new()),
        file("good.json", &good, Some("chonggu"), T0),
    ];
    let b = Batch::collect(&current, &ds, &files);
    let refused: Vec<(usize, &ImportError)> = b.refused().collect();
    assert_eq!(refused.len(), 4);
    assert!(matches!(
        refused[0],
        (0, ImportError::BadJson { line: 1, .. })
    ));
    assert!(matches!(refused[1], (1, ImportError::Truncated { .. })));
    assert!(matches!(refused[2], (2, ImportError::OtherDataset { .. })));
    assert!(matches!(refused[3], (3, ImportError::Empty)));
    assert!(refused[2].1.message_zh().contains("另一份任务清单"));
    assert_eq!(b.accepted().count(), 1);
    // Only good.json counts.
    assert_eq!(
        b.totals,
        ImportPreview {
            new: 1,
            ..ImportPreview::default()
        }
    );
    assert_eq!(b.combined.status(9, "jinze"), Status::InProgress);
    assert_eq!(b.combined.records.len(), 2);

    // Nothing accepted: the combined document is the current one.
    let none = collect(&current, &ds, &files[..4]);
    assert_eq!(none.combined, current);
    assert!(!none.has_changes());
}

#[test]
fn unknown_records_count_once_across_files() {
    let ds = real();
    let current = ProgressDoc::new(&ds.meta);
    let mut d = ProgressDoc::new(&ds.meta);
    d.set_status(999, "jinze", Status::Done, T0).unwrap();
    d.set_status(9, "nowhere", Status::Done, T0).unwrap();
    d.set_status(9, "jinze", Status::Done, T0).unwrap();
    let f = file("a.json", &d, None, T0);
    let b = collect(&current, &ds, &[f.clone(), ("b.json".into(), f.1)]);
    let first = b.accepted().next().unwrap().1;
    assert_eq!(first.counts.unknown, 2);
    assert_eq!(
        first.units,
        ["jinze"],
        "unknown records are left out before counting units"
    );
    assert_eq!(
        b.totals,
        ImportPreview {
            new: 1,
            unknown: 2,
            ..ImportPreview::default()
        }
    );
}

// ---------------------------------------------------------------- reports

#[test]
fn report_tables_hold_the_matrix_numbers() {
    let ds = real();
    let mut d = ProgressDoc::new(&ds.meta);
    d.set_status(9, "zhujiajiao", Status::InProgress, T0)
        .unwrap();
    d.set_amount(9, "zhujiajiao", "道路", Some(6.0), T0)
        .unwrap();
    d.add_note(9, "zhujiajiao", "n1", "=已开工", T0).unwrap();
    d.set_amount(17, "zhujiajiao", "粮食任务", Some(21500.0), T0)
        .unwrap();
    let r = Rollup::all(&ds, &d, date(11, 28)).with_stated_totals(task_stated_totals);

    let m = r.matrix_sheet();
    assert_eq!(m.name, "汇总矩阵");
    assert_eq!(m.rows.len(), 75);
    let header: Vec<String> = m.rows[0].iter().map(ReportCell::to_text).collect();
    assert_eq!(
        header[..6],
        [
            "区级序号",
            "任务名称",
            "类别",
            "牵头部门",
            "完成时间",
            "赵巷镇"
        ]
    );
    assert_eq!(header.last().unwrap(), "区级");
    let zjj = header.iter().position(|h| h == "朱家角镇").unwrap();
    let row9 = m
        .rows
        .iter()
        .find(|r| r[0] == ReportCell::Number(9.0))
        .unwrap();
    assert_eq!(row9[1], ReportCell::Text("推进村内道路建设养护".into()));
    assert_eq!(row9[3], ReportCell::Text("区建管委".into()));
    assert_eq!(row9[4], ReportCell::Text("2022-12-31".into()));
    assert_eq!(
        row9[zjj],
        ReportCell::Text("推进中 道路 6/8公里，桥梁 —/8座".into())
    );
    assert_eq!(
        row9.last(),
        Some(&ReportCell::Empty),
        "task 9 is not district-level"
    );

    let csv = qingdan::domain::rollup::rollup_csv(&r);
    assert!(csv.starts_with(BOM));
    let parsed = parse_csv(&csv).unwrap();
    assert_eq!(parsed.len(), 75);
    assert_eq!(parsed[0], header);

    let t = r.totals_sheet();
    let grain = t
        .rows
        .iter()
        .find(|r| r[0] == ReportCell::Number(17.0))
        .unwrap();
    assert_eq!(
        grain[2..],
        [
            ReportCell::Text("粮食任务".into()),
            ReportCell::Text("亩".into()),
            ReportCell::Number(124_000.0),
            ReportCell::Text("清单列明".into()),
            ReportCell::Number(124_000.0),
            ReportCell::Number(21_500.0),
            ReportCell::Number(17.3), // 21500 / 124000 = 17.34 %
            ReportCell::Number(12.0),
            ReportCell::Number(1.0),
            ReportCell::Empty,
        ]
    );
    assert_eq!(t.rows[0].len(), grain.len());

    let col = r.column_index("zhujiajiao").unwrap();
    let u = r.unit_sheet(col).unwrap();
    assert_eq!(u.name, "朱家角镇");
    let z9 = u
        .rows
        .iter()
        .find(|r| r[0] == ReportCell::Number(9.0))
        .unwrap();
    let z9: Vec<String> = z9.iter().map(ReportCell::to_text).collect();
    let head: Vec<String> = u.rows[0].iter().map(ReportCell::to_text).collect();
    let at = |h: &str| z9[head.iter().position(|x| x == h).unwrap()].clone();
    assert_eq!(at("状态"), "推进中");
    assert_eq!(at("逾期"), "");
    assert_eq!(
        (at("指标1"), at("计量单位1"), at("目标1"), at("已完成1")),
        ("道路".into(), "公里".into(), "8".into(), "6".into())
    );
    assert_eq!(at("完成率1（%）"), "75");
    assert_eq!((at("指标2"), at("已完成2")), ("桥梁".into(), String::new()));
    assert_eq!(at("最新备注"), "=已开工");
    assert_eq!(at("最后更新"), "2022-11-27 10:00");
    // The formula guard applies in the CSV.
    assert!(u.to_csv().contains(",'=已开工,"));
    // One row per task 朱家角 reports on, plus the header; a sheet per column.
    let own = r.rows().filter(|row| row.cells[col].is_some()).count();
    assert_eq!(u.rows.len(), own + 1);
    assert_eq!(r.sheets().len(), 2 + 13);
}

// ---------------------------------------------------------------- properties

mod properties {
    use super::*;
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    use qingdan::domain::summary::tasks_for_unit;

    /// Few cases: each builds 12 to 24 export files and several 74 × 13 matrices.
    const CASES: u32 = 24;
    /// 2022-11-28.
    fn as_of() -> Date {
        date(11, 28)
    }

    /// One edit by a unit: which of its tasks (an index, wrapped), what to do.
    #[derive(Debug, Clone)]
    enum Edit {
        Status(usize, Status),
        /// Task pick, metric pick (among the unit's assigned metrics of the task and one more),
        /// value in hundredths (`None` clears).
        Amount(usize, usize, Option<u32>),
        Note(usize, String),
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (any::<usize>(), prop::sample::select(Status::ALL.to_vec()))
                .prop_map(|(t, s)| Edit::Status(t, s)),
            (
                any::<usize>(),
                any::<usize>(),
                prop::option::of(0u32..100_000)
            )
                .prop_map(|(t, m, v)| Edit::Amount(t, m, v)),
            (any::<usize>(), "[a-z进展完成，。 ]{0,12}[字]").prop_map(|(t, s)| Edit::Note(t, s)),
        ]
    }

    /// Applies `edit` as `unit` at `at`. The note id is unique per (unit, at).
    fn apply(ds: &Dataset, doc: &mut ProgressDoc, unit: &str, edit: &Edit, at: i64) {
        let tasks = tasks_for_unit(ds, UnitKey::parse(unit));
        let pick = |i: usize| tasks[i % tasks.len()];
        match edit {
            Edit::Status(t, s) => doc.set_status(pick(*t).id, unit, *s, at).unwrap(),
            Edit::Amount(t, m, v) => {
                let task = pick(*t);
                let mut metrics: Vec<&str> = task
                    .allocations
                    .iter()
                    .filter(|a| a.unit == unit)
                    .flat_map(|a| a.items.iter().map(|i| i.metric.as_str()))
                    .collect();
                metrics.push("其他");
                let metric = metrics[m % metrics.len()];
                let value = v.map(|v| f64::from(v) / 100.0);
                doc.set_amount(task.id, unit, metric, value, at).unwrap()
            }
            Edit::Note(t, text) => doc
                .add_note(pick(*t).id, unit, &format!("{unit}-{at}"), text, at)
                .unwrap(),
        }
    }

    fn stamp(unit: usize, step: usize) -> i64 {
        T0 + (step as i64) * 60_000 + unit as i64
    }

    /// What the district had before the files came: older edits by any unit.
    fn current(ds: &Dataset, old: &[(usize, Edit)]) -> ProgressDoc {
        let mut d = ProgressDoc::new(&ds.meta);
        for (k, (u, e)) in old.iter().enumerate() {
            let unit = ds.units[u % ds.units.len()].id.clone();
            apply(ds, &mut d, &unit, e, T0 - 1_000_000 + k as i64 * 1000);
        }
        d
    }

    struct Plan {
        current: ProgressDoc,
        /// Every unit's edits applied directly to the current document.
        direct: ProgressDoc,
        /// Each unit's export after all its edits (index = unit index).
        late: Vec<(String, Vec<u8>)>,
        /// Each unit's export after the first half of its edits.
        early: Vec<(String, Vec<u8>)>,
    }

    fn plan(ds: &Dataset, old: &[(usize, Edit)], edits: &[Vec<Edit>]) -> Plan {
        let current = current(ds, old);
        let mut direct = current.clone();
        let mut late = Vec::new();
        let mut early = Vec::new();
        for (u, unit) in ds.units.iter().enumerate() {
            let mut own = ProgressDoc::new(&ds.meta);
            let half = edits[u].len() / 2;
            for (step, e) in edits[u].iter().enumerate() {
                if step == half {
                    early.push(file(
                        &format!("{}-early.json", unit.name),
                        &own,
                        Some(&unit.id),
                        T0,
                    ));
                }
                apply(ds, &mut own, &unit.id, e, stamp(u, step));
                apply(ds, &mut direct, &unit.id, e, stamp(u, step));
            }
            if early.len() == u {
                early.push(file(
                    &format!("{}-early.json", unit.name),
                    &own,
                    Some(&unit.id),
                    T0,
                ));
            }
            late.push(file(
                &format!("{}.json", unit.name),
                &own,
                Some(&unit.id),
                T0 + 10_000_000,
            ));
        }
        Plan {
            current,
            direct,
            late,
            early,
        }
    }

    /// Older edits for the current document (unit index, edit), each unit's edits, and a few
    /// unit indices (files to repeat, or units with an early export too).
    type Inputs = (Vec<(usize, Edit)>, Vec<Vec<Edit>>, Vec<usize>);

    fn inputs() -> impl Strategy<Value = Inputs> {
        (
            prop::collection::vec((0usize..12, edit()), 0..6),
            prop::collection::vec(prop::collection::vec(edit(), 0..6), 12),
            prop::collection::vec(0usize..12, 0..4),
        )
    }

    /// 12 unit exports in any order, some twice: the same combined document and matrix as in
    /// unit order, and as applying every unit's edits to one document; no conflicts.
    #[test]
    fn any_order_and_repeats_give_the_same_picture() {
        let ds = real();
        let mut runner = TestRunner::new(Config {
            cases: CASES,
            ..Config::default()
        });
        let strategy = inputs().prop_flat_map(|(old, edits, dups)| {
            let order: Vec<usize> = (0..12).chain(dups).collect();
            (Just(old), Just(edits), Just(order).prop_shuffle())
        });
        runner
            .run(&strategy, |(old, edits, order)| {
                let p = plan(&ds, &old, &edits);
                let in_order = collect(&p.current, &ds, &p.late);
                let files: Vec<(String, Vec<u8>)> =
                    order.iter().map(|&i| p.late[i].clone()).collect();
                let shuffled = collect(&p.current, &ds, &files);

                prop_assert_eq!(shuffled.refused().count(), 0);
                prop_assert!(shuffled.conflicts.is_empty());
                prop_assert_eq!(&shuffled.combined, &in_order.combined);
                prop_assert_eq!(&shuffled.totals, &in_order.totals);
                prop_assert_eq!(&shuffled.combined.records, &p.direct.records);
                let a = Rollup::all(&ds, &shuffled.combined, as_of())
                    .with_stated_totals(task_stated_totals);
                let b = Rollup::all(&ds, &p.direct, as_of()).with_stated_totals(task_stated_totals);
                prop_assert_eq!(&a, &b);
                prop_assert_eq!(a.sheets(), b.sheets());
                // A repeated file is marked as the same as an earlier file with the same records.
                let accepted: Vec<_> = shuffled.accepted().map(|(_, f)| f).collect();
                for (k, f) in accepted.iter().enumerate() {
                    let first = order.iter().position(|&i| i == order[k]).unwrap();
                    if first < k {
                        prop_assert!(f.same_as.is_some());
                    }
                    if let Some(j) = f.same_as {
                        prop_assert!(j < k);
                        prop_assert_eq!(&accepted[j].import.doc.records, &f.import.doc.records);
                    }
                }
                // Every record of the files counted once in the totals.
                let t = shuffled.totals;
                let records: usize = p
                    .late
                    .iter()
                    .map(|f| {
                        qingdan::domain::import::validate_import(&f.1, &ds)
                            .unwrap()
                            .doc
                            .records
                            .len()
                    })
                    .sum();
                prop_assert_eq!(t.new + t.updated + t.older_skipped + t.unchanged, records);
                Ok(())
            })
            .unwrap();
    }

    /// Early and late exports of the same units in any order: the late export wins every
    /// conflict, and the result is the same as the late exports alone.
    #[test]
    fn early_and_late_exports_resolve_to_the_late_ones() {
        let ds = real();
        let mut runner = TestRunner::new(Config {
            cases: CASES,
            ..Config::default()
        });
        let strategy = inputs().prop_flat_map(|(old, edits, units)| {
            // Late exports of every unit, early ones of some.
            let order: Vec<usize> = (0..12).chain(units.into_iter().map(|u| u + 12)).collect();
            (Just(old), Just(edits), Just(order).prop_shuffle())
        });
        runner
            .run(&strategy, |(old, edits, order)| {
                let p = plan(&ds, &old, &edits);
                let pick = |i: usize| {
                    if i < 12 {
                        p.late[i].clone()
                    } else {
                        p.early[i - 12].clone()
                    }
                };
                let files: Vec<(String, Vec<u8>)> = order.iter().map(|&i| pick(i)).collect();
                let batch = collect(&p.current, &ds, &files);
                let late_only = collect(&p.current, &ds, &p.late);
                prop_assert_eq!(&batch.combined, &late_only.combined);
                prop_assert_eq!(&batch.combined.records, &p.direct.records);
                prop_assert_eq!(&batch.totals, &late_only.totals);
                for c in &batch.conflicts {
                    let unit = ds.units.iter().position(|u| u.id == c.unit).unwrap();
                    let Winner::File(w) = c.winner else {
                        return Err(TestCaseError::fail(format!("{c:?}")));
                    };
                    prop_assert_eq!(order[w], unit, "the late export of the unit wins");
                    prop_assert!(c.files.iter().all(|&i| order[i] % 12 == unit));
                }
                Ok(())
            })
            .unwrap();
    }
}
