//! The task × unit matrix, district totals and who is behind.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::date::Date;
use crate::domain::export::{china_date, format_number};
use crate::domain::messages;
use crate::domain::progress::{Note, ProgressDoc, Record, RecordKey, Status, DISTRICT};
use crate::domain::query::category_label;
use crate::domain::summary::{is_overdue, metric_progress, unit_name, MetricProgress};
use crate::domain::task::StatedTotal;
use crate::domain::task::{Dataset, Task, UnitKey};

use super::charts::CellCounts;

/// Days without a report after which a unit counts as silent, by default (more than this many
/// days; exactly this many is not silent).
pub const SILENT_AFTER_DAYS: i64 = 14;

/// A column of the matrix: a unit, or the district level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Unit slug (e.g. `zhujiajiao`) or [`DISTRICT`].
    pub key: String,
    /// Full name (`朱家角镇`, `区级`).
    pub name: String,
    /// Whether this is the district-level column (the last one).
    pub district: bool,
}

/// What one column reports on one task: present exactly where the task applies to the column.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Current status; 未开始 when nothing was recorded.
    pub status: Status,
    /// Past the deadline at the as-of date and not done.
    pub overdue: bool,
    /// Per metric: the column's target (its assignment value, if assigned), its completed amount
    /// (if entered) and the measure; assigned metrics first, then metrics only recorded (see
    /// [`metric_progress`]).
    pub metrics: Vec<MetricProgress>,
    /// When anything in the record last changed (ms since epoch); `None` without a record.
    pub updated_at: Option<i64>,
    /// The most recently written live note.
    pub latest_note: Option<Note>,
}

impl Cell {
    fn new(task: &Task, key: &str, doc: &ProgressDoc, as_of: Date) -> Cell {
        let record = doc.record(task.id, key);
        let status = record.map(|r| r.status).unwrap_or_default();
        Cell {
            status,
            overdue: is_overdue(task, status, as_of),
            metrics: metric_progress(doc, task, key),
            updated_at: record.map(|r| r.updated_at).filter(|&t| t > 0),
            latest_note: record.and_then(Record::latest_note).cloned(),
        }
    }

    /// The metric of this name, if the cell has it.
    pub fn metric(&self, name: &str) -> Option<&MetricProgress> {
        self.metrics.iter().find(|m| m.metric == name)
    }

    /// A short label for a matrix cell: the status, `·逾期` when overdue, then completed/target
    /// with the measure: `推进中 6/8公里`; with several metrics each is named
    /// (`推进中 道路 6/8公里，桥梁 —/8座`). `—` stands for a missing number.
    pub fn label_zh(&self) -> String {
        let mut s = self.status.label_zh().to_string();
        if self.overdue {
            s.push_str(messages::OVERDUE_TAG);
        }
        let amount = amount_zh;
        match self.metrics.as_slice() {
            [] => {}
            [m] => {
                s.push(' ');
                s.push_str(&amount(m));
            }
            ms => {
                s.push(' ');
                let parts: Vec<String> = ms
                    .iter()
                    .map(|m| format!("{} {}", m.metric, amount(m)))
                    .collect();
                s.push_str(&parts.join("，"));
            }
        }
        s
    }
}

/// Completed/target with the measure, as in a matrix cell: `6/8公里`, `—/5.54公里` (`—` for a
/// missing number).
pub fn amount_zh(m: &MetricProgress) -> String {
    let num = |v: Option<f64>| v.map_or_else(|| messages::NO_VALUE.to_string(), format_number);
    format!("{}/{}{}", num(m.completed), num(m.target), m.measure)
}

/// One task's row: a cell per column (`None` where the task does not apply to the column).
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// The task.
    pub task: &'a Task,
    /// One entry per [`Rollup::columns`] entry, in the same order.
    pub cells: Vec<Option<Cell>>,
}

impl Row<'_> {
    /// The cells that exist, with their column index.
    pub fn cells(&self) -> impl Iterator<Item = (usize, &Cell)> {
        self.cells
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.as_ref().map(|c| (i, c)))
    }
}

/// The rows of one category.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRows<'a> {
    /// Category id.
    pub id: u8,
    /// Number and name, e.g. `(五)调优调整农业产业结构`.
    pub label: String,
    /// Its tasks, in the order given to [`Rollup::new`].
    pub rows: Vec<Row<'a>>,
}

