//! A unit's checklist laid out for A4 paper (`#/print/<unit>`, on the tools' page).

use leptos::prelude::*;

use crate::domain::deadline::deadline_phrase;
use crate::domain::summary::{metric_progress, tasks_for_unit, unit_name, unit_summary};
use crate::domain::task::UnitKey;
use crate::domain::town::{assignment_summary, format_value};
use crate::pages::not_found::NotFound;
use crate::state::use_app_state;
use crate::text;

/// The print view of `unit` (a unit slug or `district`).
#[component]
pub fn PrintPage(
    /// Unit key.
    unit: String,
) -> impl IntoView {
    let state = use_app_state();
    let ds = state.ds;
    let Some(name) = unit_name(ds, UnitKey::parse(&unit)).map(str::to_string) else {
        return view! { <NotFound message=text::TOWN_NOT_FOUND /> }.into_any();
    };
    let as_of = state.as_of();
    let unit = StoredValue::new(unit);
    let rows = move || {
        let u = unit.get_value();
        state.progress.doc.with(|d| {
            tasks_for_unit(ds, UnitKey::parse(&u))
                .into_iter()
                .map(|t| {
                    let status = d.status(t.id, &u);
                    let own = t
                        .allocations
                        .iter()
                        .find(|a| a.unit == u)
                        .map(assignment_summary)
                        .unwrap_or_default();
                    let amounts = metric_progress(d, t, &u)
                        .into_iter()
                        .filter_map(|m| {
                            Some(format!(
                                "{} {}/{}{}",
                                m.metric,
                                m.completed.map(format_value).unwrap_or_else(|| "0".into()),
                                format_value(m.target?),
                                m.measure
                            ))
                        })
                        .collect::<Vec<_>>()
                        .join("；");
                    let note = d
                        .record(t.id, &u)
                        .and_then(|r| r.latest_note().map(|n| n.text.clone()))
                        .unwrap_or_default();
                    let done = status == crate::domain::progress::Status::Done;
                    view! {
                        <tr data-testid="print-row">
                            <td class="num">{t.id}</td>
                            <td>{t.name.clone()}<br /><small>{own}</small></td>
                            <td>{t.deadline_text.clone()}<br /><small>{deadline_phrase(t.deadline, as_of, done)}</small></td>
                            <td>{status.label_zh()}</td>
                            <td>{amounts}</td>
                            <td class="pre">{note}</td>
                            <td class="print-check" aria-hidden="true"></td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let summary = move || {
        let s = state
            .progress
            .doc
            .with(|d| unit_summary(d, ds, &unit.get_value(), as_of));
        crate::domain::messages::brief_counts(
            s.done,
            s.total,
            s.overdue,
            s.in_progress,
            s.blocked,
            s.not_started,
        )
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="print" data-testid="print-page">
            <div class="actions no-print">
                <button type="button" class="button button-primary" on:click=print>{text::PRINT_NOW}</button>
            </div>
            <h2>{format!("{name}{}", text::PRINT_TASK_LIST)}</h2>
            <p>{format!("{}　{}：{}", ds.meta.title, text::AS_OF_LABEL, as_of.to_iso())}</p>
            <p>{summary}</p>
            // On a phone the table scrolls sideways (style/main.css), so it takes focus.
            <table class="data-table print-table" tabindex="0">
                <thead>
                    <tr>
                        <th scope="col">{text::COL_NO}</th>
                        <th scope="col">{text::COL_NAME}</th>
                        <th scope="col">{text::COL_DEADLINE}</th>
                        <th scope="col">{text::STATUS_LEGEND}</th>
                        <th scope="col">{text::AMOUNTS_TITLE}</th>
                        <th scope="col">{text::NOTES_TITLE}</th>
                        <th scope="col">"✓"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
    .into_any()
}
