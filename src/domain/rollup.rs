//! The district roll-up (区级汇总, issue 10): collecting the units' JSON exports in one batch, and
//! one picture of the whole list — a task × unit matrix, district totals, who is behind, chart
//! data and report tables for CSV/xlsx.
//!
//! # Collecting ([`Batch::collect`])
//!
//! Each file is validated exactly as a single import ([`crate::domain::import::validate_import`]);
//! a refused file is listed with its [`ImportError`](crate::domain::import::ImportError) and
//! contributes nothing. The batch's [`Batch::combined`] document is the current document merged
//! ([`crate::domain::merge::merge`]) with every accepted file; merging is commutative and
//! idempotent per record, so the order of the files and repeated files do not matter. Nothing is
//! applied here: the state layer backs up, applies `combined`, and undoes by restoring the backup.
//!
//! # The matrix ([`Rollup`])
//!
//! Rows are the tasks given (the list page's filtered tasks, see
//! [`crate::domain::filter::filter_tasks`]), grouped by category in the dataset's category order;
//! within a category they keep the order given. Columns are the dataset's units in dataset order,
//! then the district level (区级, [`DISTRICT`](crate::domain::progress::DISTRICT)), which is where
//! the district-scope tasks are reported. A cell exists exactly where
//! [`task_applies`](crate::domain::summary::task_applies) says the column reports on the task;
//! records on other pairs are not shown in any cell (they are listed by [`Rollup::outside`]).
//!
//! # Counting rule
//!
//! Every count (status counts per unit, per category, per lead department, per deadline month, the
//! "who is behind" counts) counts **cells of the matrix**: (task, column) pairs that have a cell,
//! district column included. So the counts by unit, by category and by month each add up to the
//! same overall total ([`Rollup::overall`]). By lead department a cell counts once under each
//! distinct lead of its task (as the department facet does), so those counts add up to more than
//! the total when a task has two leads. A cell without a record is 未开始. A cell is overdue per
//! [`is_overdue`](crate::domain::summary::is_overdue) at the as-of date.
//!
//! # District totals ([`MetricTotal`])
//!
//! For every task in the matrix with quantified assignments, per metric: the district total is the
//! one the source states in the allocation text when it states one for that metric
//! ([`Rollup::with_stated_totals`], read by `crate::source::allocation::task_stated_totals`, e.g. `全区落实粮食任务12.4万亩` → 124 000 亩;
//! [`TotalBasis::Stated`]), otherwise the sum of the units' targets ([`TotalBasis::SumOfUnits`]).
//! Only a total that heads the list of units' shares (`总量：赵巷…、徐泾…`) is read as the
//! district total: in the 2022 list these are tasks 2, 3, 17, 19, 20, 24, 28, 31, 33, 40 and 43,
//! and each equals its units' sum. Figures in the prose of 任务要求及举措 are not read: they are
//! free text, sometimes count something else (task 70's `首批2个…固定观察点` leaves out the
//! 示范村), and where they differ from the shares (task 9: `54.4公里…48座` against the towns'
//! 60.54 公里 and 33 座, see `tests/data_sums.rs`) the shares are what the units report against.
//! Both sums are given besides: the units' targets and the units' completed amounts, each summed
//! over the unit columns' cells (an amount a unit recorded for the metric without being assigned
//! it counts too: it is work done in the district). The percentage is the units' completed sum
//! over the district total. Amounts recorded under the district level
//! ([`DISTRICT`](crate::domain::progress::DISTRICT)) are shown separately
//! ([`MetricTotal::district_done`]) and never added to the units' sum: the district may record a
//! figure of its own (e.g. from a statistics office) for the same work, and adding it would count
//! the work twice.
//!
//! # As-of date
//!
//! The as-of date (today, or `?asof=`) decides what is overdue and how many days ago a unit last
//! reported. The matrix always shows the document as it is: records are not rewound to the as-of
//! date, since the document keeps no history of values. Days are calendar days in China time
//! ([`crate::domain::export::china_date`]).
//!
//! # Who is behind ([`UnitActivity`])
//!
//! Per column: the cell counts as above, and the last report = the newest `updated_at` among all
//! of that column's records in the document (any task, also outside the filter: reporting is a
//! property of the unit, not of the view). A column is silent when it never reported or its last
//! report is more than N days before the as-of date (N = [`SILENT_AFTER_DAYS`] by default; exactly
//! N days is not silent).

mod charts;
mod collect;
mod matrix;
mod report;