/// Where a district total comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotalBasis {
    /// The allocation text states it (`全区落实粮食任务12.4万亩`).
    Stated,
    /// The source states none: the sum of the units' targets.
    SumOfUnits,
}

impl TotalBasis {
    /// `清单列明` or `各单位目标合计`.
    pub fn label_zh(self) -> &'static str {
        match self {
            TotalBasis::Stated => messages::TOTAL_STATED,
            TotalBasis::SumOfUnits => messages::TOTAL_SUM_OF_UNITS,
        }
    }
}

/// One metric of a task, summed over the district (see the module docs for the definitions).
#[derive(Debug, Clone, PartialEq)]
pub struct MetricTotal {
    /// Metric name, e.g. `粮食任务`.
    pub metric: String,
    /// Unit of measure of the assignments, e.g. `亩` (of the first assignment; the 2022 list
    /// never gives one metric of a task two measures).
    pub measure: String,
    /// The district total the percentage is taken of: [`MetricTotal::stated_total`] if the
    /// source gives one, else [`MetricTotal::units_target`].
    pub district_total: f64,
    /// Which of the two [`MetricTotal::district_total`] is.
    pub basis: TotalBasis,
    /// The total stated in the source, converted to [`MetricTotal::measure`].
    pub stated_total: Option<f64>,
    /// Σ of the units' targets (unit columns' cells).
    pub units_target: f64,
    /// Σ of the units' completed amounts (unit columns' cells; a missing amount adds nothing).
    pub units_done: f64,
    /// Units with a target for this metric.
    pub units_assigned: usize,
    /// Units that entered a completed amount for this metric.
    pub units_reported: usize,
    /// The amount recorded under the district level, shown apart and not added to
    /// [`MetricTotal::units_done`].
    pub district_done: Option<f64>,
    /// [`MetricTotal::units_done`] / [`MetricTotal::district_total`] × 100, when the total is > 0.
    pub percent: Option<f64>,
}

impl MetricTotal {
    /// The district total and its basis from the stated total (if any) and the units' targets,
    /// then the percentage.
    fn settle(&mut self) {
        (self.district_total, self.basis) = match self.stated_total {
            Some(v) => (v, TotalBasis::Stated),
            None => (self.units_target, TotalBasis::SumOfUnits),
        };
        self.percent =
            crate::domain::summary::percent(Some(self.units_done), Some(self.district_total));
    }
}

/// The totals of one task with quantified assignments.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskTotals<'a> {
    /// The task.
    pub task: &'a Task,
    /// One entry per metric assigned to any unit, in order of first appearance (unit order).
    pub metrics: Vec<MetricTotal>,
}

/// How one column is doing: its cell counts and when it last reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitActivity {
    /// Index into [`Rollup::columns`].
    pub column: usize,
    /// Unit key.
    pub key: String,
    /// Full name.
    pub name: String,
    /// Whether this is the district level.
    pub district: bool,
    /// Its cells by status, and how many are overdue (equal to [`Rollup::by_unit`]'s bar).
    pub counts: CellCounts,
    /// The newest `updated_at` of the unit's records in the document (any task); `None` = never.
    pub last_reported: Option<i64>,
    /// Calendar days from the last report to the as-of date (China time; negative when the last
    /// report is after the as-of date); `None` when never reported.
    pub days_since_report: Option<i64>,
    /// Never reported, or the last report is more than the given number of days old.
    pub silent: bool,
}

impl UnitActivity {
    /// `从未报送`, `今天有报送`, `3 天前报送` (or, after the as-of date, `截至日期后有报送`).
    pub fn last_report_zh(&self) -> String {
        match self.days_since_report {
            None => messages::NEVER_REPORTED.to_string(),
            Some(days) => messages::days_since_report(days),
        }
    }
}

/// The district roll-up of a document over a list of tasks, at an as-of date. See the module
/// docs for the definitions.
#[derive(Debug, Clone, PartialEq)]
pub struct Rollup<'a> {
    dataset: &'a Dataset,
    as_of: Date,
    columns: Vec<Column>,
    groups: Vec<CategoryRows<'a>>,
    /// Task id → (group index, row index), for lookups on long lists.
    index: BTreeMap<u16, (usize, usize)>,
    last_reported: Vec<Option<i64>>,
    totals: Vec<TaskTotals<'a>>,
    outside: Vec<RecordKey>,
}

