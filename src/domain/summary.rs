//! Read-only views of progress against the dataset: which tasks a unit has, each metric's
//! completed amount against its target, and per-unit counts.

use crate::domain::date::Date;
use crate::domain::messages;
use crate::domain::progress::{ProgressDoc, Status, DISTRICT};
use crate::domain::task::{Dataset, Scope, Task};
use crate::domain::town::{applies_to_id, names_unit};

/// Whether `unit` (a slug or [`DISTRICT`]) has to report on `task`.
///
/// District-scope tasks belong to the district level only; the others to the units their scope
/// covers (the 11 街镇, plus the park for `AllTownsAndPark`) and to every unit the allocation
/// names, even outside the scope.
pub fn task_applies(dataset: &Dataset, task: &Task, unit: &str) -> bool {
    if unit == DISTRICT {
        return task.scope == Scope::District || names_unit(task, unit);
    }
    applies_to_id(dataset, task, unit)
}

/// The tasks `unit` reports on, in source order.
pub fn tasks_for_unit<'a>(dataset: &'a Dataset, unit: &str) -> Vec<&'a Task> {
    dataset
        .tasks
        .iter()
        .filter(|t| task_applies(dataset, t, unit))
        .collect()
}

/// All unit keys: the 12 unit slugs in dataset order, then [`DISTRICT`].
pub fn unit_keys(dataset: &Dataset) -> Vec<&str> {
    dataset
        .units
        .iter()
        .map(|u| u.id.as_str())
        .chain(std::iter::once(DISTRICT))
        .collect()
}

/// Whether `key` is one of the 12 unit slugs or [`DISTRICT`].
pub fn is_known_unit(dataset: &Dataset, key: &str) -> bool {
    key == DISTRICT || dataset.units.iter().any(|u| u.id == key)
}

/// The full name of a unit key (`zhujiajiao` → `朱家角镇`, `district` → `区级`).
pub fn unit_name<'a>(dataset: &'a Dataset, key: &str) -> Option<&'a str> {
    if key == DISTRICT {
        return Some(messages::DISTRICT_NAME);
    }
    dataset
        .units
        .iter()
        .find(|u| u.id == key)
        .map(|u| u.name.as_str())
}

/// One metric of one (task, unit): target from the dataset, completed amount from the progress.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricProgress {
    /// Metric name, e.g. `道路`.
    pub metric: String,
    /// Unit of measure, e.g. `公里`; empty if unknown.
    pub measure: String,
    /// Target from the allocation; `None` for a metric only recorded, not assigned.
    pub target: Option<f64>,
    /// Completed amount, if entered.
    pub completed: Option<f64>,
    /// completed / target × 100, when both exist and the target is > 0.
    pub percent: Option<f64>,
}

/// Completed amount as a percentage of the target, when it can be computed.
pub fn percent(completed: Option<f64>, target: Option<f64>) -> Option<f64> {
    match (completed, target) {
        (Some(c), Some(t)) if t > 0.0 && t.is_finite() && c.is_finite() => Some(c / t * 100.0),
        _ => None,
    }
}

/// The metrics of (task, unit): every assignment of the unit's allocation, then any metric the
/// progress has an amount for that the allocation does not name (so no entry is hidden).
pub fn metric_progress(doc: &ProgressDoc, task: &Task, unit: &str) -> Vec<MetricProgress> {
    let record = doc.record(task.id, unit);
    let mut out: Vec<MetricProgress> = Vec::new();
    for alloc in task.allocations.iter().filter(|a| a.unit == unit) {
        for item in &alloc.items {
            if out.iter().any(|m| m.metric == item.metric) {
                continue;
            }
            let completed = record.and_then(|r| r.amount(&item.metric));
            out.push(MetricProgress {
                metric: item.metric.clone(),
                measure: item.measure.clone(),
                target: Some(item.value),
                completed,
                percent: percent(completed, Some(item.value)),
            });
        }
    }
    if let Some(r) = record {
        for (metric, amount) in &r.amounts {
            if amount.value.is_some() && !out.iter().any(|m| &m.metric == metric) {
                out.push(MetricProgress {
                    metric: metric.clone(),
                    measure: String::new(),
                    target: None,
                    completed: amount.value,
                    percent: None,
                });
            }
        }
    }
    out
}

/// Whether a task is overdue on `today`: its deadline has passed and it is not done.
pub fn is_overdue(task: &Task, status: Status, today: Date) -> bool {
    status != Status::Done && task.deadline.is_some_and(|d| d < today)
}

/// Counts for one unit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitSummary {
    /// Unit key.
    pub unit: String,
    /// Tasks the unit reports on.
    pub total: usize,
    /// 已完成
    pub done: usize,
    /// 推进中
    pub in_progress: usize,
    /// 存在困难
    pub blocked: usize,
    /// 未开始
    pub not_started: usize,
    /// Past the deadline and not done (any status but 已完成).
    pub overdue: usize,
}

/// Counts for one unit on `today`.
pub fn unit_summary(doc: &ProgressDoc, dataset: &Dataset, unit: &str, today: Date) -> UnitSummary {
    let mut s = UnitSummary {
        unit: unit.to_string(),
        ..UnitSummary::default()
    };
    for task in tasks_for_unit(dataset, unit) {
        let status = doc.status(task.id, unit);
        s.total += 1;
        match status {
            Status::NotStarted => s.not_started += 1,
            Status::InProgress => s.in_progress += 1,
            Status::Done => s.done += 1,
            Status::Blocked => s.blocked += 1,
        }
        if is_overdue(task, status, today) {
            s.overdue += 1;
        }
    }
    s
}

/// Counts for every unit key (12 units, then the district level).
pub fn all_unit_summaries(doc: &ProgressDoc, dataset: &Dataset, today: Date) -> Vec<UnitSummary> {
    unit_keys(dataset)
        .into_iter()
        .map(|u| unit_summary(doc, dataset, u, today))
        .collect()
}
