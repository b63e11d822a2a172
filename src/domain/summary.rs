//! Read-only views of progress against the dataset: which tasks a unit has, each metric's
//! completed amount against its target, and per-unit counts.

use crate::domain::date::Date;
use crate::domain::messages;
use crate::domain::progress::{ProgressDoc, Status};
use crate::domain::task::{Dataset, Task, UnitKey};

/// The tasks `unit` reports on ([`Dataset::applies`]), in source order.
pub fn tasks_for_unit<'a>(dataset: &'a Dataset, unit: UnitKey) -> Vec<&'a Task> {
    dataset
        .tasks
        .iter()
        .filter(|t| dataset.applies(t, unit))
        .collect()
}

/// The full name of a unit key (`zhujiajiao` → `朱家角镇`, the district level → `区级`).
pub fn unit_name<'a>(dataset: &'a Dataset, key: UnitKey) -> Option<&'a str> {
    match key {
        UnitKey::District => Some(messages::DISTRICT_NAME),
        UnitKey::Unit(id) => dataset.unit(id).map(|u| u.name.as_str()),
    }
}

/// The full name of a unit key as records and URLs write it, or the key itself when the
/// dataset has no such unit.
pub fn unit_label<'a>(dataset: &'a Dataset, key: &'a str) -> &'a str {
    unit_name(dataset, UnitKey::parse(key)).unwrap_or(key)
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
    for task in tasks_for_unit(dataset, UnitKey::parse(unit)) {
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
    dataset
        .unit_keys()
        .map(|u| unit_summary(doc, dataset, u.as_str(), today))
        .collect()
}
