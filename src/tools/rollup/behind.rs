//! Who is behind: per unit its cells by status, the overdue ones, when it last reported and
//! whether it has been silent for longer than the threshold in the URL (`stale=`, default 14).

use leptos::prelude::*;

use crate::domain::export::format_stamp;
use crate::domain::rollup::{Rollup, UnitActivity};
use crate::domain::route::{Page, RollupView};
use crate::router::replace_url;
use crate::state::use_app_state;
use crate::text;

use super::header_cells;

/// One unit's row.
fn activity_row(a: &UnitActivity, stale: u32) -> impl IntoView {
    let c = a.counts;
    let last = a
        .last_reported
        .map(format_stamp)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "—".to_string());
    let (flag, class) = if a.silent {
        (text::silent_flag(stale), "status status-blocked")
    } else {
        (text::REPORTING.to_string(), "status status-done")
    };
    let num = |v: usize| view! { <td class="num">{v}</td> };
    view! {
        <tr data-unit=a.key.clone() data-silent=if a.silent { "true" } else { "false" }>
            <th scope="row">{a.name.clone()}</th>
            // What the table is for first, so a phone shows it without scrolling sideways.
            <td data-col="flag"><span class=class>{flag}</span></td>
            <td data-col="since">{a.last_report_zh()}</td>
            <td data-col="last">{last}</td>
            {num(c.done)}
            {num(c.in_progress)}
            {num(c.blocked)}
            {num(c.not_started)}
            {num(c.overdue)}
        </tr>
    }
}

/// The threshold input and the table.
#[component]
pub fn BehindSection(rollup: Memo<Rollup<'static>>, view: Memo<RollupView>) -> impl IntoView {
    let state = use_app_state();
    let stale = Memo::new(move |_| view.with(RollupView::stale_days));
    let rows = move || {
        let n = stale.get();
        rollup.with(|r| {
            r.activity(i64::from(n))
                .iter()
                .map(|a| activity_row(a, n))
                .collect_view()
        })
    };
    let on_input = move |ev: leptos::ev::Targeted<leptos::ev::Event, web_sys::HtmlInputElement>| {
        let Ok(n) = ev.target().value().trim().parse::<u32>() else {
            return;
        };
        let n = n.min(RollupView::MAX_STALE_DAYS);
        state.route.update(|r| {
            if let Page::Rollup(v) = &mut r.page {
                v.stale = (n != RollupView::DEFAULT_STALE_DAYS).then_some(n);
            }
        });
        replace_url(&state.route.get_untracked());
    };
    view! {
        <section class="rollup-section rollup-print-break" data-testid="rollup-behind" aria-labelledby="behind-title">
            <h3 id="behind-title">{text::BEHIND_TITLE}</h3>
            <p class="print-only">{move || text::stale_line(stale.get())}</p>
            <div class="field rollup-stale no-print">
                <label class="field-label" for="rollup-stale">{text::STALE_LABEL}</label>
                <div class="field-row">
                    <input
                        id="rollup-stale"
                        class="field-input"
                        type="number"
                        inputmode="numeric"
                        min="0"
                        max=RollupView::MAX_STALE_DAYS
                        step="1"
                        data-testid="rollup-stale"
                        prop:value=move || stale.get().to_string()
                        on:input:target=on_input
                    />
                    <span>{text::DAYS}</span>
                </div>
            </div>
            <div class="table-wrap" role="region" aria-labelledby="behind-title" tabindex="0">
                <table class="data-table rollup-behind" data-testid="rollup-behind-table">
                    <thead>
                        <tr>{header_cells(&text::BEHIND_HEADERS)}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
