//! A task's allocation as a table: one row per unit, one column per metric.

use leptos::prelude::*;

use crate::domain::task::{Dataset, Task};
use crate::domain::town::format_value;
use crate::text;

/// The distinct metric columns of a task's allocations, in first-seen order: (metric, measure).
fn columns(task: &Task) -> Vec<(String, String)> {
    let mut cols: Vec<(String, String)> = Vec::new();
    for a in &task.allocations {
        for i in &a.items {
            let key = (i.metric.clone(), i.measure.clone());
            if !cols.contains(&key) {
                cols.push(key);
            }
        }
    }
    cols
}

/// Units × metrics for one task; villages in their own column when any are named.
#[component]
pub fn AllocationTable(
    /// The dataset (for unit names).
    ds: &'static Dataset,
    /// The task.
    task: &'static Task,
) -> impl IntoView {
    let cols = columns(task);
    let has_villages = task.allocations.iter().any(|a| !a.villages.is_empty());
    let unit_name = |id: &str| {
        ds.unit(id)
            .map_or_else(|| id.to_string(), |u| u.name.clone())
    };
    let header = cols
        .iter()
        .map(|(m, unit)| {
            let label = if unit.is_empty() {
                m.clone()
            } else {
                format!("{m}（{unit}）")
            };
            view! { <th scope="col">{label}</th> }
        })
        .collect_view();
    let rows = task
        .allocations
        .iter()
        .map(|a| {
            let cells = cols
                .iter()
                .map(|(m, unit)| {
                    let v = a
                        .items
                        .iter()
                        .filter(|i| &i.metric == m && &i.measure == unit)
                        .map(|i| format_value(i.value))
                        .collect::<Vec<_>>()
                        .join("、");
                    view! { <td class="num">{v}</td> }
                })
                .collect_view();
            let villages = has_villages.then(|| view! { <td>{a.villages.join("、")}</td> });
            let named_only = if a.items.is_empty() && !cols.is_empty() {
                text::NAMED_ONLY
            } else {
                ""
            };
            view! {
                <tr data-unit=a.unit.clone()>
                    <th scope="row">{unit_name(&a.unit)} <small>{named_only}</small></th>
                    {cells}
                    {villages}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="alloc-table" data-testid="allocation-table">
                <caption>{text::F_ALLOCATION_TABLE}</caption>
                <thead>
                    <tr>
                        <th scope="col">{text::T_UNIT}</th>
                        {header}
                        {has_villages.then(|| view! { <th scope="col">{text::T_VILLAGES}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