impl<'a> Rollup<'a> {
    /// The roll-up of `doc` over `tasks` (e.g. the list page's filtered tasks; a task given twice
    /// is shown once) at the date `as_of`.
    pub fn new(dataset: &'a Dataset, doc: &ProgressDoc, as_of: Date, tasks: &[&'a Task]) -> Self {
        let columns: Vec<Column> = dataset
            .unit_keys()
            .map(|key| Column {
                key: key.as_str().to_string(),
                name: unit_name(dataset, key).unwrap_or(key.as_str()).to_string(),
                district: key == UnitKey::District,
            })
            .collect();

        let mut seen: BTreeSet<u16> = BTreeSet::new();
        let tasks: Vec<&'a Task> = tasks
            .iter()
            .copied()
            .filter(|t| seen.insert(t.id))
            .collect();
        let row = |task: &'a Task| Row {
            task,
            cells: columns
                .iter()
                .map(|c| {
                    dataset
                        .applies(task, UnitKey::parse(&c.key))
                        .then(|| Cell::new(task, &c.key, doc, as_of))
                })
                .collect(),
        };
        let mut category_ids: Vec<u8> = dataset.categories.iter().map(|c| c.id).collect();
        let mut extra: Vec<u8> = tasks
            .iter()
            .map(|t| t.category)
            .filter(|id| !category_ids.contains(id))
            .collect();
        extra.sort_unstable();
        extra.dedup();
        category_ids.extend(extra);
        let groups: Vec<CategoryRows<'a>> = category_ids
            .into_iter()
            .filter_map(|id| {
                let rows: Vec<Row<'a>> = tasks
                    .iter()
                    .filter(|t| t.category == id)
                    .map(|t| row(t))
                    .collect();
                (!rows.is_empty()).then(|| CategoryRows {
                    id,
                    label: category_label(dataset, id),
                    rows,
                })
            })
            .collect();

        // The newest stamp per unit key, over every record of the document.
        let mut newest: BTreeMap<&str, i64> = BTreeMap::new();
        for r in doc.records.iter().filter(|r| r.updated_at > 0) {
            let e = newest.entry(r.unit.as_str()).or_insert(r.updated_at);
            *e = (*e).max(r.updated_at);
        }
        let last_reported = columns
            .iter()
            .map(|c| newest.get(c.key.as_str()).copied())
            .collect();

        let index = groups
            .iter()
            .enumerate()
            .flat_map(|(g, group)| {
                group
                    .rows
                    .iter()
                    .enumerate()
                    .map(move |(r, row)| (row.task.id, (g, r)))
            })
            .collect();
        let mut rollup = Rollup {
            dataset,
            as_of,
            columns,
            groups,
            index,
            last_reported,
            totals: Vec::new(),
            outside: Vec::new(),
        };
        rollup.totals = rollup
            .rows()
            .filter_map(|row| rollup.task_totals(row, doc))
            .collect();
        rollup.outside = doc
            .records
            .iter()
            .filter(|r| match rollup.row(r.task) {
                None => false,
                Some(row) => rollup
                    .column_index(&r.unit)
                    .and_then(|i| row.cells.get(i))
                    .is_none_or(Option::is_none),
            })
            .map(Record::key)
            .collect();
        rollup
    }

    /// The roll-up over every task of the dataset.
    pub fn all(dataset: &'a Dataset, doc: &ProgressDoc, as_of: Date) -> Self {
        let tasks: Vec<&'a Task> = dataset.tasks.iter().collect();
        Rollup::new(dataset, doc, as_of, &tasks)
    }

    /// The dataset the roll-up is of.
    pub fn dataset(&self) -> &'a Dataset {
        self.dataset
    }

    /// The as-of date (overdue and days since the last report are counted to it).
    pub fn as_of(&self) -> Date {
        self.as_of
    }

    /// The columns: the dataset's units in dataset order, then the district level.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The index of a column by unit key.
    pub fn column_index(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    /// The rows grouped by category, in the dataset's category order (categories without a task
    /// in the roll-up are left out).
    pub fn groups(&self) -> &[CategoryRows<'a>] {
        &self.groups
    }

    /// Every row, in group order.
    pub fn rows(&self) -> impl Iterator<Item = &Row<'a>> {
        self.groups.iter().flat_map(|g| g.rows.iter())
    }

    /// The row of a task, if it is in the roll-up.
    pub fn row(&self, task: u16) -> Option<&Row<'a>> {
        let (g, r) = *self.index.get(&task)?;
        self.groups.get(g)?.rows.get(r)
    }

    /// The cell of (task, unit key), if the task is in the roll-up and applies to the unit.
    pub fn cell(&self, task: u16, key: &str) -> Option<&Cell> {
        let i = self.column_index(key)?;
        self.row(task)?.cells.get(i)?.as_ref()
    }

    /// Records of the roll-up's tasks that no cell shows (the task does not apply to the record's
    /// unit), by task then unit key. They are in no count.
    pub fn outside(&self) -> &[RecordKey] {
        &self.outside
    }

    /// The district totals of every task in the roll-up with quantified assignments, in row order.
    pub fn totals(&self) -> &[TaskTotals<'a>] {
        &self.totals
    }

    /// The newest `updated_at` among the records of column `column` (any task), if any.
    pub fn last_reported(&self, column: usize) -> Option<i64> {
        self.last_reported.get(column).copied().flatten()
    }

    /// Who is behind: one entry per column (units in dataset order, then the district level).
    /// A column is silent when it never reported or its last report is more than
    /// `silent_after_days` calendar days before the as-of date (see [`SILENT_AFTER_DAYS`]).
    pub fn activity(&self, silent_after_days: i64) -> Vec<UnitActivity> {
        let bars = self.by_unit();
        self.columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let last_reported = self.last_reported(i);
                let days_since_report = last_reported
                    .and_then(china_date)
                    .map(|d| self.as_of.days_since(d));
                UnitActivity {
                    column: i,
                    key: c.key.clone(),
                    name: c.name.clone(),
                    district: c.district,
                    counts: bars.get(i).map(|b| b.counts).unwrap_or_default(),
                    last_reported,
                    days_since_report,
                    silent: days_since_report.is_none_or(|d| d > silent_after_days),
                }
            })
            .collect()
    }

    /// The same roll-up with the district totals the source states (see the module docs):
    /// `stated` reads them from a task (`crate::source::allocation::task_stated_totals`; the
    /// parser of the source's free text lives with the source reader, not in the domain).
    pub fn with_stated_totals(mut self, stated: impl Fn(&Task) -> Vec<StatedTotal>) -> Self {
        for totals in &mut self.totals {
            let found = stated(totals.task);
            for t in &mut totals.metrics {
                t.stated_total = found
                    .iter()
                    .find(|s| s.metric == t.metric && s.measure == t.measure)
                    .map(|s| s.value);
                t.settle();
            }
        }
        self
    }

    fn task_totals(&self, row: &Row<'a>, doc: &ProgressDoc) -> Option<TaskTotals<'a>> {
        let task = row.task;
        let mut metrics: Vec<(&str, &str)> = Vec::new();
        for item in task.allocations.iter().flat_map(|a| a.items.iter()) {
            if !metrics.iter().any(|(m, _)| *m == item.metric) {
                metrics.push((&item.metric, &item.measure));
            }
        }
        if metrics.is_empty() {
            return None;
        }
        let district = doc.record(task.id, DISTRICT);
        let metrics = metrics
            .into_iter()
            .map(|(metric, measure)| {
                let mut t = MetricTotal {
                    metric: metric.to_string(),
                    measure: measure.to_string(),
                    district_total: 0.0,
                    basis: TotalBasis::SumOfUnits,
                    stated_total: None,
                    units_target: 0.0,
                    units_done: 0.0,
                    units_assigned: 0,
                    units_reported: 0,
                    district_done: district.and_then(|r| r.amount(metric)),
                    percent: None,
                };
                for (i, cell) in row.cells() {
                    if self.columns.get(i).is_none_or(|c| c.district) {
                        continue;
                    }
                    if let Some(m) = cell.metric(metric) {
                        if let Some(target) = m.target {
                            t.units_target += target;
                            t.units_assigned += 1;
                        }
                        if let Some(done) = m.completed {
                            t.units_done += done;
                            t.units_reported += 1;
                        }
                    }
                }
                t.settle();
                t
            })
            .collect();
        Some(TaskTotals { task, metrics })
    }
}
