//! Report tables for export: typed cells in named sheets, for a CSV (here) and an .xlsx writer
//! (elsewhere). Every sheet's first row is its header; the numbers are the matrix's.

use crate::domain::csv::write_csv;
use crate::domain::date::Date;
use crate::domain::export::{format_number, format_stamp};
use crate::domain::messages;
use crate::domain::summary::MetricProgress;
use crate::domain::task::Task;

use super::matrix::Rollup;

pub use crate::domain::xlsx::{ReportCell, Sheet};

impl ReportCell {
    /// A text cell, or [`ReportCell::Empty`] for an empty text.
    pub fn text(s: impl Into<String>) -> ReportCell {
        let s = s.into();
        if s.is_empty() {
            ReportCell::Empty
        } else {
            ReportCell::Text(s)
        }
    }

    /// A number cell, or [`ReportCell::Empty`] for `None` or a non-finite value.
    pub fn number(v: Option<f64>) -> ReportCell {
        match v {
            Some(v) if v.is_finite() => ReportCell::Number(v),
            _ => ReportCell::Empty,
        }
    }

    /// A percentage rounded to one decimal, or [`ReportCell::Empty`].
    fn percent(p: Option<f64>) -> ReportCell {
        ReportCell::number(p.map(|p| (p * 10.0).round() / 10.0))
    }

    /// The cell as CSV text: the text, the number without needless decimals (at most four, as
    /// [`format_number`]), or nothing.
    pub fn to_text(&self) -> String {
        match self {
            ReportCell::Text(s) => s.clone(),
            ReportCell::Number(v) => format_number(*v),
            ReportCell::Empty => String::new(),
        }
    }
}

impl Sheet {
    /// A sheet with widths left to the writer (estimated from the content); the .xlsx writer
    /// makes the name valid and unique for Excel ([`crate::domain::xlsx::sheet_names`]).
    pub fn new(name: &str, rows: Vec<Vec<ReportCell>>) -> Sheet {
        Sheet {
            name: name.to_string(),
            rows,
            col_widths: Vec::new(),
        }
    }

    /// The sheet as an Excel-ready CSV text (BOM, CRLF, quoting and formula guard of
    /// [`write_csv`]).
    pub fn to_csv(&self) -> String {
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| r.iter().map(ReportCell::to_text).collect())
            .collect();
        write_csv(&rows)
    }
}

fn texts(cells: &[&str]) -> Vec<ReportCell> {
    cells.iter().map(|s| ReportCell::text(*s)).collect()
}

/// A task's deadline: the ISO date if the source names one (`2022-10-31`), else its text (`全年`).
fn deadline(task: &Task) -> ReportCell {
    ReportCell::text(
        task.deadline
            .map_or_else(|| task.deadline_text.clone(), |d| d.to_iso()),
    )
}