pub use charts::{Bar, CellCounts};
pub use collect::{
    collect, AcceptedFile, Batch, BatchFile, Conflict, FieldWinner, RecordField, Winner,
};
pub use matrix::{
    amount_zh, CategoryRows, Cell, Column, MetricTotal, Rollup, Row, TaskTotals, TotalBasis,
    UnitActivity, SILENT_AFTER_DAYS,
};
pub use report::{rollup_csv, rollup_file_name, ReportCell, Sheet};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::date::Date;
    use crate::domain::progress::{ProgressDoc, Status, DISTRICT};
    use crate::domain::summary::MetricProgress;
    use crate::source::sample::sample_dataset;

    fn metric(name: &str, done: Option<f64>, target: Option<f64>, measure: &str) -> MetricProgress {
        MetricProgress {
            metric: name.into(),
            measure: measure.into(),
            target,
            completed: done,
            percent: None,
        }
    }

    fn cell(status: Status, overdue: bool, metrics: Vec<MetricProgress>) -> Cell {
        Cell {
            status,
            overdue,
            metrics,
            updated_at: None,
            latest_note: None,
        }
    }

    #[test]
    fn cell_labels() {
        let one = vec![metric("道路", Some(6.0), Some(8.0), "公里")];
        assert_eq!(
            cell(Status::InProgress, false, one).label_zh(),
            "推进中 6/8公里"
        );
        assert_eq!(cell(Status::Done, false, vec![]).label_zh(), "已完成");
        assert_eq!(
            cell(
                Status::Blocked,
                true,
                vec![metric("x", Some(5.54), None, "")]
            )
            .label_zh(),
            "存在困难·逾期 5.54/—"
        );
        let two = vec![
            metric("道路", None, Some(5.54), "公里"),
            metric("桥梁", Some(0.0), Some(3.0), "座"),
        ];
        assert_eq!(
            cell(Status::NotStarted, false, two).label_zh(),
            "未开始 道路 —/5.54公里，桥梁 0/3座"
        );
    }

    #[test]
    fn counts_add_up_by_status() {
        let mut c = CellCounts::default();
        assert_eq!(c.done_percent(), None);
        for (s, overdue) in [
            (Status::Done, false),
            (Status::Done, false),
            (Status::Blocked, true),
            (Status::NotStarted, true),
        ] {
            c.add(&cell(s, overdue, vec![]));
        }
        assert_eq!(c.total(), 4);
        assert_eq!(c.overdue, 2);
        let by_status: Vec<usize> = Status::ALL.iter().map(|&s| c.get(s)).collect();
        assert_eq!(by_status, [1, 0, 2, 1]);
        assert_eq!(c.done_percent(), Some(50.0));
    }

    #[test]
    fn sheet_names_are_made_valid_by_the_writer() {
        let sheets = [
            Sheet::new("汇总矩阵", vec![]),
            Sheet::new("a/b:c[1]?*\\", vec![]),
            Sheet::new(&"字".repeat(40), vec![]),
        ];
        let names = crate::domain::xlsx::sheet_names(&sheets);
        assert_eq!(names[0], "汇总矩阵");
        assert!(!names[1].contains(['/', ':', '[', ']', '?', '*', '\\']));
        assert_eq!(names[2].chars().count(), 31);
    }

    #[test]
    fn report_cells() {
        assert_eq!(ReportCell::text(""), ReportCell::Empty);
        assert_eq!(ReportCell::text("x"), ReportCell::Text("x".into()));
        assert_eq!(ReportCell::number(None), ReportCell::Empty);
        assert_eq!(ReportCell::number(Some(f64::NAN)), ReportCell::Empty);
        assert_eq!(ReportCell::Number(21500.0).to_text(), "21500");
        assert_eq!(ReportCell::Number(5.54).to_text(), "5.54");
        assert_eq!(ReportCell::Empty.to_text(), "");
        let s = Sheet::new(
            "t",
            vec![vec![
                ReportCell::text("a,b"),
                ReportCell::Number(1.5),
                ReportCell::Empty,
            ]],
        );
        assert_eq!(s.to_csv(), "\u{feff}\"a,b\",1.5,\r\n");
    }

    #[test]
    fn labels() {
        assert_eq!(TotalBasis::Stated.label_zh(), "清单列明");
        assert_eq!(TotalBasis::SumOfUnits.label_zh(), "各单位目标合计");
        assert_eq!(
            amount_zh(&metric("道路", Some(6.0), Some(8.0), "公里")),
            "6/8公里"
        );
        assert_eq!(amount_zh(&metric("x", None, Some(5.54), "")), "—/5.54");
        let d = Date::from_ymd_opt(2022, 12, 31).unwrap();
        assert_eq!(rollup_file_name(d, "xlsx"), "清单汇总-2022-12-31.xlsx");
    }

    #[test]
    fn an_empty_batch_changes_nothing() {
        let ds = sample_dataset();
        let mut current = ProgressDoc::new(&ds.meta);
        current.set_status(5, DISTRICT, Status::Done, 1).unwrap();
        let b = collect(&current, &ds, &[]);
        assert_eq!(b.combined, current);
        assert!(b.files.is_empty() && b.conflicts.is_empty() && !b.has_changes());
        assert_eq!(b.file_name(3), "");
    }

    #[test]
    fn an_empty_rollup_has_columns_but_no_rows() {
        let ds = sample_dataset();
        let doc = ProgressDoc::new(&ds.meta);
        let as_of = Date::from_ymd_opt(2022, 11, 28).unwrap();
        let r = Rollup::new(&ds, &doc, as_of, &[]);
        assert_eq!(r.columns().len(), ds.units.len() + 1);
        assert_eq!(r.rows().count(), 0);
        assert_eq!(r.overall(), CellCounts::default());
        assert!(r.by_month().is_empty() && r.by_lead().is_empty() && r.totals().is_empty());
        // Header only, and every unit sheet too.
        assert_eq!(r.matrix_sheet().rows.len(), 1);
        assert!(r.unit_sheets().iter().all(|s| s.rows.len() == 1));
        assert_eq!(r.unit_sheet(99), None);
        assert!(r.activity(SILENT_AFTER_DAYS).iter().all(|a| a.silent));
    }
}
