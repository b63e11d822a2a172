//! Chart data: the matrix's cells counted by unit, category, lead department and deadline month.
//! Every count is over the matrix's cells (see "Counting rule" in the module docs of
//! [`crate::domain::rollup`]), so the charts agree with the matrix and with each other.

use std::collections::BTreeMap;

use crate::domain::messages;
use crate::domain::progress::Status;
use crate::domain::query::{leads_index, month_label};

use super::matrix::{Cell, Rollup};

/// Cells by status, and how many of them are overdue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CellCounts {
    /// 未开始 (including cells without a record).
    pub not_started: usize,
    /// 推进中
    pub in_progress: usize,
    /// 已完成
    pub done: usize,
    /// 存在困难
    pub blocked: usize,
    /// Of all the above, the overdue ones (not a fifth status: not part of [`CellCounts::total`]).
    pub overdue: usize,
}

impl CellCounts {
    /// Counts one cell.
    pub fn add(&mut self, cell: &Cell) {
        match cell.status {
            Status::NotStarted => self.not_started += 1,
            Status::InProgress => self.in_progress += 1,
            Status::Done => self.done += 1,
            Status::Blocked => self.blocked += 1,
        }
        if cell.overdue {
            self.overdue += 1;
        }
    }

    /// All cells counted (the four statuses).
    pub fn total(&self) -> usize {
        self.not_started + self.in_progress + self.done + self.blocked
    }

    /// The count of one status (for drawing the stacked segments in [`Status::ALL`] order).
    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::NotStarted => self.not_started,
            Status::InProgress => self.in_progress,
            Status::Done => self.done,
            Status::Blocked => self.blocked,
        }
    }

    /// 已完成 as a percentage of all cells, when there are any.
    pub fn done_percent(&self) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| self.done as f64 / total as f64 * 100.0)
    }
}

/// One bar of a chart: a key, its label and the cells counted under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// A stable key: the unit key, the category id, the department name, or `YYYY-MM` / `none`
    /// for deadline months.
    pub key: String,
    /// What to print beside the bar, in Chinese.
    pub label: String,
    /// The cells under this bar. For a deadline month, [`CellCounts::total`] is the cells due
    /// that month and [`CellCounts::done`] those of them done.
    pub counts: CellCounts,
}

impl Rollup<'_> {
    /// Every cell of the matrix, counted.
    pub fn overall(&self) -> CellCounts {
        let mut c = CellCounts::default();
        for row in self.rows() {
            for (_, cell) in row.cells() {
                c.add(cell);
            }
        }
        c
    }

    /// Completion by unit: one bar per column (units in dataset order, then 区级). The bars add
    /// up to [`Rollup::overall`].
    pub fn by_unit(&self) -> Vec<Bar> {
        let mut counts = vec![CellCounts::default(); self.columns().len()];
        for row in self.rows() {
            for (i, cell) in row.cells() {
                if let Some(c) = counts.get_mut(i) {
                    c.add(cell);
                }
            }
        }
        self.columns()
            .iter()
            .zip(counts)
            .map(|(col, counts)| Bar {
                key: col.key.clone(),
                label: col.name.clone(),
                counts,
            })
            .collect()
    }

    /// Completion by category: one bar per category group, in group order. The bars add up to
    /// [`Rollup::overall`].
    pub fn by_category(&self) -> Vec<Bar> {
        self.groups()
            .iter()
            .map(|g| {
                let mut counts = CellCounts::default();
                for row in &g.rows {
                    for (_, cell) in row.cells() {
                        counts.add(cell);
                    }
                }
                Bar {
                    key: g.id.to_string(),
                    label: g.label.clone(),
                    counts,
                }
            })
            .collect()
    }

    /// Completion by lead department: a cell counts under each distinct lead of its task (so the
    /// bars add up to more than [`Rollup::overall`] when a task has two leads). Departments in
    /// the department list's order (most tasks first, then name); only those leading a task of
    /// the roll-up.
    pub fn by_lead(&self) -> Vec<Bar> {
        let mut counts: BTreeMap<&str, CellCounts> = BTreeMap::new();
        for row in self.rows() {
            let mut leads: Vec<&str> = row.task.leads.iter().map(String::as_str).collect();
            leads.sort_unstable();
            leads.dedup();
            for lead in leads {
                let c = counts.entry(lead).or_default();
                for (_, cell) in row.cells() {
                    c.add(cell);
                }
            }
        }
        let mut out: Vec<Bar> = Vec::new();
        for (lead, _) in leads_index(self.dataset()) {
            if let Some(c) = counts.remove(lead.as_str()) {
                out.push(Bar {
                    label: lead.clone(),
                    key: lead,
                    counts: c,
                });
            }
        }
        // Leads of tasks outside the dataset's own list, if any, by name.
        out.extend(counts.into_iter().map(|(lead, counts)| Bar {
            key: lead.to_string(),
            label: lead.to_string(),
            counts,
        }));
        out
    }

    /// The deadline view: one bar per deadline month of the roll-up's tasks, in date order, then
    /// one for tasks without a deadline (`无日期`) if any. A bar's total is the cells due that
    /// month; its `done` those of them done. The bars add up to [`Rollup::overall`].
    pub fn by_month(&self) -> Vec<Bar> {
        let mut months: BTreeMap<Option<(i32, u32)>, CellCounts> = BTreeMap::new();
        for row in self.rows() {
            let c = months
                .entry(row.task.deadline.map(|d| (d.year(), d.month())))
                .or_default();
            for (_, cell) in row.cells() {
                c.add(cell);
            }
        }
        let plan_year = self.dataset().meta.year;
        let (dated, undated): (Vec<_>, Vec<_>) =
            months.into_iter().partition(|(month, _)| month.is_some());
        dated
            .into_iter()
            .chain(undated)
            .map(|(month, counts)| match month {
                Some((year, month)) => Bar {
                    key: format!("{year:04}-{month:02}"),
                    label: if year == plan_year {
                        month_label(month)
                    } else {
                        messages::year_month(year, month)
                    },
                    counts,
                },
                None => Bar {
                    key: "none".to_string(),
                    label: month_label(0),
                    counts,
                },
            })
            .collect()
    }
}