impl Rollup<'_> {
    /// (a) The matrix: 区级序号, 任务名称, 类别, 牵头部门, 完成时间, then one column per unit
    /// (and 区级) holding [`super::Cell::label_zh`] (e.g. `推进中 6/8公里`), empty where the task
    /// does not apply. One row per task, in group order.
    pub fn matrix_sheet(&self) -> Sheet {
        let mut header = texts(&messages::ROLLUP_MATRIX_HEADER);
        header.extend(
            self.columns()
                .iter()
                .map(|c| ReportCell::text(c.name.clone())),
        );
        let mut rows = vec![header];
        for g in self.groups() {
            for row in &g.rows {
                let mut r = vec![
                    ReportCell::Number(f64::from(row.task.id)),
                    ReportCell::text(row.task.name.clone()),
                    ReportCell::text(g.label.clone()),
                    ReportCell::text(row.task.leads.join("、")),
                    deadline(row.task),
                ];
                r.extend(row.cells.iter().map(|c| {
                    c.as_ref()
                        .map_or(ReportCell::Empty, |c| ReportCell::text(c.label_zh()))
                }));
                rows.push(r);
            }
        }
        Sheet::new(messages::ROLLUP_SHEET_MATRIX, rows)
    }

    /// (b) The totals: one row per (task, metric) of [`Rollup::totals`] with 区级总量 and its
    /// source, Σ of the units' targets and completed amounts, 完成率（%）, the numbers of units
    /// assigned and reporting, and the district level's own figure.
    pub fn totals_sheet(&self) -> Sheet {
        let mut rows = vec![texts(&messages::ROLLUP_TOTALS_HEADER)];
        for t in self.totals() {
            for m in &t.metrics {
                rows.push(vec![
                    ReportCell::Number(f64::from(t.task.id)),
                    ReportCell::text(t.task.name.clone()),
                    ReportCell::text(m.metric.clone()),
                    ReportCell::text(m.measure.clone()),
                    ReportCell::number(Some(m.district_total)),
                    ReportCell::text(m.basis.label_zh()),
                    ReportCell::number(Some(m.units_target)),
                    ReportCell::number(Some(m.units_done)),
                    ReportCell::percent(m.percent),
                    ReportCell::Number(m.units_assigned as f64),
                    ReportCell::Number(m.units_reported as f64),
                    ReportCell::number(m.district_done),
                ]);
            }
        }
        Sheet::new(messages::ROLLUP_SHEET_TOTALS, rows)
    }

    /// (c) One column's tasks (those with a cell), named after the unit: 区级序号, 任务名称, 类别,
    /// 完成时间, 状态, 逾期, then per metric 指标/计量单位/目标/已完成/完成率（%）, then 最新备注 and
    /// 最后更新. `None` for a column index out of range.
    pub fn unit_sheet(&self, column: usize) -> Option<Sheet> {
        let col = self.columns().get(column)?;
        let cells: Vec<(&str, &Task, &super::Cell)> = self
            .groups()
            .iter()
            .flat_map(|g| g.rows.iter().map(move |r| (g.label.as_str(), r)))
            .filter_map(|(label, r)| {
                r.cells
                    .get(column)
                    .and_then(Option::as_ref)
                    .map(|c| (label, r.task, c))
            })
            .collect();
        let width = cells
            .iter()
            .map(|(_, _, c)| c.metrics.len())
            .max()
            .unwrap_or(0)
            .max(1);
        let mut header = texts(&messages::ROLLUP_UNIT_HEADER_START);
        for i in 1..=width {
            header.extend(
                messages::rollup_unit_metric_header(i)
                    .into_iter()
                    .map(ReportCell::text),
            );
        }
        header.extend(texts(&messages::ROLLUP_UNIT_HEADER_END));
        let mut rows = vec![header];
        for (label, task, cell) in cells {
            let mut r = vec![
                ReportCell::Number(f64::from(task.id)),
                ReportCell::text(task.name.clone()),
                ReportCell::text(label),
                deadline(task),
                ReportCell::text(cell.status.label_zh()),
                if cell.overdue {
                    ReportCell::text(messages::OVERDUE)
                } else {
                    ReportCell::Empty
                },
            ];
            for i in 0..width {
                match cell.metrics.get(i) {
                    Some(m) => r.extend(metric_cells(m)),
                    None => r.extend(std::iter::repeat_n(ReportCell::Empty, 5)),
                }
            }
            r.push(
                cell.latest_note
                    .as_ref()
                    .map_or(ReportCell::Empty, |n| ReportCell::text(n.text.clone())),
            );
            r.push(
                cell.updated_at
                    .map_or(ReportCell::Empty, |t| ReportCell::text(format_stamp(t))),
            );
            rows.push(r);
        }
        Some(Sheet::new(&col.name, rows))
    }

    /// [`Rollup::unit_sheet`] for every column, in column order.
    pub fn unit_sheets(&self) -> Vec<Sheet> {
        (0..self.columns().len())
            .filter_map(|i| self.unit_sheet(i))
            .collect()
    }

    /// Every table for one workbook: the matrix, the totals, then one sheet per column.
    pub fn sheets(&self) -> Vec<Sheet> {
        let mut out = vec![self.matrix_sheet(), self.totals_sheet()];
        out.extend(self.unit_sheets());
        out
    }
}

fn metric_cells(m: &MetricProgress) -> [ReportCell; 5] {
    [
        ReportCell::text(m.metric.clone()),
        ReportCell::text(m.measure.clone()),
        ReportCell::number(m.target),
        ReportCell::number(m.completed),
        ReportCell::percent(m.percent),
    ]
}

/// The matrix ([`Rollup::matrix_sheet`]) as an Excel-ready CSV text.
pub fn rollup_csv(rollup: &Rollup<'_>) -> String {
    rollup.matrix_sheet().to_csv()
}

/// File name of a roll-up report, dated with the as-of date its figures are counted to:
/// `清单汇总-2022-12-31.xlsx`.
pub fn rollup_file_name(as_of: Date, extension: &str) -> String {
    format!(
        "{}-{}.{extension}",
        messages::ROLLUP_FILE_PREFIX,
        as_of.to_iso()
    )
}
