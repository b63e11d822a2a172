//! District totals per task and metric: the district total and where it comes from, the units'
//! targets and completed amounts summed, the completion rate, and the district's own figure.

use leptos::prelude::*;

use crate::domain::export::format_number;
use crate::domain::number::fixed;
use crate::domain::rollup::{MetricTotal, Rollup};
use crate::text;

use super::header_cells;

/// A percentage as the totals show it: one decimal (`87.5%`), as the report sheets round it.
pub(crate) fn percent_1(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_string(), |p| format!("{}%", fixed(p, 1)))
}

/// An amount with its measure (`124000亩`).
fn amount(v: f64, measure: &str) -> String {
    format!("{}{measure}", format_number(v))
}

/// One metric's cells (after the task's header cell).
fn metric_cells(m: &MetricTotal) -> impl IntoView {
    view! {
        <td data-col="metric">{m.metric.clone()}</td>
        <td class="num" data-col="district-total">{amount(m.district_total, &m.measure)}</td>
        <td data-col="basis">{m.basis.label_zh()}</td>
        <td class="num" data-col="units-target">{amount(m.units_target, &m.measure)}</td>
        <td class="num" data-col="units-done">{amount(m.units_done, &m.measure)}</td>
        <td class="num" data-col="percent">{percent_1(m.percent)}</td>
        <td class="num" data-col="district-done">
            {m.district_done.map_or_else(|| "—".to_string(), |v| amount(v, &m.measure))}
        </td>
    }
}

/// The totals table.
#[component]
pub fn TotalsSection(rollup: Memo<Rollup<'static>>) -> impl IntoView {
    let body = move || {
        rollup.with(|r| {
            r.totals()
                .iter()
                .map(|t| {
                    let n = t.metrics.len();
                    let rows = t
                        .metrics
                        .iter()
                        .enumerate()
                        .map(|(i, m)| {
                            let head = (i == 0).then(|| {
                                view! {
                                    <th scope="rowgroup" rowspan=n class="rollup-task">
                                        <span class="rollup-task-no">{t.task.id}</span>
                                        {t.task.name.clone()}
                                    </th>
                                }
                            });
                            view! {
                                <tr data-metric=m.metric.clone()>
                                    {head}
                                    {metric_cells(m)}
                                </tr>
                            }
                        })
                        .collect_view();
                    view! { <tbody data-task-id=t.task.id>{rows}</tbody> }
                })
                .collect_view()
        })
    };
    let empty = move || rollup.with(|r| r.totals().is_empty());
    view! {
        <section class="rollup-section rollup-print-break" data-testid="rollup-totals" aria-labelledby="totals-title">
            <h3 id="totals-title">{text::TOTALS_TITLE}</h3>
            <p class="muted">{text::TOTALS_HINT}</p>
            <Show
                when=move || !empty()
                fallback=|| view! { <p class="muted">{text::TOTALS_EMPTY}</p> }
            >
                <div class="table-wrap" role="region" aria-labelledby="totals-title" tabindex="0">
                    <table class="data-table rollup-totals" data-testid="rollup-totals-table">
                        <thead>
                            <tr>{header_cells(&text::TOTALS_HEADERS)}</tr>
                        </thead>
                        {body}
                    </table>
                </div>
            </Show>
        </section>
    }
}
